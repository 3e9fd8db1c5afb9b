//! What the portfolio's pages name their rows with and choose from — the roadmap, the
//! organisation and the programmes — remembered while the portfolio stands still (issue 27: a
//! page costs its page). Read whole, these are four statements and some 200 sites on every
//! view; remembered, they cost the one statement that reads the portfolio's stamp, which the
//! page needs for its summary anyway.
//!
//! Triggers give the stamp a new value in the same transaction as any write to the phases,
//! sectors, service sites or programmes (migrations `portfolio_stamp` and
//! `portfolio_stamp_reference`), so every instance sees such a change at once. The stamp is
//! read before the tables: what is remembered is never older than its stamp. Only read paths
//! on the pool take it (`&DatabaseConnection`): inside a transaction a stamp could belong to
//! a write that is then rolled back.

use std::collections::HashMap;
use std::sync::Arc;

use sea_orm::DatabaseConnection;

use super::summaries::{self, Memo};
use crate::core::error::AppError;
use crate::core::named::Named;
use crate::org::directory::Directory;
use crate::org::domain::SectorWithSites;
use crate::portfolio::domain::phase::Roadmap;

/// The portfolio's reference data at one stamp.
pub(super) struct Reference {
    pub roadmap: Roadmap,
    /// The sectors with their sites, as the filters and forms offer them.
    pub organisation: Vec<SectorWithSites>,
    pub programmes: Vec<Named>,
    /// The names a project row shows, by id.
    pub names: RowNames,
}

/// Stamps remembered at most 8: a few, so that the databases of one process (the tests') do
/// not push each other out.
static MEMO: Memo<i64, Arc<Reference>> = Memo::new(8);

/// The portfolio's stamp now and its reference data: one statement while the stamp stands,
/// five when it has moved since the last read.
pub(super) async fn read(db: &DatabaseConnection) -> Result<(i64, Arc<Reference>), AppError> {
    let stamp = summaries::stamp(db).await?;
    let reference = MEMO
        .get_or_compute(stamp, || async {
            let roadmap = super::load_roadmap(db).await?;
            let directory = Directory::load(db).await?;
            let programmes = super::programmes::programme_names(db).await?;
            Ok::<_, AppError>(Arc::new(Reference {
                names: RowNames::known(&directory, &programmes),
                organisation: directory.sectors_with_sites(),
                roadmap,
                programmes,
            }))
        })
        .await?;
    Ok((stamp, reference))
}

/// The names a project row shows: its sector, lead site and programme, by id.
pub(super) struct RowNames {
    pub(super) sectors: HashMap<i32, String>,
    pub(super) sites: HashMap<i32, String>,
    pub(super) programmes: HashMap<i32, String>,
}

impl RowNames {
    /// The names from the organisation and the programmes read already.
    fn known(directory: &Directory, programmes: &[Named]) -> Self {
        Self {
            sectors: directory
                .sectors
                .values()
                .map(|s| (s.id, s.name.clone()))
                .collect(),
            sites: directory
                .sites
                .values()
                .map(|s| (s.id, s.name.clone()))
                .collect(),
            programmes: programmes.iter().map(|p| (p.id, p.name.clone())).collect(),
        }
    }
}
