//! The harness: `SiteTest` copies a docs tree into a temp folder, runs the
//! real `attestor` binary on it and offers chained checks on what it printed
//! and wrote.
//!
//! A test reads like what a user does: copy a tree, build it, look at the
//! portal. The temp folder is `[ROOT]` in every message and golden file; the
//! docs tree sits at `[ROOT]/<case>` and the portal at `[ROOT]/public`.
//! Comparing against golden files is `crate::golden`'s job; reading links out
//! of HTML is `crate::html`'s.

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::golden;

/// The `attestor` binary that cargo built for this test run.
pub const ATTESTOR: &str = env!("CARGO_BIN_EXE_attestor");

/// `tests/testsuite/`, where fixtures and golden files live.
pub fn testsuite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testsuite")
}

/// The repository's demo docs tree, `content-example/`.
pub fn example_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content-example")
}

/// The CI variables attestor reads (`src/provenance.rs`, and `repo_url`'s
/// GitHub fallback in `src/config.rs`): a suite run in CI would otherwise
/// publish that CI's commit and run.
pub const CI_VARIABLES: &[&str] = &[
    "CI",
    "GITHUB_ACTIONS",
    "GITHUB_SHA",
    "GITHUB_REF_NAME",
    "GITHUB_REPOSITORY",
    "GITHUB_SERVER_URL",
    "GITHUB_RUN_ID",
    "GITHUB_RUN_ATTEMPT",
    "GITLAB_CI",
    "CI_COMMIT_SHA",
    "CI_COMMIT_REF_NAME",
    "CI_PROJECT_PATH",
    "CI_PIPELINE_ID",
    "CI_PIPELINE_URL",
    "CIRCLECI",
    "CIRCLE_SHA1",
    "CIRCLE_TAG",
    "CIRCLE_BRANCH",
    "CIRCLE_BUILD_NUM",
    "CIRCLE_BUILD_URL",
    "CIRCLE_PROJECT_USERNAME",
    "CIRCLE_PROJECT_REPONAME",
    "BUILDKITE",
    "BUILDKITE_COMMIT",
    "BUILDKITE_TAG",
    "BUILDKITE_BRANCH",
    "BUILDKITE_BUILD_ID",
    "BUILDKITE_BUILD_URL",
    "TRAVIS",
    "TRAVIS_COMMIT",
    "TRAVIS_TAG",
    "TRAVIS_BRANCH",
    "TRAVIS_REPO_SLUG",
    "TRAVIS_BUILD_ID",
    "TRAVIS_BUILD_WEB_URL",
    "TF_BUILD",
    "BUILD_BUILDID",
    "BUILD_SOURCEVERSION",
    "BUILD_SOURCEBRANCHNAME",
    "BUILD_REPOSITORY_NAME",
    "SYSTEM_COLLECTIONURI",
    "SYSTEM_TEAMPROJECT",
    "JENKINS_URL",
    "JENKINS_HOME",
    "BUILD_ID",
    "BUILD_URL",
    "GIT_COMMIT",
    "BRANCH_NAME",
    "GIT_BRANCH",
];

/// What one run of the binary did.
#[derive(Debug, Clone)]
pub struct Run {
    /// The arguments, for failure messages.
    pub args: Vec<String>,
    /// The exit code; `None` when a signal ended the process.
    pub code: Option<i32>,
    /// Standard output, with temp paths redacted as `[ROOT]`.
    pub stdout: String,
    /// Standard error, with temp paths redacted as `[ROOT]`.
    pub stderr: String,
}

/// A docs tree copied into a temp folder, and the runs of `attestor` on it.
pub struct SiteTest {
    temp: tempfile::TempDir,
    /// The fixture folder relative to `tests/testsuite/`: where `expected/` is.
    fixture: String,
    root: PathBuf,
    out: PathBuf,
    last: Option<Run>,
}

impl SiteTest {
    /// Copies `tests/testsuite/<fixture>/` (without its `expected/` folder)
    /// to `[ROOT]/<case>`, where `<case>` is the fixture's last component.
    pub fn from_dir(fixture: &str) -> SiteTest {
        let src = testsuite_dir().join(fixture);
        assert!(src.is_dir(), "fixture `{}` does not exist", src.display());
        let case = fixture.rsplit('/').next().unwrap_or(fixture);
        SiteTest::copy_of(&src, case, fixture, Some("expected/"))
    }

    /// An empty docs tree at `[ROOT]/<case>`, for trees a test writes whole.
    pub fn empty(case: &str) -> SiteTest {
        let temp = tempfile::Builder::new().prefix("attestor-test-").tempdir().unwrap();
        let root = temp.path().join(case);
        std::fs::create_dir_all(&root).unwrap();
        let out = temp.path().join("public");
        SiteTest { temp, fixture: case.to_string(), root, out, last: None }
    }

