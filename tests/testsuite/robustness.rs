//! Messy input never stops a build: files that are empty, binary, garbled,
//! huge, deeply nested or self-contradictory all end up in the portal, as a
//! page or with the reason they could not be read, and attestor does not
//! panic.

use std::path::Path;

use crate::site_test::SiteTest;

/// Writes raw bytes under the test's docs tree.
fn write_bytes(test: &SiteTest, rel: &str, bytes: &[u8]) {
    let path = test.root().join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// A tree of the worst files people commit, built at run time.
fn messy_tree() -> SiteTest {
    let mut test = SiteTest::from_dir("build/minimal");
    let deep_list: String =
        (0..200).map(|depth| format!("{}- [ ] level {depth}\n", "  ".repeat(depth))).collect();
    let wide_header: Vec<String> = (0..300).map(|n| format!("c{n}")).collect();
    let wide_table = format!(
        "| ID | {} |\n|---|{}\n| T-900 | {} |\n",
        wide_header.join(" | "),
        "---|".repeat(300),
        wide_header.join(" | ")
    );
    test.write_file("messy/empty.md", "")
        .write_file("messy/only-frontmatter.md", "---\n---\n")
        .write_file("messy/unclosed.md", "---\ntitle: never closed\n# Heading\n")
        .write_file("messy/frontmatter-list.md", "---\n- a\n- b\n---\nbody\n")
        .write_file("messy/deep-list.md", &deep_list)
        .write_file("messy/wide-table.md", &wide_table)
        .write_file(
            "messy/odd-tasks.md",
            "| Task ID | Description | Depends On | Status |\n|---|---|---|---|\n\
             | T-901 | Huge range | T-1-T-99999 | Done |\n| T-902 | Self | T-902 | ✅ |\n\
             | T-903 | Cycle | T-904 | Open |\n| T-904 | Cycle | T-903 | Open |\n| | | | |\n\
             | T-905 | Ragged\n",
        )
        .write_file("messy/Ünïcode plan with spaces.md", "# Plän\n\n- [x] T-906 Dönë\n")
        .write_file("messy/page.html", "<script>alert(1)</script><p>hi</p>\n")
        .write_file(
            "tests/broken.xml",
            "<testsuites><testsuite tests=\"3\" failures=\"1\"><testcase",
        )
        .write_file("tests/broken.json", "{\"status\": \"succ")
        .write_file(".beads/issues.jsonl", "not json at all\n{\"title\":\"no id\"}\n");
    write_bytes(&test, "messy/binary.md", &[0x00, 0xFF, 0xFE, 0x00, 0x89, 0x50, 0x4E, 0x47]);
    write_bytes(&test, "messy/latin1.md", b"# Caf\xe9 notes\n\n- [x] r\xe9sum\xe9 done\n");
    write_bytes(&test, "messy/cr-only.md", b"# Old Mac\r\r- [ ] one\r- [x] two\r");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("# UTF-16 notes\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    write_bytes(&test, "messy/utf16.md", &utf16);
    let long_line = format!("# Long\n\n{}\n", "word ".repeat(400_000));
    write_bytes(&test, "messy/long-line.md", long_line.as_bytes());
    test
}

// Every messy file is read or listed, the build ends with its summary, and
// nothing panics.
#[test]
fn builds_a_tree_of_messy_files_without_losing_any() {
    let mut test = messy_tree();
    test.build().expect_success();
    let status = test.status_json();
    let documents: Vec<&str> = status["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    for rel in [
        "messy/empty.md",
        "messy/only-frontmatter.md",
        "messy/unclosed.md",
        "messy/frontmatter-list.md",
        "messy/deep-list.md",
        "messy/wide-table.md",
        "messy/odd-tasks.md",
        "messy/Ünïcode plan with spaces.md",
        "messy/page.html",
        "messy/binary.md",
        "messy/latin1.md",
        "messy/cr-only.md",
        "messy/utf16.md",
        "messy/long-line.md",
        "tests/broken.xml",
        "tests/broken.json",
        ".beads/issues.jsonl",
    ] {
        assert!(documents.contains(&rel), "`{rel}` is not in the portal: {documents:#?}");
    }
    let codes: Vec<&str> = status["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    for code in ["A004", "A020", "A022", "A103", "A110", "A111", "A121"] {
        assert!(codes.contains(&code), "no {code} among {codes:?}");
    }
    // The raw HTML of a page is shown as text, never run.
    let page = test.file("docs/messy/page.html.html");
    assert!(!page.contains("<script>alert"), "raw HTML reached the page");
    // A file name with spaces and accents gets a page that links resolve to.
    assert!(test.out().join("docs/messy/Ünïcode plan with spaces.html").is_file());
}

// A symlink loop and a link to a folder are listed, not followed.
#[cfg(unix)]
#[test]
fn lists_symlink_loops_without_following_them() {
    let mut test = SiteTest::from_dir("build/minimal");
    let root = test.root().to_path_buf();
    std::os::unix::fs::symlink(root.join("loop"), root.join("loop")).unwrap();
    std::fs::create_dir_all(root.join("real")).unwrap();
    std::os::unix::fs::symlink(Path::new("real"), root.join("dir-link")).unwrap();
    test.build().expect_success();
    let files = test.file("files.html");
    assert!(files.contains("dir-link"), "the folder link is listed");
}
