//! The prize's words for its phases, recusals and tie-breaks, and its numbers as Norwegians
//! write them, in the page's language.

use crate::i18n::*;
use crate::prize::domain::ballot::Recusal;
use crate::prize::domain::tally::TieBreak;
use crate::prize::domain::year::Phase;

pub fn phase_label(locale: Locale, phase: Phase) -> String {
    match phase {
        Phase::Upcoming => td_string!(locale, prize_phase_upcoming),
        Phase::Nominating => td_string!(locale, prize_phase_nominating),
        Phase::Judging => td_string!(locale, prize_phase_judging),
        Phase::Sealed => td_string!(locale, prize_phase_sealed),
        Phase::Published => td_string!(locale, prize_phase_published),
    }
    .to_string()
}

pub fn recusal_label(locale: Locale, recusal: Recusal) -> String {
    match recusal {
        Recusal::Nominator => td_string!(locale, prize_recused_nominator),
        Recusal::Nominee => td_string!(locale, prize_recused_nominee),
        Recusal::ProjectMember => td_string!(locale, prize_recused_project),
        Recusal::SameSite => td_string!(locale, prize_recused_site),
        Recusal::Declared => td_string!(locale, prize_recused_declared),
    }
    .to_string()
}

pub fn tie_break_label(locale: Locale, tie: TieBreak) -> String {
    match tie {
        TieBreak::None => String::new(),
        TieBreak::FirstPlaces => td_string!(locale, prize_tie_first_places).to_string(),
        TieBreak::Chair => td_string!(locale, prize_tie_chair).to_string(),
        TieBreak::Shared => td_string!(locale, prize_tie_shared).to_string(),
    }
}

/// A score in hundredths as "4,27"; none as a dash.
pub fn score_text(hundredths: Option<i64>) -> String {
    match hundredths {
        Some(h) => format!("{},{:02}", h / 100, h % 100),
        None => "–".to_owned(),
    }
}

/// A nominee as shown: the name, marked for employees when the colleague declined to be shown
/// publicly; for readers outside the municipality (who get no name then) a note saying so.
pub fn nominee_text(locale: Locale, nominee: &str, shown_publicly: bool) -> String {
    if nominee.is_empty() {
        td_string!(locale, prize_nominee_not_shown).to_string()
    } else if shown_publicly {
        nominee.to_owned()
    } else {
        format!("{nominee} ({})", td_string!(locale, prize_nominee_not_public))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn scores_are_written_with_a_decimal_comma() {
        assert_eq!(super::score_text(Some(427)), "4,27");
        assert_eq!(super::score_text(Some(500)), "5,00");
        assert_eq!(super::score_text(Some(105)), "1,05");
        assert_eq!(super::score_text(None), "–");
    }
}

