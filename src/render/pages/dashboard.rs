//! The dashboard: the headline, plans by progress, what needs attention,
//! the latest sessions.

use std::collections::HashMap;

use tera::Context;

use super::{DocPageInputs, render_page};
use crate::model::{DocKind, Site, Task, TaskScope, TaskStatus};
use crate::model::{Outcome, Verdict, Verification};
use crate::render::context::tasks::{
    PhaseView, PlanView, Progress, TaskLink, format_minutes, progress_by,
};
use crate::render::context::{DocView, EvidenceView};
use crate::render::theme::Theme;

/// How many sessions the dashboard lists.
const DASHBOARD_SESSIONS: usize = 8;

/// How many documents that say they are complete while work is open the
/// dashboard lists; the claims page lists them all.
const DASHBOARD_DECLARED_COMPLETE: usize = 5;

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
    let declared_complete: Vec<_> = super::claims::declared_complete(site, inputs)
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
