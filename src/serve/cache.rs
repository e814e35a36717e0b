//! The parse results of the last build, so that a rebuild re-reads only the
//! files that changed.
//!
//! Each file's result is kept by its path with the file's length and
//! modification time. A rebuild reuses it when the watcher did not name the
//! file and its length and time are the same; everything else is parsed
//! again. Parsing also depends on `attestor.toml` and on the id patterns of
//! the tracker exports, so a change to either drops the whole cache. The
//! link stage then runs again on all the results, as in a build: what one
//! file says can change any page.
//!
//! Unless it cannot: a change to markdown pages that leaves everything
//! but their prose and their tasks' statuses as it was (their tasks,
//! claims and links may move down or up, not change) is put into the last
//! site as it is
//! ([`ParseCache::splice`], see [`crate::link::splice`]), which takes
//! milliseconds where linking 10,000 documents takes a second or two. So
//! is an evidence file written again that names what it named, its
//! results put into the verdicts they decide
//! ([`crate::link::splice::prepare_evidence`]), and a new run's log that
//! nothing in the tree names ([`crate::link::splice::prepare_new_evidence`]).

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::SystemTime;

use crate::config::{BuildConfig, CONFIG_FILE};
use crate::diagnostics::Diagnostic;
use crate::discover::SourceFile;
use crate::link::splice;
use crate::model::Site;
use crate::parse::{self, ParseContext, Parsed};
use crate::timing::Stages;

/// What changed since the last build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Changes {
    /// Anything may have: read every file again.
    All,
    /// These paths, relative to ROOT.
    Paths(HashSet<String>),
}

impl Changes {
    /// Adds what `other` says changed.
    pub(crate) fn merge(&mut self, other: Changes) {
        match (&mut *self, other) {
            (Changes::Paths(mine), Changes::Paths(theirs)) => mine.extend(theirs),
            _ => *self = Changes::All,
        }
    }

    /// Whether the change can alter how every file parses: the config, or
    /// a tracker export, whose id patterns every document links.
    fn touches_every_file(&self) -> bool {
        match self {
            Changes::All => true,
            Changes::Paths(paths) => {
                paths.iter().any(|p| p == CONFIG_FILE || p.ends_with(".beads/issues.jsonl"))
            }
        }
    }

    fn names(&self, rel: &str) -> bool {
        match self {
            Changes::All => true,
            Changes::Paths(paths) => paths.contains(rel),
        }
    }
}

/// A file's length and modification time, as the build saw them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

impl Stamp {
    fn of(file: &SourceFile) -> Option<Stamp> {
        let meta = std::fs::metadata(&file.abs).ok()?;
        Some(Stamp { len: meta.len(), modified: meta.modified().ok() })
    }
}

/// The parse result of every file of the last build.
#[derive(Default)]
pub(crate) struct ParseCache {
    entries: HashMap<String, Entry>,
    /// What the last build parsed with, to parse a file again alone.
    ctx: Option<ParseContext>,
}

/// One file as the last build read it.
struct Entry {
    stamp: Stamp,
    file: SourceFile,
    parsed: Parsed,
}

/// What a cached load did.
#[derive(Debug)]
pub(crate) struct Loaded {
    /// The linked site.
    pub(crate) site: Site,
    /// How many files were parsed again (the others came from the cache).
    pub(crate) n_parsed: usize,
}

impl ParseCache {
    /// Reads and links the docs tree as [`crate::load_timed`] does,
    /// parsing only the files that `changes` names or whose stamp moved.
    pub(crate) fn load(
        &mut self,
        config: &BuildConfig,
        config_diagnostics: Vec<Diagnostic>,
        stages: &mut Stages,
        changes: &Changes,
    ) -> Loaded {
        if changes.touches_every_file() {
            self.entries.clear();
        }
        let previous = Mutex::new(std::mem::take(&mut self.entries));
        let next = Mutex::new(HashMap::new());
        let n_parsed = AtomicUsize::new(0);
        let read = |ctx: &ParseContext, file: &SourceFile| -> Parsed {
            let stamp = Stamp::of(file);
            let kept = lock(&previous).remove(&file.rel);
            let parsed = match (kept, stamp) {
                (Some(was), Some(now)) if was.stamp == now && !changes.names(&file.rel) => {
                    was.parsed
                }
                _ => {
                    n_parsed.fetch_add(1, Ordering::Relaxed);
                    parse::read(ctx, file)
                }
            };
            // A file that cannot be stat'ed is parsed again next time too.
            if let Some(stamp) = stamp {
                let entry = Entry { stamp, file: file.clone(), parsed: parsed.clone() };
                lock(&next).insert(file.rel.clone(), entry);
            }
            parsed
        };
        let (site, ctx) = crate::load_keeping_context(config, config_diagnostics, stages, &read);
        self.entries = next.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
        self.ctx = Some(ctx);
        Loaded { site, n_parsed: n_parsed.into_inner() }
    }

