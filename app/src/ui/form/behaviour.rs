//! The browser's part of every form (issue 25): the one island, [`FormBehaviour`]. The form
//! itself is rendered on the server by [`super::EnhancedForm`] and passed in as the island's
//! children, so none of its markup reaches the wasm. The island posts the form's fields itself
//! and, on a refusal, writes the messages into that markup as the server would have rendered
//! them for a post without JavaScript: the form's alert or error summary (which takes focus),
//! the message beside each refused field with its `aria-invalid` and `aria-describedby`, a CSV
//! import's report, and "Feil:" before the page's title. An accepted form follows the
//! server's redirect.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::spec::FieldKind;
use crate::core::error::{AppError, FieldError, SignInRefusal};
use crate::i18n::*;
use crate::ui::field_message;

/// What the island needs to know of a form: where it posts, the prefix of its own messages'
/// ids and, per field, what a refusal changes. Labels and values stay in the markup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormMeta {
    pub action: String,
    pub id: String,
    pub fields: Vec<FieldMeta>,
    /// A refusal that is not about one field (wrong password) marks every field invalid and
    /// points them at the message.
    pub marks_on_form_error: bool,
}

/// One field of a [`FormMeta`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldMeta {
    pub name: String,
    /// The element's id: the control's, or a radio group's fieldset's.
    pub id: String,
    /// What a link in the error summary focuses (a radio group's first button).
    pub focus_id: String,
    pub label: String,
    pub hint_id: Option<String>,
    pub kind: FieldKind,
}

/// The message for a refusal that is not about one field: a text, or the minutes to wait
/// after too many failed sign-ins.
pub(super) fn form_error_text(locale: Locale, error: &AppError) -> Option<Result<String, i64>> {
    let text = match error {
        AppError::Invalid(_) | AppError::Conflict(_) | AppError::ImportRejected(_) => return None,
        AppError::SignIn(SignInRefusal::WrongCredentials) => td_string!(locale, sign_in_wrong),
        AppError::SignIn(SignInRefusal::TooManyAttempts { retry_after_secs }) => {
            return Some(Err((retry_after_secs + 59) / 60));
        }
        AppError::NotFound => td_string!(locale, error_not_found),
        AppError::Forbidden => td_string!(locale, error_forbidden),
        AppError::Unavailable => td_string!(locale, error_unavailable),
        AppError::Internal => td_string!(locale, error_internal),
        AppError::Transport(_) => td_string!(locale, error_transport),
        AppError::Unreadable(_) => td_string!(locale, error_unreadable),
    };
    Some(Ok(text.to_string()))
}

/// The message for a refused field: an empty choice (radio buttons, a list) asks the user to
/// choose, an unticked confirmation to tick it, rather than to fill in.
pub(super) fn refusal_text(locale: Locale, refusal: FieldError, kind: FieldKind) -> String {
    match (refusal, kind) {
        (FieldError::Required, FieldKind::Radio | FieldKind::Select) => {
            td_string!(locale, field_choose_one).to_string()
        }
        (FieldError::Required, FieldKind::Check) => td_string!(locale, field_tick_box).to_string(),
        _ => field_message(locale, refusal),
    }
}

