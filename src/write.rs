//! Writes the portal atomically: into a temporary sibling folder, then a swap.
//!
//! A build that fails at any point leaves the previous output as it was. The
//! output folder is replaced whole, so it must be one attestor wrote (or new,
//! or empty): a folder of other files is refused rather than deleted.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use rayon::prelude::*;

use crate::render::{Content, Output};

/// A file every portal has, by which an earlier output folder is recognised.
const MARKER_FILE: &str = "status.json";

/// Writes `outputs` to `out`, replacing what was there only once all is written.
pub fn write(out: &Path, outputs: &[Output]) -> anyhow::Result<()> {
    check_replaceable(out)?;
    let parent = out.parent().context("the output folder has no parent folder")?;
    crate::fs::create_dir_all(parent)?;
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let pid = std::process::id();
    let staging = parent.join(format!(".{name}.attestor-new-{pid}"));
    crate::fs::remove_dir_all(&staging)?;
    if let Err(err) = write_all(&staging, outputs) {
        let _ = crate::fs::remove_dir_all(&staging);
        return Err(err);
    }
    swap(out, &staging, &parent.join(format!(".{name}.attestor-old-{pid}")))
}

/// Refuses to replace a folder that attestor did not write.
fn check_replaceable(out: &Path) -> anyhow::Result<()> {
    if !out.exists() {
        return Ok(());
    }
    anyhow::ensure!(out.is_dir(), "output `{}` exists and is not a folder", out.display());
    let mut entries =
        std::fs::read_dir(out).with_context(|| format!("failed to read `{}`", out.display()))?;
    let empty = entries.next().is_none();
    anyhow::ensure!(
        empty || out.join(MARKER_FILE).is_file(),
        "output folder `{}` has files attestor did not write; choose another folder with -o, or empty it",
        out.display()
    );
    Ok(())
}

fn write_all(staging: &Path, outputs: &[Output]) -> anyhow::Result<()> {
    let mut dirs: Vec<PathBuf> = outputs
        .iter()
        .filter_map(|o| staging.join(&o.rel).parent().map(Path::to_path_buf))
        .collect();
    dirs.sort();
    dirs.dedup();
    crate::fs::create_dir_all(staging)?;
    for dir in &dirs {
        crate::fs::create_dir_all(dir)?;
    }
    outputs.par_iter().try_for_each(|output| {
        let dest = staging.join(&output.rel);
        match &output.content {
            Content::Bytes(bytes) => std::fs::write(&dest, bytes)
                .with_context(|| format!("failed to write `{}`", dest.display())),
            Content::Copy(from) => std::fs::copy(from, &dest).map(|_| ()).with_context(|| {
                format!("failed to copy `{}` to `{}`", from.display(), dest.display())
            }),
        }
    })
}

/// Moves the new folder into place, keeping the old one until that worked.
fn swap(out: &Path, staging: &Path, old: &Path) -> anyhow::Result<()> {
    if !out.exists() {
        return crate::fs::rename(staging, out);
    }
    crate::fs::remove_dir_all(old)?;
    crate::fs::rename(out, old)?;
    if let Err(err) = crate::fs::rename(staging, out) {
        let _ = crate::fs::rename(old, out);
        let _ = crate::fs::remove_dir_all(staging);
        return Err(err);
    }
    crate::fs::remove_dir_all(old)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(rel: &str, text: &str) -> Output {
        Output { rel: rel.to_string(), content: Content::Bytes(text.as_bytes().to_vec()) }
    }

    #[test]
    fn replaces_previous_output_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, &[page("status.json", "{}"), page("old.html", "old")]).unwrap();
        write(&out, &[page("status.json", "{}"), page("docs/a.html", "new")]).unwrap();
        assert!(!out.join("old.html").exists());
        assert_eq!(std::fs::read_to_string(out.join("docs/a.html")).unwrap(), "new");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folders are left behind");
    }

    #[test]
    fn failed_write_leaves_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, &[page("status.json", "{\"v\":1}")]).unwrap();
        let missing = Output {
            rel: "files/x.png".into(),
            content: Content::Copy(dir.path().join("nope.png")),
        };
        let err = write(&out, &[page("status.json", "{\"v\":2}"), missing]).unwrap_err();
        assert!(format!("{err:#}").starts_with("failed to copy `"), "{err:#}");
        assert_eq!(std::fs::read_to_string(out.join("status.json")).unwrap(), "{\"v\":1}");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
    }

    #[test]
    fn refuses_to_replace_a_folder_of_other_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.md"), "mine").unwrap();
        let err = write(dir.path(), &[page("status.json", "{}")]).unwrap_err();
        assert!(err.to_string().contains("has files attestor did not write"), "{err}");
        assert!(dir.path().join("notes.md").exists());
    }
}
