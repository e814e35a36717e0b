//! The dependency graph pages: `graph.html` for every task that takes part
//! in dependencies, and `graph/<plan>.html` for each plan (or tracker) whose
//! tasks do, with the tasks of other plans they touch drawn as such.
//!
//! Tasks with no dependencies either way are not drawn; the page says how
//! many. The critical path (computed by `crate::graph`) is marked on nodes
//! and edges and listed as text, with the cycles, for readers who cannot see
//! the drawing. A drawing holds at most [`MAX_NODES`] tasks: past that, the
//! separate pieces of the graph are drawn most important first (the one with
//! the critical path, then the most unfinished work) and the rest are named
//! as left out, with the per-plan graphs that show them. Placing is in
//! `layout`, drawing in `svg`.

pub mod layout;
pub mod svg;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;
use tera::Context;

use crate::model::{Site, TaskStatus, document_at, task_position};
use crate::render::Emit;
use crate::render::context::tasks::TaskLink;
use crate::render::pages::render_page;
use crate::render::theme::Theme;
use svg::{Edge, Node};

/// The most tasks one drawing holds: readable, and laid out in well under a
/// second (about 35 ms at 300 tasks in a release build).
pub const MAX_NODES: usize = 500;

/// The overall graph page.
pub const URL: &str = "graph.html";

/// A plan's graph page, listed on the overall page.
#[derive(Debug, Serialize)]
struct PlanGraphLink<'a> {
    title: &'a str,
    path: &'a str,
    url: String,
    n_tasks: usize,
}

/// One graph to draw: the tasks, whose plan it is, and where its page goes.
struct Scope<'a> {
    url: String,
    plan: Option<(&'a str, &'a str)>,
    /// Indexes into `site.tasks` of the tasks that belong to the scope, in
    /// ascending order.
    members: Vec<usize>,
}

/// Everything the pages share: task indexes, edges both ways, cycles.
struct Index<'a> {
    site: &'a Site,
    /// For each task, the tasks it depends on (known ones only, sorted).
    deps: Adjacency,
    /// For each task, the tasks that depend on it (sorted).
    dependents: Adjacency,
    /// The cycles of the whole graph, each as the ids on it; found once,
    /// for every page.
    cycles: Vec<Vec<String>>,
    in_cycle: Vec<bool>,
    plan_titles: HashMap<&'a str, &'a str>,
}

