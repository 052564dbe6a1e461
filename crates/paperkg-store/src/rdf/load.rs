//! Reading the knowledge graph back from a store, so that consumers need nothing but the store.

use oxigraph::model::Term;
use oxigraph::sparql::{QueryEvaluationError, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use paperkg_core::dictionary::EntityType;
use paperkg_core::extract::UrlKind;
use paperkg_core::graph::{Edge, EntityNode, KnowledgeGraph, PaperNode};
use paperkg_rdf::iri;
use petgraph::graph::NodeIndex;
use std::collections::HashMap;

/// Errors reading the graph from a store.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A query failed.
    #[error("reading the graph from the store: {0}")]
    Query(#[from] QueryEvaluationError),
    /// A query did not parse (a bug in paperkg).
    #[error("internal query error: {0}")]
    Syntax(#[from] oxigraph::sparql::SparqlSyntaxError),
}

/// Runs a SELECT with the standard prefixes and returns its rows as plain strings.
pub(crate) fn select_strings(
    store: &Store,
    body: &str,
) -> Result<Vec<Vec<Option<String>>>, LoadError> {
    let mut evaluator = SparqlEvaluator::new();
    for (prefix, iri) in super::vocab::PREFIXES {
        evaluator = evaluator
            .with_prefix(*prefix, *iri)
            .unwrap_or_else(|e| unreachable!("static prefix: {e}"));
    }
    let results = evaluator.parse_query(body)?.on_store(store).execute()?;
    let QueryResults::Solutions(solutions) = results else {
        return Ok(Vec::new());
    };
    let variables: Vec<_> = solutions.variables().to_vec();
    let mut rows = Vec::new();
    for solution in solutions {
        let solution = solution?;
        rows.push(
            variables
                .iter()
                .map(|v| solution.get(v).map(term_string))
                .collect(),
        );
    }
    Ok(rows)
}

/// The lexical value of a term: an IRI's text or a literal's value.
pub fn term_string(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => n.as_str().to_string(),
        Term::Literal(l) => l.value().to_string(),
        other => other.to_string(),
    }
}

/// The `TYPE/SLUG` id at the end of an entity IRI, as text
/// ([`paperkg_rdf::iri::entity_id_text`]), for the graph index's compact tables.
pub(crate) fn entity_id(iri: &str) -> Option<&str> {
    iri::entity_id_text(iri)
}

/// Reads papers, entities (with their aliases) and their links from the store into a
/// [`KnowledgeGraph`]. Mention edges carry counts but no spans; abstracts are left out to keep
/// memory small. Fails only when a query fails.
pub fn load_graph(store: &Store) -> Result<KnowledgeGraph, LoadError> {
    let mut loader = Loader::new(store)?;
    loader.mentions(true)?;
    loader.introductions()?;
    loader.code()?;
    loader.lineage()?;
    Ok(loader.graph)
}

/// Reads what the graph analytics need, and no more: papers (title and date), entities with
/// their aliases, which paper mentions which entity (every count 1), and lineage. Leaving out
/// mention counts, introductions and code makes this several times faster than
/// [`load_graph`] on a large store. Fails only when a query fails.
pub fn load_links(store: &Store) -> Result<KnowledgeGraph, LoadError> {
    let mut loader = Loader::new(store)?;
    loader.mentions(false)?;
    loader.lineage()?;
    Ok(loader.graph)
}

/// A graph being read from a store, with the IRIs of the nodes read so far.
struct Loader<'a> {
    store: &'a Store,
    graph: KnowledgeGraph,
    papers: HashMap<String, NodeIndex>,
    entities: HashMap<String, NodeIndex>,
}

