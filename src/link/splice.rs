//! A changed document put into the site linked before the change, when the
//! change reaches no page but the document's own: `attestor serve`'s
//! one-file rebuild.
//!
//! Everything a document gives the rest of the portal is in its parse but
//! for its markdown body: its tasks, phases, claims, references, headings,
//! dates and diagnostics, each at its line. When a new parse equals the old
//! one in all of that (prose written or reworded, nothing added above a
//! task), the site a full link would make differs from the old one only in
//! the document's body, size and line count. The body is rendered again
//! with the URLs the site already has; if its links resolve differently
//! (a new broken link), or the lines the cross-document checks read
//! changed, the change is refused and the caller links the whole tree
//! again. `tests::a_splice_gives_the_site_a_full_link_gives` holds the
//! promise against full links of edited trees.

use crate::config::BuildConfig;
use crate::link::bodies::{self, Paths};
use crate::model::{Document, Site, SourceFormat};
use crate::parse::Parsed;
use crate::parse::ids::IdMatcher;

/// A change ready to go into a site: what [`prepare`] found.
#[derive(Debug)]
pub struct Patch {
    /// The document's index in the site.
    idx: usize,
    body_html: String,
    n_lines: usize,
    size: u64,
}

impl Patch {
    /// Puts the change into the site it was prepared against.
    pub fn apply(self, site: &mut Site) {
        let doc = &mut site.documents[self.idx];
        doc.body_html = self.body_html;
        doc.n_lines = self.n_lines;
        doc.size = self.size;
    }
}

/// Prepares the change from `old` to `new` (two parses of one markdown
/// file) for `site`, the full link of a tree in which the file read as
/// `old`; `Err` says why only a full link can take the change.
pub fn prepare(
    config: &BuildConfig,
    ids: &IdMatcher,
    site: &Site,
    old: &Parsed,
    new: &Parsed,
) -> Result<Patch, &'static str> {
    let path = old.document.path.as_str();
    if config.git {
        return Err("the history read from git may change");
    }
    let markdown = |p: &Parsed| p.document.format == SourceFormat::Markdown;
    if !markdown(old) || !markdown(new) || old.evidence.is_some() {
        return Err("it is not a markdown page");
    }
    let (Some((old_body, old_first)), Some((new_body, new_first))) =
        (&old.document.markdown, &new.document.markdown)
    else {
        return Err("it has no markdown body");
    };
    if without_body(old) != without_body(new) {
        return Err("what it says beyond its prose changed");
    }
    // The claims' own lines are read by the cross-document checks (a
    // change `0% → 83%` is not a contradiction).
    let line = |body: &str, first: usize, n: usize| {
        n.checked_sub(first).and_then(|at| body.lines().nth(at)).map(str::to_string)
    };
    let claim_lines_kept = old.claims.iter().all(|claim| {
        let n = claim.source.line;
        line(old_body, *old_first, n) == line(new_body, *new_first, n)
    });
    if !claim_lines_kept {
        return Err("a line that states a figure changed");
    }
    let Ok(idx) = site.documents.binary_search_by(|d| d.path.as_str().cmp(path)) else {
        return Err("the site does not have it");
    };
    // A markdown file another document names as evidence is evidence.
    if site.evidence.binary_search_by(|e| e.path.as_str().cmp(path)).is_ok() {
        return Err("it is evidence");
    }
    let doc = &site.documents[idx];
    let paths = Paths::new(config, &site.documents);
    let render = |body: &str, first: usize| {
        bodies::render_body(config, ids, &paths, &site.tasks, doc, body, first)
    };
    let (_, old_diagnostics) = render(old_body, *old_first);
    let (body_html, new_diagnostics) = render(new_body, *new_first);
    if old_diagnostics != new_diagnostics {
        return Err("its links resolve differently");
    }
    Ok(Patch { idx, body_html, n_lines: new.document.n_lines, size: new.document.size })
}

