use leptos::prelude::*;

use crate::core::error::{FieldError, FieldErrors};
use crate::i18n::*;

/// The message for a refused field, in `locale` (also used outside a page: API problems,
/// CSV row reports).
pub fn field_message(locale: Locale, error: FieldError) -> String {
    let text = match error {
        FieldError::Required => td_string!(locale, field_required),
        FieldError::TooLong => td_string!(locale, field_too_long),
        FieldError::Taken => td_string!(locale, field_taken),
        FieldError::UnknownReference => td_string!(locale, field_unknown_reference),
        FieldError::EndBeforeStart => td_string!(locale, field_end_before_start),
        FieldError::InvalidEmail => td_string!(locale, field_invalid_email),
        FieldError::PasswordTooShort => td_string!(locale, field_password_too_short),
        FieldError::PasswordTooCommon => td_string!(locale, field_password_too_common),
        FieldError::UnknownRole => td_string!(locale, field_unknown_role),
        FieldError::ManagerNeedsScope => td_string!(locale, field_manager_needs_scope),
        FieldError::ScopeNotAllowed => td_string!(locale, field_scope_not_allowed),
        FieldError::OwnAccount => td_string!(locale, field_own_account),
        FieldError::TooMany => td_string!(locale, field_too_many),
        FieldError::WrongPassword => td_string!(locale, field_wrong_password),
        FieldError::InvalidDate => td_string!(locale, field_invalid_date),
        FieldError::InvalidNumber => td_string!(locale, field_invalid_number),
        FieldError::OutOfRange => td_string!(locale, field_out_of_range),
        FieldError::DateOutOfRange => td_string!(locale, field_date_out_of_range),
        FieldError::ForbiddenCharacters => td_string!(locale, field_forbidden_characters),
        FieldError::OwnIdea => td_string!(locale, field_own_idea),
        FieldError::IllegalTransition => td_string!(locale, field_illegal_transition),
        FieldError::InvalidChoice => td_string!(locale, field_invalid_choice),
        FieldError::InvalidCsv => td_string!(locale, field_invalid_csv),
        FieldError::DuplicateInFile => td_string!(locale, field_duplicate_in_file),
        FieldError::ProjectOwner => td_string!(locale, field_project_owner),
        FieldError::LeadSite => td_string!(locale, field_lead_site),
        FieldError::UnknownUser => td_string!(locale, field_unknown_user),
        FieldError::AmbiguousName => td_string!(locale, field_ambiguous_name),
        FieldError::DateInFuture => td_string!(locale, field_date_in_future),
        FieldError::BeforeCohortStart => td_string!(locale, field_before_cohort_start),
        FieldError::SiteClosed => td_string!(locale, field_site_closed),
        FieldError::SiteNotOpen => td_string!(locale, field_site_not_open),
        FieldError::AttendanceTooLow => td_string!(locale, field_attendance_too_low),
        FieldError::OutsideCohort => td_string!(locale, field_outside_cohort),
        FieldError::OtherSite => td_string!(locale, field_other_site),
        FieldError::CohortFull => td_string!(locale, field_cohort_full),
        FieldError::InvalidLink => td_string!(locale, field_invalid_link),
        FieldError::NominationsClosed => td_string!(locale, field_nominations_closed),
        FieldError::NominationsOpen => td_string!(locale, field_nominations_open),
        FieldError::JuryClosed => td_string!(locale, field_jury_closed),
        FieldError::JuryOpen => td_string!(locale, field_jury_open),
        FieldError::NotFinalist => td_string!(locale, field_not_finalist),
        FieldError::BallotsCast => td_string!(locale, field_ballots_cast),
        FieldError::AlreadyPublished => td_string!(locale, field_already_published),
        FieldError::NotConfirmed => td_string!(locale, field_not_confirmed),
        FieldError::FutureDate => td_string!(locale, field_future_date),
        FieldError::NotAGoal => td_string!(locale, field_not_a_goal),
        FieldError::NotAPersonName => td_string!(locale, field_not_a_person_name),
        FieldError::PeoplesChoiceOff => td_string!(locale, field_peoples_choice_off),
        FieldError::DatePassed => td_string!(locale, field_date_passed),
        FieldError::ChangedMeanwhile => td_string!(locale, field_changed_meanwhile),
        FieldError::OwnIdeaAssessment => td_string!(locale, field_own_idea_assessment),
        FieldError::OneOfTwo => td_string!(locale, field_one_of_two),
        FieldError::WrongType => td_string!(locale, field_wrong_type),
        FieldError::AboveCallMaximum => td_string!(locale, field_above_call_maximum),
        FieldError::BudgetLinesSum => td_string!(locale, field_budget_lines_sum),
        FieldError::AboveRequested => td_string!(locale, field_above_requested),
        FieldError::NotAnchored => td_string!(locale, field_not_anchored),
        FieldError::OverBudget => td_string!(locale, field_over_budget),
        FieldError::OverTrackBudget => td_string!(locale, field_over_track_budget),
        FieldError::BelowRecommended => td_string!(locale, field_below_recommended),
        FieldError::CallNotOpen => td_string!(locale, field_call_not_open),
        FieldError::CallClosed => td_string!(locale, field_call_closed),
        FieldError::CallOpen => td_string!(locale, field_call_open),
        FieldError::AlreadySubmitted => td_string!(locale, field_already_submitted),
        FieldError::AlreadyDecided => td_string!(locale, field_already_decided),
        FieldError::NotAReviewer => td_string!(locale, field_not_a_reviewer),
        FieldError::NotGranted => td_string!(locale, field_not_granted),
        FieldError::MoreThanPaid => td_string!(locale, field_more_than_paid),
        FieldError::NotDeclined => td_string!(locale, field_not_declined),
        FieldError::NotSubmitted => td_string!(locale, field_not_submitted),
        FieldError::NotYourProject => td_string!(locale, field_not_your_project),
        FieldError::AboveGranted => td_string!(locale, field_above_granted),
        FieldError::BelowRounds => td_string!(locale, field_below_rounds),
        FieldError::AboveRoundBudget => td_string!(locale, field_above_round_budget),
        FieldError::GuidanceNotAsked => td_string!(locale, field_guidance_not_asked),
        FieldError::NotPublished => td_string!(locale, field_not_published),
        FieldError::NotAnImage => td_string!(locale, field_not_an_image),
        FieldError::ImageTooLarge => td_string!(locale, field_image_too_large),
    };
    text.to_string()
}

