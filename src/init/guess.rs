//! What `attestor init` guesses from a docs tree: id patterns the default
//! one misses, owners spelt several ways, and folders of tool output to
//! leave out.
//!
//! The tree is read with the build's own discover and parse, in parallel,
//! with one extra, permissive id pattern, so that a task table's id column
//! shows the ids a team writes even where the default pattern would not
//! read them. Nothing is linked or rendered: a guess needs only what each
//! file says on its own.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use regex::Regex;

use crate::config::{BuildConfig, DEFAULT_ID_PATTERN};
use crate::discover;
use crate::model::{SourceFormat, TaskForm};
use crate::parse::{self, ParseContext};

/// Any token of letters and digits joined by `-` or `_`: the widest id a
/// task table's id column could hold, read only to guess patterns.
const ANY_ID: &str = r"[A-Za-z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)+";

/// Folders of tools' caches and output that no docs tree wants read; the
/// build leaves out node_modules, target, .venv and __pycache__ already.
const TOOL_FOLDERS: [&str; 16] = [
    ".cache",
    ".docusaurus",
    ".gradle",
    ".mypy_cache",
    ".next",
    ".nox",
    ".nuxt",
    ".parcel-cache",
    ".pytest_cache",
    ".ruff_cache",
    ".svelte-kit",
    ".tox",
    "_site",
    "bower_components",
    "site-packages",
    "venv",
];

/// What init found in the tree, each list sorted.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Guesses {
    /// How many files the tree has, and how many of them are markdown.
    pub n_files: usize,
    /// How many of the files are markdown documents.
    pub n_markdown: usize,
    /// The prefixes of the ids the default pattern reads (`AUTH` of
    /// `AUTH-12`), each with how many distinct ids have it.
    pub default_ids: Vec<(String, usize)>,
    /// Patterns for ids the default pattern misses.
    pub id_patterns: Vec<IdGuess>,
    /// Owners written in more than one spelling.
    pub owners: Vec<OwnerGuess>,
    /// Globs to exclude, each with why.
    pub excludes: Vec<(String, String)>,
}

/// A guessed id pattern and the ids that gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdGuess {
    /// The regular expression.
    pub pattern: String,
    /// The ids it was made from, sorted.
    pub ids: Vec<String>,
}

/// An owner written more than one way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnerGuess {
    /// The spelling written most (the name it is shown by).
    pub name: String,
    /// The other spellings: those that differ only in case and punctuation
    /// first, then near spellings (one letter apart).
    pub aliases: Vec<String>,
    /// Whether an alias is a near spelling, not only another case or
    /// punctuation: a guess the user should check.
    pub near: bool,
}

/// Reads the tree `config` names and guesses its settings.
pub fn guess(config: &BuildConfig) -> Guesses {
    let found = discover::discover(config);
    let mut wide = config.clone();
    wide.id_patterns.push(ANY_ID.to_string());
    let (ctx, _) = ParseContext::new(&wide, &[]);
    let parsed: Vec<_> = found.files.par_iter().map(|file| parse::read(&ctx, file)).collect();

    let default = Regex::new(&format!("^(?:{DEFAULT_ID_PATTERN})$")).expect("default id pattern");
    let mut default_ids: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    let mut other_ids: BTreeSet<&str> = BTreeSet::new();
    let mut owners: BTreeMap<&str, usize> = BTreeMap::new();
    for file in &parsed {
        for task in &file.tasks {
            if let Some(owner) = task.owner.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
                *owners.entry(owner).or_default() += 1;
            }
            if !task.named {
                continue;
            }
            if default.is_match(&task.id) {
                let prefix = task.id.rsplit_once('-').map_or("", |(p, _)| p);
                default_ids.entry(prefix.to_string()).or_default().insert(&task.id);
            } else if matches!(task.form, TaskForm::TableRow | TaskForm::Frontmatter) {
                other_ids.insert(&task.id);
            }
        }
        // A document's owner counts as a spelling, not as a use.
        if let Some(owner) = file.document.owner.as_deref().map(str::trim).filter(|o| !o.is_empty())
        {
            owners.entry(owner).or_default();
        }
    }
    let rels: Vec<&str> = found.files.iter().map(|f| f.rel.as_str()).collect();
    Guesses {
        n_files: found.files.len(),
        n_markdown: found.files.iter().filter(|f| f.format == SourceFormat::Markdown).count(),
        default_ids: default_ids.into_iter().map(|(p, ids)| (p, ids.len())).collect(),
        id_patterns: id_patterns(&other_ids),
        owners: owner_guesses(&owners),
        excludes: excludes(&rels),
    }
}

