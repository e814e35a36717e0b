//! `attestor merge`: the organisation portal made from the status.json of
//! portals that the real `attestor build` wrote from small trees written
//! here: both repositories listed with their counts, ids namespaced, links
//! to each portal (absolute under its base_url, relative otherwise), the
//! merged status.json's sums, and the inputs and outputs it refuses.

use std::path::Path;

use serde_json::Value;

use crate::html;
use crate::site_test::SiteTest;

/// Writes a file under `dir`, creating its folders.
fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The billing tree: a plan with two done tasks and one open, T-001
/// verified by a passing test log, served at a base URL.
fn write_billing(dir: &Path) {
    write(
        dir,
        "attestor.toml",
        "title = \"Billing\"\nbase_url = \"https://docs.example.com/billing/\"\n",
    );
    write(
        dir,
        "plans/billing-plan.md",
        "# Billing plan\n\n## Phase 1 - Invoices\n\n- [x] T-001 Invoice API\n- [x] T-002 Invoice PDF\n- [ ] T-003 Dunning emails\n",
    );
    write(
        dir,
        "sessions/2026-01-05-invoices.md",
        "# Session 2026-01-05: Invoices\n\n**Date**: 2026-01-05\n\n## Accomplishments\n\n- ✅ T-001 Invoice API done\n- Unit tests pass: `tests/2026-01-05-unit.txt`\n",
    );
    write(
        dir,
        "tests/2026-01-05-unit.txt",
        "$ cargo test\nrunning 2 tests\ntest invoice_api ... ok\ntest invoice_totals ... ok\n\ntest result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s\n",
    );
}

/// The web tree: a task table with one done task and one open, each with
/// an owner; no base URL.
fn write_web(dir: &Path) {
    write(dir, "attestor.toml", "title = \"Web shop\"\n");
    write(
        dir,
        "plans/web-plan.md",
        "# Web plan\n\n| ID | Task | Status | Owner |\n|---|---|---|---|\n\
         | T-001 | Landing page | Done | Ana |\n| T-002 | Checkout | Open | Ben |\n",
    );
}

/// Builds the tree at `[ROOT]/<tree>` into `[ROOT]/<tree>/public`.
fn build(test: &mut SiteTest, tree: &str) {
    let out = format!("{tree}/public");
    test.run(&["build", tree, "-o", &out, "--no-minify"]).expect_success();
}

/// A temp folder with the billing and web trees, both built.
fn two_portals() -> SiteTest {
    let mut test = SiteTest::empty("billing");
    write_billing(test.root());
    write_web(&test.temp().join("web"));
    build(&mut test, "billing");
    build(&mut test, "web");
    let out = test.temp().join("org");
    test.with_out(out);
    test
}

/// A file's text, under the temp folder.
fn read(test: &SiteTest, rel: &str) -> String {
    let path = test.temp().join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("cannot read `{rel}`: {err}"))
}

/// A status.json under the temp folder, parsed.
fn status(test: &SiteTest, rel: &str) -> Value {
    serde_json::from_str(&read(test, rel)).expect("valid JSON")
}

/// The `href` of the link whose text is `text` on an output page.
fn href(test: &SiteTest, page: &str, text: &str) -> String {
    let links = html::anchor_links(&test.file(page));
    let found = links.iter().find(|(_, t)| t == text);
    found.unwrap_or_else(|| panic!("no link {text:?} on {page}: {links:?}")).0.clone()
}

/// Asserts that a relative link on `page`, a page at the top of OUT, leads
/// to a file that exists, and to an element of it when it has a fragment.
fn assert_resolves(test: &SiteTest, page: &str, url: &str) {
    assert!(!html::is_external(url), "`{url}` is not relative");
    let (path, fragment) = url.split_once('#').map_or((url, None), |(p, f)| (p, Some(f)));
    let path = if path.is_empty() { page.to_string() } else { path.replace("%20", " ") };
    let file = test.out().join(&path);
    let page = std::fs::read_to_string(&file)
        .unwrap_or_else(|err| panic!("`{url}` leads to `{}`: {err}", file.display()));
    if let Some(fragment) = fragment {
        assert!(html::anchors(&page).contains(fragment), "`{url}`: no #{fragment}");
    }
}

