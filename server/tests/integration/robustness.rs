//! Robustness (issue 14): every server function, every page and every route of the server,
//! enumerated from what the router serves (server functions from their registry, pages from the
//! Leptos route list, the server's own routes from `routes::own`), called with missing fields,
//! wrong types, huge values, deep nesting and random bytes, as a visitor and as a member. Never
//! a 5xx (a panic is a 500), never a response slower than a second.
use std::{
    collections::HashMap,
    time::{Duration, Instant},
};

use axum::{
    body::Body,
    http::{header, Method, Request, StatusCode},
    Router,
};
use tower::ServiceExt;

use crate::common::app_and_db;
use app::{
    features::accounts::service,
    server::{entities::user, session::SessionPolicy, Db},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// Slower than this is a failure (after a retry alone, so a busy test machine is not blamed).
const SLOWEST: Duration = Duration::from_secs(1);

/// The argument names of every server function, read from the source next to its `endpoint`
/// (the registry knows the addresses but not the fields).
fn argument_names() -> HashMap<String, Vec<String>> {
    let endpoint = regex::Regex::new(r#"endpoint\s*=\s*"([^"]+)""#).unwrap();
    let argument = regex::Regex::new(r"(?:^|,)\s*(?:#\[[^\]]*\]\s*)?(\w+)\s*:").unwrap();
    let mut names = HashMap::new();
    let mut stack = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../app/src"
    ))];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            for found in endpoint.captures_iter(&source) {
                let after = &source[found.get(0).unwrap().end()..];
                let Some(open) = after
                    .find("fn ")
                    .and_then(|f| after[f..].find('(').map(|o| f + o))
                else {
                    continue;
                };
                // The arguments up to the matching parenthesis.
                let mut depth = 0;
                let mut end = open;
                for (i, c) in after[open..].char_indices() {
                    match c {
                        '(' | '<' | '[' => depth += 1,
                        ')' | '>' | ']' => {
                            depth -= 1;
                            if depth == 0 {
                                end = open + i;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                let arguments = &after[open + 1..end];
                let fields = argument
                    .captures_iter(arguments)
                    .map(|c| c[1].to_owned())
                    .collect();
                names.insert(format!("/api/{}", &found[1]), fields);
            }
        }
    }
    names
}

/// A small deterministic generator for the random bytes.
struct Noise(u64);

impl Noise {
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n)
            .map(|_| {
                self.0 ^= self.0 << 13;
                self.0 ^= self.0 >> 7;
                self.0 ^= self.0 << 17;
                (self.0 >> 24) as u8
            })
            .collect()
    }
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The bodies tried on a form with these fields: (what it is, content type, body).
fn bodies(fields: &[String], noise: &mut Noise) -> Vec<(&'static str, &'static str, Vec<u8>)> {
    const FORM: &str = "application/x-www-form-urlencoded";
    let each = |value: &str| -> Vec<u8> {
        let fields: Vec<&str> = if fields.is_empty() {
            vec!["x"]
        } else {
            fields.iter().map(String::as_str).collect()
        };
        fields
            .iter()
            .map(|f| format!("{f}={}", encode(value)))
            .collect::<Vec<_>>()
            .join("&")
            .into_bytes()
    };
    let share = 60_000 / fields.len().max(1);
    let nested = |f: &str| format!("{f}{}=1", "[0]".repeat(400));
    vec![
        ("no fields", FORM, Vec::new()),
        ("empty fields", FORM, each("")),
        ("wrong types", FORM, each("abc\u{1F600}<script>")),
        ("NUL characters", FORM, each("a\0b")),
        ("huge numbers", FORM, each(&"9".repeat(40))),
        ("negative numbers", FORM, each("-2147483649")),
        ("huge values", FORM, each(&"x".repeat(share))),
        (
            "deep nesting",
            FORM,
            fields
                .iter()
                .map(|f| nested(f))
                .chain([nested("x")])
                .collect::<Vec<_>>()
                .join("&")
                .into_bytes(),
        ),
        ("random bytes", FORM, noise.bytes(2048)),
        (
            "deep JSON",
            "application/json",
            format!("{}{}", "[".repeat(5000), "]".repeat(5000)).into_bytes(),
        ),
        ("random JSON bytes", "application/json", noise.bytes(1024)),
    ]
}

