//! Linking evidence to tasks, verifying done work and checking claims: the
//! four linking rules and which one a task page names, the verification each
//! done task gets and where the dashboard shows it, claims held against the
//! evidence named nearest to them, how named paths resolve (and when they do
//! not), and the dependency graph (unknown ids, cycles, the critical path).
//!
//! Fixtures are under `linking/<case>/`, one small docs tree per case, each
//! written for its case. Two cases add files at run time that a fixture
//! cannot hold: `repo` gets a `.git/` folder, so that `repo/` is the
//! repository and `repo/docs/` the docs tree that is built, and
//! `missing-evidence` gets a file beside ROOT that no build may read.

use std::ffi::OsString;

use serde_json::Value;

use crate::html;
use crate::site_test::SiteTest;
use crate::status::{ClaimLine, built, claim_lines, diagnostic_lines, show, task, task_titled};

/// A JSON list of strings, as strings.
fn strings(value: &Value) -> Vec<String> {
    value.as_array().unwrap().iter().map(show).collect()
}

/// The one evidence record with this path.
fn evidence<'a>(status: &'a Value, path: &str) -> &'a Value {
    let items = status["evidence"].as_array().unwrap();
    items
        .iter()
        .find(|e| e["path"] == path)
        .unwrap_or_else(|| panic!("no evidence `{path}` in {items:#?}"))
}

/// Every task of `status.json` as `id status verification [evidence, …]`.
fn verification_lines(test: &SiteTest) -> Vec<String> {
    let status = test.status_json();
    status["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            format!(
                "{} {} {} [{}]",
                show(&t["id"]),
                show(&t["status"]),
                show(&t["verification"]),
                strings(&t["evidence"]).join(", ")
            )
        })
        .collect()
}

/// The text of a page's section that starts at `open`, one line per
/// heading, paragraph and list item, as a reader sees it.
fn section_lines(page: &str, open: &str) -> Vec<String> {
    let start = page.find(open).unwrap_or_else(|| panic!("no {open:?} in the page:\n{page}"));
    let end = page[start..].find("</section>").map_or(page.len(), |at| start + at);
    let mut section = page[start..end].to_string();
    for close in ["</h2>", "</h3>", "</p>", "</li>"] {
        section = section.replace(close, "\u{0}");
    }
    section.split('\u{0}').map(html::text_of).filter(|line| !line.is_empty()).collect()
}

/// The page of the task with this id.
fn task_page(test: &SiteTest, id: &str) -> String {
    let status = test.status_json();
    test.file(task(&status, id)["url"].as_str().unwrap())
}

/// The Evidence list of a task's page: `outcome path why (source)` per item.
fn evidence_on_page(page: &str) -> Vec<String> {
    section_lines(page, "<section><h2>Evidence</h2>").into_iter().skip(1).collect()
}

/// The verdict at the top of a task's page: status, verification and why.
fn verdict_on_page(page: &str) -> String {
    let start = page.find("<p class=\"crumbs\">").expect("the task page has a verdict line");
    let end = start + page[start..].find("</p>").unwrap();
    html::text_of(&page[start..end])
}

/// The dashboard's "Needs attention" section, line by line.
fn needs_attention(test: &SiteTest) -> Vec<String> {
    section_lines(&test.file("index.html"), "<section id=\"attention\"")
}

/// The dashboard's summary cards, one line each: `5/7 tasks done`.
fn summary_cards(test: &SiteTest) -> Vec<String> {
    let page = test.file("index.html");
    let start = page.find("<section class=\"cards\"").expect("the dashboard has summary cards");
    let end = start + page[start..].find("</section>").unwrap();
    page[start..end]
        .split("<a class=\"card")
        .skip(1)
        .map(|card| html::text_of(&format!("<a{}", card.replace("</span>", " </span>"))))
        .collect()
}

// ---------------------------------------------------------------------------
// The four linking rules.

