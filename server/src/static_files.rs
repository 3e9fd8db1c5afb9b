//! The built files under `/pkg`: their content-hashed names, and how long browsers keep them.

use std::path::Path;
use std::sync::Arc;

use app::core::assets::SiteAssets;
use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use tower_http::services::ServeDir;

/// A year: the longest lifetime caches honour. A hashed name never changes meaning.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Anything else under `/pkg` (a build without hashes) is revalidated on every use.
const REVALIDATE: &str = "no-cache";

/// Reads `assets.txt` from the site root. Without one (a hand-made site root) the plain
/// names are served, revalidated each time; a list that cannot be read or parsed is an error.
pub fn load_assets(site_root: &Path) -> Result<SiteAssets, String> {
    let path = site_root.join("assets.txt");
    match std::fs::read_to_string(&path) {
        Ok(text) => SiteAssets::parse(&text).map_err(|e| format!("{}: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            tracing::warn!(
                path = %path.display(),
                "no list of hashed assets: serving plain names without long-term caching"
            );
            Ok(SiteAssets::default())
        }
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

/// `/pkg`: files from their precompressed twins (brotli, gzip) where the browser accepts
/// them; hashed names cached for a year, other names revalidated.
pub fn service(pkg_dir: &Path, assets: Arc<SiteAssets>) -> Router {
    Router::new()
        .fallback_service(
            ServeDir::new(pkg_dir)
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(axum::middleware::from_fn(
            move |request: Request, next: Next| {
                let assets = assets.clone();
                async move {
                    let hashed = assets.is_hashed(request.uri().path());
                    let mut response: Response = next.run(request).await;
                    if response.status().is_success() || response.status().as_u16() == 304 {
                        let value = if hashed { IMMUTABLE } else { REVALIDATE };
                        response
                            .headers_mut()
                            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
                    }
                    response
                }
            },
        ))
}
