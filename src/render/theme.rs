//! The theme: templates, CSS and static files, embedded with per-file overrides.
//!
//! The default theme is compiled into the binary, so attestor works with no
//! theme folder on disk. Two places override it, file by file:
//!
//! - a theme folder (`theme` in `attestor.toml`, inside ROOT: the config
//!   refuses one outside) replaces any file by name:
//!   `templates/dashboard.html`, `css/style.css`, or adds files under
//!   `static/`;
//! - `templates/` beside `attestor.toml` replaces templates by name, and
//!   wins over the theme folder: it is the project's own word.
//!
//! A template whose name is none of the theme's is read only when another
//! template includes, extends or imports it; otherwise a warning names it
//! with the nearest known name, so a misspelt override does not pass
//! unnoticed. A file that leads outside its folder through a symlink, or
//! that is no regular file, is never read: a diagnostic names it and the
//! default stands in. Templates are compiled once here; a broken template
//! stops the build with its name and the error.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use tera::Tera;

use crate::config::BuildConfig;
use crate::diagnostics::Diagnostic;

/// The default theme's templates, by name relative to `templates/`.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../themes/default/templates/base.html")),
    ("components.html", include_str!("../../themes/default/templates/components.html")),
    ("dashboard.html", include_str!("../../themes/default/templates/dashboard.html")),
    ("document.html", include_str!("../../themes/default/templates/document.html")),
    ("files.html", include_str!("../../themes/default/templates/files.html")),
    ("task.html", include_str!("../../themes/default/templates/task.html")),
    ("tasks.html", include_str!("../../themes/default/templates/tasks.html")),
    ("facet.html", include_str!("../../themes/default/templates/facet.html")),
    ("facets.html", include_str!("../../themes/default/templates/facets.html")),
    ("facet-rows.html", include_str!("../../themes/default/templates/facet-rows.html")),
    ("task-table.html", include_str!("../../themes/default/templates/task-table.html")),
    ("task-row.html", include_str!("../../themes/default/templates/task-row.html")),
    ("file-rows.html", include_str!("../../themes/default/templates/file-rows.html")),
    ("diagnostic-rows.html", include_str!("../../themes/default/templates/diagnostic-rows.html")),
    ("claims.html", include_str!("../../themes/default/templates/claims.html")),
    ("audit.html", include_str!("../../themes/default/templates/audit.html")),
    ("history.html", include_str!("../../themes/default/templates/history.html")),
    ("evidence-summary.html", include_str!("../../themes/default/templates/evidence-summary.html")),
    ("404.html", include_str!("../../themes/default/templates/404.html")),
    ("plans.html", include_str!("../../themes/default/templates/plans.html")),
    ("plan-rows.html", include_str!("../../themes/default/templates/plan-rows.html")),
    ("attention.html", include_str!("../../themes/default/templates/attention.html")),
    ("attention-rows.html", include_str!("../../themes/default/templates/attention-rows.html")),
    ("document_tasks.html", include_str!("../../themes/default/templates/document_tasks.html")),
    ("graph.html", include_str!("../../themes/default/templates/graph.html")),
    ("search.html", include_str!("../../themes/default/templates/search.html")),
    ("burnup.html", include_str!("../../themes/default/templates/burnup.html")),
];

/// The default theme's static files, by path relative to `static/`; they
/// are published under `assets/`, and a project's theme replaces any by name.
const STATICS: &[(&str, &[u8])] = &[
    ("search.js", include_bytes!("../../themes/default/static/search.js")),
    ("tracker.js", include_bytes!("../../themes/default/static/tracker.js")),
];

/// The default theme's stylesheet.
const STYLE_CSS: &str = include_str!("../../themes/default/css/style.css");

/// A loaded theme, ready to render.
pub struct Theme {
    /// The compiled templates.
    pub tera: Tera,
    /// The stylesheet source (minified later by `assets`).
    pub css: String,
    /// Extra static files: path relative to `static/`, bytes.
    pub statics: Vec<(String, Vec<u8>)>,
    /// The project's theme files that were not read, and why.
    pub diagnostics: Vec<Diagnostic>,
    /// The templates whose text is the default theme's own: what
    /// `render::pages::task_row` asks before it writes a row directly.
    defaults: Vec<&'static str>,
}

