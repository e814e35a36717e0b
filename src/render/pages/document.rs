//! One document's page: for a plan, a summary first (progress, verified
//! share, progress over time with `--git`, blockers, phases); the table of the tasks it defines, whatever its
//! kind; its body (markdown, image, log), each claim's verdict marked at the
//! block of its line (`crate::render::context::marks`); its claims,
//! contradicted first, each entry linking to its mark and back.
//!
//! Every row of the tasks table carries `id="task-<slug of the task id>"`,
//! so a task without a page of its own links to its row here. A long table
//! (more than [`TASKS_BEFORE_BODY`] rows) goes after the body, so the page
//! still opens with the summary and the document; it stays a plain table,
//! never a closed `<details>`, so that every row's anchor is reachable.

use serde::Serialize;
use tera::Context;

use super::evidence::{body_html, shown_note};
use super::{DocPageInputs, render_page, task_row};
use crate::model::{
    Claim, CommitCheck, DocKind, Document, Site, SourceFormat, Task, TaskStatus, Verdict, href,
    keeps_name, raw_url,
};
use crate::render::context::burnup::BurnupView;
use crate::render::context::claims::{ClaimView, VERDICTS, claim_id, run_views, verdict_name};
use crate::render::context::marks::{Mark, mark, mark_id, place_marks};
use crate::render::context::plans::{PlanSummary, Staleness, plan_summary};
use crate::render::context::tasks::{TaskLink, TaskView};
use crate::render::context::{DiagnosticView, DocView, EvidenceView};
use crate::render::theme::Theme;

/// Up to this many tasks, the tasks table comes before the document's body;
/// a longer one comes after it.
pub const TASKS_BEFORE_BODY: usize = 30;

/// How many blockers a plan's summary lists; the tasks table has them all.
const SUMMARY_BLOCKERS: usize = 8;

/// A row of a document's tasks table; its id is the task's `anchor`.
#[derive(Debug, Serialize)]
pub struct TaskRow<'a> {
    /// Whether the task has a page of its own to link to (a task without an
    /// id of its own lives at this row).
    pub own_page: bool,
    /// The task.
    #[serde(flatten)]
    pub task: TaskView<'a>,
}

/// A task that holds up a plan: blocked, or waiting on unfinished work.
#[derive(Debug, Serialize)]
pub struct Blocker<'a> {
    /// The task.
    pub task: TaskLink<'a>,
    /// The unfinished tasks it depends on.
    pub waiting_on: Vec<TaskLink<'a>>,
}

/// What a plan's page opens with.
#[derive(Debug, Serialize)]
pub struct DocSummary<'a> {
    /// Progress, phases, dates.
    pub plan: PlanSummary<'a>,
    /// Verified tasks as a whole percentage of done ones.
    pub verified_share: u32,
    /// The first blockers, blocked tasks first.
    pub blockers: Vec<Blocker<'a>>,
    /// How many blockers there are in all.
    pub n_blockers: usize,
    /// Progress over time of the plan's tasks, with `--git` when any of
    /// them changed in the commits read.
    pub burnup: Option<BurnupView>,
}

/// A claim in the document's list, with its entry's id.
#[derive(Debug, Serialize)]
pub struct DocClaim<'a> {
    /// `claim-L12`, or `claim-L12-2` for the second claim of a line.
    pub id: String,
    /// The id of its mark in the body (`mark-L12`), when the body is
    /// markdown, where it is marked.
    pub mark: Option<String>,
    /// The claim.
    #[serde(flatten)]
    pub claim: ClaimView<'a>,
}

/// A commit the document names, as its page lists it.
#[derive(Debug, Serialize)]
pub struct CommitView<'a> {
    /// The hash as written.
    pub hash: &'a str,
    /// What the check found (`found`, `unknown`, ...), for its class.
    pub check: CommitCheck,
    /// The same in words.
    pub words: &'static str,
    /// The verdict colour it is shown in: `supported` for a commit the
    /// repository bears out, `contradicted` for one it does not,
    /// `unsupported` for one it could not tell.
    pub tone: &'static str,
    /// The line that names it.
    pub line: usize,
    /// The commit's author date.
    pub date: Option<&'a str>,
    /// The first line of its message.
    pub subject: Option<&'a str>,
    /// Its page on the forge.
    pub url: Option<&'a str>,
}

