//! Export of the store: every triple in an RDF format (oxigraph's serializers), or the graph,
//! or part of it, as GraphViz DOT (drawn by `paperkg_core::export`).

use crate::index::analytics::{around, induced, top_nodes};
use crate::index::placement::from_store;
use crate::index::{GraphIndex, IndexError};
use crate::lookup::{find_indexed, NoEntity};
use crate::rdf::vocab::PREFIXES;
use crate::rdf::{load_graph, LoadError};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::GraphNameRef;
use oxigraph::store::{StorageError, Store};
use paperkg_core::export::dot;
use paperkg_core::graph::analytics::top_subgraph;
use paperkg_core::graph::KnowledgeGraph;
use std::io::Write;

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// Turtle, with paperkg's prefixes.
    Turtle,
    /// N-Triples.
    Ntriples,
    /// N-Quads.
    Nquads,
    /// RDF/XML.
    Rdfxml,
    /// GraphViz DOT, drawn from the graph.
    Dot,
}

/// Errors exporting.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading the store failed.
    #[error("reading the store: {0}")]
    Storage(#[from] StorageError),
    /// Reading the graph from the store failed.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// Making the graph index from the store failed.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// No entity carries the name to draw around.
    #[error(transparent)]
    NoEntity(#[from] NoEntity),
    /// Writing failed.
    #[error("writing the export: {0}")]
    Io(#[from] std::io::Error),
}

/// Writes every triple of the store's default graph in an RDF format (N-Quads: every quad but
/// the store's own counts).
pub fn write_rdf(
    store: &Store,
    format: ExportFormat,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    let rdf_format = match format {
        ExportFormat::Turtle => RdfFormat::Turtle,
        ExportFormat::Ntriples => RdfFormat::NTriples,
        ExportFormat::Nquads => RdfFormat::NQuads,
        ExportFormat::Rdfxml | ExportFormat::Dot => RdfFormat::RdfXml,
    };
    let mut serializer = RdfSerializer::from_format(rdf_format);
    for (prefix, iri) in PREFIXES {
        serializer = serializer
            .with_prefix(*prefix, *iri)
            .unwrap_or_else(|e| unreachable!("static prefix: {e}"));
    }
    let mut writer = serializer.for_writer(out);
    if rdf_format == RdfFormat::NQuads {
        // Every quad but the store's own counts (`crate::stats`), which describe the store.
        for quad in store.iter() {
            let quad = quad?;
            if !crate::stats::is_kept_count(&quad) {
                writer.serialize_quad(&quad)?;
            }
        }
    } else {
        for quad in store.quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph)) {
            writer.serialize_triple(quad?.as_ref())?;
        }
    }
    writer.finish()?;
    Ok(())
}

/// The part of a store's graph to draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DotScope<'a> {
    /// The whole graph, read from the store.
    All,
    /// The neighbourhood of the entity a name means: every node within `depth` hops (papers
    /// count as hops), cut to the `top` entities with the most papers when given.
    Around {
        /// Any alias of the entity, in any case.
        name: &'a str,
        /// How many hops to follow.
        depth: usize,
        /// Keep only this many entities, those with the most papers.
        top: Option<usize>,
    },
    /// The `n` entities with the most papers, and their papers.
    Top(usize),
}

impl DotScope<'_> {
    /// Whether drawing this part reads the graph index (every part but the whole graph).
    pub fn uses_index(&self) -> bool {
        !matches!(self, DotScope::All)
    }
}

/// The neighbourhood of the entity `name` means in `index`: every node within `depth` hops,
/// at most `max_nodes` of them (the nearest first); `None` when no entity carries the name.
pub fn neighbourhood(
    index: &GraphIndex,
    name: &str,
    depth: usize,
    max_nodes: usize,
) -> Option<KnowledgeGraph> {
    let center = index.find_entity(name)?;
    Some(induced(index, &around(index, center, depth, max_nodes)))
}

/// The part of the store's graph `scope` names, as [`write_dot`] draws it.
fn dot_graph(
    store: &Store,
    index: Option<&GraphIndex>,
    scope: DotScope<'_>,
) -> Result<KnowledgeGraph, ExportError> {
    match index {
        Some(index) => cut_out(store, index, scope),
        None if scope.uses_index() => cut_out(store, &from_store(store)?, scope),
        None => Ok(load_graph(store)?),
    }
}

/// The part `scope` names, with the store's graph index at hand.
fn cut_out(
    store: &Store,
    index: &GraphIndex,
    scope: DotScope<'_>,
) -> Result<KnowledgeGraph, ExportError> {
    Ok(match scope {
        DotScope::All => load_graph(store)?,
        DotScope::Around { name, depth, top } => {
            let center = find_indexed(store, index, name)?;
            let graph = induced(index, &around(index, center, depth, usize::MAX));
            match top {
                Some(n) => top_subgraph(&graph, n),
                None => graph,
            }
        }
        DotScope::Top(n) => induced(index, &top_nodes(index, n)),
    })
}

/// Writes the part of the store's graph `scope` names as GraphViz DOT. The parts but the
/// whole graph are cut out of the graph index: `index` when given (it must be the store's, as
/// [`crate::index::IndexedStore`] opens them), else one made from the store. A name no entity
/// carries is [`ExportError::NoEntity`], with the closest names.
pub fn write_dot(
    store: &Store,
    index: Option<&GraphIndex>,
    scope: DotScope<'_>,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    let graph = dot_graph(store, index, scope)?;
    dot::write_dot(&graph, out)?;
    Ok(())
}
