//! Evidence pages and the theme's templates.
//!
//! An evidence page opens with a heading (the file's name, kind and
//! outcome); a JUnit report is summarised (suites with tests, failures,
//! errors, skips and time; the failing cases with their messages, linked to
//! their line); a coverage report (lcov, Cobertura, coverage.py JSON) is a
//! table of its files, worst covered first; JSON is shown pretty-printed
//! above its raw text when it is not too big. The fixture is
//! `evidence/reports/`.
//!
//! Templates: each `templates/<name>.html` beside `attestor.toml` overrides
//! the theme's template of that name (and wins over a theme folder's); a
//! name the theme does not know is a warning unless a template includes it;
//! files that lead outside their folder are never read; the sitemap lists
//! every page the theme writes.

use crate::html::text_of;
use crate::site_test::SiteTest;
use crate::status::diagnostic_lines;

/// The text of each row of the table in the section of `class` on a page,
/// header cells and data cells alike.
fn table_rows(test: &SiteTest, page: &str, class: &str) -> Vec<String> {
    let html = test.file(page);
    let start = html.find(&format!("<section class=\"{class}\"")).unwrap_or_else(|| {
        panic!("{page} has no section `{class}`");
    });
    let section = &html[start..start + html[start..].find("</section>").unwrap()];
    section
        .split("<tr>")
        .skip(1)
        .map(|row| {
            let row = row.split("</tr>").next().unwrap();
            row.split("<t")
                .skip(1)
                .map(|cell| text_of(&format!("<t{cell}")))
                .filter(|cell| !cell.is_empty())
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect()
}

/// The text of each item of the list of class `class` on a page.
fn items(test: &SiteTest, page: &str, class: &str) -> Vec<String> {
    let html = test.file(page);
    let Some(start) = html.find(&format!("<ul class=\"{class}\">")) else { return Vec::new() };
    let list = &html[start..start + html[start..].find("</ul>").unwrap()];
    list.split("<li>").skip(1).map(|li| text_of(li.split("</li>").next().unwrap())).collect()
}

/// The `<h1>` of a page, as text.
fn heading(test: &SiteTest, page: &str) -> String {
    let html = test.file(page);
    let start = html.find("<h1").unwrap();
    text_of(&html[start..start + html[start..].find("</h1>").unwrap()])
}

// A JUnit report's page names the file, its kind and outcome, lists its
// suites with their counts and time, and its failing cases with their
// messages, each linked to the line of its failure.
#[test]
fn junit_pages_summarise_suites_and_failing_cases() {
    let mut test = SiteTest::from_dir("evidence/reports");
    test.build().expect_success();
    let page = "docs/tests/junit-ledger.xml.html";
    assert_eq!(heading(&test, page), "junit-ledger.xml test fail");
    assert_eq!(
        table_rows(&test, page, "junit"),
        [
            "Suite | Tests | Failures | Errors | Skipped | Time (s)",
            "ledger.RoundingTest | 3 | 1 | 0 | 1 | 1.25",
            "ledger.ExportTest | 3 | 0 | 1 | 0 | 2.25",
            "Total | 6 | 1 | 1 | 1 | 3.5",
        ]
    );
    assert_eq!(
        items(&test, page, "failing-cases"),
        [
            "failure ledger.RoundingTest.rounds_negative_amounts expected -2 but got -3",
            "error ledger.ExportTest.streams_big_files IOError: disk quota exceeded while writing export.csv",
        ]
    );
    test.assert_file_contains(
        page,
        "<a href=\"#L6\">ledger.RoundingTest.rounds_negative_amounts</a>",
    )
    .assert_file_contains(page, "<span class=\"fail\"><a id=\"L6\" href=\"#L6\">6</a>")
    .assert_file_contains(page, "<a href=\"#L17\">ledger.ExportTest.streams_big_files</a>");
}

// Each coverage format the readers know is a table of files, worst first.
#[test]
fn coverage_pages_list_files_worst_covered_first() {
    let mut test = SiteTest::from_dir("evidence/reports");
    test.build().expect_success();
    let header = "File | Lines | Covered | %";
    assert_eq!(
        table_rows(&test, "docs/evidence/coverage/lcov.info.html", "coverage-files"),
        [
            header,
            "src/export.rs | 2 | 0 | 0.0%",
            "src/tax/rules.rs | 4 | 2 | 50.0%",
            "src/money.rs | 5 | 4 | 80.0%",
        ]
    );
    assert_eq!(
        table_rows(&test, "docs/evidence/coverage/cobertura.xml.html", "coverage-files"),
        [header, "web/checkout.ts | 3 | 1 | 33.3%", "web/cart.ts | 2 | 2 | 100.0%"]
    );
    assert_eq!(
        table_rows(&test, "docs/evidence/coverage/coverage.json.html", "coverage-files"),
        [header, "app/jobs.py | 12 | 3 | 25.0%", "app/api.py | 50 | 45 | 90.0%"]
    );
    assert_eq!(
        heading(&test, "docs/evidence/coverage/lcov.info.html"),
        "lcov.info coverage unknown"
    );
}

// JSON is shown laid out, keys in the order written, above its raw text;
// invalid JSON and JSON over 256 KiB show only the raw text.
#[test]
fn json_is_shown_pretty_printed_when_valid_and_not_too_big() {
    let mut test = SiteTest::from_dir("evidence/reports");
    test.write_file("deployments/broken.json", "{\"service\": \"api\", \"status\":");
    let big: String = format!("[{}0]", "1234567,".repeat(40_000));
    test.write_file("deployments/big.json", &big);
    test.build().expect_success();
    let page = test.file("docs/deployments/release.json.html");
    let start = page.find("<pre class=\"json\"><code>").unwrap() + 24;
    let pretty = &page[start..start + page[start..].find("</code>").unwrap()];
    assert_eq!(
        crate::html::decode_entities(pretty),
        "{\n  \"service\": \"ledger-api\",\n  \"deploys\": [\n    {\n      \"id\": \"dep-7\",\n      \"status\": \"live\",\n      \"finished_at\": \"2026-04-04T12:00:00Z\",\n      \"commit\": \"ab12cd3\"\n    }\n  ],\n  \"notes\": \"a, b: {c}\"\n}"
    );
    test.assert_file_contains(
        "docs/deployments/release.json.html",
        "<a id=\"L1\" href=\"#L1\">1</a>",
    )
    .assert_file_lacks("docs/deployments/broken.json.html", "pretty-json")
    .assert_file_contains("docs/deployments/broken.json.html", "<a id=\"L1\" href=\"#L1\">1</a>")
    .assert_file_lacks("docs/deployments/big.json.html", "pretty-json");
}

// A template in `templates/` beside attestor.toml overrides the theme's by
// name and wins over the theme folder's; one it includes is read too; the
// templates are listed as not read, not shown as documents.
#[test]
fn templates_beside_the_config_override_the_theme() {
    let mut test = SiteTest::from_dir("evidence/reports");
    test.write_file("attestor.toml", "theme = \"theme\"\n")
        .write_file("theme/templates/404.html", "theme 404")
        .write_file("theme/templates/files.html", "theme files")
        .write_file("templates/404.html", "project 404 {% include \"sign.html\" %}")
        .write_file("templates/sign.html", "signed by the project");
    test.build().expect_success();
    assert_eq!(test.file("404.html"), "project 404 signed by the project");
    assert_eq!(test.file("files.html"), "theme files");
    assert_eq!(diagnostic_lines(&test), Vec::<String>::new());
    let not_read = test.status_json()["not_read"].to_string();
    assert!(not_read.contains("templates/404.html"), "{not_read}");
    assert!(!test.out().join("docs/templates/404.html.html").exists());
}

// A template the theme does not know, that no template includes, is a
// warning with the nearest name and every known one; it is not compiled,
// so its broken syntax does not stop the build.
#[test]
fn warns_on_a_template_name_the_theme_does_not_know() {
    let mut test = SiteTest::from_dir("evidence/reports");
    test.write_file("attestor.toml", "title = \"Ledger\"\n")
        .write_file("templates/dashbord.html", "{% if %}");
    test.build().expect_success();
    assert_eq!(
        diagnostic_lines(&test),
        [
            "warning[A250] templates/dashbord.html:0 `templates/dashbord.html` is not a template of the theme, and no template includes it; it is not used"
        ]
    );
    test.expect_stderr_contains("did you mean `dashboard.html`?");
    test.expect_stderr_contains(
        "404.html, attention-rows.html, attention.html, audit.html, base.html",
    );
}

// Without attestor.toml, `templates/` is the docs' own folder: its files
// are documents and override nothing.
#[test]
fn templates_without_a_config_are_documents() {
    let mut test = SiteTest::from_dir("evidence/reports");
    test.write_file("templates/404.html", "<p>An email template</p>\n");
    test.build().expect_success();
    test.assert_file_lacks("404.html", "An email template");
    assert!(test.out().join("docs/templates/404.html.html").exists());
}

// A template that leads outside its folder is never read.
#[cfg(unix)]
#[test]
fn never_reads_a_template_that_leads_outside_its_folder() {
    let mut test = SiteTest::from_dir("evidence/reports");
    test.write_file("attestor.toml", "title = \"Ledger\"\n");
    let secret = test.temp().join("secret.html");
    std::fs::write(&secret, "SECRET").unwrap();
    std::fs::create_dir_all(test.root().join("templates")).unwrap();
    std::os::unix::fs::symlink(&secret, test.root().join("templates/404.html")).unwrap();
    test.build().expect_success();
    test.assert_file_lacks("404.html", "SECRET");
    assert!(
        diagnostic_lines(&test).contains(&"error[A172] templates/404.html:0 theme file `templates/404.html` leads outside its templates folder through a symlink; it is not read".to_string()),
        "{:#?}",
        diagnostic_lines(&test)
    );
}

// The sitemap lists every page the portal writes, evidence pages and the
// audit trail's pages by kind included, but not the page not found.
#[test]
fn the_sitemap_lists_every_page_written() {
    let mut test = SiteTest::from_dir("evidence/reports");
    test.build_with(&["--no-minify", "--base-url", "https://example.org/ledger"]).expect_success();
    let sitemap = test.file("sitemap.xml");
    let mut listed: Vec<&str> = sitemap
        .split("<loc>https://example.org/ledger/")
        .skip(1)
        .map(|rest| rest.split("</loc>").next().unwrap())
        .collect();
    listed.sort_unstable();
    let mut pages: Vec<String> = test
        .output_files()
        .into_keys()
        .filter(|rel| rel.ends_with(".html") && rel != "404.html")
        .collect();
    pages.sort();
    assert_eq!(listed, pages);
    assert!(listed.contains(&"docs/tests/junit-ledger.xml.html"));
    assert!(listed.contains(&"audit-test.html"));
}
