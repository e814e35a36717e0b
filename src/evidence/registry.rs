//! The evidence readers in one ordered table, and the dispatch that walks it.
//!
//! Each entry is one reader: a pure function from an [`Input`] to a
//! [`Reading`], or `None` when the content is not its format, and the shape
//! of content it takes. The dispatcher hands a file to the readers of its
//! shape in table order and keeps the first reading. Adding a format is one
//! module beside this one and one row here, placed by the rule below.
//!
//! The order, and why:
//! 1. Structured formats first (JSON, then XML): a parse that succeeds is
//!    certain, and the most specific schema wins (Lighthouse, coverage.py,
//!    Istanbul's summary (`total.lines`) and final report (`statementMap`),
//!    Playwright's `config`/`suites`/`stats` and eslint's report have fields
//!    nobody else has; a GitHub Actions run has `workflow_id` or
//!    `run_number` beside its `conclusion`; a deploy record's `status` is
//!    the loosest, so it comes last).
//! 2. Under a deploy path, a deploy API's HTTP exchange, then a deploy log,
//!    before the test runners, because deploy jobs run tests on the way and
//!    the job's verdict is the deploy's. The exchange comes first so that a
//!    `202 Accepted` is not read as a success by the words after it.
//! 3. Test runners by how specific their summary lines are: cargo before
//!    pytest because both say `N passed`; Playwright before vitest and jest,
//!    whose `Tests: N passed` Playwright does not print but whose `✓` it does.
//!    The runner that recognises a log first reads it with the runs every
//!    other runner finds in it (backend pytest, then frontend vitest), so its
//!    place decides the log's format, not which runs count. Just before
//!    cargo's test reader, clippy and `cargo build`: that reader takes any
//!    compile error for a failed test run, and they leave it every log that
//!    shows tests (`running 3 tests`, `Running unittests`, `cargo test`).
//!    After `go test`, the runners read only by their exact summary lines
//!    (Maven, Gradle, unittest, RSpec, PHPUnit, Mocha, `dotnet test`, Deno,
//!    bun): every runner above keeps its logs, and the builds below do not
//!    take a Maven or Gradle build that ran tests.
//! 4. Builds, then linters and type checkers: their verdict lines are
//!    specific, but a test log often prints a build line before its tests,
//!    and a deploy runs a build, so they come after the test runners and
//!    leave alone any log that shows a test run or names a deploy. A build
//!    runs a type checker on the way (Next.js), so builds come first.
//! 5. lcov, then a deploy API's HTTP exchange (it must name the API or
//!    hook), then a deploy log anywhere (it must name the deploy).
//! 6. Summaries written by hand or by an agent (a status line, `Total: 9
//!    tests, 0 failures`, a table of suites), the plain `N passed, N failed`
//!    line, and last a bare coverage `TOTAL` line: the loosest forms, read
//!    only when nothing more specific matched.
//!
//! Markdown prose takes only the summary readers (6): a paragraph's words
//! never pass for a runner's output.

use super::{
    Input, Reading, build, coverage, deploy, http, js, junit, lighthouse, lint, plain, runners,
};
use crate::model::EvidenceKind;

/// The shape of content a reader takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A parsed JSON document.
    Json,
    /// An XML document.
    Xml,
    /// A text log.
    Text,
    /// A text log under a deploy path.
    DeployPath,
    /// A text log or markdown prose: a summary stated in words.
    Summary,
}

