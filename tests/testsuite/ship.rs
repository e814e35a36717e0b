//! The GitHub Action and the release (issue 12): the action's build step
//! (`.github/action/build.sh`) on a docs tree, with its exit codes, the
//! summary it hands to the workflow and the base URL it passes; and its
//! install step (`.github/action/install.sh`) taking a release archive that
//! the release workflow's own packaging step made, served over loopback,
//! checked against its SHA-256, and refusing one that was altered.
//!
//! The scripts run under bash as on a Linux runner, with the runner's
//! variables pointed at temp files.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::site_test::{ATTESTOR, SiteTest};

/// The repository root, where action.yml and .github/ are.
fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs one of the action's scripts with bash, `attestor` on the PATH and
/// the runner's files in `runner`.
fn run_script(script: &str, runner: &Path, env: &[(&str, &str)]) -> Output {
    let bin_dir = Path::new(ATTESTOR).parent().unwrap();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    std::fs::create_dir_all(runner).unwrap();
    let mut command = Command::new("bash");
    command
        .arg(repo().join(".github/action").join(script))
        .env("PATH", path)
        .env("RUNNER_TEMP", runner)
        .env("GITHUB_OUTPUT", runner.join("output"))
        .env("GITHUB_STEP_SUMMARY", runner.join("step-summary"))
        .env("GITHUB_PATH", runner.join("path"))
        .env_remove("SOURCE_DATE_EPOCH");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// The action's build step on `ship/harbour` (one plan, one warning).
fn build_step(test: &SiteTest, strict: &str, base_url: &str) -> Output {
    let runner = test.temp().join("runner");
    run_script(
        "build.sh",
        &runner,
        &[
            ("ROOT", test.root().to_str().unwrap()),
            ("OUT", test.out().to_str().unwrap()),
            ("STRICT", strict),
            ("BASE_URL", base_url),
        ],
    )
}

// The action builds the portal, passes the base URL on (sitemap.xml lists
// pages under it) and hands attestor's summary line to the workflow.
#[test]
fn action_builds_the_portal_and_hands_on_its_summary() {
    let test = SiteTest::from_dir("ship/harbour");
    let output = build_step(&test, "false", "https://example.org/status");
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let sitemap = std::fs::read_to_string(test.out().join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://example.org/status/index.html</loc>"), "{sitemap}");
    let runner = test.temp().join("runner");
    let summary = read(&runner.join("output"));
    let out = test.out().display().to_string();
    assert!(
        summary.starts_with(
            "summary=Built 1 document, 2 tasks, 0 evidence files (0 errors, 1 warning) in "
        ),
        "{summary}"
    );
    assert!(summary.ends_with(&format!(" -> {out}\n")), "{summary}");
    let page = read(&runner.join("step-summary"));
    assert!(page.starts_with("### attestor\n\nBuilt 1 document, 2 tasks"), "{page}");
    // attestor's diagnostics still reach the log, with their line.
    assert!(
        text(&output.stderr).contains("--> plans/ROLLOUT-PLAN.md:8"),
        "{}",
        text(&output.stderr)
    );
}

// `strict: true` fails the step on a warning and writes no portal.
#[test]
fn action_with_strict_fails_on_a_warning_and_publishes_nothing() {
    let test = SiteTest::from_dir("ship/harbour");
    let output = build_step(&test, "true", "");
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert!(!test.out().exists(), "the portal was written");
    let summary = read(&test.temp().join("runner/output"));
    let out = test.out().display().to_string();
    assert!(summary.ends_with(&format!("; not published to {out}\n")), "{summary}");
}

// Without a base URL there is no sitemap, and the portal is still built.
#[test]
fn action_without_base_url_writes_no_sitemap() {
    let test = SiteTest::from_dir("ship/harbour");
    let output = build_step(&test, "false", "");
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(test.out().join("index.html").is_file());
    assert!(!test.out().join("sitemap.xml").exists());
}

// A mistyped `strict` is an error annotation and a usage exit, not a
// silent non-strict build.
#[test]
fn action_refuses_a_strict_that_is_not_true_or_false() {
    let test = SiteTest::from_dir("ship/harbour");
    let output = build_step(&test, "yes", "");
    assert_eq!(output.status.code(), Some(64));
    assert_eq!(
        text(&output.stdout),
        "::error title=attestor::the input strict is `yes`; it takes true or false\n"
    );
    assert!(!test.out().exists());
}

/// Serves the files under `dir` over loopback, one request per connection,
/// 404 for anything missing; returns the base URL.
fn serve(dir: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut request = String::new();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            // Drain the headers.
            let mut line = String::new();
            while reader.read_line(&mut line).map(|n| n > 2).unwrap_or(false) {
                line.clear();
            }
            let target = request.split_whitespace().nth(1).unwrap_or("/");
            let file = dir.join(target.trim_start_matches('/'));
            let reply = match (target.contains(".."), std::fs::read(&file)) {
                (false, Ok(body)) => {
                    let head = format!(
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    [head.into_bytes(), body].concat()
                }
                _ => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_vec(),
            };
            let _ = stream.write_all(&reply);
        }
    });
    format!("http://{addr}")
}

