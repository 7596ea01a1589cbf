//! Validation: turns a [`CatalogDef`] into the compiled parts of a
//! [`Catalog`](crate::Catalog), collecting every problem rather than stopping at
//! the first. Cycle detection lives in [`crate::graph`].

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fmt;

use crate::error::Problem;
use crate::format::{CatalogDef, FORMAT, GroupDef, ReqDef};
use crate::model::{Need, Requirement, Role, RoleIx, Skill, SkillIx, Transfer};
use crate::reference::{is_valid_id, parse_reference};

/// The compiled parts, before the step graph is built.
pub(crate) struct Compiled {
    pub skills: Vec<Skill>,
    pub roles: Vec<Role>,
    pub transfers: Vec<Transfer>,
    pub skill_ix: HashMap<String, SkillIx>,
    pub role_ix: HashMap<String, RoleIx>,
}

/// The most hours a whole catalog may add up to, so that every cost, lower
/// bound and schedule computed from it is a finite number.
pub(crate) const MAX_TOTAL_HOURS: f64 = 1e300;

fn skill_at(i: usize, id: &str) -> String {
    format!("skills[{i}] ({id})")
}

fn role_at(i: usize, id: &str) -> String {
    format!("roles[{i}] ({id})")
}

/// Where an entry sits in the document (`skills[3] (x).requires[1].any_of[0]`).
/// Rendered as text only when a problem is reported, so a valid catalog
/// builds no location string per entry.
#[derive(Clone, Copy)]
struct At<'a> {
    /// The list or field, e.g. `skills[3] (x).requires` or `transfers[0].from`.
    base: &'a str,
    /// The position in the list.
    entry: Option<usize>,
    /// The position among a group's members.
    member: Option<usize>,
}

impl<'a> At<'a> {
    fn field(base: &'a str) -> Self {
        At {
            base,
            entry: None,
            member: None,
        }
    }
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.base)?;
        if let Some(j) = self.entry {
            write!(f, "[{j}]")?;
        }
        if let Some(k) = self.member {
            write!(f, ".any_of[{k}]")?;
        }
        Ok(())
    }
}

/// A requirement entry as written, borrowed: from a `requires` list or an
/// `optional` reference.
#[derive(Clone, Copy)]
enum ReqView<'a> {
    Ref(&'a str),
    Group(&'a GroupDef),
}

impl<'a> From<&'a ReqDef> for ReqView<'a> {
    fn from(r: &'a ReqDef) -> Self {
        match r {
            ReqDef::Ref(t) => ReqView::Ref(t),
            ReqDef::Group(g) => ReqView::Group(g),
        }
    }
}

impl ReqView<'_> {
    /// The entry as written (as [`ReqDef`]'s `Display`).
    fn text(self) -> String {
        match self {
            ReqView::Ref(t) => t.to_string(),
            ReqView::Group(g) => ReqDef::Group(g.clone()).to_string(),
        }
    }
}

/// What makes two entries of one list the same: the same reference, or groups
/// with the same members (in any order; members are distinct) and count.
#[derive(PartialEq, Eq, Hash)]
enum EntryKey {
    Skill(Need),
    Group(Vec<Need>, u32),
}

impl EntryKey {
    fn of(r: &Requirement) -> Self {
        match r {
            Requirement::Skill(n) => EntryKey::Skill(*n),
            Requirement::AnyOf { members, count } => {
                let mut m = members.clone();
                m.sort_unstable();
                EntryKey::Group(m, *count)
            }
        }
    }
}

/// The entries met so far in one skill level's or one role's lists, with where
/// each was first seen (list number in `lists`, position), so that the same
/// entry twice is found in O(1) and reported with both places.
#[derive(Default)]
struct Seen {
    first: HashMap<EntryKey, (usize, usize)>,
    lists: Vec<String>,
}

struct Resolver<'a> {
    skill_ix: &'a HashMap<String, SkillIx>,
    levels: &'a [u32],
    problems: &'a mut Vec<Problem>,
}

