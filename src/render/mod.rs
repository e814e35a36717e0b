//! Renders a linked site to the portal's files.
//!
//! `render` takes the finished `Site`, the loaded theme and the config and
//! hands every output file to a sink as soon as it is made; it writes
//! nothing to disk itself (the build's sink is `crate::write::Staging`).
//! Pages render in parallel, and none is held until the others are done.

pub mod assets;
pub mod compact;
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
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::config::BuildConfig;
use crate::model::Site;
use crate::render::context::plans::Staleness;
use crate::render::context::{SiteView, as_of};
use crate::render::theme::Theme;
use crate::timing::Stages;

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

/// Where the rendered files go, one at a time, from any rendering thread:
/// the staging folder of a build, or nowhere when nothing is published.
pub type Sink<'s> = dyn Fn(Output) -> anyhow::Result<()> + Sync + 's;

/// Renders every output file of the portal and hands each to `sink` as soon
/// as it is made, so no page waits in memory for the others. Returns how
/// many files the portal has. The order files reach `sink` is not set; what
/// they hold is the same on every build.
pub fn render(
    site: &Site,
    theme: &mut Theme,
    config: &BuildConfig,
    minify: Minify,
    stages: &mut Stages,
    sink: &Sink<'_>,
) -> anyhow::Result<usize> {
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

    let n_outputs = AtomicUsize::new(0);
    // The pages for the sitemap: every page rendered, but the page not
    // found, which is served at any missing path and indexes nothing.
    let indexed: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let emit = |output: Output| {
        n_outputs.fetch_add(1, Ordering::Relaxed);
        sink(output)
    };
    // Pages of which the portal has one or a few go through the HTML
    // minifier. The pages of each document, task, facet value and plan do
    // not: their templates lost their whitespace when the theme loaded
    // (`compact`), and minify-html would save a few per cent more of their
    // bytes at more than half the build's time.
    let page = |rel: &str, page: String, front: bool| {
        if rel != NOT_FOUND {
            indexed.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push(rel.to_string());
        }
        let bytes = match minify {
            Minify::Yes if front => minify::minify_html(&page),
            _ => page.into_bytes(),
        };
        emit(Output { rel: rel.to_string(), content: Content::Bytes(bytes) })
    };
    let front = |rel: &str, html: String| page(rel, html, true);
    let html = |rel: &str, html: String| page(rel, html, false);
    let pages_of = |list: Vec<(String, String)>| -> anyhow::Result<()> {
        list.into_par_iter().try_for_each(|(url, page)| html(&url, page))
    };
    let inputs = stages.time("page inputs", || pages::DocPageInputs::new(site));
    let staleness = Staleness { as_of: view.as_of, after_days: config.stale_after_days };
    stages.time("document pages", || {
        site.documents.par_iter().try_for_each(|doc| {
            html(&doc.url, pages::document(theme, site, &inputs, doc, staleness)?)
        })
    })?;
    stages.time("task pages", || {
        site.tasks
            .par_iter()
            .filter(|task| task.has_page())
            .try_for_each(|task| html(&task.url, pages::tasks::task(theme, &inputs, task)?))
    })?;
    stages.time("dashboard, plans, attention", || -> anyhow::Result<()> {
        front("index.html", pages::dashboard(theme, site, &inputs, staleness)?)?;
        front(pages::plans::URL, pages::plans::plans(theme, site, &inputs, staleness)?)?;
        front(pages::attention::URL, pages::attention::attention(theme, site, &inputs, staleness)?)
    })?;
    stages.time("tracker pages", || pages_of(pages::tracker::pages(theme, site, &inputs)?))?;
    stages.time("claims, files, audit pages", || -> anyhow::Result<()> {
        front(pages::claims::URL, pages::claims::claims(theme, site, &inputs)?)?;
        front("files.html", pages::files(theme, site)?)?;
        pages_of(pages::audit(theme, site)?)
    })?;
    stages.time("graph pages", || pages_of(graph::pages(theme, site)?))?;
    front("search.html", search::page(theme)?)?;
    front(NOT_FOUND, pages::not_found(theme, config.base_url.as_deref())?)?;
    stages.time("assets and search index", || {
        assets(site, theme, config)?.into_par_iter().try_for_each(emit)
    })?;
    if let Some(base) = &config.base_url {
        let indexed = indexed.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
        let xml = sitemap(site, indexed, base);
        emit(Output { rel: "sitemap.xml".to_string(), content: Content::Bytes(xml.into()) })?;
    }
    Ok(n_outputs.into_inner())
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

/// The sitemap of every page the portal writes (the pages the theme
/// rendered, never raw copies or the theme's static files), so a page kind
/// added to the theme is listed with no list to keep, with a document's
/// date as its last change.
fn sitemap(site: &Site, pages: Vec<String>, base: &str) -> String {
    let dates: std::collections::HashMap<&str, &str> = site
        .documents
        .iter()
        .filter_map(|d| d.date.as_deref().map(|date| (d.url.as_str(), date)))
        .collect();
    let mut urls: Vec<(&str, Option<&str>)> =
        pages.iter().map(|rel| (rel.as_str(), dates.get(rel.as_str()).copied())).collect();
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
