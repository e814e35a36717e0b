//! Reads the history of the docs from git, through the `git` program.
//!
//! This is the IO side of the task history (`crate::history` decides what
//! the versions mean): the commits that touched ROOT, newest first and at
//! most a given number, and the bytes of files as a commit left them. Only
//! paths inside ROOT are ever asked for, so nothing outside the docs folder
//! of ROOT's own repository is read.
//!
//! The `git` program is used rather than a library (gix): it is on every
//! machine that has a repository to read, and it keeps attestor's binary
//! and first build small. It is run so that nothing of the repository's
//! configuration runs a program: no pager, no signature check, no text
//! conversion or external diff, no repository named by `GIT_DIR` and the
//! like from the environment.

use std::io::{BufReader, Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The largest version of a file that is read; a bigger one is passed over.
pub const MAX_BLOB_BYTES: u64 = 16 * 1024 * 1024;

/// The repository that holds ROOT.
#[derive(Debug, Clone)]
pub struct Repo {
    /// ROOT, where git runs.
    root: PathBuf,
    /// ROOT's path inside the repository, with a trailing `/`, or empty at
    /// its top.
    prefix: String,
}

/// One commit that touched the docs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// The full hash.
    pub hash: String,
    /// The author's date, `YYYY-MM-DD`, in the author's own time zone.
    pub date: String,
    /// The author's name.
    pub author: String,
    /// The files it changed, relative to ROOT, sorted.
    pub paths: Vec<String>,
}

/// Why the history cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// ROOT is in no repository (or git refuses it, as it does one owned
    /// by another user); git's own words.
    NotARepository(String),
    /// The `git` program cannot be run.
    NoGit(String),
    /// git ran and failed; its words.
    Failed(String),
}

/// A `git` command in ROOT that ignores the environment's repository
/// settings and runs nothing the repository configures.
fn git(root: &Path) -> Command {
    let mut command = Command::new("git");
    command.current_dir(root);
    for var in [
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES",
        "GIT_NAMESPACE",
        "GIT_CEILING_DIRECTORIES",
        "GIT_EXTERNAL_DIFF",
        "GIT_PAGER",
        "PAGER",
        "GIT_CONFIG_PARAMETERS",
        "GIT_CONFIG_COUNT",
    ] {
        command.env_remove(var);
    }
    command.env("GIT_TERMINAL_PROMPT", "0").env("GIT_OPTIONAL_LOCKS", "0");
    command.args(["--no-pager", "-c", "log.showSignature=false", "-c", "core.fsmonitor=false"]);
    command.stdin(Stdio::null()).stderr(Stdio::piped());
    command
}

/// Runs a command to its end and returns its output, or git's words.
fn run(mut command: Command) -> Result<Vec<u8>, Unreadable> {
    let output = command
        .stdout(Stdio::piped())
        .output()
        .map_err(|err| Unreadable::NoGit(format!("the `git` program cannot be run: {err}")))?;
    finished(output)
}

/// A finished command's output, or git's words when it failed.
fn finished(output: std::process::Output) -> Result<Vec<u8>, Unreadable> {
    if output.status.success() {
        Ok(output.stdout)
    } else {
        let words = String::from_utf8_lossy(&output.stderr);
        let words = words.lines().find(|l| !l.trim().is_empty()).unwrap_or("git failed");
        Err(Unreadable::Failed(words.trim().to_string()))
    }
}

impl Repo {
    /// The repository that holds ROOT.
    pub fn open(root: &Path) -> Result<Repo, Unreadable> {
        let mut command = git(root);
        command.args(["rev-parse", "--show-prefix"]);
        let prefix = match run(command) {
            Ok(out) => String::from_utf8_lossy(&out).trim_end_matches('\n').to_string(),
            Err(Unreadable::Failed(words)) => return Err(Unreadable::NotARepository(words)),
            Err(other) => return Err(other),
        };
        Ok(Repo { root: root.to_path_buf(), prefix })
    }

