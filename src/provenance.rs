//! Evidence provenance (issue 13): what a portal was built from and the
//! SHA-256 of every evidence file, published as `provenance.json`; and the
//! comparison of a tree with a published one (`attestor check --against`).
//!
//! The record is made after linking, from the site's evidence and the
//! environment: the CI's standard variables (GitHub Actions, GitLab CI,
//! CircleCI, Buildkite, Jenkins, Azure Pipelines, Travis CI, or any CI that
//! sets `CI=true`) give the commit, ref, repository and run; without a
//! commit from them, it is git's HEAD when ROOT is in a repository. The
//! environment is passed in ([`Env`]), so tests never change the process's.
//! Files are hashed as their bytes are on disk (not as the portal shows
//! them, masked), streamed, in parallel. Nothing here reads the clock: two
//! builds of one tree in one environment write the same bytes.
//!
//! A published file is read from a path, or fetched with the `curl`
//! program from an `http(s)` URL, and validated whole (schema, hashes,
//! paths relative and without `..`) before any file is read through it;
//! each path is read only when it resolves inside ROOT to a regular file.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Component, Path};
use std::process::{Command, Stdio};

use anyhow::{Context as _, anyhow, bail};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::config::BuildConfig;
use crate::diagnostics::Diagnostic;
use crate::model::{CiRun, Evidence, EvidenceHash, Provenance, Site};

/// The schema version of `provenance.json`; `check --against` reads this
/// one only.
pub const SCHEMA: u32 = 1;

/// What `generator` says: attestor and its version.
pub const GENERATOR: &str = concat!("attestor ", env!("CARGO_PKG_VERSION"));

/// The file's name at the portal's root.
pub const FILE_NAME: &str = "provenance.json";

/// The largest published file `check --against` reads, in bytes; a
/// portal of 10,000 evidence files writes about 2 MB.
pub const MAX_PUBLISHED_BYTES: u64 = 64 * 1024 * 1024;

/// How the environment is read: a variable's value, `None` when unset.
pub type Env<'a> = dyn Fn(&str) -> Option<String> + Sync + 'a;

/// The process's environment, as builds read it.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// What a CI's environment says a build is of.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// The full hash of the commit built.
    pub commit: Option<String>,
    /// The branch or tag built.
    pub git_ref: Option<String>,
    /// The repository, `org/repo`.
    pub repository: Option<String>,
    /// The run, when a CI is known.
    pub ci: Option<CiRun>,
}

