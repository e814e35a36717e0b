//! Pages that never run anything: every page carries a strict
//! Content-Security-Policy and satisfies it (no inline style or script, no
//! event handler, nothing remote), raw copies a browser could run are
//! published as text, SVG images are shown only through `<img>`, and the
//! sitemap lists every page.
//!
//! The fixture `pages/active-content/` holds an HTML report with a script
//! and an `onload` handler, an SVG with both, a JUnit XML that names an XSL
//! stylesheet, and that stylesheet, which writes a script; its plan embeds
//! the SVG. See: issue 9.

use std::collections::{BTreeMap, BTreeSet};

use crate::html::{attributes, is_remote, resolve};
use crate::site_test::{SiteTest, read_tree};
use crate::status::diagnostic_lines;

/// The policy every page carries, as the `content` of its meta tag.
const CSP: &str = "default-src 'none'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
                   base-uri 'none'; form-action 'self'";

/// Extensions under which a host serves a file that a browser runs.
const EXECUTABLE: [&str; 9] = ["html", "htm", "xhtml", "xht", "svg", "xml", "xsl", "xslt", "shtml"];

fn extension(rel: &str) -> String {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).unwrap_or_default()
}

/// The CSP source that allows an inline `<style>` holding exactly `text`.
fn csp_hash(text: &str) -> String {
    use sha2::Digest as _;
    format!("'sha256-{}'", data_encoding::BASE64.encode(&sha2::Sha256::digest(text.as_bytes())))
}

/// The text of the page's `<style>` elements.
fn style_blocks(page: &str) -> Vec<&str> {
    page.split("<style>").skip(1).map(|rest| rest.split("</style>").next().unwrap_or("")).collect()
}

/// What is wrong with one page under the policy: a missing CSP meta in
/// `<head>`, inline styles or scripts, event handlers, resources from
/// another site than `own` (the base URL, where the portal is served).
/// The page not found alone may hold one `<style>`, allowed by its hash:
/// a host serves it at any depth, where no relative stylesheet link holds.
fn policy_problems(rel: &str, page: &str, own: Option<&str>) -> Vec<String> {
    let mut problems = Vec::new();
    let head = page.split("</head>").next().unwrap_or("");
    let styles = style_blocks(page);
    let policy = match (rel, styles.as_slice()) {
        ("404.html", [style]) => {
            CSP.replace("style-src 'self'", &format!("style-src 'self' {}", csp_hash(style)))
        }
        _ => CSP.to_string(),
    };
    let csp_meta = attributes(head).into_iter().any(|a| {
        a.tag == "meta" && a.name == "content" && a.value == policy && {
            let at = head.find("Content-Security-Policy").unwrap_or(usize::MAX);
            at < head.find("stylesheet").or_else(|| head.find("<style")).unwrap_or(0)
        }
    });
    if !csp_meta {
        problems.push(format!("{rel}: no CSP meta ahead of the stylesheet in <head>"));
    }
    if page.contains("<style") && !(rel == "404.html" && styles.len() == 1) {
        problems.push(format!("{rel}: a <style> block"));
    }
    for attr in attributes(page) {
        let name = attr.name.as_str();
        if name == "style" || name.starts_with("on") {
            problems.push(format!("{rel}: <{} {name}=…>", attr.tag));
        }
        let elsewhere =
            is_remote(&attr.value) && own.is_none_or(|own| !attr.value.starts_with(own));
        if (name == "src" || (attr.tag == "link" && name == "href")) && elsewhere {
            problems.push(format!("{rel}: <{} {name}> loads {}", attr.tag, attr.value));
        }
        if attr.tag == "a" && name == "target" {
            problems.push(format!("{rel}: a link opens a new browsing context"));
        }
    }
    // Only scripts of our own, from a file: none runs inline.
    for chunk in page.split("<script").skip(1) {
        let tag = chunk.split('>').next().unwrap_or("");
        let body = chunk.split_once('>').map_or("", |(_, rest)| rest);
        if !tag.contains("src=") || !body.starts_with("</script") {
            problems.push(format!("{rel}: an inline <script>"));
        }
    }
    problems
}

