//! Every form of the app that answers in place: one island, [`EnhancedForm`], driven by a
//! [`FormSpec`] that the page builds on the server (labels already translated, values filled
//! in, the server function to post to). Without JavaScript it is a plain HTML form that posts
//! to the server function, which answers with a redirect (see `core::notice`). With it, the
//! island posts the same fields itself and shows a refusal beside the fields without a reload,
//! keeping what was typed; an accepted form follows the server's redirect.
//!
//! Why one island rather than one per form: each `#[island]` with its own `ActionForm` adds
//! its view and the server function's form decoding to the wasm (about 7 KB gzip per form,
//! measured in issue 9), and the portfolio, LUP, fund and prize features bring dozens of forms.
//! A form is data here, so a new form costs no wasm at all. Islands of their own remain for
//! what a form spec cannot express (charts, the attendance grid, the ceremony mode).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::core::error::{AppError, FieldErrors, SignInRefusal};
use crate::core::import::ImportReport;
use crate::i18n::*;
use crate::ui::{field_message, provide_locale};

/// A form as the page describes it to the island.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormSpec {
    /// The server function's URL.
    pub action: String,
    /// Prefix of the ids of the form's own messages (`{id}-error`, `{id}-report`).
    pub id: String,
    pub class: String,
    pub fields: Vec<Field>,
    pub submit: String,
    pub submit_class: String,
    /// The notice of the last accepted post (from the session), shown until the form is sent
    /// again.
    pub notice: Option<String>,
    /// What the last accepted import did (a form with a CSV field shows it below the button).
    pub imported: Option<ImportReport>,
    /// A refusal to show at once: a post without JavaScript comes back with it in the URL.
    pub error: Option<AppError>,
    /// A refusal that is not about one field (wrong password) marks every field as invalid and
    /// points them at the message.
    pub form_error_marks_fields: bool,
}

/// One field of a [`FormSpec`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    /// The server function's argument.
    pub name: String,
    /// The element's id (differs from the name when two forms on a page share a name).
    pub id: String,
    pub label: String,
    pub hint: Option<String>,
    pub kind: FieldKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldKind {
    Input {
        input_type: String,
        autocomplete: String,
        value: String,
        required: bool,
    },
    Select {
        /// The first, empty choice's label, if there is one.
        empty: Option<String>,
        choices: Vec<Choice>,
        selected: String,
    },
    /// A checkbox that must be ticked to confirm.
    Check {
        value: String,
    },
    /// A CSV text; the import's report is shown below the button.
    Csv,
    Hidden {
        value: String,
    },
}

/// A choice of a select: an option, or a labelled group of options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Choice {
    Option {
        value: String,
        label: String,
    },
    Group {
        label: String,
        options: Vec<(String, String)>,
    },
}

impl FormSpec {
    /// A form posting to the server function `S`. On the server, a refusal of a post made
    /// without JavaScript (which the router found in the URL) is picked up here.
    pub fn new<S: leptos::server_fn::ServerFn>(id: &str, submit: impl Into<String>) -> Self {
        Self {
            action: S::url().to_owned(),
            id: id.to_owned(),
            class: "form".into(),
            fields: Vec::new(),
            submit: submit.into(),
            submit_class: "button".into(),
            notice: None,
            imported: None,
            error: url_error(S::PATH),
            form_error_marks_fields: false,
        }
    }

    pub fn field(mut self, field: Field) -> Self {
        self.fields.push(field);
        self
    }

    pub fn hidden(self, name: &str, value: impl ToString) -> Self {
        self.field(Field::new(
            name,
            "",
            FieldKind::Hidden {
                value: value.to_string(),
            },
        ))
    }

    pub fn class(mut self, class: &str) -> Self {
        self.class = class.into();
        self
    }

    pub fn submit_class(mut self, class: &str) -> Self {
        self.submit_class = class.into();
        self
    }

    /// Shows `text` when `shown` (the page found this form's notice in the session).
    pub fn notice(mut self, shown: bool, text: impl Into<String>) -> Self {
        self.notice = shown.then(|| text.into());
        self
    }

