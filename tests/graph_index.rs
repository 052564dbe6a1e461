//! The graph index: it answers as the graph read back through SPARQL did (on the shared
//! corpus), `add` keeps it as a fresh build of the same papers would make it, and a store
//! without one (or with a damaged one) gets one made once, with a notice.

mod common;

use common::{fixture, paperkg, shared_corpus, TempStore};
use paperkg_core::dictionary::EntityType;
use paperkg_core::export::dot::write_dot;
use paperkg_core::graph::analytics::{self as graph_analytics, RankBy, RelatedBy};
use paperkg_core::graph::{KnowledgeGraph, Node};
use paperkg_core::ids::EntityId;
use paperkg_store::index::analytics::{self as index_analytics, IndexNode};
use paperkg_store::index::placement::from_store;
use paperkg_store::index::{EntitySlot, GraphIndex, IndexedStore, CO_MENTIONS, INDEX_FILE};
use paperkg_store::lookup::card_related;
use paperkg_store::rdf::{load_graph, load_links, StoreLocation};
use std::collections::BTreeSet;
use std::path::Path;

/// The store of the shared corpus, built once for the tests that only read it.
fn shared_store(corpus: &Path) -> &'static TempStore {
    static CELL: std::sync::OnceLock<TempStore> = std::sync::OnceLock::new();
    TempStore::build_once(&CELL, "graph-index-shared", &[corpus])
}

fn open(store: &Path) -> IndexedStore {
    IndexedStore::open(&StoreLocation(store.to_path_buf()))
        .unwrap_or_else(|e| panic!("opening {}: {e}", store.display()))
}

fn graph_name(graph: &KnowledgeGraph, node: petgraph::graph::NodeIndex) -> String {
    match graph.node(node) {
        Node::Entity(e) => e.name.clone(),
        Node::Paper(p) => p.title.clone(),
        Node::Code(c) => c.url.clone(),
    }
}

#[test]
fn the_index_answers_as_the_graph_read_through_sparql() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let store = shared_store(&corpus);
    let opened = open(&store.path());
    assert_eq!(opened.notice, None, "a fresh build has its index");
    let (index, graph) = (
        &opened.index,
        load_links(&opened.store).unwrap_or_else(|e| panic!("{e}")),
    );
    assert!(index.paper_count() > 80 && index.entity_count() > 100);

    // rank: every entity, by degree; the top by PageRank.
    let by_degree = |n| {
        let old: Vec<(String, usize)> = graph_analytics::rank(&graph, RankBy::Degree, None, n)
            .iter()
            .map(|r| (graph_name(&graph, r.entity), r.papers))
            .collect();
        let new: Vec<(String, usize)> = index_analytics::rank(index, RankBy::Degree, None, n)
            .iter()
            .map(|r| (index.name(r.entity).to_string(), r.papers))
            .collect();
        (old, new)
    };
    let (old, new) = by_degree(usize::MAX);
    assert_eq!(old, new);
    let old = graph_analytics::rank(&graph, RankBy::PageRank, None, 20);
    let new = index_analytics::rank(index, RankBy::PageRank, None, 20);
    for (o, n) in old.iter().zip(&new) {
        assert_eq!(graph_name(&graph, o.entity), index.name(n.entity));
        assert!(
            (o.score - n.score).abs() < 1e-12,
            "{} vs {}",
            o.score,
            n.score
        );
    }

    let top: Vec<String> = new
        .iter()
        .map(|r| index.name(r.entity).to_string())
        .collect();
    for name in &top {
        let (g, i) = (
            graph.find_entity(name).unwrap_or_else(|| panic!("{name}")),
            index.find_entity(name).unwrap_or_else(|| panic!("{name}")),
        );
        // related: the same entities, counts and strengths, and the same shared papers.
        for by in [RelatedBy::Count, RelatedBy::Jaccard, RelatedBy::Pmi] {
            let old = graph_analytics::related(&graph, g, by, None, 15);
            let new = index_analytics::related(index, i, by, None, 15);
            let old: Vec<_> = old
                .iter()
                .map(|r| {
                    let titles: BTreeSet<String> =
                        r.shared.iter().map(|&p| graph_name(&graph, p)).collect();
                    (
                        graph_name(&graph, r.entity),
                        titles,
                        r.papers,
                        r.jaccard,
                        r.pmi,
                    )
                })
                .collect();
            let new: Vec<_> = new
                .iter()
                .map(|r| {
                    let titles: BTreeSet<String> = r
                        .shared
                        .iter()
                        .map(|&p| index.title(p).to_string())
                        .collect();
                    (
                        index.name(r.entity).to_string(),
                        titles,
                        r.papers,
                        r.jaccard,
                        r.pmi,
                    )
                })
                .collect();
            assert_eq!(old, new, "related {name} by {by:?}");
        }
        // path: as short, between every pair of the top entities.
        for other in &top {
            let to_g = graph
                .find_entity(other)
                .unwrap_or_else(|| panic!("{other}"));
            let to_i = index
                .find_entity(other)
                .unwrap_or_else(|| panic!("{other}"));
            let old = graph_analytics::shortest_path(&graph, g, to_g).map(|p| p.links.len());
            let new = index_analytics::shortest_path(index, i, to_i);
            assert_eq!(old, new.as_ref().map(|p| p.links.len()), "{name} → {other}");
            if let Some(path) = new {
                assert_path_is_real(index, &path);
            }
        }
    }

    // trend: the same months and counts.
    let old = graph_analytics::trend(
        &graph,
        &[graph.find_entity("SAM").unwrap_or_else(|| panic!("SAM"))],
    );
    let new = index_analytics::trend(
        index,
        &[index.find_entity("SAM").unwrap_or_else(|| panic!("SAM"))],
    );
    assert_eq!(old.months, new.months);
    assert_eq!(old.series[0].counts, new.series[0].counts);
    assert_eq!(old.series[0].undated, new.series[0].undated);
}

