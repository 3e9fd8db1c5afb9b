//! Tracks, their yearly budgets, calls and the yearly overview (DESIGN §6): the fund's
//! administrators set the budgets and open the calls; every employee reads the calls.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::{Actor, Role, authorize};
use crate::core::error::{AppError, FieldError, FieldErrors};
use crate::core::money::Nok;
use crate::core::named::Named;
use crate::core::parse::{Input, PersonRef, parse_bounded};
use crate::core::timefmt::{oslo_date, parse_instant, rfc3339};
use crate::entities::user_role;
use crate::fund::domain::budget::{TrackYear, round_fits_track};
use crate::fund::domain::call::{CallForm, CallPatch, CallState, NewCall};
use crate::fund::domain::followup::PaymentKind;
use crate::fund::domain::permission::FundAction;
use crate::fund::domain::view::{CallRow, CallView, Overview, TrackLine};
use crate::fund::entities::{
    fund_application, fund_call, fund_call_reviewer, fund_criterion, fund_payment, fund_track,
    fund_track_budget,
};

use super::{audit, call_row, criteria_of, find_call, reviewers_of, state, track_names, user_names};

/// The form's local times and the API's RFC 3339 are read by the server's one reader.
impl Input for CallForm {
    type Parsed = NewCall;
    fn parse(self) -> Result<NewCall, FieldErrors> {
        self.parse_with(parse_instant)
    }
}

/// The fund's tracks in their order.
pub async fn list_tracks(db: &DatabaseConnection, actor: &Actor) -> Result<Vec<Named>, AppError> {
    authorize(actor, FundAction::View)?;
    Ok(fund_track::Entity::find()
        .order_by_asc(fund_track::Column::Position)
        .order_by_asc(fund_track::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|t| Named {
            id: t.id,
            name: t.name,
        })
        .collect())
}

