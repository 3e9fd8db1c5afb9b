//! The description of a form that a page hands to [`super::EnhancedForm`]: built on the
//! server with translated labels and filled-in values, serialised into the page as the
//! island's props.

use serde::{Deserialize, Serialize};

use crate::core::error::AppError;
use crate::core::import::ImportReport;

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
    /// The button does something that cannot be undone (Designsystemet's danger colour).
    pub danger: bool,
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
    /// What was typed into this form before a refused post without JavaScript; each field
    /// added after [`FormSpec::new`] shows its kept value. Not sent to the island: the values
    /// are already in the fields.
    #[serde(skip)]
    restored: Vec<(String, String)>,
}

/// One field of a [`FormSpec`]. One flat struct (not an enum with data) keeps the wasm's
/// decoding of the island's props small.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    /// The server function's argument.
    pub name: String,
    /// The element's id (differs from the name when two forms on a page share a name).
    pub id: String,
    pub label: String,
    pub hint: Option<String>,
    pub kind: FieldKind,
    /// Inputs: `text`, `email`, `password`.
    pub input_type: String,
    pub autocomplete: String,
    /// The value shown when the page loads; for a select the chosen value; for a checkbox the
    /// value it sends.
    pub value: String,
    pub required: bool,
    /// Checkboxes: ticked when the page loads.
    pub checked: bool,
    /// Selects: the first, empty choice's label, if there is one.
    pub empty: Option<String>,
    pub choices: Vec<Choice>,
    /// A person chooser's address of suggestions (`Field::person`).
    pub suggest: Option<String>,
    /// A person chooser of several people (`Field::people`): the suggestions complete the
    /// last one typed.
    pub many: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldKind {
    Input,
    Select,
    /// A checkbox that must be ticked to confirm.
    Check,
    /// One of a few choices, all shown (a fieldset of radio buttons).
    Radio,
    /// A CSV text; the import's report is shown below the button.
    Csv,
    Hidden,
}

/// A choice of a select: an option (`value`, `label`), or a group of options under `label`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
    /// Non-empty for a group (`<optgroup>`).
    pub options: Vec<(String, String)>,
}

impl FormSpec {
    /// A form posting to the server function `S`. On the server, a refusal of a post made
    /// without JavaScript (which the router found in the URL) is picked up here.
    pub fn new<S: leptos::server_fn::ServerFn>(id: &str, submit: impl Into<String>) -> Self {
        let (error, restored) = refused_post(S::PATH);
        Self {
            action: S::url().to_owned(),
            id: id.to_owned(),
            class: "form".into(),
            fields: Vec::new(),
            submit: submit.into(),
            danger: false,
            notice: None,
            imported: None,
            error,
            form_error_marks_fields: false,
            restored,
        }
    }

    /// The CSV import form of every importing feature (`core::import`): the text, the button,
    /// and the report of the last accepted import.
    pub fn csv_import<S: leptos::server_fn::ServerFn>(
        locale: crate::i18n::Locale,
        imported: Option<ImportReport>,
    ) -> Self {
        use crate::i18n::td_string;
        Self::new::<S>("csv", td_string!(locale, import_button).to_string())
            .field(Field::csv(
                td_string!(locale, import_label).to_string(),
                td_string!(locale, import_hint).to_string(),
            ))
            .imported(imported)
    }

    pub fn field(mut self, mut field: Field) -> Self {
        if field.keeps_typed_value()
            && let Some((_, typed)) = self.restored.iter().find(|(name, _)| *name == field.name)
        {
            field.value = typed.clone();
        }
        self.fields.push(field);
        self
    }

    pub fn hidden(self, name: &str, value: impl ToString) -> Self {
        self.field(Field::hidden(name, value.to_string()))
    }

    pub fn class(mut self, class: &str) -> Self {
        self.class = class.into();
        self
    }

