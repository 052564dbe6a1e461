//! A table of strings held in one buffer, so that a million titles are two allocations.

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

    /// String `i` (empty when out of range).
    pub(crate) fn get(&self, i: usize) -> &str {
        let start = match i.checked_sub(1) {
            Some(before) => self.ends.get(before).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.ends.get(i).copied().unwrap_or(start);
        self.text.get(start as usize..end as usize).unwrap_or("")
    }

    /// Appends a string.
    pub(crate) fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(self.text.len() as u64);
    }

    /// The position of `s` in a table whose strings are in ascending order.
    pub(crate) fn find_sorted(&self, s: &str) -> Option<usize> {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let mid = low + (high - low) / 2;
            match self.get(mid).cmp(s) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// Whether every end lies on a character boundary and none goes back.
    pub(crate) fn is_well_formed(&self) -> bool {
        let mut before = 0u64;
        self.ends.iter().all(|&end| {
            let ok = end >= before && self.text.is_char_boundary(end as usize);
            before = end;
            ok
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_come_back_and_sorted_lookup_finds_them() {
        let mut table = StringTable::default();
        for s in ["a", "", "bé", "c"] {
            table.push(s);
        }
        assert_eq!(table.get(2), "bé");
        assert_eq!(table.get(1), "");
        assert_eq!(table.get(9), "");
        assert_eq!(table.find_sorted("bé"), Some(2));
        assert_eq!(table.find_sorted("b"), None);
        assert!(table.is_well_formed());
    }
}
