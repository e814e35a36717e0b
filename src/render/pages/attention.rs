//! What needs attention, whole on its own page (`attention.html`) and its
//! first lines on the dashboard.
//!
//! The kinds, most severe first: done work the evidence contradicts,
//! failing evidence, claims the evidence contradicts, documents that say
//! they are complete while their own tasks are open, done work whose
//! evidence is older than its last change, blocked work, and
//! plans with open work that have not changed in `stale_after_days`. The
//! dashboard shows a few lines over all kinds, in that order, with a count
//! of each kind; this page lists every item, so nothing is hidden by the cap.

use serde::Serialize;
use tera::Context;

use crate::model::{Outcome, Site, StaleEvidence, TaskScope, TaskStatus, Verdict, Verification};
use crate::render::context::EvidenceView;
use crate::render::context::claims::{ClaimView, DeclaredCompleteView};
use crate::render::context::plans::{PlanGroup, PlanSummary, Staleness, plan_summaries};
use crate::render::context::tasks::TaskLink;
use crate::render::pages::{DocPageInputs, Lists, render_page};
use crate::render::theme::Theme;

/// The page's URL relative to the site root.
pub const URL: &str = "attention.html";

/// A task the evidence contradicts, and why.
#[derive(Debug, Serialize)]
pub struct ContradictedTask<'a> {
    /// The task.
    pub task: TaskLink<'a>,
    /// Why the evidence contradicts it.
    pub why: Option<&'a str>,
}

/// Done work that rests on evidence older than its last change.
#[derive(Debug, Serialize)]
pub struct StaleTask<'a> {
    /// The task.
    pub task: TaskLink<'a>,
    /// Its stale evidence.
    pub stale: &'a [StaleEvidence],
}

impl StaleTask<'_> {
    /// `tests/run.log (2026-03-01) is older than its last change (2026-03-10)`,
    /// for the first of its stale evidence, with how many more.
    fn detail(&self) -> String {
        let first = &self.stale[0];
        let more = match self.stale.len() {
            1 => String::new(),
            n => format!(" and {} more", n - 1),
        };
        format!(
            "{} ({}){more} is older than its last change ({})",
            first.path, first.date, first.changed
        )
    }
}

/// Everything that needs attention, by kind, each list whole.
#[derive(Debug, Serialize)]
pub struct Attention<'a> {
    /// Done work the evidence contradicts.
    pub contradicted: Vec<ContradictedTask<'a>>,
    /// Evidence that records a failure.
    pub failing: Vec<EvidenceView<'a>>,
    /// Claims the evidence contradicts.
    pub claims: Vec<ClaimView<'a>>,
    /// Documents that say they are complete while their own tasks are open.
    pub declared_complete: Vec<DeclaredCompleteView<'a>>,
    /// For each of `declared_complete`, how many of its tasks are open, in words.
    #[serde(skip)]
    pub declared_open: Vec<String>,
    /// Done work whose evidence is dated before the task's last change.
    pub stale_evidence: Vec<StaleTask<'a>>,
    /// Blocked work of the headline's scope.
    pub blocked: Vec<TaskLink<'a>>,
    /// Plans and trackers with open work that have not changed in
    /// `stale_after_days`, most work left first.
    pub stale: Vec<PlanSummary<'a>>,
    /// Plans and trackers with open work and no date, which cannot be judged stale.
    pub undated: Vec<PlanSummary<'a>>,
}

/// One line of the dashboard's "Needs attention".
#[derive(Debug, Serialize)]
pub struct Line<'a> {
    /// The id of its section on the attention page.
    pub kind: &'static str,
    /// The classes of its tag (`verification contradicted`).
    pub class: &'static str,
    /// The tag's words.
    pub tag: &'static str,
    /// What it is about, as a person reads it.
    pub title: String,
    /// A task's id, shown beside the title.
    pub id: Option<&'a str>,
    /// Where to read about it, encoded for an `href`.
    pub url: Option<String>,
    /// Why it needs attention, in a short phrase.
    pub detail: Option<String>,
}

