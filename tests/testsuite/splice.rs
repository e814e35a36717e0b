//! `serve`'s one-file rebuild puts a change to a page's prose, to the
//! statuses or titles of its tasks, or to its checklist items, into the last site
//! without linking the tree again (`attestor::link::splice`). Its promise:
//! the site it makes is the site a full link of the edited tree makes, for
//! any edit it takes. Here edits of the kinds people make (a paragraph
//! added, a word changed, a line inserted, a box ticked, a figure changed,
//! a table row's status changed, a checklist item added, deleted or
//! reworded, a task's title changed, a task added or deleted, a sentence
//! naming a task, a session's report of another page's task added or
//! deleted, a link to another page added) are applied to random documents of a
//! generated tree; each one the splice takes is compared, field by field,
//! with a full link of the edited tree. So are edits of its evidence files
//! as a new run writes them (an outcome flipped, a count changed, a
//! failure added, a run cut off, another run over it), which
//! `splice::prepare_evidence` takes.

use crate::corpus;

use attestor::config::{BuildArgs, BuildConfig, resolve};
use attestor::discover::{SourceFile, format_of};
use attestor::link::splice;
use attestor::model::{DocKind, Site, SourceFormat};
use attestor::parse::{self, ParseContext, Parsed};
use attestor::timing::Stages;

/// A small deterministic generator (xorshift), so a failure replays.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn load(config: &BuildConfig) -> (Site, ParseContext) {
    attestor::load_keeping_context(config, Vec::new(), &mut Stages::default(), &parse::read)
}

/// A generated tree of 120 documents from `seed`, its config, and its
/// site and parse context as a build makes them.
fn generated(seed: u64) -> (tempfile::TempDir, BuildConfig, Site, ParseContext) {
    let temp = tempfile::tempdir().unwrap();
    corpus::write_tree(temp.path(), &corpus::files(seed, 120)).unwrap();
    let args = BuildArgs { root: Some(temp.path().to_path_buf()), ..BuildArgs::default() };
    let config = resolve(&args).unwrap().0;
    let (site, ctx) = load(&config);
    (temp, config, site, ctx)
}

fn parse_one(config: &BuildConfig, ctx: &ParseContext, rel: &str) -> Parsed {
    let abs = config.root.join(rel);
    let file =
        SourceFile { abs, rel: rel.to_string(), format: format_of(rel), in_evidence_dir: false };
    parse::read(ctx, &file)
}