// Rule 1: a note whose frontmatter lists PX-001 is its evidence, and the task page says so.
#[test]
fn links_evidence_whose_frontmatter_lists_the_task() {
    let test = built("linking/rule-frontmatter");
    assert_eq!(
        verification_lines(&test),
        ["PX-001 done verified [evidence/tokenizer-check.md]", "PX-002 done claimed []"]
    );
    let status = test.status_json();
    assert_eq!(strings(&evidence(&status, "evidence/tokenizer-check.md")["tasks"]), ["PX-001"]);
    assert_eq!(
        evidence_on_page(&task_page(&test, "PX-001")),
        ["pass evidence/tokenizer-check.md its frontmatter lists this task"]
    );
    assert_eq!(
        evidence_on_page(&task_page(&test, "PX-002")),
        ["No evidence is linked to this task."]
    );
}

// A markdown evidence note's own result line is its evidence, not an unsupported claim.
#[test]
fn evidence_notes_own_result_is_not_an_unsupported_claim() {
    let test = built("linking/rule-frontmatter");
    let unsupported: Vec<String> = claim_lines(&test, ClaimLine::Checked)
        .into_iter()
        .filter(|line| line.starts_with("evidence/") && line.contains(" unsupported "))
        .collect();
    assert_eq!(unsupported, Vec::<String>::new());
}

// Rule 2: a path in the task's own row, phase section or heading section is its evidence.
#[test]
fn links_evidence_named_in_the_tasks_own_row_item_or_section() {
    let test = built("linking/rule-own-scope");
    let status = test.status_json();
    let evidence_of = |id: &str| strings(&task(&status, id)["evidence"]);
    assert_eq!(evidence_of("OS-001"), ["tests/importer-run.txt"], "table row");
    assert_eq!(evidence_of("OS-002"), ["tests/exporter-run.txt"], "checklist item in a phase");
    assert_eq!(evidence_of("OS-003"), ["tests/cli-smoke.txt"], "heading section");
    assert_eq!(evidence_of("OS-004"), Vec::<String>::new(), "row naming no file");
    let why = "named in this task's own row, item or section";
    let cases = [
        ("OS-001", format!("pass tests/importer-run.txt {why} (plans/export-plan.md:7)")),
        ("OS-002", format!("pass tests/exporter-run.txt {why} (plans/export-plan.md:19)")),
        ("OS-003", format!("pass tests/cli-smoke.txt {why} (plans/export-plan.md:23)")),
    ];
    for (id, line) in cases {
        assert_eq!(evidence_on_page(&task_page(&test, id)), [line], "{id}");
        assert_eq!(task(&status, id)["verification"], "verified", "{id}");
    }
}

// A checklist item outside a phase links only the paths on its own lines, not its neighbours'.
#[test]
fn checklist_item_outside_a_phase_links_only_what_it_names() {
    let test = built("linking/checklist-item-scope");
    let status = test.status_json();
    let line = |title: &str| {
        let t = task_titled(&status, title);
        format!("{} [{}]", show(&t["verification"]), strings(&t["evidence"]).join(", "))
    };
    assert_eq!(
        [
            line("Write the exporter, run in tests/export-run.txt"),
            line("Fix the login redirect"),
            line("Rotate the API keys"),
        ],
        ["verified [tests/export-run.txt]", "verified [tests/login-run.txt]", "claimed []"]
    );
}

// Rule 3: a log whose first ten lines name a task is its evidence; an id on line 11 is not.
#[test]
fn links_evidence_whose_first_lines_name_the_task() {
    let test = built("linking/rule-evidence-names-task");
    let status = test.status_json();
    assert_eq!(strings(&task(&status, "EN-002")["evidence"]), ["tests/backfill-run.txt"]);
    assert_eq!(task(&status, "EN-002")["verification"], "verified");
    let page = evidence_on_page(&task_page(&test, "EN-002"));
    assert_eq!(page.len(), 1, "{page:#?}");
    assert!(
        page[0].starts_with("pass tests/backfill-run.txt its name or first lines name this task"),
        "{page:#?}"
    );
    assert_eq!(strings(&task(&status, "EN-003")["evidence"]), Vec::<String>::new());
    assert_eq!(task(&status, "EN-003")["verification"], "claimed");
}

