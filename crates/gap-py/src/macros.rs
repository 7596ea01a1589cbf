//! `data_class!`: the `#[pymethods]` block of a frozen class that wraps one
//! serde value of gap-core (`struct PyX(pub CoreX)`), with the methods every
//! such class shares added to the ones given: pickling through `__reduce__`
//! with compact bytes, and `__eq__` on the wrapped value.

/// Expands to `#[pymethods] impl $ty { $methods... _from_bytes, __reduce__, __eq__ }`.
macro_rules! data_class {
    ($ty:ident, $core:ty, { $($methods:tt)* }) => {
        #[pymethods]
        impl $ty {
            $($methods)*

            /// Rebuilds an object from the bytes of `__reduce__` (pickle support).
            #[classmethod]
            fn _from_bytes(
                _cls: &pyo3::Bound<'_, pyo3::types::PyType>,
                data: &[u8],
            ) -> pyo3::PyResult<Self> {
                Ok(Self(crate::convert::from_bytes::<$core>(data)?))
            }

            /// Pickle support: the class and compact bytes.
            fn __reduce__<'py>(
                slf: &pyo3::Bound<'py, Self>,
            ) -> pyo3::PyResult<(
                pyo3::Bound<'py, pyo3::PyAny>,
                (pyo3::Bound<'py, pyo3::types::PyBytes>,),
            )> {
                let data = crate::convert::to_bytes(slf.py(), &slf.get().0)?;
                crate::convert::reduce(slf.as_any(), data)
            }

            /// Equal when all fields are equal.
            fn __eq__(&self, other: pyo3::PyRef<'_, Self>) -> bool {
                self.0 == other.0
            }
        }
    };
}

pub(crate) use data_class;
