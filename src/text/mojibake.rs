//! Repairing mojibake: UTF-8 that was read as Windows-1252 or as an OEM code
//! page (437, 850) and saved again.
//!
//! This module owns the repair passes over text that is already valid UTF-8.
//! It finds runs of characters that map back through Windows-1252 to one
//! UTF-8 character, guesses back the undefined bytes a tool dropped, kept as
//! C1 controls or replaced with U+FFFD, and keeps only the repairs it can
//! trust. Runs garbled through the Windows console's code pages 437 and 850
//! are found by `oem` and kept or dropped by the same rules. Byte-order marks,
//! line endings and invalid UTF-8 are the parent module's job
//! (`crate::text`), and which characters are plausible symbols is decided by
//! the symbol tables in `symbols`.

use std::borrow::Cow;

use crate::text::oem::CODE_PAGES;
use crate::text::symbols::symbol_rank;
use crate::text::{MOJIBAKE_MARKER_BYTE, Tally, count_newlines};

/// Doubly garbled text needs two passes; a third catches triple garbling, and
/// the bound keeps a pathological file from looping.
const MAX_REPAIR_PASSES: usize = 3;

/// The bytes Windows-1252 leaves undefined. Tools that decode with it drop
/// them, keep them as C1 controls or replace them with U+FFFD.
const UNDEFINED_CP1252: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

/// The no-break space byte, which often turns into a plain space on the way.
const NBSP_BYTE: u8 = 0xA0;

/// Isolated weak repairs (see [`Candidate::weak`]) are accepted when another
/// repair is at most this many bytes away, as in a garbled Cyrillic sentence.
const MAX_WEAK_GAP: usize = 1;

/// Windows-1252 bytes 0x80..=0x9F as characters. The undefined bytes hold
/// their C1 control, which is how Latin-1-style decoders keep them.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// Repairs mojibake in valid text: Windows-1252 pass after pass while a pass
/// still finds something, so that doubly garbled text comes out right, then
/// one pass for each OEM code page (437, then 850). Windows-1252 goes first
/// because its garbled letters (`crÃ©Ã©`) also read as code page 850 runs,
/// while the OEM code pages' garbled symbols (`Γ£ô`, `Ô£ô`) almost never
/// form a Windows-1252 run that is kept. The tally's line is 0-based,
/// relative to the start of `text`.
pub(super) fn repair_mojibake(text: &str) -> (Cow<'_, str>, Tally) {
    let mut current = Cow::Borrowed(text);
    let mut tally = Tally::default();
    for _ in 0..MAX_REPAIR_PASSES {
        if !current.as_bytes().contains(&MOJIBAKE_MARKER_BYTE) {
            break;
        }
        let Some((fixed, found)) = repair_pass(&current) else { break };
        if let Some(line) = found.first_line {
            tally.record(found.count, line);
        }
        current = Cow::Owned(fixed);
    }
    for page in CODE_PAGES.iter() {
        if page.may_hold_mojibake(&current)
            && let Some((fixed, found)) = apply(&current, &page.find_candidates(&current))
        {
            if let Some(line) = found.first_line {
                tally.record(found.count, line);
            }
            current = Cow::Owned(fixed);
        }
    }
    (current, tally)
}

/// A garbled run of characters and the character it stands for.
#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate {
    /// Start of the run: a byte offset in the text being repaired.
    pub(super) start: usize,
    /// End of the run (exclusive): a byte offset in the text being repaired.
    pub(super) end: usize,
    /// The repaired character.
    pub(super) ch: char,
    /// Whether the run also reads as plausible legitimate text (a German "ß“"
    /// is a valid garbling of an NKo letter). Weak runs are only repaired
    /// next to other repairs, where the text is clearly garbled.
    pub(super) weak: bool,
}

/// One Windows-1252 repair pass: finds the garbled runs, keeps the
/// trustworthy ones and rebuilds the text. Returns `None` when nothing was
/// repaired.
fn repair_pass(text: &str) -> Option<(String, Tally)> {
    apply(text, &find_candidates(text))
}

