//! The portfolio's settings, for administrators (issue 30, DESIGN §4): programmes created and
//! changed here, not only by the demo loader; and the roadmap's phases renamed. A phase keeps
//! its key, its place and whether it stops a project, so every project and every recorded
//! phase change stays valid; the portfolio's stamp moves with the write (its triggers), so
//! every instance shows the new name at once.

use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::{Actor, authorize};
use crate::core::error::{AppError, FieldError};
use crate::core::parse::{Input, name_key};
use crate::core::txn::{Turn, take_turn};
use crate::portfolio::domain::permission::PortfolioAction;
use crate::portfolio::domain::phase::{inserted, moved, phase_key, positions};
use crate::portfolio::domain::programme::{NewProgramme, parse_phase_name};
use crate::portfolio::entities::{phase, programme};

use super::audit;

/// Whether another programme than `except` has `name`, case and spaces aside.
async fn name_taken(
    db: &impl sea_orm::ConnectionTrait,
    name: &str,
    except: Option<i32>,
) -> Result<bool, AppError> {
    let key = name_key(name);
    Ok(programme::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .any(|p| Some(p.id) != except && name_key(&p.name) == key))
}

/// A new programme; its id.
pub async fn create_programme(
    db: &DatabaseConnection,
    actor: &Actor,
    input: impl Input<Parsed = NewProgramme>,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    authorize(actor, PortfolioAction::ManageSettings)?;
    let new = input.parse().map_err(AppError::Invalid)?;
    let txn = settings_turn(db).await?;
    if name_taken(&txn, &new.name, None).await? {
        return Err(AppError::conflict("name", FieldError::Taken));
    }
    let made = programme::ActiveModel {
        name: Set(new.name.clone()),
        description: Set(new.description),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit(
        &txn,
        actor,
        "programme.created",
        ("programme", made.id),
        json!({ "name": new.name }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(made.id)
}

/// A programme's new name and description.
pub async fn update_programme(
    db: &DatabaseConnection,
    actor: &Actor,
    programme_id: i32,
    input: impl Input<Parsed = NewProgramme>,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    authorize(actor, PortfolioAction::ManageSettings)?;
    let txn = settings_turn(db).await?;
    let found = programme::Entity::find_by_id(programme_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    // The caller and the programme first, then the body (401/403/404 before 422).
    let new = input.parse().map_err(AppError::Invalid)?;
    if name_taken(&txn, &new.name, Some(programme_id)).await? {
        return Err(AppError::conflict("name", FieldError::Taken));
    }
    let before = found.name.clone();
    let mut row: programme::ActiveModel = found.into();
    row.name = Set(new.name.clone());
    row.description = Set(new.description);
    row.update(&txn).await?;
    audit(
        &txn,
        actor,
        "programme.changed",
        ("programme", programme_id),
        json!({ "before": before, "after": new.name }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A phase's new name; its key, place and kind stay.
pub async fn rename_phase(
    db: &DatabaseConnection,
    actor: &Actor,
    phase_id: i32,
    name: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    authorize(actor, PortfolioAction::ManageSettings)?;
    let txn = settings_turn(db).await?;
    let found = phase::Entity::find_by_id(phase_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let name = parse_phase_name(name).map_err(|e| AppError::invalid("name", e))?;
    let key = name_key(&name);
    let twin = phase::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .any(|p| p.id != phase_id && name_key(&p.name) == key);
    if twin {
        return Err(AppError::conflict("name", FieldError::Taken));
    }
    let before = found.name.clone();
    let mut row: phase::ActiveModel = found.into();
    row.name = Set(name.clone());
    row.update(&txn).await?;
    audit(
        &txn,
        actor,
        "phase.renamed",
        ("phase", phase_id),
        json!({ "before": before, "after": name }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Whether `actor` may change the portfolio's settings (programmes, phase names).
pub fn manages_settings(actor: &Actor) -> bool {
    authorize(actor, PortfolioAction::ManageSettings).is_ok()
}

/// The roadmap, for the administrators' page that renames its phases.
pub async fn phases_page(
    db: &DatabaseConnection,
    actor: &Actor,
) -> Result<crate::portfolio::domain::phase::Roadmap, AppError> {
    authorize(actor, PortfolioAction::ManageSettings)?;
    super::load_roadmap(db).await
}

/// Stores `order` as the ordinary phases' positions (10, 20, …).
async fn store_order(db: &impl sea_orm::ConnectionTrait, order: &[i32]) -> Result<(), AppError> {
    for (id, position) in positions(order) {
        phase::Entity::update_many()
            .col_expr(phase::Column::Position, Expr::value(position))
            .filter(phase::Column::Id.eq(id))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// A new phase of the roadmap after `after` (first when `None`); its id. Every project stays
/// where it is; a project in the phase before it now steps into it (unless it may be
/// skipped).
pub async fn add_phase(
    db: &DatabaseConnection,
    actor: &Actor,
    name: &str,
    after: Option<i32>,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    authorize(actor, PortfolioAction::ManageSettings)?;
    let name = parse_phase_name(name).map_err(|e| AppError::invalid("name", e))?;
    let txn = settings_turn(db).await?;
    let roadmap = super::load_roadmap(&txn).await?;
    if after.is_some_and(|id| !roadmap.order().contains(&id)) {
        return Err(AppError::invalid("after", FieldError::InvalidChoice));
    }
    let key = name_key(&name);
    if roadmap.all().any(|p| name_key(&p.name) == key) {
        return Err(AppError::conflict("name", FieldError::Taken));
    }
    let taken: Vec<String> = roadmap.all().map(|p| p.key.clone()).collect();
    let made = phase::ActiveModel {
        key: Set(phase_key(&name, &taken)),
        name: Set(name.clone()),
        position: Set(0),
        stops: Set(false),
        optional: Set(false),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    store_order(&txn, &inserted(&roadmap.order(), made.id, after)).await?;
    audit(
        &txn,
        actor,
        "phase.added",
        ("phase", made.id),
        json!({ "name": name, "key": made.key, "after": after }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(made.id)
}

/// Moves a phase one place earlier (`up`) or later. Projects keep their phase; *Stoppet* has
/// no place to move.
pub async fn reorder_phase(
    db: &DatabaseConnection,
    actor: &Actor,
    phase_id: i32,
    up: bool,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    authorize(actor, PortfolioAction::ManageSettings)?;
    let txn = settings_turn(db).await?;
    let roadmap = super::load_roadmap(&txn).await?;
    roadmap.by_id(phase_id).ok_or(AppError::NotFound)?;
    let order = moved(&roadmap.order(), phase_id, up)
        .ok_or_else(|| AppError::conflict("direction", FieldError::IllegalTransition))?;
    store_order(&txn, &order).await?;
    audit(
        &txn,
        actor,
        "phase.moved",
        ("phase", phase_id),
        json!({ "up": up, "order": order }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Sets whether projects may go past a phase on the way forward (a transition rule). Not for
/// *Stoppet*, which a project reaches from any phase.
pub async fn set_phase_optional(
    db: &DatabaseConnection,
    actor: &Actor,
    phase_id: i32,
    optional: bool,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    authorize(actor, PortfolioAction::ManageSettings)?;
    let txn = settings_turn(db).await?;
    let roadmap = super::load_roadmap(&txn).await?;
    roadmap.by_id(phase_id).ok_or(AppError::NotFound)?;
    if roadmap.is_stopped(phase_id) {
        return Err(AppError::conflict("optional", FieldError::IllegalTransition));
    }
    phase::Entity::update_many()
        .col_expr(phase::Column::Optional, Expr::value(optional))
        .filter(phase::Column::Id.eq(phase_id))
        .exec(&txn)
        .await?;
    audit(
        &txn,
        actor,
        "phase.rule_changed",
        ("phase", phase_id),
        json!({ "optional": optional }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A write of the portfolio's settings (programmes, phases): one at a time, as names must stay
/// unique and positions in order.
async fn settings_turn(
    db: &DatabaseConnection,
) -> Result<sea_orm::DatabaseTransaction, AppError> {
    let txn = crate::core::txn::begin_write(db).await?;
    take_turn(&txn, Turn::Names).await?;
    Ok(txn)
}
