//! The graph analytics on the index: the same questions as [`paperkg_core::graph::analytics`]
//! (which entities matter most, what goes with an entity, how two entities connect, when an
//! entity appears, what lies around it), answered from compact arrays instead of a graph read
//! back from the store. The answers are the same as those of the graph versions on the same
//! store; tests compare the two.

use super::{EntitySlot, GraphIndex, PaperSlot};
use paperkg_core::corpus::PaperDate;
use paperkg_core::dictionary::EntityType;
use paperkg_core::graph::analytics::{RankBy, RelatedBy};
use paperkg_core::graph::{EntityNode, KnowledgeGraph, PaperNode};
use paperkg_core::ids::EntityId;
use petgraph::graph::NodeIndex;
use std::collections::{HashMap, VecDeque};

/// One ranked entity.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    /// The entity.
    pub entity: EntitySlot,
    /// The number of papers that mention it.
    pub papers: usize,
    /// The score ranked by: the paper count for degree, the PageRank otherwise.
    pub score: f64,
}

/// Whether an entity has the wanted type (any type but URLs when `wanted` is `None`).
fn has_type(index: &GraphIndex, entity: EntitySlot, wanted: Option<EntityType>) -> bool {
    match wanted {
        Some(t) => index.entity_type(entity) == t,
        None => index.entity_type(entity) != EntityType::Url,
    }
}

/// The sort key for names in ties: case-insensitive, then exact.
fn name_order(index: &GraphIndex, entity: EntitySlot) -> (String, &str) {
    (index.name(entity).to_lowercase(), index.name(entity))
}

/// The `top` entities by `by`, best first, of type `entity_type` (any type but URLs when
/// `None`). Ties go to the entity with more papers, then by name.
pub fn rank(
    index: &GraphIndex,
    by: RankBy,
    entity_type: Option<EntityType>,
    top: usize,
) -> Vec<Ranked> {
    let mut ranked: Vec<Ranked> = index
        .entities()
        .filter(|&e| has_type(index, e, entity_type))
        .map(|e| {
            let papers = index.papers_mentioning(e).len();
            let score = match by {
                RankBy::Degree => papers as f64,
                RankBy::PageRank => index.pagerank(e),
            };
            Ranked {
                entity: e,
                papers,
                score,
            }
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.papers.cmp(&a.papers))
            .then_with(|| name_order(index, a.entity).cmp(&name_order(index, b.entity)))
    });
    ranked.truncate(top);
    ranked
}

/// PageRank over the undirected graph of papers and named entities (URLs left out), linked
/// by mentions, with damping `damping`; papers first (by slot), then entities. URL entities
/// score 0. Rank held by nodes without links is spread over every node. The index keeps the
/// entities' scores (damping 0.85) from when it was made; [`rank`] reads those.
pub fn page_rank(index: &GraphIndex, damping: f64) -> Vec<f64> {
    const ITERATIONS: usize = 100;
    const TOLERANCE: f64 = 1e-10;
    let papers = index.paper_count();
    let named: Vec<bool> = index
        .entities()
        .map(|e| index.entity_type(e) != EntityType::Url)
        .collect();
    let total = papers + named.len();
    let members = papers + named.iter().filter(|&&n| n).count();
    let mut rank = vec![0.0; total];
    if members == 0 {
        return rank;
    }
    let is_named = |e: EntitySlot| named.get(e.0 as usize).copied().unwrap_or(false);
    let paper_degree: Vec<usize> = index
        .papers()
        .map(|p| {
            index
                .links_of(p)
                .iter()
                .filter(|l| is_named(l.entity))
                .count()
        })
        .collect();
    let member = |i: usize| i < papers || named[i - papers];
    for (i, r) in rank.iter_mut().enumerate() {
        if member(i) {
            *r = 1.0 / members as f64;
        }
    }
    for _ in 0..ITERATIONS {
        let degree = |i: usize| {
            if i < papers {
                paper_degree[i]
            } else {
                index
                    .papers_mentioning(EntitySlot((i - papers) as u32))
                    .len()
            }
        };
        let dangling: f64 = (0..total)
            .filter(|&i| member(i) && degree(i) == 0)
            .map(|i| rank[i])
            .sum();
        let base = (1.0 - damping) / members as f64 + damping * dangling / members as f64;
        let mut next: Vec<f64> = (0..total)
            .map(|i| if member(i) { base } else { 0.0 })
            .collect();
        for p in index.papers() {
            let share = damping * rank[p.0 as usize] / paper_degree[p.0 as usize].max(1) as f64;
            for link in index.links_of(p).iter().filter(|l| is_named(l.entity)) {
                let e = papers + link.entity.0 as usize;
                next[e] += share;
                let back = damping * rank[e] / degree(e).max(1) as f64;
                next[p.0 as usize] += back;
            }
        }
        let change: f64 = (0..total).map(|i| (next[i] - rank[i]).abs()).sum();
        rank = next;
        if change < TOLERANCE {
            break;
        }
    }
    rank
}

