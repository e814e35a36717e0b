//! Finds the input files of a docs tree, confined to ROOT.
//!
//! The walk skips `.git`, the output folder (even inside ROOT), the staging
//! folders of a build that was killed, any other portal attestor wrote, the
//! theme folder and the configured excludes, but not other hidden folders
//! such as `.beads`, which hold real governance data. Symlinks are never
//! followed out of ROOT: a link that leads outside is listed with its reason,
//! not read. Special files (FIFOs, sockets, devices) are listed, never
//! opened, so nothing in the tree can make a build hang. Reading and parsing
//! the files is the next stage's job.

use std::path::{Path, PathBuf};

use walkdir::{DirEntry, WalkDir};

use crate::config::{BuildConfig, CONFIG_FILE};
use crate::diagnostics::Diagnostic;
use crate::model::{Skipped, SourceFormat, extension};

/// One file to read, with what its name and place say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Where to read it: ROOT as the user gave it joined with `rel` (see
    /// [`BuildConfig::shown_path`]), so a failed read names the file the way
    /// the user would, never by the build machine's absolute path.
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
    /// What the walk found wrong: special files, an `include` that matches
    /// no file.
    pub diagnostics: Vec<Diagnostic>,
}

/// Walks ROOT and returns its input files sorted by relative path.
pub fn discover(config: &BuildConfig) -> Discovered {
    let mut found = Discovered::default();
    let mut not_included = Vec::new();
    let mut n_included = 0;
    let walker = WalkDir::new(&config.root).follow_links(false).sort_by_file_name();
    let mut it = walker.into_iter();
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                found.skipped.push(unreadable(config, &err));
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let rel = crate::fs::rel_path(&config.root, entry.path());
        if entry.file_type().is_dir() {
            match pruned(config, entry.path(), &rel) {
                Prune::No => {}
                Prune::Silently => it.skip_current_dir(),
                Prune::Listed(reason) => {
                    found.skipped.push(Skipped { path: rel, reason });
                    it.skip_current_dir();
                }
            }
            continue;
        }
        match file_of(config, &entry, rel, &mut found.diagnostics) {
            Walked::Excluded => {}
            Walked::NotIncluded(rel) => {
                if rel != CONFIG_FILE {
                    not_included.push(rel);
                }
            }
            Walked::Skipped(skipped) => {
                n_included += 1;
                found.skipped.push(skipped);
            }
            Walked::Read(file) => {
                n_included += 1;
                found.files.push(file);
            }
        }
    }
    if n_included == 0 {
        report_empty_include(config, not_included, &mut found);
    }
    found
}

/// What the walk makes of a file it meets.
enum Walked {
    /// Matched by `exclude`: never mentioned.
    Excluded,
    /// Left out by `include`.
    NotIncluded(String),
    /// Listed as not read, with why.
    Skipped(Skipped),
    /// Read.
    Read(SourceFile),
}

/// What the walk makes of the file `entry` at `rel`, one that is no
/// folder; what it finds wrong goes to `diagnostics`.
fn file_of(
    config: &BuildConfig,
    entry: &DirEntry,
    rel: String,
    diagnostics: &mut Vec<Diagnostic>,
) -> Walked {
    if config.exclude.is_match(&rel) {
        return Walked::Excluded;
    }
    if !is_included(config, &rel) {
        return Walked::NotIncluded(rel);
    }
    if let Err(reason) = readable(config, entry, &rel, diagnostics) {
        return Walked::Skipped(Skipped { path: rel, reason });
    }
    if rel == CONFIG_FILE {
        let reason = "attestor configuration".to_string();
        return Walked::Skipped(Skipped { path: rel, reason });
    }
    if is_template_override(config, &rel) {
        let reason = "a template of the portal (see `templates/`)".to_string();
        return Walked::Skipped(Skipped { path: rel, reason });
    }
    let in_evidence_dir = is_evidence_path(config, &rel);
    let format = format_of(&rel);
    Walked::Read(SourceFile { abs: config.shown_path(&rel), rel, format, in_evidence_dir })
}

