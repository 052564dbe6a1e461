//! A byte trie of lower-cased aliases for anchored longest-match lookups.
//!
//! The dictionary matcher only ever asks "which is the longest alias that starts exactly here?"
//! at the start of a word. An Aho-Corasick automaton answers that too, but building one also
//! computes failure transitions for unanchored search, which the matcher never uses; with the
//! Papers with Code lists that computation was most of the start-up time. The trie is built in
//! one pass over the sorted aliases, with every node's edges in one array.

/// One node: its edges are `edges[first..first + count]`, sorted by byte.
#[derive(Clone, Copy, Debug)]
struct Node {
    first: u32,
    count: u32,
    /// The alias that ends here, if any.
    pattern: Option<u32>,
}

/// A trie over lower-case aliases; lookups compare ASCII letters case-insensitively and every
/// other byte exactly (as `aho_corasick`'s `ascii_case_insensitive` does).
#[derive(Clone, Debug)]
pub(crate) struct AliasTrie {
    nodes: Vec<Node>,
    /// `(byte, child node)` pairs, grouped by parent.
    edges: Vec<(u8, u32)>,
}

impl AliasTrie {
    /// Builds the trie; `keys[i]` is pattern `i`. Keys should be distinct (a repeated key
    /// keeps its first index) and lower-case.
    pub(crate) fn new(keys: &[String]) -> AliasTrie {
        let mut order: Vec<u32> = (0..keys.len() as u32).collect();
        order.sort_by(|&a, &b| keys[a as usize].as_bytes().cmp(keys[b as usize].as_bytes()));
        let mut trie = AliasTrie {
            nodes: Vec::with_capacity(keys.len() * 4),
            edges: Vec::with_capacity(keys.len() * 4),
        };
        let sorted: Vec<(&[u8], u32)> = order
            .iter()
            .map(|&i| (keys[i as usize].as_bytes(), i))
            .collect();
        trie.nodes.push(Node {
            first: 0,
            count: 0,
            pattern: None,
        });
        // Each task fills one node from the keys that share its prefix of length `depth`.
        let mut tasks = vec![(0usize, 0usize, sorted.len(), 0usize)];
        while let Some((node, from, to, depth)) = tasks.pop() {
            let mut at = from;
            while at < to && sorted[at].0.len() == depth {
                trie.nodes[node].pattern.get_or_insert(sorted[at].1);
                at += 1;
            }
            let first = trie.edges.len();
            while at < to {
                let byte = sorted[at].0[depth];
                let end = at + sorted[at..to].partition_point(|(k, _)| k[depth] == byte);
                let child = trie.nodes.len();
                trie.nodes.push(Node {
                    first: 0,
                    count: 0,
                    pattern: None,
                });
                trie.edges.push((byte, child as u32));
                tasks.push((child, at, end, depth + 1));
                at = end;
            }
            trie.nodes[node].first = first as u32;
            trie.nodes[node].count = (trie.edges.len() - first) as u32;
        }
        trie
    }

    /// The longest key that `bytes[start..]` begins with: its end (exclusive) and pattern.
    pub(crate) fn longest_at(&self, bytes: &[u8], start: usize) -> Option<(usize, usize)> {
        let mut node = 0usize;
        let mut best = None;
        for (offset, &byte) in bytes.get(start..)?.iter().enumerate() {
            let byte = byte.to_ascii_lowercase();
            let Node { first, count, .. } = self.nodes[node];
            let edges = &self.edges[first as usize..(first + count) as usize];
            match edges.binary_search_by_key(&byte, |&(b, _)| b) {
                Ok(i) => node = edges[i].1 as usize,
                Err(_) => break,
            }
            if let Some(pattern) = self.nodes[node].pattern {
                best = Some((start + offset + 1, pattern as usize));
            }
        }
        best
    }
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
