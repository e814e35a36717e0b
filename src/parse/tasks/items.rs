//! What one plain list item says: a status bullet whose id is not of the
//! `AB-12` shape (`✅ P1.1 - Async offload`, `🚧 M2: Editor`, `✅ [DONE - P0]
//! Title`), an item of a work list that is work rather than a question or a
//! reference (`Read docs/x.md` is a step, `docs/x.md` alone is not), and a
//! detail line of a task (`Owner: @ana`, `Estimate: 30 min`, `Status: done`).
//!
//! This module reads single items; whether the reader is in a work list, and
//! which task a detail belongs to, is `crate::parse::tasks`'s business.

use regex::Regex;

use crate::model::TaskStatus;
use crate::parse::task_text::{clean_title, strip_markers};
use crate::parse::words::{bullet_status, estimate_minutes, markers, status_of};
use crate::text::prefixed::captures;
use crate::text::words::WordRegex;

/// A status bullet's own id: a few capitals, a number, sections
/// (`P1.1`, `M2`, `S3.2a`), followed by a separator.
static SHORT_ID: WordRegex = WordRegex::new(|| {
    Regex::new(r"^([A-Z]{1,4}[0-9]+(?:\.[0-9]+)*[a-z]?)\s*(?::|\s-|\s–|\s—|\s\|)\s*(\S.*)$")
        .expect("short id pattern is valid")
});

/// Short ids that name priorities, headings, products or standards rather
/// than work: `P0` is a priority, `S3` a store, `EC2` a machine.
const NOT_IDS: &[&str] = &[
    "P0", "P1", "P2", "P3", "P4", "H1", "H2", "H3", "H4", "H5", "H6", "S3", "EC2", "IE11", "ES5",
    "ES6", "Q1", "Q2", "Q3", "Q4", "V1", "V2", "V3", "OAUTH2", "HTTP2", "HTTP3", "MP3", "MP4",
    "X11", "W3", "K8", "L1", "L2", "L3",
];

/// Items longer than this are prose, not work.
const MAX_WORDS: usize = 60;

/// A plain bullet that reports the status of a piece of work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StatusBullet {
    /// The id written with it (`P1.1`, `M2`), if any.
    pub(crate) id: Option<String>,
    /// The title.
    pub(crate) title: String,
    /// The status it states.
    pub(crate) status: TaskStatus,
}

/// Reads a status bullet whose id is not of the configured shapes: a status
/// marker, then a short id before a separator (`✅ P1.1 - Async offload`,
/// `🚧 M2: Editor`), or a bracketed status label (`✅ [DONE - P0] Title`,
/// `⏳ [NEXT - P2 Sprint 3] Title`, `[WIP] Title`), whose status and
/// priority are not an id. A marker and prose (`✅ All schemas validated`,
/// `✅ 196/196 tests passed`) is a claim, not a task: None.
pub(crate) fn status_bullet(text: &str) -> Option<StatusBullet> {
    let stripped = strip_markers(text);
    let rest = stripped.trim();
    if let Some(inner_end) = rest.strip_prefix('[').and_then(|after| after.find(']')) {
        let inner = &rest[1..=inner_end];
        let head = inner.split([',', '|', ':', '/']).next().unwrap_or("");
        let head = head.split(" - ").next().unwrap_or("");
        let status = status_of(head)?;
        let title = clean_title(&rest[inner_end + 2..]);
        return (!title.is_empty()).then_some(StatusBullet { id: None, title, status });
    }
    if markers(text).is_empty() || !text.trim_start().starts_with(|c| markers(text).contains(&c)) {
        return None;
    }
    let caps = captures(&SHORT_ID, rest)?;
    let id = caps.get(1)?.as_str();
    let title = clean_title(caps.get(2)?.as_str());
    if NOT_IDS.contains(&id) || title.is_empty() {
        return None;
    }
    let status = bullet_status(text)?;
    Some(StatusBullet { id: Some(id.to_string()), title, status })
}

