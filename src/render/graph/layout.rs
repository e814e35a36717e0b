//! Places the boxes of a dependency graph: layers from left to right, the
//! tasks a task waits on to its left.
//!
//! The layered (Sugiyama) layout itself is the `rust-sugiyama` crate's:
//! ranking by network simplex, crossings reduced by barycenters, coordinates
//! by Brandes and Köpf. This module feeds it a graph it accepts (no
//! self-loops, no duplicate edges, no cycles: an edge that closes a cycle is
//! turned round for the layout only), turns its top-down layout on its side,
//! and packs the separate pieces of the graph in rows, the first piece
//! first. It draws nothing; `svg` does.

use std::collections::BTreeSet;

use rust_sugiyama::configure::Config;

/// The width of a task's box, in pixels.
pub const NODE_WIDTH: f64 = 210.0;
/// The height of a task's box, in pixels.
pub const NODE_HEIGHT: f64 = 54.0;
/// The room between two layers, for the arrows.
const LAYER_GAP: f64 = 70.0;
/// The room between two boxes of one layer.
const ROW_GAP: f64 = 18.0;
/// The room between two pieces of the graph, and around the whole.
const MARGIN: f64 = 24.0;
/// Pieces are packed in rows up to this width (a wider piece has a row of its own).
const ROW_WIDTH: f64 = 1400.0;

/// Where every box goes: its top-left corner, and the size of the whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The top-left corner of each node's box, in the order of the nodes.
    pub corners: Vec<(i64, i64)>,
    /// The width of the drawing.
    pub width: i64,
    /// The height of the drawing.
    pub height: i64,
}

/// Places `n_nodes` boxes joined by `edges` (from a prerequisite to the task
/// that waits on it, as node indexes). Nodes that come first in the list
/// lead their piece, and the piece of node 0 comes first. The same input
/// gives the same layout.
pub fn place(n_nodes: usize, edges: &[(usize, usize)]) -> Layout {
    let edges = acyclic(n_nodes, edges);
    let vertices: Vec<(u32, (f64, f64))> =
        (0..n_nodes as u32).map(|v| (v, (NODE_HEIGHT + ROW_GAP, NODE_WIDTH + LAYER_GAP))).collect();
    let pairs: Vec<(u32, u32)> = edges.iter().map(|&(a, b)| (a as u32, b as u32)).collect();
    let config = Config { vertex_spacing: 0.0, ..Config::default() };
    let pieces = rust_sugiyama::from_vertices_and_edges(&vertices, &pairs, &config);
    // Each piece as its nodes with their places, on its side: the crate's
    // layers run down the page, ours from left to right.
    let mut pieces: Vec<Vec<(usize, f64, f64)>> = pieces
        .into_iter()
        .map(|(coords, _, _)| {
            let mut nodes: Vec<(usize, f64, f64)> =
                coords.into_iter().map(|(id, (across, along))| (id, along, across)).collect();
            nodes.sort_by_key(|node| node.0);
            nodes
        })
        .filter(|nodes| !nodes.is_empty())
        .collect();
    pieces.sort_by_key(|nodes| nodes[0].0);
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); n_nodes];
    for &(a, b) in &edges {
        neighbours[a].push(b);
        neighbours[b].push(a);
    }
    for nodes in &mut pieces {
        compact(nodes, &neighbours);
    }
    pack(n_nodes, &pieces)
}

