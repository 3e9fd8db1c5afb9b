//! One error type for the whole application. Each variant maps to an HTTP status and to a
//! translated message; internal details go to the log, never to the user.

use std::collections::BTreeMap;

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// Why a sign-in was refused. The message never tells whether the e-mail exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignInRefusal {
    /// Unknown e-mail, wrong password or deactivated account: one answer for all.
    WrongCredentials,
    /// Too many failures for this account or from this address; try again after this many
    /// seconds.
    TooManyAttempts { retry_after_secs: i64 },
}

/// Field name → message key (looked up in the locale files under `errors.field`).
pub type FieldErrors = BTreeMap<String, FieldError>;

/// Why one input field was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldError {
    Required,
    TooLong,
    Taken,
    UnknownReference,
    EndBeforeStart,
    InvalidEmail,
    PasswordTooShort,
    PasswordTooCommon,
    UnknownRole,
    ManagerNeedsScope,
    ScopeNotAllowed,
    /// An administrator may not deactivate their own account (they would lock themselves out).
    OwnAccount,
    /// The limit of such objects is reached (e.g. active API tokens per user).
    TooMany,
    /// The current password given to confirm a change is wrong.
    WrongPassword,
    /// Not a date in the form YYYY-MM-DD.
    InvalidDate,
    /// Not a whole number.
    InvalidNumber,
    /// A number beyond its bounds (e.g. a page offset past the largest).
    OutOfRange,
    /// A date before 1900 or after 2200: a typing mistake, not a date this service needs.
    DateOutOfRange,
    /// Control characters (NUL, …) or bidirectional overrides in a text.
    ForbiddenCharacters,
    /// One's own idea cannot be supported (DESIGN §4: others support it).
    OwnIdea,
    /// A state change the rules do not allow (a project's phase: one step at a time).
    IllegalTransition,
    /// The value is not one of the allowed ones (e.g. a language code).
    InvalidChoice,
    /// A CSV file that cannot be read, or lacks a required column.
    InvalidCsv,
    /// The same value appears twice in one import file.
    DuplicateInFile,
    /// A project's owner is always among its people and cannot be removed.
    ProjectOwner,
    /// The project's lead site cannot also be one of its participating sites.
    LeadSite,
    /// No active user has that address (or id).
    UnknownUser,
    /// Two or more active users have that name: the e-mail address tells them apart.
    AmbiguousName,
    /// A date that has not come yet (a completion is recorded when it has happened).
    DateInFuture,
    /// A date before the cohort starts.
    BeforeCohortStart,
    /// The service site is closed on that date.
    SiteClosed,
    /// The service site has not opened yet on that date.
    SiteNotOpen,
    /// Less attendance than the cohort requires to complete.
    AttendanceTooLow,
    /// A gathering outside its cohort's dates.
    OutsideCohort,
    /// A user of another service site than the group's (DESIGN §5: the same site).
    OtherSite,
    /// The cohort has as many groups as it takes.
    CohortFull,
    /// Enter a web address starting with https://, or a path on this service.
    InvalidLink,
    /// The nomination window is closed.
    NominationsClosed,
    /// The nomination window is still open.
    NominationsOpen,
    /// The jury's deadline has passed and the ballots are frozen.
    JuryClosed,
    /// The jury's deadline has not passed yet.
    JuryOpen,
    /// Only finalists can be scored.
    NotFinalist,
    /// The jury has started voting, so the finalists cannot change.
    BallotsCast,
    /// The results are already published.
    AlreadyPublished,
    /// A step that cannot be undone was not confirmed (its box not ticked).
    NotConfirmed,
    /// A date after today where only a day that has come is allowed (a measurement).
    FutureDate,
    /// A sustainable-development goal outside 1–17.
    NotAGoal,
    /// A person's name with a comma, a semicolon or angle brackets, or of digits only: a list
    /// of people is separated by the first two, and `Name <address>` and a user id are read
    /// by the others (the person chooser, issue 30).
    NotAPersonName,
    /// There is no people's choice this year.
    PeoplesChoiceOff,
    /// A date that has passed rules a phase that is over, so it stays as it is (issue 23).
    DatePassed,
    /// Another request changed the same thing at the same moment and won (issue 23).
    ChangedMeanwhile,
    /// One's own idea cannot be assessed (a conflict of interest, like supporting it).
    OwnIdeaAssessment,
    /// Two fields given where one of them is asked for (a user by id or by e-mail).
    OneOfTwo,
    /// A value of another type than the field takes (the REST API: text where a number
    /// belongs, a list where an object does).
    WrongType,
    /// More than the call lets one application ask.
    AboveCallMaximum,
    /// The budget lines do not sum to the amount asked.
    BudgetLinesSum,
    /// More than the application asked for.
    AboveRequested,
    /// The line manager has not confirmed the anchoring.
    NotAnchored,
    /// The total would pass the budget.
    OverBudget,
    /// The rounds of a track would pass its budget for the year.
    OverTrackBudget,
    /// Lower than what is already recommended.
    BelowRecommended,
    /// The call has not opened yet.
    CallNotOpen,
    /// The call has closed.
    CallClosed,
    /// The call is still open for applications.
    CallOpen,
    /// The application is submitted and locked.
    AlreadySubmitted,
    /// The decision is recorded.
    AlreadyDecided,
    /// A user without the fund reviewer's role.
    NotAReviewer,
    /// Only a granted application takes payments.
    NotGranted,
    /// More returned than was paid out.
    MoreThanPaid,
    /// Guidance follows a declined application that asked for it.
    NotDeclined,
    /// The application is not submitted yet.
    NotSubmitted,
    /// A project the applicant is not on.
    NotYourProject,
    /// Payments would pass the amount granted.
    AboveGranted,
    /// Lower than the track's rounds that year hold.
    BelowRounds,
    /// More per application than the round's budget.
    AboveRoundBudget,
    /// No guidance was asked for.
    GuidanceNotAsked,
    /// Only a published post can be featured (issue 29).
    NotPublished,
    /// The file is not a PNG, JPEG, GIF or WebP image, or cannot be read as one.
    NotAnImage,
    /// The image is larger than the service takes (bytes, or pixels on a side).
    ImageTooLarge,
}