/// Whether an item of a work list is work: not empty, not a question, not a
/// bare reference (`docs/x.md`, `` `config.py` - settings ``,
/// `https://…`), not a detail line (`Owner: Ana`, `Priority: high`), not a
/// paragraph of prose.
pub(crate) fn is_work_item(text: &str) -> bool {
    let stripped = strip_markers(text);
    let stripped = stripped.trim();
    let n_words = stripped.split_whitespace().count();
    !stripped.is_empty()
        && stripped.chars().any(char::is_alphabetic)
        && !stripped.ends_with('?')
        && n_words <= MAX_WORDS
        && !is_reference(stripped)
        && !introduces_a_list(stripped)
        && !declined(stripped)
        && detail(stripped).is_none()
}

/// Words that end a line introducing the list under it: `Consider Context
/// for:`, `Monitor these:`.
const INTRO_ENDINGS: &[&str] = &[
    "for",
    "to",
    "of",
    "in",
    "on",
    "with",
    "as",
    "by",
    "like",
    "include",
    "includes",
    "including",
    "following",
    "these",
    "are",
    "is",
    "below",
    "from",
    "about",
    "into",
];

/// Whether an item ending in a colon introduces the list under it rather
/// than naming work (`Add progress indicator:` names work).
fn introduces_a_list(text: &str) -> bool {
    let Some(head) = text.strip_suffix(':') else { return false };
    let last = head.split_whitespace().last().unwrap_or("").to_lowercase();
    INTRO_ENDINGS.contains(&last.as_str())
}

/// Whether an item says the work is not to be done: `Not required: Redux`,
/// `No action needed`, `None`.
fn declined(text: &str) -> bool {
    let lower = text.to_lowercase();
    let head = lower.split(':').next().unwrap_or("");
    let mut words = head.split_whitespace();
    matches!(words.next(), Some("not" | "no" | "none" | "nothing"))
}

/// Whether an item is a path or address, alone or with a description after
/// a separator.
fn is_reference(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    let first = first.trim_matches(|c: char| "`'\"*:,".contains(c));
    let rest = text[text.find(char::is_whitespace).unwrap_or(text.len())..].trim_start();
    let looks_like_path = first.contains('/')
        || first.starts_with("http")
        || first.rsplit_once('.').is_some_and(|(stem, ext)| {
            !stem.is_empty()
                && (1..=5).contains(&ext.len())
                && ext.chars().all(|c| c.is_ascii_alphanumeric())
                && ext.chars().any(|c| c.is_ascii_lowercase())
        });
    let alone = rest.is_empty()
        || ["-", "–", "—", "→", "(", "|"].iter().any(|sep| rest.starts_with(sep))
        || text.split_whitespace().next().is_some_and(|w| w.ends_with(':'));
    looks_like_path && alone
}

/// What a detail line says about the task above it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Detail {
    /// `Owner: @ana`, `Assignee: Bo`, `Responsable : Chloé`.
    Owner(String),
    /// `Estimate: 30 min`, `Effort: 2-3 days`, `Aufwand: 2h`: the value and
    /// the minutes it reads as.
    Estimate(String, Option<u32>),
    /// `Status: done`, `Statut : terminé`: the value and the status.
    Status(String, Option<TaskStatus>),
    /// A field that is not one of those (`Priority: high`, `Due: Friday`).
    Other,
}

