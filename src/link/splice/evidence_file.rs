//! A changed evidence file put into the site linked before the change: a
//! test log written again by a new run, a coverage or JUnit report made
//! again, or a new run's log beside the last one. `attestor serve`'s
//! one-file rebuild for the files a developer's test runs write while
//! they work.
//!
//! What links an evidence file to the rest of the portal is what it names
//! (its front matter's `tasks:`, the ids in its name and first lines) and
//! the pages that name it; what it records (its runs, counts, outcome,
//! failing lines, coverage, kind, date) only decides verdicts. When an
//! edit keeps the first and changes the second, a full link would link
//! the same tasks to it and differ only in the record, the file's page,
//! its hash in `provenance.json`, its own messages, its audit event, and
//! what the record decides: the claims of the pages that name it (each
//! judged against the evidence named nearest to it), the warnings of those
//! it contradicts (A130), and the verifications and stale evidence (A275)
//! of the tasks linked to it or defined on those pages (a contradicted
//! claim in a task's scope contradicts the task). Those are made again
//! here, by the linker's own functions, for those pages and tasks alone
//! ([`prepare_evidence`]).
//!
//! The change is refused, and the tree linked whole, when the file is not
//! evidence before and after, is a markdown page (its body, headings and
//! links are [`super::prepare`]'s), or changes what it names.
//!
//! A new file is taken when nothing already in the tree names a file of
//! its name and it names tasks only in its first lines
//! ([`prepare_new_evidence`]): it is linked to those tasks, which are
//! verified again.
//!
//! `tests::a_changed_log_is_spliced`, `tests::a_run_of_another_day_is_spliced`,
//! `tests::a_new_run_is_spliced` and the suite's `splice` tests hold the
//! promise against full links of edited trees.

use std::collections::{BTreeMap, BTreeSet};

use crate::config::BuildConfig;
use crate::diagnostics::Diagnostic;
use crate::link::bodies::Paths;
use crate::link::complete::story_id;
use crate::link::evidence::{Named, keep_strongest, self_links};
use crate::link::{claims, named_evidence};
use crate::model::{
    Claim, Document, Evidence, EvidenceDetails, EvidenceHash, EvidenceLink, RefKind, Reference,
    Site, SourceFormat, claims_range, evidence_position, file_name, task_position,
};
use crate::parse::Parsed;
use crate::parse::ids::{HEAD_LINES, IdMatcher};
use crate::stale;

/// A change to an evidence file ready to go into a site: what
/// [`prepare_evidence`] found.
#[derive(Debug)]
pub struct EvidencePatch {
    /// The file's index in the site's documents, and in its evidence.
    doc: usize,
    item: usize,
    /// The record read from the new text, with what the linker gave the
    /// old one (its tasks, the pages that name it, its URL).
    evidence: Evidence,
    details: Option<EvidenceDetails>,
    /// The document's text as the site holds it, its date, line count and
    /// size.
    text: Option<String>,
    date: Option<String>,
    text_from_file: bool,
    unmasked_print: Option<u64>,
    n_lines: usize,
    size: u64,
    /// The file's own messages, before the edit and after it.
    diagnostics_before: Vec<Diagnostic>,
    diagnostics_after: Vec<Diagnostic>,
    /// Its hash for `provenance.json`, or why it could not be read (A299).
    hash: (EvidenceHash, Option<Diagnostic>),
    /// The pages that name the file, each with its claims as parsed.
    naming: Vec<Naming>,
}

/// A page that names the changed evidence file.
#[derive(Debug)]
struct Naming {
    /// Its index in the site's documents.
    doc: usize,
    /// The evidence it names, with lines, as the linker resolves it.
    named: Named,
    /// Its claims as the parse found them, before the linker judged them.
    claims: Vec<Claim>,
}