// Two portals built by `attestor build` merge into one that lists both
// repositories with their counts, every task with its namespaced id, and
// links to each portal: under the base URL for billing, a relative path
// that leads to the built file for web.
#[test]
fn merges_two_built_portals_into_one_that_shows_both() {
    let mut test = two_portals();
    test.run(&["merge", "billing/public/status.json", "web/public", "-o", "org"]).expect_success();
    let stderr = test.last().stderr.clone();
    assert!(stderr.starts_with("Merged 2 repositories, 5 tasks in "), "{stderr}");
    assert!(stderr.trim_end().ends_with("s -> org"), "{stderr}");

    let index = test.file("index.html");
    let rows = html::row_texts(&index);
    assert_eq!(
        rows,
        [
            "Billing billing | 2/3 done | 1 | 1 | 0 | 0 | 0 | billing/public/status.json",
            "Web shop web | 1/2 done | 0 | 1 | 0 | 0 | 0 | web/public",
        ]
    );
    assert!(html::text_of(&index).contains("3 of 5 tasks done (60%)"), "{index}");
    assert_eq!(href(&test, "index.html", "Billing"), "https://docs.example.com/billing/");
    let web = href(&test, "index.html", "Web shop");
    assert_eq!(web, "../web/public/index.html");
    assert_resolves(&test, "index.html", &web);

    let tasks = html::row_texts(&test.file("tasks.html"));
    assert_eq!(
        tasks,
        [
            "billing/T-001 | Invoice API | billing | done | verified | ",
            "billing/T-002 | Invoice PDF | billing | done | claimed | ",
            "billing/T-003 | Dunning emails | billing | open |  | ",
            "web/T-001 | Landing page | web | done | claimed | Ana",
            "web/T-002 | Checkout | web | open |  | Ben",
        ]
    );
    assert_eq!(
        href(&test, "tasks.html", "billing/T-001"),
        "https://docs.example.com/billing/tasks/t-001.html"
    );
    let web_task = href(&test, "tasks.html", "web/T-002");
    assert_eq!(web_task, "../web/public/tasks/t-002.html");
    assert_resolves(&test, "tasks.html", &web_task);
    // Every page of OUT runs nothing, and links its own files only by
    // relative paths that exist.
    for page in ["index.html", "tasks.html"] {
        let text = test.file(page);
        assert!(
            text.contains("content=\"default-src 'none'; img-src 'self' data:; style-src 'self';")
        );
        assert!(!text.contains("<script") && !text.contains(" style="), "{page}: {text}");
        for link in html::links(&test.file(page)) {
            let url = link.value;
            if !url.starts_with("https://docs.example.com/billing/") {
                assert_resolves(&test, page, &url);
            }
        }
    }
}

