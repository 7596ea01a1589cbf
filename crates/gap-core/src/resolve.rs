//! What a person calls a skill, resolved to the catalog's ids when a profile
//! meets a catalog: [`Catalog::profile`] and [`Catalog::resolve_skill`]. A
//! profile itself ([`Profile`]) holds ids only and is checked, not
//! resolved, by the queries: resolution is asked for, and its mapping is
//! reported ([`Profile::resolved`]), so a name never silently becomes an id.

use std::collections::BTreeMap;

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::profile::Profile;

impl Catalog {
    /// The id of the skill that `name` stands for: the id itself; else the
    /// skill whose id, name or an alias equals `name` case-insensitively
    /// (each character through its simple lowercase mapping, surrounding
    /// whitespace ignored), an id before names and aliases.
    ///
    /// # Errors
    /// [`Error::UnknownSkill`] (with suggestions) when nothing has that
    /// name; [`Error::SkillName`] naming the candidates when several
    /// skills share it.
    ///
    /// ```
    /// let cat = gap_core::Catalog::default();
    /// assert_eq!(cat.resolve_skill("sklearn")?, "scikit-learn");
    /// assert_eq!(cat.resolve_skill(" Python ")?, "python");
    /// assert!(cat.resolve_skill("no such skill").is_err());
    /// # Ok::<(), gap_core::Error>(())
    /// ```
    pub fn resolve_skill(&self, name: &str) -> Result<&str> {
        if let Ok(ix) = self.skill_index(name) {
            return Ok(self.skill_id(ix));
        }
        let found = self.skills_named(name);
        let skills = self.skills();
        // An id (in another case) wins over names and aliases.
        if let Some(&e) = found
            .iter()
            .find(|&&e| crate::find::folds_to(&skills[e as usize].id, name))
        {
            return Ok(&skills[e as usize].id);
        }
        match found {
            [] => Err(self
                .skill_index(name)
                .err()
                .unwrap_or_else(|| Error::UnknownSkill {
                    id: name.to_string(),
                    suggestions: Vec::new(),
                })),
            [e] => Ok(&skills[*e as usize].id),
            many => Err(Error::SkillName {
                name: name.to_string(),
                candidates: many
                    .iter()
                    .map(|&e| skills[e as usize].id.clone())
                    .collect(),
            }),
        }
    }

    /// A profile from what a person calls their skills: each key an id, a
    /// name or an alias, in any case ([`Catalog::resolve_skill`]), with its
    /// level (0 = unknown). The same skill under two names keeps the higher
    /// level. The profile is checked against the catalog (levels in range)
    /// and reports the names it mapped in [`Profile::resolved`].
    ///
    /// # Errors
    /// [`Error::UnknownSkill`] or [`Error::SkillName`] (ambiguous) for a
    /// name that is not one skill; [`Error::Profile`] for a level out of range.
    ///
    /// ```
    /// let cat = gap_core::Catalog::default();
    /// let me = cat.profile([("sklearn", 1), ("Python", 2), ("sql", 1)])?;
    /// assert_eq!((me.level("scikit-learn"), me.level("python")), (1, 2));
    /// assert_eq!(me.resolved()["sklearn"], "scikit-learn");
    /// assert!(!me.resolved().contains_key("sql"));
    /// # Ok::<(), gap_core::Error>(())
    /// ```
    pub fn profile<I, S>(&self, levels: I) -> Result<Profile>
    where
        I: IntoIterator<Item = (S, i64)>,
        S: AsRef<str>,
    {
        let mut pairs: BTreeMap<String, i64> = BTreeMap::new();
        let mut resolved = BTreeMap::new();
        for (name, level) in levels {
            let name = name.as_ref();
            let id = self.resolve_skill(name)?;
            if id != name {
                resolved.insert(name.to_string(), id.to_string());
            }
            let l = pairs.entry(id.to_string()).or_insert(level);
            *l = (*l).max(level);
        }
        let mut p = Profile::from_signed(pairs)?;
        self.resolve_profile(&p)?;
        p.set_resolved(resolved);
        Ok(p)
    }

