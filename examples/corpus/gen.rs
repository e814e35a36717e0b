//! A generated governance docs tree, deterministic by seed: the corpus of
//! the browser tests and, later, of the benchmark.
//!
//! [`files`] is a pure function from a seed and a number of documents to the
//! files of a tree, each with its path relative to ROOT and its bytes;
//! [`write_tree`] puts them in a folder. The tree holds the forms attestor
//! reads, in proportions like a real project's: plans with task tables
//! (ids, owners spelled in several ways, tracks, depends-on, estimates,
//! statuses as emoji or words), phased plans with checklists, session logs
//! with dates, claims and next steps, trackers (markdown tables and one beads
//! `issues.jsonl` export), notes, and evidence: pytest, jest, cargo test,
//! JUnit XML, coverage.py JSON, lcov, deploy logs as text and JSON. Some
//! evidence is failing, some referenced evidence is missing, some claims
//! disagree with their logs, some documents sit in `archive/`, and some
//! plans have not been updated for months.
//!
//! The module uses nothing but `std`, so that the testsuite can include it
//! with `#[path]` and generate trees at run time; the random numbers come
//! from a SplitMix64 generator, whose output depends only on the seed.

use std::fmt::Write as _;
use std::path::Path;

/// One generated file: its path relative to ROOT, with `/`, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenFile {
    /// Path relative to the tree's root.
    pub path: String,
    /// What the file holds.
    pub bytes: Vec<u8>,
}

/// The files of a tree of `n_docs` documents (the config file not counted),
/// sorted by path. The same seed and count always give the same files.
pub fn files(seed: u64, n_docs: usize) -> Vec<GenFile> {
    let plan = Plan::of(n_docs);
    let mut state =
        Gen { rng: Rng(seed), files: Vec::new(), evidence: Vec::new(), n_plans: plan.plans };
    state.plan_evidence(plan.evidence);
    state.config(seed, n_docs);
    for idx in 0..plan.plans {
        state.task_plan(idx);
    }
    for idx in 0..plan.phased {
        state.phased_plan(idx);
    }
    for idx in 0..plan.sessions {
        state.session(idx);
    }
    for idx in 0..plan.trackers {
        state.tracker(idx);
    }
    if plan.export {
        state.beads_export(plan.export_issues);
    }
    for idx in 0..plan.notes {
        state.note(idx);
    }
    state.write_evidence();
    state.files.sort_by(|a, b| a.path.cmp(&b.path));
    state.files
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

/// How many documents of each kind a tree of `n_docs` gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    /// Plans with task tables.
    pub plans: usize,
    /// Phased plans with checklists.
    pub phased: usize,
    /// Session logs.
    pub sessions: usize,
    /// Markdown trackers.
    pub trackers: usize,
    /// Whether there is a beads export (one document).
    pub export: bool,
    /// Issues in the export.
    pub export_issues: usize,
    /// Notes and decision records.
    pub notes: usize,
    /// Evidence files.
    pub evidence: usize,
}

impl Plan {
    /// The split of `n_docs`: about a third evidence, a third sessions,
    /// the rest plans, trackers and notes.
    pub fn of(n_docs: usize) -> Plan {
        let part = |percent: usize| n_docs * percent / 100;
        let export = n_docs >= 20;
        let plans = part(15).max(1.min(n_docs));
        let phased = part(6);
        let trackers = part(3);
        let notes = part(6);
        let evidence = part(34);
        let used = plans + phased + trackers + notes + evidence + usize::from(export);
        let sessions = n_docs.saturating_sub(used);
        Plan {
            plans,
            phased,
            sessions,
            trackers,
            export,
            export_issues: (n_docs / 4).clamp(5, 400),
            notes,
            evidence,
        }
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
}

/// The evidence formats, each written by its own function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Pytest,
    Jest,
    Cargo,
    Junit,
    CoverageJson,
    Lcov,
    DeployText,
    DeployJson,
}

