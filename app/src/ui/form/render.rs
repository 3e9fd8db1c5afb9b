//! A [`FormSpec`] rendered on the server: the whole form, with a refusal of a post without
//! JavaScript shown beside its fields, inside the [`FormBehaviour`] island that posts it in
//! place once the wasm has loaded (none of this markup is in the wasm).

use leptos::prelude::*;

use super::behaviour::{
    FieldMeta, FormBehaviour, FormMeta, described_by as describe, form_error_text, refusal_text,
};
use super::spec::{Field, FieldKind, FormSpec, radio_id};
use super::textarea::textarea_html;
use crate::core::error::{AppError, FieldErrors};
use crate::i18n::*;
use crate::ui::{field_message, provide_locale};

// The views below use `Either` rather than `.into_any()`: every type made into an `AnyView`
// brings its own hydration functions into the wasm.
#[component]
pub fn EnhancedForm(locale: Locale, spec: FormSpec) -> impl IntoView {
    use leptos::either::Either;

    provide_locale(locale);
    let FormSpec {
        action,
        id,
        class,
        fields,
        submit,
        danger,
        notice,
        imported,
        error,
        form_error_marks_fields,
        ..
    } = spec;
    let error = RwSignal::new(error);
    let field_errors = Signal::derive(move || match error.get() {
        Some(AppError::Invalid(e) | AppError::Conflict(e)) => e,
        _ => FieldErrors::new(),
    });
    let form_error_id = format!("{id}-error");
    let form_error = move || error.with(|e| e.as_ref().and_then(|e| form_error_text(locale, e)));
    let marks = Signal::derive(move || form_error_marks_fields && form_error().is_some());
    let has_csv = fields.iter().any(|f| f.kind == FieldKind::Csv);
    let report_id = format!("{id}-report");
    // The error summary lists each refused field by its label and links to the control that
    // takes focus (a radio group's first button, not its fieldset).
    let labels: Vec<(String, String, String, FieldKind)> = fields
        .iter()
        .filter(|f| f.kind != FieldKind::Hidden)
        .map(|f| (f.name.clone(), f.focus_id(), f.label.clone(), f.kind))
        .collect();
    // A refusal present when the page loads (a post without JavaScript) takes focus through
    // `autofocus`; one that arrives later gets it from the island.
    let refused_at_load = error.with_untracked(Option::is_some);
    let form_alert = {
        let form_error_id = form_error_id.clone();
        move || {
            form_error().map(|text| {
                let text = match text {
                    Ok(text) => Either::Left(text),
                    Err(minutes) => {
                        Either::Right(td!(locale, sign_in_too_many, count = move || minutes))
                    }
                };
                view! {
                    <div
                        class="ds-alert"
                        data-color="danger"
                        role="alert"
                        tabindex="-1"
                        autofocus=refused_at_load
                        id=form_error_id.clone()
                        data-refusal=""
                    >
                        <p>{text}</p>
                    </div>
                }
            })
        }
    };
    let summary = move || {
        let refused = field_errors.get();
        (!refused.is_empty()).then(|| {
            let items =
                super::spec::in_form_order(&refused, labels.iter().map(|(n, _, _, _)| n.as_str()))
                    .into_iter()
                    .map(|(name, refusal)| {
                        let field = labels.iter().find(|(n, _, _, _)| n == name);
                        let kind = field.map_or(FieldKind::Input, |(_, _, _, kind)| *kind);
                        let message = refusal_text(locale, refusal, kind);
                        match field {
                            Some((_, id, label, _)) => Either::Left(view! {
                                <li>
                                    <a class="ds-link" href=format!("#{id}")>
                                        {format!("{label}: {message}")}
                                    </a>
                                </li>
                            }),
                            None => Either::Right(view! { <li>{message}</li> }),
                        }
                    })
                    .collect_view();
            view! {
                <div
                    class="ds-error-summary"
                    tabindex="-1"
                    autofocus=refused_at_load
                    data-refusal=""
                >
                    <h2 class="ds-heading" data-size="xs">
                        {td!(locale, error_summary_heading)}
                    </h2>
                    <ul class="ds-list">{items}</ul>
                </div>
            }
        })
    };
    let notice_view = move || {
        notice.clone().map(|text| {
            view! {
                <div
                    class="ds-alert"
                    data-color="success"
                    role="status"
                    tabindex="-1"
                    autofocus
                    data-notice=""
                >
                    <p>{text}</p>
                </div>
            }
        })
    };
    let report = has_csv.then(|| {
        view! {
            <div id=report_id.clone() role="status">
                {move || match error.get() {
                    Some(AppError::ImportRejected(report)) => {
                        let more = (report.more > 0)
                            .then(|| view! { <p>{td!(locale, import_more, count = report.more)}</p> });
                        Some(
                            Either::Left(
                                view! {
                                    <div class="ds-alert" data-color="danger" data-refusal="">
                                        <p>{td!(locale, import_rejected, count = report.total())}</p>
                                        <ul class="ds-list">
                                            {report
                                                .rows
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
                                        {more}
                                    </div>
                                },
                            ),
                        )
                    }
                    Some(_) => None,
                    None => {
                        imported
                            .map(|report| {
                                Either::Right(
                                    view! {
                                        <p class="ds-alert" data-color="success" data-notice="">
                                            {td!(
                                                locale, import_done, created = report.created, updated = report.updated
                                            )}
                                        </p>
                                    },
                                )
                            })
                    }
                }}
            </div>
        }
    });
    let meta = FormMeta {
        action: action.clone(),
        id: id.clone(),
        fields: fields
            .iter()
            .map(|f| FieldMeta {
                name: f.name.clone(),
                id: f.id.clone(),
                focus_id: f.focus_id(),
                label: f.label.clone(),
                hint_id: f.hint.as_ref().map(|_| format!("{}-hint", f.id)),
                kind: f.kind,
            })
            .collect(),
        marks_on_form_error: form_error_marks_fields,
    };
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
        <FormBehaviour locale meta>
            {form_alert}
            {summary}
            {notice_view}
            <form action=action method="post" class=class novalidate>
            {rows}
            <button
                type="submit"
                class="ds-button"
                data-variant="primary"
                data-color=danger.then_some("danger")
            >
                {submit}
            </button>
            {report}
        </form>
        </FormBehaviour>
    }
}

