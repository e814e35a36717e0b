//! Tidy checks on the source tree itself: every module says what it owns,
//! and every diagnostic code the code can emit is documented for users.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

fn src_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    files
}

// Every source file opens with a `//!` paragraph on what the module owns.
#[test]
fn every_module_opens_with_its_job() {
    let missing: Vec<String> = src_files()
        .into_iter()
        .filter(|path| !std::fs::read_to_string(path).unwrap().starts_with("//!"))
        .map(|path| path.display().to_string())
        .collect();
    assert!(missing.is_empty(), "modules without a `//!` opening paragraph: {missing:#?}");
}

// Every diagnostic code used outside tests is listed in docs/diagnostics.md.
#[test]
fn every_diagnostic_code_is_documented() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let documented = std::fs::read_to_string(root.join("docs/diagnostics.md")).unwrap();
    let code = regex::Regex::new(r#""(A[0-9]{3})""#).unwrap();
    let mut undocumented = Vec::new();
    for path in src_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        // Unit tests sit at the bottom of a file and may use made-up codes.
        let body = text.split("#[cfg(test)]").next().unwrap_or("");
        for caps in code.captures_iter(body) {
            if !documented.contains(&format!("| {} |", &caps[1])) {
                undocumented.push(format!("{} in {}", &caps[1], path.display()));
            }
        }
    }
    assert!(undocumented.is_empty(), "codes missing from docs/diagnostics.md: {undocumented:#?}");
}