const FORMATS: [Format; 8] = [
    Format::Pytest,
    Format::Jest,
    Format::Cargo,
    Format::Junit,
    Format::CoverageJson,
    Format::Lcov,
    Format::DeployText,
    Format::DeployJson,
];

/// An evidence file decided before the documents that cite it, so that a
/// plan row and the log it names agree on the path and the outcome.
struct EvidenceSpec {
    path: String,
    format: Format,
    day: usize,
    passed: usize,
    failed: usize,
    skipped: usize,
    /// Task ids that name this file, for its first line.
    tasks: Vec<String>,
}

/// The generator's state while it writes one tree.
struct Gen {
    rng: Rng,
    files: Vec<GenFile>,
    evidence: Vec<EvidenceSpec>,
    /// How many task plans the tree has, for sessions to name their tasks.
    n_plans: usize,
}

const AREAS: [&str; 24] = [
    "ledger import",
    "invoice export",
    "search index",
    "audit log",
    "login flow",
    "rate limiter",
    "webhook relay",
    "report builder",
    "nightly backup",
    "schema migration",
    "settings page",
    "email digest",
    "file upload",
    "usage metering",
    "role editor",
    "status page",
    "cache warmer",
    "data retention",
    "sync worker",
    "onboarding wizard",
    "billing portal",
    "alert routing",
    "config loader",
    "mobile shell",
];

const VERBS: [&str; 12] = [
    "Add",
    "Wire up",
    "Harden",
    "Document",
    "Split",
    "Profile",
    "Replace",
    "Review",
    "Migrate",
    "Test",
    "Instrument",
    "Simplify",
];

const DETAILS: [&str; 12] = [
    "behind a feature flag",
    "with retries and backoff",
    "for the staging tenant",
    "with an audit entry per change",
    "using the shared client",
    "and drop the legacy path",
    "with paging and sorting",
    "for large accounts",
    "with a dry-run mode",
    "under the new timeout budget",
    "and record the metrics",
    "with a rollback note",
];

/// One team member or agent, spelled the ways people spell it.
const OWNERS: [&[&str]; 7] = [
    &["Backend Agent", "backend-agent", "backend agent", "BACKEND AGENT"],
    &["Frontend Agent", "frontend_agent", "Frontend-Agent"],
    &["QA Agent", "qa-agent", "Qa Agent"],
    &["Release Agent", "release agent"],
    &["Dana Whitlock", "dana whitlock", "D. Whitlock"],
    &["Ines Carvalho", "ines.carvalho"],
    &["Data Agent", "data-agent"],
];

const TRACKS: [&str; 5] = ["CORE", "WEB", "DATA", "RELEASE", "PLATFORM"];

const DONE: [&str; 5] = ["✅ Done", "Done", "Complete", "✅ Completed", "done"];
const OPEN: [&str; 4] = ["⏳ Todo", "Open", "Not started", "⏳ Pending"];
const PROGRESS: [&str; 3] = ["🚧 In progress", "WIP", "In Progress"];
const BLOCKED: [&str; 2] = ["❌ Blocked", "Blocked"];
const ESTIMATES: [&str; 8] = ["15min", "30 min", "1h", "2h", "90 min", "3h", "1 day", "1-2 days"];

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

/// A plan's id prefix: `AB`, `AC`, … then three letters.
fn prefix(idx: usize) -> String {
    let letter = |n: usize| char::from(b'A' + (n % 26) as u8);
    if idx < 26 * 25 {
        format!("{}{}", letter(idx / 25), letter(idx % 25 + 1))
    } else {
        format!("{}{}{}", letter(idx / 676), letter(idx / 26), letter(idx))
    }
}

impl Gen {
    fn add(&mut self, path: String, text: String) {
        self.files.push(GenFile { path, bytes: text.into_bytes() });
    }

    fn owner(&mut self) -> String {
        let person = OWNERS[self.rng.below(OWNERS.len())];
        self.rng.pick(person).to_string()
    }

    fn title(&mut self) -> String {
        format!(
            "{} the {} {}",
            self.rng.pick(&VERBS),
            self.rng.pick(&AREAS),
            self.rng.pick(&DETAILS)
        )
    }

