//! `paperkg lookup`: an entity's card from the store, found by any alias, case-insensitively.
//! User text only ever reaches SPARQL as a bound literal, never spliced into the query.

use crate::index::{EntitySlot, GraphIndex};
use crate::query::evaluator;
use crate::rdf::iri::{self, EntityIri, IriError, PaperIri};
use crate::rdf::mapping::annotation_node;
use crate::rdf::vocab::{dcterms, pkg};
use oxigraph::model::{Literal, NamedNode, Term, Variable};
use oxigraph::model::{NamedNodeRef, NamedOrBlankNodeRef};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, SparqlSyntaxError};
use oxigraph::store::Store;
use paperkg_core::extract::ResultEntity;
use paperkg_core::ids::{EntityId, EntityType, PaperId};
use paperkg_core::resolve::{carries, entities_named, NamedEntities};
use paperkg_core::text::name_key;
use serde::{Serialize, Serializer};
use std::collections::HashMap;

/// Errors looking an entity up.
#[derive(Debug, thiserror::Error)]
pub enum LookupError {
    /// A query failed.
    #[error("lookup query failed: {0}")]
    Query(#[from] QueryEvaluationError),
    /// An internal query did not parse.
    #[error("internal query error: {0}")]
    Syntax(#[from] SparqlSyntaxError),
    /// Reading the store failed.
    #[error("reading the store: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
    /// The store holds an IRI where an entity's or a paper's belongs that is not one (a store
    /// paperkg did not write, or a damaged one).
    #[error("the store is not as paperkg writes it: {0}")]
    Iri(#[from] IriError),
}

/// Writes an IRI as its text (`"https://…"`, without the angle brackets of N-Triples).
pub(crate) fn iri_text<S: Serializer>(iri: &NamedNode, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(iri.as_str())
}

/// Writes an entity as its IRI's text.
fn entity_iri_text<S: Serializer>(entity: &EntityIri, serializer: S) -> Result<S::Ok, S::Error> {
    iri_text(&entity.iri, serializer)
}

/// A paper on an entity's card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CardPaper {
    /// The paper's id (read from its IRI).
    pub id: PaperId,
    /// Its title.
    pub title: String,
    /// The first quoted mention.
    pub quote: Option<String>,
    /// Whether the paper introduces the entity.
    pub introduces: bool,
    /// The paper's code repositories.
    pub code: Vec<String>,
}

/// Writes an entity's id as its type (`"model"`).
fn id_type<S: Serializer>(id: &EntityId, serializer: S) -> Result<S::Ok, S::Error> {
    id.entity_type().serialize(serializer)
}

/// A co-mentioned entity with the number of shared papers. Written as its type, name and
/// count (`{"type": "dataset", "name": "SQuAD", "papers": 3}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    /// Its identity (written as its type).
    #[serde(rename = "type", serialize_with = "id_type")]
    pub id: EntityId,
    /// Its canonical name.
    pub name: String,
    /// Papers mentioning both.
    pub papers: usize,
}

impl Related {
    /// Its type.
    pub fn entity_type(&self) -> EntityType {
        self.id.entity_type()
    }
}

/// Everything the store knows about one entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Card {
    /// The entity: its id and its IRI (written as the IRI).
    #[serde(rename = "iri", serialize_with = "entity_iri_text")]
    pub entity: EntityIri,
    /// Its type.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Its canonical name.
    pub name: String,
    /// Its aliases.
    pub aliases: Vec<String>,
    /// External identifiers (`owl:sameAs` IRIs outside the store, such as Wikidata's): not
    /// paperkg entities, so kept as the IRIs' text.
    pub external_ids: Vec<String>,
    /// Entities it derives from (`prov:wasDerivedFrom`), by name; written as names.
    pub derived_from: Vec<ResultEntity>,
    /// For a task, its parent tasks (`skos:broader`), by name; written as names.
    pub parents: Vec<ResultEntity>,
    /// For a task, its child tasks in the store (`skos:broader` pointing at it), by name;
    /// written as names.
    pub children: Vec<ResultEntity>,
    /// How many papers mention it (`pkg:paperCount`).
    pub paper_count: u64,
    /// The papers that introduce it, then others that mention it, up to [`CARD_PAPERS`].
    pub papers: Vec<CardPaper>,
    /// The most co-mentioned entities, counted over all its papers with the graph index, or
    /// over up to [`RELATED_SAMPLE`] of them without.
    pub related: Vec<Related>,
    /// How many of its papers the related entities were counted over.
    pub related_sample: u64,
}

