//! Reading teams' loose markdown the way a careful person does: the tasks,
//! statuses, phases, dependencies, estimates and figures of documents shaped
//! like the five real samples in SPEC section 1, tables and lists that are not
//! tasks, and the diagnostics for rows, items and tracker lines that cannot
//! be read.
//!
//! Fixtures are under `reading/<case>/`; each seed look-alike is written in
//! its own words. `progress-summary` is stored with UTF-8 read as
//! Windows-1252 and saved again (the undefined bytes 0x81 0x8D 0x8F 0x90 0x9D
//! dropped), as the sample was. Expectations list what a person reading the
//! document would list; a task whose id attestor makes up shows as `~` (or
//! `~title` in lists of ids), since no reader can know the hash.

use serde_json::Value;

use crate::site_test::SiteTest;
use crate::status::{ClaimLine, built, claim_lines, diagnostic_lines, show, task, task_titled};

/// A task's id as a reader names it: the id when the source file spells it,
/// else `~` and the title (an id attestor made up).
fn label(test: &SiteTest, task: &Value) -> String {
    let id = task["id"].as_str().unwrap();
    let path = task["source"]["path"].as_str().unwrap();
    let text = std::fs::read(test.root().join(path)).unwrap();
    if String::from_utf8_lossy(&text).contains(id) {
        id.to_string()
    } else {
        format!("~{}", show(&task["title"]))
    }
}

/// The tasks of `status.json` in source order, one line each:
/// `id status "title" phase=… track=… owner=… deps=[…] est=… when=… @path:line`,
/// with `~` for an id attestor made up.
fn task_lines(test: &SiteTest) -> Vec<String> {
    let status = test.status_json();
    let mut tasks: Vec<&Value> = status["tasks"].as_array().unwrap().iter().collect();
    tasks.sort_by_key(|t| (show(&t["source"]["path"]), t["source"]["line"].as_u64()));
    let labels = task_labels(test, &status);
    tasks
        .into_iter()
        .map(|t| {
            let deps: Vec<String> = t["depends_on"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| labels.get(d.as_str().unwrap()).cloned().unwrap_or_else(|| show(d)))
                .collect();
            let id = show(&t["id"]);
            let explicit = label(test, t) == id;
            format!(
                "{} {} {:?} phase={} track={} owner={} deps=[{}] est={} when={} @{}:{}",
                if explicit { id.as_str() } else { "~" },
                show(&t["status"]),
                show(&t["title"]),
                show(&t["phase"]),
                show(&t["track"]),
                show(&t["owner"]),
                deps.join(", "),
                show(&t["estimate_minutes"]),
                show(&t["done_when"]),
                show(&t["source"]["path"]),
                show(&t["source"]["line"]),
            )
        })
        .collect()
}

/// Every task id with the label a reader gives it.
fn task_labels(test: &SiteTest, status: &Value) -> std::collections::HashMap<String, String> {
    let tasks = status["tasks"].as_array().unwrap();
    tasks.iter().map(|t| (t["id"].as_str().unwrap().to_string(), label(test, t))).collect()
}

/// The documents of `status.json`: `path kind "title" date=… status=…`.
fn document_lines(test: &SiteTest) -> Vec<String> {
    let status = test.status_json();
    let documents = status["documents"].as_array().unwrap();
    documents
        .iter()
        .map(|d| {
            format!(
                "{} {} {:?} date={} status={}",
                show(&d["path"]),
                show(&d["kind"]),
                show(&d["title"]),
                show(&d["date"]),
                show(&d["status"])
            )
        })
        .collect()
}

/// The plans of `status.json`: `path done/total`, then each phase as
/// `  title done/total [tasks]`.
fn plan_lines(test: &SiteTest) -> Vec<String> {
    let status = test.status_json();
    let labels = task_labels(test, &status);
    let mut lines = Vec::new();
    for plan in status["plans"].as_array().unwrap() {
        lines.push(format!("{} {}/{}", show(&plan["path"]), plan["done"], plan["total"]));
        for phase in plan["phases"].as_array().unwrap() {
            let tasks: Vec<String> = phase["tasks"]
                .as_array()
                .unwrap()
                .iter()
                .map(|id| labels.get(id.as_str().unwrap()).cloned().unwrap_or_else(|| show(id)))
                .collect();
            lines.push(format!(
                "  {} {}/{} [{}]",
                show(&phase["title"]),
                phase["done"],
                phase["total"],
                tasks.join(", ")
            ));
        }
    }
    lines
}

// ---------------------------------------------------------------------------
// Look-alikes of the five samples.

const REFRESH: &str = "sessions/SESSION-2026-01-20-roadmap-refresh.md";

