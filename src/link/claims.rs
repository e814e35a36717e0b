//! Claims in prose checked against the evidence named nearest to them.
//!
//! A claim such as `63/63 tests passed` or `coverage 87%` is compared with the
//! evidence named on its own line, else in its section, else in its top-level
//! section, and gets a verdict; each contradicted claim is also a warning that
//! names both figures. Finding claims in prose is `crate::parse::claims`'s
//! job, and what a contradicted claim means for a task's verification is
//! decided in `evidence`.

use std::collections::HashMap;

use crate::link::evidence::{Named, Sections};
use crate::model::{Claim, Document, Evidence, Verdict};

/// Checks each claim against the evidence named on its line, else in its
/// section, else in its top-level section.
pub(crate) fn check_claims(
    claims: &mut [Claim],
    documents: &[Document],
    named: &[Named],
    evidence: &[Evidence],
) {
    let doc_idx: HashMap<&str, usize> =
        documents.iter().enumerate().map(|(i, d)| (d.path.as_str(), i)).collect();
    let ev_idx: HashMap<&str, &Evidence> = evidence.iter().map(|e| (e.path.as_str(), e)).collect();
    for claim in claims.iter_mut() {
        let Some(&d) = doc_idx.get(claim.source.path.as_str()) else { continue };
        let sections = Sections::of(&documents[d]);
        let line = claim.source.line;
        let scopes = [(line, line), sections.leaf(line), sections.top(line)];
        'scopes: for (start, end) in scopes {
            for (_, path) in named[d].evidence.iter().filter(|(l, _)| (start..=end).contains(l)) {
                let Some(item) = ev_idx.get(path.as_str()) else { continue };
                if let Some(verdict) = compare(claim, item) {
                    claim.verdict = verdict;
                    claim.evidence = Some(path.clone());
                    break 'scopes;
                }
            }
        }
    }
}

/// The verdict of one claim against one evidence file, if they speak of the
/// same figures.
fn compare(claim: &Claim, item: &Evidence) -> Option<Verdict> {
    let figures = &claim.figures;
    let agrees = match claim.kind.as_str() {
        "tests" => {
            let (passed, failed) = (item.passed?, item.failed.unwrap_or(0));
            let claimed_failed = figures.failed.or_else(|| Some(figures.total? - figures.passed?));
            let passed_ok = figures.passed.is_none_or(|p| p == passed);
            let failed_ok = claimed_failed.is_none_or(|f| f == failed);
            let total_ok = figures.total.is_none_or(|t| {
                t == passed + failed || t == passed + failed + item.skipped.unwrap_or(0)
            });
            passed_ok && failed_ok && total_ok
        }
        "coverage" if claim.subject.is_none() => {
            let actual = item.coverage_percent?;
            (figures.percent? - actual).abs() < 1.0
        }
        _ => return None,
    };
    Some(if agrees { Verdict::Supported } else { Verdict::Contradicted })
}

/// A warning for each claim the evidence contradicts, with both figures.
pub(crate) fn contradicted_claims(
    claims: &[Claim],
    evidence: &[Evidence],
) -> Vec<crate::diagnostics::Diagnostic> {
    let ev_idx: HashMap<&str, &Evidence> = evidence.iter().map(|e| (e.path.as_str(), e)).collect();
    claims
        .iter()
        .filter(|c| c.verdict == Verdict::Contradicted)
        .filter_map(|claim| {
            let path = claim.evidence.as_deref()?;
            let item = ev_idx.get(path)?;
            let recorded = match claim.kind.as_str() {
                "coverage" => format!("{}% coverage", item.coverage_percent?),
                _ => format!("{} passed, {} failed", item.passed?, item.failed.unwrap_or(0)),
            };
            Some(
                crate::diagnostics::Diagnostic::warning(
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
