//! Figures stated differently in different documents.
//!
//! A progress summary says the backend suite passed 196 of 196 on March 5;
//! the session log of March 5 says 194 of 196. Neither needs a log to be
//! caught: the two documents disagree with each other. Claims are grouped
//! by what they are about and the day their documents are dated: the test
//! count of one named suite out of its total (a claim about part of a run
//! is left out), the coverage of one component, a tracker's issue totals
//! with their breakdown; a statement of a change (`0% → 83%`) is not a
//! figure of its day and is left out. A group in which two
//! documents state different figures is a [`Contradiction`], listed with
//! every statement of the group and a warning (A276) at the first statement
//! that disagrees with another document's. A task done in one document and
//! not done in another dated the same day or later is one too; its
//! diagnostic is the merge's (A106).

use std::collections::BTreeMap;

use regex::Regex;

use crate::diagnostics::Diagnostic;
use crate::link::tasks::StatusConflict;
use crate::model::{
    Claim, Contradiction, DocKind, Document, Figures, Statement, TaskStatus, document_at,
};
use crate::text::words::WordRegex;

/// Coverage metrics, which say what was measured of some code, not which.
const METRICS: [&str; 8] =
    ["statements", "branches", "functions", "lines", "statement", "branch", "function", "line"];

/// `from 41% to 85%`, `from 12 to 40 tests`: a change, not a figure.
static FROM_TO: WordRegex = WordRegex::new(|| {
    Regex::new(r"(?i)\bfrom\s+\d[\d.,]*%?\s+(?:\w+\s+)?to\s+\d").expect("pattern is valid")
});

/// The contradictions among `claims` and the status conflicts of merged
/// tasks, with a warning for each claim-based one.
pub(crate) fn find(
    documents: &[Document],
    claims: &[Claim],
    conflicts: &[StatusConflict],
) -> (Vec<Contradiction>, Vec<Diagnostic>) {
    let doc_of = |path: &str| document_at(documents, path);
    let date_of = |path: &str| doc_of(path)?.date.clone();
    // An archived document is old news, whatever it says.
    let archived = |path: &str| doc_of(path).is_some_and(|d| d.archived);
    let tracker = |path: &str| doc_of(path).is_some_and(|d| d.kind == DocKind::Tracker);
    let mut groups: BTreeMap<(&str, String, String), Vec<&Claim>> = BTreeMap::new();
    for claim in claims {
        if archived(&claim.source.path) {
            continue;
        }
        let Some(date) = date_of(&claim.source.path) else { continue };
        let scopes = claim.scopes.join(" ");
        let what = claim.subject.as_deref().map(str::to_lowercase).unwrap_or(scopes);
        let line = &claim.line;
        // A change (`0% → 83%`, `from 41% to 85%`) states two figures, of
        // two times; only a figure of its own day is compared.
        let change = line.contains('→') || line.contains("->") || FROM_TO.is_match(line);
        // What a figure is about must be said on its own line: a heading's
        // suite does not make `all 32 tests passing` the whole suite's count.
        let named = !what.is_empty() && what.split(' ').all(|w| line.contains(w));
        let f = &claim.figures;
        let breakdown = [f.open, f.closed, f.blocked].iter().flatten().count();
        let keep = !change
            && match claim.kind.as_str() {
                // A whole run of a named suite, counted out of its total.
                "tests" => !claim.subset && named && f.total.is_some(),
                // A component's coverage; `statements: 83%` names a metric
                // of some code, not which.
                "coverage" => named && !METRICS.contains(&what.as_str()),
                // A tracker's totals with their breakdown, not a count of
                // the issues one review found.
                "issues" => f.total.is_some() && breakdown >= 2,
                _ => false,
            };
        if keep {
            groups.entry((claim.kind.as_str(), date, what)).or_default().push(claim);
        }
    }
    let mut found = Vec::new();
    let mut diagnostics = Vec::new();
    for ((kind, date, what), mut group) in groups {
        group.sort_by(|a, b| a.source.cmp(&b.source));
        let clash = group.iter().enumerate().find_map(|(n, later)| {
            group[..n]
                .iter()
                .find(|earlier| {
                    // Two trackers each count their own issues.
                    let two_trackers = kind == "issues"
                        && tracker(&earlier.source.path)
                        && tracker(&later.source.path);
                    earlier.source.path != later.source.path
                        && !two_trackers
                        && disagree(kind, &earlier.figures, &later.figures)
                })
                .map(|earlier| (*earlier, *later))
        });
        let Some((earlier, later)) = clash else { continue };
        let about = about(kind, &what, &date);
        diagnostics.push(
            Diagnostic::warning(
                "A276",
                &later.source.path,
                later.source.line,
                format!(
                    "{} here, but {}:{} says {} ({about})",
                    says(kind, &later.figures),
                    earlier.source.path,
                    earlier.source.line,
                    says(kind, &earlier.figures)
                ),
            )
            .with_help("the two documents state one figure differently: correct the one that is wrong, or say which run each is about"),
        );
        let statements = group
            .iter()
            .map(|c| Statement {
                text: c.text.clone(),
                says: says(kind, &c.figures),
                source: c.source.clone(),
                date: Some(date.clone()),
            })
            .collect();
        found.push(Contradiction { kind: kind.to_string(), about, statements });
    }
    // Each task's definitions, all of them, from its conflicts.
    let mut by_task: BTreeMap<&str, Vec<&StatusConflict>> = BTreeMap::new();
    for conflict in conflicts {
        by_task.entry(conflict.0.as_str()).or_default().push(conflict);
    }
    found.extend(by_task.into_iter().filter_map(|(id, of)| task_status(documents, id, &of)));
    found.sort_by(|a, b| a.statements[0].source.cmp(&b.statements[0].source));
    (found, diagnostics)
}

