//! The shared vocabulary of the pipeline: documents, tasks, evidence, claims,
//! events and the site that holds them.
//!
//! Everything here is plain serde data with no IO and no behaviour beyond small
//! conveniences. Parsers produce these values, the linker completes them, and
//! renderers only read them. The public `status.json` contract is written from
//! these types by `crate::render::status`, not by serializing them directly, so
//! the model can grow without breaking that interface.

use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use thin_vec::ThinVec;

use crate::diagnostics::Diagnostic;

/// What a document is for, which decides how it is read and where it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// A plan: phases, task tables, checklists of work to do.
    Plan,
    /// A session log: what was done on a date, with goals and next steps.
    Session,
    /// A tracker: a list of issues or tasks kept up to date by the team.
    Tracker,
    /// Evidence: a test log, coverage report, deploy log, screenshot, ...
    Evidence,
    /// Any other document, rendered as a page.
    Page,
}

impl DocKind {
    /// Every kind, in the order the portal lists them.
    pub const ALL: [DocKind; 5] =
        [DocKind::Plan, DocKind::Session, DocKind::Tracker, DocKind::Evidence, DocKind::Page];

    /// The lowercase name used in frontmatter, `status.json` and CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Plan => "plan",
            DocKind::Session => "session",
            DocKind::Tracker => "tracker",
            DocKind::Evidence => "evidence",
            DocKind::Page => "page",
        }
    }

    /// Reads a kind as a person would write it in frontmatter: a story, an
    /// epic, a sprint or a roadmap is a plan; a handoff or a journal a
    /// session; a guide, a reference or an ADR a page.
    pub fn from_name(name: &str) -> Option<DocKind> {
        let name = name.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        let kind = match name.as_str() {
            "plan"
            | "roadmap"
            | "execution-plan"
            | "story"
            | "user-story"
            | "stories"
            | "epic"
            | "sprint"
            | "milestone"
            | "project-plan"
            | "implementation-plan" => DocKind::Plan,
            "session" | "session-log" | "log" | "handoff" | "journal" | "worklog" | "work-log"
            | "standup" | "devlog" => DocKind::Session,
            "tracker" | "backlog" | "board" | "todo" | "kanban" => DocKind::Tracker,
            "evidence" | "test" | "report" | "deploy" => DocKind::Evidence,
            "page" | "doc" | "docs" | "note" | "guide" | "reference" | "readme" | "manual"
            | "how-to" | "howto" | "runbook" | "adr" | "spec" | "specification" => DocKind::Page,
            _ => return None,
        };
        Some(kind)
    }
}

/// The format an input file is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    /// Markdown, rendered as a page.
    Markdown,
    /// Plain text such as a log, shown escaped with line anchors.
    Text,
    /// JSON data (a report, an export), shown escaped.
    Json,
    /// XML data (JUnit, Cobertura), shown escaped.
    Xml,
    /// An image, copied to the site and shown.
    Image,
    /// Any other binary file, copied to the site and linked.
    Binary,
}

/// A place in an input file: its path relative to ROOT and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Source {
    /// Path relative to ROOT with `/` separators, shared by everything
    /// found in one document.
    pub path: Arc<str>,
    /// 1-based line number.
    pub line: usize,
}

/// A heading of a rendered document, for its table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The heading's plain text.
    pub text: String,
    /// The anchor id given to the heading in the rendered HTML.
    pub id: String,
    /// 1-based line of the heading in the source.
    pub line: usize,
}

/// What a reference in prose points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RefKind {
    /// A markdown link or image to a relative path.
    Link,
    /// A file path in backticks or in a tracker's description.
    Path,
    /// A task id.
    Task,
    /// A git commit hash.
    Commit,
}

/// Something a document names: a path, a task id or a commit, where it was named.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Reference {
    /// What kind of thing is named.
    pub kind: RefKind,
    /// The text as written (a path, an id, a hash).
    pub target: String,
    /// 1-based line where it is named.
    pub line: usize,
}

/// One input document: a markdown file or an evidence file, read and rendered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// Path relative to ROOT with `/` separators.
    pub path: String,
    /// What the document is for.
    pub kind: DocKind,
    /// The format it was read in.
    pub format: SourceFormat,
    /// Title from frontmatter, the first heading, or the file name.
    pub title: String,
    /// `YYYY-MM-DD`, from frontmatter, the content or the file name.
    pub date: Option<String>,
    /// The document's stated status (`Active`, `PLAN READY`, ...).
    pub status: Option<String>,
    /// The document's stated owner.
    pub owner: Option<String>,
    /// Body rendered to sanitized HTML (markdown), or empty for other formats;
    /// rendered by the linker from `markdown` once every URL is known, and
    /// held compressed until its page is made.
    pub body_html: Packed,
    /// The markdown body (frontmatter left out) and the file line it starts
    /// on, from the parse for the linker to render. A build lets go of it
    /// once the file is parsed, and the linker reads the body again from
    /// the file; `serve` keeps its parses whole.
    #[serde(skip)]
    pub markdown: Option<(String, usize)>,
    /// The raw text, kept for evidence and text files so their page can show
    /// it. Where `text_from_file` says the page can read it again, an
    /// evidence file's is let go of as soon as it is parsed, and another
    /// file's once the tree is linked.
    pub text: Option<String>,
    /// Whether `text` is what decoding and masking make of the file's bytes
    /// (not an excerpt of a big file, not a log whose escaped line breaks
    /// were restored), so that its page can read the file again instead of
    /// the model holding the text while every page renders.
    #[serde(skip)]
    pub text_from_file: bool,
    /// The fingerprint ([`crate::text::fingerprint`]) of the file's bytes
    /// when masking changed nothing in their text: the same bytes read again
    /// need no search for credentials. `None` when something was masked, or
    /// the file is not text.
    #[serde(skip)]
    pub unmasked_print: Option<u64>,
    /// An SVG image's bytes as a `data:` URI, to show it through `<img>`
    /// only, where its scripts never run (its raw copy is published as
    /// text). `None` for other files and for SVGs over [`MAX_INLINE_SVG`].
    #[serde(skip)]
    pub image_uri: Option<String>,
    /// Number of lines in the decoded text.
    pub n_lines: usize,
    /// Size of the file in bytes.
    pub size: u64,
    /// Headings, in order, for the table of contents.
    pub headings: Vec<Heading>,
    /// Paths, ids and commits named in the document.
    pub references: Vec<Reference>,
    /// Ids of the tasks defined in this document, in source order.
    pub tasks: Vec<String>,
    /// Task ids that frontmatter `tasks:` says this document supports.
    pub supports: Vec<String>,
    /// The line where the document declares itself complete (`**Status**:
    /// ✅ COMPLETE`, `100% complete`, frontmatter `status: done`), if it does.
    pub declared_complete: Option<usize>,
    /// Whether it sits in an archived folder (`archive/`, `old/`, ...); set
    /// by the linker from the config.
    pub archived: bool,
    /// The page's URL relative to the site root.
    pub url: String,
    /// When the file was too big to hold, which of its lines `text` keeps.
    pub shown: Option<Shown>,
    /// How many credentials were masked in its text (see
    /// [`crate::text::secrets`]): its raw copy is then the masked text.
    pub masked: usize,
}

/// Text held compressed (LZ4) while it waits: every document's rendered
/// body waits from the link until its page is made, 850 MB of HTML at
/// 100,000 documents as text and about a third of that packed. It is held
/// in memory, or set aside in a [`PackedStore`] (the link's bodies go to a
/// temporary file). Equal texts pack to equal bytes.
#[derive(Clone, Default)]
pub struct Packed(Place);

