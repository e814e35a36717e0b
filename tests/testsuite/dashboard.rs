//! The dashboard in one screen, the full lists it links to, plan pages and
//! document pages (issue 10).
//!
//! Trees are written by the tests, in Rust, because what is checked is how
//! the pages behave as a tree grows: many plans, sessions and problems. The
//! dashboard caps every list (6 plans, 5 lines of "Needs attention", 4
//! sessions, 3 stale plans) and links to the page that holds it whole
//! (`plans.html`, `attention.html`, `files.html#session`); a plan's page
//! opens with its summary; a document's tasks table has a `task-<id>` row
//! for each task; its claims are listed contradicted first at `claim-L<n>`.
//! `fixtures` under `dashboard/` hold one small hand-written case.

use crate::site_test::SiteTest;

/// A task table row: id, title, depends on, done when, status.
type Row<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str);

/// A plan with a date line (when given) and one task table.
fn plan(title: &str, date: Option<&str>, rows: &[Row<'_>]) -> String {
    let mut text = format!("# {title}\n\n");
    if let Some(date) = date {
        text.push_str(&format!("Last updated: {date}\n\n"));
    }
    text.push_str(
        "## Tasks\n\n| Task ID | Description | Owner | Depends On | Done When | Status |\n",
    );
    text.push_str("|---|---|---|---|---|---|\n");
    for (id, title, deps, done_when, status) in rows {
        text.push_str(&format!(
            "| {id} | {title} | Ops Agent | {deps} | {done_when} | {status} |\n"
        ));
    }
    text
}

/// A plan of `n_open` open tasks and `n_done` done ones, ids `<prefix>-01`….
fn plan_of(title: &str, date: Option<&str>, prefix: &str, n_open: usize, n_done: usize) -> String {
    let ids: Vec<String> = (1..=n_open + n_done).map(|n| format!("{prefix}-{n:02}")).collect();
    let rows: Vec<Row<'_>> = ids
        .iter()
        .enumerate()
        .map(|(idx, id)| {
            let status = if idx < n_done { "Done" } else { "Todo" };
            (id.as_str(), "Piece of work", "-", "reviewed", status)
        })
        .collect();
    plan(title, date, &rows)
}

/// A session log of that date.
fn session(date: &str, n: usize) -> String {
    format!("# Session {n}: pairing\n\nDate: {date}\n\nWorked on the plans.\n")
}

/// A pytest summary with these counts.
fn pytest_log(passed: usize, failed: usize) -> String {
    let summary = match failed {
        0 => format!("{passed} passed"),
        _ => format!("{failed} failed, {passed} passed"),
    };
    format!(
        "============================= test session starts ==============================\n\
         collected {} items\n\ntests/test_app.py .... [100%]\n\n\
         ============================== {summary} in 0.41s ===============================\n",
        passed + failed
    )
}

/// The text between `open` and the next `close` after it.
fn between<'a>(page: &'a str, open: &str, close: &str) -> &'a str {
    let start = page.find(open).unwrap_or_else(|| panic!("no {open:?} in:\n{page}"));
    let rest = &page[start..];
    let end = rest.find(close).unwrap_or_else(|| panic!("no {close:?} after {open:?}"));
    &rest[..end]
}

/// The titles of the links of a list, in order: the text of each `<a …>`
/// that opens a `<li>`'s content.
fn link_texts(list: &str) -> Vec<String> {
    list.split("<li")
        .skip(1)
        .filter_map(|item| {
            let start = item.find("<a ")?;
            let text_start = start + item[start..].find('>')? + 1;
            let end = text_start + item[text_start..].find("</a>")?;
            Some(item[text_start..end].to_string())
        })
        .collect()
}

/// Where `needle` is in `page`, failing with the page when it is not.
fn at(page: &str, needle: &str) -> usize {
    page.find(needle).unwrap_or_else(|| panic!("no {needle:?} in:\n{page}"))
}

