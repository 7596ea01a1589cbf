//! `data_class!`: the `#[pymethods]` block of a frozen class that wraps one
//! serde value of gap-core (`struct PyX(pub CoreX)`), with the methods every
//! such class shares added to the ones given: pickling through `__reduce__`
//! with compact bytes, and `__eq__` on the wrapped value.

/// Expands to `#[pymethods] impl $ty { $methods... _from_bytes, __reduce__, __eq__ }`.
macro_rules! data_class {
    ($ty:ident, $core:ty, { $($methods:tt)* }) => {
        #[gap_py_guard::guarded]
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

/// The same for a class that also keeps the catalog it was computed in
/// (`struct PyX(pub CoreX, pub Py<PyCatalog>)`), to show names next to ids:
/// a `catalog` getter, and pickling through `_from_parts(catalog, bytes)`
/// (the catalog stored once per pickle, or its content hash when it is
/// shared: see `crate::pickle`), the unpickled value checked against its
/// catalog (`crate::pickle::Fits`).
macro_rules! catalog_data_class {
    ($ty:ident, $core:ty, { $($methods:tt)* }) => {
        #[gap_py_guard::guarded]
        #[pymethods]
        impl $ty {
            $($methods)*

            /// The catalog this result was computed in.
            #[getter]
            fn catalog(&self, py: pyo3::Python<'_>) -> pyo3::Py<crate::catalog::PyCatalog> {
                self.1.clone_ref(py)
            }

            /// Rebuilds an object from its catalog and the bytes of `__reduce__`.
            #[classmethod]
            fn _from_parts(
                _cls: &pyo3::Bound<'_, pyo3::types::PyType>,
                catalog: &pyo3::Bound<'_, pyo3::PyAny>,
                data: &[u8],
            ) -> pyo3::PyResult<Self> {
                let catalog = crate::pickle::catalog_from_arg(catalog)?;
                let value = crate::convert::from_bytes::<$core>(data)?;
                crate::pickle::check(_cls.py(), &value, &catalog)?;
                Ok(Self(value, catalog))
            }

            /// Pickle support: the catalog and compact bytes.
            #[allow(clippy::type_complexity)]
            fn __reduce__<'py>(
                slf: &pyo3::Bound<'py, Self>,
            ) -> pyo3::PyResult<(
                pyo3::Bound<'py, pyo3::PyAny>,
                (
                    pyo3::Bound<'py, pyo3::PyAny>,
                    pyo3::Bound<'py, pyo3::types::PyBytes>,
                ),
            )> {
                let py = slf.py();
                let data = crate::convert::to_bytes(py, &slf.get().0)?;
                Ok((
                    slf.get_type().getattr("_from_parts")?,
                    (crate::pickle::catalog_arg(py, &slf.get().1), data),
                ))
            }

            /// Equal when all fields are equal.
            fn __eq__(&self, other: pyo3::PyRef<'_, Self>) -> bool {
                self.0 == other.0
            }
        }
    };
}

pub(crate) use {catalog_data_class, data_class};
