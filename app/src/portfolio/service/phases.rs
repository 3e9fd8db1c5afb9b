//! Moving a project along the roadmap (DESIGN §4): one step forward, one back with a reason,
//! or stopped with the lessons; each change is kept with who, when and the note.

use crate::portfolio::domain::permission::PortfolioAction;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::{Actor, authorize};
use crate::portfolio::domain::permission::ProjectRelation;
use crate::core::error::{AppError, FieldError, FieldErrors};
use crate::core::parse::{Input, parse_optional_text};
use crate::portfolio::entities::{phase_change, project, project_member};
use crate::portfolio::domain::idea::MAX_TEXT_CHARS;
use crate::portfolio::domain::phase::{Phase, TransitionError};

/// How `actor` stands to the project (one query for its members).
async fn relation_to(
    db: &impl ConnectionTrait,
    actor: &Actor,
    project: &project::Model,
) -> Result<ProjectRelation, AppError> {
    let members: Vec<i32> = project_member::Entity::find()
        .filter(project_member::Column::ProjectId.eq(project.id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    Ok(ProjectRelation::of(
        actor.user_id(),
        project.owner_id,
        &members,
    ))
}

/// The project, once the actor may change it (its owner, a member, an admin); a visitor
/// learns nothing of it.
pub(super) async fn editable_project(
    db: &impl ConnectionTrait,
    actor: &Actor,
    project_id: i32,
) -> Result<project::Model, AppError> {
    authorize(actor, PortfolioAction::View)?;
    // Every edit of a project takes turns on its row: a phase step or a duplicate check
    // sees the edit committed before it (issue 23).
    let found = crate::core::txn::find_locked::<project::Entity>(db, project_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let relation = relation_to(db, actor, &found).await?;
    authorize(actor, PortfolioAction::EditProject { relation })?;
    Ok(found)
}

fn refusal(error: TransitionError) -> FieldErrors {
    let (field, error) = match error {
        TransitionError::UnknownPhase => ("to", FieldError::InvalidChoice),
        TransitionError::NoteRequired => ("note", FieldError::Required),
        TransitionError::SamePhase
        | TransitionError::NotAdjacent
        | TransitionError::AlreadyStopped => ("to", FieldError::IllegalTransition),
    };
    FieldErrors::from([(field.to_owned(), error)])
}

/// Moves a project to the phase `to` (its key, e.g. `utvikling_og_utproving`) with `note`.
/// Its owner and members may; the rules are `Roadmap::check`.
pub async fn change_phase(
    db: &DatabaseConnection,
    actor: &Actor,
    project_id: i32,
    to: &str,
    note: &str,
    now: OffsetDateTime,
) -> Result<Phase, AppError> {
    let step = crate::portfolio::domain::phase::PhaseStepText {
        to: to.to_owned(),
        note: note.to_owned(),
    };
    move_phase(db, actor, project_id, step, now).await
}

/// [`change_phase`] of a step read only once the caller may change the project (the REST
/// body: issue 26, 404 and 403 before 422).
pub async fn move_phase(
    db: &DatabaseConnection,
    actor: &Actor,
    project_id: i32,
    input: impl Input<Parsed = crate::portfolio::domain::phase::PhaseStepText>,
    now: OffsetDateTime,
) -> Result<Phase, AppError> {
    authorize(actor, PortfolioAction::View)?;
    let txn = crate::core::txn::begin_write(db).await?;
    let found = editable_project(&txn, actor, project_id).await?;
    let crate::portfolio::domain::phase::PhaseStepText { to, note } =
        input.parse().map_err(AppError::Invalid)?;
    let roadmap = super::roadmap(&txn, actor).await?;
    let target = roadmap
        .by_key(to.trim())
        .cloned()
        .ok_or_else(|| AppError::invalid("to", FieldError::InvalidChoice))?;
    let note = parse_optional_text(&note, MAX_TEXT_CHARS)
        .map_err(|e| AppError::invalid("note", e))?
        .unwrap_or_default();
    let from = found.phase_id;
    let step = roadmap
        .check(from, target.id, &note)
        .map_err(|e| AppError::Invalid(refusal(e)))?;
    let mut row: project::ActiveModel = found.into();
    row.phase_id = Set(target.id);
    row.updated_at = Set(now);
    row.update(&txn).await?;
    phase_change::ActiveModel {
        project_id: Set(project_id),
        from_phase_id: Set(Some(from)),
        to_phase_id: Set(target.id),
        note: Set(note),
        changed_by: Set(actor.user_id()),
        changed_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let details = json!({ "from": from, "to": target.id, "step": format!("{step:?}") });
    super::audit(
        &txn,
        actor,
        "project.phase_changed",
        ("project", project_id),
        details,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(target)
}
