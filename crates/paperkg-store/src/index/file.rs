//! The index file: a header (magic, format version, CRC-32 and length of the body, the
//! paper that witnesses the store transaction it belongs to) and a body of little-endian
//! arrays and string tables. Reading checks the CRC and every offset and slot, so a damaged
//! or foreign file is refused with a reason, never trusted.

use super::tables::StringTable;
use super::{Derivation, EntitySlot, GraphIndex, Link, PaperSlot};
use paperkg_core::dictionary::EntityType;
use paperkg_core::extract::UrlKind;

const MAGIC: &[u8; 8] = b"PKGGRAPH";
/// Raised whenever the layout changes; an index of another version is rebuilt.
const VERSION: u32 = 2;

/// Encodes an index, with the IRI of a paper whose title quad the store holds only once the
/// transaction this index belongs to has committed (empty after a build).
pub(super) fn encode(index: &GraphIndex, witness: &str) -> Vec<u8> {
    let mut body = Writer::default();
    body.string(witness);
    body.table(&index.paper_ids);
    body.table(&index.titles);
    body.u32s(&index.months);
    body.table(&index.entity_ids);
    body.table(&index.names);
    body.bytes(
        &index
            .types
            .iter()
            .map(|t| type_code(*t))
            .collect::<Vec<_>>(),
    );
    body.bytes(
        &index
            .url_kinds
            .iter()
            .map(|k| kind_code(*k))
            .collect::<Vec<_>>(),
    );
    body.u32s(&index.alias_starts);
    body.table(&index.aliases);
    body.u32s(&index.link_starts);
    body.u32s(&index.links.iter().map(|l| l.entity.0).collect::<Vec<_>>());
    body.u32s(
        &index
            .links
            .iter()
            .map(|l| u32::from(l.count))
            .collect::<Vec<_>>(),
    );
    body.bytes(
        &index
            .links
            .iter()
            .map(|l| u8::from(l.introduces))
            .collect::<Vec<_>>(),
    );
    body.u32s(
        &index
            .derivations
            .iter()
            .map(|d| d.child.0)
            .collect::<Vec<_>>(),
    );
    body.u32s(
        &index
            .derivations
            .iter()
            .map(|d| d.parent.0)
            .collect::<Vec<_>>(),
    );
    body.bytes(
        &index
            .derivations
            .iter()
            .map(|d| u8::from(d.fine_tuned))
            .collect::<Vec<_>>(),
    );
    body.table(&index.code_urls);
    body.u32s(
        &index
            .paper_code
            .iter()
            .map(|(p, _)| p.0)
            .collect::<Vec<_>>(),
    );
    body.u32s(&index.paper_code.iter().map(|(_, c)| *c).collect::<Vec<_>>());
    body.u64s(
        &index
            .pagerank
            .iter()
            .map(|r| r.to_bits())
            .collect::<Vec<_>>(),
    );
    let body = body.0;
    let mut out = Vec::with_capacity(body.len() + 24);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(&body).to_le_bytes());
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    out.extend_from_slice(&body);
    out
}