/// Every step of a path is a real link of the index.
fn assert_path_is_real(index: &GraphIndex, path: &index_analytics::Path) {
    for pair in path.nodes.windows(2) {
        let linked = match (pair[0], pair[1]) {
            (IndexNode::Paper(p), IndexNode::Entity(e))
            | (IndexNode::Entity(e), IndexNode::Paper(p)) => {
                index.links_of(p).iter().any(|l| l.entity == e)
            }
            (IndexNode::Entity(a), IndexNode::Entity(b)) => index
                .derivations()
                .any(|d| (d.child, d.parent) == (a, b) || (d.child, d.parent) == (b, a)),
            _ => false,
        };
        assert!(linked, "{pair:?} is not a link");
    }
}

/// A DOT drawing as label-level facts: the set of node lines and edge lines with node ids
/// replaced by labels, so that two drawings that number nodes differently compare equal.
fn dot_facts(graph: &KnowledgeGraph) -> BTreeSet<String> {
    let mut out = Vec::new();
    write_dot(graph, &mut out).unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8(out).unwrap_or_else(|e| panic!("{e}"));
    let mut labels = std::collections::HashMap::new();
    for line in text.lines() {
        if let Some((id, rest)) = line.trim().split_once(" [label=\"") {
            labels.insert(
                id.to_string(),
                rest.split('"').next().unwrap_or("").to_string(),
            );
        }
    }
    text.lines()
        .map(|line| {
            let line = line.trim();
            match line.split_once(" -> ") {
                Some((a, rest)) => {
                    let (b, attributes) = rest.split_once(' ').unwrap_or((rest, ""));
                    format!("{} -> {} {attributes}", labels[a], labels[b])
                }
                None => match line.split_once(" [label=") {
                    Some((_, rest)) => format!("[label={rest}"),
                    None => line.to_string(),
                },
            }
        })
        .collect()
}

