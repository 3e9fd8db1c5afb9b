//! The text inside a `<textarea>` (issue 23). Leptos 0.8's renderer (tachys 0.2) writes the
//! children of raw-text elements — textarea, script, style, noscript — verbatim, so a stored
//! `</textarea><form …>` would end the field and plant markup on whoever opens the form. The
//! form renderer therefore never gives a textarea children: it sets the field's content as
//! escaped HTML. The browser's parser reads a textarea's content as RCDATA, which decodes
//! `&lt;` back to `<`, so the field shows exactly what was stored; hydration leaves server
//! HTML set this way alone (tachys hydrates `inner_html` from the server as a no-op).
//!
//! No other user text reaches a raw-text element: the app writes no `<script>`, `<style>` or
//! `<noscript>` of its own (Leptos escapes the data it puts in its hydration scripts).

/// A textarea's content as HTML: the text escaped, after one newline. A textarea drops one
/// newline right after its start tag (HTML's parsing rules), so text that starts with a
/// newline would lose it without this one.
pub fn textarea_html(text: &str) -> String {
    let escaped = html_escape::encode_text(text);
    let mut html = String::with_capacity(escaped.len() + 1);
    html.push('\n');
    html.push_str(&escaped);
    html
}

#[cfg(test)]
mod tests {
    use leptos::prelude::*;
    use proptest::prelude::*;
    use scraper::{ElementRef, Html, Selector};

    use super::*;
    use crate::core::error::AppError;
    use crate::i18n::Locale;
    use crate::ui::form::{Field, FormSpec};

    /// What a browser makes of a text in its input stream: line breaks become `\n`, NUL the
    /// replacement character.
    fn as_parsed(text: &str) -> String {
        text.replace("\r\n", "\n")
            .replace('\r', "\n")
            .replace('\0', "\u{FFFD}")
    }

    /// The names of the elements of an HTML document, in document order.
    fn elements(html: &str) -> Vec<String> {
        Html::parse_document(html)
            .root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
            .map(|e| e.value().name().to_owned())
            .collect()
    }

    fn textarea_texts(html: &str) -> Vec<String> {
        let doc = Html::parse_document(html);
        let textarea = Selector::parse("textarea").unwrap();
        doc.select(&textarea).map(|t| t.text().collect()).collect()
    }

    const BREAKOUTS: [&str; 9] = [
        "x</textarea></div></form><form action=\"/api/grant_user_role\" method=\"post\">\
         <input type=\"hidden\" name=\"role\" value=\"admin\"><button class=\"ds-button\">\
         Godkjenn</button></form><form><textarea>",
        "</TEXTAREA >\u{a0}<meta http-equiv=\"refresh\" content=\"0;url=//angriper.example\">",
        "</textarea\t><img src=x>",
        "<!-- </textarea> --><a href=\"//x\">lenke</a>",
        "&lt;/textarea&gt;&amp;<b>fet</b>",
        "</textarea/><script>alert(1)</script>",
        "<![CDATA[</textarea>]]><iframe></iframe>",
        "\nFørste linje er tom\r\nog\rslik",
        "</textarea",
    ];

    #[test]
    fn breakout_texts_stay_inside_one_textarea_and_read_back_as_written() {
        for text in BREAKOUTS {
            let html = format!("<textarea>{}</textarea>", textarea_html(text));
            assert_eq!(
                elements(&html),
                ["html", "head", "body", "textarea"],
                "{text}"
            );
            assert_eq!(textarea_texts(&html), [as_parsed(text)], "{text}");
        }
    }

