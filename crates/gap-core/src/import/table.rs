//! The CSV / TSV [`Table`] the ESCO and O*NET importers read: columns looked
//! up by header name, errors naming the file and line, and the CRLF-to-LF
//! reader that keeps the `csv` crate's line numbers exact.

use std::io::Read;

use super::limits::{Bounded, LimitExceeded};
use super::source::Source;
use crate::error::{Error, Result};

/// Turns CRLF into LF while reading (a lone CR is kept). The `csv` crate
/// reports record line numbers one too low after a CRLF terminator
/// (BurntSushi/rust-csv#395); with LF only they are exact. Inside quoted fields
/// this also turns an embedded CRLF into LF, which is what the importers want.
struct CrlfToLf<R> {
    inner: R,
    buf: Box<[u8]>,
    pos: usize,
    len: usize,
    eof: bool,
}

impl<R: Read> CrlfToLf<R> {
    fn new(inner: R) -> Self {
        CrlfToLf {
            inner,
            buf: vec![0; 1 << 16].into_boxed_slice(),
            pos: 0,
            len: 0,
            eof: false,
        }
    }

    /// Moves what is left (at most a CR waiting for its next byte) to the
    /// front and reads more after it.
    fn fill(&mut self) -> std::io::Result<()> {
        let rest = self.len - self.pos;
        self.buf.copy_within(self.pos..self.len, 0);
        self.pos = 0;
        self.len = rest;
        if !self.eof {
            let n = loop {
                match self.inner.read(&mut self.buf[rest..]) {
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    r => break r?,
                }
            };
            if n == 0 {
                self.eof = true;
            }
            self.len += n;
        }
        Ok(())
    }

    fn waiting_cr(&self) -> bool {
        !self.eof && self.len - self.pos == 1 && self.buf[self.pos] == b'\r'
    }
}

impl<R: Read> Read for CrlfToLf<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        loop {
            if self.pos == self.len || self.waiting_cr() {
                self.fill()?;
                if self.pos == self.len {
                    return Ok(0);
                }
            }
            let mut w = 0;
            while self.pos < self.len && w < out.len() {
                let b = self.buf[self.pos];
                if b == b'\r' {
                    if self.pos + 1 == self.len {
                        if !self.eof {
                            break; // need the next byte to decide
                        }
                    } else if self.buf[self.pos + 1] == b'\n' {
                        self.pos += 1;
                        continue;
                    }
                }
                out[w] = b;
                w += 1;
                self.pos += 1;
            }
            if w > 0 {
                return Ok(w);
            }
        }
    }
}

/// The kind of delimited file.
#[derive(Clone, Copy)]
pub(crate) enum Delimited {
    /// RFC 4180 CSV (quotes, embedded newlines, CRLF).
    Csv,
    /// Tab-separated, no quoting (O*NET).
    Tsv,
}

/// A CSV / TSV reader over a [`Source`], with columns looked up by header name.
pub(crate) struct Table {
    pub source: Source,
    reader: csv::Reader<Box<dyn Read>>,
    headers: Vec<String>,
}

impl Table {
    pub(crate) fn new(source: Source, kind: Delimited) -> Result<Self> {
        let mut b = csv::ReaderBuilder::new();
        b.has_headers(true).buffer_capacity(1 << 16);
        if let Delimited::Tsv = kind {
            b.delimiter(b'\t').quoting(false).flexible(true);
        }
        let Source {
            path,
            reader: r,
            size,
            read,
        } = source;
        let gzipped = path.extension().is_some_and(|e| e == "gz");
        let r: Box<dyn Read> = Box::new(Bounded::new(
            CrlfToLf::new(r),
            matches!(kind, Delimited::Csv),
            gzipped.then_some(size),
        ));
        let mut reader = b.from_reader(r);
        let name = path.display().to_string();
        let headers = reader
            .headers()
            .map_err(|e| csv_error(&name, e))?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
            .collect();
        Ok(Table {
            source: Source {
                path,
                reader: Box::new(std::io::empty()),
                size,
                read,
            },
            reader,
            headers,
        })
    }

    /// The index of each named column; a missing one is an [`Error::Import`].
    pub(crate) fn columns<const N: usize>(&self, names: [&str; N]) -> Result<[usize; N]> {
        let mut out = [0usize; N];
        for (o, name) in out.iter_mut().zip(names) {
            *o = self.column(name).ok_or_else(|| Error::Import {
                path: self.source.name(),
                line: 1,
                message: format!(
                    "missing column `{name}` (the header has: {})",
                    self.headers.join(", ")
                ),
            })?;
        }
        Ok(out)
    }

    /// The index of a column, if present.
    pub(crate) fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    /// Reads the next record into `rec`; `Ok(false)` at the end.
    pub(crate) fn next(&mut self, rec: &mut csv::StringRecord) -> Result<bool> {
        self.reader
            .read_record(rec)
            .map_err(|e| csv_error(&self.source.name(), e))
    }

    /// Bytes of the file on disk read so far.
    pub(crate) fn bytes_read(&self) -> u64 {
        self.source.read.get()
    }
}

fn csv_error(path: &str, e: csv::Error) -> Error {
    if let csv::ErrorKind::Io(io) = e.kind() {
        if let Some(l) = io.get_ref().and_then(|x| x.downcast_ref::<LimitExceeded>()) {
            return Error::Import {
                path: path.to_string(),
                line: l.line,
                message: l.message.clone(),
            };
        }
    }
    let line = e.position().map_or(0, |p| p.line());
    Error::Import {
        path: path.to_string(),
        line,
        message: e.to_string(),
    }
}

/// The 1-based line where a record starts.
pub(crate) fn line_of(rec: &csv::StringRecord) -> u64 {
    rec.position().map_or(0, |p| p.line())
}

/// A field of a record, trimmed ("" when the row is short).
#[inline]
pub(crate) fn field(rec: &csv::StringRecord, i: usize) -> &str {
    rec.get(i).unwrap_or("").trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_to_lf() {
        let cases: [(&[u8], &[u8]); 6] = [
            (b"a\r\nb\r\n", b"a\nb\n"),
            (b"a\rb", b"a\rb"),
            (b"\r", b"\r"),
            (b"\r\r\n\n", b"\r\n\n"),
            (b"", b""),
            (b"x\r\n", b"x\n"),
        ];
        for (input, want) in cases {
            // Read one byte at a time from a one-byte-at-a-time source, and all at once.
            struct Trickle<'a>(&'a [u8]);
            impl Read for Trickle<'_> {
                fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                    if self.0.is_empty() || buf.is_empty() {
                        return Ok(0);
                    }
                    buf[0] = self.0[0];
                    self.0 = &self.0[1..];
                    Ok(1)
                }
            }
            let mut got = Vec::new();
            CrlfToLf::new(Trickle(input))
                .read_to_end(&mut got)
                .expect("read");
            assert_eq!(got, want, "{input:?}");
            let mut got = Vec::new();
            CrlfToLf::new(input).read_to_end(&mut got).expect("read");
            assert_eq!(got, want, "{input:?}");
            let mut got = Vec::new();
            let mut r = CrlfToLf::new(input);
            let mut one = [0u8; 1];
            while r.read(&mut one).expect("read") == 1 {
                got.push(one[0]);
            }
            assert_eq!(got, want, "{input:?}");
        }
    }
}
