//! Deploy records: a deploy platform's API output in JSON (one record or a
//! list of deploys), a GitHub Actions run in JSON, or a deploy job's or a
//! platform CLI's text log.
//!
//! **JSON.** A record passes or fails by its status-type fields only
//! (`status`, `state`, `conclusion`, `result`, `outcome`, `readyState`, …),
//! at the top or in the object it nests its deploy in (`deploy`,
//! `deployment`, `release`, `job`). Free-text fields (commit messages,
//! titles, descriptions, error messages) are never read for words, so a
//! deploy whose commit message says "all tests passing" is not a pass.
//! Failure words (`failed`, `build_failed`, `update_failed`, `error`,
//! `canceled`, `deactivated`, `timed_out`, …) fail; in-progress words
//! (`created`, `building`, `queued`, `pending`, `in_progress`,
//! `build_in_progress`, …) leave the outcome unknown with a note. When a
//! record has a `conclusion` (GitHub), its `status` only says whether it is
//! still running: `"status": "completed"` is not a pass.
//!
//! **Lists** (Render's `[{"deploy": {…}, "cursor"}]`, Vercel's
//! `{"deployments": […]}`, Netlify, `fly releases --json`, Heroku builds and
//! releases) are decided by the newest deploy. A bare array counts as one
//! only when it looks like deploys (a platform's own keys, or dates or
//! versions on every item), never a list of checks that all count. Newest
//! is by creation time when every deploy has one, else by version number,
//! else by list order, assuming the platform lists newest first as their
//! APIs and CLIs do. Every
//! deploy becomes a run of suite `deploy`, oldest first, all with one scope
//! (the service, app or environment every deploy of the list names, if
//! any), so that `settle`, which keeps the last complete run of a suite and
//! scope, keeps the newest. A deploy still in progress is a complete record
//! of an unfinished deploy, so when it is the newest the outcome is unknown
//! rather than that of an older deploy.
//!
//! **GitHub Actions runs** (`gh run view --json`, the REST API's run, its
//! `{"workflow_runs": […]}` list, a run's `{"jobs": […]}`) are decided by
//! `conclusion`: `success` passes, `failure`, `cancelled`, `timed_out` and
//! `startup_failure` fail, `skipped` and `neutral` say nothing, and a run
//! with no conclusion yet is in progress. Each workflow (or job) is a scope
//! of its own, whose newest run decides; a failing one fails the file. The kind comes from the file's
//! path, else from the workflow's name or file (`Deploy`, `tests.yml`,
//! `lint`), else it is a build: a CI run that names nothing else is
//! continuous integration, build and checks.
//!
//! **Text.** A log is judged by its last status signal: an exit code
//! (`exit code 1`, `Process completed with exit code 0`, `exited with 1`), a
//! deploy sentence (`Deploy succeeded`, `✓ Deployed`, `Deployment failed`)
//! or a platform CLI's verdict (`vercel --prod`'s `✅  Production: https://…`,
//! `flyctl deploy`'s `--> v12 deployed successfully`, Heroku's `remote:
//! Verifying deploy... done.` and `Push rejected`, `kubectl rollout status`'s
//! `successfully rolled out` and `exceeded its progress deadline`), or an
//! error line. A log that ends on a deploy still under way (`Waiting for
//! deployment "web" rollout to finish`, `Deploy triggered`) is unknown. A
//! release table (`fly releases`, `vercel ls`, `heroku releases`) is decided
//! by its first row, the newest. A smoke step's `N passed, N failed` line
//! gives the record its figures.

use std::collections::HashMap;

use regex::Regex;
use serde_json::{Map, Value};

use super::lines::{count, epoch_date};
use super::{Outcome, Reading, kind_of, plain};
use crate::dates::{days_of, find_date};
use crate::model::{EvidenceFormat, EvidenceKind, Run, SourceFormat};
use crate::text::Prefixed;
use crate::text::prefixed::captures;
use crate::text::words::WordRegex;

/// Status fields of a deploy record, in the order they are looked for.
const STATUS_FIELDS: [&str; 8] = [
    "status",
    "state",
    "conclusion",
    "result",
    "outcome",
    "readystate",
    "deploy_status",
    "deploymentstatus",
];

/// Objects a deploy record nests its status in.
const NESTED: [&str; 5] = ["deployment", "result", "deploy", "release", "job"];

/// Date fields of a deploy record, most telling first.
const DATE_FIELDS: [&str; 12] = [
    "finished_at",
    "finishedat",
    "completed_at",
    "deployed_at",
    "updated_at",
    "updatedat",
    "created_at",
    "createdat",
    "created",
    "run_started_at",
    "started_at",
    "timestamp",
];

/// Fields that say when a deploy was made, for ordering a list: creation
/// first, since a deploy still running has no finish time yet.
const ORDER_FIELDS: [&str; 10] = [
    "createdat",
    "created_at",
    "created",
    "run_started_at",
    "started_at",
    "startedat",
    "updated_at",
    "updatedat",
    "finished_at",
    "finishedat",
];

/// Keys under which a platform lists deploys (`{"deployments": […]}`).
const LIST_KEYS: [&str; 4] = ["deployments", "deploys", "releases", "builds"];

/// Keys only a deploy platform's records have (Render's `deploy`, Vercel's
/// `uid` and `readyState`, Netlify's `deploy_url` and `error_message`,
/// Heroku's `output_stream_url`, Fly's `InProgress`): a list of objects with
/// one of them is a list of deploys wherever it is saved.
const DEPLOY_KEYS: [&str; 15] = [
    "deploy",
    "deployment",
    "release",
    "uid",
    "readystate",
    "deploy_url",
    "deploy_ssl_url",
    "site_id",
    "error_message",
    "commit_ref",
    "output_stream_url",
    "source_blob",
    "deploymentstatus",
    "inprogress",
    "deployment_url",
];

/// Keys naming what a list of deploys deploys, most specific first.
const SCOPE_KEYS: [&str; 7] =
    ["service", "servicename", "app", "environment", "target", "context", "name"];

/// Status words too generic to make an unmarked list a list of deploys
/// (a task tracker's `done`).
const GENERIC_WORDS: [&str; 6] = ["done", "ok", "pass", "passed", "complete", "completed"];

/// Keys only a GitHub Actions run or job has.
const ACTIONS_KEYS: [&str; 12] = [
    "workflow_id",
    "workflowname",
    "workflow_name",
    "workflowdatabaseid",
    "run_number",
    "runnumber",
    "run_attempt",
    "run_started_at",
    "head_commit",
    "workflow_url",
    "jobs_url",
    "run_id",
];

/// The most workflows whose runs are kept one by one: `settle` groups runs
/// by scope in quadratic time, so past this the newest run of each workflow
/// is found here and they are kept as one run.
const MAX_WORKFLOWS: usize = 64;

/// What a status word says about a deploy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    /// It went through.
    Pass,
    /// It did not.
    Fail,
    /// It is still under way.
    Pending,
    /// Something else (`skipped`, `superseded`, `suspended`).
    Other,
}

impl Class {
    /// The outcome a deploy of this class has.
    fn outcome(self) -> Outcome {
        match self {
            Class::Pass => Outcome::Pass,
            Class::Fail => Outcome::Fail,
            Class::Pending | Class::Other => Outcome::Unknown,
        }
    }
}

/// What a status word says, read case-insensitively with `-` and spaces as
/// `_` (`READY`, `build_failed`, `in progress`).
pub(super) fn status_class(word: &str) -> Class {
    let word = word.trim().to_lowercase().replace(['-', ' '], "_");
    match word.as_str() {
        "success" | "succeeded" | "successful" | "ok" | "pass" | "passed" | "deployed" | "live"
        | "ready" | "complete" | "completed" | "done" | "healthy" => Class::Pass,
        "failure" | "failed" | "fail" | "error" | "errored" | "cancelled" | "canceled"
        | "rolled_back" | "rolledback" | "timed_out" | "timeout" | "crashed" | "aborted"
        | "deactivated" | "rejected" | "startup_failure" | "interrupted" | "unhealthy" => {
            Class::Fail
        }
        "created" | "building" | "queued" | "pending" | "in_progress" | "running" | "waiting"
        | "requested" | "initializing" | "enqueued" | "uploading" | "uploaded" | "preparing"
        | "prepared" | "processing" | "new" | "deploying" | "starting" => Class::Pending,
        w if w.ends_with("_failed") || w.starts_with("failed_") => Class::Fail,
        w if w.ends_with("_in_progress")
            || w.starts_with("pending_")
            || w.ends_with("_pending") =>
        {
            Class::Pending
        }
        _ => Class::Other,
    }
}

