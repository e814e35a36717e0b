//! Raw copies of the inputs, published so that no browser ever runs them.
//!
//! Every input that is not markdown is copied into the portal beside its
//! page, so nothing is lost. A browser runs what a host serves as HTML, SVG
//! or XML with the portal's origin, and hosts pick the type from the name, so
//! [`crate::model::raw_url`] keeps a name only when it is inert and publishes
//! every other file as text (`text/<path>.txt`). Those files' pages show
//! their source, escaped.
//!
//! An SVG image must still be seen. Inside `<img>` an SVG's scripts never
//! run, but the same file opened from a URL would run them; so SVG images
//! are shown from a `data:` URI made of their bytes (on their own page and
//! wherever markdown embeds them), and no `.svg` file of the user's is
//! published. An SVG too large to repeat inside pages is only linked.
//!
//! This module also names what it does, in diagnostics: a published-as-text
//! file whose source holds active content (A190), an SVG too large to show
//! (A191).

use std::collections::HashMap;
use std::path::Path;
use std::sync::LazyLock;

use rayon::prelude::*;
use regex::Regex;

use crate::diagnostics::Diagnostic;
use crate::model::{Document, Site, SourceFormat, href, keeps_name, raw_url};
use crate::render::{Content, Output};

/// The largest SVG image shown inline, in bytes; a larger one is repeated in
/// every page that shows it, so it is only linked.
pub const MAX_INLINE_SVG: u64 = 2 * 1024 * 1024;

/// The raw copy of every input that is not markdown, under the name
/// [`raw_url`] gives it.
pub fn copies(site: &Site, root: &Path) -> Vec<Output> {
    site.documents
        .iter()
        .filter(|doc| doc.format != SourceFormat::Markdown)
        .map(|doc| Output { rel: raw_url(&doc.path), content: Content::Copy(root.join(&doc.path)) })
        .collect()
}

/// Whether a document is an SVG image.
pub fn is_svg(doc: &Document) -> bool {
    doc.format == SourceFormat::Image && extension(&doc.path) == "svg"
}

/// The SVG images of a site as `data:` URIs, for `<img>` only.
#[derive(Debug, Default)]
pub struct SvgImages {
    /// Data URI by the `href` of the image's raw copy (site-relative).
    by_href: HashMap<String, String>,
}

impl SvgImages {
    /// Reads the site's SVG images (those of at most [`MAX_INLINE_SVG`]
    /// bytes) from `root`. The parse has read them once already, so an error
    /// here is one of the environment and stops the build.
    pub fn read(site: &Site, root: &Path) -> anyhow::Result<SvgImages> {
        let by_href = site
            .documents
            .par_iter()
            .filter(|doc| is_svg(doc) && doc.size <= MAX_INLINE_SVG)
            .map(|doc| {
                let bytes = crate::fs::read(&root.join(&doc.path))?;
                Ok((href(&raw_url(&doc.path)), data_uri(&bytes)))
            })
            .collect::<anyhow::Result<_>>()?;
        Ok(SvgImages { by_href })
    }

    /// The data URI of the SVG image at `path`, if it is shown inline.
    pub fn of_path(&self, path: &str) -> Option<&str> {
        self.by_href.get(&href(&raw_url(path))).map(String::as_str)
    }

    /// The HTML with every `src="{prefix}<raw copy of an SVG>"` replaced
    /// by the image's data URI: markdown embeds images by their raw copy,
    /// which for an SVG is text no `<img>` shows.
    pub fn inline(&self, html: &str, prefix: &str) -> String {
        if self.by_href.is_empty() {
            return html.to_string();
        }
        let attr = format!("src=\"{prefix}");
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(at) = rest.find(&attr) {
            let value_at = at + attr.len();
            out.push_str(&rest[..value_at - prefix.len()]);
            let end = rest[value_at..].find('"').map_or(rest.len(), |n| value_at + n);
            match self.by_href.get(&rest[value_at..end]) {
                Some(uri) => out.push_str(&crate::render::pages::escape(uri)),
                None => out.push_str(&rest[value_at - prefix.len()..end]),
            }
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
    }
}

/// `data:image/svg+xml,` and the bytes, percent-encoded but for letters,
/// digits and a few marks that are safe in a URI and in an HTML attribute.
fn data_uri(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3 / 2 + 20);
    out.push_str("data:image/svg+xml,");
    for &byte in bytes {
        if byte.is_ascii_alphanumeric() || b"-_.~/:=,;!*()".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// What the portal did with raw copies that users should know: a file
/// published as text whose source holds active content (A190, a note), an
/// SVG image too large to show inline (A191).
pub fn notes(site: &Site) -> Vec<Diagnostic> {
    let mut notes = Vec::new();
    for doc in &site.documents {
        if is_svg(doc) && doc.size > MAX_INLINE_SVG {
            notes.push(
                Diagnostic::warning(
                    "A191",
                    &doc.path,
                    0,
                    format!(
                        "SVG image of {} bytes is too large to show inside pages (the limit is {MAX_INLINE_SVG}); its page and the documents that embed it link its source instead",
                        doc.size
                    ),
                )
                .with_help("export a smaller SVG, or a PNG"),
            );
        }
        if let Some(note) = active_content_note(doc) {
            notes.push(note);
        }
    }
    notes
}

/// Markup that runs in a browser: a script element, an `xml-stylesheet`
/// instruction (XSLT can write scripts), a `javascript:` URL, or an event
/// handler attribute inside a tag.
static ACTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)<script\b|<\?xml-stylesheet\b|\bjavascript:|<[a-z][^<>]*\son[a-z]+\s*=")
        .expect("active content pattern is valid")
});

