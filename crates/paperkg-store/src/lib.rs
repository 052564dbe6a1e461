//! paperkg's store: the knowledge graph of `paperkg-core` mapped onto standard vocabularies
//! and kept in an oxigraph (RocksDB) store, and the consumers that read it back.
//!
//! 1. [`rdf`] maps the graph to RDF, writes it to a store and reads it back
//!    ([`rdf::load_graph`]).
//! 2. [`query`] runs SPARQL (and the canned queries in `queries/`) and writes the results.
//! 3. [`lookup`] answers an entity's card by any of its names.
//! 4. [`export`] writes the store in RDF formats.
//! 5. [`index`] keeps the graph index beside the store: papers, entities and links in compact
//!    arrays, for the graph commands and the page.
//! 6. [`stats`] counts what a store holds.
//! 7. [`update`] builds a store from extractions, or adds papers to one (paper counts,
//!    leaderboards and duplicates handled).

#![deny(missing_docs)]

pub mod export;
pub mod index;
pub mod leaderboard;
pub mod lookup;
pub mod query;
pub mod rdf;
pub mod stats;
pub mod update;
