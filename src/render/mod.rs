//! Renders a linked site to the portal's files.
//!
//! `render` takes the finished `Site`, the loaded theme and the config and
//! hands every output file to a sink as soon as it is made; it writes
//! nothing to disk itself (the build's sink is `crate::write::Staging`).
//! Pages render in parallel, and none is held until the others are done.
//! The portal is a list of [`Job`]s, each rendered on its own by a
//! [`Renderer`]: `render` runs them all, `serve` only the one a request
//! needs.

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

use std::io;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::config::BuildConfig;
use crate::model::{Document, Site, Task, document_at};
use crate::render::context::plans::Staleness;
use crate::render::context::{SiteView, as_of};
use crate::render::theme::Theme;
use crate::timing::Stages;

/// One file of the portal.
#[derive(Debug)]
pub struct Output<'a> {
    /// Path relative to the output folder, with `/` separators.
    pub rel: String,
    /// What goes in it.
    pub content: Content<'a>,
}

/// The content of an output file.
pub enum Content<'a> {
    /// These bytes.
    Bytes(Vec<u8>),
    /// A copy of this input file (inside ROOT).
    Copy(PathBuf),
    /// The bytes this function writes, made while the file is written: the
    /// data files of a large tree (status.json is 100 MB at 10,000
    /// documents) never sit whole in memory.
    Stream(Box<Writes<'a>>),
}

/// A function that writes a file's bytes.
pub type Writes<'a> = dyn Fn(&mut dyn io::Write) -> io::Result<()> + Send + Sync + 'a;

/// The bytes a streamed content writes, made in memory.
pub fn written(write: &Writes<'_>) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    write(&mut bytes)?;
    Ok(bytes)
}

impl Output<'_> {
    /// The same file with a streamed content made into bytes, to be held
    /// in memory (by a benchmark) after the rendering ends.
    pub fn in_memory(self) -> io::Result<Output<'static>> {
        let content = match self.content {
            Content::Bytes(bytes) => Content::Bytes(bytes),
            Content::Copy(path) => Content::Copy(path),
            Content::Stream(write) => Content::Bytes(written(&write)?),
        };
        Ok(Output { rel: self.rel, content })
    }
}

impl std::fmt::Debug for Content<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Content::Bytes(bytes) => f.debug_tuple("Bytes").field(&bytes.len()).finish(),
            Content::Copy(path) => f.debug_tuple("Copy").field(path).finish(),
            Content::Stream(_) => f.write_str("Stream"),
        }
    }
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
pub type Sink<'s> = dyn Fn(Output<'_>) -> anyhow::Result<()> + Sync + 's;

/// Where a page kind with many pages hands each (URL, HTML) as it is made,
/// so that none waits in memory for the others.
pub type Emit<'s> = dyn Fn(String, String) -> anyhow::Result<()> + Sync + 's;

/// One piece of the portal that renders on its own: a page, or a group of
/// files made together. `render` runs them all; `serve` runs the one a
/// request needs.
#[derive(Debug, Clone, Copy)]
pub enum Job<'s> {
    /// A document's page, at its `url`.
    Document(&'s Document),
    /// The page of a task with an id of its own, at its `url`.
    Task(&'s Task),
    /// One of the portal's front pages, of which it has one each.
    Front(Front),
    /// The tracker: `tasks.html` and its facet pages.
    Tracker,
    /// The audit trail's pages.
    Audit,
    /// The dependency graph's pages.
    Graph,
    /// The files that come from the theme alone: CSS, icon, static files.
    ThemeFiles,
    /// status.json, provenance.json and the badge.
    Data,
    /// The search index, which reads every document's body.
    Index,
    /// The raw copies of input files.
    Copies,
}

/// The pages of which the portal has one each, at a fixed path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Front {
    /// `index.html`.
    Dashboard,
    /// The list of plans.
    Plans,
    /// What needs attention.
    Attention,
    /// Every claim with its verdict.
    Claims,
    /// Every input file, read or not.
    Files,
    /// The search page.
    Search,
    /// The page not found, which hosts serve at any missing path.
    NotFound,
}

impl Front {
    /// Every front page, in the order `render` makes them.
    pub const ALL: [Front; 7] = [
        Front::Dashboard,
        Front::Plans,
        Front::Attention,
        Front::Claims,
        Front::Files,
        Front::Search,
        Front::NotFound,
    ];

    /// Where the page is, relative to the portal's root.
    pub fn url(self) -> &'static str {
        match self {
            Front::Dashboard => "index.html",
            Front::Plans => pages::plans::URL,
            Front::Attention => pages::attention::URL,
            Front::Claims => pages::claims::URL,
            Front::Files => "files.html",
            Front::Search => "search.html",
            Front::NotFound => NOT_FOUND,
        }
    }
}