/// Papers shown on a card. A card is a summary: `paperkg query` lists every paper.
pub const CARD_PAPERS: usize = 10;
/// Papers whose co-mentions make a card's related list: the whole list for most entities,
/// a bounded sample for the very common ones, so a lookup stays fast on any store.
pub const RELATED_SAMPLE: usize = 500;

/// The outcome of a lookup.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum Lookup {
    /// One or more entities carry the name (several when an alias is shared across types).
    Found {
        /// The cards.
        cards: Vec<Card>,
    },
    /// Nothing carries the name; these entities have the closest names.
    NotFound {
        /// Closest entities, best first, each once.
        suggestions: Vec<Suggestion>,
    },
}

/// An entity offered for a name that matched nothing: "did you mean GPT-4o (model, 12
/// papers)?". Written as its name, type and paper count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// Its canonical name.
    pub name: String,
    /// Its identity (written as its type).
    #[serde(rename = "type", serialize_with = "id_type")]
    pub id: EntityId,
    /// How many papers mention it.
    pub papers: u64,
}

impl Suggestion {
    /// Its type.
    pub fn entity_type(&self) -> EntityType {
        self.id.entity_type()
    }
}

impl std::fmt::Display for Suggestion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let papers = if self.papers == 1 { "paper" } else { "papers" };
        write!(
            f,
            "{} ({}, {} {papers})",
            self.name,
            self.entity_type(),
            self.papers
        )
    }
}

/// No entity in the store carries a name: the error, with the closest entities as `lookup`
/// suggests them (one a line, with type and paper count).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("no entity named {name:?} in the store{}", did_you_mean(.suggestions))]
pub struct NoEntity {
    /// The name asked for.
    pub name: String,
    /// The closest entities, best first.
    pub suggestions: Vec<Suggestion>,
}

fn did_you_mean(suggestions: &[Suggestion]) -> String {
    if suggestions.is_empty() {
        return String::new();
    }
    let lines: Vec<String> = suggestions.iter().map(|s| format!("\n  {s}")).collect();
    format!("; did you mean:{}", lines.concat())
}

/// The entity of the store's graph index that `name` means (any alias, any case; the
/// resolver's first), or the error naming the closest entities. `index` must be the
/// store's, as [`crate::index::IndexedStore`] opens them.
pub fn find_indexed(store: &Store, index: &GraphIndex, name: &str) -> Result<EntitySlot, NoEntity> {
    index.find_entity(name).ok_or_else(|| NoEntity {
        name: name.to_string(),
        // Suggestions are a courtesy: a store that cannot list them still gives the error.
        suggestions: suggest(store, name).unwrap_or_default(),
    })
}

/// How much of a card to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CardOptions {
    /// The most papers to list (`None`: every paper).
    pub papers: Option<usize>,
    /// How many co-mentioned entities to count (0: none).
    pub related: usize,
}

impl Default for CardOptions {
    fn default() -> CardOptions {
        CardOptions {
            papers: Some(CARD_PAPERS),
            related: 0,
        }
    }
}

/// Runs a SELECT with variables bound to terms (each must be projected), returning rows of
/// strings without the bound columns.
pub(crate) fn select(
    store: &Store,
    query: &str,
    bindings: &[(&str, Term)],
) -> Result<Vec<Vec<Option<String>>>, LookupError> {
    let mut prepared = evaluator().parse_query(query)?;
    for (name, value) in bindings {
        prepared = prepared.substitute_variable(Variable::new_unchecked(*name), value.clone());
    }
    let QueryResults::Solutions(solutions) = prepared.on_store(store).execute()? else {
        return Ok(Vec::new());
    };
    // Bound variables must be projected for substitution; they are dropped from the rows.
    let variables: Vec<Variable> = solutions
        .variables()
        .iter()
        .filter(|v| !bindings.iter().any(|(name, _)| v.as_str() == *name))
        .cloned()
        .collect();
    let mut rows = Vec::new();
    for solution in solutions {
        let solution = solution?;
        rows.push(
            variables
                .iter()
                .map(|v| solution.get(v).map(crate::rdf::term_string))
                .collect(),
        );
    }
    Ok(rows)
}

/// The entities that carry `name` as a label or alias (case, spacing and hyphens ignored),
/// the likeliest first, as [`paperkg_core::resolve`] orders them. A lookup key on a node that
/// is not an entity is an error ([`LookupError::Iri`]).
pub fn resolve(store: &Store, name: &str) -> Result<Vec<EntityIri>, LookupError> {
    entities_named(&StoredNames(store), name)
}

