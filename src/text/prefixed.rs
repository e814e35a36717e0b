//! A line's regex that can only match when the line starts with a known
//! text, tested before the regex runs.
//!
//! The readers try a dozen anchored patterns (`^Tests run: …`, `^\s*Test
//! Files …`) on every line of every log, and nearly every line starts
//! otherwise. A `starts_with` settles those lines for a fraction of a regex
//! call; the regex decides the rest. The prefix is checked against the
//! pattern when the program compiles, so that it can never turn away a line
//! the regex would match.
//!
//! [`captures`] serves the other patterns tried line by line: it asks the
//! regex whether the line matches before it asks for its groups, which
//! `Regex::captures` makes room for on every call.

use std::sync::OnceLock;

use regex::{Captures, Regex};
use thread_local::ThreadLocal;

/// A regex anchored at the start of the text, whose every match starts with
/// `prefix` (after any blanks, for [`Prefixed::after_blanks`]).
#[derive(Debug)]
pub struct Prefixed {
    /// The text every match starts with.
    prefix: &'static str,
    /// Whether blanks may come before the prefix (the pattern starts `^\s*`).
    blanks: bool,
    /// The pattern, compiled on first use.
    pattern: &'static str,
    regex: OnceLock<Regex>,
    /// Each thread's clone of it (see [`crate::text::local`]).
    clones: ThreadLocal<Regex>,
}

impl Prefixed {
    /// A pattern that starts with `^` and then `prefix` (as a regex literal):
    /// `Prefixed::new("Tests run: ", r"^Tests run: (\d+)")`.
    ///
    /// # Panics
    ///
    /// When the pattern does not start so, each of the prefix's characters
    /// required, or has a `|` outside a group (whose other branch need not
    /// start with the prefix). In a `static`, that is an error at compile
    /// time.
    pub const fn new(prefix: &'static str, pattern: &'static str) -> Prefixed {
        let bytes = pattern.as_bytes();
        assert!(
            !bytes.is_empty()
                && bytes[0] == b'^'
                && starts_with_literal(bytes, 1, prefix.as_bytes())
                && !has_top_level_bar(bytes),
            "the pattern must start with ^ and the prefix, and have no top-level |"
        );
        Prefixed {
            prefix,
            blanks: false,
            pattern,
            regex: OnceLock::new(),
            clones: ThreadLocal::new(),
        }
    }

    /// A pattern that starts with `^\s*` and then `prefix`:
    /// `Prefixed::after_blanks("Tests", r"^\s*Tests\s+(\d+)")`.
    ///
    /// # Panics
    ///
    /// As [`Prefixed::new`] does, and when the prefix does not start with
    /// an ASCII character other than a blank (`\s*` could leave a blank
    /// the prefix starts with to it, where the test skips every blank).
    pub const fn after_blanks(prefix: &'static str, pattern: &'static str) -> Prefixed {
        let bytes = pattern.as_bytes();
        let first = if prefix.is_empty() { b' ' } else { prefix.as_bytes()[0] };
        assert!(
            first.is_ascii_graphic()
                && bytes.len() > 4
                && bytes[0] == b'^'
                && bytes[1] == b'\\'
                && bytes[2] == b's'
                && bytes[3] == b'*'
                && starts_with_literal(bytes, 4, prefix.as_bytes())
                && !has_top_level_bar(bytes),
            r"the pattern must start with ^\s* and the prefix, and have no top-level |"
        );
        Prefixed {
            prefix,
            blanks: true,
            pattern,
            regex: OnceLock::new(),
            clones: ThreadLocal::new(),
        }
    }

    /// The compiled regex, the calling thread's clone.
    pub fn regex(&self) -> &Regex {
        self.clones.get_or(|| {
            self.regex.get_or_init(|| Regex::new(self.pattern).expect("valid regex")).clone()
        })
    }

    /// Whether the line could match: it starts with the prefix.
    pub fn may_match(&self, line: &str) -> bool {
        let line = if self.blanks { line.trim_start() } else { line };
        // The first byte alone turns away nearly every line, without the
        // call into `memcmp` that `starts_with` makes.
        match self.prefix.as_bytes().first() {
            Some(first) => line.as_bytes().first() == Some(first) && line.starts_with(self.prefix),
            None => true,
        }
    }

    /// Whether the regex matches `line`.
    pub fn is_match(&self, line: &str) -> bool {
        self.may_match(line) && self.regex().is_match(line)
    }

    /// The regex's groups in `line`, or `None` when it does not match.
    pub fn captures<'h>(&self, line: &'h str) -> Option<Captures<'h>> {
        if self.may_match(line) { self.regex().captures(line) } else { None }
    }
}

