//! The built front end: hashed scripts, WebAssembly, styles and fonts
//! under `/pkg`, read into memory once at start-up with their brotli and
//! gzip copies, served with an `ETag` (answering `304` to a browser that
//! has it) and cached for a year, since a changed file gets a new name.

use std::{collections::HashMap, path::Path, sync::Arc};

use app::shell::{Assets, Script};
use axum::{
    body::Bytes,
    http::{HeaderMap, HeaderValue, StatusCode, Uri, header},
    response::{IntoResponse, Response},
};

/// Where the hashed assets are served (from the site's `pkg` folder).
pub const PKG: &str = "/pkg";

/// The `hash.txt` the build writes, read once at start-up.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BuiltAssets {
    pub js: Option<String>,
    pub wasm: Option<String>,
    pub css: Option<String>,
}

impl BuiltAssets {
    pub fn read(site_root: &Path) -> BuiltAssets {
        let Ok(text) = std::fs::read_to_string(site_root.join("hash.txt")) else {
            return BuiltAssets::default();
        };
        let mut built = BuiltAssets::default();
        for line in text.lines() {
            if let Some((kind, hash)) = line.split_once(':') {
                let hash = Some(hash.trim().to_owned());
                match kind.trim() {
                    "js" => built.js = hash,
                    "wasm" => built.wasm = hash,
                    "css" => built.css = hash,
                    _ => {}
                }
            }
        }
        built
    }

    /// Whether the page's script was built (else pages are served as plain
    /// HTML, which is how server tests run).
    pub fn has_wasm(&self) -> bool {
        self.js.is_some() && self.wasm.is_some()
    }

    pub fn for_pages(&self) -> Assets {
        Assets {
            stylesheet: self.css.as_ref().map(|h| format!("{PKG}/mysay.{h}.css")),
            script: match (&self.js, &self.wasm) {
                (Some(js), Some(wasm)) => Some(Script {
                    module: format!("{PKG}/mysay.{js}.js"),
                    wasm: format!("{PKG}/mysay.{wasm}.wasm"),
                }),
                _ => None,
            },
        }
    }
}

/// One hashed file and its compressed copies.
struct HashedFile {
    raw: Bytes,
    br: Option<Bytes>,
    gzip: Option<Bytes>,
    content_type: &'static str,
}

/// Every hashed file of the built front end, by name, in memory.
#[derive(Clone, Default)]
pub struct HashedFiles {
    files: Arc<HashMap<String, HashedFile>>,
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or_default() {
        "wasm" => "application/wasm",
        "js" => "text/javascript",
        "css" => "text/css",
        "woff2" => "font/woff2",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

impl HashedFiles {
    /// Reads the site's `pkg` folder (nothing there: nothing served).
    pub fn read(site_root: &Path) -> HashedFiles {
        let folder = site_root.join("pkg");
        let mut files = HashMap::new();
        let Ok(entries) = std::fs::read_dir(&folder) else {
            return HashedFiles::default();
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".br") || name.ends_with(".gz") || !entry.path().is_file() {
                continue;
            }
            let Ok(raw) = std::fs::read(entry.path()) else {
                continue;
            };
            let copy = |suffix: &str| {
                std::fs::read(folder.join(format!("{name}{suffix}")))
                    .ok()
                    .map(Bytes::from)
            };
            let file = HashedFile {
                raw: Bytes::from(raw),
                br: copy(".br"),
                gzip: copy(".gz"),
                content_type: content_type(&name),
            };
            files.insert(name, file);
        }
        HashedFiles {
            files: Arc::new(files),
        }
    }

    /// `GET /pkg/{file}`: the file in the best encoding the browser takes,
    /// or `304` when the browser already has it.
    pub fn answer(&self, uri: &Uri, headers: &HeaderMap) -> Response {
        let name = uri
            .path()
            .trim_start_matches('/')
            .trim_start_matches("pkg/");
        let Some(file) = self.files.get(name) else {
            return StatusCode::NOT_FOUND.into_response();
        };
        let accepts = |coding: &str| {
            headers
                .get_all(header::ACCEPT_ENCODING)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .any(|part| {
                    let mut pieces = part.trim().split(';');
                    pieces
                        .next()
                        .is_some_and(|c| c.trim().eq_ignore_ascii_case(coding))
                        && !pieces
                            .any(|p| matches!(p.trim(), "q=0" | "q=0.0" | "q=0.00" | "q=0.000"))
                })
        };
        let (body, coding) = match (&file.br, &file.gzip) {
            (Some(br), _) if accepts("br") => (br.clone(), Some("br")),
            (_, Some(gzip)) if accepts("gzip") => (gzip.clone(), Some("gzip")),
            _ => (file.raw.clone(), None),
        };
        // The name holds the content's hash: it is the version.
        let etag = format!(
            "\"{name}{}\"",
            coding.map(|c| format!("-{c}")).unwrap_or_default()
        );
        let mut response_headers = HeaderMap::new();
        if let Ok(value) = HeaderValue::from_str(&etag) {
            response_headers.insert(header::ETAG, value);
        }
        response_headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        );
        response_headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        let seen = headers
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.split(',')
                    .any(|tag| tag.trim() == etag || tag.trim() == "*")
            });
        if seen {
            return (StatusCode::NOT_MODIFIED, response_headers).into_response();
        }
        response_headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(file.content_type),
        );
        if let Some(coding) = coding {
            response_headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
        }
        (response_headers, body).into_response()
    }
}

/// `GET /favicon.svg`: the one public file outside `/pkg`, from the built
/// front end, cached for a day.
pub async fn favicon(
    axum::extract::State(config): axum::extract::State<std::sync::Arc<crate::config::Config>>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    match tokio::fs::read(config.site_root.join("favicon.svg")).await {
        Ok(bytes) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("image/svg+xml"),
                ),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=86400"),
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(_) => axum::http::StatusCode::NOT_FOUND.into_response(),
    }
}
