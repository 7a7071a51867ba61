//! The Pratica server: configuration, the axum router around the Leptos app, static files with
//! long cache lifetimes, security headers, health check and graceful shutdown.
pub mod config;
pub mod middleware;
#[cfg(feature = "profile")]
pub mod profile;
pub mod routes;
pub mod visitor_cache;

use std::{error::Error, sync::OnceLock, time::Duration};

use axum::{
    http::{
        header::{self, HeaderName},
        HeaderValue, Response,
    },
    serve::ListenerExt,
    Router,
};
use leptos::{config::Env, prelude::*};
use leptos_axum::{
    file_and_error_handler_with_context, generate_route_list, AxumRouteListing, LeptosRoutes,
};
use tower::ServiceBuilder;
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::{
        predicate::{NotForContentType, Predicate},
        CompressionLayer, CompressionLevel, DefaultPredicate,
    },
    services::ServeDir,
    set_header::SetResponseHeaderLayer,
};

use app::{
    demo,
    server::{
        mail, mail::Mailer, passwords::Passwords, secrets::Secrets, security::provide_page_context,
        AppState, Db,
    },
    shell, App,
};
use config::Config;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Leptos options from our configuration. Hashed file names are on when cargo-leptos built the
/// site with `hash-files` (it leaves `hash.txt` beside the binary) or says so in the env.
pub fn leptos_options(config: &Config) -> LeptosOptions {
    let hash_files = match std::env::var("LEPTOS_HASH_FILES") {
        Ok(value) => value == "true",
        Err(_) => std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt")))
            .is_some_and(|file| file.exists()),
    };
    LeptosOptions::builder()
        .output_name(option_env!("LEPTOS_OUTPUT_NAME").unwrap_or("pratica"))
        .site_root(config.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .env(if cfg!(debug_assertions) {
            Env::DEV
        } else {
            Env::PROD
        })
        .hash_files(hash_files)
        .build()
}

/// Opens the database (migrating it) and builds the state.
pub async fn state(config: &Config) -> Result<AppState, Box<dyn Error>> {
    if config.is_sqlite() {
        std::fs::create_dir_all(&config.data_dir)?;
    }
    let mailer = Mailer::new(config.smtp_url.as_deref(), &config.mail_from)
        .map_err(config::ConfigError::Mail)?;
    let db = Db::connect(&config.database_url).await?;
    let secrets = Secrets::load(config.secret_key.as_deref(), &config.data_dir)?;
    let sealed = app::features::accounts::service::seal_stored_secrets(&db, &secrets).await?;
    if sealed > 0 {
        tracing::info!(
            accounts = sealed,
            "sealed second-factor secrets stored in clear"
        );
    }
    Ok(AppState {
        leptos_options: leptos_options(config),
        db,
        passwords: Passwords::new(config.hash_concurrency),
        secrets,
        sessions: config.sessions,
        secure_cookies: config.secure_cookies,
        mailer,
        public_url: config.public_url.clone(),
        events: app::server::events::EventBus::new(),
    })
}

/// The application's routes, found once per process. While leptos walks the app to list them it
/// switches off resource loading *for the whole process*, so listing them again while another
/// router renders a page (several routers in one process, as in the tests) would leave that
/// page's data waiting for ever.
pub fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The whole application as an axum router.
pub fn router(state: AppState, config: &Config) -> Router {
    let routes = route_list();
    let pkg = format!("{}/pkg", config.site_root);
    let fonts = format!("{}/fonts", config.site_root);
    let shell_options = state.leptos_options.clone();
    let session_state = state.clone();

    let router = routes::own()
        .into_iter()
        .fold(Router::new(), |router, route| {
            router.route(route.path, route.handler)
        })
        .nest_service("/pkg", cached(ServeDir::new(pkg), IMMUTABLE))
        .nest_service("/fonts", cached(ServeDir::new(fonts), IMMUTABLE))
        .leptos_routes_with_context(&state, routes, provide_page_context, move || {
            shell(shell_options.clone())
        })
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            provide_page_context,
            shell,
        ));
    #[cfg(feature = "bench")]
    let router = if config.bench_endpoints {
        router.route(
            "/_bench/themes",
            axum::routing::post(routes::bench::propose_theme),
        )
    } else {
        router
    };
    let router = router
        .with_state(state)
        .layer(axum::middleware::from_fn_with_state(
            session_state,
            middleware::load_session,
        ))
        .layer(axum::middleware::from_fn_with_state(
            config.trusted_proxies.clone(),
            middleware::client_address,
        ))
        .layer(axum::middleware::from_fn(middleware::same_origin_writes))
        .layer(axum::middleware::from_fn(middleware::bound_input))
        .layer(axum::middleware::from_fn(
            middleware::server_fn_error_status,
        ));
    security_headers(router, config.secure_cookies)
        .layer(axum::middleware::from_fn_with_state(
            visitor_cache::VisitorCache::new(config.visitor_cache),
            visitor_cache::visitor_pages,
        ))
        .layer(axum::middleware::from_fn(middleware::page_security))
        .layer(compression())
        .layer(CatchPanicLayer::custom(panic_page))
}

