//! The default theme's rows of tasks, written directly.
//!
//! Every task is listed in a row twice: on its document's page
//! (`document_tasks.html`) and on the tracker's facet pages
//! (`task-row.html`, made once and shared by the facets): 107,000 rows
//! each at 10,000 documents. Through the template engine a row costs about
//! 10 µs (the task's view turned into the engine's values, then
//! interpreted); written here, a fraction of that. A row is written here
//! only while the templates it stands for are the default theme's own text
//! ([`Theme::is_default`]); a project that overrides one gets its own
//! template, through the engine, as before. Unit tests hold each to the
//! engine's bytes for tasks of every shape.

use crate::render::context::tasks::TaskView;
use crate::render::pages::document::TaskRow;
use crate::render::pages::escape_into;
use crate::render::theme::Theme;

/// The templates the tracker's written row stands for: `task-row.html`
/// calls `task_link` and `status_pill` of `components.html`.
const TEMPLATES: [&str; 2] = ["task-row.html", "components.html"];

/// The templates the document's written rows stand for: document.html
/// passes the rows on to `document_tasks.html`, which loops over them.
const DOCUMENT_TEMPLATES: [&str; 2] = ["document.html", "document_tasks.html"];

/// Whether the theme's task row is the default one, which [`write`] writes.
pub fn is_default(theme: &Theme) -> bool {
    TEMPLATES.iter().all(|name| theme.is_default(name))
}

/// Whether the theme's rows of a document's tasks are the default ones,
/// which [`write_document_row`] writes.
pub fn document_rows_are_default(theme: &Theme) -> bool {
    DOCUMENT_TEMPLATES.iter().all(|name| theme.is_default(name))
}

/// Appends the row of `row` in its document's table of tasks, linked from
/// `root`, to `out`: the bytes one turn of `document_tasks.html`'s loop
/// renders.
pub fn write_document_row(out: &mut String, row: &TaskRow<'_>, root: &str) {
    let t = &row.task;
    out.push_str("<tr id=\"");
    escape_into(out, &t.anchor);
    out.push_str("\"><td>");
    if row.own_page {
        link(out, root, &t.url, t.title);
        out.push_str(" <span class=\"tid\">");
        escape_into(out, t.id);
        out.push_str("</span>");
    } else {
        escape_into(out, t.title);
    }
    not_counted(out, t);
    out.push_str("</td>\n<td>");
    if t.verification == "contradicted" {
        out.push_str("<span class=\"verification contradicted\">");
        escape_into(out, t.status_label);
        out.push_str(" · contradicted</span>");
    } else {
        out.push_str("<span class=\"status ");
        escape_into(out, t.status);
        out.push_str("\">");
        escape_into(out, t.status_label);
        out.push_str("</span>");
        if t.status == "done" {
            verification(out, t);
        }
    }
    out.push_str("</td>\n<td>");
    phase_and_owner(out, t);
    out.push_str("</td></tr>\n");
}

/// Appends the row of `t`, linked from `root`, to `out`: the bytes the
/// default `task-row.html` renders, without the whitespace around it.
pub fn write(out: &mut String, t: &TaskView<'_>, root: &str) {
    // `task_link`
    out.push_str("<tr><td><a class=\"task-link\" href=\"");
    escape_into(out, root);
    escape_into(out, &t.url);
    out.push_str("\">");
    if t.named {
        out.push_str("<span class=\"tid\">");
        escape_into(out, t.id);
        out.push_str("</span> ");
    }
    escape_into(out, t.title);
    out.push_str("</a>");
    not_counted(out, t);
    out.push_str("</td><td>");
    status_pill(out, t);
    out.push_str("</td><td>");
    if let Some(plan) = &t.plan {
        link(out, root, &plan.url, plan.title);
    }
    out.push_str("</td><td>");
    phase_and_owner(out, t);
    out.push_str("</td><td");
    if let Some(minutes) = t.estimate_minutes.filter(|&m| m != 0) {
        out.push_str(" data-sort=\"");
        out.push_str(itoa::Buffer::new().format(minutes));
        out.push('"');
    }
    out.push('>');
    escape_into(out, t.estimate.as_deref().unwrap_or_default());
    out.push_str("</td></tr>");
}

/// A plain link to `url` from `root`.
fn link(out: &mut String, root: &str, url: &str, text: &str) {
    out.push_str("<a href=\"");
    escape_into(out, root);
    escape_into(out, url);
    out.push_str("\">");
    escape_into(out, text);
    out.push_str("</a>");
}

/// Why the headline leaves the task out, after its link, if it does.
fn not_counted(out: &mut String, t: &TaskView<'_>) {
    if let Some(note) = t.not_counted.as_deref().filter(|n| !n.is_empty()) {
        out.push_str(" <span class=\"not-counted\">");
        escape_into(out, note);
        out.push_str("</span>");
    }
}

/// The phase with the track under it, and the owner, in two cells (the
/// first one already open).
fn phase_and_owner(out: &mut String, t: &TaskView<'_>) {
    escape_into(out, t.phase.unwrap_or_default());
    if let Some(track) = t.track.filter(|track| !track.is_empty()) {
        out.push_str("<div class=\"path\">");
        escape_into(out, track);
        out.push_str("</div>");
    }
    out.push_str("</td><td>");
    escape_into(out, t.owner.unwrap_or_default());
}