/// One edit of `text` of the kind `kind`; `None` when the text has no
/// place for it. `ids` are the ids of the tree's tasks that have ids of
/// their own, for prose that names one.
fn edit(text: &str, kind: usize, rng: &mut Rng, ids: &[&str], pages: &[String]) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let pick = |rng: &mut Rng, wanted: &dyn Fn(&str) -> bool| -> Option<usize> {
        let found: Vec<usize> = (0..lines.len()).filter(|&n| wanted(lines[n])).collect();
        (!found.is_empty()).then(|| found[rng.below(found.len())])
    };
    let with_line = |n: usize, line: String| {
        let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        out[n] = line;
        out.join("\n") + "\n"
    };
    // The id a table row or item starts with (`| T-7 |`, `- [ ] T-7 …`).
    let id_of = |l: &str| -> Option<String> {
        if !(l.starts_with("| ") || l.trim_start().starts_with("- [")) {
            return None;
        }
        let rest = l.trim_start_matches(['|', '-', ' ', '[', ']', 'x']);
        let w = rest.split_whitespace().next()?;
        let looks = w.contains('-')
            && w.chars().any(|c| c.is_ascii_digit())
            && w.chars().next().is_some_and(|c| c.is_ascii_uppercase());
        looks.then(|| w.to_string())
    };
    match kind {
        // A paragraph added at the end.
        0 => Some(format!("{text}\nA note added in review, with *emphasis*.\n")),
        // A word of a prose line changed.
        1 => {
            let n =
                pick(rng, &|l| l.len() > 40 && l.chars().next().is_some_and(char::is_alphabetic))?;
            Some(with_line(n, lines[n].replacen(" the ", " our ", 1)))
        }
        // A paragraph inserted in the middle: every line below moves.
        2 => {
            let n = rng.below(lines.len().max(1));
            let mut out: Vec<&str> = lines.clone();
            out.insert(n, "\nAn inserted paragraph.\n");
            Some(out.join("\n") + "\n")
        }
        // A box ticked or unticked.
        3 => {
            let n = pick(rng, &|l| l.contains("[ ]") || l.contains("[x]"))?;
            let line = if lines[n].contains("[ ]") {
                lines[n].replacen("[ ]", "[x]", 1)
            } else {
                lines[n].replacen("[x]", "[ ]", 1)
            };
            Some(with_line(n, line))
        }
        // A checklist item added below another, at its depth.
        6 => {
            let n = pick(rng, &|l| {
                l.trim_start().starts_with("- [ ]") || l.trim_start().starts_with("- [x]")
            })?;
            let indent = &lines[n][..lines[n].len() - lines[n].trim_start().len()];
            let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            out.insert(n + 1, format!("{indent}- [ ] Write the follow-up note for the review"));
            Some(out.join("\n") + "\n")
        }
        // A checklist item deleted.
        7 => {
            let n = pick(rng, &|l| {
                l.trim_start().starts_with("- [ ]") || l.trim_start().starts_with("- [x]")
            })?;
            let mut out: Vec<&str> = lines.clone();
            out.remove(n);
            Some(out.join("\n") + "\n")
        }
        // A checklist item reworded (its made-up id changes with it).
        8 => {
            let n = pick(rng, &|l| {
                l.trim_start().starts_with("- [ ]") || l.trim_start().starts_with("- [x]")
            })?;
            Some(with_line(n, format!("{} again", lines[n].trim_end())))
        }
        // The title of a task with an id of its own changed (a table
        // row's, or an item's that starts with its id).
        9 => {
            let n = pick(rng, &|l| id_of(l).is_some() && l.contains(" the "))?;
            Some(with_line(n, lines[n].replacen(" the ", " our ", 1)))
        }
        // A task with an id of its own added below another: its row or
        // item again, with a new id of the same prefix.
        10 => {
            let n = pick(rng, &|l| id_of(l).is_some())?;
            let id = id_of(lines[n])?;
            let (prefix, _) = id.rsplit_once('-')?;
            let fresh = format!("{prefix}-9{:02}", rng.below(100));
            if text.contains(&fresh) {
                return None;
            }
            let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            out.insert(n + 1, lines[n].replacen(&id, &fresh, 1));
            Some(out.join("\n") + "\n")
        }
        // A task with an id of its own deleted.
        11 => {
            let n = pick(rng, &|l| id_of(l).is_some())?;
            let mut out: Vec<&str> = lines.clone();
            out.remove(n);
            Some(out.join("\n") + "\n")
        }
        // A sentence naming a task, mostly another page's, inserted after
        // a paragraph.
        12 => {
            let id = ids[rng.below(ids.len())];
            let n = pick(rng, &|l| l.is_empty())?;
            let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            out.insert(n, format!("\nFollowed up on {id} with the team."));
            Some(out.join("\n") + "\n")
        }
        // A task of another page reported done in a session's list (a
        // definition of it beside its plan's), below a line of the list.
        13 => {
            let id = ids[rng.below(ids.len())];
            let n = pick(rng, &|l| l.starts_with("- ✅ "))?;
            let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            out.insert(n + 1, format!("- ✅ {id} merged after review"));
            Some(out.join("\n") + "\n")
        }
        // Such a report deleted.
        14 => {
            let n = pick(rng, &|l| l.starts_with("- ✅ ") && l.ends_with(" merged after review"))?;
            let mut out: Vec<&str> = lines.clone();
            out.remove(n);
            Some(out.join("\n") + "\n")
        }
        // A link to another page (from the root) and a path to a file not
        // written yet, inserted after a paragraph.
        15 => {
            let n = pick(rng, &|l| l.trim().is_empty())?;
            let page = &pages[rng.below(pages.len())];
            let mut out: Vec<&str> = lines.clone();
            let line = format!("See [the related page](/{page}) and `notes/design-draft.md`.");
            out.insert(n + 1, &line);
            out.insert(n + 2, "");
            Some(out.join("\n") + "\n")
        }
        // A table row's status changed.
        5 => {
            let words = [("✅ Done", "🚧 In progress"), ("⏳ Todo", "✅ Done"), ("WIP", "Done")];
            let n = pick(rng, &|l| l.starts_with('|') && words.iter().any(|(a, _)| l.contains(a)))?;
            let (from, to) = words.iter().find(|(a, _)| lines[n].contains(a))?;
            Some(with_line(n, lines[n].replacen(from, to, 1)))
        }
        // A figure changed.
        _ => {
            let n = pick(rng, &|l| l.bytes().any(|b| b.is_ascii_digit()))?;
            let at = lines[n].find(|c: char| c.is_ascii_digit())?;
            let mut line = lines[n].to_string();
            let digit = line.as_bytes()[at];
            let other = if digit == b'9' { '1' } else { (digit + 1) as char };
            line.replace_range(at..=at, &other.to_string());
            Some(with_line(n, line))
        }
    }
}