/// Every page of a built portal that breaks the policy; `own` is its base URL.
fn portal_problems(test: &SiteTest, own: Option<&str>) -> Vec<String> {
    let files = test.output_files();
    let pages: Vec<_> = files.iter().filter(|(rel, _)| rel.ends_with(".html")).collect();
    assert!(pages.len() > 5, "too few pages: {:?}", files.keys());
    let mut problems: Vec<String> = pages
        .into_iter()
        .flat_map(|(rel, bytes)| policy_problems(rel, &String::from_utf8_lossy(bytes), own))
        .collect();
    let css = String::from_utf8_lossy(&files["assets/style.css"]).to_ascii_lowercase();
    if css.contains("@import") || css.contains("url(http") || css.contains("url(//") {
        problems.push("assets/style.css loads a remote resource".to_string());
    }
    problems
}

// The detector works: a page with the policy but an inline style, an
// inline script, an onclick and a remote image has each named.
#[test]
fn policy_check_catches_inline_code_and_remote_loads() {
    let page = format!(
        "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\
         <link rel=\"stylesheet\" href=\"assets/style.css\"></head><body>\
         <p style=\"color:red\" onclick=\"x()\">x</p><script>go()</script>\
         <img src=\"https://example.com/a.png\"></body></html>"
    );
    assert_eq!(
        policy_problems("a.html", &page, Some("https://example.org/")),
        [
            "a.html: <p style=…>",
            "a.html: <p onclick=…>",
            "a.html: <img src> loads https://example.com/a.png",
            "a.html: an inline <script>",
        ]
    );
    assert_eq!(
        policy_problems(
            "b.html",
            "<html><head><link rel=stylesheet href=s.css></head></html>",
            None
        ),
        ["b.html: no CSP meta ahead of the stylesheet in <head>"]
    );
    // The page not found's <style> must be the one its policy's hash allows.
    let not_found = |hashed: &str| {
        format!(
            "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\
             <style>a{{color:red}}</style></head></html>",
            CSP.replace("style-src 'self'", &format!("style-src 'self' {}", csp_hash(hashed)))
        )
    };
    assert_eq!(
        policy_problems("404.html", &not_found("a{color:blue}"), None),
        ["404.html: no CSP meta ahead of the stylesheet in <head>"]
    );
    assert_eq!(policy_problems("404.html", &not_found("a{color:red}"), None), Vec::<String>::new());
    assert_eq!(
        policy_problems("a.html", &not_found("a{color:red}"), None),
        ["a.html: no CSP meta ahead of the stylesheet in <head>", "a.html: a <style> block"]
    );
}

// Every page of the example portal, minified as users get it, carries the
// policy and satisfies it; the progress bars take their widths from classes.
#[test]
fn example_pages_carry_a_strict_csp_they_satisfy() {
    let mut test = SiteTest::example();
    test.build_minified().expect_success();
    let problems = portal_problems(&test, None);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let dashboard = test.file("index.html");
    assert!(dashboard.contains("class=\"seg verified w-"), "{dashboard}");
    let css = test.file("assets/style.css");
    assert!(css.contains(".w-47{width:47%}"), "{css}");
}

// The fixture with active content, and the page not found with a base
// URL, satisfy the policy too.
#[test]
fn active_content_pages_carry_a_strict_csp_they_satisfy() {
    let mut test = SiteTest::from_dir("pages/active-content");
    test.build_with(&["--base-url", "https://example.org/portal"]).expect_success();
    let problems = portal_problems(&test, Some("https://example.org/portal/"));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// The page not found works at any depth: no link to a stylesheet but the
// portal's own CSS inline, allowed by its SHA-256 in the page's policy; the
// favicon as a data URI; with a base URL, links absolute under it.
#[test]
fn not_found_page_inlines_its_css_and_links_absolutely() {
    let mut test = SiteTest::from_dir("pages/active-content");
    test.build_with(&["--base-url", "https://example.org/portal"]).expect_success();
    let page = test.file("404.html");
    let css = test.file("assets/style.css");
    assert_eq!(style_blocks(&page), [css.as_str()]);
    assert!(page.contains(&format!("style-src 'self' {};", csp_hash(&css))), "{page}");
    let links: Vec<(String, String, String)> = attributes(&page)
        .into_iter()
        .filter(|a| a.name == "href" || a.name == "src")
        .map(|a| (a.tag, a.name, a.value))
        .collect();
    let icon = links.iter().find(|(tag, _, _)| tag == "link").expect("a favicon link");
    assert!(icon.2.starts_with("data:image/svg+xml;base64,"), "{icon:?}");
    for (tag, name, value) in &links {
        let fine = value.starts_with("https://example.org/portal/")
            || value.starts_with('#')
            || value.starts_with("data:");
        assert!(fine, "<{tag} {name}={value}> breaks at depth");
    }
    assert!(links.iter().any(|(_, _, v)| v == "https://example.org/portal/index.html"));
}

// Without a base URL the page not found still carries its CSS inline, and
// every other page links the SVG favicon of the portal, not the badge.
#[test]
fn not_found_page_without_base_url_still_has_its_css() {
    let mut test = SiteTest::from_dir("pages/active-content");
    test.build_minified().expect_success();
    let page = test.file("404.html");
    assert_eq!(style_blocks(&page).len(), 1, "{page}");
    assert!(!page.contains("assets/style.css"), "{page}");
    test.assert_file_contains(
        "index.html",
        "<link href=assets/favicon.svg rel=icon type=image/svg+xml>",
    );
    assert!(
        test.file("assets/favicon.svg").starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"")
    );
}

