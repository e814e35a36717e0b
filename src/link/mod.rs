//! Completes the model: resolves what documents name, builds backlinks and
//! turns the parsed files into one `Site`.
//!
//! Parsers record every relative link, image and path in backticks with its
//! line and keep each markdown body; here each path is resolved against the
//! document's folder, ROOT and the repository root, accepted only inside
//! ROOT, and once every document and task has its URL the bodies are
//! rendered to HTML with those URLs (`link::bodies`). What cannot be
//! resolved is a diagnostic at the line that named it. Tasks that several documents define are merged here
//! (`link::tasks`). Renderers get a finished `Site` and only read it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

mod bodies;
mod claims;
mod complete;
mod contradictions;
mod evidence;
mod owners;
mod scope;
pub mod splice;
mod tasks;

use crate::audit;
use crate::config::BuildConfig;
use crate::link::bodies::Paths;
use crate::link::evidence::Named;
use crate::model::{Document, Evidence, Plan, RefKind, Site, Skipped, fit_url};
use crate::parse::Parsed;
use crate::parse::ids::IdMatcher;

/// Joins the parsed files into a linked site.
pub fn link(
    config: &BuildConfig,
    ids: &IdMatcher,
    mut parsed: Vec<Parsed>,
    skipped: Vec<Skipped>,
) -> Site {
    parsed.sort_by(|a, b| a.document.path.cmp(&b.document.path));
    let mut site =
        Site { skipped, headline_kinds: config.headline_kinds.clone(), ..Site::default() };
    // Sized once: grown by doubling, the tasks' list was held twice over.
    let mut defined = Vec::with_capacity(parsed.iter().map(|p| p.tasks.len()).sum());
    site.claims.reserve_exact(parsed.iter().map(|p| p.claims.len()).sum());
    site.documents.reserve_exact(parsed.len());
    let mut tracker_events = Vec::new();
    let mut heads = Vec::with_capacity(parsed.len());
    for file in parsed {
        site.plans.extend(file.plan());
        heads.push(file.head_ids);
        if let Some(details) = file.details {
            site.evidence_details.push((file.document.path.clone(), details));
        }
        defined.extend(file.tasks);
        site.claims.extend(file.claims);
        tracker_events.extend(file.events);
        site.documents.push(file.document);
        site.evidence.extend(file.evidence);
        site.diagnostics.extend(file.diagnostics);
    }
    assign_unique_urls(&mut site.documents, &mut site.evidence);
    scope::mark_archived(config, &mut site.documents);
    // The tasks merge beside the resolving of what the documents name:
    // neither reads what the other makes.
    let (named, (mut tasks, merge_diagnostics, status_conflicts)) = rayon::join(
        || {
            let mut named =
                resolve_documents(&Paths::new(config, &site.documents), &site.documents, heads);
            evidence::adopt_referenced(
                &mut site.documents,
                &mut site.evidence,
                &mut site.evidence_details,
                &mut named,
                ids,
            );
            named
        },
        || tasks::merge(defined),
    );
    tasks::assign_urls(&mut tasks, &site.documents);
    scope::assign(config, &site.documents, &mut tasks);
    let (owner_diagnostics, owner_spellings) =
        owners::merge(&config.owners, &mut tasks, &mut site.documents);
    site.diagnostics.extend(owner_diagnostics);
    site.owner_spellings = owner_spellings;
    site.tasks = tasks;
    site.diagnostics.extend(merge_diagnostics);
    debug_assert!(site.tasks.is_sorted_by(|a, b| a.id < b.id));
    let phase_lines = phase_heading_lines(&site.documents, &site.plans);

    // Every URL is final: the bodies render, from a copy of the URLs of the
    // tasks a body can name, beside the rest of the linking, which sets the
    // tasks' verdicts and changes no document.
    //
    // The contradictions read the claims' lines in the markdown, which is
    // then taken out of the documents for the bodies to render; they
    // compare figures, which the linking below does not change. The two
    // are made side by side.
    let (task_urls, (contradictions, contradiction_diagnostics)) = rayon::join(
        || bodies::UrlsById::of(&site.tasks, ids),
        || contradictions::find(&site.documents, &site.claims, &status_conflicts),
    );
    site.contradictions = contradictions;
    site.diagnostics.extend(contradiction_diagnostics);
    let sources = bodies::take_sources(&mut site.documents);
    let documents = &site.documents;
    // Made again now that no document changes until the bodies are stored
    // (the files adopted as evidence were evidence to it already).
    let paths = Paths::new(config, documents);
    let (rendered, ()) = rayon::join(
        || bodies::render(config, ids, &paths, &task_urls, documents, sources),
        || {
            tasks::fill_mentions(&mut site.tasks, documents);
            site.diagnostics.extend(tasks::check_dependencies(&site.tasks));
            let (graph, graph_diagnostics) = crate::graph::analyse(&site.tasks, &site.plans);
            site.critical_path = graph.critical_path;
            site.critical_minutes = graph.critical_minutes;
            site.plan_critical_paths = graph.plan_critical_paths;
            site.plan_graphs = graph.plan_graphs;
            site.diagnostics.extend(graph_diagnostics);

            site.evidence_ids = evidence::link(
                documents,
                &named,
                &mut site.tasks,
                &mut site.evidence,
                ids,
                &phase_lines,
            );
            // A status on a task's own line is the task's: its verification
            // says whether the evidence bears it out.
            let task_lines: BTreeSet<(&str, usize)> =
                site.tasks.iter().map(|t| (t.source.path.as_ref(), t.source.line)).collect();
            site.claims.retain(|c| {
                c.kind != "status" || !task_lines.contains(&(c.source.path.as_ref(), c.source.line))
            });
            claims::check_claims(&mut site.claims, documents, &named, &site.evidence);
            site.diagnostics.extend(claims::contradicted_claims(&site.claims, &site.evidence));
            let (stories, story_ids) = complete::adopt_stories(documents, &mut site.tasks, ids);
            site.story_ids = story_ids;
            site.diagnostics.extend(complete::complete_but_open(documents, &site.tasks));
            let checks = evidence::Checks { claims: &site.claims, stories: &stories };
            evidence::verify(&mut site.tasks, &site.evidence, &checks, documents, &phase_lines);
            site.stories = stories;
            fill_evidence_backlinks(&mut site.evidence, documents, &named);
        },
    );
    // What only the linking reads goes before the audit trail's events are
    // made and the lists sorted, not when the function returns: at 100,000
    // documents the tasks' URLs by id and the files each document names
    // are a few hundred megabytes.
    drop((paths, named, task_urls, phase_lines, status_conflicts));
    site.diagnostics.extend(bodies::store(&mut site.documents, rendered));
    site.events = audit::events(&site.documents, &site.evidence, tracker_events);

    site.claims.sort_by(|a, b| a.source.cmp(&b.source));
    site.diagnostics.sort();
    site
}