// The merged status.json lists the repositories with their portals and
// summaries, sums every summary count, and gives each task as in its
// repository's status.json with its id namespaced, its repository and its
// url a link from OUT.
#[test]
fn merged_status_json_sums_the_inputs_and_namespaces_the_tasks() {
    let mut test = two_portals();
    test.run(&["merge", "billing/public", "web/public/status.json", "-o", "org"]).expect_success();
    let billing = status(&test, "billing/public/status.json");
    let web = status(&test, "web/public/status.json");
    let merged = test.status_json();
    assert_eq!(merged["schema"], 1);
    assert_eq!(merged["merged"], true);
    let repositories: Vec<String> = merged["repositories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| format!("{} {} {} {}", r["name"], r["title"], r["source"], r["portal"]))
        .collect();
    assert_eq!(
        repositories,
        [
            r#""billing" "Billing" "billing/public" "https://docs.example.com/billing/""#,
            r#""web" "Web shop" "web/public/status.json" "../web/public/index.html""#,
        ]
    );
    assert_eq!(merged["repositories"][0]["summary"]["tasks"], billing["summary"]["tasks"]);
    let summed = merged["summary"].as_object().unwrap();
    for key in [
        "documents",
        "tasks",
        "done",
        "verified",
        "claimed",
        "contradicted",
        "in_progress",
        "open",
        "blocked",
        "skipped",
        "evidence",
        "evidence_failing",
        "errors",
        "warnings",
        "not_read",
    ] {
        let sum = billing["summary"][key].as_u64().unwrap() + web["summary"][key].as_u64().unwrap();
        assert_eq!(summed[key], sum, "summary.{key}");
    }
    assert_eq!(summed["tasks"], 5);
    assert_eq!(summed["verified"], 1);

    let tasks = merged["tasks"].as_array().unwrap();
    let ids: Vec<&str> = tasks.iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["billing/T-001", "billing/T-002", "billing/T-003", "web/T-001", "web/T-002"]);
    let mut web_task = web["tasks"][1].clone();
    web_task["id"] = "web/T-002".into();
    web_task["repository"] = "web".into();
    web_task["url"] = "../web/public/tasks/t-002.html".into();
    assert_eq!(tasks[4], web_task);
    assert_eq!(tasks[0]["url"], "https://docs.example.com/billing/tasks/t-001.html");
    assert_eq!(tasks[0]["evidence"], billing["tasks"][0]["evidence"]);
}

// A missing input is one `error:` line and exit 1, and the other is still
// merged; the dashboard says which input was not merged and why.
#[test]
fn a_missing_input_is_an_error_and_the_others_are_merged() {
    let mut test = two_portals();
    test.run(&["merge", "nowhere/status.json", "web/public", "-o", "org"])
        .expect_exit(1)
        .expect_stderr_lines(&["error: nowhere/status.json: not found"]);
    let stderr = test.last().stderr.clone();
    assert!(stderr.contains("Merged 1 repository, 2 tasks (1 not merged) in "), "{stderr}");
    let index = test.file("index.html");
    assert_eq!(html::row_texts(&index).len(), 1, "{index}");
    assert!(html::text_of(&index).contains("Not merged 1 nowhere/status.json: not found"));
    let merged = test.status_json();
    assert_eq!(merged["repositories"].as_array().unwrap().len(), 1);
    assert_eq!(merged["not_merged"][0]["source"], "nowhere/status.json");
    assert_eq!(merged["summary"]["tasks"], 2);
}

// A status.json of another schema, a file that is not JSON and a folder
// with no status.json are refused by name; when none can be read, nothing
// is written.
#[test]
fn inputs_of_another_schema_or_not_json_are_refused() {
    let mut test = SiteTest::empty("unused");
    write(test.temp(), "future/status.json", "{ \"schema\": 2, \"tasks\": [] }\n");
    write(test.temp(), "broken/status.json", "{ \"schema\": 1, \"tasks\": [\n");
    write(test.temp(), "empty/notes.txt", "not a portal\n");
    let out = test.temp().join("org");
    test.with_out(out);
    test.run(&["merge", "future/status.json", "broken", "empty", "-o", "org"])
        .expect_exit(1)
        .expect_stderr_lines(&[
            "error: future/status.json: has schema 2; this attestor reads schema 1 (see docs/status-json.md)",
            "error: broken: is not JSON: EOF while parsing a list at line 2 column 0",
            "error: empty: is a folder with no status.json",
        ]);
    let stderr = test.last().stderr.clone();
    assert!(stderr.contains("Merged nothing (3 not merged) in "), "{stderr}");
    assert!(stderr.trim_end().ends_with("s; nothing was written to org"), "{stderr}");
    assert!(!test.out().exists(), "org was written");
}

