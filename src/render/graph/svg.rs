//! Writes a placed dependency graph as an inline SVG the page's
//! Content-Security-Policy allows: no `style` attributes or elements, no
//! script; colours come from classes the stylesheet gives (so dark mode
//! works), with presentation attributes as the fallback.
//!
//! Each task is a link to its page (or its anchor on its document's page)
//! whose text says its id, title, status, verification and whether it is on
//! the critical path, so nothing is told by colour alone. An arrow runs from
//! a task to the task that waits on it.

use std::fmt::Write as _;

use crate::model::{Task, TaskStatus, Verification};
use crate::render::context::tasks::status_name;
use crate::render::graph::layout::{Layout, NODE_HEIGHT, NODE_WIDTH};
use crate::render::pages::escape;

/// A task as the drawing shows it.
#[derive(Debug, Clone)]
pub struct Node<'a> {
    /// The task.
    pub task: &'a Task,
    /// On the critical path.
    pub critical: bool,
    /// Part of a dependency cycle.
    pub in_cycle: bool,
    /// The title of the plan it belongs to, when that is not the plan drawn.
    pub elsewhere: Option<&'a str>,
}

/// A dependency: `from` must be done before `to`, as node indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edge {
    /// The prerequisite.
    pub from: usize,
    /// The task that waits on it.
    pub to: usize,
    /// Both ends are consecutive on the critical path.
    pub critical: bool,
    /// Both ends are in a cycle.
    pub in_cycle: bool,
}

/// About 6.6 pixels a character at the 11-pixel font of the boxes.
const CHARS_PER_LINE: usize = 30;

/// The SVG of a placed graph. `root` leads from the page to the site's root;
/// `label` names the drawing for assistive technology.
pub fn draw(
    nodes: &[Node<'_>],
    edges: &[Edge],
    layout: &Layout,
    root: &str,
    label: &str,
) -> String {
    let mut svg = String::with_capacity(400 * nodes.len() + 200 * edges.len() + 1024);
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"depgraph\" width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {w} {h}\" role=\"group\" aria-label=\"{label}\">",
        w = layout.width,
        h = layout.height,
        label = escape(label),
    );
    svg.push_str(
        "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto\">\
<path d=\"M0,0L10,5L0,10z\" class=\"arrowhead\" fill=\"#5b6676\"/></marker>\
<marker id=\"arrow-critical\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"12\" markerHeight=\"12\" orient=\"auto\">\
<path d=\"M0,0L10,5L0,10z\" class=\"arrowhead critical\" fill=\"#b42318\"/></marker></defs>\n",
    );
    // Arrows first, so boxes cover their ends.
    svg.push_str("<g class=\"edges\">\n");
    for edge in edges {
        draw_edge(&mut svg, edge, layout);
    }
    svg.push_str("</g>\n<g class=\"nodes\">\n");
    for (node, &corner) in nodes.iter().zip(&layout.corners) {
        draw_node(&mut svg, node, corner, root);
    }
    svg.push_str("</g>\n</svg>\n");
    svg
}

fn draw_edge(svg: &mut String, edge: &Edge, layout: &Layout) {
    let (Some(&from), Some(&to)) = (layout.corners.get(edge.from), layout.corners.get(edge.to))
    else {
        return;
    };
    let (w, h) = (NODE_WIDTH as i64, NODE_HEIGHT as i64);
    let (x1, y1) = (from.0 + w, from.1 + h / 2);
    let (x2, y2) = (to.0, to.1 + h / 2);
    // A smooth curve leaving to the right and arriving from the left; a
    // backward edge (in a cycle) swings out further so it stays visible.
    let bend = ((x2 - x1).abs() / 2).max(40);
    let mut class = String::from("edge");
    if edge.critical {
        class.push_str(" critical");
    }
    if edge.in_cycle {
        class.push_str(" cycle");
    }
    let (stroke, width, marker) =
        if edge.critical { ("#b42318", 3, "arrow-critical") } else { ("#8a94a3", 1, "arrow") };
    let dash = if edge.in_cycle { " stroke-dasharray=\"6 4\"" } else { "" };
    let _ = writeln!(
        svg,
        "<path class=\"{class}\" d=\"M{x1},{y1}C{c1},{y1} {c2},{y2} {x2},{y2}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{width}\"{dash} marker-end=\"url(#{marker})\"/>",
        c1 = x1 + bend,
        c2 = x2 - bend,
    );
}