/// What a GitHub Actions conclusion says.
fn conclusion_class(word: &str) -> Class {
    match word.trim().to_lowercase().as_str() {
        "success" => Class::Pass,
        "failure" | "cancelled" | "canceled" | "timed_out" | "startup_failure" => Class::Fail,
        "skipped" | "neutral" | "action_required" | "stale" => Class::Other,
        other => status_class(other),
    }
}

/// A field by name, ignoring case (`Status`, `readyState`).
fn field<'v>(object: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
    object
        .get(key)
        .or_else(|| object.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|e| e.1))
}

/// A field's text, when it is a non-empty string.
fn text_field<'v>(object: &'v Map<String, Value>, key: &str) -> Option<&'v str> {
    field(object, key).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty())
}

/// The record and the objects it nests its deploy in.
fn record_objects(top: &Map<String, Value>) -> impl Iterator<Item = &Map<String, Value>> {
    std::iter::once(top)
        .chain(NESTED.iter().filter_map(|key| field(top, key).and_then(Value::as_object)))
}

/// The status words of one object. Beside a `conclusion`, a `status` only
/// says whether the run is still going, so its `completed` is left out.
fn object_statuses(object: &Map<String, Value>) -> Vec<&str> {
    let concluded = field(object, "conclusion").is_some();
    STATUS_FIELDS
        .iter()
        .filter_map(|key| Some((*key, field(object, key)?.as_str()?.trim())))
        .filter(|(_, word)| !word.is_empty())
        .filter(|(key, word)| {
            !(concluded && *key != "conclusion" && status_class(word) == Class::Pass)
        })
        .map(|(_, word)| word)
        .collect()
}

/// The status words of a record and of the objects it nests its deploy in.
fn record_statuses(top: &Map<String, Value>) -> Vec<&str> {
    record_objects(top).flat_map(object_statuses).collect()
}

/// The word that decides a set of status words, and its class: a failure
/// first, then a deploy still under way, then a success, then anything else.
fn decide<'w>(words: &[&'w str]) -> Option<(Class, &'w str)> {
    let first = |class: Class| words.iter().find(|w| status_class(w) == class).map(|w| (class, *w));
    first(Class::Fail)
        .or_else(|| first(Class::Pending))
        .or_else(|| first(Class::Pass))
        .or_else(|| words.first().map(|w| (Class::Other, *w)))
}

/// Reads a deploy record or a list of deploys, or `None` when the value is
/// neither. Under a deploy path, any status field counts, even an unknown
/// word such as `in_progress`, and a deploy API's error body
/// (`{"statusCode": 403, …}`) is a failed attempt.
pub(super) fn read_json(value: &Value, deploy_path: bool) -> Option<Reading> {
    if let Some(items) = deploy_list(value, deploy_path) {
        return read_list(&items);
    }
    let top = value.as_object()?;
    read_record(top, deploy_path).or_else(|| api_error(top, deploy_path))
}

/// Reads one deploy record.
fn read_record(top: &Map<String, Value>, deploy_path: bool) -> Option<Reading> {
    let statuses = record_statuses(top);
    let (class, word) = decide(&statuses)?;
    if !deploy_path && !matches!(class, Class::Pass | Class::Fail) {
        return None;
    }
    let mut reading = Reading {
        outcome: class.outcome(),
        ..Reading::new(EvidenceFormat::DeployJson, EvidenceKind::Deploy)
    };
    reading.note = note_for(class, &format!("{} {word}", label(top)), "");
    if let Some(failure) = machine_failure(top) {
        reading.outcome = Outcome::Fail;
        reading.note = Some(failure);
    }
    if let Some((passed, failed)) = smoke_counts(top) {
        reading.passed = Some(passed);
        reading.failed = Some(failed);
    }
    reading.date = record_date(top);
    Some(reading)
}

/// Why a deploy's outcome is what it is: its status for a failure, a note
/// for a deploy still running or a word that is neither pass nor fail.
fn note_for(class: Class, what: &str, prefix: &str) -> Option<String> {
    match class {
        Class::Pass => None,
        Class::Fail => Some(format!("{prefix}{what}")),
        Class::Pending => Some(format!("{prefix}{what}: still in progress")),
        Class::Other => Some(format!("{prefix}{what}: neither a pass nor a fail")),
    }
}

/// How a deploy is named in notes: `deploy dep-x`, `release v12`, `deploy`.
fn label(record: &Map<String, Value>) -> String {
    let id = record_objects(record).find_map(|object| {
        ["id", "uid", "deploy_id"].iter().find_map(|key| match field(object, key)? {
            Value::String(id) if !id.trim().is_empty() => Some(id.trim().to_string()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
    });
    match (id, version_of(record)) {
        (Some(id), _) => format!("deploy {id}"),
        (None, Some(version)) => format!("release v{version}"),
        (None, None) => "deploy".to_string(),
    }
}

/// A release's version number (`12`, `"v12"`).
fn version_of(record: &Map<String, Value>) -> Option<u64> {
    match field(record, "version")? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().trim_start_matches(['v', 'V']).parse().ok(),
        _ => None,
    }
}

/// The date of a record, from the first date field it has.
fn record_date(record: &Map<String, Value>) -> Option<String> {
    record_objects(record).find_map(|object| {
        DATE_FIELDS.iter().filter_map(|key| field(object, key)).find_map(date_of)
    })
}

/// A failing Fly.io machine in `fly status --json`: a health check that is
/// `critical`, or a machine whose state is a failure word.
fn machine_failure(top: &Map<String, Value>) -> Option<String> {
    let machines = field(top, "machines")?.as_array()?;
    machines.iter().filter_map(Value::as_object).find_map(|machine| {
        let id = text_field(machine, "id").unwrap_or("?");
        if let Some(state) = text_field(machine, "state")
            && status_class(state) == Class::Fail
        {
            return Some(format!("machine {id} {state}"));
        }
        let checks = field(machine, "checks").and_then(Value::as_array)?;
        checks.iter().filter_map(Value::as_object).find_map(|check| {
            let status = text_field(check, "status")?;
            status.eq_ignore_ascii_case("critical").then(|| {
                let name = text_field(check, "name").unwrap_or("?");
                format!("machine {id} check {name} critical")
            })
        })
    })
}

/// The deploys of a list, when the value is one: a JSON array, or an object
/// listing them under `deployments`, `deploys`, `releases` or `builds`
/// (also inside GraphQL's `data` and `edges[].node`). An array must look
/// like deploys, wherever it is saved: an object in it carries a key only
/// deploy platforms use, or every object has a date or a version and (away
/// from a deploy path) a platform's status word. A list of smoke checks,
/// where every item counts and none is the newest, is not a list of deploys.
fn deploy_list(value: &Value, deploy_path: bool) -> Option<Vec<&Map<String, Value>>> {
    let (items, named) = match value {
        Value::Array(items) => (items, false),
        Value::Object(top) if record_statuses(top).is_empty() => {
            let data = field(top, "data").and_then(Value::as_object);
            let listed = [Some(top), data]
                .into_iter()
                .flatten()
                .find_map(|object| LIST_KEYS.iter().find_map(|key| field(object, key)))?;
            let items = match listed {
                Value::Array(items) => items,
                Value::Object(connection) => field(connection, "edges")?.as_array()?,
                _ => return None,
            };
            (items, true)
        }
        _ => return None,
    };
    let objects: Vec<&Map<String, Value>> = items
        .iter()
        .filter_map(Value::as_object)
        .map(|o| field(o, "node").and_then(Value::as_object).unwrap_or(o))
        .filter(|o| !record_statuses(o).is_empty())
        .collect();
    if objects.is_empty() {
        return None;
    }
    let marked = |o: &&Map<String, Value>| DEPLOY_KEYS.iter().any(|key| field(o, key).is_some());
    let dated = |o: &Map<String, Value>| {
        version_of(o).is_some() || ORDER_FIELDS.iter().any(|key| field(o, key).is_some())
    };
    let platform_words = |o: &Map<String, Value>| {
        record_statuses(o).iter().all(|w| {
            status_class(w) != Class::Other && !GENERIC_WORDS.contains(&w.to_lowercase().as_str())
        })
    };
    let deploys = named
        || objects.iter().any(marked)
        || objects.iter().all(|o| dated(o) && (deploy_path || platform_words(o)));
    deploys.then_some(objects)
}

/// Seconds since 1970 of a timestamp: Unix seconds or milliseconds, or an
/// ISO 8601 string with an optional offset.
fn instant(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64().map(|t| if t > 1e11 { t / 1000.0 } else { t }),
        Value::String(text) => iso_instant(text),
        _ => None,
    }
}

/// An ISO 8601 timestamp: `2026-03-06T14:22:10.123Z`, `2026-03-06 14:22:10+01:00`.
static ISO: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"^\s*(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9})\d*)?)?)?",
        r"\s*(?:Z|UTC|([+-])(\d{2}):?(\d{2}))?",
    ))
    .expect("valid regex")
});

