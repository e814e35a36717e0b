//! Tests of `attestor build`: the example portal as a user sees it, its
//! links and `status.json`, the diagnostics it prints, and the promises of
//! SPEC section 5 (nothing lost, deterministic, atomic, confined).
//!
//! Fixtures are under `build/<case>/`; the example's golden files are under
//! `build/example/expected/`. Trees that need a symlink or a `.git` folder
//! get it at run time, since git would not keep them as fixtures.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::html;
use crate::site_test::{SiteTest, read_tree, tree_difference};
use crate::status::show;

/// The documents of `status.json` whose kind is `kind`.
fn documents_of_kind<'a>(status: &'a Value, kind: &str) -> Vec<&'a Value> {
    let documents = status["documents"].as_array().expect("documents is an array");
    documents.iter().filter(|doc| doc["kind"] == kind).collect()
}

/// The paths of every document in `status.json`.
fn document_paths(status: &Value) -> Vec<String> {
    let documents = status["documents"].as_array().expect("documents is an array");
    documents.iter().map(|doc| doc["path"].as_str().unwrap().to_string()).collect()
}

/// The page an input file gets: `docs/<path without .md>.html` for markdown,
/// `docs/<path>.html` for anything else.
fn page_of(rel: &str) -> String {
    match rel.strip_suffix(".md") {
        Some(stem) => format!("docs/{stem}.html"),
        None => format!("docs/{rel}.html"),
    }
}

/// Every relative link of every HTML page that does not lead to a file of
/// the site, as `page: url (why)`.
fn broken_links(test: &SiteTest) -> Vec<String> {
    let mut broken = Vec::new();
    for (page, bytes) in test.output_files() {
        if !page.ends_with(".html") {
            continue;
        }
        for link in html::links(&String::from_utf8_lossy(&bytes)) {
            match html::resolve(&page, &link.value) {
                None => {}
                Some(Err(why)) => broken.push(format!("{page}: {why}")),
                // The intentional marker for a file named in the docs but not in the tree.
                Some(Ok(target))
                    if target.path == "files.html"
                        && target.fragment.as_deref() == Some("missing") => {}
                Some(Ok(target)) if !test.out().join(&target.path).is_file() => {
                    broken.push(format!("{page}: {} (no file `{}`)", link.value, target.path));
                }
                Some(Ok(_)) => {}
            }
        }
    }
    broken
}

/// Every place a page or stylesheet would fetch something from the network.
fn remote_fetches(test: &SiteTest) -> Vec<String> {
    let mut found = Vec::new();
    for (rel, bytes) in test.output_files() {
        let text = String::from_utf8_lossy(&bytes);
        if rel.ends_with(".css") {
            let remote = css_references(&text).into_iter().filter(|url| html::is_remote(url));
            found.extend(remote.map(|url| format!("{rel}: loads {url}")));
        }
        if !rel.ends_with(".html") {
            continue;
        }
        for attr in html::attributes(&text) {
            let fetched = match attr.name.as_str() {
                "src" | "srcset" | "poster" | "data" => true,
                "href" | "xlink:href" => matches!(attr.tag.as_str(), "link" | "image" | "use"),
                "style" => attr.value.contains("url("),
                _ => false,
            };
            let remote = attr.value.split([',', ' ', '(', '\'', '"']).any(html::is_remote);
            if fetched && remote {
                found.push(format!("{rel}: <{} {}=\"{}\">", attr.tag, attr.name, attr.value));
            }
        }
    }
    found
}

/// The URLs a stylesheet loads: `url(…)` values and `@import` targets.
fn css_references(css: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for marker in ["url(", "@import"] {
        for (at, _) in css.match_indices(marker) {
            let rest = css[at + marker.len()..].trim_start().trim_start_matches("url(");
            let rest = rest.trim_start_matches(['"', '\'']);
            let end = rest.find(['"', '\'', ')', ';', ' ']).unwrap_or(rest.len());
            urls.push(rest[..end].to_string());
        }
    }
    urls
}

// The link and fetch checks used below catch what they look for: a link to
// a missing page, a link out of the site, a remote image, font and background.
#[test]
fn link_checks_catch_broken_links_and_remote_fetches() {
    let mut test = SiteTest::from_dir("build/minimal");
    test.build().expect_success();
    let bad_page = "<a href=../nope.html>x</a><a href=\"../../up.html\">up</a>\
                    <a href=\"https://example.org/\">a link out is fine</a>\
                    <img src=\"https://cdn.example.org/x.png\"><link rel=stylesheet href=//fonts.example.org/css>";
    std::fs::write(test.out().join("docs/bad.html"), bad_page).unwrap();
    std::fs::write(
        test.out().join("assets/extra.css"),
        "@import \"//fonts.example.org/a.css\";b{background:url(https://cdn.example.org/b.png)}",
    )
    .unwrap();
    assert_eq!(
        broken_links(&test),
        [
            "docs/bad.html: ../nope.html (no file `nope.html`)",
            "docs/bad.html: `../../up.html` leads out of the site root"
        ]
    );
    assert_eq!(
        remote_fetches(&test),
        [
            "assets/extra.css: loads https://cdn.example.org/b.png",
            "assets/extra.css: loads //fonts.example.org/a.css",
            "docs/bad.html: <img src=\"https://cdn.example.org/x.png\">",
            "docs/bad.html: <link href=\"//fonts.example.org/css\">"
        ]
    );
}

