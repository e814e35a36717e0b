//! `attestor init [DIR]`: a commented `attestor.toml` with every setting at
//! its default, guessed from the tree where the tree says something, and a
//! small example tree when DIR has no docs.
//!
//! It never overwrites: a DIR that has an `attestor.toml` is refused before
//! anything is written, and so is an example file whose path is taken. The
//! guessing is [`guess`]'s; the example's files are [`example`]'s; the
//! command line and what is printed are the binary's.

pub mod example;
pub mod guess;

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::config::{
    self, BuildArgs, CONFIG_FILE, DEFAULT_ARCHIVE_DIRS, DEFAULT_EVIDENCE_DIRS,
    DEFAULT_HEADLINE_KINDS,
};
use crate::init::guess::Guesses;

/// What `init` did.
#[derive(Debug)]
pub struct Initialised {
    /// The files written, as the user would name them (DIR as given).
    pub written: Vec<PathBuf>,
    /// What was guessed from the tree.
    pub guesses: Guesses,
    /// Whether the example tree was written (DIR had no markdown).
    pub wrote_example: bool,
}

impl Initialised {
    /// The one summary line `init` ends with.
    pub fn summary_line(&self, dir: &Path) -> String {
        let g = &self.guesses;
        let wrote = if self.wrote_example {
            format!("{CONFIG_FILE} and an example tree of {} files", self.written.len() - 1)
        } else {
            CONFIG_FILE.to_string()
        };
        format!(
            "Initialised {}: wrote {wrote}; guessed {}, {} spelt several ways and {}",
            dir.display(),
            crate::plural(g.id_patterns.len(), "id pattern"),
            crate::plural(g.owners.len(), "owner"),
            crate::plural(g.excludes.len(), "exclude"),
        )
    }
}

/// Writes `attestor.toml` (and the example tree when DIR has no markdown)
/// into `dir`, which is created when missing. `dir` is the folder as the
/// user gave it.
pub fn init(dir: &Path) -> anyhow::Result<Initialised> {
    let config_path = dir.join(CONFIG_FILE);
    anyhow::ensure!(
        config_path.symlink_metadata().is_err(),
        "`{}` already exists; init writes nothing and leaves it as it is (edit it, or remove it to start again)",
        config_path.display()
    );
    if dir.symlink_metadata().is_ok() {
        anyhow::ensure!(dir.is_dir(), "`{}` is not a folder", dir.display());
    } else {
        crate::fs::create_dir_all(dir)?;
    }
    let args = BuildArgs { root: Some(dir.to_path_buf()), ..BuildArgs::default() };
    let (config, _) = config::resolve(&args)?;
    let guesses = guess::guess(&config);
    let wrote_example = guesses.n_markdown == 0;
    let mut written = Vec::new();
    if wrote_example {
        let taken: Vec<String> = example::FILES
            .iter()
            .map(|(rel, _)| dir.join(rel))
            .filter(|path| path.symlink_metadata().is_ok())
            .map(|path| format!("`{}`", path.display()))
            .collect();
        anyhow::ensure!(
            taken.is_empty(),
            "{} already exist(s); init writes nothing (move it away to get the example tree)",
            taken.join(", ")
        );
    }
    write_new(&config_path, &template(&config.title, &guesses))?;
    written.push(config_path);
    if wrote_example {
        for (rel, text) in example::FILES {
            let path = dir.join(rel);
            if let Some(parent) = path.parent() {
                crate::fs::create_dir_all(parent)?;
            }
            write_new(&path, text)?;
            written.push(path);
        }
    }
    Ok(Initialised { written, guesses, wrote_example })
}

/// Writes a file that must not exist yet: one that appeared since the
/// check is still never overwritten.
fn write_new(path: &Path, text: &str) -> anyhow::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("failed to create `{}`", path.display()))?;
    file.write_all(text.as_bytes()).with_context(|| format!("failed to write `{}`", path.display()))
}

/// A TOML string, quoted and escaped as TOML wants it.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// A TOML array of strings on one line.
fn list<S: AsRef<str>>(items: &[S]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quoted(s.as_ref())).collect();
    format!("[{}]", quoted.join(", "))
}