impl Job<'_> {
    /// Whether its files are pages the theme rendered rather than assets.
    pub fn makes_pages(self) -> bool {
        !matches!(self, Job::ThemeFiles | Job::Data | Job::Index | Job::Copies)
    }

    /// Whether its pages are listed in the sitemap: the page not found is
    /// served anywhere and indexes nothing.
    fn indexed(self) -> bool {
        self.makes_pages() && !matches!(self, Job::Front(Front::NotFound))
    }
}

/// What renders the portal's jobs: the site, the theme with the site's
/// view in its context, and the indexes every page reads, made once.
pub struct Renderer<'s> {
    site: &'s Site,
    theme: &'s Theme,
    config: &'s BuildConfig,
    minify: Minify,
    inputs: pages::DocPageInputs<'s>,
    staleness: Staleness<'s>,
}

impl<'s> Renderer<'s> {
    /// Readies `theme` to render `site` and builds the indexes its pages read.
    pub fn new(
        site: &'s Site,
        theme: &'s mut Theme,
        config: &'s BuildConfig,
        minify: Minify,
    ) -> Renderer<'s> {
        // A binary file under a text name is both a page (a download) and listed as not read.
        let is_page = |path: &str| document_at(&site.documents, path).is_some();
        let n_files =
            site.documents.len() + site.skipped.iter().filter(|s| !is_page(&s.path)).count();
        let as_of = as_of(site, config.build_date.as_deref());
        let view = SiteView {
            title: &config.title,
            n_files,
            as_of,
            img_src: if config.remote_media { "'self' data: https:" } else { "'self' data:" },
        };
        theme.tera.global_context().insert("site", &view);
        let staleness = Staleness { as_of, after_days: config.stale_after_days };
        let inputs = pages::DocPageInputs::new(site, &config.root);
        Renderer { site, theme, config, minify, inputs, staleness }
    }

    /// The job that makes the page at `rel` when it is a page of its own (a
    /// document's, a task's or a front page); `None` for the files of
    /// groups, which only running the group tells.
    pub fn page_job(&self, rel: &str) -> Option<Job<'s>> {
        let site = self.site;
        if let Some(front) = Front::ALL.into_iter().find(|f| f.url() == rel) {
            return Some(Job::Front(front));
        }
        if let Some(doc) = site.documents.iter().find(|d| d.url == rel) {
            return Some(Job::Document(doc));
        }
        site.tasks.iter().find(|t| t.has_page() && *t.url == *rel).map(Job::Task)
    }

    /// The jobs that make groups of files, in the order `serve` runs them
    /// to find a file that no page's job makes.
    pub const GROUPS: [Job<'static>; 7] =
        [Job::ThemeFiles, Job::Data, Job::Index, Job::Tracker, Job::Audit, Job::Graph, Job::Copies];

    /// Renders one job and hands each of its files to `sink`; a group's
    /// files render in parallel.
    pub fn run(&self, job: Job<'s>, sink: &Sink<'_>) -> anyhow::Result<()> {
        let (site, theme, inputs, staleness) =
            (self.site, self.theme, &self.inputs, self.staleness);
        // Pages of which the portal has one or a few go through the HTML
        // minifier, up to a size (see `minify::MAX_BYTES`). The pages of each
        // document, task, facet value and plan do not: their templates lost
        // their whitespace when the theme loaded (`compact`), and minify-html
        // would save a few per cent more of their bytes at more than half the
        // build's time.
        let html = |rel: &str, page: String| {
            let bytes = match self.minify {
                Minify::Yes if matches!(job, Job::Front(_)) && page.len() <= minify::MAX_BYTES => {
                    minify::minify_html(&page)
                }
                _ => page.into_bytes(),
            };
            sink(Output { rel: rel.to_string(), content: Content::Bytes(bytes) })
        };
        let emit = |url: String, page: String| html(&url, page);
        match job {
            Job::Document(doc) => {
                html(&doc.url, pages::document(theme, site, inputs, doc, staleness)?)
            }
            Job::Task(task) => html(&task.url, pages::tasks::task(theme, inputs, task)?),
            Job::Front(front) => html(front.url(), self.front(front)?),
            Job::Tracker => pages::tracker::pages(theme, site, inputs, &emit),
            Job::Audit => pages::audit(theme, site, &emit),
            Job::Graph => graph::pages(theme, site, &emit),
            Job::ThemeFiles => theme_files(theme)?.into_par_iter().try_for_each(sink),
            // Each written as it is made, never whole in memory: at 10,000
            // documents status.json is 100 MB (and the index, below, 80 MB).
            Job::Data => data_files().into_par_iter().try_for_each(|(rel, write)| {
                let config = self.config;
                let content = Content::Stream(Box::new(move |out| write(site, config, out)));
                sink(Output { rel: rel.to_string(), content })
            }),
            Job::Index => {
                let content = Content::Stream(Box::new(|out| search::write_index_js(site, out)));
                sink(Output { rel: search::INDEX_URL.to_string(), content })
            }
            Job::Copies => raw::copies(site, &self.config.root).into_par_iter().try_for_each(sink),
        }
    }

    /// A front page's HTML, before minifying.
    fn front(&self, front: Front) -> anyhow::Result<String> {
        let (site, theme, inputs, staleness) =
            (self.site, self.theme, &self.inputs, self.staleness);
        match front {
            Front::Dashboard => pages::dashboard(theme, site, inputs, staleness),
            Front::Plans => pages::plans::plans(theme, site, inputs, staleness),
            Front::Attention => pages::attention::attention(theme, site, inputs, staleness),
            Front::Claims => pages::claims::claims(theme, site, inputs),
            Front::Files => pages::files(theme, site),
            Front::Search => search::page(theme),
            Front::NotFound => pages::not_found(theme, self.config.base_url.as_deref()),
        }
    }
}

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
    let progress = documents(site, theme, config, minify, stages, sink)?;
    rest(site, theme, stages, progress)
}

