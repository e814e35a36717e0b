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
pub mod plans;
pub mod tasks;
pub mod tracker;

pub use audit::{audit, audit_url};
pub use dashboard::dashboard;
pub use document::document;
pub use evidence::log_html;

use std::collections::HashMap;

use tera::Context;

use crate::model::{Claim, Document, Evidence, Site, StatusChange, Task};
use crate::render::assets;
use crate::render::context::burnup::{self, BurnupView};
use crate::render::context::claims::ClaimView;
use crate::render::context::tasks::TaskLink;
use crate::render::context::{DiagnosticView, HistoryView, groups, history_note};
use crate::render::theme::Theme;

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

/// The list of every input file, skipped files and diagnostics.
pub fn files(theme: &Theme, site: &Site) -> anyhow::Result<String> {
    let diagnostics: Vec<_> =
        site.diagnostics.iter().map(|d| DiagnosticView::of(site, d)).collect();
    let mut context = Context::new();
    context.insert("nav", "files");
    context.insert("groups", &groups(site));
    context.insert("skipped", &site.skipped);
    context.insert("diagnostics", &diagnostics);
    render_page(theme, "files.html", "files.html", context)
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

/// Indexes of a site that pages share.
pub struct DocPageInputs<'a> {
    /// Documents by path, for backlinks.
    pub by_path: HashMap<&'a str, &'a Document>,
    /// Evidence by path.
    pub evidence: HashMap<&'a str, &'a Evidence>,
    /// Tasks by id.
    pub tasks: HashMap<&'a str, &'a Task>,
    /// For each task id, the ids of the tasks that depend on it.
    pub dependents: HashMap<&'a str, Vec<&'a str>>,
    /// For each task id, its subtasks in source order.
    pub subtasks: HashMap<&'a str, Vec<&'a Task>>,
    /// The claims stated in each document, in source order.
    pub claims_in: HashMap<&'a str, Vec<&'a Claim>>,
    /// The claims checked against each evidence file, in source order.
    pub claims_against: HashMap<&'a str, Vec<&'a Claim>>,
    /// The date of each document's last change: its own, or that of the
    /// newest event about it.
    pub last_changed: HashMap<&'a str, &'a str>,
    /// Each task's status changes read from git, oldest first.
    pub history: HashMap<&'a str, Vec<&'a StatusChange>>,
    /// What the history read from git covers; `None` without `--git`.
    pub history_note: Option<String>,
    /// The page of each plan's dependency graph, by plan path.
    pub plan_graphs: HashMap<&'a str, String>,
}

impl<'a> DocPageInputs<'a> {
    /// Indexes a site for its pages.
    pub fn new(site: &'a Site) -> DocPageInputs<'a> {
        let mut dependents: HashMap<&str, Vec<&str>> = HashMap::new();
        for task in &site.tasks {
            for dep in &task.depends_on {
                dependents.entry(dep.as_str()).or_default().push(task.id.as_str());
            }
        }
        let mut subtasks: HashMap<&str, Vec<&Task>> = HashMap::new();
        for task in &site.tasks {
            if let Some(parent) = &task.parent {
                subtasks.entry(parent.as_str()).or_default().push(task);
            }
        }
        for children in subtasks.values_mut() {
            children.sort_by(|a, b| a.source.cmp(&b.source));
        }
        let mut claims_in: HashMap<&str, Vec<&Claim>> = HashMap::new();
        let mut claims_against: HashMap<&str, Vec<&Claim>> = HashMap::new();
        for claim in &site.claims {
            claims_in.entry(claim.source.path.as_str()).or_default().push(claim);
            if let Some(path) = &claim.evidence {
                claims_against.entry(path.as_str()).or_default().push(claim);
            }
        }
        let mut history: HashMap<&str, Vec<&StatusChange>> = HashMap::new();
        for change in &site.history {
            history.entry(change.task.as_str()).or_default().push(change);
        }
        DocPageInputs {
            history,
            history_note: history_note(site),
            by_path: site.documents.iter().map(|d| (d.path.as_str(), d)).collect(),
            evidence: site.evidence.iter().map(|e| (e.path.as_str(), e)).collect(),
            tasks: site.tasks.iter().map(|t| (t.id.as_str(), t)).collect(),
            dependents,
            subtasks,
            claims_in,
            claims_against,
            last_changed: crate::render::context::plans::last_changed(site),
            plan_graphs: crate::render::context::plans::plan_graph_urls(site),
        }
    }

    /// The burn-up of `tasks` up to `as_of`, replayed from the history read
    /// from git; `None` without `--git`, or when none of them changed in
    /// the commits read.
    pub fn burnup(&self, tasks: &[&Task], as_of: Option<&str>) -> Option<BurnupView> {
        let series = burnup::series(tasks, &self.history, &self.evidence, as_of)?;
        Some(BurnupView::of(&series))
    }

    /// The indexes plan summaries look things up in.
    pub fn plan_index(&self) -> crate::render::context::plans::PlanIndex<'a, '_> {
        crate::render::context::plans::PlanIndex {
            docs: &self.by_path,
            tasks: &self.tasks,
            changed: &self.last_changed,
        }
    }

    /// Puts a task's status changes read from git in its page's context
    /// (`history`, `history_note`, and `task_path` to tell changes made in
    /// another document), for the theme's `history.html`.
    pub fn insert_history(&self, context: &mut Context, task: &Task) {
        let changes = self.history.get(task.id.as_str()).map_or(&[][..], Vec::as_slice);
        let views: Vec<HistoryView<'_>> = changes.iter().map(|c| HistoryView::of(c)).collect();
        context.insert("history", &views);
        context.insert("history_note", &self.history_note);
        context.insert("task_path", &task.source.path);
    }

    fn task_links(&self, ids: &[&str]) -> Vec<TaskLink<'a>> {
        ids.iter().filter_map(|id| self.tasks.get(id).map(|t| TaskLink::of(t))).collect()
    }

    /// The view of a claim, with the document it is stated in and the
    /// evidence it was compared with.
    pub fn claim_view(&self, claim: &'a Claim) -> ClaimView<'a> {
        let doc = self.by_path.get(claim.source.path.as_str()).copied();
        let evidence = claim.evidence.as_deref().and_then(|p| self.evidence.get(p)).copied();
        ClaimView::of(claim, doc, evidence)
    }

    /// The views of some claims.
    fn claim_views(&self, claims: Option<&Vec<&'a Claim>>) -> Vec<ClaimView<'a>> {
        claims.map(|list| list.iter().map(|c| self.claim_view(c)).collect()).unwrap_or_default()
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
    let mut from = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[from..at]);
        out.push_str(entity);
        from = at + 1;
    }
    out.push_str(&text[from..]);
}