/// Resolves the paths each document names; returns, per document, the
/// files and tasks it names. `heads` are the ids each names at its top, as
/// the parse found them.
fn resolve_documents(
    paths: &Paths<'_>,
    documents: &[Document],
    heads: Vec<Vec<(usize, String)>>,
) -> Vec<Named> {
    let mut named = Vec::with_capacity(documents.len());
    for (doc, head) in documents.iter().zip(heads) {
        let files = named_evidence(paths, doc);
        named.push(Named { evidence: files, tasks: evidence::task_refs(doc), head });
    }
    named
}

/// The evidence files a document names, with the line of each naming.
fn named_evidence(paths: &Paths<'_>, doc: &Document) -> Vec<(usize, String)> {
    doc.references
        .iter()
        .filter(|r| matches!(r.kind, RefKind::Link | RefKind::Path))
        .filter_map(|r| {
            let (path_part, _) = split_fragment(&r.target);
            let path = paths.resolve(&doc.path, path_part)?;
            (paths.is_evidence(&path) && path != doc.path).then_some((r.line, path))
        })
        .collect()
}

/// The line of each phase heading of `plans`, by (plan path, phase title):
/// a checklist item in a phase speaks for the whole phase section.
fn phase_heading_lines<'p>(
    documents: &[Document],
    plans: impl IntoIterator<Item = &'p Plan>,
) -> HashMap<(String, String), usize> {
    let mut lines = HashMap::new();
    for plan in plans {
        let Ok(idx) = documents.binary_search_by(|d| d.path.as_str().cmp(&plan.path)) else {
            continue;
        };
        let doc = &documents[idx];
        for phase in &plan.phases {
            if doc.headings.iter().any(|h| h.line == phase.source.line) {
                lines.insert((plan.path.clone(), phase.title.clone()), phase.source.line);
            }
        }
    }
    lines
}

