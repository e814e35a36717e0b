//! Thin wrappers over `std::fs` whose errors name the path.
//!
//! Every read and write of the pipeline goes through here, so an IO failure
//! always says which file it was about. What to do about the failure is the
//! caller's business.

use std::path::Path;

use anyhow::Context as _;

/// Reads a whole file as bytes.
pub fn read(path: &Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("failed to read `{}`", path.display()))
}

/// Reads a whole file as UTF-8 text.
pub fn read_to_string(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("failed to read `{}`", path.display()))
}

/// Writes a file, creating its parent folders.
pub fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    std::fs::write(path, bytes).with_context(|| format!("failed to write `{}`", path.display()))
}

/// Creates a folder and its parents.
pub fn create_dir_all(path: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(path)
        .with_context(|| format!("failed to create folder `{}`", path.display()))
}

/// Removes a folder and everything in it; a folder that is not there is fine.
pub fn remove_dir_all(path: &Path) -> anyhow::Result<()> {
    match std::fs::remove_dir_all(path) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
            Err(err).with_context(|| format!("failed to remove folder `{}`", path.display()))
        }
        _ => Ok(()),
    }
}

/// Renames a file or folder.
pub fn rename(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::rename(from, to)
        .with_context(|| format!("failed to move `{}` to `{}`", from.display(), to.display()))
}

/// The relative path of `abs` under `root`, with `/` separators.
pub fn rel_path(root: &Path, abs: &Path) -> String {
    let rel = abs.strip_prefix(root).unwrap_or(abs);
    let parts: Vec<_> = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect();
    parts.join("/")
}