/// Prepares the change from `old` to `new` (two parses of one evidence
/// file) for `site`, the full link of a tree in which the file read as
/// `old`. `parsed_claims` gives the claims the parse found in a page of
/// the tree, by path. `Err` says why only a full link can take the change.
pub fn prepare_evidence(
    config: &BuildConfig,
    site: &Site,
    old: &Parsed,
    new: &Parsed,
    parsed_claims: &dyn Fn(&str) -> Option<Vec<Claim>>,
) -> Result<EvidencePatch, &'static str> {
    if config.git {
        return Err("the history read from git may change");
    }
    let (Some(was), Some(now)) = (&old.evidence, &new.evidence) else {
        return Err("it is not evidence before and after the edit");
    };
    let is_page = |p: &Parsed| p.document.format == SourceFormat::Markdown;
    if is_page(old) || is_page(new) {
        return Err("it is a markdown page");
    }
    if old.document.image_uri.is_some() || new.document.image_uri.is_some() {
        return Err("it is an image shown inside pages");
    }
    // Whether the evidence of a task is stale (A275) is read from the
    // task's changes in git when the history is read.
    if was.date != now.date && site.history_scope.is_some() {
        return Err("its date changed, and the history says when tasks changed");
    }
    if old.head_ids != new.head_ids {
        return Err("the task ids in its first lines changed");
    }
    if old.document.references != new.document.references {
        return Err("the files, ids or commits it names changed");
    }
    if old.document.title != new.document.title {
        return Err("its title changed");
    }
    if without_record(old) != without_record(new) {
        return Err("what it names or says beyond its results changed");
    }
    let path = new.document.path.as_str();
    let doc = site
        .documents
        .binary_search_by(|d| d.path.as_str().cmp(path))
        .map_err(|_| "it is not in the site")?;
    let item = evidence_position(&site.evidence, path).ok_or("it is not evidence in the site")?;
    let linked = &site.evidence[item];
    let mut evidence = now.clone();
    evidence.tasks.clone_from(&linked.tasks);
    evidence.referenced_by.clone_from(&linked.referenced_by);
    evidence.url.clone_from(&linked.url);
    let paths = Paths::new(config, &site.documents);
    let mut naming = Vec::with_capacity(linked.referenced_by.len());
    for by in &linked.referenced_by {
        let at = site
            .documents
            .binary_search_by(|d| d.path.as_str().cmp(by))
            .map_err(|_| "a page that names it is not in the site")?;
        let claims = parsed_claims(by).ok_or("a page that names it was not read")?;
        let named = Named::of_own(&site.documents[at], named_evidence(&paths, &site.documents[at]));
        naming.push(Naming { doc: at, named, claims });
    }
    let hash = crate::provenance::hash_evidence(config, &evidence);
    let text = new.document.text.clone().filter(|_| !new.document.text_from_file);
    let date = new.document.date.clone();
    Ok(EvidencePatch {
        doc,
        item,
        evidence,
        details: new.details.clone(),
        text,
        date,
        text_from_file: new.document.text_from_file,
        unmasked_print: new.document.unmasked_print,
        n_lines: new.document.n_lines,
        size: new.document.size,
        diagnostics_before: old.diagnostics.clone(),
        diagnostics_after: new.diagnostics.clone(),
        hash,
        naming,
    })
}

