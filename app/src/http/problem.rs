//! Errors of the REST API as `application/problem+json` (RFC 9457), with the refused fields
//! listed on 422, and the extractors whose rejections use the same format.

use crate::core::error::SignInRefusal;
use crate::core::error::{AppError, FieldErrors};
use crate::i18n::Locale;
use crate::ui::field_message;
use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
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

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        Self::BadRequest {
            status: rejection.status(),
            detail: rejection.body_text(),
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        Self::BadRequest {
            status: StatusCode::BAD_REQUEST,
            detail: rejection.body_text(),
        }
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

/// `Json<T>` whose rejections are problem details.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct ApiJson<T>(pub T);

/// `Query<T>` whose rejections are problem details.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct ApiQuery<T>(pub T);

/// `Path<T>` whose rejections (e.g. `/sites/abc`) are a 404 problem.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct ApiPath<T>(pub T);

/// Unknown paths under `/api/v1`.
pub async fn not_found() -> Response {
    ApiError::App(AppError::NotFound).into_response()
}
