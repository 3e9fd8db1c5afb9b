//! The REST API's operations as the API page lists them. The server fills this in from its
//! OpenAPI document at start (`AppState::api_reference`); the page only shows it.

use serde::{Deserialize, Serialize};

/// One operation of the REST API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiEndpoint {
    pub method: String,
    pub path: String,
    /// The handler's summary (English, as in the OpenAPI document).
    pub summary: String,
    /// False when the endpoint also answers anonymous callers (public data).
    pub token_required: bool,
    /// The HTTP statuses it can answer with.
    pub statuses: Vec<String>,
}
