//! LUP's service layer (DESIGN §5): the only code that touches its tables. Every function
//! checks the actor's permission first (`auth::authorize`).

mod attendance;
mod cohorts;
mod coverage;
mod demo;
mod groups;
mod rows;
mod targets;

pub use attendance::{record_attendance, record_group_grid};
pub use cohorts::{add_gathering, create_cohort, get_cohort, list_cohorts, list_gatherings};
pub use coverage::{coverage, coverage_series, dashboard, site_rows};
pub use demo::{NEW_LEADER, seed_demo_lup};
pub use groups::{add_group_member, change_group_status, enrol_group, get_group, list_groups};
pub use targets::{create_target, list_targets};

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, EntityTrait};

use crate::core::error::AppError;
use crate::entities::{sector, service_site};
use crate::lup::domain::view::Named;

/// The audit row of a LUP change, in the change's transaction.
use crate::core::audit_trail::record_change as audit;
use crate::core::people::user_names;

/// Every sector and site by id (about 200 sites: one query each, whatever the page).
struct Organisation {
    sectors: HashMap<i32, sector::Model>,
    sites: HashMap<i32, service_site::Model>,
}

impl Organisation {
    async fn load(db: &impl ConnectionTrait) -> Result<Self, AppError> {
        let sectors = sector::Entity::find().all(db).await?;
        let sites = service_site::Entity::find().all(db).await?;
        Ok(Self {
            sectors: sectors.into_iter().map(|s| (s.id, s)).collect(),
            sites: sites.into_iter().map(|s| (s.id, s)).collect(),
        })
    }

    fn site(&self, id: i32) -> Named {
        Named {
            id,
            name: self
                .sites
                .get(&id)
                .map(|s| s.name.clone())
                .unwrap_or_default(),
        }
    }

    fn sector_of_site(&self, site_id: i32) -> Named {
        let sector_id = self.sites.get(&site_id).map_or(0, |s| s.sector_id);
        self.sector(sector_id)
    }

    fn sector(&self, id: i32) -> Named {
        Named {
            id,
            name: self
                .sectors
                .get(&id)
                .map(|s| s.name.clone())
                .unwrap_or_default(),
        }
    }
}