/// A bug must not take the connection down with it nor show internals: a plain 500 page in
/// both languages (the request's language is not known here), details in the log.
fn panic_page(panic: Box<dyn std::any::Any + Send + 'static>) -> Response<axum::body::Body> {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("unknown");
    tracing::error!(panic = detail, "a request handler panicked");
    let body = "<!DOCTYPE html><html lang=\"it\"><head><meta charset=\"utf-8\">\
        <title>Errore · Error</title></head><body><main><h1>Si è verificato un errore</h1>\
        <p>Qualcosa non ha funzionato da parte nostra. Riprova tra qualche istante.</p>\
        <p lang=\"en\">Something went wrong on our side. Please try again in a moment.</p>\
        <p><a href=\"/\">Home</a></p></main></body></html>";
    let mut response = Response::new(axum::body::Body::from(body));
    *response.status_mut() = axum::http::StatusCode::INTERNAL_SERVER_ERROR;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

/// Pages, server functions' answers and feeds are compressed as they are sent (brotli or gzip,
/// whichever the browser prefers) at the fastest level: a 42 KB thread page becomes about 4 KB for
/// about a quarter of a millisecond. Static files come precompressed by the build (the layer
/// leaves answers that already have an encoding alone); live streams (`text/event-stream`),
/// images and fonts are not compressed.
fn compression() -> CompressionLayer<impl Predicate> {
    CompressionLayer::new()
        .no_deflate()
        .no_zstd()
        .quality(CompressionLevel::Precise(1))
        .compress_when(DefaultPredicate::new().and(NotForContentType::const_new("font/")))
}

/// Static files, precompressed (brotli, gzip) when the build made `.br`/`.gz` siblings, with a
/// cache lifetime on successful answers only.
fn cached(
    dir: ServeDir,
    lifetime: &'static str,
) -> impl tower::Service<
    axum::http::Request<axum::body::Body>,
    Response = Response<tower_http::services::fs::ServeFileSystemResponseBody>,
    Error = std::convert::Infallible,
    Future = impl Send,
> + Clone
       + Send
       + Sync
       + 'static {
    ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            move |res: &Response<_>| {
                res.status()
                    .is_success()
                    .then(|| HeaderValue::from_static(lifetime))
            },
        ))
        .service(dir.precompressed_br().precompressed_gzip())
}

/// Headers on every answer. Behind HTTPS (secure cookies on), browsers are also told to use
/// HTTPS only for a year (HSTS), so a first plain-HTTP request cannot be intercepted.
fn security_headers(router: Router, https: bool) -> Router {
    let headers: [(HeaderName, &'static str); 6] = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        ),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        // `page_security` replaces this on HTML pages with a policy carrying the page's nonce.
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'self'; img-src 'self'; font-src 'self'; \
             frame-ancestors 'none'",
        ),
    ];
    let hsts = https.then_some((
        header::STRICT_TRANSPORT_SECURITY,
        "max-age=31536000; includeSubDomains",
    ));
    headers
        .into_iter()
        .chain(hsts)
        .fold(router, |router, (name, value)| {
            router.layer(SetResponseHeaderLayer::if_not_present(
                name,
                HeaderValue::from_static(value),
            ))
        })
}

