//! Ideas: submit, support, assess (DESIGN §4). Accepting an idea creates its project in the
//! roadmap's first phase, with the submitter as a member, in the same transaction.

use crate::portfolio::domain::permission::PortfolioAction;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::{Actor, authorize};
use crate::core::error::{AppError, FieldError};
use crate::core::parse::Input;
use crate::portfolio::entities::{idea, idea_comment, idea_sdg, idea_support, idea_tag};
use crate::entities::service_site;
use crate::portfolio::domain::idea::{IdeaRecord, IdeaStatus, NewIdea, decide};

use super::audit;
use super::projects::{Start, start_project};

impl From<idea::Model> for IdeaRecord {
    fn from(m: idea::Model) -> Self {
        Self {
            id: m.id,
            title: m.title,
            status: IdeaStatus::parse(&m.status).unwrap_or(IdeaStatus::Submitted),
            site_id: m.site_id,
            submitted_by: m.submitted_by,
            decision_reason: m.decision_reason,
            project_id: None,
        }
    }
}

/// Submits an idea in the acting employee's name.
pub async fn submit_idea(
    db: &DatabaseConnection,
    actor: &Actor,
    input: impl Input<Parsed = NewIdea>,
    now: OffsetDateTime,
) -> Result<IdeaRecord, AppError> {
    authorize(actor, PortfolioAction::Contribute)?;
    // An idea is someone's: the server itself submits none.
    let submitter = actor.user_id().ok_or(AppError::Forbidden)?;
    let new = input.parse().map_err(AppError::Invalid)?;
    let txn = crate::core::txn::begin_write(db).await?;
    if let Some(site_id) = new.site_id
        && service_site::Entity::find_by_id(site_id)
            .one(&txn)
            .await?
            .is_none()
    {
        return Err(AppError::invalid("site_id", FieldError::UnknownReference));
    }
    let created = idea::ActiveModel {
        title: Set(new.title),
        problem: Set(new.problem),
        proposal: Set(new.proposal),
        expected_gain: Set(new.expected_gain),
        site_id: Set(new.site_id),
        submitted_by: Set(submitter),
        status: Set(IdeaStatus::Submitted.as_str().to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for tag_id in super::tag_ids(&txn, &new.tags).await? {
        idea_tag::ActiveModel {
            idea_id: Set(created.id),
            tag_id: Set(tag_id),
        }
        .insert(&txn)
        .await?;
    }
    for goal in &new.sdgs {
        idea_sdg::ActiveModel {
            idea_id: Set(created.id),
            goal: Set(i16::from(*goal)),
        }
        .insert(&txn)
        .await?;
    }
    let details = json!({ "site_id": created.site_id });
    audit(
        &txn,
        actor,
        "idea.submitted",
        ("idea", created.id),
        details,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(created.into())
}

async fn find_idea(db: &impl ConnectionTrait, idea_id: i32) -> Result<idea::Model, AppError> {
    idea::Entity::find_by_id(idea_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Supports someone else's idea (one support per user), or withdraws the support.
pub async fn set_support(
    db: &DatabaseConnection,
    actor: &Actor,
    idea_id: i32,
    support: bool,
    now: OffsetDateTime,
) -> Result<u64, AppError> {
    authorize(actor, PortfolioAction::Contribute)?;
    let user_id = actor.user_id().ok_or(AppError::Forbidden)?;
    let txn = crate::core::txn::begin_write(db).await?;
    let found = find_idea(&txn, idea_id).await?;
    let existing = idea_support::Entity::find_by_id((idea_id, user_id))
        .one(&txn)
        .await?;
    match (support, existing) {
        (true, _) if found.submitted_by == user_id => {
            return Err(AppError::invalid("idea", FieldError::OwnIdea));
        }
        (true, Some(_)) => return Err(AppError::conflict("idea", FieldError::Taken)),
        (true, None) => {
            idea_support::ActiveModel {
                idea_id: Set(idea_id),
                user_id: Set(user_id),
                created_at: Set(now),
            }
            .insert(&txn)
            .await?;
        }
        (false, Some(row)) => {
            idea_support::Entity::delete_by_id((row.idea_id, row.user_id))
                .exec(&txn)
                .await?;
        }
        // Withdrawing a support that is not there leaves nothing to do.
        (false, None) => {}
    }
    let action = if support {
        "idea.supported"
    } else {
        "idea.support_withdrawn"
    };
    audit(&txn, actor, action, ("idea", idea_id), json!({}), now).await?;
    let supporters = idea_support::Entity::find()
        .filter(idea_support::Column::IdeaId.eq(idea_id))
        .count(&txn)
        .await?;
    txn.commit().await?;
    Ok(supporters)
}

/// Decides on an idea (a manager of its sector or site, or the innovation council), always
/// with a reason the submitter sees. Accepting it creates its project.
pub async fn assess_idea(
    db: &DatabaseConnection,
    actor: &Actor,
    idea_id: i32,
    decision: &str,
    reason: &str,
    now: OffsetDateTime,
) -> Result<IdeaRecord, AppError> {
    let text = crate::portfolio::domain::idea::AssessmentText {
        decision: decision.to_owned(),
        reason: reason.to_owned(),
    };
    assess(db, actor, idea_id, text, now).await
}

/// [`assess_idea`] of an assessment read only once the caller may decide on the idea (the
/// REST body: issue 26, 404 and 403 before 422).
pub async fn assess(
    db: &DatabaseConnection,
    actor: &Actor,
    idea_id: i32,
    input: impl Input<Parsed = crate::portfolio::domain::idea::AssessmentText>,
    now: OffsetDateTime,
) -> Result<IdeaRecord, AppError> {
    // A visitor learns nothing, not even whether the idea exists.
    authorize(actor, PortfolioAction::View)?;
    let txn = crate::core::txn::begin_write(db).await?;
    // Decisions on one idea take turns: two acceptances never make two projects (issue 23).
    let found = crate::core::txn::find_locked::<idea::Entity>(&txn, idea_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let site = match found.site_id {
        Some(id) => service_site::Entity::find_by_id(id).one(&txn).await?,
        None => None,
    };
    authorize(
        actor,
        PortfolioAction::AssessIdea {
            sector_id: site.as_ref().map(|s| s.sector_id),
            site_id: found.site_id,
        },
    )?;
    // Assessing one's own idea is a conflict of interest, as supporting it is (issue 23).
    if actor.user_id() == Some(found.submitted_by) {
        return Err(AppError::conflict(
            "decision",
            FieldError::OwnIdeaAssessment,
        ));
    }
    let text = input.parse().map_err(AppError::Invalid)?;
    let current = IdeaStatus::parse(&found.status).unwrap_or(IdeaStatus::Submitted);
    let (next, reason) = decide(current, &text.decision, &text.reason).map_err(AppError::Invalid)?;
    let project_id = match (next, &site) {
        (IdeaStatus::Accepted, Some(site)) => {
            Some(create_project_from(&txn, actor, &found, site, &reason, now).await?)
        }
        // A project needs a lead site; the idea must name one first.
        (IdeaStatus::Accepted, None) => {
            return Err(AppError::invalid("site_id", FieldError::Required));
        }
        _ => None,
    };
    let mut row: idea::ActiveModel = found.into();
    row.status = Set(next.as_str().to_owned());
    row.decision_reason = Set(Some(reason));
    row.decided_by = Set(actor.user_id());
    row.decided_at = Set(Some(now));
    let updated = row.update(&txn).await?;
    // DESIGN §4: the submitter sees the reason, on the idea and in a notification.
    if actor.user_id() != Some(updated.submitted_by) {
        let new = crate::notifications::domain::NewNotification {
            user_id: updated.submitted_by,
            kind: crate::notifications::domain::NotificationKind::IdeaAssessed,
            subject: &updated.title,
            status: next.as_str(),
            detail: updated.decision_reason.as_deref().unwrap_or_default(),
            link: &format!("/ideer/{idea_id}"),
        };
        crate::notifications::service::notify(&txn, new, now).await?;
    }
    let details = json!({ "decision": next.as_str(), "project_id": project_id });
    super::audit_about(
        &txn,
        actor,
        "idea.assessed",
        ("idea", idea_id),
        &[updated.submitted_by],
        details,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(IdeaRecord {
        project_id,
        ..updated.into()
    })
}

/// The project an accepted idea becomes: named after it, led from its site, in the roadmap's
/// first phase, the submitter its owner and first member, the idea's tags and goals kept.
async fn create_project_from(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    idea: &idea::Model,
    site: &service_site::Model,
    reason: &str,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    let tag_ids = idea_tag::Entity::find()
        .filter(idea_tag::Column::IdeaId.eq(idea.id))
        .all(txn)
        .await?
        .into_iter()
        .map(|t| t.tag_id)
        .collect();
    let goals = idea_sdg::Entity::find()
        .filter(idea_sdg::Column::IdeaId.eq(idea.id))
        .all(txn)
        .await?
        .into_iter()
        .map(|g| g.goal)
        .collect();
    let start = Start {
        name: idea.title.clone(),
        description: idea.proposal.clone(),
        owner: idea.submitted_by,
        site,
        programme_id: None,
        budget_nok: None,
        started_on: None,
        idea_id: Some(idea.id),
        note: reason.to_owned(),
        tag_ids,
        goals,
    };
    start_project(txn, actor, start, now).await
}

/// Longest comment.
pub const MAX_COMMENT_CHARS: usize = 2_000;

/// Comments on an idea in the acting employee's name (DESIGN §4: others comment).
pub async fn comment_on_idea(
    db: &DatabaseConnection,
    actor: &Actor,
    idea_id: i32,
    body: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    authorize(actor, PortfolioAction::Contribute)?;
    let author = actor.user_id().ok_or(AppError::Forbidden)?;
    let body = crate::core::parse::parse_text(body, MAX_COMMENT_CHARS)
        .map_err(|e| AppError::invalid("body", e))?;
    let txn = crate::core::txn::begin_write(db).await?;
    let idea = find_idea(&txn, idea_id).await?;
    let created = idea_comment::ActiveModel {
        idea_id: Set(idea_id),
        author_id: Set(author),
        body: Set(body),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let details = json!({ "comment_id": created.id });
    super::audit_about(
        &txn,
        actor,
        "idea.commented",
        ("idea", idea_id),
        &[idea.submitted_by],
        details,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
