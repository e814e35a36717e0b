//! The resolved build configuration: `attestor.toml` merged with the flags.
//!
//! Every default lives here, embedded in the binary, so a docs tree with no
//! config at all builds a good portal. A broken or unknown setting in
//! `attestor.toml` is a diagnostic, and the defaults stand in for it: the
//! build goes on. The CLI owns the raw flags; this module owns what they mean.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::Diagnostic;
use crate::model::DocKind;

/// The name of the optional config file at ROOT.
pub const CONFIG_FILE: &str = "attestor.toml";

/// The folder beside `attestor.toml` whose templates override the theme's.
pub const TEMPLATES_DIR: &str = "templates";

/// Folders whose files are evidence wherever they sit in the tree.
pub const DEFAULT_EVIDENCE_DIRS: [&str; 5] =
    ["tests", "test-results", "deployments", "deploys", "evidence"];

/// Task id patterns that apply with no config: `T-001`, `DEV-014`, `PH-NEXT-001`.
pub const DEFAULT_ID_PATTERN: &str = r"[A-Z][A-Z0-9]*(?:-[A-Z][A-Z0-9]*)*-[0-9]+[A-Za-z]?";

/// Folders whose documents are archived: shown and marked, never counted in
/// the headline.
pub const DEFAULT_ARCHIVE_DIRS: [&str; 4] = ["archive", "archived", "old", "deprecated"];

/// The document kinds whose tasks the headline counts: the work of plans
/// (stories, epics and sprints are plans) and trackers.
pub const DEFAULT_HEADLINE_KINDS: [DocKind; 2] = [DocKind::Plan, DocKind::Tracker];

/// Folders no docs tree wants read: build output and dependencies.
pub const DEFAULT_EXCLUDES: [&str; 4] =
    ["**/node_modules/**", "**/target/**", "**/.venv/**", "**/__pycache__/**"];

/// What the command line says about a build, before it is resolved.
#[derive(Debug, Clone, Default)]
pub struct BuildArgs {
    /// The docs tree; the current directory when `None`.
    pub root: Option<PathBuf>,
    /// The output folder; `public/` in the working directory when `None`.
    pub out: Option<PathBuf>,
    /// Overrides `base_url` from the config.
    pub base_url: Option<String>,
    /// Treat warnings as errors.
    pub strict: bool,
    /// Read the status history of the tasks from git (`--git`).
    pub git: bool,
}

/// Everything a build needs to know, resolved once and passed by `&`.
#[derive(Debug, Clone)]
pub struct BuildConfig {
    /// The docs tree, absolute and canonical.
    pub root: PathBuf,
    /// The docs tree as the user gave it (`.` when not given): messages name
    /// it, and files inside it, this way, never by the build machine's
    /// absolute path.
    pub root_shown: PathBuf,
    /// The output folder, absolute (it may not exist yet).
    pub out: PathBuf,
    /// The output folder as the user gave it with `-o` (`public` by default).
    pub out_shown: PathBuf,
    /// The portal's title.
    pub title: String,
    /// The public URL the site is served at, without a trailing slash.
    pub base_url: Option<String>,
    /// A theme folder whose files override the embedded default theme:
    /// absolute, canonical and inside ROOT (one outside is never read).
    pub theme_dir: Option<PathBuf>,
    /// Globs of paths (relative to ROOT) to read; everything when empty.
    pub include: Option<GlobSet>,
    /// The line of `include` in `attestor.toml`, for diagnostics about it.
    pub include_line: usize,
    /// Globs of paths (relative to ROOT) never to read.
    pub exclude: GlobSet,
    /// Regular expressions that match task ids.
    pub id_patterns: Vec<String>,
    /// Folder names whose files are evidence.
    pub evidence_dirs: Vec<String>,
    /// Extra globs of evidence files.
    pub evidence_globs: Option<GlobSet>,
    /// Days after which an open plan with no update is called stale.
    pub stale_after_days: u32,
    /// Treat warnings as errors.
    pub strict: bool,
    /// `YYYY-MM-DD` from `SOURCE_DATE_EPOCH`, the only clock a build reads.
    pub build_date: Option<String>,
    /// Folder names (any level, any case) whose documents are archived.
    pub archive_dirs: Vec<String>,
    /// The document kinds whose tasks the headline counts.
    pub headline_kinds: Vec<DocKind>,
    /// ROOT's path inside its git repository (`docs` when ROOT is `repo/docs`),
    /// so that repository-relative paths in the docs resolve; empty at the top.
    pub repo_prefix: Option<String>,
    /// Show images from other sites in pages (`remote_media = true`); by
    /// default they are links, so the portal requests nothing elsewhere.
    pub remote_media: bool,
    /// `[owners]`: the names owners are shown by, each with the other
    /// spellings that mean the same owner.
    pub owners: Vec<OwnerAliases>,
    /// `templates/` beside `attestor.toml`, canonical and inside ROOT: its
    /// templates override the theme's by file name. `None` when ROOT has no
    /// `attestor.toml` or no such folder.
    pub templates_dir: Option<PathBuf>,
    /// Read each task's status changes from the history of the docs in git
    /// (`--git` or `git = true`).
    pub git: bool,
    /// Check the commit hashes the docs name against the repository that
    /// holds ROOT (`check_commits`, on by default).
    pub check_commits: bool,
    /// The repository's page on its forge (`repo_url`, or in GitHub Actions
    /// the repository the workflow runs for), without a trailing `/`: a
    /// commit named in the docs links to `<repo_url>/commit/<hash>`.
    pub repo_url: Option<String>,
}

