//! A changed document put into the site linked before the change, when the
//! change reaches no page but the document's own, or changes only the
//! statuses or titles of its tasks or adds or deletes tasks no other file
//! names: `attestor serve`'s one-file rebuild.
//!
//! Everything a document gives the rest of the portal is in its parse but
//! for its markdown body: its tasks, phases, claims, references, headings,
//! dates and diagnostics, each at its line. When a new parse equals the old
//! one in all of that, once the old one's lines are moved to where the edit
//! put them (prose written, reworded, or a paragraph added above a task),
//! the site a full link would make differs from the old one only in the
//! document's body, size and line count, and in the lines of what the
//! document defines and states, wherever the site shows them. The body is
//! rendered again with the URLs the site already has, and those lines are
//! moved. A link to another page or to a file the tree does not have,
//! added or taken away, changes only the body and its warnings (A030:
//! `link_changes`). If its links resolve differently otherwise (evidence
//! named), the lines the cross-document checks read changed, or a message
//! somewhere names a line of it in words, the change is refused and the
//! caller links the whole tree again. A sentence that starts or stops naming another
//! page's task is prose too: the task's list of the pages that mention it
//! gains or loses the page (`set_mentions`), when no evidence is named in
//! the sentence's section (which would link the two).
//!
//! Two changes to what a document defines are taken too. A box ticked, a
//! status cell changed or a task's title reworded: the tasks are merged
//! again with their definitions in other files, and what the linker reads
//! from a status or a title (verifications, stories, A106, A140, A275,
//! contradictions, the critical paths) is worked out again for them alone
//! (`set_statuses`). And a task added or deleted (a checklist item
//! reworded is one: its id is made up from its text), when no other file
//! names it: no other file can name an id the parse made up, and for an
//! id of its own the site keeps what says whether one does (every
//! document's references, and the ids evidence files and stories name).
//! What the linker makes of it is then the document's own, but for the
//! critical paths its dependencies reach (`set_defined`). A task the
//! document keeps but changes in more than its status or title (its
//! owner, estimate, dependencies, or its place) is one taken away and
//! added again. A task of another page defined again on this one, or no
//! longer (a session's `- ✅ GAP-7 merged`), is taken when the task shown
//! stays the other page's definition: it is merged again with and
//! without this page's (`set_redefined`). A140, which names the lines of
//! the document's open tasks, is made again after any splice.
//! An evidence file written again (a test run again) is put in by
//! [`prepare_evidence`] (`evidence_file`): its record, and the verdicts it
//! decides; a new run's log beside the last one by
//! [`prepare_new_evidence`].
//! `tests::a_splice_gives_the_site_a_full_link_gives`,
//! `tests::a_status_change_is_spliced`,
//! `tests::a_checklist_item_added_deleted_or_reworded_is_spliced`,
//! `tests::a_task_with_an_id_of_its_own_added_or_deleted_is_spliced`,
//! `tests::a_task_with_dependencies_added_or_deleted_is_spliced`,
//! `tests::a_mention_of_another_pages_task_is_spliced`,
//! `tests::a_task_of_another_page_defined_again_is_spliced`,
//! `tests::a_link_to_a_page_or_a_missing_file_is_spliced` and the
//! suite's `splice` tests hold the promise against full links of edited
//! trees.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::config::BuildConfig;
use crate::diagnostics::Diagnostic;
use crate::link::bodies::{self, Paths, TaskUrls};
use crate::link::tasks::{self, StatusConflict};
use crate::link::{complete, contradictions, evidence, owners, scope};
use crate::model::{
    Claim, Contradiction, Document, OwnerSpellings, Packed, Plan, RefKind, Reference, Site, Source,
    SourceFormat, Task, TaskForm, TaskStatus, evidence_at, evidence_position, task_anchor_url,
    task_position, task_url, task_with_id,
};
use crate::parse::Parsed;
use crate::parse::ids::IdMatcher;
use crate::stale;

mod evidence_file;

pub use evidence_file::{EvidencePatch, NewEvidencePatch, prepare_evidence, prepare_new_evidence};

/// A change ready to go into a site: what [`prepare`] found.
#[derive(Debug)]
pub struct Patch {
    /// The document's index in the site.
    idx: usize,
    body_html: Packed,
    n_lines: usize,
    size: u64,
    unmasked_print: Option<u64>,
    /// Where its old lines are now.
    lines: LineMap,
    /// The tasks whose status the edit changed: see [`status_changes`].
    statuses: Vec<StatusEdit>,
    /// The checklist items the edit added or took away: see [`DefinedEdit`].
    defined: Option<DefinedEdit>,
    /// The tasks of other pages the edit's prose started or stopped naming:
    /// see [`mention_changes`].
    mentions: Option<MentionEdit>,
    /// The tasks of other pages the edit defined again or no longer: see
    /// [`redefined_changes`].
    redefined: Option<RedefinedEdit>,
    /// The pages or missing files the edit started or stopped naming: see
    /// [`link_changes`].
    links: Option<LinkEdit>,
}

/// Links to pages (not evidence) or to files the tree does not have that
/// an edit added or took away (`See [the design](../notes/design.md).`):
/// the body links them, and a missing one is a warning (A030) at its
/// line. Nothing else the linker makes reads them.
#[derive(Debug)]
struct LinkEdit {
    /// What the document names after the edit.
    references: Vec<Reference>,
    /// What rendering the body says of its links, before the edit (at the
    /// lines the edit moved them to) and after it.
    diagnostics_before: Vec<Diagnostic>,
    diagnostics_after: Vec<Diagnostic>,
}

/// Tasks of other pages an edit defined again on this one, or no longer
/// (`- ✅ GAP-7 merged after review` in a session log is a definition of
/// GAP-7 beside its plan's row). The other page's definition stays the
/// one shown; this page's is one more place the task is said to be, in
/// what status: it lists the page among those that mention the task, and
/// a status that differs is a warning (A106) and a contradiction. Taken
/// only when the task shown stays as it is ([`redefined_changes`]).
#[derive(Debug)]
struct RedefinedEdit {
    /// The tasks defined again or no longer, each merged again with its
    /// other definitions.
    tasks: Vec<Remerged>,
    /// The document's plan and task ids after the edit.
    plan: Plan,
    doc_tasks: Vec<String>,
    /// What the document names after the edit.
    references: Vec<Reference>,
}

/// One task of [`RedefinedEdit`].
#[derive(Debug)]
struct Remerged {
    id: String,
    /// Whether the page defines it after the edit.
    defined: bool,
    /// What the merge says of the definitions (A106, A108), before the
    /// edit and after it.
    merged_before: Vec<Diagnostic>,
    merged_after: Vec<Diagnostic>,
    /// The definitions that disagree on the status, after the edit.
    conflicts: Vec<StatusConflict>,
}

/// Tasks of other pages a prose edit named for the first time, or stopped
/// naming (`Worked on GAP-7 with the design team.`): each such task's
/// "mentioned in" list gains or loses the page. Taken only when nothing
/// else the linker reads from a mention changes ([`mention_changes`]).
#[derive(Debug)]
struct MentionEdit {
    /// The ids named or no longer named.
    ids: Vec<String>,
    /// What the document names after the edit.
    references: Vec<Reference>,
}

/// Tasks added to a document or taken from it: a checklist item (whose id
/// was made up from its text) new, deleted or reworded (its id changes
/// with its text), or a task with an id of its own (a table row, an item
/// that starts with its id) new or deleted. Taken only when nothing else
/// in the tree names such a task: no other definition, dependant, parent,
/// mention, story or evidence file ([`defined_changes`] checks each; no
/// file can name an id the author never wrote). What the linker makes of
/// it is then the document's own: the task's URL (an anchor of the page,
/// or a page of its own whose name no other task's page shares), scope,
/// evidence (what its row, item, phase or section names), verification
/// and stale evidence, the document's plan and references, A120, and the
/// critical paths and A122 of the plans its dependencies reach.
#[derive(Debug)]
struct DefinedEdit {
    /// The ids of the tasks taken away.
    removed: Vec<String>,
    /// The tasks added, as the parse gives them.
    added: Vec<Task>,
    /// The document's plan and task ids after the edit.
    plan: Plan,
    doc_tasks: Vec<String>,
    /// The evidence the document names, resolved, with lines.
    named_evidence: Vec<(usize, String)>,
    /// The evidence the rows of the tasks added or taken away name: each
    /// file's documents that name it are worked out again.
    row_evidence: Vec<String>,
    /// What the document names after the edit: an id of its own added or
    /// taken away on its task's line.
    references: Vec<Reference>,
    /// The plans whose critical paths the tasks' dependencies reach.
    reached: Vec<String>,
    /// The tasks' spellings of each owner after the edit.
    owner_spellings: OwnerSpellings,
}

/// A task whose status the edit changed, merged again with its other
/// definitions, as the linker merges them (`link::tasks::merge`).
#[derive(Debug)]
struct StatusEdit {
    id: String,
    /// The merged task's status and title after the edit.
    status: TaskStatus,
    title: Box<str>,
    /// What the merge says of the definitions (A106, A108), before the
    /// edit and after it.
    merged_before: Vec<Diagnostic>,
    merged_after: Vec<Diagnostic>,
    /// The definitions that disagree on the status, after the edit.
    conflicts: Vec<StatusConflict>,
}

impl Patch {
    /// Puts the change into the site it was prepared against.
    pub fn apply(self, site: &mut Site) {
        // A140 names the lines and titles of the document's open tasks in
        // words: it is made again once the change is in.
        let declared = declared_but_open(site, self.idx);
        replace_diagnostics(site, declared.into_iter().collect(), Vec::new());
        if !self.lines.is_identity() {
            let path = site.documents[self.idx].path.clone();
            move_site_lines(site, self.idx, &path, &self.lines);
        }
        let doc = &mut site.documents[self.idx];
        doc.body_html = self.body_html;
        doc.n_lines = self.n_lines;
        doc.size = self.size;
        doc.unmasked_print = self.unmasked_print;
        if !self.statuses.is_empty() {
            set_statuses(site, self.idx, &self.statuses);
        }
        if let Some(defined) = self.defined {
            set_defined(site, self.idx, defined);
        }
        if let Some(mentions) = self.mentions {
            set_mentions(site, self.idx, mentions);
        }
        if let Some(redefined) = self.redefined {
            set_redefined(site, self.idx, redefined);
        }
        if let Some(links) = self.links {
            site.documents[self.idx].references = links.references;
            replace_diagnostics(site, links.diagnostics_before, links.diagnostics_after);
        }
        let declared = declared_but_open(site, self.idx);
        replace_diagnostics(site, Vec::new(), declared.into_iter().collect());
    }
}

/// Takes the tasks `edit` took away out of the site and links those it
/// added, with what the linker makes of them (see [`DefinedEdit`]).
fn set_defined(site: &mut Site, idx: usize, edit: DefinedEdit) {
    let path = site.documents[idx].path.clone();
    let mut gone: Vec<Diagnostic> = Vec::new();
    for id in &edit.removed {
        let Some(t) = task_position(&site.tasks, id) else { continue };
        let known = |dep: &str| task_position(&site.tasks, dep).is_some();
        gone.extend(tasks::unknown_dependencies(&site.tasks[t], &known));
        let task = site.tasks.remove(t);
        gone.extend(stale::warnings(&task));
        for linked in &task.evidence {
            if let Some(e) = evidence_position(&site.evidence, linked) {
                site.evidence[e].tasks.retain(|other| other != id);
            }
        }
    }
    set_page_tasks(site, idx, edit.plan, edit.doc_tasks, edit.references);
    for file in &edit.row_evidence {
        let Some(at) = evidence_position(&site.evidence, file) else { continue };
        let names = edit.named_evidence.iter().any(|(_, p)| p == file);
        let by = &mut site.evidence[at].referenced_by;
        match (by.binary_search(&path), names) {
            (Err(place), true) => by.insert(place, path.clone()),
            (Ok(place), false) => {
                by.remove(place);
            }
            _ => {}
        }
    }
    site.owner_spellings = edit.owner_spellings;
    let phase_lines =
        super::phase_heading_lines(&site.documents, site.plans.iter().filter(|p| p.path == path));
    let added_ids: Vec<String> = edit.added.iter().map(|t| t.id.clone()).collect();
    let mut added = Vec::with_capacity(edit.added.len());
    for mut task in edit.added {
        let doc = &site.documents[idx];
        task.url = match task.named {
            true => task_url(&task.id),
            false => task_anchor_url(&doc.url, &task.id),
        }
        .into();
        let plan = crate::model::document_at(&site.documents, &task.plan);
        let parent_known = task.parent.as_deref().is_some_and(|p| {
            added_ids.iter().any(|id| id == p) || task_position(&site.tasks, p).is_some()
        });
        task.scope = scope::of(&site.headline_kinds, plan, parent_known);
        added.push(task);
    }
    for task in added {
        let at = site.tasks.partition_point(|t| t.id < task.id);
        site.tasks.insert(at, task);
    }
    // The lines of the document's tasks in a table, which speak only for
    // their own row: with the tasks added, as the linker gathers them.
    let rows: HashSet<usize> = site
        .tasks
        .iter()
        .filter(|t| *t.source.path == *path && t.form == TaskForm::TableRow)
        .map(|t| t.source.line)
        .collect();
    let named = evidence::Named::of_own(&site.documents[idx], edit.named_evidence);
    for id in &added_ids {
        let Some(t) = task_position(&site.tasks, id) else { continue };
        evidence::link_own(
            &site.documents[idx],
            &mut site.tasks[t],
            &named,
            &rows,
            &mut site.evidence,
            &phase_lines,
        );
    }
    // An insertion moves the places of the tasks inserted before it.
    let places: Vec<usize> =
        added_ids.iter().filter_map(|id| task_position(&site.tasks, id)).collect();
    let Site { documents, tasks, evidence, claims, stories, .. } = &mut *site;
    let checks = evidence::Checks { claims, stories };
    let verifier = evidence::Verifier::new(evidence, &checks, documents, &phase_lines);
    for &t in &places {
        verifier.verify(&mut tasks[t]);
    }
    let mut added: Vec<Diagnostic> = Vec::new();
    for &t in &places {
        // [`prepare`] refused a site with a history.
        added.extend(mark_stale(site, t));
        let known = |dep: &str| task_position(&site.tasks, dep).is_some();
        added.extend(tasks::unknown_dependencies(&site.tasks[t], &known));
    }
    let reached = &edit.reached;
    if !reached.is_empty() {
        // A122, where a plan states its path, over the tasks as they are now.
        let stated_at: Vec<(String, usize)> = site
            .plans
            .iter()
            .filter(|p| reached.contains(&p.path))
            .filter_map(|p| p.stated_critical_path.as_ref())
            .map(|(_, source)| (source.path.to_string(), source.line))
            .collect();
        let at = |d: &Diagnostic| stated_at.iter().any(|(p, l)| *p == d.path && *l == d.line);
        gone.extend(site.diagnostics.iter().filter(|d| d.code == "A122" && at(d)).cloned());
        let plans = reached.iter().map(String::as_str).collect();
        let paths = crate::graph::critical_paths_of(&site.tasks, plans, &site.plans);
        added.extend(set_critical_paths(site, paths));
    }
    replace_diagnostics(site, gone, added);
}