/// An entity co-mentioned with the centre.
#[derive(Clone, Debug, PartialEq)]
pub struct Related {
    /// The related entity.
    pub entity: EntitySlot,
    /// The papers that mention both, by slot (so by paper id).
    pub shared: Vec<PaperSlot>,
    /// The number of papers that mention the related entity.
    pub papers: usize,
    /// `|both| / |either|`.
    pub jaccard: f64,
    /// `log2(|both| * N / (|centre| * |related|))`, with N the number of papers.
    pub pmi: f64,
}

/// The `top` entities most co-mentioned with `center`, of type `entity_type` (any type but
/// URLs when `None`), ordered by `by`; ties go to the larger count, the higher Jaccard, then
/// the name. Empty when `center` shares no paper with anything.
///
/// Ordered by count, the answer comes from the entity's co-mention list kept in the index
/// when that list is sure to hold it (see [`GraphIndex::co_mentioned`]); otherwise, and for
/// the other orders, from a walk over every link of the centre's papers
/// ([`related_walk`], the same answer).
pub fn related(
    index: &GraphIndex,
    center: EntitySlot,
    by: RelatedBy,
    entity_type: Option<EntityType>,
    top: usize,
) -> Vec<Related> {
    if by == RelatedBy::Count && entity_type != Some(EntityType::Url) {
        let sure = sure_co_mentions(index, center, top, |e| has_type(index, e, entity_type));
        if let Some(candidates) = sure {
            let center_papers = index.papers_mentioning(center);
            let mut related: Vec<Related> = candidates
                .into_iter()
                .map(|(entity, _)| {
                    let shared = shared_papers(center_papers, index.papers_mentioning(entity));
                    related_entry(index, center_papers.len(), entity, shared)
                })
                .collect();
            related.sort_by(|a, b| related_order(index, by, a, b));
            related.truncate(top);
            return related;
        }
    }
    related_walk(index, center, by, entity_type, top)
}

/// The entities of `center`'s kept co-mention list that `wanted` accepts, when they are
/// sure to include its `top` most co-mentioned such entities (with every entity tied with
/// the last of those): the whole list when it is whole, else the entries with more shared
/// papers than the list's last entry, if there are `top` of them. `None` otherwise.
pub(crate) fn sure_co_mentions(
    index: &GraphIndex,
    center: EntitySlot,
    top: usize,
    wanted: impl Fn(EntitySlot) -> bool,
) -> Option<Vec<(EntitySlot, usize)>> {
    let list: Vec<(EntitySlot, usize)> = index.co_mentioned(center).collect();
    let whole = index.co_mentioned_total(center) <= list.len();
    // Every entity with more shared papers than the last kept one is kept.
    let floor = if whole {
        0
    } else {
        list.last().map_or(usize::MAX, |&(_, n)| n)
    };
    let sure: Vec<(EntitySlot, usize)> = list
        .into_iter()
        .filter(|&(e, n)| (whole || n > floor) && wanted(e))
        .collect();
    let last_count = sure.get(top.checked_sub(1)?).map(|&(_, n)| n);
    // Enough sure entries, and none tied with the `top`-th lies below the floor.
    (whole || last_count.is_some_and(|n| n > floor)).then_some(sure)
}