    /// A status word for a task, about half of them done.
    fn status(&mut self) -> (&'static str, bool) {
        match self.rng.below(20) {
            0..=9 => (self.rng.pick(&DONE), true),
            10..=13 => (self.rng.pick(&OPEN), false),
            14..=17 => (self.rng.pick(&PROGRESS), false),
            18 => (self.rng.pick(&BLOCKED), false),
            _ => ("Skipped", false),
        }
    }

    /// Where a document lives: about one in twenty sits in `archive/`.
    fn folder(&mut self, name: &str) -> String {
        if self.rng.chance(5) { format!("archive/{name}") } else { name.to_string() }
    }

    fn config(&mut self, seed: u64, n_docs: usize) {
        let text = format!(
            "# A generated tree: seed {seed}, {n_docs} documents.\n\
             title = \"Generated corpus ({n_docs} documents)\"\n\
             stale_after_days = 30\n"
        );
        self.add("attestor.toml".to_string(), text);
    }

    fn plan_evidence(&mut self, n: usize) {
        for idx in 0..n {
            let format = FORMATS[idx % FORMATS.len()];
            let day = self.rng.below(SPAN_DAYS);
            let total = self.rng.range(4, 60);
            let failed = if self.rng.chance(15) { self.rng.range(1, 3).min(total) } else { 0 };
            let skipped = if self.rng.chance(20) { 1 } else { 0 };
            let stem = format!("{}-{}", date(day), AREAS[idx % AREAS.len()].replace(' ', "-"));
            let path = match format {
                Format::Pytest => format!("tests/{stem}-{idx}-pytest.txt"),
                Format::Jest => format!("tests/{stem}-{idx}-jest.log"),
                Format::Cargo => format!("tests/{stem}-{idx}-cargo-test.txt"),
                Format::Junit => format!("test-results/{stem}-{idx}-junit.xml"),
                Format::CoverageJson => format!("tests/coverage/{stem}-{idx}-coverage.json"),
                Format::Lcov => format!("tests/coverage/{stem}-{idx}.lcov.info"),
                Format::DeployText => format!("deployments/{stem}-{idx}-deploy.txt"),
                Format::DeployJson => format!("deployments/{stem}-{idx}-deploy.json"),
            };
            let passed = total - failed - skipped.min(total - failed);
            self.evidence.push(EvidenceSpec {
                path,
                format,
                day,
                passed,
                failed,
                skipped,
                tasks: Vec::new(),
            });
        }
    }

    /// A path for a done task to name: an evidence file of the tree (whose
    /// first line then names the task), or, now and then, one that is missing.
    fn evidence_for(&mut self, task: &str) -> Option<String> {
        if self.evidence.is_empty() || self.rng.chance(35) {
            return None;
        }
        if self.rng.chance(10) {
            return Some(format!("tests/{}-never-committed.txt", task.to_ascii_lowercase()));
        }
        let idx = self.rng.below(self.evidence.len());
        self.evidence[idx].tasks.push(task.to_string());
        Some(self.evidence[idx].path.clone())
    }