    /// The newest `limit` commits reachable from HEAD that touched ROOT,
    /// newest first, and whether older ones were left out. A repository
    /// with no commit yet has none.
    pub fn commits(&self, limit: usize) -> Result<(Vec<Commit>, bool), Unreadable> {
        let mut command = git(&self.root);
        // One more than asked says whether there are older ones.
        command.args([
            "log",
            &format!("--max-count={}", limit + 1),
            "--no-renames",
            "--no-textconv",
            "--no-ext-diff",
            "--no-color",
            "--date=short",
            "--format=%x1e%H%x1f%ad%x1f%an%x1f",
            "--name-only",
            "-z",
            "HEAD",
            "--",
            ".",
        ]);
        let out = match run(command) {
            Ok(out) => out,
            // A repository whose HEAD names no commit yet has no history.
            Err(Unreadable::Failed(words)) if self.is_unborn() => {
                let _ = words;
                return Ok((Vec::new(), false));
            }
            Err(err) => return Err(err),
        };
        let mut commits = parse_log(&out, &self.prefix);
        let truncated = commits.len() > limit;
        commits.truncate(limit);
        Ok((commits, truncated))
    }

    /// Whether the repository is a shallow clone (CI checks out one commit
    /// by default), whose oldest commits have no parents to compare with.
    pub fn is_shallow(&self) -> bool {
        let mut command = git(&self.root);
        command.args(["rev-parse", "--is-shallow-repository"]);
        run(command).is_ok_and(|out| out.starts_with(b"true"))
    }

    /// The full hash of the commit HEAD names; `None` when HEAD names no
    /// commit yet or git cannot tell.
    pub fn head(&self) -> Option<String> {
        let mut command = git(&self.root);
        command.args(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]);
        let out = run(command).ok()?;
        let hash = String::from_utf8_lossy(&out).trim().to_string();
        (!hash.is_empty()).then_some(hash)
    }

    /// Whether HEAD names no commit yet.
    fn is_unborn(&self) -> bool {
        let mut command = git(&self.root);
        command.args(["rev-parse", "--verify", "--quiet", "HEAD"]);
        run(command).is_err()
    }

    /// The bytes of each file as its commit left it, in the order asked:
    /// `None` where the commit deleted it, where it is over
    /// [`MAX_BLOB_BYTES`], or where its name cannot be asked for. Paths are
    /// relative to ROOT, so only files inside it are read.
    pub fn read_versions(
        &self,
        versions: &[(&str, &str)],
    ) -> Result<Vec<Option<Vec<u8>>>, Unreadable> {
        let mut command = git(&self.root);
        command.args(["cat-file", "--batch"]).stdin(Stdio::piped()).stdout(Stdio::piped());
        let mut child = command
            .spawn()
            .map_err(|err| Unreadable::NoGit(format!("the `git` program cannot be run: {err}")))?;
        let mut stdin = child.stdin.take().expect("stdin is piped");
        let prefix = self.prefix.clone();
        // Ask for every version at once from a thread, so that git never
        // waits on a full pipe while this side waits on git.
        let asks: Vec<Option<String>> = versions
            .iter()
            .map(|(hash, path)| {
                let askable = !path.contains(['\n', '\r']) && !path.starts_with("../");
                askable.then(|| format!("{hash}:{prefix}{path}\n"))
            })
            .collect();
        let lines: Vec<String> = asks.iter().flatten().cloned().collect();
        let writer = std::thread::spawn(move || {
            for line in lines {
                if stdin.write_all(line.as_bytes()).is_err() {
                    break;
                }
            }
        });
        let mut reader = BufReader::new(child.stdout.take().expect("stdout is piped"));
        let mut found = Vec::with_capacity(versions.len());
        for ask in &asks {
            if ask.is_none() {
                found.push(None);
                continue;
            }
            found.push(read_one(&mut reader).map_err(|err| Unreadable::Failed(err.to_string()))?);
        }
        let _ = writer.join();
        drop(reader);
        let _ = child.wait();
        Ok(found)
    }
}

