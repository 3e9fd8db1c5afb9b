//! An application and how the acting user stands to it (its applicant, its team, its line
//! manager, a reviewer of its call): what the fund's permission rules read, for every
//! service that acts on an application.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::auth::Actor;
use crate::core::error::AppError;
use crate::core::money::Nok;
use crate::fund::domain::application::Stage;
use crate::entities::service_site;
use crate::fund::domain::permission::FundAction;
use crate::fund::entities::{fund_application, fund_call, fund_team_member};

use super::find_call;

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
    Ok(Stands::of(db, actor).await?.to(application))
}

/// What decides how the actor stands to any application: their teams, the calls they review
/// and the sites they manage (directly or through a sector), read once for a list.
pub(super) struct Stands {
    me: Option<i32>,
    teams: std::collections::HashSet<i32>,
    reviewing: std::collections::HashSet<i32>,
    managed_sites: std::collections::HashSet<i32>,
}

impl Stands {
    pub(super) async fn of(db: &impl ConnectionTrait, actor: &Actor) -> Result<Self, AppError> {
        use crate::auth::{Role, Scope};
        use crate::fund::entities::fund_call_reviewer;
        let Some(user) = actor.user() else {
            return Ok(Self {
                me: None,
                teams: Default::default(),
                reviewing: Default::default(),
                managed_sites: Default::default(),
            });
        };
        let teams = fund_team_member::Entity::find()
            .filter(fund_team_member::Column::UserId.eq(user.id))
            .all(db)
            .await?
            .into_iter()
            .map(|m| m.application_id)
            .collect();
        let reviewing = fund_call_reviewer::Entity::find()
            .filter(fund_call_reviewer::Column::UserId.eq(user.id))
            .all(db)
            .await?
            .into_iter()
            .map(|r| r.call_id)
            .collect();
        let grants = user.roles.iter().filter(|g| g.role == Role::Manager);
        let mut managed_sites: std::collections::HashSet<i32> = grants
            .clone()
            .filter_map(|g| match g.scope {
                Scope::Site(id) => Some(id),
                _ => None,
            })
            .collect();
        let sectors: Vec<i32> = grants
            .filter_map(|g| match g.scope {
                Scope::Sector(id) => Some(id),
                _ => None,
            })
            .collect();
        if !sectors.is_empty() {
            managed_sites.extend(
                service_site::Entity::find()
                    .filter(service_site::Column::SectorId.is_in(sectors))
                    .all(db)
                    .await?
                    .into_iter()
                    .map(|s| s.id),
            );
        }
        Ok(Self {
            me: Some(user.id),
            teams,
            reviewing,
            managed_sites,
        })
    }

    /// The applications the actor may open, as a condition for a query (`FundAction::
    /// ViewApplication` in SQL: their own and their teams'; submitted ones of the calls they
    /// review and the sites they manage; every submitted one for the council, `council`).
    /// A list narrows in the database with it and still judges each row with [`Self::to`].
    pub(super) fn visible(&self, council: bool) -> sea_orm::Condition {
        use sea_orm::Condition;
        let Some(me) = self.me else {
            return Condition::all().add(fund_application::Column::Id.is_in(Vec::<i32>::new()));
        };
        let mut submitted =
            Condition::all().add(fund_application::Column::SubmittedAt.is_not_null());
        if !council {
            submitted = submitted.add(
                Condition::any()
                    .add(fund_application::Column::CallId.is_in(self.reviewing.iter().copied()))
                    .add(fund_application::Column::SiteId.is_in(self.managed_sites.iter().copied())),
            );
        }
        Condition::any()
            .add(fund_application::Column::ApplicantId.eq(me))
            .add(fund_application::Column::Id.is_in(self.teams.iter().copied()))
            .add(submitted)
    }

    /// The actor's standing to `application`.
    pub(super) fn to(&self, application: &fund_application::Model) -> Standing {
        Standing {
            applicant: self.me == Some(application.applicant_id),
            team: self.teams.contains(&application.id),
            line_manager: application
                .site_id
                .is_some_and(|site| self.managed_sites.contains(&site)),
            reviewer: application.submitted_at.is_some()
                && self.reviewing.contains(&application.call_id),
        }
    }
}

/// Where the application stands (`Stage`), its call decided or not.
pub(super) fn stage(application: &fund_application::Model, decided: bool) -> Stage {
    Stage::of(
        application.submitted_at.is_some(),
        decided,
        application.recommended_nok.map(Nok),
    )
}
