//! Inputs that would make a reader or a generator allocate without bound
//! (issue 17, finding 1): a gzip bomb inflating to one huge CSV field, a
//! synthetic catalog too large to build, an importer path that is a
//! directory. Each is an error naming the cause, never an abort.

use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;
use gap_core::Error;
use gap_core::import::esco::{EscoOptions, from_esco};
use gap_core::import::limits::MAX_RECORD_BYTES;
use gap_core::synthetic::synthetic;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gap-limits-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// `dir/name` gzipped: a header, one good row, then a row whose quoted
/// description runs `field` bytes (written in 1 MiB chunks, so the test
/// holds only a few MB; the file on disk is about field / 1000).
fn write_bomb(dir: &Path, name: &str, field: u64) {
    let file = std::fs::File::create(dir.join(format!("{name}.gz"))).expect("create");
    let mut gz = GzEncoder::new(file, Compression::fast());
    gz.write_all(b"conceptType,conceptUri,skillType,preferredLabel,altLabels,description\n")
        .expect("write");
    gz.write_all(
        b"KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/a,skill/competence,A,,ok\n",
    )
    .expect("write");
    gz.write_all(
        b"KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/b,skill/competence,B,,\"",
    )
    .expect("write");
    let chunk = vec![b'a'; 1 << 20];
    let mut left = field;
    while left > 0 {
        let n = left.min(chunk.len() as u64) as usize;
        gz.write_all(&chunk[..n]).expect("write");
        left -= n as u64;
    }
    gz.finish().expect("finish");
}

#[test]
fn a_gzip_bomb_field_is_an_import_error_naming_file_and_line() {
    let dir = temp_dir("bomb");
    write_bomb(&dir, "skills_en.csv", MAX_RECORD_BYTES + (1 << 20));
    let err = from_esco(&dir, &EscoOptions::default()).expect_err("refused");
    match &err {
        Error::Import {
            path,
            line,
            message,
        } => {
            assert!(path.ends_with("skills_en.csv.gz"), "{path}");
            assert_eq!(*line, 3, "{err}");
            assert!(message.contains("longer than 32 MiB"), "{message}");
        }
        other => panic!("expected an import error, got {other:?}"),
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_importer_path_that_is_a_directory_says_so() {
    let dir = temp_dir("isdir");
    std::fs::create_dir(dir.join("skills_en.csv")).expect("mkdir");
    let err = from_esco(&dir, &EscoOptions::default()).expect_err("refused");
    let text = err.to_string();
    assert!(text.contains("is a directory"), "{text}");
    assert!(!text.contains("neither"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn an_importer_path_in_a_symlink_loop_says_so() {
    let dir = temp_dir("loop");
    std::os::unix::fs::symlink(dir.join("skills_en.csv"), dir.join("skills_en.csv"))
        .expect("symlink");
    let text = from_esco(&dir, &EscoOptions::default())
        .expect_err("refused")
        .to_string();
    assert!(!text.contains("neither"), "{text}");
    assert!(text.contains("skills_en.csv"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_synthetic_catalog_too_large_is_refused_before_allocating() {
    for (s, r) in [(10_000_000, 1), (1, 1_000_000), (usize::MAX, usize::MAX)] {
        assert!(
            matches!(synthetic(s, r, 0, 0.05), Err(Error::InvalidArgument(_))),
            "{s} x {r}"
        );
    }
}

#[test]
fn levels_are_written_one_way_only() {
    use gap_core::reference::parse_reference;
    for bad in ["a@+2", "a@01", "a@ 2", "a@2 ", "a@00"] {
        assert!(parse_reference(bad).is_err(), "{bad}");
    }
    assert_eq!(parse_reference("a@10").map(|r| r.level), Ok(10));
    assert!(gap_core::Profile::from_refs(["a@+2"]).is_err());
}
