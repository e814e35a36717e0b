//! The claims page: every figure or status stated in prose, grouped by
//! verdict, each with where it is stated, the evidence and run it was
//! compared with, and why the verdict is what it is; and the documents that
//! say they are complete while some of their own tasks are open.
//!
//! Contradicted claims come first, then unsupported, then supported: what
//! needs fixing first. The page is plain HTML, sections with headings and
//! tables, so it reads the same without JavaScript.

use tera::Context;

use crate::model::{Claim, Site, href};
use crate::render::context::claims::{
    CLAIMS_PER_VERDICT, ClaimsOfDoc, DECLARED_COMPLETE, DeclaredCompleteView, VERDICTS,
    VerdictGroup, verdict_help, verdict_label, verdict_name, verdict_sentence,
};
use crate::render::pages::{DocPageInputs, render_page};
use crate::render::theme::Theme;

/// The page's URL relative to the site root.
pub const URL: &str = "claims.html";

/// The id of the claims page's section of documents that say they are
/// complete while their own tasks are open.
pub const DECLARED_COMPLETE_ID: &str = "declared-complete";

/// Every claim, grouped by verdict, and the documents that say they are
/// complete while work is open.
pub fn claims<'a>(
    theme: &Theme,
    site: &'a Site,
    inputs: &DocPageInputs<'a>,
) -> anyhow::Result<String> {
    let groups: Vec<VerdictGroup<'_>> = VERDICTS
        .iter()
        .map(|&verdict| {
            let all: Vec<&Claim> = site.claims.iter().filter(|c| c.verdict == verdict).collect();
            VerdictGroup {
                verdict: verdict_name(verdict),
                label: verdict_label(verdict),
                help: verdict_help(verdict),
                sentence: verdict_sentence(verdict),
                claims: all.iter().take(CLAIMS_PER_VERDICT).map(|c| inputs.claim_view(c)).collect(),
                n_claims: all.len(),
                rest: rest_by_doc(inputs, all.get(CLAIMS_PER_VERDICT..).unwrap_or_default()),
            }
        })
        .collect();
    let mut context = Context::new();
    context.insert("nav", "claims");
    context.insert("total", &site.claims.len());
    context.insert("groups", &groups);
    context.insert("declared_complete", &declared_complete(site, inputs));
    context.insert("declared_complete_id", DECLARED_COMPLETE_ID);
    context.insert("disagreements", &disagreements(site, inputs));
    context.insert("n_disagreements", &site.contradictions.len());
    render_page(theme, "claims.html", URL, context)
}

/// How many contradictions across documents the claims page shows; all of
/// them are in `status.json`.
const DISAGREEMENTS_SHOWN: usize = 200;

/// The first [`DISAGREEMENTS_SHOWN`] figures stated differently in two
/// documents, with each statement's place as a link to its line.
fn disagreements(site: &Site, inputs: &DocPageInputs<'_>) -> Vec<serde_json::Value> {
    site.contradictions
        .iter()
        .take(DISAGREEMENTS_SHOWN)
        .map(|c| {
            let statements: Vec<serde_json::Value> = c
                .statements
                .iter()
                .map(|s| {
                    let doc = inputs.doc(s.source.path.as_ref());
                    let url = doc.map(|d| format!("{}{}", d.url, d.anchor(s.source.line)));
                    serde_json::json!({
                        "says": s.says,
                        "text": s.text,
                        "at": format!("{}:{}", s.source.path, s.source.line),
                        "url": url.map(|u| crate::model::href(&u)),
                        "date": s.date,
                    })
                })
                .collect();
            serde_json::json!({ "kind": c.kind, "about": c.about, "statements": statements })
        })
        .collect()
}