/// Runs the server until SIGINT or SIGTERM, then finishes the requests in flight and closes
/// the database cleanly.
pub async fn run(config: Config) -> Result<(), Box<dyn Error>> {
    #[cfg(feature = "profile")]
    let sampling = profile::start();
    let state = state(&config).await?;
    if config.demo {
        let accounts = demo::load_if_empty(
            &state.db,
            &state.passwords,
            &state.secrets,
            config.demo_password.as_deref(),
            config.demo_totp_secret.as_deref(),
        )
        .await?;
        if let Some(accounts) = accounts {
            print_demo_accounts(&accounts);
        }
    }
    let db = state.db.clone();
    tokio::spawn(state.events.clone().listen(state.db.clone()));
    if state.mailer.delivers() {
        tokio::spawn(deliver_mail_forever(state.db.clone(), state.mailer.clone()));
    }
    tokio::spawn(housekeeping_forever(state.db.clone()));
    let events = state.events.clone();
    let app = router(state, &config);
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    tracing::info!("Pratica is listening on http://{}", config.addr);
    // Without TCP_NODELAY keep-alive clients stall ~40 ms per response (Nagle + delayed ACK).
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown_signal().await;
        // Live streams never finish on their own: end them so shutdown can complete.
        events.close();
    })
    .await?;
    tracing::info!("shutting down");
    #[cfg(feature = "profile")]
    if let Some(sampling) = sampling {
        sampling.finish();
    }
    tokio::time::timeout(Duration::from_secs(10), db.close())
        .await
        .ok();
    Ok(())
}

/// Retries what is waiting in the outbox (after a failed delivery or a restart).
async fn deliver_mail_forever(db: Db, mailer: Mailer) {
    let mut tick = tokio::time::interval(Duration::from_secs(30));
    loop {
        tick.tick().await;
        if let Err(err) = mail::deliver_pending(&db, &mailer, 50).await {
            tracing::warn!(error = %err, "mail delivery");
        }
    }
}

/// Hourly chores: the unsent drafts of anonymous surveys that closed are deleted (they hold a
/// person's answers under their name), sign-ups never confirmed, and what was typed into
/// refused forms once it is stale. Several instances may run it at once: it is idempotent.
async fn housekeeping_forever(db: Db) {
    let mut tick = tokio::time::interval(Duration::from_secs(3600));
    loop {
        tick.tick().await;
        match app::features::surveys::service::forget_closed_anonymous_drafts(&db).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(drafts = n, "deleted the drafts of closed anonymous surveys"),
            Err(err) => tracing::warn!(error = %err, "housekeeping"),
        }
        match app::features::accounts::service::forget_unconfirmed_sign_ups(&db).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(accounts = n, "forgot sign-ups never confirmed"),
            Err(err) => tracing::warn!(error = %err, "housekeeping"),
        }
        match app::server::refused::forget_expired(&db).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(forms = n, "forgot what was typed into refused forms"),
            Err(err) => tracing::warn!(error = %err, "housekeeping"),
        }
    }
}

fn print_demo_accounts(accounts: &[demo::DemoAccount]) {
    println!();
    println!("Comunità demo caricata. Credenziali (mostrate solo ora):");
    println!("Demo community loaded. Sign-in details (shown only now):");
    println!();
    println!("  {:<8} {:<15} {:<25} password", "ruolo", "utente", "nome");
    for a in accounts {
        println!(
            "  {:<8} {:<15} {:<25} {}",
            a.role, a.username, a.display_name, a.password
        );
    }
    println!();
    println!("Staff e amministrazione accedono con un codice TOTP: aggiungi questa chiave a");
    println!("un'app di autenticazione (FreeOTP, Aegis, Google/Microsoft Authenticator…).");
    println!("Staff and admin sign in with a TOTP code: add this key to an authenticator app.");
    println!();
    for a in accounts {
        if let Some(secret) = &a.totp_secret {
            println!("  {:<15} {}", a.username, secret);
        }
    }
    println!();
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