    fn task_plan(&mut self, idx: usize) {
        let prefix = prefix(idx);
        let area = AREAS[idx % AREAS.len()];
        let day = self.rng.below(SPAN_DAYS);
        let mut text = format!("# {} plan {prefix}: the {area}\n\n", capital(area));
        let state = if self.rng.chance(25) { "Complete" } else { "Active" };
        let _ = write!(text, "**Status**: {state}\n**Last updated**: {}\n\n", date(day));
        text.push_str(
            "## Overview\n\nThe rows below say what done means for each piece of work.\n\n",
        );
        text.push_str("## Task Graph\n\n");
        text.push_str("| Task ID | Description | Owner Agent | Depends On | Done When | Est. Time | Status |\n");
        text.push_str("|---|---|---|---|---|---|---|\n");
        let n_rows = self.rng.range(5, 14);
        let mut ids: Vec<String> = Vec::new();
        for row in 0..n_rows {
            if row % 5 == 0 {
                let track = TRACKS[(idx + row / 5) % TRACKS.len()];
                let _ = writeln!(text, "| **{track} TRACK ({})** |", self.owner());
            }
            let id = format!("{prefix}-{:03}", row + 1);
            let deps = self.depends_on(&ids);
            let (status, done) = self.status();
            let done_when = match done.then(|| self.evidence_for(&id)).flatten() {
                Some(path) => format!("`{path}` green"),
                None => "Reviewed and merged".to_string(),
            };
            let _ = writeln!(
                text,
                "| {id} | {} | {} | {deps} | {done_when} | {} | {status} |",
                self.title(),
                self.owner(),
                self.rng.pick(&ESTIMATES),
            );
            ids.push(id);
        }
        text.push_str("\n## Success Criteria\n\n");
        for _ in 0..self.rng.range(2, 6) {
            let mark = if self.rng.chance(50) { "x" } else { " " };
            let _ = writeln!(
                text,
                "- [{mark}] The {} works {}",
                self.rng.pick(&AREAS),
                self.rng.pick(&DETAILS)
            );
        }
        let path = self.folder(&format!("plans/{}-{prefix}-plan.md", area.replace(' ', "-")));
        self.add(path, text);
    }

    /// A depends-on cell: none, earlier ids, or a range of them.
    fn depends_on(&mut self, earlier: &[String]) -> String {
        if earlier.is_empty() || self.rng.chance(30) {
            return "-".to_string();
        }
        if earlier.len() >= 3 && self.rng.chance(15) {
            return format!("{}-{}", earlier[0], earlier[2]);
        }
        let first = &earlier[self.rng.below(earlier.len())];
        if earlier.len() >= 2 && self.rng.chance(40) {
            let second = &earlier[self.rng.below(earlier.len())];
            if second != first {
                return format!("{first}, {second}");
            }
        }
        first.clone()
    }

    fn phased_plan(&mut self, idx: usize) {
        let area = AREAS[(idx * 7) % AREAS.len()];
        let day = self.rng.below(SPAN_DAYS);
        let mut text = format!(
            "# Phased rollout {}: the {area}\n\nLast updated: {}\nStatus: Active\n\n",
            idx + 1,
            date(day)
        );
        for phase in 0..self.rng.range(2, 4) {
            let _ = write!(
                text,
                "## Phase {phase} - {}\n\n### Goal\n\n",
                capital(self.rng.pick(&AREAS))
            );
            let _ = write!(
                text,
                "Ship the {} {}.\n\n### Tasks\n\n",
                self.rng.pick(&AREAS),
                self.rng.pick(&DETAILS)
            );
            for item in 0..self.rng.range(3, 7) {
                let mark = if self.rng.chance(55) { "x" } else { " " };
                let own_id = self.rng.chance(30);
                let id =
                    if own_id { format!("PH{idx}-{phase}{:02} ", item + 1) } else { String::new() };
                let _ = writeln!(text, "- [{mark}] {id}{}", self.title());
                if self.rng.chance(15) {
                    let _ = writeln!(text, "  - [{mark}] {}", self.title());
                }
            }
            text.push_str("\n### Verification\n\n");
            if let Some(spec) = self.evidence.get(self.rng.below(self.evidence.len().max(1))) {
                let _ = writeln!(text, "- `{}`", spec.path);
            }
            text.push_str("\n### Exit Criteria\n\n- Nothing open in this phase.\n\n");
        }
        let path =
            self.folder(&format!("plans/phased/{idx:03}-{}-rollout.md", area.replace(' ', "-")));
        self.add(path, text);
    }

