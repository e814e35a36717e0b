//! The plans page (`plans.html`): every plan with its progress and phases,
//! in the dashboard's order (active first, then most work left), the
//! checklists of other documents and archived plans apart, plans that
//! define no tasks, the critical path, and progress by track and owner.
//!
//! The dashboard shows the first few plans of the same list and links here,
//! so that it stays one screen tall however many plans a tree has.

use serde::Serialize;
use tera::Context;

use crate::model::{DocKind, Site, Task, TaskScope};
use crate::render::context::DocView;
use crate::render::context::plans::{PlanGroup, PlanSummary, Staleness, plan_summaries};
use crate::render::context::tasks::{format_minutes, progress_by};
use crate::render::pages::{DocPageInputs, Lists, render_page};
use crate::render::theme::Theme;

/// The page's URL relative to the site root.
pub const URL: &str = "plans.html";

/// The plans of a site by where they are listed, each list in the
/// dashboard's order.
#[derive(Debug, Default, Serialize)]
pub struct PlanLists<'a> {
    /// Plans and trackers the headline counts.
    pub counted: Vec<PlanSummary<'a>>,
    /// Checklists of documents the headline does not count.
    pub other: Vec<PlanSummary<'a>>,
    /// Archived documents with tasks.
    pub archived: Vec<PlanSummary<'a>>,
}

impl<'a> PlanLists<'a> {
    /// The plans of a site, sorted and grouped; session logs' to-dos are
    /// shown with the sessions, not here.
    pub fn of(site: &'a Site, inputs: &DocPageInputs<'a>, staleness: Staleness<'_>) -> Self {
        let mut lists = PlanLists::default();
        for plan in plan_summaries(site, &inputs.plan_index_of_all(), staleness) {
            match plan.group {
                PlanGroup::Counted => lists.counted.push(plan),
                PlanGroup::Other => lists.other.push(plan),
                PlanGroup::Archived => lists.archived.push(plan),
                PlanGroup::Session => {}
            }
        }
        lists
    }
}

/// The documents that are plans by kind but define no task, in path order.
pub fn plans_without_tasks(site: &Site) -> Vec<DocView<'_>> {
    site.documents
        .iter()
        .filter(|d| d.kind == DocKind::Plan)
        .filter(|d| site.plans.binary_search_by(|p| p.path.as_str().cmp(&d.path)).is_err())
        .map(DocView::of)
        .collect()
}

/// Every plan, the critical path, and progress by track and owner.
pub fn plans<'a>(
    theme: &Theme,
    site: &'a Site,
    inputs: &DocPageInputs<'a>,
    staleness: Staleness<'_>,
) -> anyhow::Result<String> {
    let lists = PlanLists::of(site, inputs, staleness);
    let headline: Vec<&Task> =
        site.tasks.iter().filter(|t| t.scope == TaskScope::Headline).collect();
    // The lists' rows are made apart from the page: at 100,000 documents
    // it lists some 28,000 plans.
    let mut rows = Lists::new();
    rows.add(theme, "plan-rows.html", URL, "counted", &lists.counted)?;
    rows.add(theme, "plan-rows.html", URL, "without_tasks", &plans_without_tasks(site))?;
    rows.add(theme, "plan-rows.html", URL, "other", &lists.other)?;
    rows.add(theme, "plan-rows.html", URL, "archived", &lists.archived)?;
    drop(lists);
    let mut context = Context::new();
    context.insert("nav", "");
    rows.insert(&mut context);
    context.insert("stale_after_days", &staleness.after_days);
    context.insert("by_track", &progress_by(&headline, |t| t.track.as_deref()));
    context.insert("by_owner", &progress_by(&headline, |t| t.owner.as_deref()));
    let critical: Vec<&str> = site.critical_path.iter().map(String::as_str).collect();
    context.insert("critical_path", &inputs.task_links(&critical));
    context.insert("critical_time", &format_minutes(site.critical_minutes as u32));
    Ok(rows.splice(render_page(theme, "plans.html", URL, context)?))
}
