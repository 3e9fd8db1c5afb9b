//! The portfolio's words for its kinds and states, in the page's language.

use crate::i18n::*;
use crate::portfolio::domain::benefit::BenefitKind;
use crate::portfolio::domain::idea::IdeaStatus;
use crate::portfolio::domain::project::PartnerKind;

pub fn kind_label(locale: Locale, kind: BenefitKind) -> String {
    match kind {
        BenefitKind::Economic => td_string!(locale, kind_economic),
        BenefitKind::Hours => td_string!(locale, kind_hours),
        BenefitKind::Quality => td_string!(locale, kind_quality),
        BenefitKind::Climate => td_string!(locale, kind_climate),
        BenefitKind::Other => td_string!(locale, kind_other),
    }
    .to_string()
}

pub fn status_label(locale: Locale, status: IdeaStatus) -> String {
    match status {
        IdeaStatus::Submitted => td_string!(locale, status_submitted),
        IdeaStatus::UnderAssessment => td_string!(locale, status_under_assessment),
        IdeaStatus::Accepted => td_string!(locale, status_accepted),
        IdeaStatus::Parked => td_string!(locale, status_parked),
        IdeaStatus::Declined => td_string!(locale, status_declined),
    }
    .to_string()
}

pub fn partner_label(locale: Locale, kind: PartnerKind) -> String {
    match kind {
        PartnerKind::Municipality => td_string!(locale, partner_municipality),
        PartnerKind::Research => td_string!(locale, partner_research),
        PartnerKind::Business => td_string!(locale, partner_business),
        PartnerKind::SocialEntrepreneur => td_string!(locale, partner_social_entrepreneur),
        PartnerKind::Volunteer => td_string!(locale, partner_volunteer),
    }
    .to_string()
}

/// A whole number with thin groups of thousands ("250 000"), in the unit's words.
pub fn number(value: i64) -> String {
    crate::core::money::group_thousands(value)
}

/// Kroner: "250 000 kr".
pub fn kroner(value: i64) -> String {
    crate::core::money::Nok(value).format_nb()
}