// The example builds; every plan and session is linked by its title from
// the dashboard or the full list it links to (plans.html, files.html), the
// newest sessions from the dashboard itself, and the summary line on stderr
// agrees with status.json.
#[test]
fn can_build_example_into_public() {
    let mut test = SiteTest::example();
    test.build().expect_success();
    let status = test.status_json();
    let plans = documents_of_kind(&status, "plan");
    let sessions = documents_of_kind(&status, "session");
    assert_eq!((plans.len(), sessions.len()), (3, 6), "the example has 3 plans and 6 sessions");
    let newest: Vec<&Value> = sessions.iter().rev().take(4).copied().collect();
    for (page, docs) in [("index.html", &newest), ("plans.html", &plans), ("files.html", &sessions)]
    {
        let links = html::anchor_links(&test.file(page));
        for doc in docs.iter() {
            let (title, url) = (doc["title"].as_str().unwrap(), doc["url"].as_str().unwrap());
            // files.html names each file by its path, beside its title.
            let path = doc["path"].as_str().unwrap();
            let listed = links.iter().any(|(href, text)| {
                let target = html::resolve(page, href).and_then(Result::ok);
                (text == title || text == path) && target.is_some_and(|t| t.path == url)
            });
            assert!(listed, "{page} has no link to `{url}` titled {title:?}; links: {links:#?}");
        }
    }

    let summary = &status["summary"];
    let line = test.last().stderr.lines().last().unwrap_or_default().to_string();
    let pattern = regex::Regex::new(
        r"^Built (\d+) documents?, (\d+) tasks?, (\d+) evidence files? \((\d+) errors?, (\d+) warnings?\) in \d+\.\d+s -> (.+)$",
    )
    .unwrap();
    let caps = pattern.captures(&line).unwrap_or_else(|| panic!("bad summary line: {line:?}"));
    let number = |idx: usize| caps[idx].parse::<u64>().unwrap();
    let keys = ["documents", "tasks", "evidence", "errors", "warnings"];
    for (idx, key) in keys.iter().enumerate() {
        assert_eq!(Some(number(idx + 1)), summary[key].as_u64(), "{key} in {line:?}");
    }
    assert_eq!(&caps[6], "[ROOT]/public");
}

// Every input file of the example has its page, reachable by following
// links from the dashboard; attestor.toml is listed on All files instead.
#[test]
fn every_input_file_is_reachable_from_the_dashboard() {
    let mut test = SiteTest::example();
    test.build().expect_success();
    let reached = html::crawl(test.out(), "index.html");
    let mut unreached = Vec::new();
    for rel in read_tree(test.root()).into_keys().filter(|rel| rel != "attestor.toml") {
        let page = page_of(&rel);
        if !reached.contains(&page) {
            unreached.push(format!("{rel} (its page {page})"));
        }
    }
    assert!(unreached.is_empty(), "not reachable from index.html:\n{}", unreached.join("\n"));
    assert!(reached.contains("files.html"));
    let rows = html::row_texts(&test.file("files.html"));
    let row = "attestor.toml | attestor configuration".to_string();
    assert!(rows.contains(&row), "files.html has no row {row:?}; rows: {rows:#?}");
}

// No relative link of any page, readable or minified, leads to a file
// that is not in the portal.
#[test]
fn internal_links_point_to_existing_files() {
    let mut test = SiteTest::example();
    test.build().expect_success();
    let broken = broken_links(&test);
    assert!(broken.is_empty(), "broken links (--no-minify):\n{}", broken.join("\n"));
    test.build_minified().expect_success();
    let broken = broken_links(&test);
    assert!(broken.is_empty(), "broken links (minified):\n{}", broken.join("\n"));
}

// A link with a `#fragment` lands on an element with that id, so "line 54"
// links and table-of-contents entries scroll to their place.
#[test]
fn internal_fragments_point_to_anchors() {
    let mut test = SiteTest::example();
    test.build().expect_success();
    let files = test.output_files();
    let mut dangling = Vec::new();
    for (page, bytes) in &files {
        if !page.ends_with(".html") {
            continue;
        }
        for link in html::links(&String::from_utf8_lossy(bytes)) {
            let Some(Ok(target)) = html::resolve(page, &link.value) else { continue };
            let (Some(fragment), Some(target_bytes)) = (&target.fragment, files.get(&target.path))
            else {
                continue;
            };
            if target.path.ends_with(".html")
                && !html::anchors(&String::from_utf8_lossy(target_bytes)).contains(fragment)
            {
                dangling.push(format!("{page}: {} (no id `{fragment}`)", link.value));
            }
        }
    }
    assert!(dangling.is_empty(), "fragments with no anchor:\n{}", dangling.join("\n"));
}

// No page or stylesheet loads anything from outside the site: no CDN, no
// web fonts, no remote images.
#[test]
fn no_page_loads_anything_from_outside_the_site() {
    let mut test = SiteTest::example();
    test.build().expect_success();
    let found = remote_fetches(&test);
    assert!(found.is_empty(), "remote fetches:\n{}", found.join("\n"));
}

