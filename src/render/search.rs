//! The search index, written at build time, and the script that reads it.
//!
//! The index is `search-index.js`, a script that hands its data to the page
//! (`window.attestorSearch = …`), so `search.html` loads it with a
//! `<script src>` and search works offline and from `file://`, where fetch
//! and XHR of a local file are refused. It is a compact form of our own
//! rather than an elasticlunr index: on the 375-file auto-author tree an
//! elasticlunr-rs index of the same text was 9.3 MB and took 1.3 s to build
//! (2.8 times the text); this one holds each entry's fields once, as plain
//! text, and costs a few milliseconds. The script matches every word of the
//! query as a substring of an entry's fields, so partial ids (`T-00`) and
//! word stems match, and ranks title and id matches above body matches.
//!
//! Entries: every document (title, path, headings, text; evidence and
//! images by name only, since a log's text is not prose to search), every
//! task (id, title, owner, status), in that order. Text is markup-free and
//! cut at [`MAX_TEXT`] characters a document, so a huge export cannot make
//! the index huge; the search page says so.

use serde::Serialize;

use crate::model::{DocKind, Document, Site, Task, evidence_at};
use crate::text::eight;

/// The most characters of one document's text that are indexed.
pub const MAX_TEXT: usize = 20_000;

/// Where the index goes, relative to the site root.
pub const INDEX_URL: &str = "search-index.js";

/// One entry, serialised as an array to keep the index small:
/// `[kind, title, url, path, extra, text]`.
#[derive(Debug, Serialize, PartialEq, Eq)]
struct Entry<'a>(&'a str, &'a str, String, &'a str, String, String);

/// The whole index, as the script reads it.
#[derive(Serialize)]
struct Index<'a> {
    v: u32,
    max_text: usize,
    entries: Entries<'a>,
}

/// Every entry of a site, made as it is serialised, a few hundred
/// documents at a time in parallel: at 10,000 documents the entries' text
/// is 70 MB, which need not be in memory at once.
struct Entries<'a>(&'a Site);

/// How many documents' entries are made at once.
const CHUNK: usize = 256;

impl Serialize for Entries<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use rayon::prelude::*;
        let site = self.0;
        let documents = site.documents.chunks(CHUNK).flat_map(|chunk| {
            chunk.par_iter().map(|doc| document_entry(site, doc)).collect::<Vec<_>>()
        });
        serializer.collect_seq(documents.chain(site.tasks.iter().map(task_entry)))
    }
}

/// Writes the index script to `out` as it is serialised:
/// `window.attestorSearch = {"v":1,"max_text":…,"entries":[…]};`.
pub fn write_index_js(site: &Site, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use std::io::Write as _;
    let index = Index { v: 1, max_text: MAX_TEXT, entries: Entries(site) };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    out.write_all(b"window.attestorSearch = ")?;
    serde_json::to_writer(&mut out, &index)?;
    out.write_all(b";\n")?;
    out.flush()
}

fn document_entry<'a>(site: &'a Site, doc: &'a Document) -> Entry<'a> {
    let text = match doc.kind {
        DocKind::Evidence => String::new(),
        _ => plain_text(&doc.body_html.unpack(), MAX_TEXT),
    };
    let headings: Vec<&str> = doc.headings.iter().map(|h| h.text.as_str()).collect();
    let mut extra = headings.join(" · ");
    if doc.kind == DocKind::Evidence
        && let Some(evidence) = evidence_at(&site.evidence, &doc.path)
    {
        extra = format!("{} · {}", evidence.kind.as_str(), outcome_words(evidence));
    }
    let url = crate::model::href(&doc.url);
    Entry(doc.kind.as_str(), &doc.title, url, &doc.path, extra, text)
}

/// The search page; the script fills in the results.
pub fn page(theme: &crate::render::theme::Theme) -> anyhow::Result<String> {
    let mut context = tera::Context::new();
    context.insert("nav", "search");
    context.insert("max_text", &MAX_TEXT);
    crate::render::pages::render_page(theme, "search.html", "search.html", context)
}

fn task_entry(task: &Task) -> Entry<'_> {
    let mut extra = vec![task.status.words().to_string()];
    if task.verification != crate::model::Verification::Pending {
        extra[0] = crate::render::graph::svg::state_words(task);
    }
    extra.extend(task.owner.as_deref().map(str::to_string));
    extra.extend(task.phase.as_deref().map(str::to_string));
    extra.extend(task.track.as_deref().map(str::to_string));
    let text = task.done_when.as_deref().unwrap_or_default().to_string();
    Entry("task", &task.title, crate::model::href(&task.url), &task.id, extra.join(" · "), text)
}

fn outcome_words(evidence: &crate::model::Evidence) -> &'static str {
    match evidence.outcome {
        crate::model::Outcome::Pass => "passed",
        crate::model::Outcome::Fail => "failed",
        crate::model::Outcome::Unknown => "no outcome",
    }
}

