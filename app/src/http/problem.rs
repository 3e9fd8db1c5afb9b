//! Errors of the REST API as `application/problem+json` (RFC 9457), with the refused fields
//! listed on 422, and the extractors whose rejections use the same format: 400 only for a
//! body that is not JSON at all, 422 naming the field for JSON or a query of another shape.

use crate::core::error::FieldError;
use crate::core::error::SignInRefusal;
use crate::core::error::{AppError, FieldErrors};
use crate::core::parse::Input;
use crate::i18n::Locale;
use crate::ui::field_message;
use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequest, FromRequestParts};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// A problem detail (RFC 9457). `title` is a Norwegian sentence for people; `type` and the
/// field `code`s are stable for programs.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem; `about:blank` when the status says it all.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The refused fields (422 and 409).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

/// One refused field.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldProblem {
    /// The field's name in the request body, e.g. `email` or `roles[0]`.
    pub field: String,
    /// Machine-readable reason, e.g. `taken`, `invalid_email`, `password_too_short`.
    pub code: String,
    /// The reason in Norwegian, as the web pages show it.
    pub message: String,
}

/// Everything an API handler can answer instead of its success body.
#[derive(Debug)]
pub enum ApiError {
    App(AppError),
    /// No or an unusable Bearer token where one is needed.
    Unauthorized,
    /// The request itself could not be read (syntax, type, size, content type).
    BadRequest {
        status: StatusCode,
        detail: String,
    },
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        Self::App(e)
    }
}

impl From<PathRejection> for ApiError {
    fn from(_: PathRejection) -> Self {
        Self::App(AppError::NotFound)
    }
}

fn field_problems(fields: &FieldErrors) -> Vec<FieldProblem> {
    fields
        .iter()
        .map(|(field, error)| FieldProblem {
            field: field.clone(),
            code: error.code(),
            message: field_message(Locale::nb, *error),
        })
        .collect()
}

/// The Norwegian title for a status.
fn title(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "Forespørselen kunne ikke leses.",
        401 => "Du må oppgi en gyldig API-nøkkel (Authorization: Bearer …).",
        403 => "Du har ikke tilgang til dette.",
        404 => "Fant ikke det du ba om.",
        409 => "Dette finnes allerede.",
        413 => "Forespørselen er for stor.",
        405 => "Adressen tar ikke imot denne metoden.",
        415 => "Forespørselen må være JSON (Content-Type: application/json).",
        422 => "Noen felt er ikke gyldige.",
        429 => "For mange forsøk. Vent litt og prøv igjen.",
        503 => "Tjenesten er midlertidig utilgjengelig. Prøv igjen om litt.",
        _ => "Noe gikk galt hos oss. Prøv igjen senere.",
    }
}

pub fn problem(status: StatusCode, detail: Option<String>, errors: Vec<FieldProblem>) -> Response {
    let body = Problem {
        kind: "about:blank".into(),
        title: title(status).into(),
        status: status.as_u16(),
        detail,
        errors,
    };
    let mut response = (status, Json(body)).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    if status == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"ideverket\""),
        );
    }
    response
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            Self::Unauthorized => problem(StatusCode::UNAUTHORIZED, None, Vec::new()),
            Self::BadRequest { status, detail } => problem(status, Some(detail), Vec::new()),
            Self::App(error) => {
                let status = StatusCode::from_u16(error.status_code())
                    .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                match error {
                    AppError::Invalid(fields) | AppError::Conflict(fields) => {
                        problem(status, None, field_problems(&fields))
                    }
                    AppError::SignIn(SignInRefusal::TooManyAttempts { retry_after_secs }) => {
                        let mut response = problem(status, None, Vec::new());
                        if let Ok(value) = HeaderValue::from_str(&retry_after_secs.to_string()) {
                            response.headers_mut().insert(header::RETRY_AFTER, value);
                        }
                        response
                    }
                    AppError::ImportRejected(report) => {
                        let detail = (report.more > 0).then(|| {
                            format!(
                                "{} problemer i alt; de første {} er listet.",
                                report.total(),
                                report.rows.len()
                            )
                        });
                        let errors = report
                            .rows
                            .iter()
                            .map(|row| FieldProblem {
                                field: format!("line {}: {}", row.line, row.field),
                                code: row.error.code(),
                                message: field_message(Locale::nb, row.error),
                            })
                            .collect();
                        problem(status, detail, errors)
                    }
                    _ => problem(status, None, Vec::new()),
                }
            }
        }
    }
}