/// Keeps the trustworthy runs of `found` (sorted, non-overlapping) and
/// rebuilds the text with them repaired. Returns `None` when none was kept.
fn apply(text: &str, found: &[Candidate]) -> Option<(String, Tally)> {
    let accepted: Vec<Candidate> = found
        .iter()
        .enumerate()
        .filter(|&(i, candidate)| !candidate.weak || has_close_neighbour(found, i))
        .map(|(_, candidate)| *candidate)
        .collect();
    let first = accepted.first()?;
    let tally =
        Tally { count: accepted.len(), first_line: Some(count_newlines(&text[..first.start])) };
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for candidate in &accepted {
        out.push_str(&text[pos..candidate.start]);
        out.push(candidate.ch);
        pos = candidate.end;
    }
    out.push_str(&text[pos..]);
    Some((out, tally))
}

/// Whether another candidate sits right before or after candidate `i`.
fn has_close_neighbour(found: &[Candidate], i: usize) -> bool {
    let close = |a: &Candidate, b: &Candidate| b.start.saturating_sub(a.end) <= MAX_WEAK_GAP;
    let before =
        i.checked_sub(1).and_then(|j| found.get(j)).is_some_and(|prev| close(prev, &found[i]));
    let after = found.get(i + 1).is_some_and(|next| close(&found[i], next));
    before || after
}

/// Scans for garbled runs from left to right. Runs never overlap: a lead
/// character is never a continuation character, so after a run the scan
/// resumes at its end.
fn find_candidates(text: &str) -> Vec<Candidate> {
    let mut found = Vec::new();
    let mut pos = 0;
    while let Some(offset) = text[pos..].find(|c| lead_byte(c).is_some()) {
        let start = pos + offset;
        let mut chars = text[start..].chars();
        let Some((lead_char, lead)) = chars.next().and_then(|c| Some((c, lead_byte(c)?))) else {
            break;
        };
        let after = start + lead_char.len_utf8();
        match read_sequence(lead, chars.as_str()) {
            Some(repair) => {
                let end = after + repair.consumed;
                found.push(Candidate { start, end, ch: repair.ch, weak: repair.weak });
                pos = end;
            }
            None => pos = after,
        }
    }
    found
}

/// The UTF-8 lead byte a character stands for when it starts mojibake:
/// U+00C2..=U+00F4 ('Â'..='ô') are the Windows-1252 readings of every lead
/// byte of a multi-byte UTF-8 sequence.
fn lead_byte(c: char) -> Option<u8> {
    u8::try_from(u32::from(c)).ok().filter(|b| (0xC2..=0xF4).contains(b))
}

/// How many continuation bytes follow a UTF-8 lead byte.
pub(super) fn continuation_len(lead: u8) -> usize {
    match lead {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        _ => 3,
    }
}

/// The UTF-8 continuation byte (0x80..=0xBF) a character stands for when
/// read back through Windows-1252. C1 controls stand for themselves, which
/// covers Latin-1-style decoders and undefined bytes that were kept.
fn continuation_byte(c: char) -> Option<u8> {
    if let Ok(byte @ 0x80..=0xBF) = u8::try_from(u32::from(c)) {
        return Some(byte);
    }
    let index = CP1252_HIGH.iter().position(|&high| high == c)?;
    u8::try_from(0x80 + index).ok()
}

/// What one character after a lead character stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// A known continuation byte.
    Byte(u8),
    /// U+FFFD, written by a decoder for an undefined Windows-1252 byte.
    Unknown,
    /// A plain space, possibly a no-break space (0xA0) that lost its kind.
    Space,
}

/// The characters after a lead character that could belong to its sequence.
#[derive(Debug, Clone, Copy)]
struct Tail {
    slots: [Slot; 3],
    /// `ends[i]` is how many bytes slots `0..=i` take in the text.
    ends: [usize; 3],
    len: usize,
}

