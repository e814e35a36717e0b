//! A deploy API's HTTP exchange saved as text: `curl -i` or `curl -v`
//! output, HTTPie, or an agent's transcript of a deploy hook call.
//!
//! The last response decides. A 4xx or 5xx status, or a transport error
//! (`curl: (6) Could not resolve host`), is a failed attempt. A 2xx status
//! followed by a deploy record in JSON is read as that record (a Render
//! `{"status": "build_failed"}` fails, a `{"job": {"state": "PENDING"}}` is
//! still in progress). A 2xx with no record after it is unknown: `202
//! Accepted` only says the deploy was queued ("accepted, no result
//! recorded"), and a 200 or 201 from a hook only says it was triggered. A
//! redirect is unknown too; informational `1xx` lines are skipped.
//!
//! Statuses are read from a status line (`HTTP/1.1 201 Created`, `< HTTP/2
//! 401`), a `Status: 422` or `StatusCode : 200` line, a `"statusCode": 403`
//! field, Python's `<Response [500]>`, PowerShell's `returned an error:
//! (401)`, and curl's `The requested URL returned error: 404`.
//!
//! The reader takes a text only under a deploy path or when it names a
//! deploy API or hook (`api.render.com`, `https://…/deploy/…`, `deploy
//! hook`), so that a test log which mentions HTTP 500 is not a deploy. It
//! leaves to the deploy log reader a job log that goes on after its last
//! response with a deploy sentence or a failing exit code, and one that
//! stated a deploy's result before a last bare 2xx (a health check). A zero
//! exit code after the exchange is curl's, not the deploy's, and changes
//! nothing.

use regex::Regex;
use serde_json::Value;

use super::deploy::{self, Signal};
use super::{Outcome, Reading};
use crate::dates::find_written_date;
use crate::model::{EvidenceFormat, EvidenceKind};
use crate::text::prefixed::captures;
use crate::text::words::WordRegex;

/// A status line: `HTTP/1.1 201 Created`, curl -v's `< HTTP/2 401`. Here and
/// below, a GitHub Actions timestamp (`2026-03-08T10:02:40.1234567Z `) may
/// come first.
static STATUS_LINE: WordRegex = WordRegex::new(|| {
    Regex::new(r"^(?:\S+Z )?\s*(?:<\s*)?HTTP/\d(?:\.\d)?\s+(\d{3})(?-u:\b)[ \t]*(.*?)\s*$")
        .expect("valid regex")
});

/// A status stated on its own line: `Status: 422`, `Response status: 202
/// Accepted`, PowerShell's `StatusCode        : 200`.
static STATUS_FIELD: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:\S+Z )?\s*(?:response\s+|http\s+)?status(?:[ _-]?code)?\s*[:=]\s*(\d{3})(?-u:\b)",
        r"[ \t]*(.*?)\s*$",
    ))
    .expect("valid regex")
});

/// A status inside a JSON body or a client's printout: `"statusCode": 403`,
/// `<Response [500]>`, `returned an error: (401)`.
static STATUS_INLINE: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r#"(?i)"status_?code"\s*:\s*(\d{3})(?-u:\b)|<Response \[(\d{3})\]>"#,
        r"|returned an error: \((\d{3})\)",
    ))
    .expect("valid regex")
});

/// curl's own error: `curl: (22) The requested URL returned error: 404`,
/// `curl: (6) Could not resolve host: api.render.com`.
static CURL_ERROR: WordRegex =
    WordRegex::new(|| Regex::new(r"^(?:\S+Z )?\s*curl: \((\d+)\) (.*?)\s*$").expect("valid regex"));

/// The status curl's error names.
static RETURNED_ERROR: WordRegex =
    WordRegex::new(|| Regex::new(r"returned error:? (\d{3})(?-u:\b)").expect("valid regex"));

/// A deploy platform's API, a URL or request path with `deploy` in it, or
/// a deploy or build hook named in words.
static DEPLOY_API: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"(?i)api\.render\.com|api\.vercel\.com|api\.netlify\.com|api\.heroku\.com",
        r"|api\.machines\.dev|api\.fly\.io|backboard\.railway\.app",
        r"|https?://[^\s\x22']*(?:deploy|build_hooks|build-hooks)",
        r"|^\s*(?:>\s*)?(?:GET|POST|PUT|PATCH|DELETE)\s+/[^\s\x22']*deploy",
        r"|(?-u:\b)(?:deploy|build)[ _-]?hooks?(?-u:\b)",
    ))
    .expect("valid regex")
});