/// The value of a parsed field, or `None` with its refusal noted in `errors` under `field`:
/// a form's parser reads every field and answers every refusal at once.
pub fn noted<T>(errors: &mut FieldErrors, field: &str, result: Result<T, FieldError>) -> Option<T> {
    result.map_err(|e| errors.insert(field.into(), e)).ok()
}

/// Refused fields one answer lists. A form has a few dozen fields; a post with 6 273 unknown
/// keys once made a refusal too large to read back, answered 500 (issue 23).
pub const MAX_LISTED_FIELDS: usize = 100;

/// Writes at most [`MAX_LISTED_FIELDS`] refused fields, whatever the post sent.
fn listed_fields<S: serde::Serializer>(
    errors: &FieldErrors,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_map(errors.iter().take(MAX_LISTED_FIELDS))
}

/// One refused row of an imported file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    /// Line number in the file (the header is line 1).
    pub line: u64,
    /// Column name, or `file` for the file as a whole.
    pub field: String,
    pub error: FieldError,
}

/// The refused rows of an import, as many as a report can show, and how many more there were.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblems {
    pub rows: Vec<RowProblem>,
    /// Problems found but not listed.
    pub more: u64,
}

/// Problems listed in one import report. A file of 1 500 bad rows once made a report too
/// large to send (issue 11); the first hundred show what to fix.
pub const MAX_LISTED_PROBLEMS: usize = 100;

impl ImportProblems {
    /// The first [`MAX_LISTED_PROBLEMS`] of `problems`, counting the rest.
    pub fn of(mut problems: Vec<RowProblem>) -> Self {
        let more = problems.len().saturating_sub(MAX_LISTED_PROBLEMS) as u64;
        problems.truncate(MAX_LISTED_PROBLEMS);
        Self {
            rows: problems,
            more,
        }
    }

    /// Every problem found, listed or not.
    pub fn total(&self) -> u64 {
        self.rows.len() as u64 + self.more
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("conflict")]
    Conflict(#[serde(serialize_with = "listed_fields")] FieldErrors),
    #[error("invalid input")]
    Invalid(#[serde(serialize_with = "listed_fields")] FieldErrors),
    /// An import file was refused as a whole: every bad row, nothing imported.
    #[error("import refused")]
    ImportRejected(ImportProblems),
    /// Sign-in refused: wrong credentials (401) or too many attempts (429).
    #[error("sign-in refused")]
    SignIn(SignInRefusal),
    #[error("service unavailable")]
    Unavailable,
    #[error("internal error")]
    Internal,
    /// The request never reached the service layer (network, decoding).
    #[error("transport: {0}")]
    Transport(String),
    /// The client sent a request that cannot be read: fields missing or of the wrong type, a
    /// body too large (a client's mistake, 400 or 413 — issue 11: these were answered 500).
    #[error("unreadable request: {0}")]
    Unreadable(String),
}

impl FieldError {
    /// The stable machine-readable code (API problem details, CSV reports): `taken`,
    /// `invalid_email`, …
    pub fn code(self) -> String {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(code)) => code,
            _ => format!("{self:?}"),
        }
    }
}

