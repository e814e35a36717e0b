//! Istanbul (nyc, Jest, Vitest's istanbul provider) coverage reports: the
//! `json-summary` reporter's `coverage-summary.json` and the `json`
//! reporter's `coverage-final.json`.
//!
//! The summary holds `total` and one entry per file, each with `lines`,
//! `statements`, `functions` and `branches` as `{total, covered, skipped,
//! pct}`; the percent read is the lines'. The final report holds, per file,
//! each statement's place (`statementMap`) and hit count (`s`); a line is
//! covered when a statement that starts on it ran, as Istanbul's own
//! reporters count lines. Both give a per-file table ([`summary_files`],
//! [`final_files`]) for the evidence page. A file whose name says it is one
//! of these reports but whose JSON does not parse is named by
//! [`broken_report`].

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::Reading;
use super::lines::percent;
use crate::model::EvidenceFormat;

/// The file names Istanbul's JSON reporters write.
pub const REPORT_NAMES: [&str; 2] = ["coverage-summary.json", "coverage-final.json"];

/// Reads a `coverage-summary.json`, or `None` when the value is not one.
pub(super) fn read_summary(value: &Value) -> Option<Reading> {
    let (lines, covered) = counts(value.get("total")?.get("lines")?)?;
    let pct = value["total"]["lines"].get("pct").and_then(Value::as_f64);
    let share = pct.or_else(|| (lines > 0).then(|| covered as f64 / lines as f64 * 100.0));
    Some(Reading::coverage(EvidenceFormat::IstanbulSummary, share.and_then(percent)))
}

/// Reads a `coverage-final.json`, or `None` when the value is not one.
pub(super) fn read_final(value: &Value) -> Option<Reading> {
    let files = final_files(value)?;
    let (lines, covered) = files.iter().fold((0u64, 0u64), |(l, c), f| (l + f.1, c + f.2));
    let share = (lines > 0).then(|| covered as f64 / lines as f64 * 100.0);
    Some(Reading::coverage(EvidenceFormat::IstanbulFinal, share.and_then(percent)))
}

/// Each file of a `coverage-summary.json` with its lines and covered lines,
/// paths shortened by the folder they all share.
pub fn summary_files(value: &Value) -> Option<Vec<(String, u64, u64)>> {
    let object = value.as_object()?;
    object.get("total")?;
    let rows = object
        .iter()
        .filter(|(key, _)| key.as_str() != "total")
        .filter_map(|(path, data)| {
            let (lines, covered) = counts(data.get("lines")?)?;
            Some((path.clone(), lines, covered))
        })
        .collect();
    Some(shorten(rows))
}

/// Each file of a `coverage-final.json` with its lines and covered lines
/// (by the lines its statements start on), paths shortened by the folder
/// they all share; `None` when the value is not such a report.
pub fn final_files(value: &Value) -> Option<Vec<(String, u64, u64)>> {
    let object = value.as_object()?;
    let mut rows = Vec::with_capacity(object.len());
    for (path, data) in object {
        let data = data.as_object()?;
        let (Some(map), Some(hits)) = (
            data.get("statementMap").and_then(Value::as_object),
            data.get("s").and_then(Value::as_object),
        ) else {
            return None;
        };
        let (lines, covered) = line_counts(map, hits);
        rows.push((path.clone(), lines, covered));
    }
    (!rows.is_empty()).then(|| shorten(rows))
}

/// Whether a file is named as one of Istanbul's JSON reports and yet is not
/// JSON: the parser's message (`line 3 column 5: …`) and the line, for a
/// diagnostic.
pub fn broken_report(path: &str, text: &str) -> Option<(String, usize)> {
    let name = path.rsplit('/').next().unwrap_or(path);
    if !REPORT_NAMES.contains(&name) {
        return None;
    }
    let err = serde_json::from_str::<serde::de::IgnoredAny>(text).err()?;
    Some((err.to_string(), err.line()))
}

/// `{total, covered}` of one entry, the covered never above the total.
fn counts(entry: &Value) -> Option<(u64, u64)> {
    let total = entry.get("total")?.as_u64()?;
    let covered = entry.get("covered")?.as_u64()?;
    Some((total, covered.min(total)))
}

/// The lines statements start on, and those where one of them ran.
fn line_counts(map: &Map<String, Value>, hits: &Map<String, Value>) -> (u64, u64) {
    let mut lines: BTreeMap<u64, bool> = BTreeMap::new();
    for (key, place) in map {
        let Some(line) = place.get("start").and_then(|s| s.get("line")).and_then(Value::as_u64)
        else {
            continue;
        };
        let ran = hits.get(key).and_then(Value::as_u64).is_some_and(|n| n > 0);
        *lines.entry(line).or_default() |= ran;
    }
    (lines.len() as u64, lines.values().filter(|&&ran| ran).count() as u64)
}