/// Places the boxes of each layer anew, keeping the crate's layers and its
/// order within each: the crate's coordinates (Brandes and Köpf) keep long
/// straight runs but leave a graph of a few hundred tasks several screens
/// taller than it needs. Here each box moves towards the mean of its
/// neighbours, as little as the boxes above and below it allow (isotonic
/// regression), sweeping the layers a few times each way.
fn compact(nodes: &mut [(usize, f64, f64)], neighbours: &[Vec<usize>]) {
    const STEP: f64 = NODE_HEIGHT + ROW_GAP;
    const SWEEPS: usize = 8;
    // Layers by their coordinate, each in the crate's order.
    let mut layers: Vec<(i64, Vec<usize>)> = Vec::new();
    let mut order: Vec<usize> = (0..nodes.len()).collect();
    order.sort_by(|&a, &b| {
        let key = |i: usize| (nodes[i].1.round() as i64, nodes[i].2);
        key(a)
            .0
            .cmp(&key(b).0)
            .then(key(a).1.total_cmp(&key(b).1))
            .then(nodes[a].0.cmp(&nodes[b].0))
    });
    for idx in order {
        let layer = nodes[idx].1.round() as i64;
        match layers.last_mut() {
            Some((at, members)) if *at == layer => members.push(idx),
            _ => layers.push((layer, vec![idx])),
        }
    }
    let slot: std::collections::HashMap<usize, usize> =
        nodes.iter().enumerate().map(|(i, n)| (n.0, i)).collect();
    let mut y: Vec<f64> = vec![0.0; nodes.len()];
    for (_, members) in &layers {
        for (k, &idx) in members.iter().enumerate() {
            y[idx] = k as f64 * STEP;
        }
    }
    for sweep in 0..SWEEPS {
        let forward = sweep % 2 == 0;
        for l in 0..layers.len() {
            let members = &layers[if forward { l } else { layers.len() - 1 - l }].1;
            let desired: Vec<f64> = members
                .iter()
                .map(|&idx| {
                    let near: Vec<f64> = neighbours[nodes[idx].0]
                        .iter()
                        .filter_map(|id| slot.get(id).map(|&j| y[j]))
                        .collect();
                    if near.is_empty() {
                        y[idx]
                    } else {
                        near.iter().sum::<f64>() / near.len() as f64
                    }
                })
                .collect();
            for (idx, value) in members.iter().zip(spread(&desired, STEP)) {
                y[*idx] = value;
            }
        }
    }
    let top = y.iter().copied().fold(f64::INFINITY, f64::min);
    for (node, value) in nodes.iter_mut().zip(&y) {
        node.2 = (value - top).round();
    }
}

/// The positions closest to `desired` (least squares) that keep their order
/// and stay `step` apart: pool adjacent violators on `desired[i] - i·step`.
fn spread(desired: &[f64], step: f64) -> Vec<f64> {
    // Blocks of (sum of targets, count), each placed at its mean.
    let mut blocks: Vec<(f64, usize)> = Vec::new();
    for (i, d) in desired.iter().enumerate() {
        blocks.push((d - i as f64 * step, 1));
        while blocks.len() > 1 {
            let (s2, n2) = blocks[blocks.len() - 1];
            let (s1, n1) = blocks[blocks.len() - 2];
            if s1 / n1 as f64 <= s2 / n2 as f64 {
                break;
            }
            blocks.pop();
            let last = blocks.len() - 1;
            blocks[last] = (s1 + s2, n1 + n2);
        }
    }
    let mut out = Vec::with_capacity(desired.len());
    for (sum, n) in blocks {
        let mean = sum / n as f64;
        for _ in 0..n {
            out.push(mean + out.len() as f64 * step);
        }
    }
    out
}

/// The edges without self-loops and duplicates, each edge that would close
/// a cycle turned round. Depth first from each node in order, so the edges
/// turned are always the same.
fn acyclic(n_nodes: usize, edges: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let unique: BTreeSet<(usize, usize)> =
        edges.iter().copied().filter(|&(a, b)| a != b && a < n_nodes && b < n_nodes).collect();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n_nodes];
    for &(a, b) in &unique {
        out[a].push(b);
    }
    // 0 = not seen, 1 = on the current path, 2 = done.
    let mut state = vec![0u8; n_nodes];
    let mut back: BTreeSet<(usize, usize)> = BTreeSet::new();
    for start in 0..n_nodes {
        if state[start] != 0 {
            continue;
        }
        let mut stack = vec![(start, 0usize)];
        state[start] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&to) = out[node].get(*next) {
                *next += 1;
                match state[to] {
                    0 => {
                        state[to] = 1;
                        stack.push((to, 0));
                    }
                    1 => {
                        back.insert((node, to));
                    }
                    _ => {}
                }
                continue;
            }
            state[node] = 2;
            stack.pop();
        }
    }
    let mut result: Vec<(usize, usize)> =
        unique.iter().map(|&(a, b)| if back.contains(&(a, b)) { (b, a) } else { (a, b) }).collect();
    result.sort_unstable();
    result.dedup();
    result
}