/// What [`documents`] rendered, and how, for [`rest`] to go on from.
pub struct Progress<'a> {
    config: &'a BuildConfig,
    minify: Minify,
    sink: &'a Sink<'a>,
    /// How many files were handed to the sink.
    n_outputs: usize,
    /// The pages for the sitemap so far.
    indexed: Vec<String>,
}

/// The first part of [`render`]: every document's page and the search
/// index, the two that read the documents' bodies (`Document::body_html`).
/// A build lets go of the bodies before the [`rest`].
pub fn documents<'a>(
    site: &Site,
    theme: &mut Theme,
    config: &'a BuildConfig,
    minify: Minify,
    stages: &mut Stages,
    sink: &'a Sink<'a>,
) -> anyhow::Result<Progress<'a>> {
    let renderer = stages.time("page inputs", || {
        let renderer = Renderer::new(site, theme, config, minify);
        renderer.inputs.prepare();
        renderer
    });
    let counted = Counted::new(&renderer, sink, (0, Vec::new()));
    stages.time("document pages, search index", || {
        let (pages, index) = rayon::join(
            // In small pieces: the search index keeps one thread to itself
            // for a while, and the pieces rayon cuts for two threads are a
            // quarter of the documents each, which the thread that comes
            // back from the index could not share.
            || {
                site.documents
                    .par_iter()
                    .with_max_len(DOCS_AT_ONCE)
                    .try_for_each(|doc| counted.run(Job::Document(doc)))
            },
            || counted.run(Job::Index),
        );
        pages.and(index)
    })?;
    let (n_outputs, indexed) = counted.counts();
    Ok(Progress { config, minify, sink, n_outputs, indexed })
}

/// The most document pages one thread takes at a time beside the search
/// index: a few milliseconds of work.
const DOCS_AT_ONCE: usize = 32;

/// The most tasks one thread takes at a time for their pages (of which two
/// in three have none): pieces of about a millisecond, so that neither
/// thread is left alone with a long one at the end.
const TASKS_AT_ONCE: usize = 256;

