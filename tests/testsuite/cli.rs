//! The command line beyond build and check's own flags: unknown keys of
//! `attestor.toml` named with the nearest known key; `--quiet`,
//! `--verbose`, the progress bar (only on a terminal) and the summary
//! line with paths as typed.

use crate::site_test::SiteTest;

// Each unknown key of attestor.toml is an error at its line with the nearest
// known key, and the rest of the file still applies (the title).
#[test]
fn unknown_config_keys_name_the_nearest_known_key_and_the_rest_applies() {
    let mut test = SiteTest::empty("keys");
    test.write_file("notes.md", "# Notes\n")
        .write_file(
            "attestor.toml",
            "title = \"Keys\"\nstale_after_day = 30\n\n[ids]\npattern = [\"web-[a-z0-9]{3}\"]\n",
        )
        .run(&["check", "keys"])
        .expect_exit(1)
        .expect_stderr_lines(&[
            "error[A260]: unknown key `stale_after_day`; it is ignored",
            " --> attestor.toml:2:1",
            "  |",
            "2 | stale_after_day = 30",
            "  | ^^^^^^^^^^^^^^^",
            "  |",
            "  = help: did you mean `stale_after_days`? docs/configuration.md lists every key",
            "",
            "error[A260]: unknown key `pattern` in `[ids]`; it is ignored",
            " --> attestor.toml:5:1",
        ])
        .expect_stderr_contains(
            "  = help: did you mean `patterns`? docs/configuration.md lists every key",
        );
    test.build().expect_success();
    test.assert_file_contains("index.html", "<title>Keys");
}

/// A tree with one error (frontmatter that is not YAML) and one warning (a
/// log named but missing).
fn one_error_one_warning() -> SiteTest {
    let mut test = SiteTest::empty("q");
    test.write_file("broken.md", "---\ntitle: [unclosed\n---\n# Broken front\n")
        .write_file("plan.md", "# Plan\n\n- Log: `tests/missing-run.txt`\n");
    test
}

// Without a terminal, build prints its diagnostics and the summary line and
// nothing else: no progress drawing reaches a log.
#[test]
fn build_prints_no_progress_when_stderr_is_no_terminal() {
    let mut test = one_error_one_warning();
    test.run(&["build", "q", "-o", "./portal"]).expect_success();
    let stderr = test.last().stderr.clone();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines,
        [
            "error[A021]: frontmatter is not valid YAML: did not find expected ',' or ']'",
            "  --> broken.md:3",
            "  = help: fix the YAML; until then the document is read without it",
            "warning[A030]: `tests/missing-run.txt` is named here but is not in the docs tree",
            "  --> plan.md:3",
            "  = help: fix the path, or add the file (evidence not yet captured shows as missing)",
            lines[6],
        ]
    );
    // The summary line names the output folder as it was typed.
    assert!(
        lines[6]
            .starts_with("Built 2 documents, 0 tasks, 0 evidence files (1 error, 1 warning) in ")
    );
    assert!(lines[6].ends_with("s -> ./portal"), "{}", lines[6]);
}