/// The contradiction among the definitions of task `id` that disagree on
/// its status (`conflicts`, its [`StatusConflict`]s): done in one document,
/// and not done in another of the same day or later (the other order is
/// work going on). Archived documents are left out.
pub(crate) fn task_status(
    documents: &[Document],
    id: &str,
    conflicts: &[&StatusConflict],
) -> Option<Contradiction> {
    let doc_of = |path: &str| document_at(documents, path);
    let date_of = |path: &str| doc_of(path)?.date.clone();
    let archived = |path: &str| doc_of(path).is_some_and(|d| d.archived);
    let mut statements: Vec<Statement> = Vec::new();
    for (_, first, first_status, second, second_status) in conflicts {
        for (at, status) in [(first, *first_status), (second, *second_status)] {
            if archived(&at.path) || statements.iter().any(|s| s.source == *at) {
                continue;
            }
            statements.push(Statement {
                text: id.to_string(),
                says: status.words().to_string(),
                source: at.clone(),
                date: date_of(&at.path),
            });
        }
    }
    let done = TaskStatus::Done.words();
    let skipped = TaskStatus::Skipped.words();
    let done_on =
        statements.iter().filter(|s| s.says == done).filter_map(|s| s.date.as_ref()).min();
    let later = done_on.is_some_and(|done_on| {
        statements.iter().any(|s| {
            s.says != done && s.says != skipped && s.date.as_ref().is_some_and(|d| d >= done_on)
        })
    });
    if !later {
        return None;
    }
    statements.sort_by(|a, b| a.source.cmp(&b.source));
    let about = format!("{id}'s status");
    Some(Contradiction { kind: TASK_STATUS.to_string(), about, statements })
}

/// The kind of the contradictions [`task_status`] finds.
pub(crate) const TASK_STATUS: &str = "task_status";

/// Whether two statements of one kind give different figures: a figure
/// both give differs (coverage by a whole point or more, so `77%` and
/// `77.3%` agree).
fn disagree(kind: &str, a: &Figures, b: &Figures) -> bool {
    let differ = |x: Option<u64>, y: Option<u64>| matches!((x, y), (Some(x), Some(y)) if x != y);
    match kind {
        "tests" => {
            differ(a.passed, b.passed) || differ(a.failed, b.failed) || differ(a.total, b.total)
        }
        "coverage" => matches!((a.percent, b.percent), (Some(x), Some(y)) if (x - y).abs() >= 1.0),
        "issues" => {
            differ(a.total, b.total)
                || differ(a.open, b.open)
                || differ(a.closed, b.closed)
                || differ(a.blocked, b.blocked)
        }
        _ => false,
    }
}

/// What a group is about, in words.
fn about(kind: &str, what: &str, date: &str) -> String {
    match (kind, what.is_empty()) {
        ("tests", _) => format!("the {what} tests on {date}"),
        ("coverage", _) => format!("coverage of {what} on {date}"),
        (_, true) => format!("the issue totals on {date}"),
        _ => format!("the {what} issue totals on {date}"),
    }
}

