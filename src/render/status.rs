//! `status.json`: the whole model as a versioned, documented public interface.
//!
//! The shape is the contract in `docs/status-json.md` (SPEC section 6). It is
//! written from views here, not by serializing the model, so the model can
//! change without breaking consumers. Bump `SCHEMA` on any breaking change.

use std::io::Write;

use serde::Serialize;

use crate::config::BuildConfig;
use crate::diagnostics::Severity;
use crate::model::{Site, Source, TaskScope, TaskStatus, Verification, task_with_id};

/// The schema version of `status.json`.
pub const SCHEMA: u32 = 1;

/// What `site.generator` says: attestor and its version.
pub const GENERATOR: &str = concat!("attestor ", env!("CARGO_PKG_VERSION"));

#[derive(Serialize)]
struct Status<'a> {
    schema: u32,
    site: SiteRow<'a>,
    summary: Summary,
    documents: Vec<DocumentRow<'a>>,
    plans: Vec<PlanRow<'a>>,
    tasks: TaskRows<'a>,
    evidence: Vec<EvidenceRow<'a>>,
    claims: Vec<ClaimRow<'a>>,
    events: &'a [crate::model::Event],
    diagnostics: Vec<DiagnosticRow<'a>>,
    not_read: Vec<NotReadRow<'a>>,
    commits: &'a [crate::model::NamedCommit],
    contradictions: &'a [crate::model::Contradiction],
}

/// The tasks' rows, each made as it is written: at 10,000 documents the
/// 107,000 rows held at once were 27 MB (massif), beside the pages that
/// render at the same time.
struct TaskRows<'a>(&'a [crate::model::Task]);

impl Serialize for TaskRows<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(task_row))
    }
}

/// Which portal this is: its title, where it is served and what wrote it,
/// so that `attestor merge` can name and link it.
#[derive(Serialize)]
struct SiteRow<'a> {
    title: &'a str,
    base_url: Option<&'a str>,
    generator: &'static str,
}

#[derive(Serialize, Default)]
struct Summary {
    documents: usize,
    tasks: usize,
    #[serde(flatten)]
    tally: Tally,
    evidence: usize,
    evidence_failing: usize,
    errors: usize,
    warnings: usize,
    headline: Headline,
    /// Input files listed but not read (`not_read`).
    not_read: usize,
}

/// Tasks by status and by verification, as `summary` and its headline
/// both give them.
#[derive(Serialize, Default)]
struct Tally {
    done: usize,
    verified: usize,
    claimed: usize,
    contradicted: usize,
    in_progress: usize,
    open: usize,
    blocked: usize,
    skipped: usize,
}

impl Tally {
    fn add(&mut self, task: &crate::model::Task) {
        match task.status {
            TaskStatus::Done => self.done += 1,
            TaskStatus::InProgress => self.in_progress += 1,
            TaskStatus::Open => self.open += 1,
            TaskStatus::Blocked => self.blocked += 1,
            TaskStatus::Skipped => self.skipped += 1,
        }
        match task.verification {
            Verification::Verified => self.verified += 1,
            Verification::Claimed => self.claimed += 1,
            Verification::Contradicted => self.contradicted += 1,
            Verification::Pending => {}
        }
    }
}

/// What the dashboard's "X of Y tasks done" counts, and what it leaves out.
#[derive(Serialize, Default)]
struct Headline {
    /// The document kinds whose tasks it counts (`plan`, `tracker`).
    counts: Vec<&'static str>,
    tasks: usize,
    #[serde(flatten)]
    tally: Tally,
    /// Done as a whole percentage of `tasks` (skipped left out of both).
    percent: u32,
    left_out: LeftOut,
}

/// Tasks the headline leaves out, by reason.
#[derive(Serialize, Default)]
struct LeftOut {
    subtask: usize,
    session: usize,
    page: usize,
    archived: usize,
}

#[derive(Serialize)]
struct DocumentRow<'a> {
    path: &'a str,
    kind: &'static str,
    title: &'a str,
    date: Option<&'a str>,
    status: Option<&'a str>,
    url: &'a str,
    archived: bool,
}

