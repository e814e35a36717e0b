//! Issue 10's last content gaps: claims marked at their line in the
//! document's body, plan pages linking their dependency graph, Istanbul
//! coverage reports, and audit sentences that name tasks by their title.

use crate::html::{anchor_links, anchors, attributes};
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
