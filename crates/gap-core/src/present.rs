//! How numbers and ids read to people, written once so that every face (the
//! command's tables, Python's HTML views and DataFrames, the DOT and Mermaid
//! exports) shows the same text for the same answer: hours, and names next
//! to ids (an ESCO UUID alone is unreadable).

use crate::catalog::Catalog;
use crate::reference::{format_reference, parse_reference};
use crate::results::Reason;

/// Below this magnitude hours are shown to the hundredth; at or above it, two
/// decimals would print binary noise, so the shortest exact form is shown.
const HUNDREDTHS_BELOW: f64 = 1e15;

/// Hours as a short number for people: `120`, `52.5`, `0.33`.
///
/// The value is rounded to the nearest hundredth (correctly, from its exact
/// binary value; a tie such as `0.125` goes to the even digit, as Python's
/// `f"{h:.2f}"` does) and trailing zeros and a trailing point are dropped.
/// A result that rounds to zero is `0`, never `-0`. From 1e15 up the
/// shortest decimal that reads back as the same number is shown in full,
/// without an exponent (`1e20` is `100000000000000000000`). Non-finite
/// values are `inf`, `-inf` and `NaN`. The unit is the caller's to add.
///
/// Complexity: O(number of digits).
///
/// ```
/// use gap_core::format_hours;
/// assert_eq!(format_hours(120.0), "120");
/// assert_eq!(format_hours(52.5), "52.5");
/// assert_eq!(format_hours(1.0 / 3.0), "0.33");
/// assert_eq!(format_hours(-0.0), "0");
/// ```
pub fn format_hours(h: f64) -> String {
    if !h.is_finite() {
        return h.to_string();
    }
    if h.abs() >= HUNDREDTHS_BELOW {
        return h.to_string();
    }
    let mut s = format!("{h:.2}");
    let trimmed = s.trim_end_matches('0').trim_end_matches('.').len();
    s.truncate(trimmed);
    if s == "-0" { "0".into() } else { s }
}

/// `Name (id)`, or the id alone when the name is unknown or adds nothing.
fn labelled(name: Option<&str>, id: &str, shown: &str) -> String {
    match name {
        Some(n) if !n.is_empty() && n != id && n != shown => format!("{n} ({shown})"),
        _ => shown.to_string(),
    }
}

impl Catalog {
    /// The name of a skill id, `None` when the catalog has no such skill.
    ///
    /// Complexity: O(1) (a hash lookup).
    pub fn skill_name(&self, id: &str) -> Option<&str> {
        self.get_skill(id).map(|s| s.name.as_str())
    }

    /// The name of a role id, `None` when the catalog has no such role (e.g.
    /// a role read from a posting).
    ///
    /// Complexity: O(1) (a hash lookup).
    pub fn role_name(&self, id: &str) -> Option<&str> {
        self.get_role(id).map(|r| r.name.as_str())
    }

    /// A skill for people: `Python (python)`; the id alone when the catalog
    /// does not know it or its name is the id.
    ///
    /// ```
    /// let cat = gap_core::Catalog::default();
    /// assert_eq!(cat.skill_label("python"), "Python (python)");
    /// assert_eq!(cat.skill_label("no-such-skill"), "no-such-skill");
    /// ```
    pub fn skill_label(&self, id: &str) -> String {
        labelled(self.skill_name(id), id, id)
    }

    /// A role for people: `Machine Learning Engineer (ml-engineer)`; the id
    /// alone when the catalog does not know it (a role from a posting) or
    /// its name is the id.
    pub fn role_label(&self, id: &str) -> String {
        labelled(self.role_name(id), id, id)
    }

    /// A step or reference for people: `Python (python@2)`, `SQL (sql)`.
    pub fn reference_label(&self, skill: &str, level: u32) -> String {
        labelled(
            self.skill_name(skill),
            skill,
            &format_reference(skill, level),
        )
    }

    /// A requirement entry as written by the queries (`python@2`,
    /// `any_of[aws, gcp]`, `2 of [a, b, c]`) for people: `Python (python@2)`,
    /// `one of AWS (aws), GCP (gcp)`, `2 of …`. Text that is neither is
    /// returned as it is.
    ///
    /// ```
    /// let cat = gap_core::Catalog::from_json(r#"{"skills": [
    ///     {"id": "aws", "name": "AWS", "hours": 30},
    ///     {"id": "gcp", "name": "Google Cloud", "hours": 30}]}"#)?;
    /// assert_eq!(cat.entry_label("any_of[aws, gcp]"), "one of AWS (aws), Google Cloud (gcp)");
    /// assert_eq!(cat.entry_label("2 of [aws, gcp]"), "2 of AWS (aws), Google Cloud (gcp)");
    /// # Ok::<(), gap_core::Error>(())
    /// ```
    pub fn entry_label(&self, entry: &str) -> String {
        if let Ok(r) = parse_reference(entry) {
            return self.reference_label(r.id, r.level);
        }
        let group = if let Some(rest) = entry.strip_prefix("any_of[") {
            Some(("one of".to_string(), rest))
        } else {
            entry
                .split_once(" of [")
                .and_then(|(n, rest)| n.parse::<u32>().ok().map(|n| (format!("{n} of"), rest)))
        };
        let Some((head, rest)) = group else {
            return entry.to_string();
        };
        let Some(list) = rest.strip_suffix(']') else {
            return entry.to_string();
        };
        let mut members = Vec::new();
        for m in list.split(", ") {
            match parse_reference(m) {
                Ok(r) => members.push(self.reference_label(r.id, r.level)),
                Err(_) => return entry.to_string(),
            }
        }
        format!("{head} {}", members.join(", "))
    }
}

