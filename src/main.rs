//! The `attestor` binary: parse the command line, run the library, print
//! diagnostics and the summary, and map the result to an exit code.
//!
//! Exit codes: 0 success; 1 problems in the docs that the user asked to
//! fail on (`build --strict`, `check` on errors or denied warnings); 2
//! attestor could not run (ROOT missing, unreadable config, broken theme,
//! IO); 64 usage error (EX_USAGE of sysexits.h), for every command.

use std::io::{IsTerminal as _, Write as _};
use std::process::ExitCode;

use clap::Parser as _;

use attestor::cli::{BuildFlags, CheckFlags, Cli, Command, Deny, Format, InitFlags};
use attestor::config::{self, BuildArgs};
use attestor::diagnostics::{self, Diagnostic, Severity, SnippetStyle, printable};
use attestor::render::Minify;
use attestor::sources::SourceLines;

/// How many diagnostics a build prints before it points at the full list.
const MAX_PRINTED: usize = 20;

/// The exit code of a command line that cannot be understood.
const EXIT_USAGE: u8 = 64;

/// The exit code of docs that fail what the user asked for.
const EXIT_FAILED: u8 = 1;

/// The exit code of a run that could not happen.
const EXIT_CANNOT_RUN: u8 = 2;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return usage_error(&err),
    };
    let result = match cli.command {
        Command::Build(flags) => build(flags),
        Command::Check(flags) => check(flags),
        Command::Init(flags) => init(flags),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(EXIT_CANNOT_RUN)
        }
    }
}

/// Prints clap's message. `--help` and `--version` are answers, not errors
/// (exit 0); everything else clap refuses is a usage error (64), apart from
/// the 2 of "could not run".
fn usage_error(err: &clap::Error) -> ExitCode {
    let _ = err.print();
    if err.use_stderr() { ExitCode::from(EXIT_USAGE) } else { ExitCode::SUCCESS }
}

fn build(flags: BuildFlags) -> anyhow::Result<ExitCode> {
    let args = BuildArgs {
        root: flags.root,
        out: Some(flags.out.clone()),
        base_url: flags.base_url,
        strict: flags.strict,
        git: flags.git,
    };
    let (config, config_diagnostics) = config::resolve(&args)?;
    let minify = if flags.no_minify { Minify::No } else { Minify::Yes };
    let report = attestor::build(&config, config_diagnostics, minify)?;
    print_diagnostics(report.diagnostics());
    if !report.published {
        let (errors, warnings) = diagnostics::count(report.diagnostics());
        eprintln!(
            "not published: --strict, and the docs have {} and {}; `{}` was left as it was",
            attestor::plural(errors, "error"),
            attestor::plural(warnings, "warning"),
            flags.out.display()
        );
    }
    eprintln!("{}", report.summary_line(&flags.out));
    Ok(if report.published { ExitCode::SUCCESS } else { ExitCode::from(EXIT_FAILED) })
}

fn check(flags: CheckFlags) -> anyhow::Result<ExitCode> {
    let args = BuildArgs { root: flags.root, out: Some(flags.out), ..BuildArgs::default() };
    let (config, config_diagnostics) = config::resolve(&args)?;
    let checked = attestor::check(&config, config_diagnostics)?;
    let all = &checked.site.diagnostics;
    let mut sources = SourceLines::new(&config.root);
    let shown = all.iter().filter(|d| d.severity != Severity::Info);
    match flags.format {
        Format::Human => {
            let style = if colour() { SnippetStyle::Colour } else { SnippetStyle::Plain };
            for diagnostic in shown {
                let line_text = sources.line(&diagnostic.path, diagnostic.line);
                eprintln!("{}\n", diagnostic.to_snippet(line_text, style));
            }
        }
        Format::Json => {
            let lines = all.iter().map(|d| d.to_json_line(column(d, &mut sources)));
            print_stdout(lines.collect())?;
        }
        Format::Github => {
            // The annotation points at the column the human form underlines.
            let at_column = |d: &Diagnostic| {
                let col = column(d, &mut sources).unwrap_or(d.col);
                Diagnostic { col, ..d.clone() }.to_github()
            };
            print_stdout(shown.map(at_column).collect())?
        }
    }
    eprintln!("{}", checked.summary_line());
    let (errors, warnings) = diagnostics::count(all);
    let denied = flags.deny == Some(Deny::Warnings) && warnings > 0;
    Ok(if errors > 0 || denied { ExitCode::from(EXIT_FAILED) } else { ExitCode::SUCCESS })
}

fn init(flags: InitFlags) -> anyhow::Result<ExitCode> {
    let dir = flags.dir.unwrap_or_else(|| std::path::PathBuf::from("."));
    let done = attestor::init::init(&dir)?;
    for path in &done.written {
        eprintln!("wrote {}", path.display());
    }
    eprintln!("next: `attestor build {}`, then open public/index.html", dir.display());
    eprintln!("{}", done.summary_line(&dir));
    Ok(ExitCode::SUCCESS)
}

/// The column the human form shows for `diagnostic`, for its JSON line.
fn column(diagnostic: &Diagnostic, sources: &mut SourceLines) -> Option<usize> {
    if diagnostic.line == 0 {
        return None;
    }
    match sources.line(&diagnostic.path, diagnostic.line) {
        Some(text) => Some(diagnostic.col_in(&printable(text))),
        None => (diagnostic.col > 0).then_some(diagnostic.col),
    }
}

/// Prints lines on stdout; a reader that went away (`| head`) ends the
/// output quietly instead of failing the run.
fn print_stdout(lines: Vec<String>) -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written =
        lines.iter().try_for_each(|line| writeln!(out, "{line}")).and_then(|()| out.flush());
    match written {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(anyhow::Error::new(err).context("failed to write to stdout"))
        }
        _ => Ok(()),
    }
}

/// Colour on a terminal, unless `NO_COLOR` is set.
fn colour() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn print_diagnostics(all: &[Diagnostic]) {
    let shown: Vec<_> = all.iter().filter(|d| d.severity != Severity::Info).collect();
    let colour = colour();
    for diagnostic in shown.iter().take(MAX_PRINTED) {
        let text = diagnostic.to_human();
        if colour {
            let (head, rest) = text.split_once('\n').unwrap_or((&text, ""));
            eprintln!("\x1b[1m{head}\x1b[0m\n{rest}");
        } else {
            eprintln!("{text}");
        }
    }
    if shown.len() > MAX_PRINTED {
        eprintln!(
            "... and {} more; `attestor check` prints them all, and the portal's All files page lists them",
            shown.len() - MAX_PRINTED
        );
    }
}