/// `before` with a change put in by `apply`, checked against a full link
/// of the tree as it is now; `what` names the change when they differ.
fn spliced_as_linked(
    config: &BuildConfig,
    before: &Site,
    apply: impl FnOnce(&mut Site),
    what: &str,
) -> Site {
    let mut site = before.clone();
    apply(&mut site);
    let (full, _) = load(config);
    assert!(site == full, "{what}, spliced wrong:\n{}", first_difference(&site, &full));
    site
}

/// The first line where two sites' dumps differ, to say what a splice got
/// wrong.
fn first_difference(spliced: &Site, full: &Site) -> String {
    let (a, b) = (format!("{spliced:#?}"), format!("{full:#?}"));
    let at = a.lines().zip(b.lines()).position(|(x, y)| x != y).unwrap_or(0);
    let context = |dump: &str| {
        dump.lines().skip(at.saturating_sub(8)).take(12).collect::<Vec<_>>().join("\n")
    };
    format!("spliced:\n{}\n\nfull link:\n{}", context(&a), context(&b))
}

#[test]
fn every_edit_the_splice_takes_gives_the_site_a_full_link_gives() {
    let (temp, config, before, ctx) = generated(7);
    let pages: Vec<String> = before
        .documents
        .iter()
        .filter(|d| d.format == SourceFormat::Markdown && d.kind != DocKind::Evidence)
        .map(|d| d.path.clone())
        .collect();
    assert!(pages.len() > 100, "{} markdown pages", pages.len());
    // Each id's definitions in the other files, which the splice merges
    // again with the edited page's.
    let all: Vec<Parsed> = attestor::discover::discover(&config)
        .files
        .iter()
        .map(|file| parse::read(&ctx, file))
        .collect();
    let definitions = |id: &str, except: &str| -> Vec<attestor::model::Task> {
        let others = all.iter().filter(|p| p.document.path != except);
        others.flat_map(|p| &p.tasks).filter(|t| t.id == id).cloned().collect()
    };
    let ids: Vec<&str> = before.tasks.iter().filter(|t| t.named).map(|t| t.id.as_str()).collect();
    let mut rng = Rng(0x5eed_1234_abcd);
    let (mut spliced, mut refused) = (vec![0; 16], vec![0; 16]);
    for round in 0..320 {
        let kind = round % 16;
        // A page with a place for the edit (a table, a box, a figure).
        let Some((rel, original, edited)) = (0..50).find_map(|_| {
            let rel = &pages[rng.below(pages.len())];
            let original = std::fs::read_to_string(temp.path().join(rel)).unwrap();
            let edited = edit(&original, kind, &mut rng, &ids, &pages)?;
            Some((rel, original, edited))
        }) else {
            continue;
        };
        let path = temp.path().join(rel);
        let old = parse_one(&config, &ctx, rel);
        std::fs::write(&path, &edited).unwrap();
        let new = parse_one(&config, &ctx, rel);
        match splice::prepare(&config, &ctx.ids, &before, &old, &new, &definitions) {
            Ok(patch) => {
                let what = format!("edit {kind} of {rel}, round {round}");
                spliced_as_linked(&config, &before, |site| patch.apply(site), &what);
                spliced[kind] += 1;
            }
            Err(_) => refused[kind] += 1,
        }
        std::fs::write(&path, &original).unwrap();
    }
    // Prose edits are taken, moved lines too, most changed statuses, most
    // checklist items added, deleted or reworded, most tasks with ids of
    // their own added or deleted, most sentences that name a task, and
    // reports of another page's task where no log is named beside them.
    eprintln!("spliced {spliced:?}, refused {refused:?}");
    assert!(spliced[0] >= 16, "appended paragraphs spliced: {spliced:?}, refused: {refused:?}");
    assert!(spliced[1] >= 8, "changed words spliced: {spliced:?}, refused: {refused:?}");
    assert!(spliced[2] >= 10, "inserted paragraphs spliced: {spliced:?}, refused: {refused:?}");
    assert!(spliced[3] >= 8, "ticked boxes spliced: {spliced:?}, refused: {refused:?}");
    assert!(spliced[5] >= 8, "table statuses spliced: {spliced:?}, refused: {refused:?}");
    assert!(spliced[6] >= 12, "new items spliced: {spliced:?}, refused: {refused:?}");
    assert!(spliced[7] >= 12, "deleted items spliced: {spliced:?}, refused: {refused:?}");
    assert!(spliced[8] >= 12, "reworded items spliced: {spliced:?}, refused: {refused:?}");
    assert!(spliced[9] >= 10, "retitled tasks spliced: {spliced:?}, refused: {refused:?}");
    assert!(spliced[10] >= 14, "new named tasks spliced: {spliced:?}, refused: {refused:?}");
    assert!(spliced[11] >= 10, "deleted named tasks spliced: {spliced:?}, refused: {refused:?}");
    assert!(spliced[12] >= 14, "tasks named in prose spliced: {spliced:?}, refused: {refused:?}");
    // A session's list of what was done names its logs too, most of the
    // time: a task reported there is linked to them, and that is linked
    // whole.
    assert!(spliced[13] >= 5, "reports added spliced: {spliced:?}, refused: {refused:?}");
    assert!(spliced[14] >= 4, "reports deleted spliced: {spliced:?}, refused: {refused:?}");
    assert!(spliced[15] >= 14, "links added spliced: {spliced:?}, refused: {refused:?}");
}

