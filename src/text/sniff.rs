//! Telling a binary file from a text file, and saying what the binary is.
//!
//! A file is binary only when it is: when it starts with the signature of a
//! known binary format (an image, an archive, a PDF, an executable, a font,
//! a database...), or when no text encoding explains its content. Zero bytes
//! alone do not make a file binary: UTF-16 and UTF-32 are full of them, and
//! a log a crashed process wrote into, or a file padded with zeros, is text
//! with stray NULs that `crate::text::decode` removes. What is left is
//! judged by its control characters, which text has almost none of and
//! binary data has in every few bytes.

use crate::text::{utf16_byte_order, utf16_tail, utf16_without_bom, utf32};

/// How much of a file the content check looks at.
pub const SNIFF_LEN: usize = 8 * 1024;

/// What the content check calls a file no signature names.
pub const UNEXPLAINED: &str = "binary data that no text encoding explains";

/// The signature of a binary format: `bytes` at `offset`.
struct Magic {
    /// Where the signature starts.
    offset: usize,
    /// The signature.
    bytes: &'static [u8],
    /// What a file with it is, as the end of "a file that holds ...".
    name: &'static str,
}

/// Known signatures. One made only of printable ASCII could begin a text
/// file too, so it counts only when a byte that text has not follows soon
/// (see [`ascii_needs_proof`]); `%PDF-` is the exception, being
/// unmistakable.
const MAGIC: &[Magic] = &[
    Magic { offset: 0, bytes: b"\x89PNG\r\n\x1A\n", name: "a PNG image" },
    Magic { offset: 0, bytes: b"\xFF\xD8\xFF", name: "a JPEG image" },
    Magic { offset: 0, bytes: b"GIF87a", name: "a GIF image" },
    Magic { offset: 0, bytes: b"GIF89a", name: "a GIF image" },
    Magic { offset: 0, bytes: b"BM", name: "a BMP image" },
    Magic { offset: 0, bytes: b"II*\0", name: "a TIFF image" },
    Magic { offset: 0, bytes: b"MM\0*", name: "a TIFF image" },
    Magic { offset: 0, bytes: b"\0\0\x01\0", name: "an icon" },
    Magic { offset: 0, bytes: b"8BPS", name: "a Photoshop image" },
    Magic { offset: 0, bytes: b"%PDF-", name: "a PDF document" },
    Magic { offset: 0, bytes: b"PK\x03\x04", name: "a ZIP archive (or an Office document)" },
    Magic { offset: 0, bytes: b"PK\x05\x06", name: "an empty ZIP archive" },
    Magic { offset: 0, bytes: b"\x1F\x8B", name: "a gzip archive" },
    Magic { offset: 0, bytes: b"\xFD7zXZ\0", name: "an xz archive" },
    Magic { offset: 0, bytes: b"BZh", name: "a bzip2 archive" },
    Magic { offset: 0, bytes: b"7z\xBC\xAF\x27\x1C", name: "a 7-Zip archive" },
    Magic { offset: 0, bytes: b"Rar!\x1A\x07", name: "a RAR archive" },
    Magic { offset: 0, bytes: b"\x28\xB5\x2F\xFD", name: "a Zstandard archive" },
    Magic { offset: 257, bytes: b"ustar", name: "a tar archive" },
    Magic { offset: 0, bytes: b"\x7FELF", name: "an executable (ELF)" },
    Magic { offset: 0, bytes: b"MZ", name: "a Windows executable" },
    Magic { offset: 0, bytes: b"\xCA\xFE\xBA\xBE", name: "a Java class or macOS executable" },
    Magic { offset: 0, bytes: b"\xFE\xED\xFA\xCE", name: "a macOS executable" },
    Magic { offset: 0, bytes: b"\xFE\xED\xFA\xCF", name: "a macOS executable" },
    Magic { offset: 0, bytes: b"\xCE\xFA\xED\xFE", name: "a macOS executable" },
    Magic { offset: 0, bytes: b"\xCF\xFA\xED\xFE", name: "a macOS executable" },
    Magic { offset: 0, bytes: b"\0asm", name: "a WebAssembly module" },
    Magic { offset: 0, bytes: b"SQLite format 3\0", name: "an SQLite database" },
    Magic { offset: 0, bytes: b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", name: "an old Office document" },
    Magic { offset: 0, bytes: b"\0\0\0\x01Bud1", name: "a macOS folder settings file" },
    Magic { offset: 0, bytes: b"wOFF", name: "a web font" },
    Magic { offset: 0, bytes: b"wOF2", name: "a web font" },
    Magic { offset: 0, bytes: b"OTTO", name: "a font" },
    Magic { offset: 0, bytes: b"\0\x01\0\0", name: "a font" },
    Magic { offset: 4, bytes: b"ftyp", name: "a video or image (MP4, MOV, HEIC, AVIF)" },
    Magic { offset: 0, bytes: b"\x1A\x45\xDF\xA3", name: "a video (WebM, Matroska)" },
    Magic { offset: 0, bytes: b"OggS\0", name: "an audio or video file (Ogg)" },
    Magic { offset: 0, bytes: b"fLaC", name: "an audio file (FLAC)" },
    Magic { offset: 0, bytes: b"ID3", name: "an audio file (MP3)" },
    Magic { offset: 0, bytes: b"RIFF", name: "a media file (WebP, WAV, AVI)" },
];

/// How far after an ASCII signature a byte text has not must appear.
const PROOF_LEN: usize = 64;

/// What a binary file holds, or `None` when the bytes are text: a known
/// signature names it; otherwise a file is binary when, once UTF-16 and
/// UTF-32 are ruled out and NUL bytes set aside, its first 8 KiB are not
/// text (see [`is_unexplained`]).
pub fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    if let Some(name) = signature(bytes) {
        return Some(name);
    }
    if is_wide_text(bytes) {
        return None;
    }
    let window = &bytes[..bytes.len().min(SNIFF_LEN)];
    is_unexplained(window, window.len() < bytes.len()).then_some(UNEXPLAINED)
}