/// The entities of one type that carry `name` as a label or alias.
pub(crate) fn resolve_typed(
    store: &Store,
    name: &str,
    entity_type: EntityType,
) -> Result<Vec<EntityIri>, LookupError> {
    let mut entities = resolve(store, name)?;
    entities.retain(|e| e.id.entity_type() == entity_type);
    Ok(entities)
}

/// A store's entities as the resolver sees them: found by their stored `pkg:lookupKey`s,
/// counted by their stored `pkg:paperCount`.
struct StoredNames<'a>(&'a Store);

impl NamedEntities for StoredNames<'_> {
    type Entity = EntityIri;
    type Error = LookupError;

    fn carrying(&self, key: &str) -> Result<Vec<EntityIri>, LookupError> {
        let rows = select(
            self.0,
            "SELECT DISTINCT ?e ?needle WHERE { ?e pkg:lookupKey ?needle }",
            &[("needle", Literal::new_simple_literal(key).into())],
        )?;
        rows.into_iter()
            .filter_map(|r| r.into_iter().next().flatten())
            .map(|iri| Ok(EntityIri::parse(&iri)?))
            .collect()
    }

    fn paper_count(&self, entity: &EntityIri) -> Result<u64, LookupError> {
        let rows = select(
            self.0,
            "SELECT ?n ?e WHERE { ?e pkg:paperCount ?n }",
            &[("e", entity.iri.clone().into())],
        )?;
        Ok(rows
            .into_iter()
            .filter_map(|r| r.into_iter().next().flatten()?.parse().ok())
            .max()
            .unwrap_or(0))
    }

    fn entity_id(&self, entity: &EntityIri) -> Option<EntityId> {
        Some(entity.id.clone())
    }
}

/// The graph index's entities as the resolver sees them; [`GraphIndex::find_entity`] asks it.
impl NamedEntities for GraphIndex {
    type Entity = EntitySlot;
    type Error = std::convert::Infallible;

    fn carrying(&self, key: &str) -> Result<Vec<EntitySlot>, Self::Error> {
        Ok(self
            .entities()
            .filter(|&e| carries(key, self.name(e), self.aliases(e)))
            .collect())
    }

    fn paper_count(&self, entity: &EntitySlot) -> Result<u64, Self::Error> {
        Ok(self.papers_mentioning(*entity).len() as u64)
    }

    fn entity_id(&self, entity: &EntitySlot) -> Option<EntityId> {
        EntityId::parse(self.entity_id(*entity))
    }
}

/// Looks `name` up by any alias (case, spacing and hyphens ignored), listing up to
/// [`CARD_PAPERS`] papers per card and `related_top` co-mentioned entities, counted by SPARQL
/// over a sample of up to [`RELATED_SAMPLE`] papers; [`lookup_with`] counts them all from the
/// graph index.
///
/// ```
/// # use paperkg_core::corpus::{Paper, PaperId};
/// # use paperkg_core::extract::Extractor;
/// # use paperkg_core::graph::KnowledgeGraph;
/// # use paperkg_store::rdf::mapping::QuadWriter;
/// # use paperkg_store::rdf::{vocab::DEFAULT_BASE, MappingConfig};
/// # let extractor = Extractor::builder().build()?;
/// # let paper = Paper {
/// #     id: PaperId::Local("p1".into()),
/// #     title: "BERT on SQuAD".into(),
/// #     abstract_text: "We fine-tune BERT on SQuAD.".into(),
/// #     ..Paper::default()
/// # };
/// # let graph = KnowledgeGraph::from_extractions(&[extractor.extract(&paper)]);
/// # let config = MappingConfig { base: DEFAULT_BASE.into(), dictionary_version: "doc".into() };
/// # let mut writer = QuadWriter::new(config);
/// # let mut quads = Vec::new();
/// # writer.graph(&graph, &mut quads);
/// # writer.paper_count_quads(&mut quads);
/// use paperkg_store::lookup::{lookup, Lookup};
///
/// // A store holding one paper, "BERT on SQuAD" (built as `StoreLocation::build` shows).
/// let store = oxigraph::store::Store::new()?;
/// store.extend(quads)?;
///
/// let Lookup::Found { cards } = lookup(&store, "bert", 5)? else {
///     panic!("BERT is in the store");
/// };
/// assert_eq!(cards[0].name, "BERT");
/// assert_eq!(cards[0].paper_count, 1);
/// assert_eq!(cards[0].related[0].name, "SQuAD");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn lookup(store: &Store, name: &str, related_top: usize) -> Result<Lookup, LookupError> {
    let options = CardOptions {
        related: related_top,
        ..CardOptions::default()
    };
    lookup_with(store, None, name, options)
}

