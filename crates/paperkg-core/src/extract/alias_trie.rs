//! A byte trie of lower-cased aliases for anchored longest-match lookups.
//!
//! The dictionary matcher only ever asks "which is the longest alias that starts exactly here?"
//! at the start of a word. An Aho-Corasick automaton answers that too, but building one also
//! computes failure transitions for unanchored search, which the matcher never uses; with the
//! Papers with Code lists that computation was most of the start-up time. The trie is built in
//! one pass over the sorted aliases, then compiled into dense tables for wide nodes and short
//! byte lists for the rest.

/// A node while the trie is built: its edges are `edges[first..first + count]`, sorted by byte.
#[derive(Clone, Copy, Debug)]
struct BuildNode {
    first: u32,
    count: u32,
    /// The alias that ends here, if any.
    pattern: Option<u32>,
}

/// No node, no pattern.
const NONE: u32 = u32::MAX;

/// Nodes with at least this many edges get a table of 256 children, indexed by byte (both
/// ASCII cases filled in); the rest keep a short list of lower-case edge bytes that a lookup
/// scans. Wide nodes are few (the root and common prefixes) but are where most lookups start.
const DENSE_EDGES: u32 = 8;

/// One node of the compiled trie. `count == NONE` marks a dense node, whose children are
/// `dense[first..first + 256]`; otherwise its edge bytes are `edge_bytes[first..first + count]`
/// and its children the same range of `edge_nodes`.
#[derive(Clone, Copy, Debug)]
struct Node {
    first: u32,
    count: u32,
    /// The alias that ends here, or [`NONE`].
    pattern: u32,
}

/// A trie over lower-case aliases; lookups compare ASCII letters case-insensitively and every
/// other byte exactly (as `aho_corasick`'s `ascii_case_insensitive` does).
///
/// Wide nodes are dense tables and narrow ones short byte lists, so a step is one load or a
/// scan of a few bytes. The `matcher` bench compares it with aho-corasick's anchored DFA and
/// contiguous NFA walked the same way: the contiguous NFA is a little faster per step, but
/// building it (failure transitions included, which an anchored walk never uses) takes
/// hundreds of times longer than this trie, on every start-up.
#[derive(Clone, Debug)]
pub(crate) struct AliasTrie {
    nodes: Vec<Node>,
    edge_bytes: Vec<u8>,
    edge_nodes: Vec<u32>,
    dense: Vec<u32>,
}

impl AliasTrie {
    /// Builds the trie; `keys[i]` is pattern `i`. Keys should be distinct (a repeated key
    /// keeps its first index) and lower-case.
    pub(crate) fn new(keys: &[String]) -> AliasTrie {
        let (nodes, edges) = build(keys);
        let mut trie = AliasTrie {
            nodes: Vec::with_capacity(nodes.len()),
            edge_bytes: Vec::with_capacity(edges.len()),
            edge_nodes: Vec::with_capacity(edges.len()),
            dense: Vec::new(),
        };
        for node in &nodes {
            let edges = &edges[node.first as usize..(node.first + node.count) as usize];
            let pattern = node.pattern.unwrap_or(NONE);
            if node.count >= DENSE_EDGES {
                let first = trie.dense.len();
                trie.dense.resize(first + 256, NONE);
                for &(byte, child) in edges {
                    trie.dense[first + usize::from(byte)] = child;
                    trie.dense[first + usize::from(byte.to_ascii_uppercase())] = child;
                }
                trie.nodes.push(Node {
                    first: first as u32,
                    count: NONE,
                    pattern,
                });
            } else {
                trie.nodes.push(Node {
                    first: trie.edge_bytes.len() as u32,
                    count: node.count,
                    pattern,
                });
                trie.edge_bytes.extend(edges.iter().map(|&(byte, _)| byte));
                trie.edge_nodes
                    .extend(edges.iter().map(|&(_, child)| child));
            }
        }
        trie
    }

    /// The longest key that `bytes[start..]` begins with: its end (exclusive) and pattern.
    pub(crate) fn longest_at(&self, bytes: &[u8], start: usize) -> Option<(usize, usize)> {
        let mut node = 0usize;
        let mut best = None;
        for (offset, &byte) in bytes.get(start..)?.iter().enumerate() {
            let next = self.child(node, byte);
            if next == NONE {
                break;
            }
            node = next as usize;
            let pattern = self.nodes[node].pattern;
            if pattern != NONE {
                best = Some((start + offset + 1, pattern as usize));
            }
        }
        best
    }

