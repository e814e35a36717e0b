//! One docs tree with every hostile input of issue 9 at once, built as a CI
//! job would: the build ends with exit 0 (or 1 under `--strict`), names
//! each problem with its own diagnostic, reads nothing outside ROOT, writes
//! no page that could run a script, and gives the same bytes at another
//! thread count.

use std::collections::BTreeMap;

use crate::site_test::{SiteTest, read_tree};

/// How deep the nesting shapes go: far past any stack.
const DEPTH: usize = 100_000;

/// Markdown documents of the tree, by path.
fn documents() -> Vec<(String, String)> {
    let mut docs = vec![
        (
            "plans/release.md".to_string(),
            "# Release plan\n\n| ID | Task | Status |\n|---|---|---|\n\
             | R-1 | Ship the build | ✅ Done |\n\n\
             Unit tests: 100 passed (63), see [the run](../tests/unit.log).\n\n\
             ![burn-down](https://charts.example.net/burn.png)\n"
                .to_string(),
        ),
        (
            "notes/config.md".to_string(),
            "# Config notes\n\nThe file reads:\n\n```yaml\nattestor:\n  strict: true\n```\n\n\
             The paragraph after the block stays whole, and so does `attestor:` in code.\n"
                .to_string(),
        ),
        ("deep/quotes.md".to_string(), format!("{} too deep\n", ">".repeat(DEPTH))),
        ("deep/lists.md".to_string(), format!("{}too deep\n", "- ".repeat(DEPTH))),
        ("deep/html.md".to_string(), format!("{}too deep\n", "<div>".repeat(DEPTH))),
        (
            "deep/emphasis.md".to_string(),
            format!("{}x{}\n\n{}\n", "*".repeat(DEPTH), "*".repeat(DEPTH), "[".repeat(DEPTH)),
        ),
        ("headings/same.md".to_string(), "## Same\n\n".repeat(DEPTH)),
        (
            "deep/frontmatter.md".to_string(),
            format!("---\ntitle: Deep\ntags: {}\n---\n# Deep frontmatter\n", "[".repeat(DEPTH)),
        ),
        (format!("names/{}.md", "n".repeat(252)), "# A name of 255 bytes\n".to_string()),
    ];
    docs.sort();
    docs
}

/// A log of about 6 MB whose one failing test sits in the middle and whose
/// summary is at the end.
fn big_log() -> String {
    let mut log = String::with_capacity(6_500_000);
    for n in 0..60_000 {
        log.push_str(&format!("tests/test_load.py::test_case_{n:05} PASSED{}\n", " ".repeat(50)));
        if n == 30_000 {
            log.push_str("tests/test_load.py::test_midway FAILED - assert 1 == 2\n");
        }
    }
    log.push_str("=========== 1 failed, 60000 passed in 81.00s ===========\n");
    log
}

/// Writes the hostile tree under `test`'s ROOT, and a theme and a secret
/// outside it. Returns the socket listener, which must live for the build.
fn hostile_tree(test: &mut SiteTest) -> std::os::unix::net::UnixListener {
    for (rel, text) in documents() {
        test.write_file(&rel, &text);
    }
    test.write_file("tests/unit.log", "============ 63 passed in 1.20s ============\n")
        .write_file("tests/big.log", &big_log())
        .write_file(
            "evidence/report.html",
            "<html><body><script>alert('report')</script><p>all green</p></body></html>\n",
        )
        .write_file(
            "evidence/diagram.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert('svg')\">\
             <script>alert('svg')</script><rect width=\"4\" height=\"4\"/></svg>\n",
        )
        .write_file(
            "evidence/results.xml",
            "<?xml version=\"1.0\"?>\n<?xml-stylesheet type=\"text/xsl\" href=\"x.xsl\"?>\n\
             <testsuites><testsuite tests=\"1\" failures=\"0\"><testcase name=\"a\"/></testsuite></testsuites>\n",
        )
        .write_file("attestor.toml", "theme = \"../elsewhere\"\ninclude = [\"**\", \"docs/[oops\"]\n");
    // A killed build's staging folder, inside ROOT beside the output.
    for n in 0..50 {
        test.write_file(&format!(".public.attestor-new-99999999/leftover-{n}.md"), "# Left\n");
    }
    // Outside ROOT: a theme and a secret that must never reach the portal.
    let outside = test.temp().to_path_buf();
    std::fs::create_dir_all(outside.join("elsewhere/templates")).unwrap();
    std::fs::write(outside.join("elsewhere/templates/base.html"), "STOLEN-THEME").unwrap();
    std::fs::write(outside.join("secret.md"), "# SECRET-OUTSIDE\n").unwrap();
    let root = test.root().to_path_buf();
    std::os::unix::fs::symlink(outside.join("secret.md"), root.join("notes/secret.md")).unwrap();
    let made = std::process::Command::new("mkfifo").arg(root.join("notes/pipe.md")).status();
    assert!(made.unwrap().success(), "mkfifo failed");
    std::os::unix::net::UnixListener::bind(root.join("notes/socket")).unwrap()
}

