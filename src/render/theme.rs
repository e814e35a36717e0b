//! The theme: templates, CSS and static files, embedded with per-file overrides.
//!
//! The default theme is compiled into the binary, so attestor works with no
//! theme folder on disk. A project's theme folder (`theme` in
//! `attestor.toml`) replaces any file by name: `templates/dashboard.html`,
//! `css/style.css`, or adds files under `static/`. Templates are compiled
//! once here; a broken template stops the build with its name and the error.

use std::path::Path;

use anyhow::Context as _;
use tera::Tera;

/// The default theme's templates, by name relative to `templates/`.
const TEMPLATES: [(&str, &str); 10] = [
    ("base.html", include_str!("../../themes/default/templates/base.html")),
    ("components.html", include_str!("../../themes/default/templates/components.html")),
    ("dashboard.html", include_str!("../../themes/default/templates/dashboard.html")),
    ("document.html", include_str!("../../themes/default/templates/document.html")),
    ("files.html", include_str!("../../themes/default/templates/files.html")),
    ("task.html", include_str!("../../themes/default/templates/task.html")),
    ("tasks.html", include_str!("../../themes/default/templates/tasks.html")),
    ("claims.html", include_str!("../../themes/default/templates/claims.html")),
    ("audit.html", include_str!("../../themes/default/templates/audit.html")),
    ("404.html", include_str!("../../themes/default/templates/404.html")),
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
}

/// Loads the default theme, with the files of `theme_dir` overriding it.
pub fn load(theme_dir: Option<&Path>) -> anyhow::Result<Theme> {
    let mut sources: Vec<(String, String)> =
        TEMPLATES.iter().map(|(name, text)| (name.to_string(), text.to_string())).collect();
    let mut css = STYLE_CSS.to_string();
    let mut statics = Vec::new();
    if let Some(dir) = theme_dir {
        anyhow::ensure!(dir.is_dir(), "theme folder `{}` does not exist", dir.display());
        override_templates(&dir.join("templates"), &mut sources)?;
        let css_path = dir.join("css/style.css");
        if css_path.is_file() {
            css = crate::fs::read_to_string(&css_path)?;
        }
        statics = read_statics(&dir.join("static"))?;
    }
    let mut tera = Tera::new();
    tera.add_raw_templates(sources.iter().map(|(name, text)| (name.as_str(), text.as_str())))
        .map_err(|err| anyhow::anyhow!("{err}"))
        .context("the theme's templates do not compile")?;
    Ok(Theme { tera, css, statics })
}

fn override_templates(dir: &Path, sources: &mut Vec<(String, String)>) -> anyhow::Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("failed to read folder `{}`", dir.display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "html"))
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let text = crate::fs::read_to_string(&path)?;
        match sources.iter_mut().find(|(existing, _)| *existing == name) {
            Some(slot) => slot.1 = text,
            None => sources.push((name, text)),
        }
    }
    Ok(())
}

fn read_statics(dir: &Path) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        let entry = entry.with_context(|| format!("failed to read folder `{}`", dir.display()))?;
        if entry.file_type().is_file() {
            let rel = crate::fs::rel_path(dir, entry.path());
            files.push((rel, crate::fs::read(entry.path())?));
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_theme_compiles() {
        let theme = load(None).unwrap();
        assert!(theme.tera.get_template_names().any(|name| name == "dashboard.html"));
    }

    #[test]
    fn project_template_overrides_by_file_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/404.html"), "gone {{ root }}").unwrap();
        let theme = load(Some(dir.path())).unwrap();
        let mut context = tera::Context::new();
        context.insert("root", "../");
        assert_eq!(theme.tera.render("404.html", &context).unwrap(), "gone ../");
    }

    #[test]
    fn errors_on_broken_override_naming_the_template() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/404.html"), "{% if %}").unwrap();
        let err = load(Some(dir.path())).err().unwrap();
        let text = format!("{err:#}");
        assert!(text.starts_with("the theme's templates do not compile: "), "{text}");
        assert!(text.contains("404.html"), "{text}");
    }
}
