//! Eight bytes of a text looked at together, as one `u64`: the loops that
//! pass over long runs of bytes they need not stop at (HTML escaping of a
//! log, the search index's plain text) test a word at a time.
//!
//! A byte equal to `b` is a zero byte of `word ^ (b * ONES)`, and a word
//! holds a zero byte exactly when `(x - ONES) & !x & HIGHS` is not zero:
//! the subtraction borrows out of the high bit of the lowest zero byte
//! and of no byte above a byte that is not zero. The same subtraction by
//! `n * ONES` finds a byte below `n`, for `n` up to 0x80.

/// A one in each byte.
const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of each byte.
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The eight bytes of `bytes` from `at`, when there are eight.
pub fn word_at(bytes: &[u8], at: usize) -> Option<u64> {
    let word = bytes.get(at..at.checked_add(8)?)?;
    Some(u64::from_le_bytes(word.try_into().expect("eight bytes")))
}

/// Whether a byte of `word` is `byte`.
pub fn has_byte(word: u64, byte: u8) -> bool {
    has_byte_below(word ^ (u64::from(byte) * ONES), 1)
}

/// Whether a byte of `word` is below `limit`, which is at most 0x80.
pub fn has_byte_below(word: u64, limit: u8) -> bool {
    debug_assert!(limit <= 0x80, "the borrow finds bytes below 0x80 at most");
    word.wrapping_sub(u64::from(limit) * ONES) & !word & HIGHS != 0
}

/// Whether a byte of `word` is 0x80 or above: outside ASCII.
pub fn has_high_byte(word: u64) -> bool {
    word & HIGHS != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each question against the bytes one at a time: every byte value in
    /// every place of a word, beside bytes that do and do not answer it.
    #[test]
    fn a_word_answers_as_its_bytes_do() {
        for fill in [b'a', b'~', 0x00, 0x7F, 0x80, 0xFF] {
            for place in 0..8 {
                for value in 0..=u8::MAX {
                    let mut bytes = [fill; 8];
                    bytes[place] = value;
                    let word = word_at(&bytes, 0).expect("eight bytes");
                    for probe in [0x00, b'&', b'<', b'\'', 0x7F, 0x80, 0xFF, value] {
                        assert_eq!(
                            has_byte(word, probe),
                            bytes.contains(&probe),
                            "{bytes:?} {probe}"
                        );
                    }
                    for limit in [0x01, 0x21, 0x41, 0x80] {
                        let below = bytes.iter().any(|&b| b < limit);
                        assert_eq!(has_byte_below(word, limit), below, "{bytes:?} {limit}");
                    }
                    assert_eq!(has_high_byte(word), bytes.iter().any(|&b| b >= 0x80));
                }
            }
        }
    }

    #[test]
    fn a_word_is_eight_bytes_or_none() {
        let bytes = b"0123456789";
        assert_eq!(word_at(bytes, 2), Some(u64::from_le_bytes(*b"23456789")));
        assert_eq!(word_at(bytes, 3), None);
        assert_eq!(word_at(bytes, usize::MAX), None);
    }
}
