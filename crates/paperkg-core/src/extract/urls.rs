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

/// What every match of [`URL`] holds, in any ASCII case: "://" (the scheme form), "www.",
/// or a dot before the first two letters of one of its top-level domains. The pattern's
/// letters fold only to ASCII letters here, except the `s` of "https", which "://" covers.
/// Most texts hold none of these, and a text without them skips the regex. Widen this with
/// the pattern.
const URL_GATE: &[&str] = &[
    "://", "www.", ".co", ".or", ".ne", ".io", ".ai", ".ed", ".go", ".de", ".ap",
];

static URL_GATE_MATCHER: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(URL_GATE)
        .unwrap_or_else(|e| unreachable!("static gate: {e}"))
});

/// Finds every URL in `text`, cleaned and classified.
pub fn find_urls(text: &str) -> Vec<FoundUrl> {
    let mut found = Vec::new();
    if !URL_GATE_MATCHER.is_match(text) {
        return found;
    }
    for m in URL.find_iter(text) {
        let start = m.start();
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
    found
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
    use super::{find_urls, URL, URL_GATE_MATCHER};

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
            assert!(URL_GATE_MATCHER.is_match(text), "gate: {text}");
        }
        let prose = [
            "We propose Zorbnet. It beats Blorp (e.g., on Quux) by 3.5%, i.e. a lot.",
            "Results on ImageNet-1K. Code will be released.",
        ];
        for text in prose {
            assert!(!URL_GATE_MATCHER.is_match(text), "{text}");
            assert!(find_urls(text).is_empty(), "{text}");
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