/// The paths without the folder they all share (`/home/ci/app/src/a.ts`
/// and `/home/ci/app/lib/b.ts` become `src/a.ts` and `lib/b.ts`), so the
/// table shows the project's own paths; one file keeps its whole path.
fn shorten(mut rows: Vec<(String, u64, u64)>) -> Vec<(String, u64, u64)> {
    if rows.len() < 2 {
        return rows;
    }
    let first = rows[0].0.clone();
    let mut shared = first.rfind('/').map_or(0, |at| at + 1);
    for (path, _, _) in &rows[1..] {
        while shared > 0 && !path.starts_with(&first[..shared]) {
            shared = first[..shared - 1].rfind('/').map_or(0, |at| at + 1);
        }
    }
    for row in &mut rows {
        row.0 = row.0[shared..].to_string();
    }
    rows
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A `json-summary` report of two files under one CI folder.
    pub(crate) const SUMMARY: &str = r#"{
  "total": {"lines": {"total": 40, "covered": 30, "skipped": 0, "pct": 75},
            "statements": {"total": 44, "covered": 33, "skipped": 0, "pct": 75},
            "functions": {"total": 6, "covered": 5, "skipped": 0, "pct": 83.33},
            "branches": {"total": 0, "covered": 0, "skipped": 0, "pct": "Unknown"}},
  "/home/ci/shop/src/cart.ts": {"lines": {"total": 30, "covered": 27, "skipped": 0, "pct": 90},
            "statements": {"total": 32, "covered": 29, "skipped": 0, "pct": 90.62}},
  "/home/ci/shop/lib/tax.ts": {"lines": {"total": 10, "covered": 3, "skipped": 0, "pct": 30},
            "statements": {"total": 12, "covered": 4, "skipped": 0, "pct": 33.33}}
}"#;

    /// A `json` report: two statements on line 1 (one ran), one on line 2
    /// that did not, one on line 4 that did.
    pub(crate) const FINAL: &str = r#"{
  "/w/app/src/price.js": {"path": "/w/app/src/price.js",
    "statementMap": {"0": {"start": {"line": 1, "column": 0}, "end": {"line": 1, "column": 9}},
                     "1": {"start": {"line": 1, "column": 10}, "end": {"line": 1, "column": 20}},
                     "2": {"start": {"line": 2, "column": 2}, "end": {"line": 2, "column": 12}},
                     "3": {"start": {"line": 4, "column": 0}, "end": {"line": 4, "column": 8}}},
    "s": {"0": 0, "1": 3, "2": 0, "3": 1},
    "fnMap": {}, "f": {}, "branchMap": {}, "b": {}}
}"#;

    fn json(text: &str) -> Value {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn summary_reads_the_lines_percent_and_each_file() {
        let reading = read_summary(&json(SUMMARY)).unwrap();
        assert_eq!(reading.format, EvidenceFormat::IstanbulSummary);
        assert_eq!(reading.coverage_percent, Some(75.0));
        let files = summary_files(&json(SUMMARY)).unwrap();
        assert_eq!(files, [("lib/tax.ts".to_string(), 10, 3), ("src/cart.ts".to_string(), 30, 27)]);
        assert!(read_summary(&json(r#"{"totals": {"percent_covered": 80}}"#)).is_none());
        assert!(read_summary(&json(r#"{"total": {"lines": {"pct": 80}}}"#)).is_none());
    }

    #[test]
    fn final_report_counts_the_lines_its_statements_start_on() {
        let reading = read_final(&json(FINAL)).unwrap();
        assert_eq!(reading.format, EvidenceFormat::IstanbulFinal);
        // Lines 1 and 4 ran, line 2 did not.
        assert_eq!(reading.coverage_percent, Some(66.67));
        let files = final_files(&json(FINAL)).unwrap();
        assert_eq!(files, [("/w/app/src/price.js".to_string(), 3, 2)]);
        assert!(read_final(&json(r#"{"a.js": {"s": {}}}"#)).is_none());
        assert!(read_final(&json("{}")).is_none());
    }

    #[test]
    fn broken_reports_are_named_by_their_file_name() {
        let (message, line) =
            broken_report("coverage/coverage-summary.json", "{\n  \"total\": {,\n}").unwrap();
        assert_eq!((message.as_str(), line), ("key must be a string at line 2 column 13", 2));
        assert!(broken_report("coverage/coverage-summary.json", SUMMARY).is_none());
        assert!(broken_report("coverage/other.json", "{").is_none());
    }

    #[test]
    fn shared_folders_are_left_out_of_paths() {
        let rows = |paths: &[&str]| paths.iter().map(|p| (p.to_string(), 1, 1)).collect();
        let names =
            |rows: Vec<(String, u64, u64)>| rows.into_iter().map(|r| r.0).collect::<Vec<_>>();
        assert_eq!(names(shorten(rows(&["/a/b/c.ts", "/a/bb/d.ts"]))), ["b/c.ts", "bb/d.ts"]);
        assert_eq!(names(shorten(rows(&["a.ts", "src/b.ts"]))), ["a.ts", "src/b.ts"]);
        assert_eq!(names(shorten(rows(&["/x/a.ts", "/x/b.ts"]))), ["a.ts", "b.ts"]);
    }
}
