//! The command line: raw flags as clap parses them.
//!
//! Each flag's doc comment is its `--help` text. Flags are resolved into a
//! `BuildConfig` by `crate::config`; nothing here decides what they mean.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// What `attestor build --help` says about exit codes.
const BUILD_EXIT_CODES: &str = "\
Exit codes:
  0   the portal was built (problems in the docs never stop a build)
  1   --strict, and the docs have errors or warnings: nothing was published
  2   attestor could not run (ROOT missing, unreadable config, broken theme,
      output folder not writable)
  64  usage error (unknown flag, bad value)";

/// What `attestor check --help` says about exit codes.
const CHECK_EXIT_CODES: &str = "\
Exit codes:
  0   no errors (and no warnings, with --deny warnings)
  1   the docs have errors, or warnings with --deny warnings; with
      --against, evidence changed, gone or unreadable since it was published
  2   attestor could not run (ROOT missing, unreadable config; the
      --against file cannot be read or fetched, or is not a provenance.json)
  64  usage error (unknown flag, bad value)";

/// What `attestor init --help` says about exit codes.
const INIT_EXIT_CODES: &str = "\
Exit codes:
  0   attestor.toml (and the example tree) was written
  2   nothing was written: DIR already has an attestor.toml, an example
      file's path is taken, or DIR cannot be written
  64  usage error (unknown flag, bad value)";

/// What `attestor serve --help` says about exit codes.
const SERVE_EXIT_CODES: &str = "\
Exit codes:
  2   attestor could not start (ROOT missing, the port taken, ROOT cannot
      be watched); once serving, it runs until Ctrl-C
  64  usage error (unknown flag, bad value)";

/// What `attestor merge --help` says about exit codes.
const MERGE_EXIT_CODES: &str = "\
Exit codes:
  0   every STATUS was merged into the portal written to DIR
  1   a STATUS could not be read (missing, not JSON, another schema): the
      others were merged, or nothing was written if none could be read
  2   attestor could not run (DIR is or holds a portal that is read, DIR
      has files attestor did not write, DIR not writable)
  64  usage error (unknown flag, no STATUS, no -o)";

/// attestor builds a static portal from a team's governance docs: plans,
/// session logs, trackers, test and deploy logs. It shows every task's status
/// and whether the evidence backs it.
#[derive(Debug, Parser)]
#[command(name = "attestor", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,

    /// Print only errors and the summary line: no warnings, no progress.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Print every problem (build prints the first 20 otherwise), the
    /// config file read, the number of files written and how long each
    /// stage of a build took.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

/// How much a command prints on stderr besides its summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    /// `--quiet`: errors and the summary line.
    Quiet,
    /// Diagnostics (build: the first 20), progress on a terminal.
    Normal,
    /// `--verbose`: every diagnostic, the config read, the files written.
    Verbose,
}

impl Cli {
    /// The verbosity the flags ask for.
    pub fn verbosity(&self) -> Verbosity {
        match (self.quiet, self.verbose) {
            (true, _) => Verbosity::Quiet,
            (false, true) => Verbosity::Verbose,
            (false, false) => Verbosity::Normal,
        }
    }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the portal (the CI job).
    #[command(after_help = BUILD_EXIT_CODES)]
    Build(BuildFlags),
    /// Read the docs and report their problems with the lines they are on;
    /// write nothing (the pull-request gate).
    #[command(after_help = CHECK_EXIT_CODES)]
    Check(CheckFlags),
    /// Serve the portal on 127.0.0.1 from memory, rebuild it when a file
    /// under ROOT changes, and reload the open page. Writes nothing; a
    /// build that fails keeps the last good portal and shows its error on
    /// every page.
    #[command(after_help = SERVE_EXIT_CODES)]
    Serve(ServeFlags),
    /// Start a docs tree: write a commented attestor.toml with every setting
    /// at its default and what the tree suggests (id patterns, owners spelt
    /// several ways, folders of tool output), and a small example tree when
    /// DIR has no markdown. Never overwrites a file.
    #[command(after_help = INIT_EXIT_CODES)]
    Init(InitFlags),
    /// Merge the status.json of several repositories' portals into one
    /// organisation portal in DIR: a dashboard with a row per repository,
    /// every task in one table with its id namespaced by repository
    /// (`billing/T-001`), each linked to its repository's portal. Reads
    /// the status.json files only, never the docs.
    #[command(after_help = MERGE_EXIT_CODES)]
    Merge(MergeFlags),
    /// Print the shell completion script for SHELL on stdout, e.g.
    /// `attestor completions bash > ~/.local/share/bash-completion/completions/attestor`.
    Completions(CompletionsFlags),
    /// Print a man page on stdout: attestor's, or a command's
    /// (`attestor man build > attestor-build.1`).
    Man(ManFlags),
}

