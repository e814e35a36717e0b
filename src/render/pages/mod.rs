//! The portal's HTML pages, each rendered from views of the site.
//!
//! One function per page kind; each returns the page's HTML and leaves
//! minifying and writing to the caller. The dashboard is in `dashboard`, a
//! document's page in `document`, the audit trail in `audit`, the task pages
//! (each named task's own) in `tasks`, the tracker of all tasks and its
//! facet pages in `tracker`, the page of every claim by verdict in
//! `claims`, every plan in `plans`, and what needs attention, whole, in
//! `attention`. Logs are escaped in `document`, line
//! by line with anchors, rather than in a template loop, because a long log
//! would make the template engine the slowest part of a build.

pub mod attention;
mod audit;
pub mod claims;
mod dashboard;
pub mod document;
mod evidence;
mod index;
pub mod plans;
pub mod task_row;
pub mod tasks;
pub mod tracker;

pub use audit::{audit, audit_url};
pub use dashboard::dashboard;
pub use document::document;
pub use evidence::log_html;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use tera::Context;

use crate::model::{
    Claim, Document, Evidence, Site, StatusChange, Task, claims_range, document_at, evidence_at,
    task_with_id,
};
use crate::render::assets;
use crate::render::context::burnup::{self, BurnupView};
use crate::render::context::claims::ClaimView;
use crate::render::context::plans::{LastChanged, PlanCounts};
use crate::render::context::tasks::TaskLink;
use crate::render::context::{
    DiagnosticView, DocView, GroupView, HistoryView, groups, history_note,
};
use crate::render::theme::Theme;
use crate::text::eight;

/// Puts the pager of page `page` of `n_pages` in `context`: `page`,
/// `n_pages`, the previous and next pages' URLs, and the links of the
/// pager (the first page, the last, and the pages near `page`, each with
/// its URL and whether a gap comes before it).
fn insert_pager(context: &mut Context, page: usize, n_pages: usize, url: impl Fn(usize) -> String) {
    let shown: Vec<usize> =
        (1..=n_pages).filter(|&n| n == 1 || n == n_pages || n.abs_diff(page) <= 2).collect();
    let pager: Vec<serde_json::Value> = shown
        .iter()
        .enumerate()
        .map(|(idx, &n)| {
            let gap_before = idx > 0 && shown[idx - 1] + 1 < n;
            serde_json::json!({ "n": n, "url": url(n), "current": n == page, "gap_before": gap_before })
        })
        .collect();
    context.insert("page", &page);
    context.insert("n_pages", &n_pages);
    context.insert("pager", &pager);
    context.insert("prev_url", &(page > 1).then(|| url(page - 1)));
    context.insert("next_url", &(page < n_pages).then(|| url(page + 1)));
}

/// Renders a template with the page's own context plus its root prefix.
pub fn render_page(
    theme: &Theme,
    template: &str,
    url: &str,
    mut context: Context,
) -> anyhow::Result<String> {
    context.insert("root", &crate::link::root_prefix(url));
    theme
        .tera
        .render(template, &context)
        .map_err(|err| anyhow::anyhow!("{err}"))
        .map_err(|err| err.context(format!("failed to render `{template}` for `{url}`")))
}

/// The list of every input file, skipped files and diagnostics. Its two
/// long lists, the files of each kind and the problems, are rendered
/// apart from the page (see [`Lists`]).
pub fn files(theme: &Theme, site: &Site) -> anyhow::Result<String> {
    const URL: &str = "files.html";
    let mut lists = Lists::new();
    let mut views = Vec::new();
    for (kind, label, docs) in groups(site) {
        let rows = rows_html(theme, "file-rows.html", "", URL, &docs, |d| DocView::of(d))?;
        views.push(GroupView { kind, label, n_docs: docs.len(), rows: lists.hold(rows) });
    }
    let diagnostics = rows_html(theme, "diagnostic-rows.html", "", URL, &site.diagnostics, |d| {
        DiagnosticView::of(site, d)
    })?;
    let mut context = Context::new();
    context.insert("nav", "files");
    context.insert("groups", &views);
    context.insert("skipped", &site.skipped);
    context.insert("n_diagnostics", &site.diagnostics.len());
    context.insert("diagnostics", &lists.hold(diagnostics));
    Ok(lists.splice(render_page(theme, "files.html", URL, context)?))
}

