//! Nominations (DESIGN §7): any employee nominates during the window and may change or
//! withdraw their own until it closes; a colleague named in one is told.

use crate::prize::domain::permission::PrizeAction;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::{Actor, authorize};
use crate::core::error::{AppError, FieldError};
use crate::core::parse::Input;
use crate::prize::entities::{prize_justification, prize_nomination};
use crate::notifications::domain::{NewNotification, NotificationKind};
use crate::prize::domain::nomination::{NewNomination, NominationStatus, match_justification};
use crate::prize::domain::year::Phase;

use super::gallery::record_recusals;
use super::{audit, audit_about, criteria_of, find_category, find_nomination, jurors_of, phase};

/// Where a nomination's site comes from when none is chosen: the project's lead site, else
/// the nominator's home site.
async fn resolve_nomination(
    db: &impl ConnectionTrait,
    actor: &Actor,
    category_id: i32,
    new: &NewNomination,
) -> Result<(Option<i32>, i32, Vec<(i32, String)>), AppError> {
    let criteria: Vec<(i32, String)> = criteria_of(db, &[category_id])
        .await?
        .remove(&category_id)
        .unwrap_or_default()
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let justification =
        match_justification(&criteria, &new.justification).map_err(AppError::Invalid)?;
    let project = match new.project_id {
        Some(id) => Some(
            crate::portfolio::read::project_brief(db, id)
                .await?
                .ok_or_else(|| AppError::invalid("project_id", FieldError::UnknownReference))?,
        ),
        None => None,
    };
    let nominee = match &new.nominee_email {
        Some(person) => {
            Some(crate::core::people::active_user(db, person, "nominee_email").await?.id)
        }
        None => None,
    };
    let site_id = match new.site_id {
        Some(id) => {
            crate::entities::service_site::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or_else(|| AppError::invalid("site_id", FieldError::UnknownReference))?
                .id
        }
        None => project
            .as_ref()
            .map(|p| p.lead_site_id)
            .or_else(|| actor.user().and_then(|u| u.home_site_id))
            .ok_or_else(|| AppError::invalid("site_id", FieldError::Required))?,
    };
    Ok((nominee, site_id, justification))
}

async fn write_justification(
    db: &impl ConnectionTrait,
    nomination_id: i32,
    justification: &[(i32, String)],
) -> Result<(), AppError> {
    prize_justification::Entity::delete_many()
        .filter(prize_justification::Column::NominationId.eq(nomination_id))
        .exec(db)
        .await?;
    prize_justification::Entity::insert_many(justification.iter().map(|(criterion_id, body)| {
        prize_justification::ActiveModel {
            nomination_id: Set(nomination_id),
            criterion_id: Set(*criterion_id),
            body: Set(body.clone()),
        }
    }))
    .exec(db)
    .await?;
    Ok(())
}

/// A colleague named as the nominee is told (DESIGN §7); not when they nominate themselves.
async fn tell_nominee(
    db: &impl ConnectionTrait,
    actor: &Actor,
    nominee: Option<i32>,
    nomination: &prize_nomination::Model,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let Some(user_id) = nominee.filter(|&id| Some(id) != actor.user_id()) else {
        return Ok(());
    };
    let link = format!("/pris/nominasjoner/{}", nomination.id);
    let new = NewNotification {
        user_id,
        kind: NotificationKind::Nominated,
        subject: &nomination.title,
        status: "submitted",
        detail: &nomination.nominee,
        link: &link,
    };
    crate::notifications::service::notify(db, new, now).await
}

/// Nominates in `category_id` during its year's window (409 outside it).
pub async fn nominate(
    db: &DatabaseConnection,
    actor: &Actor,
    category_id: i32,
    input: impl Input<Parsed = NewNomination>,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    let entry = crate::prize::domain::nomination::InCategory {
        category_id,
        form: input,
    };
    nominate_in(db, actor, entry, now).await
}

