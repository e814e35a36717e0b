//! Finds the input files of a docs tree, confined to ROOT.
//!
//! The walk skips `.git`, the output folder (even inside ROOT), the theme
//! folder and the configured excludes, but not other hidden folders such as
//! `.beads`, which hold real governance data. Symlinks are never followed out
//! of ROOT: a link that leads outside is listed with its reason, not read.
//! Reading and parsing the files is the next stage's job.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::{BuildConfig, CONFIG_FILE};
use crate::model::{Skipped, SourceFormat};

/// One file to read, with what its name and place say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Where to read it (inside ROOT).
    pub abs: PathBuf,
    /// Path relative to ROOT with `/` separators.
    pub rel: String,
    /// The format its extension suggests; text may turn out to be markdown.
    pub format: SourceFormat,
    /// Whether it sits in an evidence folder or matches an evidence glob.
    pub in_evidence_dir: bool,
}

/// The files of a docs tree, sorted by relative path, and those passed over.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Files to read.
    pub files: Vec<SourceFile>,
    /// Files found but not read, with why.
    pub skipped: Vec<Skipped>,
}

/// Walks ROOT and returns its input files sorted by relative path.
pub fn discover(config: &BuildConfig) -> Discovered {
    let mut found = Discovered::default();
    let walker = WalkDir::new(&config.root).follow_links(false).sort_by_file_name();
    let mut it = walker.into_iter();
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let rel =
                    err.path().map_or_else(String::new, |p| crate::fs::rel_path(&config.root, p));
                found.skipped.push(Skipped { path: rel, reason: format!("cannot be read: {err}") });
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let rel = crate::fs::rel_path(&config.root, entry.path());
        if entry.file_type().is_dir() {
            if is_pruned_dir(config, entry.path(), &rel) {
                it.skip_current_dir();
            }
            continue;
        }
        if config.exclude.is_match(&rel) || !is_included(config, &rel) {
            continue;
        }
        if entry.path_is_symlink() {
            match confined_target(&config.root, entry.path()) {
                Some(target) if target.is_file() => {}
                Some(_) => {
                    let reason = "symlink to a folder; links are not followed".to_string();
                    found.skipped.push(Skipped { path: rel, reason });
                    continue;
                }
                None => {
                    let reason = "symlink that leads outside the docs folder".to_string();
                    found.skipped.push(Skipped { path: rel, reason });
                    continue;
                }
            }
        }
        if rel == CONFIG_FILE {
            let reason = "attestor configuration".to_string();
            found.skipped.push(Skipped { path: rel, reason });
            continue;
        }
        let in_evidence_dir = is_evidence_path(config, &rel);
        let format = format_of(&rel);
        found.files.push(SourceFile {
            abs: entry.path().to_path_buf(),
            rel,
            format,
            in_evidence_dir,
        });
    }
    found
}

fn is_pruned_dir(config: &BuildConfig, abs: &Path, rel: &str) -> bool {
    let name = abs.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    name == ".git"
        || abs == config.out
        || config.theme_dir.as_deref() == Some(abs)
        || config.exclude.is_match(rel)
        || config.exclude.is_match(format!("{rel}/"))
}

fn is_included(config: &BuildConfig, rel: &str) -> bool {
    config.include.as_ref().is_none_or(|include| include.is_match(rel))
}

/// Whether a file is evidence by where it sits: in an evidence folder or
/// under an evidence glob. A glob the user wrote wins; in a folder, the
/// project's own files (a README, a licence, requirements, tool config, a
/// story's context XML) are pages, not evidence.
fn is_evidence_path(config: &BuildConfig, rel: &str) -> bool {
    if config.evidence_globs.as_ref().is_some_and(|globs| globs.is_match(rel)) {
        return true;
    }
    let mut folders = rel.split('/').rev().skip(1);
    folders.any(|dir| config.evidence_dirs.iter().any(|e| e.eq_ignore_ascii_case(dir)))
        && !crate::evidence::is_project_file(rel)
}

/// The canonical target of a symlink if it lies inside ROOT.
fn confined_target(root: &Path, link: &Path) -> Option<PathBuf> {
    let target = link.canonicalize().ok()?;
    target.starts_with(root).then_some(target)
}

