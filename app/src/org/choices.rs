//! The service sites as a select's choices, grouped by sector: the one place that decides
//! which sites a form offers (issue 25; five pages had their own copy with three rules).

use time::Date;

use super::domain::SectorWithSites;
use crate::ui::Choice;

/// The sites open on `on` (opened, not closed: `org::domain::site_active_on`), leaving out
/// `leave_out` (sites already chosen), under their sectors in the directory's order; a sector
/// with nothing to offer is left out. `keep` stays on offer whatever its dates: the site an
/// edited record already names, which would otherwise be changed by saving the form.
pub fn site_choices(
    org: &[SectorWithSites],
    on: Date,
    leave_out: &[i32],
    keep: Option<i32>,
) -> Vec<Choice> {
    org.iter()
        .map(|group| {
            Choice::group(
                group.sector.name.clone(),
                group
                    .sites
                    .iter()
                    .filter(|site| {
                        Some(site.id) == keep
                            || (site.is_active_on(on) && !leave_out.contains(&site.id))
                    })
                    .map(|site| (site.id.to_string(), site.name.clone()))
                    .collect(),
            )
        })
        .filter(|group| !group.options.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::org::domain::{Sector, ServiceSite};

    fn site(id: i32, sector_id: i32, active_from: Date, closed_on: Option<Date>) -> ServiceSite {
        ServiceSite {
            id,
            sector_id,
            name: format!("Sted {id}"),
            active_from,
            closed_on,
        }
    }

    #[test]
    fn only_open_sites_not_left_out_are_offered_under_their_sector() {
        let org = vec![
            SectorWithSites {
                sector: Sector {
                    id: 1,
                    name: "Helse".into(),
                },
                sites: vec![
                    site(10, 1, date!(2020 - 01 - 01), None),
                    site(11, 1, date!(2027 - 01 - 01), None),
                    site(12, 1, date!(2020 - 01 - 01), Some(date!(2026 - 06 - 01))),
                    site(13, 1, date!(2020 - 01 - 01), None),
                ],
            },
            SectorWithSites {
                sector: Sector {
                    id: 2,
                    name: "Skole".into(),
                },
                sites: vec![site(20, 2, date!(2027 - 01 - 01), None)],
            },
        ];
        let offered = site_choices(&org, date!(2026 - 12 - 06), &[13], None);
        assert_eq!(offered.len(), 1, "a sector with nothing open is left out");
        assert_eq!(offered[0].label, "Helse");
        assert_eq!(offered[0].options, [("10".to_owned(), "Sted 10".to_owned())]);
        let later = site_choices(&org, date!(2027 - 01 - 01), &[], None);
        let ids: Vec<&str> = later
            .iter()
            .flat_map(|g| g.options.iter().map(|(id, _)| id.as_str()))
            .collect();
        assert_eq!(ids, ["10", "11", "13", "20"]);
        let editing = site_choices(&org, date!(2026 - 12 - 06), &[], Some(12));
        let ids: Vec<&str> = editing
            .iter()
            .flat_map(|g| g.options.iter().map(|(id, _)| id.as_str()))
            .collect();
        assert_eq!(ids, ["10", "12", "13"], "a closed site an edit names is kept");
    }
}
