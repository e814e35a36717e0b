//! attestor: a static-site generator for project-governance docs.
//!
//! It reads a docs tree (plans, session logs, trackers, test and deploy
//! logs), finds the tasks, their status and the evidence behind each claim,
//! and writes a static HTML portal. The pipeline runs one way, a module per
//! stage:
//!
//! - [`discover`] walks ROOT and lists the input files, confined to it;
//! - [`parse`] reads each file on its own, in parallel, into the [`model`];
//! - [`link`] resolves what documents name and completes the model;
//! - [`render`] turns the model into the portal's files;
//! - [`write`] puts them on disk as they come, swapped in atomically.
//!
//! [`config`] resolves flags and `attestor.toml`; [`diagnostics`] carries the
//! problems found in the docs, which never stop a build; [`sources`] reads
//! back the lines they point at. With `--git`, [`history`] reads each
//! task's status changes from the docs' versions in git, after linking;
//! [`provenance`] hashes every evidence file and notes the commit and CI run
//! the portal is built from (`provenance.json`), and compares a tree with a
//! published one (`check --against`).
//! [`build`] runs every stage; [`check`] runs
//! those before rendering, for the CI gate; [`serve`] keeps the portal in
//! memory and rebuilds it as the docs change. [`merge`] reads the
//! `status.json` of several portals, not docs, and writes one portal for
//! an organisation.

pub mod audit;
pub mod cli;
pub mod commits;
pub mod config;
pub mod dates;
pub mod diagnostics;
pub mod discover;
pub mod evidence;
pub mod fs;
pub mod git;
pub mod graph;
pub mod history;
pub mod init;
pub mod link;
pub mod merge;
pub mod model;
pub mod parse;
pub mod provenance;
pub mod render;
pub mod serve;
pub mod sources;
pub mod spill;
pub mod stale;
pub mod text;
pub mod timing;
pub mod write;

use std::path::Path;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::BuildConfig;
use crate::diagnostics::Diagnostic;
use crate::model::{Packed, Site};
use crate::render::Minify;
use crate::timing::Stages;

/// What a build did, for the summary line and the exit code.
#[derive(Debug)]
pub struct Report {
    /// The linked site the portal was built from, but for the documents'
    /// `body_html`, let go of once their pages and the search index were
    /// made.
    pub site: Site,
    /// How many files the portal has.
    pub n_outputs: usize,
    /// Whether they were written. A `--strict` build of docs with errors or
    /// warnings renders the portal but writes nothing, so the published
    /// portal stays as it was.
    pub published: bool,
    /// How long the build took.
    pub elapsed: Duration,
    /// How long each stage took.
    pub stages: Stages,
}

impl Report {
    /// Every diagnostic of the build, sorted by place.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.site.diagnostics
    }

    /// The one summary line a build ends with; `out` is the output folder
    /// as the user named it.
    pub fn summary_line(&self, out: &Path) -> String {
        let time = self.elapsed.as_secs_f64();
        let counts = counts(&self.site);
        if self.published {
            format!("Built {counts} in {time:.2}s -> {}", out.display())
        } else {
            format!("Built {counts} in {time:.2}s; not published to {}", out.display())
        }
    }
}

/// What a check found, for its summary line and exit code.
#[derive(Debug)]
pub struct Checked {
    /// The linked site.
    pub site: Site,
    /// How long the check took.
    pub elapsed: Duration,
    /// What `--against` found, when a published provenance was given.
    pub comparison: Option<provenance::Comparison>,
}

impl Checked {
    /// The one summary line a check ends with.
    pub fn summary_line(&self) -> String {
        format!("Checked {} in {:.2}s", counts(&self.site), self.elapsed.as_secs_f64())
    }
}

/// `3 documents, 2 tasks, 1 evidence file (0 errors, 1 warning)`.
fn counts(site: &Site) -> String {
    let (errors, warnings) = diagnostics::count(&site.diagnostics);
    format!(
        "{}, {}, {} ({}, {})",
        plural(site.documents.len(), "document"),
        plural(site.tasks.len(), "task"),
        plural(site.evidence.len(), "evidence file"),
        plural(errors, "error"),
        plural(warnings, "warning"),
    )
}

/// `1 task`, `2 tasks`.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

/// Reads and links a docs tree: every stage before rendering.
pub fn load(config: &BuildConfig, config_diagnostics: Vec<Diagnostic>) -> Site {
    load_timed(config, config_diagnostics, &mut Stages::default())
}

