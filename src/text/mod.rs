//! Turning a file's raw bytes into clean text.
//!
//! This module owns the step from bytes on disk to a `String` the rest of the
//! pipeline can trust: it strips byte-order marks, converts UTF-16 (with or
//! without a BOM, or a UTF-16 tail appended to UTF-8), turns CRLF and lone CR
//! into LF, replays console output whose lines were redrawn after a CR,
//! repairs "mojibake" (UTF-8 that was read as Windows-1252 or a Windows
//! console code page and saved again), replaces bytes that are not UTF-8
//! with U+FFFD and removes stray NUL bytes. It never fails and never panics.
//! It only *describes* what it had to repair, as [`DecodeIssue`] values;
//! callers decide how to report them (the parser turns them into
//! diagnostics), and callers decide whether a file is text at all, with the
//! help of [`binary_kind`].
//!
//! The steps around the text (byte-order marks, UTF-16, line endings, invalid
//! bytes, NULs) are here; UTF-32 is in `utf32`, telling binary files from
//! text in `sniff`, the mojibake repair itself in `mojibake` (with the
//! console code pages in `oem`), the symbol tables it ranks its guesses by
//! in `symbols`, and the terminal replay, which the evidence readers use
//! too ([`terminal_text`]), in `terminal`. Credentials are masked in
//! `secrets` before any text is parsed, and markup that a browser would run
//! is noted in `active`. The static patterns every reader searches text
//! with are kept in `local` (a clone per thread) and `words` (word
//! boundaries searched at the regex engine's full speed where the text
//! allows).

pub mod active;
pub mod eight;
pub mod excerpt;
pub mod lines;
pub mod local;
mod mojibake;
mod oem;
pub mod prefixed;
#[cfg(test)]
mod proptests;
pub mod secrets;
mod sniff;
mod symbols;
mod terminal;
mod utf32;
pub mod words;

use std::borrow::Cow;

pub use crate::text::lines::{line_count, lines};
use crate::text::mojibake::repair_mojibake;
pub use crate::text::prefixed::Prefixed;
pub use crate::text::sniff::{SNIFF_LEN, UNEXPLAINED, binary_kind};
pub use crate::text::terminal::terminal_text;

/// Clean text decoded from a file's bytes, with what had to be repaired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text: no byte-order mark, LF line endings, mojibake repaired.
    pub text: String,
    /// What was repaired or could not be read, in a fixed order: `Utf16` or
    /// `Utf32`, then `RepairedMojibake`, then `InvalidUtf8`, then
    /// `NulBytes`; each kind at most once.
    pub issues: Vec<DecodeIssue>,
}

/// Something the decoder repaired or could not read, with the 1-based line of
/// the decoded text where it was seen first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeIssue {
    /// UTF-8 that had been read as Windows-1252 or as code page 437 or 850
    /// (the Windows console's) and saved again ("mojibake"), repaired; `count` is how many sequences were repaired in the whole file
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
    /// The file was UTF-16 and was converted: detected by its BOM, or, without
    /// one, by the NUL bytes every other byte that ASCII text has in UTF-16
    /// (PowerShell's `Out-File` and `>` write UTF-16LE). A UTF-16LE tail
    /// after UTF-8 text, which Windows PowerShell's `>>` leaves when it
    /// appends to a file another tool wrote, is converted too.
    Utf16,
    /// The file was UTF-32 (with a BOM, or without one as its four-byte
    /// units of mostly ASCII text show) and was converted.
    Utf32,
    /// NUL bytes in text (a crashed writer, a file padded with zeros) were
    /// removed; `count` of them, the first on `line`.
    NulBytes {
        /// The first line with a NUL byte.
        line: usize,
        /// How many NUL bytes were removed.
        count: usize,
    },
}

/// The UTF-8 byte-order mark.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// How much of a file the UTF-16 detection looks at.
const BINARY_SNIFF_LEN: usize = sniff::SNIFF_LEN;

/// The fewest code units a file without a BOM must have to be taken for
/// UTF-16: a couple of NULs in a tiny file say nothing.
const MIN_UTF16_UNITS: usize = 4;

