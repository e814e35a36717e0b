//! Writes the portal atomically: into a temporary sibling folder, then a swap.
//!
//! A build that fails at any point leaves the previous output as it was. The
//! output folder is replaced whole, so it must be one attestor wrote (it
//! holds the marker file [`PORTAL_MARKER`]), new, or empty: a folder of other
//! files is refused rather than deleted. On Linux the swap is one
//! `renameat2(RENAME_EXCHANGE)`; elsewhere, or where the filesystem refuses
//! it, two renames. The staging and old folders of a build that was killed
//! are removed by the next build into the same folder, and discovery never
//! reads them.
//!
//! Paths are handled in the form the user gave them (`-o` and ROOT as typed,
//! relative to the working directory), so that every error names them that
//! way and never shows the build machine's absolute paths.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use anyhow::Context as _;
use rayon::prelude::*;

use crate::config::BuildConfig;
use crate::render::{Content, Output};

/// The file every portal holds, by which attestor knows a folder it may
/// replace. Its text is the name and version of the attestor that wrote it.
pub const PORTAL_MARKER: &str = ".attestor-portal";

/// How many bytes of the output folder's name a staging folder's name keeps,
/// so that `.<name>.attestor-new-<pid>` stays within the 255 bytes a file
/// name may have.
const MAX_STEM_BYTES: usize = 200;

/// Writes `outputs` to the output folder, replacing what was there only once
/// all is written.
pub fn write(config: &BuildConfig, outputs: &[Output<'_>]) -> anyhow::Result<()> {
    let staging = Staging::begin(config)?;
    outputs.par_iter().try_for_each(|output| staging.put(output))?;
    staging.finish()
}

/// A portal being written: files go into a staging folder beside the output
/// folder as they are rendered, from any thread, and [`Staging::finish`]
/// swaps it in. Dropped unfinished (an error, a panic), it removes the
/// staging folder and the previous portal stays.
pub struct Staging<'c> {
    /// The build whose ROOT holds the files [`Content::Copy`] names; `None`
    /// for an output no docs tree is built into (`attestor merge`'s).
    config: Option<&'c BuildConfig>,
    out: PathBuf,
    dir: PathBuf,
    old: PathBuf,
    /// The folders made so far, relative to the staging folder.
    made: Mutex<HashSet<String>>,
    finished: bool,
}

impl<'c> Staging<'c> {
    /// Checks that the output folder may be replaced, removes what killed
    /// builds left, and makes the staging folder with the portal's marker.
    pub fn begin(config: &'c BuildConfig) -> anyhow::Result<Staging<'c>> {
        Staging::begin_in(Some(config), &config.out, &config.out_shown)
    }

    /// [`Staging::begin`] for an output folder that no docs tree is built
    /// into (`attestor merge`'s): `out` is absolute, `out_shown` as the user
    /// gave it. The same rules hold: the folder must be new, empty or one
    /// attestor wrote, and it is replaced whole once all is written.
    pub fn begin_at(out: &Path, out_shown: &Path) -> anyhow::Result<Staging<'static>> {
        Staging::begin_in(None, out, out_shown)
    }

    fn begin_in(
        config: Option<&'c BuildConfig>,
        out: &Path,
        out_shown: &Path,
    ) -> anyhow::Result<Staging<'c>> {
        let out = as_given(out, out_shown)?;
        check_replaceable(&out)?;
        let parent = parent_of(&out).to_path_buf();
        crate::fs::create_dir_all(&parent)?;
        let stem = staging_stem(&out);
        remove_leftovers(&parent, &stem)?;
        let pid = std::process::id();
        let dir = parent.join(format!(".{stem}.attestor-new-{pid}"));
        crate::fs::remove_dir_all(&dir)?;
        let staging = Staging {
            config,
            out,
            old: parent.join(format!(".{stem}.attestor-old-{pid}")),
            dir,
            made: Mutex::new(HashSet::new()),
            finished: false,
        };
        crate::fs::create_dir_all(&staging.dir)?;
        // The marker goes first: a staging folder is known as attestor's own
        // from the start, whenever the build is killed.
        let marker = format!("attestor {}\n", env!("CARGO_PKG_VERSION"));
        crate::fs::write(&staging.dir.join(PORTAL_MARKER), marker.as_bytes())?;
        Ok(staging)
    }

    /// Writes one file of the portal into the staging folder.
    pub fn put(&self, output: &Output<'_>) -> anyhow::Result<()> {
        if let Some((folder, _)) = output.rel.rsplit_once('/') {
            // Held while the folder is made, so no thread writes into a
            // folder another is still making.
            let mut made = self.made.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            if !made.contains(folder) {
                crate::fs::create_dir_all(&self.dir.join(folder))?;
                made.insert(folder.to_string());
            }
        }
        let dest = self.dir.join(&output.rel);
        match &output.content {
            Content::Bytes(bytes) => std::fs::write(&dest, bytes)
                .with_context(|| format!("failed to write `{}`", dest.display())),
            Content::Copy(from) => {
                let from = self.config.map_or_else(|| from.clone(), |config| source(config, from));
                crate::fs::copy(&from, &dest)
            }
            Content::Stream(write) => std::fs::File::create(&dest)
                .and_then(|mut file| write(&mut file))
                .with_context(|| format!("failed to write `{}`", dest.display())),
        }
    }

    /// Moves the written portal into place, keeping the old one until that
    /// worked.
    pub fn finish(mut self) -> anyhow::Result<()> {
        self.finished = true;
        swap(&self.out, &self.dir, &self.old)
    }
}

