//! A generated governance docs tree, deterministic by seed: the corpus of
//! the browser tests and of the benchmark (`bench/whole.sh`).
//!
//! [`files`] is a pure function from a seed and a number of markdown
//! documents to the files of a tree, each with its path relative to ROOT and
//! its bytes; [`write_tree`] puts them in a folder, and [`write_generated`]
//! writes a tree as it is generated, without holding it. Beside the
//! documents, a tree holds about three evidence files for every four
//! documents, the shape of the performance issue's tree: 10,000 documents
//! are about 58 MB of markdown, 7,420 evidence files of about 87 MB and
//! 110,000 tasks.
//!
//! The documents are in the forms attestor reads, in proportions like a
//! real project's ([`Plan`]): plans with task tables (bold track rows, ids,
//! owners spelled in several ways, depends-on lists and ranges, estimates,
//! statuses as emoji or words, a critical path written with arrows), plans
//! with a phase table and phased plans with checklists, session logs with
//! dates, goals, claims, commits and next steps, stories named after a task,
//! trackers (markdown tables, a beads `issues.jsonl` export and a BMAD
//! `sprint-status.yaml`), notes, frontmatter, and the damage real files
//! carry (Windows-1252 mojibake, a BOM, CRLF line ends). Between the forms,
//! prose, code blocks and tables give the documents a real length. The
//! evidence is in every format attestor reads, written in `logs`: pytest,
//! pytest-cov, jest, vitest, playwright, cargo test, nextest, go test,
//! JUnit XML, coverage.py JSON, lcov, Cobertura XML, lighthouse JSON, lint
//! and build logs, deploy logs as text and JSON, and summaries in markdown.
//! Some evidence fails, some referenced evidence is missing, some claims
//! disagree with their logs, some documents sit in `archive/`, and some
//! plans have not been updated for months.
//!
//! The module uses nothing but `std`, so that the testsuite can include it
//! with `#[path]` and generate trees at run time; the random numbers come
//! from a SplitMix64 generator, whose output depends only on the seed.

#[path = "docs.rs"]
mod docs;
#[path = "logs.rs"]
mod logs;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use logs::EvidenceSpec;

/// One generated file: its path relative to ROOT, with `/`, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenFile {
    /// Path relative to the tree's root.
    pub path: String,
    /// What the file holds.
    pub bytes: Vec<u8>,
}

/// The files of a tree of `n_docs` markdown documents (and the evidence
/// and config beside them), sorted by path. The same seed and count always
/// give the same files.
pub fn files(seed: u64, n_docs: usize) -> Vec<GenFile> {
    let mut files = Vec::new();
    generate(seed, n_docs, &mut |file| files.push(file));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// Generates the tree of [`files`] file by file, in a fixed order, handing
/// each to `sink`; a tree of 100,000 documents never sits in memory whole.
pub fn generate(seed: u64, n_docs: usize, sink: &mut dyn FnMut(GenFile)) {
    let plan = Plan::of(n_docs);
    let mut state = Gen {
        rng: Rng(seed),
        sink,
        evidence: Vec::new(),
        n_plans: plan.plans,
        n_notes: plan.notes,
    };
    state.plan_evidence(plan.evidence);
    state.config(seed, n_docs);
    for idx in 0..plan.plans {
        if idx % 6 == 5 { state.phase_table_plan(idx) } else { state.task_plan(idx) }
    }
    for idx in 0..plan.phased {
        state.phased_plan(idx);
    }
    for idx in 0..plan.sessions {
        state.session(idx);
    }
    for idx in 0..plan.stories {
        state.story(idx);
    }
    for idx in 0..plan.trackers {
        state.tracker(idx);
    }
    if plan.export {
        state.beads_export(plan.export_issues);
        state.sprint_status();
    }
    for idx in 0..plan.notes {
        state.note(idx);
    }
    state.write_evidence();
}

/// Writes the tree of [`files`] into `out`, creating folders as needed.
pub fn write_tree(out: &Path, files: &[GenFile]) -> std::io::Result<()> {
    for file in files {
        let path = out.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, &file.bytes)?;
    }
    Ok(())
}

/// Generates the tree of [`files`] straight into `out`, and returns how
/// many files and bytes it wrote. Stops at the first error.
pub fn write_generated(out: &Path, seed: u64, n_docs: usize) -> std::io::Result<(usize, u64)> {
    let (mut n_files, mut n_bytes, mut made) = (0, 0_u64, HashSet::<PathBuf>::new());
    let mut failed: Option<std::io::Error> = None;
    generate(seed, n_docs, &mut |file| {
        if failed.is_some() {
            return;
        }
        let path = out.join(&file.path);
        let res = (|| {
            if let Some(parent) = path.parent()
                && !made.contains(parent)
            {
                std::fs::create_dir_all(parent)?;
                made.insert(parent.to_path_buf());
            }
            std::fs::write(&path, &file.bytes)
        })();
        match res {
            Ok(()) => (n_files, n_bytes) = (n_files + 1, n_bytes + file.bytes.len() as u64),
            Err(err) => failed = Some(err),
        }
    });
    failed.map_or(Ok((n_files, n_bytes)), Err)
}

