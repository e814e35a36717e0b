//! Property tests of decoding: any bytes decode without a panic and
//! without a NUL; clean UTF-8 comes back as it went in; the streamed
//! excerpt of a big text keeps real, rising line numbers.

use proptest::prelude::*;

use super::excerpt::read_excerpt;
use super::*;

/// Text that needs no repair: no CR, NUL or BOM, and none of the characters
/// mojibake is made of (Latin-1, Greek, box drawing).
fn clean_text() -> impl Strategy<Value = String> {
    "[\\t\\n -~一-龥✅❌🚀→…—]{0,200}"
}

/// Bytes that look like the files people have: text with CRs, NULs,
/// garbled sequences, BOMs and UTF-16 pieces.
fn messy_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..8),
        Just(b"\r\n".to_vec()),
        Just(b"\r".to_vec()),
        Just(b"\0".to_vec()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just(b"\xFF\xFE".to_vec()),
        Just("âœ…".as_bytes().to_vec()),
        Just("Γ£ô".as_bytes().to_vec()),
        Just(b"\x1b[2K\x1b[1A".to_vec()),
        "[ -~]{0,12}".prop_map(String::into_bytes),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_decode_without_nul(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let decoded = decode(&bytes);
        prop_assert!(!decoded.text.contains('\0'));
        // A last line of NUL bytes is reported where it is in the file,
        // though the text drops it: count the file's lines too.
        let raw_lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
        let n_lines = decoded.text.lines().count().max(raw_lines);
        for issue in &decoded.issues {
            if let DecodeIssue::RepairedMojibake { line, .. }
            | DecodeIssue::InvalidUtf8 { line, .. }
            | DecodeIssue::NulBytes { line, .. } = issue
            {
                prop_assert!((1..=n_lines).contains(line), "{issue:?} of {n_lines}");
            }
        }
    }

    #[test]
    fn messy_bytes_decode_without_nul(bytes in messy_bytes()) {
        let decoded = decode(&bytes);
        prop_assert!(!decoded.text.contains('\0'));
        prop_assert!(!decoded.text.contains('\r'), "{:?}", decoded.text);
    }

    #[test]
    fn clean_utf8_round_trips(text in clean_text()) {
        let decoded = decode(text.as_bytes());
        prop_assert_eq!(&decoded.text, &text);
        prop_assert!(decoded.issues.is_empty(), "{:?}", decoded.issues);
    }

    #[test]
    fn excerpts_keep_real_rising_line_numbers(bytes in messy_bytes(), notable in 0u8..4) {
        let is_notable = |line: &str| line.len() % 4 == usize::from(notable);
        let excerpt = read_excerpt(&bytes[..], &is_notable).unwrap();
        prop_assert!(!excerpt.text.contains('\0'));
        prop_assert_eq!(excerpt.text.lines().count(), excerpt.line_numbers.len());
        prop_assert!(excerpt.line_numbers.windows(2).all(|w| w[0] < w[1]));
        prop_assert!(excerpt.line_numbers.last().is_none_or(|&n| n == excerpt.total_lines));
    }
}
