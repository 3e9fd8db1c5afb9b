//! Reviews (DESIGN §6): a reviewer of the call first sees the conflicts the app flags by
//! itself and confirms them or declares another (then steps aside); otherwise scores every
//! criterion 1–5 with a comment. A reviewer sees the others' scores only once they have
//! scored themselves; a conflicted reviewer never. Every save is in the audit log.

use std::collections::{BTreeMap, HashMap};

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set, SqlErr,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::{Actor, Role, authorize};
use crate::core::error::{AppError, FieldError};
use crate::core::named::Named;
use crate::core::parse::Input;
use crate::entities::{user, user_role};
use crate::fund::domain::permission::FundAction;
use crate::fund::domain::review::{
    ApplicationFacts, ConflictFlag, Review, ReviewForm, ReviewerFacts, conflict_flags,
};
use crate::fund::domain::view::{CriterionView, ReviewView, ReviewerDesk};
use crate::fund::entities::{fund_application, fund_review, fund_review_score};

use super::access::{find_application, sector_of, team_of};
use super::{audit, criteria_of, reviewers_of, user_names};

/// What the conflict rules read of the application.
pub(super) async fn application_facts(
    db: &impl ConnectionTrait,
    application: &fund_application::Model,
) -> Result<ApplicationFacts, AppError> {
    let project_people = match application.project_id {
        Some(project) => crate::portfolio::read::project_people(db, project).await?,
        None => Vec::new(),
    };
    let applicant_site = user::Entity::find_by_id(application.applicant_id)
        .one(db)
        .await?
        .and_then(|u| u.home_site_id);
    Ok(ApplicationFacts {
        applicant_id: application.applicant_id,
        site_id: application.site_id,
        sector_id: sector_of(db, application.site_id).await?,
        applicant_site_id: applicant_site,
        applicant_sector_id: sector_of(db, applicant_site).await?,
        team: team_of(db, application.id).await?,
        project_people,
    })
}

/// What the conflict rules read of each reviewer `ids` of the application `application_id`:
/// their home site, what they manage, and whether they declared a conflict.
pub(super) async fn reviewer_facts(
    db: &impl ConnectionTrait,
    ids: &[i32],
    application_id: i32,
) -> Result<HashMap<i32, ReviewerFacts>, AppError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut facts: HashMap<i32, ReviewerFacts> = user::Entity::find()
        .filter(user::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| {
            (
                u.id,
                ReviewerFacts {
                    id: u.id,
                    home_site_id: u.home_site_id,
                    ..Default::default()
                },
            )
        })
        .collect();
    for grant in user_role::Entity::find()
        .filter(user_role::Column::UserId.is_in(ids.iter().copied()))
        .filter(user_role::Column::Role.eq(Role::Manager.as_str()))
        .all(db)
        .await?
    {
        if let Some(reviewer) = facts.get_mut(&grant.user_id) {
            match (grant.sector_id, grant.site_id) {
                (Some(sector), _) => reviewer.managed_sectors.push(sector),
                (None, Some(site)) => reviewer.managed_sites.push(site),
                (None, None) => {}
            }
        }
    }
    for review in fund_review::Entity::find()
        .filter(fund_review::Column::ApplicationId.eq(application_id))
        .filter(fund_review::Column::Conflict.eq(true))
        .all(db)
        .await?
    {
        if let Some(reviewer) = facts.get_mut(&review.reviewer_id) {
            reviewer.declared = true;
        }
    }
    Ok(facts)
}

/// The conflicts of the reviewer `reviewer_id` with the application.
async fn conflicts_of(
    db: &impl ConnectionTrait,
    reviewer_id: i32,
    application: &fund_application::Model,
) -> Result<Vec<ConflictFlag>, AppError> {
    let facts = reviewer_facts(db, &[reviewer_id], application.id).await?;
    let reviewer = facts.get(&reviewer_id).cloned().unwrap_or(ReviewerFacts {
        id: reviewer_id,
        ..Default::default()
    });
    Ok(conflict_flags(
        &reviewer,
        &application_facts(db, application).await?,
    ))
}

/// Every review of the application `application_id`, as the council sees them.
pub(super) async fn all_reviews(
    db: &impl ConnectionTrait,
    application_id: i32,
) -> Result<Vec<ReviewView>, AppError> {
    let reviews = fund_review::Entity::find()
        .filter(fund_review::Column::ApplicationId.eq(application_id))
        .order_by_asc(fund_review::Column::Id)
        .all(db)
        .await?;
    review_views(db, &reviews).await
}

async fn review_views(
    db: &impl ConnectionTrait,
    reviews: &[fund_review::Model],
) -> Result<Vec<ReviewView>, AppError> {
    let names = user_names(db, reviews.iter().map(|r| r.reviewer_id)).await?;
    let mut scores = scores_of(db, reviews).await?;
    Ok(reviews
        .iter()
        .map(|r| ReviewView {
            reviewer: Named::looked_up(&names, r.reviewer_id),
            conflict: r.conflict,
            scores: scores.remove(&r.id).unwrap_or_default().into_iter().collect(),
            comment: r.comment.clone(),
            updated_at: r.updated_at,
        })
        .collect())
}

