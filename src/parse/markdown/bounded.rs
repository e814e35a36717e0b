//! pulldown-cmark's events with a bound on how deep they nest.
//!
//! Markdown can nest without limit (`>` repeated 100,000 times, a list in a
//! list 100,000 deep, `<div>` after `<div>`), and everything after the
//! markdown pass walks the HTML tree recursively: ammonia's html5ever, the
//! minifier, the browser. So the bound is set here, at the source, and both
//! the scan and the rendering of a body read the same bounded stream:
//!
//! - a markdown element past [`MAX_DEPTH`] levels is flattened: its tags are
//!   left out and its text is shown in the element at the bound;
//! - raw HTML that would open elements past the bound is shown as text.
//!
//! The first line where either happens is kept for a diagnostic. Raw HTML
//! tags are read by a small tokenizer ([`raw_tags`]) that the rendering also
//! uses to find remote images.

use std::ops::Range;

use pulldown_cmark::{Event, OffsetIter, Options, Parser};

/// How many elements deep markdown and raw HTML may nest before the rest is
/// flattened or shown as text. Real documents stay far below it.
pub(crate) const MAX_DEPTH: usize = 64;

/// A markdown body's events with their file lines, nested at most [`MAX_DEPTH`] deep.
pub(crate) struct Bounded<'a> {
    body: &'a str,
    events: OffsetIter<'a>,
    lines: LineIndex,
    /// Markdown elements open in the output.
    depth: usize,
    /// Raw HTML elements open (a conservative count: see [`opens_element`]).
    html_depth: usize,
    /// Markdown elements left out, innermost first; their ends are left out too.
    suppressed: usize,
    /// The first line whose markdown was flattened.
    pub(crate) flattened_at: Option<usize>,
    /// The first line whose raw HTML was shown as text.
    pub(crate) escaped_at: Option<usize>,
}

impl<'a> Bounded<'a> {
    /// The events of `body`, whose first line is file line `first_line`.
    pub(crate) fn new(body: &'a str, first_line: usize) -> Bounded<'a> {
        Bounded {
            body,
            events: Parser::new_ext(body, options()).into_offset_iter(),
            lines: LineIndex::new(body, first_line),
            depth: 0,
            html_depth: 0,
            suppressed: 0,
            flattened_at: None,
            escaped_at: None,
        }
    }

    /// Whether raw HTML keeps within the bound; if it does, the elements it
    /// leaves open count from here on.
    fn html_fits(&mut self, html: &str, line: usize) -> bool {
        let mut depth = self.html_depth;
        let mut deepest = depth;
        for tag in raw_tags(html) {
            if tag.close {
                depth = depth.saturating_sub(usize::from(opens_element(tag.name)));
            } else if opens_element(tag.name) {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
        if self.depth + deepest > MAX_DEPTH {
            self.escaped_at.get_or_insert(line);
            return false;
        }
        self.html_depth = depth;
        true
    }
}

impl<'a> Iterator for Bounded<'a> {
    /// An event, the file line it starts on and the line it ends on.
    type Item = (Event<'a>, usize, usize);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let (event, range) = self.events.next()?;
            let line = self.lines.line(range.start);
            // The last line with text: an item's range takes in the blank
            // lines after it when more follows, which are not its own.
            let kept = self.body.get(range.clone()).map_or(range.len(), |s| s.trim_end().len());
            let last_line =
                self.lines.line((range.start + kept).saturating_sub(1).max(range.start));
            let event = match event {
                Event::Start(_)
                    if self.suppressed > 0 || self.depth + self.html_depth >= MAX_DEPTH =>
                {
                    self.suppressed += 1;
                    self.flattened_at.get_or_insert(line);
                    continue;
                }
                Event::Start(tag) => {
                    self.depth += 1;
                    Event::Start(tag)
                }
                Event::End(_) if self.suppressed > 0 => {
                    self.suppressed -= 1;
                    continue;
                }
                Event::End(tag) => {
                    self.depth = self.depth.saturating_sub(1);
                    Event::End(tag)
                }
                // A task box of a flattened item is shown as written.
                Event::TaskListMarker(checked) if self.suppressed > 0 => {
                    Event::Text(if checked { "[x] " } else { "[ ] " }.into())
                }
                Event::Html(html) | Event::InlineHtml(html) if !self.html_fits(&html, line) => {
                    Event::Text(html)
                }
                other => other,
            };
            return Some((event, line, last_line));
        }
    }
}

/// The markdown extensions attestor reads.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// One tag of raw HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawTag<'h> {
    /// The tag name as written.
    pub(crate) name: &'h str,
    /// Whether it is an end tag (`</div>`).
    pub(crate) close: bool,
    /// Its bytes in the HTML, `<` to `>` (or to the end when unterminated).
    pub(crate) range: Range<usize>,
}

/// The start and end tags of a piece of raw HTML, comments and declarations
/// skipped. A tag cut off at the end counts: the parser may finish it with
/// the next piece.
pub(crate) fn raw_tags(html: &str) -> impl Iterator<Item = RawTag<'_>> {
    let bytes = html.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some(offset) = bytes[at..].iter().position(|&b| b == b'<') {
            let start = at + offset;
            let rest = &html[start..];
            if rest.starts_with("<!--") {
                at = rest.find("-->").map_or(bytes.len(), |end| start + end + 3);
                continue;
            }
            let close = rest.starts_with("</");
            let name_start = start + 1 + usize::from(close);
            let name_len = bytes[name_start..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
                .count();
            if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
                // `<!DOCTYPE`, `<?xml`, or a `<` that starts no tag.
                at = start + 1;
                continue;
            }
            let end = tag_end(bytes, name_start + name_len);
            at = end;
            let name = &html[name_start..name_start + name_len];
            return Some(RawTag { name, close, range: start..end });
        }
        at = bytes.len();
        None
    })
}