/// One field with its label, hint and the server's message for it.
/// A list longer than this gets a filter box above it (issue 30: about 200 sites).
pub(super) const FILTER_FROM: usize = 12;

/// The filter box of a long list (issue 30): typing narrows the list to the choices (or
/// groups: a sector's name shows its sites) whose words contain what is typed, and a live
/// region says how many are shown. Rendered hidden: `FormBehaviour` shows it once the
/// WebAssembly runs, and without it the list is a plain list.
fn select_filter(
    locale: crate::i18n::Locale,
    select_id: &str,
    offered: usize,
) -> impl IntoView + use<> {
    use crate::i18n::td_string;
    let filter_id = format!("{select_id}-filter");
    let count_id = format!("{select_id}-filter-count");
    let template = td_string!(locale, select_filter_count)
        .to_string()
        .replace("{total}", &offered.to_string());
    view! {
        <div class="ds-field select-filter" hidden>
            <label class="ds-label" for=filter_id.clone()>
                {td_string!(locale, select_filter_label)}
            </label>
            <input
                class="ds-input"
                type="search"
                id=filter_id
                data-filter-for=select_id.to_owned()
                aria-controls=select_id.to_owned()
                aria-describedby=format!("{select_id}-label {count_id}")
                autocomplete="off"
            />
            <p data-field="description" id=count_id aria-live="polite" data-template=template></p>
        </div>
    }
}