/// Seconds since 1970 of an ISO 8601 timestamp.
fn iso_instant(text: &str) -> Option<f64> {
    let caps = captures(&ISO, text)?;
    let days = days_of(&caps[1])?;
    let number = |i: usize| caps.get(i).map_or(0.0, |m| count(m.as_str()) as f64);
    let fraction = caps.get(5).map_or(0.0, |m| {
        m.as_str().parse::<f64>().unwrap_or(0.0) / 10f64.powi(m.as_str().len() as i32)
    });
    let sign = if caps.get(6).is_some_and(|m| m.as_str() == "-") { -1.0 } else { 1.0 };
    let offset = sign * (number(7) * 3600.0 + number(8) * 60.0);
    Some(
        days as f64 * 86_400.0 + number(2) * 3600.0 + number(3) * 60.0 + number(4) + fraction
            - offset,
    )
}

/// The indices of `items`, oldest first: by the first order field every
/// item has a time in, else by version, else by list order read as newest
/// first. Ties keep list order, the earlier item being the newer.
fn oldest_first<T>(
    items: &[T],
    time: impl Fn(&T, &str) -> Option<f64>,
    version: impl Fn(&T) -> Option<u64>,
) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).rev().collect();
    let keys: Option<Vec<f64>> = ORDER_FIELDS
        .iter()
        .find_map(|key| items.iter().map(|item| time(item, key)).collect::<Option<Vec<f64>>>());
    let versions: Option<Vec<u64>> = items.iter().map(&version).collect();
    if let Some(keys) = keys {
        order.sort_by(|&a, &b| keys[a].total_cmp(&keys[b]).then(b.cmp(&a)));
    } else if let Some(versions) = versions {
        order.sort_by(|&a, &b| versions[a].cmp(&versions[b]).then(b.cmp(&a)));
    }
    order
}

/// The time of a record's order field, at its top or in its nested deploy.
fn record_time(record: &Map<String, Value>, key: &str) -> Option<f64> {
    record_objects(record).find_map(|object| instant(field(object, key)?))
}

/// The scope every deploy of a list names, when they all name the same one.
fn list_scope(items: &[&Map<String, Value>]) -> Option<String> {
    let name = |item: &Map<String, Value>, key: &str| -> Option<String> {
        let value = record_objects(item).find_map(|object| field(object, key))?;
        let text = match value {
            Value::Object(app) => text_field(app, "name")?,
            Value::String(text) => text.trim(),
            _ => return None,
        };
        (!text.is_empty()).then(|| text.to_lowercase())
    };
    SCOPE_KEYS.iter().find_map(|key| {
        let first = name(items.first()?, key)?;
        items.iter().all(|item| name(item, key).as_deref() == Some(first.as_str())).then_some(first)
    })
}

/// Reads a list of deploys: each is a run, oldest first, and the newest
/// decides.
fn read_list(items: &[&Map<String, Value>]) -> Option<Reading> {
    let order = oldest_first(items, |item, key| record_time(item, key), |item| version_of(item));
    let scope = list_scope(items);
    let mut runs = Vec::with_capacity(order.len());
    for &i in &order {
        let statuses = record_statuses(items[i]);
        let (class, word) = decide(&statuses)?;
        let what = format!("{} {word}", label(items[i]));
        let mut run = Run::new("deploy", class.outcome(), 1);
        run.scope = scope.clone();
        run.note = Some(note_for(class, &what, "").unwrap_or(what));
        runs.push(run);
    }
    let newest = items[*order.last()?];
    let (class, word) = decide(&record_statuses(newest))?;
    let what = format!("{} {word}", label(newest));
    let mut reading = Reading::of_runs(EvidenceFormat::DeployJson, EvidenceKind::Deploy, runs);
    reading.note = Some(note_for(class, &what, "newest ").unwrap_or(format!("newest {what}")));
    reading.date = record_date(newest);
    Some(reading)
}

/// A deploy API's error body under a deploy path: an HTTP status of 400 or
/// more in `statusCode`, `status` or `code`, or an `error` object or text.
fn api_error(top: &Map<String, Value>, deploy_path: bool) -> Option<Reading> {
    if !deploy_path {
        return None;
    }
    let code = ["statuscode", "status_code", "status", "code"]
        .iter()
        .find_map(|key| field(top, key)?.as_u64())
        .filter(|code| (400..600).contains(code));
    let error = field(top, "error").and_then(|error| match error {
        Value::Object(error) => text_field(error, "code").or_else(|| text_field(error, "message")),
        Value::String(text) => Some(text.trim()).filter(|t| !t.is_empty()),
        _ => None,
    });
    let note = match (code, error) {
        (Some(code), _) => format!("HTTP {code} from the deploy API"),
        (None, Some(error)) => format!("deploy API error {error}"),
        (None, None) => return None,
    };
    Some(Reading {
        outcome: Outcome::Fail,
        note: Some(note),
        ..Reading::new(EvidenceFormat::DeployHttp, EvidenceKind::Deploy)
    })
}

/// Reads a GitHub Actions run, a list of runs or a run's jobs, or `None`
/// when the value is none of these. `path_kind` is what the file's path
/// says it is evidence of.
pub(super) fn read_actions_json(value: &Value, path_kind: EvidenceKind) -> Option<Reading> {
    let is_run = |v: &&Map<String, Value>| {
        field(v, "conclusion").is_some() && ACTIONS_KEYS.iter().any(|key| field(v, key).is_some())
    };
    let items: Vec<&Map<String, Value>> = match value {
        Value::Array(items) => objects(items),
        Value::Object(top) if field(top, "conclusion").is_some() => vec![top],
        Value::Object(top) => {
            let listed = field(top, "workflow_runs").or_else(|| field(top, "jobs"));
            let items = listed.and_then(Value::as_array)?;
            objects(items).into_iter().filter(|item| field(item, "conclusion").is_some()).collect()
        }
        _ => return None,
    };
    if items.is_empty() || !items.iter().any(is_run) {
        return None;
    }
    let order = oldest_first(&items, |item, key| instant(field(item, key)?), |_| None);
    let mut names: Vec<&str> = items.iter().filter_map(|item| workflow_name(item)).collect();
    names.sort_unstable();
    names.dedup();
    let mut runs = Vec::with_capacity(order.len());
    for &i in &order {
        let (class, word) = run_class(items[i]);
        let what = format!("{} {word}", run_label(items[i]));
        let mut run = Run::new("github-actions", class.outcome(), 1);
        run.scope = workflow_name(items[i]).map(|name| name.to_lowercase());
        run.note = Some(note_for(class, &what, "").unwrap_or(what));
        runs.push(run);
    }
    if names.len() > MAX_WORKFLOWS {
        runs = vec![collapsed(runs, names.len())];
    }
    let kind = actions_kind(&items, path_kind);
    let mut reading = Reading::of_runs(EvidenceFormat::ActionsJson, kind, runs);
    let deciding = super::final_runs(&reading.runs)
        .into_iter()
        .rev()
        .find(|run| run.outcome == reading.outcome)
        .and_then(|run| run.note.clone());
    reading.note = deciding;
    reading.date = order.last().and_then(|&i| record_date(items[i]));
    Some(reading)
}

/// One run standing for the newest run of each of `workflows` workflows
/// (`runs` oldest first): failed when any of them failed, as `settle` would
/// have it, found in linear time.
fn collapsed(runs: Vec<Run>, workflows: usize) -> Run {
    let mut newest: HashMap<Option<String>, Outcome> = HashMap::new();
    for run in runs {
        newest.insert(run.scope, run.outcome);
    }
    let failed = newest.values().filter(|o| **o == Outcome::Fail).count();
    let outcome = if failed > 0 {
        Outcome::Fail
    } else if newest.values().any(|o| *o == Outcome::Pass) {
        Outcome::Pass
    } else {
        Outcome::Unknown
    };
    let mut run = Run::new("github-actions", outcome, 1);
    run.note = Some(format!("newest runs of {workflows} workflows: {failed} failed"));
    run
}

/// The objects of a JSON array.
fn objects(items: &[Value]) -> Vec<&Map<String, Value>> {
    items.iter().filter_map(Value::as_object).collect()
}

/// What decides a run: its conclusion, or its status while it has none.
fn run_class(run: &Map<String, Value>) -> (Class, String) {
    if let Some(word) = text_field(run, "conclusion") {
        return (conclusion_class(word), word.to_string());
    }
    match text_field(run, "status") {
        Some(word) if status_class(word) == Class::Pending => (Class::Pending, word.to_string()),
        Some(word) => (Class::Other, format!("{word}, no conclusion")),
        None => (Class::Other, "no conclusion".to_string()),
    }
}

