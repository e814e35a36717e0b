//! What kind a markdown document is: plan, session, tracker or page.
//!
//! One rule for every tree, the way a person sorts a docs folder: by what the
//! document calls itself first, and by its shape only when its name says
//! nothing. Frontmatter `kind` and the evidence folders are decided by the
//! caller before [`classify`] is asked.

use regex::Regex;

use crate::dates::{find_date, fold};
use crate::model::{DocKind, Heading, Phase, Task, TaskForm};
use crate::text::words::WordRegex;

/// What the words of a document's name, title and folders say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    /// A word that names a kind: `plan`, `handoff`, `tracker`, `guide`.
    Kind(DocKind),
    /// A record of work that is a session when it is dated: `summary`, `log`, `notes`.
    Record,
    /// A checklist: a page unless its shape is a plan's.
    Checklist,
}

/// What the body of a document looks like, for [`classify`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shape {
    /// It has an explicit `Date:` line, or a date in its title or file name.
    pub dated: bool,
    /// It has phases, a task table, or tasks under a heading that names a plan.
    pub plan: bool,
    /// Its headings are a session's: accomplishments, what was done, next session.
    pub session: bool,
}

/// The kind of a markdown document outside the evidence folders.
///
/// The rule, strongest first (frontmatter `kind` is read before this):
///
/// 1. The title, then the file name, then the nearest folder that names a
///    kind (folders above a `docs/` folder are not looked at). The title
///    comes first because it is written for readers, where file names are
///    often cut short (`launch-review.md` holds a `Pairing Session`). Each
///    is read for its head word, the last word of a phrase as in English
///    compounds (`PLANNING_GUIDE` is a guide, `test-plan` a plan,
///    `FINAL-REPORT` a report, `session-management` neither; the first word
///    before `de` in French and Spanish, the last part of a German compound),
///    or a kind word followed by a number (`Sprint 12`, `Session
///    2025-11-14`). Plan words: plan, roadmap, story, epic, sprint,
///    milestones, phases. Session words: session, handoff, standup, journal,
///    worklog. Tracker words: tracker, todo, backlog, board, kanban, tasks
///    (not as a folder). Page words: guide, reference, readme, manual,
///    how-to, runbook, troubleshooting, report, review, analysis, audit,
///    spec, requirements, architecture, changelog and the like. A guide that
///    holds a checklist is still a page: its checklist is read as tasks, it
///    just does not make the guide a plan. A test plan is a plan: it lists
///    testing work to be done, and its author called it one.
/// 2. A record (`summary`, `log`, `notes`, `recap`, `progress report`) in
///    the title or the file name is a session when the document is dated; a
///    `checklist`, an undated record or a folder of notes says nothing.
/// 3. A file or title that is only a date is a dated work log: a session.
/// 4. Then the shape: a dated document whose headings are a session's is a
///    session; phases, a task table, or tasks under a heading that names a
///    plan make a plan. Anything else is a page. A handful of checklist
///    items alone no longer makes a plan.
pub fn classify(rel: &str, title: &str, shape: Shape) -> DocKind {
    let (dirs, name) = rel.rsplit_once('/').unwrap_or(("", rel));
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let mut sources: Vec<Vec<Vec<Token>>> =
        vec![segments(title).iter().map(|s| tokens(s)).collect()];
    sources.push(vec![tokens(stem)]);
    for dir in dirs.rsplit('/').filter(|d| !d.is_empty()) {
        match fold(dir).as_str() {
            "docs" | "doc" => break,
            // A `tasks/` or `issues/` folder holds task notes, lessons and
            // plans alike: it says nothing of each file.
            "tasks" | "task" | "issues" => continue,
            // A folder of sessions names its files; a file named
            // `…-sessions.md` is about sessions, not one.
            "sessions" | "handoffs" | "standups" | "worklogs" | "log" | "logs" | "daily"
            | "dailies" | "journals" | "devlog" | "devlogs" => {
                sources.push(vec![vec![Token::Word("session".into())]]);
            }
            _ => sources.push(vec![tokens(dir)]),
        }
    }
    for (idx, segments) in sources.iter().enumerate() {
        // A folder of notes or logs holds all sorts of documents: a record
        // word says something of a title or a file name, not of a folder.
        let dated = shape.dated && idx < 2;
        if let Some(kind) = decide(segments, dated) {
            return kind;
        }
    }
    let dated_log = only_a_date(stem) || only_a_date(title);
    if dated_log || (shape.dated && shape.session) {
        DocKind::Session
    } else if shape.plan {
        DocKind::Plan
    } else {
        DocKind::Page
    }
}

