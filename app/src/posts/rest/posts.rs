//! Posts and their comments.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::IntoParams;

use super::bodies::{
    CommentHideBody, PostCommentBody, PostCommentInBody, PostDetailBody, PostInBody,
    PostPatchBody, PostPublishBody, PostSummaryBody,
};
use crate::core::state::AppState;
use crate::http::actor::ApiActor;
use crate::http::common::{Page, PageParams, created};
use crate::http::problem::{ApiBody, ApiError, ApiPath, ApiQuery, Problem};
use crate::posts::domain::post::{CommentText, PostForm, PublishForm};

/// The list's filters.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PostQuery {
    /// Words or a part of a word in the title, summary or text.
    pub q: Option<String>,
    /// One tag.
    pub tag: Option<String>,
    pub sector_id: Option<i32>,
    pub author_id: Option<i32>,
    /// Items per page, 1–200 (default 50); outside that a 422.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    /// How many items to skip, at most 1 000 000 000 (default 0); past that a 422.
    #[param(minimum = 0, maximum = 1_000_000_000)]
    pub offset: Option<u64>,
}

/// The published posts the caller may read, newest first: without a token the public ones.
#[utoipa::path(
    get, path = "/posts", tag = "posts", params(PostQuery),
    responses(
        (status = 200, description = "The posts", body = Page<PostSummaryBody>),
        (status = 422, description = "An invalid filter", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("bearer" = []))
)]
pub async fn list_posts(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiQuery(query): ApiQuery<PostQuery>,
) -> Result<Json<Page<PostSummaryBody>>, ApiError> {
    use crate::core::parse::Input as _;
    let sector = query.sector_id.map(|s| s.to_string());
    let author = query.author_id.map(|a| a.to_string());
    let filter = crate::posts::service::read_filter(
        query.tag.as_deref(),
        sector.as_deref(),
        author.as_deref(),
        query.q.as_deref(),
    )
    .map_err(ApiError::App)?;
    // 401 for a bad token came first (the extractor); the page's bounds are the service's.
    let page = crate::core::paging::PageQuery {
        limit: query.limit,
        offset: query.offset,
    }
    .parse()
    .map_err(crate::core::error::AppError::Invalid)?;
    let result = crate::posts::service::list_posts(&state.db, &actor.0, &filter, page).await;
    Ok(Json(Page::from(actor.answer(result)?, Into::into)))
}

/// Writes a new draft (any signed-in employee); the caller is its first author.
#[utoipa::path(
    post, path = "/posts", tag = "posts", request_body = PostInBody,
    responses(
        (status = 201, description = "Created", body = PostDetailBody),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each listed in `errors`", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_post(
    State(state): State<AppState>,
    actor: ApiActor,
    body: ApiBody<PostInBody>,
) -> Result<Response, ApiError> {
    let form = body.into_input(PostForm::from);
    let links = state.link_targets.clone();
    let now = state.clock.now();
    let result = crate::posts::service::create_post(&state.db, &actor.0, &links, form, now).await;
    let id = actor.answer(result)?;
    let made = crate::posts::service::get_post(&state.db, &actor.0, &links, id).await;
    Ok(created(PostDetailBody::from(actor.answer(made)?)))
}

/// One post the caller may read.
#[utoipa::path(
    get, path = "/posts/{id}", tag = "posts",
    params(("id" = i32, Path, description = "The post's id")),
    responses(
        (status = 200, description = "The post", body = PostDetailBody),
        (status = 404, description = "No such post, or not one the caller may read", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("bearer" = []))
)]
pub async fn get_post(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
) -> Result<Json<PostDetailBody>, ApiError> {
    let result = crate::posts::service::get_post(&state.db, &actor.0, &state.link_targets, id).await;
    Ok(Json(actor.answer(result)?.into()))
}