/// What the CI's standard variables say of the build; everything `None`
/// outside a CI. Values that are not what they should be (a commit that is
/// not 40 or 64 hex digits, a URL that is not `http(s)`, text with control
/// characters) are left out.
pub fn origin_from_env(env: &Env<'_>) -> Origin {
    let get = |name: &str| env(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let set = |name: &str| get(name).is_some();
    let yes = |name: &str| get(name).is_some_and(|v| v.eq_ignore_ascii_case("true") || v == "1");
    let text_of = |name: &str| get(name).and_then(|v| text(&v));
    let first_text = |names: &[&str]| names.iter().find_map(|name| text_of(name));
    let url_of = |name: &str| get(name).and_then(|v| web_url(&v));
    let commit_of = |name: &str| get(name).and_then(|v| commit(&v));
    let run = |provider, run_id, run_url, run_attempt| {
        Some(CiRun { provider: String::from(provider), run_id, run_url, run_attempt })
    };
    if yes("GITHUB_ACTIONS") || set("GITHUB_RUN_ID") || set("GITHUB_SHA") {
        let repository = text_of("GITHUB_REPOSITORY");
        let run_id = text_of("GITHUB_RUN_ID");
        let server = get("GITHUB_SERVER_URL").unwrap_or_else(|| "https://github.com".to_string());
        let run_url = match (&repository, &run_id) {
            (Some(repo), Some(id)) if slug_like(repo) && slug_like(id) => web_url(&format!(
                "{}/{}/actions/runs/{id}",
                server.trim_end_matches('/'),
                repo.trim_matches('/')
            )),
            _ => None,
        };
        return Origin {
            commit: commit_of("GITHUB_SHA"),
            git_ref: text_of("GITHUB_REF_NAME"),
            repository,
            ci: run("github-actions", run_id, run_url, text_of("GITHUB_RUN_ATTEMPT")),
        };
    }
    if yes("GITLAB_CI") || set("CI_PIPELINE_ID") || set("CI_COMMIT_SHA") {
        return Origin {
            commit: commit_of("CI_COMMIT_SHA"),
            git_ref: text_of("CI_COMMIT_REF_NAME"),
            repository: text_of("CI_PROJECT_PATH"),
            ci: run("gitlab-ci", text_of("CI_PIPELINE_ID"), url_of("CI_PIPELINE_URL"), None),
        };
    }
    if yes("CIRCLECI") || set("CIRCLE_SHA1") || set("CIRCLE_BUILD_NUM") {
        let repository =
            match (text_of("CIRCLE_PROJECT_USERNAME"), text_of("CIRCLE_PROJECT_REPONAME")) {
                (Some(user), Some(repo)) => text(&format!("{user}/{repo}")),
                _ => None,
            };
        return Origin {
            commit: commit_of("CIRCLE_SHA1"),
            git_ref: first_text(&["CIRCLE_TAG", "CIRCLE_BRANCH"]),
            repository,
            ci: run("circleci", text_of("CIRCLE_BUILD_NUM"), url_of("CIRCLE_BUILD_URL"), None),
        };
    }
    if yes("BUILDKITE") || set("BUILDKITE_COMMIT") || set("BUILDKITE_BUILD_ID") {
        return Origin {
            commit: commit_of("BUILDKITE_COMMIT"),
            git_ref: first_text(&["BUILDKITE_TAG", "BUILDKITE_BRANCH"]),
            repository: None,
            ci: run(
                "buildkite",
                text_of("BUILDKITE_BUILD_ID"),
                url_of("BUILDKITE_BUILD_URL"),
                None,
            ),
        };
    }
    if yes("TRAVIS") || set("TRAVIS_COMMIT") || set("TRAVIS_BUILD_ID") {
        return Origin {
            commit: commit_of("TRAVIS_COMMIT"),
            git_ref: first_text(&["TRAVIS_TAG", "TRAVIS_BRANCH"]),
            repository: text_of("TRAVIS_REPO_SLUG"),
            ci: run("travis", text_of("TRAVIS_BUILD_ID"), url_of("TRAVIS_BUILD_WEB_URL"), None),
        };
    }
    if yes("TF_BUILD") || set("BUILD_BUILDID") || set("BUILD_SOURCEVERSION") {
        let run_id = text_of("BUILD_BUILDID");
        let run_url = match (get("SYSTEM_COLLECTIONURI"), get("SYSTEM_TEAMPROJECT"), &run_id) {
            (Some(collection), Some(project), Some(id)) if slug_like(id) => web_url(&format!(
                "{}/{}/_build/results?buildId={id}",
                collection.trim_end_matches('/'),
                project.replace(' ', "%20")
            )),
            _ => None,
        };
        return Origin {
            commit: commit_of("BUILD_SOURCEVERSION"),
            git_ref: text_of("BUILD_SOURCEBRANCHNAME"),
            repository: text_of("BUILD_REPOSITORY_NAME"),
            ci: run("azure-pipelines", run_id, run_url, None),
        };
    }
    if set("JENKINS_URL") || set("JENKINS_HOME") || (set("BUILD_ID") && set("BUILD_URL")) {
        return Origin {
            commit: commit_of("GIT_COMMIT"),
            git_ref: first_text(&["BRANCH_NAME", "GIT_BRANCH"]),
            repository: None,
            ci: run("jenkins", text_of("BUILD_ID"), url_of("BUILD_URL"), None),
        };
    }
    if yes("CI") {
        return Origin { ci: run("ci", None, None, None), ..Origin::default() };
    }
    Origin::default()
}

/// A commit's full hash, lowercase: 40 (SHA-1) or 64 (SHA-256) hex digits.
pub fn commit(value: &str) -> Option<String> {
    let value = value.trim();
    let hex = value.bytes().all(|b| b.is_ascii_hexdigit());
    (hex && matches!(value.len(), 40 | 64)).then(|| value.to_ascii_lowercase())
}

/// An `http(s)` URL with nothing that could break out of an attribute.
pub fn web_url(value: &str) -> Option<String> {
    let value = value.trim();
    let lower = value.to_ascii_lowercase();
    let web = lower.starts_with("https://") || lower.starts_with("http://");
    let clean = !value.contains(|c: char| {
        c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`')
    });
    (web && clean && value.len() <= 2048 && value.len() > "https://".len())
        .then(|| value.to_string())
}

/// Text from the environment fit to show: one line of at most 200
/// characters without control characters.
fn text(value: &str) -> Option<String> {
    let value = value.trim();
    let fits = !value.is_empty() && value.chars().count() <= 200;
    (fits && !value.contains(char::is_control)).then(|| value.to_string())
}

/// Whether a value may go into a URL's path as it is: letters, digits and
/// `._-/`.
fn slug_like(value: &str) -> bool {
    value.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'/'))
}

/// The SHA-256 of `bytes`, 64 lowercase hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    data_encoding::HEXLOWER.encode(&Sha256::digest(bytes))
}

/// The hash of one evidence file for `provenance.json`, or the warning
/// (A299) that it could not be read, its hash then `None`.
pub(crate) fn hash_evidence(
    config: &BuildConfig,
    evidence: &Evidence,
) -> (EvidenceHash, Option<Diagnostic>) {
    let (sha256, size, diagnostic) = match hash_file(&config.shown_path(&evidence.path)) {
        Ok((sha, size)) => (Some(sha), Some(size), None),
        Err(err) => {
            let diagnostic = Diagnostic::warning(
                "A299",
                &evidence.path,
                0,
                format!("evidence could not be hashed for provenance.json: {err:#}"),
            )
            .with_help("its `sha256` is null, so `check --against` cannot vouch for it");
            (None, None, Some(diagnostic))
        }
    };
    let hash =
        EvidenceHash { path: evidence.path.clone(), sha256, size, url: evidence.url.clone() };
    (hash, diagnostic)
}

/// The SHA-256 and size of the file at `path`, streamed, so that a video
/// of gigabytes is never held in memory.
fn hash_file(path: &Path) -> anyhow::Result<(String, u64)> {
    let mut file = crate::fs::open(path)?;
    let mut hasher = Sha256::new();
    let size = io::copy(&mut file, &mut hasher)
        .with_context(|| format!("failed to read `{}`", path.display()))?;
    Ok((data_encoding::HEXLOWER.encode(&hasher.finalize()), size))
}

/// The provenance of the site's evidence: each file hashed (in parallel),
/// and what the environment (`env`, else git) says the build is of. A file
/// that cannot be read is listed with no hash, and a warning (A299).
pub fn compute(config: &BuildConfig, site: &Site, env: &Env<'_>) -> (Provenance, Vec<Diagnostic>) {
    let origin = origin_from_env(env);
    let hashed: Vec<(EvidenceHash, Option<Diagnostic>)> =
        site.evidence.par_iter().map(|evidence| hash_evidence(config, evidence)).collect();
    let (mut evidence, diagnostics): (Vec<EvidenceHash>, Vec<Option<Diagnostic>>) =
        hashed.into_iter().unzip();
    evidence.sort_by(|a, b| a.path.cmp(&b.path));
    let commit = origin.commit.or_else(|| git_head(&config.root));
    let commit_url = match (&config.repo_url, &commit) {
        (Some(base), Some(full)) => Some(format!("{base}/commit/{full}")),
        _ => None,
    };
    let provenance = Provenance {
        commit,
        commit_url,
        git_ref: origin.git_ref,
        repository: origin.repository,
        ci: origin.ci,
        built: config.build_date.clone(),
        evidence,
    };
    (provenance, diagnostics.into_iter().flatten().collect())
}

/// HEAD of the repository that holds ROOT, when there is one.
fn git_head(root: &Path) -> Option<String> {
    crate::git::Repo::open(root).ok()?.head().and_then(|hash| commit(&hash))
}

/// `provenance.json` as it is written and read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProvenanceFile {
    /// [`SCHEMA`].
    pub schema: u32,
    /// [`GENERATOR`] of the attestor that wrote it.
    #[serde(default)]
    pub generator: String,
    /// The full hash of the commit built.
    pub commit: Option<String>,
    /// The branch or tag built.
    #[serde(rename = "ref")]
    pub git_ref: Option<String>,
    /// The repository built, `org/repo`.
    pub repository: Option<String>,
    /// The CI run that built it.
    pub ci: Option<CiRun>,
    /// `YYYY-MM-DD` from `SOURCE_DATE_EPOCH`.
    pub built: Option<String>,
    /// Each evidence file, sorted by path.
    pub evidence: Vec<EvidenceHash>,
}

impl ProvenanceFile {
    /// The file of a site's provenance.
    pub fn of(provenance: &Provenance) -> ProvenanceFile {
        ProvenanceFile {
            schema: SCHEMA,
            generator: GENERATOR.to_string(),
            commit: provenance.commit.clone(),
            git_ref: provenance.git_ref.clone(),
            repository: provenance.repository.clone(),
            ci: provenance.ci.clone(),
            built: provenance.built.clone(),
            evidence: provenance.evidence.clone(),
        }
    }
}

/// Writes the site's `provenance.json`, pretty-printed, with a final newline.
pub fn write_json(site: &Site, _: &BuildConfig, out: &mut dyn io::Write) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, &ProvenanceFile::of(&site.provenance))?;
    io::Write::write_all(&mut out, b"\n")?;
    io::Write::flush(&mut out)
}

/// A published `provenance.json`, validated, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    /// The path or URL as the user gave it.
    pub source: String,
    /// What it says.
    pub file: ProvenanceFile,
}

/// Reads the published `provenance.json` at `source`: a path, or an
/// `http://` or `https://` URL fetched with `curl`. It is refused whole
/// when it is not JSON, not of [`SCHEMA`], or names a path that is not
/// relative to ROOT and free of `..`, so nothing is read through it.
pub fn read_published(source: &str) -> anyhow::Result<Published> {
    let bytes = match url_scheme(source) {
        Some(scheme) if scheme == "http" || scheme == "https" => fetch(source)?,
        Some(scheme) => bail!(
            "cannot read `{source}`: `{scheme}:` URLs are not fetched; give an http(s) URL or a file's path"
        ),
        None => read_local(Path::new(source))?,
    };
    let file = parse_published(&bytes).map_err(|why| {
        anyhow!("`{source}` is not a provenance.json attestor can compare with: {why}")
    })?;
    Ok(Published { source: source.to_string(), file })
}

/// The lowercase scheme of `source` when it is written as a URL
/// (`scheme://…`).
fn url_scheme(source: &str) -> Option<String> {
    let (scheme, _) = source.split_once("://")?;
    let is_scheme = !scheme.is_empty()
        && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    is_scheme.then(|| scheme.to_ascii_lowercase())
}

/// A local published file's bytes, at most [`MAX_PUBLISHED_BYTES`].
fn read_local(path: &Path) -> anyhow::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)
        .with_context(|| format!("cannot read the published provenance `{}`", path.display()))?;
    if !meta.is_file() {
        bail!("cannot read the published provenance `{}`: it is not a file", path.display());
    }
    if meta.len() > MAX_PUBLISHED_BYTES {
        bail!(
            "cannot read the published provenance `{}`: it is {} bytes, over the {} read",
            path.display(),
            meta.len(),
            MAX_PUBLISHED_BYTES
        );
    }
    crate::fs::read(path)
}

/// Fetches `url` with `curl` (no shell, no `.curlrc`, http(s) only, also
/// on redirects, 30 s at most, at most [`MAX_PUBLISHED_BYTES`]).
fn fetch(url: &str) -> anyhow::Result<Vec<u8>> {
    let max = MAX_PUBLISHED_BYTES.to_string();
    let output = Command::new("curl")
        .args(["-q", "-fsSL", "--max-time", "30", "--proto", "=http,https"])
        .args(["--proto-redir", "=http,https", "--max-filesize", &max, url])
        .stdin(Stdio::null())
        .output()
        .map_err(|err| {
            if err.kind() == io::ErrorKind::NotFound {
                anyhow!(
                    "cannot fetch `{url}`: the `curl` program is not installed (attestor fetches URLs with it); install curl, or download the file and give its path"
                )
            } else {
                anyhow!("cannot fetch `{url}`: the `curl` program cannot be run: {err}")
            }
        })?;
    if !output.status.success() {
        let words = String::from_utf8_lossy(&output.stderr);
        let words = words.lines().map(str::trim).find(|l| !l.is_empty());
        let why = match (words, output.status.code()) {
            (Some(words), _) => words.chars().take(300).collect::<String>(),
            (None, Some(code)) => format!("curl exited with {code}"),
            (None, None) => "curl was stopped by a signal".to_string(),
        };
        bail!("cannot fetch `{url}`: {why}");
    }
    if output.stdout.len() as u64 > MAX_PUBLISHED_BYTES {
        bail!("cannot fetch `{url}`: it is over {MAX_PUBLISHED_BYTES} bytes");
    }
    Ok(output.stdout)
}

/// A published file's bytes read and validated; the reason it is refused
/// otherwise.
pub fn parse_published(bytes: &[u8]) -> Result<ProvenanceFile, String> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|err| format!("it is not JSON ({err})"))?;
    match value.get("schema") {
        None => return Err("it has no `schema`".to_string()),
        Some(schema) if schema.as_u64() != Some(u64::from(SCHEMA)) => {
            return Err(format!("it has schema {schema}; this attestor reads schema {SCHEMA}"));
        }
        Some(_) => {}
    }
    let mut file: ProvenanceFile = serde_json::from_value(value).map_err(|err| format!("{err}"))?;
    // What messages quote of it is held to what attestor writes.
    file.commit = file.commit.as_deref().and_then(commit);
    if let Some(ci) = &mut file.ci {
        ci.run_id = ci.run_id.as_deref().and_then(text);
    }
    let mut seen = HashSet::new();
    for entry in &file.evidence {
        if let Err(why) = check_path(&entry.path) {
            return Err(format!(
                "it lists the evidence path `{}`, which {why}; nothing was read through it",
                entry.path.escape_debug()
            ));
        }
        if !seen.insert(entry.path.as_str()) {
            return Err(format!("it lists `{}` twice", entry.path));
        }
        if let Some(sha) = &entry.sha256
            && !(sha.len() == 64 && sha.bytes().all(|b| b.is_ascii_hexdigit()))
        {
            return Err(format!(
                "it gives `{}` the sha256 `{}`, which is not 64 hex digits",
                entry.path,
                sha.escape_debug()
            ));
        }
    }
    Ok(file)
}