/// One reader of the table.
pub(super) struct Reader {
    /// What it reads, for the reader of the table and its tests.
    #[cfg_attr(not(test), expect(dead_code, reason = "a label for people and tests"))]
    pub(super) name: &'static str,
    /// The content it takes.
    shape: Shape,
    /// The reader itself.
    pub(super) read: fn(&Input<'_>) -> Option<Reading>,
}

/// Every reader, in the order the module documentation gives.
pub(super) const READERS: &[Reader] = &[
    Reader { name: "lighthouse", shape: Shape::Json, read: |i| lighthouse::read(i.json.as_ref()?) },
    Reader {
        name: "coverage.py",
        shape: Shape::Json,
        read: |i| coverage::read_coverage_py(i.json.as_ref()?),
    },
    Reader {
        name: "istanbul summary",
        shape: Shape::Json,
        read: |i| super::istanbul::read_summary(i.json.as_ref()?),
    },
    Reader {
        name: "istanbul final",
        shape: Shape::Json,
        read: |i| super::istanbul::read_final(i.json.as_ref()?),
    },
    Reader {
        name: "playwright json",
        shape: Shape::Json,
        read: |i| super::playwright::read_json(i.json.as_ref()?),
    },
    Reader { name: "jest json", shape: Shape::Json, read: |i| js::read_json(i.json.as_ref()?) },
    Reader {
        name: "eslint json",
        shape: Shape::Json,
        read: |i| lint::read_eslint_json(i.json.as_ref()?),
    },
    Reader {
        name: "actions json",
        shape: Shape::Json,
        read: |i| deploy::read_actions_json(i.json.as_ref()?, i.path_kind),
    },
    Reader { name: "deploy json", shape: Shape::Json, read: read_deploy_json },
    Reader { name: "junit", shape: Shape::Xml, read: |i| junit::read(i.text) },
    Reader { name: "cobertura", shape: Shape::Xml, read: |i| coverage::read_cobertura(i.text) },
    Reader { name: "deploy http", shape: Shape::DeployPath, read: |i| http::read(i.text, true) },
    Reader {
        name: "deploy log",
        shape: Shape::DeployPath,
        read: |i| deploy::read_text(i.text, true),
    },
    Reader { name: "clippy", shape: Shape::Text, read: |i| lint::read_clippy(i.text) },
    Reader { name: "cargo build", shape: Shape::Text, read: |i| build::read_cargo(i.text) },
    // cargo test and nextest, pytest, Playwright, vitest and jest, go test:
    // a log read as the first of them that sees a run of its own, with the
    // others' runs in it too (`plain::Runner`).
    Reader {
        name: "cargo, pytest, playwright, vitest and jest, go test",
        shape: Shape::Text,
        read: |i| plain::read_first_runner(i.text),
    },
    Reader {
        name: "maven, gradle, unittest, rspec, phpunit, mocha, dotnet, deno, bun",
        shape: Shape::Text,
        read: |i| runners::read(i.text),
    },
    Reader { name: "build", shape: Shape::Text, read: |i| build::read(i.text) },
    Reader { name: "lint", shape: Shape::Text, read: |i| lint::read(i.text) },
    Reader { name: "lcov", shape: Shape::Text, read: |i| coverage::read_lcov(i.text) },
    Reader { name: "deploy http", shape: Shape::Text, read: |i| http::read(i.text, false) },
    Reader { name: "deploy log", shape: Shape::Text, read: |i| deploy::read_text(i.text, false) },
    Reader { name: "stated summary", shape: Shape::Summary, read: super::summary::read },
    Reader { name: "plain summary", shape: Shape::Summary, read: |i| plain::read(i.text) },
    Reader { name: "coverage total", shape: Shape::Text, read: |i| coverage::read_total(i.text) },
];

/// A deploy record, or a status record whose path says what it is of
/// (`tests/check-run.json` with `"conclusion": "success"` is a test's).
fn read_deploy_json(input: &Input<'_>) -> Option<Reading> {
    let deploy_path = input.path_kind == EvidenceKind::Deploy;
    let mut reading = deploy::read_json(input.json.as_ref()?, deploy_path)?;
    if !matches!(input.path_kind, EvidenceKind::Other | EvidenceKind::Deploy) {
        reading.kind = input.path_kind;
    }
    Some(reading)
}

/// Whether a reader of `shape` takes this input.
fn takes(shape: Shape, input: &Input<'_>) -> bool {
    if input.prose {
        return shape == Shape::Summary;
    }
    match shape {
        Shape::Json => input.json.is_some(),
        Shape::Xml => input.xml,
        Shape::DeployPath => input.path_kind == EvidenceKind::Deploy && input.json.is_none(),
        // A JSON document is read by its fields, never by words inside them.
        Shape::Text | Shape::Summary => input.json.is_none(),
    }
}

/// The first reading of the readers that take the input, in table order. A
/// test log's coverage `TOTAL` line (`pytest --cov`) adds its percent.
pub(super) fn dispatch(input: &Input<'_>) -> Option<Reading> {
    let mut reading = READERS
        .iter()
        .filter(|reader| takes(reader.shape, input))
        .find_map(|reader| (reader.read)(input))?;
    if reading.kind == EvidenceKind::Test
        && reading.coverage_percent.is_none()
        && !input.prose
        && input.json.is_none()
    {
        reading.coverage_percent = coverage::total(input.text);
    }
    Some(reading)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reader_has_a_name_and_json_readers_come_first() {
        assert!(READERS.iter().all(|r| !r.name.is_empty()));
        let first_text = READERS.iter().position(|r| r.shape != Shape::Json).unwrap();
        assert!(READERS[first_text..].iter().all(|r| r.shape != Shape::Json));
    }
}
