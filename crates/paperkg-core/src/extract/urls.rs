//! URLs: found with a regex, cleaned of trailing punctuation and LaTeX debris, normalised and
//! classified as code, model, dataset or page.

use regex::Regex;
use std::sync::LazyLock;

pub use crate::ids::UrlKind;

/// A URL found in text: its byte span, the cleaned URL and its kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundUrl {
    /// Byte offset where the quoted URL starts.
    pub start: usize,
    /// Byte offset where the quoted URL ends (after cleaning).
    pub end: usize,
    /// The cleaned, normalised URL.
    pub url: String,
    /// What it links to.
    pub kind: UrlKind,
}

static URL: LazyLock<Regex> = LazyLock::new(|| {
    // A URL with a scheme or `www.`, or a bare host name under a common top-level domain
    // ("en.wikipedia.org", "github.com/owner/repo").
    Regex::new(
        r#"(?i)\b(?:(?:https?://|www\.)[^\s<>"'\]\u{201c}\u{201d}]+|(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|org|net|io|ai|edu|gov|dev|app|co)\b(?:/[^\s<>"'\]\u{201c}\u{201d}]*)?)"#,
    )
    .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// The first two letters of the top-level domains of [`URL`]'s bare host names. Every match
/// of [`URL`] holds, in some ASCII case, "://" (the scheme form), "www.", or a dot followed
/// by one of these. The pattern's letters fold only to ASCII letters here, except the `s`
/// of "https", which "://" covers. Widen this with the pattern.
const DOMAIN_STARTS: &[&[u8; 2]] = &[
    b"co", b"or", b"ne", b"io", b"ai", b"ed", b"go", b"de", b"ap",
];

/// The spans of the strings that every URL holds (see [`DOMAIN_STARTS`]), in text order:
/// found at each dot or colon, which `memchr` finds far faster than a regex or an automaton
/// reads text.
fn gate_hits(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'.', b':', bytes).filter_map(move |i| {
        if bytes[i] == b':' {
            return bytes[i..].starts_with(b"://").then_some((i, i + 3));
        }
        let domain = bytes.get(i + 1..i + 3).is_some_and(|two| {
            let two = [two[0].to_ascii_lowercase(), two[1].to_ascii_lowercase()];
            DOMAIN_STARTS.contains(&&two)
        });
        if domain {
            return Some((i, i + 3));
        }
        let www = i >= 3 && bytes[i - 3..i].eq_ignore_ascii_case(b"www");
        www.then(|| (i - 3, i + 1))
    })
}

/// Finds every URL in `text`, cleaned and classified.
///
/// No match of [`URL`] holds white space (`\s`, as `char::is_whitespace`), and its `\b`s
/// read the same at a run's edge as beside white space. So the matches in a text are the
/// matches in its runs of other characters, and only a run holding a gate string
/// can hold one ([`gate_hits`]): the regex reads those runs only, not the whole text.
pub fn find_urls(text: &str) -> Vec<FoundUrl> {
    let mut found = Vec::new();
    let mut searched = 0;
    for (hit_start, hit_end) in gate_hits(text) {
        if hit_start < searched {
            continue;
        }
        let run_start = text[..hit_start]
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let run_end = text[hit_end..]
            .find(char::is_whitespace)
            .map_or(text.len(), |i| hit_end + i);
        urls_in(&text[run_start..run_end], run_start, &mut found);
        searched = run_end;
    }
    found
}

/// The URLs of one run of text that starts at `offset` in its field.
fn urls_in(run: &str, offset: usize, found: &mut Vec<FoundUrl>) {
    for m in URL.find_iter(run) {
        let start = offset + m.start();
        let cleaned = trim_debris(m.as_str());
        if cleaned.len() < 8 || !cleaned.contains('.') {
            continue;
        }
        let end = start + cleaned.len();
        let url = normalise(cleaned);
        let kind = classify(&url);
        found.push(FoundUrl {
            start,
            end,
            url,
            kind,
        });
    }
}

/// Strips what is not part of the URL: sentence punctuation, unbalanced closing brackets and
/// braces, and LaTeX fragments such as `}` or `}.` after a `\url{...}`.
pub fn trim_debris(raw: &str) -> &str {
    let mut url = raw;
    // Cut at a LaTeX brace: a URL never contains `{` or `}` legitimately in abstracts.
    if let Some(pos) = url.find(['{', '}', '\\']) {
        url = &url[..pos];
    }
    loop {
        let before = url.len();
        url = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '*', '`', '\'', '"']);
        if url.ends_with(')') && url.matches('(').count() < url.matches(')').count() {
            url = &url[..url.len() - 1];
        }
        if url.ends_with(']') && url.matches('[').count() < url.matches(']').count() {
            url = &url[..url.len() - 1];
        }
        if url.len() == before {
            return url;
        }
    }
}