// No output keeps a name a browser runs with the user's bytes: the HTML
// report, the SVG, the XML and the XSL are published as text, byte for
// byte, under `text/<path>.txt`; the only HTML and SVG files are our own.
#[test]
fn raw_copies_a_browser_could_run_are_published_as_text() {
    let mut test = SiteTest::from_dir("pages/active-content");
    test.build().expect_success();
    let inputs = read_tree(test.root());
    let outputs = test.output_files();
    let user_bytes: BTreeSet<&Vec<u8>> = inputs.values().collect();
    let runnable: Vec<&String> = outputs
        .iter()
        .filter(|(rel, bytes)| {
            EXECUTABLE.contains(&extension(rel).as_str()) && user_bytes.contains(bytes)
        })
        .map(|(rel, _)| rel)
        .collect();
    assert!(runnable.is_empty(), "published as they are: {runnable:?}");
    for rel in ["evidence/e2e-report.html", "evidence/flow.svg", "evidence/junit.xml"] {
        let copy = format!("text/{rel}.txt");
        assert_eq!(outputs.get(&copy), inputs.get(rel), "{copy} is not the input's bytes");
    }
    assert_eq!(outputs.get("text/evidence/junit.xsl.txt"), inputs.get("evidence/junit.xsl"));
    let svgs: Vec<_> = outputs.keys().filter(|rel| extension(rel) == "svg").collect();
    assert_eq!(svgs, ["assets/favicon.svg", "badge.svg"]);
}

/// The page of `rel` in the fixture's portal, and the file its "raw file"
/// link leads to.
fn raw_link_target(test: &SiteTest, page_rel: &str) -> String {
    let page = test.file(page_rel);
    let raw = crate::html::anchor_links(&page)
        .into_iter()
        .find(|(_, text)| text == "raw file")
        .unwrap_or_else(|| panic!("{page_rel} has no raw file link"));
    let target = resolve(page_rel, &raw.0).expect("relative").expect("inside the site");
    assert!(test.out().join(&target.path).is_file(), "{page_rel}: {} is missing", target.path);
    target.path
}

// Each evidence page links its raw copy (the link works), says it is
// published as text, and shows the source escaped; the SVG is shown through
// <img> from a data URI, on its page and in the plan that embeds it.
#[test]
fn evidence_pages_show_source_and_link_their_text_copy() {
    let mut test = SiteTest::from_dir("pages/active-content");
    test.build().expect_success();
    let report = "docs/evidence/e2e-report.html.html";
    assert_eq!(raw_link_target(&test, report), "text/evidence/e2e-report.html.txt");
    test.assert_file_contains(report, "(published as text, so a browser never runs it)")
        .assert_file_contains(report, "&lt;script&gt;console.error(&quot;report script ran&quot;)");
    assert_eq!(
        raw_link_target(&test, "docs/evidence/junit.xml.html"),
        "text/evidence/junit.xml.txt"
    );
    let svg_page = "docs/evidence/flow.svg.html";
    assert_eq!(raw_link_target(&test, svg_page), "text/evidence/flow.svg.txt");
    let shown_from_data = |page_rel: &str| {
        let srcs: Vec<String> = attributes(&test.file(page_rel))
            .into_iter()
            .filter(|a| a.tag == "img" && a.name == "src")
            .map(|a| a.value)
            .collect();
        assert_eq!(srcs.len(), 1, "{page_rel}: {srcs:?}");
        assert!(srcs[0].starts_with("data:image/svg+xml,%3Csvg%20xmlns="), "{}", srcs[0]);
    };
    shown_from_data(svg_page);
    shown_from_data("docs/plans/checkout.html");
}