// The example's status.json matches its golden file and names no temp path.
#[test]
fn example_status_json_matches_golden() {
    let mut test = SiteTest::example();
    test.build().expect_success();
    let raw = test.file("status.json");
    assert!(
        !raw.contains(&test.temp().to_string_lossy().into_owned()),
        "status.json has a temp path"
    );
    test.check_status_json_golden("expected/status.json");
}

// A clean tree's dashboard, plan page and status.json match their golden
// files, and a clean tree builds with no warnings.
#[test]
fn can_build_minimal_tree() {
    let mut test = SiteTest::from_dir("build/minimal");
    test.build()
        .expect_success()
        .expect_stderr_contains("(0 errors, 0 warnings)")
        .check_main_file("index.html", "expected/index.main.html")
        .check_main_file("docs/plans/launch-plan.html", "expected/launch-plan.main.html")
        .check_status_json_golden("expected/status.json");
}

/// The keys SPEC section 6 promises at each level of status.json.
const CONTRACT: &[(&str, &str)] = &[
    ("", "schema site summary documents plans tasks evidence claims events diagnostics not_read"),
    ("site", "title base_url generator"),
    (
        "summary",
        "documents tasks done verified claimed contradicted in_progress open blocked evidence \
         evidence_failing errors warnings not_read",
    ),
    ("documents[]", "path kind title date status url"),
    ("plans[]", "path title done total phases"),
    ("plans[].phases[]", "title done total tasks"),
    (
        "tasks[]",
        "id title plan phase track owner depends_on done_when estimate_minutes status \
         verification evidence mentioned_in source url",
    ),
    ("tasks[].source", "path line"),
    (
        "evidence[]",
        "path kind format date outcome passed failed skipped coverage_percent tasks \
         referenced_by url note runs",
    ),
    (
        "evidence[].runs[]",
        "suite scope outcome passed failed skipped problems coverage_percent seconds \
         start_line end_line complete note",
    ),
    ("claims[]", "text kind source evidence verdict run note"),
    ("claims[].source", "path line"),
    ("events[]", "date kind title path url"),
    ("diagnostics[]", "code severity path line message"),
    ("not_read[]", "path reason"),
];

/// The values at a contract path such as `plans[].phases[]`.
fn values_at<'a>(status: &'a Value, path: &str) -> Vec<&'a Value> {
    let mut values = vec![status];
    for step in path.split('.').filter(|s| !s.is_empty()) {
        let (key, each) = match step.strip_suffix("[]") {
            Some(key) => (key, true),
            None => (step, false),
        };
        let mut next = Vec::new();
        for value in values {
            match (&value[key], each) {
                (Value::Array(items), true) => next.extend(items),
                (found, true) => panic!("`{key}` in `{path}` is not an array: {found}"),
                (found, false) => next.push(found),
            }
        }
        values = next;
    }
    values
}

// status.json keeps the SPEC section 6 contract: schema 1, every key at
// every level, arrays where lists are promised, dates as YYYY-MM-DD,
// documents sorted by path.
#[test]
fn status_json_has_every_key_of_the_contract() {
    let date = regex::Regex::new(r"^\d{4}-\d{2}-\d{2}$").unwrap();
    let trees = [SiteTest::example(), SiteTest::from_dir("build/minimal"), claims_tree()];
    for mut test in trees {
        test.build().expect_success();
        let status = test.status_json();
        assert_eq!(status["schema"], 1);
        let mut missing = Vec::new();
        for (path, keys) in CONTRACT {
            for (idx, value) in values_at(&status, path).into_iter().enumerate() {
                let object = value
                    .as_object()
                    .unwrap_or_else(|| panic!("`{path}` is not an object: {value}"));
                let absent = keys.split_whitespace().filter(|key| !object.contains_key(*key));
                missing.extend(absent.map(|key| format!("{path} #{idx}: `{key}`")));
            }
        }
        assert!(
            missing.is_empty(),
            "{}: keys missing:\n{}",
            test.root().display(),
            missing.join("\n")
        );
        let lists = ["documents", "plans", "tasks", "evidence", "claims", "events", "diagnostics"];
        for list in lists.into_iter().chain(["not_read"]) {
            assert!(status[list].is_array(), "`{list}` is not an array");
        }
        for path in ["documents[]", "evidence[]", "events[]"] {
            for value in values_at(&status, path) {
                let ok = value["date"].is_null()
                    || value["date"].as_str().is_some_and(|d| date.is_match(d));
                assert!(ok, "bad date in {path}: {value}");
            }
        }
        let paths = document_paths(&status);
        let mut sorted = paths.clone();
        sorted.sort();
        assert_eq!(paths, sorted, "documents are sorted by path");
    }
}

// Documents whose pages would share a name (`guide.md` and `guide.markdown`;
// `notes.md` and a folder `notes.html/`) each get a page of their own.
#[test]
fn gives_every_document_its_own_page() {
    let mut test = SiteTest::from_dir("build/url-collisions");
    test.build().expect_success();
    let status = test.status_json();
    let documents = status["documents"].as_array().expect("documents is an array");
    assert_eq!(documents.len(), 4, "documents: {documents:#?}");
    let mut urls = BTreeSet::new();
    for doc in documents {
        let (title, url) = (doc["title"].as_str().unwrap(), doc["url"].as_str().unwrap());
        assert!(urls.insert(url), "two documents share the page `{url}`: {documents:#?}");
        test.assert_file_contains(url, &format!(">{title}</h1>"));
    }
}