#[derive(Clone, Default)]
enum Place {
    #[default]
    Empty,
    Held(Box<[u8]>),
    Stored(Arc<dyn PackedStore>, u64, u32),
}

/// Where packed texts can be set aside, outside the process's memory, and
/// read back by place.
pub trait PackedStore: Send + Sync {
    /// The `len` bytes at `offset`.
    fn read_at(&self, offset: u64, len: u32) -> std::io::Result<Vec<u8>>;
}

impl Packed {
    /// `text`, compressed.
    pub fn new(text: &str) -> Packed {
        if text.is_empty() {
            return Packed::default();
        }
        let bytes = lz4_flex::block::compress_prepend_size(text.as_bytes());
        Packed(Place::Held(bytes.into_boxed_slice()))
    }

    /// The packed bytes of a text held in memory; `None` for one set aside.
    pub fn bytes(&self) -> Option<&[u8]> {
        match &self.0 {
            Place::Empty => Some(&[]),
            Place::Held(bytes) => Some(bytes),
            Place::Stored(..) => None,
        }
    }

    /// The text whose packed bytes (see [`Packed::bytes`]) `store` holds at
    /// `offset`, `len` bytes long.
    pub fn stored(store: Arc<dyn PackedStore>, offset: u64, len: u32) -> Packed {
        match len {
            0 => Packed::default(),
            _ => Packed(Place::Stored(store, offset, len)),
        }
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        matches!(self.0, Place::Empty)
    }

    /// The text, decompressed. A text set aside that cannot be read back
    /// (its temporary file failed) is a paragraph that says so, for the
    /// page that shows it.
    pub fn unpack(&self) -> String {
        let read;
        let bytes = match &self.0 {
            Place::Empty => return String::new(),
            Place::Held(bytes) => bytes,
            Place::Stored(store, offset, len) => match store.read_at(*offset, *len) {
                Ok(bytes) => {
                    read = bytes;
                    &read[..]
                }
                Err(err) => {
                    let err = err.to_string().replace('&', "&amp;").replace('<', "&lt;");
                    return format!(
                        "<p>attestor could not read this text back from its temporary file: {err}</p>"
                    );
                }
            },
        };
        match lz4_flex::block::decompress_size_prepended(bytes).map(String::from_utf8) {
            Ok(Ok(text)) => text,
            _ => "<p>attestor could not unpack this text: its temporary file was changed.</p>"
                .to_string(),
        }
    }
}

impl PartialEq for Packed {
    fn eq(&self, other: &Packed) -> bool {
        match (self.bytes(), other.bytes()) {
            (Some(a), Some(b)) => a == b,
            _ => self.unpack() == other.unpack(),
        }
    }
}

impl Eq for Packed {}

impl From<&str> for Packed {
    fn from(text: &str) -> Packed {
        Packed::new(text)
    }
}

impl std::fmt::Debug for Packed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.unpack(), f)
    }
}

impl Serialize for Packed {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.unpack())
    }
}

/// The lines kept of a text too big to hold whole: its head, its tail and
/// the lines between that report failures or results, each with its real
/// number, so that `#L123` anchors still point where they should.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Shown {
    /// The real 1-based number of each line of the document's `text`.
    pub line_numbers: Vec<usize>,
    /// How many lines are kept from the top.
    pub head: usize,
    /// How many lines are kept from the bottom.
    pub tail: usize,
    /// How many lines between them are kept because they report a failure
    /// or a result.
    pub notable: usize,
    /// How many lines the file has.
    pub total_lines: usize,
    /// How many kept lines were cut short because they were too long.
    pub cut_lines: usize,
}

impl Document {
    /// A document at `path` with nothing read from it yet; its URL follows
    /// from the path and format.
    pub fn new(path: String, kind: DocKind, format: SourceFormat) -> Document {
        Document {
            url: doc_url(&path, format),
            title: file_name(&path).to_string(),
            path,
            kind,
            format,
            date: None,
            status: None,
            owner: None,
            body_html: Packed::default(),
            markdown: None,
            text: None,
            text_from_file: false,
            unmasked_print: None,
            image_uri: None,
            n_lines: 0,
            size: 0,
            headings: Vec::new(),
            references: Vec::new(),
            tasks: Vec::new(),
            supports: Vec::new(),
            declared_complete: None,
            archived: false,
            shown: None,
            masked: 0,
        }
    }

    /// The fragment that shows `line` of this document on its page: the line
    /// anchor of a log, or the nearest heading above the line in markdown.
    pub fn anchor(&self, line: usize) -> String {
        if line == 0 {
            return String::new();
        }
        match self.format {
            SourceFormat::Markdown => self
                .headings
                .iter()
                .rev()
                .find(|h| h.line <= line)
                .map(|h| format!("#{}", h.id))
                .unwrap_or_default(),
            SourceFormat::Image | SourceFormat::Binary => String::new(),
            _ => format!("#L{line}"),
        }
    }
}

/// The declared status of a task, as its source states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    /// Finished.
    Done,
    /// Started, not finished.
    InProgress,
    /// Not started.
    Open,
    /// Cannot go on until something else happens.
    Blocked,
    /// Set aside on purpose (skipped, deferred, cancelled, won't do): shown,
    /// but left out of progress totals, so a plan can reach 100 %.
    Skipped,
}

impl TaskStatus {
    /// The status as the words of a sentence say it (`in progress`).
    pub fn words(self) -> &'static str {
        match self {
            TaskStatus::Done => "done",
            TaskStatus::InProgress => "in progress",
            TaskStatus::Open => "open",
            TaskStatus::Blocked => "blocked",
            TaskStatus::Skipped => "skipped",
        }
    }
}

/// Whether the evidence bears out a task's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verification {
    /// Done, and passing evidence backs it.
    Verified,
    /// Done, with no evidence.
    Claimed,
    /// Done, but the evidence says otherwise.
    Contradicted,
    /// Not done yet.
    Pending,
}

/// The form a task was written in, which decides whose word counts when two
/// documents define the same id: the earlier a form is listed, the stronger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskForm {
    /// A document's own frontmatter `id`.
    Frontmatter,
    /// A row of a task table.
    TableRow,
    /// A checklist item.
    Checklist,
    /// An issue of a tracker export.
    Tracker,
    /// A row of a phase table, or a phase section with no tasks of its own.
    Phase,
    /// A heading that names an id and a status.
    Heading,
    /// A plain bullet that reports an id's status in passing (`- ✅ T-001 done`).
    Bullet,
    /// An item of a list of work (`## Next Steps`, `**Action items:**`).
    WorkItem,
}