/// The documents of some claims (sorted by source), each with how many, in
/// path order.
fn rest_by_doc<'a>(inputs: &DocPageInputs<'a>, claims: &[&'a Claim]) -> Vec<ClaimsOfDoc<'a>> {
    let mut rest: Vec<ClaimsOfDoc<'a>> = Vec::new();
    for claim in claims {
        let path = claim.source.path.as_ref();
        match rest.last_mut() {
            Some(last) if last.path == path => last.n += 1,
            _ => rest.push(ClaimsOfDoc {
                path,
                url: inputs.doc(path).map(|d| href(&format!("{}#claims-in-this-document", d.url))),
                n: 1,
            }),
        }
    }
    rest
}

/// The documents that say they are complete while some of their own tasks
/// are open (diagnostic `A140`), in path order.
pub fn declared_complete<'a>(
    site: &'a Site,
    inputs: &DocPageInputs<'a>,
) -> Vec<DeclaredCompleteView<'a>> {
    site.diagnostics
        .iter()
        .filter(|d| d.code == DECLARED_COMPLETE)
        .map(|d| DeclaredCompleteView::of(d, inputs.doc(d.path.as_str())))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::diagnostics::Diagnostic;
    use crate::model::{
        Claim, DocKind, Document, Evidence, EvidenceFormat, EvidenceKind, Figures, Heading,
        Outcome, Run, Source, SourceFormat, Verdict,
    };
    use crate::render::context::SiteView;
    use crate::render::context::plans::Staleness;
    use crate::render::pages;

    /// Seven plans that say they are complete with work open, a test log
    /// with a failed run and its passing rerun, and a claim checked against
    /// the rerun.
    fn site() -> Site {
        let mut documents: Vec<Document> = (0..7)
            .map(|n| {
                let mut doc =
                    Document::new(format!("plans/p{n}.md"), DocKind::Plan, SourceFormat::Markdown);
                doc.title = format!("Plan {n}");
                doc.headings = vec![Heading {
                    level: 1,
                    text: format!("Plan {n}"),
                    id: format!("plan-{n}"),
                    line: 1,
                }];
                doc
            })
            .collect();
        let mut log = Document::new("tests/run.txt".into(), DocKind::Evidence, SourceFormat::Text);
        log.text = Some("a\n".repeat(10));
        documents.push(log);
        let mut first = Run::new("pytest", Outcome::Fail, 5);
        (first.passed, first.failed) = (Some(11), Some(1));
        let mut rerun = Run::new("pytest", Outcome::Pass, 10);
        (rerun.start_line, rerun.passed, rerun.failed) = (6, Some(12), Some(0));
        let evidence = Evidence {
            path: "tests/run.txt".into(),
            kind: EvidenceKind::Test,
            format: EvidenceFormat::Pytest,
            date: None,
            outcome: Outcome::Pass,
            passed: Some(12),
            failed: Some(0),
            skipped: None,
            coverage_percent: None,
            runs: vec![first, rerun],
            note: Some("the rerun passed".into()),
            tasks: Vec::new(),
            referenced_by: Vec::new(),
            failure_lines: Vec::new(),
            scores: Vec::new(),
            url: "docs/tests/run.txt.html".into(),
        };
        let claim = Claim {
            text: "12/12 tests passed".into(),
            kind: "tests".into(),
            subject: None,
            scopes: Vec::new(),
            subset: false,
            figures: Figures::default(),
            source: Source { path: "plans/p0.md".into(), line: 5 },
            evidence: Some("tests/run.txt".into()),
            run: Some(1),
            verdict: Verdict::Supported,
            note: Some("compared with the rerun, which records 12 passed".into()),
            line: Default::default(),
        };
        let diagnostics = (0..7)
            .map(|n| {
                let message = format!(
                    "`plans/p{n}.md` says it is complete, but {n} of 9 of its own tasks are open"
                );
                Diagnostic::warning(DECLARED_COMPLETE, &format!("plans/p{n}.md"), 3, message)
            })
            .collect();
        Site {
            documents,
            evidence: vec![evidence],
            claims: vec![claim],
            diagnostics,
            ..Site::default()
        }
    }

    fn theme() -> Theme {
        let theme = crate::render::theme::load(None).unwrap();
        let mut theme = theme;
        let view = SiteView { title: "t", n_files: 8, as_of: None, img_src: "'self' data:" };
        theme.tera.global_context().insert("site", &view);
        theme
    }

    fn staleness() -> Staleness<'static> {
        Staleness { as_of: None, after_days: 14 }
    }

    #[test]
    fn claims_page_lists_the_claim_with_its_run_and_note_and_every_declared_complete() {
        let site = site();
        let inputs = DocPageInputs::new(&site, Path::new("."));
        let page = claims(&theme(), &site, &inputs).unwrap();
        assert!(page.contains("“12/12 tests passed”"), "{page}");
        assert!(page.contains("compared with the rerun, which records 12 passed"), "{page}");
        assert!(
            page.contains("href=\"docs/tests/run.txt.html#run-2\">run 2 of 2: pytest</a>"),
            "{page}"
        );
        assert!(page.contains("href=\"docs/plans/p0.html#plan-0\">Plan 0</a>"), "{page}");
        assert!(page.contains("id=\"declared-complete\""), "{page}");
        assert_eq!(page.matches("says it is complete, but").count(), 7, "{page}");
        let supported = page.find("id=\"supported\"").unwrap();
        assert!(page.find("12/12 tests passed").unwrap() > supported, "listed under supported");
    }

    #[test]
    fn dashboard_caps_declared_complete_and_links_to_the_rest() {
        let site = site();
        let inputs = DocPageInputs::new(&site, Path::new("."));
        let page = pages::dashboard(&theme(), &site, &inputs, staleness()).unwrap();
        // Five lines of "Needs attention", a count of all seven, and the
        // link to the page that lists them all.
        assert_eq!(page.matches(">said complete</span>").count(), 5, "{page}");
        assert!(
            page.contains("href=\"attention.html#declared-complete\">7 said complete"),
            "{page}"
        );
        assert!(page.contains("href=\"attention.html\">All 7 items"), "{page}");
        assert!(page.contains("href=\"docs/plans/p0.html#plan-0\">Plan 0</a>"), "{page}");
        let attention = pages::attention::attention(&theme(), &site, &inputs, staleness()).unwrap();
        assert_eq!(attention.matches("says it is complete, but").count(), 7, "{attention}");
    }

    #[test]
    fn evidence_page_shows_each_run_and_which_decides() {
        let site = site();
        let inputs = DocPageInputs::new(&site, Path::new("."));
        let page =
            pages::document(&theme(), &site, &inputs, &site.documents[7], staleness()).unwrap();
        assert!(page.contains("<tr id=\"run-1\">"), "the failed run does not decide: {page}");
        assert!(page.contains("<tr id=\"run-2\" class=\"decides\">"), "{page}");
        assert!(page.contains("superseded by <a href=\"#run-2\">run 2</a>"), "{page}");
        assert!(page.contains("<a href=\"#L6\">lines 6–10</a>"), "{page}");
        assert!(page.contains("<p class=\"note\">the rerun passed</p>"), "{page}");
        assert!(page.contains("Claims checked against this file"), "{page}");
    }

    #[test]
    fn document_page_lists_its_claims_with_verdicts() {
        let site = site();
        let inputs = DocPageInputs::new(&site, Path::new("."));
        let page =
            pages::document(&theme(), &site, &inputs, &site.documents[0], staleness()).unwrap();
        assert!(page.contains("id=\"claims-in-this-document\""), "{page}");
        assert!(page.contains("<span class=\"verdict supported\">Supported</span>"), "{page}");
        assert!(page.contains("compared with the rerun, which records 12 passed"), "{page}");
        assert!(!page.contains("<section class=\"runs\">"), "a plan has no runs: {page}");
    }
}