/// Looks `name` up by any alias, reading as much of each card as `options` asks, counting
/// co-mentioned entities over every paper in `index` when there is one (the index must be
/// the store's, as [`crate::index::IndexedStore`] opens them).
pub fn lookup_with(
    store: &Store,
    index: Option<&GraphIndex>,
    name: &str,
    options: CardOptions,
) -> Result<Lookup, LookupError> {
    let entities = resolve(store, name)?;
    if entities.is_empty() {
        return Ok(Lookup::NotFound {
            suggestions: suggest(store, name)?,
        });
    }
    let mut cards = Vec::new();
    for entity in entities {
        cards.push(card(store, index, entity, options)?);
    }
    // In the resolver's order: the entity `rank` or `path` would take for this name first.
    Ok(Lookup::Found { cards })
}

fn card(
    store: &Store,
    index: Option<&GraphIndex>,
    entity_iri: EntityIri,
    options: CardOptions,
) -> Result<Card, LookupError> {
    let entity = Term::from(entity_iri.iri.clone());
    let bind = |t: &Term| [("e", t.clone())];
    let first = |rows: Vec<Vec<Option<String>>>| {
        rows.into_iter()
            .next()
            .and_then(|r| r.into_iter().next().flatten())
    };
    let column = |rows: Vec<Vec<Option<String>>>| -> Vec<String> {
        rows.into_iter()
            .filter_map(|r| r.into_iter().next().flatten())
            .collect()
    };
    let name = first(select(
        store,
        "SELECT ?l ?e WHERE { ?e skos:prefLabel ?l }",
        &bind(&entity),
    )?)
    .unwrap_or_default();
    let aliases = shown_aliases(
        &name,
        column(select(
            store,
            "SELECT ?l ?e WHERE { ?e skos:altLabel ?l } ORDER BY ?l",
            &bind(&entity),
        )?),
    );
    let external_ids = column(select(
        store,
        "SELECT ?x ?e WHERE { ?e owl:sameAs ?x } ORDER BY ?x",
        &bind(&entity),
    )?);
    let derived_from = named_entities(select(
        store,
        "SELECT ?p ?l ?e WHERE { ?e prov:wasDerivedFrom ?p . ?p skos:prefLabel ?l } ORDER BY ?l",
        &bind(&entity),
    )?)?;
    let parents = named_entities(select(
        store,
        "SELECT ?p ?l ?e WHERE { ?e skos:broader ?p . ?p skos:prefLabel ?l } ORDER BY ?l",
        &bind(&entity),
    )?)?;
    let children = named_entities(select(
        store,
        "SELECT ?c ?l ?e WHERE { ?c skos:broader ?e . ?c skos:prefLabel ?l } ORDER BY ?l",
        &bind(&entity),
    )?)?;
    let paper_count = first(select(
        store,
        "SELECT ?n ?e WHERE { ?e pkg:paperCount ?n }",
        &bind(&entity),
    )?)
    .and_then(|n| n.parse().ok())
    .unwrap_or(0);
    let papers = card_papers(store, &entity_iri, options.papers)?;
    let (related, related_sample) = match (options.related, index) {
        (0, _) => (Vec::new(), 0),
        (top, Some(index)) => indexed_related(index, &entity_iri.id, top),
        (top, None) => related_entities(store, &entity, top)?,
    };
    Ok(Card {
        entity_type: entity_iri.id.entity_type(),
        entity: entity_iri,
        name,
        aliases,
        external_ids,
        derived_from,
        parents,
        children,
        paper_count,
        papers,
        related,
        related_sample,
    })
}

/// The entities of rows of an entity's IRI and its label, in the rows' order; an IRI that is
/// not an entity's is an error ([`LookupError::Iri`]).
fn named_entities(rows: Vec<Vec<Option<String>>>) -> Result<Vec<ResultEntity>, LookupError> {
    let mut entities = Vec::new();
    for row in rows {
        let mut columns = row.into_iter();
        if let Some(entity) = result_entity(columns.next().flatten(), columns.next().flatten())? {
            entities.push(entity);
        }
    }
    Ok(entities)
}