    /// Shows what the last accepted import did.
    pub fn imported(mut self, report: Option<ImportReport>) -> Self {
        self.imported = report;
        self
    }

    pub fn form_error_marks_fields(mut self) -> Self {
        self.form_error_marks_fields = true;
        self
    }
}

impl Field {
    fn new(name: &str, label: impl Into<String>, kind: FieldKind) -> Self {
        Self {
            name: name.into(),
            id: name.into(),
            label: label.into(),
            hint: None,
            kind,
        }
    }

    /// A required text input.
    pub fn text(name: &str, label: impl Into<String>) -> Self {
        Self::new(
            name,
            label,
            FieldKind::Input {
                input_type: "text".into(),
                autocomplete: "off".into(),
                value: String::new(),
                required: true,
            },
        )
    }

    /// A password input (`autocomplete`: `current-password` or `new-password`).
    pub fn password(name: &str, label: impl Into<String>, autocomplete: &str) -> Self {
        Self::text(name, label)
            .input_type("password")
            .autocomplete(autocomplete)
    }

    pub fn select(name: &str, label: impl Into<String>, choices: Vec<Choice>) -> Self {
        Self::new(
            name,
            label,
            FieldKind::Select {
                empty: None,
                choices,
                selected: String::new(),
            },
        )
    }

    pub fn check(name: &str, label: impl Into<String>, value: &str) -> Self {
        Self::new(
            name,
            label,
            FieldKind::Check {
                value: value.into(),
            },
        )
    }

    pub fn csv(label: impl Into<String>, hint: impl Into<String>) -> Self {
        Self::new("csv", label, FieldKind::Csv).hint(hint)
    }

