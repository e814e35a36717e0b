//! Issue 10's last content gaps: claims marked at their line in the
//! document's body, plan pages linking their dependency graph, Istanbul
//! coverage reports, and audit sentences that name tasks by their title.

use crate::html::{anchor_links, anchors, attributes, text_of};
use crate::site_test::SiteTest;

/// The text between the first `start` and the next `end` after it.
fn between<'a>(page: &'a str, start: &str, end: &str) -> &'a str {
    let from = page.find(start).unwrap_or_else(|| panic!("{start:?} not in the page"));
    let rest = &page[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

/// The rendered body of a document page.
fn body(page: &str) -> &str {
    between(page, "<div class=\"body\">", "\n</div>\n")
}

// Each claim's verdict is marked in the body at the block holding its line:
// the paragraph of its second line, a nested list item, a table row's first
// cell, each of two claims on one line; contradicted ones say what the
// evidence records; each mark links to its entry and the entry back to it.
#[test]
fn claims_are_marked_at_their_line_in_the_body() {
    let mut test = SiteTest::from_dir("inline/marks");
    test.build().expect_success();
    let page = test.file("docs/sessions/2026-05-02-orders-review.html");
    let body = body(&page);
    let contradicted = |line: &str| {
        format!(
            "<a class=\"claim-mark contradicted\" id=\"mark-{line}\" href=\"#claim-{line}\" \
             title=\"compared with its run (pytest) of tests/2026-05-02-api-pytest.txt: 37 passed, \
             3 failed; the run records failures the claim does not\">Contradicted: \
             2026-05-02-api-pytest.txt records 37 passed, 3 failed</a> "
        )
    };
    // The claim on line 10 is in the paragraph that starts on line 9.
    assert!(body.contains(&format!("<p>{}All green today", contradicted("L10"))), "{body}");
    assert!(body.contains(&format!("<li>{}Nested detail", contradicted("L13"))), "{body}");
    assert!(body.contains(&format!("<tr><td>{}API</td>", contradicted("L18"))), "{body}");
    let two = format!(
        "<p>{}<a class=\"claim-mark supported\" id=\"mark-L20-2\" href=\"#claim-L20-2\" \
         title=\"compared with its run (pytest) of tests/2026-05-02-api-pytest.txt: 37 passed, 3 \
         failed; the figures agree\">Supported</a> Two at once",
        contradicted("L20")
    );
    assert!(body.contains(&two), "{body}");
    assert!(
        body.contains(
            "<p><a class=\"claim-mark unsupported\" id=\"mark-L28\" href=\"#claim-L28\" \
             title=\"no evidence is named on its line, nearby or in its section\">Unsupported</a> \
             The team also says"
        ),
        "{body}"
    );
    // Text in a code block is no claim, and the line markers never show.
    assert!(body.contains("<pre><code class=\"language-text\">40/40 tests passed\n</code></pre>"));
    assert_eq!(body.matches("class=\"claim-mark").count(), 6, "{body}");
    assert!(!page.contains("<!--L"), "{page}");
    // Each entry links to its mark, and each mark to its entry.
    let links = anchor_links(&page);
    for line in ["L10", "L13", "L18", "L20", "L20-2", "L28"] {
        let to_mark = (format!("#mark-{line}"), format!("line {}", &line[1..3]));
        assert!(links.contains(&to_mark), "{to_mark:?} in {links:?}");
        let ids = anchors(&page);
        assert!(ids.contains(&format!("claim-{line}")) && ids.contains(&format!("mark-{line}")));
    }
}

// Every id of a page with marks is unique, even where raw HTML in the
// document takes a mark's id or writes a line marker of its own; a claim in
// a heading is marked inside the heading.
#[test]
fn marks_keep_ids_unique_beside_raw_html() {
    let mut test = SiteTest::from_dir("inline/marks");
    test.build().expect_success();
    for page in ["docs/notes/staging.html", "docs/sessions/2026-05-02-orders-review.html"] {
        let html = test.file(page);
        let mut ids: Vec<String> =
            attributes(&html).into_iter().filter(|a| a.name == "id").map(|a| a.value).collect();
        let n_ids = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n_ids, "duplicate ids in {page}");
    }
    let page = test.file("docs/notes/staging.html");
    let body = body(&page);
    assert!(
        body.contains("<div class=\"pasted\">Copied from the <b>CI page</b>:  build 812</div>")
    );
    assert!(body.contains(
        "<h2 id=\"40-40-tests-passed-on-staging\"><a class=\"claim-mark contradicted\" \
         id=\"mark-L5\" href=\"#claim-L5\""
    ));
    assert_eq!(body.matches("claim-mark").count(), 1, "{body}");
}

