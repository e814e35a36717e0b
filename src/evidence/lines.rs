//! Small helpers the text readers share: terminal output turned into what the
//! terminal showed, counts read from digits, byte offsets turned into line
//! numbers, percentages checked.
//!
//! Nothing here knows a log format; the readers beside it do.

use std::borrow::Cow;

use crate::dates::format_days;

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
    text.lines().enumerate().filter(|(_, line)| is_failure(line)).map(|(i, _)| i + 1).collect()
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
}
