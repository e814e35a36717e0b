//! The words of labels: which key a label names (`Date`, `Dernière mise à
//! jour`, `Verantwortlich`, `Estado actual`), in English, French, German and
//! Spanish, and which section headings describe the document itself. Where
//! a label counts is `labels`' call.

use crate::dates::fold;

/// What a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Key {
    /// The date the document is about: `Date`, `Session date`, `Datum`, `Fecha`.
    Date,
    /// When it was last changed: `Last updated`, `Dernière mise à jour`, `Stand`.
    Updated,
    /// When it was written: `Created`, `Generated`, `Erstellt am`, `Creado`.
    Created,
    /// Its status: `Status`, `Current status`, `Statut`, `Estado`.
    Status,
    /// Who owns its work: `Owner`, `Assignee`, `Responsable`, `Verantwortlich`.
    Owner,
    /// Who wrote it: `Author`, `Auteur`, `Autor`.
    Author,
    /// What its work waits for: `Dependencies`, `Depends on`, `Blocked by`.
    Depends,
}

impl Key {
    /// Whether the key names one of the document's dates.
    pub(super) fn is_date(self) -> bool {
        matches!(self, Key::Date | Key::Updated | Key::Created)
    }
}

/// The key a heading names on its own: `Status`, `Current Status`, `Implementation Date`.
pub(super) fn heading_key(text: &str) -> Option<Key> {
    let words = text.trim_start_matches(|c: char| !c.is_alphabetic());
    key_of(words).map(|(key, _)| key).filter(|key| matches!(key, Key::Status) || key.is_date())
}

/// A first section whose lines describe the document: `## Overview`, `## Document Info`.
pub(super) fn is_meta_section(text: &str) -> bool {
    let name = fold(text.trim_start_matches(|c: char| !c.is_alphabetic()));
    let name = name.trim_end_matches(':').trim();
    [
        "overview",
        "summary",
        "executive summary",
        "quick summary",
        "tl;dr",
        "metadata",
        "meta",
        "document info",
        "document information",
        "document control",
        "about",
        "about this document",
        "info",
        "details",
        "apercu",
        "resume",
        "uberblick",
        "zusammenfassung",
        "resumen",
    ]
    .contains(&name)
}

/// A heading of one part of the work: a phase, a step, a week, a numbered
/// section, a task by its id (`## Phase 1`, `## 2. Deploy`, `### T-004 Export`).
pub(super) fn is_part_like(text: &str) -> bool {
    let trimmed = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    let first = fold(trimmed.split(|c: char| !c.is_alphanumeric()).next().unwrap_or(""));
    let numbered = trimmed.starts_with(|c: char| c.is_ascii_digit());
    let has_id = trimmed.split_whitespace().next().is_some_and(|word| {
        let (prefix, number) = word.trim_end_matches(':').rsplit_once('-').unwrap_or(("", ""));
        !prefix.is_empty()
            && prefix.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
            && !number.is_empty()
            && number.chars().all(|c| c.is_ascii_alphanumeric())
    });
    let parts = [
        "phase",
        "stage",
        "step",
        "milestone",
        "sprint",
        "iteration",
        "week",
        "day",
        "task",
        "story",
        "epic",
        "part",
        "etape",
        "fase",
        "paso",
        "schritt",
        "woche",
        "semaine",
        "tache",
        "tarea",
        "aufgabe",
    ];
    // `## Phase 1`, `## Step 2A`, `## Part II`, not `## Task Overview`.
    let counted = trimmed.split_whitespace().nth(1).is_some_and(|next| {
        next.starts_with(|c: char| c.is_ascii_digit())
            || (next.len() <= 3 && next.chars().all(|c| c.is_ascii_uppercase()))
    });
    numbered || has_id || (parts.contains(&first.as_str()) && counted)
}

/// `## Table of Contents`, `## Contents`, `## Sommaire`, `## Inhalt`, `## Índice`.
pub(super) fn is_contents(text: &str) -> bool {
    let name = fold(text.trim_start_matches(|c: char| !c.is_alphabetic()));
    ["table of contents", "contents", "toc", "sommaire", "table des matieres", "inhalt", "indice"]
        .contains(&name.trim_end_matches(':').trim())
}

