//! The index file, read in place.
//!
//! Layout (all integers little-endian):
//!
//! - a header: magic `PKGGRAPH`, format version (u32), section count (u32), witness length
//!   (u64); then one entry per section: offset (u64), length (u64), CRC-32 (u32), 4 bytes of
//!   padding; then the witness (the IRI of a paper whose title quad the store holds only once
//!   the transaction this index belongs to has committed; empty after a build); then a CRC-32
//!   of everything before it;
//! - the sections, each starting at a multiple of 8: fixed-width arrays (`u8`, `u16`, `u32`,
//!   `u64`) and string tables (the strings end to end, and an array of their end offsets).
//!
//! Opening maps the file and checks the header, that every section lies inside the file with
//! a length that is a whole number of its elements, that the columns of a table agree in
//! length, and the CRC-32 of every section except the two big text bodies (paper ids and
//! titles), which are read a string at a time, each bounds- and UTF-8-checked (see
//! `docs/graph.md`, "The graph index", for why). Nothing is copied: the accessors read the
//! mapped bytes, and any offset or slot a damaged file could hold reads as empty, never out of
//! bounds.

use std::ops::Range;

const MAGIC: &[u8; 8] = b"PKGGRAPH";
/// Raised whenever the layout changes; an index of another version is rebuilt.
pub(super) const VERSION: u32 = 4;

/// Declares the sections, in file order, as the enum [`Sec`] and the array [`ALL`] from one
/// list, so that the two cannot drift apart.
macro_rules! sections {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// The sections, in file order.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(usize)]
        pub(super) enum Sec {
            $($(#[$doc])* $name,)*
        }

        /// Every section, in file order.
        const ALL: [Sec; SECTIONS] = [$(Sec::$name,)*];
    };
}

sections! {
    /// Papers' IRI segments (`arxiv/2304.02643`), sorted: text, then ends (u64).
    PaperKeyText,
    PaperKeyEnds,
    /// Titles, by paper: text, then ends (u64).
    TitleText,
    TitleEnds,
    /// `year * 12 + month - 1`, plus one; 0 for a paper without a usable date (u32).
    Months,
    /// Entity ids, sorted: text, ends (u64).
    EntityIdText,
    EntityIdEnds,
    /// Canonical names: text, ends (u64).
    NameText,
    NameEnds,
    /// Entity type codes (u8) and URL kind codes (u8, 0 for none).
    Types,
    UrlKinds,
    /// Entity `e`'s aliases are those from `AliasStarts[e]` to `AliasStarts[e + 1]` (u32).
    AliasStarts,
    AliasText,
    AliasEnds,
    /// Paper `p`'s links run from `LinkStarts[p]` to `LinkStarts[p + 1]` (u32), ordered by
    /// entity: the entity (u32), the mention count (u16), whether it is introduced (u8).
    LinkStarts,
    LinkEntities,
    LinkCounts,
    LinkFlags,
    /// Entity `e`'s papers run from `MentionStarts[e]` to `MentionStarts[e + 1]` (u32), in
    /// `MentionedIn` (paper slots, u32, ascending).
    MentionStarts,
    MentionedIn,
    /// Derived-from links ordered by child then parent: child, parent (u32), fine-tuned (u8).
    DerivChildren,
    DerivParents,
    DerivFlags,
    /// Code repository URLs, sorted: text, ends (u64).
    CodeText,
    CodeEnds,
    /// `(paper, code repository)` links, ordered (u32 each).
    CodePapers,
    CodeRepos,
    /// Each entity's PageRank (f64 bits, u64).
    PageRank,
    /// Entity `e`'s most co-mentioned entities run from `CoStarts[e]` to `CoStarts[e + 1]`
    /// (u32): the entity (u32) and the number of papers mentioning both (u32), most shared
    /// papers first, ties by slot; at most [`super::CO_MENTIONS`] of them, URLs left out.
    CoStarts,
    CoEntities,
    CoCounts,
    /// How many entities (URLs left out) share a paper with each entity (u32): the list above
    /// is whole when this is not larger than its run.
    CoDistinct,
    /// The results reported on dataset `d` run from `ResultStarts[d]` to `ResultStarts[d + 1]`
    /// (u32), ordered by metric, paper, then result number: the metric (u32), the model (u32,
    /// its slot plus one, 0 for none), the paper (u32), the result's number in its IRI
    /// (`…/result/N`, u32) and the value (f64 bits, u64).
    ResultStarts,
    ResultMetrics,
    ResultModels,
    ResultPapers,
    ResultNumbers,
    ResultValues,
}

/// The number of sections.
pub(super) const SECTIONS: usize = Sec::ResultValues as usize + 1;

/// The sections whose CRC is not checked on opening: the big text bodies, read one string at a
/// time (their end offsets are checked).
const UNCHECKED_ON_OPEN: [Sec; 2] = [Sec::PaperKeyText, Sec::TitleText];

/// The width in bytes of each section's elements (1 for text).
const fn width(sec: Sec) -> usize {
    use Sec::*;
    match sec {
        PaperKeyText | TitleText | EntityIdText | NameText | AliasText | CodeText | Types
        | UrlKinds | LinkFlags | DerivFlags => 1,
        LinkCounts => 2,
        Months | AliasStarts | LinkStarts | LinkEntities | MentionStarts | MentionedIn
        | DerivChildren | DerivParents | CodePapers | CodeRepos | CoStarts | CoEntities
        | CoCounts | CoDistinct | ResultStarts | ResultMetrics | ResultModels | ResultPapers
        | ResultNumbers => 4,
        PaperKeyEnds | TitleEnds | EntityIdEnds | NameEnds | AliasEnds | CodeEnds | PageRank
        | ResultValues => 8,
    }
}

const HEADER: usize = 8 + 4 + 4 + 8;
const ENTRY: usize = 24;

/// The bytes of an index: the mapped file, or a buffer just made.
pub(super) enum Bytes {
    /// A memory-mapped file.
    Mapped(memmap2::Mmap),
    /// Bytes in memory (a freshly made index).
    Owned(Vec<u8>),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Mapped(map) => map,
            Bytes::Owned(bytes) => bytes,
        }
    }
}