/// The message under a form field that the server refused, tied to the input by its id
/// (`{field}-error`, for `aria-describedby`).
#[component]
pub fn FieldErrorText(
    errors: Signal<FieldErrors>,
    field: &'static str,
    /// The input's id when it differs from the field name (two forms on one page).
    #[prop(optional)]
    id: Option<&'static str>,
) -> impl IntoView {
    let locale = crate::ui::current_locale();
    let id = id.unwrap_or(field);
    move || {
        errors.with(|e| e.get(field).copied()).map(|error| {
            let text = field_message(locale, error);
            view! {
                <p class="ds-validation-message" data-field="validation" id=format!("{id}-error")>
                    {text}
                </p>
            }
        })
    }
}

/// `aria-invalid` for an input: "true" when the server refused it.
pub fn invalid_attr(
    errors: Signal<FieldErrors>,
    field: &'static str,
) -> impl Fn() -> Option<&'static str> {
    move || errors.with(|e| e.contains_key(field)).then_some("true")
}

/// `aria-describedby` for an input: its hint, and its error message when there is one.
pub fn described_by(
    errors: Signal<FieldErrors>,
    field: &'static str,
    hint: Option<String>,
) -> impl Fn() -> Option<String> {
    described_by_as(errors, field, field, hint)
}

/// [`described_by`] for an input whose id differs from its field name.
pub fn described_by_as(
    errors: Signal<FieldErrors>,
    field: &'static str,
    id: &'static str,
    hint: Option<String>,
) -> impl Fn() -> Option<String> {
    move || {
        let error = errors
            .with(|e| e.contains_key(field))
            .then(|| format!("{id}-error"));
        let parts: Vec<String> = hint.clone().into_iter().chain(error).collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }
}

/// The refused fields of a server action's last answer (Invalid or Conflict), else none.
pub fn action_errors<I, O>(action: ServerAction<I>) -> Signal<FieldErrors>
where
    I: leptos::server_fn::ServerFn<Output = O, Error = crate::core::error::AppError>
        + Clone
        + Send
        + Sync
        + 'static,
    O: Clone + Send + Sync + 'static,
{
    Signal::derive(move || match action.value().get() {
        Some(Err(
            crate::core::error::AppError::Invalid(e) | crate::core::error::AppError::Conflict(e),
        )) => e,
        _ => FieldErrors::new(),
    })
}
