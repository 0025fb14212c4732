//! Pages that are the same for every visitor who is not signed in, kept
//! rendered. Such a page differs between visitors only by its language,
//! simpler mode and the nonce its scripts carry, so it is rendered once for
//! each language and mode, kept cut where the nonce goes, and put together
//! around a fresh nonce for each request. The service's details are part
//! of the page, so a change to them renders it again.
//!
//! Only the paths in [`PAGES`] are kept, only without a query, only for a
//! GET or HEAD from someone not signed in, and only a `200` answer: nothing
//! about any one person is ever in a kept page.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use app::{
    i18n::Locale,
    shell::{NonceSlot, SIMPLER_COOKIE, cookie, locale_from_headers},
    site::SiteInfo,
};
use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{HeaderMap, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use base64::Engine;

use super::AppState;

/// The pages kept: the landing page, which every visitor sees first.
pub const PAGES: &[&str] = &[app::paths::LANDING];

/// The largest page kept (a landing page is about 5 KB).
const MOST: usize = 256 * 1024;

#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    path: &'static str,
    locale: Locale,
    simpler: bool,
}

struct Kept {
    /// The service's details the page was rendered with.
    site: SiteInfo,
    headers: HeaderMap,
    /// The page cut at each place its nonce went.
    parts: Vec<Bytes>,
}

/// The kept pages of this process.
#[derive(Clone, Default)]
pub struct PageCache(Arc<Mutex<HashMap<Key, Arc<Kept>>>>);

/// A new nonce, as random as the one rendering makes.
fn fresh_nonce() -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(rand::random::<[u8; 16]>())
}

/// Middleware: answers a kept page from memory, or renders it and keeps
/// it. Runs inside the session check (which tells who is signed in) and
/// the security headers (which build the policy from the nonce slot).
pub async fn serve(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(key) = key_of(&request) else {
        return next.run(request).await;
    };
    let Some(slot) = request.extensions().get::<NonceSlot>().cloned() else {
        return next.run(request).await;
    };
    let head = request.method() == Method::HEAD;
    let site = state.site();
    let kept = state
        .page_cache
        .0
        .lock()
        .ok()
        .and_then(|pages| pages.get(&key).cloned())
        .filter(|kept| kept.site == site);
    if let Some(kept) = kept {
        let nonce = fresh_nonce();
        if let Ok(mut slot) = slot.0.lock() {
            *slot = Some(nonce.clone());
        }
        return answer(&kept, &nonce, head);
    }
    let response = next.run(request).await;
    let nonce = slot.0.lock().ok().and_then(|n| n.clone());
    let (Some(nonce), StatusCode::OK) = (nonce, response.status()) else {
        return response;
    };
    if head {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MOST).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let mut headers = parts.headers.clone();
    headers.remove(header::CONTENT_SECURITY_POLICY);
    headers.remove(header::CONTENT_LENGTH);
    // Something signed or personal in the answer: never kept.
    if !headers.contains_key(header::SET_COOKIE) {
        let kept = Kept {
            site,
            headers,
            parts: split(&bytes, nonce.as_bytes()),
        };
        if let Ok(mut pages) = state.page_cache.0.lock() {
            pages.insert(key, Arc::new(kept));
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// What the request is, if it is for a kept page.
fn key_of(request: &Request) -> Option<Key> {
    if !matches!(*request.method(), Method::GET | Method::HEAD)
        || request.uri().query().is_some()
        || request
            .extensions()
            .get::<app::accounts::CurrentUser>()
            .is_some()
    {
        return None;
    }
    let path = PAGES
        .iter()
        .find(|p| **p == request.uri().path())
        .copied()?;
    let headers = request.headers();
    Some(Key {
        path,
        locale: locale_from_headers(headers),
        simpler: cookie(headers, SIMPLER_COOKIE) == Some("1"),
    })
}

fn answer(kept: &Kept, nonce: &str, head: bool) -> Response {
    let mut response = if head {
        Response::new(Body::empty())
    } else {
        let mut page = Vec::with_capacity(
            kept.parts.iter().map(Bytes::len).sum::<usize>() + kept.parts.len() * nonce.len(),
        );
        for (i, part) in kept.parts.iter().enumerate() {
            if i > 0 {
                page.extend_from_slice(nonce.as_bytes());
            }
            page.extend_from_slice(part);
        }
        Response::new(Body::from(page))
    };
    *response.headers_mut() = kept.headers.clone();
    response
}

/// `page` cut at each occurrence of `nonce`.
fn split(page: &Bytes, nonce: &[u8]) -> Vec<Bytes> {
    let mut parts = Vec::new();
    let mut from = 0;
    let mut at = 0;
    while at + nonce.len() <= page.len() {
        if &page[at..at + nonce.len()] == nonce {
            parts.push(page.slice(from..at));
            at += nonce.len();
            from = at;
        } else {
            at += 1;
        }
    }
    parts.push(page.slice(from..));
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_page_is_cut_at_its_nonce_and_put_back_around_another() {
        let page = Bytes::from_static(b"<a nonce=\"N1\"><b nonce=\"N1\">end");
        let parts = split(&page, b"N1");
        assert_eq!(parts.len(), 3);
        let kept = Kept {
            site: SiteInfo::default(),
            headers: HeaderMap::new(),
            parts,
        };
        let response = answer(&kept, "xyz", false);
        let body = axum::body::to_bytes(response.into_body(), 1000)
            .await
            .unwrap_or_default();
        assert_eq!(&body[..], b"<a nonce=\"xyz\"><b nonce=\"xyz\">end");
    }

    #[test]
    fn fresh_nonces_differ() {
        assert_ne!(fresh_nonce(), fresh_nonce());
        assert_eq!(fresh_nonce().len(), 22);
    }
}
