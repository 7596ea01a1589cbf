//! Every rule of "Reading a posting" (SPEC 4) on small written postings, with
//! the exact expected role.

use super::*;

fn cat() -> Catalog {
    Catalog::from_json(
        r#"{"skills": [
      {"id": "python", "name": "Python", "hours": [40, 80, 160]},
      {"id": "sql", "name": "SQL", "hours": 20},
      {"id": "docker", "name": "Docker", "hours": 20},
      {"id": "kubernetes", "name": "Kubernetes", "aliases": ["k8s"], "hours": 40},
      {"id": "pytorch", "name": "PyTorch", "hours": 40},
      {"id": "tensorflow", "name": "TensorFlow", "hours": 40},
      {"id": "aws", "name": "AWS", "hours": 30},
      {"id": "gcp", "name": "GCP", "hours": 30},
      {"id": "azure", "name": "Azure", "hours": 30},
      {"id": "r", "name": "R", "hours": 30},
      {"id": "go", "name": "Go", "hours": 30},
      {"id": "node", "name": "Node.js", "hours": 30},
      {"id": "onnx", "name": "ONNX", "hours": [10, 20]}]}"#,
    )
    .expect("valid test catalog")
}

/// The role's requirements and optional list as text.
fn role(text: &str) -> (Vec<String>, Vec<String>) {
    let p = cat().read_posting(text, "job", None).expect("readable");
    check_evidence(text, &p);
    (
        p.role.requires.iter().map(ToString::to_string).collect(),
        p.role.optional.clone(),
    )
}

fn check_evidence(text: &str, p: &Posting) {
    let mut last = 0;
    for e in &p.evidence {
        assert_eq!(text.get(e.start..e.end), Some(e.text.as_str()), "{e:?}");
        assert!(e.start >= last, "evidence in text order");
        last = e.start;
    }
    // The role is valid in the catalog.
    assert!(
        cat().with_roles(vec![p.role.clone()]).is_ok(),
        "{:?}",
        p.role
    );
}

fn v(items: &[&str]) -> Vec<String> {
    items.iter().map(ToString::to_string).collect()
}

#[test]
fn without_cues_every_skill_is_essential_level_one_in_order() {
    assert_eq!(
        role("SQL, Python and Docker. More sql and python!"),
        (v(&["sql", "python", "docker"]), v(&[]))
    );
}

#[test]
fn sentences_split_at_punctuation_and_line_breaks_not_inside_names() {
    // The period of Node.js does not end the sentence, so its cue reaches it.
    assert_eq!(role("Node.js is a plus"), (v(&[]), v(&["node"])));
    for text in [
        "Python. Docker is a plus",
        "Python; Docker is a plus",
        "Python! Docker is a plus",
        "Python? Docker is a plus",
        "Python\nDocker is a plus",
        "Python\r\nDocker is a plus",
    ] {
        assert_eq!(role(text), (v(&["python"]), v(&["docker"])), "{text:?}");
    }
    // One sentence: the cue makes both optional.
    assert_eq!(
        role("Python and Docker is a plus"),
        (v(&[]), v(&["python", "docker"]))
    );
}

#[test]
fn every_optional_cue_makes_its_sentence_optional() {
    for cue in [
        "nice to have",
        "Nice-to-have",
        "preferred",
        "a plus",
        "BONUS",
        "desirable",
        "optional",
        "not required",
    ] {
        let text = format!("Python required. Docker and SQL: {cue}.");
        assert_eq!(
            role(&text),
            (v(&["python"]), v(&["docker", "sql"])),
            "{cue}"
        );
    }
    // Whole words only: "bonuses" and "preferredly" are no cues.
    assert_eq!(role("Docker bonuses"), (v(&["docker"]), v(&[])));
}