/// A unit of work found in a plan, tracker or session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Task {
    /// Explicit id, or one synthesized stably from the document and text.
    pub id: String,
    /// The task's title.
    pub title: Box<str>,
    /// Path of the plan (or tracker) that defines it, shared by the tasks
    /// of one document.
    pub plan: Arc<str>,
    /// The phase it belongs to, if any.
    pub phase: Option<Box<str>>,
    /// The track it belongs to, if any.
    pub track: Option<Box<str>>,
    /// Who owns it.
    pub owner: Option<Box<str>>,
    /// Ids of the tasks it depends on.
    pub depends_on: ThinVec<String>,
    /// The stated condition for done.
    pub done_when: Option<Box<str>>,
    /// The estimate in minutes.
    pub estimate_minutes: Option<u32>,
    /// The status its source declares.
    pub status: TaskStatus,
    /// Whether evidence bears that status out; set by the linker.
    pub verification: Verification,
    /// Paths of the evidence linked to it; set by the linker.
    pub evidence: ThinVec<String>,
    /// Paths of the documents that mention it; set by the linker.
    pub mentioned_in: ThinVec<String>,
    /// Where it is defined.
    pub source: Source,
    /// The last line of its row or item (nested lines included).
    pub source_end: usize,
    /// Its page's URL relative to the site root.
    pub url: Box<str>,
    /// The id of the task it is a subtask of (a nested checklist item).
    pub parent: Option<Box<str>>,
    /// The form it was written in.
    pub form: TaskForm,
    /// Why each piece of evidence is linked to it; set by the linker.
    pub links: ThinVec<EvidenceLink>,
    /// Why the verification is what it is, in a sentence; set by the linker.
    pub verdict_note: Option<Box<str>>,
    /// Whether the headline counts it, and if not, why; set by the linker.
    pub scope: TaskScope,
    /// The evidence linked to it that is dated before the task's last
    /// change; set after linking (see `crate::stale`).
    pub stale: ThinVec<StaleEvidence>,
    /// Whether its id is the author's own (a task table's id column, a
    /// tracker issue, an id like `T-001` on the item or heading, a
    /// frontmatter id) rather than synthesized from the document and text.
    /// Only named work gets a page of its own; the rest lives at an anchor
    /// of its document's page (see [`task_anchor_url`]).
    pub named: bool,
}

/// Evidence dated before the last change of a task it supports: it shows
/// the work as it was, not as it is said to be now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StaleEvidence {
    /// The evidence's path.
    pub path: String,
    /// The evidence's date.
    pub date: String,
    /// The date of the task's last change.
    pub changed: String,
    /// What that change was, in words (`set to done in commit 3f9e1d2`,
    /// `its document's date`).
    pub change: String,
}

/// Whether the headline ("X of Y tasks done") counts a task, and if not,
/// why. By default the headline counts the work of plans and trackers
/// (stories, epics and sprints are plans); the rest shows with its
/// documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum TaskScope {
    /// Work of a plan or tracker: counted.
    #[default]
    Headline,
    /// A subtask: it rolls up into the task it sits in, which is counted.
    Subtask,
    /// A to-do of a session log.
    Session,
    /// A checklist of a guide or other page.
    Page,
    /// In an archived folder (`archive/`, `old/`, ...).
    Archived,
}

impl TaskScope {
    /// The lowercase name used in `status.json` and CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            TaskScope::Headline => "headline",
            TaskScope::Subtask => "subtask",
            TaskScope::Session => "session",
            TaskScope::Page => "page",
            TaskScope::Archived => "archived",
        }
    }
}

impl Task {
    /// Whether the task has a page of its own; a task without an id of its
    /// own lives at an anchor of its document's page instead.
    pub fn has_page(&self) -> bool {
        !self.url.contains('#')
    }

    /// A task defined at `source` in the given form, with nothing else known
    /// yet: the parser fills what its form states, the linker the rest.
    pub fn new(
        id: String,
        title: String,
        status: TaskStatus,
        source: Source,
        form: TaskForm,
    ) -> Task {
        Task {
            url: task_url(&id).into(),
            id,
            title: title.into(),
            plan: source.path.clone(),
            phase: None,
            track: None,
            owner: None,
            depends_on: ThinVec::new(),
            done_when: None,
            estimate_minutes: None,
            status,
            verification: Verification::Pending,
            evidence: ThinVec::new(),
            mentioned_in: ThinVec::new(),
            source_end: source.line,
            source,
            parent: None,
            form,
            links: ThinVec::new(),
            verdict_note: None,
            scope: TaskScope::Headline,
            stale: ThinVec::new(),
            named: true,
        }
    }
}

/// Which rule linked a piece of evidence to a task, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkRule {
    /// The evidence's frontmatter `tasks:` (or a `tasks` field in its data) lists the task.
    Frontmatter,
    /// The task's own row, bullet or section names the evidence.
    TaskNamesEvidence,
    /// The evidence's file name or first lines name the task.
    EvidenceNamesTask,
    /// A section of some document names both.
    SectionNamesBoth,
}

/// A piece of evidence linked to a task, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct EvidenceLink {
    /// Path of the evidence.
    pub evidence: String,
    /// The rule that made the link.
    pub rule: LinkRule,
    /// Where the link was made (the row, section or line that names it).
    pub source: Option<Source>,
}

#[cfg(test)]
impl Evidence {
    /// A passing test log at `path` with nothing read from it, for tests.
    pub(crate) fn blank(path: &str) -> Evidence {
        Evidence {
            path: path.into(),
            kind: EvidenceKind::Test,
            format: EvidenceFormat::Text,
            date: None,
            outcome: Outcome::Pass,
            passed: None,
            failed: None,
            skipped: None,
            coverage_percent: None,
            runs: vec![],
            note: None,
            tasks: vec![],
            referenced_by: vec![],
            failure_lines: vec![],
            scores: vec![],
            url: String::new(),
        }
    }
}

/// One phase of a plan with the ids of its tasks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Phase {
    /// The phase's title as written.
    pub title: String,
    /// The status its heading or row declares (`### Phase 1 ✓`), if any.
    pub status: Option<TaskStatus>,
    /// Ids of its tasks, in source order.
    pub tasks: Vec<String>,
    /// Where the phase starts.
    pub source: Source,
    /// The estimate its phase-table row gives (`3-4 days`), in minutes.
    pub estimate_minutes: Option<u32>,
    /// The objectives its phase-table row gives.
    pub objective: Option<String>,
}

/// A plan: a document that defines tasks, grouped in phases.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    /// Path of the plan document.
    pub path: String,
    /// Its title.
    pub title: String,
    /// Its phases, in source order.
    pub phases: Vec<Phase>,
    /// Ids of all its tasks, in source order.
    pub tasks: Vec<String>,
    /// A critical path the plan states (`T-001 → T-002 → …`), with its place.
    pub stated_critical_path: Option<(Vec<String>, Source)>,
}

/// The result an evidence file records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// It passed.
    Pass,
    /// It failed.
    Fail,
    /// It records no outcome, or one attestor cannot read.
    Unknown,
}

/// What a piece of evidence is evidence of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// A test run.
    Test,
    /// A coverage report.
    Coverage,
    /// A deploy, release or rollout.
    Deploy,
    /// A linter or type checker's run.
    Lint,
    /// A build.
    Build,
    /// An audit report (Lighthouse, accessibility, performance).
    Report,
    /// A screenshot.
    Screenshot,
    /// Anything else.
    Other,
}

impl EvidenceKind {
    /// The lowercase name used in `status.json`, pages and CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceKind::Test => "test",
            EvidenceKind::Coverage => "coverage",
            EvidenceKind::Deploy => "deploy",
            EvidenceKind::Lint => "lint",
            EvidenceKind::Build => "build",
            EvidenceKind::Report => "report",
            EvidenceKind::Screenshot => "screenshot",
            EvidenceKind::Other => "other",
        }
    }
}

