//! Paths named in the docs, and the markdown bodies rendered with their URLs.
//!
//! [`Paths`] knows every input file and resolves what a document names (a
//! link, an image, a path in backticks) to one of them, inside ROOT only.
//! [`render`] runs once every document and task has its URL, beside the
//! linking of evidence and claims: each markdown body is rendered once by
//! [`crate::parse::markdown::render_html`] (in parallel), with a resolver
//! that gives each link its relative URL and reports, at its line, what it
//! cannot resolve.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;

use crate::config::BuildConfig;
use crate::diagnostics::Diagnostic;
use crate::link::{normalize, percent_decode, root_prefix, split_fragment};
use crate::model::{
    DocKind, Document, Packed, PackedStore, SourceFormat, Task, find_sorted, href, raw_url,
    task_with_id,
};
use crate::parse::ids::IdMatcher;
use crate::parse::markdown::{HtmlOptions, Resolve, Target, render_html};
use crate::spill::Spill;

/// Every input file by path, to resolve what documents name. It borrows
/// the documents' paths and URLs rather than copy them: `serve` makes one
/// for each change it splices in (at 10,000 documents the copies took
/// 17 ms of the splice's 60).
pub(crate) struct Paths<'a> {
    config: &'a BuildConfig,
    /// Index of each document by path.
    index: HashMap<&'a str, usize>,
    /// Each document's page URL.
    urls: Vec<&'a str>,
    /// Whether each document is evidence, or a file that becomes evidence
    /// once named: anything but a markdown page.
    evidence: Vec<bool>,
    /// For each file name, the first path that has it and how many do,
    /// for references that give only a name.
    by_name: HashMap<&'a str, (&'a str, usize)>,
    /// The `data:` URI of each SVG image, by index: markdown shows it
    /// through `<img>`, since its raw copy is text.
    image_uris: HashMap<usize, &'a str>,
}

