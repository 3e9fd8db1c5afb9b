//! When will a coverage target be reached at today's pace (DESIGN §5, issue 32)? From the
//! coverage of one scope (the whole organisation or a sector) on any date: the pace over the
//! trailing twelve months, the date a target is reached at that pace, the pace it takes to
//! reach it by its date, and a range from the slowest and fastest six-month paces. Pure: the
//! history and the date come in.
//!
//! Months are calendar months: from 15 March to 15 June is three, and the days left over are a
//! fraction of the month they fall in. The pace is covered sites gained per month, net of
//! covered sites that closed (coverage on a date already leaves them out).

use serde::{Deserialize, Serialize};
use time::Date;

use crate::lup::domain::coverage::Share;
use crate::lup::domain::target::Goal;

/// The trailing window the pace is measured over, in months.
pub const WINDOW_MONTHS: i32 = 12;
/// The shortest window a pace is measured over (a first completion last week is not a pace of
/// hundreds a month).
pub const SHORTEST_WINDOW_MONTHS: i32 = 1;
/// The span of the paces the range is drawn from.
pub const RANGE_MONTHS: i32 = 6;
/// A reach date further away than this is no date: at that pace the target is not reached.
pub const HORIZON_MONTHS: f64 = 1200.0;
/// How far ahead [`Forecast::months_ahead`] goes.
pub const AHEAD_MONTHS: i32 = 36;

/// `date` moved by `months` calendar months, the day kept or, where the month is shorter,
/// its last day (31 January + 1 is 28 or 29 February). `None` outside the calendar.
pub fn shift_months(date: Date, months: i32) -> Option<Date> {
    let index = i64::from(date.year()) * 12 + i64::from(u8::from(date.month())) - 1
        + i64::from(months);
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = time::Month::try_from(u8::try_from(index.rem_euclid(12) + 1).ok()?).ok()?;
    let day = date.day().min(time::util::days_in_month(month, year));
    Date::from_calendar_date(year, month, day).ok()
}

/// Calendar months from `from` to `to` (0 when `to` is not after `from`): the whole months,
/// and the days left over as a share of the month that follows them.
pub fn months_between(from: Date, to: Date) -> f64 {
    if to <= from {
        return 0.0;
    }
    let mut whole = (to.year() - from.year()) * 12 + i32::from(u8::from(to.month()))
        - i32::from(u8::from(from.month()));
    while whole > 0 && shift_months(from, whole).is_none_or(|d| d > to) {
        whole -= 1;
    }
    let (Some(base), Some(next)) = (shift_months(from, whole), shift_months(from, whole + 1))
    else {
        return f64::from(whole);
    };
    let rest = (to - base).whole_days() as f64;
    let month = (next - base).whole_days().max(1) as f64;
    f64::from(whole) + rest / month
}

/// `from` plus `months` calendar months (a fraction of the month reached rounds up to a whole
/// day); `None` when that is beyond [`HORIZON_MONTHS`] or the calendar.
pub fn add_months(from: Date, months: f64) -> Option<Date> {
    if !months.is_finite() || !(0.0..=HORIZON_MONTHS).contains(&months) {
        return None;
    }
    // Within the horizon, so the whole months fit an i32.
    let whole = months.floor() as i32;
    let base = shift_months(from, whole)?;
    let next = shift_months(from, whole + 1)?;
    let days = ((months - months.floor()) * (next - base).whole_days() as f64).ceil() as i64;
    base.checked_add(time::Duration::days(days))
}

/// Covered sites gained per month from `from` to `to` (either may be the same as the other:
/// then 0), net of covered sites that closed.
fn pace(history: &impl Fn(Date) -> Share, from: Date, to: Date) -> f64 {
    let months = months_between(from, to);
    if months <= 0.0 {
        return 0.0;
    }
    gained(history, from, to) as f64 / months
}

/// Covered sites gained from `from` to `to`, net of covered sites that closed.
fn gained(history: &impl Fn(Date) -> Share, from: Date, to: Date) -> i64 {
    i64::from(history(to).covered) - i64::from(history(from).covered)
}

/// When `remaining` more covered sites are reached from `on` at `pace` a month.
fn reach(on: Date, remaining: u32, pace: f64) -> Option<Date> {
    if remaining == 0 {
        return Some(on);
    }
    if pace <= 0.0 {
        return None;
    }
    add_months(on, f64::from(remaining) / pace)
}