/// How many rows of a long list one context holds at a time.
const ROWS_AT_ONCE: usize = 1000;

/// The rows of a long list, rendered by `template` (which loops over
/// `rows`; `list` names the list to a template that makes several)
/// [`ROWS_AT_ONCE`] at a time, in parallel, for the page at `url`.
/// A template's context holds a view of every row it is given, several
/// times the HTML it makes: the files page's, given every file at once,
/// was over 400 MB for a page of 60 MB at 100,000 documents.
pub(crate) fn rows_html<'a, T: Sync, V: serde::Serialize>(
    theme: &Theme,
    template: &str,
    list: &str,
    url: &str,
    items: &'a [T],
    view: impl Fn(&'a T) -> V + Sync,
) -> anyhow::Result<String> {
    use rayon::prelude::*;
    let chunks: Vec<String> = items
        .par_chunks(ROWS_AT_ONCE)
        .map(|chunk| {
            let rows: Vec<V> = chunk.iter().map(&view).collect();
            let mut context = Context::new();
            context.insert("list", list);
            context.insert("rows", &rows);
            render_page(theme, template, url, context)
        })
        .collect::<anyhow::Result<_>>()?;
    // Each chunk let go of once copied: the list is held once, not twice
    // (the files page's rows are 60 MB at 100,000 documents).
    let mut html = String::with_capacity(chunks.iter().map(String::len).sum());
    for chunk in chunks {
        html.push_str(&chunk);
    }
    Ok(html)
}

/// HTML made apart from a page, held until the page is rendered with a
/// mark in its place, so that the template engine never copies it: the
/// page's context holds the mark, and [`Lists::splice`] puts the HTML
/// where the page printed it.
pub(crate) struct Lists {
    /// The start of every mark: control characters no template or escaped
    /// text prints, and a number of this build's, so that no text a
    /// document holds can pass for one.
    prefix: String,
    parts: Vec<String>,
    /// The lists [`Lists::add`] made: each one's name, length and mark.
    named: Vec<(&'static str, usize, String)>,
}

impl Lists {
    /// No HTML held yet, and this build's marks.
    pub(crate) fn new() -> Lists {
        use std::hash::{BuildHasher, Hasher};
        let nonce = std::collections::hash_map::RandomState::new().build_hasher().finish();
        Lists {
            prefix: format!("\u{1}attestor-list-{nonce:016x}-"),
            parts: Vec::new(),
            named: Vec::new(),
        }
    }

    /// Holds `html`; returns the mark that stands for it.
    pub(crate) fn hold(&mut self, html: String) -> String {
        self.parts.push(html);
        format!("{}{}\u{1}", self.prefix, self.parts.len() - 1)
    }

    /// Makes the rows of `views` with `template` (see [`rows_html`]) as the
    /// list `name`, for [`Lists::insert`].
    pub(crate) fn add<V: serde::Serialize + Sync>(
        &mut self,
        theme: &Theme,
        template: &str,
        url: &str,
        name: &'static str,
        views: &[V],
    ) -> anyhow::Result<()> {
        let html = rows_html(theme, template, name, url, views, |v| v)?;
        let mark = self.hold(html);
        self.named.push((name, views.len(), mark));
        Ok(())
    }

    /// Puts the lists [`Lists::add`] made in `context`: each one's length
    /// as `n.<name>` and its rows as `rows.<name>`.
    pub(crate) fn insert(&self, context: &mut Context) {
        let n: HashMap<&str, usize> =
            self.named.iter().map(|(name, len, _)| (*name, *len)).collect();
        let rows: HashMap<&str, &str> =
            self.named.iter().map(|(name, _, mark)| (*name, mark.as_str())).collect();
        context.insert("n", &n);
        context.insert("rows", &rows);
    }

