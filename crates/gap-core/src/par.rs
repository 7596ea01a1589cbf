//! Parallel iteration for the batch queries ([`Catalog::hours_matrix`],
//! [`Catalog::rank_roles`]): rayon's global pool with the `parallel` feature
//! (the default), plain serial iterators without it. Call sites import
//! `crate::par::prelude::*` and write `xs.par_iter().map(..)` or
//! `.map_init(..)` either way.
//!
//! [`Catalog::hours_matrix`]: crate::Catalog::hours_matrix
//! [`Catalog::rank_roles`]: crate::Catalog::rank_roles

/// What the call sites import: rayon's prelude, or its serial stand-in.
pub(crate) mod prelude {
    #[cfg(feature = "parallel")]
    pub(crate) use rayon::prelude::*;

    #[cfg(not(feature = "parallel"))]
    pub(crate) use super::serial::{MapInit, ParIter};
}

/// The serial stand-ins for the few rayon methods the queries use.
#[cfg(not(feature = "parallel"))]
mod serial {
    /// `par_iter()` on a slice or `Vec`: its ordinary iterator.
    pub(crate) trait ParIter<'a> {
        /// The element reference.
        type Item: 'a;
        /// The iterator.
        type Iter: Iterator<Item = Self::Item>;
        /// Iterates serially.
        fn par_iter(&'a self) -> Self::Iter;
    }

    impl<'a, T: 'a> ParIter<'a> for [T] {
        type Item = &'a T;
        type Iter = std::slice::Iter<'a, T>;
        fn par_iter(&'a self) -> Self::Iter {
            self.iter()
        }
    }

    /// rayon's `map_init`: one state, made once, for every item.
    pub(crate) trait MapInit: Iterator + Sized {
        /// Maps each item with `f`, given the state `init` made.
        fn map_init<S, R>(
            self,
            init: impl Fn() -> S,
            mut f: impl FnMut(&mut S, Self::Item) -> R,
        ) -> impl Iterator<Item = R> {
            let mut state = init();
            self.map(move |x| f(&mut state, x))
        }
    }

    impl<I: Iterator> MapInit for I {}
}