#[test]
fn neighbourhood_drawings_match_the_graph_read_through_sparql() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let store = shared_store(&corpus);
    let opened = open(&store.path());
    let graph = load_graph(&opened.store).unwrap_or_else(|e| panic!("{e}"));
    for (name, depth) in [("SAM", 1), ("SAM", 2), ("BERT", 2), ("ImageNet", 2)] {
        let center = graph.find_entity(name).unwrap_or_else(|| panic!("{name}"));
        let old = graph.around(center, depth);
        let slot = opened
            .index
            .find_entity(name)
            .unwrap_or_else(|| panic!("{name}"));
        let nodes = index_analytics::around(&opened.index, slot, depth, usize::MAX);
        let new = index_analytics::induced(&opened.index, &nodes);
        assert_eq!(old.size(), new.size(), "{name} depth {depth}");
        assert_eq!(dot_facts(&old), dot_facts(&new), "{name} depth {depth}");
    }
    // The CLI draws from the index.
    let out = paperkg()
        .args([
            "export", "--format", "dot", "--around", "SAM", "--depth", "2", "--store",
        ])
        .arg(store.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let center = graph.find_entity("SAM").unwrap_or_else(|| panic!("SAM"));
    let expected = graph.around(center, 2).size().0;
    let drawn = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.contains("[label=") && !l.contains("->"))
        .count();
    assert_eq!(drawn, expected);
}

/// Papers, entities, links and lineage by id: everything the commands answer from.
fn facts(index: &GraphIndex) -> BTreeSet<String> {
    let mut facts = BTreeSet::new();
    for p in index.papers() {
        facts.insert(format!(
            "paper {} {:?} {:?}",
            index.paper_id(p),
            index.title(p),
            index.month(p)
        ));
        for l in index.links_of(p) {
            facts.insert(format!(
                "link {} {} {} {}",
                index.paper_id(p),
                index.entity_id(l.entity),
                l.count,
                l.introduces
            ));
        }
        for url in index.code_of(p) {
            facts.insert(format!("code {} {url}", index.paper_id(p)));
        }
    }
    for e in index.entities() {
        facts.insert(format!(
            "entity {} {} {}",
            index.entity_id(e),
            index.name(e),
            index.entity_type(e)
        ));
    }
    for e in index.entities() {
        let co: Vec<String> = index
            .co_mentioned(e)
            .map(|(other, n)| format!("{}:{n}", index.entity_id(other)))
            .collect();
        let total = index.co_mentioned_total(e);
        facts.insert(format!("co {} {total} {co:?}", index.entity_id(e)));
        for r in index.results_on(e) {
            facts.insert(format!(
                "result {} {} {:?} {} {} {}",
                index.entity_id(e),
                index.entity_id(r.metric),
                r.model.map(|m| index.entity_id(m)),
                index.paper_id(r.paper),
                r.number,
                r.value
            ));
        }
    }
    for d in index.derivations() {
        facts.insert(format!(
            "derived {} {} {}",
            index.entity_id(d.child),
            index.entity_id(d.parent),
            d.fine_tuned
        ));
    }
    facts
}

#[test]
fn add_updates_the_index_as_a_fresh_build_of_the_same_papers() {
    let (a, b, c, d) = (
        fixture("papers.jsonl"),
        fixture("lineage.jsonl"),
        fixture("trend.jsonl"),
        fixture("boards.jsonl"),
    );
    let added = TempStore::build(&[&a]);
    added.add(&[&b, &c, &d]);
    let fresh = TempStore::build(&[&a, &b, &c, &d]);
    let (after_add, after_build) = (open(&added.path()), open(&fresh.path()));
    assert_eq!(after_add.notice, None);
    assert!(after_add.index.paper_count() > open_count(&a));
    let facts_after_add = facts(&after_add.index);
    assert!(
        facts_after_add.iter().any(|f| f.starts_with("result ")),
        "the fixtures report results"
    );
    assert_eq!(facts_after_add, facts(&after_build.index));
    // And it is what the store it sits in holds, down to the aliases.
    let remade = from_store(&after_add.store).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(after_add.index, remade);
}