/// The reach dates at the fastest and the slowest six-month pace of the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReachRange {
    /// At the fastest pace.
    pub earliest: Option<Date>,
    /// At the slowest pace (`None`: at that pace, never).
    pub latest: Option<Date>,
}

/// A target's forecast on a date.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Forecast {
    /// The day the forecast is made on.
    pub date: Date,
    /// Covered and active sites that day.
    pub share: Share,
    /// Covered sites the target asks for (a share target: of the sites active that day, so a
    /// closed site lowers it).
    pub needed: u32,
    /// Where the pace is measured from: twelve months back, or just before the scope's first
    /// completion where that is more recent (at least a month back).
    pub window_from: Date,
    /// Covered sites gained per month over the window, net of closures.
    pub pace: f64,
    /// Whether the target is met on `date`.
    pub met: bool,
    /// When the target is reached at that pace: `date` when it is met, `None` when the pace
    /// does not reach it (zero or negative, or beyond a century).
    pub reached_on: Option<Date>,
    /// The pace it takes to reach the target by its date: 0 when met, `None` when the date is
    /// past (or not given).
    pub needed_pace: Option<f64>,
    /// The reach dates at the slowest and fastest six-month paces within the window (today's
    /// pace counted among them, so `reached_on` lies within).
    pub range: ReachRange,
}

impl Forecast {
    /// Calendar months from the target's date to the reach date: positive when late,
    /// negative when early, 0 in the target's own month.
    pub fn months_late(&self, due_on: Date) -> Option<i32> {
        let reached = self.reached_on?;
        let index = |d: Date| d.year() * 12 + i32::from(u8::from(d.month()));
        Some(index(reached) - index(due_on))
    }

    /// Coverage at today's pace at each month's end from next month (a series measured to
    /// `date` ends in this month) to the month the target is reached or `due_on`, whichever
    /// is later, at most [`AHEAD_MONTHS`] on; none for a target met. The pace adds to the
    /// covered sites on `date`, never above the active sites nor below none.
    pub fn months_ahead(&self, due_on: Date) -> Vec<(Date, Share)> {
        let month_start = |d: Date| d.replace_day(1).ok();
        if self.met {
            return Vec::new();
        }
        let Some(first) = shift_months(self.date, 1).and_then(month_start) else {
            return Vec::new();
        };
        let last = self.reached_on.map_or(due_on, |on| on.max(due_on));
        let horizon = shift_months(self.date, AHEAD_MONTHS).unwrap_or(self.date);
        let Some(end) = shift_months(last.min(horizon), 1)
            .and_then(month_start)
            .and_then(Date::previous_day)
        else {
            return Vec::new();
        };
        let active = self.share.active;
        crate::lup::domain::coverage::month_ends(first, end)
            .into_iter()
            .map(|date| {
                let gained = (self.pace * months_between(self.date, date)).round();
                let covered = (f64::from(self.share.covered) + gained).clamp(0.0, f64::from(active));
                // Within 0..=active, so it fits.
                let covered = covered as u32;
                (date, Share { covered, active })
            })
            .collect()
    }

    /// How far behind the needed pace (sites a month): the order of a dashboard's list, most
    /// behind first. A met target is not behind; one past its date and not met is the most.
    pub fn shortfall(&self) -> f64 {
        if self.met {
            return f64::NEG_INFINITY;
        }
        self.needed_pace.map_or(f64::INFINITY, |needed| needed - self.pace)
    }
}

