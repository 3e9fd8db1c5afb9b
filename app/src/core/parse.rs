//! Parsers shared by features: input becomes a domain type here or is refused with a
//! field error (parse, don't validate).

use std::collections::BTreeMap;

use email_address::EmailAddress;
use serde::{Deserialize, Serialize};
use time::Date;
use unicode_normalization::UnicodeNormalization;

use crate::core::error::{FieldError, FieldErrors};

/// A normalised e-mail address: trimmed, lower-cased, syntactically valid.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let email = raw.trim().to_lowercase();
        if email.is_empty() {
            return Err(FieldError::Required);
        }
        if email.len() > 254 || !EmailAddress::is_valid(&email) || !email.contains('.') {
            return Err(FieldError::InvalidEmail);
        }
        Ok(Self(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A person named by id (a client of the API), by e-mail address, or by name (a form's person
/// chooser, issue 30); the service looks them up with `core::people::active_user`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PersonRef {
    Id(i32),
    Email(Email),
    /// A full name as typed, normalised (`parse_name`): found when exactly one active user
    /// has it.
    Name(String),
}

/// The longest name a person chooser takes.
pub const MAX_PERSON_CHARS: usize = 200;

impl PersonRef {
    /// A form's field that takes any: `Kari Nordmann <kari@kommune.no>` (as the chooser's
    /// suggestions read) or an e-mail address by its address, digits as a user id, anything
    /// else as a name.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(FieldError::Required);
        }
        if let Some((_, address)) = raw.strip_suffix('>').and_then(|r| r.rsplit_once('<')) {
            return Email::parse(address).map(Self::Email);
        }
        if raw.contains('@') {
            return Email::parse(raw).map(Self::Email);
        }
        if raw.chars().all(|c| c.is_ascii_digit()) {
            return match raw.parse::<i32>() {
                Ok(id) if id > 0 => Ok(Self::Id(id)),
                _ => Err(FieldError::UnknownUser),
            };
        }
        parse_name(raw, MAX_PERSON_CHARS).map(Self::Name)
    }

    /// The e-mail address it names, if it names one.
    pub fn email(&self) -> Option<&Email> {
        match self {
            Self::Email(email) => Some(email),
            _ => None,
        }
    }
}

/// People separated by commas, semicolons or lines, each as [`PersonRef::parse`] takes one
/// (a name, `Name <address>` as the person chooser suggests, an address, a user id), each once,
/// at most `max` (the caller's limit: a jury, a team); none is fine.
pub fn parse_person_list(raw: &str, max: usize) -> Result<Vec<PersonRef>, FieldError> {
    let mut people: Vec<PersonRef> = Vec::new();
    for part in raw.split([',', ';', '\n']) {
        if part.trim().is_empty() {
            continue;
        }
        let person = PersonRef::parse(part)?;
        if !people.contains(&person) {
            people.push(person);
        }
        if people.len() > max {
            return Err(FieldError::TooMany);
        }
    }
    Ok(people)
}

/// UI language of a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Language {
    #[default]
    Nb,
    En,
}

impl Language {
    pub fn as_str(self) -> &'static str {
        match self {
            Language::Nb => "nb",
            Language::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "nb" => Some(Language::Nb),
            "en" => Some(Language::En),
            _ => None,
        }
    }
}

/// The characters no text may hold (issue 11), as inclusive ranges: control characters that
/// are not whitespace (NUL, escape, …), the byte-order mark, and bidirectional marks,
/// embeddings, overrides and isolates, which are invisible and make a name read differently
/// from what it is ("Trojan Source"). One list: [`clean_line`] refuses them and the API's
/// document says so (`http::contract`).
pub const FORBIDDEN_CHARS: &[(char, char)] = &[
    ('\u{0}', '\u{8}'),
    ('\u{E}', '\u{1F}'),
    ('\u{7F}', '\u{84}'),
    ('\u{86}', '\u{9F}'),
    ('\u{61C}', '\u{61C}'),
    ('\u{200E}', '\u{200F}'),
    ('\u{202A}', '\u{202E}'),
    ('\u{2066}', '\u{2069}'),
    ('\u{FEFF}', '\u{FEFF}'),
];

/// Whitespace as Rust reads it (`char::is_whitespace`, Unicode's White_Space), which
/// [`clean_line`] folds into one space: a text of nothing else is blank.
pub const WHITESPACE_CHARS: &[(char, char)] = &[
    ('\u{9}', '\u{D}'),
    (' ', ' '),
    ('\u{85}', '\u{85}'),
    ('\u{A0}', '\u{A0}'),
    ('\u{1680}', '\u{1680}'),
    ('\u{2000}', '\u{200A}'),
    ('\u{2028}', '\u{2029}'),
    ('\u{202F}', '\u{202F}'),
    ('\u{205F}', '\u{205F}'),
    ('\u{3000}', '\u{3000}'),
];

