//! SVG images the portal draws itself: the status badge, and the burn-up
//! chart of progress over time.
//!
//! Text widths are estimated from the character count; both use a generic
//! sans-serif font so no font is fetched. The chart passes the page's
//! Content-Security-Policy: no `style` attribute or element, no script;
//! its colours come from classes the stylesheet gives (so dark mode works),
//! with presentation attributes as the fallback. Coordinates are written
//! with one decimal, so the same series always draws the same bytes.

use std::fmt::Write as _;

use crate::model::{Site, TaskStatus, Verification};
use crate::render::context::burnup::Point;
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

/// The burn-up chart's size in SVG units; the stylesheet scales it to the
/// page's width.
const CHART_WIDTH: f64 = 720.0;
const CHART_HEIGHT: f64 = 200.0;
/// Room for the count labels on the left, the dates below, and air above
/// and to the right.
const LEFT: f64 = 40.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 26.0;
/// About the width of a `YYYY-MM-DD` label at the 11-pixel font.
const DATE_WIDTH: f64 = 62.0;

/// The burn-up chart of `points` (one every `step` days, the last on its
/// own day): step lines of the tasks counted (grey, dashed), done (blue)
/// and verified (green, over a light green area), a few dates below and
/// counts on the left. `title` and `desc` name it and state its latest
/// figures for assistive technology (`aria-labelledby`).
pub fn burnup(points: &[Point], step: i64, title: &str, desc: &str) -> String {
    let Some((first, last)) = points.first().zip(points.last()) else { return String::new() };
    let (plot_w, plot_h) = (CHART_WIDTH - LEFT - RIGHT, CHART_HEIGHT - TOP - BOTTOM);
    // Each point holds until the next; the last for `step` days.
    let span = (last.day + step.max(1) - first.day) as f64;
    let x = |day: i64| LEFT + (day - first.day) as f64 * plot_w / span;
    let max = points.iter().map(|p| p.scope.max(p.done)).max().unwrap_or(0).max(1);
    let tick = nice_step(max);
    let top = max.div_ceil(tick) * tick;
    let y = |value: usize| TOP + plot_h - value as f64 * plot_h / top as f64;
    let mut svg = String::with_capacity(2048 + 60 * points.len());
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"burnup-chart\" width=\"{CHART_WIDTH}\" height=\"{CHART_HEIGHT}\" \
viewBox=\"0 0 {CHART_WIDTH} {CHART_HEIGHT}\" role=\"img\" aria-labelledby=\"burnup-title burnup-desc\" \
font-family=\"system-ui, sans-serif\" font-size=\"11\">\
<title id=\"burnup-title\">{}</title><desc id=\"burnup-desc\">{}</desc>",
        escape(title),
        escape(desc),
    );
    // Grid lines and counts.
    svg.push_str("<g class=\"burnup-grid\" stroke=\"#dde2e8\" stroke-width=\"1\">");
    for value in (0..=top).step_by(tick) {
        let _ = write!(svg, "<path d=\"M{LEFT:.1},{:.1}h{plot_w:.1}\"/>", y(value));
    }
    svg.push_str("</g>\n<g class=\"burnup-axis\" fill=\"#5b6676\" text-anchor=\"end\">");
    for value in (0..=top).step_by(tick) {
        let _ =
            write!(svg, "<text x=\"{:.1}\" y=\"{:.1}\">{value}</text>", LEFT - 6.0, y(value) + 4.0);
    }
    svg.push_str("</g>\n<g class=\"burnup-axis\" fill=\"#5b6676\">");
    // A few dates: every point when there are five or fewer, else the first,
    // the last and three between; the first and last flush with the edges.
    let n = points.len();
    let mut labels: Vec<usize> =
        if n <= 5 { (0..n).collect() } else { (0..5).map(|k| k * (n - 1) / 4).collect() };
    labels.dedup();
    let slot = plot_w / span;
    let base = TOP + plot_h;
    for &idx in &labels {
        let day = points[idx].day;
        let (at, anchor) = if n <= 5 {
            let centre = x(day) + slot * step as f64 / 2.0;
            (centre.clamp(LEFT + DATE_WIDTH / 2.0, LEFT + plot_w - DATE_WIDTH / 2.0), "middle")
        } else if idx == 0 {
            (LEFT, "start")
        } else if idx == n - 1 {
            (LEFT + plot_w, "end")
        } else {
            (x(day) + slot / 2.0, "middle")
        };
        let _ = write!(
            svg,
            "<path d=\"M{at:.1},{base:.1}v4\" stroke=\"#5b6676\"/><text x=\"{at:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text>",
            base + 16.0,
            escape(&crate::dates::format_days(day)),
        );
    }
    svg.push_str("</g>\n");
    // The lines: each value holds from its point to the next.
    let end = LEFT + plot_w;
    let line = |value: fn(&Point) -> usize| {
        let mut d = format!("M{:.1},{:.1}", x(first.day), y(value(first)));
        for point in &points[1..] {
            let _ = write!(d, "H{:.1}V{:.1}", x(point.day), y(value(point)));
        }
        let _ = write!(d, "H{end:.1}");
        d
    };
    let verified = line(|p| p.verified);
    let _ = write!(
        svg,
        "<path class=\"burnup-area\" d=\"{verified}V{base:.1}H{LEFT:.1}Z\" fill=\"#e3f4e8\"/>\n\
<path class=\"burnup-scope\" d=\"{}\" fill=\"none\" stroke=\"#5b6676\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n\
<path class=\"burnup-done\" d=\"{}\" fill=\"none\" stroke=\"#1f5fbf\" stroke-width=\"4\"/>\n\
<path class=\"burnup-verified\" d=\"{verified}\" fill=\"none\" stroke=\"#166b34\" stroke-width=\"2\"/>\n\
<path class=\"burnup-base\" d=\"M{LEFT:.1},{base:.1}h{plot_w:.1}\" stroke=\"#5b6676\" stroke-width=\"1\"/>\n</svg>\n",
        line(|p| p.scope),
        line(|p| p.done),
    );
    svg
}

