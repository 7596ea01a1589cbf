//! Correctly rounded sums of hours (Shewchuk's exact partials, as Python's
//! `math.fsum`): the total of a set of steps does not depend on the order it
//! is added in, so a path's total, a gap's hours, a ranking's hours and a
//! matrix cell agree to the last bit however each was computed.

/// An exact running sum, kept as non-overlapping partials.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ExactSum {
    partials: Vec<f64>,
}

impl ExactSum {
    /// An empty sum (0).
    pub fn new() -> Self {
        Self::default()
    }

    /// Back to 0, keeping the allocation.
    pub fn clear(&mut self) {
        self.partials.clear();
    }

    /// Sets this sum to `other`, keeping the allocation.
    pub fn copy_from(&mut self, other: &ExactSum) {
        self.partials.clear();
        self.partials.extend_from_slice(&other.partials);
    }

    /// Adds `x` exactly (`x` finite).
    pub fn add(&mut self, mut x: f64) {
        let mut i = 0;
        for j in 0..self.partials.len() {
            let mut y = self.partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                self.partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        self.partials.truncate(i);
        self.partials.push(x);
    }

    /// Adds what `other` holds (exactly: its partials sum to its value).
    pub fn merge(&mut self, other: &ExactSum) {
        for &p in &other.partials {
            self.add(p);
        }
    }

    /// The sum, correctly rounded.
    pub fn value(&self) -> f64 {
        let p = &self.partials;
        let mut n = p.len();
        if n == 0 {
            return 0.0;
        }
        n -= 1;
        let mut hi = p[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = p[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        // Round half-even correctly when the rest has the same sign as `lo`.
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
        // `+ 0.0` turns a negative zero (from `-0` hours in a file) into 0.
        hi + 0.0
    }
}

/// The correctly rounded sum of `values`.
pub(crate) fn exact_sum(values: impl IntoIterator<Item = f64>) -> f64 {
    let mut s = ExactSum::new();
    for v in values {
        s.add(v);
    }
    s.value()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_independent_and_exact() {
        let v = [0.1, 0.2, 0.3, 1e16, -1e16, 0.7];
        let mut r = v;
        r.reverse();
        assert_eq!(exact_sum(v), exact_sum(r));
        assert_eq!(exact_sum([0.1; 10]), 1.0);
        assert_eq!(exact_sum([]), 0.0);
        assert_eq!(exact_sum([1e100, 1.0, -1e100]), 1.0);
        let mut s = ExactSum::new();
        s.add(40.0);
        s.add(80.0);
        s.add(-40.0);
        assert_eq!(s.value(), 80.0);
    }
}

#[cfg(test)]
mod negative_zero {
    #[test]
    fn sums_are_never_negative_zero() {
        let s = super::exact_sum([-0.0, -0.0]);
        assert!(s == 0.0 && s.is_sign_positive());
        assert!(super::exact_sum([]).is_sign_positive());
    }
}
