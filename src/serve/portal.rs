//! The portal in memory: the last good build, rendered a page at a time as
//! requests ask for it.
//!
//! One thread owns it. It builds (reads and links the tree, loads the
//! theme) and then answers requests in the order they come, rendering each
//! page the first time it is asked for and keeping it until the next change:
//! a document's, a task's or a front page alone, a group (the tracker's
//! facet pages, the audit pages, the graph pages, the theme's files, the
//! data files, the raw copies) whole. A change drops every rendered page
//! and rebuilds; requests that came meanwhile are answered from the new
//! build. A build that fails keeps the last good one, and every page says
//! why on top until a build works again.

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::config::{self, BuildArgs, BuildConfig};
use crate::model::Site;
use crate::render::theme::{self, Theme};
use crate::render::{self, Content, Front, Job, Minify, Output, Renderer};
use crate::serve::cache::{Changes, ParseCache};
use crate::serve::inject;
use crate::timing::Stages;

/// A message to the portal's thread.
pub(crate) enum Msg {
    /// Answer the request for this portal path.
    Get(String, Sender<Answer>),
    /// Files changed: rebuild.
    Changed(Changes),
}

/// A response to send.
#[derive(Debug)]
pub(crate) struct Answer {
    /// 200, 301, 404 or 500.
    pub(crate) status: u16,
    /// The path whose extension sets the content type.
    pub(crate) rel: String,
    /// The body; for 301, the path to go to.
    pub(crate) body: Vec<u8>,
}

/// The number of the portal being served, which a rebuild moves on, and
/// the wait for it to move.
#[derive(Debug, Default)]
pub(crate) struct Generation {
    now: Mutex<u64>,
    moved: Condvar,
}

impl Generation {
    /// The current generation.
    pub(crate) fn get(&self) -> u64 {
        *self.now.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn advance(&self) -> u64 {
        let mut now = self.now.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *now += 1;
        self.moved.notify_all();
        *now
    }

    /// Waits until the generation is no longer `since`, at most `timeout`;
    /// whether it moved.
    pub(crate) fn wait_past(&self, since: u64, timeout: Duration) -> bool {
        let now = self.now.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let (now, _) = self
            .moved
            .wait_timeout_while(now, timeout, |now| *now == since)
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *now != since
    }
}

/// What one build did, for the console.
pub struct Rebuilt<'b> {
    /// The linked site, or why the build failed.
    pub outcome: Result<&'b Site, &'b anyhow::Error>,
    /// The generation now served.
    pub generation: u64,
    /// How many files were parsed again.
    pub n_parsed: usize,
    /// Whether the change went into the last site without linking the
    /// tree again (see [`crate::link::splice`]).
    pub spliced: bool,
    /// Why the tree was linked again rather than the change spliced in;
    /// `None` for the first build, and when it was spliced.
    pub why_linked: Option<&'b str>,
    /// How long the whole rebuild took, and each stage.
    pub elapsed: Duration,
    /// Each stage's time.
    pub stages: &'b Stages,
}

