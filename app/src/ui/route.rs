//! The id in a page's route.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The id in the route (`{id}`), 0 when it is not a number (the service answers 404).
pub fn route_id() -> i32 {
    use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i32>().ok())
        .unwrap_or(0)
}
