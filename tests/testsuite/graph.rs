//! The dependency graph pages: `graph.html` and one per plan, drawn as
//! inline SVG whose boxes link to the tasks, the critical path and cycles
//! marked and listed, tasks without dependencies counted but not drawn.

use crate::html::{anchors, attributes, links, resolve};
use crate::site_test::SiteTest;

/// The `href`s of the task boxes of a graph page, in drawing order.
fn node_links(html: &str) -> Vec<String> {
    let svg = &html[html.find("<svg").expect("an inline SVG")..];
    let svg = &svg[..svg.find("</svg>").expect("a closed SVG")];
    attributes(svg)
        .into_iter()
        .filter(|a| a.tag == "a" && a.name == "href")
        .map(|a| a.value)
        .collect()
}

/// The class attribute of the box that links to `task_page`.
fn node_class(html: &str, task_page: &str) -> String {
    let at = html
        .find(&format!("href=\"{task_page}\" class=\""))
        .unwrap_or_else(|| panic!("no box links to {task_page}"));
    let rest = &html[at..];
    let start = rest.find("class=\"").unwrap() + 7;
    rest[start..start + rest[start..].find('"').unwrap()].to_string()
}

// The overall graph draws every task with a dependency either way, each box
// a link to its task's page, and says how many tasks were left undrawn.
#[test]
fn graph_page_draws_linked_tasks_as_links_to_their_pages() {
    let mut test = SiteTest::from_dir("graph/plans");
    test.build().expect_success();
    let html = test.file("graph.html");
    let mut hrefs = node_links(&html);
    hrefs.sort();
    let expected: Vec<String> =
        ["dk-1", "dk-2", "dk-3", "dk-4", "hb-1", "hb-2", "hb-3", "hb-4", "hb-5"]
            .iter()
            .map(|slug| format!("tasks/{slug}.html"))
            .collect();
    assert_eq!(hrefs, expected);
    assert!(
        html.contains("9 tasks and 9 dependencies drawn; an arrow runs from a task to the task that waits on it. 2 tasks have no dependencies either way and are not drawn."),
        "{html}"
    );
    assert!(
        html.contains(
            "<title>HB-2: Order the new hoist motors (in progress; critical path)</title>"
        ),
        "{html}"
    );
    assert!(html.contains("aria-label=\"Dependency graph: 9 tasks, arrows from each task to the tasks that wait on it, the critical path marked\""));
    assert!(!html.contains("style="), "the CSP forbids style attributes");
    // The nav leads here from every page.
    test.assert_file_contains("index.html", "<a href=\"graph.html\">Graph</a>");
}

// Every link and fragment of the graph pages leads to a page of the portal.
#[test]
fn graph_pages_links_all_resolve() {
    let mut test = SiteTest::from_dir("graph/plans");
    test.build().expect_success();
    for page in ["graph.html", "graph/plans-harbor-plan-md.html", "graph/plans-dock-plan-md.html"] {
        let html = test.file(page);
        for link in links(&html) {
            let Some(target) = resolve(page, &link.value) else { continue };
            let target = target.unwrap_or_else(|err| panic!("{page}: {err}"));
            let path = if target.path.is_empty() { "index.html".to_string() } else { target.path };
            let file = test.out().join(&path);
            assert!(file.is_file(), "{page}: `{}` leads to a missing {path}", link.value);
            if let Some(fragment) = target.fragment.filter(|f| !f.is_empty()) {
                let text = std::fs::read_to_string(&file).unwrap();
                assert!(anchors(&text).contains(&fragment), "{page}: no #{fragment} in {path}");
            }
        }
    }
}