/// The aliases worth showing: a possessive (`CLIP's`) or a plural (`SAMs`) of the name or of
/// another alias still finds the entity, but is not a name of its own.
fn shown_aliases(name: &str, mut aliases: Vec<String>) -> Vec<String> {
    aliases.dedup();
    let labels: Vec<String> = std::iter::once(name.to_string())
        .chain(aliases.iter().cloned())
        .collect();
    let inflected = |alias: &str| {
        if alias.ends_with("'s") || alias.ends_with("\u{2019}s") {
            return true;
        }
        labels.iter().any(|l| {
            alias.len() > l.len()
                && alias.starts_with(l.as_str())
                && matches!(&alias[l.len()..], "s" | "es")
        })
    };
    let mut seen = vec![name.to_lowercase()];
    aliases
        .into_iter()
        .filter(|a| !inflected(a))
        .filter(|a| {
            // `gpt-4` beside `GPT-4` says nothing new: one spelling per case-folded form.
            let folded = a.to_lowercase();
            let new = !seen.contains(&folded);
            seen.push(folded);
            new
        })
        .collect()
}

/// The papers on a card: those introducing the entity first, then others mentioning it, each
/// with its first quote and code repositories. At most `limit` are read (all when `None`).
fn card_papers(
    store: &Store,
    entity: &EntityIri,
    limit: Option<usize>,
) -> Result<Vec<CardPaper>, LookupError> {
    let bind = |e: &EntityIri| [("e", Term::from(e.iri.clone()))];
    let limit_clause = limit.map(|n| format!("LIMIT {n}")).unwrap_or_default();
    let limit = limit.unwrap_or(usize::MAX);
    let introducing = select(
        store,
        &format!("SELECT ?p ?e WHERE {{ ?p pkg:introduces ?e }} {limit_clause}"),
        &bind(entity),
    )?;
    let mentioning = select(
        store,
        &format!(
            "SELECT ?p ?e WHERE {{ {{ ?p schema:mentions ?e }} UNION {{ ?p pkg:hasLink ?e }} \
             FILTER NOT EXISTS {{ ?p pkg:introduces ?e }} }} {limit_clause}"
        ),
        &bind(entity),
    )?;
    let mut papers = Vec::new();
    for (rows, introduces) in [(introducing, true), (mentioning, false)] {
        let mut batch = Vec::new();
        for paper in rows
            .into_iter()
            .filter_map(|r| r.into_iter().next().flatten())
        {
            if papers.len() + batch.len() >= limit {
                break;
            }
            batch.push(card_paper(
                store,
                entity,
                PaperIri::parse(&paper)?,
                introduces,
            )?);
        }
        batch.sort_by(|a: &CardPaper, b| a.title.cmp(&b.title));
        papers.extend(batch);
    }
    Ok(papers)
}

/// The first object of `subject predicate ?o`, as a string: a direct index read, no query.
fn object_string(
    store: &Store,
    subject: NamedOrBlankNodeRef<'_>,
    predicate: NamedNodeRef<'_>,
) -> Result<Option<String>, LookupError> {
    match store
        .quads_for_pattern(Some(subject), Some(predicate), None, None)
        .next()
    {
        Some(quad) => Ok(Some(crate::rdf::term_string(&quad?.object))),
        None => Ok(None),
    }
}

/// One paper of a card, read by its IRI.
fn card_paper(
    store: &Store,
    entity: &EntityIri,
    paper: PaperIri,
    introduces: bool,
) -> Result<CardPaper, LookupError> {
    let paper_node = paper.iri;
    let title = object_string(store, paper_node.as_ref().into(), dcterms::TITLE)?;
    let annotation = annotation_node(&paper_node, &entity.id);
    let quote = object_string(store, annotation.as_ref().into(), pkg::QUOTE)?;
    let paper_term = Term::from(paper_node);
    let code = select(
        store,
        "SELECT ?u ?p WHERE { ?p pkg:hasCode ?c . ?c schema:codeRepository ?u } ORDER BY ?u",
        &[("p", paper_term)],
    )?
    .into_iter()
    .filter_map(|r| r.into_iter().next().flatten())
    .collect();
    Ok(CardPaper {
        id: paper.id,
        title: title.unwrap_or_default(),
        quote,
        introduces,
        code,
    })
}

