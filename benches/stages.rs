//! Per-stage micro-benchmarks of the build (issue 11), with divan:
//!
//! ```text
//! cargo bench --bench stages              every stage
//! cargo bench --bench stages -- parse     the parse of one document of each form
//! ```
//!
//! The tree is the corpus generator's (`examples/corpus`), 1,000 documents
//! and their evidence, seed 1, written once into a temporary folder. Each
//! stage is timed on its own, from the inputs the stage before it gave:
//! discover (the walk), parse (one document of each form, and every file of
//! the tree in parallel as the build does), link, render (every page, in
//! memory) and write (the atomic write of those pages). The whole build of
//! a process is `bench/whole.sh`'s; nothing here asserts a time.

// `gen.rs` is shared with the testsuite, where its `pub` items are its API.
#[allow(unreachable_pub, dead_code)]
#[path = "../examples/corpus/gen.rs"]
mod corpus;

use std::sync::LazyLock;

use attestor::config::{self, BuildArgs, BuildConfig};
use attestor::discover::{self, SourceFile};
use attestor::model::Site;
use attestor::parse::{self, ParseContext, Parsed};
use attestor::render::{self, Minify, Output};
use attestor::timing::Stages;
use attestor::{link, write};
use divan::{Bencher, black_box};
use rayon::prelude::*;

/// How many documents the benchmarked tree has.
const N_DOCS: usize = 1000;

/// One document of each form the generator writes, by a part of its path.
const FORMS: [&str; 16] = [
    "-plan.md",
    "-roadmap.md",
    "plans/phased/",
    "sessions/",
    "stories/",
    "tracker/ops-",
    "notes/decision-",
    ".beads/issues.jsonl",
    "sprint-status.yaml",
    "-pytest.txt",
    "-junit.xml",
    "-jest.log",
    "-cargo-test.txt",
    "-coverage.json",
    "-deploy.txt",
    "-lhr.json",
];

/// The tree and what the walk found in it, made once.
struct Tree {
    config: BuildConfig,
    files: Vec<SourceFile>,
    ctx: ParseContext,
}

static TREE: LazyLock<Tree> = LazyLock::new(|| {
    let dir = scratch();
    let _ = std::fs::remove_dir_all(&dir);
    let root = dir.join("docs");
    corpus::write_generated(&root, 1, N_DOCS).expect("the generated tree is written");
    let args =
        BuildArgs { root: Some(root), out: Some(dir.join("portal")), ..BuildArgs::default() };
    let (config, _) = config::resolve(&args).expect("the generated tree's config resolves");
    let files = discover::discover(&config).files;
    let (ctx, _) = ParseContext::new(&config, &[]);
    Tree { config, files, ctx }
});

/// Each stage's output, made once and only when a later stage's bench asks.
static PARSED: LazyLock<Vec<Parsed>> =
    LazyLock::new(|| TREE.files.par_iter().map(|file| parse::read(&TREE.ctx, file)).collect());
static SITE: LazyLock<Site> =
    LazyLock::new(|| link::link(&TREE.config, &TREE.ctx.ids, PARSED.clone(), Vec::new()));
static OUTPUTS: LazyLock<Vec<Output<'static>>> = LazyLock::new(|| {
    let mut theme =
        render::theme::load_with(Some(&TREE.config), true).expect("the default theme loads");
    let outputs = std::sync::Mutex::new(Vec::new());
    let sink = |output: Output<'_>| {
        outputs.lock().expect("no thread panicked").push(output.in_memory()?);
        Ok(())
    };
    render::render(&SITE, &mut theme, &TREE.config, Minify::Yes, &mut Stages::default(), &sink)
        .expect("renders");
    outputs.into_inner().expect("no thread panicked")
});

fn main() {
    divan::main();
    // The statics are never dropped, so the tree goes here.
    let _ = std::fs::remove_dir_all(scratch());
}

/// The folder of the tree and the portal, removed when the benches end.
fn scratch() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("attestor-bench-stages-{}", std::process::id()))
}

/// Walking the tree and sorting its files.
#[divan::bench(sample_count = 20)]
fn discover(bencher: Bencher) {
    bencher.bench(|| discover::discover(black_box(&TREE.config)));
}

/// Parsing one document of each form, from its bytes.
#[divan::bench(args = FORMS)]
fn parse_one(bencher: Bencher, form: &str) {
    let file = TREE.files.iter().find(|f| f.rel.contains(form)).expect("the form is in the tree");
    let bytes = std::fs::read(&file.abs).expect("the file reads");
    bencher
        .counter(divan::counter::BytesCount::new(bytes.len()))
        .bench(|| parse::parse(&TREE.ctx, file, black_box(&bytes)));
}

/// Reading and parsing every file of the tree in parallel, as the build does.
#[divan::bench(sample_count = 10)]
fn parse_all(bencher: Bencher) {
    bencher.bench(|| {
        TREE.files.par_iter().map(|file| parse::read(&TREE.ctx, file)).collect::<Vec<_>>()
    });
}

/// Linking the parsed files into a site.
#[divan::bench(sample_count = 10)]
fn link(bencher: Bencher) {
    bencher
        .with_inputs(|| PARSED.clone())
        .bench_values(|parsed| link::link(&TREE.config, &TREE.ctx.ids, parsed, Vec::new()));
}

/// Rendering every page of the portal, minified as a build does, to a
/// sink that drops each file (writing is the next bench).
#[divan::bench(sample_count = 10)]
fn render(bencher: Bencher) {
    let mut theme =
        render::theme::load_with(Some(&TREE.config), true).expect("the default theme loads");
    bencher.bench_local(|| {
        let sink = |output: Output| {
            black_box(output);
            Ok(())
        };
        render::render(&SITE, &mut theme, &TREE.config, Minify::Yes, &mut Stages::default(), &sink)
            .expect("renders")
    });
}

/// Writing the rendered pages to the output folder, atomically.
#[divan::bench(sample_count = 10)]
fn write(bencher: Bencher) {
    bencher.bench_local(|| write::write(&TREE.config, &OUTPUTS).expect("writes"));
}