// A session that refreshes a plan (sample 000): its status and owner lines, and
// a stage table read as one open task per stage with its goals, window and
// evidence; the next actions are open tasks (issue 8); working rules and
// evidence lists are not tasks.
#[test]
fn reads_session_plan_refresh_stages() {
    let test = built("reading/session-plan-refresh");
    assert_eq!(
        document_lines(&test),
        [
            "deployments/2026-01-20-staging.txt evidence \"2026-01-20-staging.txt\" date=2026-01-20 status=-",
            "sessions/SESSION-2026-01-20-roadmap-refresh.md session \"Session 2026-01-20: Harbor Ledger Roadmap Refresh\" date=2026-01-20 status=PLAN APPROVED",
            "tests/2026-01-20-unit-run.txt evidence \"2026-01-20-unit-run.txt\" date=2026-01-20 status=-",
        ]
    );
    assert_eq!(
        task_lines(&test),
        [
            "~ open \"Re-run the unit suite with coverage, redeploy staging, refresh the tracker\" phase=Stage 0 track=- owner=Mirela (platform lead) deps=[] est=960 when=pytest --cov -q, tests/2026-01-20-unit-run.txt, tracker diff @sessions/SESSION-2026-01-20-roadmap-refresh.md:20",
            "~ open \"Finish the retry worker and its alerting for Invoice Sync\" phase=Stage 1A track=- owner=Mirela (platform lead) deps=[] est=2400 when=RED: test_retry_worker.py → GREEN worker; alert screenshots @sessions/SESSION-2026-01-20-roadmap-refresh.md:21",
            "~ open \"Build PDF export and the audit trail for Ledger Export\" phase=Stage 1B track=- owner=Mirela (platform lead) deps=[] est=2400 when=RED: test_pdf_export.py + test_audit_trail.py; coverage log @sessions/SESSION-2026-01-20-roadmap-refresh.md:22",
            "~ open \"Release checks, tag v2.0, publish release notes\" phase=Stage 2 track=- owner=Mirela (platform lead) deps=[] est=1440 when=smoke run on staging, release notes @sessions/SESSION-2026-01-20-roadmap-refresh.md:23",
            "~ open \"Refresh the tracker owners and mark Stage 0 as under way.\" phase=- track=- owner=Mirela (platform lead) deps=[] est=- when=- @sessions/SESSION-2026-01-20-roadmap-refresh.md:36",
            "~ open \"Run the unit suite with coverage and keep the log as tests/2026-01-20-unit-run.txt.\" phase=- track=- owner=Mirela (platform lead) deps=[] est=- when=- @sessions/SESSION-2026-01-20-roadmap-refresh.md:37",
            "~ open \"Redeploy staging and keep the deploy output in deployments/2026-01-20-staging.txt.\" phase=- track=- owner=Mirela (platform lead) deps=[] est=- when=- @sessions/SESSION-2026-01-20-roadmap-refresh.md:38",
            "~ open \"Book the finance review of the PDF layout.\" phase=- track=- owner=Mirela (platform lead) deps=[] est=- when=- @sessions/SESSION-2026-01-20-roadmap-refresh.md:39",
        ]
    );
    assert_eq!(
        plan_lines(&test),
        [
            "sessions/SESSION-2026-01-20-roadmap-refresh.md 0/8",
            "  Stage 0 0/1 [~Re-run the unit suite with coverage, redeploy staging, refresh the tracker]",
            "  Stage 1A 0/1 [~Finish the retry worker and its alerting for Invoice Sync]",
            "  Stage 1B 0/1 [~Build PDF export and the audit trail for Ledger Export]",
            "  Stage 2 0/1 [~Release checks, tag v2.0, publish release notes]",
        ]
    );
    // The stage whose evidence cell names the unit log has it as evidence.
    let status = test.status_json();
    let stage0 = task_titled(
        &status,
        "Re-run the unit suite with coverage, redeploy staging, refresh the tracker",
    );
    assert_eq!(stage0["evidence"], serde_json::json!(["tests/2026-01-20-unit-run.txt"]));
    assert_eq!(stage0["verification"], "pending");
    let page = "docs/sessions/SESSION-2026-01-20-roadmap-refresh.html";
    assert!(
        test.file(page).contains("<dt>Owner</dt><dd>Mirela (platform lead)</dd>"),
        "the session page names its owner"
    );
}

// The plan-refresh session states no figures, and the only diagnostics are
// the two evidence files it names that are not captured yet.
#[test]
fn session_plan_refresh_warns_only_on_evidence_not_yet_captured() {
    let mut test = built("reading/session-plan-refresh");
    assert_eq!(claim_lines(&test, ClaimLine::AsRead), Vec::<String>::new());
    assert_eq!(
        diagnostic_lines(&test),
        [
            format!(
                "warning[A030] {REFRESH}:44 `tests/2026-01-22-coverage.txt` is named here but is not in the docs tree"
            ),
            format!(
                "warning[A030] {REFRESH}:45 `latest-deploy.json` is named here but is not in the docs tree"
            ),
        ]
    );
    test.expect_stderr_lines(&[
        "warning[A030]: `tests/2026-01-22-coverage.txt` is named here but is not in the docs tree",
        &format!("  --> {REFRESH}:44"),
    ]);
}

const REVIEW: &str = "notes/2026-03-04-launch-review.md";

// A readiness review (sample 001): its progress checklist is its tasks, each
// "Phase N:" item in the phase of that heading (not counted twice), and the
// P0 ids it names are the tracker's issues.
#[test]
fn reads_production_review_checklist_phases_and_tracker_ids() {
    let test = built("reading/production-review");
    assert_eq!(
        document_lines(&test),
        [
            ".beads/issues.jsonl tracker \"Tracker export (issues.jsonl)\" date=2026-03-03 status=-",
            "notes/2026-03-04-launch-review.md session \"Pairing Session - Launch Readiness Audit\" date=2026-03-04 status=-",
        ]
    );
    assert_eq!(
        plan_lines(&test),
        [
            ".beads/issues.jsonl 1/3",
            "notes/2026-03-04-launch-review.md 3/6",
            "  Phase 1: Service Walkthroughs 1/1 [~Phase 1: six service reviews written]",
            "  Phase 2: Gap List 0/1 [~Phase 2: gap list merged]",
            "  Phase 3: Tracker Sync 0/1 [~Phase 3: tracker synced with the gap list]",
            "  Phase 4: Launch Order 0/1 [~Phase 4: launch order agreed]",
        ]
    );
    assert_eq!(
        task_lines(&test),
        [
            "hb-7qx open \"Worker crashes on an empty webhook body\" phase=- track=- owner=dana deps=[] est=- when=- @.beads/issues.jsonl:1",
            "hb-2mf in_progress \"invoiceTable snapshot drifts on leap days\" phase=- track=- owner=omar deps=[hb-7qx] est=- when=- @.beads/issues.jsonl:2",
            "hb-9ta done \"Pin the Node version in CI\" phase=- track=- owner=- deps=[] est=- when=- @.beads/issues.jsonl:3",
            "~ done \"Review plan drafted by the lead\" phase=- track=- owner=- deps=[] est=- when=- @notes/2026-03-04-launch-review.md:64",
            "~ done \"Session notes file started\" phase=- track=- owner=- deps=[] est=- when=- @notes/2026-03-04-launch-review.md:65",
            "~ done \"Phase 1: six service reviews written\" phase=Phase 1: Service Walkthroughs track=- owner=- deps=[] est=- when=- @notes/2026-03-04-launch-review.md:66",
            "~ open \"Phase 2: gap list merged\" phase=Phase 2: Gap List track=- owner=- deps=[] est=- when=- @notes/2026-03-04-launch-review.md:67",
            "~ open \"Phase 3: tracker synced with the gap list\" phase=Phase 3: Tracker Sync track=- owner=- deps=[] est=- when=- @notes/2026-03-04-launch-review.md:68",
            "~ open \"Phase 4: launch order agreed\" phase=Phase 4: Launch Order track=- owner=- deps=[] est=- when=- @notes/2026-03-04-launch-review.md:69",
        ]
    );
    // The P0 blockers the session lists are the tracker's issues, mentioned here.
    let status = test.status_json();
    for id in ["hb-7qx", "hb-2mf"] {
        assert_eq!(task(&status, id)["mentioned_in"], serde_json::json!([REVIEW]), "{id}");
    }
}

