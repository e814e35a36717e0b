//! Claims in prose checked against the run they speak of.
//!
//! A claim such as `63/63 tests passed` or `coverage 87%` is checked against
//! the evidence named closest to it: on its own line, else in the lines
//! around it (its bullet or paragraph), else in its section, else in its
//! top-level section. The first of these that names any evidence is the one
//! used; a file there without figures of the claim's kind (a deploy list
//! beside a test count) leaves the claim unsupported rather than sending it
//! to a file named further away. Inside that evidence it is compared with
//! the run about the same thing: the same runner or area (`vitest`, `web`
//! for `frontend`, a runner's usual area when the log names none) and the
//! same kind of figure, and of that suite the run that decides it (the last
//! complete one). A claim that names no suite, against a file of several,
//! is compared with their sum. A claim about a subset of a run (`17/17
//! focused tests`) is never contradicted by a whole run with another total
//! and no failures: nobody recorded the run it speaks of, so it is
//! unsupported. An outcome said in words (`the deploy succeeded`) is a
//! status claim, kept only where its own line names evidence. Every claim
//! gets a note that says what it was compared with, or why with nothing.
//!
//! Finding claims in prose is `crate::parse::claims`'s job, and what a
//! contradicted claim means for a task's verification is decided in
//! `evidence`.

use std::collections::HashMap;

use crate::diagnostics::Diagnostic;
use crate::link::evidence::{Named, Sections};
use crate::model::{
    Claim, Document, Evidence, EvidenceKind, Figures, Outcome, Run, Verdict, deciding_runs,
};

/// How many lines either side of a claim count as its bullet or paragraph:
/// the line before or after it (`- Run log: …` under a claim), no further,
/// so that the paragraph after a blank line is not taken for its own.
const NEARBY: usize = 1;

/// Test runners a claim or a run can name.
const TOOLS: [&str; 7] = ["pytest", "vitest", "jest", "playwright", "cypress", "cargo", "go"];

/// Parts of a project, each with the words that name it.
const AREAS: [(&str, &[&str]); 5] = [
    ("backend", &["backend", "api", "server"]),
    ("frontend", &["frontend", "web", "ui", "client"]),
    ("e2e", &["e2e"]),
    ("mobile", &["mobile"]),
    ("cli", &["cli"]),
];

/// The area a word names, if any.
fn area_of(word: &str) -> Option<&'static str> {
    AREAS.iter().find(|(_, words)| words.contains(&word)).map(|(area, _)| *area)
}

/// The areas a test runner usually runs in, when nothing else says.
fn implied_areas(tool: &str) -> &'static [&'static str] {
    match tool {
        "pytest" | "cargo" | "go" => &["backend", "cli"],
        "vitest" | "jest" => &["frontend"],
        "playwright" | "cypress" => &["e2e", "frontend"],
        _ => &[],
    }
}

/// What a claim says it is about: the runners, areas and files it names.
#[derive(Debug, Default)]
struct About<'c> {
    /// Runners named (`pytest`).
    tools: Vec<&'c str>,
    /// Areas named, folded to their first word (`web` is `frontend`).
    areas: Vec<&'static str>,
    /// Files named (`test_auth.py`).
    files: Vec<&'c str>,
}

impl<'c> About<'c> {
    /// The runners, areas and files among a claim's scopes.
    fn of(claim: &'c Claim) -> About<'c> {
        let mut about = About::default();
        for scope in &claim.scopes {
            let scope = scope.as_str();
            if TOOLS.contains(&scope) {
                about.tools.push(scope);
            } else if let Some(area) = area_of(scope) {
                about.areas.push(area);
            } else if scope.contains('.') {
                about.files.push(scope);
            }
        }
        about
    }

    /// How well a run fits the claim: `None` when the run is of another
    /// runner or area than the claim names, else the number of names the
    /// run and the claim share (more is a better fit).
    fn fit(&self, item: &Evidence, run: &Run) -> Option<usize> {
        let mut words: Vec<String> = Vec::new();
        for text in [Some(run.suite.as_str()), run.scope.as_deref(), Some(item.path.as_str())] {
            let Some(text) = text else { continue };
            words.extend(
                text.to_lowercase()
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_string),
            );
        }
        let run_tools: Vec<&str> =
            TOOLS.iter().copied().filter(|t| words.iter().any(|w| w == t)).collect();
        let mut run_areas: Vec<&str> = words.iter().filter_map(|w| area_of(w)).collect();
        if run_areas.is_empty() {
            run_areas = run_tools.iter().flat_map(|t| implied_areas(t)).copied().collect();
        }
        let mut shared = 0;
        if !self.tools.is_empty() && !run_tools.is_empty() {
            if !self.tools.iter().any(|t| run_tools.contains(t)) {
                return None;
            }
            shared += 1;
        }
        if !self.areas.is_empty() && !run_areas.is_empty() {
            if !self.areas.iter().any(|a| run_areas.contains(a)) {
                return None;
            }
            shared += 1;
        }
        let haystack =
            format!("{} {}", run.scope.as_deref().unwrap_or(""), item.path).to_lowercase();
        shared += self.files.iter().filter(|f| haystack.contains(*f)).count();
        Some(shared)
    }