    fn session(&mut self, idx: usize) {
        let day = self.rng.below(SPAN_DAYS);
        let area = self.rng.pick(&AREAS);
        let mut text =
            format!("# Session {}: {} work\n\n**Date**: {}\n", date(day), capital(area), date(day));
        let _ = write!(text, "**Owner**: {}\n\n## Goals\n\n", self.owner());
        for _ in 0..self.rng.range(2, 4) {
            let mark = if self.rng.chance(70) { "x" } else { " " };
            let _ = writeln!(text, "- [{mark}] {}", self.title());
        }
        text.push_str("\n## Accomplished\n\n");
        if self.n_plans > 0 {
            let plan = prefix(self.rng.below(self.n_plans));
            let _ = writeln!(text, "- ✅ {plan}-{:03} merged after review", self.rng.range(1, 5));
        }
        if !self.evidence.is_empty() && self.rng.chance(60) {
            let spec = &self.evidence[self.rng.below(self.evidence.len())];
            if matches!(spec.format, Format::Pytest | Format::Jest | Format::Cargo | Format::Junit)
            {
                let total = spec.passed + spec.failed + spec.skipped;
                // Most claims repeat the log; some round a failing run up.
                let said = if self.rng.chance(70) { spec.passed } else { total };
                let _ = writeln!(text, "- ✅ {said}/{total} tests passed (`{}`)", spec.path);
            }
        }
        let _ = writeln!(
            text,
            "- Paired on the {} with the {}",
            self.rng.pick(&AREAS),
            self.rng.pick(&AREAS)
        );
        text.push_str("\n## Next Steps\n\n");
        for _ in 0..self.rng.range(3, 8) {
            let _ = writeln!(text, "- [ ] {}", self.title());
        }
        let path =
            self.folder(&format!("sessions/{}-{idx:04}-{}.md", date(day), area.replace(' ', "-")));
        self.add(path, text);
    }

    fn tracker(&mut self, idx: usize) {
        let day = self.rng.below(SPAN_DAYS);
        let mut text = format!(
            "# Ops tracker {}\n\n**Status**: ON TRACK\n**Last Reviewed**: {}\n\n## Ops Tasks\n\n",
            idx + 1,
            date(day)
        );
        text.push_str("| ID | Task | Owner | Status |\n|----|------|-------|--------|\n");
        for row in 0..self.rng.range(6, 14) {
            let (status, _) = self.status();
            let _ = writeln!(
                text,
                "| OPS{idx}-{:03} | {} | {} | {status} |",
                row + 1,
                self.title(),
                self.owner()
            );
        }
        text.push_str("\n## Weekly Checklist\n\n");
        for _ in 0..self.rng.range(3, 6) {
            let mark = if self.rng.chance(50) { "x" } else { " " };
            let _ = writeln!(text, "- [{mark}] {} reviewed", capital(self.rng.pick(&AREAS)));
        }
        self.add(format!("tracker/ops-{idx:03}.md"), text);
    }

    fn beads_export(&mut self, n: usize) {
        let mut text = String::new();
        for idx in 0..n {
            let id = format!("gen-{}", base36(idx));
            let status = ["open", "in_progress", "closed", "blocked"][self.rng.below(4)];
            let day = self.rng.below(SPAN_DAYS);
            let dep = if idx > 0 && self.rng.chance(30) {
                format!(
                    ",\"dependencies\":[{{\"issue_id\":\"{id}\",\"depends_on_id\":\"gen-{}\",\"type\":\"blocks\"}}]",
                    base36(self.rng.below(idx))
                )
            } else {
                String::new()
            };
            let _ = writeln!(
                text,
                "{{\"id\":\"{id}\",\"title\":\"{}\",\"description\":\"Follow-up on the {}.\",\"status\":\"{status}\",\"priority\":{},\"issue_type\":\"task\",\"assignee\":\"{}\",\"created_at\":\"{}T09:00:00Z\"{dep}}}",
                self.title(),
                self.rng.pick(&AREAS),
                self.rng.below(4),
                self.owner(),
                date(day),
            );
        }
        self.add(".beads/issues.jsonl".to_string(), text);
    }

    fn note(&mut self, idx: usize) {
        let area = AREAS[idx % AREAS.len()];
        let text = format!(
            "# Decision {}: how the {area} stores its state\n\nWe keep the state of the {area} in one table, {}.\n\n## Why\n\n- It is easy to back up.\n- It is easy to read back {}.\n",
            idx + 1,
            self.rng.pick(&DETAILS),
            self.rng.pick(&DETAILS),
        );
        self.add(format!("notes/decision-{idx:03}-{}.md", area.replace(' ', "-")), text);
    }