/// Reads up to `needed` slot characters from the start of `rest`.
fn read_tail(rest: &str, needed: usize) -> Tail {
    let mut tail = Tail { slots: [Slot::Unknown; 3], ends: [0; 3], len: 0 };
    let mut consumed = 0;
    for c in rest.chars().take(needed) {
        let slot = match c {
            '\u{FFFD}' => Slot::Unknown,
            ' ' => Slot::Space,
            _ => match continuation_byte(c) {
                Some(byte) => Slot::Byte(byte),
                None => break,
            },
        };
        consumed += c.len_utf8();
        tail.slots[tail.len] = slot;
        tail.ends[tail.len] = consumed;
        tail.len += 1;
    }
    tail
}

/// A repair found at one lead character.
#[derive(Debug, Clone, Copy)]
struct Repair {
    ch: char,
    /// Bytes taken after the lead character.
    consumed: usize,
    weak: bool,
}

/// Tries to read the characters after a lead character as the rest of one
/// garbled UTF-8 sequence. A complete reading wins unless it is weak and a
/// reading with one dropped undefined byte gives a confident answer.
fn read_sequence(lead: u8, rest: &str) -> Option<Repair> {
    let needed = continuation_len(lead);
    let tail = read_tail(rest, needed);
    match complete_reading(lead, &tail, needed) {
        Some(repair) if !repair.weak => Some(repair),
        weak => dropped_byte_reading(lead, &tail, needed).or(weak),
    }
}

/// Reads a sequence with every continuation byte present, allowing one
/// U+FFFD for an undefined byte and, in a three-byte sequence, a plain space
/// for a final no-break space.
fn complete_reading(lead: u8, tail: &Tail, needed: usize) -> Option<Repair> {
    if tail.len < needed {
        return None;
    }
    let mut bytes = [lead, 0, 0, 0];
    let mut unknown = None;
    for (i, slot) in tail.slots[..needed].iter().enumerate() {
        bytes[i + 1] = match *slot {
            Slot::Byte(byte) => byte,
            Slot::Space if i == 1 && needed == 2 && unknown.is_none() => NBSP_BYTE,
            Slot::Unknown if unknown.is_none() => {
                unknown = Some(i + 1);
                0
            }
            Slot::Space | Slot::Unknown => return None,
        };
    }
    let consumed = tail.ends[needed - 1];
    let sequence = &bytes[..=needed];
    if let Some(at) = unknown {
        let guesses = UNDEFINED_CP1252.iter().map(|&byte| with_byte_at(sequence, at, byte));
        return best_guess(guesses, 1).map(|ch| Repair { ch, consumed, weak: false });
    }
    let ch = decode_one(sequence)?;
    // A sequence ending in a (no-break) space is more often a symbol that
    // lost a byte followed by a space, so only an obvious symbol counts.
    if needed >= 2 && bytes[needed] == NBSP_BYTE && symbol_rank(ch) < 2 {
        return None;
    }
    let weak = complete_reading_is_weak(lead, ch)?;
    Some(Repair { ch, consumed, weak })
}

/// Reads a sequence whose tool dropped one undefined Windows-1252 byte:
/// tries each undefined byte at each position and keeps the most plausible
/// symbol. Nothing marks where the byte went missing, so only common symbols
/// are accepted; a rarer one is more likely ordinary text. Two-byte
/// sequences are never guessed, since a lone accented capital followed by a
/// letter is ordinary text.
fn dropped_byte_reading(lead: u8, tail: &Tail, needed: usize) -> Option<Repair> {
    if needed < 2 || tail.len < needed - 1 {
        return None;
    }
    let mut known = [lead, 0, 0];
    for (i, slot) in tail.slots[..needed - 1].iter().enumerate() {
        let Slot::Byte(byte) = *slot else { return None };
        known[i + 1] = byte;
    }
    let known = &known[..needed];
    // Later positions are tried first, so on a tie the dropped byte is
    // assumed to be the last one; the order only matters for ties.
    let guesses = (1..=needed).rev().flat_map(|at| {
        UNDEFINED_CP1252.iter().map(move |&byte| with_byte_inserted(known, at, byte))
    });
    let ch = best_guess(guesses, 2)?;
    Some(Repair { ch, consumed: tail.ends[needed - 2], weak: false })
}

