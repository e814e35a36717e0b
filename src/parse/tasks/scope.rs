//! Which sections of a document list work: a heading or bold label that
//! names it (`## Next Steps`, `**Action items:**`, `### TODO`, `## Prochaines
//! étapes`, `## Nächste Schritte`, `## Próximos pasos`), and the sections
//! inside it that name something else (`### Examples`, `**Questions for
//! user:**`). Also which documents describe rather than plan (architecture,
//! design, reference, specs), where a labelled heading is description.
//!
//! This module owns the vocabulary of section names and the [`Scope`] that
//! follows them through a document; which items of a work section are tasks
//! is `crate::parse::tasks::items`'s call.

use crate::model::TaskStatus;
use crate::parse::task_text::strip_markers;
use crate::parse::words::status_of;

/// Names of lists of work, lowercase, as whole words at the start of a
/// heading or label (after modifiers such as `Immediate` or `Remaining`).
const WORK_NAMES: &[&str] = &[
    "next steps",
    "next step",
    "next actions",
    "action items",
    "action item",
    "actions",
    "todo",
    "todos",
    "to do",
    "to-do",
    "to-dos",
    "to dos",
    "tasks",
    "task list",
    "follow-ups",
    "follow-up",
    "follow up",
    "follow ups",
    "followups",
    "recommendations",
    "remaining work",
    "remaining tasks",
    "remaining items",
    "open items",
    "open tasks",
    "outstanding items",
    "outstanding work",
    "pending",
    "pending items",
    "pending tasks",
    "work items",
    "backlog",
    // French.
    "tâches",
    "taches",
    "étapes",
    "etapes",
    "prochaines étapes",
    "prochaines etapes",
    "étapes suivantes",
    "à faire",
    "a faire",
    "reste à faire",
    "actions à mener",
    "points ouverts",
    "recommandations",
    // German.
    "aufgaben",
    "nächste schritte",
    "naechste schritte",
    "offene punkte",
    "offene aufgaben",
    "maßnahmen",
    "massnahmen",
    "empfehlungen",
    // Spanish.
    "tareas",
    "próximos pasos",
    "proximos pasos",
    "siguientes pasos",
    "pendientes",
    "acciones",
    "recomendaciones",
];

/// Words that may come before a work name without changing what it names:
/// `Immediate Next Steps`, `Remaining Tasks`, `Future Recommendations`.
const MODIFIERS: &[&str] = &[
    "immediate",
    "next",
    "final",
    "future",
    "key",
    "top",
    "required",
    "remaining",
    "recommended",
    "suggested",
    "proposed",
    "open",
    "outstanding",
    "priority",
    "prioritized",
    "critical",
    "urgent",
    "short-term",
    "medium-term",
    "long-term",
    "session",
    "sprint",
    "team",
    "new",
    "our",
    "my",
    "your",
    "high-priority",
    "follow-up",
    "cleanup",
    "testing",
    "security",
    "documentation",
    "deployment",
    "the",
    "immédiates",
    "principales",
    "wichtigste",
    "offene",
    "weitere",
    "principales",
    "inmediatos",
];

/// First words of sections that are not lists of work, even inside one:
/// examples, notes, files, questions, results.
const OTHER_NAMES: &[&str] = &[
    "example",
    "examples",
    "instructions",
    "note",
    "notes",
    "context",
    "background",
    "file",
    "files",
    "overview",
    "summary",
    "question",
    "questions",
    "rationale",
    "risk",
    "risks",
    "reference",
    "references",
    "links",
    "resources",
    "feature",
    "features",
    "changes",
    "changelog",
    "result",
    "results",
    "metrics",
    "benefits",
    "pros",
    "cons",
    "why",
    "expected",
    "command",
    "commands",
    "usage",
    "output",
    "screenshots",
    "dependencies",
    "prerequisites",
    "assumptions",
    "glossary",
    "option",
    "options",
    "current",
    "projected",
    "target",
    "goal",
    "goals",
    "confidence",
    "answer",
    "total",
    "coverage",
    "tip",
    "alternative",
    "alternatives",
    "success",
    "acceptance",
    "criteria",
    "definition",
    "accomplishments",
    "achievements",
    "lessons",
    "verification",
    "evidence",
    "impact",
    "exemple",
    "exemples",
    "remarques",
    "contexte",
    "fichiers",
    "résumé",
    "risques",
    "résultats",
    "beispiel",
    "beispiele",
    "hinweise",
    "kontext",
    "dateien",
    "zusammenfassung",
    "fragen",
    "risiken",
    "ergebnisse",
    "ejemplo",
    "ejemplos",
    "notas",
    "contexto",
    "archivos",
    "resumen",
    "preguntas",
    "riesgos",
    "resultados",
];

