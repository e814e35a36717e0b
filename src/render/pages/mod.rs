//! The portal's HTML pages, each rendered from views of the site.
//!
//! One function per page kind; each returns the page's HTML and leaves
//! minifying and writing to the caller. Logs are escaped here, line by line
//! with anchors, rather than in a template loop, because a long log would
//! make the template engine the slowest part of a build. The task pages
//! (each task's own, and the tracker of all) are in `tasks`; the page of
//! every claim by verdict is in `claims`.

pub mod claims;
pub mod tasks;

use std::collections::HashMap;

use tera::Context;

use crate::model::{
    Claim, DocKind, Document, Evidence, Site, SourceFormat, Task, TaskScope, TaskStatus, href,
    keeps_name, raw_url,
};
use crate::model::{Outcome, Shown, Verdict, Verification};
use crate::render::context::claims::{ClaimView, VERDICTS, run_views, verdict_name};
use crate::render::context::tasks::{
    PhaseView, PlanView, Progress, TaskLink, TaskView, format_minutes, progress_by,
};
use crate::render::context::{DiagnosticView, DocView, EventView, EvidenceView, groups};
use crate::render::raw::is_svg;
use crate::render::theme::Theme;
use crate::text::excerpt::MAX_LINE_BYTES;

/// How many sessions the dashboard lists.
const DASHBOARD_SESSIONS: usize = 8;

/// How many documents that say they are complete while work is open the
/// dashboard lists; the claims page lists them all.
const DASHBOARD_DECLARED_COMPLETE: usize = 5;

/// Renders a template with the page's own context plus its root prefix.
pub fn render_page(
    theme: &Theme,
    template: &str,
    url: &str,
    mut context: Context,
) -> anyhow::Result<String> {
    context.insert("root", &crate::link::root_prefix(url));
    theme
        .tera
        .render(template, &context)
        .map_err(|err| anyhow::anyhow!("{err}"))
        .map_err(|err| err.context(format!("failed to render `{template}` for `{url}`")))
}

/// The plans of a site with their progress, in path order.
fn plan_views_of<'a>(site: &'a Site, inputs: &DocPageInputs<'a>) -> Vec<PlanView<'a>> {
    site.plans
        .iter()
        .filter_map(|plan| {
            let doc = inputs.by_path.get(plan.path.as_str())?;
            let tasks_of = |ids: &'a [String]| {
                ids.iter().filter_map(|id| inputs.tasks.get(id.as_str()).copied())
            };
            Some(PlanView {
                doc: DocView::of(doc),
                progress: Progress::of(tasks_of(&plan.tasks)),
                phases: plan
                    .phases
                    .iter()
                    .map(|phase| PhaseView {
                        title: &phase.title,
                        progress: Progress::of(tasks_of(&phase.tasks)),
                    })
                    .collect(),
            })
        })
        .collect()
}

