//! What the OpenAPI document says a request may hold, read from the constants and domain lists
//! the services parse with (issue 26): a feature names, per body type and per query
//! parameter, the [`Rule`] its service applies (`Rule::Name(MAX_TITLE_CHARS)`,
//! `Rule::choice(BenefitKind::ALL, BenefitKind::as_str)`), and [`apply`] writes it into the
//! generated schema. So the lengths, the choices and the ranges exist once, in the domain, and
//! a client generated from the document refuses what the server would.

use serde_json::Value;
use utoipa::openapi::path::ParameterIn;
use utoipa::openapi::schema::{ArrayItems, KnownFormat, Object, SchemaFormat, SchemaType, Type};
use utoipa::openapi::{OpenApi, RefOr, Schema};

use crate::core::parse::{FORBIDDEN_CHARS, MAX_YEAR, MIN_YEAR, WHITESPACE_CHARS};

/// How the service reads one field.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// One line (`core::parse::parse_name`): not blank, at most this many characters, none of
    /// the forbidden ones.
    Name(usize),
    /// Text with lines (`parse_text`): not blank, at most this many characters.
    Text(usize),
    /// Text that may be left empty (`parse_optional_text`), at most this many characters.
    Optional(usize),
    /// One of these keys.
    Choice(Vec<&'static str>),
    /// A key of a list that is data (a phase's key): lower-case letters, digits and `_`.
    Key,
    /// One tag of a list (`portfolio::domain::idea::parse_tags`): a name without `,` or `;`
    /// (a form types tags as one line with those between them).
    Tag(usize),
    /// A person's name (`core::parse::parse_person_name`): a name without `,`, `;`, `<` or
    /// `>`, not of digits only (a list of people in a form reads each as named).
    PersonName(usize),
    /// A whole number within these bounds.
    Range(i64, i64),
    /// An object's id: a positive 32-bit number.
    Id,
    /// A `YYYY-MM-DD` date between the years `MIN_YEAR` and `MAX_YEAR`.
    Date,
    /// An e-mail address.
    Email,
    /// An instant in RFC 3339 (`2027-03-01T09:00:00+01:00`).
    Instant,
    /// A web address (`http`, `https`) or a path on this service, of at most this many
    /// characters (`prize::domain::nomination::parse_links`).
    Link(usize),
    /// A password: a length between the bounds (its strength is judged by the service).
    Secret(usize, usize),
    /// Search text: matched literally, at most this many characters.
    Search(usize),
    /// An object with rules of its own (its type's).
    Nested,
    /// A map (an object with keys of the client's choosing) whose values are read by the rule.
    Map(Box<Rule>),
    /// A list of at least `min` (and at most `max`) items, each read by the rule.
    Each {
        item: Box<Rule>,
        min: usize,
        max: Option<usize>,
    },
    /// A field the service needs (a body leaves it out at its peril): required, and not
    /// `null`, read by the rule.
    Required(Box<Rule>),
    /// Any 32-bit whole number: an id to filter by or to find, where one that names nothing
    /// finds nothing (404, or an empty list).
    AnyId,
}

impl Rule {
    /// The keys of a domain list (`Kind::ALL`), as the service reads them.
    pub fn choice<T: Copy>(all: impl IntoIterator<Item = T>, key: fn(T) -> &'static str) -> Self {
        Self::Choice(all.into_iter().map(key).collect())
    }

    /// A list (of at most `max` items).
    pub fn each(rule: Rule, max: Option<usize>) -> Self {
        Self::Each {
            item: Box::new(rule),
            min: 0,
            max,
        }
    }

    /// A list of at least one item (and at most `max`).
    pub fn some(rule: Rule, max: Option<usize>) -> Self {
        Self::Each {
            item: Box::new(rule),
            min: 1,
            max,
        }
    }

    /// The field is required.
    pub fn required(self) -> Self {
        Self::Required(Box::new(self))
    }
}

