//! The audit trail: one page of every event, and one per kind of event.
//!
//! Each event of a test or deploy run shows the run's outcome (pass, fail
//! or unknown, in words and colour). With the history read from git, the
//! status changes are events too, and the page says how many commits were
//! read.

use std::collections::HashMap;

use tera::Context;

use super::render_page;
use crate::model::{Evidence, Site};
use crate::render::Emit;
use crate::render::context::{EventView, history_note};
use crate::render::theme::Theme;

/// The audit trail: one page for every event and one per kind, each handed
/// to `emit`.
pub fn audit(theme: &Theme, site: &Site, emit: &Emit<'_>) -> anyhow::Result<()> {
    let mut kinds: Vec<&str> = site.events.iter().map(|e| e.kind.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let filters: Vec<_> = kinds
        .iter()
        .map(|kind| {
            let count = site.events.iter().filter(|e| e.kind == *kind).count();
            serde_json::json!({ "kind": kind, "count": count, "url": audit_url(Some(kind)) })
        })
        .collect();
    let evidence: HashMap<&str, &Evidence> =
        site.evidence.iter().map(|e| (e.path.as_str(), e)).collect();
    let note = history_note(site);
    // One page for all events and one per kind: a filter that works without JavaScript.
    for kind in std::iter::once(None).chain(kinds.iter().map(|k| Some(*k))) {
        let events: Vec<_> = site
            .events
            .iter()
            .filter(|e| kind.is_none_or(|k| e.kind == k))
            .map(|e| EventView::with_evidence(e, evidence.get(e.path.as_str()).copied()))
            .collect();
        let url = audit_url(kind);
        let mut context = Context::new();
        context.insert("nav", "audit");
        context.insert("events", &events);
        context.insert("filters", &filters);
        context.insert("current", &kind);
        context.insert("total", &site.events.len());
        context.insert("history_note", &note);
        let html = render_page(theme, "audit.html", &url, context)?;
        emit(url, html)?;
    }
    Ok(())
}

/// The audit trail's page for one kind of event, or for all.
pub fn audit_url(kind: Option<&str>) -> String {
    match kind {
        Some(kind) => format!("audit-{}.html", crate::model::slug(kind)),
        None => "audit.html".to_string(),
    }
}
