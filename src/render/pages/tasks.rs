//! The task pages: one page per task that has an id of its own.
//!
//! A task whose id was made up (a checklist item, an item of a list of
//! work) has no page: it lives at an anchor of its document's page, and
//! the renderer leaves it out ([`crate::model::Task::has_page`]). A task's
//! page shows its status, where it is defined, its dependencies both
//! ways, its subtasks, the evidence linked to it (with the rule that linked
//! it), the claims stated in its own row or item with their verdicts, and the
//! documents that mention it; every task it lists shows its status
//! with its verification. The tracker of all tasks is in `tracker`. Like
//! every page, each is rendered from views and returned as HTML; minifying
//! and writing are the caller's job.

use serde::Serialize;
use tera::Context;

use crate::model::{LinkRule, StaleEvidence, Task};
use crate::render::context::tasks::{Progress, TaskLink, TaskView};
use crate::render::context::{DocView, EvidenceView};
use crate::render::pages::{DocPageInputs, render_page};
use crate::render::theme::Theme;

/// One task's page: status, source, dependencies both ways, mentions.
pub fn task(theme: &Theme, inputs: &DocPageInputs<'_>, task: &Task) -> anyhow::Result<String> {
    let plan = inputs.doc(task.plan.as_ref());
    let depends_on: Vec<&str> = task.depends_on.iter().map(String::as_str).collect();
    let unknown: Vec<&str> =
        depends_on.iter().copied().filter(|id| inputs.task(id).is_none()).collect();
    let dependents = inputs.dependents().get(task.id.as_str()).cloned().unwrap_or_default();
    let mentioned: Vec<_> =
        task.mentioned_in.iter().filter_map(|p| inputs.doc(p.as_str())).map(DocView::of).collect();
    let evidence = evidence_links(inputs, task);
    // Subtasks in source order, and how far they are: they roll up into it.
    let children = inputs.subtasks().get(task.id.as_str()).map_or(&[][..], Vec::as_slice);
    let subtask_progress = (!children.is_empty()).then(|| Progress::of(children.iter().copied()));
    let subtasks: Vec<_> = children.iter().map(|t| TaskLink::of(t)).collect();
    // The document's claims are in line order: the task's lines are one run.
    let in_doc = inputs.claims_in(task.source.path.as_ref());
    let start = in_doc.partition_point(|c| c.source.line < task.source.line);
    let claims: Vec<_> = in_doc[start..]
        .iter()
        .take_while(|c| c.source.line <= task.source_end)
        .map(|c| inputs.claim_view(c))
        .collect();
    let mut context = Context::new();
    context.insert("nav", "tasks");
    context.insert("task", &TaskView::of(task, plan));
    context.insert("claims", &claims);
    context.insert("depends_on", &inputs.task_links(&depends_on));
    context.insert("unknown_deps", &unknown);
    context.insert("dependents", &inputs.task_links(&dependents));
    context
        .insert("parent", &task.parent.as_deref().and_then(|p| inputs.task(p)).map(TaskLink::of));
    context.insert("subtasks", &subtasks);
    context.insert("subtask_progress", &subtask_progress);
    context.insert("evidence", &evidence);
    context.insert("mentioned_in", &mentioned);
    inputs.insert_history(&mut context, task);
    render_page(theme, "task.html", &task.url, context)
}

/// The evidence linked to a task, each with the rule that linked it, said
/// the way a person reads it, and the place that made the link.
fn evidence_links<'t>(inputs: &'t DocPageInputs<'_>, task: &'t Task) -> Vec<EvidenceLink<'t>> {
    task.links
        .iter()
        .filter_map(|link| {
            let item = inputs.evidence(link.evidence.as_str())?;
            let why = match link.rule {
                LinkRule::Frontmatter => "its frontmatter lists this task",
                LinkRule::TaskNamesEvidence => "named in this task's own row, item or section",
                LinkRule::EvidenceNamesTask => "its name or first lines name this task",
                LinkRule::SectionNamesBoth => "a section names both",
            };
            let at = link.source.as_ref().map(|s| match s.line {
                0 => s.path.to_string(),
                line => format!("{}:{line}", s.path),
            });
            let stale = task.stale.iter().find(|s| s.path == link.evidence);
            Some(EvidenceLink { evidence: EvidenceView::of(item), why, at, stale })
        })
        .collect()
}

/// One evidence link on a task's page, as the template reads it.
#[derive(Serialize)]
struct EvidenceLink<'a> {
    evidence: EvidenceView<'a>,
    /// The rule that made the link, in words.
    why: &'static str,
    /// The place that made it: `path` or `path:line`.
    at: Option<String>,
    /// Why the evidence is stale, when it is.
    stale: Option<&'a StaleEvidence>,
}
