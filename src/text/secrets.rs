//! Credentials in the docs and the evidence, masked before anything reads
//! them.
//!
//! A test log or a deploy log can hold what a tool printed: a cloud key, an
//! API token, a database URL with its password, a private key. The portal
//! publishes logs, so a credential in one would be published too. Every
//! text is read through [`mask`] before it is parsed: each credential-shaped
//! string is overwritten in place with `*` (keeping the few characters that
//! say what kind it is, such as `ghp_` or `AKIA`), and each is returned with
//! its line, for an error that `attestor check` reports before anything is
//! published. Pages, search, `status.json` and the raw copies all come from
//! the masked text.
//!
//! The shapes are those of the issuers' documented formats, and the
//! generic ones (a password in a URL, `api_key = …`) ask for a value that
//! looks random: placeholders (`password`, `<token>`, `${DB_PASS}`,
//! `AKIAIOSFODNN7EXAMPLE`) are left as they are. Masking keeps every
//! character count, so lines and columns stay where they were.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::{Regex, RegexSet};

use crate::text::local::PerThread;
use crate::text::words::{Prepare, WordRegex, WordSet};

/// A credential found and masked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Its 1-based line in the text.
    pub line: usize,
    /// What it looks like, in words (`an AWS access key`).
    pub kind: &'static str,
}

/// One shape of credential.
struct Shape {
    /// What it is, in words.
    kind: &'static str,
    /// The pattern; the secret is capture group 1 when there is one, else
    /// the whole match.
    pattern: &'static str,
    /// How many leading characters of the secret stay readable: a public
    /// prefix that says what the credential is (`ghp_`).
    keep: usize,
}

const SHAPES: &[Shape] = &[
    Shape {
        kind: "an AWS access key",
        pattern: r"\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b",
        keep: 4,
    },
    Shape {
        kind: "an AWS secret key",
        pattern: r#"(?i:aws_?secret(?:_?access)?_?key)["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})\b"#,
        keep: 0,
    },
    Shape { kind: "a GitHub token", pattern: r"\bgh[pousr]_[A-Za-z0-9]{36,255}\b", keep: 4 },
    Shape { kind: "a GitHub token", pattern: r"\bgithub_pat_[A-Za-z0-9_]{22,255}\b", keep: 11 },
    Shape { kind: "a GitLab token", pattern: r"\bglpat-[A-Za-z0-9_-]{20,}", keep: 6 },
    Shape { kind: "a Slack token", pattern: r"\bxox[abposr]-[A-Za-z0-9-]{10,}", keep: 5 },
    Shape {
        kind: "a Slack webhook",
        pattern: r"https://hooks\.slack\.com/services/([A-Za-z0-9/]{20,})",
        keep: 0,
    },
    Shape { kind: "a Stripe key", pattern: r"\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}\b", keep: 8 },
    Shape { kind: "a Google API key", pattern: r"\bAIza[0-9A-Za-z_-]{35}\b", keep: 4 },
    Shape {
        kind: "an OpenAI or Anthropic API key",
        pattern: r"\bsk-(?:proj-|ant-[a-z]+\d\d-)?[A-Za-z0-9_-]{32,}",
        keep: 3,
    },
    Shape { kind: "an npm token", pattern: r"\bnpm_[A-Za-z0-9]{36}\b", keep: 4 },
    Shape {
        kind: "a SendGrid key",
        pattern: r"\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b",
        keep: 3,
    },
    Shape {
        kind: "a JSON web token",
        pattern: r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}",
        keep: 3,
    },
    Shape {
        kind: "an Azure storage key",
        pattern: r"AccountKey=([A-Za-z0-9+/]{40,}={0,2})",
        keep: 0,
    },
    Shape {
        kind: "a password in a URL",
        pattern: r#"\b[A-Za-z][A-Za-z0-9+.-]{1,30}://[^\s:/@'"<>]{1,128}:([^\s@/'"<>]{1,256})@"#,
        keep: 0,
    },
    Shape {
        kind: "a bearer token",
        pattern: r"(?i:authorization:\s*bearer)\s+([A-Za-z0-9._~+/-]{20,}=*)",
        keep: 0,
    },
    Shape {
        kind: "a password or API key",
        pattern: r#"(?i:\b(?:password|passwd|pwd|client_?secret|secret_?key|api_?key|access_?token|auth_?token))["']?\s*[:=]\s*["']?([A-Za-z0-9_\-+/=.!@#%^&*~]{12,})"#,
        keep: 0,
    },
];

