//! Ids from free text: [`slug`] (used by O*NET for technology and element ids).

/// Turns free text into an id matching `[a-z0-9][a-z0-9_.+-]*`: lowercased;
/// ASCII letters, digits and `+` kept; `#` spelled `sharp` (C# → `csharp`);
/// `.` kept between two letters or digits (`node.js`); every other run of
/// characters becomes one `-`; leading and trailing separators dropped. Empty
/// when nothing is left.
///
/// ```
/// use gap_core::import::slug;
/// assert_eq!(slug("Critical Thinking"), "critical-thinking");
/// assert_eq!(slug("C++"), "c++");
/// assert_eq!(slug("C#"), "csharp");
/// assert_eq!(slug("Microsoft .NET Framework"), "microsoft-net-framework");
/// assert_eq!(slug("Node.js"), "node.js");
/// assert_eq!(slug("Amazon Web Services AWS SageMaker"), "amazon-web-services-aws-sagemaker");
/// ```
pub fn slug(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut pending_sep = false;
    for (i, &c) in chars.iter().enumerate() {
        let lc = c.to_ascii_lowercase();
        let keep: Option<&str> = if lc.is_ascii_alphanumeric() || lc == '+' {
            None
        } else if lc == '#' {
            Some("sharp")
        } else if lc == '.'
            && i > 0
            && chars[i - 1].is_ascii_alphanumeric()
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_alphanumeric())
        {
            Some(".")
        } else {
            pending_sep = true;
            continue;
        };
        if pending_sep && !out.is_empty() {
            out.push('-');
        }
        pending_sep = false;
        match keep {
            None => out.push(lc),
            Some(s) => out.push_str(s),
        }
    }
    // The first character must be a letter or digit.
    let start = out
        .find(|c: char| c.is_ascii_alphanumeric())
        .unwrap_or(out.len());
    out.split_off(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ids() {
        for s in [
            "Critical Thinking",
            "C#",
            ".NET",
            "  ",
            "Ünïcode",
            "R",
            "a/b (c)",
            "x.",
            "++",
        ] {
            let id = slug(s);
            assert!(
                id.is_empty() || crate::reference::is_valid_id(&id),
                "{s:?} -> {id:?}"
            );
        }
        assert_eq!(slug(".NET"), "net");
        assert_eq!(slug("++"), "");
    }
}
