//! Hostile input (SPEC 5: "never a panic, an abort or a hang on any input"):
//! every public entry point of gap-core fed malformed, absurd or huge input
//! must return `Ok` or a clear `Err` — an error that names where the problem
//! is when there is a place to name — and never panic, hang or overflow the
//! stack.
//!
//! - Catalog text: property tests over random JSON values, random mutations of
//!   a valid catalog (values replaced by values of any type, keys dropped or
//!   added, bytes flipped, text cut short) in JSON and TOML, and hand-picked
//!   cases (deep nesting, extreme numbers, odd ids, references and level keys,
//!   empty files, BOM, NUL, invalid UTF-8 on disk). Every catalog that loads is
//!   then queried with every query, and must round-trip through JSON and TOML.
//! - Queries with bad arguments on the embedded catalog and on small ones.
//! - Graphs of 200,000 skills (a chain, fan-ins through a skill, a role and a
//!   group, a cycle) through validation and every query, on a 256 KiB stack so
//!   that any recursion over the graph would overflow and abort the run.
//!
//! Each case is bounded (sizes are fixed), so the whole file runs in seconds
//! in a debug build.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gap_core::format::{CatalogDef, GroupDef, Hours, ReqDef, RoleDef, SkillDef};
use gap_core::{
    Catalog, Error, LearningPath, Mode, Order, PathOptions, Profile, Step, Target, synthetic,
};
use proptest::prelude::*;
use serde_json::{Value, json};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// The stack of the threads that run the big graphs: small enough that a
/// recursion over 200,000 nodes cannot fit.
const SMALL_STACK: usize = 256 * 1024;

/// Runs `f` on a new thread with a stack of `bytes`, re-raising its panic.
fn on_stack<T: Send + 'static>(bytes: usize, f: impl FnOnce() -> T + Send + 'static) -> T {
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
fn assert_located(err: &Error) {
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
fn json_result(text: &str) -> Option<Catalog> {
    match Catalog::from_json(text) {
        Ok(c) => Some(c),
        Err(e) => {
            assert_located(&e);
            None
        }
    }
}

/// Parses TOML text; an error must be located.
fn toml_result(text: &str) -> Option<Catalog> {
    match Catalog::from_toml(text) {
        Ok(c) => Some(c),
        Err(e) => {
            assert_located(&e);
            None
        }
    }
}

fn json_err(text: &str) -> Error {
    match Catalog::from_json(text) {
        Ok(_) => panic!("expected an error for {}", preview(text)),
        Err(e) => {
            assert_located(&e);
            e
        }
    }
}

fn toml_err(text: &str) -> Error {
    match Catalog::from_toml(text) {
        Ok(_) => panic!("expected an error for {}", preview(text)),
        Err(e) => {
            assert_located(&e);
            e
        }
    }
}

fn preview(text: &str) -> String {
    let cut: String = text.chars().take(120).collect();
    format!("{cut:?} ({} bytes)", text.len())
}

fn skill(id: &str, hours: f64, requires: &[&str]) -> SkillDef {
    SkillDef {
        id: id.into(),
        name: id.to_uppercase(),
        hours: Hours::One(hours),
        requires: requires.iter().map(|r| ReqDef::from(*r)).collect(),
        ..SkillDef::default()
    }
}

fn role(id: &str, requires: Vec<ReqDef>) -> RoleDef {
    RoleDef {
        id: id.into(),
        name: id.to_uppercase(),
        requires,
        ..RoleDef::default()
    }
}

fn def(skills: Vec<SkillDef>, roles: Vec<RoleDef>) -> CatalogDef {
    CatalogDef {
        format: gap_core::format::FORMAT.into(),
        name: "hostile".into(),
        skills,
        roles,
        transfers: vec![],
    }
}

fn group(members: &[&str], count: i64) -> ReqDef {
    ReqDef::Group(GroupDef {
        any_of: members.iter().map(|m| m.to_string()).collect(),
        count,
    })
}

/// A small valid catalog that uses every feature of the format.
fn base_json() -> Value {
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
fn check_path(cat: &Catalog, p: &LearningPath) {
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
fn exercise(cat: &Catalog) {
    exercise_queries(cat);
    exercise_text(cat);
}

/// [`exercise`] without text matching.
fn exercise_queries(cat: &Catalog) {
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
fn exercise_text(cat: &Catalog) {
    let text: Vec<String> = cat
        .skills()
        .iter()
        .flat_map(|s| [s.name.clone(), s.id.clone()])
        .collect();
    let text = text.join(" and ");
    for m in cat.match_text(&text) {
        assert_eq!(text.get(m.start..m.end), Some(m.text.as_str()));
    }
    if let Err(e) = cat.role_from_text(&text, "posting", None) {
        panic!("role_from_text: {e}");
    }
}

/// A catalog that loaded must come back equal from its own JSON and TOML.
fn round_trips(cat: &Catalog) {
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

// ---------------------------------------------------------------------------
// Catalog text: property tests
// ---------------------------------------------------------------------------

/// Strings worth trying wherever a string goes.
fn interesting_string() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "python", "sql", "stats", "ml", "r", "analyst", "python@2", "stats@3", "stats@4",
            "python@0", "python@-1", "python@", "@", "@2", "python@2@2", "python@4294967295",
            "python@4294967296", "python@99999999999999999999", "python@+2", "python@02",
            "Python", "", " ", "é", "py thon", "\u{0}", "\u{feff}python", "skillgap/1",
            "skillgap/2", "1", "2", "3", "0", "-1", " 2", "4294967295", "any_of", "count",
        ]).prop_map(String::from),
        1 => "[a-z0-9@._+-]{0,12}",
        1 => any::<String>(),
    ]
}

fn interesting_key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "id", "name", "hours", "requires", "level_requires", "any_of", "count", "skills",
            "roles", "transfers", "from", "to", "discount", "format", "optional", "aliases",
            "resources", "category", "description", "source", "family", "1", "2", "3", " 2",
            "02", "-1", "", "4294967295", "x",
        ]).prop_map(String::from),
        1 => any::<String>(),
    ]
}

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        prop::sample::select(vec![
            json!(0),
            json!(1),
            json!(2),
            json!(-1),
            json!(1e308),
            json!(-0.0),
            json!(1e-320),
            json!(0.5),
            json!(1.5),
            json!(i64::MIN),
            json!(i64::MAX),
            json!(u64::MAX),
            json!(u32::MAX),
            json!(4_294_967_296u64),
        ]),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
    ]
}

/// Any JSON value, leaning towards the strings, keys and numbers a catalog uses.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number(),
        interesting_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((interesting_key(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Every node of a JSON tree, as a list of steps from the root.
#[derive(Debug, Clone)]
enum Seg {
    Key(String),
    Ix(usize),
}

fn all_paths(v: &Value) -> Vec<Vec<Seg>> {
    let mut out = vec![];
    let mut stack = vec![(v, vec![])];
    while let Some((v, path)) = stack.pop() {
        match v {
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    let mut p: Vec<Seg> = path.clone();
                    p.push(Seg::Ix(i));
                    stack.push((x, p));
                }
            }
            Value::Object(o) => {
                for (k, x) in o {
                    let mut p: Vec<Seg> = path.clone();
                    p.push(Seg::Key(k.clone()));
                    stack.push((x, p));
                }
            }
            _ => {}
        }
        out.push(path);
    }
    out
}

fn node_mut<'a>(v: &'a mut Value, path: &[Seg]) -> &'a mut Value {
    let mut cur = v;
    for seg in path {
        cur = match (seg, cur) {
            (Seg::Key(k), Value::Object(o)) => o.get_mut(k).expect("path from all_paths"),
            (Seg::Ix(i), Value::Array(a)) => &mut a[*i],
            _ => unreachable!("path from all_paths"),
        };
    }
    cur
}

/// What to do to one node of the base catalog.
#[derive(Debug, Clone)]
enum Mutation {
    /// Replace it by any value.
    Replace(Value),
    /// Remove it from its parent.
    Remove,
    /// Add a key (to an object) or an element (to an array) inside it.
    Add(String, Value),
    /// Put a copy of one of its siblings (arrays) in its place.
    CopySibling(prop::sample::Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => json_value().prop_map(Mutation::Replace),
        1 => Just(Mutation::Remove),
        2 => (interesting_key(), json_value()).prop_map(|(k, v)| Mutation::Add(k, v)),
        1 => any::<prop::sample::Index>().prop_map(Mutation::CopySibling),
    ]
}

