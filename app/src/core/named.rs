//! Something named, by its id: what the pages and the API show of a site, a sector, a
//! programme or a person that a row refers to.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    pub id: i32,
    pub name: String,
}

impl Named {
    /// The one named `id` in `names` (from `core::people::user_names` and the like); an
    /// empty name if it is not there (a deleted row, an unknown id).
    pub fn looked_up(names: &std::collections::HashMap<i32, String>, id: i32) -> Self {
        Self {
            id,
            name: names.get(&id).cloned().unwrap_or_default(),
        }
    }
}
