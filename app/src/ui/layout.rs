//! The frame of every page: skip link, header with language switch and navigation, main
//! landmark, footer with the community phase.
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Meta;
use leptos_router::hooks::use_location;

use crate::{
    features::{
        accounts::{api::SignOut, pages::use_viewer},
        community::api::get_community_status,
    },
    i18n::{use_locale, Locale, Messages},
};

fn nav_items(t: &Messages) -> [(&'static str, &'static str); 8] {
    [
        ("/", t.nav_home),
        ("/forum", t.nav_forum),
        ("/domande", t.nav_questions),
        ("/wiki", t.nav_wiki),
        ("/agenda", t.nav_agenda),
        ("/materiali", t.nav_library),
        ("/rete", t.nav_network),
        ("/gruppi", t.nav_groups),
    ]
}

fn is_current(path: &str, href: &str) -> bool {
    if href == "/" {
        path == "/"
    } else {
        path == href || path.starts_with(&format!("{href}/"))
    }
}

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let locale = use_locale();
    let t = locale.messages();
    let location = use_location();
    let path = location.pathname.get_untracked();
    let search = location.search.get_untracked();
    let search = search.trim_start_matches('?');
    let here = if search.is_empty() {
        path.clone()
    } else {
        format!("{path}?{search}")
    };
    let status = Resource::new_blocking(|| (), |_| get_community_status());

    let languages = Locale::ALL
        .into_iter()
        .map(|l| {
            let href = format!("/lingua?to={}&back={}", l.code(), encode_component(&here));
            let current = (l == locale).then_some("true");
            view! {
                <li>
                    <a href=href lang=l.code() hreflang=l.code() aria-current=current>
                        {l.native_name()}
                    </a>
                </li>
            }
        })
        .collect_view();

    let nav = nav_items(t)
        .into_iter()
        .map(|(href, label)| {
            let current = is_current(&path, href).then_some("page");
            view! {
                <li>
                    <a href=href aria-current=current>{label}</a>
                </li>
            }
        })
        .collect_view();
    let sign_out_path = <SignOut as ServerFn>::PATH;
    let second_factor_missing = use_viewer().is_some_and(|v| v.needs_second_factor())
        && !path.starts_with("/profilo/due-fattori");
    let account = match use_viewer() {
        Some(viewer) => view! {
            <li class="account">
                <span class="visually-hidden">{t.accounts.signed_in_as} " "</span>
                <a class="viewer-name" href="/profilo">{viewer.display_name}</a>
                <form method="post" action=sign_out_path class="sign-out">
                    <button type="submit" class="link-button">{t.accounts.sign_out}</button>
                </form>
            </li>
        }
        .into_any(),
        None => {
            let current = is_current(&path, "/accedi").then_some("page");
            let href = if path == "/accedi" {
                "/accedi".to_string()
            } else {
                format!("/accedi?next={}", encode_component(&here))
            };
            view! {
                <li class="account">
                    <a href=href aria-current=current>{t.nav_sign_in}</a>
                </li>
            }
            .into_any()
        }
    };

    view! {
        <Meta name="description" content=t.site_description/>
        <a class="skip-link" href="#main">{t.skip_to_content}</a>
        <header class="site-header">
            <div class="slim-bar">
                <div class="container slim-inner">
                    <span>{t.community_label}</span>
                    <nav aria-label=t.language_label class="languages">
                        <ul>{languages}</ul>
                    </nav>
                </div>
            </div>
            <div class="brand-bar">
                <div class="container">
                    <a href="/" class="brand">
                        <span class="brand-name">{t.site_name}</span>
                        <span class="brand-tagline">{t.site_tagline}</span>
                    </a>
                </div>
            </div>
            <nav class="main-nav" aria-label=t.nav_label>
                <div class="container">
                    <ul>
                        {nav}
                        {account}
                    </ul>
                </div>
            </nav>
        </header>
        <main id="main" tabindex="-1">
            <div class="container">
                {second_factor_missing
                    .then(|| {
                        view! {
                            <p class="notice warning">
                                {t.accounts.second_factor_required_banner} " "
                                <a href="/profilo/due-fattori">{t.accounts.second_factor_required_action}</a>
                            </p>
                        }
                    })}
                {children()}
            </div>
        </main>
        <footer class="site-footer">
            <div class="container">
                <Suspense>
                    {move || Suspend::new(async move {
                        status
                            .await
                            .ok()
                            .map(|s| {
                                view! {
                                    <p>
                                        <strong>{t.footer_phase_label} ": "</strong>
                                        <span class="phase">{s.phase.describe(t)}</span>
                                    </p>
                                }
                            })
                    })}
                </Suspense>
                <p>{t.footer_about}</p>
            </div>
        </footer>
    }
}

/// Escapes text for HTML written by hand (an SVG chart, a plain error page): text and
/// double- or single-quoted attribute values.
pub fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Percent-encodes a value for a query string (RFC 3986 unreserved characters stay).
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_current_section_is_marked_also_on_its_subpages() {
        assert!(is_current("/", "/"));
        assert!(!is_current("/forum", "/"));
        assert!(is_current("/wiki/pagina", "/wiki"));
        assert!(!is_current("/wikipedia", "/wiki"));
    }

    #[test]
    fn return_addresses_are_encoded() {
        assert_eq!(encode_component("/?q=città e"), "/%3Fq%3Dcitt%C3%A0%20e");
    }
}
