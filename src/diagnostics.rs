//! Problems found in the user's docs, with where they are and what to do.
//!
//! Every stage returns its diagnostics beside its result and the run goes on;
//! only failures of the environment (IO, a broken theme) stop a build, and
//! those are `anyhow::Error`s, not diagnostics. This module owns the value and
//! its forms: the compact human one a build prints, the rustc-style one with
//! a source snippet that `attestor check` prints (rendered by
//! `annotate-snippets`, the crate rustc and cargo use), a JSON line and a
//! GitHub workflow annotation. Reading the source line a snippet shows is
//! `crate::sources`' job; the CLI decides where to print.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
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
    ///
    /// Text from the docs is made printable: a control character in a
    /// message never reaches the terminal as a control sequence.
    pub fn to_human(&self) -> String {
        let mut out = format!(
            "{}[{}]: {}\n  --> {}",
            self.severity.as_str(),
            self.code,
            printable(&self.message),
            printable(&self.location())
        );
        if let Some(help) = &self.help {
            let _ = write!(out, "\n  = help: {}", printable(help));
        }
        out
    }

    /// Where in `line_text` (the source line at `self.line`) the diagnostic
    /// points, as a byte range: from its column to the end of the word
    /// there when the column is known; else the first thing the message
    /// quotes in backticks, when the line holds it; else the whole line
    /// without its indentation.
    pub fn span_in(&self, line_text: &str) -> Range<usize> {
        if self.col > 0 {
            let start = line_text.char_indices().nth(self.col - 1).map_or(line_text.len(), |c| c.0);
            let word =
                line_text[start..].find(char::is_whitespace).unwrap_or(line_text.len() - start);
            return start..start + word.max(1).min(line_text.len() - start);
        }
        let quoted = self.message.split('`').skip(1).step_by(2).find(|q| !q.is_empty());
        if let Some(at) = quoted.and_then(|q| line_text.find(q).map(|at| at..at + q.len())) {
            return at;
        }
        let start = line_text.len() - line_text.trim_start().len();
        start..line_text.trim_end().len().max(start)
    }

    /// The 1-based column, in characters, that [`Diagnostic::span_in`]
    /// starts at in `line_text`: what the snippet form shows after `path:line:`.
    pub fn col_in(&self, line_text: &str) -> usize {
        line_text[..self.span_in(line_text).start].chars().count() + 1
    }

    /// The rustc-style form `attestor check` prints: title, `--> path:line:col`,
    /// the source line with the place underlined, and help. `line_text` is
    /// the source line as the parser saw it, or `None` when it cannot be
    /// shown (then only `--> path:line` is given).
    pub fn to_snippet(&self, line_text: Option<&str>, style: SnippetStyle) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        let path = printable(&self.path);
        let title = level.primary_title(printable(&self.message)).id(self.code);
        let mut group: Group<'_> = match line_text.filter(|_| self.line > 0) {
            Some(text) => {
                let text = printable(text).into_owned();
                let span = self.span_in(&text);
                title.element(
                    Snippet::source(text)
                        .line_start(self.line)
                        .path(path)
                        .annotation(AnnotationKind::Primary.span(span)),
                )
            }
            None if self.line > 0 => title.element(Origin::path(path).line(self.line)),
            None => title.element(Origin::path(path)),
        };
        if let Some(help) = &self.help {
            group = group.element(Level::HELP.message(printable(help)));
        }
        let renderer = match style {
            SnippetStyle::Plain => Renderer::plain(),
            SnippetStyle::Colour => Renderer::styled(),
        };
        renderer.render(&[group])
    }

    /// One line of JSON: `code`, `severity`, `path`, `line` and `col`
    /// (`null` when unknown), `message`, `help` (`null` when none).
    pub fn to_json_line(&self, col: Option<usize>) -> String {
        let line = JsonLine {
            code: self.code,
            severity: self.severity,
            path: &self.path,
            line: (self.line > 0).then_some(self.line),
            col,
            message: &self.message,
            help: self.help.as_deref(),
        };
        serde_json::to_string(&line).expect("a diagnostic always serializes")
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
        let col = if self.col > 0 { format!(",col={}", self.col) } else { String::new() };
        format!(
            "::{level} file={},line={}{col},title={}::{}",
            github_escape_property(&self.path),
            self.line.max(1),
            self.code,
            github_escape_data(&message)
        )
    }
}