/// A JSON body, read but not yet judged (issue 26: the caller first). The extractor refuses
/// only what is no JSON body at all: 415 when it is not `application/json`, 413 past the size
/// limit, 400 when it is not JSON. Its shape is judged by the service, after its permission
/// check and its lookups, through [`Input`]: so 401, 403 and 404 come before a 422, which
/// names the field (a missing field, a wrong type, an unknown choice).
pub struct ApiBody<T> {
    value: serde_json::Value,
    shape: std::marker::PhantomData<fn() -> T>,
}

impl<T: serde::de::DeserializeOwned> ApiBody<T> {
    /// The body as `T`, or the field of another shape.
    pub fn read(self) -> Result<T, FieldErrors> {
        // Every body of this API is an object; serde would take a struct from an array too
        // (`["Teknisk"]` as a sector), which the document does not offer.
        if !self.value.is_object() {
            return Err(FieldErrors::from([(
                "body".to_owned(),
                FieldError::WrongType,
            )]));
        }
        let mut value = self.value;
        whole_numbers(&mut value);
        serde_path_to_error::deserialize(value).map_err(|error| {
            let path = error.path().to_string();
            shape_refusal(&path, &error.into_inner().to_string(), "body")
        })
    }

    /// An input that reads the body as `T`, then hands it on as the form `f` makes of it.
    pub fn into_input<I: Input, F: FnOnce(T) -> I>(self, f: F) -> BodyInput<T, F> {
        BodyInput { body: self, f }
    }
}

/// A body's own input when its type parses itself.
impl<T: serde::de::DeserializeOwned + Input> Input for ApiBody<T> {
    type Parsed = T::Parsed;
    fn parse(self) -> Result<T::Parsed, FieldErrors> {
        self.read()?.parse()
    }
}

/// A body read as `T` and made into a form by `f` ([`ApiBody::into_input`]).
pub struct BodyInput<T, F> {
    body: ApiBody<T>,
    f: F,
}

impl<T, I, F> Input for BodyInput<T, F>
where
    T: serde::de::DeserializeOwned,
    I: Input,
    F: FnOnce(T) -> I,
{
    type Parsed = I::Parsed;
    fn parse(self) -> Result<I::Parsed, FieldErrors> {
        (self.f)(self.body.read()?).parse()
    }
}

impl<T, S> FromRequest<S> for ApiBody<T>
where
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, ApiError> {
        if !is_json(req.headers()) {
            return Err(ApiError::BadRequest {
                status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
                detail: "Content-Type må være application/json.".into(),
            });
        }
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|rejection| ApiError::BadRequest {
                status: rejection.status(),
                detail: rejection.body_text(),
            })?;
        let value = serde_json::from_slice(&bytes).map_err(|error| ApiError::BadRequest {
            status: StatusCode::BAD_REQUEST,
            detail: format!("Ikke gyldig JSON: {error}"),
        })?;
        Ok(Self {
            value,
            shape: std::marker::PhantomData,
        })
    }
}