/// A round step for the count axis (1, 2, 5, 10, 20, 50, ...) that gives
/// at most four steps up to `max`.
fn nice_step(max: usize) -> usize {
    let mut unit = 1;
    loop {
        for step in [unit, 2 * unit, 5 * unit] {
            if max.div_ceil(step) <= 4 {
                return step;
            }
        }
        unit *= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(day: i64, scope: usize, done: usize, verified: usize) -> Point {
        Point { day, scope, done, verified, estimate_done: 0 }
    }

    #[test]
    fn count_steps_are_round_and_few() {
        let steps: Vec<usize> = [1, 3, 4, 5, 9, 12, 40, 41, 400, 10_000].map(nice_step).to_vec();
        assert_eq!(steps, [1, 1, 1, 2, 5, 5, 10, 20, 100, 5000]);
    }

    // The chart names itself with its text, escaped; its lines step from
    // point to point and run to the right edge; the same points draw the
    // same bytes.
    #[test]
    fn the_chart_is_labelled_escaped_and_stepped() {
        let points = [point(20_513, 3, 0, 0), point(20_514, 3, 1, 0), point(20_515, 4, 2, 1)];
        let svg = burnup(&points, 1, "Progress <of> \"P\"", "a & b");
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"burnup-chart\"")
        );
        assert!(svg.contains("role=\"img\" aria-labelledby=\"burnup-title burnup-desc\""), "{svg}");
        assert!(
            svg.contains("<title id=\"burnup-title\">Progress &lt;of&gt; &quot;P&quot;</title>")
        );
        assert!(svg.contains("<desc id=\"burnup-desc\">a &amp; b</desc>"));
        // Counts 0 to 4 by 1; x runs 40 to 706 over 3 days of 222 each.
        assert!(
            svg.contains(
                "<path class=\"burnup-done\" d=\"M40.0,174.0H262.0V133.5H484.0V93.0H706.0\""
            ),
            "{svg}"
        );
        assert!(svg.contains(">2026-03-01</text>") && svg.contains(">2026-03-03</text>"), "{svg}");
        assert!(!svg.contains("style"), "{svg}");
        assert_eq!(svg, burnup(&points, 1, "Progress <of> \"P\"", "a & b"));
        assert_eq!(burnup(&[], 1, "t", "d"), "");
    }
}
