//! One pure pass per input file: bytes in, model values and diagnostics out.
//!
//! `read` is the thin IO wrapper; `parse` does the work and is what the unit
//! tests call. Each file is parsed on its own (the pipeline runs them in
//! parallel); nothing here looks at another file, so references stay
//! unresolved until `crate::link`.

pub mod frontmatter;
pub mod markdown;
pub mod meta;

use crate::dates::find_date;
use crate::diagnostics::Diagnostic;
use crate::discover::SourceFile;
use crate::evidence;
use crate::model::{DocKind, Document, Evidence, SourceFormat, doc_url};
use crate::text::{self, DecodeIssue};

/// What parsing one file produced.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The document, always (nothing is dropped).
    pub document: Document,
    /// The evidence record, when the file is evidence.
    pub evidence: Option<Evidence>,
    /// Problems found in the file.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads a file from disk and parses it; an unreadable file is a diagnostic.
pub fn read(file: &SourceFile) -> Parsed {
    match crate::fs::read(&file.abs) {
        Ok(bytes) => parse(file, &bytes),
        Err(err) => {
            let mut parsed = parse(file, b"");
            parsed.diagnostics.push(Diagnostic::error("A002", &file.rel, 0, format!("{err:#}")));
            parsed
        }
    }
}

/// Parses one file's bytes.
pub fn parse(file: &SourceFile, bytes: &[u8]) -> Parsed {
    let mut diagnostics = Vec::new();
    let binary = matches!(file.format, SourceFormat::Image | SourceFormat::Binary)
        || text::is_probably_binary(bytes);
    if binary {
        let format =
            if file.format == SourceFormat::Text { SourceFormat::Binary } else { file.format };
        let mut parsed = parse_data(file, format, None);
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
        SourceFormat::Markdown => parse_markdown(file, &decoded.text, &mut diagnostics),
        _ => parse_data(file, format, Some(decoded.text)),
    };
    parsed.document.size = bytes.len() as u64;
    parsed.diagnostics.extend(diagnostics);
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
                    "repaired {count} garbled character sequence(s) (UTF-8 read as Windows-1252)"
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

fn parse_markdown(file: &SourceFile, text: &str, diagnostics: &mut Vec<Diagnostic>) -> Parsed {
    let split = frontmatter::split(&file.rel, text, diagnostics);
    let front = split.front.unwrap_or_default();
    let rendered = markdown::render(split.body, split.body_line_offset + 1);
    let lines = meta::meta_lines(split.body);

    let first_h1 = rendered.headings.iter().find(|h| h.level == 1).map(|h| h.text.as_str());
    let first_heading = rendered.headings.first().map(|h| h.text.as_str());
    let title = meta::title(front.title.as_deref(), first_h1, first_heading, &file.rel);
    let kind = match front.kind.as_deref() {
        Some(name) => DocKind::from_name(name).unwrap_or_else(|| {
            diagnostics.push(
                Diagnostic::warning(
                    "A023",
                    &file.rel,
                    2,
                    format!("unknown document kind `{name}`"),
                )
                .with_help("use plan, session, tracker, evidence or page"),
            );
            meta::classify(
                &file.rel,
                file.in_evidence_dir,
                &title,
                &lines,
                has_plan_shape(split.body),
            )
        }),
        None => meta::classify(
            &file.rel,
            file.in_evidence_dir,
            &title,
            &lines,
            has_plan_shape(split.body),
        ),
    };
    let date = front
        .date
        .as_deref()
        .and_then(find_date)
        .or(lines.date.clone())
        .or(lines.updated.clone())
        .or_else(|| find_date(&title))
        .or_else(|| find_date(&file.rel));
    let document = Document {
        path: file.rel.clone(),
        kind,
        format: SourceFormat::Markdown,
        title,
        date,
        status: front.status.or(lines.status),
        owner: front.owner.or(lines.owner),
        body_html: rendered.html,
        text: None,
        n_lines: text.lines().count(),
        size: 0,
        headings: rendered.headings,
        references: rendered.references,
        tasks: Vec::new(),
        supports: front.tasks,
        url: doc_url(&file.rel, SourceFormat::Markdown),
    };
    let evidence = (kind == DocKind::Evidence).then(|| evidence::read(&document, "markdown", text));
    Parsed { document, evidence, diagnostics: Vec::new() }
}

/// Whether a body has the shape of a plan: phases, task tables or checklists.
fn has_plan_shape(body: &str) -> bool {
    let mut checklist_items = 0;
    for line in body.lines() {
        let line = line.trim_start();
        let item = line.strip_prefix("- ").or_else(|| line.strip_prefix("* "));
        if item.is_some_and(|rest| ["[ ]", "[x]", "[X]"].iter().any(|box_| rest.starts_with(box_)))
        {
            checklist_items += 1;
        }
        let lower = line.to_ascii_lowercase();
        if lower.starts_with("## phase")
            || lower.starts_with("| task id")
            || lower.starts_with("| **phase")
        {
            return true;
        }
    }
    checklist_items >= 3
}

/// A file shown as it is (a log, JSON, XML, an image): evidence when it sits
/// in an evidence folder, otherwise a plain page.
fn parse_data(file: &SourceFile, format: SourceFormat, text: Option<String>) -> Parsed {
    let kind = if file.in_evidence_dir { DocKind::Evidence } else { DocKind::Page };
    let mut document = Document {
        path: file.rel.clone(),
        kind,
        format,
        title: file.rel.rsplit('/').next().unwrap_or(&file.rel).to_string(),
        date: find_date(&file.rel),
        status: None,
        owner: None,
        body_html: String::new(),
        n_lines: text.as_deref().map_or(0, |t| t.lines().count()),
        text,
        size: 0,
        headings: Vec::new(),
        references: Vec::new(),
        tasks: Vec::new(),
        supports: Vec::new(),
        url: doc_url(&file.rel, format),
    };
    let evidence = (kind == DocKind::Evidence).then(|| {
        evidence::read(
            &document,
            evidence::format_name(format),
            document.text.as_deref().unwrap_or(""),
        )
    });
    if let Some(evidence) = &evidence {
        document.date = evidence.date.clone();
    }
    Parsed { document, evidence, diagnostics: Vec::new() }
}