/// One edit of an evidence file's `text` of the kind `kind`, as a new run
/// writes it; `None` when the text has no place for it.
fn edit_evidence(text: &str, kind: usize, rng: &mut Rng, others: &[String]) -> Option<String> {
    match kind {
        // A run that passed fails, or the other way round.
        0 => {
            let (from, to) = match rng.below(2) {
                0 => ("passed", "failed"),
                _ => ("PASS", "FAIL"),
            };
            text.contains(from).then(|| text.replacen(from, to, 1))
        }
        // A count changes: the first figure of a line that speaks of tests.
        1 => {
            let lines: Vec<&str> = text.lines().collect();
            let wanted = |l: &str| {
                let lower = l.to_ascii_lowercase();
                (lower.contains("test") || lower.contains("pass") || lower.contains("cover"))
                    && l.bytes().any(|b| b.is_ascii_digit())
            };
            let found: Vec<usize> = (0..lines.len()).filter(|&n| wanted(lines[n])).collect();
            let n = *found.get(rng.below(found.len().max(1)))?;
            let line = lines[n];
            let at = line.find(|c: char| c.is_ascii_digit())?;
            let end = line[at..].find(|c: char| !c.is_ascii_digit()).map_or(line.len(), |e| at + e);
            let figure: u64 = line[at..end].parse().ok()?;
            let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            out[n] = format!("{}{}{}", &line[..at], figure + 1 + rng.below(5) as u64, &line[end..]);
            Some(out.join("\n") + "\n")
        }
        // A failure reported at the end.
        2 => Some(format!("{text}\nFAILED tests/test_more.py::test_edge_case - AssertionError\n")),
        // A run cut off halfway.
        3 => {
            let lines: Vec<&str> = text.lines().collect();
            (lines.len() > 4).then(|| lines[..lines.len() / 2].join("\n") + "\n")
        }
        // Another run of the same tool written over it, under the first
        // line that says what it is a run of.
        _ => {
            let (head, _) = text.split_once('\n')?;
            let other = &others[rng.below(others.len())];
            let (_, rest) = other.split_once('\n')?;
            Some(format!("{head}\n{rest}"))
        }
    }
}