/// An evidence file's hash and what the portal was built from, as its
/// page shows them (from `provenance.json`'s record).
#[derive(Debug, Serialize)]
pub struct ProvenanceView<'a> {
    /// The SHA-256 of the file's bytes, 64 hex digits.
    pub sha256: &'a str,
    /// The first 7 hex digits of the commit built.
    pub commit_short: Option<&'a str>,
    /// The commit's page on the forge.
    pub commit_url: Option<&'a str>,
    /// The CI run's id.
    pub run_id: Option<&'a str>,
    /// The CI run's page.
    pub run_url: Option<&'a str>,
}

/// The provenance an evidence file's page shows; `None` for other
/// documents and for a file that could not be hashed.
fn provenance_view<'a>(site: &'a Site, doc: &Document) -> Option<ProvenanceView<'a>> {
    let provenance = &site.provenance;
    let sha256 = provenance.evidence_hash(&doc.path)?.sha256.as_deref()?;
    let ci = provenance.ci.as_ref();
    Some(ProvenanceView {
        sha256,
        commit_short: provenance.commit.as_deref().and_then(|c| c.get(..7)),
        commit_url: provenance.commit_url.as_deref(),
        run_id: ci.and_then(|c| c.run_id.as_deref()),
        run_url: ci.and_then(|c| c.run_url.as_deref()),
    })
}

/// The commits `doc` names, in the order it names them. The site's list is
/// sorted by where each is named, so the document's are one run of it.
fn commit_views<'a>(site: &'a Site, doc: &Document) -> Vec<CommitView<'a>> {
    let start = site.commits.partition_point(|c| c.source.path.as_ref() < doc.path.as_str());
    site.commits[start..]
        .iter()
        .take_while(|c| *c.source.path == *doc.path)
        .map(|c| CommitView {
            hash: &c.hash,
            check: c.check,
            words: c.check.words(),
            tone: match c.check {
                CommitCheck::Found => "supported",
                CommitCheck::NotChecked | CommitCheck::Ambiguous => "unsupported",
                CommitCheck::Unknown | CommitCheck::Unreachable | CommitCheck::DatedAfter => {
                    "contradicted"
                }
            },
            line: c.source.line,
            date: c.date.as_deref(),
            subject: c.subject.as_deref(),
            url: c.url.as_deref(),
        })
        .collect()
}

/// One document's page.
pub fn document<'a>(
    theme: &Theme,
    site: &'a Site,
    inputs: &DocPageInputs<'a>,
    doc: &Document,
    staleness: Staleness<'_>,
) -> anyhow::Result<String> {
    let evidence = inputs.evidence(doc.path.as_str());
    let marked = doc.format == SourceFormat::Markdown;
    let stated = inputs.claims_in(doc.path.as_str());
    let counts = ClaimCounts::of(stated);
    let claims = doc_claims(inputs, stated, marked);
    let body = body_html(doc, &inputs.text_of(doc), evidence);
    let body = match marked {
        true => place_marks(&body, &claim_marks(&claims)),
        false => body,
    };
    let backlinks: Vec<_> = evidence
        .map(|e| {
            e.referenced_by.iter().filter_map(|p| inputs.doc(p.as_str())).map(DocView::of).collect()
        })
        .unwrap_or_default();
    // The site's diagnostics are sorted by path (`Site::diagnostics`): this
    // document's are one run of them, found by binary search, not a scan
    // of all of them per page.
    let start = site.diagnostics.partition_point(|d| d.path.as_str() < doc.path.as_str());
    let diagnostics: Vec<_> = site.diagnostics[start..]
        .iter()
        .take_while(|d| d.path == doc.path)
        .map(|d| DiagnosticView::of(site, d))
        .collect();
    let mut context = Context::new();
    context.insert("nav", "");
    context.insert("commits", &commit_views(site, doc));
    let rows = task_rows(inputs, doc);
    context.insert("tasks_first", &(rows.len() <= TASKS_BEFORE_BODY));
    context.insert("n_tasks", &rows.len());
    if task_row::document_rows_are_default(theme) {
        let root = crate::link::root_prefix(&doc.url);
        let mut html = String::with_capacity(rows.len() * 400);
        for row in &rows {
            task_row::write_document_row(&mut html, row, &root);
        }
        context.insert("task_rows", &[(); 0]);
        context.insert("task_rows_html", &html);
    } else {
        context.insert("task_rows", &rows);
    }
    context.insert("summary", &doc_summary(site, inputs, doc, staleness));
    context.insert("graph_url", &site.plan_graphs.get(&doc.path).map(|url| href(url)));
    context.insert("doc", &DocView::of(doc));
    context.insert("toc", &doc.headings);
    context.insert("body", &body);
    context.insert("evidence", &evidence.map(EvidenceView::of));
    context.insert("provenance", &evidence.and_then(|_| provenance_view(site, doc)));
    let supports: Vec<&str> =
        evidence.map(|e| e.tasks.iter().map(String::as_str).collect()).unwrap_or_default();
    context.insert("supports", &inputs.task_links(&supports));
    context.insert("backlinks", &backlinks);
    context.insert("diagnostics", &diagnostics);
    context.insert("runs", &evidence.map(|e| run_views(e, Some(doc))).unwrap_or_default());
    insert_claims(&mut context, inputs, doc, claims, counts);
    let raw = (doc.format != SourceFormat::Markdown).then(|| href(&raw_url(&doc.path)));
    context.insert("raw_url", &raw);
    context.insert("raw_as_text", &!keeps_name(&doc.path));
    context.insert("shown", &doc.shown.as_ref().map(shown_note));
    super::evidence::insert_summary(&mut context, site, doc, evidence);
    render_page(theme, "document.html", &doc.url, context)
}

