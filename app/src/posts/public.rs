//! Tanketanken's plain routes (DESIGN §8, issue 29): the public blog's Atom and RSS feeds and
//! its sitemap — built for a visitor, whoever asks, so nothing internal can reach them — the
//! uploaded images under their content-hashed names, and the image upload (a multipart form,
//! which works without JavaScript). The feeds and the sitemap answer conditional requests
//! from the newest change to any post (`ETag`, `Last-Modified` → 304).

use axum::Router;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use time::OffsetDateTime;
use tower_sessions::Session;

use crate::auth::Actor;
use crate::core::error::AppError;
use crate::core::state::AppState;
use crate::core::timefmt::rfc3339;
use crate::http::download::{refused, session_actor};
use crate::posts::service::{ImageFile, PublicPost, public_posts, stamp};

/// Posts in a feed.
pub const FEED_SIZE: u64 = 30;
/// Posts in the sitemap.
pub const SITEMAP_SIZE: u64 = 5_000;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/feed.atom", get(atom))
        .route("/feed.rss", get(rss_feed))
        .route("/sitemap.xml", get(sitemap))
        .route("/tanketanken/bilder/{name}", get(image))
        .route("/tanketanken/{id}/bilde", post(upload))
}

/// The site's origin for absolute links: the request's host when it is a plain host name
/// (with an optional port), over https when the site runs behind TLS.
pub fn origin(headers: &HeaderMap, secure: bool) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.len() <= 253
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        })
        .unwrap_or("localhost");
    format!("{}://{host}", if secure { "https" } else { "http" })
}

/// The validator of every public page and feed: the newest change to any post, and which
/// document it is.
pub fn etag(stamp: Option<OffsetDateTime>, what: &str) -> String {
    let nanos = stamp.map_or(0, OffsetDateTime::unix_timestamp_nanos);
    format!("W/\"{what}-{nanos:x}\"")
}

/// Whether the request already holds this version (`If-None-Match`, else
/// `If-Modified-Since`).
pub fn not_modified(headers: &HeaderMap, tag: &str, stamp: Option<OffsetDateTime>) -> bool {
    if let Some(given) = headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) {
        return given.split(',').any(|t| t.trim() == tag || t.trim() == "*");
    }
    let since = headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            OffsetDateTime::parse(v, &time::format_description::well_known::Rfc2822).ok()
        });
    match (since, stamp) {
        // HTTP dates have whole seconds.
        (Some(since), Some(stamp)) => stamp.unix_timestamp() <= since.unix_timestamp(),
        _ => false,
    }
}

/// An HTTP date (`Last-Modified`).
pub fn http_date(at: OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    let format = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    at.format(&format).unwrap_or_default()
}

/// A document of the public blog as a visitor gets it, with its validator: 304 when the
/// client holds this version. The tag names the site's origin too (the links are absolute), and
/// only the client may keep a copy (`private`): its links come from the request's host.
async fn conditional<F>(
    state: &AppState,
    headers: &HeaderMap,
    what: &str,
    content_type: &'static str,
    build: impl FnOnce(String, Option<OffsetDateTime>) -> F,
) -> Response
where
    F: std::future::Future<Output = Result<String, AppError>>,
{
    let made = async {
        let stamp = stamp(&state.db).await?;
        let origin = origin(headers, state.settings.secure_cookies);
        let tag = etag(stamp, &format!("{what}-{}", short_digest(&origin)));
        let mut common = vec![
            (header::ETAG, tag.clone()),
            (header::CACHE_CONTROL, "private, no-cache".to_owned()),
        ];
        if let Some(at) = stamp {
            common.push((header::LAST_MODIFIED, http_date(at)));
        }
        if not_modified(headers, &tag, stamp) {
            return Ok::<_, AppError>(response(StatusCode::NOT_MODIFIED, &common, None));
        }
        let body = build(origin, stamp).await?;
        common.push((header::CONTENT_TYPE, content_type.to_owned()));
        Ok(response(StatusCode::OK, &common, Some(body)))
    };
    made.await.unwrap_or_else(|e| refused(&e))
}

/// A short digest of `text`, for a validator.
pub fn short_digest(text: &str) -> String {
    use sha2::Digest;
    hex::encode(&sha2::Sha256::digest(text.as_bytes())[..8])
}

fn response(status: StatusCode, headers: &[(header::HeaderName, String)], body: Option<String>) -> Response {
    let mut answer = (status, body.unwrap_or_default()).into_response();
    for (name, value) in headers {
        if let Ok(value) = HeaderValue::from_str(value) {
            answer.headers_mut().insert(name.clone(), value);
        }
    }
    answer
}

