//! Thin wrappers over `std::fs` whose errors name the path.
//!
//! Every read and write of the pipeline goes through here, so an IO failure
//! always says which file it was about. The path named is the one the caller
//! passed: callers pass paths in the form the user gave them (ROOT and `-o`
//! as typed), so that no message shows the build machine's absolute paths.
//! What to do about the failure is the caller's business.

use std::fs::FileType;
use std::path::Path;

use anyhow::Context as _;

/// Reads a whole file as bytes.
pub fn read(path: &Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("failed to read `{}`", path.display()))
}

/// Opens a file to read it as a stream (to hash a file of any size in
/// bounded memory).
pub fn open(path: &Path) -> anyhow::Result<std::fs::File> {
    std::fs::File::open(path).with_context(|| format!("failed to open `{}`", path.display()))
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

/// Copies a file's bytes to `to`.
pub fn copy(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::copy(from, to)
        .map(|_| ())
        .with_context(|| format!("failed to copy `{}` to `{}`", from.display(), to.display()))
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

/// Swaps two existing paths in one step, so that no moment sees neither.
///
/// Returns `Ok(false)` where the platform or the filesystem cannot (Linux
/// before 3.15, a filesystem without `RENAME_EXCHANGE`, other systems); the
/// caller then falls back to two renames.
pub fn exchange(a: &Path, b: &Path) -> anyhow::Result<bool> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;
        match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
            Ok(()) => Ok(true),
            Err(Errno::INVAL | Errno::NOSYS) => Ok(false),
            Err(err) => Err(std::io::Error::from(err))
                .with_context(|| format!("failed to swap `{}` and `{}`", a.display(), b.display())),
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (a, b);
        Ok(false)
    }
}

/// What a special file is, for the reason it is never opened: `None` for
/// regular files, folders and symlinks. Opening a FIFO blocks until someone
/// writes to it, and a device or a socket is no document, so the pipeline
/// never opens any of them.
pub fn special_kind(file_type: FileType) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
        if file_type.is_block_device() {
            return Some("a block device");
        }
        if file_type.is_char_device() {
            return Some("a character device");
        }
    }
    let regular = file_type.is_file() || file_type.is_dir() || file_type.is_symlink();
    (!regular).then_some("a special file")
}

/// The relative path of `abs` under `root`, with `/` separators.
pub fn rel_path(root: &Path, abs: &Path) -> String {
    let rel = abs.strip_prefix(root).unwrap_or(abs);
    let parts: Vec<_> = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect();
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn names_special_files_without_opening_them() {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("s");
        let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
        let kind = |path: &Path| special_kind(std::fs::symlink_metadata(path).unwrap().file_type());
        assert_eq!(kind(&socket), Some("a socket"));
        assert_eq!(kind(Path::new("/dev/null")), Some("a character device"));
        assert_eq!(kind(dir.path()), None);
    }

    #[test]
    fn exchange_swaps_two_folders_or_says_it_cannot() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        write(&a.join("one"), b"1").unwrap();
        write(&b.join("two"), b"2").unwrap();
        if exchange(&a, &b).unwrap() {
            assert!(a.join("two").is_file() && b.join("one").is_file());
        } else {
            assert!(a.join("one").is_file() && b.join("two").is_file());
        }
    }
}
