//! YAML frontmatter: the `---` block at the top of a document.
//!
//! This is the only module that calls a YAML library: `yaml_serde`, the YAML
//! organisation's maintained fork of the archived serde_yaml, so another
//! change of library happens here and nowhere else. It splits the block
//! from the body, reads the keys attestor knows, and turns YAML errors into
//! diagnostics on the file's own lines. What the keys mean is the parser's call.

use yaml_serde::Value;

use crate::diagnostics::Diagnostic;
use crate::model::DocKind;

/// The keys of a frontmatter block that override what attestor infers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// `kind`: plan, session, tracker, evidence or page.
    pub kind: Option<String>,
    /// `title`.
    pub title: Option<String>,
    /// `date`, else `updated` (`last_updated`, `updated_at`, `modified`), else
    /// `created` (`created_date`, `created_at`), as written.
    pub date: Option<String>,
    /// `status`.
    pub status: Option<String>,
    /// `owner` or `assignee` (a list is joined with commas): who owns the work.
    pub owner: Option<String>,
    /// `author`: who wrote the document.
    pub author: Option<String>,
    /// `depends_on` (`dependencies`, `depends`, `blocked_by`): ids as written.
    pub depends_on: Vec<String>,
    /// `tasks`: ids an evidence file supports, as a list or a comma-separated string.
    pub tasks: Vec<String>,
    /// `id`: the document's own task id.
    pub id: Option<String>,
}

/// A document split into frontmatter and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The frontmatter, if the document has a readable block.
    pub front: Option<FrontMatter>,
    /// The body after the block (the whole text when there is none).
    pub body: &'a str,
    /// How many lines come before the body, to map body lines to file lines.
    pub body_line_offset: usize,
}

/// Splits `text` into frontmatter and body; problems become diagnostics.
pub fn split<'a>(path: &str, text: &'a str, diagnostics: &mut Vec<Diagnostic>) -> Split<'a> {
    let whole = Split { front: None, body: text, body_line_offset: 0 };
    let Some(rest) = text.strip_prefix("---\n") else {
        return whole;
    };
    let Some((yaml, body)) = find_closing(rest) else {
        // A leading `---` is also a thematic break, so only a block that
        // reads like YAML is worth a warning.
        if looks_like_yaml(rest) {
            diagnostics.push(
                Diagnostic::warning("A020", path, 1, "frontmatter is not closed".into())
                    .with_help("did you forget the closing `---` line?"),
            );
        }
        return whole;
    };
    let body_line_offset = crate::text::line_count(yaml) + 2;
    if let Some(line) = too_deep(yaml) {
        let message = format!(
            "frontmatter nests `[` or `{{` more than {MAX_FLOW_DEPTH} levels deep; the document is read without it"
        );
        diagnostics.push(
            Diagnostic::error("A026", path, line + 2, message)
                .with_help("frontmatter holds a few keys; move deep data to a file of its own"),
        );
        return Split { front: None, body, body_line_offset };
    }
    let front = match yaml_serde::from_str::<Value>(yaml) {
        Ok(value) => read_keys(path, &value, diagnostics),
        Err(err) => {
            let line = err.location().map_or(1, |loc| error_line(yaml, loc.index()));
            let message = format!("frontmatter is not valid YAML: {}", yaml_message(&err));
            diagnostics.push(
                Diagnostic::error("A021", path, line, message)
                    .with_help("fix the YAML; until then the document is read without it"),
            );
            None
        }
    };
    Split { front, body, body_line_offset }
}

/// The body of `text` and the file line it starts on, as [`split`] finds
/// them, without reading the frontmatter: for a body read again from its
/// file once the tree is linked.
pub fn body(text: &str) -> (&str, usize) {
    match text.strip_prefix("---\n").and_then(find_closing) {
        Some((yaml, body)) => (body, crate::text::line_count(yaml) + 3),
        None => (text, 1),
    }
}

/// The file line of a YAML error at character `index` of the block (the
/// block starts on the file's second line). It is counted in `\n` from
/// the index rather than taken from the parser's line, because YAML also
/// breaks lines at NEL and U+2028, which no editor shows as lines: the
/// parser's line could lie past the end of the file.
fn error_line(yaml: &str, index: usize) -> usize {
    yaml.chars().take(index).filter(|&c| c == '\n').count() + 2
}

/// How deep `[` and `{` may nest in frontmatter. The YAML parser's time
/// grows with the square of the nesting (100,000 `[` took 40 s), and no
/// frontmatter a person writes comes near this.
const MAX_FLOW_DEPTH: usize = 64;

