use leptos::prelude::*;
use leptos_meta::Title;

/// The page's `<title>`, in the current language.
///
/// On the server the text is computed once, while the page renders: leptos_meta reads a
/// reactive title only after rendering, when the request's reactive owner (and with it the
/// language signal) may already be gone, which panicked under concurrent requests. In the
/// browser the title follows the language switch.
#[component]
pub fn PageTitle(text: impl Fn() -> String + Send + Sync + 'static) -> impl IntoView {
    // After a refused post without JavaScript the title says so first (with JavaScript the
    // form island prefixes it itself).
    #[cfg(feature = "ssr")]
    let text = {
        let text = text();
        if crate::ui::form::follows_refused_post() {
            let locale = crate::ui::current_locale();
            format!(
                "{}{text}",
                crate::i18n::td_string!(locale, error_title_prefix)
            )
        } else {
            text
        }
    };
    view! { <Title text=text /> }
}
