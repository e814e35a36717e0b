//! Small helpers the text readers share: terminal output turned into what the
//! terminal showed, logs saved with escaped newlines given real ones, counts read from digits, byte offsets turned into line
//! numbers, percentages checked.
//!
//! Nothing here knows a log format; the readers beside it do.

use std::borrow::Cow;

use regex::Regex;

use crate::dates::format_days;
use crate::text::words::WordRegex;

/// The fewest escaped newlines that read as a log rather than a mention.
const MIN_ESCAPED_NEWLINES: usize = 3;

/// A line at least this long, with at least [`MIN_NEWLINES_IN_LONG_LINE`]
/// escaped newlines, is an escaped log even inside a file of real lines.
const LONG_LINE: usize = 200;

/// See [`LONG_LINE`].
const MIN_NEWLINES_IN_LONG_LINE: usize = 5;

/// A Windows path with a drive and a single backslash (`C:\new\notes`),
/// whose `\n` are folder names, not newlines. In a properly escaped string
/// the backslash would be doubled (`C:\\new`).
static DRIVE_PATH: WordRegex =
    WordRegex::new(|| Regex::new(r"(?:^|[^A-Za-z0-9])[A-Za-z]:\\[^\\]").expect("valid regex"));

/// The text as the terminal showed it: escape sequences (colours, hyperlinks)
/// removed, and redraws replayed, so that a status line vitest or Playwright
/// replaced with `ESC[1A ESC[2K` (cursor up, erase line), a spinner erased
/// with `ESC[K` or `ESC[2K` and a bar redrawn after `\r` leave only their
/// last frame. This is [`crate::text::terminal_text`]; it lives with the
/// decoder, which replays files whose redraws use `\r` before turning CRs into
/// LFs, since the CRs are gone by the time the readers get the text.
///
/// Line numbers of the cleaned text are the line numbers of the file as
/// written: escapes never contain a newline, and a replay keeps one line per
/// input line, leaving a line empty when a later line erased or overwrote
/// what it showed (the text then sits on the line that wrote it last).
pub(super) fn strip_ansi(text: &str) -> Cow<'_, str> {
    crate::text::terminal_text(text)
}

/// A CI runner's timestamp at the start of a line: GitHub Actions'
/// `2026-03-01T10:00:00.1234567Z `, GitLab's and Buildkite's alike.
static LINE_STAMP: WordRegex = WordRegex::new(|| {
    Regex::new(r"(?m)^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})? ?")
        .expect("valid regex")
});

/// The text without the timestamp a CI runner puts before every line, when
/// most lines have one, so that runners' summaries anchored at the start of
/// a line are found in a raw job log. Line numbers are kept.
pub(super) fn strip_line_stamps(text: &str) -> Cow<'_, str> {
    let sample: Vec<&str> =
        crate::text::lines(text).filter(|l| !l.trim().is_empty()).take(50).collect();
    let stamped = sample.iter().filter(|l| LINE_STAMP.is_match(l)).count();
    if sample.is_empty() || stamped * 2 < sample.len() {
        return Cow::Borrowed(text);
    }
    LINE_STAMP.replace_all(text, "")
}

