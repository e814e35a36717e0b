//! Markdown as users write it, hostile or not: text that looks like
//! attestor's own syntax is shown as written, nesting of any depth builds
//! with a diagnostic, images on other sites become links, and the longest
//! file names a file system allows still get pages.

use crate::html::crawl;
use crate::site_test::SiteTest;
use crate::status::diagnostic_lines;

// The text `attestor:` in a YAML block, inline code, prose and a link's text
// is shown as written, with no A030, and the next paragraph is intact.
// See: issue 9.
#[test]
fn shows_the_text_attestor_colon_as_written_and_keeps_the_next_paragraph() {
    let mut test = SiteTest::from_dir("markdown/literal-attestor");
    test.build().expect_success();
    assert_eq!(diagnostic_lines(&test), Vec::<String>::new());
    let page = "docs/setup.html";
    test.assert_file_contains(
        page,
        "<pre><code class=\"language-yaml\">attestor:\n  title: Harbour status\n  link: attestor:plans/missing.md\n</code></pre>\n<p>This paragraph follows the block and must stay whole.</p>",
    )
    .assert_file_contains(
        page,
        "<p>Write <code>attestor:</code> in a config, or attestor: in prose, or link <a href=\"https://example.org/attestor\">attestor: docs</a>.</p>",
    )
    .assert_file_contains(
        page,
        "<a class=\"tid\" href=\"../tasks/doc-7.html\">DOC-7</a> explain the <code>attestor-task:</code> prefix",
    );
}

/// `count` copies of `unit`.
fn repeat(unit: &str, count: usize) -> String {
    unit.repeat(count)
}

// Every shape of nesting 100,000 deep builds, minified as users get it,
// with exit 0, a diagnostic at the line where the nesting passed the bound,
// and the text after it on the page. See: issue 9.
#[test]
fn nesting_100_000_deep_builds_with_a_diagnostic_at_its_line() {
    const N: usize = 100_000;
    let after = "\n\nAfter the deep part.\n";
    let mut test = SiteTest::from_dir("markdown/generated");
    let deep_line = format!("{} deep", repeat(">", N));
    // Nested checklists by indentation grow as the square of their depth,
    // so they go 1,130 levels deep (the depth of the report in issue 9).
    let nested_tasks: String =
        (0..1_130).map(|depth| format!("{}- [ ] level {depth}\n", repeat("  ", depth))).collect();
    let cases = [
        ("quote-line.md", format!("# Quote\n\n{deep_line}{after}")),
        ("quote-lines.md", format!("# Quotes\n\n{deep_line}\n{deep_line}\n{deep_line}{after}")),
        ("list.md", format!("# List\n\n{}item{after}", repeat("- ", N))),
        ("ordered.md", format!("# Ordered\n\n{}item{after}", repeat("1. ", N))),
        ("tasks.md", format!("# Tasks\n\n{nested_tasks}{after}")),
        ("emphasis.md", format!("# Emphasis\n\n{}x{}{after}", repeat("*", N), repeat("*", N))),
        ("links.md", format!("# Links\n\n{}x{}{after}", repeat("[", N), repeat("](README.md)", N))),
        ("html.md", format!("# Html\n\n{}{after}", repeat("<div>", N))),
        ("inline-html.md", format!("# Inline\n\nx {}{after}", repeat("<b>", N))),
    ];
    for (name, text) in &cases {
        test.write_file(name, text);
    }
    test.build_minified().expect_success();
    let flattened = "warning[A180] {}:3 markdown nested more than 64 levels deep; the deeper levels are shown flattened into level 64";
    let escaped = "warning[A181] {}:3 raw HTML nested more than 64 elements deep; from here on it is shown as text";
    assert_eq!(
        diagnostic_lines(&test),
        [
            flattened.replace("{}", "emphasis.md"),
            escaped.replace("{}", "html.md"),
            escaped.replace("{}", "inline-html.md"),
            flattened.replace("{}", "list.md"),
            flattened.replace("{}", "ordered.md"),
            flattened.replace("{}", "quote-line.md"),
            flattened.replace("{}", "quote-lines.md"),
            flattened.replace("{}", "tasks.md").replace(":3 ", ":35 "),
        ]
    );
    for (name, _) in &cases {
        let page = format!("docs/{}", name.replace(".md", ".html"));
        test.assert_file_contains(&page, "After the deep part.");
        assert!(test.file(&page).matches("<blockquote>").count() <= 64, "{page}");
    }
}

