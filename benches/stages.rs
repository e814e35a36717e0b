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

/// The tree, and what each stage made of it, computed once.
struct Fixture {
    _dir: tempfile::TempDir,
    config: BuildConfig,
    files: Vec<SourceFile>,
    ctx: ParseContext,
    parsed: Vec<Parsed>,
    site: Site,
    outputs: Vec<Output>,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().join("docs");
    corpus::write_generated(&root, 1, N_DOCS).expect("the generated tree is written");
    let args = BuildArgs {
        root: Some(root),
        out: Some(dir.path().join("portal")),
        ..BuildArgs::default()
    };
    let (config, _) = config::resolve(&args).expect("the generated tree's config resolves");
    let found = discover::discover(&config);
    let (ctx, _) = ParseContext::new(&config, &[]);
    let parsed: Vec<Parsed> = found.files.par_iter().map(|file| parse::read(&ctx, file)).collect();
    let site = link::link(&config, &ctx.ids, parsed.clone(), found.skipped.clone());
    let mut theme = render::theme::load(Some(&config)).expect("the default theme loads");
    let outputs = render::render(&site, &mut theme, &config, Minify::Yes).expect("renders");
    Fixture { _dir: dir, config, files: found.files, ctx, parsed, site, outputs }
});

fn main() {
    divan::main();
}

/// Walking the tree and sorting its files.
#[divan::bench(sample_count = 20)]
fn discover(bencher: Bencher) {
    let fixture = &*FIXTURE;
    bencher.bench(|| discover::discover(black_box(&fixture.config)));
}

/// Parsing one document of each form, from its bytes.
#[divan::bench(args = FORMS)]
fn parse_one(bencher: Bencher, form: &str) {
    let fixture = &*FIXTURE;
    let file =
        fixture.files.iter().find(|f| f.rel.contains(form)).expect("the form is in the tree");
    let bytes = std::fs::read(&file.abs).expect("the file reads");
    bencher
        .counter(divan::counter::BytesCount::new(bytes.len()))
        .bench(|| parse::parse(&fixture.ctx, file, black_box(&bytes)));
}

/// Reading and parsing every file of the tree in parallel, as the build does.
#[divan::bench(sample_count = 10)]
fn parse_all(bencher: Bencher) {
    let fixture = &*FIXTURE;
    bencher.bench(|| {
        fixture.files.par_iter().map(|file| parse::read(&fixture.ctx, file)).collect::<Vec<_>>()
    });
}

/// Linking the parsed files into a site.
#[divan::bench(sample_count = 10)]
fn link(bencher: Bencher) {
    let fixture = &*FIXTURE;
    bencher
        .with_inputs(|| fixture.parsed.clone())
        .bench_values(|parsed| link::link(&fixture.config, &fixture.ctx.ids, parsed, Vec::new()));
}

/// Rendering every page of the portal in memory, minified as a build does.
#[divan::bench(sample_count = 10)]
fn render(bencher: Bencher) {
    let fixture = &*FIXTURE;
    let mut theme = render::theme::load(Some(&fixture.config)).expect("the default theme loads");
    bencher.bench_local(|| {
        render::render(&fixture.site, &mut theme, &fixture.config, Minify::Yes).expect("renders")
    });
}

/// Writing the rendered pages to the output folder, atomically.
#[divan::bench(sample_count = 10)]
fn write(bencher: Bencher) {
    let fixture = &*FIXTURE;
    bencher.bench_local(|| write::write(&fixture.config, &fixture.outputs).expect("writes"));
}
