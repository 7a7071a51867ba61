//! Pages for visitors, kept for a moment. A page a visitor (no session, no form kept, no
//! invitation: at most the language cookie) asks for is the same for every visitor in that
//! language, so under load it is rendered once and answered from memory for a short while
//! (`PRATICA_VISITOR_CACHE_MS`, 2 seconds by default; 0 turns it off), like Discourse's cache
//! for anonymous readers. Any write that goes through this instance (every request other than
//! GET or HEAD) ends every kept page at once, so here a visitor never sees a page older than a
//! write that was acknowledged; what another instance or a timed task changed shows within the
//! lifetime. People signed in are never served from here.
//!
//! Each answer still carries its own CSP nonce: the page is kept in pieces around the nonce it
//! was rendered with, and joined with the request's own. Compression happens outside, per
//! answer.
use std::{
    collections::HashMap,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::Response,
};

use app::{i18n::Locale, server::security::PageNonce};

/// The only cookie a visitor's page may depend on.
const LANGUAGE_COOKIE: &str = app::i18n::LOCALE_COOKIE;
/// At most this many pages are kept (the oldest go first).
const MAX_PAGES: usize = 512;
/// A page larger than this is not kept.
const MAX_PAGE_BYTES: usize = 2 << 20;

/// The pages kept, shared by every request of this instance.
#[derive(Clone)]
pub struct VisitorCache(Arc<Inner>);

struct Inner {
    lifetime: Duration,
    /// Bumped by every write: a page rendered before it is not answered after it.
    generation: AtomicU64,
    pages: Mutex<HashMap<(String, Locale), Kept>>,
}

struct Kept {
    made: Instant,
    generation: u64,
    headers: HeaderMap,
    /// The page split at each occurrence of the nonce it was rendered with.
    pieces: Vec<Bytes>,
}

impl VisitorCache {
    pub fn new(lifetime: Duration) -> Self {
        VisitorCache(Arc::new(Inner {
            lifetime,
            generation: AtomicU64::new(0),
            pages: Mutex::new(HashMap::new()),
        }))
    }

    fn fresh(&self, key: &(String, Locale)) -> Option<(HeaderMap, Vec<Bytes>)> {
        let pages = self.0.pages.lock().ok()?;
        let kept = pages.get(key)?;
        (kept.made.elapsed() < self.0.lifetime
            && kept.generation == self.0.generation.load(Ordering::Acquire))
        .then(|| (kept.headers.clone(), kept.pieces.clone()))
    }

    fn keep(&self, key: (String, Locale), kept: Kept) {
        let Ok(mut pages) = self.0.pages.lock() else {
            return;
        };
        if pages.len() >= MAX_PAGES {
            let now = self.0.generation.load(Ordering::Acquire);
            pages.retain(|_, p| p.generation == now && p.made.elapsed() < self.0.lifetime);
            if pages.len() >= MAX_PAGES {
                if let Some(oldest) = pages
                    .iter()
                    .min_by_key(|(_, p)| p.made)
                    .map(|(k, _)| k.clone())
                {
                    pages.remove(&oldest);
                }
            }
        }
        pages.insert(key, kept);
    }

    fn written(&self) {
        self.0.generation.fetch_add(1, Ordering::AcqRel);
        if let Ok(mut pages) = self.0.pages.lock() {
            pages.clear();
        }
    }
}

/// The page's key when the request is a visitor's GET of a page; None otherwise.
fn visitor_key(request: &Request) -> Option<(String, Locale)> {
    if request.method() != Method::GET || request.headers().contains_key(header::AUTHORIZATION) {
        return None;
    }
    for cookies in request.headers().get_all(header::COOKIE) {
        let cookies = cookies.to_str().ok()?;
        let only_language = cookies
            .split(';')
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .all(|c| c.split('=').next() == Some(LANGUAGE_COOKIE));
        if !only_language {
            return None;
        }
    }
    Some((
        request.uri().to_string(),
        Locale::of_request(request.headers()),
    ))
}

/// A page that may be kept: a complete HTML page, the same for every visitor.
fn keepable(response: &Response) -> bool {
    let headers = response.headers();
    response.status() == StatusCode::OK
        && headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"))
        && !headers.contains_key(header::SET_COOKIE)
        && !headers.contains_key(header::CONTENT_ENCODING)
        && !headers
            .get(header::CACHE_CONTROL)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("no-store") || v.contains("private"))
}

/// The page with `nonce` where the kept page had its own.
fn joined(pieces: &[Bytes], nonce: &str) -> Bytes {
    if let [only] = pieces {
        return only.clone();
    }
    let size = pieces.iter().map(Bytes::len).sum::<usize>() + nonce.len() * pieces.len();
    let mut page = Vec::with_capacity(size);
    for (i, piece) in pieces.iter().enumerate() {
        if i > 0 {
            page.extend_from_slice(nonce.as_bytes());
        }
        page.extend_from_slice(piece);
    }
    Bytes::from(page)
}

fn split(page: &Bytes, nonce: &str) -> Vec<Bytes> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let needle = nonce.as_bytes();
    if !needle.is_empty() {
        let mut at = 0;
        while let Some(found) = page[at..]
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|i| at + i)
        {
            pieces.push(page.slice(start..found));
            start = found + needle.len();
            at = start;
        }
    }
    pieces.push(page.slice(start..));
    pieces
}

fn answer(headers: HeaderMap, page: Bytes) -> Response {
    let mut response = Response::new(Body::from(page.clone()));
    *response.headers_mut() = headers;
    response.headers_mut().remove(header::CONTENT_LENGTH);
    response
        .headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from(page.len()));
    response
}

/// The middleware (inside `page_security`, which makes the request's nonce).
pub async fn visitor_pages(
    State(cache): State<VisitorCache>,
    request: Request,
    next: Next,
) -> Response {
    if cache.0.lifetime.is_zero() {
        return next.run(request).await;
    }
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let response = next.run(request).await;
        // After the write, whatever its outcome: what was kept may show the state before it.
        cache.written();
        return response;
    }
    let (Some(key), Some(nonce)) = (
        visitor_key(&request),
        request.extensions().get::<PageNonce>().cloned(),
    ) else {
        return next.run(request).await;
    };
    if let Some((headers, pieces)) = cache.fresh(&key) {
        return answer(headers, joined(&pieces, &nonce.0));
    }
    let generation = cache.0.generation.load(Ordering::Acquire);
    let response = next.run(request).await;
    if !keepable(&response) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let page = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(page) => page,
        Err(error) => {
            tracing::warn!(%error, "a page could not be read whole");
            return Response::from_parts(parts, Body::empty());
        }
    };
    if page.len() <= MAX_PAGE_BYTES {
        cache.keep(
            key,
            Kept {
                made: Instant::now(),
                generation,
                headers: parts.headers.clone(),
                pieces: split(&page, &nonce.0),
            },
        );
    }
    answer(parts.headers, page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_page_is_joined_with_each_answer_s_own_nonce() {
        let page =
            Bytes::from_static(b"<script nonce=\"AAA\">1</script><p>x</p><style nonce=\"AAA\">");
        let pieces = split(&page, "AAA");
        assert_eq!(pieces.len(), 3);
        assert_eq!(joined(&pieces, "AAA"), page);
        assert_eq!(
            joined(&pieces, "BBBB"),
            Bytes::from_static(b"<script nonce=\"BBBB\">1</script><p>x</p><style nonce=\"BBBB\">")
        );
        assert_eq!(split(&Bytes::from_static(b"no nonce"), "AAA").len(), 1);
    }
}