/// Whether the snippet form is coloured (for a terminal) or plain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnippetStyle {
    /// No escape sequences: for pipes, files and tests.
    Plain,
    /// Colours and bold, as rustc prints them on a terminal.
    Colour,
}

#[derive(Serialize)]
struct JsonLine<'a> {
    code: &'a str,
    severity: Severity,
    path: &'a str,
    line: Option<usize>,
    col: Option<usize>,
    message: &'a str,
    help: Option<&'a str>,
}

/// `text` with every control character (C0 but tab and newline, DEL, C1) and every
/// bidirectional override replaced by U+FFFD, one for one, so that columns
/// counted in characters stay where they were and text from the docs
/// cannot move the cursor, recolour or reorder what the terminal shows.
pub fn printable(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && !matches!(c, '\n' | '\t'))
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| if unsafe_char(c) { '\u{FFFD}' } else { c }).collect())
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
        let at_col = Diagnostic { col: 7, ..d };
        assert!(at_col.to_github().starts_with("::error file=a%2Cb.md,line=3,col=7,title=A200::"));
    }

    #[test]
    fn snippet_form_underlines_what_the_message_quotes() {
        let d = Diagnostic::warning("A030", "sessions/s.md", 12, "`tests/x.txt` is missing".into())
            .with_help("add the file");
        let line = "- Log: `tests/x.txt` (rerun)";
        assert_eq!(
            d.to_snippet(Some(line), SnippetStyle::Plain),
            "warning[A030]: `tests/x.txt` is missing\n  \
              --> sessions/s.md:12:9\n   |\n\
             12 | - Log: `tests/x.txt` (rerun)\n   |         ^^^^^^^^^^^\n   |\n   \
             = help: add the file"
        );
        assert_eq!(d.col_in(line), 9);
    }

    #[test]
    fn snippet_form_underlines_the_line_when_nothing_is_quoted() {
        let d = Diagnostic::error("A105", "plans/p.md", 7, "duplicate id".into());
        assert_eq!(
            d.to_snippet(Some("  | T-1 | Ship |"), SnippetStyle::Plain),
            "error[A105]: duplicate id\n --> plans/p.md:7:3\n  |\n7 |   | T-1 | Ship |\n  |   ^^^^^^^^^^^^^^"
        );
    }

    #[test]
    fn snippet_form_uses_the_column_when_known() {
        let d = Diagnostic { col: 5, ..Diagnostic::error("A105", "p.md", 1, "bad".into()) };
        assert_eq!(d.span_in("ab  word next"), 4..8);
        assert_eq!(d.col_in("ab  word next"), 5);
        assert_eq!(d.span_in("ab"), 2..2, "a column past the end points at the end");
    }

    #[test]
    fn snippet_form_without_source_gives_only_the_place() {
        let d = Diagnostic::error("A008", "img.md", 0, "binary".into());
        assert_eq!(
            d.to_snippet(Some("ignored"), SnippetStyle::Plain),
            "error[A008]: binary\n--> img.md"
        );
        let d = Diagnostic::error("A008", "img.md", 3, "binary".into());
        assert_eq!(d.to_snippet(None, SnippetStyle::Plain), "error[A008]: binary\n--> img.md:3");
    }

    #[test]
    fn text_from_the_docs_never_reaches_the_terminal_as_control_codes() {
        let d =
            Diagnostic::warning("A104", "p.md", 2, "status `\x1b[31mred\u{9b}2J\u{202e}`".into());
        let human = d.to_human();
        assert!(!human.contains(['\x1b', '\u{9b}', '\u{202e}']), "{human:?}");
        let snippet = d.to_snippet(Some("x \x1b[31mred\u{9b}2J\u{202e}"), SnippetStyle::Plain);
        assert!(!snippet.contains(['\x1b', '\u{9b}', '\u{202e}']), "{snippet:?}");
        assert_eq!(printable("a\tb\nc\u{7}"), "a\tb\nc\u{FFFD}");
    }

    #[test]
    fn json_line_has_every_key_and_nulls_for_unknowns() {
        let d = Diagnostic::info("A140", "a.md", 0, "note \"x\"".into());
        assert_eq!(
            d.to_json_line(None),
            r#"{"code":"A140","severity":"info","path":"a.md","line":null,"col":null,"message":"note \"x\"","help":null}"#
        );
    }
}