/// The dashboard.
pub fn dashboard(theme: &Theme, site: &Site, inputs: &DocPageInputs<'_>) -> anyhow::Result<String> {
    let of_kind = |kind: DocKind| site.documents.iter().filter(move |d| d.kind == kind);
    let mut plan_views: Vec<PlanView<'_>> = Vec::new();
    let mut session_views = Vec::new();
    let mut page_views = Vec::new();
    let mut archived_views = Vec::new();
    for view in plan_views_of(site, inputs) {
        let counted = DocKind::from_name(view.doc.kind)
            .is_some_and(|kind| site.headline_kinds.contains(&kind));
        match () {
            _ if view.doc.archived => archived_views.push(view),
            _ if view.doc.kind == "session" => session_views.push(view),
            _ if counted => plan_views.push(view),
            _ => page_views.push(view),
        }
    }
    let session_progress: HashMap<&str, &Progress> =
        session_views.iter().map(|p| (p.doc.path, &p.progress)).collect();
    let listed: std::collections::HashSet<&str> =
        plan_views.iter().chain(&archived_views).chain(&page_views).map(|p| p.doc.path).collect();
    let plans: Vec<_> = of_kind(DocKind::Plan)
        .filter(|d| !listed.contains(d.path.as_str()))
        .map(DocView::of)
        .collect();
    let mut sessions: Vec<_> = of_kind(DocKind::Session).collect();
    sessions.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.path.cmp(&b.path)));
    let n_sessions = sessions.len();
    let sessions: Vec<_> = sessions.into_iter().take(DASHBOARD_SESSIONS).map(DocView::of).collect();
    let others: Vec<_> =
        of_kind(DocKind::Tracker).chain(of_kind(DocKind::Page)).map(DocView::of).collect();
    let (errors, warnings) = crate::diagnostics::count(&site.diagnostics);

    let mut context = Context::new();
    context.insert("nav", "dashboard");
    let headline: Vec<&Task> =
        site.tasks.iter().filter(|t| t.scope == TaskScope::Headline).collect();
    context.insert("overall", &Progress::of(headline.iter().copied()));
    context.insert("scope", &headline_scope(site));
    context.insert("plan_progress", &plan_views);
    context.insert("page_progress", &page_views);
    context.insert("archived_progress", &archived_views);
    context.insert("session_progress", &session_progress);
    context.insert(
        "counts",
        &serde_json::json!({
            "plans": plans.len() + plan_views.len(),
            "sessions": n_sessions,
            "evidence": site.evidence.len(),
            "documents": site.documents.len(),
            "errors": errors,
            "warnings": warnings,
        }),
    );
    context.insert("plans", &plans);
    context.insert("sessions", &sessions);
    let evidence: Vec<_> = site.evidence.iter().map(EvidenceView::of).collect();
    context.insert("evidence", &evidence);
    context.insert("others", &others);
    context.insert("attention", &attention(site, inputs));
    context.insert("by_track", &progress_by(&headline, |t| t.track.as_deref()));
    context.insert("by_owner", &progress_by(&headline, |t| t.owner.as_deref()));
    let critical: Vec<&str> = site.critical_path.iter().map(String::as_str).collect();
    context.insert("critical_path", &inputs.task_links(&critical));
    context.insert("critical_time", &format_minutes(site.critical_minutes as u32));
    render_page(theme, "dashboard.html", "index.html", context)
}

