//! The dependency graph: cycles, the critical path, and stated paths checked.
//!
//! Edges run from a task to what it depends on. A cycle is a diagnostic (the
//! graph is still drawn). The critical path is the longest chain of
//! unfinished tasks, weighted by their estimates (a task with no estimate
//! counts as one hour, so unestimated chains still show). Where a plan states
//! its critical path (`T-001 → T-002 → …`), it is compared with the one
//! computed over that plan's tasks, and a difference is reported. Tasks with
//! no dependencies either way are not on any path.

use std::collections::{BTreeMap, HashMap};

use crate::diagnostics::Diagnostic;
use crate::model::{Plan, Task, TaskStatus};

/// The weight of a task with no estimate, in minutes.
const DEFAULT_MINUTES: u64 = 60;

/// What the graph stage finds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Graph {
    /// The longest chain of unfinished tasks, first to last.
    pub critical_path: Vec<String>,
    /// Its length in minutes.
    pub critical_minutes: u64,
    /// Tasks that are part of a cycle.
    pub in_cycle: Vec<String>,
    /// Each plan's own critical path (over the tasks it defines), by the
    /// plan's path; plans with none are left out.
    pub plan_critical_paths: BTreeMap<String, Vec<String>>,
    /// The URL of each plan's dependency graph page, by the plan's path:
    /// see [`plan_graph_urls`].
    pub plan_graphs: BTreeMap<String, String>,
}

/// Analyses the dependencies of all tasks.
pub fn analyse(tasks: &[Task], plans: &[Plan]) -> (Graph, Vec<Diagnostic>) {
    let index = id_index(tasks);
    let deps = dependencies(tasks, &index);
    let mut diagnostics = Vec::new();
    let cycles = find_cycles(&deps);
    let mut in_cycle = vec![false; tasks.len()];
    for cycle in &cycles {
        for &idx in cycle {
            in_cycle[idx] = true;
        }
        let first = &tasks[cycle[0]];
        let mut names: Vec<&str> =
            walk_cycle(cycle, &deps).iter().map(|&i| tasks[i].id.as_str()).collect();
        names.push(&first.id);
        diagnostics.push(
            Diagnostic::error(
                "A121",
                &first.source.path,
                first.source.line,
                format!("dependency cycle: {}", names.join(" → ")),
            )
            .with_help("a task cannot wait on itself; remove one of these dependencies"),
        );
    }
    let everything: Vec<usize> = (0..tasks.len()).collect();
    let (critical, minutes) = critical_chain(tasks, &deps, &in_cycle, &everything);
    let mut by_plan: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (idx, task) in tasks.iter().enumerate() {
        by_plan.entry(task.plan.as_ref()).or_default().push(idx);
    }
    let plan_graphs = plan_graph_urls(&by_plan, &deps);
    let plan_critical_paths = by_plan
        .into_iter()
        .filter_map(|(plan, members)| {
            let ids = plan_chain(tasks, &deps, &in_cycle, &members)?;
            Some((plan.to_string(), ids))
        })
        .collect();
    for plan in plans {
        let index = |id: &str| index.get(id).copied();
        diagnostics.extend(compare_stated(plan, tasks, &index, &deps, &in_cycle));
    }
    let graph = Graph {
        critical_path: critical.iter().map(|&i| tasks[i].id.clone()).collect(),
        critical_minutes: minutes,
        in_cycle: tasks
            .iter()
            .zip(&in_cycle)
            .filter(|(_, c)| **c)
            .map(|(t, _)| t.id.clone())
            .collect(),
        plan_critical_paths,
        plan_graphs,
    };
    (graph, diagnostics)
}

/// The ids on the critical path of one plan (`members`, the indexes of
/// its tasks, ascending); `None` when it has none.
fn plan_chain(
    tasks: &[Task],
    deps: &[Vec<usize>],
    in_cycle: &[bool],
    members: &[usize],
) -> Option<Vec<String>> {
    let (chain, _) = critical_chain(tasks, deps, in_cycle, members);
    let ids: Vec<String> = chain.iter().map(|&i| tasks[i].id.clone()).collect();
    (!ids.is_empty()).then_some(ids)
}

