//! Every evidence reader on arbitrary bytes: never panics, and the
//! figures and lines it reports are consistent: failure lines and runs lie
//! inside the file, coverage is a percent, a failing count never comes with
//! a pass.
//!
//! The first byte picks the file's name, which picks the readers that see
//! it: a text log, a deploy log, JSON, XML, lcov or markdown prose.
#![no_main]

use std::path::PathBuf;
use std::sync::LazyLock;

use attestor::discover::{SourceFile, format_of};
use attestor::model::Outcome;
use attestor::parse::{ParseContext, ids::IdMatcher};
use libfuzzer_sys::fuzz_target;

static CTX: LazyLock<ParseContext> = LazyLock::new(|| ParseContext { ids: IdMatcher::new(&[]).0 });

const NAMES: [&str; 8] = [
    "evidence/test-run.log",
    "deployments/deploy-2026-03-01.log",
    "evidence/report.json",
    "test-results/junit.xml",
    "evidence/coverage/lcov.info",
    "evidence/notes.md",
    "evidence/lint.txt",
    "evidence/build.log",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let rel = NAMES[pick as usize % NAMES.len()];
    let file = SourceFile {
        abs: PathBuf::from(rel),
        rel: rel.to_string(),
        format: format_of(rel),
        in_evidence_dir: true,
    };
    let parsed = attestor::parse::parse(&CTX, &file, bytes);
    let Some(evidence) = parsed.evidence else { return };
    let n_lines = parsed.document.n_lines.max(1);
    for &line in &evidence.failure_lines {
        assert!((1..=n_lines).contains(&line), "failure line {line} of {n_lines}");
    }
    if let Some(p) = evidence.coverage_percent {
        assert!((0.0..=100.0).contains(&p), "coverage {p}");
    }
    if evidence.failed.is_some_and(|n| n > 0) {
        assert_ne!(evidence.outcome, Outcome::Pass, "failures counted, outcome pass: {evidence:?}");
    }
    for run in &evidence.runs {
        assert!(run.end_line <= n_lines, "run ends at {} of {n_lines}: {run:?}", run.end_line);
    }
});