// The critical path is marked on its boxes and arrows and listed as text.
#[test]
fn graph_marks_and_lists_the_critical_path() {
    let mut test = SiteTest::from_dir("graph/plans");
    test.build().expect_success();
    let html = test.file("graph.html");
    let critical = ["hb-2", "hb-3", "hb-5", "dk-1", "dk-2"];
    for slug in critical {
        let class = node_class(&html, &format!("tasks/{slug}.html"));
        assert!(class.split(' ').any(|c| c == "critical"), "{slug}: {class}");
    }
    for slug in ["hb-1", "hb-4", "dk-3"] {
        let class = node_class(&html, &format!("tasks/{slug}.html"));
        assert!(!class.split(' ').any(|c| c == "critical"), "{slug}: {class}");
    }
    assert_eq!(html.matches("<path class=\"edge critical\"").count(), 4, "{html}");
    let list = &html[html.find("<section id=\"critical-path\">").unwrap()..];
    let list = &list[..list.find("</section>").unwrap()];
    let order: Vec<usize> = ["HB-2", "HB-3", "HB-5", "DK-1", "DK-2"]
        .iter()
        .map(|id| list.find(&format!("<span class=\"tid\">{id}</span>")).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{list}");
    assert!(list.contains("about 1d 4h of work in a row"), "{list}");
}

// Tasks that wait on each other are listed as a cycle, their arrows dashed.
#[test]
fn graph_lists_cycles() {
    let mut test = SiteTest::from_dir("graph/plans");
    test.build().expect_success();
    let html = test.file("graph.html");
    assert!(
        html.contains(
            "<li><a href=\"tasks/dk-3.html\">DK-3</a> ⇄ <a href=\"tasks/dk-4.html\">DK-4</a></li>"
        ),
        "{html}"
    );
    assert_eq!(html.matches("<path class=\"edge cycle\"").count(), 2, "{html}");
    assert!(node_class(&html, "tasks/dk-3.html").ends_with(" cycle"));
}

// A plan's graph shows its own tasks and, marked as elsewhere, the tasks of
// other plans they wait on; the overall page lists each plan's graph.
#[test]
fn plan_graph_shows_its_tasks_and_their_neighbours() {
    let mut test = SiteTest::from_dir("graph/plans");
    test.build().expect_success();
    let html = test.file("graph/plans-dock-plan-md.html");
    let mut hrefs = node_links(&html);
    hrefs.sort();
    assert_eq!(
        hrefs,
        [
            "../tasks/dk-1.html",
            "../tasks/dk-2.html",
            "../tasks/dk-3.html",
            "../tasks/dk-4.html",
            "../tasks/hb-5.html"
        ]
    );
    assert_eq!(node_class(&html, "../tasks/hb-5.html"), "node open pending elsewhere");
    assert!(html.contains("(open), in Harbor crane upgrade</title>"), "{html}");
    assert!(html.contains("<h1>Dependencies of Dry dock reopening</h1>"), "{html}");
    assert!(html.contains("1 task has no dependencies either way and is not drawn."), "{html}");
    // Within the plan, the critical path is the plan's own.
    for slug in ["dk-1", "dk-2"] {
        assert!(node_class(&html, &format!("../tasks/{slug}.html")).contains(" critical"));
    }
    let overall = test.file("graph.html");
    assert!(
        overall.contains("<a href=\"graph/plans-dock-plan-md.html\">Dry dock reopening</a>"),
        "{overall}"
    );
    assert!(
        overall.contains("<a href=\"graph/plans-harbor-plan-md.html\">Harbor crane upgrade</a>"),
        "{overall}"
    );
}

// A tree whose tasks depend on nothing gets a graph page that says so, and
// no plan graphs.
#[test]
fn graph_page_says_when_nothing_depends_on_anything() {
    let mut test = SiteTest::from_dir("graph/no-dependencies");
    test.build().expect_success();
    let html = test.file("graph.html");
    assert!(
        html.contains(
            "<p class=\"empty\">No task depends on another (2 tasks, none with dependencies)."
        ),
        "{html}"
    );
    assert!(!html.contains("<svg"));
    assert!(!test.out().join("graph").exists());
}

// Two builds of the same tree draw the same bytes.
#[test]
fn graph_pages_are_deterministic() {
    let mut test = SiteTest::from_dir("graph/plans");
    test.build().expect_success();
    let first = (test.file("graph.html"), test.file("graph/plans-harbor-plan-md.html"));
    let second_out = test.temp().join("second");
    test.with_out(&second_out).build().expect_success();
    let second = (test.file("graph.html"), test.file("graph/plans-harbor-plan-md.html"));
    assert_eq!(first, second);
}

// In Chromium, the minified graph pages break no rule of their
// Content-Security-Policy (no console message) and keep their boxes.
#[test]
fn graph_pages_render_in_chromium_without_console_messages() {
    let Some(chromium) = crate::search::chromium() else { return };
    let mut test = SiteTest::from_dir("graph/plans");
    test.build_minified().expect_success();
    for page in ["graph.html", "graph/plans-dock-plan-md.html"] {
        let url = format!("file://{}", test.out().join(page).display());
        let (dom, stderr) = crate::search::dump_dom(&chromium, &url);
        assert!(dom.contains("<svg"), "{page}: {dom}");
        let console: Vec<&str> =
            stderr.lines().filter(|l| l.contains("CONSOLE") || l.contains("Uncaught")).collect();
        assert!(console.is_empty(), "{page}: console messages:\n{}", console.join("\n"));
    }
}
