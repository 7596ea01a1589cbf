//! `#[guarded]`: the attribute that puts every function of a `#[pymethods]`
//! block (or one `#[pyfunction]`) behind a panic guard, so that no Rust panic
//! reaches Python as pyo3's `PanicException` (a `BaseException` that
//! `except Exception` misses; SPEC 6).
//!
//! Each function body runs inside `crate::guard::call`, which catches an
//! unwinding panic and raises `skillgap.SkillgapError` with a bug-report
//! hint instead. A function whose return type is not already a
//! `PyResult<T>` (or `Result<T, E>`) is changed to return `PyResult<T>`.
//! Put `#[guarded]` above `#[pymethods]` / `#[pyfunction]`.

use proc_macro::TokenStream;
use quote::quote;
use syn::{Block, ImplItem, Item, ReturnType, Signature, Type, parse_macro_input, parse_quote};

/// Guards every function of an `impl` block, or one function; see the crate
/// documentation.
#[proc_macro_attribute]
pub fn guarded(_attr: TokenStream, item: TokenStream) -> TokenStream {
    let mut item = parse_macro_input!(item as Item);
    match &mut item {
        Item::Impl(block) => {
            for it in &mut block.items {
                if let ImplItem::Fn(f) = it {
                    guard_fn(&mut f.sig, &mut f.block);
                }
            }
        }
        Item::Fn(f) => guard_fn(&mut f.sig, &mut f.block),
        _ => {
            return syn::Error::new_spanned(&item, "#[guarded] goes on an impl block or a fn")
                .to_compile_error()
                .into();
        }
    }
    quote!(#item).into()
}

/// True for `PyResult<..>` and `Result<..>` (the body already returns an
/// error value, which the guard passes through).
fn returns_result(ty: &Type) -> bool {
    match ty {
        Type::Path(p) => p
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "PyResult" || s.ident == "Result"),
        _ => false,
    }
}

fn guard_fn(sig: &mut Signature, block: &mut Block) {
    let body = &*block;
    let new_body: Block = match &sig.output {
        ReturnType::Type(_, ty) if returns_result(ty) => parse_quote!({
            crate::guard::call(::std::panic::AssertUnwindSafe(|| -> #ty #body))
        }),
        ReturnType::Type(arrow, ty) => {
            let ty = ty.clone();
            let block: Block = parse_quote!({
                crate::guard::call(::std::panic::AssertUnwindSafe(
                    || -> ::pyo3::PyResult<#ty> { ::std::result::Result::Ok((|| -> #ty #body)()) },
                ))
            });
            sig.output = ReturnType::Type(*arrow, parse_quote!(::pyo3::PyResult<#ty>));
            block
        }
        ReturnType::Default => {
            let block: Block = parse_quote!({
                crate::guard::call(::std::panic::AssertUnwindSafe(
                    || -> ::pyo3::PyResult<()> { ::std::result::Result::Ok((|| #body)()) },
                ))
            });
            sig.output = parse_quote!(-> ::pyo3::PyResult<()>);
            block
        }
    };
    *block = new_body;
}
