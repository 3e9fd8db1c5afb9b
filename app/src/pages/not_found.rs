use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::*;
use crate::ui::PageTitle;

/// Shown for any path no route matches; answers with status 404.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, not_found_title).to_string() />
        <h1>{t!(i18n, not_found_heading)}</h1>
        <p>{t!(i18n, not_found_text)}</p>
        <p>
            <A href="/">{t!(i18n, not_found_home)}</A>
        </p>
    }
}