/// The file at `rel` (relative to ROOT) as [`discover`] lists it, without
/// walking the tree: `None` where the walk would not read it (a folder on
/// its way pruned, or a symlink, which the walk does not enter; the file
/// excluded, not included, special, a symlink out of ROOT or to a folder,
/// the config, or a template) or would say something of it. `serve` asks
/// it of a file new to the tree.
pub fn one(config: &BuildConfig, rel: &str) -> Option<SourceFile> {
    let parts: Vec<&str> = rel.split('/').collect();
    if parts.iter().any(|part| part.is_empty() || *part == "." || *part == "..") {
        return None;
    }
    // Each folder on the way, as the walk meets it.
    let mut abs = config.root.clone();
    for n in 1..parts.len() {
        abs.push(parts[n - 1]);
        if !std::fs::symlink_metadata(&abs).ok()?.is_dir() {
            return None;
        }
        if !matches!(pruned(config, &abs, &parts[..n].join("/")), Prune::No) {
            return None;
        }
    }
    let entry = WalkDir::new(config.root.join(rel)).follow_links(false).into_iter().next()?.ok()?;
    if entry.file_type().is_dir() {
        return None;
    }
    let mut diagnostics = Vec::new();
    match file_of(config, &entry, rel.to_string(), &mut diagnostics) {
        Walked::Read(file) if diagnostics.is_empty() => Some(file),
        _ => None,
    }
}

/// Whether a file is a template that overrides the theme's: an `.html` file
/// right inside `templates/` beside `attestor.toml` (see
/// [`BuildConfig::templates_dir`]).
fn is_template_override(config: &BuildConfig, rel: &str) -> bool {
    config.templates_dir.is_some()
        && rel
            .strip_prefix(crate::config::TEMPLATES_DIR)
            .and_then(|rest| rest.strip_prefix('/'))
            .is_some_and(|name| !name.contains('/') && extension(name) == "html")
}

/// A walk error as a file not read; the reason names no absolute path.
fn unreadable(config: &BuildConfig, err: &walkdir::Error) -> Skipped {
    let path = err.path().map_or_else(String::new, |p| crate::fs::rel_path(&config.root, p));
    let cause = err.io_error().map_or_else(|| "a symlink loop".to_string(), |io| io.to_string());
    Skipped { path, reason: format!("cannot be read: {cause}") }
}

