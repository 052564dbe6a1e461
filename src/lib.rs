//! paperkg reads paper titles and abstracts and turns them into a knowledge graph that can be
//! queried with SPARQL, with every edge traceable to the text that produced it.
//!
//! The stages, in the order data flows through them:
//!
//! 1. [`corpus`] reads listing pages and JSON lines into [`corpus::Paper`]s.
//! 2. [`dictionary`] loads the curated entity dictionaries.
//! 3. [`extract`] finds models, datasets, metrics, tasks, methods, URLs and results in a paper.
//! 4. [`graph`] links papers and entities in a [`graph::KnowledgeGraph`] on petgraph.
//! 5. [`rdf`] maps the graph onto standard vocabularies and writes it to an oxigraph store.
//! 6. Consumers read the store: [`query`], [`lookup`], [`export`], [`eval`], and [`serve`],
//!    which answers SPARQL over HTTP and serves an explorer page.

pub mod corpus;
pub mod dictionary;
pub mod eval;
pub mod export;
pub mod extract;
pub mod graph;
pub mod leaderboard;
pub mod lookup;
pub mod pipeline;
pub mod query;
pub mod rdf;
pub mod serve;
pub mod text;