impl Drop for Staging<'_> {
    fn drop(&mut self) {
        if !self.finished {
            let _ = crate::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Whether a folder is a portal attestor wrote: it holds the marker file.
pub fn is_portal(dir: &Path) -> bool {
    dir.join(PORTAL_MARKER).symlink_metadata().is_ok_and(|meta| meta.is_file())
}

/// Whether a folder name is that of a staging or old folder of a build:
/// `.<name>.attestor-new-<pid>` or `.<name>.attestor-old-<pid>`.
pub fn is_staging_name(name: &str) -> bool {
    staging_parts(name).is_some()
}

/// The output folder's name and the pid a staging folder's name holds.
fn staging_parts(name: &str) -> Option<(&str, u32)> {
    let (head, pid) = name.strip_prefix('.')?.rsplit_once('-')?;
    if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let pid = pid.parse().ok()?;
    let stem = head.strip_suffix(".attestor-new").or_else(|| head.strip_suffix(".attestor-old"))?;
    (!stem.is_empty()).then_some((stem, pid))
}

/// The output folder as the user named it, usable for IO: `-o` as typed,
/// or, when that ends in `.` or `..`, the same place through its name.
fn as_given(abs: &Path, shown: &Path) -> anyhow::Result<PathBuf> {
    if matches!(shown.components().next_back(), Some(Component::Normal(_))) {
        return Ok(shown.to_path_buf());
    }
    let name = abs
        .file_name()
        .with_context(|| format!("the output folder `{}` has no parent folder", shown.display()))?;
    Ok(shown.join("..").join(name))
}

/// The folder a path is in; `.` for a bare name.
fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// The output folder's name as staging folders carry it, cut short enough.
fn staging_stem(out: &Path) -> String {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut end = name.len().min(MAX_STEM_BYTES);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    name[..end].to_string()
}

/// Refuses to replace a folder that attestor did not write.
fn check_replaceable(out: &Path) -> anyhow::Result<()> {
    let meta = match std::fs::metadata(out) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        other => other.with_context(|| format!("cannot read output `{}`", out.display()))?,
    };
    anyhow::ensure!(meta.is_dir(), "output `{}` exists and is not a folder", out.display());
    let mut entries =
        std::fs::read_dir(out).with_context(|| format!("failed to read `{}`", out.display()))?;
    let empty = entries.next().is_none();
    anyhow::ensure!(
        empty || is_portal(out),
        "output folder `{}` has files attestor did not write; choose another folder with -o, or empty it",
        out.display()
    );
    Ok(())
}

/// Removes the staging and old folders that killed builds into the same
/// output folder left beside it: folders named exactly
/// `.<name>.attestor-new-<pid>` or `.<name>.attestor-old-<pid>` whose
/// process is gone. Nothing else is touched.
fn remove_leftovers(parent: &Path, stem: &str) -> anyhow::Result<()> {
    let Ok(entries) = std::fs::read_dir(parent) else { return Ok(()) };
    let own = std::process::id();
    let mut leftovers: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_dir()))
        .filter(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            staging_parts(&name).is_some_and(|(s, pid)| s == stem && pid != own && !is_running(pid))
        })
        .map(|entry| parent.join(entry.file_name()))
        .collect();
    leftovers.sort();
    leftovers.iter().try_for_each(|dir| crate::fs::remove_dir_all(dir))
}

/// Whether a process with this id runs, so that the staging folder of a
/// build still under way is left alone. Only Linux can tell cheaply; other
/// systems take every leftover for one of a killed build.
fn is_running(pid: u32) -> bool {
    cfg!(target_os = "linux") && Path::new("/proc").join(pid.to_string()).exists()
}

/// A file of the docs tree to copy, named the way the user names it.
fn source(config: &BuildConfig, from: &Path) -> PathBuf {
    match from.strip_prefix(&config.root) {
        Ok(_) => config.shown_path(&crate::fs::rel_path(&config.root, from)),
        Err(_) => from.to_path_buf(),
    }
}

