//! Projects started directly (without an idea) and changes to a project's details
//! (DESIGN §4). Starting one is for those who may accept ideas; changing it for its owner and
//! members.

use crate::portfolio::domain::permission::PortfolioAction;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, Set};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::{Actor, authorize};
use crate::core::error::{AppError, FieldError};
use crate::core::parse::Input;
use crate::portfolio::entities::{phase_change, programme, project, project_member, project_sdg, project_tag};
use crate::entities::service_site;
use crate::portfolio::domain::project::{NewProject, ProjectPatch};

/// Starts a project owned by the acting user, in the roadmap's first phase.
pub async fn create_project(
    db: &DatabaseConnection,
    actor: &Actor,
    input: impl Input<Parsed = NewProject>,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    authorize(actor, PortfolioAction::CreateProject)?;
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
    let tags = super::tag_ids(&txn, &new.tags).await?;
    let start = Start {
        name: new.name,
        description: new.description,
        owner,
        site: &site,
        programme_id: new.programme_id,
        budget_nok: new.budget.map(|b| b.0),
        started_on: new.started_on,
        idea_id: None,
        note: String::new(),
        tag_ids: tags,
        goals: new.sdgs.iter().map(|g| i16::from(*g)).collect(),
    };
    let created = start_project(&txn, actor, start, now).await?;
    txn.commit().await?;
    Ok(created)
}

/// What a new project starts with, whether started directly or from an accepted idea.
pub(super) struct Start<'a> {
    pub name: String,
    pub description: String,
    pub owner: i32,
    pub site: &'a service_site::Model,
    pub programme_id: Option<i32>,
    pub budget_nok: Option<i64>,
    pub started_on: Option<time::Date>,
    pub idea_id: Option<i32>,
    /// The note on the first step of its timeline.
    pub note: String,
    pub tag_ids: Vec<i32>,
    pub goals: Vec<i16>,
}

/// Inserts a project in the roadmap's first phase with its owner as its first member, the
/// first step of its timeline, its tags and goals, and the audit row; returns its id.
pub(super) async fn start_project(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    start: Start<'_>,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    let roadmap = super::roadmap(txn, &Actor::System).await?;
    let first = roadmap.first().ok_or(AppError::Internal)?.id;
    let created = project::ActiveModel {
        name: Set(start.name),
        description: Set(start.description),
        owner_id: Set(start.owner),
        lead_site_id: Set(start.site.id),
        sector_id: Set(start.site.sector_id),
        programme_id: Set(start.programme_id),
        phase_id: Set(first),
        budget_nok: Set(start.budget_nok),
        started_on: Set(start.started_on),
        idea_id: Set(start.idea_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    project_member::ActiveModel {
        project_id: Set(created.id),
        user_id: Set(start.owner),
    }
    .insert(txn)
    .await?;
    phase_change::ActiveModel {
        project_id: Set(created.id),
        from_phase_id: Set(None),
        to_phase_id: Set(first),
        note: Set(start.note),
        changed_by: Set(actor.user_id()),
        changed_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    replace_sets(txn, created.id, Some(start.tag_ids), Some(start.goals)).await?;
    let details = match start.idea_id {
        Some(idea_id) => json!({ "idea_id": idea_id, "lead_site_id": start.site.id }),
        None => json!({ "lead_site_id": start.site.id, "direct": true }),
    };
    super::audit_about(
        txn,
        actor,
        "project.created",
        ("project", created.id),
        &[start.owner],
        details,
        now,
    )
    .await?;
    Ok(created.id)
}

/// Changes a project's name, description, programme, budget, start date, tags or goals (its
/// owner and members); only what the patch gives changes.
pub async fn update_project(
    db: &DatabaseConnection,
    actor: &Actor,
    project_id: i32,
    input: impl Input<Parsed = ProjectPatch>,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    authorize(actor, PortfolioAction::View)?;
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
    if let Some(tags) = patch.tags {
        let tag_ids = super::tag_ids(&txn, &tags).await?;
        replace_sets(&txn, project_id, Some(tag_ids), None).await?;
        changed.push("tags");
    }
    if let Some(goals) = patch.sdgs {
        let goals = goals.into_iter().map(i16::from).collect();
        replace_sets(&txn, project_id, None, Some(goals)).await?;
        changed.push("sdgs");
    }
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

/// Sets the project's tags and goals to exactly these (those given; `None` keeps them).
async fn replace_sets(
    txn: &impl ConnectionTrait,
    project_id: i32,
    tag_ids: Option<Vec<i32>>,
    goals: Option<Vec<i16>>,
) -> Result<(), AppError> {
    use sea_orm::{ColumnTrait, QueryFilter};
    if let Some(tag_ids) = tag_ids {
        project_tag::Entity::delete_many()
            .filter(project_tag::Column::ProjectId.eq(project_id))
            .exec(txn)
            .await?;
        if !tag_ids.is_empty() {
            project_tag::Entity::insert_many(tag_ids.into_iter().map(|tag_id| {
                project_tag::ActiveModel {
                    project_id: Set(project_id),
                    tag_id: Set(tag_id),
                }
            }))
            .exec(txn)
            .await?;
        }
    }
    if let Some(goals) = goals {
        project_sdg::Entity::delete_many()
            .filter(project_sdg::Column::ProjectId.eq(project_id))
            .exec(txn)
            .await?;
        if !goals.is_empty() {
            project_sdg::Entity::insert_many(goals.into_iter().map(|goal| {
                project_sdg::ActiveModel {
                    project_id: Set(project_id),
                    goal: Set(goal),
                }
            }))
            .exec(txn)
            .await?;
        }
    }
    Ok(())
}
