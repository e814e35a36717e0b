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
pub mod image;
pub mod markdown;
pub mod meta;
pub mod plain_text;
pub mod prose;
pub mod sprint_status;
pub mod table;
pub mod task_text;
pub mod tasks;
pub mod tracker;
pub mod words;

use std::borrow::Cow;
use std::sync::Arc;

use crate::config::BuildConfig;
use crate::dates::{find_date, find_written_date};
use crate::diagnostics::Diagnostic;
use crate::discover::SourceFile;
use crate::evidence;
use crate::model::{
    Claim, DocKind, Document, Event, Evidence, EvidenceDetails, Phase, Plan, Skipped, SourceFormat,
    Task,
};
use crate::parse::ids::IdMatcher;
use crate::text::{self, DecodeIssue};

/// What parsing one file produced.
#[derive(Debug, Clone, PartialEq)]
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
    /// Why the file could not be read, when its name promises text and it
    /// holds binary data: the portal lists it with this reason.
    pub unread: Option<Skipped>,
    /// What its page shows above a report's text (a JUnit report's
    /// failing cases, a coverage report's files), when it is evidence of a
    /// format that has them.
    pub details: Option<EvidenceDetails>,
    /// The task ids an evidence file names in its first lines, with their
    /// lines (see [`ids::IdMatcher::find_in_head`]).
    pub head_ids: Vec<(usize, String)>,
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
            unread: None,
            details: None,
            head_ids: Vec::new(),
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

/// The longest line, in bytes, whose claims are checked against the whole
/// line across documents (see [`parse_markdown`]'s claims).
const LONG_LINE: usize = 10_000;

/// Reads a file from disk and parses it; an unreadable file is a diagnostic.
/// A text too big to hold whole is streamed (see [`read_big`]).
pub fn read(ctx: &ParseContext, file: &SourceFile) -> Parsed {
    let size = std::fs::metadata(&file.abs).map_or(0, |m| m.len());
    if streamed_above(file).is_some_and(|bound| size > bound) {
        return read_big(ctx, file, size);
    }
    // An image or a binary file is shown by its copy: only a small SVG's
    // bytes are wanted (for its data URI), so a 2 GB video is never read.
    let by_name = matches!(file.format, SourceFormat::Image | SourceFormat::Binary);
    let inline_svg = image::is_svg(&file.rel) && size <= crate::model::MAX_INLINE_SVG;
    if by_name && !inline_svg {
        return parse_binary(ctx, file, file.format, size as usize);
    }
    match crate::fs::read(&file.abs) {
        Ok(bytes) => parse(ctx, file, &bytes),
        Err(err) => {
            let mut parsed = parse(ctx, file, b"");
            parsed.document.text_from_file = false;
            parsed.diagnostics.push(Diagnostic::error("A002", &file.rel, 0, format!("{err:#}")));
            parsed
        }
    }
}

/// The size above which a file is read as an excerpt, if it ever is: text
/// shown as it is (a log, YAML) above [`text::excerpt::BIG_TEXT_BYTES`];
/// JSON and XML, whose readers need the whole document to count right,
/// only above [`BIG_DATA_BYTES`]. Markdown is rendered whole, and so is a
/// tracker export (`.jsonl`), whose every line is a task.
fn streamed_above(file: &SourceFile) -> Option<u64> {
    match file.format {
        _ if file.rel.ends_with(".jsonl") => None,
        SourceFormat::Text => Some(text::excerpt::BIG_TEXT_BYTES),
        SourceFormat::Json | SourceFormat::Xml => Some(BIG_DATA_BYTES),
        _ => None,
    }
}

/// JSON and XML larger than this are read as an excerpt (see
/// [`streamed_above`]): a test report this big is mostly captured output.
pub const BIG_DATA_BYTES: u64 = 32 * 1024 * 1024;