/// A byte sequence (at most four bytes) with one byte replaced.
type Guess = ([u8; 4], usize);

/// `sequence` with the byte at `at` replaced by `byte`.
fn with_byte_at(sequence: &[u8], at: usize, byte: u8) -> Guess {
    let mut bytes = [0; 4];
    bytes[..sequence.len()].copy_from_slice(sequence);
    bytes[at] = byte;
    (bytes, sequence.len())
}

/// `known` with `byte` inserted before index `at` (1..=known.len()).
fn with_byte_inserted(known: &[u8], at: usize, byte: u8) -> Guess {
    let mut bytes = [0; 4];
    bytes[..at].copy_from_slice(&known[..at]);
    bytes[at] = byte;
    bytes[at + 1..=known.len()].copy_from_slice(&known[at..]);
    (bytes, known.len() + 1)
}

/// The highest-ranked symbol among the guesses, if its rank is at least
/// `min_rank`; the first one wins a tie, which keeps the choice
/// deterministic. Guesses that are not symbols are never taken: a wrong
/// letter is worse than leaving the text as it is.
fn best_guess(guesses: impl Iterator<Item = Guess>, min_rank: u8) -> Option<char> {
    let mut best: Option<(u8, char)> = None;
    for (bytes, len) in guesses {
        let Some(ch) = decode_one(&bytes[..len]) else { continue };
        let rank = symbol_rank(ch);
        if rank >= min_rank.max(1) && best.is_none_or(|(best_rank, _)| rank > best_rank) {
            best = Some((rank, ch));
        }
    }
    best.map(|(_, ch)| ch)
}

/// Decodes bytes that should form exactly one UTF-8 character.
pub(super) fn decode_one(bytes: &[u8]) -> Option<char> {
    let mut chars = std::str::from_utf8(bytes).ok()?.chars();
    let ch = chars.next()?;
    chars.next().is_none().then_some(ch)
}

/// Whether a complete reading is weak (`Some(true)`), strong (`Some(false)`)
/// or not a repair at all (`None`), judged by what legitimate text could
/// produce the same characters.
fn complete_reading_is_weak(lead: u8, ch: char) -> Option<bool> {
    let cp = u32::from(ch);
    match lead {
        // "Â£" and friends: 'Â' + a Latin-1 symbol. C1 controls are noise.
        0xC2 => (cp >= 0xA0).then_some(false),
        // Accented Latin letters ("Ã©") and Central European ones ("Å‚").
        0xC3..=0xC5 => Some(false),
        // Greek, Cyrillic, Hebrew...: but also a German "ß“" or "Ö…".
        0xC6..=0xDF => Some(true),
        _ => multibyte_weakness(ch),
    }
}

/// How far to trust a garbled run of three or four bytes, whatever the code
/// page: symbols and the letters of [`is_strong_letter_or_mark`] are strong
/// (`Some(false)`); other plausible characters are weak (`Some(true)`),
/// since an accented letter followed by two symbols can spell a CJK
/// character, so isolated CJK and the like need company to count; the rest
/// is no repair (`None`).
pub(super) fn multibyte_weakness(ch: char) -> Option<bool> {
    let cp = u32::from(ch);
    if symbol_rank(ch) > 0 || is_strong_letter_or_mark(cp) {
        Some(false)
    } else if is_plausible_code_point(cp) {
        Some(true)
    } else {
        None
    }
}

/// Vietnamese letters (Latin Extended Additional), the byte-order mark and
/// emoji tag characters: garbled forms of these are common, and legitimate
/// text that looks the same is not.
fn is_strong_letter_or_mark(cp: u32) -> bool {
    (0x1E00..=0x1EFF).contains(&cp) || cp == 0xFEFF || (0xE0020..=0xE007F).contains(&cp)
}