/// One entry of `[owners]`: `"Backend" = ["be-team", "Backend Agent"]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnerAliases {
    /// The name the owner is shown by.
    pub name: String,
    /// Its line in `attestor.toml`.
    pub line: usize,
    /// The other spellings, each with its line in `attestor.toml`.
    pub aliases: Vec<(String, usize)>,
}

impl BuildConfig {
    /// The path of `rel` (relative to ROOT) as the user would name it: ROOT
    /// as they gave it, joined with `rel`. It reaches the same file as
    /// `root.join(rel)`, and a message that names it shows no absolute path
    /// of the build machine that the user did not type.
    pub fn shown_path(&self, rel: &str) -> PathBuf {
        if self.root_shown == Path::new(".") {
            PathBuf::from(rel)
        } else {
            self.root_shown.join(rel)
        }
    }
}

/// The forge page of the repository: `repo_url` when it is an `http(s)`
/// URL (anything else is a diagnostic and left out), else in GitHub
/// Actions the repository the workflow runs for.
fn repo_url(
    set: Option<&Spanned<String>>,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    let web = |url: &str| {
        let lower = url.to_ascii_lowercase();
        (lower.starts_with("https://") || lower.starts_with("http://"))
            && !url.contains(|c: char| c.is_whitespace() || c == '"' || c == '<' || c == '>')
    };
    if let Some(set) = set {
        let url = set.get_ref().trim().trim_end_matches('/');
        if web(url) {
            return Some(url.to_string());
        }
        diagnostics.push(
            Diagnostic::error(
                "A261",
                CONFIG_FILE,
                line_of(text, set.span().start),
                format!("`repo_url = \"{url}\"` is not an http(s) URL; commits are not linked"),
            )
            .with_help("give the repository's web address, e.g. `repo_url = \"https://github.com/org/repo\"`"),
        );
        return None;
    }
    let server = std::env::var("GITHUB_SERVER_URL").ok()?;
    let repository = std::env::var("GITHUB_REPOSITORY").ok()?;
    let url = format!("{}/{}", server.trim_end_matches('/'), repository.trim_matches('/'));
    web(&url).then_some(url)
}