/// The scores of each of the reviews `reviews`, by review id, then criterion id (one
/// statement; a declared conflict has none).
pub(super) async fn scores_of(
    db: &impl ConnectionTrait,
    reviews: &[fund_review::Model],
) -> Result<HashMap<i32, BTreeMap<i32, u8>>, AppError> {
    let mut scores: HashMap<i32, BTreeMap<i32, u8>> = HashMap::new();
    if reviews.is_empty() {
        return Ok(scores);
    }
    for score in fund_review_score::Entity::find()
        .filter(fund_review_score::Column::ReviewId.is_in(reviews.iter().map(|r| r.id)))
        .all(db)
        .await?
    {
        scores
            .entry(score.review_id)
            .or_default()
            .insert(score.criterion_id, u8::try_from(score.score).unwrap_or(0));
    }
    Ok(scores)
}

/// The acting reviewer's desk for an application of a call they review.
pub(super) async fn desk(
    db: &impl ConnectionTrait,
    actor: &Actor,
    application: &fund_application::Model,
    _criteria: &[CriterionView],
) -> Result<ReviewerDesk, AppError> {
    let reviewer_id = actor.user_id().ok_or(AppError::Forbidden)?;
    let conflicts = conflicts_of(db, reviewer_id, application).await?;
    let reviews = all_reviews(db, application.id).await?;
    let (own, others): (Vec<ReviewView>, Vec<ReviewView>) = reviews
        .into_iter()
        .partition(|r| r.reviewer.id == reviewer_id);
    let own = own.into_iter().next();
    let scored = own.as_ref().is_some_and(|r| !r.conflict);
    Ok(ReviewerDesk {
        others: if scored && conflicts.is_empty() {
            others.into_iter().filter(|r| !r.conflict).collect()
        } else {
            Vec::new()
        },
        conflicts,
        own,
    })
}

/// Saves the acting reviewer's review of an application (a second save replaces the
/// first): a declared conflict, or scores, which a conflicted reviewer may not give. Until
/// the call is decided. One review per reviewer and application is a unique index: of two
/// concurrent first saves one wins and the other is refused with 409.
pub async fn save_review(
    db: &DatabaseConnection,
    actor: &Actor,
    application_id: i32,
    form: impl Input<Parsed = ReviewForm>,
    now: OffsetDateTime,
) -> Result<ReviewerDesk, AppError> {
    authorize(actor, FundAction::View)?;
    let (application, call) = find_application(db, application_id).await?;
    let reviewer_id = actor.user_id().ok_or(AppError::Forbidden)?;
    let assigned = application.submitted_at.is_some()
        && reviewers_of(db, call.id).await?.contains(&reviewer_id);
    if !assigned {
        return Err(AppError::Forbidden);
    }
    let conflicts = conflicts_of(db, reviewer_id, &application).await?;
    if call.decided_at.is_some() {
        return Err(AppError::conflict("scores", FieldError::AlreadyDecided));
    }
    let criteria = criteria_of(db, call.id).await?;
    let ids: Vec<i32> = criteria.iter().map(|c| c.id).collect();
    let review = form
        .parse()
        .and_then(|form| form.parse_for(&ids))
        .map_err(AppError::Invalid)?;
    let (conflict, scores, comment) = match review {
        Review::Conflict { reason } => (true, BTreeMap::new(), reason),
        Review::Scored { scores, comment } => {
            authorize(
                actor,
                FundAction::Review {
                    assigned,
                    conflicted: !conflicts.is_empty(),
                },
            )?;
            (false, scores, comment)
        }
    };
    let txn = crate::core::txn::begin_write(db).await?;
    let existing = fund_review::Entity::find()
        .filter(fund_review::Column::ApplicationId.eq(application_id))
        .filter(fund_review::Column::ReviewerId.eq(reviewer_id))
        .one(&txn)
        .await?;
    let saved = match existing {
        // A review is submitted once: its scores stay (the reviewer has seen the others'
        // since). A declared conflict stands: scores cannot replace it (refused above).
        Some(found) if !conflict && !found.conflict => {
            return Err(AppError::conflict("scores", FieldError::AlreadySubmitted));
        }
        Some(found) => {
            let mut active: fund_review::ActiveModel = found.into();
            active.conflict = Set(conflict);
            active.comment = Set(comment.clone());
            active.updated_at = Set(now);
            active.update(&txn).await?
        }
        None => {
            let inserted = fund_review::ActiveModel {
                application_id: Set(application_id),
                reviewer_id: Set(reviewer_id),
                conflict: Set(conflict),
                comment: Set(comment.clone()),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await;
            match inserted {
                Ok(row) => row,
                Err(err) if matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                    return Err(AppError::conflict("scores", FieldError::ChangedMeanwhile));
                }
                Err(err) => return Err(err.into()),
            }
        }
    };
    fund_review_score::Entity::delete_many()
        .filter(fund_review_score::Column::ReviewId.eq(saved.id))
        .exec(&txn)
        .await?;
    if !scores.is_empty() {
        fund_review_score::Entity::insert_many(scores.iter().map(|(&criterion_id, &score)| {
            fund_review_score::ActiveModel {
                review_id: Set(saved.id),
                criterion_id: Set(criterion_id),
                score: Set(i16::from(score)),
            }
        }))
        .exec(&txn)
        .await?;
    }
    let (action, details) = if conflict {
        (
            "fund.conflict_declared",
            json!({ "reason": comment, "flags": conflicts.iter().map(|f| f.as_str()).collect::<Vec<_>>() }),
        )
    } else {
        ("fund.review_saved", json!({ "scores": scores, "comment": comment }))
    };
    audit(
        &txn,
        actor,
        action,
        ("fund_application", application_id),
        details,
        now,
    )
    .await?;
    txn.commit().await?;
    desk(db, actor, &application, &criteria).await
}