    /// Puts `changes` into `site`, the last site [`ParseCache::load`]
    /// made, without linking the tree again: each changed file is parsed
    /// again and its page's body replaced, when the change reaches no other
    /// page but through its tasks' statuses (see [`crate::link::splice`]). Returns how many files were
    /// parsed; `Err` says why the tree must be linked again, and then
    /// neither the site nor the cache changed.
    pub(crate) fn splice(
        &mut self,
        config: &BuildConfig,
        site: &mut Site,
        changes: &Changes,
    ) -> Result<usize, String> {
        let Changes::Paths(paths) = changes else {
            return Err("anything may have changed".to_string());
        };
        if changes.touches_every_file() {
            return Err("the config or a tracker export changed".to_string());
        }
        let Some(ctx) = &self.ctx else { return Err("nothing was built yet".to_string()) };
        // Evidence files written by one run (a JUnit report and a coverage
        // report) are put in one after another: each one's claims and
        // verdicts are judged again with the site as the ones before left
        // it. A page's patch, made against the site before, would undo
        // what they judged of its claims, or they what it changed.
        let is_evidence =
            |rel: &String| self.entries.get(rel).map(|entry| entry.parsed.evidence.is_some());
        let kinds: HashSet<bool> = paths.iter().filter_map(is_evidence).collect();
        if kinds.len() > 1 {
            return Err("evidence changed with pages".to_string());
        }
        let mut ready = Vec::with_capacity(paths.len());
        let mut new_file = None;
        for rel in paths {
            let Some(entry) = self.entries.get(rel) else {
                // An editor's temporary file, written and renamed away.
                if !config.root.join(rel).exists() {
                    continue;
                }
                let others = paths.iter().filter(|p| *p != rel && config.root.join(p).exists());
                if others.count() > 0 {
                    return Err(format!("{rel} is new, and other files changed with it"));
                }
                let added = self.new_evidence(config, ctx, site, rel);
                new_file = Some(added.map_err(|why| format!("{rel} is new: {why}"))?);
                continue;
            };
            let Some(stamp) = Stamp::of(&entry.file) else {
                return Err(format!("{rel} cannot be read"));
            };
            let parsed = parse::read(ctx, &entry.file);
            // The task's definitions in the other files, for the merge.
            let definitions = |id: &str, except: &str| -> Vec<crate::model::Task> {
                let others = self.entries.iter().filter(|(rel, _)| rel.as_str() != except);
                let tasks = others.flat_map(|(_, e)| &e.parsed.tasks);
                tasks.filter(|t| t.id == id).cloned().collect()
            };
            let patch = if entry.parsed.evidence.is_some() {
                let parsed_claims =
                    |page: &str| Some(self.entries.get(page)?.parsed.claims.clone());
                let patch =
                    splice::prepare_evidence(config, site, &entry.parsed, &parsed, &parsed_claims);
                Ready::Evidence(patch.map_err(|why| format!("{rel}: {why}"))?)
            } else {
                let patch =
                    splice::prepare(config, &ctx.ids, site, &entry.parsed, &parsed, &definitions);
                Ready::Page(patch.map_err(|why| format!("{rel}: {why}"))?)
            };
            ready.push((rel, stamp, parsed, patch));
        }
        let n_parsed = ready.len();
        for (rel, stamp, parsed, patch) in ready {
            match patch {
                Ready::Page(patch) => patch.apply(site),
                Ready::Evidence(patch) => patch.apply(site),
            }
            if let Some(entry) = self.entries.get_mut(rel) {
                entry.stamp = stamp;
                entry.parsed = parsed;
            }
        }
        if let Some((entry, patch)) = new_file {
            patch.apply(site);
            self.entries.insert(entry.file.rel.clone(), entry);
            return Ok(n_parsed + 1);
        }
        Ok(n_parsed)
    }