/// The shape of `attestor.toml`; every key is optional. Keys it does not
/// know are left to [`unknown_keys`], which names each with the nearest
/// known key; serde passes over them, so the rest of the file still applies.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct FileConfig {
    title: Option<String>,
    base_url: Option<String>,
    theme: Option<Spanned<String>>,
    include: Option<Spanned<Vec<Spanned<String>>>>,
    exclude: Vec<Spanned<String>>,
    stale_after_days: Option<u32>,
    repo_root: Option<String>,
    remote_media: bool,
    git: bool,
    check_commits: Option<bool>,
    repo_url: Option<Spanned<String>>,
    ids: IdsConfig,
    evidence: EvidenceConfig,
    headline: HeadlineConfig,
    owners: std::collections::BTreeMap<String, Spanned<toml::Value>>,
}

/// `[headline]`: what "X of Y tasks done" counts.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct HeadlineConfig {
    /// Document kinds whose tasks count (`plan`, `tracker`, `session`, `page`).
    kinds: Option<Vec<String>>,
    /// Folder names whose documents are archived.
    archive: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct IdsConfig {
    patterns: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct EvidenceConfig {
    dirs: Option<Vec<String>>,
    globs: Vec<Spanned<String>>,
}

/// Every key `attestor.toml` accepts, by table (`""` is the top level), in
/// the order the config structs declare them. The lists are the field
/// names serde's derive gives each struct, so a new field is a known key
/// (and must be documented: a test checks docs/configuration.md and the
/// template `attestor init` writes) with nothing else to update.
pub fn known_keys() -> [(&'static str, &'static [&'static str]); 4] {
    [
        ("", fields_of::<FileConfig>()),
        ("ids", fields_of::<IdsConfig>()),
        ("evidence", fields_of::<EvidenceConfig>()),
        ("headline", fields_of::<HeadlineConfig>()),
    ]
}

/// The field names of a struct with derived `Deserialize`, read by asking
/// it to deserialize from a deserializer that only records them.
fn fields_of<T: serde::de::DeserializeOwned>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(FieldsProbe(&mut fields));
    fields
}

/// A deserializer that records the fields a struct asks for, and fails.
struct FieldsProbe<'a>(&'a mut &'static [&'static str]);

