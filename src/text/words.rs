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
//! with the pattern as written, exactly as before. Those made from their
//! text ([`WordRegex::from_source`], [`WordSet::from_source`]) compile the
//! pattern as written only when such a text first comes, which in most
//! trees is never.

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
    make: Make<T>,
    /// The pattern as written, when it is compiled with the other, and
    /// the pattern with ASCII boundaries, when it differs.
    shared: OnceLock<(Option<T>, Option<T>)>,
    clones: ThreadLocal<(Option<T>, Option<T>)>,
    /// The pattern as written, compiled only when a text needs it (see
    /// [`Make::Source`]), and each thread's clone of it.
    late: OnceLock<T>,
    late_clones: ThreadLocal<T>,
}

/// How a [`Pair`] gets its patterns.
enum Make<T> {
    /// The pattern as written, compiled; the ASCII one is made from its text.
    Compiled { make: fn() -> T, ascii: fn(&T) -> Option<T> },
    /// The patterns' texts, and how to compile them: the ASCII pattern is
    /// compiled first, and the pattern as written only once a text with a
    /// word character outside ASCII comes, which a tree may never hold
    /// (the patterns with `\b` of the claims cost 0.1 s of CPU to compile).
    Source { source: Sources, compile: fn(&[String]) -> T },
}

/// The texts of a [`Make::Source`]'s patterns: one regex's, or a set's.
#[derive(Clone, Copy)]
enum Sources {
    One(fn() -> String),
    Many(fn() -> Vec<String>),
}

impl Sources {
    fn texts(self) -> Vec<String> {
        match self {
            Sources::One(source) => vec![source()],
            Sources::Many(source) => source(),
        }
    }
}

impl<T: Clone + Send> Pair<T> {
    const fn new(make: fn() -> T, ascii: fn(&T) -> Option<T>) -> Pair<T> {
        Pair::with(Make::Compiled { make, ascii })
    }

    const fn from_source(source: Sources, compile: fn(&[String]) -> T) -> Pair<T> {
        Pair::with(Make::Source { source, compile })
    }

    const fn with(make: Make<T>) -> Pair<T> {
        Pair {
            make,
            shared: OnceLock::new(),
            clones: ThreadLocal::new(),
            late: OnceLock::new(),
            late_clones: ThreadLocal::new(),
        }
    }

    /// The pattern to search `text` with.
    fn for_text(&self, text: &str) -> &T {
        match self.both() {
            (_, Some(ascii)) if boundaries_agree(text) => ascii,
            _ => self.written(),
        }
    }

    /// The pattern as written.
    fn written(&self) -> &T {
        match &self.both().0 {
            Some(written) => written,
            None => self.late_clones.get_or(|| {
                self.late
                    .get_or_init(|| match &self.make {
                        Make::Source { source, compile } => compile(&source.texts()),
                        Make::Compiled { make, .. } => make(),
                    })
                    .clone()
            }),
        }
    }

    fn both(&self) -> &(Option<T>, Option<T>) {
        self.clones.get_or(|| {
            self.shared
                .get_or_init(|| match &self.make {
                    Make::Compiled { make, ascii } => {
                        let written = make();
                        let ascii = ascii(&written);
                        (Some(written), ascii)
                    }
                    Make::Source { source, compile } => {
                        let written = source.texts();
                        let ascii: Vec<String> =
                            written.iter().map(|pattern| ascii_boundaries(pattern)).collect();
                        match ascii == written {
                            true => (Some(compile(&written)), None),
                            false => (None, Some(compile(&ascii))),
                        }
                    }
                })
                .clone()
        })
    }