/// What the headline counts, in words, and what it leaves out with how many
/// tasks each, so "X of Y tasks done" says what it means.
fn headline_scope(site: &Site) -> serde_json::Value {
    let kinds: Vec<&str> = site
        .headline_kinds
        .iter()
        .map(|kind| match kind {
            DocKind::Plan => "plans",
            DocKind::Tracker => "trackers",
            DocKind::Session => "session logs",
            DocKind::Evidence => "evidence notes",
            DocKind::Page => "other pages",
        })
        .collect();
    let counts = match kinds.as_slice() {
        [] => "nothing".to_string(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    let count = |scope: TaskScope| site.tasks.iter().filter(|t| t.scope == scope).count();
    let left_out: Vec<_> = [
        (TaskScope::Session, "to-dos of session logs"),
        (TaskScope::Page, "checklist items of guides and other pages"),
        (TaskScope::Archived, "tasks in archived folders"),
        (TaskScope::Subtask, "subtasks, which roll up into their tasks"),
    ]
    .into_iter()
    .map(|(scope, label)| (count(scope), label))
    .filter(|(n, _)| *n > 0)
    .map(|(n, label)| serde_json::json!({ "n": n, "label": label }))
    .collect();
    serde_json::json!({ "counts": counts, "left_out": left_out })
}

/// What a stakeholder should look at first: done work the evidence
/// contradicts, failing evidence, claims the evidence disagrees with,
/// documents that say they are complete while their own tasks are open, and
/// blocked work.
fn attention<'a>(site: &'a Site, inputs: &DocPageInputs<'a>) -> serde_json::Value {
    let contradicted: Vec<_> = site
        .tasks
        .iter()
        .filter(|t| t.verification == Verification::Contradicted)
        .map(|t| serde_json::json!({ "task": TaskLink::of(t), "why": t.verdict_note }))
        .collect();
    let failing: Vec<_> =
        site.evidence.iter().filter(|e| e.outcome == Outcome::Fail).map(EvidenceView::of).collect();
    let claims: Vec<_> = site
        .claims
        .iter()
        .filter(|c| c.verdict == Verdict::Contradicted)
        .map(|c| inputs.claim_view(c))
        .collect();
    // Blocked work and unfinished documents of the headline's scope: an
    // archived plan or a guide's checklist is not what needs attention now.
    let blocked: Vec<_> = site
        .tasks
        .iter()
        .filter(|t| t.status == TaskStatus::Blocked && t.scope == TaskScope::Headline)
        .map(TaskLink::of)
        .collect();
    let declared_complete: Vec<_> = claims::declared_complete(site, inputs)
        .into_iter()
        .filter(|view| inputs.by_path.get(view.path).is_none_or(|doc| !doc.archived))
        .collect();
    let n_declared_complete = declared_complete.len();
    let declared_complete: Vec<_> =
        declared_complete.into_iter().take(DASHBOARD_DECLARED_COMPLETE).collect();
    serde_json::json!({
        "any": !(contradicted.is_empty() && failing.is_empty() && claims.is_empty()
            && blocked.is_empty() && declared_complete.is_empty()),
        "contradicted": contradicted,
        "failing": failing,
        "claims": claims,
        "blocked": blocked,
        "declared_complete": declared_complete,
        "n_declared_complete": n_declared_complete,
    })
}

/// The list of every input file, skipped files and diagnostics.
pub fn files(theme: &Theme, site: &Site) -> anyhow::Result<String> {
    let diagnostics: Vec<_> =
        site.diagnostics.iter().map(|d| DiagnosticView::of(site, d)).collect();
    let mut context = Context::new();
    context.insert("nav", "files");
    context.insert("groups", &groups(site));
    context.insert("skipped", &site.skipped);
    context.insert("diagnostics", &diagnostics);
    render_page(theme, "files.html", "files.html", context)
}

/// The audit trail.
pub fn audit(theme: &Theme, site: &Site) -> anyhow::Result<Vec<(String, String)>> {
    let mut kinds: Vec<&str> = site.events.iter().map(|e| e.kind.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let filters: Vec<_> = kinds
        .iter()
        .map(|kind| {
            let count = site.events.iter().filter(|e| e.kind == *kind).count();
            serde_json::json!({ "kind": kind, "count": count, "url": audit_url(Some(kind)) })
        })
        .collect();
    // One page for all events and one per kind: a filter that works without JavaScript.
    let mut pages = Vec::with_capacity(kinds.len() + 1);
    for kind in std::iter::once(None).chain(kinds.iter().map(|k| Some(*k))) {
        let events: Vec<_> = site
            .events
            .iter()
            .filter(|e| kind.is_none_or(|k| e.kind == k))
            .map(EventView::of)
            .collect();
        let url = audit_url(kind);
        let mut context = Context::new();
        context.insert("nav", "audit");
        context.insert("events", &events);
        context.insert("filters", &filters);
        context.insert("current", &kind);
        context.insert("total", &site.events.len());
        pages.push((url.clone(), render_page(theme, "audit.html", &url, context)?));
    }
    Ok(pages)
}

/// The audit trail's page for one kind of event, or for all.
pub fn audit_url(kind: Option<&str>) -> String {
    match kind {
        Some(kind) => format!("audit-{}.html", crate::model::slug(kind)),
        None => "audit.html".to_string(),
    }
}

/// The page not found. Hosts serve it at any missing path, where relative
/// links would break, so with a base URL its links are absolute.
pub fn not_found(theme: &Theme, base_url: Option<&str>) -> anyhow::Result<String> {
    let mut context = Context::new();
    context.insert("nav", "");
    let Some(base) = base_url else {
        return render_page(theme, "404.html", "404.html", context);
    };
    context.insert("root", &format!("{base}/"));
    theme
        .tera
        .render("404.html", &context)
        .map_err(|err| anyhow::anyhow!("{err}"))
        .map_err(|err| err.context("failed to render `404.html`"))
}

/// Indexes of a site that pages share.
pub struct DocPageInputs<'a> {
    /// Documents by path, for backlinks.
    pub by_path: HashMap<&'a str, &'a Document>,
    /// Evidence by path.
    pub evidence: HashMap<&'a str, &'a Evidence>,
    /// Tasks by id.
    pub tasks: HashMap<&'a str, &'a Task>,
    /// For each task id, the ids of the tasks that depend on it.
    pub dependents: HashMap<&'a str, Vec<&'a str>>,
    /// For each task id, its subtasks in source order.
    pub subtasks: HashMap<&'a str, Vec<&'a Task>>,
    /// The claims stated in each document, in source order.
    pub claims_in: HashMap<&'a str, Vec<&'a Claim>>,
    /// The claims checked against each evidence file, in source order.
    pub claims_against: HashMap<&'a str, Vec<&'a Claim>>,
}

impl<'a> DocPageInputs<'a> {
    /// Indexes a site for its pages.
    pub fn new(site: &'a Site) -> DocPageInputs<'a> {
        let mut dependents: HashMap<&str, Vec<&str>> = HashMap::new();
        for task in &site.tasks {
            for dep in &task.depends_on {
                dependents.entry(dep.as_str()).or_default().push(task.id.as_str());
            }
        }
        let mut subtasks: HashMap<&str, Vec<&Task>> = HashMap::new();
        for task in &site.tasks {
            if let Some(parent) = &task.parent {
                subtasks.entry(parent.as_str()).or_default().push(task);
            }
        }
        for children in subtasks.values_mut() {
            children.sort_by(|a, b| a.source.cmp(&b.source));
        }
        let mut claims_in: HashMap<&str, Vec<&Claim>> = HashMap::new();
        let mut claims_against: HashMap<&str, Vec<&Claim>> = HashMap::new();
        for claim in &site.claims {
            claims_in.entry(claim.source.path.as_str()).or_default().push(claim);
            if let Some(path) = &claim.evidence {
                claims_against.entry(path.as_str()).or_default().push(claim);
            }
        }
        DocPageInputs {
            by_path: site.documents.iter().map(|d| (d.path.as_str(), d)).collect(),
            evidence: site.evidence.iter().map(|e| (e.path.as_str(), e)).collect(),
            tasks: site.tasks.iter().map(|t| (t.id.as_str(), t)).collect(),
            dependents,
            subtasks,
            claims_in,
            claims_against,
        }
    }

    fn task_links(&self, ids: &[&str]) -> Vec<TaskLink<'a>> {
        ids.iter().filter_map(|id| self.tasks.get(id).map(|t| TaskLink::of(t))).collect()
    }

    /// The view of a claim, with the document it is stated in and the
    /// evidence it was compared with.
    pub fn claim_view(&self, claim: &'a Claim) -> ClaimView<'a> {
        let doc = self.by_path.get(claim.source.path.as_str()).copied();
        let evidence = claim.evidence.as_deref().and_then(|p| self.evidence.get(p)).copied();
        ClaimView::of(claim, doc, evidence)
    }

    /// The views of some claims.
    fn claim_views(&self, claims: Option<&Vec<&'a Claim>>) -> Vec<ClaimView<'a>> {
        claims.map(|list| list.iter().map(|c| self.claim_view(c)).collect()).unwrap_or_default()
    }
}

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
    render_page(theme, "document.html", &doc.url, context)
}

/// The body of a document's page: its rendered markdown, an image, a link to
/// download a binary file, or its text as a log with failure lines marked.
/// SVG images, in markdown or on their own, are shown from their data URI
/// (see `crate::parse::image`), so none runs.
fn body_html(doc: &Document, evidence: Option<&Evidence>) -> String {
    let prefix = crate::link::root_prefix(&doc.url);
    let raw_href = || escape(&format!("{prefix}{}", href(&raw_url(&doc.path))));
    match doc.format {
        SourceFormat::Markdown => doc.body_html.clone(),
        SourceFormat::Image if is_svg(doc) => match &doc.image_uri {
            Some(uri) => {
                format!(
                    "<img class=\"shot\" src=\"{}\" alt=\"{}\">",
                    escape(uri),
                    escape(&doc.title)
                )
            }
            None => format!(
                "<p>An SVG image of {} bytes, too large to show here. <a href=\"{}\">Its source</a>, as text.</p>",
                doc.size,
                raw_href()
            ),
        },
        SourceFormat::Image => {
            format!("<img class=\"shot\" src=\"{}\" alt=\"{}\">", raw_href(), escape(&doc.title))
        }
        // `download` keeps the file's own name when its copy is published as text.
        SourceFormat::Binary => format!(
            "<p>A binary file of {} bytes. <a href=\"{}\" download=\"{}\">Download it</a>.</p>",
            doc.size,
            raw_href(),
            escape(crate::model::file_name(&doc.path))
        ),
        _ => log_html(
            doc.text.as_deref().unwrap_or(""),
            evidence.map_or(&[][..], |e| &e.failure_lines),
            doc.shown.as_ref().map(|s| &s.line_numbers[..]),
        ),
    }
}

/// What a page shows of a text too big to show whole.
fn shown_note(shown: &Shown) -> String {
    let mut note = format!(
        "Showing the first {}, the last {} and the {} failing or result lines of {} lines",
        shown.head, shown.tail, shown.notable, shown.total_lines
    );
    if shown.cut_lines > 0 {
        note.push_str(&format!(" (lines longer than {MAX_LINE_BYTES} bytes are cut)"));
    }
    note
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

/// A log as escaped lines with anchors `#L1`…, failure lines marked.
/// `numbers` are the real numbers of the lines of a text shown cut (see
/// [`Shown`]); a gap where lines were left out shows as `…`.
pub fn log_html(text: &str, failure_lines: &[usize], numbers: Option<&[usize]>) -> String {
    let mut out = String::with_capacity(text.len() * 2 + 64);
    out.push_str("<pre class=\"log\"><code>");
    let mut last = 0;
    for (idx, line) in text.lines().enumerate() {
        let n = numbers.and_then(|numbers| numbers.get(idx)).copied().unwrap_or(idx + 1);
        if n > last + 1 {
            out.push_str("<span class=\"ln gap\">…</span>");
        }
        last = n;
        let class = if failure_lines.binary_search(&n).is_ok() { "ln fail" } else { "ln" };
        out.push_str(&format!("<span class=\"{class}\" id=\"L{n}\"><a href=\"#L{n}\">{n}</a>"));
        out.push_str(&escape(line));
        out.push_str("</span>");
    }
    out.push_str("</code></pre>");
    out
}

/// Escapes text for HTML content and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logs_are_escaped_with_line_anchors_and_failures_marked() {
        let html = log_html("ok <a>\nFAILED x", &[2], None);
        assert_eq!(
            html,
            "<pre class=\"log\"><code><span class=\"ln\" id=\"L1\"><a href=\"#L1\">1</a>ok &lt;a&gt;</span>\
             <span class=\"ln fail\" id=\"L2\"><a href=\"#L2\">2</a>FAILED x</span></code></pre>"
        );
    }

    #[test]
    fn a_log_shown_cut_keeps_real_numbers_and_marks_gaps() {
        let html = log_html("start\nFAILED x\nend", &[40], Some(&[1, 40, 99]));
        assert_eq!(
            html,
            "<pre class=\"log\"><code><span class=\"ln\" id=\"L1\"><a href=\"#L1\">1</a>start</span>\
             <span class=\"ln gap\">…</span>\
             <span class=\"ln fail\" id=\"L40\"><a href=\"#L40\">40</a>FAILED x</span>\
             <span class=\"ln gap\">…</span>\
             <span class=\"ln\" id=\"L99\"><a href=\"#L99\">99</a>end</span></code></pre>"
        );
    }
}
