//! Tidy checks on the source tree itself: every module says what it owns,
//! every diagnostic code the code can emit is documented for users, and the
//! pipeline's modules import only what their place in it allows.

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

/// The top-level modules a source file uses (`crate::link`, and the names
/// in `use crate::{link, model}`), outside comments and unit tests.
fn modules_used(text: &str) -> Vec<String> {
    let body = text.split("#[cfg(test)]").next().unwrap_or("");
    let path = regex::Regex::new(r"crate::([a-z_]+)").unwrap();
    let group = regex::Regex::new(r"crate::\{([^}]*)\}").unwrap();
    let mut used = Vec::new();
    for line in body.lines().filter(|l| !l.trim_start().starts_with("//")) {
        used.extend(path.captures_iter(line).map(|c| c[1].to_string()));
        for caps in group.captures_iter(line) {
            used.extend(caps[1].split(',').filter_map(|part| {
                let name = part.trim().split("::").next()?.trim();
                (!name.is_empty()).then(|| name.to_string())
            }));
        }
    }
    used.sort();
    used.dedup();
    used
}

// The pipeline runs one way: discover, parse, link, render, write. The model
// is the shared vocabulary and depends on nothing but diagnostics; readers
// never reach forward into the linker or the renderers; renderers only read
// the linked model; only the binary knows the command line; merge reads
// status.json, never docs.
#[test]
fn modules_import_only_what_the_pipeline_allows() {
    assert_eq!(
        modules_used("use crate::{link, model::Task};\n// crate::cli\nlet x = crate::render::y;\n"),
        ["link", "model", "render"]
    );
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let rules: [(&str, &[&str]); 6] = [
        (
            "model.rs",
            &[
                "config", "discover", "parse", "evidence", "link", "render", "write", "cli",
                "graph", "audit", "text", "dates", "fs",
            ],
        ),
        ("parse/", &["link", "render", "write", "cli"]),
        ("evidence/", &["link", "render", "write", "cli"]),
        ("render/", &["parse", "evidence", "discover", "cli"]),
        ("merge.rs", &["parse", "evidence", "link", "discover", "cli"]),
        ("", &["cli"]),
    ];
    let mut broken = Vec::new();
    for path in src_files() {
        let rel = path.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        let used = modules_used(&std::fs::read_to_string(&path).unwrap());
        for (scope, forbidden) in rules {
            let applies = if scope.ends_with('/') {
                rel.starts_with(scope)
            } else {
                scope.is_empty() || rel == scope
            };
            if !applies || (scope.is_empty() && rel == "main.rs") {
                continue;
            }
            broken.extend(
                used.iter()
                    .filter(|m| forbidden.contains(&m.as_str()))
                    .map(|m| format!("src/{rel} uses crate::{m}")),
            );
        }
    }
    broken.sort();
    broken.dedup();
    assert!(broken.is_empty(), "imports against the pipeline's direction: {broken:#?}");
}