/// [`load`], recording how long each stage took.
pub fn load_timed(
    config: &BuildConfig,
    config_diagnostics: Vec<Diagnostic>,
    stages: &mut Stages,
) -> Site {
    load_with(config, config_diagnostics, stages, &parse::read)
}

/// How a load reads one file: [`parse::read`], or `serve`'s cache of it.
pub type ReadFile<'r> =
    dyn Fn(&parse::ParseContext, &discover::SourceFile) -> parse::Parsed + Sync + 'r;

/// [`load_timed`], reading each file with `read`.
pub fn load_with(
    config: &BuildConfig,
    config_diagnostics: Vec<Diagnostic>,
    stages: &mut Stages,
    read: &ReadFile<'_>,
) -> Site {
    load_keeping_context(config, config_diagnostics, stages, read).0
}

/// The most files one thread parses at a time: a few milliseconds of work.
const FILES_AT_ONCE: usize = 32;

/// [`load_with`], and the parse context it read the files with, for
/// reading one of them again later (`attestor serve`).
pub fn load_keeping_context(
    config: &BuildConfig,
    config_diagnostics: Vec<Diagnostic>,
    stages: &mut Stages,
    read: &ReadFile<'_>,
) -> (Site, parse::ParseContext) {
    // The parse's costliest patterns are compiled while the tree is walked
    // (a walk reads folders, not files, and uses one core).
    let (found, ()) =
        stages.time("discover", || rayon::join(|| discover::discover(config), parse::prepare));
    let (ctx, parsed) = stages.time("parse", || {
        let (ctx, ctx_diagnostics) = parse::ParseContext::new(config, &tracker_id_patterns(&found));
        // Each markdown body is let go of once parsed (58 MB at 10,000
        // documents): the link reads it again from the file to render it.
        //
        // In small pieces: rayon cuts a list into a few long pieces for two
        // threads, and a file costs from microseconds to tens of
        // milliseconds, so one thread could be left with a quarter of the
        // tree while the other waited.
        let parsed: Vec<_> = found
            .files
            .par_iter()
            .with_max_len(FILES_AT_ONCE)
            .map(|file| {
                let mut parsed = read(&ctx, file);
                parsed.document.markdown = None;
                parsed
            })
            .collect();
        ((ctx, ctx_diagnostics), parsed)
    });
    let (ctx, ctx_diagnostics) = ctx;
    let mut skipped = found.skipped;
    skipped.extend(parsed.iter().filter_map(|p| p.unread.clone()));
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    let mut site = stages.time("link", || link::link(config, &ctx.ids, parsed, skipped));
    if config.git {
        stages.time("history", || {
            let history_diagnostics = history::read(&config.root, &ctx, &found.files, &mut site);
            site.diagnostics.extend(history_diagnostics);
            audit::add_status_events(&mut site);
        });
    }
    let commit_diagnostics = stages.time("commits", || commits::check(config, &mut site));
    site.diagnostics.extend(commit_diagnostics);
    let stale_diagnostics = stale::mark(&mut site);
    site.diagnostics.extend(stale_diagnostics);
    let (provenance, provenance_diagnostics) =
        stages.time("provenance", || provenance::compute(config, &site, &provenance::process_env));
    site.provenance = provenance;
    site.diagnostics.extend(provenance_diagnostics);
    site.diagnostics.extend(config_diagnostics);
    site.diagnostics.extend(found.diagnostics);
    site.diagnostics.extend(ctx_diagnostics);
    site.diagnostics.extend(render::raw::notes(&site));
    site.diagnostics.sort();
    // Every reader of the texts has run: the texts a page can read again
    // from their files are let go of rather than held while every page
    // renders (the evidence's, 87 MB at 10,000 documents, went when parsed).
    for doc in &mut site.documents {
        if doc.text_from_file {
            doc.text = None;
        }
    }
    (site, ctx)
}

/// The id patterns of the tracker exports in the tree, read ahead of the
/// parse so that every document links the tracker's ids. An export that
/// cannot be read here is read (and reported) again by the parse.
fn tracker_id_patterns(found: &discover::Discovered) -> Vec<String> {
    let exports = found.files.iter().filter(|f| f.rel.ends_with(".beads/issues.jsonl"));
    let mut patterns: Vec<String> = exports
        .filter_map(|file| fs::read(&file.abs).ok())
        .flat_map(|bytes| parse::tracker::id_patterns(&text::decode(&bytes).text))
        .collect();
    patterns.sort();
    patterns.dedup();
    patterns
}

