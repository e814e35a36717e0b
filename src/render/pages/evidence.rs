//! The body of a document's page: rendered markdown, an image, a download
//! link, or a text shown as a log with line anchors and failures marked;
//! and what an evidence page shows above it (the theme's
//! `evidence-summary.html`): a heading with the file's name, kind and
//! outcome, a JUnit report's suites and failing cases, a coverage report's
//! files worst first. JSON that is not too big is shown pretty-printed
//! above its raw text.

use serde::Serialize;
use tera::Context;

use super::{escape, escape_into};
use crate::model::{
    Document, Evidence, EvidenceDetails, Shown, Site, SourceFormat, file_name, href, raw_url,
};
use crate::render::context::outcome_name;
use crate::render::raw::is_svg;
use crate::text::excerpt::MAX_LINE_BYTES;

/// The body of a document's page: its rendered markdown, an image, a link to
/// download a binary file, or its text as a log with failure lines marked.
/// SVG images, in markdown or on their own, are shown from their data URI
/// (see `crate::parse::image`), so none runs.
pub(super) fn body_html(doc: &Document, text: &str, evidence: Option<&Evidence>) -> String {
    let prefix = crate::link::root_prefix(&doc.url);
    let raw_href = || escape(&format!("{prefix}{}", href(&raw_url(&doc.path))));
    match doc.format {
        SourceFormat::Markdown => doc.body_html.unpack(),
        SourceFormat::Image if is_svg(doc) => match &doc.image_uri {
            Some(uri) => {
                format!(
                    "<img class=\"shot\" src=\"{}\" alt=\"{}\">",
                    escape(uri),
                    escape(&doc.title)
                )
            }
            None => format!(
                "<p>An SVG image of {} bytes, too large to show here. <a href=\"{}\">Its source</a>, as text.</p>",
                doc.size,
                raw_href()
            ),
        },
        SourceFormat::Image => {
            format!("<img class=\"shot\" src=\"{}\" alt=\"{}\">", raw_href(), escape(&doc.title))
        }
        // `download` keeps the file's own name when its copy is published as text.
        SourceFormat::Binary => format!(
            "<p>A binary file of {} bytes. <a href=\"{}\" download=\"{}\">Download it</a>.</p>",
            doc.size,
            raw_href(),
            escape(crate::model::file_name(&doc.path))
        ),
        _ => {
            let log = log_html(
                text,
                evidence.map_or(&[][..], |e| &e.failure_lines),
                doc.shown.as_ref().map(|s| &s.line_numbers[..]),
            );
            match pretty_json_of(doc, text) {
                Some(pretty) => format!(
                    "<section class=\"pretty-json\" aria-labelledby=\"pretty-json-heading\"><h2 id=\"pretty-json-heading\">Formatted</h2><pre class=\"json\"><code>{}</code></pre></section>\
                     <h2 class=\"raw-heading\">As written</h2>{log}",
                    escape(&pretty)
                ),
                None => log,
            }
        }
    }
}

/// The largest JSON shown pretty-printed as well as raw, in bytes: a bigger
/// one would double a page that is already long.
const MAX_PRETTY_JSON_BYTES: usize = 256 * 1024;

/// A JSON document's text pretty-printed, when it is valid JSON, whole (not
/// shown cut), not over [`MAX_PRETTY_JSON_BYTES`], and not already laid
/// out on several lines the same way.
fn pretty_json_of(doc: &Document, text: &str) -> Option<String> {
    if doc.format != SourceFormat::Json || doc.shown.is_some() || text.len() > MAX_PRETTY_JSON_BYTES
    {
        return None;
    }
    serde_json::from_str::<serde::de::IgnoredAny>(text).ok()?;
    let pretty = pretty_json(text);
    (pretty.trim_end() != text.trim_end()).then_some(pretty)
}