/// JSON numbers as JSON Schema reads them: `5.0` is the integer 5 (a client or a language
/// without integers may write it so). A number with a fraction stays one, and is refused where
/// a whole number belongs.
fn whole_numbers(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Number(n) if n.is_f64() => {
            if let Some(f) = n.as_f64() {
                // Below 2^52 a float with no fraction is a whole number as written (from
                // 2^52 on, a written fraction may already be lost); every bound of this API
                // is far below.
                if f.fract() == 0.0 && f.abs() < 4_503_599_627_370_496.0 {
                    *value = Value::from(f as i64);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(whole_numbers),
        Value::Object(fields) => fields.values_mut().for_each(whole_numbers),
        _ => {}
    }
}

/// What a field's own deserializer says when it refuses a value for a reason of the domain
/// (`prefix` + the `FieldError`'s code, e.g. `refused:too_many`): the refusal keeps its code.
pub const REFUSED: &str = "refused:";

/// A serde error carrying `error`, for a field's own deserializer ([`REFUSED`]).
pub fn refused<E: serde::de::Error>(error: FieldError) -> E {
    E::custom(format!("{REFUSED}{}", error.code()))
}

/// Whether the request says its body is JSON (`application/json` or `application/…+json`).
fn is_json(headers: &axum::http::HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || essence
            .strip_prefix("application/")
            .is_some_and(|sub| sub.ends_with("+json"))
}

/// A value of the wrong shape at `path` (serde's message `message`) as a 422 naming the field,
/// `root` (`body` or `query`) when the whole is of another shape: a missing field under its own
/// name (`Required`), a number beyond its type (`OutOfRange`), something else where a number
/// belongs (`InvalidNumber`), an unknown choice (`InvalidChoice`), anything else `WrongType`.
/// serde's messages are matched by their fixed start and by what they say was expected, never
/// by the part that quotes the client's value.
fn shape_refusal(path: &str, message: &str, root: &str) -> FieldErrors {
    let at = |field: &str| match path {
        "" | "." => field.to_owned(),
        parent => format!("{parent}.{field}"),
    };
    let field = match path {
        "" | "." => root.to_owned(),
        path => path.to_owned(),
    };
    // serde's "…, expected X": what the field takes.
    let expected = message.rsplit_once(", expected ").map_or("", |(_, x)| x);
    let numeric = [
        "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "f32", "f64",
    ]
    .contains(&expected)
        || expected.contains("integer")
        || expected.contains("number");
    let coded = message
        .strip_prefix(REFUSED)
        .and_then(|code| serde_json::from_value(serde_json::Value::from(code)).ok());
    let entry = if let Some(error) = coded {
        (field, error)
    } else if let Some(missing) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
    {
        (at(missing), FieldError::Required)
    } else if message.starts_with("unknown variant") {
        (field, FieldError::InvalidChoice)
    } else if message.starts_with("invalid value: integer")
        || message == "number too large to fit in target type"
        || message == "number too small to fit in target type"
    {
        (field, FieldError::OutOfRange)
    } else if (message.starts_with("invalid type") && numeric)
        || message == "invalid digit found in string"
        || message == "cannot parse integer from empty string"
        || message == "invalid float literal"
    {
        (field, FieldError::InvalidNumber)
    } else {
        (field, FieldError::WrongType)
    };
    FieldErrors::from([entry])
}

/// Query parameters whose refusals are problem details: 422 naming the parameter.
pub struct ApiQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiQuery<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, ApiError> {
        let query = parts.uri.query().unwrap_or_default();
        // A parameter given is given a value: `?date=` is refused, not read as "left out"
        // (the document says so: every parameter's schema takes no empty text).
        let empty: FieldErrors = form_urlencoded::parse(query.as_bytes())
            .filter(|(_, value)| value.trim().is_empty())
            .map(|(name, _)| (name.into_owned(), FieldError::Required))
            .collect();
        if !empty.is_empty() {
            return Err(ApiError::App(AppError::Invalid(empty)));
        }
        let deserializer =
            serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(deserializer)
            .map(ApiQuery)
            .map_err(|error| {
                let path = error.path().to_string();
                let fields = shape_refusal(&path, &error.into_inner().to_string(), "query");
                ApiError::App(AppError::Invalid(fields))
            })
    }
}

/// `Path<T>` whose rejections (e.g. `/sites/abc`) are a 404 problem.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct ApiPath<T>(pub T);

/// A service's refusal with its fields named as the body names them (`names`: the service's
/// name → the body's), for a body that calls a field otherwise than the form the service
/// judges (issue 26: `errors[].field` names the body's own fields). A conflict's fields too.
pub fn as_body_names(error: AppError, names: &[(&str, &str)]) -> AppError {
    let rename = |fields: FieldErrors| {
        fields
            .into_iter()
            .map(|(field, e)| {
                let named = names
                    .iter()
                    .find(|(service, _)| *service == field)
                    .map_or(field, |(_, body)| (*body).to_owned());
                (named, e)
            })
            .collect()
    };
    match error {
        AppError::Invalid(fields) => AppError::Invalid(rename(fields)),
        AppError::Conflict(fields) => AppError::Conflict(rename(fields)),
        other => other,
    }
}

/// A method a documented path does not take: 405 as a problem, like every other refusal.
pub async fn method_not_allowed() -> Response {
    problem(StatusCode::METHOD_NOT_ALLOWED, None, Vec::new())
}

/// Unknown paths under `/api/v1`.
pub async fn not_found() -> Response {
    ApiError::App(AppError::NotFound).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Body {
        cohort_id: i32,
        present: bool,
        #[serde(default)]
        role: Option<Role>,
        #[serde(default)]
        marks: Vec<Mark>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Role {
        Leader,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Mark {
        member_id: i32,
    }

    /// The refusal serde gives for `json` read as a `Body`, as the API names it.
    fn refusal(json: serde_json::Value) -> Vec<(String, FieldError)> {
        let error = serde_path_to_error::deserialize::<_, Body>(json).unwrap_err();
        let path = error.path().to_string();
        shape_refusal(&path, &error.into_inner().to_string(), "body")
            .into_iter()
            .collect()
    }

    fn one(field: &str, error: FieldError) -> Vec<(String, FieldError)> {
        vec![(field.to_owned(), error)]
    }

    #[test]
    fn a_body_of_another_shape_is_refused_under_its_own_field() {
        use serde_json::json;
        assert_eq!(
            refusal(json!({ "present": true })),
            one("cohort_id", FieldError::Required)
        );
        assert_eq!(
            refusal(json!({ "cohort_id": "too large", "present": true })),
            one("cohort_id", FieldError::InvalidNumber),
            "the client's own text decides nothing"
        );
        assert_eq!(
            refusal(json!({ "cohort_id": 3_000_000_000_i64, "present": true })),
            one("cohort_id", FieldError::OutOfRange)
        );
        assert_eq!(
            refusal(json!({ "cohort_id": 1, "present": "yes" })),
            one("present", FieldError::WrongType),
            "not a number that was expected"
        );
        assert_eq!(
            refusal(json!({ "cohort_id": 1, "present": true, "role": "boss" })),
            one("role", FieldError::InvalidChoice)
        );
        assert_eq!(
            refusal(json!({ "cohort_id": 1, "present": true, "marks": [{ "member_id": "x" }] })),
            one("marks[0].member_id", FieldError::InvalidNumber)
        );
        for whole in [json!(null), json!([]), json!(5), json!("x")] {
            assert_eq!(
                refusal(whole.clone()),
                one("body", FieldError::WrongType),
                "{whole}"
            );
        }
    }

    #[test]
    fn a_query_of_another_shape_is_refused_under_its_parameter() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Query {
            limit: Option<u64>,
        }
        let read = |query: &str| {
            let deserializer =
                serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
            let error = serde_path_to_error::deserialize::<_, Query>(deserializer).unwrap_err();
            let path = error.path().to_string();
            shape_refusal(&path, &error.into_inner().to_string(), "query")
                .into_iter()
                .collect::<Vec<_>>()
        };
        assert_eq!(read("limit=many"), one("limit", FieldError::InvalidNumber));
        assert_eq!(
            read("limit=99999999999999999999999"),
            one("limit", FieldError::OutOfRange)
        );
        assert_eq!(read("limit=1&limit=2"), one("query", FieldError::WrongType));
    }
}
