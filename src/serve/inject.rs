//! What `serve` adds to the pages it serves, never to the files `build`
//! writes: the reload script, and the banner of a build that failed.
//!
//! Both stay within the page's Content-Security-Policy (`script-src
//! 'self'`, `style-src 'self'`, `default-src 'none'`): the script is a file
//! of the server, and it polls by adding a `<script src>` of the server's
//! own, which needs no `connect-src`. The banner is plain markup styled by
//! a stylesheet of the server.

use crate::render::pages::escape;
use crate::serve::route::PREFIX;

/// `/__attestor/reload.js`: polls the server for a new portal and reloads
/// the page when there is one. Each poll is a script the server answers
/// once the generation the page was served at is gone (`location.reload()`)
/// or after a while (`attestorServe.poll()`, to ask again); a server that
/// went away is asked again every second.
pub(crate) const RELOAD_JS: &str = r#"// attestor serve: reloads this page when the portal is rebuilt.
(function () {
  "use strict";
  var me = document.currentScript;
  var since = (me && me.getAttribute("data-generation")) || "0";
  function poll() {
    var s = document.createElement("script");
    s.src = "/__attestor/events.js?since=" + encodeURIComponent(since) + "&t=" + Date.now();
    s.onload = function () { s.remove(); };
    s.onerror = function () { s.remove(); setTimeout(poll, 1000); };
    document.head.appendChild(s);
  }
  window.attestorServe = { poll: poll };
  // After the load event: a script still loading would hold it (and the
  // browser's busy indicator) for as long as the poll waits.
  if (document.readyState === "complete") { poll(); } else { window.addEventListener("load", poll); }
})();
"#;

/// `/__attestor/serve.css`: the banner of a failed build, on top of the page.
pub(crate) const SERVE_CSS: &str = ".attestor-serve-error{position:sticky;top:0;z-index:1000;\
margin:0;padding:.75rem 1rem;background:#fde8e8;color:#7a1010;border-bottom:3px solid #b91c1c;\
font:14px/1.4 system-ui,sans-serif}\n.attestor-serve-error pre{margin:.5rem 0 0;\
white-space:pre-wrap;font:13px/1.4 ui-monospace,monospace}\n";

/// What a poll answers once the portal changed.
pub(crate) const EVENTS_CHANGED: &str = "location.reload();\n";

/// What a poll answers when nothing changed for a while: ask again.
pub(crate) const EVENTS_AGAIN: &str = "window.attestorServe && window.attestorServe.poll();\n";

/// A served page: `html` with the reload script (naming `generation`) at
/// the end of its body and, when the last build failed, the banner with
/// `error` at the top of it.
pub(crate) fn page(html: &str, generation: u64, error: Option<&str>) -> String {
    let script =
        format!("<script src=\"{PREFIX}reload.js\" data-generation=\"{generation}\"></script>");
    let mut out = String::with_capacity(html.len() + script.len() + 512);
    let (head, body) = match (error, body_start(html)) {
        (Some(_), Some(at)) => html.split_at(at),
        (Some(_), None) => ("", html),
        (None, _) => (html, ""),
    };
    out.push_str(head);
    if let Some(error) = error {
        out.push_str(&banner(error));
    }
    out.push_str(body);
    match out.rfind("</body>") {
        Some(at) => out.insert_str(at, &script),
        None => out.push_str(&script),
    }
    out
}

/// Where the body's content starts: just after `<body …>`.
fn body_start(html: &str) -> Option<usize> {
    let tag = html.find("<body")?;
    let end = html[tag..].find('>')?;
    Some(tag + end + 1)
}

/// The banner of a failed build, with its own stylesheet.
fn banner(error: &str) -> String {
    format!(
        "<link rel=\"stylesheet\" href=\"{PREFIX}serve.css\"><div class=\"attestor-serve-error\" \
         role=\"alert\"><strong>attestor serve: the last build failed; this page is from the last \
         build that worked. Fix the error and save: the page reloads.</strong><pre>{}</pre></div>",
        escape(error)
    )
}

/// The page shown for every path when no build has worked yet.
pub(crate) fn error_page(error: &str, generation: u64) -> String {
    let html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'self'; script-src 'self'; base-uri 'none'\">\
         <title>Build failed · attestor serve</title></head><body></body></html>\n";
    page(html, generation, Some(error))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reload_script_goes_at_the_end_of_the_body() {
        let html = "<html><body class=\"x\"><main>hi</main></body></html>";
        assert_eq!(
            page(html, 3, None),
            "<html><body class=\"x\"><main>hi</main><script src=\"/__attestor/reload.js\" \
             data-generation=\"3\"></script></body></html>"
        );
        // Minified pages may leave out `</body>`.
        assert!(page("<main>hi</main>", 1, None).ends_with("data-generation=\"1\"></script>"));
    }

    #[test]
    fn a_failed_build_shows_its_error_escaped_on_top() {
        let served = page("<html><body><main>hi</main></body></html>", 2, Some("bad <tag> & co"));
        let banner_at = served.find("attestor-serve-error").unwrap();
        assert!(banner_at < served.find("<main>").unwrap());
        assert!(served.contains("<pre>bad &lt;tag&gt; &amp; co</pre>"));
        assert!(error_page("boom", 0).contains("<pre>boom</pre>"));
    }
}
