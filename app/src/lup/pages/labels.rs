//! LUP's words for its states and roles, in the page's language.

use crate::i18n::*;
use crate::lup::domain::coverage::Share;
use crate::lup::domain::forecast::Forecast;
use crate::lup::domain::group::GroupStatus;
use crate::lup::domain::member::MemberRole;

pub fn group_status_label(locale: Locale, status: GroupStatus) -> String {
    let date = status.date().map(crate::core::timefmt::date_nb);
    let name = match status {
        GroupStatus::Enrolled => td_string!(locale, lup_status_enrolled),
        GroupStatus::InProgress => td_string!(locale, lup_status_in_progress),
        GroupStatus::Completed { .. } => td_string!(locale, lup_status_completed),
        GroupStatus::Withdrawn { .. } => td_string!(locale, lup_status_withdrawn),
    };
    match date {
        Some(date) => format!("{name} {date}"),
        None => name.to_string(),
    }
}

pub fn role_label(locale: Locale, role: MemberRole) -> String {
    match role {
        MemberRole::Leader => td_string!(locale, lup_role_leader),
        MemberRole::Enthusiast => td_string!(locale, lup_role_enthusiast),
        MemberRole::Guest => td_string!(locale, lup_role_guest),
    }
    .to_string()
}

/// "140 av 198 (71 %)".
pub fn share_text(locale: Locale, share: Share) -> String {
    let of = td_string!(locale, lup_of);
    format!(
        "{} {of} {} ({}\u{a0}%)",
        share.covered,
        share.active,
        share.percent()
    )
}

/// "mars 2026" / "March 2026".
pub fn month_year(locale: Locale, date: time::Date) -> String {
    const NB: [&str; 12] = [
        "januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
        "oktober", "november", "desember",
    ];
    let index = usize::from(u8::from(date.month())) - 1;
    match locale {
        Locale::nb => format!("{} {}", NB[index], date.year()),
        Locale::en => format!("{} {}", date.month(), date.year()),
    }
}

/// A pace with one decimal, as the language writes it: "1,9" / "1.9"; two where one would
/// show a pace that is not zero as 0 ("0,04").
pub fn pace_number(locale: Locale, pace: f64) -> String {
    let text = if pace != 0.0 && pace.abs() < 0.05 {
        format!("{pace:.2}")
    } else {
        format!("{pace:.1}")
    };
    // −0.0 reads as 0.
    let text = if text.trim_start_matches('-').chars().all(|c| c == '0' || c == '.') {
        text.trim_start_matches('-').to_owned()
    } else {
        text
    };
    match locale {
        Locale::nb => text.replace('.', ",").replace('-', "−"),
        Locale::en => text.replace('-', "−"),
    }
}

/// What a target asks for: "120 tjenestesteder", "1 tjenestested", "80 % av
/// tjenestestedene".
pub fn goal_text(locale: Locale, goal: crate::lup::domain::target::Goal) -> String {
    match goal {
        crate::lup::domain::target::Goal::Count(n) => sites(locale, n),
        crate::lup::domain::target::Goal::Percent(p) => {
            format!("{p}\u{a0}% {}", td_string!(locale, lup_goal_share))
        }
    }
}

/// Whom a target is for: its sector, or the whole municipality.
pub fn scope_text(locale: Locale, sector: Option<crate::core::named::Named>) -> String {
    sector.map_or_else(
        || td_string!(locale, lup_whole_organisation).to_string(),
        |s| s.name,
    )
}

/// "1 tjenestested", "120 tjenestesteder" / "1 service site", "120 service sites".
fn sites(locale: Locale, n: u32) -> String {
    match (locale, n) {
        (Locale::nb, 1) => "1 tjenestested".to_owned(),
        (Locale::nb, n) => format!("{n} tjenestesteder"),
        (Locale::en, 1) => "1 service site".to_owned(),
        (Locale::en, n) => format!("{n} service sites"),
    }
}