/// Whether the file an entry names may be opened: `Err` with the reason
/// when it is a special file, or a symlink that leads outside ROOT, to a
/// folder or to a special file. Special files are reported too.
fn readable(
    config: &BuildConfig,
    entry: &DirEntry,
    rel: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(), String> {
    let mut kind = crate::fs::special_kind(entry.file_type());
    if entry.path_is_symlink() {
        let Some(target) = confined_target(&config.root, entry.path()) else {
            return Err("symlink that leads outside the docs folder".to_string());
        };
        // `metadata` is a stat: it never opens the target, so a FIFO cannot block it.
        match target.metadata() {
            Ok(meta) if meta.is_file() => return Ok(()),
            Ok(meta) if meta.is_dir() => {
                return Err("symlink to a folder; links are not followed".to_string());
            }
            Ok(meta) => kind = crate::fs::special_kind(meta.file_type()),
            Err(err) => return Err(format!("cannot be read: {err}")),
        }
    }
    let Some(kind) = kind else { return Ok(()) };
    let what = if entry.path_is_symlink() { format!("a symlink to {kind}") } else { kind.into() };
    diagnostics.push(
        Diagnostic::warning("A170", rel, 0, format!("`{rel}` is {what}; it is never opened"))
            .with_help(
                "special files are no documents; remove it from the docs folder or exclude it",
            ),
    );
    Err(format!("{what}; special files are never opened"))
}

/// When `include` matches no file at all, says so at its line and lists
/// every file it left out, so that a typo in a glob drops nothing silently.
fn report_empty_include(config: &BuildConfig, not_included: Vec<String>, found: &mut Discovered) {
    if config.include.is_none() || not_included.is_empty() {
        return;
    }
    let message = format!(
        "`include` matches no file in the docs folder, so nothing is read; the {} files it leaves out are listed as not read",
        not_included.len()
    );
    found.diagnostics.push(
        Diagnostic::warning("A174", CONFIG_FILE, config.include_line, message)
            .with_help("fix the globs of `include` (paths are relative to the docs folder), or remove it to read everything"),
    );
    let reason = "matched by no `include` glob of attestor.toml";
    found
        .skipped
        .extend(not_included.into_iter().map(|path| Skipped { path, reason: reason.to_string() }));
}

/// What the walk does with a folder.
enum Prune {
    /// Walk into it.
    No,
    /// Leave it out without a word: `.git`, the output, the theme, excludes,
    /// staging folders of attestor's own.
    Silently,
    /// Leave it out and list it with why.
    Listed(String),
}

fn pruned(config: &BuildConfig, abs: &Path, rel: &str) -> Prune {
    let name = abs.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    if name == ".git"
        || abs == config.out
        || config.theme_dir.as_deref() == Some(abs)
        || crate::write::is_staging_name(&name)
        || config.exclude.is_match(rel)
        || config.exclude.is_match(format!("{rel}/"))
    {
        Prune::Silently
    } else if crate::write::is_portal(abs) {
        let reason = format!(
            "a portal attestor wrote (it holds `{}`); output is never read as input",
            crate::write::PORTAL_MARKER
        );
        Prune::Listed(reason)
    } else {
        Prune::No
    }
}

fn is_included(config: &BuildConfig, rel: &str) -> bool {
    config.include.as_ref().is_none_or(|include| include.is_match(rel))
}

/// Whether a file is evidence by where it sits: in an evidence folder or
/// under an evidence glob. A glob the user wrote wins; in a folder, the
/// project's own files (a README, a licence, requirements, tool config, a
/// story's context XML) are pages, not evidence.
pub(crate) fn is_evidence_path(config: &BuildConfig, rel: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_file_is_read_as_the_walk_reads_it() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let write = |rel: &str, text: &str| {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write("attestor.toml", "exclude = [\"drafts/**\", \"*.tmp\"]\n");
        write("plans/a.md", "# A\n");
        write("tests/2026-03-01-unit.log", "ok\n");
        write("tests/x.tmp", "scratch\n");
        write("drafts/b.md", "# B\n");
        write(".git/HEAD", "ref\n");
        write("public/index.html", "<p>\n");
        write(&format!("old-portal/{}", crate::write::PORTAL_MARKER), "{}\n");
        write("old-portal/docs/a.html", "<p>\n");
        write("templates/base.html", "{{ x }}\n");
        write("templates/partials/row.html", "{{ y }}\n");
        write("notes/.hidden.md", "# H\n");
        std::os::unix::fs::symlink(root.join("plans/a.md"), root.join("notes/link.md")).unwrap();
        std::os::unix::fs::symlink(root.join("plans"), root.join("linked-plans")).unwrap();
        std::os::unix::fs::symlink("/etc/hostname", root.join("notes/out.txt")).unwrap();
        let args = crate::config::BuildArgs {
            root: Some(root.to_path_buf()),
            out: Some(root.join("public")),
            ..crate::config::BuildArgs::default()
        };
        let config = crate::config::resolve(&args).unwrap().0;
        let found = discover(&config);
        let mut every = vec!["linked-plans/a.md".to_string(), "no/such.md".to_string()];
        for entry in WalkDir::new(root).follow_links(false).into_iter().flatten() {
            if !entry.file_type().is_dir() {
                every.push(crate::fs::rel_path(root, entry.path()));
            }
        }
        assert!(every.len() > 15, "{every:?}");
        for rel in &every {
            let listed = found.files.iter().find(|f| f.rel == *rel);
            assert_eq!(one(&config, rel).as_ref(), listed, "{rel}");
        }
        assert!(found.files.iter().any(|f| f.rel == "tests/2026-03-01-unit.log"));
    }

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
