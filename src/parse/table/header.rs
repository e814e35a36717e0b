//! What the words of a table's header say, in English, French, German and
//! Spanish: the role each column plays, and whether the rows are about work
//! at all.
//!
//! A header is folded first (lowercase, accents dropped, punctuation made
//! spaces), so `Réf.`, `État`, `Dueño` and `Zuständig` meet their plain
//! spellings. This module only looks at header text; what the cells hold,
//! and the decision that puts the two together, is `crate::parse::table`'s.

use crate::parse::table::Role;

/// Headers that name an id column (`ID`, `#`, `Key`, `Réf`, `Nr.`).
#[rustfmt::skip]
const ID_HEADERS: &[&str] = &[
    "id", "ids", "task id", "taskid", "#", "task #", "task no", "task nr", "no", "nr", "n", "num",
    "number", "ref", "ref id", "item id", "item #", "key", "ticket id", "ticket #", "issue id",
    "issue #", "story id", "wbs", "wbs id", "numero", "nummer", "lfd nr", "id tache", "id tarea",
    "id aufgabe", "kennung", "clave",
];

/// Headers that say the rows are work (`Task`, `Tâche`, `Aufgabe`, `Tarea`):
/// a table with such a column is a task table whatever else it holds.
#[rustfmt::skip]
const WORK_HEADERS: &[&str] = &[
    "task", "tasks", "task name", "task title", "task description", "todo", "to do", "work item",
    "work items", "work package", "action item", "action items", "story", "user story", "ticket",
    "deliverable", "deliverables", "tache", "taches", "nom de la tache", "livrable", "livrables",
    "aufgabe", "aufgaben", "arbeitspaket", "tarea", "tareas", "entregable", "entregables",
];

/// Headers of actions (`Action`, `Next step`, `Maßnahme`): a title that
/// counts as work where it says what a row is, beside an owner.
#[rustfmt::skip]
const ACTION_HEADERS: &[&str] = &[
    "action", "actions", "next step", "next steps", "follow up", "follow ups", "action a mener",
    "actions a mener", "massnahme", "massnahmen", "accion", "acciones",
];

/// Headers that may hold ids or titles, whichever the cells show.
const ID_OR_TITLE_HEADERS: &[&str] =
    &["task", "story", "ticket", "issue", "tache", "aufgabe", "tarea", "item"];

/// Other headers that name what a row is, weaker than [`WORK_HEADERS`].
#[rustfmt::skip]
const TITLE_HEADERS: &[&str] = &[
    "description", "title", "summary", "item", "objective", "objectives", "goal", "goals", "scope",
    "what", "titre", "intitule", "libelle", "objectif", "objectifs", "beschreibung", "titel",
    "bezeichnung", "ziel", "ziele", "descripcion", "titulo", "objetivo", "objetivos",
];

/// Headers of the owner column.
#[rustfmt::skip]
const OWNER_HEADERS: &[&str] = &[
    "owner", "owners", "owner agent", "assignee", "assignees", "assigned", "assigned to", "agent",
    "who", "responsible", "lead", "dri", "responsable", "responsables", "proprietaire", "assigne",
    "assigne a", "attribue a", "porteur", "qui", "verantwortlich", "verantwortliche",
    "verantwortlicher", "zustandig", "bearbeiter", "wer", "dueno", "asignado", "asignado a",
    "quien", "encargado",
];

/// Headers of the dependency column.
#[rustfmt::skip]
const DEPENDS_HEADERS: &[&str] = &[
    "depends on", "dependencies", "deps", "blocked by", "prerequisites", "requires", "after",
    "depends", "dependances", "depend de", "prerequis", "abhangigkeiten", "abhangig von",
    "voraussetzungen", "depende de", "dependencias", "requisitos previos", "prerrequisitos",
];

/// Headers of the column that says what done means.
#[rustfmt::skip]
const DONE_WHEN_HEADERS: &[&str] = &[
    "done when", "acceptance", "acceptance criteria", "definition of done", "exit criteria",
    "success criteria", "dod", "evidence hooks", "tdd evidence hooks", "evidence", "verification",
    "criteres d acceptation", "critere d acceptation", "definition de fini", "fini quand",
    "akzeptanzkriterien", "abnahmekriterien", "fertig wenn", "criterios de aceptacion",
    "criterio de aceptacion", "hecho cuando",
];

