//! GraphViz DOT from the knowledge graph: papers and each entity type get their own shape and
//! colour, labels are escaped, edge kinds are drawn differently, and mention counts set the
//! pen width.

use crate::dictionary::EntityType;
use crate::graph::{Edge, KnowledgeGraph, Node};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use std::collections::HashSet;
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

/// Wraps a title at word boundaries so paper boxes stay narrow, and cuts it after
/// [`MAX_LINES`] lines; DOT reads `\n` in labels.
fn wrap(text: &str, width: usize) -> String {
    const MAX_LINES: usize = 3;
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let last = lines.last().map_or(0, String::len);
        if last > 0 && last + word.len() > width {
            if lines.len() == MAX_LINES {
                if let Some(line) = lines.last_mut() {
                    line.push_str(" …");
                }
                break;
            }
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

/// Writes `graph` as a DOT digraph. A paper's mention of an entity is one edge whose pen width
/// grows with the mention count, drawn bold and blue when the paper introduces the entity;
/// lineage edges are dashed and orange (bold when fine-tuned).
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
    let introduced: HashSet<(NodeIndex, NodeIndex)> = g
        .edge_references()
        .filter(|e| matches!(e.weight(), Edge::Introduces))
        .map(|e| (e.source(), e.target()))
        .collect();
    let mentioned: HashSet<(NodeIndex, NodeIndex)> = g
        .edge_references()
        .filter(|e| matches!(e.weight(), Edge::Mentions(_)))
        .map(|e| (e.source(), e.target()))
        .collect();
    for edge in g.edge_references() {
        let pair = (edge.source(), edge.target());
        let attributes = match edge.weight() {
            Edge::Mentions(m) => mention_style(m.count, introduced.contains(&pair)),
            Edge::Introduces if mentioned.contains(&pair) => continue,
            Edge::Introduces => mention_style(1, true),
            Edge::HasCode => "label=\"code\", style=dashed".to_string(),
            Edge::DerivedFrom { fine_tuned: false } => {
                "label=\"derived from\", style=dashed, color=\"#d95f0e\", fontcolor=\"#d95f0e\", arrowhead=empty".to_string()
            }
            Edge::DerivedFrom { fine_tuned: true } => {
                "label=\"fine-tuned from\", style=\"dashed,bold\", color=\"#d95f0e\", fontcolor=\"#d95f0e\", arrowhead=empty".to_string()
            }
        };
        writeln!(
            out,
            "  n{} -> n{} [{attributes}];",
            pair.0.index(),
            pair.1.index()
        )?;
    }
    writeln!(out, "}}")
}

/// A mention edge: pen width from 1 (one mention) growing with the log of the count, capped
/// at 5 so that a paper repeating a name does not swamp the drawing; blue when the paper
/// introduces the entity.
fn mention_style(count: usize, introduces: bool) -> String {
    let width = (1.0 + (count.max(1) as f64).log2()).min(5.0);
    let label = match (introduces, count > 1) {
        (true, true) => format!("introduces ({count})"),
        (true, false) => "introduces".to_string(),
        (false, true) => count.to_string(),
        (false, false) => String::new(),
    };
    let mut attributes = format!("penwidth={width:.1}");
    if !label.is_empty() {
        attributes.push_str(&format!(", label=\"{label}\""));
    }
    if introduces {
        attributes.push_str(", color=\"#2b8cbe\", fontcolor=\"#2b8cbe\"");
    }
    attributes
}