/// Whether a code point is something a document could contain: not private
/// use, not a noncharacter, not in an unassigned plane.
fn is_plausible_code_point(cp: u32) -> bool {
    let private_use = (0xE000..=0xF8FF).contains(&cp) || cp >= 0xF0000;
    let noncharacter = (0xFDD0..=0xFDEF).contains(&cp) || cp & 0xFFFE == 0xFFFE;
    let assigned_plane = cp < 0x40000 || (0xE0000..=0xE01EF).contains(&cp);
    !private_use && !noncharacter && assigned_plane
}

#[cfg(test)]
pub(super) mod tests {
    use crate::text::{DecodeIssue, decode};

    /// The decoded text of a string's bytes.
    pub(crate) fn text_of(input: &str) -> String {
        decode(input.as_bytes()).text
    }

    /// Asserts that decoding leaves legitimate text as it is, with no issue.
    pub(crate) fn assert_untouched(input: &str) {
        let decoded = decode(input.as_bytes());
        assert_eq!(decoded.text, input, "legitimate text was changed");
        assert!(decoded.issues.is_empty(), "unexpected issues for {input:?}: {:?}", decoded.issues);
    }

    fn mojibake_issue(input: &str) -> Option<DecodeIssue> {
        decode(input.as_bytes())
            .issues
            .into_iter()
            .find(|issue| matches!(issue, DecodeIssue::RepairedMojibake { .. }))
    }

    #[test]
    fn repairs_check_mark_emoji() {
        assert_eq!(text_of("Done: âœ… yes"), "Done: ✅ yes");
    }

    #[test]
    fn repairs_four_byte_construction_emoji() {
        assert_eq!(text_of("ðŸš§ WIP"), "🚧 WIP");
    }

    #[test]
    fn repairs_dropped_undefined_byte_in_cross_mark() {
        assert_eq!(text_of("âŒ failed"), "❌ failed");
        assert_eq!(text_of("| âŒ |"), "| ❌ |");
        assert_eq!(text_of("âŒ"), "❌");
    }

    #[test]
    fn repairs_dropped_undefined_byte_in_hourglass() {
        assert_eq!(text_of("â³ pending"), "⏳ pending");
        assert_eq!(text_of("(â³)"), "(⏳)");
    }

    #[test]
    fn repairs_dropped_byte_in_variation_selector_after_warning_sign() {
        assert_eq!(text_of("âš ï¸ careful"), "⚠\u{FE0F} careful");
        assert_eq!(text_of("âš\u{A0}ï¸ careful"), "⚠\u{FE0F} careful");
        assert_eq!(text_of("âš ï¸\n"), "⚠\u{FE0F}\n");
    }

    #[test]
    fn repairs_common_punctuation() {
        assert_eq!(text_of("a â€” b"), "a — b");
        assert_eq!(text_of("itâ€™s"), "it’s");
        assert_eq!(text_of("A â†’ B"), "A → B");
        assert_eq!(text_of("â€œquotedâ€\u{9D}"), "“quoted”");
        assert_eq!(text_of("waitâ€¦"), "wait…");
    }

    #[test]
    fn repairs_right_quote_whose_undefined_byte_was_dropped() {
        assert_eq!(text_of("â€œquotedâ€ here"), "“quoted” here");
    }

    #[test]
    fn repairs_emoji_with_dropped_byte_preferring_common_ones() {
        // Each garbled form also fits other emoji; docs use these ones.
        assert_eq!(text_of("ðŸ‘ LGTM"), "👍 LGTM");
        assert_eq!(text_of("ðŸ› bug"), "🐛 bug");
        assert_eq!(text_of("ðŸ” find"), "🔍 find");
        assert_eq!(text_of("ðŸ“ notes"), "📝 notes");
        assert_eq!(text_of("ðŸ˜ grin"), "😁 grin");
    }

    #[test]
    fn repairs_two_byte_latin_letters() {
        assert_eq!(text_of("cafÃ©"), "café");
        assert_eq!(text_of("Ãœbersicht"), "Übersicht");
        assert_eq!(text_of("franÃ§ais"), "français");
        assert_eq!(text_of("WrocÅ‚aw"), "Wrocław");
        assert_eq!(text_of("Ã\u{A0} bientôt"), "à bientôt");
    }