/// Reads a text over its bound (see [`streamed_above`]) in bounded memory:
/// its head, its tail and the lines between that report failures or
/// results, with their real numbers (see [`text::excerpt`]). Readers decide
/// from those lines, the page shows them with a note, and a diagnostic says
/// the file was shown cut.
fn read_big(ctx: &ParseContext, file: &SourceFile, size: u64) -> Parsed {
    use std::io::{Read as _, Seek as _};
    let mut head = Vec::new();
    // The sniff reads the file's start, then the stream reads it all again.
    let opened = std::fs::File::open(&file.abs).and_then(|mut f| {
        (&mut f).take(text::SNIFF_LEN as u64).read_to_end(&mut head)?;
        f.rewind()?;
        Ok(f)
    });
    if let Some(what) = text::binary_kind(&head) {
        let mut parsed = if crate::discover::promises_text(&file.rel) {
            parse_misnamed_binary(ctx, file, 0, what)
        } else {
            parse_binary(ctx, file, SourceFormat::Binary, 0)
        };
        parsed.document.size = size;
        return parsed;
    }
    let excerpt = opened.and_then(|f| {
        text::excerpt::read_excerpt(std::io::BufReader::new(f), &evidence::notable_line)
    });
    let excerpt = match excerpt {
        Ok(excerpt) => excerpt,
        Err(err) => {
            let mut parsed = parse(ctx, file, b"");
            parsed.document.text_from_file = false;
            let message = format!("failed to read `{}`: {err}", file.rel);
            parsed.diagnostics.push(Diagnostic::error("A002", &file.rel, 0, message));
            return parsed;
        }
    };
    let mut diagnostics = Vec::new();
    report_decoding(&file.rel, &excerpt.issues, &mut diagnostics);
    diagnostics.push(shown_cut(&file.rel, size, &excerpt));
    let mut excerpt = excerpt;
    let masked = text::secrets::mask(&mut excerpt.text);
    report_masked(&file.rel, &masked, Some(&excerpt.line_numbers), &mut diagnostics);
    let shown = crate::model::Shown {
        line_numbers: excerpt.line_numbers,
        head: excerpt.head,
        tail: excerpt.tail,
        notable: excerpt.notable,
        total_lines: excerpt.total_lines,
        cut_lines: excerpt.cut_lines,
    };
    let mut parsed = parse_text(ctx, file, file.format, excerpt.text, Some(&shown.line_numbers));
    parsed.document.size = size;
    parsed.document.n_lines = shown.total_lines;
    parsed.document.shown = Some(shown);
    parsed.document.masked = masked.len();
    diagnostics.append(&mut parsed.diagnostics);
    parsed.diagnostics = diagnostics;
    parsed
}

/// An error for each credential masked in a file's text, at its line
/// (`numbers`: the real numbers of an excerpt's lines). The message names
/// the kind, never the value.
fn report_masked(
    rel: &str,
    masked: &[text::secrets::Found],
    numbers: Option<&[usize]>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for found in masked {
        let line = real_line(numbers, found.line);
        diagnostics.push(
            Diagnostic::error(
                "A290",
                rel,
                line,
                format!("{} is written here; the portal shows it masked", found.kind),
            )
            .with_help("remove it and revoke it: it stays in the repository's history; an example value should read as one (`AKIAIOSFODNN7EXAMPLE`, `<token>`)"),
        );
    }
}

/// The number in the file of a text's line (1-based; 0 is the file), when
/// the text is an excerpt whose lines have these `numbers`.
fn real_line(numbers: Option<&[usize]>, line: usize) -> usize {
    match numbers {
        Some(numbers) if line > 0 => numbers.get(line - 1).copied().unwrap_or(line),
        _ => line,
    }
}

/// The diagnostic that says a big text is shown cut, and how.
fn shown_cut(rel: &str, size: u64, excerpt: &text::excerpt::Excerpt) -> Diagnostic {
    let mib = size as f64 / (1024.0 * 1024.0);
    let mut message = format!(
        "file is {mib:.1} MiB, too big to show whole: its page shows the first {}, the last {} and {} failing or result lines of {}",
        excerpt.head, excerpt.tail, excerpt.notable, excerpt.total_lines
    );
    if excerpt.notable_left_out > 0 {
        message.push_str(&format!(
            "; {} more failing or result lines are not shown",
            excerpt.notable_left_out
        ));
    }
    if excerpt.cut_lines > 0 {
        message.push_str(&format!(
            "; {} line(s) longer than {} bytes are cut",
            excerpt.cut_lines,
            text::excerpt::MAX_LINE_BYTES
        ));
    }
    Diagnostic::info("A210", rel, 0, message)
        .with_help("the raw file is published whole; its figures are read from the lines shown")
}

