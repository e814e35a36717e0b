//! Reading a text too big to hold in bounded memory: its head, its tail and
//! the lines between that matter.
//!
//! A 49 MB log read whole is held several times over (the bytes, the decoded
//! text, the escaped page), so a text over [`BIG_TEXT_BYTES`] is streamed
//! instead: line by line, decoded one line at a time as [`super::decode`]
//! would (line ends, mojibake, invalid bytes, NULs, console redraws), keeping
//! the first [`HEAD_LINES`], the last [`TAIL_LINES`] and up to
//! [`MAX_NOTABLE_LINES`] lines between them that the caller calls notable
//! (failures, results), each with its real line number. A line longer than
//! [`MAX_LINE_BYTES`] (a 49 MB file with no newline) is cut. Memory is
//! bounded by those constants, never by the file's size. Which lines are
//! notable is the caller's business (the evidence readers know), and so is
//! what to say about the cut.

use std::io::{self, Read};

use super::{DecodeIssue, INVALID_MARKER, utf16_to_utf8, utf32};

/// Texts larger than this many bytes are streamed rather than read whole.
pub const BIG_TEXT_BYTES: u64 = 4 * 1024 * 1024;

/// How many lines are kept from the top of a big text.
pub const HEAD_LINES: usize = 1000;

/// How many lines are kept from the bottom of a big text.
pub const TAIL_LINES: usize = 1000;

/// How many notable lines between head and tail are kept at most (the
/// first ones).
pub const MAX_NOTABLE_LINES: usize = 2000;

/// How many bytes of one line are kept; the rest is cut.
pub const MAX_LINE_BYTES: usize = 4096;

/// How many bytes are read at a time.
const CHUNK: usize = 64 * 1024;

/// What was kept of a big text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Excerpt {
    /// The kept lines, each ending in LF.
    pub text: String,
    /// The real 1-based number of each kept line.
    pub line_numbers: Vec<usize>,
    /// How many lines were kept from the top.
    pub head: usize,
    /// How many lines were kept from the bottom.
    pub tail: usize,
    /// How many notable lines between them were kept.
    pub notable: usize,
    /// How many notable lines between them were left out, past
    /// [`MAX_NOTABLE_LINES`].
    pub notable_left_out: usize,
    /// How many lines the text has.
    pub total_lines: usize,
    /// How many kept lines were cut at [`MAX_LINE_BYTES`].
    pub cut_lines: usize,
    /// What decoding repaired, at real line numbers, as [`super::decode`]
    /// reports it.
    pub issues: Vec<DecodeIssue>,
}

/// One decoded line and whether it was cut.
struct Line {
    number: usize,
    text: String,
    cut: bool,
    notable: bool,
}

/// Streams `reader` and keeps what [`Excerpt`] describes; `notable` says
/// which lines between head and tail to keep.
pub fn read_excerpt(reader: impl Read, notable: &dyn Fn(&str) -> bool) -> io::Result<Excerpt> {
    let mut keeper = Keeper::new(notable);
    let mut source = Source::new(reader)?;
    match source.wide {
        Some((4, _)) => keeper.wide = Some(DecodeIssue::Utf32),
        Some(_) => keeper.wide = Some(DecodeIssue::Utf16),
        None => {}
    }
    let mut line: Vec<u8> = Vec::new();
    let mut overflow = false;
    let mut pending = false;
    while let Some(chunk) = source.next_chunk()? {
        let mut rest = &chunk[..];
        while !rest.is_empty() {
            pending = true;
            let (piece, ends) = match rest.iter().position(|&b| b == b'\n') {
                Some(at) => (&rest[..at], true),
                None => (rest, false),
            };
            let room = MAX_LINE_BYTES.saturating_sub(line.len());
            line.extend_from_slice(&piece[..piece.len().min(room)]);
            overflow |= piece.len() > room;
            rest = &rest[(piece.len() + usize::from(ends)).min(rest.len())..];
            if ends {
                keeper.push(&line, overflow);
                line.clear();
                overflow = false;
                pending = false;
            }
        }
    }
    if pending {
        keeper.push(&line, overflow);
    }
    Ok(keeper.finish())
}