/// The name of the format whose signature the bytes start with.
fn signature(bytes: &[u8]) -> Option<&'static str> {
    MAGIC
        .iter()
        .find(|magic| {
            let end = magic.offset + magic.bytes.len();
            bytes.get(magic.offset..end) == Some(magic.bytes)
                && (!ascii_needs_proof(magic.bytes) || has_non_text_byte(&bytes[end..]))
        })
        .map(|magic| magic.name)
}

/// Whether a signature is made only of printable ASCII (so that a text file
/// could start with it) and is not `%PDF-`.
fn ascii_needs_proof(signature: &[u8]) -> bool {
    signature != b"%PDF-" && signature.iter().all(|b| (0x20..0x7F).contains(b))
}

/// Whether a byte that text has not (NUL, or a control character other
/// than whitespace and ESC) is among the first bytes of `rest`.
fn has_non_text_byte(rest: &[u8]) -> bool {
    rest.iter().take(PROOF_LEN).any(|&b| b == 0 || is_binary_control(b))
}

/// Whether the bytes are UTF-16 or UTF-32 text, by a byte-order mark or by
/// the pattern of their zero bytes.
fn is_wide_text(bytes: &[u8]) -> bool {
    utf32::byte_order(bytes).is_some()
        || utf32::without_bom(bytes).is_some()
        || utf16_byte_order(bytes).is_some()
        || utf16_without_bom(bytes).is_some()
        || utf16_tail(bytes).is_some()
}