    /// The names, for a note: `vitest frontend`.
    fn names(&self) -> String {
        let all: Vec<&str> = self
            .tools
            .iter()
            .copied()
            .chain(self.areas.iter().copied())
            .chain(self.files.iter().copied())
            .collect();
        all.join(" ")
    }
}

/// Checks each claim against the evidence named nearest to it and the run
/// in that evidence about the same thing.
pub(crate) fn check_claims(
    claims: &mut Vec<Claim>,
    documents: &[Document],
    named: &[Named],
    evidence: &[Evidence],
) {
    let doc_idx: HashMap<&str, usize> =
        documents.iter().enumerate().map(|(i, d)| (d.path.as_str(), i)).collect();
    let ev_idx: HashMap<&str, &Evidence> = evidence.iter().map(|e| (e.path.as_str(), e)).collect();
    let mut unchecked_status = vec![false; claims.len()];
    for (c, claim) in claims.iter_mut().enumerate() {
        let Some(&d) = doc_idx.get(claim.source.path.as_ref()) else { continue };
        if claim.kind == "status" {
            // A status said in words is a claim only where its own line
            // names the evidence it speaks of.
            let on_line: Vec<&Evidence> = named[d]
                .evidence
                .iter()
                .filter(|(l, _)| *l == claim.source.line)
                .filter_map(|(_, path)| ev_idx.get(path.as_str()).copied())
                .filter(|item| item.kind != EvidenceKind::Screenshot)
                .collect();
            let judged: Vec<Judgement> = on_line.iter().filter_map(|i| judge(claim, i)).collect();
            match decisive(judged) {
                Some(j) => j.apply(claim),
                None => unchecked_status[c] = true,
            }
            continue;
        }
        if !matches!(claim.kind.as_str(), "tests" | "coverage") {
            claim.note = Some(format!("attestor does not check {} figures yet", claim.kind));
            continue;
        }
        let sections = Sections::of(&documents[d]);
        let line = claim.source.line;
        let leaf = sections.leaf(line);
        let nearby =
            (line.saturating_sub(NEARBY).max(leaf.0), line.saturating_add(NEARBY).min(leaf.1));
        let scopes = [(line, line), nearby, leaf, sections.top(line)];
        // The evidence named closest to the claim is the evidence it speaks
        // of: the first distance that names any is the one judged, and a
        // file there without figures of the claim's kind leaves it
        // unsupported rather than sending it to a file named further away.
        let mut judgement = None;
        for (distance, (start, end)) in scopes.into_iter().enumerate() {
            let items: Vec<&Evidence> = named[d]
                .evidence
                .iter()
                .filter(|(l, _)| (start..=end).contains(l))
                .filter_map(|(_, path)| ev_idx.get(path.as_str()).copied())
                .filter(|item| item.kind != EvidenceKind::Screenshot)
                .collect();
            let Some(first) = items.first() else { continue };
            let judged: Vec<Judgement> = items
                .iter()
                .filter_map(|item| {
                    let j = judge(claim, item)?;
                    // A coverage figure is one per project and needs no run
                    // of its own; test counts are one per run.
                    let far = distance >= 2 && claim.kind == "tests";
                    Some(if far { at_a_distance(j, claim, item) } else { j })
                })
                .collect();
            judgement = decisive(judged).or_else(|| Some(without_figures(claim, first)));
            break;
        }
        match judgement {
            Some(j) => j.apply(claim),
            None => {
                claim.note =
                    Some("no evidence is named on its line, nearby or in its section".to_string());
            }
        }
    }
    let mut keep = unchecked_status.into_iter().map(|unchecked| !unchecked);
    claims.retain(|_| keep.next().unwrap_or(true));
}

