//! Size checks before the allocations that input decides (SPEC 5: never an
//! abort): a request is refused with an error, not met with
//! "memory allocation of N bytes failed" and SIGABRT.

use crate::error::{Error, Result};

/// Checks that about `bytes` of memory can be had for `what` now, by
/// reserving that much address space and giving it back (the allocator
/// says no, rather than aborting, when a memory limit is below it). An
/// estimate that overflows `usize` is refused too.
///
/// # Errors
/// [`Error::InvalidArgument`] naming `what` and the size.
pub(crate) fn ensure_memory(what: &str, bytes: Option<usize>) -> Result<()> {
    let refuse = |size: String| {
        Error::InvalidArgument(format!(
            "{what} would need about {size} of memory, which cannot be allocated here"
        ))
    };
    let bytes = bytes.ok_or_else(|| refuse("more than the address space".into()))?;
    let mut probe: Vec<u8> = Vec::new();
    probe
        .try_reserve_exact(bytes)
        .map_err(|_| refuse(format!("{:.1} GB", bytes as f64 / 1e9)))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_sizes_are_errors() {
        assert!(matches!(
            ensure_memory("x", Some(usize::MAX / 2)),
            Err(Error::InvalidArgument(m)) if m.contains("x would need")
        ));
        assert!(ensure_memory("x", None).is_err());
        assert!(ensure_memory("x", Some(1 << 20)).is_ok());
    }
}