impl EvidencePatch {
    /// Puts the change into the site it was prepared against.
    pub fn apply(self, site: &mut Site) {
        let path = site.documents[self.doc].path.clone();
        let mut gone = self.diagnostics_before;
        let mut added = self.diagnostics_after;
        for naming in &self.naming {
            let range = claims_range(&site.claims, &site.documents[naming.doc].path);
            gone.extend(claims::contradicted_claims(&site.claims[range], &site.evidence));
        }
        let doc = &mut site.documents[self.doc];
        doc.text = self.text;
        doc.text_from_file = self.text_from_file;
        doc.unmasked_print = self.unmasked_print;
        doc.n_lines = self.n_lines;
        doc.size = self.size;
        doc.date = self.date;
        let linked_tasks = self.evidence.tasks.clone();
        // The audit trail's event of the file (the only event of an
        // evidence file's path), at its date, names its kind.
        site.events.retain(|e| e.path != path);
        if let Some(event) = crate::audit::evidence_event(&self.evidence) {
            crate::audit::insert(&mut site.events, event);
        }
        site.evidence[self.item] = self.evidence;
        // A linked task's evidence dated before its last change is stale.
        for id in &linked_tasks {
            let Some(t) = task_position(&site.tasks, id) else { continue };
            gone.extend(stale::warnings(&site.tasks[t]));
            added.extend(super::mark_stale(site, t));
        }
        let details = &mut site.evidence_details;
        match (details.binary_search_by(|(p, _)| p.cmp(&path)), self.details) {
            (Ok(at), Some(found)) => details[at].1 = found,
            (Ok(at), None) => {
                details.remove(at);
            }
            (Err(at), Some(found)) => details.insert(at, (path.clone(), found)),
            (Err(_), None) => {}
        }
        let (hash, unread) = self.hash;
        let hashes = &mut site.provenance.evidence;
        if let Ok(at) = hashes.binary_search_by(|h| h.path.cmp(&path)) {
            hashes[at] = hash;
        }
        let not_hashed = |d: &&Diagnostic| d.code == "A299" && d.path == path;
        gone.extend(site.diagnostics.iter().filter(not_hashed).cloned());
        added.extend(unread);
        added.extend(set_claims(site, self.naming.iter()));
        verify_again(site, &self.naming, &linked_tasks);
        super::replace_diagnostics(site, gone, added);
    }
}

/// A new evidence file ready to go into a site: what
/// [`prepare_new_evidence`] found.
#[derive(Debug)]
pub struct NewEvidencePatch {
    /// Its document, with what the linker gives one (its page, whether it
    /// is archived), and its record, with the tasks it is linked to.
    document: Document,
    evidence: Evidence,
    details: Option<EvidenceDetails>,
    /// Its own messages.
    diagnostics: Vec<Diagnostic>,
    /// Its hash for `provenance.json`, or why it could not be read (A299).
    hash: (EvidenceHash, Option<Diagnostic>),
    /// The tasks it links itself to, by id, each with its link.
    links: Vec<(String, EvidenceLink)>,
    /// The ids its name and first lines name (`Site::evidence_ids`), and
    /// the id of the task it could be the story of (`Site::story_ids`).
    named_ids: Vec<String>,
    story_id: Option<String>,
}

