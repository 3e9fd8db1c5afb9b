//! Coverage (DESIGN §5, issue 13): the share of active service sites with at least one
//! completed leader group, on any date, overall and per sector, and its series over time.
//! Pure: the sites, the groups and the date come in; nothing is read from a clock.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use time::{Date, Month};

use crate::lup::domain::group::GroupStatus;

/// What coverage needs to know of a service site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SiteSpan {
    pub site_id: i32,
    pub sector_id: i32,
    pub active_from: Date,
    /// The first day the site is no longer active.
    pub closed_on: Option<Date>,
}

impl SiteSpan {
    /// DESIGN §3, as the organisation defines it.
    pub fn is_active_on(&self, date: Date) -> bool {
        crate::org::domain::site_active_on(self.active_from, self.closed_on, date)
    }
}

/// What coverage needs to know of a leader group: its site and its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupSpan {
    pub site_id: i32,
    pub status: GroupStatus,
}

/// Covered and active sites: a share without floating-point arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Share {
    pub covered: u32,
    pub active: u32,
}

impl Share {
    /// The share as a fraction for reports and JSON (0 when no site is active).
    pub fn ratio(self) -> f64 {
        if self.active == 0 {
            0.0
        } else {
            f64::from(self.covered) / f64::from(self.active)
        }
    }

    /// Whole per cent, rounded half up (`7 of 9` is 78 %).
    pub fn percent(self) -> u32 {
        if self.active == 0 {
            return 0;
        }
        let (covered, active) = (u64::from(self.covered), u64::from(self.active));
        u32::try_from((covered * 200 + active) / (active * 2)).unwrap_or(100)
    }
}

/// Coverage of one sector on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectorCoverage {
    pub sector_id: i32,
    pub share: Share,
}

/// Coverage on a date: overall, per sector (in sector id order), and the leader groups
/// completed so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    pub date: Date,
    pub share: Share,
    pub completed_groups: u32,
    pub by_sector: Vec<SectorCoverage>,
}

/// The facts coverage is computed from, prepared once for any number of dates: each site's
/// first completion and every completion date.
#[derive(Debug, Clone)]
pub struct CoverageFacts {
    sites: Vec<SiteSpan>,
    first_completion: HashMap<i32, Date>,
    completions: Vec<Date>,
}

impl CoverageFacts {
    pub fn new(sites: Vec<SiteSpan>, groups: &[GroupSpan]) -> Self {
        let mut first_completion: HashMap<i32, Date> = HashMap::new();
        let mut completions = Vec::new();
        for group in groups {
            // DESIGN §5: only a completed group covers its site; withdrawn groups never count.
            let GroupStatus::Completed { on } = group.status else {
                continue;
            };
            completions.push(on);
            first_completion
                .entry(group.site_id)
                .and_modify(|first| *first = (*first).min(on))
                .or_insert(on);
        }
        completions.sort_unstable();
        Self {
            sites,
            first_completion,
            completions,
        }
    }

    /// Whether `site` is covered on `date`: active that day, with a group completed on or
    /// before it. Several groups of one site count the site once.
    pub fn is_covered_on(&self, site: &SiteSpan, date: Date) -> bool {
        site.is_active_on(date)
            && self
                .first_completion
                .get(&site.site_id)
                .is_some_and(|first| *first <= date)
    }

    /// Covered and active sites on `date`, of one sector's sites (every site's when `None`).
    pub fn share_on(&self, date: Date, sector: Option<i32>) -> Share {
        let mut share = Share::default();
        for site in self
            .sites
            .iter()
            .filter(|s| sector.is_none_or(|id| s.sector_id == id))
            .filter(|s| s.is_active_on(date))
        {
            share.active += 1;
            share.covered += u32::from(self.is_covered_on(site, date));
        }
        share
    }

    /// The first day a group of one sector's sites (any site's when `None`) completed.
    pub fn first_completion(&self, sector: Option<i32>) -> Option<Date> {
        self.sites
            .iter()
            .filter(|s| sector.is_none_or(|id| s.sector_id == id))
            .filter_map(|s| self.first_completion.get(&s.site_id))
            .min()
            .copied()
    }