// Twelve plans of different sizes and dates, a finished one, an archived
// one: the dashboard shows six, active first, then most work left; the
// plans page lists all of them in the same order, archived apart.
#[test]
fn dashboard_shows_six_plans_that_matter_and_links_to_all() {
    let mut test = SiteTest::empty("many-plans");
    // The newest date in the tree, 2026-05-31, is the portal's "as of".
    test.write_file("sessions/2026-05-31-review.md", &session("2026-05-31", 1));
    for n in 1..=10 {
        // Plan n has n open tasks; the odd ones changed in the last 14 days.
        let date = if n % 2 == 1 { "2026-05-25" } else { "2026-01-10" };
        test.write_file(
            &format!("plans/p{n:02}.md"),
            &plan_of(&format!("Plan {n:02}"), Some(date), &format!("P{n:02}"), n, 1),
        );
    }
    test.write_file("plans/finished.md", &plan_of("Finished plan", Some("2026-05-30"), "F", 0, 3));
    test.write_file("archive/old.md", &plan_of("Old plan", Some("2025-01-01"), "O", 40, 0));
    test.build().expect_success();

    let index = test.file("index.html");
    let plans = between(&index, "<ul class=\"dash-plans\">", "</ul>");
    assert_eq!(
        link_texts(plans),
        ["Plan 09", "Plan 07", "Plan 05", "Plan 03", "Plan 01", "Plan 10"],
        "active plans (changed within 14 days) by work left, then the others: {plans}"
    );
    assert!(index.contains("Plans <span class=\"count\">6 of 11</span>"), "{index}");
    assert!(index.contains("<a href=\"plans.html\">All 11 plans with their phases</a>"), "{index}");
    assert!(!index.contains("Old plan"), "archived plans stay off the dashboard: {index}");

    let all = test.file("plans.html");
    let counted = between(&all, "id=\"counted\"", "</section>");
    let titles: Vec<String> = counted
        .split("<tr><th scope=\"row\"><a href=\"")
        .skip(1)
        .map(|row| between(row, ">", "</a>")[1..].to_string())
        .collect();
    assert_eq!(
        titles,
        [
            "Plan 09",
            "Plan 07",
            "Plan 05",
            "Plan 03",
            "Plan 01",
            "Plan 10",
            "Plan 08",
            "Plan 06",
            "Plan 04",
            "Plan 02",
            "Finished plan"
        ]
    );
    let archived = between(&all, "id=\"archived\"", "</section>");
    assert!(archived.contains("Old plan"), "{all}");
}

// Seven blocked tasks, a contradicted done task, failing evidence and a plan
// said to be complete with work open: the dashboard shows five lines, the
// most severe first, a count of each kind, and a link to the page that
// lists every item.
#[test]
fn needs_attention_shows_five_lines_most_severe_first_and_links_to_all() {
    let mut test = SiteTest::empty("attention");
    let mut rows: Vec<Row<'_>> = vec![
        ("W-01", "Ship the importer", "-", "`tests/importer.txt` green", "Done"),
        ("W-02", "Write the guide", "-", "reviewed", "Done"),
    ];
    let ids: Vec<String> = (3..=9).map(|n| format!("W-{n:02}")).collect();
    rows.extend(ids.iter().map(|id| (id.as_str(), "Wait for the vendor", "-", "-", "Blocked")));
    test.write_file("plans/work.md", &plan("Work plan", Some("2026-04-01"), &rows));
    test.write_file("tests/importer.txt", &pytest_log(11, 1));
    test.write_file(
        "plans/said-done.md",
        &format!(
            "{}\n**Status**: ✅ COMPLETE\n",
            plan_of("Said done", Some("2026-04-01"), "S", 2, 1)
        ),
    );
    test.build().expect_success();

    let index = test.file("index.html");
    let lines = between(&index, "<ul class=\"att-lines\">", "</ul>");
    let tags: Vec<&str> =
        lines.split("<li><span class=\"").skip(1).map(|li| between(li, ">", "</span>")).collect();
    assert_eq!(
        tags,
        [">contradicted", ">failing", ">said complete", ">blocked", ">blocked"],
        "{lines}"
    );
    assert!(lines.contains("Ship the importer</a> <span class=\"tid\">W-01</span>"), "{lines}");
    let counts = between(&index, "<p class=\"att-counts\">", "</p>");
    for count in [
        "<a href=\"attention.html#contradicted\">1 contradicted done work</a>",
        "<a href=\"attention.html#failing\">1 failing evidence</a>",
        "<a href=\"attention.html#declared-complete\">1 said complete, work open</a>",
        "<a href=\"attention.html#blocked\">7 blocked</a>",
    ] {
        assert!(counts.contains(count), "{count:?} in {counts}");
    }
    assert!(index.contains("<a href=\"attention.html\">All 10 items that need attention</a>"));

    let page = test.file("attention.html");
    let blocked = between(&page, "id=\"blocked\"", "</section>");
    assert_eq!(blocked.matches("<span class=\"status blocked\">Blocked</span>").count(), 7);
    let contradicted = between(&page, "id=\"contradicted\"", "</section>");
    assert!(contradicted.contains("tests/importer.txt"), "why it is contradicted: {page}");
}

