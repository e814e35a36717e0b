//! Whether a plain-text file (`.txt`) is really markdown, by its structure.
//!
//! People keep notes and plans in `.txt` files written in markdown, and
//! tools save logs as `.txt`. A first line that starts with `# ` says
//! little: a shell script, a `requirements.txt` and a log's banner start
//! that way too. So a `.txt` file is read as markdown only when its
//! structure says so (frontmatter, or headings with lists, tables or code
//! fences) and few of its lines look like a log's (timestamps, test results
//! such as `PASSED`/`FAILED`, log levels, stack traces). Which extensions may
//! be markdown at all is `crate::discover::may_be_markdown`'s call.

/// How many lines the check reads; a file's opening shows what it is.
const MAX_LINES: usize = 5_000;

/// How much of a line the check looks at, so a huge line costs nothing.
const MAX_LINE_LEN: usize = 400;

/// What the lines of a file look like, counted outside code fences.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Shape {
    /// ATX headings with text (`## Goals`).
    headings: usize,
    /// List items and checklist items.
    list_items: usize,
    /// Checklist items (`- [ ]`, `- [x]`), also counted as list items.
    checklist_items: usize,
    /// Table separator rows (`|---|---|`).
    tables: usize,
    /// Code fences opened (```` ``` ````, `~~~`).
    fences: usize,
    /// Lines with inline markdown: `**bold**` or a `[link](target)`.
    inline: usize,
    /// Whether the file opens with a closed frontmatter block.
    frontmatter: bool,
    /// Lines that look like a log's.
    log_lines: usize,
    /// Lines with text, outside fences.
    text_lines: usize,
}

/// Whether a plain-text file's structure says it is markdown: frontmatter,
/// headings together with lists, tables, code fences or inline markdown
/// (`**Date**:`, links), or a checklist (`- [ ]` items, which no log
/// writes), and no more than one line in five that looks like a log line.
pub fn looks_like_markdown(text: &str) -> bool {
    let shape = shape_of(text);
    let blocks = shape.list_items + shape.tables + shape.fences + shape.inline;
    let structured = shape.frontmatter
        || shape.checklist_items >= 2
        || (shape.headings >= 2 && blocks >= 1)
        || (shape.headings >= 1
            && (shape.list_items >= 2 || shape.tables >= 1 || shape.inline >= 2));
    structured && shape.log_lines * 5 <= shape.text_lines
}

/// Counts the markdown and log features of a text's lines.
fn shape_of(text: &str) -> Shape {
    let mut shape = Shape { frontmatter: has_frontmatter(text), ..Shape::default() };
    let mut fence: Option<char> = None;
    for line in crate::text::lines(text).take(MAX_LINES) {
        let line = head(line, MAX_LINE_LEN);
        let trimmed = line.trim_start();
        if let Some(marker) = fence_marker(trimmed) {
            match fence {
                Some(open) if open == marker => fence = None,
                Some(_) => {}
                None => {
                    fence = Some(marker);
                    shape.fences += 1;
                }
            }
            continue;
        }
        if fence.is_some() || trimmed.is_empty() {
            continue;
        }
        shape.text_lines += 1;
        let indent = line.len() - trimmed.len();
        shape.inline += usize::from(has_inline_markdown(trimmed));
        if indent <= 3 && is_heading(trimmed) {
            shape.headings += 1;
        } else if is_list_item(trimmed) {
            shape.list_items += 1;
            shape.checklist_items += usize::from(is_checklist_item(trimmed));
        } else if is_table_separator(trimmed) {
            shape.tables += 1;
        } else if is_log_line(line) {
            shape.log_lines += 1;
        }
    }
    shape
}

/// The start of a line, at most `max` bytes, cut on a character boundary.
fn head(line: &str, max: usize) -> &str {
    if line.len() <= max {
        return line;
    }
    let mut end = max;
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    &line[..end]
}