/// How many items of one kind there are, for the dashboard's counts.
#[derive(Debug, Serialize)]
pub struct KindCount {
    /// The id of its section on the attention page.
    pub kind: &'static str,
    /// What the items are, in a few words.
    pub label: &'static str,
    /// How many.
    pub n: usize,
}

impl<'a> Attention<'a> {
    /// Gathers what needs attention in a site.
    pub fn of(
        site: &'a Site,
        inputs: &DocPageInputs<'a>,
        staleness: Staleness<'_>,
    ) -> Attention<'a> {
        let contradicted = site
            .tasks
            .iter()
            .filter(|t| t.verification == Verification::Contradicted)
            .filter(|t| t.scope != TaskScope::Archived)
            .map(|t| ContradictedTask { task: TaskLink::of(t), why: t.verdict_note.as_deref() })
            .collect();
        let failing =
            site.evidence.iter().filter(|e| e.outcome == Outcome::Fail).map(EvidenceView::of);
        let claims = site.claims.iter().filter(|c| c.verdict == Verdict::Contradicted);
        // Blocked work and unfinished documents of the headline's scope: an
        // archived plan or a guide's checklist is not what needs attention now.
        let blocked = site
            .tasks
            .iter()
            .filter(|t| t.status == TaskStatus::Blocked && t.scope == TaskScope::Headline)
            .map(TaskLink::of);
        let declared_complete: Vec<_> = super::claims::declared_complete(site, inputs)
            .into_iter()
            .filter(|view| inputs.doc(view.path).is_none_or(|doc| !doc.archived))
            .collect();
        let declared_open =
            declared_complete.iter().map(|view| open_in(inputs, view.path)).collect();
        let stale_evidence = site
            .tasks
            .iter()
            .filter(|t| !t.stale.is_empty() && t.status == TaskStatus::Done)
            .filter(|t| t.scope != TaskScope::Archived)
            .map(|t| StaleTask { task: TaskLink::of(t), stale: &t.stale })
            .collect();
        let (mut stale, mut undated) = (Vec::new(), Vec::new());
        for plan in plan_summaries(site, &inputs.plan_index_of_all(), staleness) {
            if plan.stale {
                stale.push(plan);
            } else if plan.changed.is_none()
                && plan.work_left > 0
                && plan.group == PlanGroup::Counted
            {
                undated.push(plan);
            }
        }
        Attention {
            contradicted,
            failing: failing.collect(),
            claims: claims.map(|c| inputs.claim_view(c)).collect(),
            declared_complete,
            declared_open,
            stale_evidence,
            blocked: blocked.collect(),
            stale,
            undated,
        }
    }

    /// How many items of each kind there are, most severe first, kinds with
    /// none left out.
    pub fn counts(&self) -> Vec<KindCount> {
        [
            ("contradicted", "contradicted done work", self.contradicted.len()),
            ("failing", "failing evidence", self.failing.len()),
            ("claims", "contradicted claims", self.claims.len()),
            ("declared-complete", "said complete, work open", self.declared_complete.len()),
            ("stale-evidence", "done on stale evidence", self.stale_evidence.len()),
            ("blocked", "blocked", self.blocked.len()),
        ]
        .into_iter()
        .filter(|&(_, _, n)| n > 0)
        .map(|(kind, label, n)| KindCount { kind, label, n })
        .collect()
    }

    /// The first `n` lines over all kinds, most severe first.
    pub fn lines(&self, n: usize) -> Vec<Line<'a>> {
        let contradicted = self.contradicted.iter().map(|item| Line {
            kind: "contradicted",
            class: "verification contradicted",
            tag: "contradicted",
            title: item.task.title.to_string(),
            id: item.task.named.then_some(item.task.id),
            url: Some(item.task.url.clone()),
            detail: item.why.map(str::to_string),
        });
        let failing = self.failing.iter().map(|e| Line {
            kind: "failing",
            class: "outcome fail",
            tag: "failing",
            title: e.path.to_string(),
            id: None,
            url: Some(e.url.clone()),
            detail: e.failed.map(|n| match e.passed {
                Some(passed) => format!("{n} failed, {passed} passed"),
                None => format!("{n} failed"),
            }),
        });
        let claims = self.claims.iter().map(|c| Line {
            kind: "claims",
            class: "verdict contradicted",
            tag: "claim",
            title: format!("“{}”", c.text),
            id: None,
            url: c.url.clone(),
            detail: Some(match (&c.evidence, &c.recorded) {
                (Some(e), Some(recorded)) => format!("{}, but {} records {recorded}", c.at, e.path),
                _ => c.at.clone(),
            }),
        });
        let declared =
            self.declared_complete.iter().zip(&self.declared_open).map(|(d, open)| Line {
                kind: "declared-complete",
                class: "verification claimed",
                tag: "said complete",
                title: d.doc.as_ref().map_or(d.path, |doc| doc.title).to_string(),
                id: None,
                url: d.url.clone(),
                detail: Some(open.clone()),
            });
        let stale = self.stale_evidence.iter().map(|item| Line {
            kind: "stale-evidence",
            class: "tag stale",
            tag: "stale evidence",
            title: item.task.title.to_string(),
            id: item.task.named.then_some(item.task.id),
            url: Some(item.task.url.clone()),
            detail: Some(item.detail()),
        });
        let blocked = self.blocked.iter().map(|t| Line {
            kind: "blocked",
            class: "status blocked",
            tag: "blocked",
            title: t.title.to_string(),
            id: t.named.then_some(t.id),
            url: Some(t.url.clone()),
            detail: None,
        });
        contradicted
            .chain(failing)
            .chain(claims)
            .chain(declared)
            .chain(stale)
            .chain(blocked)
            .take(n)
            .collect()
    }

    /// How many items there are over all kinds but staleness.
    pub fn total(&self) -> usize {
        self.counts().iter().map(|c| c.n).sum()
    }
}

