//! Evidence linked to tasks, tasks verified, claims checked.
//!
//! The rules, strongest first (SPEC section 2): the evidence's frontmatter
//! `tasks:`; the task's own row, bullet or section names the evidence; the
//! evidence's file name or first lines name the task; a section of any
//! document names both. Every link keeps the rule that made it. Then each
//! done task is verified, claimed or contradicted, and each claim in prose is
//! checked against the evidence named nearest to it.

use std::collections::{BTreeMap, HashMap};

use crate::model::{
    Claim, DocKind, Document, Evidence, EvidenceLink, LinkRule, Outcome, RefKind, Source,
    SourceFormat, Task, TaskForm, TaskStatus, Verdict, Verification,
};
use crate::parse::ids::IdMatcher;

/// How many lines at the top of an evidence file may name the task it is for.
const HEAD_LINES: usize = 10;

/// What the linker resolved in one document: evidence paths and task ids
/// named, each with its line.
#[derive(Debug, Default, Clone)]
pub(crate) struct Named {
    /// Evidence paths (relative to ROOT) named, with lines.
    pub(crate) evidence: Vec<(usize, String)>,
    /// Task ids named, with lines.
    pub(crate) tasks: Vec<(usize, String)>,
}

/// The line span of a document's sections.
struct Sections {
    /// Heading lines and levels, in order.
    headings: Vec<(usize, u8)>,
}

impl Sections {
    fn of(doc: &Document) -> Sections {
        Sections { headings: doc.headings.iter().map(|h| (h.line, h.level)).collect() }
    }

    /// The lines of the section a heading at `line` opens, subsections included.
    fn of_heading(&self, line: usize) -> Option<(usize, usize)> {
        let idx = self.headings.iter().position(|&(l, _)| l == line)?;
        let level = self.headings[idx].1;
        let end = self.headings[idx + 1..]
            .iter()
            .find(|&&(_, lv)| lv <= level)
            .map_or(usize::MAX, |&(l, _)| l - 1);
        Some((line, end))
    }

    /// The lines of the innermost section holding `line`.
    fn leaf(&self, line: usize) -> (usize, usize) {
        let start = self.headings.iter().rev().find(|&&(l, _)| l <= line).map_or(1, |&(l, _)| l);
        let end =
            self.headings.iter().find(|&&(l, _)| l > line).map_or(usize::MAX, |&(l, _)| l - 1);
        (start, end)
    }

    /// The lines of the top-level section (`##`, or `#` when there is no `##`) holding `line`.
    fn top(&self, line: usize) -> (usize, usize) {
        let top_level = if self.headings.iter().any(|&(_, lv)| lv == 2) { 2 } else { 1 };
        let start = self
            .headings
            .iter()
            .rev()
            .find(|&&(l, lv)| l <= line && lv <= top_level)
            .map_or(1, |&(l, _)| l);
        let end = self
            .headings
            .iter()
            .find(|&&(l, lv)| l > line && lv <= top_level)
            .map_or(usize::MAX, |&(l, _)| l - 1);
        (start, end)
    }
}

