//! Markdown to HTML in one pass, recording what the linker needs.
//!
//! pulldown-cmark renders the body (tables, task lists, footnotes,
//! strikethrough); this pass gives every heading a stable id, records the
//! headings and every relative link or path in backticks with its line, and
//! leaves those as `attestor:` markers in the HTML. Resolving the markers to
//! real URLs is the linker's job (`crate::link`), because only it knows which
//! files exist. Raw HTML in the source is sanitized with ammonia. The body's
//! blocks are collected in the same pass, by `crate::parse::blocks`.

use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::model::{Heading, RefKind, Reference, slug};
use crate::parse::blocks::{Block, BlockBuilder};
use crate::parse::ids::IdMatcher;

/// The scheme of the link markers the linker resolves.
pub const MARKER: &str = "attestor:";

/// The scheme of the task-id markers the linker resolves.
pub const TASK_MARKER: &str = "attestor-task:";

/// What rendering a markdown body found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The body as sanitized HTML, with `attestor:` link markers.
    pub html: String,
    /// Headings in order, with ids and file lines.
    pub headings: Vec<Heading>,
    /// Relative links, paths in backticks and task ids, with file lines.
    pub references: Vec<Reference>,
    /// The body's structure: headings, paragraphs, list items, tables, code.
    pub blocks: Vec<Block>,
}

/// Renders a markdown body whose first line is file line `first_line`; task
/// ids that `ids` finds in prose become markers for the linker.
pub fn render(body: &str, first_line: usize, ids: &IdMatcher) -> Rendered {
    let lines = LineIndex::new(body, first_line);
    let mut out = Rendered::default();
    let mut used_ids = HashSet::new();
    let mut has_raw_html = false;
    let mut events = Vec::new();
    let mut heading: Option<(HeadingLevel, usize, Vec<Event<'_>>)> = None;
    let mut blocks = BlockBuilder::default();
    let mut link_depth = 0usize;

    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        let line = lines.line(range.start);
        let last_line = lines.line(range.end.saturating_sub(1).max(range.start));
        blocks.event(&event, line, last_line);
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, line, Vec::new())),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, line, inner)) = heading.take() {
                    push_heading(&mut out, &mut events, &mut used_ids, (level, line), inner);
                }
            }
            other => {
                has_raw_html |= matches!(other, Event::Html(_) | Event::InlineHtml(_));
                // Text inside a link is not marked again: links do not nest.
                let inside_link = link_depth > 0;
                match &other {
                    Event::Start(Tag::Link { .. }) => link_depth += 1,
                    Event::End(TagEnd::Link) => link_depth = link_depth.saturating_sub(1),
                    _ => {}
                }
                let other = if !inside_link {
                    mark_reference(other, line, ids, &mut out.references)
                } else {
                    vec![other]
                };
                match heading.as_mut() {
                    Some((_, _, inner)) => inner.extend(other),
                    None => events.extend(other),
                }
            }
        }
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    out.html = if has_raw_html { SANITIZER.clean(&html).to_string() } else { html };
    out.blocks = blocks.finish();
    out
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

fn push_heading<'a>(
    out: &mut Rendered,
    events: &mut Vec<Event<'a>>,
    used_ids: &mut HashSet<String>,
    (level, line): (HeadingLevel, usize),
    inner: Vec<Event<'a>>,
) {
    let text = plain_text(&inner);
    let id = unique_id(used_ids, &slug(&text));
    out.headings.push(Heading { level: level as u8, text, id: id.clone(), line });
    let tag = Tag::Heading { level, id: Some(id.into()), classes: Vec::new(), attrs: Vec::new() };
    events.push(Event::Start(tag));
    events.extend(inner);
    events.push(Event::End(TagEnd::Heading(level)));
}

fn unique_id(used: &mut HashSet<String>, base: &str) -> String {
    let mut id = base.to_string();
    let mut n = 1;
    while !used.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// The text of a run of inline events, without markup.
fn plain_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            // A task id in the text is already wrapped in its marker link.
            Event::InlineHtml(html) if html.starts_with(&format!("<a href=\"{TASK_MARKER}")) => {
                let inner = html.split_once('>').map_or("", |(_, rest)| rest);
                text.push_str(inner.strip_suffix("</a>").unwrap_or(""));
            }
            _ => {}
        }
    }
    text.trim().to_string()
}

