//! What a request asks for: a file of the portal by its path, or one of the
//! server's own files under `/__attestor/`.
//!
//! Only a plain path inside the portal is accepted. `..` and `.` segments,
//! backslashes, empty segments, NUL and other control characters, absolute
//! or drive paths and percent-encodings that decode to any of those (or to
//! another percent-encoding) are refused whole, never cleaned up into
//! something else. The portal is in memory, so a path is only ever a key
//! into it; refusing such paths anyway keeps `serve` from answering what
//! no static host would.

/// Where the server's own files live; no portal path starts with it.
pub(crate) const PREFIX: &str = "/__attestor/";

/// What a request asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Route {
    /// A file of the portal, relative to its root (`index.html` for `/`).
    Portal(String),
    /// `/__attestor/reload.js`: the script that reloads a served page.
    ReloadScript,
    /// `/__attestor/serve.css`: the look of the build-error banner.
    Stylesheet,
    /// `/__attestor/events.js?since=N`: answers once the portal is no
    /// longer generation `N` (or after a while, to be asked again).
    Events(u64),
}

/// Why a request was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refused {
    /// Not a plain path inside the portal (400).
    BadPath,
    /// Under `/__attestor/` but none of its files (404).
    Unknown,
}

/// Reads the request target (`/path?query`) into a route.
pub(crate) fn route(target: &str) -> Result<Route, Refused> {
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (target, None),
    };
    let path = path.split_once('#').map_or(path, |(path, _)| path);
    if let Some(own) = path.strip_prefix(PREFIX) {
        return match own {
            "reload.js" => Ok(Route::ReloadScript),
            "serve.css" => Ok(Route::Stylesheet),
            "events.js" => Ok(Route::Events(since(query.unwrap_or("")))),
            _ => Err(Refused::Unknown),
        };
    }
    let rel = portal_path(path).ok_or(Refused::BadPath)?;
    Ok(Route::Portal(rel))
}

/// The generation a poll names with `since=N`; 0 when it names none.
fn since(query: &str) -> u64 {
    query.split('&').find_map(|pair| pair.strip_prefix("since=")?.parse().ok()).unwrap_or(0)
}

/// The portal path a URL path names, or `None` when it is not a plain
/// path inside the portal. A path ending in `/` names its `index.html`.
fn portal_path(path: &str) -> Option<String> {
    let rest = path.strip_prefix('/')?;
    let decoded = percent_decode(rest)?;
    let plain = |segment: &str| {
        !segment.is_empty()
            && segment != "."
            && segment != ".."
            && !segment.contains(['\\', ':'])
            && !segment.chars().any(char::is_control)
            && !has_escape(segment)
    };
    let (dir, file) = match decoded.rsplit_once('/') {
        Some((dir, file)) => (Some(dir), file),
        None => (None, decoded.as_str()),
    };
    if dir.is_some_and(|dir| !dir.split('/').all(plain)) {
        return None;
    }
    if file.is_empty() {
        return Some(format!("{decoded}index.html"));
    }
    plain(file).then_some(decoded)
}

/// Whether text still holds a percent-encoding once decoded: a path
/// encoded twice, which no link of the portal is.
fn has_escape(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.windows(3).any(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit())
}

/// Decodes `%XX` escapes; `None` for a malformed escape or bytes that are
/// not UTF-8. `+` stays itself: it means a space only in queries.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `Content-Type` of a portal file, by its extension.
pub(crate) fn content_type(rel: &str) -> &'static str {
    let ext = rel.rsplit_once('.').map_or("", |(_, ext)| ext).to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "txt" | "log" | "md" | "yaml" | "yml" | "toml" | "csv" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn portal(rel: &str) -> Result<Route, Refused> {
        Ok(Route::Portal(rel.to_string()))
    }

    #[test]
    fn plain_paths_name_portal_files() {
        assert_eq!(route("/"), portal("index.html"));
        assert_eq!(route("/tracker/"), portal("tracker/index.html"));
        assert_eq!(route("/docs/plans/a.html?x=1#top"), portal("docs/plans/a.html"));
        assert_eq!(route("/docs/my%20plan.html"), portal("docs/my plan.html"));
        assert_eq!(route("/tracker"), portal("tracker"));
    }

    #[test]
    fn refuses_paths_that_leave_the_portal_in_any_spelling() {
        let refused = [
            "/../secret.txt",
            "/docs/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/docs%2f..%2f..%2fsecret.txt",
            "/..%5csecret.txt",
            "/..\\secret.txt",
            "/%252e%252e/secret.txt",
            "/docs/%252e%252e%252fsecret.txt",
            "//etc/passwd",
            "/%2fetc/passwd",
            "/C:/Windows/win.ini",
            "/index.html%00.txt",
            "/docs/./a.html",
            "/a%zz",
            "/%ff",
            "relative.html",
        ];
        for target in refused {
            assert_eq!(route(target), Err(Refused::BadPath), "{target}");
        }
    }

    #[test]
    fn the_servers_own_files_are_under_their_prefix() {
        assert_eq!(route("/__attestor/reload.js"), Ok(Route::ReloadScript));
        assert_eq!(route("/__attestor/events.js?since=7"), Ok(Route::Events(7)));
        assert_eq!(route("/__attestor/events.js"), Ok(Route::Events(0)));
        assert_eq!(route("/__attestor/../index.html"), Err(Refused::Unknown));
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("assets/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("assets/search-index.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("badge.svg"), "image/svg+xml");
        assert_eq!(content_type(".nojekyll"), "application/octet-stream");
    }
}