/// A parse with what only the document's own page shows taken out.
fn without_body(parsed: &Parsed) -> Parsed {
    let mut kept = parsed.clone();
    let doc: &mut Document = &mut kept.document;
    doc.markdown = None;
    doc.n_lines = 0;
    doc.size = 0;
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{BuildArgs, resolve};
    use crate::discover::SourceFile;
    use crate::parse::{ParseContext, read};

    fn config(root: &std::path::Path) -> BuildConfig {
        let args = BuildArgs { root: Some(root.to_path_buf()), ..BuildArgs::default() };
        resolve(&args).unwrap().0
    }

    const PLAN: &str = "---\ntitle: Plan A\ndate: 2026-03-02\n---\n# Plan A\n\nIntro prose.\n\n\
        ## Tasks\n\n- [x] **T1.1** Write the parser (see [log](../logs/t1.log)) ✅ 12/12 tests passed\n\
        - [ ] **T1.2** Render the pages, after T1.1\n\n## Notes\n\nMore prose here.\n";

    fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write("plans/a.md", PLAN);
        write("logs/t1.log", "running 12 tests\ntest result: ok. 12 passed; 0 failed\n");
        write(
            "sessions/2026-03-03.md",
            "# Session 2026-03-03\n\n- T1.1 done, 12/12 tests passed\n- Next: T1.2\n",
        );
        write("notes.md", "# Notes\n\nSee [the plan](plans/a.md) and T1.2.\n");
        dir
    }

    fn parse_one(config: &BuildConfig, ctx: &ParseContext, rel: &str) -> Parsed {
        let abs = config.root.join(rel);
        let format = crate::discover::format_of(rel);
        read(ctx, &SourceFile { abs, rel: rel.to_string(), format, in_evidence_dir: false })
    }

    /// Edits `rel` in a fresh tree to `text`; splices the change into the
    /// site of the tree before it, and compares with a full link of the
    /// edited tree. `Ok(())` when it was spliced.
    fn splice_and_compare(rel: &str, edit: impl Fn(&str) -> String) -> Result<(), &'static str> {
        let dir = tree();
        let config = config(dir.path());
        let (ctx, _) = ParseContext::new(&config, &[]);
        let mut site = crate::load(&config, Vec::new());
        let old = parse_one(&config, &ctx, rel);
        let before = std::fs::read_to_string(dir.path().join(rel)).unwrap();
        std::fs::write(dir.path().join(rel), edit(&before)).unwrap();
        let new = parse_one(&config, &ctx, rel);
        let patch = prepare(&config, &ctx.ids, &site, &old, &new)?;
        patch.apply(&mut site);
        let full = crate::load(&config, Vec::new());
        assert!(site == full, "{rel}: the splice and the full link differ");
        Ok(())
    }

    #[test]
    fn a_splice_gives_the_site_a_full_link_gives() {
        let appended = |t: &str| format!("{t}\nA new paragraph, with **bold** words.\n");
        assert_eq!(splice_and_compare("plans/a.md", appended), Ok(()));
        assert_eq!(splice_and_compare("notes.md", appended), Ok(()));
        let reworded = |t: &str| t.replace("More prose here.", "Other words, same line.");
        assert_eq!(splice_and_compare("plans/a.md", reworded), Ok(()));
        let intro = |t: &str| t.replace("Intro prose.", "Intro prose, longer now.");
        assert_eq!(splice_and_compare("plans/a.md", intro), Ok(()));
    }

    #[test]
    fn a_change_other_pages_see_is_refused() {
        type Edit = fn(&str) -> String;
        let cases: [(&str, Edit); 8] = [
            // A link is a backlink on the page it names.
            ("plans/a.md", |t| format!("{t}\nAlso [the notes](../notes.md).\n")),
            // A line added above the tasks moves them.
            ("plans/a.md", |t| t.replace("Intro prose.", "Intro prose.\n\nA second paragraph.")),
            ("plans/a.md", |t| t.replace("- [ ] **T1.2**", "- [x] **T1.2**")),
            ("plans/a.md", |t| t.replace("Render the pages", "Render every page")),
            ("plans/a.md", |t| t.replace("title: Plan A", "title: Plan B")),
            ("plans/a.md", |t| format!("{t}\n- [ ] **T1.3** One more task\n")),
            // A new broken link is a new warning.
            ("plans/a.md", |t| format!("{t}\nSee [gone](../logs/missing.log).\n")),
            ("sessions/2026-03-03.md", |t| t.replace("12/12 tests", "11/12 tests")),
        ];
        for (rel, edit) in cases {
            let refused = splice_and_compare(rel, edit);
            assert!(refused.is_err(), "{rel}: {:?} was spliced", edit(""));
        }
    }

    #[test]
    fn evidence_and_other_formats_are_refused() {
        let dir = tree();
        let config = config(dir.path());
        let (ctx, _) = ParseContext::new(&config, &[]);
        let site = crate::load(&config, Vec::new());
        let old = parse_one(&config, &ctx, "logs/t1.log");
        assert_eq!(
            prepare(&config, &ctx.ids, &site, &old, &old).err(),
            Some("it is not a markdown page")
        );
    }
}
