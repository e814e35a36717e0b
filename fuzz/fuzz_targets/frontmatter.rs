//! Frontmatter on arbitrary text: never panics, and every line it reports
//! (diagnostics, the body's offset) lies inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = attestor::text::decode(data).text;
    let mut diagnostics = Vec::new();
    let split = attestor::parse::frontmatter::split("docs/x.md", &text, &mut diagnostics);
    let n_lines = text.lines().count().max(1);
    assert!(split.body_line_offset <= n_lines, "body starts after the file ends");
    assert!(text.ends_with(split.body), "the body is not the file's tail");
    for d in &diagnostics {
        assert!(d.line <= n_lines, "{d:?} points past line {n_lines}");
    }
});
