//! Turning a file's raw bytes into clean text.
//!
//! This module owns the step from bytes on disk to a `String` the rest of the
//! pipeline can trust: it strips byte-order marks, converts UTF-16, turns CRLF
//! and lone CR into LF, repairs "mojibake" (UTF-8 that was read as
//! Windows-1252 and saved again) and replaces bytes that are not UTF-8 with
//! U+FFFD. It never fails and never panics. It only *describes* what it had to
//! repair, as [`DecodeIssue`] values; callers decide how to report them (the
//! parser turns them into diagnostics), and callers decide whether a file is
//! text at all, with the help of [`is_probably_binary`].

use std::borrow::Cow;

/// Clean text decoded from a file's bytes, with what had to be repaired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text: no byte-order mark, LF line endings, mojibake repaired.
    pub text: String,
    /// What was repaired or could not be read, in a fixed order: `Utf16`,
    /// then `RepairedMojibake`, then `InvalidUtf8`; each kind at most once.
    pub issues: Vec<DecodeIssue>,
}

/// Something the decoder repaired or could not read, with the 1-based line of
/// the decoded text where it was seen first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeIssue {
    /// UTF-8 that had been read as Windows-1252 and saved again ("mojibake"),
    /// repaired; `count` is how many sequences were repaired in the whole file
    /// (text garbled twice is repaired in two passes, and every repair of
    /// every pass counts), `line` the first line.
    RepairedMojibake {
        /// The first line with a repaired sequence.
        line: usize,
        /// How many sequences were repaired.
        count: usize,
    },
    /// Bytes that are not valid UTF-8 (after repairs), or unpaired UTF-16
    /// surrogates, replaced with U+FFFD; `count` sequences, first at `line`.
    InvalidUtf8 {
        /// The first line with a replaced sequence.
        line: usize,
        /// How many sequences were replaced.
        count: usize,
    },
    /// The file was UTF-16 (detected by its BOM) and was converted.
    Utf16,
}

/// The UTF-8 byte-order mark.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// How much of a file [`is_probably_binary`] looks at.
const BINARY_SNIFF_LEN: usize = 8 * 1024;

/// Every character that can start a mojibake sequence (U+00C2..=U+00F4) is
/// encoded in UTF-8 with this first byte, so text without it has no mojibake.
const MOJIBAKE_MARKER_BYTE: u8 = 0xC3;

/// Doubly garbled text needs two passes; a third catches triple garbling, and
/// the bound keeps a pathological file from looping.
const MAX_REPAIR_PASSES: usize = 3;

/// The bytes Windows-1252 leaves undefined. Tools that decode with it drop
/// them, keep them as C1 controls or replace them with U+FFFD.
const UNDEFINED_CP1252: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

/// The no-break space byte, which often turns into a plain space on the way.
const NBSP_BYTE: u8 = 0xA0;

/// A byte that is never valid UTF-8; the UTF-16 converter writes it for
/// unreadable input so that the UTF-8 path reports and replaces it.
const INVALID_MARKER: u8 = 0xFF;

/// Isolated weak repairs (see [`Candidate::weak`]) are accepted when another
/// repair is at most this many bytes away, as in a garbled Cyrillic sentence.
const MAX_WEAK_GAP: usize = 1;

/// Windows-1252 bytes 0x80..=0x9F as characters. The undefined bytes hold
/// their C1 control, which is how Latin-1-style decoders keep them.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

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

