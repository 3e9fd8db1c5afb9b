//! The demo LUP history (issue 13), shaped like the municipality's (DESIGN §1): ten cohorts
//! over three and a half years up to today, 152 leader groups completed (twelve sites took a
//! second round), some withdrawn, two cohorts under way, and a target of 120 of 200 sites by
//! the end of the programme's second year. Pure data from today's date and the number of
//! sites; `service::seed_demo_lup` writes it.

use time::{Date, Duration, Month};

/// Months from the programme's start to each cohort's start; each runs six months.
const COHORT_STARTS: [u32; 10] = [0, 4, 8, 12, 16, 20, 24, 30, 38, 40];
/// The programme began this many months before today.
const HISTORY_MONTHS: u32 = 42;
/// Groups completed in each finished cohort (8 × 19 = 152).
const COMPLETED_PER_COHORT: usize = 19;
/// Sites of the first cohort that take a second round in the eighth (a new leader).
const SECOND_ROUNDS: usize = 12;
/// Groups in each of the two cohorts under way.
const UNDER_WAY_PER_COHORT: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoStatus {
    Completed,
    Withdrawn,
    InProgress,
    Enrolled,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoCohort {
    pub name: String,
    pub starts_on: Date,
    pub ends_on: Date,
    pub capacity: u16,
    pub min_attendance_percent: Option<u8>,
    /// Gatherings: date and theme (three in each cohort).
    pub gatherings: Vec<(Date, &'static str)>,
}

/// A group: its cohort (index), its site (index into the sites in id order), its status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoGroup {
    pub cohort: usize,
    pub site: usize,
    pub status: DemoStatus,
}

/// A target: sites needed, or whole per cent when `share`; its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoTarget {
    pub share: bool,
    pub value: u32,
    pub due_on: Date,
}

pub struct DemoLup {
    pub cohorts: Vec<DemoCohort>,
    pub groups: Vec<DemoGroup>,
    pub targets: Vec<DemoTarget>,
    /// Sites (indexes) closed, and the day they closed: after their group completed.
    pub closed_sites: Vec<(usize, Date)>,
}

fn first_of_month_before(today: Date, months: u32) -> Date {
    let total = today.year() * 12 + i32::from(u8::from(today.month())) - 1 - months as i32;
    let (year, month0) = (total.div_euclid(12), total.rem_euclid(12));
    let month = Month::try_from(u8::try_from(month0 + 1).unwrap_or(1)).unwrap_or(Month::January);
    Date::from_calendar_date(year, month, 1).unwrap_or(today)
}

fn plus_months(day: Date, months: u32) -> Date {
    let total = day.year() * 12 + i32::from(u8::from(day.month())) - 1 + months as i32;
    let (year, month0) = (total.div_euclid(12), total.rem_euclid(12));
    let month = Month::try_from(u8::try_from(month0 + 1).unwrap_or(1)).unwrap_or(Month::January);
    let days = time::util::days_in_month(month, year);
    Date::from_calendar_date(year, month, day.day().min(days)).unwrap_or(day)
}

const THEMES: [&str; 3] = [
    "Innsikt og brukerbehov",
    "Utprøving og gevinster",
    "Spredning og ny praksis",
];