// A session that names an evidence file missing from the tree gets a
// warning with the file's place.
#[test]
fn warns_on_missing_evidence_file_with_its_location() {
    let mut test = SiteTest::example();
    test.build().expect_success().expect_stderr_lines(&[
        "warning[A030]: `tests/2026-03-01-e2e-run.txt` is named here but is not in the docs tree",
        "  --> sessions/2026-03-06-staging-rollout.md:54",
    ]);
}

// A session saved with UTF-8 read as Windows-1252 shows its ✅ and ⏳
// repaired, with no `âœ` left.
#[test]
fn repairs_broken_encoding_in_session_log() {
    let mut test = SiteTest::example();
    let page = "docs/sessions/2026-03-09-windows-handoff.html";
    test.build()
        .expect_success()
        .assert_file_contains(page, "✅")
        .assert_file_contains(page, "⏳")
        .assert_file_lacks(page, "âœ");
}

// A build that fails (a theme template does not compile) leaves the previous
// portal byte for byte and no staging folder beside it.
#[test]
fn errors_on_broken_theme_and_keeps_previous_output() {
    let mut good = SiteTest::from_dir("build/minimal");
    good.build().expect_success();
    let before = good.output_files();
    let out = good.out().to_path_buf();

    let mut broken = SiteTest::from_dir("build/broken-theme");
    broken.with_out(&out).build().expect_exit(2);
    let first_line = broken.last().stderr.lines().next().unwrap_or_default().to_string();
    assert_eq!(first_line, "error: the theme's templates do not compile");
    broken.expect_stderr_contains("dashboard.html");

    assert_eq!(tree_difference(&before, &read_tree(&out)), None, "the previous output changed");
    let leftovers: Vec<String> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".public.attestor-"))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left behind: {leftovers:?}");
}

// An output folder holding a user's files is refused, not replaced.
#[test]
fn refuses_to_overwrite_a_folder_of_other_files() {
    let mut test = SiteTest::from_dir("build/minimal");
    let mine = test.temp().join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("notes.md"), "my own notes\n").unwrap();
    test.with_out(&mine).build().expect_exit(2).expect_stderr_lines(&[
        "error: output folder `[ROOT]/mine` has files attestor did not write; choose another folder with -o, or empty it",
    ]);
    assert_eq!(std::fs::read_to_string(mine.join("notes.md")).unwrap(), "my own notes\n");
    assert_eq!(read_tree(&mine).len(), 1, "nothing was added to the user's folder");
}

// An output folder inside ROOT is never read back as input: a second build
// sees the same documents as the first.
#[test]
fn never_reads_output_folder_inside_root() {
    let mut test = SiteTest::example();
    let out = test.root().join("public");
    test.with_out(&out).build().expect_success();
    let first = test.file("status.json");
    test.build().expect_success();
    let second = test.file("status.json");
    let inside: Vec<String> = document_paths(&test.status_json())
        .into_iter()
        .filter(|path| path.starts_with("public/"))
        .collect();
    assert!(inside.is_empty(), "output files read as input: {inside:?}");
    assert!(
        first == second,
        "status.json changed between builds:\n{}",
        crate::golden::diff(&first, &second)
    );
}

// Two builds of the same tree, into different folders and from different
// copies, are byte-identical, readable or minified.
#[test]
fn builds_are_byte_identical() {
    for extra in [&["--no-minify"][..], &[][..]] {
        let mut first = SiteTest::example();
        first.build_with(extra).expect_success();
        let once = first.output_files();
        let again = first.temp().join("again");
        first.with_out(&again).build_with(extra).expect_success();
        let mut other = SiteTest::example();
        other.build_with(extra).expect_success();
        for (label, tree) in
            [("second folder", read_tree(&again)), ("second copy", other.output_files())]
        {
            let difference = tree_difference(&once, &tree);
            assert_eq!(difference, None, "{label} differs (flags {extra:?})");
        }
    }
}

// Every portal has `.nojekyll` (so GitHub Pages serves `_` paths) and a 404 page.
#[test]
fn writes_nojekyll_and_404_page() {
    let mut test = SiteTest::from_dir("build/minimal");
    test.build().expect_success().assert_file_contains("404.html", "Page not found");
    assert_eq!(test.file(".nojekyll"), "");
}

// sitemap.xml is written only when the public URL is known, and lists
// absolute URLs under it.
#[test]
fn writes_sitemap_only_with_base_url() {
    let mut test = SiteTest::from_dir("build/minimal");
    test.build().expect_success();
    assert!(!test.out().join("sitemap.xml").exists(), "sitemap.xml without --base-url");
    test.build_with(&["--no-minify", "--base-url", "https://example.org/x"])
        .expect_success()
        .assert_file_contains("sitemap.xml", "<loc>https://example.org/x/index.html</loc>");
}