fn draw_node(svg: &mut String, node: &Node<'_>, (x, y): (i64, i64), root: &str) {
    let task = node.task;
    let state = state_words(task);
    let mut notes = vec![state.clone()];
    if node.critical {
        notes.push("critical path".to_string());
    }
    if node.in_cycle {
        notes.push("in a cycle".to_string());
    }
    let mut class = format!("node {} {}", status_name(task.status), verification_class(task));
    for (flag, name) in [
        (node.critical, " critical"),
        (node.in_cycle, " cycle"),
        (node.elsewhere.is_some(), " elsewhere"),
    ] {
        if flag {
            class.push_str(name);
        }
    }
    let mut full = format!("{}: {} ({})", task.id, task.title, notes.join("; "));
    if let Some(plan) = node.elsewhere {
        let _ = write!(full, ", in {plan}");
    }
    let (fill, stroke) = colours(task);
    let stroke_width = if node.critical { 3 } else { 1 };
    let dash = if node.elsewhere.is_some() || task.verification == Verification::Contradicted {
        " stroke-dasharray=\"5 3\""
    } else {
        ""
    };
    let third = match node.elsewhere {
        Some(plan) => format!("in {plan}"),
        None => notes.join(" · "),
    };
    let _ = writeln!(
        svg,
        "<a href=\"{root}{url}\" class=\"{class}\"><title>{full}</title>\
<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"6\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{stroke_width}\"{dash}/>\
<text x=\"{tx}\" y=\"{y1}\" class=\"node-id\" font-size=\"12\" font-weight=\"700\" fill=\"#1d2430\">{id}</text>\
<text x=\"{tx}\" y=\"{y2}\" class=\"node-title\" font-size=\"11\" fill=\"#1d2430\">{title}</text>\
<text x=\"{tx}\" y=\"{y3}\" class=\"node-state\" font-size=\"11\" fill=\"#5b6676\">{third}</text></a>",
        url = escape(&crate::model::href(&task.url)),
        full = escape(&full),
        w = NODE_WIDTH as i64,
        h = NODE_HEIGHT as i64,
        tx = x + 8,
        y1 = y + 16,
        y2 = y + 31,
        y3 = y + 46,
        id = escape(&shorten(&task.id, CHARS_PER_LINE - 2)),
        title = escape(&shorten(&task.title, CHARS_PER_LINE)),
        third = escape(&shorten(&third, CHARS_PER_LINE)),
    );
}

/// The status in words, with the verification of a finished task:
/// `done, verified`, `in progress`.
pub fn state_words(task: &Task) -> String {
    match task.verification {
        Verification::Pending => task.status.words().to_string(),
        verification => format!("{}, {}", task.status.words(), verification_class_of(verification)),
    }
}

fn verification_class(task: &Task) -> &'static str {
    verification_class_of(task.verification)
}

fn verification_class_of(verification: Verification) -> &'static str {
    match verification {
        Verification::Verified => "verified",
        Verification::Claimed => "claimed",
        Verification::Contradicted => "contradicted",
        Verification::Pending => "pending",
    }
}

/// Fill and stroke for a viewer without the stylesheet; the stylesheet's
/// classes take over in the portal.
fn colours(task: &Task) -> (&'static str, &'static str) {
    match (task.status, task.verification) {
        (_, Verification::Contradicted) => ("#fde8e6", "#b42318"),
        (TaskStatus::Done, Verification::Verified) => ("#e3f4e8", "#1b7f3b"),
        (TaskStatus::Done, _) => ("#fff3d6", "#8a5a00"),
        (TaskStatus::InProgress, _) => ("#e8f0fc", "#1f5fbf"),
        (TaskStatus::Blocked, _) => ("#fde8e6", "#b42318"),
        _ => ("#ffffff", "#5b6676"),
    }
}

/// `text` cut to `max` characters, an ellipsis marking the cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Source, TaskForm};
    use crate::render::graph::layout::place;

    fn task(id: &str, status: TaskStatus, verification: Verification) -> Task {
        let source = Source { path: "plan.md".into(), line: 3 };
        let mut task =
            Task::new(id.into(), format!("Title of {id}"), status, source, TaskForm::TableRow);
        task.verification = verification;
        task.url = format!("tasks/{}.html", crate::model::slug(id)).into();
        task
    }

    #[test]
    fn nodes_link_to_task_urls_and_say_their_state() {
        let a = task("T-1", TaskStatus::Done, Verification::Contradicted);
        let mut b = task("T-2 <b>", TaskStatus::Open, Verification::Pending);
        b.url = "plans/p.html#task-t-2".into();
        let nodes = [
            Node { task: &a, critical: false, in_cycle: false, elsewhere: None },
            Node { task: &b, critical: true, in_cycle: false, elsewhere: Some("Other plan") },
        ];
        let edges = [Edge { from: 0, to: 1, critical: false, in_cycle: false }];
        let svg = draw(&nodes, &edges, &place(2, &[(0, 1)]), "../", "Graph");
        assert!(
            svg.contains("<a href=\"../tasks/t-1.html\" class=\"node done contradicted\">"),
            "{svg}"
        );
        assert!(svg.contains("<title>T-1: Title of T-1 (done, contradicted)</title>"), "{svg}");
        assert!(svg.contains("<a href=\"../plans/p.html#task-t-2\" class=\"node open pending critical elsewhere\">"), "{svg}");
        assert!(svg.contains("(open; critical path), in Other plan</title>"), "{svg}");
        assert!(svg.contains(">T-2 &lt;b&gt;</text>"), "{svg}");
        assert!(!svg.contains("<b>") && !svg.contains("style"), "{svg}");
        assert_eq!(svg.matches("<path class=\"edge\"").count(), 1);
    }

    #[test]
    fn critical_edges_are_marked() {
        let a = task("T-1", TaskStatus::Open, Verification::Pending);
        let b = task("T-2", TaskStatus::Open, Verification::Pending);
        let nodes = [
            Node { task: &a, critical: true, in_cycle: false, elsewhere: None },
            Node { task: &b, critical: true, in_cycle: false, elsewhere: None },
        ];
        let edges = [Edge { from: 0, to: 1, critical: true, in_cycle: false }];
        let svg = draw(&nodes, &edges, &place(2, &[(0, 1)]), "", "Graph");
        assert!(svg.contains("class=\"edge critical\""), "{svg}");
        assert!(svg.contains("marker-end=\"url(#arrow-critical)\""), "{svg}");
        assert_eq!(svg.matches("open · critical path").count(), 2, "{svg}");
    }

    #[test]
    fn long_titles_are_cut_with_an_ellipsis() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("a title far too long for a box", 10), "a title f…");
        assert_eq!(shorten("ééééééééééé", 5), "éééé…");
    }
}
