//! The tracker: a small page of every task at a glance, and a static page
//! for each value of each facet (status, verification, phase, track, owner,
//! scope) that lists its tasks. A plan's tasks are listed on the plan's own
//! page, in its tasks table, with the same columns: the plan facet links
//! there rather than repeat the table on a page of its own.
//!
//! Filtering works without JavaScript: a facet page *is* the filter, linked
//! from the tracker with its count, and its table is grouped the way a
//! person sorts it (counted work first, then by document and line). The
//! portal's own `assets/tracker.js` only adds sorting by a column and a
//! text filter to those tables. No page grows with the tree: the tracker
//! caps what it lists and links the rest, and a facet's tasks are split into
//! pages of [`PAGE_ROWS`] (`tracker/owner/qa.html`, `tracker/owner/qa.p2.html`).
//! The task pages themselves are in `tasks`.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::model::{Site, Task, TaskScope, TaskStatus, Verification, fit_url, href, slug};
use crate::render::Emit;
use crate::render::context::tasks::{
    Progress, TaskLink, TaskView, status_label, status_name, verification_name,
};
use crate::render::pages::{DocPageInputs, Lists, render_page, task_row};
use crate::render::theme::Theme;
use crate::spill::{Span, Spill};

/// How many tasks one page of a facet lists.
pub const PAGE_ROWS: usize = 200;

/// How many values of a facet the tracker lists before "all N".
const SUMMARY_VALUES: usize = 8;

/// How many cards a column of the tracker's board holds.
const BOARD_CARDS: usize = 6;

/// How many tasks the tracker's list of work to look at holds.
const LOOK_ROWS: usize = 40;

/// The tracker and every facet page, each handed to `emit` as (URL, HTML)
/// once it is made, in no set order.
pub fn pages<'a>(
    theme: &Theme,
    site: &'a Site,
    inputs: &DocPageInputs<'a>,
    emit: &Emit<'_>,
) -> anyhow::Result<()> {
    // The tasks by their place in `site.tasks`: every facet lists every
    // task, a million of them at 100,000 documents, and a place is half
    // the size of a reference.
    let Ok(n_tasks) = u32::try_from(site.tasks.len()) else {
        anyhow::bail!("{} tasks are more than the tracker can list", site.tasks.len());
    };
    let mut ordered: Vec<u32> = (0..n_tasks).collect();
    // Stable, as `sort_by`, on both threads.
    ordered.par_sort_by(|&a, &b| {
        let (a, b) = (&site.tasks[a as usize], &site.tasks[b as usize]);
        (a.scope != TaskScope::Headline)
            .cmp(&(b.scope != TaskScope::Headline))
            .then_with(|| a.source.cmp(&b.source))
    });
    let facets = facets(&site.tasks, &ordered, inputs);
    // The pages that list no rows come first, while the rows are not yet
    // made: a facet's index lists every value (4 MB for the plans at
    // 10,000 documents, several times that while it renders), and at
    // 100,000 documents the rows are 520 MB. The indexes are made one
    // after another, each one's rows in parallel: the plans' and the
    // phases' side by side took 120 MB more at 100,000 documents.
    let (tracker_page, indexes) = rayon::join(
        || tracker(theme, site, inputs, &facets),
        || {
            facets.iter().try_for_each(|facet| {
                let url = facet.index_url();
                let html = facet_index(theme, facet, &url)?;
                emit(url, html)
            })
        },
    );
    indexes?;
    emit("tasks.html".to_string(), tracker_page?)?;
    let rows = Rows::of(theme, site, inputs, &ordered)?;
    let mut jobs: Vec<(&Facet<'_>, &Value<'_>, usize)> = Vec::new();
    for facet in &facets {
        for value in facet.values.iter().filter(|value| value.elsewhere.is_none()) {
            for page in 1..=value.n_pages() {
                jobs.push((facet, value, page));
            }
        }
    }
    // Each page goes to `emit` as soon as it is made: at 10,000 documents
    // the facet pages are 130 MB, which need not be in memory at once.
    jobs.par_iter().try_for_each(|&(facet, value, page)| {
        let url = value.url(facet.key, page);
        let at = Page { facet, value, page, url: &url };
        let html = value_page(theme, inputs, &rows, &at)?;
        emit(url, html)
    })
}