/// A run's workflow (or a job's own) name.
fn workflow_name(run: &Map<String, Value>) -> Option<&str> {
    ["name", "workflowname", "workflow_name"].iter().find_map(|key| text_field(run, key))
}

/// How a run is named in notes: `Deploy run #57`, `run 1820934711`.
fn run_label(run: &Map<String, Value>) -> String {
    let name = workflow_name(run).unwrap_or("workflow");
    let number = ["run_number", "runnumber", "number"]
        .iter()
        .find_map(|key| field(run, key)?.as_u64())
        .map(|n| format!(" run #{n}"));
    let id = || {
        ["id", "databaseid"]
            .iter()
            .find_map(|key| field(run, key)?.as_u64())
            .map(|n| format!(" run {n}"))
    };
    format!("{name}{}", number.or_else(id).unwrap_or_default())
}

/// The kind of a file of runs: its path's, else the one kind its workflows'
/// names and files all give (`deploy.yml`, `Tests`), else a build.
fn actions_kind(items: &[&Map<String, Value>], path_kind: EvidenceKind) -> EvidenceKind {
    if path_kind != EvidenceKind::Other {
        return path_kind;
    }
    let kind_of_run = |run: &&Map<String, Value>| {
        let words = [workflow_name(run), text_field(run, "path")].into_iter().flatten();
        let words: Vec<&str> = words.collect();
        match kind_of(&words.join(" "), SourceFormat::Text) {
            kind @ (EvidenceKind::Deploy | EvidenceKind::Test | EvidenceKind::Lint) => kind,
            _ => EvidenceKind::Build,
        }
    };
    let first = items.first().map_or(EvidenceKind::Build, kind_of_run);
    if items.iter().all(|run| kind_of_run(run) == first) { first } else { EvidenceKind::Build }
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

// Word boundaries in the patterns below are ASCII (`(?-u:\b)`): a Unicode
// `\b` sends the regex engine off its fast path on any line with a non-ASCII
// character, and logs are full of them (`✓`, `→`, box drawing).

/// An exit code: `exit code 1`, `exited with code 0`, `exit status 2`,
/// GitHub's `Process completed with exit code 1`, Vercel's `exited with 1`.
static EXIT: WordRegex = WordRegex::new(|| {
    Regex::new(r"(?i)(?-u:\b)exit(?:ed)?(?: with)? (?:code|status)\s*:?\s*(\d+)|(?-u:\b)exited with (\d+)(?-u:\b)")
        .expect("valid regex")
});

/// A sentence that says a deploy went through: the deploy named, then a
/// success word within the sentence. What lies between and the success word
/// are captured, so that `Deploy did not complete` and `Deploy triggered
/// successfully` are not taken for a success.
static DEPLOY_PASS_SENTENCE: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)(?:deploy|deployment|release|rollout|publish)(?-u:\b)([^.!;]{0,40}?)",
        r"(?-u:\b)(succeeded|successful|successfully|complete|completed|finished|done)(?-u:\b)",
    ))
    .expect("valid regex")
});

/// A platform's own words for a deploy that went through.
static DEPLOY_PASS: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"(?i)(?:✓|✔|✅)\s*deployed(?-u:\b)|(?-u:\b)(?:successfully deployed|deployed successfully)(?-u:\b)",
        r"|(?-u:\b)(?:is|now) live(?-u:\b)|(?-u:\b)successfully rolled out(?-u:\b)|(?-u:\b)roll(?:ing)? ?out complete(?-u:\b)",
        r"|(?-u:\b)rolling update complete(?-u:\b)|(?-u:\b)deployed to heroku(?-u:\b)|(?-u:\b)deployment ready(?-u:\b)",
        r"|^remote: Verifying deploy\.\.\.\s*done|(?-u:\b)visit your newly deployed app(?-u:\b)",
        r"|has been upgraded\. Happy Helming|^STATUS: deployed\s*$",
        r"|(?-i:^\s*✅\s+(?:Production|Preview):\s+https?://)",
    ))
    .expect("valid regex")
});

/// Words that undo a success word before it (`Deploy did not complete`).
static NEGATION: WordRegex = WordRegex::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:not|never|no|unable|cannot|without)(?-u:\b)|n't(?-u:\b)")
        .expect("valid regex")
});

/// Words that say a deploy was only set going (`Deploy triggered successfully`).
static TRIGGER: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)(?:triggered|queued|enqueued|started|starting|scheduled|initiated|requested",
        r"|in progress|pending|accepted|submitted)(?-u:\b)",
    ))
    .expect("valid regex")
});

/// A sentence that says a deploy did not go through. `Build failed` is left
/// to the error lines, so that a build or test log is not taken for a deploy.
static DEPLOY_FAIL: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)(?:deploy|deployment|release|rollout|publish)(?-u:\b)[^.!;]{0,40}?",
        r"(?-u:\b)(?:failed|failure|errored|aborted|cancell?ed|timed out|rejected)(?-u:\b)",
        r"|(?-u:\b)failed to (?:deploy|release|publish|roll out)(?-u:\b)|(?-u:\b)(?:rolled|rolling) back(?-u:\b)",
        r"|(?-u:\b)(?:deploy|deployment|release|rollout)(?-u:\b)[^.!;]{0,40}?",
        r"(?-u:\b)(?:did not|didn't|could not|couldn't|was not|wasn't) (?:succeed|complete|finish|go live)",
        r"|(?-u:\b)push rejected(?-u:\b)|\[remote rejected\]|(?-u:\b)exceeded its progress deadline(?-u:\b)",
    ))
    .expect("valid regex")
});

/// A deploy still under way: `Deploy triggered`, `Deployment queued`,
/// kubectl's `Waiting for deployment "web" rollout to finish`, Render's
/// `==> Deploying...`.
static DEPLOY_PENDING: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)(?:deploy|deployment|release|rollout)(?-u:\b)[^.!;]{0,40}?(?-u:\b)(?:triggered|queued",
        r"|enqueued|started|starting|scheduled|initiated|requested|in progress|pending|accepted",
        r"|submitted)(?-u:\b)",
        r"|^\s*Waiting for (?:deployment|daemon set|statefulset|rollout|partitioned roll out)(?-u:\b)",
        r"|^==> Deploying\.\.\.",
    ))
    .expect("valid regex")
});

/// A line that shows a deploy platform's CLI or log without a verdict: the
/// log names the deploy.
static PLATFORM: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"^Vercel CLI \d|🔍\s+Inspect:\s+https://vercel\.com/",
        r"|^==> (?:Cloning from|Checking out commit|Running build command|Uploading build",
        r"|Build successful|Build failed|Deploying|Your service is live)",
        r"|^\s*(?:\$ |> |PS [^>]*> )?(?:fly(?:ctl)?|netlify|ntl|vercel|render) deploy",
        r"|^\s*(?:\$ |> |PS [^>]*> )?vercel(?: --prod)?\s*$",
        r"|Watch your deployment at https://fly\.io/|^remote: -----> |To https://git\.heroku\.com/",
        r"|(?-u:\b)git push heroku(?-u:\b)|^\s*(?:\$ )?kubectl rollout status(?-u:\b)",
        r"|^\s*(?:\$ )?helm (?:upgrade|install)(?-u:\b)",
    ))
    .expect("valid regex")
});

/// A line that reports an error without naming the deploy: `ERROR`, `FATAL`,
/// `error:`, `failed`, `✗`, `❌`.
static ERROR_LINE: WordRegex = WordRegex::new(|| {
    Regex::new(r"(?-u:\b)ERROR(?-u:\b)|(?-u:\b)FATAL(?-u:\b)|(?i:^\s*error:)|(?i:(?-u:\b)failed(?-u:\b))|✗|❌").expect("valid regex")
});

/// A zero count (`0 failed`, `0 errors`), which reports no failure.
static ZERO_COUNT: WordRegex = WordRegex::new(|| {
    Regex::new(r"(?i)(?-u:\b)0 (?:failed|failures?|errors?)(?-u:\b)").expect("valid regex")
});

/// What one line of a deploy log signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Signal {
    /// An exit code, zero or not.
    Exit(Outcome),
    /// A sentence about the deploy itself.
    Deploy(Outcome),
    /// A deploy set going or still under way.
    Pending,
    /// An error line.
    Error,
}

