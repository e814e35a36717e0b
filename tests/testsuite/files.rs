//! Which files are read, and how: text in any encoding keeps its tasks,
//! only markdown is read as markdown, a sprint status is a tracker, and a
//! binary file is listed with what it holds.
//!
//! Fixtures are under `reading/files-<case>/`. Some hold bytes an editor
//! would not show: `files-nul-byte/plans/rollout.md` has NUL bytes on lines 8
//! and 10 and a Latin-1 `é` on line 3; `files-wide-text/plans/migration.md`
//! is UTF-16LE without a byte-order mark (CRLF) and `cleanup.md` UTF-32BE
//! with one; `files-binary-named-text/plans/architecture.md` is a 1×4 PNG
//! image, and so is `cover`, and `handover.txt` starts like a ZIP archive.

use serde_json::Value;

use crate::site_test::SiteTest;
use crate::status::{built, diagnostic_lines, show};

/// The tasks of `status.json` in source order: `id status "title" phase @path:line`.
fn task_lines(status: &Value) -> Vec<String> {
    let mut tasks: Vec<&Value> = status["tasks"].as_array().unwrap().iter().collect();
    tasks.sort_by_key(|t| (show(&t["source"]["path"]), t["source"]["line"].as_u64()));
    tasks
        .into_iter()
        .map(|t| {
            format!(
                "{} {} {:?} {} @{}:{}",
                show(&t["id"]),
                show(&t["status"]),
                show(&t["title"]),
                show(&t["phase"]),
                show(&t["source"]["path"]),
                show(&t["source"]["line"])
            )
        })
        .collect()
}

/// The documents of `status.json`: `path kind "title" url`.
fn document_lines(status: &Value) -> Vec<String> {
    let documents = status["documents"].as_array().unwrap();
    documents
        .iter()
        .map(|d| {
            format!(
                "{} {} {:?} {}",
                show(&d["path"]),
                show(&d["kind"]),
                show(&d["title"]),
                show(&d["url"])
            )
        })
        .collect()
}

// A markdown plan with stray NUL bytes keeps every task, and the NULs are
// removed with a warning at the first line that had one.
#[test]
fn reads_a_plan_with_nul_bytes_and_warns_at_their_line() {
    let mut test = built("reading/files-nul-byte");
    test.expect_stderr_lines(&[
        "warning[A007]: 3 NUL byte(s) removed; the rest of the file is read as text",
        "  --> plans/rollout.md:8",
    ]);
    let status = test.status_json();
    assert_eq!(
        task_lines(&status),
        [
            "RO-001 done \"Freeze the schema\" - @plans/rollout.md:7",
            "RO-002 done \"Copy the data to the new cluster\" - @plans/rollout.md:8",
            "RO-003 open \"Switch the readers\" - @plans/rollout.md:9",
            "RO-004 open \"Retire the old cluster\" - @plans/rollout.md:10",
        ]
    );
    assert_eq!(
        diagnostic_lines(&test),
        [
            "warning[A004] plans/rollout.md:3 1 byte sequence(s) are not valid UTF-8 and were replaced with �",
            "warning[A007] plans/rollout.md:8 3 NUL byte(s) removed; the rest of the file is read as text",
        ]
    );
    assert_eq!(
        document_lines(&status),
        ["plans/rollout.md plan \"Rollout plan\" docs/plans/rollout.html"]
    );
}

// UTF-16 without a byte-order mark and UTF-32 with one are read as text:
// their tasks, phases and accented titles are all there.
#[test]
fn reads_utf16_without_bom_and_utf32_plans() {
    let test = built("reading/files-wide-text");
    let status = test.status_json();
    assert_eq!(
        task_lines(&status),
        [
            "CL-001 done \"Drop the temp tables\" - @plans/cleanup.md:3",
            "CL-002 open \"Vacuum\" - @plans/cleanup.md:4",
            "MG-001 done \"Étiqueter les tables\" Phase 1 - Prepare @plans/migration.md:5",
            "MG-002 open \"Export prüfen\" Phase 1 - Prepare @plans/migration.md:6",
            "MG-003 open \"Mover los datos 🚚\" Phase 2 - Move @plans/migration.md:10",
        ]
    );
    assert_eq!(
        diagnostic_lines(&test),
        [
            "info[A006] plans/cleanup.md:0 file is UTF-32; it was converted",
            "info[A005] plans/migration.md:0 file is UTF-16; it was converted",
        ]
    );
}

