//! The tracker (issue 10): which tasks get a page and which live at an
//! anchor of their document's page, the facet pages and their counts, owners
//! merged by spelling and by `[owners]`, the status shown with its
//! verification everywhere, and pages that stay small on a large tree.

use std::collections::BTreeMap;

use crate::html;
use crate::site_test::SiteTest;
use crate::status::{built, show};

/// `id named url` for every task of the build, in id order.
fn task_urls(test: &SiteTest) -> Vec<String> {
    let status = test.status_json();
    status["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| format!("{} {} {}", show(&t["id"]), t["named"], show(&t["url"])))
        .collect()
}

// A task whose id is its author's (a table row, an item or heading that
// names an id, a tracker issue, a frontmatter id) gets a page; a checklist
// item, a work item or a session to-do without one lives at the anchor
// `#task-<slug>` of its document's page, and gets no page.
#[test]
fn named_tasks_get_pages_and_others_live_at_an_anchor_of_their_document() {
    let test = built("tracker/harbor");
    assert_eq!(
        task_urls(&test),
        [
            "2026-02-01-dockside-086e22 false docs/sessions/2026-02-01-dockside.html#task-2026-02-01-dockside-086e22",
            "HARBOURMASTERAPPROVALWORKFLOWINTEGRATIONSTAGEONE-010 true tasks/harbourmasterapprovalworkflowintegrationstageone-010.html",
            "HB-001 true tasks/hb-001.html",
            "HB-002 true tasks/hb-002.html",
            "HB-003 true tasks/hb-003.html",
            "HB-004 true tasks/hb-004.html",
            "HB-005 true tasks/hb-005.html",
            "HB-006 true tasks/hb-006.html",
            "HB-007 true tasks/hb-007.html",
            "harbor-322d87 false docs/plans/harbor.html#task-harbor-322d87",
            "harbor-818eac false docs/plans/harbor.html#task-harbor-818eac",
            "harbor-d08450 false docs/plans/harbor.html#task-harbor-d08450",
            "hb-rig true tasks/hb-rig.html",
            "mooring-6c12c1 false docs/guides/mooring.html#task-mooring-6c12c1",
        ]
    );
    let task_pages: Vec<String> =
        test.output_files().into_keys().filter(|rel| rel.starts_with("tasks/")).collect();
    assert_eq!(
        task_pages,
        [
            "tasks/harbourmasterapprovalworkflowintegrationstageone-010.html",
            "tasks/hb-001.html",
            "tasks/hb-002.html",
            "tasks/hb-003.html",
            "tasks/hb-004.html",
            "tasks/hb-005.html",
            "tasks/hb-006.html",
            "tasks/hb-007.html",
            "tasks/hb-rig.html",
        ]
    );
}

// Every link of every page leads to a file of the portal; a link to a task
// without a page of its own is its document's page with the task's anchor.
#[test]
fn every_link_to_a_task_leads_to_its_page_or_its_documents_page() {
    let test = built("tracker/harbor");
    let files = test.output_files();
    let mut to_anchors = BTreeMap::new();
    for (rel, bytes) in files.iter().filter(|(rel, _)| rel.ends_with(".html")) {
        let page = String::from_utf8_lossy(bytes);
        for link in html::links(&page) {
            let Some(target) = html::resolve(rel, &link.value) else { continue };
            let target = target.unwrap_or_else(|err| panic!("{rel}: {err}"));
            assert!(files.contains_key(&target.path), "{rel} links to missing {}", link.value);
            if let Some(fragment) = target.fragment.filter(|f| f.starts_with("task-")) {
                to_anchors.insert(format!("{}#{fragment}", target.path), ());
            }
        }
    }
    let anchors: Vec<&String> = to_anchors.keys().collect();
    assert_eq!(
        anchors,
        [
            "docs/guides/mooring.html#task-mooring-6c12c1",
            "docs/plans/harbor.html#task-harbor-322d87",
            "docs/plans/harbor.html#task-harbor-818eac",
            "docs/plans/harbor.html#task-harbor-d08450",
            "docs/sessions/2026-02-01-dockside.html#task-2026-02-01-dockside-086e22",
        ]
    );
    // The tracker lists a task without an id by its title alone: no made-up id shows.
    let look = test.file("tasks.html");
    assert!(look.contains("Sweep the pier</a>"), "{look}");
    assert!(!html::text_of(&look).contains("harbor-818eac"), "{look}");
}

// The tracker links a page per value of each facet, with its count; each
// facet has an index of all its values. A plan's tasks are the tasks table
// of the plan's own page, so the plan facet links there.
#[test]
fn tracker_links_facet_pages_with_counts() {
    let test = built("tracker/harbor");
    let tracker = test.file("tasks.html");
    let links: Vec<String> = html::anchor_links(&tracker)
        .into_iter()
        .filter(|(href, _)| href.starts_with("tracker/") || href.ends_with("#tasks"))
        .map(|(href, text)| format!("{href} {text}"))
        .collect();
    assert_eq!(
        links,
        [
            "tracker/status/open.html All 9 open tasks",
            "tracker/status/in_progress.html In progress",
            "tracker/status/open.html Open",
            "tracker/status/done.html Done",
            "tracker/status/index.html Status: progress of each",
            "tracker/verification/contradicted.html Contradicted",
            "tracker/verification/claimed.html Claimed",
            "tracker/verification/verified.html Verified",
            "tracker/verification/index.html Verification: progress of each",
            "docs/sessions/2026-02-01-dockside.html#tasks Dockside session",
            "docs/plans/harbor.html#tasks Harbor plan",
            "docs/guides/mooring.html#tasks Mooring guide",
            "docs/work/lighthouse.html#tasks Repair the lighthouse",
            "docs/.beads/issues.jsonl.html#tasks Tracker export (issues.jsonl)",
            "tracker/plan/index.html Plan: progress of each",
            "tracker/phase/plans-harbor-md-phase-1-foundations.html Phase 1: Foundations",
            "tracker/phase/plans-harbor-md-phase-2-handover.html Phase 2: Handover",
            "tracker/phase/index.html Phase: progress of each",
            "tracker/owner/backend-agent.html backend-agent",
            "tracker/owner/quality.html Quality",
            "tracker/owner/index.html Owner: progress of each",
            "tracker/scope/headline.html Counted in the headline",
            "tracker/scope/session.html Session to-dos",
            "tracker/scope/page.html Checklists of pages",
            "tracker/scope/index.html Counted or not: progress of each",
        ]
    );
    // Counts: tasks and done, per owner, with the tasks that name none.
    let owners = test.file("tracker/owner/index.html");
    let rows: Vec<String> =
        html::row_texts(&owners).iter().map(|row| row.replace(" | ", "|")).collect();
    assert_eq!(rows, ["backend-agent|5|2 (40%)|", "Quality|2|0 (0%)|"]);
    assert!(html::text_of(&owners).contains("2 owners; 7 tasks name no owner."), "{owners}");
    // A value's page lists its tasks, counted work first, then by line.
    let done = test.file("tracker/status/done.html");
    let ids: Vec<String> = html::row_texts(&done)
        .iter()
        .map(|row| row.split(" | ").next().unwrap().to_string())
        .collect();
    assert_eq!(
        ids,
        [
            "HB-001 Lay the quay",
            "HB-002 Paint the cranes",
            "Write the handover notes",
            "HB-006 Sign the lease"
        ]
    );
}

// A facet page's rows are the theme's `task-row.html`: the default theme's
// row and the components it calls are written without the template engine,
// and a project that overrides either sees its own template in every row.
#[test]
fn a_projects_task_row_template_makes_the_tracker_rows() {
    let mut default = built("tracker/harbor");
    let row = "<tr><td><a class=\"task-link\" href=\"../../tasks/hb-001.html\"><span class=\"tid\">HB-001</span> Lay the quay</a>";
    default.assert_file_contains("tracker/status/done.html", row);
    let components = include_str!("../../themes/default/templates/components.html")
        .replace("<a class=\"task-link\"", "<a class=\"task-link mine\"");
    for (rel, template) in [
        ("templates/task-row.html", "<tr><td>row of {{ t.id }} ({{ t.status_label }})</td></tr>"),
        ("templates/components.html", components.as_str()),
    ] {
        let mut test = SiteTest::from_dir("tracker/harbor");
        test.write_file(rel, template);
        test.build().expect_success();
        let done = test.file("tracker/status/done.html");
        assert!(!done.contains(row), "{rel}: {done}");
        let wanted = if rel.ends_with("task-row.html") {
            "<tr><td>row of HB-001 (Done)</td></tr>"
        } else {
            "<tr><td><a class=\"task-link mine\" href=\"../../tasks/hb-001.html\">"
        };
        assert!(done.contains(wanted), "{rel}: {done}");
    }
}

// `Backend Agent`, `backend-agent`, `backend_agent` and `BACKEND AGENT` are
// one owner, shown by the spelling used most; `[owners]` names `QA` and
// `Quality` one owner, and a spelling no task uses is a warning at its line.
#[test]
fn owners_merge_by_case_and_punctuation_and_by_aliases() {
    let mut test = SiteTest::from_dir("tracker/harbor");
    test.build().expect_success().expect_stderr_lines(&[
        "warning[A220]: owner `qa-crew` (an alias of `Quality`) is not the owner of any task or document",
        "  --> attestor.toml:4",
        "  = help: check the spelling, or remove it from `[owners]`",
    ]);
    let status = test.status_json();
    let owners: Vec<String> = status["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| !t["owner"].is_null())
        .map(|t| format!("{} {}", show(&t["id"]), show(&t["owner"])))
        .collect();
    assert_eq!(
        owners,
        [
            "HARBOURMASTERAPPROVALWORKFLOWINTEGRATIONSTAGEONE-010 backend-agent",
            "HB-001 backend-agent",
            "HB-002 backend-agent",
            "HB-003 backend-agent",
            "HB-004 Quality",
            "HB-007 backend-agent",
            "hb-rig Quality",
        ]
    );
}

// An `[owners]` entry that is not a list of names is an error at its line;
// the others still apply, and the build goes on.
#[test]
fn errors_on_an_owners_entry_that_is_no_list_of_names() {
    let mut test = SiteTest::from_dir("tracker/harbor");
    test.write_file("attestor.toml", "[owners]\n\"Quality\" = [\"QA\"]\nOps = 3\n");
    test.build().expect_exit(0).expect_stderr_lines(&[
        "error[A222]: `[owners]` entry `Ops` is not a list of names; it is ignored",
        "  --> attestor.toml:3",
        "  = help: write it as `\"Ops\" = [\"one spelling\", \"another\"]`",
    ]);
    let status = test.status_json();
    assert_eq!(crate::status::task(&status, "HB-004")["owner"], "Quality");
}

// A done task shows how it is known wherever its status is shown, and a
// contradicted one is never shown as a plain (green) "Done".
#[test]
fn verification_is_shown_with_every_status() {
    let test = built("tracker/harbor");
    let contradicted = "<span class=\"status done contradicted\">Done</span> <span class=\"verification contradicted\">contradicted</span>";
    let verified = "<span class=\"status done verified\">Done</span> <span class=\"verification verified\">verified</span>";
    for page in
        ["tracker/status/done.html", "tracker/owner/backend-agent.html", "tasks/hb-002.html"]
    {
        let text = test.file(page);
        assert!(text.contains(contradicted), "{page} does not mark HB-002 contradicted:\n{text}");
    }
    // HB-003 depends on HB-002 (contradicted); HB-002 on HB-001 (verified).
    let gates = test.file("tasks/hb-003.html");
    let depends =
        gates.split("<h2>Depends on</h2>").nth(1).unwrap().split("</section>").next().unwrap();
    assert!(depends.contains(contradicted), "{depends}");
    let cranes = test.file("tasks/hb-002.html");
    let needed_by =
        cranes.split("<h2>Needed by</h2>").nth(1).unwrap().split("</section>").next().unwrap();
    assert!(needed_by.contains("In progress</span>"), "{needed_by}");
    let depends =
        cranes.split("<h2>Depends on</h2>").nth(1).unwrap().split("</section>").next().unwrap();
    assert!(depends.contains(verified), "{depends}");
    // The board's Done column names each card's verification.
    let board = test.file("tasks.html");
    let done = board.split("id=\"done\"").nth(1).unwrap().split("</section>").next().unwrap();
    assert!(
        done.contains("Paint the cranes</a> <span class=\"verification contradicted\">"),
        "{done}"
    );
    // No page of the tracker shows a done task with a status pill that says
    // nothing of how it is known.
    let files = test.output_files();
    for (rel, bytes) in
        files.iter().filter(|(rel, _)| rel.starts_with("tracker/") || rel.starts_with("tasks"))
    {
        let page = String::from_utf8_lossy(bytes);
        assert!(!page.contains("class=\"status done\">Done"), "{rel} shows a bare Done");
    }
}

/// A docs tree of `n_plans` plans, each a task table of `rows` tasks with
/// owners in several spellings.
fn large_tree(test: &mut SiteTest, n_plans: usize, rows: usize) {
    let owners = ["Backend Agent", "backend-agent", "QA", "Ops Team", "ops_team"];
    for plan in 0..n_plans {
        let mut text =
            format!("# Plan {plan}\n\n| ID | Task | Status | Owner |\n|---|---|---|---|\n");
        for row in 0..rows {
            let status = ["Done", "Todo", "In progress"][row % 3];
            let owner = owners[(plan + row) % owners.len()];
            text.push_str(&format!(
                "| LG-{plan:03}{row:04} | Task {row} of plan {plan} | {status} | {owner} |\n"
            ));
        }
        for item in 0..rows / 10 {
            text.push_str(&format!("- [ ] Check item {item} of plan {plan}\n"));
        }
        test.write_file(&format!("plans/plan-{plan:03}.md"), &text);
    }
}

// On a tree of 2,000 tasks (and 200 checklist items) no page of the
// tracker grows with the tree: the tracker is small, and each facet's
// tasks are split into pages of 200.
#[test]
fn tracker_pages_stay_small_on_a_large_tree() {
    let mut test = SiteTest::empty("large");
    large_tree(&mut test, 8, 250);
    test.build_minified().expect_success();
    let files = test.output_files();
    let size = |rel: &str| files.get(rel).map_or(0, Vec::len);
    assert!(size("tasks.html") < 64 * 1024, "tasks.html is {} bytes", size("tasks.html"));
    let tracker: Vec<(&String, usize)> = files
        .iter()
        .filter(|(rel, _)| rel.starts_with("tracker/") || rel.starts_with("tasks"))
        .map(|(rel, bytes)| (rel, bytes.len()))
        .collect();
    let (largest, bytes) = tracker.iter().max_by_key(|(_, n)| *n).unwrap();
    assert!(*bytes < 256 * 1024, "{largest} is {bytes} bytes");
    // Open: 664 rows and 200 items, 5 pages of 200; the last holds 64.
    assert!(files.contains_key("tracker/status/open.p5.html"));
    assert!(!files.contains_key("tracker/status/open.p6.html"));
    let last = test.file("tracker/status/open.p5.html");
    assert!(html::text_of(&last).contains("Tasks 801 to 864 of 864"), "{last}");
    // Only the 2,000 named tasks have pages; the items live on their plans' pages.
    let n_task_pages = files.keys().filter(|rel| rel.starts_with("tasks/")).count();
    assert_eq!(n_task_pages, 2_000);
    // Five spellings are three owners.
    let owners = test.file("tracker/owner/index.html");
    let names: Vec<String> = html::row_texts(&owners)
        .iter()
        .map(|row| row.split(" | ").take(2).collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(names, ["Backend Agent 800", "Ops Team 800", "QA 400"]);
}
