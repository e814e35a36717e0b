//! Evidence provenance (issue 13): `provenance.json` lists each evidence
//! file with the SHA-256 of its bytes, the commit and the CI run the portal
//! was built from; each evidence page shows its hash; `attestor check
//! --against` compares a tree with a published `provenance.json` and
//! catches evidence changed or deleted since, and refuses a published file
//! that is not one, or that names a path outside ROOT.

use std::io::{Read as _, Write as _};
use std::path::Path;

use sha2::{Digest as _, Sha256};

use crate::audit::git;
use crate::site_test::SiteTest;

/// The test log of the fixture, relative to ROOT.
const LOG: &str = "tests/2026-03-05-api.log";

/// The bytes of the fixture's test log.
const LOG_TEXT: &str =
    "===== test session starts =====\ncollected 12 items\n\n===== 12 passed in 1.20s =====\n";

/// A commit hash as GitHub Actions gives it.
const GITHUB_SHA: &str = "4f1c2b3a5d6e7f8091a2b3c4d5e6f708192a3b4c";

/// The environment of a GitHub Actions run.
const GITHUB_ENV: &[(&str, &str)] = &[
    ("CI", "true"),
    ("GITHUB_ACTIONS", "true"),
    ("GITHUB_SHA", GITHUB_SHA),
    ("GITHUB_REF_NAME", "main"),
    ("GITHUB_REPOSITORY", "acme/shop"),
    ("GITHUB_SERVER_URL", "https://github.com"),
    ("GITHUB_RUN_ID", "9876543210"),
    ("GITHUB_RUN_ATTEMPT", "2"),
    // 2026-03-05.
    ("SOURCE_DATE_EPOCH", "1772668800"),
];

/// The SHA-256 of `bytes`, 64 lowercase hex digits.
fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// A tree with a plan whose task names a test log under `tests/`.
fn fixture(case: &str) -> SiteTest {
    let mut test = SiteTest::empty(case);
    test.write_file(
        "plans/release.md",
        &format!(
            "# Release plan\n\n| ID | Task | Status |\n|----|------|--------|\n| T-001 | Write the API | done |\n\nEvidence for T-001: `{LOG}`\n"
        ),
    );
    test.write_file(LOG, LOG_TEXT);
    test
}

/// Builds the tree and copies its `provenance.json` out of the portal, to
/// `[ROOT]/published.json`, as a published portal would keep it.
fn publish(test: &mut SiteTest) -> std::path::PathBuf {
    test.build().expect_success();
    let published = test.temp().join("published.json");
    std::fs::copy(test.out().join("provenance.json"), &published).unwrap();
    published
}

/// Runs `attestor check ROOT --against <against>` with `extra` flags.
fn check_against(test: &mut SiteTest, against: &str, extra: &[&str]) {
    let root = test.root().to_string_lossy().into_owned();
    let mut args = vec!["check", root.as_str(), "--against", against];
    args.extend_from_slice(extra);
    test.run(&args);
}

// provenance.json lists the log with the SHA-256 of its bytes and the
// GitHub Actions run it was built in; the log's page shows the hash, the
// commit linked to the forge and the run; a second build writes the same
// bytes.
#[test]
fn provenance_json_lists_each_evidence_hash_and_the_ci_run() {
    let mut test = fixture("prov");
    let root = test.root().to_path_buf();
    let build = |test: &mut SiteTest| {
        let out = test.out().to_path_buf();
        test.run_env(
            &[
                "build".as_ref(),
                root.as_os_str(),
                "-o".as_ref(),
                out.as_os_str(),
                "--no-minify".as_ref(),
            ],
            GITHUB_ENV,
        )
        .expect_success();
        test.file("provenance.json")
    };
    let first = build(&mut test);
    let provenance: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(
        provenance,
        serde_json::json!({
            "schema": 1,
            "generator": concat!("attestor ", env!("CARGO_PKG_VERSION")),
            "commit": GITHUB_SHA,
            "ref": "main",
            "repository": "acme/shop",
            "ci": {
                "provider": "github-actions",
                "run_id": "9876543210",
                "run_url": "https://github.com/acme/shop/actions/runs/9876543210",
                "run_attempt": "2"
            },
            "built": "2026-03-05",
            "evidence": [{
                "path": LOG,
                "sha256": sha256(LOG_TEXT.as_bytes()),
                "size": LOG_TEXT.len(),
                "url": "docs/tests/2026-03-05-api.log.html"
            }]
        })
    );
    let page = test.file("docs/tests/2026-03-05-api.log.html");
    let want = [
        format!(
            "<dt>SHA-256</dt><dd class=\"hash\"><code>{}</code></dd>",
            sha256(LOG_TEXT.as_bytes())
        ),
        format!(
            "<dt>Built from</dt><dd>commit <code><a href=\"https://github.com/acme/shop/commit/{GITHUB_SHA}\">4f1c2b3</a></code> in CI run <a href=\"https://github.com/acme/shop/actions/runs/9876543210\">9876543210</a></dd>"
        ),
    ];
    for want in want {
        assert!(page.contains(&want), "{want}\n{page}");
    }
    // Pages of documents that are not evidence show no hash.
    test.assert_file_lacks("docs/plans/release.html", "SHA-256");
    assert_eq!(build(&mut test), first, "a second build writes other bytes");
}

