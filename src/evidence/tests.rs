//! Tests of the dispatch: which reader a file goes to, what the document adds,
//! the content example's evidence, and robustness against any input.

use super::*;
use crate::model::DocKind;

/// An evidence document as `crate::parse` builds it, before reading.
fn document(path: &str, format: SourceFormat, date: Option<&str>) -> Document {
    Document {
        date: date.map(str::to_string),
        ..Document::new(path.to_string(), DocKind::Evidence, format)
    }
}

/// The source format a path's extension gives, as discovery decides it.
fn format_of(path: &str) -> SourceFormat {
    match path.rsplit_once('.').map_or("", |(_, ext)| ext) {
        "md" => SourceFormat::Markdown,
        "json" => SourceFormat::Json,
        "xml" => SourceFormat::Xml,
        "png" | "jpg" | "webp" => SourceFormat::Image,
        "bin" | "zip" => SourceFormat::Binary,
        _ => SourceFormat::Text,
    }
}

/// Reads `text` as the evidence file at `path`, with no date known beforehand.
fn read_at(path: &str, text: &str) -> Evidence {
    let format = format_of(path);
    read(&document(path, format, None), format_name(format), text)
}

/// The figures of a record, for compact assertions.
fn figures(e: &Evidence) -> (Option<u64>, Option<u64>, Option<u64>) {
    (e.passed, e.failed, e.skipped)
}

#[test]
fn kinds_follow_format_and_path_words() {
    assert_eq!(kind_of("evidence/shot.png", SourceFormat::Image).as_str(), "screenshot");
    assert_eq!(kind_of("tests/coverage/lcov.info", SourceFormat::Text).as_str(), "coverage");
    assert_eq!(kind_of("deployments/latest-deploy.json", SourceFormat::Json).as_str(), "deploy");
    assert_eq!(kind_of("tests/2026-02-10-pytest.txt", SourceFormat::Text).as_str(), "test");
    assert_eq!(kind_of("evidence/notes.txt", SourceFormat::Text).as_str(), "other");
}

#[test]
fn kinds_match_whole_path_words_only() {
    assert_eq!(kind_of("evidence/latest-notes.txt", SourceFormat::Text).as_str(), "other");
    assert_eq!(kind_of("evidence/attestation.txt", SourceFormat::Text).as_str(), "other");
    assert_eq!(kind_of("ci/release-2026-03-01.log", SourceFormat::Text).as_str(), "deploy");
    assert_eq!(kind_of("reports/lighthouse/home.json", SourceFormat::Json).as_str(), "report");
    assert_eq!(
        kind_of("test-results/TEST-com.acme.MoneyTest.xml", SourceFormat::Xml).as_str(),
        "test"
    );
    assert_eq!(kind_of("evidence/e2e/checkout.txt", SourceFormat::Text).as_str(), "test");
    assert_eq!(
        kind_of("evidence/screenshots/raw.bin", SourceFormat::Binary).as_str(),
        "screenshot"
    );
    assert_eq!(kind_of("evidence/archive.zip", SourceFormat::Binary).as_str(), "other");
}

/// The content example's evidence files, relative to its root.
const EXAMPLE_EVIDENCE: [&str; 10] = [
    "tests/2026-02-10-backend-pytest.txt",
    "tests/2026-02-24-frontend-vitest.txt",
    "tests/2026-03-03-cli-cargo-test.txt",
    "tests/coverage/coverage.json",
    "tests/coverage/lcov.info",
    "tests/junit/2026-03-05-api-junit.xml",
    "deployments/2026-03-06-staging-deploy.txt",
    "deployments/latest-deploy.json",
    "evidence/2026-03-06-smoke-check.md",
    "evidence/screenshots/dashboard-2026-03-06.png",
];

/// The text of a content example file (empty for an image, as for binaries).
fn example_text(path: &str) -> String {
    let full = concat!(env!("CARGO_MANIFEST_DIR"), "/content-example/").to_string() + path;
    let bytes = std::fs::read(&full).unwrap_or_else(|err| panic!("{full}: {err}"));
    match format_of(path) {
        SourceFormat::Image => String::new(),
        _ => String::from_utf8(bytes).unwrap_or_else(|err| panic!("{full}: {err}")),
    }
}

