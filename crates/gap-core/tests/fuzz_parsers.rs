//! Fuzz harness for the small parsers (issue 17): references, modes, skill
//! names resolved against a catalog, profiles from references, JSON and TOML
//! profile files. Random and near-valid text; each
//! parse returns a value or an error, never panics, and what parses
//! round-trips. The catalog formats and the CSV importers have their own
//! harnesses (`hostile_format_props`, `hostile_import`). Case counts are small
//! for CI; `SKILLGAP_FUZZ_CASES=100000 cargo test -p gap-core --release
//! --test fuzz_parsers` runs longer (see docs/reliability.md).

use gap_core::Profile;
use gap_core::reference::{format_reference, parse_level, parse_reference};
use proptest::prelude::*;

/// Cases per property: `SKILLGAP_FUZZ_CASES`, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("SKILLGAP_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The embedded catalog, built once.
fn default_catalog() -> &'static gap_core::Catalog {
    static CAT: std::sync::OnceLock<gap_core::Catalog> = std::sync::OnceLock::new();
    CAT.get_or_init(gap_core::Catalog::default)
}

/// Text near the reference syntax, and any text.
fn reference_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-z0-9][a-z0-9_.+-]{0,6}(@[-+ 0-9a-z]{0,12})?",
        1 => "[a-z@0-9 ,+-]{0,20}",
        1 => any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(512), ..ProptestConfig::default() })]

    #[test]
    fn references_parse_or_explain_and_round_trip(text in reference_text()) {
        match parse_reference(&text) {
            Ok(r) => {
                prop_assert!(r.level >= 1);
                let again = format_reference(r.id, r.level);
                let back = parse_reference(&again).expect("formatted reference parses");
                prop_assert_eq!((back.id, back.level), (r.id, r.level));
                // One way to write a level: the text was already canonical.
                if let Some((_, lv)) = text.rsplit_once('@') {
                    prop_assert_eq!(lv, r.level.to_string());
                }
            }
            Err(e) => prop_assert!(!e.is_empty()),
        }
    }

    #[test]
    fn modes_parse_only_their_names_and_canonical_digits(text in "[-+ 0-9a-z]{0,8}") {
        match text.parse::<gap_core::Mode>() {
            Ok(gap_core::Mode::All) => prop_assert_eq!(text, "all"),
            Ok(gap_core::Mode::Any) => prop_assert_eq!(text, "any"),
            Ok(gap_core::Mode::AtLeast(k)) => prop_assert_eq!(k.to_string(), text),
            Ok(other) => prop_assert!(false, "{other:?}"),
            Err(e) => prop_assert!(matches!(e, gap_core::Error::InvalidArgument(_))),
        }
    }

    #[test]
    fn skill_names_resolve_to_one_skill_or_fail_cleanly(text in prop_oneof![
        2 => "[A-Za-z][A-Za-z -]{0,14}",
        1 => any::<String>(),
    ]) {
        let cat = default_catalog();
        match cat.resolve_skill(&text) {
            Ok(id) => {
                prop_assert!(cat.contains_skill(id));
                let found = cat.find_skills(&text, 100);
                prop_assert!(id == text || found.iter().any(|f| f.id == id && f.score == 1.0));
            }
            Err(gap_core::Error::UnknownSkill { .. }) => {}
            Err(gap_core::Error::SkillName { candidates, .. }) => prop_assert!(candidates.len() >= 2),
            Err(e) => prop_assert!(false, "{e:?}"),
        }
    }

    #[test]
    fn levels_parse_only_canonical_digits(text in "[-+ 0-9a]{0,12}") {
        if let Ok(l) = parse_level(&text) {
            prop_assert_eq!(l.to_string(), text);
        }
    }

    #[test]
    fn profiles_from_references_never_panic(refs in prop::collection::vec(reference_text(), 0..6)) {
        if let Ok(p) = Profile::from_refs(refs.iter().map(String::as_str)) {
            let json = serde_json::to_string(&p).expect("serialise");
            prop_assert_eq!(Profile::from_json(&json).expect("round trip"), p);
        }
    }

    #[test]
    fn profile_files_parse_or_fail_cleanly(text in prop_oneof![
        "\\{(\"[a-z@ 0-9]{0,6}\": ?-?[0-9]{0,12}(\\.[0-9])?,? ?){0,4}\\}",
        "([a-z0-9 \"]{0,6} ?= ?[-0-9a-z\"]{0,12}\n){0,4}",
        any::<String>(),
    ]) {
        let _ = Profile::from_json(&text);
        let _ = Profile::from_toml(&text);
    }
}
