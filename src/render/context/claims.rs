//! Views of claims and of the runs they are checked against.
//!
//! A claim is shown as a `ClaimView`: its text, verdict and note, where it is
//! stated, and the evidence and run it was compared with. An evidence file's
//! runs are shown as `RunView` rows, each marked when it is the run that
//! decides its suite. A document that says it is complete while its own
//! tasks are open (diagnostic `A140`) is shown as a `DeclaredCompleteView`.

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::model::{Claim, Document, Evidence, Run, Verdict, deciding_runs, href};
use crate::render::context::{DocView, EvidenceView, outcome_name};

/// The diagnostic code of a document that says it is complete while some of
/// its own tasks are open.
pub const DECLARED_COMPLETE: &str = "A140";

/// The verdicts in the order the portal lists them: what needs fixing first.
pub const VERDICTS: [Verdict; 3] =
    [Verdict::Contradicted, Verdict::Unsupported, Verdict::Supported];

/// The snake_case name of a verdict, used in CSS classes and ids.
pub fn verdict_name(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Supported => "supported",
        Verdict::Contradicted => "contradicted",
        Verdict::Unsupported => "unsupported",
    }
}

/// A verdict as a person reads it.
pub fn verdict_label(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Supported => "Supported",
        Verdict::Contradicted => "Contradicted",
        Verdict::Unsupported => "Unsupported",
    }
}

/// What a verdict means, in a few words.
pub fn verdict_help(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Supported => "the evidence agrees",
        Verdict::Contradicted => "the evidence disagrees",
        Verdict::Unsupported => "no evidence to check it against",
    }
}

/// What the claims of a verdict have in common, as a sentence.
pub fn verdict_sentence(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Supported => "The evidence named beside these claims records the same figures.",
        Verdict::Contradicted => "The evidence named beside these claims records other figures.",
        Verdict::Unsupported => "No evidence named beside these claims could check them.",
    }
}

/// One run of an evidence file, as a row of its runs table.
#[derive(Debug, Serialize)]
pub struct RunView<'a> {
    /// 1-based place among the file's runs.
    pub number: usize,
    /// The row's anchor on the evidence page (`run-2`).
    pub id: String,
    /// The tool or suite that ran.
    pub suite: &'a str,
    /// The part of the project it ran on.
    pub scope: Option<&'a str>,
    /// pass, fail or unknown.
    pub outcome: &'static str,
    /// Tests passed.
    pub passed: Option<u64>,
    /// Tests failed.
    pub failed: Option<u64>,
    /// Tests skipped.
    pub skipped: Option<u64>,
    /// Problems a linter, type checker or build reports.
    pub problems: Option<u64>,
    /// Coverage percent.
    pub coverage_percent: Option<f64>,
    /// How long it took, as `3.21s` or `2m 05s`.
    pub time: Option<String>,
    /// 1-based first line.
    pub start_line: usize,
    /// 1-based last line.
    pub end_line: usize,
    /// The fragment of its first line on the evidence page (`#L12`), empty
    /// when the page has no line anchors.
    pub anchor: String,
    /// Whether it reached its summary.
    pub complete: bool,
    /// Whether it is the run whose figures count for its suite and scope.
    pub decides: bool,
    /// When it does not decide, the number of the run that does.
    pub superseded_by: Option<usize>,
    /// Why its outcome is what it is, when the counts do not say.
    pub note: Option<&'a str>,
    /// `run 2 of 3: pytest · backend`.
    pub label: String,
}

/// The runs of an evidence file, each marked when it decides its suite;
/// `doc` is the evidence's own document, for line anchors.
pub fn run_views<'a>(evidence: &'a Evidence, doc: Option<&Document>) -> Vec<RunView<'a>> {
    let runs = &evidence.runs;
    let deciding = deciding_runs(runs);
    let decider = |run: &Run| {
        (0..runs.len())
            .find(|&j| deciding[j] && runs[j].suite == run.suite && runs[j].scope == run.scope)
            .map(|j| j + 1)
    };
    let total = runs.len();
    evidence
        .runs
        .iter()
        .enumerate()
        .map(|(idx, run)| RunView {
            number: idx + 1,
            id: run_id(idx),
            suite: &run.suite,
            scope: run.scope.as_deref(),
            outcome: outcome_name(run.outcome),
            passed: run.passed,
            failed: run.failed,
            skipped: run.skipped,
            problems: run.problems,
            coverage_percent: run.coverage_percent,
            time: run.seconds.map(format_seconds),
            start_line: run.start_line,
            end_line: run.end_line,
            anchor: doc.map(|d| d.anchor(run.start_line)).unwrap_or_default(),
            complete: run.complete,
            decides: deciding[idx],
            superseded_by: (!deciding[idx]).then(|| decider(run)).flatten(),
            note: run.note.as_deref(),
            label: run_label(run, idx, total),
        })
        .collect()
}

/// The anchor of a run's row on its evidence page.
pub fn run_id(idx: usize) -> String {
    format!("run-{}", idx + 1)
}

