//! The evidence files of a generated tree: one writer per format, each
//! from an [`EvidenceSpec`] decided before the documents that cite it, so
//! that a plan row, a session's claim and the log agree on the path and
//! the outcome (or, on purpose, do not).

use std::fmt::Write as _;

use super::docs::AREAS;
use super::{Rng, date};

/// The evidence formats, each written by its own function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Format {
    Pytest,
    PytestCov,
    Jest,
    Vitest,
    Playwright,
    Cargo,
    Nextest,
    GoTest,
    Junit,
    CoverageJson,
    Lcov,
    Cobertura,
    CoverageTotal,
    Lighthouse,
    Lint,
    Build,
    DeployText,
    DeployJson,
    Summary,
}

/// Every format, in the order the tree's evidence cycles through them.
pub(super) const FORMATS: [Format; 19] = [
    Format::Pytest,
    Format::Junit,
    Format::Jest,
    Format::DeployText,
    Format::Cargo,
    Format::CoverageJson,
    Format::Vitest,
    Format::PytestCov,
    Format::DeployJson,
    Format::GoTest,
    Format::Lcov,
    Format::Playwright,
    Format::Nextest,
    Format::Cobertura,
    Format::Lighthouse,
    Format::CoverageTotal,
    Format::Lint,
    Format::Build,
    Format::Summary,
];

impl Format {
    /// The file's path for a stem (`2025-10-01-ledger-import-12`).
    pub(super) fn path(self, stem: &str) -> String {
        match self {
            Format::Pytest => format!("tests/{stem}-pytest.txt"),
            Format::PytestCov => format!("tests/{stem}-pytest-cov.txt"),
            Format::Jest => format!("tests/{stem}-jest.log"),
            Format::Vitest => format!("tests/{stem}-vitest.log"),
            Format::Playwright => format!("test-results/{stem}-playwright.txt"),
            Format::Cargo => format!("tests/{stem}-cargo-test.txt"),
            Format::Nextest => format!("tests/{stem}-nextest.txt"),
            Format::GoTest => format!("tests/{stem}-go-test.txt"),
            Format::Junit => format!("test-results/{stem}-junit.xml"),
            Format::CoverageJson => format!("tests/coverage/{stem}-coverage.json"),
            Format::Lcov => format!("tests/coverage/{stem}.lcov.info"),
            Format::Cobertura => format!("tests/coverage/{stem}-cobertura.xml"),
            Format::CoverageTotal => format!("tests/coverage/{stem}-coverage-report.txt"),
            Format::Lighthouse => format!("evidence/lighthouse/{stem}-lhr.json"),
            Format::Lint => format!("evidence/lint/{stem}-lint.txt"),
            Format::Build => format!("evidence/build/{stem}-vite-build.log"),
            Format::DeployText => format!("deployments/{stem}-deploy.txt"),
            Format::DeployJson => format!("deployments/{stem}-deploy.json"),
            Format::Summary => format!("evidence/{stem}-summary.md"),
        }
    }

    /// Whether the file is a test run a `N/M tests passed` claim can cite.
    pub(super) fn is_test_run(self) -> bool {
        matches!(
            self,
            Format::Pytest
                | Format::Jest
                | Format::Vitest
                | Format::Playwright
                | Format::Cargo
                | Format::Nextest
                | Format::GoTest
                | Format::Junit
        )
    }
}

/// An evidence file decided before the documents that cite it.
pub(super) struct EvidenceSpec {
    pub(super) path: String,
    pub(super) format: Format,
    pub(super) day: usize,
    pub(super) passed: usize,
    pub(super) failed: usize,
    pub(super) skipped: usize,
    /// The seed of the file's own details (test names, files, timings).
    pub(super) seed: u64,
    /// Task ids that name this file, for its first line.
    pub(super) tasks: Vec<String>,
}

impl EvidenceSpec {
    /// The line coverage a coverage report of this spec states, in percent.
    pub(super) fn coverage(&self) -> usize {
        50 + self.passed % 45
    }

    fn total(&self) -> usize {
        self.passed + self.failed + self.skipped
    }