/// The rest of [`render`], after [`documents`]: the task pages, the
/// tracker, the portal's own pages and files, and the sitemap. Returns how
/// many files the portal has.
pub fn rest(
    site: &Site,
    theme: &mut Theme,
    stages: &mut Stages,
    progress: Progress<'_>,
) -> anyhow::Result<usize> {
    let Progress { config, minify, sink, n_outputs, indexed } = progress;
    let renderer = Renderer::new(site, theme, config, minify);
    let counted = Counted::new(&renderer, sink, (n_outputs, indexed));
    stages.time("task pages", || {
        site.tasks
            .par_iter()
            .with_max_len(TASKS_AT_ONCE)
            .filter(|task| task.has_page())
            .try_for_each(|task| counted.run(Job::Task(task)))
    })?;
    // The tracker's facet pages render in parallel among themselves, after
    // its rows (53 MB at 10,000 documents) are made once for all of them.
    stages.time("tracker pages", || counted.run(Job::Tracker))?;
    // The portal's other pages and files, in two lines side by side: most
    // of them are made by one thread (the dashboard, the plans,
    // status.json), so one after another they left a core idle. The pages
    // that hold a view of every plan, every item to look at or every file
    // (plans, attention, dashboard, files) take one line, one after
    // another, beside status.json, which is written as it is made: at
    // 100,000 documents two of them side by side took 100-200 MB more.
    stages.time("front pages, audit, graph, data", || {
        let line = |jobs: [_; 6]| jobs.into_iter().try_for_each(|job| counted.run(job));
        let (first, second) = rayon::join(
            || {
                line([
                    Job::Front(Front::Plans),
                    Job::Front(Front::Attention),
                    Job::Front(Front::Dashboard),
                    Job::Front(Front::Files),
                    Job::Audit,
                    Job::Copies,
                ])
            },
            || {
                line([
                    Job::Data,
                    Job::Graph,
                    Job::Front(Front::Claims),
                    Job::Front(Front::Search),
                    Job::Front(Front::NotFound),
                    Job::ThemeFiles,
                ])
            },
        );
        first.and(second)
    })?;
    let (mut n_outputs, indexed) = counted.counts();
    if let Some(base) = &config.base_url {
        let xml = sitemap(site, indexed, base);
        let output = Output { rel: SITEMAP.to_string(), content: Content::Bytes(xml.into()) };
        n_outputs += 1;
        sink(output)?;
    }
    Ok(n_outputs)
}

/// A renderer whose files are counted, and its pages listed for the
/// sitemap when there is one, on their way to the sink.
struct Counted<'r, 's> {
    renderer: &'r Renderer<'s>,
    sink: &'r Sink<'r>,
    n_outputs: AtomicUsize,
    /// Whether the pages are listed: only a site with a `base_url` has a
    /// sitemap, and at 100,000 documents the list is 620,000 paths.
    listed: bool,
    indexed: Mutex<Vec<String>>,
}

impl<'r, 's> Counted<'r, 's> {
    /// Counting on from `counts` (see [`Counted::counts`]).
    fn new(
        renderer: &'r Renderer<'s>,
        sink: &'r Sink<'r>,
        (n_outputs, indexed): (usize, Vec<String>),
    ) -> Self {
        let listed = renderer.config.base_url.is_some();
        let (n_outputs, indexed) = (n_outputs.into(), indexed.into());
        Counted { renderer, sink, n_outputs, listed, indexed }
    }

    fn run(&self, job: Job<'s>) -> anyhow::Result<()> {
        self.renderer.run(job, &|output: Output<'_>| {
            self.n_outputs.fetch_add(1, Ordering::Relaxed);
            // The pages for the sitemap: every page rendered, but the page
            // not found, which is served at any missing path and indexes
            // nothing.
            if self.listed && job.indexed() {
                let mut indexed =
                    self.indexed.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                indexed.push(output.rel.clone());
            }
            (self.sink)(output)
        })
    }

    /// How many files went to the sink, and the pages for the sitemap.
    fn counts(self) -> (usize, Vec<String>) {
        let indexed = self.indexed.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
        (self.n_outputs.into_inner(), indexed)
    }
}

/// The sitemap's place, written when the config names a base URL.
pub const SITEMAP: &str = "sitemap.xml";

/// The files that come from the theme alone: the stylesheet, the icon,
/// the theme's static files and `.nojekyll`.
fn theme_files(theme: &Theme) -> anyhow::Result<Vec<Output<'static>>> {
    let mut outputs = vec![
        bytes("assets/style.css", assets::portal_css(theme)?.into_bytes()),
        bytes(".nojekyll", Vec::new()),
    ];
    if !theme.statics.iter().any(|(rel, _)| rel == "favicon.svg") {
        outputs.push(bytes("assets/favicon.svg", assets::FAVICON_SVG.as_bytes().to_vec()));
    }
    for (rel, data) in &theme.statics {
        outputs.push(bytes(&format!("assets/{rel}"), data.clone()));
    }
    Ok(outputs)
}

/// A data file's path in the portal and the function that writes it.
type DataFile = (&'static str, fn(&Site, &BuildConfig, &mut dyn io::Write) -> io::Result<()>);

/// The site's data for programs and scripts: status.json, the evidence's
/// provenance and the badge, each with the function that writes it (the
/// search index is a job of its own).
fn data_files() -> [DataFile; 3] {
    [
        ("status.json", status::write_status_json),
        (crate::provenance::FILE_NAME, crate::provenance::write_json),
        ("badge.svg", |site, _, out| out.write_all(svg::badge(site).as_bytes())),
    ]
}

/// An output file of these bytes.
fn bytes(rel: &str, data: Vec<u8>) -> Output<'static> {
    Output { rel: rel.to_string(), content: Content::Bytes(data) }
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
