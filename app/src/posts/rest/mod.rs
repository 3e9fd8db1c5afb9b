//! `/api/v1/posts/…` and `/api/v1/comments/…`: Tanketanken (DESIGN §8, issue 29). Each
//! handler reads its input, calls one service function with the acting user and shapes the
//! answer; the service decides permission and validity. Without a token a caller reads the
//! public posts only.

mod bodies;
mod posts;

use crate::core::state::AppState;
use crate::http::contract::{Rule, Rules, body};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use posts::*;

#[derive(OpenApi)]
#[openapi(tags((name = "posts", description = "Tanketanken: sharing posts in Markdown, comments and moderation, the public blog")))]
struct PostsApi;

/// The posts' endpoints, each registered once: route and OpenAPI entry together.
pub fn routes() -> OpenApiRouter<AppState> {
    let router = OpenApiRouter::with_openapi(PostsApi::openapi())
        .routes(routes!(list_posts, create_post))
        .routes(routes!(get_post, patch_post))
        .routes(routes!(publish_post))
        .routes(routes!(list_post_comments, create_post_comment))
        .routes(routes!(hide_post_comment))
        .routes(routes!(delete_post_comment));
    crate::http::contract::strict(router, rules())
}

/// What the posts' services accept, from the domain's own limits (issue 26).
fn rules() -> Rules {
    use crate::posts::domain::post as p;
    use bodies::*;
    let ids = || Rule::each(Rule::Id, Some(p::MAX_LINKS));
    Rules {
        bodies: vec![
            body::<PostInBody>(vec![
                ("title", Rule::Name(p::MAX_TITLE_CHARS).required()),
                ("summary", Rule::Text(p::MAX_SUMMARY_CHARS).required()),
                ("body", Rule::Text(p::MAX_BODY_CHARS).required()),
                ("tags", Rule::each(Rule::Tag(p::MAX_TAG_CHARS), Some(p::MAX_TAGS))),
                ("co_author_emails", Rule::each(Rule::Email, Some(p::MAX_CO_AUTHORS))),
                ("project_ids", ids()),
                ("application_ids", ids()),
                ("nomination_ids", ids()),
            ]),
            body::<PostPatchBody>(vec![
                ("title", Rule::Name(p::MAX_TITLE_CHARS)),
                ("summary", Rule::Text(p::MAX_SUMMARY_CHARS)),
                ("body", Rule::Text(p::MAX_BODY_CHARS)),
                ("tags", Rule::each(Rule::Tag(p::MAX_TAG_CHARS), Some(p::MAX_TAGS))),
                ("co_author_emails", Rule::each(Rule::Email, Some(p::MAX_CO_AUTHORS))),
                ("project_ids", ids()),
                ("application_ids", ids()),
                ("nomination_ids", ids()),
            ]),
            body::<PostPublishBody>(vec![
                (
                    "visibility",
                    Rule::Choice(vec!["internal", "public"]).required(),
                ),
                ("version", Rule::Range(0, i64::MAX)),
            ]),
            body::<PostCommentInBody>(vec![(
                "body",
                Rule::Text(p::MAX_COMMENT_CHARS).required(),
            )]),
            body::<CommentHideBody>(vec![(
                "reason",
                Rule::Text(p::MAX_REASON_CHARS).required(),
            )]),
        ],
        params: vec![
            ("id", Rule::AnyId),
            ("q", Rule::Search(crate::core::search::MAX_SEARCH_CHARS)),
            ("tag", Rule::Tag(p::MAX_TAG_CHARS)),
            ("sector_id", Rule::AnyId),
            ("author_id", Rule::AnyId),
        ],
    }
}