/// The critical paths that the statuses of the tasks at `changed` (indexes
/// into `tasks`, sorted by id as `Site::tasks` is) reach: the whole
/// tree's and those of the tasks' plans, as [`analyse`] finds them; `None`
/// when no task at `changed` depends on a known task or has one depend on
/// it, and so is on no path either way.
pub fn critical_paths_through(tasks: &[Task], changed: &[usize]) -> Option<CriticalPaths> {
    // `tasks` are sorted by id: whether one is linked is found without
    // an index of every id.
    let known = |id: &str| crate::model::task_position(tasks, id).is_some();
    let linked = |idx: usize| {
        let id = tasks[idx].id.as_str();
        tasks[idx].depends_on.iter().any(|d| known(d))
            || tasks.iter().any(|t| t.depends_on.iter().any(|d| d == id))
    };
    if !changed.iter().any(|&idx| linked(idx)) {
        return None;
    }
    let plans = changed.iter().map(|&idx| tasks[idx].plan.as_ref()).collect();
    Some(critical_paths_of(tasks, plans, &[]))
}

/// The whole tree's critical path and those of `plans` (by path), as
/// [`analyse`] finds them, over `tasks` sorted by id as `Site::tasks` is,
/// with A122 for those of `stated` (the plans as the site has them) among
/// `plans` whose stated critical path differs.
pub fn critical_paths_of(tasks: &[Task], mut plans: Vec<&str>, stated: &[Plan]) -> CriticalPaths {
    // What `dependencies` finds, by binary search: the map of 107,000 ids
    // cost more than all the rest at 10,000 documents.
    debug_assert!(tasks.is_sorted_by(|a, b| a.id < b.id));
    let position = |id: &String| crate::model::task_position(tasks, id);
    let deps: Vec<Vec<usize>> =
        tasks.iter().map(|t| t.depends_on.iter().filter_map(position).collect()).collect();
    let mut in_cycle = vec![false; tasks.len()];
    for idx in find_cycles(&deps).into_iter().flatten() {
        in_cycle[idx] = true;
    }
    let everything: Vec<usize> = (0..tasks.len()).collect();
    let (critical, minutes) = critical_chain(tasks, &deps, &in_cycle, &everything);
    plans.sort_unstable();
    plans.dedup();
    let plan_paths = plans
        .iter()
        .map(|&plan| {
            let members: Vec<usize> =
                (0..tasks.len()).filter(|&i| &*tasks[i].plan == plan).collect();
            (plan.to_string(), plan_chain(tasks, &deps, &in_cycle, &members))
        })
        .collect();
    let index = |id: &str| crate::model::task_position(tasks, id);
    let asked = stated.iter().filter(|p| plans.binary_search(&p.path.as_str()).is_ok());
    let stated = asked.filter_map(|p| compare_stated(p, tasks, &index, &deps, &in_cycle)).collect();
    CriticalPaths {
        critical_path: critical.iter().map(|&i| tasks[i].id.clone()).collect(),
        critical_minutes: minutes,
        plan_paths,
        stated,
    }
}

/// What [`critical_paths_through`] finds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriticalPaths {
    /// The longest chain of unfinished tasks, first to last.
    pub critical_path: Vec<String>,
    /// Its length in minutes.
    pub critical_minutes: u64,
    /// The critical path of each plan asked about, by path; `None` for a
    /// plan with none.
    pub plan_paths: Vec<(String, Option<Vec<String>>)>,
    /// A122 for each plan asked about whose stated critical path differs.
    pub stated: Vec<Diagnostic>,
}

/// The page of each plan's dependency graph, `graph/<slug of its path>.html`,
/// for the plans (by the path of the document that defines their tasks,
/// in path order) with a task that depends on a known task or that one
/// depends on; a slug two paths share is numbered from 2 in that order.
fn plan_graph_urls(
    by_plan: &BTreeMap<&str, Vec<usize>>,
    deps: &[Vec<usize>],
) -> BTreeMap<String, String> {
    let mut linked: Vec<bool> = deps.iter().map(|list| !list.is_empty()).collect();
    for &dep in deps.iter().flatten() {
        linked[dep] = true;
    }
    let mut used = std::collections::BTreeSet::new();
    let mut urls = BTreeMap::new();
    for (path, members) in by_plan {
        if !members.iter().any(|&idx| linked[idx]) {
            continue;
        }
        let base = crate::model::slug(path);
        let mut name = base.clone();
        let mut n = 2;
        while !used.insert(name.clone()) {
            name = format!("{base}-{n}");
            n += 1;
        }
        urls.insert(path.to_string(), format!("graph/{name}.html"));
    }
    urls
}

