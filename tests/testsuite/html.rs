//! A small HTML reader for the tests: the attributes of every start tag,
//! relative links resolved to output paths, element ids, table rows as text,
//! and a crawl of the portal from a start page.
//!
//! It handles what attestor writes, quoted or (minified) unquoted values,
//! comments and raw `<script>`/`<style>` text; it is not a full HTML parser.

use std::collections::{BTreeSet, VecDeque};
use std::path::Path;

/// One attribute of one start tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr {
    /// The tag name, lowercase.
    pub tag: String,
    /// The attribute name, lowercase.
    pub name: String,
    /// The value with character references decoded.
    pub value: String,
}

/// Where a relative link leads: a path under the site root and a fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The file, relative to the site root, percent-decoded.
    pub path: String,
    /// The part after `#`, percent-decoded, if any.
    pub fragment: Option<String>,
}

/// Every attribute of every start tag, in document order.
pub fn attributes(html: &str) -> Vec<Attr> {
    let bytes = html.as_bytes();
    let mut attrs = Vec::new();
    let mut pos = 0;
    while let Some(offset) = html[pos..].find('<') {
        pos += offset;
        let rest = &html[pos..];
        if rest.starts_with("<!--") {
            pos += rest.find("-->").map_or(rest.len(), |end| end + 3);
            continue;
        }
        if !bytes.get(pos + 1).is_some_and(u8::is_ascii_alphabetic) {
            pos += 1;
            continue;
        }
        let (tag, end) = read_tag(html, pos + 1, &mut attrs);
        pos = end;
        if tag == "script" || tag == "style" {
            let close = format!("</{tag}");
            pos += html[pos..].to_ascii_lowercase().find(&close).unwrap_or(html.len() - pos);
        }
    }
    attrs
}

/// Reads a start tag from just after `<`; returns its name and the offset after `>`.
fn read_tag(html: &str, start: usize, attrs: &mut Vec<Attr>) -> (String, usize) {
    let bytes = html.as_bytes();
    let is_name_end = |b: u8| b.is_ascii_whitespace() || matches!(b, b'>' | b'/' | b'=');
    let mut pos = start;
    while pos < bytes.len() && !is_name_end(bytes[pos]) {
        pos += 1;
    }
    let tag = html[start..pos].to_ascii_lowercase();
    loop {
        while pos < bytes.len() && (bytes[pos].is_ascii_whitespace() || bytes[pos] == b'/') {
            pos += 1;
        }
        if pos >= bytes.len() || bytes[pos] == b'>' {
            return (tag, (pos + 1).min(bytes.len()));
        }
        let name_start = pos;
        while pos < bytes.len() && !is_name_end(bytes[pos]) {
            pos += 1;
        }
        let name = html[name_start..pos].to_ascii_lowercase();
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let mut value = String::new();
        if bytes.get(pos) == Some(&b'=') {
            pos += 1;
            while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
                pos += 1;
            }
            let (raw, end) = match bytes.get(pos) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let close =
                        html[pos + 1..].find(quote as char).map_or(bytes.len(), |i| pos + 1 + i);
                    (&html[pos + 1..close], close + 1)
                }
                _ => {
                    let mut end = pos;
                    while end < bytes.len()
                        && !bytes[end].is_ascii_whitespace()
                        && bytes[end] != b'>'
                    {
                        end += 1;
                    }
                    (&html[pos..end], end)
                }
            };
            value = decode_entities(raw);
            pos = end;
        }
        attrs.push(Attr { tag: tag.clone(), name, value });
    }
}

/// Decodes `&amp;`-style named references that attestor writes and numeric ones.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(semi) = rest.find(';').filter(|&i| i <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(ch) => {
                out.push(ch);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether a URL leaves the site: it has a scheme (`https:`, `mailto:`) or
/// starts with `//`.
pub fn is_external(url: &str) -> bool {
    if url.starts_with("//") {
        return true;
    }
    let scheme_end = url.find(':');
    let path_start = url.find(['/', '?', '#']).unwrap_or(url.len());
    scheme_end.is_some_and(|end| end > 0 && end < path_start)
}

/// Whether a URL fetches something from the network (`http:`, `https:`, `//`).
pub fn is_remote(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("http:") || lower.starts_with("https:") || lower.starts_with("//")
}

/// The `href`/`src` values of a page that may lead to another file.
pub fn links(html: &str) -> Vec<Attr> {
    attributes(html).into_iter().filter(|a| a.name == "href" || a.name == "src").collect()
}