/// Patterns for ids the default misses, one per prefix: `auth-12` and
/// `auth-7` give `auth-[0-9]+`, `web-x3f` and `web-k9q` give
/// `web-[a-z0-9]{3}`. A prefix needs two ids, so one odd cell makes no
/// pattern; and tails with no digit must look like short hashes (three
/// ids or more, all of one length up to five), so that a column of words
/// (`export-pdf`, `export-docx`, `STAGING_HOST`) makes none.
fn id_patterns(ids: &BTreeSet<&str>) -> Vec<IdGuess> {
    let whole = Regex::new(&format!("^(?:{ANY_ID})$")).expect("id pattern");
    let mut by_prefix: BTreeMap<(&str, char), Vec<&str>> = BTreeMap::new();
    // An id the parser made unique (`x~dup-2`) is no id a person wrote.
    for id in ids.iter().filter(|id| whole.is_match(id)) {
        let Some(at) = id.rfind(['-', '_']) else { continue };
        let sep = id[at..].chars().next().unwrap_or('-');
        by_prefix.entry((&id[..at], sep)).or_default().push(&id[at + 1..]);
    }
    let mut guesses = Vec::new();
    for ((prefix, sep), tails) in by_prefix {
        if tails.len() < 2 || !looks_like_ids(&tails) {
            continue;
        }
        // A dash is literal outside a class; unescaped it reads as written.
        let prefix_pattern = regex::escape(prefix).replace("\\-", "-");
        let pattern = format!("{prefix_pattern}{sep}{}", tail_class(&tails));
        let Ok(regex) = Regex::new(&format!("^(?:{pattern})$")) else { continue };
        let ids: Vec<String> = tails.iter().map(|t| format!("{prefix}{sep}{t}")).collect();
        if ids.iter().all(|id| regex.is_match(id)) {
            guesses.push(IdGuess { pattern, ids });
        }
    }
    guesses
}

/// Whether the tails of one prefix look like the ends of ids rather than
/// words: each has a digit, or they are three or more of one short length.
fn looks_like_ids(tails: &[&str]) -> bool {
    if tails.iter().all(|t| t.chars().any(|c| c.is_ascii_digit())) {
        return true;
    }
    let len = tails[0].len();
    tails.len() >= 3 && len <= 5 && tails.iter().all(|t| t.len() == len)
}

/// The character class and count that match every tail.
fn tail_class(tails: &[&str]) -> String {
    let all = |f: fn(char) -> bool| tails.iter().all(|t| t.chars().all(f));
    let any = |f: fn(char) -> bool| tails.iter().any(|t| t.chars().any(f));
    if all(|c| c.is_ascii_digit()) {
        return "[0-9]+".to_string();
    }
    let class = match (any(|c| c.is_ascii_lowercase()), any(|c| c.is_ascii_uppercase())) {
        (true, true) => "[A-Za-z0-9]",
        (false, true) => "[A-Z0-9]",
        _ => "[a-z0-9]",
    };
    let len = tails[0].len();
    if tails.iter().all(|t| t.len() == len) {
        format!("{class}{{{len}}}")
    } else {
        format!("{class}+")
    }
}

/// What two spellings of one owner share: letters and digits, lowercase
/// (the fold the linker merges owners by).
fn owner_key(owner: &str) -> String {
    let folded: String =
        owner.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    if folded.is_empty() { owner.to_string() } else { folded }
}