/// Links evidence to tasks by the four rules and fills both sides.
pub(crate) fn link(
    documents: &[Document],
    named: &[Named],
    tasks: &mut [Task],
    evidence: &mut [Evidence],
    ids: &IdMatcher,
    phase_lines: &HashMap<(String, String), usize>,
) {
    let task_idx: HashMap<String, usize> =
        tasks.iter().enumerate().map(|(i, t)| (t.id.clone(), i)).collect();
    let doc_idx: HashMap<&str, usize> =
        documents.iter().enumerate().map(|(i, d)| (d.path.as_str(), i)).collect();
    let mut links: BTreeMap<(usize, String), EvidenceLink> = BTreeMap::new();
    let mut add = |task: usize, evidence: &str, rule: LinkRule, source: Option<Source>| {
        let link = EvidenceLink { evidence: evidence.to_string(), rule, source };
        let entry = links.entry((task, evidence.to_string())).or_insert_with(|| link.clone());
        if link.rule < entry.rule {
            *entry = link;
        }
    };
    let texts: HashMap<&str, &Document> = documents.iter().map(|d| (d.path.as_str(), d)).collect();
    for item in evidence.iter() {
        let Some(doc) = texts.get(item.path.as_str()) else { continue };
        for id in &doc.supports {
            if let Some(&t) = task_idx.get(id) {
                add(t, &item.path, LinkRule::Frontmatter, None);
            }
        }
        for id in ids_in_head(doc, named.get(doc_idx[doc.path.as_str()]), ids) {
            if let Some(&t) = task_idx.get(&id) {
                add(
                    t,
                    &item.path,
                    LinkRule::EvidenceNamesTask,
                    Some(Source { path: item.path.clone(), line: 1 }),
                );
            }
        }
    }
    for (t, task) in tasks.iter().enumerate() {
        let Some(&d) = doc_idx.get(task.source.path.as_str()) else { continue };
        let (start, end) = own_scope(&documents[d], task, phase_lines);
        for (line, path) in named[d].evidence.iter().filter(|(l, _)| (start..=end).contains(l)) {
            let source = Source { path: task.source.path.clone(), line: *line };
            add(t, path, LinkRule::TaskNamesEvidence, Some(source));
        }
    }
    for (d, doc) in documents.iter().enumerate() {
        for (t, path, line) in section_pairs(doc, &named[d], tasks, &task_idx) {
            add(
                t,
                &path,
                LinkRule::SectionNamesBoth,
                Some(Source { path: doc.path.clone(), line }),
            );
        }
    }
    fill(links, tasks, evidence);
}

/// Task ids in an evidence file's name or first lines.
fn ids_in_head(doc: &Document, named: Option<&Named>, ids: &IdMatcher) -> Vec<String> {
    let name = doc.path.rsplit('/').next().unwrap_or(&doc.path);
    let mut found: Vec<String> =
        ids.find_all(name).into_iter().map(|(_, _, id)| id.to_string()).collect();
    if let Some(text) = &doc.text {
        for line in text.lines().take(HEAD_LINES) {
            found.extend(ids.find_all(line).into_iter().map(|(_, _, id)| id.to_string()));
        }
    } else if let Some(named) = named {
        found
            .extend(named.tasks.iter().filter(|(l, _)| *l <= HEAD_LINES).map(|(_, id)| id.clone()));
    }
    found.sort();
    found.dedup();
    found
}

/// The lines of a task's own row, bullet or section.
fn own_scope(
    doc: &Document,
    task: &Task,
    phase_lines: &HashMap<(String, String), usize>,
) -> (usize, usize) {
    let line = task.source.line;
    let sections = Sections::of(doc);
    match task.form {
        TaskForm::Frontmatter => (1, usize::MAX),
        TaskForm::TableRow | TaskForm::Tracker => (line, line),
        TaskForm::Heading | TaskForm::Phase => sections.of_heading(line).unwrap_or((line, line)),
        TaskForm::Checklist => {
            let phase_heading = task
                .phase
                .as_ref()
                .and_then(|phase| phase_lines.get(&(task.plan.clone(), phase.clone())))
                .and_then(|&l| sections.of_heading(l));
            phase_heading.unwrap_or_else(|| sections.leaf(line))
        }
    }
}

/// (task, evidence, line) for every task id and evidence path named in the
/// same section of a document (the innermost heading's), leaving out the
/// lines that define tasks in a table (those rows speak only for themselves).
fn section_pairs(
    doc: &Document,
    named: &Named,
    tasks: &[Task],
    task_idx: &HashMap<String, usize>,
) -> Vec<(usize, String, usize)> {
    if named.evidence.is_empty() || named.tasks.is_empty() {
        return Vec::new();
    }
    let row_lines: std::collections::HashSet<usize> = tasks
        .iter()
        .filter(|t| t.source.path == doc.path && t.form == TaskForm::TableRow)
        .map(|t| t.source.line)
        .collect();
    let sections = Sections::of(doc);
    let mut pairs = Vec::new();
    for (line, id) in named.tasks.iter().filter(|(l, _)| !row_lines.contains(l)) {
        let Some(&t) = task_idx.get(id) else { continue };
        // In a tracker export each line is a record of its own.
        let (start, end) = if doc.format == SourceFormat::Markdown {
            sections.leaf(*line)
        } else {
            (*line, *line)
        };
        for (ev_line, path) in named
            .evidence
            .iter()
            .filter(|(l, _)| (start..=end).contains(l) && !row_lines.contains(l))
        {
            pairs.push((t, path.clone(), (*line).min(*ev_line)));
        }
    }
    pairs
}