/// Whether the text opens with `---`, then `key: value` lines, then a
/// closing `---`.
fn has_frontmatter(text: &str) -> bool {
    let mut lines = crate::text::lines(text).skip_while(|l| l.trim().is_empty());
    if lines.next().map(str::trim_end) != Some("---") {
        return false;
    }
    let mut keys = 0;
    for line in lines.take(100) {
        let line = line.trim_end();
        if line == "---" || line == "..." {
            return keys > 0;
        }
        if line.split_once(':').is_some_and(|(key, _)| is_yaml_key(key)) {
            keys += 1;
        }
    }
    false
}

/// Whether a frontmatter key is a plain word (`title`, `last_updated`).
fn is_yaml_key(key: &str) -> bool {
    !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

/// The fence character of a code fence line (three or more backticks or
/// tildes).
fn fence_marker(trimmed: &str) -> Option<char> {
    if trimmed.starts_with("```") {
        Some('`')
    } else if trimmed.starts_with("~~~") {
        Some('~')
    } else {
        None
    }
}

/// An ATX heading with text: one to six `#`, a space, then a word.
fn is_heading(trimmed: &str) -> bool {
    let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes)
        && trimmed[hashes..].starts_with([' ', '\t'])
        && trimmed[hashes..]
            .trim()
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || !c.is_ascii())
}

/// A bullet (`-`, `*`, `+`) or numbered (`1.`, `2)`) item with text.
fn is_list_item(trimmed: &str) -> bool {
    let rest = match trimmed.as_bytes().first() {
        Some(b'-' | b'*' | b'+') => &trimmed[1..],
        Some(b) if b.is_ascii_digit() => {
            let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
            match trimmed[digits..].strip_prefix(['.', ')']) {
                Some(rest) if digits <= 3 => rest,
                _ => return false,
            }
        }
        _ => return false,
    };
    rest.starts_with([' ', '\t'])
        && rest.trim().chars().next().is_some_and(|c| c != '-' && c != '*')
}

/// Whether a line holds `**bold**` text or a `[link](target)`.
fn has_inline_markdown(line: &str) -> bool {
    let bold = line.find("**").is_some_and(|start| {
        let rest = &line[start + 2..];
        rest.find("**").is_some_and(|end| end > 0 && !rest[..end].starts_with(' '))
    });
    bold || line.find("](").is_some_and(|at| line[..at].contains('[') && line[at..].contains(')'))
}

/// A list item with a checkbox: `- [ ] text`, `* [x] text`, `1. [X] text`.
fn is_checklist_item(trimmed: &str) -> bool {
    let after_marker =
        trimmed.trim_start_matches(|c: char| c.is_ascii_digit() || "-*+.)".contains(c));
    let rest = after_marker.trim_start();
    ["[ ]", "[x]", "[X]"].iter().any(|box_| rest.starts_with(box_)) && rest[3..].starts_with(' ')
}

/// A table's separator row: cells of dashes with optional colons, split by `|`.
fn is_table_separator(trimmed: &str) -> bool {
    let inner = trimmed.trim_end().trim_matches('|');
    inner.contains('-')
        && trimmed.contains('|')
        && inner.split('|').all(|cell| {
            let cell = cell.trim();
            cell.len() >= 3 && cell.trim_matches(':').bytes().all(|b| b == b'-')
        })
}

/// Whether a line looks like a log's: it starts with a timestamp or a log
/// level, reports a test result, or is part of a stack trace.
fn is_log_line(line: &str) -> bool {
    let trimmed = line.trim_start();
    starts_with_timestamp(trimmed)
        || starts_with_level(trimmed)
        || reports_test_result(trimmed)
        || is_stack_frame(line, trimmed)
}