/// The bytes of a text as UTF-8, a chunk at a time: UTF-16 and UTF-32 (by
/// their BOM, or their pattern in the first chunk) are converted on the way.
struct Source<R> {
    reader: R,
    /// The width and byte order of the text's code units, when it is not UTF-8.
    wide: Option<(usize, bool)>,
    /// Bytes read but not yet converted (a code unit split between reads).
    carry: Vec<u8>,
    first: Option<Vec<u8>>,
}

impl<R: Read> Source<R> {
    fn new(mut reader: R) -> io::Result<Source<R>> {
        let mut first = vec![0; CHUNK];
        let n = read_full(&mut reader, &mut first)?;
        first.truncate(n);
        let (wide, skip) = if let Some(big) = utf32::byte_order(&first) {
            (Some((4, big)), 4)
        } else if let Some(big) = utf32::without_bom(&first) {
            (Some((4, big)), 0)
        } else if let Some(big) = super::utf16_byte_order(&first) {
            (Some((2, big)), 2)
        } else if let Some(big) = super::utf16_without_bom(&first) {
            (Some((2, big)), 0)
        } else {
            let bom = first.len() - super::strip_utf8_boms(&first).len();
            (None, bom)
        };
        first.drain(..skip);
        Ok(Source { reader, wide, carry: Vec::new(), first: Some(first) })
    }

    fn next_chunk(&mut self) -> io::Result<Option<Vec<u8>>> {
        let raw = match self.first.take() {
            Some(first) => first,
            None => {
                let mut buf = vec![0; CHUNK];
                let n = read_full(&mut self.reader, &mut buf)?;
                buf.truncate(n);
                buf
            }
        };
        let at_end = raw.is_empty();
        let Some((width, big)) = self.wide else {
            return Ok((!at_end).then_some(raw));
        };
        self.carry.extend_from_slice(&raw);
        // Keep back an incomplete unit, and a UTF-16 high surrogate whose
        // partner is in the next read.
        let mut whole = self.carry.len() - self.carry.len() % width;
        if width == 2 && !at_end && whole >= 2 {
            let last = [self.carry[whole - 2], self.carry[whole - 1]];
            let unit = if big { u16::from_be_bytes(last) } else { u16::from_le_bytes(last) };
            if (0xD800..0xDC00).contains(&unit) {
                whole -= 2;
            }
        }
        let take = if at_end { self.carry.len() } else { whole };
        if take == 0 {
            return Ok(None);
        }
        let units: Vec<u8> = self.carry.drain(..take).collect();
        Ok(Some(if width == 4 {
            utf32::to_utf8(&units, big, INVALID_MARKER)
        } else {
            utf16_to_utf8(&units, big)
        }))
    }
}

/// Reads until `buf` is full or the reader is exhausted.
fn read_full(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match reader.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
    Ok(n)
}

/// The lines kept so far.
struct Keeper<'a> {
    notable: &'a dyn Fn(&str) -> bool,
    head: Vec<Line>,
    middle: Vec<Line>,
    tail: std::collections::VecDeque<Line>,
    notable_left_out: usize,
    n_lines: usize,
    issues: Issues,
    /// `Utf16` or `Utf32` when the text was converted.
    wide: Option<DecodeIssue>,
}

