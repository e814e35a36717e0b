//! The epics of a sprint status: which entry belongs to which epic, and the
//! titles a reader would give the entries.
//!
//! Keys carry the numbers with dashes for dots: `epic-7-5` is epic 7.5,
//! `7-5-1-signal-routing` its story 1, while `7-5-fuzzy-matching` is story 5
//! of epic 7. The key alone cannot tell those apart, the file's order can:
//! an entry belongs to the epic listed above it when its key starts with
//! that epic's number, and otherwise to the epic whose number starts its key
//! (the longest such), or to the epic its leading number names. Groups may
//! be epics (`epic-3`, `epic-3a`) or sprints (`sprint-0`); retrospectives
//! (`epic-3-retrospective`) belong to theirs.

/// Where an entry belongs and what it is called.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Member {
    /// The title of its group (`Epic 7.5`), if it has one.
    pub(crate) group: Option<String>,
    /// Its own title (`Epic 7.5`, `Story 7.5.1: signal routing`).
    pub(crate) title: String,
    /// Whether the entry is its group's own line (`epic-7-5`).
    pub(crate) is_group: bool,
}

/// A group an entry can open: its kind's word and its id as the key spells
/// it (`Epic`, `7-5`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Group<'a> {
    /// `Epic` or `Sprint`.
    kind: &'static str,
    /// The id with dashes (`7-5`, `3a`).
    id: &'a str,
}

impl Group<'_> {
    /// `Epic 7.5`, `Sprint 0`.
    fn title(&self) -> String {
        format!("{} {}", self.kind, self.id.replace('-', "."))
    }
}

/// Whether a key is shaped like a BMAD work item, for recognising a sprint
/// status: an epic (`epic-3`, `epic-0-5`), its retrospective, or a story
/// (`3-1-some-title`).
pub(crate) fn is_work_item_key(key: &str) -> bool {
    let epic = key.strip_prefix("epic-").map(|id| id.strip_suffix("-retrospective").unwrap_or(id));
    match epic {
        Some(id) => id.starts_with(|c: char| c.is_ascii_digit()) && is_group_id(id),
        None => story_numbers(key).is_some(),
    }
}

/// The group and title of each key, in file order.
pub(crate) fn assign(keys: &[&str]) -> Vec<Member> {
    let groups: Vec<Group<'_>> = keys.iter().filter_map(|key| group_of(key)).collect();
    let mut current: Option<Group<'_>> = None;
    let mut members = Vec::with_capacity(keys.len());
    for key in keys {
        if let Some(group) = group_of(key) {
            current = Some(group);
            members.push(Member {
                group: Some(group.title()),
                title: group.title(),
                is_group: true,
            });
            continue;
        }
        if let Some(group) = retrospective_of(key) {
            let title = format!("{} retrospective", group.title());
            members.push(Member { group: Some(group.title()), title, is_group: false });
            continue;
        }
        let group = current
            .filter(|g| starts_with_id(key, g.id))
            .or_else(|| longest_prefix_group(&groups, key))
            .or_else(|| leading_epic(key));
        members.push(Member {
            group: group.map(|g| g.title()),
            title: story_title(key, group),
            is_group: false,
        });
    }
    members
}

/// The group a key opens: `epic-ID` or `sprint-ID` (not a retrospective).
fn group_of(key: &str) -> Option<Group<'_>> {
    if key.ends_with("-retrospective") {
        return None;
    }
    let (kind, id) = if let Some(id) = key.strip_prefix("epic-") {
        ("Epic", id)
    } else {
        ("Sprint", key.strip_prefix("sprint-")?)
    };
    is_group_id(id).then_some(Group { kind, id })
}

/// The group of a retrospective key (`epic-3-retrospective`).
fn retrospective_of(key: &str) -> Option<Group<'_>> {
    group_of(key.strip_suffix("-retrospective")?)
}

/// An epic or sprint id: short dash-separated parts of digits and letters,
/// starting with a digit or a letter (`3`, `0-5`, `3a`, `auth`).
fn is_group_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 12
        && id
            .split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Whether `key` starts with `id` and a dash.
fn starts_with_id(key: &str, id: &str) -> bool {
    key.strip_prefix(id).is_some_and(|rest| rest.starts_with('-'))
}