/// A response's `Date:` header.
static DATE_HEADER: WordRegex =
    WordRegex::new(|| Regex::new(r"(?i)^\s*(?:<\s*)?date:\s*(.+)$").expect("valid regex"));

/// What one response said.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Status {
    /// An HTTP status and its reason phrase, if given.
    Code(u16, String),
    /// The request never got a response: curl's transport error.
    Transport(String),
}

/// The status a line reports, if any. Informational `1xx` statuses are
/// not a response's last word and are skipped.
fn status_of(line: &str) -> Option<Status> {
    if let Some(caps) = captures(&CURL_ERROR, line) {
        let message = caps[2].to_string();
        return Some(match captures(&RETURNED_ERROR, &message) {
            Some(code) => Status::Code(code[1].parse().unwrap_or(0), String::new()),
            None => Status::Transport(format!("curl: ({}) {message}", &caps[1])),
        });
    }
    let caps = captures(&STATUS_LINE, line).or_else(|| captures(&STATUS_FIELD, line));
    let (code, reason) = match caps {
        Some(caps) => (caps[1].parse().ok()?, caps[2].to_string()),
        None => {
            let caps = captures(&STATUS_INLINE, line)?;
            let code = caps.get(1).or(caps.get(2)).or(caps.get(3))?;
            (code.as_str().parse().ok()?, String::new())
        }
    };
    (200..600).contains(&code).then_some(Status::Code(code, reason))
}

/// Whether a status is a failed attempt.
fn failed(status: &Status) -> bool {
    match status {
        Status::Code(code, _) => *code >= 400,
        Status::Transport(_) => true,
    }
}

/// A status as notes write it: `HTTP 401 Unauthorized`.
fn describe(status: &Status) -> String {
    match status {
        Status::Code(code, reason) if reason.is_empty() => format!("HTTP {code}"),
        Status::Code(code, reason) => format!("HTTP {code} {reason}"),
        Status::Transport(message) => message.clone(),
    }
}

/// The first JSON value that starts a line at or after line `from`
/// (0-based), and the 0-based line it ends on.
fn body_after(text: &str, from: usize) -> Option<(Value, usize)> {
    let mut at = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let start = line.trim_start();
        if i >= from && (start.starts_with('{') || start.starts_with('[')) {
            let mut stream = serde_json::Deserializer::from_str(&text[at..]).into_iter::<Value>();
            let value = stream.next()?.ok()?;
            let end = at + stream.byte_offset();
            return Some((value, text.get(..end)?.matches('\n').count()));
        }
        at += line.len();
    }
    None
}

/// Whether a line is part of a JSON body (`{"message": "Deploy
/// succeeded"}`), whose free-text fields are never read for words.
fn json_like(line: &str) -> bool {
    line.contains('{') || line.contains('}') || line.contains("\":")
}

/// Whether a line outside a JSON body states a deploy's result, or fails
/// with an exit code when `exit` is set.
fn states_result(line: &str, exit: bool) -> bool {
    !json_like(line)
        && match deploy::signal(line) {
            Some(Signal::Deploy(_)) => true,
            Some(Signal::Exit(Outcome::Fail)) => exit,
            _ => false,
        }
}

