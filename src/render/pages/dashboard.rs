//! The dashboard: one screen that says how far the work is and what to look
//! at, for a tree of any size.
//!
//! The headline figures and one bar (with what it counts and leaves out),
//! progress over time with `--git` (a burn-up of the headline's tasks),
//! then two columns: the plans that matter first (active, most work left),
//! and what needs attention, the latest sessions and the stale plans. Every
//! list here is capped and links to the page that holds it whole
//! (`plans.html`, `attention.html`, the audit trail, `claims.html`,
//! `files.html`), so no list on the dashboard grows with the tree.

use std::collections::HashMap;

use tera::Context;

use super::attention::Attention;
use super::plans::{PlanLists, plans_without_tasks};
use super::{DocPageInputs, render_page};
use crate::model::{DocKind, Outcome, Site, Task, TaskScope, Verdict};
use crate::render::context::DocView;
use crate::render::context::plans::{PlanGroup, Staleness, plan_summary};
use crate::render::context::tasks::{Progress, format_minutes};
use crate::render::theme::Theme;

/// How many plans the dashboard shows; `plans.html` lists them all.
const DASHBOARD_PLANS: usize = 6;

/// How many lines of "Needs attention" the dashboard shows over all its
/// kinds; `attention.html` lists every item.
const DASHBOARD_ATTENTION: usize = 5;

/// How many sessions the dashboard lists; the audit trail has them all.
const DASHBOARD_SESSIONS: usize = 4;

/// How many stale plans the dashboard lists; `attention.html` has them all.
const DASHBOARD_STALE: usize = 3;

/// The dashboard.
pub fn dashboard<'a>(
    theme: &Theme,
    site: &'a Site,
    inputs: &DocPageInputs<'a>,
    staleness: Staleness<'_>,
) -> anyhow::Result<String> {
    // Only the first plans stay: the summaries of every plan (40,000 at
    // 100,000 documents) go before the attention list is made.
    let PlanLists { counted, other, archived } = PlanLists::of(site, inputs, staleness);
    let n_plans = counted.len() + plans_without_tasks(site).len();
    let n_other_plans = other.len() + archived.len();
    drop((other, archived));
    let plan_progress: Vec<_> = counted.into_iter().take(DASHBOARD_PLANS).collect();
    let attention = Attention::of(site, inputs, staleness);
    let (errors, warnings) = crate::diagnostics::count(&site.diagnostics);

    let mut context = Context::new();
    context.insert("nav", "dashboard");
    let headline: Vec<&Task> =
        site.tasks.iter().filter(|t| t.scope == TaskScope::Headline).collect();
    context.insert("overall", &Progress::of(headline.iter().copied()));
    context.insert("burnup", &inputs.burnup(&headline, staleness.as_of));
    context.insert("git_read", &site.history_scope.is_some());
    context.insert("scope", &headline_scope(site));
    context.insert("plan_progress", &plan_progress);
    context.insert(
        "counts",
        &serde_json::json!({
            "plans": n_plans,
            "other_plans": n_other_plans,
            "evidence": site.evidence.len(),
            "evidence_failing": site.evidence.iter().filter(|e| e.outcome == Outcome::Fail).count(),
            "evidence_passing": site.evidence.iter().filter(|e| e.outcome == Outcome::Pass).count(),
            "documents": site.documents.len(),
            "errors": errors,
            "warnings": warnings,
            "claims": claim_counts(site),
        }),
    );
    insert_sessions(&mut context, site, inputs, staleness);
    context.insert("attention_lines", &attention.lines(DASHBOARD_ATTENTION));
    context.insert("attention_counts", &attention.counts());
    context.insert("attention_total", &attention.total());
    let n_stale = attention.stale.len();
    let stale: Vec<_> = attention.stale.into_iter().take(DASHBOARD_STALE).collect();
    context.insert("stale", &stale);
    context.insert("n_stale", &n_stale);
    context.insert("n_undated", &attention.undated.len());
    context.insert("stale_after_days", &staleness.after_days);
    context.insert("critical_len", &site.critical_path.len());
    context.insert("critical_time", &format_minutes(site.critical_minutes as u32));
    render_page(theme, "dashboard.html", "index.html", context)
}

/// The latest sessions (newest first) with their checklists' progress, and
/// how many sessions there are.
fn insert_sessions(
    context: &mut Context,
    site: &Site,
    inputs: &DocPageInputs<'_>,
    staleness: Staleness<'_>,
) {
    let mut sessions: Vec<_> =
        site.documents.iter().filter(|d| d.kind == DocKind::Session).collect();
    sessions.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.path.cmp(&b.path)));
    context.insert("n_sessions", &sessions.len());
    let sessions: Vec<_> = sessions.into_iter().take(DASHBOARD_SESSIONS).collect();
    // Summed for the sessions shown only: at 100,000 documents the
    // summaries of every plan took 50 MB, for four of them to be read.
    let index = inputs.plan_index();
    let progress: HashMap<&str, Progress> = site
        .plans
        .iter()
        .filter(|plan| sessions.iter().any(|s| s.path == plan.path))
        .filter_map(|plan| plan_summary(site, &index, plan, staleness))
        .filter(|p| p.group == PlanGroup::Session)
        .map(|p| (p.doc.path, p.progress))
        .collect();
    context.insert("session_progress", &progress);
    context.insert("sessions", &sessions.into_iter().map(DocView::of).collect::<Vec<_>>());
}

/// How many claims there are of each verdict.
fn claim_counts(site: &Site) -> serde_json::Value {
    let count = |verdict: Verdict| site.claims.iter().filter(|c| c.verdict == verdict).count();
    serde_json::json!({
        "total": site.claims.len(),
        "contradicted": count(Verdict::Contradicted),
        "unsupported": count(Verdict::Unsupported),
        "supported": count(Verdict::Supported),
    })
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
        (TaskScope::Session, "session to-dos"),
        (TaskScope::Page, "checklist items of other pages"),
        (TaskScope::Archived, "tasks in archived folders"),
        (TaskScope::Subtask, "subtasks (rolled up)"),
    ]
    .into_iter()
    .map(|(scope, label)| (count(scope), label))
    .filter(|(n, _)| *n > 0)
    .map(|(n, label)| serde_json::json!({ "n": n, "label": label }))
    .collect();
    serde_json::json!({ "counts": counts, "left_out": left_out })
}