impl<'a> Keeper<'a> {
    fn new(notable: &'a dyn Fn(&str) -> bool) -> Keeper<'a> {
        Keeper {
            notable,
            head: Vec::new(),
            middle: Vec::new(),
            tail: std::collections::VecDeque::new(),
            notable_left_out: 0,
            n_lines: 0,
            issues: Issues::default(),
            wide: None,
        }
    }

    fn push(&mut self, bytes: &[u8], cut: bool) {
        self.n_lines += 1;
        let number = self.n_lines;
        let decoded = decode_line(bytes, cut);
        self.issues.add(&decoded.issues, number);
        let text = decoded.text;
        if self.head.len() < HEAD_LINES {
            self.head.push(Line { number, text, cut, notable: false });
            return;
        }
        let notable = (self.notable)(&text);
        self.tail.push_back(Line { number, text, cut, notable });
        if self.tail.len() > TAIL_LINES
            && let Some(out) = self.tail.pop_front()
            && out.notable
        {
            if self.middle.len() < MAX_NOTABLE_LINES {
                self.middle.push(out);
            } else {
                self.notable_left_out += 1;
            }
        }
    }

    fn finish(self) -> Excerpt {
        let mut excerpt = Excerpt {
            head: self.head.len(),
            notable: self.middle.len(),
            notable_left_out: self.notable_left_out,
            tail: self.tail.len(),
            total_lines: self.n_lines,
            issues: self.wide.into_iter().chain(self.issues.into_list()).collect(),
            ..Excerpt::default()
        };
        for line in self.head.into_iter().chain(self.middle).chain(self.tail) {
            excerpt.text.push_str(&line.text);
            excerpt.text.push('\n');
            excerpt.line_numbers.push(line.number);
            excerpt.cut_lines += usize::from(line.cut);
        }
        excerpt
    }
}

/// Decodes one line (without its LF) as [`super::decode`] decodes a file:
/// the file's line ends and redraws are this line's CRs, so a CR inside it
/// is replayed, never taken for a line end, and the line stays one line.
fn decode_line(bytes: &[u8], cut: bool) -> super::Decoded {
    let mut bytes = bytes;
    while let Some(rest) = bytes.strip_suffix(b"\r") {
        bytes = rest;
    }
    let mut owned;
    let bytes = if bytes.contains(&b'\r') || cut {
        // An LF makes the decoder replay the CRs as a console would.
        owned = bytes.to_vec();
        if cut {
            // A multi-byte character cut in half is not an invalid byte.
            let torn = owned.utf8_chunks().last().map_or(0, |c| c.invalid().len());
            if torn < 4 {
                owned.truncate(owned.len() - torn);
            }
            owned.extend_from_slice(" …".as_bytes());
        }
        owned.push(b'\n');
        &owned[..]
    } else {
        bytes
    };
    let mut decoded = super::decode_utf8(bytes);
    while decoded.text.ends_with('\n') {
        decoded.text.pop();
    }
    if decoded.text.contains('\n') {
        decoded.text = decoded.text.replace('\n', " ");
    }
    decoded
}

/// Decoding issues of a whole text, gathered line by line.
#[derive(Default)]
struct Issues {
    mojibake: Option<(usize, usize)>,
    invalid: Option<(usize, usize)>,
    nuls: Option<(usize, usize)>,
}

impl Issues {
    fn add(&mut self, issues: &[DecodeIssue], number: usize) {
        let bump = |slot: &mut Option<(usize, usize)>, count: usize| {
            let (_, total) = slot.get_or_insert((number, 0));
            *total = total.saturating_add(count);
        };
        for issue in issues {
            match issue {
                DecodeIssue::RepairedMojibake { count, .. } => bump(&mut self.mojibake, *count),
                DecodeIssue::InvalidUtf8 { count, .. } => bump(&mut self.invalid, *count),
                DecodeIssue::NulBytes { count, .. } => bump(&mut self.nuls, *count),
                DecodeIssue::Utf16 | DecodeIssue::Utf32 => {}
            }
        }
    }