// --quiet: the error and the summary line; the warning is only counted.
#[test]
fn quiet_prints_errors_and_the_summary_line_only() {
    let mut test = one_error_one_warning();
    for args in [["-q", "build", "q"], ["build", "q", "--quiet"]] {
        test.run(&args).expect_success();
        let stderr = test.last().stderr.clone();
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(lines.len(), 4, "{stderr}");
        assert_eq!(
            lines[0],
            "error[A021]: frontmatter is not valid YAML: did not find expected ',' or ']'"
        );
        assert!(
            lines[3]
                .starts_with("Built 2 documents, 0 tasks, 0 evidence files (1 error, 1 warning)")
        );
    }
    test.run(&["check", "q", "--quiet"]).expect_exit(1);
    let stderr = test.last().stderr.clone();
    assert!(!stderr.contains("A030"), "{stderr}");
    assert!(stderr.starts_with("error[A021]"), "{stderr}");
    assert!(stderr.lines().last().unwrap().starts_with("Checked 2 documents"), "{stderr}");
    // A clean init prints its summary line only.
    test.run(&["init", "fresh", "-q"]).expect_success();
    let stderr = test.last().stderr.clone();
    assert!(
        stderr.starts_with("Initialised fresh: wrote attestor.toml and an example tree"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

// --quiet and --verbose together are a usage error (64).
#[test]
fn quiet_and_verbose_conflict() {
    let mut test = SiteTest::empty("q");
    test.run(&["build", "q", "-q", "-v"])
        .expect_exit(64)
        .expect_stderr_contains("error: the argument '--quiet' cannot be used with '--verbose'");
}

// --verbose prints every diagnostic (build prints the first 20 otherwise),
// the config read and how many files were written.
#[test]
fn verbose_prints_every_diagnostic_and_the_config_read() {
    let mut test = SiteTest::empty("many");
    let lines: String = (1..=25).map(|n| format!("- Log: `tests/missing-{n:02}.txt`\n")).collect();
    test.write_file("plan.md", &format!("# Plan\n\n{lines}"));
    test.run(&["build", "many"]).expect_success().expect_stderr_contains(
        "... and 5 more; `attestor check` or `--verbose` prints them all, and the portal's All files page lists them",
    );
    test.run(&["build", "many", "--verbose"]).expect_success();
    let stderr = test.last().stderr.clone();
    assert_eq!(stderr.matches("warning[A030]").count(), 25, "{stderr}");
    assert!(!stderr.contains("... and"), "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(lines.contains(&"config: no attestor.toml in many; the defaults"), "{stderr}");
    assert!(lines.iter().any(|l| l.ends_with(" files written to public")), "{stderr}");
    // How long each stage took, before the summary line.
    for stage in ["parse", "link", "document pages, search index", "swap"] {
        let timed = |l: &&str| l.trim_start().split_once("s  ").is_some_and(|(_, s)| s == stage);
        assert!(lines.iter().any(timed), "no time for {stage}: {stderr}");
    }
    let last = lines.last().copied().unwrap_or_default();
    assert!(last.starts_with("Built 1 document, 0 tasks"), "{last}");
}

// On a terminal (a pseudo-terminal from `script`), build draws a progress
// bar over its stages, and clears it before the summary line.
#[cfg(target_os = "linux")]
#[test]
fn build_draws_a_progress_bar_on_a_terminal() {
    let script = std::path::Path::new("/usr/bin/script");
    if !script.exists() {
        eprintln!("skipped: no /usr/bin/script to run attestor on a pseudo-terminal");
        return;
    }
    let test = one_error_one_warning();
    let command = format!("{} build q -o out", env!("CARGO_BIN_EXE_attestor"));
    let output = std::process::Command::new(script)
        .args(["-qec", &command, "/dev/null"])
        .current_dir(test.temp())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{text}");
    assert!(text.contains(" building q: "), "{text}");
    assert!(text.contains(&format!("/{} ", attestor::BUILD_STAGES)), "{text}");
    assert!(text.contains("Built 2 documents"), "{text}");
}

// Every shell's completion script is printed on stdout and names every
// command and a flag of each.
#[test]
fn completions_name_every_command_in_every_shell() {
    let mut test = SiteTest::empty("unused");
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        test.run(&["completions", shell]).expect_success();
        let script = test.last().stdout.clone();
        for word in ["build", "check", "init", "merge", "completions", "man", "base-url", "deny"] {
            assert!(script.contains(word), "{shell} completions lack `{word}`");
        }
        assert!(test.last().stderr.is_empty(), "{shell}: {}", test.last().stderr);
    }
    test.run(&["completions", "tcsh"])
        .expect_exit(64)
        .expect_stderr_contains("error: invalid value 'tcsh' for '<SHELL>'");
}

// `attestor man` prints a roff page that lists the commands; `man build`
// the page of build with its flags and exit codes.
#[test]
fn man_pages_list_the_commands_and_each_commands_flags() {
    let mut test = SiteTest::empty("unused");
    test.run(&["man"]).expect_success();
    let page = test.last().stdout.clone();
    assert!(page.contains(".TH attestor 1"), "{page}");
    for command in ["attestor\\-build(1)", "attestor\\-check(1)", "attestor\\-init(1)"] {
        assert!(page.contains(command), "the man page lacks {command}");
    }
    test.run(&["man", "build"]).expect_success();
    let page = test.last().stdout.clone();
    assert!(page.contains(".TH attestor-build 1"), "{page}");
    assert!(page.contains("\\fBattestor build\\fR"), "{page}");
    for flag in ["\\-\\-strict", "\\-\\-base\\-url", "\\-\\-quiet", "Exit codes:"] {
        assert!(page.contains(flag), "the build page lacks {flag}");
    }
    test.run(&["man", "nope"])
        .expect_exit(64)
        .expect_stderr_contains("error: invalid value 'nope' for '[COMMAND]'");
}