    /// The child of `node` along `byte` (ASCII letters in either case), or [`NONE`].
    #[inline]
    fn child(&self, node: usize, byte: u8) -> u32 {
        let Node { first, count, .. } = self.nodes[node];
        let first = first as usize;
        if count == NONE {
            return self.dense[first + usize::from(byte)];
        }
        let lower = byte.to_ascii_lowercase();
        let bytes = &self.edge_bytes[first..first + count as usize];
        bytes
            .iter()
            .position(|&b| b == lower)
            .map_or(NONE, |i| self.edge_nodes[first + i])
    }
}

/// The trie as nodes with sorted `(byte, child)` edges, built in one pass over the sorted keys.
fn build(keys: &[String]) -> (Vec<BuildNode>, Vec<(u8, u32)>) {
    let mut order: Vec<u32> = (0..keys.len() as u32).collect();
    order.sort_by(|&a, &b| keys[a as usize].as_bytes().cmp(keys[b as usize].as_bytes()));
    let sorted: Vec<(&[u8], u32)> = order
        .iter()
        .map(|&i| (keys[i as usize].as_bytes(), i))
        .collect();
    let empty = BuildNode {
        first: 0,
        count: 0,
        pattern: None,
    };
    let mut nodes = Vec::with_capacity(keys.len() * 4);
    let mut edges = Vec::with_capacity(keys.len() * 4);
    nodes.push(empty);
    // Each task fills one node from the keys that share its prefix of length `depth`.
    let mut tasks = vec![(0usize, 0usize, sorted.len(), 0usize)];
    while let Some((node, from, to, depth)) = tasks.pop() {
        let mut at = from;
        while at < to && sorted[at].0.len() == depth {
            nodes[node].pattern.get_or_insert(sorted[at].1);
            at += 1;
        }
        let first = edges.len();
        while at < to {
            let byte = sorted[at].0[depth];
            let end = at + sorted[at..to].partition_point(|(k, _)| k[depth] == byte);
            let child = nodes.len();
            nodes.push(empty);
            edges.push((byte, child as u32));
            tasks.push((child, at, end, depth + 1));
            at = end;
        }
        nodes[node].first = first as u32;
        nodes[node].count = (edges.len() - first) as u32;
    }
    (nodes, edges)
}

#[cfg(test)]
mod tests {
    use super::AliasTrie;

    fn trie(keys: &[&str]) -> AliasTrie {
        AliasTrie::new(&keys.iter().map(|k| k.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn finds_the_longest_key_at_a_position_ignoring_ascii_case() {
        let t = trie(&["sam", "sam 2", "segment anything", "s"]);
        let text = b"Use SAM 2 or Segment Anything";
        assert_eq!(t.longest_at(text, 4), Some((9, 1)));
        assert_eq!(t.longest_at(text, 13), Some((29, 2)));
        assert_eq!(t.longest_at(b"SAMx", 0), Some((3, 0)));
        assert_eq!(t.longest_at(b"Sx", 0), Some((1, 3)));
        assert_eq!(t.longest_at(text, 0), None);
        assert_eq!(t.longest_at(text, 99), None);
    }

    #[test]
    fn wide_nodes_match_like_narrow_ones() {
        // Ten keys under "x": the root's child "x" is a dense node, the rest are lists.
        let keys: Vec<String> = "abcdefghij"
            .chars()
            .map(|c| format!("x{c}y"))
            .chain(["x".to_string(), "x1-é".to_string()])
            .collect();
        let t = AliasTrie::new(&keys);
        assert_eq!(t.longest_at(b"XJY", 0), Some((3, 9)));
        assert_eq!(t.longest_at(b"xaY!", 0), Some((3, 0)));
        assert_eq!(t.longest_at(b"xk", 0), Some((1, 10)));
        assert_eq!(t.longest_at("X1-é".as_bytes(), 0), Some((5, 11)));
        assert_eq!(t.longest_at("X1-É".as_bytes(), 0), Some((1, 10)));
        assert_eq!(t.longest_at(b"yx", 0), None);
    }

    #[test]
    fn non_ascii_bytes_match_exactly() {
        let t = trie(&["fréchet distance", "δ1"]);
        assert_eq!(
            t.longest_at("Fréchet Distance".as_bytes(), 0),
            Some((17, 0))
        );
        assert_eq!(t.longest_at("FRÉCHET".as_bytes(), 0), None);
        assert_eq!(t.longest_at("δ1 of".as_bytes(), 0), Some((3, 1)));
    }
}
