//! Sprint-status files: the BMAD method's `sprint-status.yaml`, read as the
//! tasks of a tracker.
//!
//! The file is YAML with a `development_status:` map whose entries are
//! epics (`epic-1`), stories (`1-2-user-auth`) and retrospectives
//! (`epic-1-retrospective`), each with a status word (`backlog`,
//! `ready-for-dev`, `in-progress`, `review`, `done`, `optional`, ...), and
//! comments that explain the words. Recognising the file is strict: a YAML
//! file is a sprint status only when its `development_status:` block holds
//! at least one entry shaped like an epic or a story, whatever the file's
//! name, so a docker-compose file or a CI workflow never yields tasks.
//! Reading it is lenient: an unknown status is read as open, and a line that
//! is not `key: status` is reported and the rest still read, each with its
//! line. The block is read line by line rather than through a YAML library,
//! which keeps each entry's line and reads a file with a YAML error
//! elsewhere; `crate::parse::frontmatter` stays the one caller of a YAML library.
//! Which epic an entry belongs to, and its title, is `epics`' job; showing
//! the file as text is the caller's.

mod epics;

use std::sync::Arc;

use crate::dates::{find_date, find_written_date};
use crate::diagnostics::Diagnostic;
use crate::model::{Phase, Source, Task, TaskForm, TaskStatus};

/// The key of the map that holds the entries.
const BLOCK_KEY: &str = "development_status";

/// What a sprint-status file holds.
#[derive(Debug, Default)]
pub struct Sprint {
    /// One task per entry, in file order.
    pub tasks: Vec<Task>,
    /// One phase per epic, with the ids of its entries.
    pub phases: Vec<Phase>,
    /// The project it names (`project:`), if any.
    pub project: Option<String>,
    /// When it was generated or last updated, as `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Entries and lines that could not be read as they are.
    pub diagnostics: Vec<Diagnostic>,
}

/// One `key: status` line of the block.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    /// The key, unquoted.
    key: String,
    /// The status as written, unquoted; `None` for a key with nothing after
    /// its colon and no `status:` line under it.
    value: Option<String>,
    /// 1-based line of the key.
    line: usize,
}

/// The `development_status:` block as read line by line.
#[derive(Debug, Default)]
struct Block {
    /// The entries, in file order.
    entries: Vec<Entry>,
    /// Lines of the block that are not `key: status`, with what is wrong.
    problems: Vec<(usize, String)>,
}

/// Whether a file is a sprint status: a YAML file whose
/// `development_status:` block holds an entry shaped like an epic or a story
/// with a status.
pub fn is_sprint_status(path: &str, text: &str) -> bool {
    let name = crate::model::file_name(path).to_ascii_lowercase();
    if !(name.ends_with(".yaml") || name.ends_with(".yml")) {
        return false;
    }
    read_block(text).is_some_and(|block| {
        block.entries.iter().any(|e| e.value.is_some() && epics::is_work_item_key(&e.key))
    })
}

/// Reads a sprint status: one task per entry of its `development_status:`
/// block, grouped in one phase per epic.
pub fn read(path: &str, text: &str) -> Sprint {
    let mut sprint = Sprint {
        project: top_level_value(text, &["project", "project_name"]),
        date: top_level_value(text, &["last_updated", "updated", "generated", "date"])
            .and_then(|value| find_written_date(&value))
            .or_else(|| find_date(path)),
        ..Sprint::default()
    };
    let block = read_block(text).unwrap_or_default();
    for (line, message) in block.problems {
        sprint.diagnostics.push(Diagnostic::warning("A113", path, line, message).with_help(
            "write one `key: status` line per epic or story, indented under `development_status:`",
        ));
    }
    let entries: Vec<Entry> = latest_entries(path, block.entries, &mut sprint.diagnostics)
        .into_iter()
        .filter(|entry| {
            let read = entry.value.is_some();
            if !read {
                let message = format!("sprint entry `{}` has no status; it is not read", entry.key);
                sprint.diagnostics.push(Diagnostic::warning("A115", path, entry.line, message));
            }
            read
        })
        .collect();
    let keys: Vec<&str> = entries.iter().map(|e| e.key.as_str()).collect();
    let members = epics::assign(&keys);
    let shared: Arc<str> = Arc::from(path);
    for (entry, member) in entries.iter().zip(members) {
        let status = entry_status(path, entry, &mut sprint.diagnostics);
        let source = Source { path: Arc::clone(&shared), line: entry.line };
        let mut task =
            Task::new(entry.key.clone(), member.title, status, source, TaskForm::Tracker);
        task.phase = member.group.map(Into::into);
        if member.is_group {
            sprint.phases.push(Phase {
                title: task.phase.as_deref().unwrap_or_default().to_string(),
                status: Some(status),
                tasks: Vec::new(),
                source: task.source.clone(),
                estimate_minutes: None,
                objective: None,
            });
        }
        sprint.tasks.push(task);
    }
    sprint.phases = epic_phases(std::mem::take(&mut sprint.phases), &sprint.tasks);
    sprint
}