/// The signal a line gives, if any: exit codes first, then deploy failures,
/// deploys under way and successes, then error words.
pub(super) fn signal(line: &str) -> Option<Signal> {
    if let Some(caps) = captures(&EXIT, line) {
        let code = count(caps.get(1).or(caps.get(2)).map_or("", |m| m.as_str()));
        return Some(Signal::Exit(if code == 0 { Outcome::Pass } else { Outcome::Fail }));
    }
    let line = ZERO_COUNT.replace_all(line, "");
    if DEPLOY_FAIL.is_match(&line) {
        return Some(Signal::Deploy(Outcome::Fail));
    }
    if let Some(caps) = captures(&DEPLOY_PASS_SENTENCE, &line) {
        let between = &caps[1];
        // `triggered successfully` only set the deploy going; `started at
        // 10:00 and completed` went through.
        if TRIGGER.is_match(between) && caps[2].to_lowercase().starts_with("successful") {
            return Some(Signal::Pending);
        }
        if !NEGATION.is_match(between) {
            return Some(Signal::Deploy(Outcome::Pass));
        }
    }
    if DEPLOY_PENDING.is_match(&line) {
        Some(Signal::Pending)
    } else if DEPLOY_PASS.is_match(&line) && !NEGATION.is_match(&line) {
        Some(Signal::Deploy(Outcome::Pass))
    } else if ERROR_LINE.is_match(&line) {
        Some(Signal::Error)
    } else {
        None
    }
}

/// Whether a text names a deploy: a deploy sentence, a deploy under way,
/// or a deploy platform's CLI. Build and lint readers leave such a log to
/// this module, since a deploy runs a build on the way.
pub(super) fn names_deploy(text: &str) -> bool {
    crate::text::lines(text).any(|line| {
        DEPLOY_WORDS.is_match(line)
            && (PLATFORM.is_match(line)
                || matches!(signal(line), Some(Signal::Deploy(_) | Signal::Pending)))
    })
}

/// A word every deploy sentence and platform line above has one of: lines
/// without one are passed over cheaply.
static DEPLOY_WORDS: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"(?i)deploy|release|roll|publish|live|heroku|vercel|netlify|ntl|fly|render|kubectl",
        r"|helm|rejected|deadline|waiting|==> |remote: |✅|🔍",
    ))
    .expect("valid regex")
});

/// Reads a deploy log or a release table, or `None` when the text is
/// neither. Away from a deploy path, a log must name the deploy (a status
/// sentence, a platform CLI's line) to count.
pub(super) fn read_text(text: &str, deploy_path: bool) -> Option<Reading> {
    if let Some(reading) = read_table(text) {
        return Some(reading);
    }
    let signals: Vec<(usize, Signal)> = crate::text::lines(text)
        .enumerate()
        .filter_map(|(i, line)| Some((i + 1, signal(line)?)))
        .collect();
    let platform = crate::text::lines(text).any(|line| PLATFORM.is_match(line));
    let names_deploy =
        platform || signals.iter().any(|(_, s)| matches!(s, Signal::Deploy(_) | Signal::Pending));
    if !(deploy_path || names_deploy) || (signals.is_empty() && !platform) {
        return None;
    }
    // The last signal is the job's verdict: a closing exit code wins over the
    // words before it, and an error after a success line is not hidden.
    let (outcome, note) = match signals.last() {
        Some((_, Signal::Exit(outcome) | Signal::Deploy(outcome))) => (*outcome, None),
        Some((_, Signal::Error)) => (Outcome::Fail, None),
        Some((line, Signal::Pending)) => {
            (Outcome::Unknown, Some(format!("deploy still under way at line {line}, no result")))
        }
        None => (Outcome::Unknown, Some("deploy started, no result recorded".to_string())),
    };
    let failure_lines = signals
        .iter()
        .filter(|(_, s)| {
            matches!(s, Signal::Error | Signal::Deploy(Outcome::Fail) | Signal::Exit(Outcome::Fail))
        })
        .map(|(line, _)| *line)
        .collect();
    let mut reading = Reading {
        outcome,
        failure_lines,
        note,
        ..Reading::new(EvidenceFormat::DeployText, EvidenceKind::Deploy)
    };
    if let Some((tally, _)) = plain::last_summary(text) {
        reading.passed = Some(tally.passed);
        reading.failed = Some(tally.failed);
    }
    Some(reading)
}

/// The header of a release table: `fly releases`' `VERSION  STATUS  …`,
/// `vercel ls`' `Age  Deployment  Status  …`.
static TABLE_HEADER: WordRegex = WordRegex::new(|| {
    Regex::new(r"^\s*(?:VERSION|ID|RELEASE)(?-u:\b).*(?-u:\b)STATUS(?-u:\b)|^\s*Age\s+Deployment\s+Status(?-u:\b)")
        .expect("valid regex")
});

/// `heroku releases`' header: `=== my-app Releases - Current: v42`.
static HEROKU_RELEASES: Prefixed = Prefixed::new("=== ", r"^=== (\S+) Releases(?-u:\b)");

/// A row of `heroku releases`: `v43  Deploy 9b4e21f  release command failed  …`.
static HEROKU_ROW: Prefixed = Prefixed::after_blanks("v", r"^\s*v(\d+)\s+\S");

/// Cells of a table row: split at tabs or runs of two or more spaces.
static CELLS: WordRegex = WordRegex::new(|| Regex::new(r"\t\s*|\s{2,}").expect("valid regex"));

/// Reads a release table printed by a platform CLI, newest row first: its
/// first row that has a status decides, the others are runs before it.
fn read_table(text: &str) -> Option<Reading> {
    let lines: Vec<&str> = crate::text::lines(text).collect();
    let (header, heroku) = lines.iter().enumerate().find_map(|(i, line)| {
        if TABLE_HEADER.is_match(line) {
            Some((i, None))
        } else {
            HEROKU_RELEASES.captures(line).map(|caps| (i, Some(caps[1].to_lowercase())))
        }
    })?;
    let mut rows: Vec<(usize, Class, String)> = Vec::new();
    for (i, line) in lines.iter().enumerate().skip(header + 1) {
        if line.trim().is_empty() {
            if rows.is_empty() {
                continue;
            }
            break;
        }
        let row = if heroku.is_some() { heroku_row(line) } else { table_row(line) };
        if let Some((class, what)) = row {
            rows.push((i + 1, class, what));
        }
    }
    let (newest_line, newest_class, newest_what) = rows.first()?.clone();
    let mut runs = Vec::with_capacity(rows.len());
    for (line, class, what) in rows.iter().rev() {
        let mut run = Run::new("deploy", class.outcome(), *line);
        run.scope = heroku.clone();
        run.note = Some(note_for(*class, what, "").unwrap_or_else(|| what.clone()));
        runs.push(run);
    }
    let mut reading = Reading::of_runs(EvidenceFormat::DeployText, EvidenceKind::Deploy, runs);
    reading.note = Some(
        note_for(newest_class, &newest_what, "newest ")
            .unwrap_or_else(|| format!("newest {newest_what}")),
    );
    if newest_class == Class::Fail {
        reading.failure_lines.push(newest_line);
    }
    Some(reading)
}

/// A row of a release table: the first cell that is a status word
/// (`complete`, `● Error`), and the row's first cell as its name.
fn table_row(line: &str) -> Option<(Class, String)> {
    let cells: Vec<&str> = CELLS.split(line.trim()).map(str::trim).collect();
    let status = cells
        .iter()
        .map(|cell| cell.trim_start_matches(['●', '•', '*', ' ']))
        .find(|cell| !cell.is_empty() && status_class(cell) != Class::Other)?;
    let named = |cell: &&&str| {
        cell.starts_with("http")
            || cell.strip_prefix('v').is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
    };
    let name = cells.iter().find(named).or(cells.first()).copied().unwrap_or("deploy");
    Some((status_class(status), format!("{name} {}", status.to_lowercase())))
}