impl Theme {
    /// Whether the template `name` is the default theme's own text, not
    /// overridden by the project.
    pub fn is_default(&self, name: &str) -> bool {
        self.defaults.contains(&name)
    }
}

/// Loads the default theme, with the files of the project's theme folder
/// (`config.theme_dir`, inside ROOT) overriding it; `None` loads the default
/// theme alone. Theme files that are not read are diagnostics of the theme.
pub fn load(config: Option<&BuildConfig>) -> anyhow::Result<Theme> {
    load_with(config, false)
}

/// [`load`], with each template's own whitespace removed first when
/// `compact` (see `render::compact`), as builds that minify do.
pub fn load_with(config: Option<&BuildConfig>, compact: bool) -> anyhow::Result<Theme> {
    let mut sources: Vec<(String, String)> =
        TEMPLATES.iter().map(|(name, text)| (name.to_string(), text.to_string())).collect();
    let mut css = STYLE_CSS.to_string();
    let mut statics: Vec<(String, Vec<u8>)> =
        STATICS.iter().map(|(rel, bytes)| (rel.to_string(), bytes.to_vec())).collect();
    let mut diagnostics = Vec::new();
    let mut extra = Vec::new();
    if let Some((config, dir)) = config.and_then(|c| Some((c, c.theme_dir.as_deref()?))) {
        let shown = crate::fs::rel_path(&config.root, dir);
        let dir =
            dir.canonicalize().with_context(|| format!("theme folder `{shown}` does not exist"))?;
        let files = ThemeFiles { config, dir: &dir, folder: "the theme folder" };
        override_templates(
            &files,
            &dir.join("templates"),
            &mut sources,
            &mut extra,
            &mut diagnostics,
        )?;
        if let Some(path) = files.readable(&dir.join("css/style.css"), &mut diagnostics) {
            css = crate::fs::read_to_string(&path)?;
        }
        for (rel, bytes) in read_statics(&files, &mut diagnostics)? {
            match statics.iter_mut().find(|(existing, _)| *existing == rel) {
                Some(slot) => slot.1 = bytes,
                None => statics.push((rel, bytes)),
            }
        }
    }
    // The project's `templates/` comes last, so it wins over the theme folder.
    if let Some((config, dir)) = config.and_then(|c| Some((c, c.templates_dir.as_deref()?))) {
        let files = ThemeFiles { config, dir, folder: "its templates folder" };
        override_templates(&files, dir, &mut sources, &mut extra, &mut diagnostics)?;
    }
    add_included(&mut sources, extra, &mut diagnostics);
    let defaults = TEMPLATES
        .iter()
        .filter(|(name, text)| sources.iter().any(|(n, t)| n == name && t == text))
        .map(|(name, _)| *name)
        .collect();
    if compact {
        for (_, text) in &mut sources {
            *text = crate::render::compact::compact(text);
        }
    }
    let mut tera = Tera::new();
    tera.add_raw_templates(sources.iter().map(|(name, text)| (name.as_str(), text.as_str())))
        .map_err(|err| anyhow::anyhow!("{err}"))
        .context("the theme's templates do not compile")?;
    Ok(Theme { tera, css, statics, diagnostics, defaults })
}

/// A folder of theme files, canonical, and the build whose ROOT names its
/// files.
struct ThemeFiles<'a> {
    config: &'a BuildConfig,
    dir: &'a Path,
    /// The folder as messages name it (`the theme folder`).
    folder: &'a str,
}

impl ThemeFiles<'_> {
    /// A theme file's path relative to ROOT, for messages.
    fn rel(&self, path: &Path) -> String {
        crate::fs::rel_path(&self.config.root, path)
    }

    /// Where to read a theme file if it may be read: it exists, is a regular
    /// file and lies inside the theme folder. The path is its real place, in
    /// the form the user names it (see [`BuildConfig::shown_path`]), so a
    /// failed read names no absolute path. A file that exists but may not
    /// be read is a diagnostic; a folder is passed over.
    fn readable(&self, path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<PathBuf> {
        path.symlink_metadata().ok()?;
        let rel = self.rel(path);
        // `canonicalize` and `metadata` never open the file, so a FIFO cannot block here.
        let problem = match path.canonicalize() {
            Ok(target) if !target.starts_with(self.dir) => {
                format!("leads outside {} through a symlink", self.folder)
            }
            Ok(target) => match target.metadata() {
                Ok(meta) if meta.is_file() => {
                    return Some(self.config.shown_path(&self.rel(&target)));
                }
                Ok(meta) if meta.is_dir() => return None,
                Ok(meta) => {
                    let kind =
                        crate::fs::special_kind(meta.file_type()).unwrap_or("a special file");
                    format!("is {kind}, not a regular file")
                }
                Err(err) => format!("cannot be read: {err}"),
            },
            Err(_) => "is a symlink that leads nowhere".to_string(),
        };
        diagnostics.push(
            Diagnostic::error("A172", &rel, 0, format!("theme file `{rel}` {problem}; it is not read"))
                .with_help(format!("keep the theme's files as regular files inside {}; the default theme's file is used instead", self.folder)),
        );
        None
    }
}