/// The status of an entry that has one; an unknown word is read as open,
/// with a warning at the entry's line.
fn entry_status(path: &str, entry: &Entry, diagnostics: &mut Vec<Diagnostic>) -> TaskStatus {
    let value = entry.value.as_deref().unwrap_or_default();
    status_of(value).unwrap_or_else(|| {
        let message = format!("unknown sprint status `{value}` of `{}`; read as open", entry.key);
        diagnostics.push(Diagnostic::warning("A114", path, entry.line, message).with_help(
            "use backlog, ready-for-dev, in-progress, review, done, blocked or optional",
        ));
        TaskStatus::Open
    })
}

/// The status a sprint-status word stands for, in the BMAD method's words
/// and the variants people and other tools write (`in_progress`, `To Do`,
/// `completed`); `None` for a word it does not know.
pub fn status_of(word: &str) -> Option<TaskStatus> {
    // `Done (2025-11-03)`, `done ✅`: the first word says it when the whole does not.
    let first = word.split_whitespace().next().unwrap_or_default();
    status_word(word).or_else(|| status_word(first))
}

/// The status of one status word or phrase (`in progress`, `won't do`).
fn status_word(word: &str) -> Option<TaskStatus> {
    let word = word.trim().trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    let word = word.replace(['_', ' '], "-").replace(['\'', '\u{2019}'], "");
    let status = match word.as_str() {
        "backlog"
        | "todo"
        | "to-do"
        | "new"
        | "open"
        | "drafted"
        | "draft"
        | "ready"
        | "ready-for-dev"
        | "ready-for-development"
        | "approved"
        | "planned"
        | "pending"
        | "not-started"
        | "proposed" => TaskStatus::Open,
        "in-progress" | "inprogress" | "wip" | "started" | "active" | "doing" | "contexted"
        | "review" | "in-review" | "code-review" | "ready-for-review" | "needs-review" | "qa"
        | "in-qa" | "ready-for-qa" | "testing" => TaskStatus::InProgress,
        "done" | "completed" | "complete" | "closed" | "finished" | "merged" | "shipped"
        | "released" | "accepted" => TaskStatus::Done,
        "blocked" | "on-hold" | "waiting" => TaskStatus::Blocked,
        "optional" | "skipped" | "skip" | "deferred" | "cancelled" | "canceled" | "deprecated"
        | "obsolete" | "dropped" | "wont-do" | "wontfix" | "n/a" | "na" | "not-needed"
        | "out-of-scope" | "superseded" => TaskStatus::Skipped,
        _ => return None,
    };
    Some(status)
}

/// Finds the `development_status:` line (at the start of a line, as a
/// top-level key) and reads the block under it.
fn read_block(text: &str) -> Option<Block> {
    let mut lines = crate::text::lines(text).enumerate();
    lines.by_ref().find(|(_, line)| is_block_start(line))?;
    let mut block = Block::default();
    let mut entry_indent = None;
    for (idx, raw) in lines {
        let n = idx + 1;
        let content = strip_comment(raw).trim_end();
        if content.trim().is_empty() {
            continue;
        }
        let indent = raw.len() - raw.trim_start().len();
        if indent == 0 {
            break;
        }
        let indent_at = *entry_indent.get_or_insert(indent);
        if raw[..indent].contains('\t') {
            // A tab's width is anyone's guess: the line is taken for an entry.
            block.problems.push((n, "a tab in the indentation (YAML allows only spaces)".into()));
        } else if indent > indent_at {
            child_line(&mut block, content.trim(), n);
            continue;
        } else if indent < indent_at {
            block.problems.push((n, "this line is indented less than the entries above it".into()));
        }
        match key_value(content.trim()) {
            Some((key, value)) => block.entries.push(Entry { key, value, line: n }),
            None => block
                .problems
                .push((n, format!("`{}` is not a `key: status` line", content.trim()))),
        }
    }
    Some(block)
}

