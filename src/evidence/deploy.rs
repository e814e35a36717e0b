//! Deploy records: a JSON document with a status field, or a deploy job's
//! text log.
//!
//! A JSON record passes or fails by its `status`, `state`, `conclusion`,
//! `result` or `outcome` field, at the top or under `deployment`/`result`. A
//! text log is judged by its last status signal: an exit code (`exit code 1`,
//! `Process completed with exit code 0`), a deploy sentence (`Deploy
//! succeeded`, `✓ Deployed`, `Deployment failed`) or an error line. A smoke
//! step's `N passed, N failed` line gives the record its figures.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::{Map, Value};

use super::lines::{count, epoch_date, matching_lines};
use super::{Outcome, Reading, plain};
use crate::dates::find_date;
use crate::model::{EvidenceFormat, EvidenceKind};

/// Status fields of a deploy record, in the order they are looked for.
const STATUS_FIELDS: [&str; 7] =
    ["status", "state", "conclusion", "result", "outcome", "readystate", "deploy_status"];

/// Objects a deploy record nests its status in.
const NESTED: [&str; 4] = ["deployment", "result", "deploy", "release"];

/// Date fields of a deploy record, most telling first.
const DATE_FIELDS: [&str; 8] = [
    "finished_at",
    "completed_at",
    "deployed_at",
    "updated_at",
    "created_at",
    "started_at",
    "timestamp",
    "createdat",
];

/// What a status word says about a deploy.
fn status_outcome(word: &str) -> Option<Outcome> {
    let word = word.trim().to_lowercase().replace(['-', ' '], "_");
    match word.as_str() {
        "success" | "succeeded" | "successful" | "ok" | "pass" | "passed" | "deployed" | "live"
        | "ready" | "complete" | "completed" | "done" | "healthy" => Some(Outcome::Pass),
        "failure" | "failed" | "fail" | "error" | "errored" | "cancelled" | "canceled"
        | "rolled_back" | "rolledback" | "timed_out" | "timeout" | "crashed" | "aborted" => {
            Some(Outcome::Fail)
        }
        _ => None,
    }
}

/// Reads a deploy record, or `None` when the value has no status field it
/// recognises. Under a deploy path, any status field counts, even an
/// unknown word such as `in_progress`.
pub(super) fn read_json(value: &Value, deploy_path: bool) -> Option<Reading> {
    let top = value.as_object()?;
    let objects = std::iter::once(top)
        .chain(NESTED.iter().filter_map(|key| field(top, key).and_then(Value::as_object)));
    let statuses: Vec<&str> = objects
        .flat_map(|object| STATUS_FIELDS.iter().filter_map(|key| field(object, key)))
        .filter_map(Value::as_str)
        .collect();
    let outcomes: Vec<Outcome> = statuses.iter().filter_map(|s| status_outcome(s)).collect();
    let any_status_counts = deploy_path && !statuses.is_empty();
    if outcomes.is_empty() && !any_status_counts {
        return None;
    }
    // GitHub's `"status": "completed", "conclusion": "failure"` is a failure:
    // one failing field outweighs lifecycle words that sound like success.
    let outcome = if outcomes.contains(&Outcome::Fail) {
        Outcome::Fail
    } else if outcomes.contains(&Outcome::Pass) {
        Outcome::Pass
    } else {
        Outcome::Unknown
    };
    let mut reading =
        Reading { outcome, ..Reading::new(EvidenceFormat::DeployJson, EvidenceKind::Deploy) };
    if let Some((passed, failed)) = smoke_counts(top) {
        reading.passed = Some(passed);
        reading.failed = Some(failed);
    }
    reading.date = DATE_FIELDS.iter().filter_map(|key| field(top, key)).find_map(date_of);
    Some(reading)
}

/// A field by name, ignoring case (`Status`, `readyState`).
fn field<'v>(object: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
    object
        .get(key)
        .or_else(|| object.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|e| e.1))
}

/// `passed` and `failed` counts at the top or one level down (`"smoke": {…}`).
fn smoke_counts(top: &Map<String, Value>) -> Option<(u64, u64)> {
    let pair = |object: &Map<String, Value>| {
        Some((object.get("passed")?.as_u64()?, object.get("failed")?.as_u64()?))
    };
    pair(top).or_else(|| top.values().filter_map(Value::as_object).find_map(pair))
}

/// A date from an ISO string or a Unix time (seconds, or milliseconds).
fn date_of(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => find_date(text),
        Value::Number(n) => {
            let t = n.as_f64()?;
            epoch_date(if t > 1e11 { t / 1000.0 } else { t })
        }
        _ => None,
    }
}

/// An exit code: `exit code 1`, `exited with code 0`, `exit status 2`,
/// GitHub's `Process completed with exit code 1`.
static EXIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bexit(?:ed)?(?: with)? (?:code|status)\s*:?\s*(\d+)").expect("valid regex")
});

