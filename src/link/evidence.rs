//! Evidence linked to tasks, and tasks verified.
//!
//! The rules, strongest first (SPEC section 2): the evidence's frontmatter
//! `tasks:`; the task's own row, bullet or section names the evidence; the
//! evidence's file name or first lines name the task; a section of any
//! document names both. Every link keeps the rule that made it. Then each
//! done task is verified, claimed or contradicted (a failing run is set
//! aside only by a passing one dated after it). Checking each claim in prose
//! against the evidence named nearest to it is done in `claims`, before the
//! tasks are verified, since a contradicted claim contradicts its task.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::evidence::details;
use crate::model::{
    Claim, DocKind, Document, Evidence, EvidenceDetails, EvidenceLink, LinkRule, Outcome, RefKind,
    Source, SourceFormat, Story, Task, TaskForm, TaskStatus, Verdict, Verification,
};
use crate::parse::ids::{HEAD_LINES, IdMatcher};

/// What the linker resolved in one document: evidence paths and task ids
/// named, each with its line.
#[derive(Debug, Default, Clone)]
pub(crate) struct Named {
    /// Evidence paths (relative to ROOT) named, with lines.
    pub(crate) evidence: Vec<(usize, String)>,
    /// Task ids named, with lines.
    pub(crate) tasks: Vec<(usize, String)>,
    /// Task ids an evidence file names in its first lines, with lines.
    pub(crate) head: Vec<(usize, String)>,
}

impl Named {
    /// What a markdown page names for its own tasks: `evidence`, the
    /// evidence it names, resolved, with lines, and the task ids of its
    /// references (a page names no ids in a head: that is evidence's).
    pub(crate) fn of_own(doc: &Document, evidence: Vec<(usize, String)>) -> Named {
        Named { evidence, tasks: task_refs(doc), head: Vec::new() }
    }
}

/// The line span of a document's sections.
pub(super) struct Sections {
    /// Heading lines and levels, in order.
    headings: Vec<(usize, u8)>,
}

