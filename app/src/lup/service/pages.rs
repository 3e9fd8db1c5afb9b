//! The models of LUP's pages (issue 25: a page asks once). Each reads what its page shows
//! with one authorization, and says whether the reader may change LUP, so the page shows
//! its forms then, with the organisation where a form picks a site or sector.

use sea_orm::DatabaseConnection;
use time::OffsetDateTime;

use super::Reader;
use crate::auth::{Actor, authorize};
use crate::core::error::AppError;
use crate::lup::domain::permission::LupAction;
use crate::lup::domain::view::{CohortRow, CohortView, Dashboard, GroupView, LupPage};

fn manages(actor: &Actor) -> bool {
    authorize(actor, LupAction::Manage).is_ok()
}

/// `/lup`: the coverage dashboard, and the form that sets a target.
pub async fn dashboard_page(
    db: &DatabaseConnection,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<LupPage<Dashboard>, AppError> {
    let (model, organisation) = super::coverage::dashboard_with_organisation(db, actor, now).await?;
    let manages = manages(actor);
    Ok(LupPage {
        model,
        manages,
        organisation: if manages { organisation } else { Vec::new() },
    })
}

/// `/lup/kull`: every cohort, and the form for a new one.
pub async fn cohorts_page(
    db: &DatabaseConnection,
    actor: &Actor,
) -> Result<LupPage<Vec<CohortRow>>, AppError> {
    let reader = Reader::of(db, actor).await?;
    Ok(LupPage {
        model: super::cohorts::cohorts_for(db, &reader).await?,
        manages: manages(actor),
        organisation: Vec::new(),
    })
}

/// `/lup/kull/{id}`: one cohort, and the forms that add a gathering and enrol a site's group.
pub async fn cohort_page(
    db: &DatabaseConnection,
    actor: &Actor,
    cohort_id: i32,
    now: OffsetDateTime,
) -> Result<LupPage<CohortView>, AppError> {
    let reader = Reader::of(db, actor).await?;
    let model = super::cohorts::cohort_for(db, &reader, cohort_id, now).await?;
    let manages = manages(actor);
    Ok(LupPage {
        model,
        manages,
        organisation: if manages {
            reader.org.sectors_with_sites()
        } else {
            Vec::new()
        },
    })
}

/// `/lup/grupper/{id}`: one leader group, and the forms that change it.
pub async fn group_page(
    db: &DatabaseConnection,
    actor: &Actor,
    group_id: i32,
    now: OffsetDateTime,
) -> Result<LupPage<GroupView>, AppError> {
    let reader = Reader::of(db, actor).await?;
    Ok(LupPage {
        model: super::groups::group_for(db, &reader, group_id, now).await?,
        manages: manages(actor),
        organisation: Vec::new(),
    })
}
