//! Loading and validating `dictionaries/`: one file per entity type, plus the ambiguity
//! declarations and the list of generic terms. See `dictionaries/README.md` for the format.
//!
//! The files are compiled into the binary, so paperkg works from any directory;
//! [`Dictionary::load_dir`] reads a directory instead, for curators testing a change.
//! The word lists that rules consult (the [`Lexicon`]) load and validate the same way.

mod lexicon;
mod parse;
mod types;

pub use crate::ids::{EntityType, ParseEntityTypeError};
pub use lexicon::{Lexicon, Words};
pub use types::{Direction, Source, ValueRange};

use crate::text::{FastMap, FastSet};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// One alias of an entry with its case rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alias {
    /// The surface form as written in the dictionary.
    pub text: String,
    /// Whether the alias must match with exactly this case.
    pub case_sensitive: bool,
}

/// Identifies an entry inside one [`Dictionary`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntryId(pub u32);

/// One dictionary entry: a canonical name with its aliases and metadata.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The entry's type, from the file it is in.
    pub entity_type: EntityType,
    /// The canonical name (also the first alias).
    pub canonical: String,
    /// Every alias, the canonical name first.
    pub aliases: Vec<Alias>,
    /// External identifiers such as `arxiv:2304.02643`.
    pub external_ids: Vec<String>,
    /// Whether sized and versioned forms ("-7B", "-B/16") resolve to variants of this entry.
    pub variants: bool,
    /// The canonical name of the entry this one derives from, of the same type (for tasks:
    /// the broader task of the hierarchy).
    pub parent: Option<String>,
    /// For metrics: whether higher or lower values are better (`@better=`).
    pub better: Option<Direction>,
    /// For metrics: the values the metric can take (`@range=`).
    pub range: Option<ValueRange>,
    /// Where the entry comes from (`curated`, `pwc`...).
    pub source: Source,
    /// `file:line` of the entry, for diagnostics.
    pub origin: String,
}

/// A failure to load or validate the dictionaries, with the file and line to fix.
#[derive(Debug, thiserror::Error)]
pub enum DictionaryError {
    /// A line does not follow the format.
    #[error("{file}:{line}: {reason}")]
    Syntax {
        /// The file name.
        file: String,
        /// The 1-based line.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// Validation across entries failed (shared aliases, unknown parents...).
    #[error("dictionary validation failed:\n  {}", .0.join("\n  "))]
    Invalid(Vec<String>),
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// All dictionaries, validated: entries, declared ambiguities, generic terms and the lexicon.
#[derive(Clone, Debug)]
pub struct Dictionary {
    entries: Vec<Entry>,
    by_canonical: HashMap<(EntityType, String), EntryId>,
    by_alias: FastMap<String, Vec<EntryId>>,
    ambiguous_defaults: FastMap<String, EntryId>,
    generic: FastSet<String>,
    lexicon: Lexicon,
    children: HashMap<EntryId, Vec<EntryId>>,
    extensions: Vec<Extension>,
    version: String,
}

/// A line of one source that adds aliases or attributes to an entry of another source (same
/// type and canonical name), e.g. a Papers with Code spelling of a curated task.
#[derive(Clone, Debug)]
pub struct Extension {
    /// The entry it extends.
    pub entry: EntryId,
    /// The source of the extending line.
    pub source: Source,
    /// How many aliases it added.
    pub aliases_added: usize,
}

/// The dictionary files compiled into the binary, as `(file name, contents)`.
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    (
        "model.txt",
        include_str!("../../../../dictionaries/model.txt"),
    ),
    (
        "dataset.txt",
        include_str!("../../../../dictionaries/dataset.txt"),
    ),
    (
        "metric.txt",
        include_str!("../../../../dictionaries/metric.txt"),
    ),
    (
        "task.txt",
        include_str!("../../../../dictionaries/task.txt"),
    ),
    (
        "method.txt",
        include_str!("../../../../dictionaries/method.txt"),
    ),
    (
        "ambiguous.txt",
        include_str!("../../../../dictionaries/ambiguous.txt"),
    ),
    (
        "generic.txt",
        include_str!("../../../../dictionaries/generic.txt"),
    ),
    (
        "sources/pwc/task.txt",
        include_str!("../../../../dictionaries/sources/pwc/task.txt"),
    ),
    (
        "sources/pwc/dataset.txt",
        include_str!("../../../../dictionaries/sources/pwc/dataset.txt"),
    ),
    (
        "sources/pwc/metric.txt",
        include_str!("../../../../dictionaries/sources/pwc/metric.txt"),
    ),
];

/// The files every dictionary directory must have; entity files under `sources/NAME/` are
/// optional.
const REQUIRED_FILES: &[&str] = &[
    "model.txt",
    "dataset.txt",
    "metric.txt",
    "task.txt",
    "method.txt",
    "ambiguous.txt",
    "generic.txt",
];

impl Dictionary {
    /// The dictionaries compiled into this binary.
    pub fn builtin() -> Result<Dictionary, DictionaryError> {
        Dictionary::builtin_without(&[])
    }