    /// Coverage on `date`, computed from what was true that day: sites not yet open or
    /// already closed leave the denominator, later completions do not count.
    pub fn on(&self, date: Date) -> Coverage {
        let mut share = Share::default();
        let mut by_sector: BTreeMap<i32, Share> = BTreeMap::new();
        for site in self.sites.iter().filter(|s| s.is_active_on(date)) {
            let covered = u32::from(self.is_covered_on(site, date));
            let sector = by_sector.entry(site.sector_id).or_default();
            sector.active += 1;
            sector.covered += covered;
            share.active += 1;
            share.covered += covered;
        }
        let completed = self.completions.partition_point(|on| *on <= date);
        Coverage {
            date,
            share,
            completed_groups: u32::try_from(completed).unwrap_or(u32::MAX),
            by_sector: by_sector
                .into_iter()
                .map(|(sector_id, share)| SectorCoverage { sector_id, share })
                .collect(),
        }
    }

    /// Coverage at the end of each month from `from`'s month to `to`'s, the last point on
    /// `to` itself; empty when `to` is before `from`.
    pub fn monthly(&self, from: Date, to: Date) -> Vec<Coverage> {
        month_ends(from, to)
            .into_iter()
            .map(|date| self.on(date))
            .collect()
    }
}

/// Longest series the API answers: 50 years of months.
pub const MAX_SERIES_POINTS: usize = 600;

/// The last day of each month from `from`'s month through `to`'s, with `to` as the last
/// point (so a series ends today, not at the end of this month). At most
/// [`MAX_SERIES_POINTS`].
pub fn month_ends(from: Date, to: Date) -> Vec<Date> {
    let mut points = Vec::new();
    if to < from {
        return points;
    }
    let (mut year, mut month) = (from.year(), from.month());
    while points.len() < MAX_SERIES_POINTS {
        let end = last_day_of(year, month);
        if end >= to {
            points.push(to);
            break;
        }
        points.push(end);
        if month == Month::December {
            year += 1;
        }
        month = month.next();
    }
    points
}