/// Decodes a file's bytes into clean text: strips a UTF-8 BOM, converts UTF-16
/// (detected by its BOM), turns CRLF and lone CR into LF, repairs mojibake and
/// replaces invalid UTF-8 with U+FFFD, reporting each repair in
/// [`Decoded::issues`].
///
/// Mojibake is repaired only where mapping a run of characters back through
/// Windows-1252 yields one complete UTF-8 character: `âœ…` becomes ✅ and
/// `Ã©` becomes é, while a real "é" or "naïve" is left alone. Undefined
/// Windows-1252 bytes may have been dropped, kept as C1 controls or replaced
/// with U+FFFD; a dropped byte is guessed back only when that yields a common
/// symbol (`âŒ` becomes ❌). Clean UTF-8 (no CR, no accented Latin-1
/// letter that could start mojibake) takes a fast path: one scan, UTF-8
/// validation and a single copy into the returned `String`.
pub fn decode(bytes: &[u8]) -> Decoded {
    let mut issues = Vec::new();
    let bytes = match utf16_byte_order(bytes) {
        Some(big_endian) => {
            issues.push(DecodeIssue::Utf16);
            Cow::Owned(utf16_to_utf8(&bytes[2..], big_endian))
        }
        None => Cow::Borrowed(bytes),
    };
    let bytes = strip_utf8_boms(&bytes);
    if let Some(text) = fast_path(bytes) {
        return Decoded { text, issues };
    }
    let (mut text, repaired, invalid) = decode_chunks(&normalise_line_endings(bytes));
    // A repaired "ï»¿" is a byte-order mark that was itself garbled.
    if text.starts_with('\u{FEFF}') {
        text.drain(..'\u{FEFF}'.len_utf8());
    }
    if let Some(line) = repaired.first_line {
        issues.push(DecodeIssue::RepairedMojibake { line, count: repaired.count });
    }
    if let Some(line) = invalid.first_line {
        issues.push(DecodeIssue::InvalidUtf8 { line, count: invalid.count });
    }
    Decoded { text, issues }
}

/// Whether the bytes look like a binary file (an image, an archive): a NUL
/// byte in the first 8 KiB, unless the file starts with a UTF-16 BOM, since
/// UTF-16 text is full of NULs.
pub fn is_probably_binary(bytes: &[u8]) -> bool {
    utf16_byte_order(bytes).is_none() && bytes.iter().take(BINARY_SNIFF_LEN).any(|&b| b == 0)
}

/// How many repairs of one kind were made, and the first line with one.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    count: usize,
    first_line: Option<usize>,
}

impl Tally {
    /// Adds `count` occurrences, the earliest of them on `line`.
    fn record(&mut self, count: usize, line: usize) {
        if count == 0 {
            return;
        }
        self.count += count;
        self.first_line = Some(self.first_line.map_or(line, |first| first.min(line)));
    }
}

/// Returns `Some(true)` for a UTF-16 big-endian BOM, `Some(false)` for
/// little-endian, `None` when there is no UTF-16 BOM.
fn utf16_byte_order(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0xFE, 0xFF, ..] => Some(true),
        [0xFF, 0xFE, ..] => Some(false),
        _ => None,
    }
}

/// Removes every leading UTF-8 BOM; editors that add one without checking
/// sometimes leave two.
fn strip_utf8_boms(mut bytes: &[u8]) -> &[u8] {
    while let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        bytes = rest;
    }
    bytes
}

/// Converts UTF-16 code units (after the BOM) to UTF-8 bytes. Unpaired
/// surrogates and a dangling odd byte become [`INVALID_MARKER`], so the UTF-8
/// path counts and replaces them exactly like invalid UTF-8.
fn utf16_to_utf8(body: &[u8], big_endian: bool) -> Vec<u8> {
    let units = body.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if big_endian { u16::from_be_bytes(pair) } else { u16::from_le_bytes(pair) }
    });
    let mut out = Vec::with_capacity(body.len());
    for unit in char::decode_utf16(units) {
        match unit {
            Ok(c) => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
            Err(_) => out.push(INVALID_MARKER),
        }
    }
    if body.len() % 2 == 1 {
        out.push(INVALID_MARKER);
    }
    out
}

/// Returns the text when there is nothing to repair: valid UTF-8 without CR
/// and without any character that could start mojibake. The check is one
/// scan plus UTF-8 validation, and the copy is the only allocation.
fn fast_path(bytes: &[u8]) -> Option<String> {
    if bytes.iter().any(|&b| b == b'\r' || b == MOJIBAKE_MARKER_BYTE) {
        return None;
    }
    std::str::from_utf8(bytes).ok().map(str::to_owned)
}