    /// The built-in dictionaries without the entries (and extensions) of the named sources:
    /// `builtin_without(&["pwc"])` is the hand-curated dictionary alone.
    pub fn builtin_without(sources: &[&str]) -> Result<Dictionary, DictionaryError> {
        Dictionary::from_files(
            BUILTIN_FILES
                .iter()
                .filter(|(n, _)| !sources.contains(&Source::of_file(n).as_str()))
                .map(|&(n, c)| (n.to_string(), c.to_string())),
        )
    }

    /// Loads the dictionary files from a directory laid out like `dictionaries/`: the
    /// required top-level files, then `sources/NAME/<type>.txt` for every source folder present
    /// (in name order), and the lexicon from `lexicon/`. Leaving a source folder out of the
    /// directory drops that source whole.
    pub fn load_dir(dir: &Path) -> Result<Dictionary, DictionaryError> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read_to_string(&path).map_err(|source| DictionaryError::Io {
                path: path.display().to_string(),
                source,
            })
        };
        let mut files = Vec::new();
        for &name in REQUIRED_FILES {
            files.push((name.to_string(), read(name)?));
        }
        for source in source_folders(&dir.join("sources"))? {
            for t in EntityType::DICTIONARY_TYPES {
                let name = format!("sources/{source}/{t}.txt");
                if dir.join(&name).is_file() {
                    let text = read(&name)?;
                    files.push((name, text));
                }
            }
        }
        let lexicon = Lexicon::load_dir(&dir.join("lexicon"))?;
        Ok(Dictionary::from_files(files)?.with_lexicon(lexicon))
    }

    /// The same dictionary with another lexicon.
    pub fn with_lexicon(mut self, lexicon: Lexicon) -> Dictionary {
        self.lexicon = lexicon;
        self
    }

    /// The word lists that extraction rules consult.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Builds and validates a dictionary from `(file name, contents)` pairs. Entity files are
    /// named after their type (`model.txt`...). The lexicon is the built-in one (see
    /// [`Dictionary::with_lexicon`]).
    pub fn from_files(
        files: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Dictionary, DictionaryError> {
        let mut entries = Vec::new();
        let mut ambiguous = Vec::new();
        let mut generic = FastSet::default();
        let mut hasher_input = Vec::new();
        for (name, text) in files {
            hasher_input.extend_from_slice(name.as_bytes());
            hasher_input.extend_from_slice(text.as_bytes());
            match name.as_str() {
                "ambiguous.txt" => ambiguous = parse::ambiguous(&name, &text)?,
                "generic.txt" => generic.extend(parse::generic(&text)),
                _ => {
                    let stem = name.rsplit('/').next().unwrap_or(&name);
                    let entity_type = stem
                        .trim_end_matches(".txt")
                        .parse::<EntityType>()
                        .map_err(|_| DictionaryError::Syntax {
                            file: name.clone(),
                            line: 0,
                            reason: "unknown dictionary file; expected <type>.txt".to_string(),
                        })?;
                    entries.extend(parse::entries(&name, &text, entity_type)?);
                }
            }
        }
        let version = format!("{:016x}", crate::text::fnv1a(&hasher_input));
        Dictionary::validate(entries, ambiguous, generic, version)
    }

    fn validate(
        entries: Vec<Entry>,
        ambiguous: Vec<parse::AmbiguityLine>,
        generic: FastSet<String>,
        version: String,
    ) -> Result<Dictionary, DictionaryError> {
        let mut problems = Vec::new();
        let (entries, extensions) = merge_extensions(entries, &mut problems);
        let mut by_canonical = HashMap::new();
        let mut by_alias: FastMap<String, Vec<EntryId>> = FastMap::default();
        for (i, entry) in entries.iter().enumerate() {
            let id = EntryId(i as u32);
            let key = (entry.entity_type, entry.canonical.clone());
            if by_canonical.insert(key, id).is_some() {
                problems.push(format!(
                    "{}: canonical name {:?} is used twice in {}",
                    entry.origin, entry.canonical, entry.entity_type
                ));
            }
            let mut seen = HashSet::new();
            for alias in &entry.aliases {
                let key = alias_key(&alias.text);
                if seen.insert(key.clone()) {
                    by_alias.entry(key).or_default().push(id);
                }
            }
        }
        let mut children: HashMap<EntryId, Vec<EntryId>> = HashMap::new();
        for (i, entry) in entries.iter().enumerate() {
            if let Some(parent) = &entry.parent {
                match by_canonical.get(&(entry.entity_type, parent.clone())) {
                    Some(&p) => children.entry(p).or_default().push(EntryId(i as u32)),
                    None => problems.push(format!("{}: unknown parent {parent:?}", entry.origin)),
                }
            }
        }
        problems.extend(parent_cycles(&entries, &by_canonical));
        let mut ambiguous_defaults = FastMap::default();
        for line in ambiguous {
            let key = alias_key(&line.alias);
            match by_canonical.get(&(line.entity_type, line.canonical.clone())) {
                Some(&id) if by_alias.get(&key).is_some_and(|ids| ids.contains(&id)) => {
                    ambiguous_defaults.insert(key, id);
                }
                Some(_) => problems.push(format!(
                    "ambiguous.txt:{}: {}:{} has no alias {:?}",
                    line.line, line.entity_type, line.canonical, line.alias
                )),
                None => problems.push(format!(
                    "ambiguous.txt:{}: no entry {}:{}",
                    line.line, line.entity_type, line.canonical
                )),
            }
        }
        for (key, ids) in &by_alias {
            if ids.len() > 1
                && !ambiguous_defaults.contains_key(key)
                && can_collide(&entries, ids, key)
            {
                let who: Vec<String> = ids
                    .iter()
                    .map(|id| {
                        let e = &entries[id.0 as usize];
                        format!("{}:{} ({})", e.entity_type, e.canonical, e.origin)
                    })
                    .collect();
                problems.push(format!(
                    "alias {key:?} is shared by {} and is not declared in ambiguous.txt",
                    who.join(", ")
                ));
            }
        }
        if !problems.is_empty() {
            problems.sort();
            return Err(DictionaryError::Invalid(problems));
        }
        Ok(Dictionary {
            entries,
            by_canonical,
            by_alias,
            ambiguous_defaults,
            generic,
            lexicon: Lexicon::builtin()?,
            children,
            extensions,
            version,
        })
    }

    /// Every entry, in file order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry with this id.
    pub fn entry(&self, id: EntryId) -> &Entry {
        &self.entries[id.0 as usize]
    }

    /// Finds an entry by type and canonical name.
    pub fn by_canonical(&self, entity_type: EntityType, canonical: &str) -> Option<EntryId> {
        self.by_canonical
            .get(&(entity_type, canonical.to_string()))
            .copied()
    }

    /// The entries that have this alias (compared case-insensitively).
    pub fn by_alias(&self, alias: &str) -> &[EntryId] {
        crate::text::with_lower(alias, |key| self.by_alias.get(key).map(Vec::as_slice))
            .unwrap_or(&[])
    }

    /// The declared default reading of an ambiguous alias.
    pub fn ambiguous_default(&self, alias: &str) -> Option<EntryId> {
        self.ambiguous_defaults
            .get(crate::text::lower(alias).as_ref())
            .copied()
    }

    /// Whether a term is generic (never an entity on its own), compared case-insensitively.
    pub fn is_generic(&self, term: &str) -> bool {
        crate::text::with_lower(term, |key| self.generic.contains(key))
    }

    /// The first entry whose canonical name or an alias has `name`'s name key (case, spaces
    /// and hyphens ignored), in file order; `None` when none does or the name has no letter or
    /// digit. `lookup` uses it to say that a name missing from a store is a dictionary entry.
    pub fn entry_named(&self, name: &str) -> Option<&Entry> {
        let key = crate::text::name_key(name);
        if key.is_empty() {
            return None;
        }
        self.entries.iter().find(|entry| {
            crate::resolve::carries(
                &key,
                &entry.canonical,
                entry.aliases.iter().map(|a| a.text.as_str()),
            )
        })
    }

    /// A content hash of all dictionary files, recorded in provenance.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The entry this one derives from (`@parent`): for a task, its broader task.
    pub fn parent(&self, id: EntryId) -> Option<EntryId> {
        let entry = self.entry(id);
        let parent = entry.parent.as_deref()?;
        self.by_canonical(entry.entity_type, parent)
    }

    /// The entries that name this one as their `@parent`: for a task, its narrower tasks, in
    /// file order.
    pub fn children(&self, id: EntryId) -> &[EntryId] {
        self.children.get(&id).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The metric entry with this canonical name, if any.
    pub fn metric(&self, canonical: &str) -> Option<&Entry> {
        self.by_canonical(EntityType::Metric, canonical)
            .map(|id| self.entry(id))
    }

    /// Which way the metric with this canonical name improves; higher when the dictionary does
    /// not say (or does not know the metric).
    pub fn metric_direction(&self, canonical: &str) -> Direction {
        self.metric(canonical)
            .and_then(|e| e.better)
            .unwrap_or_default()
    }

    /// The lines of one source that extended entries of another.
    pub fn extensions(&self) -> &[Extension] {
        &self.extensions
    }

    /// The number of entries of each type and source, and of extensions (entries of another
    /// source that a source added aliases or attributes to), sorted by source then type.
    pub fn counts_by_source(&self) -> Vec<SourceCount> {
        let mut counts: HashMap<(Source, EntityType), SourceCount> = HashMap::new();
        let mut add = |source: &Source, entity_type, entries, extended, aliases| {
            let count = counts
                .entry((source.clone(), entity_type))
                .or_insert_with(|| SourceCount {
                    source: source.clone(),
                    entity_type,
                    entries: 0,
                    extended: 0,
                    aliases: 0,
                });
            count.entries += entries;
            count.extended += extended;
            count.aliases += aliases;
        };
        for entry in &self.entries {
            add(&entry.source, entry.entity_type, 1, 0, entry.aliases.len());
        }
        for extension in &self.extensions {
            let entity_type = self.entry(extension.entry).entity_type;
            add(
                &extension.source,
                entity_type,
                0,
                1,
                extension.aliases_added,
            );
        }
        let mut counts: Vec<SourceCount> = counts.into_values().collect();
        counts.sort_by(|a, b| (&a.source, a.entity_type).cmp(&(&b.source, b.entity_type)));
        counts
    }

    /// The number of entries of each type.
    pub fn counts(&self) -> Vec<(EntityType, usize)> {
        EntityType::DICTIONARY_TYPES
            .iter()
            .map(|&t| {
                (
                    t,
                    self.entries.iter().filter(|e| e.entity_type == t).count(),
                )
            })
            .collect()
    }
}

/// The size of one source's contribution to one type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceCount {
    /// The source.
    pub source: Source,
    /// The type.
    pub entity_type: EntityType,
    /// Entries of this source.
    pub entries: usize,
    /// Entries of other sources that this source extended.
    pub extended: usize,
    /// Aliases this source contributes (its own entries' and the ones it added to others).
    pub aliases: usize,
}