impl Shape {
    /// The shape of a document from what its parse found. `dated` says
    /// whether it has a `Date:` line or a date in its title or file name.
    pub fn of(dated: bool, headings: &[Heading], tasks: &[Task], phases: &[Phase]) -> Shape {
        let table = tasks.iter().any(|t| t.form == TaskForm::TableRow);
        let planned = headings.iter().enumerate().any(|(idx, heading)| {
            names_a_plan(&heading.text) && {
                let end = headings[idx + 1..]
                    .iter()
                    .find(|h| h.level <= heading.level)
                    .map_or(usize::MAX, |h| h.line);
                tasks.iter().any(|t| (heading.line..end).contains(&t.source.line))
            }
        });
        Shape {
            dated,
            plan: !phases.is_empty() || table || planned,
            session: headings.iter().any(|h| names_session_work(&h.text)),
        }
    }
}

/// Whether a heading names a plan (`## Implementation Plan`, `## Roadmap`).
pub fn names_a_plan(heading: &str) -> bool {
    segments(heading).iter().any(|s| head(&tokens(s)) == Some(Word::Kind(DocKind::Plan)))
}

/// Whether a heading is one a session log has (`## Accomplishments`, `## What we did`).
pub fn names_session_work(heading: &str) -> bool {
    let folded = fold(heading);
    [
        "accomplishment",
        "accomplished",
        "what we did",
        "what was done",
        "work completed",
        "completed today",
        "done today",
        "session goals",
        "session summary",
        "next session",
        "handoff",
    ]
    .iter()
    .any(|phrase| folded.contains(phrase))
}

/// The kind one source (a file name, a title, a folder) gives, if any.
fn decide(segments: &[Vec<Token>], dated: bool) -> Option<DocKind> {
    for tokens in segments {
        match head(tokens) {
            Some(Word::Kind(kind)) => return Some(kind),
            Some(Word::Record) if dated => return Some(DocKind::Session),
            Some(Word::Record) if has_word(tokens, "session") => return Some(DocKind::Session),
            _ => {}
        }
        if let Some(kind) = numbered(tokens) {
            return Some(kind);
        }
    }
    None
}

/// A piece of a name or title: a word (folded to lowercase) or a number.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Word(String),
    Number,
}

/// A task id in a name or title (`DEV-014`, `T-001`), which reads as a
/// number: `Story DEV-014` is a story.
static ID: WordRegex = WordRegex::new(|| {
    Regex::new(r"\b[A-Z][A-Z0-9]{0,7}(?:-[A-Z][A-Z0-9]*)*-[0-9]+[A-Za-z]?\b")
        .expect("id pattern is valid")
});

fn tokens(text: &str) -> Vec<Token> {
    let text = ID.replace_all(text, |caps: &regex::Captures<'_>| {
        let id = &caps[0];
        let prefix = id.split('-').next().unwrap_or(id);
        // `SESSION-2025-11-14` and `STORY-7` keep their kind word.
        if word_of(&fold(prefix)).is_some() { id.to_string() } else { "0".to_string() }
    });
    let mut tokens = Vec::new();
    let mut word = String::new();
    let mut number = false;
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_alphabetic() {
            if number {
                tokens.push(Token::Number);
                number = false;
            }
            word.push(c);
        } else {
            if !word.is_empty() {
                tokens.push(Token::Word(fold(&word)));
                word.clear();
            }
            if c.is_ascii_digit() {
                number = true;
            } else if number && !matches!(c, '-' | '.' | '_' | '/' | ':') {
                tokens.push(Token::Number);
                number = false;
            }
        }
    }
    if number {
        tokens.push(Token::Number);
    }
    tokens
}

/// A title split into its phrases: `Coding Session - Review: Auth (draft)`.
fn segments(title: &str) -> Vec<&str> {
    title
        .split([':', '—', '–', '|', '(', ')', '[', ']', '&', ';', '·', '→'])
        .flat_map(|part| part.split(" - "))
        .filter(|part| part.chars().any(char::is_alphanumeric))
        .collect()
}

