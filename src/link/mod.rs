//! Completes the model: resolves what documents name, builds backlinks and
//! turns the parsed files into one `Site`.
//!
//! Parsers leave every relative link and path in backticks as an
//! `attestor:` marker; here each is resolved against the document's folder,
//! ROOT and the repository root, accepted only inside ROOT, and replaced by a
//! relative URL. What cannot be resolved is a diagnostic at the line that
//! named it. Tasks that several documents define are merged here
//! (`link::tasks`). Renderers get a finished `Site` and only read it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

mod claims;
mod complete;
mod evidence;
mod scope;
mod tasks;

use crate::audit;
use crate::config::BuildConfig;
use crate::diagnostics::Diagnostic;
use crate::link::evidence::Named;
use crate::model::{
    DocKind, Document, Evidence, RefKind, Site, Skipped, SourceFormat, href, raw_url,
};
use crate::parse::Parsed;
use crate::parse::ids::IdMatcher;
use crate::parse::markdown::MARKER;

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
    let mut defined = Vec::new();
    let mut tracker_events = Vec::new();
    for file in parsed {
        site.plans.extend(file.plan());
        defined.extend(file.tasks);
        site.claims.extend(file.claims);
        tracker_events.extend(file.events);
        site.documents.push(file.document);
        site.evidence.extend(file.evidence);
        site.diagnostics.extend(file.diagnostics);
    }
    assign_unique_urls(&mut site.documents, &mut site.evidence);
    scope::mark_archived(config, &mut site.documents);
    let named = resolve_documents(config, &mut site);
    evidence::adopt_referenced(&mut site.documents, &mut site.evidence, &named);

    let (mut tasks, merge_diagnostics) = tasks::merge(defined);
    tasks::assign_unique_urls(&mut tasks);
    scope::assign(config, &site.documents, &mut tasks);
    site.tasks = tasks;
    site.diagnostics.extend(merge_diagnostics);
    tasks::fill_mentions(&mut site.tasks, &site.documents);
    site.diagnostics.extend(tasks::check_dependencies(&site.tasks));
    let (graph, graph_diagnostics) = crate::graph::analyse(&site.tasks, &site.plans);
    site.critical_path = graph.critical_path;
    site.critical_minutes = graph.critical_minutes;
    site.diagnostics.extend(graph_diagnostics);

    let phase_lines = phase_heading_lines(&site);
    evidence::link(&site.documents, &named, &mut site.tasks, &mut site.evidence, ids, &phase_lines);
    // A status on a task's own line is the task's: its verification says
    // whether the evidence bears it out.
    let task_lines: BTreeSet<(&str, usize)> =
        site.tasks.iter().map(|t| (t.source.path.as_str(), t.source.line)).collect();
    site.claims.retain(|c| {
        c.kind != "status" || !task_lines.contains(&(c.source.path.as_str(), c.source.line))
    });
    claims::check_claims(&mut site.claims, &site.documents, &named, &site.evidence);
    site.diagnostics.extend(claims::contradicted_claims(&site.claims, &site.evidence));
    let stories = complete::adopt_stories(&site.documents, &mut site.tasks, ids);
    site.diagnostics.extend(complete::complete_but_open(&site.documents, &site.tasks));
    let checks = evidence::Checks { claims: &site.claims, stories: &stories };
    evidence::verify(&mut site.tasks, &site.evidence, &checks, &site.documents, &phase_lines);
    fill_evidence_backlinks(&mut site.evidence, &site.documents, &named);

    let task_urls: HashMap<String, String> =
        site.tasks.iter().map(|t| (t.id.clone(), t.url.clone())).collect();
    for doc in &mut site.documents {
        doc.body_html =
            tasks::resolve_task_markers(&doc.body_html, &root_prefix(&doc.url), &task_urls);
    }
    site.events = audit::events(&site.documents, &site.evidence, tracker_events);
    site.claims.sort_by(|a, b| a.source.cmp(&b.source));
    site.diagnostics.sort();
    site
}

