//! Finding mojibake from the Windows console's OEM code pages: UTF-8 that was
//! read through code page 437 (US) or 850 (Western Europe) and saved again.
//!
//! A Windows terminal with code page 437 shows a UTF-8 `✓` as `Γ£ô` and a `›`
//! as `ΓÇ║` (with 850: `Ô£ô`, `ÔÇ║`); copying the console or letting a tool
//! re-encode its output keeps the garbling. Every byte of these code pages is
//! defined, so a garbled sequence maps back exactly: a lead character followed by the right
//! number of continuation characters (the readings of bytes 0x80..=0xBF)
//! whose bytes form one valid UTF-8 character. This module only finds those
//! runs and says how much to trust them; `mojibake` decides which to keep and
//! rebuilds the text. Genuine Greek text (`Γειά σου`), accented capitals
//! (`SÃO PAULO`, `CÔTE`) and box drawings (`├──┤`) are left alone: Greek
//! letters, plain letters and `─` are not continuation characters, and the
//! few pairs that do read as a character (`─┤` as `Ĵ`) are weak, kept only
//! beside other repairs.

use std::sync::LazyLock;

use crate::text::mojibake::{Candidate, continuation_len, decode_one, multibyte_weakness};

/// Code page 437 bytes 0x80..=0xFF as characters.
const CP437: [char; 128] = [
    'Ç', 'ü', 'é', 'â', 'ä', 'à', 'å', 'ç', 'ê', 'ë', 'è', 'ï', 'î', 'ì', 'Ä', 'Å', //
    'É', 'æ', 'Æ', 'ô', 'ö', 'ò', 'û', 'ù', 'ÿ', 'Ö', 'Ü', '¢', '£', '¥', '₧', 'ƒ', //
    'á', 'í', 'ó', 'ú', 'ñ', 'Ñ', 'ª', 'º', '¿', '⌐', '¬', '½', '¼', '¡', '«', '»', //
    '░', '▒', '▓', '│', '┤', '╡', '╢', '╖', '╕', '╣', '║', '╗', '╝', '╜', '╛', '┐', //
    '└', '┴', '┬', '├', '─', '┼', '╞', '╟', '╚', '╔', '╩', '╦', '╠', '═', '╬', '╧', //
    '╨', '╤', '╥', '╙', '╘', '╒', '╓', '╫', '╪', '┘', '┌', '█', '▄', '▌', '▐', '▀', //
    'α', 'ß', 'Γ', 'π', 'Σ', 'σ', 'µ', 'τ', 'Φ', 'Θ', 'Ω', 'δ', '∞', 'φ', 'ε', '∩', //
    '≡', '±', '≥', '≤', '⌠', '⌡', '÷', '≈', '°', '∙', '·', '√', 'ⁿ', '²', '■', '\u{A0}',
];

/// Code page 850 bytes 0x80..=0xFF as characters.
const CP850: [char; 128] = [
    'Ç', 'ü', 'é', 'â', 'ä', 'à', 'å', 'ç', 'ê', 'ë', 'è', 'ï', 'î', 'ì', 'Ä', 'Å', //
    'É', 'æ', 'Æ', 'ô', 'ö', 'ò', 'û', 'ù', 'ÿ', 'Ö', 'Ü', 'ø', '£', 'Ø', '×', 'ƒ', //
    'á', 'í', 'ó', 'ú', 'ñ', 'Ñ', 'ª', 'º', '¿', '®', '¬', '½', '¼', '¡', '«', '»', //
    '░', '▒', '▓', '│', '┤', 'Á', 'Â', 'À', '©', '╣', '║', '╗', '╝', '¢', '¥', '┐', //
    '└', '┴', '┬', '├', '─', '┼', 'ã', 'Ã', '╚', '╔', '╩', '╦', '╠', '═', '╬', '¤', //
    'ð', 'Ð', 'Ê', 'Ë', 'È', 'ı', 'Í', 'Î', 'Ï', '┘', '┌', '█', '▄', '¦', 'Ì', '▀', //
    'Ó', 'ß', 'Ô', 'Ò', 'õ', 'Õ', 'µ', 'þ', 'Þ', 'Ú', 'Û', 'Ù', 'ý', 'Ý', '¯', '´', //
    '\u{AD}', '±', '‗', '¾', '¶', '§', '÷', '¸', '°', '¨', '·', '¹', '³', '²', '■', '\u{A0}',
];

