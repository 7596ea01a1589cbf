//! Importers for public taxonomies: ESCO ([`Catalog::from_esco`](crate::Catalog::from_esco)),
//! O*NET ([`Catalog::from_onet`](crate::Catalog::from_onet)) and Metacademy
//! ([`Catalog::from_metacademy`](crate::Catalog::from_metacademy)).
//!
//! Each importer reads the publisher's own files, builds a
//! [`CatalogDef`](crate::format::CatalogDef) and validates it with
//! [`Catalog::from_def`](crate::Catalog::from_def). Problems in the data that
//! can be repaired (a relation to an unknown id, a duplicate relation, a
//! prerequisite cycle) are repaired deterministically and reported in
//! [`Imported::warnings`]; a file that cannot be read or parsed (a missing
//! column, broken CSV) is an [`Error::Import`] or [`Error::Io`] naming the file
//! and line.
//!
//! This module owns what the three importers share: opening plain or gzipped
//! files, CSV header lookup, progress reporting, id normalization and the
//! deterministic cycle breaker.

mod esco;
mod metacademy;
mod onet;

use std::cell::Cell;
use std::collections::HashSet;
use std::fmt;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;

pub use esco::{ESCO_KNOWLEDGE_HOURS, ESCO_SKILL_HOURS, EscoOptions, EscoPrerequisites};
pub use metacademy::{MetacademyOptions, SHORTCUT_SUFFIX, metacademy_id};
pub use onet::{OnetOptions, OnetTechnologies, TechnologyGranularity, onet_level};

use crate::catalog::Catalog;
use crate::error::{Error, Result};

/// The result of an import: the validated catalog and what was repaired or
/// skipped on the way (in the order found; the same input gives the same
/// warnings).
#[derive(Debug, Clone)]
pub struct Imported {
    /// The validated catalog.
    pub catalog: Catalog,
    /// Human-readable notes: skipped rows, merged duplicates, dropped cycles,
    /// estimated hours.
    pub warnings: Vec<String>,
}

/// One progress report: `done` out of `total` units of the current `stage`
/// (bytes of the file on disk while reading a file, items otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// What is being done, e.g. `"skills"`, `"relations"`, `"validate"`.
    pub stage: &'static str,
    /// Units done so far.
    pub done: u64,
    /// Units in this stage (0 when unknown).
    pub total: u64,
}

/// A progress callback that a command can drive a progress bar from. Cheap to
/// clone; called from the importing thread only.
///
/// ```
/// use gap_core::import::{EscoOptions, ProgressCallback};
/// let opts = EscoOptions {
///     progress: Some(ProgressCallback::new(|p| eprintln!("{} {}/{}", p.stage, p.done, p.total))),
///     ..EscoOptions::default()
/// };
/// # let _ = opts;
/// ```
#[derive(Clone)]
pub struct ProgressCallback(Arc<dyn Fn(Progress) + Send + Sync>);

impl ProgressCallback {
    /// Wraps a closure.
    pub fn new(f: impl Fn(Progress) + Send + Sync + 'static) -> Self {
        ProgressCallback(Arc::new(f))
    }

    /// Calls the closure.
    pub fn call(&self, p: Progress) {
        (self.0)(p)
    }
}

impl fmt::Debug for ProgressCallback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ProgressCallback(..)")
    }
}

/// Reports progress of one stage, rate-limited to about 200 calls per stage.
pub(crate) struct Reporter<'a> {
    cb: Option<&'a ProgressCallback>,
    stage: &'static str,
    total: u64,
    step: u64,
    next: u64,
}

impl<'a> Reporter<'a> {
    pub(crate) fn new(cb: Option<&'a ProgressCallback>, stage: &'static str, total: u64) -> Self {
        let r = Reporter {
            cb,
            stage,
            total,
            step: (total / 200).max(1),
            next: 0,
        };
        r.emit(0);
        r
    }