/// The forecast on `on` for `goal` due on `due_on`, from `history` (the scope's coverage on
/// any date) and the scope's first completion (`None`: none yet).
pub fn forecast(
    history: impl Fn(Date) -> Share,
    first_completion: Option<Date>,
    on: Date,
    goal: Goal,
    due_on: Option<Date>,
) -> Forecast {
    let share = history(on);
    let needed = goal.needed(share.active);
    let met = share.covered >= needed;
    let remaining = needed.saturating_sub(share.covered);
    let year_back = shift_months(on, -WINDOW_MONTHS).unwrap_or(on);
    let shortest = shift_months(on, -SHORTEST_WINDOW_MONTHS).unwrap_or(on);
    // Since the first completion where that is more recent: from the day before it, so the
    // first covered site counts as gained.
    let window_from = match first_completion.filter(|first| *first <= on) {
        Some(first) if first > year_back => first.previous_day().unwrap_or(first).min(shortest),
        _ => year_back,
    };
    let current = pace(&history, window_from, on);
    let needed_pace = if met {
        Some(0.0)
    } else {
        due_on
            .filter(|due| *due > on)
            .map(|due| f64::from(remaining) / months_between(on, due))
    };
    // Every six-month stretch within the window that ends a month's step back from `on` or
    // starts a month's step on from the window's start (so the first completions are in
    // one), each six calendar months whatever the days of its ends (28 February to 31 August
    // is six). The range holds today's pace too: the forecast lies within it.
    let stretch = |start: Date, end: Date| {
        (start >= window_from && end <= on)
            .then(|| gained(&history, start, end) as f64 / f64::from(RANGE_MONTHS))
    };
    let paces: Vec<f64> = (0..=WINDOW_MONTHS)
        .flat_map(|step| {
            let back = shift_months(on, -step)
                .and_then(|end| Some((shift_months(end, -RANGE_MONTHS)?, end)))
                .and_then(|(start, end)| stretch(start, end));
            let on_from_start = shift_months(window_from, step)
                .and_then(|start| Some((start, shift_months(start, RANGE_MONTHS)?)))
                .and_then(|(start, end)| stretch(start, end));
            [back, on_from_start]
        })
        .flatten()
        .chain([current])
        .collect();
    let fastest = paces.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let slowest = paces.iter().copied().fold(f64::INFINITY, f64::min);
    Forecast {
        date: on,
        share,
        needed,
        window_from,
        pace: current,
        met,
        reached_on: reach(on, remaining, current),
        needed_pace,
        range: ReachRange {
            earliest: reach(on, remaining, fastest),
            latest: reach(on, remaining, slowest),
        },
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::lup::domain::coverage::{CoverageFacts, GroupSpan, SiteSpan};
    use crate::lup::domain::group::GroupStatus;

    const OPEN: Date = date!(2020 - 01 - 01);

    fn site(site_id: i32, closed_on: Option<Date>) -> SiteSpan {
        SiteSpan {
            site_id,
            sector_id: 1,
            active_from: OPEN,
            closed_on,
        }
    }

    fn completed(site_id: i32, on: Date) -> GroupSpan {
        GroupSpan {
            site_id,
            status: GroupStatus::Completed { on },
        }
    }

    /// `sites` open sites; site `n` (from 1) completes on the dates given, in order.
    fn facts(sites: i32, completions: &[Date], closed: &[(i32, Date)]) -> CoverageFacts {
        let spans = (1..=sites)
            .map(|id| {
                let closes = closed.iter().find(|(s, _)| *s == id).map(|(_, on)| *on);
                site(id, closes)
            })
            .collect();
        let groups: Vec<GroupSpan> = completions
            .iter()
            .zip(1..)
            .map(|(on, id)| completed(id, *on))
            .collect();
        CoverageFacts::new(spans, &groups)
    }

    fn forecast_of(facts: &CoverageFacts, on: Date, goal: Goal, due: Date) -> Forecast {
        forecast(
            |d| facts.on(d).share,
            facts.first_completion(None),
            on,
            goal,
            Some(due),
        )
    }

    /// Two completions on the 10th and the 20th of every month from January 2025.
    fn two_a_month(months: u8) -> Vec<Date> {
        (0..months)
            .flat_map(|m| {
                let start = shift_months(date!(2025 - 01 - 10), i32::from(m)).unwrap();
                [start, start.replace_day(20).unwrap()]
            })
            .collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn months_are_calendar_months_and_their_days_a_share_of_the_next() {
        assert_eq!(shift_months(date!(2025 - 01 - 31), 1), Some(date!(2025 - 02 - 28)));
        assert_eq!(shift_months(date!(2024 - 03 - 31), -1), Some(date!(2024 - 02 - 29)));
        assert_eq!(shift_months(date!(2025 - 12 - 06), -12), Some(date!(2024 - 12 - 06)));
        assert_eq!(shift_months(date!(2025 - 01 - 15), -1), Some(date!(2024 - 12 - 15)));
        assert!(close(months_between(date!(2025 - 03 - 15), date!(2025 - 06 - 15)), 3.0));
        // 15 June to 30 June is 15 of June's 30 days... counted from 15 June to 15 July.
        assert!(close(months_between(date!(2025 - 03 - 15), date!(2025 - 06 - 30)), 3.5));
        assert!(close(months_between(date!(2025 - 06 - 30), date!(2025 - 03 - 15)), 0.0));
        assert_eq!(add_months(date!(2025 - 03 - 15), 3.5), Some(date!(2025 - 06 - 30)));
        assert_eq!(add_months(date!(2025 - 03 - 15), 0.0), Some(date!(2025 - 03 - 15)));
        assert_eq!(add_months(date!(2025 - 03 - 15), f64::NAN), None);
        assert_eq!(add_months(date!(2025 - 03 - 15), 1e12), None, "beyond a century");
    }

    #[test]
    fn a_steady_pace_reaches_the_target_on_the_day_it_arithmetically_should() {
        // 24 sites covered in 2025, two a month; 200 sites; 120 wanted by 31 December 2026.
        let facts = facts(200, &two_a_month(12), &[]);
        let on = date!(2025 - 12 - 31);
        let f = forecast_of(&facts, on, Goal::Count(120), date!(2026 - 12 - 31));
        assert_eq!(f.share, Share { covered: 24, active: 200 });
        // Since the day before the first completion (9 January), not twelve months back.
        assert_eq!(f.window_from, date!(2025 - 01 - 09));
        // 24 sites over 11 months and 22 of January's 31 days... from 9 December to 31
        // December is 22 of the 31 days to 9 January.
        let months = 11.0 + 22.0 / 31.0;
        assert!(close(f.pace, 24.0 / months), "{}", f.pace);
        // 96 more at that pace: 96 / 2.0495… = 46.84 months after 31 December 2025.
        let expected = add_months(on, 96.0 / (24.0 / months)).unwrap();
        assert_eq!(f.reached_on, Some(expected));
        assert_eq!(expected.year(), 2029);
        assert_eq!(expected.month(), time::Month::November);
        assert_eq!(f.months_late(date!(2026 - 12 - 31)), Some(35));
        // 96 in the twelve months to 31 December 2026: 8 a month.
        assert!(close(f.needed_pace.unwrap(), 8.0));
        assert!(!f.met);
        assert!(close(f.shortfall(), 8.0 - f.pace));
        // Every six-month stretch in the window gained 12, 2 a month: 48 months for 96 at the
        // slowest; the window's own pace (its first days hold the first completions) is the
        // fastest.
        assert_eq!(
            f.range,
            ReachRange {
                earliest: f.reached_on,
                latest: add_months(on, 48.0)
            }
        );
    }

    #[test]
    fn a_full_year_of_history_measures_the_trailing_twelve_months() {
        // Two a month through 2025 and 2026 (48 sites): the trailing year gained 24.
        let facts = facts(200, &two_a_month(24), &[]);
        let on = date!(2026 - 12 - 31);
        let f = forecast_of(&facts, on, Goal::Count(60), date!(2027 - 06 - 30));
        assert_eq!(f.window_from, date!(2025 - 12 - 31));
        assert!(close(f.pace, 2.0));
        // 12 more at 2 a month: six months, 30 June 2027, on the target's date.
        assert_eq!(f.reached_on, Some(date!(2027 - 06 - 30)));
        assert_eq!(f.months_late(date!(2027 - 06 - 30)), Some(0));
        assert!(close(f.needed_pace.unwrap(), 2.0));
        assert_eq!(f.range.earliest, f.range.latest, "every stretch the same pace");
        // The chart's months ahead: two more each month-end, to the target's month.
        let ahead: Vec<(Date, u32)> = f
            .months_ahead(date!(2027 - 06 - 30))
            .into_iter()
            .map(|(d, s)| (d, s.covered))
            .collect();
        assert_eq!(
            ahead,
            vec![
                (date!(2027 - 01 - 31), 50),
                (date!(2027 - 02 - 28), 52),
                (date!(2027 - 03 - 31), 54),
                (date!(2027 - 04 - 30), 56),
                (date!(2027 - 05 - 31), 58),
                (date!(2027 - 06 - 30), 60),
            ]
        );
    }

    #[test]
    fn a_pause_slows_the_pace_and_widens_the_range() {
        // Two a month January–June 2025, nothing July–December: 12 sites in the year.
        let facts = facts(100, &two_a_month(6), &[]);
        let on = date!(2025 - 12 - 31);
        let f = forecast_of(&facts, on, Goal::Count(30), date!(2026 - 12 - 31));
        let months = 11.0 + 22.0 / 31.0;
        assert!(close(f.pace, 12.0 / months));
        // The fastest stretch is the first six months, 9 January to 9 July: 12 sites, 2 a
        // month, so 18 more take 9 months. The slowest ends 31 December: 12 covered then and
        // on 30 June, none gained.
        assert_eq!(f.range.latest, None, "at the pause's pace, never");
        assert_eq!(f.range.earliest, Some(date!(2026 - 09 - 30)));
        assert!(f.range.earliest.unwrap() < f.reached_on.unwrap());
    }

    #[test]
    fn closed_sites_count_against_the_pace_and_lower_a_share_targets_number() {
        // Ten sites; three covered in 2025; one covered site closes in November 2025, and
        // one not covered closes too.
        let completions = [
            date!(2025 - 01 - 15),
            date!(2025 - 02 - 15),
            date!(2025 - 03 - 15),
        ];
        let facts = facts(10, &completions, &[(1, date!(2025 - 11 - 01)), (9, date!(2025 - 11 - 01))]);
        let on = date!(2025 - 12 - 15);
        let f = forecast_of(&facts, on, Goal::Percent(50), date!(2026 - 12 - 15));
        assert_eq!(f.share, Share { covered: 2, active: 8 });
        // 50 % of the 8 sites still open.
        assert_eq!(f.needed, 4);
        // Net gain since 14 January: 2 (three covered, one closed), over 11 months and 1/31.
        let months = months_between(date!(2025 - 01 - 14), on);
        assert!(close(f.pace, 2.0 / months));
        assert!(close(f.needed_pace.unwrap(), 2.0 / 12.0));
    }

    #[test]
    fn a_target_already_met_is_reached_today_and_needs_no_pace() {
        let facts = facts(10, &two_a_month(3), &[]);
        let on = date!(2025 - 06 - 30);
        let f = forecast_of(&facts, on, Goal::Count(5), date!(2025 - 12 - 31));
        assert!(f.met);
        assert_eq!(f.reached_on, Some(on));
        assert_eq!(f.needed_pace, Some(0.0));
        assert_eq!(f.range, ReachRange { earliest: Some(on), latest: Some(on) });
        assert_eq!(f.shortfall(), f64::NEG_INFINITY, "met targets last");
    }

    #[test]
    fn at_zero_pace_the_target_is_never_reached() {
        // No completion at all: the window is the year, the pace 0.
        let facts = facts(10, &[], &[]);
        let on = date!(2025 - 06 - 30);
        let f = forecast_of(&facts, on, Goal::Count(5), date!(2025 - 12 - 30));
        assert_eq!(f.window_from, date!(2024 - 06 - 30));
        assert!(close(f.pace, 0.0));
        assert_eq!(f.reached_on, None);
        assert_eq!(f.range, ReachRange { earliest: None, latest: None });
        assert!(close(f.needed_pace.unwrap(), 5.0 / 6.0));
        // Past its date and not met: no pace reaches it in time, and it is the most behind.
        let late = forecast_of(&facts, on, Goal::Count(5), date!(2025 - 01 - 31));
        assert_eq!(late.needed_pace, None);
        assert_eq!(late.shortfall(), f64::INFINITY);
    }

    #[test]
    fn a_negative_pace_from_closures_reaches_nothing() {
        // Two covered in 2024; in 2025 both close and nothing completes.
        let facts = facts(
            6,
            &[date!(2024 - 03 - 01), date!(2024 - 04 - 01)],
            &[(1, date!(2025 - 02 - 01)), (2, date!(2025 - 03 - 01))],
        );
        let f = forecast_of(&facts, date!(2025 - 06 - 30), Goal::Count(3), date!(2026 - 06 - 30));
        assert!(f.pace < 0.0);
        assert_eq!(f.reached_on, None);
    }

    #[test]
    fn a_first_completion_last_week_is_measured_over_a_month() {
        let facts = facts(10, &[date!(2025 - 06 - 25)], &[]);
        let on = date!(2025 - 06 - 30);
        let f = forecast_of(&facts, on, Goal::Count(4), date!(2025 - 12 - 31));
        assert_eq!(f.window_from, date!(2025 - 05 - 30));
        assert!(close(f.pace, 1.0));
        assert_eq!(f.reached_on, Some(date!(2025 - 09 - 30)));
    }
}
