//! Coverage targets (issue 13): "120 of 200 service sites by 31 December", for the whole
//! organisation or a sector; each shown against the coverage on its date.

use crate::lup::domain::permission::LupAction;
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, QueryOrder, Set};
use serde_json::json;
use time::{Date, OffsetDateTime};

use crate::auth::{Actor, authorize};
use crate::core::error::{AppError, FieldError};
use crate::core::parse::Input;
use crate::lup::entities::lup_target;
use crate::entities::sector;
use crate::lup::domain::coverage::{CoverageFacts, Share};
use crate::lup::domain::forecast::forecast;
use crate::lup::domain::scope::Visible;
use crate::lup::domain::target::{Goal, NewTarget};
use crate::lup::domain::view::TargetView;

use super::{Organisation, audit};

/// Sets a target (LUP coordinators).
pub async fn create_target(
    db: &DatabaseConnection,
    actor: &Actor,
    input: impl Input<Parsed = NewTarget>,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    authorize(actor, LupAction::Manage)?;
    let new = input.parse().map_err(AppError::Invalid)?;
    let txn = crate::core::txn::begin_write(db).await?;
    if let Some(id) = new.sector_id
        && sector::Entity::find_by_id(id).one(&txn).await?.is_none()
    {
        return Err(AppError::invalid("sector_id", FieldError::UnknownReference));
    }
    let created = lup_target::ActiveModel {
        kind: Set(new.goal.kind().to_owned()),
        value: Set(i32::try_from(new.goal.value()).map_err(|_| AppError::Internal)?),
        sector_id: Set(new.sector_id),
        due_on: Set(new.due_on),
        created_by: Set(actor.user_id()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let details = json!({
        "kind": created.kind,
        "value": created.value,
        "sector_id": created.sector_id,
        "due_on": created.due_on.to_string(),
    });
    audit(
        &txn,
        actor,
        "lup.target_set",
        ("lup_target", created.id),
        details,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(created.id)
}

/// Evaluates the targets visible to the viewer: the whole organisation's only for those who
/// see everything, a sector's for those who see that sector.
pub(super) async fn evaluate(
    db: &DatabaseConnection,
    facts: &CoverageFacts,
    org: &Organisation,
    visible: &Visible,
    today: Date,
) -> Result<Vec<TargetView>, AppError> {
    let targets = lup_target::Entity::find()
        .order_by_asc(lup_target::Column::DueOn)
        .order_by_asc(lup_target::Column::Id)
        .all(db)
        .await?;
    Ok(targets
        .into_iter()
        .filter(|t| match t.sector_id {
            None => visible.is_everything(),
            Some(id) => visible.sector(id),
        })
        .filter_map(|t| {
            let goal = Goal::from_stored(&t.kind, i64::from(t.value))?;
            let date = t.due_on.min(today);
            let coverage = facts.on(date);
            let share = match t.sector_id {
                None => coverage.share,
                Some(id) => coverage
                    .by_sector
                    .iter()
                    .find(|s| s.sector_id == id)
                    .map_or(Share::default(), |s| s.share),
            };
            let forecast = forecast(
                |d| facts.share_on(d, t.sector_id),
                facts.first_completion(t.sector_id),
                today,
                goal,
                Some(t.due_on),
            );
            Some(TargetView {
                id: t.id,
                goal,
                sector: t.sector_id.map(|id| org.sector(id)),
                due_on: t.due_on,
                needed: goal.needed(share.active),
                share,
                met: goal.is_met_by(share),
                forecast,
            })
        })
        .collect())
}