fn mutate(base: &Value, at: &prop::sample::Index, m: &Mutation) -> Value {
    let mut v = base.clone();
    let paths = all_paths(&v);
    let path = at.get(&paths).clone();
    match m {
        Mutation::Replace(x) => *node_mut(&mut v, &path) = x.clone(),
        Mutation::Add(k, x) => match node_mut(&mut v, &path) {
            Value::Object(o) => {
                o.insert(k.clone(), x.clone());
            }
            Value::Array(a) => a.push(x.clone()),
            other => *other = x.clone(),
        },
        Mutation::Remove | Mutation::CopySibling(_) => {
            if let Some((last, parent)) = path.split_last() {
                match (node_mut(&mut v, parent), last, m) {
                    (Value::Object(o), Seg::Key(k), _) => {
                        o.remove(k);
                    }
                    (Value::Array(a), Seg::Ix(i), Mutation::Remove) => {
                        a.remove(*i);
                    }
                    (Value::Array(a), Seg::Ix(i), Mutation::CopySibling(j)) => {
                        let x = j.get(a).clone();
                        a[*i] = x;
                    }
                    _ => {}
                }
            }
        }
    }
    v
}

/// Applies byte edits to a text: each (position, byte) overwrites one byte.
fn flip(text: &str, edits: &[(prop::sample::Index, u8)]) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for (at, b) in edits {
        let i = at.index(bytes.len());
        bytes[i] = *b;
    }
    bytes
}

