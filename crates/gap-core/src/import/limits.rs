//! What the CSV / TSV readers accept (SPEC 5: no abort on any input): a
//! record (row) at most [`MAX_RECORD_BYTES`] long, so no field can be
//! larger, and a gzipped file inflating to at most [`MAX_INFLATION`] times
//! its compressed size (or [`INFLATION_FLOOR`], whichever is larger). Past
//! either bound the import stops with an [`Error::Import`](crate::Error)
//! naming the file and line, instead of growing one buffer until the
//! allocator aborts (a gzip bomb of one 3 GiB field did).

use std::io::Read;

/// The longest record (and so the longest field) accepted, in bytes. The
/// publishers' longest rows are a few KB.
pub const MAX_RECORD_BYTES: u64 = 32 << 20;
/// The most a gzipped file may inflate, relative to its size on disk
/// (text CSV compresses 4-10 times).
pub const MAX_INFLATION: u64 = 100;
/// Decompressed bytes always allowed, whatever the ratio.
pub const INFLATION_FLOOR: u64 = 256 << 20;

/// A bound crossed: the 1-based line and what happened; carried inside the
/// `io::Error` the reader returns (see `table::csv_error`).
#[derive(Debug)]
pub(crate) struct LimitExceeded {
    pub line: u64,
    pub message: String,
}

impl std::fmt::Display for LimitExceeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for LimitExceeded {}

/// Passes bytes through, counting lines, the current record's length
/// (newlines inside quotes, for CSV, belong to the record) and the total.
pub(crate) struct Bounded<R> {
    inner: R,
    quoting: bool,
    in_quotes: bool,
    line: u64,
    record_line: u64,
    record: u64,
    total: u64,
    max_total: Option<u64>,
}

impl<R: Read> Bounded<R> {
    /// `quoting`: CSV quotes (a newline inside `"…"` does not end a record);
    /// `compressed_size`: the file's size on disk when it is gzipped.
    pub(crate) fn new(inner: R, quoting: bool, compressed_size: Option<u64>) -> Self {
        Bounded {
            inner,
            quoting,
            in_quotes: false,
            line: 1,
            record_line: 1,
            record: 0,
            total: 0,
            max_total: compressed_size
                .map(|s| s.saturating_mul(MAX_INFLATION).max(INFLATION_FLOOR)),
        }
    }

    fn exceeded(line: u64, message: String) -> std::io::Error {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            LimitExceeded { line, message },
        )
    }
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for &b in &buf[..n] {
            match b {
                b'"' if self.quoting => self.in_quotes = !self.in_quotes,
                b'\n' => {
                    self.line += 1;
                    if !self.in_quotes {
                        self.record = 0;
                        self.record_line = self.line;
                        continue;
                    }
                }
                _ => {}
            }
            self.record += 1;
            if self.record > MAX_RECORD_BYTES {
                return Err(Self::exceeded(
                    self.record_line,
                    format!(
                        "a record (row) longer than {} MiB: not a taxonomy file this importer reads",
                        MAX_RECORD_BYTES >> 20
                    ),
                ));
            }
        }
        self.total += n as u64;
        if let Some(max) = self.max_total {
            if self.total > max {
                return Err(Self::exceeded(
                    self.line,
                    format!(
                        "the gzipped file inflates to more than {} MiB ({MAX_INFLATION} times its size on disk): refused as a likely gzip bomb",
                        max >> 20
                    ),
                ));
            }
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(
        data: &[u8],
        quoting: bool,
        compressed: Option<u64>,
    ) -> Result<Vec<u8>, (u64, String)> {
        let mut out = Vec::new();
        Bounded::new(data, quoting, compressed)
            .read_to_end(&mut out)
            .map(|_| out)
            .map_err(|e| {
                let l = e
                    .get_ref()
                    .and_then(|x| x.downcast_ref::<LimitExceeded>())
                    .expect("a limit");
                (l.line, l.message.clone())
            })
    }

    #[test]
    fn passes_ordinary_data_through() {
        let data = b"a,b\n\"x\ny\",2\n";
        assert_eq!(read_all(data, true, None).as_deref(), Ok(&data[..]));
    }

    #[test]
    fn a_long_record_names_its_first_line() {
        let mut data = b"h\nok\n\"".to_vec();
        // Short lines inside one quoted field still make one long record.
        let chunk = vec![b'x'; 1 << 20];
        for _ in 0..=(MAX_RECORD_BYTES >> 20) {
            data.extend_from_slice(&chunk);
            data.push(b'\n');
        }
        let (line, msg) = read_all(&data, true, None).expect_err("too long");
        assert_eq!(line, 3);
        assert!(msg.contains("longer than 32 MiB"), "{msg}");
        // Without quoting each line is its own record.
        assert!(read_all(&data, false, None).is_ok());
    }

    #[test]
    fn inflation_is_bounded() {
        let data = vec![b'\n'; (INFLATION_FLOOR + 1) as usize];
        let (_, msg) = read_all(&data, false, Some(10)).expect_err("bomb");
        assert!(msg.contains("gzip bomb"), "{msg}");
        assert!(read_all(&data, false, Some(INFLATION_FLOOR)).is_ok());
    }
}