#[test]
fn a_heading_makes_following_lines_optional_until_a_requirement_heading() {
    let text = "Requirements:\nPython\nNice to have:\nDocker\n- Kubernetes (k8s)\n\nWhat you bring\nSQL\nPyTorch";
    assert_eq!(
        role(text),
        (
            v(&["python", "sql", "pytorch"]),
            v(&["docker", "kubernetes"])
        )
    );
    for req in [
        "Requirements",
        "required",
        "Must have:",
        "must-have",
        "Qualifications",
        "What you bring",
        "You have",
    ] {
        let text = format!("Bonus:\nDocker\n{req}\nSQL");
        assert_eq!(role(&text), (v(&["sql"]), v(&["docker"])), "{req}");
    }
    // A line with a cue and a skill is no heading: the next line is essential.
    assert_eq!(role("Docker is a plus\nSQL"), (v(&["sql"]), v(&["docker"])));
    // The scope runs to the end of the text without a requirement heading.
    assert_eq!(
        role("Python\nPreferred:\nDocker\nSQL"),
        (v(&["python"]), v(&["docker", "sql"]))
    );
}

#[test]
fn alternatives_become_any_of_groups_in_text_order() {
    assert_eq!(
        role("PyTorch or TensorFlow"),
        (v(&["any_of[pytorch, tensorflow]"]), v(&[]))
    );
    assert_eq!(
        role("AWS/GCP/Azure"),
        (v(&["any_of[aws, gcp, azure]"]), v(&[]))
    );
    assert_eq!(
        role("Python, R or Go"),
        (v(&["any_of[python, r, go]"]), v(&[]))
    );
    assert_eq!(
        role("either PyTorch or TensorFlow, and Docker"),
        (v(&["any_of[pytorch, tensorflow]", "docker"]), v(&[]))
    );
    assert_eq!(
        role("SQL and/or Python"),
        (v(&["any_of[sql, python]"]), v(&[]))
    );
    assert_eq!(
        role("AWS, one of GCP or Azure"),
        (v(&["any_of[aws, gcp, azure]"]), v(&[]))
    );
    // Without "or" or "/" there is no group; other words break the run.
    assert_eq!(
        role("SQL, Python, Docker"),
        (v(&["sql", "python", "docker"]), v(&[]))
    );
    assert_eq!(
        role("SQL and Python or Docker"),
        (v(&["sql", "any_of[python, docker]"]), v(&[]))
    );
    // Not across sentences.
    assert_eq!(role("SQL. or Python"), (v(&["sql", "python"]), v(&[])));
    // Optional alternatives: each member optional.
    assert_eq!(
        role("Python. PyTorch or TensorFlow is a plus"),
        (v(&["python"]), v(&["pytorch", "tensorflow"]))
    );
    // A repeated skill in a run is one member; a run of one skill is no group.
    assert_eq!(role("SQL or sql"), (v(&["sql"]), v(&[])));
}

#[test]
fn years_raise_levels_capped_at_the_highest() {
    assert_eq!(role("5+ years of Python"), (v(&["python@3"]), v(&[])));
    assert_eq!(
        role("2-4 years of Python and SQL"),
        (v(&["python@2", "sql"]), v(&[]))
    );
    assert_eq!(role("1 year of Python"), (v(&["python"]), v(&[])));
    assert_eq!(
        role("Python for 3 years; SQL"),
        (v(&["python@2", "sql"]), v(&[]))
    );
    // ONNX has two levels: 7 years is level 3, capped at 2.
    assert_eq!(role("7 years of ONNX, a plus"), (v(&[]), v(&["onnx@2"])));
    // The highest phrase of a sentence counts.
    assert_eq!(
        role("1 year or 6 years of Python"),
        (v(&["python@3"]), v(&[]))
    );
    let p = cat()
        .read_posting("4+ years of Python", "job", None)
        .expect("ok");
    let lv: Vec<&Evidence> = p
        .evidence
        .iter()
        .filter(|e| e.kind == EvidenceKind::Level)
        .collect();
    assert_eq!(lv.len(), 1);
    assert_eq!(
        (lv[0].text.as_str(), lv[0].detail.as_str()),
        ("4+ years", "level 2 from \"4+ years\"")
    );
}