/// Compiles the patterns that take longest to compile, in parallel, which
/// the parse would otherwise compile as its first files need them. A
/// thread that needs a pattern another is compiling waits for it: before,
/// for 50 of the first 125 ms of a parse of 1,000 documents, one core of
/// two waited so. Called beside the walk of the tree; each pattern is
/// compiled once a process, so a second call costs nothing.
pub fn prepare() {
    use crate::text::words::Prepare;
    let figures = claims::FIGURE_PATTERNS.iter().map(|&pattern| pattern as &dyn Prepare);
    let rest = [claims::COSTLY, meta::COSTLY, crate::evidence::COSTLY, text::secrets::COSTLY];
    rayon::scope(|scope| {
        for pattern in figures.chain(rest.into_iter().flatten().copied()) {
            scope.spawn(move |_| pattern.prepare());
        }
    });
}

/// Parses one file's bytes.
///
/// Images and other binary files by name are shown as they are, and so is
/// binary data under a name that says nothing (`.DS_Store`). A file whose
/// name promises text but whose bytes are binary (see [`text::binary_kind`])
/// is shown as a download, listed with the reason and reported.
/// Text is decoded, and read as markdown only when its name says markdown,
/// or it is a `.txt` outside the evidence folders whose structure is
/// markdown's ([`looks_like_markdown`]); YAML, logs and other text are shown
/// as text.
pub fn parse(ctx: &ParseContext, file: &SourceFile, bytes: &[u8]) -> Parsed {
    if matches!(file.format, SourceFormat::Image | SourceFormat::Binary) {
        let mut parsed = parse_binary(ctx, file, file.format, bytes.len());
        if file.format == SourceFormat::Image && image::is_svg(&file.rel) {
            parsed.document.image_uri = image::svg_data_uri(bytes);
        }
        return parsed;
    }
    if let Some(what) = text::binary_kind(bytes) {
        if !crate::discover::promises_text(&file.rel) {
            return parse_binary(ctx, file, SourceFormat::Binary, bytes.len());
        }
        return parse_misnamed_binary(ctx, file, bytes.len(), what);
    }
    let mut diagnostics = Vec::new();
    let mut decoded = text::decode(bytes);
    report_decoding(&file.rel, &decoded.issues, &mut diagnostics);
    let masked = text::secrets::mask(&mut decoded.text);
    report_masked(&file.rel, &masked, None, &mut diagnostics);
    let format = if file.format == SourceFormat::Text
        && !file.in_evidence_dir
        && crate::discover::may_be_markdown(&file.rel)
        && looks_like_markdown(&decoded.text)
    {
        SourceFormat::Markdown
    } else {
        file.format
    };
    let mut parsed = parse_text(ctx, file, format, decoded.text, None);
    parsed.document.size = bytes.len() as u64;
    parsed.document.masked = masked.len();
    parsed.document.unmasked_print = masked.is_empty().then(|| text::fingerprint(bytes));
    diagnostics.append(&mut parsed.diagnostics);
    parsed.diagnostics = diagnostics;
    parsed
}

/// Decoded text, as markdown or as data; `numbers` are the real numbers of
/// its lines when it is the excerpt of a big text.
fn parse_text(
    ctx: &ParseContext,
    file: &SourceFile,
    format: SourceFormat,
    text: String,
    numbers: Option<&[usize]>,
) -> Parsed {
    match format {
        SourceFormat::Markdown => parse_markdown(ctx, file, &text),
        _ => parse_data(ctx, file, format, Some(text), numbers),
    }
}

/// An image or other binary file, shown as it is (an image, a download).
fn parse_binary(
    ctx: &ParseContext,
    file: &SourceFile,
    format: SourceFormat,
    size: usize,
) -> Parsed {
    let mut parsed = parse_data(ctx, file, format, None, None);
    parsed.document.size = size as u64;
    parsed
}

