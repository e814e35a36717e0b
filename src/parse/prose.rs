//! Claims and commits in a document's prose, read block by block.
//!
//! `claims` reads one line at a time; this module walks a document's blocks
//! and gives each line the context a reader has: its heading, the lead-in
//! above a list, a table's header, and whether the section speaks of
//! coverage. Checking claims against evidence is `crate::link`'s job.

use std::sync::Arc;

use crate::model::{Claim, RefKind, Reference};
use crate::parse::blocks::{Block, Cell};
use crate::parse::claims;

/// Claims and commits stated in a document's prose, read block by block.
/// A list item or table row is read in the light of its heading, the lead-in
/// line above it and a table's header; once a section has spoken of
/// coverage, its later lists are read as coverage too, so `Router (91%)`
/// under "Well covered (>90% coverage)" and the groups after it are
/// coverage figures.
pub(crate) fn scan_prose(path: &Arc<str>, blocks: &[Block]) -> (Vec<Claim>, Vec<Reference>) {
    let mut found = Vec::new();
    let mut commits = Vec::new();
    let mut heading = "";
    let mut lead_in = "";
    let mut about_coverage = false;
    // The lines of a block, and a list's items, share their context: what
    // it says is found once.
    let mut last = claims::Context::new(String::new());
    let mut read = |line: usize, text: &str, context: &str| {
        if context != last.text() {
            last = claims::Context::new(context.to_string());
        }
        found.extend(claims::claims_under(path, line, text, &last));
        commits.extend(claims::commits_in(line, text));
    };
    for block in blocks {
        let context = |extra: &str| {
            let coverage = if about_coverage { "\n(coverage)" } else { "" };
            format!("{heading}\n{lead_in}{coverage}\n{extra}")
        };
        match block {
            Block::Heading { text, line, .. } => {
                read(*line, text, "");
                heading = text;
                lead_in = "";
                about_coverage = text.to_lowercase().contains("coverage");
            }
            Block::Paragraph { text, line, .. } => {
                // A paragraph is read in the light of its heading only: the
                // paragraph before it is not its lead-in.
                let coverage = if about_coverage { "\n(coverage)" } else { "" };
                let context = format!("{heading}{coverage}");
                for (idx, part) in crate::text::lines(text).enumerate() {
                    read(line + idx, part, &context);
                }
                lead_in = text;
                about_coverage |= text.to_lowercase().contains("coverage");
            }
            // An unchecked box (`- [ ] 80% coverage`) states what is not yet
            // true; the claim reader is told by the box it strips.
            Block::Item { text, line, checked: Some(false), .. } => {
                read(*line, &format!("[ ] {text}"), &context(""));
            }
            Block::Item { text, line, .. } => read(*line, text, &context("")),
            Block::Table(table) => {
                let header: Vec<_> = table.header.iter().map(|c| c.text.as_str()).collect();
                let context = context(&header.join(" "));
                for row in &table.rows {
                    read(row.line, &row_text(&row.cells), &context);
                }
                lead_in = "";
            }
            Block::Code { .. } => lead_in = "",
        }
    }
    commits.retain(|r: &Reference| r.kind == RefKind::Commit);
    (found, commits)
}

/// A table row as a line of prose: `Parser | 93%` reads as `Parser: 93%`.
fn row_text(cells: &[Cell]) -> String {
    let texts: Vec<&str> =
        cells.iter().map(|c| c.text.as_str()).filter(|t| !t.is_empty()).collect();
    match texts.split_first() {
        Some((first, rest)) if !rest.is_empty() => format!("{first}: {}", rest.join(" | ")),
        Some((first, _)) => first.to_string(),
        None => String::new(),
    }
}
