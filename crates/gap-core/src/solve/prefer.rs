//! Preferences among alternatives (`PathOptions::prefer`): which members of
//! an `any_of` group a path may choose, and the rewriting of a target's
//! essential groups that have fewer preferred members than they need. The
//! solver itself is unchanged: preferences only restrict the problem it is
//! given (the members [`Ctx::choosable`] lets the local problem see).

use std::borrow::Cow;

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::model::{Need, Requirement, Role};

use super::Ctx;

/// Resolves preferred skill ids to a per-skill flag (empty when nothing is
/// preferred). An unknown id is an [`Error::UnknownSkill`]; an id that is
/// also avoided is an [`Error::InvalidArgument`].
pub(crate) fn resolve_prefer(
    cat: &Catalog,
    prefer: &[String],
    avoid: &[String],
) -> Result<Vec<bool>> {
    if prefer.is_empty() {
        return Ok(Vec::new());
    }
    let mut flags = vec![false; cat.skills().len()];
    for id in prefer {
        if avoid.contains(id) {
            return Err(Error::InvalidArgument(format!(
                "skill `{id}` is both preferred and avoided"
            )));
        }
        flags[cat.skill_index(id)?.ix()] = true;
    }
    Ok(flags)
}

impl Ctx<'_> {
    /// Whether skill `s` of a member is preferred.
    fn preferred(&self, m: &Need) -> bool {
        self.prefer.get(m.skill.ix()).copied().unwrap_or(false)
    }

    /// The members of `req` a path may learn to meet it: all of them, or,
    /// when the group is unmet at the start and enough of its unknown
    /// members are preferred to meet it, only the preferred ones (members
    /// known at the start are kept: they count towards the group).
    pub(crate) fn choosable<'s, 'r: 's>(
        &'s self,
        req: &'r Requirement,
    ) -> impl Iterator<Item = &'r Need> + 's {
        let restrict = match req {
            Requirement::AnyOf { members, count } if !self.prefer.is_empty() => {
                let known = members
                    .iter()
                    .filter(|m| m.satisfied_by(self.start))
                    .count() as u32;
                let preferred = members
                    .iter()
                    .filter(|m| !m.satisfied_by(self.start) && self.preferred(m))
                    .count() as u32;
                known < *count && preferred >= count - known
            }
            _ => false,
        };
        req.members()
            .iter()
            .filter(move |m| !restrict || self.preferred(m) || m.satisfied_by(self.start))
    }
}

/// A target role with its essential groups rewritten for preferences: a
/// group unmet at the start that needs more members than it has unknown
/// preferred ones becomes those preferred members as plain entries plus a
/// group of the other members for the rest. Other roles are returned as
/// they are (borrowed).
pub(crate) fn split_entries<'r>(
    role: Cow<'r, Role>,
    start: &[u32],
    prefer: &[bool],
) -> Cow<'r, Role> {
    if prefer.is_empty() {
        return role;
    }
    let is_pref = |m: &Need| prefer.get(m.skill.ix()).copied().unwrap_or(false);
    let splits_group = |members: &[Need], count: u32| {
        let known = members.iter().filter(|m| m.satisfied_by(start)).count() as u32;
        let preferred = members
            .iter()
            .filter(|m| !m.satisfied_by(start) && is_pref(m))
            .count() as u32;
        known < count && preferred > 0 && preferred < count - known
    };
    let splits = |req: &Requirement| match req {
        Requirement::AnyOf { members, count } => splits_group(members, *count),
        Requirement::Skill(_) => false,
    };
    if !role.requires.iter().any(splits) {
        return role;
    }
    let mut out = role.into_owned();
    let mut requires = Vec::with_capacity(out.requires.len() + 2);
    for req in std::mem::take(&mut out.requires) {
        match req {
            Requirement::AnyOf { members, count } if splits_group(&members, count) => {
                let (pref, rest): (Vec<Need>, Vec<Need>) = members
                    .into_iter()
                    .partition(|m| !m.satisfied_by(start) && is_pref(m));
                let left = count - pref.len() as u32;
                requires.extend(pref.into_iter().map(Requirement::Skill));
                requires.push(Requirement::AnyOf {
                    members: rest,
                    count: left,
                });
            }
            other => requires.push(other),
        }
    }
    out.requires = requires;
    Cow::Owned(out)
}