// The review's statistics are claims (issue counts, coverage, pass rate),
// but the coverage target and the `80%+` bound are not; every deliverable
// path it names and that is missing is a warning at its first mention.
#[test]
fn production_review_claims_its_statistics_and_warns_on_missing_deliverables() {
    let test = built("reading/production-review");
    assert_eq!(
        diagnostic_lines(&test),
        [
            // Its `Last Commit` hash, in a tree outside any repository.
            "info[A274] .:0 1 commit hash named in the docs not checked: the docs folder is not in a git repository".to_string(),
            format!(
                "warning[A030] {REVIEW}:35 `/reviews/gap-list.md` is named here but is not in the docs tree"
            ),
            format!(
                "warning[A030] {REVIEW}:43 `/reviews/LAUNCH_ORDER.md` is named here but is not in the docs tree"
            ),
            format!(
                "warning[A030] {REVIEW}:75 `/reviews/api-review.md` is named here but is not in the docs tree"
            ),
            format!(
                "warning[A030] {REVIEW}:76 `/reviews/worker-review.md` is named here but is not in the docs tree"
            ),
        ]
    );
    assert_eq!(
        claim_lines(&test, ClaimLine::AsRead),
        [
            format!("{REVIEW}:50 issues Total Issues: 48 (21 open, 24 closed, 3 blocked)"),
            format!("{REVIEW}:51 issues Ready Issues: 12"),
            format!("{REVIEW}:52 coverage Backend Coverage: ~71%"),
            format!("{REVIEW}:53 tests Frontend Test Pass Rate: 99.1% (428/432 tests)"),
        ]
    );
}

const GRAPH: &str = "plans/03-delivery-plan.md";

// A task graph (sample 002): rows with track, assignee, dependencies (ranges
// expanded), acceptance and estimate; phase sections take the tasks their
// prose names; critical path, risks and track summary are not tasks.
#[test]
fn reads_task_graph_rows_tracks_and_phase_sections() {
    let test = built("reading/task-graph");
    assert_eq!(
        document_lines(&test),
        ["plans/03-delivery-plan.md plan \"03 — DELIVERY PLAN\" date=- status=-"]
    );
    let p = "phase=Phase 2A: Service Foundation (Forge) track=SERVICE TRACK (Forge + Warden)";
    let q = "phase=Phase 2B: Service Features (Forge + Warden review loop) track=SERVICE TRACK (Forge + Warden)";
    let c = "phase=Phase 2C: Client (Loom) track=CLIENT TRACK (Loom)";
    let g = "phase=Phase 3: Glue (Conductor) track=GLUE TRACK (Conductor)";
    let n = "phase=- track=- owner=- deps=[] est=- when=-";
    assert_eq!(
        task_lines(&test),
        [
            format!(
                "S-001 open \"Scaffold the Axum service with a health route\" {p} owner=Forge deps=[] est=15 when=cargo run answers /health @{GRAPH}:14"
            ),
            format!(
                "S-002 open \"Add SQLx and the first migration\" {p} owner=Forge deps=[S-001] est=30 when=Migration applies to a fresh DB @{GRAPH}:15"
            ),
            format!(
                "S-003 open \"Model routes, stops and timetables\" {p} owner=Forge deps=[S-002] est=45 when=Schema matches 02-DATA.md @{GRAPH}:16"
            ),
            format!(
                "S-004 open \"Encrypt partner API keys at rest (ChaCha20)\" {q} owner=Forge deps=[S-003] est=30 when=Unit tests pass @{GRAPH}:17"
            ),
            format!(
                "S-005 open \"Import GTFS feeds\" {q} owner=Forge deps=[S-003] est=60 when=Sample feed imports cleanly @{GRAPH}:18"
            ),
            format!(
                "S-006 open \"Job runner for nightly imports\" {q} owner=Forge deps=[S-003] est=45 when=Jobs run in FIFO order @{GRAPH}:19"
            ),
            format!(
                "S-007 open \"Unit tests for every service\" {q} owner=Warden deps=[S-004, S-005, S-006] est=90 when=85%+ coverage, all green @{GRAPH}:20"
            ),
            format!(
                "C-101 open \"Set up Vite and the design tokens\" {c} owner=Loom deps=[S-001] est=30 when=Tokens render @{GRAPH}:22"
            ),
            format!(
                "C-102 open \"Map view with stop markers\" {c} owner=Loom deps=[C-101] est=60 when=Markers render from mock data @{GRAPH}:23"
            ),
            format!(
                "C-103 open \"Timetable side panel\" {c} owner=Loom deps=[C-101, C-102] est=45 when=Times match the sample feed @{GRAPH}:24"
            ),
            format!(
                "G-201 open \"Generate the TypeScript client from OpenAPI\" {g} owner=Conductor deps=[S-005, C-101] est=30 when=Types compile @{GRAPH}:26"
            ),
            format!(
                "G-202 open \"Wire the client to the service\" {g} owner=Conductor deps=[G-201, C-103] est=60 when=Data shows on the map @{GRAPH}:27"
            ),
            format!(
                "G-203 open \"Playwright end-to-end run\" {g} owner=Conductor deps=[G-202] est=90 when=Critical journeys pass @{GRAPH}:28"
            ),
            format!("~ open \"Every task meets its Acceptance column\" {n} @{GRAPH}:52"),
            format!("~ open \"Service tests green (S-007)\" {n} @{GRAPH}:53"),
            format!("~ open \"Client builds cleanly (C-101-C-103)\" {n} @{GRAPH}:54"),
            format!("~ open \"End-to-end run passes (G-203)\" {n} @{GRAPH}:55"),
            format!("~ open \"Release checklist signed off\" {n} @{GRAPH}:56"),
        ]
    );
    assert_eq!(
        plan_lines(&test),
        [
            "plans/03-delivery-plan.md 0/18",
            "  Phase 2A: Service Foundation (Forge) 0/3 [S-001, S-002, S-003]",
            "  Phase 2B: Service Features (Forge + Warden review loop) 0/4 [S-004, S-005, S-006, S-007]",
            "  Phase 2C: Client (Loom) 0/3 [C-101, C-102, C-103]",
            "  Phase 3: Glue (Conductor) 0/3 [G-201, G-202, G-203]",
        ]
    );
}

// The task graph states no figure (`85%+ coverage` is a target) and reads
// without a diagnostic.
#[test]
fn task_graph_has_no_claims_and_no_diagnostics() {
    let mut test = built("reading/task-graph");
    assert_eq!(claim_lines(&test, ClaimLine::AsRead), Vec::<String>::new());
    assert_eq!(diagnostic_lines(&test), Vec::<String>::new());
    test.expect_stderr_contains("(0 errors, 0 warnings)");
}

const SUMMARY: &str = "sessions/2026-02-27-progress-summary.md";