/// How many claims a document's page lists, and how many claims checked
/// against it: a page of a few hundred thousand (a pasted dump of figures)
/// took gigabytes to render and no one reads it; status.json lists all.
const CLAIMS_SHOWN: usize = 1_000;

/// The claims stated in the document that its page lists, in source order,
/// each with its entry's id (and its mark's, when `marked`): the first
/// [`CLAIMS_SHOWN`] in the list's order (contradicted first, then by line).
fn doc_claims<'a>(
    inputs: &DocPageInputs<'a>,
    stated: &'a [Claim],
    marked: bool,
) -> Vec<(Verdict, DocClaim<'a>)> {
    let shown = shown_claims(stated);
    let mut claims = Vec::with_capacity(stated.len().min(CLAIMS_SHOWN));
    let mut seen: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for (claim, shown) in stated.iter().zip(shown) {
        // Every claim counts towards its line's ids, shown or not.
        let n = seen.entry(claim.source.line).or_default();
        *n += 1;
        if !shown {
            continue;
        }
        let id = match *n {
            1 => claim_id(claim.source.line),
            n => format!("{}-{n}", claim_id(claim.source.line)),
        };
        let mark = marked.then(|| mark_id(&id));
        claims.push((claim.verdict, DocClaim { id, mark, claim: inputs.claim_view(claim) }));
    }
    claims
}

/// Which of a document's claims its page lists.
fn shown_claims(stated: &[Claim]) -> Vec<bool> {
    if stated.len() <= CLAIMS_SHOWN {
        return vec![true; stated.len()];
    }
    let mut order: Vec<usize> = (0..stated.len()).collect();
    order.sort_by_key(|&at| (verdict_order(stated[at].verdict), stated[at].source.line));
    let mut shown = vec![false; stated.len()];
    for at in order.into_iter().take(CLAIMS_SHOWN) {
        shown[at] = true;
    }
    shown
}

/// Where a verdict's claims come in a document's list.
fn verdict_order(verdict: Verdict) -> Option<usize> {
    VERDICTS.iter().position(|&v| v == verdict)
}

/// How many claims a document states, in all and by verdict.
struct ClaimCounts {
    all: usize,
    contradicted: usize,
    by_verdict: Vec<serde_json::Value>,
}

impl ClaimCounts {
    fn of(claims: &[Claim]) -> ClaimCounts {
        let by_verdict = VERDICTS
            .iter()
            .map(|&v| (verdict_name(v), claims.iter().filter(|c| c.verdict == v).count()))
            .filter(|&(_, count)| count > 0)
            .map(|(verdict, count)| serde_json::json!({ "verdict": verdict, "count": count }))
            .collect();
        let contradicted = claims.iter().filter(|c| c.verdict == Verdict::Contradicted).count();
        ClaimCounts { all: claims.len(), contradicted, by_verdict }
    }
}