fn last_day_of(year: i32, month: Month) -> Date {
    let days = time::util::days_in_month(month, year);
    Date::from_calendar_date(year, month, days).unwrap_or(Date::MAX)
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn site(site_id: i32, sector_id: i32, from: Date, closed: Option<Date>) -> SiteSpan {
        SiteSpan {
            site_id,
            sector_id,
            active_from: from,
            closed_on: closed,
        }
    }

    fn completed(site_id: i32, on: Date) -> GroupSpan {
        GroupSpan {
            site_id,
            status: GroupStatus::Completed { on },
        }
    }

    fn status(site_id: i32, status: GroupStatus) -> GroupSpan {
        GroupSpan { site_id, status }
    }

    const OPEN: Date = date!(2020 - 01 - 01);

    #[test]
    fn a_site_is_covered_from_the_day_its_group_completes() {
        let facts = CoverageFacts::new(
            vec![site(1, 10, OPEN, None), site(2, 10, OPEN, None)],
            &[completed(1, date!(2024 - 06 - 15))],
        );
        let before = facts.on(date!(2024 - 06 - 14));
        let that_day = facts.on(date!(2024 - 06 - 15));
        assert_eq!(
            before.share,
            Share {
                covered: 0,
                active: 2
            }
        );
        assert_eq!(
            that_day.share,
            Share {
                covered: 1,
                active: 2
            }
        );
        assert_eq!((before.completed_groups, that_day.completed_groups), (0, 1));
    }

    #[test]
    fn several_groups_of_one_site_count_the_site_once() {
        let facts = CoverageFacts::new(
            vec![site(1, 10, OPEN, None), site(2, 10, OPEN, None)],
            &[
                completed(1, date!(2023 - 06 - 01)),
                completed(1, date!(2024 - 06 - 01)),
            ],
        );
        let later = facts.on(date!(2025 - 01 - 01));
        assert_eq!(
            later.share,
            Share {
                covered: 1,
                active: 2
            }
        );
        assert_eq!(later.completed_groups, 2, "both groups completed");
        assert!(facts.is_covered_on(&site(1, 10, OPEN, None), date!(2023 - 06 - 01)));
    }

    #[test]
    fn withdrawn_and_unfinished_groups_never_count() {
        let facts = CoverageFacts::new(
            vec![site(1, 10, OPEN, None), site(2, 10, OPEN, None)],
            &[
                status(
                    1,
                    GroupStatus::Withdrawn {
                        on: date!(2024 - 02 - 01),
                    },
                ),
                status(2, GroupStatus::InProgress),
                status(2, GroupStatus::Enrolled),
            ],
        );
        let now = facts.on(date!(2026 - 01 - 01));
        assert_eq!(
            now.share,
            Share {
                covered: 0,
                active: 2
            }
        );
        assert_eq!(now.completed_groups, 0);
    }

    #[test]
    fn a_closed_site_leaves_the_denominator_from_its_closing_day() {
        let closing = date!(2025 - 03 - 01);
        let facts = CoverageFacts::new(
            vec![site(1, 10, OPEN, Some(closing)), site(2, 10, OPEN, None)],
            &[completed(1, date!(2024 - 01 - 10))],
        );
        assert_eq!(
            facts.on(date!(2025 - 02 - 28)).share,
            Share {
                covered: 1,
                active: 2
            },
            "the day before it closes it still counts, covered"
        );
        assert_eq!(
            facts.on(closing).share,
            Share {
                covered: 0,
                active: 1
            },
            "on its closing day it is neither active nor covered"
        );
        assert_eq!(
            facts.on(closing).completed_groups,
            1,
            "its completed group is still a completed group"
        );
    }

    #[test]
    fn a_site_not_yet_open_is_not_counted_and_its_earlier_completion_counts_once_it_opens() {
        let opens = date!(2025 - 08 - 01);
        // A merged site takes over a group completed before it opened.
        let facts = CoverageFacts::new(
            vec![site(1, 10, opens, None)],
            &[completed(1, date!(2025 - 06 - 01))],
        );
        assert_eq!(facts.on(date!(2025 - 07 - 31)).share, Share::default());
        assert_eq!(
            facts.on(opens).share,
            Share {
                covered: 1,
                active: 1
            }
        );
    }

    #[test]
    fn coverage_is_given_per_sector_in_sector_order() {
        let facts = CoverageFacts::new(
            vec![
                site(1, 20, OPEN, None),
                site(2, 10, OPEN, None),
                site(3, 10, OPEN, None),
            ],
            &[
                completed(1, date!(2024 - 01 - 01)),
                completed(3, date!(2024 - 01 - 01)),
            ],
        );
        let c = facts.on(date!(2024 - 12 - 31));
        assert_eq!(
            c.by_sector,
            vec![
                SectorCoverage {
                    sector_id: 10,
                    share: Share {
                        covered: 1,
                        active: 2
                    }
                },
                SectorCoverage {
                    sector_id: 20,
                    share: Share {
                        covered: 1,
                        active: 1
                    }
                },
            ]
        );
        assert_eq!(
            c.share,
            Share {
                covered: 2,
                active: 3
            }
        );
    }

    #[test]
    fn shares_round_half_up_and_an_empty_organisation_is_zero() {
        assert_eq!(
            Share {
                covered: 7,
                active: 9
            }
            .percent(),
            78
        );
        assert_eq!(
            Share {
                covered: 1,
                active: 8
            }
            .percent(),
            13,
            "12.5 rounds up"
        );
        assert_eq!(
            Share {
                covered: 120,
                active: 200
            }
            .percent(),
            60
        );
        assert_eq!(Share::default().percent(), 0);
        assert_eq!(Share::default().ratio(), 0.0);
        assert_eq!(
            Share {
                covered: 1,
                active: 4
            }
            .ratio(),
            0.25
        );
    }

    #[test]
    fn a_monthly_series_ends_each_month_and_on_the_last_day_asked() {
        assert_eq!(
            month_ends(date!(2024 - 11 - 15), date!(2025 - 02 - 10)),
            vec![
                date!(2024 - 11 - 30),
                date!(2024 - 12 - 31),
                date!(2025 - 01 - 31),
                date!(2025 - 02 - 10),
            ]
        );
        assert_eq!(
            month_ends(date!(2024 - 02 - 01), date!(2024 - 02 - 29)),
            vec![date!(2024 - 02 - 29)],
            "a leap year's February"
        );
        assert!(month_ends(date!(2025 - 01 - 02), date!(2025 - 01 - 01)).is_empty());
        assert_eq!(
            month_ends(date!(1900 - 01 - 01), date!(2200 - 01 - 01)).len(),
            MAX_SERIES_POINTS
        );
    }

    #[test]
    fn the_series_rises_as_groups_complete() {
        let facts = CoverageFacts::new(
            vec![site(1, 10, OPEN, None), site(2, 10, OPEN, None)],
            &[
                completed(1, date!(2024 - 02 - 10)),
                completed(2, date!(2024 - 03 - 31)),
            ],
        );
        let covered: Vec<u32> = facts
            .monthly(date!(2024 - 01 - 01), date!(2024 - 04 - 15))
            .iter()
            .map(|c| c.share.covered)
            .collect();
        assert_eq!(covered, vec![0, 1, 2, 2]);
    }
}