// Two repositories whose folders have the same name are told apart: the
// second is `api-2`, in its ids and its links.
#[test]
fn repositories_of_the_same_name_get_a_number() {
    let mut test = SiteTest::empty("unused");
    write_web(&test.temp().join("one/api"));
    write_web(&test.temp().join("two/api"));
    build(&mut test, "one/api");
    build(&mut test, "two/api");
    let out = test.temp().join("org");
    test.with_out(out);
    test.run(&["merge", "one/api/public", "two/api/public", "-o", "org"]).expect_success();
    let names: Vec<Value> = test.status_json()["repositories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].clone())
        .collect();
    assert_eq!(names, ["api", "api-2"]);
    let link = href(&test, "tasks.html", "api-2/T-001");
    assert_eq!(link, "../two/api/public/tasks/t-001.html");
    assert_resolves(&test, "tasks.html", &link);
}

// A portal title and a --title with markup are shown as text, never as
// markup, on every page of OUT.
#[test]
fn titles_with_markup_are_escaped() {
    let mut test = SiteTest::empty("unused");
    let hostile = "<script>alert(1)</script> & \"co\"";
    write(
        &test.temp().join("evil"),
        "attestor.toml",
        &format!("title = '{hostile}'\nbase_url = \"javascript:alert(1)\"\n"),
    );
    write(
        &test.temp().join("evil"),
        "plan.md",
        "# Plan\n\n- [ ] T-001 <img src=x onerror=alert(1)>\n",
    );
    build(&mut test, "evil");
    let out = test.temp().join("org");
    test.with_out(out);
    test.run(&["merge", "evil/public", "-o", "org", "--title", "<b>Org</b>"])
        .expect_success()
        .expect_stderr_lines(&[
            "warning: evil/public: site.base_url is not an http(s) URL; its portal is linked by its path instead",
        ]);
    for page in ["index.html", "tasks.html"] {
        let text = test.file(page);
        assert!(!text.contains("<script>alert"), "{page}: {text}");
        assert!(!text.contains("<b>Org"), "{page}: {text}");
        assert!(!text.contains("<img src=x"), "{page}: {text}");
        assert!(!text.contains("javascript:"), "{page}: {text}");
        assert!(text.contains("&lt;b&gt;Org&lt;/b&gt;"), "{page}: {text}");
    }
    let index = test.file("index.html");
    assert!(html::text_of(&index).contains(hostile), "{index}");
    assert_eq!(href(&test, "index.html", hostile), "../evil/public/index.html");
}

// An output folder that is one of the portals read, or holds one, is
// refused before anything is written, and the portal stays as it was.
#[test]
fn merge_refuses_to_write_over_a_portal_it_reads() {
    let mut test = two_portals();
    let before = read(&test, "web/public/status.json");
    test.run(&["merge", "billing/public", "web/public", "-o", "web/public"])
        .expect_exit(2)
        .expect_stderr_lines(&[
            "error: the output folder `web/public` would replace the portal of `web/public`, which is read; choose another with -o",
        ]);
    test.run(&["merge", "billing/public/status.json", "-o", "billing"])
        .expect_exit(2)
        .expect_stderr_lines(&[
            "error: the output folder `billing` would replace the portal of `billing/public/status.json`, which is read; choose another with -o",
        ]);
    assert_eq!(read(&test, "web/public/status.json"), before);
    assert!(test.temp().join("billing/plans/billing-plan.md").is_file());
}

// merge without an input or without -o is a usage error (64).
#[test]
fn merge_without_inputs_or_output_is_a_usage_error() {
    let mut test = SiteTest::empty("unused");
    test.run(&["merge", "-o", "org"])
        .expect_exit(64)
        .expect_stderr_contains("the following required arguments were not provided");
    test.run(&["merge", "a/status.json"]).expect_exit(64).expect_stderr_contains("--output <DIR>");
}