/// The group whose id is the longest that starts the key.
fn longest_prefix_group<'a>(groups: &[Group<'a>], key: &str) -> Option<Group<'a>> {
    groups.iter().filter(|g| starts_with_id(key, g.id)).max_by_key(|g| g.id.len()).copied()
}

/// The epic a story key's leading number names when no epic line is listed
/// (`4-2-export` is in epic 4).
fn leading_epic(key: &str) -> Option<Group<'_>> {
    let (epic, _) = story_numbers(key)?;
    Some(Group { kind: "Epic", id: epic })
}

/// The epic and story numbers of a `N-M-title` key.
fn story_numbers(key: &str) -> Option<(&str, &str)> {
    let mut parts = key.splitn(3, '-');
    let (epic, story, slug) = (parts.next()?, parts.next()?, parts.next()?);
    let number = |part: &str| {
        !part.is_empty() && part.len() <= 4 && part.bytes().all(|b| b.is_ascii_digit())
    };
    (number(epic) && number(story) && !slug.is_empty()).then_some((epic, story))
}

/// A story's title: `Story 7.5.1: signal routing` when its group's id and
/// a story number start the key, `Epic 3: title` when only the id does,
/// else the key with spaces for its dashes.
fn story_title(key: &str, group: Option<Group<'_>>) -> String {
    let Some(group) = group.filter(|g| starts_with_id(key, g.id)) else {
        return key.replace('-', " ");
    };
    let rest = &key[group.id.len() + 1..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    match rest[digits..].strip_prefix('-') {
        Some(slug) if digits > 0 && !slug.is_empty() => format!(
            "Story {}.{}: {}",
            group.id.replace('-', "."),
            &rest[..digits],
            slug.replace('-', " ")
        ),
        _ => format!("{}: {}", group.title(), rest.replace('-', " ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups_and_titles(keys: &[&str]) -> Vec<String> {
        assign(keys)
            .into_iter()
            .map(|m| format!("{} | {}", m.group.unwrap_or_else(|| "-".into()), m.title))
            .collect()
    }

    #[test]
    fn groups_stories_under_the_epic_listed_above_them() {
        let keys = [
            "epic-7",
            "7-5-fuzzy-matching",
            "epic-7-retrospective",
            "epic-7-5",
            "7-5-1-signal-routing",
            "epic-7-5-retrospective",
        ];
        assert_eq!(
            groups_and_titles(&keys),
            [
                "Epic 7 | Epic 7",
                "Epic 7 | Story 7.5: fuzzy matching",
                "Epic 7 | Epic 7 retrospective",
                "Epic 7.5 | Epic 7.5",
                "Epic 7.5 | Story 7.5.1: signal routing",
                "Epic 7.5 | Epic 7.5 retrospective",
            ]
        );
    }

    #[test]
    fn finds_the_epic_of_stories_listed_elsewhere_or_without_an_epic_line() {
        let keys = [
            "epic-8",
            "epic-9",
            "8-1-habits",
            "9-2-adapter",
            "4-1-export",
            "epic-3a",
            "3a-1-symmetry",
        ];
        assert_eq!(
            groups_and_titles(&keys),
            [
                "Epic 8 | Epic 8",
                "Epic 9 | Epic 9",
                "Epic 8 | Story 8.1: habits",
                "Epic 9 | Story 9.2: adapter",
                "Epic 4 | Story 4.1: export",
                "Epic 3a | Epic 3a",
                "Epic 3a | Story 3a.1: symmetry",
            ]
        );
    }

    #[test]
    fn reads_sprints_and_keys_of_other_shapes() {
        let keys =
            ["sprint-0", "0-1-test-stories", "sprint-0-retrospective", "standalone-refactor"];
        assert_eq!(
            groups_and_titles(&keys),
            [
                "Sprint 0 | Sprint 0",
                "Sprint 0 | Story 0.1: test stories",
                "Sprint 0 | Sprint 0 retrospective",
                "- | standalone refactor",
            ]
        );
    }

    #[test]
    fn tells_work_item_keys() {
        for key in ["epic-1", "epic-0-5", "epic-12-retrospective", "3-1-cart", "10-12-x"] {
            assert!(is_work_item_key(key), "{key}");
        }
        for key in ["epic-", "epic-auth", "frontend", "3-cart", "v1-2-3", "epic-1 done", "1-2-"] {
            assert!(!is_work_item_key(key), "{key}");
        }
    }
}