impl Sections {
    /// The sections of one document, from its headings.
    pub(super) fn of(doc: &Document) -> Sections {
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
    pub(super) fn leaf(&self, line: usize) -> (usize, usize) {
        let start = self.headings.iter().rev().find(|&&(l, _)| l <= line).map_or(1, |&(l, _)| l);
        let end =
            self.headings.iter().find(|&&(l, _)| l > line).map_or(usize::MAX, |&(l, _)| l - 1);
        (start, end)
    }

    /// The lines of the top-level section (`##`, or `#` when there is no `##`) holding `line`.
    pub(super) fn top(&self, line: usize) -> (usize, usize) {
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

/// Links evidence to tasks by the four rules and fills both sides;
/// returns every id an evidence file names in its file name or first
/// lines, whether a task has it or not (`Site::evidence_ids`).
pub(crate) fn link(
    documents: &[Document],
    named: &[Named],
    tasks: &mut [Task],
    evidence: &mut [Evidence],
    ids: &IdMatcher,
    phase_lines: &HashMap<(String, String), usize>,
) -> BTreeSet<String> {
    let task_idx: HashMap<String, usize> =
        tasks.iter().enumerate().map(|(i, t)| (t.id.clone(), i)).collect();
    let doc_idx: HashMap<&str, usize> =
        documents.iter().enumerate().map(|(i, d)| (d.path.as_str(), i)).collect();
    let mut links: BTreeMap<(usize, String), EvidenceLink> = BTreeMap::new();
    let mut add = |task: usize, evidence: &str, rule: LinkRule, source: Option<Source>| {
        let link = EvidenceLink { evidence: evidence.to_string(), rule, source };
        keep_strongest(&mut links, (task, evidence.to_string()), link);
    };
    let texts: HashMap<&str, &Document> = documents.iter().map(|d| (d.path.as_str(), d)).collect();
    let mut evidence_ids = BTreeSet::new();
    for item in evidence.iter() {
        let Some(doc) = texts.get(item.path.as_str()) else { continue };
        let named = named.get(doc_idx[doc.path.as_str()]);
        let task_of = |id: &str| task_idx.get(id).copied();
        let found = self_links(doc, named, ids, task_of, |t, rule, source| {
            add(t, &item.path, rule, source);
        });
        evidence_ids.extend(found);
    }
    for (t, task) in tasks.iter().enumerate() {
        let Some(&d) = doc_idx.get(task.source.path.as_ref()) else { continue };
        let (start, end) = own_scope(&documents[d], task, phase_lines);
        for (line, path) in named[d].evidence.iter().filter(|(l, _)| (start..=end).contains(l)) {
            let source = Source { path: task.source.path.clone(), line: *line };
            add(t, path, LinkRule::TaskNamesEvidence, Some(source));
        }
    }
    // The lines of each document that define tasks in a table, gathered once
    // rather than by a scan of every task for each document.
    let mut row_lines: HashMap<&str, HashSet<usize>> = HashMap::new();
    for task in tasks.iter().filter(|t| t.form == TaskForm::TableRow) {
        row_lines.entry(task.source.path.as_ref()).or_default().insert(task.source.line);
    }
    let no_rows = HashSet::new();
    for (d, doc) in documents.iter().enumerate() {
        let rows = row_lines.get(doc.path.as_str()).unwrap_or(&no_rows);
        for (t, path, line) in section_pairs(doc, &named[d], rows, &task_idx) {
            add(
                t,
                &path,
                LinkRule::SectionNamesBoth,
                Some(Source { path: doc.path.as_str().into(), line }),
            );
        }
    }
    fill(links, tasks, evidence);
    evidence_ids
}

/// Links an evidence file makes by itself, to the tasks its frontmatter
/// lists and those its file name or first lines name, each given to `add`
/// with its task (as `task_of` finds it), rule and source; returns every
/// id its name or first lines name, whether a task has it or not.
pub(crate) fn self_links(
    doc: &Document,
    named: Option<&Named>,
    ids: &IdMatcher,
    task_of: impl Fn(&str) -> Option<usize>,
    mut add: impl FnMut(usize, LinkRule, Option<Source>),
) -> Vec<String> {
    for id in &doc.supports {
        if let Some(t) = task_of(id) {
            add(t, LinkRule::Frontmatter, None);
        }
    }
    let mut found = Vec::new();
    for (id, line) in ids_in_head(doc, named, ids) {
        if let Some(t) = task_of(&id) {
            // Line 0 is the file name; cite the file then.
            let source = Source { path: doc.path.as_str().into(), line };
            add(t, LinkRule::EvidenceNamesTask, Some(source));
        }
        found.push(id);
    }
    found
}

/// Keeps `link` under `key` when it is the first, or stronger than the
/// one kept: of two as strong, the first named.
pub(crate) fn keep_strongest<K: Ord>(
    links: &mut BTreeMap<K, EvidenceLink>,
    key: K,
    link: EvidenceLink,
) {
    match links.entry(key) {
        std::collections::btree_map::Entry::Vacant(slot) => {
            slot.insert(link);
        }
        std::collections::btree_map::Entry::Occupied(mut kept) if link.rule < kept.get().rule => {
            kept.insert(link);
        }
        std::collections::btree_map::Entry::Occupied(_) => {}
    }
}

/// Links one task added to `doc` since the site was linked to its
/// evidence, as [`link`] does, when nothing outside the document names
/// it: no other file's frontmatter, name, first lines or section (the
/// caller has checked; a task whose id was made up from its text is one
/// no file can name). Only the evidence named in its own row, item or
/// phase reaches it then, and a section of its own document that names
/// both. `named` is what the document names (see [`Named::of_own`]);
/// `rows`, the lines of the document's tasks in a table. The task's id is
/// added to each evidence file it is linked to.
pub(crate) fn link_own(
    doc: &Document,
    task: &mut Task,
    named: &Named,
    rows: &HashSet<usize>,
    evidence: &mut [Evidence],
    phase_lines: &HashMap<(String, String), usize>,
) {
    let (start, end) = own_scope(doc, task, phase_lines);
    // By path, as `link` keeps them.
    let mut links: BTreeMap<String, EvidenceLink> = BTreeMap::new();
    let mut add = |path: &str, rule: LinkRule, source: Source| {
        let link = EvidenceLink { evidence: path.to_string(), rule, source: Some(source) };
        keep_strongest(&mut links, path.to_string(), link);
    };
    for (line, path) in named.evidence.iter().filter(|(l, _)| (start..=end).contains(l)) {
        let source = Source { path: task.source.path.clone(), line: *line };
        add(path, LinkRule::TaskNamesEvidence, source);
    }
    let this = HashMap::from([(task.id.clone(), 0)]);
    for (_, path, line) in section_pairs(doc, named, rows, &this) {
        add(&path, LinkRule::SectionNamesBoth, Source { path: doc.path.as_str().into(), line });
    }
    for (path, link) in links {
        if let Some(at) = crate::model::evidence_position(evidence, &path) {
            let tasks = &mut evidence[at].tasks;
            if let Err(place) = tasks.binary_search(&task.id) {
                tasks.insert(place, task.id.clone());
            }
        }
        task.links.push(link);
        task.evidence.push(path);
    }
}

/// Task ids in an evidence file's name (line 0) or first lines, with the
/// line that names each.
fn ids_in_head(doc: &Document, named: Option<&Named>, ids: &IdMatcher) -> Vec<(String, usize)> {
    let name = crate::model::file_name(&doc.path);
    let mut found: Vec<(String, usize)> =
        ids.find_in_name(name).into_iter().map(|id| (id.to_string(), 0)).collect();
    if let Some(named) = named {
        let in_head = named.tasks.iter().filter(|(l, _)| *l <= HEAD_LINES);
        found.extend(named.head.iter().chain(in_head).map(|(l, id)| (id.clone(), *l)));
    }
    // The first place that names an id is the one to cite.
    found.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    found.dedup_by(|a, b| a.0 == b.0);
    found
}

/// The lines of a task's own row, bullet or section.
pub(super) fn own_scope(
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
        TaskForm::Checklist | TaskForm::Bullet | TaskForm::WorkItem => {
            let phase_heading = task
                .phase
                .as_ref()
                .and_then(|phase| phase_lines.get(&(task.plan.to_string(), phase.to_string())))
                .and_then(|&l| sections.of_heading(l));
            // Outside a phase an item speaks only for itself and the lines
            // nested under it: the items beside it are other work.
            phase_heading.unwrap_or((line, task.source_end.max(line)))
        }
    }
}

/// (task, evidence, line) for every task id and evidence path named in the
/// same section of a document (the innermost heading's), leaving out the
/// lines that define tasks in a table (those rows speak only for themselves).
fn section_pairs(
    doc: &Document,
    named: &Named,
    row_lines: &HashSet<usize>,
    task_idx: &HashMap<String, usize>,
) -> Vec<(usize, String, usize)> {
    if named.evidence.is_empty() || named.tasks.is_empty() {
        return Vec::new();
    }
    let sections = Sections::of(doc);
    // A path on a line that names tasks is theirs (`- T-1 done, 24/24
    // passed (run-a.txt)`): the other tasks of the section are not
    // linked to it, or one failing log would contradict them all.
    let mut ids_on: HashMap<usize, Vec<&str>> = HashMap::new();
    for (line, id) in &named.tasks {
        ids_on.entry(*line).or_default().push(id);
    }
    let mut pairs = Vec::new();
    for (line, id) in named.tasks.iter().filter(|(l, _)| !row_lines.contains(l)) {
        let Some(&t) = task_idx.get(id) else { continue };
        // In a tracker export each line is a record of its own.
        let (start, end) = if doc.format == SourceFormat::Markdown {
            sections.leaf(*line)
        } else {
            (*line, *line)
        };
        let others_own = |l: &usize| ids_on.get(l).is_some_and(|on| !on.contains(&id.as_str()));
        for (ev_line, path) in named
            .evidence
            .iter()
            .filter(|(l, _)| (start..=end).contains(l) && !row_lines.contains(l) && !others_own(l))
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

/// What else than its evidence can contradict a done task: the claims in its
/// scope, and its story's open items.
pub(crate) struct Checks<'a> {
    /// Every claim, with its verdict.
    pub(crate) claims: &'a [Claim],
    /// The story document of each task that has one, sorted by task id.
    pub(crate) stories: &'a [Story],
}

/// Sets every task's verification from its evidence, the claims in its
/// scope and its story.
pub(crate) fn verify(
    tasks: &mut [Task],
    evidence: &[Evidence],
    checks: &Checks<'_>,
    documents: &[Document],
    phase_lines: &HashMap<(String, String), usize>,
) {
    let verifier = Verifier::new(evidence, checks, documents, phase_lines);
    for task in tasks.iter_mut() {
        verifier.verify(task);
    }
}

/// What a task's verification is read from: the evidence and documents,
/// sorted by path, the contradicted claims of each document, its story,
/// the lines of the phase headings.
pub(crate) struct Verifier<'a> {
    evidence: &'a [Evidence],
    documents: &'a [Document],
    stories: &'a [Story],
    phase_lines: &'a HashMap<(String, String), usize>,
    /// The contradicted claims of each document, by line (claims of one
    /// line in the order they were read): a task looks only at its own
    /// document's, not at every claim.
    contradicted: HashMap<&'a str, Vec<&'a Claim>>,
}

impl<'a> Verifier<'a> {
    /// A verifier over `checks.claims`, which may be all of them or only
    /// those of the documents whose tasks it is to verify.
    pub(crate) fn new(
        evidence: &'a [Evidence],
        checks: &Checks<'a>,
        documents: &'a [Document],
        phase_lines: &'a HashMap<(String, String), usize>,
    ) -> Verifier<'a> {
        let mut contradicted: HashMap<&str, Vec<&Claim>> = HashMap::new();
        for claim in checks.claims.iter().filter(|c| c.verdict == Verdict::Contradicted) {
            contradicted.entry(claim.source.path.as_ref()).or_default().push(claim);
        }
        for claims in contradicted.values_mut() {
            claims.sort_by_key(|c| c.source.line);
        }
        Verifier { evidence, documents, stories: checks.stories, phase_lines, contradicted }
    }

    /// Sets the task's verification and the note that explains it.
    pub(crate) fn verify(&self, task: &mut Task) {
        if task.status != TaskStatus::Done {
            task.verification = Verification::Pending;
            task.verdict_note = None;
            return;
        }
        let linked: Vec<&Evidence> = task
            .evidence
            .iter()
            .filter_map(|p| crate::model::evidence_at(self.evidence, p))
            .collect();
        let outcomes: Vec<(&str, Outcome)> =
            linked.iter().map(|e| (e.path.as_str(), e.outcome)).collect();
        let rerun = passing_rerun(&linked);
        let doc = self.documents.binary_search_by(|d| d.path.as_str().cmp(&task.source.path));
        let scope = doc.ok().map(|at| own_scope(&self.documents[at], task, self.phase_lines));
        let contradicted_claim = scope.and_then(|(start, end)| {
            let in_doc = self.contradicted.get(task.source.path.as_ref())?;
            in_doc.iter().copied().find(|c| (start..=end).contains(&c.source.line))
        });
        let story = self.stories.binary_search_by(|s| s.task.as_str().cmp(&task.id));
        let open_story =
            story.ok().map(|at| &self.stories[at]).filter(|s| !s.open_lines.is_empty());
        let (verification, note) = match open_story {
            Some(story) => (
                Verification::Contradicted,
                format!(
                    "marked done, but its story {} has {} of {} items open (first at line {})",
                    story.path,
                    story.open_lines.len(),
                    story.total,
                    story.open_lines[0],
                ),
            ),
            None => verdict(&outcomes, rerun, contradicted_claim),
        };
        task.verification = verification;
        task.verdict_note = Some(note.into());
    }
}

/// The verification of a done task, with the note that explains it, from the
/// outcomes of its linked evidence, a passing run after its failures, and a
/// claim in its scope that the evidence contradicts.
fn verdict(
    outcomes: &[(&str, Outcome)],
    rerun: Option<(&str, &str)>,
    contradicted_claim: Option<&Claim>,
) -> (Verification, String) {
    let failing = outcomes.iter().find(|(_, o)| *o == Outcome::Fail);
    if let (Some((failed, _)), None) = (failing, rerun) {
        (Verification::Contradicted, format!("marked done, but {failed} records failures"))
    } else if let Some(claim) = contradicted_claim {
        let against = claim.evidence.as_deref().unwrap_or("the evidence");
        (
            Verification::Contradicted,
            format!("marked done, but the claim “{}” disagrees with {against}", claim.text),
        )
    } else if let Some((passed, failed)) = rerun {
        (
            Verification::Verified,
            format!("marked done, and {passed} passed after {failed} had failed"),
        )
    } else if let Some((path, _)) = outcomes.iter().find(|(_, o)| *o == Outcome::Pass) {
        (Verification::Verified, format!("marked done, and {path} passed"))
    } else if outcomes.is_empty() {
        (Verification::Claimed, "marked done, with no evidence linked".to_string())
    } else {
        (Verification::Claimed, "marked done; the linked evidence records no outcome".to_string())
    }
}

/// A passing run dated after every failing one, when there are failures:
/// the work was fixed and run again. (passing path, latest failing path).
/// Undated failures cannot be placed in time, so they are never superseded.
fn passing_rerun<'e>(linked: &[&'e Evidence]) -> Option<(&'e str, &'e str)> {
    let failing: Vec<&Evidence> =
        linked.iter().copied().filter(|e| e.outcome == Outcome::Fail).collect();
    let latest_failure = failing.iter().map(|e| e.date.as_deref()).max()??;
    if failing.iter().any(|e| e.date.is_none()) {
        return None;
    }
    let failed = failing.iter().find(|e| e.date.as_deref() == Some(latest_failure))?;
    let passed = linked
        .iter()
        .filter(|e| {
            e.outcome == Outcome::Pass && e.date.as_deref().is_some_and(|d| d > latest_failure)
        })
        .max_by(|a, b| a.date.cmp(&b.date))?;
    Some((passed.path.as_str(), failed.path.as_str()))
}

