//! Watches ROOT and tells the portal what changed, one batch per save.
//!
//! notify reports every write, rename and removal under ROOT; the debouncer
//! folds the events of one save (an editor writes a swap file, renames,
//! touches) into one batch. Reads are not changes (inotify reports each
//! file a build opens), and paths no build reads are left out, so they
//! never cost a rebuild: `.git/`, the output folder and any other portal
//! attestor wrote, staging folders of builds, and editor swap and backup
//! files. A batch the watcher could not follow (its queue overflowed) asks
//! for everything to be read again.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use anyhow::Context as _;
use notify_debouncer_full::notify::{self, EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer_opt};

use crate::serve::cache::Changes;
use crate::write::{PORTAL_MARKER, is_staging_name};

/// How long the events of one save are gathered before the rebuild starts.
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(20);

/// The folders the watch never reports: what `discover` leaves out of
/// every build.
#[derive(Debug, Clone)]
pub(crate) struct Ignored {
    /// ROOT, canonical: the watcher reports paths under it.
    pub(crate) root: PathBuf,
    /// The output folder, absolute.
    pub(crate) out: PathBuf,
}

/// Starts watching ROOT; each batch of changes goes to `send` until the
/// returned watcher is dropped.
pub(crate) fn watch(
    ignored: Ignored,
    send: impl Fn(Changes) + Send + 'static,
) -> anyhow::Result<Debouncer<RecommendedWatcher, RecommendedCache>> {
    let root = ignored.root.clone();
    let handler = move |result: DebounceEventResult| match result {
        Ok(events) => {
            let changes = events.iter().filter(|event| !matches!(event.kind, EventKind::Access(_)));
            let paths: HashSet<String> = changes
                .flat_map(|event| &event.paths)
                .filter_map(|path| ignored.rel_if_read(path))
                .collect();
            if !paths.is_empty() {
                send(Changes::Paths(paths));
            }
        }
        Err(_) => send(Changes::All),
    };
    // A symlinked folder is not followed out of ROOT, as `discover` does not.
    let config = notify::Config::default().with_follow_symlinks(false);
    let mut debouncer = new_debouncer_opt::<_, RecommendedWatcher, _>(
        DEBOUNCE,
        None,
        handler,
        RecommendedCache::new(),
        config,
    )
    .context("cannot watch the docs folder")?;
    debouncer
        .watch(&root, RecursiveMode::Recursive)
        .with_context(|| format!("cannot watch {}", root.display()))?;
    Ok(debouncer)
}

/// A channel's sender as a watch's `send`.
pub(crate) fn to_channel<T: Send + 'static>(
    sender: Sender<T>,
    wrap: fn(Changes) -> T,
) -> impl Fn(Changes) + Send + 'static {
    move |changes| {
        let _ = sender.send(wrap(changes));
    }
}

impl Ignored {
    /// The path relative to ROOT when a build may read it; `None` for the
    /// folders and files every build leaves out.
    fn rel_if_read(&self, path: &Path) -> Option<String> {
        let rel = path.strip_prefix(&self.root).ok()?;
        if path.starts_with(&self.out) {
            return None;
        }
        let mut dir = self.root.clone();
        let parts: Vec<_> = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect();
        let (file, folders) = parts.split_last()?;
        for folder in folders {
            dir.push(folder.as_ref());
            if folder == ".git" || is_staging_name(folder) || dir.join(PORTAL_MARKER).is_file() {
                return None;
            }
        }
        if file == ".git" || is_staging_name(file) || file == PORTAL_MARKER || is_editor_file(file)
        {
            return None;
        }
        Some(parts.join("/"))
    }
}

/// Swap, backup and lock files of editors: vim's `.x.swp` and `4913`,
/// emacs's `#x#` and `.#x`, the `x~` of many.
fn is_editor_file(name: &str) -> bool {
    name.ends_with('~')
        || name == "4913"
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || [".swp", ".swo", ".swx"].iter().any(|ext| name.starts_with('.') && name.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_a_build_reads_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        std::fs::create_dir_all(root.join("site")).unwrap();
        std::fs::write(root.join("site").join(PORTAL_MARKER), "").unwrap();
        let ignored = Ignored { root: root.clone(), out: root.join("public") };
        let rel = |p: &str| ignored.rel_if_read(&root.join(p));
        assert_eq!(rel("plans/a.md"), Some("plans/a.md".to_string()));
        assert_eq!(rel("attestor.toml"), Some("attestor.toml".to_string()));
        for left_out in [
            ".git/index",
            "public/index.html",
            "site/index.html",
            "plans/.a.md.swp",
            "plans/a.md~",
            "plans/.#a.md",
            "plans/#a.md#",
            "plans/4913",
            ".public.attestor-new-12/index.html",
        ] {
            assert_eq!(rel(left_out), None, "{left_out}");
        }
        assert_eq!(ignored.rel_if_read(Path::new("/elsewhere/a.md")), None);
    }
}