/// Whether a published path is one attestor writes: relative to ROOT,
/// `/`-separated, with no empty, `.` or `..` part; the reason if not.
pub fn check_path(path: &str) -> Result<(), &'static str> {
    if path.is_empty() {
        return Err("is empty");
    }
    if path.contains(|c: char| c.is_control()) {
        return Err("holds a control character");
    }
    if path.starts_with('/')
        || Path::new(path).is_absolute()
        || path.contains('\\') && cfg!(windows)
    {
        return Err("is absolute, not relative to the docs folder");
    }
    for part in path.split('/') {
        match part {
            "" => return Err("has an empty part"),
            "." => return Err("has a `.` part"),
            ".." => return Err("leads out of the docs folder"),
            _ => {}
        }
    }
    let normal = Path::new(path).components().all(|c| matches!(c, Component::Normal(_)));
    if !normal {
        return Err("is not a plain relative path");
    }
    Ok(())
}

/// What the current tree holds at a published path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Now {
    /// A regular file inside ROOT with this SHA-256.
    Hashed(String),
    /// Nothing: deleted or moved.
    Missing,
    /// Something that is not read, and why.
    Unreadable(String),
}

/// What the tree holds at `rel` now. The path is read only when it
/// resolves, symlinks followed, to a regular file inside ROOT.
fn now_at(config: &BuildConfig, rel: &str) -> Now {
    let joined = config.root.join(rel);
    let gone = |err: &io::Error| {
        matches!(err.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory)
    };
    let canonical = match joined.canonicalize() {
        Ok(canonical) => canonical,
        Err(err) if gone(&err) => return Now::Missing,
        Err(err) => return Now::Unreadable(format!("it cannot be resolved: {err}")),
    };
    if !canonical.starts_with(&config.root) {
        return Now::Unreadable(
            "it leads outside the docs folder (a symlink); it is not read".into(),
        );
    }
    match std::fs::metadata(&canonical) {
        Ok(meta) if meta.is_file() => {}
        Ok(_) => return Now::Unreadable("it is not a regular file now".into()),
        Err(err) => return Now::Unreadable(format!("{err}")),
    }
    match hash_file(&config.shown_path(rel)) {
        Ok((sha, _)) => Now::Hashed(sha),
        Err(err) => Now::Unreadable(format!("{err:#}")),
    }
}