/// An opened index file: its bytes and where each section lies in them.
pub(super) struct IndexFile {
    bytes: Bytes,
    sections: [Range<usize>; SECTIONS],
    witness: String,
}

impl IndexFile {
    /// The bytes of one section.
    pub(super) fn section(&self, sec: Sec) -> &[u8] {
        self.bytes
            .get(self.sections[sec as usize].clone())
            .unwrap_or(&[])
    }

    /// The number of elements in a section.
    pub(super) fn count(&self, sec: Sec) -> usize {
        self.section(sec).len() / width(sec)
    }

    /// The witness the file was written with.
    pub(super) fn witness(&self) -> &str {
        &self.witness
    }

    /// Lays out `sections` (in [`Sec`] order) with a header naming `witness`.
    pub(super) fn assemble(sections: &[&[u8]; SECTIONS], witness: &str) -> Vec<u8> {
        let table_end = HEADER + ENTRY * SECTIONS + witness.len() + 4;
        let mut offset = table_end.next_multiple_of(8);
        let mut out =
            Vec::with_capacity(offset + sections.iter().map(|s| s.len() + 8).sum::<usize>());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(SECTIONS as u32).to_le_bytes());
        out.extend_from_slice(&(witness.len() as u64).to_le_bytes());
        for section in sections {
            out.extend_from_slice(&(offset as u64).to_le_bytes());
            out.extend_from_slice(&(section.len() as u64).to_le_bytes());
            out.extend_from_slice(&crc32fast::hash(section).to_le_bytes());
            out.extend_from_slice(&[0; 4]);
            offset = (offset + section.len()).next_multiple_of(8);
        }
        out.extend_from_slice(witness.as_bytes());
        let crc = crc32fast::hash(&out);
        out.extend_from_slice(&crc.to_le_bytes());
        for section in sections {
            out.resize(out.len().next_multiple_of(8), 0);
            out.extend_from_slice(section);
        }
        out
    }

    /// The same sections under another witness.
    pub(super) fn with_witness(&self, witness: &str) -> Vec<u8> {
        let sections: [&[u8]; SECTIONS] = std::array::from_fn(|i| self.section(ALL[i]));
        IndexFile::assemble(&sections, witness)
    }

    /// Whether two files hold the same sections (witnesses aside).
    pub(super) fn same_content(&self, other: &IndexFile) -> bool {
        ALL.iter().all(|&s| self.section(s) == other.section(s))
    }

    /// Opens the bytes of an index file, or says why they are not a whole index of this
    /// version. See the [module documentation](self) for what is checked.
    pub(super) fn open(bytes: Bytes) -> Result<IndexFile, String> {
        let (sections, witness) = read_header(&bytes)?;
        let file = IndexFile {
            bytes,
            sections,
            witness,
        };
        file.check_sections()?;
        file.check_lengths()?;
        Ok(file)
    }

    /// Checks that each section holds whole elements and, but for [`UNCHECKED_ON_OPEN`],
    /// matches its CRC.
    fn check_sections(&self) -> Result<(), String> {
        let table = self.bytes.get(HEADER..).unwrap_or(&[]);
        for (i, sec) in ALL.into_iter().enumerate() {
            if !self.section(sec).len().is_multiple_of(width(sec)) {
                return Err(format!("section {sec:?} is not a whole number of elements"));
            }
            if UNCHECKED_ON_OPEN.contains(&sec) {
                continue;
            }
            let entry = table.get(i * ENTRY + 16..i * ENTRY + 20).ok_or("header")?;
            let crc = u32::from_le_bytes(entry.try_into().map_err(|_| "header")?);
            if crc32fast::hash(self.section(sec)) != crc {
                return Err(format!(
                    "checksum mismatch in {sec:?} (the file is damaged)"
                ));
            }
        }
        Ok(())
    }

    /// Checks that the columns of each table agree in length and that the run offsets and
    /// string ends a command follows stay in bounds.
    fn check_lengths(&self) -> Result<(), String> {
        use Sec::*;
        let papers = self.count(PaperKeyEnds);
        let entities = self.count(EntityIdEnds);
        let links = self.count(LinkEntities);
        let same = |secs: &[Sec], n: usize| secs.iter().all(|&s| self.count(s) == n);
        let ok = same(&[TitleEnds, Months], papers)
            && same(&[NameEnds, Types, UrlKinds, PageRank, CoDistinct], entities)
            && same(
                &[AliasStarts, MentionStarts, CoStarts, ResultStarts],
                entities + 1,
            )
            && same(&[CoCounts], self.count(CoEntities))
            && same(
                &[ResultModels, ResultPapers, ResultNumbers, ResultValues],
                self.count(ResultMetrics),
            )
            && same(&[LinkStarts], papers + 1)
            && same(&[LinkCounts, LinkFlags, MentionedIn], links)
            && same(&[DerivParents, DerivFlags], self.count(DerivChildren))
            && same(&[CodeRepos], self.count(CodePapers));
        if !ok {
            return Err("columns of unequal length".to_string());
        }
        for (text, ends) in [
            (PaperKeyText, PaperKeyEnds),
            (TitleText, TitleEnds),
            (EntityIdText, EntityIdEnds),
            (NameText, NameEnds),
            (AliasText, AliasEnds),
            (CodeText, CodeEnds),
        ] {
            let last = self.u64s(ends).last().unwrap_or(0);
            if last != self.section(text).len() as u64 {
                return Err(format!("{text:?} does not end where its table says"));
            }
        }
        let alias_total = self.count(AliasEnds) as u32;
        for (starts, total) in [
            (AliasStarts, alias_total),
            (LinkStarts, links as u32),
            (MentionStarts, links as u32),
            (CoStarts, self.count(CoEntities) as u32),
            (ResultStarts, self.count(ResultMetrics) as u32),
        ] {
            let column = self.u32s(starts);
            if column.get(0) != Some(0) || column.last() != Some(u64::from(total)) {
                return Err(format!("{starts:?} does not span its runs"));
            }
        }
        Ok(())
    }

    /// A `u8` section.
    pub(super) fn u8s(&self, sec: Sec) -> &[u8] {
        self.section(sec)
    }

    /// A `u16` section.
    pub(super) fn u16s(&self, sec: Sec) -> Column<'_, 2> {
        Column(self.section(sec))
    }

    /// A `u32` section.
    pub(super) fn u32s(&self, sec: Sec) -> Column<'_, 4> {
        Column(self.section(sec))
    }

    /// A `u64` section.
    pub(super) fn u64s(&self, sec: Sec) -> Column<'_, 8> {
        Column(self.section(sec))
    }

    /// A string table.
    pub(super) fn strings(&self, text: Sec, ends: Sec) -> Strings<'_> {
        Strings {
            text: self.section(text),
            ends: self.u64s(ends),
        }
    }
}