/// Reports each build to the console.
pub type OnBuild = Box<dyn FnMut(&Rebuilt<'_>) + Send>;

/// A build that worked.
struct Good {
    site: Site,
    theme: Theme,
    config: BuildConfig,
}

/// The state of the portal's thread.
pub(crate) struct Portal {
    args: BuildArgs,
    cache: ParseCache,
    good: Option<Good>,
    error: Option<String>,
    generation: Arc<Generation>,
    backlog: VecDeque<Msg>,
    on_build: OnBuild,
}

impl Portal {
    pub(crate) fn new(args: BuildArgs, generation: Arc<Generation>, on_build: OnBuild) -> Portal {
        Portal {
            args,
            cache: ParseCache::default(),
            good: None,
            error: None,
            generation,
            backlog: VecDeque::new(),
            on_build,
        }
    }

    /// Builds, then answers requests and rebuilds on changes until every
    /// sender is gone.
    pub(crate) fn run(mut self, inbox: Receiver<Msg>) {
        let mut changes = Some(Changes::All);
        while let Some(changed) = changes {
            self.rebuild(&changed);
            changes = self.answer(&inbox);
        }
    }

    /// Builds anew: config, theme, then the tree through the parse cache;
    /// or, when the change allows, puts it into the last good site.
    fn rebuild(&mut self, changes: &Changes) {
        let started = Instant::now();
        let mut stages = Stages::default();
        let mut why_linked = None;
        if let (Some(good), None, Changes::Paths(_)) = (&mut self.good, &self.error, changes) {
            let spliced =
                stages.time("splice", || self.cache.splice(&good.config, &mut good.site, changes));
            match spliced {
                Ok(n_parsed) => {
                    let generation = self.generation.advance();
                    (self.on_build)(&Rebuilt {
                        outcome: Ok(&good.site),
                        generation,
                        n_parsed,
                        spliced: true,
                        why_linked: None,
                        elapsed: started.elapsed(),
                        stages: &stages,
                    });
                    return;
                }
                Err(why) => why_linked = Some(why),
            }
        }
        let mut n_parsed = 0;
        let built = (|| -> anyhow::Result<Good> {
            let (config, config_diagnostics) = config::resolve(&self.args)?;
            let mut theme = stages.time("theme", || theme::load_with(Some(&config), false))?;
            let diagnostics = [config_diagnostics, std::mem::take(&mut theme.diagnostics)].concat();
            let loaded = self.cache.load(&config, diagnostics, &mut stages, changes);
            n_parsed = loaded.n_parsed;
            Ok(Good { site: loaded.site, theme, config })
        })();
        let error = match built {
            Ok(good) => {
                self.good = Some(good);
                None
            }
            Err(err) => Some(err),
        };
        self.error = error.as_ref().map(|err| format!("{err:#}"));
        let generation = self.generation.advance();
        let outcome = match (&error, &self.good) {
            (Some(err), _) => Err(err),
            (None, Some(good)) => Ok(&good.site),
            (None, None) => return,
        };
        let elapsed = started.elapsed();
        let why_linked = why_linked.as_deref();
        (self.on_build)(&Rebuilt {
            outcome,
            generation,
            n_parsed,
            spliced: false,
            why_linked,
            elapsed,
            stages: &stages,
        });
    }

    /// Answers requests until a change comes (returned, with any changes
    /// right behind it) or every sender is gone (`None`).
    fn answer(&mut self, inbox: &Receiver<Msg>) -> Option<Changes> {
        let generation = self.generation.get();
        let error = self.error.as_deref();
        let mut pages = self.good.as_mut().map(|good| {
            let renderer = Renderer::new(&good.site, &mut good.theme, &good.config, Minify::No);
            Pages { renderer, files: HashMap::new(), groups_run: 0 }
        });
        loop {
            let msg = match self.backlog.pop_front() {
                Some(msg) => msg,
                None => inbox.recv().ok()?,
            };
            match msg {
                Msg::Get(rel, reply) => {
                    let answer = match (&mut pages, error) {
                        (Some(pages), _) => pages.answer(&rel, generation, error),
                        (None, Some(error)) => Answer {
                            status: 500,
                            rel: "error.html".to_string(),
                            body: inject::error_page(error, generation).into_bytes(),
                        },
                        (None, None) => unreachable_answer(),
                    };
                    let _ = reply.send(answer);
                }
                Msg::Changed(mut changes) => {
                    // Fold in the changes queued behind this one; requests
                    // wait for the new build.
                    while let Ok(msg) = inbox.try_recv() {
                        match msg {
                            Msg::Changed(more) => changes.merge(more),
                            get => self.backlog.push_back(get),
                        }
                    }
                    return Some(changes);
                }
            }
        }
    }
}

/// Every rebuild leaves either a good build or an error; this answers the
/// state that cannot be, rather than panicking in a server.
fn unreachable_answer() -> Answer {
    Answer { status: 500, rel: "error.txt".to_string(), body: b"no build yet".to_vec() }
}

/// A file of the portal as rendered.
enum File {
    /// A page the theme rendered, which gets the reload script.
    Page(Arc<[u8]>),
    /// Any other file made in memory.
    Bytes(Arc<[u8]>),
    /// A copy of this input file, inside ROOT.
    Copy(PathBuf),
}

/// The pages of one build, rendered as they are asked for.
struct Pages<'s> {
    renderer: Renderer<'s>,
    files: HashMap<String, File>,
    /// Which of `Renderer::GROUPS` have run, as bits.
    groups_run: u32,
}

