//! LUP's service layer (DESIGN §5): the only code that touches its tables. Every function
//! checks the actor's permission first (`auth::authorize`).

mod attendance;
mod cohorts;
mod coverage;
mod demo;
mod groups;
mod own_data;
mod pages;
mod rows;
mod targets;

pub use attendance::{mark_attendance, record_attendance, record_group_grid};
pub use cohorts::{add_gathering, create_cohort, get_cohort, list_cohorts, list_gatherings};
pub use coverage::{
    SERIES_STEP, coverage, coverage_series, dashboard, forecast, list_targets, remind_not_started,
    site_rows,
};
pub use demo::{NEW_LEADER, seed_demo_lup};
pub use groups::{
    add_group_member, change_group_status, enrol, enrol_group, get_group, list_groups,
    set_group_status,
};
pub use own_data::own_data_section;
pub use pages::{cohort_page, cohorts_page, dashboard_page, group_page};
pub use targets::create_target;

/// The audit row of a LUP change, in the change's transaction.
use crate::core::audit_trail::record_change as audit;
/// The audit row of a LUP change that concerns other users (supervisors, a member).
use crate::core::audit_trail::record_change_about as audit_about;
use crate::lup::domain::permission::LupAction;
use crate::core::people::user_names;

/// Every sector and site by id (the organisation's directory).
use crate::org::directory::Directory as Organisation;

use crate::auth::{Actor, authorize};
use crate::core::error::AppError;
use crate::lup::domain::scope::Visible;

/// A reader of LUP and the sites they see (DESIGN §2, §5): every read of groups, their
/// members and attendance is scoped the way coverage is, so a site's manager sees their
/// site's group and no other sector's (issue 23).
pub(super) struct Reader {
    pub org: Organisation,
    pub visible: Visible,
}

impl Reader {
    pub(super) async fn of(
        db: &impl sea_orm::ConnectionTrait,
        actor: &Actor,
    ) -> Result<Self, AppError> {
        authorize(actor, LupAction::View)?;
        let visible = Visible::of(actor).ok_or(AppError::Forbidden)?;
        let org = Organisation::load(db).await?;
        Ok(Self { org, visible })
    }

    pub(super) fn sees_site(&self, site_id: i32) -> bool {
        self.org
            .sites
            .get(&site_id)
            .is_some_and(|s| self.visible.site(s.sector_id, s.id))
    }

    /// The sites seen, or `None` for all of them (a query needs no filter then).
    pub(super) fn site_ids(&self) -> Option<Vec<i32>> {
        (!self.visible.is_everything()).then(|| {
            let mut ids: Vec<i32> = self
                .org
                .sites
                .values()
                .filter(|s| self.visible.site(s.sector_id, s.id))
                .map(|s| s.id)
                .collect();
            ids.sort_unstable();
            ids
        })
    }
}
