//! The task hierarchy: the task dictionary's `@parent=` links (from the Papers with Code task
//! tree), kept so that every task a store describes is linked up to its root by
//! `skos:broader`, and a question about a task can take in its subtasks.

use paperkg_core::dictionary::{Dictionary, EntityType, Entry};
use paperkg_core::graph::EntityNode;
use paperkg_core::ids::EntityId;
use std::collections::{HashMap, HashSet};

/// Each task's parent, by the task's entity id (`task/3d-object-detection`).
#[derive(Clone, Debug, Default)]
pub struct TaskHierarchy {
    parents: HashMap<EntityId, EntityNode>,
}

impl TaskHierarchy {
    /// The parent links of the task dictionary. A parent that names no task entry is skipped
    /// (dictionary validation reports it).
    pub fn from_dictionary(dictionary: &Dictionary) -> TaskHierarchy {
        let mut parents = HashMap::new();
        for entry in dictionary.entries() {
            let Some(parent) = &entry.parent else {
                continue;
            };
            if entry.entity_type != EntityType::Task {
                continue;
            }
            if let Some(id) = dictionary.by_canonical(EntityType::Task, parent) {
                parents.insert(entity_id(entry), entity_node(dictionary.entry(id)));
            }
        }
        TaskHierarchy { parents }
    }

    /// The parent of the task with this entity id.
    pub fn parent(&self, task_id: &EntityId) -> Option<&EntityNode> {
        self.parents.get(task_id)
    }

    /// The chain of parents above a task, nearest first, each with the id of its child. Stops
    /// before a task seen twice, so a loop in the links cannot hang it.
    pub fn ancestors<'a>(&'a self, task_id: &'a EntityId) -> Vec<(&'a EntityId, &'a EntityNode)> {
        let mut chain = Vec::new();
        let mut seen = HashSet::from([task_id]);
        let mut child = task_id;
        while let Some(parent) = self.parents.get(child) {
            if !seen.insert(&parent.id) {
                break;
            }
            chain.push((child, parent));
            child = &parent.id;
        }
        chain
    }

    /// The number of tasks that have a parent.
    pub fn len(&self) -> usize {
        self.parents.len()
    }

    /// Whether no task has a parent.
    pub fn is_empty(&self) -> bool {
        self.parents.is_empty()
    }
}

/// The entity id a dictionary entry resolves to, as extraction makes it.
fn entity_id(entry: &Entry) -> EntityId {
    EntityId::for_name(entry.entity_type, &entry.canonical)
}

/// The node describing a dictionary entry that no paper needs to mention.
fn entity_node(entry: &Entry) -> EntityNode {
    let mut aliases: Vec<String> = entry.aliases.iter().map(|a| a.text.clone()).collect();
    aliases.dedup();
    EntityNode {
        id: entity_id(entry),
        entity_type: entry.entity_type,
        name: entry.canonical.clone(),
        aliases,
        external_ids: entry.external_ids.clone(),
        url_kind: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dictionary(tasks: &str) -> Dictionary {
        let files = [("task.txt", tasks)]
            .into_iter()
            .map(|(n, t)| (n.to_string(), t.to_string()));
        Dictionary::from_files(files).unwrap_or_else(|e| panic!("dictionary: {e}"))
    }

    #[test]
    fn ancestors_climb_to_the_root_nearest_first() {
        let hierarchy = TaskHierarchy::from_dictionary(&dictionary(
            "object detection\n\
             3D object detection | ~3D object detection | @parent=object detection\n\
             monocular 3D object detection | @parent=3D object detection\n",
        ));
        let id = |text: &str| {
            EntityId::parse(text).unwrap_or_else(|| panic!("not an entity id: {text}"))
        };
        let monocular = id("task/monocular3dobjectdetection");
        let chain: Vec<(String, &str)> = hierarchy
            .ancestors(&monocular)
            .into_iter()
            .map(|(child, parent)| (child.to_string(), parent.name.as_str()))
            .collect();
        assert_eq!(
            chain,
            [
                (
                    "task/monocular3dobjectdetection".to_string(),
                    "3D object detection"
                ),
                ("task/3dobjectdetection".to_string(), "object detection"),
            ]
        );
        assert!(hierarchy.ancestors(&id("task/objectdetection")).is_empty());
        assert_eq!(hierarchy.len(), 2);
    }

    #[test]
    fn a_loop_in_the_links_never_reaches_the_hierarchy() {
        // The dictionary refuses it; `ancestors` would stop at the repeat anyway.
        let files = [(
            "task.txt",
            "task a | @parent=task b\ntask b | @parent=task a\n",
        )]
        .into_iter()
        .map(|(n, t)| (n.to_string(), t.to_string()));
        let error = Dictionary::from_files(files).err().map(|e| e.to_string());
        assert!(
            error
                .as_deref()
                .is_some_and(|e| e.contains("its own ancestor")),
            "{error:?}"
        );
    }
}