fn check_loaded(cat: Option<Catalog>) {
    if let Some(cat) = cat {
        round_trips(&cat);
        exercise(&cat);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Any JSON value at all, as a whole catalog.
    #[test]
    fn any_json_value_is_ok_or_a_located_error(v in json_value()) {
        check_loaded(json_result(&v.to_string()));
    }

    /// The base catalog with one node replaced, removed, extended or copied:
    /// every field gets every type and every odd value.
    #[test]
    fn mutated_catalog_is_ok_or_a_located_error(
        at in any::<prop::sample::Index>(),
        m in mutation(),
        m2 in proptest::option::of((any::<prop::sample::Index>(), mutation())),
    ) {
        let mut v = mutate(&base_json(), &at, &m);
        if let Some((at2, m2)) = &m2 {
            v = mutate(&v, at2, m2);
        }
        check_loaded(json_result(&v.to_string()));
        // The same document as TOML, when TOML can hold it (no nulls).
        if let Ok(t) = toml::to_string(&v) {
            check_loaded(toml_result(&t));
        }
    }

    /// The base catalog's JSON and TOML text with bytes overwritten or cut short.
    #[test]
    fn damaged_text_is_ok_or_a_located_error(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
        cut in proptest::option::of(any::<prop::sample::Index>()),
        pretty in any::<bool>(),
    ) {
        let json_text = if pretty {
            serde_json::to_string_pretty(&base_json()).expect("JSON")
        } else {
            base_json().to_string()
        };
        let toml_text = toml::to_string(&base_json()).expect("TOML");
        for (text, json) in [(json_text, true), (toml_text, false)] {
            let mut bytes = flip(&text, &edits);
            if let Some(c) = &cut {
                bytes.truncate(c.index(bytes.len() + 1));
            }
            let text = String::from_utf8_lossy(&bytes);
            check_loaded(if json { json_result(&text) } else { toml_result(&text) });
        }
    }
}

// ---------------------------------------------------------------------------
// Catalog text: hand-picked cases
// ---------------------------------------------------------------------------

/// 10,000 levels of `[` and of `{"a":` in JSON, at the top and inside fields
/// (hours go through serde's buffering of untagged enums), on a 256 KiB stack.
#[test]
fn deep_json_nesting_is_an_error() {
    on_stack(SMALL_STACK, || {
        let n = 10_000;
        let arrays = "[".repeat(n) + &"]".repeat(n);
        let objects = r#"{"a":"#.repeat(n) + "1" + &"}".repeat(n);
        for inner in [&arrays, &objects] {
            let cases = [
                inner.clone(),
                format!(r#"{{"skills": {inner}}}"#),
                format!(r#"{{"skills": [{{"id": "a", "name": "A", "hours": {inner}}}]}}"#),
                format!(
                    r#"{{"skills": [{{"id": "a", "name": "A", "hours": 1, "requires": [{inner}]}}]}}"#
                ),
                format!(r#"{{"name": "x", "unknown": {inner}}}"#),
                // Unterminated.
                inner[..n].to_string(),
            ];
            for text in &cases {
                json_err(text);
            }
        }
    });
}

/// The same in TOML: nested arrays, inline tables, dotted keys and table
/// headers 10,000 deep. The toml crate's parser recurses up to its own limit
/// (about 80 levels), which takes between 384 and 512 KiB of stack in a debug
/// build (far less optimized): run on 1 MiB, half of a Rust thread's default.
#[test]
fn deep_toml_nesting_is_an_error() {
    on_stack(1024 * 1024, || {
        let n = 10_000;
        let arrays = "[".repeat(n) + &"]".repeat(n);
        let tables = "{a = ".repeat(n) + "1" + &"}".repeat(n);
        let dotted = vec!["a"; n].join(".");
        let cases = [
            format!("x = {arrays}"),
            format!("x = {tables}"),
            format!("[[skills]]\nid = \"a\"\nname = \"A\"\nhours = {arrays}"),
            format!("[[skills]]\nid = \"a\"\nname = \"A\"\nhours = 1\nrequires = [{tables}]"),
            format!("{dotted} = 1"),
            format!("[{dotted}]\nb = 1"),
            format!(
                "[[skills]]\nid = \"a\"\nname = \"A\"\nhours = 1\n[skills.level_requires.{dotted}]"
            ),
            format!("x = {}", &arrays[..n]),
        ];
        for text in &cases {
            toml_err(text);
        }
    });
}

fn one_skill(fields: &str) -> String {
    format!(r#"{{"skills": [{{"id": "a", "name": "A", {fields}}}]}}"#)
}

/// Extreme numbers where hours, counts and discounts go.
#[test]
fn extreme_numbers() {
    // Valid hours, however odd.
    for hours in [
        "1e300",
        "-0",
        "-0.0",
        "1e-320",
        "0",
        "18446744073709551616",
        "[5e299, 5e299]",
    ] {
        let Some(cat) = json_result(&one_skill(&format!(r#""hours": {hours}"#))) else {
            panic!("hours {hours} should be valid");
        };
        round_trips(&cat);
    }
    // Hours that add up to more than 1e300 would make costs overflow to
    // infinity: a catalog problem, named at the skill where the sum overflows.
    for hours in [
        "1e308",
        "[1e308, 1e308]",
        "[6e299, 6e299]",
        "1.7976931348623157e308",
    ] {
        let e = json_err(&one_skill(&format!(r#""hours": {hours}"#)));
        assert!(e.to_string().contains("skills[0] (a).hours"), "{e}");
    }
    let e = json_err(
        r#"{"skills": [{"id": "a", "name": "A", "hours": 9e299}, {"id": "b", "name": "B", "hours": 9e299}]}"#,
    );
    assert!(
        e.to_string()
            .contains("skills[1] (b).hours: bad hours: the catalog's hours add up"),
        "{e}"
    );
    // Near the limit, every query still gives finite, honest answers.
    let text = r#"{"skills": [{"id": "a", "name": "A", "hours": [3e299, 3e299]},
                              {"id": "b", "name": "B", "hours": 3e299, "requires": ["a@2"]}],
                   "roles": [{"id": "r", "name": "R", "requires": ["b", "a@2"]},
                             {"id": "s", "name": "S", "requires": [{"any_of": ["a@2", "b"]}]}]}"#;
    let Some(cat) = json_result(text) else {
        panic!("valid")
    };
    exercise(&cat);
    // Invalid hours and numbers out of range.
    for hours in [
        "-1", "-1e-320", "1e400", "-1e400", "[]", "[1, -1]", "\"10\"", "null", "true", "{}",
        "[[1]]", "[null]",
    ] {
        json_err(&one_skill(&format!(r#""hours": {hours}"#)));
    }
    // Group counts of every size; discounts out of range.
    let g = |count: &str| {
        format!(
            r#"{{"skills": [{{"id": "a", "name": "A", "hours": 1}}, {{"id": "b", "name": "B", "hours": 1}}],
                 "roles": [{{"id": "r", "name": "R", "requires": [{{"any_of": ["a", "b"], "count": {count}}}]}}]}}"#
        )
    };
    for count in [
        "0",
        "-1",
        "3",
        &i64::MIN.to_string(),
        &i64::MAX.to_string(),
        "9223372036854775808",
        "-9223372036854775809",
        "18446744073709551616",
        "1e30",
        "1.5",
        "4294967297",
        "\"1\"",
        "null",
    ] {
        json_err(&g(count));
    }
    for count in ["1", "2"] {
        assert!(json_result(&g(count)).is_some(), "count {count}");
    }
    let t = |d: &str| {
        format!(
            r#"{{"skills": [{{"id": "a", "name": "A", "hours": 1}}, {{"id": "b", "name": "B", "hours": 1}}],
                 "transfers": [{{"from": "a", "to": "b", "discount": {d}}}]}}"#
        )
    };
    for d in [
        "-0.0001", "1.0001", "1e308", "-1e308", "1e400", "\"0.5\"", "null",
    ] {
        json_err(&t(d));
    }
    for d in ["0", "-0", "1", "1e-320", "0.5"] {
        assert!(json_result(&t(d)).is_some(), "discount {d}");
    }
    // The same extremes in TOML (where inf and nan are literals).
    for hours in ["inf", "-inf", "nan", "-1", "[]", "1e400"] {
        toml_err(&format!(
            "[[skills]]\nid = \"a\"\nname = \"A\"\nhours = {hours}\n"
        ));
    }
    for d in ["nan", "inf", "-0.5"] {
        toml_err(&format!(
            "[[skills]]\nid = \"a\"\nname = \"A\"\nhours = 1\n[[skills]]\nid = \"b\"\nname = \"B\"\nhours = 1\n\
             [[transfers]]\nfrom = \"a\"\nto = \"b\"\ndiscount = {d}\n"
        ));
    }
    toml_err(&format!(
        "[[skills]]\nid = \"a\"\nname = \"A\"\nhours = 1\n[[roles]]\nid = \"r\"\nname = \"R\"\n\
         requires = [{{any_of = [\"a\"], count = {}}}]\n",
        i64::MIN
    ));
}

/// Ids: very long, Unicode, reserved characters.
#[test]
fn odd_ids() {
    // A megabyte of one letter, and a megabyte of varied letters.
    let same = "a".repeat(1 << 20);
    let mut x: u64 = 1;
    let varied: String = (0..1 << 20)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            char::from(b"abcdefghijklmnopqrstuvwxyz0123456789"[(x >> 33) as usize % 36])
        })
        .collect();
    for long in [&same, &varied] {
        let Some(cat) = json_result(&format!(
            r#"{{"skills": [{{"id": "{long}", "name": "A", "hours": 1}}],
                 "roles": [{{"id": "{long}", "name": "R", "requires": ["{long}@1"]}}]}}"#
        )) else {
            panic!("a long id is still an id")
        };
        exercise_queries(&cat);
        if long == &varied {
            exercise_text(&cat);
        }
        // Unknown ids as long: no suggestions, quickly.
        let t = std::time::Instant::now();
        let e = cat.learning_path(
            &Profile::new().with(format!("{long}x"), 1),
            &[Target::from(long.as_str())],
            &PathOptions::default(),
        );
        assert!(
            matches!(e, Err(Error::UnknownSkill { ref suggestions, .. }) if suggestions.is_empty())
        );
        assert!(t.elapsed().as_secs() < 5);
    }
    for id in [
        "",
        " ",
        "A",
        "é",
        "日本",
        "a b",
        "a@2",
        "a\u{0}",
        "\u{feff}a",
        "-a",
        "_a",
        "a\n",
        "ａ",
    ] {
        let text = serde_json::to_string(&json!({"skills": [{"id": id, "name": "x", "hours": 1}]}))
            .expect("JSON");
        let e = json_err(&text);
        assert!(e.to_string().contains("bad id"), "{e}");
        let text =
            serde_json::to_string(&json!({"roles": [{"id": id, "name": "x"}]})).expect("JSON");
        json_err(&text);
    }
    // Duplicate keys in one object: the second is an error, not silently kept.
    json_err(r#"{"skills": [{"id": "a", "id": "b", "name": "A", "hours": 1}]}"#);
    json_err(r#"{"skills": [], "skills": []}"#);
    toml_err("[[skills]]\nid = \"a\"\nid = \"b\"\nname = \"A\"\nhours = 1\n");
}

/// References with odd levels: above u32, above the skill, signs, spaces.
#[test]
fn odd_references() {
    let with_ref = |r: &str| {
        serde_json::to_string(&json!({
            "skills": [{"id": "a", "name": "A", "hours": [1, 2]},
                       {"id": "b", "name": "B", "hours": 1, "requires": [r]}]}))
        .expect("JSON")
    };
    for r in [
        "a@4294967296",
        "a@99999999999999999999",
        "a@4294967295",
        "a@3",
        "a@0",
        "a@-1",
        "a@",
        "a@@2",
        "a@2@2",
        "@2",
        "@",
        "",
        " a",
        "a ",
        "a@2 ",
        "a@٢",
        "a@2.0",
        "a@1e1",
        "A",
        "zzz",
        "zzz@4294967296",
    ] {
        let e = json_err(&with_ref(r));
        let text = e.to_string();
        assert!(
            text.contains("skills[1] (b).requires[0]"),
            "{r:?}: the error should name the entry: {text}"
        );
    }
    for r in ["a", "a@1", "a@2"] {
        assert!(json_result(&with_ref(r)).is_some(), "{r}");
    }
    let e = json_err(&with_ref("a@4294967296")).to_string();
    assert!(e.contains("level `4294967296` is too large"), "{e}");
}

/// `level_requires` keys that are not levels of the skill.
#[test]
fn odd_level_keys() {
    let with_key = |k: &str| {
        serde_json::to_string(&json!({
            "skills": [{"id": "a", "name": "A", "hours": 1},
                       {"id": "b", "name": "B", "hours": [1, 2, 3], "level_requires": {k: ["a"]}}]}))
        .expect("JSON")
    };
    for k in [
        "4294967295",
        "4294967296",
        "99999999999999999999",
        "-1",
        "",
        "1",
        "0",
        "4",
        "x",
        "2.0",
        "١",
    ] {
        let e = json_err(&with_key(k));
        assert!(e.to_string().contains("level_requires"), "{k:?}: {e}");
    }
    assert!(json_result(&with_key("2")).is_some());
    assert!(
        json_result(&with_key(" 3"))
            .is_some_and(|c| c.skill("b").is_ok_and(|b| b.requirements(3).len() == 1))
    );
    // Two keys naming the same level must not silently drop one of the lists.
    let two = r#"{"skills": [{"id": "a", "name": "A", "hours": 1}, {"id": "c", "name": "C", "hours": 1},
        {"id": "b", "name": "B", "hours": [1, 2], "level_requires": {"2": ["a"], " 2": ["c"]}}]}"#;
    let e = json_err(two).to_string();
    assert!(
        e.contains(r#"skills[2] (b).level_requires."2": bad level_requires key `2`: level 2 is also given by key " 2""#),
        "{e}"
    );
    // The same key twice in JSON.
    let dup = r#"{"skills": [{"id": "a", "name": "A", "hours": 1}, {"id": "c", "name": "C", "hours": 1},
        {"id": "b", "name": "B", "hours": [1, 2], "level_requires": {"2": ["a"], "2": ["c"]}}]}"#;
    let e = json_err(dup).to_string();
    assert!(
        e.contains("skills[2].level_requires: duplicate key `2`"),
        "{e}"
    );
}

/// Groups with no members, huge counts, duplicate members.
#[test]
fn odd_groups() {
    for g in [
        json!({"any_of": []}),
        json!({"any_of": [], "count": 0}),
        json!({"any_of": ["a"], "count": 0}),
        json!({"any_of": ["a", "a"]}),
        json!({"any_of": ["a", "a@1"]}),
        json!({"any_of": ["a"], "count": i64::MAX}),
        json!({"any_of": ["a"], "count": i64::MIN}),
        json!({"any_of": ["a"], "count": 1, "extra": 1}),
        json!({"any_of": "a"}),
        json!({"count": 1}),
        json!({}),
        json!({"any_of": [["a"]]}),
        json!({"any_of": [{"any_of": ["a"]}]}),
    ] {
        let text = serde_json::to_string(&json!({
            "skills": [{"id": "a", "name": "A", "hours": 1}],
            "roles": [{"id": "r", "name": "R", "requires": [g]}]}))
        .expect("JSON");
        json_err(&text);
    }
}

/// Hours lists of 1,000,000 levels, and a role that needs the last one.
#[test]
fn a_million_levels() {
    let n = 1_000_000;
    let hours = vec!["1"; n].join(",");
    let text = format!(
        r#"{{"skills": [{{"id": "a", "name": "A", "hours": [{hours}]}}],
             "roles": [{{"id": "r", "name": "R", "requires": ["a@{n}"]}}]}}"#
    );
    let Some(cat) = json_result(&text) else {
        panic!("valid")
    };
    let Ok(p) = cat.learning_path(
        &Profile::new(),
        &[Target::from("r")],
        &PathOptions::default(),
    ) else {
        panic!("path")
    };
    assert_eq!(p.steps.len(), n);
    assert_eq!(p.total_hours, n as f64);
    let Ok(s) = cat.schedule(&p, 2.0) else {
        panic!("schedule")
    };
    assert_eq!(s.total_weeks, 500_000);
    assert_eq!(s.milestones.len(), 1);
    // More than a million weeks is refused.
    assert!(matches!(
        cat.schedule(&p, 0.5),
        Err(Error::InvalidArgument(_))
    ));
    let Ok(s) = cat.schedule(&p, 1e5) else {
        panic!("schedule")
    };
    assert_eq!(s.total_weeks, 10);
    // One level too many.
    let text = format!(
        r#"{{"skills": [{{"id": "a", "name": "A", "hours": [{hours}]}}],
             "roles": [{{"id": "r", "name": "R", "requires": ["a@{}"]}}]}}"#,
        n + 1
    );
    json_err(&text);
}