    /// Every view of the app, read as source: the form renderer is the one place that writes a
    /// `<textarea>` (through [`textarea_html`]), and no view writes a `<script>`, `<style>` or
    /// `<noscript>` whose children the renderer would leave unescaped (but the shell's island
    /// loader, whose text is fixed).
    #[test]
    fn only_the_form_renderer_writes_a_raw_text_element() {
        fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    files(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut all = Vec::new();
        files(&src, &mut all);
        assert!(all.len() > 100, "the app's source was read");
        let this_file = src.join("ui/form/textarea.rs");
        let island = src.join("ui/form/render.rs");
        for file in all.iter().filter(|f| **f != this_file) {
            let text = std::fs::read_to_string(file).unwrap().to_lowercase();
            // Tests below hold hostile payloads on purpose; what renders is above them.
            let text = text
                .split("#[cfg(test)]")
                .next()
                .and_then(|t| t.split("#[cfg(all(test").next())
                .unwrap_or_default()
                .lines()
                .filter(|line| !line.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            // The shell writes one script: the island loader, a fixed text and the bundle's
            // names from the server's configuration (no user's text).
            let scripts = if *file == src.join("shell.rs") { 1 } else { 0 };
            assert_eq!(
                text.matches("<script").count(),
                scripts,
                "{} writes <script",
                file.display()
            );
            for tag in ["<style", "<noscript"] {
                assert!(!text.contains(tag), "{} writes {tag}", file.display());
            }
            let textareas = ["<textarea\n", "<textarea ", "<textarea>"]
                .iter()
                .map(|opening| text.matches(opening).count())
                .sum::<usize>();
            if *file == island {
                assert!(textareas >= 2, "the island's several-line and CSV fields");
                assert_eq!(
                    textareas,
                    text.matches("inner_html=textarea_html(").count(),
                    "each textarea of the island is filled by textarea_html"
                );
            } else {
                assert_eq!(textareas, 0, "{} writes a textarea", file.display());
            }
        }
    }

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("</textarea>".to_owned()),
            Just("</TeXtArEa ".to_owned()),
            Just("</textarea/".to_owned()),
            Just("<!--".to_owned()),
            Just("-->".to_owned()),
            Just("<form>".to_owned()),
            Just("<script>".to_owned()),
            Just("&lt;".to_owned()),
            Just("&amp;".to_owned()),
            Just("&#60;".to_owned()),
            Just("<".to_owned()),
            Just(">".to_owned()),
            Just("&".to_owned()),
            Just("\n".to_owned()),
            Just("\"'".to_owned()),
            "[a-zæøåA-ZÆØÅ0-9 ]{0,6}",
            any::<String>(),
        ]
    }

    proptest! {
        #[test]
        fn any_text_is_one_textarea_holding_exactly_that_text(
            pieces in proptest::collection::vec(piece(), 0..12)
        ) {
            let text: String = pieces.concat();
            let html = format!("<textarea>{}</textarea>", textarea_html(&text));
            prop_assert_eq!(elements(&html), ["html", "head", "body", "textarea"]);
            prop_assert_eq!(textarea_texts(&html), [as_parsed(&text)]);
        }
    }

    /// A server function of the test's own (`ui` imports no feature).
    #[cfg(feature = "ssr")]
    #[server]
    async fn save_text(text: String) -> Result<(), AppError> {
        let _ = text;
        Ok(())
    }

    /// The form island's server HTML (an island renders to HTML only with the `ssr` feature), with a several-line field and a CSV field holding `text`.
    #[cfg(feature = "ssr")]
    fn form_html(text: &str) -> String {
        let spec = FormSpec::new::<SaveText>("text", "Lagre")
            .field(Field::text("name", "Navn").value(text))
            .field(Field::textarea("body", "Tekst").value(text))
            .field(Field::csv("CSV", "Én rad per linje").value(text));
        crate::ui::form::server_html(Locale::nb, spec)
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_form_island_has_the_same_elements_whatever_its_fields_hold() {
        let plain = elements(&form_html("vanlig tekst"));
        assert!(plain.iter().filter(|e| *e == "textarea").count() == 2);
        for text in BREAKOUTS {
            let html = form_html(text);
            assert_eq!(elements(&html), plain, "{text}");
            assert_eq!(
                textarea_texts(&html),
                [as_parsed(text), as_parsed(text)],
                "{text}"
            );
        }
    }
}