// Rule 3 by name: `tests/EN-001-migration.txt` is EN-001's evidence.
#[test]
fn links_evidence_whose_file_name_names_the_task() {
    let test = built("linking/rule-evidence-names-task");
    let status = test.status_json();
    assert_eq!(strings(&task(&status, "EN-001")["evidence"]), ["tests/EN-001-migration.txt"]);
    assert_eq!(task(&status, "EN-001")["verification"], "verified");
    let page = evidence_on_page(&task_page(&test, "EN-001"));
    assert_eq!(page.len(), 1, "{page:#?}");
    let why = "pass tests/EN-001-migration.txt its name or first lines name this task";
    assert!(page[0].starts_with(why), "{page:#?}");
}

// The rule-3 link on the task page points at the log line that names the task.
#[test]
fn first_lines_link_points_at_the_line_naming_the_task() {
    let test = built("linking/rule-evidence-names-task");
    assert_eq!(
        evidence_on_page(&task_page(&test, "EN-002")),
        [
            "pass tests/backfill-run.txt its name or first lines name this task (tests/backfill-run.txt:3)"
        ]
    );
}

// Rule 4: a section naming a task and a path links them; one naming only the task does not.
#[test]
fn links_evidence_named_with_the_task_in_one_section() {
    let test = built("linking/rule-section-names-both");
    assert_eq!(
        verification_lines(&test),
        ["SB-001 done verified [tests/cache-bench.txt]", "SB-002 done claimed []"]
    );
    assert_eq!(
        evidence_on_page(&task_page(&test, "SB-001")),
        ["pass tests/cache-bench.txt a section names both (sessions/2026-02-03-cache.md:5)"]
    );
}

// Evidence is named in prose without backticks too: `(test-results/run.txt)`,
// `see test-results/run.txt.`, `(see staging-deploy.log)`; a path in a code
// block, `Node.js` and `v1.2` name nothing. A path on a line that names a
// task is that task's, not every task's of the section: the failing run of
// BP-002 leaves BP-001 and BP-003 verified.
#[test]
fn evidence_named_in_prose_links_the_task_on_its_line_only() {
    let test = built("linking/bare-paths");
    let s = "sessions/2026-04-02-search-session.md";
    let index = "test-results/2026-04-02-index-pytest.txt";
    let query = "test-results/2026-04-02-query-vitest.txt";
    assert_eq!(
        claim_lines(&test, ClaimLine::Checked),
        [
            format!("{s}:5 tests \"24/24 tests passed\" supported {index}"),
            format!("{s}:6 tests \"36/36 tests passed\" contradicted {query}"),
            format!(
                "{s}:7 status \"BP-003 deployed, the deploy succeeded\" supported deployments/staging-deploy.log"
            ),
            format!("{s}:11 tests \"24/24 tests passed\" unsupported -"),
            format!("{s}:17 tests \"24/24 tests passed\" unsupported -"),
        ]
    );
    assert_eq!(
        verification_lines(&test),
        [
            format!("BP-001 done verified [{index}]"),
            format!("BP-002 done contradicted [{query}]"),
            "BP-003 done verified [deployments/staging-deploy.log]".to_string(),
        ]
    );
}

// A pair linked by several rules shows once, under the strongest rule.
#[test]
fn records_the_strongest_rule_when_rules_overlap() {
    let test = built("linking/two-rules");
    assert_eq!(
        verification_lines(&test),
        [
            "TR-001 done verified [tests/TR-001-login.txt]",
            "TR-002 done verified [tests/logout-run.txt]"
        ]
    );
    assert_eq!(
        evidence_on_page(&task_page(&test, "TR-001")),
        [
            "pass tests/TR-001-login.txt named in this task's own row, item or section (plans/auth-plan.md:5)"
        ]
    );
    assert_eq!(
        evidence_on_page(&task_page(&test, "TR-002")),
        [
            "pass tests/logout-run.txt its name or first lines name this task (tests/logout-run.txt:1)"
        ]
    );
}