impl Resolver<'_> {
    fn reference(&mut self, text: &str, at: At<'_>) -> Option<Need> {
        let r = match parse_reference(text) {
            Ok(r) => r,
            Err(reason) => {
                self.problems.push(Problem::BadReference {
                    reference: text.to_string(),
                    at: at.to_string(),
                    reason,
                });
                return None;
            }
        };
        let Some(&skill) = self.skill_ix.get(r.id) else {
            self.problems.push(Problem::UnknownSkill {
                id: r.id.to_string(),
                at: at.to_string(),
            });
            return None;
        };
        let max = self.levels[skill.ix()];
        if r.level > max {
            self.problems.push(Problem::LevelOutOfRange {
                reference: text.to_string(),
                skill: r.id.to_string(),
                level: r.level,
                max,
                at: at.to_string(),
            });
            return None;
        }
        Some(Need {
            skill,
            level: r.level,
        })
    }

    fn requirement(&mut self, req: ReqView<'_>, at: At<'_>) -> Option<Requirement> {
        match req {
            ReqView::Ref(text) => self.reference(text, at).map(Requirement::Skill),
            ReqView::Group(g) => {
                let n = g.any_of.len();
                let mut ok = true;
                if n == 0 {
                    self.problems.push(Problem::BadGroup {
                        at: at.to_string(),
                        reason: "any_of has no members".into(),
                    });
                    ok = false;
                } else if g.count < 1 || g.count > n as i64 {
                    self.problems.push(Problem::BadGroup {
                        at: at.to_string(),
                        reason: format!("count {} is outside 1..={n}", g.count),
                    });
                    ok = false;
                }
                let mut members = Vec::with_capacity(n);
                let mut seen: HashMap<Need, usize> = HashMap::new();
                for (j, m) in g.any_of.iter().enumerate() {
                    let m_at = At {
                        member: Some(j),
                        ..at
                    };
                    match self.reference(m, m_at) {
                        Some(need) => {
                            if let Some(&first) = seen.get(&need) {
                                self.problems.push(Problem::DuplicateEntry {
                                    entry: m.clone(),
                                    at: m_at.to_string(),
                                    first: At {
                                        member: Some(first),
                                        ..at
                                    }
                                    .to_string(),
                                });
                                ok = false;
                            } else {
                                seen.insert(need, j);
                                members.push(need);
                            }
                        }
                        None => ok = false,
                    }
                }
                ok.then_some(Requirement::AnyOf {
                    members,
                    count: g.count as u32,
                })
            }
        }
    }

    /// Resolves a list (`base` names it, e.g. `skills[3] (x).requires`),
    /// flagging an entry already in `seen` (this list or an earlier one).
    fn list<'r>(
        &mut self,
        reqs: impl ExactSizeIterator<Item = ReqView<'r>>,
        base: &str,
        seen: &mut Seen,
    ) -> Vec<Requirement> {
        let list_no = seen.lists.len();
        seen.lists.push(base.to_string());
        let mut out = Vec::with_capacity(reqs.len());
        for (j, req) in reqs.enumerate() {
            let at = At {
                entry: Some(j),
                ..At::field(base)
            };
            if let Some(r) = self.requirement(req, at) {
                match seen.first.entry(EntryKey::of(&r)) {
                    Entry::Occupied(o) => {
                        let (l, k) = *o.get();
                        self.problems.push(Problem::DuplicateEntry {
                            entry: req.text(),
                            at: at.to_string(),
                            first: format!("{}[{k}]", seen.lists[l]),
                        });
                    }
                    Entry::Vacant(v) => {
                        v.insert((list_no, j));
                        out.push(r);
                    }
                }
            }
        }
        out
    }
}

fn check_hours(i: usize, id: &str, hours: &[f64], problems: &mut Vec<Problem>) {
    // Built only when there is a problem to report.
    let at = || format!("{}.hours", skill_at(i, id));
    if hours.is_empty() {
        problems.push(Problem::BadHours {
            skill: id.to_string(),
            at: at(),
            reason: "the list is empty (a skill has at least one level)".into(),
        });
        return;
    }
    for (j, &h) in hours.iter().enumerate() {
        let reason = if h.is_nan() {
            "NaN"
        } else if h.is_infinite() {
            "infinite"
        } else if h < 0.0 {
            "negative"
        } else {
            continue;
        };
        problems.push(Problem::BadHours {
            skill: id.to_string(),
            at: if hours.len() == 1 {
                at()
            } else {
                format!("{}[{j}]", at())
            },
            reason: format!("{h} is {reason} (hours are finite and >= 0)"),
        });
    }
}