/// The text of `attestor.toml`: every key `config` reads, at its default
/// or commented out when its default is unset, with the guesses filled in.
pub fn template(title: &str, guesses: &Guesses) -> String {
    let mut t = String::new();
    let kinds: Vec<&str> = DEFAULT_HEADLINE_KINDS.iter().map(|k| k.as_str()).collect();
    let _ = write!(
        t,
        "\
# attestor.toml: how attestor reads this docs tree and builds its portal.
# Written by `attestor init`. Every setting is here at its default, or
# commented out when it has none; what was guessed from the tree says so.
# Every setting is described in docs/configuration.md of attestor.

# The portal's title. Default: the folder's name and \"status\".
title = {title}

# The URL the portal is served at, for sitemap.xml and the links of
# 404.html; `--base-url` overrides it. Default: none.
# base_url = \"https://example.org/docs\"

# A folder here whose templates/, css/ and static/ files replace the
# default theme's, file by file. Default: none.
# theme = \"theme\"

# Globs (relative to this folder) of the only files to read.
# Default: every file.
# include = [\"**/*.md\", \"tests/**\"]

# Globs of files never to read, besides node_modules, target, .venv and
# __pycache__, which are always left out.
{exclude}
# Days without a change after which a plan or tracker with open work is
# called stale on the dashboard. Default: 14.
stale_after_days = 14

# Where repository paths in the docs start, relative to this folder.
# Default: the nearest folder above with .git.
# repo_root = \"..\"

# true shows images from other sites in pages; by default they are links,
# so the portal makes no request elsewhere.
remote_media = false

# true reads each task's status changes from git history, as --git does.
git = false

# Check each commit hash the docs name against this repository: it must
# exist, be on the built branch and not be dated after the document.
check_commits = true

# The repository's web page; named commits link to <repo_url>/commit/<hash>.
# Default: none (in GitHub Actions, the workflow's repository).
# repo_url = \"https://github.com/org/app\"

[ids]
# More task id patterns (regular expressions). The default pattern reads
# ids such as T-001, DEV-014 and PH-NEXT-001.
{ids}
[evidence]
# Folder names whose files are evidence, wherever they are (this list
# replaces the default).
dirs = {dirs}
# More globs of evidence files.
globs = []

[headline]
# The document kinds whose tasks \"X of Y tasks done\" counts.
kinds = {kinds}
# Folder names whose documents are archived: shown, never counted.
archive = {archive}

[owners]
# The name an owner is shown by, and the other spellings that mean it.
# Spellings that differ only in case and punctuation are one owner anyway.
{owners}",
        title = quoted(title),
        exclude = exclude_lines(guesses),
        ids = id_lines(guesses),
        dirs = list(&DEFAULT_EVIDENCE_DIRS),
        kinds = list(&kinds),
        archive = list(&DEFAULT_ARCHIVE_DIRS),
        owners = owner_lines(guesses),
    );
    t
}

fn exclude_lines(guesses: &Guesses) -> String {
    if guesses.excludes.is_empty() {
        return "exclude = []\n".to_string();
    }
    let mut t = "exclude = [\n".to_string();
    for (glob, why) in &guesses.excludes {
        let _ = writeln!(t, "    {},  # guessed: {why}", quoted(glob));
    }
    t.push_str("]\n");
    t
}

fn id_lines(guesses: &Guesses) -> String {
    let mut t = String::new();
    if !guesses.default_ids.is_empty() {
        let found: Vec<String> =
            guesses.default_ids.iter().map(|(prefix, n)| format!("{prefix}-… ({n})")).collect();
        let _ = writeln!(t, "# Found in the tree, read by the default: {}.", found.join(", "));
    }
    if guesses.id_patterns.is_empty() {
        t.push_str("patterns = []\n");
        return t;
    }
    t.push_str("patterns = [\n");
    for guess in &guesses.id_patterns {
        let shown: Vec<&str> = guess.ids.iter().take(3).map(String::as_str).collect();
        let more = if guess.ids.len() > 3 { ", …" } else { "" };
        let _ = writeln!(
            t,
            "    {},  # guessed from {} ids in task tables: {}{more}",
            quoted(&guess.pattern),
            guess.ids.len(),
            shown.join(", ")
        );
    }
    t.push_str("]\n");
    t
}

