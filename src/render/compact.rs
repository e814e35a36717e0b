//! Template whitespace removed once, when the theme loads.
//!
//! Templates are indented for their authors; a page needs none of it. Each
//! run of whitespace that holds a line break becomes one line break, which
//! HTML reads exactly as it read the run (one space between inline
//! elements, nothing between blocks), so the pages look the same. What
//! whitespace means is left alone: `<pre>` and `<textarea>` content, and
//! the inside of Tera's `{{ }}`, `{% %}` and `{# #}` (a string there is
//! the author's). This does for a theme, once, most of what an HTML
//! minifier does for every page, at no cost per page.

/// The template with its indentation and blank lines removed.
pub fn compact(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while !rest.is_empty() {
        // What is kept as it is, and where it ends.
        let kept_end = if let Some(close) = tera_close(rest) {
            rest[2..].find(close).map_or(rest.len(), |at| 2 + at + close.len())
        } else if let Some(close) = verbatim_close(rest) {
            find_ignore_case(rest, close).map_or(rest.len(), |at| at + close.len())
        } else {
            0
        };
        if kept_end > 0 {
            out.push_str(&rest[..kept_end]);
            rest = &rest[kept_end..];
            continue;
        }
        let ch = rest.chars().next().unwrap_or(' ');
        if ch.is_ascii_whitespace() {
            let run = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_whitespace()).len();
            let spaces = &rest[..run];
            if spaces.contains('\n') {
                out.push('\n');
            } else {
                out.push_str(spaces);
            }
            rest = &rest[run..];
        } else {
            out.push(ch);
            rest = &rest[ch.len_utf8()..];
        }
    }
    out
}

/// The closing mark of a Tera tag that `text` opens, if it opens one.
fn tera_close(text: &str) -> Option<&'static str> {
    match text.get(..2)? {
        "{{" => Some("}}"),
        "{%" => Some("%}"),
        "{#" => Some("#}"),
        _ => None,
    }
}

/// The closing tag of an element whose whitespace is its content, if
/// `text` opens one.
fn verbatim_close(text: &str) -> Option<&'static str> {
    let bytes = text.as_bytes();
    let opens = |name: &str| {
        bytes.len() > name.len() + 1
            && bytes[0] == b'<'
            && bytes[1..=name.len()].eq_ignore_ascii_case(name.as_bytes())
            && matches!(bytes[name.len() + 1], b'>' | b' ' | b'\n' | b'\t')
    };
    if opens("pre") {
        Some("</pre>")
    } else if opens("textarea") {
        Some("</textarea>")
    } else {
        None
    }
}

/// Where `needle` (ASCII) first occurs in `text`, ignoring case.
fn find_ignore_case(text: &str, needle: &str) -> Option<usize> {
    text.as_bytes().windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::compact;

    #[test]
    fn indentation_and_blank_lines_become_one_line_break() {
        let template = "<ul>\n    <li>a</li>\n\n    <li>b</li>\n</ul>\n";
        assert_eq!(compact(template), "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n");
    }

    #[test]
    fn spaces_on_one_line_are_kept() {
        assert_eq!(compact("<td>a  b</td> <td>c</td>"), "<td>a  b</td> <td>c</td>");
    }

    #[test]
    fn pre_and_textarea_keep_their_whitespace() {
        let template = "<div>\n  <pre class=\"log\">\n  one\n    two\n</pre>\n  <TEXTAREA>\n  x\n</textarea>\n</div>";
        assert_eq!(
            compact(template),
            "<div>\n<pre class=\"log\">\n  one\n    two\n</pre>\n<TEXTAREA>\n  x\n</textarea>\n</div>"
        );
        // `<preview>` is not `<pre>`.
        assert_eq!(compact("<preview>\n   x</preview>"), "<preview>\nx</preview>");
    }

    #[test]
    fn tera_tags_are_left_as_written() {
        let template = "{% if a %}\n    {{ \"one\n   two\" }}\n    {# a\n   note #}\n{% endif %}";
        assert_eq!(
            compact(template),
            "{% if a %}\n{{ \"one\n   two\" }}\n{# a\n   note #}\n{% endif %}"
        );
    }

    #[test]
    fn unclosed_marks_keep_the_rest() {
        assert_eq!(compact("<p>\n  {{ x"), "<p>\n{{ x");
        assert_eq!(compact("<pre>\n  x"), "<pre>\n  x");
        assert_eq!(compact("é\n   ü"), "é\nü");
        assert_eq!(compact("</span> “x”\n  <p>"), "</span> “x”\n<p>");
        assert_eq!(compact("<“>\n  <pré>"), "<“>\n<pré>");
    }
}
