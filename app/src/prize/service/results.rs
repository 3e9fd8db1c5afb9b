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
use crate::prize::entities::{
    prize_ballot, prize_chair_choice, prize_nomination, prize_people_vote, prize_score,
};
use crate::prize::domain::tally::{CastBallot, TallyInput, WeightedCriterion, tally};
use crate::prize::domain::view::{CategoryResult, FinalistResult, Named, YearResults};
use crate::prize::domain::year::Phase;

use super::ballots::finalists_in;
use super::gallery::recused_pairs;
use super::years::categories_of;
use super::{Places, audit, find_year, phase, year_row};

/// The statements the results page takes, whatever the number of categories, finalists and
/// ballots (issue 27; a test holds the page to it on both backends).
pub const RESULTS_PAGE_QUERIES: u64 = 20;

/// A year's results: the committee's preview once the jury has closed, everyone's once
/// published.
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
    // A reader outside the municipality does not see the name of a colleague who declined to
    // be shown publicly (DESIGN §7).
    let public = authorize(actor, PrizeAction::View).is_err();
    let places = Places::load(db).await?;
    // Every category's parts in one statement each (issue 27): the page costs
    // RESULTS_PAGE_QUERIES statements, whatever the number of categories and finalists.
    let year_categories = categories_of(db, year_id).await?;
    let category_ids: Vec<i32> = year_categories.iter().map(|c| c.id).collect();
    let all_finalists = finalists_in(db, &category_ids).await?;
    let all_jurors: Vec<i32> = year_categories
        .iter()
        .flat_map(|c| c.jury.iter().map(|j| j.id))
        .collect::<std::collections::BTreeSet<i32>>()
        .into_iter()
        .collect();
    // A recusal is of a juror and a nomination, whichever category asks.
    let recused = recused_pairs(db, &all_jurors, &all_finalists).await?;
    let ballots = prize_ballot::Entity::find()
        .filter(prize_ballot::Column::NominationId.is_in(all_finalists.iter().map(|n| n.id)))
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
    let chair_choices: BTreeMap<i32, i32> = prize_chair_choice::Entity::find()
        .filter(prize_chair_choice::Column::CategoryId.is_in(category_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.category_id, c.nomination_id))
        .collect();
    // Read whether the year has a people's choice or not: the page's cost does not depend on it.
    let mut counts: BTreeMap<(i32, i32), u32> = BTreeMap::new();
    for v in prize_people_vote::Entity::find()
        .filter(prize_people_vote::Column::CategoryId.is_in(category_ids))
        .all(db)
        .await?
    {
        *counts.entry((v.category_id, v.nomination_id)).or_insert(0) += 1;
    }
    let people_votes = year.peoples_choice.then_some(counts);

    let mut categories = Vec::new();
    for category in year_categories {
        let finalists: Vec<&prize_nomination::Model> = all_finalists
            .iter()
            .filter(|n| n.category_id == category.id)
            .collect();
        let ids: Vec<i32> = finalists.iter().map(|n| n.id).collect();
        let jurors: Vec<i32> = category.jury.iter().map(|j| j.id).collect();
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
            recused: recused
                .iter()
                .copied()
                .filter(|(juror, nomination)| jurors.contains(juror) && ids.contains(nomination))
                .collect(),
            jurors,
            ballots: ballots
                .iter()
                .filter(|b| ids.contains(&b.nomination_id))
                .map(|b| CastBallot {
                    juror_id: b.juror_id,
                    nomination_id: b.nomination_id,
                    scores: scores.remove(&b.id).unwrap_or_default(),
                })
                .collect(),
            chair_choice: chair_choices.get(&category.id).copied(),
        };
        let lines = tally(&input)
            .into_iter()
            .filter_map(|r| {
                let n = finalists.iter().find(|n| n.id == r.nomination_id)?;
                Some(FinalistResult {
                    nomination_id: n.id,
                    title: n.title.clone(),
                    nominee: if public && !n.shown_publicly {
                        String::new()
                    } else {
                        n.nominee.clone()
                    },
                    shown_publicly: n.shown_publicly,
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
                    people_votes: people_votes.as_ref().map(|p| {
                        p.get(&(category.id, n.id)).copied().unwrap_or(0)
                    }),
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
    // The winners, for the editors' announcement: the committee's preview, read before the
    // write (the ballots are sealed by now; a year not yet sealed is refused below).
    let preview = results(db, actor, year_id, now).await.ok();
    let txn = crate::core::txn::begin_write(db).await?;
    // Locked: two publishes at once take turns, and the second finds it published.
    let year = crate::core::txn::find_locked::<prize_year::Entity>(&txn, year_id)
        .await?
        .ok_or(AppError::NotFound)?;
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
    if let (Some(mut preview), Some(author_id)) = (preview, actor.user_id()) {
        // The declines read again under the year's lock: one may have come since the preview.
        let ids: Vec<i32> = preview
            .categories
            .iter()
            .flat_map(|c| c.finalists.iter().map(|f| f.nomination_id))
            .collect();
        let shown: BTreeMap<i32, bool> = prize_nomination::Entity::find()
            .filter(prize_nomination::Column::Id.is_in(ids))
            .all(&txn)
            .await?
            .into_iter()
            .map(|n| (n.id, n.shown_publicly))
            .collect();
        for finalist in preview.categories.iter_mut().flat_map(|c| c.finalists.iter_mut()) {
            if let Some(now_shown) = shown.get(&finalist.nomination_id) {
                finalist.shown_publicly = *now_shown;
            }
        }
        crate::posts::write::announce(&txn, winners_announcement(&preview, author_id), now).await?;
    }
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

/// The editors' draft of a year's winners (issue 29): each category's first place, linked
/// to its nomination.
pub(super) fn winners_announcement(
    results: &YearResults,
    author_id: i32,
) -> crate::posts::write::Announcement {
    use crate::posts::write::{Announcement, LinkKind, escape_markdown};
    let winners: Vec<(&CategoryResult, &FinalistResult)> = results
        .categories
        .iter()
        .filter_map(|c| Some((c, c.finalists.iter().find(|f| f.place == 1)?)))
        .collect();
    // The post may be made public: a colleague who declined to be shown publicly is left out.
    let lines: String = winners
        .iter()
        .map(|(c, f)| {
            let who = if f.shown_publicly && !f.nominee.is_empty() {
                format!("{}, ", escape_markdown(&f.nominee))
            } else {
                String::new()
            };
            format!(
                "- **{}**: {} ({who}{})\n",
                escape_markdown(&c.category.name),
                escape_markdown(&f.title),
                escape_markdown(&f.site.name)
            )
        })
        .collect();
    Announcement {
        key: format!("prize_year:{}", results.year.id),
        author_id,
        title: format!("Vinnerne av innovasjonsprisen {}", results.year.year),
        summary: format!(
            "Innovasjonsprisen {} er delt ut i {} kategorier.",
            results.year.year,
            winners.len()
        ),
        body: format!(
            "Prisen ble delt ut {}.\n\n{lines}",
            crate::core::timefmt::date_nb(results.year.award_on)
        ),
        links: winners
            .iter()
            .map(|(_, f)| (LinkKind::Nomination, f.nomination_id))
            .collect(),
    }
}