/// `run 2 of 3: pytest · backend`.
pub fn run_label(run: &Run, idx: usize, total: usize) -> String {
    let mut label = format!("run {} of {total}: {}", idx + 1, run.suite);
    if let Some(scope) = &run.scope {
        label.push_str(" · ");
        label.push_str(scope);
    }
    label
}

/// Seconds as a log would print them: `0.4s`, `3.21s`, `2m 05s`, `1h 02m`.
pub fn format_seconds(seconds: f64) -> String {
    if !seconds.is_finite() || seconds < 0.0 {
        return String::new();
    }
    if seconds < 60.0 {
        let text = format!("{seconds:.2}");
        let text = text.trim_end_matches('0').trim_end_matches('.');
        return format!("{text}s");
    }
    let whole = seconds.round() as u64;
    match whole {
        0..3600 => format!("{}m {:02}s", whole / 60, whole % 60),
        _ => format!("{}h {:02}m", whole / 3600, whole % 3600 / 60),
    }
}

/// A claim with its verdict, its place and what it was compared with.
#[derive(Debug, Serialize)]
pub struct ClaimView<'a> {
    /// The claim as written.
    pub text: &'a str,
    /// tests, coverage, issues or status.
    pub kind: &'a str,
    /// What the figure is about, when the text says.
    pub subject: Option<&'a str>,
    /// supported, contradicted or unsupported.
    pub verdict: &'static str,
    /// The verdict as a person reads it.
    pub verdict_label: &'static str,
    /// Why the verdict is what it is, from the linker.
    pub note: Option<&'a str>,
    /// Where it is stated, as `path:line`.
    pub at: String,
    /// 1-based line where it is stated.
    pub line: usize,
    /// The document it is stated in.
    pub doc: Option<DocView<'a>>,
    /// That document's page at the claim's entry in its list of claims
    /// (`#claim-L12`), encoded for an `href`.
    pub url: Option<String>,
    /// That document's page at the section the claim is stated in, encoded
    /// for an `href`.
    pub section_url: Option<String>,
    /// The evidence it was compared with.
    pub evidence: Option<EvidenceView<'a>>,
    /// The run of that evidence, as `run 2 of 3: pytest · backend`.
    pub run: Option<String>,
    /// The run's row on the evidence page, encoded for an `href`.
    pub run_url: Option<String>,
    /// What the evidence (or the run) records, as `61 passed, 2 failed`.
    pub recorded: Option<String>,
    /// Whether that evidence holds more than one run, so the run is worth naming.
    pub many_runs: bool,
}

impl<'a> ClaimView<'a> {
    /// The view of one claim; `doc` is the document it is stated in and
    /// `evidence` the evidence it was compared with, when they are known.
    pub fn of(
        claim: &'a Claim,
        doc: Option<&'a Document>,
        evidence: Option<&'a Evidence>,
    ) -> ClaimView<'a> {
        let run = evidence
            .zip(claim.run)
            .and_then(|(item, idx)| item.runs.get(idx).map(|run| (item, idx, run)));
        let recorded = match run {
            Some((_, _, run)) => figures(run.passed, run.failed, run.coverage_percent),
            None => evidence.and_then(|e| figures(e.passed, e.failed, e.coverage_percent)),
        };
        ClaimView {
            text: &claim.text,
            kind: &claim.kind,
            subject: claim.subject.as_deref(),
            verdict: verdict_name(claim.verdict),
            verdict_label: verdict_label(claim.verdict),
            note: claim.note.as_deref(),
            at: format!("{}:{}", claim.source.path, claim.source.line),
            line: claim.source.line,
            doc: doc.map(DocView::of),
            url: doc.map(|d| href(&format!("{}#{}", d.url, claim_id(claim.source.line)))),
            section_url: doc.map(|d| href(&format!("{}{}", d.url, d.anchor(claim.source.line)))),
            evidence: evidence.map(EvidenceView::of),
            run: run.map(|(item, idx, run)| run_label(run, idx, item.runs.len())),
            run_url: run.map(|(item, idx, _)| href(&format!("{}#{}", item.url, run_id(idx)))),
            recorded,
            many_runs: evidence.is_some_and(|e| e.runs.len() > 1),
        }
    }
}

/// The id of the first claim of a line in its document's list of claims;
/// a second claim on the same line gets `claim-L12-2`.
pub fn claim_id(line: usize) -> String {
    format!("claim-L{line}")
}

/// Test counts, else a coverage percent, as a phrase.
fn figures(passed: Option<u64>, failed: Option<u64>, coverage: Option<f64>) -> Option<String> {
    match (passed, failed, coverage) {
        (Some(passed), failed, _) => {
            Some(format!("{passed} passed, {} failed", failed.unwrap_or(0)))
        }
        (None, Some(failed), _) => Some(format!("{failed} failed")),
        (None, None, Some(percent)) => Some(format!("{}% coverage", round1(percent))),
        (None, None, None) => None,
    }
}

/// A percent with at most one decimal, without a trailing `.0`.
fn round1(value: f64) -> String {
    let text = format!("{:.1}", (value * 10.0).round() / 10.0);
    text.strip_suffix(".0").map(str::to_string).unwrap_or(text)
}

