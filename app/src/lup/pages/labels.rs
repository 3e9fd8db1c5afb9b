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

/// A pace with one decimal, as the language writes it: "1,9" / "1.9".
pub fn pace_number(locale: Locale, pace: f64) -> String {
    let text = format!("{:.1}", pace);
    // −0.0 reads as 0.
    let text = if text == "-0.0" { "0.0".to_owned() } else { text };
    match locale {
        Locale::nb => text.replace('.', ",").replace('-', "−"),
        Locale::en => text.replace('-', "−"),
    }
}

/// What the forecast says of a target, in a sentence or three (issue 32): "Med dagens tempo
/// (1,9 tjenestesteder i måneden) nås 120 tjenestesteder i mars 2026 – 3 måneder etter
/// måldatoen. Det krever 3,2 i måneden."
/// `met_by_due` says whether a target whose date has passed was met by then.
pub fn forecast_sentence(
    locale: Locale,
    due_on: time::Date,
    met_by_due: bool,
    f: &Forecast,
) -> String {
    let nb = locale == Locale::nb;
    let needed = f.needed;
    let covered = f.share.covered;
    if f.met {
        let late = due_on < f.date && !met_by_due;
        return match (nb, late) {
            (true, false) => format!("Målet er nådd: {covered} av {needed} tjenestesteder."),
            (true, true) => format!(
                "Målet ble ikke nådd innen måldatoen, men er nådd nå: {covered} av {needed} tjenestesteder."
            ),
            (false, false) => format!("The target is met: {covered} of {needed} service sites."),
            (false, true) => format!(
                "The target was not met by its date, but is met now: {covered} of {needed} service sites."
            ),
        };
    }
    let pace = pace_number(locale, f.pace);
    let mut text = match (f.reached_on, f.months_late(due_on)) {
        (Some(on), Some(late)) => {
            let when = month_year(locale, on);
            let timing = match (nb, late) {
                (true, 0) => "i samme måned som måldatoen".to_owned(),
                (true, 1) => "1 måned etter måldatoen".to_owned(),
                (true, -1) => "1 måned før måldatoen".to_owned(),
                (true, n) if n > 0 => format!("{n} måneder etter måldatoen"),
                (true, n) => format!("{} måneder før måldatoen", n.unsigned_abs()),
                (false, 0) => "in the month of the target date".to_owned(),
                (false, 1) => "1 month after the target date".to_owned(),
                (false, -1) => "1 month before the target date".to_owned(),
                (false, n) if n > 0 => format!("{n} months after the target date"),
                (false, n) => format!("{} months before the target date", n.unsigned_abs()),
            };
            if nb {
                format!(
                    "Med dagens tempo ({pace} tjenestesteder i måneden) nås {needed} tjenestesteder i {when} – {timing}."
                )
            } else {
                format!(
                    "At today's pace ({pace} sites a month) {needed} sites are reached in {when} – {timing}."
                )
            }
        }
        _ if nb => format!(
            "Med dagens tempo ({pace} tjenestesteder i måneden) nås ikke {needed} tjenestesteder."
        ),
        _ => format!("At today's pace ({pace} sites a month) {needed} sites are not reached."),
    };
    match (f.needed_pace, nb) {
        (Some(it_takes), true) => {
            text.push_str(&format!(" Det krever {} i måneden.", pace_number(locale, it_takes)));
        }
        (Some(it_takes), false) => {
            text.push_str(&format!(" It takes {} a month.", pace_number(locale, it_takes)));
        }
        (None, true) => text.push_str(&format!(
            " Måldatoen {} er passert.",
            crate::core::timefmt::date_nb(due_on)
        )),
        (None, false) => text.push_str(&format!(
            " The target date {} has passed.",
            crate::core::timefmt::date_nb(due_on)
        )),
    }
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
            "At today's pace (1.9 sites a month) 120 sites are reached in March 2026 – 3 months after the target date. It takes 3.2 a month."
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
            share: Share {
                covered: 130,
                active: 200,
            },
            ..forecast(None, Some(0.0))
        };
        assert_eq!(
            forecast_sentence(Locale::nb, date!(2025 - 12 - 31), false, &met),
            "Målet er nådd: 130 av 120 tjenestesteder."
        );
        // Past its date, not met then, met now.
        assert_eq!(
            forecast_sentence(Locale::nb, date!(2024 - 12 - 31), false, &met),
            "Målet ble ikke nådd innen måldatoen, men er nådd nå: 130 av 120 tjenestesteder."
        );
        assert_eq!(
            forecast_sentence(Locale::nb, date!(2024 - 12 - 31), true, &met),
            "Målet er nådd: 130 av 120 tjenestesteder."
        );
        assert_eq!(pace_number(Locale::nb, -0.04), "0,0");
        assert_eq!(pace_number(Locale::nb, -0.26), "−0,3");
    }
}