#[derive(Serialize)]
struct PlanRow<'a> {
    path: &'a str,
    title: &'a str,
    done: usize,
    total: usize,
    phases: Vec<PhaseRow<'a>>,
}

#[derive(Serialize)]
struct PhaseRow<'a> {
    title: &'a str,
    done: usize,
    total: usize,
    tasks: &'a [String],
}

#[derive(Serialize)]
struct TaskRow<'a> {
    id: &'a str,
    title: &'a str,
    plan: &'a str,
    phase: Option<&'a str>,
    track: Option<&'a str>,
    owner: Option<&'a str>,
    depends_on: &'a [String],
    done_when: Option<&'a str>,
    estimate_minutes: Option<u32>,
    status: TaskStatus,
    verification: Verification,
    evidence: &'a [String],
    mentioned_in: &'a [String],
    source: &'a Source,
    url: &'a str,
    parent: Option<&'a str>,
    form: crate::model::TaskForm,
    scope: &'static str,
    named: bool,
    stale_evidence: &'a [crate::model::StaleEvidence],
}

#[derive(Serialize)]
struct EvidenceRow<'a> {
    path: &'a str,
    kind: &'a str,
    format: &'a str,
    date: Option<&'a str>,
    outcome: crate::model::Outcome,
    passed: Option<u64>,
    failed: Option<u64>,
    skipped: Option<u64>,
    coverage_percent: Option<f64>,
    tasks: &'a [String],
    referenced_by: &'a [String],
    url: &'a str,
    note: Option<&'a str>,
    runs: Vec<RunRow<'a>>,
}

#[derive(Serialize)]
struct RunRow<'a> {
    suite: &'a str,
    scope: Option<&'a str>,
    outcome: crate::model::Outcome,
    passed: Option<u64>,
    failed: Option<u64>,
    skipped: Option<u64>,
    problems: Option<u64>,
    coverage_percent: Option<f64>,
    seconds: Option<f64>,
    start_line: usize,
    end_line: usize,
    complete: bool,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct ClaimRow<'a> {
    text: &'a str,
    kind: &'a str,
    source: &'a Source,
    evidence: Option<&'a str>,
    verdict: crate::model::Verdict,
    run: Option<usize>,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct DiagnosticRow<'a> {
    code: &'static str,
    severity: Severity,
    path: &'a str,
    line: Option<usize>,
    message: &'a str,
}

#[derive(Serialize)]
struct NotReadRow<'a> {
    path: &'a str,
    reason: &'a str,
}

/// Writes `status.json` for a site built with `config` to `out` as it is
/// serialised, one record per line ([`write_json`]).
pub fn write_status_json(
    site: &Site,
    config: &BuildConfig,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let status = Status {
        schema: SCHEMA,
        site: SiteRow {
            title: &config.title,
            base_url: config.base_url.as_deref(),
            generator: GENERATOR,
        },
        summary: summary(site),
        documents: site
            .documents
            .iter()
            .map(|d| DocumentRow {
                path: &d.path,
                kind: d.kind.as_str(),
                title: &d.title,
                date: d.date.as_deref(),
                status: d.status.as_deref(),
                url: &d.url,
                archived: d.archived,
            })
            .collect(),
        plans: plans(site),
        tasks: TaskRows(&site.tasks),
        evidence: site.evidence.iter().map(evidence_row).collect(),
        claims: site
            .claims
            .iter()
            .map(|c| ClaimRow {
                text: &c.text,
                kind: &c.kind,
                source: &c.source,
                evidence: c.evidence.as_deref(),
                verdict: c.verdict,
                run: c.run,
                note: c.note.as_deref(),
            })
            .collect(),
        events: &site.events,
        diagnostics: site
            .diagnostics
            .iter()
            .map(|d| DiagnosticRow {
                code: d.code,
                severity: d.severity,
                path: &d.path,
                line: (d.line > 0).then_some(d.line),
                message: &d.message,
            })
            .collect(),
        not_read: site
            .skipped
            .iter()
            .map(|s| NotReadRow { path: &s.path, reason: &s.reason })
            .collect(),
        commits: &site.commits,
        contradictions: &site.contradictions,
    };
    write_json(out, &status)
}