/// Every character that can start a Windows-1252 mojibake sequence
/// (U+00C2..=U+00F4) is encoded in UTF-8 with this first byte, so text
/// without it has no such mojibake.
const MOJIBAKE_MARKER_BYTE: u8 = 0xC3;

/// A byte that is never valid UTF-8; the UTF-16 converter writes it for
/// unreadable input so that the UTF-8 path reports and replaces it.
const INVALID_MARKER: u8 = 0xFF;

/// A file's bytes as the portal shows them, decoded ([`decode`]) with
/// their credentials masked ([`secrets::mask`]): the text the parse reads,
/// for a page, a raw copy or a snippet made from the file again.
pub fn shown(bytes: &[u8]) -> String {
    shown_again(bytes, None)
}

/// [`shown`], for bytes read again whose [`fingerprint`] the parse took when
/// masking changed nothing in their text (`unmasked`): when the bytes are
/// the same, their text is not searched for credentials again. Bytes that
/// changed since are masked as any others.
pub fn shown_again(bytes: &[u8], unmasked: Option<u64>) -> String {
    let mut text = decode(bytes).text;
    if unmasked.is_none_or(|print| print != fingerprint(bytes)) {
        secrets::mask(&mut text);
    }
    text
}

/// A 64-bit fingerprint of a file's bytes, keyed at random once per process
/// so that no file can be written to collide with another's: it tells
/// whether bytes read again are the bytes read before, at several GB/s. It
/// is never written out.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    static KEY: std::sync::LazyLock<foldhash::quality::RandomState> =
        std::sync::LazyLock::new(foldhash::quality::RandomState::default);
    KEY.hash_one(bytes)
}

/// Decodes a file's bytes into clean text: strips a UTF-8 BOM, converts UTF-32
/// and UTF-16 (detected by a BOM, or without one by the pattern of their NUL
/// bytes; see [`DecodeIssue::Utf16`]), turns CRLF and lone CR into LF, repairs
/// mojibake, replaces invalid UTF-8 with U+FFFD and removes NUL bytes,
/// reporting each repair in [`Decoded::issues`].
///
/// A file with LF line ends and a CR inside a line is saved console output
/// with a progress display redrawn in place (`50%\r100%`): it is replayed
/// as a terminal would show it (see [`terminal_text`]), keeping the text
/// after the last CR over what it overwrote and removing escape sequences,
/// with one line per LF, so line numbers are those of the file as written.
/// A CR or several before LF (`\r\r\n`, from text-mode writes on Windows)
/// are just the line end. A file with no LF at all uses lone CRs as line
/// ends (classic Mac OS) and they become LF.
///
/// Mojibake is repaired only where mapping a run of characters back through
/// Windows-1252 yields one complete UTF-8 character: `âœ…` becomes ✅ and
/// `Ã©` becomes é, while a real "é" or "naïve" is left alone. Undefined
/// Windows-1252 bytes may have been dropped, kept as C1 controls or replaced
/// with U+FFFD; a dropped byte is guessed back only when that yields a common
/// symbol (`âŒ` becomes ❌). Mojibake from code pages 437 and 850, the
/// Windows console's, is repaired the same way (`Γ£ô` and `Ô£ô` become ✓,
/// `ΓÇ║` becomes ›), while genuine Greek (`Γειά`) and box drawings stay. Clean UTF-8 (no CR,
/// no character that could start mojibake) takes a fast path: two scans,
/// UTF-8 validation and a single copy into the returned `String`.
pub fn decode(bytes: &[u8]) -> Decoded {
    let mut issues = Vec::new();
    let bytes = to_utf8(bytes, &mut issues);
    let bytes = strip_utf8_boms(&bytes);
    let mut decoded = decode_utf8_with(bytes, issues);
    remove_nuls(&mut decoded);
    decoded
}

/// Decodes bytes already known not to be UTF-16 or UTF-32 (one line of a
/// big text, see [`excerpt`]): line ends, redraws, mojibake, invalid bytes
/// and NULs, as [`decode`] does.
fn decode_utf8(bytes: &[u8]) -> Decoded {
    let mut decoded = decode_utf8_with(bytes, Vec::new());
    remove_nuls(&mut decoded);
    decoded
}

