//! `attestor merge`: one organisation portal from the `status.json` of
//! several repositories' portals.
//!
//! It reads `status.json` only, the public interface `docs/status-json.md`
//! describes, never a docs tree, so a company with hundreds of repositories
//! gets one view without reading their trees again. Each input is one
//! repository, named by the folder that holds its status.json (see
//! [`namespace_of`]); its task ids become `<name>/<id>`, and every link
//! leads to the repository's own portal: under its `site.base_url` when it
//! has a web address, else by a relative path from the output folder.
//!
//! An input that cannot be read (missing, not JSON, another schema) is a
//! [`Problem`] and the others are merged. The output is written the way a
//! build writes its portal ([`crate::write::Staging`]): beside the output
//! folder, then swapped in, and only into a folder that is new, empty or
//! attestor's own; never into a portal that is read.

use std::collections::HashSet;
use std::fmt;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::diagnostics::Severity;
use crate::render::context::tasks::Progress;
use crate::render::status::{GENERATOR, SCHEMA, write_json};
use crate::render::{Content, Output};

/// The organisation portal's title when `--title` is not given.
pub const DEFAULT_TITLE: &str = "Organisation status";

/// Names of folders that hold a portal rather than name a repository
/// (compared in any case): a repository whose status.json is in
/// `billing/public/` is named `billing`.
pub const PORTAL_FOLDERS: [&str; 5] = ["public", "site", "_site", "dist", "out"];

/// The file a portal folder holds, which an input may name by its folder.
const STATUS_FILE: &str = "status.json";

/// The templates of the organisation portal, with the default theme's
/// components (the progress bar). They are the merge's own: a project's
/// theme belongs to its repository, not to the organisation.
const TEMPLATES: &[(&str, &str)] = &[
    ("components.html", include_str!("../themes/default/templates/components.html")),
    ("merge-base.html", include_str!("../themes/default/templates/merge-base.html")),
    ("merge-index.html", include_str!("../themes/default/templates/merge-index.html")),
    ("merge-tasks.html", include_str!("../themes/default/templates/merge-tasks.html")),
];

/// What `attestor merge` is asked to do.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The inputs as the user gave them: each a `status.json`, or a folder
    /// holding one.
    pub inputs: Vec<PathBuf>,
    /// The output folder as the user gave it.
    pub out: PathBuf,
    /// The organisation portal's title; [`DEFAULT_TITLE`] when `None`.
    pub title: Option<String>,
}

/// A problem with one input: it was not merged (an error), or it was merged
/// with less than it offered (a warning).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// The input as the user gave it.
    pub path: PathBuf,
    /// What is wrong, for people.
    pub message: String,
}

impl Problem {
    fn error(path: &Path, message: impl Into<String>) -> Problem {
        Problem { severity: Severity::Error, path: path.to_path_buf(), message: message.into() }
    }

    fn warning(path: &Path, message: impl Into<String>) -> Problem {
        Problem { severity: Severity::Warning, path: path.to_path_buf(), message: message.into() }
    }
}

impl fmt::Display for Problem {
    /// `error: <path>: <why>`, one line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display().to_string();
        let path = crate::diagnostics::printable(&path);
        write!(f, "{}: {path}: {}", self.severity.as_str(), self.message)
    }
}

/// What a merge did, for the summary line and the exit code.
#[derive(Debug)]
pub struct Merged {
    /// How many repositories were merged.
    pub repositories: usize,
    /// How many tasks they have together.
    pub tasks: usize,
    /// The inputs that were not merged, or merged with less, in the order
    /// they were given.
    pub problems: Vec<Problem>,
    /// Whether the organisation portal was written: not when no input
    /// could be read.
    pub written: bool,
    /// How long the merge took.
    pub elapsed: Duration,
}

impl Merged {
    /// Whether an input could not be merged.
    pub fn failed(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }

    /// The one summary line a merge ends with; `out` is the output folder
    /// as the user named it.
    pub fn summary_line(&self, out: &Path) -> String {
        let errors = self.problems.iter().filter(|p| p.severity == Severity::Error).count();
        let repositories = match self.repositories {
            1 => "1 repository".to_string(),
            n => format!("{n} repositories"),
        };
        let what = format!("{repositories}, {}", crate::plural(self.tasks, "task"));
        let not_merged = if errors > 0 { format!(" ({errors} not merged)") } else { String::new() };
        let time = self.elapsed.as_secs_f64();
        if self.written {
            format!("Merged {what}{not_merged} in {time:.2}s -> {}", out.display())
        } else {
            format!(
                "Merged nothing{not_merged} in {time:.2}s; nothing was written to {}",
                out.display()
            )
        }
    }
}

/// What a portal's `status.json` says that the merge uses; every other
/// field is passed over, and a missing one is empty.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct StatusFile {
    site: Option<SiteInfo>,
    summary: Summary,
    tasks: Vec<Map<String, Value>>,
}

/// A portal's `site`: which portal it is and where it is served.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SiteInfo {
    title: Option<String>,
    base_url: Option<String>,
}

/// A portal's `summary` counts, which the merged summary adds up (the
/// headline is the portal's own and is left out).
#[derive(Debug, Default, Clone, Copy, Deserialize, Serialize)]
#[serde(default)]
struct Summary {
    documents: u64,
    tasks: u64,
    done: u64,
    verified: u64,
    claimed: u64,
    contradicted: u64,
    in_progress: u64,
    open: u64,
    blocked: u64,
    skipped: u64,
    evidence: u64,
    evidence_failing: u64,
    errors: u64,
    warnings: u64,
    not_read: u64,
}

impl Summary {
    fn add(&mut self, other: &Summary) {
        self.documents += other.documents;
        self.tasks += other.tasks;
        self.done += other.done;
        self.verified += other.verified;
        self.claimed += other.claimed;
        self.contradicted += other.contradicted;
        self.in_progress += other.in_progress;
        self.open += other.open;
        self.blocked += other.blocked;
        self.skipped += other.skipped;
        self.evidence += other.evidence;
        self.evidence_failing += other.evidence_failing;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.not_read += other.not_read;
    }

    /// The progress bar of these counts: every task but the skipped ones.
    fn progress(&self) -> Progress {
        let n = |count: u64| usize::try_from(count).unwrap_or(usize::MAX);
        Progress {
            done: n(self.done),
            verified: n(self.verified),
            claimed: n(self.claimed),
            contradicted: n(self.contradicted),
            in_progress: n(self.in_progress),
            blocked: n(self.blocked),
            open: n(self.open),
            skipped: n(self.skipped),
            ..Progress::default()
        }
        .totalled()
    }
}

/// One input, read.
struct Repository {
    /// Its namespace: the key of its tasks' ids.
    name: String,
    /// Its portal's title, for display.
    title: String,
    /// The input as the user gave it.
    source: String,
    /// Where its portal's pages are linked from, ending in `/`: its web
    /// address, or a path relative to the output folder.
    base: String,
    /// Whether `base` is a web address.
    web: bool,
    summary: Summary,
    tasks: Vec<Map<String, Value>>,
}

impl Repository {
    /// The link to its portal's dashboard.
    fn portal(&self) -> String {
        if self.web { self.base.clone() } else { format!("{}index.html", self.base) }
    }

    /// The link to a page of its portal, by the page's `url` in its
    /// status.json; a `url` that is not a path inside the portal links the
    /// portal's dashboard.
    fn link(&self, url: Option<&str>) -> String {
        match url.filter(|url| inside_portal(url)) {
            Some(url) => format!("{}{}", self.base, crate::model::href(url)),
            None => self.portal(),
        }
    }
}