/// The papers in both ascending runs, ascending.
fn shared_papers(a: super::Papers<'_>, b: super::Papers<'_>) -> Vec<PaperSlot> {
    let (mut a, mut b) = (a.iter().peekable(), b.iter().peekable());
    let mut both = Vec::new();
    while let (Some(&x), Some(&y)) = (a.peek(), b.peek()) {
        match x.cmp(&y) {
            std::cmp::Ordering::Less => {
                a.next();
            }
            std::cmp::Ordering::Greater => {
                b.next();
            }
            std::cmp::Ordering::Equal => {
                both.push(x);
                a.next();
                b.next();
            }
        }
    }
    both
}

/// One related entity, with its measures, from the papers it shares with a centre
/// mentioned in `center_papers` papers.
fn related_entry(
    index: &GraphIndex,
    center_papers: usize,
    entity: EntitySlot,
    shared: Vec<PaperSlot>,
) -> Related {
    let total = index.paper_count().max(1) as f64;
    let papers = index.papers_mentioning(entity).len();
    let both = shared.len() as f64;
    let either = (center_papers + papers) as f64 - both;
    Related {
        entity,
        papers,
        jaccard: both / either.max(1.0),
        pmi: (both * total / (center_papers as f64 * papers.max(1) as f64)).log2(),
        shared,
    }
}

/// The order of [`related`]: by `by`, then the larger count, the higher Jaccard, the name.
fn related_order(
    index: &GraphIndex,
    by: RelatedBy,
    a: &Related,
    b: &Related,
) -> std::cmp::Ordering {
    let primary = match by {
        RelatedBy::Count => b.shared.len().cmp(&a.shared.len()),
        RelatedBy::Jaccard => b.jaccard.total_cmp(&a.jaccard),
        RelatedBy::Pmi => b.pmi.total_cmp(&a.pmi),
    };
    primary
        .then(b.shared.len().cmp(&a.shared.len()))
        .then(b.jaccard.total_cmp(&a.jaccard))
        .then_with(|| name_order(index, a.entity).cmp(&name_order(index, b.entity)))
}

/// [`related`] by walking every link of every paper that mentions `center`: the reference
/// the kept co-mention lists are checked against, and the way for the orders they cannot
/// answer.
pub fn related_walk(
    index: &GraphIndex,
    center: EntitySlot,
    by: RelatedBy,
    entity_type: Option<EntityType>,
    top: usize,
) -> Vec<Related> {
    let center_papers = index.papers_mentioning(center);
    let mut shared: HashMap<EntitySlot, Vec<PaperSlot>> = HashMap::new();
    for paper in center_papers {
        for link in index.links_of(paper) {
            if link.entity != center && has_type(index, link.entity, entity_type) {
                shared.entry(link.entity).or_default().push(paper);
            }
        }
    }
    let mut related: Vec<Related> = shared
        .into_iter()
        .map(|(entity, shared)| related_entry(index, center_papers.len(), entity, shared))
        .collect();
    related.sort_by(|a, b| related_order(index, by, a, b));
    related.truncate(top);
    related
}

/// Each entity's `keep` most co-mentioned entities (URLs left out): the number of papers
/// mentioning both, most first, ties by slot, and how many entities share a paper with it.
/// Made once with the index ([`GraphIndex::co_mentioned`] reads it).
pub(super) fn co_mention_lists(index: &GraphIndex, keep: usize) -> super::parts::CoMentionLists {
    let named: Vec<bool> = index
        .entities()
        .map(|e| index.entity_type(e) != EntityType::Url)
        .collect();
    let mut lists = super::parts::CoMentionLists {
        starts: vec![0],
        ..Default::default()
    };
    let mut counts = vec![0u32; named.len()];
    let mut touched: Vec<u32> = Vec::new();
    for center in index.entities() {
        for paper in index.papers_mentioning(center).iter() {
            for other in index.linked_entities(paper) {
                let i = other as usize;
                if other == center.0 || !named.get(i).copied().unwrap_or(false) {
                    continue;
                }
                if counts[i] == 0 {
                    touched.push(other);
                }
                counts[i] += 1;
            }
        }
        let mut list: Vec<(u32, u32)> = touched.iter().map(|&e| (counts[e as usize], e)).collect();
        let order = |a: &(u32, u32), b: &(u32, u32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if list.len() > keep && keep > 0 {
            list.select_nth_unstable_by(keep - 1, order);
        }
        list.truncate(keep);
        list.sort_unstable_by(order);
        lists.distinct.push(touched.len() as u32);
        for &(count, entity) in &list {
            lists.entities.push(entity);
            lists.counts.push(count);
        }
        lists.starts.push(lists.entities.len() as u32);
        for &e in &touched {
            counts[e as usize] = 0;
        }
        touched.clear();
    }
    lists
}

/// A node of the index graph: a paper, an entity or a code repository.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IndexNode {
    /// A paper.
    Paper(PaperSlot),
    /// An entity.
    Entity(EntitySlot),
    /// A code repository, by its position among the repositories.
    Code(u32),
}