/// The 0-based line of the YAML (the block's first line is its line 0)
/// where flow collections nest past [`MAX_FLOW_DEPTH`], if they do. Quoted
/// text and comments are skipped; the count need not be exact, only never
/// low.
fn too_deep(yaml: &str) -> Option<usize> {
    let (mut depth, mut line) = (0usize, 0usize);
    let mut quote: Option<char> = None;
    let mut chars = yaml.chars().peekable();
    let mut after_space = true;
    while let Some(c) = chars.next() {
        match (quote, c) {
            (_, '\n') => {
                line += 1;
                // A quote does not run past its line in any frontmatter we read.
                quote = None;
            }
            (Some('"'), '\\') => {
                chars.next();
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') if after_space => {
                while chars.peek().is_some_and(|&next| next != '\n') {
                    chars.next();
                }
            }
            (None, '[' | '{') => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some(line);
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        after_space = c.is_whitespace();
    }
    None
}

/// The YAML between the opening line and a closing `---` (or `...`) line.
fn find_closing(rest: &str) -> Option<(&str, &str)> {
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Some((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

fn looks_like_yaml(rest: &str) -> bool {
    let first = crate::text::lines(rest).find(|l| !l.trim().is_empty()).unwrap_or("");
    let key = first.split_once(':').map(|(k, _)| k.trim());
    key.is_some_and(|k| !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || c == '_'))
}

fn yaml_message(err: &yaml_serde::Error) -> String {
    // yaml_serde appends " at line L column C"; the diagnostic has its own place.
    let text = err.to_string();
    match text.find(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

fn read_keys(path: &str, value: &Value, diagnostics: &mut Vec<Diagnostic>) -> Option<FrontMatter> {
    let map = match value {
        Value::Mapping(map) => map,
        Value::Null => return Some(FrontMatter::default()),
        _ => {
            diagnostics.push(Diagnostic::warning(
                "A022",
                path,
                2,
                "frontmatter is not a map of `key: value` lines".into(),
            ));
            return None;
        }
    };
    let text = |key: &str| map.get(key).and_then(scalar_text);
    let first = |keys: &[&str]| keys.iter().find_map(|key| text(key));
    let list = |keys: &[&str]| keys.iter().find_map(|key| map.get(*key).map(id_list));
    let names = |keys: &[&str]| list(keys).filter(|l| !l.is_empty()).map(|l| l.join(", "));
    Some(FrontMatter {
        // `type` is a common key of other tools (`type: other`, `type: bug`),
        // so it counts only when it names a kind attestor knows.
        kind: text("kind").or_else(|| text("type").filter(|t| DocKind::from_name(t).is_some())),
        title: text("title"),
        date: first(&DATE_KEYS),
        status: text("status"),
        owner: names(&["owner", "owners", "assignee", "assignees"]),
        author: names(&["author", "authors"]),
        depends_on: list(&["depends_on", "dependencies", "depends", "blocked_by"])
            .unwrap_or_default(),
        tasks: map.get("tasks").map(id_list).unwrap_or_default(),
        id: text("id"),
    })
}

/// The keys that date a document, strongest first: the date it is about, the
/// day it was last updated, the day it was created (see
/// `crate::parse::meta::document_date` for why).
pub const DATE_KEYS: [&str; 10] = [
    "date",
    "updated",
    "last_updated",
    "last-updated",
    "updated_at",
    "modified",
    "created",
    "created_date",
    "created_at",
    "creation_date",
];

/// The file line of the first frontmatter line that sets one of `keys`
/// (line 1 when none does), for diagnostics about a key's value.
pub fn key_line(text: &str, keys: &[&str]) -> usize {
    crate::text::lines(text)
        .skip(1)
        .take_while(|line| line.trim_end() != "---")
        .position(|line| line.split_once(':').is_some_and(|(key, _)| keys.contains(&key.trim())))
        .map_or(1, |idx| idx + 2)
}

fn scalar_text(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Tagged(tagged) => return scalar_text(&tagged.value),
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
}

fn id_list(value: &Value) -> Vec<String> {
    match value {
        Value::Sequence(items) => items.iter().filter_map(scalar_text).collect(),
        other => scalar_text(other)
            .map(|s| {
                s.split(',').map(|id| id.trim().to_string()).filter(|id| !id.is_empty()).collect()
            })
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (Split<'_>, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let split = split("doc.md", text, &mut diagnostics);
        (split, diagnostics)
    }

    /// The body read again from a file, without its frontmatter read, is
    /// the one the parse found, on the same line.
    #[test]
    fn a_body_found_again_is_the_one_split_found() {
        let texts = [
            "# Plan\n",
            "---\ntitle: Plan\nstatus: done\n---\n# Plan\n",
            "---\ntitle: [unclosed\n---\nbody\n",
            "---\ntitle: Plan\n\n# never closed\n",
            "---\nkey: value\n...\nbody after dots\n",
            "---\n---\n",
            &format!("---\nk: {}\n---\ndeep\n", "[".repeat(100)),
            "",
        ];
        for text in texts {
            let (split, _) = run(text);
            assert_eq!(body(text), (split.body, split.body_line_offset + 1), "{text:?}");
        }
    }

    #[test]
    fn reads_known_keys_and_keeps_body_lines() {
        let (split, diagnostics) = run(
            "---\nkind: evidence\ntitle: Smoke\ndate: 2026-03-06\ntasks: [T-015, T-016]\n---\n# Body\n",
        );
        assert!(diagnostics.is_empty());
        let front = split.front.unwrap();
        assert_eq!(front.kind.as_deref(), Some("evidence"));
        assert_eq!(front.date.as_deref(), Some("2026-03-06"));
        assert_eq!(front.tasks, ["T-015", "T-016"]);
        assert_eq!(split.body, "# Body\n");
        assert_eq!(split.body_line_offset, 6);
    }

    #[test]
    fn reads_type_as_kind_only_when_it_names_one() {
        let (known, _) = run("---\ntype: session\n---\n");
        assert_eq!(known.front.unwrap().kind.as_deref(), Some("session"));
        let (other, diagnostics) = run("---\ntype: other\n---\n");
        assert_eq!(other.front.unwrap().kind, None);
        assert!(diagnostics.is_empty());
    }

    #[test]
    fn reads_owner_author_dependencies_and_dates_of_other_tools() {
        let (split, _) = run(
            "---\nassignee: [ana, bo]\nauthor: li\ndependencies: [task-1, T-2]\ncreated_date: '2025-07-17 10:00'\nupdated_at: 2025-08-01\n---\n",
        );
        let front = split.front.unwrap();
        assert_eq!(front.owner.as_deref(), Some("ana, bo"));
        assert_eq!(front.author.as_deref(), Some("li"));
        assert_eq!(front.depends_on, ["task-1", "T-2"]);
        // The last update beats the creation day.
        assert_eq!(front.date.as_deref(), Some("2025-08-01"));
        let (split, _) = run("---\nassignee: []\ndepends_on: T-1, T-3\n---\n");
        let front = split.front.unwrap();
        assert_eq!((front.owner, front.depends_on), (None, vec!["T-1".into(), "T-3".into()]));
    }

    #[test]
    fn finds_the_line_of_a_key() {
        let text = "---\ntitle: x\ndate: soon\n---\ndate: body\n";
        assert_eq!(key_line(text, &["date"]), 3);
        assert_eq!(key_line(text, &["owner"]), 1);
    }

    #[test]
    fn reads_comma_separated_tasks() {
        let (split, _) = run("---\ntasks: T-1, T-2\n---\n");
        assert_eq!(split.front.unwrap().tasks, ["T-1", "T-2"]);
    }

    // Found by the `frontmatter` fuzz target: YAML breaks lines at NEL
    // (U+0085), so the parser's line of an error lay past the file's end.
    #[test]
    fn yaml_errors_after_nel_line_breaks_stay_inside_the_file() {
        let text = "---\na\u{85}b: c\u{85}d: [\u{85}\u{85}\u{85}: x\n---\nbody\n";
        let (_, diagnostics) = run(text);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(diagnostics[0].code, "A021");
        assert!(diagnostics[0].line <= text.lines().count(), "{diagnostics:?}");
        // The input the fuzzer found, kept as its seed.
        let found = include_bytes!("../../fuzz/seeds/frontmatter/nel-line-breaks");
        let text = crate::text::decode(found).text;
        let (_, diagnostics) = run(&text);
        assert!(!diagnostics.is_empty());
        for d in &diagnostics {
            assert!(d.line <= text.lines().count().max(1), "{d:?}");
        }
    }

    // See: issue 9. 100,000 nested `[` in frontmatter took 40 s in the
    // YAML parser, whose time grows with the square of the nesting.
    #[test]
    fn refuses_frontmatter_nested_past_the_bound_at_its_line() {
        let deep = format!("---\ntitle: x\na: {}\n---\n# Body\n", "[".repeat(100_000));
        let (split, diagnostics) = run(&deep);
        assert!(split.front.is_none());
        assert_eq!(split.body, "# Body\n");
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!((diagnostics[0].code, diagnostics[0].line), ("A026", 3));
        // Brackets in quotes and comments, and a few real levels, are fine.
        let quoted = format!(
            "---\na: \"{}\" # {}\nb: [[1], {{c: [2]}}]\n---\n",
            "[".repeat(99),
            "{".repeat(99)
        );
        let (split, diagnostics) = run(&quoted);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert!(split.front.is_some());
    }

    #[test]
    fn errors_on_invalid_yaml_with_file_line() {
        let (split, diagnostics) = run("---\ntitle: ok\nowner: [unclosed\n---\nbody\n");
        assert!(split.front.is_none());
        assert_eq!(split.body, "body\n");
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, "A021");
        assert_eq!(diagnostics[0].line, 4);
        assert!(diagnostics[0].message.starts_with("frontmatter is not valid YAML"));
    }

    #[test]
    fn warns_on_unclosed_block_that_reads_like_yaml() {
        let (split, diagnostics) = run("---\ntitle: x\n# Heading\n");
        assert!(split.front.is_none());
        assert_eq!(
            diagnostics[0].to_human().lines().next(),
            Some("warning[A020]: frontmatter is not closed")
        );
    }

    #[test]
    fn leading_thematic_break_is_not_frontmatter() {
        let (split, diagnostics) = run("---\n\nSome prose.\n");
        assert!(split.front.is_none() && diagnostics.is_empty());
        assert_eq!(split.body_line_offset, 0);
    }
}