/// The rules of one body type's fields.
pub struct BodyRules {
    schema: String,
    fields: Vec<(&'static str, Rule)>,
}

/// The rules of the body type `T` (its component name from utoipa, so a renamed type keeps them).
pub fn body<T: utoipa::ToSchema>(fields: Vec<(&'static str, Rule)>) -> BodyRules {
    BodyRules {
        schema: T::name().into_owned(),
        fields,
    }
}

/// A feature's rules: its body types' fields and its path and query parameters (by name, on
/// every operation of the feature that has one).
#[derive(Default)]
pub struct Rules {
    pub bodies: Vec<BodyRules>,
    pub params: Vec<(&'static str, Rule)>,
}

/// A feature's router with its rules written into its part of the document. A rule that finds
/// no field is a mistake in the feature's table: logged here, and refused by the test that
/// holds every request field of the document constrained.
pub fn strict<S>(
    mut router: utoipa_axum::router::OpenApiRouter<S>,
    rules: Rules,
) -> utoipa_axum::router::OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
{
    let unmatched = apply(router.get_openapi_mut(), &rules);
    if !unmatched.is_empty() {
        tracing::error!(?unmatched, "API rules that name no field or parameter");
    }
    // Every test that builds the API (the document's tests, every HTTP test) stops here on
    // a rule naming no field: a mistake in a feature's table, never a client's.
    debug_assert!(
        unmatched.is_empty(),
        "API rules that name nothing: {unmatched:?}"
    );
    router
}

/// Writes `rules` into `doc`; answers the rules that found no field or parameter (a test
/// holds this empty, so a renamed field cannot shed its rule unnoticed).
pub fn apply(doc: &mut OpenApi, rules: &Rules) -> Vec<String> {
    let mut unmatched = Vec::new();
    let mut schemas = doc.components.as_mut().map(|c| &mut c.schemas);
    for body in &rules.bodies {
        let object = schemas
            .as_mut()
            .and_then(|s| s.get_mut(&body.schema))
            .and_then(|schema| match schema {
                RefOr::T(Schema::Object(object)) => Some(object),
                _ => None,
            });
        let Some(object) = object else {
            unmatched.push(body.schema.clone());
            continue;
        };
        for (field, rule) in &body.fields {
            let rule = match rule {
                Rule::Required(rule) => {
                    if !object.required.iter().any(|r| r == field) {
                        object.required.push((*field).to_owned());
                    }
                    if let Some(RefOr::T(schema)) = object.properties.get_mut(*field) {
                        not_null(schema);
                    }
                    rule.as_ref()
                }
                rule => rule,
            };
            match object.properties.get_mut(*field) {
                Some(RefOr::T(schema)) => constrain(schema, rule),
                _ => unmatched.push(format!("{}.{field}", body.schema)),
            }
        }
    }
    for (name, rule) in &rules.params {
        let mut found = false;
        for item in doc.paths.paths.values_mut() {
            for operation in operations_mut(item) {
                for parameter in operation.parameters.iter_mut().flatten() {
                    let in_url = matches!(
                        parameter.parameter_in,
                        ParameterIn::Query | ParameterIn::Path
                    );
                    if !in_url || parameter.name != *name {
                        continue;
                    }
                    if matches!(rule, Rule::Required(_)) {
                        parameter.required = utoipa::openapi::Required::True;
                    }
                    if let Some(RefOr::T(schema)) = parameter.schema.as_mut() {
                        constrain(schema, rule);
                        given_a_value(schema);
                        found = true;
                    }
                }
            }
        }
        if !found {
            unmatched.push(format!("?{name}"));
        }
    }
    unmatched
}

/// A schema that takes no `null`.
fn not_null(schema: &mut Schema) {
    let types = match schema {
        Schema::Object(object) => &mut object.schema_type,
        Schema::Array(array) => &mut array.schema_type,
        _ => return,
    };
    if let SchemaType::Array(list) = types {
        list.retain(|t| *t != Type::Null);
        if let [only] = list.as_slice() {
            *types = SchemaType::Type(only.clone());
        }
    }
}

/// A parameter in the URL is given a value or left out (`http::problem::ApiQuery` refuses
/// `?date=`): text takes at least one character that is not whitespace.
fn given_a_value(schema: &mut Schema) {
    if let Schema::Object(object) = schema {
        let text = match &object.schema_type {
            SchemaType::Type(t) => *t == Type::String,
            SchemaType::Array(types) => types.contains(&Type::String),
            SchemaType::AnyValue => false,
        };
        if text && object.enum_values.is_none() {
            object.min_length = Some(object.min_length.unwrap_or(0).max(1));
            if object.pattern.is_none() {
                object.pattern = Some(format!("[^{}]", class(WHITESPACE_CHARS)));
            }
        }
    }
}

/// The operations of a path: the ones this API uses (GET, POST, PUT, PATCH, DELETE).
pub fn operations_mut(
    item: &mut utoipa::openapi::PathItem,
) -> impl Iterator<Item = &mut utoipa::openapi::path::Operation> {
    [
        &mut item.get,
        &mut item.post,
        &mut item.put,
        &mut item.patch,
        &mut item.delete,
    ]
    .into_iter()
    .flatten()
}

fn constrain(schema: &mut Schema, rule: &Rule) {
    match (schema, rule) {
        (Schema::Array(array), Rule::Each { item, min, max }) => {
            array.max_items = *max;
            array.min_items = (*min > 0).then_some(*min);
            if let ArrayItems::RefOrSchema(items) = &mut array.items
                && let RefOr::T(items) = items.as_mut()
            {
                constrain(items, item);
            }
        }
        (Schema::Object(object), rule) => constrain_value(object, rule),
        // A field whose schema is a reference or a combination keeps it.
        _ => {}
    }
}

fn constrain_value(object: &mut Object, rule: &Rule) {
    let nullable =
        matches!(&object.schema_type, SchemaType::Array(types) if types.contains(&Type::Null));
    let of = |t: Type| {
        if nullable {
            SchemaType::Array(vec![t, Type::Null])
        } else {
            SchemaType::Type(t)
        }
    };
    match rule {
        Rule::Name(max) | Rule::Text(max) => {
            object.schema_type = of(Type::String);
            object.min_length = Some(1);
            object.max_length = Some(*max);
            object.pattern = Some(not_blank_pattern());
        }
        Rule::Tag(max) => {
            object.schema_type = of(Type::String);
            object.min_length = Some(1);
            object.max_length = Some(*max);
            object.pattern = Some(tag_pattern());
        }
        Rule::PersonName(max) => {
            object.schema_type = of(Type::String);
            object.min_length = Some(1);
            object.max_length = Some(*max);
            object.pattern = Some(person_name_pattern());
        }
        Rule::Key => {
            object.schema_type = of(Type::String);
            object.pattern = Some(String::from("^[a-z0-9_]{1,60}$"));
        }
        Rule::Optional(max) => {
            object.schema_type = of(Type::String);
            object.max_length = Some(*max);
            object.pattern = Some(allowed_pattern());
        }
        Rule::Choice(keys) => {
            object.schema_type = of(Type::String);
            let mut values: Vec<Value> = keys.iter().map(|k| Value::from(*k)).collect();
            if nullable {
                values.push(Value::Null);
            }
            object.enum_values = Some(values);
        }
        Rule::Range(min, max) => {
            object.schema_type = of(Type::Integer);
            object.format = Some(SchemaFormat::KnownFormat(KnownFormat::Int64));
            object.minimum = Some(utoipa::Number::Int(*min as isize));
            object.maximum = Some(utoipa::Number::Int(*max as isize));
        }
        Rule::AnyId => {
            object.schema_type = of(Type::Integer);
            object.format = Some(SchemaFormat::KnownFormat(KnownFormat::Int32));
            object.minimum = Some(utoipa::Number::Int(i32::MIN as isize));
            object.maximum = Some(utoipa::Number::Int(i32::MAX as isize));
        }
        Rule::Id => {
            object.schema_type = of(Type::Integer);
            object.format = Some(SchemaFormat::KnownFormat(KnownFormat::Int32));
            object.minimum = Some(utoipa::Number::Int(1));
            object.maximum = Some(utoipa::Number::Int(i32::MAX as isize));
        }
        Rule::Date => {
            object.schema_type = of(Type::String);
            object.format = Some(SchemaFormat::KnownFormat(KnownFormat::Date));
            object.pattern = Some(date_pattern());
        }
        Rule::Email => {
            object.schema_type = of(Type::String);
            object.format = Some(SchemaFormat::KnownFormat(KnownFormat::Email));
            object.max_length = Some(254);
            // `core::parse::Email` asks for a dot after the `@` (a domain, not a host).
            object.pattern = Some(String::from("^[^@]+@[^@]+\\.[^@]+$"));
        }
        Rule::Instant => {
            object.schema_type = of(Type::String);
            object.format = Some(SchemaFormat::KnownFormat(KnownFormat::DateTime));
            object.pattern = Some(instant_pattern());
        }
        Rule::Link(max) => {
            object.schema_type = of(Type::String);
            object.min_length = Some(1);
            object.max_length = Some(*max);
            object.pattern = Some(link_pattern());
        }
        Rule::Secret(min, max) => {
            object.schema_type = of(Type::String);
            object.min_length = Some(*min);
            object.max_length = Some(*max);
        }
        Rule::Search(max) => {
            object.schema_type = of(Type::String);
            object.max_length = Some(*max);
        }
        // A list rule on a field that is not a list, or an object's, says nothing more here.
        Rule::Map(value) => {
            if let Some(values) = object.additional_properties.as_deref_mut()
                && let utoipa::openapi::schema::AdditionalProperties::RefOr(RefOr::T(values)) =
                    values
            {
                constrain(values, value);
            }
        }
        Rule::Each { .. } | Rule::Nested => {}
        Rule::Required(rule) => constrain_value(object, rule),
    }
}

/// `\uXXXX` ranges as a character class's body (ECMA-262, which JSON Schema's `pattern` is).
fn class(ranges: &[(char, char)]) -> String {
    ranges
        .iter()
        .map(|&(from, to)| {
            if from == to {
                format!("\\u{:04X}", u32::from(from))
            } else {
                format!("\\u{:04X}-\\u{:04X}", u32::from(from), u32::from(to))
            }
        })
        .collect()
}

/// Text of allowed characters only.
pub fn allowed_pattern() -> String {
    format!("^[^{}]*$", class(FORBIDDEN_CHARS))
}

/// Text of allowed characters with at least one that is not whitespace.
pub fn not_blank_pattern() -> String {
    let forbidden = class(FORBIDDEN_CHARS);
    let white = class(WHITESPACE_CHARS);
    format!("^[^{forbidden}]*[^{forbidden}{white}][^{forbidden}]*$")
}

/// A tag: allowed characters, not blank, no `,` or `;`.
pub fn tag_pattern() -> String {
    // U+037E, the Greek question mark, is a `;` once normalised (NFC).
    let forbidden = format!("{},;\\u037E", class(FORBIDDEN_CHARS));
    let white = class(WHITESPACE_CHARS);
    format!("^[^{forbidden}]*[^{forbidden}{white}][^{forbidden}]*$")
}

/// A person's name: allowed characters, no `,`, `;`, `<` or `>`, and one that is neither
/// white space nor a digit.
pub fn person_name_pattern() -> String {
    let forbidden = format!("{},;<>\\u037E", class(FORBIDDEN_CHARS));
    let white = class(WHITESPACE_CHARS);
    format!("^[^{forbidden}]*[^{forbidden}{white}0-9][^{forbidden}]*$")
}

/// A link: `http://` or `https://` and no whitespace, or a path that starts with one `/`.
pub fn link_pattern() -> String {
    let forbidden = class(FORBIDDEN_CHARS);
    let white = class(WHITESPACE_CHARS);
    format!(
        "^([hH][tT][tT][pP][sS]?://[^{forbidden}{white}]+|/([^/{forbidden}{white}][^{forbidden}{white}]*)?)$"
    )
}

/// An RFC 3339 instant with its offset, in the years of [`date_pattern`].
pub fn instant_pattern() -> String {
    let date = date_pattern();
    let day = date.trim_start_matches('^').trim_end_matches('$');
    format!(
        "^{day}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$"
    )
}

/// A `YYYY-MM-DD` date whose year is within `MIN_YEAR..=MAX_YEAR` (1900–2200); the calendar
/// (no 30 February) is the `format`'s.
pub fn date_pattern() -> String {
    // The pattern spells these years out; a change of either must change it.
    const _: () = assert!(MIN_YEAR == 1900 && MAX_YEAR == 2200);
    String::from("^(19[0-9]{2}|2[01][0-9]{2}|2200)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::parse::{clean_line, parse_date};

    /// The patterns, read as regular expressions, agree with the parsers they describe.
    #[test]
    fn the_patterns_say_what_the_parsers_do() {
        let not_blank = regex::Regex::new(&not_blank_pattern()).unwrap();
        let allowed = regex::Regex::new(&allowed_pattern()).unwrap();
        for text in [
            "Kari",
            " a ",
            "Ærlig talt\nja",
            "\t\u{a0}",
            "",
            "a\u{0}b",
            "\u{202e}x",
            "x\u{feff}",
        ] {
            let parsed = clean_line(&text.replace('\n', " "));
            assert_eq!(allowed.is_match(text), parsed.is_ok(), "{text:?}");
            assert_eq!(
                not_blank.is_match(text),
                parsed.is_ok_and(|line| !line.is_empty()),
                "{text:?}"
            );
        }
        let date = regex::Regex::new(&date_pattern()).unwrap();
        for raw in [
            "1900-01-01",
            "2200-12-31",
            "1899-12-31",
            "2201-01-01",
            "2026-13-01",
            "26-1-1",
        ] {
            assert_eq!(date.is_match(raw), parse_date(raw).is_ok(), "{raw}");
        }
    }
}
