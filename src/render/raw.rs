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
//! are shown from a `data:` URI made of their bytes when the file is read
//! (`Document::image_uri`): on their own page, and wherever markdown embeds
//! them, since the linker points such images at it while it renders the
//! markdown. No `.svg` file of the user's is published. An SVG too large to
//! repeat inside pages is only linked.
//!
//! This module also names what it does, in diagnostics: an SVG too large to
//! show (A191). A published-as-text file whose source holds active content
//! is noted when it is read (A190, `text::active`).

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::model::{Document, MAX_INLINE_SVG, Site, SourceFormat, extension, raw_url};
use crate::render::{Content, Output};

/// The raw copy of every input that is not markdown, under the name
/// [`raw_url`] gives it.
///
/// A text in which credentials were masked is published streamed through
/// the mask from the file, never copied; so is every text too big to hold,
/// whose excerpt may not have shown them all.
pub fn copies(site: &Site, root: &Path) -> Vec<Output<'static>> {
    site.documents
        .iter()
        .filter(|doc| doc.format != SourceFormat::Markdown)
        .map(|doc| {
            let path = root.join(&doc.path);
            let content = if doc.shown.is_some() && is_text(doc) {
                Content::Stream(Box::new(move |out| {
                    let file = std::fs::File::open(&path)?;
                    mask_stream(std::io::BufReader::new(file), out)
                }))
            } else if doc.masked > 0 {
                // Read whole, as the parse did: decoded (UTF-16 too), masked.
                Content::Stream(Box::new(move |out| {
                    let bytes = crate::fs::read(&path).map_err(std::io::Error::other)?;
                    out.write_all(crate::text::shown(&bytes).as_bytes())
                }))
            } else {
                Content::Copy(path)
            };
            Output { rel: raw_url(&doc.path), content }
        })
        .collect()
}

/// Whether a document is text that a credential could be written in.
fn is_text(doc: &Document) -> bool {
    !matches!(doc.format, SourceFormat::Image | SourceFormat::Binary)
}

/// Copies a text line by line with its credentials masked; lines without
/// any keep their bytes.
fn mask_stream(
    mut input: impl std::io::BufRead,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut masker = crate::text::secrets::Masker::default();
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(());
        }
        match masker.line(&String::from_utf8_lossy(&line)) {
            Some((masked, _)) => out.write_all(masked.as_bytes())?,
            None => out.write_all(&line)?,
        }
    }
}

/// Whether a document is an SVG image.
pub fn is_svg(doc: &Document) -> bool {
    doc.format == SourceFormat::Image && extension(&doc.path) == "svg"
}

/// What the portal did with raw copies that users should know: an SVG
/// image too large to show inline (A191).
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
    }
    notes
}
