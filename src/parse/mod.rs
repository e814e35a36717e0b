//! One pure pass per input file: bytes in, model values and diagnostics out.
//!
//! `read` is the thin IO wrapper; `parse` does the work and is what the unit
//! tests call. Each file is parsed on its own (the pipeline runs them in
//! parallel); nothing here looks at another file, so references stay
//! unresolved until `crate::link`.

pub mod blocks;
pub mod chains;
pub mod claims;
pub mod frontmatter;
pub mod ids;
pub mod markdown;
pub mod meta;
pub mod prose;
pub mod table;
pub mod task_text;
pub mod tasks;
pub mod tracker;
pub mod words;

use crate::config::BuildConfig;
use crate::dates::{find_date, find_written_date};
use crate::diagnostics::Diagnostic;
use crate::discover::SourceFile;
use crate::evidence;
use crate::model::{Claim, DocKind, Document, Event, Evidence, Phase, Plan, SourceFormat, Task};
use crate::parse::ids::IdMatcher;
use crate::text::{self, DecodeIssue};

/// What parsing one file produced.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The document, always (nothing is dropped).
    pub document: Document,
    /// The evidence record, when the file is evidence.
    pub evidence: Option<Evidence>,
    /// The tasks the file defines, in source order.
    pub tasks: Vec<Task>,
    /// The phases the file defines, in source order.
    pub phases: Vec<Phase>,
    /// Figures stated in the file's prose.
    pub claims: Vec<Claim>,
    /// Dated events the file records beyond its own date (tracker issues).
    pub events: Vec<Event>,
    /// A critical path the file states, with its place.
    pub stated_critical_path: Option<(Vec<String>, crate::model::Source)>,
    /// Problems found in the file.
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    fn of(document: Document, evidence: Option<Evidence>) -> Parsed {
        Parsed {
            document,
            evidence,
            tasks: Vec::new(),
            phases: Vec::new(),
            claims: Vec::new(),
            events: Vec::new(),
            stated_critical_path: None,
            diagnostics: Vec::new(),
        }
    }

    /// The plan this file is, when it defines tasks.
    pub fn plan(&self) -> Option<Plan> {
        (!self.tasks.is_empty()).then(|| Plan {
            path: self.document.path.clone(),
            title: self.document.title.clone(),
            phases: self.phases.clone(),
            tasks: self.tasks.iter().map(|t| t.id.clone()).collect(),
            stated_critical_path: self.stated_critical_path.clone(),
        })
    }
}

/// What every file's parse needs from the config, prepared once.
pub struct ParseContext {
    /// The task id patterns, compiled.
    pub ids: IdMatcher,
}

impl ParseContext {
    /// Compiles the config's id patterns; a bad one is a diagnostic.
    ///
    /// `tracker_patterns` are the id patterns of the tracker exports in the
    /// tree (see [`tracker::id_patterns`]), so a team's tracker ids link in
    /// prose with no config.
    pub fn new(
        config: &BuildConfig,
        tracker_patterns: &[String],
    ) -> (ParseContext, Vec<Diagnostic>) {
        let mut extra: Vec<String> = config.id_patterns.iter().skip(1).cloned().collect();
        extra.extend(
            tracker_patterns.iter().filter(|p| !extra.contains(p)).cloned().collect::<Vec<_>>(),
        );
        let (ids, errors) = IdMatcher::new(&extra);
        let diagnostics = errors
            .into_iter()
            .map(|(pattern, err)| {
                Diagnostic::error(
                    "A052",
                    crate::config::CONFIG_FILE,
                    0,
                    format!("id pattern `{pattern}` is not a valid regular expression: {err}"),
                )
            })
            .collect();
        (ParseContext { ids }, diagnostics)
    }
}

/// Reads a file from disk and parses it; an unreadable file is a diagnostic.
pub fn read(ctx: &ParseContext, file: &SourceFile) -> Parsed {
    match crate::fs::read(&file.abs) {
        Ok(bytes) => parse(ctx, file, &bytes),
        Err(err) => {
            let mut parsed = parse(ctx, file, b"");
            parsed.diagnostics.push(Diagnostic::error("A002", &file.rel, 0, format!("{err:#}")));
            parsed
        }
    }
}