/// The format a file's extension suggests. Only markdown extensions give
/// markdown; every other text (YAML, logs, config, code, `.txt`) is text,
/// and only a `.txt` may turn out to be markdown by its structure (see
/// [`may_be_markdown`]).
pub fn format_of(rel: &str) -> SourceFormat {
    match extension(rel).as_str() {
        "md" | "markdown" | "mdown" | "mkd" | "mdx" => SourceFormat::Markdown,
        "json" | "jsonl" | "ndjson" => SourceFormat::Json,
        "xml" => SourceFormat::Xml,
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "svg" | "avif" | "bmp" => SourceFormat::Image,
        "zip" | "gz" | "tgz" | "tar" | "7z" | "rar" | "xz" | "bz2" | "zst" | "pdf" | "bin"
        | "exe" | "dll" | "so" | "dylib" | "class" | "jar" | "wasm" | "woff" | "woff2" | "ttf"
        | "otf" | "eot" | "ico" | "tif" | "tiff" | "heic" | "psd" | "mp3" | "wav" | "ogg"
        | "flac" | "mp4" | "mov" | "webm" | "mkv" | "avi" | "sqlite" | "db" | "docx" | "xlsx"
        | "pptx" | "doc" | "xls" | "ppt" | "odt" | "ods" | "parquet" | "pyc" => {
            SourceFormat::Binary
        }
        _ => SourceFormat::Text,
    }
}

/// Whether a text file may be markdown written under another name: a
/// `.txt` (or `.text`) file, which people use for notes as well as logs.
/// YAML, logs, config and code never are, whatever their first line says.
pub fn may_be_markdown(rel: &str) -> bool {
    matches!(extension(rel).as_str(), "txt" | "text")
}

/// Whether a file's name promises text: a markdown, JSON or XML extension,
/// or one of the text formats people and tools write (`.txt`, `.log`,
/// `.yaml`, `.csv`, `.html`, source code...). Binary bytes under such a name
/// are a mistake worth reporting; under any other name (`.DS_Store`, a file
/// with no extension) they are just a binary file.
pub fn promises_text(rel: &str) -> bool {
    !matches!(format_of(rel), SourceFormat::Text | SourceFormat::Image | SourceFormat::Binary)
        || matches!(
            extension(rel).as_str(),
            "txt"
                | "text"
                | "log"
                | "out"
                | "yaml"
                | "yml"
                | "toml"
                | "ini"
                | "cfg"
                | "conf"
                | "csv"
                | "tsv"
                | "html"
                | "htm"
                | "rst"
                | "adoc"
                | "tex"
                | "info"
                | "lcov"
                | "sh"
                | "bash"
                | "ps1"
                | "bat"
                | "py"
                | "js"
                | "ts"
                | "rs"
                | "go"
                | "java"
                | "rb"
                | "sql"
                | "css"
        )
}

/// A file name's extension, lowercase; empty when it has none.
fn extension(rel: &str) -> String {
    let name = crate::model::file_name(rel);
    name.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_follow_the_extension() {
        assert_eq!(format_of("a/B.MD"), SourceFormat::Markdown);
        assert_eq!(format_of("tests/run.log"), SourceFormat::Text);
        assert_eq!(format_of("tests/coverage/lcov.info"), SourceFormat::Text);
        assert_eq!(format_of("shots/home.PNG"), SourceFormat::Image);
        assert_eq!(format_of(".beads/issues.jsonl"), SourceFormat::Json);
        assert_eq!(format_of("Makefile"), SourceFormat::Text);
        assert_eq!(format_of(".github/workflows/ci.yml"), SourceFormat::Text);
        assert_eq!(format_of("docs/sprint-status.YAML"), SourceFormat::Text);
        assert_eq!(format_of("release/app.tar"), SourceFormat::Binary);
        assert_eq!(format_of("report.docx"), SourceFormat::Binary);
    }

    #[test]
    fn names_that_promise_text() {
        for rel in ["a.md", "b.json", "c.xml", "run.log", "ci.yml", "notes.txt", "lcov.info"] {
            assert!(promises_text(rel), "{rel}");
        }
        for rel in [".DS_Store", "LICENSE", "shot.png", "app.zip", "data.bin", "Thumbs.db"] {
            assert!(!promises_text(rel), "{rel}");
        }
    }

    #[test]
    fn only_txt_files_may_be_markdown_under_another_name() {
        for rel in ["notes.txt", "docs/PLAN.TXT", "a/b.text"] {
            assert!(may_be_markdown(rel), "{rel}");
        }
        for rel in
            ["ci.yaml", "compose.yml", "run.log", "Dockerfile", "LICENSE", "a.toml", "x.sh", "txt"]
        {
            assert!(!may_be_markdown(rel), "{rel}");
        }
    }
}