// A progress summary with broken encoding (sample 003): its two phase
// headings are its tasks, done and in progress ("Started" outweighs the ✅);
// bullets of work done or missing are not tasks; the page shows ✅ repaired.
#[test]
fn reads_progress_summary_phase_headings_through_broken_encoding() {
    let test = built("reading/progress-summary");
    assert_eq!(
        document_lines(&test),
        [format!(
            "{SUMMARY} session \"Session Progress Summary\" date=2026-02-27 status=STRONG PROGRESS"
        )]
    );
    let status = test.status_json();
    let tasks: Vec<String> = status["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let deps = t["depends_on"].as_array().unwrap().len();
            let (source, line) = (show(&t["source"]["path"]), show(&t["source"]["line"]));
            format!("{} {} deps={deps} @{source}:{line}", show(&t["id"]), show(&t["status"]))
        })
        .collect();
    assert_eq!(
        tasks,
        [
            format!("PH-X-001 done deps=0 @{SUMMARY}:22"),
            format!("PH-X-002 in_progress deps=0 @{SUMMARY}:30"),
        ]
    );
    let plans = status["plans"].as_array().unwrap();
    let phases: Vec<String> = plans
        .iter()
        .flat_map(|plan| plan["phases"].as_array().unwrap())
        .map(|phase| format!("{}/{} {}", phase["done"], phase["total"], phase["tasks"]))
        .collect();
    assert_eq!(phases, ["1/1 [\"PH-X-001\"]", "0/1 [\"PH-X-002\"]"]);
    assert_eq!(
        (plans.len(), &plans[0]["done"], &plans[0]["total"]),
        (1, &Value::from(1), &Value::from(2))
    );
    let page = test.file("docs/sessions/2026-02-27-progress-summary.html");
    for repaired in
        ["✅", "⏳", "❌", "🚧", "Feed Relay – Core", "TEST_INVENTORY.md</strong> — every"]
    {
        assert!(page.contains(repaired), "the page does not show {repaired:?}");
    }
    for garbled in ["âœ", "â³", "âŒ", "ðŸ", "â€"] {
        assert!(!page.contains(garbled), "the page still shows {garbled:?}");
    }
}

// A phase heading that states its status (`Phase PH-X-001 Complete ✅`)
// names the phase without the status, and its task takes the title on the
// bold line under the heading, as a reader would list it.
#[test]
fn progress_summary_titles_leave_status_words_out() {
    let test = built("reading/progress-summary");
    assert_eq!(
        task_lines(&test),
        [
            format!(
                "PH-X-001 done \"Test Run & Coverage Check\" phase=Phase PH-X-001 track=- owner=- deps=[] est=- when=- @{SUMMARY}:22"
            ),
            format!(
                "PH-X-002 in_progress \"Missing Pieces\" phase=Phase PH-X-002 track=- owner=- deps=[] est=- when=- @{SUMMARY}:30"
            ),
        ]
    );
    assert_eq!(
        plan_lines(&test),
        [
            format!("{SUMMARY} 1/2"),
            "  Phase PH-X-001 1/1 [PH-X-001]".to_string(),
            "  Phase PH-X-002 0/1 [PH-X-002]".to_string(),
        ]
    );
}

// The summary's figures are claims, every group of the component coverage
// list included; targets, bounds and progress are not; the one warning is
// the repaired encoding, at the first garbled line.
#[test]
fn progress_summary_claims_its_figures_and_warns_once_about_encoding() {
    let mut test = built("reading/progress-summary");
    assert_eq!(
        diagnostic_lines(&test),
        [
            // Its two commit hashes, in a tree outside any repository.
            "info[A274] .:0 2 commit hashes named in the docs not checked: the docs folder is not in a git repository".to_string(),
            format!(
                "warning[A003] {SUMMARY}:11 repaired 28 garbled character sequence(s) (UTF-8 read as Windows-1252 or a console code page)"
            )
        ]
    );
    test.expect_stderr_lines(&[
        "warning[A003]: repaired 28 garbled character sequence(s) (UTF-8 read as Windows-1252 or a console code page)",
        &format!("  --> {SUMMARY}:11"),
        "  = help: re-save the file as UTF-8 so other tools read it right too",
    ]);
    assert_eq!(
        claim_lines(&test, ClaimLine::AsRead),
        [
            format!("{SUMMARY}:24 tests 120/120 tests passed (100%)"),
            format!("{SUMMARY}:25 coverage 71% code coverage"),
            format!("{SUMMARY}:41 coverage 100% coverage"),
            format!("{SUMMARY}:46 coverage Parser (93%)"),
            format!("{SUMMARY}:47 coverage Renderer (96%)"),
            format!("{SUMMARY}:48 coverage Cache (91%)"),
            format!("{SUMMARY}:51 coverage Queue (84%)"),
            format!("{SUMMARY}:52 coverage Storage adapter (77%)"),
            format!("{SUMMARY}:55 coverage Retry loop (52%)"),
            format!("{SUMMARY}:72 tests 120/120 tests passed"),
            format!("{SUMMARY}:73 coverage 71% coverage"),
            format!("{SUMMARY}:104 coverage 71% coverage"),
            format!("{SUMMARY}:104 tests 120/120 tests passing"),
            format!("{SUMMARY}:105 coverage Parser: 93%"),
            format!("{SUMMARY}:105 coverage Queue: 84%"),
        ]
    );
}

const ROLLOUT: &str = "plans/staged-rollout.md";

// A phased plan (sample 004): one phase per `## Phase N - Title` holding its
// checklist (nested items too); an unchecked item that mentions "blocked
// accounts" is open; Scope, Verification and Exit Criteria are not tasks.
#[test]
fn reads_phased_plan_checklists_into_phases() {
    let test = built("reading/phased-plan");
    assert_eq!(
        document_lines(&test),
        [
            "docs/index.md page \"Docs index\" date=- status=-",
            "plans/staged-rollout.md plan \"Staged Rollout Plan (0-3)\" date=2026-03-11 status=In Progress",
        ]
    );
    let line = |status: &str, title: &str, phase: &str, at: u32| {
        format!(
            "~ {status} {title:?} phase={phase} track=- owner=- deps=[] est=- when=- @{ROLLOUT}:{at}"
        )
    };
    let p0 = "Phase 0 - Groundwork and Doc Hygiene";
    let p1 = "Phase 1 - Local Stack";
    let p2 = "Phase 2 - Staging on the VM";
    let p3 = "Phase 3 - Review of lib Boundaries";
    assert_eq!(
        plan_lines(&test),
        [
            "plans/staged-rollout.md 5/14",
            "  Phase 0 - Groundwork and Doc Hygiene 3/3 [~Map the current services and who owns each., ~Record the CI baseline (lint, types, tests)., ~Fix stale links between the docs.]",
            "  Phase 1 - Local Stack 2/5 [~Pin the local Postgres version., ~Load seed data in one command., ~Write the seed script., ~Add the seed step to the Makefile., ~Write the troubleshooting page.]",
            "  Phase 2 - Staging on the VM 0/4 [~Build the release image., ~Add liveness and readiness probes., ~Decide how migrations run on deploy., ~Return 403 for blocked accounts at the gateway.]",
            "  Phase 3 - Review of lib Boundaries 0/2 [~Audit the shared modules and rank them by churn., ~Document the allowed imports (env, config, db, flags).]",
        ]
    );
    assert_eq!(
        task_lines(&test),
        [
            line("done", "Map the current services and who owns each.", p0, 21),
            line("done", "Record the CI baseline (lint, types, tests).", p0, 22),
            line("done", "Fix stale links between the docs.", p0, 23),
            line("done", "Pin the local Postgres version.", p1, 50),
            line("open", "Load seed data in one command.", p1, 51),
            line("done", "Write the seed script.", p1, 52),
            line("open", "Add the seed step to the Makefile.", p1, 53),
            line("open", "Write the troubleshooting page.", p1, 54),
            line("open", "Build the release image.", p2, 77),
            line("open", "Add liveness and readiness probes.", p2, 78),
            line("open", "Decide how migrations run on deploy.", p2, 79),
            line("open", "Return 403 for blocked accounts at the gateway.", p2, 80),
            line("open", "Audit the shared modules and rank them by churn.", p3, 98),
            line("open", "Document the allowed imports (env, config, db, flags).", p3, 99),
        ]
    );
}