// Without CI, in a repository, the commit is git's HEAD, and the page
// says so without a run; outside one it is null and the page shows the
// hash alone.
#[test]
fn without_ci_the_commit_is_git_head_or_null() {
    let mut test = fixture("repo");
    let root = test.root().to_path_buf();
    test.build().expect_success();
    let provenance: serde_json::Value =
        serde_json::from_str(&test.file("provenance.json")).unwrap();
    assert_eq!(
        (&provenance["commit"], &provenance["ci"]),
        (&serde_json::Value::Null, &serde_json::Value::Null)
    );
    test.assert_file_lacks("docs/tests/2026-03-05-api.log.html", "Built from");

    git(&root, &["init", "-q", "-b", "main"], "2026-03-05", "x");
    git(&root, &["add", "-A"], "2026-03-05", "Dana Ortiz");
    git(&root, &["commit", "-q", "-m", "the release"], "2026-03-05", "Dana Ortiz");
    let head = git(&root, &["rev-parse", "HEAD"], "2026-03-05", "x");
    test.build().expect_success();
    let provenance: serde_json::Value =
        serde_json::from_str(&test.file("provenance.json")).unwrap();
    assert_eq!(provenance["commit"], head.as_str());
    assert_eq!(provenance["ci"], serde_json::Value::Null);
    test.assert_file_contains(
        "docs/tests/2026-03-05-api.log.html",
        &format!("<dt>Built from</dt><dd>commit <code>{}</code></dd>", &head[..7]),
    );
}

// The unchanged tree checks clean against its published provenance; a log
// changed after publication is an error at its path, one deleted is an
// error, and one added is a note (json only).
#[test]
fn check_against_verifies_the_tree_and_catches_a_tampered_log() {
    let mut test = fixture("tamper");
    let published = publish(&mut test);
    let against = published.to_string_lossy().into_owned();
    check_against(&mut test, &against, &[]);
    test.expect_success().expect_stderr_lines(&[
        "Compared with [ROOT]/published.json: 1 evidence file unchanged, 0 changed, 0 missing; 0 not in it",
    ]);
    assert!(!test.last().stderr.contains("A295"), "{}", test.last().stderr);

    let was = sha256(LOG_TEXT.as_bytes());
    let tampered = LOG_TEXT.replace("12 passed", "13 passed");
    test.write_file(LOG, &tampered);
    test.write_file("tests/2026-03-06-e2e.log", "===== 3 passed in 0.50s =====\n");
    check_against(&mut test, &against, &[]);
    test.expect_exit(1).expect_stderr_lines(&[
        &format!(
            "error[A295]: evidence changed after publication: sha256 was {}…, is now {}…",
            &was[..12],
            &sha256(tampered.as_bytes())[..12]
        ),
        &format!("--> {LOG}"),
    ]);
    test.expect_stderr_contains(
        "Compared with [ROOT]/published.json: 0 evidence files unchanged, 1 changed, 0 missing; 1 not in it",
    );
    check_against(&mut test, &against, &["--format", "json"]);
    let stdout = test.expect_exit(1).last().stdout.clone();
    let codes: Vec<(String, String)> = stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|d| d["code"].as_str().is_some_and(|c| c.starts_with("A29")))
        .map(|d| (d["code"].as_str().unwrap().to_string(), d["path"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(
        codes,
        [
            ("A295".to_string(), LOG.to_string()),
            ("A297".to_string(), "tests/2026-03-06-e2e.log".to_string())
        ]
    );

    std::fs::remove_file(test.root().join(LOG)).unwrap();
    check_against(&mut test, &against, &[]);
    test.expect_exit(1)
        .expect_stderr_lines(&[
            &format!("error[A296]: evidence published with sha256 {}… is missing now", &was[..12]),
            &format!("--> {LOG}"),
        ])
        .expect_stderr_contains("0 evidence files unchanged, 0 changed, 1 missing; 1 not in it");
}

// A published file that names a path outside ROOT is refused whole before
// anything is read through it; a path inside ROOT that is a symlink out of
// it is not read either.
#[cfg(unix)]
#[test]
fn check_against_never_reads_outside_root() {
    let mut test = fixture("hostile");
    let published = publish(&mut test);
    std::fs::write(test.temp().join("outside.txt"), "SECRET-OUTSIDE\n").unwrap();
    let mut provenance: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&published).unwrap()).unwrap();
    let entry = |path: &str| serde_json::json!({ "path": path, "sha256": sha256(b"SECRET-OUTSIDE\n"), "size": 15, "url": "x.html" });
    provenance["evidence"].as_array_mut().unwrap().push(entry("../outside.txt"));
    let evil = test.temp().join("evil.json");
    std::fs::write(&evil, provenance.to_string()).unwrap();
    check_against(&mut test, &evil.to_string_lossy(), &[]);
    test.expect_exit(2).expect_stderr_lines(&[
        "error: `[ROOT]/evil.json` is not a provenance.json attestor can compare with: it lists the evidence path `../outside.txt`, which leads out of the docs folder; nothing was read through it",
    ]);

    // A symlink inside ROOT to the file outside: listed, but never read.
    std::os::unix::fs::symlink("../../outside.txt", test.root().join("tests/link.log")).unwrap();
    provenance["evidence"].as_array_mut().unwrap().pop();
    provenance["evidence"].as_array_mut().unwrap().push(entry("tests/link.log"));
    std::fs::write(&evil, provenance.to_string()).unwrap();
    check_against(&mut test, &evil.to_string_lossy(), &[]);
    test.expect_exit(1).expect_stderr_lines(&[
        "error[A298]: published evidence cannot be compared: it leads outside the docs folder (a symlink); it is not read",
        "--> tests/link.log",
    ]);
    assert!(!test.last().stderr.contains("SECRET"), "{}", test.last().stderr);
}

