//! UTF-32 text: telling it from other bytes, with or without a byte-order
//! mark, and converting it to UTF-8.
//!
//! UTF-32 is rare in docs trees, but some tools on Windows (and Python's
//! `encoding="utf-32"`) write it, and a file in it must be read, not listed
//! as binary for its many zero bytes. Detection without a BOM is strict: the
//! bytes must be mostly ASCII text in four-byte units that are all valid
//! characters, which neither UTF-16 nor binary data gives. The caller,
//! `crate::text::decode`, checks for UTF-32 before UTF-16, since the UTF-32LE
//! mark `FF FE 00 00` begins with the UTF-16LE one.

/// How much of a file [`without_bom`] looks at.
const SNIFF_LEN: usize = 8 * 1024;

/// The fewest four-byte units a file without a BOM must have to be taken
/// for UTF-32.
const MIN_UNITS: usize = 2;

/// Returns `Some(big_endian)` when the bytes start with a UTF-32 byte-order
/// mark: `00 00 FE FF` (big-endian) or `FF FE 00 00` (little-endian).
pub(crate) fn byte_order(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0x00, 0x00, 0xFE, 0xFF, ..] => Some(true),
        [0xFF, 0xFE, 0x00, 0x00, ..] => Some(false),
        _ => None,
    }
}

/// Returns `Some(big_endian)` when bytes without a BOM look like UTF-32: in
/// the first 8 KiB, every four-byte unit is a valid character in one byte
/// order, at least half of them are ASCII or Latin-1 text characters, and
/// NUL and control characters are rare (one in sixteen at most).
pub(crate) fn without_bom(bytes: &[u8]) -> Option<bool> {
    let window = &bytes[..bytes.len().min(SNIFF_LEN)];
    if window.len() / 4 < MIN_UNITS {
        return None;
    }
    [false, true].into_iter().find(|&big_endian| looks_like(window, big_endian))
}

/// Whether every unit of `window` is a character in this byte order, and
/// mostly a text one.
fn looks_like(window: &[u8], big_endian: bool) -> bool {
    let units = window.len() / 4;
    let (mut text, mut odd) = (0usize, 0usize);
    for unit in window.chunks_exact(4).map(|unit| code_point(unit, big_endian)) {
        match char::from_u32(unit) {
            None => return false,
            Some(c) if c == '\t' || c == '\n' || c == '\r' || c == '\u{1B}' => text += 1,
            Some(c) if c.is_control() => odd += 1,
            Some(c) if u32::from(c) <= 0xFF => text += 1,
            Some(_) => {}
        }
    }
    text * 2 >= units && odd * 16 <= units
}

/// The code point of one four-byte unit.
fn code_point(unit: &[u8], big_endian: bool) -> u32 {
    let bytes = [unit[0], unit[1], unit[2], unit[3]];
    if big_endian { u32::from_be_bytes(bytes) } else { u32::from_le_bytes(bytes) }
}

/// Converts UTF-32 units (after the BOM) to UTF-8 bytes. A unit that is
/// not a character, and a dangling partial unit at the end, become
/// `invalid`, so the UTF-8 path counts and replaces them like invalid UTF-8.
pub(crate) fn to_utf8(body: &[u8], big_endian: bool, invalid: u8) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() / 2);
    for unit in body.chunks_exact(4) {
        match char::from_u32(code_point(unit, big_endian)) {
            Some(c) => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
            None => out.push(invalid),
        }
    }
    if !body.len().is_multiple_of(4) {
        out.push(invalid);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(text: &str, big_endian: bool) -> Vec<u8> {
        text.chars()
            .flat_map(|c| {
                let unit = u32::from(c);
                if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() }
            })
            .collect()
    }

    #[test]
    fn tells_utf32_by_its_byte_order_mark() {
        assert_eq!(byte_order(b"\0\0\xFE\xFFrest"), Some(true));
        assert_eq!(byte_order(b"\xFF\xFE\0\0rest"), Some(false));
        // The UTF-16LE mark followed by a character is not UTF-32.
        assert_eq!(byte_order(b"\xFF\xFEa\0"), None);
        assert_eq!(byte_order(b"\xFF\xFE"), None);
    }

    #[test]
    fn tells_utf32_without_a_mark_in_both_byte_orders() {
        let text = "# Plan\n\n- [x] Étape 1 ✅\n- [ ] Schritt 2 🚧\n";
        assert_eq!(without_bom(&encode(text, false)), Some(false));
        assert_eq!(without_bom(&encode(text, true)), Some(true));
    }

    #[test]
    fn does_not_take_utf16_utf8_or_binary_for_utf32() {
        let utf16: Vec<u8> = "hello world".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(without_bom(&utf16), None);
        assert_eq!(without_bom(b"plain ASCII text, long enough"), None);
        // Small integers in four bytes are numbers, not text.
        let numbers: Vec<u8> = (0..64u32).flat_map(u32::to_le_bytes).collect();
        assert_eq!(without_bom(&numbers), None);
        assert_eq!(without_bom(&[0; 64]), None);
        // A short file says nothing.
        assert_eq!(without_bom(b"a\0\0\0"), None);
    }

    #[test]
    fn converts_and_marks_what_is_not_a_character() {
        assert_eq!(to_utf8(&encode("né ✓", false), false, 0xFF), "né ✓".as_bytes());
        assert_eq!(to_utf8(&encode("ok", true), true, 0xFF), b"ok");
        let mut bad = encode("a", false);
        bad.extend([0x00, 0xD8, 0x00, 0x00]); // a surrogate
        bad.extend([b'b', 0, 0]); // a partial unit
        assert_eq!(to_utf8(&bad, false, 0xFF), b"a\xFF\xFF");
    }
}