    /// The texts of the patterns as written.
    fn sources(&self) -> Vec<String> {
        match &self.make {
            Make::Source { source, .. } => source.texts(),
            Make::Compiled { .. } => Vec::new(),
        }
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

    /// The regex whose text `source` makes, compiled with ASCII word
    /// boundaries the first time any thread searches, and as written only
    /// when a text with a word character outside ASCII is searched (or the
    /// regex is used as a [`Regex`]).
    ///
    /// # Panics
    ///
    /// When the pattern is not valid, the first time it is compiled.
    pub const fn from_source(source: fn() -> String) -> WordRegex {
        WordRegex(Pair::from_source(Sources::One(source), |patterns| {
            Regex::new(&patterns[0]).expect("a valid pattern")
        }))
    }

    /// The pattern's text as written, without compiling it.
    pub fn source(&self) -> String {
        self.0.sources().pop().unwrap_or_else(|| self.as_str().to_string())
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

/// A pattern compiled ahead of its first search, beside the walk of the
/// tree (see [`crate::parse::prepare`]).
pub trait Prepare: Sync {
    /// Compiles the pattern in the form texts without a word character
    /// outside ASCII are searched with (and, for a pattern not made from
    /// its text, as written).
    fn prepare(&self);
}

impl Prepare for WordRegex {
    fn prepare(&self) {
        self.0.both();
    }
}

impl Prepare for WordSet {
    fn prepare(&self) {
        self.0.both();
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

    /// The set of the patterns `source` makes, compiled as
    /// [`WordRegex::from_source`] compiles its pattern.
    ///
    /// # Panics
    ///
    /// When a pattern is not valid, the first time the set is compiled.
    pub const fn from_source(source: fn() -> Vec<String>) -> WordSet {
        WordSet(Pair::from_source(Sources::Many(source), |patterns| {
            RegexSet::new(patterns).expect("valid patterns")
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

    static PASSED_FROM_SOURCE: WordRegex =
        WordRegex::from_source(|| r"(?i)\b(\d+)\s+(pass(?:ed)?|réussis)\b".to_string());
    static WORDS_FROM_SOURCE: WordSet = WordSet::from_source(|| {
        vec![r"(?i)\bgreen\b".to_string(), r"(?i)\b[1-9]\d*\s+errors\b".to_string()]
    });
    static NO_BOUNDARY: WordRegex = WordRegex::from_source(|| r"(\d+)/(\d+)".to_string());

    /// Patterns made from their text match as the patterns as written do,
    /// and compile as written only once a text needs it.
    #[test]
    fn a_pattern_from_its_text_is_compiled_as_written_only_when_a_text_needs_it() {
        let written = Regex::new(PASSED_FROM_SOURCE.source().as_str()).unwrap();
        let written_set = RegexSet::new(WORDS_FROM_SOURCE.0.sources()).unwrap();
        let same_as_written = |text: &str| {
            let ours: Vec<_> =
                PASSED_FROM_SOURCE.captures_iter(text).map(|c| c[0].to_string()).collect();
            let theirs: Vec<_> = written.captures_iter(text).map(|c| c[0].to_string()).collect();
            assert_eq!(ours, theirs, "{text:?}");
            let ours: Vec<usize> = WORDS_FROM_SOURCE.matches(text).into_iter().collect();
            let theirs: Vec<usize> = written_set.matches(text).into_iter().collect();
            assert_eq!(ours, theirs, "{text:?}");
        };
        ["✅ 12 passed — ready", "3 errors → fix", "CI green", "nothing here", ""]
            .into_iter()
            .for_each(same_as_written);
        assert!(
            PASSED_FROM_SOURCE.0.late.get().is_none(),
            "ASCII texts need no pattern as written"
        );
        assert!(WORDS_FROM_SOURCE.0.late.get().is_none(), "ASCII texts need no set as written");
        ["12 passedé", "3 réussis ✅", "é12 passed", "٣12 passed", "CI greené", "éé 3 errors"]
            .into_iter()
            .for_each(same_as_written);
        assert!(PASSED_FROM_SOURCE.0.late.get().is_some());
        assert_eq!(PASSED_FROM_SOURCE.as_str(), written.as_str());
        // A pattern without `\b` is one pattern, used for every text.
        assert_eq!(NO_BOUNDARY.find("é 3/4").map(|m| m.as_str()), Some("3/4"));
        assert!(NO_BOUNDARY.0.late.get().is_none() && NO_BOUNDARY.0.both().1.is_none());
    }
}
