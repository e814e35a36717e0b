//! Which characters a garbled sequence plausibly stands for.
//!
//! This module owns the tables of the symbols and emoji that project docs
//! use, and ranks a candidate character by them, so that the mojibake repair
//! prefers a likely symbol to an unlikely letter when a byte was lost on the
//! way. It never looks at text itself; that is the job of `mojibake`.

/// Characters that project docs use all the time: emoji, check marks, arrows,
/// quotes and dashes. When a garbled sequence lost a byte, a guess that lands
/// here beats any other guess. Sorted, non-overlapping, inclusive.
const COMMON_SYMBOLS: &[(u32, u32)] = &[
    (0x2013, 0x2014),
    (0x2018, 0x2019),
    (0x201C, 0x201D),
    (0x2022, 0x2022),
    (0x2026, 0x2026),
    (0x203C, 0x203C),
    (0x2049, 0x2049),
    (0x2122, 0x2122),
    (0x2139, 0x2139),
    (0x2190, 0x2199),
    (0x21A9, 0x21AA),
    (0x231A, 0x231B),
    (0x2328, 0x2328),
    (0x23CF, 0x23CF),
    (0x23E9, 0x23F3),
    (0x23F8, 0x23FA),
    (0x24C2, 0x24C2),
    (0x25AA, 0x25AB),
    (0x25B6, 0x25B6),
    (0x25C0, 0x25C0),
    (0x25FB, 0x25FE),
    (0x2600, 0x2604),
    (0x260E, 0x260E),
    (0x2611, 0x2611),
    (0x2614, 0x2615),
    (0x2618, 0x2618),
    (0x261D, 0x261D),
    (0x2620, 0x2620),
    (0x2622, 0x2623),
    (0x2626, 0x2626),
    (0x262A, 0x262A),
    (0x262E, 0x262F),
    (0x2638, 0x263A),
    (0x2640, 0x2640),
    (0x2642, 0x2642),
    (0x2648, 0x2653),
    (0x265F, 0x2660),
    (0x2663, 0x2663),
    (0x2665, 0x2666),
    (0x2668, 0x2668),
    (0x267B, 0x267B),
    (0x267E, 0x267F),
    (0x2692, 0x2697),
    (0x2699, 0x2699),
    (0x269B, 0x269C),
    (0x26A0, 0x26A1),
    (0x26A7, 0x26A7),
    (0x26AA, 0x26AB),
    (0x26B0, 0x26B1),
    (0x26BD, 0x26BE),
    (0x26C4, 0x26C5),
    (0x26C8, 0x26C8),
    (0x26CE, 0x26CF),
    (0x26D1, 0x26D1),
    (0x26D3, 0x26D4),
    (0x26E9, 0x26EA),
    (0x26F0, 0x26F5),
    (0x26F7, 0x26FA),
    (0x26FD, 0x26FD),
    (0x2702, 0x2702),
    (0x2705, 0x2705),
    (0x2708, 0x270D),
    (0x270F, 0x270F),
    (0x2712, 0x2714),
    (0x2716, 0x2718),
    (0x271D, 0x271D),
    (0x2721, 0x2721),
    (0x2728, 0x2728),
    (0x2733, 0x2734),
    (0x2744, 0x2744),
    (0x2747, 0x2747),
    (0x274C, 0x274C),
    (0x274E, 0x274E),
    (0x2753, 0x2755),
    (0x2757, 0x2757),
    (0x2763, 0x2764),
    (0x2795, 0x2797),
    (0x27A1, 0x27A1),
    (0x27B0, 0x27B0),
    (0x27BF, 0x27BF),
    (0x2934, 0x2935),
    (0x2B05, 0x2B07),
    (0x2B1B, 0x2B1C),
    (0x2B50, 0x2B50),
    (0x2B55, 0x2B55),
    (0x3030, 0x3030),
    (0x303D, 0x303D),
    (0xFE0F, 0xFE0F),
    (0x1F1E6, 0x1F1FF),
    (0x1F300, 0x1F6FF),
    (0x1F900, 0x1FAFF),
];

/// Emoji that project docs use often and that share their garbled form with
/// other emoji once an undefined byte was dropped ("ðŸ‘" fits 👍, 👁, 👏,
/// 🐑...). They win such ties; without this list the choice would still be
/// deterministic, but usually wrong.
const FAVOURITE_EMOJI: [char; 11] =
    ['🌍', '🏆', '🏗', '🏠', '🏷', '🐛', '🐳', '👍', '📝', '🔍', '🤝'];

/// Blocks of punctuation, symbols and emoji: a plausible result for a garbled
/// sequence, unlike letters of a script the document is unlikely to contain.
/// APL symbols, control pictures and Braille are left out on purpose, since
/// they are what a wrong guess usually produces, and so are the invisible
/// separators and bidirectional controls at U+2028..=U+202F. Sorted,
/// inclusive.
const SYMBOL_BLOCKS: &[(u32, u32)] = &[
    (0x2010, 0x2027),
    (0x2030, 0x205E),
    (0x2070, 0x20CF),
    (0x2100, 0x2335),
    (0x237B, 0x23FF),
    (0x2460, 0x27FF),
    (0x2900, 0x2BFF),
    (0x3000, 0x303F),
    (0xFE0E, 0xFE0F),
    (0x1F000, 0x1FBFF),
];

/// 3 for favourite emoji, 2 for common symbols, 1 for other symbols, 0 for
/// anything else.
pub(super) fn symbol_rank(ch: char) -> u8 {
    let cp = u32::from(ch);
    if FAVOURITE_EMOJI.contains(&ch) {
        3
    } else if in_ranges(COMMON_SYMBOLS, cp) {
        2
    } else if in_ranges(SYMBOL_BLOCKS, cp) {
        1
    } else {
        0
    }
}

/// Whether `cp` falls in one of the sorted, inclusive ranges.
fn in_ranges(ranges: &[(u32, u32)], cp: u32) -> bool {
    let index = ranges.partition_point(|&(_, hi)| hi < cp);
    ranges.get(index).is_some_and(|&(lo, _)| lo <= cp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbol_tables_are_sorted_and_disjoint() {
        for table in [COMMON_SYMBOLS, SYMBOL_BLOCKS] {
            for window in table.windows(2) {
                assert!(window[0].0 <= window[0].1 && window[0].1 < window[1].0, "{window:x?}");
            }
        }
        assert_eq!(symbol_rank('❌'), 2);
        assert_eq!(symbol_rank('⌐'), 1);
        assert_eq!(symbol_rank('a'), 0);
    }
}