    pub fn danger(mut self) -> Self {
        self.danger = true;
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

/// The id of a radio group's button for `value`.
/// The refused fields in the order the form shows them (`names`), then any it does not show,
/// by name: the error summary reads like the form (issue 30: it followed the alphabet).
pub fn in_form_order<'a>(
    refused: &'a crate::core::error::FieldErrors,
    names: impl IntoIterator<Item = &'a str>,
) -> Vec<(&'a str, crate::core::error::FieldError)> {
    let mut ordered: Vec<(&'a str, crate::core::error::FieldError)> = Vec::new();
    for name in names {
        if let Some((key, error)) = refused.get_key_value(name)
            && !ordered.iter().any(|(n, _)| *n == key.as_str())
        {
            ordered.push((key.as_str(), *error));
        }
    }
    for (key, error) in refused {
        if !ordered.iter().any(|(n, _)| *n == key.as_str()) {
            ordered.push((key.as_str(), *error));
        }
    }
    ordered
}

pub fn radio_id(group: &str, value: &str) -> String {
    format!("{group}-{value}")
}

impl Field {
    /// The id of the control a link to this field focuses (the error summary's): a radio
    /// group's first button, as its fieldset takes no focus (issue 24); else the field.
    pub fn focus_id(&self) -> String {
        match self.kind {
            FieldKind::Radio => self
                .choices
                .iter()
                .find(|c| c.options.is_empty())
                .map_or_else(|| self.id.clone(), |c| radio_id(&self.id, &c.value)),
            _ => self.id.clone(),
        }
    }

    /// Whether a refused post's typed value replaces this field's: not passwords, hidden
    /// fields or confirmation boxes.
    fn keeps_typed_value(&self) -> bool {
        matches!(
            self.kind,
            FieldKind::Input | FieldKind::Select | FieldKind::Csv
        ) && self.input_type != "password"
    }

    fn new(name: &str, label: impl Into<String>, kind: FieldKind) -> Self {
        Self {
            name: name.into(),
            id: name.into(),
            label: label.into(),
            hint: None,
            kind,
            input_type: "text".into(),
            autocomplete: "off".into(),
            value: String::new(),
            required: kind == FieldKind::Input,
            checked: false,
            empty: None,
            choices: Vec::new(),
            suggest: None,
            many: false,
        }
    }

    /// A required text input.
    pub fn text(name: &str, label: impl Into<String>) -> Self {
        Self::new(name, label, FieldKind::Input)
    }

    /// A person chooser (issue 30): a text input that takes a name or an e-mail address, and
    /// with the WebAssembly suggests colleagues by name as one types (a `<datalist>` the form's
    /// island fills from `suggest`, a JSON list of `Name <address>`), which the browser offers
    /// as a list a screen reader announces.
    pub fn person(name: &str, label: impl Into<String>, suggest: &str) -> Self {
        let mut field = Self::text(name, label);
        field.suggest = Some(suggest.to_owned());
        field
    }

    /// A chooser of several people (a jury, a team, co-authors): one text input taking names
    /// or e-mail addresses separated by commas (`core::parse::parse_person_list`), whose
    /// suggestions complete the last one typed, keeping those before it.
    pub fn people(name: &str, label: impl Into<String>, suggest: &str) -> Self {
        let mut field = Self::person(name, label, suggest);
        field.many = true;
        field
    }

    /// A required text of several lines (a `<textarea>`).
    pub fn textarea(name: &str, label: impl Into<String>) -> Self {
        Self::text(name, label).input_type("textarea")
    }

    /// A password input (`autocomplete`: `current-password` or `new-password`).
    pub fn password(name: &str, label: impl Into<String>, autocomplete: &str) -> Self {
        Self::text(name, label)
            .input_type("password")
            .autocomplete(autocomplete)
    }

    pub fn select(name: &str, label: impl Into<String>, choices: Vec<Choice>) -> Self {
        Self {
            choices,
            ..Self::new(name, label, FieldKind::Select)
        }
    }

    /// Radio buttons for the plain options of `choices` (groups are not shown); `value`
    /// chooses one.
    pub fn radio(name: &str, label: impl Into<String>, choices: Vec<Choice>) -> Self {
        Self {
            choices,
            ..Self::new(name, label, FieldKind::Radio)
        }
    }

    pub fn check(name: &str, label: impl Into<String>, value: &str) -> Self {
        Self::new(name, label, FieldKind::Check).value(value)
    }

    pub fn hidden(name: &str, value: impl Into<String>) -> Self {
        Self::new(name, "", FieldKind::Hidden).value(value)
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
        self.input_type = input_type.into();
        self
    }

    pub fn autocomplete(mut self, autocomplete: &str) -> Self {
        self.autocomplete = autocomplete.into();
        self
    }

    /// The value shown when the page loads (edit forms); for a select, the chosen value.
    pub fn value(mut self, value: impl Into<String>) -> Self {
        self.value = value.into();
        self
    }

    /// A checkbox ticked when the page loads (an edit form's current choice).
    pub fn checked(mut self, checked: bool) -> Self {
        self.checked = checked;
        self
    }

    pub fn optional(mut self) -> Self {
        self.required = false;
        self
    }

    /// A first, empty choice with this label.
    pub fn empty(mut self, label: impl Into<String>) -> Self {
        self.empty = Some(label.into());
        self
    }
}

impl Choice {
    /// Plain options from (value, label) pairs.
    pub fn options(pairs: impl IntoIterator<Item = (String, String)>) -> Vec<Choice> {
        pairs
            .into_iter()
            .map(|(value, label)| Choice {
                value,
                label,
                options: Vec::new(),
            })
            .collect()
    }

    /// A labelled group of (value, label) options.
    pub fn group(label: String, options: Vec<(String, String)>) -> Choice {
        Choice {
            value: String::new(),
            label,
            options,
        }
    }
}

/// The refusal of a post without JavaScript to `path`, and what was typed: kept for this page
/// view by the server (`RefusedPost` in the request, see the server's `refused_post`), or, as
/// Leptos itself passes it, in the URL.
#[cfg(feature = "ssr")]
fn refused_post(path: &str) -> (Option<AppError>, Vec<(String, String)>) {
    use leptos::prelude::use_context;
    use leptos::server_fn::error::ServerFnUrlError;

    let kept = use_context::<axum::http::request::Parts>()
        .and_then(|parts| {
            parts
                .extensions
                .get::<crate::core::notice::RefusedPost>()
                .cloned()
        })
        .filter(|kept| kept.path == path);
    if let Some(kept) = kept {
        return (
            Some(ServerFnUrlError::<AppError>::decode_err(&kept.error)),
            kept.values,
        );
    }
    let from_url = use_context::<leptos::server::ServerActionError>()
        .filter(|error| error.path() == path)
        .map(|error| ServerFnUrlError::<AppError>::decode_err(error.err()));
    (from_url, Vec::new())
}

/// Whether this page view follows a refused post without JavaScript (its title says so).
#[cfg(feature = "ssr")]
pub fn follows_refused_post() -> bool {
    use leptos::prelude::use_context;
    use_context::<axum::http::request::Parts>().is_some_and(|parts| {
        parts
            .extensions
            .get::<crate::core::notice::RefusedPost>()
            .is_some()
    }) || use_context::<leptos::server::ServerActionError>().is_some()
}

#[cfg(not(feature = "ssr"))]
fn refused_post(_path: &str) -> (Option<AppError>, Vec<(String, String)>) {
    (None, Vec::new())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_summary_follows_the_form_then_names_the_rest() {
        use crate::core::error::{FieldError, FieldErrors};
        let refused: FieldErrors = [
            ("amount".to_owned(), FieldError::Required),
            ("title".to_owned(), FieldError::TooLong),
            ("zeta".to_owned(), FieldError::Taken),
            ("budget".to_owned(), FieldError::InvalidNumber),
        ]
        .into_iter()
        .collect();
        let ordered = in_form_order(&refused, ["title", "summary", "budget", "amount", "title"]);
        let names: Vec<&str> = ordered.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["title", "budget", "amount", "zeta"]);
        assert_eq!(ordered[0].1, FieldError::TooLong);
    }

    use leptos::prelude::*;

    use super::*;

    #[test]
    fn a_password_field_is_a_required_input_that_browsers_may_fill() {
        let field = Field::password("new_password", "Nytt passord", "new-password");
        assert_eq!(field.kind, FieldKind::Input);
        assert_eq!(field.input_type, "password");
        assert_eq!(field.autocomplete, "new-password");
        assert!(field.required);
        assert_eq!(field.id, "new_password");
    }

    #[test]
    fn only_inputs_are_required_and_optional_lifts_it() {
        assert!(!Field::select("role", "Rolle", Vec::new()).required);
        assert!(!Field::hidden("user_id", "7").required);
        assert!(!Field::text("closed_on", "Nedlagt").optional().required);
    }

    /// A server function of the test's own (`ui` imports no feature).
    #[server]
    async fn save_note(text: String) -> Result<(), AppError> {
        let _ = text;
        Ok(())
    }

    #[test]
    fn a_form_posts_to_its_server_function_and_shows_a_notice_only_when_told() {
        use leptos::server_fn::ServerFn;
        let spec = FormSpec::new::<SaveNote>("note", "Lagre")
            .hidden("next", "/profil")
            .notice(false, "Lagret.");
        assert_eq!(spec.action, SaveNote::url());
        assert_eq!(spec.notice, None);
        assert_eq!(spec.error, None);
        assert_eq!(spec.fields[0].kind, FieldKind::Hidden);
        assert_eq!(spec.fields[0].value, "/profil");
        assert_eq!(
            spec.notice(true, "Lagret.").notice.as_deref(),
            Some("Lagret.")
        );
    }

    #[test]
    fn radio_buttons_keep_their_choices_and_are_not_required_inputs() {
        let field = Field::radio(
            "decision",
            "Vedtak",
            Choice::options([
                ("accepted".to_owned(), "Godkjent".to_owned()),
                ("declined".to_owned(), "Avslått".to_owned()),
            ]),
        )
        .value("declined");
        assert_eq!(field.kind, FieldKind::Radio);
        assert_eq!(field.choices.len(), 2);
        assert_eq!(field.value, "declined");
        assert!(!field.required);
    }

    #[test]
    fn choices_are_options_or_groups_of_options() {
        let options = Choice::options([("1".to_owned(), "Bærum".to_owned())]);
        let group = Choice::group(
            "Oppvekst".into(),
            vec![("2".into(), "Sandvika skole".into())],
        );
        assert!(options[0].options.is_empty());
        assert_eq!(options[0].value, "1");
        assert_eq!(group.options.len(), 1);
        assert_eq!(group.label, "Oppvekst");
    }
}