/// The source folders under `sources/` (none when there is no such folder), in name order.
fn source_folders(dir: &Path) -> Result<Vec<String>, DictionaryError> {
    let io = |source| DictionaryError::Io {
        path: dir.display().to_string(),
        source,
    };
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut names = Vec::new();
    for item in std::fs::read_dir(dir).map_err(io)? {
        let item = item.map_err(io)?;
        if item.path().is_dir() {
            names.push(item.file_name().to_string_lossy().into_owned());
        }
    }
    names.sort();
    Ok(names)
}

/// Folds an entry whose type and canonical name an entry of an earlier source already has into
/// that entry: its new aliases are added, and its attributes fill the ones the earlier entry
/// lacks (a conflicting attribute is a problem). Within one source a repeated canonical name
/// stays a duplicate, reported by validation.
fn merge_extensions(
    entries: Vec<Entry>,
    problems: &mut Vec<String>,
) -> (Vec<Entry>, Vec<Extension>) {
    let mut merged: Vec<Entry> = Vec::with_capacity(entries.len());
    let mut first: HashMap<(EntityType, String), usize> = HashMap::new();
    let mut extensions = Vec::new();
    for entry in entries {
        let key = (entry.entity_type, entry.canonical.clone());
        let Some(&at) = first
            .get(&key)
            .filter(|&&at| merged[at].source != entry.source)
        else {
            first.entry(key).or_insert(merged.len());
            merged.push(entry);
            continue;
        };
        let base = &mut merged[at];
        for (name, conflict) in [
            ("parent", conflicts(&base.parent, &entry.parent)),
            ("better", conflicts(&base.better, &entry.better)),
            ("range", conflicts(&base.range, &entry.range)),
        ] {
            if conflict {
                problems.push(format!(
                    "{}: @{name} differs from the one of {:?} at {}",
                    entry.origin, base.canonical, base.origin
                ));
            }
        }
        let before = base.aliases.len();
        for alias in entry.aliases {
            if !base.aliases.iter().any(|a| a.text == alias.text) {
                base.aliases.push(alias);
            }
        }
        base.parent = base.parent.take().or(entry.parent);
        base.better = base.better.or(entry.better);
        base.range = base.range.or(entry.range);
        base.external_ids.extend(entry.external_ids);
        base.variants |= entry.variants;
        extensions.push(Extension {
            entry: EntryId(at as u32),
            source: entry.source,
            aliases_added: base.aliases.len() - before,
        });
    }
    (merged, extensions)
}