/// Merges the `status.json` of `options.inputs` into an organisation portal
/// in `options.out`. An input that cannot be read is a problem of the
/// result, and the rest are merged; an error is returned only when the
/// merge cannot run at all (the output folder is refused or not writable).
pub fn merge(options: &Options) -> anyhow::Result<Merged> {
    let started = Instant::now();
    let out = absolute(&options.out)
        .with_context(|| format!("cannot resolve output `{}`", options.out.display()))?;
    let mut problems = Vec::new();
    let mut repositories = Vec::new();
    let mut taken = HashSet::new();
    for given in &options.inputs {
        let Some((file, named)) = locate(given, &mut problems) else { continue };
        let folder = file.parent().unwrap_or(&file).to_path_buf();
        anyhow::ensure!(
            !folder.starts_with(&out),
            "the output folder `{}` would replace the portal of `{}`, which is read; choose another with -o",
            options.out.display(),
            given.display()
        );
        let Some(status) = read(given, &file, &mut problems) else { continue };
        let name = unique(namespace_of(&named), &mut taken);
        let site = status.site.unwrap_or_default();
        let base_url = site.base_url.as_deref().map(str::trim).filter(|u| !u.is_empty());
        let web = base_url.and_then(web_base);
        if base_url.is_some() && web.is_none() {
            problems.push(Problem::warning(
                given,
                "site.base_url is not an http(s) URL; its portal is linked by its path instead",
            ));
        }
        let (base, web) = match web {
            Some(base) => (base, true),
            None => (local_base(&out, &folder), false),
        };
        let title = site.title.filter(|t| !t.trim().is_empty()).unwrap_or_else(|| name.clone());
        let mut tasks = status.tasks;
        let before = tasks.len();
        tasks.retain(|task| task.get("id").is_some_and(Value::is_string));
        if tasks.len() < before {
            let n = crate::plural(before - tasks.len(), "task");
            problems.push(Problem::warning(given, format!("{n} without an `id` left out")));
        }
        let source = given.display().to_string();
        repositories.push(Repository {
            name,
            title,
            source,
            base,
            web,
            summary: status.summary,
            tasks,
        });
    }
    repositories.sort_by(|a, b| a.name.cmp(&b.name));
    let n_repositories = repositories.len();
    let n_tasks = repositories.iter().map(|r| r.tasks.len()).sum();
    let written = n_repositories > 0;
    if written {
        let title = options.title.clone().unwrap_or_else(|| DEFAULT_TITLE.to_string());
        let portal = Portal { title, repositories, problems: &problems };
        write(&portal, &out, &options.out)?;
    }
    Ok(Merged {
        repositories: n_repositories,
        tasks: n_tasks,
        problems,
        written,
        elapsed: started.elapsed(),
    })
}

/// The status.json an input names (the file, or the one in the folder):
/// its canonical path, to read it and link it, and its path as given made
/// absolute, to name the repository by the folders the user named rather
/// than by where a symlink leads. `None` (and a problem) when there is none.
fn locate(given: &Path, problems: &mut Vec<Problem>) -> Option<(PathBuf, PathBuf)> {
    let path = match given.canonicalize() {
        Ok(path) => path,
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            problems.push(Problem::error(given, "not found"));
            return None;
        }
        Err(err) => {
            problems.push(Problem::error(given, format!("cannot be read: {err}")));
            return None;
        }
    };
    let named = std::path::absolute(given).map_or_else(|_| path.clone(), |abs| lexical(&abs));
    if !path.is_dir() {
        return Some((path, named));
    }
    let file = path.join(STATUS_FILE);
    if file.is_file() {
        Some((file, named.join(STATUS_FILE)))
    } else {
        problems.push(Problem::error(given, "is a folder with no status.json"));
        None
    }
}

/// Reads a portal's status.json; `None` (and a problem) when it is not one
/// attestor can merge.
fn read(given: &Path, file: &Path, problems: &mut Vec<Problem>) -> Option<StatusFile> {
    let mut fail = |message: String| {
        problems.push(Problem::error(given, message));
        None
    };
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(err) => return fail(format!("cannot be read: {err}")),
    };
    let value: Value = match serde_json::from_slice(&bytes) {
        Ok(value) => value,
        Err(err) => return fail(format!("is not JSON: {err}")),
    };
    drop(bytes);
    if !value.is_object() {
        return fail("is not an attestor status.json: not a JSON object".to_string());
    }
    match &value["schema"] {
        Value::Number(n) if n.as_u64() == Some(u64::from(SCHEMA)) => {}
        Value::Null => {
            return fail("is not an attestor status.json: it has no `schema`".to_string());
        }
        other => {
            return fail(format!(
                "has schema {other}; this attestor reads schema {SCHEMA} (see docs/status-json.md)"
            ));
        }
    }
    if value["merged"] == Value::Bool(true) {
        return fail(
            "is the status.json of a merged portal; merge the repositories' own".to_string(),
        );
    }
    match serde_json::from_value(value) {
        Ok(status) => Some(status),
        Err(err) => fail(format!("is not an attestor status.json: {err}")),
    }
}