/// Prepares a file new to the tree, `new` its parse, for `site`, the full
/// link of the tree before it: a run's log or report that a test run, a
/// deploy or CI wrote (`tests/2026-03-06-unit.log`). Taken when it is
/// evidence, not a markdown page, and what a full link would make of it
/// is its own: no page names a file of its name (a link that was broken
/// would now resolve), no other file has its name (a bare name that named
/// that one would name two), its page's URL is free, it names no commit,
/// no file and no task beyond its first lines, and it could be no task's
/// story. It is then linked as the linker links it: to the tasks its
/// first lines or name name, which are verified again. `Err` says why only
/// a full link can take it.
pub fn prepare_new_evidence(
    config: &BuildConfig,
    ids: &IdMatcher,
    site: &Site,
    new: &Parsed,
) -> Result<NewEvidencePatch, &'static str> {
    if config.git {
        return Err("the history read from git may change");
    }
    let Some(record) = &new.evidence else { return Err("it is not evidence") };
    let doc = &new.document;
    if doc.format == SourceFormat::Markdown {
        return Err("it is a markdown page");
    }
    if doc.image_uri.is_some() {
        return Err("it is an image shown inside pages");
    }
    let plain = new.tasks.is_empty()
        && new.phases.is_empty()
        && new.claims.is_empty()
        && new.events.is_empty()
        && new.stated_critical_path.is_none()
        && new.unread.is_none();
    if !plain {
        return Err("it says more than a run's results");
    }
    let beyond_head = |r: &Reference| r.kind != RefKind::Task || r.line > HEAD_LINES;
    if doc.references.iter().any(beyond_head) {
        return Err("it names files, commits, or tasks beyond its first lines");
    }
    let path = doc.path.as_str();
    if site.documents.binary_search_by(|d| d.path.as_str().cmp(path)).is_ok() {
        return Err("the site has it");
    }
    let name = file_name(path);
    if site.documents.iter().any(|d| file_name(&d.path) == name) {
        return Err("another file has its name");
    }
    let names_it = |d: &Document| {
        d.references.iter().any(|r| r.kind != RefKind::Task && r.target.contains(name))
    };
    if site.documents.iter().any(names_it)
        || site.diagnostics.iter().any(|d| d.message.contains(name))
    {
        return Err("a page or a message names a file of its name");
    }
    let url = doc.url.as_str();
    let folder = |u: &str| format!("{u}/");
    let crowded = site.documents.iter().any(|d| {
        d.url == url || d.url.starts_with(&folder(url)) || url.starts_with(&folder(&d.url))
    });
    if crowded {
        return Err("its page's name is taken");
    }
    let story_id = story_id(doc, ids);
    if let Some(id) = &story_id
        && site.tasks.iter().any(|t| t.id.eq_ignore_ascii_case(id))
    {
        return Err("it could be a task's story");
    }
    let named = Named::of_own(doc, Vec::new());
    let named = Named { head: new.head_ids.clone(), ..named };
    let mut links: BTreeMap<usize, EvidenceLink> = BTreeMap::new();
    let task_of = |id: &str| task_position(&site.tasks, id);
    let named_ids = self_links(doc, Some(&named), ids, task_of, |t, rule, source| {
        let link = EvidenceLink { evidence: path.to_string(), rule, source };
        keep_strongest(&mut links, t, link);
    });
    let links: Vec<(String, EvidenceLink)> =
        links.into_iter().map(|(t, link)| (site.tasks[t].id.clone(), link)).collect();
    let mut document = doc.clone();
    crate::link::scope::mark_archived(config, std::slice::from_mut(&mut document));
    if document.text_from_file {
        document.text = None;
    }
    let mut evidence = record.clone();
    evidence.url.clone_from(&document.url);
    evidence.tasks = links.iter().map(|(id, _)| id.clone()).collect();
    let hash = crate::provenance::hash_evidence(config, &evidence);
    Ok(NewEvidencePatch {
        document,
        evidence,
        details: new.details.clone(),
        diagnostics: new.diagnostics.clone(),
        hash,
        links,
        named_ids,
        story_id,
    })
}

impl NewEvidencePatch {
    /// Puts the file into the site it was prepared against.
    pub fn apply(self, site: &mut Site) {
        let path = self.document.path.clone();
        let at = site.documents.partition_point(|d| d.path < path);
        site.documents.insert(at, self.document);
        if let Some(event) = crate::audit::evidence_event(&self.evidence) {
            crate::audit::insert(&mut site.events, event);
        }
        let at = site.evidence.partition_point(|e| e.path < path);
        site.evidence.insert(at, self.evidence);
        if let Some(found) = self.details {
            let at = site.evidence_details.partition_point(|(p, _)| *p < path);
            site.evidence_details.insert(at, (path.clone(), found));
        }
        let (hash, unread) = self.hash;
        let hashes = &mut site.provenance.evidence;
        let at = hashes.partition_point(|h| h.path < path);
        hashes.insert(at, hash);
        site.evidence_ids.extend(self.named_ids);
        site.story_ids.extend(self.story_id);
        let mut gone = Vec::new();
        let mut added = self.diagnostics;
        added.extend(unread);
        let mut verify = Vec::with_capacity(self.links.len());
        for (id, link) in self.links {
            let Some(t) = task_position(&site.tasks, &id) else { continue };
            gone.extend(stale::warnings(&site.tasks[t]));
            // A task's links are kept by the evidence's path.
            let task = &mut site.tasks[t];
            let at = task.links.partition_point(|l| l.evidence < path);
            task.links.insert(at, link);
            let at = task.evidence.partition_point(|e| *e < path);
            task.evidence.insert(at, path.clone());
            added.extend(super::mark_stale(site, t));
            verify.push(t);
        }
        super::verify_tasks(site, &verify);
        super::replace_diagnostics(site, gone, added);
    }
}