/// `2025-11-14 10:00`, `2025-11-14T10:00`, `[2025-11-14 ...`, `10:00:01`,
/// `[10:00:01]`.
fn starts_with_timestamp(trimmed: &str) -> bool {
    let text = trimmed.strip_prefix('[').unwrap_or(trimmed).as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        text.get(range).is_some_and(|run| run.iter().all(u8::is_ascii_digit))
    };
    let date_time = digits(0..4)
        && text.get(4) == Some(&b'-')
        && digits(5..7)
        && text.get(7) == Some(&b'-')
        && digits(8..10)
        && matches!(text.get(10), Some(b' ' | b'T'))
        && digits(11..13)
        && text.get(13) == Some(&b':');
    let time = digits(0..2)
        && text.get(2) == Some(&b':')
        && digits(3..5)
        && text.get(5) == Some(&b':')
        && digits(6..8);
    date_time || time
}

/// `INFO ...`, `[ERROR] ...`, `WARN: ...`: a log level in capitals first.
fn starts_with_level(trimmed: &str) -> bool {
    const LEVELS: [&str; 8] =
        ["TRACE", "DEBUG", "INFO", "WARN", "WARNING", "ERROR", "FATAL", "CRITICAL"];
    let word = trimmed.strip_prefix('[').unwrap_or(trimmed);
    let end = word.find(|c: char| !c.is_ascii_uppercase()).unwrap_or(word.len());
    LEVELS.contains(&&word[..end]) && word[end..].starts_with([']', ':', ' '])
}

/// A test runner's result line: `PASSED`/`FAILED` as words, `test x ... ok`,
/// `--- FAIL:`, `ok  pkg 0.1s`, a pytest banner (`==== 3 passed ====`).
fn reports_test_result(trimmed: &str) -> bool {
    let words =
        |w: &str| trimmed.split(|c: char| !c.is_ascii_alphanumeric() && c != '_').any(|x| x == w);
    words("PASSED")
        || words("FAILED")
        || trimmed.starts_with("--- FAIL")
        || trimmed.starts_with("--- PASS")
        || trimmed.starts_with("ok  ")
        || (trimmed.starts_with("test ")
            && (trimmed.ends_with("... ok") || trimmed.ends_with("... FAILED")))
        || (trimmed.starts_with("=====") && trimmed.trim_end().ends_with("====="))
}