#[test]
fn reads_the_content_example_evidence() {
    let read_example = |path: &str| {
        assert!(EXAMPLE_EVIDENCE.contains(&path), "{path}");
        let format = format_of(path);
        let date = find_date(path);
        read(&document(path, format, date.as_deref()), format_name(format), &example_text(path))
    };
    let pytest = read_example("tests/2026-02-10-backend-pytest.txt");
    assert_eq!((pytest.format.as_str(), pytest.outcome), ("pytest", Outcome::Pass));
    assert_eq!(figures(&pytest), (Some(48), Some(0), Some(0)));
    let vitest = read_example("tests/2026-02-24-frontend-vitest.txt");
    assert_eq!((vitest.format.as_str(), vitest.outcome), ("vitest", Outcome::Fail));
    assert_eq!(figures(&vitest), (Some(61), Some(2), Some(0)));
    assert_eq!(vitest.failure_lines, vec![19, 20, 27, 50]);
    let cargo = read_example("tests/2026-03-03-cli-cargo-test.txt");
    assert_eq!((cargo.format.as_str(), cargo.outcome), ("cargo-test", Outcome::Pass));
    assert_eq!(figures(&cargo), (Some(37), Some(0), Some(0)));
    let coverage_py = read_example("tests/coverage/coverage.json");
    assert_eq!(
        (coverage_py.format.as_str(), coverage_py.coverage_percent),
        ("coverage-py", Some(81.4))
    );
    assert_eq!(coverage_py.date.as_deref(), Some("2026-02-24"));
    let lcov = read_example("tests/coverage/lcov.info");
    assert_eq!((lcov.format.as_str(), lcov.kind.as_str()), ("lcov", "coverage"));
    assert!(lcov.coverage_percent.is_some_and(|p| p > 0.0 && p <= 100.0));
    let junit = read_example("tests/junit/2026-03-05-api-junit.xml");
    assert_eq!((junit.format.as_str(), junit.outcome), ("junit", Outcome::Pass));
    assert_eq!(figures(&junit), (Some(34), Some(0), Some(1)));
    let deploy_log = read_example("deployments/2026-03-06-staging-deploy.txt");
    assert_eq!((deploy_log.format.as_str(), deploy_log.outcome), ("deploy-text", Outcome::Pass));
    assert_eq!((deploy_log.passed, deploy_log.failed), (Some(9), Some(0)));
    assert!(deploy_log.failure_lines.is_empty());
    let deploy_json = read_example("deployments/latest-deploy.json");
    assert_eq!((deploy_json.format.as_str(), deploy_json.outcome), ("deploy-json", Outcome::Pass));
    assert_eq!(deploy_json.date.as_deref(), Some("2026-03-06"));
    let smoke = read_example("evidence/2026-03-06-smoke-check.md");
    assert_eq!((smoke.format.as_str(), smoke.kind.as_str()), ("plain-tests", "test"));
    assert_eq!((smoke.outcome, smoke.passed, smoke.failed), (Outcome::Pass, Some(9), Some(0)));
    let shot = read_example("evidence/screenshots/dashboard-2026-03-06.png");
    assert_eq!((shot.format.as_str(), shot.kind.as_str()), ("image", "screenshot"));
    assert_eq!((shot.outcome, shot.date.as_deref()), (Outcome::Unknown, Some("2026-03-06")));
}

#[test]
fn pytest_run_with_cov_gives_test_figures_and_coverage() {
    let e = read_at("ci/backend.log", pytest::tests::FAILING_WITH_COVERAGE);
    assert_eq!((e.format.as_str(), e.kind.as_str()), ("pytest", "test"));
    assert_eq!(figures(&e), (Some(48), Some(3), Some(3)));
    assert_eq!(e.coverage_percent, Some(76.0));
}

#[test]
fn cargo_log_is_not_mistaken_for_pytest_or_plain() {
    for log in [cargo::tests::WORKSPACE_PASS, cargo::tests::FAILING_WINDOWS] {
        assert_eq!(read_at("evidence/run.txt", log).format.as_str(), "cargo-test");
    }
    assert_eq!(read_at("evidence/run.txt", cargo::tests::NEXTEST_FAIL).format.as_str(), "nextest");
}

#[test]
fn vitest_log_with_check_marks_is_vitest() {
    let e = read_at("web/test-output.txt", js::tests::VITEST_FAIL);
    assert_eq!((e.format.as_str(), e.outcome), ("vitest", Outcome::Fail));
    let e = read_at("web/test-output.txt", js::tests::VITEST_PASS_WINDOWS);
    assert_eq!((e.format.as_str(), e.outcome), ("vitest", Outcome::Pass));
}