/// Writes `value` as JSON the way `status.json` is written: the outer
/// object and the lists and objects directly in it one entry per line,
/// indented; everything deeper on its entry's line, without spaces. Each
/// document, task or claim is then one line (what `grep` and a diff of two
/// builds want) and the file is about a quarter smaller than indented
/// throughout (88 against 119 MB at 10,000 documents).
pub fn write_json<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    let mut json = serde_json::Serializer::with_formatter(&mut out, RecordPerLine::default());
    value.serialize(&mut json).map_err(std::io::Error::from)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// The formatter of [`write_json`]: serde_json's pretty printer down to
/// [`RecordPerLine::INDENTED`] levels of nesting, its compact one below.
#[derive(Default)]
struct RecordPerLine {
    /// How many arrays and objects are open around what is written next.
    depth: usize,
    /// Whether the open array or object at the indented levels has an
    /// entry yet (its end then goes on a line of its own).
    has_value: bool,
}

impl RecordPerLine {
    /// The levels whose entries go one per line: the outer object and the
    /// lists and objects in it.
    const INDENTED: usize = 2;

    fn indented(&self) -> bool {
        self.depth <= Self::INDENTED
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        if self.indented() && self.has_value {
            w.write_all(b"\n")?;
            indent(w, self.depth - 1)?;
        }
        self.depth -= 1;
        self.has_value = true;
        w.write_all(bracket)
    }

    fn entry<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        if self.indented() {
            w.write_all(b"\n")?;
            indent(w, self.depth)?;
        }
        Ok(())
    }
}

fn indent<W: ?Sized + Write>(w: &mut W, levels: usize) -> std::io::Result<()> {
    for _ in 0..levels {
        w.write_all(b"  ")?;
    }
    Ok(())
}