/// The namespace of the repository whose status.json is `file` (absolute):
/// the name of the folder that holds it, or of that folder's parent when it
/// is named as a portal folder is ([`PORTAL_FOLDERS`]), slugged:
/// `/src/Billing API/public/status.json` is `billing-api`.
pub fn namespace_of(file: &Path) -> String {
    let folder = file.parent();
    let name = |path: Option<&Path>| {
        path.and_then(Path::file_name).map(|n| n.to_string_lossy().into_owned())
    };
    let own = name(folder);
    let is_portal_folder = |n: &String| PORTAL_FOLDERS.iter().any(|p| n.eq_ignore_ascii_case(p));
    let chosen = match own {
        Some(own) if is_portal_folder(&own) => name(folder.and_then(Path::parent)).unwrap_or(own),
        other => other.unwrap_or_default(),
    };
    if chosen.chars().any(|c| c.is_alphanumeric() || c == '_') {
        crate::model::slug(&chosen)
    } else {
        "repository".to_string()
    }
}

/// `name`, or `name-2`, `name-3`… when an earlier input took it.
pub fn unique(name: String, taken: &mut HashSet<String>) -> String {
    let mut chosen = name.clone();
    let mut n = 2;
    while taken.contains(&chosen) {
        chosen = format!("{name}-{n}");
        n += 1;
    }
    taken.insert(chosen.clone());
    chosen
}

/// A portal's `base_url` as the base of links, ending in `/`, when it is a
/// web address: `http://` or `https://` and a host, no spaces or quotes.
/// Anything else (`javascript:`, `file:`, a bare path) is `None`.
fn web_base(url: &str) -> Option<String> {
    let url = url.trim_end_matches('/');
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let bad = |c: char| c.is_whitespace() || c.is_control() || "\"'<>\\`".contains(c);
    let has_host = !rest.is_empty() && !rest.starts_with('/');
    let ok = matches!(scheme.as_str(), "http" | "https") && has_host && !rest.chars().any(bad);
    ok.then(|| format!("{scheme}://{rest}/"))
}

/// Whether a page's `url` of a portal's status.json is a path inside the
/// portal: relative, no scheme, no `..`.
fn inside_portal(url: &str) -> bool {
    !url.is_empty()
        && !url.starts_with(['/', '\\'])
        && !url.contains(':')
        && !url.split(['/', '\\']).any(|part| part == "..")
}

/// The base of links from the output folder `out` to a portal in `folder`
/// (both absolute): a relative path ending in `/`, or a `file://` URL when
/// there is none (another drive).
fn local_base(out: &Path, folder: &Path) -> String {
    match relative_path(out, folder) {
        Some(parts) => parts.iter().map(|part| format!("{}/", crate::model::href(part))).collect(),
        None => {
            let parts: Vec<String> = folder
                .components()
                .filter_map(|c| match c {
                    Component::Prefix(prefix) => {
                        Some(prefix.as_os_str().to_string_lossy().into_owned())
                    }
                    Component::Normal(part) => Some(crate::model::href(&part.to_string_lossy())),
                    _ => None,
                })
                .collect();
            format!("file:///{}/", parts.join("/"))
        }
    }
}