// The phased plan states no figures; its one diagnostic is the runbook its
// Scope names that is not in the tree (`docs/index.md` is).
#[test]
fn phased_plan_warns_only_on_missing_scope_file() {
    let test = built("reading/phased-plan");
    assert_eq!(claim_lines(&test, ClaimLine::AsRead), Vec::<String>::new());
    assert_eq!(
        diagnostic_lines(&test),
        [format!(
            "warning[A030] {ROLLOUT}:45 `docs/runbooks/local-stack.md` is named here but is not in the docs tree"
        )]
    );
}

// ---------------------------------------------------------------------------
// Tables and lists that are not tasks.

/// Asserts that a fixture builds to no tasks and no diagnostics.
fn assert_no_tasks_and_no_diagnostics(fixture: &str) -> SiteTest {
    let mut test = built(fixture);
    assert_eq!(task_lines(&test), Vec::<String>::new(), "{fixture}: tasks");
    assert_eq!(diagnostic_lines(&test), Vec::<String>::new(), "{fixture}: diagnostics");
    test.expect_stderr_contains("(0 errors, 0 warnings)");
    test
}

// A risk register with Owner and Status columns, kept in plans/, is not a
// task table.
#[test]
fn risks_table_is_not_tasks() {
    assert_no_tasks_and_no_diagnostics("reading/risks-table");
}

// A table of files and their purpose is not a task table.
#[test]
fn files_table_is_not_tasks() {
    assert_no_tasks_and_no_diagnostics("reading/files-table");
}

// A numbered list of created files, and bullets of paths (one with a ✅),
// are not tasks.
#[test]
fn list_of_file_paths_is_not_tasks() {
    assert_no_tasks_and_no_diagnostics("reading/file-list");
}

// A table of coverage per component is not a task table.
#[test]
fn figures_table_is_not_tasks() {
    assert_no_tasks_and_no_diagnostics("reading/figures-table");
}

