//! Lighthouse JSON reports (`lighthouse --output=json`, a Lighthouse CI
//! `lhr-*.json`): category scores, the outcome they imply, and `fetchTime`.
//!
//! Scores are kept as Lighthouse gives them, 0 to 1, named by the category's
//! `title` (its key when it has none). Individual audits are left out: the
//! evidence page links the raw report for those.

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
/// unknown in between or when nothing was scored (a `null` score means the
/// category could not run, and is left out).
pub(super) fn read(value: &Value) -> Option<Reading> {
    let categories = value.get("categories")?.as_object()?;
    let is_lighthouse = value.get("lighthouseVersion").is_some()
        || categories.values().any(|c| c.get("score").is_some());
    if !is_lighthouse {
        return None;
    }
    let scores = scores(categories);
    let outcome = if scores.is_empty() {
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
        ..Reading::new(EvidenceFormat::Lighthouse, EvidenceKind::Report)
    };
    reading.date = value.get("fetchTime").and_then(Value::as_str).and_then(find_date);
    Some(reading)
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

    /// Every fixture above, for the dispatch and robustness tests.
    pub(crate) const FIXTURES: &[&str] = &[GREEN_REPORT, RED_REPORT];

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
        let unscored = r#"{"lighthouseVersion":"12.0.0","categories":{"pwa":{"score":null}}}"#;
        assert_eq!(read(&parse(unscored)).unwrap().outcome, Outcome::Unknown);
    }

    #[test]
    fn other_json_with_categories_is_not_lighthouse() {
        assert_eq!(read(&parse(r#"{"categories":["a","b"]}"#)), None);
        assert_eq!(read(&parse(r#"{"categories":{"a":{"count":3}}}"#)), None);
        assert_eq!(read(&parse(r#"{"status":"success"}"#)), None);
    }
}
