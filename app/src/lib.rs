//! Pratica's shared crate: domain types, pages and components, server functions, and (with the
//! `ssr` feature) the server-only services. See docs/architecture.md.
#![recursion_limit = "256"]
#[cfg(feature = "ssr")]
pub mod demo;
pub mod error;
pub mod features;
pub mod i18n;
pub mod kernel;
#[cfg(feature = "ssr")]
pub mod lifecycle;
pub mod scope;
#[cfg(feature = "ssr")]
pub mod server;
pub mod ui;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use features::{
    accounts::pages::{
        CodePage, ForgotPasswordPage, InvitationsPage, NewPasswordPage, ProfilePage,
        SecondFactorPage, SecurityPage, SignInPage, SignUpPage, VerifyEmailPage,
    },
    forum::pages::{
        CategoryPage, EditPostPage, ForumPage, HistoryPage, NewThreadPage, PermalinkPage,
        QuestionsPage, ReportsPage, SolvedPage, ThreadPage,
    },
    groups::pages::{GroupPage, GroupsPage},
    home::pages::HomePage,
    network::pages::{DirectoryPage, OrganisationPage},
    polls::pages::{NewPollPage, PollPage, PollsPage},
    sections::pages::{Section, SectionPage},
    staff::{pages::StaffPage, people_page::StaffPeoplePage},
    surveys::pages::{NewSurveyPage, SurveyPage, SurveyResultsPage, SurveysPage},
    themes::pages::{ThemePage, ThemesPage},
    wiki::pages::{NewWikiPage, PromotePage, RecentChangesPage, ReviewDuePage, WikiPage},
};
use i18n::use_locale;
use ui::{Layout, NotFound};

/// The font of the text, fetched with the page: with `font-display: optional` a font that is
/// not there in time is not swapped in later, so text never moves (layout shift); the preload
/// makes the regular weight there in time. The headings' weights (600, 700) are not preloaded:
/// on a slow link they would take the bandwidth the page needs first (LCP); a first visit may
/// show headings in the fallback font, later visits have them cached. Their names carry their
/// hash, so they are cached for a year.
const FONTS: [&str; 1] = ["/fonts/titillium-web-latin-400-normal.861b80b49d.woff2"];

/// The site's stylesheet, read once from the built site, to be put in every page's head: a
/// first visit on a slow link then paints without waiting for one more request (LCP). About
/// 4 KB compressed on every page. None when the site has no built stylesheet (the Rust tests,
/// `cargo leptos watch`): the page links it instead.
#[cfg(feature = "ssr")]
fn inline_style(options: &LeptosOptions) -> Option<&'static str> {
    use std::sync::OnceLock;
    static STYLE: OnceLock<Option<String>> = OnceLock::new();
    if std::env::var_os("LEPTOS_WATCH").is_some() {
        return None;
    }
    STYLE
        .get_or_init(|| {
            let pkg = std::path::Path::new(options.site_root.as_ref())
                .join(options.site_pkg_dir.as_ref());
            let prefix = format!("{}.", options.output_name);
            let mut styles = std::fs::read_dir(pkg)
                .ok()?
                .filter_map(|entry| entry.ok())
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .filter(|name| name.starts_with(&prefix) && name.ends_with(".css"))
                .collect::<Vec<_>>();
            // One stylesheet is built; should there be more, none is guessed at.
            (styles.len() == 1)
                .then(|| styles.pop())
                .flatten()
                .and_then(|name| {
                    std::fs::read_to_string(
                        std::path::Path::new(options.site_root.as_ref())
                            .join(options.site_pkg_dir.as_ref())
                            .join(name),
                    )
                    .ok()
                })
        })
        .as_deref()
}

#[cfg(not(feature = "ssr"))]
fn inline_style(_: &LeptosOptions) -> Option<&'static str> {
    None
}

