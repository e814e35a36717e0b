//! The `attestor` binary: parse the command line, run the library, print
//! diagnostics and the summary, and map the result to an exit code. It also
//! prints what clap generates from the command line's definitions: shell
//! completions and man pages.
//!
//! Exit codes: 0 success; 1 problems in the docs that the user asked to
//! fail on (`build --strict`, `check` on errors or denied warnings), or a
//! `merge` input that could not be read; 2
//! attestor could not run (ROOT missing, unreadable config, broken theme,
//! IO); 64 usage error (EX_USAGE of sysexits.h), for every command.

use std::io::{IsTerminal as _, Write as _};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{CommandFactory as _, Parser as _};

use attestor::cli::{
    BuildFlags, CheckFlags, Cli, Command, CompletionsFlags, Deny, Format, InitFlags, ManFlags,
    MergeFlags, ServeFlags, Verbosity,
};
use attestor::config::{self, BuildArgs};
use attestor::diagnostics::{self, Diagnostic, Severity, SnippetStyle, printable};
use attestor::render::Minify;
use attestor::sources::SourceLines;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay`, which its bindings name no constant
/// for: how many milliseconds freed memory stays mapped before it goes
/// back to the system (1,000 by default).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// The purge delay a build runs with: each stage of a build frees what the
/// one before made, and at the default second that memory is still
/// resident while the next stage grows. At 10,000 documents 10 ms lowers
/// the peak by a tenth (430 to 386 MB) for 0.1 s (docs/performance.md).
const PURGE_DELAY_MS: std::ffi::c_long = 10;

/// Sets mimalloc's purge delay, unless the user set it in the environment
/// (`MIMALLOC_PURGE_DELAY`).
fn set_purge_delay() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: called first thing in `main`, before any other thread
        // starts (`mi_option_set` is not thread safe), with an option that
        // takes a number.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
    }
}

/// How many diagnostics a build prints before it points at the full list.
const MAX_PRINTED: usize = 20;

/// The exit code of a command line that cannot be understood.
const EXIT_USAGE: u8 = 64;

/// The exit code of docs that fail what the user asked for.
const EXIT_FAILED: u8 = 1;

/// The exit code of a run that could not happen.
const EXIT_CANNOT_RUN: u8 = 2;

fn main() -> ExitCode {
    set_purge_delay();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return usage_error(&err),
    };
    let verbosity = cli.verbosity();
    let result = match cli.command {
        Command::Build(flags) => build(flags, verbosity),
        Command::Check(flags) => check(flags, verbosity),
        Command::Serve(flags) => serve(flags, verbosity),
        Command::Init(flags) => init(flags, verbosity),
        Command::Merge(flags) => merge(flags, verbosity),
        Command::Completions(flags) => completions(flags),
        Command::Man(flags) => man(flags),
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

/// A spinner on stderr while a long step runs, with what it does and the
/// time so far; only when stderr is a terminal and `--quiet` is not given,
/// so logs and pipes never see it. It is cleared before anything else is
/// printed.
fn spinner(verbosity: Verbosity, message: String) -> Option<indicatif::ProgressBar> {
    let bar = terminal_bar(verbosity)?;
    let style = indicatif::ProgressStyle::with_template("{spinner} {msg} {elapsed}")
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner());
    bar.set_style(style);
    bar.set_message(message);
    Some(shown(bar))
}

/// A bar for stderr, hidden until it is styled (see [`shown`]); `None` with
/// `--quiet` or when stderr is not a terminal.
fn terminal_bar(verbosity: Verbosity) -> Option<indicatif::ProgressBar> {
    if verbosity == Verbosity::Quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    Some(indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::hidden()))
}

/// The bar, styled, drawn on stderr from now on and ticking.
fn shown(bar: indicatif::ProgressBar) -> indicatif::ProgressBar {
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    bar.enable_steady_tick(std::time::Duration::from_millis(100));
    bar
}

/// A progress bar on stderr over a build's stages (see [`spinner`] for when
/// it shows): `building docs: parse [###-------] 3/16 4s`.
fn stage_bar(verbosity: Verbosity, message: String) -> Option<indicatif::ProgressBar> {
    let bar = terminal_bar(verbosity)?;
    let style = indicatif::ProgressStyle::with_template(
        "{spinner} {prefix}: {msg} [{bar:20}] {pos}/{len} {elapsed}",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
    .progress_chars("#>-");
    bar.set_style(style);
    bar.set_message("starting");
    bar.set_length(attestor::BUILD_STAGES as u64);
    bar.set_prefix(message);
    Some(shown(bar))
}

/// Runs `step` with a spinner (see [`spinner`]), cleared when it ends.
fn with_spinner<T>(verbosity: Verbosity, message: String, step: impl FnOnce() -> T) -> T {
    let bar = spinner(verbosity, message);
    let result = step();
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    result
}

/// What `--verbose` adds before the summary line: the config read.
fn print_config_read(config: &attestor::config::BuildConfig) {
    let file = config.root.join(config::CONFIG_FILE);
    if file.is_file() {
        eprintln!("config: {}", config.shown_path(config::CONFIG_FILE).display());
    } else {
        eprintln!(
            "config: no {} in {}; the defaults",
            config::CONFIG_FILE,
            config.root_shown.display()
        );
    }
}

fn build(flags: BuildFlags, verbosity: Verbosity) -> anyhow::Result<ExitCode> {
    let args = BuildArgs {
        root: flags.root,
        out: Some(flags.out.clone()),
        base_url: flags.base_url,
        strict: flags.strict,
        git: flags.git,
    };
    let (config, config_diagnostics) = config::resolve(&args)?;
    let minify = if flags.no_minify { Minify::No } else { Minify::Yes };
    let message = format!("building {}", config.root_shown.display());
    let bar = stage_bar(verbosity, message);
    let stages = match &bar {
        Some(bar) => {
            let bar = bar.clone();
            attestor::timing::Stages::observed(std::sync::Arc::new(move |name| {
                bar.inc(1);
                bar.set_message(name);
            }))
        }
        None => attestor::timing::Stages::default(),
    };
    let built = attestor::build_observed(&config, config_diagnostics, minify, stages);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let report = built?;
    print_diagnostics(report.diagnostics(), verbosity);
    if !report.published {
        let (errors, warnings) = diagnostics::count(report.diagnostics());
        eprintln!(
            "not published: --strict, and the docs have {} and {}; `{}` was left as it was",
            attestor::plural(errors, "error"),
            attestor::plural(warnings, "warning"),
            flags.out.display()
        );
    }
    if verbosity == Verbosity::Verbose {
        print_config_read(&config);
        eprintln!(
            "{} written to {}",
            attestor::plural(report.n_outputs, "file"),
            flags.out.display()
        );
        for (name, took) in report.stages.entries() {
            eprintln!("{:>8.3}s  {name}", took.as_secs_f64());
        }
    }
    eprintln!("{}", report.summary_line(&flags.out));
    Ok(if report.published { ExitCode::SUCCESS } else { ExitCode::from(EXIT_FAILED) })
}

fn check(flags: CheckFlags, verbosity: Verbosity) -> anyhow::Result<ExitCode> {
    let args = BuildArgs { root: flags.root, out: Some(flags.out), ..BuildArgs::default() };
    let (config, config_diagnostics) = config::resolve(&args)?;
    let checked = match &flags.against {
        None => {
            let message = format!("checking {}", config.root_shown.display());
            with_spinner(verbosity, message, || attestor::check(&config, config_diagnostics))?
        }
        Some(source) => {
            let message = format!("checking {} against {source}", config.root_shown.display());
            with_spinner(verbosity, message, || {
                let published = attestor::provenance::read_published(source)?;
                attestor::check_against(&config, config_diagnostics, &published)
            })?
        }
    };
    let all = &checked.site.diagnostics;
    let mut sources = SourceLines::new(&config.root);
    let shown = all.iter().filter(|d| d.severity != Severity::Info);
    // --quiet keeps the errors of the human form; json and github are
    // the output itself, for a program to read, and stay whole.
    let human_shown =
        shown.clone().filter(|d| verbosity != Verbosity::Quiet || d.severity == Severity::Error);
    match flags.format {
        Format::Human => {
            let style = if colour() { SnippetStyle::Colour } else { SnippetStyle::Plain };
            for diagnostic in human_shown {
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
    if verbosity == Verbosity::Verbose {
        print_config_read(&config);
    }
    if let Some(comparison) = &checked.comparison
        && verbosity != Verbosity::Quiet
    {
        eprintln!("{}", comparison.summary_line());
    }
    eprintln!("{}", checked.summary_line());
    let (errors, warnings) = diagnostics::count(all);
    let denied = flags.deny == Some(Deny::Warnings) && warnings > 0;
    Ok(if errors > 0 || denied { ExitCode::from(EXIT_FAILED) } else { ExitCode::SUCCESS })
}

/// `attestor serve`: prints where the portal is served, then each build's
/// problems and summary line as the docs change, until Ctrl-C.
fn serve(flags: ServeFlags, verbosity: Verbosity) -> anyhow::Result<ExitCode> {
    let args = BuildArgs {
        root: flags.root,
        out: Some(flags.out),
        git: flags.git,
        ..BuildArgs::default()
    };
    let options = attestor::serve::Options { args, port: flags.port };
    let server = attestor::serve::bind(&options)?;
    let url = server.url();
    eprintln!("Serving at {url} (Ctrl-C stops)");
    if flags.open
        && let Err(why) = attestor::serve::open_browser(&url)
    {
        eprintln!("note: {why}");
    }
    let on_build = move |built: &attestor::serve::Rebuilt<'_>| {
        let time = built.elapsed.as_secs_f64();
        match built.outcome {
            Ok(_) if built.spliced && built.n_parsed == 0 => {}
            Ok(_) if built.spliced => {
                eprintln!(
                    "Updated {} in {time:.3}s (spliced into the last site, not linked whole); serving it",
                    attestor::plural(built.n_parsed, "document"),
                );
            }
            Ok(site) => {
                // The first build prints as `build` does; a rebuild prints
                // its errors, to keep the console to what changed.
                let shown = if built.generation == 1 { verbosity } else { Verbosity::Quiet };
                print_diagnostics(&site.diagnostics, shown);
                let (errors, warnings) = diagnostics::count(&site.diagnostics);
                eprintln!(
                    "Built {}, {}, {} ({}, {}) in {time:.2}s, {} read again; serving it",
                    attestor::plural(site.documents.len(), "document"),
                    attestor::plural(site.tasks.len(), "task"),
                    attestor::plural(site.evidence.len(), "evidence file"),
                    attestor::plural(errors, "error"),
                    attestor::plural(warnings, "warning"),
                    attestor::plural(built.n_parsed, "file"),
                );
            }
            Err(err) => {
                eprintln!("error: the build failed; serving the last good portal: {err:#}");
            }
        }
        if verbosity == Verbosity::Verbose {
            if let Some(why) = built.why_linked {
                eprintln!("linked the whole tree again: {why}");
            }
            for (name, took) in built.stages.entries() {
                eprintln!("{:>8.3}s  {name}", took.as_secs_f64());
            }
        }
    };
    attestor::serve::run(server, Box::new(on_build))?;
    Ok(ExitCode::SUCCESS)
}

fn init(flags: InitFlags, verbosity: Verbosity) -> anyhow::Result<ExitCode> {
    let dir = flags.dir.unwrap_or_else(|| std::path::PathBuf::from("."));
    let message = format!("reading {}", dir.display());
    let done = with_spinner(verbosity, message, || attestor::init::init(&dir))?;
    if verbosity != Verbosity::Quiet {
        for path in &done.written {
            eprintln!("wrote {}", path.display());
        }
        eprintln!("next: `attestor build {}`, then open public/index.html", dir.display());
    }
    eprintln!("{}", done.summary_line(&dir));
    Ok(ExitCode::SUCCESS)
}

/// `attestor merge STATUS... -o DIR`: prints each input that could not be
/// merged (`error: <path>: <why>`) and the summary line; exits 1 when an
/// input was not merged.
fn merge(flags: MergeFlags, verbosity: Verbosity) -> anyhow::Result<ExitCode> {
    let options = attestor::merge::Options {
        inputs: flags.inputs,
        out: flags.out.clone(),
        title: flags.title,
    };
    let message = format!("merging into {}", flags.out.display());
    let merged = with_spinner(verbosity, message, || attestor::merge::merge(&options))?;
    for problem in &merged.problems {
        if verbosity != Verbosity::Quiet || problem.severity == Severity::Error {
            eprintln!("{problem}");
        }
    }
    eprintln!("{}", merged.summary_line(&flags.out));
    Ok(if merged.failed() { ExitCode::from(EXIT_FAILED) } else { ExitCode::SUCCESS })
}

/// `attestor completions SHELL`: the script clap_complete writes from the
/// same definitions as `--help`.
fn completions(flags: CompletionsFlags) -> anyhow::Result<ExitCode> {
    let mut script = Vec::new();
    clap_complete::generate(flags.shell, &mut Cli::command(), "attestor", &mut script);
    write_stdout(&script)?;
    Ok(ExitCode::SUCCESS)
}

/// `attestor man [COMMAND]`: the man page clap_mangen writes from the same
/// definitions as `--help`; a command's page is named `attestor-COMMAND`,
/// as git's are.
fn man(flags: ManFlags) -> anyhow::Result<ExitCode> {
    let mut cli = Cli::command();
    // Built, so that each command's page lists the global flags too.
    cli.build();
    let page = match flags.command.as_deref() {
        None => cli,
        Some(name) => {
            // clap names commands with static strings; these are the
            // commands `ManFlags` accepts.
            let page_name = match name {
                "build" => "attestor-build",
                "check" => "attestor-check",
                "serve" => "attestor-serve",
                "init" => "attestor-init",
                "merge" => "attestor-merge",
                "completions" => "attestor-completions",
                _ => "attestor-man",
            };
            let sub = cli.find_subcommand(name).cloned();
            let sub = sub.ok_or_else(|| anyhow::anyhow!("attestor has no command `{name}`"))?;
            sub.name(page_name).version(env!("CARGO_PKG_VERSION"))
        }
    };
    let mut roff = Vec::new();
    clap_mangen::Man::new(page).render(&mut roff).context("failed to render the man page")?;
    write_stdout(&roff)?;
    Ok(ExitCode::SUCCESS)
}

/// Writes bytes on stdout; a reader that went away (`| head`) ends the
/// output quietly instead of failing the run.
fn write_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(anyhow::Error::new(err).context("failed to write to stdout"))
        }
        _ => Ok(()),
    }
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

/// Prints a build's diagnostics: errors and warnings, the first
/// [`MAX_PRINTED`] of them (all with `--verbose`, errors only with
/// `--quiet`).
fn print_diagnostics(all: &[Diagnostic], verbosity: Verbosity) {
    let wanted = |d: &&Diagnostic| match verbosity {
        Verbosity::Quiet => d.severity == Severity::Error,
        _ => d.severity != Severity::Info,
    };
    let shown: Vec<_> = all.iter().filter(wanted).collect();
    let cap = if verbosity == Verbosity::Verbose { usize::MAX } else { MAX_PRINTED };
    let colour = colour();
    for diagnostic in shown.iter().take(cap) {
        let text = diagnostic.to_human();
        if colour {
            let (head, rest) = text.split_once('\n').unwrap_or((&text, ""));
            eprintln!("\x1b[1m{head}\x1b[0m\n{rest}");
        } else {
            eprintln!("{text}");
        }
    }
    if shown.len() > cap {
        eprintln!(
            "... and {} more; `attestor check` or `--verbose` prints them all, and the portal's All files page lists them",
            shown.len() - cap
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The option the binary sets is mimalloc's purge delay: the one whose
    /// default is a second.
    #[test]
    fn the_option_set_at_start_is_mimallocs_purge_delay() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        // SAFETY: reads an option that takes a number.
        let default = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(default, 1000);
    }
}