/// Words that group work by time or priority.
const GROUPING: &[&str] = &[
    "today",
    "tomorrow",
    "tonight",
    "week",
    "weeks",
    "month",
    "months",
    "quarter",
    "day",
    "days",
    "hours",
    "hour",
    "minutes",
    "now",
    "later",
    "soon",
    "this",
    "before",
    "after",
    "during",
    "high",
    "medium",
    "low",
    "p0",
    "p1",
    "p2",
    "p3",
    "short",
    "long",
    "term",
    "must",
    "should",
    "could",
    "nice",
    "have",
    "nice-to-have",
    "optional",
    "pre-launch",
    "post-launch",
    "for",
    "and",
    "of",
    "in",
    "to",
    "on",
    "phase",
    "iteration",
    "immediately",
    "asap",
    "upcoming",
    "recurring",
    "ongoing",
    "continuous",
];

/// Words after a work name that make it work done: `Actions taken`.
const PAST: &[&str] = &["taken", "performed", "made", "accomplished", "réalisées", "erledigte"];

/// Last words of sections that are not lists of work: `Week 1 Goal
/// Status`, `Test Results`, `Coverage Summary`.
const OTHER_LAST: &[&str] = &[
    "status",
    "results",
    "metrics",
    "summary",
    "overview",
    "criteria",
    "notes",
    "examples",
    "questions",
    "files",
    "impact",
    "analysis",
    "breakdown",
    "assessment",
    "findings",
    "context",
    "background",
    "coverage",
    "statistics",
    "stats",
];

/// Words in a document's path or title that say it describes a system
/// rather than plans work on it.
const DESCRIPTIVE: &[&str] = &[
    "architecture",
    "design",
    "reference",
    "references",
    "spec",
    "specs",
    "specification",
    "adr",
    "glossary",
    "guide",
    "guidelines",
    "handbook",
    "manual",
    "tutorial",
    "readme",
];

/// Where the reader stands with respect to lists of work.
#[derive(Debug, Default)]
pub(crate) struct Scope {
    /// The level of the heading that opened a work section.
    heading: Option<u8>,
    /// The level of a heading inside it that names something else.
    suspended_by: Option<u8>,
    /// A bold label since the last heading: `Some(true)` names work,
    /// `Some(false)` names something else.
    label: Option<bool>,
    /// The status a heading in the work section states (`### ⏳ Pending`,
    /// `### Done`), with its level: the status of items that state none.
    status: Option<(u8, TaskStatus)>,
}

impl Scope {
    /// Follows a heading: closes the sections it ends and opens the one it
    /// starts.
    pub(crate) fn heading(&mut self, level: u8, text: &str) {
        if self.heading.is_some_and(|open| level <= open) {
            *self = Scope::default();
        }
        if self.suspended_by.is_some_and(|open| level <= open) {
            self.suspended_by = None;
        }
        if self.status.is_some_and(|(open, _)| level <= open) {
            self.status = None;
        }
        self.label = None;
        if opens_work(text) {
            self.heading.get_or_insert(level);
            self.suspended_by = None;
        } else if self.heading.is_some() && self.suspended_by.is_none() && names_other(text) {
            self.suspended_by = Some(level);
        }
        // Words only: `### ⚠️ High Priority` warns, it states no status; nor
        // does a grouping: `### Long-term (Ongoing)`.
        if self.active()
            && !names_grouping(text)
            && let Some(status) = status_of(&strip_markers(text))
        {
            self.status = Some((level, status));
        }
    }