/// What the repository holds under a hash a document names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Object {
    /// A commit, by its full hash.
    Commit(String),
    /// No commit: no object at all, or one that is not a commit.
    Missing,
    /// The abbreviation fits more than one commit.
    Ambiguous,
}

/// A commit's author date (`YYYY-MM-DD`) and the first line of its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitInfo {
    /// The author date, in the author's own time zone.
    pub date: String,
    /// The first line of the message.
    pub subject: String,
}

impl Repo {
    /// The commit each hash names, in the order asked. Each must be 4 to
    /// 40 hex digits; anything else is [`Object::Missing`] unasked.
    pub fn commits_named(&self, hashes: &[&str]) -> Result<Vec<Object>, Unreadable> {
        let askable =
            |h: &str| (4..=40).contains(&h.len()) && h.bytes().all(|b| b.is_ascii_hexdigit());
        let input: String =
            hashes.iter().filter(|h| askable(h)).map(|h| format!("{h}^{{commit}}\n")).collect();
        let mut command = git(&self.root);
        command.args(["cat-file", "--batch-check=%(objectname) %(objecttype)"]);
        let out = run_with_input(command, input)?;
        let text = String::from_utf8_lossy(&out);
        let mut answers = text.lines();
        let mut found = Vec::with_capacity(hashes.len());
        for hash in hashes {
            if !askable(hash) {
                found.push(Object::Missing);
                continue;
            }
            let answer = answers.next().unwrap_or("");
            found.push(match answer.split_once(' ') {
                Some((full, "commit")) => Object::Commit(full.to_string()),
                Some((_, "ambiguous")) => Object::Ambiguous,
                _ => Object::Missing,
            });
        }
        Ok(found)
    }

    /// The author date and subject of each of these commits (full hashes),
    /// by full hash.
    pub fn commit_info(
        &self,
        fulls: &[&str],
    ) -> Result<std::collections::HashMap<String, CommitInfo>, Unreadable> {
        if fulls.is_empty() {
            return Ok(std::collections::HashMap::new());
        }
        let input: String = fulls.iter().map(|h| format!("{h}\n")).collect();
        let mut command = git(&self.root);
        command.args([
            "log",
            "--no-walk=unsorted",
            "--stdin",
            "--no-color",
            "--date=short",
            "--format=%H%x1f%ad%x1f%s%x1e",
        ]);
        let out = run_with_input(command, input)?;
        let text = String::from_utf8_lossy(&out);
        Ok(text
            .split('\u{1e}')
            .filter_map(|record| {
                let mut fields = record.trim_start_matches('\n').splitn(3, '\u{1f}');
                let (hash, date, subject) = (fields.next()?, fields.next()?, fields.next()?);
                let info = CommitInfo { date: date.to_string(), subject: subject.to_string() };
                (!hash.is_empty()).then(|| (hash.to_string(), info))
            })
            .collect())
    }

    /// The full hash of every commit reachable from HEAD.
    pub fn reachable(&self) -> Result<std::collections::HashSet<String>, Unreadable> {
        let mut command = git(&self.root);
        command.args(["rev-list", "HEAD"]);
        let out = run(command)?;
        Ok(String::from_utf8_lossy(&out).lines().map(str::to_string).collect())
    }
}

/// Runs a command with `input` on its standard input, written from a
/// thread so that git never waits on a full pipe while this side waits on
/// git; its output, or git's words.
fn run_with_input(mut command: Command, input: String) -> Result<Vec<u8>, Unreadable> {
    command.stdin(Stdio::piped()).stdout(Stdio::piped());
    let mut child = command
        .spawn()
        .map_err(|err| Unreadable::NoGit(format!("the `git` program cannot be run: {err}")))?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let output = child.wait_with_output().map_err(|err| Unreadable::Failed(err.to_string()))?;
    let _ = writer.join();
    finished(output)
}