    /// A file new to the tree, when it is a run's log or report that a full
    /// link would make its own (see [`splice::prepare_new_evidence`]), with
    /// its parse for the cache; `Err` says why not.
    fn new_evidence(
        &self,
        config: &BuildConfig,
        ctx: &ParseContext,
        site: &Site,
        rel: &str,
    ) -> Result<(Entry, splice::NewEvidencePatch), &'static str> {
        // An `include` that matched nothing may match it, which the walk's
        // messages would stop saying.
        if config.include.is_some() {
            return Err("`include` chooses the files read");
        }
        // As the walk of the tree would read it, or not, or say something
        // of it.
        let file = crate::discover::one(config, rel).ok_or("a build does not read it as it is")?;
        let stamp = Stamp::of(&file).ok_or("it cannot be read")?;
        let parsed = parse::read(ctx, &file);
        let patch = splice::prepare_new_evidence(config, &ctx.ids, site, &parsed)?;
        Ok((Entry { stamp, file, parsed }, patch))
    }
}

/// A change [`ParseCache::splice`] prepared, to put into the site.
enum Ready {
    /// A markdown page's (see [`splice::prepare`]).
    Page(splice::Patch),
    /// An evidence file's (see [`splice::prepare_evidence`]).
    Evidence(splice::EvidencePatch),
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{BuildArgs, resolve};

    fn config(root: &std::path::Path) -> BuildConfig {
        let args = BuildArgs { root: Some(root.to_path_buf()), ..BuildArgs::default() };
        resolve(&args).unwrap().0
    }

    fn paths(list: &[&str]) -> Changes {
        Changes::Paths(list.iter().map(|p| p.to_string()).collect())
    }