// ---------------------------------------------------------------------------
// Verification.

// Done tasks are verified, claimed or contradicted by evidence and claims; others are pending.
#[test]
fn verifies_each_task_from_its_evidence_and_claims() {
    let test = built("linking/verification");
    assert_eq!(
        verification_lines(&test),
        [
            "VS-001 done verified [tests/invoices-run.txt]",
            "VS-002 done claimed []",
            "VS-003 done contradicted [tests/refunds-run.txt]",
            "VS-004 done contradicted [tests/tax-coverage.json]",
            "VS-005 in_progress pending [tests/ledger-run.txt]",
            "VS-006 open pending []",
            "VS-007 done claimed [tests/currency-coverage.json]",
        ]
    );
    let status = test.status_json();
    let summary = &status["summary"];
    let counts: Vec<String> = ["done", "verified", "claimed", "contradicted", "evidence_failing"]
        .iter()
        .map(|key| format!("{key}={}", summary[key]))
        .collect();
    assert_eq!(
        counts,
        ["done=5", "verified=1", "claimed=2", "contradicted=2", "evidence_failing=1"]
    );
}

// Each task page says why the task is verified, claimed, contradicted or pending.
#[test]
fn task_pages_say_why_each_task_is_verified_claimed_or_contradicted() {
    let test = built("linking/verification");
    let verdicts: Vec<String> =
        ["VS-001", "VS-002", "VS-003", "VS-004", "VS-005", "VS-006", "VS-007"]
            .iter()
            .map(|id| format!("{id}: {}", verdict_on_page(&task_page(&test, id))))
            .collect();
    assert_eq!(
        verdicts,
        [
            "VS-001: Done verified marked done, and tests/invoices-run.txt passed",
            "VS-002: Done claimed marked done, with no evidence linked",
            "VS-003: Done contradicted marked done, but tests/refunds-run.txt records failures",
            "VS-004: Done contradicted marked done, but the claim “90% coverage” disagrees with tests/tax-coverage.json",
            "VS-005: In progress",
            "VS-006: Open",
            "VS-007: Done claimed marked done; the linked evidence records no outcome",
        ]
    );
}

// "Needs attention" lists exactly the contradicted tasks with reasons; the cards count each state.
#[test]
fn dashboard_needs_attention_lists_contradicted_tasks_with_reasons() {
    let test = built("linking/verification");
    assert_eq!(
        needs_attention(&test),
        [
            "Needs attention 4",
            "2 contradicted done work · 1 failing evidence · 1 contradicted claims",
            "contradicted Apply refunds VS-003 marked done, but tests/refunds-run.txt records failures",
            "contradicted Cover the tax module VS-004 marked done, but the claim “90% coverage” disagrees with tests/tax-coverage.json",
            "failing tests/refunds-run.txt 1 failed, 7 passed",
            "claim “90% coverage” plans/billing-plan.md:8, but tests/tax-coverage.json records 77.5% coverage",
            "Claims in prose: 1, 1 contradicted.",
        ]
    );
    assert_eq!(
        summary_cards(&test),
        [
            "5/7 tasks done",
            "1 verified by evidence",
            "2 claimed, no evidence",
            "2 contradicted",
            "1 failing evidence",
        ]
    );
}

// ---------------------------------------------------------------------------
// Claims.

// Claims are checked against evidence on their line, else their section, else their `##` section.
#[test]
fn checks_claims_against_the_nearest_evidence() {
    let test = built("linking/claims");
    let s = "sessions/2026-03-02-release-check.md";
    assert_eq!(
        claim_lines(&test, ClaimLine::Checked),
        [
            format!("{s}:5 tests \"48/48 tests passed\" contradicted tests/pytest-run.txt"),
            format!("{s}:11 coverage \"81% coverage\" supported tests/coverage.json"),
            format!("{s}:15 coverage \"85% coverage\" contradicted tests/coverage.json"),
            format!("{s}:19 tests \"12/12 tests passed\" unsupported -"),
        ]
    );
    let status = test.status_json();
    let run = evidence(&status, "tests/pytest-run.txt");
    assert_eq!((show(&run["passed"]), show(&run["failed"])), ("46".into(), "2".into()));
    assert_eq!(evidence(&status, "tests/coverage.json")["coverage_percent"], 81.4);
}

