//! Shared by the hostile-input tests (`tests/hostile_*.rs`; SPEC 5: "never a
//! panic, an abort or a hang on any input"): every public entry point of
//! gap-core fed malformed, absurd or huge input must return `Ok` or a clear
//! `Err` (an error that names where the problem is when there is a place to
//! name) and never panic, hang or overflow the stack. These helpers load
//! catalog text and insist on located errors, build small catalogs, and run
//! every query on a catalog that loaded, checking that the answers hold
//! together. Each case is bounded (sizes are fixed), so every file runs in
//! seconds in a debug build.

use gap_core::format::{CatalogDef, GroupDef, Hours, ReqDef, RoleDef, SkillDef};
use gap_core::{Catalog, Error, LearningPath, Mode, Order, PathOptions, Profile, Target};
use serde_json::{Value, json};

/// The stack of the threads that run the big graphs: small enough that a
/// recursion over 200,000 nodes cannot fit.
pub const SMALL_STACK: usize = 256 * 1024;

/// Runs `f` on a new thread with a stack of `bytes`, re-raising its panic.
pub fn on_stack<T: Send + 'static>(bytes: usize, f: impl FnOnce() -> T + Send + 'static) -> T {
    let handle = std::thread::Builder::new()
        .stack_size(bytes)
        .spawn(f)
        .expect("spawn a test thread");
    match handle.join() {
        Ok(v) => v,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// Asserts that an error from loading catalog text is a catalog error that
/// says where the problem is: a line, a path inside the document, a place in
/// the catalog (`skills[3] (x).requires[1]`), or the file.
pub fn assert_located(err: &Error) {
    match err {
        Error::Parse {
            line,
            column,
            path,
            source_name,
            message,
        } => {
            assert!(!source_name.is_empty(), "{err}");
            assert!(!message.is_empty(), "{err}");
            assert!(
                *line > 0 || !path.is_empty(),
                "a parse error without a line or a path: {err:?}"
            );
            // serde_json gives column 0 for a problem at a line's end (a raw
            // newline inside a string); the line is what matters.
            let _ = column;
        }
        Error::Invalid(inv) => {
            assert!(!inv.problems.is_empty(), "{err}");
            for p in &inv.problems {
                let text = p.to_string();
                let placed = [
                    "skills[",
                    "roles[",
                    "transfers[",
                    "format:",
                    "cycle in",
                    "role (",
                    "new role [",
                ]
                .iter()
                .any(|pre| text.starts_with(pre));
                assert!(placed, "a problem that does not say where it is: {text}");
            }
        }
        Error::Io { path, .. } => assert!(!path.is_empty(), "{err}"),
        other => panic!("loading catalog text gave an unexpected kind of error: {other:?}"),
    }
}

/// Parses JSON text; an error must be located.
pub fn json_result(text: &str) -> Option<Catalog> {
    match Catalog::from_json(text) {
        Ok(c) => Some(c),
        Err(e) => {
            assert_located(&e);
            None
        }
    }
}

/// Parses TOML text; an error must be located.
pub fn toml_result(text: &str) -> Option<Catalog> {
    match Catalog::from_toml(text) {
        Ok(c) => Some(c),
        Err(e) => {
            assert_located(&e);
            None
        }
    }
}

pub fn json_err(text: &str) -> Error {
    match Catalog::from_json(text) {
        Ok(_) => panic!("expected an error for {}", preview(text)),
        Err(e) => {
            assert_located(&e);
            e
        }
    }
}

pub fn toml_err(text: &str) -> Error {
    match Catalog::from_toml(text) {
        Ok(_) => panic!("expected an error for {}", preview(text)),
        Err(e) => {
            assert_located(&e);
            e
        }
    }
}

pub fn preview(text: &str) -> String {
    let cut: String = text.chars().take(120).collect();
    format!("{cut:?} ({} bytes)", text.len())
}

pub fn skill(id: &str, hours: f64, requires: &[&str]) -> SkillDef {
    SkillDef {
        id: id.into(),
        name: id.to_uppercase(),
        hours: Hours::One(hours),
        requires: requires.iter().map(|r| ReqDef::from(*r)).collect(),
        ..SkillDef::default()
    }
}

pub fn role(id: &str, requires: Vec<ReqDef>) -> RoleDef {
    RoleDef {
        id: id.into(),
        name: id.to_uppercase(),
        requires,
        ..RoleDef::default()
    }
}

pub fn def(skills: Vec<SkillDef>, roles: Vec<RoleDef>) -> CatalogDef {
    CatalogDef {
        format: gap_core::format::FORMAT.into(),
        name: "hostile".into(),
        skills,
        roles,
        transfers: vec![],
    }
}

pub fn group(members: &[&str], count: i64) -> ReqDef {
    ReqDef::Group(GroupDef {
        any_of: members.iter().map(|m| m.to_string()).collect(),
        count,
    })
}

/// A small valid catalog that uses every feature of the format.
pub fn base_json() -> Value {
    json!({
        "format": "skillgap/1",
        "name": "base",
        "skills": [
            {"id": "python", "name": "Python", "hours": [40, 80], "aliases": ["py3"],
             "category": "programming", "resources": ["https://docs.python.org"]},
            {"id": "sql", "name": "SQL", "hours": 30},
            {"id": "stats", "name": "Statistics", "hours": [20, 30, 40], "requires": ["python"],
             "level_requires": {"2": ["sql"],
                                "3": [{"any_of": ["python@2", "sql"], "count": 2}]}},
            {"id": "ml", "name": "Machine learning", "hours": 60,
             "requires": ["stats@2", {"any_of": ["python@2", "r"], "count": 1}]},
            {"id": "r", "name": "R", "hours": 35}
        ],
        "roles": [
            {"id": "analyst", "name": "Analyst", "requires": ["sql", {"any_of": ["python", "r"]}],
             "optional": ["stats"]},
            {"id": "scientist", "name": "Scientist", "requires": ["ml", "stats@3"],
             "family": "data"}
        ],
        "transfers": [{"from": "r", "to": "python", "discount": 0.25}]
    })
}

/// Checks what a path promises: lower bound at most the cost (equal when
/// optimal), a valid order (milestones re-checks every step), the targets
/// job-ready at the end, and a schedule or a clear argument error.
pub fn check_path(cat: &Catalog, p: &LearningPath) {
    assert!(!p.total_hours.is_nan(), "NaN cost");
    assert!(!p.lower_bound.is_nan(), "NaN lower bound");
    let tol = 1e-9 * p.total_hours.abs().max(1.0);
    assert!(
        p.lower_bound <= p.total_hours + tol || p.total_hours.is_infinite(),
        "lower bound {} above cost {}",
        p.lower_bound,
        p.total_hours
    );
    if p.optimal && p.total_hours.is_finite() {
        assert!(
            (p.total_hours - p.lower_bound).abs() <= tol,
            "optimal but lower bound {} != cost {}",
            p.lower_bound,
            p.total_hours
        );
    }
    if let Err(e) = cat.milestones(p) {
        panic!("the engine's own path does not replay: {e}");
    }
    let mut end = p.start.clone();
    for s in &p.steps {
        end.set(s.skill.clone(), s.level);
    }
    for t in p.targets.iter().filter(|t| cat.contains_role(t)) {
        match cat.gap(&end, &Target::from(t.as_str())) {
            Ok(g) => assert!(g.ready, "not job-ready for {t} after the path"),
            Err(e) => panic!("gap after the path: {e}"),
        }
    }
    match cat.schedule(p, 10.0) {
        Ok(s) => {
            if !p.steps.is_empty() {
                assert!(s.total_weeks >= 1);
            }
        }
        Err(Error::InvalidArgument(_)) => {
            // Only when the path is too long to schedule.
            let total: f64 = p.steps.iter().map(|s| s.hours).sum();
            let weeks = total / 10.0;
            assert!(
                weeks.is_nan() || weeks > 1e6,
                "schedule refused {total} hours"
            );
        }
        Err(e) => panic!("schedule: {e}"),
    }
}

/// Runs every query on a catalog that loaded, with the empty profile and the
/// profile that knows every skill at level 1, and checks the results hold
/// together. Budgets of 0 and 1 search nodes must still give honest paths.
pub fn exercise(cat: &Catalog) {
    exercise_queries(cat);
    #[cfg(feature = "text")]
    exercise_text(cat);
}

/// [`exercise`] without text matching.
pub fn exercise_queries(cat: &Catalog) {
    let start_profiles = [
        Profile::new(),
        cat.skills().iter().map(|s| (s.id.clone(), 1u32)).collect(),
    ];
    let targets: Vec<Target> = cat
        .roles()
        .iter()
        .map(|r| Target::from(r.id.as_str()))
        .collect();
    for profile in &start_profiles {
        for t in &targets {
            for budget in [Some(0), Some(1), None] {
                let opts = {
                    let mut o = PathOptions::default();
                    o.limits.budget = budget;
                    o
                };
                match cat.learning_path(profile, std::slice::from_ref(t), &opts) {
                    Ok(p) => check_path(cat, &p),
                    Err(e) => panic!("learning_path to {t:?}: {e}"),
                }
            }
            if let Err(e) = cat.gap(profile, t) {
                panic!("gap {t:?}: {e}");
            }
        }
        if !targets.is_empty() {
            for (mode, order) in [
                (Mode::All, Order::Default),
                (Mode::Any, Order::Default),
                (Mode::All, Order::Milestones),
            ] {
                let opts = {
                    let mut o = PathOptions::default();
                    o.mode = mode;
                    o.order = order;
                    o
                };
                match cat.learning_path(profile, &targets, &opts) {
                    Ok(p) => check_path(cat, &p),
                    Err(e) => panic!("learning_path {mode:?} {order:?}: {e}"),
                }
            }
        }
        match cat.rank_roles(profile, None) {
            Ok(r) => assert_eq!(r.len(), cat.roles().len()),
            Err(e) => panic!("rank_roles: {e}"),
        }
        match cat.hours_matrix(std::slice::from_ref(profile), None) {
            Ok(m) => assert_eq!(m.len(), cat.roles().len()),
            Err(e) => panic!("hours_matrix: {e}"),
        }
        if let Err(e) = cat.next_steps(profile, None) {
            panic!("next_steps: {e}");
        }
        if let Err(e) = cat.next_steps(profile, Some(&targets)) {
            panic!("next_steps with targets: {e}");
        }
    }
}

/// Matches the catalog's own names and ids in a text and makes a role of it.
#[cfg(feature = "text")]
pub fn exercise_text(cat: &Catalog) {
    let text: Vec<String> = cat
        .skills()
        .iter()
        .flat_map(|s| [s.name.clone(), s.id.clone()])
        .collect();
    let text = text.join(" and ");
    for m in cat.match_text(&text) {
        assert_eq!(text.get(m.start..m.end), Some(m.text.as_str()));
    }
    match cat.role_from_text(&text, "posting", None) {
        Ok(_) => {}
        // An empty posting or one without a skill is an error naming it.
        Err(Error::InvalidArgument(m))
            if m.contains("`posting`")
                && (text.trim().is_empty() || cat.match_text(&text).is_empty()) => {}
        Err(e) => panic!("role_from_text: {e}"),
    }
}

/// A catalog that loaded must come back equal from its own JSON and TOML.
pub fn round_trips(cat: &Catalog) {
    match Catalog::from_json(&cat.to_json()) {
        Ok(back) => assert_eq!(&back, cat, "JSON round trip"),
        Err(e) => panic!("the catalog's own JSON does not load: {e}"),
    }
    match cat.to_toml() {
        Ok(t) => match Catalog::from_toml(&t) {
            Ok(back) => assert_eq!(&back, cat, "TOML round trip"),
            Err(e) => panic!("the catalog's own TOML does not load: {e}\n{t}"),
        },
        Err(e) => panic!("to_toml: {e}"),
    }
}

/// Round-trips and queries a catalog that loaded (nothing to check otherwise:
/// the error was already checked to be located).
pub fn check_loaded(cat: Option<Catalog>) {
    if let Some(cat) = cat {
        round_trips(&cat);
        exercise(&cat);
    }
}

/// The embedded catalog.
pub fn default_cat() -> Catalog {
    Catalog::default()
}

/// Cases per fuzz property: the `SKILLGAP_FUZZ_CASES` environment variable,
/// else `default` (small, for CI); see docs/reliability.md.
pub fn fuzz_cases(default: u32) -> u32 {
    std::env::var("SKILLGAP_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