    /// `page` with each mark replaced by the HTML it stands for. A part is
    /// let go of once its last mark is replaced, so that the lists are not
    /// held twice while the page is put together.
    pub(crate) fn splice(mut self, page: String) -> String {
        if self.parts.is_empty() {
            return page;
        }
        let found: Vec<(usize, usize, usize)> =
            marks(&page, &self.prefix, self.parts.len()).collect();
        let mut uses = vec![0usize; self.parts.len()];
        for &(_, n, _) in &found {
            uses[n] += 1;
        }
        let held: usize = self.parts.iter().map(String::len).sum();
        let mut out = String::with_capacity(page.len() + held);
        let mut done = 0;
        for (start, n, end) in found {
            out.push_str(&page[done..start]);
            out.push_str(&self.parts[n]);
            uses[n] -= 1;
            if uses[n] == 0 {
                self.parts[n] = String::new();
            }
            done = end;
        }
        out.push_str(&page[done..]);
        out
    }
}

/// The marks of [`Lists`] in `page`, in order: where each starts, the part
/// it stands for and where it ends. Text that starts like a mark but names
/// no part is no mark.
fn marks<'p>(
    page: &'p str,
    prefix: &'p str,
    n_parts: usize,
) -> impl Iterator<Item = (usize, usize, usize)> + 'p {
    let mut from = 0;
    std::iter::from_fn(move || {
        loop {
            let start = from + page[from..].find(prefix)?;
            let after = start + prefix.len();
            from = after;
            let Some((digits, _)) = page[after..].split_once('\u{1}') else { continue };
            let Some(n) = digits.parse::<usize>().ok().filter(|&n| n < n_parts) else { continue };
            // The number and the closing `\u{1}`, one byte.
            let end = after + digits.len() + 1;
            from = end;
            return Some((start, n, end));
        }
    })
}

/// The page not found. Hosts serve it at any missing path, where relative
/// links break: its stylesheet is inline (allowed by the hash in its
/// Content-Security-Policy), its icon a data URI, and with a base URL its
/// links are absolute.
pub fn not_found(theme: &Theme, base_url: Option<&str>) -> anyhow::Result<String> {
    let css = assets::inline_css(&assets::portal_css(theme)?);
    let mut context = Context::new();
    context.insert("nav", "");
    context.insert("style_hash", &assets::csp_hash(&css));
    context.insert("inline_css", &css);
    context.insert("favicon", &assets::favicon_data_uri(theme));
    let Some(base) = base_url else {
        return render_page(theme, "404.html", "404.html", context);
    };
    context.insert("root", &format!("{base}/"));
    theme
        .tera
        .render("404.html", &context)
        .map_err(|err| anyhow::anyhow!("{err}"))
        .map_err(|err| err.context("failed to render `404.html`"))
}

/// Indexes of a site that pages share, each built the first time a page
/// asks for it: `serve` renders one page after a change, and most pages
/// need few of them. Documents, evidence, tasks and claims are looked up
/// by binary search in the site's own sorted lists, and documents and tasks
/// by hash once a whole portal is made ([`DocPageInputs::prepare`], see
/// [`index`]).
pub struct DocPageInputs<'a> {
    site: &'a Site,
    /// The docs tree, where a page reads a text the model let go of.
    root: &'a Path,
    /// The site's tasks by id and documents by path, made by `prepare`;
    /// `None` inside when there are too many to index.
    tasks_by_id: OnceLock<Option<index::Index<'a, Task>>>,
    documents_by_path: OnceLock<Option<index::Index<'a, Document>>>,
    dependents: OnceLock<HashMap<&'a str, Vec<&'a str>>>,
    subtasks: OnceLock<HashMap<&'a str, Vec<&'a Task>>>,
    claims_against: OnceLock<HashMap<&'a str, Vec<&'a Claim>>>,
    last_changed: OnceLock<LastChanged<'a>>,
    plan_counts: OnceLock<Vec<PlanCounts>>,
    history: OnceLock<HashMap<&'a str, Vec<&'a StatusChange>>>,
    /// What the history read from git covers; `None` without `--git`.
    history_note: Option<String>,
}