/// What `check --against` found, for its summary line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comparison {
    /// The published file as the user named it.
    pub source: String,
    /// The commit it was built from, if it says.
    pub commit: Option<String>,
    /// Published evidence whose bytes are the same now.
    pub unchanged: usize,
    /// Published evidence whose bytes changed (A295).
    pub changed: usize,
    /// Published evidence that is gone (A296).
    pub missing: usize,
    /// Published evidence that cannot be read now (A298), or that was
    /// published without a hash.
    pub not_compared: usize,
    /// Evidence of the tree the published file does not list (A297).
    pub not_published: usize,
}

impl Comparison {
    /// `Compared with public/provenance.json (commit 1a2b3c4): 3 evidence
    /// files unchanged, 1 changed, 0 missing; 1 not in it`.
    pub fn summary_line(&self) -> String {
        let commit = match &self.commit {
            Some(commit) => format!(" (commit {})", short_commit(commit)),
            None => String::new(),
        };
        let mut line = format!(
            "Compared with {}{commit}: {} unchanged, {} changed, {} missing",
            self.source,
            crate::plural(self.unchanged, "evidence file"),
            self.changed,
            self.missing
        );
        if self.not_compared > 0 {
            line.push_str(&format!(", {} not compared", self.not_compared));
        }
        line.push_str(&format!("; {} not in it", self.not_published));
        line
    }
}