async fn atom(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let db = state.db.clone();
    conditional(&state, &headers, "atom", "application/atom+xml; charset=utf-8", |origin, stamp| async move {
        Ok(atom_document(&origin, &public_posts(&db, FEED_SIZE).await?, stamp))
    })
    .await
}

async fn rss_feed(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let db = state.db.clone();
    conditional(&state, &headers, "rss", "application/rss+xml; charset=utf-8", |origin, stamp| async move {
        Ok(rss_document(&origin, &public_posts(&db, FEED_SIZE).await?, stamp))
    })
    .await
}

async fn sitemap(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let db = state.db.clone();
    conditional(&state, &headers, "sitemap", "application/xml; charset=utf-8", |origin, _| async move {
        let posts = crate::posts::service::public_post_stamps(&db, SITEMAP_SIZE).await?;
        Ok(sitemap_document(&origin, &posts))
    })
    .await
}

const TITLE: &str = "Tanketanken";
const SUBTITLE: &str = "Deling og læring fra innovasjonsarbeidet i kommunen";

fn fixed(at: OffsetDateTime) -> atom_syndication::FixedDateTime {
    rfc3339(at)
        .parse()
        .unwrap_or_else(|_| atom_syndication::FixedDateTime::default())
}

/// The Atom 1.0 feed of the public posts.
pub fn atom_document(origin: &str, posts: &[PublicPost], stamp: Option<OffsetDateTime>) -> String {
    use atom_syndication::{Category, Content, Entry, Feed, Link, Person, Text};
    let link = |href: String, rel: &str| Link {
        href,
        rel: rel.to_owned(),
        ..Default::default()
    };
    let mut feed = Feed::default();
    feed.set_title(TITLE);
    feed.set_subtitle(Some(Text::plain(SUBTITLE)));
    feed.set_id(format!("{origin}/tanketanken"));
    feed.set_lang(Some("nb".to_owned()));
    feed.set_updated(fixed(stamp.unwrap_or(OffsetDateTime::UNIX_EPOCH)));
    feed.set_links(vec![
        link(format!("{origin}/tanketanken"), "alternate"),
        link(format!("{origin}/feed.atom"), "self"),
    ]);
    feed.set_entries(
        posts
            .iter()
            .map(|p| {
                let url = format!("{origin}/tanketanken/{}", p.id);
                let mut entry = Entry::default();
                entry.set_title(p.title.as_str());
                entry.set_id(url.clone());
                entry.set_links(vec![link(url, "alternate")]);
                entry.set_updated(fixed(p.updated_at));
                entry.set_published(Some(fixed(p.published_at)));
                entry.set_summary(Some(Text::plain(p.summary.as_str())));
                entry.set_content(Some(Content {
                    value: Some(p.body_html.clone()),
                    content_type: Some("html".to_owned()),
                    ..Default::default()
                }));
                entry.set_authors(
                    p.authors
                        .iter()
                        .map(|name| Person {
                            name: name.clone(),
                            ..Default::default()
                        })
                        .collect::<Vec<_>>(),
                );
                entry.set_categories(
                    p.tags
                        .iter()
                        .map(|t| Category {
                            term: t.clone(),
                            ..Default::default()
                        })
                        .collect::<Vec<_>>(),
                );
                entry
            })
            .collect::<Vec<_>>(),
    );
    feed.to_string()
}

/// The RSS 2.0 feed of the public posts.
pub fn rss_document(origin: &str, posts: &[PublicPost], stamp: Option<OffsetDateTime>) -> String {
    use time::format_description::well_known::Rfc2822;
    let date = |at: OffsetDateTime| at.to_offset(time::UtcOffset::UTC).format(&Rfc2822).ok();
    let channel = rss::Channel {
        title: TITLE.to_owned(),
        link: format!("{origin}/tanketanken"),
        description: SUBTITLE.to_owned(),
        language: Some("nb".to_owned()),
        last_build_date: stamp.and_then(date),
        items: posts
            .iter()
            .map(|p| {
                let url = format!("{origin}/tanketanken/{}", p.id);
                rss::Item {
                    title: Some(p.title.clone()),
                    link: Some(url.clone()),
                    description: Some(p.summary.clone()),
                    pub_date: date(p.published_at),
                    guid: Some(rss::Guid {
                        value: url,
                        permalink: true,
                    }),
                    categories: p
                        .tags
                        .iter()
                        .map(|t| rss::Category {
                            name: t.clone(),
                            domain: None,
                        })
                        .collect(),
                    content: Some(p.body_html.clone()),
                    ..Default::default()
                }
            })
            .collect(),
        ..Default::default()
    };
    channel.to_string()
}