/// Packs this test run's attestor as the release workflow's `Package` step
/// does (its own script, read from release.yml) and lays the archive and
/// its `.sha256` out as a release download of `OWNER/attestor`. Returns the
/// folder to serve.
fn release_of_this_build(temp: &Path, tag: &str, target: &str) -> PathBuf {
    let workflow = std::fs::read_to_string(repo().join(".github/workflows/release.yml")).unwrap();
    let workflow: yaml_serde::Value = yaml_serde::from_str(&workflow).unwrap();
    let steps = workflow["jobs"]["build"]["steps"].as_sequence().unwrap();
    let package = steps.iter().find(|step| step["name"] == "Package").unwrap();
    let script = package["run"].as_str().unwrap();

    let work = temp.join("work");
    let release = work.join("target").join(target).join("release");
    std::fs::create_dir_all(&release).unwrap();
    std::fs::copy(ATTESTOR, release.join("attestor")).unwrap();
    std::fs::copy(repo().join("README.md"), work.join("README.md")).unwrap();
    let output = Command::new("bash")
        .args(["-e", "-c", script])
        .current_dir(&work)
        .env("TAG", tag)
        .env("TARGET", target)
        .env("GITHUB_OUTPUT", temp.join("package-output"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));

    let served = temp.join("served");
    let download = served.join("OWNER/attestor/releases/download").join(tag);
    std::fs::create_dir_all(&download).unwrap();
    for suffix in ["", ".sha256"] {
        let name = format!("attestor-{tag}-{target}.tar.gz{suffix}");
        std::fs::rename(work.join(&name), download.join(&name)).unwrap();
    }
    served
}

/// Runs the install step as on an x86-64 Linux runner, for the action used
/// at `action_ref`, downloading from `server`.
fn install_step(runner: &Path, server: &str, action_ref: &str, version: &str) -> Output {
    run_script(
        "install.sh",
        runner,
        &[
            ("RUNNER_OS", "Linux"),
            ("RUNNER_ARCH", "X64"),
            ("GITHUB_SERVER_URL", server),
            ("ACTION_REPOSITORY", "OWNER/attestor"),
            ("ACTION_REF", action_ref),
            ("ACTION_PATH", repo().to_str().unwrap()),
            ("ATTESTOR_VERSION", version),
            ("CARGO_NET_RETRY", "0"),
        ],
    )
}

// At a release tag, the action takes the release's binary for the runner,
// checks its SHA-256 and puts it on the PATH; nothing is compiled.
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
#[test]
fn action_installs_the_release_binary_after_checking_its_checksum() {
    let temp = tempfile::tempdir().unwrap();
    let version = env!("CARGO_PKG_VERSION");
    let tag = format!("v{version}");
    let server = serve(release_of_this_build(temp.path(), &tag, "x86_64-unknown-linux-gnu"));
    let runner = temp.path().join("runner");

    let output = install_step(&runner, &server, "v1", "");
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}{}", text(&output.stderr));
    assert!(
        stdout.contains(&format!("attestor-{tag}-x86_64-unknown-linux-gnu.tar.gz: OK")),
        "{stdout}"
    );
    assert!(
        stdout.ends_with(&format!(
            "attestor {version}\nInstalled attestor: release {tag} (x86_64-unknown-linux-gnu)\n"
        )),
        "{stdout}"
    );
    let bin = runner.join("attestor/bin");
    assert_eq!(read(&runner.join("path")), format!("{}\n", bin.display()));
    assert_eq!(std::fs::read(bin.join("attestor")).unwrap(), std::fs::read(ATTESTOR).unwrap());
}

// An archive that differs from its published SHA-256 is never installed:
// the action says so and builds from source instead, which here fails
// (the tag's source is not on the test server), so nothing is on the PATH.
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
#[test]
fn action_refuses_a_release_archive_that_does_not_match_its_checksum() {
    let temp = tempfile::tempdir().unwrap();
    let version = env!("CARGO_PKG_VERSION");
    let tag = format!("v{version}");
    let served = release_of_this_build(temp.path(), &tag, "x86_64-unknown-linux-gnu");
    let archive = served
        .join("OWNER/attestor/releases/download")
        .join(&tag)
        .join(format!("attestor-{tag}-x86_64-unknown-linux-gnu.tar.gz"));
    let mut bytes = std::fs::read(&archive).unwrap();
    bytes.extend_from_slice(b"tampered");
    std::fs::write(&archive, bytes).unwrap();
    let server = serve(served);
    let runner = temp.path().join("runner");

    let output = install_step(&runner, &server, "main", version);
    let stdout = text(&output.stdout);
    assert_ne!(output.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains(&format!("attestor-{tag}-x86_64-unknown-linux-gnu.tar.gz: FAILED")),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "No release binary of {tag} could be used here (see above): building it from source"
        )),
        "{stdout}"
    );
    assert!(
        text(&output.stderr).contains(&format!("{server}/OWNER/attestor")),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(read(&runner.join("path")), "");
    assert!(!runner.join("attestor/bin/attestor").exists());
}

// Every binary the action asks for on a runner is one the release workflow
// builds, under the name the workflow gives it.
#[test]
fn release_workflow_builds_every_target_the_action_takes() {
    let workflow = std::fs::read_to_string(repo().join(".github/workflows/release.yml")).unwrap();
    let workflow: yaml_serde::Value = yaml_serde::from_str(&workflow).unwrap();
    let built: Vec<&str> = workflow["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|row| row["target"].as_str().unwrap())
        .collect();
    let install = std::fs::read_to_string(repo().join(".github/action/install.sh")).unwrap();
    let cases = install.split("targets() {").nth(1).unwrap().split("\n}\n").next().unwrap();
    let wanted: Vec<&str> = cases
        .split_whitespace()
        .filter(|word| word.matches('-').count() >= 2 && !word.contains('/'))
        .map(|word| word.trim_end_matches(';'))
        .collect();
    assert_eq!(wanted.len(), 6, "{wanted:?}");
    for target in wanted {
        assert!(
            built.contains(&target),
            "the action takes `{target}`; the release builds {built:?}"
        );
    }
}