/// The characters of `text` that are not ASCII, found by a byte scan: no
/// code page reads an ASCII character as a byte of 0x80 and up, and most of
/// a docs tree is ASCII.
fn non_ascii(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut rest = text;
    std::iter::from_fn(move || {
        let at = first_non_ascii(rest.as_bytes())?;
        let c = rest[at..].chars().next()?;
        rest = &rest[at + c.len_utf8()..];
        Some(c)
    })
}

/// Where the first byte outside ASCII is, looked for eight bytes at a time:
/// prose is mostly ASCII with a mark here and there.
fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in chunks.by_ref() {
        let word = u64::from_le_bytes(chunk.try_into().expect("a chunk of eight bytes"));
        if word & HIGH != 0 {
            break;
        }
        at += 8;
    }
    bytes[at..].iter().position(|b| !b.is_ascii()).map(|offset| at + offset)
}

/// One OEM code page, for looking characters up.
pub(super) struct CodePage {
    /// The code page's bytes 0x80..=0xFF as `(character, byte)` pairs
    /// sorted by character, for a binary search from character to byte.
    by_char: Vec<(char, u8)>,
}

/// The code pages repaired, in order: 437 first, since US consoles are the
/// most common, then 850.
pub(super) static CODE_PAGES: LazyLock<[CodePage; 2]> =
    LazyLock::new(|| [CodePage::new(&CP437), CodePage::new(&CP850)]);

/// The last continuation byte whose code page 437 reading is a letter or a
/// sign; 0xB0..=0xBF read as shades and box drawings.
const LAST_LETTER_BYTE: u8 = 0xAF;

impl CodePage {
    /// Indexes a code page given as its bytes 0x80..=0xFF.
    fn new(high: &[char; 128]) -> CodePage {
        let mut by_char: Vec<(char, u8)> =
            (0x80..=0xFF_u8).zip(high.iter().copied()).map(|(b, c)| (c, b)).collect();
        by_char.sort_unstable();
        CodePage { by_char }
    }

    /// The byte (0x80 and up) a character is the reading of.
    fn byte(&self, c: char) -> Option<u8> {
        if c.is_ascii() {
            return None;
        }
        let at = self.by_char.binary_search_by_key(&c, |&(ch, _)| ch).ok()?;
        Some(self.by_char[at].1)
    }

    /// The UTF-8 lead byte (0xC2..=0xF4) a character stands for, if it is one.
    fn lead_byte(&self, c: char) -> Option<u8> {
        self.byte(c).filter(|b| (0xC2..=0xF4).contains(b))
    }

    /// Whether the text has any character that could start mojibake from
    /// this code page; text without one needs no scan.
    pub(super) fn may_hold_mojibake(&self, text: &str) -> bool {
        non_ascii(text).any(|c| self.lead_byte(c).is_some())
    }

    /// Scans for garbled runs from left to right. Runs never overlap, and a
    /// character is looked up at most twice (as a lead and as a
    /// continuation), so the scan is linear.
    pub(super) fn find_candidates(&self, text: &str) -> Vec<Candidate> {
        let mut found = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            let Some(lead) = self.lead_byte(c) else { continue };
            let needed = continuation_len(lead);
            let mut bytes = [lead, 0, 0, 0];
            let mut end = start + c.len_utf8();
            let mut read = 0;
            while read < needed {
                let Some(&(at, next)) = chars.peek() else { break };
                match self.byte(next).filter(|b| (0x80..=0xBF).contains(b)) {
                    Some(byte) => {
                        read += 1;
                        bytes[read] = byte;
                        end = at + next.len_utf8();
                        chars.next();
                    }
                    None => break,
                }
            }
            if read < needed {
                // The characters read were continuations, never leads, so
                // nothing is skipped that could start a run.
                continue;
            }
            let Some(ch) = decode_one(&bytes[..=needed]) else { continue };
            let Some(weak) = weakness(lead, bytes[1], ch) else { continue };
            found.push(Candidate { start, end, ch, weak });
        }
        found
    }
}