// The dashboard and stderr show each contradicted claim beside the figures its evidence records.
#[test]
fn contradicted_claims_show_both_figures() {
    let mut test = built("linking/claims");
    let s = "sessions/2026-03-02-release-check.md";
    assert_eq!(
        needs_attention(&test),
        [
            "Needs attention 3".to_string(),
            "1 failing evidence · 2 contradicted claims".to_string(),
            "failing tests/pytest-run.txt 2 failed, 46 passed".to_string(),
            format!(
                "claim “48/48 tests passed” {s}:5, but tests/pytest-run.txt records 46 passed, 2 failed"
            ),
            format!("claim “85% coverage” {s}:15, but tests/coverage.json records 81.4% coverage"),
            "Claims in prose: 4, 1 with no evidence to check them, 2 contradicted.".to_string(),
        ]
    );
    test.expect_stderr_lines(&[
        "warning[A130]: `48/48 tests passed` is contradicted by `tests/pytest-run.txt`, which records 46 passed, 2 failed",
        &format!("  --> {s}:5"),
        "  = help: correct the claim, or link the evidence it was made from",
    ]);
    test.expect_stderr_lines(&[
        "warning[A130]: `85% coverage` is contradicted by `tests/coverage.json`, which records 81.4% coverage",
        &format!("  --> {s}:15"),
        "  = help: correct the claim, or link the evidence it was made from",
    ]);
}

// ---------------------------------------------------------------------------
// Paths that do not resolve.

const DEPLOY_SESSION: &str = "sessions/2026-03-05-deploy.md";

// A missing evidence file is one warning, on stderr and in status.json, at the line naming it.
#[test]
fn warns_on_missing_evidence_at_the_line_that_names_it() {
    let mut test = built("linking/missing-evidence");
    test.expect_stderr_lines(&[
        "warning[A030]: `tests/x.txt` is named here but is not in the docs tree",
        &format!("  --> {DEPLOY_SESSION}:12"),
        "  = help: fix the path, or add the file (evidence not yet captured shows as missing)",
    ]);
    let a030: Vec<String> =
        diagnostic_lines(&test).into_iter().filter(|line| line.contains("[A030]")).collect();
    assert_eq!(
        a030,
        [format!(
            "warning[A030] {DEPLOY_SESSION}:12 `tests/x.txt` is named here but is not in the docs tree"
        )]
    );
}

// Paths that climb out of ROOT are A031, link to the missing list, and the file is never read.
#[test]
fn refuses_paths_that_leave_root_and_never_reads_them() {
    let mut test = SiteTest::from_dir("linking/missing-evidence");
    let secret = "outside-marker-7f3a: this file is not part of the docs";
    std::fs::write(test.temp().join("outside.txt"), format!("{secret}\n3 passed, 0 failed\n"))
        .unwrap();
    test.build().expect_success();
    test.expect_stderr_lines(&[
        "warning[A031]: `../outside.txt` points outside the docs folder",
        "  --> notes.md:3",
        "  = help: attestor reads only files inside ROOT; link to a copy inside it",
    ]);
    test.expect_stderr_lines(&[
        "warning[A031]: `../../outside.txt` points outside the docs folder",
        &format!("  --> {DEPLOY_SESSION}:14"),
    ]);
    let a031: Vec<String> =
        diagnostic_lines(&test).into_iter().filter(|line| line.contains("[A031]")).collect();
    assert_eq!(
        a031,
        [
            "warning[A031] notes.md:3 `../outside.txt` points outside the docs folder".to_string(),
            format!(
                "warning[A031] {DEPLOY_SESSION}:14 `../../outside.txt` points outside the docs folder"
            ),
        ]
    );
    let status = test.status_json();
    assert_eq!(status["evidence"], serde_json::json!([]));
    for (rel, bytes) in test.output_files() {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("outside-marker-7f3a"), "`{rel}` shows the file outside ROOT");
    }
    let notes = test.file("docs/notes.html");
    let hrefs: Vec<(String, String)> = html::anchor_links(&notes)
        .into_iter()
        .filter(|(_, text)| text.contains("outside"))
        .collect();
    assert_eq!(hrefs, [("../files.html#missing".to_string(), "../outside.txt".to_string())]);
}

