//! Claims marked where they are written: each claim's verdict shown in the
//! rendered body of its document, at the block that holds its line.
//!
//! The markdown pass (in the parse stage) leaves a line marker,
//! `<!--L12-->`, inside the opening tag of each block, the lines rising
//! through the body; the verdicts are known only once the linker ran. So
//! the document page hands [`place_marks`] the body and its claims' marks,
//! sorted by line, and gets the body back with each mark in place of the
//! marker of the last block that starts on or before the claim's line, and
//! every other marker left out. One pass over the body, whatever the number
//! of claims. The marks are made here from the claims' views, with every
//! piece of user text escaped; the body itself is copied, never parsed.

use crate::render::context::claims::ClaimView;
use crate::render::pages::escape;

/// A claim's mark, ready to be placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// The line the claim is stated on.
    pub line: usize,
    /// The mark's HTML.
    pub html: String,
}

/// The id of a claim's mark in its document's body: `mark-L12`, or
/// `mark-L12-2` beside the entry `claim-L12-2`.
pub fn mark_id(entry_id: &str) -> String {
    match entry_id.strip_prefix("claim-") {
        Some(rest) => format!("mark-{rest}"),
        None => format!("mark-{entry_id}"),
    }
}

/// The mark of one claim: a link to its entry (`entry_id`) in the list of
/// claims, saying its verdict, and for a contradicted claim what the
/// evidence records instead; the full note as its title.
pub fn mark(entry_id: &str, claim: &ClaimView<'_>) -> Mark {
    let words = match claim.verdict {
        "contradicted" => format!("Contradicted: {}", reason(claim)),
        _ => claim.verdict_label.to_string(),
    };
    let title = claim.note.map(|note| format!(" title=\"{}\"", escape(note))).unwrap_or_default();
    let html = format!(
        "<a class=\"claim-mark {verdict}\" id=\"{id}\" href=\"#{entry}\"{title}>{words}</a>",
        verdict = claim.verdict,
        id = escape(&mark_id(entry_id)),
        entry = escape(entry_id),
        words = escape(&words),
    );
    Mark { line: claim.line, html }
}

/// Why a contradicted claim is contradicted, in a few words: what the
/// evidence records (`frontend-vitest.txt records 61 passed, 2 failed`).
fn reason(claim: &ClaimView<'_>) -> String {
    let Some(evidence) = &claim.evidence else {
        return "the evidence disagrees".to_string();
    };
    let name = evidence.path.rsplit('/').next().unwrap_or(evidence.path);
    match (&claim.recorded, evidence.outcome) {
        (Some(recorded), _) => format!("{name} records {recorded}"),
        (None, "fail") => format!("{name} records a failed run"),
        (None, "pass") => format!("{name} records a passing run"),
        (None, _) => format!("{name} disagrees"),
    }
}

/// The body with each mark (sorted by line) at the block of its line, and
/// the line markers left out. A claim on a line before the first block goes
/// at the top; several claims of one block go one after the other, in order.
pub fn place_marks(body: &str, marks: &[Mark]) -> String {
    let extra: usize = marks.iter().map(|m| m.html.len() + 1).sum();
    let mut out = String::with_capacity(body.len() + extra);
    let mut pending = marks.iter().peekable();
    let markers = markers(body);
    // For each marker, the line of the next one that places marks.
    let mut next_lines = vec![usize::MAX; markers.len()];
    let mut next = usize::MAX;
    for (idx, marker) in markers.iter().enumerate().rev() {
        next_lines[idx] = next;
        next = marker.line.unwrap_or(next);
    }
    // Claims before the first block's line lead the body.
    while let Some(mark) = pending.next_if(|m| m.line < next) {
        push_mark(&mut out, mark);
    }
    let mut at = 0;
    for (marker, next_line) in markers.iter().zip(next_lines) {
        out.push_str(&body[at..marker.start]);
        at = marker.end;
        if marker.line.is_some() {
            while let Some(mark) = pending.next_if(|m| m.line < next_line) {
                push_mark(&mut out, mark);
            }
        }
    }
    out.push_str(&body[at..]);
    out
}

fn push_mark(out: &mut String, mark: &Mark) {
    out.push_str(&mark.html);
    out.push(' ');
}

/// A line marker in the body: its bytes, and its line unless it does not
/// rise above the one before (which the markdown pass never writes): such a
/// marker is removed, and places nothing.
struct Marker {
    start: usize,
    end: usize,
    line: Option<usize>,
}

/// The body's line markers, in order.
fn markers(body: &str) -> Vec<Marker> {
    const OPEN: &str = "<!--L";
    let mut found: Vec<Marker> = Vec::new();
    let mut last_line: Option<usize> = None;
    let mut from = 0;
    // One SIMD search over the body (`str::find` sets a searcher up anew
    // for each marker, and a body holds one a block).
    let mut hits = memchr::memmem::find_iter(body.as_bytes(), OPEN.as_bytes());
    while let Some(start) = hits.find(|&at| at >= from) {
        let digits = &body[start + OPEN.len()..];
        let n_digits = digits.bytes().take_while(u8::is_ascii_digit).count();
        from = start + OPEN.len();
        if !digits[n_digits..].starts_with("-->") {
            continue;
        }
        let Ok(line) = digits[..n_digits].parse::<usize>() else { continue };
        let end = start + OPEN.len() + n_digits + 3;
        from = end;
        let rises = last_line.is_none_or(|last| line > last);
        if rises {
            last_line = Some(line);
        }
        found.push(Marker { start, end, line: rises.then_some(line) });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark_at(line: usize, text: &str) -> Mark {
        Mark { line, html: format!("<a>{text}</a>") }
    }

    #[test]
    fn marks_go_to_the_block_of_their_line_and_markers_go() {
        let body = "<h1><!--L1-->Plan</h1>\n<p><!--L3-->Two\nlines</p>\n<ul>\n<li><!--L6-->a</li>\n<li><!--L7-->b</li>\n</ul>\n";
        let marks = [mark_at(4, "p"), mark_at(7, "b1"), mark_at(7, "b2"), mark_at(40, "end")];
        assert_eq!(
            place_marks(body, &marks),
            "<h1>Plan</h1>\n<p><a>p</a> Two\nlines</p>\n<ul>\n<li>a</li>\n<li><a>b1</a> <a>b2</a> <a>end</a> b</li>\n</ul>\n"
        );
    }

    #[test]
    fn claims_before_the_first_block_lead_the_body() {
        let body = "<p><!--L5-->Text</p>";
        assert_eq!(place_marks(body, &[mark_at(2, "top")]), "<a>top</a> <p>Text</p>");
        assert_eq!(
            place_marks("<p>no markers</p>", &[mark_at(2, "x")]),
            "<a>x</a> <p>no markers</p>"
        );
    }

    #[test]
    fn without_claims_only_the_markers_go() {
        let body = "<p><!--L1-->a <!--Lx--> b</p><p><!--L1-->c</p><p><!--L3-->d</p>";
        assert_eq!(place_marks(body, &[]), "<p>a <!--Lx--> b</p><p>c</p><p>d</p>");
        let placed = place_marks(body, &[mark_at(1, "one"), mark_at(3, "three")]);
        assert_eq!(placed, "<p><a>one</a> a <!--Lx--> b</p><p>c</p><p><a>three</a> d</p>");
    }

    #[test]
    fn mark_ids_follow_entry_ids() {
        assert_eq!(mark_id("claim-L12"), "mark-L12");
        assert_eq!(mark_id("claim-L12-2"), "mark-L12-2");
    }
}