/// The claims of one verdict, for a section of the claims page.
#[derive(Debug, Serialize)]
pub struct VerdictGroup<'a> {
    /// supported, contradicted or unsupported: the section's id.
    pub verdict: &'static str,
    /// The heading.
    pub label: &'static str,
    /// What the verdict means, in a few words.
    pub help: &'static str,
    /// What the verdict means, as a sentence.
    pub sentence: &'static str,
    /// The claims, in source order; the first [`CLAIMS_PER_VERDICT`] when
    /// there are more.
    pub claims: Vec<ClaimView<'a>>,
    /// How many claims have this verdict.
    pub n_claims: usize,
    /// The documents of the claims not listed, each with how many: their
    /// own pages list them.
    pub rest: Vec<ClaimsOfDoc<'a>>,
}

/// How many claims of a verdict the claims page lists before it counts the
/// rest by document.
pub const CLAIMS_PER_VERDICT: usize = 200;

/// The claims of one document that a list leaves to the document's page.
#[derive(Debug, Serialize)]
pub struct ClaimsOfDoc<'a> {
    /// The document's path.
    pub path: &'a str,
    /// Its page's list of claims, encoded for an `href`.
    pub url: Option<String>,
    /// How many.
    pub n: usize,
}

/// A document that says it is complete while some of its own tasks are open.
#[derive(Debug, Serialize)]
pub struct DeclaredCompleteView<'a> {
    /// The document, when it has a page.
    pub doc: Option<DocView<'a>>,
    /// Path relative to ROOT.
    pub path: &'a str,
    /// The diagnostic's message (`… 15 of 22 of its own tasks are open`).
    pub message: &'a str,
    /// The message as HTML, escaped, its `code spans` in `<code>`.
    pub message_html: String,
    /// What to do.
    pub help: Option<&'a str>,
    /// The document's page at the line that says it is complete, encoded.
    pub url: Option<String>,
}

impl<'a> DeclaredCompleteView<'a> {
    /// The view of one `A140` diagnostic; `doc` is the document it is about.
    pub fn of(diagnostic: &'a Diagnostic, doc: Option<&'a Document>) -> DeclaredCompleteView<'a> {
        DeclaredCompleteView {
            doc: doc.map(DocView::of),
            path: &diagnostic.path,
            message: &diagnostic.message,
            message_html: code_spans(&diagnostic.message),
            help: diagnostic.help.as_deref(),
            url: doc.map(|d| href(&format!("{}{}", d.url, d.anchor(diagnostic.line)))),
        }
    }
}

/// Text escaped for HTML, with each pair of backticks made a `<code>` span;
/// an unpaired backtick is kept as it is.
pub fn code_spans(text: &str) -> String {
    let parts: Vec<&str> = text.split('`').collect();
    let mut out = String::with_capacity(text.len() + 16);
    for (idx, part) in parts.iter().enumerate() {
        let escaped = crate::render::pages::escape(part);
        match (idx % 2, idx + 1 < parts.len()) {
            (1, true) => out.push_str(&format!("<code>{escaped}</code>")),
            (1, false) => out.push_str(&format!("`{escaped}")),
            _ => out.push_str(&escaped),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Outcome;

    fn run(suite: &str, scope: Option<&str>, complete: bool) -> Run {
        let mut run = Run::new(suite, Outcome::Pass, 1);
        run.scope = scope.map(str::to_string);
        run.complete = complete;
        run
    }

    #[test]
    fn last_complete_run_of_each_suite_and_scope_decides() {
        let runs = [
            run("pytest", Some("backend"), true),
            run("pytest", Some("backend"), true),
            run("pytest", Some("backend"), false),
            run("vitest", None, true),
            run("pytest", Some("frontend"), false),
        ];
        assert_eq!(deciding_runs(&runs), [false, true, false, true, true]);
    }

    #[test]
    fn last_run_decides_when_none_completed() {
        let runs = [run("pytest", None, false), run("pytest", None, false)];
        assert_eq!(deciding_runs(&runs), [false, true]);
    }

    #[test]
    fn run_labels_name_place_suite_and_scope() {
        assert_eq!(
            run_label(&run("pytest", Some("backend"), true), 1, 3),
            "run 2 of 3: pytest · backend"
        );
        assert_eq!(run_label(&run("vitest", None, true), 0, 1), "run 1 of 1: vitest");
    }

    #[test]
    fn code_spans_are_escaped_and_wrapped() {
        assert_eq!(
            code_spans("`plans/<x>.md` says it is complete"),
            "<code>plans/&lt;x&gt;.md</code> says it is complete"
        );
        assert_eq!(code_spans("a `b"), "a `b");
        assert_eq!(code_spans("plain"), "plain");
    }

    #[test]
    fn seconds_read_like_a_log() {
        assert_eq!(format_seconds(3.21), "3.21s");
        assert_eq!(format_seconds(0.4), "0.4s");
        assert_eq!(format_seconds(12.0), "12s");
        assert_eq!(format_seconds(125.4), "2m 05s");
        assert_eq!(format_seconds(3725.0), "1h 02m");
    }
}
