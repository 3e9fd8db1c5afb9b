//! `/sok`: a search across the strands (issue 30): projects, ideas, posts, fund applications
//! and nominations the reader may see, each kind under its heading. A plain GET form: it
//! works before the WebAssembly loads and its address can be shared.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::feature::search::{Hit, HitKind};
use crate::i18n::*;
use crate::ui::{Alert, ErrorMessage, PageTitle, Tone};

/// The hits for `typed` (`registry::search`).
async fn load_hits(typed: String) -> Result<Vec<Hit>, crate::core::error::AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::registry::search(&state.db, &actor, &typed, crate::core::state::now()).await
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let i18n = use_i18n();
    let typed = use_query_map()
        .read_untracked()
        .get("q")
        .unwrap_or_default();
    let value = typed.clone();
    view! {
        <PageTitle text=move || t_string!(i18n, search_title).to_string() />
        <h1>{t!(i18n, search_heading)}</h1>
        <form method="get" action="/sok" class="filters" role="search">
            <div class="ds-field">
                <label class="ds-label" for="search-q">{t!(i18n, search_label)}</label>
                <input class="ds-input" id="search-q" name="q" type="search" value=value />
            </div>
            <button class="ds-button" data-variant="primary" type="submit">
                {t!(i18n, search_button)}
            </button>
        </form>
        {Suspend::new(async move {
            if typed.trim().is_empty() {
                return view! { <p>{t!(i18n, search_lead)}</p> }.into_any();
            }
            match load_hits(typed).await {
                Ok(hits) => view! { <Hits hits /> }.into_any(),
                Err(crate::core::error::AppError::Invalid(fields)) => {
                    let locale = i18n.get_locale_untracked();
                    let text = fields
                        .values()
                        .next()
                        .map(|e| crate::ui::field_message(locale, *e))
                        .unwrap_or_default();
                    view! {
                        <Alert tone=Tone::Danger>
                            <p>{text}</p>
                        </Alert>
                    }
                    .into_any()
                }
                Err(error) => view! { <ErrorMessage error /> }.into_any(),
            }
        })}
    }
}

#[component]
fn Hits(hits: Vec<Hit>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let total = hits.len();
    let heading = move |kind: HitKind| match kind {
        HitKind::Project => td_string!(locale, search_projects),
        HitKind::Idea => td_string!(locale, search_ideas),
        HitKind::Post => td_string!(locale, search_posts),
        HitKind::Application => td_string!(locale, search_applications),
        HitKind::Nomination => td_string!(locale, search_nominations),
    };
    view! {
        <p role="status">{t!(i18n, search_count, count = move || total)}</p>
        // The hits come by kind (`registry::search`): one section per kind. A chunk is never
        // empty.
        {hits
            .chunk_by(|a, b| a.kind == b.kind)
            .map(|list| {
                let kind = list[0].kind;
                let id = format!("hits-{kind:?}").to_lowercase();
                let labelled = id.clone();
                view! {
                    <section aria-labelledby=labelled>
                        <h2 id=id>{heading(kind)}</h2>
                        <ul>
                            {list
                                .iter()
                                .map(|h| view! { <li><a href=h.href.clone()>{h.title.clone()}</a></li> })
                                .collect_view()}
                        </ul>
                    </section>
                }
            })
            .collect_view()}
    }
}