/// Flags of `attestor completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsFlags {
    /// The shell to complete in.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// Flags of `attestor man`.
#[derive(Debug, clap::Args)]
pub struct ManFlags {
    /// The command whose page to print [default: attestor's own, which
    /// lists the commands].
    #[arg(value_name = "COMMAND", value_parser = ["build", "check", "serve", "init", "merge", "completions", "man"])]
    pub command: Option<String>,
}

/// Flags of `attestor init`.
#[derive(Debug, clap::Args)]
pub struct InitFlags {
    /// The folder to start [default: the current folder]; created when
    /// missing.
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Flags of `attestor merge`.
#[derive(Debug, clap::Args)]
pub struct MergeFlags {
    /// A portal's status.json, or the folder that holds it
    /// (`billing/public`). Each is a repository, named by the folder that
    /// holds its status.json, or by that folder's parent when it is named
    /// public, site, _site, dist or out; a name taken twice gets -2, -3.
    #[arg(value_name = "STATUS", required = true)]
    pub inputs: Vec<PathBuf>,

    /// Where to write the organisation portal: created, or replaced whole
    /// once the new one is written if attestor wrote it. Never one of the
    /// portals read.
    #[arg(short = 'o', long = "output", value_name = "DIR", required = true)]
    pub out: PathBuf,

    /// The organisation portal's title [default: Organisation status].
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
}

/// Flags of `attestor build`.
#[derive(Debug, clap::Args)]
pub struct BuildFlags {
    /// The docs folder to read [default: the current folder].
    #[arg(value_name = "ROOT")]
    pub root: Option<PathBuf>,

    /// Where to write the portal. It is never read as input, even inside ROOT,
    /// and it is replaced whole once the new portal is written.
    #[arg(short = 'o', long = "output", value_name = "DIR", default_value = "public")]
    pub out: PathBuf,

    /// The public URL the portal is served at (for sitemap.xml); overrides
    /// `base_url` in attestor.toml.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,

    /// Fail (exit 1) when the docs have any error or warning, and then
    /// publish nothing: the previous portal stays as it was.
    #[arg(long)]
    pub strict: bool,

    /// Keep the HTML readable instead of minifying it.
    #[arg(long)]
    pub no_minify: bool,

    /// Read each task's status changes from the git history of the docs
    /// (the last 500 commits that touch them): when, in which commit, by
    /// whom. Same as `git = true` in attestor.toml; needs the `git` program.
    #[arg(long)]
    pub git: bool,
}

/// Flags of `attestor serve`.
#[derive(Debug, clap::Args)]
pub struct ServeFlags {
    /// The docs folder to read [default: the current folder].
    #[arg(value_name = "ROOT")]
    pub root: Option<PathBuf>,

    /// The port on 127.0.0.1 [default: 1111, or the next free one]; 0 picks
    /// any free port. The server never listens on other addresses.
    #[arg(short, long, value_name = "N")]
    pub port: Option<u16>,

    /// Open the portal in the desktop's browser once it is served.
    #[arg(long)]
    pub open: bool,

    /// The folder `attestor build` writes the portal to: as in build, it is
    /// never read as input, and changes in it cause no rebuild.
    #[arg(short = 'o', long = "output", value_name = "DIR", default_value = "public")]
    pub out: PathBuf,

    /// Read each task's status changes from the git history of the docs,
    /// as `attestor build --git` does.
    #[arg(long)]
    pub git: bool,
}

/// Flags of `attestor check`.
#[derive(Debug, clap::Args)]
pub struct CheckFlags {
    /// The docs folder to read [default: the current folder].
    #[arg(value_name = "ROOT")]
    pub root: Option<PathBuf>,

    /// How to print the diagnostics: `human` (on stderr, with the source
    /// line), `json` (one object per line on stdout, notes too) or `github`
    /// (workflow annotations on stdout). Notes (severity info) are printed
    /// only as json.
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "human")]
    pub format: Format,

    /// Fail (exit 1) on warnings too, not only on errors.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub deny: Option<Deny>,

    /// The folder `attestor build` writes the portal to. It is not read as
    /// input, as in build, so check sees the docs build sees.
    #[arg(short = 'o', long = "output", value_name = "DIR", default_value = "public")]
    pub out: PathBuf,

    /// Compare the tree with a published portal's provenance.json (a file's
    /// path, or an http(s) URL fetched with the `curl` program): evidence
    /// whose SHA-256 changed since (A295) or that is gone (A296) is an
    /// error; evidence it does not list is a note (A297).
    #[arg(long, value_name = "URL|FILE")]
    pub against: Option<String>,
}

/// How `attestor check` prints diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style: code, place, the source line underlined, help.
    Human,
    /// One JSON object per line.
    Json,
    /// GitHub Actions workflow annotations.
    Github,
}

/// What else than errors fails `attestor check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// Warnings fail the check too.
    Warnings,
}