/// Decodes an index and its witness, or says why the bytes are not a whole index of this
/// version.
pub(super) fn decode(bytes: &[u8]) -> Result<(GraphIndex, String), String> {
    let header = bytes.get(..24).ok_or("shorter than its header")?;
    if &header[..8] != MAGIC {
        return Err("not a paperkg graph index".to_string());
    }
    let version = u32::from_le_bytes(header[8..12].try_into().map_err(|_| "header")?);
    if version != VERSION {
        return Err(format!(
            "format version {version}, this paperkg reads {VERSION}"
        ));
    }
    let crc = u32::from_le_bytes(header[12..16].try_into().map_err(|_| "header")?);
    let length = u64::from_le_bytes(header[16..24].try_into().map_err(|_| "header")?);
    let body = &bytes[24..];
    if body.len() as u64 != length {
        return Err(format!(
            "{} bytes of body, the header says {length}",
            body.len()
        ));
    }
    if crc32fast::hash(body) != crc {
        return Err("checksum mismatch (the file is damaged)".to_string());
    }
    let mut r = Reader(body);
    let witness = r.string()?;
    let mut index = GraphIndex {
        paper_ids: r.table()?,
        titles: r.table()?,
        months: r.u32s()?,
        entity_ids: r.table()?,
        names: r.table()?,
        types: r
            .bytes()?
            .iter()
            .map(|&c| type_of(c))
            .collect::<Result<_, _>>()?,
        url_kinds: r
            .bytes()?
            .iter()
            .map(|&c| kind_of(c))
            .collect::<Result<_, _>>()?,
        alias_starts: r.u32s()?,
        aliases: r.table()?,
        link_starts: r.u32s()?,
        ..GraphIndex::default()
    };
    let (entities, counts, flags) = (r.u32s()?, r.u32s()?, r.bytes()?);
    index.links = zip3(&entities, &counts, flags, |e, c, f| Link {
        entity: EntitySlot(e),
        count: u16::try_from(c).unwrap_or(u16::MAX),
        introduces: f != 0,
    })?;
    let (children, parents, flags) = (r.u32s()?, r.u32s()?, r.bytes()?);
    index.derivations = zip3(&children, &parents, flags, |a, b, f| Derivation {
        child: EntitySlot(a),
        parent: EntitySlot(b),
        fine_tuned: f != 0,
    })?;
    index.code_urls = r.table()?;
    let (papers, codes) = (r.u32s()?, r.u32s()?);
    if papers.len() != codes.len() {
        return Err("code links of unequal length".to_string());
    }
    index.paper_code = papers.into_iter().map(PaperSlot).zip(codes).collect();
    index.pagerank = r.u64s()?.into_iter().map(f64::from_bits).collect();
    if !r.0.is_empty() {
        return Err("bytes left after the last section".to_string());
    }
    check(&index)?;
    index.invert_links();
    Ok((index, witness))
}

fn zip3<T>(
    a: &[u32],
    b: &[u32],
    c: &[u8],
    f: impl Fn(u32, u32, u8) -> T,
) -> Result<Vec<T>, String> {
    if a.len() != b.len() || a.len() != c.len() {
        return Err("sections of unequal length".to_string());
    }
    Ok(a.iter()
        .zip(b)
        .zip(c)
        .map(|((&a, &b), &c)| f(a, b, c))
        .collect())
}

/// Checks that every length agrees and every offset and slot is in range.
fn check(index: &GraphIndex) -> Result<(), String> {
    let (papers, entities) = (index.paper_ids.len(), index.entity_ids.len());
    let tables = [
        &index.paper_ids,
        &index.titles,
        &index.entity_ids,
        &index.names,
        &index.aliases,
        &index.code_urls,
    ];
    if !tables.iter().all(|t| t.is_well_formed()) {
        return Err("a string table is out of order".to_string());
    }
    let same = index.titles.len() == papers
        && index.months.len() == papers
        && index.names.len() == entities
        && index.types.len() == entities
        && index.url_kinds.len() == entities
        && index.pagerank.len() == entities;
    if !same {
        return Err("paper or entity columns of unequal length".to_string());
    }
    runs_ok(&index.alias_starts, entities, index.aliases.len())?;
    runs_ok(&index.link_starts, papers, index.links.len())?;
    let entity_ok = |e: EntitySlot| (e.0 as usize) < entities;
    let in_range = index.links.iter().all(|l| entity_ok(l.entity))
        && index
            .derivations
            .iter()
            .all(|d| entity_ok(d.child) && entity_ok(d.parent))
        && index
            .paper_code
            .iter()
            .all(|(p, c)| (p.0 as usize) < papers && (*c as usize) < index.code_urls.len());
    if !in_range {
        return Err("a link names a slot that does not exist".to_string());
    }
    if !index.paper_code.windows(2).all(|w| w[0] <= w[1]) {
        return Err("code links out of order".to_string());
    }
    Ok(())
}

