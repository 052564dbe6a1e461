//! The canned queries of `queries/`: each opens with a comment header that says the question it
//! answers and the parameters it takes, which `paperkg query --list` reads.
//!
//! The header format, for a curator adding a query:
//!
//! ```text
//! # Which papers use a dataset?                      <- the first line: the question
//! # param dataset: the dataset (default SA-1B)       <- one line per parameter
//! # Any further comment lines describe the query.
//! ```
//!
//! A parameter `NAME` is bound to the query's `VALUES ?NAMEKey { ... }` clause, matched against
//! `pkg:lookupKey`, so it finds an entity by any alias in any case, as `paperkg lookup` does.

/// A query's declared parameter.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct QueryParam {
    /// Its name, as given on the command line (`--entity`, `--dataset`, `--metric`).
    pub name: String,
    /// What it stands for, with its default.
    pub help: String,
}

/// What a query's header comment declares.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct QueryHeader {
    /// The question the query answers (the first comment line).
    pub question: String,
    /// The other comment lines, joined with spaces.
    pub description: String,
    /// The parameters it takes.
    pub params: Vec<QueryParam>,
}

/// Reads the comment lines at the top of a query.
pub fn parse_header(text: &str) -> QueryHeader {
    let mut header = QueryHeader::default();
    let mut description = Vec::new();
    let comments = text
        .lines()
        .map_while(|line| line.trim_start().strip_prefix('#'))
        .map(str::trim);
    for line in comments {
        if let Some((name, help)) = line
            .strip_prefix("param ")
            .and_then(|rest| rest.split_once(':'))
        {
            header.params.push(QueryParam {
                name: name.trim().to_string(),
                help: help.trim().to_string(),
            });
        } else if header.question.is_empty() {
            header.question = line.to_string();
        } else if !line.is_empty() {
            description.push(line);
        }
    }
    header.description = description.join(" ");
    header
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_gives_question_params_and_description() {
        let header = parse_header(
            "# Which papers use a dataset?\n# param dataset: the dataset (default X)\n\
             # More words\n# here.\nSELECT * WHERE {}\n# not header\n",
        );
        assert_eq!(header.question, "Which papers use a dataset?");
        assert_eq!(
            header.params,
            vec![QueryParam {
                name: "dataset".into(),
                help: "the dataset (default X)".into()
            }]
        );
        assert_eq!(header.description, "More words here.");
    }

    #[test]
    fn every_builtin_query_has_a_question() {
        for (name, text) in super::super::BUILTIN_QUERIES {
            let header = parse_header(text);
            assert!(header.question.ends_with('?'), "{name}: {header:?}");
            for param in &header.params {
                assert!(
                    text.contains(&format!("?{}Key", param.name)),
                    "{name}: no VALUES ?{}Key",
                    param.name
                );
            }
        }
    }
}
