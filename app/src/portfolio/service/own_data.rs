//! DESIGN §9 (GDPR): the portfolio's part of a user's own data: their ideas, the ideas they
//! support, their comments, the projects they own or work on, the benefits they answer
//! for, and what they wrote or decided: decisions on ideas (with the reason), phase changes
//! (with the note) and benefit measurements recorded. Called by `registry::export_own_data`, which has checked that the user asks for
//! their own data.

use sea_orm::sea_query::ExprTrait as _;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use crate::core::error::AppError;
use crate::core::timefmt::rfc3339;
use crate::portfolio::entities::{benefit, benefit_measurement, idea, idea_comment, idea_support, phase_change, project, project_member};

pub async fn own_data_section(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<serde_json::Value, AppError> {
    let ideas = idea::Entity::find()
        .filter(idea::Column::SubmittedBy.eq(user_id))
        .order_by_asc(idea::Column::Id)
        .all(db)
        .await?;
    let supported: Vec<i32> = idea_support::Entity::find()
        .filter(idea_support::Column::UserId.eq(user_id))
        .order_by_asc(idea_support::Column::IdeaId)
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.idea_id)
        .collect();
    let comments = idea_comment::Entity::find()
        .filter(idea_comment::Column::AuthorId.eq(user_id))
        .order_by_asc(idea_comment::Column::Id)
        .all(db)
        .await?;
    let member_of: Vec<i32> = project_member::Entity::find()
        .filter(project_member::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.project_id)
        .collect();
    let projects = project::Entity::find()
        .filter(
            project::Column::OwnerId
                .eq(user_id)
                .or(project::Column::Id.is_in(member_of.clone())),
        )
        .order_by_asc(project::Column::Id)
        .all(db)
        .await?;
    let benefits = benefit::Entity::find()
        .filter(benefit::Column::ResponsibleUserId.eq(user_id))
        .order_by_asc(benefit::Column::Id)
        .all(db)
        .await?;
    let decided = idea::Entity::find()
        .filter(idea::Column::DecidedBy.eq(user_id))
        .order_by_asc(idea::Column::Id)
        .all(db)
        .await?;
    let phase_changes = phase_change::Entity::find()
        .filter(phase_change::Column::ChangedBy.eq(user_id))
        .order_by_asc(phase_change::Column::Id)
        .all(db)
        .await?;
    let measurements = benefit_measurement::Entity::find()
        .filter(benefit_measurement::Column::RecordedBy.eq(user_id))
        .order_by_asc(benefit_measurement::Column::Id)
        .all(db)
        .await?;
    Ok(json!({
        "ideas": ideas.into_iter().map(|i| json!({
            "id": i.id,
            "title": i.title,
            "problem": i.problem,
            "proposal": i.proposal,
            "expected_gain": i.expected_gain,
            "status": i.status,
            "decision_reason": i.decision_reason,
            "created_at": rfc3339(i.created_at),
        })).collect::<Vec<_>>(),
        "supported_ideas": supported,
        "comments": comments.into_iter().map(|c| json!({
            "idea_id": c.idea_id,
            "body": c.body,
            "created_at": rfc3339(c.created_at),
        })).collect::<Vec<_>>(),
        "projects": projects.into_iter().map(|p| json!({
            "id": p.id,
            "name": p.name,
            "owner": p.owner_id == user_id,
            "member": member_of.contains(&p.id),
        })).collect::<Vec<_>>(),
        "benefits_responsible": benefits.into_iter().map(|b| json!({
            "id": b.id,
            "project_id": b.project_id,
            "description": b.description,
            "unit": b.unit,
            "target": b.target,
            "target_date": b.target_date.map(|d| d.to_string()),
        })).collect::<Vec<_>>(),
        "ideas_decided": decided.into_iter().map(|i| json!({
            "idea_id": i.id,
            "status": i.status,
            "decision_reason": i.decision_reason,
            "decided_at": i.decided_at.map(rfc3339),
        })).collect::<Vec<_>>(),
        "phase_changes": phase_changes.into_iter().map(|c| json!({
            "project_id": c.project_id,
            "from_phase_id": c.from_phase_id,
            "to_phase_id": c.to_phase_id,
            "note": c.note,
            "changed_at": rfc3339(c.changed_at),
        })).collect::<Vec<_>>(),
        "measurements_recorded": measurements.into_iter().map(|m| json!({
            "benefit_id": m.benefit_id,
            "measured_on": m.measured_on.to_string(),
            "value": m.value,
            "recorded_at": rfc3339(m.recorded_at),
        })).collect::<Vec<_>>(),
    }))
}
