//! Hostile input to text matching: a megabyte-long repetitive skill name, 10 MB
//! of text, text without word boundaries, combining marks, characters whose
//! lowercase changes length, invalid role ids.

mod common;

use gap_core::{Error, PathOptions, Profile, Target};

use common::hostile::*;

/// A skill whose name is one letter repeated: the text matcher's automaton.
#[test]
fn text_matcher_on_a_long_repetitive_name() {
    let name = "a".repeat(1 << 20);
    let Some(cat) = json_result(&format!(
        r#"{{"skills": [{{"id": "x", "name": "{name}", "hours": 1}}]}}"#
    )) else {
        panic!("valid")
    };
    // (Its speed is a benchmark's business, not a timed test's: a 1 MiB
    // pattern used to build a quadratic automaton.)
    assert_eq!(cat.match_text(&name).len(), 1);
}

#[test]
fn text_matching_on_huge_odd_and_empty_text() {
    let cat = default_cat();
    assert!(cat.match_text("").is_empty());
    assert!(
        // An empty posting is an error naming it.
        matches!(cat.role_from_text("", "empty", None), Err(Error::InvalidArgument(m)) if m.contains("`empty`"))
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
    for id in ["", "Bad", "a b", "日本", "a@1"] {
        let r = cat.role_from_text("python", id, None);
        assert!(matches!(r, Err(Error::InvalidArgument(_))), "{id:?}");
    }
    // A valid id, however long, is kept as given.
    let long = "x".repeat(1 << 20);
    let r = cat.role_from_text("python", &long, None);
    assert!(r.is_ok_and(|r| r.id == long && r.requires.len() == 1));
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