/// Reads the header: each section's byte range, and the witness.
#[allow(clippy::type_complexity)]
fn read_header(bytes: &[u8]) -> Result<([Range<usize>; SECTIONS], String), String> {
    let fixed = bytes.get(..HEADER).ok_or("shorter than its header")?;
    if &fixed[..8] != MAGIC {
        return Err("not a paperkg graph index".to_string());
    }
    let word = |range: Range<usize>| -> u64 {
        bytes
            .get(range)
            .map(|b| b.iter().rev().fold(0u64, |n, &x| (n << 8) | u64::from(x)))
            .unwrap_or(u64::MAX)
    };
    let version = word(8..12);
    if version != u64::from(VERSION) {
        return Err(format!(
            "format version {version}, this paperkg reads {VERSION}"
        ));
    }
    if word(12..16) != SECTIONS as u64 {
        return Err("a section count this version does not use".to_string());
    }
    let witness_len = usize::try_from(word(16..24)).map_err(|_| "witness length")?;
    let witness_at = HEADER + ENTRY * SECTIONS;
    let crc_at = witness_at
        .checked_add(witness_len)
        .ok_or("witness length")?;
    let stored_crc = word(crc_at..crc_at + 4);
    if bytes.len() < crc_at + 4 || u64::from(crc32fast::hash(&bytes[..crc_at])) != stored_crc {
        return Err("header checksum mismatch (the file is damaged)".to_string());
    }
    let witness = std::str::from_utf8(&bytes[witness_at..crc_at])
        .map_err(|_| "a witness that is not UTF-8")?
        .to_string();
    let mut sections: [Range<usize>; SECTIONS] = std::array::from_fn(|_| 0..0);
    for (i, range) in sections.iter_mut().enumerate() {
        let at = HEADER + i * ENTRY;
        let (start, len) = (word(at..at + 8), word(at + 8..at + 16));
        let end = start.checked_add(len).ok_or("a section too large")?;
        if end > bytes.len() as u64 || !start.is_multiple_of(8) {
            return Err("a section runs past the end of the file".to_string());
        }
        *range = start as usize..end as usize;
    }
    Ok((sections, witness))
}

