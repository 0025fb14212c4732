//! The built front end: hashed scripts, WebAssembly and styles under
//! `/pkg`, served precompressed (brotli, gzip) and cached for a year, since
//! a changed file gets a new name.

use std::path::Path;

use app::shell::Assets;
use axum::http::{HeaderValue, header};
use tower_http::{services::ServeDir, set_header::SetResponseHeader};

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

    /// Whether the WebAssembly front end was built (else pages are served
    /// as plain HTML, which is how server tests run).
    pub fn has_wasm(&self) -> bool {
        self.js.is_some() && self.wasm.is_some()
    }

    pub fn for_pages(&self) -> Assets {
        Assets {
            stylesheet: self.css.as_ref().map(|h| format!("{PKG}/mysay.{h}.css")),
        }
    }
}

pub fn hashed_assets(site_root: &Path) -> SetResponseHeader<ServeDir, HeaderValue> {
    SetResponseHeader::overriding(
        ServeDir::new(site_root.join("pkg"))
            .precompressed_br()
            .precompressed_gzip(),
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    )
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
