//! The floor of a docs build: the least work any generator does on a
//! markdown tree, for the benchmark (`bench/whole.sh`) to compare with.
//!
//! ```text
//! cargo run --release --example floor -- ROOT OUT
//! ```
//!
//! It walks ROOT (walkdir), reads each `.md` file, renders it to HTML with
//! pulldown-cmark (tables, task lists and strikethrough on, as attestor
//! reads them), wraps it in a minimal page and writes it to the same path
//! under OUT with `.html`, the files in parallel with rayon. It links
//! nothing, reads no evidence and writes no index: a generator cannot beat
//! it on the same tree, so it is the yardstick of the issue's targets.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [root, out] = args.as_slice() else {
        eprintln!("usage: floor ROOT OUT");
        return ExitCode::from(2);
    };
    match run(Path::new(root), Path::new(out)) {
        Ok((n_pages, n_bytes)) => {
            println!("wrote {n_pages} pages of {:.1} MB to {out}", n_bytes as f64 / 1e6);
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(2)
        }
    }
}

/// Renders every markdown file under `root` into `out`; returns the pages
/// and bytes written.
fn run(root: &Path, out: &Path) -> std::io::Result<(usize, u64)> {
    let sources: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    let n_bytes = AtomicU64::new(0);
    sources.par_iter().try_for_each(|source| {
        let rel = source.strip_prefix(root).unwrap_or(source);
        let page = page(&std::fs::read_to_string(source)?);
        let target = out.join(rel).with_extension("html");
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        n_bytes.fetch_add(page.len() as u64, Ordering::Relaxed);
        std::fs::write(target, page)
    })?;
    Ok((sources.len(), n_bytes.into_inner()))
}

/// One markdown document as a minimal HTML page.
fn page(markdown: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH;
    let mut page = String::with_capacity(markdown.len() * 3 / 2 + 128);
    page.push_str("<!DOCTYPE html><html lang=en><meta charset=utf-8><title>page</title><main>\n");
    html::push_html(&mut page, Parser::new_ext(markdown, options));
    page.push_str("</main></html>\n");
    page
}