// ---------------------------------------------------------------------------
// Where named paths resolve.

// A path resolves against the document's folder first, then ROOT, and links its task.
#[test]
fn resolves_paths_against_the_documents_folder_then_root() {
    let mut test = built("linking/resolution");
    assert_eq!(
        verification_lines(&test),
        [
            "RS-001 done verified [sessions/tests/unit-run.txt]",
            "RS-002 done verified [tests/integration-run.txt]",
        ]
    );
    assert_eq!(diagnostic_lines(&test), Vec::<String>::new());
    test.expect_stderr_contains("(0 errors, 0 warnings)");
    let status = test.status_json();
    let session = "sessions/2026-03-09-runs.md";
    for path in ["sessions/tests/unit-run.txt", "tests/integration-run.txt"] {
        assert_eq!(strings(&evidence(&status, path)["referenced_by"]), [session], "{path}");
    }
    assert_eq!(
        strings(&evidence(&status, "tests/unit-run.txt")["referenced_by"]),
        Vec::<String>::new()
    );
    let page = test.file("docs/sessions/2026-03-09-runs.html");
    let links: Vec<(String, String)> =
        html::anchor_links(&page).into_iter().filter(|(_, text)| text.ends_with(".txt")).collect();
    assert_eq!(
        links,
        [
            (
                "../../docs/sessions/tests/unit-run.txt.html".to_string(),
                "tests/unit-run.txt".to_string()
            ),
            (
                "../../docs/tests/integration-run.txt.html".to_string(),
                "tests/integration-run.txt".to_string()
            ),
        ]
    );
}

// A path from the repository root (`docs/tests/run.txt`) resolves when ROOT is the repo's `docs/`.
#[test]
fn resolves_paths_against_the_repository_root() {
    let mut test = SiteTest::from_dir("linking/repo");
    test.write_file(".git/HEAD", "ref: refs/heads/main\n");
    let args: Vec<OsString> = vec![
        "build".into(),
        test.root().join("docs").into(),
        "-o".into(),
        test.out().to_path_buf().into(),
        "--no-minify".into(),
    ];
    test.run(&args).expect_success().expect_stderr_contains("(0 errors, 0 warnings)");
    assert_eq!(verification_lines(&test), ["CI-001 done verified [tests/run.txt]"]);
    let status = test.status_json();
    assert_eq!(
        strings(&evidence(&status, "tests/run.txt")["referenced_by"]),
        ["sessions/2026-03-10-ci.md"]
    );
    assert_eq!(
        evidence_on_page(&task_page(&test, "CI-001")),
        ["pass tests/run.txt a section names both (sessions/2026-03-10-ci.md:5)"]
    );
}

// ---------------------------------------------------------------------------
// The dependency graph.

const ROLLOUT: &str = "plans/rollout-plan.md";

// A dependency on an undefined id is A120 at the task's row and shows as unknown on its page.
#[test]
fn warns_on_dependency_that_no_document_defines() {
    let mut test = built("linking/dependencies");
    test.expect_stderr_lines(&[
        "warning[A120]: DG-006 depends on `DG-099`, which no document defines",
        &format!("  --> {ROLLOUT}:10"),
        "  = help: fix the id, or add the task to a plan or tracker",
    ]);
    let page = task_page(&test, "DG-006");
    assert_eq!(
        section_lines(&page, "<section><h2>Depends on</h2>"),
        ["Depends on", "unknown DG-099 no document defines it"]
    );
}

