//! Every sector and service site by id, for the features that name the site and sector of
//! their rows (LUP's groups, the prize's nominations): about 200 sites, one query each,
//! whatever the page. Read-only; no permission of its own (the organisation is public,
//! DESIGN §3), the calling service has checked its own. It hands out the organisation's
//! domain types, so a feature asks a site whether it is active on a date
//! ([`ServiceSite::is_active_on`]) instead of writing the rule again.

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

use crate::core::error::AppError;
use crate::core::named::Named;
use crate::entities::{sector, service_site};
use crate::org::domain::{Sector, SectorWithSites, ServiceSite, group_by_sector};

pub struct Directory {
    pub sectors: HashMap<i32, Sector>,
    pub sites: HashMap<i32, ServiceSite>,
    /// The sites' ids by name, as the database orders names (its collation: Norwegian
    /// letters where PostgreSQL runs with a Norwegian locale).
    by_name: Vec<i32>,
}

impl Directory {
    pub async fn load(db: &impl ConnectionTrait) -> Result<Self, AppError> {
        let sectors = sector::Entity::find().all(db).await?;
        let sites = service_site::Entity::find()
            .order_by_asc(service_site::Column::Name)
            .order_by_asc(service_site::Column::Id)
            .all(db)
            .await?;
        let by_name = sites.iter().map(|s| s.id).collect();
        Ok(Self {
            by_name,
            sectors: sectors
                .into_iter()
                .map(|s| {
                    (
                        s.id,
                        Sector {
                            id: s.id,
                            name: s.name,
                        },
                    )
                })
                .collect(),
            sites: sites
                .into_iter()
                .map(|s| (s.id, ServiceSite::from(s)))
                .collect(),
        })
    }

    /// The site `id` (an empty name if it is unknown).
    pub fn site(&self, id: i32) -> Named {
        Named {
            id,
            name: self
                .sites
                .get(&id)
                .map(|s| s.name.clone())
                .unwrap_or_default(),
        }
    }

    /// The sector of the site `site_id`.
    pub fn sector_of_site(&self, site_id: i32) -> Named {
        let sector_id = self.sites.get(&site_id).map_or(0, |s| s.sector_id);
        self.sector(sector_id)
    }

    pub fn sector(&self, id: i32) -> Named {
        Named {
            id,
            name: self
                .sectors
                .get(&id)
                .map(|s| s.name.clone())
                .unwrap_or_default(),
        }
    }

    /// Every sector (in the order they were created) with its sites (by name), for the
    /// selects of a form.
    pub fn sectors_with_sites(&self) -> Vec<SectorWithSites> {
        let mut sectors: Vec<Sector> = self.sectors.values().cloned().collect();
        sectors.sort_by_key(|s| s.id);
        let sites = self
            .by_name
            .iter()
            .filter_map(|id| self.sites.get(id).cloned())
            .collect();
        group_by_sector(sectors, sites)
    }
}
