//! paperkg's core: it reads paper titles and abstracts and turns them into a knowledge graph,
//! with every edge traceable to the text that produced it. No store, no HTTP, no command line:
//! `paperkg-store` writes the graph to an oxigraph store, `paperkg-serve` serves it, and the
//! `paperkg` binary drives them all.
//!
//! [`ids`] is the bottom layer: the identity types ([`ids::EntityType`], [`ids::EntityId`],
//! [`ids::PaperId`]) that every stage uses, and the one place that formats or parses them.
//!
//! The stages, in the order data flows through them:
//!
//! 1. [`corpus`] reads listing pages and JSON lines into [`corpus::Paper`]s.
//! 2. [`dictionary`] loads the curated entity dictionaries.
//! 3. [`extract`] finds models, datasets, metrics, tasks, methods, URLs and results in a paper.
//! 4. [`pipeline`] runs the extractor over a whole corpus in parallel, in input order.
//! 5. [`graph`] links papers and entities in a [`graph::KnowledgeGraph`] on petgraph, and
//!    [`graph::analytics`] answers questions of it.
//! 6. [`export`] draws the graph (GraphViz DOT) and trends (SVG charts); [`eval`] scores
//!    extractions against a gold set.
//!
//! [`resolve`] is the one resolver from a name a user types to the entity they mean.

#![deny(missing_docs)]

pub mod corpus;
pub mod dictionary;
pub mod eval;
pub mod export;
pub mod extract;
pub mod graph;
pub mod ids;
pub mod pipeline;
pub mod resolve;
pub mod text;
