//! Tests of `attestor check`, the pull-request gate: its exit codes, its
//! three output forms (rustc-style with the source line, JSON lines, GitHub
//! annotations), and that it writes nothing.
//!
//! Fixtures are under `check/<case>/`: `clean` has no diagnostic,
//! `warnings` one warning (a log named but missing), `errors` one error (a
//! duplicate task id).

use std::ffi::OsString;

use serde_json::Value;

use crate::site_test::{SiteTest, read_tree};

/// Runs `attestor check ROOT` followed by `extra`.
fn check(test: &mut SiteTest, extra: &[&str]) {
    let mut args: Vec<OsString> = vec!["check".into(), test.root().into()];
    args.extend(extra.iter().map(OsString::from));
    test.run(&args);
}

/// The summary line with its time taken out: `Checked … in [TIME]`.
fn summary_of(test: &SiteTest) -> String {
    let last = test.last().stderr.lines().last().unwrap_or_default();
    regex::Regex::new(r"in \d+\.\d\ds$").unwrap().replace(last, "in [TIME]").into_owned()
}

// A clean tree passes (exit 0), prints only the summary line, and nothing
// under the temp folder changes: no portal, no staging folder.
#[test]
fn passes_clean_tree_and_writes_nothing() {
    let mut test = SiteTest::from_dir("check/clean");
    let before = read_tree(test.temp());
    check(&mut test, &[]);
    test.expect_success();
    assert_eq!(test.last().stdout, "");
    assert_eq!(test.last().stderr.lines().count(), 1, "{}", test.last().stderr);
    assert_eq!(
        summary_of(&test),
        "Checked 1 document, 2 tasks, 0 evidence files (0 errors, 0 warnings) in [TIME]"
    );
    assert_eq!(read_tree(test.temp()), before, "check wrote or changed files");
    assert!(!test.out().exists(), "check created the output folder");
}

// A warning is shown the way rustc shows one: code, place with its column,
// the source line with the named file underlined, and help; it passes
// (exit 0) unless warnings are denied (exit 1).
#[test]
fn shows_warning_with_its_source_line_and_passes_unless_denied() {
    let mut test = SiteTest::from_dir("check/warnings");
    check(&mut test, &[]);
    test.expect_success().expect_stderr_lines(&[
        "warning[A030]: `tests/2026-02-10-dry-run.txt` is named here but is not in the docs tree",
        " --> sessions/2026-02-10-dry-run.md:8:17",
        "  |",
        "8 | - Dry-run log: `tests/2026-02-10-dry-run.txt`",
        "  |                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
        "  |",
        "  = help: fix the path, or add the file (evidence not yet captured shows as missing)",
    ]);
    assert_eq!(
        summary_of(&test),
        "Checked 2 documents, 2 tasks, 0 evidence files (0 errors, 1 warning) in [TIME]"
    );
    check(&mut test, &["--deny", "warnings"]);
    test.expect_exit(1).expect_stderr_contains("warning[A030]");
}

// An error fails the check (exit 1), with the line of the second definition
// shown and the duplicate id underlined.
#[test]
fn fails_on_error_and_points_at_its_line() {
    let mut test = SiteTest::from_dir("check/errors");
    check(&mut test, &[]);
    test.expect_exit(1).expect_stderr_lines(&[
        "error[A105]: duplicate task id `R-001` (first defined at line 5); shown as `R-001~dup`",
        " --> plans/rollout.md:7:3",
        "  |",
        "7 | | R-001 | Switch the traffic over | Todo |",
        "  |   ^^^^^",
    ]);
}

