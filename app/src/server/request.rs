//! What server functions need of the request they answer: who is asking (the audience), from
//! which address (trusted proxies decide), and where to send the browser afterwards (always a
//! path on this site, `kernel::redirect`).
use std::net::IpAddr;

use super::{access::Audience, state, AppState};
use crate::{error::AppError, kernel::redirect};

/// The address of the person making the request, decided once per request by the server's
/// middleware (`TrustedProxies::client_address`) and kept in the request's extensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

/// The reverse proxies in front of the server (`PRATICA_TRUSTED_PROXIES`). Only when the
/// connection comes from one of them is `X-Forwarded-For` read, from the right: each trusted hop
/// is skipped and the first address not trusted is the person's. Anyone else's header is ignored,
/// so nobody can pick the address the throttles see.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<ipnet::IpNet>);

impl TrustedProxies {
    /// Comma-separated addresses or networks (`10.0.0.1, 10.1.0.0/16, ::1`).
    pub fn parse(text: &str) -> Result<TrustedProxies, String> {
        text.split(',')
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .map(|part| {
                part.parse::<ipnet::IpNet>()
                    .or_else(|_| part.parse::<IpAddr>().map(ipnet::IpNet::from))
                    .map_err(|_| part.to_owned())
            })
            .collect::<Result<Vec<_>, _>>()
            .map(TrustedProxies)
    }

    fn trusts(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        self.0.iter().any(|net| net.contains(&address))
    }

    /// The person's address: the connection's, unless it is a trusted proxy, then the rightmost
    /// `X-Forwarded-For` address that is not a trusted proxy. (`forwarded`: the header's
    /// values in order; a value that is not an address ends the walk there.)
    pub fn client_address<'a>(
        &self,
        peer: IpAddr,
        forwarded: impl IntoIterator<Item = &'a str>,
    ) -> IpAddr {
        let mut client = peer.to_canonical();
        if !self.trusts(client) {
            return client;
        }
        let hops: Vec<&str> = forwarded.into_iter().flat_map(|v| v.split(',')).collect();
        for hop in hops.into_iter().rev() {
            match hop.trim().parse::<IpAddr>() {
                Ok(address) => {
                    client = address.to_canonical();
                    if !self.trusts(client) {
                        break;
                    }
                }
                Err(_) => break,
            }
        }
        client
    }
}

/// The address of the person making the current request (for throttles, sessions, audit).
pub fn client_ip() -> String {
    let Some(parts) = leptos::prelude::use_context::<http::request::Parts>() else {
        return "unknown".into();
    };
    parts
        .extensions
        .get::<ClientIp>()
        .map(|ip| ip.0)
        .or_else(|| {
            parts
                .extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|info| info.0.ip())
        })
        .map_or_else(|| "unknown".into(), |ip| ip.to_string())
}

/// The audience of a page being rendered, loaded by the first server function that asks for it
/// and shared by the others the page calls (a thread page asks twice: the thread, its polls).
/// A request that is not a page render (a server function called over HTTP) has none and loads
/// its audience once anyway.
#[derive(Clone, Default)]
pub struct PageAudience(std::sync::Arc<tokio::sync::OnceCell<Audience>>);

/// The state and the audience of this request.
pub async fn audience() -> Result<(AppState, Audience), AppError> {
    let state = state()?;
    let load = || async {
        let viewer = super::session::current_session().map(|s| s.viewer);
        Audience::load(&state.db, viewer.as_ref()).await
    };
    let audience = match leptos::prelude::use_context::<PageAudience>() {
        Some(PageAudience(kept)) => kept.get_or_try_init(load).await?.clone(),
        None => load().await?,
    };
    Ok((state, audience))
}

/// After a change, the browser goes back to the page it came from, to `anchor` on it;
/// `fallback` when the request did not say where it came from (or named another site).
pub fn back(fallback: &str, anchor: Option<String>) {
    back_with(fallback, None, anchor)
}

/// Like `back`, with a query parameter added (a notice the page shows, e.g. `segnalato=1`).
pub fn back_with(fallback: &str, param: Option<&str>, anchor: Option<String>) {
    let from = leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| referer(&parts).map(str::to_owned));
    let mut target = from.unwrap_or_else(|| redirect::local_or(fallback, "/").to_owned());
    if let Some(cut) = target.find('#') {
        target.truncate(cut);
    }
    if let Some(param) = param.filter(|p| !target.contains(p)) {
        let joiner = if target.contains('?') { '&' } else { '?' };
        target = format!("{target}{joiner}{param}");
    }
    if let Some(anchor) = anchor {
        target = format!("{target}#{anchor}");
    }
    leptos_axum::redirect(&target);
}

/// Sends the browser to `target` when it is a path on this site, else to `fallback`.
pub fn redirect_local(target: &str, fallback: &str) {
    leptos_axum::redirect(redirect::local_or(target, fallback));
}

/// The page (path and query) a form was posted from, when it is on this site.
pub fn referer(parts: &http::request::Parts) -> Option<&str> {
    let referer = parts.headers.get(http::header::REFERER)?.to_str().ok()?;
    let host = parts.headers.get(http::header::HOST)?.to_str().ok()?;
    redirect::referer_on_host(referer, host)
}

/// The path (without query or fragment) of the page a form was posted from, on this site.
pub fn referer_path(parts: &http::request::Parts) -> Option<String> {
    referer(parts)?.split(['?', '#']).next().map(str::to_owned)
}

/// A trimmed optional text: `None` when empty.
pub fn empty_none(text: String) -> Option<String> {
    let text = text.trim().to_owned();
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn forwarded_addresses_count_only_from_a_trusted_proxy() {
        let none = TrustedProxies::default();
        assert_eq!(
            none.client_address(ip("10.0.0.1"), ["6.6.6.6"]),
            ip("10.0.0.1")
        );
        let proxies = TrustedProxies::parse("10.0.0.1, 192.168.0.0/16").unwrap();
        // An untrusted peer's header is ignored.
        assert_eq!(
            proxies.client_address(ip("7.7.7.7"), ["6.6.6.6"]),
            ip("7.7.7.7")
        );
        // Through the proxy: the address it saw.
        assert_eq!(
            proxies.client_address(ip("10.0.0.1"), ["5.5.5.5"]),
            ip("5.5.5.5")
        );
        // A forged left part cannot win: the rightmost untrusted address is the person's.
        assert_eq!(
            proxies.client_address(ip("10.0.0.1"), ["6.6.6.6, 5.5.5.5, 192.168.1.2"]),
            ip("5.5.5.5")
        );
        assert_eq!(
            proxies.client_address(ip("10.0.0.1"), ["6.6.6.6", "5.5.5.5"]),
            ip("5.5.5.5")
        );
        // Garbage stops the walk at the last good hop; no header: the proxy itself.
        assert_eq!(
            proxies.client_address(ip("10.0.0.1"), ["5.5.5.5, garbage"]),
            ip("10.0.0.1")
        );
        assert_eq!(proxies.client_address(ip("10.0.0.1"), []), ip("10.0.0.1"));
        // IPv4 seen as IPv6 (dual-stack sockets) is the same address.
        assert_eq!(
            proxies.client_address(ip("::ffff:10.0.0.1"), ["5.5.5.5"]),
            ip("5.5.5.5")
        );
        assert!(TrustedProxies::parse("10.0.0.1, nonsense").is_err());
        assert_eq!(
            TrustedProxies::parse(" ").unwrap(),
            TrustedProxies::default()
        );
    }
}
