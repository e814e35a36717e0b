//! `text::decode` on arbitrary bytes: never panics, never returns a NUL,
//! and clean UTF-8 (no CR, NUL, BOM or character mojibake is made of)
//! comes back as it went in.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let decoded = attestor::text::decode(data);
    assert!(!decoded.text.contains('\0'), "a NUL survived decoding");
    if let Ok(text) = std::str::from_utf8(data) {
        let plain = text.chars().all(|c| {
            // Latin-1, Greek and the symbols of code pages 1252, 437 and 850
            // are what mojibake is made of; text of them may be repaired.
            !matches!(
                c,
                '\0' | '\r' | '\u{FEFF}' | '\u{80}'..='\u{3FF}' | '\u{2000}'..='\u{25FF}'
            )
        });
        if plain {
            assert_eq!(decoded.text, text, "clean UTF-8 changed");
            assert!(decoded.issues.is_empty(), "clean UTF-8 reported {:?}", decoded.issues);
        }
    }
    let _ = attestor::text::terminal_text(&decoded.text);
});