/// Field names of detail lines, lowercase, and what they hold.
const FIELDS: &[(&str, Field)] = &[
    ("owner", Field::Owner),
    ("owners", Field::Owner),
    ("assignee", Field::Owner),
    ("assigned to", Field::Owner),
    ("assigned", Field::Owner),
    ("responsible", Field::Owner),
    ("dri", Field::Owner),
    ("propriétaire", Field::Owner),
    ("responsable", Field::Owner),
    ("verantwortlich", Field::Owner),
    ("zuständig", Field::Owner),
    ("estimate", Field::Estimate),
    ("estimated", Field::Estimate),
    ("estimated time", Field::Estimate),
    ("estimated effort", Field::Estimate),
    ("est", Field::Estimate),
    ("est.", Field::Estimate),
    ("effort", Field::Estimate),
    ("time", Field::Estimate),
    ("time estimate", Field::Estimate),
    ("duration", Field::Estimate),
    ("durée", Field::Estimate),
    ("estimation", Field::Estimate),
    ("temps estimé", Field::Estimate),
    ("aufwand", Field::Estimate),
    ("schätzung", Field::Estimate),
    ("dauer", Field::Estimate),
    ("estimación", Field::Estimate),
    ("duración", Field::Estimate),
    ("esfuerzo", Field::Estimate),
    ("tiempo estimado", Field::Estimate),
    ("status", Field::Status),
    ("state", Field::Status),
    ("statut", Field::Status),
    ("état", Field::Status),
    ("estado", Field::Status),
    ("due", Field::Other),
    ("due date", Field::Other),
    ("deadline", Field::Other),
    ("target date", Field::Other),
    ("échéance", Field::Other),
    ("fällig", Field::Other),
    ("frist", Field::Other),
    ("fecha límite", Field::Other),
    ("priority", Field::Other),
    ("priorité", Field::Other),
    ("priorität", Field::Other),
    ("prioridad", Field::Other),
    ("impact", Field::Other),
    ("expected impact", Field::Other),
    ("expected", Field::Other),
    ("expected result", Field::Other),
    ("note", Field::Other),
    ("notes", Field::Other),
    ("result", Field::Other),
    ("files", Field::Other),
    ("file", Field::Other),
    ("location", Field::Other),
    ("pros", Field::Other),
    ("cons", Field::Other),
    ("alternatives", Field::Other),
    ("why", Field::Other),
    ("reason", Field::Other),
    ("rationale", Field::Other),
    ("risk", Field::Other),
    ("goal", Field::Other),
    ("objective", Field::Other),
    ("success criteria", Field::Other),
    ("acceptance criteria", Field::Other),
    ("dependencies", Field::Other),
    ("depends on", Field::Other),
    ("blocked by", Field::Other),
    ("evidence", Field::Other),
    ("command", Field::Other),
    ("output", Field::Other),
    ("context", Field::Other),
    ("difficulty", Field::Other),
    ("complexity", Field::Other),
    ("tip", Field::Other),
    ("specialist", Field::Other),
    ("approach", Field::Other),
    ("target", Field::Other),
    ("current", Field::Other),
];

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Owner,
    Estimate,
    Status,
    Other,
}

/// Reads a detail line (`Owner: @ana`, `**Estimate**: 30 min`); None when
/// the line is not `field: value` with a field name this module knows.
pub(crate) fn detail(text: &str) -> Option<Detail> {
    let (name, value) = text.split_once(':')?;
    let name = name.trim().trim_matches(|c: char| "*_`-".contains(c)).trim().to_lowercase();
    let value = value.trim().trim_matches(|c: char| "*_`".contains(c)).trim();
    let (_, field) = FIELDS.iter().find(|(known, _)| *known == name)?;
    Some(match field {
        Field::Owner => {
            let owner = value.split([',', ';', '(']).next().unwrap_or("").trim();
            let owner = owner.trim_start_matches('@').trim_end_matches('.');
            if owner.is_empty() {
                return Some(Detail::Other);
            }
            Detail::Owner(owner.to_string())
        }
        Field::Estimate => {
            // `6 hours (setup + testing)`: the aside explains the number.
            let minutes =
                estimate_minutes(value).or_else(|| estimate_minutes(&without_asides(value)));
            Detail::Estimate(value.to_string(), minutes)
        }
        Field::Status => Detail::Status(value.to_string(), status_of(value)),
        Field::Other => Detail::Other,
    })
}

