//! Tanketanken's pages (DESIGN §8): the front page with its filters and search, a post, and
//! the form of a new or changed post with its images.

mod edit;
mod front;
mod labels;
mod post;

pub use edit::{EditPostPage, NewPostPage};
pub use front::PostsPage;
pub use post::PostPage;

/// A visitor's copy of a public page (the blog, a public post) is the same until a post
/// changes: the response carries a validator made of the newest change to any post, the page
/// (`what`, with its query), the language and the build, and a request that holds it is
/// answered 304.
pub(crate) fn answer_conditionally(stamp: Option<time::OffsetDateTime>, what: &str) {
    use axum::http::{HeaderValue, StatusCode, header};
    use leptos::prelude::use_context;
    let (Some(response), Some(parts), Ok(state)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        use_context::<axum::http::request::Parts>(),
        crate::core::state::app_state(),
    ) else {
        return;
    };
    let locale = crate::ui::current_locale();
    let query = parts.uri.query().unwrap_or_default();
    // The page's links are absolute from the request's host: the host is part of the version.
    let origin = crate::posts::public::origin(&parts.headers, state.settings.secure_cookies);
    let what = format!("{what}?{query}-{locale:?}-{}-{origin}", state.assets.version());
    // The tag names the page by a digest: a query string is the client's text.
    let digest = crate::posts::public::short_digest(&what);
    let tag = crate::posts::public::etag(stamp, &digest);
    if let Ok(value) = HeaderValue::from_str(&tag) {
        response.insert_header(header::ETAG, value);
    }
    if let Some(at) = stamp
        && let Ok(value) = HeaderValue::from_str(&crate::posts::public::http_date(at))
    {
        response.insert_header(header::LAST_MODIFIED, value);
    }
    // Only the client keeps a copy: the page's links come from the request's host.
    response.insert_header(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    if crate::posts::public::not_modified(&parts.headers, &tag, stamp) {
        response.set_status(StatusCode::NOT_MODIFIED);
    }
}