impl<'s> Pages<'s> {
    fn answer(&mut self, rel: &str, generation: u64, error: Option<&str>) -> Answer {
        match self.find(rel) {
            Ok(Some(found)) => served(200, rel, found, generation, error),
            Ok(None) => {
                // A folder's address without its slash: send the browser
                // to the slash, so the page's relative links resolve.
                let index = format!("{rel}/index.html");
                if matches!(self.find(&index), Ok(Some(_))) {
                    let to = format!("/{rel}/");
                    return Answer { status: 301, rel: index, body: to.into_bytes() };
                }
                let not_found = Front::NotFound.url();
                match self.find(not_found) {
                    Ok(Some(found)) => served(404, not_found, found, generation, error),
                    Ok(None) => failed("the portal has no 404.html".to_string(), generation),
                    Err(err) => failed(err, generation),
                }
            }
            Err(err) => failed(err, generation),
        }
    }

    /// The file at `rel`, rendering the job that makes it if need be.
    fn find(&mut self, rel: &str) -> Result<Option<Found>, String> {
        if !self.files.contains_key(rel)
            && let Some(job) = self.renderer.page_job(rel)
        {
            self.run(job)?;
        }
        for (bit, &group) in Renderer::GROUPS.iter().enumerate() {
            if self.files.contains_key(rel) {
                break;
            }
            if self.groups_run & (1 << bit) == 0 {
                self.groups_run |= 1 << bit;
                self.run(group)?;
            }
        }
        match self.files.get(rel) {
            None => Ok(None),
            Some(File::Page(bytes)) => Ok(Some(Found { bytes: bytes.to_vec(), page: true })),
            Some(File::Bytes(bytes)) => Ok(Some(Found { bytes: bytes.to_vec(), page: false })),
            Some(File::Copy(path)) => match std::fs::read(path) {
                Ok(bytes) => Ok(Some(Found { bytes, page: false })),
                Err(err) => Err(format!("cannot read {}: {err}", path.display())),
            },
        }
    }

    fn run(&mut self, job: Job<'s>) -> Result<(), String> {
        let pages = job.makes_pages();
        let made = Mutex::new(Vec::new());
        let sink = |output: Output<'_>| {
            let held = |bytes: Vec<u8>| {
                if pages && output.rel.ends_with(".html") {
                    File::Page(bytes.into())
                } else {
                    File::Bytes(bytes.into())
                }
            };
            let file = match output.content {
                Content::Bytes(bytes) => held(bytes),
                // A data file is made in memory here, to be served from it.
                Content::Stream(write) => held(render::written(&write)?),
                Content::Copy(path) => File::Copy(path),
            };
            made.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push((output.rel, file));
            Ok(())
        };
        // A job that fails is run again on the next request, and says why
        // again: rendering a job twice gives the same files.
        self.renderer.run(job, &sink).map_err(|err| format!("{err:#}"))?;
        for (rel, file) in made.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner()) {
            self.files.insert(rel, file);
        }
        Ok(())
    }
}

/// A file found in the portal.
struct Found {
    bytes: Vec<u8>,
    /// Whether it is a page the theme rendered.
    page: bool,
}

/// A found file as served: a page with the reload script (and the error of
/// a failed build on top), anything else as it is.
fn served(status: u16, rel: &str, found: Found, generation: u64, error: Option<&str>) -> Answer {
    let body = match (found.page, String::from_utf8(found.bytes)) {
        (true, Ok(html)) => inject::page(&html, generation, error).into_bytes(),
        (_, Ok(text)) => text.into_bytes(),
        (_, Err(err)) => err.into_bytes(),
    };
    Answer { status, rel: rel.to_string(), body }
}

/// A page that could not be rendered: its error, on the error page.
fn failed(error: String, generation: u64) -> Answer {
    let body = inject::error_page(&error, generation).into_bytes();
    Answer { status: 500, rel: "error.html".to_string(), body }
}
