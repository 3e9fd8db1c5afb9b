//! The prize's service layer (DESIGN §7): the only code that touches its tables. Every
//! function checks the actor's permission first (`auth::authorize`).

mod ballots;
mod demo;
mod gallery;
mod links;
mod nominations;
mod own_data;
mod pages;
mod results;
mod search;
mod shortlist;
mod tasks;
mod years;

pub use ballots::{
    ballot_progress, cast_ballot, cast_people_vote, declare_conflict, record_chair_choice,
};
pub use demo::seed_demo_prize;
pub use gallery::{get_nomination, list_nominations};
pub use nominations::{
    nominate, nominate_in, set_shown_publicly, update_nomination, withdraw_nomination,
};
pub use links::link_targets;
pub use own_data::{anonymise_nominee, own_data_section};
pub use pages::{
    category_page, gallery_page, nomination_page, nominate_page, results_page, years_page,
};
pub use results::{RESULTS_PAGE_QUERIES, publish, results};
pub use shortlist::shortlist;
pub use search::{nomination_search_statement, search};
pub use tasks::{my_tasks, reminders};
pub use years::{
    create_category, create_year, get_year, list_categories, list_years, patch_year,
    year_of_category,
};

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use time::OffsetDateTime;

use crate::core::error::AppError;
use crate::prize::entities::{prize_category, prize_criterion, prize_juror, prize_nomination, prize_year};
use crate::prize::domain::view::{CriterionView, YearRow};
use crate::prize::domain::year::{Phase, YearDates};

use crate::core::audit_trail::record_change as audit;
use crate::core::audit_trail::record_change_about as audit_about;
use crate::core::people::user_names;

/// Whether `actor` reads `year` from outside the municipality (not an employee): allowed
/// once its results are published, refused before.
fn public_reader(actor: &crate::auth::Actor, year: &prize_year::Model) -> Result<bool, AppError> {
    use crate::auth::authorize;
    use crate::prize::domain::permission::PrizeAction;
    authorize(
        actor,
        PrizeAction::ViewPublished {
            published: year.published_at.is_some(),
        },
    )?;
    Ok(authorize(actor, PrizeAction::View).is_err())
}

fn dates(y: &prize_year::Model) -> YearDates {
    YearDates {
        nominations_open: y.nominations_open,
        nominations_close: y.nominations_close,
        jury_deadline: y.jury_deadline,
        award_on: y.award_on,
    }
}

fn phase(y: &prize_year::Model, now: OffsetDateTime) -> Phase {
    dates(y).phase(y.published_at.is_some(), now)
}

fn year_row(y: &prize_year::Model, now: OffsetDateTime) -> YearRow {
    YearRow {
        id: y.id,
        year: y.year,
        nominations_open: y.nominations_open,
        nominations_close: y.nominations_close,
        jury_deadline: y.jury_deadline,
        award_on: y.award_on,
        peoples_choice: y.peoples_choice,
        published_at: y.published_at,
        phase: phase(y, now),
    }
}

async fn find_year(db: &impl ConnectionTrait, id: i32) -> Result<prize_year::Model, AppError> {
    prize_year::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// A category with its year.
async fn find_category(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<(prize_category::Model, prize_year::Model), AppError> {
    let category = prize_category::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let year = find_year(db, category.year_id).await?;
    Ok((category, year))
}

/// A nomination with its category and year.
async fn find_nomination(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<
    (
        prize_nomination::Model,
        prize_category::Model,
        prize_year::Model,
    ),
    AppError,
> {
    let nomination = prize_nomination::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let (category, year) = find_category(db, nomination.category_id).await?;
    Ok((nomination, category, year))
}

async fn criteria_of(
    db: &impl ConnectionTrait,
    category_ids: &[i32],
) -> Result<HashMap<i32, Vec<CriterionView>>, AppError> {
    let rows = prize_criterion::Entity::find()
        .filter(prize_criterion::Column::CategoryId.is_in(category_ids.iter().copied()))
        .order_by_asc(prize_criterion::Column::Position)
        .order_by_asc(prize_criterion::Column::Id)
        .all(db)
        .await?;
    let mut by_category: HashMap<i32, Vec<CriterionView>> = HashMap::new();
    for c in rows {
        by_category
            .entry(c.category_id)
            .or_default()
            .push(CriterionView {
                id: c.id,
                name: c.name,
                weight: u16::try_from(c.weight).unwrap_or(1),
            });
    }
    Ok(by_category)
}

async fn jurors_of(db: &impl ConnectionTrait, category_id: i32) -> Result<Vec<i32>, AppError> {
    Ok(prize_juror::Entity::find()
        .filter(prize_juror::Column::CategoryId.eq(category_id))
        .order_by_asc(prize_juror::Column::UserId)
        .all(db)
        .await?
        .into_iter()
        .map(|j| j.user_id)
        .collect())
}

/// Sites and sectors by id, for the names on nominations.
use crate::org::directory::Directory as Places;
