//! The fund's words for a call's state, an application's stage and a conflict, and its
//! numbers as Norwegians write them, in the page's language.

use crate::core::money::Nok;
use crate::fund::domain::application::Stage;
use crate::fund::domain::call::CallState;
use crate::fund::domain::review::ConflictFlag;
use crate::i18n::*;

pub fn state_label(locale: Locale, state: CallState) -> String {
    match state {
        CallState::Upcoming => td_string!(locale, fund_state_upcoming),
        CallState::Open => td_string!(locale, fund_state_open),
        CallState::Closed => td_string!(locale, fund_state_closed),
        CallState::Decided => td_string!(locale, fund_state_decided),
    }
    .to_string()
}

pub fn stage_label(locale: Locale, stage: Stage) -> String {
    match stage {
        Stage::Draft => td_string!(locale, fund_stage_draft),
        Stage::Submitted => td_string!(locale, fund_stage_submitted),
        Stage::Granted => td_string!(locale, fund_stage_granted),
        Stage::Declined => td_string!(locale, fund_stage_declined),
    }
    .to_string()
}

pub fn conflict_label(locale: Locale, flag: ConflictFlag) -> String {
    match flag {
        ConflictFlag::Applicant => td_string!(locale, fund_conflict_applicant),
        ConflictFlag::TeamMember => td_string!(locale, fund_conflict_team),
        ConflictFlag::SameSite => td_string!(locale, fund_conflict_site),
        ConflictFlag::LineManager => td_string!(locale, fund_conflict_manager),
        ConflictFlag::ProjectMember => td_string!(locale, fund_conflict_project),
        ConflictFlag::Declared => td_string!(locale, fund_conflict_declared),
    }
    .to_string()
}

/// An amount as "12 500 kr"; none as a dash.
pub fn money(amount: Option<Nok>) -> String {
    amount.map_or_else(|| "–".to_owned(), Nok::format_nb)
}

/// A score in hundredths as "4,27"; none as a dash.
pub fn hundredths(value: Option<i64>) -> String {
    match value {
        Some(v) => format!("{},{:02}", v / 100, v % 100),
        None => "–".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn scores_are_written_with_a_decimal_comma() {
        assert_eq!(super::hundredths(Some(427)), "4,27");
        assert_eq!(super::hundredths(Some(50)), "0,50");
        assert_eq!(super::hundredths(None), "–");
    }
}