    fn emit(&self, done: u64) {
        if let Some(cb) = self.cb {
            cb.call(Progress {
                stage: self.stage,
                done,
                total: self.total,
            });
        }
    }

    /// Reports `done` if it moved far enough since the last report.
    #[inline]
    pub(crate) fn update(&mut self, done: u64) {
        if self.cb.is_some() && done >= self.next {
            self.next = done.saturating_add(self.step);
            self.emit(done);
        }
    }

    /// Reports the stage as complete.
    pub(crate) fn finish(self) {
        self.emit(self.total);
    }
}

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
    let (path, compressed) = if plain.is_file() {
        (plain, false)
    } else if gz.is_file() {
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
        let r: Box<dyn Read> = Box::new(CrlfToLf::new(r));
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

/// The median of finite values (mean of the two middle ones for an even count);
/// `None` when there are none.
pub(crate) fn median(values: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

/// A prerequisite edge dropped to break a cycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DroppedEdge {
    /// The node that required `to`.
    pub from: u32,
    /// The node it required.
    pub to: u32,
    /// The cycle found, in requires order (`cycle[i]` requires `cycle[i+1]`,
    /// the last requires the first); `[from]` for a self-loop.
    pub cycle: Vec<u32>,
}

/// Prerequisites of node `u`: `reqs[u]` is a list of requirements, each a list
/// of alternative nodes (one member = a plain prerequisite, several = any one
/// of them).
pub(crate) type Reqs = Vec<Vec<Vec<u32>>>;

/// Makes the prerequisite graph acyclic, deterministically: Kahn's algorithm
/// places nodes prerequisites-first; whenever it is stuck, a cycle is found by
/// walking from the unplaced node with the smallest key along the unplaced
/// prerequisite with the smallest key, and the cycle's edge with the
/// lexicographically last `(key[from], key[to])` is dropped (a self-loop is a
/// cycle of one edge). Repeats until every node is placed. Iterative; the
/// result depends only on the keys and edges, not on the node order.
///
/// Complexity: O((V + E) log E + C·V) for C cycles.
pub(crate) fn break_cycles(keys: &[&str], reqs: &mut Reqs) -> Vec<DroppedEdge> {
    let n = reqs.len();
    // Distinct edges u -> v (u needs v).
    let mut out: Vec<Vec<u32>> = reqs
        .iter()
        .map(|rs| {
            let mut v: Vec<u32> = rs.iter().flatten().copied().collect();
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();
    let mut rank: Vec<u32> = (0..n as u32).collect();
    {
        let mut order: Vec<u32> = (0..n as u32).collect();
        order.sort_by(|&a, &b| keys[a as usize].cmp(keys[b as usize]).then(a.cmp(&b)));
        for (r, &u) in order.iter().enumerate() {
            rank[u as usize] = r as u32;
        }
        // Sort successors by key for deterministic walks.
        for o in &mut out {
            o.sort_unstable_by_key(|&v| rank[v as usize]);
        }
    }
    let mut by_rank: Vec<u32> = vec![0; n];
    for (u, &r) in rank.iter().enumerate() {
        by_rank[r as usize] = u as u32;
    }
    let mut incoming: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (u, o) in out.iter().enumerate() {
        for &v in o {
            incoming[v as usize].push(u as u32);
        }
    }
    let mut waiting: Vec<u32> = out.iter().map(|o| o.len() as u32).collect();
    let mut placed = vec![false; n];
    let mut n_placed = 0usize;
    let mut dead: HashSet<(u32, u32)> = HashSet::new();
    let mut dropped = Vec::new();
    let mut queue: std::collections::VecDeque<u32> = (0..n as u32)
        .filter(|&u| waiting[u as usize] == 0)
        .collect();
    let mut seen_stamp: Vec<u32> = vec![0; n];
    let mut stamp = 0u32;
    let mut scan = 0usize; // position in by_rank: every node before it is placed
    loop {
        while let Some(v) = queue.pop_front() {
            placed[v as usize] = true;
            n_placed += 1;
            for &d in &incoming[v as usize] {
                if !dead.contains(&(d, v)) {
                    let w = &mut waiting[d as usize];
                    *w -= 1;
                    if *w == 0 {
                        queue.push_back(d);
                    }
                }
            }
        }
        if n_placed == n {
            break;
        }
        while placed[by_rank[scan] as usize] {
            scan += 1;
        }
        // Walk along unplaced prerequisites until a node repeats.
        stamp += 1;
        let mut walk: Vec<u32> = Vec::new();
        let mut cur = by_rank[scan];
        let cycle: Vec<u32> = loop {
            if seen_stamp[cur as usize] == stamp {
                let from = walk.iter().position(|&x| x == cur).unwrap_or(0);
                break walk.split_off(from);
            }
            seen_stamp[cur as usize] = stamp;
            walk.push(cur);
            // An unplaced node always has a live edge to an unplaced node.
            let next = out[cur as usize]
                .iter()
                .copied()
                .find(|&v| !placed[v as usize] && !dead.contains(&(cur, v)));
            match next {
                Some(v) => cur = v,
                None => break Vec::new(),
            }
        };
        if cycle.is_empty() {
            // Unreachable by construction; stop rather than loop.
            break;
        }
        let k = cycle.len();
        let (from, to) = (0..k)
            .map(|i| (cycle[i], cycle[(i + 1) % k]))
            .max_by(|a, b| {
                (keys[a.0 as usize], keys[a.1 as usize])
                    .cmp(&(keys[b.0 as usize], keys[b.1 as usize]))
            })
            .unwrap_or((cycle[0], cycle[0]));
        dead.insert((from, to));
        let w = &mut waiting[from as usize];
        *w -= 1;
        if *w == 0 {
            queue.push_back(from);
        }
        dropped.push(DroppedEdge { from, to, cycle });
    }
    for d in &dropped {
        let rs = &mut reqs[d.from as usize];
        for r in rs.iter_mut() {
            r.retain(|&m| m != d.to);
        }
        rs.retain(|r| !r.is_empty());
    }
    dropped
}

/// Tidies one node's requirements: members sorted and deduplicated, the same
/// requirement kept once (first place), and a group dropped when one of its
/// members is also a plain requirement (the plain one implies it).
pub(crate) fn tidy_requirements(reqs: &mut Vec<Vec<u32>>) {
    let mut seen: HashSet<Vec<u32>> = HashSet::new();
    let plain: HashSet<u32> = reqs.iter().filter(|r| r.len() == 1).map(|r| r[0]).collect();
    reqs.retain_mut(|r| {
        let mut key = r.clone();
        key.sort_unstable();
        key.dedup();
        if key.len() > 1 && key.iter().any(|m| plain.contains(m)) {
            return false;
        }
        // Keep the written order of the alternatives, without repeats.
        let mut kept = HashSet::new();
        r.retain(|m| kept.insert(*m));
        !r.is_empty() && seen.insert(key)
    });
}

/// The cycle as text for a warning: `a -> b -> a`.
pub(crate) fn cycle_text(cycle: &[u32], label: impl Fn(u32) -> String) -> String {
    let mut s: Vec<String> = cycle.iter().map(|&u| label(u)).collect();
    if let Some(&first) = cycle.first() {
        s.push(label(first));
    }
    s.join(" -> ")
}

/// A warning for each edge dropped to break a cycle, e.g. `{file}: skill `a`
/// is listed as its own prerequisite; that relation is dropped` or `{file}:
/// prerequisite cycle `a` -> `b` -> `a`; dropped `a` requires `b``: `noun`
/// names a node, `edge` an edge, `label` shows a node.
pub(crate) fn cycle_warnings(
    file: &str,
    noun: &str,
    edge: &str,
    dropped: &[DroppedEdge],
    label: impl Fn(u32) -> String,
    warnings: &mut Vec<String>,
) {
    for d in dropped {
        if d.from == d.to {
            warnings.push(format!(
                "{file}: {noun} {} is listed as its own prerequisite; that {edge} is dropped",
                label(d.from)
            ));
        } else {
            warnings.push(format!(
                "{file}: prerequisite cycle {}; dropped {} requires {}",
                cycle_text(&d.cycle, &label),
                label(d.from),
                label(d.to)
            ));
        }
    }
}

/// Validates hours given as an option.
pub(crate) fn check_hours_option(name: &str, h: f64) -> Result<()> {
    if h.is_finite() && h >= 0.0 {
        Ok(())
    } else {
        Err(Error::InvalidArgument(format!(
            "{name} must be a finite number >= 0 (got {h})"
        )))
    }
}

/// Validates the definition and wraps it with the warnings.
pub(crate) fn finish(
    def: crate::format::CatalogDef,
    warnings: Vec<String>,
    progress: Option<&ProgressCallback>,
) -> Result<Imported> {
    let r = Reporter::new(progress, "validate", 1);
    let catalog = Catalog::from_def(&def)?;
    r.finish();
    Ok(Imported { catalog, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edges(reqs: &Reqs) -> Vec<(u32, u32)> {
        let mut v = Vec::new();
        for (u, rs) in reqs.iter().enumerate() {
            for r in rs {
                for &m in r {
                    v.push((u as u32, m));
                }
            }
        }
        v
    }

    #[test]
    fn breaks_self_loop_and_cycles() {
        // a -> b -> c -> a, d -> d, e -> a
        let keys = ["a", "b", "c", "d", "e"];
        let mut reqs: Reqs = vec![
            vec![vec![1]],
            vec![vec![2]],
            vec![vec![0]],
            vec![vec![3]],
            vec![vec![0]],
        ];
        let dropped = break_cycles(&keys, &mut reqs);
        assert_eq!(dropped.len(), 2);
        // The walk starts at `a`: cycle a, b, c; the last edge by key is c -> a.
        assert_eq!(dropped[0].cycle, vec![0, 1, 2]);
        assert_eq!((dropped[0].from, dropped[0].to), (2, 0));
        assert_eq!((dropped[1].from, dropped[1].to), (3, 3));
        assert_eq!(edges(&reqs), vec![(0, 1), (1, 2), (4, 0)]);
    }

    #[test]
    fn independent_of_node_order() {
        // Same graph, nodes listed in reverse: the same edge (by key) goes.
        let keys = ["c", "b", "a"];
        let mut reqs: Reqs = vec![vec![vec![2]], vec![vec![0]], vec![vec![1]]];
        let dropped = break_cycles(&keys, &mut reqs);
        assert_eq!(dropped.len(), 1);
        assert_eq!(
            (keys[dropped[0].from as usize], keys[dropped[0].to as usize]),
            ("c", "a")
        );
    }

    #[test]
    fn group_member_on_a_cycle_is_removed_from_the_group() {
        // a needs any_of[b, c]; b needs a.
        let keys = ["a", "b", "c"];
        let mut reqs: Reqs = vec![vec![vec![1, 2]], vec![vec![0]], vec![]];
        let dropped = break_cycles(&keys, &mut reqs);
        assert_eq!(dropped.len(), 1);
        assert_eq!((dropped[0].from, dropped[0].to), (1, 0));
        assert_eq!(reqs, vec![vec![vec![1, 2]], vec![], vec![]]);
    }

    #[test]
    fn long_chain_cycle_does_not_recurse() {
        let n = 200_000u32;
        let keys: Vec<String> = (0..n).map(|i| format!("{i:07}")).collect();
        let key_refs: Vec<&str> = keys.iter().map(String::as_str).collect();
        let mut reqs: Reqs = (0..n).map(|i| vec![vec![(i + 1) % n]]).collect();
        let dropped = break_cycles(&key_refs, &mut reqs);
        assert_eq!(dropped.len(), 1);
        assert_eq!(dropped[0].cycle.len(), n as usize);
        assert_eq!((dropped[0].from, dropped[0].to), (n - 1, 0));
    }

    #[test]
    fn tidy() {
        let mut r = vec![
            vec![1],
            vec![2, 1],
            vec![3, 4],
            vec![4, 3],
            vec![1],
            vec![5, 5],
        ];
        tidy_requirements(&mut r);
        assert_eq!(r, vec![vec![1], vec![3, 4], vec![5]]);
    }

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
            assert!(id.is_empty() || crate::is_valid_id(&id), "{s:?} -> {id:?}");
        }
        assert_eq!(slug(".NET"), "net");
        assert_eq!(slug("++"), "");
    }

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

    fn acyclic(reqs: &Reqs) -> bool {
        let n = reqs.len();
        let out: Vec<HashSet<u32>> = reqs
            .iter()
            .map(|rs| rs.iter().flatten().copied().collect())
            .collect();
        let mut waiting: Vec<usize> = out.iter().map(HashSet::len).collect();
        let mut queue: Vec<usize> = (0..n).filter(|&u| waiting[u] == 0).collect();
        let mut placed = 0;
        while let Some(v) = queue.pop() {
            placed += 1;
            for (u, o) in out.iter().enumerate() {
                if o.contains(&(v as u32)) {
                    waiting[u] -= 1;
                    if waiting[u] == 0 {
                        queue.push(u);
                    }
                }
            }
        }
        placed == n
    }

    proptest::proptest! {
        #[test]
        fn breaking_cycles_gives_a_dag_independent_of_node_order(
            n in 1usize..24,
            raw in proptest::collection::vec((0u32..24, proptest::collection::vec(0u32..24, 1..3)), 0..60),
            rot in 0usize..24,
        ) {
            let keys: Vec<String> = (0..n).map(|i| format!("k{i:02}")).collect();
            let key_refs: Vec<&str> = keys.iter().map(String::as_str).collect();
            let mut reqs: Reqs = vec![Vec::new(); n];
            for (u, alts) in &raw {
                let alts: Vec<u32> = alts.iter().map(|a| a % n as u32).collect();
                reqs[(*u as usize) % n].push(alts);
            }
            let before: HashSet<(u32, u32)> = edges(&reqs).into_iter().collect();
            let mut a = reqs.clone();
            let dropped = break_cycles(&key_refs, &mut a);
            proptest::prop_assert!(acyclic(&a));
            for d in &dropped {
                proptest::prop_assert!(before.contains(&(d.from, d.to)));
                proptest::prop_assert!(d.cycle.contains(&d.from) && d.cycle.contains(&d.to));
            }
            let after: HashSet<(u32, u32)> = edges(&a).into_iter().collect();
            let removed: HashSet<(u32, u32)> = dropped.iter().map(|d| (d.from, d.to)).collect();
            proptest::prop_assert_eq!(&after, &before.difference(&removed).copied().collect());
            // The same graph with its nodes rotated drops the same edges (by key).
            let r = rot % n;
            let perm = |u: u32| ((u as usize + r) % n) as u32;
            let mut keys2 = vec![String::new(); n];
            for u in 0..n {
                keys2[perm(u as u32) as usize] = keys[u].clone();
            }
            let key_refs2: Vec<&str> = keys2.iter().map(String::as_str).collect();
            let mut b: Reqs = vec![Vec::new(); n];
            for (u, rs) in reqs.iter().enumerate() {
                b[perm(u as u32) as usize] = rs.iter().map(|alts| alts.iter().map(|&m| perm(m)).collect()).collect();
            }
            let dropped2 = break_cycles(&key_refs2, &mut b);
            let by_key = |d: &DroppedEdge, k: &[&str]| (k[d.from as usize].to_string(), k[d.to as usize].to_string());
            let x: Vec<_> = dropped.iter().map(|d| by_key(d, &key_refs)).collect();
            let y: Vec<_> = dropped2.iter().map(|d| by_key(d, &key_refs2)).collect();
            proptest::prop_assert_eq!(x, y);
        }
    }

    #[test]
    fn medians() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
    }
}