/// Each task's row of a facet page's table, made once: a task is listed
/// on a page of every facet, and the rows are the bulk of those pages.
/// They wait in a temporary file ([`Spill`]): at 100,000 documents they are
/// 520 MB.
struct Rows {
    /// Where each task's row is, by task in the order of `site.tasks`
    /// (sorted by id).
    spans: Vec<Span>,
    store: Spill,
}

/// How many rows are made at once before they are set aside.
const ROWS_AT_ONCE: usize = 4096;

impl Rows {
    /// The rows of `ordered` (the tasks' places in the tracker's order,
    /// which is the order every facet page lists them in, so that a page's
    /// rows lie close together in the store).
    fn of(
        theme: &Theme,
        site: &Site,
        inputs: &DocPageInputs<'_>,
        ordered: &[u32],
    ) -> anyhow::Result<Rows> {
        let mut store = Spill::temporary();
        let mut spans = vec![Span { offset: 0, len: 0 }; site.tasks.len()];
        // Every facet page is two folders down, so one row serves them all.
        const URL: &str = "tracker/facet/value.html";
        let written = task_row::is_default(theme);
        let root = crate::link::root_prefix(URL);
        for chunk in ordered.chunks(ROWS_AT_ONCE) {
            let made = chunk
                .par_iter()
                .map(|&idx| {
                    let task = &site.tasks[idx as usize];
                    let view = TaskView::of(task, inputs.doc(task.plan.as_ref()));
                    if written {
                        let mut row = String::with_capacity(512);
                        task_row::write(&mut row, &view, &root);
                        return Ok(row);
                    }
                    let mut context = Context::new();
                    context.insert("t", &view);
                    render_page(theme, "task-row.html", URL, context)
                        .map_err(|err| err.context(format!("in the row of `{}`", task.id)))
                })
                .collect::<anyhow::Result<Vec<String>>>()?;
            // One write a chunk: the rows side by side, each span cut from
            // the chunk's.
            let mut joined = String::with_capacity(made.iter().map(String::len).sum());
            let mut cuts = Vec::with_capacity(made.len());
            for row in &made {
                let row = row.trim();
                cuts.push((joined.len() as u64, row.len() as u32));
                joined.push_str(row);
            }
            drop(made);
            let at = store.append(joined.as_bytes()).map_err(|err| {
                anyhow::Error::new(err).context("setting the tracker's rows aside")
            })?;
            for (&idx, (offset, len)) in chunk.iter().zip(cuts) {
                spans[idx as usize] = Span { offset: at.offset + offset, len };
            }
        }
        Ok(Rows { spans, store })
    }

    /// The rows of these tasks (their places), one after another, each on
    /// a line.
    fn join(&self, tasks: &[u32]) -> anyhow::Result<String> {
        let spans: Vec<Span> = tasks.iter().map(|&idx| self.spans[idx as usize]).collect();
        let bytes = self
            .store
            .gather(&spans, b'\n')
            .map_err(|err| anyhow::Error::new(err).context("reading the tracker's rows back"))?;
        Ok(String::from_utf8(bytes)?)
    }
}

/// One way to split the tasks: its values, each with its tasks.
struct Facet<'a> {
    /// The name in URLs: `status`, `owner`.
    key: &'static str,
    /// As a heading: `Status`, `Owner`.
    title: &'static str,
    /// What a value is, in the plural: `owners`.
    plural: &'static str,
    /// The values, in the order they are shown.
    values: Vec<Value<'a>>,
    /// How many tasks have no value (no owner, no track).
    n_without: usize,
}

/// One value of a facet and its tasks, in the tracker's order.
struct Value<'a> {
    /// Unique within the facet; its page's file name.
    slug: String,
    /// As shown.
    label: String,
    /// What it belongs to (a phase's plan), as shown.
    group: Option<String>,
    /// The CSS classes of its pill (`status done`), if it has one.
    class: Option<String>,
    /// Its tasks' places in `all`, in the tracker's order.
    tasks: Vec<u32>,
    /// Every task (`site.tasks`).
    all: &'a [Task],
    /// How far its tasks are, counted once for all its pages.
    progress: Progress,
    /// Where its tasks are listed when that is not a page of the tracker:
    /// a plan's tasks table on the plan's page.
    elsewhere: Option<String>,
}