pub fn is_forbidden(c: char) -> bool {
    FORBIDDEN_CHARS
        .iter()
        .any(|&(from, to)| (from..=to).contains(&c))
}

/// One line of text as people mean it (issue 11, for every name-like field of every feature):
/// Unicode NFC, any run of whitespace (tabs, line breaks, no-break spaces) as one space,
/// trimmed; the [`FORBIDDEN_CHARS`] are refused, not silently dropped.
pub fn clean_line(raw: &str) -> Result<String, FieldError> {
    let nfc: String = raw.nfc().collect();
    let mut line = String::with_capacity(nfc.len());
    for word in nfc.split_whitespace() {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if line.chars().any(is_forbidden) {
        return Err(FieldError::ForbiddenCharacters);
    }
    Ok(line)
}

/// A name (of a person, sector, site, token, and later projects, cohorts, …): a clean line,
/// required, at most `max_chars` characters.
pub fn parse_name(raw: &str, max_chars: usize) -> Result<String, FieldError> {
    let name = clean_line(raw)?;
    if name.is_empty() {
        Err(FieldError::Required)
    } else if name.chars().count() > max_chars {
        Err(FieldError::TooLong)
    } else {
        Ok(name)
    }
}

/// A person's name: a name ([`parse_name`]) without `,`, `;`, `<` or `>` and not of digits
/// only, so a list of people typed into one field ([`parse_person_list`]) reads each person
/// as they are named.
pub fn parse_person_name(raw: &str, max_chars: usize) -> Result<String, FieldError> {
    let name = parse_name(raw, max_chars)?;
    if name.contains([',', ';', '<', '>'])
        || name
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_whitespace())
    {
        return Err(FieldError::NotAPersonName);
    }
    Ok(name)
}

/// A longer text (a problem, a proposal, a reason, later a post): each line cleaned like a name, blank lines
/// between paragraphs kept (at most one), required, at most `max_chars`.
pub fn parse_text(raw: &str, max_chars: usize) -> Result<String, FieldError> {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for line in raw.lines() {
        let line = clean_line(line)?;
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current.join("\n"));
    }
    let text = paragraphs.join("\n\n");
    if text.is_empty() {
        Err(FieldError::Required)
    } else if text.chars().count() > max_chars {
        Err(FieldError::TooLong)
    } else {
        Ok(text)
    }
}

/// [`parse_text`] for a field that may be left empty (`None`).
pub fn parse_optional_text(raw: &str, max_chars: usize) -> Result<Option<String>, FieldError> {
    match parse_text(raw, max_chars) {
        Ok(text) => Ok(Some(text)),
        Err(FieldError::Required) => Ok(None),
        Err(e) => Err(e),
    }
}

/// What two names must not share to be told apart: `Oppvekst skole`, `OPPVEKST SKOLE` and
/// `Oppvekst\u{a0}skole` are one name. Uniqueness of names compares these keys.
pub fn name_key(name: &str) -> String {
    let nfc: String = name.nfc().collect();
    nfc.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The earliest and the latest year a date may have: anything outside is a typing mistake.
pub const MIN_YEAR: i32 = 1900;
pub const MAX_YEAR: i32 = 2200;

/// Parses a `YYYY-MM-DD` date (forms, CSV, API) between the years [`MIN_YEAR`] and
/// [`MAX_YEAR`].
pub fn parse_date(raw: &str) -> Result<Date, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(FieldError::Required);
    }
    let date = Date::parse(
        raw,
        &time::macros::format_description!("[year]-[month]-[day]"),
    )
    .map_err(|_| FieldError::InvalidDate)?;
    if (MIN_YEAR..=MAX_YEAR).contains(&date.year()) {
        Ok(date)
    } else {
        Err(FieldError::DateOutOfRange)
    }
}

/// Parses an optional `YYYY-MM-DD` date: empty means none.
pub fn parse_optional_date(raw: &str) -> Result<Option<Date>, FieldError> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        parse_date(raw).map(Some)
    }
}

/// Parses the id chosen in a select (forms): empty means none; anything but a whole number
/// is not a valid choice.
pub fn parse_optional_id(raw: &str) -> Result<Option<i32>, FieldError> {
    match raw.trim() {
        "" => Ok(None),
        value => value
            .parse()
            .map(Some)
            .map_err(|_| FieldError::UnknownReference),
    }
}

