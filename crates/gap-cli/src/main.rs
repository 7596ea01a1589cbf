//! The `skillgap` command (work in progress).

fn main() {
    let cat = gap_core::Catalog::from_json(r#"{"skills": [], "roles": []}"#);
    println!("{}", cat.map(|c| c.skills().len()).unwrap_or(0));
}