/// Puts critical paths worked out again into the site; returns their A122.
fn set_critical_paths(site: &mut Site, paths: crate::graph::CriticalPaths) -> Vec<Diagnostic> {
    site.critical_path = paths.critical_path;
    site.critical_minutes = paths.critical_minutes;
    for (plan, chain) in paths.plan_paths {
        match chain {
            Some(chain) => site.plan_critical_paths.insert(plan, chain),
            None => site.plan_critical_paths.remove(&plan),
        };
    }
    paths.stated
}

/// A140 for the document at `idx` of the site, over the tasks it defines.
fn declared_but_open(site: &Site, idx: usize) -> Option<Diagnostic> {
    let doc = &site.documents[idx];
    let defined = site.tasks.iter().filter(|t| *t.source.path == *doc.path);
    complete::declared_but_open(doc, defined)
}

/// Takes `gone` out of the site's sorted diagnostics and puts `added` in.
fn replace_diagnostics(site: &mut Site, gone: Vec<Diagnostic>, added: Vec<Diagnostic>) {
    for diagnostic in gone {
        if let Ok(at) = site.diagnostics.binary_search(&diagnostic) {
            site.diagnostics.remove(at);
        }
    }
    for diagnostic in added {
        let at = site.diagnostics.binary_search(&diagnostic).unwrap_or_else(|at| at);
        site.diagnostics.insert(at, diagnostic);
    }
}

/// Sets the statuses and titles of tasks the document at `idx` defines,
/// and everything the linker reads from them: what the merge of their
/// definitions says (A106) and the contradictions among them, their
/// verifications, the stories the document is, whether it is complete but
/// open (A140, which names the open tasks' titles), their stale evidence
/// warnings (A275) and the critical paths. Nothing else the linker makes
/// reads a status or a title (`tests::a_status_change_is_spliced`).
fn set_statuses(site: &mut Site, idx: usize, statuses: &[StatusEdit]) {
    let path = site.documents[idx].path.clone();
    // [`prepare`] found each in the site.
    let found: Vec<(usize, &StatusEdit)> = statuses
        .iter()
        .filter_map(|edit| Some((task_position(&site.tasks, &edit.id)?, edit)))
        .collect();
    let changed: Vec<usize> = found.iter().map(|&(t, _)| t).collect();
    for edit in statuses {
        set_status_contradiction(site, &edit.id, &edit.conflicts);
    }
    let own_diagnostics = |site: &Site| -> Vec<Diagnostic> {
        changed.iter().flat_map(|&t| stale::warnings(&site.tasks[t])).collect()
    };
    let mut gone = own_diagnostics(site);
    for &(t, edit) in &found {
        site.tasks[t].status = edit.status;
        site.tasks[t].title.clone_from(&edit.title);
    }
    let mut added = own_diagnostics(site);
    for edit in statuses {
        gone.extend(edit.merged_before.iter().cloned());
        added.extend(edit.merged_after.iter().cloned());
    }
    // The tasks whose verification reads the statuses: those changed, and
    // those whose story this document is.
    let mut verify = changed.clone();
    let Site { documents, tasks, stories, .. } = &mut *site;
    for story in stories.iter_mut().filter(|s| s.path == path) {
        let defined = tasks.iter().filter(|t| *t.source.path == *path);
        complete::count_story(story, &documents[idx], defined);
        verify.extend(task_position(tasks, &story.task));
    }
    verify_tasks(site, &verify);
    if let Some(paths) = crate::graph::critical_paths_through(&site.tasks, &changed) {
        // A status does not change a stated path's comparison (A122).
        set_critical_paths(site, paths);
    }
    replace_diagnostics(site, gone, added);
}

/// Verifies tasks `verify` of the site again, as the linker does, with
/// the phase headings of their plans.
fn verify_tasks(site: &mut Site, verify: &[usize]) {
    let Site { documents, plans, tasks, evidence, claims, stories, .. } = &mut *site;
    let verified_plans: BTreeSet<&str> = verify.iter().map(|&t| tasks[t].plan.as_ref()).collect();
    let phase_lines = super::phase_heading_lines(
        documents,
        plans.iter().filter(|p| verified_plans.contains(p.path.as_str())),
    );
    let checks = evidence::Checks { claims, stories };
    let verifier = evidence::Verifier::new(evidence, &checks, documents, &phase_lines);
    for &t in verify {
        verifier.verify(&mut tasks[t]);
    }
}

/// Sets task `t`'s stale evidence as the linker marks it when no history
/// is read (the splice refuses a site that has one); returns its warnings
/// (A275).
fn mark_stale(site: &mut Site, t: usize) -> Vec<Diagnostic> {
    let stale = stale::of_task(site, &site.tasks[t]).unwrap_or_default();
    site.tasks[t].stale = stale.into();
    stale::warnings(&site.tasks[t])
}

/// Puts the contradiction of task `id`'s definitions' statuses into the
/// site as the linker finds it from `conflicts`, the definitions that
/// disagree after an edit, in place of the one it had.
fn set_status_contradiction(site: &mut Site, id: &str, conflicts: &[StatusConflict]) {
    let ours =
        |c: &Contradiction| c.kind == contradictions::TASK_STATUS && c.statements[0].text == id;
    site.contradictions.retain(|c| !ours(c));
    let conflicts: Vec<&StatusConflict> = conflicts.iter().collect();
    if let Some(found) = contradictions::task_status(&site.documents, id, &conflicts) {
        // Where the linker puts it: by its first statement, after the
        // figures' contradictions there, among the tasks' by id.
        let first = &found.statements[0].source;
        let at = site.contradictions.partition_point(|c| {
            let source = &c.statements[0].source;
            source < first
                || (source == first
                    && (c.kind != contradictions::TASK_STATUS || *c.statements[0].text < *id))
        });
        site.contradictions.insert(at, found);
    }
}

/// Where each line of a document's old text is in its new text: the lines
/// before the edit stay, those after it move by the lines it added or took
/// away. A line the edit rewrote has no place when the count changed.
#[derive(Debug, Clone, Copy)]
struct LineMap {
    /// The file line the markdown body starts on, in both texts.
    first: usize,
    /// How many body lines the two texts share at the top.
    prefix: usize,
    /// The first body line of the old text of the run both share at the
    /// bottom.
    suffix_from: usize,
    /// New line minus old line for the lines of that run.
    delta: isize,
}

impl LineMap {
    fn of(old: &str, new: &str, first: usize) -> LineMap {
        let (old_lines, new_lines): (Vec<&str>, Vec<&str>) =
            (old.lines().collect(), new.lines().collect());
        let shortest = old_lines.len().min(new_lines.len());
        let prefix = old_lines.iter().zip(&new_lines).take_while(|(a, b)| a == b).count();
        let suffix = old_lines
            .iter()
            .rev()
            .zip(new_lines.iter().rev())
            .take(shortest - prefix)
            .take_while(|(a, b)| a == b)
            .count();
        LineMap {
            first,
            prefix,
            suffix_from: old_lines.len() - suffix,
            delta: new_lines.len() as isize - old_lines.len() as isize,
        }
    }

    fn is_identity(&self) -> bool {
        self.delta == 0
    }

    /// The new place of old file line `line`; a rewritten line's is past
    /// any text, so that whatever sat on it compares unequal.
    fn map(&self, line: usize) -> usize {
        let Some(at) = line.checked_sub(self.first) else { return line };
        match () {
            _ if at < self.prefix || self.delta == 0 => line,
            _ if at >= self.suffix_from => line.saturating_add_signed(self.delta),
            _ => usize::MAX,
        }
    }

    fn source(&self, source: &mut Source, path: &str) {
        if &*source.path == path {
            source.line = self.map(source.line);
        }
    }
}

/// Prepares the change from `old` to `new` (two parses of one markdown
/// file) for `site`, the full link of a tree in which the file read as
/// `old`; `Err` says why only a full link can take the change.
pub fn prepare(
    config: &BuildConfig,
    ids: &IdMatcher,
    site: &Site,
    old: &Parsed,
    new: &Parsed,
    definitions: &dyn Fn(&str, &str) -> Vec<Task>,
) -> Result<Patch, &'static str> {
    let path = old.document.path.as_str();
    if config.git {
        return Err("the history read from git may change");
    }
    let markdown = |p: &Parsed| p.document.format == SourceFormat::Markdown;
    if !markdown(old) || !markdown(new) || old.evidence.is_some() {
        return Err("it is not a markdown page");
    }
    let (Some((old_body, old_first)), Some((new_body, new_first))) =
        (&old.document.markdown, &new.document.markdown)
    else {
        return Err("it has no markdown body");
    };
    if old_first != new_first {
        return Err("its front matter changed");
    }
    let lines = LineMap::of(old_body, new_body, *old_first);
    let mut moved = moved_parse(old, &lines);
    let moved_tasks = moved.tasks.clone();
    let statuses = status_changes(&moved, new);
    let status_lines: Vec<usize> = statuses.iter().map(|&t| new.tasks[t].source.line).collect();
    // A status word on a task's own line is the task's, not a claim: the
    // linker drops it.
    let status_claim = |c: &Claim| c.kind == "status" && status_lines.contains(&c.source.line);
    let mut new_compared = new.clone();
    if !statuses.is_empty() {
        for &t in &statuses {
            moved.tasks[t].status = new.tasks[t].status;
            moved.tasks[t].title.clone_from(&new.tasks[t].title);
        }
        moved.claims.retain(|c| !status_claim(c));
        new_compared.claims.retain(|c| !status_claim(c));
    }
    let paths = Paths::new(config, &site.documents);
    let parses = Parses { old, new, lines: &lines };
    let redefined = match statuses.is_empty() {
        true => {
            redefined_changes(&paths, site, &parses, &mut moved, &mut new_compared, definitions)?
        }
        false => None,
    };
    let defined = match statuses.is_empty() {
        true => {
            defined_changes(config, ids, site, path, &mut moved, &mut new_compared, definitions)?
        }
        false => None,
    };
    if redefined.is_some() && defined.is_some() {
        return Err("it defines tasks of other pages and changes its own");
    }
    let removed_lines = match (&defined, &redefined) {
        (Some(d), _) => d.removed_lines.as_slice(),
        (None, Some((_, lines))) => lines.as_slice(),
        (None, None) => &[][..],
    };
    let mentions = mention_changes(&paths, site, &parses, &mut moved, &new_compared)?;
    let own_changed = defined.is_some() || redefined.is_some() || !statuses.is_empty();
    if mentions.is_some() && own_changed {
        return Err("it names other tasks and changes its own");
    }
    let links = link_changes(&paths, &mut moved, &new_compared)?;
    if links && (own_changed || mentions.is_some()) {
        return Err("it names other files and changes its tasks or the tasks it names");
    }
    if without_body(moved) != without_body(new_compared) {
        return Err("what it says beyond its prose changed");
    }
    let mut changed_ids: Vec<&str> = statuses.iter().map(|&t| new.tasks[t].id.as_str()).collect();
    changed_ids.sort_unstable();
    changed_ids.dedup();
    let mut edits = Vec::with_capacity(changed_ids.len());
    for id in changed_ids {
        let others = definitions(id, path);
        let of_id = |tasks: &[Task]| tasks.iter().filter(|t| t.id == id).cloned().collect();
        let merged = |mine: Vec<Task>| tasks::merge([others.clone(), mine].concat());
        let (before, merged_before, _) = merged(of_id(&moved_tasks));
        let (after, merged_after, conflicts) = merged(of_id(&new.tasks));
        let (Some(before), Some(after)) = (before.first(), after.first()) else {
            return Err("a task whose status changed is not in the site");
        };
        let in_site = task_with_id(&site.tasks, id).is_some_and(|t| {
            t.source == before.source && t.status == before.status && t.title == before.title
        });
        if !in_site {
            return Err(
                "a task whose status changed is not in the site as its definitions give it",
            );
        }
        edits.push(StatusEdit {
            id: id.to_string(),
            status: after.status,
            title: after.title.clone(),
            merged_before,
            merged_after,
            conflicts,
        });
    }
    // The claims' own lines are read by the cross-document checks (a
    // change `0% → 83%` is not a contradiction).
    let line = |body: &str, n: usize| {
        n.checked_sub(*old_first).and_then(|at| body.lines().nth(at)).map(str::to_string)
    };
    let claim_lines_kept = old.claims.iter().all(|claim| {
        let n = claim.source.line;
        let task_line = |l: usize| status_lines.contains(&l) || removed_lines.contains(&l);
        let dropped = claim.kind == "status" && task_line(lines.map(n));
        dropped || line(old_body, n) == line(new_body, lines.map(n))
    });
    if !claim_lines_kept {
        return Err("a line that states a figure changed");
    }
    if !lines.is_identity() && lines_named_in_words(site, path, &lines) {
        return Err("a message names one of its lines");
    }
    let Ok(idx) = site.documents.binary_search_by(|d| d.path.as_str().cmp(path)) else {
        return Err("the site does not have it");
    };
    // A markdown file another document names as evidence is evidence.
    if evidence_at(&site.evidence, path).is_some() {
        return Err("it is evidence");
    }
    let doc = &site.documents[idx];
    let render = |body: &str, first: usize, tasks: &dyn TaskUrls| {
        bodies::render_body(config, ids, &paths, tasks, doc, body, first)
    };
    let (_, mut old_diagnostics) = render(old_body, *old_first, &site.tasks);
    // The body links the ids of its own added since the site was linked.
    let edited = match &defined {
        Some(d) => Edited {
            tasks: &site.tasks,
            removed: &d.removed,
            added: d
                .added
                .iter()
                .filter(|t| t.named)
                .map(|t| (t.id.as_str(), task_url(&t.id)))
                .collect(),
        },
        None => Edited { tasks: &site.tasks, removed: &[], added: Vec::new() },
    };
    let (body_html, new_diagnostics) = render(new_body, *new_first, &edited);
    for diagnostic in &mut old_diagnostics {
        diagnostic.line = lines.map(diagnostic.line);
    }
    let links = match links {
        true => Some(LinkEdit {
            references: new.document.references.clone(),
            diagnostics_before: old_diagnostics,
            diagnostics_after: new_diagnostics,
        }),
        false if old_diagnostics != new_diagnostics => {
            return Err("its links resolve differently");
        }
        false => None,
    };
    let defined = match defined {
        Some(Defined { removed, added, removed_lines: _, owner_spellings, row_files, reached }) => {
            let named_evidence = super::named_evidence(&paths, &new.document);
            let row_evidence =
                row_files_kept(config, site, idx, &paths, new, &named_evidence, &row_files)?;
            Some(DefinedEdit {
                removed,
                added,
                owner_spellings,
                plan: new.plan().ok_or("it stopped being a plan")?,
                doc_tasks: new.document.tasks.clone(),
                named_evidence,
                row_evidence,
                references: new.document.references.clone(),
                reached,
            })
        }
        None => None,
    };
    Ok(Patch {
        idx,
        body_html,
        n_lines: new.document.n_lines,
        size: new.document.size,
        unmasked_print: new.document.unmasked_print,
        lines,
        statuses: edits,
        defined,
        mentions,
        redefined: redefined.map(|(edit, _)| edit),
        links,
    })
}

