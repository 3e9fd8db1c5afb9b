//! The demo portfolio (issue 12): projects across every phase, sector and programme, with
//! benefits, measurements, partners, funding and what they stop doing, plus ideas in every
//! state. Pure data, the same every time for the same count; `service::seed_demo_portfolio`
//! writes it.

use time::{Date, Month};

use crate::portfolio::domain::benefit::BenefitKind;
use crate::portfolio::domain::project::PartnerKind;

/// The programmes of the demo; the first is DESIGN §1's "about 60 digitalisation projects".
pub const PROGRAMMES: [(&str, &str); 3] = [
    (
        "Digitalt førstevalg",
        "Kommunens program for digitale tjenester som innbyggerne velger først.",
    ),
    (
        "Klimaklok kommune",
        "Prosjekter som kutter utslipp i kommunens egen drift.",
    ),
    (
        "Heltidskultur",
        "Flere hele stillinger og bedre turnus i helse og omsorg.",
    ),
];

const THEMES: [(&str, &str, &[&str], &[u8]); 16] = [
    (
        "Digital innsjekk",
        "Innbyggerne sjekker inn selv på en skjerm ved inngangen, og de ansatte slipper køen i skranken.",
        &["digitalisering", "selvbetjening"],
        &[9, 16],
    ),
    (
        "Velferdsteknologi i hjemmet",
        "Digitalt tilsyn og medisindispensere gir tryggere hverdag hjemme og færre unødvendige besøk.",
        &["velferdsteknologi", "helse"],
        &[3],
    ),
    (
        "Chatbot for foreldre",
        "En chatbot svarer på spørsmål om barnehageplass og SFO hele døgnet.",
        &["digitalisering", "kunstig intelligens"],
        &[4, 16],
    ),
    (
        "Klimavennlige innkjøp",
        "Innkjøpene vektlegger klimaavtrykk og ombruk av møbler og utstyr.",
        &["klima", "innkjøp", "ombruk"],
        &[12, 13],
    ),
    (
        "Elektrisk maskinpark",
        "Vei og park bytter ut fossile maskiner med elektriske.",
        &["klima", "utslipp"],
        &[7, 13],
    ),
    (
        "Ute er inne",
        "Mer undervisning ute gir bedre læring og mindre sykefravær.",
        &["læring", "folkehelse"],
        &[3, 4],
    ),
    (
        "Heltid i turnus",
        "Ny turnusmodell gir flere hele stillinger og bedre kontinuitet for brukerne.",
        &["heltid", "arbeidsmiljø"],
        &[5, 8],
    ),
    (
        "Digital søknad om tjenester",
        "Søknader om helse- og omsorgstjenester leveres og følges opp digitalt.",
        &["digitalisering", "saksbehandling"],
        &[10, 16],
    ),
    (
        "Sensorer i byggene",
        "Sensorer styrer lys, varme og renhold etter faktisk bruk.",
        &["klima", "eiendom", "sensorer"],
        &[7, 11],
    ),
    (
        "Felles rekruttering",
        "Én digital kanal for rekruttering av vikarer på tvers av barnehagene.",
        &["rekruttering", "digitalisering"],
        &[8],
    ),
    (
        "Lesevenner",
        "Frivillige lesevenner på biblioteket gir flere barn leseglede.",
        &["frivillighet", "læring"],
        &[4, 17],
    ),
    (
        "Matsvinn i kantinene",
        "Måling og bedre planlegging halverer matsvinnet.",
        &["klima", "matsvinn"],
        &[2, 12],
    ),
    (
        "Mestringsteam",
        "Tverrfaglig team hjelper nye brukere å mestre hverdagen selv.",
        &["mestring", "helse"],
        &[3, 10],
    ),
    (
        "Robot for fakturaer",
        "Programvareroboter tar de rutinemessige stegene i fakturabehandlingen.",
        &["automatisering", "økonomi"],
        &[8, 9],
    ),
    (
        "Ungdommens medvirkning",
        "Ungdom deltar i utformingen av fritidsklubbene med en digital medvirkningsplattform.",
        &["medvirkning", "ungdom"],
        &[10, 16],
    ),
    (
        "Smart vannmåling",
        "Fjernavleste vannmålere oppdager lekkasjer tidlig.",
        &["vann", "sensorer", "klima"],
        &[6, 11],
    ),
];

