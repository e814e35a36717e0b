//! What one table cell holds, by its shape: a short id of any form (`T0`,
//! `1.1`, `M1`, `#3`), a total (`**Total**`, `Gesamt`), a verdict (`PASS`,
//! `✅ OK`), a phase name (`Phase 1A`, `Sprint 3`, `Week 2`).
//!
//! These are cell-level facts that `crate::parse::table` weighs against the
//! header; none of them decides anything about a table alone.

use regex::Regex;

use crate::parse::table::header::{fold, fold_at_most};
use crate::parse::task_text::strip_markers;
use crate::text::prefixed::captures;
use crate::text::words::WordRegex;

/// The longest text read as a short id.
const MAX_ID_CHARS: usize = 16;

/// A date written as an id would be (`2026-01-05`, `2026-01`).
static DATE: WordRegex = WordRegex::new(|| {
    Regex::new(r"^[0-9]{4}[-/.][0-9]{1,2}(?:[-/.][0-9]{1,2})?$").expect("date pattern is valid")
});

/// An id written as a label and a number: `Task 3`, `Step 2.1`, `Story #4`,
/// `Tâche 2`, `Aufgabe 1`, `Schritt 5`, `Tarea 7`, `Paso 1`.
static LABELLED_ID: WordRegex = WordRegex::new(|| {
    Regex::new(
        r"(?i)^(task|step|story|item|ticket|issue|t[âa]che|[ée]tape|aufgabe|schritt|tarea|paso)\s*(?:#|no\.?|nr\.?|n°)?\s*([0-9]+(?:\.[0-9]+)*[a-z]?)$",
    )
    .expect("labelled id pattern is valid")
});

/// A phase named by its word and key: `Phase 1A`, `Sprint 3`, `Week 2`,
/// `Milestone M2`, `Phase II`, `Stage B`, `Phase Two`, `Phase PH-NEXT-001`,
/// `Étape 2`, `Fase 1`,
/// `Meilenstein 3`, after an optional section number (`3. Phase 2`); the
/// word and the key are captured. `Sprint Planning` and `Phase Structure`
/// name no phase.
static PHASE_NAME: WordRegex = WordRegex::new(|| {
    Regex::new(
        r"(?i)^(?:[0-9]+[.)]\s*)?(phase|stage|milestone|sprint|iteration|week|day|jalon|[ée]tape|semaine|jour|meilenstein|etappe|woche|tag|fase|hito|etapa|semana|d[ií]a)(?:\s*([0-9]+(?:\.[0-9]+)*[a-z]?)|\s+([a-z][a-z0-9]*(?:-[a-z0-9]+)*-[0-9]+[a-z]?|[a-z][0-9]+(?:\.[0-9]+)*|[ivx]{1,4}|[a-z]|zero|one|two|three|four|five|six|seven|eight|nine|ten))\b",
    )
    .expect("phase name pattern is valid")
});

/// A phase named by its key alone, under a `Phase` header: `1`, `1A`, `2.1`, `P0`, `M1`.
static BARE_KEY: WordRegex = WordRegex::new(|| {
    Regex::new(r"(?i)^[a-z]?[0-9]+(?:\.[0-9]+)*[a-z]?$").expect("bare key pattern is valid")
});

/// First words of a row that totals the others.
#[rustfmt::skip]
const TOTAL_WORDS: &[&str] = &[
    "total", "totals", "totaux", "sum", "subtotal", "sous total", "gesamt", "summe", "insgesamt",
    "gesamtsumme", "totales", "suma", "grand total", "overall",
];

/// Words of a verdict cell: what a check found, not where work stands.
#[rustfmt::skip]
const VERDICTS: &[&str] = &[
    "pass", "passed", "passing", "fail", "failed", "failing", "ok", "nok", "ko", "go", "no go",
    "met", "not met", "partially met", "compliant", "non compliant", "reussi", "echoue", "conforme",
    "non conforme", "bestanden", "nicht bestanden", "fehlgeschlagen", "erfullt", "nicht erfullt",
    "aprobado", "fallido", "cumple", "no cumple",
];

/// Answers to a `Done?` column: yes, then no.
const YES_NO: [&[&str]; 2] = [
    &["yes", "y", "oui", "ja", "si"],
    &["no", "n", "non", "nein", "not yet", "pas encore", "noch nicht", "todavia no"],
];

