//! Lighthouse JSON reports (`lighthouse --output=json`, a Lighthouse CI
//! `lhr-*.json`): category scores, the outcome they imply, and `fetchTime`.
//!
//! Scores are kept as Lighthouse gives them, 0 to 1, named by the category's
//! `title` (its key when it has none). Individual audits are left out: the
//! evidence page links the raw report for those. A report whose audit could
//! not run (a `runtimeError` such as `NO_FCP`, or no category scored at all)
//! is a failed audit, with a note naming the error.

use serde_json::{Map, Value};

use super::{Outcome, Reading};
use crate::dates::find_date;
use crate::model::Score;
use crate::model::{EvidenceFormat, EvidenceKind};

/// The categories in the order Lighthouse shows them; others follow by key.
const ORDER: [&str; 5] = ["performance", "accessibility", "best-practices", "seo", "pwa"];

/// The lowest score Lighthouse colours green.
const GREEN: f64 = 0.9;

/// The lowest score Lighthouse does not colour red.
const NOT_RED: f64 = 0.5;

/// Reads a Lighthouse report, or `None` when the value is not one.
///
/// The outcome uses Lighthouse's own colour bands: pass when every scored
/// category is green (at least 0.9), fail when any is red (below 0.5), and
/// unknown in between (a `null` score means the category could not run, and
/// is left out). A runtime error, or categories none of which was scored,
/// fail the audit.
pub(super) fn read(value: &Value) -> Option<Reading> {
    let empty = Map::new();
    let categories = match value.get("categories") {
        Some(categories) => categories.as_object()?,
        None => &empty,
    };
    let error = runtime_error(value);
    let is_lighthouse = value.get("lighthouseVersion").is_some()
        || categories.values().any(|c| c.get("score").is_some())
        || (error.is_some() && (value.get("requestedUrl").is_some() || !categories.is_empty()));
    if !is_lighthouse {
        return None;
    }
    let scores = scores(categories);
    let note = match (&error, scores.is_empty() && !categories.is_empty()) {
        (Some(code), _) => Some(format!("Lighthouse runtime error {code}")),
        (None, true) => Some("no category was scored: the audit did not run".to_string()),
        (None, false) => None,
    };
    let outcome = if note.is_some() {
        Outcome::Fail
    } else if scores.is_empty() {
        Outcome::Unknown
    } else if scores.iter().any(|s| s.value < NOT_RED) {
        Outcome::Fail
    } else if scores.iter().all(|s| s.value >= GREEN) {
        Outcome::Pass
    } else {
        Outcome::Unknown
    };
    let mut reading = Reading {
        outcome,
        scores,
        note,
        ..Reading::new(EvidenceFormat::Lighthouse, EvidenceKind::Report)
    };
    reading.date = value.get("fetchTime").and_then(Value::as_str).and_then(find_date);
    Some(reading)
}

/// The code of the report's runtime error (`NO_FCP`, `ERRORED_DOCUMENT_REQUEST`),
/// or `None` when it has none; older versions write `NO_ERROR` on success.
fn runtime_error(value: &Value) -> Option<String> {
    let error = value.get("runtimeError")?;
    let code = error.get("code").and_then(Value::as_str).unwrap_or("").trim();
    let message = error.get("message").and_then(Value::as_str).unwrap_or("").trim();
    match code {
        "NO_ERROR" => None,
        "" if message.is_empty() => None,
        "" => Some("(no code)".to_string()),
        code => Some(code.chars().take(80).collect()),
    }
}