/// Values tried for each parameter of an address.
const PARAMETERS: [&str; 6] = [
    "1",
    "-1",
    "abc",
    "99999999999999999999",
    "%00%FF",
    "..%2F..%2Fetc%2Fpasswd",
];

struct Outcome {
    what: String,
    status: StatusCode,
    took: Duration,
}

async fn send(app: &Router, request: Request<Body>) -> (StatusCode, Duration) {
    let started = Instant::now();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    // The whole answer counts, as a browser waits for it (live streams excepted: they last).
    let streaming = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/event-stream"));
    if !streaming {
        let _ = axum::body::to_bytes(response.into_body(), 16 << 20).await;
    }
    (status, started.elapsed())
}

fn request(
    method: &Method,
    uri: &str,
    cookie: Option<&str>,
    content_type: &str,
    body: Vec<u8>,
    html: bool,
) -> Request<Body> {
    let mut builder = Request::builder()
        .method(method.clone())
        .uri(uri)
        .header(header::HOST, "localhost")
        .header(header::CONTENT_TYPE, content_type);
    builder = if html {
        builder
            .header(header::ACCEPT, "text/html")
            .header(header::REFERER, "http://localhost/")
    } else {
        builder.header(header::ACCEPT, "application/json")
    };
    if let Some(cookie) = cookie {
        builder = builder.header(header::COOKIE, cookie);
    }
    builder.body(Body::from(body)).unwrap()
}

/// A member's session, opened directly (fuzzed sign-ins may have throttled the address), and
/// opened again whenever a fuzzed call ended it.
async fn member_cookie(db: &Db, current: &mut Option<String>) -> String {
    let policy = SessionPolicy::default();
    if let Some(token) = current.as_deref() {
        if service::viewer_for_token(db, &policy, token)
            .await
            .unwrap()
            .is_some()
        {
            return format!("pratica_session={token}");
        }
    }
    let anna = user::Entity::find()
        .filter(user::Column::Username.eq("anna.rossi"))
        .one(db.read())
        .await
        .unwrap()
        .unwrap();
    let (token, _) = service::open_session(db, &policy, anna.id, "10.99.0.1", "fuzz", false)
        .await
        .unwrap();
    let cookie = format!("pratica_session={token}");
    *current = Some(token);
    cookie
}

/// An address with its `{parameters}` (and `{*rest}`) filled with `value`.
fn fill(path: &str, value: &str) -> String {
    let mut out = String::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c + 1);
        out.push_str(value);
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