/// Turns relative links, path-like code spans and task ids into markers,
/// recording each as a reference.
fn mark_reference<'a>(
    event: Event<'a>,
    line: usize,
    ids: &IdMatcher,
    refs: &mut Vec<Reference>,
) -> Vec<Event<'a>> {
    match event {
        Event::Text(text) => mark_task_ids(text, line, ids, refs),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) if is_relative(&dest_url) => {
            let dest_url = marked_link(dest_url, line, refs);
            vec![Event::Start(Tag::Link { link_type, dest_url, title, id })]
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) if is_relative(&dest_url) => {
            let dest_url = marked_link(dest_url, line, refs);
            vec![Event::Start(Tag::Image { link_type, dest_url, title, id })]
        }
        Event::Code(code)
            if ids.find_all(&code).first().is_some_and(|m| m.0 == 0 && m.1 == code.len()) =>
        {
            linked_code(code, (RefKind::Task, TASK_MARKER), line, refs)
        }
        Event::Code(code) if looks_like_path(&code) => {
            linked_code(code, (RefKind::Path, MARKER), line, refs)
        }
        other => vec![other],
    }
}

/// A code span wrapped in a marker link, recorded as a reference of `kind`.
fn linked_code<'a>(
    code: CowStr<'a>,
    (kind, marker): (RefKind, &str),
    line: usize,
    refs: &mut Vec<Reference>,
) -> Vec<Event<'a>> {
    refs.push(Reference { kind, target: code.to_string(), line });
    let open = format!("<a href=\"{marker}{}\">", escape_attr(&code));
    vec![Event::InlineHtml(open.into()), Event::Code(code), Event::InlineHtml("</a>".into())]
}

/// A relative link's destination as a marker, recorded as a reference.
fn marked_link<'a>(dest_url: CowStr<'a>, line: usize, refs: &mut Vec<Reference>) -> CowStr<'a> {
    refs.push(Reference { kind: RefKind::Link, target: dest_url.to_string(), line });
    CowStr::from(format!("{MARKER}{dest_url}"))
}

/// Splits a text event around the task ids in it, wrapping each in a marker link.
fn mark_task_ids<'a>(
    text: CowStr<'a>,
    line: usize,
    ids: &IdMatcher,
    refs: &mut Vec<Reference>,
) -> Vec<Event<'a>> {
    let found = ids.find_all(&text);
    if found.is_empty() {
        return vec![Event::Text(text)];
    }
    let mut out = Vec::with_capacity(found.len() * 3 + 1);
    let mut at = 0;
    for (start, end, id) in found {
        if start > at {
            out.push(Event::Text(text[at..start].to_string().into()));
        }
        refs.push(Reference { kind: RefKind::Task, target: id.to_string(), line });
        let anchor = format!("<a href=\"{TASK_MARKER}{0}\">{0}</a>", escape_attr(id));
        out.push(Event::InlineHtml(anchor.into()));
        at = end;
    }
    if at < text.len() {
        out.push(Event::Text(text[at..].to_string().into()));
    }
    out
}

fn is_relative(url: &str) -> bool {
    !url.is_empty()
        && !url.starts_with('#')
        && !url.starts_with("//")
        && !url.contains("://")
        && !url.starts_with("mailto:")
        && !url.starts_with("data:")
        && !url.starts_with("tel:")
}

/// Whether a code span names a file: a path with a folder or a known extension.
pub fn looks_like_path(code: &str) -> bool {
    let code = code.trim();
    if code.is_empty() || code.len() > 240 || code.contains(char::is_whitespace) {
        return false;
    }
    if code.contains("://")
        || code.starts_with('-')
        || code.contains(['*', '?', '<', '>', '|', '$', '`', '{', '('])
    {
        return false;
    }
    let name = code.trim_end_matches('/').rsplit('/').next().unwrap_or(code);
    let ext = name.rsplit_once('.').map(|(stem, ext)| (stem, ext.to_ascii_lowercase()));
    match ext {
        Some((stem, ext)) if !stem.is_empty() => KNOWN_EXTENSIONS.contains(&ext.as_str()),
        _ => false,
    }
}