/// The scored categories, in Lighthouse's order.
fn scores(categories: &Map<String, Value>) -> Vec<Score> {
    let mut keyed: Vec<(usize, &String, Score)> = categories
        .iter()
        .filter_map(|(key, category)| {
            let value = category.get("score")?.as_f64().filter(|v| (0.0..=1.0).contains(v))?;
            let title = category.get("title").and_then(Value::as_str).unwrap_or(key);
            let rank = ORDER.iter().position(|k| k == key).unwrap_or(ORDER.len());
            Some((rank, key, Score { name: title.to_string(), value }))
        })
        .collect();
    // Sorting by rank then key keeps the order stable whatever order the map
    // iterates in (serde_json's `preserve_order` feature changes it).
    keyed.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    keyed.into_iter().map(|(_, _, score)| score).collect()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A report trimmed to its header and categories, all green.
    pub(crate) const GREEN_REPORT: &str = r#"{
  "lighthouseVersion": "12.2.1",
  "requestedUrl": "https://staging.shop.example/",
  "finalDisplayedUrl": "https://staging.shop.example/",
  "fetchTime": "2026-03-06T14:30:12.004Z",
  "userAgent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/122.0.0.0 Safari/537.36",
  "runWarnings": [],
  "configSettings": { "formFactor": "mobile", "locale": "en-US", "onlyCategories": null },
  "categories": {
    "seo": { "title": "SEO", "id": "seo", "score": 1, "auditRefs": [] },
    "performance": { "title": "Performance", "id": "performance", "score": 0.93, "auditRefs": [] },
    "accessibility": { "title": "Accessibility", "id": "accessibility", "score": 0.97, "auditRefs": [] },
    "best-practices": { "title": "Best Practices", "id": "best-practices", "score": 0.96, "auditRefs": [] }
  }
}"#;

    /// A report with a red performance score and a category that could not run.
    pub(crate) const RED_REPORT: &str = r#"{"lighthouseVersion":"11.6.0","fetchTime":"2026-02-27T08:02:51.112Z","categories":{"performance":{"title":"Performance","score":0.41},"accessibility":{"title":"Accessibility","score":0.88},"pwa":{"title":"PWA","score":null}}}"#;

    /// A run whose page never painted: Lighthouse's error and null scores.
    pub(crate) const NO_FCP: &str = r#"{
  "lighthouseVersion": "12.1.0",
  "requestedUrl": "https://staging.shop.example/checkout",
  "fetchTime": "2026-03-09T07:41:03.552Z",
  "runtimeError": {
    "code": "NO_FCP",
    "message": "The page did not paint any content. Please ensure you keep the browser window in the foreground during the load and try again. (NO_FCP)"
  },
  "runWarnings": ["The page loaded too slowly to finish within the time limit."],
  "categories": {
    "performance": { "title": "Performance", "id": "performance", "score": null, "auditRefs": [] },
    "accessibility": { "title": "Accessibility", "id": "accessibility", "score": null, "auditRefs": [] }
  }
}"#;

    /// Every fixture above, for the dispatch and robustness tests.
    pub(crate) const FIXTURES: &[&str] = &[GREEN_REPORT, RED_REPORT, NO_FCP];

    fn parse(json: &str) -> Value {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn all_green_passes_with_scores_in_lighthouse_order() {
        let reading = read(&parse(GREEN_REPORT)).unwrap();
        assert_eq!(reading.format.as_str(), "lighthouse");
        assert_eq!(reading.kind.as_str(), "report");
        assert_eq!(reading.outcome, Outcome::Pass);
        let names: Vec<&str> = reading.scores.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Performance", "Accessibility", "Best Practices", "SEO"]);
        assert_eq!(reading.scores[0].value, 0.93);
        assert_eq!(reading.date.as_deref(), Some("2026-03-06"));
    }

    #[test]
    fn any_red_score_fails_and_null_scores_are_left_out() {
        let reading = read(&parse(RED_REPORT)).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(reading.scores.len(), 2);
    }

    #[test]
    fn amber_scores_are_unknown() {
        let amber = r#"{"categories":{"performance":{"score":0.72},"seo":{"score":0.95}}}"#;
        let reading = read(&parse(amber)).unwrap();
        assert_eq!(reading.outcome, Outcome::Unknown);
        assert_eq!(reading.scores[0].name, "performance");
    }

    #[test]
    fn runtime_error_fails_the_audit_and_names_its_code() {
        let reading = read(&parse(NO_FCP)).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(reading.note.as_deref(), Some("Lighthouse runtime error NO_FCP"));
        assert!(reading.scores.is_empty());
        assert_eq!(reading.date.as_deref(), Some("2026-03-09"));
        let bare = r#"{"requestedUrl":"https://a.example/","runtimeError":{"code":"ERRORED_DOCUMENT_REQUEST","message":"Lighthouse was unable to reliably load the page (Status code: 500)"}}"#;
        let reading = read(&parse(bare)).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(
            reading.note.as_deref(),
            Some("Lighthouse runtime error ERRORED_DOCUMENT_REQUEST")
        );
    }

    #[test]
    fn categories_none_of_which_was_scored_fail_the_audit() {
        let unscored = r#"{"lighthouseVersion":"12.0.0","categories":{"pwa":{"score":null},"seo":{"score":null}}}"#;
        let reading = read(&parse(unscored)).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert!(reading.note.unwrap().contains("no category was scored"));
    }

    #[test]
    fn old_reports_say_no_error_on_success() {
        let old = r#"{"lighthouseVersion":"5.6.0","runtimeError":{"code":"NO_ERROR","message":""},"categories":{"performance":{"score":0.95},"seo":{"score":0.99}}}"#;
        let reading = read(&parse(old)).unwrap();
        assert_eq!((reading.outcome, reading.note), (Outcome::Pass, None));
    }

    #[test]
    fn other_json_with_categories_is_not_lighthouse() {
        assert_eq!(read(&parse(r#"{"categories":["a","b"]}"#)), None);
        assert_eq!(read(&parse(r#"{"categories":{"a":{"count":3}}}"#)), None);
        assert_eq!(read(&parse(r#"{"status":"success"}"#)), None);
        assert_eq!(read(&parse(r#"{"runtimeError":{"code":"E1"}}"#)), None);
    }
}