/// The text with escaped newlines made real, when it is a log that was saved
/// escaped (an agent or a script wrote a JSON or Python string's content:
/// `PASS a.test.ts\nPASS b.test.ts\n\nTests: 2 passed`); otherwise the text
/// as it is, without a copy.
///
/// For text logs only: the evidence dispatcher should call it when the
/// format is `text` and before [`strip_ansi`], as
/// `strip_ansi(&unescape_newlines(text))`, since the escapes it turns back
/// include `\u001b` and `\r`. A JSON object or array (the whole text, or a
/// line of JSON lines) is left alone, since its strings must stay escaped.
///
/// Only lines that clearly are an escaped log change:
/// - the whole text has at least three escaped newlines that read like line
///   breaks, and fewer than half as many real newlines as escaped ones; then
///   each line with one is unescaped; or
/// - the line itself is long ([`LONG_LINE`] bytes) with at least
///   [`MIN_NEWLINES_IN_LONG_LINE`] such newlines.
///
/// A `\n` reads like a line break when what follows is the end of the line,
/// another escape, a space, a capital, a digit or a symbol, or words with a
/// space; not a lower-case word (`\notes`, `\nline2`) nor a closing quote or
/// bracket (`"done\n")`). A line is never changed when it holds a Windows
/// path with a drive (`C:\new\notes`), when it is a JSON object or array, or
/// when it has more than one backslash that starts no string escape (`\src`,
/// `\Users`: a path) for every four escaped newlines. In a changed line, `\n`, `\r\n`,
/// `\r`, `\t`, `\"`, `\'`, `\\`, `\/`, `\uXXXX` (surrogate pairs included),
/// `\x1b`, `\e` and `\033` are turned back; anything else stays as written.
///
/// Unlike [`strip_ansi`], this adds lines: line numbers of the result are
/// those of the unescaped log, which is what a reader of the log would count;
/// a page that shows the file as written should show this text instead for
/// failure lines to match.
pub(super) fn unescape_newlines(text: &str) -> Cow<'_, str> {
    if !text.contains("\\n") || is_json_structure(text) {
        return Cow::Borrowed(text);
    }
    let (mut newlines, mut log_like) = (0, 0);
    for line in text.split('\n') {
        let counts = EscapeCounts::of(line);
        newlines += counts.newlines;
        log_like += counts.log_like;
    }
    let real = text.matches('\n').count();
    let whole = log_like >= MIN_ESCAPED_NEWLINES && real * 2 < newlines;
    let mut out: Option<String> = None;
    let mut start = 0;
    for line in text.split('\n') {
        let end = start + line.len();
        if is_escaped_log_line(line, whole) {
            let out = out.get_or_insert_with(|| {
                let mut out = String::with_capacity(text.len() + text.len() / 16);
                out.push_str(&text[..start]);
                out
            });
            unescape_line(line, out);
        } else if let Some(out) = out.as_mut() {
            out.push_str(line);
        }
        if let Some(out) = out.as_mut().filter(|_| end < text.len()) {
            out.push('\n');
        }
        start = end + 1;
    }
    out.map_or(Cow::Borrowed(text), Cow::Owned)
}

/// Whether one line is to be unescaped (see [`unescape_newlines`]); `whole`
/// says whether the whole text reads as an escaped log.
fn is_escaped_log_line(line: &str, whole: bool) -> bool {
    let counts = EscapeCounts::of(line);
    let escaped_log = (whole && counts.log_like > 0)
        || (line.len() >= LONG_LINE && counts.log_like >= MIN_NEWLINES_IN_LONG_LINE);
    escaped_log
        && counts.other * 4 <= counts.newlines
        && !DRIVE_PATH.is_match(line)
        && !is_json_structure(line)
}

/// Whether the text is a JSON object or array. A JSON string is not: a log
/// saved as one (`"PASS a\nPASS b\n"`) is what [`unescape_newlines`] reads.
fn is_json_structure(text: &str) -> bool {
    text.trim_start().starts_with(['{', '['])
        && serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
}

/// What the backslash escapes of one line are.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct EscapeCounts {
    /// Escaped newlines (`\n`).
    newlines: usize,
    /// Escaped newlines that read like line breaks (see [`unescape_newlines`]).
    log_like: usize,
    /// Backslashes before something a string escape never starts with.
    other: usize,
}