/// A row of `heroku releases`: a release whose command failed or is still
/// running says so; any other listed release went out.
fn heroku_row(line: &str) -> Option<(Class, String)> {
    let caps = HEROKU_ROW.captures(line)?;
    let lower = line.to_lowercase();
    let (class, word) = if lower.contains("release command failed") {
        (Class::Fail, "release command failed")
    } else if lower.contains("release command executing") {
        (Class::Pending, "release command executing")
    } else {
        (Class::Pass, "released")
    };
    Some((class, format!("release v{} {word}", &caps[1])))
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
    pub(crate) const FIXTURES: &[&str] = &[
        ACTIONS_FAIL,
        NETLIFY_PASS,
        EXIT_CODE_WINS,
        GITHUB_STATUS_JSON,
        NESTED_JSON,
        RENDER_LIST,
        VERCEL_LIST,
        NETLIFY_LIST,
        FLY_RELEASES,
        HEROKU_BUILDS,
        FLY_STATUS,
        ACTIONS_RUN,
        ACTIONS_LIST,
        GH_RUN_LIST,
        API_ERROR,
        VERCEL_PASS,
        VERCEL_FAIL,
        FLY_PASS,
        FLY_FAIL,
        HEROKU_PASS,
        HEROKU_FAIL,
        KUBECTL_PASS,
        KUBECTL_FAIL,
        KUBECTL_WAITING,
        FLY_RELEASES_TABLE,
        VERCEL_LS,
        TRIGGERED,
    ];

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

    /// Render's `GET /v1/services/{id}/deploys`: the newest deploy failed to
    /// go live, while an older one's commit message says all is well.
    pub(crate) const RENDER_LIST: &str = r#"[
  {
    "deploy": {
      "id": "dep-cnq8s1ud3nmc73b2kq4g",
      "commit": {
        "id": "9b4e21f4c0d87a3e55b1f20c6e9d4a7b8c13f0e2",
        "message": "chore: raise pg pool size to 20",
        "createdAt": "2026-03-06T13:58:41Z"
      },
      "status": "update_failed",
      "trigger": "new_commit",
      "createdAt": "2026-03-06T14:02:10.512418Z",
      "updatedAt": "2026-03-06T14:09:48.201772Z",
      "finishedAt": "2026-03-06T14:09:48.198533Z"
    },
    "cursor": "bH5sq7ePDsQHUpm0"
  },
  {
    "deploy": {
      "id": "dep-cnp2v4ud3nmc73b0lmf0",
      "commit": {
        "id": "4f2a9c1d77e0b5a9c3e1f2d4b6a8c0e2f4a6b8d0",
        "message": "fix: all tests passing, deploy succeeded locally",
        "createdAt": "2026-03-05T09:10:12Z"
      },
      "status": "live",
      "trigger": "new_commit",
      "createdAt": "2026-03-05T09:12:03.001127Z",
      "updatedAt": "2026-03-05T09:16:40.777301Z",
      "finishedAt": "2026-03-05T09:16:40.771049Z"
    },
    "cursor": "a3c9Qm1ZtB0wXy2e"
  },
  {
    "deploy": {
      "id": "dep-cnn7f2ud3nmc73ahq0t0",
      "commit": { "id": "91bc3e0", "message": "feat: invoice export", "createdAt": "2026-03-03T16:40:00Z" },
      "status": "deactivated",
      "trigger": "manual",
      "createdAt": "2026-03-03T16:41:27.410000Z",
      "finishedAt": "2026-03-03T16:45:02.113000Z"
    },
    "cursor": "Zk4rT1mPq8vL0sNa"
  }
]"#;

    /// Vercel's `GET /v6/deployments`: a production build still running on
    /// top of a ready one.
    pub(crate) const VERCEL_LIST: &str = r#"{
  "deployments": [
    {
      "uid": "dpl_8fKq3ZrVw1nYtB6cXe2HsJ9aLm4D",
      "name": "tidewater-web",
      "url": "tidewater-web-k2j4h8x1p-acme.vercel.app",
      "created": 1772890215331,
      "state": "BUILDING",
      "readyState": "BUILDING",
      "type": "LAMBDAS",
      "target": "production",
      "meta": { "githubCommitMessage": "Ready for review: all checks green", "githubCommitRef": "main" },
      "createdAt": 1772890215331,
      "buildingAt": 1772890216004
    },
    {
      "uid": "dpl_3JcP0sWq7YbV2mNx5RtK8eLh1GaF",
      "name": "tidewater-web",
      "url": "tidewater-web-9sd8f7g6h-acme.vercel.app",
      "created": 1772806930123,
      "state": "READY",
      "readyState": "READY",
      "type": "LAMBDAS",
      "target": "production",
      "meta": { "githubCommitMessage": "Build failed fix", "githubCommitRef": "main" },
      "createdAt": 1772806930123,
      "buildingAt": 1772806931002,
      "ready": 1772806990417
    }
  ],
  "pagination": { "count": 2, "next": 1772806930122, "prev": 1772890215332 }
}"#;

    /// Netlify's `GET /api/v1/sites/{id}/deploys`, minimal fields: the newest
    /// deploy errored while its title sounds like success.
    pub(crate) const NETLIFY_LIST: &str = r#"[
  {"id": "65f1a0c4e2b7d10008a3c9f1", "state": "error", "error_message": "Build script returned non-zero exit code: 2", "created_at": "2026-03-07T08:44:12.918Z", "title": "Deploy succeeded, ready to ship"},
  {"id": "65f0c2a1b9e4c3000734d2aa", "state": "ready", "error_message": null, "created_at": "2026-03-06T17:02:55.104Z", "title": "docs: changelog"}
]"#;

    /// `fly releases --json`, written oldest first by a script that sorted it.
    pub(crate) const FLY_RELEASES: &str = r#"[
  {"Version": 11, "Stable": false, "InProgress": false, "Description": "Release", "Status": "failed", "CreatedAt": "2026-03-06T14:05:09Z"},
  {"Version": 12, "Stable": true, "InProgress": false, "Description": "Release", "Status": "complete", "CreatedAt": "2026-03-06T14:31:40Z"}
]"#;

    /// Heroku's `GET /apps/{app}/builds`, which lists oldest first.
    pub(crate) const HEROKU_BUILDS: &str = r#"[
  {"id": "01234567-89ab-cdef-0123-456789abcdef", "app": {"id": "6f0d3c1e-aaaa-bbbb-cccc-1234567890ab", "name": "tidewater-api"}, "status": "succeeded", "created_at": "2026-03-05T10:00:00Z", "updated_at": "2026-03-05T10:03:12Z", "output_stream_url": "https://build-output.heroku.com/streams/01/012345"},
  {"id": "fedcba98-7654-3210-fedc-ba9876543210", "app": {"id": "6f0d3c1e-aaaa-bbbb-cccc-1234567890ab", "name": "tidewater-api"}, "status": "failed", "created_at": "2026-03-06T11:20:00Z", "updated_at": "2026-03-06T11:21:40Z", "output_stream_url": "https://build-output.heroku.com/streams/fe/fedcba"}
]"#;

    /// `fly status --json` with a machine whose health check is critical.
    pub(crate) const FLY_STATUS: &str = r#"{
  "ID": "tidewater-api",
  "Name": "tidewater-api",
  "Status": "deployed",
  "Deployed": true,
  "Hostname": "tidewater-api.fly.dev",
  "Machines": [
    {"id": "3d8d9e1f2a7c48", "state": "started", "region": "ams", "checks": [{"name": "servicecheck-00-http-8080", "status": "passing"}]},
    {"id": "7a1c0b52e9f318", "state": "started", "region": "ams", "checks": [{"name": "servicecheck-00-http-8080", "status": "critical", "output": "connect: connection refused"}]}
  ],
  "PlatformVersion": "machines"
}"#;

    /// A GitHub Actions run from the REST API, failed, with a cheerful commit.
    pub(crate) const ACTIONS_RUN: &str = r#"{
  "id": 8123456789,
  "name": "Deploy production",
  "head_branch": "main",
  "head_sha": "9b4e21f4c0d87a3e55b1f20c6e9d4a7b8c13f0e2",
  "path": ".github/workflows/deploy.yml",
  "display_title": "fix: all tests passing",
  "run_number": 57,
  "event": "push",
  "status": "completed",
  "conclusion": "failure",
  "workflow_id": 61234567,
  "created_at": "2026-03-08T10:01:02Z",
  "updated_at": "2026-03-08T10:04:41Z",
  "run_attempt": 1,
  "run_started_at": "2026-03-08T10:01:02Z",
  "head_commit": {"id": "9b4e21f", "message": "fix: all tests passing", "timestamp": "2026-03-08T09:58:00Z"}
}"#;

    /// `GET /repos/{o}/{r}/actions/runs`: two workflows, each newest first.
    pub(crate) const ACTIONS_LIST: &str = r#"{
  "total_count": 3,
  "workflow_runs": [
    {"id": 8123460001, "name": "CI", "path": ".github/workflows/ci.yml", "run_number": 212, "status": "completed", "conclusion": "success", "workflow_id": 61234500, "run_started_at": "2026-03-08T11:00:00Z", "head_commit": {"message": "wip"}},
    {"id": 8123450002, "name": "CI", "path": ".github/workflows/ci.yml", "run_number": 211, "status": "completed", "conclusion": "failure", "workflow_id": 61234500, "run_started_at": "2026-03-08T09:30:00Z", "head_commit": {"message": "wip"}},
    {"id": 8123440003, "name": "CI", "path": ".github/workflows/ci.yml", "run_number": 210, "status": "completed", "conclusion": "timed_out", "workflow_id": 61234500, "run_started_at": "2026-03-07T18:00:00Z", "head_commit": {"message": "wip"}}
  ]
}"#;

    /// `gh run list --json …`: the newest deploy still running (gh writes an
    /// empty conclusion until then).
    pub(crate) const GH_RUN_LIST: &str = r#"[
  {"conclusion": "", "createdAt": "2026-03-09T08:12:40Z", "databaseId": 8130000001, "displayTitle": "release 1.4.0", "name": "Deploy", "status": "in_progress", "workflowName": "Deploy"},
  {"conclusion": "success", "createdAt": "2026-03-08T16:02:11Z", "databaseId": 8129000002, "displayTitle": "release 1.3.2", "name": "Deploy", "status": "completed", "workflowName": "Deploy"}
]"#;

    /// A deploy API's error body, saved on its own.
    pub(crate) const API_ERROR: &str = r#"{"statusCode": 403, "error": "Forbidden", "message": "deploy succeeded? no: invalid token"}"#;

    /// `vercel --prod` that went out.
    pub(crate) const VERCEL_PASS: &str = "Vercel CLI 37.4.2