/// The head word of a phrase: its last word that is not a number or a
/// filler such as `document`, `final` or `v2`. French and Spanish put the
/// head first (`Plan de migration`, `Guía de instalación`, `Revue de code`),
/// so in a phrase with `de`, `du`, `des` or `del` the head is the last word
/// before it; `feuille de route` and `hoja de ruta` are roadmaps.
fn head(tokens: &[Token]) -> Option<Word> {
    let words: Vec<&str> = tokens
        .iter()
        .filter_map(|t| match t {
            Token::Word(w) if !FILLERS.contains(&w.as_str()) => Some(w.as_str()),
            _ => None,
        })
        .collect();
    let joined = words.join(" ");
    if joined.contains("feuille de route") || joined.contains("hoja de ruta") {
        return Some(Word::Kind(DocKind::Plan));
    }
    let connector = words.iter().skip(1).position(|w| matches!(*w, "de" | "du" | "des" | "del"));
    let head = match connector {
        Some(at) => words[at],
        None => words.last()?,
    };
    // A progress report or a weekly update is a record of work done.
    let before = words.len().checked_sub(2).map(|at| words[at]);
    let record = matches!(head, "report" | "update" | "updates")
        && before
            .is_some_and(|w| matches!(w, "progress" | "status" | "weekly" | "daily" | "sprint"));
    if record && connector.is_none() { Some(Word::Record) } else { word_of(head) }
}

/// A kind word followed by a number: `Sprint 12 goals`, `Session 2025-11-14 notes`.
fn numbered(tokens: &[Token]) -> Option<DocKind> {
    tokens.windows(2).find_map(|pair| match (&pair[0], &pair[1]) {
        (Token::Word(w), Token::Number) => match word_of(w) {
            Some(Word::Kind(kind)) if kind != DocKind::Page => Some(kind),
            _ => None,
        },
        _ => None,
    })
}

fn has_word(tokens: &[Token], word: &str) -> bool {
    tokens.iter().any(|t| matches!(t, Token::Word(w) if w == word))
}

/// Whether a name or title is a date and nothing else (`2025-11-14`, `2025-11-14 notes`).
fn only_a_date(text: &str) -> bool {
    let words = tokens(text);
    find_date(text).is_some()
        && words.iter().all(|t| match t {
            Token::Number => true,
            Token::Word(w) => FILLERS.contains(&w.as_str()) || word_of(w) == Some(Word::Record),
        })
}

/// Words that do not change what a phrase is: `Handoff Document` is a handoff.
const FILLERS: &[&str] = &[
    "document",
    "doc",
    "docs",
    "file",
    "md",
    "txt",
    "template",
    "final",
    "draft",
    "comprehensive",
    "complete",
    "completed",
    "detailed",
    "full",
    "new",
    "old",
    "updated",
    "v",
    "wip",
    "copy",
];

fn word_of(word: &str) -> Option<Word> {
    let kind = match word {
        "plan" | "plans" | "roadmap" | "roadmaps" | "story" | "stories" | "epic" | "epics"
        | "sprint" | "sprints" | "milestones" | "phases" | "execution" | "planification"
        | "epica" | "historia" | "historias" | "epopee" | "projektplan" => DocKind::Plan,
        "session" | "handoff" | "handover" | "standup" | "journal" | "worklog" | "devlog"
        | "diary" | "sesion" | "sitzung" => DocKind::Session,
        "tracker" | "todo" | "todos" | "backlog" | "board" | "kanban" | "tasks" => DocKind::Tracker,
        "summary" | "log" | "notes" | "recap" | "minutes" | "retrospective" | "retro"
        | "debrief" | "resume" | "protokoll" | "resumen" => return Some(Word::Record),
        "checklist" | "checklists" => return Some(Word::Checklist),
        _ if PAGE_WORDS.contains(&word) => DocKind::Page,
        _ => return german_compound(word),
    };
    Some(Word::Kind(kind))
}

/// German joins its nouns into one word whose head is the last part:
/// `Projektplan`, `Fahrplan`, `Benutzerhandbuch`, `Sitzungsprotokoll`.
fn german_compound(word: &str) -> Option<Word> {
    let ends = |suffix: &str| word.len() > suffix.len() + 2 && word.ends_with(suffix);
    if ends("plan") {
        Some(Word::Kind(DocKind::Plan))
    } else if ends("handbuch") || ends("leitfaden") || ends("anleitung") || ends("bericht") {
        Some(Word::Kind(DocKind::Page))
    } else if ends("protokoll") {
        Some(Word::Record)
    } else {
        None
    }
}