// Two tasks that wait on each other are error A121 naming the cycle.
#[test]
fn errors_on_dependency_cycle() {
    let mut test = built("linking/dependency-cycle");
    test.expect_stderr_lines(&[
        "error[A121]: dependency cycle: CY-001 → CY-002 → CY-001",
        "  --> plans/release-plan.md:5",
        "  = help: a task cannot wait on itself; remove one of these dependencies",
    ]);
    assert!(
        diagnostic_lines(&test).contains(
            &"error[A121] plans/release-plan.md:5 dependency cycle: CY-001 → CY-002 → CY-001"
                .to_string()
        ),
        "{:#?}",
        diagnostic_lines(&test)
    );
}

// A cycle of three is named along its dependencies (RB-001 waits on RB-003, RB-003 on RB-002).
#[test]
fn names_a_longer_cycle_along_its_dependencies() {
    let mut test = built("linking/dependency-cycle");
    test.expect_stderr_lines(&[
        "error[A121]: dependency cycle: RB-001 → RB-003 → RB-002 → RB-001",
        "  --> plans/release-plan.md:13",
    ]);
}

// The critical path (on the plans page the dashboard links to) is the
// longest unfinished chain by estimate, in order.
#[test]
fn dashboard_shows_critical_path_of_unfinished_work_in_order() {
    let test = built("linking/dependencies");
    assert_eq!(
        section_lines(&test.file("plans.html"), "<section id=\"critical-path\""),
        [
            "Critical path 3",
            "The longest chain of unfinished work, by estimate: about 6h of work in a row.",
            "Install the ingress DG-002 Open",
            "Migrate the database DG-003 Open",
            "Cut over traffic DG-005 Open",
        ]
    );
}

// A stated critical path that differs is A122 naming the computed path.
#[test]
fn warns_when_stated_critical_path_differs() {
    let mut test = built("linking/dependencies");
    test.expect_stderr_lines(&[
        "warning[A122]: the stated critical path differs from the one the dependencies and estimates give: DG-001 → DG-002 → DG-003 → DG-005",
        &format!("  --> {ROLLOUT}:14"),
        "  = help: update the stated path, or the dependencies and estimates it disagrees with",
    ]);
    assert_eq!(
        diagnostic_lines(&test),
        [
            format!(
                "warning[A120] {ROLLOUT}:10 DG-006 depends on `DG-099`, which no document defines"
            ),
            format!(
                "warning[A122] {ROLLOUT}:14 the stated critical path differs from the one the dependencies and estimates give: DG-001 → DG-002 → DG-003 → DG-005"
            ),
        ]
    );
}

// A stated critical path that agrees with the computed one is no warning.
#[test]
fn stated_critical_path_that_agrees_gives_no_warning() {
    let mut test = built("linking/critical-path-agrees");
    test.expect_stderr_contains("(0 errors, 0 warnings)");
    assert_eq!(diagnostic_lines(&test), Vec::<String>::new());
    let path = section_lines(&test.file("plans.html"), "<section id=\"critical-path\"");
    assert_eq!(path[2..], ["Build the page CP-002 Open", "Go live CP-004 Open"]);
}

// ---------------------------------------------------------------------------
// Evidence outside the evidence folders.

// A `latest-deploy.json` at ROOT that a row names becomes deploy evidence and links its task.
#[test]
fn named_deploy_record_at_root_becomes_evidence_and_links() {
    let test = built("linking/adopted-deploy");
    let status = test.status_json();
    let deploy = evidence(&status, "latest-deploy.json");
    let facts = ["kind", "format", "outcome", "date"].map(|key| show(&deploy[key]));
    assert_eq!(facts, ["deploy", "deploy-json", "pass", "2026-03-12"]);
    assert_eq!(strings(&deploy["tasks"]), ["AD-001"]);
    assert_eq!(strings(&deploy["referenced_by"]), ["plans/hosting-plan.md"]);
    assert_eq!(
        verification_lines(&test),
        ["AD-001 done verified [latest-deploy.json]", "AD-002 open pending []"]
    );
    let kinds: Vec<String> = status["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{} {}", show(&d["path"]), show(&d["kind"])))
        .collect();
    assert_eq!(
        kinds,
        ["latest-deploy.json evidence", "plans/hosting-plan.md plan", "settings.json page"]
    );
    assert_eq!(
        evidence_on_page(&task_page(&test, "AD-001")),
        [
            "pass latest-deploy.json named in this task's own row, item or section (plans/hosting-plan.md:5)"
        ]
    );
    let events: Vec<String> = status["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| format!("{} {} {}", show(&e["date"]), show(&e["kind"]), show(&e["path"])))
        .collect();
    assert_eq!(events, ["2026-03-12 deploy latest-deploy.json"]);
}

