//! Patterns with word boundaries (`\b`), searched at the regex engine's
//! full speed on text that holds no letter or digit outside ASCII.
//!
//! A `\b` in a `regex::Regex` is Unicode's: `é`, `ж` and `中` are word
//! characters. The engine's fast automaton (its lazy DFA) cannot see such a
//! boundary, and gives up on the first byte outside ASCII; the search then
//! runs again in a slower engine, a character at a time. Governance docs put
//! `✅`, `—` and `→` on the very lines that state figures, so one such mark
//! made each of the claim patterns on the line ten to a hundred times
//! slower: the 285 KB changelog of a real tree took 0.36 s to check alone
//! (0.23 s now; docs/performance.md, eighteenth round).
//!
//! A boundary with ASCII's word characters (`(?-u:\b)`) is one the fast
//! automaton sees everywhere. The two kinds of boundary differ only beside
//! a word character outside ASCII (a letter such as `é`, or a digit such as
//! `٣`): on a text without one, every character is a word character for
//! both or for neither, so the two patterns match the same spans with the
//! same groups. [`WordRegex`] and [`WordSet`] keep both patterns, and
//! search a text with the ASCII one unless it holds such a character; then
//! with the pattern as written, exactly as before.

use std::borrow::Cow;
use std::ops::Deref;
use std::sync::OnceLock;

use regex::{CaptureMatches, Captures, Match, Matches, Regex, RegexSet, Replacer, SetMatches};
use thread_local::ThreadLocal;

/// Whether `\b` and `(?-u:\b)` are the same on `text`: no character of it
/// is a word character outside ASCII.
pub fn boundaries_agree(text: &str) -> bool {
    text.is_ascii() || text.chars().all(|c| c.is_ascii() || !regex_syntax::is_word_character(c))
}

/// `pattern` with each word boundary `\b` made ASCII's: `(?-u:\b)`. An
/// escaped backslash before a `b` (`\\b`) is a backslash and a letter, and
/// a half boundary (`\b{start}`) is left as written.
fn ascii_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') if chars.peek() != Some(&'{') => out.push_str(r"(?-u:\b)"),
            Some(next) => {
                out.push('\\');
                out.push(next);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// A pattern as written and, when it has a word boundary, with ASCII
/// boundaries; each thread searches its own clones (see
/// [`crate::text::local`]).
struct Pair<T: Clone + Send> {
    make: fn() -> T,
    ascii: fn(&T) -> Option<T>,
    shared: OnceLock<(T, Option<T>)>,
    clones: ThreadLocal<(T, Option<T>)>,
}

impl<T: Clone + Send> Pair<T> {
    const fn new(make: fn() -> T, ascii: fn(&T) -> Option<T>) -> Pair<T> {
        Pair { make, ascii, shared: OnceLock::new(), clones: ThreadLocal::new() }
    }

    /// The pattern to search `text` with.
    fn for_text(&self, text: &str) -> &T {
        match self.both() {
            (_, Some(ascii)) if boundaries_agree(text) => ascii,
            (written, _) => written,
        }
    }

    /// The pattern as written.
    fn written(&self) -> &T {
        &self.both().0
    }

    fn both(&self) -> &(T, Option<T>) {
        self.clones.get_or(|| {
            self.shared
                .get_or_init(|| {
                    let written = (self.make)();
                    let ascii = (self.ascii)(&written);
                    (written, ascii)
                })
                .clone()
        })
    }
}

/// `pattern` with ASCII word boundaries, or `None` when it has no `\b`.
fn with_ascii_boundaries(pattern: &str) -> Option<String> {
    let ascii = ascii_boundaries(pattern);
    (ascii != pattern).then_some(ascii)
}

/// A regex with word boundaries: see the module documentation. Its methods
/// are `Regex`'s, searching with the faster pattern where the text allows;
/// it derefs to the pattern as written for the rest.
pub struct WordRegex(Pair<Regex>);

impl WordRegex {
    /// The regex `make` compiles, the first time any thread searches.
    pub const fn new(make: fn() -> Regex) -> WordRegex {
        WordRegex(Pair::new(make, |regex| {
            let ascii = with_ascii_boundaries(regex.as_str())?;
            Some(Regex::new(&ascii).expect("a valid pattern with ASCII word boundaries is valid"))
        }))
    }

    /// The regex to search `text` with: the same matches as the pattern as
    /// written, found faster when the text allows.
    pub fn for_text(&self, text: &str) -> &Regex {
        self.0.for_text(text)
    }

    /// `Regex::is_match`.
    pub fn is_match(&self, text: &str) -> bool {
        self.for_text(text).is_match(text)
    }

    /// `Regex::find`.
    pub fn find<'h>(&self, text: &'h str) -> Option<Match<'h>> {
        self.for_text(text).find(text)
    }

    /// `Regex::find_iter`.
    pub fn find_iter<'r, 'h>(&'r self, text: &'h str) -> Matches<'r, 'h> {
        self.for_text(text).find_iter(text)
    }

    /// `Regex::captures`.
    pub fn captures<'h>(&self, text: &'h str) -> Option<Captures<'h>> {
        self.for_text(text).captures(text)
    }

    /// `Regex::captures_iter`.
    pub fn captures_iter<'r, 'h>(&'r self, text: &'h str) -> CaptureMatches<'r, 'h> {
        self.for_text(text).captures_iter(text)
    }

    /// `Regex::replace`.
    pub fn replace<'h, R: Replacer>(&self, text: &'h str, rep: R) -> Cow<'h, str> {
        self.for_text(text).replace(text, rep)
    }

    /// `Regex::replace_all`.
    pub fn replace_all<'h, R: Replacer>(&self, text: &'h str, rep: R) -> Cow<'h, str> {
        self.for_text(text).replace_all(text, rep)
    }
}

