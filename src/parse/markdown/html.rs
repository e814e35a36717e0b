//! The HTML pass of a markdown body: each event rewritten as the page needs it.
//!
//! Links, images and paths in backticks get their URLs from the
//! [`Resolve`] the linker gives, task ids in prose become links to their
//! pages, headings get the ids the scan gave them, and images on other
//! sites become links unless the config shows remote media. The events are
//! then written by pulldown-cmark and, when the body holds raw HTML,
//! sanitized by ammonia. It reads the same bounded events as the scan.
//!
//! Each block (paragraph, list item, table row, heading, code or HTML block) whose
//! source line is past the last one marked gets a line marker,
//! `<!--L12-->`, just inside its opening tag (in a row's first cell; before
//! a code block's `<pre>` and before raw HTML), so that a page can later put something at the
//! block of a given line (a claim's verdict) in one pass over the HTML.
//! The markers are written as a sentinel text (`U+FDD0 <nonce>-12 U+FDD1`,
//! the nonce a hash of the body, which the body cannot hold) that the
//! sanitizer keeps, and turned into comments after it, each checked against
//! the lines in the order they were given: the sanitizer drops every comment
//! of the source, so a `<!--L` in the body is always one of ours.

use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd};

use crate::model::slug;
use crate::parse::ids::IdMatcher;
use crate::parse::markdown::bounded::{self, Bounded, raw_tags};
use crate::parse::markdown::{
    HeadingIds, HtmlOptions, Resolve, Target, is_relative, is_remote, looks_like_path,
    push_plain_text,
};

/// Renders a body to sanitized HTML; see [`crate::parse::markdown::render_html`].
pub(super) fn render(
    body: &str,
    first_line: usize,
    ids: &IdMatcher,
    options: HtmlOptions,
    resolver: &mut dyn Resolve,
) -> String {
    let mut pass = HtmlPass {
        ids,
        options,
        resolver,
        events: Vec::new(),
        heading: None,
        heading_ids: HeadingIds::default(),
        has_raw_html: false,
        link_depth: 0,
        images: Vec::new(),
        lines: Vec::new(),
        pending_row: None,
        nonce: nonce_of(body),
    };
    for (event, line, _) in Bounded::new(body, first_line) {
        pass.event(event, line);
    }
    let has_raw_html = pass.has_raw_html;
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, pass.events.into_iter());
    let html = match (has_raw_html, options.remote_media) {
        (false, _) => html,
        (true, true) => SANITIZER.clean(&html).to_string(),
        (true, false) => NO_REMOTE_SANITIZER.clean(&html).to_string(),
    };
    line_markers(html, pass.nonce, &pass.lines)
}

/// The first character of a line marker's sentinel; a noncharacter, which no
/// document means as text.
const SENTINEL_OPEN: char = '\u{FDD0}';
/// The last character of a line marker's sentinel.
const SENTINEL_CLOSE: char = '\u{FDD1}';

/// A hash of the body that its sentinels carry: text in the body cannot
/// hold the hash of the body it is in, so no sentinel of the source (written
/// out, or as character references in raw HTML) passes for one of ours.
fn nonce_of(body: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    body.hash(&mut hasher);
    hasher.finish()
}

/// The sentinel text that marks the block of `line` until the HTML is clean.
fn sentinel(nonce: u64, line: usize) -> String {
    let mut text = String::new();
    write_sentinel(&mut text, nonce, line);
    text
}

/// [`sentinel`], written at the end of `out`.
fn write_sentinel(out: &mut String, nonce: u64, line: usize) {
    use std::fmt::Write as _;
    // Writing to a `String` does not fail.
    let _ = write!(out, "{SENTINEL_OPEN}{nonce:016x}-{line}{SENTINEL_CLOSE}");
}