impl<'a> Paths<'a> {
    /// The paths of `documents`, whose URLs are final.
    pub(crate) fn new(config: &'a BuildConfig, documents: &'a [Document]) -> Paths<'a> {
        let index: HashMap<&str, usize> =
            documents.iter().enumerate().map(|(idx, doc)| (doc.path.as_str(), idx)).collect();
        let mut by_name: HashMap<&str, (&str, usize)> = HashMap::with_capacity(documents.len());
        for doc in documents {
            let name = crate::model::file_name(&doc.path);
            by_name.entry(name).or_insert((doc.path.as_str(), 0)).1 += 1;
        }
        Paths {
            config,
            index,
            urls: documents.iter().map(|doc| doc.url.as_str()).collect(),
            evidence: documents
                .iter()
                .map(|d| d.kind == DocKind::Evidence || d.format != SourceFormat::Markdown)
                .collect(),
            by_name,
            image_uris: documents
                .iter()
                .enumerate()
                .filter_map(|(idx, doc)| Some((idx, doc.image_uri.as_deref()?)))
                .collect(),
        }
    }

    /// Whether a known path is evidence, or a file that becomes evidence once named.
    pub(crate) fn is_evidence(&self, path: &str) -> bool {
        self.index.get(path).is_some_and(|&idx| self.evidence[idx])
    }

    /// The known path a reference names, trying the document's folder, ROOT
    /// and the repository root in that order.
    pub(crate) fn resolve(&self, doc_path: &str, raw: &str) -> Option<String> {
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
        let found =
            candidates.into_iter().flatten().find(|path| self.index.contains_key(path.as_str()));
        // People name a file by its bare name wherever it sits; that is
        // enough when only one file in the tree has the name.
        found.or_else(|| match self.by_name.get(raw.as_str()) {
            Some(&(path, 1)) if !raw.contains('/') => Some(path.to_string()),
            _ => None,
        })
    }

    /// The diagnostic for a destination of `doc_path` that names no known file.
    fn missing(&self, doc_path: &str, raw: &str, kind: Target, line: usize) -> Diagnostic {
        let (path_part, _) = split_fragment(raw);
        let doc_dir = doc_path.rsplit_once('/').map_or("", |(dir, _)| dir);
        let outside = normalize(&format!("{doc_dir}/{}", percent_decode(path_part))).is_none();
        if outside {
            return Diagnostic::warning(
                "A031",
                doc_path,
                line,
                format!("`{raw}` points outside the docs folder"),
            )
            .with_help("attestor reads only files inside ROOT; link to a copy inside it");
        }
        // A broken link, or a missing file that reads like evidence, is
        // worth a warning; any other file named in backticks (a source or
        // config file of the repository) is noted only.
        let make = if kind != Target::Code || self.worth_a_warning(path_part) {
            Diagnostic::warning
        } else {
            Diagnostic::info
        };
        make("A030", doc_path, line, format!("`{raw}` is named here but is not in the docs tree"))
            .with_help("fix the path, or add the file (evidence not yet captured shows as missing)")
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

/// The URL of each task by its id, for the links a body's task ids become.
pub(crate) trait TaskUrls: Sync {
    /// The page or anchor of task `id`, relative to the site root.
    fn url_of(&self, id: &str) -> Option<&str>;
}

/// The site's tasks, sorted by id.
impl TaskUrls for Vec<Task> {
    fn url_of(&self, id: &str) -> Option<&str> {
        task_with_id(self, id).map(|task| &*task.url)
    }
}

/// The URLs of the tasks a body can link to, copied out of them and sorted
/// by id, so that the bodies render while the linker is still setting the
/// tasks' verdicts.
pub(crate) struct UrlsById(Vec<(String, String)>);

impl UrlsById {
    /// The URLs of those of `tasks` whose id a body can name, sorted by id.
    ///
    /// A body links an id it finds with `ids` in its prose, or a code span
    /// that is an id whole: either way one `ids` takes for an id whole. A
    /// made-up id (`setup-plan-3fa2b1`) seldom is one, and those are most
    /// tasks of a big tree: at 100,000 documents, copying every task's id
    /// and URL took about 100 MB more at the link's peak.
    pub(crate) fn of(tasks: &[Task], ids: &IdMatcher) -> UrlsById {
        let linkable = tasks.iter().filter(|task| task.named || ids.is_whole_id(&task.id));
        UrlsById(linkable.map(|task| (task.id.clone(), task.url.to_string())).collect())
    }
}

impl TaskUrls for UrlsById {
    fn url_of(&self, id: &str) -> Option<&str> {
        find_sorted(&self.0, id, |(key, _)| key).map(|(_, url)| url.as_str())
    }
}

/// A markdown body rendered, with what in it could not be resolved.
pub(crate) type Rendered = (Packed, Vec<Diagnostic>);

/// Renders every markdown body to HTML, in parallel, with the URLs of
/// `paths` and of `tasks`; `None` for a document without one. The
/// documents are not changed: [`store`] puts the HTML in them.
///
/// Each body is packed and set aside in a temporary file as soon as it is
/// made (`crate::spill`), and read back from there by its page and the
/// search index: at 100,000 documents the packed bodies are 250 MB, which
/// the build's memory held from here to the last document's page. Where
/// no temporary file can be made, or a write to it fails, a body is held
/// in memory.
pub(crate) fn render(
    config: &BuildConfig,
    ids: &IdMatcher,
    paths: &Paths<'_>,
    tasks: &dyn TaskUrls,
    documents: &[Document],
    sources: Vec<Option<Source>>,
) -> Vec<Option<Rendered>> {
    let spill = Spill::temporary();
    let store = spill.on_disk().then(|| Arc::new(Bodies(Mutex::new(spill))));
    documents
        .par_iter()
        .zip(sources)
        // Beside the rest of the linking (`rayon::join`), which one thread
        // runs: rayon cuts a list into as many pieces as there are threads,
        // and the thread that comes back from the linking finds the other
        // one in the middle of a quarter of the documents, which it cannot
        // share. Small pieces are shared to the end.
        .with_max_len(PIECE)
        .map(|(doc, source)| {
            // The markdown is dropped as soon as its HTML is made, and the
            // HTML packed: at 10,000 documents the two are 58 and 85 MB. A
            // build's load let go of the markdown once parsed: it is read
            // again from the file.
            let (body, first_line) = match source {
                Some(source) => source,
                None if doc.format == SourceFormat::Markdown => match read_source(config, doc) {
                    Ok(source) => source,
                    Err(diagnostics) => return Some((Packed::default(), diagnostics)),
                },
                None => return None,
            };
            let (html, diagnostics) =
                render_body(config, ids, paths, tasks, doc, &body, first_line);
            Some((set_aside(store.as_ref(), html), diagnostics))
        })
        .collect()
}

/// The most documents one thread takes at a time when their work shares the
/// pool with another job (see [`render`]): at 10,000 documents a piece is a
/// few milliseconds of work.
pub(crate) const PIECE: usize = 32;

/// The temporary file the bodies are set aside in, written and read by
/// the rendering threads.
struct Bodies(Mutex<Spill>);

impl PackedStore for Bodies {
    fn read_at(&self, offset: u64, len: u32) -> std::io::Result<Vec<u8>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).read_at(offset, len)
    }
}