impl EscapeCounts {
    /// Counts the escapes of a line. Each stretch between two backslashes is
    /// looked at once, so this is linear.
    fn of(line: &str) -> EscapeCounts {
        let mut counts = EscapeCounts::default();
        let bytes = line.as_bytes();
        let mut i = 0;
        while i + 1 < bytes.len() {
            if bytes[i] != b'\\' {
                i += 1;
                continue;
            }
            match bytes[i + 1] {
                b'n' => {
                    counts.newlines += 1;
                    // `i + 2` follows two ASCII bytes, so it is a char boundary.
                    if reads_as_line_break(&line[i + 2..]) {
                        counts.log_like += 1;
                    }
                }
                b'\\' | b'r' | b't' | b'"' | b'\'' | b'/' | b'u' | b'x' | b'e' | b'0' => {}
                _ => counts.other += 1,
            }
            i += 2;
        }
        counts
    }
}

/// Whether an escaped newline followed by `rest` reads like a line break.
fn reads_as_line_break(rest: &str) -> bool {
    match rest.chars().next() {
        None | Some('\\') => true,
        Some(c) if c.is_ascii_lowercase() => {
            rest.split('\\').next().is_some_and(|word| word.contains(' '))
        }
        Some('"' | '\'' | '`' | ')' | ']' | '}' | ',' | ';') => false,
        Some(_) => true,
    }
}