/// The text of an HTML fragment: tags dropped, the common entities
/// decoded, runs of white space made one space, cut at `max` characters.
pub fn plain_text(html: &str, max: usize) -> String {
    let mut text =
        PlainText { out: String::with_capacity(html.len().min(max * 2)), n_chars: 0, space: false };
    let bytes = html.as_bytes();
    let mut at = 0;
    while at < html.len() {
        // The text up to the next tag or entity, a character at a time.
        let next = memchr::memchr2(b'<', b'&', &bytes[at..]).map_or(html.len(), |i| at + i);
        if !text.push_run(&html[at..next], max) {
            return text.out;
        }
        if next == html.len() || text.n_chars >= max {
            break;
        }
        let rest = &html[next..];
        let (piece, used) = if bytes[next] == b'<' {
            // A block's tag separates words (`<td>a</td><td>b</td>`);
            // an inline one does not (`(<a>T-1</a>)`).
            let end = memchr::memchr(b'>', rest.as_bytes()).map_or(rest.len(), |at| at + 1);
            let tag = rest[1..end].trim_start_matches('/');
            let name_len = tag.bytes().take_while(u8::is_ascii_alphanumeric).count();
            let name = &tag[..name_len];
            let inline = INLINE_TAGS.iter().any(|tag| tag.eq_ignore_ascii_case(name));
            (if inline { None } else { Some(' ') }, end)
        } else {
            match entity(rest) {
                Some((decoded, len)) => (Some(decoded), len),
                None => (Some('&'), 1),
            }
        };
        if let Some(piece) = piece {
            text.push(piece);
        }
        at = next + used;
    }
    text.out
}

/// The text [`plain_text`] makes, as it grows.
struct PlainText {
    out: String,
    /// Characters in `out`.
    n_chars: usize,
    /// Whether white space came since the last character kept.
    space: bool,
}

impl PlainText {
    /// Adds the characters of `run` as [`push`](Self::push) does, one at a
    /// time, while fewer than `max` are kept; `false` when it stopped for
    /// `max`. A stretch of ASCII that is not white space is copied whole.
    fn push_run(&mut self, run: &str, max: usize) -> bool {
        let bytes = run.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            if self.n_chars >= max {
                return false;
            }
            let word = graphic_run_end(bytes, at);
            if word == at {
                let ch = run[at..].chars().next().unwrap_or_default();
                self.push(ch);
                at += ch.len_utf8();
                continue;
            }
            // The first character brings the space before it; each one
            // after it is kept while fewer than `max` are.
            self.push(char::from(bytes[at]));
            let take = (word - at - 1).min(max.saturating_sub(self.n_chars));
            self.out.push_str(&run[at + 1..at + 1 + take]);
            self.n_chars += take;
            at += 1 + take;
            if at < word {
                return false;
            }
        }
        true
    }

    /// Adds a character: a run of white space becomes one space before the
    /// next character, and none at the start.
    fn push(&mut self, piece: char) {
        if piece.is_whitespace() {
            self.space = !self.out.is_empty();
            return;
        }
        if self.space {
            self.out.push(' ');
            self.n_chars += 1;
            self.space = false;
        }
        self.out.push(piece);
        self.n_chars += 1;
    }
}

/// Where the run of ASCII graphic bytes (`!` to `~`) from `at` ends: at
/// the first other byte, or the end. Eight bytes are looked at together
/// while all are graphic.
fn graphic_run_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(word) = eight::word_at(bytes, at) {
        // A byte below `!`, outside ASCII, or DEL.
        if eight::has_byte_below(word, b'!')
            | eight::has_high_byte(word)
            | eight::has_byte(word, 0x7F)
        {
            break;
        }
        at += 8;
    }
    bytes[at..].iter().position(|b| !b.is_ascii_graphic()).map_or(bytes.len(), |len| at + len)
}

/// Tags that sit inside a line of text rather than end one.
const INLINE_TAGS: [&str; 16] = [
    "a", "abbr", "b", "code", "del", "em", "i", "kbd", "mark", "q", "s", "small", "span", "strong",
    "sub", "sup",
];