/// Judges the claims of the pages that name the file again, as the linker
/// does, and puts them in the site in place of those it had; returns the
/// warnings of those the evidence contradicts (A130).
fn set_claims<'n>(site: &mut Site, naming: impl Iterator<Item = &'n Naming>) -> Vec<Diagnostic> {
    let mut named = vec![Named::default(); site.documents.len()];
    let mut checked = Vec::new();
    // By index, which is by path: the order of the site's claims.
    let mut pages = BTreeSet::new();
    for page in naming {
        pages.insert(page.doc);
        let path = site.documents[page.doc].path.as_str();
        // A status on a task's own line is the task's, not a claim.
        let task_lines: BTreeSet<usize> =
            site.tasks.iter().filter(|t| *t.source.path == *path).map(|t| t.source.line).collect();
        let own = |c: &&Claim| c.kind != "status" || !task_lines.contains(&c.source.line);
        checked.extend(page.claims.iter().filter(own).cloned());
        named[page.doc] = page.named.clone();
    }
    claims::check_claims(&mut checked, &site.documents, &named, &site.evidence);
    checked.sort_by(|a, b| a.source.cmp(&b.source));
    let warnings = claims::contradicted_claims(&checked, &site.evidence);
    // Each page's claims, in the order the linker sorts them, where that
    // page's were.
    let mut rest = checked.into_iter().peekable();
    for d in pages {
        let path = site.documents[d].path.clone();
        let mut page = Vec::new();
        while let Some(claim) = rest.next_if(|c| *c.source.path == *path) {
            page.push(claim);
        }
        let range = claims_range(&site.claims, &path);
        site.claims.splice(range, page);
    }
    warnings
}

/// Verifies again the tasks whose verification the file's record reaches:
/// those linked to it, and those defined on a page that names it (a claim
/// there that it contradicts contradicts them).
fn verify_again(site: &mut Site, naming: &[Naming], linked: &[String]) {
    let pages: BTreeSet<&str> =
        naming.iter().map(|n| site.documents[n.doc].path.as_str()).collect();
    let verify: Vec<usize> = (site.tasks.iter().enumerate())
        .filter(|(_, t)| {
            pages.contains(t.source.path.as_ref()) || linked.binary_search(&t.id).is_ok()
        })
        .map(|(at, _)| at)
        .collect();
    super::verify_tasks(site, &verify);
}

/// A parse of an evidence file without what its results decide: the
/// record, the details its page shows, its messages, its text, size and
/// line count.
fn without_record(parsed: &Parsed) -> Parsed {
    let mut parsed = super::without_body(parsed.clone());
    parsed.evidence = None;
    parsed.details = None;
    parsed.diagnostics.clear();
    let doc: &mut Document = &mut parsed.document;
    doc.text = None;
    doc.date = None;
    doc.text_from_file = false;
    parsed
}

#[cfg(test)]
mod tests {
    use super::super::tests::{config, write_in};
    use super::*;
    use crate::parse::{ParseContext, read};