/// A document's parse before an edit and after it, and where the edit
/// put the old lines: what is taken away is looked at where it was.
struct Parses<'p> {
    old: &'p Parsed,
    new: &'p Parsed,
    lines: &'p LineMap,
}

impl Parses<'_> {
    /// The old line of the old document's reference to task `id` that the
    /// edit moved to `moved` (a line the edit took away moves past the
    /// text, so look it up here rather than where it moved).
    fn old_line_of(&self, id: &str, moved: usize) -> Option<usize> {
        let refs = &self.old.document.references;
        let named = |r: &&Reference| r.kind == RefKind::Task && r.target == id;
        refs.iter().filter(named).map(|r| r.line).find(|&l| self.lines.map(l) == moved)
    }
}

/// The tasks of other pages that `new`'s prose names and `moved`'s (the
/// old parse, its lines moved) did not, or the other way round: `Ok(None)`
/// when the two name the same tasks on the same lines. `moved` then names
/// what `new` does, so that comparing the two finds anything else that
/// changed.
///
/// A mention gives a task the page in its "mentioned in" list, and in a
/// section that names evidence links the evidence to the task; nothing
/// else of the linker's reads it. So it is refused when the section it is
/// in (or was in) names evidence, when the page defines a task of that
/// id (a page's own tasks are linked to what their sections name), and
/// when what else the page names changed.
fn mention_changes(
    paths: &Paths<'_>,
    site: &Site,
    parses: &Parses<'_>,
    moved: &mut Parsed,
    new: &Parsed,
) -> Result<Option<MentionEdit>, &'static str> {
    let (before, after) = (&moved.document.references, &new.document.references);
    if before == after {
        return Ok(None);
    }
    let others = |refs: &[Reference]| -> Vec<Reference> {
        refs.iter().filter(|r| r.kind != RefKind::Task).cloned().collect()
    };
    if others(before) != others(after) {
        return Ok(None);
    }
    let tasks_of = |refs: &[Reference]| -> BTreeSet<(usize, String)> {
        refs.iter()
            .filter(|r| r.kind == RefKind::Task)
            .map(|r| (r.line, r.target.clone()))
            .collect()
    };
    let (named_before, named_after) = (tasks_of(before), tasks_of(after));
    let own: BTreeSet<&str> = moved.tasks.iter().chain(&new.tasks).map(|t| t.id.as_str()).collect();
    let mut ids = Vec::new();
    let changed = named_before.symmetric_difference(&named_after);
    for (line, id) in changed {
        let (doc, line) = match named_after.contains(&(*line, id.clone())) {
            true => (&new.document, *line),
            false => {
                let old = parses.old_line_of(id, *line).ok_or("a mention taken away moved")?;
                (&parses.old.document, old)
            }
        };
        if own.contains(id.as_str()) {
            return Err("it names a task of its own elsewhere on the page");
        }
        if beside_evidence(paths, doc, line) {
            return Err("it names a task in a section that names evidence");
        }
        ids.push(id.clone());
    }
    ids.sort_unstable();
    ids.dedup();
    // An id no task has is named by nothing the site shows.
    ids.retain(|id| task_with_id(&site.tasks, id).is_some());
    moved.document.references.clone_from(after);
    Ok(Some(MentionEdit { ids, references: after.clone() }))
}

/// Whether `new` names other files than `moved` (the old parse, its lines
/// moved), in links or paths in backticks, when it names the same tasks
/// and commits: then `moved` names what `new` does, so that comparing the
/// two finds anything else that changed.
///
/// A file named is linked by the body; when it is evidence (or a file
/// that becomes evidence once named) it is linked to tasks and claims
/// too, and that is refused. A page or a missing file is read by nothing
/// else: [`Patch::apply`] gives the document its references and the
/// body's messages about its links (A030, A031).
fn link_changes(paths: &Paths<'_>, moved: &mut Parsed, new: &Parsed) -> Result<bool, &'static str> {
    let (before, after) = (&moved.document.references, &new.document.references);
    if before == after {
        return Ok(false);
    }
    let files = |r: &&Reference| matches!(r.kind, RefKind::Link | RefKind::Path);
    let others = |refs: &[Reference]| -> Vec<Reference> {
        refs.iter().filter(|r| !files(r)).cloned().collect()
    };
    if others(before) != others(after) {
        return Err("the tasks or commits it names changed with the files it names");
    }
    let named = |refs: &[Reference]| -> BTreeSet<Reference> {
        refs.iter().filter(files).cloned().collect()
    };
    let path = new.document.path.as_str();
    for reference in named(before).symmetric_difference(&named(after)) {
        let (target, _) = super::split_fragment(&reference.target);
        let found = paths.resolve(path, target);
        if found.is_some_and(|file| paths.is_evidence(&file)) {
            return Err("it names other evidence");
        }
    }
    moved.document.references.clone_from(after);
    Ok(true)
}

/// Whether `doc`'s section holding `line` names evidence: a task named
/// there is linked to it.
fn beside_evidence(paths: &Paths<'_>, doc: &Document, line: usize) -> bool {
    let (start, end) = evidence::Sections::of(doc).leaf(line);
    super::named_evidence(paths, doc).iter().any(|(l, _)| (start..=end).contains(l))
}

/// The tasks of other pages `new` defines again and `moved` (the old
/// parse, its lines moved) did not, or the other way round (see
/// [`RedefinedEdit`]), with the lines of the definitions taken away:
/// `Ok(None)` when the page defines the same tasks, or changes tasks no
/// other file defines (those are [`defined_changes`]'). `moved` and `new`
/// are then made alike in what the change explains (the tasks, their ids
/// in the document, its phases and references, and the status words on
/// their lines, which the linker drops where the line names no evidence),
/// so that comparing the two finds anything else that changed. `parses`
/// are the page's parses as they are.
///
/// Taken only when the task shown stays the other page's definition, in
/// every field but the pages that mention it; the site shows it as its
/// definitions give it; the page defines it once; its line names nothing
/// else and its section no evidence; and the page is no task's story.
fn redefined_changes(
    paths: &Paths<'_>,
    site: &Site,
    parses: &Parses<'_>,
    moved: &mut Parsed,
    new: &mut Parsed,
    definitions: &dyn Fn(&str, &str) -> Vec<Task>,
) -> Result<Option<(RedefinedEdit, Vec<usize>)>, &'static str> {
    let path = moved.document.path.clone();
    let ids_of =
        |tasks: &[Task]| -> BTreeSet<String> { tasks.iter().map(|t| t.id.clone()).collect() };
    let (old_ids, new_ids) = (ids_of(&moved.tasks), ids_of(&new.tasks));
    let changed: Vec<String> = old_ids.symmetric_difference(&new_ids).cloned().collect();
    let others: Vec<Vec<Task>> = changed.iter().map(|id| definitions(id, &path)).collect();
    if others.iter().all(Vec::is_empty) {
        return Ok(None);
    }
    if others.iter().any(Vec::is_empty) {
        return Err("it changes tasks of its own and of other pages at once");
    }
    if moved.tasks.is_empty() || new.tasks.is_empty() {
        return Err("it became a plan or stopped being one");
    }
    let kept = |t: &&Task| !changed.contains(&t.id);
    if !moved.tasks.iter().filter(kept).eq(new.tasks.iter().filter(kept)) {
        return Err("the tasks it kept changed");
    }
    if site.stories.iter().any(|s| s.path == path) {
        return Err("it is a task's story, which counts its tasks");
    }
    let (mut tasks, mut old_lines, mut new_lines) = (Vec::new(), Vec::new(), Vec::new());
    for (id, others) in changed.iter().zip(others) {
        let of_id = |parsed: &Parsed| -> Vec<Task> {
            parsed.tasks.iter().filter(|t| t.id == *id).cloned().collect()
        };
        let (before, now) = (of_id(moved), of_id(new));
        let (mine, defined) = match (before.as_slice(), now.as_slice()) {
            ([], [mine]) => (mine.clone(), true),
            ([mine], []) => (mine.clone(), false),
            _ => return Err("it defines a task of another page twice"),
        };
        let (without, merged_without, conflicts_without) = tasks::merge(others.clone());
        let (with, merged_with, conflicts_with) =
            tasks::merge([others, vec![mine.clone()]].concat());
        let (Some(without), Some(with)) = (without.first(), with.first()) else {
            return Err("a task defined again merges into nothing");
        };
        // The task shown stays the other page's definition.
        let mut shown = with.clone();
        shown.mentioned_in.clone_from(&without.mentioned_in);
        if shown != *without {
            return Err("a definition added or taken away changes the task shown");
        }
        let in_site = task_with_id(&site.tasks, id).is_some_and(|t| {
            t.source == without.source && t.status == without.status && t.title == without.title
        });
        if !in_site {
            return Err("a task defined again is not in the site as its definitions give it");
        }
        // Looked at where it is, or where it was.
        let (doc, line) = match defined {
            true => (&parses.new.document, mine.source.line),
            false => {
                let was = parses.old.tasks.iter().find(|t| t.id == *id);
                let line = was.ok_or("a task taken away is not in the old page")?.source.line;
                (&parses.old.document, line)
            }
        };
        let own = |r: &Reference| r.kind == RefKind::Task && r.target == *id;
        if doc.references.iter().any(|r| r.line == line && !own(r)) {
            return Err("the line of a task defined again names something else");
        }
        if beside_evidence(paths, doc, line) {
            return Err("a task defined again sits in a section that names evidence");
        }
        let (merged_before, merged_after, conflicts) = match defined {
            true => (merged_without, merged_with, conflicts_with),
            false => (merged_with, merged_without, conflicts_without),
        };
        let lines = if defined { &mut new_lines } else { &mut old_lines };
        lines.push(mine.source.line);
        tasks.push(Remerged { id: id.clone(), defined, merged_before, merged_after, conflicts });
    }
    let after = parses.new;
    let edit = RedefinedEdit {
        tasks,
        plan: after.plan().ok_or("it stopped being a plan")?,
        doc_tasks: after.document.tasks.clone(),
        references: after.document.references.clone(),
    };
    // What the change explains, set aside on both sides.
    for (parsed, lines) in [(&mut *moved, &old_lines), (&mut *new, &new_lines)] {
        let gone = |id: &str| changed.iter().any(|c| c == id);
        parsed.tasks.retain(|t| !gone(&t.id));
        parsed.document.tasks.retain(|t| !gone(t));
        for phase in &mut parsed.phases {
            phase.tasks.retain(|t| !gone(t));
        }
        let on_line = |line: usize| lines.contains(&line);
        parsed
            .document
            .references
            .retain(|r| !(r.kind == RefKind::Task && on_line(r.line) && gone(&r.target)));
        parsed.claims.retain(|c| !(c.kind == "status" && on_line(c.source.line)));
    }
    Ok(Some((edit, old_lines)))
}