impl Deref for WordRegex {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        self.0.written()
    }
}

/// A set of patterns with word boundaries: see the module documentation.
pub struct WordSet(Pair<RegexSet>);

impl WordSet {
    /// The set `make` compiles, the first time any thread searches.
    pub const fn new(make: fn() -> RegexSet) -> WordSet {
        WordSet(Pair::new(make, |set| {
            let ascii: Vec<Option<String>> =
                set.patterns().iter().map(|p| with_ascii_boundaries(p)).collect();
            ascii.iter().any(Option::is_some).then(|| {
                let patterns =
                    ascii.iter().zip(set.patterns()).map(|(a, p)| a.as_ref().unwrap_or(p));
                RegexSet::new(patterns)
                    .expect("valid patterns with ASCII word boundaries are valid")
            })
        }))
    }

    /// Whether any pattern of the set matches `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.0.for_text(text).is_match(text)
    }

    /// Which patterns match `text`, numbered as in the set as written.
    pub fn matches(&self, text: &str) -> SetMatches {
        self.0.for_text(text).matches(text)
    }
}

impl Deref for WordSet {
    type Target = RegexSet;

    fn deref(&self) -> &RegexSet {
        self.0.written()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_letters_and_digits_outside_ascii_tell_the_boundaries_apart() {
        for agree in ["12 passed", "✅ 12/12 passed — green → ship", "a\u{a0}b", "％", ""] {
            assert!(boundaries_agree(agree), "{agree:?}");
        }
        for differ in ["réussi", "тесты", "中文", "٣ tests", "５０", "ſ", "\u{212A}"] {
            assert!(!boundaries_agree(differ), "{differ:?}");
        }
    }

    #[test]
    fn each_boundary_is_made_asciis_and_nothing_else_changes() {
        assert_eq!(ascii_boundaries(r"(?i)\bpass(?:ed)?\b"), r"(?i)(?-u:\b)pass(?:ed)?(?-u:\b)");
        assert_eq!(ascii_boundaries(r"\\b\d\s\\"), r"\\b\d\s\\");
        assert_eq!(ascii_boundaries(r"a\"), r"a\");
        assert_eq!(ascii_boundaries(r"\b{start}go\b"), r"\b{start}go(?-u:\b)");
    }

    static PASSED: WordRegex =
        WordRegex::new(|| Regex::new(r"(?i)\b(\d+)\s+(pass(?:ed)?|réussis)\b").unwrap());

    /// The two patterns differ beside a word character outside ASCII; such
    /// a text is searched with the pattern as written.
    #[test]
    fn a_text_is_searched_as_the_pattern_as_written_would_search_it() {
        let texts = [
            "✅ 12 passed — ready",
            "12 passé",
            "12 passedé",
            "é12 passed",
            "٣12 passed",
            "12 passeſ",
            "3 réussis ✅",
            "3 réussisé",
            "nothing here",
        ];
        let written = Regex::new(PASSED.as_str()).unwrap();
        for text in texts {
            let ours: Vec<_> = PASSED.captures_iter(text).map(|c| c[0].to_string()).collect();
            let theirs: Vec<_> = written.captures_iter(text).map(|c| c[0].to_string()).collect();
            assert_eq!(ours, theirs, "{text:?}");
            assert_eq!(PASSED.is_match(text), written.is_match(text), "{text:?}");
            assert_eq!(PASSED.replace_all(text, "_"), written.replace_all(text, "_"), "{text:?}");
        }
        // Where the ASCII pattern alone would be wrong: `é` is a letter.
        let ascii = Regex::new(&ascii_boundaries(PASSED.as_str())).unwrap();
        assert!(ascii.is_match("12 passedé") && !PASSED.is_match("12 passedé"));
    }

    static WORDS: WordSet =
        WordSet::new(|| RegexSet::new([r"(?i)\bgreen\b", r"(?i)\b[1-9]\d*\s+errors\b"]).unwrap());

    #[test]
    fn a_set_says_which_patterns_match_as_the_set_as_written_would() {
        let written = RegexSet::new(WORDS.patterns()).unwrap();
        for text in ["CI green ✅", "CI greené", "3 errors → fix", "٣ errors", "éé 3 errors"]
        {
            let ours: Vec<usize> = WORDS.matches(text).into_iter().collect();
            let theirs: Vec<usize> = written.matches(text).into_iter().collect();
            assert_eq!(ours, theirs, "{text:?}");
            assert_eq!(WORDS.is_match(text), written.is_match(text), "{text:?}");
        }
    }
}