// Markup that holds a script, a handler or a stylesheet instruction gets a
// note at its line saying it is published as text.
#[test]
fn notes_active_content_published_as_text() {
    let mut test = SiteTest::from_dir("pages/active-content");
    test.build().expect_success();
    let note = |rel: &str, line: u32, found: &str| {
        format!(
            "info[A190] {rel}:{line} holds active content (`{found}`) that a browser would run \
             with the portal's origin; its raw copy is published as text (`text/{rel}.txt`) and \
             its page shows the source, so it never runs"
        )
    };
    assert_eq!(
        diagnostic_lines(&test),
        [
            note("evidence/e2e-report.html", 4, "<body onload="),
            note("evidence/junit.xml", 2, "<?xml-stylesheet"),
            note("evidence/junit.xsl", 5, "<script"),
        ]
    );
}

// A file and its text copy's name never collide: `x.html` and `x.html.txt`
// are both published, each with its own bytes.
#[test]
fn text_copy_and_a_file_named_like_it_both_survive() {
    let mut test = SiteTest::from_dir("pages/active-content");
    test.write_file("evidence/notes.html", "<p>first</p>\n");
    test.write_file("evidence/notes.html.txt", "second\n");
    test.build().expect_success();
    assert_eq!(test.file("text/evidence/notes.html.txt"), "<p>first</p>\n");
    assert_eq!(test.file("files/evidence/notes.html.txt"), "second\n");
}

// An SVG too large to repeat inside pages is linked, not shown, with a
// warning at its path; its page still links the text copy.
#[test]
fn warns_on_svg_too_large_to_show_and_links_its_source() {
    let mut test = SiteTest::from_dir("pages/active-content");
    let big = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\">{}</svg>\n",
        "<rect width=\"1\" height=\"1\"/>\n".repeat(80_000)
    );
    test.write_file("evidence/huge.svg", &big);
    test.build().expect_success();
    let lines = diagnostic_lines(&test);
    let expected = format!(
        "warning[A191] evidence/huge.svg:0 SVG image of {} bytes is too large to show inside \
         pages (the limit is 2097152); its page and the documents that embed it link its source \
         instead",
        big.len()
    );
    assert!(lines.contains(&expected), "{lines:#?}");
    let page = "docs/evidence/huge.svg.html";
    assert_eq!(raw_link_target(&test, page), "text/evidence/huge.svg.txt");
    test.assert_file_contains(page, "too large to show here")
        .assert_file_lacks(page, "data:image/svg+xml");
}

// The sitemap lists every page the portal writes but the page not found,
// each once, and nothing else.
#[test]
fn sitemap_lists_every_page_but_not_found() {
    let mut test = SiteTest::example();
    test.build_with(&["--no-minify", "--base-url", "https://example.org/x"]).expect_success();
    let outputs = test.output_files();
    let pages: BTreeSet<String> = outputs
        .keys()
        .filter(|rel| rel.ends_with(".html") && *rel != "404.html")
        .map(|rel| format!("https://example.org/x/{}", site_href(rel)))
        .collect();
    assert!(pages.len() > 100, "{}", pages.len());
    let sitemap = test.file("sitemap.xml");
    let locs: Vec<String> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|rest| rest.split("</loc>").next().unwrap().replace("&amp;", "&"))
        .collect();
    let listed: BTreeMap<&String, usize> = locs.iter().fold(BTreeMap::new(), |mut counts, loc| {
        *counts.entry(loc).or_default() += 1;
        counts
    });
    assert!(listed.values().all(|&n| n == 1), "listed twice: {listed:?}");
    let listed: BTreeSet<String> = locs.iter().cloned().collect();
    assert_eq!(listed.symmetric_difference(&pages).collect::<Vec<_>>(), Vec::<&String>::new());
}

/// A site path as the sitemap writes it: bytes other than unreserved
/// characters and `/` percent-encoded.
fn site_href(rel: &str) -> String {
    let mut out = String::new();
    for byte in rel.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
