//! Stylesheets through lightningcss: minified, prefixed for the targets.
//!
//! The targets are fixed here rather than read from a browserslist query so
//! that the output does not change when browser usage data does.

use lightningcss::printer::PrinterOptions;
use lightningcss::stylesheet::{MinifyOptions, ParserOptions, StyleSheet};
use lightningcss::targets::{Browsers, Targets};

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