// An image on another site is a link to it by default (the page requests
// nothing elsewhere) and an image with `remote_media = true`.
#[test]
fn remote_images_are_links_unless_remote_media_is_on() {
    let mut test = SiteTest::from_dir("markdown/remote-images");
    test.build().expect_success();
    let page = "docs/gallery.html";
    test.assert_file_contains(
        page,
        "<a href=\"https://charts.example.net/build.png\">Build chart</a>",
    )
    .assert_file_contains(
        page,
        "<a href=\"https://cdn.example.net/pixel.gif\">https://cdn.example.net/pixel.gif</a>",
    )
    .assert_file_contains(page, "<a href=\"https://cdn.example.net/raw.png\">Raw badge</a>")
    .assert_file_contains(page, "<img src=\"../files/local.png\" alt=\"Local\">")
    .assert_file_lacks(page, "src=\"https:")
    .assert_file_contains(page, "img-src 'self' data:;");
    let note = "is on another site; it is shown as a link to it";
    assert_eq!(
        diagnostic_lines(&test),
        [
            format!("info[A182] gallery.md:3 image `https://charts.example.net/build.png` {note}"),
            format!("info[A182] gallery.md:5 image `https://cdn.example.net/pixel.gif` {note}"),
            format!("info[A182] gallery.md:7 image `https://cdn.example.net/raw.png` {note}"),
        ]
    );

    test.write_file("attestor.toml", "remote_media = true\n").build().expect_success();
    test.assert_file_contains(
        page,
        "<img src=\"https://charts.example.net/build.png\" alt=\"Build chart\">",
    )
    .assert_file_contains(page, "<img src=\"https://cdn.example.net/raw.png\" alt=\"Raw badge\">")
    // The policy lets the page load what the config allows, and no more.
    .assert_file_contains(page, "img-src 'self' data: https:;");
    assert_eq!(diagnostic_lines(&test), Vec::<String>::new());
}

// A markdown file and a log whose names are 255 bytes (the most Linux
// allows) build, and their pages are reachable from the files page.
// See: issue 9.
#[test]
fn names_of_255_bytes_build_and_their_pages_are_reachable() {
    let plan = format!("{}.md", repeat("p", 252));
    let log = format!("{}.log", repeat("l", 251));
    assert_eq!((plan.len(), log.len()), (255, 255));
    let mut test = SiteTest::from_dir("markdown/generated");
    test.write_file(&plan, &format!("# Long plan\n\n- [x] LONG-1 ship it, see `tests/{log}`\n"))
        .write_file(&format!("tests/{log}"), "4 passed, 0 failed\n");
    test.build().expect_success();
    let reached = crawl(test.out(), "files.html");
    let page_of = |prefix: &str| {
        reached.iter().find(|path| path.starts_with(prefix)).cloned().unwrap_or_default()
    };
    let plan_page = page_of("docs/ppp");
    let log_page = page_of("docs/tests/lll");
    assert!(plan_page.ends_with(".html") && log_page.ends_with(".html"), "{reached:?}");
    assert!(plan_page.len() <= 205 && log_page.len() <= 211, "{plan_page} {log_page}");
    test.assert_file_contains(&plan_page, "Long plan");
    test.assert_file_contains(&log_page, "4 passed, 0 failed");
    // The plan's path in backticks links to the log's page.
    test.assert_file_contains(&plan_page, &format!("href=\"../{log_page}\""));
    assert_eq!(diagnostic_lines(&test), Vec::<String>::new());
}