impl AppError {
    pub fn invalid(field: &str, error: FieldError) -> Self {
        Self::Invalid(BTreeMap::from([(field.to_owned(), error)]))
    }

    /// An import refused for `problems` (at most [`MAX_LISTED_PROBLEMS`] of them listed).
    pub fn rejected(problems: Vec<RowProblem>) -> Self {
        Self::ImportRejected(ImportProblems::of(problems))
    }

    pub fn conflict(field: &str, error: FieldError) -> Self {
        Self::Conflict(BTreeMap::from([(field.to_owned(), error)]))
    }

    /// HTTP status code for this error (REST API and server functions alike).
    pub fn status_code(&self) -> u16 {
        match self {
            Self::NotFound => 404,
            Self::Forbidden => 403,
            Self::Conflict(_) => 409,
            Self::Invalid(_) | Self::ImportRejected(_) => 422,
            Self::SignIn(SignInRefusal::WrongCredentials) => 401,
            Self::SignIn(SignInRefusal::TooManyAttempts { .. }) => 429,
            Self::Unavailable => 503,
            Self::Internal | Self::Transport(_) => 500,
            Self::Unreadable(_) => 400,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // On the server these mean the client's arguments could not be read.
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_) => Self::Unreadable(value.to_string()),
            other => Self::Transport(other.to_string()),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        use sea_orm::DbErr;
        match err {
            DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => {
                tracing::error!(error = %err, "database unavailable");
                Self::Unavailable
            }
            // Every write checks for a twin before it inserts, so a unique index refuses only
            // the loser of a race: that is a 409 the person can act on, not a 500 (issue 23).
            _ if matches!(
                err.sql_err(),
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
            ) =>
            {
                tracing::info!(error = %err, "a concurrent write won");
                Self::conflict("form", FieldError::ChangedMeanwhile)
            }
            _ => {
                tracing::error!(error = %err, "database error");
                Self::Internal
            }
        }
    }
}

#[cfg(feature = "ssr")]
impl<E: std::error::Error> From<sea_orm::TransactionError<E>> for AppError
where
    AppError: From<E>,
{
    fn from(err: sea_orm::TransactionError<E>) -> Self {
        match err {
            sea_orm::TransactionError::Connection(db) => db.into(),
            sea_orm::TransactionError::Transaction(inner) => inner.into(),
        }
    }
}

#[cfg(test)]
mod listed_fields_tests {
    use super::*;

    #[test]
    fn a_refusal_lists_at_most_a_hundred_fields() {
        let errors: FieldErrors = (0..6273)
            .map(|i| (format!("justification[{i}]"), FieldError::UnknownReference))
            .collect();
        let json = serde_json::to_string(&AppError::Invalid(errors)).unwrap();
        let back: AppError = serde_json::from_str(&json).unwrap();
        let AppError::Invalid(listed) = back else {
            panic!("{json}");
        };
        assert_eq!(listed.len(), MAX_LISTED_FIELDS);
        assert!(json.len() < 8 * 1024, "{} bytes", json.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_error_maps_to_its_http_status() {
        assert_eq!(AppError::NotFound.status_code(), 404);
        assert_eq!(AppError::Forbidden.status_code(), 403);
        assert_eq!(
            AppError::conflict("name", FieldError::Taken).status_code(),
            409
        );
        assert_eq!(
            AppError::invalid("name", FieldError::Required).status_code(),
            422
        );
        assert_eq!(AppError::Unavailable.status_code(), 503);
        assert_eq!(AppError::Internal.status_code(), 500);
    }

    #[test]
    fn field_error_codes_are_snake_case() {
        assert_eq!(FieldError::InvalidEmail.code(), "invalid_email");
        assert_eq!(FieldError::Taken.code(), "taken");
    }

    #[test]
    fn a_long_import_report_lists_the_first_problems_and_counts_the_rest() {
        let problem = |line| RowProblem {
            line,
            field: "name".into(),
            error: FieldError::Required,
        };
        let AppError::ImportRejected(report) = AppError::rejected((2..1502).map(problem).collect())
        else {
            panic!("expected ImportRejected");
        };
        assert_eq!(report.rows.len(), MAX_LISTED_PROBLEMS);
        assert_eq!(report.rows[0].line, 2);
        assert_eq!(report.more, 1500 - MAX_LISTED_PROBLEMS as u64);
        assert_eq!(report.total(), 1500);
        let short = ImportProblems::of(vec![problem(2)]);
        assert_eq!((short.rows.len(), short.more), (1, 0));
    }

    #[test]
    fn invalid_names_the_refused_field() {
        let AppError::Invalid(fields) = AppError::invalid("name", FieldError::TooLong) else {
            panic!("expected Invalid");
        };
        assert_eq!(fields.get("name"), Some(&FieldError::TooLong));
    }
}