/// Text without its parenthesised asides: `30 mins (config) + 1 hour` ->
/// `30 mins + 1 hour`.
fn without_asides(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use TaskStatus::{Done, InProgress, Open};

    fn bullet(text: &str) -> Option<(Option<String>, String, TaskStatus)> {
        status_bullet(text).map(|b| (b.id, b.title, b.status))
    }

    #[test]
    fn reads_status_bullets_with_short_ids() {
        let some =
            |id: &str, title: &str, status| Some((Some(id.to_string()), title.into(), status));
        assert_eq!(bullet("✅ P1.1 - Async offload"), some("P1.1", "Async offload", Done));
        assert_eq!(bullet("🚧 M2: Editor autosave"), some("M2", "Editor autosave", InProgress));
        assert_eq!(bullet("⏳ S3.2a | Export"), some("S3.2a", "Export", Open));
        assert_eq!(bullet("✅ M4 — Beta launch"), some("M4", "Beta launch", Done));
    }

    #[test]
    fn a_bracketed_status_is_a_status_not_an_id() {
        let none = |title: &str, status| Some((None, title.to_string(), status));
        assert_eq!(bullet("✅ [DONE - P0] Fix login"), none("Fix login", Done));
        assert_eq!(bullet("⏳ [NEXT - P2 Sprint 3] Export"), none("Export", Open));
        assert_eq!(bullet("[WIP] Dark mode"), none("Dark mode", InProgress));
        assert_eq!(bullet("[TERMINÉ] Migration"), none("Migration", Done));
        assert_eq!(bullet("[Erledigt] Migration"), none("Migration", Done));
        assert_eq!(bullet("[P0] Fix login"), None);
        assert_eq!(bullet("[DONE]"), None);
    }

    #[test]
    fn a_marker_and_prose_is_a_claim_not_a_task() {
        for text in [
            "✅ All schemas validated",
            "✅ 196/196 tests passed",
            "✅ P0: Fix login",
            "✅ S3: bucket created",
            "✅ E2E: all green",
            "P1.1 - Async offload",
            "M2: Editor",
            "✅ P1.1",
            "✅ p1.1 - lower case",
            "Fixed ✅ M2: late marker",
            "",
        ] {
            assert_eq!(bullet(text), None, "{text:?}");
        }
    }

    #[test]
    fn work_items_are_neither_questions_nor_references() {
        for text in [
            "Read docs/x.md",
            "Review Best Practices",
            "Fix remaining 26 test failures (estimated 6-9 hours)",
            "✅ Report results to project team",
            "Update .env and .env.example",
            "Étudier la migration",
        ] {
            assert!(is_work_item(text), "{text:?}");
        }
        for text in [
            "docs/x.md",
            "`docs/x.md`",
            "`src/lib.rs` - the entry point",
            "https://example.com/runbook",
            "config.py: settings",
            "Was the backend ever running on this server?",
            "Owner: Ana",
            "**Priority**: HIGH",
            "Effort: 2-3 days",
            "",
            "—",
            &"word ".repeat(70),
        ] {
            assert!(!is_work_item(text), "{text:?}");
        }
    }

    #[test]
    fn reads_detail_lines() {
        assert_eq!(detail("Owner: @ana"), Some(Detail::Owner("ana".into())));
        assert_eq!(detail("**Owner**: Bo Li, Due: Friday"), Some(Detail::Owner("Bo Li".into())));
        assert_eq!(detail("Responsable : Chloé"), Some(Detail::Owner("Chloé".into())));
        assert_eq!(detail("Verantwortlich: Jonas"), Some(Detail::Owner("Jonas".into())));
        assert_eq!(detail("Estimate: 30 min"), Some(Detail::Estimate("30 min".into(), Some(30))));
        assert_eq!(detail("Aufwand: 2h"), Some(Detail::Estimate("2h".into(), Some(120))));
        assert_eq!(detail("Effort: soon"), Some(Detail::Estimate("soon".into(), None)));
        let noted = "30 mins (config) + 1 hour (validation script)";
        assert_eq!(
            detail(&format!("Effort: {noted}")),
            Some(Detail::Estimate(noted.into(), Some(90)))
        );
        let explained = "6 hours (setup + testing)";
        assert_eq!(
            detail(&format!("Estimate: {explained}")),
            Some(Detail::Estimate(explained.into(), Some(360)))
        );
        assert_eq!(
            detail("Status: ✅ Complete"),
            Some(Detail::Status("✅ Complete".into(), Some(Done)))
        );
        assert_eq!(
            detail("Estado: pendiente"),
            Some(Detail::Status("pendiente".into(), Some(Open)))
        );
        assert_eq!(detail("Due: 2025-01-10"), Some(Detail::Other));
        assert_eq!(detail("Owner:"), Some(Detail::Other));
        assert_eq!(detail("Add validation: for owner"), None);
        assert_eq!(detail("Deploy the app"), None);
    }
}
