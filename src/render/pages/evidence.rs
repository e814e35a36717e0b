//! The body of a document's page: rendered markdown, an image, a download
//! link, or a text shown as a log with line anchors and failures marked.

use super::escape;
use crate::model::{Document, Evidence, Shown, SourceFormat, href, raw_url};
use crate::render::raw::is_svg;
use crate::text::excerpt::MAX_LINE_BYTES;

/// The body of a document's page: its rendered markdown, an image, a link to
/// download a binary file, or its text as a log with failure lines marked.
/// SVG images, in markdown or on their own, are shown from their data URI
/// (see `crate::parse::image`), so none runs.
pub(super) fn body_html(doc: &Document, evidence: Option<&Evidence>) -> String {
    let prefix = crate::link::root_prefix(&doc.url);
    let raw_href = || escape(&format!("{prefix}{}", href(&raw_url(&doc.path))));
    match doc.format {
        SourceFormat::Markdown => doc.body_html.clone(),
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
        _ => log_html(
            doc.text.as_deref().unwrap_or(""),
            evidence.map_or(&[][..], |e| &e.failure_lines),
            doc.shown.as_ref().map(|s| &s.line_numbers[..]),
        ),
    }
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

/// A log as escaped lines with anchors `#L1`…, failure lines marked.
/// `numbers` are the real numbers of the lines of a text shown cut (see
/// [`Shown`]); a gap where lines were left out shows as `…`.
pub fn log_html(text: &str, failure_lines: &[usize], numbers: Option<&[usize]>) -> String {
    let mut out = String::with_capacity(text.len() * 2 + 64);
    out.push_str("<pre class=\"log\"><code>");
    let mut last = 0;
    for (idx, line) in text.lines().enumerate() {
        let n = numbers.and_then(|numbers| numbers.get(idx)).copied().unwrap_or(idx + 1);
        if n > last + 1 {
            out.push_str("<span class=\"ln gap\">…</span>");
        }
        last = n;
        let class = if failure_lines.binary_search(&n).is_ok() { "ln fail" } else { "ln" };
        out.push_str(&format!("<span class=\"{class}\" id=\"L{n}\"><a href=\"#L{n}\">{n}</a>"));
        out.push_str(&escape(line));
        out.push_str("</span>");
    }
    out.push_str("</code></pre>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logs_are_escaped_with_line_anchors_and_failures_marked() {
        let html = log_html("ok <a>\nFAILED x", &[2], None);
        assert_eq!(
            html,
            "<pre class=\"log\"><code><span class=\"ln\" id=\"L1\"><a href=\"#L1\">1</a>ok &lt;a&gt;</span>\
             <span class=\"ln fail\" id=\"L2\"><a href=\"#L2\">2</a>FAILED x</span></code></pre>"
        );
    }

    #[test]
    fn a_log_shown_cut_keeps_real_numbers_and_marks_gaps() {
        let html = log_html("start\nFAILED x\nend", &[40], Some(&[1, 40, 99]));
        assert_eq!(
            html,
            "<pre class=\"log\"><code><span class=\"ln\" id=\"L1\"><a href=\"#L1\">1</a>start</span>\
             <span class=\"ln gap\">…</span>\
             <span class=\"ln fail\" id=\"L40\"><a href=\"#L40\">40</a>FAILED x</span>\
             <span class=\"ln gap\">…</span>\
             <span class=\"ln\" id=\"L99\"><a href=\"#L99\">99</a>end</span></code></pre>"
        );
    }
}