/// How many documents of each kind a tree of `n_docs` gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    /// Plans with task tables; one in six has a phase table instead.
    pub plans: usize,
    /// Phased plans with checklists.
    pub phased: usize,
    /// Session logs.
    pub sessions: usize,
    /// Stories named after a task of a plan.
    pub stories: usize,
    /// Markdown trackers.
    pub trackers: usize,
    /// Whether there is a beads export and a sprint status (two documents).
    pub export: bool,
    /// Issues in the export.
    pub export_issues: usize,
    /// Notes and decision records.
    pub notes: usize,
    /// Evidence files, beside the `n_docs` documents.
    pub evidence: usize,
}

impl Plan {
    /// The split of `n_docs`: most documents are sessions, a fifth plans,
    /// the rest stories, trackers and notes; evidence comes on top, about
    /// three files for every four documents.
    pub fn of(n_docs: usize) -> Plan {
        let part = |percent: usize| n_docs * percent / 100;
        let export = n_docs >= 20;
        let plans = part(14).max(1.min(n_docs));
        let phased = part(6);
        let stories = part(2);
        let trackers = part(3);
        let notes = part(8);
        let used = plans + phased + stories + trackers + notes + 2 * usize::from(export);
        Plan {
            plans,
            phased,
            sessions: n_docs.saturating_sub(used),
            stories,
            trackers,
            export,
            export_issues: (n_docs / 4).clamp(5, 400),
            notes,
            evidence: n_docs * 742 / 1000,
        }
    }

    /// How many documents the tree's portal lists: the markdown documents,
    /// the tracker exports and the evidence files.
    pub fn documents(&self) -> usize {
        self.plans
            + self.phased
            + self.sessions
            + self.stories
            + self.trackers
            + 2 * usize::from(self.export)
            + self.notes
            + self.evidence
    }
}

/// SplitMix64: small, fast, and the same numbers on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with a chance of `percent` in a hundred.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// Seven hex digits, as a short commit hash.
    fn hash(&mut self) -> String {
        format!("{:07x}", self.next() & 0xFFF_FFFF)
    }
}

/// The generator's state while it writes one tree.
struct Gen<'s> {
    rng: Rng,
    sink: &'s mut dyn FnMut(GenFile),
    evidence: Vec<EvidenceSpec>,
    /// How many task plans the tree has, for sessions to name their tasks.
    n_plans: usize,
    /// How many decision records the tree has, for prose to link to.
    n_notes: usize,
}

/// The first day of the corpus's calendar, as days since 1970-01-01
/// (2025-09-01); the tree spans about seven months from it.
const EPOCH_DAY: i64 = 20332;
/// The number of days the tree spans.
const SPAN_DAYS: usize = 210;

