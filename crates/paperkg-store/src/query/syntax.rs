//! SPARQL syntax errors for people: one message, the line and column, the query line with a
//! caret under the place, an unknown prefix named, and no lists of Unicode ranges.

use std::fmt;

/// A SPARQL syntax error located in the query text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based line of the error (0 when the parser gave no position).
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong, in a few words.
    pub message: String,
    /// The query line the error is on.
    pub source_line: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            return write!(f, "SPARQL syntax error: {}", self.message);
        }
        let number = self.line.to_string();
        let pad = " ".repeat(number.len());
        write!(
            f,
            "SPARQL syntax error at line {}, column {}: {}\n {number} | {}\n {pad} | {}^",
            self.line,
            self.column,
            self.message,
            self.source_line.replace('\t', " "),
            " ".repeat(self.column.saturating_sub(1))
        )
    }
}

impl std::error::Error for SyntaxError {}

/// Locates and rewords the parser's error `raw` (its text) for the query `text`.
pub fn describe(text: &str, raw: &str) -> SyntaxError {
    let Some((line, column, expected)) = position(raw) else {
        return SyntaxError {
            line: 0,
            column: 0,
            message: raw.to_string(),
            source_line: String::new(),
        };
    };
    let source_line = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let chars: Vec<char> = source_line.chars().collect();
    if expected.contains("Prefix not found") {
        let (start, token) = token_before(&chars, column.saturating_sub(1));
        let prefix = token.split(':').next().unwrap_or_default();
        return SyntaxError {
            line,
            column: start + 1,
            message: format!("unknown prefix {prefix}:"),
            source_line: source_line.to_string(),
        };
    }
    let found = match chars.get(column.saturating_sub(1)) {
        Some(c) => format!("unexpected {c:?}"),
        None if line >= text.lines().count() => "unexpected end of query".to_string(),
        None => "unexpected end of line".to_string(),
    };
    let tokens = readable_tokens(expected);
    let message = if tokens.is_empty() {
        found
    } else {
        format!("{found}; expected {}", tokens.join(", "))
    };
    SyntaxError {
        line,
        column,
        message,
        source_line: source_line.to_string(),
    }
}

/// `error at 3:14: expected ...` -> (3, 14, "expected ...").
fn position(raw: &str) -> Option<(usize, usize, &str)> {
    let rest = raw.strip_prefix("error at ")?;
    let (place, expected) = rest.split_once(": ")?;
    let (line, column) = place.split_once(':')?;
    Some((line.parse().ok()?, column.parse().ok()?, expected))
}

/// The token that ends just before `end` (a prefixed name, for an unknown prefix), with the
/// index where it starts.
fn token_before(chars: &[char], end: usize) -> (usize, String) {
    let end = end.min(chars.len());
    let boundary = |c: &char| c.is_whitespace() || "{}()[];,.^|/".contains(*c);
    let start = chars[..end].iter().rposition(boundary).map_or(0, |i| i + 1);
    (start, chars[start..end].iter().collect())
}

/// The expected tokens a person can read: keywords and punctuation, without the character
/// classes (`['A'..='Z' | '\u{00C0}'..]`) the parser also lists.
fn readable_tokens(expected: &str) -> Vec<String> {
    let list = expected
        .strip_prefix("expected one of ")
        .or_else(|| expected.strip_prefix("expected "))
        .unwrap_or(expected);
    let mut tokens = Vec::new();
    let mut depth = 0usize;
    let mut quoted = false;
    let mut current = String::new();
    for c in list.chars() {
        match c {
            '"' if depth == 0 => quoted = !quoted,
            '[' if !quoted => depth += 1,
            ']' if !quoted => depth = depth.saturating_sub(1),
            ',' if depth == 0 && !quoted => {
                tokens.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    tokens.push(current);
    let mut readable: Vec<String> = tokens
        .into_iter()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty() && !t.starts_with('[') && !t.contains("\\u{"))
        .collect();
    readable.dedup();
    readable
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(text: &str) -> SyntaxError {
        let raw = spargebra::SparqlParser::new()
            .parse_query(text)
            .err()
            .unwrap_or_else(|| panic!("{text} parsed"))
            .to_string();
        describe(text, &raw)
    }

    #[test]
    fn unknown_prefix_is_named_with_a_caret_under_it() {
        let error = error_of("SELECT ?x WHERE {\n  ?x foo:bar ?y\n}");
        assert_eq!(error.message, "unknown prefix foo:");
        assert_eq!((error.line, error.column), (2, 6));
        let shown = error.to_string();
        assert!(
            shown.ends_with(" 2 |   ?x foo:bar ?y\n   |      ^"),
            "{shown}"
        );
    }

    #[test]
    fn unicode_ranges_are_never_shown() {
        for text in [
            "SELECT ?x WHERE { ?x a ?y ",
            "SELECT ?x WHERE { ?x a ?y . FILTER(?x = ) }",
            "SELEC ?x",
            "SELECT ?x WHERE { ?x a ?y } LIMIT x",
        ] {
            let shown = error_of(text).to_string();
            assert!(!shown.contains("\\u{"), "{shown}");
            assert!(shown.contains("line 1, column"), "{shown}");
            assert_eq!(shown.matches("SPARQL syntax error").count(), 1, "{shown}");
        }
    }

    #[test]
    fn end_of_query_is_said() {
        let error = error_of("SELECT ?x WHERE { ?x a ?y ");
        assert!(
            error
                .message
                .starts_with("unexpected end of query; expected"),
            "{error}"
        );
    }
}