fn fill(
    links: BTreeMap<(usize, String), EvidenceLink>,
    tasks: &mut [Task],
    evidence: &mut [Evidence],
) {
    let ev_idx: HashMap<String, usize> =
        evidence.iter().enumerate().map(|(i, e)| (e.path.clone(), i)).collect();
    for ((t, path), link) in links {
        tasks[t].links.push(link);
        tasks[t].evidence.push(path.clone());
        if let Some(&e) = ev_idx.get(&path) {
            evidence[e].tasks.push(tasks[t].id.clone());
        }
    }
    for item in evidence.iter_mut() {
        item.tasks.sort();
        item.tasks.dedup();
    }
}

/// Checks each claim against the evidence named on its line, else in its
/// section, else in its top-level section.
pub(crate) fn check_claims(
    claims: &mut [Claim],
    documents: &[Document],
    named: &[Named],
    evidence: &[Evidence],
) {
    let doc_idx: HashMap<&str, usize> =
        documents.iter().enumerate().map(|(i, d)| (d.path.as_str(), i)).collect();
    let ev_idx: HashMap<&str, &Evidence> = evidence.iter().map(|e| (e.path.as_str(), e)).collect();
    for claim in claims.iter_mut() {
        let Some(&d) = doc_idx.get(claim.source.path.as_str()) else { continue };
        let sections = Sections::of(&documents[d]);
        let line = claim.source.line;
        let scopes = [(line, line), sections.leaf(line), sections.top(line)];
        'scopes: for (start, end) in scopes {
            for (_, path) in named[d].evidence.iter().filter(|(l, _)| (start..=end).contains(l)) {
                let Some(item) = ev_idx.get(path.as_str()) else { continue };
                if let Some(verdict) = compare(claim, item) {
                    claim.verdict = verdict;
                    claim.evidence = Some(path.clone());
                    break 'scopes;
                }
            }
        }
    }
}

/// The verdict of one claim against one evidence file, if they speak of the
/// same figures.
fn compare(claim: &Claim, item: &Evidence) -> Option<Verdict> {
    let figures = &claim.figures;
    let agrees = match claim.kind.as_str() {
        "tests" => {
            let (passed, failed) = (item.passed?, item.failed.unwrap_or(0));
            let claimed_failed = figures.failed.or_else(|| Some(figures.total? - figures.passed?));
            let passed_ok = figures.passed.is_none_or(|p| p == passed);
            let failed_ok = claimed_failed.is_none_or(|f| f == failed);
            let total_ok = figures.total.is_none_or(|t| {
                t == passed + failed || t == passed + failed + item.skipped.unwrap_or(0)
            });
            passed_ok && failed_ok && total_ok
        }
        "coverage" if claim.subject.is_none() => {
            let actual = item.coverage_percent?;
            (figures.percent? - actual).abs() < 1.0
        }
        _ => return None,
    };
    Some(if agrees { Verdict::Supported } else { Verdict::Contradicted })
}

