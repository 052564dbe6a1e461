//! GraphViz DOT from the knowledge graph: papers and each entity type get their own shape and
//! colour, labels are escaped, edge kinds are drawn differently.

use crate::dictionary::EntityType;
use crate::graph::{Edge, KnowledgeGraph, Node};
use petgraph::visit::EdgeRef;
use std::io::Write;

/// Shape and fill colour per node kind.
fn style(node: &Node) -> (&'static str, &'static str) {
    match node {
        Node::Paper(_) => ("box", "#e8e8e8"),
        Node::Code(_) => ("folder", "#c8c8c8"),
        Node::Entity(e) => match e.entity_type {
            EntityType::Model => ("ellipse", "#9ecae1"),
            EntityType::Dataset => ("cylinder", "#fdd49e"),
            EntityType::Metric => ("diamond", "#fbb4c4"),
            EntityType::Task => ("hexagon", "#b8e186"),
            EntityType::Method => ("parallelogram", "#fdae6b"),
            EntityType::Url => ("note", "#ffffff"),
        },
    }
}

/// Escapes a label for a double-quoted DOT string.
pub fn escape(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for c in label.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn label(node: &Node) -> String {
    let text = match node {
        Node::Paper(p) => wrap(&p.title, 32),
        Node::Entity(e) => e.name.clone(),
        Node::Code(c) => c
            .url
            .split_once("://")
            .map_or(c.url.as_str(), |(_, r)| r)
            .to_string(),
    };
    escape(&text)
}

/// Wraps a title at word boundaries so paper boxes stay narrow; DOT reads `\n` in labels.
fn wrap(text: &str, width: usize) -> String {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let last = lines.last_mut().map(|l| l.len()).unwrap_or(0);
        if last > 0 && last + word.len() > width {
            lines.push(String::new());
        }
        if let Some(line) = lines.last_mut() {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines.join("\n")
}

/// Writes `graph` as a DOT digraph.
pub fn write_dot(graph: &KnowledgeGraph, out: &mut dyn Write) -> std::io::Result<()> {
    let g = graph.graph();
    writeln!(out, "digraph paperkg {{")?;
    writeln!(
        out,
        "  graph [rankdir=LR, overlap=false, splines=true, fontname=\"Helvetica\"];"
    )?;
    writeln!(
        out,
        "  node [style=filled, fontname=\"Helvetica\", fontsize=10];"
    )?;
    writeln!(
        out,
        "  edge [fontname=\"Helvetica\", fontsize=8, color=\"#666666\"];"
    )?;
    for index in g.node_indices() {
        let node = graph.node(index);
        let (shape, fill) = style(node);
        // DOT reads `\n` as a line break, so the escaped newlines from `wrap` are restored.
        let label = label(node).replace('\n', "\\n");
        writeln!(
            out,
            "  n{} [label=\"{}\", shape={shape}, fillcolor=\"{fill}\"];",
            index.index(),
            label
        )?;
    }
    for edge in g.edge_references() {
        let attributes = match edge.weight() {
            Edge::Mentions(m) if m.count > 1 => format!("label=\"{}\"", m.count),
            Edge::Mentions(_) => String::new(),
            Edge::Introduces => "label=\"introduces\", style=bold, color=\"#2b8cbe\"".to_string(),
            Edge::HasCode => "label=\"code\", style=dashed".to_string(),
            Edge::DerivedFrom => {
                "label=\"derived from\", style=dotted, color=\"#d95f0e\"".to_string()
            }
        };
        writeln!(
            out,
            "  n{} -> n{} [{attributes}];",
            edge.source().index(),
            edge.target().index()
        )?;
    }
    writeln!(out, "}}")
}