/// Puts the definitions of other pages' tasks an edit added or took away
/// into the site (see [`RedefinedEdit`]): the page's plan, tasks and
/// references, each task's pages that mention it, the merge's warnings
/// (A106, A108) and the contradiction of its statuses.
fn set_redefined(site: &mut Site, idx: usize, edit: RedefinedEdit) {
    let path = site.documents[idx].path.clone();
    set_page_tasks(site, idx, edit.plan, edit.doc_tasks, edit.references);
    let (mut gone, mut added) = (Vec::new(), Vec::new());
    for task in &edit.tasks {
        // Listed where it is defined again (`link::tasks::merge`) or named
        // (`fill_mentions`).
        let names = names_task(&site.documents[idx], &task.id);
        set_mentioned(site, &task.id, &path, task.defined || names);
        set_status_contradiction(site, &task.id, &task.conflicts);
        gone.extend(task.merged_before.iter().cloned());
        added.extend(task.merged_after.iter().cloned());
    }
    replace_diagnostics(site, gone, added);
}

/// Puts a prose edit's new mentions of other pages' tasks into the site,
/// and takes away those it no longer makes, as `link::tasks::fill_mentions`
/// records them: each task lists the documents that name it but the one
/// that defines it, sorted by path.
fn set_mentions(site: &mut Site, idx: usize, edit: MentionEdit) {
    let doc = &mut site.documents[idx];
    doc.references = edit.references;
    let path = doc.path.clone();
    let named: Vec<bool> = edit.ids.iter().map(|id| names_task(&site.documents[idx], id)).collect();
    for (id, named) in edit.ids.iter().zip(named) {
        set_mentioned(site, id, &path, named);
    }
}

/// Gives the document at `idx` its plan, task ids and references after an
/// edit that added or took away tasks.
fn set_page_tasks(
    site: &mut Site,
    idx: usize,
    plan: Plan,
    doc_tasks: Vec<String>,
    references: Vec<Reference>,
) {
    let path = &site.documents[idx].path;
    if let Some(old) = site.plans.iter_mut().find(|p| p.path == *path) {
        *old = plan;
    }
    let doc = &mut site.documents[idx];
    doc.tasks = doc_tasks;
    doc.references = references;
}

/// Whether `doc` names task `id` in its text.
fn names_task(doc: &Document, id: &str) -> bool {
    doc.references.iter().any(|r| r.kind == RefKind::Task && r.target == id)
}

/// Lists the document at `path` among the pages that mention task `id`, or
/// takes it off, keeping the list sorted; the page that defines the task
/// is never listed.
fn set_mentioned(site: &mut Site, id: &str, path: &str, listed: bool) {
    let Some(t) = task_position(&site.tasks, id) else { return };
    let task = &mut site.tasks[t];
    if *task.source.path == *path {
        return;
    }
    let place = task.mentioned_in.binary_search_by(|p| p.as_str().cmp(path));
    match (listed, place) {
        (true, Err(at)) => task.mentioned_in.insert(at, path.to_string()),
        (false, Ok(at)) => {
            task.mentioned_in.remove(at);
        }
        _ => {}
    }
}

/// The URLs of the site's tasks with the edit's taken away and added.
struct Edited<'a> {
    tasks: &'a Vec<Task>,
    removed: &'a [String],
    added: Vec<(&'a str, String)>,
}

impl TaskUrls for Edited<'_> {
    fn url_of(&self, id: &str) -> Option<&str> {
        if let Some((_, url)) = self.added.iter().find(|(added, _)| *added == id) {
            return Some(url);
        }
        match self.removed.iter().any(|gone| gone == id) {
            true => None,
            false => self.tasks.url_of(id),
        }
    }
}

/// What [`defined_changes`] found.
struct Defined {
    removed: Vec<String>,
    added: Vec<Task>,
    /// The lines the tasks taken away were on, moved as the edit moved
    /// them: a status word there was the task's, not a claim.
    removed_lines: Vec<usize>,
    /// The tasks' spellings of each owner after the edit.
    owner_spellings: OwnerSpellings,
    /// The files the rows of tasks with ids of their own added or taken
    /// away name: (task id, what the row says, whether taken away).
    row_files: Vec<(String, String, bool)>,
    /// The plans the dependencies of the tasks reach (see [`graphs_kept`]).
    reached: Vec<String>,
}

/// The tasks an edit added to the document or took away (see
/// [`DefinedEdit`]): `Ok(None)` when it defines the same tasks, `Err` when
/// it changed them in a way only a full link takes. `moved` (the old
/// parse, its lines moved) and `new` are then made alike in what the
/// change explains (the tasks, the lists of their ids, the status words on
/// their lines, which the linker drops, and what those lines name of
/// their own tasks), so that comparing the two finds anything else that
/// changed.
fn defined_changes(
    config: &BuildConfig,
    ids: &IdMatcher,
    site: &Site,
    path: &str,
    moved: &mut Parsed,
    new: &mut Parsed,
    definitions: &dyn Fn(&str, &str) -> Vec<Task>,
) -> Result<Option<Defined>, &'static str> {
    fn ids_of(tasks: &[Task]) -> BTreeSet<&str> {
        tasks.iter().map(|t| t.id.as_str()).collect()
    }
    let (old_ids, new_ids) = (ids_of(&moved.tasks), ids_of(&new.tasks));
    // A task the page still defines, changed in more than its status or
    // title (those are `status_changes`'): its owner, estimate,
    // dependencies or place. It is taken away and added again.
    let now: HashMap<&str, &Task> = new.tasks.iter().map(|t| (t.id.as_str(), t)).collect();
    let replaced: BTreeSet<&str> = moved
        .tasks
        .iter()
        .filter(|t| now.get(t.id.as_str()).is_some_and(|n| *n != *t))
        .map(|t| t.id.as_str())
        .collect();
    if old_ids == new_ids && replaced.is_empty() {
        return Ok(None);
    }
    if moved.tasks.is_empty() || new.tasks.is_empty() {
        return Err("it became a plan or stopped being one");
    }
    let twice = moved.tasks.len() != old_ids.len() || new.tasks.len() != new_ids.len();
    if twice && !replaced.is_empty() {
        return Err("it defines a task twice");
    }
    let gone = |t: &&Task| !new_ids.contains(t.id.as_str()) || replaced.contains(t.id.as_str());
    let fresh = |t: &&Task| !old_ids.contains(t.id.as_str()) || replaced.contains(t.id.as_str());
    let kept_old = moved.tasks.iter().filter(|t| !gone(t));
    let kept_new = new.tasks.iter().filter(|t| !fresh(t));
    if !kept_old.eq(kept_new) {
        return Err("the tasks it kept changed their order");
    }
    let name = crate::model::file_name(path);
    let may_be_story =
        !ids.find_in_name(name).is_empty() || !ids.find_all(&new.document.title).is_empty();
    if may_be_story || site.stories.iter().any(|s| s.path == path) {
        return Err("it may be a task's story, which counts its tasks");
    }
    let removed: Vec<&Task> = moved.tasks.iter().filter(gone).collect();
    let added: Vec<&Task> = new.tasks.iter().filter(fresh).collect();
    let changed: BTreeSet<&str> = removed.iter().chain(&added).map(|t| t.id.as_str()).collect();
    // An owner is shown by the spelling most tasks give it: the items
    // taken away and added must leave each owner's name as it is.
    let mut owner_spellings = site.owner_spellings.clone();
    let mut owners_named = BTreeSet::new();
    // Added first: a task added again keeps its owner's count.
    for (task, by) in added.iter().map(|t| (t, 1)).chain(removed.iter().map(|t| (t, -1))) {
        let Some(owner) = task.owner.as_deref() else { continue };
        let owner_key = owners::key(owner);
        let Some(counts) = owner_spellings.get_mut(&owner_key) else {
            return Err("a task added names an owner no other task names");
        };
        let count = counts.entry(owner.to_string()).or_default();
        *count = count.checked_add_signed(by).ok_or("an owner's spellings are not as counted")?;
        if *count == 0 {
            counts.remove(owner);
        }
        if counts.is_empty() {
            return Err("the last task of an owner was taken away");
        }
        owners_named.insert(owner_key);
    }
    let shown = |spellings: &OwnerSpellings, owner_key: &str| {
        owners::shown_name(&config.owners, owner_key, &spellings[owner_key])
    };
    if owners_named.iter().any(|k| shown(&site.owner_spellings, k) != shown(&owner_spellings, k)) {
        return Err("a task added or taken away changes the name an owner is shown by");
    }
    for task in removed.iter().chain(&added) {
        if task.named {
            // Another document that names it is found below, by what it
            // names; what the site keeps says whether an evidence file or a
            // story names it.
            if site.story_ids.contains(&task.id.to_lowercase()) {
                return Err("a document may be the story of a task added or taken away");
            }
        } else if !ids.find_all(&task.id).is_empty() || !ids.find_in_name(&task.id).is_empty() {
            // Otherwise no file name, title or text can name it (nor a story).
            return Err("the id made up for a task added or taken away reads as an id");
        }
        if !definitions(&task.id, path).is_empty() {
            return Err("a task added or taken away is defined in another file too");
        }
    }
    if added.iter().any(|t| t.named && site.evidence_ids.contains(&t.id)) {
        return Err("an evidence file names a task added");
    }
    for (task, gone) in removed.iter().map(|t| (t, true)).chain(added.iter().map(|t| (t, false))) {
        let again = replaced.contains(task.id.as_str());
        if task.named && !own_page_kept(site, task, gone || again) {
            return Err("the page of a task added or taken away shares its name with another's");
        }
    }
    // A task defined on this page, or nowhere (A120).
    let here = |id: &str| {
        task_with_id(&site.tasks, id).is_none_or(|t| *t.source.path == *path)
            || added.iter().any(|t| t.id == id)
    };
    // The document names an id of its own added or taken away only on the
    // task's line, and nothing else there: then what it names is the same
    // once those are set aside.
    let (removed_refs, added_refs) = (
        own_references(&moved.document, &removed, &here)?,
        own_references(&new.document, &added, &here)?,
    );
    for task in &removed {
        let in_site = task_with_id(&site.tasks, &task.id).is_some_and(|t| *t.source.path == *path);
        if !in_site {
            return Err("a task taken away is not in the site as the document defined it");
        }
    }
    let new_id = |t: &&&Task| !replaced.contains(t.id.as_str());
    if added.iter().filter(new_id).any(|t| task_position(&site.tasks, &t.id).is_some()) {
        return Err("a task added has the id of a task in the site");
    }
    let names_changed = |t: &Task| {
        t.parent.as_deref().is_some_and(|p| changed.contains(p))
            || t.depends_on.iter().any(|d| changed.contains(d.as_str()))
    };
    if site.tasks.iter().any(|t| !changed.contains(t.id.as_str()) && names_changed(t)) {
        return Err("a task depends on or sits under a task added or taken away");
    }
    if removed.iter().chain(&added).any(|t| names_changed(t)) {
        return Err("a task added or taken away depends on one added or taken away");
    }
    let reached = graphs_kept(site, &removed, &added)?;
    let names_task = |d: &Document| {
        d.supports.iter().any(|id| changed.contains(id.as_str()))
            || d.path != path
                && d.references
                    .iter()
                    .any(|r| r.kind == RefKind::Task && changed.contains(r.target.as_str()))
    };
    if site.documents.iter().any(names_task) {
        return Err("a document names a task added or taken away");
    }
    moved.document.references.retain(|r| !removed_refs.contains(r));
    new.document.references.retain(|r| !added_refs.contains(r));
    fn row_files(refs: &[Reference], tasks: &[&Task], gone: bool) -> Vec<(String, String, bool)> {
        let task_on = |line: usize| tasks.iter().find(|t| t.source.line == line);
        let files = refs.iter().filter(|r| r.kind != RefKind::Task);
        files.filter_map(|r| Some((task_on(r.line)?.id.clone(), r.target.clone(), gone))).collect()
    }
    let row_files =
        [row_files(&removed_refs, &removed, true), row_files(&added_refs, &added, false)].concat();
    let removed_lines: Vec<usize> = removed.iter().map(|t| t.source.line).collect();
    let added_lines: Vec<usize> = added.iter().map(|t| t.source.line).collect();
    // An added task's owner, by the name the site shows it by.
    let added: Vec<Task> = added
        .into_iter()
        .map(|task| {
            let mut task = task.clone();
            let owner = task.owner.as_deref().map(|o| shown(&owner_spellings, &owners::key(o)));
            task.owner = owner.map(Into::into);
            task
        })
        .collect();
    let removed_ids = removed.iter().map(|t| t.id.clone()).collect();
    let found =
        Defined { removed: removed_ids, added, removed_lines, owner_spellings, row_files, reached };
    let status_on =
        |c: &Claim, lines: &[usize]| c.kind == "status" && lines.contains(&c.source.line);
    moved.claims.retain(|c| !status_on(c, &found.removed_lines));
    new.claims.retain(|c| !status_on(c, &added_lines));
    moved.tasks.clone_from(&new.tasks);
    moved.document.tasks.clone_from(&new.document.tasks);
    if moved.phases.len() == new.phases.len() {
        for (old, now) in moved.phases.iter_mut().zip(&new.phases) {
            old.tasks.clone_from(&now.tasks);
        }
    }
    Ok(Some(found))
}

