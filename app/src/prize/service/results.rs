//! The tally's results (issue 14): sealed until the committee publishes them; the committee
//! previews them once the jury's deadline has passed; then they are public (DESIGN §2:
//! anonymous visitors see prize winners once announced), with scores per criterion, never
//! per juror.

use crate::prize::domain::permission::PrizeAction;
use std::collections::BTreeMap;

use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::{Actor, authorize};
use crate::core::error::{AppError, FieldError};
use crate::prize::entities::{prize_ballot, prize_chair_choice, prize_people_vote, prize_score};
use crate::prize::domain::tally::{CastBallot, TallyInput, WeightedCriterion, tally};
use crate::prize::domain::view::{CategoryResult, FinalistResult, Named, YearResults};
use crate::prize::domain::year::Phase;

use super::ballots::finalists_of;
use super::gallery::recused_pairs;
use super::years::categories_of;
use super::{Places, audit, find_year, phase, year_row};

pub async fn results(
    db: &DatabaseConnection,
    actor: &Actor,
    year_id: i32,
    now: OffsetDateTime,
) -> Result<YearResults, AppError> {
    let year = find_year(db, year_id).await?;
    let published = year.published_at.is_some();
    let jury_closed = matches!(phase(&year, now), Phase::Sealed | Phase::Published);
    authorize(
        actor,
        PrizeAction::ViewResults {
            published,
            jury_closed,
        },
    )?;
    let places = Places::load(db).await?;
    let mut categories = Vec::new();
    for category in categories_of(db, year_id).await? {
        let finalists = finalists_of(db, category.id).await?;
        let ids: Vec<i32> = finalists.iter().map(|n| n.id).collect();
        let jurors: Vec<i32> = category.jury.iter().map(|j| j.id).collect();
        let recused = recused_pairs(db, &jurors, &finalists).await?;
        let ballots = prize_ballot::Entity::find()
            .filter(prize_ballot::Column::NominationId.is_in(ids.clone()))
            .all(db)
            .await?;
        let mut scores: BTreeMap<i32, BTreeMap<i32, u8>> = BTreeMap::new();
        for s in prize_score::Entity::find()
            .filter(prize_score::Column::BallotId.is_in(ballots.iter().map(|b| b.id)))
            .all(db)
            .await?
        {
            scores
                .entry(s.ballot_id)
                .or_default()
                .insert(s.criterion_id, u8::try_from(s.score).unwrap_or(0));
        }
        let chair_choice = prize_chair_choice::Entity::find_by_id(category.id)
            .one(db)
            .await?
            .map(|c| c.nomination_id);
        let input = TallyInput {
            criteria: category
                .criteria
                .iter()
                .map(|c| WeightedCriterion {
                    id: c.id,
                    weight: u32::from(c.weight),
                })
                .collect(),
            finalists: ids.clone(),
            jurors,
            recused,
            ballots: ballots
                .iter()
                .map(|b| CastBallot {
                    juror_id: b.juror_id,
                    nomination_id: b.nomination_id,
                    scores: scores.remove(&b.id).unwrap_or_default(),
                })
                .collect(),
            chair_choice,
        };
        let people: Option<BTreeMap<i32, u32>> = if year.peoples_choice {
            let mut counts = BTreeMap::new();
            for v in prize_people_vote::Entity::find()
                .filter(prize_people_vote::Column::CategoryId.eq(category.id))
                .all(db)
                .await?
            {
                *counts.entry(v.nomination_id).or_insert(0) += 1;
            }
            Some(counts)
        } else {
            None
        };
        let lines = tally(&input)
            .into_iter()
            .filter_map(|r| {
                let n = finalists.iter().find(|n| n.id == r.nomination_id)?;
                Some(FinalistResult {
                    nomination_id: n.id,
                    title: n.title.clone(),
                    nominee: n.nominee.clone(),
                    site: places.site(n.site_id),
                    statement: n.statement.clone(),
                    place: r.place,
                    score: r.score.map(|s| s.hundredths()),
                    criterion_means: r
                        .criterion_means
                        .iter()
                        .map(|(_, m)| m.map(|m| m.hundredths()))
                        .collect(),
                    jurors_counted: r.jurors_counted,
                    first_places: r.first_places,
                    tie_break: r.tie_break,
                    people_votes: people.as_ref().map(|p| p.get(&n.id).copied().unwrap_or(0)),
                })
            })
            .collect();
        categories.push(CategoryResult {
            category: Named {
                id: category.id,
                name: category.name,
            },
            criteria: category.criteria,
            finalists: lines,
        });
    }
    Ok(YearResults {
        year: year_row(&year, now),
        categories,
        preview: !published,
    })
}

/// Publishes a year's results (the ceremony): after the jury's deadline, once.
pub async fn publish(
    db: &DatabaseConnection,
    actor: &Actor,
    year_id: i32,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    authorize(actor, PrizeAction::Manage)?;
    let txn = crate::core::txn::begin_write(db).await?;
    let year = find_year(&txn, year_id).await?;
    match phase(&year, now) {
        Phase::Published => {
            return Err(AppError::conflict("year", FieldError::AlreadyPublished));
        }
        Phase::Sealed => {}
        _ => return Err(AppError::conflict("year", FieldError::JuryOpen)),
    }
    let mut active: prize_year::ActiveModel = year.into();
    active.published_at = Set(Some(now));
    active.update(&txn).await?;
    audit(
        &txn,
        actor,
        "prize.published",
        ("prize_year", year_id),
        json!({}),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

use crate::prize::entities::prize_year;