/// How many of the tasks a document defines are still open, in words:
/// `4 of 11 of its tasks are open`.
fn open_in(inputs: &DocPageInputs<'_>, path: &str) -> String {
    let tasks: Vec<_> = inputs
        .doc(path)
        .map(|doc| doc.tasks.iter().filter_map(|id| inputs.task(id.as_str())).collect())
        .unwrap_or_default();
    let counted = tasks.iter().filter(|t| t.status != TaskStatus::Skipped);
    let open = counted.clone().filter(|t| t.status != TaskStatus::Done).count();
    format!("{open} of {} of its tasks are open", counted.count())
}

/// The page of everything that needs attention.
pub fn attention<'a>(
    theme: &Theme,
    site: &'a Site,
    inputs: &DocPageInputs<'a>,
    staleness: Staleness<'_>,
) -> anyhow::Result<String> {
    let attention = Attention::of(site, inputs, staleness);
    // Each list's rows are made apart from the page, a thousand at a time:
    // at 100,000 documents the page lists some 65,000 items.
    let mut lists = Lists::new();
    let (a, rows) = (&attention, "attention-rows.html");
    lists.add(theme, rows, URL, "contradicted", &a.contradicted)?;
    lists.add(theme, rows, URL, "failing", &a.failing)?;
    lists.add(theme, rows, URL, "claims", &a.claims)?;
    lists.add(theme, rows, URL, "declared_complete", &a.declared_complete)?;
    lists.add(theme, rows, URL, "stale_evidence", &a.stale_evidence)?;
    lists.add(theme, rows, URL, "blocked", &a.blocked)?;
    lists.add(theme, rows, URL, "stale", &a.stale)?;
    lists.add(theme, rows, URL, "undated", &a.undated)?;
    let mut context = Context::new();
    context.insert("nav", "");
    context.insert("counts", &attention.counts());
    context.insert("total", &attention.total());
    lists.insert(&mut context);
    context.insert("stale_after_days", &staleness.after_days);
    Ok(lists.splice(render_page(theme, "attention.html", URL, context)?))
}