impl serde_json::ser::Formatter for RecordPerLine {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.entry(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.entry(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(if self.indented() { b": " } else { b":" })
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

fn summary(site: &Site) -> Summary {
    let (errors, warnings) = crate::diagnostics::count(&site.diagnostics);
    let mut summary = Summary {
        documents: site.documents.len(),
        tasks: site.tasks.len(),
        evidence: site.evidence.len(),
        evidence_failing: site
            .evidence
            .iter()
            .filter(|e| e.outcome == crate::model::Outcome::Fail)
            .count(),
        errors,
        warnings,
        not_read: site.skipped.len(),
        ..Summary::default()
    };
    for task in &site.tasks {
        summary.tally.add(task);
    }
    summary.headline = headline(site);
    summary
}

fn headline(site: &Site) -> Headline {
    let mut headline = Headline {
        counts: site.headline_kinds.iter().map(|k| k.as_str()).collect(),
        ..Headline::default()
    };
    for task in &site.tasks {
        let out = &mut headline.left_out;
        match task.scope {
            TaskScope::Headline => headline.tally.add(task),
            TaskScope::Subtask => out.subtask += 1,
            TaskScope::Session => out.session += 1,
            TaskScope::Page => out.page += 1,
            TaskScope::Archived => out.archived += 1,
        }
    }
    // Skipped work is counted apart, never in `tasks`.
    let tally = &headline.tally;
    headline.tasks = tally.done + tally.in_progress + tally.open + tally.blocked;
    headline.percent = (tally.done * 100).checked_div(headline.tasks).unwrap_or(0) as u32;
    headline
}

fn plans(site: &Site) -> Vec<PlanRow<'_>> {
    let status = |id: &String| task_with_id(&site.tasks, id).map(|t| t.status);
    let is_done = |id: &&String| status(id) == Some(TaskStatus::Done);
    // Skipped work is listed but not counted: a plan can reach 100 %.
    let counted =
        |ids: &[String]| ids.iter().filter(|id| status(id) != Some(TaskStatus::Skipped)).count();
    site.plans
        .iter()
        .map(|plan| PlanRow {
            path: &plan.path,
            title: &plan.title,
            done: plan.tasks.iter().filter(is_done).count(),
            total: counted(&plan.tasks),
            phases: plan
                .phases
                .iter()
                .map(|phase| PhaseRow {
                    title: &phase.title,
                    done: phase.tasks.iter().filter(is_done).count(),
                    total: counted(&phase.tasks),
                    tasks: &phase.tasks,
                })
                .collect(),
        })
        .collect()
}

fn task_row(t: &crate::model::Task) -> TaskRow<'_> {
    TaskRow {
        id: &t.id,
        title: &t.title,
        plan: &t.plan,
        phase: t.phase.as_deref(),
        track: t.track.as_deref(),
        owner: t.owner.as_deref(),
        depends_on: &t.depends_on,
        done_when: t.done_when.as_deref(),
        estimate_minutes: t.estimate_minutes,
        status: t.status,
        verification: t.verification,
        evidence: &t.evidence,
        mentioned_in: &t.mentioned_in,
        source: &t.source,
        url: &t.url,
        parent: t.parent.as_deref(),
        form: t.form,
        scope: t.scope.as_str(),
        named: t.named,
        stale_evidence: &t.stale,
    }
}

fn evidence_row(e: &crate::model::Evidence) -> EvidenceRow<'_> {
    EvidenceRow {
        path: &e.path,
        kind: e.kind.as_str(),
        format: e.format.as_str(),
        date: e.date.as_deref(),
        outcome: e.outcome,
        passed: e.passed,
        failed: e.failed,
        skipped: e.skipped,
        coverage_percent: e.coverage_percent,
        tasks: &e.tasks,
        referenced_by: &e.referenced_by,
        url: &e.url,
        note: e.note.as_deref(),
        runs: e.runs.iter().map(run_row).collect(),
    }
}

fn run_row(r: &crate::model::Run) -> RunRow<'_> {
    RunRow {
        suite: &r.suite,
        scope: r.scope.as_deref(),
        outcome: r.outcome,
        passed: r.passed,
        failed: r.failed,
        skipped: r.skipped,
        problems: r.problems,
        coverage_percent: r.coverage_percent,
        seconds: r.seconds,
        start_line: r.start_line,
        end_line: r.end_line,
        complete: r.complete,
        note: r.note.as_deref(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(value: &serde_json::Value) -> String {
        let mut out = Vec::new();
        write_json(&mut out, value).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn each_record_is_one_line_under_an_indented_outer_object() {
        let value = serde_json::json!({
            "schema": 1,
            "summary": {"tasks": 2, "headline": {"counts": ["plan"], "left_out": {}}},
            "tasks": [{"id": "T-1", "depends_on": ["T-0"], "note": "a, b: {c}"}, {"id": "T-2"}],
            "events": [],
            "site": {}
        });
        // (`json!` sorts the keys; `status.json`'s order is its structs'.)
        assert_eq!(
            written(&value),
            "{\n  \"events\": [],\n  \"schema\": 1,\n  \"site\": {},\n  \"summary\": {\n    \
             \"headline\": {\"counts\":[\"plan\"],\"left_out\":{}},\n    \"tasks\": 2\n  },\n  \
             \"tasks\": [\n    {\"depends_on\":[\"T-0\"],\"id\":\"T-1\",\"note\":\"a, b: {c}\"},\n    \
             {\"id\":\"T-2\"}\n  ]\n}\n"
        );
    }

    #[test]
    fn what_is_written_reads_back_as_the_same_value() {
        let value = serde_json::json!({
            "a": [[1, [2, []]], {"b": {"c": [null, true, "x\"y\n"]}}],
            "d": {"e": [{}], "f": -1.5},
            "g": "",
        });
        let text = written(&value);
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), value);
        assert!(text.lines().all(|line| line.len() < 80), "{text}");
    }
}
