//! Export of the store in RDF formats (oxigraph's serializers). The graph as GraphViz DOT and
//! SVG charts are `paperkg_core::export`.

use crate::rdf::vocab::PREFIXES;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::GraphNameRef;
use oxigraph::store::{StorageError, Store};
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