/// The character an entity at the start of `text` stands for, and its length.
fn entity(text: &str) -> Option<(char, usize)> {
    let end = text.bytes().take(12).position(|b| b == b';')?;
    let name = &text[1..end];
    let ch = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => {
            let code = match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => name.strip_prefix('#')?.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((ch, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::{Source, SourceFormat, TaskForm, TaskStatus};

    fn index_js(site: &Site) -> String {
        let mut js = Vec::new();
        write_index_js(site, &mut js).expect("writing to memory does not fail");
        String::from_utf8(js).expect("serde_json writes UTF-8")
    }

    #[test]
    fn a_graphic_run_ends_where_a_byte_at_a_time_ends_it() {
        // Every byte value, at every offset of a run longer than a word.
        for byte in 0..=u8::MAX {
            for at in 0..20 {
                let mut bytes = b"abcdefghijklmnopqrstuvwxyz".to_vec();
                bytes[at] = byte;
                let by_bytes = |from: usize| {
                    bytes[from..]
                        .iter()
                        .position(|b| !b.is_ascii_graphic())
                        .map_or(bytes.len(), |n| from + n)
                };
                for from in 0..bytes.len() {
                    assert_eq!(
                        graphic_run_end(&bytes, from),
                        by_bytes(from),
                        "{byte:#x} at {at} from {from}"
                    );
                }
            }
        }
    }

    #[test]
    fn index_holds_documents_tasks_and_evidence_names() {
        let mut plan = Document::new("plans/p.md".into(), DocKind::Plan, SourceFormat::Markdown);
        plan.title = "Launch plan".into();
        plan.url = "plans/p.html".into();
        plan.body_html = "<h2>Rollout</h2><p>Ship it <script>x</script></p>".into();
        let mut log = Document::new("tests/run.log".into(), DocKind::Evidence, SourceFormat::Text);
        log.title = "run.log".into();
        log.url = "tests/run.log.html".into();
        log.body_html = "<p>never indexed</p>".into();
        let source = Source { path: "plans/p.md".into(), line: 4 };
        let mut task = Task::new(
            "T-1".into(),
            "Wire \"it\"".into(),
            TaskStatus::Open,
            source,
            TaskForm::TableRow,
        );
        task.owner = Some("Mara".into());
        task.url = "tasks/t-1.html".into();
        let site = Site { documents: vec![plan, log], tasks: vec![task], ..Site::default() };
        let js = index_js(&site);
        let json =
            js.strip_prefix("window.attestorSearch = ").unwrap().trim_end().trim_end_matches(';');
        let data: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(data["max_text"], MAX_TEXT);
        assert_eq!(
            data["entries"],
            serde_json::json!([
                ["plan", "Launch plan", "plans/p.html", "plans/p.md", "", "Rollout Ship it x"],
                ["evidence", "run.log", "tests/run.log.html", "tests/run.log", "", ""],
                ["task", "Wire \"it\"", "tasks/t-1.html", "T-1", "open · Mara", ""],
            ])
        );
    }

    /// [`plain_text`] as it was written first, a character at a time: what
    /// the copy of whole stretches must give.
    fn plain_text_one_at_a_time(html: &str, max: usize) -> String {
        let mut text = PlainText { out: String::new(), n_chars: 0, space: false };
        let bytes = html.as_bytes();
        let mut at = 0;
        while at < html.len() {
            let next = memchr::memchr2(b'<', b'&', &bytes[at..]).map_or(html.len(), |i| at + i);
            for ch in html[at..next].chars() {
                if text.n_chars >= max {
                    return text.out;
                }
                text.push(ch);
            }
            if next == html.len() || text.n_chars >= max {
                break;
            }
            let rest = &html[next..];
            let (piece, used) = if bytes[next] == b'<' {
                let end = rest.find('>').map_or(rest.len(), |at| at + 1);
                let name: String = rest[1..end]
                    .trim_start_matches('/')
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect();
                let inline = INLINE_TAGS.iter().any(|tag| tag.eq_ignore_ascii_case(&name));
                (if inline { None } else { Some(' ') }, end)
            } else {
                match entity(rest) {
                    Some((decoded, len)) => (Some(decoded), len),
                    None => (Some('&'), 1),
                }
            };
            if let Some(piece) = piece {
                text.push(piece);
            }
            at = next + used;
        }
        text.out
    }

    #[test]
    fn plain_text_copies_stretches_as_it_read_characters() {
        let pages = [
            "<h1 id=\"x\">Ship it</h1>\n<p>Done: <strong>196/196</strong> tests,\tno\u{b}fails.</p>",
            "  lead\u{a0}space\u{2003}em\u{3000}wide — ✅ passé ж 中文 <td>a</td><TD>b</TD>",
            "ctrl\u{1}\u{7f}chars &amp;&#233;&nbsp;&bogus; <a href=\"t\">T-1</a>(<em>x</em>)",
            "<p>word</p><p>  </p><br/><span>in</span>line &lt;b&gt; end &am",
            "",
            "no tags at all, just a long sentence of words to cut at every place",
        ];
        for html in pages {
            for max in 0..=html.chars().count() + 2 {
                assert_eq!(
                    plain_text(html, max),
                    plain_text_one_at_a_time(html, max),
                    "max {max} of {html:?}"
                );
            }
        }
    }

    #[test]
    fn plain_text_drops_tags_and_decodes_entities() {
        let html = "<h2 id=\"a\">Rollout &amp; rollback</h2>\n<p>Use <code>&lt;b&gt;</code>&#39;s&nbsp;and&#x21; (<a href=\"x\">T-1</a>)</p><td>a</td><td>b</td>";
        assert_eq!(plain_text(html, 1000), "Rollout & rollback Use <b>'s and! (T-1) a b");
        assert_eq!(plain_text(html, 7), "Rollout");
        assert_eq!(plain_text("a &unknown; & b", 100), "a &unknown; & b");
        assert_eq!(plain_text("ends with &am", 100), "ends with &am");
    }
}