/// Moves the new folder into place, keeping the old one until that worked.
fn swap(out: &Path, staging: &Path, old: &Path) -> anyhow::Result<()> {
    if out.symlink_metadata().is_err() {
        return crate::fs::rename(staging, out);
    }
    match crate::fs::exchange(staging, out) {
        // The staging folder's name now holds the previous portal.
        Ok(true) => return crate::fs::remove_dir_all(staging),
        Ok(false) => {}
        Err(err) => {
            let _ = crate::fs::remove_dir_all(staging);
            return Err(err);
        }
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
    use crate::config::{BuildArgs, resolve};

    fn page(rel: &str, text: &str) -> Output<'static> {
        Output { rel: rel.to_string(), content: Content::Bytes(text.as_bytes().to_vec()) }
    }

    /// A docs folder and the config of a build of it into `out`.
    fn config(dir: &Path, out: &Path) -> BuildConfig {
        std::fs::create_dir_all(dir.join("docs")).unwrap();
        let args = BuildArgs {
            root: Some(dir.join("docs")),
            out: Some(out.to_path_buf()),
            ..BuildArgs::default()
        };
        resolve(&args).unwrap().0
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_previous_output_whole() {
        let dir = tempfile::tempdir().unwrap();
        let config = config(dir.path(), &dir.path().join("public"));
        write(&config, &[page("status.json", "{}"), page("old.html", "old")]).unwrap();
        write(&config, &[page("status.json", "{}"), page("docs/a.html", "new")]).unwrap();
        let out = dir.path().join("public");
        assert!(!out.join("old.html").exists());
        assert_eq!(std::fs::read_to_string(out.join("docs/a.html")).unwrap(), "new");
        assert_eq!(names_in(dir.path()), ["docs", "public"], "no staging folders are left");
    }

    #[test]
    fn every_portal_carries_the_marker() {
        let dir = tempfile::tempdir().unwrap();
        let config = config(dir.path(), &dir.path().join("public"));
        write(&config, &[page("index.html", "hi")]).unwrap();
        let marker = std::fs::read_to_string(dir.path().join("public").join(PORTAL_MARKER));
        assert_eq!(marker.unwrap(), format!("attestor {}\n", env!("CARGO_PKG_VERSION")));
    }

    #[test]
    fn failed_write_leaves_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let config = config(dir.path(), &out);
        write(&config, &[page("status.json", "{\"v\":1}")]).unwrap();
        let missing = Output {
            rel: "files/x.png".into(),
            content: Content::Copy(config.root.join("nope.png")),
        };
        let err = write(&config, &[page("status.json", "{\"v\":2}"), missing]).unwrap_err();
        let shown = dir.path().join("docs/nope.png");
        let expected = format!("failed to copy `{}` to `", shown.display());
        assert!(format!("{err:#}").starts_with(&expected), "{err:#}");
        assert_eq!(std::fs::read_to_string(out.join("status.json")).unwrap(), "{\"v\":1}");
        assert_eq!(names_in(dir.path()), ["docs", "public"]);
    }

    #[test]
    fn refuses_to_replace_a_folder_of_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("mine");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("notes.md"), "mine").unwrap();
        let err = write(&config(dir.path(), &out), &[page("status.json", "{}")]).unwrap_err();
        assert!(err.to_string().contains("has files attestor did not write"), "{err}");
        assert_eq!(names_in(&out), ["notes.md"]);
    }

    // See: issue 9 (a folder holding a file named status.json was taken for a portal).
    #[test]
    fn refuses_a_folder_with_status_json_but_no_marker() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("reports");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("status.json"), "{}").unwrap();
        std::fs::write(out.join("budget.xlsx"), "mine").unwrap();
        let err = write(&config(dir.path(), &out), &[page("status.json", "{}")]).unwrap_err();
        assert!(err.to_string().contains("has files attestor did not write"), "{err}");
        assert_eq!(names_in(&out), ["budget.xlsx", "status.json"]);
    }

    #[test]
    fn removes_leftovers_of_killed_builds_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let config = config(dir.path(), &dir.path().join("public"));
        let keep = [".public.attestor-new-", ".public.attestor-new-12x", ".other.attestor-old-7"];
        let gone = [".public.attestor-new-99999999", ".public.attestor-old-99999998"];
        for name in keep.iter().chain(&gone) {
            std::fs::create_dir(dir.path().join(name)).unwrap();
        }
        write(&config, &[page("index.html", "hi")]).unwrap();
        let mut expected: Vec<&str> = keep.to_vec();
        expected.extend(["docs", "public"]);
        expected.sort();
        assert_eq!(names_in(dir.path()), expected);
    }

    #[test]
    fn staging_names_are_recognised_exactly() {
        assert_eq!(staging_parts(".public.attestor-new-42"), Some(("public", 42)));
        assert_eq!(staging_parts(".a.b.attestor-old-7"), Some(("a.b", 7)));
        for name in [
            ".public.attestor-new-",
            "public.attestor-new-1",
            "..attestor-new-1",
            ".x.attestor-tmp-1",
            ".x.attestor-new--1",
        ] {
            assert_eq!(staging_parts(name), None, "{name}");
        }
    }

    #[test]
    fn long_output_names_keep_staging_names_short() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("p".repeat(250));
        write(&config(dir.path(), &out), &[page("index.html", "hi")]).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "hi");
    }
}
