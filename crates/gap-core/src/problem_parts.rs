//! The parts of a validation [`Problem`] as plain fields, for faces that show
//! problems as structured data (the Python `CatalogError.problems`): a short
//! `kind`, the `place` in the document, the `id` concerned and the `message`
//! without the place. `"{place}: {message}"` (or the message alone when the
//! place is empty) is the problem's `Display` text.

use crate::error::Problem;

impl Problem {
    /// A short name of the kind of problem, e.g. `"unknown_skill"`, `"cycle"`.
    pub fn kind(&self) -> &'static str {
        match self {
            Problem::Format { .. } => "format",
            Problem::BadId { .. } => "bad_id",
            Problem::BadAlias { .. } => "bad_alias",
            Problem::DuplicateSkill { .. } => "duplicate_skill",
            Problem::DuplicateRole { .. } => "duplicate_role",
            Problem::BadReference { .. } => "bad_reference",
            Problem::UnknownSkill { .. } => "unknown_skill",
            Problem::LevelOutOfRange { .. } => "level_out_of_range",
            Problem::BadHours { .. } => "bad_hours",
            Problem::BadLevelKey { .. } => "bad_level_key",
            Problem::BadGroup { .. } => "bad_group",
            Problem::DuplicateEntry { .. } => "duplicate_entry",
            Problem::BadDiscount { .. } => "bad_discount",
            Problem::Cycle { .. } => "cycle",
        }
    }

    /// Where in the document, e.g. `skills[3] (pytorch).requires[1]`;
    /// `"format"` for the format field, empty for a cycle (which has no one
    /// place).
    pub fn place(&self) -> &str {
        match self {
            Problem::Format { .. } => "format",
            Problem::BadId { at, .. }
            | Problem::DuplicateSkill { at, .. }
            | Problem::DuplicateRole { at, .. }
            | Problem::BadReference { at, .. }
            | Problem::UnknownSkill { at, .. }
            | Problem::LevelOutOfRange { at, .. }
            | Problem::BadHours { at, .. }
            | Problem::BadLevelKey { at, .. }
            | Problem::BadGroup { at, .. }
            | Problem::DuplicateEntry { at, .. }
            | Problem::BadDiscount { at, .. }
            | Problem::BadAlias { at, .. } => at,
            Problem::Cycle { .. } => "",
        }
    }

    /// The skill or role id the problem is about, when there is one: the bad
    /// or duplicate id, the unknown skill, the skill whose level, hours or
    /// level key is wrong.
    pub fn id(&self) -> Option<&str> {
        match self {
            Problem::BadId { id, .. }
            | Problem::DuplicateSkill { id, .. }
            | Problem::DuplicateRole { id, .. }
            | Problem::UnknownSkill { id, .. } => Some(id),
            Problem::LevelOutOfRange { skill, .. }
            | Problem::BadHours { skill, .. }
            | Problem::BadLevelKey { skill, .. }
            | Problem::BadAlias { skill, .. } => Some(skill),
            _ => None,
        }
    }

    /// What is wrong, without the place.
    pub fn message(&self) -> String {
        let text = self.to_string();
        let place = self.place();
        if place.is_empty() {
            return text;
        }
        match text.strip_prefix(place).and_then(|t| t.strip_prefix(": ")) {
            Some(rest) => rest.to_string(),
            None => text,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::error::Problem;

    fn joined(p: &Problem) -> String {
        if p.place().is_empty() {
            p.message()
        } else {
            format!("{}: {}", p.place(), p.message())
        }
    }

    #[test]
    fn parts_rebuild_the_text() {
        let at = || "skills[3] (pytorch).requires[1]".to_string();
        let all = vec![
            Problem::Format { found: "x".into() },
            Problem::BadId {
                id: "A".into(),
                at: at(),
            },
            Problem::DuplicateSkill {
                id: "a".into(),
                at: at(),
                first: "skills[0]".into(),
            },
            Problem::DuplicateRole {
                id: "r".into(),
                at: at(),
                first: "roles[0]".into(),
            },
            Problem::BadReference {
                reference: "a@0".into(),
                at: at(),
                reason: "level 0".into(),
            },
            Problem::UnknownSkill {
                id: "nope".into(),
                at: at(),
            },
            Problem::BadAlias {
                skill: "python".into(),
                at: at(),
            },
            Problem::LevelOutOfRange {
                reference: "a@3".into(),
                skill: "a".into(),
                level: 3,
                max: 2,
                at: at(),
            },
            Problem::BadHours {
                skill: "a".into(),
                at: at(),
                reason: "negative".into(),
            },
            Problem::BadLevelKey {
                skill: "a".into(),
                key: "1".into(),
                at: at(),
                reason: "r".into(),
            },
            Problem::BadGroup {
                at: at(),
                reason: "empty".into(),
            },
            Problem::DuplicateEntry {
                entry: "a".into(),
                at: at(),
                first: "x".into(),
            },
            Problem::BadDiscount {
                discount: 2.0,
                at: at(),
            },
            Problem::Cycle {
                cycle: vec!["a".into(), "b".into()],
            },
        ];
        for p in &all {
            assert_eq!(joined(p), p.to_string(), "{p:?}");
            assert!(!p.message().is_empty());
        }
        assert_eq!(all[5].id(), Some("nope"));
        assert_eq!(all[5].place(), at());
        assert_eq!(all[5].message(), "unknown skill `nope`");
        assert_eq!(all[5].kind(), "unknown_skill");
        assert_eq!(all[12].id(), None);
        assert_eq!(
            all[0].message(),
            "unsupported format `x` (expected `skillgap/1`)"
        );
    }
}