/// How two consecutive nodes of a path are linked (as [`paperkg_core::graph::analytics::Link`]).
pub use paperkg_core::graph::analytics::Link as PathLink;

/// A shortest path: its nodes from start to end and the link between each consecutive pair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Path {
    /// The nodes, start and end included.
    pub nodes: Vec<IndexNode>,
    /// The links between consecutive nodes.
    pub links: Vec<PathLink>,
}

impl Path {
    /// The papers along the path, in order.
    pub fn papers(&self) -> Vec<PaperSlot> {
        self.nodes
            .iter()
            .filter_map(|n| match n {
                IndexNode::Paper(p) => Some(*p),
                _ => None,
            })
            .collect()
    }
}

/// A shortest path from `from` to `to` through papers and named entities (never URLs), by
/// breadth-first search over mention and lineage links; `None` when they are not connected.
pub fn shortest_path(index: &GraphIndex, from: EntitySlot, to: EntitySlot) -> Option<Path> {
    let lineage = lineage_lists(index);
    let papers = index.paper_count();
    let position = |n: IndexNode| match n {
        IndexNode::Paper(p) => p.0 as usize,
        IndexNode::Entity(e) => papers + e.0 as usize,
        IndexNode::Code(_) => usize::MAX,
    };
    let mut previous: Vec<Option<(IndexNode, PathLink)>> =
        vec![None; papers + index.entity_count()];
    let (start, goal) = (IndexNode::Entity(from), IndexNode::Entity(to));
    let mut queue = VecDeque::from([start]);
    let mut found = from == to;
    while let Some(node) = queue.pop_front() {
        if found {
            break;
        }
        for (next, link) in path_steps(index, &lineage, node) {
            let at = position(next);
            if next == start || previous.get(at).is_none_or(|p| p.is_some()) {
                continue;
            }
            previous[at] = Some((node, link));
            if next == goal {
                found = true;
                break;
            }
            queue.push_back(next);
        }
    }
    found.then(|| {
        let mut nodes = vec![goal];
        let mut links = Vec::new();
        let mut at = goal;
        while at != start {
            let Some(Some((before, link))) = previous.get(position(at)) else {
                break;
            };
            nodes.push(*before);
            links.push(*link);
            at = *before;
        }
        nodes.reverse();
        links.reverse();
        Path { nodes, links }
    })
}

/// Each entity's lineage links: to its parents (derived from) and children (parent of).
fn lineage_lists(index: &GraphIndex) -> Vec<Vec<(EntitySlot, PathLink)>> {
    let mut lists = vec![Vec::new(); index.entity_count()];
    for d in index.derivations() {
        if let Some(list) = lists.get_mut(d.child.0 as usize) {
            list.push((d.parent, PathLink::DerivedFrom));
        }
        if let Some(list) = lists.get_mut(d.parent.0 as usize) {
            list.push((d.child, PathLink::ParentOf));
        }
    }
    lists
}

/// The nodes one step from `node` on a path, with how they are linked.
fn path_steps(
    index: &GraphIndex,
    lineage: &[Vec<(EntitySlot, PathLink)>],
    node: IndexNode,
) -> Vec<(IndexNode, PathLink)> {
    let named = |e: EntitySlot| index.entity_type(e) != EntityType::Url;
    match node {
        IndexNode::Paper(p) => index
            .links_of(p)
            .iter()
            .filter(|l| named(l.entity))
            .map(|l| (IndexNode::Entity(l.entity), PathLink::Mention))
            .collect(),
        IndexNode::Entity(e) => index
            .papers_mentioning(e)
            .iter()
            .map(|p| (IndexNode::Paper(p), PathLink::Mention))
            .chain(
                lineage
                    .get(e.0 as usize)
                    .into_iter()
                    .flatten()
                    .filter(|(other, _)| named(*other))
                    .map(|&(other, link)| (IndexNode::Entity(other), link)),
            )
            .collect(),
        IndexNode::Code(_) => Vec::new(),
    }
}