impl<'a> Loader<'a> {
    /// Starts with every paper and entity node.
    fn new(store: &'a Store) -> Result<Loader<'a>, LoadError> {
        let mut loader = Loader {
            store,
            graph: KnowledgeGraph::new(),
            papers: HashMap::new(),
            entities: HashMap::new(),
        };
        loader.paper_nodes()?;
        loader.entity_nodes()?;
        loader.aliases()?;
        Ok(loader)
    }

    fn paper_nodes(&mut self) -> Result<(), LoadError> {
        for row in select_strings(
            self.store,
            "SELECT ?p ?id ?title ?date WHERE { ?p a schema:ScholarlyArticle ; dcterms:identifier ?id ; dcterms:title ?title . OPTIONAL { ?p dcterms:date ?date } }",
        )? {
            let [Some(iri), Some(_), Some(title), date] = <[Option<String>; 4]>::try_from(row).unwrap_or_default() else {
                continue;
            };
            let Ok(id) = iri::paper_id(&iri) else {
                continue;
            };
            let index = self.graph.add_paper(PaperNode {
                id,
                title,
                abstract_text: String::new(),
                doi: None,
                other_ids: Vec::new(),
                authors: None,
                categories: Vec::new(),
                date: date.as_deref().and_then(paperkg_core::corpus::PaperDate::parse),
                results: Vec::new(),
            });
            self.papers.insert(iri, index);
        }
        Ok(())
    }

    fn entity_nodes(&mut self) -> Result<(), LoadError> {
        for row in select_strings(
            self.store,
            "SELECT ?e ?type ?label ?kind WHERE { ?e pkg:entityType ?type ; skos:prefLabel ?label . OPTIONAL { ?e pkg:linkKind ?kind } }",
        )? {
            let [Some(iri), Some(t), Some(label), kind] = <[Option<String>; 4]>::try_from(row).unwrap_or_default() else {
                continue;
            };
            let (Ok(id), Ok(entity_type)) = (iri::entity_id(&iri), t.parse::<EntityType>()) else {
                continue;
            };
            let url_kind = kind.as_deref().map(|k| match k {
                "code" => UrlKind::Code,
                "model" => UrlKind::Model,
                "dataset" => UrlKind::Dataset,
                _ => UrlKind::Page,
            });
            let index = self.graph.add_entity(EntityNode {
                id,
                entity_type,
                name: label.clone(),
                aliases: vec![label],
                external_ids: Vec::new(),
                url_kind,
            });
            self.entities.insert(iri, index);
        }
        Ok(())
    }

    fn aliases(&mut self) -> Result<(), LoadError> {
        for row in select_strings(
            self.store,
            "SELECT ?e ?alias WHERE { ?e pkg:entityType ?type ; skos:altLabel ?alias }",
        )? {
            if let [Some(e), Some(alias)] = row.as_slice() {
                if let Some(&index) = self.entities.get(e) {
                    self.graph.add_alias(index, alias);
                }
            }
        }
        Ok(())
    }

    /// Mention edges, with their counts when `counts` is set (else 1).
    fn mentions(&mut self, counts: bool) -> Result<(), LoadError> {
        let counts = if counts {
            mention_counts(self.store)?
        } else {
            HashMap::new()
        };
        for row in select_strings(
            self.store,
            "SELECT ?p ?e WHERE { { ?p schema:mentions ?e } UNION { ?p pkg:hasLink ?e } }",
        )? {
            if let [Some(p), Some(e)] = row.as_slice() {
                if let (Some(&pi), Some(&ei)) = (self.papers.get(p), self.entities.get(e)) {
                    let count = counts.get(&(p.clone(), e.clone())).copied().unwrap_or(1);
                    self.graph.add_mention_count(pi, ei, count);
                }
            }
        }
        Ok(())
    }

    fn introductions(&mut self) -> Result<(), LoadError> {
        for row in select_strings(self.store, "SELECT ?p ?e WHERE { ?p pkg:introduces ?e }")? {
            if let [Some(p), Some(e)] = row.as_slice() {
                if let (Some(&pi), Some(&ei)) = (self.papers.get(p), self.entities.get(e)) {
                    self.graph.add_edge_once(pi, ei, Edge::Introduces);
                }
            }
        }
        Ok(())
    }

    fn code(&mut self) -> Result<(), LoadError> {
        for row in select_strings(
            self.store,
            "SELECT ?p ?url WHERE { ?p pkg:hasCode ?c . ?c schema:codeRepository ?url }",
        )? {
            if let [Some(p), Some(url)] = row.as_slice() {
                if let Some(&pi) = self.papers.get(p) {
                    let ci = self.graph.add_code(url);
                    self.graph.add_edge_once(pi, ci, Edge::HasCode);
                }
            }
        }
        Ok(())
    }

    /// Derived-from edges, marked fine-tuned where the store says so.
    fn lineage(&mut self) -> Result<(), LoadError> {
        for (predicate, fine_tuned) in [
            ("prov:wasDerivedFrom", false),
            ("fair4ml:fineTunedFrom", true),
        ] {
            let query =
                format!("SELECT ?a ?b WHERE {{ ?a {predicate} ?b . ?a pkg:entityType ?t }}");
            for row in select_strings(self.store, &query)? {
                if let [Some(a), Some(b)] = row.as_slice() {
                    if let (Some(&ai), Some(&bi)) = (self.entities.get(a), self.entities.get(b)) {
                        self.graph.add_derivation(ai, bi, fine_tuned);
                    }
                }
            }
        }
        Ok(())
    }
}

fn mention_counts(store: &Store) -> Result<HashMap<(String, String), usize>, LoadError> {
    let mut counts = HashMap::new();
    for row in select_strings(
        store,
        "SELECT ?p ?e ?n WHERE { ?a oa:hasBody ?e ; pkg:mentionCount ?n ; oa:hasTarget/dcterms:isPartOf ?p }",
    )? {
        if let [Some(p), Some(e), Some(n)] = row.as_slice() {
            let count = n.parse::<usize>().unwrap_or(1).max(1);
            counts.insert((p.clone(), e.clone()), count);
        }
    }
    Ok(counts)
}