    /// `n`'s outcome: the first `failed` cases fail, the next `skipped` skip.
    fn case(&self, n: usize) -> Case {
        if n < self.failed {
            Case::Fail
        } else if n < self.failed + self.skipped {
            Case::Skip
        } else {
            Case::Pass
        }
    }

    /// ` for AB-001, AB-004` when tasks name this file, else nothing.
    fn for_tasks(&self) -> String {
        if self.tasks.is_empty() {
            String::new()
        } else {
            format!(" for {}", self.tasks.join(", "))
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    Pass,
    Fail,
    Skip,
}

/// A test's name in snake case (`ledger_import_retries_12`).
fn test_name(rng: &mut Rng, n: usize) -> String {
    const WHAT: [&str; 8] =
        ["retries", "rejects_bad_input", "pages", "sorts", "rolls_back", "logs", "times_out", "ok"];
    format!("{}_{}_{n}", rng.pick(&AREAS).replace(' ', "_"), rng.pick(&WHAT))
}

/// A source file of the project under test.
fn module(rng: &mut Rng) -> String {
    rng.pick(&AREAS).replace(' ', "_")
}

/// The text of one evidence file; its first line names the tasks it is for
/// where the format has comments.
pub(super) fn evidence_text(spec: &EvidenceSpec) -> String {
    let mut rng = Rng(spec.seed);
    let mut text = String::with_capacity(16 * 1024);
    let rng = &mut rng;
    match spec.format {
        Format::Pytest | Format::PytestCov => pytest(&mut text, spec, rng),
        Format::Jest => jest(&mut text, spec, rng),
        Format::Vitest => vitest(&mut text, spec, rng),
        Format::Playwright => playwright(&mut text, spec, rng),
        Format::Cargo => cargo(&mut text, spec, rng),
        Format::Nextest => nextest(&mut text, spec, rng),
        Format::GoTest => gotest(&mut text, spec, rng),
        Format::Junit => junit(&mut text, spec, rng),
        Format::CoverageJson => coverage_json(&mut text, spec, rng),
        Format::Lcov => lcov(&mut text, spec, rng),
        Format::Cobertura => cobertura(&mut text, spec, rng),
        Format::CoverageTotal => coverage_total(&mut text, spec, rng),
        Format::Lighthouse => lighthouse(&mut text, spec, rng),
        Format::Lint => lint(&mut text, spec, rng),
        Format::Build => build(&mut text, spec, rng),
        Format::DeployText => deploy_text(&mut text, spec, rng),
        Format::DeployJson => deploy_json(&mut text, spec, rng),
        Format::Summary => summary(&mut text, spec, rng),
    }
    text
}

fn pytest(text: &mut String, spec: &EvidenceSpec, rng: &mut Rng) {
    let total = spec.total();
    let _ = writeln!(text, "# evidence{} - CI run on {}", spec.for_tasks(), date(spec.day));
    let _ = writeln!(
        text,
        "============================= test session starts ==============================\n\
         platform linux -- Python 3.11.6, pytest-7.4.3, pluggy-1.3.0\nrootdir: /app\ncollected {total} items\n"
    );
    let mut failures = Vec::new();
    for n in 0..total {
        let word = match spec.case(n) {
            Case::Fail => "FAILED",
            Case::Skip => "SKIPPED",
            Case::Pass => "PASSED",
        };
        let (file, name) = (module(rng), test_name(rng, n));
        let _ = writeln!(
            text,
            "tests/unit/test_{file}.py::test_{name} {word} [{:3}%]",
            (n + 1) * 100 / total
        );
        if spec.case(n) == Case::Fail {
            failures.push(format!("tests/unit/test_{file}.py::test_{name}"));
        }
    }
    if !failures.is_empty() {
        text.push_str(
            "\n=================================== FAILURES ===================================\n",
        );
        for failure in &failures {
            let _ = writeln!(
                text,
                "_____ {failure} _____\n\n    def test_case(client):\n        response = client.get(\"/api/v1/items\")\n>       assert response.status_code == 200\nE       assert 500 == 200\n\ntests/unit/conftest.py:41: AssertionError"
            );
        }
    }
    if spec.format == Format::PytestCov {
        coverage_table(text, spec, rng);
    }
    let mut parts = vec![format!("{} passed", spec.passed)];
    if spec.failed > 0 {
        parts.insert(0, format!("{} failed", spec.failed));
    }
    if spec.skipped > 0 {
        parts.push(format!("{} skipped", spec.skipped));
    }
    let _ = writeln!(
        text,
        "\n============================== {} in 12.41s ==============================",
        parts.join(", ")
    );
}

/// pytest-cov's terminal report, its `TOTAL` line at the spec's coverage.
fn coverage_table(text: &mut String, spec: &EvidenceSpec, rng: &mut Rng) {
    text.push_str("\n---------- coverage: platform linux, python 3.11.6-final-0 -----------\nName                                   Stmts   Miss  Cover\n----------------------------------------------------------\n");
    for file in 0..spec.total() / 4 {
        let stmts = rng.range(20, 400);
        let miss = stmts * (100 - spec.coverage()) / 100;
        let _ = writeln!(
            text,
            "app/{:<30} {stmts:>7} {miss:>6} {:>5}%",
            format!("{}_{file}.py", module(rng)),
            (stmts - miss) * 100 / stmts
        );
    }
    let _ = writeln!(
        text,
        "----------------------------------------------------------\nTOTAL                                    {:>5} {:>6} {:>5}%",
        10_000,
        100 * (100 - spec.coverage()),
        spec.coverage()
    );
}

fn jest(text: &mut String, spec: &EvidenceSpec, rng: &mut Rng) {
    let _ = writeln!(text, "// evidence{} - jest run on {}", spec.for_tasks(), date(spec.day));
    let suites = spec.total() / 10 + 1;
    let mut n = 0;
    for suite in 0..suites {
        let failing = (n..(n + 10).min(spec.total())).any(|c| spec.case(c) == Case::Fail);
        let _ = writeln!(
            text,
            "{} src/{}/{suite}.test.js",
            if failing { "FAIL" } else { "PASS" },
            module(rng)
        );
        let _ = writeln!(text, "  {}", module(rng));
        while n < spec.total() && n < (suite + 1) * 10 {
            let mark = match spec.case(n) {
                Case::Fail => "✕",
                Case::Skip => "○ skipped",
                Case::Pass => "✓",
            };
            let _ = writeln!(
                text,
                "    {mark} {} ({} ms)",
                test_name(rng, n).replace('_', " "),
                rng.range(1, 90)
            );
            n += 1;
        }
        text.push('\n');
    }
    let failed_suites = (0..suites).filter(|s| s * 10 < spec.failed).count();
    let _ = writeln!(text, "Test Suites: {failed_suites} failed, {suites} total");
    let mut parts = Vec::new();
    if spec.failed > 0 {
        parts.push(format!("{} failed", spec.failed));
    }
    if spec.skipped > 0 {
        parts.push(format!("{} skipped", spec.skipped));
    }
    parts.push(format!("{} passed", spec.passed));
    let _ = writeln!(
        text,
        "Tests:       {}, {} total\nTime:        8.2 s",
        parts.join(", "),
        spec.total()
    );
}

fn vitest(text: &mut String, spec: &EvidenceSpec, rng: &mut Rng) {
    let _ = writeln!(
        text,
        "# evidence{} - vitest run on {}\n\n RUN  v1.2.0 /app\n",
        spec.for_tasks(),
        date(spec.day)
    );
    let files = spec.total() / 8 + 1;
    for file in 0..files {
        let _ = writeln!(
            text,
            " ✓ src/{}/{file}.test.ts  ({} tests) {}ms",
            module(rng),
            8,
            rng.range(5, 400)
        );
    }
    for n in 0..spec.total() {
        match spec.case(n) {
            Case::Fail => {
                let _ = writeln!(
                    text,
                    "   × {} > {}",
                    module(rng),
                    test_name(rng, n).replace('_', " ")
                );
            }
            _ => {
                let _ = writeln!(
                    text,
                    "   ✓ {} > {}",
                    module(rng),
                    test_name(rng, n).replace('_', " ")
                );
            }
        }
    }
    let failed_files = usize::from(spec.failed > 0);
    let mut tests = Vec::new();
    if spec.failed > 0 {
        tests.push(format!("{} failed", spec.failed));
    }
    tests.push(format!("{} passed", spec.passed));
    if spec.skipped > 0 {
        tests.push(format!("{} skipped", spec.skipped));
    }
    let files_part = if failed_files > 0 {
        format!("{failed_files} failed | {} passed ({files})", files - failed_files)
    } else {
        format!("{files} passed ({files})")
    };
    let _ = writeln!(
        text,
        "\n Test Files  {files_part}\n      Tests  {} ({})\n   Start at  10:00:00\n   Duration  4.12s",
        tests.join(" | "),
        spec.total()
    );
}

fn playwright(text: &mut String, spec: &EvidenceSpec, rng: &mut Rng) {
    let _ = writeln!(text, "# evidence{} - playwright on {}\n", spec.for_tasks(), date(spec.day));
    let _ = writeln!(text, "Running {} tests using 4 workers\n", spec.total());
    for n in 0..spec.total() {
        let mark = match spec.case(n) {
            Case::Fail => "✘",
            Case::Skip => "-",
            Case::Pass => "✓",
        };
        let file = module(rng);
        let _ = writeln!(
            text,
            "  {mark}  {} [chromium] › tests/{file}.spec.ts:{}:5 › {file} › {} ({}.{}s)",
            n + 1,
            rng.range(5, 300),
            test_name(rng, n).replace('_', " "),
            rng.range(0, 9),
            rng.range(0, 9)
        );
    }
    text.push('\n');
    if spec.failed > 0 {
        let _ = writeln!(text, "  {} failed", spec.failed);
    }
    if spec.skipped > 0 {
        let _ = writeln!(text, "  {} skipped", spec.skipped);
    }
    let _ = writeln!(text, "  {} passed (41.3s)", spec.passed);
}

fn cargo(text: &mut String, spec: &EvidenceSpec, rng: &mut Rng) {
    let _ = writeln!(
        text,
        "# evidence{} - cargo test on {}\n\n   Compiling app v0.4.0 (/app)\n    Finished `test` profile [unoptimized + debuginfo] target(s) in 41.20s\n     Running unittests src/lib.rs (target/debug/deps/app-3f2a1b)\n\nrunning {} tests",
        spec.for_tasks(),
        date(spec.day),
        spec.total()
    );
    for n in 0..spec.total() {
        let word = match spec.case(n) {
            Case::Fail => "FAILED",
            Case::Skip => "ignored",
            Case::Pass => "ok",
        };
        let _ = writeln!(text, "test {}::tests::{} ... {word}", module(rng), test_name(rng, n));
    }
    let verdict = if spec.failed > 0 { "FAILED" } else { "ok" };
    let _ = writeln!(
        text,
        "\ntest result: {verdict}. {} passed; {} failed; {} ignored; 0 measured; 0 filtered out; finished in 0.84s",
        spec.passed, spec.failed, spec.skipped
    );
    if spec.failed > 0 {
        text.push_str("\nerror: test failed, to rerun pass `--lib`\n");
    }
}

fn nextest(text: &mut String, spec: &EvidenceSpec, rng: &mut Rng) {
    let _ = writeln!(text, "# evidence{} - cargo nextest on {}", spec.for_tasks(), date(spec.day));
    let run = spec.passed + spec.failed;
    let _ = writeln!(text, "    Starting {run} tests across 4 binaries ({} skipped)", spec.skipped);
    for n in 0..spec.total() {
        if spec.case(n) == Case::Skip {
            continue;
        }
        let word = if spec.case(n) == Case::Fail { "FAIL" } else { "PASS" };
        let _ = writeln!(
            text,
            "        {word} [   0.{:03}s] app::{}::tests::{}",
            rng.range(1, 999),
            module(rng),
            test_name(rng, n)
        );
    }
    let _ = writeln!(
        text,
        "------------\n     Summary [   3.412s] {run} tests run: {} passed, {} failed, {} skipped",
        spec.passed, spec.failed, spec.skipped
    );
}

fn gotest(text: &mut String, spec: &EvidenceSpec, rng: &mut Rng) {
    let _ = writeln!(text, "// evidence{} - go test -v on {}", spec.for_tasks(), date(spec.day));
    for n in 0..spec.total() {
        let name = format!("Test{}{n}", module(rng).replace('_', ""));
        let word = match spec.case(n) {
            Case::Fail => "FAIL",
            Case::Skip => "SKIP",
            Case::Pass => "PASS",
        };
        let _ = writeln!(text, "=== RUN   {name}\n--- {word}: {name} (0.0{}s)", rng.range(0, 9));
        if spec.case(n) == Case::Fail {
            let _ = writeln!(
                text,
                "    {}_test.go:{}: got 500, want 200",
                module(rng),
                rng.range(10, 300)
            );
        }
    }
    if spec.failed > 0 {
        text.push_str("FAIL\nFAIL\texample.com/app/internal\t0.412s\nFAIL\n");
    } else {
        text.push_str("PASS\nok  \texample.com/app/internal\t0.412s\n");
    }
}

fn junit(text: &mut String, spec: &EvidenceSpec, rng: &mut Rng) {
    let (total, failed, skipped) = (spec.total(), spec.failed, spec.skipped);
    let _ = writeln!(
        text,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- evidence{} -->",
        spec.for_tasks()
    );
    let _ = writeln!(
        text,
        "<testsuites tests=\"{total}\" failures=\"{failed}\" errors=\"0\" skipped=\"{skipped}\">\n  <testsuite name=\"suite\" tests=\"{total}\" failures=\"{failed}\" errors=\"0\" skipped=\"{skipped}\" timestamp=\"{}T10:00:00\">",
        date(spec.day)
    );
    for n in 0..total {
        let body = match spec.case(n) {
            Case::Fail => {
                "><failure message=\"expected 200, got 500\">AssertionError: expected 200, got 500</failure></testcase>"
            }
            Case::Skip => "><skipped message=\"flaky on CI\"/></testcase>",
            Case::Pass => "/>",
        };
        let _ = writeln!(
            text,
            "    <testcase classname=\"tests.{}\" name=\"test_{}\" time=\"0.0{}\"{body}",
            module(rng),
            test_name(rng, n),
            rng.range(1, 9)
        );
    }
    text.push_str("  </testsuite>\n</testsuites>\n");
}

fn coverage_json(text: &mut String, spec: &EvidenceSpec, rng: &mut Rng) {
    let covered = spec.coverage();
    let _ = write!(
        text,
        "{{\"meta\": {{\"version\": \"7.4.0\", \"timestamp\": \"{}T10:00:00\"}}, \"files\": {{",
        date(spec.day)
    );
    for file in 0..spec.total() / 6 {
        let lines: Vec<String> = (1..=rng.range(20, 60)).map(|l| l.to_string()).collect();
        let _ = write!(
            text,
            "\"app/{}_{file}.py\": {{\"executed_lines\": [{}], \"summary\": {{\"covered_lines\": {covered}, \"num_statements\": 100, \"percent_covered\": {covered}.0}}, \"missing_lines\": []}}, ",
            module(rng),
            lines.join(", ")
        );
    }
    let _ = writeln!(
        text,
        "\"app/main.py\": {{\"summary\": {{\"covered_lines\": {covered}, \"num_statements\": 100, \"percent_covered\": {covered}.0}}}}}}, \"totals\": {{\"covered_lines\": {covered}, \"num_statements\": 100, \"percent_covered\": {covered}.0, \"percent_covered_display\": \"{covered}\"}}}}"
    );
}

fn lcov(text: &mut String, spec: &EvidenceSpec, rng: &mut Rng) {
    let covered = spec.coverage();
    text.push_str("TN:\n");
    for file in 0..spec.total() / 8 + 1 {
        let _ = writeln!(text, "SF:src/{}/{file}.ts", module(rng));
        for line in 1..=100 {
            let _ = writeln!(text, "DA:{line},{}", usize::from(line <= covered));
        }
        let _ = writeln!(text, "LF:100\nLH:{covered}\nend_of_record");
    }
}

fn cobertura(text: &mut String, spec: &EvidenceSpec, rng: &mut Rng) {
    let rate = spec.coverage() as f64 / 100.0;
    let _ = writeln!(
        text,
        "<?xml version=\"1.0\" ?>\n<!-- evidence{} -->\n<coverage version=\"7.4.0\" timestamp=\"1700000000\" lines-valid=\"10000\" lines-covered=\"{}\" line-rate=\"{rate}\" branches-covered=\"0\" branches-valid=\"0\" branch-rate=\"0\" complexity=\"0\">\n  <packages>\n    <package name=\"app\" line-rate=\"{rate}\" branch-rate=\"0\" complexity=\"0\">\n      <classes>",
        spec.for_tasks(),
        spec.coverage() * 100
    );
    for file in 0..spec.total() / 20 + 1 {
        let name = module(rng);
        let _ = writeln!(
            text,
            "        <class name=\"{name}_{file}.py\" filename=\"app/{name}_{file}.py\" line-rate=\"{rate}\" branch-rate=\"0\" complexity=\"0\">\n          <lines>"
        );
        for line in 1..=20 {
            let _ = writeln!(
                text,
                "            <line number=\"{line}\" hits=\"{}\"/>",
                usize::from(line * 5 <= spec.coverage())
            );
        }
        text.push_str("          </lines>\n        </class>\n");
    }
    text.push_str("      </classes>\n    </package>\n  </packages>\n</coverage>\n");
}

fn coverage_total(text: &mut String, spec: &EvidenceSpec, rng: &mut Rng) {
    let _ =
        writeln!(text, "# evidence{} - coverage report on {}", spec.for_tasks(), date(spec.day));
    coverage_table(text, spec, rng);
}

fn lighthouse(text: &mut String, spec: &EvidenceSpec, rng: &mut Rng) {
    let score = |rng: &mut Rng, low: bool| if low { rng.range(30, 49) } else { rng.range(80, 100) };
    let low = spec.failed > 0;
    let _ = write!(
        text,
        "{{\n  \"lighthouseVersion\": \"11.4.0\",\n  \"requestedUrl\": \"https://staging.example.test/{}\",\n  \"fetchTime\": \"{}T10:00:00.000Z\",\n  \"categories\": {{\n",
        module(rng),
        date(spec.day)
    );
    let categories = [
        ("performance", "Performance"),
        ("accessibility", "Accessibility"),
        ("best-practices", "Best Practices"),
        ("seo", "SEO"),
    ];
    for (idx, (key, title)) in categories.iter().enumerate() {
        let value = score(rng, low && idx == 0);
        let comma = if idx + 1 < categories.len() { "," } else { "" };
        let _ = writeln!(
            text,
            "    \"{key}\": {{\"id\": \"{key}\", \"title\": \"{title}\", \"score\": {}.{value:02}}}{comma}",
            value / 100
        );
    }
    text.push_str("  },\n  \"audits\": {\n");
    let n = spec.total() / 2;
    for audit in 0..n {
        let comma = if audit + 1 < n { "," } else { "" };
        let _ = writeln!(
            text,
            "    \"audit-{audit}\": {{\"id\": \"audit-{audit}\", \"title\": \"The {} answers within budget\", \"score\": 1, \"displayValue\": \"{} ms\"}}{comma}",
            rng.pick(&AREAS),
            rng.range(20, 900)
        );
    }
    text.push_str("  }\n}\n");
}

fn lint(text: &mut String, spec: &EvidenceSpec, rng: &mut Rng) {
    let _ = writeln!(
        text,
        "# evidence{} - make lint on {}\n$ ruff check .",
        spec.for_tasks(),
        date(spec.day)
    );
    if spec.failed > 0 {
        for _ in 0..spec.failed {
            let _ = writeln!(
                text,
                "app/{}.py:{}:5: F401 [*] `os` imported but unused",
                module(rng),
                rng.range(1, 300)
            );
        }
        let _ = writeln!(
            text,
            "Found {} errors.\n[*] {} fixable with the `--fix` option.",
            spec.failed, spec.failed
        );
    } else {
        text.push_str("All checks passed!\n");
    }
    text.push_str("$ mypy app\n");
    for _ in 0..spec.total() / 2 {
        let _ = writeln!(text, "app/{}.py: note: checked with strict optional", module(rng));
    }
    let _ = writeln!(text, "Success: no issues found in {} source files", spec.total());
}

fn build(text: &mut String, spec: &EvidenceSpec, rng: &mut Rng) {
    let _ = writeln!(
        text,
        "# evidence{} - build on {}\n\n> app@1.4.0 build\n> vite build\n\nvite v5.1.4 building for production...\ntransforming...\n✓ {} modules transformed.\nrendering chunks...\ncomputing gzip size...",
        spec.for_tasks(),
        date(spec.day),
        spec.total() * 9
    );
    for chunk in 0..spec.total() / 2 {
        let size = rng.range(1, 400);
        let _ = writeln!(
            text,
            "dist/assets/{}-{chunk}-{:08x}.js   {size}.{:02} kB │ gzip: {}.{:02} kB",
            module(rng).replace('_', "-"),
            rng.next() as u32,
            rng.range(0, 99),
            size / 3,
            rng.range(0, 99)
        );
    }
    if spec.failed > 0 {
        text.push_str("error during build:\nRollupError: \"formatMoney\" is not exported by \"src/lib/money.ts\"\n");
    } else {
        text.push_str("✓ built in 6.31s\n");
    }
}

fn deploy_text(text: &mut String, spec: &EvidenceSpec, rng: &mut Rng) {
    let stamp = date(spec.day);
    let _ = writeln!(text, "{stamp}T14:00:00Z  deploy-staging started{}", spec.for_tasks());
    let steps = spec.total() / 2;
    for step in 0..steps {
        let _ = writeln!(
            text,
            "{stamp}T14:{:02}:{:02}Z  [{}/{steps}] {} {}: done in {}ms",
            step * 50 / steps.max(1),
            step % 60,
            step + 1,
            rng.pick(&["pull", "build", "push", "migrate", "warm", "probe"]),
            rng.pick(&AREAS),
            rng.range(10, 9000)
        );
    }
    let (word, code) = if spec.failed > 0 { ("failed", 1) } else { ("succeeded", 0) };
    let _ = writeln!(text, "{stamp}T14:59:00Z  deploy {word}, exit code {code}");
}

fn deploy_json(text: &mut String, spec: &EvidenceSpec, rng: &mut Rng) {
    let status = if spec.failed > 0 { "failure" } else { "success" };
    let tasks: Vec<String> = spec.tasks.iter().map(|t| format!("\"{t}\"")).collect();
    let _ = write!(
        text,
        "{{\n  \"status\": \"{status}\",\n  \"environment\": \"staging\",\n  \"tasks\": [{}],\n  \"started_at\": \"{}T14:00:00Z\",\n  \"steps\": [\n",
        tasks.join(", "),
        date(spec.day)
    );
    let steps = spec.total() / 2;
    for step in 0..steps {
        let comma = if step + 1 < steps { "," } else { "" };
        let _ = writeln!(
            text,
            "    {{\"name\": \"{} the {}\", \"duration_ms\": {}, \"log\": \"step {step} finished\"}}{comma}",
            rng.pick(&["pull", "build", "push", "migrate", "warm", "probe"]),
            rng.pick(&AREAS),
            rng.range(10, 9000)
        );
    }
    text.push_str("  ]\n}\n");
}

fn summary(text: &mut String, spec: &EvidenceSpec, rng: &mut Rng) {
    let tasks: Vec<String> = spec.tasks.iter().map(|t| format!("\"{t}\"")).collect();
    let _ = writeln!(
        text,
        "---\ntasks: [{}]\ndate: {}\n---\n\n# Test summary\n\n**Status**: {}\n\nTotal: 3 test files, {} tests, {} failures\n\n## Notes\n",
        tasks.join(", "),
        date(spec.day),
        if spec.failed > 0 { "❌ FAILED" } else { "✅ PASSED" },
        spec.total(),
        spec.failed
    );
    let suites = spec.total() / 10 + 1;
    for suite in 0..suites {
        let _ = writeln!(text, "- Suite {suite} covers the {} module.", module(rng));
    }
}