/// Sets every task's verification from its evidence and the claims in its scope.
pub(crate) fn verify(
    tasks: &mut [Task],
    evidence: &[Evidence],
    claims: &[Claim],
    documents: &[Document],
    phase_lines: &HashMap<(String, String), usize>,
) {
    let ev_idx: HashMap<&str, &Evidence> = evidence.iter().map(|e| (e.path.as_str(), e)).collect();
    let doc_idx: HashMap<&str, &Document> =
        documents.iter().map(|d| (d.path.as_str(), d)).collect();
    for task in tasks.iter_mut() {
        if task.status != TaskStatus::Done {
            task.verification = Verification::Pending;
            continue;
        }
        let outcomes: Vec<(&str, Outcome)> = task
            .evidence
            .iter()
            .filter_map(|p| ev_idx.get(p.as_str()).map(|e| (p.as_str(), e.outcome)))
            .collect();
        let scope =
            doc_idx.get(task.source.path.as_str()).map(|doc| own_scope(doc, task, phase_lines));
        let contradicted_claim = scope.and_then(|(start, end)| {
            claims.iter().find(|c| {
                c.source.path == task.source.path
                    && (start..=end).contains(&c.source.line)
                    && c.verdict == Verdict::Contradicted
            })
        });
        let (verification, note) = if let Some((path, _)) =
            outcomes.iter().find(|(_, o)| *o == Outcome::Fail)
        {
            (Verification::Contradicted, format!("marked done, but `{path}` records failures"))
        } else if let Some(claim) = contradicted_claim {
            let against = claim.evidence.as_deref().unwrap_or("the evidence");
            (
                Verification::Contradicted,
                format!("marked done, but the claim `{}` disagrees with `{against}`", claim.text),
            )
        } else if let Some((path, _)) = outcomes.iter().find(|(_, o)| *o == Outcome::Pass) {
            (Verification::Verified, format!("marked done, and `{path}` passed"))
        } else if outcomes.is_empty() {
            (Verification::Claimed, "marked done, with no evidence linked".to_string())
        } else {
            (
                Verification::Claimed,
                "marked done; the linked evidence records no outcome".to_string(),
            )
        };
        task.verification = verification;
        task.verdict_note = Some(note);
    }
}

/// Turns referenced files that sit outside the evidence folders (a
/// `latest-deploy.json` beside the docs, a screenshot) into evidence.
pub(crate) fn adopt_referenced(
    documents: &mut [Document],
    evidence: &mut Vec<Evidence>,
    named: &[Named],
) {
    let referenced: std::collections::BTreeSet<&str> =
        named.iter().flat_map(|n| n.evidence.iter().map(|(_, p)| p.as_str())).collect();
    for doc in documents.iter_mut() {
        let adoptable =
            doc.kind == DocKind::Page && doc.format != crate::model::SourceFormat::Markdown;
        if adoptable && referenced.contains(doc.path.as_str()) {
            doc.kind = DocKind::Evidence;
            let format = crate::evidence::format_name(doc.format);
            let item = crate::evidence::read(doc, format, doc.text.as_deref().unwrap_or(""));
            doc.date = doc.date.clone().or(item.date.clone());
            evidence.push(item);
        }
    }
    evidence.sort_by(|a, b| a.path.cmp(&b.path));
}

/// The task-id references of a document, for `Named`.
pub(crate) fn task_refs(doc: &Document) -> Vec<(usize, String)> {
    doc.references
        .iter()
        .filter(|r| r.kind == RefKind::Task)
        .map(|r| (r.line, r.target.clone()))
        .collect()
}

/// A warning for each claim the evidence contradicts, with both figures.
pub(crate) fn contradicted_claims(
    claims: &[Claim],
    evidence: &[Evidence],
) -> Vec<crate::diagnostics::Diagnostic> {
    let ev_idx: HashMap<&str, &Evidence> = evidence.iter().map(|e| (e.path.as_str(), e)).collect();
    claims
        .iter()
        .filter(|c| c.verdict == Verdict::Contradicted)
        .filter_map(|claim| {
            let path = claim.evidence.as_deref()?;
            let item = ev_idx.get(path)?;
            let recorded = match claim.kind.as_str() {
                "coverage" => format!("{}% coverage", item.coverage_percent?),
                _ => format!("{} passed, {} failed", item.passed?, item.failed.unwrap_or(0)),
            };
            Some(
                crate::diagnostics::Diagnostic::warning(
                    "A130",
                    &claim.source.path,
                    claim.source.line,
                    format!(
                        "`{}` is contradicted by `{path}`, which records {recorded}",
                        claim.text
                    ),
                )
                .with_help("correct the claim, or link the evidence it was made from"),
            )
        })
        .collect()
}
