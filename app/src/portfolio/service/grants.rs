//! A grant from another feature recorded on the portfolio (DESIGN §6: "grants create or link
//! projects"): the fund's decision gives a project a funding row with the fund as its source,
//! on the project the application named or on a project the grant starts for its applicant.
//! Published to other features through `portfolio::write`; the deciding feature has checked
//! its own permission (the council's decision) and calls this inside its transaction.

use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::Actor;
use crate::core::error::{AppError, FieldError};
use crate::core::money::Nok;
use crate::entities::service_site;
use crate::portfolio::entities::{project, project_funding};

use super::projects::{Start, start_project};

/// What a grant brings to the portfolio.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// The project the application named, if any and if it still exists.
    pub project_id: Option<i32>,
    /// For a new project: the application's title, summary, applicant and site.
    pub name: String,
    pub description: String,
    pub owner_id: i32,
    pub site_id: Option<i32>,
    /// The funding's source as the project page shows it ("Forsknings- og innovasjonsfondet:
    /// <the call>").
    pub source: String,
    pub amount: Nok,
}

/// Records the grant as a funding row of its project (starting the project in the roadmap's
/// first phase when there is none); answers the project's id.
pub async fn record_grant(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    grant: Grant,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    let existing = match grant.project_id {
        Some(id) => project::Entity::find_by_id(id).one(txn).await?.map(|p| p.id),
        None => None,
    };
    let project_id = match existing {
        Some(id) => id,
        None => {
            // A project stands at a site: an application without one (its site since
            // removed) cannot start one.
            let site = match grant.site_id {
                Some(id) => service_site::Entity::find_by_id(id).one(txn).await?,
                None => None,
            }
            .ok_or_else(|| AppError::conflict("site_id", FieldError::UnknownReference))?;
            let start = Start {
                name: grant.name.chars().take(200).collect(),
                description: grant.description.clone(),
                owner: grant.owner_id,
                site: &site,
                programme_id: None,
                budget_nok: Some(grant.amount.0),
                started_on: Some(crate::core::timefmt::oslo_date(now)),
                idea_id: None,
                note: grant.source.clone(),
                tag_ids: Vec::new(),
                goals: Vec::new(),
            };
            start_project(txn, actor, start, now).await?
        }
    };
    let added = project_funding::ActiveModel {
        project_id: Set(project_id),
        source: Set(grant.source.chars().take(200).collect()),
        amount_nok: Set(grant.amount.0),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    super::audit_about(
        txn,
        actor,
        "project.involvement_added",
        ("project", project_id),
        &[],
        json!({ "part": "funding", "id": added.id, "grant": grant.amount.0 }),
        now,
    )
    .await?;
    super::touch(txn, project_id, now).await?;
    Ok(project_id)
}