/// Reads a deploy API's HTTP exchange, or `None` when the text is not one
/// (see the module documentation for when a text counts as one).
pub(super) fn read(text: &str, deploy_path: bool) -> Option<Reading> {
    let lines: Vec<&str> = crate::text::lines(text).collect();
    let statuses: Vec<(usize, Status)> =
        lines.iter().enumerate().filter_map(|(i, line)| Some((i, status_of(line)?))).collect();
    let (last_line, last) = statuses.last()?.clone();
    if !deploy_path && !lines.iter().any(|line| DEPLOY_API.is_match(line)) {
        return None;
    }
    let body = match &last {
        Status::Code(code, _) if (200..300).contains(code) => body_after(text, last_line + 1),
        _ => None,
    };
    let after = body.as_ref().map_or(last_line, |(_, end)| *end) + 1;
    if lines.iter().skip(after).any(|line| states_result(line, true)) {
        return None;
    }
    let record = body.and_then(|(value, _)| deploy::read_json(&value, true));
    let stated_before = || lines[..last_line].iter().any(|line| states_result(line, false));
    let mut reading = match (&last, record) {
        (status, _) if failed(status) => Reading {
            outcome: Outcome::Fail,
            note: Some(match status {
                Status::Transport(message) => format!("no response from the deploy API: {message}"),
                _ => format!("{} from the deploy API", describe(status)),
            }),
            ..Reading::new(EvidenceFormat::DeployHttp, EvidenceKind::Deploy)
        },
        (Status::Code(code, _), Some(record)) if (200..300).contains(code) => {
            Reading { format: EvidenceFormat::DeployHttp, kind: EvidenceKind::Deploy, ..record }
        }
        (Status::Code(code, _), None) if (200..300).contains(code) && stated_before() => {
            return None;
        }
        (Status::Code(202, _), None) => Reading {
            note: Some("accepted, no result recorded".to_string()),
            ..Reading::new(EvidenceFormat::DeployHttp, EvidenceKind::Deploy)
        },
        (status, _) => Reading {
            note: Some(format!("{}, no result recorded", describe(status))),
            ..Reading::new(EvidenceFormat::DeployHttp, EvidenceKind::Deploy)
        },
    };
    reading.failure_lines =
        statuses.iter().filter(|(_, status)| failed(status)).map(|(i, _)| i + 1).collect();
    if reading.date.is_none() {
        reading.date = lines[last_line..]
            .iter()
            .chain(lines[..last_line].iter().rev())
            .find_map(|line| find_written_date(&captures(&DATE_HEADER, line)?[1]));
    }
    Some(reading)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// `curl -i` against a Render deploy hook that was queued.
    pub(crate) const HOOK_ACCEPTED: &str =
        "$ curl -i -X POST \"https://api.render.com/deploy/srv-cnq8s1ud3nmc73b2kq4g?key=REDACTED\"
HTTP/2 202
date: Fri, 06 Mar 2026 14:02:09 GMT
content-type: application/json; charset=utf-8
content-length: 2
rndr-id: 3f1c9e0b-7a2d-4c83

{}
";

    /// `curl -v` against Vercel's API with a token that had expired.
    pub(crate) const VERBOSE_UNAUTHORIZED: &str = "*   Trying 76.76.21.21:443...
* Connected to api.vercel.com (76.76.21.21) port 443
> POST /v13/deployments?teamId=team_8fKq3ZrV HTTP/2
> Host: api.vercel.com
> authorization: Bearer REDACTED
> content-type: application/json
>
< HTTP/2 401
< content-type: application/json; charset=utf-8
< date: Sat, 07 Mar 2026 08:44:10 GMT
<
{\"error\":{\"code\":\"forbidden\",\"message\":\"Not authorized\",\"invalidToken\":true}}
* Connection #0 to host api.vercel.com left intact
";

    /// Creating a Render deploy, then polling it until it failed.
    pub(crate) const CREATE_THEN_POLL: &str =
        "POST https://api.render.com/v1/services/srv-cnq8s1ud3nmc73b2kq4g/deploys
HTTP/1.1 201 Created
Content-Type: application/json

{\"id\": \"dep-cnq8s1ud3nmc73b2kq4g\", \"status\": \"created\", \"trigger\": \"api\"}

GET https://api.render.com/v1/services/srv-cnq8s1ud3nmc73b2kq4g/deploys/dep-cnq8s1ud3nmc73b2kq4g
HTTP/1.1 200 OK
Content-Type: application/json

{
  \"id\": \"dep-cnq8s1ud3nmc73b2kq4g\",
  \"commit\": {\"message\": \"fix: all tests passing\"},
  \"status\": \"build_failed\",
  \"finishedAt\": \"2026-03-06T14:09:48Z\"
}
";

    /// An agent's note of a Netlify build hook call that the server refused.
    pub(crate) const AGENT_NOTE: &str = "Triggered the Netlify build hook for the docs site.
Request: POST https://api.netlify.com/build_hooks/65f0c2a1b9e4c3000734d2aa
Status: 422 Unprocessable Entity
Response: {\"code\": 422, \"message\": \"Deploy succeeded? No: site is locked\"}
";

    /// `curl --fail` that could not reach a deploy hook.
    pub(crate) const CURL_FAIL: &str = "$ curl -fsS -X POST https://deploy.example.org/hooks/web
curl: (22) The requested URL returned error: 404
";

    /// A test log that mentions an HTTP 500 and nothing about deploys.
    pub(crate) const TEST_LOG: &str = "GET /api/invoices
HTTP/1.1 500 Internal Server Error
expected 200, got 500
";

    /// Every fixture above, for the dispatch and robustness tests.
    pub(crate) const FIXTURES: &[&str] =
        &[HOOK_ACCEPTED, VERBOSE_UNAUTHORIZED, CREATE_THEN_POLL, AGENT_NOTE, CURL_FAIL, TEST_LOG];

    #[test]
    fn accepted_with_nothing_after_it_is_unknown() {
        let reading = read(HOOK_ACCEPTED, false).unwrap();
        assert_eq!((reading.format.as_str(), reading.kind.as_str()), ("deploy-http", "deploy"));
        assert_eq!(reading.outcome, Outcome::Unknown);
        assert_eq!(reading.note.as_deref(), Some("accepted, no result recorded"));
        assert_eq!(reading.date.as_deref(), Some("2026-03-06"));
        assert!(reading.failure_lines.is_empty());
    }

    #[test]
    fn client_and_server_errors_are_failed_attempts() {
        let reading = read(VERBOSE_UNAUTHORIZED, false).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(reading.note.as_deref(), Some("HTTP 401 from the deploy API"));
        assert_eq!(reading.failure_lines, vec![8]);
        let reading = read(AGENT_NOTE, false).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(
            reading.note.as_deref(),
            Some("HTTP 422 Unprocessable Entity from the deploy API")
        );
        assert_eq!(reading.failure_lines, vec![3]);
        let reading = read(CURL_FAIL, false).unwrap();
        assert_eq!((reading.outcome, reading.failure_lines.clone()), (Outcome::Fail, vec![2]));
        let offline = "curl -X POST https://api.render.com/deploy/srv-x\ncurl: (6) Could not resolve host: api.render.com\n";
        let reading = read(offline, false).unwrap();
        assert_eq!(
            reading.note.as_deref(),
            Some(
                "no response from the deploy API: curl: (6) Could not resolve host: api.render.com"
            )
        );
    }

    #[test]
    fn a_record_after_the_last_success_status_decides() {
        let reading = read(CREATE_THEN_POLL, false).unwrap();
        assert_eq!((reading.format.as_str(), reading.outcome), ("deploy-http", Outcome::Fail));
        assert_eq!(reading.note.as_deref(), Some("deploy dep-cnq8s1ud3nmc73b2kq4g build_failed"));
        assert_eq!(reading.date.as_deref(), Some("2026-03-06"));
        let created = CREATE_THEN_POLL.split("\nGET ").next().unwrap();
        let reading = read(created, false).unwrap();
        assert_eq!(reading.outcome, Outcome::Unknown);
        assert_eq!(
            reading.note.as_deref(),
            Some("deploy dep-cnq8s1ud3nmc73b2kq4g created: still in progress")
        );
        let live = CREATE_THEN_POLL.replace("build_failed", "live");
        assert_eq!(read(&live, false).unwrap().outcome, Outcome::Pass);
    }

    #[test]
    fn text_that_does_not_name_a_deploy_api_needs_a_deploy_path() {
        assert_eq!(read(TEST_LOG, false), None);
        assert_eq!(read(TEST_LOG, true).unwrap().outcome, Outcome::Fail);
        assert_eq!(read("no statuses here\n", true), None);
    }

    #[test]
    fn a_job_log_that_goes_on_after_the_exchange_is_left_to_the_deploy_log() {
        let job = format!("{HOOK_ACCEPTED}waiting for the deploy...\nDeploy succeeded\n");
        assert_eq!(read(&job, false), None);
        let failing = format!("{HOOK_ACCEPTED}##[error]Process completed with exit code 1.\n");
        assert_eq!(read(&failing, false), None);
        let curl_exit = format!("{HOOK_ACCEPTED}exit code 0\n");
        assert_eq!(read(&curl_exit, false).unwrap().outcome, Outcome::Unknown);
        let health = "Deploy succeeded\n$ curl -i https://app.example.org/healthz\nHTTP/2 200\n";
        assert_eq!(read(health, true), None);
    }

    #[test]
    fn a_success_sentence_in_a_body_is_not_read() {
        let text = "POST https://api.netlify.com/build_hooks/abc\nHTTP/1.1 200 OK\n\n{\"message\": \"Deploy succeeded\"}\n";
        let reading = read(text, false).unwrap();
        assert_eq!(reading.outcome, Outcome::Unknown);
        assert_eq!(reading.note.as_deref(), Some("HTTP 200 OK, no result recorded"));
    }
}