/// Lays out valid JSON text two spaces an indent, one member or element a
/// line, keeping its keys in the order written (serde_json's `Value` would
/// sort them) and its strings and numbers as written.
fn pretty_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = text.trim().chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    };
    while let Some(ch) = chars.next() {
        if in_string {
            out.push(ch);
            match (escaped, ch) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match ch {
            '"' => {
                in_string = true;
                out.push(ch);
            }
            '{' | '[' => {
                out.push(ch);
                // An empty object or array stays on its line.
                while chars.peek().is_some_and(|c| c.is_whitespace()) {
                    chars.next();
                }
                if chars.peek().is_some_and(|&c| c == '}' || c == ']') {
                    out.push(chars.next().unwrap_or(' '));
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(ch);
            }
            ',' => {
                out.push(ch);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

/// What `evidence-summary.html` shows of a document.
#[derive(Debug, Serialize)]
struct Heading<'a> {
    /// The file's name.
    name: &'a str,
    /// The evidence's kind (`test`, `coverage`), or the document's.
    kind: &'static str,
    /// `pass`, `fail` or `unknown`, for evidence.
    outcome: Option<&'static str>,
}

/// Puts what `evidence-summary.html` shows in a document page's context:
/// `heading` for a page whose body has no heading of its own (anything but
/// markdown), and `junit` or `coverage` when the file is such a report.
pub(super) fn insert_summary(
    context: &mut Context,
    site: &Site,
    doc: &Document,
    evidence: Option<&Evidence>,
) {
    let heading = (doc.format != SourceFormat::Markdown).then(|| Heading {
        name: file_name(&doc.path),
        kind: evidence.map_or(doc.kind.as_str(), |e| e.kind.as_str()),
        outcome: evidence.map(|e| outcome_name(e.outcome)),
    });
    context.insert("heading", &heading);
    let details = site
        .evidence_details
        .binary_search_by(|(path, _)| path.as_str().cmp(&doc.path))
        .ok()
        .map(|idx| &site.evidence_details[idx].1);
    let (junit, coverage) = match details {
        Some(EvidenceDetails::Junit(summary)) => (Some(summary), None),
        Some(EvidenceDetails::Coverage(table)) => (None, Some(table)),
        None => (None, None),
    };
    context.insert("junit", &junit);
    context.insert("coverage", &coverage);
}

/// What a page shows of a text too big to show whole.
pub(super) fn shown_note(shown: &Shown) -> String {
    let mut note = format!(
        "Showing the first {}, the last {} and the {} failing or result lines of {} lines",
        shown.head, shown.tail, shown.notable, shown.total_lines
    );
    if shown.cut_lines > 0 {
        note.push_str(&format!(" (lines longer than {MAX_LINE_BYTES} bytes are cut)"));
    }
    note
}

/// A log as escaped lines, each led by its number, a link to itself
/// (`<a id="L7" href="#L7">7</a>`), a failure line's text marked. `numbers`
/// are the real numbers of the lines of a text shown cut (see [`Shown`]); a
/// gap where lines were left out shows as `…`.
///
/// A line is its number's link, its text and a newline, with no element
/// around it: logs are most of a portal's lines, and a wrapper per line
/// cost 23 of their 57 bytes of markup (the stylesheet marks a linked line
/// by its number's link, `a:target`).
pub fn log_html(text: &str, failure_lines: &[usize], numbers: Option<&[usize]>) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2 + 64);
    out.push_str("<pre class=\"log\"><code>");
    let mut last = 0;
    for (idx, line) in crate::text::lines(text).enumerate() {
        let n = numbers.and_then(|numbers| numbers.get(idx)).copied().unwrap_or(idx + 1);
        if n > last + 1 {
            out.push_str("<span class=\"gap\">…</span>\n");
        }
        last = n;
        let fail = failure_lines.binary_search(&n).is_ok();
        if fail {
            out.push_str("<span class=\"fail\">");
        }
        let mut digits = itoa::Buffer::new();
        let n = digits.format(n);
        out.push_str("<a id=\"L");
        out.push_str(n);
        out.push_str("\" href=\"#L");
        out.push_str(n);
        out.push_str("\">");
        out.push_str(n);
        out.push_str("</a>");
        escape_into(&mut out, line);
        if fail {
            out.push_str("</span>");
        }
        out.push('\n');
    }
    out.push_str("</code></pre>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_pretty_printed_keeping_key_order_and_strings() {
        let text = r#"{"z":1,"a":[1, {"k":"a,b:{c}\"q"}],"e":{},"f":[ ]}"#;
        assert_eq!(
            pretty_json(text),
            "{\n  \"z\": 1,\n  \"a\": [\n    1,\n    {\n      \"k\": \"a,b:{c}\\\"q\"\n    }\n  ],\n  \"e\": {},\n  \"f\": []\n}"
        );
    }

    #[test]
    fn logs_are_escaped_with_line_anchors_and_failures_marked() {
        let html = log_html("ok <a>\nFAILED x", &[2], None);
        assert_eq!(
            html,
            "<pre class=\"log\"><code><a id=\"L1\" href=\"#L1\">1</a>ok &lt;a&gt;\n\
             <span class=\"fail\"><a id=\"L2\" href=\"#L2\">2</a>FAILED x</span>\n</code></pre>"
        );
    }

    #[test]
    fn a_log_shown_cut_keeps_real_numbers_and_marks_gaps() {
        let html = log_html("start\nFAILED x\nend", &[40], Some(&[1, 40, 99]));
        assert_eq!(
            html,
            "<pre class=\"log\"><code><a id=\"L1\" href=\"#L1\">1</a>start\n\
             <span class=\"gap\">…</span>\n\
             <span class=\"fail\"><a id=\"L40\" href=\"#L40\">40</a>FAILED x</span>\n\
             <span class=\"gap\">…</span>\n\
             <a id=\"L99\" href=\"#L99\">99</a>end\n</code></pre>"
        );
    }

    #[test]
    fn an_empty_log_and_blank_lines_keep_their_numbers() {
        assert_eq!(log_html("", &[], None), "<pre class=\"log\"><code></code></pre>");
        assert_eq!(
            log_html("\n\nx", &[], None),
            "<pre class=\"log\"><code><a id=\"L1\" href=\"#L1\">1</a>\n\
             <a id=\"L2\" href=\"#L2\">2</a>\n<a id=\"L3\" href=\"#L3\">3</a>x\n</code></pre>"
        );
    }
}