    #[test]
    fn a_rebuild_parses_only_the_changed_file_and_sees_its_change() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "# Alpha\n").unwrap();
        std::fs::write(dir.path().join("b.md"), "# Beta\n").unwrap();
        let config = config(dir.path());
        let mut cache = ParseCache::default();
        let mut stages = Stages::default();
        let first = cache.load(&config, Vec::new(), &mut stages, &Changes::All);
        assert_eq!(first.n_parsed, 2);

        std::fs::write(dir.path().join("b.md"), "# Beta, renamed\n").unwrap();
        let second = cache.load(&config, Vec::new(), &mut stages, &paths(&["b.md"]));
        assert_eq!(second.n_parsed, 1);
        let titles: Vec<_> = second.site.documents.iter().map(|d| d.title.as_str()).collect();
        assert_eq!(titles, ["Alpha", "Beta, renamed"]);

        let third = cache.load(&config, Vec::new(), &mut stages, &paths(&["attestor.toml"]));
        assert_eq!(third.n_parsed, 2);
    }

    #[test]
    fn a_prose_change_is_spliced_and_new_or_deleted_files_are_linked_again() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "# Alpha\n\n- [ ] T-1 Ship it\n").unwrap();
        std::fs::write(dir.path().join("b.md"), "# Beta\n").unwrap();
        let config = config(dir.path());
        let mut cache = ParseCache::default();
        let mut stages = Stages::default();
        let mut site = cache.load(&config, Vec::new(), &mut stages, &Changes::All).site;

        std::fs::write(dir.path().join("a.md"), "# Alpha\n\nWhy.\n\n- [ ] T-1 Ship it\n").unwrap();
        // The temporary file an editor saved through, gone by now.
        let saved = paths(&["a.md", "a.md.tmp~x"]);
        assert_eq!(cache.splice(&config, &mut site, &saved), Ok(1));
        assert!(site.documents[0].body_html.unpack().contains("Why."));
        assert_eq!(site.tasks[0].source.line, 5);
        let full = cache.load(&config, Vec::new(), &mut stages, &paths(&[])).site;
        assert!(full == site, "the spliced site differs from a full link");

        std::fs::write(dir.path().join("c.md"), "# Gamma\n").unwrap();
        let new = cache.splice(&config, &mut site, &paths(&["c.md"]));
        assert_eq!(new, Err("c.md is new: it is not evidence".to_string()));
        std::fs::remove_file(dir.path().join("b.md")).unwrap();
        let gone = cache.splice(&config, &mut site, &paths(&["b.md"]));
        assert_eq!(gone, Err("b.md cannot be read".to_string()));
        assert!(full == site, "a refused splice changed the site");
        let all = cache.splice(&config, &mut site, &Changes::All);
        assert!(all.is_err());
    }

    #[test]
    fn a_test_log_run_again_is_spliced() {
        let dir = tempfile::tempdir().unwrap();
        let plan = "# Plan\n\n- [x] **T-1** Parser, run in `tests/unit.log`: 4/4 tests passed\n";
        std::fs::write(dir.path().join("a.md"), plan).unwrap();
        std::fs::create_dir(dir.path().join("tests")).unwrap();
        let log = dir.path().join("tests/unit.log");
        std::fs::write(&log, "running 4 tests\ntest result: ok. 4 passed; 0 failed; 0 ignored\n")
            .unwrap();
        let config = config(dir.path());
        let mut cache = ParseCache::default();
        let mut stages = Stages::default();
        let mut site = cache.load(&config, Vec::new(), &mut stages, &Changes::All).site;
        assert_eq!(site.tasks[0].verification, crate::model::Verification::Verified);

        std::fs::write(
            &log,
            "running 4 tests\ntest result: FAILED. 3 passed; 1 failed; 0 ignored\n",
        )
        .unwrap();
        assert_eq!(cache.splice(&config, &mut site, &paths(&["tests/unit.log"])), Ok(1));
        assert_eq!(site.tasks[0].verification, crate::model::Verification::Contradicted);
        let full = cache.load(&config, Vec::new(), &mut stages, &paths(&[])).site;
        assert!(full == site, "the spliced site differs from a full link");

        // Two reports of one run, in one batch.
        let coverage = dir.path().join("tests/coverage.txt");
        std::fs::write(&coverage, "TOTAL    120     12    90%\n").unwrap();
        let plan =
            format!("{plan}- [x] **T-2** Cover it, see `tests/coverage.txt`: 90% coverage\n");
        std::fs::write(dir.path().join("a.md"), &plan).unwrap();
        let mut site = cache.load(&config, Vec::new(), &mut stages, &Changes::All).site;
        std::fs::write(&log, "running 4 tests\ntest result: ok. 4 passed; 0 failed; 0 ignored\n")
            .unwrap();
        std::fs::write(&coverage, "TOTAL    120     30    75%\n").unwrap();
        let run = paths(&["tests/coverage.txt", "tests/unit.log"]);
        assert_eq!(cache.splice(&config, &mut site, &run), Ok(2));
        let full = cache.load(&config, Vec::new(), &mut stages, &paths(&[])).site;
        assert!(full == site, "the spliced site differs from a full link");
        let contradicted = |s: &Site| {
            s.claims.iter().filter(|c| c.verdict == crate::model::Verdict::Contradicted).count()
        };
        assert_eq!(contradicted(&site), 1, "{:#?}", site.claims);

        // A new run of T-1's suite, which names it first: spliced, and
        // parsed from the cache on the next change.
        let again = dir.path().join("tests/unit-again.log");
        let failed =
            "T-1 suite\nrunning 4 tests\ntest result: FAILED. 3 passed; 1 failed; 0 ignored\n";
        std::fs::write(&again, failed).unwrap();
        assert_eq!(cache.splice(&config, &mut site, &paths(&["tests/unit-again.log"])), Ok(1));
        assert_eq!(site.tasks[0].verification, crate::model::Verification::Contradicted);
        let full = cache.load(&config, Vec::new(), &mut stages, &paths(&[])).site;
        assert!(full == site, "the spliced site differs from a full link");
        std::fs::write(&again, failed.replace("FAILED. 3 passed; 1", "ok. 4 passed; 0")).unwrap();
        assert_eq!(cache.splice(&config, &mut site, &paths(&["tests/unit-again.log"])), Ok(1));
        assert_eq!(site.tasks[0].verification, crate::model::Verification::Verified);
        let full = cache.load(&config, Vec::new(), &mut stages, &paths(&[])).site;
        assert!(full == site, "the spliced site differs from a full link");

        // With a page that names it, in one batch: linked whole.
        std::fs::write(&log, "running 4 tests\ntest result: ok. 4 passed; 0 failed; 0 ignored\n")
            .unwrap();
        std::fs::write(dir.path().join("a.md"), format!("{plan}\nMore.\n")).unwrap();
        let both = cache.splice(&config, &mut site, &paths(&["a.md", "tests/unit.log"]));
        assert!(both.is_err(), "{both:?}");
        assert!(full == site, "a refused splice changed the site");
    }

    #[test]
    fn a_file_changed_behind_the_watchers_back_is_parsed_again() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "# Alpha\n").unwrap();
        let config = config(dir.path());
        let mut cache = ParseCache::default();
        let mut stages = Stages::default();
        cache.load(&config, Vec::new(), &mut stages, &Changes::All);
        std::fs::write(dir.path().join("a.md"), "# Alpha two\n").unwrap();
        let again = cache.load(&config, Vec::new(), &mut stages, &paths(&[]));
        assert_eq!(again.n_parsed, 1);
        assert_eq!(again.site.documents[0].title, "Alpha two");
    }

    #[test]
    fn changes_merge_into_all_when_either_is_all() {
        let mut changes = paths(&["a.md"]);
        changes.merge(paths(&["b.md"]));
        assert_eq!(changes, paths(&["a.md", "b.md"]));
        changes.merge(Changes::All);
        assert_eq!(changes, Changes::All);
    }
}