/// A section of little-endian unsigned integers `N` bytes wide, read in place.
#[derive(Clone, Copy, Debug)]
pub(super) struct Column<'a, const N: usize>(&'a [u8]);

impl<'a, const N: usize> Column<'a, N> {
    /// The number of values.
    pub(super) fn len(&self) -> usize {
        self.0.len() / N
    }

    /// Value `i`, widened to u64.
    fn raw(&self, i: usize) -> Option<u64> {
        let bytes = self.0.get(i.checked_mul(N)?..(i + 1).checked_mul(N)?)?;
        Some(
            bytes
                .iter()
                .rev()
                .fold(0u64, |n, &x| (n << 8) | u64::from(x)),
        )
    }

    /// The last value.
    pub(super) fn last(&self) -> Option<u64> {
        self.len().checked_sub(1).and_then(|i| self.raw(i))
    }

    /// A part of the column (empty when out of bounds).
    pub(super) fn slice(&self, range: Range<usize>) -> Column<'a, N> {
        let bytes = range
            .start
            .checked_mul(N)
            .zip(range.end.checked_mul(N))
            .and_then(|(a, b)| self.0.get(a..b));
        Column(bytes.unwrap_or(&[]))
    }
}

impl<'a> Column<'a, 2> {
    /// Value `i`.
    pub(super) fn get(&self, i: usize) -> Option<u16> {
        self.raw(i).map(|v| v as u16)
    }
}

impl<'a> Column<'a, 4> {
    /// Value `i`.
    pub(super) fn get(&self, i: usize) -> Option<u32> {
        self.raw(i).map(|v| v as u32)
    }

    /// Every value, in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = u32> + 'a {
        self.0
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
    }

    /// The range `self[i]..self[i + 1]` (empty when out of bounds or backwards).
    pub(super) fn run(&self, i: usize) -> Range<usize> {
        match (self.get(i), self.get(i + 1)) {
            (Some(a), Some(b)) if a <= b => a as usize..b as usize,
            _ => 0..0,
        }
    }

    /// The first position whose value is not below `value`, in an ascending column.
    pub(super) fn lower_bound(&self, value: u32) -> usize {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let mid = low + (high - low) / 2;
            if self.get(mid).is_some_and(|v| v < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        low
    }
}

impl<'a> Column<'a, 8> {
    /// Value `i`.
    pub(super) fn get(&self, i: usize) -> Option<u64> {
        self.raw(i)
    }
}

