//! Every server function of Tanketanken (DESIGN §8): thin wrappers over the service layer.
//! Forms post here; an accepted post leaves a notice for the page it sends the browser to.
// A form's fields are its server function's arguments (their names are the fields' names,
// which the inline errors match): the post's form has nine.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::auth::service::answer_form;
use crate::core::error::AppError;
#[cfg(feature = "ssr")]
use crate::core::notice::Notice;
#[cfg(feature = "ssr")]
use crate::core::state::now;
#[cfg(feature = "ssr")]
use crate::posts::domain::view::{FrontPage, PostView};

/// Tanketanken's front page, filtered by the query string.
#[cfg(feature = "ssr")]
pub async fn load_posts(
    tag: Option<String>,
    sector_id: Option<String>,
    author_id: Option<String>,
    query: Option<String>,
    offset: Option<String>,
) -> Result<FrontPage, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let filter = crate::posts::service::read_filter(
        tag.as_deref(),
        sector_id.as_deref(),
        author_id.as_deref(),
        query.as_deref(),
    )?;
    let offset = offset
        .and_then(|o| o.trim().parse::<u64>().ok())
        .unwrap_or(0)
        .min(crate::core::paging::MAX_OFFSET);
    crate::posts::service::front_page(&state.db, &actor, filter, offset).await
}

#[cfg(feature = "ssr")]
pub async fn load_post(id: i32) -> Result<PostView, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::posts::service::get_post(&state.db, &actor, &state.link_targets, id).await
}

/// Whether the signed-in reader may write a post (the new post's page).
#[cfg(feature = "ssr")]
pub async fn may_write() -> Result<(), AppError> {
    let (_, actor) = crate::auth::service::acting().await?;
    crate::auth::authorize(&actor, crate::posts::domain::permission::PostAction::Write)
}

/// The post's form, saved: a new draft (`post_id` none) or a change; then to the post's page.
#[cfg(feature = "ssr")]
async fn save(post_id: Option<i32>, form: crate::posts::domain::post::PostForm) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let links = &state.link_targets;
    let id = match post_id {
        Some(id) => {
            crate::posts::service::update_post(&state.db, &actor, links, id, form, now()).await?;
            id
        }
        None => crate::posts::service::create_post(&state.db, &actor, links, form, now()).await?,
    };
    answer_form("post", Notice::Done, &format!("/tanketanken/{id}")).await
}

// The answers below go back to the post's page itself, with no `#part`: to the same address
// with only another fragment a browser would not load the page again.

#[server]
pub async fn create_post(
    #[server(default)] title: String,
    #[server(default)] summary: String,
    #[server(default)] body: String,
    #[server(default)] tags: String,
    #[server(default)] co_authors: String,
    #[server(default)] project_ids: String,
    #[server(default)] application_ids: String,
    #[server(default)] nomination_ids: String,
) -> Result<(), AppError> {
    use crate::posts::domain::post::PostForm;
    let form = PostForm {
        title,
        summary,
        body,
        tags,
        tag_list: None,
        co_authors,
        project_ids,
        application_ids,
        nomination_ids,
    };
    save(None, form).await
}

#[server]
pub async fn update_post(
    post_id: i32,
    #[server(default)] title: String,
    #[server(default)] summary: String,
    #[server(default)] body: String,
    #[server(default)] tags: String,
    #[server(default)] co_authors: String,
    #[server(default)] project_ids: String,
    #[server(default)] application_ids: String,
    #[server(default)] nomination_ids: String,
) -> Result<(), AppError> {
    use crate::posts::domain::post::PostForm;
    let form = PostForm {
        title,
        summary,
        body,
        tags,
        tag_list: None,
        co_authors,
        project_ids,
        application_ids,
        nomination_ids,
    };
    save(Some(post_id), form).await
}

#[server]
pub async fn publish_post(
    post_id: i32,
    #[server(default)] visibility: String,
    #[server(default)] version: String,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let form = crate::posts::domain::post::PublishForm {
        visibility,
        version: Some(version),
    };
    crate::posts::service::publish_post(&state.db, &actor, post_id, form, now()).await?;
    answer_form("publish", Notice::Done, &format!("/tanketanken/{post_id}")).await
}

#[server]
pub async fn feature_post(post_id: i32, #[server(default)] featured: String) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let featured = featured == "true";
    crate::posts::service::feature_post(&state.db, &actor, post_id, featured, now()).await?;
    answer_form("feature", Notice::Done, &format!("/tanketanken/{post_id}")).await
}

#[server]
pub async fn add_comment(post_id: i32, #[server(default)] body: String) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let body = crate::posts::domain::post::CommentText::body(body);
    crate::posts::service::add_comment(&state.db, &actor, post_id, body, now()).await?;
    answer_form("comment", Notice::Done, &format!("/tanketanken/{post_id}")).await
}

#[server]
pub async fn delete_comment(comment_id: i32) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let post_id =
        crate::posts::service::delete_comment(&state.db, &actor, comment_id, now()).await?;
    answer_form("comment-deleted", Notice::Done, &format!("/tanketanken/{post_id}"))
        .await
}

#[server]
pub async fn hide_comment(comment_id: i32, #[server(default)] reason: String) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let reason = crate::posts::domain::post::CommentText::reason(reason);
    let post_id =
        crate::posts::service::hide_comment(&state.db, &actor, comment_id, reason, now()).await?;
    answer_form("comment-hidden", Notice::Done, &format!("/tanketanken/{post_id}"))
        .await
}

#[server]
pub async fn react_to_post(post_id: i32, #[server(default)] kind: String) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::posts::service::react(&state.db, &actor, post_id, &kind, now()).await?;
    answer_form("reaction", Notice::Done, &format!("/tanketanken/{post_id}")).await
}