// A plan page links the page of its own dependency graph, also when two
// plans' names give the same slug; a plan whose tasks depend on nothing
// known has no graph page and no link.
#[test]
fn plan_pages_link_their_dependency_graph() {
    let mut test = SiteTest::from_dir("inline/graphs");
    test.build().expect_success();
    for (page, graph, title) in [
        ("docs/plans/a-b.html", "graph/plans-a-b-md.html", "Billing plan"),
        ("docs/plans/a.b.html", "graph/plans-a-b-md-2.html", "Shipping plan"),
    ] {
        let html = test.file(page);
        let link = (format!("../../{graph}"), "Dependency graph of this plan".to_string());
        assert!(anchor_links(&html).contains(&link), "{link:?} in {page}");
        test.assert_file_contains(graph, &format!("<h1>Dependencies of {title}</h1>"));
    }
    test.assert_file_lacks("docs/plans/solo.html", "Dependency graph");
    assert!(!test.out().join("graph/plans-solo-md.html").exists());
}

// The audit trail names a status change of a task without an id of its own
// by its title (cut when long), linked to its row, never by the id attestor
// made up for it; a task with an id keeps it. See: issue 10.
#[test]
fn audit_names_tasks_without_an_id_by_their_title() {
    let mut test = SiteTest::empty("repo");
    let repo = test.root().to_path_buf();
    crate::audit::git(&repo, &["init", "-q", "-b", "main"], "2026-04-01", "Rae Lund");
    let long = "Rotate the signing keys of every staging and production service before the audit";
    let day = |done: bool| {
        let mark = if done { "x" } else { " " };
        format!(
            "# Session 2026-04-02\n\n## Next steps\n\n- [{mark}] {long}\n- [{mark}] OPS-7 Renew the TLS certificate\n"
        )
    };
    let commit = |text: &str, date: &str| {
        std::fs::write(repo.join("day.md"), text).unwrap();
        crate::audit::git(&repo, &["add", "-A"], date, "Rae Lund");
        crate::audit::git(&repo, &["commit", "-q", "-m", "update"], date, "Rae Lund");
        crate::audit::git(&repo, &["rev-parse", "--short=7", "HEAD"], date, "Rae Lund")
    };
    commit(&day(false), "2026-04-02");
    let done = commit(&day(true), "2026-04-03");
    test.build_with(&["--no-minify", "--git"]).expect_success();
    let status = test.status_json();
    let unnamed = status["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["title"].as_str() == Some(long))
        .expect("the unnamed task");
    let made_up = unnamed["id"].as_str().unwrap();
    let page = test.file("audit-status.html");
    let shown = text_of(&page);
    assert!(!shown.contains(made_up), "{made_up} shown in the audit trail:\n{shown}");
    let cut: String = long.chars().take(60).collect();
    let links = anchor_links(&page);
    let row =
        (format!("docs/day.html#task-{made_up}"), format!("{cut}…: open → done, {done}, Rae Lund"));
    assert!(links.contains(&row), "{row:?} in {links:?}");
    let named = (
        "tasks/ops-7.html".to_string(),
        format!("OPS-7 Renew the TLS certificate: open → done, {done}, Rae Lund"),
    );
    assert!(links.contains(&named), "{named:?} in {links:?}");
}

// Istanbul's `coverage-summary.json` and `coverage-final.json` are read as
// coverage: the percent of lines, a per-file table worst first on the
// evidence page, and a claim checked against it; a broken one stays JSON
// text and the build goes on.
#[test]
fn istanbul_reports_are_read_as_coverage_with_a_table_per_file() {
    let mut test = SiteTest::from_dir("inline/istanbul");
    test.build().expect_success();
    let status = test.status_json();
    let formats: Vec<String> = status["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| format!("{} {} {}", e["path"], e["format"], e["coverage_percent"]))
        .collect();
    assert_eq!(
        formats,
        [
            "\"tests/api/coverage-summary.json\" \"json\" null",
            "\"tests/web/coverage-final.json\" \"istanbul-final\" 75.0",
            "\"tests/web/coverage-summary.json\" \"istanbul-summary\" 75.0",
        ]
    );
    let row = |path: &str, lines: u32, covered: u32, pct: &str| {
        format!(
            "<tr><th scope=\"row\" class=\"path\">{path}</th><td class=\"figure\">{lines}</td>\
             <td class=\"figure\">{covered}</td><td class=\"figure\">{pct}</td></tr>\n"
        )
    };
    let summary = test.file("docs/tests/web/coverage-summary.json.html");
    let table = between(&summary, "<h2 id=\"coverage-heading\">", "</tbody>");
    assert!(table.contains("Coverage by file <span class=\"count\">2</span>"), "{table}");
    let worst_first =
        row("checkout/pay.ts", 80, 36, "45.0%") + &row("basket/total.ts", 120, 114, "95.0%");
    assert!(table.contains(&worst_first), "{table}");
    // Lines 3, 4 and 9 ran; line 7 did not.
    let fin = test.file("docs/tests/web/coverage-final.json.html");
    assert!(fin.contains(&row("/runner/work/shop/web/src/money.ts", 4, 3, "75.0%")), "{fin}");
    let claim = &status["claims"][0];
    assert_eq!(claim["verdict"], "supported", "{claim}");
    assert_eq!(claim["evidence"], "tests/web/coverage-summary.json", "{claim}");
}