const PARTNERS: [(PartnerKind, &str); 8] = [
    (PartnerKind::Municipality, "Asker kommune"),
    (PartnerKind::Municipality, "Drammen kommune"),
    (PartnerKind::Research, "OsloMet"),
    (PartnerKind::Research, "SINTEF"),
    (PartnerKind::Business, "Lokal leverandør AS"),
    (PartnerKind::Business, "Teknologiselskap AS"),
    (PartnerKind::SocialEntrepreneur, "Sosial entreprenør SA"),
    (PartnerKind::Volunteer, "Frivilligsentralen"),
];

const STOPS: [&str; 6] = [
    "Manuell registrering på papir",
    "Fast ukentlig kjøring av papirpost",
    "Egne lisenser for et gammelt fagsystem",
    "Leie av dieselaggregat",
    "Manuell avlesning av målere",
    "Telefontid i skranken på formiddagen",
];

/// A small deterministic generator, so the demo is the same on every machine.
struct Dice(u64);

impl Dice {
    fn next(&mut self, below: u64) -> u64 {
        // Knuth's MMIX linear congruential generator; plenty for demo data.
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below.max(1)
    }
}

/// A benefit of a demo project, with its measurements (day, value).
pub struct DemoBenefit {
    pub kind: BenefitKind,
    pub description: &'static str,
    pub unit: &'static str,
    pub baseline: i64,
    pub target: i64,
    pub target_date: Date,
    pub measurements: Vec<(Date, i64)>,
}

