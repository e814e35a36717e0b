//! The command line: raw flags as clap parses them.
//!
//! Each flag's doc comment is its `--help` text. Flags are resolved into a
//! `BuildConfig` by `crate::config`; nothing here decides what they mean.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// attestor builds a static portal from a team's governance docs: plans,
/// session logs, trackers, test and deploy logs. It shows every task's status
/// and whether the evidence backs it.
#[derive(Debug, Parser)]
#[command(name = "attestor", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the portal (the CI job).
    Build(BuildFlags),
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

    /// Fail (exit 1) when the docs have any error or warning.
    #[arg(long)]
    pub strict: bool,

    /// Keep the HTML readable instead of minifying it.
    #[arg(long)]
    pub no_minify: bool,
}