    fn write_evidence(&mut self) {
        let specs = std::mem::take(&mut self.evidence);
        for spec in &specs {
            let text = evidence_text(spec);
            self.add(spec.path.clone(), text);
        }
    }
}

/// The text of one evidence file; its first line names the tasks it is for.
fn evidence_text(spec: &EvidenceSpec) -> String {
    let for_tasks = if spec.tasks.is_empty() {
        String::new()
    } else {
        format!(" for {}", spec.tasks.join(", "))
    };
    let (passed, failed, skipped) = (spec.passed, spec.failed, spec.skipped);
    let total = passed + failed + skipped;
    let mut text = String::new();
    match spec.format {
        Format::Pytest => {
            let _ = writeln!(text, "# evidence{for_tasks} - CI run on {}", date(spec.day));
            let _ = writeln!(
                text,
                "============================= test session starts ==============================\ncollected {total} items\n"
            );
            for n in 0..total {
                let word = if n < failed {
                    "FAILED"
                } else if n < failed + skipped {
                    "SKIPPED"
                } else {
                    "PASSED"
                };
                let _ = writeln!(text, "tests/test_case_{:02}.py::test_{n} {word}", n / 8);
            }
            let mut parts = vec![format!("{passed} passed")];
            if failed > 0 {
                parts.insert(0, format!("{failed} failed"));
            }
            if skipped > 0 {
                parts.push(format!("{skipped} skipped"));
            }
            let _ = writeln!(
                text,
                "\n============================== {} in 2.41s ==============================",
                parts.join(", ")
            );
        }
        Format::Jest => {
            let _ = writeln!(text, "// evidence{for_tasks} - jest run on {}", date(spec.day));
            let verdict = if failed > 0 { "FAIL" } else { "PASS" };
            let _ = writeln!(text, "{verdict} src/app.test.js");
            let _ = writeln!(text, "\nTest Suites: {} failed, 3 total", usize::from(failed > 0));
            let mut parts = Vec::new();
            if failed > 0 {
                parts.push(format!("{failed} failed"));
            }
            if skipped > 0 {
                parts.push(format!("{skipped} skipped"));
            }
            parts.push(format!("{passed} passed"));
            let _ = writeln!(
                text,
                "Tests:       {}, {total} total\nTime:        3.2 s",
                parts.join(", ")
            );
        }
        Format::Cargo => {
            let _ = writeln!(
                text,
                "# evidence{for_tasks} - cargo test on {}\n\nrunning {total} tests",
                date(spec.day)
            );
            for n in 0..total {
                let word = if n < failed {
                    "FAILED"
                } else if n < failed + skipped {
                    "ignored"
                } else {
                    "ok"
                };
                let _ = writeln!(text, "test case_{n} ... {word}");
            }
            let verdict = if failed > 0 { "FAILED" } else { "ok" };
            let _ = writeln!(
                text,
                "\ntest result: {verdict}. {passed} passed; {failed} failed; {skipped} ignored; 0 measured; 0 filtered out; finished in 0.84s"
            );
        }
        Format::Junit => {
            let _ = writeln!(
                text,
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- evidence{for_tasks} -->"
            );
            let _ = writeln!(
                text,
                "<testsuites tests=\"{total}\" failures=\"{failed}\" errors=\"0\" skipped=\"{skipped}\">"
            );
            let _ = writeln!(
                text,
                "  <testsuite name=\"suite\" tests=\"{total}\" failures=\"{failed}\" errors=\"0\" skipped=\"{skipped}\" timestamp=\"{}T10:00:00\">",
                date(spec.day)
            );
            for n in 0..total {
                let body = if n < failed {
                    "><failure message=\"expected 200, got 500\"/></testcase>".to_string()
                } else if n < failed + skipped {
                    "><skipped/></testcase>".to_string()
                } else {
                    "/>".to_string()
                };
                let _ = writeln!(
                    text,
                    "    <testcase classname=\"tests.case\" name=\"test_{n}\" time=\"0.01\"{body}"
                );
            }
            text.push_str("  </testsuite>\n</testsuites>\n");
        }
        Format::CoverageJson => {
            let covered = 50 + passed % 45;
            let _ = write!(
                text,
                "{{\"meta\": {{\"format\": 2, \"timestamp\": \"{}T10:00:00\"}}, \"files\": {{",
                date(spec.day)
            );
            let _ = write!(
                text,
                "\"app/main.py\": {{\"summary\": {{\"covered_lines\": {covered}, \"num_statements\": 100, \"percent_covered\": {covered}.0}}}}}}, "
            );
            let _ = writeln!(
                text,
                "\"totals\": {{\"covered_lines\": {covered}, \"num_statements\": 100, \"percent_covered\": {covered}.0, \"percent_covered_display\": \"{covered}\"}}}}"
            );
        }
        Format::Lcov => {
            let _ = writeln!(text, "TN:\nSF:src/lib.rs");
            for line in 1..=10 {
                let _ = writeln!(text, "DA:{line},{}", usize::from(line <= 10 - failed.min(9)));
            }
            text.push_str("LF:10\nLH:");
            let _ = writeln!(text, "{}\nend_of_record", 10 - failed.min(9));
        }
        Format::DeployText => {
            let stamp = date(spec.day);
            let _ = writeln!(text, "{stamp}T14:00:00Z  deploy-staging started{for_tasks}");
            let _ = writeln!(text, "{stamp}T14:01:00Z  [1/2] build image");
            let _ = writeln!(text, "{stamp}T14:05:00Z  [2/2] rolling update");
            let (word, code) = if failed > 0 { ("failed", 1) } else { ("succeeded", 0) };
            let _ = writeln!(text, "{stamp}T14:09:00Z  deploy {word}, exit code {code}");
        }
        Format::DeployJson => {
            let status = if failed > 0 { "failure" } else { "success" };
            let tasks: Vec<String> = spec.tasks.iter().map(|t| format!("\"{t}\"")).collect();
            let _ = writeln!(
                text,
                "{{\n  \"status\": \"{status}\",\n  \"environment\": \"staging\",\n  \"tasks\": [{}],\n  \"started_at\": \"{}T14:00:00Z\"\n}}",
                tasks.join(", "),
                date(spec.day)
            );
        }
    }
    text
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
    fn writes_the_documents_asked_for_and_a_config() {
        for n_docs in [0, 1, 5, 37, 400] {
            let tree = files(1, n_docs);
            let documents = tree.iter().filter(|f| f.path != "attestor.toml").count();
            assert_eq!(documents, n_docs, "{:?}", paths(&tree));
            assert!(paths(&tree).contains(&"attestor.toml"));
        }
    }

    #[test]
    fn holds_every_form_and_every_evidence_format() {
        let tree = files(3, 400);
        let all = paths(&tree);
        let has = |needle: &str| all.iter().any(|p| p.contains(needle));
        for needle in [
            "-pytest.txt",
            "-jest.log",
            "-cargo-test.txt",
            "-junit.xml",
            "-coverage.json",
            ".lcov.info",
            "-deploy.txt",
            "-deploy.json",
            ".beads/issues.jsonl",
            "archive/",
            "plans/phased/",
            "sessions/",
            "tracker/",
            "notes/",
        ] {
            assert!(has(needle), "no `{needle}` in {all:?}");
        }
        let text: String = tree.iter().map(|f| String::from_utf8_lossy(&f.bytes)).collect();
        for form in ["| Task ID |", "- [x] ", "- [ ] ", "**Date**: ", "never-committed", "FAILED"] {
            assert!(text.contains(form), "no `{form}` in the tree");
        }
    }

    #[test]
    fn dates_are_real_calendar_days() {
        assert_eq!(date(0), "2025-09-01");
        assert_eq!(date(30), "2025-10-01");
        assert_eq!(date(182), "2026-03-02");
    }
}
