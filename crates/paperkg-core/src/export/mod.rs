//! Drawings of the graph that need nothing but the graph: GraphViz DOT and small SVG charts.
//! (The store in RDF formats is `paperkg_store::export`.)

pub mod chart;
pub mod dot;