/// Headers of the estimate column.
#[rustfmt::skip]
const ESTIMATE_HEADERS: &[&str] = &[
    "est time", "estimate", "estimated", "estimated time", "estimated effort", "est", "effort",
    "time", "duration", "hours", "window", "eta", "timebox", "estimation", "duree", "charge",
    "temps", "aufwand", "schatzung", "dauer", "zeit", "estimacion", "esfuerzo", "duracion",
    "tiempo",
];

/// Headers of the status column (`Status`, `Statut`, `État`, `Stand`, `Estado`).
#[rustfmt::skip]
const STATUS_HEADERS: &[&str] = &[
    "status", "state", "progress", "done", "complete", "task status", "current status", "statut",
    "etat", "avancement", "etat d avancement", "stand", "zustand", "fortschritt", "estado",
    "avance", "situacion",
];

/// Headers of a phase column.
#[rustfmt::skip]
const PHASE_HEADERS: &[&str] = &[
    "phase", "milestone", "sprint", "stage", "iteration", "jalon", "etape", "meilenstein", "etappe",
    "fase", "hito", "etapa",
];

/// Headers that name something other than work as what a row is about:
/// risks, requirements, metrics, terms, files, checks, tests, settings.
#[rustfmt::skip]
const OTHER_SUBJECTS: &[&str] = &[
    "risk", "risks", "req", "tc", "risk description", "threat", "hazard", "requirement", "requirements", "nfr",
    "non functional requirement", "sla", "slo", "sli", "kpi", "metric", "metrics", "measure",
    "indicator", "term", "terms", "glossary", "acronym", "abbreviation", "concept", "file", "files",
    "path", "file path", "filename", "file name", "check", "checks", "criterion", "criteria",
    "acceptance criterion", "acceptance criteria", "test", "tests", "test case", "test suite",
    "suite", "scenario", "endpoint", "route", "url", "variable", "env var", "environment variable",
    "parameter", "field", "column", "property", "option", "setting", "flag", "secret", "command",
    "shortcut", "version", "date", "event", "decision", "question", "assumption", "constraint",
    "dependency", "package", "library", "service", "component", "module", "port", "tool", "browser",
    "platform", "environment", "role", "persona", "stakeholder", "risque", "exigence", "exigences",
    "terme", "glossaire", "fichier", "chemin", "critere", "metrique", "indicateur", "scenario",
    "composant", "parametre", "risiko", "risiken", "anforderung", "anforderungen", "begriff",
    "glossar", "datei", "pfad", "kriterium", "metrik", "kennzahl", "prufung", "komponente",
    "riesgo", "requisito", "requisitos", "termino", "glosario", "archivo", "ruta", "criterio",
    "metrica", "prueba", "componente", "parametro",
];

/// Headers of columns that analyse rather than plan: a risk's likelihood
/// and mitigation, a term's definition, a check's verdict. Any of them makes
/// a table something other than a task table, unless a work column says
/// otherwise.
#[rustfmt::skip]
const ANALYSIS_HEADERS: &[&str] = &[
    "likelihood", "probability", "mitigation", "mitigation strategy", "mitigation plan",
    "contingency", "contingency plan", "definition", "meaning", "verdict", "pass fail", "pass",
    "fail", "measured", "baseline", "pass rate", "probabilite", "attenuation", "signification",
    "mesure", "wahrscheinlichkeit", "eintrittswahrscheinlichkeit", "gegenmassnahme",
    "gegenmassnahmen", "bedeutung", "probabilidad", "mitigacion", "definicion", "significado",
    "veredicto", "medido",
];

/// Headers that compare a figure with another (`Current`, `Target`,
/// `Actual`): two of them make a table of figures.
#[rustfmt::skip]
const COMPARISON_HEADERS: &[&str] = &[
    "actual", "current", "target", "threshold", "expected", "before", "after", "delta",
    "improvement", "actuel", "cible", "reel", "ist", "soll", "ziel wert", "objetivo valor",
];

/// Headers of a priority column, which never says what a row is.
const PRIORITY_HEADERS: &[&str] = &["priority", "prio", "p", "priorite", "prioritat", "prioridad"];

