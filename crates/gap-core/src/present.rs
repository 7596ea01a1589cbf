//! How numbers read to people, written once so that every face (the command's
//! tables, Python's HTML views, the DOT and Mermaid exports) shows the same
//! text for the same answer.

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
}