/// A sentence that says a deploy went through.
static DEPLOY_PASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\b(?:deploy|deployment|release|rollout|publish)\b[^.!;]{0,40}?",
        r"\b(?:succeeded|successful|successfully|complete|completed|finished|done)\b",
        r"|(?:✓|✔|✅)\s*deployed\b|\b(?:successfully deployed|deployed successfully)\b",
        r"|\b(?:is|now) live\b",
    ))
    .expect("valid regex")
});

/// A sentence that says a deploy did not go through. `Build failed` is left
/// to the error lines, so that a build or test log is not taken for a deploy.
static DEPLOY_FAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\b(?:deploy|deployment|release|rollout|publish)\b[^.!;]{0,40}?",
        r"\b(?:failed|failure|errored|aborted|cancell?ed|timed out|rejected)\b",
        r"|\bfailed to (?:deploy|release|publish|roll out)\b|\b(?:rolled|rolling) back\b",
    ))
    .expect("valid regex")
});

/// A line that reports an error without naming the deploy: `ERROR`, `FATAL`,
/// `error:`, `failed`, `✗`, `❌`.
static ERROR_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bERROR\b|\bFATAL\b|(?i:^\s*error:)|(?i:\bfailed\b)|✗|❌").expect("valid regex")
});

/// A zero count (`0 failed`, `0 errors`), which reports no failure.
static ZERO_COUNT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b0 (?:failed|failures?|errors?)\b").expect("valid regex"));

/// What one line of a deploy log signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Signal {
    /// An exit code, zero or not.
    Exit(Outcome),
    /// A sentence about the deploy itself.
    Deploy(Outcome),
    /// An error line.
    Error,
}

/// The signal a line gives, if any; exit codes first, then deploy
/// sentences, then error words.
fn signal(line: &str) -> Option<Signal> {
    if let Some(caps) = EXIT.captures(line) {
        let code = count(&caps[1]);
        return Some(Signal::Exit(if code == 0 { Outcome::Pass } else { Outcome::Fail }));
    }
    let line = ZERO_COUNT.replace_all(line, "");
    if DEPLOY_FAIL.is_match(&line) {
        Some(Signal::Deploy(Outcome::Fail))
    } else if DEPLOY_PASS.is_match(&line) {
        Some(Signal::Deploy(Outcome::Pass))
    } else if ERROR_LINE.is_match(&line) {
        Some(Signal::Error)
    } else {
        None
    }
}

