//! Binding a query's parameters. A value reaches SPARQL only as a typed literal placed in the
//! parsed query's `VALUES` clause, never as text spliced into the query.

use oxigraph::model::{Literal, Variable};
use paperkg_core::text::name_key;
use spargebra::algebra::GraphPattern;
use spargebra::term::GroundTerm;
use spargebra::Query;

/// A parameter value given on the command line: `--entity CLIP` is `("entity", "CLIP")`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamValue {
    /// The parameter's name.
    pub name: String,
    /// The value as the user typed it (any alias, any case).
    pub value: String,
}

/// Why a parameter could not be bound.
#[derive(Debug, thiserror::Error)]
pub enum ParamError {
    /// The query has no `VALUES ?NAMEKey` clause for this parameter.
    #[error("this query takes no --{name} parameter{}", takes(.accepted))]
    Unknown {
        /// The parameter given.
        name: String,
        /// The parameters the query does take.
        accepted: Vec<String>,
    },
    /// The value has no letter or digit, so it can name no entity.
    #[error("--{name} {value:?} has no letter or digit, so it names no entity")]
    Empty {
        /// The parameter.
        name: String,
        /// The value given.
        value: String,
    },
}

fn takes(accepted: &[String]) -> String {
    if accepted.is_empty() {
        " (it takes none)".to_string()
    } else {
        let flags: Vec<String> = accepted.iter().map(|a| format!("--{a}")).collect();
        format!(" (it takes {})", flags.join(", "))
    }
}

/// The variable a parameter binds: `entity` binds `?entityKey`.
pub fn key_variable(param: &str) -> String {
    format!("{param}Key")
}

/// Binds each parameter in `query`: every `VALUES ?NAMEKey { ... }` clause is given the one
/// row holding the value's lookup key (the case-insensitive key `paperkg lookup` uses).
/// `accepted` names the parameters the query declares, for the error message.
pub fn bind(
    query: &mut Query,
    values: &[ParamValue],
    accepted: &[String],
) -> Result<(), ParamError> {
    for param in values {
        let key = name_key(&param.value);
        if key.is_empty() {
            return Err(ParamError::Empty {
                name: param.name.clone(),
                value: param.value.clone(),
            });
        }
        let variable = Variable::new_unchecked(key_variable(&param.name));
        let term = GroundTerm::Literal(Literal::new_simple_literal(key));
        let bound = match query {
            Query::Select { pattern, .. }
            | Query::Construct { pattern, .. }
            | Query::Describe { pattern, .. }
            | Query::Ask { pattern, .. } => bind_values(pattern, &variable, &term),
        };
        if bound == 0 {
            return Err(ParamError::Unknown {
                name: param.name.clone(),
                accepted: accepted.to_vec(),
            });
        }
    }
    Ok(())
}

/// Replaces the rows of every `VALUES` clause over `variable` alone; returns how many there
/// were. `VALUES` inside a FILTER's EXISTS is not visited: no canned query puts one there.
fn bind_values(pattern: &mut GraphPattern, variable: &Variable, term: &GroundTerm) -> usize {
    match pattern {
        GraphPattern::Values {
            variables,
            bindings,
        } if variables.as_slice() == std::slice::from_ref(variable) => {
            *bindings = vec![vec![Some(term.clone())]];
            1
        }
        GraphPattern::Join { left, right }
        | GraphPattern::LeftJoin { left, right, .. }
        | GraphPattern::Union { left, right }
        | GraphPattern::Minus { left, right } => {
            bind_values(left, variable, term) + bind_values(right, variable, term)
        }
        GraphPattern::Filter { inner, .. }
        | GraphPattern::Graph { inner, .. }
        | GraphPattern::Extend { inner, .. }
        | GraphPattern::OrderBy { inner, .. }
        | GraphPattern::Project { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Slice { inner, .. }
        | GraphPattern::Group { inner, .. }
        | GraphPattern::Service { inner, .. } => bind_values(inner, variable, term),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Query {
        spargebra::SparqlParser::new()
            .parse_query(text)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn value(name: &str, value: &str) -> ParamValue {
        ParamValue {
            name: name.into(),
            value: value.into(),
        }
    }

    #[test]
    fn values_in_sub_selects_are_bound_to_the_lookup_key() {
        let mut query = parse(
            "SELECT ?p WHERE { { SELECT ?p WHERE { VALUES ?entityKey { \"sam\" } \
             ?e <http://x/k> ?entityKey . ?p <http://x/m> ?e } LIMIT 5 } \
             OPTIONAL { VALUES ?entityKey { \"sam\" } ?p <http://x/n> ?entityKey } }",
        );
        bind(&mut query, &[value("entity", "Llama-3 8B")], &[]).unwrap_or_else(|e| panic!("{e}"));
        let text = query.to_string();
        assert_eq!(text.matches("\"llama38b\"").count(), 2, "{text}");
        assert!(!text.contains("\"sam\""), "{text}");
    }

    #[test]
    fn hostile_values_stay_one_literal() {
        let mut query = parse("SELECT * WHERE { VALUES ?entityKey { \"a\" } }");
        bind(
            &mut query,
            &[value("entity", "\" } UNION { ?s ?p ?o } #")],
            &[],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let Query::Select { pattern, .. } = &query else {
            panic!("not a select");
        };
        let text = pattern.to_string();
        assert!(text.contains("\"unionspo\""), "{text}");
        assert!(!text.contains("?s"), "{text}");
    }

    #[test]
    fn unknown_and_empty_parameters_are_refused() {
        let mut query = parse("SELECT * WHERE { VALUES ?entityKey { \"a\" } }");
        let accepted = vec!["entity".to_string()];
        let err = bind(&mut query, &[value("metric", "F1")], &accepted)
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("this query takes no --metric parameter (it takes --entity)")
        );
        let err = bind(&mut query, &[value("entity", "--")], &accepted);
        assert!(matches!(err, Err(ParamError::Empty { .. })));
    }
}