impl Reason {
    /// The reason as a sentence with names next to ids, the one every face
    /// shows to people: `role Machine Learning Engineer (ml-engineer)
    /// requires Python (python@2)` or `prerequisite of PyTorch (pytorch@2)`.
    /// Ids the catalog does not know are shown as they are. (`Display` gives
    /// the same sentence with ids only.)
    ///
    /// ```
    /// use gap_core::{Catalog, Reason};
    /// let cat = Catalog::default();
    /// let r = Reason::Role { role: "ml-engineer".into(), entry: "python@2".into() };
    /// assert_eq!(r.describe(&cat),
    ///     "role Machine Learning Engineer (ml-engineer) requires Python (python@2)");
    /// ```
    pub fn describe(&self, cat: &Catalog) -> String {
        match self {
            Reason::Role { role, entry } => format!(
                "role {} requires {}",
                cat.role_label(role),
                cat.entry_label(entry)
            ),
            Reason::Prerequisite { skill, level } => {
                format!("prerequisite of {}", cat.reference_label(skill, *level))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::format_hours;

    #[test]
    fn integers_have_no_point() {
        assert_eq!(format_hours(0.0), "0");
        assert_eq!(format_hours(40.0), "40");
        assert_eq!(format_hours(120.0), "120");
        assert_eq!(format_hours(-3.0), "-3");
        assert_eq!(format_hours(999_999_999_999_999.0), "999999999999999");
    }

    #[test]
    fn fractions_to_the_hundredth() {
        assert_eq!(format_hours(52.5), "52.5");
        assert_eq!(format_hours(0.25), "0.25");
        assert_eq!(format_hours(1.0 / 3.0), "0.33");
        assert_eq!(format_hours(2.0 / 3.0), "0.67");
        assert_eq!(format_hours(0.1 + 0.2), "0.3");
        assert_eq!(format_hours(19.999), "20");
        assert_eq!(format_hours(0.004), "0");
        // Ties (exact in binary) go to the even digit, as in Python.
        assert_eq!(format_hours(0.125), "0.12");
        assert_eq!(format_hours(0.375), "0.38");
        // 1.005 is below 1.005 in binary: it rounds down.
        assert_eq!(format_hours(1.005), "1");
    }

    #[test]
    fn huge_values_are_exact_and_never_inf() {
        assert_eq!(format_hours(1e15), "1000000000000000");
        assert_eq!(format_hours(1e20), "100000000000000000000");
        assert_eq!(format_hours(1.8479685708837693e18), "1847968570883769300");
        let max = format_hours(f64::MAX);
        assert_eq!(max.len(), 309);
        assert!(max.starts_with("17976931348623157") && max.bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(format_hours(-1e300).len(), 302);
    }

    #[test]
    fn negative_zero_and_non_finite() {
        assert_eq!(format_hours(-0.0), "0");
        assert_eq!(format_hours(-0.001), "0");
        assert_eq!(format_hours(-2.5), "-2.5");
        assert_eq!(format_hours(f64::INFINITY), "inf");
        assert_eq!(format_hours(f64::NEG_INFINITY), "-inf");
        assert_eq!(format_hours(f64::NAN), "NaN");
    }

    #[test]
    fn labels_put_names_next_to_ids() {
        use crate::{Catalog, Reason};
        let cat = Catalog::from_json(
            r#"{"skills": [
                {"id": "python", "name": "Python", "hours": [40, 80]},
                {"id": "pandas", "name": "pandas", "hours": 20},
                {"id": "aws", "name": "AWS", "hours": 30},
                {"id": "gcp", "name": "GCP", "hours": 30}],
               "roles": [{"id": "mle", "name": "ML Engineer", "requires": ["python@2"]}]}"#,
        )
        .unwrap();
        assert_eq!(cat.skill_name("python"), Some("Python"));
        assert_eq!(cat.skill_name("nope"), None);
        assert_eq!(cat.role_name("mle"), Some("ML Engineer"));
        assert_eq!(cat.role_label("mle"), "ML Engineer (mle)");
        assert_eq!(cat.role_label("posting"), "posting");
        assert_eq!(cat.skill_label("pandas"), "pandas");
        assert_eq!(cat.reference_label("python", 2), "Python (python@2)");
        assert_eq!(cat.reference_label("pandas", 2), "pandas@2");
        assert_eq!(cat.entry_label("python"), "Python (python)");
        assert_eq!(
            cat.entry_label("any_of[aws, gcp@2]"),
            "one of AWS (aws), GCP (gcp@2)"
        );
        assert_eq!(
            cat.entry_label("2 of [aws, gcp]"),
            "2 of AWS (aws), GCP (gcp)"
        );
        assert_eq!(cat.entry_label("any_of[aws, Bad!]"), "any_of[aws, Bad!]");
        assert_eq!(cat.entry_label("any_of[aws"), "any_of[aws");
        let role = Reason::Role {
            role: "mle".into(),
            entry: "python@2".into(),
        };
        assert_eq!(
            role.describe(&cat),
            "role ML Engineer (mle) requires Python (python@2)"
        );
        let pre = Reason::Prerequisite {
            skill: "python".into(),
            level: 2,
        };
        assert_eq!(pre.describe(&cat), "prerequisite of Python (python@2)");
        let unknown = Reason::Role {
            role: "posting".into(),
            entry: "x@3".into(),
        };
        assert_eq!(unknown.describe(&cat), "role posting requires x@3");
    }
}
