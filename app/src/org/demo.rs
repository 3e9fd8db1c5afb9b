//! The demo organisation: 8 sectors and 200 service sites named after places in Bærum.
//! Pure data; `service::seed_demo` writes it.

use time::Date;
use time::macros::date;

/// A demo sector with its sites (name, active-from date).
pub struct DemoSector {
    pub name: &'static str,
    pub sites: Vec<(String, Date)>,
}

const PLACES: [&str; 48] = [
    "Sandvika",
    "Bekkestua",
    "Fornebu",
    "Rykkinn",
    "Stabekk",
    "Høvik",
    "Lommedalen",
    "Eiksmarka",
    "Bærums Verk",
    "Haslum",
    "Jar",
    "Lysaker",
    "Kolsås",
    "Gjettum",
    "Hosle",
    "Østerås",
    "Tanum",
    "Lesterud",
    "Grav",
    "Blommenholm",
    "Slependen",
    "Billingstad",
    "Hvalstad",
    "Vøyenenga",
    "Gullhaug",
    "Bryn",
    "Dønski",
    "Skui",
    "Kirkerud",
    "Hauger",
    "Ringstabekk",
    "Snarøya",
    "Oksenøya",
    "Nadderud",
    "Evje",
    "Eineåsen",
    "Belset",
    "Ramstad",
    "Jong",
    "Valler",
    "Løkeberg",
    "Storøya",
    "Tokerud",
    "Hundsund",
    "Steinerud",
    "Rud",
    "Hammerbakken",
    "Dæhlibakken",
];

/// (sector, how many sites, name patterns where `{}` is the place).
const SECTORS: [(&str, usize, &[&str]); 8] = [
    (
        "Oppvekst barnehage",
        56,
        &["{} barnehage", "{} naturbarnehage"],
    ),
    ("Oppvekst skole", 44, &["{} skole", "{} ungdomsskole"]),
    (
        "Helse og omsorg",
        30,
        &[
            "{} bo- og behandlingssenter",
            "Hjemmetjenesten {}",
            "{} helsestasjon",
        ],
    ),
    (
        "Bistand og omsorg",
        24,
        &["{} bofellesskap", "{} aktivitetssenter"],
    ),
    (
        "Miljø, idrett og kultur",
        18,
        &["{} bibliotek", "{} idrettspark", "{} kulturhus"],
    ),
    (
        "Teknisk",
        12,
        &["Vei og park {}", "Vann og avløp {}", "Eiendomsdrift {}"],
    ),
    (
        "Barn, unge og familie",
        10,
        &["{} familiesenter", "{} fritidsklubb"],
    ),
    ("Organisasjon/stab", 6, &["{} rådhus", "{} servicetorg"]),
];

/// Sites on Fornebu opened with the new town there; the rest are long established.
fn opened(place: &str) -> Date {
    if place == "Fornebu" {
        date!(2019 - 08 - 01)
    } else {
        date!(2010 - 01 - 01)
    }
}

/// The full demo organisation, always the same.
pub fn demo_organisation() -> Vec<DemoSector> {
    SECTORS
        .iter()
        .map(|(name, count, patterns)| {
            let sites = (0..*count)
                .map(|i| {
                    let place = PLACES[i % PLACES.len()];
                    // Shift the pattern on each lap round the places so no name repeats.
                    let pattern = patterns[(i + i / PLACES.len()) % patterns.len()];
                    (pattern.replace("{}", place), opened(place))
                })
                .collect();
            DemoSector { name, sites }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn demo_has_eight_sectors_and_two_hundred_sites() {
        let org = demo_organisation();
        assert_eq!(org.len(), 8);
        assert_eq!(org.iter().map(|s| s.sites.len()).sum::<usize>(), 200);
    }

    #[test]
    fn every_sector_has_sites() {
        for sector in demo_organisation() {
            assert!(!sector.sites.is_empty(), "{} has no sites", sector.name);
        }
    }

    #[test]
    fn demo_site_names_are_unique_across_the_municipality() {
        let org = demo_organisation();
        let names: Vec<&String> = org
            .iter()
            .flat_map(|s| s.sites.iter().map(|(n, _)| n))
            .collect();
        let unique: HashSet<&&String> = names.iter().collect();
        assert_eq!(unique.len(), names.len());
    }

    #[test]
    fn demo_site_names_use_the_place_names() {
        let org = demo_organisation();
        assert!(org[0].sites.iter().any(|(n, _)| n == "Sandvika barnehage"));
        assert!(org[1].sites.iter().any(|(n, _)| n == "Sandvika skole"));
        assert!(
            org.iter()
                .flat_map(|s| &s.sites)
                .all(|(n, _)| !n.contains("{}"))
        );
    }

    #[test]
    fn fornebu_sites_open_later_than_the_rest() {
        let org = demo_organisation();
        let fornebu = org[0].sites.iter().find(|(n, _)| n == "Fornebu barnehage");
        assert_eq!(fornebu.map(|(_, d)| *d), Some(date!(2019 - 08 - 01)));
    }
}
