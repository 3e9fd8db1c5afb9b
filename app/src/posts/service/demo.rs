//! Writes the demo posts (`posts::demo`) into an empty Tanketanken: forty posts over the last
//! year from the demo's people, across the sectors; every third one public (approved by the
//! editor), two featured, some linked to the demo's projects; comments (one hidden by the
//! editor, with a reason), reactions; and last year's prize announcement, which the prize's
//! demo wrote as a draft, published publicly.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde_json::json;
use time::{Duration, OffsetDateTime};

use crate::auth::demo::DEMO_USERS;
use crate::auth::{Actor, authorize};
use crate::core::error::AppError;
use crate::entities::{sector, user};
use crate::posts::demo::{COMMENTS, HIDDEN_COMMENT, HIDDEN_REASON, THEMES};
use crate::posts::domain::markdown;
use crate::posts::domain::permission::PostAction;
use crate::posts::domain::post::{LinkKind, REACTIONS, Status, Visibility};
use crate::posts::entities::{
    post, post_author, post_comment, post_link, post_reaction, post_revision, post_tag,
};

use super::audit;

const EDITOR: &str = "redaktor@ideverket.example";

/// Loads the demo posts unless there are posts besides announcements; returns the posts
/// written.
pub async fn seed_demo_posts(
    db: &DatabaseConnection,
    actor: &Actor,
    links: &[crate::core::links::LinkTargets],
    now: OffsetDateTime,
) -> Result<usize, AppError> {
    authorize(actor, PostAction::Moderate)?;
    if post::Entity::find()
        .filter(post::Column::AnnouncementKey.is_null())
        .count(db)
        .await?
        > 0
    {
        return Ok(0);
    }
    let users = user::Entity::find()
        .filter(user::Column::Email.is_in(DEMO_USERS.iter().map(|u| u.email)))
        .order_by_asc(user::Column::Id)
        .all(db)
        .await?;
    let Some(editor) = users.iter().find(|u| u.email == EDITOR).map(|u| u.id) else {
        return Ok(0);
    };
    let people: Vec<i32> = users.iter().map(|u| u.id).collect();
    let sectors: Vec<i32> = sector::Entity::find()
        .order_by_asc(sector::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    // The demo's projects that exist (the portfolio's demo), through its link targets.
    let candidate_ids: Vec<i32> = (1..=40).collect();
    let projects: Vec<i32> = match links.iter().find(|t| t.kind == LinkKind::Project.as_str()) {
        Some(t) => (t.resolve)(db, &candidate_ids)
            .await?
            .into_iter()
            .map(|p| p.id)
            .collect(),
        None => Vec::new(),
    };
    let txn = crate::core::txn::begin_write(db).await?;
    let mut written = 0;
    for variant in 0..5usize {
        for (t, theme) in THEMES.iter().enumerate() {
            let n = variant * THEMES.len() + t;
            let author = people[n % people.len()];
            let co_author = (n % 7 == 3).then(|| people[(n + 1) % people.len()]);
            let published_at = now - Duration::days(i64::try_from(n).unwrap_or(0) * 9 + 1);
            let public = n.is_multiple_of(3);
            let title = if variant == 0 {
                theme.title.to_owned()
            } else {
                format!("{} ({})", theme.title, ["vår", "sommer", "høst", "vinter"][variant - 1])
            };
            let made = post::ActiveModel {
                title: Set(title),
                summary: Set(theme.summary.split_whitespace().collect::<Vec<_>>().join(" ")),
                body_html: Set(markdown::render(theme.body)),
                body: Set(theme.body.to_owned()),
                status: Set(Status::Published.as_str().into()),
                visibility: Set(if public {
                    Visibility::Public
                } else {
                    Visibility::Internal
                }
                .as_str()
                .into()),
                featured: Set(n == 0 || n == 4),
                sector_id: Set((!sectors.is_empty()).then(|| sectors[n % sectors.len()])),
                created_by: Set(author),
                public_approved_by: Set(public.then_some(editor)),
                created_at: Set(published_at - Duration::days(2)),
                updated_at: Set(published_at),
                published_at: Set(Some(published_at)),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            for (position, who) in std::iter::once(author).chain(co_author).enumerate() {
                post_author::ActiveModel {
                    post_id: Set(made.id),
                    user_id: Set(who),
                    position: Set(i32::try_from(position).unwrap_or(0)),
                }
                .insert(&txn)
                .await?;
            }
            for tag in theme.tags {
                post_tag::ActiveModel {
                    post_id: Set(made.id),
                    tag: Set((*tag).to_owned()),
                }
                .insert(&txn)
                .await?;
            }
            if !projects.is_empty() && n.is_multiple_of(2) {
                post_link::ActiveModel {
                    post_id: Set(made.id),
                    kind: Set(LinkKind::Project.as_str().into()),
                    target_id: Set(projects[(n / 2) % projects.len()]),
                }
                .insert(&txn)
                .await?;
            }
            post_revision::ActiveModel {
                post_id: Set(made.id),
                editor_id: Set(author),
                at: Set(published_at - Duration::days(2)),
                changes: Set("{}".into()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            for c in 0..(n % 4) {
                post_comment::ActiveModel {
                    post_id: Set(made.id),
                    author_id: Set(people[(n + c + 2) % people.len()]),
                    body: Set(COMMENTS[(n + c) % COMMENTS.len()].to_owned()),
                    created_at: Set(published_at + Duration::hours(i64::try_from(c).unwrap_or(0) + 3)),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
            }
            for r in 0..(n % 5) {
                post_reaction::ActiveModel {
                    post_id: Set(made.id),
                    user_id: Set(people[(n + r + 1) % people.len()]),
                    kind: Set(REACTIONS[(n + r) % REACTIONS.len()].to_owned()),
                    created_at: Set(published_at + Duration::hours(1)),
                }
                .insert(&txn)
                .await?;
            }
            if n == 2 {
                post_comment::ActiveModel {
                    post_id: Set(made.id),
                    author_id: Set(people[(n + 5) % people.len()]),
                    body: Set(HIDDEN_COMMENT.to_owned()),
                    created_at: Set(published_at + Duration::hours(8)),
                    hidden_at: Set(Some(published_at + Duration::hours(9))),
                    hidden_by: Set(Some(editor)),
                    hidden_reason: Set(Some(HIDDEN_REASON.to_owned())),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
            }
            written += 1;
        }
    }
    // Last year's prize announcement, published for everyone.
    let announcement: Option<i32> = post::Entity::find()
        .select_only()
        .column(post::Column::Id)
        .filter(post::Column::AnnouncementKey.like("prize_year:%"))
        .into_tuple()
        .one(&txn)
        .await?;
    if let Some(id) = announcement {
        let at = now - Duration::days(200);
        post::Entity::update_many()
            .col_expr(post::Column::Status, Expr::value(Status::Published.as_str()))
            .col_expr(post::Column::Visibility, Expr::value(Visibility::Public.as_str()))
            .col_expr(post::Column::PublicApprovedBy, Expr::value(Some(editor)))
            .col_expr(post::Column::PublishedAt, Expr::value(Some(at)))
            .col_expr(post::Column::UpdatedAt, Expr::value(at))
            .filter(post::Column::Id.eq(id))
            .exec(&txn)
            .await?;
    }
    audit(
        &txn,
        actor,
        "posts.demo_loaded",
        ("post", 0),
        json!({ "posts": written }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(written)
}