#[test]
fn each_runner_log_goes_to_its_reader() {
    let cases = [
        (pytest::tests::QUIET_WINDOWS, "pytest"),
        (js::tests::JEST_FAIL, "jest"),
        (js::tests::JEST_JSON, "jest"),
        (gotest::tests::VERBOSE_FAIL, "go-test"),
        (gotest::tests::JSON_EVENTS, "go-test"),
        (junit::tests::SUITES_WITH_TOTALS, "junit"),
        (coverage::tests::COBERTURA, "cobertura"),
        (coverage::tests::COVERAGE_PY, "coverage-py"),
        (coverage::tests::LCOV, "lcov"),
        (coverage::tests::TERM_BRANCHES, "coverage-total"),
        (coverage::tests::ISTANBUL, "coverage-total"),
        (deploy::tests::ACTIONS_FAIL, "deploy-text"),
        (deploy::tests::NETLIFY_PASS, "deploy-text"),
        (deploy::tests::GITHUB_STATUS_JSON, "deploy-json"),
        (lighthouse::tests::RED_REPORT, "lighthouse"),
        (plain::tests::SCRIPT, "plain-tests"),
    ];
    for (text, format) in cases {
        assert_eq!(read_at("evidence/file.txt", text).format.as_str(), format, "{text}");
    }
}

#[test]
fn deploy_path_reads_a_deploy_job_before_the_tests_it_ran() {
    let job = format!("{}\nDeploy succeeded\nexit code 0\n", pytest::tests::QUIET_WINDOWS);
    let e = read_at("deployments/2026-03-08-prod.txt", &job);
    assert_eq!(
        (e.format.as_str(), e.kind.as_str(), e.outcome),
        ("deploy-text", "deploy", Outcome::Pass)
    );
    let e = read_at("ci/2026-03-08-prod.txt", &job);
    assert_eq!(e.format.as_str(), "pytest");
}

#[test]
fn status_records_take_the_kind_their_path_gives() {
    let record = r#"{"status": "completed", "conclusion": "success"}"#;
    let e = read_at("tests/check-run.json", record);
    assert_eq!(
        (e.format.as_str(), e.kind.as_str(), e.outcome),
        ("deploy-json", "test", Outcome::Pass)
    );
    assert_eq!(read_at("evidence/check-run.json", record).kind.as_str(), "deploy");
}

#[test]
fn markdown_notes_are_read_for_a_plain_summary_only() {
    let note = "# Run\n\n```\n===== 3 failed in 0.2s =====\n```\n\nDeploy failed, see above.\n";
    let e = read_at("evidence/notes.md", note);
    assert_eq!((e.format.as_str(), e.outcome), ("markdown", Outcome::Unknown));
    let e = read_at("evidence/smoke.md", plain::tests::SMOKE_NOTE);
    assert_eq!((e.format.as_str(), e.outcome), ("plain-tests", Outcome::Fail));
}

#[test]
fn unknown_content_is_generic_evidence_with_outcome_unknown() {
    for (path, text, format) in [
        ("evidence/notes.txt", "Nothing but words here.\n", "text"),
        ("evidence/data.json", r#"{"rows": [1, 2, 3]}"#, "json"),
        ("evidence/feed.xml", "<rss><channel/></rss>", "xml"),
        ("evidence/broken.json", "{\"status\": ", "json"),
        ("evidence/empty.txt", "", "text"),
        ("evidence/blob.bin", "", "binary"),
    ] {
        let e = read_at(path, text);
        assert_eq!((e.format.as_str(), e.outcome), (format, Outcome::Unknown), "{path}");
        assert_eq!(figures(&e), (None, None, None));
    }
}

#[test]
fn document_date_comes_before_content_dates() {
    let log = "2026-03-06T14:22:10Z deploy started\nDeploy succeeded\n";
    let doc = document("deployments/run.txt", SourceFormat::Text, Some("2026-01-01"));
    assert_eq!(read(&doc, "text", log).date.as_deref(), Some("2026-01-01"));
    assert_eq!(read_at("deployments/run.txt", log).date.as_deref(), Some("2026-03-06"));
}

#[test]
fn reader_dates_come_before_timestamps_in_the_text() {
    let e = read_at("evidence/api.xml", junit::tests::SINGLE_SUITE);
    assert_eq!(e.date.as_deref(), Some("2026-02-10"));
    let e = read_at("evidence/run.txt", "started 2026-03-07 08:15:00 UTC\n3 passed, 0 failed\n");
    assert_eq!(e.date.as_deref(), Some("2026-03-07"));
    let e = read_at("evidence/run.txt", "build 20260309 of release 1.2\n3 passed, 0 failed\n");
    assert_eq!(e.date.as_deref(), Some("2026-03-09"));
    assert_eq!(read_at("evidence/run.txt", "3 passed, 0 failed\n").date, None);
}

#[test]
fn declared_status_overrides_the_content() {
    let mut doc = document("evidence/smoke.md", SourceFormat::Markdown, None);
    // A stated pass never covers failures the file counts: the rerun it
    // speaks of is not recorded.
    doc.status = Some("Passed (re-run by hand)".to_string());
    let e = read(&doc, "markdown", plain::tests::SMOKE_NOTE);
    assert_eq!(e.outcome, Outcome::Fail);
    assert!(e.note.as_deref().is_some_and(|n| n.contains("says it passed")), "{e:?}");
    doc.status = Some("Passed".to_string());
    assert_eq!(read(&doc, "markdown", "Smoke checks done by hand.").outcome, Outcome::Pass);
    doc.status = Some("❌ FAILED".to_string());
    assert_eq!(read(&doc, "markdown", "no figures").outcome, Outcome::Fail);
    doc.status = Some("Active".to_string());
    assert_eq!(read(&doc, "markdown", plain::tests::SMOKE_NOTE).outcome, Outcome::Fail);
}

#[test]
fn failure_lines_are_sorted_and_unique() {
    let e = read_at("evidence/run.txt", cargo::tests::NEXTEST_FAIL);
    let mut sorted = e.failure_lines.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(e.failure_lines, sorted);
}

/// Every reader's fixtures, for the robustness test.
fn all_fixtures() -> Vec<&'static str> {
    [
        pytest::tests::FIXTURES,
        cargo::tests::FIXTURES,
        js::tests::FIXTURES,
        gotest::tests::FIXTURES,
        junit::tests::FIXTURES,
        coverage::tests::FIXTURES,
        deploy::tests::FIXTURES,
        lighthouse::tests::FIXTURES,
        plain::tests::FIXTURES,
    ]
    .concat()
}