/// Checks and compiles everything but the step graph.
pub(crate) fn compile(def: &CatalogDef, problems: &mut Vec<Problem>) -> Compiled {
    if def.format != FORMAT {
        problems.push(Problem::Format {
            found: def.format.clone(),
        });
    }
    // Skills: ids, duplicates, hours.
    let mut skill_ix: HashMap<String, SkillIx> = HashMap::with_capacity(def.skills.len());
    let mut first_at: HashMap<&str, usize> = HashMap::new();
    let mut kept: Vec<usize> = Vec::with_capacity(def.skills.len());
    for (i, s) in def.skills.iter().enumerate() {
        if !is_valid_id(&s.id) {
            problems.push(Problem::BadId {
                id: s.id.clone(),
                at: skill_at(i, &s.id),
            });
            continue;
        }
        check_hours(i, &s.id, s.hours.as_slice(), problems);
        for j in (0..s.aliases.len()).filter(|&j| s.aliases[j].trim().is_empty()) {
            let (skill, at) = (s.id.clone(), format!("{}.aliases[{j}]", skill_at(i, &s.id)));
            problems.push(Problem::BadAlias { skill, at });
        }
        if let Some(&f) = first_at.get(s.id.as_str()) {
            problems.push(Problem::DuplicateSkill {
                id: s.id.clone(),
                at: skill_at(i, &s.id),
                first: skill_at(f, &s.id),
            });
            continue;
        }
        first_at.insert(&s.id, i);
        skill_ix.insert(s.id.clone(), SkillIx(kept.len() as u32));
        kept.push(i);
    }
    let levels: Vec<u32> = kept
        .iter()
        .map(|&i| def.skills[i].hours.as_slice().len().max(1) as u32)
        .collect();

    let mut skills = Vec::with_capacity(kept.len());
    for &i in &kept {
        let s = &def.skills[i];
        let at = skill_at(i, &s.id);
        let n_levels = levels[skills.len()];
        let mut res = Resolver {
            skill_ix: &skill_ix,
            levels: &levels,
            problems,
        };
        let mut level_reqs = vec![Vec::new(); n_levels as usize];
        let mut seen = Seen::default();
        level_reqs[0] = res.list(
            s.requires.iter().map(ReqView::from),
            &format!("{at}.requires"),
            &mut seen,
        );
        // The key that gave each level (" 2" and "2" name the same level).
        let mut key_of_level: HashMap<u32, &str> = HashMap::new();
        for (key, reqs) in &s.level_requires {
            let key_at = format!("{at}.level_requires.\"{key}\"");
            let level = match crate::reference::parse_level(key) {
                Ok(l) if (2..=n_levels).contains(&l) => {
                    if let Some(other) = key_of_level.insert(l, key) {
                        res.problems.push(Problem::BadLevelKey {
                            skill: s.id.clone(),
                            key: key.clone(),
                            at: key_at,
                            reason: format!("level {l} is also given by key \"{other}\""),
                        });
                        continue;
                    }
                    l
                }
                Ok(1) => {
                    res.problems.push(Problem::BadLevelKey {
                        skill: s.id.clone(),
                        key: key.clone(),
                        at: key_at,
                        reason: "level 1 requirements go in `requires`".into(),
                    });
                    continue;
                }
                Ok(_) => {
                    res.problems.push(Problem::BadLevelKey {
                        skill: s.id.clone(),
                        key: key.clone(),
                        at: key_at,
                        reason: format!("keys are levels from 2 to {n_levels}"),
                    });
                    continue;
                }
                Err(e) => {
                    res.problems.push(Problem::BadLevelKey {
                        skill: s.id.clone(),
                        key: key.clone(),
                        at: key_at,
                        reason: format!("{e}; keys are levels from 2 to {n_levels}"),
                    });
                    continue;
                }
            };
            let mut seen = Seen::default();
            level_reqs[level as usize - 1] =
                res.list(reqs.iter().map(ReqView::from), &key_at, &mut seen);
        }
        let hours = match s.hours.as_slice() {
            [] => vec![0.0],
            h => h.to_vec(),
        };
        skills.push(Skill {
            id: s.id.clone(),
            name: s.name.clone(),
            category: s.category.clone(),
            description: s.description.clone(),
            source: s.source.clone(),
            aliases: s.aliases.clone(),
            resources: s.resources.clone(),
            hours,
            level_reqs,
        });
    }

    // Every cost (a sum of distinct steps' hours) must stay a finite number.
    let mut total = 0.0f64;
    for (k, &i) in kept.iter().enumerate() {
        // Bad hours are reported by `check_hours`; only valid ones count here.
        total += skills[k]
            .hours
            .iter()
            .filter(|h| h.is_finite() && **h >= 0.0)
            .sum::<f64>();
        if total > MAX_TOTAL_HOURS {
            problems.push(Problem::BadHours {
                skill: def.skills[i].id.clone(),
                at: format!("{}.hours", skill_at(i, &def.skills[i].id)),
                reason: format!(
                    "the catalog's hours add up to more than {MAX_TOTAL_HOURS:e} \
                     (costs would overflow)"
                ),
            });
            break;
        }
    }

    // Roles.
    let mut role_ix: HashMap<String, RoleIx> = HashMap::with_capacity(def.roles.len());
    let mut role_first: HashMap<&str, usize> = HashMap::new();
    let mut roles = Vec::with_capacity(def.roles.len());
    for (i, r) in def.roles.iter().enumerate() {
        let at = role_at(i, &r.id);
        if !is_valid_id(&r.id) {
            problems.push(Problem::BadId {
                id: r.id.clone(),
                at,
            });
            continue;
        }
        if let Some(&f) = role_first.get(r.id.as_str()) {
            problems.push(Problem::DuplicateRole {
                id: r.id.clone(),
                at,
                first: role_at(f, &r.id),
            });
            continue;
        }
        role_first.insert(&r.id, i);
        let role = compile_role(r, &at, &skill_ix, &levels, problems);
        role_ix.insert(r.id.clone(), RoleIx(roles.len() as u32));
        roles.push(role);
    }

    // Transfers.
    let mut transfers = Vec::with_capacity(def.transfers.len());
    for (i, t) in def.transfers.iter().enumerate() {
        let at = format!("transfers[{i}]");
        let mut res = Resolver {
            skill_ix: &skill_ix,
            levels: &levels,
            problems,
        };
        let from_at = format!("{at}.from");
        let from = res.reference(&t.from, At::field(&from_at));
        let to = match parse_reference(&t.to) {
            Ok(r) if r.level == 1 && !t.to.contains('@') => match skill_ix.get(r.id) {
                Some(&s) => Some(s),
                None => {
                    problems.push(Problem::UnknownSkill {
                        id: r.id.to_string(),
                        at: format!("{at}.to"),
                    });
                    None
                }
            },
            Ok(_) => {
                problems.push(Problem::BadReference {
                    reference: t.to.clone(),
                    at: format!("{at}.to"),
                    reason: "`to` is a skill id, without a level".into(),
                });
                None
            }
            Err(reason) => {
                problems.push(Problem::BadReference {
                    reference: t.to.clone(),
                    at: format!("{at}.to"),
                    reason,
                });
                None
            }
        };
        let ok_discount = (0.0..=1.0).contains(&t.discount);
        if !ok_discount {
            problems.push(Problem::BadDiscount {
                discount: t.discount,
                at: format!("{at}.discount"),
            });
        }
        if let (Some(from), Some(to), true) = (from, to, ok_discount) {
            transfers.push(Transfer {
                from,
                to,
                discount: t.discount,
            });
        }
    }

    Compiled {
        skills,
        roles,
        transfers,
        skill_ix,
        role_ix,
    }
}

