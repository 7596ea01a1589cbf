//! Opening the publishers' files: plain or gzipped (`name.gz` tried when
//! `name` does not exist), counting the bytes read on disk for progress.

use std::cell::Cell;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::error::{Error, Result};

/// Counts the bytes read from the file on disk (before decompression).
struct Counting<R> {
    inner: R,
    count: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.set(self.count.get() + n as u64);
        Ok(n)
    }
}

/// An opened source file, plain or gzipped.
pub(crate) struct Source {
    /// The path actually opened (with `.gz` when compressed).
    pub path: PathBuf,
    /// The decompressed content.
    pub reader: Box<dyn Read>,
    /// Size of the file on disk.
    pub size: u64,
    /// Bytes of the file on disk read so far.
    pub read: Rc<Cell<u64>>,
}

impl Source {
    /// The path for messages.
    pub fn name(&self) -> String {
        self.path.display().to_string()
    }
}

/// Opens `dir/name`, or `dir/name.gz` (gunzipped while reading) when the plain
/// file does not exist. `Ok(None)` when neither exists.
pub(crate) fn open_optional(dir: &Path, name: &str) -> Result<Option<Source>> {
    let plain = dir.join(name);
    let gz = dir.join(format!("{name}.gz"));
    let (path, compressed) = if exists(&plain)? {
        (plain, false)
    } else if exists(&gz)? {
        (gz, true)
    } else {
        return Ok(None);
    };
    let file = File::open(&path).map_err(|e| Error::io(path.display(), e))?;
    let size = file
        .metadata()
        .map_err(|e| Error::io(path.display(), e))?
        .len();
    let read = Rc::new(Cell::new(0));
    let counting = Counting {
        inner: file,
        count: Rc::clone(&read),
    };
    let reader: Box<dyn Read> = if compressed {
        Box::new(flate2::read::MultiGzDecoder::new(BufReader::with_capacity(
            1 << 16,
            counting,
        )))
    } else {
        Box::new(counting)
    };
    Ok(Some(Source {
        path,
        reader,
        size,
        read,
    }))
}

/// Whether `path` is a file to read: `false` when nothing is there, an
/// [`Error::Io`] naming it when something else is (a directory, a symlink
/// loop, no permission), rather than "does not exist".
fn exists(path: &Path) -> Result<bool> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => Ok(true),
        Ok(m) => Err(Error::io(
            path.display(),
            std::io::Error::other(if m.is_dir() {
                "is a directory, not a file"
            } else {
                "is not a regular file"
            }),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Error::io(path.display(), e)),
    }
}

/// Like [`open_optional`], but a missing file is an [`Error::Io`] naming both
/// names tried.
pub(crate) fn open(dir: &Path, name: &str) -> Result<Source> {
    open_optional(dir, name)?.ok_or_else(|| Error::Io {
        path: dir.join(name).display().to_string(),
        source: std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("neither `{name}` nor `{name}.gz` exists in this directory"),
        ),
    })
}
