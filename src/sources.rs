//! The source lines diagnostics point at, read back from ROOT for snippets.
//!
//! `attestor check` shows each diagnostic with the line it is about. This
//! module reads that line from the file under ROOT, decoded by
//! [`crate::text::decode`] as the parser decoded it, so the line shown is
//! the line the parser saw (BOM gone, CRLF and mojibake repaired); a binary
//! file, which the parser does not read as text, shows no line. It reads
//! only regular files inside ROOT (a path that leaves it, through `..` or a
//! symlink, gets no snippet), never a FIFO or a device, and no file larger
//! than [`MAX_SOURCE_BYTES`]. Each file is read once. Rendering the snippet
//! is `crate::diagnostics`' job.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use crate::text;

/// The largest file a snippet is read from; larger ones get none.
pub const MAX_SOURCE_BYTES: u64 = 16 * 1024 * 1024;

/// The longest line a snippet shows; a longer one gets none.
pub const MAX_LINE_BYTES: usize = 16 * 1024;

/// The lines of the files under one ROOT, read on demand and kept.
#[derive(Debug)]
pub struct SourceLines {
    root: PathBuf,
    files: HashMap<String, Option<Vec<String>>>,
}

impl SourceLines {
    /// Reads from under `root`, which must be absolute and canonical (as
    /// `BuildConfig::root` is).
    pub fn new(root: &Path) -> SourceLines {
        SourceLines { root: root.to_path_buf(), files: HashMap::new() }
    }

    /// Line `line` (1-based) of the file at `rel` (relative to ROOT, `/`
    /// separators), or `None` when it cannot be shown.
    pub fn line(&mut self, rel: &str, line: usize) -> Option<&str> {
        let root = &self.root;
        let lines = self.files.entry(rel.to_string()).or_insert_with(|| read_lines(root, rel));
        let text = lines.as_ref()?.get(line.checked_sub(1)?)?;
        (text.len() <= MAX_LINE_BYTES).then_some(text.as_str())
    }
}

/// The decoded lines of `root/rel`, if it is a regular file inside ROOT no
/// larger than [`MAX_SOURCE_BYTES`].
fn read_lines(root: &Path, rel: &str) -> Option<Vec<String>> {
    let rel_path = Path::new(rel);
    if rel.is_empty() || !rel_path.components().all(|c| matches!(c, Component::Normal(_))) {
        return None;
    }
    let path = root.join(rel_path).canonicalize().ok()?;
    if !path.starts_with(root) {
        return None;
    }
    let meta = std::fs::metadata(&path).ok()?;
    if !meta.is_file() || meta.len() > MAX_SOURCE_BYTES {
        return None;
    }
    let bytes = crate::fs::read(&path).ok()?;
    if text::binary_kind(&bytes).is_some() {
        return None;
    }
    // A snippet shows a line as the portal does: with its credentials
    // masked, so that CI logs never print one.
    let text = text::shown(&bytes);
    Some(text.split('\n').map(str::to_string).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("docs");
        std::fs::create_dir_all(root.join("plans")).unwrap();
        std::fs::write(root.join("plans/a.md"), b"\xEF\xBB\xBF# Plan\r\nsecond\r\n").unwrap();
        std::fs::write(dir.path().join("outside.md"), "secret\n").unwrap();
        std::fs::write(root.join("plans/logo.md"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
        let root = root.canonicalize().unwrap();
        (dir, root)
    }

    #[test]
    fn reads_lines_as_the_parser_decodes_them() {
        let (_dir, root) = tree();
        let mut sources = SourceLines::new(&root);
        assert_eq!(sources.line("plans/a.md", 1), Some("# Plan"));
        assert_eq!(sources.line("plans/a.md", 2), Some("second"));
        assert_eq!(sources.line("plans/a.md", 0), None);
        assert_eq!(sources.line("plans/a.md", 99), None);
        assert_eq!(sources.line("plans/missing.md", 1), None);
        assert_eq!(sources.line("plans/logo.md", 1), None, "a binary file shows no line");
    }

    #[test]
    fn never_reads_outside_root() {
        let (dir, root) = tree();
        let mut sources = SourceLines::new(&root);
        assert_eq!(sources.line("../outside.md", 1), None);
        assert_eq!(sources.line(&dir.path().join("outside.md").to_string_lossy(), 1), None);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("outside.md"), root.join("link.md"))
                .unwrap();
            assert_eq!(sources.line("link.md", 1), None);
        }
    }

    #[cfg(unix)]
    #[test]
    fn never_opens_a_fifo() {
        let (_dir, root) = tree();
        let fifo = root.join("pipe.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success(), "mkfifo failed");
        assert_eq!(SourceLines::new(&root).line("pipe.md", 1), None);
    }
}
