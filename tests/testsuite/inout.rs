//! Files in and out, tried as a hostile user would (issue 9): which output
//! folders a build may replace, what a killed build leaves and the next one
//! removes, special files in the tree, theme and config files that lead
//! outside ROOT, `include` globs that are wrong or match nothing, and paths
//! in messages as the user typed them.
//!
//! The fixture is `inout/tree/`: a plan with two tasks, a note and a README.
//! Each test adds what it needs (symlinks, FIFOs, sockets, leftovers) with
//! `write_file` or `std`, since git cannot hold them.

use std::path::Path;

use serde_json::Value;

use crate::html;
use crate::site_test::{SiteTest, read_tree};
use crate::status::diagnostic_lines;

/// The paths of every document in `status.json`.
fn document_paths(status: &Value) -> Vec<String> {
    let documents = status["documents"].as_array().unwrap();
    documents.iter().map(|d| d["path"].as_str().unwrap().to_string()).collect()
}

/// The names in a folder, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Asserts that the All files page has the row `path | reason`.
fn assert_listed(test: &SiteTest, path: &str, reason: &str) {
    let rows = html::row_texts(&test.file("files.html"));
    let row = format!("{path} | {reason}");
    assert!(rows.contains(&row), "files.html has no row {row:?}; rows: {rows:#?}");
}

/// The output files whose text holds `needle`.
fn files_holding(test: &SiteTest, needle: &str) -> Vec<String> {
    let files = test.output_files().into_iter();
    files
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(needle))
        .map(|(rel, _)| rel)
        .collect()
}

// See: issue 9. A folder holding a `status.json` of the user's is not taken
// for a portal: the build is refused and every file in it survives.
#[test]
fn refuses_output_with_status_json_but_no_marker() {
    let mut test = SiteTest::from_dir("inout/tree");
    let reports = test.temp().join("reports");
    std::fs::create_dir(&reports).unwrap();
    std::fs::write(reports.join("status.json"), "{\"mine\": true}\n").unwrap();
    std::fs::write(reports.join("budget.csv"), "quarter,spend\nQ1,10\n").unwrap();
    test.with_out(&reports).build().expect_exit(2).expect_stderr_lines(&[
        "error: output folder `[ROOT]/reports` has files attestor did not write; choose another folder with -o, or empty it",
    ]);
    assert_eq!(names_in(&reports), ["budget.csv", "status.json"]);
    assert_eq!(std::fs::read_to_string(reports.join("status.json")).unwrap(), "{\"mine\": true}\n");
}

// Every portal carries `.attestor-portal` (name and version); a second build
// replaces the first whole and leaves no staging folder beside it.
#[test]
fn replaces_its_own_portal_and_leaves_nothing_behind() {
    let mut test = SiteTest::from_dir("inout/tree");
    test.build().expect_success();
    assert_eq!(test.file(".attestor-portal"), "attestor 0.1.0\n");
    let first = test.output_files();
    std::fs::write(test.out().join("stale.html"), "from an older build").unwrap();
    test.write_file("notes/berths.md", "# Berths\n\nTwelve berths on the east quay.\n");
    test.build().expect_success();
    let second = test.output_files();
    assert!(!second.contains_key("stale.html"), "the old portal was not replaced whole");
    assert!(second.contains_key("docs/notes/berths.html"), "files: {:?}", second.keys());
    assert_eq!(second.get(".attestor-portal"), first.get(".attestor-portal"));
    assert_eq!(names_in(test.temp()), ["public", "tree"], "something was left beside the portal");
}

// See: issue 9. A killed build leaves `.public.attestor-new-<pid>` (here with
// 50 documents in it) inside ROOT, beside an output folder inside ROOT: the
// next build reads none of it and removes it, and also an `-old-` one.
#[test]
fn removes_and_never_reads_leftovers_of_a_killed_build() {
    let mut test = SiteTest::from_dir("inout/tree");
    let out = test.root().join("public");
    test.with_out(&out).build().expect_success();
    let before = document_paths(&test.status_json());
    for n in 0..50 {
        test.write_file(&format!(".public.attestor-new-99999999/page-{n}.md"), "# Left over\n");
    }
    test.write_file(".public.attestor-old-99999998/.attestor-portal", "attestor 0.1.0\n");
    test.write_file(".public.attestor-old-99999998/index.html", "<p>old</p>\n");
    test.build().expect_success();
    assert_eq!(document_paths(&test.status_json()), before);
    assert_eq!(test.status_json()["summary"]["documents"], before.len());
    assert_eq!(names_in(test.root()), ["README.md", "notes", "plans", "public"]);
}

// Another portal inside ROOT (an earlier build's `-o`) is never read as
// input; All files lists it with why.
#[test]
fn lists_an_older_portal_inside_root_without_reading_it() {
    let mut test = SiteTest::from_dir("inout/tree");
    let site = test.root().join("site");
    test.with_out(site).build().expect_success();
    let out = test.temp().join("public");
    test.with_out(&out).build().expect_success();
    let paths = document_paths(&test.status_json());
    assert_eq!(paths, ["README.md", "notes/tides.md", "plans/harbour-plan.md"]);
    let reason =
        "a portal attestor wrote (it holds `.attestor-portal`); output is never read as input";
    assert_listed(&test, "site", reason);
}