/// The format an evidence file was read as: a tool's output, or the generic
/// format of a file no reader recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum EvidenceFormat {
    /// pytest's terminal output.
    Pytest,
    /// `cargo test` output.
    CargoTest,
    /// cargo-nextest output.
    Nextest,
    /// vitest output.
    Vitest,
    /// jest output.
    Jest,
    /// Playwright's list, line or dot reporter.
    Playwright,
    /// Playwright's JSON reporter.
    PlaywrightJson,
    /// `go test` output.
    GoTest,
    /// JUnit XML.
    Junit,
    /// A run summary written by hand or by an agent (`Total: 9 tests, 0 failures`).
    Summary,
    /// A plain `N passed, N failed` line.
    PlainTests,
    /// coverage.py JSON.
    CoveragePy,
    /// An lcov tracefile.
    Lcov,
    /// Cobertura XML.
    Cobertura,
    /// Istanbul's (nyc's) `coverage-summary.json`.
    IstanbulSummary,
    /// Istanbul's (nyc's) `coverage-final.json`.
    IstanbulFinal,
    /// A bare coverage `TOTAL … 77%` line.
    CoverageTotal,
    /// A deploy record or list of deploys in JSON (Render, Vercel, Netlify, Fly.io, Heroku).
    DeployJson,
    /// A GitHub Actions run in JSON.
    ActionsJson,
    /// A deploy job's text log or a platform CLI's output.
    DeployText,
    /// An HTTP exchange with a deploy API.
    DeployHttp,
    /// A linter or type checker (mypy, ruff, eslint, tsc).
    Lint,
    /// A build log (vite, webpack, cargo build).
    Build,
    /// Lighthouse JSON.
    Lighthouse,
    /// Markdown no reader recognised.
    Markdown,
    /// Text no reader recognised.
    Text,
    /// JSON no reader recognised.
    Json,
    /// XML no reader recognised.
    Xml,
    /// An image.
    Image,
    /// Any other binary file.
    Binary,
}

impl EvidenceFormat {
    /// The name used in `status.json` and on pages (`pytest`, `lcov`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceFormat::Pytest => "pytest",
            EvidenceFormat::CargoTest => "cargo-test",
            EvidenceFormat::Nextest => "nextest",
            EvidenceFormat::Vitest => "vitest",
            EvidenceFormat::Jest => "jest",
            EvidenceFormat::Playwright => "playwright",
            EvidenceFormat::PlaywrightJson => "playwright-json",
            EvidenceFormat::GoTest => "go-test",
            EvidenceFormat::Junit => "junit",
            EvidenceFormat::Summary => "summary",
            EvidenceFormat::PlainTests => "plain-tests",
            EvidenceFormat::CoveragePy => "coverage-py",
            EvidenceFormat::Lcov => "lcov",
            EvidenceFormat::Cobertura => "cobertura",
            EvidenceFormat::IstanbulSummary => "istanbul-summary",
            EvidenceFormat::IstanbulFinal => "istanbul-final",
            EvidenceFormat::CoverageTotal => "coverage-total",
            EvidenceFormat::DeployJson => "deploy-json",
            EvidenceFormat::ActionsJson => "actions-json",
            EvidenceFormat::DeployText => "deploy-text",
            EvidenceFormat::DeployHttp => "deploy-http",
            EvidenceFormat::Lint => "lint",
            EvidenceFormat::Build => "build",
            EvidenceFormat::Lighthouse => "lighthouse",
            EvidenceFormat::Markdown => "markdown",
            EvidenceFormat::Text => "text",
            EvidenceFormat::Json => "json",
            EvidenceFormat::Xml => "xml",
            EvidenceFormat::Image => "image",
            EvidenceFormat::Binary => "binary",
        }
    }
}

/// One run recorded in an evidence file: a test session, a coverage run, a
/// deploy, a lint pass. A log that holds a rerun, or one suite after
/// another, has several.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Run {
    /// The tool or suite that ran (`pytest`, `vitest`, `playwright`, `cargo`,
    /// `mypy`, `deploy`), lowercase.
    pub suite: String,
    /// The part of the project it ran on, when the log says (`backend`,
    /// `frontend`, `tests/test_auth.py`), lowercase.
    pub scope: Option<String>,
    /// Pass, fail or unknown.
    pub outcome: Outcome,
    /// Tests passed.
    pub passed: Option<u64>,
    /// Tests failed, errors included.
    pub failed: Option<u64>,
    /// Tests skipped.
    pub skipped: Option<u64>,
    /// Problems a linter, type checker or build reports.
    pub problems: Option<u64>,
    /// Coverage percent, 0-100.
    pub coverage_percent: Option<f64>,
    /// How long it took, in seconds, when the log says.
    pub seconds: Option<f64>,
    /// 1-based line where the run starts.
    pub start_line: usize,
    /// 1-based line of its summary (or last line).
    pub end_line: usize,
    /// Whether the run reached its summary (a run cut off mid-way is not).
    pub complete: bool,
    /// Why the outcome is what it is when the counts alone do not say
    /// (`stopped at collection`, `no test ran`, `newest deploy update_failed`).
    pub note: Option<String>,
}

impl Run {
    /// A complete run of `suite` at `line` with nothing else known.
    pub fn new(suite: &str, outcome: Outcome, line: usize) -> Run {
        Run {
            suite: suite.to_string(),
            scope: None,
            outcome,
            passed: None,
            failed: None,
            skipped: None,
            problems: None,
            coverage_percent: None,
            seconds: None,
            start_line: line,
            end_line: line,
            complete: true,
            note: None,
        }
    }
}

/// For each run, whether it decides its suite and scope: the last complete
/// run of each (suite, scope), else its last run when none completed. The
/// evidence's outcome and figures come from these runs; the others are
/// earlier attempts, shown for the record.
pub fn deciding_runs(runs: &[Run]) -> Vec<bool> {
    // Per (suite, scope): its last complete run, and its last run.
    type Suite<'r> = (&'r str, Option<&'r str>);
    let mut last: HashMap<Suite<'_>, (Option<usize>, usize)> = HashMap::new();
    for (idx, run) in runs.iter().enumerate() {
        let entry = last.entry((run.suite.as_str(), run.scope.as_deref())).or_insert((None, idx));
        entry.1 = idx;
        if run.complete {
            entry.0 = Some(idx);
        }
    }
    let mut deciding = vec![false; runs.len()];
    for &(complete, any) in last.values() {
        deciding[complete.unwrap_or(any)] = true;
    }
    deciding
}

/// An evidence file: a test log, coverage report, deploy log, screenshot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// Path relative to ROOT.
    pub path: String,
    /// What it is evidence of.
    pub kind: EvidenceKind,
    /// The format it was read as.
    pub format: EvidenceFormat,
    /// `YYYY-MM-DD` from frontmatter, the file name or the content.
    pub date: Option<String>,
    /// Pass, fail or unknown: the last complete run of each suite decides.
    pub outcome: Outcome,
    /// Tests passed, over the last complete run of each suite.
    pub passed: Option<u64>,
    /// Tests failed, over the last complete run of each suite.
    pub failed: Option<u64>,
    /// Tests skipped, over the last complete run of each suite.
    pub skipped: Option<u64>,
    /// Coverage percent.
    pub coverage_percent: Option<f64>,
    /// The runs the file records, in order.
    pub runs: Vec<Run>,
    /// Why the outcome is what it is, when the figures alone do not say.
    pub note: Option<String>,
    /// Ids of the tasks it supports; set by the linker.
    pub tasks: Vec<String>,
    /// Paths of the documents that reference it; set by the linker.
    pub referenced_by: Vec<String>,
    /// 1-based lines that record failures, highlighted on its page.
    pub failure_lines: Vec<usize>,
    /// Named scores, such as Lighthouse categories (`performance` 0.93).
    pub scores: Vec<Score>,
    /// Its page's URL relative to the site root.
    pub url: String,
}

/// A named score an evidence file records, between 0 and 1.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    /// The score's name as the file gives it.
    pub name: String,
    /// The value, 0 to 1.
    pub value: f64,
}

/// A verdict on a claim stated in prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The evidence agrees.
    Supported,
    /// The evidence disagrees.
    Contradicted,
    /// There is no evidence to check it against.
    Unsupported,
}