/// Gives every document a page of its own. Two files can want the same page
/// (`guide.md` and `guide.markdown`), or a page can want the name of a
/// folder of pages (`notes.md` beside `notes.html/`); the later one, in the
/// order `.md` first then by path, keeps its whole file name instead.
fn assign_unique_urls(documents: &mut [Document], evidence: &mut [Evidence]) {
    let folders: BTreeSet<String> = documents
        .iter()
        .flat_map(|doc| {
            let parts: Vec<&str> = doc.url.split('/').collect();
            (1..parts.len()).map(move |n| parts[..n].join("/"))
        })
        .collect();
    let mut order: Vec<usize> = (0..documents.len()).collect();
    order.sort_by_key(|&idx| (!documents[idx].path.ends_with(".md"), documents[idx].path.clone()));
    let mut taken = BTreeSet::new();
    let mut moved = HashMap::new();
    for idx in order {
        let doc = &mut documents[idx];
        let free =
            |url: &str, taken: &BTreeSet<String>| !taken.contains(url) && !folders.contains(url);
        if !free(&doc.url, &taken) {
            let mut url = fit_url(&format!("docs/{}.html", doc.path));
            let mut n = 2;
            while !free(&url, &taken) {
                url = fit_url(&format!("docs/{}-{n}.html", doc.path));
                n += 1;
            }
            moved.insert(doc.path.clone(), url.clone());
            doc.url = url;
        }
        taken.insert(doc.url.clone());
    }
    for item in evidence {
        if let Some(url) = moved.get(&item.path) {
            item.url = url.clone();
        }
    }
}

fn fill_evidence_backlinks(evidence: &mut [Evidence], documents: &[Document], named: &[Named]) {
    let mut referenced_by: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (doc, named) in documents.iter().zip(named) {
        for (_, path) in &named.evidence {
            referenced_by.entry(path.as_str()).or_default().insert(doc.path.as_str());
        }
    }
    for item in evidence {
        if let Some(docs) = referenced_by.get(item.path.as_str()) {
            item.referenced_by = docs.iter().map(|p| p.to_string()).collect();
        }
    }
}

/// `../` once per folder of a page's URL, to reach the site root.
pub fn root_prefix(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

pub(crate) fn split_fragment(raw: &str) -> (&str, &str) {
    let path_end = raw.find(['#', '?']).unwrap_or(raw.len());
    let fragment = raw.find('#').map_or("", |at| &raw[at..]);
    (&raw[..path_end], fragment)
}

/// Folds `.` and `..` out of a `/`-separated path; `None` if it leaves the root.
pub fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

pub(crate) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_dots_and_refuses_escapes() {
        assert_eq!(normalize("sessions/../plans/./a.md").as_deref(), Some("plans/a.md"));
        assert_eq!(normalize("../a.md"), None);
    }

    #[test]
    fn root_prefix_climbs_one_level_per_folder() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("docs/plans/a.html"), "../../");
    }

    #[test]
    fn fragments_are_kept_apart_from_paths() {
        assert_eq!(split_fragment("a.md#x"), ("a.md", "#x"));
        assert_eq!(split_fragment("a.md?q=1#x"), ("a.md", "#x"));
        assert_eq!(split_fragment("a.md"), ("a.md", ""));
    }

    #[test]
    fn percent_decoding_reads_spaces_and_utf8() {
        assert_eq!(percent_decode("my%20file%C3%A9.md"), "my fileé.md");
        assert_eq!(percent_decode("100%"), "100%");
    }
}
