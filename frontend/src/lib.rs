//! The WebAssembly entry point: hydrates the islands of the server-rendered pages.
#![allow(clippy::unused_unit)]
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    // The islands to hydrate are registered by `app`; linking it is what brings them in.
    #[allow(unused_imports)]
    use app::*;
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
