//! Tanketanken's service layer (DESIGN §8): the only code that touches its tables. Every
//! function checks the actor's permission first (`auth::authorize`), then parses its input,
//! then writes in one transaction with its audit row.

mod comments;
mod demo;
mod images;
mod own_data;
mod read;
mod search;
mod tasks;
mod write;

pub use comments::{add_comment, delete_comment, hide_comment, list_comments, react};
pub use demo::seed_demo_posts;
pub use images::{ImageFile, StoredImage, image, upload_image};
pub use own_data::own_data_section;
pub use search::search;
pub use tasks::my_tasks;
pub use read::{
    LINKED_POSTS_QUERIES, PAGE_SIZE, PublicPost, front_page, get_post, latest_posts, linked_posts, list_posts, public_post_stamps, public_posts,
    search_statement, stamp,
};
pub use read::parse_filter as read_filter;
pub(crate) use write::insert_announcement;
pub use write::{create_post, feature_post, publish_post, update_post};

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::auth::{Actor, authorize};
use crate::core::error::AppError;
use crate::core::named::Named;
use crate::entities::sector;
use crate::posts::domain::permission::PostAction;
use crate::posts::domain::post::{LinkKind, Status, Visibility};
use crate::posts::domain::view::{ImageView, PostRow};
use crate::posts::entities::{post, post_author, post_image, post_tag};

pub(super) use crate::core::audit_trail::record_change as audit;

pub(super) fn status(p: &post::Model) -> Status {
    Status::parse(&p.status).unwrap_or(Status::Draft)
}

pub(super) fn visibility(p: &post::Model) -> Visibility {
    if p.visibility == Visibility::Public.as_str() {
        Visibility::Public
    } else {
        Visibility::Internal
    }
}

/// A step only a signed-in person takes: a visitor is refused before anything is looked up
/// (the API's 401, not a 404 that says whether the post exists).
pub(super) fn signed_in(actor: &Actor) -> Result<(), AppError> {
    authorize(actor, PostAction::Write)
}

/// The post `id`, if the actor may read it (404 otherwise, so a draft's existence does not
/// show), with its authors' ids.
pub(super) async fn readable(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> Result<(post::Model, Vec<i32>), AppError> {
    let found = post::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let authors = authors_of(db, id).await?;
    let author = actor.user_id().is_some_and(|me| authors.contains(&me));
    authorize(
        actor,
        PostAction::Read {
            published: status(&found) == Status::Published,
            public: visibility(&found) == Visibility::Public,
            author,
        },
    )
    .map_err(|_| AppError::NotFound)?;
    Ok((found, authors))
}

pub(super) async fn authors_of(db: &impl ConnectionTrait, id: i32) -> Result<Vec<i32>, AppError> {
    Ok(post_author::Entity::find()
        .filter(post_author::Column::PostId.eq(id))
        .order_by_asc(post_author::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.user_id)
        .collect())
}

/// The objects `links` name that their strands let every employee see, each with its kind
/// (one lookup per kind named); the others are left out.
pub(super) async fn resolved(
    db: &sea_orm::DatabaseConnection,
    targets: &[crate::core::links::LinkTargets],
    links: &[(LinkKind, i32)],
) -> Result<Vec<(LinkKind, crate::core::links::LinkTarget)>, AppError> {
    let mut found = Vec::new();
    for kind in LinkKind::ALL {
        let ids: Vec<i32> = links
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, id)| *id)
            .collect();
        if ids.is_empty() {
            continue;
        }
        if let Some(t) = targets.iter().find(|t| t.kind == kind.as_str()) {
            found.extend((t.resolve)(db, &ids).await?.into_iter().map(|f| (kind, f)));
        }
    }
    Ok(found)
}

/// An image's address: its hash and the extension of its type.
pub(super) fn image_url(hash: &str, content_type: &str) -> String {
    let extension = if content_type == "image/jpeg" { "jpg" } else { "png" };
    format!("{}{hash}.{extension}", crate::posts::domain::markdown::IMAGE_PATH)
}

/// The rows of `posts` for a list: their authors, tags, sectors and covers in one query
/// each, whatever the number of posts.
pub(super) async fn rows(
    db: &impl ConnectionTrait,
    posts: Vec<post::Model>,
) -> Result<Vec<PostRow>, AppError> {
    if posts.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i32> = posts.iter().map(|p| p.id).collect();
    let authors = post_author::Entity::find()
        .filter(post_author::Column::PostId.is_in(ids.clone()))
        .order_by_asc(post_author::Column::Position)
        .all(db)
        .await?;
    let names = crate::core::people::user_names(db, authors.iter().map(|a| a.user_id)).await?;
    let tags = post_tag::Entity::find()
        .filter(post_tag::Column::PostId.is_in(ids.clone()))
        .order_by_asc(post_tag::Column::Tag)
        .all(db)
        .await?;
    let sector_ids: Vec<i32> = posts.iter().filter_map(|p| p.sector_id).collect();
    let sectors: HashMap<i32, String> = if sector_ids.is_empty() {
        HashMap::new()
    } else {
        sector::Entity::find()
            .filter(sector::Column::Id.is_in(sector_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.id, s.name))
            .collect()
    };
    let cover_ids: Vec<i32> = posts.iter().filter_map(|p| p.cover_image_id).collect();
    let covers: HashMap<i32, ImageView> = images_without_data(db, cover_ids).await?;
    Ok(posts
        .into_iter()
        .map(|p| PostRow {
            id: p.id,
            status: status(&p),
            visibility: visibility(&p),
            authors: authors
                .iter()
                .filter(|a| a.post_id == p.id)
                .map(|a| Named::looked_up(&names, a.user_id))
                .collect(),
            tags: tags
                .iter()
                .filter(|t| t.post_id == p.id)
                .map(|t| t.tag.clone())
                .collect(),
            sector: p.sector_id.map(|id| Named::looked_up(&sectors, id)),
            cover: p.cover_image_id.and_then(|id| covers.get(&id).cloned()),
            title: p.title,
            summary: p.summary,
            featured: p.featured,
            published_at: p.published_at,
            updated_at: p.updated_at,
        })
        .collect())
}

/// The images `ids` by id, without their bytes.
pub(super) async fn images_without_data(
    db: &impl ConnectionTrait,
    ids: Vec<i32>,
) -> Result<HashMap<i32, ImageView>, AppError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let found: Vec<(i32, String, String, String, i32, i32)> = post_image::Entity::find()
        .select_only()
        .columns([
            post_image::Column::Id,
            post_image::Column::Hash,
            post_image::Column::ContentType,
            post_image::Column::Alt,
            post_image::Column::Width,
            post_image::Column::Height,
        ])
        .filter(post_image::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(found
        .into_iter()
        .map(|(id, hash, content_type, alt, width, height)| {
            (
                id,
                ImageView {
                    url: image_url(&hash, &content_type),
                    alt,
                    width,
                    height,
                },
            )
        })
        .collect())
}
