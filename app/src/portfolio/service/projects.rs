//! Projects started directly (without an idea) and changes to a project's details
//! (DESIGN §4). Starting one is for those who may accept ideas; changing it for its owner and
//! members.

use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, Set};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::{Action, Actor, authorize};
use crate::core::error::{AppError, FieldError};
use crate::core::parse::Input;
use crate::entities::{
    phase_change, programme, project, project_member, project_sdg, project_tag, service_site,
};
use crate::portfolio::domain::project::{NewProject, ProjectPatch};

/// Starts a project owned by the acting user, in the roadmap's first phase.
pub async fn create_project(
    db: &DatabaseConnection,
    actor: &Actor,
    input: impl Input<Parsed = NewProject>,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    authorize(actor, Action::CreateProject)?;
    let new = input.parse().map_err(AppError::Invalid)?;
    let owner = actor.user_id().ok_or(AppError::Forbidden)?;
    let txn = crate::core::txn::begin_write(db).await?;
    let site = service_site::Entity::find_by_id(new.lead_site_id)
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::invalid("lead_site_id", FieldError::UnknownReference))?;
    if let Some(id) = new.programme_id
        && programme::Entity::find_by_id(id).one(&txn).await?.is_none()
    {
        return Err(AppError::invalid(
            "programme_id",
            FieldError::UnknownReference,
        ));
    }
    let roadmap = super::roadmap(&txn, actor).await?;
    let first = roadmap.first().ok_or(AppError::Internal)?.id;
    let created = project::ActiveModel {
        name: Set(new.name),
        description: Set(new.description),
        owner_id: Set(owner),
        lead_site_id: Set(site.id),
        sector_id: Set(site.sector_id),
        programme_id: Set(new.programme_id),
        phase_id: Set(first),
        budget_nok: Set(new.budget.map(|b| b.0)),
        started_on: Set(new.started_on),
        idea_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    project_member::ActiveModel {
        project_id: Set(created.id),
        user_id: Set(owner),
    }
    .insert(&txn)
    .await?;
    phase_change::ActiveModel {
        project_id: Set(created.id),
        from_phase_id: Set(None),
        to_phase_id: Set(first),
        note: Set(String::new()),
        changed_by: Set(Some(owner)),
        changed_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for tag_id in super::ideas::tag_ids(&txn, &new.tags).await? {
        project_tag::ActiveModel {
            project_id: Set(created.id),
            tag_id: Set(tag_id),
        }
        .insert(&txn)
        .await?;
    }
    for goal in &new.sdgs {
        project_sdg::ActiveModel {
            project_id: Set(created.id),
            goal: Set(i16::from(*goal)),
        }
        .insert(&txn)
        .await?;
    }
    let details = json!({ "lead_site_id": site.id, "direct": true });
    super::audit(
        &txn,
        actor,
        "project.created",
        ("project", created.id),
        details,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(created.id)
}

/// Changes a project's name, description, programme, budget or start date (its owner and
/// members); only what the patch gives changes.
pub async fn update_project(
    db: &DatabaseConnection,
    actor: &Actor,
    project_id: i32,
    input: impl Input<Parsed = ProjectPatch>,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    authorize(actor, Action::ViewPortfolio)?;
    let txn = crate::core::txn::begin_write(db).await?;
    let found = super::phases::editable_project(&txn, actor, project_id).await?;
    let patch = input.parse().map_err(AppError::Invalid)?;
    if let Some(Some(id)) = patch.programme_id
        && programme::Entity::find_by_id(id).one(&txn).await?.is_none()
    {
        return Err(AppError::invalid(
            "programme_id",
            FieldError::UnknownReference,
        ));
    }
    let mut row: project::ActiveModel = found.into();
    let mut changed = Vec::new();
    if let Some(name) = patch.name {
        row.name = Set(name);
        changed.push("name");
    }
    if let Some(description) = patch.description {
        row.description = Set(description);
        changed.push("description");
    }
    if let Some(programme_id) = patch.programme_id {
        row.programme_id = Set(programme_id);
        changed.push("programme_id");
    }
    if let Some(budget) = patch.budget {
        row.budget_nok = Set(budget.map(|b| b.0));
        changed.push("budget");
    }
    if let Some(started_on) = patch.started_on {
        row.started_on = Set(started_on);
        changed.push("started_on");
    }
    row.updated_at = Set(now);
    row.update(&txn).await?;
    let details = json!({ "changed": changed });
    super::audit(
        &txn,
        actor,
        "project.updated",
        ("project", project_id),
        details,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