/// The first line of a private key; the lines up to its `-----END` line are
/// the key.
static PRIVATE_KEY: WordRegex = WordRegex::new(|| {
    Regex::new(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----")
        .expect("private key pattern is valid")
});

/// How many lines a private key's block masks at most when its end is
/// missing.
const MAX_KEY_LINES: usize = 200;

/// Each shape's pattern, compiled.
static COMPILED: PerThread<Vec<Regex>> = PerThread::new(|| {
    SHAPES.iter().map(|s| Regex::new(s.pattern).expect("credential pattern is valid")).collect()
});

/// The shapes' patterns together: one search of a line says which shapes
/// it holds, and only those look for their captures. Most lines with a
/// word of [`WORDS`] (a URL, `token`) hold no credential.
static SET: WordSet = WordSet::new(|| {
    RegexSet::new(SHAPES.iter().map(|s| s.pattern)).expect("credential patterns are valid")
});

/// The patterns of this module that take longest to compile, for
/// [`crate::parse::prepare`].
pub(crate) static COSTLY: &[&dyn Prepare] = &[&SET, &PRIVATE_KEY];

/// Words one of which every shape holds (case aside): a text, or a line,
/// without any of them holds no credential, and is passed over in one
/// search for all of them before any pattern runs.
const WORDS: &[&str] = &[
    "AKIA",
    "ASIA",
    "ABIA",
    "ACCA",
    "aws_secret",
    "awssecret",
    "ghp_",
    "gho_",
    "ghu_",
    "ghs_",
    "ghr_",
    "github_pat_",
    "glpat-",
    "xox",
    "hooks.slack.com",
    "_live_",
    "_test_",
    "AIza",
    "sk-",
    "npm_",
    "SG.",
    "eyJ",
    "AccountKey=",
    "://",
    "authorization",
    "passw",
    "pwd",
    "secret",
    "api_key",
    "apikey",
    "token",
    "PRIVATE KEY",
];

/// [`WORDS`], searched for together, in any case.
static ANY: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(AhoCorasickKind::DFA))
        .build(WORDS)
        .expect("credential words build a searcher")
});

/// [`WORDS`] in lower case, searched for in a text lowered the same way
/// by the packed (Teddy) searcher, which looks for a few bytes of every
/// word many bytes at a time: a search that ignores case, as [`ANY`]
/// does, cannot, and lowering a text and searching it took 0.22 s for the
/// 138 MB of the 10,000-document tree against 0.31 s. The searcher takes
/// the leftmost of words that overlap where [`ANY`] takes the one that
/// ends first, but no word spans lines, so both find a word on the same
/// lines. `None` where the machine has no SIMD the searcher needs: texts
/// are then searched with [`ANY`].
static LOWER: LazyLock<Option<aho_corasick::packed::Searcher>> = LazyLock::new(|| {
    let mut builder = aho_corasick::packed::Config::new().builder();
    builder.extend(WORDS.iter().map(|word| word.to_ascii_lowercase()));
    builder.build()
});

/// Where the lines of `text` that hold a word of [`WORDS`] have one, in
/// order: at least one place on each such line, and none on other lines.
fn word_places(text: &str) -> Vec<usize> {
    match LOWER.as_ref() {
        Some(lower) => {
            // Lowering ASCII letters moves no byte, so the places are the text's.
            let lowered = text.to_ascii_lowercase();
            lower.find_iter(lowered.as_bytes()).map(|m| m.start()).collect()
        }
        None => ANY.find_iter(text).map(|m| m.start()).collect(),
    }
}

