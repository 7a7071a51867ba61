//! The one rule for where the site may send a browser after a form or a sign-in: a path on this
//! site. Every redirect built from something a request said (a `next` parameter, a Referer, a
//! hidden `back` field) goes through `safe_local_path`.

/// `target` when it is a path on this site, otherwise `None`. `//host` and `/\host` are other
/// sites to a browser; control characters could split a header.
pub fn safe_local_path(target: &str) -> Option<&str> {
    let local = target.starts_with('/')
        && !target.starts_with("//")
        && !target.starts_with("/\\")
        && !target.contains('\\')
        && !target.chars().any(char::is_control);
    local.then_some(target)
}

/// `target` when it is a path on this site, otherwise `fallback`.
pub fn local_or<'a>(target: &'a str, fallback: &'a str) -> &'a str {
    safe_local_path(target).unwrap_or(fallback)
}

/// The path and query a Referer names, when it points at this host (`host` from the request).
pub fn referer_on_host<'a>(referer: &'a str, host: &str) -> Option<&'a str> {
    let rest = referer.split_once("://")?.1.strip_prefix(host)?;
    safe_local_path(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_on_this_site_are_followed() {
        assert_eq!(safe_local_path("/wiki?x=1"), Some("/wiki?x=1"));
        assert_eq!(safe_local_path("/"), Some("/"));
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "/a\\b",
            "",
            "wiki",
            "/a\r\nSet-Cookie: x=1",
            "javascript:alert(1)",
        ] {
            assert_eq!(safe_local_path(bad), None, "{bad:?}");
        }
        assert_eq!(local_or("//evil.example", "/temi"), "/temi");
    }

    #[test]
    fn a_referer_counts_only_on_this_host() {
        assert_eq!(
            referer_on_host("http://pratica.test/forum/t/3?p=2", "pratica.test"),
            Some("/forum/t/3?p=2")
        );
        assert_eq!(
            referer_on_host("http://pratica.test//evil.example/", "pratica.test"),
            None
        );
        assert_eq!(
            referer_on_host("http://evil.example/forum", "pratica.test"),
            None
        );
        assert_eq!(
            referer_on_host("http://pratica.test.evil/x", "pratica.test"),
            None
        );
    }
}
