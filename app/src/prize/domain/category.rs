//! A prize category (DESIGN §7): a name, weighted criteria (defaults from national prize
//! practice, DESIGN §1) and a jury with a chair.

use serde::{Deserialize, Serialize};

use crate::core::error::{FieldError, FieldErrors};
use crate::core::parse::{
    PersonRef, name_key, parse_bounded, parse_name, parse_person_list,
};

/// The strategy's three prizes (DESIGN §1), offered when a year gets its categories.
pub const DEFAULT_CATEGORIES: [&str; 3] = ["Årets innovasjon", "Stjæl med stil", "Beste feil"];
/// The criteria of national prize practice (DESIGN §1), equally weighted by default.
pub const DEFAULT_CRITERIA: [&str; 5] = [
    "Nyhetsverdi",
    "Realisert",
    "Skapt verdi",
    "Endrede arbeidsmåter",
    "Spredningsmulighet",
];
pub const DEFAULT_WEIGHT: u16 = 1;
pub const MAX_NAME_CHARS: usize = 120;
pub const MAX_WEIGHT: i64 = 100;
pub const MAX_CRITERIA: usize = 12;
pub const MAX_JURORS: usize = 25;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCriterion {
    pub name: String,
    pub weight: u16,
}

/// A category as parsed. The chair is always one of the jury.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCategory {
    pub name: String,
    pub criteria: Vec<NewCriterion>,
    pub jury: Vec<PersonRef>,
    pub chair: PersonRef,
}

crate::parsed_input!(NewCategory);

/// The default criteria, equally weighted.
pub fn default_criteria() -> Vec<NewCriterion> {
    DEFAULT_CRITERIA
        .iter()
        .map(|name| NewCriterion {
            name: (*name).to_owned(),
            weight: DEFAULT_WEIGHT,
        })
        .collect()
}

/// Criteria as the API sends them (`[{"name", "weight"}]`); none: the defaults.
pub fn parse_criteria(given: Option<Vec<(String, i64)>>) -> Result<Vec<NewCriterion>, FieldError> {
    let Some(given) = given else {
        return Ok(default_criteria());
    };
    if given.is_empty() {
        return Err(FieldError::Required);
    }
    if given.len() > MAX_CRITERIA {
        return Err(FieldError::TooMany);
    }
    let mut criteria: Vec<NewCriterion> = Vec::with_capacity(given.len());
    for (name, weight) in given {
        let name = parse_name(&name, MAX_NAME_CHARS)?;
        if criteria
            .iter()
            .any(|c| name_key(&c.name) == name_key(&name))
        {
            return Err(FieldError::DuplicateInFile);
        }
        if !(1..=MAX_WEIGHT).contains(&weight) {
            return Err(FieldError::OutOfRange);
        }
        let weight = u16::try_from(weight).map_err(|_| FieldError::OutOfRange)?;
        criteria.push(NewCriterion { name, weight });
    }
    Ok(criteria)
}

/// Criteria typed one per line as `name: weight` (a line without a weight weighs 1); an
/// empty text gives the defaults.
pub fn parse_criteria_lines(raw: &str) -> Result<Vec<NewCriterion>, FieldError> {
    let lines: Vec<&str> = raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        return parse_criteria(None);
    }
    let mut given = Vec::with_capacity(lines.len());
    for line in lines {
        let (name, weight) = match line.rsplit_once(':') {
            Some((name, weight)) => (name, parse_bounded(weight, 1, MAX_WEIGHT)?),
            None => (line, i64::from(DEFAULT_WEIGHT)),
        };
        given.push((name.to_owned(), weight));
    }
    parse_criteria(Some(given))
}

/// The jury with the chair in it, each person once.
fn with_chair(mut jury: Vec<PersonRef>, chair: &PersonRef) -> Result<Vec<PersonRef>, FieldError> {
    if !jury.contains(chair) {
        jury.push(chair.clone());
    }
    if jury.len() > MAX_JURORS {
        return Err(FieldError::TooMany);
    }
    Ok(jury)
}

/// A category as the API sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryInput {
    pub name: String,
    pub criteria: Option<Vec<(String, i64)>>,
    pub jury_user_ids: Vec<i64>,
    pub chair_user_id: i64,
}

impl crate::core::parse::Input for CategoryInput {
    type Parsed = NewCategory;

    fn parse(self) -> Result<NewCategory, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = parse_name(&self.name, MAX_NAME_CHARS)
            .map_err(|e| errors.insert("name".into(), e))
            .ok();
        let criteria = parse_criteria(self.criteria)
            .map_err(|e| errors.insert("criteria".into(), e))
            .ok();
        let id = |raw: i64| i32::try_from(raw).map(PersonRef::Id);
        let chair = id(self.chair_user_id)
            .map_err(|_| errors.insert("chair_user_id".into(), FieldError::UnknownUser))
            .ok();
        let mut jury = Vec::new();
        for raw in self.jury_user_ids {
            match id(raw) {
                Ok(person) if !jury.contains(&person) => jury.push(person),
                Ok(_) => {}
                Err(_) => {
                    errors.insert("jury_user_ids".into(), FieldError::UnknownUser);
                }
            }
        }
        finish(name, criteria, jury, chair, errors)
    }
}