    pub fn id(mut self, id: &str) -> Self {
        self.id = id.into();
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn input_type(mut self, input_type: &str) -> Self {
        if let FieldKind::Input { input_type: t, .. } = &mut self.kind {
            *t = input_type.into();
        }
        self
    }

    pub fn autocomplete(mut self, autocomplete: &str) -> Self {
        if let FieldKind::Input {
            autocomplete: a, ..
        } = &mut self.kind
        {
            *a = autocomplete.into();
        }
        self
    }

    /// The value shown when the page loads (edit forms); for a select, the chosen value.
    pub fn value(mut self, value: impl Into<String>) -> Self {
        match &mut self.kind {
            FieldKind::Input { value: v, .. } | FieldKind::Hidden { value: v } => *v = value.into(),
            FieldKind::Select { selected, .. } => *selected = value.into(),
            FieldKind::Check { .. } | FieldKind::Csv => {}
        }
        self
    }

    pub fn optional(mut self) -> Self {
        if let FieldKind::Input { required, .. } = &mut self.kind {
            *required = false;
        }
        self
    }

    /// A first, empty choice with this label.
    pub fn empty(mut self, label: impl Into<String>) -> Self {
        if let FieldKind::Select { empty, .. } = &mut self.kind {
            *empty = Some(label.into());
        }
        self
    }
}

impl Choice {
    /// Plain options from (value, label) pairs.
    pub fn options(pairs: impl IntoIterator<Item = (String, String)>) -> Vec<Choice> {
        pairs
            .into_iter()
            .map(|(value, label)| Choice::Option { value, label })
            .collect()
    }
}

/// The refusal of a post without JavaScript to `path`, which the router read from the URL.
#[cfg(feature = "ssr")]
fn url_error(path: &str) -> Option<AppError> {
    use leptos::server_fn::error::ServerFnUrlError;

    use_context::<leptos::server::ServerActionError>()
        .filter(|error| error.path() == path)
        .map(|error| ServerFnUrlError::<AppError>::decode_err(error.err()))
}

#[cfg(not(feature = "ssr"))]
fn url_error(_path: &str) -> Option<AppError> {
    None
}

/// The message for a refusal that is not about one field.
fn form_error_text(locale: Locale, error: &AppError) -> Option<AnyView> {
    let text = match error {
        AppError::Invalid(_) | AppError::Conflict(_) | AppError::ImportRejected(_) => return None,
        AppError::SignIn(SignInRefusal::WrongCredentials) => td!(locale, sign_in_wrong).into_any(),
        AppError::SignIn(SignInRefusal::TooManyAttempts { retry_after_secs }) => {
            let minutes = (retry_after_secs + 59) / 60;
            td!(locale, sign_in_too_many, minutes = minutes).into_any()
        }
        AppError::NotFound => td!(locale, error_not_found).into_any(),
        AppError::Forbidden => td!(locale, error_forbidden).into_any(),
        AppError::Unavailable => td!(locale, error_unavailable).into_any(),
        AppError::Internal => td!(locale, error_internal).into_any(),
        AppError::Transport(_) => td!(locale, error_transport).into_any(),
    };
    Some(text)
}

#[island]
pub fn EnhancedForm(locale: Locale, spec: FormSpec) -> impl IntoView {
    provide_locale(locale);
    let FormSpec {
        action,
        id,
        class,
        fields,
        submit,
        submit_class,
        notice,
        imported,
        error,
        form_error_marks_fields,
    } = spec;
    let error = RwSignal::new(error);
    let sent = RwSignal::new(false);
    let field_errors = Signal::derive(move || match error.get() {
        Some(AppError::Invalid(e) | AppError::Conflict(e)) => e,
        _ => FieldErrors::new(),
    });
    let form_error_id = format!("{id}-error");
    let has_form_error = move || {
        error.with(|e| {
            e.as_ref().is_some_and(|e| {
                !matches!(
                    e,
                    AppError::Invalid(_) | AppError::Conflict(_) | AppError::ImportRejected(_)
                )
            })
        })
    };
    let marks = Signal::derive(move || form_error_marks_fields && has_form_error());
    let has_csv = fields.iter().any(|f| f.kind == FieldKind::Csv);
    let report_id = format!("{id}-report");

    let on_submit = {
        let action = action.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            #[cfg(feature = "hydrate")]
            {
                use leptos::wasm_bindgen::JsCast;
                let Some(form) = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
                else {
                    return;
                };
                sent.set(true);
                let action = action.clone();
                leptos::task::spawn_local(async move {
                    if let Err(refusal) = submit_form(&action, &form).await {
                        error.set(Some(refusal));
                    }
                });
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (&action, sent);
        }
    };

    let form_alert = {
        let form_error_id = form_error_id.clone();
        move || {
            error
                .with(|e| e.as_ref().and_then(|e| form_error_text(locale, e)))
                .map(|text| {
                    view! {
                        <div class="alert alert--error" role="alert" id=form_error_id.clone()>
                            <p>{text}</p>
                        </div>
                    }
                })
        }
    };
    let notice_view = notice.map(|text| {
        view! {
            <Show when=move || !sent.get()>
                <p class="alert alert--success" role="status">
                    {text.clone()}
                </p>
            </Show>
        }
    });
    let report = has_csv.then(|| {
        view! {
            <div id=report_id.clone() role="status">
                {move || match error.get() {
                    Some(AppError::ImportRejected(rows)) => {
                        view! {
                            <div class="alert alert--error">
                                <p>{td!(locale, import_rejected, count = rows.len())}</p>
                                <ul>
                                    {rows
                                        .into_iter()
                                        .map(|row| {
                                            view! {
                                                <li>
                                                    {td!(
                                                        locale, import_row, line = row.line, field = row.field.clone()
                                                    )} " " {field_message(locale, row.error)}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </div>
                        }
                            .into_any()
                    }
                    Some(_) => ().into_any(),
                    None => {
                        imported
                            .filter(|_| !sent.get())
                            .map(|report| {
                                view! {
                                    <p class="alert alert--success">
                                        {td!(
                                            locale, import_done, created = report.created, updated = report.updated
                                        )}
                                    </p>
                                }
                            })
                            .into_any()
                    }
                }}
            </div>
        }
    });
    let rows = fields
        .into_iter()
        .map(|field| {
            render_field(
                field,
                field_errors,
                marks,
                form_error_id.clone(),
                report_id.clone(),
                error,
            )
        })
        .collect_view();
    view! {
        {form_alert}
        {notice_view}
        <form action=action method="post" class=class on:submit=on_submit>
            {rows}
            <button type="submit" class=submit_class>
                {submit}
            </button>
            {report}
        </form>
    }
}

/// One field with its label, hint and the server's message for it.
fn render_field(
    field: Field,
    errors: Signal<FieldErrors>,
    marks: Signal<bool>,
    form_error_id: String,
    report_id: String,
    error: RwSignal<Option<AppError>>,
) -> AnyView {
    let locale = crate::ui::current_locale();
    let Field {
        name,
        id,
        label,
        hint,
        kind,
    } = field;
    let error_id = format!("{id}-error");
    let hint_id = hint.as_ref().map(|_| format!("{id}-hint"));
    let message = {
        let (name, error_id) = (name.clone(), error_id.clone());
        move || {
            errors.with(|e| e.get(&name).copied()).map(|e| {
                view! {
                    <p class="field-error" id=error_id.clone()>
                        {field_message(locale, e)}
                    </p>
                }
            })
        }
    };
    let invalid = {
        let name = name.clone();
        move || (marks.get() || errors.with(|e| e.contains_key(&name))).then_some("true")
    };
    let described_by = {
        let (name, error_id, hint_id) = (name.clone(), error_id.clone(), hint_id.clone());
        move || {
            let own = errors
                .with(|e| e.contains_key(&name))
                .then(|| error_id.clone());
            let form = marks.get().then(|| form_error_id.clone());
            let parts: Vec<String> = hint_id.clone().into_iter().chain(own).chain(form).collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        }
    };
    let hint_view = hint.map(|hint| view! { <p class="hint" id=hint_id.clone()>{hint}</p> });
    match kind {
        FieldKind::Input {
            input_type,
            autocomplete,
            value,
            required,
        } => view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                {hint_view}
                <input
                    id=id
                    name=name
                    type=input_type
                    required=required
                    value=value
                    autocomplete=autocomplete
                    aria-invalid=invalid
                    aria-describedby=described_by
                />
                {message}
            </div>
        }
        .into_any(),
        FieldKind::Select {
            empty,
            choices,
            selected,
        } => {
            let option = move |value: String, label: String| {
                let is_selected = value == selected;
                view! {
                    <option value=value selected=is_selected>
                        {label}
                    </option>
                }
            };
            let choices = choices
                .into_iter()
                .map(|choice| match choice {
                    Choice::Option { value, label } => option(value, label).into_any(),
                    Choice::Group { label, options } => view! {
                        <optgroup label=label>
                            {options
                                .into_iter()
                                .map(|(value, label)| option(value, label))
                                .collect_view()}
                        </optgroup>
                    }
                    .into_any(),
                })
                .collect_view();
            view! {
                <div class="field">
                    <label for=id.clone()>{label}</label>
                    {hint_view}
                    <select id=id name=name aria-invalid=invalid aria-describedby=described_by>
                        {empty.map(|label| view! { <option value="">{label}</option> })}
                        {choices}
                    </select>
                    {message}
                </div>
            }
            .into_any()
        }
        FieldKind::Check { value } => view! {
            <div class="field field--check">
                <input
                    type="checkbox"
                    id=id.clone()
                    name=name
                    value=value
                    aria-describedby=error_id
                />
                <label for=id>{label}</label>
            </div>
            {message}
        }
        .into_any(),
        FieldKind::Csv => {
            let rejected = move || matches!(error.get(), Some(AppError::ImportRejected(_)));
            let describe = {
                let hint_id = hint_id.clone().unwrap_or_default();
                move || {
                    if rejected() {
                        format!("{hint_id} {report_id}")
                    } else {
                        hint_id.clone()
                    }
                }
            };
            view! {
                <div class="field">
                    <label for=id.clone()>{label}</label>
                    {hint_view}
                    <textarea
                        id=id
                        name=name
                        rows="8"
                        required
                        aria-describedby=describe
                        aria-invalid=move || rejected().then_some("true")
                    ></textarea>
                </div>
            }
            .into_any()
        }
        FieldKind::Hidden { value } => view! {
            <input type="hidden" name=name.clone() value=value />
            {message}
        }
        .into_any(),
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