/// Parses one file's bytes.
pub fn parse(ctx: &ParseContext, file: &SourceFile, bytes: &[u8]) -> Parsed {
    let mut diagnostics = Vec::new();
    let binary = matches!(file.format, SourceFormat::Image | SourceFormat::Binary)
        || text::is_probably_binary(bytes);
    if binary {
        let format =
            if file.format == SourceFormat::Text { SourceFormat::Binary } else { file.format };
        let mut parsed = parse_data(ctx, file, format, None);
        parsed.document.size = bytes.len() as u64;
        return parsed;
    }
    let decoded = text::decode(bytes);
    report_decoding(&file.rel, &decoded.issues, &mut diagnostics);
    let format = if file.format == SourceFormat::Text
        && !file.in_evidence_dir
        && looks_like_markdown(&decoded.text)
    {
        SourceFormat::Markdown
    } else {
        file.format
    };
    let mut parsed = match format {
        SourceFormat::Markdown => parse_markdown(ctx, file, &decoded.text),
        _ => parse_data(ctx, file, format, Some(decoded.text)),
    };
    parsed.document.size = bytes.len() as u64;
    diagnostics.append(&mut parsed.diagnostics);
    parsed.diagnostics = diagnostics;
    parsed
}

fn report_decoding(rel: &str, issues: &[DecodeIssue], diagnostics: &mut Vec<Diagnostic>) {
    for issue in issues {
        let diagnostic = match issue {
            DecodeIssue::RepairedMojibake { line, count } => Diagnostic::warning(
                "A003",
                rel,
                *line,
                format!(
                    "repaired {count} garbled character sequence(s) (UTF-8 read as Windows-1252 or a console code page)"
                ),
            )
            .with_help("re-save the file as UTF-8 so other tools read it right too"),
            DecodeIssue::InvalidUtf8 { line, count } => Diagnostic::warning(
                "A004",
                rel,
                *line,
                format!("{count} byte sequence(s) are not valid UTF-8 and were replaced with �"),
            )
            .with_help("save the file as UTF-8"),
            DecodeIssue::Utf16 => {
                Diagnostic::info("A005", rel, 0, "file is UTF-16; it was converted".into())
            }
        };
        diagnostics.push(diagnostic);
    }
}

/// Whether a `.txt` file outside the evidence folders is really markdown:
/// it opens with a heading or frontmatter.
fn looks_like_markdown(text: &str) -> bool {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    first.starts_with("# ") || first.starts_with("## ") || first == "---"
}

fn parse_markdown(ctx: &ParseContext, file: &SourceFile, text: &str) -> Parsed {
    let mut diagnostics = Vec::new();
    let split = frontmatter::split(&file.rel, text, &mut diagnostics);
    let front = split.front.unwrap_or_default();
    let rendered = markdown::render(split.body, split.body_line_offset + 1, &ctx.ids);
    let lines = meta::meta_lines(split.body);

    let first_h1 = rendered.headings.iter().find(|h| h.level == 1).map(|h| h.text.as_str());
    let first_heading = rendered.headings.first().map(|h| h.text.as_str());
    let title = meta::title(front.title.as_deref(), first_h1, first_heading, &file.rel);
    let status = front.status.clone().or(lines.status.clone());
    let owner = front.owner.clone().or(lines.owner.clone());
    let facts = tasks::DocFacts {
        path: &file.rel,
        // A document is a task of its own when its frontmatter gives both an
        // id and a status; an id alone names the document (`id: doc-1`).
        front_id: front.id.as_deref().filter(|_| front.status.is_some()),
        title: &title,
        status: status.as_deref(),
        owner: owner.as_deref(),
        front_line: 1,
    };
    let found = tasks::find(&facts, &rendered.blocks, &ctx.ids);
    let stated_critical_path = chains::stated_critical_path(&file.rel, &rendered.blocks, &ctx.ids);
    diagnostics.extend(found.diagnostics);
    let kind = doc_kind(
        file,
        front.kind.as_deref(),
        &title,
        &lines,
        &found.tasks,
        &found.phases,
        &mut diagnostics,
    );
    // Frontmatter, then `**Date**:`, `Last updated:`, the title, the file name.
    let date = front
        .date
        .as_deref()
        .and_then(find_written_date)
        .or(lines.date.clone())
        .or(lines.updated.clone())
        .or_else(|| find_written_date(&title))
        .or_else(|| find_date(&file.rel));
    let (mut claims, mut references) = prose::scan_prose(&file.rel, &rendered.blocks);
    if kind == DocKind::Evidence {
        // An evidence note's figures are its outcome, not a claim about one.
        claims.clear();
    }
    references.extend(rendered.references);
    references.sort();
    references.dedup();
    let document = Document {
        title,
        date,
        status,
        owner,
        body_html: rendered.html,
        n_lines: text.lines().count(),
        headings: rendered.headings,
        references,
        tasks: found.tasks.iter().map(|t| t.id.clone()).collect(),
        supports: front.tasks,
        declared_complete: meta::complete_line(
            front.status.as_deref(),
            text,
            split.body,
            split.body_line_offset,
        ),
        ..Document::new(file.rel.clone(), kind, SourceFormat::Markdown)
    };
    let evidence = (kind == DocKind::Evidence).then(|| evidence::read(&document, "markdown", text));
    Parsed {
        tasks: found.tasks,
        phases: found.phases,
        claims,
        stated_critical_path,
        diagnostics,
        ..Parsed::of(document, evidence)
    }
}