/// `packed` appended to `store`; held in memory without one, or if the
/// write fails.
fn set_aside(store: Option<&Arc<Bodies>>, packed: Packed) -> Packed {
    let (Some(store), Some(bytes)) = (store, packed.bytes()) else {
        return packed;
    };
    if bytes.is_empty() {
        return packed;
    }
    let appended = store.0.lock().unwrap_or_else(PoisonError::into_inner).append(bytes);
    match appended {
        Ok(span) => Packed::stored(store.clone(), span.offset, span.len),
        Err(_) => packed,
    }
}

/// A markdown body and the file line it starts on.
type Source = (String, usize);

/// A markdown document's body read again from its file, decoded and masked
/// as the parse read it. A file that cannot be read any more (removed
/// during the build) has no body, and an error says so, unless the parse
/// could not read it either and said so then.
fn read_source(config: &BuildConfig, doc: &Document) -> Result<Source, Vec<Diagnostic>> {
    match crate::fs::read(&config.root.join(&doc.path)) {
        Ok(bytes) => {
            let text = crate::text::shown_again(&bytes, doc.unmasked_print);
            let (body, first_line) = crate::parse::frontmatter::body(&text);
            Ok((body.to_string(), first_line))
        }
        Err(_) if doc.size == 0 => Err(Vec::new()),
        Err(err) => {
            let message = format!("could not be read again to render it: {err:#}");
            Err(vec![Diagnostic::error("A002", &doc.path, 0, message)])
        }
    }
}

/// Takes each document's markdown out of it, in order, for [`render`].
pub(crate) fn take_sources(documents: &mut [Document]) -> Vec<Option<Source>> {
    documents.iter_mut().map(|doc| doc.markdown.take()).collect()
}

/// Puts each body's HTML (from [`render`], in the same order) in its
/// document; returns what could not be resolved.
pub(crate) fn store(
    documents: &mut [Document],
    rendered: Vec<Option<Rendered>>,
) -> Vec<Diagnostic> {
    debug_assert_eq!(documents.len(), rendered.len());
    let mut diagnostics = Vec::new();
    for (doc, body) in documents.iter_mut().zip(rendered) {
        let Some((html, body_diagnostics)) = body else { continue };
        doc.body_html = html;
        diagnostics.extend(body_diagnostics);
    }
    diagnostics
}

/// One document's markdown `body`, starting at file line `first_line`,
/// rendered with the URLs of `paths` and `tasks` (sorted by id); returns
/// the HTML, packed, and what could not be resolved.
pub(crate) fn render_body(
    config: &BuildConfig,
    ids: &IdMatcher,
    paths: &Paths<'_>,
    tasks: &dyn TaskUrls,
    doc: &Document,
    body: &str,
    first_line: usize,
) -> Rendered {
    let options = HtmlOptions { remote_media: config.remote_media };
    let mut resolver = DocResolver {
        paths,
        tasks,
        doc_path: &doc.path,
        prefix: root_prefix(&doc.url),
        reported: BTreeSet::new(),
        diagnostics: Vec::new(),
    };
    let html = render_html(body, first_line, ids, options, &mut resolver);
    (Packed::new(&html), resolver.diagnostics)
}

/// The resolver of one document's body.
struct DocResolver<'r> {
    paths: &'r Paths<'r>,
    /// The tasks' URLs.
    tasks: &'r dyn TaskUrls,
    doc_path: &'r str,
    /// `../` to the site root from the document's page.
    prefix: String,
    /// Destinations already reported, so each is reported once, at its first line.
    reported: BTreeSet<String>,
    diagnostics: Vec<Diagnostic>,
}