// Hosts serve 404.html at any missing path, so with a base URL its links are
// absolute; without one they are relative to the site root.
#[test]
fn not_found_page_links_work_at_any_depth_with_base_url() {
    let mut test = SiteTest::from_dir("build/minimal");
    test.build().expect_success().assert_file_contains("404.html", "href=\"index.html\"");
    test.build_with(&["--no-minify", "--base-url", "https://example.org/x/"])
        .expect_success()
        .assert_file_contains("404.html", "href=\"https://example.org/x/index.html\"")
        .assert_file_contains("404.html", "<style>")
        .assert_file_lacks("404.html", "assets/style.css");
}

// Hidden folders such as `.beads` are read; `.git` is not.
#[test]
fn reads_hidden_folders_but_not_git() {
    let mut test = SiteTest::example();
    test.write_file(".git/config", "[core]\n\trepositoryformatversion = 0\n");
    test.write_file(".git/HEAD", "ref: refs/heads/main\n");
    test.build().expect_success();
    let paths = document_paths(&test.status_json());
    assert!(paths.contains(&".beads/issues.jsonl".to_string()), "documents: {paths:#?}");
    let git: Vec<&String> = paths.iter().filter(|p| p.starts_with(".git/")).collect();
    assert!(git.is_empty(), "documents from .git: {git:?}");
    test.assert_file_lacks("files.html", ".git/config");
}

// A symlink that leads outside ROOT is not read, and All files lists it with why.
#[cfg(unix)]
#[test]
fn does_not_follow_symlink_out_of_root() {
    let mut test = SiteTest::from_dir("build/minimal");
    let secret = test.temp().join("secret.md");
    std::fs::write(&secret, "# Secret\n\nSECRET-MARKER-7f3a\n").unwrap();
    std::fs::create_dir_all(test.root().join("notes")).unwrap();
    std::os::unix::fs::symlink(&secret, test.root().join("notes/outside.md")).unwrap();
    test.build().expect_success();
    let paths = document_paths(&test.status_json());
    assert!(!paths.contains(&"notes/outside.md".to_string()), "the symlink was read: {paths:#?}");
    let rows = html::row_texts(&test.file("files.html"));
    let row = "notes/outside.md | symlink that leads outside the docs folder".to_string();
    assert!(rows.contains(&row), "files.html has no row {row:?}; rows: {rows:#?}");
    let leaked: Vec<String> = test
        .output_files()
        .into_iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains("SECRET-MARKER-7f3a"))
        .map(|(rel, _)| rel)
        .collect();
    assert!(leaked.is_empty(), "the target's text leaked into {leaked:?}");
}

// `attestor build --help` documents every build flag.
#[test]
fn help_mentions_every_build_flag() {
    let mut test = SiteTest::from_dir("build/minimal");
    test.run(&["build", "--help"])
        .expect_success()
        .expect_stdout_contains("--output")
        .expect_stdout_contains("--base-url")
        .expect_stdout_contains("--strict");
}

// `attestor --version` prints the name and the crate version.
#[test]
fn version_prints_name_and_version() {
    let mut test = SiteTest::from_dir("build/minimal");
    test.run(&["--version"]).expect_success();
    assert_eq!(test.last().stdout, "attestor 0.1.0\n");
}

// `--strict` fails (exit 1) on a tree with warnings, says it published
// nothing, and writes no portal.
#[test]
fn strict_fails_on_warnings() {
    let mut test = SiteTest::example();
    test.build_with(&["--no-minify", "--strict"]).expect_exit(1).expect_stderr_contains("warning[");
    test.expect_stderr_contains(
        "\nnot published: --strict, and the docs have 1 error and 4 warnings; \
         `[ROOT]/public` was left as it was\n",
    );
    let last = test.last().stderr.lines().last().unwrap_or_default().to_string();
    assert!(last.starts_with("Built "), "the summary line still ends the output: {last:?}");
    assert!(last.ends_with("; not published to [ROOT]/public"), "{last:?}");
    assert!(!test.out().exists(), "a failing strict build wrote the portal");
}

// `build --strict` never publishes a failing build: a portal built clean
// stays byte for byte when a warning appears and the strict build fails.
// See: issue 9 ("`--strict` exits 1 but has already replaced the published portal").
#[test]
fn strict_failure_keeps_the_published_portal() {
    let mut test = SiteTest::from_dir("build/minimal");
    test.build_with(&["--no-minify", "--strict"]).expect_success();
    let before = test.output_files();
    test.write_file("sessions/2026-01-06-review.md", "# Review\n\n- Log: `tests/gone.txt`\n");
    test.build_with(&["--no-minify", "--strict"]).expect_exit(1).expect_stderr_lines(&[
        "warning[A030]: `tests/gone.txt` is named here but is not in the docs tree",
        "  --> sessions/2026-01-06-review.md:3",
    ]);
    test.expect_stderr_contains(
        "not published: --strict, and the docs have 0 errors and 1 warning",
    );
    assert_eq!(tree_difference(&before, &test.output_files()), None, "the portal changed");
    test.build().expect_success();
    assert!(tree_difference(&before, &test.output_files()).is_some(), "not strict, it publishes");
}

