//! The committee's shortlist (issue 14): the finalists of a category, after the window.

use crate::prize::domain::permission::PrizeAction;
use std::collections::HashSet;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::{Actor, authorize};
use crate::core::error::{AppError, FieldError};
use crate::core::parse::Input;
use crate::prize::entities::{prize_ballot, prize_nomination};
use crate::prize::domain::nomination::{NominationStatus, Shortlist};
use crate::prize::domain::year::Phase;

use super::gallery::record_recusals;
use super::{audit, find_year, jurors_of, phase};

/// The committee picks the finalists of a category, after the window has closed and before
/// the jury's deadline; once a juror has voted, the finalists stay.
pub async fn shortlist(
    db: &DatabaseConnection,
    actor: &Actor,
    category_id: i32,
    input: impl Input<Parsed = Shortlist>,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    authorize(actor, PrizeAction::Manage)?;
    let txn = crate::core::txn::begin_write(db).await?;
    // Takes turns with the ballots on the category (see `cast_ballot`).
    let category =
        crate::core::txn::find_locked::<crate::prize::entities::prize_category::Entity>(&txn, category_id)
            .await?
            .ok_or(AppError::NotFound)?;
    // The caller and the category first, then the body (issue 26: 404 before 422).
    let chosen = input.parse().map_err(AppError::Invalid)?;
    let year = find_year(&txn, category.year_id).await?;
    match phase(&year, now) {
        Phase::Upcoming | Phase::Nominating => {
            return Err(AppError::conflict(
                "nomination_ids",
                FieldError::NominationsOpen,
            ));
        }
        Phase::Sealed | Phase::Published => {
            return Err(AppError::conflict("nomination_ids", FieldError::JuryClosed));
        }
        Phase::Judging => {}
    }
    let nominations = prize_nomination::Entity::find()
        .filter(prize_nomination::Column::CategoryId.eq(category_id))
        .filter(prize_nomination::Column::Status.eq(NominationStatus::Submitted.as_str()))
        .all(&txn)
        .await?;
    let ids: HashSet<i32> = nominations.iter().map(|n| n.id).collect();
    if chosen.finalists.iter().any(|(id, _)| !ids.contains(id)) {
        return Err(AppError::invalid(
            "nomination_ids",
            FieldError::UnknownReference,
        ));
    }
    let chosen_ids: HashSet<i32> = chosen.finalists.iter().map(|(id, _)| *id).collect();
    let was: HashSet<i32> = nominations
        .iter()
        .filter(|n| n.finalist)
        .map(|n| n.id)
        .collect();
    let voted = prize_ballot::Entity::find()
        .filter(prize_ballot::Column::NominationId.is_in(ids.iter().copied()))
        .count(&txn)
        .await?
        > 0;
    if voted && was != chosen_ids {
        return Err(AppError::conflict(
            "nomination_ids",
            FieldError::BallotsCast,
        ));
    }
    let mut finalists = Vec::new();
    for n in nominations {
        let statement = chosen
            .finalists
            .iter()
            .find(|(id, _)| *id == n.id)
            .map(|(_, s)| s.clone());
        let finalist = statement.is_some();
        let mut active: prize_nomination::ActiveModel = n.into();
        active.finalist = Set(finalist);
        active.statement = Set(statement.flatten());
        let updated = active.update(&txn).await?;
        if finalist {
            finalists.push(updated);
        }
    }
    // The recusal facts are fixed now, for the rest of the year (issue 23).
    let jurors = jurors_of(&txn, category_id).await?;
    record_recusals(&txn, &jurors, &finalists, now).await?;
    let details =
        json!({ "finalists": chosen.finalists.iter().map(|(id, _)| id).collect::<Vec<_>>() });
    audit(
        &txn,
        actor,
        "prize.shortlisted",
        ("prize_category", category_id),
        details,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