/// Sets a track's budget for a year (the administrators). Never below what the track's
/// rounds that year already hold.
pub async fn set_track_budget(
    db: &DatabaseConnection,
    actor: &Actor,
    track_id: &str,
    year: &str,
    budget: &str,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    authorize(actor, FundAction::Manage)?;
    let mut errors = FieldErrors::new();
    let track_id = track_id
        .trim()
        .parse::<i32>()
        .map_err(|_| errors.insert("track_id".into(), FieldError::UnknownReference))
        .ok();
    let year = parse_bounded(year, 2000, 2100)
        .map_err(|e| errors.insert("year".into(), e))
        .ok()
        .and_then(|y| i32::try_from(y).ok());
    let budget = Nok::parse(budget)
        .map_err(|e| errors.insert("budget".into(), e))
        .ok();
    let (Some(track_id), Some(year), Some(budget)) = (track_id, year, budget) else {
        return Err(AppError::Invalid(errors));
    };
    let txn = crate::core::txn::begin_write(db).await?;
    if crate::core::txn::find_locked::<fund_track::Entity>(&txn, track_id)
        .await?
        .is_none()
    {
        return Err(AppError::invalid("track_id", FieldError::UnknownReference));
    }
    let rounds = rounds_total(&txn, track_id, year, None).await?;
    if budget < rounds {
        return Err(AppError::conflict("budget", FieldError::BelowRounds));
    }
    let existing = fund_track_budget::Entity::find()
        .filter(fund_track_budget::Column::TrackId.eq(track_id))
        .filter(fund_track_budget::Column::Year.eq(year))
        .one(&txn)
        .await?;
    match existing {
        Some(row) => {
            let mut active: fund_track_budget::ActiveModel = row.into();
            active.budget_nok = Set(budget.0);
            active.update(&txn).await?;
        }
        None => {
            fund_track_budget::ActiveModel {
                track_id: Set(track_id),
                year: Set(year),
                budget_nok: Set(budget.0),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    audit(
        &txn,
        actor,
        "fund.budget_set",
        ("fund_track", track_id),
        json!({ "year": year, "budget": budget.0 }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(year)
}

/// The budgets of a track's rounds in a year, leaving out the call `except`.
async fn rounds_total(
    db: &impl ConnectionTrait,
    track_id: i32,
    year: i32,
    except: Option<i32>,
) -> Result<Nok, AppError> {
    let mut find = fund_call::Entity::find()
        .filter(fund_call::Column::TrackId.eq(track_id))
        .filter(fund_call::Column::Year.eq(year));
    if let Some(id) = except {
        find = find.filter(fund_call::Column::Id.ne(id));
    }
    Ok(find
        .all(db)
        .await?
        .iter()
        .fold(Nok(0), |sum, c| sum.saturating_add(Nok(c.budget_nok))))
}

/// A track's budget for a year (none set: nothing).
async fn track_budget(db: &impl ConnectionTrait, track_id: i32, year: i32) -> Result<Nok, AppError> {
    Ok(fund_track_budget::Entity::find()
        .filter(fund_track_budget::Column::TrackId.eq(track_id))
        .filter(fund_track_budget::Column::Year.eq(year))
        .one(db)
        .await?
        .map_or(Nok(0), |b| Nok(b.budget_nok)))
}

/// The reviewers named (by name or e-mail): active users holding the fund reviewer's role.
async fn find_reviewers(
    db: &impl ConnectionTrait,
    people: &[PersonRef],
) -> Result<Vec<i32>, AppError> {
    let ids = super::active_users(db, people, "reviewers").await?;
    if ids.is_empty() {
        return Ok(ids);
    }
    let holding = user_role::Entity::find()
        .filter(user_role::Column::UserId.is_in(ids.clone()))
        .filter(user_role::Column::Role.eq(Role::FundReviewer.as_str()))
        .all(db)
        .await?;
    if ids.iter().any(|id| !holding.iter().any(|r| r.user_id == *id)) {
        return Err(AppError::invalid("reviewers", FieldError::NotAReviewer));
    }
    Ok(ids)
}

/// Opens a call (the administrators): its budget within the track's budget for the year
/// the call opens (Oslo's calendar) beside the track's other rounds that year.
pub async fn create_call(
    db: &DatabaseConnection,
    actor: &Actor,
    input: impl Input<Parsed = NewCall>,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    authorize(actor, FundAction::Manage)?;
    let new = input.parse().map_err(AppError::Invalid)?;
    let year = oslo_date(new.window.opens_at).year();
    let reviewers = find_reviewers(db, &new.reviewers).await?;
    let txn = crate::core::txn::begin_write(db).await?;
    // The track's row is the turn: two rounds opened at once cannot both pass its budget.
    if crate::core::txn::find_locked::<fund_track::Entity>(&txn, new.track_id)
        .await?
        .is_none()
    {
        return Err(AppError::invalid("track_id", FieldError::UnknownReference));
    }
    let budget = track_budget(&txn, new.track_id, year).await?;
    let others = rounds_total(&txn, new.track_id, year, None).await?;
    round_fits_track(budget, others, new.budget).map_err(|e| AppError::conflict("budget", e))?;
    let call = fund_call::ActiveModel {
        track_id: Set(new.track_id),
        year: Set(year),
        title: Set(new.title.clone()),
        body: Set(new.text.clone()),
        opens_at: Set(new.window.opens_at),
        closes_at: Set(new.window.closes_at),
        budget_nok: Set(new.budget.0),
        max_amount_nok: Set(new.max_amount.0),
        decided_at: Set(None),
        decided_by: Set(None),
        case_number: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    fund_criterion::Entity::insert_many(new.criteria.iter().enumerate().map(|(i, c)| {
        fund_criterion::ActiveModel {
            call_id: Set(call.id),
            name: Set(c.name.clone()),
            weight: Set(i32::try_from(c.weight).unwrap_or(1)),
            position: Set(i32::try_from(i).unwrap_or(0)),
            ..Default::default()
        }
    }))
    .exec(&txn)
    .await?;
    if !reviewers.is_empty() {
        fund_call_reviewer::Entity::insert_many(reviewers.iter().map(|&user_id| {
            fund_call_reviewer::ActiveModel {
                call_id: Set(call.id),
                user_id: Set(user_id),
            }
        }))
        .exec(&txn)
        .await?;
    }
    audit(
        &txn,
        actor,
        "fund.call_created",
        ("fund_call", call.id),
        json!({
            "title": new.title,
            "budget": new.budget.0,
            "opens_at": rfc3339(new.window.opens_at),
            "closes_at": rfc3339(new.window.closes_at),
            "reviewers": reviewers,
        }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(call.id)
}

/// Moves a call's dates or changes its budget (the administrators): never below what the
/// council has recommended in it, never past the track's budget; a decided call is final.
pub async fn patch_call(
    db: &DatabaseConnection,
    actor: &Actor,
    call_id: i32,
    patch: impl Input<Parsed = CallPatch>,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    authorize(actor, FundAction::Manage)?;
    find_call(db, call_id).await?;
    let patch = patch.parse().map_err(AppError::Invalid)?;
    let txn = crate::core::txn::begin_write(db).await?;
    // The call's row is the turn the council's recommendations take too (`council`).
    let call = crate::core::txn::find_locked::<fund_call::Entity>(&txn, call_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if call.decided_at.is_some() {
        return Err(AppError::conflict("budget", FieldError::AlreadyDecided));
    }
    let recommended = super::council::recommended_total(&txn, call_id, None).await?;
    let (window, budget) = patch
        .apply(
            super::window(&call),
            Nok(call.budget_nok),
            Nok(call.max_amount_nok),
            recommended,
            parse_instant,
        )
        .map_err(AppError::Invalid)?;
    // The round counts against the year it opens in: a new year or budget is checked there.
    let year = oslo_date(window.opens_at).year();
    if budget.0 != call.budget_nok || year != call.year {
        crate::core::txn::find_locked::<fund_track::Entity>(&txn, call.track_id).await?;
        let track = track_budget(&txn, call.track_id, year).await?;
        let others = rounds_total(&txn, call.track_id, year, Some(call_id)).await?;
        round_fits_track(track, others, budget).map_err(|e| AppError::conflict("budget", e))?;
    }
    let before = json!({
        "opens_at": rfc3339(call.opens_at),
        "closes_at": rfc3339(call.closes_at),
        "budget": call.budget_nok,
    });
    let mut active: fund_call::ActiveModel = call.into();
    active.year = Set(year);
    active.opens_at = Set(window.opens_at);
    active.closes_at = Set(window.closes_at);
    active.budget_nok = Set(budget.0);
    active.updated_at = Set(now);
    active.update(&txn).await?;
    audit(
        &txn,
        actor,
        "fund.call_changed",
        ("fund_call", call_id),
        json!({
            "before": before,
            "after": {
                "opens_at": rfc3339(window.opens_at),
                "closes_at": rfc3339(window.closes_at),
                "budget": budget.0,
            },
        }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Every call, the newest first.
pub async fn list_calls(
    db: &DatabaseConnection,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<Vec<CallRow>, AppError> {
    authorize(actor, FundAction::View)?;
    let tracks = track_names(db).await?;
    Ok(fund_call::Entity::find()
        .order_by_desc(fund_call::Column::OpensAt)
        .order_by_desc(fund_call::Column::Id)
        .all(db)
        .await?
        .iter()
        .map(|c| call_row(c, &tracks, now))
        .collect())
}

/// The calls open for applications now, closing first first (the front page).
pub async fn open_calls(
    db: &DatabaseConnection,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<Vec<CallRow>, AppError> {
    authorize(actor, FundAction::View)?;
    let tracks = track_names(db).await?;
    Ok(fund_call::Entity::find()
        .filter(fund_call::Column::OpensAt.lte(now))
        .filter(fund_call::Column::ClosesAt.gt(now))
        .filter(fund_call::Column::DecidedAt.is_null())
        .order_by_asc(fund_call::Column::ClosesAt)
        .all(db)
        .await?
        .iter()
        .map(|c| call_row(c, &tracks, now))
        .collect())
}

/// One call with its criteria and reviewers.
pub async fn get_call(
    db: &DatabaseConnection,
    actor: &Actor,
    call_id: i32,
    now: OffsetDateTime,
) -> Result<CallView, AppError> {
    authorize(actor, FundAction::View)?;
    let call = find_call(db, call_id).await?;
    let tracks = track_names(db).await?;
    let reviewers = reviewers_of(db, call_id).await?;
    let names = user_names(db, reviewers.iter().copied()).await?;
    // The running total is the council's and the administrators' until the decision.
    let recommended = if authorize(actor, FundAction::Manage).is_ok() {
        Some(super::council::recommended_total(db, call_id, None).await?)
    } else {
        None
    };
    Ok(CallView {
        row: call_row(&call, &tracks, now),
        text: call.body.clone(),
        criteria: criteria_of(db, call_id).await?,
        reviewers: reviewers
            .iter()
            .map(|&id| Named::looked_up(&names, id))
            .collect(),
        recommended,
        decided_at: call.decided_at,
        case_number: call.case_number.clone(),
    })
}

/// The fund's year per track (DESIGN §6): budget, recommended in rounds not yet decided,
/// granted, paid out, returned and what remains; the administrators' view.
pub async fn overview(
    db: &DatabaseConnection,
    actor: &Actor,
    year: i32,
    now: OffsetDateTime,
) -> Result<Overview, AppError> {
    authorize(actor, FundAction::Manage)?;
    if !(2000..=2100).contains(&year) {
        return Err(AppError::invalid("year", FieldError::OutOfRange));
    }
    let tracks = fund_track::Entity::find()
        .order_by_asc(fund_track::Column::Position)
        .order_by_asc(fund_track::Column::Id)
        .all(db)
        .await?;
    let budgets: HashMap<i32, i64> = fund_track_budget::Entity::find()
        .filter(fund_track_budget::Column::Year.eq(year))
        .all(db)
        .await?
        .into_iter()
        .map(|b| (b.track_id, b.budget_nok))
        .collect();
    let calls = fund_call::Entity::find()
        .filter(fund_call::Column::Year.eq(year))
        .all(db)
        .await?;
    let track_of: HashMap<i32, (i32, bool)> = calls
        .iter()
        .map(|c| (c.id, (c.track_id, state(c, now) == CallState::Decided)))
        .collect();
    let applications = fund_application::Entity::find()
        .filter(fund_application::Column::CallId.is_in(calls.iter().map(|c| c.id)))
        .filter(fund_application::Column::SubmittedAt.is_not_null())
        .all(db)
        .await?;
    let mut years: HashMap<i32, TrackYear> = tracks
        .iter()
        .map(|t| {
            (
                t.id,
                TrackYear {
                    budget: Nok(budgets.get(&t.id).copied().unwrap_or(0)),
                    ..Default::default()
                },
            )
        })
        .collect();
    let mut track_of_application = HashMap::new();
    for application in &applications {
        let Some(&(track, decided)) = track_of.get(&application.call_id) else {
            continue;
        };
        track_of_application.insert(application.id, track);
        let amount = Nok(application.recommended_nok.unwrap_or(0));
        let line = years.entry(track).or_default();
        if decided {
            line.granted = line.granted.saturating_add(amount);
        } else {
            line.recommended = line.recommended.saturating_add(amount);
        }
    }
    let payments = fund_payment::Entity::find()
        .filter(fund_payment::Column::ApplicationId.is_in(track_of_application.keys().copied()))
        .all(db)
        .await?;
    for payment in payments {
        let Some(track) = track_of_application.get(&payment.application_id) else {
            continue;
        };
        let line = years.entry(*track).or_default();
        match PaymentKind::parse(&payment.kind) {
            Some(PaymentKind::Returned) => {
                line.returned = line.returned.saturating_add(Nok(payment.amount_nok));
            }
            Some(PaymentKind::Payment) | None => {
                line.paid = line.paid.saturating_add(Nok(payment.amount_nok));
            }
        }
    }
    let lines: Vec<TrackLine> = tracks
        .into_iter()
        .map(|t| TrackLine {
            year: years.get(&t.id).copied().unwrap_or_default(),
            track: Named {
                id: t.id,
                name: t.name,
            },
        })
        .collect();
    let total = lines
        .iter()
        .fold(TrackYear::default(), |sum, line| sum.plus(line.year));
    Ok(Overview {
        year,
        tracks: lines,
        total,
    })
}