/// A label's key and whether its language writes the day first.
pub(super) fn key_of(label: &str) -> Option<(Key, bool)> {
    let folded = fold(label);
    let name: Vec<&str> = folded.split_whitespace().collect();
    let name = name.join(" ");
    let english = |key: Key| Some((key, false));
    let other = |key: Key| Some((key, true));
    match name.as_str() {
        "date" => english(Key::Date),
        "datum" | "fecha" => other(Key::Date),
        "last updated" | "updated" | "last update" | "last modified" | "modified"
        | "last revised" | "revised" | "last edited" | "updated at" | "last reviewed"
        | "last verified" | "last checked" => english(Key::Updated),
        "derniere mise a jour"
        | "mis a jour"
        | "mise a jour"
        | "zuletzt aktualisiert"
        | "aktualisiert"
        | "letzte aktualisierung"
        | "letzte anderung"
        | "stand"
        | "ultima actualizacion"
        | "actualizado"
        | "ultima modificacion"
        | "fecha de actualizacion" => other(Key::Updated),
        "created" | "created on" | "created at" | "created date" | "date created"
        | "creation date" | "document created" | "generated" | "generated on"
        | "date generated" | "report generated" | "started" => english(Key::Created),
        "cree" | "cree le" | "creee" | "date de creation" | "erstellt" | "erstellt am"
        | "erstellungsdatum" | "creado" | "creado el" | "fecha de creacion" => other(Key::Created),
        "owner" | "owners" | "assignee" | "assignees" | "assigned to" | "dri" | "task owner"
        | "plan owner" | "story owner" | "responsible" => english(Key::Owner),
        "responsable"
        | "responsables"
        | "responsable principal"
        | "proprietaire"
        | "porteur"
        | "assigne a"
        | "verantwortlich"
        | "verantwortliche"
        | "verantwortlicher"
        | "zustandig"
        | "propietario"
        | "encargado"
        | "asignado a" => other(Key::Owner),
        "author" | "authors" | "written by" | "prepared by" | "document owner" | "maintainer"
        | "maintained by" => english(Key::Author),
        "auteur" | "auteurs" | "autor" | "autores" | "verfasser" => other(Key::Author),
        "dependencies" | "dependency" | "depends on" | "depends" | "dependent on"
        | "blocked by" | "requires" | "prerequisites" | "prerequisite" => english(Key::Depends),
        "dependances" | "depend de" | "prerequis" | "abhangigkeiten" | "abhangig von"
        | "hangt ab von" | "voraussetzungen" | "dependencias" | "depende de" | "bloqueado por" => {
            other(Key::Depends)
        }
        "projektstatus" | "dokumentstatus" => other(Key::Status),
        _ => status_key(strip_of_the_project(&name)).or_else(|| date_key(&name)),
    }
}

/// `Session date`, `Review Date`, `Implementation Date`: the date the
/// document is about. `Due date`, `Target date` and `Release date` are not.
fn date_key(name: &str) -> Option<(Key, bool)> {
    let (qualifier, date) = name.split_once(' ')?;
    let about = [
        "session",
        "report",
        "review",
        "analysis",
        "audit",
        "meeting",
        "incident",
        "test",
        "run",
        "implementation",
        "document",
        "assessment",
    ];
    (date == "date" && about.contains(&qualifier)).then_some((Key::Date, false))
}

/// `statut du projet` is `statut`: a status of the whole project or document.
fn strip_of_the_project(name: &str) -> &str {
    [" du projet", " de projet", " du document", " del proyecto", " del documento", " des projekts"]
        .iter()
        .find_map(|suffix| name.strip_suffix(suffix))
        .unwrap_or(name)
}

/// `Status`, `Current status`, `Statut actuel`, `Estado`, `Aktueller Status`.
fn status_key(name: &str) -> Option<(Key, bool)> {
    let words: Vec<&str> = name.split(' ').collect();
    let (status, rest): (&str, Vec<&str>) = match words.as_slice() {
        [word] => (word, Vec::new()),
        [qualifier, word] if is_status_word(word) => (word, vec![*qualifier]),
        [word, qualifier] if is_status_word(word) => (word, vec![*qualifier]),
        _ => return None,
    };
    let known_qualifier = rest.iter().all(|q| {
        [
            "current",
            "final",
            "overall",
            "project",
            "document",
            "doc",
            "plan",
            "story",
            "epic",
            "sprint",
            "task",
            "actuel",
            "actuelle",
            "actual",
            "aktueller",
            "global",
            "general",
        ]
        .contains(q)
    });
    (is_status_word(status) && known_qualifier)
        .then_some((Key::Status, !matches!(status, "status")))
}

fn is_status_word(word: &str) -> bool {
    matches!(word, "status" | "statut" | "etat" | "estado" | "stato" | "zustand")
}