🔍  Inspect: https://vercel.com/acme/tidewater-web/8fKq3ZrVw1nYtB6cXe2HsJ9aLm4D [3s]
✅  Production: https://tidewater-web-k2j4h8x1p-acme.vercel.app [2m]
";

    /// `vercel --prod` whose build failed.
    pub(crate) const VERCEL_FAIL: &str = "Vercel CLI 37.4.2
🔍  Inspect: https://vercel.com/acme/tidewater-web/3JcP0sWq7YbV2mNx5RtK8eLh1GaF [2s]
Running build in Washington, D.C., USA (East) – iad1
Running \"npm run build\"
> tidewater-web@0.9.0 build
> vite build
src/main.ts(14,7): Expected \";\"
Error: Command \"npm run build\" exited with 1
";

    /// `flyctl deploy` on the Nomad platform, rolled out.
    pub(crate) const FLY_PASS: &str = "$ flyctl deploy --remote-only
==> Verifying app config
--> Verified app config
==> Building image
--> Pushing image done
image: registry.fly.io/tidewater-api:deployment-01HRZ4
==> Creating release
--> release v12 created
==> Monitoring deployment
 1 desired, 1 placed, 1 healthy, 0 unhealthy [health checks: 1 total, 1 passing]
--> v12 deployed successfully
";

    /// `flyctl deploy` that never got an image.
    pub(crate) const FLY_FAIL: &str = "$ fly deploy
==> Verifying app config
Validating /home/dev/tidewater/fly.toml
✓ Configuration is valid
--> Verified app config
==> Building image
Error: failed to fetch an image or build from source: error building: exit status 1
";

    /// `git push heroku main` that was released.
    pub(crate) const HEROKU_PASS: &str = "$ git push heroku main
Enumerating objects: 9, done.
Writing objects: 100% (5/5), 612 bytes | 612.00 KiB/s, done.
remote: Compressing source files... done.
remote: Building source:
remote: -----> Building on the Heroku-22 stack
remote: -----> Using buildpack: heroku/nodejs
remote: -----> Build succeeded!
remote: -----> Launching...
remote:        Released v42
remote:        https://tidewater-api-4b1d2c.herokuapp.com/ deployed to Heroku
remote: 
remote: Verifying deploy... done.
To https://git.heroku.com/tidewater-api.git
   4f2a9c1..9b4e21f  main -> main
";

    /// `git push heroku main` rejected at the build.
    pub(crate) const HEROKU_FAIL: &str = "$ git push heroku main
remote: -----> Building on the Heroku-22 stack
remote: -----> Node.js app detected
remote:        npm ERR! missing script: build
remote: -----> Build failed
remote:  !     Push rejected, failed to compile Node.js app.
remote: Verifying deploy...
remote: !\tPush rejected to tidewater-api.
To https://git.heroku.com/tidewater-api.git
 ! [remote rejected] main -> main (pre-receive hook declined)
error: failed to push some refs to 'https://git.heroku.com/tidewater-api.git'
";

    /// `kubectl rollout status` that completed.
    pub(crate) const KUBECTL_PASS: &str = "$ kubectl rollout status deployment/web -n prod
Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...
Waiting for deployment \"web\" rollout to finish: 2 of 3 updated replicas are available...
deployment \"web\" successfully rolled out
";

    /// `kubectl rollout status` that gave up.
    pub(crate) const KUBECTL_FAIL: &str =
        "$ kubectl rollout status deployment/web -n prod --timeout=5m
Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...
error: deployment \"web\" exceeded its progress deadline
";

    /// `kubectl rollout status` saved before it finished.
    pub(crate) const KUBECTL_WAITING: &str = "$ kubectl rollout status deployment/web
Waiting for deployment \"web\" rollout to finish: 0 of 2 updated replicas are available...
Waiting for deployment \"web\" rollout to finish: 1 of 2 updated replicas are available...
";

    /// `fly releases`: the newest release went out, an older one failed.
    pub(crate) const FLY_RELEASES_TABLE: &str =
        "VERSION\tSTATUS  \tDESCRIPTION\tUSER            \tDATE
v12    \tcomplete\tRelease    \tdev@example.com \t2h13m ago
v11    \tfailed  \tRelease    \tdev@example.com \t3h1m ago
v10    \tcomplete\tRelease    \tdev@example.com \t1d ago
";

    /// `vercel ls`: the newest deployment errored.
    pub(crate) const VERCEL_LS: &str = "Vercel CLI 37.4.2
> Deployments for acme/tidewater-web [512ms]

  Age     Deployment                                       Status      Environment     Duration     Username
  3m      https://tidewater-web-k2j4h8x1p-acme.vercel.app  ● Error     Production      41s          dev
  1d      https://tidewater-web-9sd8f7g6h-acme.vercel.app  ● Ready     Production      58s          dev
