//! The jury's ballots (DESIGN §7, issue 14): a juror scores each finalist of their category
//! on every criterion until the deadline, never one they are recused from; ballots are secret
//! (the committee sees who has voted, not what); every save is in the audit log. Also the
//! jurors' declared conflicts, the chair's tie-break choice and the people's choice.

use crate::core::parse::Input;
use crate::prize::domain::permission::PrizeAction;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, SqlErr,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::{Actor, authorize};
use crate::core::error::{AppError, FieldError};
use crate::core::parse::parse_text;
use crate::prize::entities::{prize_ballot, prize_category, prize_chair_choice, prize_conflict, prize_nomination, prize_people_vote, prize_score};
use crate::prize::domain::ballot::{BallotForm, MAX_REASON_CHARS, recusal};
use crate::prize::domain::nomination::NominationStatus;
use crate::prize::domain::view::{BallotView, JurorProgress, Named};
use crate::prize::domain::year::Phase;

use super::gallery::{facts, record_recusals, recused_pairs};
use super::{audit, criteria_of, find_category, find_nomination, jurors_of, phase, user_names};

/// Saves the acting juror's ballot for a finalist (a second save replaces the first). One
/// ballot per juror and nomination is a unique index: of two concurrent first saves, one
/// wins and the other is refused with 409, never two ballots.
pub async fn cast_ballot(
    db: &DatabaseConnection,
    actor: &Actor,
    nomination_id: i32,
    form: impl Input<Parsed = BallotForm>,
    now: OffsetDateTime,
) -> Result<BallotView, AppError> {
    authorize(actor, PrizeAction::View)?;
    let (nomination, category, year) = find_nomination(db, nomination_id).await?;
    let on_jury = match actor.user_id() {
        Some(id) => jurors_of(db, category.id).await?.contains(&id),
        None => false,
    };
    let recused = match actor.user() {
        Some(user) if on_jury => {
            recusal(user.id, user.home_site_id, &facts(db, &nomination).await?).is_some()
        }
        _ => false,
    };
    authorize(actor, PrizeAction::Score { on_jury, recused })?;
    let juror_id = actor.user_id().ok_or(AppError::Forbidden)?;
    // The caller and the nomination first, then the body (issue 26: 404 before 422).
    let form = form.parse().map_err(AppError::Invalid)?;
    if !nomination.finalist
        || NominationStatus::parse(&nomination.status) != NominationStatus::Submitted
    {
        return Err(AppError::conflict("scores", FieldError::NotFinalist));
    }
    if phase(&year, now) != Phase::Judging {
        return Err(AppError::conflict("scores", FieldError::JuryClosed));
    }
    let criteria: Vec<i32> = criteria_of(db, &[category.id])
        .await?
        .remove(&category.id)
        .unwrap_or_default()
        .iter()
        .map(|c| c.id)
        .collect();
    let ballot = form.parse_for(&criteria).map_err(AppError::Invalid)?;
    let txn = crate::core::txn::begin_write(db).await?;
    still_a_finalist(&txn, category.id, nomination_id, "scores").await?;
    let existing = prize_ballot::Entity::find()
        .filter(prize_ballot::Column::NominationId.eq(nomination_id))
        .filter(prize_ballot::Column::JurorId.eq(juror_id))
        .one(&txn)
        .await?;
    let saved = match existing {
        Some(found) => {
            let mut active: prize_ballot::ActiveModel = found.into();
            active.comment = Set(ballot.comment.clone());
            active.updated_at = Set(now);
            active.update(&txn).await?
        }
        None => {
            let inserted = prize_ballot::ActiveModel {
                nomination_id: Set(nomination_id),
                juror_id: Set(juror_id),
                comment: Set(ballot.comment.clone()),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await;
            match inserted {
                Ok(row) => row,
                Err(err) if matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                    return Err(AppError::conflict("scores", FieldError::Taken));
                }
                Err(err) => return Err(err.into()),
            }
        }
    };
    prize_score::Entity::delete_many()
        .filter(prize_score::Column::BallotId.eq(saved.id))
        .exec(&txn)
        .await?;
    prize_score::Entity::insert_many(ballot.scores.iter().map(|(&criterion_id, &score)| {
        prize_score::ActiveModel {
            ballot_id: Set(saved.id),
            criterion_id: Set(criterion_id),
            score: Set(i16::from(score)),
        }
    }))
    .exec(&txn)
    .await?;
    // DESIGN §7: every change before the deadline is in the audit log (which only admins
    // read; other jurors never see it).
    let details = json!({ "scores": ballot.scores, "comment": ballot.comment });
    audit(
        &txn,
        actor,
        "prize.ballot_saved",
        ("prize_nomination", nomination_id),
        details,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(BallotView {
        scores: ballot.scores,
        comment: ballot.comment,
        updated_at: now,
    })
}

/// Takes the category's turn, then checks the nomination is still a submitted finalist.
/// Ballots, people's votes and the shortlist take turns on the category: a finalist the
/// committee removed meanwhile takes no ballot or vote, and the shortlist sees every ballot
/// cast (issue 23). `field` names the refusal.
async fn still_a_finalist(
    txn: &impl ConnectionTrait,
    category_id: i32,
    nomination_id: i32,
    field: &str,
) -> Result<(), AppError> {
    crate::core::txn::find_locked::<prize_category::Entity>(txn, category_id).await?;
    let finalist = prize_nomination::Entity::find_by_id(nomination_id)
        .one(txn)
        .await?
        .is_some_and(|n| {
            n.finalist && NominationStatus::parse(&n.status) == NominationStatus::Submitted
        });
    if finalist {
        Ok(())
    } else {
        Err(AppError::conflict(field, FieldError::NotFinalist))
    }
}

/// A juror declares a conflict with a finalist (DESIGN §7: the juror confirms or explains);
/// from then on they are recused, and a ballot they cast for it is removed.
pub async fn declare_conflict(
    db: &DatabaseConnection,
    actor: &Actor,
    nomination_id: i32,
    reason: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    authorize(actor, PrizeAction::View)?;
    let (nomination, category, year) = find_nomination(db, nomination_id).await?;
    let juror_id = actor.user_id().ok_or(AppError::Forbidden)?;
    if !jurors_of(db, category.id).await?.contains(&juror_id) {
        return Err(AppError::Forbidden);
    }
    if phase(&year, now) != Phase::Judging {
        return Err(AppError::conflict("reason", FieldError::JuryClosed));
    }
    let reason =
        parse_text(reason, MAX_REASON_CHARS).map_err(|e| AppError::invalid("reason", e))?;
    let txn = crate::core::txn::begin_write(db).await?;
    prize_conflict::Entity::delete_many()
        .filter(prize_conflict::Column::NominationId.eq(nomination_id))
        .filter(prize_conflict::Column::JurorId.eq(juror_id))
        .exec(&txn)
        .await?;
    prize_conflict::ActiveModel {
        nomination_id: Set(nomination_id),
        juror_id: Set(juror_id),
        reason: Set(reason.clone()),
        declared_at: Set(now),
    }
    .insert(&txn)
    .await?;
    // A declared conflict holds for the year, like the recusals of the shortlist (issue 23).
    record_recusals(&txn, &[juror_id], std::slice::from_ref(&nomination), now).await?;
    let ballots: Vec<i32> = prize_ballot::Entity::find()
        .filter(prize_ballot::Column::NominationId.eq(nomination_id))
        .filter(prize_ballot::Column::JurorId.eq(juror_id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|b| b.id)
        .collect();
    if !ballots.is_empty() {
        prize_ballot::Entity::delete_many()
            .filter(prize_ballot::Column::Id.is_in(ballots))
            .exec(&txn)
            .await?;
    }
    audit(
        &txn,
        actor,
        "prize.conflict_declared",
        ("prize_nomination", nomination_id),
        json!({ "reason": reason }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Who of a category's jury has voted for how many finalists (never what): the committee's
/// view while the jury works.
pub async fn ballot_progress(
    db: &DatabaseConnection,
    actor: &Actor,
    category_id: i32,
) -> Result<Vec<JurorProgress>, AppError> {
    authorize(actor, PrizeAction::Manage)?;
    let (category, _) = find_category(db, category_id).await?;
    let jurors = jurors_of(db, category_id).await?;
    let finalists = finalists_of(db, category_id).await?;
    let ids: Vec<i32> = finalists.iter().map(|n| n.id).collect();
    let ballots = prize_ballot::Entity::find()
        .filter(prize_ballot::Column::NominationId.is_in(ids))
        .all(db)
        .await?;
    let recused = recused_pairs(db, &jurors, &finalists).await?;
    let names = user_names(db, jurors.iter().copied()).await?;
    Ok(jurors
        .iter()
        .map(|&juror| {
            let recused = recused.iter().filter(|(j, _)| *j == juror).count();
            JurorProgress {
                juror: Named::looked_up(&names, juror),
                chair: juror == category.chair_id,
                scored: u32::try_from(ballots.iter().filter(|b| b.juror_id == juror).count())
                    .unwrap_or(0),
                recused: u32::try_from(recused).unwrap_or(0),
                finalists: u32::try_from(finalists.len()).unwrap_or(0),
            }
        })
        .collect())
}

pub(super) async fn finalists_of(
    db: &impl ConnectionTrait,
    category_id: i32,
) -> Result<Vec<prize_nomination::Model>, AppError> {
    finalists_in(db, &[category_id]).await
}

/// The finalists of each of the categories `category_ids`, in one statement.
pub(super) async fn finalists_in(
    db: &impl ConnectionTrait,
    category_ids: &[i32],
) -> Result<Vec<prize_nomination::Model>, AppError> {
    Ok(prize_nomination::Entity::find()
        .filter(prize_nomination::Column::CategoryId.is_in(category_ids.iter().copied()))
        .filter(prize_nomination::Column::Finalist.eq(true))
        .filter(prize_nomination::Column::Status.eq(NominationStatus::Submitted.as_str()))
        .all(db)
        .await?)
}

/// The chair records which finalist wins a tie that first places do not break (issue 14).
pub async fn record_chair_choice(
    db: &DatabaseConnection,
    actor: &Actor,
    category_id: i32,
    nomination_id: i32,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    authorize(actor, PrizeAction::View)?;
    let (category, year) = find_category(db, category_id).await?;
    let chair = actor.user_id() == Some(category.chair_id);
    authorize(actor, PrizeAction::RecordChairChoice { chair })?;
    if year.published_at.is_some() {
        return Err(AppError::conflict(
            "nomination_id",
            FieldError::AlreadyPublished,
        ));
    }
    let Some(chosen) = finalists_of(db, category_id)
        .await?
        .into_iter()
        .find(|n| n.id == nomination_id)
    else {
        return Err(AppError::conflict("nomination_id", FieldError::NotFinalist));
    };
    // A chair recused from a finalist cannot make it the winner through the tie-break.
    if let Some(user) = actor.user()
        && recusal(user.id, user.home_site_id, &facts(db, &chosen).await?).is_some()
    {
        return Err(AppError::Forbidden);
    }
    let txn = crate::core::txn::begin_write(db).await?;
    prize_chair_choice::Entity::delete_by_id(category_id)
        .exec(&txn)
        .await?;
    prize_chair_choice::ActiveModel {
        category_id: Set(category_id),
        nomination_id: Set(nomination_id),
        recorded_at: Set(now),
    }
    .insert(&txn)
    .await?;
    // Not about the nominee: their own-data export would show the tie-break before the
    // results are published (the row stays the chair's own, under the category).
    audit(
        &txn,
        actor,
        "prize.chair_choice",
        ("prize_category", category_id),
        json!({ "nomination_id": nomination_id }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// An employee's people's-choice vote in a finalist's category (one per category, changeable
/// until the jury's deadline).
pub async fn cast_people_vote(
    db: &DatabaseConnection,
    actor: &Actor,
    nomination_id: i32,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    authorize(actor, PrizeAction::Nominate)?;
    let user_id = actor.user_id().ok_or(AppError::Forbidden)?;
    let (nomination, category, year) = find_nomination(db, nomination_id).await?;
    if !year.peoples_choice {
        return Err(AppError::conflict(
            "nomination_id",
            FieldError::PeoplesChoiceOff,
        ));
    }
    if !nomination.finalist
        || NominationStatus::parse(&nomination.status) != NominationStatus::Submitted
    {
        return Err(AppError::conflict("nomination_id", FieldError::NotFinalist));
    }
    if phase(&year, now) != Phase::Judging {
        return Err(AppError::conflict("nomination_id", FieldError::JuryClosed));
    }
    let txn = crate::core::txn::begin_write(db).await?;
    still_a_finalist(&txn, category.id, nomination_id, "nomination_id").await?;
    // One statement that inserts or changes the vote: concurrent votes of one employee
    // cannot both insert (they once answered 500 on PostgreSQL, issue 23); the last counts.
    prize_people_vote::Entity::insert(prize_people_vote::ActiveModel {
        category_id: Set(category.id),
        user_id: Set(user_id),
        nomination_id: Set(nomination_id),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([
            prize_people_vote::Column::CategoryId,
            prize_people_vote::Column::UserId,
        ])
        .update_columns([
            prize_people_vote::Column::NominationId,
            prize_people_vote::Column::UpdatedAt,
        ])
        .to_owned(),
    )
    .exec(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}