    /// The index of a profile's skill id; a name or alias given instead of
    /// an id is [`Error::SkillName`], which says to use the id or
    /// [`Catalog::profile`].
    pub(crate) fn profile_skill_index(&self, id: &str) -> Result<crate::SkillIx> {
        self.skill_index(id).map_err(|e| {
            let found = self.skills_named(id);
            if found.is_empty() {
                return e;
            }
            Error::SkillName {
                name: id.to_string(),
                candidates: found
                    .iter()
                    .map(|&s| self.skills()[s as usize].id.clone())
                    .collect(),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::{Catalog, Error, PathOptions, Profile, Target};

    fn cat() -> Catalog {
        Catalog::from_json(
            r#"{"skills": [
                {"id": "scikit-learn", "name": "scikit-learn", "hours": 20, "aliases": ["sklearn", "ML"]},
                {"id": "ml", "name": "Machine learning", "hours": [10, 20]},
                {"id": "mlops", "name": "MLOps", "hours": 5, "aliases": ["ops"]},
                {"id": "devops", "name": "DevOps", "hours": 5, "aliases": ["Ops"]},
                {"id": "strasse", "name": "Straße", "hours": 1}],
              "roles": [{"id": "r", "name": "R", "requires": ["scikit-learn", "ml@2"]}]}"#,
        )
        .expect("catalog")
    }

    #[test]
    fn names_aliases_and_case_resolve_to_ids() {
        let cat = cat();
        for (name, id) in [
            ("scikit-learn", "scikit-learn"),
            ("sklearn", "scikit-learn"),
            ("SKLearn", "scikit-learn"),
            ("  sklearn ", "scikit-learn"),
            ("Machine Learning", "ml"),
            ("MLOPS", "mlops"),
            ("STRAßE", "strasse"),
        ] {
            assert_eq!(cat.resolve_skill(name).ok(), Some(id), "{name}");
        }
        // An id (in any case) wins over another skill's alias: `ML` is an
        // alias of scikit-learn and the id of ml.
        assert_eq!(cat.resolve_skill("ML").ok(), Some("ml"));
        // A name two skills share is ambiguous, naming both.
        match cat.resolve_skill("OPS") {
            Err(Error::SkillName { name, candidates }) => {
                assert_eq!(name, "OPS");
                assert_eq!(candidates, ["mlops", "devops"]);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            cat.resolve_skill("sklern"),
            Err(Error::UnknownSkill { ref suggestions, .. }) if suggestions.contains(&"scikit-learn".to_string())
        ));
    }

    #[test]
    fn profile_reports_what_it_resolved() {
        let cat = cat();
        let p = cat
            .profile([
                ("sklearn", 1),
                ("scikit-learn", 0),
                ("Machine learning", 2),
                ("ml", 1),
            ])
            .expect("profile");
        assert_eq!(
            p,
            Profile::from_refs(["scikit-learn", "ml@2"]).expect("refs")
        );
        let resolved: Vec<(&str, &str)> = p
            .resolved()
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            resolved,
            [("Machine learning", "ml"), ("sklearn", "scikit-learn")]
        );
        // Checked against the catalog now: a level out of range, a negative
        // level, an unknown or ambiguous name.
        assert!(matches!(
            cat.profile([("sklearn", 2)]),
            Err(Error::Profile { .. })
        ));
        assert!(matches!(
            cat.profile([("sklearn", -1)]),
            Err(Error::Profile { .. })
        ));
        assert!(matches!(
            cat.profile([("nope", 0)]),
            Err(Error::UnknownSkill { .. })
        ));
        assert!(matches!(
            cat.profile([("ops", 1)]),
            Err(Error::SkillName { .. })
        ));
        // A profile made otherwise reports nothing.
        assert!(
            Profile::from_refs(["ml"])
                .expect("refs")
                .resolved()
                .is_empty()
        );
    }

    #[test]
    fn a_query_given_a_name_points_to_profile() {
        let cat = cat();
        let p = Profile::from_refs(["sklearn"]).expect("refs");
        let e = cat
            .learning_path(&p, &[Target::from("r")], &PathOptions::default())
            .expect_err("a name is not an id");
        assert!(
            matches!(&e, Error::SkillName { name, candidates } if name == "sklearn" && candidates == &["scikit-learn"]),
            "{e:?}"
        );
        let text = e.to_string();
        assert!(
            text.contains("`scikit-learn`") && text.contains("profile(...)"),
            "{text}"
        );
        // Resolved first, the same query works.
        let p = cat.profile([("sklearn", 1)]).expect("profile");
        let path = cat
            .learning_path(&p, &[Target::from("r")], &PathOptions::default())
            .expect("path");
        assert!(path.steps.iter().all(|s| s.skill == "ml"));
    }
}
