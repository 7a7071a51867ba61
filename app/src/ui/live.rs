//! What the small islands share: the live ones (a thread's new posts, a poll's results), which
//! are in every page's main WebAssembly module, and the writing box. They are written to cost
//! little: they take no props (an island's props need a JSON decoder), call no server function
//! through the client (it brings its own encoders), and render nothing of their own. The server
//! renders their markup with the settings in `data-` attributes; the island renders a hidden
//! hook, finds that markup from it and updates it in place. Without WebAssembly the page is
//! complete as served.
use leptos::prelude::*;

/// The island's hook: a hidden element whose only use is to find the markup the island runs.
pub type Hook = NodeRef<leptos::html::Span>;

/// The hook's markup (`hook` is given to `when_hydrated` in the browser).
pub fn hook_view(hook: Hook) -> impl IntoView {
    view! { <span class="live-hook" hidden node_ref=hook></span> }
}

#[cfg(feature = "hydrate")]
pub use browser::*;

#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::{closure::Closure, JsCast};
    use web_sys::{Element, Event, EventSource};

    use super::Hook;
    use leptos::prelude::*;

    /// Runs `start` with the nearest ancestor of the hook that matches `root` (a CSS selector),
    /// once the island is hydrated.
    pub fn when_hydrated(hook: Hook, root: &'static str, start: fn(Element)) {
        Effect::new(move |_| {
            if let Some(found) = hook
                .get()
                .and_then(|hook| hook.closest(root).ok().flatten())
            {
                start(found);
            }
        });
    }

    /// An attribute of the island's markup, parsed.
    pub fn data<T: std::str::FromStr>(root: &Element, name: &str) -> Option<T> {
        root.get_attribute(name)?.parse().ok()
    }

    /// An attribute of the island's markup, as text (empty when missing).
    pub fn text(root: &Element, name: &str) -> String {
        root.get_attribute(name).unwrap_or_default()
    }

    /// Replaces an element's text.
    pub fn set_text(element: &Element, text: &str) {
        element.set_text_content(Some(text));
    }

    /// The element with this id in the page.
    pub fn by_id(id: &str) -> Option<Element> {
        web_sys::window()?.document()?.get_element_by_id(id)
    }

    /// GETs a same-origin address and returns the body when the answer is a success.
    pub async fn fetch_text(url: &str) -> Option<String> {
        use wasm_bindgen_futures::JsFuture;
        let response = JsFuture::from(web_sys::window()?.fetch_with_str(url))
            .await
            .ok()?
            .dyn_into::<web_sys::Response>()
            .ok()?;
        if !response.ok() {
            return None;
        }
        JsFuture::from(response.text().ok()?)
            .await
            .ok()?
            .as_string()
    }

    /// Posts a form to a server function, as a plain form would, and returns its JSON answer
    /// read by the browser's parser. Islands call server functions this way rather than through
    /// the server-function client, which would add that client and two serde formats to the
    /// WebAssembly of every page that shows them (decision 0010).
    pub async fn post_form(
        endpoint: &str,
        fields: &[(&str, &str)],
    ) -> Result<wasm_bindgen::JsValue, ()> {
        use wasm_bindgen_futures::JsFuture;
        let form = web_sys::UrlSearchParams::new().map_err(|_| ())?;
        for (name, value) in fields {
            form.append(name, value);
        }
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_body(&form.into());
        let window = web_sys::window().ok_or(())?;
        let answer = JsFuture::from(window.fetch_with_str_and_init(endpoint, &init))
            .await
            .map_err(|_| ())?;
        let response: web_sys::Response = answer.dyn_into().map_err(|_| ())?;
        if !response.ok() {
            return Err(());
        }
        JsFuture::from(response.json().map_err(|_| ())?)
            .await
            .map_err(|_| ())
    }

    /// A field of a JSON object, read by the browser's own parser (no decoder in the module).
    pub fn json_field(object: &wasm_bindgen::JsValue, name: &str) -> wasm_bindgen::JsValue {
        js_sys::Reflect::get(object, &name.into()).unwrap_or(wasm_bindgen::JsValue::UNDEFINED)
    }

    /// Parses JSON text with the browser's parser.
    pub fn parse_json(text: &str) -> Option<wasm_bindgen::JsValue> {
        js_sys::JSON::parse(text).ok()
    }

    /// Runs `handler` on every `event` of `target`, for as long as the page lives (the islands'
    /// markup is never removed, so the listener is never taken back).
    pub fn on(target: &web_sys::EventTarget, event: &str, handler: impl FnMut(Event) + 'static) {
        let handler = Closure::<dyn FnMut(Event)>::new(handler);
        let _ = target.add_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
        handler.forget();
    }

    /// A listener of an event stream: it must be kept as long as the stream is.
    pub type Listener = Closure<dyn FnMut(Event)>;

    /// Adds a listener for the named events to an event stream.
    pub fn listen(
        source: &EventSource,
        events: &[&str],
        listener: impl FnMut(Event) + 'static,
    ) -> Listener {
        let listener = Listener::new(listener);
        for name in events {
            let _ =
                source.add_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
        }
        listener
    }
}