// The summary line names the output folder as the user gave it, not as an
// absolute path of the build machine.
#[test]
fn summary_line_names_output_folder_as_given() {
    let mut test = SiteTest::from_dir("build/minimal");
    let root = test.root().to_path_buf();
    test.run(&[std::ffi::OsStr::new("build"), root.as_os_str(), "-o".as_ref(), "site".as_ref()])
        .expect_success();
    let last = test.last().stderr.lines().last().unwrap_or_default().to_string();
    assert!(last.ends_with(" -> site"), "{last:?}");
    assert!(test.temp().join("site/index.html").is_file());
}

// `--strict` passes (exit 0) on a clean tree.
#[test]
fn strict_passes_on_clean_tree() {
    let mut test = SiteTest::from_dir("build/minimal");
    test.build_with(&["--no-minify", "--strict"]).expect_success();
}

// The audit trail filters by kind without JavaScript: a page per kind,
// linked from the full trail, each listing only its kind.
#[test]
fn audit_trail_has_a_page_per_kind_of_event() {
    let mut test = SiteTest::example();
    test.build().expect_success();
    let status = test.status_json();
    let sessions =
        status["events"].as_array().unwrap().iter().filter(|e| e["kind"] == "session").count();
    test.assert_file_contains("audit.html", "href=\"audit-session.html\"")
        .assert_file_contains("audit.html", &format!(">session {sessions}</a>"));
    let page = test.file("audit-session.html");
    assert_eq!(page.matches("class=\"kind session\"").count(), sessions, "{page}");
    assert!(!page.contains("class=\"kind commit\""), "{page}");
}

/// The fixture of the claims page: a plan whose task claims `12/12 tests
/// passed` beside a link to a pytest log that holds a failed run and its
/// rerun, and a claim with no evidence near it.
fn claims_tree() -> SiteTest {
    SiteTest::from_dir("build/claims")
}

/// The log of the claims fixture, and its page.
const CLAIMS_LOG: &str = "tests/2026-03-01-backend-pytest.txt";
const CLAIMS_LOG_PAGE: &str = "docs/tests/2026-03-01-backend-pytest.txt.html";

/// The `<section id="…">…</section>` of a page.
fn section_of<'a>(page: &'a str, id: &str) -> &'a str {
    let open = format!("<section id=\"{id}\"");
    let start = page.find(&open).unwrap_or_else(|| panic!("no section {id:?} in:\n{page}"));
    let end = page[start..].find("</section>").map_or(page.len(), |end| start + end);
    &page[start..end]
}

/// The text of each row of a table, header cells included, cells joined by ` | `.
fn rows_with_headers(html: &str) -> Vec<String> {
    let cell = regex::Regex::new(r"<t[hd][\s>]").unwrap();
    let rows = html.split("<tr").skip(1).map(|chunk| chunk.split("</tr>").next().unwrap_or(chunk));
    rows.map(|row| {
        let starts: Vec<usize> = cell.find_iter(row).map(|m| m.start()).collect();
        let ends = starts.iter().skip(1).copied().chain([row.len()]);
        let cells = starts.iter().zip(ends).map(|(&start, end)| html::text_of(&row[start..end]));
        cells.collect::<Vec<_>>().join(" | ")
    })
    .collect()
}

/// The one claim of `status.json` with this text.
fn claim_with_text<'a>(status: &'a Value, text: &str) -> &'a Value {
    let claims = status["claims"].as_array().unwrap();
    claims
        .iter()
        .find(|c| c["text"] == text)
        .unwrap_or_else(|| panic!("no claim {text:?}: {claims:#?}"))
}