/// The numbers a claim states; which are set depends on its kind.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figures {
    /// Tests passed (`196` in `196/196 tests passed`).
    pub passed: Option<u64>,
    /// Tests failed.
    pub failed: Option<u64>,
    /// Tests skipped.
    pub skipped: Option<u64>,
    /// Total tests, or total issues (`196` in `196/196`, `75` in `Total Issues: 75`).
    pub total: Option<u64>,
    /// A percentage: coverage, or a pass rate.
    pub percent: Option<f64>,
    /// Open issues.
    pub open: Option<u64>,
    /// Closed issues.
    pub closed: Option<u64>,
    /// Blocked issues.
    pub blocked: Option<u64>,
    /// The outcome a status claim states (`the deploy succeeded`, `mypy
    /// clean`, `CI is red`).
    pub outcome: Option<Outcome>,
}

/// A figure or status stated in prose, such as `196/196 tests passed`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    /// The claim as written.
    pub text: String,
    /// `tests`, `coverage`, `issues` or `status`.
    pub kind: String,
    /// What the figure is about, when the text says (`Router` in `Router (91%)`).
    pub subject: Option<String>,
    /// The suites or scopes the claim names, lowercase (`backend`,
    /// `frontend`, `pytest`, `vitest`, `playwright`, `e2e`, `test_auth.py`).
    pub scopes: Vec<String>,
    /// Whether it speaks of part of a run (`17/17 focused tests`, `the 4
    /// auth tests pass`) rather than the whole of one.
    pub subset: bool,
    /// The numbers stated.
    pub figures: Figures,
    /// Where it is stated.
    pub source: Source,
    /// The evidence it is checked against; set by the linker.
    pub evidence: Option<String>,
    /// The run of that evidence it was compared with (an index into its
    /// `runs`); set by the linker.
    pub run: Option<usize>,
    /// The verdict; set by the linker.
    pub verdict: Verdict,
    /// What it was compared with and why the verdict is what it is, in a
    /// sentence; set by the linker.
    pub note: Option<String>,
    /// The line it is stated on, lowercased, for the checks across
    /// documents (a change `0% → 83%` states no figure of its day); set by
    /// the parse of markdown. The claims of one line share it: a line of
    /// megabytes holding thousands of figures is held once.
    #[serde(skip)]
    pub line: std::sync::Arc<str>,
}

/// A dated entry of the audit trail.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `session`, `plan`, `test`, `deploy`, `commit`, ...
    pub kind: String,
    /// What happened.
    pub title: String,
    /// The document it comes from.
    pub path: String,
    /// The page to read about it.
    pub url: String,
}

/// An input file that could not be read as a document or evidence, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skipped {
    /// Path relative to ROOT.
    pub path: String,
    /// Why it is not in the portal as a page.
    pub reason: String,
}

/// Everything the pipeline knows about a docs tree, complete after linking.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Site {
    /// Documents sorted by path.
    pub documents: Vec<Document>,
    /// Plans sorted by path.
    pub plans: Vec<Plan>,
    /// Tasks sorted by id.
    pub tasks: Vec<Task>,
    /// Evidence sorted by path.
    pub evidence: Vec<Evidence>,
    /// Claims sorted by source.
    pub claims: Vec<Claim>,
    /// Events, newest first.
    pub events: Vec<Event>,
    /// Files that are listed but not read, sorted by path.
    pub skipped: Vec<Skipped>,
    /// Every diagnostic, sorted by path and line.
    pub diagnostics: Vec<Diagnostic>,
    /// The longest chain of unfinished tasks by estimate, first to last.
    pub critical_path: Vec<String>,
    /// Its length in minutes.
    pub critical_minutes: u64,
    /// Each plan's own critical path, over the tasks it defines, by the
    /// plan's path; plans with none are left out.
    pub plan_critical_paths: std::collections::BTreeMap<String, Vec<String>>,
    /// The page of each plan's dependency graph, by the path of the
    /// document that defines its tasks; plans whose tasks depend on none
    /// and that none depends on have none.
    pub plan_graphs: std::collections::BTreeMap<String, String>,
    /// The document kinds whose tasks the headline counts.
    pub headline_kinds: Vec<DocKind>,
    /// Each task's status changes read from git, oldest first (`--git`).
    pub history: Vec<StatusChange>,
    /// What the history read from git covers; `None` without `--git`.
    pub history_scope: Option<HistoryScope>,
    /// Each commit hash a document names, as checked against the
    /// repository that holds ROOT; sorted by where it is named.
    pub commits: Vec<NamedCommit>,
    /// Figures stated differently in different documents; sorted by their
    /// first statement.
    pub contradictions: Vec<Contradiction>,
    /// The summaries of JUnit reports and per-file tables of coverage
    /// reports, by evidence path, sorted by path.
    pub evidence_details: Vec<(String, EvidenceDetails)>,
    /// What the portal was built from and the SHA-256 of each evidence
    /// file (`provenance.json`); empty until the provenance stage runs.
    pub provenance: Provenance,
    /// The story document of each task that has one, sorted by task id:
    /// kept for `serve`, which takes a changed status into the site
    /// without linking it again (`link::splice`).
    #[serde(skip)]
    pub stories: Vec<Story>,
    /// How often the tasks spell each owner, by the owner's key (see
    /// `link::owners`): kept for `serve`, whose splice of an added or
    /// deleted checklist item shows its owner by the name a full link
    /// would choose.
    #[serde(skip)]
    pub owner_spellings: OwnerSpellings,
    /// Every task id an evidence file names in its file name or first
    /// lines, whether a task has it or not: kept for `serve`, whose splice
    /// of a task with an id of its own added to a page must know that no
    /// evidence file names it.
    #[serde(skip)]
    pub evidence_ids: std::collections::BTreeSet<String>,
    /// The id, lowercased, that each document could be the story of (the
    /// one its file name or title names; see `link::complete`), whether a
    /// task has it or not: kept for `serve`, as `evidence_ids` is.
    #[serde(skip)]
    pub story_ids: std::collections::BTreeSet<String>,
}

/// Each spelling of an owner with how many tasks give it, by the owner's
/// key.
pub type OwnerSpellings =
    std::collections::BTreeMap<String, std::collections::BTreeMap<String, usize>>;

/// The story of a task: the document about the work a task id names, found
/// by its file name or title, when it is not where the task is defined.
/// Its own tasks are the task's subtasks; open, they contradict it done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    /// The task's id.
    pub task: String,
    /// Path of the story document.
    pub path: String,
    /// How many of its own tasks there are.
    pub total: usize,
    /// Its open tasks' lines, in order.
    pub open_lines: Vec<usize>,
}

/// What a portal was built from, and the SHA-256 of the bytes of each
/// evidence file as they were on disk: what `provenance.json` publishes,
/// and what `attestor check --against` compares a tree with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// The full hash (40 or 64 hex digits) of the commit built, from the
    /// CI's environment or from git.
    pub commit: Option<String>,
    /// The commit's page on the forge (`<repo_url>/commit/<hash>`), when
    /// `repo_url` is known; shown on pages, not written to the file.
    pub commit_url: Option<String>,
    /// The branch or tag built, from the CI's environment.
    pub git_ref: Option<String>,
    /// The repository built (`org/repo`), from the CI's environment.
    pub repository: Option<String>,
    /// The CI run that built it, when a CI's environment says so.
    pub ci: Option<CiRun>,
    /// `YYYY-MM-DD` from `SOURCE_DATE_EPOCH`; never the clock.
    pub built: Option<String>,
    /// Each evidence file with its hash, sorted by path.
    pub evidence: Vec<EvidenceHash>,
}