/// Resolves one role definition against the skills (`levels[i]` = number of
/// levels of skill i); problems are pushed, the role keeps what resolved.
pub(crate) fn compile_role(
    r: &crate::format::RoleDef,
    at: &str,
    skill_ix: &HashMap<String, SkillIx>,
    levels: &[u32],
    problems: &mut Vec<Problem>,
) -> Role {
    let mut res = Resolver {
        skill_ix,
        levels,
        problems,
    };
    let mut seen = Seen::default();
    let requires = res.list(
        r.requires.iter().map(ReqView::from),
        &format!("{at}.requires"),
        &mut seen,
    );
    let optional = res
        .list(
            r.optional.iter().map(|o| ReqView::Ref(o)),
            &format!("{at}.optional"),
            &mut seen,
        )
        .into_iter()
        .filter_map(|req| match req {
            Requirement::Skill(n) => Some(n),
            Requirement::AnyOf { .. } => None,
        })
        .collect();
    Role {
        id: r.id.clone(),
        name: r.name.clone(),
        family: r.family.clone(),
        description: r.description.clone(),
        source: r.source.clone(),
        requires,
        optional,
    }
}

/// Writes compiled parts back to a definition (the inverse of [`compile`]).
pub(crate) fn decompile(
    name: &str,
    skills: &[Skill],
    roles: &[Role],
    transfers: &[Transfer],
) -> CatalogDef {
    use crate::decompile::{need_text, role_def, skill_def};
    use crate::format::TransferDef;
    CatalogDef {
        format: FORMAT.to_string(),
        name: name.to_string(),
        skills: skills.iter().map(|s| skill_def(skills, s)).collect(),
        roles: roles.iter().map(|r| role_def(skills, r)).collect(),
        transfers: transfers
            .iter()
            .map(|t| TransferDef {
                from: need_text(skills, &t.from),
                to: skills[t.to.ix()].id.clone(),
                discount: t.discount,
            })
            .collect(),
    }
}