fn conflicts<T: PartialEq>(base: &Option<T>, later: &Option<T>) -> bool {
    matches!((base, later), (Some(a), Some(b)) if a != b)
}

/// Entries whose chain of parents comes back to them: one problem per cycle member.
fn parent_cycles(
    entries: &[Entry],
    by_canonical: &HashMap<(EntityType, String), EntryId>,
) -> Vec<String> {
    let parent_of = |i: usize| {
        let e = &entries[i];
        e.parent
            .as_ref()
            .and_then(|p| by_canonical.get(&(e.entity_type, p.clone())))
            .map(|id| id.0 as usize)
    };
    let mut problems = Vec::new();
    for start in 0..entries.len() {
        let mut at = parent_of(start);
        for _ in 0..entries.len() {
            match at {
                Some(i) if i == start => {
                    problems.push(format!(
                        "{}: {:?} is its own ancestor through @parent",
                        entries[start].origin, entries[start].canonical
                    ));
                    break;
                }
                Some(i) => at = parent_of(i),
                None => break,
            }
        }
    }
    problems
}

/// Whether two of `ids` have an alias under `key` that can match the same text: the same
/// exact spelling, or one of them case-insensitive. "Codex" and "CoDEx" never collide.
fn can_collide(entries: &[Entry], ids: &[EntryId], key: &str) -> bool {
    let readings: Vec<(EntryId, &Alias)> = ids
        .iter()
        .flat_map(|&id| {
            entries[id.0 as usize]
                .aliases
                .iter()
                .filter(|a| alias_key(&a.text) == key)
                .map(move |a| (id, a))
        })
        .collect();
    readings.iter().enumerate().any(|(i, (id_a, a))| {
        readings[i + 1..].iter().any(|(id_b, b)| {
            id_a != id_b && (!a.case_sensitive || !b.case_sensitive || a.text == b.text)
        })
    })
}