// A file that is not JSON, or of another schema, cannot be compared with:
// exit 2 and why; so is a path that is not there.
#[test]
fn check_against_a_file_that_is_not_provenance_exits_2() {
    let mut test = fixture("not-json");
    std::fs::write(test.temp().join("notes.txt"), "hello\n").unwrap();
    check_against(&mut test, "notes.txt", &[]);
    test.expect_exit(2).expect_stderr_lines(&[
        "error: `notes.txt` is not a provenance.json attestor can compare with: it is not JSON (expected value at line 1 column 1)",
    ]);
    std::fs::write(test.temp().join("future.json"), "{\"schema\": 2, \"evidence\": []}").unwrap();
    check_against(&mut test, "future.json", &[]);
    test.expect_exit(2).expect_stderr_lines(&[
        "error: `future.json` is not a provenance.json attestor can compare with: it has schema 2; this attestor reads schema 1",
    ]);
    check_against(&mut test, "nowhere.json", &[]);
    test.expect_exit(2).expect_stderr_lines(&[
        "error: cannot read the published provenance `nowhere.json`",
        "  caused by: No such file or directory (os error 2)",
    ]);
    check_against(&mut test, "file:///etc/passwd", &[]);
    test.expect_exit(2).expect_stderr_lines(&[
        "error: cannot read `file:///etc/passwd`: `file:` URLs are not fetched; give an http(s) URL or a file's path",
    ]);
}

/// Serves `body` over loopback to each request for `/provenance.json`, a
/// 404 to any other, for `n` requests; returns the base URL.
fn serve(body: Vec<u8>, n: usize) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(n) {
            let mut stream = stream.unwrap();
            let mut request = Vec::new();
            let mut buf = [0; 1024];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(k) => request.extend_from_slice(&buf[..k]),
                }
            }
            let found = request.starts_with(b"GET /provenance.json ");
            let (status, body) =
                if found { ("200 OK", body.as_slice()) } else { ("404 Not Found", &b"no\n"[..]) };
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(body));
        }
    });
    url
}

// A published provenance fetched over http with curl compares as a file
// does; a URL that answers 404 exits 2 with curl's words; without curl,
// exit 2 says to install it.
#[test]
fn check_against_a_url_fetches_it_with_curl() {
    if !Path::new("/usr/bin/curl").exists()
        && std::process::Command::new("curl").arg("--version").output().is_err()
    {
        eprintln!("skipped: no curl to fetch a published provenance with");
        return;
    }
    let mut test = fixture("url");
    let published = publish(&mut test);
    let base = serve(std::fs::read(&published).unwrap(), 2);
    check_against(&mut test, &format!("{base}/provenance.json"), &[]);
    test.expect_success().expect_stderr_contains(&format!(
        "Compared with {base}/provenance.json: 1 evidence file unchanged, 0 changed, 0 missing; 0 not in it"
    ));
    check_against(&mut test, &format!("{base}/gone.json"), &[]);
    test.expect_exit(2)
        .expect_stderr_contains(&format!("error: cannot fetch `{base}/gone.json`: curl: (22) "));

    let empty = test.temp().join("no-programs");
    std::fs::create_dir_all(&empty).unwrap();
    let root = test.root().to_string_lossy().into_owned();
    test.run_env(
        &["check", root.as_str(), "--against", "https://example.org/provenance.json"],
        &[("PATH", &empty.to_string_lossy())],
    );
    test.expect_exit(2).expect_stderr_lines(&[
        "error: cannot fetch `https://example.org/provenance.json`: the `curl` program is not installed (attestor fetches URLs with it); install curl, or download the file and give its path",
    ]);
}