/// A file whose name promises text (markdown, a log, YAML) that holds
/// binary data: shown as a download, listed on the *All files* page with
/// what it holds, and reported.
fn parse_misnamed_binary(ctx: &ParseContext, file: &SourceFile, size: usize, what: &str) -> Parsed {
    let mut parsed = parse_binary(ctx, file, SourceFormat::Binary, size);
    parsed.diagnostics.push(
        Diagnostic::warning(
            "A008",
            &file.rel,
            1,
            format!("file holds {what}, not text; it is listed, not read"),
        )
        .with_help("give the file the extension of what it holds, or exclude it in attestor.toml"),
    );
    let reason = format!("holds {what}, not the text its name promises; not read");
    parsed.unread = Some(Skipped { path: file.rel.clone(), reason });
    parsed
}

/// Turns what the decoder repaired into diagnostics at their lines.
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
            DecodeIssue::Utf32 => {
                Diagnostic::info("A006", rel, 0, "file is UTF-32; it was converted".into())
            }
            DecodeIssue::NulBytes { line, count } => Diagnostic::warning(
                "A007",
                rel,
                *line,
                format!("{count} NUL byte(s) removed; the rest of the file is read as text"),
            )
            .with_help(
                "NUL bytes are never text (a writer that crashed or padded the file leaves them); remove them",
            ),
        };
        diagnostics.push(diagnostic);
    }
}

/// Whether a `.txt` file outside the evidence folders is really markdown:
/// its structure says so, not just a first line that starts with `#` (see
/// [`plain_text::looks_like_markdown`]).
fn looks_like_markdown(text: &str) -> bool {
    plain_text::looks_like_markdown(text)
}