/// Turns CRLF and lone CR into LF. This is safe on bytes that are not yet
/// known to be UTF-8: CR and LF are ASCII and never part of a multi-byte
/// sequence, so invalid sequences stay exactly as invalid as they were.
fn normalise_line_endings(bytes: &[u8]) -> Cow<'_, [u8]> {
    if !bytes.contains(&b'\r') {
        return Cow::Borrowed(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut iter = bytes.iter().copied().peekable();
    while let Some(b) = iter.next() {
        if b == b'\r' {
            out.push(b'\n');
            iter.next_if_eq(&b'\n');
        } else {
            out.push(b);
        }
    }
    Cow::Owned(out)
}

/// Decodes with `String::from_utf8_lossy` semantics (one U+FFFD per maximal
/// invalid sequence) and repairs mojibake inside each valid stretch. Repairs
/// never look across an invalid byte, so a U+FFFD this function inserts is
/// never mistaken for one a Windows-1252 decoder wrote.
fn decode_chunks(bytes: &[u8]) -> (String, Tally, Tally) {
    let mut text = String::with_capacity(bytes.len());
    let (mut repaired, mut invalid) = (Tally::default(), Tally::default());
    let mut line = 1;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        let (fixed, found) = repair_mojibake(valid);
        if let Some(offset) = found.first_line {
            repaired.record(found.count, line + offset);
        }
        text.push_str(&fixed);
        // Repairs only produce non-ASCII characters, so counting newlines in
        // the original stretch gives the line numbers of the decoded text.
        line += count_newlines(valid);
        if !chunk.invalid().is_empty() {
            invalid.record(1, line);
            text.push(char::REPLACEMENT_CHARACTER);
        }
    }
    (text, repaired, invalid)
}

/// Counts LF bytes.
fn count_newlines(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count()
}

/// Repairs mojibake in valid text, pass after pass while a pass still finds
/// something, so that doubly garbled text comes out right. The tally's line
/// is 0-based, relative to the start of `text`.
fn repair_mojibake(text: &str) -> (Cow<'_, str>, Tally) {
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
    (current, tally)
}

/// A garbled run of characters and the character it stands for.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    /// Byte range of the run in the text being repaired.
    start: usize,
    end: usize,
    /// The repaired character.
    ch: char,
    /// Whether the run also reads as plausible legitimate text (a German "ß“"
    /// is a valid garbling of an NKo letter). Weak runs are only repaired
    /// next to other repairs, where the text is clearly garbled.
    weak: bool,
}