/// The task's verification as a pill, after a space.
fn verification(out: &mut String, t: &TaskView<'_>) {
    out.push_str(" <span class=\"verification ");
    escape_into(out, t.verification);
    out.push_str("\">");
    escape_into(out, t.verification);
    out.push_str("</span>");
}

/// The default `status_pill` component.
fn status_pill(out: &mut String, t: &TaskView<'_>) {
    out.push_str("<span class=\"pill-pair\"");
    if let Some(note) = t.verdict_note.filter(|note| !note.is_empty()) {
        out.push_str(" title=\"");
        escape_into(out, note);
        out.push('"');
    }
    out.push_str("><span class=\"status ");
    escape_into(out, t.status);
    if t.status == "done" {
        out.push(' ');
        escape_into(out, t.verification);
    }
    out.push_str("\">");
    escape_into(out, t.status_label);
    out.push_str("</span>");
    if t.verification != "pending" {
        verification(out, t);
    }
    out.push_str("</span>");
}

#[cfg(test)]
mod tests {
    use tera::Context;

    use super::*;
    use crate::render::context::DocView;
    use crate::render::pages::render_page;

    /// Task views of every shape the row tells apart: each field present,
    /// absent and empty, every status and verification, and text that
    /// must be escaped.
    fn views() -> Vec<TaskView<'static>> {
        let statuses = [
            ("done", "Done"),
            ("in_progress", "In progress"),
            ("open", "Open"),
            ("blocked", "Blocked"),
            ("skipped", "Skipped"),
        ];
        let verifications = ["verified", "claimed", "contradicted", "pending"];
        let texts: [Option<&'static str>; 3] = [None, Some(""), Some("Ops & <QA> \"team\" 'x'")];
        let mut views = Vec::new();
        for (i, &(status, status_label)) in statuses.iter().cycle().take(40).enumerate() {
            let text = texts[i % 3];
            let other = texts[(i / 3) % 3];
            views.push(TaskView {
                id: if i % 2 == 0 { "T-1" } else { "A&B-<2>" },
                title: if i % 5 == 0 { "" } else { "Ship the <b>\"export\"</b> & 'import'" },
                status,
                status_label,
                verification: verifications[i % 4],
                plan: (i % 3 != 1).then(|| DocView {
                    path: "plans/a&b.md",
                    kind: "plan",
                    title: if i % 2 == 0 { "Plan <A> & \"B\"" } else { "" },
                    date: None,
                    status: None,
                    owner: None,
                    url: "docs/plans/a%26b.html?x=1&y=2".to_string(),
                    archived: false,
                }),
                phase: text,
                track: other,
                owner: texts[(i / 9) % 3],
                done_when: None,
                estimate: [None, Some("0m".to_string()), Some("1d 2h".to_string())][i % 3].clone(),
                estimate_minutes: [None, Some(0), Some(600)][(i / 2) % 3],
                verdict_note: texts[(i + 1) % 3],
                source: "plans/a.md:3".to_string(),
                url: format!("tasks/t-{i}.html#a&b"),
                not_counted: [None, Some(String::new()), Some("subtask of <T-1>".to_string())]
                    [(i / 4) % 3]
                    .clone(),
                named: i % 7 != 3,
                anchor: "task-t-1".to_string(),
            });
        }
        views
    }

    #[test]
    fn the_written_rows_of_a_document_are_the_default_templates_rows() {
        for compact in [false, true] {
            let theme = crate::render::theme::load_with(None, compact).unwrap();
            assert!(document_rows_are_default(&theme));
            let url = "docs/plans/a.html";
            let rows: Vec<TaskRow<'_>> = views()
                .into_iter()
                .enumerate()
                .map(|(i, mut task)| {
                    task.anchor = format!("task-{i}&<x>");
                    TaskRow { own_page: i % 3 != 0, task }
                })
                .collect();
            for rows in [&rows[..1], &rows[..]] {
                let mut context = Context::new();
                context.insert("n_tasks", &rows.len());
                context.insert("task_rows", rows);
                let rendered = render_page(&theme, "document_tasks.html", url, context).unwrap();
                let mut written = String::new();
                for row in rows {
                    write_document_row(&mut written, row, "../../");
                }
                let mut context = Context::new();
                context.insert("n_tasks", &rows.len());
                context.insert("task_rows", &[(); 0]);
                context.insert("task_rows_html", &written);
                let spliced = render_page(&theme, "document_tasks.html", url, context).unwrap();
                assert_eq!(spliced, rendered, "compact {compact}");
                assert!(rendered.contains("task-0&amp;&lt;x&gt;"), "{rendered}");
            }
        }
    }

    #[test]
    fn the_written_row_is_the_default_templates_row() {
        for compact in [false, true] {
            let theme = crate::render::theme::load_with(None, compact).unwrap();
            assert!(is_default(&theme));
            let url = "tracker/facet/value.html";
            for view in views() {
                let mut context = Context::new();
                context.insert("t", &view);
                let rendered = render_page(&theme, "task-row.html", url, context).unwrap();
                let mut written = String::new();
                write(&mut written, &view, "../../");
                assert_eq!(written, rendered.trim(), "compact {compact}, task {view:?}");
            }
        }
    }
}