/// The entities most often mentioned together with `entity`, counted over up to
/// [`RELATED_SAMPLE`] of its papers; returns them and the number of papers counted.
fn related_entities(
    store: &Store,
    entity: &Term,
    top: usize,
) -> Result<(Vec<Related>, u64), LookupError> {
    let bind = [("e", entity.clone())];
    let sample = select(
        store,
        &format!(
            "SELECT (COUNT(*) AS ?n) ?e WHERE {{ {{ SELECT ?p ?e WHERE {{ ?p schema:mentions ?e }} LIMIT {RELATED_SAMPLE} }} }} GROUP BY ?e"
        ),
        &bind,
    )?
    .into_iter()
    .next()
    .and_then(|r| r.into_iter().next().flatten())
    .and_then(|n| n.parse().ok())
    .unwrap_or(0);
    let rows = select(
        store,
        &format!(
            "SELECT ?o ?l (COUNT(?p) AS ?n) ?e WHERE {{
               {{ SELECT ?p ?e WHERE {{ ?p schema:mentions ?e }} LIMIT {RELATED_SAMPLE} }}
               ?p schema:mentions ?o . FILTER(?o != ?e)
               ?o skos:prefLabel ?l ; pkg:entityType ?t .
             }} GROUP BY ?o ?l ?e ORDER BY DESC(?n) ?l LIMIT {top}"
        ),
        &bind,
    )?;
    let mut related = Vec::new();
    for row in rows {
        let [Some(o), Some(l), Some(n)] = <[Option<String>; 3]>::try_from(row).unwrap_or_default()
        else {
            continue;
        };
        related.push(Related {
            id: iri::entity_id(&o)?,
            name: l,
            papers: n.parse().unwrap_or(0),
        });
    }
    Ok((related, sample))
}

/// The entities most often mentioned together with the entity `id`, counted over all its
/// papers in the index (URLs neither counted nor listed, as in the SPARQL version); returns
/// them, most shared papers first, then by name, and the number of papers counted.
/// The entity's co-mention list kept in the index answers when it is sure to hold the
/// answer; otherwise its papers' links are walked.
fn indexed_related(index: &GraphIndex, id: &EntityId, top: usize) -> (Vec<Related>, u64) {
    card_related(index, id, top, true)
}

/// [`indexed_related`], by the kept lists where they are sure to answer (`lists`) or always
/// by walking the links (`!lists`, the reference tests compare the lists against).
#[doc(hidden)]
pub fn card_related(
    index: &GraphIndex,
    id: &EntityId,
    top: usize,
    lists: bool,
) -> (Vec<Related>, u64) {
    let center = index.entity_slot(&id.to_string());
    let Some(center) = center.filter(|&e| index.entity_type(e) != EntityType::Url) else {
        return (Vec::new(), 0);
    };
    let papers = index.papers_mentioning(center).len() as u64;
    let sure = lists
        .then(|| crate::index::analytics::sure_co_mentions(index, center, top, |_| true))
        .flatten();
    let shared = sure.unwrap_or_else(|| co_mention_walk(index, center));
    // The index writes only ids that parse; one that does not is left out, not guessed at.
    let mut related: Vec<Related> = shared
        .into_iter()
        .filter_map(|(entity, papers)| {
            Some(Related {
                id: EntityId::parse(index.entity_id(entity))?,
                name: index.name(entity).to_string(),
                papers,
            })
        })
        .collect();
    related.sort_by(|a, b| {
        b.papers
            .cmp(&a.papers)
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.entity_type().cmp(&b.entity_type()))
    });
    related.truncate(top);
    (related, papers)
}

/// Every entity (URLs left out) mentioned together with `center`, with the number of papers
/// mentioning both, counted over every link of `center`'s papers.
fn co_mention_walk(index: &GraphIndex, center: EntitySlot) -> Vec<(EntitySlot, usize)> {
    let mut shared: HashMap<EntitySlot, usize> = HashMap::new();
    for paper in index.papers_mentioning(center) {
        for link in index.links_of(paper) {
            if link.entity != center && index.entity_type(link.entity) != EntityType::Url {
                *shared.entry(link.entity).or_default() += 1;
            }
        }
    }
    shared.into_iter().collect()
}

