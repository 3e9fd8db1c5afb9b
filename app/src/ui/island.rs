//! What every island needs: the page's language (an island hydrates on its own, outside the
//! server-rendered page's context). The page-wide "hydrated" mark is set by the island loader
//! (`island_loader.js`).

use leptos::prelude::*;

use crate::i18n::*;

/// Gives the island and the components in it the page's language. The language is a prop of
/// each island (rendered into the page by the server); changing it reloads the page, so the
/// texts are looked up once with `td!` and need no reactive i18n context (whose cookie and
/// locale-negotiation code would otherwise be in the wasm).
pub fn provide_locale(locale: Locale) {
    provide_context(locale);
}

/// The language of the page: an island's (see [`provide_locale`]) or, on the server, the
/// request's; bokmål where neither is known (a component rendered on its own).
pub fn current_locale() -> Locale {
    use_context::<Locale>()
        .or_else(|| {
            use_context::<leptos_i18n::I18nContext<Locale>>()
                .map(|i18n| i18n.get_locale_untracked())
        })
        .unwrap_or_default()
}