/// Resolves a relative link found on page `page_rel` (a path under the site
/// root). Returns `None` for external links; `Err` if the link climbs out of
/// the site root.
pub fn resolve(page_rel: &str, url: &str) -> Option<Result<Target, String>> {
    if is_external(url) {
        return None;
    }
    let (without_fragment, fragment) = match url.split_once('#') {
        Some((path, fragment)) => (path, Some(percent_decode(fragment))),
        None => (url, None),
    };
    let path = without_fragment.split('?').next().unwrap_or("");
    let mut parts: Vec<String> = page_rel.split('/').map(str::to_string).collect();
    parts.pop();
    if path.is_empty() {
        // A link such as `#top` stays on the same page.
        return Some(Ok(Target { path: page_rel.to_string(), fragment }));
    }
    let path = percent_decode(path);
    if path.starts_with('/') {
        return Some(Err(format!("`{url}` is absolute to the domain, not relative")));
    }
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Some(Err(format!("`{url}` leads out of the site root")));
                }
            }
            _ => parts.push(segment.to_string()),
        }
    }
    Some(Ok(Target { path: parts.join("/"), fragment }))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = text.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The `id` (and `name`) values of a page: where fragments may point.
pub fn anchors(html: &str) -> BTreeSet<String> {
    let is_anchor = |a: &Attr| a.name == "id" || (a.name == "name" && a.tag == "a");
    attributes(html).into_iter().filter(is_anchor).map(|a| a.value).collect()
}

/// Every `<a>` of a page: its `href` and its text.
pub fn anchor_links(html: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut pos = 0;
    while let Some(offset) = html[pos..].find("<a") {
        let start = pos + offset;
        pos = start + 2;
        if !html[pos..].starts_with(|c: char| c.is_ascii_whitespace() || c == '>') {
            continue;
        }
        let mut attrs = Vec::new();
        let (_, after) = read_tag(html, start + 1, &mut attrs);
        let Some(href) = attrs.into_iter().find(|a| a.name == "href") else { continue };
        let close = html[after..].find("</a>").map_or(html.len(), |i| after + i);
        found.push((href.value, text_of(&html[after..close])));
        pos = after;
    }
    found
}

/// The text of each table row, cells joined by ` | `, tags removed.
pub fn row_texts(html: &str) -> Vec<String> {
    let mut rows = Vec::new();
    for chunk in html.split("<tr").skip(1) {
        let row = chunk.split("</tr>").next().unwrap_or(chunk);
        let cells: Vec<String> =
            row.split("<td").skip(1).map(|cell| text_of(&format!("<td{cell}"))).collect();
        if !cells.is_empty() {
            rows.push(cells.join(" | "));
        }
    }
    rows
}

/// The text of an HTML fragment: tags dropped, references decoded, spaces collapsed.
pub fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(ch),
            _ => {}
        }
    }
    decode_entities(&text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Follows every relative link from `start` through the HTML pages of the
/// site at `out`; returns every existing file reached, by relative path.
pub fn crawl(out: &Path, start: &str) -> BTreeSet<String> {
    let mut reached = BTreeSet::from([start.to_string()]);
    let mut queue = VecDeque::from([start.to_string()]);
    while let Some(page) = queue.pop_front() {
        let Ok(html) = std::fs::read_to_string(out.join(&page)) else { continue };
        for link in links(&html) {
            let Some(Ok(target)) = resolve(&page, &link.value) else { continue };
            if !out.join(&target.path).is_file() || !reached.insert(target.path.clone()) {
                continue;
            }
            if target.path.ends_with(".html") {
                queue.push_back(target.path);
            }
        }
    }
    reached
}

// The scanner reads quoted and unquoted values, skips comments and scripts,
// and decodes character references.
#[test]
fn html_reader_finds_attributes_in_minified_and_plain_html() {
    let html = "<!-- <a href=no> --><a class=x href=docs/a%20b.html#L3>x</a>\
                <img src='../i.png' alt=\"a &amp; b\"/><script>let s = '<a href=no>';</script>\
                <link rel=stylesheet href=\"assets/style.css\">";
    let found: Vec<String> =
        attributes(html).iter().map(|a| format!("{}.{}={}", a.tag, a.name, a.value)).collect();
    assert_eq!(
        found,
        [
            "a.class=x",
            "a.href=docs/a%20b.html#L3",
            "img.src=../i.png",
            "img.alt=a & b",
            "link.rel=stylesheet",
            "link.href=assets/style.css"
        ]
    );
    let target = resolve("docs/x/page.html", "../a%20b.html#L3").unwrap().unwrap();
    assert_eq!(target, Target { path: "docs/a b.html".into(), fragment: Some("L3".into()) });
    assert_eq!(resolve("index.html", "https://example.org/"), None);
    assert_eq!(
        resolve("index.html", "../up.html"),
        Some(Err("`../up.html` leads out of the site root".into()))
    );
}