/// Words that make a document a page: guides, references, reports, designs.
const PAGE_WORDS: &[&str] = &[
    "guide",
    "guides",
    "guidelines",
    "reference",
    "references",
    "readme",
    "manual",
    "handbook",
    "howto",
    "runbook",
    "runbooks",
    "playbook",
    "troubleshooting",
    "faq",
    "glossary",
    "tutorial",
    "setup",
    "installation",
    "architecture",
    "design",
    "changelog",
    "contributing",
    "license",
    "report",
    "reports",
    "audit",
    "review",
    "analysis",
    "assessment",
    "evaluation",
    "findings",
    "results",
    "recommendations",
    "incident",
    "postmortem",
    "adr",
    "adrs",
    "decisions",
    "spec",
    "specs",
    "specification",
    "requirements",
    "standard",
    "standards",
    "conventions",
    "policy",
    "documentation",
    "index",
    "overview",
    "demo",
    "demos",
    "wiki",
    "guia",
    "leitfaden",
    "anleitung",
    "handbuch",
    "rapport",
    "revue",
    "cahier",
    "bericht",
    "informe",
    "revision",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(rel: &str, title: &str, shape: Shape) -> DocKind {
        classify(rel, title, shape)
    }

    const NONE: Shape = Shape { dated: false, plan: false, session: false };
    const PLAN: Shape = Shape { dated: false, plan: true, session: false };
    const DATED: Shape = Shape { dated: true, plan: false, session: false };

    #[test]
    fn kinds_a_person_would_give() {
        use DocKind::{Page, Plan, Session, Tracker};
        let cases = [
            ("IMPLEMENTATION_PLAN.md", "Implementation Plan", NONE, Plan),
            ("docs/PRODUCTION_ROADMAP.md", "Production Roadmap", NONE, Plan),
            ("user-stories.md", "Auto Writer", NONE, Plan),
            ("CURRENT_SPRINT.md", "Current Sprint - ", NONE, Plan),
            ("docs/stories/story-1.2.md", "Login form", NONE, Plan),
            ("docs/epics/billing.md", "Billing", NONE, Plan),
            ("plans/336-status-filter.md", "Plan — #336 status filter", NONE, Plan),
            ("notes/auth.md", "Auth Refactor Implementation Plan", NONE, Plan),
            ("docs/test-plan.md", "Test Plan", PLAN, Plan),
            ("docs/PLANNING_GUIDE.md", "Planning Guide", PLAN, Page),
            ("docs/deploy-guide.md", "Deploying", PLAN, Page),
            ("AGENTS.md", "AGENTS.md - Development Guide", PLAN, Page),
            ("README.md", "Widget", PLAN, Page),
            ("docs/references/workflow.md", "Task Workflow", PLAN, Page),
            ("docs/runbooks/restore.md", "Restore", PLAN, Page),
            ("docs/DEPLOYMENT-TESTING-CHECKLIST.md", "Deployment Testing Checklist", NONE, Page),
            ("docs/pipeline-checklist.md", "Pipeline Implementation Checklist", PLAN, Plan),
            ("reports/bd-2-FINAL-REPORT.md", "bd-2 Final Report", PLAN, Page),
            ("docs/analysis/security-audit.md", "Security Audit", PLAN, Page),
            ("docs/session-management.md", "Session Management Strategies", NONE, Page),
            ("docs/sessions/SESSION-2025-11-14.md", "Session 2025-11-14: Refresh", PLAN, Session),
            ("logs/sessions/auth.md", "Auth refactor", PLAN, Session),
            ("notes/capacity.md", "Capacity memo", DATED, Page),
            ("docs/logs/2025-11-14-auth.md", "Auth work", NONE, Session),
            ("docs/bmad/DEV-014.md", "Story DEV-014: Export", NONE, Plan),
            ("docs/T-042.md", "T-042 Rotate keys", NONE, Page),
            ("docs/STORY-7-export.md", "Export", NONE, Plan),
            ("docs/demos/issue-196-remove-dead-sessions.md", "Issue #196: dead code", NONE, Page),
            ("docs/x.md", "Coding Session - Production Review", PLAN, Session),
            ("notes/2026-03-04-launch-review.md", "Pairing Session - Launch Audit", NONE, Session),
            ("docs/pipeline-summary.md", "Pipeline Design - Executive Summary", DATED, Page),
            ("docs/x.md", "Session Progress Summary", DATED, Session),
            ("archive/AGENT_HANDOFF.md", "AI Agent Handoff Document", NONE, Session),
            ("claudedocs/SESSION.md", "Migration - Execution Session", PLAN, Session),
            ("docs/testing/task-6-summary.md", "Task 6 Completion Summary", DATED, Session),
            ("docs/UI_FLOW_SUMMARY.md", "UI Flow Summary", NONE, Page),
            ("journal/2025-11-14.md", "Thursday", NONE, Session),
            ("2025-11-14.md", "2025-11-14", NONE, Session),
            (
                "docs/demos/2026-07-14-issue-218-summary-gate.md",
                "Demo — #218: summary gate",
                DATED,
                Page,
            ),
            ("archive/TODO.md", "Project TODO List", PLAN, Tracker),
            ("tasks/lessons.md", "Lessons", NONE, Page),
            ("backlog/tasks/task-3.md", "Export", NONE, Tracker),
            ("archive/backlog/docs/Codebase-Analysis.md", "Codebase Analysis", NONE, Page),
            ("docs/x.md", "Glossary", NONE, Page),
            ("docs/x.md", "Next Steps", PLAN, Plan),
            ("docs/x.md", "Next Steps", NONE, Page),
            ("docs/x.md", "Sprint 12", NONE, Plan),
            (
                "docs/x.md",
                "Progress update",
                Shape { dated: true, plan: true, session: true },
                Session,
            ),
            (
                "docs/x.md",
                "Progress update",
                Shape { dated: false, plan: true, session: true },
                Plan,
            ),
        ];
        for (rel, title, shape, expected) in cases {
            assert_eq!(kind(rel, title, shape), expected, "{rel} / {title}");
        }
    }

    #[test]
    fn shape_counts_phases_task_tables_and_tasks_under_a_plan_heading() {
        use crate::model::{Source, TaskStatus};
        let heading = |level: u8, text: &str, line: usize| Heading {
            level,
            text: text.into(),
            id: String::new(),
            line,
        };
        let task = |line: usize, form: TaskForm| {
            let source = Source { path: "a.md".into(), line };
            Task::new(format!("t{line}"), "t".into(), TaskStatus::Open, source, form)
        };
        let headings = [
            heading(1, "Guide", 1),
            heading(2, "Plan", 5),
            heading(3, "Step", 7),
            heading(2, "FAQ", 20),
        ];
        let under_plan = [task(8, TaskForm::Checklist)];
        assert!(Shape::of(false, &headings, &under_plan, &[]).plan);
        let after_plan = [task(21, TaskForm::Checklist), task(22, TaskForm::Checklist)];
        assert!(!Shape::of(false, &headings, &after_plan, &[]).plan);
        let row = [task(21, TaskForm::TableRow)];
        assert!(Shape::of(false, &headings, &row, &[]).plan);
        let session = [heading(2, "🎯 Accomplishments", 3)];
        assert!(Shape::of(true, &session, &[], &[]).session);
    }

    #[test]
    fn frontmatter_kinds_a_person_writes() {
        use DocKind::{Page, Plan, Session, Tracker};
        let kinds =
            ["story", "Epic", "sprint", "roadmap", "user_story", "handoff", "todo", "guide", "ADR"]
                .map(DocKind::from_name);
        assert_eq!(
            kinds,
            [
                Some(Plan),
                Some(Plan),
                Some(Plan),
                Some(Plan),
                Some(Plan),
                Some(Session),
                Some(Tracker),
                Some(Page),
                Some(Page)
            ]
        );
        assert_eq!(["other", "bug", "feature", ""].map(DocKind::from_name), [None; 4]);
    }

    #[test]
    fn headings_that_name_a_plan_or_a_session() {
        assert!(names_a_plan("Implementation Plan"));
        assert!(names_a_plan("🗺️ Roadmap (Q3)"));
        assert!(!names_a_plan("Planning notes"));
        assert!(!names_a_plan("Plan tiers and pricing"));
        assert!(names_session_work("✅ Accomplishments"));
        assert!(names_session_work("What We Did Today"));
        assert!(!names_session_work("Goals"));
    }

    #[test]
    fn tokens_keep_numbers_apart_from_words() {
        let words = |t: &str| tokens(t);
        assert_eq!(
            words("IMPLEMENTATION_NOTES_TASK6"),
            [
                Token::Word("implementation".into()),
                Token::Word("notes".into()),
                Token::Word("task".into()),
                Token::Number
            ]
        );
        assert_eq!(
            words("Session 2025-11-14 notes"),
            [Token::Word("session".into()), Token::Number, Token::Word("notes".into())]
        );
    }
}