/// The CI run a portal was built in, as `provenance.json` writes and reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CiRun {
    /// `github-actions`, `gitlab-ci`, `circleci`, `buildkite`, `jenkins`,
    /// `azure-pipelines`, `travis`, or `ci` for a CI known only by `CI=true`.
    pub provider: String,
    /// The run's (pipeline's, build's) id, as the CI gives it.
    pub run_id: Option<String>,
    /// The run's page, an `http(s)` URL.
    pub run_url: Option<String>,
    /// Which attempt of the run it is, where the CI counts them.
    pub run_attempt: Option<String>,
}

/// One evidence file's hash, as `provenance.json` writes and reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceHash {
    /// Path relative to ROOT.
    pub path: String,
    /// The SHA-256 of its bytes on disk, 64 lowercase hex digits; `None`
    /// when it could not be read.
    pub sha256: Option<String>,
    /// Its size in bytes, as hashed; `None` when it could not be read.
    pub size: Option<u64>,
    /// Its page's URL relative to the site root.
    #[serde(default)]
    pub url: String,
}

impl Provenance {
    /// The hash of the evidence file at `path`, if it is listed.
    pub fn evidence_hash(&self, path: &str) -> Option<&EvidenceHash> {
        find_sorted(&self.evidence, path, |e| &e.path)
    }
}

/// The place in `claims`, sorted by source as [`Site::claims`] is, of the
/// claims of the document at `path`.
pub fn claims_range(claims: &[Claim], path: &str) -> std::ops::Range<usize> {
    let start = claims.partition_point(|c| *c.source.path < *path);
    let end = start + claims[start..].partition_point(|c| *c.source.path == *path);
    start..end
}

/// The document at `path` of `documents`, sorted by path as
/// [`Site::documents`] is.
pub fn document_at<'d>(documents: &'d [Document], path: &str) -> Option<&'d Document> {
    find_sorted(documents, path, |d| &d.path)
}

/// The evidence file at `path` of `evidence`, sorted by path as
/// [`Site::evidence`] is.
pub fn evidence_at<'e>(evidence: &'e [Evidence], path: &str) -> Option<&'e Evidence> {
    find_sorted(evidence, path, |e| &e.path)
}

/// The place in `evidence`, sorted by path as [`Site::evidence`] is, of
/// the evidence file at `path`.
pub fn evidence_position(evidence: &[Evidence], path: &str) -> Option<usize> {
    position_sorted(evidence, path, |e| &e.path)
}

/// The task with id `id` of `tasks`, sorted by id as [`Site::tasks`] is.
pub fn task_with_id<'t>(tasks: &'t [Task], id: &str) -> Option<&'t Task> {
    find_sorted(tasks, id, |t| &t.id)
}

/// The place in `tasks`, sorted by id as [`Site::tasks`] is, of the task
/// with id `id`.
pub fn task_position(tasks: &[Task], id: &str) -> Option<usize> {
    position_sorted(tasks, id, |t| &t.id)
}

/// The item of `items`, sorted by `key_of`, whose key is `key`.
pub(crate) fn find_sorted<'a, T>(
    items: &'a [T],
    key: &str,
    key_of: impl Fn(&T) -> &String,
) -> Option<&'a T> {
    position_sorted(items, key, key_of).map(|idx| &items[idx])
}

/// The place in `items`, sorted by `key_of`, of the item whose key is `key`.
fn position_sorted<T>(items: &[T], key: &str, key_of: impl Fn(&T) -> &String) -> Option<usize> {
    items.binary_search_by(|item| key_of(item).as_str().cmp(key)).ok()
}

/// What an evidence page shows above the raw text of a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceDetails {
    /// A JUnit XML report: its suites and failing cases.
    Junit(JunitSummary),
    /// A coverage report: its files.
    Coverage(CoverageTable),
}

/// A JUnit XML report summarised.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct JunitSummary {
    /// The outermost suites, in order (at most [`MAX_DETAIL_ROWS`]).
    pub suites: Vec<JunitSuite>,
    /// How many suites are left out of `suites`.
    pub suites_left_out: usize,
    /// The sum over all suites.
    pub total: JunitSuite,
    /// The cases that failed or erred, in order (at most [`MAX_DETAIL_ROWS`]).
    pub failing: Vec<FailingCase>,
    /// How many failing cases are left out of `failing`.
    pub failing_left_out: usize,
}

/// The counts of one JUnit suite.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct JunitSuite {
    /// The suite's name.
    pub name: String,
    /// Tests run.
    pub tests: u64,
    /// Failed assertions.
    pub failures: u64,
    /// Errors.
    pub errors: u64,
    /// Skipped or disabled.
    pub skipped: u64,
    /// Seconds, when the report says.
    pub time: Option<f64>,
}

/// A test case that failed or erred.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FailingCase {
    /// Its class name and name (`MoneyTest.roundsHalfEven`).
    pub name: String,
    /// `failure` or `error`.
    pub kind: String,
    /// Its message (the `message` attribute, else the first line of its
    /// text), cut to a few hundred characters.
    pub message: String,
    /// The 1-based line of its `<failure>` or `<error>` element.
    pub line: usize,
}

/// The files of a coverage report, worst covered first.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CoverageTable {
    /// At most [`MAX_DETAIL_ROWS`] files.
    pub files: Vec<FileCoverage>,
    /// How many files are left out of `files`.
    pub left_out: usize,
}

/// The line coverage of one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileCoverage {
    /// The file's path as the report names it.
    pub path: String,
    /// Lines that count (statements).
    pub lines: u64,
    /// Of those, lines run.
    pub covered: u64,
    /// `covered / lines` in percent, 0-100, two decimals; `None` with no lines.
    pub percent: Option<f64>,
}

/// The most rows a summary of a report lists; the rest are counted.
pub const MAX_DETAIL_ROWS: usize = 500;

/// A change of a task's status in the history of the docs: a commit that
/// added the task or changed the status its document states.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct StatusChange {
    /// The task's id.
    pub task: String,
    /// The commit's date, `YYYY-MM-DD`.
    pub date: String,
    /// The status before; `None` when the commit added the task.
    pub from: Option<TaskStatus>,
    /// The status after.
    pub to: TaskStatus,
    /// The commit's full hash.
    pub commit: String,
    /// The commit's author.
    pub author: String,
    /// The document whose change it is.
    pub path: String,
}

/// One figure stated differently in different documents: the test count
/// of one suite on one day, the coverage of one component on one day, the
/// issue totals of one day, or a task done in one document and not done in
/// another of the same or a later date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contradiction {
    /// `tests`, `coverage`, `issues` or `task_status`.
    pub kind: String,
    /// What the statements are about, in words (`the backend tests on
    /// 2026-03-05`, `T-004's status`).
    pub about: String,
    /// The statements that disagree, in source order: at least two, from
    /// at least two documents.
    pub statements: Vec<Statement>,
}

/// One document's word in a [`Contradiction`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    /// The words as written (a claim's text, a task's title).
    pub text: String,
    /// What it states, in words (`194 of 196 passed`, `done`).
    pub says: String,
    /// Where.
    pub source: Source,
    /// The document's date.
    pub date: Option<String>,
}

/// A commit hash named in a document, and what the repository says of it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct NamedCommit {
    /// Where it is named.
    pub source: Source,
    /// The hash as written (often abbreviated).
    pub hash: String,
    /// The naming document's date, if it has one.
    pub document_date: Option<String>,
    /// What the check found.
    pub check: CommitCheck,
    /// The full hash, when the repository has the commit.
    pub full: Option<String>,
    /// The commit's author date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The first line of its message.
    pub subject: Option<String>,
    /// The commit's page on the forge, when `repo_url` is set and the
    /// commit is in the repository.
    pub url: Option<String>,
}