/// Empty and odd files, through the text functions and `Catalog::load`.
#[test]
fn empty_and_odd_files() {
    // Empty JSON is not a document; empty TOML is an empty catalog.
    json_err("");
    json_err("   \n\t");
    assert!(toml_result("").is_some_and(|c| c.skills().is_empty()));
    assert!(json_result("{}").is_some_and(|c| c.skills().is_empty()));
    for text in [
        "null",
        "1",
        "\"x\"",
        "{} {}",
        "{}x",
        "{\"skills\": [}",
        "\u{0}",
    ] {
        json_err(text);
    }
    // serde reads a struct from a JSON array of its fields in order, so `[]`
    // is the empty catalog; a quirk, not a crash.
    check_loaded(json_result("[]"));
    json_err("[1]");
    for text in ["x", "= 1", "[", "skills = 1", "\u{0}", "a = \"\u{0}\""] {
        toml_err(text);
    }
    // NUL bytes inside strings.
    json_err("{\"skills\": [{\"id\": \"a\u{0}\", \"name\": \"A\", \"hours\": 1}]}");
    json_err(
        "{\"name\": \"a\\u0000b\", \"skills\": [{\"id\": \"a\\u0000\", \"name\": \"A\", \"hours\": 1}]}",
    );
    // A byte order mark is skipped; positions are counted without it.
    for text in ["\u{feff}{}", "\u{feff}{\"skills\": []}"] {
        assert!(json_result(text).is_some(), "{text:?}");
    }
    assert!(toml_result("\u{feff}name = \"x\"\n").is_some_and(|c| c.name() == "x"));
    assert!(matches!(
        json_err("\u{feff}{\"x\": 1}"),
        Error::Parse {
            line: 1,
            column: 4,
            ..
        }
    ));
    json_err("\u{feff}\u{feff}{}");

    let dir = std::env::temp_dir().join(format!("gap-core-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).expect("write");
        p
    };
    let valid = base_json().to_string();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty.json", vec![]),
        ("nul.json", vec![0; 100]),
        ("utf8.json", vec![0xff, 0xfe, b'{', b'}']),
        ("utf8-late.json", {
            let mut b = valid.as_bytes().to_vec();
            let i = b.len() / 2;
            b.insert(i, 0xc3);
            b.insert(i, 0xff);
            b
        }),
        ("utf8.toml", b"name = \"\xff\"\n".to_vec()),
        ("utf16.json", {
            let mut b = vec![0xff, 0xfe];
            b.extend("{}".encode_utf16().flat_map(u16::to_le_bytes));
            b
        }),
        ("bom.json", {
            let mut b = vec![0xef, 0xbb, 0xbf];
            b.extend_from_slice(valid.as_bytes());
            b
        }),
        ("bom.toml", b"\xef\xbb\xbfname = \"x\"\n".to_vec()),
        (
            "truncated.json",
            valid.as_bytes()[..valid.len() / 3].to_vec(),
        ),
    ];
    for (name, bytes) in &cases {
        let path = write(name, bytes);
        match Catalog::load(&path) {
            Ok(cat) => assert!(name.starts_with("bom"), "{name} loaded: {}", cat.name()),
            Err(e) => {
                assert!(!name.starts_with("bom"), "{name}: {e}");
                assert_located(&e);
                let text = e.to_string();
                assert!(
                    text.contains(name),
                    "{name}: the error should name the file: {text}"
                );
                if name.starts_with("utf") {
                    assert!(text.contains("not UTF-8"), "{text}");
                }
            }
        }
    }
    // The line and column of the first byte that is not UTF-8.
    let p = write("utf8-line.json", b"{\n  \"name\": \"ab\xffc\"\n}");
    assert!(matches!(
        Catalog::load(&p),
        Err(Error::Parse {
            line: 2,
            column: 14,
            ..
        })
    ));
    // Not a file, no file, no extension, an unknown extension.
    for p in [
        dir.clone(),
        dir.join("missing.json"),
        dir.join("x"),
        dir.join("x.yaml"),
    ] {
        let Err(e) = Catalog::load(&p) else {
            panic!("{} loaded", p.display())
        };
        assert!(e.to_string().contains(&*p.to_string_lossy()), "{e}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A skill whose name is one letter repeated: the text matcher's automaton.
#[test]
fn text_matcher_on_a_long_repetitive_name() {
    let name = "a".repeat(1 << 20);
    let Some(cat) = json_result(&format!(
        r#"{{"skills": [{{"id": "x", "name": "{name}", "hours": 1}}]}}"#
    )) else {
        panic!("valid")
    };
    let t = std::time::Instant::now();
    assert_eq!(cat.match_text(&name).len(), 1);
    assert!(t.elapsed().as_secs() < 5);
}

// ---------------------------------------------------------------------------
// Importers: the committed fixtures, damaged
// ---------------------------------------------------------------------------

/// Every file under `dir`, relative, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![];
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(rel) = p.strip_prefix(dir) {
                out.push(rel.to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// A fresh copy of a committed fixture in a temporary directory.
fn copy_fixture(name: &str) -> PathBuf {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dst = std::env::temp_dir().join(format!(
        "gap-core-hostile-{}-{name}-{n}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dst);
    for rel in files_under(&src) {
        let to = dst.join(&rel);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::copy(src.join(&rel), &to).expect("copy");
    }
    dst
}

/// How to damage one file of a fixture.
#[derive(Debug, Clone)]
enum Damage {
    Delete,
    Empty,
    Junk(Vec<u8>),
    Truncate(prop::sample::Index),
    Flip(Vec<(prop::sample::Index, u8)>),
    /// Insert a NUL, a quote, a newline or invalid UTF-8 somewhere.
    Insert(prop::sample::Index, Vec<u8>),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        Just(Damage::Delete),
        Just(Damage::Empty),
        prop::collection::vec(any::<u8>(), 1..64).prop_map(Damage::Junk),
        any::<prop::sample::Index>().prop_map(Damage::Truncate),
        prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4)
            .prop_map(Damage::Flip),
        (
            any::<prop::sample::Index>(),
            prop::sample::select(vec![
                b"\0".to_vec(),
                b"\"".to_vec(),
                b"\n".to_vec(),
                b"\r\n\"".to_vec(),
                b"\xff\xfe".to_vec(),
                b"\t\t\t".to_vec(),
                b",,,,".to_vec(),
                b"]}".to_vec(),
                b"1e400".to_vec(),
            ])
        )
            .prop_map(|(at, bytes)| Damage::Insert(at, bytes)),
    ]
}

fn apply_damage(file: &Path, d: &Damage) {
    let mut bytes = std::fs::read(file).unwrap_or_default();
    match d {
        Damage::Delete => {
            let _ = std::fs::remove_file(file);
            return;
        }
        Damage::Empty => bytes.clear(),
        Damage::Junk(j) => bytes.clone_from(j),
        Damage::Truncate(at) => bytes.truncate(at.index(bytes.len() + 1)),
        Damage::Flip(edits) => {
            if !bytes.is_empty() {
                for (at, b) in edits {
                    let i = at.index(bytes.len());
                    bytes[i] = *b;
                }
            }
        }
        Damage::Insert(at, ins) => {
            let i = at.index(bytes.len() + 1);
            bytes.splice(i..i, ins.iter().copied());
        }
    }
    std::fs::write(file, bytes).expect("write");
}

/// An importer's answer to damaged files: a catalog (then usable), or an
/// import or I/O error that names a file.
fn check_import(result: gap_core::Result<gap_core::Imported>, dir: &Path) {
    match result {
        Ok(imp) => exercise_queries(&imp.catalog),
        Err(e @ (Error::Import { .. } | Error::Io { .. })) => {
            let text = e.to_string();
            assert!(
                text.contains(&*dir.to_string_lossy()),
                "an import error that names no file: {text}"
            );
        }
        Err(e) => panic!("unexpected kind of import error: {e:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// The ESCO, O*NET and Metacademy fixtures with one or two files damaged.
    #[test]
    fn damaged_imports_are_ok_or_an_error_naming_the_file(
        which in 0..4usize,
        f1 in any::<prop::sample::Index>(),
        d1 in damage(),
        second in proptest::option::of((any::<prop::sample::Index>(), damage())),
    ) {
        let name = ["esco", "onet", "metacademy", "metacademy"][which];
        let dir = copy_fixture(name);
        let files: Vec<PathBuf> = files_under(&dir)
            .into_iter()
            .filter(|f| !f.to_string_lossy().ends_with("README.md"))
            .collect();
        apply_damage(&dir.join(f1.get(&files)), &d1);
        if let Some((f2, d2)) = &second {
            apply_damage(&dir.join(f2.get(&files)), d2);
        }
        let result = match which {
            0 => Catalog::from_esco(&dir, &gap_core::import::EscoOptions::default()),
            1 => Catalog::from_onet(&dir, &gap_core::import::OnetOptions::default()),
            2 => Catalog::from_metacademy(
                &dir.join("graph_data.json"),
                &gap_core::import::MetacademyOptions::default(),
            ),
            _ => Catalog::from_metacademy(
                &dir.join("content"),
                &gap_core::import::MetacademyOptions::default(),
            ),
        };
        check_import(result, &dir);
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn imports_from_nothing() {
    let dir = std::env::temp_dir().join(format!("gap-core-hostile-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let missing = dir.join("missing");
    for d in [&dir, &missing] {
        check_import(
            Catalog::from_esco(d, &gap_core::import::EscoOptions::default()),
            d,
        );
        check_import(
            Catalog::from_onet(d, &gap_core::import::OnetOptions::default()),
            d,
        );
        check_import(
            Catalog::from_metacademy(d, &gap_core::import::MetacademyOptions::default()),
            d,
        );
    }
    // Absurd options.
    let esco = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/esco");
    for h in [-1.0, f64::NAN, f64::INFINITY] {
        let opts = gap_core::import::EscoOptions {
            hours: Some(h),
            ..gap_core::import::EscoOptions::default()
        };
        assert!(matches!(
            Catalog::from_esco(&esco, &opts),
            Err(Error::InvalidArgument(_))
        ));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------------------
// Queries with bad arguments
// ---------------------------------------------------------------------------

fn default_cat() -> Catalog {
    Catalog::default()
}

fn is_unknown_skill(e: &Error, id: &str) -> bool {
    matches!(e, Error::UnknownSkill { id: i, .. } if i == id)
}

#[test]
fn profiles_with_unknown_skills_and_bad_levels() {
    let cat = default_cat();
    let t = [Target::from("data-analyst")];
    let opts = PathOptions::default();
    // Unknown ids: with suggestions where one is close.
    let p = Profile::new().with("pyhton", 1);
    let Err(e) = cat.learning_path(&p, &t, &opts) else {
        panic!()
    };
    match &e {
        Error::UnknownSkill { id, suggestions } => {
            assert_eq!(id, "pyhton");
            assert!(suggestions.iter().any(|s| s == "python"), "{suggestions:?}");
        }
        other => panic!("{other}"),
    }
    for id in [
        "",
        "PYTHON",
        "日本語",
        "x".repeat(100_000).as_str(),
        "\u{0}",
    ] {
        let p = Profile::new().with(id, 1);
        for e in [
            cat.learning_path(&p, &t, &opts).err(),
            cat.gap(&p, &t[0]).err(),
            cat.rank_roles(&p, None).err(),
            cat.next_steps(&p, None).err(),
            cat.hours_matrix(std::slice::from_ref(&p), None).err(),
        ] {
            let Some(e) = e else {
                panic!("an unknown skill was accepted")
            };
            assert!(is_unknown_skill(&e, id), "{e}");
        }
    }
    // Levels above the highest, and u32::MAX.
    for level in [4, 1000, u32::MAX] {
        let p = Profile::new().with("python", level);
        for e in [
            cat.learning_path(&p, &t, &opts).err(),
            cat.gap(&p, &t[0]).err(),
            cat.rank_roles(&p, None).err(),
            cat.next_steps(&p, Some(&t)).err(),
        ] {
            assert!(
                matches!(e, Some(Error::Profile { ref skill, .. }) if skill == "python"),
                "{e:?}"
            );
        }
    }
    // Signed levels.
    for level in [-1, i64::MIN, i64::from(u32::MAX) + 1, i64::MAX] {
        match Profile::from_signed([("python", level)]) {
            Err(Error::Profile {
                skill,
                level: l,
                message,
            }) => {
                assert_eq!((skill.as_str(), l), ("python", level));
                let why = if level < 0 {
                    "0 or more"
                } else {
                    "at most 4294967295"
                };
                assert!(message.contains(why), "{message}");
            }
            other => panic!("{level}: {other:?}"),
        }
    }
    assert!(Profile::from_signed([("python", 0)]).is_ok_and(|p| p.is_empty()));
    for r in [
        "",
        "@",
        "python@0",
        "python@-1",
        "python@4294967296",
        "Python",
        "a b",
    ] {
        assert!(
            matches!(Profile::from_refs([r]), Err(Error::Profile { .. })),
            "{r:?}"
        );
    }
}

#[test]
fn targets_empty_duplicate_unknown_and_made_up() {
    let cat = default_cat();
    let me = Profile::new();
    let opts = PathOptions::default();
    // No targets: a clear argument error, in every mode.
    for mode in [Mode::All, Mode::Any] {
        let o = {
            let mut o = PathOptions::default();
            o.mode = mode;
            o
        };
        assert!(matches!(
            cat.learning_path(&me, &[], &o),
            Err(Error::InvalidArgument(_))
        ));
    }
    // The same target twice is the same as once.
    let one = cat.learning_path(&me, &[Target::from("ml-engineer")], &opts);
    let twice = cat.learning_path(
        &me,
        &[Target::from("ml-engineer"), Target::from("ml-engineer")],
        &opts,
    );
    match (one, twice) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.steps, b.steps);
            assert_eq!(a.total_hours, b.total_hours);
            check_path(&cat, &b);
        }
        other => panic!("{other:?}"),
    }
    // A thousand copies of one target, in both modes: the same path.
    for mode in [Mode::All, Mode::Any] {
        let o = {
            let mut o = PathOptions::default();
            o.mode = mode;
            o
        };
        let many = vec![Target::from("ml-engineer"); 1000];
        let (Ok(a), Ok(b)) = (
            cat.learning_path(&me, &many, &o),
            cat.learning_path(&me, &many[..1], &o),
        ) else {
            panic!("{mode:?}")
        };
        assert_eq!(a.total_hours, b.total_hours, "{mode:?}");
        assert_eq!(a.steps.len(), b.steps.len(), "{mode:?}");
        assert!(cat.next_steps(&me, Some(&many)).is_ok());
        assert!(
            cat.rank_roles(&me, Some(&many))
                .is_ok_and(|r| r.len() == 1000)
        );
    }
    // Unknown role ids, with suggestions.
    let Err(Error::UnknownRole { id, suggestions }) =
        cat.learning_path(&me, &[Target::from("ml-engineeer")], &opts)
    else {
        panic!()
    };
    assert_eq!(id, "ml-engineeer");
    assert!(
        suggestions.iter().any(|s| s == "ml-engineer"),
        "{suggestions:?}"
    );
    for id in ["", "ML-ENGINEER", "x".repeat(100_000).as_str()] {
        for e in [
            cat.learning_path(&me, &[Target::from(id)], &opts).err(),
            cat.gap(&me, &Target::from(id)).err(),
            cat.rank_roles(&me, Some(&[Target::from(id)])).err(),
            cat.next_steps(&me, Some(&[Target::from(id)])).err(),
            cat.hours_matrix(std::slice::from_ref(&me), Some(&[Target::from(id)]))
                .err(),
        ] {
            assert!(matches!(e, Some(Error::UnknownRole { .. })), "{e:?}");
        }
    }
    // Made-up roles: bad id, unknown skills, bad groups, levels out of range.
    let bad_roles = [
        role("Bad Id", vec!["python".into()]),
        role("", vec![]),
        role("ok", vec!["no-such-skill".into()]),
        role("ok", vec!["python@4".into()]),
        role("ok", vec!["python@4294967296".into()]),
        role("ok", vec![group(&["python", "sql"], 0)]),
        role("ok", vec![group(&["python", "sql"], 3)]),
        role("ok", vec![group(&[], 1)]),
        role("ok", vec![group(&["python", "python"], 1)]),
        role("ok", vec!["python".into(), "python".into()]),
        RoleDef {
            optional: vec!["nope".into()],
            ..role("ok", vec![])
        },
        // A made-up role whose id is one of the catalog's.
        role("ml-engineer", vec!["python".into()]),
    ];
    for r in bad_roles {
        let t = Target::Role(r.clone());
        for e in [
            cat.learning_path(&me, std::slice::from_ref(&t), &opts)
                .err(),
            cat.gap(&me, &t).err(),
            cat.rank_roles(&me, Some(std::slice::from_ref(&t))).err(),
            cat.next_steps(&me, Some(std::slice::from_ref(&t))).err(),
        ] {
            if r.id == "ml-engineer" && e.is_none() {
                // Allowed if the engine resolves it as a caller's role.
                continue;
            }
            let Some(e) = e else {
                panic!("made-up role {r:?} was accepted")
            };
            assert!(matches!(e, Error::Invalid(_)), "{r:?}: {e}");
            assert_located(&e);
        }
    }
    // An empty made-up role: job-ready already, an empty path.
    let t = Target::Role(role("empty", vec![]));
    let Ok(p) = cat.learning_path(&me, std::slice::from_ref(&t), &opts) else {
        panic!()
    };
    assert!(p.steps.is_empty());
    assert_eq!(p.total_hours, 0.0);
    let Ok(g) = cat.gap(&me, &t) else { panic!() };
    assert!(g.ready);
    assert_eq!(g.coverage, 1.0);
}

#[test]
fn avoid_everything_nothing_and_unknown() {
    let cat = default_cat();
    let me = Profile::new();
    let all: Vec<String> = cat.skills().iter().map(|s| s.id.clone()).collect();
    let roles: Vec<Target> = cat
        .roles()
        .iter()
        .map(|r| Target::from(r.id.as_str()))
        .collect();
    for mode in [Mode::All, Mode::Any] {
        let opts = {
            let mut o = PathOptions::default();
            o.mode = mode;
            o.avoid = all.clone();
            o
        };
        for t in &roles {
            let e = cat.learning_path(&me, std::slice::from_ref(t), &opts);
            assert!(matches!(e, Err(Error::Infeasible { .. })), "{e:?}");
        }
        let e = cat.learning_path(&me, &roles, &opts);
        assert!(matches!(e, Err(Error::Infeasible { .. })), "{e:?}");
        // Avoiding everything is fine when nothing is needed.
        let empty = Target::Role(role("empty", vec![]));
        assert!(
            cat.learning_path(&me, &[empty], &opts)
                .is_ok_and(|p| p.steps.is_empty())
        );
    }
    // Avoid lists with unknown ids, duplicates, and avoiding what is known.
    for avoid in [
        vec!["nope".to_string()],
        vec![String::new()],
        vec!["PYTHON".into()],
    ] {
        let opts = {
            let mut o = PathOptions::default();
            o.avoid = avoid.clone();
            o
        };
        let Err(e) = cat.learning_path(&me, &roles[..1], &opts) else {
            panic!("{avoid:?}")
        };
        assert!(is_unknown_skill(&e, &avoid[0]), "{e}");
    }
    let opts = {
        let mut o = PathOptions::default();
        o.avoid = vec!["python".into(); 1000];
        o
    };
    let known: Profile = cat.skills().iter().map(|s| (s.id.clone(), 1u32)).collect();
    for t in &roles {
        match cat.learning_path(&known, std::slice::from_ref(t), &opts) {
            Ok(p) => check_path(&cat, &p),
            Err(Error::Infeasible { .. }) => {}
            Err(e) => panic!("{e}"),
        }
    }
}

/// Budgets of 0 and 1 search nodes: a path whose `optimal` and `lower_bound`
/// tell the truth, compared with the default budget's proven optimum.
#[test]
fn tiny_budgets_are_honest() {
    let cat = default_cat();
    let profiles = [
        Profile::new(),
        Profile::from_refs(["python@2", "sql", "statistics"]).unwrap_or_default(),
    ];
    let mut targets: Vec<Vec<Target>> = cat
        .roles()
        .iter()
        .map(|r| vec![Target::from(r.id.as_str())])
        .collect();
    targets.push(
        cat.roles()
            .iter()
            .take(4)
            .map(|r| Target::from(r.id.as_str()))
            .collect(),
    );
    for me in &profiles {
        for t in &targets {
            let Ok(best) = cat.learning_path(me, t, &PathOptions::default()) else {
                panic!("{t:?}")
            };
            assert!(best.optimal, "the default budget proves {t:?}");
            for budget in [0, 1, 2] {
                let opts = {
                    let mut o = PathOptions::default();
                    o.limits.budget = Some(budget);
                    o
                };
                let Ok(p) = cat.learning_path(me, t, &opts) else {
                    panic!("budget {budget} {t:?}")
                };
                check_path(&cat, &p);
                let tol = 1e-9 * best.total_hours.max(1.0);
                assert!(p.total_hours >= best.total_hours - tol, "beats the optimum");
                assert!(
                    p.lower_bound <= best.total_hours + tol,
                    "bound above the optimum"
                );
                if p.optimal {
                    assert!((p.total_hours - best.total_hours).abs() <= tol);
                }
            }
        }
    }
}

#[test]
fn schedules_with_bad_hours_per_week() {
    let cat = default_cat();
    let Ok(p) = cat.learning_path(
        &Profile::new(),
        &[Target::from("ml-engineer")],
        &PathOptions::default(),
    ) else {
        panic!()
    };
    for hpw in [
        0.0,
        -0.0,
        -1.0,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        1e-300,
        f64::MIN_POSITIVE,
        5e-324,
    ] {
        let r = cat.schedule(&p, hpw);
        assert!(matches!(r, Err(Error::InvalidArgument(_))), "{hpw}: {r:?}");
    }
    for hpw in [1e300, f64::MAX, 1e-2, 1.0, 40.0] {
        match cat.schedule(&p, hpw) {
            Ok(s) => {
                assert!(s.total_weeks >= 1);
                assert_eq!(s.weeks.len(), s.total_weeks as usize);
            }
            Err(e) => panic!("{hpw}: {e}"),
        }
    }
    // An empty path: zero weeks.
    let empty = LearningPath {
        steps: vec![],
        total_hours: 0.0,
        optimal: true,
        lower_bound: 0.0,
        targets: vec![],
        start: Profile::new(),
    };
    assert!(cat.schedule(&empty, 10.0).is_ok_and(|s| s.total_weeks == 0));
    assert!(cat.milestones(&empty).is_ok_and(|m| m.is_empty()));
}

fn step(skill: &str, level: u32, hours: f64) -> Step {
    Step {
        skill: skill.into(),
        level,
        hours,
        reasons: vec![],
    }
}

fn path_of(steps: Vec<Step>, start: Profile) -> LearningPath {
    LearningPath {
        total_hours: steps.iter().map(|s| s.hours).sum(),
        steps,
        optimal: false,
        lower_bound: 0.0,
        targets: vec!["made-up".into()],
        start,
    }
}

/// Paths made by hand that no engine would return.
#[test]
fn milestones_and_schedules_of_invalid_paths() {
    let cat = default_cat();
    let bad_paths = [
        path_of(vec![step("nope", 1, 1.0)], Profile::new()),
        path_of(vec![step("", 1, 1.0)], Profile::new()),
        path_of(vec![step("python", 0, 1.0)], Profile::new()),
        path_of(vec![step("python", 2, 1.0)], Profile::new()),
        path_of(vec![step("python", 4, 1.0)], Profile::new()),
        path_of(vec![step("python", u32::MAX, 1.0)], Profile::new()),
        path_of(
            vec![step("python", 1, 1.0), step("python", 1, 1.0)],
            Profile::new(),
        ),
        path_of(vec![step("python", 1, f64::NAN)], Profile::new()),
        path_of(vec![step("python", 1, -1.0)], Profile::new()),
        path_of(vec![step("python", 1, f64::INFINITY)], Profile::new()),
        path_of(vec![step("python", 1, 1.0)], Profile::new().with("nope", 1)),
        path_of(
            vec![step("python", 1, 1.0)],
            Profile::new().with("python", 9),
        ),
        path_of(
            vec![step("python", 1, 1.0)],
            Profile::new().with("python", 1),
        ),
        // pytorch's prerequisites are not met.
        path_of(vec![step("pytorch", 1, 1.0)], Profile::new()),
    ];
    for p in &bad_paths {
        let m = cat.milestones(p);
        assert!(m.is_err(), "{:?} gave milestones {m:?}", p.steps);
        for hpw in [10.0, 1e-300, f64::NAN] {
            assert!(cat.schedule(p, hpw).is_err(), "{:?}", p.steps);
        }
    }
    // A valid hand-made path with zero-hour and huge steps.
    let ok = path_of(
        vec![
            step("linear-algebra", 1, 0.0),
            step("linear-algebra", 2, 1e300),
            step("linear-algebra", 3, 0.0),
        ],
        Profile::new(),
    );
    assert!(cat.milestones(&ok).is_ok());
    assert!(matches!(
        cat.schedule(&ok, 1.0),
        Err(Error::InvalidArgument(_))
    ));
    assert!(cat.schedule(&ok, 1e300).is_ok_and(|s| s.total_weeks == 1));
}

#[test]
fn text_matching_on_huge_odd_and_empty_text() {
    let cat = default_cat();
    assert!(cat.match_text("").is_empty());
    assert!(
        cat.role_from_text("", "empty", None)
            .is_ok_and(|r| r.requires.is_empty())
    );
    let check = |text: &str| {
        let ms = cat.match_text(text);
        let mut last_end = 0;
        for m in &ms {
            assert!(m.start >= last_end && m.start < m.end, "{m:?}");
            assert_eq!(text.get(m.start..m.end), Some(m.text.as_str()));
            last_end = m.end;
        }
        ms
    };
    // 10 MB of text.
    let chunk = "We need Python, SQL and PyTorch; Kubernetes is a plus. ";
    let big = chunk.repeat(10_000_000 / chunk.len());
    let ms = check(&big);
    assert!(ms.len() >= 3 * (10_000_000 / chunk.len()), "{}", ms.len());
    assert!(
        cat.role_from_text(&big, "posting", Some("P"))
            .is_ok_and(|r| r.requires.len() >= 3)
    );
    // 10 MB without a single word boundary.
    check(&"a".repeat(10_000_000));
    check(&"python".repeat(1_000_000));
    // Combining marks everywhere: after words, alone, stacked.
    check(&"\u{301}".repeat(1_000_000));
    check(&"python\u{301} sql\u{308}\u{323} ".repeat(10_000));
    check(&"p\u{301}y\u{301}t\u{301}h\u{301}o\u{301}n\u{301} ".repeat(10_000));
    // Characters whose lowercase has another UTF-8 length or is several chars.
    check(
        &"\u{23a}python \u{212a}ubernetes \u{130}SQL \u{1e9e}\u{2c65} PYTHON\u{130} "
            .repeat(10_000),
    );
    check("\u{feff}python\u{0}sql\u{0}");
    // Invalid role ids.
    for id in ["", "Bad", "a b", "日本", "a@1", &"x".repeat(1 << 20)] {
        let r = cat.role_from_text("python", id, None);
        if id.len() < (1 << 20) {
            assert!(matches!(r, Err(Error::InvalidArgument(_))), "{id:?}");
        }
    }
    // A role made from text works as a target.
    let Ok(r) = cat.role_from_text(&big[..10_000], "posting", None) else {
        panic!()
    };
    let Ok(p) = cat.learning_path(&Profile::new(), &[Target::Role(r)], &PathOptions::default())
    else {
        panic!()
    };
    check_path(&cat, &p);
}

#[test]
fn synthetic_with_absurd_arguments() {
    let t = std::time::Instant::now();
    for (n, r, f) in [
        (usize::MAX, 10, 0.1),
        (10, usize::MAX, 0.1),
        (usize::MAX, usize::MAX, 0.1),
        (10, 10, f64::NAN),
        (10, 10, -1.0),
        (10, 10, 2.0),
        (10, 10, f64::INFINITY),
        (10, 10, f64::NEG_INFINITY),
        (10, 10, -0.000_001),
        (10, 10, 1.000_001),
    ] {
        let e = synthetic(n, r, 0, f);
        assert!(
            matches!(e, Err(Error::InvalidArgument(_))),
            "({n}, {r}, {f})"
        );
        let e = Catalog::synthetic(n, r, u64::MAX, f);
        assert!(
            matches!(e, Err(Error::InvalidArgument(_))),
            "({n}, {r}, {f})"
        );
    }
    assert!(t.elapsed().as_secs() < 5, "absurd sizes must fail fast");
    // Degenerate sizes are valid catalogs.
    for (n, r, f) in [
        (0, 0, 0.0),
        (0, 5, 1.0),
        (1, 0, 0.5),
        (1, 1, 1.0),
        (2, 3, -0.0),
    ] {
        match synthetic(n, r, u64::MAX, f) {
            Ok(cat) => {
                assert_eq!((cat.skills().len(), cat.roles().len()), (n, r));
                exercise(&cat);
            }
            Err(e) => panic!("({n}, {r}, {f}): {e}"),
        }
    }
}

#[test]
fn matrices_and_rankings_of_nothing() {
    let cat = default_cat();
    let me = Profile::new();
    assert!(cat.hours_matrix(&[], None).is_ok_and(|m| m.is_empty()));
    assert!(cat.hours_matrix(&[], Some(&[])).is_ok_and(|m| m.is_empty()));
    assert!(
        cat.hours_matrix(std::slice::from_ref(&me), Some(&[]))
            .is_ok_and(|m| m.is_empty())
    );
    assert!(cat.rank_roles(&me, Some(&[])).is_ok_and(|r| r.is_empty()));
    match cat.next_steps(&me, Some(&[])) {
        Ok(_) | Err(Error::InvalidArgument(_)) => {}
        Err(e) => panic!("{e}"),
    }
    // A catalog with nothing in it.
    let Some(empty) = json_result("{}") else {
        panic!()
    };
    exercise(&empty);
    assert!(
        empty
            .hours_matrix(&[me.clone(), me.clone()], None)
            .is_ok_and(|m| m.is_empty())
    );
    assert!(empty.rank_roles(&me, None).is_ok_and(|r| r.is_empty()));
    assert!(empty.next_steps(&me, None).is_ok_and(|r| r.is_empty()));
    assert!(empty.match_text("python").is_empty());
    // A thousand profiles, some bad: the first bad one is the error.
    let mut many = vec![me.clone(); 1000];
    assert!(
        cat.hours_matrix(&many, None)
            .is_ok_and(|m| m.len() == 1000 * cat.roles().len())
    );
    many[500] = Profile::new().with("nope", 1);
    assert!(matches!(
        cat.hours_matrix(&many, None),
        Err(Error::UnknownSkill { .. })
    ));
}

#[test]
fn with_roles_hostile() {
    let cat = default_cat();
    for roles in [
        vec![role("ml-engineer", vec![])],
        vec![role("new", vec![]), role("new", vec![])],
        vec![role("Bad", vec![])],
        vec![role("new", vec!["nope".into()])],
        vec![role("new", vec![group(&[], 1)])],
    ] {
        let Err(e) = cat.with_roles(roles.clone()) else {
            panic!("{roles:?}")
        };
        assert!(matches!(e, Error::Invalid(_)), "{e}");
    }
    assert!(cat.with_roles(vec![]).is_ok_and(|c| c == cat));
}

// ---------------------------------------------------------------------------
// 200,000 skills, on a small stack
// ---------------------------------------------------------------------------

const BIG: usize = 200_000;

fn chain_def(n: usize) -> CatalogDef {
    let skills = (0..n)
        .map(|i| {
            let prev = if i == 0 {
                vec![]
            } else {
                vec![format!("k{}", i - 1)]
            };
            SkillDef {
                requires: prev.into_iter().map(ReqDef::Ref).collect(),
                ..skill(&format!("k{i}"), 1.0, &[])
            }
        })
        .collect();
    def(
        skills,
        vec![
            role("top", vec![ReqDef::Ref(format!("k{}", n - 1))]),
            role("mid", vec![ReqDef::Ref(format!("k{}", n / 2))]),
        ],
    )
}

/// Runs every query on a big catalog towards `targets`, and checks the path.
fn exercise_big(cat: &Catalog, targets: &[Target], expect_steps: usize) {
    let me = Profile::new();

    for order in [Order::Default, Order::Milestones] {
        let opts = {
            let mut o = PathOptions::default();
            o.order = order;
            o
        };
        let p = match cat.learning_path(&me, targets, &opts) {
            Ok(p) => p,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(p.steps.len(), expect_steps);
        if order == Order::Default {
            check_path(cat, &p);
        }
        let Ok(m) = cat.milestones(&p) else { panic!() };
        assert!(!m.is_empty());
    }
    for t in targets {
        match cat.gap(&me, t) {
            Ok(g) => assert!(!g.ready),
            Err(e) => panic!("{e}"),
        }
    }
    match cat.rank_roles(&me, None) {
        Ok(r) => assert_eq!(r.len(), cat.roles().len()),
        Err(e) => panic!("{e}"),
    }
    match cat.hours_matrix(&[me.clone(), me.clone()], None) {
        Ok(m) => assert_eq!(m.len(), 2 * cat.roles().len()),
        Err(e) => panic!("{e}"),
    }
    match cat.next_steps(&me, Some(targets)) {
        Ok(n) => assert!(!n.is_empty()),
        Err(e) => panic!("{e}"),
    }
    match cat.next_steps(&me, None) {
        Ok(n) => assert!(!n.is_empty()),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn chain_of_200k_on_a_small_stack() {
    on_stack(SMALL_STACK, || {
        let d = chain_def(BIG);
        let cat = match Catalog::from_def(&d) {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(cat.step_graph().topo().len(), BIG);
        exercise_big(&cat, &[Target::from("top")], BIG);
        // Through text and back.
        let back = Catalog::from_json(&cat.to_json());
        assert!(back.is_ok_and(|b| b == cat));
    });
}

#[test]
fn chain_of_200k_levels_on_a_small_stack() {
    on_stack(SMALL_STACK, || {
        // One skill with 200,000 levels, each level also needing the level
        // below of a second long skill.
        let mut a = skill("a", 1.0, &[]);
        a.hours = Hours::Levels(vec![1.0; BIG]);
        let mut b = skill("b", 1.0, &["a"]);
        b.hours = Hours::Levels(vec![1.0; BIG]);
        b.level_requires = (2..=BIG)
            .map(|l| (l.to_string(), vec![ReqDef::Ref(format!("a@{l}"))]))
            .collect::<BTreeMap<_, _>>();
        let d = def(
            vec![a, b],
            vec![
                role("top", vec![ReqDef::Ref(format!("b@{BIG}"))]),
                role("mid", vec![ReqDef::Ref(format!("a@{}", BIG / 2))]),
            ],
        );
        let cat = match Catalog::from_def(&d) {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        };
        exercise_big(&cat, &[Target::from("top")], 2 * BIG);
    });
}

#[test]
fn fan_in_of_200k_on_a_small_stack() {
    on_stack(SMALL_STACK, || {
        let ids: Vec<String> = (0..BIG).map(|i| format!("k{i}")).collect();
        let mut skills: Vec<SkillDef> = ids.iter().map(|id| skill(id, 1.0, &[])).collect();
        // One skill requiring all of them; one role requiring all of them.
        let mut top = skill("top", 1.0, &[]);
        top.requires = ids.iter().map(|id| ReqDef::Ref(id.clone())).collect();
        skills.push(top);
        let d = def(
            skills,
            vec![
                role("via-skill", vec!["top".into()]),
                role(
                    "wide",
                    ids.iter().map(|id| ReqDef::Ref(id.clone())).collect(),
                ),
                role("one", vec!["k0".into()]),
            ],
        );
        let t = std::time::Instant::now();
        let cat = match Catalog::from_def(&d) {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        };
        assert!(
            t.elapsed().as_secs() < 20,
            "validating a 200,000-wide fan-in took {:?}",
            t.elapsed()
        );
        exercise_big(&cat, &[Target::from("via-skill")], BIG + 1);
        exercise_big(&cat, &[Target::from("wide")], BIG);
        // The same entry twice in a wide role is still found.
        let mut d2 = d.clone();
        d2.roles[1].requires.push(ReqDef::Ref("k7".into()));
        let Err(e) = Catalog::from_def(&d2) else {
            panic!("duplicate entry missed")
        };
        assert!(e.to_string().contains("duplicate entry `k7`"), "{e}");
    });
}

/// 200,000 skills and groups over all of them: pick one (through a skill),
/// pick all, and (`with_half`) pick half.
fn group_fan_in_catalog(with_half: bool) -> Catalog {
    let ids: Vec<String> = (0..BIG).map(|i| format!("k{i}")).collect();
    let mut skills: Vec<SkillDef> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| skill(id, 1.0 + (i % 7) as f64, &[]))
        .collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut top = skill("top", 1.0, &[]);
    top.requires = vec![group(&refs, 1)];
    skills.push(top);
    let mut roles = vec![
        role("any", vec!["top".into()]),
        role("all", vec![group(&refs, BIG as i64)]),
    ];
    if with_half {
        roles.push(role("half", vec![group(&refs, (BIG / 2) as i64)]));
    }
    let d = def(skills, roles);
    match Catalog::from_def(&d) {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    }
}

fn group_paths(cat: &Catalog, roles: &[(&str, usize)]) {
    let me = Profile::new();
    for &(id, steps) in roles {
        for budget in [Some(0), Some(1), None] {
            let opts = {
                let mut o = PathOptions::default();
                o.limits.budget = budget;
                o
            };
            match cat.learning_path(&me, &[Target::from(id)], &opts) {
                Ok(p) => {
                    assert_eq!(p.steps.len(), steps, "{id}");
                    check_path(cat, &p);
                }
                Err(e) => panic!("{id}: {e}"),
            }
        }
    }
}

#[test]
fn group_fan_in_of_200k_on_a_small_stack() {
    on_stack(SMALL_STACK, || {
        let cat = group_fan_in_catalog(false);
        group_paths(&cat, &[("any", 2)]);
        let me = Profile::new();
        for id in ["any", "all"] {
            match cat.gap(&me, &Target::from(id)) {
                Ok(g) => assert!(!g.ready),
                Err(e) => panic!("{e}"),
            }
        }
        assert!(cat.rank_roles(&me, None).is_ok_and(|r| r.len() == 2));
        assert!(cat.next_steps(&me, None).is_ok());
        assert!(cat.next_steps(&me, Some(&[Target::from("all")])).is_ok());
    });
}

/// The path that takes all 200,000 members of one group.
#[test]
fn group_path_of_200k_members_on_a_small_stack() {
    on_stack(SMALL_STACK, || {
        let cat = group_fan_in_catalog(false);
        group_paths(&cat, &[("all", BIG)]);
    });
}

/// Any query on a group that needs 100,000 of its 200,000 members.
#[test]
fn group_of_200k_needing_half_on_a_small_stack() {
    on_stack(SMALL_STACK, || {
        let cat = group_fan_in_catalog(true);
        let me = Profile::new();
        let t = [Target::from("half")];
        assert!(cat.gap(&me, &t[0]).is_ok());
        assert!(cat.rank_roles(&me, Some(&t)).is_ok());
        let opts = {
            let mut o = PathOptions::default();
            o.limits.budget = Some(0);
            o
        };
        assert!(
            cat.learning_path(&me, &t, &opts)
                .is_ok_and(|p| p.steps.len() == BIG / 2)
        );
    });
}

#[test]
fn cycle_of_200k_on_a_small_stack() {
    on_stack(SMALL_STACK, || {
        let mut d = chain_def(BIG);
        d.skills[0].requires = vec![ReqDef::Ref(format!("k{}", BIG - 1))];
        let Err(e) = Catalog::from_def(&d) else {
            panic!("a cycle was accepted")
        };
        let Some(cycle) = e.cycle() else {
            panic!("{e}")
        };
        assert_eq!(cycle.len(), BIG);
        // A cycle through two levels of one skill, at the end of a long chain.
        let mut d = chain_def(BIG);
        let last = d.skills.len() - 1;
        d.skills[last].hours = Hours::Levels(vec![1.0, 1.0]);
        d.skills[0].requires = vec![ReqDef::Ref(format!("k{last}@2"))];
        let Err(e) = Catalog::from_def(&d) else {
            panic!("a cycle was accepted")
        };
        assert!(e.cycle().is_some_and(|c| c.len() == BIG + 1), "{e}");
    });
}