/// Turns referenced files that sit outside the evidence folders (a
/// `latest-deploy.json` beside the docs, a screenshot) into evidence.
pub(crate) fn adopt_referenced(
    documents: &mut [Document],
    evidence: &mut Vec<Evidence>,
    details: &mut Vec<(String, EvidenceDetails)>,
    named: &mut [Named],
    ids: &IdMatcher,
) {
    let referenced: std::collections::BTreeSet<String> =
        named.iter().flat_map(|n| n.evidence.iter().map(|(_, p)| p.clone())).collect();
    for (doc, named) in documents.iter_mut().zip(named.iter_mut()) {
        let adoptable =
            doc.kind == DocKind::Page && doc.format != crate::model::SourceFormat::Markdown;
        if adoptable && referenced.contains(doc.path.as_str()) {
            let format = crate::evidence::format_name(doc.format);
            let item = crate::evidence::read(doc, format, doc.text.as_deref().unwrap_or(""));
            // A project file (a config, a README) or a data file (a tool's
            // JSON or XML) named in prose is evidence only when it holds a
            // result; a named log is evidence even when attestor cannot read it.
            let holds_result = item.outcome != Outcome::Unknown || !item.runs.is_empty();
            let data = matches!(doc.format, SourceFormat::Json | SourceFormat::Xml);
            if (data || crate::evidence::is_project_file(&doc.path)) && !holds_result {
                continue;
            }
            doc.kind = DocKind::Evidence;
            doc.date = doc.date.clone().or(item.date.clone());
            // What the parse reads of every evidence file's text, read here
            // of the files that became evidence (see `parse::parse_data`).
            let text = doc.text.as_deref().unwrap_or("");
            named.head = ids.find_in_head(text);
            let whole = doc.shown.is_none();
            if let Some(found) = whole.then(|| details::details(item.format, text)).flatten() {
                details.push((doc.path.clone(), found));
            }
            evidence.push(item);
        }
    }
    evidence.sort_by(|a, b| a.path.cmp(&b.path));
    details.sort_by(|a, b| a.0.cmp(&b.0));
}

/// The task-id references of a document, for `Named`.
pub(crate) fn task_refs(doc: &Document) -> Vec<(usize, String)> {
    doc.references
        .iter()
        .filter(|r| r.kind == RefKind::Task)
        .map(|r| (r.line, r.target.clone()))
        .collect()
}