/// What the repository says of a commit a document names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitCheck {
    /// In the repository, reachable from the built commit, and not dated
    /// after the document that names it.
    Found,
    /// In the repository and reachable, but dated after the document.
    DatedAfter,
    /// In the repository, but not reachable from the built commit (another
    /// branch, or rewritten history).
    Unreachable,
    /// No commit of the repository has this hash.
    Unknown,
    /// The abbreviation fits more than one object.
    Ambiguous,
    /// Not checked: no repository, a shallow clone without it, or checks
    /// turned off.
    NotChecked,
}

impl CommitCheck {
    /// The words the portal shows for it.
    pub fn words(self) -> &'static str {
        match self {
            CommitCheck::Found => "in the repository",
            CommitCheck::DatedAfter => "dated after the document",
            CommitCheck::Unreachable => "not on the built branch",
            CommitCheck::Unknown => "not in the repository",
            CommitCheck::Ambiguous => "ambiguous",
            CommitCheck::NotChecked => "not checked",
        }
    }
}

/// What the history read from git covers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct HistoryScope {
    /// How many commits were read.
    pub commits: usize,
    /// The most commits read.
    pub limit: usize,
    /// Whether older commits were left out.
    pub truncated: bool,
    /// Whether the repository is a shallow clone, so that the history
    /// starts at its oldest commit rather than at the first.
    pub shallow: bool,
    /// The date of the oldest commit read, `YYYY-MM-DD`.
    pub since: Option<String>,
}

/// The last component of a `/`-separated path: a document's title until a
/// better one is read.
pub fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// A path's file-name extension, lowercase; empty when it has none.
pub fn extension(path: &str) -> String {
    let name = file_name(path);
    name.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).unwrap_or_default()
}

/// The URL of a document's page, relative to the site root.
///
/// Markdown pages keep their folder and swap the extension for `.html`; every
/// other file keeps its whole name, so `run.txt` and `run.md` never collide.
pub fn doc_url(path: &str, format: SourceFormat) -> String {
    match format {
        SourceFormat::Markdown => {
            let stem = path.rsplit_once('.').map_or(path, |(stem, _)| stem);
            fit_url(&format!("docs/{stem}.html"))
        }
        _ => fit_url(&format!("docs/{path}.html")),
    }
}

/// The largest SVG image shown inline, in bytes: a larger one would be
/// repeated in every page that shows it, so it is only linked.
pub const MAX_INLINE_SVG: u64 = 2 * 1024 * 1024;

/// The URL where a raw input file is copied, relative to the site root.
///
/// A browser runs what a host serves as HTML, SVG or XML (scripts, event
/// handlers, an `xml-stylesheet` that writes HTML) with the portal's origin,
/// and hosts choose the type from the name. So a file keeps its name under
/// `files/` only when its extension is one hosts serve as something inert
/// ([`keeps_name`]); every other file is copied as text, `text/<path>.txt`.
/// The two folders keep `x.html` and `x.html.txt` from colliding.
pub fn raw_url(path: &str) -> String {
    if keeps_name(path) {
        fit_url(&format!("files/{path}"))
    } else {
        fit_url(&format!("text/{path}.txt"))
    }
}

/// Whether a raw copy keeps its name: its extension is one that hosts serve
/// as an image, media, an archive, a download or plain data, which no browser
/// runs when it is opened. The list names what is known to be inert rather
/// than what is known to run, so an unusual name errs on the side of text.
pub fn keeps_name(path: &str) -> bool {
    INERT_EXTENSIONS.contains(&extension(path).as_str())
}

/// Extensions that hosts serve as text, data, images, media, archives or
/// downloads: types no browser runs.
const INERT_EXTENSIONS: &[&str] = &[
    "txt", "text", "log", "out", "csv", "tsv", "json", "jsonl", "ndjson", "yaml", "yml", "toml",
    "ini", "cfg", "conf", "info", "lcov", "png", "jpg", "jpeg", "gif", "webp", "avif", "bmp",
    "ico", "tif", "tiff", "heic", "psd", "zip", "gz", "tgz", "tar", "7z", "rar", "xz", "bz2",
    "zst", "pdf", "docx", "xlsx", "pptx", "doc", "xls", "ppt", "odt", "ods", "bin", "exe", "dll",
    "so", "dylib", "class", "jar", "wasm", "pyc", "sqlite", "db", "parquet", "woff", "woff2",
    "ttf", "otf", "eot", "mp3", "wav", "ogg", "flac", "mp4", "mov", "webm", "mkv", "avi",
];

/// The URL of a task's page, relative to the site root.
pub fn task_url(id: &str) -> String {
    fit_url(&format!("tasks/{}.html", slug(id)))
}

/// The URL of a task without an id of its own: an anchor of the page of
/// the document that defines it, `<document page>#task-<slug of id>`.
pub fn task_anchor_url(doc_url: &str, id: &str) -> String {
    format!("{doc_url}#{}", task_anchor(id))
}

/// The HTML id of a task's row on its document's page: `task-<slug of id>`.
pub fn task_anchor(id: &str) -> String {
    format!("task-{}", slug(id))
}

/// The longest name, in bytes, an output file or folder gets: file systems
/// allow 255, and the linker may still add `-2` to tell two pages apart.
pub const MAX_NAME_BYTES: usize = 200;

/// A site-relative URL whose every part fits in [`MAX_NAME_BYTES`]: a
/// longer part keeps its start (cut on a character boundary), then `-` and
/// a hash of the whole part, then its extension, so it stays unique and
/// the same from build to build.
pub fn fit_url(url: &str) -> String {
    if url.split('/').all(|part| part.len() <= MAX_NAME_BYTES) {
        return url.to_string();
    }
    let parts: Vec<String> = url
        .split('/')
        .map(|part| if part.len() <= MAX_NAME_BYTES { part.to_string() } else { shorten(part) })
        .collect();
    parts.join("/")
}

fn shorten(name: &str) -> String {
    let ext = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && ext.len() <= 10 => &name[stem.len()..],
        _ => "",
    };
    let hash = format!("-{:016x}", fnv1a(name.as_bytes()));
    let mut keep = MAX_NAME_BYTES - hash.len() - ext.len();
    while !name.is_char_boundary(keep) {
        keep -= 1;
    }
    format!("{}{hash}{ext}", &name[..keep])
}

/// FNV-1a, 64 bits: a hash that stays the same across Rust releases and
/// machines, unlike std's `DefaultHasher`.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A site-relative URL made safe for an `href`: every byte but unreserved
/// characters and `/` is percent-encoded, so paths with spaces or accents work.
pub fn href(url: &str) -> String {
    // Most URLs need no escape at all, and are copied whole.
    let Some(first) = url.bytes().position(|byte| !stays_in_href(byte)) else {
        return url.to_string();
    };
    let mut out = String::with_capacity(url.len() + 8);
    out.push_str(&url[..first]);
    for byte in url[first..].bytes() {
        if stays_in_href(byte) {
            out.push(byte as char);
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(HEX[usize::from(byte >> 4)] as char);
            out.push(HEX[usize::from(byte & 0xF)] as char);
        }
    }
    out
}

/// Whether [`href`] keeps a byte as it is.
fn stays_in_href(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'/' | b'-' | b'_' | b'.' | b'~' | b'#')
}