/// Masks every credential in `text` in place and says where each was.
pub fn mask(text: &mut String) -> Vec<Found> {
    // Where the words are, found in one search of the whole text: a line
    // with none is masked only inside a private key's block. No word spans
    // a line break, so each line with a word holds one of these matches.
    let mut hits = word_places(text).into_iter().peekable();
    if hits.peek().is_none() {
        return Vec::new();
    }
    let mut masker = Masker::default();
    // The text with its masked lines, made from the first of them on:
    // most texts with a word hold no credential and are not copied.
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut found = Vec::new();
    let mut start = 0;
    for (idx, line) in text.split_inclusive('\n').enumerate() {
        let line_start = start;
        let end = start + line.len();
        while hits.next_if(|&at| at < start).is_some() {}
        let hit = hits.peek().is_some_and(|&at| at < end);
        start = end;
        if !hit && masker.in_key.is_none() {
            continue;
        }
        if let Some((masked, kinds)) = masker.line(line) {
            found.extend(kinds.into_iter().map(|kind| Found { line: idx + 1, kind }));
            let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
            out.push_str(&text[copied..line_start]);
            out.push_str(&masked);
            copied = end;
        }
    }
    if let Some(mut out) = out {
        out.push_str(&text[copied..]);
        *text = out;
    }
    found
}

/// Masks a text line by line, carrying a private key's block from one line
/// to the next: for texts read a line at a time.
#[derive(Debug, Default)]
pub struct Masker {
    /// Inside a private key's block (after its `-----BEGIN` line): how many
    /// more lines it may mask, and whether it masked one yet.
    in_key: Option<(usize, bool)>,
}

impl Masker {
    /// The line masked and what it held, or `None` when it holds nothing
    /// to mask.
    ///
    /// A private key is its `-----BEGIN … PRIVATE KEY-----` line and the
    /// lines of key material after it (base64, and the `Proc-Type:` and
    /// `DEK-Info:` headers of an encrypted one): those lines are masked, up
    /// to the `-----END` line or the first line of anything else, so a
    /// header quoted alone in prose (`-----BEGIN … KEY-----REDACTED…`)
    /// masks nothing and is no finding.
    pub fn line(&mut self, line: &str) -> Option<(String, Vec<&'static str>)> {
        if let Some((left, masked_one)) = self.in_key {
            let body = line.trim();
            let material = body.starts_with("Proc-Type:")
                || body.starts_with("DEK-Info:")
                || (body.len() >= if masked_one { 1 } else { 16 } && base64(body));
            if left == 0 || !material {
                self.in_key = None;
                return self.scan(line);
            }
            self.in_key = Some((left - 1, true));
            let kinds = if masked_one { Vec::new() } else { vec!["a private key"] };
            return Some((blank_out(line), kinds));
        }
        self.scan(line)
    }