/// `YYYY-MM-DD` of a day of the corpus's calendar.
fn date(day: usize) -> String {
    // Howard Hinnant's civil_from_days.
    let z = EPOCH_DAY + day as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A plan's id prefix: `AB`, `AC`, … then base-26 letters, three or more.
fn prefix(idx: usize) -> String {
    let letter = |n: usize| char::from(b'A' + (n % 26) as u8);
    if idx < 26 * 25 {
        return format!("{}{}", letter(idx / 25), letter(idx % 25 + 1));
    }
    let mut letters = Vec::new();
    let mut n = idx;
    while n > 0 || letters.len() < 3 {
        letters.push(letter(n));
        n /= 26;
    }
    letters.iter().rev().collect()
}

fn capital(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Three base-36 digits, as beads ids have.
fn base36(mut n: usize) -> String {
    let digits = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = [b'0'; 3];
    for slot in out.iter_mut().rev() {
        *slot = digits[n % 36];
        n /= 36;
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl Gen<'_> {
    fn add(&mut self, path: String, text: String) {
        (self.sink)(GenFile { path, bytes: text.into_bytes() });
    }

    fn config(&mut self, seed: u64, n_docs: usize) {
        let text = format!(
            "# A generated tree: seed {seed}, {n_docs} documents.\n\
             title = \"Generated corpus ({n_docs} documents)\"\n\
             stale_after_days = 30\n"
        );
        self.add("attestor.toml".to_string(), text);
    }

    /// Decides the evidence files before the documents that cite them, so
    /// that a plan row and the log it names agree on the path and outcome.
    fn plan_evidence(&mut self, n: usize) {
        for idx in 0..n {
            let format = logs::FORMATS[idx % logs::FORMATS.len()];
            let day = self.rng.below(SPAN_DAYS);
            let total = self.rng.range(62, 330);
            let failed = if self.rng.chance(15) { self.rng.range(1, 4) } else { 0 };
            let skipped = if self.rng.chance(30) { self.rng.range(1, 5) } else { 0 };
            let area = docs::AREAS[idx % docs::AREAS.len()].replace(' ', "-");
            let path = format.path(&format!("{}-{area}-{idx}", date(day)));
            let passed = total - failed - skipped;
            self.evidence.push(EvidenceSpec {
                path,
                format,
                day,
                passed,
                failed,
                skipped,
                seed: self.rng.next(),
                tasks: Vec::new(),
            });
        }
    }

    fn write_evidence(&mut self) {
        let specs = std::mem::take(&mut self.evidence);
        for spec in &specs {
            let text = logs::evidence_text(spec);
            self.add(spec.path.clone(), text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(files: &[GenFile]) -> Vec<&str> {
        files.iter().map(|f| f.path.as_str()).collect()
    }

    #[test]
    fn same_seed_gives_the_same_tree_and_another_seed_another() {
        assert_eq!(files(7, 120), files(7, 120));
        assert_ne!(files(7, 120), files(8, 120));
    }

    #[test]
    fn writes_the_documents_asked_for_their_evidence_and_a_config() {
        for n_docs in [0, 1, 5, 37, 400] {
            let tree = files(1, n_docs);
            let plan = Plan::of(n_docs);
            let markdown = tree.iter().filter(|f| f.path.ends_with(".md")).count();
            let summaries = tree.iter().filter(|f| f.path.ends_with("-summary.md")).count();
            assert_eq!(markdown - summaries, n_docs - 2 * usize::from(plan.export));
            assert_eq!(tree.len(), plan.documents() + 1, "{:?}", paths(&tree));
            assert!(paths(&tree).contains(&"attestor.toml"));
        }
    }

    #[test]
    fn paths_are_unique() {
        let tree = files(5, 3000);
        let mut all = paths(&tree);
        all.dedup();
        assert_eq!(all.len(), tree.len());
    }

    #[test]
    fn holds_every_form_and_every_evidence_format() {
        let tree = files(3, 400);
        let all = paths(&tree);
        let has = |needle: &str| all.iter().any(|p| p.contains(needle));
        for format in logs::FORMATS {
            let path = format.path("STEM");
            let tail = &path[path.find("STEM").unwrap() + 4..];
            assert!(has(tail), "no `{tail}` in {all:?}");
        }
        for needle in [
            ".beads/issues.jsonl",
            "sprint-status.yaml",
            "archive/",
            "plans/phased/",
            "sessions/",
            "stories/",
            "tracker/",
            "notes/",
        ] {
            assert!(has(needle), "no `{needle}` in {all:?}");
        }
        let text: String = tree.iter().map(|f| String::from_utf8_lossy(&f.bytes)).collect();
        for form in [
            "| Task ID |",
            "| **Phase 1A** |",
            "## Phase 2 - ",
            "- [x] ",
            "- [ ] ",
            "**Date**: ",
            "never-committed",
            "FAILED",
            "\r\n",
            "\u{feff}",
            "âœ…",
            "---\nkind: ",
            " → ",
            "**Last Commit**: ",
            "```",
        ] {
            assert!(text.contains(form), "no `{form}` in the tree");
        }
    }

    #[test]
    fn a_tree_of_ten_thousand_documents_has_the_issues_shape() {
        let (mut markdown, mut evidence) = (0_usize, 0_usize);
        let mut n_evidence = 0;
        generate(1, 10_000, &mut |file| {
            if file.path.ends_with(".md") && !file.path.ends_with("-summary.md") {
                markdown += file.bytes.len();
            } else if file.path != "attestor.toml" && !file.path.starts_with(".beads") {
                evidence += file.bytes.len();
                n_evidence += 1;
            }
        });
        let mb = |bytes: usize| bytes as f64 / 1e6;
        assert!((50.0..66.0).contains(&mb(markdown)), "{:.1} MB of markdown", mb(markdown));
        assert!((75.0..100.0).contains(&mb(evidence)), "{:.1} MB of evidence", mb(evidence));
        assert!((7_300..7_500).contains(&n_evidence), "{n_evidence} evidence files");
    }

    #[test]
    fn dates_are_real_calendar_days() {
        assert_eq!(date(0), "2025-09-01");
        assert_eq!(date(30), "2025-10-01");
        assert_eq!(date(182), "2026-03-02");
    }

    #[test]
    fn prefixes_are_unique() {
        let all: HashSet<String> = (0..40_000).map(prefix).collect();
        assert_eq!(all.len(), 40_000);
    }
}
