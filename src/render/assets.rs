//! Stylesheets through lightningcss: minified, prefixed for the targets;
//! the favicon; and what the page not found needs to show at any depth:
//! its stylesheet inline with the CSP hash that allows it, its icon as a
//! data URI.
//!
//! The targets are fixed here rather than read from a browserslist query so
//! that the output does not change when browser usage data does.

use lightningcss::printer::PrinterOptions;
use lightningcss::stylesheet::{MinifyOptions, ParserOptions, StyleSheet};
use lightningcss::targets::{Browsers, Targets};
use sha2::{Digest as _, Sha256};

use crate::render::theme::Theme;

/// The default theme's favicon, written as `assets/favicon.svg` unless the
/// project's theme has a `static/favicon.svg` of its own.
pub const FAVICON_SVG: &str = include_str!("../../themes/default/static/favicon.svg");

/// The portal's stylesheet as it is written to `assets/style.css`: the
/// theme's CSS and the width classes, minified.
pub fn portal_css(theme: &Theme) -> anyhow::Result<String> {
    minify_css("style.css", &format!("{}\n{}", theme.css, width_classes()))
}

/// A stylesheet ready to sit inside `<style>`: a `</` (which would end the
/// element) becomes `<\/`, the same characters in a CSS string.
pub fn inline_css(css: &str) -> String {
    css.replace("</", "<\\/")
}

/// The CSP source that allows one inline `<style>` whose text is exactly
/// `text`: `'sha256-<base64>'`.
pub fn csp_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!("'sha256-{}'", data_encoding::BASE64.encode(&digest))
}

/// The favicon as a `data:` URI, for the page not found: a host serves that
/// page at any path, where no relative link to `assets/` holds. The
/// project's own `static/favicon.svg` wins, as it does for the file.
pub fn favicon_data_uri(theme: &Theme) -> String {
    let own = theme.statics.iter().find(|(rel, _)| rel == "favicon.svg");
    let bytes = own.map_or(FAVICON_SVG.as_bytes(), |(_, data)| data.as_slice());
    format!("data:image/svg+xml;base64,{}", data_encoding::BASE64.encode(bytes))
}

/// The oldest browsers the portal supports: about four years back.
fn targets() -> Targets {
    let version = |major: u32| Some(major << 16);
    Targets::from(Browsers {
        chrome: version(100),
        edge: version(100),
        firefox: version(100),
        safari: version(15),
        ios_saf: version(15),
        ..Browsers::default()
    })
}

/// Minifies a stylesheet; `name` is used in the error.
pub fn minify_css(name: &str, css: &str) -> anyhow::Result<String> {
    let mut sheet = StyleSheet::parse(
        css,
        ParserOptions { filename: name.to_string(), ..ParserOptions::default() },
    )
    .map_err(|err| anyhow::anyhow!("cannot parse stylesheet `{name}`: {err}"))?;
    sheet
        .minify(MinifyOptions { targets: targets(), ..MinifyOptions::default() })
        .map_err(|err| anyhow::anyhow!("cannot minify stylesheet `{name}`: {err}"))?;
    let printed = sheet
        .to_css(PrinterOptions { minify: true, targets: targets(), ..PrinterOptions::default() })
        .map_err(|err| anyhow::anyhow!("cannot print stylesheet `{name}`: {err}"))?;
    Ok(printed.code)
}

/// The width classes of progress-bar segments, `.w-0` to `.w-100`, in
/// percent. Pages carry no `style` attributes, which the portal's
/// Content-Security-Policy forbids, so the bars take their widths from these
/// classes. They are added after the theme's stylesheet, so a project's own
/// `css/style.css` need not carry them.
pub fn width_classes() -> String {
    (0..=100).map(|n| format!(".w-{n}{{width:{n}%}}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_classes_cover_every_whole_percent() {
        let css = width_classes();
        assert!(css.starts_with(".w-0{width:0%}.w-1{width:1%}"), "{css}");
        assert!(css.ends_with(".w-100{width:100%}"), "{css}");
        assert_eq!(minify_css("w.css", &css).unwrap().matches("width:").count(), 101);
    }

    #[test]
    fn csp_hash_is_the_base64_sha256_of_the_text() {
        // The hash of the empty string, as CSP Level 3's examples compute it.
        assert_eq!(csp_hash(""), "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
        assert_ne!(csp_hash("a{color:red}"), csp_hash("a{color:red} "));
    }

    #[test]
    fn inline_css_cannot_end_its_style_element() {
        assert_eq!(
            inline_css("a::after{content:\"</style>\"}"),
            "a::after{content:\"<\\/style>\"}"
        );
    }

    #[test]
    fn minifies_and_keeps_rules() {
        let css = minify_css("t.css", "a {\n  color: #ff0000;\n}\n").unwrap();
        assert_eq!(css, "a{color:red}");
    }

    #[test]
    fn errors_name_the_stylesheet() {
        let err = minify_css("broken.css", "a { color: red; } }}} @media {").err();
        // lightningcss recovers from most errors; a hard failure must name the file.
        if let Some(err) = err {
            assert!(err.to_string().contains("broken.css"));
        }
    }
}
