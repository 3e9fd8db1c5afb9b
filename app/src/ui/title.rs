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
    #[cfg(feature = "ssr")]
    let text = text();
    view! { <Title text=text /> }
}
