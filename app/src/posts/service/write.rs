//! Writing posts: a new post, a change (with its history), publishing and featuring, and the
//! other strands' announcements (`posts::write`).

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::{Actor, authorize};
use crate::core::error::{AppError, FieldError};
use crate::core::links::LinkTargets;
use crate::core::parse::Input;
use crate::core::people::active_user_ids;
use crate::entities::service_site;
use crate::posts::domain::markdown;
use crate::posts::domain::permission::{PostAction, is_editor};
use crate::posts::domain::post::{
    LinkKind, NewPost, PostForm, Publishing, Status, Visibility, changes,
};
use crate::posts::entities::{post, post_author, post_link, post_revision, post_tag};

use super::{audit, authors_of, status, visibility};

impl Input for PostForm {
    type Parsed = NewPost;
    fn parse(self) -> Result<NewPost, crate::core::error::FieldErrors> {
        PostForm::parse(&self)
    }
}

/// Writes a new draft; the writer is its first author. Answers its id.
pub async fn create_post(
    db: &DatabaseConnection,
    actor: &Actor,
    links: &[LinkTargets],
    form: impl Input<Parsed = NewPost>,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    authorize(actor, PostAction::Write)?;
    let me = actor.user().ok_or(AppError::Forbidden)?;
    let new = form.parse().map_err(AppError::Invalid)?;
    let co_authors = active_user_ids(db, &new.co_authors, "co_authors").await?;
    check_links(db, links, &new.links).await?;
    // DESIGN §8: a post belongs to the writer's sector (the list's sector filter).
    let sector_id = match me.home_site_id {
        Some(site) => service_site::Entity::find_by_id(site)
            .one(db)
            .await?
            .map(|s| s.sector_id),
        None => None,
    };
    let txn = crate::core::txn::begin_write(db).await?;
    let made = post::ActiveModel {
        title: Set(new.title.clone()),
        summary: Set(new.summary.clone()),
        body_html: Set(markdown::render(&new.body)),
        body: Set(new.body.clone()),
        status: Set(Status::Draft.as_str().into()),
        visibility: Set(Visibility::Internal.as_str().into()),
        featured: Set(false),
        sector_id: Set(sector_id),
        created_by: Set(me.id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut authors = vec![me.id];
    authors.extend(co_authors.into_iter().filter(|id| *id != me.id));
    write_parts(&txn, made.id, &authors, &new).await?;
    tell_co_authors(&txn, me, made.id, &new.title, &authors, &[], now).await?;
    post_revision::ActiveModel {
        post_id: Set(made.id),
        editor_id: Set(me.id),
        at: Set(now),
        changes: Set("{}".into()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit(&txn, actor, "posts.created", ("post", made.id), json!({}), now).await?;
    txn.commit().await?;
    Ok(made.id)
}

/// Changes a post (its authors; an editor). The history keeps each changed field as it was.
/// An author's change to a public post takes it back to internal until an editor approves it
/// again: what an editor approved is what the public reads.
pub async fn update_post(
    db: &DatabaseConnection,
    actor: &Actor,
    links: &[LinkTargets],
    id: i32,
    form: impl Input<Parsed = NewPost>,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    super::signed_in(actor)?;
    let (_, authors) = super::readable(db, actor, id).await?;
    let me = actor.user().ok_or(AppError::Forbidden)?;
    authorize(
        actor,
        PostAction::Edit {
            author: authors.contains(&me.id),
        },
    )?;
    let new = form.parse().map_err(AppError::Invalid)?;
    let co_authors = active_user_ids(db, &new.co_authors, "co_authors").await?;
    check_links(db, links, &new.links).await?;
    let txn = crate::core::txn::begin_write(db).await?;
    let current = crate::core::txn::find_locked::<post::Entity>(&txn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let before = snapshot(&txn, &current).await?;
    // The writer stays first; the co-authors named follow.
    let first = authors.first().copied().unwrap_or(me.id);
    let mut new_authors = vec![first];
    new_authors.extend(co_authors.into_iter().filter(|a| *a != first));
    let after = [
        ("title", new.title.clone()),
        ("summary", new.summary.clone()),
        ("body", new.body.clone()),
        ("tags", new.tags.join(", ")),
        ("authors", join_ids(&new_authors)),
        ("links", join_links(&new.links)),
    ];
    let changed = changes(&before, &after);
    if changed.is_empty() {
        return Ok(());
    }
    // Judged on the locked row: an editor's approval a moment ago counts.
    let back_to_internal = visibility(&current) == Visibility::Public && !is_editor(actor);
    let mut active: post::ActiveModel = current.into();
    active.title = Set(new.title.clone());
    active.summary = Set(new.summary.clone());
    active.body_html = Set(markdown::render(&new.body));
    active.body = Set(new.body.clone());
    active.updated_at = Set(now);
    if back_to_internal {
        active.visibility = Set(Visibility::Internal.as_str().into());
        active.public_approved_by = Set(None);
        active.left_public_at = Set(Some(now));
    }
    active.update(&txn).await?;
    post_author::Entity::delete_many()
        .filter(post_author::Column::PostId.eq(id))
        .exec(&txn)
        .await?;
    post_tag::Entity::delete_many()
        .filter(post_tag::Column::PostId.eq(id))
        .exec(&txn)
        .await?;
    post_link::Entity::delete_many()
        .filter(post_link::Column::PostId.eq(id))
        .exec(&txn)
        .await?;
    write_parts(&txn, id, &new_authors, &new).await?;
    tell_co_authors(&txn, me, id, &new.title, &new_authors, &authors, now).await?;
    let record: serde_json::Map<String, serde_json::Value> =
        changed.into_iter().map(|(f, v)| (f, v.into())).collect();
    post_revision::ActiveModel {
        post_id: Set(id),
        editor_id: Set(me.id),
        at: Set(now),
        changes: Set(serde_json::Value::Object(record.clone()).to_string()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit(
        &txn,
        actor,
        "posts.changed",
        ("post", id),
        json!({ "fields": record.keys().collect::<Vec<_>>(), "back_to_internal": back_to_internal }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Publishes a post internally (its authors, an editor) or publicly (an editor's approval,
/// DESIGN §2); publishing again changes its visibility. With the version the publisher read
/// (`updated_at` in nanoseconds), a post changed since is refused (409): what an editor
/// approves is what they read.
pub async fn publish_post(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    asked: impl Input<Parsed = Publishing>,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    super::signed_in(actor)?;
    let (_, authors) = super::readable(db, actor, id).await?;
    let author = actor.user_id().is_some_and(|me| authors.contains(&me));
    // Who may publish at all is checked before the input is read ("403 before 422").
    authorize(
        actor,
        PostAction::Publish {
            author,
            public: false,
        },
    )?;
    let Publishing {
        visibility: chosen,
        seen,
    } = asked.parse().map_err(AppError::Invalid)?;
    authorize(
        actor,
        PostAction::Publish {
            author,
            public: chosen == Visibility::Public,
        },
    )?;
    let txn = crate::core::txn::begin_write(db).await?;
    let current = crate::core::txn::find_locked::<post::Entity>(&txn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    // What the publisher read is what is published: a change since then is refused.
    if let Some(seen) = seen
        && seen != current.updated_at.unix_timestamp_nanos()
    {
        return Err(AppError::conflict("visibility", FieldError::ChangedMeanwhile));
    }
    let was = (status(&current), visibility(&current));
    let mut active: post::ActiveModel = current.clone().into();
    if was.1 == Visibility::Public && chosen == Visibility::Internal {
        active.left_public_at = Set(Some(now));
    }
    active.status = Set(Status::Published.as_str().into());
    active.visibility = Set(chosen.as_str().into());
    active.published_at = Set(Some(current.published_at.unwrap_or(now)));
    active.public_approved_by = Set(match chosen {
        Visibility::Public => actor.user_id(),
        Visibility::Internal => None,
    });
    active.updated_at = Set(now);
    active.update(&txn).await?;
    audit(
        &txn,
        actor,
        "posts.published",
        ("post", id),
        json!({
            "visibility": chosen.as_str(),
            "was": { "status": was.0.as_str(), "visibility": was.1.as_str() },
        }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Features a published post on the front page, or stops featuring it (the editors).
pub async fn feature_post(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    featured: bool,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    authorize(actor, PostAction::Moderate)?;
    let txn = crate::core::txn::begin_write(db).await?;
    let current = crate::core::txn::find_locked::<post::Entity>(&txn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if status(&current) != Status::Published {
        return Err(AppError::conflict("featured", FieldError::NotPublished));
    }
    let mut active: post::ActiveModel = current.into();
    active.featured = Set(featured);
    active.updated_at = Set(now);
    active.update(&txn).await?;
    audit(
        &txn,
        actor,
        "posts.featured",
        ("post", id),
        json!({ "featured": featured }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A draft for the editors, written inside another strand's transaction (a decided fund
/// round, a published prize year: issue 29), once per `key`; its author is the person whose
/// step it announces. Answers the post's id, or `None` when the key was announced already.
pub(crate) async fn insert_announcement(
    txn: &impl ConnectionTrait,
    announcement: &crate::posts::write::Announcement,
    now: OffsetDateTime,
) -> Result<Option<i32>, AppError> {
    let crate::posts::write::Announcement {
        key,
        author_id,
        title,
        summary,
        body,
        links,
    } = announcement;
    let author_id = *author_id;
    // Once per key (a unique index); the caller's own lock (the call's, the year's) keeps two
    // deciders from both getting here.
    let exists = post::Entity::find()
        .filter(post::Column::AnnouncementKey.eq(key.as_str()))
        .one(txn)
        .await?;
    if exists.is_some() {
        return Ok(None);
    }
    let made = post::ActiveModel {
        title: Set(title.chars().take(crate::posts::domain::post::MAX_TITLE_CHARS).collect()),
        summary: Set(summary.clone()),
        body_html: Set(markdown::render(body)),
        body: Set(body.clone()),
        status: Set(Status::Draft.as_str().into()),
        visibility: Set(Visibility::Internal.as_str().into()),
        featured: Set(false),
        created_by: Set(author_id),
        announcement_key: Set(Some(key.clone())),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    post_author::ActiveModel {
        post_id: Set(made.id),
        user_id: Set(author_id),
        position: Set(0),
    }
    .insert(txn)
    .await?;
    let mut seen = Vec::new();
    for (kind, target) in links {
        if seen.contains(&(*kind, *target)) {
            continue;
        }
        seen.push((*kind, *target));
        post_link::ActiveModel {
            post_id: Set(made.id),
            kind: Set(kind.as_str().into()),
            target_id: Set(*target),
        }
        .insert(txn)
        .await?;
    }
    post_tag::ActiveModel {
        post_id: Set(made.id),
        tag: Set("kunngjøring".into()),
    }
    .insert(txn)
    .await?;
    Ok(Some(made.id))
}

/// Each person newly named as a co-author is told, in the app (issue 29: their name stands on
/// the post; the writer is not told of themselves).
async fn tell_co_authors(
    txn: &impl ConnectionTrait,
    writer: &crate::auth::UserActor,
    post_id: i32,
    title: &str,
    authors: &[i32],
    before: &[i32],
    now: OffsetDateTime,
) -> Result<(), AppError> {
    use crate::notifications::domain::{NewNotification, NotificationKind};
    let link = format!("/tanketanken/{post_id}");
    for user_id in authors
        .iter()
        .copied()
        .filter(|id| *id != writer.id && !before.contains(id))
    {
        let new = NewNotification {
            user_id,
            kind: NotificationKind::CoAuthor,
            subject: title,
            status: "",
            detail: &writer.name,
            link: &link,
        };
        crate::notifications::service::notify(txn, new, now).await?;
    }
    Ok(())
}

async fn write_parts(
    txn: &impl ConnectionTrait,
    id: i32,
    authors: &[i32],
    new: &NewPost,
) -> Result<(), AppError> {
    for (position, user_id) in authors.iter().enumerate() {
        post_author::ActiveModel {
            post_id: Set(id),
            user_id: Set(*user_id),
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
        }
        .insert(txn)
        .await?;
    }
    for tag in &new.tags {
        post_tag::ActiveModel {
            post_id: Set(id),
            tag: Set(tag.clone()),
        }
        .insert(txn)
        .await?;
    }
    for (kind, target) in &new.links {
        post_link::ActiveModel {
            post_id: Set(id),
            kind: Set(kind.as_str().into()),
            target_id: Set(*target),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// The post's fields as the history compares them.
async fn snapshot(
    txn: &impl ConnectionTrait,
    current: &post::Model,
) -> Result<Vec<(&'static str, String)>, AppError> {
    let tags: Vec<String> = post_tag::Entity::find()
        .filter(post_tag::Column::PostId.eq(current.id))
        .all(txn)
        .await?
        .into_iter()
        .map(|t| t.tag)
        .collect();
    let links: Vec<(LinkKind, i32)> = post_link::Entity::find()
        .filter(post_link::Column::PostId.eq(current.id))
        .all(txn)
        .await?
        .into_iter()
        .filter_map(|l| Some((LinkKind::parse(&l.kind)?, l.target_id)))
        .collect();
    let authors = authors_of(txn, current.id).await?;
    let mut sorted_tags = tags;
    sorted_tags.sort();
    Ok(vec![
        ("title", current.title.clone()),
        ("summary", current.summary.clone()),
        ("body", current.body.clone()),
        ("tags", sorted_tags.join(", ")),
        ("authors", join_ids(&authors)),
        ("links", join_links(&links)),
    ])
}

fn join_ids(ids: &[i32]) -> String {
    ids.iter().map(i32::to_string).collect::<Vec<_>>().join(", ")
}

fn join_links(links: &[(LinkKind, i32)]) -> String {
    let mut parts: Vec<String> = links
        .iter()
        .map(|(k, id)| format!("{}:{id}", k.as_str()))
        .collect();
    parts.sort();
    parts.join(", ")
}

/// Every link names an object its strand lets every employee see; refused under the kind's
/// field otherwise.
async fn check_links(
    db: &DatabaseConnection,
    targets: &[LinkTargets],
    links: &[(LinkKind, i32)],
) -> Result<(), AppError> {
    let found = super::resolved(db, targets, links).await?;
    match links
        .iter()
        .find(|(kind, id)| !found.iter().any(|(k, f)| k == kind && f.id == *id))
    {
        Some((kind, _)) => Err(AppError::invalid(kind.field(), FieldError::UnknownReference)),
        None => Ok(()),
    }
}