/// Changes a post (its authors; an editor): the fields given replace the post's. An author's
/// change to a public post takes it back to internal until an editor approves it again.
#[utoipa::path(
    patch, path = "/posts/{id}", tag = "posts", request_body = PostPatchBody,
    params(("id" = i32, Path, description = "The post's id")),
    responses(
        (status = 200, description = "The post as changed", body = PostDetailBody),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an author or an editor", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such post", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each listed in `errors`", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn patch_post(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    body: ApiBody<PostPatchBody>,
) -> Result<Json<PostDetailBody>, ApiError> {
    // A visitor is told to sign in, not whether the post exists.
    actor.user()?;
    let links = state.link_targets.clone();
    let current = crate::posts::service::get_post(&state.db, &actor.0, &links, id).await;
    let current = actor.answer(current)?;
    let form = body.into_input(move |patch: PostPatchBody| patch.over(&current));
    let now = state.clock.now();
    let result = crate::posts::service::update_post(&state.db, &actor.0, &links, id, form, now).await;
    actor.answer(result)?;
    let changed = crate::posts::service::get_post(&state.db, &actor.0, &links, id).await;
    Ok(Json(actor.answer(changed)?.into()))
}

/// Publishes a post: `internal` (its authors, an editor) or `public` (an editor only).
#[utoipa::path(
    post, path = "/posts/{id}/publish", tag = "posts", request_body = PostPublishBody,
    params(("id" = i32, Path, description = "The post's id")),
    responses(
        (status = 200, description = "The post as published", body = PostDetailBody),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an author, or public without the editor role", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such post", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The post changed since the version given", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a visibility", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn publish_post(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    body: ApiBody<PostPublishBody>,
) -> Result<Json<PostDetailBody>, ApiError> {
    let visibility = body.into_input(PublishForm::from);
    let now = state.clock.now();
    let result = crate::posts::service::publish_post(&state.db, &actor.0, id, visibility, now).await;
    actor.answer(result)?;
    let made = crate::posts::service::get_post(&state.db, &actor.0, &state.link_targets, id).await;
    Ok(Json(actor.answer(made)?.into()))
}

/// The comments of a post the caller may read (employees): a hidden one only its author and
/// the editors see.
#[utoipa::path(
    get, path = "/posts/{id}/comments", tag = "posts",
    params(("id" = i32, Path, description = "The post's id"), PageParams),
    responses(
        (status = 200, description = "The comments, oldest first", body = Page<PostCommentBody>),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such post", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_post_comments(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    ApiQuery(page): ApiQuery<PageParams>,
) -> Result<Json<Page<PostCommentBody>>, ApiError> {
    let result = crate::posts::service::list_comments(&state.db, &actor.0, id).await;
    Ok(Json(Page::of_all(actor.answer(result)?, &page, Into::into)?))
}

/// Comments on a published post (employees).
#[utoipa::path(
    post, path = "/posts/{id}/comments", tag = "posts", request_body = PostCommentInBody,
    params(("id" = i32, Path, description = "The post's id")),
    responses(
        (status = 201, description = "Created", body = PostCommentBody),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The post is not published", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such post", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An empty or too long comment", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_post_comment(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    body: ApiBody<PostCommentInBody>,
) -> Result<Response, ApiError> {
    let text = body.into_input(CommentText::from);
    let now = state.clock.now();
    let result = crate::posts::service::add_comment(&state.db, &actor.0, id, text, now).await;
    let comment_id = actor.answer(result)?;
    let all = crate::posts::service::list_comments(&state.db, &actor.0, id).await;
    let made = actor
        .answer(all)?
        .into_iter()
        .find(|c| c.id == comment_id)
        .ok_or(ApiError::App(crate::core::error::AppError::NotFound))?;
    Ok(created(PostCommentBody::from(made)))
}

/// Hides a comment from readers (an editor), with a reason its author sees.
#[utoipa::path(
    post, path = "/comments/{id}/hide", tag = "posts", request_body = CommentHideBody,
    params(("id" = i32, Path, description = "The comment's id")),
    responses(
        (status = 204, description = "Hidden"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an editor", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such comment", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn hide_post_comment(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    body: ApiBody<CommentHideBody>,
) -> Result<Response, ApiError> {
    let reason = body.into_input(CommentText::from);
    let now = state.clock.now();
    let result = crate::posts::service::hide_comment(&state.db, &actor.0, id, reason, now).await;
    actor.answer(result)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Deletes the caller's own comment.
#[utoipa::path(
    delete, path = "/comments/{id}", tag = "posts",
    params(("id" = i32, Path, description = "The comment's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the comment's author", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such comment", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn delete_post_comment(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
) -> Result<Response, ApiError> {
    let now = state.clock.now();
    let result = crate::posts::service::delete_comment(&state.db, &actor.0, id, now).await;
    actor.answer(result)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