// Claims are compared with the run they speak of: a subset of a run, or a run
// of another suite, is unsupported, never contradicted; an HTTP code and a
// target are no claims at all.
#[test]
fn claims_are_judged_against_the_run_they_speak_of() {
    let test = built("linking/verdicts");
    let log = "tests/2026-03-01-backend-pytest.txt";
    let session = "sessions/2026-03-02-billing-session.md";
    assert_eq!(
        claim_lines(&test, ClaimLine::Checked),
        [
            format!("{session}:5 tests \"Backend: 120/120 tests passed\" supported {log}"),
            format!("{session}:6 tests \"17/17 focused tests passed\" unsupported {log}"),
            format!("{session}:7 tests \"Frontend vitest: 88/88 tests passed\" unsupported {log}"),
            format!("{session}:8 tests \"Backend: 124/124 tests passed\" contradicted {log}"),
            format!(
                "{session}:21 status \"The evening deploy to Render succeeded\" contradicted \
                 deployments/render-deploys.json"
            ),
        ]
    );
    let status = test.status_json();
    let notes: Vec<String> =
        status["claims"].as_array().unwrap().iter().map(|c| show(&c["note"])).collect();
    assert!(notes[0].contains("its run (pytest)") && notes[0].contains("120 passed"), "{notes:?}");
    assert!(notes[1].contains("different run"), "{notes:?}");
    assert!(notes[2].contains("different run"), "{notes:?}");
    assert!(notes[3].contains("the total differs") || notes[3].contains("differs"), "{notes:?}");
}

// A story that says it is complete while its own boxes are open gets A140,
// and the task it is about is contradicted; a story whose boxes are all
// checked (open follow-ups and recommendations aside) is not flagged. A list of deploys is
// decided by its newest deploy, not by a commit message in an older one.
#[test]
fn complete_stories_with_open_items_and_failed_deploy_lists_are_caught() {
    let test = built("linking/verdicts");
    let named: Vec<String> =
        verification_lines(&test).into_iter().filter(|t| t.starts_with("BIL-")).collect();
    assert_eq!(
        named,
        [
            "BIL-21 done contradicted []",
            "BIL-22 done claimed []",
            "BIL-23 done contradicted [deployments/render-deploys.json]",
            "BIL-24 in_progress pending []",
        ]
    );
    let a140: Vec<String> =
        diagnostic_lines(&test).into_iter().filter(|d| d.contains("[A140]")).collect();
    assert_eq!(
        a140,
        ["warning[A140] stories/BIL-21-invoice-pdf-export.md:3 the document says it is complete, \
             but 2 of 4 of its own tasks are open: line 8 “The PDF carries the company's VAT number”, \
             line 9 “Totals match the invoice page to the cent”"]
    );
    let status = test.status_json();
    assert_eq!(
        verdict_on_page(&task_page(&test, "BIL-21")),
        "Done contradicted marked done, but its story stories/BIL-21-invoice-pdf-export.md has 2 of 4 \
         items open (first at line 8)"
    );
    assert_eq!(show(&evidence(&status, "deployments/render-deploys.json")["outcome"]), "fail");
    // The dashboard links to the whole list on the attention page.
    let attention =
        section_lines(&test.file("attention.html"), "<section id=\"declared-complete\"");
    assert_eq!(attention[0], "Said to be complete, with tasks open 1", "{attention:#?}");
    assert!(
        attention[1].starts_with("BIL-21: Invoice PDF export stories/BIL-21-invoice-pdf-export.md"),
        "{attention:#?}"
    );
}