/// Whether a window of a file is binary data by its content. NUL bytes are
/// set aside first (any number of them: a run of zeros in a log is damage,
/// not a format). Valid UTF-8 is text unless more than one byte in ten is
/// a control character; other bytes (Latin-1, Windows-1252, or garbage)
/// are text only when they hold almost no control characters (one in a
/// hundred) and few NULs (one in 64 bytes). One of each is always allowed,
/// so a tiny file with a DOS end-of-file mark is text. `cut` says the
/// window ends before the file, where a character may be cut in two.
fn is_unexplained(window: &[u8], cut: bool) -> bool {
    let nuls = memchr::memchr_iter(0, window).count();
    let rest: std::borrow::Cow<'_, [u8]> = if nuls == 0 {
        window.into()
    } else {
        window.iter().copied().filter(|&b| b != 0).collect::<Vec<u8>>().into()
    };
    let controls = count_binary_controls(&rest);
    let utf8 = match std::str::from_utf8(&rest) {
        Ok(_) => true,
        // `error_len() == None`: the window ended inside a character.
        Err(err) => err.error_len().is_none() && cut,
    };
    if utf8 {
        controls > 1 + rest.len() / 10
    } else {
        controls > 1 + rest.len() / 100 || nuls > 1 + window.len() / 64
    }
}

/// How many bytes of `bytes` are [binary controls](is_binary_control).
///
/// Summed as `u32` flags, so that the compiler adds them many bytes at a
/// time (six times as fast over a window as counting a filter, which
/// called the test once a byte); a window is at most [`SNIFF_LEN`] bytes,
/// and longer slices are summed a window at a time.
fn count_binary_controls(bytes: &[u8]) -> usize {
    bytes
        .chunks(SNIFF_LEN)
        .map(|chunk| chunk.iter().map(|&b| u32::from(is_binary_control(b))).sum::<u32>() as usize)
        .sum()
}

