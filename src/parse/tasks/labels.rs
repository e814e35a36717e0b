//! Work labelled by a word and a number: `**Task 1: Update the ingestion
//! script (10 minutes)**`, `#### Task 2.1: Page objects (5 hours)`,
//! `Step 3: Deploy — 1-2 days`, `Étape 2 : …`, `Aufgabe 4: …`,
//! `Tarea 1: …`, `Story 2.1: …`, `Action 1: Improve CI caching`.
//!
//! This module reads one such line: the kind of label, the title, the
//! estimate and the status the line states. Whether the line is a task where
//! it stands (a step in a how-to guide is an instruction, a story in a spec
//! is a requirement) and which items are its subtasks is
//! `crate::parse::tasks`'s call.

use regex::Regex;

use crate::model::TaskStatus;
use crate::parse::task_text::{
    split_estimate, stated_status, strip_markers, title_without_status, without_status_words,
};
use crate::text::prefixed::captures;
use crate::text::words::WordRegex;

/// What a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LabelKind {
    /// `Task 1`, `Sub-task 1.2`, `Tâche 1`, `Aufgabe 4`, `Tarea 1`: work.
    Task,
    /// `Action 1`, `Action item 2`: a retrospective's action, work.
    Action,
    /// `Story 2.1`, `User Story 3`: work in a plan, a requirement in a spec.
    Story,
    /// `Step 3`, `Étape 2`, `Schritt 1`, `Paso 1`: work when the line states
    /// a status or an estimate or sits in a list of work; otherwise an
    /// instruction to a reader.
    Step,
}

/// A line that labels work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Labelled {
    /// The kind of label.
    pub(crate) kind: LabelKind,
    /// The label, lowercase: `task 1.1`, the task's name in its document.
    pub(crate) label: String,
    /// How deep the label sits in a breakdown of work: stories hold tasks
    /// and actions, which hold sub-tasks and steps; then by the sections of
    /// its number (`Task 1.2` sits under `Task 1`).
    pub(crate) rank: (u8, u8),
    /// The title: `Task 1.1: Project Setup`, or `Task 3` when the line gives
    /// none.
    pub(crate) title: String,
    /// Whether the line gives no title beside its label.
    pub(crate) untitled: bool,
    /// The estimate the line gives, in minutes.
    pub(crate) estimate: Option<u32>,
    /// The status the line states, if any.
    pub(crate) status: Option<TaskStatus>,
}

/// A label word and its number at the start of a line, after an optional
/// section number (`2. Task 10: …`).
static LABEL: WordRegex = WordRegex::new(|| {
    Regex::new(
        r"(?i)^(?:[0-9]+[.)]\s+)?(user\s+story|story|sub-?task|task|action\s+item|action|t[âa]che|aufgabe|tarea|step|[ée]tape|schritt|paso)\s+#?([0-9]+(?:\.[0-9]+)*[a-z]?)\b",
    )
    .expect("label pattern is valid")
});

/// Lines longer than this are prose, not labels.
const MAX_LINE: usize = 400;

/// Reads a line that labels work, or None. The label must be followed by a
/// separator (`:`, `-`, `—`, `.`, `)`), a parenthesis, or nothing:
/// `Task 8 Completion Summary` and `Step 1 of 3` name no work, and
/// `Step 1-3: …` is a range, not one step.
pub(crate) fn labelled(text: &str) -> Option<Labelled> {
    if text.len() > MAX_LINE {
        return None;
    }
    let stripped = strip_markers(text);
    let stripped = stripped.trim();
    let caps = captures(&LABEL, stripped)?;
    let (word, number) = (caps.get(1)?.as_str(), caps.get(2)?.as_str());
    let rest = stripped[caps.get(0)?.end()..].trim_start();
    let work = match rest.chars().next() {
        None => "",
        Some(':' | '-' | '–' | '—' | '.' | ')' | '|') => {
            let after = rest[rest.chars().next()?.len_utf8()..].trim_start();
            if after.starts_with(|c: char| c.is_ascii_digit()) {
                return None;
            }
            after
        }
        Some('(') => rest,
        Some(_) => return None,
    };
    let (work, estimate) = split_estimate(work);
    let status = stated_status(&work).or_else(|| stated_status(text));
    let title = title_without_status(&work);
    let untitled = title.is_empty() || without_status_words(&title).is_empty();
    let label = format!("{} {number}", word.split_whitespace().collect::<Vec<_>>().join(" "));
    let sections = u8::try_from(number.split('.').count()).unwrap_or(u8::MAX);
    Some(Labelled {
        kind: kind_of(word),
        label: label.to_lowercase(),
        rank: (kind_rank(word), sections),
        title: if untitled { label } else { format!("{label}: {title}") },
        untitled,
        estimate,
        status,
    })
}

/// How deep a label word sits in a breakdown of work.
fn kind_rank(word: &str) -> u8 {
    let word = word.to_lowercase();
    match kind_of(&word) {
        LabelKind::Story => 0,
        LabelKind::Task | LabelKind::Action if !word.starts_with("sub") => 1,
        LabelKind::Task | LabelKind::Action | LabelKind::Step => 2,
    }
}