impl<'a> DocPageInputs<'a> {
    /// Indexes a site, read from the tree at `root`, for its pages.
    pub fn new(site: &'a Site, root: &'a Path) -> DocPageInputs<'a> {
        debug_assert!(site.documents.is_sorted_by(|a, b| a.path < b.path));
        debug_assert!(site.evidence.is_sorted_by(|a, b| a.path <= b.path));
        debug_assert!(site.tasks.is_sorted_by(|a, b| a.id < b.id));
        debug_assert!(site.claims.is_sorted_by(|a, b| a.source <= b.source));
        DocPageInputs {
            site,
            root,
            tasks_by_id: OnceLock::new(),
            documents_by_path: OnceLock::new(),
            dependents: OnceLock::new(),
            subtasks: OnceLock::new(),
            claims_against: OnceLock::new(),
            last_changed: OnceLock::new(),
            plan_counts: OnceLock::new(),
            history: OnceLock::new(),
            history_note: history_note(site),
        }
    }

    /// The document at `path`.
    pub fn doc(&self, path: &str) -> Option<&'a Document> {
        match self.documents_by_path.get().and_then(Option::as_ref) {
            Some(by_path) => by_path.get(path),
            None => document_at(&self.site.documents, path),
        }
    }

    /// The evidence record of the file at `path`.
    pub fn evidence(&self, path: &str) -> Option<&'a Evidence> {
        evidence_at(&self.site.evidence, path)
    }

    /// The text a document's page shows: the one the model holds, or the
    /// file's own, read again, decoded and masked as the parse read it,
    /// when the build let go of it (`Document::text_from_file`).
    pub fn text_of<'d>(&self, doc: &'d Document) -> Cow<'d, str> {
        match &doc.text {
            Some(text) => Cow::Borrowed(text),
            None if doc.text_from_file => match crate::fs::read(&self.root.join(&doc.path)) {
                Ok(bytes) => Cow::Owned(crate::text::shown_again(&bytes, doc.unmasked_print)),
                Err(err) => Cow::Owned(format!("attestor could not read the file again: {err:#}")),
            },
            None => Cow::Borrowed(""),
        }
    }

    /// The task with id `id`.
    pub fn task(&self, id: &str) -> Option<&'a Task> {
        match self.tasks_by_id.get().and_then(Option::as_ref) {
            Some(by_id) => by_id.get(id),
            None => task_with_id(&self.site.tasks, id),
        }
    }

    /// The claims stated in the document at `path`, in source order.
    pub fn claims_in(&self, path: &str) -> &'a [Claim] {
        &self.site.claims[claims_range(&self.site.claims, path)]
    }

    /// For each task id, the ids of the tasks that depend on it.
    pub fn dependents(&self) -> &HashMap<&'a str, Vec<&'a str>> {
        self.dependents.get_or_init(|| {
            let mut dependents: HashMap<&str, Vec<&str>> = HashMap::new();
            for task in &self.site.tasks {
                for dep in &task.depends_on {
                    dependents.entry(dep.as_str()).or_default().push(task.id.as_str());
                }
            }
            dependents
        })
    }

    /// For each task id, its subtasks in source order.
    pub fn subtasks(&self) -> &HashMap<&'a str, Vec<&'a Task>> {
        self.subtasks.get_or_init(|| {
            let mut subtasks: HashMap<&str, Vec<&Task>> = HashMap::new();
            for task in &self.site.tasks {
                if let Some(parent) = &task.parent {
                    subtasks.entry(&**parent).or_default().push(task);
                }
            }
            for children in subtasks.values_mut() {
                children.sort_by(|a, b| a.source.cmp(&b.source));
            }
            subtasks
        })
    }

    /// The claims checked against each evidence file, in source order.
    pub fn claims_against(&self) -> &HashMap<&'a str, Vec<&'a Claim>> {
        self.claims_against.get_or_init(|| {
            let mut against: HashMap<&str, Vec<&Claim>> = HashMap::new();
            for claim in &self.site.claims {
                if let Some(path) = &claim.evidence {
                    against.entry(path.as_str()).or_default().push(claim);
                }
            }
            against
        })
    }

    /// The date of each document's last change: its own, or that of the
    /// newest event about it.
    pub fn last_changed(&self) -> &LastChanged<'a> {
        self.last_changed.get_or_init(|| crate::render::context::plans::last_changed(self.site))
    }

    /// Each task's status changes read from git, oldest first.
    fn history(&self) -> &HashMap<&'a str, Vec<&'a StatusChange>> {
        self.history.get_or_init(|| {
            let mut history: HashMap<&str, Vec<&StatusChange>> = HashMap::new();
            for change in &self.site.history {
                history.entry(change.task.as_str()).or_default().push(change);
            }
            history
        })
    }

    /// The burn-up of `tasks` up to `as_of`, replayed from the history read
    /// from git; `None` without `--git`, or when none of them changed in
    /// the commits read.
    pub fn burnup(&self, tasks: &[&Task], as_of: Option<&str>) -> Option<BurnupView> {
        let series = burnup::series(tasks, self.history(), &self.site.evidence, as_of)?;
        Some(BurnupView::of(&series))
    }

    /// The indexes a plan summary looks things up in: each plan's counts
    /// when they were made ([`DocPageInputs::plan_index_of_all`]), else
    /// none, and a summary counts its plan's tasks itself. A page of one
    /// plan does not make them: `serve` renders it alone after a change.
    pub fn plan_index(&self) -> crate::render::context::plans::PlanIndex<'a, '_> {
        crate::render::context::plans::PlanIndex {
            docs: &self.site.documents,
            tasks: &self.site.tasks,
            changed: self.last_changed(),
            counts: self.plan_counts.get().map_or(&[], Vec::as_slice),
        }
    }

    /// The indexes the summaries of every plan look things up in, each
    /// plan's counts made for all the pages that list plans.
    pub fn plan_index_of_all(&self) -> crate::render::context::plans::PlanIndex<'a, '_> {
        crate::render::context::plans::PlanIndex { counts: self.plan_counts(), ..self.plan_index() }
    }

    /// What each plan's tasks count to, in the order of `Site::plans`.
    fn plan_counts(&self) -> &[PlanCounts] {
        self.plan_counts.get_or_init(|| crate::render::context::plans::plan_counts(self.site))
    }

    /// Makes the indexes every page of a whole portal needs, in parallel,
    /// before the pages start: made by the first page that asks, they would
    /// keep the other threads waiting.
    pub fn prepare(&self) {
        let site = self.site;
        rayon::join(
            || {
                self.last_changed();
                self.documents_by_path
                    .get_or_init(|| index::Index::new(&site.documents, |d| d.path.as_str()));
            },
            || {
                self.tasks_by_id.get_or_init(|| index::Index::new(&site.tasks, |t| t.id.as_str()));
                self.plan_counts.get_or_init(|| {
                    crate::render::context::plans::plan_counts_found_by(site, |id| self.task(id))
                });
            },
        );
    }

    /// Puts a task's status changes read from git in its page's context
    /// (`history`, `history_note`, and `task_path` to tell changes made in
    /// another document), for the theme's `history.html`.
    pub fn insert_history(&self, context: &mut Context, task: &Task) {
        let changes = self.history().get(task.id.as_str()).map_or(&[][..], Vec::as_slice);
        let views: Vec<HistoryView<'_>> = changes.iter().map(|c| HistoryView::of(c)).collect();
        context.insert("history", &views);
        context.insert("history_note", &self.history_note);
        context.insert("task_path", &task.source.path);
    }

    fn task_links(&self, ids: &[&str]) -> Vec<TaskLink<'a>> {
        ids.iter().filter_map(|id| self.task(id).map(TaskLink::of)).collect()
    }

    /// The view of a claim, with the document it is stated in and the
    /// evidence it was compared with.
    pub fn claim_view(&self, claim: &'a Claim) -> ClaimView<'a> {
        let doc = self.doc(&claim.source.path);
        let evidence = claim.evidence.as_deref().and_then(|p| self.evidence(p));
        ClaimView::of(claim, doc, evidence)
    }

    /// The views of some claims.
    fn claim_views(&self, claims: &[&'a Claim]) -> Vec<ClaimView<'a>> {
        claims.iter().map(|c| self.claim_view(c)).collect()
    }
}
/// Escapes text for HTML content and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// [`escape`], appending to `out`: the runs between special characters are
/// copied whole.
pub fn escape_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut from = 0;
    let mut at = 0;
    while at < bytes.len() {
        // Eight bytes at a time while none of them is to be escaped: most
        // of a log's text is not, and a log's page is mostly its text.
        if let Some(word) = eight::word_at(bytes, at)
            && !holds_escaped_byte(word)
        {
            at += 8;
            continue;
        }
        let entity = match bytes[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => {
                at += 1;
                continue;
            }
        };
        out.push_str(&text[from..at]);
        out.push_str(entity);
        at += 1;
        from = at;
    }
    out.push_str(&text[from..]);
}

/// Whether one of the eight bytes of `word` is `&`, `<`, `>`, `"` or `'`.
fn holds_escaped_byte(word: u64) -> bool {
    let has = |byte| eight::has_byte(word, byte);
    has(b'&') | has(b'<') | has(b'>') | has(b'"') | has(b'\'')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocKind, SourceFormat};

    /// The escape a byte at a time, kept as the reference.
    fn escape_by_bytes(text: &str) -> String {
        let mut out = String::new();
        for ch in text.chars() {
            match ch {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                _ => out.push(ch),
            }
        }
        out
    }

    #[test]
    fn escapes_as_the_reference_does_at_every_place_in_a_word() {
        // Each special byte, and bytes one above and below them (which a
        // word-at-a-time test could mistake), at every offset of texts
        // longer and shorter than a word.
        let specials = "&<>\"'%=?!(é\u{80}\u{100}\u{2026}";
        for len in 0..20 {
            for at in 0..len {
                for special in specials.chars() {
                    let mut text: String = "abcdefghijklmnopqrst".chars().take(len).collect();
                    text.replace_range(
                        text.char_indices().nth(at).map(|(i, _)| i).unwrap_or(text.len())..,
                        "",
                    );
                    text.push(special);
                    text.push_str(&"xyz0123456789ABCDEFGH"[..len - at]);
                    let mut out = String::from("kept ");
                    escape_into(&mut out, &text);
                    assert_eq!(out, format!("kept {}", escape_by_bytes(&text)), "{text:?}");
                }
            }
        }
        let all: String = (0..=0x7f_u8).map(char::from).chain("é…💥".chars()).collect();
        assert_eq!(escape(&all), escape_by_bytes(&all));
    }

    fn log(path: &str) -> Document {
        Document::new(path.to_string(), DocKind::Evidence, SourceFormat::Text)
    }

    /// Each mark is replaced by its HTML, a part marked twice shows twice
    /// (it is let go of after its last mark only), and text that starts
    /// like a mark but names no part stays as it is.
    #[test]
    fn the_held_lists_go_where_their_marks_are() {
        let mut lists = Lists::new();
        let rows = lists.hold("<tr><td>a</td></tr>".to_string());
        let empty = lists.hold(String::new());
        let note = lists.hold("<p>note</p>".to_string());
        let stray = format!("{}9\u{1}", lists.prefix);
        let unclosed = format!("{}0", lists.prefix);
        let page = format!("<table>{rows}</table>{empty}{note}|{stray}|{note}|{rows}!{unclosed}");
        let want = format!(
            "<table><tr><td>a</td></tr></table><p>note</p>|{stray}|<p>note</p>|<tr><td>a</td></tr>!{unclosed}"
        );
        assert_eq!(lists.splice(page), want);
        assert_eq!(Lists::new().splice("plain".to_string()), "plain");
    }

    // A page shows the text the model holds; a text the build let go of is
    // read again from the file, decoded (UTF-16 here) and masked as the
    // parse read it; a file gone since says so on the page.
    #[test]
    fn a_page_reads_again_the_text_the_build_let_go_of() {
        let root = tempfile::tempdir().unwrap();
        let key = ["AKIA", "Z7Q2KX4M9PLW3VBN"].concat();
        let written = format!("deploy ok\nkey {key}\n");
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(written.encode_utf16().flat_map(u16::to_le_bytes));
        std::fs::write(root.path().join("deploy.log"), utf16).unwrap();
        let site = Site::default();
        let inputs = DocPageInputs::new(&site, root.path());

        let mut held = log("deploy.log");
        held.text = Some("as parsed\n".into());
        assert!(matches!(inputs.text_of(&held), Cow::Borrowed("as parsed\n")));

        let mut let_go = log("deploy.log");
        let_go.text_from_file = true;
        assert_eq!(inputs.text_of(&let_go), "deploy ok\nkey AKIA****************\n");

        let gone = Document { path: "gone.log".into(), ..let_go.clone() };
        assert!(inputs.text_of(&gone).starts_with("attestor could not read the file again: "));
        let never = Document { text_from_file: false, ..let_go };
        assert_eq!(inputs.text_of(&never), "");
    }

    // The files page of 2,500 documents, its rows made a thousand at a
    // time apart from the page: every file once, in order, in its kind's
    // table, titles escaped, and a title that looks like a mark left as
    // written.
    #[test]
    fn a_long_list_made_apart_from_its_page_lists_every_row_once_in_order() {
        let fake_mark = "\u{1}attestor-list-0000000000000000-0\u{1}";
        let documents: Vec<Document> = (0..2500)
            .map(|n| {
                let mut doc = Document::new(
                    format!("plans/p{n:04}.md"),
                    DocKind::Plan,
                    SourceFormat::Markdown,
                );
                doc.url = format!("docs/plans/p{n:04}.html");
                doc.title = match n {
                    7 => "<script>alert(1)</script>".to_string(),
                    1500 => fake_mark.to_string(),
                    n => format!("Plan {n}"),
                };
                doc
            })
            .chain([Document::new("logs/run.log".into(), DocKind::Evidence, SourceFormat::Text)])
            .collect();
        let site = Site { documents, ..Site::default() };
        let mut theme = crate::render::theme::load(None).unwrap();
        let view = crate::render::context::SiteView {
            title: "t",
            n_files: 2501,
            as_of: None,
            img_src: "'self' data:",
        };
        theme.tera.global_context().insert("site", &view);

        let page = files(&theme, &site).unwrap();
        assert!(page.contains("Plans <span class=\"count\">2500</span>"), "{page}");
        let mut at = 0;
        for n in 0..2500 {
            let link = format!(">plans/p{n:04}.md</a>");
            let found =
                page[at..].find(&link).unwrap_or_else(|| panic!("{link} missing or out of order"));
            at += found + link.len();
            assert!(!page[at..].contains(&link), "{link} twice");
        }
        assert!(page.contains("&lt;script&gt;alert(1)&lt;"));
        assert!(!page.contains("<script>alert"));
        assert!(page.contains(fake_mark), "a title like a mark is text");
        assert_eq!(page.matches("\u{1}").count(), 2, "no mark of the build's is left");
        assert!(page.contains("Evidence <span class=\"count\">1</span>"));
        assert!(page.contains(">logs/run.log</a>"));
    }
}
