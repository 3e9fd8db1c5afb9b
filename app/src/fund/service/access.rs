//! An application and how the acting user stands to it (its applicant, its team, its line
//! manager, a reviewer of its call): what the fund's permission rules read, for every
//! service that acts on an application.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::auth::Actor;
use crate::core::error::AppError;
use crate::entities::service_site;
use crate::fund::domain::permission::FundAction;
use crate::fund::entities::{fund_application, fund_call, fund_team_member};

use super::{find_call, reviewers_of};

/// How the actor stands to an application: what the permission rules read.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Standing {
    pub applicant: bool,
    pub team: bool,
    pub line_manager: bool,
    pub reviewer: bool,
}

impl Standing {
    pub fn view(self, application: &fund_application::Model) -> FundAction {
        FundAction::ViewApplication {
            applicant_or_team: self.applicant || self.team,
            line_manager: self.line_manager,
            reviewer: self.reviewer,
            submitted: application.submitted_at.is_some(),
        }
    }
}

/// The application `id` and its call.
pub(super) async fn find_application(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<(fund_application::Model, fund_call::Model), AppError> {
    let application = fund_application::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let call = find_call(db, application.call_id).await?;
    Ok((application, call))
}

pub(super) async fn team_of(
    db: &impl ConnectionTrait,
    application_id: i32,
) -> Result<Vec<i32>, AppError> {
    Ok(fund_team_member::Entity::find()
        .filter(fund_team_member::Column::ApplicationId.eq(application_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect())
}

/// The sector of the site `site_id`, if both exist.
pub(super) async fn sector_of(
    db: &impl ConnectionTrait,
    site_id: Option<i32>,
) -> Result<Option<i32>, AppError> {
    let Some(site_id) = site_id else {
        return Ok(None);
    };
    Ok(service_site::Entity::find_by_id(site_id)
        .one(db)
        .await?
        .map(|s| s.sector_id))
}

pub(super) async fn standing(
    db: &impl ConnectionTrait,
    actor: &Actor,
    application: &fund_application::Model,
) -> Result<Standing, AppError> {
    let Some(user) = actor.user() else {
        return Ok(Standing::default());
    };
    let sector = sector_of(db, application.site_id).await?;
    Ok(Standing {
        applicant: application.applicant_id == user.id,
        team: team_of(db, application.id).await?.contains(&user.id),
        line_manager: application.site_id.is_some() && user.manages(sector, application.site_id),
        reviewer: application.submitted_at.is_some()
            && reviewers_of(db, application.call_id).await?.contains(&user.id),
    })
}
