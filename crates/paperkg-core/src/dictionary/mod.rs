//! Loading and validating `dictionaries/`: one file per entity type, plus the ambiguity
//! declarations and the list of generic terms. See `dictionaries/README.md` for the format.
//!
//! The files are compiled into the binary, so paperkg works from any directory;
//! [`Dictionary::load_dir`] reads a directory instead, for curators testing a change.

mod parse;
mod types;

pub use types::{EntityType, ParseEntityTypeError};

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
    /// The canonical name of the entry this one derives from, in the same file.
    pub parent: Option<String>,
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

/// All dictionaries, validated: entries, declared ambiguities and generic terms.
#[derive(Clone, Debug)]
pub struct Dictionary {
    entries: Vec<Entry>,
    by_canonical: HashMap<(EntityType, String), EntryId>,
    by_alias: HashMap<String, Vec<EntryId>>,
    ambiguous_defaults: HashMap<String, EntryId>,
    generic: HashSet<String>,
    version: String,
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
];

impl Dictionary {
    /// The dictionaries compiled into this binary.
    pub fn builtin() -> Result<Dictionary, DictionaryError> {
        Dictionary::from_files(
            BUILTIN_FILES
                .iter()
                .map(|&(n, c)| (n.to_string(), c.to_string())),
        )
    }

    /// Loads the dictionary files from a directory laid out like `dictionaries/`.
    pub fn load_dir(dir: &Path) -> Result<Dictionary, DictionaryError> {
        let mut files = Vec::new();
        for &(name, _) in BUILTIN_FILES {
            let path = dir.join(name);
            let text = std::fs::read_to_string(&path).map_err(|source| DictionaryError::Io {
                path: path.display().to_string(),
                source,
            })?;
            files.push((name.to_string(), text));
        }
        Dictionary::from_files(files)
    }

    /// Builds and validates a dictionary from `(file name, contents)` pairs. Entity files are
    /// named after their type (`model.txt`...).
    pub fn from_files(
        files: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Dictionary, DictionaryError> {
        let mut entries = Vec::new();
        let mut ambiguous = Vec::new();
        let mut generic = HashSet::new();
        let mut hasher_input = Vec::new();
        for (name, text) in files {
            hasher_input.extend_from_slice(name.as_bytes());
            hasher_input.extend_from_slice(text.as_bytes());
            match name.as_str() {
                "ambiguous.txt" => ambiguous = parse::ambiguous(&name, &text)?,
                "generic.txt" => generic.extend(parse::generic(&text)),
                _ => {
                    let entity_type = name
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
        generic: HashSet<String>,
        version: String,
    ) -> Result<Dictionary, DictionaryError> {
        let mut problems = Vec::new();
        let mut by_canonical = HashMap::new();
        let mut by_alias: HashMap<String, Vec<EntryId>> = HashMap::new();
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
        for entry in &entries {
            if let Some(parent) = &entry.parent {
                if !by_canonical.contains_key(&(entry.entity_type, parent.clone())) {
                    problems.push(format!("{}: unknown parent {parent:?}", entry.origin));
                }
            }
        }
        let mut ambiguous_defaults = HashMap::new();
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
        self.by_alias
            .get(&alias_key(alias))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The declared default reading of an ambiguous alias.
    pub fn ambiguous_default(&self, alias: &str) -> Option<EntryId> {
        self.ambiguous_defaults.get(&alias_key(alias)).copied()
    }

    /// Whether a term is generic (never an entity on its own), compared case-insensitively.
    pub fn is_generic(&self, term: &str) -> bool {
        self.generic.contains(&term.to_lowercase())
    }

    /// A content hash of all dictionary files, recorded in provenance.
    pub fn version(&self) -> &str {
        &self.version
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