/// One repair pass: finds the garbled runs, keeps the trustworthy ones and
/// rebuilds the text. Returns `None` when nothing was repaired.
fn repair_pass(text: &str) -> Option<(String, Tally)> {
    let found = find_candidates(text);
    let accepted: Vec<Candidate> = found
        .iter()
        .enumerate()
        .filter(|&(i, candidate)| !candidate.weak || has_close_neighbour(&found, i))
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
fn continuation_len(lead: u8) -> usize {
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
fn decode_one(bytes: &[u8]) -> Option<char> {
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
        _ if symbol_rank(ch) > 0 || is_strong_letter_or_mark(cp) => Some(false),
        // An accented letter followed by two symbols can spell a CJK
        // character, so isolated CJK and the like need company to count.
        _ if is_plausible_code_point(cp) => Some(true),
        _ => None,
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

/// 3 for favourite emoji, 2 for common symbols, 1 for other symbols, 0 for
/// anything else.
fn symbol_rank(ch: char) -> u8 {
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

    fn text_of(input: &str) -> String {
        decode(input.as_bytes()).text
    }

    fn assert_untouched(input: &str) {
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
    fn repairs_garbled_cyrillic_and_cjk_runs() {
        assert_eq!(text_of("ÐŸÑ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€"), "Привет мир");
        assert_eq!(text_of("ä¸\u{AD}æ–‡"), "中文");
    }

    #[test]
    fn repairs_garbled_byte_order_mark() {
        let decoded = decode("ï»¿# Title\n".as_bytes());
        assert_eq!(decoded.text, "# Title\n");
        assert_eq!(decoded.issues, vec![DecodeIssue::RepairedMojibake { line: 1, count: 1 }]);
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

    #[test]
    fn strips_utf8_bom() {
        let decoded = decode(b"\xEF\xBB\xBF# Title\n");
        assert_eq!(decoded.text, "# Title\n");
        assert!(decoded.issues.is_empty());
        assert_eq!(decode(b"\xEF\xBB\xBF\xEF\xBB\xBFx").text, "x");
    }

    #[test]
    fn normalises_crlf_and_lone_cr_to_lf() {
        let decoded = decode(b"a\r\nb\rc\n\r\nd\r");
        assert_eq!(decoded.text, "a\nb\nc\n\nd\n");
        assert!(decoded.issues.is_empty());
    }

    #[test]
    fn decodes_utf16_le_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("# Tï\r\n✅ 🚧".encode_utf16().flat_map(u16::to_le_bytes));
        let decoded = decode(&bytes);
        assert_eq!(decoded.text, "# Tï\n✅ 🚧");
        assert_eq!(decoded.issues, vec![DecodeIssue::Utf16]);
    }

    #[test]
    fn decodes_utf16_be_with_bom() {
        let mut bytes = vec![0xFE, 0xFF];
        bytes.extend("héllo".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(
            decode(&bytes),
            Decoded { text: "héllo".into(), issues: vec![DecodeIssue::Utf16] }
        );
    }

    #[test]
    fn reports_unpaired_surrogate_and_odd_byte_in_utf16() {
        let bytes = [0xFF, 0xFE, b'a', 0, b'\n', 0, 0x00, 0xD8, b'b', 0, 0x41];
        let decoded = decode(&bytes);
        assert_eq!(decoded.text, "a\n\u{FFFD}b\u{FFFD}");
        assert_eq!(
            decoded.issues,
            vec![DecodeIssue::Utf16, DecodeIssue::InvalidUtf8 { line: 2, count: 2 }]
        );
    }

    #[test]
    fn reports_first_mojibake_line_and_total_count() {
        let input = "# Status\n\nIntro.\n\n| Task | State |\n|---|---|\n| Build | âœ… |\n\
                     | Test | âŒ |\n| Ship | â³ |\n";
        let decoded = decode(input.as_bytes());
        assert!(decoded.text.contains("| Build | ✅ |\n| Test | ❌ |\n| Ship | ⏳ |"));
        assert_eq!(decoded.issues, vec![DecodeIssue::RepairedMojibake { line: 7, count: 3 }]);
    }

    #[test]
    fn reports_mojibake_line_after_crlf_and_invalid_bytes() {
        let decoded = decode(b"one\r\ntw\xE9\r\nthree\rfour \xC3\xA2\xC5\x93\xE2\x80\xA6\n");
        assert_eq!(decoded.text, "one\ntw\u{FFFD}\nthree\nfour ✅\n");
        assert_eq!(
            decoded.issues,
            vec![
                DecodeIssue::RepairedMojibake { line: 4, count: 1 },
                DecodeIssue::InvalidUtf8 { line: 2, count: 1 },
            ]
        );
    }

    #[test]
    fn replaces_invalid_bytes_and_reports_count_and_first_line() {
        let decoded = decode(b"ok\ncaf\xE9 na\xEFve\n\xFF\xFE\n");
        assert_eq!(decoded.text, "ok\ncaf\u{FFFD} na\u{FFFD}ve\n\u{FFFD}\u{FFFD}\n");
        assert_eq!(decoded.issues, vec![DecodeIssue::InvalidUtf8 { line: 2, count: 4 }]);
    }

    #[test]
    fn counts_invalid_sequences_like_from_utf8_lossy() {
        for bytes in
            [&b"\xE2\x9C"[..], b"\xF0\x9F\x9A", b"\xED\xA0\x80", b"a\xC0\xAFb", b"\x80\x80"]
        {
            let lossy = String::from_utf8_lossy(bytes);
            let expected = lossy.matches('\u{FFFD}').count();
            let decoded = decode(bytes);
            assert_eq!(decoded.text, lossy);
            assert_eq!(decoded.issues, vec![DecodeIssue::InvalidUtf8 { line: 1, count: expected }]);
        }
    }

    #[test]
    fn does_not_treat_inserted_replacement_character_as_garbling() {
        // The 0x9D here is a raw invalid byte, not a character a decoder wrote.
        let decoded = decode(b"\xC3\xA2\x9D\xC5\x92");
        assert_eq!(decoded.text, "â\u{FFFD}Œ");
        assert_eq!(decoded.issues, vec![DecodeIssue::InvalidUtf8 { line: 1, count: 1 }]);
    }

    #[test]
    fn clean_text_passes_through_unchanged() {
        let input = "# Plain\n\nASCII, £ ¿ ł ő Σ Ж without accented Latin-1 letters: ✅ 🚧 — ’ →\n";
        assert_eq!(fast_path(input.as_bytes()).as_deref(), Some(input));
        assert_untouched(input);
        assert_untouched("");
    }

    #[test]
    fn detects_binary_by_nul_bytes_but_not_utf16() {
        assert!(is_probably_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
        assert!(!is_probably_binary(b"plain text"));
        assert!(!is_probably_binary(b"\xFF\xFEa\0b\0"));
        assert!(!is_probably_binary(b"\xFE\xFF\0a\0b"));
        let mut late_nul = vec![b'a'; BINARY_SNIFF_LEN];
        late_nul.push(0);
        assert!(!is_probably_binary(&late_nul));
    }

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

    /// Checks what must hold for any input: no CR, no leading BOM, and text
    /// that is returned unchanged when no issue is reported.
    fn check_invariants(bytes: &[u8]) {
        let decoded = decode(bytes);
        assert!(!decoded.text.contains('\r'), "{bytes:x?}");
        assert!(!decoded.text.starts_with('\u{FEFF}'), "{bytes:x?}");
        let plain = !bytes.contains(&b'\r') && !bytes.starts_with(UTF8_BOM);
        if decoded.issues.is_empty() && plain {
            assert_eq!(decoded.text.as_bytes(), bytes);
        }
        let _ = is_probably_binary(bytes);
    }

    #[test]
    fn never_panics_on_short_byte_strings() {
        const BYTES: [u8; 22] = [
            0x00, 0x0A, 0x0D, 0x20, 0x41, 0x80, 0x81, 0x8D, 0x9D, 0xA0, 0xBF, 0xC2, 0xC3, 0xC5,
            0xDF, 0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xFE, 0xFF,
        ];
        for &a in &BYTES {
            check_invariants(&[a]);
            for &b in &BYTES {
                check_invariants(&[a, b]);
                for &c in &BYTES {
                    check_invariants(&[a, b, c]);
                }
            }
        }
    }

    #[test]
    fn never_panics_on_short_strings_of_mojibake_characters() {
        const CHARS: [char; 16] = [
            'â', 'Ã', 'ð', 'ï', 'Â', 'Ð', 'Œ', 'œ', '…', '\u{9D}', '\u{FFFD}', ' ', '\u{A0}', '¸',
            'Ÿ', '\r',
        ];
        let mut buf = String::new();
        for a in CHARS {
            for b in CHARS {
                for c in CHARS {
                    for d in CHARS {
                        buf.clear();
                        buf.extend([a, b, c, d]);
                        check_invariants(buf.as_bytes());
                    }
                }
            }
        }
    }

    #[test]
    fn never_panics_on_pseudo_random_input() {
        // A tiny LCG keeps the test deterministic without external crates.
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as u32
        };
        for _ in 0..5_000 {
            let len = next() as usize % 48;
            let bytes: Vec<u8> = (0..len)
                .map(|_| match next() % 4 {
                    // Bias towards the bytes that make mojibake interesting.
                    0 => [0xC3, 0xC2, 0xC5, 0xE2, 0xF0, 0xEF][next() as usize % 6],
                    1 => 0x80 + (next() % 64) as u8,
                    _ => next() as u8,
                })
                .collect();
            check_invariants(&bytes);
        }
    }
}