/// A whole number typed in a form, within `min..=max`: required; spaces between thousands
/// allowed ("1 000"); anything else is not a number, and a number outside is out of range.
pub fn parse_bounded(raw: &str, min: i64, max: i64) -> Result<i64, FieldError> {
    let digits: String = raw
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if digits.is_empty() {
        return Err(FieldError::Required);
    }
    let number: i64 = digits.parse().map_err(|_| FieldError::InvalidNumber)?;
    if (min..=max).contains(&number) {
        Ok(number)
    } else {
        Err(FieldError::OutOfRange)
    }
}

/// Scores keyed by criterion id as typed (radio buttons `scores[<id>]`) or sent: every id of
/// `criteria` scored within `min..=max`, no other key. Refusals are keyed `scores[<id>]`
/// (a prize juror's ballot, a fund reviewer's review).
pub fn parse_scores(
    typed: &BTreeMap<String, String>,
    criteria: &[i32],
    (min, max): (i64, i64),
    errors: &mut FieldErrors,
) -> BTreeMap<i32, u8> {
    let mut scores = BTreeMap::new();
    for (key, raw) in typed {
        let Some(id) = key
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|id| criteria.contains(id))
        else {
            errors.insert(format!("scores[{key}]"), FieldError::UnknownReference);
            continue;
        };
        match parse_bounded(raw, min, max) {
            Ok(score) => {
                scores.insert(id, u8::try_from(score).unwrap_or(u8::MAX));
            }
            Err(e) => {
                errors.insert(format!("scores[{id}]"), e);
            }
        }
    }
    for id in criteria {
        let key = format!("scores[{id}]");
        if !scores.contains_key(id) && !errors.contains_key(&key) {
            errors.insert(key, FieldError::Required);
        }
    }
    scores
}

/// Reads an instant typed by a person or a client: the server reads with
/// `core::timefmt::parse_instant`, which knows Oslo's time zone; the domain's tests pass
/// their own.
pub type InstantReader = fn(&str) -> Result<time::OffsetDateTime, FieldError>;

/// Input as a client sent it: form fields, a JSON body, or a value already checked. A service
/// takes its input unparsed and parses it after the permission check, so that a caller
/// without the permission learns nothing about their input ("403 before 422") and the order
/// is decided once, in the service, for every adapter.
pub trait Input {
    type Parsed;
    fn parse(self) -> Result<Self::Parsed, FieldErrors>;
}

/// A value that is valid by construction is its own input (the service layer's tests and the
/// CSV import pass parsed values).
#[macro_export]
macro_rules! parsed_input {
    ($($t:ty),+ $(,)?) => {
        $(impl $crate::core::parse::Input for $t {
            type Parsed = Self;
            fn parse(self) -> Result<Self, $crate::core::error::FieldErrors> {
                Ok(self)
            }
        })+
    };
}

parsed_input!(i32);

/// An id chosen in a form's select, under the field `name`: empty or not a number is "choose
/// a valid option".
pub struct ChosenId<'a> {
    pub field: &'a str,
    pub raw: &'a str,
}

impl Input for ChosenId<'_> {
    type Parsed = i32;
    fn parse(self) -> Result<i32, FieldErrors> {
        match parse_optional_id(self.raw) {
            Ok(Some(id)) => Ok(id),
            Ok(None) => Err(FieldError::UnknownReference),
            Err(e) => Err(e),
        }
        .map_err(|e| FieldErrors::from([(self.field.to_owned(), e)]))
    }
}