/// Whether a line opens the block: `development_status:` at the start of
/// the line, with nothing after the colon but a comment.
fn is_block_start(line: &str) -> bool {
    !line.starts_with(char::is_whitespace)
        && strip_comment(line)
            .trim_end()
            .strip_suffix(':')
            .is_some_and(|key| unquote(key) == BLOCK_KEY)
}

/// A line indented under an entry: its `status:` is the entry's status when
/// the entry has none on its own line (`1-1-setup:` then `status: done`);
/// other fields are the entry's details and are not read.
fn child_line(block: &mut Block, content: &str, line: usize) {
    let Some(entry) = block.entries.last_mut() else {
        block.problems.push((line, "this line is indented more than an entry".into()));
        return;
    };
    if entry.value.is_none()
        && let Some((key, Some(value))) = key_value(content)
        && key == "status"
    {
        entry.value = Some(value);
    }
}

/// Splits `key: value` (either side may be quoted); the value is `None`
/// when nothing follows the colon. `None` for a line without such a colon,
/// or a list item.
fn key_value(content: &str) -> Option<(String, Option<String>)> {
    if content.starts_with("- ") || content == "-" {
        return None;
    }
    let colon = key_colon(content)?;
    let key = unquote(content[..colon].trim());
    if key.is_empty() {
        return None;
    }
    let value = unquote(content[colon + 1..].trim());
    Some((key.to_string(), (!value.is_empty()).then(|| value.to_string())))
}

/// Where the colon that ends a key is: after a quoted key, or the first
/// `: ` (or a colon at the end) in a plain one.
fn key_colon(content: &str) -> Option<usize> {
    let quote = content.chars().next().filter(|c| *c == '"' || *c == '\'');
    let search_from = match quote {
        Some(q) => 1 + content[1..].find(q)? + 1,
        None => 0,
    };
    let rest = &content[search_from..];
    let colon = rest
        .char_indices()
        .find(|&(i, c)| c == ':' && rest[i + 1..].chars().next().is_none_or(char::is_whitespace))?
        .0;
    Some(search_from + colon)
}

/// The line without a trailing `# comment` (a `#` at the start or after a
/// space, outside quotes).
fn strip_comment(line: &str) -> &str {
    let mut quote = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            // An apostrophe inside a word (`won't`) opens no quote; a
            // doubled quote (`'it''s'`) is one quote inside a string.
            None if (c == '"' || c == '\'')
                && (prev.is_whitespace() || prev == ':' || prev == c || i == 0) =>
            {
                quote = Some(c);
            }
            None if c == '#' && prev.is_whitespace() => return &line[..i],
            None if c == '#' && i == 0 => return "",
            None => {}
        }
        prev = c;
    }
    line
}

/// The text inside matching quotes, or the text as it is.
fn unquote(text: &str) -> &str {
    let text = text.trim();
    for q in ['"', '\''] {
        if let Some(inner) = text.strip_prefix(q).and_then(|t| t.strip_suffix(q)) {
            return inner;
        }
    }
    text
}

/// The value of the first top-level key (or a comment line that states it,
/// as `# Project: Shop`) among `keys`, whatever its case and separators
/// (`Last Updated`, `last-updated`).
fn top_level_value(text: &str, keys: &[&str]) -> Option<String> {
    crate::text::lines(text).find_map(|line| {
        let line = line.strip_prefix('#').map_or(line, str::trim_start);
        if line.starts_with(char::is_whitespace) {
            return None;
        }
        let (key, value) = key_value(strip_comment(line).trim_end())?;
        let value = value?;
        let key = key.to_lowercase().replace([' ', '-'], "_");
        (keys.contains(&key.as_str()) && !value.starts_with('{')).then_some(value)
    })
}