impl Facet<'_> {
    fn index_url(&self) -> String {
        format!("tracker/{}/index.html", self.key)
    }
}

impl<'a> Value<'a> {
    /// The value with its progress counted.
    fn counted(mut self) -> Self {
        self.progress = Progress::of(self.listed());
        self
    }

    /// Its tasks, in the tracker's order.
    fn listed(&self) -> impl Iterator<Item = &'a Task> + '_ {
        self.tasks.iter().map(|&idx| &self.all[idx as usize])
    }

    /// The first of its tasks.
    fn first(&self) -> Option<&'a Task> {
        self.listed().next()
    }

    fn n_pages(&self) -> usize {
        self.tasks.len().div_ceil(PAGE_ROWS).max(1)
    }

    /// The URL of page `page` (from 1) of this value's tasks.
    fn url(&self, facet: &str, page: usize) -> String {
        match page {
            1 => fit_url(&format!("tracker/{facet}/{}.html", self.slug)),
            n => fit_url(&format!("tracker/{facet}/{}.p{n}.html", self.slug)),
        }
    }
}

/// Every facet of the tasks (`ordered` gives their places in `all` in the
/// tracker's order).
fn facets<'a>(all: &'a [Task], ordered: &[u32], inputs: &DocPageInputs<'a>) -> Vec<Facet<'a>> {
    let plan_title =
        |path: &str| inputs.doc(path).map_or_else(|| path.to_string(), |d| d.title.clone());
    let statuses = [
        TaskStatus::InProgress,
        TaskStatus::Blocked,
        TaskStatus::Open,
        TaskStatus::Done,
        TaskStatus::Skipped,
    ];
    let status = fixed(
        (all, ordered),
        Some("status"),
        &statuses,
        |t| t.status,
        |s| (status_name(s), status_label(s)),
    );
    // Work not done yet is the open, in progress and blocked statuses over
    // again: the verification facet holds done work only.
    let verifications = [Verification::Contradicted, Verification::Claimed, Verification::Verified];
    let verification = fixed(
        (all, ordered),
        Some("verification"),
        &verifications,
        |t| t.verification,
        |v| (verification_name(v), verification_label(v)),
    );
    let scopes = [
        TaskScope::Headline,
        TaskScope::Subtask,
        TaskScope::Session,
        TaskScope::Page,
        TaskScope::Archived,
    ];
    let scope = fixed((all, ordered), None, &scopes, |t| t.scope, |s| (s.as_str(), scope_label(s)));
    // Plans by title, then path; phases by plan, then where they start.
    let plans = || {
        let (mut plans, _) = grouped((all, ordered), |t| {
            let title = plan_title(&t.plan);
            Some(((title.to_lowercase(), Arc::clone(&t.plan)), (t.plan.to_string(), title, None)))
        });
        for plan in &mut plans {
            let doc = plan.first().and_then(|t| inputs.doc(t.plan.as_ref()));
            plan.elsewhere = doc.map(|doc| format!("{}#tasks", doc.url));
        }
        plans
    };
    let phases = || {
        grouped((all, ordered), |t| {
            let phase = t.phase.as_deref()?;
            let title = plan_title(&t.plan);
            let key = (title.to_lowercase(), t.plan.clone(), phase.to_string());
            Some((key, (format!("{} {phase}", t.plan), phase.to_string(), Some(title))))
        })
    };
    let by_name = |name: &str| (name.to_lowercase(), name.to_string());
    let tracks = || {
        grouped((all, ordered), |t| {
            let track = t.track.as_deref()?;
            Some((by_name(track), (track.to_string(), track.to_string(), None)))
        })
    };
    let owners = || {
        grouped((all, ordered), |t| {
            let owner = t.owner.as_deref()?;
            Some((by_name(owner), (owner.to_string(), owner.to_string(), None)))
        })
    };
    // Each goes over every task (107,000 at 10,000 documents) while the
    // tracker's other work waits: two at a time.
    let ((plans, (phases, n_no_phase)), ((tracks, n_no_track), (owners, n_no_owner))) =
        rayon::join(|| rayon::join(plans, phases), || rayon::join(tracks, owners));
    let facet =
        |key, title, plural, values, n_without| Facet { key, title, plural, values, n_without };
    vec![
        facet("status", "Status", "statuses", status, 0),
        facet("verification", "Verification", "verification states", verification, 0),
        facet("plan", "Plan", "plans and other documents", plans, 0),
        facet("phase", "Phase", "phases", phases, n_no_phase),
        facet("track", "Track", "tracks", tracks, n_no_track),
        facet("owner", "Owner", "owners", owners, n_no_owner),
        facet("scope", "Counted or not", "scopes", scope, 0),
    ]
}