/// The first 7 hex digits of a commit's hash.
fn short_commit(commit: &str) -> &str {
    commit.get(..7).unwrap_or(commit)
}

/// The first 12 hex digits of a hash and `…`.
fn short(sha: &str) -> String {
    format!("{}…", sha.get(..12).unwrap_or(sha))
}

/// Compares the tree `site` was read from with a published provenance:
/// each published evidence file changed since (A295, error), gone (A296,
/// error) or not readable now (A298, error), and each evidence file of the
/// tree it does not vouch for (A297, note). Evidence the load already
/// hashed is not read again.
pub fn compare(
    config: &BuildConfig,
    site: &Site,
    published: &Published,
) -> (Comparison, Vec<Diagnostic>) {
    let hashed: HashMap<&str, &str> = site
        .provenance
        .evidence
        .iter()
        .filter_map(|e| Some((e.path.as_str(), e.sha256.as_deref()?)))
        .collect();
    let file = &published.file;
    let built_from = match (&file.commit, file.ci.as_ref().and_then(|c| c.run_id.as_deref())) {
        (Some(commit), Some(run)) => {
            format!(" (commit {}, CI run {run})", short_commit(commit))
        }
        (Some(commit), None) => format!(" (commit {})", short_commit(commit)),
        (None, Some(run)) => format!(" (CI run {run})"),
        (None, None) => String::new(),
    };
    let nows: Vec<Option<Now>> = file
        .evidence
        .par_iter()
        .map(|entry| {
            entry.sha256.as_ref()?;
            Some(match hashed.get(entry.path.as_str()) {
                Some(sha) => Now::Hashed(sha.to_string()),
                None => now_at(config, &entry.path),
            })
        })
        .collect();
    let mut comparison = Comparison {
        source: published.source.clone(),
        commit: file.commit.clone(),
        ..Comparison::default()
    };
    let mut diagnostics = Vec::new();
    for (entry, now) in file.evidence.iter().zip(nows) {
        let path = entry.path.as_str();
        let (Some(was), Some(now)) = (entry.sha256.as_deref(), now) else {
            comparison.not_compared += 1;
            diagnostics.push(Diagnostic::info(
                "A297",
                path,
                0,
                format!("evidence has no sha256 in the published provenance{built_from}; it is not compared"),
            )
            .with_help("it could not be read when the portal was built: the published portal does not vouch for it"));
            continue;
        };
        let was = was.to_ascii_lowercase();
        match now {
            Now::Hashed(sha) if sha == was => comparison.unchanged += 1,
            Now::Hashed(sha) => {
                comparison.changed += 1;
                diagnostics.push(
                    Diagnostic::error(
                        "A295",
                        path,
                        0,
                        format!(
                            "evidence changed after publication: sha256 was {}, is now {}",
                            short(&was),
                            short(&sha)
                        ),
                    )
                    .with_help(format!(
                        "the provenance in `{}`{built_from} vouches for other bytes: restore the file as published, or publish the portal again",
                        published.source
                    )),
                );
            }
            Now::Missing => {
                comparison.missing += 1;
                diagnostics.push(
                    Diagnostic::error(
                        "A296",
                        path,
                        0,
                        format!(
                            "evidence published with sha256 {} is missing now",
                            short(&was)
                        ),
                    )
                    .with_help(format!(
                        "it was deleted or moved after the provenance in `{}`{built_from} was published: restore it, or publish the portal again",
                        published.source
                    )),
                );
            }
            Now::Unreadable(why) => {
                comparison.not_compared += 1;
                diagnostics.push(
                    Diagnostic::error(
                        "A298",
                        path,
                        0,
                        format!("published evidence cannot be compared: {why}"),
                    )
                    .with_help(
                        "make it a regular file inside the docs folder that attestor can read",
                    ),
                );
            }
        }
    }
    let listed: HashSet<&str> = file.evidence.iter().map(|e| e.path.as_str()).collect();
    for evidence in site.evidence.iter().filter(|e| !listed.contains(e.path.as_str())) {
        comparison.not_published += 1;
        diagnostics.push(
            Diagnostic::info(
                "A297",
                &evidence.path,
                0,
                format!("evidence not in the published provenance{built_from}"),
            )
            .with_help("it was added after publication, or was not evidence then: the published portal does not vouch for it"),
        );
    }
    (comparison, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(
        vars: &'static [(&'static str, &'static str)],
    ) -> impl Fn(&str) -> Option<String> + Sync {
        move |name| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
    }

    const SHA1: &str = "0123456789abcdef0123456789abcdef01234567";

    #[test]
    fn hashes_known_bytes() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("run.log");
        std::fs::write(&path, b"abc").unwrap();
        assert_eq!(hash_file(&path).unwrap(), (sha256_hex(b"abc"), 3));
        let gone = dir.path().join("gone.log");
        let err = hash_file(&gone).unwrap_err();
        assert_eq!(err.to_string(), format!("failed to open `{}`", gone.display()));
    }

    #[test]
    fn github_actions_environment_gives_commit_ref_and_run() {
        let env = env_of(&[
            ("GITHUB_ACTIONS", "true"),
            ("GITHUB_SHA", "0123456789ABCDEF0123456789abcdef01234567"),
            ("GITHUB_REF_NAME", "main"),
            ("GITHUB_REPOSITORY", "acme/shop"),
            ("GITHUB_SERVER_URL", "https://github.com"),
            ("GITHUB_RUN_ID", "9876543210"),
            ("GITHUB_RUN_ATTEMPT", "2"),
            ("CI", "true"),
        ]);
        assert_eq!(
            origin_from_env(&env),
            Origin {
                commit: Some(SHA1.to_string()),
                git_ref: Some("main".into()),
                repository: Some("acme/shop".into()),
                ci: Some(CiRun {
                    provider: "github-actions".into(),
                    run_id: Some("9876543210".into()),
                    run_url: Some("https://github.com/acme/shop/actions/runs/9876543210".into()),
                    run_attempt: Some("2".into()),
                }),
            }
        );
    }

    #[test]
    fn gitlab_environment_gives_commit_ref_and_pipeline() {
        let env = env_of(&[
            ("GITLAB_CI", "true"),
            ("CI_COMMIT_SHA", SHA1),
            ("CI_COMMIT_REF_NAME", "release/1.2"),
            ("CI_PROJECT_PATH", "group/sub/app"),
            ("CI_PIPELINE_ID", "4242"),
            ("CI_PIPELINE_URL", "https://gitlab.example.org/group/sub/app/-/pipelines/4242"),
        ]);
        let origin = origin_from_env(&env);
        assert_eq!(origin.commit.as_deref(), Some(SHA1));
        assert_eq!(origin.git_ref.as_deref(), Some("release/1.2"));
        assert_eq!(origin.repository.as_deref(), Some("group/sub/app"));
        assert_eq!(
            origin.ci,
            Some(CiRun {
                provider: "gitlab-ci".into(),
                run_id: Some("4242".into()),
                run_url: Some("https://gitlab.example.org/group/sub/app/-/pipelines/4242".into()),
                run_attempt: None,
            })
        );
    }

    #[test]
    fn values_that_are_not_what_they_should_be_are_left_out() {
        let env = env_of(&[
            ("GITLAB_CI", "true"),
            ("CI_COMMIT_SHA", "HEAD"),
            ("CI_PIPELINE_URL", "javascript:alert(1)"),
            ("CI_COMMIT_REF_NAME", "main\u{1b}[31m"),
        ]);
        let origin = origin_from_env(&env);
        assert_eq!((origin.commit, origin.git_ref), (None, None));
        assert_eq!(origin.ci.unwrap().run_url, None);
        assert_eq!(commit(&"a".repeat(64)), Some("a".repeat(64)));
        assert_eq!(commit(&"a".repeat(41)), None);
        assert_eq!(commit("abc1234"), None);
        assert_eq!(web_url("http://ci/x\"onclick"), None);
    }

    #[test]
    fn a_ci_known_only_by_ci_true_and_no_ci_at_all() {
        let generic = origin_from_env(&env_of(&[("CI", "true")]));
        assert_eq!(generic.ci.map(|c| c.provider).as_deref(), Some("ci"));
        assert_eq!(generic.commit, None);
        assert_eq!(origin_from_env(&env_of(&[("CI", "false")])), Origin::default());
        assert_eq!(origin_from_env(&env_of(&[])), Origin::default());
        let travis = origin_from_env(&env_of(&[
            ("TRAVIS", "true"),
            ("TRAVIS_COMMIT", SHA1),
            ("TRAVIS_BUILD_ID", "77"),
            ("TRAVIS_BUILD_WEB_URL", "https://app.travis-ci.com/acme/shop/builds/77"),
        ]));
        assert_eq!(travis.ci.unwrap().provider, "travis");
    }

    #[test]
    fn published_paths_must_be_relative_and_stay_inside() {
        assert_eq!(check_path("tests/run.log"), Ok(()));
        assert_eq!(check_path("a b/é.txt"), Ok(()));
        assert_eq!(check_path("../outside.txt"), Err("leads out of the docs folder"));
        assert_eq!(check_path("tests/../../x"), Err("leads out of the docs folder"));
        assert_eq!(check_path("/etc/passwd"), Err("is absolute, not relative to the docs folder"));
        assert_eq!(check_path("tests//x"), Err("has an empty part"));
        assert_eq!(check_path("./x"), Err("has a `.` part"));
        assert_eq!(check_path(""), Err("is empty"));
        assert_eq!(check_path("a\nb"), Err("holds a control character"));
    }

    #[test]
    fn a_published_file_is_refused_whole_when_one_path_escapes() {
        let good = format!(
            r#"{{"schema":1,"generator":"attestor 0.1.0","commit":null,"ref":null,"repository":null,"ci":null,"built":null,"evidence":[{{"path":"tests/a.log","sha256":"{}","size":3,"url":"docs/tests/a.log.html"}}]}}"#,
            sha256_hex(b"abc")
        );
        assert_eq!(parse_published(good.as_bytes()).unwrap().evidence.len(), 1);
        let bad = good.replace("tests/a.log\"", "../outside.txt\"");
        assert_eq!(
            parse_published(bad.as_bytes()).unwrap_err(),
            "it lists the evidence path `../outside.txt`, which leads out of the docs folder; nothing was read through it"
        );
        let future = good.replace("\"schema\":1", "\"schema\":2");
        assert_eq!(
            parse_published(future.as_bytes()).unwrap_err(),
            "it has schema 2; this attestor reads schema 1"
        );
        assert!(parse_published(b"not json").unwrap_err().starts_with("it is not JSON ("));
        assert_eq!(parse_published(b"{}").unwrap_err(), "it has no `schema`");
        let short_sha = good.replace(&sha256_hex(b"abc"), "abc");
        assert!(parse_published(short_sha.as_bytes()).unwrap_err().contains("not 64 hex digits"));
    }

    #[test]
    fn url_schemes_are_told_from_paths() {
        assert_eq!(url_scheme("https://x/provenance.json").as_deref(), Some("https"));
        assert_eq!(url_scheme("FILE:///etc/passwd").as_deref(), Some("file"));
        assert_eq!(url_scheme("public/provenance.json"), None);
        assert_eq!(url_scheme("dir with :// inside/p.json"), None);
    }
}
