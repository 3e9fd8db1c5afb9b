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
pub use coverage::{coverage, coverage_series, dashboard, list_targets, site_rows};
pub use demo::{NEW_LEADER, seed_demo_lup};
pub use groups::{add_group_member, change_group_status, enrol_group, get_group, list_groups};
pub use targets::create_target;

/// The audit row of a LUP change, in the change's transaction.
use crate::core::audit_trail::record_change as audit;
use crate::core::people::user_names;

/// Every sector and site by id (the organisation's directory).
use crate::org::directory::Directory as Organisation;