/// What a statement's figures say, in words.
fn says(kind: &str, f: &Figures) -> String {
    match kind {
        "coverage" => f.percent.map_or_else(String::new, |p| format!("{p}% coverage")),
        "issues" => {
            let parts: Vec<String> =
                [("open", f.open), ("closed", f.closed), ("blocked", f.blocked)]
                    .into_iter()
                    .filter_map(|(word, n)| Some(format!("{} {word}", n?)))
                    .collect();
            match (f.total, parts.is_empty()) {
                (Some(total), true) => format!("{total} issues"),
                (Some(total), false) => format!("{total} issues ({})", parts.join(", ")),
                (None, _) => parts.join(", "),
            }
        }
        _ => match (f.passed, f.failed, f.total) {
            (Some(passed), _, Some(total)) => format!("{passed} of {total} passed"),
            (Some(passed), Some(failed), None) => format!("{passed} passed, {failed} failed"),
            (Some(passed), None, None) => format!("{passed} passed"),
            (None, Some(failed), _) => format!("{failed} failed"),
            (None, None, Some(total)) => format!("{total} tests"),
            (None, None, None) => String::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocKind, Source, SourceFormat, Verdict};

    /// A document whose every line names both suites, so that each claim's
    /// suite is said on its line.
    fn doc(path: &str, date: &str) -> Document {
        Document {
            date: Some(date.into()),
            ..Document::new(path.into(), DocKind::Session, SourceFormat::Markdown)
        }
    }

    fn tests_claim(path: &str, line: usize, passed: u64, total: u64, scope: &str) -> Claim {
        Claim {
            text: format!("{scope} {passed}/{total} tests passed"),
            kind: "tests".into(),
            subject: None,
            scopes: if scope.is_empty() { vec![] } else { vec![scope.into()] },
            subset: false,
            figures: Figures { passed: Some(passed), total: Some(total), ..Figures::default() },
            source: Source { path: path.into(), line },
            evidence: None,
            run: None,
            verdict: Verdict::Unsupported,
            note: None,
            line: format!("the {scope} tests: {passed}/{total}").into(),
        }
    }

    #[test]
    fn one_suite_counted_differently_on_one_day_is_a_contradiction() {
        let docs =
            [doc("a.md", "2026-03-05"), doc("b.md", "2026-03-05"), doc("c.md", "2026-03-06")];
        let claims = [
            tests_claim("a.md", 3, 196, 196, "backend"),
            tests_claim("b.md", 7, 194, 196, "backend"),
            // Another day, another suite, a suite not named: not compared.
            tests_claim("c.md", 2, 180, 196, "backend"),
            tests_claim("b.md", 8, 40, 41, "frontend"),
            tests_claim("c.md", 4, 1, 2, ""),
        ];
        let (found, diagnostics) = find(&docs, &claims, &[]);
        assert_eq!(found.len(), 1);
        // A change of its line, or a suite its line does not name: left out.
        let mut claims = claims;
        claims[1].line = "backend 150 → 194 tests".into();
        assert!(find(&docs, &claims[..2], &[]).0.is_empty());
        claims[1].line = "some 194/196".into();
        assert!(find(&docs, &claims[..2], &[]).0.is_empty());
        assert_eq!(found[0].about, "the backend tests on 2026-03-05");
        let says: Vec<_> = found[0].statements.iter().map(|s| s.says.as_str()).collect();
        assert_eq!(says, ["196 of 196 passed", "194 of 196 passed"]);
        assert_eq!(
            diagnostics[0].to_human().lines().next().unwrap(),
            "warning[A276]: 194 of 196 passed here, but a.md:3 says 196 of 196 passed (the backend tests on 2026-03-05)"
        );
    }

    #[test]
    fn the_same_figure_twice_or_in_one_document_is_no_contradiction() {
        let docs = [doc("a.md", "2026-03-05"), doc("b.md", "2026-03-05")];
        let agree =
            [tests_claim("a.md", 3, 196, 196, "api"), tests_claim("b.md", 7, 196, 196, "api")];
        assert!(find(&docs, &agree, &[]).0.is_empty());
        let one_doc =
            [tests_claim("a.md", 3, 196, 196, "api"), tests_claim("a.md", 9, 150, 196, "api")];
        assert!(find(&docs, &one_doc, &[]).0.is_empty());
    }

    #[test]
    fn a_task_reopened_by_a_later_document_is_listed_but_earlier_progress_is_not() {
        let docs = [doc("plan.md", "2026-03-01"), doc("session.md", "2026-03-04")];
        let at = |path: &str| Source { path: path.into(), line: 2 };
        let reopened = [(
            "T-1".to_string(),
            at("plan.md"),
            TaskStatus::Done,
            at("session.md"),
            TaskStatus::Open,
        )];
        let (found, diagnostics) = find(&docs, &[], &reopened);
        assert_eq!(found[0].about, "T-1's status");
        assert!(diagnostics.is_empty(), "the merge already warns (A106)");
        let progress = [(
            "T-1".to_string(),
            at("session.md"),
            TaskStatus::Done,
            at("plan.md"),
            TaskStatus::Open,
        )];
        assert!(find(&docs, &[], &progress).0.is_empty());
    }
}