/// The marks of the claims, in line order (the claims come in source order).
fn claim_marks(claims: &[(Verdict, DocClaim<'_>)]) -> Vec<Mark> {
    let mut marks: Vec<Mark> = claims.iter().map(|(_, c)| mark(&c.id, &c.claim)).collect();
    marks.sort_by_key(|m| m.line);
    marks
}

/// The claims stated in the document, contradicted first, then unsupported,
/// then supported, each group in line order; and those checked against it
/// when it is evidence.
fn insert_claims(
    context: &mut Context,
    inputs: &DocPageInputs<'_>,
    doc: &Document,
    mut claims: Vec<(Verdict, DocClaim<'_>)>,
    counts: ClaimCounts,
) {
    claims.sort_by_key(|(verdict, c)| (verdict_order(*verdict), c.claim.line));
    let claims: Vec<_> = claims.into_iter().map(|(_, c)| c).collect();
    context.insert("claims", &claims);
    context.insert("n_claims", &counts.all);
    context.insert("claim_counts", &counts.by_verdict);
    context.insert("n_contradicted_claims", &counts.contradicted);
    let checked: &[_] = inputs.claims_against().get(doc.path.as_str()).map_or(&[], Vec::as_slice);
    let shown = &checked[..checked.len().min(CLAIMS_SHOWN)];
    context.insert("checked_claims", &inputs.claim_views(shown));
    context.insert("n_checked_claims", &checked.len());
}

/// The rows of the tasks the document defines, in source order.
fn task_rows<'a>(inputs: &DocPageInputs<'a>, doc: &Document) -> Vec<TaskRow<'a>> {
    doc.tasks
        .iter()
        .filter_map(|id| inputs.task(id.as_str()))
        .map(|task| TaskRow { own_page: !task.url.contains('#'), task: TaskView::of(task, None) })
        .collect()
}

/// When the document is a plan, its summary: progress, the verified share
/// of done work, what blocks it, its phases.
fn doc_summary<'a>(
    site: &'a Site,
    inputs: &DocPageInputs<'a>,
    doc: &Document,
    staleness: Staleness<'_>,
) -> Option<DocSummary<'a>> {
    let idx = site.plans.binary_search_by(|p| p.path.as_str().cmp(&doc.path)).ok()?;
    let plan = &site.plans[idx];
    let summary = plan_summary(site, &inputs.plan_index(), plan, staleness)?;
    // A session's to-dos or a guide's checklist are shown in the tasks
    // table alone: the summary is for the work of plans and trackers.
    if !matches!(doc.kind, DocKind::Plan | DocKind::Tracker) {
        return None;
    }
    let tasks: Vec<&Task> = plan.tasks.iter().filter_map(|id| inputs.task(id.as_str())).collect();
    let blockers = blockers(inputs, &tasks);
    let progress = &summary.progress;
    let verified_share = (progress.verified * 100).checked_div(progress.done).unwrap_or(0) as u32;
    Some(DocSummary {
        burnup: inputs.burnup(&tasks, staleness.as_of),
        n_blockers: blockers.len(),
        blockers: blockers.into_iter().take(SUMMARY_BLOCKERS).collect(),
        verified_share,
        plan: summary,
    })
}

/// The tasks that hold up a plan: blocked ones first, then the unfinished
/// ones that wait on unfinished dependencies, each in source order.
fn blockers<'a>(inputs: &DocPageInputs<'a>, tasks: &[&'a Task]) -> Vec<Blocker<'a>> {
    let unfinished = |t: &Task| !matches!(t.status, TaskStatus::Done | TaskStatus::Skipped);
    let waiting_on = |task: &Task| -> Vec<TaskLink<'a>> {
        task.depends_on
            .iter()
            .filter_map(|id| inputs.task(id.as_str()))
            .filter(|dep| unfinished(dep))
            .map(TaskLink::of)
            .collect()
    };
    let blocked = tasks.iter().filter(|t| t.status == TaskStatus::Blocked);
    let waiting = tasks.iter().filter(|t| t.status != TaskStatus::Blocked && unfinished(t));
    blocked
        .map(|t| Blocker { task: TaskLink::of(t), waiting_on: waiting_on(t) })
        .chain(
            waiting
                .map(|t| Blocker { task: TaskLink::of(t), waiting_on: waiting_on(t) })
                .filter(|b| !b.waiting_on.is_empty()),
        )
        .collect()
}