/// The path from folder `from` to `to` (both absolute), one part each:
/// `..` to leave `from`, then names. `None` when they share no root.
fn relative_path(from: &Path, to: &Path) -> Option<Vec<String>> {
    let from: Vec<Component<'_>> = from.components().collect();
    let to: Vec<Component<'_>> = to.components().collect();
    if from.first() != to.first() {
        return None;
    }
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let names = |parts: &[Component<'_>]| parts.iter().all(|c| matches!(c, Component::Normal(_)));
    if !names(&from[common..]) || !names(&to[common..]) {
        return None;
    }
    let up = from[common..].iter().map(|_| "..".to_string());
    let down = to[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned());
    Some(up.chain(down).collect())
}

/// An absolute path with its `.` and `..` parts resolved by name.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// `path` made absolute, with its longest existing part canonical (so it
/// compares equal to the canonical paths of the inputs) and the rest
/// appended as written, `.` and `..` resolved.
fn absolute(path: &Path) -> io::Result<PathBuf> {
    let path = std::path::absolute(path)?;
    let mut rest = Vec::new();
    let mut existing = path.as_path();
    let mut base = loop {
        match existing.canonicalize() {
            Ok(canonical) => break canonical,
            Err(_) => match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_os_string());
                    existing = parent;
                }
                _ => break existing.to_path_buf(),
            },
        }
    };
    for part in rest.iter().rev() {
        base.push(part);
    }
    Ok(lexical(&base))
}

/// The organisation portal to write.
struct Portal<'p> {
    title: String,
    /// Sorted by name.
    repositories: Vec<Repository>,
    problems: &'p [Problem],
}

/// The merged status.json (see `docs/status-json.md`, "Merged status.json").
#[derive(Serialize)]
struct MergedStatus<'a> {
    schema: u32,
    merged: bool,
    site: MergedSite<'a>,
    repositories: Vec<RepositoryRow<'a>>,
    summary: Summary,
    tasks: MergedTasks<'a>,
    not_merged: Vec<NotMergedRow>,
}

#[derive(Serialize)]
struct MergedSite<'a> {
    title: &'a str,
    base_url: Option<&'a str>,
    generator: &'static str,
}

#[derive(Serialize)]
struct RepositoryRow<'a> {
    name: &'a str,
    title: &'a str,
    source: &'a str,
    portal: String,
    summary: &'a Summary,
}

#[derive(Serialize)]
struct NotMergedRow {
    source: String,
    reason: String,
}

/// Every task of every repository, namespaced, serialised one at a time.
struct MergedTasks<'a>(&'a [Repository]);

impl Serialize for MergedTasks<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq as _;
        let n = self.0.iter().map(|r| r.tasks.len()).sum();
        let mut seq = serializer.serialize_seq(Some(n))?;
        for repository in self.0 {
            for task in &repository.tasks {
                seq.serialize_element(&merged_task(repository, task))?;
            }
        }
        seq.end()
    }
}

/// A task as the merged status.json gives it: as in its repository's, with
/// `id`, `depends_on` and `parent` namespaced, its `repository`, and its
/// `url` a link from the organisation portal.
fn merged_task(repository: &Repository, task: &Map<String, Value>) -> Map<String, Value> {
    let mut task = task.clone();
    let namespaced = |id: &str| Value::String(format!("{}/{id}", repository.name));
    if let Some(Value::String(id)) = task.get("id") {
        let id = namespaced(id);
        task.insert("id".to_string(), id);
    }
    if let Some(Value::String(parent)) = task.get("parent") {
        let parent = namespaced(parent);
        task.insert("parent".to_string(), parent);
    }
    if let Some(Value::Array(ids)) = task.get_mut("depends_on") {
        for id in ids.iter_mut() {
            if let Value::String(text) = id {
                *id = namespaced(text);
            }
        }
    }
    let url = repository.link(task.get("url").and_then(Value::as_str));
    task.insert("url".to_string(), Value::String(url));
    task.insert("repository".to_string(), Value::String(repository.name.clone()));
    task
}

/// What the organisation dashboard shows of a repository.
#[derive(Serialize)]
struct RepositoryView<'a> {
    name: &'a str,
    title: &'a str,
    portal: String,
    source: &'a str,
    progress: Progress,
    summary: &'a Summary,
}

/// What the tasks table shows of a task.
#[derive(Serialize)]
struct TaskView<'a> {
    id: String,
    url: String,
    title: &'a str,
    repository: &'a str,
    /// The status as the theme's classes name it, when it is one of them.
    status: &'a str,
    status_label: String,
    verification: &'a str,
    owner: &'a str,
}

/// The statuses and verifications the theme has a colour for.
const KNOWN_STATUSES: [&str; 5] = ["done", "in_progress", "open", "blocked", "skipped"];
const KNOWN_VERIFICATIONS: [&str; 3] = ["verified", "claimed", "contradicted"];