/// [`nominate`] of an entry that names its category itself (the REST body), read only once
/// the caller may nominate (issue 26: 401 before 422).
pub async fn nominate_in(
    db: &DatabaseConnection,
    actor: &Actor,
    input: impl Input<Parsed = (i32, NewNomination)>,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    authorize(actor, PrizeAction::Nominate)?;
    let nominator = actor.user_id().ok_or(AppError::Forbidden)?;
    let (category_id, new) = input.parse().map_err(AppError::Invalid)?;
    let txn = crate::core::txn::begin_write(db).await?;
    let (_, year) = find_category(&txn, category_id)
        .await
        .map_err(|_| AppError::invalid("category_id", FieldError::UnknownReference))?;
    if phase(&year, now) != Phase::Nominating {
        return Err(AppError::conflict(
            "category_id",
            FieldError::NominationsClosed,
        ));
    }
    let (nominee, site_id, justification) =
        resolve_nomination(&txn, actor, category_id, &new).await?;
    let created = prize_nomination::ActiveModel {
        category_id: Set(category_id),
        nominator_id: Set(nominator),
        title: Set(new.title),
        nominee: Set(new.nominee),
        nominee_user_id: Set(nominee),
        project_id: Set(new.project_id),
        site_id: Set(site_id),
        links: Set(new.links.join("\n")),
        status: Set(NominationStatus::Submitted.as_str().to_owned()),
        finalist: Set(false),
        statement: Set(None),
        shown_publicly: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    write_justification(&txn, created.id, &justification).await?;
    // Recusal facts as they stand when the entry is made count for the year too (issue 23):
    // a juror who moves away before the shortlist stays recused from their old site's entry.
    let jurors = jurors_of(&txn, category_id).await?;
    record_recusals(&txn, &jurors, std::slice::from_ref(&created), now).await?;
    tell_nominee(&txn, actor, nominee, &created, now).await?;
    let details = json!({ "category_id": category_id, "title": created.title });
    audit_about(
        &txn,
        actor,
        "prize.nominated",
        ("prize_nomination", created.id),
        &nominee.into_iter().collect::<Vec<_>>(),
        details,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(created.id)
}

/// The nominator's own submitted nomination, while the window is open.
async fn own_open_nomination(
    db: &impl ConnectionTrait,
    actor: &Actor,
    nomination_id: i32,
    now: OffsetDateTime,
) -> Result<prize_nomination::Model, AppError> {
    authorize(actor, PrizeAction::Nominate)?;
    let (nomination, _, year) = find_nomination(db, nomination_id).await?;
    if Some(nomination.nominator_id) != actor.user_id() {
        return Err(AppError::Forbidden);
    }
    if phase(&year, now) != Phase::Nominating
        || NominationStatus::parse(&nomination.status) != NominationStatus::Submitted
    {
        return Err(AppError::conflict("title", FieldError::NominationsClosed));
    }
    Ok(nomination)
}

pub async fn update_nomination(
    db: &DatabaseConnection,
    actor: &Actor,
    nomination_id: i32,
    input: impl Input<Parsed = NewNomination>,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let txn = crate::core::txn::begin_write(db).await?;
    let nomination = own_open_nomination(&txn, actor, nomination_id, now).await?;
    let new = input.parse().map_err(AppError::Invalid)?;
    let (nominee, site_id, justification) =
        resolve_nomination(&txn, actor, nomination.category_id, &new).await?;
    let newly_named = nominee.is_some() && nominee != nomination.nominee_user_id;
    let mut active: prize_nomination::ActiveModel = nomination.into();
    active.title = Set(new.title);
    active.nominee = Set(new.nominee);
    active.nominee_user_id = Set(nominee);
    // A decline stays whoever the nomination names later: the nominator cannot undo it by
    // naming someone else and then the colleague again; a newly named colleague who wants to
    // be shown says so on the nomination.
    active.project_id = Set(new.project_id);
    active.site_id = Set(site_id);
    active.links = Set(new.links.join("\n"));
    active.updated_at = Set(now);
    let updated = active.update(&txn).await?;
    write_justification(&txn, nomination_id, &justification).await?;
    let jurors = jurors_of(&txn, updated.category_id).await?;
    record_recusals(&txn, &jurors, std::slice::from_ref(&updated), now).await?;
    if newly_named {
        tell_nominee(&txn, actor, nominee, &updated, now).await?;
    }
    let details = json!({ "title": updated.title });
    audit_about(
        &txn,
        actor,
        "prize.nomination_changed",
        ("prize_nomination", nomination_id),
        &nominee.into_iter().collect::<Vec<_>>(),
        details,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn withdraw_nomination(
    db: &DatabaseConnection,
    actor: &Actor,
    nomination_id: i32,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let txn = crate::core::txn::begin_write(db).await?;
    let nomination = own_open_nomination(&txn, actor, nomination_id, now).await?;
    let nominee: Vec<i32> = nomination.nominee_user_id.into_iter().collect();
    let mut active: prize_nomination::ActiveModel = nomination.into();
    active.status = Set(NominationStatus::Withdrawn.as_str().to_owned());
    active.updated_at = Set(now);
    active.update(&txn).await?;
    audit_about(
        &txn,
        actor,
        "prize.nomination_withdrawn",
        ("prize_nomination", nomination_id),
        &nominee,
        json!({}),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The colleague a nomination names declines to be shown publicly, or lets it be shown again
/// (DESIGN §7): only they may, at any time; employees still see the name, readers outside the
/// municipality see the nomination without it. Recorded in the audit log.
pub async fn set_shown_publicly(
    db: &DatabaseConnection,
    actor: &Actor,
    nomination_id: i32,
    shown: bool,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let me = actor.user_id().ok_or(AppError::Forbidden)?;
    let txn = crate::core::txn::begin_write(db).await?;
    let nomination = crate::core::txn::find_locked::<prize_nomination::Entity>(&txn, nomination_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if nomination.nominee_user_id != Some(me) {
        return Err(AppError::Forbidden);
    }
    if nomination.shown_publicly != shown {
        let mut active: prize_nomination::ActiveModel = nomination.into();
        active.shown_publicly = Set(shown);
        active.update(&txn).await?;
        audit(
            &txn,
            actor,
            "prize.nominee_shown_publicly",
            ("prize_nomination", nomination_id),
            json!({ "shown_publicly": shown }),
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}