/// Whether a run is weak (`Some(true)`: kept only beside other repairs),
/// strong (`Some(false)`) or no repair at all (`None`). Latin-1 (`├ù` for `×`,
/// `┬░` for `°`) is strong, and so is Latin Extended-A spelt with letters
/// (`┼é` for `ł`); other two-byte runs start with a box drawing or a block
/// (`─┤`, `█▓`), which pictures and progress bars have, so they are weak.
/// Longer runs are judged like Windows-1252 ones.
fn weakness(lead: u8, first: u8, ch: char) -> Option<bool> {
    match lead {
        0xC2 => (u32::from(ch) >= 0xA0).then_some(false),
        0xC3 => Some(false),
        0xC4 | 0xC5 => Some(first > LAST_LETTER_BYTE),
        0xC6..=0xDF => Some(true),
        _ => multibyte_weakness(ch),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::mojibake::tests::{assert_untouched, text_of};
    use crate::text::{DecodeIssue, decode};

    #[test]
    fn tables_are_code_pages_437_and_850() {
        let [cp437, cp850] = &*CODE_PAGES;
        for page in [cp437, cp850] {
            assert_eq!(page.by_char.len(), 128);
            assert!(page.by_char.windows(2).all(|w| w[0].0 < w[1].0), "characters are distinct");
            assert_eq!(page.byte('£'), Some(0x9C));
            assert_eq!(page.byte('ô'), Some(0x93));
            assert_eq!(page.byte('\u{A0}'), Some(0xFF));
            assert_eq!(page.byte('a'), None);
            assert_eq!(page.byte('€'), None);
        }
        assert_eq!(cp437.byte('Γ'), Some(0xE2));
        assert_eq!(cp850.byte('Ô'), Some(0xE2));
        assert_eq!(cp850.byte('Γ'), None);
    }

    #[test]
    fn repairs_code_page_850_from_western_european_consoles() {
        let garbled = "  Ô£ô  1 [chromium] ÔÇ║ tests/seo.spec.ts:12:9 ÔÇ║ has title (1.2s)\n\
                       \x20 Ô£ÿ  2 [firefox] ÔÇ║ tests/cart.spec.ts:9:5 ÔÇ║ adds item (5.0s)\n\
                       ÔöÇÔöÇ caf├® 21┬░C ├ù ÔÇª \u{AD}ƒÜº\n";
        assert_eq!(
            text_of(garbled),
            "  ✓  1 [chromium] › tests/seo.spec.ts:12:9 › has title (1.2s)\n\
             \x20 ✘  2 [firefox] › tests/cart.spec.ts:9:5 › adds item (5.0s)\n\
             ── café 21°C × … 🚧\n"
        );
    }

    #[test]
    fn repairs_playwright_list_reporter_line() {
        let garbled = "  Γ£ô  1 [chromium] ΓÇ║ tests/seo.spec.ts:12:9 ΓÇ║ has title (1.2s)\n";
        let decoded = decode(garbled.as_bytes());
        assert_eq!(decoded.text, "  ✓  1 [chromium] › tests/seo.spec.ts:12:9 › has title (1.2s)\n");
        assert_eq!(decoded.issues, vec![DecodeIssue::RepairedMojibake { line: 1, count: 3 }]);
    }

    #[test]
    fn repairs_playwright_failure_and_summary_lines() {
        let garbled = "Running 3 tests using 2 workers\n\n\
                       \x20 Γ£ô  1 [chromium] ΓÇ║ tests/home.spec.ts:4:5 ΓÇ║ loads (812ms)\n\
                       \x20 Γ£ÿ  2 [chromium] ΓÇ║ tests/cart.spec.ts:9:5 ΓÇ║ adds item (5.0s)\n\
                       \x20 Γ£ù  3 [firefox] ΓÇ║ tests/cart.spec.ts:9:5 ΓÇ║ adds item (5.1s)\n\
                       \x20 ΓöÇΓöÇΓöÇΓöÇ\n  2 failed\n  1 passed (6.3s)\n  ΓùÅ waiting ΓÇª\n";
        let decoded = decode(garbled.as_bytes());
        assert_eq!(
            decoded.text,
            "Running 3 tests using 2 workers\n\n\
             \x20 ✓  1 [chromium] › tests/home.spec.ts:4:5 › loads (812ms)\n\
             \x20 ✘  2 [chromium] › tests/cart.spec.ts:9:5 › adds item (5.0s)\n\
             \x20 ✗  3 [firefox] › tests/cart.spec.ts:9:5 › adds item (5.1s)\n\
             \x20 ────\n  2 failed\n  1 passed (6.3s)\n  ● waiting …\n"
        );
        assert_eq!(decoded.issues, vec![DecodeIssue::RepairedMojibake { line: 3, count: 15 }]);
    }

    #[test]
    fn repairs_vitest_and_pytest_symbols() {
        assert_eq!(
            text_of(" Γ£ô src/cart.test.ts (3 tests) 12ms\n ├ù src/price.test.ts > rounds 4ms\n"),
            " ✓ src/cart.test.ts (3 tests) 12ms\n × src/price.test.ts > rounds 4ms\n"
        );
        assert_eq!(
            text_of(" Γ¥» src/a.test.ts (2)\n  ΓåÆ skipped"),
            " ❯ src/a.test.ts (2)\n  → skipped"
        );
        assert_eq!(text_of("PASSED Γ£ö 21.5┬░C ┬▒0.2 caf├⌐"), "PASSED ✔ 21.5°C ±0.2 café");
        assert_eq!(text_of("≡ƒÜº WIP"), "🚧 WIP");
    }

    #[test]
    fn repairs_garbled_byte_order_mark() {
        let decoded = decode("∩╗┐ok\n".as_bytes());
        assert_eq!(decoded.text, "ok\n");
    }

    #[test]
    fn repairs_weak_runs_only_in_company() {
        assert_eq!(text_of("╨ƒ╤Ç╨╕╨▓╨╡╤é"), "Привет");
        assert_eq!(text_of("Σ╕¡µûç"), "中文");
        assert_eq!(text_of("Wroc┼éaw ─ì"), "Wrocław č");
    }

    #[test]
    fn leaves_greek_box_drawings_and_progress_bars_alone() {
        for text in [
            "Γειά σου κόσμε, Σωκράτης: αβγ ΓΔΘ",
            "σ² = 1, µs, ±5%, ≥ 90%, ∞, π ≈ 3.14, α-β, Straße",
            "┌────┬────┐\n│ a  │ b  │\n├────┼────┤\n│ ✓  │ ×  │\n└────┴────┘",
            "╔══╗\n║ok║\n╚══╝",
            "[████████▓▓▒▒░░░░] 50% ▐▌ ▀▄",
            "tree:\n├── src\n│   ├── a.rs\n└── b.rs",
            "✓ › ✗ ✘ ─ … ● × real symbols stay",
            "SÃO PAULO, CÔTE D'IVOIRE, ÔNIBUS, Þórður, Ísland, ÚLTIMO, São, órgão, ação",
            "Ôô, Ó é, Ú ñ, õ ü, ÕÇ, ýá, Ýé, ¯\\_(ツ)_/¯, ´´, ±½, ¶ §",
        ] {
            assert_untouched(text);
        }
    }

    #[test]
    fn leaves_cut_off_sequences_alone() {
        assert_untouched("Γ£ cut");
        assert_untouched("ends with Γ");
        assert_untouched("ΓÇ");
    }

    #[test]
    fn never_panics_on_strings_of_code_page_characters() {
        const CHARS: [char; 17] = [
            'Γ', '£', 'ô', 'Ç', '║', '├', 'ù', '≡', 'ƒ', '─', '┤', 'ε', ' ', '\n', 'Ô', '\u{AD}',
            'Ã',
        ];
        crate::text::each_string_of(&CHARS, 4, |s| {
            let decoded = decode(s.as_bytes());
            if decoded.issues.is_empty() {
                assert_eq!(decoded.text, s);
            }
        });
    }

    #[test]
    fn finds_nothing_in_plain_text() {
        let [cp437, cp850] = &*CODE_PAGES;
        assert!(cp437.find_candidates("plain ascii").is_empty());
        assert!(!cp437.may_hold_mojibake("plain ✓ ascii é"));
        assert!(cp437.may_hold_mojibake("Γ£ô"));
        assert!(!cp850.may_hold_mojibake("Γ£ô"));
        assert!(cp850.may_hold_mojibake("Ô£ô"));
        assert!(cp437.may_hold_mojibake("ascii first, then Γ£ô at the end"));
    }

    #[test]
    fn the_first_byte_outside_ascii_is_found_at_every_place() {
        for len in 0..40 {
            let mut bytes = vec![b'a'; len];
            assert_eq!(first_non_ascii(&bytes), None);
            for at in 0..len {
                bytes[at] = 0xC3;
                assert_eq!(first_non_ascii(&bytes), Some(at), "{len} {at}");
                bytes[len - 1] = 0xE2;
                assert_eq!(first_non_ascii(&bytes), Some(at), "{len} {at}");
                bytes.fill(b'a');
            }
        }
    }

    #[test]
    fn non_ascii_yields_every_wide_character_in_order() {
        assert_eq!(non_ascii("a✓b é\nΓ£ô").collect::<String>(), "✓éΓ£ô");
        assert_eq!(non_ascii("plain ascii").count(), 0);
        assert_eq!(non_ascii("").count(), 0);
    }
}
