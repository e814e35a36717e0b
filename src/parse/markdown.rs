//! Markdown in two passes over the same events: a scan while parsing, and
//! the HTML once every URL is known.
//!
//! [`scan`] runs in the parse stage: it gives every heading a stable id,
//! records the headings, every relative link, image or path in backticks and
//! every task id with its line, and collects the body's blocks (by
//! `crate::parse::blocks`). [`render_html`] runs in the link stage, when the
//! linker knows every document and task: one pulldown-cmark pass that asks a
//! [`Resolve`] for the URL of each link, image, path and task id (as zola's
//! `fix_link` does), so the HTML never holds placeholders; the pass itself
//! lives in [`html`]. Raw HTML in the source is sanitized with ammonia. Both
//! passes read the events through [`bounded`], which bounds how deep they
//! nest.

mod bounded;
mod html;

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Event, HeadingLevel, LinkType, Tag, TagEnd};

use crate::diagnostics::Diagnostic;
use crate::model::{Heading, RefKind, Reference, slug};
use crate::parse::blocks::{Block, BlockBuilder};
use crate::parse::ids::IdMatcher;
use crate::parse::markdown::bounded::Bounded;

use crate::parse::markdown::bounded::MAX_DEPTH;

/// What the scan of a markdown body found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scanned {
    /// Headings in order, with ids and file lines.
    pub headings: Vec<Heading>,
    /// Relative links, paths in backticks and task ids, with file lines.
    pub references: Vec<Reference>,
    /// The body's structure: headings, paragraphs, list items, tables, code.
    pub blocks: Vec<Block>,
    /// Nesting too deep to show as written.
    pub diagnostics: Vec<Diagnostic>,
}

/// What a destination the HTML needs a URL for is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A markdown link: it wants a page.
    Link,
    /// A markdown image: it wants the file itself.
    Image,
    /// A path in backticks, shown as a link to its page.
    Code,
}

/// Gives the URLs of what a body names, while it is rendered.
pub trait Resolve {
    /// The URL (relative to the page) for a relative destination `target`,
    /// written at file line `line`. One that names no known file still gets
    /// a URL (to the list of missing files); reporting it is the resolver's job.
    fn url(&mut self, target: &str, kind: Target, line: usize) -> String;
    /// The URL (relative to the page) of task `id`'s page, or `None` when no
    /// document defines it.
    fn task_url(&mut self, id: &str) -> Option<String>;
    /// Told of each image on another site that is shown as a link instead.
    fn remote_image(&mut self, url: &str, line: usize);
}

/// How a body's HTML is made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HtmlOptions {
    /// Show images from other sites as images (`remote_media = true`);
    /// by default they become links, so the page requests nothing elsewhere.
    pub remote_media: bool,
}

/// Scans a markdown body of `path` whose first line is file line `first_line`.
pub fn scan(path: &str, body: &str, first_line: usize, ids: &IdMatcher) -> Scanned {
    let mut out = Scanned::default();
    let mut stream = Bounded::new(body, first_line);
    let mut blocks = BlockBuilder::default();
    let mut heading_ids = HeadingIds::default();
    let mut heading: Option<(HeadingLevel, usize, String)> = None;
    let mut link_depth = 0usize;
    let mut in_code_block = false;
    for (event, line, last_line) in stream.by_ref() {
        blocks.event(&event, line, last_line);
        if let Some((_, _, text)) = heading.as_mut() {
            push_plain_text(text, &event);
        }
        match &event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((*level, line, String::new()))
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, line, text)) = heading.take() {
                    let text = text.trim().to_string();
                    let id = heading_ids.unique(&slug(&text));
                    out.headings.push(Heading { level: level as u8, text, id, line });
                }
            }
            Event::Start(Tag::Link { .. }) => link_depth += 1,
            Event::End(TagEnd::Link) => link_depth = link_depth.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            _ => {}
        }
        let place = Place { line, in_link: link_depth > 0, in_code_block };
        record_references(&event, place, ids, &mut out.references);
    }
    out.blocks = blocks.finish();
    out.diagnostics = nesting_diagnostics(path, &stream);
    out
}