/// The sitemap of the public blog: its front page and every public post.
pub fn sitemap_document(origin: &str, posts: &[(i32, OffsetDateTime)]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let escape = |s: &str| html_escape::encode_text(s).to_string();
    xml.push_str(&format!("<url><loc>{}</loc></url>\n", escape(&format!("{origin}/tanketanken"))));
    for (id, updated_at) in posts {
        xml.push_str(&format!(
            "<url><loc>{}</loc><lastmod>{}</lastmod></url>\n",
            escape(&format!("{origin}/tanketanken/{id}")),
            rfc3339(*updated_at)
        ));
    }
    xml.push_str("</urlset>\n");
    xml
}

/// `GET /tanketanken/bilder/{sha256}.{png|jpg}`: the image, if the reader may read its post;
/// the name is the hash of the bytes, so it is cached for good.
async fn image(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path(name): Path<String>,
) -> Response {
    let made = async {
        let actor = session_actor(&state, &session).await.unwrap_or(Actor::Anonymous);
        crate::posts::service::image(&state.db, &actor, &name).await
    };
    match made.await {
        Ok(found) => {
            let tag = format!("\"{}\"", name.split('.').next().unwrap_or_default());
            let cache = if found.public {
                "public, max-age=31536000, immutable"
            } else {
                "private, max-age=31536000, immutable"
            };
            let mut common = vec![
                (header::ETAG, tag.clone()),
                (header::CACHE_CONTROL, cache.to_owned()),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
            ];
            if headers
                .get(header::IF_NONE_MATCH)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.split(',').any(|t| t.trim() == tag))
            {
                return response(StatusCode::NOT_MODIFIED, &common, None);
            }
            common.push((header::CONTENT_TYPE, found.content_type));
            let mut answer = (StatusCode::OK, found.data).into_response();
            for (name, value) in common {
                if let Ok(value) = HeaderValue::from_str(&value) {
                    answer.headers_mut().insert(name, value);
                }
            }
            answer
        }
        Err(e) => refused(&e),
    }
}

/// `POST /tanketanken/{id}/bilde` (multipart: `image`, `alt`, `cover`): adds an image to the
/// post and goes back to its form, with the address to use in the Markdown, or with what was
/// wrong beside the fields.
async fn upload(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    mut form: Multipart,
) -> Response {
    let Ok(post_id) = id.parse::<i32>() else {
        return refused(&AppError::NotFound);
    };
    let actor = match session_actor(&state, &session).await {
        Ok(actor) => actor,
        Err(e) => return refused(&e),
    };
    let mut file = ImageFile {
        bytes: Vec::new(),
        alt: String::new(),
        cover: false,
    };
    loop {
        match form.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_owned();
                let Ok(bytes) = field.bytes().await else {
                    return refused(&AppError::invalid(
                        "image",
                        crate::core::error::FieldError::NotAnImage,
                    ));
                };
                match name.as_str() {
                    "image" => file.bytes = bytes.to_vec(),
                    "alt" => file.alt = String::from_utf8_lossy(&bytes).into_owned(),
                    "cover" => file.cover = !bytes.is_empty(),
                    _ => {}
                }
            }
            Ok(None) => break,
            Err(_) => {
                return refused(&AppError::invalid(
                    "image",
                    crate::core::error::FieldError::NotAnImage,
                ));
            }
        }
    }
    let alt = file.alt.clone();
    let back = format!("/tanketanken/{post_id}/endre");
    match crate::posts::service::upload_image(&state.db, &actor, post_id, file, state.clock.now())
        .await
    {
        Ok(url) => {
            let flash = crate::core::notice::Flash {
                form: format!("image:{url}"),
                notice: crate::core::notice::Notice::Done,
            };
            if session
                .insert(crate::auth::service::FLASH_KEY, flash)
                .await
                .is_err()
            {
                return refused(&AppError::Internal);
            }
            Redirect::to(&format!("{back}#bilder")).into_response()
        }
        Err(AppError::Invalid(errors)) => {
            let mut query = form_urlencoded::Serializer::new(String::new());
            for (field, error) in errors.iter() {
                if let Ok(code) = serde_json::to_value(error) {
                    query.append_pair(&format!("feil_{field}"), code.as_str().unwrap_or_default());
                }
            }
            query.append_pair("alt", &alt);
            Redirect::to(&format!("{back}?{}#bilder", query.finish())).into_response()
        }
        Err(e) => refused(&e),
    }
}