// A clean tree needs no attention, and the dashboard says so.
#[test]
fn needs_attention_says_when_nothing_does() {
    let mut test = SiteTest::empty("calm");
    test.write_file("plans/calm.md", &plan_of("Calm plan", Some("2026-04-01"), "C", 2, 2));
    test.build().expect_success();
    test.assert_file_contains(
        "index.html",
        "<p class=\"empty\">Nothing: no contradicted work, failing evidence, contradicted claims or blocked tasks.</p>",
    );
}

/// A tree with plans last changed 5, 20 and 40 days before 2026-06-30, a
/// finished old plan, an undated one, and a tracker whose own date is old
/// but whose newest issue event is recent.
fn stale_tree(stale_after_days: Option<u32>) -> SiteTest {
    let mut test = SiteTest::empty("stale");
    if let Some(days) = stale_after_days {
        test.write_file("attestor.toml", &format!("stale_after_days = {days}\n"));
    }
    test.write_file("sessions/2026-06-30-review.md", &session("2026-06-30", 1));
    test.write_file("plans/fresh.md", &plan_of("Fresh plan", Some("2026-06-25"), "A", 3, 0));
    test.write_file("plans/middle.md", &plan_of("Middle plan", Some("2026-06-10"), "B", 4, 0));
    test.write_file("plans/old.md", &plan_of("Old plan", Some("2026-05-21"), "C", 2, 0));
    test.write_file("plans/done.md", &plan_of("Done plan", Some("2026-01-01"), "D", 0, 2));
    test.write_file("plans/undated.md", &plan_of("Undated plan", None, "E", 2, 0));
    test
}

/// The titles in the stale table of `attention.html`, with their days.
fn stale_rows(test: &SiteTest) -> Vec<String> {
    let page = test.file("attention.html");
    let section = between(&page, "id=\"stale\"", "</section>");
    section
        .split("<tr><td><a href=\"")
        .skip(1)
        .map(|row| {
            let title = &between(row, ">", "</a>")[1..];
            let cells: Vec<&str> = row
                .split("<td class=\"figure\">")
                .skip(1)
                .map(|cell| &cell[..cell.find("</td>").unwrap()])
                .collect();
            format!("{title}: {}", cells.join(" | "))
        })
        .collect()
}

// See: issue 10 (`stale_after_days` was documented but did nothing). Stale
// plans are those with open work last changed more than `stale_after_days`
// before the portal's date; finished plans never are, undated ones are
// listed apart, and the limit comes from attestor.toml.
#[test]
fn stale_plans_follow_dates_and_stale_after_days() {
    let mut test = stale_tree(None);
    test.build().expect_success();
    // The default limit is 14 days: 20 and 40 days are stale, 5 is not.
    assert_eq!(
        stale_rows(&test),
        ["Middle plan: 2026-06-10 | 20 | 4 of 4", "Old plan: 2026-05-21 | 40 | 2 of 2"]
    );
    let page = test.file("attention.html");
    let undated = between(&page, "id=\"undated\"", "</ul>");
    assert!(undated.contains("Undated plan"), "{page}");
    assert!(!undated.contains("Fresh plan"), "{page}");
    let index = test.file("index.html");
    let stale = between(&index, "<ul class=\"stale-lines\">", "</ul>");
    assert_eq!(link_texts(stale), ["Middle plan", "Old plan"]);
    assert!(stale.contains("4 open, last changed 2026-06-10"), "{stale}");

    let mut test = stale_tree(Some(30));
    test.build().expect_success();
    assert_eq!(stale_rows(&test), ["Old plan: 2026-05-21 | 40 | 2 of 2"]);

    let mut test = stale_tree(Some(3));
    test.build().expect_success();
    assert_eq!(
        stale_rows(&test),
        [
            "Middle plan: 2026-06-10 | 20 | 4 of 4",
            "Fresh plan: 2026-06-25 | 5 | 3 of 3",
            "Old plan: 2026-05-21 | 40 | 2 of 2"
        ],
        "most work left first"
    );
}