/// Owners with more than one spelling: spellings of one key (merged by the
/// build anyway, written out so the file says so), and keys one edit apart
/// (`Frontend Agnet`), whose spellings join the more common owner. Keys
/// shorter than six letters, or that differ in a digit (`Team 1`, `Team 2`),
/// are never joined.
fn owner_guesses(counts: &BTreeMap<&str, usize>) -> Vec<OwnerGuess> {
    let mut groups: BTreeMap<String, Vec<(&str, usize)>> = BTreeMap::new();
    for (&spelling, &n) in counts {
        groups.entry(owner_key(spelling)).or_default().push((spelling, n));
    }
    // Most used first, so a near spelling joins the owner written most.
    let mut keys: Vec<(String, usize)> =
        groups.iter().map(|(k, s)| (k.clone(), s.iter().map(|(_, n)| n).sum())).collect();
    keys.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut heads: Vec<(String, Vec<String>)> = Vec::new();
    for (key, _) in keys {
        let digits = |k: &str| k.chars().filter(char::is_ascii_digit).collect::<String>();
        let near = heads.iter_mut().find(|(head, _)| {
            key.chars().count() >= 6
                && head.chars().count() >= 6
                && digits(head) == digits(&key)
                && strsim::damerau_levenshtein(head, &key) == 1
        });
        match near {
            Some((_, joined)) => joined.push(key),
            None => heads.push((key, Vec::new())),
        }
    }
    let mut guesses = Vec::new();
    for (head, joined) in heads {
        let mut own = groups[&head].clone();
        own.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| mixed_first(a.0, b.0)));
        let name = own[0].0.to_string();
        let mut aliases: Vec<String> = own[1..].iter().map(|(s, _)| s.to_string()).collect();
        aliases.extend(joined.iter().flat_map(|k| groups[k].iter().map(|(s, _)| s.to_string())));
        if !aliases.is_empty() {
            guesses.push(OwnerGuess { name, aliases, near: !joined.is_empty() });
        }
    }
    guesses.sort_by(|a, b| a.name.cmp(&b.name));
    guesses
}

/// Mixed case (`Backend Agent`) before all capitals or all lowercase, then
/// byte order, as the build picks the shown spelling.
fn mixed_first(a: &str, b: &str) -> std::cmp::Ordering {
    let mixed = |s: &str| s.chars().any(char::is_uppercase) && s.chars().any(char::is_lowercase);
    mixed(b).cmp(&mixed(a)).then_with(|| a.cmp(b))
}

/// Excludes for the tree's folders of tool output and for portals attestor
/// wrote inside it (a folder holding `.attestor-portal`).
fn excludes(rels: &[&str]) -> Vec<(String, String)> {
    let mut found: BTreeMap<String, String> = BTreeMap::new();
    for rel in rels {
        let parts: Vec<&str> = rel.split('/').collect();
        let folders = &parts[..parts.len().saturating_sub(1)];
        if let Some(name) = folders.iter().find(|name| TOOL_FOLDERS.contains(name)) {
            found.insert(format!("**/{name}/**"), format!("`{name}/` holds a tool's files"));
        }
        if parts.last() == Some(&".attestor-portal") && !folders.is_empty() {
            let folder = folders.join("/");
            found.insert(format!("{folder}/**"), format!("`{folder}/` is a portal attestor wrote"));
        }
    }
    found.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_one_pattern_per_prefix_of_two_ids_or_more() {
        let ids: BTreeSet<&str> = [
            "web-x3f",
            "web-k9q",
            "auth-12",
            "auth-7",
            "odd-one",
            "aa-twk",
            "aa-pqz",
            "aa-m2c",
            "export-pdf",
            "export-docx",
            "STAGING_HOST",
            "STAGING_USER",
            "book~dup-2",
            "book~dup-3",
        ]
        .into_iter()
        .collect();
        let patterns: Vec<String> = id_patterns(&ids).into_iter().map(|g| g.pattern).collect();
        assert_eq!(patterns, ["aa-[a-z0-9]{3}", "auth-[0-9]+", "web-[a-z0-9]{3}"]);
    }

    #[test]
    fn joins_spellings_of_one_owner_and_near_spellings_but_not_numbered_teams() {
        let counts: BTreeMap<&str, usize> = [
            ("Backend Agent", 3),
            ("backend-agent", 1),
            ("Frontend Agent", 4),
            ("Frontend Agnet", 1),
            ("Team 1", 2),
            ("Team 2", 2),
            ("QA", 1),
        ]
        .into_iter()
        .collect();
        let guesses = owner_guesses(&counts);
        let shown: Vec<(&str, Vec<&str>, bool)> = guesses
            .iter()
            .map(|g| (g.name.as_str(), g.aliases.iter().map(String::as_str).collect(), g.near))
            .collect();
        assert_eq!(
            shown,
            [
                ("Backend Agent", vec!["backend-agent"], false),
                ("Frontend Agent", vec!["Frontend Agnet"], true),
            ]
        );
    }

    #[test]
    fn excludes_tool_folders_and_portals_inside_the_tree() {
        let rels =
            ["a/.pytest_cache/v/x", "plans/p.md", "public/.attestor-portal", "public/index.html"];
        let globs: Vec<String> = excludes(&rels).into_iter().map(|(g, _)| g).collect();
        assert_eq!(globs, ["**/.pytest_cache/**", "public/**"]);
    }
}
