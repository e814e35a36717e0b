//! The markdown documents of a generated tree, one function per form, and
//! the prose, code and tables that give them a real length. Evidence files
//! are `logs`'s; the tree's plan and the random numbers are the parent's.

use std::fmt::Write as _;

use super::logs::Format;
use super::{Gen, SPAN_DAYS, base36, capital, date, prefix};

pub(super) const AREAS: [&str; 24] = [
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

/// The openings of the sentences of generated prose.
const SUBJECTS: [&str; 14] = [
    "The first cut of the",
    "Our current",
    "The old",
    "A second pass over the",
    "The review of the",
    "Load on the",
    "The rollout of the",
    "Most of the work on the",
    "The on-call rotation for the",
    "The test plan for the",
    "The shared client behind the",
    "The error budget of the",
    "Support's view of the",
    "The data model of the",
];

/// What the prose says about its subject.
const PREDICATES: [&str; 14] = [
    "held a lock for the whole batch, which made every retry slower than the last",
    "now reads its settings from one place instead of three",
    "needs a second look before we turn it on for every tenant",
    "stayed flat through the week, so the change can go out on Thursday",
    "was rewritten to stream its rows rather than collect them first",
    "keeps one queue per account, and the queue depth is on the dashboard",
    "failed twice on the first request after a deploy and passed on the third",
    "is owned by one person today, which is a risk we want to reduce",
    "got a shorter timeout and a clearer message when it gives up",
    "can be rolled back with one command, and the runbook says which",
    "was measured on a copy of production data from last month",
    "still logs the full payload, which we agreed to stop doing",
    "spends most of its time waiting on the database, not computing",
    "has a dry-run mode now, so operators can see what it would change",
];

/// Why, after a comma, now and then.
const REASONS: [&str; 10] = [
    "because the nightly window is short",
    "since large accounts hit the limit first",
    "as the last incident showed",
    "so that support can answer without paging anyone",
    "which the auditors asked for",
    "until the new client ships",
    "because two teams depend on it",
    "as agreed in the planning meeting",
    "so the numbers on the status page stay honest",
    "while the migration is still running",
];

const COMMANDS: [&str; 8] = [
    "pytest tests/unit -q --maxfail=1",
    "npm run test -- --coverage",
    "cargo test --workspace --all-features",
    "go test ./... -count=1",
    "npx playwright test --project=chromium",
    "make migrate ENV=staging",
    "kubectl rollout status deploy/api -n staging",
    "ruff check . && mypy app",
];

impl Gen<'_> {
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

    /// One paragraph of `n` sentences, and a blank line.
    fn paragraph(&mut self, text: &mut String, n: usize) {
        for idx in 0..n {
            if idx > 0 {
                text.push(' ');
            }
            let _ = write!(
                text,
                "{} {} {}",
                self.rng.pick(&SUBJECTS),
                self.rng.pick(&AREAS),
                self.rng.pick(&PREDICATES)
            );
            if self.rng.chance(35) {
                let _ = write!(text, ", {}", self.rng.pick(&REASONS));
            }
            text.push('.');
        }
        text.push_str("\n\n");
    }

    /// Paragraphs under a heading, with now and then a code block or a
    /// table of figures, and a link to a decision record.
    fn section(&mut self, text: &mut String, heading: &str, depth: usize, n_paragraphs: usize) {
        let _ = write!(text, "## {heading}\n\n");
        for _ in 0..n_paragraphs {
            let n = self.rng.range(4, 8);
            self.paragraph(text, n);
        }
        if self.rng.chance(40) {
            let _ = write!(text, "```sh\n$ {}\n", self.rng.pick(&COMMANDS));
            for line in 0..self.rng.range(3, 9) {
                let _ = writeln!(text, "[{line:02}] {} ... ok", self.rng.pick(&AREAS));
            }
            text.push_str("```\n\n");
        }
        if self.rng.chance(30) {
            text.push_str("| Metric | Before | After |\n|---|---|---|\n");
            for _ in 0..self.rng.range(3, 6) {
                let before = self.rng.range(80, 900);
                let after = self.rng.range(40, 800);
                let _ = writeln!(
                    text,
                    "| {} p95 (ms) | {before} | {after} |",
                    capital(self.rng.pick(&AREAS))
                );
            }
            text.push('\n');
        }
        if self.n_notes > 0 && self.rng.chance(25) {
            let note = self.rng.below(self.n_notes);
            let area = AREAS[note % AREAS.len()].replace(' ', "-");
            let up = "../".repeat(depth);
            let _ = write!(
                text,
                "See [the decision record]({up}notes/decision-{note:03}-{area}.md) for why.\n\n"
            );
        }
    }

    /// Turns a document into one a Windows editor saved: now and then its
    /// emoji read as Windows-1252 and saved again, a BOM, CRLF line ends.
    fn damage(&mut self, text: String) -> String {
        match self.rng.below(100) {
            0..=1 => text.replace('✅', "âœ…").replace('⏳', "â³").replace('🚧', "ðŸš§"),
            2 => format!("\u{feff}{text}"),
            3..=4 => text.replace('\n', "\r\n"),
            _ => text,
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

    /// The header of a plan, with frontmatter now and then.
    fn plan_header(&mut self, title: &str, day: usize) -> String {
        let state = if self.rng.chance(25) { "Complete" } else { "Active" };
        if self.rng.chance(10) {
            return format!(
                "---\nkind: plan\ntitle: \"{title}\"\ndate: {}\nstatus: {}\nowner: {}\n---\n\n# {title}\n\n",
                date(day),
                state.to_lowercase(),
                self.owner()
            );
        }
        format!("# {title}\n\n**Status**: {state}\n**Last updated**: {}\n\n", date(day))
    }

    pub(super) fn task_plan(&mut self, idx: usize) {
        let prefix = prefix(idx);
        let area = AREAS[idx % AREAS.len()];
        let day = self.rng.below(SPAN_DAYS);
        let mut text =
            self.plan_header(&format!("{} plan {prefix}: the {area}", capital(area)), day);
        let path = self.folder(&format!("plans/{}-{prefix}-plan.md", area.replace(' ', "-")));
        let depth = path.matches('/').count();
        self.section(&mut text, "Overview", depth, 2);
        self.section(&mut text, "Context", depth, 2);
        text.push_str("## Task Graph\n\n");
        text.push_str("| Task ID | Description | Owner Agent | Depends On | Done When | Est. Time | Status |\n");
        text.push_str("|---|---|---|---|---|---|---|\n");
        let n_rows = self.rng.range(8, 28);
        let mut ids: Vec<String> = Vec::new();
        for row in 0..n_rows {
            if row % 6 == 0 {
                let track = TRACKS[(idx + row / 6) % TRACKS.len()];
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
        if ids.len() >= 4 {
            let _ = write!(
                text,
                "\n**Critical path**: {} → {} → {}\n",
                ids[0],
                ids[ids.len() / 2],
                ids[ids.len() - 1]
            );
        }
        text.push('\n');
        self.section(&mut text, "Approach", depth, 4);
        self.section(&mut text, "Risks", depth, 1);
        text.push_str("## Success Criteria\n\n");
        for _ in 0..self.rng.range(2, 5) {
            let mark = if self.rng.chance(50) { "x" } else { " " };
            let _ = writeln!(
                text,
                "- [{mark}] The {} works {}",
                self.rng.pick(&AREAS),
                self.rng.pick(&DETAILS)
            );
        }
        let text = self.damage(text);
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

    /// A plan whose phases are the rows of a phase table, each opened again
    /// as a section with its checklist.
    pub(super) fn phase_table_plan(&mut self, idx: usize) {
        let prefix = prefix(idx);
        let area = AREAS[idx % AREAS.len()];
        let day = self.rng.below(SPAN_DAYS);
        let mut text = self.plan_header(&format!("Roadmap {prefix}: the {area}"), day);
        let path = self.folder(&format!("plans/{}-{prefix}-roadmap.md", area.replace(' ', "-")));
        let depth = path.matches('/').count();
        self.section(&mut text, "Summary", depth, 2);
        text.push_str(
            "## Phases\n\n| Phase | Duration | Objectives | Evidence |\n|---|---|---|---|\n",
        );
        let n_phases = self.rng.range(2, 4);
        let keys: Vec<String> =
            (0..n_phases).map(|n| format!("{}{}", n / 2 + 1, ["A", "B"][n % 2])).collect();
        for key in &keys {
            let hook = match self.evidence.get(self.rng.below(self.evidence.len().max(1))) {
                Some(spec) => format!("`{}`", spec.path),
                None => "-".to_string(),
            };
            let _ = writeln!(
                text,
                "| **Phase {key}** | {}-{} days | {} | {hook} |",
                self.rng.range(1, 3),
                self.rng.range(4, 6),
                self.title()
            );
        }
        text.push('\n');
        let mut n_task = 0;
        for key in &keys {
            let _ = write!(text, "## Phase {key} - {}\n\n", capital(self.rng.pick(&AREAS)));
            let n = self.rng.range(2, 4);
            self.paragraph(&mut text, n);
            for _ in 0..self.rng.range(3, 7) {
                n_task += 1;
                let (status, done) = self.status();
                let mark = if done { "x" } else { " " };
                let _ =
                    writeln!(text, "- [{mark}] {prefix}-{n_task:03} {} ({status})", self.title());
            }
            text.push('\n');
        }
        self.section(&mut text, "Open Questions", depth, 1);
        let text = self.damage(text);
        self.add(path, text);
    }

    pub(super) fn phased_plan(&mut self, idx: usize) {
        let area = AREAS[(idx * 7) % AREAS.len()];
        let day = self.rng.below(SPAN_DAYS);
        let mut text = format!(
            "# Phased rollout {}: the {area}\n\nLast updated: {}\nStatus: Active\n\n",
            idx + 1,
            date(day)
        );
        let path =
            self.folder(&format!("plans/phased/{idx:03}-{}-rollout.md", area.replace(' ', "-")));
        let depth = path.matches('/').count();
        self.section(&mut text, "Background", depth, 2);
        for phase in 1..=self.rng.range(2, 4) {
            let _ = write!(
                text,
                "## Phase {phase} - {}\n\n### Goal\n\n",
                capital(self.rng.pick(&AREAS))
            );
            let _ = write!(
                text,
                "Ship the {} {}.\n\n### Scope\n\n",
                self.rng.pick(&AREAS),
                self.rng.pick(&DETAILS)
            );
            let n = self.rng.range(2, 4);
            self.paragraph(&mut text, n);
            text.push_str("### Tasks\n\n");
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
        let text = self.damage(text);
        self.add(path, text);
    }

    pub(super) fn session(&mut self, idx: usize) {
        let day = self.rng.below(SPAN_DAYS);
        let area = self.rng.pick(&AREAS);
        let path =
            self.folder(&format!("sessions/{}-{idx:04}-{}.md", date(day), area.replace(' ', "-")));
        let depth = path.matches('/').count();
        let mut text = if self.rng.chance(8) {
            format!(
                "---\nkind: session\ndate: {}\nowner: {}\n---\n\n# {} work\n\n",
                date(day),
                self.owner(),
                capital(area)
            )
        } else {
            format!(
                "# Session {}: {} work\n\n**Date**: {}\n**Owner**: {}\n\n",
                date(day),
                capital(area),
                date(day),
                self.owner()
            )
        };
        self.section(&mut text, "Summary", depth, 1);
        text.push_str("## Goals\n\n");
        for _ in 0..self.rng.range(2, 5) {
            let mark = if self.rng.chance(70) { "x" } else { " " };
            let _ = writeln!(text, "- [{mark}] {}", self.title());
        }
        text.push_str("\n## Accomplished\n\n");
        if self.n_plans > 0 {
            let plan = prefix(self.rng.below(self.n_plans));
            let _ = writeln!(text, "- ✅ {plan}-{:03} merged after review", self.rng.range(1, 5));
        }
        self.session_claim(&mut text);
        let _ = writeln!(
            text,
            "- Paired on the {} with the {}\n",
            self.rng.pick(&AREAS),
            self.rng.pick(&AREAS)
        );
        let n_paragraphs = self.rng.range(3, 5);
        self.section(&mut text, "Notes", depth, n_paragraphs);
        self.section(&mut text, "Decisions", depth, 1);
        text.push_str("## Commits\n\n");
        for _ in 0..self.rng.range(1, 4) {
            let _ = writeln!(
                text,
                "- **{}** - fix({}): {}",
                self.rng.hash(),
                self.rng.pick(&AREAS).replace(' ', "-"),
                self.title().to_lowercase()
            );
        }
        let _ =
            write!(text, "\n**Last Commit**: {} (merge of the day's work)\n\n", self.rng.hash());
        text.push_str("## Next Steps\n\n");
        for _ in 0..self.rng.range(3, 8) {
            let _ = writeln!(text, "- [ ] {}", self.title());
        }
        let text = self.damage(text);
        self.add(path, text);
    }

    /// A claim about a run, naming its log: most repeat the log, some round
    /// a failing run up or a coverage figure up, which contradicts it.
    fn session_claim(&mut self, text: &mut String) {
        if self.evidence.is_empty() || !self.rng.chance(60) {
            return;
        }
        let spec = &self.evidence[self.rng.below(self.evidence.len())];
        let honest = self.rng.chance(70);
        if spec.format.is_test_run() {
            let total = spec.passed + spec.failed + spec.skipped;
            let said = if honest { spec.passed } else { total };
            let _ = writeln!(text, "- ✅ {said}/{total} tests passed (`{}`)", spec.path);
        } else if spec.format == Format::CoverageTotal {
            let percent = spec.coverage() + if honest { 0 } else { 9 };
            let _ = writeln!(text, "- {percent}% code coverage (`{}`)", spec.path);
        } else {
            let _ = writeln!(text, "- Checked `{}`", spec.path);
        }
    }

    /// A story named after a task of a plan, with open items now and then,
    /// which contradicts the task when the plan says it is done.
    pub(super) fn story(&mut self, idx: usize) {
        let plan = idx % self.n_plans.max(1);
        let id = format!("{}-{:03}", prefix(plan), idx / self.n_plans.max(1) % 6 + 1);
        let mut text = format!("# {id}: {}\n\n", self.title());
        self.section(&mut text, "Story", 1, 1);
        text.push_str("## Acceptance Criteria\n\n");
        for _ in 0..self.rng.range(3, 6) {
            let mark = if self.rng.chance(75) { "x" } else { " " };
            let _ = writeln!(
                text,
                "- [{mark}] The {} {}",
                self.rng.pick(&AREAS),
                self.rng.pick(&DETAILS)
            );
        }
        self.add(format!("stories/{id}.md"), text);
    }

    pub(super) fn tracker(&mut self, idx: usize) {
        let day = self.rng.below(SPAN_DAYS);
        let mut text = format!(
            "# Ops tracker {}\n\n**Status**: ON TRACK\n**Last Reviewed**: {}\n\n",
            idx + 1,
            date(day)
        );
        self.section(&mut text, "This Week", 1, 1);
        text.push_str(
            "## Ops Tasks\n\n| ID | Task | Owner | Status |\n|----|------|-------|--------|\n",
        );
        for row in 0..self.rng.range(10, 24) {
            let (status, _) = self.status();
            let _ = writeln!(
                text,
                "| OPS{idx}-{:03} | {} | {} | {status} |",
                row + 1,
                self.title(),
                self.owner()
            );
        }
        let open = self.rng.range(5, 40);
        let closed = self.rng.range(5, 40);
        let _ = write!(text, "\nTotal Issues: {} ({open} open, {closed} closed)\n", open + closed);
        text.push_str("\n## Weekly Checklist\n\n");
        for _ in 0..self.rng.range(3, 6) {
            let mark = if self.rng.chance(50) { "x" } else { " " };
            let _ = writeln!(text, "- [{mark}] {} reviewed", capital(self.rng.pick(&AREAS)));
        }
        self.add(format!("tracker/ops-{idx:03}.md"), text);
    }

    pub(super) fn beads_export(&mut self, n: usize) {
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

    /// A BMAD sprint status: epics and stories with their status words.
    pub(super) fn sprint_status(&mut self) {
        let mut text = String::from(
            "# generated: sprint status\n# status words: backlog, ready-for-dev, in-progress, review, done\n\ndevelopment_status:\n",
        );
        let words = ["backlog", "ready-for-dev", "in-progress", "review", "done"];
        for epic in 1..=4 {
            let _ = writeln!(text, "  epic-{epic}: {}", self.rng.pick(&["in-progress", "done"]));
            for story in 1..=self.rng.range(3, 6) {
                let area = self.rng.pick(&AREAS).replace(' ', "-");
                let _ = writeln!(text, "  {epic}-{story}-{area}: {}", self.rng.pick(&words));
            }
            let _ = writeln!(text, "  epic-{epic}-retrospective: optional");
        }
        self.add("sprints/sprint-status.yaml".to_string(), text);
    }

    pub(super) fn note(&mut self, idx: usize) {
        let area = AREAS[idx % AREAS.len()];
        let mut text = format!("# Decision {}: how the {area} stores its state\n\n", idx + 1);
        self.section(&mut text, "Context", 1, 2);
        self.section(&mut text, "Decision", 1, 2);
        text.push_str("## Why\n\n- It is easy to back up.\n- It is easy to read back.\n\n");
        self.section(&mut text, "Consequences", 1, 2);
        self.add(format!("notes/decision-{idx:03}-{}.md", area.replace(' ', "-")), text);
    }
}
