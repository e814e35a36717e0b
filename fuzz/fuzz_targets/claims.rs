//! Claims in a plan judged against a log beside it, through the public
//! parse and link stages: never panics (no overflow on any figure), and a
//! claim whose own figures do not add up is never supported.
//!
//! The input is the plan's text, a NUL, then the log's bytes; the plan
//! links the log on its last line. The first byte picks the log's name.
#![no_main]

use std::path::PathBuf;
use std::sync::LazyLock;

use attestor::config::{BuildArgs, BuildConfig, resolve};
use attestor::discover::{SourceFile, format_of};
use attestor::model::Verdict;
use attestor::parse::{ParseContext, ids::IdMatcher};
use libfuzzer_sys::fuzz_target;

static CTX: LazyLock<ParseContext> = LazyLock::new(|| ParseContext { ids: IdMatcher::new(&[]).0 });

static CONFIG: LazyLock<BuildConfig> = LazyLock::new(|| {
    let root = std::env::temp_dir().join(format!("attestor-fuzz-claims-{}", std::process::id()));
    std::fs::create_dir_all(&root).expect("a temp folder");
    resolve(&BuildArgs { root: Some(root), ..BuildArgs::default() }).expect("a config").0
});

const LOGS: [&str; 4] =
    ["evidence/test-run.log", "evidence/results.json", "evidence/junit.xml", "evidence/notes.md"];

fn source(rel: &str, in_evidence_dir: bool) -> SourceFile {
    SourceFile { abs: PathBuf::from(rel), rel: rel.to_string(), format: format_of(rel), in_evidence_dir }
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let log = LOGS[pick as usize % LOGS.len()];
    let (plan, log_bytes) = match rest.iter().position(|&b| b == 0) {
        Some(at) => (&rest[..at], &rest[at + 1..]),
        None => (rest, &b""[..]),
    };
    let mut plan = plan.to_vec();
    plan.extend_from_slice(format!("\n\nSee [the run](../{log}).\n").as_bytes());
    let parsed = vec![
        attestor::parse::parse(&CTX, &source("docs/plan.md", false), &plan),
        attestor::parse::parse(&CTX, &source(log, true), log_bytes),
    ];
    let site = attestor::link::link(&CONFIG, &CTX.ids, parsed, Vec::new());
    for claim in site.claims.iter().filter(|c| c.verdict == Verdict::Supported) {
        let f = &claim.figures;
        if let Some(total) = f.total {
            let counted = f.passed.unwrap_or(0).checked_add(f.failed.unwrap_or(0));
            assert!(
                counted.is_some_and(|n| n <= total),
                "supported claim whose figures do not add up: {claim:?}"
            );
        }
    }
});