/// Reads the `.html` files of `dir` over the templates of the same name;
/// a file whose name is none of them goes to `extra`, for [`add_included`].
fn override_templates(
    files: &ThemeFiles<'_>,
    dir: &Path,
    sources: &mut [(String, String)],
    extra: &mut Vec<Override>,
    diagnostics: &mut Vec<Diagnostic>,
) -> anyhow::Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("failed to read folder `{}`", files.rel(dir)))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "html"))
        .collect();
    entries.sort();
    for path in entries {
        let Some(target) = files.readable(&path, diagnostics) else { continue };
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let text = crate::fs::read_to_string(&target)?;
        match sources.iter_mut().find(|(existing, _)| *existing == name) {
            Some(slot) => slot.1 = text,
            None => {
                extra.retain(|other| other.name != name);
                extra.push(Override { name, rel: files.rel(&path), text });
            }
        }
    }
    Ok(())
}

/// A template file whose name is none of the theme's.
struct Override {
    /// Its file name, the name templates include it by.
    name: String,
    /// Its path relative to ROOT, for messages.
    rel: String,
    text: String,
}

/// Adds the templates of `extra` that a template includes, extends or
/// imports (by its quoted name); each other one is a warning with the
/// theme's template names, and is not compiled, so a stray HTML file cannot
/// break the build.
fn add_included(
    sources: &mut Vec<(String, String)>,
    mut extra: Vec<Override>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // Included templates may include others: add until nothing changes.
    loop {
        let named = |name: &str| {
            let quoted = [format!("\"{name}\""), format!("'{name}'")];
            sources.iter().any(|(_, text)| quoted.iter().any(|q| text.contains(q.as_str())))
        };
        let Some(idx) = extra.iter().position(|o| named(&o.name)) else { break };
        let used = extra.remove(idx);
        sources.push((used.name, used.text));
    }
    let mut known: Vec<&str> = TEMPLATES.iter().map(|(name, _)| *name).collect();
    known.sort_unstable();
    for unused in extra {
        let nearest = known
            .iter()
            .map(|name| (strsim::levenshtein(name, &unused.name), *name))
            .min()
            .filter(|&(distance, _)| distance <= 3)
            .map(|(_, name)| format!("did you mean `{name}`? "))
            .unwrap_or_default();
        diagnostics.push(
            Diagnostic::warning(
                "A250",
                &unused.rel,
                0,
                format!(
                    "`{}` is not a template of the theme, and no template includes it; it is not used",
                    unused.rel
                ),
            )
            .with_help(format!(
                "{nearest}a template overrides the theme's of the same file name: {}",
                known.join(", ")
            )),
        );
    }
}