/// The key under which aliases are compared for sharing: lower-case.
pub fn alias_key(alias: &str) -> String {
    alias.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::{Dictionary, DictionaryError, Direction, EntityType, ValueRange};

    fn load(
        extra: &[(&str, &str)],
        metric: &str,
        task: &str,
    ) -> Result<Dictionary, DictionaryError> {
        let mut files = vec![
            ("model.txt", "Zorblax\n"),
            ("dataset.txt", "QuuxNet-9K\n"),
            ("metric.txt", metric),
            ("task.txt", task),
            ("method.txt", "FrobDrop\n"),
            ("ambiguous.txt", ""),
            ("generic.txt", ""),
        ];
        files.extend_from_slice(extra);
        Dictionary::from_files(
            files
                .into_iter()
                .map(|(n, t)| (n.to_string(), t.to_string())),
        )
    }

    #[test]
    fn metric_direction_and_range_are_read_and_exposed() {
        let d = load(
            &[],
            "glorp accuracy | @better=higher | @range=percent\nsnarf error | @better=lower | @range=unbounded\nwibble\n",
            "",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(d.metric_direction("snarf error"), Direction::Lower);
        assert_eq!(d.metric_direction("glorp accuracy"), Direction::Higher);
        assert_eq!(d.metric_direction("wibble"), Direction::Higher);
        assert_eq!(
            d.metric("snarf error").and_then(|e| e.range),
            Some(ValueRange::Unbounded)
        );
        assert_eq!(d.metric("wibble").and_then(|e| e.range), None);
    }

    #[test]
    fn an_unknown_direction_or_range_is_an_error_with_file_and_line() {
        for (metric, expected) in [
            (
                "\nsnarf error | @better=smaller\n",
                "metric.txt:2: @better=\"smaller\"",
            ),
            (
                "snarf error | @range=percentage\n",
                "metric.txt:1: @range=\"percentage\"",
            ),
        ] {
            let error = load(&[], metric, "").map(|_| ()).unwrap_err().to_string();
            assert!(error.starts_with(expected), "{error}");
        }
        let error = load(&[], "", "widget sorting | @better=lower\n")
            .map(|_| ())
            .unwrap_err()
            .to_string();
        assert_eq!(error, "task.txt:1: @better is for metrics only");
    }

    #[test]
    fn task_hierarchy_gives_parent_and_children() {
        let d = load(
            &[],
            "",
            "widget sorting\nfast widget sorting | @parent=widget sorting\n3D widget sorting | @parent=widget sorting\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let id = |n| {
            d.by_canonical(EntityType::Task, n)
                .unwrap_or_else(|| panic!("{n}"))
        };
        let names = |ids: &[super::EntryId]| -> Vec<String> {
            ids.iter().map(|&i| d.entry(i).canonical.clone()).collect()
        };
        assert_eq!(
            names(d.children(id("widget sorting"))),
            ["fast widget sorting", "3D widget sorting"]
        );
        assert_eq!(
            d.parent(id("fast widget sorting")),
            Some(id("widget sorting"))
        );
        assert_eq!(d.parent(id("widget sorting")), None);
    }

    #[test]
    fn a_parent_cycle_is_an_error() {
        let error = load(
            &[],
            "",
            "a sorting | @parent=b sorting\nb sorting | @parent=a sorting\n",
        )
        .map(|_| ())
        .unwrap_err()
        .to_string();
        assert!(
            error.contains("task.txt:1: \"a sorting\" is its own ancestor"),
            "{error}"
        );
    }

    #[test]
    fn a_source_extends_entries_of_another_and_can_be_counted_or_dropped() {
        let extra = [(
            "sources/ext/task.txt",
            "widget sorting | widget ordering | @parent=gadget handling\ngadget handling\n",
        )];
        let d = load(&extra, "", "widget sorting\n").unwrap_or_else(|e| panic!("{e}"));
        let widget = d
            .by_canonical(EntityType::Task, "widget sorting")
            .unwrap_or_else(|| panic!("widget sorting"));
        assert_eq!(d.by_alias("widget ordering"), [widget]);
        assert_eq!(d.entry(widget).source.as_str(), "curated");
        let gadget = d
            .by_canonical(EntityType::Task, "gadget handling")
            .unwrap_or_else(|| panic!("gadget handling"));
        assert_eq!(d.entry(gadget).source.as_str(), "ext");
        assert_eq!(d.parent(widget), Some(gadget));
        let counts: Vec<(String, usize, usize)> = d
            .counts_by_source()
            .into_iter()
            .filter(|c| c.entity_type == EntityType::Task)
            .map(|c| (c.source.to_string(), c.entries, c.extended))
            .collect();
        assert_eq!(
            counts,
            [("curated".to_string(), 1, 0), ("ext".to_string(), 1, 1)]
        );
        let curated_only = load(&[], "", "widget sorting\n").unwrap_or_else(|e| panic!("{e}"));
        assert!(curated_only.by_alias("widget ordering").is_empty());
    }

    #[test]
    fn the_builtin_dictionary_without_pwc_is_the_curated_one() {
        let all = Dictionary::builtin().unwrap_or_else(|e| panic!("{e}"));
        let curated = Dictionary::builtin_without(&["pwc"]).unwrap_or_else(|e| panic!("{e}"));
        assert!(all.entries().len() > curated.entries().len());
        assert!(curated
            .entries()
            .iter()
            .all(|e| e.source.as_str() == "curated"));
        assert!(all.entries().iter().any(|e| e.source.as_str() == "pwc"));
    }
}