impl<'a> Index<'a> {
    fn new(site: &'a Site) -> Index<'a> {
        // The cycles first: finding them holds a map and lists of its own,
        // let go of before the index's are made.
        let cycles = crate::graph::cycles(&site.tasks);
        let on_cycles: BTreeSet<&str> = cycles.iter().flatten().map(String::as_str).collect();
        let in_cycle = site.tasks.iter().map(|t| on_cycles.contains(t.id.as_str())).collect();
        let mut deps = Adjacency::with_capacity(site.tasks.len());
        let mut list = Vec::new();
        for task in &site.tasks {
            list.clear();
            list.extend(task.depends_on.iter().filter_map(|d| task_position(&site.tasks, d)));
            list.sort_unstable();
            list.dedup();
            deps.push(&list);
        }
        let dependents = deps.reversed();
        let plan_titles =
            site.documents.iter().map(|d| (d.path.as_str(), d.title.as_str())).collect();
        Index { site, deps, dependents, cycles, in_cycle, plan_titles }
    }

    /// The index in `site.tasks` of the task with this id.
    fn position(&self, id: &str) -> Option<usize> {
        task_position(&self.site.tasks, id)
    }

    fn linked(&self, idx: usize) -> bool {
        !self.deps.of(idx).is_empty() || !self.dependents.of(idx).is_empty()
    }

    fn plan_title(&self, path: &'a str) -> &'a str {
        self.plan_titles.get(path).copied().unwrap_or(path)
    }
}

/// Every graph page, the overall one and one per plan, each handed to `emit`
/// as (url, html) once it is made.
pub fn pages(theme: &Theme, site: &Site, emit: &Emit<'_>) -> anyhow::Result<()> {
    use rayon::prelude::*;
    let index = Index::new(site);
    let scopes = plan_scopes(&index);
    let plan_links: Vec<PlanGraphLink<'_>> = scopes
        .iter()
        .filter_map(|s| {
            let (path, title) = s.plan?;
            Some(PlanGraphLink { title, path, url: s.url.clone(), n_tasks: s.members.len() })
        })
        .collect();
    let overall =
        Scope { url: URL.to_string(), plan: None, members: (0..site.tasks.len()).collect() };
    std::iter::once(&overall)
        .chain(&scopes)
        .collect::<Vec<_>>()
        .par_iter()
        .try_for_each(|scope| emit(scope.url.clone(), page(theme, &index, scope, &plan_links)?))
}

/// The tasks each task points to, one way, all in one list: task `i`'s are
/// `to[at[i]..at[i + 1]]`. A list of its own for each of a million tasks,
/// most of them empty, took 24 bytes a task each way.
struct Adjacency {
    at: Vec<usize>,
    to: Vec<usize>,
}

impl Adjacency {
    fn with_capacity(n_tasks: usize) -> Adjacency {
        let mut at = Vec::with_capacity(n_tasks + 1);
        at.push(0);
        Adjacency { at, to: Vec::new() }
    }

    /// Adds the next task's list.
    fn push(&mut self, list: &[usize]) {
        self.to.extend_from_slice(list);
        self.at.push(self.to.len());
    }

    /// Task `idx`'s list.
    fn of(&self, idx: usize) -> &[usize] {
        &self.to[self.at[idx]..self.at[idx + 1]]
    }

    /// The lists the other way: for each task, the tasks that point to it,
    /// in ascending order.
    fn reversed(&self) -> Adjacency {
        let n = self.at.len() - 1;
        let mut at = vec![0; n + 1];
        for &to in &self.to {
            at[to + 1] += 1;
        }
        for i in 0..n {
            at[i + 1] += at[i];
        }
        let mut next = at.clone();
        let mut to = vec![0; self.to.len()];
        for from in 0..n {
            for &target in self.of(from) {
                to[next[target]] = from;
                next[target] += 1;
            }
        }
        Adjacency { at, to }
    }
}

/// The plans (and trackers) whose tasks take part in dependencies, sorted
/// by path, each with the page URL the linker gave it
/// (`Site::plan_graphs`).
fn plan_scopes<'a>(index: &Index<'a>) -> Vec<Scope<'a>> {
    let mut by_plan: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (idx, task) in index.site.tasks.iter().enumerate() {
        by_plan.entry(task.plan.as_ref()).or_default().push(idx);
    }
    let mut scopes = Vec::new();
    for (path, members) in by_plan {
        let Some(url) = index.site.plan_graphs.get(path) else { continue };
        scopes.push(Scope {
            url: url.clone(),
            plan: Some((path, index.plan_title(path))),
            members,
        });
    }
    scopes
}

/// A scope's members, task indexes in ascending order.
#[derive(Clone, Copy)]
struct Members<'s>(&'s [usize]);

impl Members<'_> {
    fn contains(self, idx: usize) -> bool {
        self.0.binary_search(&idx).is_ok()
    }
}

/// What one graph page shows, before it is drawn.
struct Chosen {
    /// Task indexes drawn, most important piece first.
    drawn: Vec<usize>,
    /// Tasks of the scope with no dependency either way.
    n_unlinked: usize,
    /// Tasks (and pieces) that did not fit in the drawing.
    n_left_out: usize,
    n_pieces_left_out: usize,
}

