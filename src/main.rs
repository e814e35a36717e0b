//! The `attestor` binary: parse the command line, run the library, print
//! diagnostics and the summary, and map the result to an exit code
//! (0 success, 1 problems in the docs under `--strict`, 2 failure).

use std::io::IsTerminal as _;
use std::process::ExitCode;

use clap::Parser as _;

use attestor::cli::{BuildFlags, Cli, Command};
use attestor::config::{self, BuildArgs};
use attestor::diagnostics::{self, Diagnostic};
use attestor::render::Minify;

/// How many diagnostics a build prints before it points at the full list.
const MAX_PRINTED: usize = 20;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(flags) => build(flags),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(2)
        }
    }
}

fn build(flags: BuildFlags) -> anyhow::Result<ExitCode> {
    let args = BuildArgs {
        root: flags.root,
        out: Some(flags.out),
        base_url: flags.base_url,
        strict: flags.strict,
    };
    let (config, config_diagnostics) = config::resolve(&args)?;
    let minify = if flags.no_minify { Minify::No } else { Minify::Yes };
    let report = attestor::build(&config, config_diagnostics, minify)?;
    print_diagnostics(report.diagnostics());
    eprintln!("{}", report.summary_line(&config));
    let (errors, warnings) = diagnostics::count(report.diagnostics());
    let failed = config.strict && errors + warnings > 0;
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn print_diagnostics(all: &[Diagnostic]) {
    let shown: Vec<_> = all.iter().filter(|d| d.severity != diagnostics::Severity::Info).collect();
    let colour = std::io::stderr().is_terminal();
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
            "... and {} more; the portal's All files page lists them all",
            shown.len() - MAX_PRINTED
        );
    }
}