/// The id a cell writes in a short form of any shape (`T0`, `1.1`, `M1`,
/// `AI-2`, `2.3.1`, `#3`, `12.`), without a leading `#` or a closing `.`
/// or `)`, or as a label and a number (`Task 3` gives `Task-3`); a status
/// marker beside it is ignored. Dates, words without a digit and other text
/// with spaces are not ids.
pub(crate) fn short_id(text: &str) -> Option<String> {
    let stripped = strip_markers(text);
    let token = stripped.trim().trim_start_matches('#').trim_end_matches(['.', ')', ':']);
    if let Some(caps) = captures(&LABELLED_ID, token) {
        return Some(format!("{}-{}", &caps[1], &caps[2]));
    }
    let shaped = !token.is_empty()
        && token.chars().count() <= MAX_ID_CHARS
        && token.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '/'))
        && token.starts_with(|c: char| c.is_alphanumeric())
        && token.chars().any(|c| c.is_ascii_digit())
        && !DATE.is_match(token);
    shaped.then(|| token.to_string())
}

/// Whether a row totals the others: its first filled cell starts with
/// `Total`, `Sum`, `Gesamt`, `Totales` or `Overall`, and is bold,
/// in capitals or short, so that a task titled `Total rewrite of the
/// billing module` stays a task.
pub(crate) fn is_total(first_cell: &str, bold: bool) -> bool {
    // Every row's first cell comes here, once for each question a table is
    // asked: only the words a total could start with are folded.
    let words = fold_at_most(first_cell, LONGEST_TOTAL_WORD);
    let starts_total = TOTAL_WORDS.iter().any(|total| {
        words.strip_prefix(total).is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    });
    let capitals = || !first_cell.chars().any(char::is_lowercase);
    let short = || first_cell.split('(').next().unwrap_or("").split_whitespace().count() <= 3;
    starts_total && (bold || capitals() || short())
}

/// The length of the longest of [`TOTAL_WORDS`], in bytes.
const LONGEST_TOTAL_WORD: usize = {
    let mut longest = 0;
    let mut idx = 0;
    while idx < TOTAL_WORDS.len() {
        if TOTAL_WORDS[idx].len() > longest {
            longest = TOTAL_WORDS[idx].len();
        }
        idx += 1;
    }
    longest
};

/// Whether a cell states a verdict (`PASS`, `✅ Passed`, `FAIL: 2 errors`,
/// `Non conforme`) rather than where work stands.
pub(crate) fn is_verdict(text: &str) -> bool {
    let words = fold(&strip_markers(text));
    VERDICTS.iter().any(|verdict| {
        words.strip_prefix(verdict).is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    })
}

/// What a cell of a `Done?` column answers: `Some(true)` for yes, oui,
/// ja, sí; `Some(false)` for no, non, nein, not yet.
pub(crate) fn yes_no(text: &str) -> Option<bool> {
    let words = fold(&strip_markers(text));
    let [yes, no] = YES_NO;
    if yes.contains(&words.as_str()) {
        Some(true)
    } else if no.contains(&words.as_str()) {
        Some(false)
    } else {
        None
    }
}

/// Whether a cell holds a figure rather than words (`3`, `50%`, `2-3`).
pub(crate) fn is_figure(text: &str) -> bool {
    !text.chars().any(char::is_alphabetic)
}

/// The key of a phase name, the same however it is written: `phase 1a`
/// for `Phase 1A: Export` and `**PHASE 1A**`, `milestone 2` for `Jalon 2`
/// and `Milestone 02`; `None` when the text does not start with a phase
/// word and a key.
pub(crate) fn phase_key(text: &str) -> Option<String> {
    phase_name(text).map(|(key, _)| key)
}

/// The key of a phase name (see [`phase_key`]) and the text after it:
/// `(phase 1a, ": Export")` for `Phase 1A: Export`.
pub(crate) fn phase_name(text: &str) -> Option<(String, String)> {
    let stripped = strip_markers(text);
    let stripped = stripped.trim().trim_start_matches(['*', '_', '~']);
    let caps = captures(&PHASE_NAME, stripped)?;
    let folded = fold(&caps[1]);
    let word = match folded.as_str() {
        "phase" | "fase" => "phase",
        "stage" | "etape" | "etappe" | "etapa" => "stage",
        "milestone" | "jalon" | "meilenstein" | "hito" => "milestone",
        "week" | "semaine" | "woche" | "semana" => "week",
        "day" | "jour" | "tag" | "dia" => "day",
        other => other,
    };
    let key = caps.get(2).or_else(|| caps.get(3)).map_or("", |key| key.as_str());
    let rest = caps.get(0).map_or("", |all| &stripped[all.end()..]);
    Some((format!("{word} {}", key_text(key)), rest.to_string()))
}