/// A test claim's judgement against evidence named only somewhere in its
/// section: a run of another size than the claim's may be another run than
/// the one the claim speaks of, and so may other counts with no failure;
/// either leaves it unsupported rather than contradicted.
fn at_a_distance(j: Judgement, claim: &Claim, item: &Evidence) -> Judgement {
    if j.verdict != Verdict::Contradicted {
        return j;
    }
    let run = j.run.and_then(|r| item.runs.get(r));
    let passed = run.map_or(item.passed, |r| r.passed).unwrap_or(0);
    let failed = run.map_or(item.failed, |r| r.failed).unwrap_or(0);
    let skipped = run.map_or(item.skipped, |r| r.skipped).unwrap_or(0);
    let size = passed.saturating_add(failed);
    let stated = claim.figures.total.or(claim.figures.passed);
    let other_size = stated.is_some_and(|n| n != size && n != size.saturating_add(skipped));
    if failed > 0 && !other_size {
        return j;
    }
    Judgement {
        verdict: Verdict::Unsupported,
        note: format!(
            "{}; named only in its section, it may record another run than the claim's",
            j.note
        ),
        ..j
    }
}

/// The judgement of a claim whose nearest evidence records no figure of its
/// kind (a deploy list beside a test count, a log cut off before its result).
fn without_figures(claim: &Claim, item: &Evidence) -> Judgement {
    let what = if claim.kind == "coverage" { "coverage" } else { "test counts" };
    let why = item.note.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
    Judgement {
        verdict: Verdict::Unsupported,
        evidence: item.path.clone(),
        run: None,
        note: format!("{} records no {what}{why}", item.path),
    }
}

/// A claim's verdict against one piece of evidence, with what it was compared with.
#[derive(Debug, Clone)]
struct Judgement {
    /// The verdict.
    verdict: Verdict,
    /// Path of the evidence.
    evidence: String,
    /// Index of the run compared with.
    run: Option<usize>,
    /// The sentence that explains it.
    note: String,
}

impl Judgement {
    /// Gives the claim this verdict, evidence, run and note.
    fn apply(self, claim: &mut Claim) {
        claim.verdict = self.verdict;
        claim.evidence = Some(self.evidence);
        claim.run = self.run;
        claim.note = Some(self.note);
    }
}

/// The judgement of one claim against one evidence file, if the file records
/// figures of the claim's kind at all.
fn judge(claim: &Claim, item: &Evidence) -> Option<Judgement> {
    if claim.kind == "status" {
        return Some(judge_status(claim, item));
    }
    let has_figure = |r: &Run| match claim.kind.as_str() {
        "tests" => r.passed.is_some() || r.failed.is_some(),
        _ => r.coverage_percent.is_some(),
    };
    let candidates: Vec<usize> =
        (0..item.runs.len()).filter(|&i| has_figure(&item.runs[i])).collect();
    if candidates.is_empty() {
        return None;
    }
    let about = About::of(claim);
    let fits: Vec<(usize, usize)> = candidates
        .iter()
        .filter_map(|&i| about.fit(item, &item.runs[i]).map(|fit| (i, fit)))
        .collect();
    if fits.is_empty() {
        return Some(other_run(item, candidates.iter().map(|&i| &item.runs[i]), &about));
    }
    // The runs that fit best: a claim about the backend is compared with
    // the backend's run when the log holds both.
    let best = fits.iter().map(|&(_, fit)| fit).max().unwrap_or(0);
    let matching: Vec<usize> =
        fits.iter().filter(|&&(_, fit)| fit == best).map(|&(i, _)| i).collect();
    let compare = |run: &Run| match claim.kind.as_str() {
        "tests" => compare_tests(claim, run),
        _ => compare_coverage(claim, run),
    };
    // A claim that names no suite, against a file of several suites, speaks
    // of them all: it is compared with their sum.
    let deciding = deciding_runs(&item.runs);
    let finals: Vec<usize> = matching.iter().copied().filter(|&i| deciding[i]).collect();
    if about.names().is_empty() && claim.kind == "tests" && finals.len() > 1 {
        let whole = sum_of(item, &finals);
        let compared = format!(
            "compared with the {} suites of {} together: {}",
            finals.len(),
            item.path,
            describe(&whole)
        );
        let verdict = compare(&whole);
        let exact = finals.iter().copied().find(|&i| compare(&item.runs[i]) == Compared::Agrees);
        return Some(match (verdict, exact) {
            (Compared::Agrees, _) => Judgement {
                verdict: Verdict::Supported,
                evidence: item.path.clone(),
                run: None,
                note: format!("{compared}; the figures agree"),
            },
            // The figures of one suite alone, from a claim that names none,
            // may be that suite's or a coincidence: not a fact either way.
            (_, Some(i)) => Judgement {
                verdict: Verdict::Unsupported,
                evidence: item.path.clone(),
                run: Some(i),
                note: format!(
                    "{compared}; the figures are those of {} alone, and the claim does not name \
                     that suite",
                    run_label(item, i),
                ),
            },
            (verdict, None) => verdict_of(verdict, compared, claim, item, None),
        });
    }
    let deciding = deciding_run(item, &matching);
    let run = &item.runs[deciding];
    let where_ = run_label(item, deciding);
    let compared = format!("compared with {where_} of {}: {}", item.path, describe(run));
    Some(verdict_of(compare(run), compared, claim, item, Some(deciding)))
}