fn owner_lines(guesses: &Guesses) -> String {
    if guesses.owners.is_empty() {
        return "# \"Backend\" = [\"be-team\", \"Backend Agent\"]\n".to_string();
    }
    let mut t = String::new();
    for owner in &guesses.owners {
        let why = if owner.near {
            "guessed: near spellings, check them"
        } else {
            "guessed: spellings in the tree"
        };
        let _ = writeln!(t, "{} = {}  # {why}", quoted(&owner.name), list(&owner.aliases));
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::init::guess::{IdGuess, OwnerGuess};

    fn resolved(text: &str) -> (config::BuildConfig, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), text).unwrap();
        let args = BuildArgs { root: Some(dir.path().to_path_buf()), ..BuildArgs::default() };
        let (config, diagnostics) = config::resolve(&args).unwrap();
        (config, diagnostics.iter().map(|d| d.to_human()).collect())
    }

    // Every key config.rs accepts is in the template, set or commented out,
    // under its own table; and the template has no other key.
    #[test]
    fn the_template_names_every_key_config_reads() {
        let text = template("t", &Guesses::default());
        let key_line = regex::Regex::new(r"^(?:# )?([a-z_]+) = ").unwrap();
        let mut table = String::new();
        let mut found = std::collections::BTreeSet::new();
        for line in text.lines() {
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                table = name.to_string();
                found.insert(("".to_string(), name.to_string()));
            } else if let Some(caps) = key_line.captures(line) {
                found.insert((table.clone(), caps[1].to_string()));
            }
        }
        let expected: std::collections::BTreeSet<(String, String)> = config::known_keys()
            .iter()
            .flat_map(|(table, keys)| keys.iter().map(|k| (table.to_string(), k.to_string())))
            .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn the_template_with_no_guesses_reads_as_the_defaults() {
        let (config, diagnostics) = resolved(&template("docs status", &Guesses::default()));
        assert_eq!(diagnostics, Vec::<String>::new());
        assert_eq!(config.title, "docs status");
        assert_eq!(config.stale_after_days, 14);
        assert_eq!(config.evidence_dirs, DEFAULT_EVIDENCE_DIRS);
        assert_eq!(config.archive_dirs, DEFAULT_ARCHIVE_DIRS);
        assert_eq!(config.headline_kinds, DEFAULT_HEADLINE_KINDS);
        assert_eq!(config.id_patterns, [config::DEFAULT_ID_PATTERN]);
        assert!(config.owners.is_empty() && !config.git && !config.remote_media);
        assert!(config.base_url.is_none() && config.include.is_none());
    }

    #[test]
    fn the_template_carries_the_guesses_as_settings() {
        let guesses = Guesses {
            id_patterns: vec![IdGuess {
                pattern: r"web-[a-z0-9]{3}".into(),
                ids: vec!["web-k9q".into(), "web-x3f".into()],
            }],
            owners: vec![OwnerGuess {
                name: "Backend Agent".into(),
                aliases: vec!["backend-agent".into()],
                near: false,
            }],
            excludes: vec![("**/.tox/**".into(), "`.tox/` holds a tool's files".into())],
            ..Guesses::default()
        };
        let (config, diagnostics) = resolved(&template("a \"quoted\" title", &guesses));
        assert_eq!(diagnostics, Vec::<String>::new());
        assert_eq!(config.title, "a \"quoted\" title");
        assert_eq!(config.id_patterns[1], r"web-[a-z0-9]{3}");
        assert_eq!(config.owners[0].name, "Backend Agent");
        assert_eq!(config.owners[0].aliases[0].0, "backend-agent");
        assert!(config.exclude.is_match(".tox/x/y.md"));
    }
}