/// A string table read in place: string `i` is `text[ends[i - 1]..ends[i]]`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Strings<'a> {
    text: &'a [u8],
    ends: Column<'a, 8>,
}

impl<'a> Strings<'a> {
    /// The number of strings.
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    /// String `i` (empty when out of range or not UTF-8).
    pub(super) fn get(&self, i: usize) -> &'a str {
        let start = match i.checked_sub(1) {
            Some(before) => self.ends.get(before).unwrap_or(0),
            None => 0,
        };
        let end = self.ends.get(i).unwrap_or(start);
        let bytes = usize::try_from(start)
            .ok()
            .zip(usize::try_from(end).ok())
            .and_then(|(a, b)| self.text.get(a..b))
            .unwrap_or(&[]);
        std::str::from_utf8(bytes).unwrap_or("")
    }

    /// The position of `s` in a table whose strings are in ascending order.
    pub(super) fn find_sorted(&self, s: &str) -> Option<usize> {
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
}

/// Writes values as little-endian bytes.
pub(super) fn le_u32s(values: impl IntoIterator<Item = u32>) -> Vec<u8> {
    values.into_iter().flat_map(u32::to_le_bytes).collect()
}

/// Writes values as little-endian bytes.
pub(super) fn le_u64s(values: impl IntoIterator<Item = u64>) -> Vec<u8> {
    values.into_iter().flat_map(u64::to_le_bytes).collect()
}

/// Writes values as little-endian bytes.
pub(super) fn le_u16s(values: impl IntoIterator<Item = u16>) -> Vec<u8> {
    values.into_iter().flat_map(u16::to_le_bytes).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        let mut sections: Vec<Vec<u8>> = vec![Vec::new(); SECTIONS];
        sections[Sec::LinkStarts as usize] = le_u32s([0]);
        sections[Sec::AliasStarts as usize] = le_u32s([0]);
        sections[Sec::MentionStarts as usize] = le_u32s([0]);
        sections[Sec::CoStarts as usize] = le_u32s([0]);
        sections[Sec::ResultStarts as usize] = le_u32s([0]);
        let refs: [&[u8]; SECTIONS] = std::array::from_fn(|i| sections[i].as_slice());
        IndexFile::assemble(&refs, "w")
    }

    #[test]
    fn reads_back_and_refuses_damaged_and_foreign_bytes() {
        let bytes = sample();
        let file = IndexFile::open(Bytes::Owned(bytes.clone())).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(file.witness(), "w");
        assert_eq!(file.u32s(Sec::LinkStarts).get(0), Some(0));
        let again = file.with_witness("other");
        let reopened = IndexFile::open(Bytes::Owned(again)).unwrap_or_else(|e| panic!("{e}"));
        assert!(reopened.same_content(&file));
        assert_eq!(reopened.witness(), "other");
        // A flipped byte in a checked section, in the header, or a cut file is refused.
        let mut damaged = bytes.clone();
        damaged[file.sections[Sec::MentionStarts as usize].start] ^= 1;
        assert!(IndexFile::open(Bytes::Owned(damaged)).is_err_and(|e| e.contains("checksum")));
        let mut header = bytes.clone();
        header[HEADER + 3] ^= 1;
        assert!(IndexFile::open(Bytes::Owned(header)).is_err());
        assert!(IndexFile::open(Bytes::Owned(bytes[..bytes.len() - 2].to_vec())).is_err());
        assert!(IndexFile::open(Bytes::Owned(b"PKGGRAPH".to_vec())).is_err());
        assert!(IndexFile::open(Bytes::Owned(b"not an index, some text".to_vec())).is_err());
    }

    #[test]
    fn columns_read_in_place_and_stay_in_bounds() {
        let bytes = le_u32s([0, 2, 5]);
        let column = Column::<4>(&bytes);
        assert_eq!(column.run(1), 2..5);
        assert_eq!(column.run(2), 0..0);
        assert_eq!(column.lower_bound(3), 2);
        let text = b"ab\xffc";
        let ends = le_u64s([2, 3, 4, 99]);
        let strings = Strings {
            text,
            ends: Column(&ends),
        };
        assert_eq!(strings.get(0), "ab");
        assert_eq!(strings.get(1), "", "not UTF-8");
        assert_eq!(strings.get(2), "c");
        assert_eq!(strings.get(3), "", "past the end");
        assert_eq!(strings.get(7), "");
    }
}