    /// A plan whose tasks name a cargo log, a pytest run and a JUnit
    /// report, with claims of their counts on the tasks' lines, nearby and
    /// in a status said in words; a session that names the cargo log in
    /// prose; a log that names its task in its first line.
    fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| write_in(dir.path(), rel, text);
        write(
            "plans/p.md",
            "# Plan P\n\n## Build\n\n\
             - [x] **E-1** Parser (run: `tests/unit.log`) ✅ 12/12 tests passed\n\
             - [x] **E-2** Web views\n\
             - [x] **E-3** Exports, see `tests/junit-export.xml`\n\
             - [ ] **E-4** Docs\n\n\
             The web suite passed in full, 8 tests passed (`evidence/2026-03-04-web.txt`).\n\n\
             ## Checks\n\nThe smoke run passes: `tests/smoke.log`.\n",
        );
        write(
            "sessions/2026-03-05.md",
            "# Session 2026-03-05\n\nRan the parser suite again: 12/12 tests passed, see \
             `tests/unit.log`.\n",
        );
        write(
            "tests/unit.log",
            "running 12 tests\ntest result: ok. 12 passed; 0 failed; 0 ignored\n",
        );
        write(
            "evidence/2026-03-04-web.txt",
            "============ test session starts ============\ncollected 8 items\n\n\
             ============ 8 passed in 0.52s ============\n",
        );
        write(
            "tests/junit-export.xml",
            "<?xml version=\"1.0\"?>\n<testsuites tests=\"2\" failures=\"0\">\n\
             <testsuite name=\"export\" tests=\"2\" failures=\"0\" errors=\"0\">\n\
             <testcase classname=\"export\" name=\"writes_header\"/>\n\
             <testcase classname=\"export\" name=\"writes_rows\"/>\n\
             </testsuite>\n</testsuites>\n",
        );
        write(
            "tests/smoke.log",
            "E-2 smoke run\nrunning 3 tests\ntest result: ok. 3 passed; 0 failed; 0 ignored\n",
        );
        dir
    }

    /// Edits evidence file `rel` of a fresh tree with `edit`; splices the
    /// change into the site of the tree before it, and compares with a
    /// full link of the edited tree. `Ok(())` when it was spliced.
    fn splice_and_compare(rel: &str, edit: impl Fn(&str) -> String) -> Result<(), &'static str> {
        splice_and_compare_in(tree(), rel, edit)
    }

    /// [`splice_and_compare`] in the tree `dir`.
    fn splice_and_compare_in(
        dir: tempfile::TempDir,
        rel: &str,
        edit: impl Fn(&str) -> String,
    ) -> Result<(), &'static str> {
        let config = config(dir.path());
        let (ctx, _) = ParseContext::new(&config, &[]);
        let parse_all = || -> Vec<Parsed> {
            let files = crate::discover::discover(&config).files;
            files.iter().map(|file| read(&ctx, file)).collect()
        };
        let mut site = crate::load(&config, Vec::new());
        let before = parse_all();
        let was = std::fs::read_to_string(dir.path().join(rel)).unwrap();
        std::fs::write(dir.path().join(rel), edit(&was)).unwrap();
        let after = parse_all();
        let of = |all: &[Parsed]| all.iter().find(|p| p.document.path == rel).unwrap().clone();
        let (old, new) = (of(&before), of(&after));
        assert!(new.evidence.is_some(), "{rel} is evidence");
        let parsed_claims =
            |page: &str| before.iter().find(|p| p.document.path == page).map(|p| p.claims.clone());
        let patch = prepare_evidence(&config, &site, &old, &new, &parsed_claims)?;
        patch.apply(&mut site);
        let full = crate::load(&config, Vec::new());
        assert!(site == full, "{rel}: the splice and the full link differ");
        Ok(())
    }

    #[test]
    fn a_changed_log_is_spliced() {
        let tree = crate::load(&config(tree().path()), Vec::new());
        let task = |id: &str| crate::model::task_with_id(&tree.tasks, id).unwrap();
        for id in ["E-1", "E-2", "E-3"] {
            assert_eq!(
                task(id).verification,
                crate::model::Verification::Verified,
                "{id}: {:?}",
                task(id).verdict_note
            );
        }
        assert!(
            tree.claims
                .iter()
                .any(|c| c.evidence.as_deref() == Some("evidence/2026-03-04-web.txt")),
            "a claim is judged against the pytest run"
        );
        // A run that failed: the task, the claims on its line and in the
        // session are contradicted, and both say so (A130).
        let failed = |t: &str| t.replace("ok. 12 passed; 0 failed", "FAILED. 11 passed; 1 failed");
        assert_eq!(splice_and_compare("tests/unit.log", failed), Ok(()));
        // More tests than the plan says: the claim nearby is contradicted.
        let more = |t: &str| t.replace("8 items", "9 items").replace("8 passed", "9 passed");
        assert_eq!(splice_and_compare("evidence/2026-03-04-web.txt", more), Ok(()));
        let failing = |t: &str| t.replace("8 passed", "7 passed, 1 failed");
        assert_eq!(splice_and_compare("evidence/2026-03-04-web.txt", failing), Ok(()));
        // A report with a failing case: its page lists it.
        let case = |t: &str| {
            t.replace("failures=\"0\"", "failures=\"1\"").replace(
                "name=\"writes_rows\"/>",
                "name=\"writes_rows\"><failure message=\"bad row\">bad row</failure></testcase>",
            )
        };
        assert_eq!(splice_and_compare("tests/junit-export.xml", case), Ok(()));
        // The log that names its task in its first line.
        let smoke = |t: &str| t.replace("ok. 3 passed; 0 failed", "FAILED. 2 passed; 1 failed");
        assert_eq!(splice_and_compare("tests/smoke.log", smoke), Ok(()));
        // Output that reads as no run at all: a run in a file whose name
        // says no kind is a test run by its text, and the audit trail names
        // its kind.
        let garbled = |_: &str| "garbled\n".to_string();
        assert_eq!(splice_and_compare("tests/unit.log", garbled), Ok(()));
        assert_eq!(splice_and_compare("evidence/2026-03-04-web.txt", garbled), Ok(()));
    }

    #[test]
    fn a_run_of_another_day_is_spliced() {
        // A task a session log records, on a run whose text gives its date:
        // a run dated before the session is stale (A275), and the audit
        // trail lists the run at its date.
        let dated = |t: &str| format!("{t}\n- [x] **E-9** Sync fixed, run in `tests/sync.log`\n");
        let run = |date: &str| {
            format!(
                "sync suite, run on {date}\nrunning 5 tests\n\
                 test result: ok. 5 passed; 0 failed; 0 ignored\n"
            )
        };
        let dir = tree();
        write_in(dir.path(), "tests/sync.log", &run("2026-03-01"));
        let session = std::fs::read_to_string(dir.path().join("sessions/2026-03-05.md")).unwrap();
        write_in(dir.path(), "sessions/2026-03-05.md", &dated(&session));
        let site = crate::load(&config(dir.path()), Vec::new());
        let log = crate::model::evidence_at(&site.evidence, "tests/sync.log").unwrap();
        assert_eq!(log.date.as_deref(), Some("2026-03-01"));
        assert!(site.diagnostics.iter().any(|d| d.code == "A275"), "the run is stale");
        assert!(site.events.iter().any(|e| e.path == "tests/sync.log"));
        let again = |_: &str| run("2026-03-06");
        assert_eq!(splice_and_compare_in(dir, "tests/sync.log", again), Ok(()));
        // And back, before the session, and undated.
        let dir = tree();
        write_in(dir.path(), "tests/sync.log", &run("2026-03-06"));
        write_in(dir.path(), "sessions/2026-03-05.md", &dated(&session));
        let earlier = |_: &str| run("2026-02-27");
        assert_eq!(splice_and_compare_in(dir, "tests/sync.log", earlier), Ok(()));
        let dir = tree();
        write_in(dir.path(), "tests/sync.log", &run("2026-03-06"));
        write_in(dir.path(), "sessions/2026-03-05.md", &dated(&session));
        let undated = |t: &str| t.replace(" run on 2026-03-06", "");
        assert_eq!(splice_and_compare_in(dir, "tests/sync.log", undated), Ok(()));
    }

    /// Writes a new file `rel` into the tree `dir`; splices it into the
    /// site of the tree before it, and compares with a full link of the
    /// tree with it. `Ok(())` when it was spliced.
    fn add_and_compare(dir: &tempfile::TempDir, rel: &str, text: &str) -> Result<(), &'static str> {
        let config = config(dir.path());
        let (ctx, _) = ParseContext::new(&config, &[]);
        let mut site = crate::load(&config, Vec::new());
        write_in(dir.path(), rel, text);
        let files = crate::discover::discover(&config).files;
        let file = files.iter().find(|f| f.rel == rel).expect("the new file is read");
        let patch = prepare_new_evidence(&config, &ctx.ids, &site, &read(&ctx, file));
        let patch = patch.inspect_err(|_| std::fs::remove_file(dir.path().join(rel)).unwrap())?;
        patch.apply(&mut site);
        let full = crate::load(&config, Vec::new());
        std::fs::remove_file(dir.path().join(rel)).unwrap();
        assert!(site == full, "{rel}: the splice and the full link differ");
        Ok(())
    }

    #[test]
    fn a_new_run_is_spliced() {
        let dir = tree();
        let run = |head: &str, result: &str| {
            format!("{head}\nrunning 3 tests\ntest result: {result}; 0 ignored\n")
        };
        let failed = run("E-2 smoke run, again", "FAILED. 2 passed; 1 failed");
        let site = crate::load(&config(dir.path()), Vec::new());
        let e2 = crate::model::task_with_id(&site.tasks, "E-2").unwrap();
        assert_eq!(e2.verification, crate::model::Verification::Verified);
        // A failing run of a done task contradicts it.
        assert_eq!(add_and_compare(&dir, "tests/smoke-2.log", &failed), Ok(()));
        let passed = run("E-4 docs check", "ok. 3 passed; 0 failed");
        assert_eq!(add_and_compare(&dir, "tests/2026-03-07-docs.log", &passed), Ok(()));
        let nothing = run("nightly", "ok. 3 passed; 0 failed");
        assert_eq!(add_and_compare(&dir, "evidence/2026-03-08-nightly.log", &nothing), Ok(()));
        // An old run kept in an archive folder is archived.
        assert_eq!(add_and_compare(&dir, "archive/tests/2025-12-01-old.log", &nothing), Ok(()));
        let report = "<?xml version=\"1.0\"?>\n<!-- E-3 -->\n<testsuite name=\"x\" tests=\"1\" \
                      failures=\"1\">\n<testcase name=\"a\"><failure message=\"no\"/></testcase>\n\
                      </testsuite>\n";
        assert_eq!(add_and_compare(&dir, "test-results/junit-e3.xml", report), Ok(()));
        // A run older than the session that records its task is stale.
        let session = std::fs::read_to_string(dir.path().join("sessions/2026-03-05.md")).unwrap();
        write_in(
            dir.path(),
            "sessions/2026-03-05.md",
            &format!("{session}\n- [x] **E-9** Sync fixed\n"),
        );
        let old = run("E-9 sync suite, run on 2026-03-01", "ok. 3 passed; 0 failed");
        assert_eq!(add_and_compare(&dir, "tests/sync.log", &old), Ok(()));
        // What a full link would make otherwise.
        let refused = [
            // A name another file has: a bare `unit.log` would name two.
            ("evidence/unit.log", passed.as_str()),
            // A page names a file of this name (its link was broken).
            ("tests/run.log", passed.as_str()),
            // It could be E-3's story.
            ("tests/E-3.log", passed.as_str()),
            // A page.
            ("notes/new.md", "# New\n\nA page.\n"),
        ];
        write_in(dir.path(), "notes.md", "# Notes\n\nThe run: `tests/run.log`.\n");
        for (rel, text) in refused {
            assert!(add_and_compare(&dir, rel, text).is_err(), "{rel} was spliced");
        }
    }

    #[test]
    fn a_log_that_names_other_tasks_is_linked_whole() {
        let named = |t: &str| format!("E-4 and E-1 run\n{t}");
        assert!(splice_and_compare("tests/unit.log", named).is_err());
        let renamed = |t: &str| t.replace("E-2 smoke run", "E-4 smoke run");
        assert!(splice_and_compare("tests/smoke.log", renamed).is_err());
    }
}
