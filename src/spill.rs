//! Bytes a stage makes once and reads many times, set aside outside the
//! process's memory: an unnamed temporary file (in `TMPDIR`, removed by the
//! system when it is closed, even if the build is killed).
//!
//! Two stages use one. The tracker's rows: each task's row is shown on a
//! page of every facet, so it is made once and kept until the last facet
//! page is made, and at 100,000 documents the rows are 520 MB. And the
//! documents' bodies, rendered by the link and read by their pages and the
//! search index (250 MB packed at 100,000 documents; see
//! `model::PackedStore`). Kept in a file they cost the page cache, which
//! the system can write out or drop, rather than the build's resident
//! memory. Where no temporary file can be made (a read-only `TMPDIR`), they
//! are kept in memory as before.

use std::fs::File;
use std::io::{self, Write};

/// Where a piece of a [`Spill`] is: its offset and length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Bytes before it in the store.
    pub offset: u64,
    /// Its length in bytes.
    pub len: u32,
}

impl Span {
    fn end(self) -> u64 {
        self.offset + u64::from(self.len)
    }
}

/// An append-only store of bytes, read back by [`Span`] from any thread.
pub struct Spill {
    backing: Backing,
    len: u64,
}

enum Backing {
    File(File),
    Memory(Vec<u8>),
}

/// How many bytes between two pieces are read through rather than asked
/// for apart: a read from the page cache costs about what copying 16 KB
/// does. At 100,000 documents, with 4 KB here, the tracker's pages took
/// 24 s instead of 16 (a value held by one task in ten has its rows 5 KB
/// apart); with 16 KB, 17 s.
const GAP: u64 = 16 << 10;

/// The most one read asks for.
const MAX_READ: u64 = 4 << 20;

impl Spill {
    /// A store in a temporary file, or in memory if none can be made.
    pub fn temporary() -> Spill {
        match tempfile::tempfile() {
            Ok(file) => Spill { backing: Backing::File(file), len: 0 },
            Err(_) => Spill::in_memory(),
        }
    }

    /// A store in memory.
    pub fn in_memory() -> Spill {
        Spill { backing: Backing::Memory(Vec::new()), len: 0 }
    }

    /// Whether the store is a file (rather than memory).
    pub fn on_disk(&self) -> bool {
        matches!(self.backing, Backing::File(_))
    }

    /// Appends `bytes`; returns where they are.
    pub fn append(&mut self, bytes: &[u8]) -> io::Result<Span> {
        let len = u32::try_from(bytes.len())
            .map_err(|_| io::Error::other("a piece of over 4 GB cannot be set aside"))?;
        match &mut self.backing {
            Backing::File(file) => file.write_all(bytes)?,
            Backing::Memory(memory) => memory.extend_from_slice(bytes),
        }
        let span = Span { offset: self.len, len };
        self.len += u64::from(len);
        Ok(span)
    }

    /// The pieces at `spans`, in that order, each followed by `separator`.
    /// Pieces that lie close together in the store are read at once.
    pub fn gather(&self, spans: &[Span], separator: u8) -> io::Result<Vec<u8>> {
        let total: usize = spans.iter().map(|s| s.len as usize + 1).sum();
        let mut out = Vec::with_capacity(total);
        let mut buffer = Vec::new();
        let mut first = 0;
        while first < spans.len() {
            let start = spans[first].offset;
            let mut end = spans[first].end();
            let mut last = first + 1;
            while let Some(next) = spans.get(last) {
                let close = next.offset >= end && next.offset - end <= GAP;
                if !close || next.end() - start > MAX_READ {
                    break;
                }
                end = next.end();
                last += 1;
            }
            let run = self.read(start, end, &mut buffer)?;
            for span in &spans[first..last] {
                let at = (span.offset - start) as usize;
                out.extend_from_slice(&run[at..at + span.len as usize]);
                out.push(separator);
            }
            first = last;
        }
        Ok(out)
    }

    /// The bytes from `start` to `end`, in `buffer` when they come from
    /// the file.
    fn read<'b>(&'b self, start: u64, end: u64, buffer: &'b mut Vec<u8>) -> io::Result<&'b [u8]> {
        if end > self.len {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "past the end of the store"));
        }
        match &self.backing {
            Backing::Memory(memory) => Ok(&memory[start as usize..end as usize]),
            Backing::File(file) => {
                buffer.resize((end - start) as usize, 0);
                read_exact_at(file, buffer, start)?;
                Ok(buffer)
            }
        }
    }
}