/// A small xorshift generator, so the robustness test needs no dependency
/// and fails the same way every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Words and marks the readers look for, so random text reaches deep paths.
const SOUP: &[&str] = &[
    "test result: ok. ",
    "FAILED. ",
    " passed",
    " failed",
    "; ",
    ", ",
    "=====",
    " in 0.1s",
    "Tests  ",
    "Tests: ",
    " total",
    " | ",
    "(",
    ")",
    "--- FAIL: ",
    "--- PASS: ",
    "ok  \t",
    "FAIL\t",
    "<testsuite",
    " tests=\"",
    "<failure",
    "/>",
    ">",
    "</testsuite>",
    "<coverage",
    " line-rate=\"",
    "\"",
    "SF:",
    "LF:",
    "LH:",
    "DA:1,",
    "end_of_record",
    "TOTAL ",
    "%",
    "{\"status\":",
    "\"categories\":",
    "{\"score\":",
    "}",
    "exit code ",
    "Deploy succeeded",
    "ERROR",
    "\n",
    "\r\n",
    "\x1b[31m",
    "\x1b]8;;",
    "×",
    "✓",
    "❌",
    "9",
    "0",
    "99999999999999999999",
    "-1",
    "1e400",
    "NaN",
    "null",
    "2026-13-45T25:61",
    "2026-03-06T14:22:10Z",
];

fn soup(rng: &mut Rng) -> String {
    (0..rng.below(60)).map(|_| SOUP[rng.below(SOUP.len())]).collect()
}