/// The entities whose names are closest to `name`, each once, best first: prefix and
/// substring matches, then edit distance on normalised keys, ties to the entity with more
/// papers.
pub(crate) fn suggest(store: &Store, name: &str) -> Result<Vec<Suggestion>, LookupError> {
    let key = name_key(name);
    if key.is_empty() {
        return Ok(Vec::new());
    }
    let rows = select(
        store,
        "SELECT ?e ?l ?name ?t ?n WHERE { ?e pkg:entityType ?t ; skos:prefLabel ?name ; \
         skos:prefLabel|skos:altLabel ?l . OPTIONAL { ?e pkg:paperCount ?n } }",
        &[],
    )?;
    let mut best: std::collections::HashMap<String, (usize, Suggestion)> =
        std::collections::HashMap::new();
    for row in rows {
        let [Some(iri), Some(label), Some(name), Some(t), n] =
            <[Option<String>; 5]>::try_from(row).unwrap_or_default()
        else {
            continue;
        };
        let Some(distance) = label_distance(&key, &name_key(&label)) else {
            continue;
        };
        // Suggestions are a courtesy: a node that is not an entity is not offered.
        let (Ok(id), Ok(_)) = (iri::entity_id(&iri), t.parse::<EntityType>()) else {
            continue;
        };
        let suggestion = Suggestion {
            name,
            id,
            papers: n.and_then(|n| n.parse().ok()).unwrap_or(0),
        };
        let entry = best.entry(iri).or_insert((distance, suggestion.clone()));
        if distance < entry.0 {
            *entry = (distance, suggestion);
        }
    }
    let mut scored: Vec<(usize, Suggestion)> = best.into_values().collect();
    scored.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(b.1.papers.cmp(&a.1.papers))
            .then(a.1.name.cmp(&b.1.name))
    });
    Ok(scored.into_iter().take(5).map(|(_, s)| s).collect())
}

/// How far a label's key `k` is from the key asked for: 0 for a prefix, 1 for a substring,
/// else the edit distance plus one; `None` when too far to suggest.
fn label_distance(key: &str, k: &str) -> Option<usize> {
    if k.is_empty() {
        return None;
    }
    let key_chars = key.chars().count();
    let limit = 2 + key_chars / 3;
    let distance = if k.starts_with(key) || key.starts_with(k) {
        0
    } else if k.contains(key) || key.contains(k) {
        1
    } else if k.chars().count().abs_diff(key_chars) > limit {
        // The distance is at least the difference in length: skip the quadratic comparison,
        // which a very long name would make slow for every label.
        return None;
    } else {
        levenshtein(key, k) + 1
    };
    (distance <= limit).then_some(distance)
}

/// Levenshtein distance over characters.
fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

/// An entity on a paper's card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PaperEntity {
    /// The entity: its id and canonical name (written as the name).
    #[serde(rename = "name")]
    pub entity: ResultEntity,
    /// Whether the paper introduces it.
    pub introduced: bool,
}

/// A result a paper reports. Its model, dataset and metric are the stored entities (written
/// by name).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PaperResult {
    /// The model, when named.
    pub model: Option<ResultEntity>,
    /// The dataset, when named.
    pub dataset: Option<ResultEntity>,
    /// The metric, when named.
    pub metric: Option<ResultEntity>,
    /// The value as written.
    pub value: String,
}

/// Everything the store knows about one paper.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PaperCard {
    /// The paper's id, as `lookup` prints it.
    pub id: PaperId,
    /// The paper's IRI.
    #[serde(serialize_with = "iri_text")]
    pub iri: NamedNode,
    /// Its title.
    pub title: String,
    /// Its date, when known.
    pub date: Option<String>,
    /// The entities it mentions, by type (in the order of the types' names), each sorted by
    /// name; written as an object keyed by type.
    #[serde(serialize_with = "groups_by_type")]
    pub entities_by_type: Vec<(EntityType, Vec<PaperEntity>)>,
    /// Its code repositories.
    pub code: Vec<String>,
    /// The results it reports.
    pub results: Vec<PaperResult>,
}