/// The codes of status.json's diagnostics, with their paths.
fn diagnostics(status: &serde_json::Value) -> Vec<(String, String)> {
    status["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_string(), d["path"].as_str().unwrap().to_string()))
        .collect()
}

fn has(found: &[(String, String)], code: &str, path: &str) -> bool {
    found.iter().any(|(c, p)| c == code && p.starts_with(path))
}

/// Builds with relative paths from the temp folder, as a user types them.
fn build(test: &mut SiteTest, extra: &[&str], env: &[(&str, &str)]) {
    let mut args = vec!["build", "hostile", "-o", "hostile/public"];
    args.extend(extra);
    test.run_env(&args, env);
}

#[test]
fn a_hostile_tree_builds_names_every_problem_and_runs_nothing() {
    let mut test = SiteTest::empty("hostile");
    let root = test.root().to_path_buf();
    test.with_out(root.join("public"));
    let _socket = hostile_tree(&mut test);
    build(&mut test, &["--base-url", "https://docs.example.org/portal"], &[]);
    test.expect_success();
    let first: BTreeMap<String, Vec<u8>> = read_tree(&root.join("public"));

    let status = test.status_json();
    let found = diagnostics(&status);
    for (code, path, what) in [
        ("A170", "notes/pipe.md", "a FIFO is listed, never opened"),
        ("A170", "notes/socket", "a socket is listed, never opened"),
        ("A171", "attestor.toml", "a theme outside ROOT is not read"),
        ("A051", "attestor.toml", "a bad include glob is named"),
        ("A180", "deep/quotes.md", "quotes nested 100,000 deep are flattened"),
        ("A180", "deep/lists.md", "lists nested 100,000 deep are flattened"),
        ("A180", "deep/emphasis.md", "emphasis nested 100,000 deep is flattened"),
        ("A181", "deep/html.md", "raw HTML nested 100,000 deep is shown as text"),
        ("A182", "plans/release.md", "a remote image becomes a link"),
        ("A026", "deep/frontmatter.md", "frontmatter nested 100,000 deep is not parsed"),
        ("A210", "tests/big.log", "a 6 MB log is read in bounded memory and shown cut"),
    ] {
        assert!(has(&found, code, path), "no {code} at {path} ({what}) among {found:?}");
    }
    let listed: Vec<&str> = status["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    for (rel, _) in documents() {
        assert!(listed.contains(&rel.as_str()), "`{rel}` is not in the portal");
    }
    assert!(
        !listed.iter().any(|d| d.contains("attestor-new") || d.contains("leftover")),
        "a killed build's folder was read: {listed:?}"
    );
    assert!(!root.join(".public.attestor-new-99999999").exists(), "the leftover was not cleaned");
    assert!(!listed.contains(&"notes/secret.md"), "a symlink out of ROOT was read");

    // `100 passed (63)` does not add up: never supported, and no overflow.
    let claims = status["claims"].as_array().unwrap();
    let odd: Vec<_> = claims
        .iter()
        .filter(|c| c["source"]["path"] == "plans/release.md" && c["kind"] == "tests")
        .collect();
    assert!(!odd.is_empty(), "the claim of plans/release.md was not read: {claims:?}");
    assert!(odd.iter().all(|c| c["verdict"] != "supported"), "{odd:?}");
    // The cut log keeps its failing line and its summary: it fails.
    let big = status["evidence"].as_array().unwrap().iter().find(|e| e["path"] == "tests/big.log");
    assert_eq!(big.unwrap()["outcome"], "fail", "{big:?}");
    assert!(test.file("docs/tests/big.log.html").contains("test_midway FAILED"));

    // The text `attestor:` in a code block swallows nothing.
    let config = test.file("docs/notes/config.html");
    assert!(config.contains("The paragraph after the block stays whole"), "{config}");
    assert!(!has(&found, "A030", "notes/config.md"), "a bogus A030: {found:?}");
    assert!(!test.file("docs/plans/release.html").contains("src=\"https://"));

    // Nothing from outside ROOT, no absolute path of this machine, no page
    // that runs a script of the user's.
    let temp = test.temp().canonicalize().unwrap();
    for (rel, bytes) in &first {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains("STOLEN-THEME"), "{rel} holds the outside theme");
        assert!(!text.contains("SECRET-OUTSIDE"), "{rel} holds the outside secret");
        assert!(!text.contains(&*temp.to_string_lossy()), "{rel} holds an absolute path");
        let ext = rel.rsplit('.').next().unwrap_or("");
        // badge.svg and the favicon are attestor's own; every other such file is the user's.
        let own = ["badge.svg", "assets/favicon.svg"].contains(&rel.as_str());
        if ["html", "htm", "svg", "xml", "xhtml", "xsl"].contains(&ext) && !own {
            // Shown escaped (`&lt;script&gt;`) is fine; as markup it would run.
            for active in ["<script>alert", "<svg xmlns", "<?xml-stylesheet"] {
                assert!(!text.contains(active), "{rel} holds `{active}` as markup");
            }
        }
        if ext == "html" {
            assert!(text.contains("Content-Security-Policy"), "{rel} has no CSP");
            assert!(!text.contains(" style=\""), "{rel} has an inline style");
        }
    }
    let stderr = &test.last().stderr;
    assert!(!stderr.contains("[ROOT]"), "stderr names an absolute path:\n{stderr}");

    // The sitemap lists every page but the 404.
    let sitemap = String::from_utf8_lossy(&first["sitemap.xml"]).into_owned();
    let pages = first.keys().filter(|r| r.ends_with(".html") && r.as_str() != "404.html");
    assert_eq!(sitemap.matches("<loc>").count(), pages.count(), "{sitemap}");
    for page in ["index.html", "tasks.html", "files.html", "audit.html", "docs/notes/config.html"] {
        let loc = format!("<loc>https://docs.example.org/portal/{page}</loc>");
        assert!(sitemap.contains(&loc), "sitemap lacks {loc}");
    }

    // The same tree at one thread gives the same bytes.
    build(
        &mut test,
        &["--base-url", "https://docs.example.org/portal"],
        &[("RAYON_NUM_THREADS", "1")],
    );
    test.expect_success();
    let second = read_tree(&root.join("public"));
    let differ: Vec<&String> = first.keys().filter(|k| second.get(*k) != first.get(*k)).collect();
    assert!(differ.is_empty() && first.len() == second.len(), "builds differ: {differ:?}");

    // --strict fails on the warnings and leaves the published portal as it was.
    build(&mut test, &["--base-url", "https://docs.example.org/portal", "--strict"], &[]);
    test.expect_exit(1);
    assert!(read_tree(&root.join("public")) == first, "--strict replaced the portal");

    // check exits 1 (the tree has errors), never more, and writes nothing.
    test.run(&["check", "hostile", "-o", "hostile/public", "--format", "json"]);
    test.expect_exit(1);
    assert!(read_tree(&root.join("public")) == first, "check wrote to the output");
}