/// The HTML document around the app, rendered on the server for every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = use_locale();
    view! {
        <!DOCTYPE html>
        <html lang=locale.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                {FONTS
                    .map(|href| {
                        view! {
                            <link
                                rel="preload"
                                href=href
                                r#as="font"
                                r#type="font/woff2"
                                crossorigin="anonymous"
                            />
                        }
                    })}
                <link rel="icon" href="/favicon.svg" r#type="image/svg+xml"/>
                {match inline_style(&options) {
                    Some(css) => {
                        view! { <style nonce=leptos::nonce::use_nonce() inner_html=css></style> }
                            .into_any()
                    }
                    None => view! { <HashedStylesheet options=options.clone() id="leptos"/> }.into_any(),
                }}
                <AutoReload options=options.clone()/>
                <ui::IslandScripts options=options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let section = |section: Section| move || view! { <SectionPage section=section/> };
    view! {
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/forum") view=ForumPage ssr=SsrMode::Async/>
                    <Route path=path!("/forum/nuovo") view=NewThreadPage ssr=SsrMode::Async/>
                    <Route path=path!("/forum/c/:slug") view=CategoryPage ssr=SsrMode::Async/>
                    <Route path=path!("/forum/t/:id") view=ThreadPage ssr=SsrMode::Async/>
                    <Route path=path!("/forum/m/:id") view=PermalinkPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/forum/m/:id/modifica")
                        view=EditPostPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/forum/m/:id/versioni")
                        view=HistoryPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/domande") view=QuestionsPage ssr=SsrMode::Async/>
                    <Route path=path!("/domande/risolte") view=SolvedPage ssr=SsrMode::Async/>
                    <Route path=path!("/temi") view=ThemesPage ssr=SsrMode::Async/>
                    <Route path=path!("/temi/:slug") view=ThemePage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/staff/segnalazioni")
                        view=ReportsPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/wiki") view=WikiPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/wiki/modifiche-recenti")
                        view=RecentChangesPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/wiki/da-rivedere") view=ReviewDuePage ssr=SsrMode::Async/>
                    <Route path=path!("/wiki/nuova") view=NewWikiPage ssr=SsrMode::Async/>
                    <Route path=path!("/wiki/promuovi") view=PromotePage ssr=SsrMode::Async/>
                    <Route path=path!("/wiki/*address") view=WikiPage ssr=SsrMode::Async/>
                    <Route path=path!("/sondaggi") view=PollsPage ssr=SsrMode::Async/>
                    <Route path=path!("/sondaggi/nuovo") view=NewPollPage ssr=SsrMode::Async/>
                    <Route path=path!("/sondaggi/:id") view=PollPage ssr=SsrMode::Async/>
                    <Route path=path!("/questionari") view=SurveysPage ssr=SsrMode::Async/>
                    <Route path=path!("/questionari/nuovo") view=NewSurveyPage ssr=SsrMode::Async/>
                    <Route path=path!("/questionari/:id") view=SurveyPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/questionari/:id/risultati")
                        view=SurveyResultsPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/agenda") view=section(Section::Agenda) ssr=SsrMode::Async/>
                    <Route
                        path=path!("/materiali")
                        view=section(Section::Library)
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/rete") view=DirectoryPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/rete/organizzazioni/:id")
                        view=OrganisationPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/accedi") view=SignInPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/profilo/sicurezza")
                        view=SecurityPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/accedi/password-dimenticata")
                        view=ForgotPasswordPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/accedi/nuova-password")
                        view=NewPasswordPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/registrati") view=SignUpPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/verifica-email")
                        view=VerifyEmailPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/profilo") view=ProfilePage ssr=SsrMode::Async/>
                    <Route path=path!("/accedi/codice") view=CodePage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/profilo/due-fattori")
                        view=SecondFactorPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/inviti") view=InvitationsPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff") view=StaffPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/staff/persone")
                        view=StaffPeoplePage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/gruppi") view=GroupsPage ssr=SsrMode::Async/>
                    <Route path=path!("/gruppi/:slug") view=GroupPage ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}