/// Writes groups keyed by entity type as one object, in the groups' order.
fn groups_by_type<S: Serializer>(
    groups: &[(EntityType, Vec<PaperEntity>)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_map(groups.iter().map(|(t, entities)| (t, entities)))
}

/// A stored entity a result refers to, from its IRI and label columns; `None` when the
/// result does not name one.
fn result_entity(
    iri: Option<String>,
    name: Option<String>,
) -> Result<Option<ResultEntity>, IriError> {
    match (iri, name) {
        (Some(iri), Some(name)) => Ok(Some(ResultEntity {
            id: iri::entity_id(&iri)?,
            name,
        })),
        _ => Ok(None),
    }
}

/// The card of the paper with id `id` (as `lookup` prints it: `arxiv:2304.02643`, a DOI, a
/// local id, `title:...`); a bare arXiv id (`2304.02643`) is tried as `arxiv:` too. `None`
/// when no paper has the id.
pub fn paper_card(store: &Store, id: &str) -> Result<Option<PaperCard>, LookupError> {
    let id = id.trim();
    let mut iri = None;
    for candidate in [id.to_string(), format!("arxiv:{id}")] {
        let rows = select(
            store,
            "SELECT ?p ?id WHERE { ?p dcterms:identifier ?id ; a schema:ScholarlyArticle }",
            &[("id", Term::from(Literal::new_simple_literal(&candidate)))],
        )?;
        iri = rows
            .into_iter()
            .find_map(|r| r.into_iter().next().flatten());
        if iri.is_some() {
            break;
        }
    }
    let Some(iri) = iri else {
        return Ok(None);
    };
    let paper = PaperIri::parse(&iri)?;
    let node = paper.iri.as_ref();
    let bind = || [("p", Term::from(paper.iri.clone()))];
    let mut entities_by_type: Vec<(EntityType, Vec<PaperEntity>)> = Vec::new();
    for row in select(
        store,
        "SELECT ?e ?t ?l ?intro ?p WHERE { { ?p schema:mentions ?e } UNION { ?p pkg:hasLink ?e } \
         ?e pkg:entityType ?t ; skos:prefLabel ?l . \
         BIND(EXISTS { ?p pkg:introduces ?e } AS ?intro) } ORDER BY ?t ?l",
        &bind(),
    )? {
        let [Some(e), Some(t), Some(name), intro] =
            <[Option<String>; 4]>::try_from(row).unwrap_or_default()
        else {
            continue;
        };
        let Ok(entity_type) = t.parse::<EntityType>() else {
            continue;
        };
        let entity = PaperEntity {
            entity: ResultEntity {
                id: iri::entity_id(&e)?,
                name,
            },
            introduced: intro.as_deref() == Some("true"),
        };
        // Sorted by the type's name, so each type's entities come together.
        match entities_by_type.last_mut() {
            Some((last, entities)) if *last == entity_type => entities.push(entity),
            _ => entities_by_type.push((entity_type, vec![entity])),
        }
    }
    let code = select(
        store,
        "SELECT ?u ?p WHERE { ?p pkg:hasCode ?c . ?c schema:codeRepository ?u } ORDER BY ?u",
        &bind(),
    )?
    .into_iter()
    .filter_map(|r| r.into_iter().next().flatten())
    .collect();
    let results = paper_results(store, &paper.iri)?;
    Ok(Some(PaperCard {
        title: object_string(store, node.into(), dcterms::TITLE)?.unwrap_or_default(),
        date: object_string(store, node.into(), dcterms::DATE)?,
        id: paper.id,
        iri: paper.iri,
        entities_by_type,
        code,
        results,
    }))
}

/// The results a paper reports, by dataset, metric, model and value.
fn paper_results(store: &Store, paper: &NamedNode) -> Result<Vec<PaperResult>, LookupError> {
    let mut results = Vec::new();
    for row in select(
        store,
        "SELECT ?me ?m ?de ?d ?xe ?x ?v ?p WHERE { ?r pkg:reportedIn ?p ; pkg:valueText ?v . \
         OPTIONAL { ?r pkg:model ?me . ?me skos:prefLabel ?m } \
         OPTIONAL { ?r pkg:dataset ?de . ?de skos:prefLabel ?d } \
         OPTIONAL { ?r mls:specifiedBy ?xe . ?xe skos:prefLabel ?x } } ORDER BY ?d ?x ?m ?v",
        &[("p", Term::from(paper.clone()))],
    )? {
        let [me, m, de, d, xe, x, Some(value)] =
            <[Option<String>; 7]>::try_from(row).unwrap_or_default()
        else {
            continue;
        };
        results.push(PaperResult {
            model: result_entity(me, m)?,
            dataset: result_entity(de, d)?,
            metric: result_entity(xe, x)?,
            value,
        });
    }
    Ok(results)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn possessives_and_plurals_are_not_shown_as_aliases() {
        let aliases = vec![
            "CLIP's".to_string(),
            "CLIPs".to_string(),
            "Contrastive Language-Image Pre-training".to_string(),
            "Contrastive Language-Image Pre-trainings".to_string(),
            "OpenCLIP".to_string(),
            "clip".to_string(),
        ];
        assert_eq!(
            shown_aliases("CLIP", aliases),
            ["Contrastive Language-Image Pre-training", "OpenCLIP"]
        );
    }

    #[test]
    fn a_suggestion_says_type_and_papers() {
        let one = Suggestion {
            name: "GPT-4o".into(),
            id: EntityId::for_name(EntityType::Model, "GPT-4o"),
            papers: 1,
        };
        assert_eq!(one.to_string(), "GPT-4o (model, 1 paper)");
    }
}