/// The values of a facet with a fixed list of values, in that order; values
/// no task has are left out.
fn fixed<'a, V: PartialEq + Copy>(
    (all, ordered): (&'a [Task], &[u32]),
    pill: Option<&str>,
    values: &[V],
    of: impl Fn(&Task) -> V,
    names: impl Fn(V) -> (&'static str, &'static str),
) -> Vec<Value<'a>> {
    values
        .iter()
        .map(|&value| {
            let (name, label) = names(value);
            Value {
                slug: name.to_string(),
                label: label.to_string(),
                group: None,
                class: pill.map(|kind| format!("{kind} {name} heading")),
                tasks: ordered
                    .iter()
                    .copied()
                    .filter(|&idx| of(&all[idx as usize]) == value)
                    .collect(),
                all,
                progress: Progress::default(),
                elsewhere: None,
            }
        })
        .filter(|value| !value.tasks.is_empty())
        .map(Value::counted)
        .collect()
}

/// The values of a facet that the tasks name, sorted by key; `of` gives a
/// task's sort key and (text to slug, label, group). Returns the values and
/// how many tasks have none.
#[allow(clippy::type_complexity)]
fn grouped<'a, K: Ord>(
    (all, ordered): (&'a [Task], &[u32]),
    of: impl Fn(&Task) -> Option<(K, (String, String, Option<String>))>,
) -> (Vec<Value<'a>>, usize) {
    let mut groups: BTreeMap<K, ((String, String, Option<String>), Vec<u32>)> = BTreeMap::new();
    let mut n_without = 0;
    for &idx in ordered {
        match of(&all[idx as usize]) {
            Some((key, names)) => {
                groups.entry(key).or_insert_with(|| (names, Vec::new())).1.push(idx)
            }
            None => n_without += 1,
        }
    }
    // `index` is the facet's own page; two values whose slugs agree get -2, -3.
    let mut taken: BTreeSet<String> = BTreeSet::from(["index".to_string()]);
    let values = groups
        .into_values()
        .map(|((to_slug, label, group), tasks)| {
            let base = slug(&to_slug);
            let mut unique = base.clone();
            let mut n = 2;
            while !taken.insert(unique.clone()) {
                unique = format!("{base}-{n}");
                n += 1;
            }
            let progress = Progress::default();
            let elsewhere = None;
            Value { slug: unique, label, group, class: None, tasks, all, progress, elsewhere }
                .counted()
        })
        .collect();
    (values, n_without)
}

fn verification_label(verification: Verification) -> &'static str {
    match verification {
        Verification::Verified => "Verified",
        Verification::Claimed => "Claimed",
        Verification::Contradicted => "Contradicted",
        Verification::Pending => "Not done yet",
    }
}

fn scope_label(scope: TaskScope) -> &'static str {
    match scope {
        TaskScope::Headline => "Counted in the headline",
        TaskScope::Subtask => "Subtasks",
        TaskScope::Session => "Session to-dos",
        TaskScope::Page => "Checklists of pages",
        TaskScope::Archived => "Archived",
    }
}

/// A value in a summary or index: its name, count, progress and link.
#[derive(Serialize)]
struct ValueView<'v> {
    slug: &'v str,
    label: &'v str,
    group: Option<&'v str>,
    class: Option<&'v str>,
    n_tasks: usize,
    progress: &'v Progress,
    url: String,
}

impl<'v> ValueView<'v> {
    fn of(facet: &Facet<'_>, value: &'v Value<'_>) -> ValueView<'v> {
        ValueView {
            slug: &value.slug,
            label: &value.label,
            group: value.group.as_deref(),
            class: value.class.as_deref(),
            n_tasks: value.tasks.len(),
            progress: &value.progress,
            url: href(value.elsewhere.as_deref().unwrap_or(&value.url(facet.key, 1))),
        }
    }
}

/// A facet with some of its values, for the tracker or an index page.
#[derive(Serialize)]
struct FacetView<'v> {
    key: &'static str,
    title: &'static str,
    plural: &'static str,
    n_values: usize,
    n_without: usize,
    values: Vec<ValueView<'v>>,
    url: String,
}