// The claims page lists each claim in the section of the verdict status.json
// gives it, with its source line linked to the heading above it, the
// evidence (and run) it was compared with, and its note or what the
// evidence records; a count per verdict heads the page.
#[test]
fn claims_page_lists_each_claim_under_its_verdict() {
    let mut test = claims_tree();
    test.build().expect_success();
    let status = test.status_json();
    let claims = status["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 2, "claims: {claims:#?}");
    let near_log = claim_with_text(&status, "12/12 tests passed");
    assert_eq!(near_log["evidence"], CLAIMS_LOG, "the claim beside the link is checked against it");
    assert_eq!(claim_with_text(&status, "40/40 tests passed")["verdict"], "unsupported");

    let page = test.file("claims.html");
    for claim in claims {
        let (text, verdict) = (claim["text"].as_str().unwrap(), claim["verdict"].as_str().unwrap());
        let line = claim["source"]["line"].as_u64().unwrap();
        let section = section_of(&page, verdict);
        let rows = rows_with_headers(section);
        let row = rows
            .iter()
            .find(|row| row.starts_with(&format!("“{text}”")))
            .unwrap_or_else(|| panic!("no row for {text:?} under {verdict}; rows: {rows:#?}"));
        assert!(row.contains(&format!("Release plan plans/release-plan.md:{line}")), "{row}");
        // The claims page links to the claim's entry on its document's page,
        // and that entry to the claim's mark at its line in the body.
        let link = format!("href=\"docs/plans/release-plan.html#claim-L{line}\"");
        assert!(section.contains(&link), "no {link} under {verdict}:\n{section}");
        let entry = format!(
            "<li id=\"claim-L{line}\" class=\"claim {verdict}\"><span class=\"verdict {verdict}\">"
        );
        let mark_link = format!("<a href=\"#mark-L{line}\">line {line}</a>");
        let plan_page = test.file("docs/plans/release-plan.html");
        let entry_at =
            plan_page.find(&entry).unwrap_or_else(|| panic!("no {entry} in the plan page"));
        assert!(plan_page[entry_at..].starts_with(&entry), "{plan_page}");
        assert!(plan_page[entry_at..].contains(&mark_link), "no {mark_link}:\n{plan_page}");
        match (&claim["evidence"], &claim["run"], &claim["note"]) {
            (Value::Null, _, _) => assert!(row.contains("no evidence"), "{row}"),
            (Value::String(path), run, _) => {
                assert!(row.contains(path.as_str()), "{row}");
                if let Some(run) = run.as_u64() {
                    assert!(row.contains(&format!("run {} of ", run + 1)), "{row}");
                }
            }
            (other, _, _) => panic!("evidence is not a path: {other}"),
        }
        match (&claim["note"], &claim["evidence"]) {
            (Value::String(note), _) => assert!(row.ends_with(note.as_str()), "{row}"),
            (_, Value::Null) => {
                assert!(row.ends_with("No evidence named near it could check it."), "{row}")
            }
            (_, _) => assert!(row.contains(" | It records "), "{row}"),
        }
    }
    for verdict in ["contradicted", "unsupported", "supported"] {
        let n = claims.iter().filter(|c| c["verdict"] == verdict).count();
        let card = format!("<span class=\"num\">{n}</span><span class=\"label\">{verdict}:");
        assert!(page.contains(&card), "no count {card} in:\n{page}");
    }
}

// Every page's navigation links the claims page, relative to the page.
#[test]
fn every_page_links_the_claims_page() {
    let mut test = claims_tree();
    test.build().expect_success();
    for (page, href) in [
        ("index.html", "claims.html"),
        ("tasks/r-001.html", "../claims.html"),
        ("docs/plans/release-plan.html", "../../claims.html"),
        (CLAIMS_LOG_PAGE, "../../claims.html"),
    ] {
        test.assert_file_contains(page, &format!("<a href=\"{href}\""));
    }
    test.assert_file_contains(
        "claims.html",
        "<a href=\"claims.html\" aria-current=\"page\">Claims</a>",
    );
    test.build_with(&["--no-minify", "--base-url", "https://example.org/x"])
        .expect_success()
        .assert_file_contains("sitemap.xml", "<loc>https://example.org/x/claims.html</loc>");
}

// The log's page has a row per run that status.json records (the log holds a
// failed run and its rerun), each linked to its first line, and marks the
// last complete run of each suite as the one that decides it.
#[test]
fn evidence_page_shows_each_run_and_the_one_that_decides() {
    let mut test = claims_tree();
    test.build().expect_success();
    let status = test.status_json();
    let evidence = status["evidence"].as_array().unwrap();
    let log = evidence.iter().find(|e| e["path"] == CLAIMS_LOG).expect("the log is evidence");
    let runs = log["runs"].as_array().unwrap();
    assert!(!runs.is_empty(), "a pytest log with summaries has runs: {log:#}");
    let page = test.file(CLAIMS_LOG_PAGE);
    let runs_section = &page[page.find("<section class=\"runs\">").expect("a runs table")..];
    let runs_section = &runs_section[..runs_section.find("</section>").unwrap()];
    assert_eq!(runs_section.matches("<tr id=\"run-").count(), runs.len(), "{runs_section}");
    // The run that decides a suite and scope: its last complete run, else its last run.
    let same = |a: &Value, b: &Value| a["suite"] == b["suite"] && a["scope"] == b["scope"];
    let decider = |run: &Value| {
        let of_suite: Vec<usize> = (0..runs.len()).filter(|&j| same(&runs[j], run)).collect();
        of_suite.iter().rev().find(|&&j| runs[j]["complete"] == true).or(of_suite.last()).copied()
    };
    for (idx, run) in runs.iter().enumerate() {
        let decided_by = decider(run).unwrap();
        let open = match decided_by == idx {
            true => format!("<tr id=\"run-{}\" class=\"decides\">", idx + 1),
            false => format!("<tr id=\"run-{}\">", idx + 1),
        };
        let at = runs_section.find(&open).unwrap_or_else(|| panic!("no {open} in {runs_section}"));
        let row = &runs_section[at..at + runs_section[at..].find("</tr>").unwrap()];
        let start = run["start_line"].as_u64().unwrap();
        assert!(row.contains(&format!("<a href=\"#L{start}\">")), "{row}");
        let outcome = run["outcome"].as_str().unwrap();
        assert!(row.contains(&format!("<span class=\"outcome {outcome}\">")), "{row}");
        if decided_by != idx {
            let by = format!("superseded by <a href=\"#run-{0}\">run {0}</a>", decided_by + 1);
            assert!(row.contains(&by), "{row}");
        }
    }
    let checked = &page[page.find("Claims checked against this file").expect("a list of claims")..];
    assert!(checked.contains("“12/12 tests passed”"), "{checked}");
}

// The plan's page lists the claims stated in it with their verdicts, and a
// task's page the claims of its own item only.
#[test]
fn document_and_task_pages_show_their_claims_with_verdicts() {
    let mut test = claims_tree();
    test.build().expect_success();
    let status = test.status_json();
    let verdict =
        |text: &str| claim_with_text(&status, text)["verdict"].as_str().unwrap().to_string();
    let (near_log, alone) = (verdict("12/12 tests passed"), verdict("40/40 tests passed"));
    let plan = test.file("docs/plans/release-plan.html");
    let listed = &plan[plan.find("id=\"claims-in-this-document\"").expect("a claims list")..];
    for (text, verdict) in [("12/12 tests passed", &near_log), ("40/40 tests passed", &alone)] {
        let item = format!("<span class=\"verdict {verdict}\">");
        let at = listed.find(&format!("“{text}”")).unwrap_or_else(|| panic!("{text:?} not listed"));
        let before = &listed[..at];
        assert!(before.rfind(&item) > before.rfind("<li>"), "{text:?} lacks its {verdict} pill");
    }
    test.assert_file_contains("tasks/r-001.html", "Claims in this task")
        .assert_file_contains("tasks/r-001.html", &format!("<span class=\"verdict {near_log}\">"))
        .assert_file_contains("tasks/r-001.html", "“12/12 tests passed”")
        .assert_file_lacks("tasks/r-003.html", "40/40 tests passed");
}

/// `summary.headline` of a built tree as `done/tasks skipped=… left_out=…`.
fn headline_line(test: &SiteTest) -> String {
    let status = test.status_json();
    let h = &status["summary"]["headline"];
    let out = &h["left_out"];
    format!(
        "{}/{} skipped={} counts={} subtask={} session={} page={} archived={}",
        h["done"],
        h["tasks"],
        h["skipped"],
        h["counts"],
        out["subtask"],
        out["session"],
        out["page"],
        out["archived"]
    )
}

#[test]
fn headline_counts_the_work_of_plans_and_says_what_it_leaves_out() {
    let mut test = SiteTest::from_dir("build/headline");
    test.build().expect_success();
    assert_eq!(
        headline_line(&test),
        r#"1/3 skipped=2 counts=["plan","tracker"] subtask=2 session=2 page=3 archived=4"#
    );
    let status = test.status_json();
    // Every task is still listed, each with why it is or is not counted.
    assert_eq!(status["summary"]["tasks"], 16);
    let scope_of = |title: &str| {
        let task = status["tasks"].as_array().unwrap().iter().find(|t| t["title"] == title);
        task.map(|t| (show(&t["scope"]), show(&t["status"]), show(&t["parent"])))
    };
    assert_eq!(scope_of("Ask support to review").unwrap().0, "subtask");
    assert_ne!(scope_of("Ask support to review").unwrap().2, "null");
    assert_eq!(scope_of("Print flyers - SKIPPED").unwrap().1, "skipped");
    assert_eq!(scope_of("Book the review room").unwrap().0, "session");
    assert_eq!(scope_of("Get a laptop").unwrap().0, "page");
    assert_eq!(scope_of("Hire a designer").unwrap().0, "archived");
    assert_eq!(scope_of("Port to the old framework").unwrap().0, "archived");
    let archived: Vec<_> = status["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["archived"] == true)
        .map(|d| show(&d["path"]))
        .collect();
    assert_eq!(archived, ["archive/2024/old-launch.md", "docs/Old/retired-plan.md"]);

    let dashboard = test.file("index.html");
    assert!(dashboard.contains("1 of 3 tasks done (33%)"), "{dashboard}");
    assert!(dashboard.contains("Counts the work of plans and trackers."), "{dashboard}");
    for left_out in [
        "Not counted:",
        "2 session to-dos, ",
        "3 checklist items of other pages, ",
        "4 tasks in archived folders, ",
        "2 subtasks (rolled up).",
        "skipped 2 (not counted)",
    ] {
        assert!(dashboard.contains(left_out), "{left_out} in {dashboard}");
    }
    test.assert_file_contains("tracker/scope/subtask.html", "subtask of ");
    // The parent, a checklist item with no id of its own, lives at an
    // anchor of its plan's page, where its subtasks roll up into it.
    let parent = status["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["title"] == "Write the launch checklist")
        .unwrap();
    let url = parent["url"].as_str().unwrap();
    assert!(url.starts_with("docs/plans/launch.html#task-launch-"), "{url}");
    test.assert_file_contains(
        "tracker/scope/subtask.html",
        &format!("subtask of {}", show(&parent["id"])),
    );
    test.assert_file_contains("docs/archive/2024/old-launch.html", "kind archived");
}

#[test]
fn headline_kinds_and_archive_folders_come_from_the_config() {
    let mut test = SiteTest::from_dir("build/headline");
    test.write_file(
        "attestor.toml",
        "[headline]\nkinds = [\"plan\", \"session\", \"dashboards\"]\narchive = [\"archive\"]\n",
    );
    test.build().expect_success().expect_stderr_contains(
        "error[A054]: `[headline] kinds` names `dashboards`, which is not a document kind",
    );
    assert_eq!(
        headline_line(&test),
        r#"2/6 skipped=2 counts=["plan","session"] subtask=2 session=0 page=3 archived=3"#
    );
}