impl<'de> serde::Deserializer<'de> for FieldsProbe<'_> {
    type Error = serde::de::value::Error;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(serde::de::Error::custom("only a struct's fields are read"))
    }

    fn deserialize_struct<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = fields;
        Err(serde::de::Error::custom("fields read"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// Diagnostics for the keys of `text` that attestor does not know, each at
/// its line with the nearest known key: a misspelt key (`stale_after_day`)
/// or a key in another table (`patterns` at the top, which belongs under
/// `[ids]`). The key is ignored and the rest of the file applies.
fn unknown_keys(text: &str) -> Vec<Diagnostic> {
    let Ok(table) = toml::de::DeTable::parse(text) else { return Vec::new() };
    let known = known_keys();
    let keys_of = |name: &str| known.iter().find(|(t, _)| *t == name).map(|(_, keys)| *keys);
    let mut diagnostics = Vec::new();
    let mut report = |table_name: &str, key: &toml::Spanned<toml::de::DeString<'_>>| {
        let line = line_of(text, key.span().start);
        let key = key.get_ref().as_ref();
        let place =
            if table_name.is_empty() { String::new() } else { format!(" in `[{table_name}]`") };
        diagnostics.push(
            Diagnostic::error(
                "A260",
                CONFIG_FILE,
                line,
                format!("unknown key `{key}`{place}; it is ignored"),
            )
            .with_help(nearest_key_help(&known, table_name, key)),
        );
    };
    for (key, value) in table.get_ref() {
        let name = key.get_ref().as_ref();
        let Some(top) = keys_of("") else { break };
        if !top.contains(&name) {
            report("", key);
            continue;
        }
        let (Some(keys), toml::de::DeValue::Table(inner)) = (keys_of(name), value.get_ref()) else {
            continue;
        };
        for inner_key in inner.keys().filter(|k| !keys.contains(&k.get_ref().as_ref())) {
            report(name, inner_key);
        }
    }
    diagnostics.sort_by_key(|d| d.line);
    diagnostics
}

/// What to write instead of `key`: the known key nearest to it, in its own
/// table or another (`patterns` under `[ids]`), or the keys there are.
fn nearest_key_help(
    known: &[(&'static str, &'static [&'static str])],
    table_name: &str,
    key: &str,
) -> String {
    let is_table = |k: &str| k == "owners" || known.iter().any(|(t, _)| *t == k);
    let qualified = |table: &str, k: &str| {
        if table.is_empty() && is_table(k) {
            format!("`[{k}]`")
        } else if table == table_name {
            format!("`{k}`")
        } else if table.is_empty() {
            format!("`{k}` at the top of the file, before any `[table]`")
        } else {
            format!("`{k}` under `[{table}]`")
        }
    };
    let lowered = key.to_lowercase().replace('-', "_");
    let mut best: Option<(f64, String)> = None;
    for (table, keys) in known {
        for k in keys.iter() {
            let mut score = strsim::jaro_winkler(&lowered, k);
            // The same key in another table is the likeliest mistake.
            if lowered == *k {
                score = 2.0;
            } else if *table != table_name {
                score -= 0.05;
            }
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, qualified(table, k)));
            }
        }
    }
    match best {
        Some((score, name)) if score >= 0.8 => {
            format!("did you mean {name}? docs/configuration.md lists every key")
        }
        _ => {
            let here = known.iter().find(|(t, _)| *t == table_name).map_or(&[][..], |(_, k)| *k);
            let names: Vec<String> = here.iter().map(|k| format!("`{k}`")).collect();
            format!("the keys here are {}; docs/configuration.md lists every key", names.join(", "))
        }
    }
}

/// Resolves the flags and `ROOT/attestor.toml` into a config.
///
/// Problems in the config file are diagnostics; the defaults stand in.
/// A ROOT that does not exist is an error.
pub fn resolve(args: &BuildArgs) -> anyhow::Result<(BuildConfig, Vec<Diagnostic>)> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let root_arg = args.root.clone().unwrap_or_else(|| cwd.clone());
    let root_shown = args.root.clone().unwrap_or_else(|| PathBuf::from("."));
    let root = root_arg
        .canonicalize()
        .with_context(|| format!("cannot open docs folder `{}`", root_shown.display()))?;
    anyhow::ensure!(root.is_dir(), "`{}` is not a folder", root_shown.display());
    let out_shown = args.out.clone().unwrap_or_else(|| PathBuf::from("public"));
    let out = absolute(&cwd, &out_shown);
    anyhow::ensure!(
        !root.starts_with(&out),
        "the output folder `{}` would replace the docs folder; choose another with -o",
        out_shown.display()
    );

    let mut diagnostics = Vec::new();
    let (file, text) = read_file_config(&root, &mut diagnostics)?;
    let at = |span: std::ops::Range<usize>| line_of(&text, span.start);
    let title = file.title.clone().unwrap_or_else(|| default_title(&root));
    let base_url = args.base_url.clone().or(file.base_url.clone());
    let base_url = base_url.map(|url| url.trim_end_matches('/').to_string());

    let mut id_patterns = vec![DEFAULT_ID_PATTERN.to_string()];
    id_patterns.extend(file.ids.patterns.iter().cloned());

    let mut excludes: Vec<(&str, usize)> = DEFAULT_EXCLUDES.iter().map(|s| (*s, 0)).collect();
    excludes.extend(file.exclude.iter().map(|glob| (glob.get_ref().as_str(), at(glob.span()))));
    let includes: Vec<(&str, usize)> = file
        .include
        .iter()
        .flat_map(|list| list.get_ref())
        .map(|glob| (glob.get_ref().as_str(), at(glob.span())))
        .collect();
    let include_line = file.include.as_ref().map_or(0, |list| at(list.span()));
    let config = BuildConfig {
        title,
        base_url,
        theme_dir: file.theme.as_ref().and_then(|theme| {
            theme_dir(&root, theme.get_ref(), at(theme.span()), &mut diagnostics)
        }),
        include: glob_set(&includes, "include", &mut diagnostics),
        include_line,
        exclude: glob_set(&excludes, "exclude", &mut diagnostics).unwrap_or_else(GlobSet::empty),
        id_patterns,
        evidence_dirs: file
            .evidence
            .dirs
            .clone()
            .unwrap_or_else(|| DEFAULT_EVIDENCE_DIRS.iter().map(|s| s.to_string()).collect()),
        evidence_globs: glob_set(
            &file
                .evidence
                .globs
                .iter()
                .map(|g| (g.get_ref().as_str(), at(g.span())))
                .collect::<Vec<_>>(),
            "evidence.globs",
            &mut diagnostics,
        ),
        stale_after_days: file.stale_after_days.unwrap_or(14),
        archive_dirs: file
            .headline
            .archive
            .clone()
            .unwrap_or_else(|| DEFAULT_ARCHIVE_DIRS.iter().map(|s| s.to_string()).collect()),
        headline_kinds: headline_kinds(file.headline.kinds.as_deref(), &mut diagnostics),
        strict: args.strict,
        build_date: source_date_epoch(),
        repo_prefix: repo_prefix(&root, file.repo_root.as_deref(), &mut diagnostics),
        remote_media: file.remote_media,
        owners: owner_aliases(&file.owners, &text, &mut diagnostics),
        templates_dir: templates_dir(&root, &mut diagnostics),
        git: args.git || file.git,
        check_commits: file.check_commits.unwrap_or(true),
        repo_url: repo_url(file.repo_url.as_ref(), &text, &mut diagnostics),
        root,
        root_shown,
        out,
        out_shown,
    };
    Ok((config, diagnostics))
}