/// A field of a task as text; empty when it is missing or not text.
fn text<'a>(task: &'a Map<String, Value>, key: &str) -> &'a str {
    task.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// Writes the organisation portal into `out` (absolute; `out_shown` as the
/// user gave it), swapped in whole once every file is written.
fn write(portal: &Portal<'_>, out: &Path, out_shown: &Path) -> anyhow::Result<()> {
    let mut tera = tera::Tera::new();
    tera.add_raw_templates(TEMPLATES.iter().copied())
        .map_err(|err| anyhow::anyhow!("{err}"))
        .context("the organisation portal's templates do not compile")?;
    let theme = crate::render::theme::load(None)?;
    let css = crate::render::assets::portal_css(&theme)?;

    let mut totals = Summary::default();
    for repository in &portal.repositories {
        totals.add(&repository.summary);
    }
    let not_merged: Vec<NotMergedRow> = portal
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| NotMergedRow { source: p.path.display().to_string(), reason: p.message.clone() })
        .collect();
    let mut context = tera::Context::new();
    context.insert("title", &portal.title);
    context.insert("generator", GENERATOR);
    context.insert("n_repositories", &portal.repositories.len());
    let index = {
        let mut context = context.clone();
        context.insert("nav", "repositories");
        context.insert("totals", &totals);
        context.insert("overall", &totals.progress());
        context.insert("not_merged", &not_merged);
        let rows: Vec<RepositoryView<'_>> = portal
            .repositories
            .iter()
            .map(|r| RepositoryView {
                name: &r.name,
                title: &r.title,
                portal: r.portal(),
                source: &r.source,
                progress: r.summary.progress(),
                summary: &r.summary,
            })
            .collect();
        context.insert("repositories", &rows);
        tera.render("merge-index.html", &context)
            .map_err(|err| anyhow::anyhow!("{err}"))
            .context("cannot render the organisation dashboard")?
    };
    let tasks: Vec<TaskView<'_>> = portal
        .repositories
        .iter()
        .flat_map(|r| r.tasks.iter().map(move |task| task_view(r, task)))
        .collect();
    context.insert("nav", "tasks");
    context.insert("n_tasks", &tasks.len());
    context.insert("tasks", &tasks);
    drop(tasks);

    let staging = crate::write::Staging::begin_at(out, out_shown)?;
    let bytes =
        |rel: &str, data: Vec<u8>| Output { rel: rel.to_string(), content: Content::Bytes(data) };
    staging.put(&bytes("index.html", index.into_bytes()))?;
    let tasks_page = |w: &mut dyn io::Write| {
        let mut w = io::BufWriter::with_capacity(1 << 16, w);
        tera.render_to("merge-tasks.html", &context, &mut w).map_err(io::Error::other)?;
        io::Write::flush(&mut w)
    };
    staging.put(&Output {
        rel: "tasks.html".to_string(),
        content: Content::Stream(Box::new(tasks_page)),
    })?;
    let status = MergedStatus {
        schema: SCHEMA,
        merged: true,
        site: MergedSite { title: &portal.title, base_url: None, generator: GENERATOR },
        repositories: portal
            .repositories
            .iter()
            .map(|r| RepositoryRow {
                name: &r.name,
                title: &r.title,
                source: &r.source,
                portal: r.portal(),
                summary: &r.summary,
            })
            .collect(),
        summary: totals,
        tasks: MergedTasks(&portal.repositories),
        not_merged,
    };
    let status_json = |w: &mut dyn io::Write| write_json(w, &status);
    staging.put(&Output {
        rel: STATUS_FILE.to_string(),
        content: Content::Stream(Box::new(status_json)),
    })?;
    staging.put(&bytes("assets/style.css", css.into_bytes()))?;
    staging.put(&bytes(
        "assets/favicon.svg",
        crate::render::assets::FAVICON_SVG.as_bytes().to_vec(),
    ))?;
    staging.put(&bytes(".nojekyll", Vec::new()))?;
    staging.finish()
}

