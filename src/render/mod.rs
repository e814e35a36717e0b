//! Renders a linked site to the portal's files, in memory.
//!
//! `render` takes the finished `Site`, the loaded theme and the config and
//! returns every output file; it writes nothing to disk (that is
//! `crate::write`). Pages render in parallel; the result is sorted by path so
//! the output is the same on every build.

pub mod assets;
pub mod context;
pub mod graph;
pub mod minify;
pub mod pages;
pub mod raw;
pub mod search;
pub mod status;
pub mod svg;
pub mod theme;

use std::path::PathBuf;

use rayon::prelude::*;

use crate::config::BuildConfig;
use crate::model::Site;
use crate::render::context::plans::Staleness;
use crate::render::context::{SiteView, as_of};
use crate::render::theme::Theme;

/// One file of the portal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Path relative to the output folder, with `/` separators.
    pub rel: String,
    /// What goes in it.
    pub content: Content,
}

/// The content of an output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// These bytes.
    Bytes(Vec<u8>),
    /// A copy of this input file (inside ROOT).
    Copy(PathBuf),
}

/// Whether pages are minified; off for golden tests that read the HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Minify {
    /// Minify HTML (the default).
    Yes,
    /// Keep HTML as the templates write it.
    No,
}

/// Renders every output file of the portal, sorted by path.
pub fn render(
    site: &Site,
    theme: &mut Theme,
    config: &BuildConfig,
    minify: Minify,
) -> anyhow::Result<Vec<Output>> {
    // A binary file under a text name is both a page (a download) and listed as not read.
    let is_page =
        |path: &str| site.documents.binary_search_by(|d| d.path.as_str().cmp(path)).is_ok();
    let n_files = site.documents.len() + site.skipped.iter().filter(|s| !is_page(&s.path)).count();
    let view = SiteView {
        title: &config.title,
        n_files,
        as_of: as_of(site, config.build_date.as_deref()),
        img_src: if config.remote_media { "'self' data: https:" } else { "'self' data:" },
    };
    theme.tera.global_context().insert("site", &view);
    let theme: &Theme = theme;

    let html = |rel: &str, page: String| Output {
        rel: rel.to_string(),
        content: Content::Bytes(match minify {
            Minify::Yes => minify::minify_html(&page),
            Minify::No => page.into_bytes(),
        }),
    };
    let inputs = pages::DocPageInputs::new(site);
    let staleness = Staleness { as_of: view.as_of, after_days: config.stale_after_days };
    let mut page_outputs: Vec<Output> = site
        .documents
        .par_iter()
        .map(|doc| Ok(html(&doc.url, pages::document(theme, site, &inputs, doc, staleness)?)))
        .collect::<anyhow::Result<_>>()?;
    let task_pages: Vec<Output> = site
        .tasks
        .par_iter()
        .filter(|task| task.has_page())
        .map(|task| Ok(html(&task.url, pages::tasks::task(theme, &inputs, task)?)))
        .collect::<anyhow::Result<_>>()?;
    page_outputs.extend(task_pages);
    page_outputs.push(html("index.html", pages::dashboard(theme, site, &inputs, staleness)?));
    let plans = pages::plans::plans(theme, site, &inputs, staleness)?;
    page_outputs.push(html(pages::plans::URL, plans));
    let attention = pages::attention::attention(theme, site, &inputs, staleness)?;
    page_outputs.push(html(pages::attention::URL, attention));
    for (url, page) in pages::tracker::pages(theme, site, &inputs)? {
        page_outputs.push(html(&url, page));
    }
    page_outputs.push(html(pages::claims::URL, pages::claims::claims(theme, site, &inputs)?));
    page_outputs.push(html("files.html", pages::files(theme, site)?));
    for (url, page) in pages::audit(theme, site)? {
        page_outputs.push(html(&url, page));
    }
    for (url, page) in graph::pages(theme, site)? {
        page_outputs.push(html(&url, page));
    }
    page_outputs.push(html("search.html", search::page(theme)?));
    let mut outputs = assets(site, theme, config)?;
    outputs.push(html(NOT_FOUND, pages::not_found(theme, config.base_url.as_deref())?));
    outputs.extend(page_outputs);
    if let Some(base) = &config.base_url {
        let xml = sitemap(site, &outputs, base);
        outputs
            .push(Output { rel: "sitemap.xml".to_string(), content: Content::Bytes(xml.into()) });
    }
    outputs.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(outputs)
}

/// Everything that is not a page: CSS, static files, raw copies, data.
fn assets(site: &Site, theme: &Theme, config: &BuildConfig) -> anyhow::Result<Vec<Output>> {
    let bytes =
        |rel: &str, data: Vec<u8>| Output { rel: rel.to_string(), content: Content::Bytes(data) };
    let mut outputs = vec![
        bytes("assets/style.css", assets::portal_css(theme)?.into_bytes()),
        bytes("status.json", status::status_json(site).into_bytes()),
        bytes("badge.svg", svg::badge(site).into_bytes()),
        bytes(".nojekyll", Vec::new()),
    ];
    outputs.push(bytes(search::INDEX_URL, search::index_js(site).into_bytes()));
    if !theme.statics.iter().any(|(rel, _)| rel == "favicon.svg") {
        outputs.push(bytes("assets/favicon.svg", assets::FAVICON_SVG.as_bytes().to_vec()));
    }
    for (rel, data) in &theme.statics {
        outputs.push(bytes(&format!("assets/{rel}"), data.clone()));
    }
    outputs.extend(raw::copies(site, &config.root));
    Ok(outputs)
}

/// The page not found, which hosts serve at any missing path.
const NOT_FOUND: &str = "404.html";

/// Whether an output is a page of the portal that belongs in the sitemap:
/// an HTML file the theme rendered (raw copies are never pages, and the
/// theme's static files under `assets/` are not its pages), but not the
/// page not found, which is served at any missing path and indexes nothing.
fn is_indexed_page(output: &Output) -> bool {
    matches!(output.content, Content::Bytes(_))
        && output.rel.ends_with(".html")
        && !output.rel.starts_with("assets/")
        && output.rel != NOT_FOUND
}

/// The sitemap of every page the portal writes (see [`is_indexed_page`]),
/// so a page kind added to the theme is listed with no list to keep, with
/// a document's date as its last change.
fn sitemap(site: &Site, outputs: &[Output], base: &str) -> String {
    let dates: std::collections::HashMap<&str, &str> = site
        .documents
        .iter()
        .filter_map(|d| d.date.as_deref().map(|date| (d.url.as_str(), date)))
        .collect();
    let mut urls: Vec<(&str, Option<&str>)> = outputs
        .iter()
        .filter(|o| is_indexed_page(o))
        .map(|p| (p.rel.as_str(), dates.get(p.rel.as_str()).copied()))
        .collect();
    urls.sort_unstable();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (url, date) in urls {
        xml.push_str(&format!(
            "  <url><loc>{}/{}</loc>",
            pages::escape(base),
            pages::escape(&crate::model::href(url))
        ));
        if let Some(date) = date {
            xml.push_str(&format!("<lastmod>{date}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}
