//! Compressed sparse rows: many short lists in one flat allocation. The one
//! adjacency and inverted-index structure of the crate (the solver's local
//! prerequisites, the ranking index's closures and step occurrences, the
//! role watch's entries by skill); the catalog's step graph itself is
//! petgraph's.

/// Rows `0..rows` of items, row `i` being `items[start[i]..start[i + 1]]`.
#[derive(Debug, Clone)]
pub(crate) struct Csr<T> {
    start: Vec<u32>,
    items: Vec<T>,
}

impl<T> Default for Csr<T> {
    fn default() -> Self {
        Csr {
            start: vec![0],
            items: Vec::new(),
        }
    }
}

impl<T: Copy> Csr<T> {
    /// Rows from `(row, item)` pairs (a counting sort: linear, and stable,
    /// so each row keeps the pairs' order). Pairs whose row is not below
    /// `rows` are dropped (callers only pass valid rows).
    pub fn from_pairs(rows: usize, pairs: &[(u32, T)]) -> Self {
        let mut start = vec![0u32; rows + 1];
        for &(r, _) in pairs {
            if (r as usize) < rows {
                start[r as usize + 1] += 1;
            }
        }
        for i in 0..rows {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut slots: Vec<Option<T>> = vec![None; start[rows] as usize];
        for &(r, x) in pairs {
            if (r as usize) < rows {
                slots[fill[r as usize] as usize] = Some(x);
                fill[r as usize] += 1;
            }
        }
        Csr {
            start,
            items: slots.into_iter().flatten().collect(),
        }
    }

    /// An empty structure to fill row by row with [`push`](Csr::push) and
    /// [`end_row`](Csr::end_row).
    pub fn with_capacity(rows: usize, items: usize) -> Self {
        let mut start = Vec::with_capacity(rows + 1);
        start.push(0);
        Csr {
            start,
            items: Vec::with_capacity(items),
        }
    }

    /// Appends an item to the row being filled.
    pub fn push(&mut self, x: T) {
        self.items.push(x);
    }

    /// Ends the row being filled (the next push starts the next row).
    pub fn end_row(&mut self) {
        self.start.push(self.items.len() as u32);
    }

    /// Row `i`.
    #[inline]
    pub fn row(&self, i: usize) -> &[T] {
        &self.items[self.start[i] as usize..self.start[i + 1] as usize]
    }

    /// Where each row starts in the flat items, and one past the last.
    pub fn starts(&self) -> &[u32] {
        &self.start
    }

    /// All items, row after row.
    pub fn items(&self) -> &[T] {
        &self.items
    }
}

#[cfg(test)]
mod tests {
    use super::Csr;

    #[test]
    fn pairs_land_in_their_rows_in_order() {
        let c = Csr::from_pairs(4, &[(2, 'a'), (0, 'b'), (2, 'c'), (3, 'd'), (9, 'x')]);
        assert_eq!(c.row(0), ['b']);
        assert!(c.row(1).is_empty());
        assert_eq!(c.row(2), ['a', 'c']);
        assert_eq!(c.row(3), ['d']);
        assert_eq!(c.starts(), [0, 1, 1, 3, 4]);
    }

    #[test]
    fn rows_filled_one_by_one() {
        let mut c = Csr::with_capacity(3, 4);
        c.push(1u32);
        c.end_row();
        c.end_row();
        c.push(2);
        c.push(3);
        c.end_row();
        assert_eq!(
            (c.row(0), c.row(1), c.row(2)),
            (&[1][..], &[][..], &[2, 3][..])
        );
        assert_eq!(c.items(), [1, 2, 3]);
    }
}