fn page(
    theme: &Theme,
    index: &Index<'_>,
    scope: &Scope<'_>,
    plan_links: &[PlanGraphLink<'_>],
) -> anyhow::Result<String> {
    let site = index.site;
    let plan_path = scope.plan.map(|p| p.0);
    let critical: &[String] = match plan_path {
        None => &site.critical_path,
        Some(path) => site.plan_critical_paths.get(path).map_or(&[], Vec::as_slice),
    };
    let chosen = choose(index, scope, critical);
    let position: HashMap<usize, usize> =
        chosen.drawn.iter().enumerate().map(|(pos, &idx)| (idx, pos)).collect();
    let on_path: HashMap<&str, usize> =
        critical.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
    let nodes: Vec<Node<'_>> = chosen
        .drawn
        .iter()
        .map(|&idx| {
            let task = &site.tasks[idx];
            Node {
                task,
                critical: on_path.contains_key(task.id.as_str()),
                in_cycle: index.in_cycle[idx],
                elsewhere: plan_path
                    .filter(|path| &*task.plan != *path)
                    .map(|_| index.plan_title(&task.plan)),
            }
        })
        .collect();
    let mut edges: Vec<Edge> = Vec::new();
    for (&idx, &to) in &position {
        for dep in index.deps.of(idx) {
            let Some(&from) = position.get(dep) else { continue };
            let (a, b) = (&site.tasks[*dep].id, &site.tasks[idx].id);
            let critical = matches!((on_path.get(a.as_str()), on_path.get(b.as_str())), (Some(i), Some(j)) if i + 1 == *j);
            let in_cycle = index.in_cycle[*dep] && index.in_cycle[idx];
            edges.push(Edge { from, to, critical, in_cycle });
        }
    }
    edges.sort_unstable();
    let pairs: Vec<(usize, usize)> = edges.iter().map(|e| (e.from, e.to)).collect();
    let placed = layout::place(nodes.len(), &pairs);
    let title = match scope.plan {
        Some((_, title)) => format!("Dependencies of {title}"),
        None => "Dependency graph".to_string(),
    };
    let label = format!(
        "{title}: {} tasks, arrows from each task to the tasks that wait on it{}",
        nodes.len(),
        if critical.is_empty() { String::new() } else { ", the critical path marked".to_string() }
    );
    let root = crate::link::root_prefix(&scope.url);
    let drawing = if nodes.is_empty() {
        String::new()
    } else {
        svg::draw(&nodes, &edges, &placed, &root, &label)
    };
    let link = |id: &String| index.position(id).map(|i| TaskLink::of(&site.tasks[i]));
    let critical_links: Vec<TaskLink<'_>> = critical.iter().filter_map(link).collect();
    let cycles = cycle_lists(index, &chosen.drawn);
    let mut context = Context::new();
    context.insert("nav", "graph");
    context.insert("title", &title);
    context.insert(
        "plan",
        &scope.plan.map(|(path, title)| {
            let url = document_at(&site.documents, path).map(|d| crate::model::href(&d.url));
            serde_json::json!({ "path": path, "title": title, "url": url })
        }),
    );
    context.insert("svg", &drawing);
    context.insert("n_drawn", &nodes.len());
    context.insert("n_edges", &edges.len());
    context.insert("n_unlinked", &chosen.n_unlinked);
    context.insert("n_left_out", &chosen.n_left_out);
    context.insert("n_pieces_left_out", &chosen.n_pieces_left_out);
    context.insert("max_nodes", &MAX_NODES);
    context.insert("critical_path", &critical_links);
    context.insert(
        "critical_time",
        &crate::render::context::tasks::format_minutes(critical_minutes(index, critical)),
    );
    context.insert("cycles", &cycles);
    // The overall page lists every plan's graph; a plan's page links back to
    // the overall one only (1,500 plans at 10,000 documents made listing them
    // on every plan's page the largest cost of the build).
    let plan_links = if scope.plan.is_none() { plan_links } else { &[] };
    context.insert("plan_graphs", &plan_links);
    render_page(theme, "graph.html", &scope.url, context)
}

fn critical_minutes(index: &Index<'_>, critical: &[String]) -> u32 {
    let ids: BTreeSet<usize> = critical.iter().filter_map(|id| index.position(id)).collect();
    ids.into_iter()
        .map(|i| index.site.tasks[i].estimate_minutes.unwrap_or(60))
        .fold(0u32, u32::saturating_add)
}

/// The tasks of a scope to draw: those with a dependency either way, with
/// the tasks of other plans they touch, in pieces (weakly connected), the
/// piece with the critical path first, then those with the most unfinished
/// tasks, up to [`MAX_NODES`].
fn choose(index: &Index<'_>, scope: &Scope<'_>, critical: &[String]) -> Chosen {
    let site = index.site;
    // Ascending: a set of its own took 20 MB for the overall graph's
    // million tasks at 100,000 documents.
    let members = Members(&scope.members);
    let mut wanted: BTreeSet<usize> = BTreeSet::new();
    for &idx in members.0.iter().filter(|&&idx| index.linked(idx)) {
        wanted.insert(idx);
        if scope.plan.is_some() {
            wanted.extend(index.deps.of(idx).iter().chain(index.dependents.of(idx)).copied());
        }
    }
    let n_unlinked = members.0.iter().filter(|&&idx| !index.linked(idx)).count();
    let critical: BTreeSet<usize> = critical.iter().filter_map(|id| index.position(id)).collect();
    let mut pieces = pieces_of(index, &wanted, members, scope.plan.is_some());
    let unfinished = |piece: &Vec<usize>| {
        piece
            .iter()
            .filter(|&&i| !matches!(site.tasks[i].status, TaskStatus::Done | TaskStatus::Skipped))
            .count()
    };
    pieces.sort_by(|a, b| {
        let has_critical = |p: &Vec<usize>| p.iter().any(|i| critical.contains(i));
        has_critical(b)
            .cmp(&has_critical(a))
            .then_with(|| unfinished(b).cmp(&unfinished(a)))
            .then_with(|| b.len().cmp(&a.len()))
            .then_with(|| a[0].cmp(&b[0]))
    });
    let mut chosen = Chosen { drawn: Vec::new(), n_unlinked, n_left_out: 0, n_pieces_left_out: 0 };
    for piece in pieces {
        if chosen.drawn.len() + piece.len() <= MAX_NODES {
            chosen.drawn.extend(piece);
        } else {
            chosen.n_left_out += piece.iter().filter(|&&i| members.contains(i)).count();
            chosen.n_pieces_left_out += 1;
        }
    }
    chosen
}

/// The weakly connected pieces of the `wanted` tasks, each sorted with the
/// tasks on the way first: a piece's order decides which task leads it. In
/// a plan's graph only edges that touch the plan's own tasks count.
fn pieces_of(
    index: &Index<'_>,
    wanted: &BTreeSet<usize>,
    members: Members<'_>,
    plan_only: bool,
) -> Vec<Vec<usize>> {
    let mut seen: BTreeSet<usize> = BTreeSet::new();
    let mut pieces = Vec::new();
    for &start in wanted {
        if !seen.insert(start) {
            continue;
        }
        let mut piece = vec![start];
        let mut queue = vec![start];
        while let Some(node) = queue.pop() {
            for &next in index.deps.of(node).iter().chain(index.dependents.of(node)) {
                let counts = !plan_only || members.contains(node) || members.contains(next);
                if counts && wanted.contains(&next) && seen.insert(next) {
                    piece.push(next);
                    queue.push(next);
                }
            }
        }
        piece.sort_unstable();
        pieces.push(piece);
    }
    pieces
}

/// The cycles among the drawn tasks, each as links in id order.
fn cycle_lists<'a>(index: &Index<'a>, drawn: &[usize]) -> Vec<Vec<TaskLink<'a>>> {
    let drawn: BTreeSet<usize> = drawn.iter().copied().collect();
    index
        .cycles
        .iter()
        .filter(|cycle| {
            cycle.iter().any(|id| index.position(id).is_some_and(|i| drawn.contains(&i)))
        })
        .map(|cycle| {
            cycle
                .iter()
                .filter_map(|id| index.position(id))
                .map(|i| TaskLink::of(&index.site.tasks[i]))
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each task's lists both ways, from the one list of all edges: the
    /// tasks that point to a task come in ascending order, and a task with
    /// no edge either way has two empty lists.
    #[test]
    fn the_lists_the_other_way_hold_every_edge_once_in_order() {
        let mut deps = Adjacency::with_capacity(5);
        for list in [&[2, 3][..], &[], &[3], &[], &[0, 2]] {
            deps.push(list);
        }
        let dependents = deps.reversed();
        let each = |a: &Adjacency| (0..5).map(|i| a.of(i).to_vec()).collect::<Vec<_>>();
        assert_eq!(each(&deps), [vec![2, 3], vec![], vec![3], vec![], vec![0, 2]]);
        assert_eq!(each(&dependents), [vec![4], vec![], vec![0, 4], vec![0, 2], vec![]]);
        assert_eq!(each(&dependents.reversed()), each(&deps));
    }
}