/// Lower-cases the host, maps `www.github.com` to `github.com`, adds `https://` to bare hosts
/// and drops a trailing slash and `.git`.
pub fn normalise(url: &str) -> String {
    let (scheme, rest) = match url.find("://") {
        Some(pos) => (url[..pos].to_lowercase(), &url[pos + 3..]),
        None => ("https".to_string(), url),
    };
    let (host, path) = match rest.find('/') {
        Some(pos) => (&rest[..pos], &rest[pos..]),
        None => (rest, ""),
    };
    let mut host = host.to_lowercase();
    if let Some(bare) = host.strip_prefix("www.") {
        if is_code_host(bare) || bare == "huggingface.co" {
            host = bare.to_string();
        }
    }
    let mut path = path.trim_end_matches('/').to_string();
    if is_code_host(&host) {
        if let Some(stripped) = path.strip_suffix(".git") {
            path = stripped.to_string();
        }
    }
    format!("{scheme}://{host}{path}")
}

fn is_code_host(host: &str) -> bool {
    matches!(
        host,
        "github.com" | "gitlab.com" | "gitee.com" | "bitbucket.org" | "codeberg.org"
    )
}

/// Classifies a normalised URL by host and path.
pub fn classify(url: &str) -> UrlKind {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match host {
        h if is_code_host(h) && segments.len() >= 2 => UrlKind::Code,
        "huggingface.co" => match segments.first() {
            Some(&"datasets") => UrlKind::Dataset,
            Some(&"spaces") | Some(&"docs") | Some(&"blog") | Some(&"papers") | None => {
                UrlKind::Page
            }
            Some(&"collections") => UrlKind::Model,
            Some(_) if segments.len() >= 2 => UrlKind::Model,
            Some(_) => UrlKind::Page,
        },
        "zenodo.org" | "www.kaggle.com" | "kaggle.com"
            if path.contains("dataset") || host == "zenodo.org" =>
        {
            UrlKind::Dataset
        }
        _ => UrlKind::Page,
    }
}

/// The repository part of a code URL: `https://github.com/owner/repo` for any deeper link
/// (`/tree/main/...`, `/blob/...`). Other URLs are returned unchanged.
pub fn repository_root(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let mut parts = rest.split('/');
    let host = parts.next().unwrap_or_default();
    if !is_code_host(host) {
        return url.to_string();
    }
    let owner = parts.next().unwrap_or_default();
    let repo = parts.next().unwrap_or_default();
    if owner.is_empty() || repo.is_empty() {
        return url.to_string();
    }
    format!("{scheme}://{host}/{owner}/{repo}")
}

#[cfg(test)]
mod tests {
    use super::{find_urls, gate_hits, URL};

    /// Every text the URL pattern matches passes the gate, in every case the pattern accepts;
    /// and the gate keeps out plain prose.
    #[test]
    fn the_url_gate_holds_wherever_the_pattern_matches() {
        let texts = [
            "Code: https://github.com/zorb/blorp.",
            "HTTP://Zorb.example/X and httpſ://quux",
            "see WWW.Zorbnet.Org/page",
            "Www.zorb",
            "hosted at zorb-lab.IO/models, blorp.co and quux.Ai",
            "frob.edu frob.GOV frob.dev frob.App frob.net frob.org frob.com",
            "http://1.2.3.4/x",
        ];
        for text in texts {
            assert!(URL.is_match(text), "pattern: {text}");
            assert!(gate_hits(text).next().is_some(), "gate: {text}");
        }
        let prose = [
            "We propose Zorbnet. It beats Blorp (e.g., on Quux) by 3.5%, i.e. a lot.",
            "Results on ImageNet-1K. Code will be released.",
        ];
        for text in prose {
            assert!(gate_hits(text).next().is_none(), "{text}");
            assert!(find_urls(text).is_empty(), "{text}");
        }
    }

    /// Searching the runs that hold a gate string finds what searching the whole text finds.
    #[test]
    fn runs_find_what_the_whole_text_finds() {
        let texts = [
            "Code:\u{a0}https://github.com/zorb/blorp. Data at zorb.org/x,quux.io and www.frob.",
            "(see https://zorb.ai/a?b=c) or\thttp://1.2.3.4/x\n\u{2003}blorp-lab.Edu/y “www.quux.dev”",
            "über.com ñzorb.net zorb.com)é www.x.co, x.co.uk",
        ];
        for text in texts {
            let whole: Vec<(usize, usize, String)> = URL
                .find_iter(text)
                .filter_map(|m| {
                    let cleaned = super::trim_debris(m.as_str());
                    (cleaned.len() >= 8 && cleaned.contains('.')).then(|| {
                        (
                            m.start(),
                            m.start() + cleaned.len(),
                            super::normalise(cleaned),
                        )
                    })
                })
                .collect();
            let runs: Vec<(usize, usize, String)> = find_urls(text)
                .into_iter()
                .map(|f| (f.start, f.end, f.url))
                .collect();
            assert!(!whole.is_empty(), "{text}");
            assert_eq!(runs, whole, "{text}");
        }
    }

    #[test]
    fn urls_are_found_cleaned_and_classified() {
        let found = find_urls("Code at https://GitHub.com/zorb/blorp/tree/main. Data: zorb.org");
        let urls: Vec<&str> = found.iter().map(|f| f.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://github.com/zorb/blorp/tree/main",
                "https://zorb.org"
            ]
        );
    }
}