fn random_bytes(rng: &mut Rng) -> String {
    let bytes: Vec<u8> = (0..rng.below(400)).map(|_| rng.next() as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The properties every record keeps, whatever the input.
fn assert_sane(e: &Evidence, text: &str) {
    let n_lines = text.lines().count().max(1);
    assert!(e.failure_lines.iter().all(|&l| l >= 1 && l <= n_lines), "{text:?}: {e:?}");
    assert!(e.failure_lines.windows(2).all(|w| w[0] < w[1]), "{text:?}");
    assert!(e.coverage_percent.is_none_or(|p| (0.0..=100.0).contains(&p)), "{text:?}");
    assert!(e.scores.iter().all(|s| (0.0..=1.0).contains(&s.value)), "{text:?}");
    assert!(e.date.as_deref().is_none_or(|d| days_of(d).is_some()), "{text:?}");
    assert!(e.outcome != Outcome::Pass || e.failed.is_none_or(|n| n == 0), "{text:?}: {e:?}");
    assert!(e.runs.iter().all(|r| r.start_line <= r.end_line), "{text:?}: {e:?}");
}

#[test]
fn any_input_reads_without_panicking() {
    let paths = ["evidence/x.txt", "deployments/x.json", "tests/x.xml", "evidence/x.md"];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut inputs: Vec<String> = Vec::new();
    for fixture in all_fixtures() {
        let cuts = fixture.char_indices().map(|(at, _)| at).collect::<Vec<_>>();
        let step = (cuts.len() / 40).max(1);
        inputs.extend(cuts.iter().step_by(step).map(|&at| fixture[..at].to_string()));
        inputs.extend(cuts.iter().step_by(step).map(|&at| fixture[at..].to_string()));
        let mut flipped = fixture.as_bytes().to_vec();
        for _ in 0..8 {
            let at = rng.below(flipped.len());
            flipped[at] = rng.next() as u8;
        }
        inputs.push(String::from_utf8_lossy(&flipped).into_owned());
    }
    for _ in 0..300 {
        inputs.push(soup(&mut rng));
        inputs.push(random_bytes(&mut rng));
    }
    for path in EXAMPLE_EVIDENCE {
        let text = example_text(path);
        let step = (text.len() / 60).max(1);
        let cuts: Vec<usize> =
            (0..text.len()).step_by(step).filter(|&at| text.is_char_boundary(at)).collect();
        inputs.extend(cuts.iter().map(|&at| text[..at].to_string()));
    }
    inputs.push("[".repeat(10_000));
    inputs.push("<a>".repeat(5_000));
    for text in &inputs {
        for path in paths {
            assert_sane(&read_at(path, text), text);
        }
    }
}

#[test]
fn project_files_in_test_folders_are_not_runs() {
    for path in [
        "tests/README.md",
        "tests/requirements.txt",
        "tests/LICENSE",
        "tests/pytest.ini",
        "tests/package.json",
        "evidence/story-1.2-context.xml",
        "tests/playwright.config.ts",
        "tests/conftest.py",
        "tests/jest.config.js",
        "tests/.eslintrc.json",
        "tests/requirements-dev.txt",
        "tests/tsconfig.build.json",
        "tests/Cargo.toml",
    ] {
        assert!(is_project_file(path), "{path}");
    }
    for path in [
        "tests/2026-03-01-pytest.txt",
        "tests/pytest-rerun.txt",
        "tests/cargo-test.log",
        "tests/jest-output.txt",
        "tests/package-smoke.txt",
        "test-results/.last-run.json",
        "tests/setup-check.log",
        "tests/junit/api.xml",
        "deployments/latest-deploy.json",
        "tests/coverage/lcov.info",
        "evidence/run.log",
    ] {
        assert!(!is_project_file(path), "{path}");
    }
}

#[test]
fn playwright_logs_and_reports_go_to_the_playwright_readers() {
    for (text, format) in [
        (playwright::tests::LIST_FAIL, "playwright"),
        (playwright::tests::LINE_FLAKY, "playwright"),
        (playwright::tests::WINDOWS_MAX_FAILURES, "playwright"),
        (playwright::tests::JSON_REPORT, "playwright-json"),
    ] {
        let e = read_at("e2e/results.txt", text);
        assert_eq!((e.format.as_str(), e.kind.as_str()), (format, "test"), "{text}");
    }
    let e = read_at("e2e/results.json", playwright::tests::JSON_REPORT);
    assert_eq!((e.outcome, e.date.as_deref()), (Outcome::Fail, Some("2026-03-07")));
}

#[test]
fn vitest_and_jest_logs_are_not_taken_for_playwright() {
    for (text, format) in [
        (js::tests::VITEST_FAIL, "vitest"),
        (js::tests::VITEST_WATCH, "vitest"),
        (js::tests::VITEST_LOAD_ERROR, "vitest"),
        (js::tests::JEST_FAIL, "jest"),
        (js::tests::JEST_PASS, "jest"),
    ] {
        assert_eq!(read_at("web/test-output.txt", text).format.as_str(), format, "{text}");
    }
}

#[test]
fn deploy_platform_output_goes_to_the_deploy_readers() {
    let cases = [
        (deploy::tests::RENDER_LIST, "deploy-json", Outcome::Fail),
        (deploy::tests::VERCEL_LIST, "deploy-json", Outcome::Unknown),
        (deploy::tests::NETLIFY_LIST, "deploy-json", Outcome::Fail),
        (deploy::tests::FLY_RELEASES, "deploy-json", Outcome::Pass),
        (deploy::tests::HEROKU_BUILDS, "deploy-json", Outcome::Fail),
        (deploy::tests::GH_RUN_LIST, "actions-json", Outcome::Unknown),
        (deploy::tests::VERCEL_PASS, "deploy-text", Outcome::Pass),
        (deploy::tests::HEROKU_FAIL, "deploy-text", Outcome::Fail),
        (deploy::tests::KUBECTL_WAITING, "deploy-text", Outcome::Unknown),
        (deploy::tests::FLY_RELEASES_TABLE, "deploy-text", Outcome::Pass),
    ];
    for (text, format, outcome) in cases {
        let e = read_at("evidence/platform.txt", text);
        assert_eq!(
            (e.format.as_str(), e.kind.as_str(), e.outcome),
            (format, "deploy", outcome),
            "{text}"
        );
    }
}

#[test]
fn a_render_list_whose_newest_deploy_failed_fails_wherever_it_is_saved() {
    for path in ["deployments/render.json", "evidence/render-deploys.json", "notes/api.json"] {
        let e = read_at(path, deploy::tests::RENDER_LIST);
        assert_eq!((e.format.as_str(), e.outcome), ("deploy-json", Outcome::Fail), "{path}");
        assert_eq!(e.note.as_deref(), Some("newest deploy dep-cnq8s1ud3nmc73b2kq4g update_failed"));
        assert_eq!(e.runs.len(), 3);
    }
}

#[test]
fn actions_runs_take_their_kind_from_the_path_then_the_workflow() {
    let e = read_at("evidence/run.json", deploy::tests::ACTIONS_RUN);
    assert_eq!(
        (e.format.as_str(), e.kind.as_str(), e.outcome),
        ("actions-json", "deploy", Outcome::Fail)
    );
    let e = read_at("ci/tests/run.json", deploy::tests::ACTIONS_RUN);
    assert_eq!(e.kind.as_str(), "test");
    let e = read_at("evidence/runs.json", deploy::tests::ACTIONS_LIST);
    assert_eq!((e.kind.as_str(), e.outcome), ("build", Outcome::Pass));
}

#[test]
fn deploy_api_exchanges_are_read_before_the_words_after_them() {
    let e = read_at("evidence/render-hook.txt", http::tests::HOOK_ACCEPTED);
    assert_eq!(
        (e.format.as_str(), e.kind.as_str(), e.outcome),
        ("deploy-http", "deploy", Outcome::Unknown)
    );
    assert_eq!(e.note.as_deref(), Some("accepted, no result recorded"));
    let agent = format!("{}Deploy triggered successfully.\n", http::tests::HOOK_ACCEPTED);
    for path in ["evidence/hook.txt", "deployments/hook.txt"] {
        let e = read_at(path, &agent);
        assert_eq!((e.format.as_str(), e.outcome), ("deploy-http", Outcome::Unknown), "{path}");
    }
    let e = read_at("deployments/2026-03-07-vercel.txt", http::tests::VERBOSE_UNAUTHORIZED);
    assert_eq!((e.format.as_str(), e.outcome), ("deploy-http", Outcome::Fail));
    let e = read_at("evidence/netlify-hook.md", http::tests::AGENT_NOTE);
    assert_eq!(e.format.as_str(), "markdown");
}

#[test]
fn an_http_500_in_a_test_log_is_not_a_deploy() {
    let e = read_at("evidence/api-check.txt", http::tests::TEST_LOG);
    assert_eq!(
        (e.format.as_str(), e.kind.as_str(), e.outcome),
        ("text", "other", Outcome::Unknown)
    );
    let e = read_at("deployments/api-check.txt", http::tests::TEST_LOG);
    assert_eq!((e.format.as_str(), e.outcome), ("deploy-http", Outcome::Fail));
}

#[test]
fn deploy_json_error_bodies_fail_under_a_deploy_path() {
    let e = read_at("deployments/trigger-response.json", deploy::tests::API_ERROR);
    assert_eq!((e.format.as_str(), e.outcome), ("deploy-http", Outcome::Fail));
    let e = read_at("evidence/response.json", deploy::tests::API_ERROR);
    assert_eq!((e.format.as_str(), e.outcome), ("json", Outcome::Unknown));
}

#[test]
fn lint_and_build_logs_go_to_their_readers() {
    let cases = [
        (lint::tests::MYPY_FAIL, "lint", "lint", Outcome::Fail),
        (lint::tests::RUFF_FAIL, "lint", "lint", Outcome::Fail),
        (lint::tests::ESLINT_FAIL, "lint", "lint", Outcome::Fail),
        (lint::tests::ESLINT_SILENT, "lint", "lint", Outcome::Unknown),
        (lint::tests::TSC_FAIL, "lint", "lint", Outcome::Fail),
        (lint::tests::PYLINT_RATED, "lint", "lint", Outcome::Unknown),
        (lint::tests::CLIPPY_FAIL, "lint", "lint", Outcome::Fail),
        (build::tests::VITE_PASS, "build", "build", Outcome::Pass),
        (build::tests::WEBPACK_ERRORS, "build", "build", Outcome::Fail),
        (build::tests::NEXT_FAIL_LOG, "build", "build", Outcome::Fail),
        (build::tests::CARGO_RELEASE, "build", "build", Outcome::Pass),
        (build::tests::CARGO_ERRORS, "build", "build", Outcome::Fail),
    ];
    for (text, format, kind, outcome) in cases {
        let e = read_at("evidence/output.txt", text);
        assert_eq!(
            (e.format.as_str(), e.kind.as_str(), e.outcome),
            (format, kind, outcome),
            "{text}"
        );
    }
    let e = read_at("evidence/build.txt", build::tests::CARGO_ERRORS);
    assert_eq!(e.runs.iter().map(|r| r.problems).collect::<Vec<_>>(), vec![Some(2)]);
    let e = read_at(
        "evidence/eslint.json",
        r#"[{"filePath": "/w/a.ts", "messages": [], "errorCount": 0, "warningCount": 1}]"#,
    );
    assert_eq!((e.format.as_str(), e.outcome), ("lint", Outcome::Pass));
}

#[test]
fn test_logs_that_begin_with_a_build_stay_test_logs() {
    for log in [cargo::tests::WORKSPACE_PASS, cargo::tests::FAILING_WINDOWS] {
        assert_eq!(read_at("evidence/build.txt", log).format.as_str(), "cargo-test");
    }
    let vite_then_vitest = format!("{}{}", build::tests::VITE_PASS, js::tests::VITEST_FAIL);
    let e = read_at("evidence/ci.txt", &vite_then_vitest);
    assert_eq!((e.format.as_str(), e.outcome), ("vitest", Outcome::Fail));
    let mypy_then_pytest = format!("{}{}", lint::tests::MYPY_PASS, pytest::tests::QUIET_WINDOWS);
    assert_eq!(read_at("evidence/ci.txt", &mypy_then_pytest).format.as_str(), "pytest");
    let cut = "   Compiling ledger v0.3.1\n    Finished `test` profile [unoptimized + debuginfo] target(s) in 4.1s\n     Running unittests src/lib.rs (target/debug/deps/ledger-1a2b)\n";
    let e = read_at("evidence/ci.txt", cut);
    assert_ne!(e.outcome, Outcome::Pass);
    assert_ne!(e.format.as_str(), "build");
}

#[test]
fn a_deploy_that_runs_a_build_is_a_deploy() {
    let vercel = format!(
        "Vercel CLI 37.4.2\n{}✅  Production: https://web.vercel.app [41s]\n",
        build::tests::VITE_PASS
    );
    let e = read_at("evidence/vercel.txt", &vercel);
    assert_eq!(
        (e.format.as_str(), e.kind.as_str(), e.outcome),
        ("deploy-text", "deploy", Outcome::Pass)
    );
}

#[test]
fn new_readers_read_any_cut_of_their_fixtures_without_panicking() {
    let fixtures = [http::tests::FIXTURES, lint::tests::FIXTURES, build::tests::FIXTURES].concat();
    let paths = ["evidence/x.txt", "deployments/x.txt", "evidence/x.json", "lint/x.log"];
    for fixture in fixtures {
        let cuts: Vec<usize> = fixture.char_indices().map(|(at, _)| at).collect();
        let step = (cuts.len() / 40).max(1);
        for &at in cuts.iter().step_by(step) {
            for text in [&fixture[..at], &fixture[at..]] {
                for path in paths {
                    assert_sane(&read_at(path, text), text);
                }
            }
        }
    }
}

#[test]
fn a_log_of_two_suites_keeps_both_runs() {
    let e = read_at("ci/2026-03-09-tests.log", pytest::tests::BACKEND_THEN_FRONTEND);
    assert_eq!((e.format.as_str(), e.outcome), ("pytest", Outcome::Fail));
    assert_eq!(figures(&e), (Some(49), Some(1), Some(0)));
    let suites: Vec<(&str, Option<&str>)> =
        e.runs.iter().map(|r| (r.suite.as_str(), r.scope.as_deref())).collect();
    assert_eq!(suites, [("pytest", Some("backend")), ("vitest", Some("frontend"))]);
    // A Playwright run after the unit tests joins them too.
    let log = format!("{}{}", js::tests::JEST_PASS, playwright::tests::LINE_FLAKY);
    let e = read_at("ci/all.log", &log);
    assert_eq!((e.format.as_str(), e.outcome, e.passed), ("playwright", Outcome::Pass, Some(23)));
}

#[test]
fn reruns_are_read_through_dispatch() {
    for (text, outcome, passed) in [
        (pytest::tests::RERUN_AFTER_FIX, Outcome::Pass, 12),
        (cargo::tests::RERUN_AFTER_FIX, Outcome::Pass, 3),
        (js::tests::VITEST_WATCH, Outcome::Pass, 3),
        (gotest::tests::RERUN_AFTER_FIX, Outcome::Pass, 0),
        (pytest::tests::PLAIN_THEN_COVERAGE, Outcome::Pass, 20),
    ] {
        let e = read_at("tests/run.txt", text);
        assert_eq!(e.outcome, outcome, "{text}");
        assert!(e.runs.len() >= 2, "{text}");
        assert!(e.passed.is_none_or(|p| p == passed), "{text}");
    }
    let e = read_at("tests/run.txt", pytest::tests::PLAIN_THEN_COVERAGE);
    assert_eq!(e.coverage_percent, Some(84.0));
}

#[test]
fn notes_say_why_a_recognised_log_has_no_result() {
    for (text, note) in [
        (pytest::tests::COLLECTION_ERROR, "stopped at collection"),
        (pytest::tests::NO_TESTS, "no test ran"),
        (pytest::tests::CUT_OFF, "cut off before its summary"),
        (cargo::tests::COMPILE_ERROR, "did not compile"),
        ("No test files found, exiting with code 1\n", "no test files found"),
        ("Error: No tests found.\n", "no test found"),
    ] {
        let e = read_at("tests/run.txt", text);
        assert_eq!(e.note.as_deref(), Some(note), "{text}");
    }
    let e = read_at("reports/lighthouse/checkout.json", lighthouse::tests::NO_FCP);
    assert_eq!((e.format.as_str(), e.outcome), ("lighthouse", Outcome::Fail));
    assert_eq!(e.note.as_deref(), Some("Lighthouse runtime error NO_FCP"));
}

#[test]
fn stated_summaries_in_markdown_and_text() {
    let e = read_at("evidence/2026-03-09-checkout.md", summary::tests::AGENT_REPORT);
    assert_eq!((e.format.as_str(), e.outcome), ("summary", Outcome::Pass));
    assert_eq!(figures(&e), (Some(55), Some(0), Some(0)));
    let e = read_at("evidence/ci-summary.md", summary::tests::SUITE_TABLE);
    assert_eq!((e.format.as_str(), e.outcome), ("summary", Outcome::Fail));
    let e = read_at("tests/summary.txt", summary::tests::TEXT_SUMMARY);
    assert_eq!((e.format.as_str(), e.outcome), ("summary", Outcome::Fail));
    let e = read_at("deployments/2026-03-09-release.md", "# Release\n\n**Status**: ✅ SUCCESS\n");
    assert_eq!((e.format.as_str(), e.kind.as_str()), ("summary", "deploy"));
    // Plain counts stay plain; prose stays prose.
    let e = read_at("evidence/smoke.md", plain::tests::SMOKE_NOTE);
    assert_eq!(e.format.as_str(), "plain-tests");
    let e = read_at("evidence/plan-notes.md", summary::tests::PLAN_PROSE);
    assert_ne!(e.format.as_str(), "summary");
    let prose_only = &summary::tests::PLAN_PROSE[..summary::tests::PLAN_PROSE.find("```").unwrap()];
    let e = read_at("evidence/plan-notes.md", prose_only);
    assert_eq!((e.format.as_str(), e.outcome), ("markdown", Outcome::Unknown));
    // A runner's own log is never read as a summary.
    let e =
        read_at("tests/run.txt", &format!("{}Overall: PASS\n", pytest::tests::COLLECTION_ERROR));
    assert_eq!((e.format.as_str(), e.outcome), ("pytest", Outcome::Fail));
}

#[test]
fn new_fixtures_read_without_panicking() {
    let paths = ["evidence/x.txt", "tests/x.json", "evidence/x.md", "deployments/x.txt"];
    let fixtures = [playwright::tests::FIXTURES, summary::tests::FIXTURES].concat();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut inputs: Vec<String> = Vec::new();
    for fixture in fixtures {
        let cuts = fixture.char_indices().map(|(at, _)| at).collect::<Vec<_>>();
        let step = (cuts.len() / 40).max(1);
        inputs.extend(cuts.iter().step_by(step).map(|&at| fixture[..at].to_string()));
        inputs.extend(cuts.iter().step_by(step).map(|&at| fixture[at..].to_string()));
        let mut flipped = fixture.as_bytes().to_vec();
        for _ in 0..8 {
            let at = rng.below(flipped.len());
            flipped[at] = rng.next() as u8;
        }
        inputs.push(String::from_utf8_lossy(&flipped).into_owned());
    }
    inputs.push("| a | passed | failed |\n|---|---|---|\n".repeat(2_000));
    inputs.push("== x ==\n$ cd y && pytest\n".repeat(2_000));
    inputs.push(format!("{}✅", "9".repeat(40)));
    for text in &inputs {
        for path in paths {
            assert_sane(&read_at(path, text), text);
        }
    }
}

#[test]
fn a_suite_cut_off_leaves_the_file_undecided() {
    let log = "== backend ==\n$ pytest\n============================= test session starts ==============================\ncollected 2 items\n\ntests/test_a.py ..\n============================== 2 passed in 0.10s ===============================\n== frontend ==\n$ npx vitest run\n\n RUN  v1.3.1 /app/web\n\n ✓ src/a.test.ts (3 tests) 5ms\n";
    let e = read_at("tests/ci.log", log);
    assert_eq!(e.outcome, Outcome::Unknown, "{e:?}");
    assert!(e.note.as_deref().is_some_and(|n| n.contains("cut off")), "{e:?}");
}