    /// A line outside a private key's block.
    fn scan(&mut self, line: &str) -> Option<(String, Vec<&'static str>)> {
        if !ANY.is_match(line) {
            return None;
        }
        if let Some(begin) = PRIVATE_KEY.find(line) {
            // Key material on the header's own line (`…KEY-----MIIEv…`) is
            // masked there, up to an `-----END` on the same line.
            let rest = &line[begin.end()..];
            let end = rest.find("-----END").unwrap_or(rest.trim_end().len());
            let inline = &rest[..end];
            if inline.len() >= 40 && base64(inline) {
                let mut masked = line.to_string();
                let start = begin.end();
                masked.replace_range(start..start + end, &"*".repeat(end));
                return Some((masked, vec!["a private key"]));
            }
            if rest.trim().is_empty() {
                self.in_key = Some((MAX_KEY_LINES, false));
            }
            return None;
        }
        let mut spans: Vec<(usize, usize, &'static str)> = Vec::new();
        for idx in SET.matches(line).iter() {
            let shape = &SHAPES[idx];
            for caps in COMPILED[idx].captures_iter(line) {
                let secret = caps.get(1).or_else(|| caps.get(0)).expect("a match has group 0");
                if placeholder(shape, secret.as_str()) || !looks_random(shape, secret.as_str()) {
                    continue;
                }
                let start = secret.start() + shape.keep.min(secret.len());
                if spans.iter().any(|&(s, e, _)| start < e && s < secret.end()) {
                    continue;
                }
                spans.push((start, secret.end(), shape.kind));
            }
        }
        if spans.is_empty() {
            return None;
        }
        spans.sort();
        let mut masked = line.to_string();
        for &(start, end, _) in &spans {
            // Secrets are ASCII by their shapes, so one `*` per byte keeps
            // every count.
            masked.replace_range(start..end, &"*".repeat(line[start..end].chars().count()));
        }
        let mut kinds: Vec<&'static str> = spans.iter().map(|s| s.2).collect();
        kinds.dedup();
        Some((masked, kinds))
    }
}

/// Whether a text is all base64 characters, as key material is.
fn base64(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
}

/// A line of a private key, each character but the line's end a `*`.
fn blank_out(line: &str) -> String {
    let body = line.trim_end_matches(['\n', '\r']);
    let end = &line[body.len()..];
    let mut out: String = body.chars().map(|c| if c.is_whitespace() { c } else { '*' }).collect();
    out.push_str(end);
    out
}

/// Whether a value is an example or a placeholder rather than a credential:
/// it says so (`EXAMPLE`, `your-token`, `<token>`, `${VAR}`), it is cut
/// short (`eyJhbGci...`), or it is one character over and over. A generic
/// shape's value (a password in a URL or an assignment) is also one when
/// it reads as a demo or test value (`DemoPassword123!`).
fn placeholder(shape: &Shape, value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    const WORDS: [&str; 14] = [
        "example",
        "sample",
        "dummy",
        "placeholder",
        "changeme",
        "redacted",
        "your",
        "xxxx",
        "****",
        "...",
        "\u{2026}",
        "fake",
        "<",
        "replace",
    ];
    const GENERIC_WORDS: [&str; 5] = ["demo", "test", "password", "secret", "passw"];
    const WHOLE: [&str; 6] = ["password", "passwd", "secret", "pass", "pwd", "token"];
    let first = value.chars().next().unwrap_or(' ');
    WORDS.iter().any(|w| lower.contains(w))
        || (generic(shape) && GENERIC_WORDS.iter().any(|w| lower.contains(w)))
        || WHOLE.contains(&lower.as_str())
        || matches!(first, '$' | '{' | '%' | '<' | '[')
        || value.chars().all(|c| c == first)
}

/// Whether a shape is one of the generic ones, which any value can fill.
fn generic(shape: &Shape) -> bool {
    matches!(shape.kind, "a password or API key" | "a password in a URL")
}

/// Whether a generic value (a URL's password, an assignment's value) looks
/// random enough to be a credential: letters and digits both. The shapes
/// an issuer defines need nothing more.
fn looks_random(shape: &Shape, value: &str) -> bool {
    if !generic(shape) {
        return true;
    }
    let letters = value.chars().any(|c| c.is_ascii_alphabetic());
    let digits = value.chars().any(|c| c.is_ascii_digit());
    match shape.kind {
        // A URL's password can be short and still real.
        "a password in a URL" => value.len() >= 6 && letters && (digits || value.len() >= 12),
        _ => letters && digits,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(text: &str) -> (String, Vec<Found>) {
        let mut text = text.to_string();
        let found = mask(&mut text);
        (text, found)
    }

    /// The lowered search finds a word on every line where the search that
    /// ignores case does, in the original text (the two may start a match
    /// at different places where words overlap, `aws_secret` and `secret`,
    /// but on the same lines): every word in lower, upper and mixed case,
    /// cut short, beside letters outside ASCII (`İ`, the Kelvin sign, `ſ`,
    /// which no ASCII search folds) and after other words.
    #[test]
    fn the_lowered_search_finds_words_on_the_lines_a_search_ignoring_case_does() {
        let line_of = |text: &str, at: usize| text[..at].matches('\n').count();
        #[cfg(any(target_arch = "x86_64", target_arch = "aarch64"))]
        assert!(LOWER.is_some(), "the packed searcher is built on this machine");
        let lowered_lines = |text: &str| -> Vec<usize> {
            let mut lines: Vec<usize> =
                word_places(text).into_iter().map(|at| line_of(text, at)).collect();
            lines.dedup();
            lines
        };
        let lines = |text: &str| -> Vec<usize> {
            let mut lines: Vec<usize> =
                ANY.find_iter(text).map(|m| line_of(text, m.start())).collect();
            lines.dedup();
            lines
        };
        let mixed = |word: &str| -> String {
            word.chars()
                .enumerate()
                .map(
                    |(i, c)| {
                        if i % 2 == 0 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() }
                    },
                )
                .collect()
        };
        for word in WORDS {
            let short = &word[..word.len() - 1];
            for form in [
                word.to_string(),
                word.to_ascii_lowercase(),
                word.to_ascii_uppercase(),
                mixed(word),
            ] {
                for text in [
                    form.clone(),
                    format!("İ{form}\u{212A}ſ {short} {form}{form}"),
                    format!("token={form} apikey\n{short}é{form}\n{short}\nAWS_{form}"),
                    format!("\u{212A}ey {}\n\n{short}", form.replace('k', "\u{212A}")),
                ] {
                    assert_eq!(lowered_lines(&text), lines(&text), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn each_issuer_shape_is_masked_with_its_prefix_kept() {
        let cases = [
            ("key AKIAZ7Q2KX4M9PLW3VBN in env", "key AKIA**************** in env"),
            (
                "token=ghp_4f9KzQ2mX7pL1vN8rT3wY6bC0dE5gH2jK9sA done",
                "token=ghp_************************************ done",
            ),
            ("SLACK=xoxb-2048-1111-Zq8mN3pL5vR7tX9", "SLACK=xoxb-*************************"),
            ("sk_live_51Hq8ZkL2mN4pQ6rS8tU0vW2", "sk_live_************************"),
            (
                "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlMTIz",
                "Authorization: Bearer eyJ******************************************************",
            ),
            (
                "DATABASE_URL=postgres://app:S3cr3tPw9@db.internal:5432/app",
                "DATABASE_URL=postgres://app:*********@db.internal:5432/app",
            ),
        ];
        for (input, want) in cases {
            let (got, found) = masked(input);
            assert_eq!(got, want, "{input}");
            assert_eq!(got.len(), input.len());
            assert_eq!(found.len(), 1, "{input}: {found:?}");
            assert_eq!(found[0].line, 1);
        }
    }

    #[test]
    fn every_shape_is_found_past_the_word_search() {
        let samples = [
            ["AKIA", "Z7Q2KX4M9PLW3VBN"].concat(),
            ["aws_secret_access_key = ", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEKEYabc12"].concat(),
            ["ghs_", "4f9KzQ2mX7pL1vN8rT3wY6bC0dE5gH2jK9sA"].concat(),
            ["github_pat_", "11ABCDEFG0123456789abcdef"].concat(),
            ["glpat-", "Zx8Yw7Vu6Ts5Rq4Po3Nm"].concat(),
            ["xoxp-", "2048-1111-Zq8mN3pL5vR7"].concat(),
            ["https://hooks.slack.com/services/", "T0123ABCD/B0123ABCD/Zq8mN3pL5vR7tX9"].concat(),
            ["rk_live_", "51Hq8ZkL2mN4pQ6rS8"].concat(),
            ["AIza", "SyD3x8Zq2mX7pL1vN8rT3wY6bC0dE5gH2jK"].concat(),
            ["sk-proj-", "4f9KzQ2mX7pL1vN8rT3wY6bC0dE5gH2jK9sA"].concat(),
            ["npm_", "4f9KzQ2mX7pL1vN8rT3wY6bC0dE5gH2jK9sA"].concat(),
            ["SG.", "4f9KzQ2mX7pL1vN8rT3wY6.bC0dE5gH2jK9sA4f9KzQ2mX7pL1vN8rT3wY6bC0dE5g"].concat(),
            ["AccountKey=", "4f9KzQ2mX7pL1vN8rT3wY6bC0dE5gH2jK9sA4f9KzQ2mX7pL1v=="].concat(),
            ["authorization: BEARER ", "4f9KzQ2mX7pL1vN8rT3wY6bC0dE5"].concat(),
            ["CLIENT_SECRET=", "4f9KzQ2mX7pL1vN8"].concat(),
            ["mongodb+srv://svc:", "Zq8mN3pL5v@cluster0.mongodb.net"].concat(),
        ];
        for sample in samples {
            let (got, found) = masked(&sample);
            assert_eq!(found.len(), 1, "{sample}");
            assert_ne!(got, sample);
        }
    }

    #[test]
    fn a_text_is_masked_as_its_lines_are_one_by_one() {
        // The whole-text search that picks the lines to look at must find
        // what reading every line finds: secrets on lines far apart, words
        // that overlap (`aws_secret`, `secret`), a key's block whose lines
        // hold no word, CRLF and a last line without its break.
        let text = [
            "plain line\n",
            "Token ok, nothing here\n",
            &["aws_secret_access_key = ", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEKEYabc12\r\n"].concat(),
            "no words\n",
            "-----BEGIN RSA PRIVATE KEY-----\n",
            "MIIEowIBAAKCAQEAx4f9KzQ2mX7pL1vN8rT3\n",
            "wY6bC0dE5gH2jK9sA\n",
            "-----END RSA PRIVATE KEY-----\n",
            "quiet\n",
            &[
                "url https://u:",
                "Zq8mN3pL5vR7@host/x and ",
                "ghp_",
                "4f9KzQ2mX7pL1vN8rT3wY6bC0dE5gH2jK9sA",
            ]
            .concat(),
        ]
        .concat();
        let mut masker = Masker::default();
        let mut want = String::new();
        let mut want_found = Vec::new();
        for (idx, line) in text.split_inclusive('\n').enumerate() {
            match masker.line(line) {
                Some((masked, kinds)) => {
                    want.push_str(&masked);
                    want_found.extend(kinds.into_iter().map(|kind| Found { line: idx + 1, kind }));
                }
                None => want.push_str(line),
            }
        }
        let (got, found) = masked(&text);
        assert_eq!(got, want);
        assert_eq!(found, want_found);
        assert_eq!(found.iter().map(|f| f.line).collect::<Vec<_>>(), [3, 6, 10, 10]);
    }

    #[test]
    fn a_private_key_is_masked_to_its_end_line() {
        let text = "log\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nQyNTUxOQAAACDx\n-----END OPENSSH PRIVATE KEY-----\nafter\n";
        let (got, found) = masked(text);
        assert_eq!(
            got,
            "log\n-----BEGIN OPENSSH PRIVATE KEY-----\n************************\n**************\n-----END OPENSSH PRIVATE KEY-----\nafter\n"
        );
        assert_eq!(found, [Found { line: 3, kind: "a private key" }]);
    }

    #[test]
    fn placeholders_and_look_alikes_are_left_alone() {
        for text in [
            "AWS example: AKIAIOSFODNN7EXAMPLE",
            "postgres://user:password@localhost/db",
            "postgres://user:${DB_PASSWORD}@db/app",
            "mysql://root:<password>@127.0.0.1/x",
            "https://example.org:8080@host",
            "password: hunter2",
            "api_key = process.env.API_KEY",
            "password = correcthorsebatterystaple",
            "sha256 = 4f9kzq2mx7pl1vn8rt3wy6bc0de5gh2jk9sa4f9kzq2mx7pl1vn8",
            "see sk-learn and task-force-2026",
            "token: ghp_short",
            "-----BEGIN OPENSSH PRIVATE KEY-----REDACTED-----END OPENSSH PRIVATE KEY-----",
            "   # Should show: -----BEGIN OPENSSH PRIVATE KEY-----\n- [ ] Paste the key into the secret\n- [x] Test it\n",
            "  -H \"Authorization: Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ...\"",
            "login({ email: 'demo@example.org', password: 'DemoPassword123!' })",
        ] {
            let (got, found) = masked(text);
            assert_eq!(got, text);
            assert!(found.is_empty(), "{text}: {found:?}");
        }
    }

    #[test]
    fn found_credentials_carry_their_lines_and_kinds() {
        let text = "a\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEKEYabc12\nb\napi_key: 9f8e7d6c5b4a3f2e1d0c\n";
        let (got, found) = masked(text);
        assert_eq!(
            found,
            [
                Found { line: 2, kind: "an AWS secret key" },
                Found { line: 4, kind: "a password or API key" }
            ]
        );
        assert!(got.contains("AWS_SECRET_ACCESS_KEY=****************************************\n"));
        assert!(got.contains("api_key: ********************\n"));
    }
}