// The portal's date, not the clock, decides what is stale: a
// SOURCE_DATE_EPOCH a year on makes every dated plan with open work stale.
#[test]
fn stale_is_judged_against_the_portal_date() {
    let mut test = stale_tree(None);
    let args = [
        test.root().to_string_lossy().into_owned(),
        "-o".into(),
        test.out().to_string_lossy().into_owned(),
        "--no-minify".into(),
    ];
    let mut argv = vec!["build".to_string()];
    argv.extend(args);
    // 2027-06-30T00:00:00Z.
    test.run_env(&argv, &[("SOURCE_DATE_EPOCH", "1814313600")]).expect_success();
    assert_eq!(
        stale_rows(&test),
        [
            "Middle plan: 2026-06-10 | 385 | 4 of 4",
            "Fresh plan: 2026-06-25 | 370 | 3 of 3",
            "Old plan: 2026-05-21 | 405 | 2 of 2"
        ]
    );
}

// Nine session logs: the dashboard lists the four newest, newest first, and
// links to the list of all of them.
#[test]
fn dashboard_lists_the_latest_sessions_and_links_to_all() {
    let mut test = SiteTest::empty("sessions");
    for n in 1..=9 {
        let date = format!("2026-02-{:02}", n * 3);
        test.write_file(&format!("sessions/{date}-pairing.md"), &session(&date, n));
    }
    test.build().expect_success();
    let index = test.file("index.html");
    let list = between(&index, "<ol class=\"timeline\">", "</ol>");
    assert_eq!(
        link_texts(list),
        ["Session 9: pairing", "Session 8: pairing", "Session 7: pairing", "Session 6: pairing"]
    );
    assert!(index.contains("<a href=\"files.html#session\">All 9 session logs</a>"), "{index}");
    test.assert_file_contains("files.html", "<section id=\"session\">");
}

// See: issue 10 (the dashboard of a real tree was 21,000 px tall). However
// many plans, sessions and problems a tree has, every list on the dashboard
// stays capped.
#[test]
fn no_list_on_the_dashboard_grows_with_the_tree() {
    let mut test = SiteTest::empty("big");
    for n in 0..40 {
        let date = format!("2026-03-{:02}", 1 + n % 28);
        let rows = [(&*format!("Q{n:02}-1"), "Wait on the vendor", "-", "-", "Blocked")];
        let mut text = plan(&format!("Area {n:02}"), Some("2025-06-01"), &rows);
        text.push_str("- [ ] A checklist item\n");
        test.write_file(&format!("plans/area-{n:02}.md"), &text);
        test.write_file(&format!("sessions/{date}-s{n:02}.md"), &session(&date, n));
    }
    test.build().expect_success();
    let index = test.file("index.html");
    let count = |open: &str, close: &str| between(&index, open, close).matches("<li").count();
    assert_eq!(count("<ul class=\"dash-plans\">", "</ul>"), 6);
    assert_eq!(count("<ul class=\"att-lines\">", "</ul>"), 5);
    assert_eq!(count("<ol class=\"timeline\">", "</ol>"), 4);
    assert_eq!(count("<ul class=\"stale-lines\">", "</ul>"), 3);
    assert!(index.contains("<a href=\"attention.html#stale\">All 40 plans with open work"));
    assert!(index.contains("<a href=\"attention.html#blocked\">40 blocked</a>"), "{index}");
    let page = test.file("attention.html");
    assert_eq!(between(&page, "id=\"stale\"", "</section>").matches("<tr><td>").count(), 40);
}

// A plan's page opens with its summary before the text: progress, the
// verified share, what holds it up (blocked work, and work waiting on
// unfinished dependencies, linked), and its phases with progress.
#[test]
fn plan_page_opens_with_its_summary() {
    let mut test = SiteTest::from_dir("dashboard/plan-summary");
    test.build().expect_success();
    let page = test.file("docs/plans/launch.html");
    let summary = between(&page, "<section class=\"plan-summary\"", "</section>");
    assert!(at(&page, "<section class=\"plan-summary\"") < at(&page, "<div class=\"body\">"));
    assert!(summary.contains("<strong>3 of 6 tasks done (50%)</strong>"), "{summary}");
    assert!(summary.contains("1 verified (33% of done), 1 contradicted"), "{summary}");
    assert!(summary.contains("Held up <span class=\"count\">2</span>"), "{summary}");
    assert!(
        summary.contains("<span class=\"status blocked\">Blocked</span> <a href=\"../../tasks/l-5.html\">Sign the vendor contract</a>"),
        "{summary}"
    );
    assert!(
        summary.contains("waits on <a href=\"../../tasks/l-5.html\">L-5</a> (blocked)"),
        "{summary}"
    );
    assert!(summary.contains("<caption>Phases</caption>"), "{summary}");
    assert!(
        summary
            .contains("<th scope=\"row\">Phase 1 - Groundwork</th><td class=\"figure\">3/3</td>")
    );
    assert!(
        summary.contains("<th scope=\"row\">Phase 2 - Rollout</th><td class=\"figure\">0/3</td>")
    );
}