/// The packed bodies the link sets aside (see `link::bodies`).
impl crate::model::PackedStore for Spill {
    fn read_at(&self, offset: u64, len: u32) -> io::Result<Vec<u8>> {
        let mut buffer = Vec::new();
        Ok(self.read(offset, offset + u64::from(len), &mut buffer)?.to_vec())
    }
}

#[cfg(unix)]
fn read_exact_at(file: &File, buffer: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buffer, offset)
}

#[cfg(windows)]
fn read_exact_at(file: &File, mut buffer: &mut [u8], mut offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buffer.is_empty() {
        match file.seek_read(buffer, offset)? {
            0 => return Err(io::Error::from(io::ErrorKind::UnexpectedEof)),
            n => {
                buffer = &mut buffer[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled(mut spill: Spill) -> (Spill, Vec<Span>) {
        let mut spans = Vec::new();
        for i in 0..2000 {
            // Pieces of every size from empty to past the gap, some not ASCII.
            let piece = format!("{i}:{}é", "x".repeat(i * 7 % 5000));
            spans.push(spill.append(piece.as_bytes()).unwrap());
        }
        (spill, spans)
    }

    fn expected(indexes: &[usize]) -> Vec<u8> {
        let mut out = Vec::new();
        for &i in indexes {
            out.extend_from_slice(format!("{i}:{}é\n", "x".repeat(i * 7 % 5000)).as_bytes());
        }
        out
    }

    fn gathers_what_was_appended(spill: Spill) {
        let (spill, spans) = filled(spill);
        let picks: [Vec<usize>; 5] = [
            (0..2000).collect(),
            (0..2000).step_by(3).collect(),
            vec![1999, 0, 1000, 1000, 5],
            vec![],
            (0..2000).filter(|i| i % 97 < 40).collect(),
        ];
        for pick in picks {
            let wanted: Vec<Span> = pick.iter().map(|&i| spans[i]).collect();
            assert_eq!(spill.gather(&wanted, b'\n').unwrap(), expected(&pick));
        }
    }

    #[test]
    fn a_file_gives_back_each_piece_in_the_order_asked() {
        let spill = Spill::temporary();
        assert!(spill.on_disk(), "a temporary file can be made where tests run");
        gathers_what_was_appended(spill);
    }

    #[test]
    fn memory_gives_back_each_piece_in_the_order_asked() {
        gathers_what_was_appended(Spill::in_memory());
    }

    #[test]
    fn a_span_past_the_end_is_an_error_not_a_panic() {
        let mut spill = Spill::temporary();
        spill.append(b"row").unwrap();
        let span = Span { offset: 2, len: 10 };
        assert!(spill.gather(&[span], b'\n').is_err());
        let mut memory = Spill::in_memory();
        memory.append(b"row").unwrap();
        assert!(memory.gather(&[span], b'\n').is_err());
    }

    // Texts packed and set aside in a file unpack as they were, equal to
    // the same texts held in memory; a place the file does not have
    // unpacks to a paragraph that says so, never a panic.
    #[test]
    fn packed_texts_set_aside_unpack_as_they_were() {
        use std::sync::Arc;

        use crate::model::{Packed, PackedStore};
        let texts = ["<p>Plan ✅ 12/12</p>".to_string(), "<h2>x</h2>".repeat(3000), "é".into()];
        let mut spill = Spill::temporary();
        let mut places = Vec::new();
        for text in &texts {
            let bytes = Packed::new(text).bytes().unwrap().to_vec();
            places.push(spill.append(&bytes).unwrap());
        }
        let store: Arc<dyn PackedStore> = Arc::new(spill);
        for (text, span) in texts.iter().zip(&places) {
            let stored = Packed::stored(store.clone(), span.offset, span.len);
            assert_eq!(stored.unpack(), *text);
            assert_eq!(stored, Packed::new(text));
            assert!(!stored.is_empty());
        }
        assert!(Packed::stored(store.clone(), 0, 0).is_empty());
        let beyond = Packed::stored(store, 1 << 30, 10).unpack();
        assert!(beyond.starts_with("<p>attestor could not read this text back"), "{beyond}");
    }
}