    /// Copies the repository's `content-example/` to `[ROOT]/content-example`.
    /// Its golden files live in `tests/testsuite/build/example/expected/`.
    pub fn example() -> SiteTest {
        SiteTest::copy_of(&example_dir(), "content-example", "build/example", None)
    }

    fn copy_of(src: &Path, case: &str, fixture: &str, leave_out: Option<&str>) -> SiteTest {
        let temp = tempfile::Builder::new().prefix("attestor-test-").tempdir().unwrap();
        let root = temp.path().join(case);
        copy_tree(src, &root, leave_out);
        let out = temp.path().join("public");
        SiteTest { temp, fixture: fixture.to_string(), root, out, last: None }
    }

    /// The temp folder every path of this test is under (`[ROOT]`).
    pub fn temp(&self) -> &Path {
        self.temp.path()
    }

    /// The docs tree that is built.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The output folder that `build` writes (`[ROOT]/public` unless changed).
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// Builds into `out` from now on.
    pub fn with_out(&mut self, out: impl Into<PathBuf>) -> &mut Self {
        self.out = out.into();
        self
    }

    /// Writes a file of the docs tree, creating its folders.
    pub fn write_file(&mut self, rel: &str, contents: &str) -> &mut Self {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        self
    }

    /// Runs `attestor build ROOT -o OUT --no-minify`.
    pub fn build(&mut self) -> &mut Self {
        self.build_with(&["--no-minify"])
    }

    /// Runs `attestor build ROOT -o OUT` with minified pages, as users get them.
    pub fn build_minified(&mut self) -> &mut Self {
        self.build_with(&[])
    }

    /// Runs `attestor build ROOT -o OUT` followed by `extra`.
    pub fn build_with(&mut self, extra: &[&str]) -> &mut Self {
        let mut args: Vec<OsString> =
            vec!["build".into(), self.root.clone().into(), "-o".into(), self.out.clone().into()];
        args.extend(extra.iter().map(OsString::from));
        self.run(&args)
    }

    /// Runs the binary with these arguments, in the temp folder, with no
    /// `SOURCE_DATE_EPOCH` and no CI variables ([`CI_VARIABLES`]) so that
    /// the developer's or the CI's environment does not leak in.
    pub fn run(&mut self, args: &[impl AsRef<OsStr>]) -> &mut Self {
        self.run_env(args, &[])
    }

    /// Runs the binary as `run` does, with these environment variables set
    /// (`SOURCE_DATE_EPOCH` or CI variables among them, if a test gives them).
    pub fn run_env(&mut self, args: &[impl AsRef<OsStr>], env: &[(&str, &str)]) -> &mut Self {
        // The developer's SOURCE_DATE_EPOCH and the CI's variables are
        // removed first, so that a test that sets them in `env` keeps them.
        let mut command = Command::new(ATTESTOR);
        command.env_remove("SOURCE_DATE_EPOCH");
        for var in CI_VARIABLES {
            command.env_remove(var);
        }
        let output = command
            .args(args)
            .envs(env.iter().copied())
            .current_dir(self.temp.path())
            .output()
            .unwrap_or_else(|err| panic!("cannot run `{ATTESTOR}`: {err}"));
        self.last = Some(Run {
            args: args.iter().map(|a| self.redact(&a.as_ref().to_string_lossy())).collect(),
            code: output.status.code(),
            stdout: self.redact(&String::from_utf8_lossy(&output.stdout)),
            stderr: self.redact(&String::from_utf8_lossy(&output.stderr)),
        });
        self
    }

    /// The last run; panics if nothing ran yet.
    pub fn last(&self) -> &Run {
        self.last.as_ref().expect("run or build the site first")
    }

    /// Replaces the temp folder's path with `[ROOT]`.
    pub fn redact(&self, text: &str) -> String {
        let mut text = text.to_string();
        let temp = self.temp.path();
        let canonical = temp.canonicalize().unwrap_or_else(|_| temp.to_path_buf());
        for path in [canonical, temp.to_path_buf()] {
            text = text.replace(&path.to_string_lossy().into_owned(), "[ROOT]");
        }
        text
    }

    /// Asserts that the last run exited with 0.
    pub fn expect_success(&mut self) -> &mut Self {
        self.expect_exit(0)
    }

    /// Asserts that the last run exited with `code`.
    pub fn expect_exit(&mut self, code: i32) -> &mut Self {
        let run = self.last();
        if run.code != Some(code) {
            panic!("expected exit code {code}, got {:?}\n{}", run.code, describe(run));
        }
        self
    }