/// A demo project; sites, people and phases are indices into what the database holds.
pub struct DemoProject {
    pub name: String,
    pub description: String,
    /// Index into the service sites (by id), and how many others take part.
    pub lead_site: usize,
    pub other_sites: Vec<usize>,
    /// Index into the demo users: owner first, then members.
    pub people: Vec<usize>,
    /// Index into the roadmap's phases (the last is Stoppet).
    pub phase: usize,
    pub programme: Option<usize>,
    pub budget: Option<i64>,
    pub started_on: Date,
    pub tags: Vec<&'static str>,
    pub sdgs: Vec<u8>,
    pub partners: Vec<(PartnerKind, &'static str)>,
    pub funding: Vec<(&'static str, i64)>,
    pub benefits: Vec<DemoBenefit>,
    pub stops: Vec<(&'static str, Date, Option<i64>)>,
}

fn day(year: i32, month: u8, dom: u8) -> Date {
    let month = Month::try_from(month).unwrap_or(Month::January);
    Date::from_calendar_date(year, month, dom.clamp(1, 28)).unwrap_or(Date::MIN)
}

/// `count` projects over `sites` service sites, `people` demo users and `phases` phases
/// (Stoppet last), measured up to `today`.
pub fn demo_projects(
    count: usize,
    sites: usize,
    people: usize,
    phases: usize,
    today: Date,
) -> Vec<DemoProject> {
    let mut dice = Dice(2026);
    (0..count)
        .map(|n| {
            let (theme, description, tags, sdgs) = THEMES[n % THEMES.len()];
            let lead_site = (n * 37 + dice.next(7) as usize) % sites.max(1);
            let other_sites = (0..dice.next(3))
                .map(|k| (lead_site + 1 + k as usize * 11) % sites.max(1))
                .collect();
            let owner = 1 + dice.next(people.saturating_sub(1).max(1) as u64) as usize;
            let mut crew = vec![owner % people.max(1)];
            let extra = (owner + 1 + dice.next(3) as usize) % people.max(1);
            if !crew.contains(&extra) {
                crew.push(extra);
            }
            // Most projects in the early phases, a few stopped (DESIGN §4's roadmap).
            let phase = match dice.next(20) {
                0..=4 => 0,
                5..=9 => 1,
                10..=13 => 2,
                14..=16 => 3,
                17..=18 => 4,
                _ => phases.saturating_sub(1),
            }
            .min(phases.saturating_sub(1));
            // About three in four of the digital themes belong to Digitalt førstevalg.
            // The climate themes mostly belong to Klimaklok kommune, full-time work to
            // Heltidskultur.
            let programme = match (tags.contains(&"digitalisering"), dice.next(4)) {
                (true, 0..=2) => Some(0),
                (false, 0..=1) if tags.contains(&"klima") => Some(1),
                (false, _) if tags.contains(&"heltid") => Some(2),
                _ => None,
            };
            let year = today.year() - dice.next(4) as i32;
            let started_on = day(year, 1 + dice.next(12) as u8, 1 + dice.next(28) as u8).min(today);
            let budget = (dice.next(5) > 0).then(|| 50_000 * (1 + dice.next(20) as i64));
            let partners = (0..dice.next(3))
                .map(|_| PARTNERS[dice.next(PARTNERS.len() as u64) as usize])
                .collect();
            let funding = if dice.next(3) == 0 {
                vec![(
                    "Forsknings- og innovasjonsfondet",
                    35_000 * (1 + dice.next(14) as i64),
                )]
            } else {
                Vec::new()
            };
            let benefits = (0..1 + dice.next(3))
                .map(|k| {
                    let kind = match (n + k as usize) % 4 {
                        0 => BenefitKind::Economic,
                        1 => BenefitKind::Hours,
                        2 => BenefitKind::Climate,
                        _ => BenefitKind::Quality,
                    };
                    let (description, unit, target) = match kind {
                        BenefitKind::Economic => (
                            "Sparte driftskostnader per år",
                            "kr",
                            100_000 * (1 + dice.next(10) as i64),
                        ),
                        BenefitKind::Hours => (
                            "Frigjort tid per år",
                            "timer",
                            200 * (1 + dice.next(10) as i64),
                        ),
                        BenefitKind::Climate => (
                            "Kutt i utslipp per år",
                            "kg CO2e",
                            1_000 * (1 + dice.next(20) as i64),
                        ),
                        _ => (
                            "Andel fornøyde brukere",
                            "prosent",
                            70 + dice.next(25) as i64,
                        ),
                    };
                    let baseline = if kind == BenefitKind::Quality {
                        50 + dice.next(15) as i64
                    } else {
                        0
                    };
                    // Measured only once the project is past its first phases.
                    let measured = if phase >= 2 { dice.next(4) } else { 0 };
                    let mut value = baseline;
                    let measurements = (0..measured)
                        .map(|m| {
                            value += (target - baseline) / 5 + dice.next(10) as i64;
                            let when = day(
                                started_on.year() + 1 + m as i32 / 2,
                                if m % 2 == 0 { 3 } else { 9 },
                                15,
                            )
                            .min(today);
                            (when, value.min(target * 2))
                        })
                        .collect();
                    DemoBenefit {
                        kind,
                        description,
                        unit,
                        baseline,
                        target,
                        target_date: day(started_on.year() + 3, 12, 28),
                        measurements,
                    }
                })
                .collect();
            let stops = if phase >= 3 && dice.next(2) == 0 {
                let what = STOPS[dice.next(STOPS.len() as u64) as usize];
                vec![(
                    what,
                    day(started_on.year() + 2, 1, 1),
                    (dice.next(2) == 0).then(|| 25_000 * (1 + dice.next(8) as i64)),
                )]
            } else {
                Vec::new()
            };
            DemoProject {
                name: if n < THEMES.len() {
                    theme.to_owned()
                } else {
                    format!("{theme} {}", n / THEMES.len() + 1)
                },
                description: description.to_owned(),
                lead_site,
                other_sites,
                people: crew,
                phase,
                programme,
                budget,
                started_on,
                tags: tags.to_vec(),
                sdgs: sdgs.to_vec(),
                partners,
                funding,
                benefits,
                stops,
            }
        })
        .collect()
}

/// A demo idea: title, problem, proposal, and its state (index into the demo users).
pub const IDEAS: [(&str, &str, &str, &str); 8] = [
    (
        "Bytt ut papirskjema for skoleskyss",
        "Foreldre fyller ut papirskjema hvert år, og skolene taster dem inn.",
        "Et digitalt skjema som henter opplysningene fra folkeregisteret.",
        "submitted",
    ),
    (
        "Gjenbruksbod for uteklær",
        "Mange barn mangler passende uteklær.",
        "En gjenbruksbod i hver barnehage der familier kan bytte klær.",
        "submitted",
    ),
    (
        "Felles bilpool for hjemmetjenesten",
        "Bilene står stille store deler av dagen.",
        "En felles elbilpool på tvers av sonene.",
        "under_assessment",
    ),
    (
        "Lån ut verktøy på biblioteket",
        "Innbyggere kjøper verktøy de bruker én gang.",
        "Biblioteket låner ut verktøy og utstyr.",
        "under_assessment",
    ),
    (
        "Digital timebestilling på helsestasjonen",
        "Telefonkøen er lang om morgenen.",
        "Foreldre bestiller og flytter timer selv.",
        "parked",
    ),
    (
        "Droner til inspeksjon av tak",
        "Inspeksjon av tak krever lift og to ansatte.",
        "Droner tar bilder som vurderes fra kontoret.",
        "declined",
    ),
    (
        "Nabohjelp i appen",
        "Eldre vet ikke hvem de kan spørre om små tjenester.",
        "En app som kobler frivillige naboer med eldre.",
        "submitted",
    ),
    (
        "Lys som slår seg av selv",
        "Lyset står på i tomme klasserom.",
        "Bevegelsessensorer i alle klasserom.",
        "under_assessment",
    ),
];

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn the_demo_has_every_phase_programme_and_kind() {
        let projects = demo_projects(80, 200, 9, 6, date!(2026 - 12 - 02));
        assert_eq!(projects.len(), 80);
        for phase in 0..6 {
            assert!(projects.iter().any(|p| p.phase == phase), "phase {phase}");
        }
        for programme in 0..PROGRAMMES.len() {
            assert!(
                projects.iter().any(|p| p.programme == Some(programme)),
                "programme {programme}"
            );
        }
        for kind in [
            BenefitKind::Economic,
            BenefitKind::Hours,
            BenefitKind::Climate,
            BenefitKind::Quality,
        ] {
            assert!(
                projects
                    .iter()
                    .flat_map(|p| &p.benefits)
                    .any(|b| b.kind == kind),
                "{kind:?}"
            );
        }
        assert!(
            projects
                .iter()
                .flat_map(|p| &p.benefits)
                .any(|b| !b.measurements.is_empty())
        );
        assert!(projects.iter().any(|p| !p.stops.is_empty()));
    }

    #[test]
    fn the_demo_is_the_same_every_time_and_never_in_the_future() {
        let today = date!(2026 - 12 - 02);
        let a = demo_projects(40, 200, 9, 6, today);
        let b = demo_projects(40, 200, 9, 6, today);
        assert!(
            a.iter()
                .zip(&b)
                .all(|(x, y)| x.name == y.name && x.phase == y.phase && x.lead_site == y.lead_site)
        );
        for p in &a {
            assert!(p.started_on <= today);
            assert!(p.lead_site < 200 && p.other_sites.iter().all(|s| *s < 200));
            assert!(p.people.iter().all(|i| *i < 9));
            for b in &p.benefits {
                assert!(b.measurements.iter().all(|(d, _)| *d <= today));
            }
        }
        let names: std::collections::HashSet<&String> = a.iter().map(|p| &p.name).collect();
        assert_eq!(names.len(), a.len(), "names are unique");
    }
}