/// The value of attribute `name` in a start tag (`<img alt="a" src=x.png>`),
/// with the common character references decoded.
pub(crate) fn attribute(tag: &str, name: &str) -> Option<String> {
    let bytes = tag.as_bytes();
    // Skip `<` and the tag name.
    let mut at =
        1 + bytes[1..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'-').count();
    loop {
        at += bytes[at..].iter().take_while(|b| b.is_ascii_whitespace() || **b == b'/').count();
        let name_len = bytes[at..]
            .iter()
            .take_while(|b| !b.is_ascii_whitespace() && !matches!(b, b'=' | b'>' | b'/'))
            .count();
        if name_len == 0 {
            return None;
        }
        let attr = &tag[at..at + name_len];
        at += name_len;
        at += bytes[at..].iter().take_while(|b| b.is_ascii_whitespace()).count();
        let mut value = "";
        if bytes.get(at) == Some(&b'=') {
            at += 1;
            at += bytes[at..].iter().take_while(|b| b.is_ascii_whitespace()).count();
            let (start, end, next) = match bytes.get(at) {
                Some(&q @ (b'"' | b'\'')) => {
                    let len = bytes[at + 1..].iter().take_while(|b| **b != q).count();
                    (at + 1, at + 1 + len, at + 2 + len)
                }
                _ => {
                    let len = bytes[at..]
                        .iter()
                        .take_while(|b| !b.is_ascii_whitespace() && **b != b'>')
                        .count();
                    (at, at + len, at + len)
                }
            };
            value = &tag[start..end.min(tag.len())];
            at = next.min(tag.len());
        }
        if attr.eq_ignore_ascii_case(name) {
            return Some(decode_references(value));
        }
    }
}

fn decode_references(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The offset just past the `>` that ends a tag, skipping quoted values.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    for (idx, &byte) in bytes.iter().enumerate().skip(from) {
        match (quote, byte) {
            (None, b'"' | b'\'') => quote = Some(byte),
            (Some(q), _) if q == byte => quote = None,
            (None, b'>') => return idx + 1,
            _ => {}
        }
    }
    bytes.len()
}