impl Resolve for DocResolver<'_> {
    fn url(&mut self, target: &str, kind: Target, line: usize) -> String {
        let (path_part, fragment) = split_fragment(target);
        let Some(path) = self.paths.resolve(self.doc_path, path_part) else {
            if self.reported.insert(target.to_string()) {
                let missing = self.paths.missing(self.doc_path, target, kind, line);
                self.diagnostics.push(missing);
            }
            return format!("{}files.html#missing", self.prefix);
        };
        // An image wants the file itself (an SVG its data URI, as its raw
        // copy is text); a link wants its page.
        let idx = self.paths.index[path.as_str()];
        if let (Target::Image, Some(uri)) = (kind, self.paths.image_uris.get(&idx)) {
            return uri.to_string();
        }
        let url = match kind {
            Target::Image => raw_url(&path),
            Target::Link | Target::Code => {
                format!("{}{fragment}", self.paths.urls[idx])
            }
        };
        format!("{}{}", self.prefix, href(&url))
    }

    fn task_url(&mut self, id: &str) -> Option<String> {
        let url = self.tasks.url_of(id)?;
        Some(href(&format!("{}{url}", self.prefix)))
    }

    fn remote_image(&mut self, url: &str, line: usize) {
        if self.reported.insert(url.to_string()) {
            self.diagnostics.push(
                Diagnostic::info(
                    "A182",
                    self.doc_path,
                    line,
                    format!("image `{url}` is on another site; it is shown as a link to it"),
                )
                .with_help(
                    "copy the image into the docs tree, or set `remote_media = true` in attestor.toml to show it",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{BuildArgs, resolve};
    use crate::model::{Source, TaskForm, TaskStatus};

    /// The link reads each markdown body again from its file: with its
    /// frontmatter left out, at the file's line; a file gone since the
    /// parse has no body and an error says so, unless the parse could not
    /// read it either.
    #[test]
    fn a_body_is_read_again_from_its_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("plan.md"), "---\ntitle: Plan\n---\n# Plan\n\nShip T-1.\n")
            .unwrap();
        let args = BuildArgs { root: Some(dir.path().to_path_buf()), ..BuildArgs::default() };
        let config = resolve(&args).unwrap().0;
        let markdown = |path: &str, size: u64| Document {
            size,
            ..Document::new(path.to_string(), DocKind::Plan, SourceFormat::Markdown)
        };
        let plan = markdown("plan.md", 40);
        assert_eq!(read_source(&config, &plan), Ok(("# Plan\n\nShip T-1.\n".to_string(), 4)));
        let gone = read_source(&config, &markdown("gone.md", 12)).unwrap_err();
        assert_eq!(gone.len(), 1);
        assert_eq!((gone[0].code, gone[0].location()), ("A002", "gone.md".to_string()));
        assert!(gone[0].message.starts_with("could not be read again to render it"));
        assert_eq!(read_source(&config, &markdown("unread.md", 0)), Err(Vec::new()));
    }

    /// The bodies' copy of the tasks' URLs keeps every task a body can
    /// link: a named task, and a task whose id is an id whole, named or
    /// not; a made-up id is left out, and asking for it finds nothing.
    #[test]
    fn the_bodies_copy_the_urls_of_the_tasks_they_can_name() {
        let (ids, errors) = IdMatcher::new(&[]);
        assert!(errors.is_empty(), "{errors:?}");
        let task = |id: &str, named: bool| Task {
            named,
            ..Task::new(
                id.to_string(),
                "x".to_string(),
                TaskStatus::Open,
                Source { path: "plan.md".into(), line: 1 },
                TaskForm::Checklist,
            )
        };
        let mut tasks = vec![
            task("API-7", false),
            task("Release notes", true),
            task("T-1", true),
            task("plan-3fa2b1", false),
        ];
        tasks[3].url = "plan.html#task-plan-3fa2b1".into();
        let urls = UrlsById::of(&tasks, &ids);
        assert_eq!(urls.url_of("T-1"), Some("tasks/t-1.html"));
        assert_eq!(urls.url_of("API-7"), Some(&*tasks[0].url));
        assert_eq!(urls.url_of("Release notes"), Some(&*tasks[1].url));
        assert_eq!(urls.url_of("plan-3fa2b1"), None);
        assert_eq!(urls.0.len(), 3);
    }
}
