//! Something named, by its id: what the pages and the API show of a site, a sector, a
//! programme or a person that a row refers to.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    pub id: i32,
    pub name: String,
}