fn parse_markdown(ctx: &ParseContext, file: &SourceFile, text: &str) -> Parsed {
    let mut diagnostics = Vec::new();
    let split = frontmatter::split(&file.rel, text, &mut diagnostics);
    let front = split.front.unwrap_or_default();
    let body_line = split.body_line_offset + 1;
    let mut rendered = markdown::scan(&file.rel, split.body, body_line, &ctx.ids);
    diagnostics.append(&mut rendered.diagnostics);
    let lines = meta::meta_lines(split.body);

    let first_h1 = rendered.headings.iter().find(|h| h.level == 1).map(|h| h.text.as_str());
    let first_heading = rendered.headings.first().map(|h| h.text.as_str());
    let title = meta::title(front.title.as_deref(), first_h1, first_heading, &file.rel);
    let status = front.status.clone().or(lines.status.clone());
    // The owner named for the document's work is its tasks' owner; its author
    // is only shown as the document's owner when nobody else is named.
    let task_owner = front.owner.clone().or(lines.owner.clone());
    let owner = task_owner.clone().or(front.author.clone()).or(lines.author.clone());
    // One copy of the path, shared by the sources of the document's tasks,
    // phases and claims (a million tasks at 100,000 documents).
    let path: Arc<str> = Arc::from(file.rel.as_str());
    let facts = tasks::DocFacts {
        path: &path,
        // A document is a task of its own when its frontmatter gives both an
        // id and a status; an id alone names the document (`id: doc-1`).
        front_id: front.id.as_deref().filter(|_| front.status.is_some()),
        title: &title,
        status: status.as_deref(),
        owner: task_owner.as_deref(),
        front_line: 1,
    };
    let mut found = tasks::find(&facts, &rendered.blocks, &ctx.ids);
    let stated_critical_path = chains::stated_critical_path(&file.rel, &rendered.blocks, &ctx.ids);
    diagnostics.append(&mut found.diagnostics);
    let offset = split.body_line_offset;
    let depends_on = meta::dependencies(
        &ctx.ids,
        &file.rel,
        &front.depends_on,
        &lines,
        offset,
        &mut diagnostics,
    );
    meta::inherit(&mut found.tasks, &lines.inheritance(task_owner.clone(), depends_on, offset));
    let date = meta::document_date(front.date.as_deref(), &lines, &title, &file.rel);
    meta::report_dates(&file.rel, text, front.date.as_deref(), &lines, offset, &mut diagnostics);
    let dated = lines.date.is_some()
        || find_written_date(&title).is_some()
        || find_date(&file.rel).is_some();
    let shape = meta::kind::Shape::of(dated, &rendered.headings, &found.tasks, &found.phases);
    let kind = doc_kind(file, front.kind.as_deref(), &title, shape, &mut diagnostics);
    let (mut claims, mut references) = prose::scan_prose(&path, &rendered.blocks);
    if kind == DocKind::Evidence {
        // An evidence note's figures are its outcome, not a claim about one.
        claims.clear();
    }
    if !claims.is_empty() {
        let body_lines: Vec<&str> = crate::text::lines(split.body).collect();
        // Claims come in the order of their lines: those of one line share
        // its lowercased text. A line longer than [`LONG_LINE`] is no line
        // of prose (an inline image, a pasted dump): each of its claims
        // keeps its own words, since every check across documents reads a
        // claim's line once per claim.
        let mut last: Option<(usize, Arc<str>)> = None;
        for claim in &mut claims {
            let at = claim.source.line.checked_sub(body_line);
            let Some((at, text)) = at.and_then(|at| Some((at, *body_lines.get(at)?))) else {
                claim.line = Arc::default();
                continue;
            };
            claim.line = match &last {
                _ if text.len() > LONG_LINE => claim.text.to_lowercase().into(),
                Some((line, shared)) if *line == at => Arc::clone(shared),
                _ => {
                    let shared: Arc<str> = text.to_lowercase().into();
                    last = Some((at, Arc::clone(&shared)));
                    shared
                }
            };
        }
    }
    references.extend(rendered.references);
    references.sort();
    references.dedup();
    let document = Document {
        title,
        date,
        status,
        owner,
        markdown: Some((split.body.to_string(), body_line)),
        n_lines: crate::text::line_count(text),
        headings: rendered.headings,
        references,
        tasks: found.tasks.iter().map(|t| t.id.clone()).collect(),
        supports: front.tasks,
        declared_complete: meta::complete::complete_line(
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

/// The kind: frontmatter, else the evidence folders, else the rule of
/// [`meta::kind::classify`] (name, title and folder words, then the shape).
fn doc_kind(
    file: &SourceFile,
    front_kind: Option<&str>,
    title: &str,
    shape: meta::kind::Shape,
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
    if file.in_evidence_dir {
        return DocKind::Evidence;
    }
    meta::kind::classify(&file.rel, title, shape)
}

/// A file shown as it is (a log, JSON, XML, YAML, an image): a tracker when
/// it is a tracker export or a sprint status, else evidence when it sits in
/// an evidence folder, otherwise a plain page.
fn parse_data(
    ctx: &ParseContext,
    file: &SourceFile,
    format: SourceFormat,
    text: Option<String>,
    numbers: Option<&[usize]>,
) -> Parsed {
    let tracker = text.as_deref().filter(|t| tracker::is_tracker_export(&file.rel, t));
    let sprint = text
        .as_deref()
        .filter(|t| tracker.is_none() && sprint_status::is_sprint_status(&file.rel, t))
        .map(|t| sprint_status::read(&file.rel, t));
    let kind = if tracker.is_some() || sprint.is_some() {
        DocKind::Tracker
    } else if file.in_evidence_dir {
        DocKind::Evidence
    } else {
        DocKind::Page
    };
    let export = tracker.map(|text| tracker::read(&file.rel, text, &ctx.ids));
    // An excerpt keeps its lines: unescaping would renumber them.
    let unescapes = kind == DocKind::Evidence && format == SourceFormat::Text && numbers.is_none();
    let (text, text_from_file) = match text {
        Some(raw) if unescapes => match evidence::readable_log(&raw) {
            Cow::Borrowed(_) => (Some(raw), true),
            Cow::Owned(readable) => (Some(readable), false),
        },
        other => {
            let from_file = other.is_some() && numbers.is_none();
            (other, from_file)
        }
    };
    let mut document = Document {
        date: find_date(&file.rel),
        n_lines: text.as_deref().map_or(0, crate::text::line_count),
        text_from_file,
        text,
        ..Document::new(file.rel.clone(), kind, format)
    };
    let evidence = (kind == DocKind::Evidence).then(|| {
        let text = document.text.as_deref().unwrap_or("");
        let mut evidence = evidence::read(&document, evidence::format_name(format), text);
        if let Some(numbers) = numbers {
            evidence::renumber(&mut evidence, numbers);
        }
        evidence
    });
    if let Some(evidence) = &evidence {
        document.date = evidence.date.clone();
    }
    // What else is read of the text is read now, once: the notes it needs
    // and, for evidence, the details its page shows and the ids its first
    // lines name. An evidence file's page then reads the file again, so its
    // text is not held while the tree is linked (87 MB of logs and reports
    // at 10,000 documents).
    let text = document.text.as_deref().unwrap_or("");
    let mut diagnostics: Vec<Diagnostic> = text::active::note(&file.rel, text)
        .into_iter()
        .chain(evidence::details::broken_report(&file.rel, text))
        .map(|mut diagnostic| {
            diagnostic.line = real_line(numbers, diagnostic.line);
            diagnostic
        })
        .collect();
    let details = evidence
        .as_ref()
        .filter(|_| numbers.is_none())
        .and_then(|item| evidence::details::details(item.format, text));
    let head_ids = evidence.as_ref().map(|_| ctx.ids.find_in_head(text)).unwrap_or_default();
    if kind == DocKind::Evidence && document.text_from_file {
        document.text = None;
    }
    if let Some(sprint) = sprint {
        let mut parsed = sprint_parsed(document, sprint);
        parsed.diagnostics.append(&mut diagnostics);
        return parsed;
    }
    let Some(export) = export else {
        return Parsed { details, head_ids, diagnostics, ..Parsed::of(document, evidence) };
    };
    document.title = format!("Tracker export ({})", document.title);
    document.tasks = export.tasks.iter().map(|t| t.id.clone()).collect();
    document.references = export.references;
    document.date = export.events.iter().map(|e| e.date.clone()).max();
    diagnostics.extend(export.diagnostics);
    Parsed {
        tasks: export.tasks,
        events: export.events,
        diagnostics,
        ..Parsed::of(document, evidence)
    }
}

/// A sprint status as a tracker: its entries are the document's tasks, its
/// epics its phases.
fn sprint_parsed(mut document: Document, sprint: sprint_status::Sprint) -> Parsed {
    document.title = match &sprint.project {
        Some(project) => format!("Sprint status: {project}"),
        None => format!("Sprint status ({})", document.title),
    };
    document.tasks = sprint.tasks.iter().map(|t| t.id.clone()).collect();
    document.date = sprint.date;
    Parsed {
        tasks: sprint.tasks,
        phases: sprint.phases,
        diagnostics: sprint.diagnostics,
        ..Parsed::of(document, None)
    }
}

#[cfg(test)]
mod proptests;

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::model::EvidenceDetails;

    fn evidence_file(rel: &str, format: SourceFormat) -> SourceFile {
        SourceFile { abs: PathBuf::from(rel), rel: rel.to_string(), format, in_evidence_dir: true }
    }

    /// An evidence file's text is not held past its parse: what else reads
    /// it (its page's details, the ids its first lines name, the notes on
    /// its content) has read it by then, and its page reads the file again.
    #[test]
    fn an_evidence_file_is_read_whole_when_parsed_and_its_text_let_go_of() {
        let ctx = ParseContext { ids: IdMatcher::new(&[]).0 };
        let junit = concat!(
            "<?xml version=\"1.0\"?>\n",
            "<!-- run for T-014 -->\n",
            "<?xml-stylesheet href=\"report.xsl\"?>\n",
            "<testsuite name=\"api\" tests=\"2\" failures=\"1\">\n",
            "  <testcase name=\"totals\"><failure message=\"off by one\"/></testcase>\n",
            "  <testcase name=\"refunds\"/>\n",
            "</testsuite>\n",
        );
        let file = evidence_file("test-results/api.xml", SourceFormat::Xml);
        let parsed = parse(&ctx, &file, junit.as_bytes());
        assert_eq!(parsed.document.text, None);
        assert!(parsed.document.text_from_file);
        assert_eq!(parsed.document.n_lines, 7);
        assert_eq!(parsed.head_ids, [(2, "T-014".to_string())]);
        let Some(EvidenceDetails::Junit(summary)) = &parsed.details else {
            panic!("no JUnit details: {:?}", parsed.details);
        };
        assert_eq!(summary.failing.len(), 1);
        let notes: Vec<_> = parsed.diagnostics.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(notes, [("A190", 3)]);

        let broken = evidence_file("coverage/coverage-summary.json", SourceFormat::Json);
        let parsed = parse(&ctx, &broken, b"{\n  \"total\": {,}\n}\n");
        assert_eq!(parsed.document.text, None);
        let found: Vec<_> = parsed.diagnostics.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(found, [("A230", 2)]);
    }

    /// A file whose text held nothing to mask keeps the print of its bytes,
    /// so that its page, reading the same bytes again, need not search them
    /// for credentials; one with a credential masked keeps none.
    #[test]
    fn a_file_with_nothing_masked_keeps_the_print_of_its_bytes() {
        let ctx = ParseContext { ids: IdMatcher::new(&[]).0 };
        let file = evidence_file("logs/deploy.log", SourceFormat::Text);
        let clean = b"deploy ok\nthe token was rotated\n";
        let parsed = parse(&ctx, &file, clean);
        assert_eq!(parsed.document.masked, 0);
        assert_eq!(parsed.document.unmasked_print, Some(text::fingerprint(clean)));
        let leaked =
            format!("deploy ok\nGITHUB_TOKEN={}\n", ["ghp_", &"4f9KzQ2mX7".repeat(4)].concat());
        let parsed = parse(&ctx, &file, leaked.as_bytes());
        assert_eq!(parsed.document.masked, 1);
        assert_eq!(parsed.document.unmasked_print, None);
    }

    /// A plan's tasks, their plan, its phases and its claims all name the
    /// plan's path: one copy of it, shared, not one per task (a million
    /// tasks at 100,000 documents).
    #[test]
    fn a_documents_tasks_phases_and_claims_share_its_path() {
        let ctx = ParseContext { ids: IdMatcher::new(&[]).0 };
        let file = SourceFile {
            abs: PathBuf::from("plans/billing.md"),
            rel: "plans/billing.md".to_string(),
            format: SourceFormat::Markdown,
            in_evidence_dir: false,
        };
        let plan = concat!(
            "# Billing\n\n",
            "## Phase 1: Invoices\n\n",
            "- [x] BIL-001 Draft the invoice model\n",
            "- [ ] BIL-002 Send invoices by mail\n\n",
            "All 42/42 tests passed on the invoice model.\n",
        );
        let parsed = parse(&ctx, &file, plan.as_bytes());
        let ids: Vec<_> = parsed.tasks.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["BIL-001", "BIL-002"]);
        assert_eq!(parsed.phases.len(), 1);
        assert_eq!(parsed.claims.len(), 1, "{:?}", parsed.claims);
        let first = &parsed.tasks[0].source.path;
        assert_eq!(&**first, "plans/billing.md");
        let shared = parsed.tasks.iter().flat_map(|t| [&t.source.path, &t.plan]);
        let shared = shared
            .chain(parsed.phases.iter().map(|p| &p.source.path))
            .chain(parsed.claims.iter().map(|c| &c.source.path));
        for path in shared {
            assert!(Arc::ptr_eq(first, path), "{path} is a copy of its own");
        }
    }

    /// A log whose escaped line breaks were restored is not the file's text:
    /// it is held for its page, which could not read it again.
    #[test]
    fn a_log_whose_line_breaks_were_restored_is_held() {
        let ctx = ParseContext { ids: IdMatcher::new(&[]).0 };
        let file = evidence_file("logs/agent.log", SourceFormat::Text);
        let log = "\"T-3 run\\n5 passed\\n1 failed\\nFAILED tests/test_a.py::test_x\\n\"\n";
        let parsed = parse(&ctx, &file, log.as_bytes());
        assert!(!parsed.document.text_from_file);
        assert!(parsed.document.text.as_deref().is_some_and(|t| t.contains("5 passed\n")));
        assert_eq!(parsed.head_ids, [(1, "T-3".to_string())]);
    }
}