/// Packs the pieces in rows, left to right, each piece's box starting at
/// its smallest coordinates.
fn pack(n_nodes: usize, pieces: &[Vec<(usize, f64, f64)>]) -> Layout {
    let mut corners = vec![(0i64, 0i64); n_nodes];
    let (mut x, mut y, mut row_height, mut width) = (MARGIN, MARGIN, 0.0f64, 0.0f64);
    for nodes in pieces {
        let min_x = nodes.iter().map(|n| n.1).fold(f64::INFINITY, f64::min);
        let min_y = nodes.iter().map(|n| n.2).fold(f64::INFINITY, f64::min);
        let max_x = nodes.iter().map(|n| n.1).fold(f64::NEG_INFINITY, f64::max);
        let max_y = nodes.iter().map(|n| n.2).fold(f64::NEG_INFINITY, f64::max);
        let piece_width = max_x - min_x + NODE_WIDTH;
        let piece_height = max_y - min_y + NODE_HEIGHT;
        if x > MARGIN && x + piece_width > ROW_WIDTH {
            x = MARGIN;
            y += row_height + MARGIN;
            row_height = 0.0;
        }
        for &(id, node_x, node_y) in nodes {
            if id < n_nodes {
                corners[id] =
                    ((x + node_x - min_x).round() as i64, (y + node_y - min_y).round() as i64);
            }
        }
        x += piece_width + MARGIN;
        width = width.max(x);
        row_height = row_height.max(piece_height);
    }
    Layout {
        corners,
        width: width.round() as i64,
        height: (y + row_height + MARGIN).round() as i64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn overlaps(layout: &Layout) -> bool {
        let (w, h) = (NODE_WIDTH as i64, NODE_HEIGHT as i64);
        layout.corners.iter().enumerate().any(|(i, a)| {
            layout.corners[i + 1..].iter().any(|b| (a.0 - b.0).abs() < w && (a.1 - b.1).abs() < h)
        })
    }

    #[test]
    fn prerequisites_stand_left_of_what_waits_on_them() {
        let layout = place(3, &[(0, 1), (1, 2)]);
        let xs: Vec<i64> = layout.corners.iter().map(|c| c.0).collect();
        assert!(xs[0] < xs[1] && xs[1] < xs[2], "{xs:?}");
        assert!(!overlaps(&layout));
        assert!(layout.width >= xs[2] + NODE_WIDTH as i64);
    }

    #[test]
    fn cycles_and_self_loops_are_placed_too() {
        let layout = place(4, &[(0, 1), (1, 2), (2, 0), (3, 3), (0, 1)]);
        assert_eq!(layout.corners.len(), 4);
        assert!(!overlaps(&layout));
        assert_eq!(acyclic(3, &[(0, 1), (1, 2), (2, 0)]), [(0, 1), (0, 2), (1, 2)]);
    }

    #[test]
    fn pieces_are_packed_in_rows_first_piece_first() {
        let edges: Vec<(usize, usize)> = (0..20).map(|i| (2 * i, 2 * i + 1)).collect();
        let layout = place(40, &edges);
        assert!(!overlaps(&layout));
        assert_eq!(layout.corners[0], (MARGIN as i64, MARGIN as i64));
        assert!(layout.width <= ROW_WIDTH as i64 + MARGIN as i64, "{}", layout.width);
        assert!(layout.height > 2 * NODE_HEIGHT as i64);
    }

    #[test]
    fn spread_keeps_order_and_distance_closest_to_the_wish() {
        assert_eq!(spread(&[0.0, 100.0, 300.0], 50.0), [0.0, 100.0, 300.0]);
        assert_eq!(spread(&[100.0, 100.0], 50.0), [75.0, 125.0]);
        assert_eq!(spread(&[90.0, 0.0, 0.0], 10.0), [20.0, 30.0, 40.0]);
    }

    #[test]
    fn a_wide_graph_is_not_taller_than_its_widest_layer_needs() {
        // Ten chains of ten, joined at the start: one root, ten layers of ten.
        let mut edges = Vec::new();
        for chain in 0..10 {
            let first = 1 + chain * 10;
            edges.push((0, first));
            for step in 0..9 {
                edges.push((first + step, first + step + 1));
            }
        }
        let layout = place(101, &edges);
        assert!(!overlaps(&layout));
        let needed = 10 * (NODE_HEIGHT + ROW_GAP) as i64 + 2 * MARGIN as i64;
        assert!(layout.height <= needed + 2 * NODE_HEIGHT as i64, "{} > {needed}", layout.height);
    }

    proptest! {
        // Any graph, cycles and all, is placed without a panic or an overlap.
        #[test]
        fn any_graph_is_placed(n in 1usize..25, edges in prop::collection::vec((0usize..25, 0usize..25), 0..60)) {
            let edges: Vec<_> = edges.into_iter().filter(|&(a, b)| a < n && b < n).collect();
            let layout = place(n, &edges);
            prop_assert_eq!(layout.corners.len(), n);
            prop_assert!(!overlaps(&layout));
            prop_assert_eq!(place(n, &edges), layout);
        }
    }
}