/// The cycles among the tasks' dependencies, each as the ids on it in the
/// order of `tasks`; cycles sorted, a self-dependency a cycle of one.
pub fn cycles(tasks: &[Task]) -> Vec<Vec<String>> {
    let deps = dependencies(tasks, &id_index(tasks));
    find_cycles(&deps)
        .into_iter()
        .map(|cycle| cycle.into_iter().map(|i| tasks[i].id.clone()).collect())
        .collect()
}

/// Each task's index by id.
fn id_index(tasks: &[Task]) -> HashMap<&str, usize> {
    tasks.iter().enumerate().map(|(i, t)| (t.id.as_str(), i)).collect()
}

/// For each task, the indexes of the known tasks it depends on.
fn dependencies(tasks: &[Task], index: &HashMap<&str, usize>) -> Vec<Vec<usize>> {
    tasks
        .iter()
        .map(|t| t.depends_on.iter().filter_map(|d| index.get(d.as_str()).copied()).collect())
        .collect()
}

/// The heaviest chain of unfinished tasks among `members` (task indexes,
/// ascending), with its minutes. Only tasks linked to another member count:
/// a lone task with a big estimate is long work, not a path; tasks in a
/// cycle have no order and never count. It costs the members and their
/// edges, not the whole graph, so it can run once per plan.
fn critical_chain(
    tasks: &[Task],
    deps: &[Vec<usize>],
    in_cycle: &[bool],
    members: &[usize],
) -> (Vec<usize>, u64) {
    let is_member = |idx: usize| members.binary_search(&idx).is_ok();
    let mut linked: Vec<usize> = Vec::new();
    for &idx in members {
        for &dep in deps[idx].iter().filter(|&&dep| is_member(dep)) {
            linked.push(idx);
            linked.push(dep);
        }
    }
    linked.sort_unstable();
    linked.dedup();
    linked.retain(|&idx| !in_cycle[idx] && tasks[idx].status != TaskStatus::Done);
    longest_chain(tasks, deps, &linked)
}

