//! SVG images the portal draws itself: the status badge.
//!
//! Text widths are estimated from the character count; the badge uses a
//! generic sans-serif font so no font is fetched.

use crate::model::{Site, TaskStatus, Verification};
use crate::render::pages::escape;

/// The badge for a README: verified and done tasks, or the document count
/// while no tasks are known.
pub fn badge(site: &Site) -> String {
    let (message, colour) = if site.tasks.is_empty() {
        (format!("{} docs", site.documents.len()), "#1f5fbf")
    } else {
        let total = site.tasks.len();
        let done = site.tasks.iter().filter(|t| t.status == TaskStatus::Done).count();
        let verified =
            site.tasks.iter().filter(|t| t.verification == Verification::Verified).count();
        let contradicted = site.tasks.iter().any(|t| t.verification == Verification::Contradicted);
        let colour = if contradicted {
            "#b42318"
        } else if verified == done {
            "#1b7f3b"
        } else {
            "#8a5a00"
        };
        (format!("{done}/{total} done, {verified} verified"), colour)
    };
    draw("attestor", &message, colour)
}

fn draw(label: &str, message: &str, colour: &str) -> String {
    let width = |text: &str| text.chars().count() * 7 + 12;
    let (lw, mw) = (width(label), width(message));
    let total = lw + mw;
    let (label, message) = (escape(label), escape(message));
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{total}\" height=\"20\" role=\"img\" aria-label=\"{label}: {message}\">\
<title>{label}: {message}</title>\
<rect width=\"{lw}\" height=\"20\" fill=\"#1d2430\"/>\
<rect x=\"{lw}\" width=\"{mw}\" height=\"20\" fill=\"{colour}\"/>\
<g fill=\"#fff\" font-family=\"Verdana,DejaVu Sans,sans-serif\" font-size=\"11\" text-anchor=\"middle\">\
<text x=\"{lx}\" y=\"14\">{label}</text><text x=\"{mx}\" y=\"14\">{message}</text></g></svg>\n",
        lx = lw / 2,
        mx = lw + mw / 2,
    )
}