/// Reads `ROOT/attestor.toml` and its text (empty when there is none).
///
/// A config that is a symlink leading outside ROOT, or that is not a regular
/// file (a FIFO would block the read), is not read: a diagnostic says so and
/// the defaults stand in.
fn read_file_config(
    root: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> anyhow::Result<(FileConfig, String)> {
    let path = root.join(CONFIG_FILE);
    let Ok(meta) = path.symlink_metadata() else { return Ok(Default::default()) };
    let refused = if meta.file_type().is_symlink() {
        match path.canonicalize() {
            Ok(target) if !target.starts_with(root) => {
                Some("is a symlink that leads outside the docs folder")
            }
            Ok(target) if target.metadata().is_ok_and(|m| m.is_file()) => None,
            Ok(_) => Some("is a symlink to something that is not a file"),
            Err(_) => Some("is a symlink that leads nowhere"),
        }
    } else {
        (!meta.is_file()).then_some("is not a regular file")
    };
    if let Some(reason) = refused {
        diagnostics.push(
            Diagnostic::error(
                "A173",
                CONFIG_FILE,
                0,
                format!("`{CONFIG_FILE}` {reason}; it is not read"),
            )
            .with_help(
                "make it a regular file inside the docs folder; the defaults are used until then",
            ),
        );
        return Ok(Default::default());
    }
    let text = crate::fs::read_to_string(&path)?;
    match toml::from_str::<FileConfig>(&text) {
        Ok(config) => {
            diagnostics.extend(unknown_keys(&text));
            Ok((config, text))
        }
        Err(err) => {
            let line = err.span().map_or(0, |span| line_of(&text, span.start));
            diagnostics.push(
                Diagnostic::error("A050", CONFIG_FILE, line, err.message().to_string())
                    .with_help("fix the setting; the defaults are used until then"),
            );
            Ok((FileConfig::default(), text))
        }
    }
}

/// The theme folder `theme` names, if it is a folder inside ROOT.
///
/// A theme outside ROOT (`../elsewhere`, an absolute path, or a symlink that
/// leads out) is never read, nor is one that does not exist: a diagnostic at
/// the `theme` line says so and the default theme is used.
fn theme_dir(
    root: &Path,
    theme: &str,
    line: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<PathBuf> {
    let problem = match root.join(theme).canonicalize() {
        Ok(dir) if !dir.starts_with(root) => "is outside the docs folder",
        Ok(dir) if dir.is_dir() => return Some(dir),
        Ok(_) => "is not a folder",
        Err(_) => "does not exist",
    };
    diagnostics.push(
        Diagnostic::error("A171", CONFIG_FILE, line, format!("theme folder `{theme}` {problem}; it is not read"))
            .with_help("put the theme in a folder inside the docs folder; the default theme is used until then"),
    );
    None
}

/// The folder of template overrides beside `attestor.toml`, `ROOT/templates`,
/// when ROOT has a config file (a tree that does not configure attestor may
/// keep templates of its own there) and the folder exists. One that leads
/// outside ROOT through a symlink is never read: a diagnostic says so.
fn templates_dir(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<PathBuf> {
    let path = root.join(TEMPLATES_DIR);
    path.symlink_metadata().ok()?;
    if root.join(CONFIG_FILE).symlink_metadata().is_err() {
        return None;
    }
    match path.canonicalize() {
        Ok(dir) if dir.starts_with(root) && dir.is_dir() => Some(dir),
        Ok(dir) if dir.starts_with(root) => None,
        _ => {
            diagnostics.push(
                Diagnostic::error(
                    "A251",
                    TEMPLATES_DIR,
                    0,
                    format!("folder `{TEMPLATES_DIR}` leads outside the docs folder; its templates are not read"),
                )
                .with_help("keep template overrides in a real folder inside the docs folder; the theme's templates are used until then"),
            );
            None
        }
    }
}

/// The kinds `[headline] kinds` names; an unknown one is a diagnostic and
/// is left out.
fn headline_kinds(names: Option<&[String]>, diagnostics: &mut Vec<Diagnostic>) -> Vec<DocKind> {
    let Some(names) = names else { return DEFAULT_HEADLINE_KINDS.to_vec() };
    let mut kinds = Vec::new();
    for name in names {
        match DocKind::from_name(name) {
            Some(kind) => kinds.push(kind),
            None => diagnostics.push(
                Diagnostic::error(
                    "A054",
                    CONFIG_FILE,
                    0,
                    format!("`[headline] kinds` names `{name}`, which is not a document kind"),
                )
                .with_help("use plan, session, tracker or page"),
            ),
        }
    }
    kinds
}

/// The entries of `[owners]`, sorted by name. An entry's value is one
/// spelling or a list of them; anything else is a diagnostic at its line and
/// the entry is left out.
fn owner_aliases(
    entries: &std::collections::BTreeMap<String, Spanned<toml::Value>>,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<OwnerAliases> {
    let mut owners = Vec::new();
    for (name, value) in entries {
        let span = value.span();
        let line = line_of(text, span.start);
        // Each spelling's own line: where it is quoted inside the value,
        // which may span several lines.
        let written = text.get(span.clone()).unwrap_or("");
        let at = |alias: &str| {
            let found = written.find(&format!("\"{alias}\"")).or_else(|| written.find(alias));
            found.map_or(line, |offset| line_of(text, span.start + offset))
        };
        let spellings: Option<Vec<&str>> = match value.get_ref() {
            toml::Value::String(alias) => Some(vec![alias.as_str()]),
            toml::Value::Array(items) => items.iter().map(toml::Value::as_str).collect(),
            _ => None,
        };
        let Some(spellings) = spellings else {
            diagnostics.push(
                Diagnostic::error(
                    "A222",
                    CONFIG_FILE,
                    line,
                    format!("`[owners]` entry `{name}` is not a list of names; it is ignored"),
                )
                .with_help(format!("write it as `\"{name}\" = [\"one spelling\", \"another\"]`")),
            );
            continue;
        };
        let aliases = spellings.iter().map(|alias| (alias.to_string(), at(alias))).collect();
        owners.push(OwnerAliases { name: name.clone(), line, aliases });
    }
    owners
}

/// The globs of one key, each with its line in `attestor.toml`, as a set.
///
/// An invalid glob is a diagnostic at its line and is left out; when none is
/// left the key counts as not set (`None`), so a bad `include` never drops
/// every file.
fn glob_set(
    globs: &[(&str, usize)],
    key: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<GlobSet> {
    let mut builder = GlobSetBuilder::new();
    let mut n_valid = 0;
    for &(glob, line) in globs {
        match Glob::new(glob) {
            Ok(glob) => {
                builder.add(glob);
                n_valid += 1;
            }
            Err(err) => diagnostics.push(
                Diagnostic::error(
                    "A051",
                    CONFIG_FILE,
                    line,
                    format!("bad glob `{glob}` in `{key}`: {}; it is ignored", err.kind()),
                )
                .with_help("fix the glob; `**` matches any folders, `*` any name"),
            ),
        }
    }
    if n_valid == 0 {
        return None;
    }
    match builder.build() {
        Ok(set) => Some(set),
        Err(err) => {
            let line = globs.iter().map(|&(_, line)| line).find(|&line| line > 0).unwrap_or(0);
            let message = format!("the globs of `{key}` cannot be used: {err}; they are ignored");
            diagnostics.push(Diagnostic::error("A051", CONFIG_FILE, line, message));
            None
        }
    }
}

fn default_title(root: &Path) -> String {
    let name = root.file_name().map(|n| n.to_string_lossy().into_owned());
    match name {
        Some(name) if !name.is_empty() => format!("{name} status"),
        _ => "Project status".to_string(),
    }
}

fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let path = if path.is_absolute() { path.to_path_buf() } else { cwd.join(path) };
    // Canonicalize what exists so the output folder compares equal to the
    // paths discovery walks, even through symlinks such as /tmp on macOS.
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => match parent.canonicalize() {
            Ok(parent) => parent.join(name),
            Err(_) => path,
        },
        // `.`, `..` or `x/..`: a folder named by where it is, not by name.
        _ => path.canonicalize().unwrap_or(path),
    }
}

/// ROOT's path inside its repository: `repo_root` from the config (relative
/// to ROOT), else the nearest enclosing folder that has `.git`.
fn repo_prefix(
    root: &Path,
    configured: Option<&str>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    let repo = match configured {
        Some(dir) => match root.join(dir).canonicalize() {
            Ok(repo) if root.starts_with(&repo) => repo,
            _ => {
                diagnostics.push(Diagnostic::error(
                    "A053",
                    CONFIG_FILE,
                    0,
                    format!("`repo_root = \"{dir}\"` is not a folder that holds the docs folder"),
                ));
                return None;
            }
        },
        None => root.ancestors().find(|dir| dir.join(".git").exists())?.to_path_buf(),
    };
    Some(crate::fs::rel_path(&repo, root))
}

fn source_date_epoch() -> Option<String> {
    let secs: i64 = std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()?;
    Some(crate::dates::format_days(secs.div_euclid(86_400)))
}

/// The 1-based line of a byte offset in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset].iter().filter(|&&b| b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_of_counts_newlines_before_offset() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 3);
    }

    #[test]
    fn reports_bad_config_with_its_line_and_keeps_defaults() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), "title = \"x\"\ncolour = 3\n").unwrap();
        let args = BuildArgs { root: Some(dir.path().to_path_buf()), ..BuildArgs::default() };
        let (config, diagnostics) = resolve(&args).unwrap();
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].line, 2);
        assert_eq!(diagnostics[0].message, "unknown key `colour`; it is ignored");
        // The rest of the file applies.
        assert_eq!(config.title, "x");
        assert_eq!(config.stale_after_days, 14);
    }

    /// The diagnostics `resolve` gives for a config of `text`, as printed.
    fn diagnostics_of(text: &str) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), text).unwrap();
        let args = BuildArgs { root: Some(dir.path().to_path_buf()), ..BuildArgs::default() };
        let (_, diagnostics) = resolve(&args).unwrap();
        diagnostics.iter().map(|d| d.to_human()).collect()
    }

    #[test]
    fn names_every_unknown_key_with_the_nearest_known_one() {
        let text = "titel = \"x\"\nstale-after-days = 3\npatterns = [\"a-[0-9]+\"]\n[id]\n\
                    [evidence]\nglob = []\ncolour = 1\n[headline]\nkinds = [\"plan\"]\n";
        assert_eq!(
            diagnostics_of(text),
            [
                "error[A260]: unknown key `titel`; it is ignored\n  --> attestor.toml:1\n  = help: did you mean `title`? docs/configuration.md lists every key",
                "error[A260]: unknown key `stale-after-days`; it is ignored\n  --> attestor.toml:2\n  = help: did you mean `stale_after_days`? docs/configuration.md lists every key",
                "error[A260]: unknown key `patterns`; it is ignored\n  --> attestor.toml:3\n  = help: did you mean `patterns` under `[ids]`? docs/configuration.md lists every key",
                "error[A260]: unknown key `id`; it is ignored\n  --> attestor.toml:4\n  = help: did you mean `[ids]`? docs/configuration.md lists every key",
                "error[A260]: unknown key `glob` in `[evidence]`; it is ignored\n  --> attestor.toml:6\n  = help: did you mean `globs`? docs/configuration.md lists every key",
                "error[A260]: unknown key `colour` in `[evidence]`; it is ignored\n  --> attestor.toml:7\n  = help: the keys here are `dirs`, `globs`; docs/configuration.md lists every key",
            ]
        );
    }

    #[test]
    fn known_keys_are_the_fields_of_the_config_structs() {
        let known = known_keys();
        assert_eq!(known[0].1.len(), 15, "{:?}", known[0].1);
        assert_eq!(known[1], ("ids", &["patterns"][..]));
        assert_eq!(known[2], ("evidence", &["dirs", "globs"][..]));
        assert_eq!(known[3], ("headline", &["kinds", "archive"][..]));
    }

    // Every key is documented in docs/configuration.md, as a row of its
    // table (`| `stale_after_days` |`, `| `ids.patterns` |`).
    #[test]
    fn every_key_is_documented_in_configuration_md() {
        let doc_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/configuration.md");
        let doc = std::fs::read_to_string(doc_path).unwrap();
        let mut missing = Vec::new();
        for (table, keys) in known_keys() {
            for key in keys {
                let name =
                    if table.is_empty() { key.to_string() } else { format!("{table}.{key}") };
                if !doc.contains(&format!("| `{name}` |")) {
                    missing.push(name);
                }
            }
        }
        assert!(missing.is_empty(), "keys missing from docs/configuration.md: {missing:?}");
    }

    #[test]
    fn reads_owner_aliases_with_the_line_of_each_spelling() {
        let dir = tempfile::tempdir().unwrap();
        let toml = "[owners]\n\"Backend\" = [\n  \"be-team\",\n  \"Backend Agent\",\n]\nQA = \"qa-bot\"\nOps = 3\n";
        std::fs::write(dir.path().join(CONFIG_FILE), toml).unwrap();
        let args = BuildArgs { root: Some(dir.path().to_path_buf()), ..BuildArgs::default() };
        let (config, diagnostics) = resolve(&args).unwrap();
        let alias = |name: &str, line, aliases: &[(&str, usize)]| OwnerAliases {
            name: name.to_string(),
            line,
            aliases: aliases.iter().map(|(a, l)| (a.to_string(), *l)).collect(),
        };
        assert_eq!(
            config.owners,
            [
                alias("Backend", 2, &[("be-team", 3), ("Backend Agent", 4)]),
                alias("QA", 6, &[("qa-bot", 6)]),
            ]
        );
        let lines: Vec<String> = diagnostics.iter().map(|d| d.to_human()).collect();
        assert_eq!(
            lines,
            [
                "error[A222]: `[owners]` entry `Ops` is not a list of names; it is ignored\n  --> attestor.toml:7\n  = help: write it as `\"Ops\" = [\"one spelling\", \"another\"]`"
            ]
        );
    }
}