// See: issue 9. A FIFO, a socket and a symlink to the FIFO are listed with
// what they are and reported, never opened: the build does not hang.
#[cfg(unix)]
#[test]
fn lists_special_files_and_never_opens_them() {
    let mut test = SiteTest::from_dir("inout/tree");
    let notes = test.root().join("notes");
    let made = std::process::Command::new("mkfifo").arg(notes.join("pipe.md")).status().unwrap();
    assert!(made.success(), "mkfifo failed");
    let _socket = std::os::unix::net::UnixListener::bind(notes.join("control.sock")).unwrap();
    std::os::unix::fs::symlink(notes.join("pipe.md"), notes.join("pipe-link.md")).unwrap();
    test.build().expect_success().expect_stderr_lines(&[
        "warning[A170]: `notes/pipe.md` is a named pipe (FIFO); it is never opened",
        "  --> notes/pipe.md",
    ]);
    assert_eq!(
        diagnostic_lines(&test),
        [
            "warning[A170] notes/control.sock:0 `notes/control.sock` is a socket; it is never opened",
            "warning[A170] notes/pipe-link.md:0 `notes/pipe-link.md` is a symlink to a named pipe (FIFO); it is never opened",
            "warning[A170] notes/pipe.md:0 `notes/pipe.md` is a named pipe (FIFO); it is never opened",
        ]
    );
    assert_listed(&test, "notes/pipe.md", "a named pipe (FIFO); special files are never opened");
    assert_listed(
        &test,
        "notes/pipe-link.md",
        "a symlink to a named pipe (FIFO); special files are never opened",
    );
    assert_listed(&test, "notes/control.sock", "a socket; special files are never opened");
}

/// A theme folder outside ROOT whose dashboard would show `THEME-LEAK-41`.
fn outside_theme(test: &SiteTest) -> std::path::PathBuf {
    let theme = test.temp().join("elsewhere");
    let template = theme.join("templates/dashboard.html");
    std::fs::create_dir_all(template.parent().unwrap()).unwrap();
    std::fs::write(template, "THEME-LEAK-41").unwrap();
    theme
}

// See: issue 9. `theme = "../elsewhere"`, an absolute path outside ROOT and
// a theme folder that is a symlink leading outside are never read; each is
// an A171 at the `theme` line and the default theme is used.
#[test]
fn never_reads_a_theme_folder_outside_root() {
    let mut test = SiteTest::from_dir("inout/tree");
    let theme = outside_theme(&test);
    let absolute = theme.display().to_string();
    let cases = [
        ("../elsewhere".to_string(), "theme folder `../elsewhere` is outside the docs folder"),
        (absolute.clone(), "theme folder `[ROOT]/elsewhere` is outside the docs folder"),
        ("look".to_string(), "theme folder `look` is outside the docs folder"),
        ("missing".to_string(), "theme folder `missing` does not exist"),
    ];
    #[cfg(unix)]
    std::os::unix::fs::symlink(&theme, test.root().join("look")).unwrap();
    for (setting, message) in cases {
        if cfg!(not(unix)) && setting == "look" {
            continue;
        }
        test.write_file("attestor.toml", &format!("# The portal's look.\ntheme = {setting:?}\n"));
        test.build().expect_success().expect_stderr_lines(&[
            &format!("error[A171]: {message}; it is not read"),
            "  --> attestor.toml:2",
        ]);
        assert_eq!(files_holding(&test, "THEME-LEAK-41"), Vec::<String>::new(), "{setting}");
        test.assert_file_contains("index.html", "<main");
    }
}