/// The sum of some runs' counts, as one run.
fn sum_of(item: &Evidence, runs: &[usize]) -> Run {
    let sum = |field: fn(&Run) -> Option<u64>| {
        runs.iter().filter_map(|&i| field(&item.runs[i])).reduce(u64::saturating_add)
    };
    let outcome = if runs.iter().any(|&i| item.runs[i].outcome == Outcome::Fail) {
        Outcome::Fail
    } else {
        item.outcome
    };
    Run {
        passed: sum(|r| r.passed),
        failed: sum(|r| r.failed),
        skipped: sum(|r| r.skipped),
        ..Run::new("all", outcome, 1)
    }
}

/// The judgement a comparison makes, with the note that explains it.
fn verdict_of(
    verdict: Compared,
    compared: String,
    claim: &Claim,
    item: &Evidence,
    run: Option<usize>,
) -> Judgement {
    let (verdict, note) = match verdict {
        Compared::Agrees => (Verdict::Supported, format!("{compared}; the figures agree")),
        Compared::Failures => (
            Verdict::Contradicted,
            format!("{compared}; the run records failures the claim does not"),
        ),
        Compared::Differs(what) => {
            (Verdict::Contradicted, format!("{compared}; {what} differs from the claim"))
        }
        Compared::OtherRun => {
            let why = match (&claim.subject, claim.kind.as_str()) {
                (Some(subject), "coverage") => {
                    format!("it records the coverage of the whole run, not of {subject}")
                }
                _ if claim.subset => {
                    "the named evidence records a different run: the claim speaks of part of one"
                        .to_string()
                }
                _ => "the named evidence records a different run".to_string(),
            };
            (Verdict::Unsupported, format!("{compared}; {why}"))
        }
    };
    Judgement { verdict, evidence: item.path.clone(), run, note }
}

/// The judgement of a claim that names a runner or area none of the file's
/// runs is about: unsupported, saying what the file records instead.
fn other_run<'r>(
    item: &Evidence,
    runs: impl Iterator<Item = &'r Run>,
    about: &About<'_>,
) -> Judgement {
    let recorded: Vec<String> = runs.map(describe).collect();
    Judgement {
        verdict: Verdict::Unsupported,
        evidence: item.path.clone(),
        run: None,
        note: format!(
            "{} records a different run ({}), not the {} run the claim names",
            item.path,
            recorded.join("; "),
            about.names()
        ),
    }
}

/// The judgement that counts among those against the evidence at one
/// distance: the first that decides, else the first at all.
fn decisive(judged: Vec<Judgement>) -> Option<Judgement> {
    let at = judged.iter().position(|j| j.verdict != Verdict::Unsupported).unwrap_or(0);
    judged.into_iter().nth(at)
}

/// A status claim (`the deploy succeeded`) against the outcome of the run it
/// is about, or of the whole file when it names no suite.
fn judge_status(claim: &Claim, item: &Evidence) -> Judgement {
    let about = About::of(claim);
    let fits: Vec<Option<usize>> = item.runs.iter().map(|r| about.fit(item, r)).collect();
    if !about.names().is_empty() && !fits.is_empty() && fits.iter().all(Option::is_none) {
        return other_run(item, item.runs.iter(), &about);
    }
    let fitting: Vec<usize> =
        (0..item.runs.len()).filter(|&i| fits[i].is_some_and(|fit| fit > 0)).collect();
    let (outcome, run, what) = if fitting.is_empty() || about.names().is_empty() {
        (item.outcome, None, "its outcome".to_string())
    } else {
        let i = deciding_run(item, &fitting);
        (item.runs[i].outcome, Some(i), run_label(item, i))
    };
    let stated = claim.figures.outcome.unwrap_or(Outcome::Unknown);
    let said = |o: Outcome| if o == Outcome::Pass { "passed" } else { "failed" };
    let why = item.note.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
    let (verdict, note) = match outcome {
        Outcome::Unknown => {
            (Verdict::Unsupported, format!("{} records no outcome{why}", item.path))
        }
        actual if actual == stated => (
            Verdict::Supported,
            format!("compared with {what} of {}: it {}", item.path, said(actual)),
        ),
        actual => (
            Verdict::Contradicted,
            format!(
                "compared with {what} of {}: it {}{why}, the claim says it {}",
                item.path,
                said(actual),
                said(stated)
            ),
        ),
    };
    Judgement { verdict, evidence: item.path.clone(), run, note }
}

