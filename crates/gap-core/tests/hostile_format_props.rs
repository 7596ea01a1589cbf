//! Hostile catalog text, property tests: random JSON values, random mutations
//! of a valid catalog (values replaced by values of any type, keys dropped or
//! added) in JSON and TOML, and its text with bytes overwritten or cut short.
//! Every catalog that loads is queried with every query and must round-trip
//! through JSON and TOML; every error must say where the problem is.

mod common;

use proptest::prelude::*;
use serde_json::{Value, json};

use common::hostile::*;

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

proptest! {
    #![proptest_config(ProptestConfig { cases: fuzz_cases(128), ..ProptestConfig::default() })]

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
