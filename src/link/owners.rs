//! Owners: one name per person or team, however the docs spell it.
//!
//! Plans written by different hands name the same owner as `Backend Agent`,
//! `backend-agent` and `backend_agent`. By default spellings that differ
//! only in case and punctuation are one owner, shown by its most common
//! spelling (on a tie, one in mixed case); `[owners]` in `attestor.toml` gives an owner its name and joins
//! other spellings to it (`"Backend" = ["be-team", "Backend Agent"]`). The
//! tasks' and documents' `owner` fields are rewritten to the shown name here,
//! so every page, facet and `status.json` agree. A spelling `[owners]` names
//! that no document uses is a warning at its line of `attestor.toml`.

use std::collections::{BTreeMap, HashMap};

use crate::config::{CONFIG_FILE, OwnerAliases};
use crate::diagnostics::Diagnostic;
use crate::model::{Document, OwnerSpellings, Task};

/// Rewrites every task's and document's owner to the owner's shown name;
/// returns the diagnostics about `[owners]`, and the tasks' spellings of
/// each owner.
pub(crate) fn merge(
    config: &[OwnerAliases],
    tasks: &mut [Task],
    documents: &mut [Document],
) -> (Vec<Diagnostic>, OwnerSpellings) {
    let (named, mut diagnostics) = configured_names(config);
    // Every spelling in use, with how often, by key.
    // Each spelling's key is made once: 107,000 tasks at 10,000 documents
    // spell their owners a few dozen ways.
    let mut by_spelling: HashMap<&str, usize> = HashMap::new();
    for owner in tasks.iter().filter_map(|t| t.owner.as_deref()) {
        *by_spelling.entry(owner).or_default() += 1;
    }
    let mut spellings: HashMap<String, BTreeMap<&str, usize>> = HashMap::new();
    for (owner, n) in by_spelling {
        *spellings.entry(key(owner)).or_default().entry(owner).or_default() += n;
    }
    let task_spellings: OwnerSpellings = spellings
        .iter()
        .map(|(owner_key, counts)| {
            let counts = counts.iter().map(|(s, n)| (s.to_string(), *n)).collect();
            (owner_key.clone(), counts)
        })
        .collect();
    // A document's owner is often its own task's (a frontmatter id): it
    // counts only for owners no task names, so it is not counted twice.
    let mut doc_spellings: HashMap<String, BTreeMap<&str, usize>> = HashMap::new();
    for owner in documents.iter().filter_map(|d| d.owner.as_deref()) {
        if !spellings.contains_key(&key(owner)) {
            *doc_spellings.entry(key(owner)).or_default().entry(owner).or_default() += 1;
        }
    }
    spellings.extend(doc_spellings);
    let mut shown: HashMap<String, String> = HashMap::new();
    for (owner_key, counts) in &spellings {
        let name = match named.get(owner_key) {
            Some((name, _)) => name.clone(),
            None => most_common(counts).to_string(),
        };
        shown.insert(owner_key.clone(), name);
    }
    for entry in config {
        for (alias, line) in &entry.aliases {
            if !spellings.contains_key(&key(alias)) {
                diagnostics.push(
                    Diagnostic::warning(
                        "A220",
                        CONFIG_FILE,
                        *line,
                        format!(
                            "owner `{alias}` (an alias of `{}`) is not the owner of any task or document",
                            entry.name
                        ),
                    )
                    .with_help("check the spelling, or remove it from `[owners]`"),
                );
            }
        }
    }
    // The name each spelling is shown by, made once per spelling.
    let mut shown_as: HashMap<String, String> = HashMap::new();
    let owners = tasks.iter().filter_map(|t| t.owner.as_deref());
    for owner in owners.chain(documents.iter().filter_map(|d| d.owner.as_deref())) {
        if !shown_as.contains_key(owner)
            && let Some(name) = shown.get(&key(owner))
        {
            shown_as.insert(owner.to_string(), name.clone());
        }
    }
    for task in tasks.iter_mut() {
        if let Some(name) = task.owner.as_deref().and_then(|o| shown_as.get(o)) {
            task.owner = Some(name.as_str().into());
        }
    }
    for doc in documents.iter_mut() {
        if let Some(name) = doc.owner.as_deref().and_then(|o| shown_as.get(o)) {
            doc.owner = Some(name.clone());
        }
    }
    (diagnostics, task_spellings)
}

/// The name an owner of key `owner_key` is shown by when the tasks spell
/// it as `spellings` counts: [`merge`]'s choice for an owner the tasks
/// name.
pub(crate) fn shown_name(
    config: &[OwnerAliases],
    owner_key: &str,
    spellings: &BTreeMap<String, usize>,
) -> String {
    match configured_names(config).0.remove(owner_key) {
        Some((name, _)) => name,
        None => {
            let counts: BTreeMap<&str, usize> =
                spellings.iter().map(|(s, n)| (s.as_str(), *n)).collect();
            most_common(&counts).to_string()
        }
    }
}