// See: issue 9. In a theme inside ROOT, a template, the stylesheet and a
// static file that are symlinks leading outside ROOT are never read (A172
// each, the defaults stand in); a FIFO named like a template does not hang
// the build.
#[cfg(unix)]
#[test]
fn never_reads_theme_files_that_lead_outside() {
    let mut test = SiteTest::from_dir("inout/tree");
    test.write_file("attestor.toml", "theme = \"look\"\n");
    test.write_file("look/static/logo.txt", "harbour logo\n");
    let secret = test.temp().join("secret.txt");
    std::fs::write(&secret, "SECRET-LEAK-77 {{ root }}").unwrap();
    let look = test.root().join("look");
    for rel in ["templates/404.html", "css/style.css", "static/leak.txt"] {
        std::fs::create_dir_all(look.join(rel).parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(&secret, look.join(rel)).unwrap();
    }
    let fifo = look.join("templates/tasks.html");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    test.build().expect_success();
    let outside = "leads outside the theme folder through a symlink; it is not read";
    assert_eq!(
        diagnostic_lines(&test),
        [
            format!("error[A172] look/css/style.css:0 theme file `look/css/style.css` {outside}"),
            format!("error[A172] look/static/leak.txt:0 theme file `look/static/leak.txt` {outside}"),
            format!("error[A172] look/templates/404.html:0 theme file `look/templates/404.html` {outside}"),
            "error[A172] look/templates/tasks.html:0 theme file `look/templates/tasks.html` is a named pipe (FIFO), not a regular file; it is not read".to_string(),
        ]
    );
    assert_eq!(files_holding(&test, "SECRET-LEAK-77"), Vec::<String>::new());
    assert_eq!(test.file("assets/logo.txt"), "harbour logo\n");
    test.assert_file_contains("404.html", "Page not found");
}

// See: issue 9. An attestor.toml that is a symlink leading outside ROOT is
// never read (A173); the defaults stand in.
#[cfg(unix)]
#[test]
fn never_reads_a_config_that_leads_outside_root() {
    let mut test = SiteTest::from_dir("inout/tree");
    let outside = test.temp().join("shared.toml");
    std::fs::write(&outside, "title = \"CONFIG-LEAK-19\"\n").unwrap();
    std::os::unix::fs::symlink(&outside, test.root().join("attestor.toml")).unwrap();
    test.build().expect_success().expect_stderr_lines(&[
        "error[A173]: `attestor.toml` is a symlink that leads outside the docs folder; it is not read",
        "  --> attestor.toml",
    ]);
    assert_eq!(files_holding(&test, "CONFIG-LEAK-19"), Vec::<String>::new());
    test.assert_file_contains("index.html", "tree status");
}

// See: issue 9. An invalid `include` glob is reported at its line and
// ignored: every file is still read.
#[test]
fn bad_include_glob_is_reported_at_its_line_and_ignored() {
    let mut test = SiteTest::from_dir("inout/tree");
    test.build().expect_success();
    let all = document_paths(&test.status_json());
    test.write_file("attestor.toml", "title = \"Harbour\"\ninclude = [\n  \"plans/[a-\",\n]\n");
    test.build().expect_success();
    assert_eq!(
        diagnostic_lines(&test),
        [
            "error[A051] attestor.toml:3 bad glob `plans/[a-` in `include`: unclosed character class; missing ']'; it is ignored"
        ]
    );
    assert_eq!(document_paths(&test.status_json()), all);
}

// See: issue 9. An `include` that matches no file is a warning at its line,
// and All files lists every file it left out: nothing is dropped silently.
#[test]
fn include_that_matches_nothing_is_reported_with_what_it_left_out() {
    let mut test = SiteTest::from_dir("inout/tree");
    test.write_file("attestor.toml", "title = \"Harbour\"\ninclude = [\"plan/**\"]\n");
    test.build().expect_success().expect_stderr_lines(&[
        "warning[A174]: `include` matches no file in the docs folder, so nothing is read; the 3 files it leaves out are listed as not read",
        "  --> attestor.toml:2",
    ]);
    assert_eq!(document_paths(&test.status_json()), Vec::<String>::new());
    let reason = "matched by no `include` glob of attestor.toml";
    assert_listed(&test, "plans/harbour-plan.md", reason);
}

// An output folder given relative to the working folder is named as typed in
// every message, with no absolute path of the build machine: a refused
// folder, an output that is a file, an output under a file, and the summary.
#[test]
fn messages_name_paths_as_the_user_typed_them() {
    let mut test = SiteTest::from_dir("inout/tree");
    std::fs::create_dir(test.temp().join("mine")).unwrap();
    std::fs::write(test.temp().join("mine/todo.txt"), "buy rope\n").unwrap();
    std::fs::write(test.temp().join("notes.txt"), "a file, not a folder\n").unwrap();
    test.run(&["build", "tree", "-o", "mine"]).expect_exit(2).expect_stderr_lines(&[
        "error: output folder `mine` has files attestor did not write; choose another folder with -o, or empty it",
    ]);
    test.run(&["build", "tree", "-o", "notes.txt"])
        .expect_exit(2)
        .expect_stderr_lines(&["error: output `notes.txt` exists and is not a folder"]);
    test.run(&["build", "tree", "-o", "notes.txt/site"])
        .expect_exit(2)
        .expect_stderr_lines(&["error: cannot read output `notes.txt/site`"]);
    test.run(&["build", "tree", "-o", "./site/"]).expect_success();
    let summary = test.last().stderr.lines().last().unwrap_or_default().to_string();
    assert!(summary.ends_with(" -> ./site/"), "{summary}");
    test.run(&["build", "missing", "-o", "site"])
        .expect_exit(2)
        .expect_stderr_lines(&["error: cannot open docs folder `missing`"]);
    test.run(&["build", "tree", "-o", "tree/.."]).expect_exit(2).expect_stderr_lines(&[
        "error: the output folder `tree/..` would replace the docs folder; choose another with -o",
    ]);
    assert_eq!(read_tree(&test.temp().join("mine")).len(), 1);
}