/// A frame or header of a stack trace: `Traceback (most recent call last):`,
/// `  File "x.py", line 3`, `    at fn (file.js:1:2)`, `thread 'main'
/// panicked at`, `Caused by:`.
fn is_stack_frame(line: &str, trimmed: &str) -> bool {
    let indented = line.len() > trimmed.len();
    trimmed.starts_with("Traceback (most recent call last)")
        || (indented && trimmed.starts_with("File \"") && trimmed.contains("\", line "))
        || (indented
            && trimmed.starts_with("at ")
            && trimmed.trim_end().ends_with(')')
            && trimmed.contains(':'))
        || trimmed.contains("panicked at")
        || trimmed.starts_with("Caused by:")
        || trimmed.starts_with("Exception in thread")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_with_headings_and_lists_are_markdown() {
        for text in [
            "# Session 2025-11-14\n\n## Done\n- wired the API\n- fixed login\n\n## Next\n- deploy\n",
            "# Sprint plan\n\n- [x] T-001 set up CI\n- [ ] T-002 write tests\n",
            // French, German and Spanish notes.
            "# Journal de session\n\n## Fait\n- migration terminée\n\n## Reste à faire\n- déploiement\n",
            "# Sitzungsprotokoll\n\n1. Datenbank migriert\n2. Tests ergänzt\n",
            "## Plan de trabajo\n\n| Tarea | Estado |\n|---|---|\n| Migrar | Hecho |\n",
            "Intro line first.\n\n## Étapes\n\n```sh\ncargo test\n```\n\n## Suite\nTexte.\n",
            "---\ntitle: Release notes\ndate: 2025-11-14\n---\nShipped the new exporter.\n",
            // A session note in prose with bold labels, no lists.
            "# Session 2026-02-03\n\n**Date**: 2026-02-03\n**Goal**: cut the release\n\nWe tagged v2.1 and shipped it.\n",
            "# Notes\n\nSee [the plan](plan.md).\n\n## Outcome\nDone.\n",
            // A to-do list with no heading.
            "- [x] renew the certificate\n- [ ] rotate the API keys\n- [ ] update the runbook\n",
            "TODO\n1. [X] Backups testen\n2. [ ] Monitoring einrichten\n",
        ] {
            assert!(looks_like_markdown(text), "{text:?}");
        }
    }

    #[test]
    fn logs_configs_and_scripts_are_not_markdown() {
        for text in [
            // A test log that opens with a heading-like banner.
            "# pytest run\n============================= test session starts ==============================\n\
             tests/test_api.py::test_login PASSED\ntests/test_api.py::test_total FAILED\n\
             - generated xml file: junit.xml\n- see the report\n========== 1 failed, 1 passed in 0.31s ==========\n",
            // A timestamped application log with a heading-like line.
            "# server log\n2025-11-14 10:00:01 INFO start\n2025-11-14 10:00:02 INFO ready\n\
             - request /health\n- request /api\n2025-11-14 10:00:05 ERROR boom\n",
            // A Python traceback.
            "# crash\nTraceback (most recent call last):\n  File \"app.py\", line 3, in <module>\n\
             - item\n- item\nValueError: bad\n",
            // requirements.txt and a shell script: comments, no lists.
            "# Core\nrequests==2.31\n# Dev\npytest==8.1\n",
            "#!/bin/sh\n# Build\ncargo build\n# Test\ncargo test\n",
            // One heading and prose only; comments and code.
            "# Notes\n\nJust a paragraph of text.\n",
            "# Settings\nretries=3\n# Paths\nout=build/**\n",
            "# Build\nmake all\n# Install\nmake install\n",
            // A single checkbox, and a plain bullet list.
            "- [ ] call the vendor\n",
            "- apples\n- pears\n- plums\n",
            // A changelog of plain lines, no markdown.
            "v1.2.0 fixed login\nv1.1.0 added export\n",
            "",
        ] {
            assert!(!looks_like_markdown(text), "{text:?}");
        }
    }

    #[test]
    fn counts_nothing_inside_code_fences() {
        let text = "# Run\n\n```\n# step\n- a\n- b\n2025-11-14 10:00:01 INFO x\n```\n";
        let shape = shape_of(text);
        assert_eq!((shape.headings, shape.list_items, shape.log_lines, shape.fences), (1, 0, 0, 1));
        assert!(!looks_like_markdown(text));
    }

    #[test]
    fn recognises_log_lines() {
        for line in [
            "2025-11-14 10:00:01 started",
            "[2025-11-14T10:00:01Z] started",
            "10:00:01 build ok",
            "[ERROR] connection refused",
            "WARN: disk almost full",
            "tests/test_a.py::test_b PASSED",
            "test parse::tests::reads ... ok",
            "--- FAIL: TestLogin (0.01s)",
            "    at Object.<anonymous> (src/app.test.js:10:5)",
            "thread 'main' panicked at src/main.rs:3:5:",
        ] {
            assert!(is_log_line(line), "{line:?}");
        }
        for line in ["Passed the review", "2025 plans", "Info for new staff", "at home (today)"] {
            assert!(!is_log_line(line), "{line:?}");
        }
    }

    #[test]
    fn handles_huge_lines_and_odd_characters() {
        let long = format!("# Title\n- {}\n- b\n", "é".repeat(200_000));
        assert!(looks_like_markdown(&long));
        assert!(!looks_like_markdown(&"#".repeat(100_000)));
        assert!(!is_heading("#######  seven"));
        assert!(!is_list_item("---"));
        assert!(!is_list_item("-- not a list"));
        assert!(is_table_separator("| :--- | ---: |"));
        assert!(!is_table_separator("| a | b |"));
        assert!(!is_table_separator("--- | x"));
    }
}