    /// Asserts that stderr (redacted) contains `needle`.
    pub fn expect_stderr_contains(&mut self, needle: &str) -> &mut Self {
        let run = self.last();
        if !run.stderr.contains(needle) {
            panic!("stderr does not contain {needle:?}\n{}", describe(run));
        }
        self
    }

    /// Asserts that stderr (redacted) has exactly these lines, one after the other.
    pub fn expect_stderr_lines(&mut self, lines: &[&str]) -> &mut Self {
        let run = self.last();
        let actual: Vec<&str> = run.stderr.lines().collect();
        if !actual.windows(lines.len()).any(|window| window == lines) {
            panic!("stderr does not have the lines\n{}\n{}", lines.join("\n"), describe(run));
        }
        self
    }

    /// Asserts that stdout (redacted) contains `needle`.
    pub fn expect_stdout_contains(&mut self, needle: &str) -> &mut Self {
        let run = self.last();
        if !run.stdout.contains(needle) {
            panic!("stdout does not contain {needle:?}\n{}", describe(run));
        }
        self
    }

    /// The text of an output file, by its path relative to OUT.
    pub fn file(&self, rel: &str) -> String {
        let path = self.out.join(rel);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|err| panic!("cannot read output `{}`: {err}", path.display()))
    }

    /// Asserts that the output file `rel` contains `needle`.
    pub fn assert_file_contains(&mut self, rel: &str, needle: &str) -> &mut Self {
        let text = self.file(rel);
        assert!(text.contains(needle), "`{rel}` does not contain {needle:?}; it is:\n{text}");
        self
    }

    /// Asserts that the output file `rel` does not contain `needle`.
    pub fn assert_file_lacks(&mut self, rel: &str, needle: &str) -> &mut Self {
        let text = self.file(rel);
        assert!(!text.contains(needle), "`{rel}` contains {needle:?}; it is:\n{text}");
        self
    }

    /// The parsed `status.json` of the output.
    pub fn status_json(&self) -> serde_json::Value {
        serde_json::from_str(&self.file("status.json")).expect("status.json is valid JSON")
    }

    /// Compares `status.json` with the fixture's golden file `expected_rel`.
    pub fn check_status_json_golden(&mut self, expected_rel: &str) -> &mut Self {
        let actual = self.redact(&self.file("status.json"));
        golden::assert_golden(&self.fixture, expected_rel, &actual);
        self
    }

    /// Compares the `<main>…</main>` of an unminified page with a golden file.
    pub fn check_main_file(&mut self, page_rel: &str, expected_rel: &str) -> &mut Self {
        let page = self.file(page_rel);
        let main = golden::main_of(&page)
            .unwrap_or_else(|| panic!("`{page_rel}` has no <main>…</main>; it is:\n{page}"));
        golden::assert_golden(&self.fixture, expected_rel, &self.redact(main));
        self
    }

    /// Every file under OUT, by relative path, with its bytes.
    pub fn output_files(&self) -> BTreeMap<String, Vec<u8>> {
        read_tree(&self.out)
    }
}

/// Every file under `dir` by `/`-separated relative path, with its bytes.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let entries = std::fs::read_dir(&folder)
            .unwrap_or_else(|err| panic!("cannot read `{}`: {err}", folder.display()));
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = rel_path(dir, &path);
                files.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// The `/`-separated path of `path` under `base`.
pub fn rel_path(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap();
    let parts: Vec<_> = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect();
    parts.join("/")
}

/// Names the files that differ between two trees, or `None` if they are equal.
pub fn tree_difference(
    left: &BTreeMap<String, Vec<u8>>,
    right: &BTreeMap<String, Vec<u8>>,
) -> Option<String> {
    let mut lines = Vec::new();
    for (rel, bytes) in left {
        match right.get(rel) {
            None => lines.push(format!("only in the first: {rel}")),
            Some(other) if other != bytes => lines.push(format!("differs: {rel}")),
            Some(_) => {}
        }
    }
    lines.extend(
        right
            .keys()
            .filter(|rel| !left.contains_key(*rel))
            .map(|r| format!("only in the second: {r}")),
    );
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// Copies a folder recursively, leaving out paths that start with `leave_out`
/// (a fixture's `expected/` folder holds golden files, not docs).
fn copy_tree(src: &Path, dst: &Path, leave_out: Option<&str>) {
    for (rel, bytes) in read_tree(src) {
        if leave_out.is_some_and(|prefix| rel.starts_with(prefix)) {
            continue;
        }
        let dest = dst.join(&rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::write(dest, bytes).unwrap();
    }
}

fn describe(run: &Run) -> String {
    format!(
        "command: attestor {}\nexit code: {:?}\n--- stdout\n{}\n--- stderr\n{}",
        run.args.join(" "),
        run.code,
        run.stdout,
        run.stderr
    )
}
