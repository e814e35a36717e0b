//! Tests of `attestor init`: the example tree in an empty folder that
//! `check` finds clean, the guesses on a tree that has docs (id patterns
//! the default misses, owners spelt two ways, tool folders), and that init
//! never overwrites anything.
//!
//! The fixture `init/mixed/` has ids the default pattern reads (`AUTH-12`),
//! ids it does not (`web-x3f`), and owners spelt `Backend Agent` and
//! `backend-agent`, and `Frontend Agent` and `Frontend Agnet`.

use crate::site_test::{SiteTest, read_tree, tree_difference};

/// The lines of `attestor.toml` that are settings, not comments or blanks.
fn settings(text: &str) -> Vec<&str> {
    text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).collect()
}

// In a folder that does not exist yet, init writes attestor.toml and the
// example tree, and `check` on it finds nothing (exit 0, no warning).
#[test]
fn init_writes_an_example_tree_that_checks_clean() {
    let mut test = SiteTest::empty("unused");
    test.run(&["init", "fresh"]).expect_success().expect_stderr_lines(&[
        "wrote fresh/attestor.toml",
        "wrote fresh/README.md",
        "wrote fresh/plans/launch-plan.md",
        "wrote fresh/sessions/2026-01-06-first-tests.md",
        "wrote fresh/tests/2026-01-06-unit-tests.txt",
        "next: `attestor build fresh`, then open public/index.html",
        "Initialised fresh: wrote attestor.toml and an example tree of 4 files; guessed 0 id patterns, 0 owners spelt several ways and 0 excludes",
    ]);
    test.run(&["check", "fresh", "--deny", "warnings"]).expect_success();
    let checked = test.last().stderr.clone();
    assert!(
        checked.starts_with("Checked 4 documents, 3 tasks, 1 evidence file (0 errors, 0 warnings)"),
        "{checked}"
    );
    // The example shows every verdict a done task can have but contradicted.
    test.run(&["build", "fresh", "-o", "public"]).expect_success();
    let status = test.status_json();
    let tasks: Vec<String> = status["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| format!("{} {} {}", t["id"], t["status"], t["verification"]))
        .collect();
    assert_eq!(
        tasks,
        [
            r#""T-001" "done" "claimed""#,
            r#""T-002" "done" "verified""#,
            r#""T-003" "open" "pending""#
        ]
    );
    assert_eq!(status["claims"][0]["verdict"], "supported");
}

// A second init refuses with exit 2 and leaves the first file byte for byte.
#[test]
fn init_refuses_a_folder_that_has_an_attestor_toml() {
    let mut test = SiteTest::empty("unused");
    test.run(&["init", "again"]).expect_success();
    let before = read_tree(&test.temp().join("again"));
    test.run(&["init", "again"]).expect_exit(2).expect_stderr_lines(&[
        "error: `again/attestor.toml` already exists; init writes nothing and leaves it as it is (edit it, or remove it to start again)",
    ]);
    assert_eq!(read_tree(&test.temp().join("again")), before);
}

// An example file's path that is taken stops init before it writes anything.
#[test]
fn init_refuses_to_write_over_a_file_of_the_example() {
    let mut test = SiteTest::empty("taken");
    test.write_file("tests/2026-01-06-unit-tests.txt", "my own log\n");
    test.run(&["init", "taken"]).expect_exit(2).expect_stderr_lines(&[
        "error: `taken/tests/2026-01-06-unit-tests.txt` already exist(s); init writes nothing (move it away to get the example tree)",
    ]);
    let tree: Vec<String> = read_tree(test.root()).into_keys().collect();
    assert_eq!(tree, ["tests/2026-01-06-unit-tests.txt"]);
}

// DIR that is a file is refused.
#[test]
fn init_refuses_a_dir_that_is_a_file() {
    let mut test = SiteTest::empty("unused");
    std::fs::write(test.temp().join("notes.md"), "# notes\n").unwrap();
    test.run(&["init", "notes.md"])
        .expect_exit(2)
        .expect_stderr_lines(&["error: `notes.md` is not a folder"]);
}

// On a tree with docs, init writes only attestor.toml, and its guesses are
// right: a pattern for the ids the default misses, both owners' spellings,
// the tool folder left out. Before, the lowercase ids are local to their
// plan; after, they are ids of their own, and check is still clean.
#[test]
fn init_guesses_ids_owners_and_excludes_from_a_tree_with_docs() {
    let mut test = SiteTest::from_dir("init/mixed");
    test.write_file(".pytest_cache/v/cache/lastfailed", "{}\n");
    let before = read_tree(test.root());
    test.run(&["init", "mixed"]).expect_success().expect_stderr_lines(&[
        "wrote mixed/attestor.toml",
        "next: `attestor build mixed`, then open public/index.html",
        "Initialised mixed: wrote attestor.toml; guessed 1 id pattern, 2 owners spelt several ways and 1 exclude",
    ]);
    let after = read_tree(test.root());
    let added = tree_difference(&before, &after);
    assert_eq!(added.as_deref(), Some("only in the second: attestor.toml"));
    let toml = std::fs::read_to_string(test.root().join("attestor.toml")).unwrap();
    assert_eq!(
        settings(&toml),
        [
            r#"title = "mixed status""#,
            "exclude = [",
            r#"    "**/.pytest_cache/**",  # guessed: `.pytest_cache/` holds a tool's files"#,
            "]",
            "stale_after_days = 14",
            "remote_media = false",
            "git = false",
            "check_commits = true",
            "[ids]",
            "patterns = [",
            r#"    "web-[a-z0-9]{3}",  # guessed from 3 ids in task tables: web-k9q, web-p2m, web-x3f"#,
            "]",
            "[evidence]",
            r#"dirs = ["tests", "test-results", "deployments", "deploys", "evidence"]"#,
            "globs = []",
            "[headline]",
            r#"kinds = ["plan", "tracker"]"#,
            r#"archive = ["archive", "archived", "old", "deprecated"]"#,
            "[owners]",
            r#""Backend Agent" = ["backend-agent"]  # guessed: spellings in the tree"#,
            r#""Frontend Agent" = ["Frontend Agnet"]  # guessed: near spellings, check them"#,
        ]
    );
    assert!(toml.contains("# Found in the tree, read by the default: AUTH-… (3)."), "{toml}");

    test.run(&["check", "mixed", "--deny", "warnings"]).expect_success();
    test.build().expect_success();
    let status = test.status_json();
    let tasks: Vec<String> = status["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| format!("{} {}", t["id"].as_str().unwrap(), t["owner"].as_str().unwrap()))
        .collect();
    assert_eq!(
        tasks,
        [
            "AUTH-1 Backend Agent",
            "AUTH-12 Backend Agent",
            "AUTH-2 Backend Agent",
            "web-k9q Frontend Agent",
            "web-p2m Frontend Agent",
            "web-x3f Frontend Agent",
        ]
    );
    test.assert_file_contains("tasks/web-x3f.html", "Tidy the header spacing");
}

// The same tree without init: the lowercase ids stay local to their plan and
// the near spelling is an owner of its own (what the guesses change).
#[test]
fn without_init_the_lowercase_ids_are_local_and_the_near_spelling_apart() {
    let mut test = SiteTest::from_dir("init/mixed");
    test.build().expect_success();
    let status = test.status_json();
    let ids: Vec<&str> =
        status["tasks"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"web-polish-web-x3f"), "{ids:?}");
    let owners: Vec<&str> =
        status["tasks"].as_array().unwrap().iter().filter_map(|t| t["owner"].as_str()).collect();
    assert!(owners.contains(&"Frontend Agnet"), "{owners:?}");
}