fn render_field(
    field: Field,
    errors: Signal<FieldErrors>,
    marks: Signal<bool>,
    form_error_id: String,
    report_id: String,
    error: RwSignal<Option<AppError>>,
) -> impl IntoView {
    use leptos::either::{Either, EitherOf6};

    let locale = crate::ui::current_locale();
    let Field {
        name,
        id,
        label,
        hint,
        kind,
        input_type,
        autocomplete,
        value,
        required,
        checked,
        empty,
        choices,
        suggest,
        many,
    } = field;
    let error_id = format!("{id}-error");
    let hint_id = hint.as_ref().map(|_| format!("{id}-hint"));
    let message = {
        let (name, error_id) = (name.clone(), error_id.clone());
        move || {
            errors.with(|e| e.get(&name).copied()).map(|e| {
                view! {
                    <p
                        class="ds-validation-message"
                        data-field="validation"
                        id=error_id.clone()
                        data-refusal=""
                    >
                        {refusal_text(locale, e, kind)}
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
            let own = errors.with(|e| e.contains_key(&name));
            describe(
                hint_id.as_deref(),
                own.then_some(error_id.as_str()),
                marks.get().then_some(form_error_id.as_str()),
            )
        }
    };
    let hint_view = hint.map(|hint| {
        view! {
            <p data-field="description" id=hint_id.clone()>
                {hint}
            </p>
        }
    });
    match kind {
        // Several lines of text: an input whose type is "textarea" (`Field::textarea`).
        FieldKind::Input if input_type == "textarea" => EitherOf6::A(Either::Left(view! {
            <div class="ds-field">
                <label class="ds-label" for=id.clone()>{label}</label>
                {hint_view}
                <textarea
                    class="ds-input"
                    id=id
                    name=name
                    rows="5"
                    required=required
                    aria-invalid=invalid
                    aria-describedby=described_by
                    inner_html=textarea_html(&value)
                ></textarea>
                {message}
            </div>
        })),
        FieldKind::Input => {
            let list_id = suggest.as_ref().map(|_| format!("{id}-people"));
            let datalist = list_id
                .clone()
                .map(|list| view! { <datalist id=list></datalist> });
            EitherOf6::A(Either::Right(view! {
                <div class="ds-field">
                    <label class="ds-label" for=id.clone()>{label}</label>
                    {hint_view}
                    <input
                        class="ds-input"
                        id=id
                        name=name
                        type=input_type
                        required=required
                        value=value
                        autocomplete=autocomplete
                        list=list_id
                        data-suggest=suggest
                        data-many=many.then_some("")
                        aria-invalid=invalid
                        aria-describedby=described_by
                    />
                    {datalist}
                    {message}
                </div>
            }))
        }
        FieldKind::Select => {
            let offered: usize = choices
                .iter()
                .map(|c| c.options.len().max(usize::from(c.options.is_empty())))
                .sum();
            let option = |(choice, label): (String, String)| {
                let is_selected = choice == value;
                view! {
                    <option value=choice selected=is_selected>
                        {label}
                    </option>
                }
            };
            let choices = choices
                .into_iter()
                .map(|choice| {
                    if choice.options.is_empty() {
                        Either::Left(option((choice.value, choice.label)))
                    } else {
                        Either::Right(view! {
                            <optgroup label=choice.label>
                                {choice.options.into_iter().map(&option).collect_view()}
                            </optgroup>
                        })
                    }
                })
                .collect_view();
            let filter = (offered > FILTER_FROM).then(|| select_filter(locale, &id, offered));
            EitherOf6::B(view! {
                {filter}
                <div class="ds-field">
                    <label class="ds-label" id=format!("{id}-label") for=id.clone()>{label}</label>
                    {hint_view}
                    <select
                        class="ds-input"
                        id=id
                        name=name
                        aria-invalid=invalid
                        aria-describedby=described_by
                    >
                        {empty.map(|label| view! { <option value="">{label}</option> })}
                        {choices}
                    </select>
                    {message}
                </div>
            })
        }
        FieldKind::Check => EitherOf6::C(view! {
            <div class="ds-field">
                <input
                    class="ds-input"
                    type="checkbox"
                    id=id.clone()
                    name=name
                    value=value
                    checked=checked
                    aria-describedby=error_id
                />
                <label class="ds-label" for=id>{label}</label>
                {message}
            </div>
        }),
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
            EitherOf6::D(view! {
                <div class="ds-field">
                    <label class="ds-label" for=id.clone()>{label}</label>
                    {hint_view}
                    <textarea
                        class="ds-input"
                        id=id
                        name=name
                        rows="8"
                        required
                        aria-describedby=describe
                        aria-invalid=move || rejected().then_some("true")
                        inner_html=textarea_html(&value)
                    ></textarea>
                </div>
            })
        }
        FieldKind::Radio => {
            let buttons = choices
                .into_iter()
                .filter(|choice| choice.options.is_empty())
                .map(|choice| {
                    let button_id = radio_id(&id, &choice.value);
                    let checked = choice.value == value;
                    view! {
                        <div class="ds-field">
                            <input
                                class="ds-input"
                                type="radio"
                                id=button_id.clone()
                                name=name.clone()
                                value=choice.value
                                checked=checked
                                aria-invalid=invalid.clone()
                                aria-describedby=described_by.clone()
                            />
                            <label class="ds-label" for=button_id>
                                {choice.label}
                            </label>
                        </div>
                    }
                })
                .collect_view();
            EitherOf6::E(view! {
                <fieldset class="ds-fieldset" id=id.clone()>
                    <legend class="ds-label">{label}</legend>
                    {hint_view}
                    {buttons}
                    {message}
                </fieldset>
            })
        }
        FieldKind::Hidden => EitherOf6::F(view! {
            <input type="hidden" name=name.clone() value=value />
            {message}
        }),
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use leptos::prelude::*;
    use scraper::{Html, Selector};

    use super::*;
    use crate::core::error::FieldError;
    use crate::ui::form::Choice;

    /// A server function of the test's own (`ui` imports no feature).
    #[server]
    async fn cast_score(score: String, note: String) -> Result<(), AppError> {
        let _ = (score, note);
        Ok(())
    }

    /// The form's server HTML after `refused` was refused: a radio group and a text field.
    fn refused(refused: &[(&str, FieldError)]) -> Html {
        let scores = Choice::options((1..=5).map(|n| (n.to_string(), n.to_string())));
        let mut spec = FormSpec::new::<CastScore>("ballot", "Lagre")
            .field(Field::radio("score", "Nyhetsverdi", scores).id("score-16"))
            .field(Field::text("note", "Merknad").id("ballot-note"))
            .field(Field::check("confirm", "Jeg har lest reglene", "yes"));
        spec.error = Some(AppError::Invalid(
            refused
                .iter()
                .map(|(name, error)| ((*name).to_string(), *error))
                .collect(),
        ));
        let html = crate::ui::form::server_html(Locale::nb, spec);
        Html::parse_fragment(&html)
    }

    fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
        let selector = Selector::parse(css).unwrap_or_else(|e| panic!("{css}: {e}"));
        html.select(&selector).collect()
    }

    /// A form with one list of `n` choices in two groups.
    fn list_of(n: usize) -> Html {
        let half = n / 2;
        let group = |name: &str, range: std::ops::Range<usize>| {
            Choice::group(
                name.to_owned(),
                range
                    .map(|i| (i.to_string(), format!("Sted {i}")))
                    .collect(),
            )
        };
        let spec = FormSpec::new::<CastScore>("site", "Lagre").field(Field::select(
            "score",
            "Tjenestested",
            vec![group("Helse", 0..half), group("Skole", half..n)],
        ));
        Html::parse_fragment(&crate::ui::form::server_html(Locale::nb, spec))
    }

    #[test]
    fn a_long_list_gets_a_filter_box_hidden_until_the_island_runs_and_a_short_one_none() {
        let html = list_of(FILTER_FROM + 1);
        let boxes = select(&html, ".select-filter[hidden] input[type=search]");
        assert_eq!(boxes.len(), 1);
        let input = boxes[0].value();
        assert_eq!(input.attr("data-filter-for"), Some("score"));
        assert_eq!(input.attr("aria-controls"), Some("score"));
        // Named apart from the list (a test or a person finding "Tjenestested" finds one
        // control), described by the list's label and the count.
        assert_eq!(
            input.attr("aria-describedby"),
            Some("score-label score-filter-count")
        );
        let label = select(&html, "label[for=score-filter]");
        assert_eq!(label[0].text().collect::<String>(), "Søk i listen");
        let named = select(&html, "#score-label");
        assert_eq!(named[0].text().collect::<String>(), "Tjenestested");
        let count = select(&html, "#score-filter-count[aria-live=polite]");
        assert_eq!(
            count[0].value().attr("data-template"),
            Some(format!("Viser {{shown}} av {}.", FILTER_FROM + 1).as_str())
        );
        assert!(select(&list_of(FILTER_FROM), ".select-filter").is_empty());
    }

    #[test]
    fn the_summary_links_each_field_to_a_control_that_takes_focus() {
        let html = refused(&[
            ("score", FieldError::Required),
            ("note", FieldError::TooLong),
        ]);
        let targets: Vec<String> = select(&html, ".ds-error-summary a")
            .iter()
            .filter_map(|a| a.value().attr("href"))
            .map(str::to_owned)
            .collect();
        // In the form's order (the score comes before the note), not the names' (issue 30).
        assert_eq!(targets, ["#score-16-1", "#ballot-note"]);
        for target in &targets {
            let found = select(&html, target);
            assert_eq!(found.len(), 1, "{target} names one element");
            assert_eq!(found[0].value().name(), "input", "{target} is a control");
        }
        assert_eq!(
            select(&html, "#score-16-1")[0].value().attr("type"),
            Some("radio")
        );
    }

    #[test]
    fn an_empty_choice_asks_the_user_to_choose() {
        let html = refused(&[
            ("score", FieldError::Required),
            ("note", FieldError::Required),
            ("confirm", FieldError::Required),
        ]);
        let beside = |id: &str| {
            select(&html, &format!("#{id}-error"))
                .first()
                .map(|p| p.text().collect::<String>())
        };
        assert_eq!(beside("score-16").as_deref(), Some("Velg et alternativ."));
        assert_eq!(beside("ballot-note").as_deref(), Some("Fyll ut feltet."));
        assert_eq!(
            beside("confirm").as_deref(),
            Some("Kryss av i boksen for å bekrefte.")
        );
        let summary: Vec<String> = select(&html, ".ds-error-summary li")
            .iter()
            .map(|li| li.text().collect())
            .collect();
        assert!(
            summary.contains(&"Nyhetsverdi: Velg et alternativ.".to_string()),
            "{summary:?}"
        );
    }
}