    #[test]
    fn repairs_pound_sign_garbled_with_a_circumflex() {
        // "Â£" is the classic garbling of "£" (C2 A3); a real "£" stays.
        assert_eq!(text_of("costs Â£5"), "costs £5");
        assert_untouched("costs £5");
    }

    #[test]
    fn repairs_undefined_bytes_kept_as_c1_controls() {
        assert_eq!(text_of("â\u{9D}Œ no"), "❌ no");
        assert_eq!(text_of("â\u{8F}³ wait"), "⏳ wait");
        assert_eq!(text_of("âš ï¸\u{8F}"), "⚠\u{FE0F}");
        assert_eq!(text_of("Å\u{81}ukasz"), "Łukasz");
    }

    #[test]
    fn repairs_latin1_style_mojibake_with_all_c1_controls() {
        assert_eq!(text_of("â\u{9C}\u{85} ok"), "✅ ok");
        assert_eq!(text_of("â\u{80}\u{94}"), "—");
    }

    #[test]
    fn repairs_undefined_bytes_replaced_with_replacement_character() {
        assert_eq!(text_of("â\u{FFFD}Œ no"), "❌ no");
        assert_eq!(text_of("â\u{FFFD}³ wait"), "⏳ wait");
        assert_eq!(text_of("sayâ€\u{FFFD}."), "say”.");
    }

    #[test]
    fn leaves_ambiguous_replacement_character_alone() {
        // Á, Í, Ï, Ð and Ý all fit "Ã�"; guessing a letter would be wrong.
        assert_untouched("Ã\u{FFFD}");
    }

    #[test]
    fn repairs_double_encoded_mojibake() {
        assert_eq!(text_of("Ã¢Å“â€¦ done"), "✅ done");
        assert_eq!(text_of("cafÃƒÂ©"), "café");
        let issue = mojibake_issue("Ã¢Å“â€¦").expect("repaired");
        assert_eq!(issue, DecodeIssue::RepairedMojibake { line: 1, count: 4 });
    }

    #[test]
    fn repairs_runs_of_garbled_letters_that_also_read_as_code_page_850() {
        assert_eq!(text_of("crÃ©Ã© Ã©tÃ© fÃ¼r Ã¼Ã¤"), "créé été für üä");
    }

    #[test]
    fn repairs_garbled_cyrillic_and_cjk_runs() {
        assert_eq!(text_of("ÐŸÑ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€"), "Привет мир");
        assert_eq!(text_of("ä¸\u{AD}æ–‡"), "中文");
    }

    #[test]
    fn leaves_legitimate_accents_alone() {
        for text in [
            "é",
            "café crème à la carte",
            "naïve",
            "Ångström",
            "3 × 4 ÷ 2",
            "ça, garçon",
            "Größe, Übersicht, Straße, „Fuß“, für … Bär",
            "Élève, où êtes-vous ? « Déjà\u{A0}» — voilà… très bien",
            "São Paulo: “não”, informação, ação…",
            "Ærø, Øresund, Þór, Ðe, Ñandú, ÑOÑO",
            "pâte, château, Â, ÂGE",
            "ÿ, ý, þ, ð, ô, û",
        ] {
            assert_untouched(text);
        }
    }

    #[test]
    fn leaves_lone_circumflex_before_a_letter_alone() {
        assert_untouched("âge, bâton, Ângelo, â");
    }

    #[test]
    fn leaves_deliberate_windows_1252_punctuation_alone() {
        assert_untouched("“Quoted” — it’s… • ‹a› ™ € ‰ Œuvre œuvre Šš Žž Ÿ ƒ † ‡ ˆ ˜");
        assert_untouched("French « guillemets », £ 5, © 2024, ½, ¿qué?, ¡sí!");
    }

    #[test]
    fn leaves_real_emoji_and_symbols_alone() {
        assert_untouched("✅ ❌ ⏳ ⚠️ 🚧 — ’ → é 中文 Привет");
    }
}