/// Reads one answer of `git cat-file --batch`: a header line, then for a
/// blob its bytes and a newline.
fn read_one(reader: &mut impl std::io::BufRead) -> std::io::Result<Option<Vec<u8>>> {
    let mut header = String::new();
    if reader.read_line(&mut header)? == 0 {
        return Err(std::io::Error::other("git stopped answering"));
    }
    let header = header.trim_end();
    // `<name> missing`, `<name> ambiguous`: no such file at that commit (the
    // name may hold spaces, so its end decides).
    if header.ends_with(" missing") || header.ends_with(" ambiguous") {
        return Ok(None);
    }
    let fields: Vec<&str> = header.split(' ').collect();
    let size = match fields.as_slice() {
        [_, kind, size] => {
            let size: u64 = size.parse().map_err(std::io::Error::other)?;
            if *kind != "blob" {
                skip(reader, size + 1)?;
                return Ok(None);
            }
            size
        }
        _ => return Err(std::io::Error::other(format!("git answered `{header}`"))),
    };
    if size > MAX_BLOB_BYTES {
        skip(reader, size + 1)?;
        return Ok(None);
    }
    let mut bytes = vec![0; size as usize];
    reader.read_exact(&mut bytes)?;
    skip(reader, 1)?;
    Ok(Some(bytes))
}

/// Reads and drops `n` bytes.
fn skip(reader: &mut impl std::io::BufRead, n: u64) -> std::io::Result<()> {
    std::io::copy(&mut reader.take(n), &mut std::io::sink()).map(|_| ())
}

/// The commits of `git log --format=%x1e%H%x1f%ad%x1f%an%x1f --name-only -z`,
/// with paths made relative to ROOT (`prefix` is ROOT inside the repository).
fn parse_log(out: &[u8], prefix: &str) -> Vec<Commit> {
    let text = String::from_utf8_lossy(out);
    let mut commits = Vec::new();
    for record in text.split('\u{1e}').filter(|r| !r.is_empty()) {
        let mut fields = record.splitn(4, '\u{1f}');
        let (Some(hash), Some(date), Some(author)) = (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let mut paths: Vec<String> = fields
            .next()
            .unwrap_or("")
            .split('\0')
            .map(|p| p.trim_start_matches('\n'))
            .filter(|p| !p.is_empty())
            .filter_map(|p| p.strip_prefix(prefix))
            .map(str::to_string)
            .collect();
        paths.sort();
        paths.dedup();
        commits.push(Commit {
            hash: hash.trim().to_string(),
            date: date.to_string(),
            author: author.to_string(),
            paths,
        });
    }
    commits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_records_split_into_commits_with_paths_inside_root() {
        let out = b"\x1eaaaa\x1f2026-03-04\x1fDana Ortiz\x1f\ndocs/plan.md\0other/x.md\0\x1ebbbb\x1f2026-03-01\x1fLee\x1f\0";
        let commits = parse_log(out, "docs/");
        assert_eq!(
            commits,
            [
                Commit {
                    hash: "aaaa".into(),
                    date: "2026-03-04".into(),
                    author: "Dana Ortiz".into(),
                    paths: vec!["plan.md".into()],
                },
                Commit {
                    hash: "bbbb".into(),
                    date: "2026-03-01".into(),
                    author: "Lee".into(),
                    paths: vec![],
                },
            ]
        );
    }

    #[test]
    fn batch_answers_are_read_one_by_one() {
        let answers = b"1111 blob 5\nhello\n2222:my notes.md missing\n3333 tree 3\nabc\n";
        let mut reader = std::io::Cursor::new(&answers[..]);
        assert_eq!(read_one(&mut reader).unwrap(), Some(b"hello".to_vec()));
        assert_eq!(read_one(&mut reader).unwrap(), None);
        assert_eq!(read_one(&mut reader).unwrap(), None);
        assert!(read_one(&mut reader).is_err());
    }
}