    /// Follows a bold label (`**Next steps:**`, `**Questions for user:**`);
    /// a label that names neither returns to the heading's section.
    pub(crate) fn label(&mut self, text: &str) {
        self.label = if opens_work(text) {
            Some(true)
        } else if names_other(text) {
            Some(false)
        } else {
            None
        };
    }

    /// Ends the list of work a label opened, back to the heading's section.
    pub(crate) fn end_label(&mut self) {
        if self.label == Some(true) {
            self.label = None;
        }
    }

    /// Whether a heading at `level` sits inside the heading of the work
    /// section (a subheading of `## Next Steps`), and the section is active.
    pub(crate) fn inside(&self, level: u8) -> bool {
        self.active() && self.heading.is_some_and(|open| level > open)
    }

    /// Whether items here are listed as work.
    pub(crate) fn active(&self) -> bool {
        self.label.unwrap_or(self.heading.is_some() && self.suspended_by.is_none())
    }

    /// The status a heading of the work section states, for items that state none.
    pub(crate) fn status(&self) -> Option<TaskStatus> {
        self.status.map(|(_, status)| status)
    }
}

/// Whether a heading or label names a list of work: a work name at the
/// start of it, or of a part after a colon or dash (`Decision Gate: Next
/// Steps`), after modifiers only (`Immediate Next Steps`). `What NOT to Do`
/// and `Technology Stack Recommendations` name something else.
pub(crate) fn names_work(text: &str) -> bool {
    let normalized = normalize(text);
    // An aside says something about the section, not what it is:
    // `READY FOR BETA (Pending Verification)`.
    let named = normalized.split('(').next().unwrap_or("");
    named.split([':', '—', '–']).flat_map(|part| part.split(" - ")).any(starts_with_work)
}

/// Whether a heading or label only groups the work below it by time or
/// priority (`Immediate (This Week)`, `High Priority`, `Short-term`,
/// `Week 2+`): every word of it, asides left out, is such a word.
pub(crate) fn names_grouping(text: &str) -> bool {
    let normalized = normalize(text);
    let named = normalized.split('(').next().unwrap_or("");
    let mut words = named
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit() || c == '-'))
        .peekable();
    words.peek().is_some() && words.all(|w| GROUPING.contains(&w) || MODIFIERS.contains(&w))
}

/// Whether a heading or label opens a list of work still to do: it names
/// work, and not work done (`Tasks Completed ✅`, `Actions Taken`).
pub(crate) fn opens_work(text: &str) -> bool {
    let normalized = normalize(text);
    let past = normalized.split_whitespace().any(|word| PAST.contains(&word));
    names_work(text) && !past && status_of(text) != Some(TaskStatus::Done)
}

/// Whether a heading or label names a section that is not a list of work
/// (`Examples`, `Files to create`, `Questions for user`).
pub(crate) fn names_other(text: &str) -> bool {
    let normalized = normalize(text);
    let named = normalized.split('(').next().unwrap_or("");
    let mut words =
        named.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
    let first = words.next().unwrap_or("");
    let last = words.next_back().unwrap_or("");
    OTHER_NAMES.contains(&first) || OTHER_LAST.contains(&last)
}

/// Whether a document describes rather than plans, by its path or title
/// (`docs/architecture.md`, `specs/001/spec.md`, `Design: storage`).
pub(crate) fn descriptive(path: &str, title: &str) -> bool {
    let words = format!("{path} {title}").to_lowercase();
    words.split(|c: char| !c.is_alphanumeric()).any(|word| DESCRIPTIVE.contains(&word))
}