    fn into_list(self) -> Vec<DecodeIssue> {
        let mut list = Vec::new();
        if let Some((line, count)) = self.mojibake {
            list.push(DecodeIssue::RepairedMojibake { line, count });
        }
        if let Some((line, count)) = self.invalid {
            list.push(DecodeIssue::InvalidUtf8 { line, count });
        }
        if let Some((line, count)) = self.nuls {
            list.push(DecodeIssue::NulBytes { line, count });
        }
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failing(line: &str) -> bool {
        line.contains("FAILED")
    }

    fn numbered(n: usize, fail_at: usize) -> String {
        (1..=n)
            .map(|i| if i == fail_at { format!("FAILED case {i}\n") } else { format!("ok {i}\n") })
            .collect()
    }

    #[test]
    fn keeps_head_tail_and_failing_lines_with_their_numbers() {
        let n = HEAD_LINES + TAIL_LINES + 5000;
        let text = numbered(n, 3000);
        let excerpt = read_excerpt(text.as_bytes(), &failing).unwrap();
        assert_eq!(excerpt.total_lines, n);
        assert_eq!((excerpt.head, excerpt.tail, excerpt.notable), (HEAD_LINES, TAIL_LINES, 1));
        let kept: Vec<&str> = excerpt.text.lines().collect();
        assert_eq!(kept.len(), excerpt.line_numbers.len());
        assert_eq!(kept[HEAD_LINES], "FAILED case 3000");
        assert_eq!(excerpt.line_numbers[HEAD_LINES], 3000);
        assert_eq!(kept.last(), Some(&format!("ok {n}").as_str()));
        assert_eq!(excerpt.notable_left_out, 0);
        assert_eq!(excerpt.line_numbers.last(), Some(&n));
        for (line, number) in kept.iter().zip(&excerpt.line_numbers) {
            assert!(line.ends_with(&format!(" {number}")), "{line} kept as line {number}");
        }
    }

    #[test]
    fn counts_the_notable_lines_it_leaves_out() {
        let n = HEAD_LINES + TAIL_LINES + MAX_NOTABLE_LINES + 10;
        let text: String = (1..=n).map(|i| format!("FAILED {i}\n")).collect();
        let excerpt = read_excerpt(text.as_bytes(), &failing).unwrap();
        assert_eq!((excerpt.notable, excerpt.notable_left_out), (MAX_NOTABLE_LINES, 10));
        assert_eq!(
            excerpt.line_numbers[HEAD_LINES + MAX_NOTABLE_LINES - 1],
            HEAD_LINES + MAX_NOTABLE_LINES
        );
    }

    #[test]
    fn counts_every_line_across_reads() {
        // Lines of many lengths, so that line ends fall on every offset of a read.
        let text: String = (0..40_000).map(|i| format!("{}\n", "y".repeat(i % 97))).collect();
        let excerpt = read_excerpt(text.as_bytes(), &failing).unwrap();
        assert_eq!(excerpt.total_lines, 40_000);
        let without_end = &text[..text.len() - 1];
        assert_eq!(read_excerpt(without_end.as_bytes(), &failing).unwrap().total_lines, 40_000);
    }

    #[test]
    fn cuts_a_line_with_no_end_in_bounded_memory() {
        let text = "é".repeat(3 * CHUNK);
        let excerpt = read_excerpt(text.as_bytes(), &failing).unwrap();
        assert_eq!((excerpt.total_lines, excerpt.cut_lines), (1, 1));
        assert!(excerpt.text.len() <= MAX_LINE_BYTES + 8, "{}", excerpt.text.len());
        assert!(excerpt.text.ends_with("é …\n"), "a character is never torn");
        assert!(excerpt.issues.is_empty(), "{:?}", excerpt.issues);
    }

    #[test]
    fn decodes_lines_as_the_whole_file_decoder_does() {
        let text = b"a\r\nprogress 10%\r100%\n\xffbad\nnul\0here\nCaf\xc3\x83\xc2\xa9\n";
        let excerpt = read_excerpt(&text[..], &failing).unwrap();
        assert_eq!(excerpt.text, super::super::decode(text).text);
        assert_eq!(excerpt.issues, super::super::decode(text).issues);
    }

    #[test]
    fn converts_utf16_split_across_reads() {
        let line = "ok ✅ 😀 done\n".repeat(CHUNK / 8);
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(line.encode_utf16().flat_map(u16::to_le_bytes));
        let excerpt = read_excerpt(&bytes[..], &failing).unwrap();
        assert_eq!(excerpt.total_lines, CHUNK / 8);
        assert!(excerpt.text.lines().all(|l| l == "ok ✅ 😀 done"), "{:?}", excerpt.issues);
        assert_eq!(excerpt.issues, vec![DecodeIssue::Utf16]);
    }
}