/// Whether `pattern` from byte `at` on starts with `literal`, each character
/// written as itself or (when not a letter or digit) escaped, and none made
/// optional by a `?`, `*` or `{…}` after it.
const fn starts_with_literal(pattern: &[u8], at: usize, literal: &[u8]) -> bool {
    let (mut i, mut j) = (0, at);
    while i < literal.len() {
        let b = literal[i];
        if j + 1 < pattern.len()
            && pattern[j] == b'\\'
            && pattern[j + 1] == b
            && b.is_ascii_punctuation()
        {
            j += 2;
        } else if is_meta(b) || j >= pattern.len() || pattern[j] != b {
            return false;
        } else {
            j += 1;
        }
        if j < pattern.len() && matches!(pattern[j], b'?' | b'*' | b'{') {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether a byte is one of the regex syntax's own characters.
const fn is_meta(b: u8) -> bool {
    matches!(b, b'\\' | b'.' | b'+' | b'*' | b'?' | b'(' | b')' | b'|' | b'[' | b']')
        || matches!(b, b'{' | b'}' | b'^' | b'$')
}

/// Whether a pattern has a `|` outside every group and class, so that one
/// of its branches is not anchored by what comes before the bar.
const fn has_top_level_bar(pattern: &[u8]) -> bool {
    let (mut depth, mut in_class, mut i) = (0usize, false, 0);
    while i < pattern.len() {
        match pattern[i] {
            b'\\' => i += 1,
            b'[' if !in_class => in_class = true,
            b']' if in_class => in_class = false,
            _ if in_class => {}
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            b'|' if depth == 0 => return true,
            _ => {}
        }
        i += 1;
    }
    false
}

/// `regex`'s groups in `text`, or `None` when it does not match, as
/// `Regex::captures` gives them. A reader tries its patterns on every line
/// and most lines match none: asking first whether it matches costs no
/// allocation, where `captures` makes its slots on every call.
pub fn captures<'h>(regex: &Regex, text: &'h str) -> Option<Captures<'h>> {
    if regex.is_match(text) { regex.captures(text) } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;

    static COUNT: Prefixed = Prefixed::new("Tests run: ", r"^Tests run: (\d+)");
    static INDENTED: Prefixed = Prefixed::after_blanks("Tests", r"^\s*Tests\s+(\d+)");

    #[test]
    fn captures_gives_what_the_regex_gives() {
        let re = Regex::new(r"(\d+) (passed|failed)").unwrap();
        for line in ["", "3 passed", "ran: 12 failed, 1 passed", "nothing here", "٣ passed"] {
            let ours = captures(&re, line).map(|c| (c.get(0).map(|m| m.range()), c[2].to_string()));
            let theirs = re.captures(line).map(|c| (c.get(0).map(|m| m.range()), c[2].to_string()));
            assert_eq!(ours, theirs, "{line:?}");
        }
    }

    #[test]
    fn matches_as_its_regex_does() {
        for line in ["Tests run: 4", "Tests run: x", "  Tests run: 4", "", "Test"] {
            assert_eq!(COUNT.is_match(line), Regex::new(COUNT.pattern).unwrap().is_match(line));
        }
        assert_eq!(&COUNT.captures("Tests run: 12, Failures: 0").unwrap()[1], "12");
        assert!(COUNT.captures("  Tests run: 12").is_none());
        assert_eq!(&INDENTED.captures(" \t\u{a0}Tests  7").unwrap()[1], "7");
        assert!(!INDENTED.is_match("Test Files 7"));
    }

    #[test]
    fn the_prefix_must_be_where_the_pattern_starts_and_required() {
        let ok = |pattern: &str, prefix: &str| {
            let p = pattern.as_bytes();
            p[0] == b'^' && starts_with_literal(p, 1, prefix.as_bytes()) && !has_top_level_bar(p)
        };
        assert!(ok(r"^Tests run: (\d+)", "Tests run: "));
        assert!(ok(r"^\-\-- (PASS)", "--- "));
        assert!(ok(r"^--> \S", "--> "));
        assert!(ok(r"^✓ \d", "✓ "));
        assert!(!ok(r"^\s*Tests", "Tests"), "blanks first");
        assert!(!ok(r"^Results ?:$", "Results "), "an optional last character");
        assert!(!ok(r"^a+b", "a+"), "a quantifier is not a literal");
        assert!(!ok(r"^ab", "abc"), "longer than the pattern's literal");
        assert!(!ok(r"^OK|FAILED", "OK"), "a branch without the prefix");
        assert!(ok(r"^OK (?:a|b)[|]\|", "OK "), "bars in groups and classes");
    }

    #[test]
    #[should_panic(expected = "must start with")]
    fn a_wrong_prefix_is_refused() {
        let _ = Prefixed::new("Tests", r"^\s*Tests");
    }

    #[test]
    #[should_panic(expected = "must start with")]
    fn a_prefix_after_blanks_that_starts_with_a_blank_is_refused() {
        // `^\s* x` matches "  x"; a test that trims every blank would not.
        let _ = Prefixed::after_blanks(" x", r"^\s* x");
    }
}
