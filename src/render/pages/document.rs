//! One document's page: its body (markdown, image, log), its claims, and
//! for a plan its tracker.

use tera::Context;

use super::evidence::{body_html, shown_note};
use super::{DocPageInputs, render_page};
use crate::model::{Document, Site, SourceFormat, href, keeps_name, raw_url};
use crate::render::context::claims::{VERDICTS, run_views, verdict_name};
use crate::render::context::tasks::{Progress, TaskView};
use crate::render::context::{DiagnosticView, DocView, EvidenceView};

use crate::render::theme::Theme;

/// One document's page.
pub fn document(
    theme: &Theme,
    site: &Site,
    inputs: &DocPageInputs<'_>,
    doc: &Document,
) -> anyhow::Result<String> {
    let evidence = inputs.evidence.get(doc.path.as_str()).copied();
    let body = body_html(doc, evidence);
    let backlinks: Vec<_> = evidence
        .map(|e| {
            e.referenced_by
                .iter()
                .filter_map(|p| inputs.by_path.get(p.as_str()))
                .map(|d| DocView::of(d))
                .collect()
        })
        .unwrap_or_default();
    let diagnostics: Vec<_> = site
        .diagnostics
        .iter()
        .filter(|d| d.path == doc.path)
        .map(|d| DiagnosticView::of(site, d))
        .collect();
    let (tracker, progress) = plan_tracker(site, inputs, doc);
    let mut context = Context::new();
    context.insert("nav", "");
    context.insert("tracker", &tracker);
    context.insert("progress", &progress);
    context.insert("doc", &DocView::of(doc));
    context.insert("toc", &doc.headings);
    context.insert("body", &body);
    context.insert("evidence", &evidence.map(EvidenceView::of));
    let supports: Vec<&str> =
        evidence.map(|e| e.tasks.iter().map(String::as_str).collect()).unwrap_or_default();
    context.insert("supports", &inputs.task_links(&supports));
    context.insert("backlinks", &backlinks);
    context.insert("diagnostics", &diagnostics);
    context.insert("runs", &evidence.map(|e| run_views(e, Some(doc))).unwrap_or_default());
    let claims = inputs.claim_views(inputs.claims_in.get(doc.path.as_str()));
    let claim_counts: Vec<_> = VERDICTS
        .iter()
        .map(|&v| (verdict_name(v), claims.iter().filter(|c| c.verdict == verdict_name(v)).count()))
        .filter(|&(_, count)| count > 0)
        .map(|(verdict, count)| serde_json::json!({ "verdict": verdict, "count": count }))
        .collect();
    context.insert("claims", &claims);
    context.insert("claim_counts", &claim_counts);
    context.insert(
        "checked_claims",
        &inputs.claim_views(inputs.claims_against.get(doc.path.as_str())),
    );
    let raw = (doc.format != SourceFormat::Markdown).then(|| href(&raw_url(&doc.path)));
    context.insert("raw_url", &raw);
    context.insert("raw_as_text", &!keeps_name(&doc.path));
    context.insert("shown", &doc.shown.as_ref().map(shown_note));
    super::evidence::insert_summary(&mut context, site, doc, evidence);
    render_page(theme, "document.html", &doc.url, context)
}

/// When the document is a plan, its tasks as tracker rows and their
/// progress; no rows and no progress otherwise.
fn plan_tracker<'a>(
    site: &Site,
    inputs: &'a DocPageInputs<'_>,
    doc: &Document,
) -> (Vec<TaskView<'a>>, Option<Progress>) {
    let plan = site
        .plans
        .binary_search_by(|p| p.path.as_str().cmp(&doc.path))
        .ok()
        .map(|idx| &site.plans[idx]);
    let tracker: Vec<_> = plan
        .map(|plan| {
            plan.tasks
                .iter()
                .filter_map(|id| inputs.tasks.get(id.as_str()))
                .map(|t| TaskView::of(t, None))
                .collect()
        })
        .unwrap_or_default();
    let progress = plan.map(|plan| {
        Progress::of(plan.tasks.iter().filter_map(|id| inputs.tasks.get(id.as_str()).copied()))
    });
    (tracker, progress)
}
