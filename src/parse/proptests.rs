//! Property tests of the parse: frontmatter, markdown documents (tasks,
//! phases, claims) and claims alone, on arbitrary and markdown-ish text.
//! Nothing panics, every line reported lies inside the file, and the
//! figures of a claim fit together.

use std::path::PathBuf;

use proptest::prelude::*;

use super::*;
use crate::parse::ids::IdMatcher;

/// Lines a governance document is made of, to build markdown-ish text from.
const MARKDOWN_LINES: &[&str] = &[
    "---",
    "title: Plan",
    "status: done",
    "date: 2026-02-30",
    "tasks: [T-1, T-2]",
    "depends_on: T-9",
    "attestor: {x: 1}",
    "# Release plan",
    "## Phase 1: Build ✅",
    "### T-7: Receipts",
    "| ID | Task | Status | Depends on |",
    "|----|------|--------|------------|",
    "| T-1 | Cart | ✅ Done | T-2 |",
    "| T-2 | Pay | 🔄 In progress | T-1, T-99999999999999999999 |",
    "| | | |",
    "- [x] T-3 Payment form",
    "- [ ] T-4 Receipts (blocked by T-3)",
    "  - [x] nested item",
    "> - [ ] quoted T-5",
    "1. **T-6** Done",
    "Tests: 100 passed (63)",
    "18446744073709551615 passed, 18446744073709551615 failed",
    "99999999999999999999/3 tests passed",
    "Coverage: 87.5% (see [log](../tests/run.log))",
    "**Status**: ✅ COMPLETE",
    "Estimate: 99999999999 days",
    "```yaml",
    "attestor: ignored",
    "```",
    "",
    "<script>alert(1)</script>",
    "Critical path: T-1 → T-2 → T-1",
];

/// Markdown-ish text: lines of governance docs in any order, with noise.
fn markdownish() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        4 => prop::sample::select(MARKDOWN_LINES).prop_map(str::to_string),
        1 => "[ -~|#>*`\\[\\]()0-9✅❌]{0,40}",
    ];
    prop::collection::vec(line, 0..40).prop_map(|lines| lines.join("\n"))
}

fn parse_as(rel: &str, bytes: &[u8]) -> Parsed {
    let ctx = ParseContext { ids: IdMatcher::new(&[]).0 };
    let file = SourceFile {
        abs: PathBuf::from(rel),
        rel: rel.to_string(),
        format: crate::discover::format_of(rel),
        in_evidence_dir: false,
    };
    parse(&ctx, &file, bytes)
}

/// How many lines a file has: those of its text, or of its bytes when
/// decoding empties the last ones (a last line of NUL bytes is reported
/// where it is, though the text drops it).
fn file_lines(bytes: &[u8]) -> usize {
    let raw = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
    crate::text::decode(bytes).text.lines().count().max(raw)
}

// Found by the `document` fuzz target: a session whose last line is NUL
// bytes. Its A007 names that line, the file's fourth, which the decoded
// text (three lines) no longer has; the check counts the file's lines.
#[test]
fn nul_bytes_on_the_last_line_are_reported_on_that_line() {
    let mut bytes = b"# Session [026-03-01\n\n## ###### [ ] T-8\n".to_vec();
    bytes.extend([0u8; 61]);
    let parsed = parse_as("docs/session-2026-03-01.md", &bytes);
    let nul: Vec<_> = parsed.diagnostics.iter().filter(|d| d.code == "A007").collect();
    assert_eq!(nul.len(), 1, "{:?}", parsed.diagnostics);
    assert_eq!((nul[0].line, file_lines(&bytes)), (4, 4));
    check_lines(&parsed, file_lines(&bytes)).unwrap();
}

/// Every line the parse reports lies inside the file.
fn check_lines(parsed: &Parsed, n_lines: usize) -> Result<(), TestCaseError> {
    for task in &parsed.tasks {
        prop_assert!((1..=n_lines).contains(&task.source.line), "{:?} of {n_lines}", task.source);
    }
    for phase in &parsed.phases {
        prop_assert!(phase.source.line <= n_lines, "{:?} of {n_lines}", phase.source);
    }
    for claim in &parsed.claims {
        prop_assert!((1..=n_lines).contains(&claim.source.line), "{:?}", claim.source);
        check_figures(&claim.figures)?;
    }
    for d in &parsed.diagnostics {
        prop_assert!(d.line <= n_lines, "{d:?} of {n_lines}");
    }
    Ok(())
}

/// A claim's figures are ones a run can have: a percent within 0-100,
/// and the passes derived from a total (`120 examples, 2 failures`) never
/// more than it leaves.
fn check_figures(f: &crate::model::Figures) -> Result<(), TestCaseError> {
    if let Some(p) = f.percent {
        prop_assert!((0.0..=100.0).contains(&p), "{f:?}");
    }
    if let (Some(total), Some(passed), Some(failed)) = (f.total, f.passed, f.failed) {
        // A total read from the text may disagree with the counts (the
        // linker never supports such a claim); one made from them is their sum.
        prop_assert!(passed <= total || failed <= total || total == u64::MAX, "{f:?}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn frontmatter_takes_any_text(text in any::<String>(), yaml in markdownish()) {
        for text in [text, format!("---\n{yaml}")] {
            let mut diagnostics = Vec::new();
            let split = frontmatter::split("docs/x.md", &text, &mut diagnostics);
            let n_lines = text.lines().count().max(1);
            prop_assert!(text.ends_with(split.body));
            prop_assert!(split.body_line_offset <= n_lines);
            for d in &diagnostics {
                prop_assert!(d.line <= n_lines, "{d:?} of {n_lines}");
            }
        }
    }

    #[test]
    fn documents_take_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        check_lines(&parse_as("docs/plan.md", &bytes), file_lines(&bytes))?;
    }

    #[test]
    fn markdownish_documents_report_lines_inside_the_file(text in markdownish()) {
        let n_lines = text.lines().count().max(1);
        for rel in ["docs/plan.md", "docs/session-2026-03-01.md", "docs/notes.txt"] {
            check_lines(&parse_as(rel, text.as_bytes()), n_lines)?;
        }
    }

    #[test]
    fn claims_in_any_line_fit_together(line in markdownish(), context in "[a-z ]{0,20}") {
        for claim in claims::claims_in("docs/plan.md", 7, &line.replace('\n', " "), &context) {
            prop_assert_eq!(claim.source.line, 7);
            check_figures(&claim.figures)?;
        }
    }
}
