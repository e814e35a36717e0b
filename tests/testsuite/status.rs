//! Reading `status.json` in assertions: build a fixture, show a JSON value
//! as a line does, find a task by id or title, and list the claims and the
//! diagnostics one line each in source order, so that a test compares them
//! with what a person reading the docs would list.
//!
//! These are the helpers more than one feature module uses; a helper only
//! one module needs stays in that module.

use serde_json::Value;

use crate::site_test::SiteTest;

/// Builds a fixture and checks that the build succeeded.
pub fn built(fixture: &str) -> SiteTest {
    let mut test = SiteTest::from_dir(fixture);
    test.build().expect_success();
    test
}

/// The text of a JSON value as a line shows it: `-` for null.
pub fn show(value: &Value) -> String {
    match value {
        Value::Null => "-".to_string(),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// The one task with this id.
pub fn task<'a>(status: &'a Value, id: &str) -> &'a Value {
    let tasks = status["tasks"].as_array().unwrap();
    tasks.iter().find(|t| t["id"] == id).unwrap_or_else(|| panic!("no task `{id}` in {tasks:#?}"))
}

/// The task whose title is `title` (for tasks whose id attestor made up).
pub fn task_titled<'a>(status: &'a Value, title: &str) -> &'a Value {
    let tasks = status["tasks"].as_array().unwrap();
    tasks
        .iter()
        .find(|t| t["title"] == title)
        .unwrap_or_else(|| panic!("no task titled {title:?} in {tasks:#?}"))
}

/// What [`claim_lines`] shows of each claim.
#[derive(Debug, Clone, Copy)]
pub enum ClaimLine {
    /// The claim as read: `path:line kind text`.
    AsRead,
    /// The claim as checked against evidence:
    /// `path:line kind "text" verdict evidence`.
    Checked,
}

/// The claims of `status.json` in source order, one line each in `shape`.
pub fn claim_lines(test: &SiteTest, shape: ClaimLine) -> Vec<String> {
    in_source_order(&test.status_json()["claims"], |c| {
        let path = show(&c["source"]["path"]);
        let line = c["source"]["line"].as_u64().unwrap();
        let text = match shape {
            ClaimLine::AsRead => format!("{path}:{line} {} {}", show(&c["kind"]), show(&c["text"])),
            ClaimLine::Checked => format!(
                "{path}:{line} {} {:?} {} {}",
                show(&c["kind"]),
                show(&c["text"]),
                show(&c["verdict"]),
                show(&c["evidence"])
            ),
        };
        (path, line, text)
    })
}

/// The diagnostics of `status.json` in source order:
/// `severity[code] path:line message`.
pub fn diagnostic_lines(test: &SiteTest) -> Vec<String> {
    in_source_order(&test.status_json()["diagnostics"], |d| {
        let path = show(&d["path"]);
        let line = d["line"].as_u64().unwrap_or(0);
        let text = format!(
            "{}[{}] {path}:{line} {}",
            show(&d["severity"]),
            show(&d["code"]),
            show(&d["message"])
        );
        (path, line, text)
    })
}

/// One line per item of a JSON list, in source order: `line_of` gives an
/// item's path, line number and line, and the items are sorted by path, then
/// line number, then line.
fn in_source_order(list: &Value, line_of: impl Fn(&Value) -> (String, u64, String)) -> Vec<String> {
    let mut lines: Vec<(String, u64, String)> =
        list.as_array().unwrap().iter().map(line_of).collect();
    lines.sort();
    lines.into_iter().map(|(_, _, line)| line).collect()
}