#[tokio::test]
async fn no_route_answers_bad_input_with_a_5xx_or_slowly() {
    let (app, db) = app_and_db(false).await;
    let arguments = argument_names();
    let mut noise = Noise(0x5eed_1234_abcd_9876);
    let mut member: Option<String> = None;
    let mut outcomes: Vec<Outcome> = Vec::new();
    let mut retry: Vec<(String, Request<Body>)> = Vec::new();

    // Every server function, from the registry of what the router serves.
    let mut functions: Vec<(&'static str, Method)> =
        leptos::server_fn::axum::server_fn_paths().collect();
    functions.sort_by_key(|(path, _)| *path);
    assert!(
        functions.len() > 100,
        "{} server functions",
        functions.len()
    );
    let mut unnamed = Vec::new();
    for (path, method) in &functions {
        let fields = match arguments.get(*path) {
            Some(fields) => fields.clone(),
            None => {
                unnamed.push(*path);
                Vec::new()
            }
        };
        for (n, (what, content_type, body)) in bodies(&fields, &mut noise).into_iter().enumerate() {
            for signed_in in [false, true] {
                let cookie = if signed_in {
                    Some(member_cookie(&db, &mut member).await)
                } else {
                    None
                };
                let html = n % 2 == 0;
                let (uri, body) = if *method == Method::GET {
                    let query = String::from_utf8_lossy(&body).into_owned();
                    (format!("{path}?{}", encode_query(&query)), Vec::new())
                } else {
                    (path.to_string(), body.clone())
                };
                let make = || {
                    request(
                        method,
                        &uri,
                        cookie.as_deref(),
                        content_type,
                        body.clone(),
                        html,
                    )
                };
                let (status, took) = send(&app, make()).await;
                let label = format!(
                    "{method} {path} ({what}, {})",
                    if signed_in { "member" } else { "visitor" }
                );
                if took > SLOWEST {
                    retry.push((label.clone(), make()));
                }
                outcomes.push(Outcome {
                    what: label,
                    status,
                    took,
                });
            }
        }
    }
    assert!(
        unnamed.is_empty(),
        "server functions whose fields the test could not read: {unnamed:?}"
    );

    // Every page, from the Leptos route list, with bad parameters and queries.
    let pages: Vec<String> = server::route_list()
        .iter()
        .map(|r| r.path().to_owned())
        .collect();
    assert!(pages.len() > 30, "{} pages", pages.len());
    let own = server::routes::own();
    let mut addresses: Vec<(Method, String)> =
        pages.iter().map(|p| (Method::GET, p.clone())).collect();
    addresses.extend(own.iter().map(|r| (r.method.clone(), r.path.to_owned())));
    let long = "x".repeat(3000);
    for (method, path) in &addresses {
        let mut variants: Vec<String> = PARAMETERS.iter().map(|v| fill(path, v)).collect();
        variants.push(fill(path, &long));
        let base = fill(path, "1");
        variants.push(format!(
            "{base}?q={long}&page=-1&pagina=99999999999&topic={long}"
        ));
        variants.push(format!(
            "{base}?__err=%7B%22Invalid%22%3A1%7D&cita=abc&versione=-1"
        ));
        for uri in variants {
            for signed_in in [false, true] {
                let cookie = if signed_in {
                    Some(member_cookie(&db, &mut member).await)
                } else {
                    None
                };
                let body = if *method == Method::POST {
                    noise.bytes(1024)
                } else {
                    Vec::new()
                };
                let content_type = "multipart/form-data; boundary=x";
                let make = || {
                    request(
                        method,
                        &uri,
                        cookie.as_deref(),
                        content_type,
                        body.clone(),
                        true,
                    )
                };
                let (status, took) = send(&app, make()).await;
                let label = format!(
                    "{method} {uri:.120} ({})",
                    if signed_in { "member" } else { "visitor" }
                );
                if took > SLOWEST {
                    retry.push((label.clone(), make()));
                }
                outcomes.push(Outcome {
                    what: label,
                    status,
                    took,
                });
            }
        }
    }

    let failures: Vec<String> = outcomes
        .iter()
        .filter(|o| o.status.is_server_error())
        .map(|o| format!("{} → {}", o.what, o.status))
        .collect();
    let slowest = outcomes.iter().max_by_key(|o| o.took).unwrap();
    println!(
        "robustness: {} requests ({} server functions, {} pages, {} own routes); slowest {:?}: {}",
        outcomes.len(),
        functions.len(),
        pages.len(),
        own.len(),
        slowest.took,
        slowest.what
    );
    assert!(failures.is_empty(), "5xx answers:\n{}", failures.join("\n"));
    // Anything slow is tried again on its own: it must be fast then.
    for (label, request) in retry {
        let (_, took) = send(&app, request).await;
        assert!(took <= SLOWEST, "{label} took {took:?}");
    }
}

/// A query string from a form body (already encoded; random bytes become valid escapes).
fn encode_query(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '_' | '.' | '=' | '&' | '%' | '[' | ']' => {
                c.to_string()
            }
            other => encode(&other.to_string()),
        })
        .collect()
}