/// Monthly paper counts for one entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Series {
    /// The entity.
    pub entity: EntitySlot,
    /// Papers mentioning it in each month of [`Trend::months`].
    pub counts: Vec<usize>,
    /// Papers mentioning it that have no usable date.
    pub undated: usize,
}

/// Monthly counts for several entities over one shared, gap-free range of months.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trend {
    /// The months, `YYYY-MM`, from the first to the last month any entity is mentioned in.
    pub months: Vec<String>,
    /// One series per entity, in the order asked.
    pub series: Vec<Series>,
}

/// Counts, for each entity, the papers mentioning it per month. Months with no mention inside
/// the range count 0; the range is empty when no mentioning paper has a date.
pub fn trend(index: &GraphIndex, entities: &[EntitySlot]) -> Trend {
    use paperkg_core::graph::analytics::month_range;
    let slot = |(y0, m0): (u16, u8), (y, m): (u16, u8)| {
        (usize::from(y) * 12 + usize::from(m)).checked_sub(usize::from(y0) * 12 + usize::from(m0))
    };
    let months: Vec<Vec<Option<(u16, u8)>>> = entities
        .iter()
        .map(|&e| {
            index
                .papers_mentioning(e)
                .iter()
                .map(|p| index.month(p))
                .collect()
        })
        .collect();
    let all = months.iter().flatten().flatten().copied();
    let range = month_range(all.clone().min(), all.max());
    let series = entities
        .iter()
        .zip(&months)
        .map(|(&entity, dates)| {
            let mut counts = vec![0; range.len()];
            for month in dates.iter().flatten() {
                let at = range.first().and_then(|&first| slot(first, *month));
                if let Some(count) = at.and_then(|i| counts.get_mut(i)) {
                    *count += 1;
                }
            }
            Series {
                entity,
                counts,
                undated: dates.iter().filter(|d| d.is_none()).count(),
            }
        })
        .collect();
    Trend {
        months: range
            .iter()
            .map(|(y, m)| format!("{y:04}-{m:02}"))
            .collect(),
        series,
    }
}

/// Every neighbour of a node, whatever the link (mentions either way, lineage either way,
/// code repositories), for drawing.
fn neighbours(
    index: &GraphIndex,
    code_papers: &[Vec<PaperSlot>],
    node: IndexNode,
) -> Vec<IndexNode> {
    match node {
        IndexNode::Paper(p) => {
            let entities = index
                .links_of(p)
                .iter()
                .map(|l| IndexNode::Entity(l.entity));
            let code = index.code_slots_of(p).map(IndexNode::Code);
            entities.chain(code).collect()
        }
        IndexNode::Entity(e) => {
            let papers = index.papers_mentioning(e).iter().map(IndexNode::Paper);
            let lineage = index.derivations().filter_map(move |d| {
                (d.child == e)
                    .then_some(d.parent)
                    .or((d.parent == e).then_some(d.child))
                    .map(IndexNode::Entity)
            });
            papers.chain(lineage).collect()
        }
        IndexNode::Code(c) => code_papers
            .get(c as usize)
            .into_iter()
            .flatten()
            .map(|&p| IndexNode::Paper(p))
            .collect(),
    }
}