/// The fast path when the bytes allow it, else the slow one.
fn decode_utf8_with(bytes: &[u8], issues: Vec<DecodeIssue>) -> Decoded {
    match fast_path(bytes) {
        Some(text) => Decoded { text, issues },
        None => decode_slow(bytes, issues),
    }
}

/// Converts UTF-32 and UTF-16 (with or without a BOM, or a UTF-16 tail) to
/// UTF-8 bytes, noting the conversion; other bytes are returned as they are.
/// UTF-32 goes first: its little-endian BOM starts with UTF-16's.
fn to_utf8<'a>(bytes: &'a [u8], issues: &mut Vec<DecodeIssue>) -> Cow<'a, [u8]> {
    if let Some(big_endian) = utf32::byte_order(bytes) {
        issues.push(DecodeIssue::Utf32);
        return Cow::Owned(utf32::to_utf8(&bytes[4..], big_endian, INVALID_MARKER));
    }
    if let Some(big_endian) = utf32::without_bom(bytes) {
        issues.push(DecodeIssue::Utf32);
        return Cow::Owned(utf32::to_utf8(bytes, big_endian, INVALID_MARKER));
    }
    if let Some(big_endian) = utf16_byte_order(bytes) {
        issues.push(DecodeIssue::Utf16);
        return Cow::Owned(utf16_to_utf8(&bytes[2..], big_endian));
    }
    if let Some(big_endian) = utf16_without_bom(bytes) {
        issues.push(DecodeIssue::Utf16);
        return Cow::Owned(utf16_to_utf8(bytes, big_endian));
    }
    if let Some((prefix_end, tail_start)) = utf16_tail(bytes) {
        issues.push(DecodeIssue::Utf16);
        let mut joined = bytes[..prefix_end].to_vec();
        joined.extend(utf16_to_utf8(&bytes[tail_start..], false));
        return Cow::Owned(joined);
    }
    Cow::Borrowed(bytes)
}

/// Removes NUL characters from the decoded text and notes how many there
/// were and the first line with one. Removing them leaves every line where
/// it was, so the other issues' lines stay right.
fn remove_nuls(decoded: &mut Decoded) {
    let Some(first) = memchr::memchr(0, decoded.text.as_bytes()) else { return };
    let line = 1 + count_newlines(&decoded.text[..first]);
    let count = decoded.text[first..].bytes().filter(|&b| b == 0).count();
    decoded.text.retain(|c| c != '\0');
    decoded.issues.push(DecodeIssue::NulBytes { line, count });
}

/// The slow path of [`decode`]: line endings, terminal redraws, mojibake and
/// invalid bytes.
fn decode_slow(bytes: &[u8], mut issues: Vec<DecodeIssue>) -> Decoded {
    let (mut text, repaired, invalid) = if has_redraws(bytes) {
        // Mojibake first, so that a column is a character when replaying;
        // the replay keeps the LF count, so the tallies' lines stay right.
        let (text, repaired, invalid) = decode_chunks(bytes);
        (terminal::replay(&text), repaired, invalid)
    } else {
        decode_chunks(&normalise_line_endings(bytes))
    };
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

/// Whether the bytes are a binary file (an image, an archive, an
/// executable, or data no text encoding explains); see [`binary_kind`],
/// which also says what the file is.
pub fn is_probably_binary(bytes: &[u8]) -> bool {
    binary_kind(bytes).is_some()
}

/// Returns `Some(big_endian)` when bytes without a BOM look like UTF-16: in
/// the first 8 KiB, at least half of the code units are ASCII or Latin-1 text
/// characters, and they all sit on the same side of a NUL byte (LE: `a\0`,
/// BE: `\0a`), while NUL units, control characters and units of the other
/// order stay rare. UTF-8 with a stray NUL has one such unit, not half.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let window = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
    let units = window.len() / 2;
    // Text as UTF-16 has a zero byte in most units.
    if units < MIN_UTF16_UNITS || memchr::memchr(0, window).is_none() {
        return None;
    }
    let (mut little, mut big, mut odd) = (0usize, 0usize, 0usize);
    for pair in window.chunks_exact(2) {
        match (pair[0], pair[1]) {
            (0, 0) => odd += 1,
            (b, 0) if is_text_byte(b) => little += 1,
            (0, b) if is_text_byte(b) => big += 1,
            (_, 0) | (0, _) => odd += 1,
            _ => {}
        }
    }
    let rare = |count: usize| count * 16 <= units;
    if little * 2 >= units && rare(big + odd) {
        Some(false)
    } else if big * 2 >= units && rare(little + odd) {
        Some(true)
    } else {
        None
    }
}

