//! Ids and references: the `id` / `id@L` syntax of SPEC 3.1.

/// True when `id` matches `[a-z0-9][a-z0-9_.+-]*`.
///
/// ```
/// assert!(gap_core::reference::is_valid_id("scikit-learn"));
/// assert!(!gap_core::reference::is_valid_id("Python"));
/// ```
pub fn is_valid_id(id: &str) -> bool {
    let mut bytes = id.bytes();
    match bytes.next() {
        Some(b) if b.is_ascii_lowercase() || b.is_ascii_digit() => {}
        _ => return false,
    }
    bytes.all(|b| {
        b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'.' | b'+' | b'-')
    })
}

/// A parsed reference: a skill id at a minimum level (>= 1).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RefText<'a> {
    /// The skill id.
    pub id: &'a str,
    /// The level (1 when the reference has no `@L`).
    pub level: u32,
}

/// Parses `"python"` or `"python@2"`; the error says what is wrong.
///
/// ```
/// let r = gap_core::reference::parse_reference("python@2").unwrap();
/// assert_eq!((r.id, r.level), ("python", 2));
/// assert!(gap_core::reference::parse_reference("python@0").is_err());
/// ```
pub fn parse_reference(text: &str) -> Result<RefText<'_>, String> {
    let (id, level) = match text.rsplit_once('@') {
        None => (text, 1),
        Some((id, lv)) => {
            let level = parse_level(lv)?;
            if level == 0 {
                return Err("level 0 is not a level (levels start at 1)".into());
            }
            (id, level)
        }
    };
    if !is_valid_id(id) {
        return Err(format!("`{id}` is not a valid id ([a-z0-9][a-z0-9_.+-]*)"));
    }
    Ok(RefText { id, level })
}

/// Parses a level written the one plain way: decimal digits without a
/// sign, spaces or leading zeros (`"2"`; not `"+2"`, `" 2"` or `"02"`, which
/// hide mistakes, issue 17). `"0"` parses (callers decide whether 0 is a
/// level).
///
/// ```
/// use gap_core::reference::parse_level;
/// assert_eq!(parse_level("12"), Ok(12));
/// assert!(parse_level("+2").is_err() && parse_level("02").is_err() && parse_level(" 2").is_err());
/// ```
///
/// # Errors
/// A message saying what is wrong with `text`.
pub fn parse_level(text: &str) -> Result<u32, String> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("level `{text}` is not a whole number"));
    }
    if text.len() > 1 && text.starts_with('0') {
        return Err(format!(
            "level `{text}` has a leading zero (write `{}`)",
            text.trim_start_matches('0')
        ));
    }
    text.parse()
        .map_err(|_| format!("level `{text}` is too large (at most {})", u32::MAX))
}

/// Formats a reference: `id` for level 1, `id@L` above.
pub fn format_reference(id: &str, level: u32) -> String {
    if level == 1 {
        id.to_string()
    } else {
        format!("{id}@{level}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        for ok in ["a", "0", "python", "c++", "scikit-learn", "a.b_c+d-e"] {
            assert!(is_valid_id(ok), "{ok}");
        }
        for bad in ["", "A", "-a", "_a", "a b", "a@b", "é", "Python"] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn references() {
        assert_eq!(
            parse_reference("sql").unwrap(),
            RefText {
                id: "sql",
                level: 1
            }
        );
        assert_eq!(
            parse_reference("sql@3").unwrap(),
            RefText {
                id: "sql",
                level: 3
            }
        );
        assert!(parse_reference("sql@0").unwrap_err().contains("level 0"));
        assert!(
            parse_reference("sql@x")
                .unwrap_err()
                .contains("not a whole number")
        );
        assert!(parse_reference("sql@-1").is_err());
        assert!(
            parse_reference("sql@4294967296")
                .unwrap_err()
                .contains("too large")
        );
        assert_eq!(
            parse_reference("sql@4294967295").map(|r| r.level),
            Ok(u32::MAX)
        );
        assert!(parse_reference("@2").is_err());
        assert!(parse_reference("SQL").is_err());
        assert_eq!(format_reference("sql", 1), "sql");
        assert_eq!(format_reference("sql", 2), "sql@2");
    }
}
