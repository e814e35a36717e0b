//! Runs of task ids that prose writes out: a critical path stated with
//! arrows (`T-001 → T-002 → T-005`) and the ranges a phase's text names
//! (`Run T-001 through T-007`).
//!
//! This module only reads the ids in the order the text gives them; checking
//! a stated path against the one the dependencies give is `crate::graph`'s
//! job, and giving a phase the tasks its text names is `crate::parse::tasks`'s.

use crate::model::Source;
use crate::parse::blocks::Block;
use crate::parse::ids::IdMatcher;

/// A critical path the document states: ids joined by arrows
/// (`T-001 → T-002 → T-005`) under a "Critical Path" heading or on a line
/// that says "critical path".
pub fn stated_critical_path(
    path: &str,
    blocks: &[Block],
    ids: &IdMatcher,
) -> Option<(Vec<String>, Source)> {
    let mut under_heading = false;
    for block in blocks {
        let (text, line) = match block {
            Block::Heading { text, .. } => {
                under_heading = text.to_lowercase().contains("critical path");
                continue;
            }
            Block::Code { text, line }
            | Block::Paragraph { text, line, .. }
            | Block::Item { text, line, .. } => (text, *line),
            Block::Table(_) => continue,
        };
        for (idx, part) in crate::text::lines(text).enumerate() {
            let named = part.to_lowercase().contains("critical path");
            if !(under_heading || named) || !(part.contains('→') || part.contains("->")) {
                continue;
            }
            let chain: Vec<String> =
                ids.find_all(part).into_iter().map(|(_, _, id)| id.to_string()).collect();
            if chain.len() >= 2 {
                // A fenced block's text starts on the line after its fence.
                let offset = usize::from(matches!(block, Block::Code { .. }));
                return Some((chain, Source { path: path.into(), line: line + idx + offset }));
            }
        }
    }
    None
}

/// The ids prose names, with ranges expanded: `T-001 through T-007`,
/// `T-101 → T-114`, `T-008-T-014`.
pub(crate) fn ids_in_prose(ids: &IdMatcher, text: &str) -> Vec<String> {
    let found = ids.find_all(text);
    let mut named = Vec::new();
    for (idx, &(_, end, id)) in found.iter().enumerate() {
        named.push(id.to_string());
        let Some(&(next_start, _, next)) = found.get(idx + 1) else { continue };
        let between = text[end..next_start].trim().to_lowercase();
        let is_range = matches!(
            between.as_str(),
            "-" | "–" | "—" | "→" | "->" | "to" | "through" | "thru" | ".."
        );
        if is_range {
            named.extend(ids.dependencies(&format!("{id}-{next}")).ids);
        }
    }
    named.sort();
    named.dedup();
    named
}