// YAML files are shown as text with line numbers, never as markdown: their
// `#` comments are not headings and their `- [ ]` lines are not tasks. A
// `.txt` log that opens with `# ` is text too, and a `.txt` note shaped like
// markdown is read as markdown.
#[test]
fn shows_yaml_and_logs_as_text_and_reads_markdown_shaped_txt() {
    let test = built("reading/files-not-markdown");
    let status = test.status_json();
    assert_eq!(
        document_lines(&status),
        [
            ".github/workflows/ci.yml page \"ci.yml\" docs/.github/workflows/ci.yml.html",
            "docker-compose.yml page \"docker-compose.yml\" docs/docker-compose.yml.html",
            "notes/smoke-run.txt page \"smoke-run.txt\" docs/notes/smoke-run.txt.html",
            "notes/standup.txt session \"Stand-up 2026-03-02\" docs/notes/standup.html",
            "tools/config.yaml page \"config.yaml\" docs/tools/config.yaml.html",
        ]
    );
    let tasks: Vec<String> =
        task_lines(&status).iter().map(|t| t.split_once(' ').unwrap().1.to_string()).collect();
    assert_eq!(
        tasks,
        [
            "done \"Fixed the refund rounding\" - @notes/standup.txt:4",
            "open \"Rerun the smoke suite\" - @notes/standup.txt:7",
        ]
    );
    assert_eq!(diagnostic_lines(&test), Vec::<String>::new());
    let page = test.file("docs/tools/config.yaml.html");
    assert!(page.contains("<pre class=\"log\">"), "{page}");
    assert!(page.contains("<a id=\"L9\" href=\"#L9\">9</a># - [ ] not a task\n"), "{page}");
    assert!(!page.contains("<h2"), "a YAML comment became a heading: {page}");
    let log = test.file("docs/notes/smoke-run.txt.html");
    assert!(log.contains("<a id=\"L1\" href=\"#L1\">1</a># smoke run\n"), "{log}");
}

