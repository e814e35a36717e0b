//! Whether a document declares itself complete: frontmatter `status: done`,
//! `**Status**: ✅ COMPLETE` or `## Status: Completed` near the top, a
//! `100% complete` line, a title that ends in `COMPLETE`. The linker holds
//! that declaration against the document's own open tasks (A140); this
//! module only finds the line.

use regex::Regex;

use crate::parse::meta::STRUCK;
use crate::text::prefixed::captures;
use crate::text::words::WordRegex;

/// How many lines from the top a document's declaration of completeness is
/// looked for: a story states its status near its title.
const COMPLETE_WINDOW: usize = 60;

/// A status line anywhere in the window, heading or bold label allowed:
/// `## Status: ✅ COMPLETE`, `> **Status**: Done`.
static STATUS_LINE: WordRegex = WordRegex::new(|| {
    Regex::new(
        r"(?i)^(?:#{1,6}\s+|[-*>]\s+)?[*_]{0,2}(?:overall\s+|story\s+|document\s+|plan\s+)?(?:status|statut|état|etat|estado|stato|zustand)[*_]{0,2}\s*:[*_]{0,2}\s*(.+?)\s*$",
    )
    .expect("status line pattern is valid")
});

/// A status given in a two-column table row: `| Status | ✅ Done |`.
static STATUS_CELL: WordRegex = WordRegex::new(|| {
    Regex::new(
        r"(?i)^\|\s*[*_]{0,2}(?:overall\s+|story\s+)?status[*_]{0,2}\s*\|\s*([^|]+?)\s*\|\s*$",
    )
    .expect("status cell pattern is valid")
});

/// `100% complete`, `100 % done` stated on a line of its own or a label's.
static FULL_PERCENT: WordRegex = WordRegex::new(|| {
    Regex::new(r"(?i)(?:^|[\s:*(])100\s*%\s*(?:complete|completed|done|finished)\b")
        .expect("full percent pattern is valid")
});

/// Whether a status value says the whole thing is finished: its first word
/// is one of completion (`✅ COMPLETE - all criteria met`, `Done`), not a
/// part (`Phase 1 complete`) or a negation (`Incomplete`, `Not done`).
pub fn says_complete(value: &str) -> bool {
    let lower = value.to_lowercase();
    if FULL_PERCENT.is_match(&format!(" {lower}")) {
        return true;
    }
    let first = lower.split(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty()).unwrap_or("");
    matches!(
        first,
        "complete"
            | "completed"
            | "done"
            | "finished"
            | "delivered"
            | "shipped"
            | "implemented"
            | "closed"
            | "resolved"
            | "released"
            | "merged"
            | "terminé"
            | "terminée"
            | "fini"
            | "finie"
            | "complété"
            | "achevé"
            | "completado"
            | "completada"
            | "terminado"
            | "terminada"
            | "hecho"
            | "completato"
            | "completata"
            | "abgeschlossen"
            | "erledigt"
            | "fertig"
            | "afgerond"
            | "concluído"
            | "concluido"
    )
}

/// The line where a document declares itself complete, if it does: its
/// frontmatter `status`, a `Status:` line or heading near the top, a `100%
/// complete` line, or a level-1 title that ends in `COMPLETE` or `✅ DONE`.
/// `body_line_offset` maps body lines to file lines.
pub fn complete_line(
    front_status: Option<&str>,
    text: &str,
    body: &str,
    body_line_offset: usize,
) -> Option<usize> {
    if front_status.is_some_and(says_complete) {
        let line = text
            .lines()
            .take(body_line_offset)
            .position(|l| l.trim_start().to_ascii_lowercase().starts_with("status"))
            .map_or(1, |i| i + 1);
        return Some(line);
    }
    let mut in_code = false;
    for (idx, raw) in crate::text::lines(body).take(COMPLETE_WINDOW).enumerate() {
        let line = raw.trim();
        if line.starts_with("```") || line.starts_with("~~~") {
            in_code = !in_code;
            continue;
        }
        if in_code || line.starts_with("- [") || line.starts_with("* [") {
            continue;
        }
        // What was struck through (`~~In Progress~~ ✅ COMPLETE`) no longer holds.
        let line = STRUCK.replace_all(line, "");
        let line = line.trim();
        let stated = captures(&STATUS_LINE, line).is_some_and(|caps| says_complete(&caps[1]))
            || captures(&STATUS_CELL, line).is_some_and(|caps| says_complete(&caps[1]));
        let percent = FULL_PERCENT.is_match(line) && !line.starts_with('|');
        let title = line.starts_with("# ") && {
            let upper = line.trim_end_matches(|c: char| !c.is_alphanumeric());
            upper.ends_with("COMPLETE")
                || upper.ends_with("COMPLETED")
                || upper.ends_with("✅ DONE")
        };
        if stated || percent || title {
            return Some(body_line_offset + idx + 1);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_that_declare_themselves_complete() {
        let at = |body: &str| complete_line(None, body, body, 0);
        assert_eq!(at("# Story 4\n\n**Status**: ✅ COMPLETE\n"), Some(3));
        assert_eq!(at("# Story 4\n\nStatus: Done - shipped on Friday\n"), Some(3));
        assert_eq!(at("# Story 4\n\n## Status: Completed\n"), Some(3));
        assert_eq!(at("# Export\n\nProgress: 100% complete\n"), Some(3));
        assert_eq!(at("# Story 4: Export ✅ COMPLETE\n"), Some(1));
        assert_eq!(at("# S\n\n**Status:** ~~In Progress~~ ✅ COMPLETE\n"), Some(3));
        assert_eq!(at("# S\n\n**État** : Terminé\n"), Some(3));
        assert_eq!(at("# S\n\nEstado: Completado\n"), Some(3));
        assert_eq!(at("# S\n\n> Status: COMPLETE\n"), Some(3));
        assert_eq!(at("# S\n\n| Field | Value |\n|---|---|\n| Status | ✅ Done |\n"), Some(5));
        let front = "---\ntitle: x\nstatus: done\n---\n# X\n";
        assert_eq!(complete_line(Some("done"), front, "# X\n", 4), Some(3));
    }

    #[test]
    fn partial_negated_and_other_statuses_are_not_complete() {
        let at = |body: &str| complete_line(None, body, body, 0);
        for body in [
            "# S\n\n**Status**: In progress\n",
            "# S\n\nStatus: Phase 1 complete\n",
            "# S\n\nStatus: Incomplete\n",
            "# S\n\nStatus: Not done\n",
            "# S\n\nProgress: 90% complete\n",
            "# S\n\n- [ ] Status: complete\n",
            "# S\n\n```\nStatus: complete\n```\n",
            "# S\n\n| Phase | 100% complete |\n",
            "# S\n\n**Status:** ~~Complete~~ In review\n",
            "# S\n\n| Status | In progress |\n",
            "# S\n\n| Task | Status | Owner |\n| Status page | Done | Ana |\n",
        ] {
            assert_eq!(at(body), None, "{body}");
        }
    }
}