/// Extensions of documents and evidence. Source and config files named in
/// backticks (`docker-compose.yml`, `db.py`) usually live outside the docs
/// tree, so they are not references.
const KNOWN_EXTENSIONS: [&str; 17] = [
    "md", "markdown", "txt", "log", "json", "jsonl", "xml", "png", "jpg", "jpeg", "gif", "webp",
    "svg", "info", "lcov", "out", "pdf",
];

fn escape_attr(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Maps byte offsets of the body to 1-based file lines.
struct LineIndex {
    starts: Vec<usize>,
    first_line: usize,
}

impl LineIndex {
    fn new(text: &str, first_line: usize) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1));
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

/// The sanitizer for documents with raw HTML: ammonia's safe defaults, plus
/// what our own rendering emits (heading ids, task-list boxes, link markers).
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .add_generic_attributes(["id", "class", "align"])
        .add_tags(["input"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_url_schemes(["attestor", "attestor-task"])
        .link_rel(None);
    builder
});

#[cfg(test)]
mod tests {
    use super::*;

    fn render(body: &str, first_line: usize) -> Rendered {
        super::render(body, first_line, &IdMatcher::new(&[]).0)
    }

    #[test]
    fn gives_headings_unique_ids_and_file_lines() {
        let out = render("# Plan\n\n## Phase 1 - Setup\n\n## Phase 1 - Setup\n", 3);
        let ids: Vec<_> = out.headings.iter().map(|h| (h.id.as_str(), h.line)).collect();
        assert_eq!(ids, [("plan", 3), ("phase-1-setup", 5), ("phase-1-setup-1", 7)]);
        assert!(out.html.contains("<h2 id=\"phase-1-setup\">Phase 1 - Setup</h2>"), "{}", out.html);
    }

    #[test]
    fn headings_keep_the_task_ids_they_name() {
        let out = render("### PH-001: GAP-CRIT-001: Fix CORS\n", 1);
        assert_eq!(out.headings[0].text, "PH-001: GAP-CRIT-001: Fix CORS");
        assert_eq!(out.headings[0].id, "ph-001-gap-crit-001-fix-cors");
    }

    #[test]
    fn marks_relative_links_and_paths_in_backticks() {
        let out = render("See [plan](../plans/a.md#x) and `tests/run.txt`.\n\n![](shot.png)\n", 1);
        let targets: Vec<_> = out.references.iter().map(|r| (r.target.as_str(), r.line)).collect();
        assert_eq!(targets, [("../plans/a.md#x", 1), ("tests/run.txt", 1), ("shot.png", 3)]);
        assert!(out.html.contains("href=\"attestor:../plans/a.md#x\""), "{}", out.html);
        assert!(
            out.html.contains("<a href=\"attestor:tests/run.txt\"><code>tests/run.txt</code></a>")
        );
        assert!(out.html.contains("src=\"attestor:shot.png\""));
    }

    #[test]
    fn leaves_external_links_and_commands_alone() {
        let out = render("[site](https://example.com) `npm run test -- --run` `x.y`\n", 1);
        assert!(out.references.is_empty());
        assert!(out.html.contains("href=\"https://example.com\""));
    }

    #[test]
    fn sanitizes_raw_html_but_keeps_our_markup() {
        let out = render(
            "# T\n\n<script>alert(1)</script>\n\n- [x] done\n\n<b onclick=\"x()\">b</b>\n",
            1,
        );
        assert!(!out.html.contains("<script"), "{}", out.html);
        assert!(!out.html.contains("onclick"));
        assert!(out.html.contains("<h1 id=\"t\">"));
        assert!(out.html.contains("checked"));
    }

    #[test]
    fn path_detection_wants_a_known_extension() {
        assert!(looks_like_path("docs/tests/2025-11-14-run.txt"));
        assert!(looks_like_path("latest-deploy.json"));
        assert!(!looks_like_path("pnpm lint"));
        assert!(!looks_like_path("src/lib/*"));
        assert!(!looks_like_path("datetime.utcnow()"));
        assert!(!looks_like_path("env"));
    }
}