/// The kind: frontmatter, else the path, else the content — where a page
/// that turns out to define phases, a task table or several tasks is a plan.
fn doc_kind(
    file: &SourceFile,
    front_kind: Option<&str>,
    title: &str,
    lines: &meta::MetaLines,
    tasks: &[Task],
    phases: &[Phase],
    diagnostics: &mut Vec<Diagnostic>,
) -> DocKind {
    if let Some(name) = front_kind {
        match DocKind::from_name(name) {
            Some(kind) => return kind,
            None => diagnostics.push(
                Diagnostic::warning(
                    "A023",
                    &file.rel,
                    2,
                    format!("unknown document kind `{name}`"),
                )
                .with_help("use plan, session, tracker, evidence or page"),
            ),
        }
    }
    let structured = !phases.is_empty()
        || tasks.iter().any(|t| t.form == crate::model::TaskForm::TableRow)
        || tasks.iter().filter(|t| t.form != crate::model::TaskForm::WorkItem).count() >= 3;
    meta::classify(&file.rel, file.in_evidence_dir, title, lines, structured)
}

/// A file shown as it is (a log, JSON, XML, an image): evidence when it sits
/// in an evidence folder, a tracker when it is a tracker export, otherwise a
/// plain page.
fn parse_data(
    ctx: &ParseContext,
    file: &SourceFile,
    format: SourceFormat,
    text: Option<String>,
) -> Parsed {
    let tracker = text.as_deref().filter(|t| tracker::is_tracker_export(&file.rel, t));
    let kind = if tracker.is_some() {
        DocKind::Tracker
    } else if file.in_evidence_dir {
        DocKind::Evidence
    } else {
        DocKind::Page
    };
    let export = tracker.map(|text| tracker::read(&file.rel, text, &ctx.ids));
    let text = match text {
        Some(raw) if kind == DocKind::Evidence && format == SourceFormat::Text => {
            Some(evidence::readable_log(&raw).into_owned())
        }
        other => other,
    };
    let mut document = Document {
        date: find_date(&file.rel),
        n_lines: text.as_deref().map_or(0, |t| t.lines().count()),
        text,
        ..Document::new(file.rel.clone(), kind, format)
    };
    let evidence = (kind == DocKind::Evidence).then(|| {
        let text = document.text.as_deref().unwrap_or("");
        evidence::read(&document, evidence::format_name(format), text)
    });
    if let Some(evidence) = &evidence {
        document.date = evidence.date.clone();
    }
    let Some(export) = export else {
        return Parsed::of(document, evidence);
    };
    document.title = format!("Tracker export ({})", document.title);
    document.tasks = export.tasks.iter().map(|t| t.id.clone()).collect();
    document.references = export.references;
    document.date = export.events.iter().map(|e| e.date.clone()).max();
    Parsed {
        tasks: export.tasks,
        events: export.events,
        diagnostics: export.diagnostics,
        ..Parsed::of(document, evidence)
    }
}