/// The run that decides among `matching`: the last complete run of its
/// suite, preferring the suite that decides the file.
fn deciding_run(item: &Evidence, matching: &[usize]) -> usize {
    let deciding = deciding_runs(&item.runs);
    let last = *matching.last().unwrap_or(&0);
    matching.iter().rev().copied().find(|&i| deciding[i]).unwrap_or(last)
}

/// `run 2 of 3 (pytest · backend)`, or `its run (pytest)` when there is one.
fn run_label(item: &Evidence, index: usize) -> String {
    let run = &item.runs[index];
    let name = match &run.scope {
        Some(scope) => format!("{} · {scope}", run.suite),
        None => run.suite.clone(),
    };
    if item.runs.len() == 1 {
        format!("its run ({name})")
    } else {
        format!("run {} of {} ({name})", index + 1, item.runs.len())
    }
}

/// A run's figures in words: `120 passed, 2 failed`, `81.4% coverage`.
fn describe(run: &Run) -> String {
    let mut parts = Vec::new();
    if let Some(p) = run.passed {
        parts.push(format!("{p} passed"));
    }
    if let Some(f) = run.failed {
        parts.push(format!("{f} failed"));
    }
    if let Some(s) = run.skipped.filter(|&s| s > 0) {
        parts.push(format!("{s} skipped"));
    }
    if let Some(c) = run.coverage_percent {
        parts.push(format!("{c}% coverage"));
    }
    if parts.is_empty() {
        parts.push(format!("outcome {}", outcome_word(run.outcome)));
    }
    parts.join(", ")
}

/// The outcome in a word.
fn outcome_word(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Pass => "pass",
        Outcome::Fail => "fail",
        Outcome::Unknown => "unknown",
    }
}