/// The cycles of the graph, each as the tasks on it in order (Tarjan's
/// strongly connected components; a self-dependency is a cycle of one).
fn find_cycles(deps: &[Vec<usize>]) -> Vec<Vec<usize>> {
    struct State {
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on_stack: Vec<bool>,
        stack: Vec<usize>,
        next: usize,
        cycles: Vec<Vec<usize>>,
    }
    fn visit(v: usize, deps: &[Vec<usize>], st: &mut State) {
        // Iterative DFS: (node, next edge to look at).
        let mut work = vec![(v, 0usize)];
        st.index[v] = Some(st.next);
        st.low[v] = st.next;
        st.next += 1;
        st.stack.push(v);
        st.on_stack[v] = true;
        while let Some(&mut (node, ref mut edge)) = work.last_mut() {
            if let Some(&w) = deps[node].get(*edge) {
                *edge += 1;
                match st.index[w] {
                    None => {
                        st.index[w] = Some(st.next);
                        st.low[w] = st.next;
                        st.next += 1;
                        st.stack.push(w);
                        st.on_stack[w] = true;
                        work.push((w, 0));
                    }
                    Some(w_index) if st.on_stack[w] => st.low[node] = st.low[node].min(w_index),
                    Some(_) => {}
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                st.low[parent] = st.low[parent].min(st.low[node]);
            }
            if Some(st.low[node]) == st.index[node] {
                let mut component = Vec::new();
                while let Some(w) = st.stack.pop() {
                    st.on_stack[w] = false;
                    component.push(w);
                    if w == node {
                        break;
                    }
                }
                if component.len() > 1 || deps[node].contains(&node) {
                    component.sort_unstable();
                    st.cycles.push(component);
                }
            }
        }
    }
    let n = deps.len();
    let mut st = State {
        index: vec![None; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        next: 0,
        cycles: Vec::new(),
    };
    for v in 0..n {
        if st.index[v].is_none() {
            visit(v, deps, &mut st);
        }
    }
    st.cycles.sort();
    st.cycles
}

/// The tasks of a strongly connected component in the order the
/// dependencies run, from its first task back round to it (breadth first,
/// so the loop named is a shortest one).
fn walk_cycle(component: &[usize], deps: &[Vec<usize>]) -> Vec<usize> {
    let start = component[0];
    let mut came_from: HashMap<usize, usize> = HashMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for &next in deps[node].iter().filter(|n| component.contains(n)) {
            if next == start {
                let mut path = vec![node];
                while let Some(&prev) = came_from.get(path.last().unwrap_or(&start)) {
                    path.push(prev);
                }
                path.reverse();
                if path.first() != Some(&start) {
                    path.insert(0, start);
                }
                path.dedup();
                return path;
            }
            if next != start && !came_from.contains_key(&next) {
                came_from.insert(next, node);
                queue.push_back(next);
            }
        }
    }
    component.to_vec()
}

fn weight(task: &Task) -> u64 {
    task.estimate_minutes.map_or(DEFAULT_MINUTES, u64::from)
}

/// The heaviest chain through `kept` (task indexes, ascending), first to
/// last; ties go to the chain whose ids sort first, so the answer is stable.
fn longest_chain(tasks: &[Task], deps: &[Vec<usize>], kept: &[usize]) -> (Vec<usize>, u64) {
    let local = |idx: usize| kept.binary_search(&idx).ok();
    // best[i] = (minutes of the heaviest chain ending at kept[i], predecessor).
    let mut best: Vec<Option<(u64, Option<usize>)>> = vec![None; kept.len()];
    let order = topological(deps, kept);
    for &i in &order {
        let chosen = deps[kept[i]]
            .iter()
            .filter_map(|&d| local(d))
            .filter_map(|j| best[j].map(|(minutes, _)| (minutes, j)))
            .max_by(|a, b| {
                a.0.cmp(&b.0).then_with(|| tasks[kept[b.1]].id.cmp(&tasks[kept[a.1]].id))
            });
        best[i] = Some((chosen.map_or(0, |c| c.0) + weight(&tasks[kept[i]]), chosen.map(|c| c.1)));
    }
    let end = order.iter().copied().max_by(|&a, &b| {
        let (ma, mb) = (best[a].map_or(0, |b| b.0), best[b].map_or(0, |b| b.0));
        ma.cmp(&mb).then_with(|| tasks[kept[b]].id.cmp(&tasks[kept[a]].id))
    });
    let Some(end) = end else { return (Vec::new(), 0) };
    let minutes = best[end].map_or(0, |b| b.0);
    let mut chain = vec![kept[end]];
    let mut cursor = end;
    while let Some((_, Some(prev))) = best[cursor] {
        chain.push(kept[prev]);
        cursor = prev;
    }
    chain.reverse();
    (chain, minutes)
}

/// The positions in `kept` (task indexes, ascending), each after everything
/// it depends on among them (Kahn's algorithm, smallest index first so the
/// order is stable).
fn topological(deps: &[Vec<usize>], kept: &[usize]) -> Vec<usize> {
    let n = kept.len();
    let mut waiting = vec![0usize; n];
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, &v) in kept.iter().enumerate() {
        for j in deps[v].iter().filter_map(|&d| kept.binary_search(&d).ok()) {
            waiting[i] += 1;
            dependents[j].push(i);
        }
    }
    let mut ready: std::collections::BTreeSet<usize> =
        (0..n).filter(|&i| waiting[i] == 0).collect();
    let mut order = Vec::new();
    while let Some(i) = ready.pop_first() {
        order.push(i);
        for &w in &dependents[i] {
            waiting[w] -= 1;
            if waiting[w] == 0 {
                ready.insert(w);
            }
        }
    }
    order
}