/// A header folded for comparison: lowercase, accents dropped, and every
/// character but letters, digits and `#` made a space, spaces collapsed.
pub(crate) fn fold(header: &str) -> String {
    fold_at_most(header, usize::MAX)
}

/// [`fold`]'s first bytes: the folded text is made until it holds more
/// than `max` bytes, so a prefix of `max` bytes, and whether the next
/// character is a space, read as they read in the whole fold.
pub(crate) fn fold_at_most(header: &str, max: usize) -> String {
    let mut out = String::with_capacity(header.len().min(max.saturating_add(4)));
    // Spaces are written only before a character that follows them, so
    // none leads and none trails, and a run of them is one.
    let mut space = false;
    for ch in header.chars().flat_map(char::to_lowercase) {
        let folded = match ch {
            'à' | 'á' | 'â' | 'ä' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'º' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            'ß' => 's',
            c if c.is_alphanumeric() || c == '#' => c,
            _ => {
                space = true;
                continue;
            }
        };
        if out.len() > max {
            break;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(folded);
        if ch == 'ß' {
            out.push('s');
        }
    }
    out
}

/// The role a header suggests, by its words.
pub(crate) fn role(header: &str) -> Option<Role> {
    let words = fold(header);
    let words = words.as_str();
    let lists: [(&[&str], Role); 10] = [
        (ID_HEADERS, Role::Id),
        (WORK_HEADERS, Role::Title),
        (TITLE_HEADERS, Role::Title),
        (ACTION_HEADERS, Role::Title),
        (OWNER_HEADERS, Role::Owner),
        (DEPENDS_HEADERS, Role::Depends),
        (DONE_WHEN_HEADERS, Role::DoneWhen),
        (ESTIMATE_HEADERS, Role::Estimate),
        (STATUS_HEADERS, Role::Status),
        (PHASE_HEADERS, Role::Phase),
    ];
    lists.iter().find(|(list, _)| list.contains(&words)).map(|(_, role)| *role)
}

/// Whether a header may name a column of ids: an id header, or one that
/// holds ids or titles (`Task`, `Story`, `Ticket`, `Issue`).
pub(crate) fn may_hold_ids(header: &str) -> bool {
    let words = fold(header);
    ID_HEADERS.contains(&words.as_str()) || ID_OR_TITLE_HEADERS.contains(&words.as_str())
}

/// Whether a header says the rows are work (`Task`, `Tâche`, `Aufgabe`).
pub(crate) fn is_work(header: &str) -> bool {
    WORK_HEADERS.contains(&fold(header).as_str())
}

/// Whether a header names actions (`Action`, `Next steps`, `Maßnahme`).
pub(crate) fn is_action(header: &str) -> bool {
    ACTION_HEADERS.contains(&fold(header).as_str())
}

/// Whether a header names something other than work as a row's subject
/// (`Risk`, `Requirement`, `Term`, `File`, `Check`, `Metric`).
pub(crate) fn is_other_subject(header: &str) -> bool {
    OTHER_SUBJECTS.contains(&fold(header).as_str())
}

/// Whether an id column's header names ids of something other than work
/// (`Risk ID`, `Req #`, `Test ID`).
pub(crate) fn names_other_ids(header: &str) -> bool {
    let words = fold(header);
    let subject = ["id", "#", "no", "nr", "ref", "number"]
        .iter()
        .find_map(|suffix| words.strip_suffix(suffix).map(str::trim_end))
        .filter(|rest| !rest.is_empty());
    subject.is_some_and(|subject| OTHER_SUBJECTS.contains(&subject))
}

/// Whether a header analyses rather than plans (`Likelihood`,
/// `Mitigation`, `Definition`, `Verdict`, `Measured`, `✓ PASS`).
pub(crate) fn is_analysis(header: &str) -> bool {
    ANALYSIS_HEADERS.contains(&fold(header).as_str())
}

/// Whether a header compares figures (`Actual`, `Current`, `Target`).
pub(crate) fn is_comparison(header: &str) -> bool {
    let words = fold(header);
    // `Target (3 months)`, `Phase 1 Target`: the word stands first or last.
    let first = words.split(' ').next().unwrap_or("");
    let last = words.rsplit(' ').next().unwrap_or("");
    COMPARISON_HEADERS.iter().any(|word| *word == words || *word == first || *word == last)
}

/// Whether a header names a priority column.
pub(crate) fn is_priority(header: &str) -> bool {
    PRIORITY_HEADERS.contains(&fold(header).as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fold as it was first written, kept as the reference.
    fn fold_by_words(header: &str) -> String {
        let mut out = String::with_capacity(header.len());
        for ch in header.chars().flat_map(char::to_lowercase) {
            match ch {
                'à' | 'á' | 'â' | 'ä' | 'ã' => out.push('a'),
                'é' | 'è' | 'ê' | 'ë' => out.push('e'),
                'í' | 'ì' | 'î' | 'ï' => out.push('i'),
                'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'º' => out.push('o'),
                'ú' | 'ù' | 'û' | 'ü' => out.push('u'),
                'ç' => out.push('c'),
                'ñ' => out.push('n'),
                'ß' => out.push_str("ss"),
                c if c.is_alphanumeric() || c == '#' => out.push(c),
                _ => out.push(' '),
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn folds_as_the_reference_does_and_stops_after_a_prefix() {
        let check = |text: &str| {
            let whole = fold_by_words(text);
            assert_eq!(fold(text), whole, "{text:?}");
            for max in 0..8 {
                let part = fold_at_most(text, max);
                assert!(whole.starts_with(&part), "{text:?} {max}: {part:?}");
                assert!(part == whole || part.len() > max, "{text:?} {max}: {part:?}");
            }
        };
        let alphabet = ['A', 'é', 'ß', 'İ', ' ', '.', '#', '1', 'º', '\t', '✓', 'Ж'];
        crate::text::each_string_up_to(&alphabet, 4, check);
        ["  Total (all) ", "Gesamtsumme\u{a0}Q3", "ÉTAT d'avancement"].into_iter().for_each(check);
    }

    #[test]
    fn folds_accents_case_and_punctuation() {
        assert_eq!(fold("Réf."), "ref");
        assert_eq!(fold("  État d'avancement "), "etat d avancement");
        assert_eq!(fold("Zuständig"), "zustandig");
        assert_eq!(fold("Dueño"), "dueno");
        assert_eq!(fold("Nº"), "no");
        assert_eq!(fold("Task #"), "task #");
        assert_eq!(fold("✓ PASS"), "pass");
    }

    #[test]
    fn reads_roles_in_four_languages() {
        let cases = [
            ("Nr.", Role::Id),
            ("Réf", Role::Id),
            ("#", Role::Id),
            ("Key", Role::Id),
            ("Tâche", Role::Title),
            ("Aufgabe", Role::Title),
            ("Tarea", Role::Title),
            ("Statut", Role::Status),
            ("État", Role::Status),
            ("Stand", Role::Status),
            ("Estado", Role::Status),
            ("Assignee", Role::Owner),
            ("Responsable", Role::Owner),
            ("Verantwortlich", Role::Owner),
            ("Dueño", Role::Owner),
            ("Aufwand", Role::Estimate),
            ("Dépendances", Role::Depends),
            ("Jalon", Role::Phase),
            ("Hito", Role::Phase),
        ];
        for (header, expected) in cases {
            assert_eq!(role(header), Some(expected), "{header}");
        }
    }

    #[test]
    fn words_that_only_resemble_roles_have_none() {
        for header in ["Suspected Status", "Notes", "Impact", "Status Code", "Stakeholders"] {
            assert_eq!(role(header), None, "{header}");
        }
    }

    #[test]
    fn tells_work_from_other_subjects() {
        assert!(is_work("Task"));
        assert!(is_work("Tâches"));
        assert!(!is_work("Description"));
        assert!(is_other_subject("Risk"));
        assert!(is_other_subject("Exigence"));
        assert!(is_other_subject("Datei"));
        assert!(!is_other_subject("Risk level"));
        assert!(names_other_ids("Risk ID"));
        assert!(names_other_ids("Req #"));
        assert!(!names_other_ids("Task ID"));
        assert!(!names_other_ids("ID"));
        assert!(is_analysis("Likelihood"));
        assert!(is_analysis("✓ PASS"));
        assert!(is_comparison("Target (3 months)"));
        assert!(is_comparison("Phase 1 Target"));
        assert!(!is_comparison("Targets reached by"));
    }
}