/// The nodes within `depth` hops of `center`, following every link both ways, breadth first
/// with the centre first; at most `max` of them (`usize::MAX` for no bound).
pub fn around(index: &GraphIndex, center: EntitySlot, depth: usize, max: usize) -> Vec<IndexNode> {
    let mut code_papers = vec![Vec::new(); index.code_count()];
    for (p, c) in index.code_links() {
        if let Some(list) = code_papers.get_mut(c as usize) {
            list.push(p);
        }
    }
    let center = IndexNode::Entity(center);
    let mut keep = vec![center];
    let mut seen = std::collections::HashSet::from([center]);
    let mut frontier = vec![center];
    for _ in 0..depth {
        let mut next = Vec::new();
        for &node in &frontier {
            for neighbour in neighbours(index, &code_papers, node) {
                if keep.len() >= max {
                    return keep;
                }
                if seen.insert(neighbour) {
                    next.push(neighbour);
                    keep.push(neighbour);
                }
            }
        }
        frontier = next;
    }
    keep
}

/// The papers mentioning the `top` entities with the most papers, with those entities (the
/// entities first, best first).
pub fn top_nodes(index: &GraphIndex, top: usize) -> Vec<IndexNode> {
    let entities: Vec<EntitySlot> = rank(index, RankBy::Degree, None, top)
        .into_iter()
        .map(|r| r.entity)
        .collect();
    let mut papers: Vec<PaperSlot> = entities
        .iter()
        .flat_map(|&e| index.papers_mentioning(e).iter())
        .collect();
    papers.sort();
    papers.dedup();
    entities
        .into_iter()
        .map(IndexNode::Entity)
        .chain(papers.into_iter().map(IndexNode::Paper))
        .collect()
}

/// The knowledge graph induced by `nodes`: their papers, entities and code repositories with
/// every mention (with its count), introduction, code link and lineage link among them, in
/// the order given. For drawing (DOT, the page's neighbourhood).
pub fn induced(index: &GraphIndex, nodes: &[IndexNode]) -> KnowledgeGraph {
    let mut graph = KnowledgeGraph::new();
    let mut map: HashMap<IndexNode, NodeIndex> = HashMap::new();
    for &node in nodes {
        let at = match node {
            IndexNode::Paper(p) => graph.add_paper(paper_node(index, p)),
            IndexNode::Entity(e) => graph.add_entity(entity_node(index, e)),
            IndexNode::Code(c) => graph.add_code(index.code_url(c)),
        };
        map.insert(node, at);
    }
    for &node in nodes {
        let IndexNode::Paper(p) = node else { continue };
        let Some(&from) = map.get(&node) else {
            continue;
        };
        for link in index.links_of(p) {
            if let Some(&to) = map.get(&IndexNode::Entity(link.entity)) {
                graph.add_mention_count(from, to, usize::from(link.count));
                if link.introduces {
                    graph.add_edge_once(from, to, paperkg_core::graph::Edge::Introduces);
                }
            }
        }
        for c in index.code_slots_of(p) {
            if let (Some(&a), Some(&b)) =
                (map.get(&IndexNode::Paper(p)), map.get(&IndexNode::Code(c)))
            {
                graph.add_edge_once(a, b, paperkg_core::graph::Edge::HasCode);
            }
        }
    }
    for d in index.derivations() {
        let ends = (
            map.get(&IndexNode::Entity(d.child)),
            map.get(&IndexNode::Entity(d.parent)),
        );
        if let (Some(&a), Some(&b)) = ends {
            graph.add_derivation(a, b, d.fine_tuned);
        }
    }
    graph
}

fn paper_node(index: &GraphIndex, paper: PaperSlot) -> PaperNode {
    PaperNode {
        id: index.paper_id(paper),
        title: index.title(paper).to_string(),
        abstract_text: String::new(),
        doi: None,
        other_ids: Vec::new(),
        authors: None,
        categories: Vec::new(),
        date: index
            .month(paper)
            .and_then(|(y, m)| PaperDate::parse(&format!("{y:04}-{m:02}"))),
        results: Vec::new(),
    }
}

fn entity_node(index: &GraphIndex, entity: EntitySlot) -> EntityNode {
    let name = index.name(entity).to_string();
    let aliases = std::iter::once(name.clone())
        .chain(index.aliases(entity).map(str::to_string))
        .collect();
    let entity_type = index.entity_type(entity);
    EntityNode {
        id: EntityId::parse(index.entity_id(entity))
            .unwrap_or_else(|| EntityId::for_name(entity_type, &name)),
        entity_type,
        name,
        aliases,
        external_ids: Vec::new(),
        url_kind: index.url_kind(entity),
    }
}