/// A phase key in lowercase without leading zeros: `01` -> `1`, `1A` -> `1a`.
fn key_text(key: &str) -> String {
    let key = key.to_lowercase();
    let trimmed = key.trim_start_matches('0');
    if trimmed.starts_with(|c: char| c.is_ascii_digit()) { trimmed.to_string() } else { key }
}

/// Whether a cell names a phase by its key alone (`1`, `1A`, `P0`).
pub(crate) fn is_bare_key(text: &str) -> bool {
    BARE_KEY.is_match(text.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ids_take_any_shape() {
        let ids = [
            "T0",
            "1.1",
            "M1",
            "AI-2",
            "US-3",
            "2.3.1",
            "#3",
            "12.",
            "R-01",
            "1a",
            "✅ T4",
            "Task 3",
            "Step 2.1",
            "Tâche #2",
            "Aufgabe Nr. 4",
        ];
        let read: Vec<_> = ids.iter().map(|id| short_id(id)).collect();
        let expected = [
            "T0",
            "1.1",
            "M1",
            "AI-2",
            "US-3",
            "2.3.1",
            "3",
            "12",
            "R-01",
            "1a",
            "T4",
            "Task-3",
            "Step-2.1",
            "Tâche-2",
            "Aufgabe-4",
        ];
        assert_eq!(read, expected.map(|id| Some(id.to_string())));
    }

    #[test]
    fn words_dates_and_sentences_are_not_short_ids() {
        for text in [
            "",
            "Login",
            "TBD",
            "2026-01-05",
            "Fix bug 3",
            "-",
            "a-very-long-id-123456",
            "50%",
            "Task 3 done",
        ] {
            assert_eq!(short_id(text), None, "{text}");
        }
    }

    #[test]
    fn totals_in_several_languages() {
        assert!(is_total("Total", false));
        assert!(is_total("TOTAL P1", false));
        assert!(is_total("Total Improvement", true));
        assert!(is_total("Gesamt", false));
        assert!(is_total("Totales", false));
        assert!(is_total("Sous-total", false));
        assert!(is_total("Overall", false));
        assert!(!is_total("Total rewrite of the billing module", false));
        assert!(!is_total("Summary page", false));
        assert!(is_total("**Overall progress**", true));
        assert!(!is_total("Overall redesign of the admin pages", false));
    }

    #[test]
    fn verdicts_are_not_statuses() {
        for text in ["PASS", "✅ Passed", "FAIL: 2 errors", "OK", "Non conforme", "Bestanden"] {
            assert!(is_verdict(text), "{text}");
        }
        for text in ["✅ Done", "Open", "In progress", "Nombre", "Passwords rotated", "✅", "Yes"]
        {
            assert!(!is_verdict(text), "{text}");
        }
    }

    #[test]
    fn done_columns_answer_yes_or_no() {
        assert_eq!(yes_no("Yes"), Some(true));
        assert_eq!(yes_no("✓ Sí"), Some(true));
        assert_eq!(yes_no("Ja"), Some(true));
        assert_eq!(yes_no("Not yet"), Some(false));
        assert_eq!(yes_no("Nein"), Some(false));
        assert_eq!(yes_no("Yesterday"), None);
    }

    #[test]
    fn phase_names_give_their_key() {
        let keys = [
            ("Phase 1A: Export", "phase 1a"),
            ("**PHASE 1A**", "phase 1a"),
            ("3. Phase 2 - Local", "phase 2"),
            ("Sprint 3", "sprint 3"),
            ("Étape 2", "stage 2"),
            ("Jalon 02", "milestone 2"),
            ("Meilenstein M2", "milestone m2"),
            ("Week 2", "week 2"),
            ("Phase II", "phase ii"),
            ("Phase Two: Build", "phase two"),
            ("Fase 1", "phase 1"),
            ("Phase PH-NEXT-001 Complete", "phase ph-next-001"),
            ("✅ Phase 0 Complete", "phase 0"),
        ];
        for (name, key) in keys {
            assert_eq!(phase_key(name).as_deref(), Some(key), "{name}");
        }
        for name in ["Start (bd-2 beginning)", "Phases", "Sprint Planning", "Phase Structure"] {
            assert_eq!(phase_key(name), None, "{name}");
        }
        assert!(is_bare_key("1A"));
        assert!(is_bare_key("P0"));
        assert!(!is_bare_key("Discovery"));
    }
}