// See: issue 10 (plan trackers showed a green "Done" for a contradicted
// task). The tasks table shows status and verification side by side, and a
// contradicted task in the contradicted colour, never a green Done.
#[test]
fn tasks_table_marks_contradicted_work_and_anchors_every_row() {
    let mut test = SiteTest::from_dir("dashboard/plan-summary");
    test.build().expect_success();
    let page = test.file("docs/plans/launch.html");
    let table = between(&page, "<section class=\"doc-tasks\" id=\"tasks\"", "</section>");
    let row = |id: &str| between(table, &format!("<tr id=\"task-{id}\">"), "</tr>").to_string();
    assert!(
        row("l-2").contains("<span class=\"verification contradicted\">Done · contradicted</span>"),
        "{table}"
    );
    assert!(!row("l-2").contains("status done"), "{table}");
    assert!(row("l-1").contains("<span class=\"status done\">Done</span> <span class=\"verification verified\">verified</span>"));
    assert!(row("l-3").contains("<span class=\"verification claimed\">claimed</span>"));
    assert!(row("l-6").contains("<span class=\"status open\">Open</span></td>"));
    assert_eq!(table.matches("<tr id=\"task-").count(), 6);
    // Six rows fit before the text.
    assert!(at(&page, "id=\"tasks\"") < at(&page, "<div class=\"body\">"));
}

// A document with more than 30 tasks keeps them in a plain table after the
// text, every row an anchor, with a link to it from the top; a guide (not a
// plan) gets the table but no summary.
#[test]
fn long_task_lists_go_after_the_text_and_keep_their_anchors() {
    let mut test = SiteTest::empty("long");
    let items: String = (1..=45).map(|n| format!("- [ ] Check step number {n}\n")).collect();
    test.write_file(
        "plans/checklist.md",
        &format!("# Long checklist\n\nDate: 2026-01-02\n\n{items}"),
    );
    test.write_file("guide.md", "# Guide\n\n- [x] Read the guide\n- [ ] Try it\n");
    test.build().expect_success();
    let page = test.file("docs/plans/checklist.html");
    assert!(at(&page, "<div class=\"body\">") < at(&page, "id=\"tasks\""));
    assert!(page.contains("<a href=\"#tasks\">The 45 tasks, in a table after the document</a>"));
    assert_eq!(page.matches("<tr id=\"task-").count(), 45);
    assert!(!page.contains("<details"), "no row hides in a closed <details>");
    let status = test.status_json();
    for task in status["tasks"].as_array().unwrap() {
        let id = task["id"].as_str().unwrap();
        if task["source"]["path"] == "plans/checklist.md" {
            let anchor = format!("id=\"task-{}\"", id.to_lowercase());
            assert!(page.contains(&anchor), "no row {anchor}");
        }
    }
    let guide = test.file("docs/guide.html");
    assert_eq!(guide.matches("<tr id=\"task-").count(), 2);
    assert!(!guide.contains("plan-summary"), "{guide}");
}

// A document's claims are listed with their line, verdict and evidence,
// contradicted first, each at `claim-L<line>`; the top of the page points
// at the contradicted ones, and the claims page links to each entry.
#[test]
fn document_lists_claims_contradicted_first_at_their_line() {
    let mut test = SiteTest::from_dir("dashboard/plan-summary");
    test.build().expect_success();
    let page = test.file("docs/notes/report.html");
    let list = between(&page, "id=\"claims-in-this-document\"", "</section>");
    let contradicted = at(list, "<li id=\"claim-L7\" class=\"claim contradicted\">");
    let supported = at(list, "<li id=\"claim-L5\" class=\"claim supported\">");
    let unsupported = at(list, "<li id=\"claim-L9\" class=\"claim unsupported\">");
    assert!(contradicted < unsupported && unsupported < supported, "{list}");
    assert!(list.contains(
        "compared with <a href=\"../../docs/tests/search.txt.html\">tests/search.txt</a>"
    ));
    assert!(page.contains(
        "<strong>1 claim here the evidence contradicts:</strong> <a href=\"#claim-L7\">line 7</a>"
    ));
    test.assert_file_contains("claims.html", "href=\"docs/notes/report.html#claim-L7\"");
    // The dashboard leads to the claims no evidence checks.
    test.assert_file_contains(
        "index.html",
        "<a href=\"claims.html#unsupported\">1 with no evidence to check them</a>",
    );
}