/// A task's row in the tasks table.
fn task_view<'a>(repository: &'a Repository, task: &'a Map<String, Value>) -> TaskView<'a> {
    let status = text(task, "status");
    let verification = text(task, "verification");
    TaskView {
        id: format!("{}/{}", repository.name, text(task, "id")),
        url: repository.link(task.get("url").and_then(Value::as_str)),
        title: text(task, "title"),
        repository: &repository.name,
        status: KNOWN_STATUSES.into_iter().find(|s| *s == status).unwrap_or_default(),
        status_label: status.replace('_', " "),
        verification: KNOWN_VERIFICATIONS
            .into_iter()
            .find(|v| *v == verification)
            .unwrap_or_default(),
        owner: text(task, "owner"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(files: &[&str]) -> Vec<String> {
        let mut taken = HashSet::new();
        files.iter().map(|f| unique(namespace_of(Path::new(f)), &mut taken)).collect()
    }

    #[test]
    fn a_repository_is_named_by_the_folder_holding_its_status_json() {
        assert_eq!(names(&["/src/billing/status.json"]), ["billing"]);
        assert_eq!(names(&["/src/Billing API/status.json"]), ["billing-api"]);
    }

    #[test]
    fn a_portal_folder_names_its_parent_instead() {
        for folder in ["public", "site", "_site", "dist", "out", "Public"] {
            let file = format!("/src/billing/{folder}/status.json");
            assert_eq!(names(&[&file]), ["billing"], "{file}");
        }
        // Only the folder holding the file counts: `public` higher up is a name.
        assert_eq!(names(&["/public/web/status.json"]), ["web"]);
        // A portal folder at the top has no parent name: its own stands.
        assert_eq!(names(&["/public/status.json"]), ["public"]);
    }

    #[test]
    fn names_with_nothing_to_slug_become_repository() {
        assert_eq!(names(&["/status.json"]), ["repository"]);
        assert_eq!(names(&["/src/---/status.json"]), ["repository"]);
    }

    #[test]
    fn the_same_name_again_gets_a_number() {
        let files = [
            "/a/billing/public/status.json",
            "/b/billing/status.json",
            "/c/Billing/out/status.json",
        ];
        assert_eq!(names(&files), ["billing", "billing-2", "billing-3"]);
        // A number that a folder already carries is passed over.
        assert_eq!(
            names(&["/a/x-2/status.json", "/b/x/status.json", "/c/x/status.json"]),
            ["x-2", "x", "x-3"]
        );
    }

    #[test]
    fn only_http_and_https_base_urls_are_links() {
        assert_eq!(web_base("https://ex.org/billing/").as_deref(), Some("https://ex.org/billing/"));
        assert_eq!(web_base("HTTP://ex.org").as_deref(), Some("http://ex.org/"));
        for bad in [
            "javascript:alert(1)",
            "file:///etc",
            "//ex.org",
            "https://",
            "https:///x",
            "https://a b",
            "ex.org",
        ] {
            assert_eq!(web_base(bad), None, "{bad}");
        }
    }

    #[test]
    fn page_urls_must_stay_inside_the_portal() {
        assert!(inside_portal("tasks/t-001.html"));
        assert!(inside_portal("docs/plan.html#task-t-001"));
        for bad in
            ["", "/etc/passwd", "javascript:alert(1)", "https://ex.org", "../x.html", "a/../../b"]
        {
            assert!(!inside_portal(bad), "{bad}");
        }
    }

    #[test]
    fn inputs_are_named_by_the_folders_as_given() {
        assert_eq!(
            lexical(Path::new("/w/org/../billing/./public/status.json")),
            Path::new("/w/billing/public/status.json")
        );
        assert_eq!(names(&["/w/org/../billing/public/status.json"]), ["billing"]);
    }

    #[test]
    fn relative_paths_climb_then_descend() {
        let path = |from: &str, to: &str| relative_path(Path::new(from), Path::new(to));
        assert_eq!(path("/w/org", "/w/billing/public").unwrap(), ["..", "billing", "public"]);
        assert_eq!(path("/w/a/b", "/w").unwrap(), ["..", ".."]);
        assert_eq!(
            local_base(Path::new("/w/org"), Path::new("/w/my repo/public")),
            "../my%20repo/public/"
        );
    }
}
