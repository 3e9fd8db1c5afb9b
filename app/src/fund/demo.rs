//! The demo fund's content (DESIGN §1): the three tracks' shares of 10 MNOK a year, and a past round shaped like the municipality's own — 27 applications, ten granted
//! between 35 000 and 500 000 kr. Plain data; `service::demo` writes it.

/// The yearly budgets of the fund's three tracks in their order (larger projects, local
/// innovation funds, social entrepreneurs), in kroner: 10 MNOK together.
pub const DEMO_BUDGETS: [i64; 3] = [6_000_000, 3_000_000, 1_000_000];

pub const PAST_APPLICATIONS: usize = 27;

/// The demo round's applicants: employees of sites across the sectors (the demo accounts all
/// work at the town hall with the fund's reviewer, who would step aside from every one).
pub const APPLICANTS: [(&str, &str); 3] = [
    ("Nora Haugen", "soker.skole@ideverket.example"),
    ("Jonas Berg", "soker.helse@ideverket.example"),
    ("Leila Ahmadi", "soker.teknisk@ideverket.example"),
];

const TITLES: [&str; PAST_APPLICATIONS] = [
    "Digital innsjekk på legevakten",
    "Sensorer mot fall i omsorgsboliger",
    "Lesevenner på tvers av trinn",
    "Felles bildelingsordning for hjemmetjenesten",
    "Matsvinn ned i skolekantina",
    "Robot for medisinutdeling",
    "Ungdomsråd som lager egne tiltak",
    "Klimaklokt vedlikehold av kommunale bygg",
    "Språkkafé for nye innbyggere",
    "Tidlig innsats i barnehagen med lekbasert læring",
    "Selvbetjent utlån av turutstyr",
    "Videosamtaler med pårørende",
    "Gjenbrukstorg for skolemøbler",
    "Trygghetsalarm med GPS",
    "Skolevei uten biler",
    "Digital søknad om avlastning",
    "Aktivitetsvenner for eldre",
    "Smart styring av gatelys",
    "Kodeklubb på biblioteket",
    "Tverrfaglig team for unge uten jobb",
    "Elektroniske låser i hjemmetjenesten",
    "Utendørs klasserom",
    "Pasientforløp uten papir",
    "Grønne tak på idrettshaller",
    "Mentorordning for nye ledere",
    "Felles vikarpool for barnehagene",
    "Kartlegging av universell utforming med app",
];

/// Requested amounts: the granted ten ask for exactly what they get, 35 000–500 000 kr.
const GRANTED: [(usize, i64); 10] = [
    (0, 500_000),
    (1, 400_000),
    (3, 300_000),
    (5, 250_000),
    (7, 200_000),
    (9, 150_000),
    (12, 120_000),
    (16, 90_000),
    (19, 60_000),
    (24, 35_000),
];

/// The application the reviewer declared a conflict with.
const CONFLICTED: usize = 13;

/// One demo application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoApplication {
    pub title: String,
    pub summary: String,
    pub amount: i64,
    /// Budget lines, summing to the amount.
    pub lines: Vec<(String, i64)>,
    pub granted: Option<i64>,
    pub feedback: String,
    pub conflict: bool,
    pub review_comment: String,
}

/// The `i`th application of the past round.
pub fn demo_application(i: usize) -> DemoApplication {
    let granted = GRANTED.iter().find(|(at, _)| *at == i).map(|(_, a)| *a);
    let amount = granted.unwrap_or(80_000 + 15_000 * i64::try_from(i % 20).unwrap_or(0));
    let equipment = amount * 2 / 5;
    let title = TITLES[i % TITLES.len()].to_owned();
    DemoApplication {
        summary: format!(
            "{title}: vi vil prøve ut løsningen på ett tjenestested i et halvt år, måle \
             gevinstene og dele det vi lærer med resten av kommunen."
        ),
        title,
        amount,
        lines: vec![
            ("Utstyr og lisenser".to_owned(), equipment),
            ("Frikjøp av ansatte".to_owned(), amount - equipment),
        ],
        granted,
        feedback: if granted.is_some() {
            "Rådet anbefaler prosjektet: tydelig gevinstpotensial og god forankring.".to_owned()
        } else {
            "Rådet prioriterte prosjekter med større spredningspotensial denne runden. \
             Oppdrift tilbyr veiledning før neste runde."
                .to_owned()
        },
        conflict: i == CONFLICTED,
        review_comment: if granted.is_some() {
            "Godt begrunnet og realistisk plan.".to_owned()
        } else {
            "Interessant idé, men svak plan for måling av gevinster.".to_owned()
        },
    }
}

/// The reviewer's score for application `i` on criterion `c` (1–5): the granted score 4–5,
/// the others 2–3.
pub fn past_score(i: usize, c: usize) -> u8 {
    let granted = GRANTED.iter().any(|(at, _)| *at == i);
    let base = if granted { 4 } else { 2 };
    base + u8::from((i + c).is_multiple_of(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_of_twenty_seven_granted_between_35_000_and_500_000_within_the_round() {
        let all: Vec<DemoApplication> = (0..PAST_APPLICATIONS).map(demo_application).collect();
        let granted: Vec<i64> = all.iter().filter_map(|a| a.granted).collect();
        assert_eq!(granted.len(), 10);
        assert!(granted.iter().all(|a| (35_000..=500_000).contains(a)));
        assert!(granted.iter().sum::<i64>() <= 2_500_000, "the round's budget");
        assert!(all.iter().all(|a| a.amount <= 500_000), "the call's maximum");
        for a in &all {
            assert_eq!(a.lines.iter().map(|(_, x)| x).sum::<i64>(), a.amount, "{}", a.title);
        }
        assert_eq!(all.iter().filter(|a| a.conflict).count(), 1);
        assert!(all.iter().all(|a| !(a.conflict && a.granted.is_some())));
        assert_eq!(DEMO_BUDGETS.iter().sum::<i64>(), 10_000_000);
    }
}