/// The kind of a label word.
fn kind_of(word: &str) -> LabelKind {
    let word = word.to_lowercase();
    if word.ends_with("story") {
        LabelKind::Story
    } else if word.starts_with("action") {
        LabelKind::Action
    } else if ["step", "étape", "etape", "schritt", "paso"].contains(&word.as_str()) {
        LabelKind::Step
    } else {
        LabelKind::Task
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TaskStatus::{Blocked, Done, InProgress};

    /// `kind title est status` for compact assertions.
    fn read(text: &str) -> Option<String> {
        labelled(text).map(|l| {
            let est = l.estimate.map_or("-".to_string(), |m| m.to_string());
            let status = l.status.map_or("-".to_string(), |s| format!("{s:?}"));
            format!("{:?} {:?} {est} {status}", l.kind, l.title)
        })
    }

    #[test]
    fn reads_task_lines_with_their_estimates() {
        for (text, want) in [
            (
                "Task 1: Update the ingestion script (10 minutes)",
                r#"Task "Task 1: Update the ingestion script" 10 -"#,
            ),
            ("Task 1.1: Project Setup (3 hours)", r#"Task "Task 1.1: Project Setup" 180 -"#),
            ("Task 2: Wire the API (2h)", r#"Task "Task 2: Wire the API" 120 -"#),
            ("Task 3 - Migrate the data — 1-2 days", r#"Task "Task 3: Migrate the data" 960 -"#),
            ("Task 4: Page objects (Est. 2-3 hours)", r#"Task "Task 4: Page objects" 180 -"#),
            ("2. Task 10: Wizard tests (6-8 hours)", r#"Task "Task 10: Wizard tests" 480 -"#),
            ("Sub-task 1.2: Seed data", r#"Task "Sub-task 1.2: Seed data" - -"#),
            ("Task #5: Cache", r#"Task "Task 5: Cache" - -"#),
            ("Task 6: Import (Week 1)", r#"Task "Task 6: Import (Week 1)" - -"#),
        ] {
            assert_eq!(read(text).as_deref(), Some(want), "{text:?}");
        }
    }

    #[test]
    fn reads_labels_in_other_languages() {
        for (text, want) in [
            (
                "Tâche 1 : Mettre à jour le script (2h)",
                r#"Task "Tâche 1: Mettre à jour le script" 120 -"#,
            ),
            ("Étape 2 : Déployer en recette", r#"Step "Étape 2: Déployer en recette" - -"#),
            ("Aufgabe 4: Tests schreiben (30 min)", r#"Task "Aufgabe 4: Tests schreiben" 30 -"#),
            ("Schritt 1: Server aufsetzen", r#"Step "Schritt 1: Server aufsetzen" - -"#),
            ("Tarea 1: Configurar CI - 1 day", r#"Task "Tarea 1: Configurar CI" 480 -"#),
            ("Paso 3: Publicar", r#"Step "Paso 3: Publicar" - -"#),
            ("Story 2.1: Sign in with email", r#"Story "Story 2.1: Sign in with email" - -"#),
            ("User Story 3 - Export a book", r#"Story "User Story 3: Export a book" - -"#),
            ("Action 1: Improve CI caching", r#"Action "Action 1: Improve CI caching" - -"#),
            ("Action item 2: Rotate keys", r#"Action "Action item 2: Rotate keys" - -"#),
        ] {
            assert_eq!(read(text).as_deref(), Some(want), "{text:?}");
        }
    }

    #[test]
    fn reads_the_status_the_line_states() {
        let status = |text: &str| labelled(text).and_then(|l| l.status);
        assert_eq!(status("Task 2: Setup ✅"), Some(Done));
        assert_eq!(status("✅ Task 2: Setup"), Some(Done));
        assert_eq!(status("Task 2 🚧"), Some(InProgress));
        assert_eq!(status("Step 1: Remove from Git history (Completed ✅)"), Some(Done));
        assert_eq!(status("Task 5: Deploy - in progress"), Some(InProgress));
        assert_eq!(status("Task 6 (DONE): Setup"), Some(Done));
        assert_eq!(status("Aufgabe 2: Migration (blockiert)"), Some(Blocked));
        assert_eq!(status("Tarea 3: Migrar - terminado"), Some(Done));
        // A status word inside the title is part of it.
        assert_eq!(status("Task 3: Fix login for blocked users"), None);
        assert_eq!(status("Task 4: Complete the audit"), None);
        assert_eq!(labelled("Task 2: Setup ✅").map(|l| l.title).as_deref(), Some("Task 2: Setup"));
    }

    #[test]
    fn a_label_without_a_title_keeps_its_label() {
        let untitled = labelled("Task 3").expect("a task");
        assert!(untitled.untitled);
        assert_eq!(untitled.title, "Task 3");
        let done = labelled("Task 3 ✅").expect("a task");
        assert_eq!((done.title.as_str(), done.untitled, done.status), ("Task 3", true, Some(Done)));
        let worded = labelled("Task 4: Done").expect("a task");
        assert_eq!((worded.title.as_str(), worded.status), ("Task 4", Some(Done)));
    }

    #[test]
    fn lines_that_only_mention_a_label_are_not_labels() {
        for text in [
            "Task 8 Completion Summary",
            "Step 1 of 3",
            "Step 1-3: Create the book",
            "Tasks 10-11 quick reference",
            "Task: set up CI",
            "Task",
            "The task 1: whatever",
            "Taskbar 2: icons",
            "Stepper 3: done",
            "Actions taken",
            "Storyboard 1: sketches",
            "",
            "✅",
        ] {
            assert_eq!(read(text), None, "{text:?}");
        }
        let long = format!("Task 1: {}", "word ".repeat(200));
        assert_eq!(read(&long), None);
    }
}