fn open_count(corpus: &Path) -> usize {
    open(&TempStore::build(&[corpus]).path())
        .index
        .paper_count()
}

#[test]
fn a_store_without_an_index_gets_one_once_and_says_so() {
    let store = TempStore::build(&[&fixture("papers.jsonl")]);
    let rank = |expect_notice: bool| {
        let out = paperkg()
            .args(["rank", "--top", "5", "--store"])
            .arg(store.path())
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(out.status.success(), "{stderr}");
        assert_eq!(stderr.contains("graph index"), expect_notice, "{stderr}");
        (String::from_utf8_lossy(&out.stdout).to_string(), stderr)
    };
    let (expected, _) = rank(false);
    let file = store.path().join(INDEX_FILE);
    std::fs::remove_file(&file).unwrap_or_else(|e| panic!("{e}"));
    let (answer, notice) = rank(true);
    assert_eq!(answer, expected);
    assert!(
        notice.contains("no graph index") && notice.contains("saved it"),
        "{notice}"
    );
    assert!(file.exists());
    assert_eq!(rank(false).0, expected);
    // A damaged index is refused with a reason and made again.
    let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&file, &bytes[..bytes.len() / 2]).unwrap_or_else(|e| panic!("{e}"));
    let (answer, notice) = rank(true);
    assert_eq!(answer, expected);
    assert!(notice.contains(INDEX_FILE), "{notice}");
    assert_eq!(rank(false).0, expected);
}

/// Every entity the walk over `center`'s papers finds, with the papers shared: the reference
/// for the kept lists.
fn walked_co_mentions(index: &GraphIndex, center: EntitySlot) -> Vec<(EntitySlot, usize)> {
    let mut counts = std::collections::BTreeMap::new();
    for p in index.papers_mentioning(center) {
        for l in index.links_of(p) {
            if l.entity != center && index.entity_type(l.entity) != EntityType::Url {
                *counts.entry(l.entity).or_insert(0) += 1;
            }
        }
    }
    let mut all: Vec<(EntitySlot, usize)> = counts.into_iter().collect();
    all.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    all
}

/// The co-mention lists kept in the index hold each entity's most co-mentioned entities, and
/// `related --by count` and the lookup card, which answer from them when they can, give the
/// answers of the walk over every link, for every entity, type filter and length, on the
/// shared corpus (where some lists are cut at [`CO_MENTIONS`], so the cut is exercised).
#[test]
fn kept_co_mention_lists_answer_as_the_walk() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let store = shared_store(&corpus);
    let opened = open(&store.path());
    let index = &opened.index;
    let mut cut = 0;
    for e in index.entities() {
        let walked = walked_co_mentions(index, e);
        let kept: Vec<(EntitySlot, usize)> = index.co_mentioned(e).collect();
        assert_eq!(index.co_mentioned_total(e), walked.len());
        assert_eq!(
            kept,
            walked[..walked.len().min(CO_MENTIONS)],
            "{}",
            index.name(e)
        );
        cut += usize::from(walked.len() > CO_MENTIONS);
    }
    assert!(cut > 0, "no list is cut on the shared corpus");
    let types = [
        None,
        Some(EntityType::Model),
        Some(EntityType::Dataset),
        Some(EntityType::Metric),
        Some(EntityType::Task),
        Some(EntityType::Method),
        Some(EntityType::Url),
    ];
    for e in index.entities() {
        let id = EntityId::parse(index.entity_id(e))
            .unwrap_or_else(|| panic!("index entity id {}", index.entity_id(e)));
        for top in [1, 3, 5, 10, 49, 50, 51, 200] {
            for t in types {
                let fast = index_analytics::related(index, e, RelatedBy::Count, t, top);
                let walk = index_analytics::related_walk(index, e, RelatedBy::Count, t, top);
                assert_eq!(fast, walk, "related {} --top {top} {t:?}", index.name(e));
            }
            assert_eq!(
                card_related(index, &id, top, true),
                card_related(index, &id, top, false),
                "lookup {} --related {top}",
                index.name(e)
            );
        }
    }
}