/// Finds a UTF-16LE tail after text without NULs, as Windows PowerShell's
/// `>>` leaves when it appends to a file another tool wrote: the tail starts
/// one byte before the first NUL (the ASCII character whose high half it
/// is), after a BOM if one sits right there, and must look like UTF-16LE by
/// [`utf16_without_bom`]'s rules. Returns where the text before it ends and
/// where the tail's code units start. A stray NUL in UTF-8 text is no tail.
fn utf16_tail(bytes: &[u8]) -> Option<(usize, usize)> {
    let first_nul = memchr::memchr(0, bytes)?;
    let tail_start = first_nul.checked_sub(1).filter(|&start| start > 0)?;
    if utf16_without_bom(&bytes[tail_start..]) != Some(false) {
        return None;
    }
    let bom = tail_start >= 2 && bytes[tail_start - 2..tail_start] == [0xFF, 0xFE];
    Some((if bom { tail_start - 2 } else { tail_start }, tail_start))
}

/// Whether a byte, as the low half of a UTF-16 unit whose high half is zero,
/// is a character text has: printable ASCII, tab, LF, CR, ESC (colour codes
/// in logs) or a Latin-1 letter or sign.
fn is_text_byte(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\r' | 0x1B | 0x20..=0x7E | 0xA0..=0xFF)
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
/// and without any character that could start mojibake. The check is a byte
/// scan, UTF-8 validation and a character scan, and the copy is the only
/// allocation.
fn fast_path(bytes: &[u8]) -> Option<String> {
    if memchr::memchr2(b'\r', MOJIBAKE_MARKER_BYTE, bytes).is_some() {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let clean = text.is_ascii() || !oem::CODE_PAGES.iter().any(|page| page.may_hold_mojibake(text));
    clean.then(|| text.to_owned())
}

/// Whether the bytes are console output with redraws: LF line ends and a CR
/// followed by something other than LF (more text on the line, or another
/// CR as in `\r\r\n`). A file with CRs only uses them as line ends.
fn has_redraws(bytes: &[u8]) -> bool {
    bytes.contains(&b'\n') && bytes.windows(2).any(|pair| pair[0] == b'\r' && pair[1] != b'\n')
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
    memchr::memchr_iter(b'\n', text.as_bytes()).count()
}

/// Calls `check` with every string of `len` characters drawn from
/// `chars`, the last character changing fastest: for the tests that try
/// every short mix of garbled characters, or hold a fast path to the loop
/// it replaced.
#[cfg(test)]
pub(crate) fn each_string_of(chars: &[char], len: usize, mut check: impl FnMut(&str)) {
    if chars.is_empty() && len > 0 {
        return;
    }
    let mut picks = vec![0; len];
    let mut buf = String::new();
    loop {
        buf.clear();
        buf.extend(picks.iter().map(|&at| chars[at]));
        check(&buf);
        let Some(place) = picks.iter().rposition(|&at| at + 1 < chars.len()) else { return };
        picks[place] += 1;
        picks[place + 1..].fill(0);
    }
}

/// [`each_string_of`] every length from none to `max` characters.
#[cfg(test)]
pub(crate) fn each_string_up_to(chars: &[char], max: usize, mut check: impl FnMut(&str)) {
    for len in 0..=max {
        each_string_of(chars, len, &mut check);
    }
}

/// A deterministic stream of pseudo-random numbers (a 64-bit LCG) for the
/// tests that throw garbage at the readers, without a crate for it.
#[cfg(test)]
pub(crate) fn pseudo_random(seed: u64) -> impl FnMut() -> usize {
    let mut state = seed;
    move || {
        state =
            state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_untouched(input: &str) {
        let decoded = decode(input.as_bytes());
        assert_eq!(decoded.text, input, "legitimate text was changed");
        assert!(decoded.issues.is_empty(), "unexpected issues for {input:?}: {:?}", decoded.issues);
    }

    #[test]
    fn bytes_read_again_are_masked_unless_they_are_the_bytes_that_held_nothing() {
        let clean = b"deploy ok\ntoken rotated yesterday\n".as_slice();
        let key = ["AKIA", "Z7Q2KX4M9PLW3VBN"].concat();
        let leaked = format!("deploy ok\ntoken {key}\n");
        let masked = shown(leaked.as_bytes());
        assert!(!masked.contains(&key), "{masked}");
        // The same bytes as the parse read: what `shown` makes of them.
        assert_eq!(shown_again(clean, Some(fingerprint(clean))), shown(clean));
        // Bytes changed since the parse took the print are masked.
        assert_eq!(shown_again(leaked.as_bytes(), Some(fingerprint(clean))), masked);
        assert_eq!(shown_again(leaked.as_bytes(), None), masked);
        // Other bytes of the same length, or one byte more, are another
        // print.
        assert_ne!(fingerprint(clean), fingerprint(&leaked.as_bytes()[..clean.len()]));
        assert_ne!(fingerprint(b"a"), fingerprint(b"a\0"));
    }

    #[test]
    fn repairs_garbled_byte_order_mark() {
        let decoded = decode("ï»¿# Title\n".as_bytes());
        assert_eq!(decoded.text, "# Title\n");
        assert_eq!(decoded.issues, vec![DecodeIssue::RepairedMojibake { line: 1, count: 1 }]);
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
        let decoded = decode(b"a\r\nb\r\nc\n\r\nd\r");
        assert_eq!(decoded.text, "a\nb\nc\n\nd\n");
        assert!(decoded.issues.is_empty());
        // Classic Mac OS line ends: no LF anywhere.
        assert_eq!(decode(b"a\rb\r\rc\r").text, "a\nb\n\nc\n");
    }

    #[test]
    fn replays_progress_redrawn_with_carriage_returns() {
        let log = "Collecting deps\r\n\
                   Downloading 10%\rDownloading 55%\rDownloading 100%\r\n\
                   \x1b[32m✓\x1b[0m built\r\r\n\
                   spinner |\r\x1b[Kdone\n\
                   Tests  3 passed (3)\n";
        let decoded = decode(log.as_bytes());
        assert_eq!(
            decoded.text,
            "Collecting deps\nDownloading 100%\n✓ built\ndone\nTests  3 passed (3)\n"
        );
        assert!(decoded.issues.is_empty());
    }

    #[test]
    fn replays_cargo_npm_and_pytest_progress_as_saved_by_script() {
        // `script`/CI captures: cargo's bar cleared with ESC[K, npm's spinner
        // with the cursor hidden, pytest on Windows writing \r\r\n.
        let log = "   Compiling serde v1.0.200\n\
                   \x20   Building [=====>        ] 12/40: serde\r\x1b[K   Compiling app v0.1.0\n\
                   \x1b[?25l\u{280b} idealTree\r\x1b[K\u{2819} reify\r\x1b[Kadded 12 packages\n\x1b[?25h\
                   tests\\test_a.py ..\x1b[32m                                  [100%]\x1b[0m\r\r\n\
                   \x1b[32m==== 2 passed in 0.05s ====\x1b[0m\r\r\n\x1b";
        let decoded = decode(log.as_bytes());
        assert_eq!(
            decoded.text,
            "   Compiling serde v1.0.200\n   Compiling app v0.1.0\nadded 12 packages\n\
             tests\\test_a.py ..                                  [100%]\n==== 2 passed in 0.05s ====\n"
        );
        assert_eq!(decoded.text.lines().count(), log.matches('\n').count());
    }

    #[test]
    fn replay_handles_huge_lines_and_endless_redraws() {
        let mut log = "x".repeat(1 << 20);
        log.push('\r');
        log.push_str(&"\x1b[2K\r50%".repeat(100_000));
        log.push_str("\r\x1b[Kdone\n");
        assert_eq!(decode(log.as_bytes()).text, "done\n");
    }

    #[test]
    fn replay_keeps_lines_of_mojibake_and_invalid_bytes() {
        let log = b"one\r\n\xFF two\r\nstep 1\rstep 2 \xCE\x93\xC2\xA3\xC3\xB4\n";
        let decoded = decode(log);
        assert_eq!(decoded.text, "one\n\u{FFFD} two\nstep 2 ✓\n");
        assert_eq!(
            decoded.issues,
            vec![
                DecodeIssue::RepairedMojibake { line: 3, count: 1 },
                DecodeIssue::InvalidUtf8 { line: 2, count: 1 },
            ]
        );
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

    /// A pytest run as PowerShell's `Out-File` writes it on Windows: CRLF,
    /// UTF-16LE; `with_bom` decides whether the BOM is there.
    fn powershell_log(big_endian: bool, with_bom: bool) -> Vec<u8> {
        let text = "============================= test session starts =============================\r\n\
                    platform win32 -- Python 3.12.2, pytest-8.1.1\r\n\
                    collected 3 items\r\n\r\n\
                    tests\\test_api.py ..F                                           [100%]\r\n\
                    FAILED tests\\test_api.py::test_total - assert 41 == 42 (caf\u{e9} \u{2713})\r\n\
                    ========================= 1 failed, 2 passed in 0.31s =========================\r\n";
        let mut bytes = Vec::new();
        if with_bom {
            bytes.extend_from_slice(if big_endian { &[0xFE, 0xFF] } else { &[0xFF, 0xFE] });
        }
        for unit in text.encode_utf16() {
            bytes.extend(if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
        }
        bytes
    }

    #[test]
    fn decodes_utf16_without_bom_by_its_nul_pattern() {
        for big_endian in [false, true] {
            let bytes = powershell_log(big_endian, false);
            assert!(!is_probably_binary(&bytes));
            let decoded = decode(&bytes);
            assert_eq!(decoded.issues, vec![DecodeIssue::Utf16], "big endian: {big_endian}");
            assert!(decoded.text.starts_with("=====") && decoded.text.ends_with("=====\n"));
            assert!(decoded.text.contains("\nFAILED tests\\test_api.py::test_total"));
            assert!(decoded.text.contains("(café ✓)\n"));
            assert!(!decoded.text.contains('\0'));
            assert_eq!(decode(&powershell_log(big_endian, true)), decoded);
        }
    }

    #[test]
    fn decodes_short_utf16_without_bom_and_a_dangling_byte() {
        assert_eq!(decode(b"o\0k\0\r\0\n\0").text, "ok\n");
        let decoded = decode(b"d\0o\0n\0e\0!");
        assert_eq!(decoded.text, "done\u{FFFD}");
        assert_eq!(
            decoded.issues,
            vec![DecodeIssue::Utf16, DecodeIssue::InvalidUtf8 { line: 1, count: 1 }]
        );
    }

    #[test]
    fn reads_utf8_with_a_stray_nul_as_utf8_text_without_the_nul() {
        let mut log = b"collected 2 items\n\ntests/test_a.py .. [100%]\n".to_vec();
        log.push(0);
        log.extend_from_slice("\n2 passed in 0.01s \u{2713}\n".as_bytes());
        assert!(!is_probably_binary(&log));
        let decoded = decode(&log);
        let without: Vec<u8> = log.iter().copied().filter(|&b| b != 0).collect();
        assert_eq!(decoded.text.as_bytes(), without);
        assert_eq!(decoded.issues, vec![DecodeIssue::NulBytes { line: 4, count: 1 }]);
        // Even a NUL on every line of a short file leaves it UTF-8.
        assert_eq!(decode(b"a\0\nb\0\n").text, "a\nb\n");
        assert_eq!(decode(b"a\0").text, "a");
    }

    #[test]
    fn removes_a_nul_in_the_middle_of_a_line_and_reports_its_line() {
        let decoded = decode(b"# Plan\n\n- [x] T-001 do\0ne\n- [ ] T-002 next\n");
        assert_eq!(decoded.text, "# Plan\n\n- [x] T-001 done\n- [ ] T-002 next\n");
        assert_eq!(decoded.issues, vec![DecodeIssue::NulBytes { line: 3, count: 1 }]);
    }

    #[test]
    fn removes_many_nuls_and_keeps_the_lines_after_them() {
        // A log whose writer crashed: a block of zeros, then more lines.
        let mut log = b"start\r\nstep one\r\n".to_vec();
        log.extend([0; 5000]);
        log.extend(b"step two \xC3\xA2\xC5\x93\xE2\x80\xA6\r\n\0done\r\n");
        assert!(!is_probably_binary(&log));
        let decoded = decode(&log);
        assert_eq!(decoded.text, "start\nstep one\nstep two ✅\ndone\n");
        assert_eq!(
            decoded.issues,
            vec![
                DecodeIssue::RepairedMojibake { line: 3, count: 1 },
                DecodeIssue::NulBytes { line: 3, count: 5001 },
            ]
        );
        // Latin-1 with a NUL: both reported, on their own lines.
        let decoded = decode(b"caf\xE9\nok\0\n");
        assert_eq!(decoded.text, "caf\u{FFFD}\nok\n");
        assert_eq!(
            decoded.issues,
            vec![
                DecodeIssue::InvalidUtf8 { line: 1, count: 1 },
                DecodeIssue::NulBytes { line: 2, count: 1 },
            ]
        );
    }

    /// `text` in UTF-32, with or without a BOM, in either byte order.
    fn utf32(text: &str, big_endian: bool, with_bom: bool) -> Vec<u8> {
        let bom = with_bom.then_some('\u{FEFF}');
        bom.into_iter()
            .chain(text.chars())
            .flat_map(|c| {
                let unit = u32::from(c);
                if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() }
            })
            .collect()
    }

    #[test]
    fn decodes_utf32_with_and_without_bom_in_both_byte_orders() {
        let text = "# Plan\r\n\r\n- [x] T-001 Étape ✅\r\n- [ ] T-002 Schritt 🚧\r\n";
        for big_endian in [false, true] {
            for with_bom in [false, true] {
                let bytes = utf32(text, big_endian, with_bom);
                assert!(!is_probably_binary(&bytes), "{big_endian} {with_bom}");
                let decoded = decode(&bytes);
                assert_eq!(
                    decoded.text,
                    "# Plan\n\n- [x] T-001 Étape ✅\n- [ ] T-002 Schritt 🚧\n"
                );
                assert_eq!(decoded.issues, vec![DecodeIssue::Utf32], "{big_endian} {with_bom}");
            }
        }
        // A BOM and nothing else, and a partial unit after the text.
        assert_eq!(decode(b"\xFF\xFE\0\0").text, "");
        let mut partial = utf32("ok", false, true);
        partial.push(b'x');
        assert_eq!(decode(&partial).text, "ok\u{FFFD}");
    }

    #[test]
    fn decodes_a_utf16_tail_appended_to_utf8_text() {
        // `npm test > log.txt` in cmd, then `pytest >> log.txt` in Windows
        // PowerShell: UTF-8 first, UTF-16LE after, with or without a BOM.
        let head = "> shop@1.0.0 test\r\n> vitest run\r\n\r\n Test Files  2 passed (2)\r\n \u{2713} ok\r\n";
        let tail = "===== 3 passed in 0.20s =====\r\n";
        for bom in [&[][..], &[0xFF, 0xFE]] {
            let mut bytes = head.as_bytes().to_vec();
            bytes.extend_from_slice(bom);
            bytes.extend(tail.encode_utf16().flat_map(u16::to_le_bytes));
            assert!(!is_probably_binary(&bytes));
            let decoded = decode(&bytes);
            assert_eq!(
                decoded.text,
                "> shop@1.0.0 test\n> vitest run\n\n Test Files  2 passed (2)\n ✓ ok\n\
                 ===== 3 passed in 0.20s =====\n"
            );
            assert_eq!(decoded.issues, vec![DecodeIssue::Utf16]);
        }
        // A NUL at the very start is no tail of anything.
        assert_eq!(utf16_tail(b"\0a\0b\0c\0d\0e"), None);
        assert_eq!(utf16_tail(b"text\0 with a stray NUL and more text after it"), None);
    }

    #[test]
    fn binary_and_utf32_are_not_taken_for_utf16() {
        let zeros_and_numbers: Vec<u8> = (0..64u32).flat_map(u32::to_le_bytes).collect();
        assert_eq!(utf16_without_bom(&zeros_and_numbers), None);
        assert!(is_probably_binary(&zeros_and_numbers));
        let utf32 = utf32("hello world", false, false);
        assert_eq!(utf16_without_bom(&utf32), None);
        assert!(!is_probably_binary(&utf32));
        assert_eq!(decode(&utf32).text, "hello world");
        let mut sqlite = b"SQLite format 3\0".to_vec();
        sqlite.extend([0; 200]);
        assert!(is_probably_binary(&sqlite));
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
        let decoded = decode(b"one\r\ntw\xE9\r\nthree\r\nfour \xC3\xA2\xC5\x93\xE2\x80\xA6\n");
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
        let input = "# Plain\n\nASCII, £ ¿ ł ő Ж without accented Latin-1 letters: ✅ 🚧 — ’ →\n";
        assert_eq!(fast_path(input.as_bytes()).as_deref(), Some(input));
        assert_untouched(input);
        // Greek letters could start code page 437 mojibake: no fast path.
        let greek = "Σ Γειά σου ✓\n";
        assert_eq!(fast_path(greek.as_bytes()), None);
        assert_untouched(greek);
        assert_untouched("");
    }

    #[test]
    fn detects_binary_by_nul_bytes_but_not_utf16() {
        assert!(is_probably_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
        assert!(is_probably_binary(b"PK\x03\x04\x14\0\0\0\x08\0"));
        assert!(is_probably_binary(b"%PDF-1.5\n%\xD0\xD4\xC5\xD8\n"));
        assert!(!is_probably_binary(b"plain text"));
        assert!(!is_probably_binary(b"text with one \0 in it"));
        assert!(!is_probably_binary(b"Latin-1 caf\xE9 na\xEFve \xA9 2025\n"));
        assert!(!is_probably_binary(b"\xFF\xFEa\0b\0"));
        assert!(!is_probably_binary(b"\xFE\xFF\0a\0b"));
        let mut late_nul = vec![b'a'; BINARY_SNIFF_LEN];
        late_nul.push(0);
        assert!(!is_probably_binary(&late_nul));
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
    fn each_string_is_made_once_in_order() {
        for len in 0..=3 {
            let mut made = Vec::new();
            super::each_string_of(&['a', 'é', '\n'], len, |s| made.push(s.to_string()));
            assert_eq!(made.len(), 3_usize.pow(len as u32), "{len}");
            let mut sorted = made.clone();
            sorted.sort_by_key(|s| s.chars().map(|c| "aé\n".find(c)).collect::<Vec<_>>());
            sorted.dedup();
            assert_eq!(made, sorted, "{len}");
        }
        let mut made = Vec::new();
        super::each_string_up_to(&['x', 'y'], 2, |s| made.push(s.to_string()));
        assert_eq!(made, ["", "x", "y", "xx", "xy", "yx", "yy"]);
        super::each_string_of(&[], 2, |s| panic!("{s:?} from no characters"));
    }

    #[test]
    fn never_panics_on_short_strings_of_mojibake_characters() {
        const CHARS: [char; 16] = [
            'â', 'Ã', 'ð', 'ï', 'Â', 'Ð', 'Œ', 'œ', '…', '\u{9D}', '\u{FFFD}', ' ', '\u{A0}', '¸',
            'Ÿ', '\r',
        ];
        super::each_string_of(&CHARS, 4, |s| check_invariants(s.as_bytes()));
    }

    #[test]
    fn never_panics_on_pseudo_random_input() {
        let mut next = super::pseudo_random(0x2545_F491_4F6C_DD1D);
        for _ in 0..5_000 {
            let len = next() % 48;
            let bytes: Vec<u8> = (0..len)
                .map(|_| match next() % 4 {
                    // Bias towards the bytes that make mojibake interesting.
                    0 => [0xC3, 0xC2, 0xC5, 0xE2, 0xF0, 0xEF][next() % 6],
                    1 => 0x80 + (next() % 64) as u8,
                    _ => next() as u8,
                })
                .collect();
            check_invariants(&bytes);
        }
    }
}
