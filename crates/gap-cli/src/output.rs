//! Writing results: a buffered stdout whose errors are values (so a closed pipe
//! ends the command quietly instead of panicking), aligned text tables, JSON,
//! and the number formats shared by every table.

use std::io::{self, BufWriter, Stdout, Write};

use serde::Serialize;

use crate::cli::Format;
use crate::error::{CliResult, usage};

/// Buffered standard output.
pub struct Out {
    w: BufWriter<Stdout>,
}

impl Out {
    /// Standard output.
    pub fn stdout() -> Self {
        Out {
            w: BufWriter::new(io::stdout()),
        }
    }

    /// Writes a line.
    pub fn line(&mut self, s: impl AsRef<str>) -> io::Result<()> {
        self.w.write_all(s.as_ref().as_bytes())?;
        self.w.write_all(b"\n")
    }

    /// Writes text as is.
    pub fn text(&mut self, s: impl AsRef<str>) -> io::Result<()> {
        self.w.write_all(s.as_ref().as_bytes())
    }

    /// Writes a value as pretty JSON and a newline.
    pub fn json<T: Serialize + ?Sized>(&mut self, value: &T) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut self.w, value).map_err(io::Error::from)?;
        self.w.write_all(b"\n")
    }

    /// Flushes the buffer.
    pub fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }
}

/// Fails with a usage error when `format` is not one of `allowed` for `command`.
pub fn check_format(format: Format, allowed: &[Format], command: &str) -> CliResult {
    if allowed.contains(&format) {
        Ok(())
    } else {
        let names: Vec<&str> = allowed.iter().map(|f| f.name()).collect();
        Err(usage(format!(
            "`--format {}` does not apply to `{command}` (use {})",
            format.name(),
            names.join(" or ")
        )))
    }
}

/// Column alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text.
    Left,
    /// Numbers.
    Right,
}

/// An aligned text table: a header row and rows of cells, columns separated by
/// two spaces, the last column never padded.
#[derive(Debug, Clone)]
pub struct Table {
    headers: Vec<String>,
    align: Vec<Align>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these columns.
    pub fn new(columns: &[(&str, Align)]) -> Self {
        Table {
            headers: columns.iter().map(|(h, _)| h.to_string()).collect(),
            align: columns.iter().map(|(_, a)| *a).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row (missing cells are empty, extra cells are dropped).
    pub fn row(&mut self, cells: Vec<String>) {
        let mut cells = cells;
        cells.resize(self.headers.len(), String::new());
        self.rows.push(cells);
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// The table as lines of text, starting with `indent`.
    pub fn render(&self, indent: &str) -> Vec<String> {
        let n = self.headers.len();
        let mut width: Vec<usize> = self.headers.iter().map(|h| h.chars().count()).collect();
        for r in &self.rows {
            for (w, c) in width.iter_mut().zip(r) {
                *w = (*w).max(c.chars().count());
            }
        }
        let fmt_row = |cells: &[String]| {
            let mut s = String::from(indent);
            for (i, c) in cells.iter().enumerate() {
                let pad = width[i].saturating_sub(c.chars().count());
                let last = i + 1 == n;
                match self.align[i] {
                    Align::Right => {
                        s.extend(std::iter::repeat_n(' ', pad));
                        s.push_str(c);
                    }
                    Align::Left => {
                        s.push_str(c);
                        if !last {
                            s.extend(std::iter::repeat_n(' ', pad));
                        }
                    }
                }
                if !last {
                    s.push_str("  ");
                }
            }
            s.truncate(s.trim_end().len());
            s
        };
        let mut lines = Vec::with_capacity(self.rows.len() + 1);
        lines.push(fmt_row(&self.headers));
        lines.extend(self.rows.iter().map(|r| fmt_row(r)));
        lines
    }

    /// Writes the table.
    pub fn write(&self, out: &mut Out, indent: &str) -> io::Result<()> {
        for l in self.render(indent) {
            out.line(l)?;
        }
        Ok(())
    }
}

/// Hours as a short number: `120`, `52.5`, `0.25` (gap-core's one formatter).
pub use gap_core::format_hours as hours;

/// Hours with the unit: `120 h`.
pub fn hours_h(h: f64) -> String {
    format!("{} h", hours(h))
}

/// A fraction as a percentage: `67%`.
pub fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// `yes` / `no`.
pub fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// `1 step` / `2 steps`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        // `hours` is gap-core's formatter (tested there).
        assert_eq!(hours_h(52.5), "52.5 h");
        assert_eq!(percent(2.0 / 3.0), "67%");
        assert_eq!(plural(1, "step"), "1 step");
        assert_eq!(plural(0, "step"), "0 steps");
    }

    #[test]
    fn table_alignment() {
        let mut t = Table::new(&[
            ("id", Align::Left),
            ("hours", Align::Right),
            ("name", Align::Left),
        ]);
        t.row(vec!["python".into(), "40".into(), "Python".into()]);
        t.row(vec![
            "sql".into(),
            "120".into(),
            "Structured Query Language".into(),
        ]);
        let lines = t.render("");
        assert_eq!(lines[0], "id      hours  name");
        assert_eq!(lines[1], "python     40  Python");
        assert_eq!(lines[2], "sql       120  Structured Query Language");
    }

    #[test]
    fn formats_checked() {
        assert!(check_format(Format::Json, &[Format::Table, Format::Json], "gap").is_ok());
        let e = check_format(Format::Dot, &[Format::Table, Format::Json], "gap").unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("table or json"));
    }
}