/// Whether a start tag of `name` makes the tree deeper. Void elements never
/// do, and neither do those that HTML closes when a sibling of theirs
/// starts (`p`, `li`, `dt`, `dd`, `option`, table rows and cells, which
/// outside a table are dropped), so a run of them stays flat. Every other
/// tag counts, `<div/>` too, since HTML ignores the slash.
fn opens_element(name: &str) -> bool {
    const FLAT: [&str; 26] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "p", "li", "dt", "dd", "option", "tr", "td", "th", "thead",
        "tbody", "tfoot", "colgroup",
    ];
    !FLAT.iter().any(|flat| flat.eq_ignore_ascii_case(name))
}

/// Maps byte offsets of the body to 1-based file lines.
struct LineIndex {
    starts: Vec<usize>,
    first_line: usize,
}

impl LineIndex {
    fn new(text: &str, first_line: usize) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts, first_line }
    }

    fn line(&self, offset: usize) -> usize {
        let idx = match self.starts.binary_search(&offset) {
            Ok(idx) => idx,
            Err(idx) => idx - 1,
        };
        idx + self.first_line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn max_depth(body: &str) -> usize {
        let mut depth = 0usize;
        let mut deepest = 0;
        for (event, ..) in Bounded::new(body, 1) {
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth -= 1,
                _ => {}
            }
            deepest = deepest.max(depth);
        }
        deepest
    }

    #[test]
    fn flattens_markdown_past_the_bound_and_keeps_its_text() {
        let body = format!("{} deep\n", ">".repeat(100_000));
        let mut stream = Bounded::new(&body, 3);
        let texts: Vec<String> = stream
            .by_ref()
            .filter_map(|(event, ..)| match event {
                Event::Text(text) => Some(text.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["deep"]);
        assert_eq!(stream.flattened_at, Some(3));
        assert_eq!(max_depth(&body), MAX_DEPTH);
        assert_eq!(max_depth(&format!("{}x", "- ".repeat(100_000))), MAX_DEPTH);
    }

    #[test]
    fn shows_raw_html_past_the_bound_as_text() {
        let body = format!("<b>x</b>\n\n{}\n\nafter\n", "<div>".repeat(100_000));
        let mut stream = Bounded::new(&body, 1);
        let events: Vec<_> = stream.by_ref().map(|(event, ..)| event).collect();
        assert!(events.iter().any(|e| matches!(e, Event::InlineHtml(h) if h.as_ref() == "<b>")));
        assert!(events.iter().any(|e| matches!(e, Event::Text(t) if t.starts_with("<div><div>"))));
        assert_eq!(stream.escaped_at, Some(3));
    }

    #[test]
    fn reads_tags_and_skips_comments_and_quoted_brackets() {
        let html = "<!-- <div> --><img alt=\"a>b\" src='x.png'></P><br/>< x <!DOCTYPE html>";
        let tags: Vec<_> = raw_tags(html).map(|t| (t.name, t.close, &html[t.range])).collect();
        assert_eq!(
            tags,
            [
                ("img", false, "<img alt=\"a>b\" src='x.png'>"),
                ("P", true, "</P>"),
                ("br", false, "<br/>")
            ]
        );
        assert!(!opens_element("BR") && !opens_element("li") && opens_element("div"));
        // Outside `<ruby>` and `<select>` these nest like any element.
        assert!(opens_element("rt") && opens_element("optgroup"));
    }

    #[test]
    fn reads_attributes_quoted_unquoted_and_bare() {
        let tag = "<img hidden alt='a &amp; b' SRC=https://x.test/a.png title=\"t\">";
        assert_eq!(attribute(tag, "src").as_deref(), Some("https://x.test/a.png"));
        assert_eq!(attribute(tag, "alt").as_deref(), Some("a & b"));
        assert_eq!(attribute(tag, "hidden").as_deref(), Some(""));
        assert_eq!(attribute(tag, "width"), None);
        assert_eq!(attribute("<img src=\"unterminated", "src").as_deref(), Some("unterminated"));
    }
}
