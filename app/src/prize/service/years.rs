//! Prize years and their categories (DESIGN §7): the prize committee creates them and moves
//! the dates; every employee reads them.

use crate::prize::domain::permission::PrizeAction;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::{Actor, authorize};
use crate::core::error::{AppError, FieldError, FieldErrors};
use crate::core::parse::{Input, name_key};
use crate::core::timefmt::{parse_instant, rfc3339};
use crate::prize::entities::{prize_category, prize_criterion, prize_juror, prize_nomination, prize_year};
use crate::core::parse::PersonRef;
use crate::prize::domain::category::NewCategory;
use crate::prize::domain::nomination::NominationStatus;
use crate::prize::domain::view::{CategoryView, Named, YearRow, YearView};
use crate::prize::domain::year::{NewYear, Phase, YearForm, YearPatch};

use super::{
    audit, audit_about, criteria_of, dates, find_year, public_reader, user_names, year_row,
};

/// The form's local times and the API's RFC 3339 are read by the server's one reader.
impl Input for YearForm {
    type Parsed = NewYear;
    fn parse(self) -> Result<NewYear, FieldErrors> {
        self.parse_with(parse_instant)
    }
}

pub async fn create_year(
    db: &DatabaseConnection,
    actor: &Actor,
    input: impl Input<Parsed = NewYear>,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    authorize(actor, PrizeAction::Manage)?;
    let new = input.parse().map_err(AppError::Invalid)?;
    let txn = crate::core::txn::begin_write(db).await?;
    let taken = prize_year::Entity::find()
        .filter(prize_year::Column::Year.eq(new.year))
        .count(&txn)
        .await?
        > 0;
    if taken {
        return Err(AppError::conflict("year", FieldError::Taken));
    }
    let created = prize_year::ActiveModel {
        year: Set(new.year),
        nominations_open: Set(new.dates.nominations_open),
        nominations_close: Set(new.dates.nominations_close),
        jury_deadline: Set(new.dates.jury_deadline),
        award_on: Set(new.dates.award_on),
        peoples_choice: Set(new.peoples_choice),
        published_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let details = json!({ "year": created.year });
    audit(
        &txn,
        actor,
        "prize.year_created",
        ("prize_year", created.id),
        details,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(created.id)
}

/// Moves a year's dates (the committee closes a window early, extends the jury's time …).
/// Published years are final.
pub async fn patch_year(
    db: &DatabaseConnection,
    actor: &Actor,
    year_id: i32,
    patch: impl Input<Parsed = YearPatch>,
    now: OffsetDateTime,
) -> Result<YearRow, AppError> {
    authorize(actor, PrizeAction::Manage)?;
    let txn = crate::core::txn::begin_write(db).await?;
    let year = find_year(&txn, year_id).await?;
    // The caller and the year first, then the body (issue 26: 404 before 422).
    let patch = patch.parse().map_err(AppError::Invalid)?;
    if year.published_at.is_some() {
        return Err(AppError::conflict("year", FieldError::AlreadyPublished));
    }
    let before = dates(&year);
    let moved = patch.apply(before, parse_instant, now).map_err(|errors| {
        // A passed date is the year's state, not a typing mistake: 409.
        if errors.values().any(|e| *e == FieldError::DatePassed) {
            AppError::Conflict(errors)
        } else {
            AppError::Invalid(errors)
        }
    })?;
    let peoples_choice_was = year.peoples_choice;
    let mut active: prize_year::ActiveModel = year.into();
    active.nominations_open = Set(moved.nominations_open);
    active.nominations_close = Set(moved.nominations_close);
    active.jury_deadline = Set(moved.jury_deadline);
    active.award_on = Set(moved.award_on);
    if let Some(peoples_choice) = patch.peoples_choice {
        // Once the window has closed, votes may have been cast: switching the people's choice
        // on or off would show or hide them (issue 23).
        if peoples_choice != peoples_choice_was && before.nominations_close <= now {
            return Err(AppError::conflict(
                "peoples_choice",
                FieldError::NominationsClosed,
            ));
        }
        active.peoples_choice = Set(peoples_choice);
    }
    let updated = active.update(&txn).await?;
    let details = json!({
        "nominations_close": [rfc3339(before.nominations_close), rfc3339(moved.nominations_close)],
        "jury_deadline": [rfc3339(before.jury_deadline), rfc3339(moved.jury_deadline)],
        "award_on": [before.award_on.to_string(), moved.award_on.to_string()],
    });
    audit(
        &txn,
        actor,
        "prize.year_changed",
        ("prize_year", year_id),
        details,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(year_row(&updated, now))
}

/// Every prize year, newest first; for a reader outside the municipality the published ones
/// (DESIGN §2: visitors see winners once announced).
pub async fn list_years(
    db: &DatabaseConnection,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<Vec<YearRow>, AppError> {
    let mut query = prize_year::Entity::find().order_by_desc(prize_year::Column::Year);
    if authorize(actor, PrizeAction::View).is_err() {
        query = query.filter(prize_year::Column::PublishedAt.is_not_null());
    }
    Ok(query
        .all(db)
        .await?
        .iter()
        .map(|y| year_row(y, now))
        .collect())
}

pub async fn get_year(
    db: &DatabaseConnection,
    actor: &Actor,
    year_id: i32,
    now: OffsetDateTime,
) -> Result<YearView, AppError> {
    let year = find_year(db, year_id).await?;
    let public = public_reader(actor, &year)?;
    let mut categories = categories_of(db, year_id).await?;
    if public {
        for c in &mut categories {
            // Finalists only: how many were nominated stays inside.
            c.nominations = c.finalists;
            c.jury.clear();
            c.chair = crate::prize::domain::view::Named {
                id: 0,
                name: String::new(),
            };
        }
    }
    Ok(YearView {
        row: year_row(&year, now),
        categories,
        manages: authorize(actor, PrizeAction::Manage).is_ok(),
        public,
    })
}

pub async fn list_categories(
    db: &DatabaseConnection,
    actor: &Actor,
    year_id: i32,
) -> Result<Vec<CategoryView>, AppError> {
    authorize(actor, PrizeAction::View)?;
    find_year(db, year_id).await?;
    categories_of(db, year_id).await
}

pub(super) async fn categories_of(
    db: &impl ConnectionTrait,
    year_id: i32,
) -> Result<Vec<CategoryView>, AppError> {
    let categories = prize_category::Entity::find()
        .filter(prize_category::Column::YearId.eq(year_id))
        .order_by_asc(prize_category::Column::Position)
        .order_by_asc(prize_category::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = categories.iter().map(|c| c.id).collect();
    let mut criteria = criteria_of(db, &ids).await?;
    let jurors = prize_juror::Entity::find()
        .filter(prize_juror::Column::CategoryId.is_in(ids.clone()))
        .order_by_asc(prize_juror::Column::UserId)
        .all(db)
        .await?;
    let nominations = prize_nomination::Entity::find()
        .filter(prize_nomination::Column::CategoryId.is_in(ids))
        .filter(prize_nomination::Column::Status.eq(NominationStatus::Submitted.as_str()))
        .all(db)
        .await?;
    let names = user_names(
        db,
        jurors
            .iter()
            .map(|j| j.user_id)
            .chain(categories.iter().map(|c| c.chair_id)),
    )
    .await?;
    Ok(categories
        .into_iter()
        .map(|c| {
            let mine = nominations.iter().filter(|n| n.category_id == c.id);
            CategoryView {
                id: c.id,
                year_id: c.year_id,
                criteria: criteria.remove(&c.id).unwrap_or_default(),
                jury: jurors
                    .iter()
                    .filter(|j| j.category_id == c.id)
                    .map(|j| Named::looked_up(&names, j.user_id))
                    .collect(),
                chair: Named::looked_up(&names, c.chair_id),
                nominations: u32::try_from(mine.clone().count()).unwrap_or(0),
                finalists: u32::try_from(mine.filter(|n| n.finalist).count()).unwrap_or(0),
                name: c.name,
            }
        })
        .collect())
}

/// The active user a form or a client named (`field` carries the refusal).
async fn resolve(
    db: &impl ConnectionTrait,
    person: &PersonRef,
    field: (&str, &str),
) -> Result<i32, AppError> {
    let field = if matches!(person, PersonRef::Id(_)) {
        field.1
    } else {
        field.0
    };
    Ok(crate::core::people::active_user(db, person, field).await?.id)
}

/// Adds a category with its criteria and jury. Until the nomination window closes: after
/// that, nominations are in and the categories are what was nominated to.
pub async fn create_category(
    db: &DatabaseConnection,
    actor: &Actor,
    year_id: i32,
    input: impl Input<Parsed = NewCategory>,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    authorize(actor, PrizeAction::Manage)?;
    let txn = crate::core::txn::begin_write(db).await?;
    // A year's categories are made one at a time: their names and positions stay unique.
    let year = crate::core::txn::find_locked::<prize_year::Entity>(&txn, year_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // The caller and the year first, then the body (issue 26: 404 before 422).
    let new = input.parse().map_err(AppError::Invalid)?;
    if !matches!(
        super::phase(&year, now),
        Phase::Upcoming | Phase::Nominating
    ) {
        return Err(AppError::conflict("name", FieldError::NominationsClosed));
    }
    let existing = prize_category::Entity::find()
        .filter(prize_category::Column::YearId.eq(year_id))
        .all(&txn)
        .await?;
    if existing
        .iter()
        .any(|c| name_key(&c.name) == name_key(&new.name))
    {
        return Err(AppError::conflict("name", FieldError::Taken));
    }
    let chair = resolve(&txn, &new.chair, ("chair", "chair_user_id")).await?;
    let mut jury = Vec::with_capacity(new.jury.len());
    for person in &new.jury {
        let id = resolve(&txn, person, ("jury", "jury_user_ids")).await?;
        if !jury.contains(&id) {
            jury.push(id);
        }
    }
    let created = prize_category::ActiveModel {
        year_id: Set(year_id),
        name: Set(new.name),
        position: Set(i32::try_from(existing.len()).unwrap_or(0)),
        chair_id: Set(chair),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    prize_criterion::Entity::insert_many(new.criteria.iter().enumerate().map(|(i, c)| {
        prize_criterion::ActiveModel {
            category_id: Set(created.id),
            name: Set(c.name.clone()),
            weight: Set(i32::from(c.weight)),
            position: Set(i32::try_from(i).unwrap_or(0)),
            ..Default::default()
        }
    }))
    .exec(&txn)
    .await?;
    prize_juror::Entity::insert_many(jury.iter().map(|&user_id| prize_juror::ActiveModel {
        category_id: Set(created.id),
        user_id: Set(user_id),
    }))
    .exec(&txn)
    .await?;
    let details = json!({
        "year_id": year_id,
        "name": created.name,
        "criteria": new.criteria.iter().map(|c| json!({"name": c.name, "weight": c.weight})).collect::<Vec<_>>(),
        "jury": jury,
        "chair": chair,
    });
    let about: Vec<i32> = jury.iter().copied().chain([chair]).collect();
    audit_about(
        &txn,
        actor,
        "prize.category_created",
        ("prize_category", created.id),
        &about,
        details,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(created.id)
}

/// The year a category belongs to.
pub async fn year_of_category(
    db: &DatabaseConnection,
    actor: &Actor,
    category_id: i32,
) -> Result<i32, AppError> {
    authorize(actor, PrizeAction::View)?;
    Ok(super::find_category(db, category_id).await?.1.id)
}