/// How the reach date stands to the target's date: "3 måneder etter måldatoen".
fn timing(locale: Locale, months_late: i32) -> String {
    let n = months_late.unsigned_abs();
    match (locale, months_late) {
        (Locale::nb, 0) => "i samme måned som måldatoen".to_owned(),
        (Locale::nb, 1 | -1) => {
            let side = if months_late > 0 { "etter" } else { "før" };
            format!("1 måned {side} måldatoen")
        }
        (Locale::nb, m) => {
            let side = if m > 0 { "etter" } else { "før" };
            format!("{n} måneder {side} måldatoen")
        }
        (Locale::en, 0) => "in the month of the target date".to_owned(),
        (Locale::en, m) => {
            let side = if m > 0 { "after" } else { "before" };
            let unit = if n == 1 { "month" } else { "months" };
            format!("{n} {unit} {side} the target date")
        }
    }
}

/// What the forecast says of a target, in a sentence or three (issue 32): "Med dagens tempo
/// (1,9 tjenestesteder i måneden) nås 120 tjenestesteder i mars 2026 – 3 måneder etter
/// måldatoen. Det krever 3,2 i måneden." `met_by_due` says whether the target was met on its
/// date (today, for one not yet due).
pub fn forecast_sentence(
    locale: Locale,
    due_on: time::Date,
    met_by_due: bool,
    f: &Forecast,
) -> String {
    let nb = locale == Locale::nb;
    let needed = sites(locale, f.needed);
    let covered = sites(locale, f.share.covered);
    let past = due_on < f.date;
    match (f.met, past && met_by_due, nb) {
        (true, _, true) if past && !met_by_due => {
            return format!(
                "Målet ble ikke nådd innen måldatoen, men er nådd nå: {covered} er dekket (målet er {}).",
                f.needed
            );
        }
        (true, _, false) if past && !met_by_due => {
            return format!(
                "The target was not met by its date, but is met now: {covered} are covered (the target is {}).",
                f.needed
            );
        }
        (true, _, true) => {
            return format!("Målet er nådd: {covered} er dekket (målet er {}).", f.needed);
        }
        (true, _, false) => {
            return format!(
                "The target is met: {covered} are covered (the target is {}).",
                f.needed
            );
        }
        // Met on its date, not today (covered sites closed, or new sites opened).
        (false, true, true) => {
            return format!(
                "Målet ble nådd innen måldatoen; nå er {covered} dekket, og målet er {}.",
                f.needed
            );
        }
        (false, true, false) => {
            return format!(
                "The target was met by its date; now {covered} are covered, and the target is {}.",
                f.needed
            );
        }
        (false, false, _) => {}
    }
    let pace = pace_number(locale, f.pace);
    let mut text = match (f.reached_on, f.months_late(due_on)) {
        (Some(on), Some(late)) => {
            let when = month_year(locale, on);
            let timing = timing(locale, late);
            if nb {
                format!(
                    "Med dagens tempo ({pace} tjenestesteder i måneden) nås {needed} i {when} – {timing}."
                )
            } else {
                format!(
                    "At today's pace ({pace} sites a month) {needed} are reached in {when} – {timing}."
                )
            }
        }
        _ if nb => {
            format!("Med dagens tempo ({pace} tjenestesteder i måneden) nås ikke {needed}.")
        }
        _ => format!("At today's pace ({pace} sites a month) {needed} are not reached."),
    };
    let due = crate::core::timefmt::date_nb(due_on);
    text.push(' ');
    text.push_str(&match (f.needed_pace, nb) {
        (Some(it_takes), true) => format!("Det krever {} i måneden.", pace_number(locale, it_takes)),
        (Some(it_takes), false) => format!("It takes {} a month.", pace_number(locale, it_takes)),
        (None, true) => format!("Måldatoen {due} er passert."),
        (None, false) => format!("The target date {due} has passed."),
    });
    if let Some(earliest) = f.range.earliest
        && f.range.latest != Some(earliest)
    {
        let earliest = month_year(locale, earliest);
        let latest = f.range.latest.map(|d| month_year(locale, d));
        text.push(' ');
        text.push_str(&match (nb, latest) {
            (true, Some(latest)) => format!(
                "I det raskeste og det tregeste halvårets tempo: mellom {earliest} og {latest}."
            ),
            (true, None) => format!(
                "I det raskeste halvårets tempo: {earliest}; i det tregeste nås det ikke."
            ),
            (false, Some(latest)) => format!(
                "At the fastest and the slowest half-year's pace: between {earliest} and {latest}."
            ),
            (false, None) => format!(
                "At the fastest half-year's pace: {earliest}; at the slowest it is not reached."
            ),
        });
    }
    text
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::lup::domain::forecast::ReachRange;

    fn forecast(reached_on: Option<time::Date>, needed_pace: Option<f64>) -> Forecast {
        Forecast {
            date: date!(2025 - 12 - 06),
            share: Share {
                covered: 90,
                active: 200,
            },
            needed: 120,
            window_from: date!(2024 - 12 - 06),
            pace: 1.94,
            met: false,
            reached_on,
            needed_pace,
            range: ReachRange {
                earliest: reached_on,
                latest: reached_on,
            },
        }
    }

    #[test]
    fn the_forecast_reads_as_the_issue_wrote_it() {
        let late = forecast(Some(date!(2026 - 03 - 20)), Some(3.24));
        assert_eq!(
            forecast_sentence(Locale::nb, date!(2025 - 12 - 31), false, &late),
            "Med dagens tempo (1,9 tjenestesteder i måneden) nås 120 tjenestesteder i mars 2026 – 3 måneder etter måldatoen. Det krever 3,2 i måneden."
        );
        assert_eq!(
            forecast_sentence(Locale::en, date!(2025 - 12 - 31), false, &late),
            "At today's pace (1.9 sites a month) 120 service sites are reached in March 2026 – 3 months after the target date. It takes 3.2 a month."
        );
        // Early, with a range of two dates.
        let early = Forecast {
            range: ReachRange {
                earliest: Some(date!(2026 - 01 - 10)),
                latest: Some(date!(2026 - 07 - 01)),
            },
            ..forecast(Some(date!(2026 - 03 - 20)), Some(1.0))
        };
        assert_eq!(
            forecast_sentence(Locale::nb, date!(2026 - 04 - 30), false, &early),
            "Med dagens tempo (1,9 tjenestesteder i måneden) nås 120 tjenestesteder i mars 2026 – 1 måned før måldatoen. Det krever 1,0 i måneden. I det raskeste og det tregeste halvårets tempo: mellom januar 2026 og juli 2026."
        );
        let never = Forecast {
            pace: 0.0,
            range: ReachRange {
                earliest: Some(date!(2027 - 01 - 01)),
                latest: None,
            },
            ..forecast(None, None)
        };
        assert_eq!(
            forecast_sentence(Locale::nb, date!(2025 - 06 - 30), false, &never),
            "Med dagens tempo (0,0 tjenestesteder i måneden) nås ikke 120 tjenestesteder. Måldatoen 30.06.2025 er passert. I det raskeste halvårets tempo: januar 2027; i det tregeste nås det ikke."
        );
        let met = Forecast {
            met: true,
            needed: 1,
            share: Share {
                covered: 1,
                active: 200,
            },
            ..forecast(None, Some(0.0))
        };
        assert_eq!(
            forecast_sentence(Locale::nb, date!(2025 - 12 - 31), false, &met),
            "Målet er nådd: 1 tjenestested er dekket (målet er 1)."
        );
        // Past its date: not met then but now, and met then but not now.
        assert_eq!(
            forecast_sentence(Locale::nb, date!(2024 - 12 - 31), false, &met),
            "Målet ble ikke nådd innen måldatoen, men er nådd nå: 1 tjenestested er dekket (målet er 1)."
        );
        assert_eq!(
            forecast_sentence(Locale::nb, date!(2024 - 12 - 31), true, &met),
            "Målet er nådd: 1 tjenestested er dekket (målet er 1)."
        );
        assert_eq!(
            forecast_sentence(Locale::en, date!(2024 - 12 - 31), true, &forecast(None, None)),
            "The target was met by its date; now 90 service sites are covered, and the target is 120."
        );
    }

    #[test]
    fn paces_read_with_one_decimal_and_never_as_a_false_zero() {
        assert_eq!(pace_number(Locale::nb, -0.04), "−0,04");
        assert_eq!(pace_number(Locale::nb, 0.04), "0,04");
        assert_eq!(pace_number(Locale::nb, -0.0), "0,0");
        assert_eq!(pace_number(Locale::nb, -0.26), "−0,3");
        assert_eq!(pace_number(Locale::en, 1.94), "1.9");
    }
}