/// Parses two inputs, reporting the refused fields of both at once.
pub fn parse_both<A: Input, B: Input>(a: A, b: B) -> Result<(A::Parsed, B::Parsed), FieldErrors> {
    match (a.parse(), b.parse()) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (Err(mut e), Err(more)) => {
            e.extend(more);
            Err(e)
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    /// The two lists say what `char` says: a control character that is not whitespace,
    /// the byte-order mark and the bidirectional controls are refused; whitespace is Unicode's.
    #[test]
    fn the_character_lists_are_unicodes() {
        let bidi = |c: char| matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let refused = (c.is_control() && !c.is_whitespace()) || c == '\u{FEFF}' || bidi(c);
            assert_eq!(is_forbidden(c), refused, "{:?}", c);
            let white = WHITESPACE_CHARS.iter().any(|&(a, b)| (a..=b).contains(&c));
            assert_eq!(white, c.is_whitespace(), "{:?}", c);
        }
    }

    #[test]
    fn a_person_is_named_by_e_mail_address_by_id_or_by_name() {
        let kari = Ok(PersonRef::Email(Email("kari@kommune.no".into())));
        assert_eq!(PersonRef::parse("  Kari@Kommune.NO "), kari);
        // As the person chooser suggests: the address in angle brackets decides.
        assert_eq!(PersonRef::parse("Kari Nordmann <Kari@Kommune.NO>"), kari);
        assert_eq!(PersonRef::parse("42"), Ok(PersonRef::Id(42)));
        assert_eq!(PersonRef::parse(" "), Err(FieldError::Required));
        assert_eq!(
            PersonRef::parse("  Kari\u{a0}Nordmann "),
            Ok(PersonRef::Name("Kari Nordmann".into()))
        );
        assert_eq!(PersonRef::parse("-3"), Ok(PersonRef::Name("-3".into())));
        for (refused, why) in [
            ("0", FieldError::UnknownUser),
            ("99999999999", FieldError::UnknownUser),
            ("kari@", FieldError::InvalidEmail),
            ("Kari <ikke-en-adresse>", FieldError::InvalidEmail),
        ] {
            assert_eq!(PersonRef::parse(refused), Err(why), "{refused}");
        }
        assert_eq!(
            PersonRef::parse(&"K".repeat(MAX_PERSON_CHARS + 1)),
            Err(FieldError::TooLong)
        );
    }

    #[test]
    fn a_persons_name_reads_as_one_person_in_a_list() {
        assert_eq!(
            parse_person_name("  Kari   Nordmann ", 200),
            Ok("Kari Nordmann".to_owned())
        );
        assert_eq!(
            parse_person_name("Åse-Marit O'Neill", 200).map(|_| ()),
            Ok(())
        );
        for name in [
            "Hansen, Per",
            "Kari; Per",
            "Kari <kari@x.no>",
            "1234",
            "12 34",
        ] {
            assert_eq!(
                parse_person_name(name, 200),
                Err(FieldError::NotAPersonName),
                "{name}"
            );
        }
        assert_eq!(parse_person_name(" ", 200), Err(FieldError::Required));
    }

    #[test]
    fn a_person_list_is_normalised_each_once_and_within_the_callers_limit() {
        let email = |raw: &str| PersonRef::Email(Email::parse(raw).unwrap());
        assert_eq!(
            parse_person_list(" A@x.no; b@x.no,\na@X.no\n\n", 5),
            Ok(vec![email("a@x.no"), email("b@x.no")])
        );
        assert_eq!(parse_person_list("", 5), Ok(vec![]));
        assert_eq!(
            parse_person_list("Kari  Nordmann, Per Hansen <per@x.no>, 12", 5),
            Ok(vec![
                PersonRef::Name("Kari Nordmann".into()),
                email("per@x.no"),
                PersonRef::Id(12)
            ])
        );
        assert_eq!(
            parse_person_list("a@x.no, ikke@en@adresse", 5),
            Err(FieldError::InvalidEmail)
        );
        let many = (1..=25)
            .map(|n| format!("p{n}@x.no"))
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(parse_person_list(&many, 25).map(|l| l.len()), Ok(25));
        assert_eq!(parse_person_list(&many, 24), Err(FieldError::TooMany));
        assert_eq!(
            parse_person_list(&format!("{many},p1@x.no"), 25).map(|l| l.len()),
            Ok(25),
            "a repeat is no extra"
        );
    }

    #[test]
    fn a_bounded_number_is_whole_and_within_its_bounds() {
        assert_eq!(parse_bounded(" 1 000 ", 1, 5_000), Ok(1_000));
        assert_eq!(parse_bounded("0", 1, 10), Err(FieldError::OutOfRange));
        assert_eq!(parse_bounded("11", 1, 10), Err(FieldError::OutOfRange));
        assert_eq!(parse_bounded("7,5", 1, 10), Err(FieldError::InvalidNumber));
        assert_eq!(
            parse_bounded("99999999999999999999", 1, 10),
            Err(FieldError::InvalidNumber)
        );
        assert_eq!(parse_bounded("  ", 1, 10), Err(FieldError::Required));
    }

    #[test]
    fn email_is_trimmed_and_lower_cased() {
        assert_eq!(
            Email::parse("  Kari.Nordmann@Baerum.Kommune.NO ")
                .unwrap()
                .as_str(),
            "kari.nordmann@baerum.kommune.no"
        );
    }

    #[test]
    fn malformed_email_is_refused() {
        for bad in [
            "kari",
            "kari@",
            "@baerum.no",
            "kari nordmann@baerum.no",
            "kari@localhost",
        ] {
            assert_eq!(Email::parse(bad), Err(FieldError::InvalidEmail), "{bad}");
        }
        assert_eq!(Email::parse("  "), Err(FieldError::Required));
    }

    #[test]
    fn chosen_ids_are_whole_numbers_or_nothing() {
        assert_eq!(parse_optional_id(" 12 "), Ok(Some(12)));
        assert_eq!(parse_optional_id(""), Ok(None));
        assert_eq!(parse_optional_id("tolv"), Err(FieldError::UnknownReference));
    }

    #[test]
    fn names_are_normalised_to_one_clean_line() {
        assert_eq!(
            parse_name("  Oppvekst \t skole\n ", 80),
            Ok("Oppvekst skole".into())
        );
        assert_eq!(
            parse_name("Oppvekst\u{a0}skole", 80),
            Ok("Oppvekst skole".into())
        );
        // "å" typed as a + combining ring becomes the one character.
        assert_eq!(
            parse_name("Sk\u{61}\u{30a}rer", 80),
            Ok("Sk\u{e5}rer".into())
        );
        assert_eq!(parse_name(" \u{a0} ", 80), Err(FieldError::Required));
        assert_eq!(parse_name("abcd", 3), Err(FieldError::TooLong));
    }

    #[test]
    fn control_and_bidi_characters_are_refused() {
        for bad in [
            "Kari\u{0}",
            "Kari\u{7}Nordmann",
            "Kari\u{1b}[31m",
            "\u{202e}nnamdroN",
            "Kari\u{2066}x\u{2069}",
            "Kari\u{200f}",
            "\u{feff}Kari",
            "Kari\u{9b}",
        ] {
            assert_eq!(
                parse_name(bad, 80),
                Err(FieldError::ForbiddenCharacters),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn a_longer_text_keeps_its_paragraphs_and_cleans_each_line() {
        assert_eq!(
            parse_text(" Første  linje\nandre\n\n\n\nNytt avsnitt ", 100),
            Ok("Første linje\nandre\n\nNytt avsnitt".into())
        );
        assert_eq!(
            parse_text("x\u{0}", 100),
            Err(FieldError::ForbiddenCharacters)
        );
        assert_eq!(parse_text("abcd", 3), Err(FieldError::TooLong));
        assert_eq!(parse_optional_text(" \n ", 100), Ok(None));
    }

    #[test]
    fn names_that_differ_only_in_case_or_spaces_share_a_key() {
        let key = name_key("Oppvekst skole");
        assert_eq!(name_key("OPPVEKST SKOLE"), key);
        assert_eq!(name_key("Oppvekst\u{a0}skole"), key);
        assert_eq!(name_key(" oppvekst   skole "), key);
        assert_ne!(name_key("Oppvekst skoler"), key);
        assert_eq!(name_key("ÆRFUGLVEIEN"), name_key("ærfuglveien"));
    }

    #[test]
    fn dates_outside_1900_to_2200_are_refused() {
        assert_eq!(parse_date("1899-12-31"), Err(FieldError::DateOutOfRange));
        assert_eq!(parse_date("2201-01-01"), Err(FieldError::DateOutOfRange));
        assert_eq!(parse_date("0001-01-01"), Err(FieldError::DateOutOfRange));
        assert_eq!(parse_date("1900-01-01"), Ok(date!(1900 - 01 - 01)));
        assert_eq!(parse_date("2200-12-31"), Ok(date!(2200 - 12 - 31)));
    }

    #[test]
    fn dates_are_iso() {
        assert_eq!(parse_date("2026-08-01"), Ok(date!(2026 - 08 - 01)));
        assert_eq!(parse_date("01.08.2026"), Err(FieldError::InvalidDate));
        assert_eq!(parse_date("2026-02-30"), Err(FieldError::InvalidDate));
        assert_eq!(parse_date(" "), Err(FieldError::Required));
        assert_eq!(parse_optional_date(""), Ok(None));
    }

    #[test]
    fn a_chosen_id_must_be_a_number() {
        let chosen = |raw| {
            ChosenId {
                field: "sector_id",
                raw,
            }
            .parse()
        };
        assert_eq!(chosen(" 7 "), Ok(7));
        for bad in ["", "sju", "9223372036854775808"] {
            assert_eq!(
                chosen(bad).unwrap_err().get("sector_id"),
                Some(&FieldError::UnknownReference),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn both_inputs_report_their_refusals_together() {
        let bad = |field: &'static str| ChosenId { field, raw: "x" };
        let errors = parse_both(bad("a"), bad("b")).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!(
            parse_both(
                7,
                ChosenId {
                    field: "b",
                    raw: "8"
                }
            ),
            Ok((7, 8))
        );
    }
}
