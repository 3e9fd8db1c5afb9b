//! A page without an island gets no island loader (issue 25). The shell writes the loader
//! into the head before it knows whether the page will have an island (the head is rendered
//! first); this layer reads the finished page (pages render whole: `SsrMode::Async`), and
//! where no `<leptos-island>` is in it takes the loader out and marks `<html data-hydrated>`
//! itself, as the loader would have at once. Such a page then names no script bundle and no
//! wasm at all.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;

/// The loader's `<script>` carries this attribute (`app::shell`).
pub const LOADER_MARK: &str = "data-island-loader";

/// Pages larger than this are passed on as they are (none is near it).
const MAX_PAGE_BYTES: usize = 16 * 1024 * 1024;

pub async fn drop_unused_loader(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_PAGE_BYTES).await else {
        return Response::from_parts(parts, Body::empty());
    };
    match without_loader(&bytes) {
        Some(page) => {
            parts.headers.remove(header::CONTENT_LENGTH);
            Response::from_parts(parts, Body::from(page))
        }
        None => Response::from_parts(parts, Body::from(bytes)),
    }
}

/// `page` without its loader and marked hydrated, when it has a loader and no island.
fn without_loader(page: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(page).ok()?;
    if text.contains("<leptos-island") {
        return None;
    }
    let mark = text.find(LOADER_MARK)?;
    let start = text[..mark].rfind("<script")?;
    let end = mark + text[mark..].find("</script>")? + "</script>".len();
    // The end of the `<html …>` start tag: the mark goes after its attributes.
    let html = text.find("<html")?;
    let html = html + text[html..].find('>')?;
    if html > start {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..html]);
    out.push_str(" data-hydrated=\"true\"");
    out.push_str(&text[html..start]);
    out.push_str(&text[end..]);
    Some(out.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOADER: &str =
        "<script type=\"module\" nonce=\"n\" data-island-loader>((a) => {})(\"\");</script>";

    fn page(body: &str) -> String {
        format!("<!DOCTYPE html><html lang=\"nb\"><head>{LOADER}</head><body>{body}</body></html>")
    }

    #[test]
    fn a_page_without_an_island_loses_the_loader_and_is_marked_hydrated() {
        let out = without_loader(page("<main><p>Hei</p></main>").as_bytes())
            .map(String::from_utf8)
            .and_then(Result::ok);
        assert_eq!(
            out.as_deref(),
            Some(
                "<!DOCTYPE html><html lang=\"nb\" data-hydrated=\"true\"><head></head><body><main><p>Hei</p></main></body></html>"
            )
        );
    }

    #[test]
    fn a_page_with_an_island_keeps_the_loader() {
        let with = page("<leptos-island data-component=\"X\"></leptos-island>");
        assert_eq!(without_loader(with.as_bytes()), None);
    }

    #[test]
    fn a_page_without_the_loader_is_left_alone() {
        let plain = "<!DOCTYPE html><html><body>Hei</body></html>";
        assert_eq!(without_loader(plain.as_bytes()), None);
    }
}
