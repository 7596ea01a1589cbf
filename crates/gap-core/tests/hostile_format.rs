//! Hostile catalog text, hand-picked cases: deep nesting, extreme numbers, odd
//! ids, references, level keys and groups, a million levels, empty files, BOM,
//! NUL and invalid UTF-8 on disk. Each must load (then be usable) or give an
//! error that says where the problem is.

mod common;

use gap_core::{Catalog, Error, PathOptions, Profile, Target};
use serde_json::json;

use common::hostile::*;

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
        #[cfg(feature = "text")]
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
    // Keys written any way but the plain one hide mistakes: errors (issue 17).
    for k in [" 3", "03", "+3", "3 "] {
        let e = json_err(&with_key(k)).to_string();
        assert!(e.contains("bad level_requires key"), "{k:?}: {e}");
    }
    // Two keys naming the same level must not silently drop one of the lists.
    let two = r#"{"skills": [{"id": "a", "name": "A", "hours": 1}, {"id": "c", "name": "C", "hours": 1},
        {"id": "b", "name": "B", "hours": [1, 2], "level_requires": {"2": ["a"], " 2": ["c"]}}]}"#;
    let e = json_err(two).to_string();
    assert!(
        e.contains(r#"skills[2] (b).level_requires." 2": bad level_requires key ` 2`: level ` 2` is not a whole number"#),
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
    // A catalog is a JSON object: a top-level array is a parse error (serde
    // alone would read an array as the struct's fields in order).
    assert!(matches!(json_err("[]"), Error::Parse { .. }));
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

/// An empty or space-only alias could never find its skill: a problem at load
/// naming the skill and the alias's place (issue 17).
#[test]
fn empty_aliases_are_errors() {
    for alias in ["", " ", "\t \n"] {
        let text = json!({"skills": [{"id": "a", "name": "A", "hours": 1,
                                      "aliases": ["ok", alias]}]})
        .to_string();
        let Err(Error::Invalid(inv)) = Catalog::from_json(&text) else {
            panic!("alias {alias:?} accepted");
        };
        let p = &inv.problems[0];
        assert_eq!((p.kind(), p.id()), ("bad_alias", Some("a")));
        assert_eq!(p.place(), "skills[0] (a).aliases[1]");
    }
}
