//! The public parse of one file (frontmatter, markdown, tasks, claims) on
//! arbitrary bytes: never panics, and every task, phase, claim and
//! diagnostic line lies inside the file. The first byte picks the name the
//! file has (a markdown plan, a text note, a tracker export, a sprint status).
#![no_main]

use std::path::PathBuf;
use std::sync::LazyLock;

use attestor::discover::{SourceFile, format_of};
use attestor::parse::{ParseContext, ids::IdMatcher};
use libfuzzer_sys::fuzz_target;

static CTX: LazyLock<ParseContext> = LazyLock::new(|| ParseContext { ids: IdMatcher::new(&[]).0 });

const NAMES: [&str; 5] = [
    "docs/plan.md",
    "docs/notes.txt",
    "docs/session-2026-03-01.md",
    ".beads/issues.jsonl",
    "docs/sprint-status.yaml",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let rel = NAMES[pick as usize % NAMES.len()];
    let file = SourceFile {
        abs: PathBuf::from(rel),
        rel: rel.to_string(),
        format: format_of(rel),
        in_evidence_dir: false,
    };
    let parsed = attestor::parse::parse(&CTX, &file, bytes);
    // A line of the file counts even when decoding empties it (a last line
    // of NUL bytes is reported where it is, though the text drops it).
    let raw_lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
    let n_lines = attestor::text::decode(bytes).text.lines().count().max(raw_lines);
    for task in &parsed.tasks {
        assert!((1..=n_lines).contains(&task.source.line), "task {} at {:?}", task.id, task.source);
    }
    for phase in &parsed.phases {
        assert!(phase.source.line <= n_lines, "phase at {:?}", phase.source);
    }
    for claim in &parsed.claims {
        assert!((1..=n_lines).contains(&claim.source.line), "claim at {:?}", claim.source);
    }
    for d in &parsed.diagnostics {
        assert!(d.line <= n_lines, "{d:?} points past line {n_lines}");
    }
});