// The line a snippet shows is the line the parser saw: a CRLF file with a
// byte-order mark shows its line without `\r`; a binary file shows no line,
// only its place; so does a problem of a whole file (line 0).
#[test]
fn snippet_shows_the_decoded_line_and_whole_file_problems_have_none() {
    let mut test = SiteTest::from_dir("check/warnings");
    let session = test.root().join("sessions/2026-02-10-dry-run.md");
    let text = std::fs::read_to_string(&session).unwrap().replace('\n', "\r\n");
    std::fs::write(&session, [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat()).unwrap();
    std::fs::write(test.root().join("logo.md"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    test.write_file("attestor.toml", "[headline]\nkinds = [\"plan\", \"chapter\"]\n");
    check(&mut test, &[]);
    test.expect_exit(1).expect_stderr_lines(&[
        "8 | - Dry-run log: `tests/2026-02-10-dry-run.txt`",
        "  |                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
    ]);
    assert!(!test.last().stderr.contains('\r'), "a CR reached the output: {:?}", test.last());
    test.expect_stderr_lines(&[
        "error[A054]: `[headline] kinds` names `chapter`, which is not a document kind",
        "--> attestor.toml",
        " = help: use plan, session, tracker or page",
        "",
        "warning[A008]: file holds a PNG image, not text; it is listed, not read",
        "--> logo.md:1",
        " = help: give the file the extension of what it holds, or exclude it in attestor.toml",
    ]);
}

// `--format json` prints one JSON object per line on stdout and nothing
// else, each with code, severity, path, line, col, message and help; notes
// (info) are included, with `null` for a line and column they do not have.
#[test]
fn json_format_prints_one_object_per_line_with_its_place() {
    let mut test = SiteTest::from_dir("check/warnings");
    let utf16: Vec<u8> =
        "# Notes\n\nPlain words.\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(test.root().join("notes.md"), [&[0xFF, 0xFE][..], &utf16].concat()).unwrap();
    check(&mut test, &["--format", "json"]);
    test.expect_success();
    let objects: Vec<Value> = test
        .last()
        .stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{line:?}: {e}")))
        .collect();
    let mut keys = ["code", "severity", "path", "line", "col", "message", "help"];
    keys.sort();
    for object in &objects {
        let mut found: Vec<&str> = object.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        found.sort();
        assert_eq!(found, keys, "{object}");
    }
    let places: Vec<String> = objects
        .iter()
        .map(|o| {
            format!("{} {} {}:{}:{}", o["code"], o["severity"], o["path"], o["line"], o["col"])
        })
        .collect();
    assert_eq!(
        places,
        [
            r#""A005" "info" "notes.md":null:null"#,
            r#""A030" "warning" "sessions/2026-02-10-dry-run.md":8:17"#,
        ]
    );
    assert_eq!(
        summary_of(&test),
        "Checked 3 documents, 2 tasks, 0 evidence files (0 errors, 1 warning) in [TIME]"
    );
}

// `--format github` prints workflow annotations on stdout, warnings and
// errors only.
#[test]
fn github_format_prints_workflow_annotations() {
    let mut test = SiteTest::from_dir("check/warnings");
    check(&mut test, &["--format", "github", "--deny", "warnings"]);
    test.expect_exit(1);
    assert_eq!(
        test.last().stdout,
        "::warning file=sessions/2026-02-10-dry-run.md,line=8,col=17,title=A030::[A030] \
         `tests/2026-02-10-dry-run.txt` is named here but is not in the docs tree \
         (help: fix the path, or add the file (evidence not yet captured shows as missing))\n"
    );
}

// A ROOT that does not exist means attestor cannot run: exit 2, with the
// folder named as the user gave it.
#[test]
fn missing_root_cannot_run() {
    let mut test = SiteTest::from_dir("check/clean");
    test.run(&["check", "no-such-folder"]).expect_exit(2).expect_stderr_lines(&[
        "error: cannot open docs folder `no-such-folder`",
        "  caused by: No such file or directory (os error 2)",
    ]);
}

// A command line attestor cannot understand is a usage error, 64 (EX_USAGE),
// for every command and for none; --help and --version still exit 0, and
// each command's help states the exit codes.
#[test]
fn usage_errors_exit_64_and_help_states_exit_codes() {
    let mut test = SiteTest::from_dir("check/clean");
    for args in [
        &["check", "--bogus"][..],
        &["check", "--deny"],
        &["build", "--bogus"],
        &["frobnicate"],
        &[],
    ] {
        test.run(args).expect_exit(64);
        let run = test.last();
        assert!(run.stdout.is_empty() && !run.stderr.is_empty(), "{args:?}: {run:?}");
    }
    test.run(&["check", "--format", "xml"])
        .expect_exit(64)
        .expect_stderr_contains("error: invalid value 'xml' for '--format <FORMAT>'");
    test.run(&["check", "--deny", "everything"])
        .expect_exit(64)
        .expect_stderr_contains("error: invalid value 'everything' for '--deny <LEVEL>'");
    for command in ["check", "build"] {
        test.run(&[command, "--help"])
            .expect_success()
            .expect_stdout_contains("Exit codes:\n  0   ")
            .expect_stdout_contains("\n  64  usage error");
    }
    test.run(&["check", "--help"]).expect_stdout_contains("--deny <LEVEL>");
}
