//! Writes a generated governance docs tree, deterministic by seed:
//!
//! ```text
//! cargo run --release --example corpus -- --docs 1000 --seed 1 OUT
//! ```
//!
//! `--docs N` counts the markdown documents; about three evidence files for
//! every four documents come on top. The tree is the one `gen::files`
//! describes; OUT must not exist yet or be
//! empty, so that a typo never mixes a generated tree into real docs.

// `gen.rs` is shared with the testsuite, where its `pub` items are its API.
#[allow(unreachable_pub, dead_code)]
#[path = "gen.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            eprintln!("usage: corpus [--docs N] [--seed S] OUT");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let (mut docs, mut seed, mut out) = (1000_usize, 1_u64, None::<PathBuf>);
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--docs" => docs = value("--docs")?.parse().map_err(|e| format!("--docs: {e}"))?,
            "--seed" => seed = value("--seed")?.parse().map_err(|e| format!("--seed: {e}"))?,
            _ if arg.starts_with('-') => return Err(format!("unknown flag `{arg}`")),
            _ if out.is_some() => return Err(format!("one OUT folder only, got `{arg}` too")),
            _ => out = Some(PathBuf::from(arg)),
        }
    }
    let out = out.ok_or("no OUT folder given")?;
    if out.read_dir().is_ok_and(|mut entries| entries.next().is_some()) {
        return Err(format!("`{}` is not empty; give a new or empty folder", out.display()));
    }
    let (n_files, n_bytes) = corpus::write_generated(&out, seed, docs)
        .map_err(|e| format!("cannot write `{}`: {e}", out.display()))?;
    println!(
        "wrote {n_files} files of {:.1} MB ({docs} documents and their evidence, seed {seed}) to {}",
        n_bytes as f64 / 1e6,
        out.display()
    );
    Ok(())
}