/// A lowercase, dash-separated slug safe in URLs and HTML ids.
pub fn slug(text: &str) -> String {
    let mut slug = Slug { out: String::with_capacity(text.len()), dash: false };
    if text.is_ascii() {
        // A byte at a time: ASCII lowercases to one character.
        text.bytes().for_each(|byte| slug.push(char::from(byte.to_ascii_lowercase())));
    } else {
        text.chars().for_each(|ch| ch.to_lowercase().for_each(|lower| slug.push(lower)));
    }
    if slug.out.is_empty() {
        slug.out.push_str("section");
    }
    slug.out
}

/// A [`slug`] being written: its words, one dash apart.
struct Slug {
    out: String,
    /// Whether a character that is not a word's came since the last word's.
    dash: bool,
}

impl Slug {
    /// Adds a lowercased character: a word's is written, after a dash if
    /// others came between it and the last; any other is left out.
    fn push(&mut self, ch: char) {
        if ch.is_alphanumeric() || ch == '_' {
            if self.dash && !self.out.is_empty() {
                self.out.push('-');
            }
            self.dash = false;
            self.out.push(ch);
        } else {
            self.dash = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_task_stays_small() {
        // A million tasks at 100,000 documents: each byte here is a
        // megabyte of the build's memory, twice over while the link moves
        // them into one list. The lists are one pointer wide (`ThinVec`),
        // the title, the URL and the optional strings two (`Box<str>`, no
        // spare capacity).
        let size = std::mem::size_of::<Task>();
        println!("Task: {size} bytes");
        assert!(size <= 272, "Task grew to {size} bytes");
    }

    #[test]
    fn packed_text_unpacks_to_what_was_packed() {
        let long = "<p>Rollout <a href=\"../a.html\">a</a> \u{00e9}t\u{00e9}</p>\n".repeat(500);
        for text in ["", "x", "\u{1f680} déploiement", long.as_str()] {
            let packed = Packed::new(text);
            assert_eq!(packed.unpack(), text);
            assert_eq!(packed.is_empty(), text.is_empty());
            assert_eq!(packed, Packed::new(text), "equal texts pack to equal bytes");
        }
        assert!(
            Packed::new(&long).bytes().unwrap().len() < long.len() / 4,
            "repeated HTML packs small"
        );
        assert_ne!(Packed::new("a"), Packed::new("b"));
    }

    #[test]
    fn markdown_pages_swap_extension_and_others_keep_it() {
        assert_eq!(doc_url("plans/a.md", SourceFormat::Markdown), "docs/plans/a.html");
        assert_eq!(doc_url("tests/run.txt", SourceFormat::Text), "docs/tests/run.txt.html");
    }

    // See: issue 9 (raw copies of HTML and SVG evidence ran their scripts).
    #[test]
    fn raw_copies_that_a_browser_could_run_are_published_as_text() {
        assert_eq!(raw_url("tests/run.txt"), "files/tests/run.txt");
        assert_eq!(raw_url("shots/home.PNG"), "files/shots/home.PNG");
        assert_eq!(raw_url("reports/e2e.html"), "text/reports/e2e.html.txt");
        assert_eq!(raw_url("reports/e2e.HTM"), "text/reports/e2e.HTM.txt");
        assert_eq!(raw_url("diagram.svg"), "text/diagram.svg.txt");
        assert_eq!(raw_url("junit.xml"), "text/junit.xml.txt");
        assert_eq!(raw_url("page.xhtml"), "text/page.xhtml.txt");
        assert_eq!(raw_url("style.xsl"), "text/style.xsl.txt");
        assert_eq!(raw_url("Makefile"), "text/Makefile.txt");
        // A text copy and a file named like it land in different folders.
        assert_ne!(raw_url("a.html"), raw_url("a.html.txt"));
    }

    // See: issue 9 (a 255-byte file name failed the build).
    #[test]
    fn long_names_are_cut_to_a_stable_unique_name_that_fits() {
        let long = format!("x{}.log", "é".repeat(125));
        assert_eq!(long.len(), 255);
        let url = doc_url(&format!("tests/{long}"), SourceFormat::Text);
        let name = url.strip_prefix("docs/tests/").unwrap();
        assert_eq!(name.len(), MAX_NAME_BYTES - 1);
        assert!(name.starts_with("xéé") && name.ends_with(".html"), "{name}");
        assert_eq!(url, doc_url(&format!("tests/{long}"), SourceFormat::Text));
        let other = doc_url(&format!("tests/y{}.log", "é".repeat(125)), SourceFormat::Text);
        assert_ne!(url, other);
        assert_eq!(fit_url("docs/a.html"), "docs/a.html");
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn hrefs_encode_spaces_and_non_ascii() {
        assert_eq!(href("docs/My Notes é.html"), "docs/My%20Notes%20%C3%A9.html");
        assert_eq!(href("docs/a.html#L3"), "docs/a.html#L3");
    }

    #[test]
    fn slugs_fold_punctuation_and_case() {
        assert_eq!(slug("Phase 3 - Hosting & Latency"), "phase-3-hosting-latency");
        assert_eq!(slug("✅ Done!"), "done");
        assert_eq!(slug("***"), "section");
        assert_eq!(slug("T-001"), "t-001");
    }

    #[test]
    fn slugs_outside_ascii_lowercase_as_unicode_does() {
        // What each character's full lowercase gives, one character at a time.
        let by_chars = |text: &str| {
            let mut out = String::new();
            let mut dash = false;
            for ch in text.chars().flat_map(char::to_lowercase) {
                if ch.is_alphanumeric() || ch == '_' {
                    if dash && !out.is_empty() {
                        out.push('-');
                    }
                    dash = false;
                    out.push(ch);
                } else {
                    dash = true;
                }
            }
            if out.is_empty() { "section".to_string() } else { out }
        };
        for text in [
            "İstanbul Ölçüm",
            "ΣΟΦΙΑ σοφία",
            "Straße_GROSS",
            "Задача №5: Готово",
            "ǅemal ǈ ǋ",
            "  --- ",
            "日本語 テスト 1",
            "MiXeD café-au-LAIT \u{0130}\u{0307}",
        ] {
            assert_eq!(slug(text), by_chars(text), "{text:?}");
        }
        // The combining dot of `i̇` is no letter.
        assert_eq!(slug("İ"), "i");
        assert_eq!(href("a b\u{7f}"), "a%20b%7F");
        // ASCII texts take their own path: every text of up to four
        // characters from ten, letters of both cases, digits and marks.
        let alphabet = ['a', 'Z', '0', '_', '-', ' ', '#', '/', '~', '\u{7f}'];
        crate::text::each_string_up_to(&alphabet, 4, |text| {
            assert_eq!(slug(text), by_chars(text), "{text:?}");
        });
    }

    /// A URL is copied whole or escaped from its first byte that needs it,
    /// as escaping every byte would: each byte value alone, at the start,
    /// in the middle and at the end of a URL, and texts outside ASCII.
    #[test]
    fn hrefs_escape_as_a_byte_at_a_time_would() {
        let by_bytes = |url: &str| {
            url.bytes()
                .map(|byte| match stays_in_href(byte) {
                    true => char::from(byte).to_string(),
                    false => format!("%{byte:02X}"),
                })
                .collect::<String>()
        };
        for value in 0..=0x7Fu8 {
            let ch = char::from(value);
            for url in [
                format!("{ch}"),
                format!("{ch}docs/a.html"),
                format!("docs/{ch}a.html#L3"),
                format!("docs/a.html{ch}"),
            ] {
                assert_eq!(href(&url), by_bytes(&url), "{url:?}");
            }
        }
        for url in ["", "docs/é.html", "ü", "tasks/日本.html#x y"] {
            assert_eq!(href(url), by_bytes(url), "{url:?}");
        }
    }
}
