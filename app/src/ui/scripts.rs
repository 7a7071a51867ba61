//! The script that hydrates the islands, without the preload links `HydrationScripts` puts in
//! every page's head. Those links make the browser fetch the whole WebAssembly while the page is
//! still being read, in competition with what the first paint needs; on a slow mobile link that
//! alone delayed the largest paint (LCP) of a page by about 0.9 s (Lighthouse on a copy of the
//! sign-in page: 2.10 s with them, 1.20 s without). The islands hydrate when the browser is idle
//! anyway: the module is now fetched then. Everything else is Leptos's own: its component still
//! runs on the server for what it sets up (the lazy islands' manifest), and its island script is
//! used as it is: `island_script.js` is Leptos 0.8.23's `leptos/src/hydration/island_script.js`
//! (MIT licence), copied unchanged; compare it with Leptos's when Leptos is upgraded.
use leptos::prelude::*;

/// Replaces `<HydrationScripts options islands=true/>`.
#[component]
pub fn IslandScripts(options: LeptosOptions) -> impl IntoView {
    // Leptos's component, for its work on the server; its markup is not used.
    let _ = leptos::hydration::HydrationScripts(
        leptos::hydration::HydrationScriptsProps::builder()
            .options(options.clone())
            .islands(true)
            .build(),
    );
    static NAMES: std::sync::OnceLock<(String, String)> = std::sync::OnceLock::new();
    let (js, wasm) = NAMES.get_or_init(|| file_names(&options));
    let pkg = &options.site_pkg_dir;
    let script = format!(
        "{}({:?}, {pkg:?}, {js:?}, {wasm:?});",
        include_str!("island_script.js"),
        ""
    );
    view! { <script type="module" nonce=leptos::nonce::use_nonce() inner_html=script></script> }
}

/// The JS and WebAssembly files' names, with their hashes when the build made them (read once,
/// as Leptos does, from the hash file beside the server).
fn file_names(options: &LeptosOptions) -> (String, String) {
    let mut js = options.output_name.to_string();
    let mut wasm = options.output_name.to_string();
    if options.hash_files {
        let hashes = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())))
            .and_then(|path| std::fs::read_to_string(path).ok())
            .unwrap_or_default();
        for (file, hash) in hashes
            .lines()
            .filter_map(|line| line.trim().split_once(':'))
        {
            match file {
                "js" => js.push_str(&format!(".{}", hash.trim())),
                "wasm" => wasm.push_str(&format!(".{}", hash.trim())),
                _ => {}
            }
        }
    } else if option_env!("LEPTOS_OUTPUT_NAME").is_none() {
        wasm.push_str("_bg");
    }
    (js, wasm)
}