/// Compares a plan's stated critical path with the one computed over all of
/// that plan's tasks, done or not.
fn compare_stated(
    plan: &Plan,
    tasks: &[Task],
    index: &dyn Fn(&str) -> Option<usize>,
    deps: &[Vec<usize>],
    in_cycle: &[bool],
) -> Option<Diagnostic> {
    let (stated, source) = plan.stated_critical_path.as_ref()?;
    let mut in_plan: Vec<usize> =
        plan.tasks.iter().filter_map(|id| index(id)).filter(|&idx| !in_cycle[idx]).collect();
    in_plan.sort_unstable();
    in_plan.dedup();
    let (computed, _) = longest_chain(tasks, deps, &in_plan);
    let computed: Vec<&str> = computed.iter().map(|&i| tasks[i].id.as_str()).collect();
    if computed.is_empty() || stated.iter().map(String::as_str).eq(computed.iter().copied()) {
        return None;
    }
    Some(
        Diagnostic::warning(
            "A122",
            &source.path,
            source.line,
            format!("the stated critical path differs from the one the dependencies and estimates give: {}", computed.join(" → ")),
        )
        .with_help("update the stated path, or the dependencies and estimates it disagrees with"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Source, TaskForm};

    fn task(id: &str, deps: &[&str], minutes: u32, status: TaskStatus) -> Task {
        let source = Source { path: "p.md".into(), line: 3 };
        let mut task = Task::new(id.into(), id.into(), status, source, TaskForm::TableRow);
        task.depends_on = deps.iter().map(|d| d.to_string()).collect();
        task.estimate_minutes = Some(minutes);
        task
    }

    #[test]
    fn critical_path_is_the_heaviest_unfinished_chain() {
        let tasks = vec![
            task("T-1", &[], 30, TaskStatus::Done),
            task("T-2", &["T-1"], 60, TaskStatus::Open),
            task("T-3", &["T-2"], 120, TaskStatus::Open),
            task("T-4", &["T-2"], 30, TaskStatus::Open),
            task("T-5", &["T-3", "T-4"], 15, TaskStatus::Open),
        ];
        let (graph, diagnostics) = analyse(&tasks, &[]);
        assert!(diagnostics.is_empty());
        assert_eq!(graph.critical_path, ["T-2", "T-3", "T-5"]);
        assert_eq!(graph.critical_minutes, 195);
    }

    #[test]
    fn each_plan_has_a_critical_path_of_its_own_tasks() {
        let mut tasks = vec![
            task("A-1", &[], 30, TaskStatus::Open),
            task("A-2", &["A-1"], 30, TaskStatus::Open),
            task("B-1", &["A-2"], 600, TaskStatus::Open),
            task("B-2", &["B-1"], 600, TaskStatus::Open),
            task("C-1", &["B-2"], 600, TaskStatus::Open),
        ];
        for t in &mut tasks {
            t.plan = format!("{}.md", t.id[..1].to_lowercase()).into();
        }
        let (graph, _) = analyse(&tasks, &[]);
        assert_eq!(graph.critical_path, ["A-1", "A-2", "B-1", "B-2", "C-1"]);
        assert_eq!(graph.plan_critical_paths["a.md"], ["A-1", "A-2"]);
        assert_eq!(graph.plan_critical_paths["b.md"], ["B-1", "B-2"]);
        assert!(!graph.plan_critical_paths.contains_key("c.md"));
    }

    #[test]
    fn errors_on_dependency_cycle() {
        let tasks = vec![
            task("T-1", &["T-3"], 30, TaskStatus::Open),
            task("T-2", &["T-1"], 30, TaskStatus::Open),
            task("T-3", &["T-2"], 30, TaskStatus::Open),
            task("T-4", &["T-4"], 30, TaskStatus::Open),
        ];
        let (graph, diagnostics) = analyse(&tasks, &[]);
        let messages: Vec<_> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            ["dependency cycle: T-1 → T-3 → T-2 → T-1", "dependency cycle: T-4 → T-4"]
        );
        assert_eq!(graph.in_cycle, ["T-1", "T-2", "T-3", "T-4"]);
        assert_eq!(cycles(&tasks), [vec!["T-1", "T-2", "T-3"], vec!["T-4"]]);
        assert!(graph.critical_path.is_empty());
    }

    #[test]
    fn reports_a_stated_path_that_differs() {
        let tasks = vec![
            task("T-1", &[], 30, TaskStatus::Open),
            task("T-2", &["T-1"], 30, TaskStatus::Open),
            task("T-3", &["T-1"], 300, TaskStatus::Open),
        ];
        let stated = |ids: &[&str]| Plan {
            path: "p.md".into(),
            title: "P".into(),
            phases: Vec::new(),
            tasks: vec!["T-1".into(), "T-2".into(), "T-3".into()],
            stated_critical_path: Some((
                ids.iter().map(|s| s.to_string()).collect(),
                Source { path: "p.md".into(), line: 20 },
            )),
        };
        let (_, diagnostics) = analyse(&tasks, &[stated(&["T-1", "T-2"])]);
        assert_eq!(
            diagnostics[0].to_human(),
            "warning[A122]: the stated critical path differs from the one the dependencies and estimates give: T-1 → T-3\n  --> p.md:20\n  = help: update the stated path, or the dependencies and estimates it disagrees with"
        );
        let (_, agreeing) = analyse(&tasks, &[stated(&["T-1", "T-3"])]);
        assert!(agreeing.is_empty());
    }
}