/// Reads and links a docs tree and reports what it found, writing nothing:
/// `attestor check`. The theme is loaded too, so that a theme file leading
/// outside ROOT or a template that does not compile fails the gate as it
/// would fail the build.
pub fn check(config: &BuildConfig, config_diagnostics: Vec<Diagnostic>) -> anyhow::Result<Checked> {
    let started = Instant::now();
    let mut theme = render::theme::load(Some(config))?;
    let site = load(config, [config_diagnostics, std::mem::take(&mut theme.diagnostics)].concat());
    Ok(Checked { site, elapsed: started.elapsed(), comparison: None })
}

/// [`check`], and the tree compared with a published `provenance.json`:
/// each evidence file changed or gone since it was published is an error,
/// each one it does not list a note (see [`provenance::compare`]).
pub fn check_against(
    config: &BuildConfig,
    config_diagnostics: Vec<Diagnostic>,
    published: &provenance::Published,
) -> anyhow::Result<Checked> {
    let started = Instant::now();
    let mut checked = check(config, config_diagnostics)?;
    let (comparison, diagnostics) = provenance::compare(config, &checked.site, published);
    checked.site.diagnostics.extend(diagnostics);
    checked.site.diagnostics.sort();
    checked.comparison = Some(comparison);
    checked.elapsed = started.elapsed();
    Ok(checked)
}

/// Builds the portal for `config.root` into `config.out`.
///
/// Under `config.strict`, docs with errors or warnings are rendered (so a
/// broken theme still fails) but not written: the previous portal stays
/// byte for byte, and the report says it was not published.
pub fn build(
    config: &BuildConfig,
    config_diagnostics: Vec<Diagnostic>,
    minify: Minify,
) -> anyhow::Result<Report> {
    build_observed(config, config_diagnostics, minify, Stages::default())
}

/// How many stages a build that publishes runs (see [`build_observed`]).
pub const BUILD_STAGES: usize = 12;

/// [`build`], timing its stages into `stages`, whose observer (a progress
/// bar) hears each as it begins: [`BUILD_STAGES`] of them when the portal
/// is published, one fewer when it is not.
pub fn build_observed(
    config: &BuildConfig,
    config_diagnostics: Vec<Diagnostic>,
    minify: Minify,
    mut stages: Stages,
) -> anyhow::Result<Report> {
    let started = Instant::now();
    let compact = minify == Minify::Yes;
    let mut theme = stages.time("theme", || render::theme::load_with(Some(config), compact))?;
    let diagnostics = [config_diagnostics, std::mem::take(&mut theme.diagnostics)].concat();
    let mut site = load_timed(config, diagnostics, &mut stages);
    let (errors, warnings) = diagnostics::count(&site.diagnostics);
    let published = !config.strict || errors + warnings == 0;
    // Pages go to disk as they are rendered. Unpublished, they are still
    // rendered, so that a broken theme fails the build, and then dropped.
    let staging = published.then(|| write::Staging::begin(config)).transpose()?;
    let sink = |output: render::Output<'_>| match &staging {
        Some(staging) => staging.put(&output),
        None => Ok(()),
    };
    let progress = render::documents(&site, &mut theme, config, minify, &mut stages, &sink)?;
    // Nothing else reads the documents' bodies: their HTML (85 MB at 10,000
    // documents, held packed) is let go of before the rest renders. The
    // report's site has none.
    for doc in &mut site.documents {
        doc.body_html = Packed::default();
    }
    let n_outputs = render::rest(&site, &mut theme, &mut stages, progress)?;
    if let Some(staging) = staging {
        stages.time("swap", || staging.finish())?;
    }
    Ok(Report { site, n_outputs, published, elapsed: started.elapsed(), stages })
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    #[test]
    fn a_published_build_runs_as_many_stages_as_the_progress_bar_counts() {
        let out = tempfile::tempdir().expect("a temporary folder");
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content-example");
        let args = config::BuildArgs {
            root: Some(root),
            out: Some(out.path().join("public")),
            ..config::BuildArgs::default()
        };
        let (config, diagnostics) = config::resolve(&args).expect("the example's config");
        let heard = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&heard);
        let stages = Stages::observed(Arc::new(move |name| log.lock().unwrap().push(name)));
        let report = build_observed(&config, diagnostics, Minify::No, stages).expect("it builds");
        assert!(report.published);
        let heard = heard.lock().unwrap();
        assert_eq!(heard.len(), BUILD_STAGES, "{heard:?}");
        assert_eq!(heard.first(), Some(&"theme"));
        assert_eq!(heard.last(), Some(&"swap"));
    }
}