// A BMAD sprint status is a tracker: each entry of `development_status` is
// a task with its status and line, grouped by epic; an unknown status is
// read as open with a warning at its line.
#[test]
fn reads_a_sprint_status_as_a_tracker() {
    let mut test = built("reading/files-sprint-status");
    test.expect_stderr_lines(&[
        "warning[A114]: unknown sprint status `someday` of `1-4-export-pdf`; read as open",
        "  --> docs/sprint-artifacts/sprint-status.yaml:16",
    ]);
    let status = test.status_json();
    const PATH: &str = "docs/sprint-artifacts/sprint-status.yaml";
    let expected: Vec<String> = [
        "epic-1 in_progress \"Epic 1\" Epic 1 @:12",
        "1-1-offline-sync done \"Story 1.1: offline sync\" Epic 1 @:13",
        "1-2-photo-notes in_progress \"Story 1.2: photo notes\" Epic 1 @:14",
        "1-3-tag-search open \"Story 1.3: tag search\" Epic 1 @:15",
        "1-4-export-pdf open \"Story 1.4: export pdf\" Epic 1 @:16",
        "epic-1-retrospective skipped \"Epic 1 retrospective\" Epic 1 @:17",
        "epic-2 open \"Epic 2\" Epic 2 @:19",
        "2-1-shared-notebooks open \"Story 2.1: shared notebooks\" Epic 2 @:20",
        "epic-2-retrospective skipped \"Epic 2 retrospective\" Epic 2 @:21",
    ]
    .iter()
    .map(|line| line.replace("@:", &format!("@{PATH}:")))
    .collect();
    assert_eq!(task_lines(&status), expected);
    let documents = document_lines(&status);
    assert_eq!(
        documents[1],
        format!("{PATH} tracker \"Sprint status: Field Notes\" docs/{}.html", PATH)
    );
    let doc = &status["documents"][1];
    assert_eq!(doc["date"], "2026-02-11");
    let plan = &status["plans"][0];
    assert_eq!((plan["done"].as_u64(), plan["total"].as_u64()), (Some(1), Some(7)));
    let phases: Vec<String> = plan["phases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| format!("{} {}/{}", show(&p["title"]), p["done"], p["total"]))
        .collect();
    assert_eq!(phases, ["Epic 1 1/5", "Epic 2 0/2"]);
}

// A file whose name says text but whose bytes are binary is offered as a
// download, listed under *Not read* with what it holds, and reported; the
// same bytes under a name that promises nothing (`plans/cover`) are just a
// download; the plan beside them is read as usual.
#[test]
fn lists_binary_files_with_text_names_and_what_they_hold() {
    let mut test = built("reading/files-binary-named-text");
    test.expect_stderr_lines(&[
        "warning[A008]: file holds a PNG image, not text; it is listed, not read",
        "  --> plans/architecture.md:1",
        "  = help: give the file the extension of what it holds, or exclude it in attestor.toml",
    ]);
    let status = test.status_json();
    assert_eq!(
        document_lines(&status),
        [
            "plans/architecture.md page \"architecture.md\" docs/plans/architecture.md.html",
            "plans/cover page \"cover\" docs/plans/cover.html",
            "plans/handover.txt page \"handover.txt\" docs/plans/handover.txt.html",
            "plans/launch.md plan \"Launch\" docs/plans/launch.html",
        ]
    );
    assert_eq!(status["summary"]["tasks"], 2);
    let files = test.file("files.html");
    for row in [
        "<tr><td>plans/architecture.md</td><td>holds a PNG image, not the text its name promises; not read</td></tr>",
        "<tr><td>plans/handover.txt</td><td>holds a ZIP archive (or an Office document), not the text its name promises; not read</td></tr>",
    ] {
        assert!(files.contains(row), "{row} is not in {files}");
    }
    assert!(files.contains("<h2>Not read <span class=\"count\">2</span></h2>"), "{files}");
    assert!(files.contains("Built by attestor from 4 files."), "{files}");
    let codes: Vec<String> = diagnostic_lines(&test).iter().map(|d| d[..13].to_string()).collect();
    assert_eq!(codes, ["warning[A008]", "warning[A008]"]);
    let page = test.file("docs/plans/architecture.md.html");
    assert!(page.contains("A binary file of"), "{page}");
}

// A front page too big for minifying to pay (the files page of a tree of a
// few thousand files, over 512 KB) is written as rendered and whole;
// the small front pages of the same build are minified.
#[test]
fn a_front_page_too_big_to_minify_is_written_whole() {
    let mut test = SiteTest::empty("files-many");
    for n in 0..4000 {
        let rel = format!("notes/area-{:02}/meeting-note-{n:04}.txt", n % 40);
        test.write_file(&rel, &format!("Meeting note {n}.\n"));
    }
    test.build_minified().expect_success();
    let files = test.file("files.html");
    assert!(files.len() > 512 * 1024, "files.html is {} bytes", files.len());
    assert!(files.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"), "{}", &files[..200]);
    assert!(files.contains("notes/area-39/meeting-note-3999.txt"));
    assert!(files.contains("Built by attestor from 4000 files."));
    assert!(files.trim_end().ends_with("</html>"));
    let dashboard = test.file("index.html");
    assert!(dashboard.starts_with("<!doctype html><html lang=en>"), "{}", &dashboard[..200]);
}