impl<'v> FacetView<'v> {
    /// The view of a facet with at most `cap` values, the ones with the
    /// most tasks, in the facet's order.
    fn of(facet: &'v Facet<'_>, cap: usize) -> FacetView<'v> {
        // A page of one value shows none: no need to rank them all.
        let mut shown: Vec<usize> =
            if cap == 0 { Vec::new() } else { (0..facet.values.len()).collect() };
        if shown.len() > cap {
            shown.sort_by_key(|&idx| (std::cmp::Reverse(facet.values[idx].tasks.len()), idx));
            shown.truncate(cap);
            shown.sort_unstable();
        }
        FacetView {
            key: facet.key,
            title: facet.title,
            plural: facet.plural,
            n_values: facet.values.len(),
            n_without: facet.n_without,
            values: shown.into_iter().map(|idx| ValueView::of(facet, &facet.values[idx])).collect(),
            url: href(&facet.index_url()),
        }
    }
}

/// The tracker: the headline bar, a board by status (capped), each facet
/// with its largest values, and the work to look at first (capped).
fn tracker(
    theme: &Theme,
    site: &Site,
    inputs: &DocPageInputs<'_>,
    facets: &[Facet<'_>],
) -> anyhow::Result<String> {
    let headline: Vec<&Task> =
        site.tasks.iter().filter(|t| t.scope == TaskScope::Headline).collect();
    let status_facet = facets.iter().find(|f| f.key == "status");
    let board: Vec<serde_json::Value> = [
        TaskStatus::InProgress,
        TaskStatus::Blocked,
        TaskStatus::Open,
        TaskStatus::Done,
        TaskStatus::Skipped,
    ]
    .iter()
    .map(|&status| {
        let tasks: Vec<&Task> = headline.iter().copied().filter(|t| t.status == status).collect();
        let value =
            status_facet.and_then(|f| f.values.iter().find(|v| v.slug == status_name(status)));
        serde_json::json!({
            "status": status_name(status),
            "label": status_label(status),
            "n": tasks.len(),
            "n_all": value.map_or(0, |v| v.tasks.len()),
            "url": value.map(|v| href(&v.url("status", 1))),
            "tasks": tasks.iter().take(BOARD_CARDS).map(|t| TaskLink::of(t)).collect::<Vec<_>>(),
        })
    })
    .collect();
    // Work to look at first: done but contradicted, then blocked, in
    // progress and open, each in the tracker's order.
    let rank = |t: &Task| match (t.status, t.verification) {
        (_, Verification::Contradicted) => Some(0),
        (TaskStatus::Blocked, _) => Some(1),
        (TaskStatus::InProgress, _) => Some(2),
        (TaskStatus::Open, _) => Some(3),
        _ => None,
    };
    let mut look: Vec<(u8, &Task)> =
        headline.iter().filter_map(|t| rank(t).map(|r| (r, *t))).collect();
    look.sort_by(|a, b| (a.0, &a.1.source).cmp(&(b.0, &b.1.source)));
    let n_look = look.len();
    let look: Vec<TaskView<'_>> = look
        .iter()
        .take(LOOK_ROWS)
        .map(|(_, t)| TaskView::of(t, inputs.doc(t.plan.as_ref())))
        .collect();
    let mut context = Context::new();
    context.insert("nav", "tasks");
    context.insert("overall", &Progress::of(headline.iter().copied()));
    context.insert("n_tasks", &site.tasks.len());
    context.insert("board", &board);
    context.insert(
        "facets",
        &facets.iter().map(|f| FacetView::of(f, SUMMARY_VALUES)).collect::<Vec<_>>(),
    );
    context.insert("look", &look);
    context.insert("n_look", &n_look);
    render_page(theme, "tasks.html", "tasks.html", context)
}

/// The page of every value of one facet, with counts and progress.
fn facet_index(theme: &Theme, facet: &Facet<'_>, url: &str) -> anyhow::Result<String> {
    // The values' rows are made apart from the page: the plans' index lists
    // every plan, 40 MB of HTML at 100,000 documents.
    let values: Vec<ValueView<'_>> = facet.values.iter().map(|v| ValueView::of(facet, v)).collect();
    let mut lists = Lists::new();
    lists.add(theme, "facet-rows.html", url, "values", &values)?;
    let mut context = Context::new();
    context.insert("nav", "tasks");
    context.insert("facet", &FacetView::of(facet, 0));
    lists.insert(&mut context);
    Ok(lists.splice(render_page(theme, "facets.html", url, context)?))
}

/// Which page of which value of which facet.
struct Page<'p, 'a> {
    facet: &'p Facet<'a>,
    value: &'p Value<'a>,
    /// From 1.
    page: usize,
    url: &'p str,
}

/// The document a phase's tasks come from, linked: a phase's page leads
/// on to its plan.
fn plan_links(at: &Page<'_, '_>, inputs: &DocPageInputs<'_>) -> serde_json::Value {
    let plan = match at.facet.key {
        "phase" => at.value.first().map(|t| t.plan.as_ref()),
        _ => None,
    };
    let Some(doc) = plan.and_then(|plan| inputs.doc(plan)) else {
        return serde_json::Value::Null;
    };
    serde_json::json!({ "doc_title": doc.title, "doc_url": href(&doc.url) })
}

/// One page of the tasks of one value of a facet.
fn value_page(
    theme: &Theme,
    inputs: &DocPageInputs<'_>,
    rows: &Rows,
    at: &Page<'_, '_>,
) -> anyhow::Result<String> {
    let (facet, value, page, url) = (at.facet, at.value, at.page, at.url);
    let listed = &value.tasks[(page - 1) * PAGE_ROWS..value.tasks.len().min(page * PAGE_ROWS)];
    let rows_html = rows.join(listed)?;
    let page_url = |n: usize| href(&value.url(facet.key, n));
    let mut context = Context::new();
    context.insert("nav", "tasks");
    context.insert("facet", &FacetView::of(facet, 0));
    context.insert("value", &ValueView::of(facet, value));
    context.insert("rows", &[(); 0]);
    context.insert("rows_html", &rows_html);
    context.insert("first_row", &((page - 1) * PAGE_ROWS + 1));
    context.insert("last_row", &((page - 1) * PAGE_ROWS + listed.len()));
    super::insert_pager(&mut context, page, value.n_pages(), page_url);
    context.insert("plan", &plan_links(at, inputs));
    render_page(theme, "facet.html", url, context)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Source, TaskForm};

    fn owned(owners: &[&str]) -> Vec<Task> {
        owners
            .iter()
            .enumerate()
            .map(|(n, owner)| {
                let source = Source { path: "p.md".into(), line: n + 1 };
                let mut task = Task::new(
                    format!("T-{n}"),
                    "x".into(),
                    TaskStatus::Open,
                    source,
                    TaskForm::TableRow,
                );
                task.owner = Some((*owner).into());
                task
            })
            .collect()
    }

    #[test]
    fn value_slugs_are_unique_and_never_the_index() {
        let tasks = owned(&["Index", "QA/Frontend", "QA Frontend", "qa-frontend"]);
        let ordered: Vec<u32> = (0..4).collect();
        let (values, n_without) = grouped((&tasks, &ordered), |t| {
            let owner = t.owner.as_deref()?.to_string();
            Some((owner.clone(), (owner.clone(), owner, None)))
        });
        let slugs: Vec<(&str, &str)> =
            values.iter().map(|v| (v.label.as_str(), v.slug.as_str())).collect();
        assert_eq!(
            slugs,
            [
                ("Index", "index-2"),
                ("QA Frontend", "qa-frontend"),
                ("QA/Frontend", "qa-frontend-2"),
                ("qa-frontend", "qa-frontend-3"),
            ]
        );
        assert_eq!(n_without, 0);
    }

    #[test]
    fn pages_of_a_value_are_numbered_from_the_second() {
        let tasks = owned(&["QA"; 401]);
        let value = Value {
            slug: "qa".into(),
            label: "QA".into(),
            group: None,
            class: None,
            tasks: (0..401).collect(),
            all: &tasks,
            progress: Progress::default(),
            elsewhere: None,
        };
        assert_eq!(value.n_pages(), 3);
        assert_eq!(value.url("owner", 1), "tracker/owner/qa.html");
        assert_eq!(value.url("owner", 3), "tracker/owner/qa.p3.html");
    }
}