/// Extensions of markup a browser would run if the file were served under
/// its own name.
const MARKUP: [&str; 11] =
    ["html", "htm", "xhtml", "xht", "shtml", "xml", "xsl", "xslt", "svg", "mht", "mhtml"];

/// A190 for a markup file published as text whose source holds active
/// content, at the first line that does.
fn active_content_note(doc: &Document) -> Option<Diagnostic> {
    if keeps_name(&doc.path) || !MARKUP.contains(&extension(&doc.path).as_str()) {
        return None;
    }
    let text = doc.text.as_deref()?;
    let (idx, found) = text.lines().enumerate().find_map(|(idx, line)| {
        ACTIVE.find(line).map(|m| (idx, m.as_str().chars().take(24).collect::<String>()))
    })?;
    Some(Diagnostic::info(
        "A190",
        &doc.path,
        idx + 1,
        format!(
            "holds active content (`{found}`) that a browser would run with the portal's origin; its raw copy is published as text (`{}`) and its page shows the source, so it never runs",
            raw_url(&doc.path)
        ),
    ))
}

/// A path's extension, lowercase.
fn extension(path: &str) -> String {
    let name = crate::model::file_name(path);
    name.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocKind;

    fn doc(path: &str, format: SourceFormat, text: &str) -> Document {
        let mut doc = Document::new(path.to_string(), DocKind::Page, format);
        doc.text = Some(text.to_string());
        doc
    }

    #[test]
    fn svg_data_uris_escape_what_would_end_an_attribute_or_the_uri() {
        let uri = data_uri(b"<svg a=\"1\" b='2'>#x %</svg>");
        assert_eq!(uri, "data:image/svg+xml,%3Csvg%20a=%221%22%20b=%272%27%3E%23x%20%25%3C/svg%3E");
    }

    #[test]
    fn inlines_only_svg_raw_copies_under_the_page_prefix() {
        let mut images = SvgImages::default();
        images.by_href.insert(href(&raw_url("img/a b.svg")), "data:image/svg+xml,X".to_string());
        let html = "<img src=\"../text/img/a%20b.svg.txt\" alt=\"a\"><img src=\"../files/c.png\">";
        assert_eq!(
            images.inline(html, "../"),
            "<img src=\"data:image/svg+xml,X\" alt=\"a\"><img src=\"../files/c.png\">"
        );
        assert_eq!(images.inline("<img src=\"../text/x", "../"), "<img src=\"../text/x");
    }

    #[test]
    fn notes_active_content_of_markup_published_as_text() {
        let html = doc("r/e2e.html", SourceFormat::Text, "<html>\n<body onload=\"go()\">\n");
        let note = active_content_note(&html).unwrap();
        assert_eq!(note.location(), "r/e2e.html:2");
        assert_eq!(
            note.message,
            "holds active content (`<body onload=`) that a browser would run with the portal's origin; its raw copy is published as text (`text/r/e2e.html.txt`) and its page shows the source, so it never runs"
        );
        let xml = doc("j.xml", SourceFormat::Xml, "<?xml-stylesheet href=\"s.xsl\"?>");
        assert_eq!(active_content_note(&xml).unwrap().line, 1);
        assert!(active_content_note(&doc("j.xml", SourceFormat::Xml, "<testsuite/>")).is_none());
        // A log that mentions a script is shown as it is, and needs no note.
        assert!(active_content_note(&doc("run.log", SourceFormat::Text, "<script>")).is_none());
    }
}