/// Whether `starts` has `count + 1` ascending offsets from 0 to `total`.
fn runs_ok(starts: &[u32], count: usize, total: usize) -> Result<(), String> {
    let ok = starts.len() == count + 1
        && starts.first() == Some(&0)
        && starts.last().map(|&l| l as usize) == Some(total)
        && starts.windows(2).all(|w| w[0] <= w[1]);
    if ok {
        Ok(())
    } else {
        Err("run offsets out of order".to_string())
    }
}

fn type_code(t: EntityType) -> u8 {
    EntityType::ALL.iter().position(|&x| x == t).unwrap_or(0) as u8
}

fn type_of(code: u8) -> Result<EntityType, String> {
    EntityType::ALL
        .get(code as usize)
        .copied()
        .ok_or_else(|| format!("unknown entity type code {code}"))
}

const KINDS: [UrlKind; 4] = [
    UrlKind::Code,
    UrlKind::Model,
    UrlKind::Dataset,
    UrlKind::Page,
];

fn kind_code(kind: Option<UrlKind>) -> u8 {
    kind.and_then(|k| KINDS.iter().position(|&x| x == k))
        .map_or(0, |i| i as u8 + 1)
}

fn kind_of(code: u8) -> Result<Option<UrlKind>, String> {
    match code {
        0 => Ok(None),
        c => KINDS
            .get(c as usize - 1)
            .copied()
            .map(Some)
            .ok_or_else(|| format!("unknown link kind code {c}")),
    }
}

#[derive(Default)]
struct Writer(Vec<u8>);

impl Writer {
    fn len(&mut self, n: usize) {
        self.0.extend_from_slice(&(n as u64).to_le_bytes());
    }

    fn bytes(&mut self, data: &[u8]) {
        self.len(data.len());
        self.0.extend_from_slice(data);
    }

    fn string(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }

    fn u32s(&mut self, values: &[u32]) {
        self.len(values.len());
        self.0.reserve(values.len() * 4);
        for v in values {
            self.0.extend_from_slice(&v.to_le_bytes());
        }
    }

    fn u64s(&mut self, values: &[u64]) {
        self.len(values.len());
        for v in values {
            self.0.extend_from_slice(&v.to_le_bytes());
        }
    }

    fn table(&mut self, table: &StringTable) {
        self.string(&table.text);
        self.u64s(&table.ends);
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        if n > self.0.len() {
            return Err("a section runs past the end of the file".to_string());
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    fn len(&mut self) -> Result<usize, String> {
        let raw = self.take(8)?;
        let n = u64::from_le_bytes(raw.try_into().map_err(|_| "length")?);
        usize::try_from(n).map_err(|_| "a length too large for this machine".to_string())
    }

    fn bytes(&mut self) -> Result<&'a [u8], String> {
        let n = self.len()?;
        self.take(n)
    }

    fn string(&mut self) -> Result<String, String> {
        let raw = self.bytes()?;
        String::from_utf8(raw.to_vec()).map_err(|_| "text that is not UTF-8".to_string())
    }

    fn words(&mut self, width: usize) -> Result<&'a [u8], String> {
        let n = self.len()?;
        let bytes = n.checked_mul(width).ok_or("a length too large")?;
        self.take(bytes)
    }

    fn u32s(&mut self) -> Result<Vec<u32>, String> {
        Ok(self
            .words(4)?
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }

    fn u64s(&mut self) -> Result<Vec<u64>, String> {
        Ok(self
            .words(8)?
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect())
    }

    fn table(&mut self) -> Result<StringTable, String> {
        let text = self.string()?;
        let ends = self.u64s()?;
        Ok(StringTable { text, ends })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_damaged_and_foreign_bytes() {
        let mut index = GraphIndex::default();
        index.alias_starts.push(0);
        index.link_starts.push(0);
        index.invert_links();
        let mut bytes = encode(&index, "w");
        let (back, witness) = decode(&bytes).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(witness, "w");
        assert_eq!(back, index);
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        assert!(decode(&bytes).is_err_and(|e| e.contains("checksum")));
        assert!(decode(b"PKGGRAPH").is_err());
        assert!(decode(b"not an index at all, just some text").is_err());
    }
}
