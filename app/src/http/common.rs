//! What every feature's REST module shares: paging, the refusal responses of the OpenAPI
//! document, and the 201 answer.

use crate::core::paging::{PageQuery, Paged};
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::{IntoParams, IntoResponses, ToSchema};

use crate::http::problem::Problem;

/// The refusals of an endpoint that needs a token and the admin role and reads a body.
#[derive(IntoResponses)]
#[allow(dead_code)]
pub enum AdminWriteRefusals {
    /// No valid token
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
    /// Not an admin
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(Problem),
    /// Invalid fields, each listed in `errors`
    #[response(status = 422, content_type = "application/problem+json")]
    Invalid(Problem),
    /// The body is not readable JSON
    #[response(status = 400, content_type = "application/problem+json")]
    Unreadable(Problem),
    /// The body is larger than 64 KiB
    #[response(status = 413, content_type = "application/problem+json")]
    TooLarge(Problem),
    /// The body is not `application/json`
    #[response(status = 415, content_type = "application/problem+json")]
    NotJson(Problem),
}

/// The refusals of an endpoint that needs a token and the admin role.
#[derive(IntoResponses)]
#[allow(dead_code)]
pub enum AdminRefusals {
    /// No valid token
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
    /// Not an admin
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(Problem),
}

/// A page of a list.
#[derive(Serialize, ToSchema)]
pub struct Page<T: ToSchema> {
    pub items: Vec<T>,
    /// How many items the whole list holds.
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
}

impl<T: ToSchema> Page<T> {
    pub fn from<U>(page: Paged<U>, f: impl FnMut(U) -> T) -> Self {
        let page = page.map(f);
        Self {
            items: page.items,
            total: page.total,
            limit: page.limit,
            offset: page.offset,
        }
    }
}

impl<T: ToSchema> Page<T> {
    /// One page of a whole list a service returned: the page is parsed after the service's
    /// permission check (an offset past 1 000 000 000 is a 422).
    pub fn of_all<U>(
        all: Vec<U>,
        params: &PageParams,
        f: impl FnMut(U) -> T,
    ) -> Result<Self, crate::http::problem::ApiError> {
        use crate::core::parse::Input as _;
        let page = params
            .page()
            .parse()
            .map_err(crate::core::error::AppError::Invalid)?;
        Ok(Self::from(Paged::of_all(all, page), f))
    }
}

/// Which page of a list: `limit` (1–200, default 50) and `offset` (default 0).
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Items per page, 1–200 (default 50); outside that a 422.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    /// How many items to skip, at most 1 000 000 000 (default 0); past that a 422.
    #[param(minimum = 0, maximum = 1_000_000_000)]
    pub offset: Option<u64>,
}

impl PageParams {
    /// The page asked for, parsed by the service after its permission check (an offset past
    /// 1 000 000 000 is a 422).
    pub fn page(&self) -> PageQuery {
        PageQuery {
            limit: self.limit,
            offset: self.offset,
        }
    }
}

pub fn created<T: Serialize>(body: T) -> Response {
    (StatusCode::CREATED, Json(body)).into_response()
}

/// Tells a field given as `null` (Some(None)) from a field left out (None), for PATCH bodies
/// (`#[serde(default, deserialize_with = "present")]`).
pub fn present<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// An optional date of a body: `null` or left out is none; text is a date. Blank text is
/// refused (`invalid_date`): the API says "none" with `null`, as its document does.
pub fn date_or_null<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    let date = Option::<String>::deserialize(deserializer)?;
    if date.as_deref().is_some_and(|d| d.trim().is_empty()) {
        return Err(crate::http::problem::refused(
            crate::core::error::FieldError::InvalidDate,
        ));
    }
    Ok(date)
}

/// [`date_or_null`] for a patch: left out keeps it, `null` clears it.
pub fn present_date<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<String>>, D::Error> {
    date_or_null(deserializer).map(Some)
}

/// An e-mail address of a body, or `null`: an address as `core::parse::Email` reads it
/// (never a user id or blank text in its place).
pub fn email_or_null<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    let email = Option::<String>::deserialize(deserializer)?;
    if let Some(email) = &email {
        crate::core::parse::Email::parse(email).map_err(crate::http::problem::refused)?;
    }
    Ok(email)
}

/// A list of e-mail addresses of a body, each one an address (`core::parse::Email`): a blank
/// or a malformed item refuses the field, rather than being passed over as in a form's list.
pub fn email_list<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    let emails = Vec::<String>::deserialize(deserializer)?;
    for email in &emails {
        crate::core::parse::Email::parse(email).map_err(crate::http::problem::refused)?;
    }
    Ok(emails)
}

/// A client's list of e-mail addresses as a form's field of people: the form's field also
/// takes names (the person chooser), the API's does not, so an item that is no address is
/// sent as `@`, which the form's parser refuses as a malformed address (`InvalidEmail`), as a
/// blank item is.
pub fn email_list_field(items: &[String]) -> String {
    items
        .iter()
        .map(|item| email_field(item))
        .collect::<Vec<_>>()
        .join(",")
}

/// A client's one e-mail address as a form's person field ([`email_list_field`]).
pub fn email_field(item: &str) -> &str {
    if crate::core::parse::Email::parse(item).is_ok() {
        item
    } else {
        "@"
    }
}

/// Something named by its id (a site, a sector, a programme, a person).
#[derive(Serialize, ToSchema)]
pub struct NamedBody {
    pub id: i32,
    pub name: String,
}

impl From<crate::core::named::Named> for NamedBody {
    fn from(n: crate::core::named::Named) -> Self {
        Self {
            id: n.id,
            name: n.name,
        }
    }
}

/// A map a client sent with values of any JSON kind, as the text the domain's parsers read:
/// a string as it is, anything else as its JSON (`4` → `"4"`, `4.5` → `"4.5"`, refused there).
pub fn value_texts(
    map: std::collections::BTreeMap<String, serde_json::Value>,
) -> std::collections::BTreeMap<String, String> {
    map.into_iter()
        .map(|(k, v)| {
            let v = match v {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
            (k, v)
        })
        .collect()
}
