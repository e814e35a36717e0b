//! SVG images as `data:` URIs, so pages show them through `<img>` only.
//!
//! An SVG is markup: opened from its own URL it runs its scripts with the
//! portal's origin, so its raw copy is published as text
//! (`crate::model::raw_url`). Inside `<img>` no script runs, so the portal
//! shows SVG images from a `data:` URI of their bytes, made here while the
//! file is read; the linker points markdown images at it.

use crate::model::MAX_INLINE_SVG;

/// Whether a path names an SVG image.
pub fn is_svg(path: &str) -> bool {
    crate::model::extension(path) == "svg"
}

/// The `data:` URI of an SVG image's bytes, or `None` when it is larger
/// than [`MAX_INLINE_SVG`].
pub fn svg_data_uri(bytes: &[u8]) -> Option<String> {
    if bytes.len() as u64 > MAX_INLINE_SVG {
        return None;
    }
    let mut out = String::with_capacity(bytes.len() * 3 / 2 + 20);
    out.push_str("data:image/svg+xml,");
    for &byte in bytes {
        // Letters, digits and marks safe in a URI and in an HTML attribute.
        if byte.is_ascii_alphanumeric() || b"-_.~/:=,;!*()".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_data_uris_escape_what_would_end_an_attribute_or_the_uri() {
        let uri = svg_data_uri(b"<svg a=\"1\" b='2'>#x %</svg>").unwrap();
        assert_eq!(uri, "data:image/svg+xml,%3Csvg%20a=%221%22%20b=%272%27%3E%23x%20%25%3C/svg%3E");
    }

    #[test]
    fn large_svgs_get_no_uri_and_only_svg_names_are_svg() {
        assert!(svg_data_uri(&vec![b' '; MAX_INLINE_SVG as usize + 1]).is_none());
        assert!(is_svg("shots/a.SVG") && !is_svg("svg/a.png") && !is_svg("svg"));
    }
}