#[test]
fn collapse_rules() {
    // Essential and optional: essential.
    assert_eq!(role("Python. Python is a plus"), (v(&["python"]), v(&[])));
    assert_eq!(
        role("Nice to have:\nPython\nRequirements\nPython"),
        (v(&["python"]), v(&[]))
    );
    // An essential skill leaves its group; a group of one becomes essential.
    assert_eq!(
        role("PyTorch or TensorFlow. PyTorch"),
        (v(&["tensorflow", "pytorch"]), v(&[]))
    );
    assert_eq!(
        role("AWS, GCP or Azure. GCP"),
        (v(&["any_of[aws, azure]", "gcp"]), v(&[]))
    );
    // Repeated until nothing changes: tensorflow, left alone, is essential
    // and leaves the second group too.
    assert_eq!(
        role("PyTorch or TensorFlow. TensorFlow or Docker. PyTorch"),
        (v(&["tensorflow", "docker", "pytorch"]), v(&[]))
    );
    // Duplicates collapse to the highest level; identical groups are one.
    assert_eq!(
        role("Python. 5 years of Python is a plus. 2 years of Python"),
        (v(&["python@3"]), v(&[]))
    );
    assert_eq!(
        role("AWS or GCP. AWS/GCP"),
        (v(&["any_of[aws, gcp]"]), v(&[]))
    );
    // In an essential group: not optional too.
    assert_eq!(
        role("AWS or GCP. GCP preferred"),
        (v(&["any_of[aws, gcp]"]), v(&[]))
    );
    // Contradictory cues in one sentence: the optional cue decides it, the
    // collapse rules settle the rest.
    assert_eq!(
        role("Python required, not required: Docker. Docker required"),
        (v(&["docker"]), v(&["python"]))
    );
}

#[test]
fn evidence_names_each_decision_and_its_span() {
    let text = "Must have: 4+ years of Python.\nNice to have:\nPyTorch or TensorFlow";
    let p = cat().read_posting(text, "job", Some("ML")).expect("ok");
    assert_eq!(p.role.name, "ML");
    let got: Vec<(&str, &str, &str)> = p
        .evidence
        .iter()
        .map(|e| (e.kind.as_str(), e.skill.as_str(), e.text.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("level", "python", "4+ years"),
            ("match", "python", "Python"),
            ("optional", "pytorch", "Nice to have"),
            ("optional", "tensorflow", "Nice to have"),
            ("match", "pytorch", "PyTorch"),
            ("alternative", "pytorch", "PyTorch or TensorFlow"),
            ("alternative", "tensorflow", "PyTorch or TensorFlow"),
            ("match", "tensorflow", "TensorFlow"),
        ]
    );
    assert!(p.evidence[2].detail.contains("heading"));
    let p = cat()
        .read_posting("GCP or AWS. GCP", "job", None)
        .expect("ok");
    let ess: Vec<(&str, &str)> = p
        .evidence
        .iter()
        .filter(|e| e.kind == EvidenceKind::Essential)
        .map(|e| (e.skill.as_str(), e.text.as_str()))
        .collect();
    assert_eq!(ess, vec![("aws", "GCP or AWS"), ("gcp", "GCP")]);
}

#[test]
fn empty_or_skill_free_postings_are_errors_naming_the_posting() {
    let c = cat();
    for text in ["", "  \n\t", "We want nice people."] {
        match c.read_posting(text, "acme-1", None) {
            Err(Error::InvalidArgument(m)) => assert!(m.contains("`acme-1`"), "{m}"),
            other => panic!("{other:?}"),
        }
    }
    assert!(matches!(
        c.read_posting("Python", "Bad Id", None),
        Err(Error::InvalidArgument(_))
    ));
    assert_eq!(
        c.role_from_text("Python or SQL is a plus", "x", None)
            .expect("ok"),
        c.read_posting("Python or SQL is a plus", "x", None)
            .expect("ok")
            .role
    );
}

#[test]
fn a_megabyte_posting_with_every_rule_finishes() {
    let chunk = "Nice to have:\nPyTorch or TensorFlow, 3+ years\nRequirements\nPython; Node.js is a plus.\n";
    let text = chunk.repeat((1 << 20) / chunk.len());
    let p = cat().read_posting(&text, "big", None).expect("ok");
    let reqs: Vec<String> = p.role.requires.iter().map(ToString::to_string).collect();
    assert_eq!(reqs, v(&["python"]));
    assert_eq!(p.role.optional, v(&["pytorch", "tensorflow", "node"]));
    // Pathological: only separators and cues, no sentence end.
    let odd = "Python or ".repeat(100_000) + &"bonus ".repeat(100_000);
    let p = cat().read_posting(&odd, "odd", None).expect("ok");
    assert_eq!(p.role.optional, v(&["python"]));
}