";

    /// An agent's note that only set a deploy going.
    pub(crate) const TRIGGERED: &str =
        "Calling the Render deploy hook for tidewater-api\nDeploy triggered successfully.\n";

    /// Parses a JSON fixture.
    fn json(text: &str) -> Value {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn render_list_is_decided_by_its_newest_deploy_not_by_commit_messages() {
        let reading = read_json(&json(RENDER_LIST), false).unwrap();
        assert_eq!((reading.format.as_str(), reading.outcome), ("deploy-json", Outcome::Fail));
        assert_eq!(
            reading.note.as_deref(),
            Some("newest deploy dep-cnq8s1ud3nmc73b2kq4g update_failed")
        );
        assert_eq!(reading.date.as_deref(), Some("2026-03-06"));
        assert_eq!(reading.runs.len(), 3);
        assert!(reading.runs.iter().all(|r| r.suite == "deploy"));
        assert_eq!(reading.runs[2].outcome, Outcome::Fail);
        assert_eq!(reading.runs[1].outcome, Outcome::Pass);
    }

    #[test]
    fn list_order_in_the_file_does_not_matter_when_deploys_have_dates() {
        let Value::Array(mut items) = json(RENDER_LIST) else { panic!() };
        items.reverse();
        let reading = read_json(&Value::Array(items), false).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        let reading = read_json(&json(HEROKU_BUILDS), false).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(reading.runs[0].scope.as_deref(), Some("tidewater-api"));
        let reading = read_json(&json(FLY_RELEASES), false).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
    }

    #[test]
    fn without_dates_a_list_is_read_newest_first() {
        let list = json(
            r#"[{"deploy": {"id": "dep-b", "status": "live"}}, {"deploy": {"id": "dep-a", "status": "build_failed"}}]"#,
        );
        let reading = read_json(&list, false).unwrap();
        assert_eq!(
            (reading.outcome, reading.note.as_deref()),
            (Outcome::Pass, Some("newest deploy dep-b live"))
        );
        let releases =
            json(r#"[{"version": 3, "status": "failed"}, {"version": 4, "status": "succeeded"}]"#);
        assert_eq!(read_json(&releases, true).unwrap().outcome, Outcome::Pass);
    }

    #[test]
    fn newest_deploy_in_progress_leaves_the_list_unknown() {
        let reading = read_json(&json(VERCEL_LIST), false).unwrap();
        assert_eq!(reading.outcome, Outcome::Unknown);
        assert_eq!(
            reading.note.as_deref(),
            Some("newest deploy dpl_8fKq3ZrVw1nYtB6cXe2HsJ9aLm4D BUILDING: still in progress")
        );
        assert_eq!(reading.runs[0].scope.as_deref(), Some("production"));
        assert_eq!(reading.date.as_deref(), Some("2026-03-07"));
        let reading = read_json(&json(NETLIFY_LIST), false).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
    }

    #[test]
    fn lists_that_are_not_deploys_are_left_alone() {
        let tasks =
            json(r#"[{"id": "T-1", "status": "done"}, {"id": "T-2", "status": "in_progress"}]"#);
        assert_eq!(read_json(&tasks, false), None);
        let dated = json(r#"[{"id": 1, "status": "done", "created_at": "2026-03-01T10:00:00Z"}]"#);
        assert_eq!(read_json(&dated, false), None);
        assert_eq!(read_json(&json(r#"{"deployments": []}"#), true), None);
        assert_eq!(read_json(&tasks, true), None);
        let checks = json(
            r#"[{"name": "healthz", "status": "passed"}, {"name": "readyz", "status": "failed"}]"#,
        );
        assert_eq!(read_json(&checks, true), None);
        assert!(read_json(&dated, true).is_some());
    }

    #[test]
    fn status_words_are_classed_by_platform_vocabulary() {
        for word in ["live", "READY", "succeeded", "complete", "success"] {
            assert_eq!(status_class(word), Class::Pass, "{word}");
        }
        for word in [
            "update_failed",
            "build_failed",
            "pre_deploy_failed",
            "canceled",
            "cancelled",
            "deactivated",
            "error",
            "timed_out",
            "ERROR",
        ] {
            assert_eq!(status_class(word), Class::Fail, "{word}");
        }
        for word in [
            "created",
            "building",
            "queued",
            "pending",
            "in_progress",
            "build_in_progress",
            "BUILDING",
            "update_in_progress",
        ] {
            assert_eq!(status_class(word), Class::Pending, "{word}");
        }
        assert_eq!(status_class("superseded"), Class::Other);
    }

    #[test]
    fn completed_beside_a_missing_or_skipped_conclusion_is_not_a_pass() {
        let skipped = json(r#"{"status": "completed", "conclusion": "skipped"}"#);
        assert_eq!(read_json(&skipped, false), None);
        assert_eq!(read_json(&skipped, true).unwrap().outcome, Outcome::Unknown);
        let open = json(r#"{"status": "completed", "conclusion": null}"#);
        assert_eq!(read_json(&open, false), None);
    }

    #[test]
    fn fly_status_fails_on_a_critical_check() {
        let reading = read_json(&json(FLY_STATUS), true).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(
            reading.note.as_deref(),
            Some("machine 7a1c0b52e9f318 check servicecheck-00-http-8080 critical")
        );
    }

    #[test]
    fn api_error_bodies_fail_under_a_deploy_path_only() {
        let reading = read_json(&json(API_ERROR), true).unwrap();
        assert_eq!((reading.format.as_str(), reading.outcome), ("deploy-http", Outcome::Fail));
        assert_eq!(reading.note.as_deref(), Some("HTTP 403 from the deploy API"));
        assert_eq!(read_json(&json(API_ERROR), false), None);
        let vercel = json(r#"{"error": {"code": "forbidden", "message": "Not authorized"}}"#);
        assert_eq!(read_json(&vercel, true).unwrap().outcome, Outcome::Fail);
    }

    #[test]
    fn actions_run_is_decided_by_its_conclusion_and_named_by_its_workflow() {
        let reading = read_actions_json(&json(ACTIONS_RUN), EvidenceKind::Other).unwrap();
        assert_eq!((reading.format.as_str(), reading.kind.as_str()), ("actions-json", "deploy"));
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(reading.note.as_deref(), Some("Deploy production run #57 failure"));
        assert_eq!(reading.date.as_deref(), Some("2026-03-08"));
        let reading = read_actions_json(&json(ACTIONS_RUN), EvidenceKind::Test).unwrap();
        assert_eq!(reading.kind.as_str(), "test");
    }

    #[test]
    fn actions_list_keeps_the_newest_run_of_each_workflow() {
        let reading = read_actions_json(&json(ACTIONS_LIST), EvidenceKind::Other).unwrap();
        assert_eq!((reading.kind.as_str(), reading.outcome), ("build", Outcome::Pass));
        assert_eq!(reading.runs.len(), 3);
        assert_eq!(reading.runs[2].scope.as_deref(), Some("ci"));
        let reading = read_actions_json(&json(GH_RUN_LIST), EvidenceKind::Other).unwrap();
        assert_eq!((reading.kind.as_str(), reading.outcome), ("deploy", Outcome::Unknown));
        assert_eq!(
            reading.note.as_deref(),
            Some("Deploy run 8130000001 in_progress: still in progress")
        );
    }

    #[test]
    fn many_workflows_are_kept_as_one_run_that_fails_when_any_failed() {
        let runs: Vec<Value> = (0..200)
            .map(|n| {
                let conclusion = if n == 17 { "failure" } else { "success" };
                serde_json::json!({"name": format!("job {n}"), "run_number": n, "conclusion": conclusion})
            })
            .collect();
        let reading = read_actions_json(&Value::Array(runs), EvidenceKind::Other).unwrap();
        assert_eq!((reading.outcome, reading.runs.len()), (Outcome::Fail, 1));
        assert_eq!(reading.note.as_deref(), Some("newest runs of 200 workflows: 1 failed"));
    }

    #[test]
    fn status_records_without_actions_fields_are_not_actions_runs() {
        assert_eq!(read_actions_json(&json(GITHUB_STATUS_JSON), EvidenceKind::Other), None);
        let check = json(r#"{"status": "completed", "conclusion": "success"}"#);
        assert_eq!(read_actions_json(&check, EvidenceKind::Other), None);
        assert_eq!(read_actions_json(&json(RENDER_LIST), EvidenceKind::Deploy), None);
    }

    #[test]
    fn platform_cli_output_passes_and_fails_by_its_own_words() {
        let cases = [
            (VERCEL_PASS, Outcome::Pass),
            (VERCEL_FAIL, Outcome::Fail),
            (FLY_PASS, Outcome::Pass),
            (FLY_FAIL, Outcome::Fail),
            (HEROKU_PASS, Outcome::Pass),
            (HEROKU_FAIL, Outcome::Fail),
            (KUBECTL_PASS, Outcome::Pass),
            (KUBECTL_FAIL, Outcome::Fail),
        ];
        for (text, outcome) in cases {
            let reading = read_text(text, false).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(
                (reading.format.as_str(), reading.outcome),
                ("deploy-text", outcome),
                "{text}"
            );
            assert_eq!(reading.failure_lines.is_empty(), outcome == Outcome::Pass, "{text}");
        }
        assert_eq!(read_text(VERCEL_FAIL, false).unwrap().failure_lines, vec![8]);
        assert_eq!(read_text(HEROKU_FAIL, false).unwrap().failure_lines, vec![5, 6, 8, 10, 11]);
    }

    #[test]
    fn a_rollout_still_waiting_or_a_trigger_alone_is_unknown() {
        let reading = read_text(KUBECTL_WAITING, false).unwrap();
        assert_eq!(reading.outcome, Outcome::Unknown);
        assert_eq!(reading.note.as_deref(), Some("deploy still under way at line 3, no result"));
        let reading = read_text(TRIGGERED, false).unwrap();
        assert_eq!(reading.outcome, Outcome::Unknown);
        let started = "$ fly deploy\n==> Verifying app config\n--> Verified app config\n";
        let reading = read_text(started, false).unwrap();
        assert_eq!(reading.outcome, Outcome::Unknown);
        assert_eq!(reading.note.as_deref(), Some("deploy started, no result recorded"));
    }

    #[test]
    fn negated_successes_are_not_successes() {
        assert_eq!(signal("Deploy did not complete"), Some(Signal::Deploy(Outcome::Fail)));
        assert_eq!(signal("Deployment not completed"), None);
        assert_eq!(signal("Deploy succeeded, no errors"), Some(Signal::Deploy(Outcome::Pass)));
        assert_eq!(signal("Deploy triggered successfully"), Some(Signal::Pending));
        assert_eq!(
            signal("Deploy started at 10:00 and completed at 10:05"),
            Some(Signal::Deploy(Outcome::Pass))
        );
        assert_eq!(
            signal("✖ Deploy did not succeed: HTTP 422"),
            Some(Signal::Deploy(Outcome::Fail))
        );
    }

    #[test]
    fn release_tables_are_decided_by_their_first_row() {
        let reading = read_text(FLY_RELEASES_TABLE, false).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!(reading.note.as_deref(), Some("newest v12 complete"));
        assert!(reading.failure_lines.is_empty());
        let reading = read_text(VERCEL_LS, false).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(reading.failure_lines, vec![5]);
        let heroku = "=== tidewater-api Releases - Current: v42\n\nv43  Deploy 9b4e21f  release command failed  dev@example.com  2026/03/06 14:22:10 +0000 (~ 1m ago)\nv42  Deploy 4f2a9c1  dev@example.com  2026/03/05 09:12:03 +0000 (~ 1d ago)\n";
        let reading = read_text(heroku, false).unwrap();
        assert_eq!(
            (reading.outcome, reading.note.as_deref()),
            (Outcome::Fail, Some("newest release v43 release command failed"))
        );
    }
}
