//! HTML through minify-html, with settings that keep pages valid.
//!
//! Minification is on for real builds and off in golden tests, which compare
//! readable HTML.

use std::sync::LazyLock;

static CFG: LazyLock<minify_html::Cfg> = LazyLock::new(|| {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.minify_css = false;
    cfg.minify_js = false;
    cfg
});

/// The largest page worth minifying. A front page grows with the tree (the
/// files page lists every file, the plans page every plan), and minify-html
/// holds a page's whole tree while it works: on the generator's
/// 10,000-document tree its four front pages of 0.9 to 6 MB held 109 MB at
/// once (massif) to save 1.7 to 4.3 % of their bytes (270 KB of the build's
/// 1.08 GB), since their templates already lost their whitespace. Pages
/// over this size are written as rendered.
pub const MAX_BYTES: usize = 512 * 1024;

/// Minifies one HTML page.
pub fn minify_html(html: &str) -> Vec<u8> {
    minify_html::minify(html.as_bytes(), &CFG)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_whitespace_and_keeps_closing_tags() {
        let out =
            minify_html("<!DOCTYPE html>\n<html>\n<body>\n  <p>Hi   there</p>\n</body>\n</html>\n");
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("<p>Hi there</p>"), "{out}");
    }
}

#[cfg(test)]
mod entity_tests {
    use super::*;

    /// Entities are decoded and written again as minify-html does with its
    /// published tables (the vendored copy stores them sparsely): named
    /// ones with and without `;`, a name that is a prefix of a longer one,
    /// decimal and hex references, unknown names, in text and attributes.
    #[test]
    fn entities_come_out_as_with_the_published_tables() {
        let html = "<p title=\"a &amp; b &quot;q&quot; &lt;x&gt;\">&amp; &lt; &gt; &nbsp; \
                    &copy &copy; &ampere; &amp &notin; &notit; &#65; &#x42; &#X43; &#0; \
                    &bogus; &NotNestedGreaterGreater; &ThickSpace; &zwnj; &hellip; a&b</p>";
        let out = String::from_utf8(minify_html(html)).unwrap();
        assert_eq!(out, EXPECTED, "{out}");
    }

    const EXPECTED: &str = "<p title='a & b \"q\" <x>'>& &lt; > \u{a0} © © &ere; & ∉ ¬it; A B &#X43; \0 &bogus; ⪢\u{338} \u{205f}\u{200a} \u{200c} … a&b</p>";
}