/// Checks that the dependencies of the tasks `removed` from the site and
/// `added` to it change no more than [`set_defined`] works out again (the
/// critical paths, A120, A122): each plan their edges reach (their own,
/// and those of the tasks they depend on) has a graph page before the edit
/// and keeps one after it. Returns those plans, by path.
fn graphs_kept(
    site: &Site,
    removed: &[&Task],
    added: &[&Task],
) -> Result<Vec<String>, &'static str> {
    let gone = |id: &str| removed.iter().any(|t| t.id == id);
    let known_before = |id: &str| task_position(&site.tasks, id).is_some();
    let known_after =
        |id: &str| (known_before(id) && !gone(id)) || added.iter().any(|t| t.id == id);
    let mut reached: BTreeSet<&str> = BTreeSet::new();
    for (task, known) in removed
        .iter()
        .map(|t| (t, &known_before as &dyn Fn(&str) -> bool))
        .chain(added.iter().map(|t| (t, &known_after as &dyn Fn(&str) -> bool)))
    {
        let targets: Vec<&str> =
            task.depends_on.iter().map(String::as_str).filter(|d| known(d)).collect();
        if targets.is_empty() {
            continue;
        }
        reached.insert(&task.plan);
        reached
            .extend(targets.iter().filter_map(|d| task_with_id(&site.tasks, d)).map(|t| &*t.plan));
    }
    let plans = reached.iter().map(|p| p.to_string()).collect();
    if reached.is_empty() {
        return Ok(plans);
    }
    for &plan in &reached {
        if !site.plan_graphs.contains_key(plan) {
            return Err("a plan the dependencies reach has no graph page yet");
        }
    }
    if removed.is_empty() {
        return Ok(plans);
    }
    // Each plan keeps a task that depends on a known one or that one
    // depends on.
    let kept = site.tasks.iter().filter(|t| !gone(&t.id));
    let after = || kept.clone().chain(added.iter().copied());
    let depended: HashSet<&str> = after()
        .flat_map(|t| t.depends_on.iter().map(String::as_str))
        .filter(|d| known_after(d))
        .collect();
    let linked =
        |t: &Task| t.depends_on.iter().any(|d| known_after(d)) || depended.contains(t.id.as_str());
    for &plan in &reached {
        if !after().any(|t| *t.plan == *plan && linked(t)) {
            return Err("a plan would be left without a graph page");
        }
    }
    Ok(plans)
}

/// Checks that the files named on the rows of tasks with ids of their own
/// added or taken away (`files`, see [`Defined::row_files`]) reach nothing
/// but those tasks, and returns them resolved: each is evidence the site
/// has (a new file, or a missing one, changes what other pages show); one
/// taken away is in an evidence folder or still named by another document
/// or elsewhere on the page (a data file elsewhere is evidence because a
/// document names it); no other task of the page speaks for the row's
/// line (a heading's or a phase's section holding it), and no claim of
/// test counts or coverage in the row's top section may be checked
/// against it. The page as it was is the site's, as it is now `new`.
fn row_files_kept(
    config: &BuildConfig,
    site: &Site,
    idx: usize,
    paths: &Paths<'_>,
    new: &Parsed,
    named_now: &[(usize, String)],
    files: &[(String, String, bool)],
) -> Result<Vec<String>, &'static str> {
    let doc = &site.documents[idx];
    let path = doc.path.as_str();
    let mut found = Vec::with_capacity(files.len());
    for (id, target, gone) in files {
        let (part, _) = super::split_fragment(target);
        let file = paths.resolve(path, part).ok_or("a task's row names a file the tree lacks")?;
        let at = evidence_position(&site.evidence, &file)
            .ok_or("a task's row names a file that is not evidence")?;
        let named_elsewhere = site.evidence[at].referenced_by.iter().any(|d| d != path)
            || named_now.iter().any(|(_, p)| *p == file);
        if *gone && !named_elsewhere && !crate::discover::is_evidence_path(config, &file) {
            return Err("a file only a row taken away named may stop being evidence");
        }
        let beside = |task: &Task| task.id != *id && task.form != TaskForm::TableRow;
        let (page, line, others, claims, plan): (&Document, usize, Vec<&Task>, Vec<&Claim>, _) =
            match gone {
                true => (
                    doc,
                    task_with_id(&site.tasks, id).map_or(0, |t| t.source.line),
                    site.tasks.iter().filter(|t| *t.source.path == *path && beside(t)).collect(),
                    site.claims.iter().filter(|c| *c.source.path == *path).collect(),
                    site.plans.iter().find(|p| p.path == path).cloned(),
                ),
                false => (
                    &new.document,
                    new.tasks.iter().find(|t| t.id == *id).map_or(0, |t| t.source.line),
                    new.tasks.iter().filter(|t| beside(t)).collect(),
                    new.claims.iter().collect(),
                    new.plan(),
                ),
            };
        let phase_lines = super::phase_heading_lines(std::slice::from_ref(page), plan.as_ref());
        let holds = |(start, end): (usize, usize)| (start..=end).contains(&line);
        if others.iter().any(|t| holds(evidence::own_scope(page, t, &phase_lines))) {
            return Err("another task of the page speaks for the line of a row that names a file");
        }
        let sections = evidence::Sections::of(page);
        let checked = |c: &Claim| matches!(c.kind.as_str(), "tests" | "coverage");
        if claims.iter().any(|c| checked(c) && holds(sections.top(c.source.line))) {
            return Err("a claim near a row that names a file may be checked against it");
        }
        found.push(file);
    }
    Ok(found)
}

/// The references of `doc` on the lines of `tasks` that have an id of
/// their own: each one's id, which the document names nowhere else, and,
/// in a table row, the tasks it depends on that the same page defines, or
/// none does (`here`), and the files it names (checked by
/// [`row_files_kept`]); `Err` when the document names one of the ids
/// elsewhere, or names more on its line. A table row's line names nothing
/// for the section it is in, and a page that names its own tasks is not
/// counted as mentioning them.
fn own_references(
    doc: &Document,
    tasks: &[&Task],
    here: &dyn Fn(&str) -> bool,
) -> Result<Vec<Reference>, &'static str> {
    let mut own = Vec::new();
    for task in tasks.iter().filter(|t| t.named) {
        let line = task.source.line;
        let dependency = |target: &str| {
            task.form == TaskForm::TableRow
                && task.depends_on.iter().any(|d| d == target)
                && here(target)
        };
        for reference in &doc.references {
            let task_ref = reference.kind == RefKind::Task;
            let is_own = task_ref && reference.target == task.id;
            if reference.line != line {
                if is_own {
                    return Err("the page names a task added or taken away elsewhere");
                }
            } else if is_own
                || task_ref && dependency(&reference.target)
                || task.form == TaskForm::TableRow && reference.kind != RefKind::Task
            {
                own.push(reference.clone());
            } else {
                return Err("the line of a task added or taken away names something else");
            }
        }
    }
    Ok(own)
}

/// Whether a full link would give the task with an id of its own that is
/// in the site (`in_site`: taken away, or added again) or added to it the
/// page it has or would have, and every other task the page it has: no
/// other task's page is named after the same slug (`tasks/t-1.html`, or
/// `tasks/t-1-2.html` where two ids share one).
fn own_page_kept(site: &Site, task: &Task, in_site: bool) -> bool {
    let url = task_url(&task.id);
    let base = url.trim_end_matches(".html");
    let numbered = |u: &str| {
        u.strip_prefix(base)
            .and_then(|rest| rest.strip_prefix('-'))
            .and_then(|rest| rest.strip_suffix(".html"))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    let others = site.tasks.iter().filter(|t| t.named && (!in_site || t.id != task.id));
    let shared = others.map(|t| &t.url).any(|u| **u == *url || numbered(u));
    let own = !in_site || task_with_id(&site.tasks, &task.id).is_some_and(|t| *t.url == *url);
    own && !shared
}

/// The tasks of `new` whose status or title differs from the same task in
/// `old` (the parse before the edit, its lines moved to where the edit put
/// them), by index in `new.tasks`. Empty unless both define the same tasks
/// in the same order. (An item whose id is made up from its title is
/// another task once reworded: see [`defined_changes`].)
fn status_changes(old: &Parsed, new: &Parsed) -> Vec<usize> {
    if old.tasks.len() != new.tasks.len() {
        return Vec::new();
    }
    let same_task = |a: &Task, b: &Task| a.id == b.id && a.source == b.source;
    if !old.tasks.iter().zip(&new.tasks).all(|(a, b)| same_task(a, b)) {
        return Vec::new();
    }
    let changed =
        |(_, (a, b)): &(usize, (&Task, &Task))| a.status != b.status || a.title != b.title;
    old.tasks.iter().zip(&new.tasks).enumerate().filter(changed).map(|(t, _)| t).collect()
}

/// Whether a note or message names a line of the document at `path` in a
/// form that cannot be moved: a line in words (`first at line 7`), or a
/// place `path:N` on a line the edit rewrote. A place `path:N` on a line
/// that only moved is moved by [`move_named_lines`].
fn lines_named_in_words(site: &Site, path: &str, lines: &LineMap) -> bool {
    let at = format!("{path}:");
    let unmovable = |text: &str| named_lines(text, &at).any(|(_, n)| lines.map(n) == usize::MAX);
    // A140 is made again (`Patch::apply`).
    let own_line = |d: &Diagnostic| d.code != "A140" && d.message.contains("line ");
    site.diagnostics.iter().any(|d| {
        unmovable(&d.message)
            || d.help.as_deref().is_some_and(unmovable)
            || (d.path == path && own_line(d))
    }) || site.tasks.iter().any(|t| t.verdict_note.as_deref().is_some_and(|n| n.contains(path)))
        || site.claims.iter().any(|c| c.note.as_deref().is_some_and(|n| n.contains(path)))
}

/// Each place `<at>N` in `text` (`at` is `path:`): the byte range of `N`
/// and its value.
fn named_lines<'t>(
    text: &'t str,
    at: &'t str,
) -> impl Iterator<Item = (std::ops::Range<usize>, usize)> + 't {
    let path_byte = |b: u8| b.is_ascii_alphanumeric() || b"/._-".contains(&b);
    text.match_indices(at).filter_map(move |(start, _)| {
        // `xplans/a.md:3` names another file than `plans/a.md`.
        if start > 0 && path_byte(text.as_bytes()[start - 1]) {
            return None;
        }
        let from = start + at.len();
        let digits = text[from..].bytes().take_while(u8::is_ascii_digit).count();
        let n = text[from..from + digits].parse().ok()?;
        Some((from..from + digits, n))
    })
}

/// Moves each place `path:N` that `text` names; whether it named one.
fn move_named_lines(text: &mut String, at: &str, lines: &LineMap) -> bool {
    let found: Vec<_> = named_lines(text, at).collect();
    for (range, n) in found.iter().rev() {
        text.replace_range(range.clone(), &lines.map(*n).to_string());
    }
    !found.is_empty()
}

/// `parsed` with every line it records moved as `lines` says.
fn moved_parse(parsed: &Parsed, lines: &LineMap) -> Parsed {
    let mut moved = parsed.clone();
    let path = moved.document.path.clone();
    let Parsed {
        document,
        evidence: _,
        tasks,
        phases,
        claims,
        events: _,
        stated_critical_path,
        diagnostics,
        unread: _,
        details: _,
        head_ids: _,
    } = &mut moved;
    move_document_lines(document, lines);
    for task in tasks {
        move_task_lines(task, &path, lines);
    }
    for phase in phases {
        lines.source(&mut phase.source, &path);
    }
    for claim in claims {
        lines.source(&mut claim.source, &path);
    }
    if let Some((_, source)) = stated_critical_path {
        lines.source(source, &path);
    }
    for diagnostic in diagnostics.iter_mut().filter(|d| d.path == path) {
        diagnostic.line = lines.map(diagnostic.line);
    }
    moved
}

/// Moves the lines of every record of `site` that points into the document
/// at `idx` (`path`). The records of one document are one run of each
/// sorted list, and a move keeps their order.
fn move_site_lines(site: &mut Site, idx: usize, path: &str, lines: &LineMap) {
    let Site {
        documents,
        plans,
        tasks,
        evidence: _,
        claims,
        events: _,
        skipped: _,
        diagnostics,
        critical_path: _,
        critical_minutes: _,
        plan_critical_paths: _,
        plan_graphs: _,
        headline_kinds: _,
        history: _,
        history_scope: _,
        commits,
        contradictions,
        evidence_details: _,
        provenance: _,
        stories,
        owner_spellings: _,
        evidence_ids: _,
        story_ids: _,
    } = site;
    move_document_lines(&mut documents[idx], lines);
    for story in stories.iter_mut().filter(|s| s.path == path) {
        for line in &mut story.open_lines {
            *line = lines.map(*line);
        }
    }
    for plan in plans.iter_mut().filter(|p| p.path == path) {
        let Plan { path: _, title: _, phases, tasks: _, stated_critical_path } = plan;
        for phase in phases {
            lines.source(&mut phase.source, path);
        }
        if let Some((_, source)) = stated_critical_path {
            lines.source(source, path);
        }
    }
    for task in tasks {
        move_task_lines(task, path, lines);
    }
    for claim in claims.iter_mut() {
        lines.source(&mut claim.source, path);
    }
    let at = format!("{path}:");
    let mut reworded = false;
    for diagnostic in diagnostics.iter_mut() {
        if diagnostic.path == path {
            diagnostic.line = lines.map(diagnostic.line);
        }
        reworded |= move_named_lines(&mut diagnostic.message, &at, lines);
        if let Some(help) = &mut diagnostic.help {
            reworded |= move_named_lines(help, &at, lines);
        }
    }
    // A message is part of a diagnostic's place in the order.
    if reworded {
        diagnostics.sort();
    }
    for commit in commits.iter_mut() {
        lines.source(&mut commit.source, path);
    }
    for statement in contradictions.iter_mut().flat_map(|c| &mut c.statements) {
        lines.source(&mut statement.source, path);
    }
}

