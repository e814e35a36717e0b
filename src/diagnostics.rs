//! Problems found in the user's docs, with where they are and what to do.
//!
//! Every stage returns its diagnostics beside its result and the run goes on;
//! only failures of the environment (IO, a broken theme) stop a build, and
//! those are `anyhow::Error`s, not diagnostics. This module owns the value and
//! its human, JSON and GitHub-annotation forms; the CLI decides where to print.

use std::fmt::Write as _;

use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The docs are wrong in a way that makes the portal wrong.
    Error,
    /// Something looks off; the portal shows what it could make of it.
    Warning,
    /// Worth knowing; nothing is wrong.
    Info,
}

impl Severity {
    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One problem in the docs, with its place.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    /// Path relative to ROOT with `/` separators.
    pub path: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub col: usize,
    /// A stable code such as `A101`, documented in `docs/diagnostics.md`.
    pub code: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, without a trailing period.
    pub message: String,
    /// What to do about it, if there is something to say.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A warning at `path:line`.
    pub fn warning(code: &'static str, path: &str, line: usize, message: String) -> Diagnostic {
        Diagnostic::new(Severity::Warning, code, path, line, message)
    }

    /// An error at `path:line`.
    pub fn error(code: &'static str, path: &str, line: usize, message: String) -> Diagnostic {
        Diagnostic::new(Severity::Error, code, path, line, message)
    }

    /// A note at `path:line`.
    pub fn info(code: &'static str, path: &str, line: usize, message: String) -> Diagnostic {
        Diagnostic::new(Severity::Info, code, path, line, message)
    }

    fn new(
        severity: Severity,
        code: &'static str,
        path: &str,
        line: usize,
        message: String,
    ) -> Diagnostic {
        Diagnostic { path: path.to_string(), line, col: 0, code, severity, message, help: None }
    }

    /// Adds a hint on what to do.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// `path:line` (or just `path` for whole-file problems).
    pub fn location(&self) -> String {
        match (self.line, self.col) {
            (0, _) => self.path.clone(),
            (line, 0) => format!("{}:{line}", self.path),
            (line, col) => format!("{}:{line}:{col}", self.path),
        }
    }

    /// The human form: `warning[A101]: message`, then `  --> path:line` and help.
    pub fn to_human(&self) -> String {
        let mut out = format!(
            "{}[{}]: {}\n  --> {}",
            self.severity.as_str(),
            self.code,
            self.message,
            self.location()
        );
        if let Some(help) = &self.help {
            let _ = write!(out, "\n  = help: {help}");
        }
        out
    }

    /// A GitHub Actions workflow annotation.
    pub fn to_github(&self) -> String {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = format!("[{}] {}", self.code, self.message);
        if let Some(help) = &self.help {
            let _ = write!(message, " (help: {help})");
        }
        format!(
            "::{level} file={},line={},title={}::{}",
            github_escape_property(&self.path),
            self.line.max(1),
            self.code,
            github_escape_data(&message)
        )
    }
}

fn github_escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn github_escape_property(text: &str) -> String {
    github_escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Counts errors and warnings in a list of diagnostics.
pub fn count(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
    (errors, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_form_names_code_place_and_help() {
        let d = Diagnostic::warning("A101", "plans/a.md", 12, "unknown id `T-999`".into())
            .with_help("define the task or fix the id");
        assert_eq!(
            d.to_human(),
            "warning[A101]: unknown id `T-999`\n  --> plans/a.md:12\n  = help: define the task or fix the id"
        );
    }

    #[test]
    fn github_form_escapes_newlines_and_commas() {
        let d = Diagnostic::error("A200", "a,b.md", 3, "two\nlines".into());
        assert_eq!(d.to_github(), "::error file=a%2Cb.md,line=3,title=A200::[A200] two%0Alines");
    }
}
