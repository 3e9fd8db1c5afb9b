//! The demo prize (issue 14): last year's prize with 48 nominations across the three
//! categories (DESIGN §1: 48 in one year), three finalists each, the jury's ballots and the
//! published results; and this year's prize with its nomination window open and a few
//! nominations in. Pure data from the current time; `service::seed_demo_prize` writes it.

use time::{Date, Duration, Month, OffsetDateTime};

/// Nominations of last year's prize.
pub const PAST_NOMINATIONS: usize = 48;
/// Nominations already in this year's open window.
pub const CURRENT_NOMINATIONS: usize = 6;
/// Finalists per category.
pub const FINALISTS: usize = 3;

/// A demo year's dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoYear {
    pub year: i32,
    pub nominations_open: OffsetDateTime,
    pub nominations_close: OffsetDateTime,
    pub jury_deadline: OffsetDateTime,
    pub award_on: Date,
    pub published: bool,
    pub peoples_choice: bool,
}

/// Last year's prize (awarded on 22 March, DESIGN §1) and this year's, whose window is open
/// at `now` (opened a month ago, closes in two months).
pub fn demo_years(now: OffsetDateTime) -> (DemoYear, DemoYear) {
    let close = now + Duration::days(60);
    let deadline = close + Duration::days(28);
    let award_on = deadline.date() + Duration::days(21);
    let current = DemoYear {
        year: award_on.year(),
        nominations_open: now - Duration::days(30),
        nominations_close: close,
        jury_deadline: deadline,
        award_on,
        published: false,
        peoples_choice: true,
    };
    let past_year = award_on.year() - 1;
    // Nine in the morning, Oslo's winter time.
    let at = |year: i32, month: Month, day: u8| {
        Date::from_calendar_date(year, month, day)
            .unwrap_or(Date::MIN)
            .midnight()
            .assume_utc()
            + Duration::hours(8)
    };
    let past = DemoYear {
        year: past_year,
        nominations_open: at(past_year - 1, Month::November, 1),
        nominations_close: at(past_year, Month::February, 1),
        jury_deadline: at(past_year, Month::March, 1),
        award_on: at(past_year, Month::March, 22).date(),
        published: true,
        peoples_choice: false,
    };
    (past, current)
}

const WHAT: [&str; 16] = [
    "Digital innsjekk på legevakten",
    "Felles vikarpool for barnehagene",
    "Sensorer mot fall i omsorgsboligene",
    "Gjenbruk av møbler mellom skolene",
    "Chatbot for byggesøknader",
    "Matsvinn-tavla på sykehjemmet",
    "Språkvenn for nyankomne familier",
    "Elektriske lastesykler i hjemmetjenesten",
    "Lånt løsning: digitalt tilsyn fra nabokommunen",
    "Pilot som ikke virket: selvbetjent bibliotekskiosk",
    "Turnus på brukerens premisser",
    "Ungdommens innovasjonsverksted",
    "Robotstøvsuger-avtalen som sparte 200 timer",
    "Delingsplattform for utstyr i idrettslagene",
    "Kort vei til rett hjelp i NAV-samarbeidet",
    "Mindre papir i skolestarten",
];

/// Told apart when an idea is nominated again: taken further, or spread.
const ROUNDS: [&str; 3] = ["", " – videreutviklet", " – spredt til flere steder"];

const WHO: [&str; 8] = [
    "Team hjemmetjenesten vest",
    "Barnehagene i Bekkestua-området",
    "Innovasjonsgruppa på sykehjemmet",
    "Skoleledelsen og IKT-veilederne",
    "Byggesaksavdelingen",
    "Kultur- og fritidsteamet",
    "Ergoterapeutene",
    "Kjøkkenet og pleiepersonalet",
];

/// A demo nomination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoNomination {
    /// Index into the year's categories (the three defaults, in order).
    pub category: usize,
    pub title: String,
    pub nominee: String,
    /// Index of the site among those the demo spreads nominations over (round-robin over
    /// the sectors).
    pub site: usize,
    /// Index into the nominating demo users.
    pub nominator: usize,
    /// Its finalist rank in its category (0 = the jury's favourite), if it is one.
    pub finalist: Option<usize>,
}

/// `count` nominations spread round-robin over three categories; the first three of each
/// category in last year's prize are its finalists.
pub fn demo_nominations(count: usize, with_finalists: bool, offset: usize) -> Vec<DemoNomination> {
    (0..count)
        .map(|i| {
            let category = i % 3;
            let rank_in_category = i / 3;
            let title = WHAT[(i + offset) % WHAT.len()];
            let round = (i + offset) / WHAT.len();
            DemoNomination {
                category,
                title: format!("{title}{}", ROUNDS[round % ROUNDS.len()]),
                nominee: WHO[(i + offset) % WHO.len()].to_owned(),
                site: i * 7 + offset,
                nominator: i,
                finalist: (with_finalists && rank_in_category < FINALISTS)
                    .then_some(rank_in_category),
            }
        })
        .collect()
}

/// A juror's demo score on one criterion: the favourite scores highest, with some spread
/// between jurors and criteria, always 1–5.
pub fn demo_score(rank: usize, juror: usize, criterion: usize) -> u8 {
    let base = 5usize.saturating_sub(rank);
    let wobble = (juror + criterion * 2) % 3;
    u8::try_from((base + wobble).saturating_sub(1).clamp(1, 5)).unwrap_or(3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn last_years_prize_is_over_and_this_years_window_is_open() {
        let now = datetime!(2026-12-03 09:00 UTC);
        let (past, current) = demo_years(now);
        assert!(current.nominations_open < now && now < current.nominations_close);
        assert!(past.award_on < now.date());
        assert_eq!(past.year + 1, current.year);
        assert_eq!(
            (past.award_on.month(), past.award_on.day()),
            (Month::March, 22)
        );
    }

    #[test]
    fn forty_eight_nominations_with_three_finalists_per_category() {
        let all = demo_nominations(PAST_NOMINATIONS, true, 0);
        assert_eq!(all.len(), 48);
        for category in 0..3 {
            let finalists = all
                .iter()
                .filter(|n| n.category == category && n.finalist.is_some())
                .count();
            assert_eq!(finalists, FINALISTS);
        }
        let mut titles: Vec<&str> = all.iter().map(|n| n.title.as_str()).collect();
        titles.sort_unstable();
        titles.dedup();
        assert_eq!(titles.len(), 48, "titles are distinct");
    }

    #[test]
    fn demo_scores_stay_within_one_to_five_and_favour_the_favourite() {
        for rank in 0..3 {
            for juror in 0..3 {
                for criterion in 0..5 {
                    assert!((1..=5).contains(&demo_score(rank, juror, criterion)));
                }
            }
        }
        let total = |rank| {
            (0..5)
                .map(|c| u32::from(demo_score(rank, 0, c)))
                .sum::<u32>()
        };
        assert!(total(0) > total(1) && total(1) > total(2));
    }
}
