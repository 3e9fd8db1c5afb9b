//! Ideas as their pages and the API show them (DESIGN §4): the list with support counts, and
//! one idea with its tags, goals, comments and the reason of its last decision. A fixed number
//! of queries, whatever the number of ideas.

use crate::portfolio::domain::permission::PortfolioAction;
use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::auth::{Actor, authorize};
use crate::core::error::AppError;
use crate::core::paging::{PageRequest, Paged};
use crate::core::parse::Input;
use crate::portfolio::entities::{idea, idea_comment, idea_sdg, idea_support, idea_tag, project};
use crate::entities::{service_site, user};
use crate::portfolio::domain::idea::IdeaStatus;
use crate::portfolio::domain::view::{CommentView, IdeaRow, IdeaView, Named};

#[derive(FromQueryResult)]
struct SupportCount {
    idea_id: i32,
    supporters: i64,
}

/// The rows of `ideas`: site and submitter names and support counts (three queries).
async fn rows(db: &impl ConnectionTrait, ideas: &[idea::Model]) -> Result<Vec<IdeaRow>, AppError> {
    let ids: Vec<i32> = ideas.iter().map(|i| i.id).collect();
    let counts: HashMap<i32, u64> = idea_support::Entity::find()
        .select_only()
        .column(idea_support::Column::IdeaId)
        .column_as(idea_support::Column::UserId.count(), "supporters")
        .filter(idea_support::Column::IdeaId.is_in(ids))
        .group_by(idea_support::Column::IdeaId)
        .into_model::<SupportCount>()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.idea_id, u64::try_from(c.supporters).unwrap_or(0)))
        .collect();
    let site_ids: Vec<i32> = ideas.iter().filter_map(|i| i.site_id).collect();
    let sites: HashMap<i32, String> = service_site::Entity::find()
        .filter(service_site::Column::Id.is_in(site_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let people: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(ideas.iter().map(|i| i.submitted_by)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let named = |id: i32, names: &HashMap<i32, String>| Named::looked_up(names, id);
    Ok(ideas
        .iter()
        .map(|i| IdeaRow {
            id: i.id,
            title: i.title.clone(),
            status: IdeaStatus::parse(&i.status).unwrap_or(IdeaStatus::Submitted),
            site: i.site_id.map(|id| named(id, &sites)),
            submitted_by: named(i.submitted_by, &people),
            supporters: counts.get(&i.id).copied().unwrap_or(0),
            created_at: i.created_at,
        })
        .collect())
}

/// Ideas, newest first, optionally of one status.
pub async fn list_ideas(
    db: &impl ConnectionTrait,
    actor: &Actor,
    status: Option<&str>,
    page: impl Input<Parsed = PageRequest>,
) -> Result<Paged<IdeaRow>, AppError> {
    authorize(actor, PortfolioAction::View)?;
    let page = page.parse().map_err(AppError::Invalid)?;
    let mut select = idea::Entity::find()
        .order_by_desc(idea::Column::CreatedAt)
        .order_by_desc(idea::Column::Id);
    match status.map(str::trim).filter(|s| !s.is_empty()) {
        None => {}
        Some(raw) => {
            let status = IdeaStatus::parse(raw).ok_or_else(|| {
                AppError::invalid("status", crate::core::error::FieldError::InvalidChoice)
            })?;
            select = select.filter(idea::Column::Status.eq(status.as_str()));
        }
    }
    let total = select.clone().count(db).await?;
    let ideas = select.offset(page.offset).limit(page.limit).all(db).await?;
    Ok(Paged {
        items: rows(db, &ideas).await?,
        total,
        limit: page.limit,
        offset: page.offset,
    })
}

/// One idea, whole, with what the acting user may do with it.
pub async fn get_idea(
    db: &impl ConnectionTrait,
    actor: &Actor,
    idea_id: i32,
) -> Result<IdeaView, AppError> {
    authorize(actor, PortfolioAction::View)?;
    let found = idea::Entity::find_by_id(idea_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let row = rows(db, std::slice::from_ref(&found))
        .await?
        .pop()
        .ok_or(AppError::Internal)?;
    let sector_id = match found.site_id {
        Some(id) => service_site::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|s| s.sector_id),
        None => None,
    };
    let tag_ids: Vec<i32> = idea_tag::Entity::find()
        .filter(idea_tag::Column::IdeaId.eq(idea_id))
        .all(db)
        .await?
        .into_iter()
        .map(|t| t.tag_id)
        .collect();
    let tags = super::tag_names(db, tag_ids).await?;
    let sdgs = super::goals(
        idea_sdg::Entity::find()
            .filter(idea_sdg::Column::IdeaId.eq(idea_id))
            .all(db)
            .await?
            .into_iter()
            .map(|g| g.goal),
    );
    let comments = idea_comment::Entity::find()
        .filter(idea_comment::Column::IdeaId.eq(idea_id))
        .order_by_asc(idea_comment::Column::CreatedAt)
        .order_by_asc(idea_comment::Column::Id)
        .all(db)
        .await?;
    let authors: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(comments.iter().map(|c| c.author_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let project_id = project::Entity::find()
        .filter(project::Column::IdeaId.eq(idea_id))
        .one(db)
        .await?
        .map(|p| p.id);
    let supported_by_me = match actor.user_id() {
        Some(me) => idea_support::Entity::find_by_id((idea_id, me))
            .one(db)
            .await?
            .is_some(),
        None => false,
    };
    let may_support = authorize(actor, PortfolioAction::Contribute).is_ok()
        && actor.user_id().is_some_and(|me| me != found.submitted_by);
    let may_assess = authorize(
        actor,
        PortfolioAction::AssessIdea {
            sector_id,
            site_id: found.site_id,
        },
    )
    .is_ok()
        && row.status != IdeaStatus::Accepted;
    Ok(IdeaView {
        row,
        problem: found.problem,
        proposal: found.proposal,
        expected_gain: found.expected_gain,
        tags,
        sdgs,
        decision_reason: found.decision_reason,
        decided_at: found.decided_at,
        project_id,
        comments: comments
            .into_iter()
            .map(|c| CommentView {
                author: Named {
                    id: c.author_id,
                    name: authors.get(&c.author_id).cloned().unwrap_or_default(),
                },
                body: c.body,
                at: c.created_at,
            })
            .collect(),
        supported_by_me,
        may_support,
        may_assess,
    })
}

/// The form for a new idea (issue 25: a page asks once): the submitter's home site, chosen
/// first, and the sites to choose from.
pub async fn new_idea_page(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<crate::portfolio::domain::view::NewIdeaPage, AppError> {
    authorize(actor, PortfolioAction::Contribute)?;
    Ok(crate::portfolio::domain::view::NewIdeaPage {
        home_site_id: actor.user().and_then(|u| u.home_site_id),
        organisation: crate::org::directory::Directory::load(db)
            .await?
            .sectors_with_sites(),
    })
}
