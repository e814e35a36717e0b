//! Markup that would run in a browser: a script element, an
//! `xml-stylesheet` instruction (XSLT can write scripts), a `javascript:`
//! URL, or an event handler attribute inside a tag.
//!
//! The portal never serves such a file under its own name (see
//! `render::raw`); the note here tells the user so, at the first line that
//! holds active content. It is read once, when the file is parsed, so that
//! the file's text need not be held for it.

use regex::Regex;

use crate::diagnostics::Diagnostic;
use crate::model::{extension, keeps_name, raw_url};
use crate::text::words::WordRegex;

static ACTIVE: WordRegex = WordRegex::new(|| {
    Regex::new(r"(?i)<script\b|<\?xml-stylesheet\b|\bjavascript:|<[a-z][^<>]*\son[a-z]+\s*=")
        .expect("active content pattern is valid")
});

/// Extensions of markup a browser would run if the file were served under
/// its own name.
const MARKUP: [&str; 11] =
    ["html", "htm", "xhtml", "xht", "shtml", "xml", "xsl", "xslt", "svg", "mht", "mhtml"];

/// A190 for a markup file published as text whose source holds active
/// content, at the first line that does.
pub fn note(path: &str, text: &str) -> Option<Diagnostic> {
    if keeps_name(path) || !MARKUP.contains(&extension(path).as_str()) {
        return None;
    }
    let (idx, found) = text.lines().enumerate().find_map(|(idx, line)| {
        ACTIVE.find(line).map(|m| (idx, m.as_str().chars().take(24).collect::<String>()))
    })?;
    Some(Diagnostic::info(
        "A190",
        path,
        idx + 1,
        format!(
            "holds active content (`{found}`) that a browser would run with the portal's origin; its raw copy is published as text (`{}`) and its page shows the source, so it never runs",
            raw_url(path)
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_active_content_of_markup_published_as_text() {
        let html = note("r/e2e.html", "<html>\n<body onload=\"go()\">\n").unwrap();
        assert_eq!(html.location(), "r/e2e.html:2");
        assert_eq!(
            html.message,
            "holds active content (`<body onload=`) that a browser would run with the portal's origin; its raw copy is published as text (`text/r/e2e.html.txt`) and its page shows the source, so it never runs"
        );
        assert_eq!(note("j.xml", "<?xml-stylesheet href=\"s.xsl\"?>").unwrap().line, 1);
        assert!(note("j.xml", "<testsuite/>").is_none());
        // A log that mentions a script is shown as it is, and needs no note.
        assert!(note("run.log", "<script>").is_none());
    }
}