/// Turns the sentinels of `lines` (in that order) into `<!--L12-->`
/// comments, in one pass. Any other text that looks like a sentinel stays
/// as it is.
fn line_markers(html: String, nonce: u64, lines: &[usize]) -> String {
    if lines.is_empty() {
        return html;
    }
    let mut out = String::with_capacity(html.len() + lines.len() * 2);
    let mut expected = lines.iter().peekable();
    let mut at = 0;
    // One sentinel is written at a time, in one buffer, for each of a
    // body's marked lines.
    let mut expect = String::new();
    for (start, _) in html.match_indices(SENTINEL_OPEN) {
        let Some(&&line) = expected.peek() else { break };
        if start < at {
            continue;
        }
        expect.clear();
        write_sentinel(&mut expect, nonce, line);
        if !html[start..].starts_with(&expect) {
            continue;
        }
        out.push_str(&html[at..start]);
        out.push_str("<!--L");
        out.push_str(itoa::Buffer::new().format(line));
        out.push_str("-->");
        at = start + expect.len();
        expected.next();
    }
    out.push_str(&html[at..]);
    out
}

/// The rendering pass: rewrites each event as the page needs it.
struct HtmlPass<'a, 'r> {
    ids: &'r IdMatcher,
    options: HtmlOptions,
    resolver: &'r mut dyn Resolve,
    events: Vec<Event<'a>>,
    /// The open heading: level, plain text, rewritten inner events.
    heading: Option<(HeadingLevel, String, Vec<Event<'a>>)>,
    heading_ids: HeadingIds,
    has_raw_html: bool,
    link_depth: usize,
    /// Open images: `None` when shown as an image, else a remote image shown
    /// as a link (or as text inside a link) with its URL and whether it has
    /// text of its own yet.
    images: Vec<Option<RemoteImage>>,
    /// The lines marked so far, in order: each past the one before.
    lines: Vec<usize>,
    /// The line of a table row whose first cell is yet to open.
    pending_row: Option<usize>,
    /// What the body's sentinels carry: see [`nonce_of`].
    nonce: u64,
}

/// A remote image being shown as a link.
struct RemoteImage {
    url: String,
    has_text: bool,
    /// Whether it became a link (not inside another link).
    linked: bool,
}

impl<'a> HtmlPass<'a, '_> {
    fn event(&mut self, event: Event<'a>, line: usize) {
        if let Some((_, text, _)) = self.heading.as_mut() {
            push_plain_text(text, &event);
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.heading = Some((level, String::new(), Vec::new()));
                self.mark_line(line);
            }
            Event::Start(tag @ (Tag::Paragraph | Tag::Item)) => {
                self.push(Event::Start(tag));
                self.mark_line(line);
            }
            Event::Start(tag @ (Tag::TableHead | Tag::TableRow)) => {
                self.push(Event::Start(tag));
                self.pending_row = Some(line);
            }
            Event::Start(Tag::TableCell) => {
                self.push(Event::Start(Tag::TableCell));
                if let Some(row_line) = self.pending_row.take() {
                    self.mark_line(row_line);
                }
            }
            Event::Start(tag @ (Tag::CodeBlock(_) | Tag::HtmlBlock)) => {
                self.mark_line(line);
                self.push(Event::Start(tag));
            }
            Event::End(TagEnd::Heading(_)) => self.finish_heading(),
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                self.link_depth += 1;
                // `<someone@example.org>` is an address, not a path.
                let dest_url = match link_type {
                    LinkType::Email => dest_url,
                    _ => self.resolved(dest_url, Target::Link, line),
                };
                self.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
            }
            Event::End(TagEnd::Link) => {
                self.link_depth = self.link_depth.saturating_sub(1);
                self.push(Event::End(TagEnd::Link));
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                self.start_image(Tag::Image { link_type, dest_url, title, id }, line);
            }
            Event::End(TagEnd::Image) => self.end_image(),
            Event::Text(text) => self.text(text),
            Event::Code(code) => self.code(code, line),
            Event::Html(html) => self.raw_html(false, html, line),
            Event::InlineHtml(html) => self.raw_html(true, html, line),
            // A task box is named, so a screen reader says what it shows.
            Event::TaskListMarker(checked) => self.push(Event::InlineHtml(
                if checked {
                    "<input type=\"checkbox\" disabled checked aria-label=\"done\"> "
                } else {
                    "<input type=\"checkbox\" disabled aria-label=\"not done\"> "
                }
                .into(),
            )),
            other => self.push(other),
        }
    }

    /// Marks the block just opened (or about to open) as the one of `line`,
    /// unless a block before it already starts on that line or later.
    fn mark_line(&mut self, line: usize) {
        if self.lines.last().is_some_and(|&last| last >= line) {
            return;
        }
        self.lines.push(line);
        self.push(Event::Text(sentinel(self.nonce, line).into()));
    }

    fn push(&mut self, event: Event<'a>) {
        if let Some(image) = self.images.last_mut().and_then(Option::as_mut)
            && matches!(event, Event::Text(_) | Event::Code(_))
        {
            image.has_text = true;
        }
        match self.heading.as_mut() {
            Some((_, _, inner)) => inner.push(event),
            None => self.events.push(event),
        }
    }

    /// Whether task ids and paths may become links here: not inside a link
    /// (links do not nest) and not in an image's text.
    fn may_link(&self) -> bool {
        self.link_depth == 0 && self.images.is_empty()
    }

    fn resolved(&mut self, dest: CowStr<'a>, kind: Target, line: usize) -> CowStr<'a> {
        if runs_code(&dest, kind) {
            // A link that would run code or open a page of the user's
            // making on a blank origin leads nowhere instead.
            return "#".into();
        }
        if is_relative(&dest) { self.resolver.url(&dest, kind, line).into() } else { dest }
    }

    fn finish_heading(&mut self) {
        let Some((level, text, inner)) = self.heading.take() else { return };
        let id = self.heading_ids.unique(&slug(text.trim()));
        let tag =
            Tag::Heading { level, id: Some(id.into()), classes: Vec::new(), attrs: Vec::new() };
        self.events.push(Event::Start(tag));
        self.events.extend(inner);
        self.events.push(Event::End(TagEnd::Heading(level)));
    }

    /// An image: a local one gets its file's URL; one on another site becomes
    /// a link to it, unless the config shows remote media.
    fn start_image(&mut self, tag: Tag<'a>, line: usize) {
        let Tag::Image { link_type, dest_url, title, id } = tag else { return };
        if !is_remote(&dest_url) || self.options.remote_media {
            let dest_url = self.resolved(dest_url, Target::Image, line);
            self.images.push(None);
            self.push(Event::Start(Tag::Image { link_type, dest_url, title, id }));
            return;
        }
        self.resolver.remote_image(&dest_url, line);
        let linked = self.link_depth == 0;
        let url = dest_url.to_string();
        self.images.push(Some(RemoteImage { url, has_text: false, linked }));
        if linked {
            self.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
        }
    }

    fn end_image(&mut self) {
        match self.images.pop() {
            Some(Some(image)) => {
                if !image.has_text {
                    self.push(Event::Text(image.url.into()));
                }
                if image.linked {
                    self.push(Event::End(TagEnd::Link));
                }
            }
            _ => self.push(Event::End(TagEnd::Image)),
        }
    }

    /// Prose: task ids in it become links to their pages.
    fn text(&mut self, text: CowStr<'a>) {
        let found = if self.may_link() { self.ids.find_all(&text) } else { Vec::new() };
        let mut at = 0;
        for (start, end, id) in found {
            let Some(url) = self.resolver.task_url(id) else { continue };
            if start > at {
                self.push(Event::Text(text[at..start].to_string().into()));
            }
            self.push(Event::InlineHtml(task_link_open(&url).into()));
            self.push(Event::Text(id.to_string().into()));
            self.push(Event::InlineHtml("</a>".into()));
            at = end;
        }
        match at {
            0 => self.push(Event::Text(text)),
            at if at < text.len() => self.push(Event::Text(text[at..].to_string().into())),
            _ => {}
        }
    }

    /// A code span: a task id links to its page, a path to its file's page.
    fn code(&mut self, code: CowStr<'a>, line: usize) {
        if !self.may_link() {
            return self.push(Event::Code(code));
        }
        if self.ids.is_whole_id(&code) {
            let Some(url) = self.resolver.task_url(&code) else {
                return self.push(Event::Code(code));
            };
            self.push(Event::InlineHtml(task_link_open(&url).into()));
            self.push(Event::Code(code));
            return self.push(Event::InlineHtml("</a>".into()));
        }
        if looks_like_path(&code) {
            let dest_url = self.resolver.url(&code, Target::Code, line).into();
            let (title, id) = (CowStr::from(""), CowStr::from(""));
            self.push(Event::Start(Tag::Link { link_type: LinkType::Inline, dest_url, title, id }));
            self.push(Event::Code(code));
            return self.push(Event::End(TagEnd::Link));
        }
        self.push(Event::Code(code));
    }

    /// Raw HTML, kept for the sanitizer; an `<img>` from another site becomes
    /// a link to it unless the config shows remote media.
    fn raw_html(&mut self, inline: bool, html: CowStr<'a>, line: usize) {
        self.has_raw_html = true;
        let html =
            if self.options.remote_media { html } else { self.unlink_remote_images(html, line) };
        self.push(if inline { Event::InlineHtml(html) } else { Event::Html(html) });
    }

    fn unlink_remote_images(&mut self, html: CowStr<'a>, line: usize) -> CowStr<'a> {
        let mut out = String::new();
        let mut at = 0;
        for tag in raw_tags(&html).filter(|t| !t.close && t.name.eq_ignore_ascii_case("img")) {
            let text = &html[tag.range.clone()];
            let Some(src) = bounded::attribute(text, "src").filter(|src| is_remote(src)) else {
                continue;
            };
            self.resolver.remote_image(&src, line);
            let label = bounded::attribute(text, "alt").filter(|alt| !alt.trim().is_empty());
            out.push_str(&html[at..tag.range.start]);
            let (href, label) = (escape_attr(&src), escape_attr(label.as_deref().unwrap_or(&src)));
            out.push_str(&format!("<a href=\"{href}\">{label}</a>"));
            at = tag.range.end;
        }
        if at == 0 {
            return html;
        }
        out.push_str(&html[at..]);
        out.into()
    }
}

fn task_link_open(url: &str) -> String {
    format!("<a class=\"tid\" href=\"{}\">", escape_attr(url))
}

fn escape_attr(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The sanitizer for documents with raw HTML when remote media are shown:
/// ammonia's safe defaults, plus what our own rendering emits (heading ids,
/// task-list boxes, task-link classes).
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| sanitizer(true));

/// The sanitizer by default: remote images the rendering did not turn into
/// links (an `<img>` cut across lines) lose their `src`, so nothing is
/// requested from another site.
static NO_REMOTE_SANITIZER: LazyLock<ammonia::Builder<'static>> =
    LazyLock::new(|| sanitizer(false));

fn sanitizer(remote_media: bool) -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder
        .add_generic_attributes(["id", "class", "align"])
        .add_tags(["input"])
        .add_tag_attributes("input", ["type", "checked", "disabled", "aria-label"])
        .link_rel(None);
    builder.attribute_filter(move |element, attribute, value| {
        let remote = element == "img" && attribute == "src" && is_remote(value);
        let reserved = attribute == "id" && is_reserved_id(value);
        (!(reserved || (remote && !remote_media))).then_some(value.into())
    });
    builder
}

/// Whether an id is one the document page gives its claims' marks and
/// entries (`mark-L12`, `claim-L12-2`), which raw HTML may not take: the
/// page adds them after the body is sanitized, and ids must be unique.
fn is_reserved_id(id: &str) -> bool {
    ["mark-L", "claim-L"].iter().any(|prefix| {
        id.strip_prefix(prefix).is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// Whether a destination runs code when followed: `javascript:` and
/// `vbscript:` anywhere, and a `data:` link (a `data:` image is inert). The
/// scheme is read as browsers read it: case aside, with leading spaces and
/// control characters and tabs or newlines inside it ignored.
fn runs_code(dest: &str, kind: Target) -> bool {
    let scheme: String = dest
        .trim_start_matches(|c: char| c.is_whitespace() || c.is_control())
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take_while(|&c| c != ':')
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    let has_colon = dest.contains(':');
    has_colon
        && (scheme == "javascript"
            || scheme == "vbscript"
            || (scheme == "data" && !matches!(kind, Target::Image)))
}