/// The demo history ending `today`, over `sites` service sites (at least 200 for the whole
/// picture; fewer just enrol fewer).
pub fn demo_lup(today: Date, sites: usize) -> DemoLup {
    let start = first_of_month_before(today, HISTORY_MONTHS);
    let cohorts: Vec<DemoCohort> = COHORT_STARTS
        .iter()
        .enumerate()
        .map(|(i, &offset)| {
            let starts_on = plus_months(start, offset);
            let ends_on = plus_months(starts_on, 6) - Duration::days(1);
            DemoCohort {
                name: format!("LUP kull {}", i + 1),
                starts_on,
                ends_on,
                capacity: 22,
                // The later cohorts ask for 75 % attendance to complete.
                min_attendance_percent: (i >= 8).then_some(75),
                gatherings: THEMES
                    .iter()
                    .enumerate()
                    .map(|(k, theme)| (starts_on + Duration::days(14 + 60 * k as i64), *theme))
                    .collect(),
            }
        })
        .collect();
    let mut groups = Vec::new();
    let mut next_site = 0usize;
    let mut take = |n: usize| {
        let first = next_site;
        next_site += n;
        (first..next_site).filter(move |s| *s < sites)
    };
    for cohort in 0..8 {
        let fresh = if cohort == 7 {
            COMPLETED_PER_COHORT - SECOND_ROUNDS
        } else {
            COMPLETED_PER_COHORT
        };
        for site in take(fresh) {
            groups.push(DemoGroup {
                cohort,
                site,
                status: DemoStatus::Completed,
            });
        }
        if cohort == 7 {
            for site in (0..SECOND_ROUNDS).filter(|s| *s < sites) {
                groups.push(DemoGroup {
                    cohort,
                    site,
                    status: DemoStatus::Completed,
                });
            }
        }
        // One group in each finished cohort withdrew (and its site has not been back).
        for site in take(1) {
            groups.push(DemoGroup {
                cohort,
                site,
                status: DemoStatus::Withdrawn,
            });
        }
    }
    for (cohort, status) in [(8, DemoStatus::InProgress), (9, DemoStatus::Enrolled)] {
        for site in take(UNDER_WAY_PER_COHORT) {
            groups.push(DemoGroup {
                cohort,
                site,
                status,
            });
        }
    }
    // "By the end of the second year": the programme's second calendar year.
    let second_year_end =
        Date::from_calendar_date(start.year() + 1, Month::December, 31).unwrap_or(today);
    let targets = vec![
        DemoTarget {
            share: false,
            value: 120,
            due_on: second_year_end,
        },
        DemoTarget {
            share: true,
            value: 80,
            due_on: Date::from_calendar_date(today.year() + 1, Month::December, 31)
                .unwrap_or(today),
        },
    ];
    // Two sites of the second cohort closed (merged) after they completed.
    let closed_on = plus_months(start, 30);
    // Cohort 0 took sites 0..=18 (completed) and 19 (withdrew); cohort 1 starts at 20.
    let closed_sites = [COMPLETED_PER_COHORT + 1, COMPLETED_PER_COHORT + 2]
        .into_iter()
        .filter(|s| *s < sites)
        .map(|s| (s, closed_on))
        .collect();
    DemoLup {
        cohorts,
        groups,
        targets,
        closed_sites,
    }
}

/// The day a demo group completed or withdrew: its cohort's last day.
pub fn status_day(cohort: &DemoCohort) -> Date {
    cohort.ends_on
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use time::macros::date;

    use super::*;

    const TODAY: Date = date!(2026 - 12 - 03);

    #[test]
    fn the_demo_has_ten_cohorts_over_three_and_a_half_years() {
        let demo = demo_lup(TODAY, 200);
        assert_eq!(demo.cohorts.len(), 10);
        assert_eq!(demo.cohorts[0].starts_on, date!(2023 - 06 - 01));
        assert!(demo.cohorts.iter().all(|c| c.starts_on < c.ends_on));
        // The finished ones ended before today, the last two have not.
        assert!(demo.cohorts[..8].iter().all(|c| c.ends_on < TODAY));
        assert!(
            demo.cohorts[8..]
                .iter()
                .all(|c| c.ends_on > TODAY && c.starts_on <= TODAY)
        );
    }

    #[test]
    fn the_demo_completed_152_groups_at_140_sites_and_never_enrols_a_site_twice_in_a_cohort() {
        let demo = demo_lup(TODAY, 200);
        let completed: Vec<&DemoGroup> = demo
            .groups
            .iter()
            .filter(|g| g.status == DemoStatus::Completed)
            .collect();
        assert_eq!(completed.len(), 152);
        let sites: HashSet<usize> = completed.iter().map(|g| g.site).collect();
        assert_eq!(sites.len(), 140, "twelve sites took a second round");
        let mut pairs = HashSet::new();
        for g in &demo.groups {
            assert!(pairs.insert((g.cohort, g.site)), "{g:?} twice");
            assert!(g.site < 200);
            assert!(
                demo.groups.iter().filter(|o| o.cohort == g.cohort).count()
                    <= usize::from(demo.cohorts[g.cohort].capacity)
            );
        }
        assert_eq!(
            demo.groups
                .iter()
                .filter(|g| g.status == DemoStatus::Withdrawn)
                .count(),
            8
        );
    }

    #[test]
    fn closed_sites_closed_after_they_completed_and_gatherings_fall_in_their_cohort() {
        let demo = demo_lup(TODAY, 200);
        for (site, closed) in &demo.closed_sites {
            let done = demo
                .groups
                .iter()
                .find(|g| g.site == *site && g.status == DemoStatus::Completed)
                .unwrap();
            assert!(status_day(&demo.cohorts[done.cohort]) < *closed);
            assert!(*closed < TODAY);
        }
        for cohort in &demo.cohorts {
            for (day, _) in &cohort.gatherings {
                assert!(cohort.starts_on <= *day && *day <= cohort.ends_on, "{day}");
            }
        }
        assert_eq!(demo.targets[0].due_on, date!(2024 - 12 - 31));
    }

    #[test]
    fn a_small_organisation_gets_a_smaller_history() {
        let demo = demo_lup(TODAY, 10);
        assert!(demo.groups.iter().all(|g| g.site < 10));
        assert!(!demo.groups.is_empty());
    }
}
