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
