//! Golden files: compare output with a checked-in file, bless with
//! `SNAPSHOTS=overwrite`, and make sure every golden file is used.
//!
//! Golden files live in `tests/testsuite/<feature>/<case>/expected/`. They
//! are small on purpose: `status.json`, or only the `<main>` of a page, so a
//! change to the page chrome does not touch every file. Each one is listed in
//! `GOLDEN_FILES`; comparing against an unlisted one fails, and so does a
//! listed or present one that no test compares against.

use std::collections::BTreeSet;
use std::path::Path;

use crate::site_test::{read_tree, testsuite_dir};

/// Every golden file of the suite: (fixture, path under the fixture).
/// Add a line here when a test starts comparing against a new golden file.
pub const GOLDEN_FILES: &[(&str, &str)] = &[
    ("build/example", "expected/status.json"),
    ("build/minimal", "expected/index.main.html"),
    ("build/minimal", "expected/launch-plan.main.html"),
    ("build/minimal", "expected/status.json"),
];

/// The fixture whose docs tree is the repository's `content-example/`.
const EXAMPLE_FIXTURE: &str = "build/example";

/// Compares `actual` with the golden file `<fixture>/<expected_rel>`, or
/// rewrites the golden file when `SNAPSHOTS=overwrite`.
pub fn assert_golden(fixture: &str, expected_rel: &str, actual: &str) {
    assert!(
        GOLDEN_FILES.contains(&(fixture, expected_rel)),
        "golden file `{fixture}/{expected_rel}` is not listed; add it to GOLDEN_FILES in golden.rs"
    );
    let path = testsuite_dir().join(fixture).join(expected_rel);
    let actual = normalize(actual);
    if std::env::var("SNAPSHOTS").as_deref() == Ok("overwrite") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = match std::fs::read_to_string(&path) {
        Ok(text) => normalize(&text),
        Err(err) => panic!(
            "cannot read golden file `{}`: {err}\nrun `SNAPSHOTS=overwrite cargo test` to write it",
            path.display()
        ),
    };
    if expected != actual {
        panic!(
            "output differs from golden file `{}` (- expected, + actual):\n{}\n\
             if the change is intended, run `SNAPSHOTS=overwrite cargo test` and review the diff",
            path.display(),
            diff(&expected, &actual)
        );
    }
}

/// The `<main …>…</main>` of a page, tags included.
pub fn main_of(page: &str) -> Option<&str> {
    let start = page.find("<main")?;
    let end = page[start..].find("</main>")? + start + "</main>".len();
    Some(&page[start..end])
}

/// Golden files are compared without CRLF, trailing spaces or blank-line
/// runs, which editors change and readers cannot see.
fn normalize(text: &str) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in text.replace("\r\n", "\n").lines() {
        let line = line.trim_end();
        if line.is_empty() && blank {
            continue;
        }
        blank = line.is_empty();
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// A line diff with three lines of context around each change.
pub fn diff(expected: &str, actual: &str) -> String {
    let old: Vec<&str> = expected.lines().collect();
    let new: Vec<&str> = actual.lines().collect();
    // lcs[i][j] is the length of the longest common subsequence of old[i..] and new[j..].
    let mut lcs = vec![vec![0u32; new.len() + 1]; old.len() + 1];
    for i in (0..old.len()).rev() {
        for j in (0..new.len()).rev() {
            lcs[i][j] = if old[i] == new[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut ops: Vec<(char, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        if i < old.len() && j < new.len() && old[i] == new[j] {
            ops.push((' ', old[i]));
            (i, j) = (i + 1, j + 1);
        } else if i < old.len() && (j == new.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(('-', old[i]));
            i += 1;
        } else {
            ops.push(('+', new[j]));
            j += 1;
        }
    }
    let near_change = |idx: usize| {
        let from = idx.saturating_sub(3);
        let to = (idx + 4).min(ops.len());
        ops[from..to].iter().any(|(op, _)| *op != ' ')
    };
    let mut out = String::new();
    let mut skipped = false;
    for (idx, (op, line)) in ops.iter().enumerate() {
        if near_change(idx) {
            if skipped {
                out.push_str("@@ …\n");
                skipped = false;
            }
            out.push_str(&format!("{op} {line}\n"));
        } else {
            skipped = true;
        }
    }
    out
}

/// The text a test's source must hold to use a fixture's golden files.
fn fixture_call(fixture: &str) -> String {
    if fixture == EXAMPLE_FIXTURE {
        "SiteTest::example()".to_string()
    } else {
        format!("SiteTest::from_dir(\"{fixture}\")")
    }
}

/// The test functions of the suite's sources, one string each (split at
/// top-level `fn`), so that a golden file and its fixture are named together.
fn test_functions(dir: &Path) -> Vec<String> {
    let mut functions = Vec::new();
    for (rel, bytes) in read_tree(dir) {
        if rel.contains('/') || !rel.ends_with(".rs") {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        functions.extend(text.split("\nfn ").skip(1).map(str::to_string));
    }
    functions
}

// Every file under an `expected/` folder is listed in GOLDEN_FILES, every
// listed file exists, and some test compares its fixture against it.
#[test]
fn every_golden_file_is_used() {
    let dir = testsuite_dir();
    let on_disk: BTreeSet<(String, String)> = read_tree(&dir)
        .into_keys()
        .filter_map(|rel| {
            let at = rel.find("/expected/")?;
            Some((rel[..at].to_string(), rel[at + 1..].to_string()))
        })
        .collect();
    let listed: BTreeSet<(String, String)> =
        GOLDEN_FILES.iter().map(|(f, g)| (f.to_string(), g.to_string())).collect();
    let mut problems = Vec::new();
    for (fixture, golden) in on_disk.difference(&listed) {
        problems.push(format!("{fixture}/{golden}: not used by any test; delete it or check it"));
    }
    for (fixture, golden) in listed.difference(&on_disk) {
        problems.push(format!("{fixture}/{golden}: listed in GOLDEN_FILES but missing"));
    }
    let functions = test_functions(&dir);
    for (fixture, golden) in &listed {
        let call = fixture_call(fixture);
        let literal = format!("\"{golden}\"");
        if !functions.iter().any(|f| f.contains(&call) && f.contains(&literal)) {
            problems.push(format!("{fixture}/{golden}: no test names both {call} and {literal}"));
        }
    }
    assert!(
        problems.is_empty(),
        "golden files out of step with the tests:\n{}",
        problems.join("\n")
    );
}

// The diff names removed and added lines and skips far-away unchanged ones.
#[test]
fn golden_diff_shows_changed_lines_in_context() {
    let expected = "a\nb\nc\nd\ne\nf\ng\nh\ni\n";
    let actual = "a\nb\nc\nd\ne\nf\ng\nH\ni\nj\n";
    assert_eq!(diff(expected, actual), "@@ …\n  e\n  f\n  g\n- h\n+ H\n  i\n+ j\n");
}