/// Keeps the last entry of each key, as YAML readers that accept a key
/// twice do; each earlier one is reported where the later one is.
fn latest_entries(
    path: &str,
    entries: Vec<Entry>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Entry> {
    let mut kept: Vec<Entry> = Vec::with_capacity(entries.len());
    let mut seen = std::collections::HashMap::new();
    for entry in entries {
        match seen.get(&entry.key) {
            Some(&idx) => {
                let first: &Entry = &kept[idx];
                let message = format!(
                    "sprint entry `{}` is listed again (first on line {}); this later one is read",
                    entry.key, first.line
                );
                diagnostics.push(Diagnostic::warning("A116", path, entry.line, message));
                kept[idx] = entry;
            }
            None => {
                seen.insert(entry.key.clone(), kept.len());
                kept.push(entry);
            }
        }
    }
    kept
}

/// The phases of a sprint status: one per group that has its own line, in
/// file order, then one per group only its entries name, each holding the
/// ids of its entries.
fn epic_phases(mut phases: Vec<Phase>, tasks: &[Task]) -> Vec<Phase> {
    for task in tasks {
        let Some(title) = &task.phase else { continue };
        match phases.iter_mut().find(|p| *p.title == **title) {
            Some(phase) => phase.tasks.push(task.id.clone()),
            None => phases.push(Phase {
                title: title.to_string(),
                status: None,
                tasks: vec![task.id.clone()],
                source: task.source.clone(),
                estimate_minutes: None,
                objective: None,
            }),
        }
    }
    phases
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sprint status as the BMAD sprint-planning workflow writes it, in
    /// our own words: metadata in comments, a status legend, then entries.
    const SPRINT: &str = "\
# generated: 2025-11-20
# project: Garden Diary
# tracking_system: file-system

# STATUS DEFINITIONS:
#   - backlog: only in the epic file
#   - done: finished and reviewed

development_status:
  epic-1: contexted
  1-1-project-scaffold: done
  1-2-user-auth: review
  1-3-photo-upload: ready-for-dev   # waiting on storage
  epic-1-retrospective: optional

  epic-2: backlog
  2-1-reminders: drafted
  2-2-weather-feed: in-progress
  epic-2-retrospective: completed
";

    fn statuses(sprint: &Sprint) -> Vec<(&str, TaskStatus, usize)> {
        sprint.tasks.iter().map(|t| (t.id.as_str(), t.status, t.source.line)).collect()
    }

    #[test]
    fn reads_every_entry_as_a_task_with_its_status_and_line() {
        use TaskStatus::{Done, InProgress, Open, Skipped};
        assert!(is_sprint_status("docs/sprint-status.yaml", SPRINT));
        let sprint = read("docs/sprint-status.yaml", SPRINT);
        assert_eq!(
            statuses(&sprint),
            vec![
                ("epic-1", InProgress, 10),
                ("1-1-project-scaffold", Done, 11),
                ("1-2-user-auth", InProgress, 12),
                ("1-3-photo-upload", Open, 13),
                ("epic-1-retrospective", Skipped, 14),
                ("epic-2", Open, 16),
                ("2-1-reminders", Open, 17),
                ("2-2-weather-feed", InProgress, 18),
                ("epic-2-retrospective", Done, 19),
            ]
        );
        assert!(sprint.diagnostics.is_empty(), "{:?}", sprint.diagnostics);
        assert_eq!(sprint.project.as_deref(), Some("Garden Diary"));
        assert_eq!(sprint.date.as_deref(), Some("2025-11-20"));
        let titles: Vec<&str> = sprint.tasks.iter().map(|t| &*t.title).collect();
        assert_eq!(titles[..3], ["Epic 1", "Story 1.1: project scaffold", "Story 1.2: user auth"]);
        assert_eq!(titles[4], "Epic 1 retrospective");
        assert!(sprint.tasks.iter().all(|t| t.form == TaskForm::Tracker));
    }

    #[test]
    fn groups_entries_in_one_phase_per_epic() {
        let sprint = read("sprint-status.yaml", SPRINT);
        let phases: Vec<(&str, Option<TaskStatus>, usize, usize)> = sprint
            .phases
            .iter()
            .map(|p| (p.title.as_str(), p.status, p.tasks.len(), p.source.line))
            .collect();
        assert_eq!(
            phases,
            vec![
                ("Epic 1", Some(TaskStatus::InProgress), 5, 10),
                ("Epic 2", Some(TaskStatus::Open), 4, 16)
            ]
        );
        assert_eq!(sprint.tasks[1].phase.as_deref(), Some("Epic 1"));
    }

    #[test]
    fn reads_variants_of_the_format() {
        // Top-level metadata, quoted keys and values, four-space indent,
        // other tools' status words, an entry with its status on a line of
        // its own, CRLF already turned into LF by the decoder.
        let text = "\
generated: '2026-01-20T12:00:00'
project: shop
development_status:
    \"epic-3\": \"in_progress\"
    '3-1-cart-api': Done
    3-2-checkout: To Do
    3-3-invoices:
        status: blocked
        owner: sam
    3-4-coupons: deferred
    3-5-legacy-export: cancelled
epics:
  - id: 3
";
        assert!(is_sprint_status("state/sprint.yml", text));
        let sprint = read("state/sprint.yml", text);
        use TaskStatus::{Blocked, Done, InProgress, Open, Skipped};
        assert_eq!(
            statuses(&sprint),
            vec![
                ("epic-3", InProgress, 4),
                ("3-1-cart-api", Done, 5),
                ("3-2-checkout", Open, 6),
                ("3-3-invoices", Blocked, 7),
                ("3-4-coupons", Skipped, 10),
                ("3-5-legacy-export", Skipped, 11),
            ]
        );
        assert_eq!(sprint.date.as_deref(), Some("2026-01-20"));
        assert_eq!(sprint.project.as_deref(), Some("shop"));
        assert!(sprint.diagnostics.is_empty(), "{:?}", sprint.diagnostics);
    }

    #[test]
    fn reads_comment_metadata_annotated_statuses_and_notes_under_entries() {
        // Metadata in capitalised comments, statuses followed by a date or an
        // emoji, comment blocks indented under an entry, a sprint group, and
        // stories listed away from their epic line.
        let text = "\
# Board for the Q2 push
# Generated: 2026-04-02
# Project: Lighthouse
development_status:
  epic-4: in-progress
  4-1-import-wizard: Done (2026-03-30)
  4-2-bulk-edit: review ✅
    # notes for the reviewer
    # - check the undo path
  epic-5: backlog
  4-3-undo: backlog
  sprint-0: done
  0-1-ci-setup: done
";
        let sprint = read("board/sprint-status.yaml", text);
        use TaskStatus::{Done, InProgress, Open};
        assert_eq!(
            statuses(&sprint),
            vec![
                ("epic-4", InProgress, 5),
                ("4-1-import-wizard", Done, 6),
                ("4-2-bulk-edit", InProgress, 7),
                ("epic-5", Open, 10),
                ("4-3-undo", Open, 11),
                ("sprint-0", Done, 12),
                ("0-1-ci-setup", Done, 13),
            ]
        );
        assert!(sprint.diagnostics.is_empty(), "{:?}", sprint.diagnostics);
        assert_eq!(sprint.date.as_deref(), Some("2026-04-02"));
        assert_eq!(sprint.project.as_deref(), Some("Lighthouse"));
        let phases: Vec<(&str, usize)> =
            sprint.phases.iter().map(|p| (p.title.as_str(), p.tasks.len())).collect();
        assert_eq!(phases, [("Epic 4", 4), ("Epic 5", 1), ("Sprint 0", 2)]);
        assert_eq!(&*sprint.tasks[6].title, "Story 0.1: ci setup");
    }

    #[test]
    fn reads_an_unknown_status_as_open_with_a_warning() {
        let text = "development_status:\n  epic-1: backlog\n  1-1-login: almost-there\n";
        let sprint = read("sprint-status.yaml", text);
        assert_eq!(sprint.tasks[1].status, TaskStatus::Open);
        let messages: Vec<_> =
            sprint.diagnostics.iter().map(|d| (d.code, d.line, d.message.as_str())).collect();
        assert_eq!(
            messages,
            vec![("A114", 3, "unknown sprint status `almost-there` of `1-1-login`; read as open")]
        );
    }

    #[test]
    fn reports_broken_lines_and_reads_the_rest() {
        let text = "\
development_status:
  epic-1: in-progress
  1-1-login done
\t1-2-signup: done
  1-3-profile:
 1-4-avatar: backlog
  - 1-5-list-item
  1-1-login: review
";
        assert!(is_sprint_status("sprint-status.yaml", text));
        let sprint = read("sprint-status.yaml", text);
        let ids: Vec<_> = statuses(&sprint);
        use TaskStatus::{Done, InProgress, Open};
        assert_eq!(
            ids,
            vec![
                ("epic-1", InProgress, 2),
                ("1-2-signup", Done, 4),
                ("1-4-avatar", Open, 6),
                ("1-1-login", InProgress, 8),
            ]
        );
        let codes: Vec<_> = sprint.diagnostics.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(
            codes,
            vec![("A113", 3), ("A113", 4), ("A113", 6), ("A113", 7), ("A115", 5)],
            "{:#?}",
            sprint.diagnostics
        );
    }

    #[test]
    fn keeps_the_later_of_two_entries_for_one_key() {
        let text = "development_status:\n  1-1-login: backlog\n  1-1-login: done\n";
        let sprint = read("sprint-status.yaml", text);
        assert_eq!(statuses(&sprint), vec![("1-1-login", TaskStatus::Done, 3)]);
        assert_eq!(sprint.diagnostics[0].code, "A116");
        assert_eq!(sprint.diagnostics[0].line, 3);
    }

    #[test]
    fn other_yaml_files_are_not_sprint_statuses() {
        for (path, text) in [
            (
                "docker-compose.yml",
                "# Local stack\n# run: docker compose up\nservices:\n  db:\n    image: postgres:16\n",
            ),
            (
                ".github/workflows/ci.yml",
                "# CI\nname: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: cargo test\n",
            ),
            // The right key, but nothing shaped like an epic or a story.
            ("sprint-status.yaml", "development_status:\n  frontend: done\n  backend: todo\n"),
            // The key nested under another, or only in a comment.
            ("status.yaml", "sprint:\n  development_status:\n    1-1-login: done\n"),
            ("notes.yaml", "# development_status:\n#   1-1-login: done\n"),
            // Not YAML by name.
            ("sprint-status.md", "development_status:\n  1-1-login: done\n"),
            ("sprint-status.yaml", ""),
        ] {
            assert!(!is_sprint_status(path, text), "{path}: {text:?}");
        }
    }

    #[test]
    fn knows_status_words_in_their_usual_spellings() {
        use TaskStatus::{Blocked, Done, InProgress, Open, Skipped};
        for (word, status) in [
            ("backlog", Open),
            ("ready-for-dev", Open),
            ("ready_for_dev", Open),
            ("TODO", Open),
            ("drafted", Open),
            ("in-progress", InProgress),
            ("In Progress", InProgress),
            ("review", InProgress),
            ("contexted", InProgress),
            ("done", Done),
            ("Completed", Done),
            ("blocked", Blocked),
            ("optional", Skipped),
            ("won't do", Skipped),
            ("cancelled", Skipped),
            ("\"done\"", Done),
        ] {
            assert_eq!(status_of(word), Some(status), "{word}");
        }
        for word in ["", "soon", "50%", "yes"] {
            assert_eq!(status_of(word), None, "{word}");
        }
    }

    #[test]
    fn never_panics_on_odd_lines() {
        let odd =
            "development_status:\n  \"\n  ':\n  : x\n  é: ü\n  1-1-x: '\n  epic-: done\n  #\n";
        let _ = read("s.yaml", odd);
        let _ = is_sprint_status("s.yaml", odd);
        let long = format!("development_status:\n  1-1-{}: done\n", "x".repeat(100_000));
        assert_eq!(read("s.yaml", &long).tasks.len(), 1);
        assert_eq!(strip_comment("a: 'it''s # not a comment'"), "a: 'it''s # not a comment'");
        assert_eq!(strip_comment("a: won't # note"), "a: won't ");
    }
}
