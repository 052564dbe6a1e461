//! A table of strings held in one buffer while an index is made, so that a million titles are
//! two allocations; the file holds it the same way (see [`super::file`]).

/// Strings stored end to end; string `i` is `text[ends[i - 1]..ends[i]]`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct StringTable {
    pub(crate) text: String,
    pub(crate) ends: Vec<u64>,
}

impl StringTable {
    /// The number of strings.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Appends a string.
    pub(crate) fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(self.text.len() as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_stored_end_to_end() {
        let mut table = StringTable::default();
        for s in ["a", "", "bé", "c"] {
            table.push(s);
        }
        assert_eq!(table.text, "abéc");
        assert_eq!(table.ends, [1, 1, 4, 5]);
        assert_eq!(table.len(), 4);
    }
}