/// What a comparison of a claim with a run found.
#[derive(Debug, Clone, PartialEq)]
enum Compared {
    /// The figures agree.
    Agrees,
    /// The run records failures; the claim says all passed.
    Failures,
    /// The same run, with a different figure (named).
    Differs(&'static str),
    /// The claim is about another run than this one (a subset, or no
    /// figure in common).
    OtherRun,
}

/// Whether a claim's own figures add up: what it says passed and failed
/// fits in the total it states (`100 passed (63)` does not).
fn adds_up(f: &Figures) -> bool {
    let Some(total) = f.total else { return true };
    f.passed.unwrap_or(0).checked_add(f.failed.unwrap_or(0)).is_some_and(|n| n <= total)
}

/// A test claim against a run's counts.
fn compare_tests(claim: &Claim, run: &Run) -> Compared {
    let f = &claim.figures;
    if !adds_up(f) {
        // Whatever the run holds, a claim that contradicts itself is not
        // supported by it.
        return if claim.subset { Compared::OtherRun } else { Compared::Differs("the total") };
    }
    let passed = run.passed.unwrap_or(0);
    let failed = run.failed.unwrap_or(0);
    let skipped = run.skipped.unwrap_or(0);
    let run_total = passed.saturating_add(failed);
    // What the claim says failed: stated, or the rest of a stated total.
    let claimed_failed = f.failed.or_else(|| f.total?.checked_sub(f.passed?));
    let claims_all_pass = claimed_failed == Some(0)
        || (claimed_failed.is_none() && f.percent.is_some_and(|p| p >= 100.0))
        || (claimed_failed.is_none()
            && f.failed.is_none()
            && f.total.is_none()
            && f.passed.is_some());
    if claim.subset {
        // The run holds more than the claim speaks of: only a run of
        // exactly the same size can be the one it means.
        let same = f.passed.is_none_or(|p| p == passed)
            && claimed_failed.is_none_or(|c| c == failed)
            && f.total.is_none_or(|t| t == run_total || t == run_total.saturating_add(skipped));
        return if same && (f.passed.is_some() || f.total.is_some()) {
            Compared::Agrees
        } else {
            Compared::OtherRun
        };
    }
    if f.passed.is_none() && f.total.is_none() && f.failed.is_none() {
        // A rate alone: `100% pass rate`.
        let Some(rate) = f.percent else { return Compared::OtherRun };
        if run_total == 0 {
            return Compared::OtherRun;
        }
        let actual = passed as f64 * 100.0 / run_total as f64;
        return if same_percent(rate, actual, claim.text.contains('~')) {
            Compared::Agrees
        } else if failed > 0 && rate >= 100.0 {
            Compared::Failures
        } else {
            Compared::Differs("the pass rate")
        };
    }
    let passed_ok = f.passed.is_none_or(|p| p == passed);
    let failed_ok = claimed_failed.is_none_or(|c| c == failed);
    let total_ok = f.total.is_none_or(|t| t == run_total || t == run_total.saturating_add(skipped));
    if failed > 0 && claims_all_pass {
        // `11 tests passed` beside a run of 11 passed and 1 failed is true
        // to the letter and hides the failure.
        Compared::Failures
    } else if passed_ok && failed_ok && total_ok {
        Compared::Agrees
    } else if !passed_ok {
        Compared::Differs("the number passed")
    } else if !failed_ok {
        Compared::Differs("the number failed")
    } else {
        Compared::Differs("the total")
    }
}

/// A coverage claim against a run's percent; a claim about one component
/// (`Router (91%)`) is not compared with a whole run's total.
fn compare_coverage(claim: &Claim, run: &Run) -> Compared {
    let (Some(stated), Some(actual)) = (claim.figures.percent, run.coverage_percent) else {
        return Compared::OtherRun;
    };
    let agrees = same_percent(stated, actual, claim.text.contains('~'));
    if claim.subject.is_some() || claim.subset {
        return if agrees { Compared::Agrees } else { Compared::OtherRun };
    }
    if agrees { Compared::Agrees } else { Compared::Differs("coverage") }
}

/// Whether a stated percentage is the measured one as people write it:
/// rounded or cut to the places they give (`81%` or `81.4%` for 81.43, not
/// `82%`); an approximation (`~80%`) may be off by up to a point and a half.
fn same_percent(stated: f64, actual: f64, approximate: bool) -> bool {
    if approximate {
        return (stated - actual).abs() <= 1.5;
    }
    let close = |value: f64| (stated - value).abs() < 1e-6;
    (0..=2).any(|places| {
        let scale = 10f64.powi(places);
        close((actual * scale).round() / scale) || close((actual * scale).trunc() / scale)
    })
}

/// A warning for each claim the evidence contradicts, with both figures.
pub(crate) fn contradicted_claims(claims: &[Claim], evidence: &[Evidence]) -> Vec<Diagnostic> {
    let ev_idx: HashMap<&str, &Evidence> = evidence.iter().map(|e| (e.path.as_str(), e)).collect();
    claims
        .iter()
        .filter(|c| c.verdict == Verdict::Contradicted)
        .filter_map(|claim| {
            let path = claim.evidence.as_deref()?;
            let item = ev_idx.get(path)?;
            let recorded = match claim.run.and_then(|r| item.runs.get(r)) {
                Some(run) if claim.kind != "status" => describe(run),
                Some(run) => format!("outcome {}", outcome_word(run.outcome)),
                None if claim.kind == "status" => format!("outcome {}", outcome_word(item.outcome)),
                None => return None,
            };
            Some(
                Diagnostic::warning(
                    "A130",
                    &claim.source.path,
                    claim.source.line,
                    format!(
                        "`{}` is contradicted by `{path}`, which records {recorded}",
                        claim.text
                    ),
                )
                .with_help("correct the claim, or link the evidence it was made from"),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Source;

    fn claim(kind: &str, figures: Figures, scopes: &[&str], subset: bool) -> Claim {
        Claim {
            text: "claim".into(),
            kind: kind.into(),
            subject: None,
            scopes: scopes.iter().map(|s| s.to_string()).collect(),
            subset,
            figures,
            source: Source { path: "plans/p.md".into(), line: 3 },
            evidence: None,
            run: None,
            verdict: Verdict::Unsupported,
            note: None,
            line: Default::default(),
        }
    }

    fn run(suite: &str, scope: Option<&str>, passed: u64, failed: u64) -> Run {
        Run {
            scope: scope.map(str::to_string),
            passed: Some(passed),
            failed: Some(failed),
            skipped: Some(0),
            ..Run::new(suite, if failed > 0 { Outcome::Fail } else { Outcome::Pass }, 1)
        }
    }

    fn evidence(path: &str, runs: Vec<Run>) -> Evidence {
        Evidence { runs, ..Evidence::blank(path) }
    }

    fn tests(passed: u64, total: u64) -> Figures {
        Figures { passed: Some(passed), total: Some(total), ..Figures::default() }
    }

    // See: issue 9. `100 passed (63)` said more passed than its total: an
    // overflow in debug builds, a wrong verdict in release. Whatever the run
    // holds, a claim whose figures do not add up is never supported.
    #[test]
    fn a_claim_whose_figures_do_not_add_up_is_never_supported() {
        for (passed, failed) in [(100, 0), (63, 0), (63, 37), (u64::MAX, u64::MAX)] {
            let log = evidence("tests/run.txt", vec![run("pytest", None, passed, failed)]);
            for subset in [false, true] {
                let c = claim("tests", tests(100, 63), &[], subset);
                let j = judge(&c, &log).unwrap();
                assert_ne!(j.verdict, Verdict::Supported, "{passed}/{failed}: {}", j.note);
            }
            let huge = Figures { failed: Some(u64::MAX), ..tests(u64::MAX, 3) };
            let j = judge(&claim("tests", huge, &[], false), &log).unwrap();
            assert_eq!(j.verdict, Verdict::Contradicted, "{}", j.note);
        }
    }

    #[test]
    fn a_whole_run_with_the_same_figures_supports_and_other_figures_contradict() {
        let log = evidence("tests/run.txt", vec![run("pytest", None, 196, 0)]);
        let j = judge(&claim("tests", tests(196, 196), &[], false), &log).unwrap();
        assert_eq!(j.verdict, Verdict::Supported);
        assert!(j.note.contains("its run (pytest)"), "{}", j.note);
        let j = judge(&claim("tests", tests(200, 200), &[], false), &log).unwrap();
        assert_eq!(j.verdict, Verdict::Contradicted);
        let failing = evidence("tests/run.txt", vec![run("pytest", None, 194, 2)]);
        let j = judge(&claim("tests", tests(196, 196), &[], false), &failing).unwrap();
        assert_eq!(j.verdict, Verdict::Contradicted);
        assert!(j.note.contains("failures"), "{}", j.note);
    }

    #[test]
    fn a_subset_claim_against_a_larger_clean_run_is_unsupported() {
        let log = evidence("tests/run.txt", vec![run("pytest", None, 196, 0)]);
        let j = judge(&claim("tests", tests(17, 17), &[], true), &log).unwrap();
        assert_eq!(j.verdict, Verdict::Unsupported);
        assert!(j.note.contains("different run"), "{}", j.note);
    }

    #[test]
    fn a_claim_is_compared_with_the_run_of_its_own_suite() {
        let log = evidence(
            "tests/all.txt",
            vec![run("pytest", Some("backend"), 120, 0), run("vitest", Some("frontend"), 88, 1)],
        );
        let backend = claim("tests", tests(120, 120), &["backend"], false);
        let j = judge(&backend, &log).unwrap();
        assert_eq!((j.verdict, j.run), (Verdict::Supported, Some(0)));
        let vitest = claim("tests", tests(89, 89), &["vitest"], false);
        let j = judge(&vitest, &log).unwrap();
        assert_eq!((j.verdict, j.run), (Verdict::Contradicted, Some(1)));
        let playwright = claim("tests", tests(7, 7), &["playwright"], false);
        let j = judge(&playwright, &log).unwrap();
        assert_eq!(j.verdict, Verdict::Unsupported);
        assert!(j.note.contains("different run"), "{}", j.note);
    }

    #[test]
    fn a_rerun_decides_over_the_run_it_replaced() {
        let log =
            evidence("tests/run.txt", vec![run("pytest", None, 40, 2), run("pytest", None, 42, 0)]);
        let j = judge(&claim("tests", tests(42, 42), &[], false), &log).unwrap();
        assert_eq!((j.verdict, j.run), (Verdict::Supported, Some(1)));
        assert!(j.note.contains("run 2 of 2"), "{}", j.note);
    }

    #[test]
    fn the_path_names_the_scope_when_the_run_does_not() {
        let log = evidence("tests/2026-03-01-frontend-vitest.txt", vec![run("vitest", None, 9, 0)]);
        let j = judge(&claim("tests", tests(9, 9), &["frontend"], false), &log).unwrap();
        assert_eq!(j.verdict, Verdict::Supported);
        let j = judge(&claim("tests", tests(9, 9), &["backend"], false), &log).unwrap();
        assert_eq!(j.verdict, Verdict::Unsupported);
    }

    #[test]
    fn coverage_claims_compare_percent_within_a_point() {
        let mut r = Run::new("coverage", Outcome::Unknown, 1);
        r.coverage_percent = Some(56.1);
        let log = evidence("tests/coverage.txt", vec![r]);
        let cov = |p: f64| Figures { percent: Some(p), ..Figures::default() };
        assert_eq!(
            judge(&claim("coverage", cov(56.1), &[], false), &log).unwrap().verdict,
            Verdict::Supported
        );
        assert_eq!(
            judge(&claim("coverage", cov(77.0), &[], false), &log).unwrap().verdict,
            Verdict::Contradicted
        );
        assert!(judge(&claim("tests", tests(3, 3), &[], false), &log).is_none());
    }

    #[test]
    fn stated_percentages_are_the_measured_one_rounded_or_cut() {
        assert!(same_percent(81.0, 81.4, false));
        assert!(same_percent(78.0, 78.9, false), "cut");
        assert!(same_percent(79.0, 78.9, false), "rounded");
        assert!(same_percent(85.3, 85.34, false));
        assert!(!same_percent(79.0, 78.4, false), "overstated");
        assert!(!same_percent(86.0, 85.34, false));
        assert!(!same_percent(77.0, 78.4, false));
        assert!(same_percent(80.0, 78.6, true), "approximate");
    }

    #[test]
    fn a_count_that_hides_failures_is_contradicted() {
        let log = evidence("tests/run.txt", vec![run("pytest", None, 11, 1)]);
        let passed = Figures { passed: Some(11), ..Figures::default() };
        let j = judge(&claim("tests", passed, &[], false), &log).unwrap();
        assert_eq!(j.verdict, Verdict::Contradicted);
    }

    #[test]
    fn a_claim_naming_no_suite_is_held_against_all_suites_together() {
        let log = evidence(
            "tests/nightly.md",
            vec![run("summary", Some("backend"), 150, 0), run("summary", Some("frontend"), 46, 0)],
        );
        let j = judge(&claim("tests", tests(196, 196), &[], false), &log).unwrap();
        assert_eq!((j.verdict, j.run), (Verdict::Supported, None));
        // One suite's figures alone are not the file's.
        let j = judge(&claim("tests", tests(150, 150), &[], false), &log).unwrap();
        assert_eq!(j.verdict, Verdict::Unsupported);
        assert!(j.note.contains("alone"), "{}", j.note);
    }

    #[test]
    fn status_claims_follow_the_outcome_of_the_run_they_name() {
        let log = evidence(
            "tests/ci.log",
            vec![run("pytest", Some("backend"), 150, 0), run("vitest", Some("frontend"), 36, 1)],
        );
        let said = |outcome: Outcome, scopes: &[&str]| {
            let figures = Figures { outcome: Some(outcome), ..Figures::default() };
            judge(&claim("status", figures, scopes, false), &log).unwrap()
        };
        assert_eq!(said(Outcome::Pass, &["frontend"]).verdict, Verdict::Contradicted);
        assert_eq!(said(Outcome::Pass, &["backend"]).verdict, Verdict::Supported);
        assert_eq!(said(Outcome::Fail, &["frontend"]).verdict, Verdict::Supported);
        assert_eq!(said(Outcome::Pass, &["playwright"]).verdict, Verdict::Unsupported);
    }

    #[test]
    fn counts_of_another_size_named_only_in_the_section_leave_a_claim_unsupported() {
        let failing = evidence("tests/php.txt", vec![run("phpunit", None, 11, 1)]);
        let far = |figures: Figures| {
            let c = claim("tests", figures, &[], false);
            let j = judge(&c, &failing).unwrap();
            at_a_distance(j, &c, &failing).verdict
        };
        assert_eq!(far(tests(500, 500)), Verdict::Unsupported, "another size");
        assert_eq!(far(tests(12, 12)), Verdict::Contradicted, "same size, with a failure");
        let clean = evidence("tests/unit.txt", vec![run("unittest", None, 15, 0)]);
        let c = claim("tests", tests(17, 17), &[], false);
        let j = at_a_distance(judge(&c, &clean).unwrap(), &c, &clean);
        assert_eq!(j.verdict, Verdict::Unsupported);
    }
}