/// Appends `line` to `out` with its escapes turned back.
fn unescape_line(line: &str, out: &mut String) {
    let mut rest = line;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        match unescape_one(after) {
            Some((ch, used)) => {
                out.push(ch);
                rest = &after[used..];
            }
            None => {
                out.push('\\');
                // A doubled backslash that `unescape_one` does not take would
                // be read twice; it takes every `\\`, so this is one byte on.
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

/// The character an escape stands for and how many bytes after the
/// backslash it takes, or `None` to keep the backslash as written.
fn unescape_one(after: &str) -> Option<(char, usize)> {
    let bytes = after.as_bytes();
    let ch = match *bytes.first()? {
        b'n' => '\n',
        b'r' if after.starts_with("r\\n") => return Some(('\n', 3)),
        b'r' => '\r',
        b't' => '\t',
        b'e' => '\x1b',
        b'0' if after.starts_with("033") => return Some(('\x1b', 3)),
        b'x' => {
            let hex = after.get(1..3).filter(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()))?;
            let value = u8::from_str_radix(hex, 16).ok().filter(u8::is_ascii)?;
            return Some((char::from(value), 3));
        }
        b'u' => return unicode_escape(after),
        byte @ (b'"' | b'\'' | b'\\' | b'/') => char::from(byte),
        _ => return None,
    };
    Some((ch, 1))
}

/// Reads `uXXXX`, or a surrogate pair `uD83D\\uDE80`, after a backslash.
fn unicode_escape(after: &str) -> Option<(char, usize)> {
    let unit = |at: usize| {
        let hex = after.get(at..at + 4)?;
        hex.bytes().all(|b| b.is_ascii_hexdigit()).then(|| u16::from_str_radix(hex, 16).ok())?
    };
    let high = unit(1)?;
    if let Some(Ok(ch)) = char::decode_utf16([high]).next() {
        return Some((ch, 5));
    }
    let low = after.get(5..7).filter(|&s| s == "\\u").and_then(|_| unit(7))?;
    let ch = char::decode_utf16([high, low]).next()?.ok()?;
    Some((ch, 11))
}

/// A count written in digits; one too large for `u64` saturates rather than
/// reading as zero, so a huge failure count still reads as failures.
pub(super) fn count(digits: &str) -> u64 {
    if digits.is_empty() { 0 } else { digits.parse().unwrap_or(u64::MAX) }
}

/// A percentage the portal can show: finite, within 0-100, rounded to two
/// decimals so that `0.814 * 100` prints as `81.4`, not `81.39999999999999`.
pub(super) fn percent(value: f64) -> Option<f64> {
    (value.is_finite() && (0.0..=100.0).contains(&value)).then(|| (value * 100.0).round() / 100.0)
}

/// The `YYYY-MM-DD` date of a Unix time in seconds, when it falls between
/// 1970 and 2999 (anything else is not a timestamp but noise).
pub(super) fn epoch_date(seconds: f64) -> Option<String> {
    let days = (seconds / 86_400.0).floor();
    // 376_199 days after 1970-01-01 is 2999-12-31.
    (days.is_finite() && (0.0..=376_199.0).contains(&days)).then(|| format_days(days as i64))
}

/// The 1-based numbers of the lines for which `is_failure` holds.
pub(super) fn matching_lines(text: &str, is_failure: impl Fn(&str) -> bool) -> Vec<usize> {
    crate::text::lines(text)
        .enumerate()
        .filter(|(_, line)| is_failure(line))
        .map(|(i, _)| i + 1)
        .collect()
}

/// Maps byte offsets of a text to 1-based line numbers.
pub(super) struct LineIndex {
    /// Byte offsets of every `\n`, in order.
    newlines: Vec<usize>,
}

impl LineIndex {
    /// Indexes the newlines of `text`.
    pub(super) fn new(text: &str) -> LineIndex {
        LineIndex { newlines: text.match_indices('\n').map(|(at, _)| at).collect() }
    }

    /// The 1-based line the byte at `offset` is on.
    pub(super) fn line_of(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&at| at < offset) + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_colour_codes_and_hyperlinks_but_keeps_lines() {
        let coloured = "\x1b[32m✓\x1b[39m ok\n\x1b[1m\x1b[31mFAILED\x1b[0m x\n\x1b]8;;file:///a\x07a\x1b]8;;\x07";
        assert_eq!(strip_ansi(coloured), "✓ ok\nFAILED x\na");
        assert_eq!(strip_ansi("\x1b[1mbold\x1b(B\x1b[m done"), "bold done");
        assert!(matches!(strip_ansi("plain"), Cow::Borrowed("plain")));
    }

    #[test]
    fn erased_lines_become_empty_and_keep_their_numbers() {
        // Playwright's line reporter, as decoded: the CRs are already gone.
        let log = "Running 2 tests using 1 worker\n\n[1/2] [chromium] › a.spec.ts:3:5 › loads\n\
                   \x1b[1A\x1b[2K[2/2] [chromium] › a.spec.ts:9:5 › pays\n\
                   \x1b[1A\x1b[2K  1) [chromium] › a.spec.ts:9:5 › pays\n\n  1 failed\n  1 passed\n";
        let clean = strip_ansi(log);
        assert_eq!(
            clean,
            "Running 2 tests using 1 worker\n\n\n\n  1) [chromium] › a.spec.ts:9:5 › pays\n\n  1 failed\n  1 passed\n"
        );
        assert_eq!(matching_lines(&clean, |l| l.contains("failed")), vec![7]);
        assert_eq!(matching_lines(log, |l| l.contains("failed")), vec![7]);
    }

    /// A pytest run as an agent saved it: the JSON string's content, quotes
    /// and escapes included, on one line.
    const ESCAPED_PYTEST: &str = concat!(
        r#""============================= test session starts ==============================\n"#,
        r#"platform linux -- Python 3.12.1, pytest-8.0.0\ncollected 3 items\n\n"#,
        r#"tests/test_api.py \u001b[32m.\u001b[0m\u001b[32m.\u001b[0m\u001b[31mF\u001b[0m [100%]\n\n"#,
        r#"=================================== FAILURES ===================================\n"#,
        r#"    assert total(\"a\\nb\") == 2\nE   assert 1 == 2\n"#,
        r#"FAILED tests/test_api.py::test_total - assert 1 == 2 \u2713\ud83d\ude80\n"#,
        r#"========================= 1 failed, 2 passed in 0.12s =========================\n""#,
    );

    #[test]
    fn unescapes_a_log_saved_as_one_escaped_string() {
        let text = unescape_newlines(ESCAPED_PYTEST);
        let clean = strip_ansi(&text);
        let lines: Vec<&str> = clean.lines().collect();
        assert_eq!(lines.len(), 12, "{clean}");
        assert_eq!(lines[11], "\"");
        assert_eq!(
            lines[0],
            "\"============================= test session starts =============================="
        );
        assert_eq!(lines[4], "tests/test_api.py ..F [100%]");
        assert_eq!(lines[7], r#"    assert total("a\nb") == 2"#);
        assert_eq!(lines[9], "FAILED tests/test_api.py::test_total - assert 1 == 2 ✓🚀");
        assert_eq!(
            lines[10],
            "========================= 1 failed, 2 passed in 0.12s ========================="
        );
        assert_eq!(matching_lines(&clean, |l| l.starts_with("FAILED")), vec![10]);
    }

    #[test]
    fn unescapes_a_dump_that_starts_with_a_bracket_but_is_not_json() {
        let text = "[1/3] [chromium] › a.spec.ts:3:5 › loads\\n[2/3] [chromium] › a.spec.ts:9:5 › pays\\n\
                    [3/3] [firefox] › a.spec.ts:3:5 › loads\\n  3 passed (4.2s)\\n";
        assert_eq!(unescape_newlines(text).lines().count(), 4);
    }

    #[test]
    fn unescapes_windows_line_ends_tabs_and_carriage_returns() {
        let text =
            "PASS src/a.test.ts\\r\\nPASS src/b.test.ts\\r\\n\\tok\\r\\n\\nTests: 2 passed\\r\\n";
        assert_eq!(
            unescape_newlines(text),
            "PASS src/a.test.ts\nPASS src/b.test.ts\n\tok\n\nTests: 2 passed\n"
        );
        let progress = "50%\\r100%\\nDone\\nAll 3 passed\\nok\\n";
        assert_eq!(strip_ansi(&unescape_newlines(progress)), "100%\nDone\nAll 3 passed\nok\n");
    }

    #[test]
    fn unescapes_a_long_escaped_line_inside_a_real_log() {
        let dump = "stdout: \\n RUN  v1.6.0 /home/runner/work/shop/shop/web\\n\\n \
                    ✓ src/cart.test.ts (4 tests) 12ms\\n × src/price.test.ts > rounds to cents 3ms\\n\\n \
                    Test Files  1 failed | 1 passed (2)\\n      Tests  1 failed | 4 passed (5)\\n";
        assert!(dump.len() >= LONG_LINE);
        let log = format!(
            "$ npm test\n> vitest run\n{dump}\nexit code 1\nC:\\new\\notes\\nightly\\n.txt\n"
        );
        let text = unescape_newlines(&log);
        assert!(text.starts_with("$ npm test\n> vitest run\nstdout: \n RUN  v1.6.0 /home/runner/work/shop/shop/web\n\n ✓ src/cart"));
        assert!(text.contains("\n      Tests  1 failed | 4 passed (5)\n\nexit code 1\nC:\\new\\notes\\nightly\\n.txt\n"));
        assert_eq!(text.lines().count(), 13);
    }

    #[test]
    fn leaves_paths_code_and_json_escaped() {
        for text in [
            "C:\\new\\notes\\nightly\\n.txt",
            "Saved report to C:\\new\\notes\\nightly\\nov.txt\nDone\n",
            "src\\new\\notes\\nav\\index.ts",
            "src\\new\\notes\\nav",
            "printf(\"Hello\\n\"); printf(\"World\\n\"); printf(\"!\\n\");",
            "    assert out == \"line1\\nline2\\nline3\\n\"\nE   AssertionError\n",
            "{\"stdout\": \"PASS a\\nPASS b\\nFAIL c\\nTests: 1 failed\\n\"}",
            "[\"PASS a\\nPASS b\\nFAIL c\\n\"]",
            "{\"n\": 1}\n{\"msg\": \"PASS a\\nPASS b\\nFAIL c\\nTests: 1 failed\\n\"}\n",
            "one \\n mention\nand real lines\nstay\n",
            "plain log\nno escapes\n",
        ] {
            assert!(matches!(unescape_newlines(text), Cow::Borrowed(_)), "changed: {text:?}");
        }
        // Many real lines outweigh a few escaped ones.
        let mostly_real = format!("{}A\\nB\\nC\\nD\n", "line\n".repeat(10));
        assert!(matches!(unescape_newlines(&mostly_real), Cow::Borrowed(_)));
    }

    #[test]
    fn keeps_unknown_and_broken_escapes_as_written() {
        let text = "A\\nB\\nC\\nD\\n\\q \\x \\xZZ \\x+1 \\u12 \\ud83d \\udc00 \\u{41} \\\\n end\\";
        assert_eq!(
            unescape_newlines(text),
            "A\nB\nC\nD\n\\q \\x \\xZZ \\x+1 \\u12 \\ud83d \\udc00 \\u{41} \\n end\\"
        );
    }

    #[test]
    fn unescaping_never_panics() {
        const PIECES: [&str; 16] = [
            "\\", "n", "u", "d83d", "r", "x1", "b", "\n", " ", "A", "é", "0", "33", "C:", "{", "\"",
        ];
        let mut next = crate::text::pseudo_random(0x2545_F491_4F6C_DD1D);
        let mut text = String::new();
        for _ in 0..5_000 {
            text.clear();
            for _ in 0..next() % 60 {
                text.push_str(PIECES[next() % PIECES.len()]);
            }
            let _ = unescape_newlines(&text);
        }
        let huge = "PASS x\\n".repeat(100_000);
        assert_eq!(unescape_newlines(&huge).lines().count(), 100_000);
    }

    #[test]
    fn counts_saturate_instead_of_reading_zero() {
        assert_eq!(count("42"), 42);
        assert_eq!(count("99999999999999999999999"), u64::MAX);
        assert_eq!(count(""), 0);
    }

    #[test]
    fn percentages_are_checked_and_rounded() {
        assert_eq!(percent(0.814 * 100.0), Some(81.4));
        assert_eq!(percent(81.3953488372093), Some(81.4));
        assert_eq!(percent(100.0), Some(100.0));
        assert_eq!(percent(f64::NAN), None);
        assert_eq!(percent(-1.0), None);
        assert_eq!(percent(250.0), None);
    }

    #[test]
    fn epoch_seconds_become_dates_within_range() {
        assert_eq!(epoch_date(1_772_806_930.123).as_deref(), Some("2026-03-06"));
        assert_eq!(epoch_date(-5.0), None);
        assert_eq!(epoch_date(1e300), None);
        assert_eq!(epoch_date(f64::NAN), None);
    }

    #[test]
    fn offsets_map_to_lines() {
        let index = LineIndex::new("a\nbc\n\nd");
        assert_eq!(index.line_of(0), 1);
        assert_eq!(index.line_of(1), 1);
        assert_eq!(index.line_of(2), 2);
        assert_eq!(index.line_of(5), 3);
        assert_eq!(index.line_of(6), 4);
        assert_eq!(matching_lines("x\nFAIL y\nz\nFAIL", |l| l.starts_with("FAIL")), vec![2, 4]);
    }

    #[test]
    fn ci_timestamps_before_every_line_are_removed() {
        let log = "2026-03-01T10:00:01.1234567Z ##[group]Run pytest\n\
                   2026-03-01T10:00:09.0000000Z ============ 64 passed in 7.91s ============\n";
        let bare = strip_line_stamps(log);
        assert_eq!(bare.lines().nth(1), Some("============ 64 passed in 7.91s ============"));
        assert_eq!(bare.lines().count(), 2);
        let prose = "Run on 2026-03-01T10:00:01Z\nall good\nnothing else\n";
        assert!(matches!(strip_line_stamps(prose), Cow::Borrowed(_)));
    }
}
