//! The portfolio's settings, for administrators (issue 30, DESIGN §4): programmes created and
//! changed here, not only by the demo loader; and the roadmap's phases renamed. A phase keeps
//! its key, its place and whether it stops a project, so every project and every recorded
//! phase change stays valid; the portfolio's stamp moves with the write (its triggers), so
//! every instance shows the new name at once.

use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, Set};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::{Actor, authorize};
use crate::core::error::{AppError, FieldError};
use crate::core::parse::{Input, name_key};
use crate::core::txn::{Turn, take_turn};
use crate::portfolio::domain::permission::PortfolioAction;
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
    let txn = crate::core::txn::begin_write(db).await?;
    take_turn(&txn, Turn::Names).await?;
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
    let txn = crate::core::txn::begin_write(db).await?;
    take_turn(&txn, Turn::Names).await?;
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
    let txn = crate::core::txn::begin_write(db).await?;
    take_turn(&txn, Turn::Names).await?;
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