/// Reads a deploy log, or `None` when the text is not one. Away from a
/// deploy path, a log must name the deploy in a status sentence to count.
pub(super) fn read_text(text: &str, deploy_path: bool) -> Option<Reading> {
    let signals: Vec<Signal> = text.lines().filter_map(signal).collect();
    let names_deploy = signals.iter().any(|s| matches!(s, Signal::Deploy(_)));
    if signals.is_empty() || !(deploy_path || names_deploy) {
        return None;
    }
    // The last signal is the job's verdict: a closing exit code wins over the
    // words before it, and an error after a success line is not hidden.
    let outcome = match signals.last() {
        Some(Signal::Exit(outcome) | Signal::Deploy(outcome)) => *outcome,
        Some(Signal::Error) => Outcome::Fail,
        None => Outcome::Unknown,
    };
    let failure_lines = matching_lines(text, |line| {
        matches!(
            signal(line),
            Some(Signal::Error | Signal::Deploy(Outcome::Fail) | Signal::Exit(Outcome::Fail))
        )
    });
    let mut reading = Reading {
        outcome,
        failure_lines,
        ..Reading::new(EvidenceFormat::DeployText, EvidenceKind::Deploy)
    };
    if let Some((tally, _)) = plain::last_summary(text) {
        reading.passed = Some(tally.passed);
        reading.failed = Some(tally.failed);
    }
    Some(reading)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A GitHub Actions deploy job that fails on its health check.
    pub(crate) const ACTIONS_FAIL: &str = r"2026-03-08T10:01:12.0000000Z ##[group]Run ./scripts/deploy.sh production
2026-03-08T10:01:12.0000000Z ./scripts/deploy.sh production
2026-03-08T10:01:13.4412011Z Deploying 4f2a9c1 to production (eu-west-1)
2026-03-08T10:02:40.1180231Z Uploading release bundle ... done
2026-03-08T10:03:05.9931002Z Waiting for health checks
2026-03-08T10:04:05.0120011Z ERROR health check /readyz returned 503 (3/3 attempts)
2026-03-08T10:04:05.0131200Z Rolling back to 91bc3e0
2026-03-08T10:04:40.5512001Z Deployment failed: production still serves 91bc3e0
2026-03-08T10:04:40.5630113Z ##[error]Process completed with exit code 1.
";

    /// A Netlify CLI deploy on Windows, colours left in.
    pub(crate) const NETLIFY_PASS: &str = "PS C:\\sites\\docs> netlify deploy --prod --dir=dist\r
Deploy path:        C:\\sites\\docs\\dist\r
Deploying to main site URL...\r
\x1b[32m✔\x1b[39m Finished hashing 212 files\r
\x1b[32m✔\x1b[39m CDN requesting 3 files\r
\x1b[32m✔\x1b[39m Finished uploading 3 assets\r
\x1b[32m✔\x1b[39m Deploy is live!\r
\r
Logs:              https://app.netlify.com/sites/docs/deploys/65f0c2\r
Unique deploy URL: https://65f0c2--docs.netlify.app\r
Website URL:       https://docs.example.org\r
";

    /// A log whose words say success but whose closing exit code does not.
    pub(crate) const EXIT_CODE_WINS: &str = r"[deploy] release v2.4.1 to staging
[deploy] migrations: 3 passed, 0 failed
[deploy] Deploy succeeded
[notify] posting to #releases
[notify] ERROR slack webhook returned 410 Gone
exited with code 1
";

    /// A deploy record as a GitHub deployment status.
    pub(crate) const GITHUB_STATUS_JSON: &str = r#"{
  "id": 1820934711,
  "status": "completed",
  "conclusion": "failure",
  "deployment": { "environment": "production", "ref": "main", "created_at": "2026-03-08T10:01:12Z" },
  "created_at": "2026-03-08T10:01:12Z",
  "updated_at": "2026-03-08T10:04:40Z"
}"#;

    /// A nested record with a status in `deployment` and a millisecond time.
    pub(crate) const NESTED_JSON: &str = r#"{"deployment": {"state": "READY", "url": "docs-4f2a9c1.vercel.app"}, "createdAt": 1772806930123, "smoke": {"passed": 9, "failed": 0}}"#;

    /// Every fixture above, for the dispatch and robustness tests.
    pub(crate) const FIXTURES: &[&str] =
        &[ACTIONS_FAIL, NETLIFY_PASS, EXIT_CODE_WINS, GITHUB_STATUS_JSON, NESTED_JSON];

    #[test]
    fn failing_job_fails_and_marks_error_rollback_and_exit_lines() {
        let reading = read_text(ACTIONS_FAIL, false).unwrap();
        assert_eq!(reading.format.as_str(), "deploy-text");
        assert_eq!(reading.kind.as_str(), "deploy");
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(reading.failure_lines, vec![6, 7, 8, 9]);
    }

    #[test]
    fn live_deploy_passes_once_colours_are_stripped() {
        let clean = crate::evidence::lines::strip_ansi(NETLIFY_PASS);
        let reading = read_text(&clean, false).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
        assert!(reading.failure_lines.is_empty());
    }

    #[test]
    fn the_final_exit_code_wins_and_zero_counts_are_not_failures() {
        let reading = read_text(EXIT_CODE_WINS, false).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(reading.failure_lines, vec![5, 6]);
        assert_eq!((reading.passed, reading.failed), (Some(3), Some(0)));
        let recovered = format!("{EXIT_CODE_WINS}retrying notify ... ok\nexit code 0\n");
        assert_eq!(read_text(&recovered, false).unwrap().outcome, Outcome::Pass);
    }

    #[test]
    fn logs_that_do_not_name_a_deploy_need_a_deploy_path() {
        let log = "building...\nexit code 0\n";
        assert_eq!(read_text(log, false), None);
        assert_eq!(read_text("> Task :test FAILED\nBUILD FAILED in 14s\n", false), None);
        assert_eq!(read_text(log, true).unwrap().outcome, Outcome::Pass);
        assert_eq!(read_text("nothing to see here\n", true), None);
    }

    #[test]
    fn json_failure_field_outweighs_completed_status() {
        let value: Value = serde_json::from_str(GITHUB_STATUS_JSON).unwrap();
        let reading = read_json(&value, false).unwrap();
        assert_eq!(reading.format.as_str(), "deploy-json");
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(reading.date.as_deref(), Some("2026-03-08"));
    }

    #[test]
    fn json_reads_nested_state_smoke_counts_and_epoch_dates() {
        let value: Value = serde_json::from_str(NESTED_JSON).unwrap();
        let reading = read_json(&value, false).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!((reading.passed, reading.failed), (Some(9), Some(0)));
        assert_eq!(reading.date.as_deref(), Some("2026-03-06"));
    }

    #[test]
    fn json_without_a_known_status_is_not_a_deploy_unless_its_path_says_so() {
        let value = serde_json::json!({"status": "in_progress"});
        assert_eq!(read_json(&value, false), None);
        assert_eq!(read_json(&value, true).unwrap().outcome, Outcome::Unknown);
        assert_eq!(read_json(&serde_json::json!([1, 2]), true), None);
        assert_eq!(read_json(&serde_json::json!({"name": "x"}), true), None);
    }
}
