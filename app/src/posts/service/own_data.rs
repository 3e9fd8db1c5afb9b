//! DESIGN §9 (GDPR): Tanketanken's part of a user's own data: the posts they are an author
//! of (with their text and tags), their comments (a hidden one with the editor's reason),
//! their reactions, the changes they made to posts and the images they uploaded (described,
//! not their bytes). Called by `registry::export_own_data`, which has checked that the user
//! asks for their own data.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::json;

use crate::core::error::AppError;
use crate::core::timefmt::rfc3339;
use crate::posts::entities::{
    post, post_author, post_comment, post_image, post_reaction, post_revision, post_tag,
};

pub async fn own_data_section(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<serde_json::Value, AppError> {
    let ids: Vec<i32> = post_author::Entity::find()
        .filter(post_author::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.post_id)
        .collect();
    let posts = post::Entity::find()
        .filter(post::Column::Id.is_in(ids.clone()))
        .order_by_asc(post::Column::Id)
        .all(db)
        .await?;
    let tags = post_tag::Entity::find()
        .filter(post_tag::Column::PostId.is_in(ids))
        .all(db)
        .await?;
    let comments = post_comment::Entity::find()
        .filter(post_comment::Column::AuthorId.eq(user_id))
        .order_by_asc(post_comment::Column::Id)
        .all(db)
        .await?;
    let reactions = post_reaction::Entity::find()
        .filter(post_reaction::Column::UserId.eq(user_id))
        .all(db)
        .await?;
    let revisions = post_revision::Entity::find()
        .filter(post_revision::Column::EditorId.eq(user_id))
        .order_by_asc(post_revision::Column::Id)
        .all(db)
        .await?;
    let images: Vec<(i32, i32, String, String, i32, i32)> = post_image::Entity::find()
        .select_only()
        .columns([
            post_image::Column::Id,
            post_image::Column::PostId,
            post_image::Column::Hash,
            post_image::Column::Alt,
            post_image::Column::Width,
            post_image::Column::Height,
        ])
        .filter(post_image::Column::CreatedBy.eq(user_id))
        .into_tuple()
        .all(db)
        .await?;
    Ok(json!({
        "posts": posts.iter().map(|p| json!({
            "id": p.id,
            "title": p.title,
            "summary": p.summary,
            "body": p.body,
            "status": p.status,
            "visibility": p.visibility,
            "tags": tags.iter().filter(|t| t.post_id == p.id).map(|t| &t.tag).collect::<Vec<_>>(),
            "created_at": rfc3339(p.created_at),
            "published_at": p.published_at.map(rfc3339),
        })).collect::<Vec<_>>(),
        "comments": comments.iter().map(|c| json!({
            "id": c.id,
            "post": c.post_id,
            "body": c.body,
            "created_at": rfc3339(c.created_at),
            "hidden_reason": c.hidden_reason,
        })).collect::<Vec<_>>(),
        "reactions": reactions.iter().map(|r| json!({
            "post": r.post_id,
            "kind": r.kind,
            "at": rfc3339(r.created_at),
        })).collect::<Vec<_>>(),
        "changes": revisions.iter().map(|r| json!({
            "post": r.post_id,
            "at": rfc3339(r.at),
            "before": serde_json::from_str::<serde_json::Value>(&r.changes).unwrap_or_default(),
        })).collect::<Vec<_>>(),
        "images": images.iter().map(|(id, post, hash, alt, width, height)| json!({
            "id": id, "post": post, "sha256": hash, "alt": alt, "width": width, "height": height,
        })).collect::<Vec<_>>(),
    }))
}