// Each row of a `| Component | Coverage |` table states a coverage figure.
#[test]
fn figures_table_rows_are_coverage_claims() {
    let test = built("reading/figures-table");
    let status = test.status_json();
    let claims: Vec<(String, u64)> = status["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (show(&c["kind"]), c["source"]["line"].as_u64().unwrap()))
        .collect();
    let expected = [5, 6, 7].map(|line| ("coverage".to_string(), line));
    assert_eq!(claims, expected, "claims: {:#?}", status["claims"]);
}

// A changelog whose Change cells start with ids (`OPS-002 closed`) is not a
// task table, even when most entries are that short.
#[test]
fn changelog_table_with_ids_is_not_tasks() {
    let test = assert_no_tasks_and_no_diagnostics("reading/changelog-table");
    let documents = document_lines(&test);
    assert_eq!(documents, ["notes/ops-changelog.md page \"Ops changelog\" date=- status=-"]);
}

// ---------------------------------------------------------------------------
// What cannot be read is a diagnostic, not a wrong task.

// A task-table row with neither id nor title is a warning at its line, and
// the rows around it are read.
#[test]
fn warns_on_task_row_without_id_or_title() {
    let mut test = built("reading/row-without-id");
    test.expect_stderr_lines(&[
        "warning[A102]: table row `Bo | In progress` has no task id or title; not read as a task",
        "  --> plans/migration-plan.md:6",
        "  = help: give the row an id or a title, or move it out of the task table",
    ]);
    assert_eq!(
        task_lines(&test),
        [
            "MIG-001 done \"Freeze writes on the old cluster\" phase=- track=- owner=Ana deps=[] est=- when=- @plans/migration-plan.md:5",
            "MIG-002 in_progress \"Copy the snapshots\" phase=- track=- owner=Bo deps=[] est=- when=- @plans/migration-plan.md:7",
        ]
    );
    assert_eq!(
        diagnostic_lines(&test),
        [
            "warning[A102] plans/migration-plan.md:6 table row `Bo | In progress` has no task id or title; not read as a task"
        ]
    );
}

// A status nobody uses (`Someday`) is a warning, and the task reads as open.
#[test]
fn warns_on_unknown_status_and_reads_it_as_open() {
    let mut test = built("reading/unknown-status");
    test.expect_stderr_lines(&[
        "warning[A104]: unknown status `Someday`; read as open",
        "  --> plans/cutover.md:7",
        "  = help: use Done, In progress, Todo or Blocked (markers such as ✅ 🚧 ⏳ ❌ work too)",
    ]);
    assert_eq!(
        task_lines(&test),
        [
            "CUT-001 done \"Announce the window\" phase=- track=- owner=- deps=[] est=- when=- @plans/cutover.md:5",
            "CUT-002 in_progress \"Drain the queues\" phase=- track=- owner=- deps=[] est=- when=- @plans/cutover.md:6",
            "CUT-003 open \"Flip DNS\" phase=- track=- owner=- deps=[] est=- when=- @plans/cutover.md:7",
        ]
    );
    assert_eq!(diagnostic_lines(&test).len(), 1, "{:#?}", diagnostic_lines(&test));
}

// A dependency that is not an id is a warning naming it; the ids beside it
// are still read.
#[test]
fn warns_on_unreadable_dependency_and_keeps_the_readable_ones() {
    let mut test = built("reading/unreadable-dependency");
    test.expect_stderr_lines(&[
        "warning[A103]: cannot read dependency `legal sign-off` of API-002",
        "  --> plans/api-plan.md:6",
        "  = help: list task ids separated by commas, a range like `T-004-T-009`, or `-` for none",
    ]);
    assert_eq!(
        task_lines(&test),
        [
            "API-001 open \"Freeze the v1 schema\" phase=- track=- owner=- deps=[] est=- when=- @plans/api-plan.md:5",
            "API-002 open \"Publish the SDK\" phase=- track=- owner=- deps=[API-001] est=- when=- @plans/api-plan.md:6",
        ]
    );
    assert_eq!(diagnostic_lines(&test).len(), 1, "{:#?}", diagnostic_lines(&test));
}

// An id used twice in one document is an error; both rows stay visible,
// the second under a marked id.
#[test]
fn errors_on_duplicate_id_in_one_document_and_keeps_both() {
    let mut test = built("reading/duplicate-id");
    test.expect_stderr_lines(&[
        "error[A105]: duplicate task id `L-001` (first defined at line 5); shown as `L-001~dup`",
        "  --> plans/launch.md:7",
        "  = help: give each task its own id",
    ]);
    let status = test.status_json();
    let tasks: Vec<String> = status["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| format!("{} {} {}", show(&t["id"]), show(&t["status"]), show(&t["title"])))
        .collect();
    assert_eq!(
        tasks,
        [
            "L-001 done Write the launch post",
            "L-001~dup open Send the launch email",
            "L-002 open Book the launch call",
        ]
    );
    assert_eq!(diagnostic_lines(&test).len(), 1, "{:#?}", diagnostic_lines(&test));
}

// A tracker line that is not JSON is an error at its line; the issues on
// the other lines are read.
#[test]
fn errors_on_malformed_tracker_line_and_reads_the_rest() {
    let mut test = built("reading/bad-tracker-line");
    test.expect_stderr_lines(&[
        "error[A110]: tracker line is not valid JSON: expected `,` or `}` at line 1 column 39",
        "  --> .beads/issues.jsonl:2",
        "  = help: the issue on this line is left out until the line is fixed",
    ]);
    assert_eq!(
        task_lines(&test),
        [
            "kb-1a2 done \"Rotate the webhook secret\" phase=- track=- owner=- deps=[] est=- when=- @.beads/issues.jsonl:1",
            "kb-3c4 open \"Alert on queue depth\" phase=- track=- owner=- deps=[] est=- when=- @.beads/issues.jsonl:3",
        ]
    );
    assert_eq!(diagnostic_lines(&test).len(), 1, "{:#?}", diagnostic_lines(&test));
}

// A plan checklist and the tracker define the same id with different
// statuses: one task (the plan's word counts), and a warning at the tracker.
#[test]
fn warns_when_plan_and_tracker_disagree_on_a_status() {
    let mut test = built("reading/plan-tracker-conflict");
    test.expect_stderr_lines(&[
        "warning[A106]: hb-k2p is open here but done at plans/keys.md:5",
        "  --> .beads/issues.jsonl:1",
        "  = help: the portal shows it as done; bring the two in line",
    ]);
    assert_eq!(
        task_lines(&test),
        [
            "hb-k2p done \"Rotate the signing keys\" phase=- track=- owner=dana deps=[] est=- when=- @plans/keys.md:5",
            "hb-m4n open \"Retire the old key ring\" phase=- track=- owner=- deps=[] est=- when=- @plans/keys.md:6",
        ]
    );
    assert_eq!(
        diagnostic_lines(&test),
        ["warning[A106] .beads/issues.jsonl:1 hb-k2p is open here but done at plans/keys.md:5"]
    );
}

// A checklist item with nothing but a marker is a warning, not a task with
// no title.
#[test]
fn warns_on_checklist_item_without_text() {
    let mut test = built("reading/empty-checklist-item");
    test.expect_stderr_lines(&[
        "warning[A101]: checklist item has no text; not read as a task",
        "  --> plans/release-checklist.md:4",
    ]);
    assert_eq!(
        task_lines(&test),
        [
            "~ done \"Tag the release\" phase=- track=- owner=- deps=[] est=- when=- @plans/release-checklist.md:3",
            "~ open \"Announce it\" phase=- track=- owner=- deps=[] est=- when=- @plans/release-checklist.md:5",
        ]
    );
}

// A tracker export's ids link in prose with no id pattern in attestor.toml:
// the patterns are read off the export itself.
#[test]
fn tracker_ids_link_in_prose_without_config() {
    let test = built("reading/tracker-ids-without-config");
    let status = test.status_json();
    for id in ["quill-4fz", "quill-9ka"] {
        assert_eq!(
            task(&status, id)["mentioned_in"],
            serde_json::json!(["sessions/2026-04-02-editor.md"]),
            "{id}"
        );
    }
    let page = test.file("docs/sessions/2026-04-02-editor.html");
    assert!(page.contains(">quill-4fz</a>"), "{page}");
}

// ---------------------------------------------------------------------------
// A document's own facts: dates, statuses, owner and dependencies, kinds.

// A document's date comes from its frontmatter, its Date line, its Last
// updated line, its Created line or a date footer, in French, German and
// Spanish too; a date in prose, a code block or a table of releases is not
// it, and a Date line that names an impossible day is a warning.
#[test]
fn reads_document_dates_in_order_of_strength_and_language() {
    let test = built("reading/meta-dates");
    assert_eq!(
        document_lines(&test),
        [
            "notes/budget-memo.md page \"Budget memo\" date=2025-11-02 status=-",
            "notes/dated-by-frontmatter.md page \"Capacity memo\" date=2025-07-17 status=-",
            "notes/informe-de-estado.md page \"Informe de estado\" date=2025-11-03 status=En curso",
            "notes/infra-protokoll.md session \"Infrastruktur-Runde\" date=2025-10-17 status=Abgeschlossen",
            "notes/ops-review.md page \"Ops review\" date=2025-10-17 status=-",
            "notes/release-notes.md page \"Release notes\" date=- status=-",
            "notes/support-handbook.md page \"Support handbook\" date=2025-10-12 status=-",
        ]
    );
    assert_eq!(
        diagnostic_lines(&test),
        [
            "warning[A024] notes/budget-memo.md:3 `2025-13-45` is not a date attestor can read; the document's date is taken from elsewhere",
            "warning[A024] notes/release-notes.md:3 `2025-02-30` is not a date attestor can read; the document's date is taken from elsewhere",
        ]
    );
}

// A status comes from a Status line, a `## Status` (or `## Statut`) section
// over a line, or a key-value table, without stray markup or explanation;
// a status inside one part of a document is not the document's.
#[test]
fn reads_document_statuses_from_lines_sections_and_tables() {
    let test = built("reading/meta-status");
    assert_eq!(
        document_lines(&test),
        [
            "decisions/adr-007-queue.md page \"ADR 7: Job queue\" date=- status=Accepted",
            "notes/audit-table.md page \"Access audit\" date=- status=In review",
            "notes/changelog.md page \"Changelog\" date=- status=-",
            "notes/migration.md page \"Migration des comptes\" date=- status=En cours",
            "stories/story-4-export.md plan \"Story 4: Export\" date=- status=✅ COMPLETE",
        ]
    );
}

// The document's Owner and Dependencies lines reach the tasks that name
// none; a task's own owner cell and dependency cell win; an owner line in
// one phase's section owns that phase's tasks and no others; a dependency
// line that mixes ids and words keeps the ids and warns about the rest.
#[test]
fn document_owner_and_dependencies_reach_its_tasks() {
    let mut test = built("reading/meta-owner");
    test.expect_stderr_lines(&[
        "warning[A025]: cannot read dependency `legal sign-off` of this document; its other dependencies are read",
        "  --> plans/rollout-plan.md:3",
    ]);
    let lines = task_lines(&test);
    let tasks: Vec<&str> = lines.iter().map(|l| l.split(" est=").next().unwrap()).collect();
    assert_eq!(
        tasks,
        [
            "~ open \"Relire la FAQ\" phase=- track=- owner=Ana deps=[]",
            "RO-002 done \"Deploy to staging\" phase=Phase 1 - Staging track=- owner=Chen deps=[RO-001]",
            "RO-003 open \"Deploy to production\" phase=Phase 2 - Production track=- owner=- deps=[RO-001]",
            "ST-012 open \"Export CSV\" phase=- track=- owner=Bo deps=[ST-009]",
            "ST-013 open \"Export PDF\" phase=- track=- owner=Ana deps=[ST-010, ST-011]",
            "~ open \"Write the export guide\" phase=- track=- owner=Ana deps=[ST-010, ST-011]",
        ]
    );
}

// Kinds by one rule: plans, roadmaps, stories, epics and sprints are plans;
// guides, READMEs, runbooks and reports are pages even when they hold a
// checklist, a task table or phases; a dated log is a session; a TODO list
// is a tracker; a checklist with phases is a plan.
#[test]
fn sorts_documents_into_kinds_by_one_rule() {
    let test = built("reading/meta-kinds");
    let kinds: Vec<String> =
        document_lines(&test).iter().map(|l| l.split(" \"").next().unwrap().to_string()).collect();
    assert_eq!(
        kinds,
        [
            "CURRENT_SPRINT.md plan",
            "PLANNING_GUIDE.md page",
            "README.md page",
            "TODO.md tracker",
            "docs/epics/billing.md plan",
            "docs/launch-checklist.md plan",
            "docs/progress.md session",
            "docs/reports/final-report.md page",
            "docs/runbooks/restore.md page",
            "docs/session-management.md page",
            "docs/sessions/2025-10-17.md session",
            "test-plan.md plan",
            "user-stories.md plan",
        ]
    );
    // A guide's checklist is still read as tasks.
    let guide_tasks = test.status_json()["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["source"]["path"] == "PLANNING_GUIDE.md")
        .count();
    assert_eq!(guide_tasks, 3);
}

// ---------------------------------------------------------------------------
// Tables: task tables with any id shape, tables that are not tasks, and one
// phase per phase. See: issue 8.

const LAUNCH: &str = "plans/launch-plan.md";

// Every table form in one tree: a phase table whose rows merge with their
// `## Phase N` sections (a section with its own tasks is not also a task),
// headings about a phase that continue it (`### Phase 1 Summary`) or give
// it its status (`### Phase 3 Complete ✅`), a range and `Sprint Planning`
// that are no phases, short ids (`2.1`, `A1`, row numbers) named after
// their document, French and German columns, Total rows, and risk,
// requirement, glossary, verdict and file tables that are not tasks.
#[test]
fn reads_task_tables_of_any_id_shape_and_one_phase_per_phase() {
    let mut test = built("reading/tables-mixed");
    let p2 = "phase=Phase 2: Payment terminal track=-";
    assert_eq!(
        task_lines(&test),
        [
            "~ done \"Regale vermessen\" phase=- track=- owner=Jonas deps=[] est=- when=- @notes/aufgaben.md:5",
            "~ open \"Steckdosen prüfen\" phase=- track=- owner=Frieda deps=[] est=- when=- @notes/aufgaben.md:6",
            "~ done \"Traduire l'écran d'accueil\" phase=- track=- owner=Léa deps=[] est=- when=- @notes/equipe.md:5",
            "~ in_progress \"Vérifier les reçus\" phase=- track=- owner=Hugo deps=[] est=- when=- @notes/equipe.md:6",
            "~ open \"Former les vendeurs\" phase=- track=- owner=Léa deps=[] est=- when=- @notes/equipe.md:7",
            &format!(
                "~ done \"Store rollout\" phase=Phase 3 track=- owner=- deps=[] est=480 when=- @{LAUNCH}:7"
            ),
            &format!(
                "~ done \"Order the kiosk frames\" phase=Phase 1 - Hardware track=- owner=- deps=[] est=- when=- @{LAUNCH}:12"
            ),
            &format!(
                "~ done \"Bake the base image\" phase=Phase 1 - Hardware track=- owner=- deps=[] est=- when=- @{LAUNCH}:13"
            ),
            &format!(
                "~ done \"Pair the card reader\" {p2} owner=Mina deps=[] est=- when=- @{LAUNCH}:19"
            ),
            &format!(
                "~ in_progress \"Refund flow\" {p2} owner=Mina deps=[~Pair the card reader] est=- when=- @{LAUNCH}:20"
            ),
            &format!(
                "~ open \"Receipt printer\" {p2} owner=Tomas deps=[~Pair the card reader, ~Refund flow] est=- when=- @{LAUNCH}:21"
            ),
            &format!(
                "~ done \"Frames signed off by the landlord\" phase=Phase 1 - Hardware track=- owner=- deps=[] est=- when=- @{LAUNCH}:46"
            ),
        ]
    );
    let status = test.status_json();
    let mut ids: Vec<&str> =
        status["tasks"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap()).collect();
    ids.sort_unstable();
    assert_eq!(
        ids[..7],
        [
            "aufgaben-A1",
            "aufgaben-A2",
            "equipe-1",
            "equipe-2",
            "equipe-3",
            "launch-plan-2.1",
            "launch-plan-2.2"
        ]
    );
    assert_eq!(
        plan_lines(&test),
        [
            "notes/aufgaben.md 1/2",
            "notes/equipe.md 1/3",
            "plans/launch-plan.md 5/7",
            "  Phase 1 - Hardware 3/3 [~Order the kiosk frames, ~Bake the base image, ~Frames signed off by the landlord]",
            "  Phase 2: Payment terminal 1/3 [~Pair the card reader, ~Refund flow, ~Receipt printer]",
            "  Phase 3 1/1 [~Store rollout]",
        ]
    );
    assert_eq!(diagnostic_lines(&test), Vec::<String>::new());
    test.expect_stderr_contains("(0 errors, 0 warnings)");
}

// A phase-table row and its section heading that disagree on the status
// are one phase with the heading's status, and a warning at the row.
#[test]
fn warns_when_a_phase_row_and_its_section_disagree() {
    let mut test = built("reading/tables-phase-conflict");
    test.expect_stderr_lines(&[
        "warning[A161]: this row says Phase 2 is done, but its section heading at line 10 says in progress; the heading wins",
        "  --> plans/rollout.md:6",
        "  = help: make the phase table and the heading agree",
    ]);
    assert_eq!(
        plan_lines(&test),
        [
            "plans/rollout.md 1/2",
            "  Phase 1 1/1 [~Pilot store]",
            "  Phase 2: All stores 0/1 [~All stores]"
        ]
    );
}

// ---------------------------------------------------------------------------
// Task forms in lists and headings. See: issue 8.

/// `child → parent` for every task that is part of another, by title, in
/// source order. (Most of these tasks have no page of their own: their ids
/// are made up, so they live at anchors of their documents' pages.)
fn parent_lines(test: &SiteTest) -> Vec<String> {
    let status = test.status_json();
    let mut tasks: Vec<&Value> = status["tasks"].as_array().unwrap().iter().collect();
    tasks.sort_by_key(|t| (show(&t["source"]["path"]), t["source"]["line"].as_u64()));
    tasks
        .iter()
        .filter_map(|t| {
            let parent = tasks.iter().find(|p| p["id"] == t["parent"] && !t["parent"].is_null())?;
            Some(format!("{} → {}", show(&t["title"]), show(&parent["title"])))
        })
        .collect()
}

// Task forms beyond checklists and tables, each in a document of its own
// kind: `**Task N: …**` lines and `#### Task N` headings with estimates and
// subtasks, tracked steps, items of work lists (numbered `1)`, a label, French),
// status bullets with short ids or a bracketed status, retrospective actions
// with their owner; and what is not a task: a document's own title, features,
// prose, a file reference, a question, claims, a heading in a document that
// describes. See: issue 8.
#[test]
fn reads_task_forms_in_lists_and_headings() {
    let mut test = built("reading/forms-mixed");
    test.expect_stderr_lines(&[
        "warning[A150]: `Task 4` has no title; read as a task named `Task 4`",
        "  --> plans/search-rollout.md:18",
        "  = help: write what the work is after the label: `Task 4: …`",
    ]);
    assert_eq!(
        task_lines(&test),
        [
            "~ open \"Task 1: Rebuild the index job\" phase=- track=- owner=- deps=[] est=45 when=- @plans/search-rollout.md:5",
            "~ done \"Drop the nightly cron\" phase=- track=- owner=- deps=[] est=- when=- @plans/search-rollout.md:7",
            "~ open \"Schedule the hourly run\" phase=- track=- owner=- deps=[] est=- when=- @plans/search-rollout.md:8",
            "~ done \"Task 2: Ranking tweaks\" phase=- track=- owner=- deps=[] est=120 when=- @plans/search-rollout.md:10",
            "~ open \"Boost exact titles\" phase=- track=- owner=- deps=[] est=- when=- @plans/search-rollout.md:13",
            "~ in_progress \"Task 3: Synonym list for product names\" phase=- track=- owner=- deps=[] est=- when=- @plans/search-rollout.md:15",
            "~ open \"Task 4\" phase=- track=- owner=- deps=[] est=- when=- @plans/search-rollout.md:18",
            "~ done \"Step 1: Warm the cache\" phase=- track=- owner=- deps=[] est=- when=- @plans/search-rollout.md:20",
            "~ open \"Step 2: Flip the feature flag\" phase=- track=- owner=- deps=[] est=- when=- @plans/search-rollout.md:22",
            "~ open \"Action 1: Cache the CI dependencies\" phase=- track=- owner=Priya deps=[] est=- when=- @retros/2026-05-10-retro.md:9",
            "~ open \"Action 2: Write the on-call runbook\" phase=- track=- owner=tomas deps=[] est=- when=- @retros/2026-05-10-retro.md:13",
            "P1.1 done \"Query parser rewrite\" phase=- track=- owner=- deps=[] est=- when=- @sessions/2026-05-04-search-sync.md:7",
            "M2 in_progress \"Relevance dashboard\" phase=- track=- owner=- deps=[] est=- when=- @sessions/2026-05-04-search-sync.md:8",
            "~ done \"Stop the duplicate results\" phase=- track=- owner=- deps=[] est=- when=- @sessions/2026-05-04-search-sync.md:9",
            "~ open \"Re-run the relevance survey\" phase=- track=- owner=- deps=[] est=180 when=- @sessions/2026-05-04-search-sync.md:15",
            "~ done \"Share the survey numbers with support\" phase=- track=- owner=- deps=[] est=- when=- @sessions/2026-05-04-search-sync.md:16",
            "~ in_progress \"Trim the stop-word list\" phase=- track=- owner=- deps=[] est=- when=- @sessions/2026-05-04-search-sync.md:17",
            "~ open \"Ask support for the top ten failed queries\" phase=- track=- owner=- deps=[] est=- when=- @sessions/2026-05-04-search-sync.md:23",
            "~ open \"Traduire les synonymes\" phase=- track=- owner=- deps=[] est=- when=- @sessions/2026-05-04-search-sync.md:29",
        ]
    );
    assert_eq!(
        parent_lines(&test),
        [
            "Drop the nightly cron → Task 1: Rebuild the index job",
            "Schedule the hourly run → Task 1: Rebuild the index job",
            "Boost exact titles → Task 2: Ranking tweaks",
        ]
    );
    let kinds: Vec<String> =
        document_lines(&test).iter().map(|d| d.split(" \"").next().unwrap().to_string()).collect();
    assert_eq!(
        kinds,
        [
            "docs/search-architecture.md page",
            "plans/search-rollout.md plan",
            "retros/2026-05-10-retro.md session",
            "sessions/2026-05-04-search-sync.md session",
        ]
    );
    let status = test.status_json();
    let ids: Vec<&str> =
        status["tasks"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert!(ids.iter().all(|id| !id.to_lowercase().contains("done")), "{ids:?}");
}