/// Resolves the link markers of every document's HTML and the paths and ids
/// each names; returns, per document, the files and tasks it names.
fn resolve_documents(config: &BuildConfig, site: &mut Site) -> Vec<Named> {
    let index: HashMap<String, usize> =
        site.documents.iter().enumerate().map(|(idx, doc)| (doc.path.clone(), idx)).collect();
    let urls: Vec<String> = site.documents.iter().map(|doc| doc.url.clone()).collect();
    // Evidence, and files that become evidence once named: anything but markdown pages.
    let is_evidence: Vec<bool> = site
        .documents
        .iter()
        .map(|d| d.kind == DocKind::Evidence || d.format != SourceFormat::Markdown)
        .collect();
    let mut by_name: HashMap<&str, Vec<String>> = HashMap::new();
    for path in index.keys() {
        by_name.entry(crate::model::file_name(path)).or_default().push(path.clone());
    }
    let resolver = Resolver { config, index: &index, urls: &urls, by_name };
    let mut named = Vec::with_capacity(site.documents.len());
    for doc in &mut site.documents {
        let (html, diagnostics) = resolver.resolve_markers(doc);
        doc.body_html = html;
        site.diagnostics.extend(diagnostics);
        let files = doc
            .references
            .iter()
            .filter(|r| matches!(r.kind, RefKind::Link | RefKind::Path))
            .filter_map(|r| {
                let (path_part, _) = split_fragment(&r.target);
                let path = resolver.resolve(&doc.path, path_part)?;
                (is_evidence[index[&path]] && path != doc.path).then_some((r.line, path))
            })
            .collect();
        named.push(Named { evidence: files, tasks: evidence::task_refs(doc) });
    }
    named
}