/// Lowercase text without markers, emoji, section numbers and closing colon.
fn normalize(text: &str) -> String {
    let text = strip_markers(text).to_lowercase();
    let text = text.trim_start_matches(|c: char| !c.is_alphabetic());
    let text = text.trim_end_matches([':', ' ', '*']);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a part of a heading starts, after modifiers, with a work name
/// that ends at a word boundary.
fn starts_with_work(part: &str) -> bool {
    let part = part.trim().trim_start_matches(|c: char| !c.is_alphabetic());
    let mut rest = part;
    loop {
        // `Tasks 10-11 Quick Reference` names two tasks, not a list of work.
        let ends_here = |name: &&str| {
            rest.strip_prefix(*name).is_some_and(|after| {
                !after.starts_with(char::is_alphanumeric)
                    && !after.trim_start().starts_with(|c: char| c.is_ascii_digit() || c == '#')
            })
        };
        if WORK_NAMES.iter().any(ends_here) {
            return true;
        }
        let Some((word, after)) = rest.split_once(' ') else { return false };
        if !MODIFIERS.contains(&word) {
            return false;
        }
        rest = after;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_work_in_headings_and_labels_in_several_languages() {
        for text in [
            "Next Steps",
            "🚀 Next Steps",
            "10. Next Steps",
            "Immediate Next Steps (Iteration 4)",
            "Next Steps (Prioritized)",
            "Next Steps: Phase 2",
            "Decision Gate: Next Steps",
            "Next Steps for 100% Pass Rate",
            "📝 Action Items",
            "Action items:",
            "TODO",
            "To Do List",
            "To-dos",
            "Follow-ups",
            "Required Follow-up Actions",
            "Recommendations",
            "Future Recommendations",
            "Remaining Work",
            "Remaining Work (2-3 hours)",
            "Open Items",
            "⏳ Pending (Requires GitHub Secrets)",
            "🚧 Pending High-Priority Items",
            "Tasks",
            "Tâches",
            "Étapes",
            "Prochaines étapes",
            "À faire",
            "Aufgaben",
            "Nächste Schritte",
            "Offene Punkte",
            "Tareas",
            "Próximos pasos",
            "Pendientes",
        ] {
            assert!(names_work(text), "{text:?}");
        }
    }

    #[test]
    fn other_headings_name_no_work() {
        for text in [
            "What NOT to Do",
            "Technology Stack Recommendations",
            "Features",
            "Overview",
            "Notes",
            "Changes made",
            "Files",
            "Completed Tasks",
            "Task 1: Setup",
            "Steps",
            "Todoist integration",
            "Actionable insights",
            "Backlogs and boards explained",
            "Tasks 10-11 Quick Reference",
            "Task #4 notes",
            "",
            "🚀",
        ] {
            assert!(!names_work(text), "{text:?}");
        }
        for text in ["Tasks Completed ✅", "Immediate Actions Taken", "Tasks done"] {
            assert!(names_work(text) && !opens_work(text), "{text:?}");
        }
    }

    #[test]
    fn names_other_sections() {
        for text in ["Examples", "EXAMPLE:", "Files to Create", "Questions for User", "Notes"] {
            assert!(names_other(text), "{text:?}");
        }
        for text in ["Immediate (This Week)", "High Priority (Est. 2-3 hours)", "Next Steps"] {
            assert!(!names_other(text), "{text:?}");
        }
    }

    #[test]
    fn scope_follows_headings_and_labels() {
        let mut scope = Scope::default();
        assert!(!scope.active());
        scope.heading(2, "Next Steps");
        assert!(scope.active());
        scope.heading(3, "Immediate (This Week)");
        assert!(scope.active(), "a subheading stays in the work section");
        scope.label("Questions for user:");
        assert!(!scope.active());
        scope.label("Recommended approach:");
        assert!(scope.active());
        scope.heading(3, "Examples");
        assert!(!scope.active());
        scope.heading(3, "⏳ Pending");
        assert!(scope.active());
        assert_eq!(scope.status(), Some(TaskStatus::Open));
        scope.heading(3, "Done");
        assert_eq!(scope.status(), Some(TaskStatus::Done));
        scope.heading(2, "Architecture");
        assert!(!scope.active());
        assert_eq!(scope.status(), None);
        scope.label("Action items:");
        assert!(scope.active());
        scope.heading(3, "Details");
        assert!(!scope.active());
    }

    #[test]
    fn descriptive_documents_by_path_or_title() {
        assert!(descriptive("docs/architecture.md", "System"));
        assert!(descriptive("specs/001-overview/spec.md", "Overview"));
        assert!(descriptive("docs/x.md", "Storage design"));
        assert!(!descriptive("plans/2025-10-13-testing-plan.md", "Testing plan"));
        assert!(!descriptive("docs/designer-notes.md", "Notes"));
    }
}