/// Renders a markdown body whose first line is file line `first_line` to
/// sanitized HTML, asking `resolver` for every URL; task ids that `ids`
/// finds in prose become links to their pages.
pub fn render_html(
    body: &str,
    first_line: usize,
    ids: &IdMatcher,
    options: HtmlOptions,
    resolver: &mut dyn Resolve,
) -> String {
    html::render(body, first_line, ids, options, resolver)
}

/// Whether a code span names a file: a path with a folder or a known
/// extension, up to 4,096 bytes (a path of 255-byte names is one).
pub fn looks_like_path(code: &str) -> bool {
    let code = code.trim();
    // A path holds a dot before its extension.
    if !code.contains('.') || code.len() > 4096 || code.contains(char::is_whitespace) {
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

/// The words of `text` (as `split_whitespace` cuts them) that hold a dot,
/// in order: every path holds one before its extension, and most words of
/// prose hold none, so only the words around the dots are looked at.
fn dotted_words(text: &str) -> impl Iterator<Item = &str> {
    let mut next = 0;
    memchr::memchr_iter(b'.', text.as_bytes()).filter_map(move |dot| {
        if dot < next {
            return None;
        }
        let start = text[..dot]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(at, c)| at + c.len_utf8());
        let end = text[dot..].find(char::is_whitespace).map_or(text.len(), |at| dot + at);
        next = end;
        Some(&text[start..end])
    })
}

/// A word of prose without the punctuation around a path named in it:
/// brackets, quotes, and a sentence's closing `,`, `;`, `:` or `.`.
fn bare_path(word: &str) -> &str {
    let mut word = word;
    loop {
        let trimmed = word
            .trim_matches(|c: char| {
                matches!(c, '(' | ')' | '[' | ']' | '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»')
            })
            .trim_end_matches([',', ';', ':', '.', '!', '?']);
        if trimmed.len() == word.len() {
            return word;
        }
        word = trimmed;
    }
}

/// Extensions of documents and evidence. Source and config files named in
/// backticks (`docker-compose.yml`, `db.py`) usually live outside the docs
/// tree, so they are not references.
const KNOWN_EXTENSIONS: [&str; 17] = [
    "md", "markdown", "txt", "log", "json", "jsonl", "xml", "png", "jpg", "jpeg", "gif", "webp",
    "svg", "info", "lcov", "out", "pdf",
];

/// Unique heading ids: the slug, then `slug-1`, `slug-2`, ... Each slug
/// remembers the next number to try, so a run of identical headings costs
/// linear time, and an id taken by a heading whose own slug is `slug-1` is
/// skipped.
#[derive(Default)]
struct HeadingIds {
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

impl HeadingIds {
    fn unique(&mut self, base: &str) -> String {
        if self.used.insert(base.to_string()) {
            return base.to_string();
        }
        let n = self.next.entry(base.to_string()).or_insert(1);
        loop {
            let id = format!("{base}-{n}");
            *n += 1;
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// Adds an event's text to a heading's plain text.
fn push_plain_text(text: &mut String, event: &Event<'_>) {
    match event {
        Event::Text(t) | Event::Code(t) => text.push_str(t),
        Event::SoftBreak | Event::HardBreak => text.push(' '),
        _ => {}
    }
}

/// Where an event is: its line, and whether it is inside a link or a
/// fenced or indented code block.
#[derive(Debug, Clone, Copy)]
struct Place {
    line: usize,
    in_link: bool,
    in_code_block: bool,
}

/// Records the relative links, images, paths and task ids an event names.
/// Text inside a link names nothing more: links do not nest. A path is
/// one in backticks, or a word of prose outside code blocks that reads as
/// one (`(test-results/run.txt)`, `see deploy.log.`): people write
/// evidence's names both ways.
fn record_references(event: &Event<'_>, place: Place, ids: &IdMatcher, refs: &mut Vec<Reference>) {
    let line = place.line;
    let mut push = |kind, target: &str| refs.push(Reference { kind, target: target.into(), line });
    match event {
        Event::Start(Tag::Link { link_type: LinkType::Email, .. }) => {}
        Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
            if is_relative(dest_url) =>
        {
            push(RefKind::Link, dest_url);
        }
        _ if place.in_link => {}
        Event::Text(text) => {
            for (_, _, id) in ids.find_all(text) {
                push(RefKind::Task, id);
            }
            if !place.in_code_block {
                for word in dotted_words(text).map(bare_path) {
                    if looks_like_path(word) {
                        push(RefKind::Path, word);
                    }
                }
            }
        }
        Event::Code(code) if ids.is_whole_id(code) => push(RefKind::Task, code),
        Event::Code(code) if looks_like_path(code) => push(RefKind::Path, code),
        _ => {}
    }
}

/// The diagnostics for what the bound on nesting changed.
fn nesting_diagnostics(path: &str, stream: &Bounded<'_>) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    if let Some(line) = stream.flattened_at {
        diagnostics.push(
            Diagnostic::warning(
                "A180",
                path,
                line,
                format!(
                    "markdown nested more than {MAX_DEPTH} levels deep; the deeper levels are shown flattened into level {MAX_DEPTH}"
                ),
            )
            .with_help("nest quotes, lists and emphasis less deeply"),
        );
    }
    if let Some(line) = stream.escaped_at {
        diagnostics.push(
            Diagnostic::warning(
                "A181",
                path,
                line,
                format!(
                    "raw HTML nested more than {MAX_DEPTH} elements deep; from here on it is shown as text"
                ),
            )
            .with_help("close the HTML elements you open, or nest them less deeply"),
        );
    }
    diagnostics
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

/// Whether a URL is on another site (`https://…`, `//cdn…`).
fn is_remote(url: &str) -> bool {
    let url = url.trim();
    url.starts_with("//") || url.contains("://")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(body: &str, first_line: usize) -> Scanned {
        super::scan("doc.md", body, first_line, &IdMatcher::new(&[]).0)
    }

    /// A resolver that knows task `T-001` and files under `known/`, and
    /// records what it was asked.
    #[derive(Default)]
    struct Fake {
        asked: Vec<(String, Target, usize)>,
        remote: Vec<(String, usize)>,
    }

    impl Resolve for Fake {
        fn url(&mut self, target: &str, kind: Target, line: usize) -> String {
            self.asked.push((target.to_string(), kind, line));
            match target.strip_prefix("known/") {
                Some(rest) => format!("../page/{rest}"),
                None => "../files.html#missing".to_string(),
            }
        }

        fn task_url(&mut self, id: &str) -> Option<String> {
            (id == "T-001").then(|| "../tasks/t-001.html".to_string())
        }

        fn remote_image(&mut self, url: &str, line: usize) {
            self.remote.push((url.to_string(), line));
        }
    }

    /// The HTML of a body, its line markers (`<!--L12-->`) left out: tests of
    /// other things than the markers read it as a reader of the page would.
    fn html_with(body: &str, options: HtmlOptions) -> (String, Fake) {
        let (html, fake) = marked_html(body, options);
        (without_markers(&html), fake)
    }

    fn marked_html(body: &str, options: HtmlOptions) -> (String, Fake) {
        let mut fake = Fake::default();
        let html = render_html(body, 1, &IdMatcher::new(&[]).0, options, &mut fake);
        (html, fake)
    }

    fn without_markers(html: &str) -> String {
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(at) = rest.find("<!--L") {
            out.push_str(&rest[..at]);
            let end = rest[at..].find("-->").map_or(rest.len(), |e| at + e + 3);
            // A code block's `<pre>` opens on a line of its own after its marker.
            rest = rest[end..].strip_prefix("\n<pre").map_or(&rest[end..], |_| &rest[end + 1..]);
        }
        out.push_str(rest);
        out
    }

    fn html(body: &str) -> String {
        html_with(body, HtmlOptions::default()).0
    }

    #[test]
    fn marks_each_block_with_its_first_line() {
        let body = "# Plan\n\nSome text\nover two lines.\n\n- one\n  - nested\n- [x] two\n\n\
                    | a | b |\n|---|---|\n| 1 | 2 |\n\n```sh\nmake\n```\n";
        let (html, _) = marked_html(body, HtmlOptions::default());
        for needle in [
            "<h1 id=\"plan\"><!--L1-->Plan</h1>",
            "<p><!--L3-->Some text",
            "<li><!--L6-->one",
            "<li><!--L7-->nested",
            "<li><!--L8--><input type=\"checkbox\"",
            "<thead><tr><th><!--L10-->a</th>",
            "<tr><td><!--L12-->1</td>",
            "<!--L14-->\n<pre><code class=\"language-sh\">make",
        ] {
            assert!(html.contains(needle), "{needle} in {html}");
        }
        assert_eq!(html.matches("<!--L").count(), 8, "{html}");
    }

    #[test]
    fn one_marker_per_line_and_loose_items_mark_their_later_paragraphs() {
        let (html, _) = marked_html("- > quoted\n\n  more\n", HtmlOptions::default());
        assert_eq!(
            html,
            "<ul>\n<li><!--L1-->\n<blockquote>\n<p>quoted</p>\n</blockquote>\n<p><!--L3-->more</p>\n</li>\n</ul>\n"
        );
    }

    #[test]
    fn markers_survive_the_sanitizer_and_the_source_cannot_forge_them() {
        // A sentinel written out, or as references, with the nonce of another body.
        let nonce = "0123456789abcdef";
        let body = format!(
            "<b>raw</b> \u{FDD0}{nonce}-3\u{FDD1} &#xFDD0;{nonce}-1&#xFDD1;\n\n\
             <!--L3--><span id=\"mark-L3\" class=\"x\">x</span>\n\nEnd.\n"
        );
        let (html, _) = marked_html(&body, HtmlOptions::default());
        assert_eq!(html.matches("<!--L").count(), 3, "{html}");
        let forged = format!("\u{FDD0}{nonce}-3\u{FDD1} \u{FDD0}{nonce}-1\u{FDD1}");
        assert!(html.starts_with(&format!("<p><!--L1--><b>raw</b> {forged}</p>")), "{html}");
        assert!(html.contains("<!--L3--><span class=\"x\">x</span>"), "{html}");
        assert!(html.contains("<p><!--L5-->End.</p>"), "{html}");
    }

    #[test]
    fn task_boxes_say_what_they_show_also_beside_raw_html() {
        for body in ["- [x] ship it\n- [ ] test it\n", "<b>x</b>\n\n- [x] ship it\n- [ ] test it\n"]
        {
            let html = html(body);
            assert!(html.contains("aria-label=\"done\""), "{html}");
            assert!(html.contains("aria-label=\"not done\""), "{html}");
            assert_eq!(html.matches("type=\"checkbox\"").count(), 2, "{html}");
        }
    }

    #[test]
    fn gives_headings_unique_ids_and_file_lines() {
        let body = "# Plan\n\n## Phase 1 - Setup\n\n## Phase 1 - Setup\n";
        let out = scan(body, 3);
        let ids: Vec<_> = out.headings.iter().map(|h| (h.id.as_str(), h.line)).collect();
        assert_eq!(ids, [("plan", 3), ("phase-1-setup", 5), ("phase-1-setup-1", 7)]);
        let html = html(body);
        assert!(html.contains("<h2 id=\"phase-1-setup-1\">Phase 1 - Setup</h2>"), "{html}");
    }

    #[test]
    fn headings_keep_the_task_ids_they_name() {
        let out = scan("### PH-001: GAP-CRIT-001: Fix CORS\n", 1);
        assert_eq!(out.headings[0].text, "PH-001: GAP-CRIT-001: Fix CORS");
        assert_eq!(out.headings[0].id, "ph-001-gap-crit-001-fix-cors");
        let html = html("### T-001: Fix CORS\n");
        assert_eq!(
            html,
            "<h3 id=\"t-001-fix-cors\"><a class=\"tid\" href=\"../tasks/t-001.html\">T-001</a>: Fix CORS</h3>\n"
        );
    }

    #[test]
    fn heading_ids_stay_unique_and_linear_over_100_000_repeats() {
        // `same-1` is taken by a heading of its own before the repeats
        // reach it, so the repeats skip it.
        let mut body = String::from("## Same 1\n\n");
        body.push_str(&"## Same\n\n".repeat(100_000));
        let out = scan(&body, 1);
        let ids: Vec<&str> = out.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids.len(), 100_001);
        assert_eq!(ids[..4], ["same-1", "same", "same-2", "same-3"]);
        assert_eq!(ids[100_000], "same-100000");
        assert_eq!(ids.iter().collect::<HashSet<_>>().len(), ids.len());
    }

    #[test]
    fn records_and_resolves_relative_links_images_and_paths_at_their_lines() {
        let body = "See [plan](../plans/a.md#x) and `known/run.txt`.\n\n![shot](known/shot.png)\n";
        let out = scan(body, 1);
        let targets: Vec<_> = out.references.iter().map(|r| (r.target.as_str(), r.line)).collect();
        assert_eq!(targets, [("../plans/a.md#x", 1), ("known/run.txt", 1), ("known/shot.png", 3)]);
        let (html, fake) = html_with(body, HtmlOptions::default());
        assert_eq!(
            html,
            "<p>See <a href=\"../files.html#missing\">plan</a> and <a href=\"../page/run.txt\"><code>known/run.txt</code></a>.</p>\n<p><img src=\"../page/shot.png\" alt=\"shot\" /></p>\n"
        );
        let asked: Vec<_> = fake.asked.iter().map(|(t, k, l)| (t.as_str(), *k, *l)).collect();
        assert_eq!(
            asked,
            [
                ("../plans/a.md#x", Target::Link, 1),
                ("known/run.txt", Target::Code, 1),
                ("known/shot.png", Target::Image, 3)
            ]
        );
    }

    /// The words looked at for paths are the words with a dot, cut as
    /// `split_whitespace` cuts them, whatever the spaces.
    #[test]
    fn the_words_with_a_dot_are_cut_as_whitespace_cuts_them() {
        for text in [
            "",
            ".",
            "a.b c.d.e  f ..",
            "see run.txt. and logs/a.log,\tthen\nx.md",
            "\u{a0}r\u{e9}sum\u{e9}.md\u{3000}\u{65e5}\u{672c}.txt\u{2003}end.",
            "no dots here",
            " lead.md trail.md ",
        ] {
            let expected: Vec<&str> = text.split_whitespace().filter(|w| w.contains('.')).collect();
            assert_eq!(dotted_words(text).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }

    #[test]
    fn a_path_written_in_prose_is_a_reference_outside_code_and_links() {
        let body = "10/10 passed (test-results/run.txt).\n\
            See deploy.log, or \u{201c}logs/e2e.xml\u{201d}; also [x](a.md \"t\") ok\n\
            \n\
            Built with Node.js, e.g. v1.2, per https://ci.test/run.txt and 3.5 hours\n\
            \n\
            ```\n\
            cat test-results/other.txt\n\
            ```\n\
            \n\
            Saw [the run in run2.txt](x/run2.log) and then (see cov/lcov.info)\n";
        let out = scan(body, 1);
        let paths: Vec<_> = out
            .references
            .iter()
            .filter(|r| r.kind == RefKind::Path)
            .map(|r| (r.target.as_str(), r.line))
            .collect();
        assert_eq!(
            paths,
            [
                ("test-results/run.txt", 1),
                ("deploy.log", 2),
                ("logs/e2e.xml", 2),
                ("cov/lcov.info", 10)
            ]
        );
    }

    #[test]
    fn links_known_task_ids_and_leaves_unknown_ones_as_text() {
        assert_eq!(
            html("T-001 and X-9, `T-001`, [T-001](https://x.test)\n"),
            "<p><a class=\"tid\" href=\"../tasks/t-001.html\">T-001</a> and X-9, <a class=\"tid\" href=\"../tasks/t-001.html\"><code>T-001</code></a>, <a href=\"https://x.test\">T-001</a></p>\n"
        );
    }

    // See: issue 9 (the text `attestor:` swallowed the rest of a block).
    #[test]
    fn shows_the_text_attestor_colon_as_written() {
        let body = "```yaml\nattestor:\n  x: `a.md`\n```\n\n`attestor:x` [attestor: y](https://x.test) attestor-task:T-001\n\nNext.\n";
        let (html, fake) = html_with(body, HtmlOptions::default());
        assert_eq!(
            html,
            "<pre><code class=\"language-yaml\">attestor:\n  x: `a.md`\n</code></pre>\n<p><code>attestor:x</code> <a href=\"https://x.test\">attestor: y</a> attestor-task:<a class=\"tid\" href=\"../tasks/t-001.html\">T-001</a></p>\n<p>Next.</p>\n"
        );
        assert!(fake.asked.is_empty());
    }

    #[test]
    fn leaves_external_links_addresses_and_commands_alone() {
        let body = "[site](https://example.com) <ops@example.org> `npm run test -- --run` `x.y`\n";
        assert!(scan(body, 1).references.is_empty());
        assert_eq!(
            html(body),
            "<p><a href=\"https://example.com\">site</a> <a href=\"mailto:ops@example.org\">ops@example.org</a> <code>npm run test -- --run</code> <code>x.y</code></p>\n"
        );
    }

    #[test]
    fn shows_remote_images_as_links_unless_remote_media_is_on() {
        let body = "![chart](https://other.test/a.png) ![](//cdn.test/b.png)\n\n<img alt=\"raw\" src=\"https://other.test/c.png\">\n";
        let (html, fake) = html_with(body, HtmlOptions::default());
        assert_eq!(
            html,
            "<p><a href=\"https://other.test/a.png\">chart</a> <a href=\"//cdn.test/b.png\">//cdn.test/b.png</a></p>\n<a href=\"https://other.test/c.png\">raw</a>\n"
        );
        let lines: Vec<_> = fake.remote.iter().map(|(u, l)| (u.as_str(), *l)).collect();
        assert_eq!(
            lines,
            [
                ("https://other.test/a.png", 1),
                ("//cdn.test/b.png", 1),
                ("https://other.test/c.png", 3)
            ]
        );
        let (html, fake) = html_with(body, HtmlOptions { remote_media: true });
        assert!(html.contains("<img src=\"https://other.test/a.png\" alt=\"chart\">"), "{html}");
        assert!(html.contains("<img alt=\"raw\" src=\"https://other.test/c.png\">"), "{html}");
        assert!(fake.remote.is_empty());
    }

    #[test]
    fn drops_the_src_of_a_remote_image_cut_across_lines() {
        // An HTML block comes a line at a time, so no line holds the whole tag.
        let html = html("<div><img alt=\"cut\"\nsrc=\"https://other.test/c.png\"></div>\n");
        assert_eq!(html, "<div><img alt=\"cut\"></div>\n");
    }

    #[test]
    fn a_remote_image_inside_a_link_is_text_of_that_link() {
        assert_eq!(
            html("[![badge](https://ci.test/b.svg)](https://ci.test)\n"),
            "<p><a href=\"https://ci.test\">badge</a></p>\n"
        );
    }

    // See: issue 9 (no output runs a script). Markdown links are not
    // sanitized by ammonia unless the body has raw HTML, so the renderer
    // itself never writes a link that runs code.
    #[test]
    fn links_that_would_run_code_lead_nowhere() {
        let html = html(
            "[a](javascript:alert(1)) [b]( JavaScript:alert(2)) [c](vbscript:x) \
             [d](data:text/html,<script>alert(3)</script>) <javascript:alert(4)>\n\n\
             ![ok](data:image/png;base64,AA) [fine](https://example.org/javascript:x)\n",
        );
        for bad in ["javascript:", "JavaScript:", "vbscript:", "data:text/html"] {
            assert!(!html.contains(&format!("href=\"{bad}")), "{bad} in {html}");
        }
        assert_eq!(html.matches("href=\"#\"").count(), 5, "{html}");
        assert!(html.contains("src=\"data:image/png;base64,AA\""), "{html}");
        assert!(html.contains("href=\"https://example.org/javascript:x\""), "{html}");
    }

    #[test]
    fn sanitizes_raw_html_but_keeps_our_markup() {
        let html = html(
            "# T\n\n<script>alert(1)</script>\n\n- [x] done T-001\n\n<b onclick=\"x()\">b</b>\n",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onclick"));
        assert!(html.contains("<h1 id=\"t\">"));
        assert!(html.contains("checked"));
        assert!(html.contains("<a class=\"tid\" href=\"../tasks/t-001.html\">T-001</a>"), "{html}");
    }

    #[test]
    fn reports_nesting_past_the_bound_at_its_line() {
        let body = format!("# Deep\n\n{} x\n\n{}\n", ">".repeat(100_000), "<div>".repeat(100));
        let out = scan(&body, 2);
        let found: Vec<_> = out.diagnostics.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(found, [("A180", 4), ("A181", 6)]);
        let html = html(&body);
        assert_eq!(html.matches("<blockquote>").count(), MAX_DEPTH);
        assert!(html.contains("&lt;div&gt;&lt;div&gt;"));
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