fn read_statics(
    files: &ThemeFiles<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let dir = files.dir.join("static");
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut statics = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).follow_links(false).sort_by_file_name() {
        let entry =
            entry.with_context(|| format!("failed to read folder `{}`", files.rel(&dir)))?;
        if entry.file_type().is_dir() {
            continue;
        }
        let Some(target) = files.readable(entry.path(), diagnostics) else { continue };
        let rel = crate::fs::rel_path(&dir, entry.path());
        statics.push((rel, crate::fs::read(&target)?));
    }
    Ok(statics)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{BuildArgs, resolve};

    /// A docs tree with `theme = "theme"` and these files, and its config.
    fn project(files: &[(&str, &str)]) -> (tempfile::TempDir, BuildConfig) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("docs");
        std::fs::create_dir_all(root.join("theme")).unwrap();
        std::fs::write(root.join("attestor.toml"), "theme = \"theme\"\n").unwrap();
        for (rel, text) in files {
            crate::fs::write(&root.join(rel), text.as_bytes()).unwrap();
        }
        let args = BuildArgs {
            root: Some(root),
            out: Some(dir.path().join("public")),
            ..BuildArgs::default()
        };
        let (config, diagnostics) = resolve(&args).unwrap();
        assert_eq!(diagnostics, []);
        (dir, config)
    }

    fn lines(diagnostics: &[Diagnostic]) -> Vec<String> {
        diagnostics.iter().map(|d| format!("{} {}: {}", d.code, d.path, d.message)).collect()
    }

    #[test]
    fn default_theme_compiles() {
        let theme = load(None).unwrap();
        assert!(theme.tera.get_template_names().any(|name| name == "dashboard.html"));
    }

    #[test]
    fn project_template_overrides_by_file_name() {
        let (_dir, config) = project(&[("theme/templates/404.html", "gone {{ root }}")]);
        let theme = load(Some(&config)).unwrap();
        assert_eq!(theme.diagnostics, []);
        let mut context = tera::Context::new();
        context.insert("root", "../");
        assert_eq!(theme.tera.render("404.html", &context).unwrap(), "gone ../");
    }

    #[test]
    fn a_template_is_the_default_until_the_project_overrides_it() {
        let theme = load(None).unwrap();
        assert!(TEMPLATES.iter().all(|(name, _)| theme.is_default(name)));
        let (_dir, config) = project(&[
            ("theme/templates/task-row.html", "<tr><td>{{ t.id }}</td></tr>"),
            ("templates/components.html", TEMPLATES[1].1),
        ]);
        let theme = load(Some(&config)).unwrap();
        assert!(!theme.is_default("task-row.html"));
        // The same text as the default's, read from the project, is the default.
        assert!(theme.is_default("components.html"));
        assert!(theme.is_default("task.html"));
    }

    #[test]
    fn errors_on_broken_override_naming_the_template() {
        let (_dir, config) = project(&[("theme/templates/404.html", "{% if %}")]);
        let err = load(Some(&config)).err().unwrap();
        let text = format!("{err:#}");
        assert!(text.starts_with("the theme's templates do not compile: "), "{text}");
        assert!(text.contains("404.html"), "{text}");
    }

    // See: issue 9 (theme files that are symlinks read files from outside ROOT).
    #[cfg(unix)]
    #[test]
    fn never_reads_theme_files_that_lead_outside_the_theme() {
        let (dir, config) = project(&[("notes.md", "# Notes\n")]);
        let secret = dir.path().join("secret.txt");
        std::fs::write(&secret, "SECRET {{ root }}").unwrap();
        let theme_dir = config.root.join("theme");
        for rel in ["templates/404.html", "css/style.css", "static/leak.txt"] {
            std::fs::create_dir_all(theme_dir.join(rel).parent().unwrap()).unwrap();
            std::os::unix::fs::symlink(&secret, theme_dir.join(rel)).unwrap();
        }
        // A link to a file inside ROOT but outside the theme is refused too.
        std::os::unix::fs::symlink(config.root.join("notes.md"), theme_dir.join("static/n.md"))
            .unwrap();
        let _socket = std::os::unix::net::UnixListener::bind(theme_dir.join("static/s")).unwrap();
        let theme = load(Some(&config)).unwrap();
        let outside = "leads outside the theme folder through a symlink; it is not read";
        assert_eq!(
            lines(&theme.diagnostics),
            [
                format!("A172 theme/templates/404.html: theme file `theme/templates/404.html` {outside}"),
                format!("A172 theme/css/style.css: theme file `theme/css/style.css` {outside}"),
                format!("A172 theme/static/leak.txt: theme file `theme/static/leak.txt` {outside}"),
                format!("A172 theme/static/n.md: theme file `theme/static/n.md` {outside}"),
                "A172 theme/static/s: theme file `theme/static/s` is a socket, not a regular file; it is not read".to_string(),
            ]
        );
        assert_eq!(theme.css, STYLE_CSS);
        let statics: Vec<&str> = theme.statics.iter().map(|(rel, _)| rel.as_str()).collect();
        // Only the default theme's own statics: nothing from outside.
        let defaults: Vec<&str> = STATICS.iter().map(|(rel, _)| *rel).collect();
        assert_eq!(statics, defaults);
        let page = theme.tera.render("404.html", &tera::Context::new());
        assert!(!page.unwrap_or_default().contains("SECRET"));
    }
}