#[test]
fn every_evidence_edit_the_splice_takes_gives_the_site_a_full_link_gives() {
    let (_temp, config, before, ctx) = generated(11);
    let files = attestor::discover::discover(&config).files;
    let all: Vec<Parsed> = files.iter().map(|file| parse::read(&ctx, file)).collect();
    let logs: Vec<&SourceFile> = files
        .iter()
        .zip(&all)
        .filter(|(_, p)| p.evidence.is_some() && p.document.format != SourceFormat::Markdown)
        .filter(|(f, _)| {
            before.evidence.iter().any(|e| e.path == f.rel && !e.referenced_by.is_empty())
        })
        .map(|(f, _)| f)
        .collect();
    assert!(logs.len() > 20, "{} evidence files that pages name", logs.len());
    let parsed_claims =
        |page: &str| all.iter().find(|p| p.document.path == page).map(|p| p.claims.clone());
    let mut rng = Rng(0x10c5_fa11_0dd5);
    let (mut spliced, mut refused) = (vec![0; 5], vec![0; 5]);
    let mut verdicts_changed = 0;
    for round in 0..100 {
        let kind = round % 5;
        let Some((file, original, edited)) = (0..50).find_map(|_| {
            let file = logs[rng.below(logs.len())];
            let original = std::fs::read_to_string(&file.abs).ok()?;
            let extension = |rel: &str| rel.rsplit('.').next().unwrap_or("").to_string();
            let others: Vec<String> = logs
                .iter()
                .filter(|f| f.rel != file.rel && extension(&f.rel) == extension(&file.rel))
                .filter_map(|f| std::fs::read_to_string(&f.abs).ok())
                .collect();
            if others.is_empty() {
                return None;
            }
            let edited = edit_evidence(&original, kind, &mut rng, &others)?;
            (edited != original).then_some((file, original, edited))
        }) else {
            continue;
        };
        let old = parse::read(&ctx, file);
        std::fs::write(&file.abs, &edited).unwrap();
        let new = parse::read(&ctx, file);
        match splice::prepare_evidence(&config, &before, &old, &new, &parsed_claims) {
            Ok(patch) => {
                let what = format!("edit {kind} of {}, round {round}", file.rel);
                let site = spliced_as_linked(&config, &before, |site| patch.apply(site), &what);
                let verdicts = |s: &Site| -> Vec<_> {
                    s.tasks.iter().map(|t| t.verification).collect::<Vec<_>>()
                };
                if verdicts(&site) != verdicts(&before) {
                    verdicts_changed += 1;
                }
                spliced[kind] += 1;
            }
            Err(why) => {
                eprintln!("edit {kind} of {} refused: {why}", file.rel);
                refused[kind] += 1
            }
        }
        std::fs::write(&file.abs, &original).unwrap();
    }
    eprintln!("spliced {spliced:?}, refused {refused:?}, {verdicts_changed} changed a verdict");
    for (kind, what) in
        ["outcomes", "counts", "failures added", "runs cut off", "other runs"].iter().enumerate()
    {
        assert!(spliced[kind] >= 10, "{what} spliced: {spliced:?}, refused: {refused:?}");
    }
    assert!(verdicts_changed >= 10, "{verdicts_changed} splices changed a task's verdict");
}

#[test]
fn every_new_run_the_splice_takes_gives_the_site_a_full_link_gives() {
    let (temp, config, before, ctx) = generated(13);
    let logs: Vec<String> = before
        .evidence
        .iter()
        .filter(|e| {
            attestor::model::document_at(&before.documents, &e.path)
                .is_some_and(|d| d.format != SourceFormat::Markdown && d.image_uri.is_none())
        })
        .map(|e| e.path.clone())
        .collect();
    assert!(logs.len() > 20, "{} evidence files", logs.len());
    let mut rng = Rng(0x0e57_2026_1205);
    let (mut spliced, mut refused, mut linked) = (0, 0, 0);
    for round in 0..40 {
        // A run of the same suite again, beside the last one, with its
        // outcome flipped on odd rounds.
        let rel = &logs[rng.below(logs.len())];
        let text = std::fs::read_to_string(temp.path().join(rel)).unwrap();
        let text = match round % 2 {
            0 => text,
            _ => text.replacen("passed", "failed", 1).replacen("PASS", "FAIL", 1),
        };
        let (folder, name) = rel.rsplit_once('/').unwrap_or(("", rel));
        let (stem, extension) = name.split_once('.').unwrap_or((name, "log"));
        let new_rel = format!("{folder}/{stem}-rerun{round}.{extension}");
        std::fs::write(temp.path().join(&new_rel), &text).unwrap();
        let files = attestor::discover::discover(&config).files;
        let file = files.iter().find(|f| f.rel == new_rel).expect("the new file is read");
        match splice::prepare_new_evidence(&config, &ctx.ids, &before, &parse::read(&ctx, file)) {
            Ok(patch) => {
                let what = format!("{new_rel}, round {round}");
                let site = spliced_as_linked(&config, &before, |site| patch.apply(site), &what);
                let e = attestor::model::evidence_at(&site.evidence, &new_rel).unwrap();
                linked += usize::from(!e.tasks.is_empty());
                spliced += 1;
            }
            Err(why) => {
                eprintln!("{new_rel} refused: {why}");
                refused += 1;
            }
        }
        std::fs::remove_file(temp.path().join(&new_rel)).unwrap();
    }
    eprintln!("spliced {spliced}, refused {refused}, {linked} linked to tasks");
    assert!(spliced >= 30, "new runs spliced: {spliced}, refused: {refused}");
    assert!(linked >= 15, "{linked} new runs linked to tasks");
}
