//! Evidence files read into typed records: kind, format, date, outcome.
//!
//! Each reader is pure: the document and its text in, an `Evidence` out. A
//! format attestor cannot read yet is evidence with outcome `unknown`, never
//! an error. Linking evidence to tasks is `crate::link`'s job.

use crate::dates::find_date;
use crate::model::{Document, Evidence, Outcome, SourceFormat};

/// How many lines from the top a timestamp is looked for.
const DATE_WINDOW: usize = 50;

/// The name of the generic format a source format is read as.
pub fn format_name(format: SourceFormat) -> &'static str {
    match format {
        SourceFormat::Markdown => "markdown",
        SourceFormat::Text => "text",
        SourceFormat::Json => "json",
        SourceFormat::Xml => "xml",
        SourceFormat::Image => "image",
        SourceFormat::Binary => "binary",
    }
}

/// Reads an evidence record from a document and its text.
pub fn read(document: &Document, format: &str, text: &str) -> Evidence {
    let date = document.date.clone().or_else(|| text.lines().take(DATE_WINDOW).find_map(find_date));
    Evidence {
        path: document.path.clone(),
        kind: kind_of(&document.path, document.format).to_string(),
        format: format.to_string(),
        date,
        outcome: Outcome::Unknown,
        passed: None,
        failed: None,
        skipped: None,
        coverage_percent: None,
        tasks: Vec::new(),
        referenced_by: Vec::new(),
        failure_lines: Vec::new(),
        scores: Vec::new(),
        url: document.url.clone(),
    }
}

/// What a file is evidence of, by its format and the words of its path.
pub fn kind_of(path: &str, format: SourceFormat) -> &'static str {
    if format == SourceFormat::Image {
        return "screenshot";
    }
    let lower = path.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if has(&["coverage", "lcov", "cobertura"]) {
        "coverage"
    } else if has(&["deploy", "release", "rollout"]) {
        "deploy"
    } else if has(&["lighthouse", "audit", "a11y"]) {
        "report"
    } else if has(&["test", "junit", "pytest", "vitest", "jest", "spec", "e2e", "smoke"]) {
        "test"
    } else {
        "other"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_follow_format_and_path_words() {
        assert_eq!(kind_of("evidence/shot.png", SourceFormat::Image), "screenshot");
        assert_eq!(kind_of("tests/coverage/lcov.info", SourceFormat::Text), "coverage");
        assert_eq!(kind_of("deployments/latest-deploy.json", SourceFormat::Json), "deploy");
        assert_eq!(kind_of("tests/2026-02-10-pytest.txt", SourceFormat::Text), "test");
        assert_eq!(kind_of("evidence/notes.txt", SourceFormat::Text), "other");
    }
}