/// A category as typed: criteria one per line, the jurors and the chair by name or e-mail
/// address (the person chooser).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryForm {
    pub name: String,
    pub criteria: String,
    pub jury: String,
    pub chair: String,
}

impl crate::core::parse::Input for CategoryForm {
    type Parsed = NewCategory;

    fn parse(self) -> Result<NewCategory, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = parse_name(&self.name, MAX_NAME_CHARS)
            .map_err(|e| errors.insert("name".into(), e))
            .ok();
        let criteria = parse_criteria_lines(&self.criteria)
            .map_err(|e| errors.insert("criteria".into(), e))
            .ok();
        let chair = PersonRef::parse(&self.chair)
            .map_err(|e| errors.insert("chair".into(), e))
            .ok();
        let jury = parse_person_list(&self.jury, MAX_JURORS)
            .map_err(|e| errors.insert("jury".into(), e))
            .unwrap_or_default();
        finish(name, criteria, jury, chair, errors)
    }
}

fn finish(
    name: Option<String>,
    criteria: Option<Vec<NewCriterion>>,
    jury: Vec<PersonRef>,
    chair: Option<PersonRef>,
    mut errors: FieldErrors,
) -> Result<NewCategory, FieldErrors> {
    let jury = chair.as_ref().and_then(|chair| {
        with_chair(jury, chair)
            .map_err(|e| errors.insert("jury".into(), e))
            .ok()
    });
    match (name, criteria, jury, chair) {
        (Some(name), Some(criteria), Some(jury), Some(chair)) if errors.is_empty() => {
            Ok(NewCategory {
                name,
                criteria,
                jury,
                chair,
            })
        }
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::parse::Input;

    /// A jury of `n` by e-mail, the chair among them.
    fn form_with_jury(n: usize) -> CategoryForm {
        let jury: Vec<String> = (1..=n)
            .map(|i| format!("juror{i}@ideverket.example"))
            .collect();
        CategoryForm {
            name: "Årets innovasjon".into(),
            criteria: String::new(),
            chair: jury[0].clone(),
            jury: jury.join("\n"),
        }
    }

    #[test]
    fn the_jury_form_takes_as_many_jurors_as_the_api() {
        // It took LUP's limit of supervisors (20) before issue 25.
        let category = form_with_jury(MAX_JURORS).parse().unwrap();
        assert_eq!(category.jury.len(), MAX_JURORS);
        let refused = form_with_jury(MAX_JURORS + 1).parse().unwrap_err();
        assert_eq!(refused.get("jury"), Some(&FieldError::TooMany));
    }

    #[test]
    fn no_criteria_gives_the_five_defaults_equally_weighted() {
        let c = parse_criteria(None).unwrap();
        assert_eq!(c.len(), 5);
        assert_eq!(c[0].name, "Nyhetsverdi");
        assert!(c.iter().all(|c| c.weight == 1));
        assert_eq!(parse_criteria_lines("  \n").unwrap(), c);
    }

    #[test]
    fn criteria_lines_read_name_and_weight() {
        let c = parse_criteria_lines("Nyhetsverdi: 3\nRealisert\n").unwrap();
        assert_eq!(c[0].weight, 3);
        assert_eq!(c[1].weight, 1);
        assert_eq!(parse_criteria_lines("A: 0"), Err(FieldError::OutOfRange));
        assert_eq!(
            parse_criteria_lines("A\na"),
            Err(FieldError::DuplicateInFile)
        );
        assert_eq!(parse_criteria(Some(vec![])), Err(FieldError::Required));
    }

    #[test]
    fn the_chair_is_always_on_the_jury() {
        let parsed = CategoryInput {
            name: "Beste feil".into(),
            criteria: None,
            jury_user_ids: vec![4, 5, 4],
            chair_user_id: 9,
        }
        .parse()
        .unwrap();
        assert_eq!(
            parsed.jury,
            vec![PersonRef::Id(4), PersonRef::Id(5), PersonRef::Id(9)]
        );
        let form = CategoryForm {
            name: "Stjæl med stil".into(),
            criteria: String::new(),
            jury: "a@x.no, b@x.no".into(),
            chair: "B@x.no".into(),
        }
        .parse()
        .unwrap();
        assert_eq!(form.jury.len(), 2);
    }

    #[test]
    fn a_category_without_a_chair_or_name_is_refused() {
        let errors = CategoryForm {
            name: " ".into(),
            chair: "  ".into(),
            ..Default::default()
        }
        .parse()
        .unwrap_err();
        assert_eq!(errors.get("name"), Some(&FieldError::Required));
        assert_eq!(errors.get("chair"), Some(&FieldError::Required));
        // A chair and jurors by name, as the person chooser suggests them or as typed.
        let named = CategoryForm {
            name: "Beste feil".into(),
            criteria: String::new(),
            jury: "Per Hansen; Marit Nilsen <leder@ideverket.example>\n7".into(),
            chair: "jury@ideverket.example".into(),
        }
        .parse()
        .unwrap();
        assert_eq!(
            named.jury,
            vec![
                PersonRef::Name("Per Hansen".into()),
                PersonRef::Email(crate::core::parse::Email::parse("leder@ideverket.example").unwrap()),
                PersonRef::Id(7),
                PersonRef::Email(crate::core::parse::Email::parse("jury@ideverket.example").unwrap()),
            ]
        );
    }
}
