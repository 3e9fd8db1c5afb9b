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
        let text = if crate::ui::form::follows_refused_post() {
            let locale = crate::ui::current_locale();
            format!(
                "{}{text}",
                crate::i18n::td_string!(locale, error_title_prefix)
            )
        } else {
            text
        };
        title_html(&text)
    };
    view! { <Title text=text /> }
}

/// The text of a `<title>` as HTML. leptos_meta 0.8 writes the server's `<title>` unescaped
/// (a raw-text sink like the textarea, issue 23); a title that ever names a project must not
/// end the element. The browser reads a title as RCDATA, so `&amp;` shows as `&`.
#[cfg(feature = "ssr")]
fn title_html(text: &str) -> String {
    html_escape::encode_text(text).into_owned()
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use scraper::{Html, Selector};

    use super::title_html;

    #[test]
    fn a_title_that_tries_to_end_itself_stays_one_title() {
        for text in [
            "Innsjekk </title><script>alert(1)</script>",
            "</TITLE ><meta http-equiv=refresh content=0>",
            "Bygg & anlegg &amp; <drift>",
        ] {
            let doc = Html::parse_document(&format!(
                "<html><head><title>{}</title></head><body></body></html>",
                title_html(text)
            ));
            let titles: Vec<String> = doc
                .select(&Selector::parse("title").unwrap())
                .map(|t| t.text().collect())
                .collect();
            assert_eq!(titles, [text], "{text}");
            for tag in ["script", "meta"] {
                assert_eq!(
                    doc.select(&Selector::parse(tag).unwrap()).count(),
                    0,
                    "{text}"
                );
            }
        }
    }
}