/// A C0 control character that text does not hold: all but tab, LF, VT,
/// FF, CR and ESC (colour codes in logs); DEL too.
#[inline(always)]
fn is_binary_control(b: u8) -> bool {
    matches!(b, 0x01..=0x08 | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A few hundred bytes of something that looks like compressed data.
    fn noise(seed: u64, len: usize) -> Vec<u8> {
        let mut next = crate::text::pseudo_random(seed);
        (0..len).map(|_| next() as u8).collect()
    }

    /// The count adds up what the test says of each byte: every byte value,
    /// in noise and text, and across the windows of a long slice.
    #[test]
    fn counts_the_controls_a_byte_at_a_time_would() {
        let by_bytes = |bytes: &[u8]| bytes.iter().filter(|&&b| is_binary_control(b)).count();
        let every: Vec<u8> = (0..=u8::MAX).collect();
        assert_eq!(count_binary_controls(&every), 8 + 13 + 4 + 1);
        for len in [0, 1, 7, 31, 255, SNIFF_LEN - 1, SNIFF_LEN, SNIFF_LEN + 1, 3 * SNIFF_LEN + 5] {
            let bytes = noise(len as u64, len);
            assert_eq!(count_binary_controls(&bytes), by_bytes(&bytes), "noise of {len}");
            let text: Vec<u8> =
                b"line\ttab\x1b[0m\r\n\x7f".iter().copied().cycle().take(len).collect();
            assert_eq!(count_binary_controls(&text), by_bytes(&text), "text of {len}");
        }
    }

    #[test]
    fn names_images_archives_documents_and_executables_by_signature() {
        let cases: [(&[u8], &str); 10] = [
            (b"\x89PNG\r\n\x1A\n\0\0\0\rIHDR", "a PNG image"),
            (b"\xFF\xD8\xFF\xE0\0\x10JFIF\0", "a JPEG image"),
            (b"GIF89a\x10\0\x10\0\x80\0\0", "a GIF image"),
            (b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n", "a PDF document"),
            (b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n", "a PDF document"),
            (b"PK\x03\x04\x14\0\0\0\x08\0", "a ZIP archive (or an Office document)"),
            (b"\x1F\x8B\x08\0\0\0\0\0\0\x03", "a gzip archive"),
            (b"\x7FELF\x02\x01\x01\0\0\0", "an executable (ELF)"),
            (b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xFF\xFF", "a Windows executable"),
            (b"SQLite format 3\0\x10\0\x01\x01", "an SQLite database"),
        ];
        for (bytes, name) in cases {
            assert_eq!(binary_kind(bytes), Some(name), "{bytes:x?}");
        }
        let mut tar = vec![b'a'; 100];
        tar.extend([0; 157]);
        tar.extend(b"ustar\x0000");
        assert_eq!(binary_kind(&tar), Some("a tar archive"));
    }

    #[test]
    fn text_that_starts_like_a_signature_is_text() {
        for text in [
            "MZ notes: the Mainz office\n- [ ] book rooms\n",
            "BM-14 rollout plan\n\n## Phase 1\n",
            "ID3 tags are read by the player\n",
            "RIFF format notes, chunk sizes are little-endian\n",
            "OTTO: the Monday meeting\n",
            "GIF89a is the format we export\n",
        ] {
            assert_eq!(binary_kind(text.as_bytes()), None, "{text:?}");
        }
    }

    #[test]
    fn text_with_stray_or_many_nuls_is_text() {
        assert_eq!(binary_kind(b"# Plan\n\n- [x] T-1 do\0ne\n- [ ] T-2 next\n"), None);
        // A crashed writer left a run of zeros in the middle of a log.
        let mut log = b"2025-11-14 10:00:01 start\n".to_vec();
        log.extend([0; 4096]);
        log.extend(b"2025-11-14 10:05:00 restart\n3 passed\n");
        assert_eq!(binary_kind(&log), None);
        // A NUL on every line of a short file.
        assert_eq!(binary_kind(b"a\0\nb\0\n"), None);
        assert_eq!(binary_kind(&[0; 10]), None);
    }

    #[test]
    fn latin1_and_windows_1252_text_is_text() {
        assert_eq!(binary_kind(b"# Caf\xE9 notes\n\n- [x] r\xE9sum\xE9 \x93done\x94\n"), None);
        // A short DOS file with its end-of-file mark.
        assert_eq!(binary_kind(b"Gr\xFC\xDFe\r\n\x1A"), None);
        assert_eq!(binary_kind(b"ok\x1A"), None);
        // Even with a stray NUL.
        assert_eq!(binary_kind(b"# Stra\xDFe\n\nEintr\xE4ge\0 fertig\n"), None);
    }

    #[test]
    fn utf16_and_utf32_are_text() {
        let text = "# Plan\n- [x] T-1 done\n";
        let le16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be16: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let le32: Vec<u8> = text.chars().flat_map(|c| u32::from(c).to_le_bytes()).collect();
        let be32: Vec<u8> = text.chars().flat_map(|c| u32::from(c).to_be_bytes()).collect();
        for bytes in [le16, be16, le32, be32] {
            assert_eq!(binary_kind(&bytes), None, "{bytes:x?}");
        }
    }

    #[test]
    fn data_no_encoding_explains_is_binary() {
        assert_eq!(binary_kind(&noise(7, 600)), Some(UNEXPLAINED));
        assert_eq!(binary_kind(&noise(11, 20_000)), Some(UNEXPLAINED));
        let numbers: Vec<u8> = (0..64u32).flat_map(u32::to_le_bytes).collect();
        assert_eq!(binary_kind(&numbers), Some(UNEXPLAINED));
        // Zeros and high bytes: neither UTF-8 nor a Latin-1 text.
        assert_eq!(
            binary_kind(&[0x00, 0xFF, 0xFE, 0x00, 0x89, 0x50, 0x4E, 0x47]),
            Some(UNEXPLAINED)
        );
        // Valid UTF-8 made of control characters.
        assert_eq!(
            binary_kind(&[0x01, 0x02, 0x03, b'a', 0x04, 0x05, 0x06, 0x07]),
            Some(UNEXPLAINED)
        );
    }

    #[test]
    fn terminal_captures_with_some_controls_are_text() {
        // Bold by overstrike (`man` output) and a bell.
        let text = "N\x08NA\x08AM\x08ME\x08E\n     ls - list directory contents\n\x07done\n";
        let long = text.repeat(3) + &"plain line of text\n".repeat(10);
        assert_eq!(binary_kind(long.as_bytes()), None);
    }

    #[test]
    fn a_character_cut_at_the_window_end_is_not_binary() {
        let mut text = "a".repeat(SNIFF_LEN - 1).into_bytes();
        text.extend("é and more".as_bytes());
        text.push(0);
        assert_eq!(binary_kind(&text), None);
    }
}
