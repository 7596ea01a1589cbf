//! What `examples/footprint.rs` measures must be the real thing: a catalog
//! saved to a file (as the example does with an ESCO import) loads back equal
//! to the one saved, through JSON and TOML, so the measured load is the load
//! of that catalog. Timing and memory are measured by the example, never here.

use std::path::Path;

use gap_core::Catalog;
use gap_core::import::EscoOptions;

fn save_and_load(cat: &Catalog, name: &str) {
    let dir =
        std::env::temp_dir().join(format!("gap-core-footprint-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for ext in ["json", "toml"] {
        let path = dir.join(format!("{name}.{ext}"));
        if let Err(e) = cat.save(&path) {
            panic!("save {}: {e}", path.display());
        }
        match Catalog::load(&path) {
            Ok(back) => {
                assert!(back == *cat, "{} does not load back equal", path.display());
                assert_eq!(back.step_graph().len(), cat.step_graph().len());
                assert_eq!(back.to_json(), cat.to_json());
            }
            Err(e) => panic!("load {}: {e}", path.display()),
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn imported_catalog_saves_and_loads_back_equal() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/esco");
    let imp = match Catalog::from_esco(&fixture, &EscoOptions::default()) {
        Ok(imp) => imp,
        Err(e) => panic!("import the ESCO fixture: {e}"),
    };
    assert!(!imp.catalog.skills().is_empty() && !imp.catalog.roles().is_empty());
    save_and_load(&imp.catalog, "esco");
}

#[test]
fn synthetic_catalog_saves_and_loads_back_equal() {
    // The example's default is synthetic(14000, 3000, 1, 0.0); a smaller one
    // of the same shape keeps a debug test quick.
    for fraction in [0.0, 0.3] {
        match gap_core::synthetic::synthetic(1400, 300, 1, fraction) {
            Ok(cat) => save_and_load(&cat, &format!("synthetic-{fraction}")),
            Err(e) => panic!("synthetic: {e}"),
        }
    }
}