/// The ids a field's control is described by: its hint, its own message when it has one,
/// and the form's message when that marks every field.
pub(super) fn described_by(
    hint_id: Option<&str>,
    own: Option<&str>,
    form: Option<&str>,
) -> Option<String> {
    let parts: Vec<&str> = hint_id.into_iter().chain(own).chain(form).collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

#[island]
pub fn FormBehaviour(locale: Locale, meta: FormMeta, children: Children) -> impl IntoView {
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            let Some(form) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
            else {
                return;
            };
            ev.prevent_default();
            let meta = meta.clone();
            leptos::task::spawn_local(async move {
                if let Err(refusal) = submit_form(&meta.action, &form).await {
                    show_refusal(locale, &meta, &form, &refusal);
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&ev, locale, &meta);
    };
    // A long list's filter box (`render::select_filter`) is in the markup, hidden: it works
    // only with this island, so it is shown once the island runs.
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(root) = root.get() {
            use leptos::wasm_bindgen::JsCast;
            if let Ok(hidden) = root.query_selector_all(".select-filter[hidden]") {
                for i in 0..hidden.length() {
                    if let Some(el) = hidden
                        .item(i)
                        .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                    {
                        let _ = el.remove_attribute("hidden");
                    }
                }
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = root.get();
    });
    let on_input = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            filter_list(&ev);
            suggest_people(&ev);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &ev;
    };
    view! {
        <div class="form-behaviour" node_ref=root on:submit=on_submit on:input=on_input>
            {children()}
        </div>
    }
}

/// Whether a choice's words (its label, or its group's: a sector's name) contain `needle`,
/// ignoring case; every choice does for an empty needle.
#[cfg(any(feature = "hydrate", test))]
pub(super) fn choice_matches(needle: &str, label: &str, group: &str) -> bool {
    let needle = needle.trim().to_lowercase();
    needle.is_empty()
        || label.to_lowercase().contains(&needle)
        || group.to_lowercase().contains(&needle)
}

/// Narrows a long list to what its filter box holds: hides the other choices (and groups left
/// empty), never the chosen one's value (a hidden option is still sent), and says in the box's
/// live region how many are shown.
#[cfg(feature = "hydrate")]
fn filter_list(ev: &leptos::ev::Event) {
    use leptos::wasm_bindgen::JsCast;
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    let Some(list_id) = input.get_attribute("data-filter-for") else {
        return;
    };
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(list) = document.get_element_by_id(&list_id) else {
        return;
    };
    let needle = input.value();
    let elements = |selector: &str| -> Vec<web_sys::Element> {
        list.query_selector_all(selector)
            .map(|nodes| {
                (0..nodes.length())
                    .filter_map(|i| nodes.item(i)?.dyn_into::<web_sys::Element>().ok())
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut shown = 0;
    for option in elements("option") {
        if option.get_attribute("value").unwrap_or_default().is_empty() {
            continue;
        }
        let group = option
            .parent_element()
            .filter(|p| p.tag_name().eq_ignore_ascii_case("optgroup"))
            .and_then(|g| g.get_attribute("label"))
            .unwrap_or_default();
        let label = option.text_content().unwrap_or_default();
        if choice_matches(&needle, &label, &group) {
            shown += 1;
            let _ = option.remove_attribute("hidden");
        } else {
            let _ = option.set_attribute("hidden", "");
        }
    }
    for group in elements("optgroup") {
        let empty = group
            .query_selector("option:not([hidden])")
            .ok()
            .flatten()
            .is_none();
        let _ = if empty {
            group.set_attribute("hidden", "")
        } else {
            group.remove_attribute("hidden")
        };
    }
    if let Some(count) = document.get_element_by_id(&format!("{list_id}-filter-count")) {
        let text = if needle.trim().is_empty() {
            String::new()
        } else {
            count
                .get_attribute("data-template")
                .unwrap_or_default()
                .replace("{shown}", &shown.to_string())
        };
        count.set_text_content(Some(&text));
    }
}

/// Posts the form's fields to the server function as a plain form would, but asking for
/// JSON: a refusal comes back as the `AppError` with its status; an accepted form names the
/// page to go to (the server function's redirect), which the browser then loads.
#[cfg(feature = "hydrate")]
async fn submit_form(action: &str, form: &web_sys::HtmlFormElement) -> Result<(), AppError> {
    let transport = |e: &dyn std::fmt::Display| AppError::Transport(e.to_string());
    let data = web_sys::FormData::new_with_form(form).map_err(|_| AppError::Internal)?;
    let body: String = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data)
        .map_err(|_| AppError::Internal)?
        .to_string()
        .into();
    let response = gloo_net::http::Request::post(action)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .body(body)
        .map_err(|e| transport(&e))?
        .send()
        .await
        .map_err(|e| transport(&e))?;
    if response.ok() {
        let location = response.headers().get("location").filter(|_| {
            response
                .headers()
                .has(leptos::server_fn::redirect::REDIRECT_HEADER)
        });
        let window = window();
        match location {
            Some(location) => {
                let _ = window.location().set_href(&location);
            }
            None => {
                let _ = window.location().reload();
            }
        }
        return Ok(());
    }
    let text = response.text().await.map_err(|e| transport(&e))?;
    Err(serde_json::from_str::<AppError>(&text).unwrap_or(AppError::Internal))
}

/// Writes `refusal` into the form's markup: what an earlier refusal wrote is taken away first
/// (everything marked `data-refusal`), and what the last accepted post left (its notice) too.
#[cfg(feature = "hydrate")]
fn show_refusal(
    locale: Locale,
    meta: &FormMeta,
    form: &web_sys::HtmlFormElement,
    refusal: &AppError,
) {
    let document = document();
    let Some(root) = form.parent_element() else {
        return;
    };
    if let Ok(old) = root.query_selector_all("[data-refusal], [data-notice]") {
        for i in 0..old.length() {
            if let Some(node) = old.item(i)
                && let Some(parent) = node.parent_node()
            {
                let _ = parent.remove_child(&node);
            }
        }
    }
    let element = |tag: &str, attributes: &[(&str, &str)], text: Option<&str>| {
        let node = document.create_element(tag).ok()?;
        for (name, value) in attributes {
            let _ = node.set_attribute(name, value);
        }
        if let Some(text) = text {
            node.set_text_content(Some(text));
        }
        Some(node)
    };
    let field_errors = match refusal {
        AppError::Invalid(errors) | AppError::Conflict(errors) => errors.clone(),
        _ => Default::default(),
    };
    let form_error_id = format!("{}-error", meta.id);
    let form_text = form_error_text(locale, refusal);
    let marks = meta.marks_on_form_error && form_text.is_some();

    // Each field: its own message, `aria-invalid`, `aria-describedby`.
    for field in &meta.fields {
        // A hidden input has no id (two forms of a page may share one); it is found by name.
        let found = if field.kind == FieldKind::Hidden {
            form.query_selector(&format!("input[type=hidden][name=\"{}\"]", field.name))
                .ok()
                .flatten()
        } else {
            document.get_element_by_id(&field.id)
        };
        let Some(at) = found else {
            continue;
        };
        let own = field_errors.get(&field.name).copied();
        let error_id = format!("{}-error", field.id);
        let controls: Vec<web_sys::Element> = if field.kind == FieldKind::Radio {
            let found = at.query_selector_all("input[type=radio]").ok();
            found
                .map(|list| {
                    (0..list.length())
                        .filter_map(|i| list.item(i))
                        .filter_map(|n| leptos::wasm_bindgen::JsCast::dyn_into(n).ok())
                        .collect()
                })
                .unwrap_or_default()
        } else {
            vec![at.clone()]
        };
        match field.kind {
            // A confirmation box always names its message's id.
            FieldKind::Check => {}
            // A CSV field is described by its hint, and by the import's report when that
            // refused it (below).
            FieldKind::Csv => {
                let _ = at.remove_attribute("aria-invalid");
                match &field.hint_id {
                    Some(hint) => {
                        let _ = at.set_attribute("aria-describedby", hint);
                    }
                    None => {
                        let _ = at.remove_attribute("aria-describedby");
                    }
                }
            }
            _ => {
                let describe = described_by(
                    field.hint_id.as_deref(),
                    own.map(|_| error_id.as_str()),
                    marks.then_some(form_error_id.as_str()),
                );
                for control in &controls {
                    if own.is_some() || marks {
                        let _ = control.set_attribute("aria-invalid", "true");
                    } else {
                        let _ = control.remove_attribute("aria-invalid");
                    }
                    match &describe {
                        Some(ids) => {
                            let _ = control.set_attribute("aria-describedby", ids);
                        }
                        None => {
                            let _ = control.remove_attribute("aria-describedby");
                        }
                    }
                }
            }
        }
        // A CSV field's refusals are in the import's report (below).
        let Some(refused) = own.filter(|_| field.kind != FieldKind::Csv) else {
            continue;
        };
        let text = refusal_text(locale, refused, field.kind);
        let Some(message) = element(
            "p",
            &[
                ("class", "ds-validation-message"),
                ("data-field", "validation"),
                ("data-refusal", ""),
                ("id", &error_id),
            ],
            Some(&text),
        ) else {
            continue;
        };
        // Where the server puts it: last in the field's box (a radio group's fieldset), or
        // right after a hidden input.
        let container = if field.kind == FieldKind::Radio {
            Some(at.clone())
        } else {
            at.parent_element()
                .filter(|p| p.class_list().contains("ds-field"))
        };
        match container {
            Some(container) => {
                let _ = container.append_child(&message);
            }
            None => {
                if let Some(parent) = at.parent_node() {
                    let _ = parent.insert_before(&message, at.next_sibling().as_ref());
                }
            }
        }
    }

    // The form's own message, or the summary of the refused fields, before the form.
    let mut focus = None;
    if let Some(text) = &form_text
        && let Some(alert) = element(
            "div",
            &[
                ("class", "ds-alert"),
                ("data-color", "danger"),
                ("role", "alert"),
                ("tabindex", "-1"),
                ("id", &form_error_id),
                ("data-refusal", ""),
            ],
            None,
        )
    {
        if let Some(p) = element("p", &[], None) {
            match text {
                Ok(text) => p.set_text_content(Some(text)),
                Err(minutes) => {
                    let minutes = *minutes;
                    mount_view(&p, td!(locale, sign_in_too_many, count = move || minutes));
                }
            }
            let _ = alert.append_child(&p);
        }
        let _ = root.insert_before(&alert, Some(form));
        focus = Some(alert);
    }
    if !field_errors.is_empty() {
        let summary = element(
            "div",
            &[
                ("class", "ds-error-summary"),
                ("tabindex", "-1"),
                ("data-refusal", ""),
            ],
            None,
        );
        let heading = element(
            "h2",
            &[("class", "ds-heading"), ("data-size", "xs")],
            Some(td_string!(locale, error_summary_heading)),
        );
        let list = element("ul", &[("class", "ds-list")], None);
        if let (Some(summary), Some(heading), Some(list)) = (summary, heading, list) {
            let ordered = super::spec::in_form_order(
                &field_errors,
                meta.fields.iter().map(|f| f.name.as_str()),
            );
            for (name, refused) in ordered {
                // As the server's summary: a hidden field has no label to link to.
                let field = meta
                    .fields
                    .iter()
                    .find(|f| f.name == name && f.kind != FieldKind::Hidden);
                let kind = field.map_or(FieldKind::Input, |f| f.kind);
                let message = refusal_text(locale, refused, kind);
                let item = match field {
                    Some(field) => element("li", &[], None).and_then(|li| {
                        let href = format!("#{}", field.focus_id);
                        let text = format!("{}: {message}", field.label);
                        let link =
                            element("a", &[("class", "ds-link"), ("href", &href)], Some(&text))?;
                        let _ = li.append_child(&link);
                        Some(li)
                    }),
                    None => element("li", &[], Some(&message)),
                };
                if let Some(item) = item {
                    let _ = list.append_child(&item);
                }
            }
            let _ = summary.append_child(&heading);
            let _ = summary.append_child(&list);
            let _ = root.insert_before(&summary, Some(form));
            focus = Some(summary);
        }
    }

    // A CSV import's report, below the button.
    if let AppError::ImportRejected(report) = refusal {
        let report_id = format!("{}-report", meta.id);
        if let Some(region) = document.get_element_by_id(&report_id) {
            let alert = element(
                "div",
                &[
                    ("class", "ds-alert"),
                    ("data-color", "danger"),
                    ("data-refusal", ""),
                ],
                None,
            );
            if let Some(alert) = alert {
                if let Some(p) = element("p", &[], None) {
                    mount_view(&p, td!(locale, import_rejected, count = report.total()));
                    let _ = alert.append_child(&p);
                }
                if let Some(list) = element("ul", &[("class", "ds-list")], None) {
                    for row in &report.rows {
                        if let Some(li) = element("li", &[], None) {
                            let (line, field) = (row.line, row.field.clone());
                            mount_view(&li, td!(locale, import_row, line = line, field = field));
                            let message = format!(" {}", field_message(locale, row.error));
                            let _ = li.append_with_str_1(&message);
                            let _ = list.append_child(&li);
                        }
                    }
                    let _ = alert.append_child(&list);
                }
                if report.more > 0
                    && let Some(p) = element("p", &[], None)
                {
                    mount_view(&p, td!(locale, import_more, count = report.more));
                    let _ = alert.append_child(&p);
                }
                let _ = region.append_child(&alert);
            }
            for field in meta.fields.iter().filter(|f| f.kind == FieldKind::Csv) {
                if let Some(control) = document.get_element_by_id(&field.id) {
                    let _ = control.set_attribute("aria-invalid", "true");
                    let describe = described_by(field.hint_id.as_deref(), Some(&report_id), None);
                    if let Some(ids) = describe {
                        let _ = control.set_attribute("aria-describedby", &ids);
                    }
                }
            }
        }
    }

    if let Some(target) =
        focus.and_then(|f| leptos::wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(f).ok())
    {
        let _ = target.focus();
    }
    mark_title_refused(locale);
}

/// Renders `view` (a translated text with a number in it) into `parent`, for good.
#[cfg(feature = "hydrate")]
fn mount_view(parent: &web_sys::Element, view: impl IntoView) {
    use leptos::tachys::view::{Mountable, Render};
    let mut state = view.into_view().build();
    state.mount(parent, None);
    std::mem::forget(state);
}

/// Prefixes the page's title with "Feil:" after a refusal (once), as screen readers read the
/// title first.
#[cfg(feature = "hydrate")]
fn mark_title_refused(locale: Locale) {
    let prefix = td_string!(locale, error_title_prefix);
    let document = document();
    let title = document.title();
    if !title.starts_with(prefix) {
        document.set_title(&format!("{prefix}{title}"));
    }
}

/// Fills a person chooser's suggestions (`Field::person`) with the colleagues whose name or
/// address holds what is typed, from two characters on; an answer that comes after a later
/// keystroke's is dropped. A suggestion chosen (`Name <address>`) asks for no more.
#[cfg(feature = "hydrate")]
fn suggest_people(ev: &leptos::ev::Event) {
    use leptos::wasm_bindgen::JsCast;
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    let (Some(url), Some(list_id)) = (
        input.get_attribute("data-suggest"),
        input.get_attribute("list"),
    ) else {
        return;
    };
    let typed = input.value();
    // A chooser of several people completes the last one typed; those before it stay.
    let (before, last) = if input.has_attribute("data-many") {
        split_last_person(&typed)
    } else {
        ("", typed.as_str())
    };
    if last.trim().chars().count() < 2 || last.contains('<') {
        return;
    }
    let before = before.to_owned();
    let query = format!(
        "{url}?q={}",
        percent_encoding::utf8_percent_encode(last.trim(), percent_encoding::NON_ALPHANUMERIC)
    );
    leptos::task::spawn_local(async move {
        let Ok(response) = gloo_net::http::Request::get(&query).send().await else {
            return;
        };
        if !response.ok() {
            return;
        }
        let Ok(people) = response
            .text()
            .await
            .map(|text| serde_json::from_str::<Vec<String>>(&text).unwrap_or_default())
        else {
            return;
        };
        if input.value() != typed {
            return;
        }
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(list) = document.get_element_by_id(&list_id) else {
            return;
        };
        list.set_inner_html("");
        for person in people {
            if let Ok(option) = document.create_element("option") {
                let _ = option.set_attribute("value", &format!("{before}{person}"));
                if !before.is_empty() {
                    option.set_text_content(Some(&person));
                }
                let _ = list.append_child(&option);
            }
        }
    });
}

/// A list of people as typed, split before its last one: what comes before it (up to and with
/// the last separator and the space after it, so a suggestion appended reads as a list) and the
/// last one itself.
#[cfg(any(feature = "hydrate", test))]
fn split_last_person(typed: &str) -> (&str, &str) {
    match typed.rfind([',', ';', '\n']) {
        Some(at) => {
            let rest = &typed[at + 1..];
            let start = at + 1 + (rest.len() - rest.trim_start().len());
            (&typed[..start], &typed[start..])
        }
        None => ("", typed),
    }
}

#[cfg(test)]
mod tests {
    use super::{choice_matches, split_last_person};

    #[test]
    fn a_list_of_people_is_split_before_the_last_one_typed() {
        assert_eq!(split_last_person("Kari"), ("", "Kari"));
        assert_eq!(
            split_last_person("Kari Nordmann <kari@x.no>, Pe"),
            ("Kari Nordmann <kari@x.no>, ", "Pe")
        );
        assert_eq!(split_last_person("a@x.no;Øy"), ("a@x.no;", "Øy"));
        assert_eq!(split_last_person("a@x.no, "), ("a@x.no, ", ""));
    }

    #[test]
    fn a_choice_matches_by_its_own_words_or_its_groups_ignoring_case() {
        assert!(choice_matches("", "Sandvika skole", "Oppvekst"));
        assert!(choice_matches("  sandv ", "Sandvika skole", "Oppvekst"));
        assert!(choice_matches("OPPVEKST", "Sandvika skole", "Oppvekst"));
        assert!(choice_matches("bø", "Bøler sykehjem", "Helse og omsorg"));
        assert!(!choice_matches("hjem", "Sandvika skole", "Oppvekst"));
    }
}