/// The shown name of each key `[owners]` names (the name's own and its
/// aliases'), with the line that named it; a spelling given to two names
/// stays with the first and is a warning.
fn configured_names(
    config: &[OwnerAliases],
) -> (HashMap<String, (String, usize)>, Vec<Diagnostic>) {
    let mut named: HashMap<String, (String, usize)> = HashMap::new();
    let mut diagnostics = Vec::new();
    for entry in config {
        let own = std::iter::once((entry.name.as_str(), entry.line));
        let aliases = entry.aliases.iter().map(|(alias, line)| (alias.as_str(), *line));
        for (spelling, line) in own.chain(aliases) {
            match named.get(&key(spelling)) {
                Some((first, _)) if *first == entry.name => {}
                Some((first, first_line)) => diagnostics.push(
                    Diagnostic::warning(
                        "A221",
                        CONFIG_FILE,
                        line,
                        format!(
                            "`{spelling}` is given to owner `{}` here and to `{first}` at line {first_line}; it stays with `{first}`",
                            entry.name
                        ),
                    )
                    .with_help("list each spelling under one owner only"),
                ),
                None => {
                    named.insert(key(spelling), (entry.name.clone(), line));
                }
            }
        }
    }
    (named, diagnostics)
}

/// What two spellings of one owner share: the letters and digits,
/// lowercase. `Backend Agent`, `backend-agent` and `BACKEND_AGENT` are one
/// key. A name with no letter or digit is its own key.
pub(crate) fn key(owner: &str) -> String {
    let folded: String =
        owner.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    if folded.is_empty() { owner.trim().to_string() } else { folded }
}

/// The spelling used most; on a tie, one in mixed case (`Backend Agent`)
/// before one in all capitals or all lowercase, then the first in byte
/// order, so the choice never depends on the order of the files.
fn most_common<'a>(counts: &BTreeMap<&'a str, usize>) -> &'a str {
    let mixed = |s: &str| s.chars().any(char::is_uppercase) && s.chars().any(char::is_lowercase);
    let mut best: Option<(&str, usize)> = None;
    for (&spelling, &n) in counts {
        let better = match best {
            None => true,
            Some((_, most)) if n != most => n > most,
            Some((chosen, _)) => mixed(spelling) && !mixed(chosen),
        };
        if better {
            best = Some((spelling, n));
        }
    }
    best.map_or("", |(spelling, _)| spelling)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Source, TaskForm, TaskStatus};

    fn tasks(owners: &[&str]) -> Vec<Task> {
        owners
            .iter()
            .enumerate()
            .map(|(n, owner)| {
                let source = Source { path: "p.md".into(), line: n + 1 };
                let mut task = Task::new(
                    format!("T-{n}"),
                    "x".into(),
                    TaskStatus::Open,
                    source,
                    TaskForm::TableRow,
                );
                task.owner = Some((*owner).into());
                task
            })
            .collect()
    }

    fn owners(tasks: &[Task]) -> Vec<&str> {
        tasks.iter().map(|t| t.owner.as_deref().unwrap_or("")).collect()
    }

    #[test]
    fn merges_spellings_that_differ_in_case_and_punctuation() {
        let mut list =
            tasks(&["backend-agent", "Backend Agent", "backend_agent", "Backend Agent", "QA"]);
        let (diagnostics, spellings) = merge(&[], &mut list, &mut []);
        assert_eq!(diagnostics, []);
        // What the names were chosen from, kept for `serve`.
        let counts = &spellings["backendagent"];
        let counted: Vec<(&str, usize)> = counts.iter().map(|(s, n)| (s.as_str(), *n)).collect();
        assert_eq!(counted, [("Backend Agent", 2), ("backend-agent", 1), ("backend_agent", 1)]);
        assert_eq!(shown_name(&[], "backendagent", counts), "Backend Agent");
        assert_eq!(
            owners(&list),
            ["Backend Agent", "Backend Agent", "Backend Agent", "Backend Agent", "QA"]
        );
    }

    #[test]
    fn a_tie_goes_to_mixed_case_then_to_the_first_in_byte_order() {
        let mut list = tasks(&["QA TEAM", "qa-team", "Qa Team", "QA Team"]);
        merge(&[], &mut list, &mut []);
        assert_eq!(owners(&list), ["QA Team"; 4]);
    }

    #[test]
    fn aliases_name_the_owner_and_warn_when_unused() {
        let config = [
            OwnerAliases {
                name: "Backend".into(),
                line: 2,
                aliases: vec![("be-team".into(), 2), ("Backend Agent".into(), 3)],
            },
            OwnerAliases {
                name: "Ops".into(),
                line: 4,
                aliases: vec![("ops-crew".into(), 4), ("BE team".into(), 4)],
            },
        ];
        let mut list = tasks(&["backend-agent", "BE-TEAM", "backend", "ops"]);
        let (diagnostics, _) = merge(&config, &mut list, &mut []);
        assert_eq!(owners(&list), ["Backend", "Backend", "Backend", "Ops"]);
        let lines: Vec<String> = diagnostics.iter().map(|d| d.to_human()).collect();
        assert_eq!(
            lines,
            [
                "warning[A221]: `BE team` is given to owner `Ops` here and to `Backend` at line 2; it stays with `Backend`\n  --> attestor.toml:4\n  = help: list each spelling under one owner only",
                "warning[A220]: owner `ops-crew` (an alias of `Ops`) is not the owner of any task or document\n  --> attestor.toml:4\n  = help: check the spelling, or remove it from `[owners]`",
            ]
        );
    }

    #[test]
    fn keys_fold_case_and_punctuation_but_keep_letters_of_any_script() {
        assert_eq!(key("Backend Agent"), "backendagent");
        assert_eq!(key(" backend_agent. "), "backendagent");
        assert_eq!(key("Zoë-Müller"), "zoëmüller");
        assert_eq!(key("—"), "—");
    }
}