fn move_document_lines(doc: &mut Document, lines: &LineMap) {
    // Every field is named, so that a new one is weighed here.
    let Document {
        path: _,
        kind: _,
        format: _,
        title: _,
        date: _,
        status: _,
        owner: _,
        body_html: _,
        markdown: _,
        text: _,
        text_from_file: _,
        unmasked_print: _,
        image_uri: _,
        n_lines: _,
        size: _,
        headings,
        references,
        tasks: _,
        supports: _,
        declared_complete,
        archived: _,
        url: _,
        shown: _,
        masked: _,
    } = doc;
    for heading in headings {
        heading.line = lines.map(heading.line);
    }
    for reference in references {
        reference.line = lines.map(reference.line);
    }
    if let Some(line) = declared_complete {
        *line = lines.map(*line);
    }
}

fn move_task_lines(task: &mut Task, path: &str, lines: &LineMap) {
    let Task {
        id: _,
        title: _,
        plan: _,
        phase: _,
        track: _,
        owner: _,
        depends_on: _,
        done_when: _,
        estimate_minutes: _,
        status: _,
        verification: _,
        evidence: _,
        mentioned_in: _,
        source,
        source_end,
        url: _,
        parent: _,
        form: _,
        links,
        verdict_note: _,
        scope: _,
        stale: _,
        named: _,
    } = task;
    if &*source.path == path {
        source.line = lines.map(source.line);
        *source_end = lines.map(*source_end);
    }
    for link in links {
        if let Some(source) = &mut link.source {
            lines.source(source, path);
        }
    }
}