/// The line of each phase heading, by (plan path, phase title): a checklist
/// item in a phase speaks for the whole phase section.
fn phase_heading_lines(site: &Site) -> HashMap<(String, String), usize> {
    let mut lines = HashMap::new();
    for plan in &site.plans {
        let Ok(idx) = site.documents.binary_search_by(|d| d.path.as_str().cmp(&plan.path)) else {
            continue;
        };
        let doc = &site.documents[idx];
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
            let mut url = format!("docs/{}.html", doc.path);
            let mut n = 2;
            while !free(&url, &taken) {
                url = format!("docs/{}-{n}.html", doc.path);
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

/// Resolves the markers of one document against the set of known paths.
struct Resolver<'a> {
    config: &'a BuildConfig,
    index: &'a HashMap<String, usize>,
    urls: &'a [String],
    /// Paths by file name, for references that give only a name.
    by_name: HashMap<&'a str, Vec<String>>,
}

impl Resolver<'_> {
    /// Returns the HTML with markers replaced, and diagnostics.
    fn resolve_markers(&self, doc: &Document) -> (String, Vec<Diagnostic>) {
        let html = &doc.body_html;
        let mut out = String::with_capacity(html.len());
        let mut diagnostics = Vec::new();
        let mut reported = BTreeSet::new();
        let prefix = root_prefix(&doc.url);
        let mut rest = html.as_str();
        while let Some(at) = rest.find(MARKER) {
            let attr_is_src = rest[..at].ends_with("src=\"");
            out.push_str(&rest[..at]);
            let after = &rest[at + MARKER.len()..];
            let end = after.find('"').unwrap_or(after.len());
            let raw = unescape(&after[..end]);
            let (path_part, fragment) = split_fragment(&raw);
            match self.resolve(&doc.path, path_part) {
                Some(path) => {
                    // An image's `src` wants the file itself; a link wants its page.
                    let url = if attr_is_src {
                        raw_url(&path)
                    } else {
                        format!("{}{fragment}", self.urls[self.index[&path]])
                    };
                    out.push_str(&escape_attr(&format!("{prefix}{}", href(&url))));
                }
                None => {
                    out.push_str(&escape_attr(&format!("{prefix}files.html#missing")));
                    if reported.insert(raw.clone()) {
                        diagnostics.push(self.missing(doc, &raw));
                    }
                }
            }
            rest = &after[end..];
        }
        out.push_str(rest);
        (out, diagnostics)
    }

    /// The known path a reference names, trying the document's folder, ROOT
    /// and the repository root in that order.
    fn resolve(&self, doc_path: &str, raw: &str) -> Option<String> {
        let raw = percent_decode(raw);
        if raw.is_empty() {
            return None;
        }
        let doc_dir = doc_path.rsplit_once('/').map_or("", |(dir, _)| dir);
        let from_root = raw.trim_start_matches('/');
        let mut candidates = Vec::with_capacity(3);
        if !raw.starts_with('/') {
            candidates.push(normalize(&format!("{doc_dir}/{raw}")));
        }
        candidates.push(normalize(from_root));
        let prefix = self.config.repo_prefix.as_deref().filter(|p| !p.is_empty());
        if let Some(inside) = prefix.and_then(|p| from_root.strip_prefix(p)?.strip_prefix('/')) {
            candidates.push(normalize(inside));
        }
        let found = candidates.into_iter().flatten().find(|path| self.index.contains_key(path));
        // People name a file by its bare name wherever it sits; that is
        // enough when only one file in the tree has the name.
        found.or_else(|| match self.by_name.get(raw.as_str()) {
            Some(paths) if paths.len() == 1 && !raw.contains('/') => Some(paths[0].clone()),
            _ => None,
        })
    }

    fn missing(&self, doc: &Document, raw: &str) -> Diagnostic {
        let reference = doc
            .references
            .iter()
            .find(|r| matches!(r.kind, RefKind::Link | RefKind::Path) && r.target == raw);
        let line = reference.map_or(0, |r| r.line);
        let is_link = reference.is_some_and(|r| r.kind == RefKind::Link);
        let (path_part, _) = split_fragment(raw);
        let outside = normalize(&format!(
            "{}/{}",
            doc.path.rsplit_once('/').map_or("", |(dir, _)| dir),
            percent_decode(path_part)
        ))
        .is_none();
        if outside {
            Diagnostic::warning(
                "A031",
                &doc.path,
                line,
                format!("`{raw}` points outside the docs folder"),
            )
            .with_help("attestor reads only files inside ROOT; link to a copy inside it")
        } else {
            // A broken link, or a missing file that reads like evidence, is
            // worth a warning; any other file named in backticks (a source
            // or config file of the repository) is noted only.
            let make = if is_link || self.worth_a_warning(path_part) {
                Diagnostic::warning
            } else {
                Diagnostic::info
            };
            make(
                "A030",
                &doc.path,
                line,
                format!("`{raw}` is named here but is not in the docs tree"),
            )
            .with_help("fix the path, or add the file (evidence not yet captured shows as missing)")
        }
    }

    /// Whether a missing path is worth a warning: anything but a `.json` or
    /// `.txt` file (`package.json`, `requirements.txt` are the repository's,
    /// not the docs'), unless it sits in an evidence folder or its name
    /// speaks of tests, deploys or coverage.
    fn worth_a_warning(&self, path: &str) -> bool {
        let lower = path.to_ascii_lowercase();
        let mut parts = lower.split('/').rev();
        let name = parts.next().unwrap_or("");
        let in_evidence_dir =
            parts.any(|dir| self.config.evidence_dirs.iter().any(|e| e.eq_ignore_ascii_case(dir)));
        let ext = name.rsplit_once('.').map_or("", |(_, ext)| ext);
        let docs_ext = !matches!(ext, "json" | "jsonl" | "txt");
        let words = [
            "test",
            "deploy",
            "coverage",
            "lighthouse",
            "junit",
            "e2e",
            "smoke",
            "screenshot",
            "run",
        ];
        in_evidence_dir || docs_ext || words.iter().any(|w| name.contains(w))
    }
}

/// `../` once per folder of a page's URL, to reach the site root.
pub fn root_prefix(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

fn split_fragment(raw: &str) -> (&str, &str) {
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

fn percent_decode(text: &str) -> String {
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

pub(crate) fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

fn escape_attr(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;")
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
