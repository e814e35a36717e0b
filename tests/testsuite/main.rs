//! attestor's integration tests: one binary that runs the real `attestor`
//! on fixture docs trees and checks the portal a user would get.
//!
//! See `README.md` in this folder for how the suite is organised and how to
//! add a case.

// The suite is a single crate; `pub` marks the harness's API for the test
// modules, which the crate-wide `unreachable_pub` lint would flag.
#![allow(unreachable_pub)]

// The generator of `examples/corpus`: trees of any size in every form.
#[allow(unreachable_pub, dead_code)]
#[path = "../../examples/corpus/gen.rs"]
mod corpus;

// The harness: copy a docs tree to a temp folder, run `attestor`, check the
// exit code, stderr and output files.
mod site_test;

// Golden files under `<feature>/<case>/expected/`: comparison, readable diffs,
// `SNAPSHOTS=overwrite`, and the check that every golden file is used.
mod golden;

// A small HTML reader: attributes, relative links, anchors, table rows, crawl.
mod html;

// Reading status.json in assertions: tasks, claims and diagnostics as lines.
mod status;

// `attestor build`: the example portal, links, status.json, diagnostics,
// atomic and confined output, determinism, flags.
mod build;

// `attestor check`: exit codes, the rustc-style, JSON and GitHub forms of
// diagnostics with their source lines, and that it writes nothing.
mod check;

// One tree with every hostile input at once: exit codes, a named diagnostic
// for each, nothing read from outside ROOT, nothing that runs, same bytes at
// another thread count.
#[cfg(unix)]
mod hostile;

// Reading loose markdown: look-alikes of the five sample docs (tasks,
// statuses, phases, dependencies, figures), tables and lists that are not
// tasks, and diagnostics for rows, items and tracker lines that cannot be read.
mod reading;

// Which files are read, and how: NUL bytes, UTF-16 and UTF-32 text keep
// their tasks; YAML and logs are text, not markdown; a sprint status is a
// tracker; a binary file under a text name is listed with what it holds.
mod files;

// Linking evidence to tasks: the four rules and the one a task page names,
// verified / claimed / contradicted / pending work and where the dashboard
// shows it, claims checked against nearby evidence, path resolution and
// missing or escaping paths, dependencies (unknown ids, cycles, the critical
// path), and files outside the evidence folders that become evidence.
mod linking;

// Files in and out (issue 9): which output folders a build may replace,
// leftovers of killed builds, special files, theme and config files that
// lead outside ROOT, `include` globs, paths in messages as typed.
mod inout;

// Pages that never run anything: a strict Content-Security-Policy that every
// page satisfies, raw copies a browser could run published as text, SVG
// images only through <img>, a sitemap of every page.
mod pages;

// Markdown as users write it, hostile or not: text like attestor's own
// syntax, nesting 100,000 deep, remote images, 255-byte file names.
mod markdown;

// The dashboard in one screen for trees of any size (capped plans, needs
// attention, sessions, stale plans from `stale_after_days`), the full lists
// it links to, plan summaries, tasks tables with row anchors, claims at
// their line.
mod dashboard;

// `attestor merge`: two portals built from trees written at run time
// merged into one (counts, namespaced ids, links to each portal, the
// merged status.json's sums), inputs it cannot read, names taken twice,
// titles with markup, an output folder that is a portal read.
mod merge;

// Portals in a real headless Chromium, served under a sub-path: the example,
// a generated 1,000-document tree and active content, every page crawled for
// console errors, requests off the site, broken links and fragments, axe-core
// WCAG 2.1 AA violations and 400 px overflow; screenshots, dashboard height.
mod browser;

// Messy input: empty, binary, garbled, huge and contradictory files are
// all read or listed, and nothing panics.
mod robustness;

// Counts that overflow or do not add up, and logs too big to show whole.
mod bounds;

// The dependency graph: graph.html and a page per plan, boxes linking to
// tasks, the critical path and cycles marked and listed.
mod graph;

// Search: the index written at build time, the search page and the header
// box, and results found from file:// in headless Chromium.
mod search;

// The audit trail: test and deploy events with their outcome, and each
// task's status changes read from git (`--git`), bounded, confined, running
// nothing the repository configures.
mod audit;

// Evidence pages: JUnit reports summarised, coverage reports as per-file
// tables worst first, JSON pretty-printed; template overrides from
// `templates/` beside attestor.toml; the sitemap of every page written.
mod evidence;

// The command line: unknown keys of attestor.toml with the nearest known
// key, --quiet and --verbose, shell completions and the man page.
mod cli;

// `attestor init`: the example tree that checks clean, the guesses on a
// tree with docs (id patterns, owners spelt two ways, tool folders), and
// that it never overwrites.
mod init;

// `attestor serve` over loopback: edits reach the next response, traversal
// in every spelling is refused, broken files and templates keep it up,
// loopback only, and the reload script never reaches `build` output.
mod serve;

// `serve`'s one-file rebuild: random edits of a generated tree, each one
// it takes compared with a full link of the edited tree.
mod splice;

// The source tree itself: module docs, documented diagnostic codes.
mod tidy;

// The tracker (issue 10): task pages only for named work, anchors for the
// rest, facet pages with counts, owners merged by spelling and `[owners]`,
// verification shown with every status, pages bounded on a large tree.
mod tracker;

// Issue 10's last content gaps: claims' verdicts marked at their line in
// the document's body, plan pages linking their graph, Istanbul coverage
// reports, audit sentences naming tasks by title.
mod inline;

// Shipping (issue 12): the GitHub Action's build step (exit codes, summary,
// base URL) and install step (a release archive made by the release
// workflow's own packaging, checked against its SHA-256, served over
// loopback), and that the release builds every target the action takes.
#[cfg(unix)]
mod ship;

// Trust (issue 13): commit hashes the docs name checked against the
// repository (unknown, unreachable, dated after the document, linked to the
// forge), said once when there is no repository; credentials masked in
// every output and failing `check`; evidence older than its task's last
// change marked stale.
mod trust;

// Evidence provenance (issue 13): provenance.json with each evidence file's
// SHA-256, the commit and the CI run from the CI's environment or git; the
// hash on each evidence page; `check --against` a published file or URL
// catching evidence changed or deleted since, refusing paths outside ROOT.
mod provenance;

// Progress over time (issue 13): with `--git`, a burn-up of the tasks counted,
// done and verified each day from the history of the docs, on the dashboard
// and plan pages; without it, a line on the dashboard says how to see it.
mod burnup;