/// A parse with what only the document's own page shows taken out.
fn without_body(mut parsed: Parsed) -> Parsed {
    let doc: &mut Document = &mut parsed.document;
    doc.markdown = None;
    doc.n_lines = 0;
    doc.size = 0;
    doc.unmasked_print = None;
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{BuildArgs, resolve};
    use crate::discover::SourceFile;
    use crate::parse::{ParseContext, read};

    pub(super) fn config(root: &std::path::Path) -> BuildConfig {
        let args = BuildArgs { root: Some(root.to_path_buf()), ..BuildArgs::default() };
        resolve(&args).unwrap().0
    }

    const PLAN: &str = "---\ntitle: Plan A\ndate: 2026-03-02\n---\n# Plan A\n\nIntro prose.\n\n\
        ## Tasks\n\n- [x] **T-101** Write the parser (see [log](../logs/t1.log)) ✅ 12/12 tests passed\n\
        - [ ] **T-102** Render the pages, after T-101\n\n## Notes\n\nMore prose here.\n";

    /// Writes `text` to `rel` under `root`, making its folders.
    pub(super) fn write_in(root: &std::path::Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| write_in(dir.path(), rel, text);
        write("plans/a.md", PLAN);
        write("logs/t1.log", "running 12 tests\ntest result: ok. 12 passed; 0 failed\n");
        write(
            "sessions/2026-03-03.md",
            "# Session 2026-03-03\n\n- T-101 done, 12/12 tests passed\n- Next: T-102\n",
        );
        write("notes.md", "# Notes\n\nSee [the plan](plans/a.md) and T-102.\n");
        // T-102 done here, open in the plan: a message names the plan's line.
        write(
            "sessions/2026-03-04.md",
            "# Session 2026-03-04\n\n- [x] **T-102** Render the pages\n",
        );
        dir
    }

    pub(super) fn parse_one(config: &BuildConfig, ctx: &ParseContext, rel: &str) -> Parsed {
        let abs = config.root.join(rel);
        let format = crate::discover::format_of(rel);
        read(ctx, &SourceFile { abs, rel: rel.to_string(), format, in_evidence_dir: false })
    }

    /// Edits `rel` in a fresh tree to `text`; splices the change into the
    /// site of the tree before it, and compares with a full link of the
    /// edited tree. `Ok(())` when it was spliced.
    fn splice_and_compare(rel: &str, edit: impl Fn(&str) -> String) -> Result<(), &'static str> {
        splice_and_compare_in(tree, rel, |t| t.to_string(), edit)
    }

    /// [`splice_and_compare`] in the tree `make` writes, its file `rel`
    /// first written as `first` makes it from what `make` wrote.
    fn splice_and_compare_in(
        make: fn() -> tempfile::TempDir,
        rel: &str,
        first: impl Fn(&str) -> String,
        edit: impl Fn(&str) -> String,
    ) -> Result<(), &'static str> {
        let dir = make();
        let made = std::fs::read_to_string(dir.path().join(rel)).unwrap();
        std::fs::write(dir.path().join(rel), first(&made)).unwrap();
        let config = config(dir.path());
        let (ctx, _) = ParseContext::new(&config, &[]);
        let mut site = crate::load(&config, Vec::new());
        let old = parse_one(&config, &ctx, rel);
        let before = std::fs::read_to_string(dir.path().join(rel)).unwrap();
        std::fs::write(dir.path().join(rel), edit(&before)).unwrap();
        let new = parse_one(&config, &ctx, rel);
        let all: Vec<Parsed> =
            crate::discover::discover(&config).files.iter().map(|file| read(&ctx, file)).collect();
        let definitions = |id: &str, except: &str| -> Vec<Task> {
            let others = all.iter().filter(|p| p.document.path != except);
            others.flat_map(|p| &p.tasks).filter(|t| t.id == id).cloned().collect()
        };
        let patch = prepare(&config, &ctx.ids, &site, &old, &new, &definitions)?;
        patch.apply(&mut site);
        let full = crate::load(&config, Vec::new());
        assert!(site == full, "{rel}: the splice and the full link differ");
        Ok(())
    }

    #[test]
    fn a_splice_gives_the_site_a_full_link_gives() {
        let appended = |t: &str| format!("{t}\nA new paragraph, with **bold** words.\n");
        assert_eq!(splice_and_compare("plans/a.md", appended), Ok(()));
        assert_eq!(splice_and_compare("notes.md", appended), Ok(()));
        let reworded = |t: &str| t.replace("More prose here.", "Other words, same line.");
        assert_eq!(splice_and_compare("plans/a.md", reworded), Ok(()));
        let intro = |t: &str| t.replace("Intro prose.", "Intro prose, longer now.");
        assert_eq!(splice_and_compare("plans/a.md", intro), Ok(()));
        // Lines added or taken away above the tasks move them, their
        // claims and the diagnostics at them.
        let above = |t: &str| t.replace("Intro prose.", "Intro prose.\n\nA second paragraph.");
        assert_eq!(splice_and_compare("plans/a.md", above), Ok(()));
        assert!(
            crate::load(&config(tree().path()), Vec::new())
                .diagnostics
                .iter()
                .any(|d| d.message.contains("plans/a.md:")),
            "the tree has a message that names a line of the plan"
        );
        let fewer = |t: &str| t.replace("Intro prose.\n\n", "");
        assert_eq!(splice_and_compare("plans/a.md", fewer), Ok(()));
        let top = |t: &str| t.replace("# Notes\n", "# Notes\n\nFirst.\n\nSecond.\n");
        assert_eq!(splice_and_compare("notes.md", top), Ok(()));
    }

    #[test]
    fn a_status_change_is_spliced() {
        let same = |t: &str| t.to_string();
        // T-103 is done with a passing log, T-105 has a story whose own
        // items are open, T-107 waits on T-106 (the critical path), and the
        // plan says it is complete.
        let extra = |t: &str| {
            format!(
                "{t}\n## More\n\n- [x] **T-103** Ship it (see [run](../logs/run-2026-03-01.log))\n\
                 - [ ] **T-104** Announce it, after T-103\n- [x] **T-105** Write the guide\n\n\
                 | ID | Task | Status | Depends on |\n|---|---|---|---|\n\
                 | T-106 | Tidy up | ✅ Done | — |\n\
                 | T-107 | Archive the old runs | ⬜ Todo | T-106 |\n"
            )
        };
        let toggles: [fn(&str) -> String; 9] = [
            // Titles: of a task with a passing log, of one on the critical
            // path, of an open one A140 names.
            |t| t.replace("Ship it (see", "Ship it to everyone (see"),
            |t| t.replace("| Tidy up |", "| Tidy up the repo |"),
            |t| t.replace("Announce it, after", "Announce it widely, after"),
            |t| t.replace("- [x] **T-103**", "- [ ] **T-103**"),
            |t| t.replace("- [ ] **T-104**", "- [x] **T-104**"),
            |t| t.replace("- [x] **T-105**", "- [ ] **T-105**"),
            |t| t.replace("| ✅ Done | —", "| 🔄 In progress | —"),
            |t| t.replace("| ⬜ Todo |", "| ✅ Done |"),
            |t| {
                t.replace("- [x] **T-103**", "- [ ] **T-103**")
                    .replace("- [ ] **T-104**", "- [x] **T-104**")
            },
        ];
        let dir = tree_with_story();
        let plan = std::fs::read_to_string(dir.path().join("plans/a.md")).unwrap();
        std::fs::write(dir.path().join("plans/a.md"), extra(&plan)).unwrap();
        let site = crate::load(&config(dir.path()), Vec::new());
        let codes: Vec<&str> = site.diagnostics.iter().map(|d| d.code).collect();
        assert!(codes.contains(&"A140") && codes.contains(&"A275"), "{codes:?}");
        assert_eq!(site.stories.len(), 1);
        assert_eq!(site.critical_path, ["T-107"]);
        let contradicted = task_with_id(&site.tasks, "T-105").unwrap().verification;
        assert_eq!(contradicted, crate::model::Verification::Contradicted);
        for toggle in toggles {
            assert_eq!(splice_and_compare_in(tree_with_story, "plans/a.md", extra, toggle), Ok(()));
        }
        // `12/12 tests passed` on an open item is not said of a run: the
        // claims changed, and the tree is linked again.
        let reopened = |t: &str| t.replace("- [x] **T-101**", "- [ ] **T-101**");
        assert!(splice_and_compare_in(tree_with_story, "plans/a.md", extra, reopened).is_err());
        // T-102 is open in the plan and done in a session (A106): ticked in
        // the plan, or unticked in the session, the two agree.
        let ticked = |t: &str| t.replace("- [ ] **T-102**", "- [x] **T-102**");
        assert_eq!(splice_and_compare_in(tree_with_story, "plans/a.md", same, ticked), Ok(()));
        // Retitled where it is defined first, or in the session, whose
        // title the merged task does not show.
        let retitled = |t: &str| t.replace("Render the pages", "Render every page");
        assert_eq!(splice_and_compare_in(tree_with_story, "plans/a.md", same, retitled), Ok(()));
        let unticked = |t: &str| t.replace("- [x] **T-102**", "- [ ] **T-102**");
        let session = "sessions/2026-03-04.md";
        assert_eq!(splice_and_compare_in(tree_with_story, session, same, unticked), Ok(()));
        assert_eq!(splice_and_compare_in(tree_with_story, session, same, retitled), Ok(()));
        // Done in the plan, then unticked in the session two days later:
        // the session contradicts the plan.
        let dir = tree_ticked();
        let both_done = std::fs::read_to_string(dir.path().join(session)).unwrap();
        std::fs::write(dir.path().join(session), unticked(&both_done)).unwrap();
        let site = crate::load(&config(dir.path()), Vec::new());
        assert!(site.contradictions.iter().any(|c| c.about == "T-102's status"));
        assert_eq!(splice_and_compare_in(tree_ticked, session, same, unticked), Ok(()));
        // A session's date is the task's last change: the run before it is
        // stale evidence while the task is done.
        let session = "sessions/2026-03-05.md";
        let reopened = |t: &str| t.replace("- [x] **T-108**", "- [ ] **T-108**");
        assert_eq!(splice_and_compare_in(tree_with_story, session, same, reopened), Ok(()));
        // The story's own item done: the task it belongs to is no longer
        // contradicted by it.
        let story_done = |t: &str| t.replace("- [ ] Draft", "- [x] Draft");
        assert_eq!(
            splice_and_compare_in(tree_with_story, "stories/T-105-guide.md", same, story_done),
            Ok(())
        );
    }

    /// [`tree_with_story`] with T-102 done in the plan.
    fn tree_ticked() -> tempfile::TempDir {
        let dir = tree_with_story();
        let plan = std::fs::read_to_string(dir.path().join("plans/a.md")).unwrap();
        let ticked = plan.replace("- [ ] **T-102**", "- [x] **T-102**");
        std::fs::write(dir.path().join("plans/a.md"), ticked).unwrap();
        dir
    }

    /// [`tree`] with a story document for T-105, a plan that says it is
    /// complete and a session whose task rests on an older run.
    fn tree_with_story() -> tempfile::TempDir {
        let dir = tree();
        let write = |rel: &str, text: &str| write_in(dir.path(), rel, text);
        write("logs/run-2026-03-01.log", "running 3 tests\ntest result: ok. 3 passed; 0 failed\n");
        write(
            "sessions/2026-03-05.md",
            "# Session 2026-03-05\n\n- [x] **T-108** Fix the flaky test (see [run](../logs/run-2026-03-01.log))\n",
        );
        write(
            "stories/T-105-guide.md",
            "# T-105 The guide\n\n- [ ] Draft the chapters\n- [x] Pick a title\n",
        );
        let plan = std::fs::read_to_string(dir.path().join("plans/a.md")).unwrap();
        write("plans/a.md", &plan.replace("Intro prose.", "**Status**: ✅ COMPLETE"));
        dir
    }

    /// [`tree_with_story`] with a phased plan whose first phase names a
    /// passing run and that says it is complete, and a session log with
    /// an owner.
    fn tree_with_checklists() -> tempfile::TempDir {
        let dir = tree_with_story();
        let write = |rel: &str, text: &str| std::fs::write(dir.path().join(rel), text).unwrap();
        write(
            "plans/rollout.md",
            "# Rollout\n\n**Status**: Complete\n\n## Phase 1 - Parser\n\n\
             Checked by [the run](../logs/t1.log).\n\n- [x] Write the parser\n\
             - [x] Review the parser\n  - [x] Read the error messages\n\n\
             ## Phase 2 - Pages\n\n- [x] Render the pages\n- [x] Style the pages\n",
        );
        write(
            "sessions/2026-03-06.md",
            "---\nowner: Ana\n---\n# Session 2026-03-06\n\n- [x] Looked at the timing\n\
             - [ ] Write up the timing\n",
        );
        dir
    }

    fn tree_with_table() -> tempfile::TempDir {
        let dir = tree();
        let write = |rel: &str, text: &str| write_in(dir.path(), rel, text);
        write(
            "plans/b.md",
            "# Plan B\n\n| ID | Task | Status | Owner |\n|---|---|---|---|\n\
             | B-1 | Write the schema | Done | Ana |\n\
             | B-2 | Migrate the data | In progress | Ana |\n\n\
             ## Checks\n\nThe schema run: [run](../logs/b1.log)\n\n\
             ## Later\n\n- [ ] B-10 Tune the indexes\n",
        );
        write("logs/b1.log", "running 4 tests\ntest result: ok. 4 passed; 0 failed\n");
        write("test-results/B-7-run.log", "running 2 tests\ntest result: ok. 2 passed; 0 failed\n");
        write("test-results/check.log", "task B-6\n======== 2 passed in 0.52s ========\n");
        write(
            "plans/c.md",
            "# Plan C\n\nCritical path: C-1 → C-2 → C-3\n\n| ID | Task | Status | Estimate | Depends on |\n|---|---|---|---|---|\n\
             | C-1 | Design the cache | Done | 2h | |\n\
             | C-2 | Build the cache | In progress | 3h | C-1 |\n\
             | C-3 | Ship the cache | Not started | 1h | C-2 |\n",
        );
        write("stories/B-8-notes.md", "# B-8 Notes\n\n- [ ] Ask about the indexes\n");
        write("sessions/2026-03-07.md", "# Session 2026-03-07\n\n- B-1 reviewed; B-9 next\n");
        dir
    }

    #[test]
    fn a_task_with_an_id_of_its_own_added_or_deleted_is_spliced() {
        let same = |t: &str| t.to_string();
        let plan = "plans/b.md";
        // The full link gives a new row its page, and a named item the run
        // its section names; the splice gives the same site.
        let site = linked_with(plan, |t| with_row(t, "| B-3 | Index the tables | Done | Ana |"));
        let added = task_with_id(&site.tasks, "B-3").unwrap();
        assert_eq!(&*added.url, "tasks/b-3.html");
        let edits: [fn(&str) -> String; 6] = [
            |t| with_row(t, "| B-3 | Index the tables | Done | Ana |"),
            |t| with_row(t, "| B-3 | Index the tables | Not started | ana |"),
            |t| t.replace("| B-2 | Migrate the data | In progress | Ana |\n", ""),
            // In the section that names the run: linked to it.
            |t| {
                t.replace("[run](../logs/b1.log)\n", "[run](../logs/b1.log)\n\n- [x] B-11 Vacuum\n")
            },
            |t| t.replace("- [ ] B-10 Tune the indexes\n", ""),
            |t| format!("{t}- [ ] B-12 Drop the old tables\n"),
        ];
        for (n, edit) in edits.into_iter().enumerate() {
            let spliced = splice_and_compare_in(tree_with_table, plan, same, edit);
            assert_eq!(spliced, Ok(()), "edit {n}");
        }
        let site = linked_with(plan, edits_vacuum);
        assert_eq!(task_with_id(&site.tasks, "B-11").unwrap().evidence.as_slice(), ["logs/b1.log"]);
        // What another file names, or could, is linked whole: an evidence
        // file's name or first line, a story's name, a session's mention,
        // a new owner, a mention elsewhere on the page, another id on the
        // row.
        let refused: [fn(&str) -> String; 8] = [
            |t| with_row(t, "| B-7 | Run it | Done | Ana |"),
            |t| with_row(t, "| B-6 | Check it | Done | Ana |"),
            |t| with_row(t, "| B-3 | Index it | Done | Bo |"),
            |t| with_row(t, "| B-8 | Note it | Done | Ana |"),
            |t| with_row(t, "| B-9 | Plan it | Done | Ana |"),
            |t| t.replace("| B-1 | Write the schema | Done | Ana |\n", ""),
            |t| format!("{t}- [ ] B-3 Index the tables\n\nB-3 comes last.\n"),
            |t| format!("{t}- [ ] B-3 Index the tables after B-2\n"),
        ];
        for (n, edit) in refused.into_iter().enumerate() {
            let spliced = splice_and_compare_in(tree_with_table, plan, same, edit);
            assert!(spliced.is_err(), "refused edit {n}");
        }
        // An owner spelled another way on a row, the name shown unchanged.
        let b3 = |t: &str| with_row(t, "| B-3 | Index it | Done | Ana |");
        let spelled = |t: &str| {
            t.replace(
                "| Migrate the data | In progress | Ana |",
                "| Migrate the data | In progress | ana |",
            )
        };
        assert_eq!(splice_and_compare_in(tree_with_table, plan, b3, spelled), Ok(()));
    }

    #[test]
    fn a_task_with_dependencies_added_or_deleted_is_spliced() {
        let same = |t: &str| t.to_string();
        let plan = "plans/c.md";
        let site = linked_with(plan, |t| {
            format!("{t}| C-4 | Warm the cache | Not started | 5h | C-2 |\n")
        });
        assert_eq!(site.plan_critical_paths[plan], ["C-2", "C-4"]);
        // The stated path is not the one the dependencies give now.
        assert!(site.diagnostics.iter().any(|d| d.code == "A122" && d.path == plan));
        let edits: [fn(&str) -> String; 3] = [
            // On the critical path, which it makes longer (A122).
            |t| format!("{t}| C-4 | Warm the cache | Not started | 5h | C-2 |\n"),
            // Beside it.
            |t| format!("{t}| C-4 | Warm the cache | Not started | 5m | C-1 |\n"),
            // On an id nobody defines: A120.
            |t| format!("{t}| C-5 | Tune the cache | Not started | 1h | C-99 |\n"),
        ];
        for (n, edit) in edits.into_iter().enumerate() {
            let spliced = splice_and_compare_in(tree_with_table, plan, same, edit);
            assert_eq!(spliced, Ok(()), "edit {n}");
        }
        // Deleted again, on the path and beside it.
        let longer = |t: &str| format!("{t}| C-4 | Warm the cache | Not started | 5h | C-3 |\n");
        let shorter =
            |t: &str| t.replace("| C-4 | Warm the cache | Not started | 5h | C-3 |\n", "");
        assert_eq!(splice_and_compare_in(tree_with_table, plan, longer, shorter), Ok(()));
        let beside = |t: &str| format!("{t}| C-4 | Warm the cache | Not started | 5m | C-1 |\n");
        let gone = |t: &str| t.replace("| C-4 | Warm the cache | Not started | 5m | C-1 |\n", "");
        assert_eq!(splice_and_compare_in(tree_with_table, plan, beside, gone), Ok(()));
        let refused: [fn(&str) -> String; 4] = [
            // The stated path names it.
            |t| t.replace("| C-3 | Ship the cache | Not started | 1h | C-2 |\n", ""),
            // Another task depends on it.
            |t| t.replace("| C-2 | Build the cache | In progress | 3h | C-1 |\n", ""),
            // A plan without a graph page gets one.
            |t| format!("{t}| C-6 | Cache the schema | Not started | 1h | B-1 |\n"),
            // Two new tasks, one on the other.
            |t| {
                format!(
                    "{t}| C-7 | One | Not started | 1h | C-8 |\n| C-8 | Two | Not started | 1h | |\n"
                )
            },
        ];
        for (n, edit) in refused.into_iter().enumerate() {
            let spliced = splice_and_compare_in(tree_with_table, plan, same, edit);
            assert!(spliced.is_err(), "refused edit {n}");
        }
        // The last edge of a plan taken away: its graph page goes.
        let two = |t: &str| {
            t.replace("Critical path: C-1 → C-2 → C-3\n\n", "")
                .replace("| C-3 | Ship the cache | Not started | 1h | C-2 |\n", "")
        };
        let one = |t: &str| t.replace("| C-2 | Build the cache | In progress | 3h | C-1 |\n", "");
        assert_eq!(
            splice_and_compare_in(tree_with_table, plan, two, one),
            Err("a plan would be left without a graph page")
        );
        // A task's estimate or dependencies changed: taken away and added
        // again, and the critical paths worked out again.
        let c4 = |t: &str| format!("{t}| C-4 | Warm the cache | Not started | 5m | C-1 |\n");
        let changes: [fn(&str) -> String; 2] = [
            |t| t.replace("| 5m | C-1 |", "| 9h | C-1 |"),
            |t| t.replace("| 5m | C-1 |", "| 5m | C-2 |"),
        ];
        for (n, change) in changes.into_iter().enumerate() {
            let spliced = splice_and_compare_in(tree_with_table, plan, c4, change);
            assert_eq!(spliced, Ok(()), "change {n}");
        }
        let site = linked_with(plan, |t| changes[0](&c4(t)));
        assert_eq!(site.critical_path, ["C-4"]);
    }

    #[test]
    fn a_row_that_names_its_evidence_is_spliced() {
        let same = |t: &str| t.to_string();
        let plan = "plans/b.md";
        let site = linked_with(plan, |t| {
            with_row(t, "| B-3 | Index it, [run](../test-results/check.log) | Done | Ana |")
        });
        let added = task_with_id(&site.tasks, "B-3").unwrap();
        assert_eq!(added.evidence.as_slice(), ["test-results/check.log"]);
        assert_eq!(added.verification, crate::model::Verification::Verified);
        let edits: [fn(&str) -> String; 2] = [
            // A log no document named before: the page names it now.
            |t| with_row(t, "| B-3 | Index it, [run](../test-results/check.log) | Done | Ana |"),
            // A log the page names in another section too.
            |t| with_row(t, "| B-3 | Index it, [run](../logs/b1.log) | Done | Ana |"),
        ];
        for (n, edit) in edits.into_iter().enumerate() {
            let spliced = splice_and_compare_in(tree_with_table, plan, same, edit);
            assert_eq!(spliced, Ok(()), "edit {n}");
        }
        // Taken away again: the log in an evidence folder stays evidence.
        let first = |t: &str| {
            with_row(t, "| B-3 | Index it, [run](../test-results/check.log) | Done | Ana |")
        };
        let gone = |t: &str| {
            t.replace("| B-3 | Index it, [run](../test-results/check.log) | Done | Ana |\n", "")
        };
        assert_eq!(splice_and_compare_in(tree_with_table, plan, first, gone), Ok(()));
        // A file that is not evidence, or is missing, is linked whole; so
        // is a row under a claim of test counts the file could answer.
        let refused: [fn(&str) -> String; 2] = [
            |t| with_row(t, "| B-3 | Index it, [notes](../notes.md) | Done | Ana |"),
            |t| with_row(t, "| B-3 | Index it, [run](../test-results/gone.log) | Done | Ana |"),
        ];
        for (n, edit) in refused.into_iter().enumerate() {
            let spliced = splice_and_compare_in(tree_with_table, plan, same, edit);
            assert!(spliced.is_err(), "refused edit {n}");
        }
        let claim = |t: &str| t.replace("# Plan B\n", "# Plan B\n\nAll 2 tests passed.\n");
        assert_eq!(
            splice_and_compare_in(tree_with_table, plan, claim, first),
            Err("a claim near a row that names a file may be checked against it")
        );
    }

    /// The site a full link gives of [`tree_with_table`] with `rel` edited.
    fn linked_with(rel: &str, edit: impl Fn(&str) -> String) -> Site {
        let dir = tree_with_table();
        let text = std::fs::read_to_string(dir.path().join(rel)).unwrap();
        std::fs::write(dir.path().join(rel), edit(&text)).unwrap();
        crate::load(&config(dir.path()), Vec::new())
    }

    /// Plan B of [`tree_with_table`] with `row` below its table's last row.
    fn with_row(text: &str, row: &str) -> String {
        text.replace("| Ana |\n\n## Checks", &format!("| Ana |\n{row}\n\n## Checks"))
    }

    fn edits_vacuum(t: &str) -> String {
        t.replace("[run](../logs/b1.log)\n", "[run](../logs/b1.log)\n\n- [x] B-11 Vacuum\n")
    }

    #[test]
    fn a_checklist_item_added_deleted_or_reworded_is_spliced() {
        let same = |t: &str| t.to_string();
        let plan = "plans/rollout.md";
        let in_phase_one = |t: &str| {
            t.replace(
                "- [x] Write the parser\n",
                "- [x] Write the parser\n- [ ] Benchmark the parser\n",
            )
        };
        // The full link gives the new item the run its phase names, and
        // says the plan is complete with an open task; the splice gives the
        // same site.
        let dir = tree_with_checklists();
        let text = std::fs::read_to_string(dir.path().join(plan)).unwrap();
        std::fs::write(
            dir.path().join(plan),
            in_phase_one(&text).replace("[ ] Bench", "[x] Bench"),
        )
        .unwrap();
        let site = crate::load(&config(dir.path()), Vec::new());
        let added = site.tasks.iter().find(|t| &*t.title == "Benchmark the parser").unwrap();
        assert_eq!(added.evidence.as_slice(), ["logs/t1.log"]);
        let ticked = |t: &str| in_phase_one(t).replace("[ ] Bench", "[x] Bench");
        assert_eq!(splice_and_compare_in(tree_with_checklists, plan, same, ticked), Ok(()));
        let dir = tree_with_checklists();
        std::fs::write(dir.path().join(plan), in_phase_one(&text)).unwrap();
        let site = crate::load(&config(dir.path()), Vec::new());
        assert!(site.diagnostics.iter().any(|d| d.code == "A140" && d.path == plan));
        let edits: [fn(&str) -> String; 5] = [
            // Added open (A140), in the first phase.
            |t| {
                t.replace(
                    "- [x] Write the parser\n",
                    "- [x] Write the parser\n- [ ] Benchmark it\n",
                )
            },
            // Added at the end.
            |t| format!("{t}- [x] Ship the pages\n"),
            // Deleted.
            |t| t.replace("- [x] Style the pages\n", ""),
            // Reworded: its id is made from its text.
            |t| t.replace("Render the pages", "Render every page"),
            // A subtask reworded.
            |t| t.replace("Read the error messages", "Read the warnings"),
        ];
        for edit in edits {
            assert_eq!(splice_and_compare_in(tree_with_checklists, plan, same, edit), Ok(()));
        }
        // A140 names the open item's line in words: a paragraph above it
        // moves it, and the message is made again.
        let open = |t: &str| format!("{t}- [ ] Ship the pages\n");
        let above = |t: &str| t.replacen("\n\n", "\n\nA paragraph above.\n\n", 1);
        assert_eq!(splice_and_compare_in(tree_with_checklists, plan, open, above), Ok(()));
        // In a session log the items are the log's owner's.
        let session = "sessions/2026-03-06.md";
        let added = |t: &str| format!("{t}- [ ] Share the numbers\n");
        assert_eq!(splice_and_compare_in(tree_with_checklists, session, same, added), Ok(()));
        let reworded = |t: &str| t.replace("Looked at the timing", "Looked at the timings");
        assert_eq!(splice_and_compare_in(tree_with_checklists, session, same, reworded), Ok(()));
        // An item with an id of its own that no other file names has a
        // page of its own, made the same way (see
        // `a_task_with_an_id_of_its_own_added_or_deleted_is_spliced`).
        let named = |t: &str| format!("{t}- [ ] **T-120** Ship the pages\n");
        assert_eq!(splice_and_compare_in(tree_with_checklists, plan, same, named), Ok(()));
        // What others can see is linked whole: a link on the item (a
        // backlink), an item under another (the parent's lines change).
        let refused: [fn(&str) -> String; 3] = [
            |t| format!("{t}- [x] Ship the pages (see [run](../logs/t1.log))\n"),
            |t| format!("{t}  - [ ] Check the pages\n"),
            |t| {
                t.replace(
                    "  - [x] Read the error messages\n",
                    "  - [x] Read the error messages\n  - [ ] Reword them\n",
                )
            },
        ];
        for edit in refused {
            assert!(splice_and_compare_in(tree_with_checklists, plan, same, edit).is_err());
        }
    }

    #[test]
    fn a_mention_of_another_pages_task_is_spliced() {
        let same = |t: &str| t.to_string();
        let session = "sessions/2026-03-07.md";
        let compare = |rel: &str, edit: &dyn Fn(&str) -> String| {
            splice_and_compare_in(tree_with_table, rel, same, edit)
        };
        // B-2's page lists the session among the pages that mention it.
        let named = |t: &str| format!("{t}\nLater: B-2 needs a second look.\n");
        assert_eq!(compare(session, &named), Ok(()));
        // B-1's no longer does; B-9 is no task, and names nothing.
        let unnamed = |t: &str| t.replace("- B-1 reviewed; B-9 next", "- reviewed; B-9 next");
        assert_eq!(compare(session, &unnamed), Ok(()));
        let moved = |t: &str| t.replace("- B-1 reviewed", "Notes.\n\n- B-1 reviewed");
        assert_eq!(compare(session, &moved), Ok(()));
        // Named on another line still, the page stays in B-1's list.
        let twice = |t: &str| format!("{t}\nB-1 again, and B-2.\n");
        assert_eq!(splice_and_compare_in(tree_with_table, session, twice, unnamed), Ok(()));
        // A plan naming another plan's task in a section without evidence.
        let plan = "plans/b.md";
        let other = |t: &str| format!("{t}\nC-2 comes first.\n");
        assert_eq!(compare(plan, &other), Ok(()));
        // A section that names evidence links it to the tasks it names.
        let beside = |t: &str| t.replace("The schema run:", "C-2 and the schema run:");
        assert_eq!(compare(plan, &beside), Err("it names a task in a section that names evidence"));
        let elsewhere = |t: &str| t.replace("## Checks\n\n", "## Checks\n\nC-1 first.\n\n");
        assert_eq!(
            compare(plan, &elsewhere),
            Err("it names a task in a section that names evidence")
        );
        // A line taken away is looked at where it was.
        let ahead = |t: &str| t.replace("The schema run:", "C-1 first.\n\nThe schema run:");
        let dropped = |t: &str| t.replace("C-1 first.\n\n", "");
        assert_eq!(
            splice_and_compare_in(tree_with_table, plan, ahead, dropped),
            Err("it names a task in a section that names evidence")
        );
        // The page's own tasks are linked to what their sections name.
        let own = |t: &str| format!("{t}\nB-2 is close.\n");
        assert_eq!(compare(plan, &own), Err("it names a task of its own elsewhere on the page"));
        // A mention with a tick is two changes: linked whole.
        let ticked = |t: &str| named(&t.replace("- [ ] B-10", "- [x] B-10"));
        assert!(compare(plan, &ticked).is_err());
    }

    #[test]
    fn a_task_of_another_page_defined_again_is_spliced() {
        let session = "sessions/2026-03-07.md";
        // A session with a to-do of its own: a plan before and after.
        let base = |t: &str| format!("{t}\n## Accomplished\n\n- [ ] Ask for a review\n");
        let compare = |first: &dyn Fn(&str) -> String, edit: &dyn Fn(&str) -> String| {
            splice_and_compare_in(tree_with_table, session, |t| first(&base(t)), edit)
        };
        let same = |t: &str| t.to_string();
        // B-2 is in progress in its plan and done here: A106, and the
        // session among the pages that mention it.
        let done = |t: &str| format!("{t}- ✅ B-2 merged after review\n");
        assert_eq!(compare(&same, &done), Ok(()));
        // Taken away again.
        let undone = |t: &str| t.replace("- ✅ B-2 merged after review\n", "");
        assert_eq!(compare(&done, &undone), Ok(()));
        // The same status as its plan's: no warning.
        let agreed = |t: &str| format!("{t}- ✅ B-1 merged after review\n");
        assert_eq!(compare(&same, &agreed), Ok(()));
        // Beside a task the page already defines again.
        assert_eq!(compare(&done, &agreed), Ok(()));
        // A box of its own for it: a duplicate definition too (A108).
        let boxed = |t: &str| format!("{t}- [x] B-2 Migrate the data\n");
        assert_eq!(compare(&same, &boxed), Ok(()));
        let site = linked_with(session, |t| boxed(&base(t)));
        assert!(site.diagnostics.iter().any(|d| d.code == "A108"), "{:?}", site.diagnostics);
        // A line that names a log links it.
        let logged = |t: &str| format!("{t}- ✅ B-2 merged, [run](../logs/b1.log)\n");
        assert_eq!(
            compare(&same, &logged),
            Err("the line of a task defined again names something else")
        );
        let run = |t: &str| format!("{t}\nThe [run](../logs/b1.log).\n");
        assert_eq!(
            compare(&run, &done),
            Err("a task defined again sits in a section that names evidence")
        );
        // A line taken away is looked at where it was.
        let done_then_run = |t: &str| run(&done(t));
        assert_eq!(
            compare(&done_then_run, &undone),
            Err("a task defined again sits in a section that names evidence")
        );
        // With a task of the page's own: linked whole.
        let mixed = |t: &str| format!("{}- [ ] Write the release note\n", done(t));
        assert!(compare(&same, &mixed).is_err());
        // T-101 is done in its plan of 2026-03-02 and in review in a session
        // two days later: its statuses contradict each other.
        let doubt = |t: &str| format!("{t}- 🚧 T-101 still in review\n");
        assert_eq!(splice_and_compare_in(tree, "sessions/2026-03-04.md", same, doubt), Ok(()));
        let site = linked_with("sessions/2026-03-04.md", doubt);
        assert!(site.contradictions.iter().any(|c| c.statements[0].text == "T-101"));
    }

    #[test]
    fn a_change_other_pages_see_is_refused() {
        type Edit = fn(&str) -> String;
        let cases: [(&str, Edit); 4] = [
            // Front matter that grows moves the body.
            ("plans/a.md", |t| {
                t.replace("date: 2026-03-02\n", "date: 2026-03-02\nreviewer: Ana\n")
            }),
            ("plans/a.md", |t| t.replace("title: Plan A", "title: Plan B")),
            // A task another page names (T-102 is also a session's).
            ("plans/a.md", |t| t.replace("- [ ] **T-102** Render the pages, after T-101\n", "")),
            ("sessions/2026-03-03.md", |t| t.replace("12/12 tests", "11/12 tests")),
        ];
        for (rel, edit) in cases {
            let refused = splice_and_compare(rel, edit);
            assert!(refused.is_err(), "{rel}: {:?} was spliced", edit(""));
        }
    }

    #[test]
    fn a_link_to_a_page_or_a_missing_file_is_spliced() {
        let linked = |t: &str| {
            format!("{t}\nSee [Plan A's tasks](plans/a.md#tasks) and [the design](design.md).\n")
        };
        assert_eq!(splice_and_compare("notes.md", linked), Ok(()));
        let named = |t: &str| t.replace("Intro prose.", "Intro prose, see `notes.md`.");
        assert_eq!(splice_and_compare("plans/a.md", named), Ok(()));
        let unlinked = |t: &str| t.replace("See [the plan](plans/a.md) and", "See the plan and");
        assert_eq!(splice_and_compare("notes.md", unlinked), Ok(()));
        let broken = |t: &str| t.replace("(plans/a.md)", "(plans/b.md)");
        assert_eq!(splice_and_compare("notes.md", broken), Ok(()));
        let mended = |t: &str| t.replace("More prose here.", "[Notes](../notes.md), `missing.md`.");
        assert_eq!(splice_and_compare("plans/a.md", mended), Ok(()));
        // A log not captured yet: a warning at its line (A030), and no
        // evidence to link.
        let missing = |t: &str| format!("{t}\nSee [gone](../logs/missing.log).\n");
        assert_eq!(splice_and_compare("plans/a.md", missing), Ok(()));
        let warned = |d: &Diagnostic| d.code == "A030" && d.message.contains("missing.log");
        let dir = tree();
        assert!(!crate::load(&config(dir.path()), Vec::new()).diagnostics.iter().any(warned));
        write_in(dir.path(), "plans/a.md", &missing(PLAN));
        assert!(crate::load(&config(dir.path()), Vec::new()).diagnostics.iter().any(warned));
        // A log named is linked to the tasks and claims of its section.
        let log = |t: &str| format!("{t}\nThe run: [log](logs/t1.log).\n");
        assert!(splice_and_compare("notes.md", log).is_err());
        let session = |t: &str| format!("{t}\nAlso `logs/t1.log`.\n");
        assert!(splice_and_compare("sessions/2026-03-03.md", session).is_err());
        // A link and a new task in one edit.
        let both = |t: &str| format!("{t}\n- [ ] New item, see [notes](../notes.md)\n");
        assert!(splice_and_compare("plans/a.md", both).is_err());
    }

    #[test]
    fn places_named_in_messages_move_with_their_lines() {
        let lines = LineMap::of("a\nb\nc\n", "a\nnew\nb\nc\n", 1);
        let mut text = "done here but open at plans/a.md:3 and xplans/a.md:3".to_string();
        assert!(move_named_lines(&mut text, "plans/a.md:", &lines));
        assert_eq!(text, "done here but open at plans/a.md:4 and xplans/a.md:3");
        let mut other = "open at plans/b.md:3".to_string();
        assert!(!move_named_lines(&mut other, "plans/a.md:", &lines));
    }

    #[test]
    fn evidence_and_other_formats_are_refused() {
        let dir = tree();
        let config = config(dir.path());
        let (ctx, _) = ParseContext::new(&config, &[]);
        let site = crate::load(&config, Vec::new());
        let old = parse_one(&config, &ctx, "logs/t1.log");
        assert_eq!(
            prepare(&config, &ctx.ids, &site, &old, &old, &|_, _| Vec::new()).err(),
            Some("it is not a markdown page")
        );
    }
}
