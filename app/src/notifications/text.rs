//! A notification in words, the same on `/varsler` and in its e-mail: one line that says what
//! happened (the headline), in the reader's language. The notification stores keys and names,
//! not sentences, so it reads in the language of whoever reads it.

use crate::i18n::{Locale, td_string};
use crate::notifications::domain::{GRANTED, Notification, NotificationKind};

/// What happened, in one line.
pub fn headline(locale: Locale, n: &Notification) -> String {
    let title = &n.subject;
    let detail = &n.detail;
    match (locale, n.kind) {
        (Locale::nb, NotificationKind::IdeaAssessed) => {
            format!("Ideen «{title}» er vurdert: {}", idea_status(locale, &n.status))
        }
        (Locale::en, NotificationKind::IdeaAssessed) => {
            format!("The idea “{title}” has been assessed: {}", idea_status(locale, &n.status))
        }
        (Locale::nb, NotificationKind::Nominated) => {
            format!("Du er nominert til innovasjonsprisen: «{title}»")
        }
        (Locale::en, NotificationKind::Nominated) => {
            format!("You have been nominated for the innovation prize: “{title}”")
        }
        (Locale::nb, NotificationKind::CoAuthor) => {
            format!("Du står som medforfatter av innlegget «{title}»")
        }
        (Locale::en, NotificationKind::CoAuthor) => {
            format!("You are named as a co-author of the post “{title}”")
        }
        (Locale::nb, NotificationKind::FundDecided) if n.status == GRANTED => {
            format!("Søknaden «{title}» er innvilget: {detail}")
        }
        (Locale::en, NotificationKind::FundDecided) if n.status == GRANTED => {
            format!("The application “{title}” is granted: {detail}")
        }
        (Locale::nb, NotificationKind::FundDecided) => {
            format!("Søknaden «{title}» fikk ikke tilskudd denne gangen")
        }
        (Locale::en, NotificationKind::FundDecided) => {
            format!("The application “{title}” was not granted this time")
        }
        (Locale::nb, NotificationKind::MeasurementDue) => {
            format!("Påminnelse: det er tid for å måle gevinsten {title}")
        }
        (Locale::en, NotificationKind::MeasurementDue) => {
            format!("Reminder: it is time to measure the benefit {title}")
        }
        (Locale::nb, NotificationKind::ReportDue) => {
            format!("Påminnelse: rapporten for «{title}» skal leveres innen {detail}")
        }
        (Locale::en, NotificationKind::ReportDue) => {
            format!("Reminder: the report on “{title}” is due by {detail}")
        }
        (Locale::nb, NotificationKind::JuryDeadline) => format!(
            "Påminnelse: juryen for innovasjonsprisen {title} har frist {detail}, og du har finalister igjen å gi poeng"
        ),
        (Locale::nb, NotificationKind::LupNotStarted) => format!(
            "Påminnelse: {title} har ikke startet i LUP, kommunens lederutvikling for innovasjon"
        ),
        (Locale::en, NotificationKind::LupNotStarted) => format!(
            "Reminder: {title} has not started LUP, the municipality's leader development for innovation"
        ),
        (Locale::en, NotificationKind::JuryDeadline) => format!(
            "Reminder: the jury of the innovation prize {title} closes {detail}, and you have finalists left to score"
        ),
    }
}

/// Whether the notification's `detail` is a text of its own to show under the headline (a
/// decision's reason, a nominee's name, a writer's name); the other kinds put it in the
/// headline.
pub fn detail_shown_apart(kind: NotificationKind) -> bool {
    matches!(
        kind,
        NotificationKind::IdeaAssessed | NotificationKind::Nominated | NotificationKind::CoAuthor
    )
}

/// An idea's status in the reader's words: the portfolio's translation keys, named here so
/// that this feature does not import the portfolio that writes to it.
fn idea_status(locale: Locale, status: &str) -> String {
    match status {
        "submitted" => td_string!(locale, status_submitted),
        "under_assessment" => td_string!(locale, status_under_assessment),
        "accepted" => td_string!(locale, status_accepted),
        "parked" => td_string!(locale, status_parked),
        "declined" => td_string!(locale, status_declined),
        _ => "",
    }
    .to_string()
}

/// The kind as a person chooses it on the e-mail settings.
pub fn kind_label(locale: Locale, kind: NotificationKind) -> String {
    match kind {
        NotificationKind::IdeaAssessed => td_string!(locale, mail_kind_idea_assessed),
        NotificationKind::FundDecided => td_string!(locale, mail_kind_fund_decided),
        NotificationKind::Nominated => td_string!(locale, mail_kind_nominated),
        NotificationKind::CoAuthor => td_string!(locale, mail_kind_co_author),
        NotificationKind::JuryDeadline => td_string!(locale, mail_kind_jury_deadline),
        NotificationKind::ReportDue => td_string!(locale, mail_kind_report_due),
        NotificationKind::MeasurementDue => td_string!(locale, mail_kind_measurement_due),
        NotificationKind::LupNotStarted => td_string!(locale, mail_kind_lup_not_started),
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(kind: NotificationKind, status: &str, detail: &str) -> Notification {
        Notification {
            id: 1,
            kind,
            subject: "Lån ut el-sykler".into(),
            status: status.into(),
            detail: detail.into(),
            link: "/ideer/1".into(),
            created_at: time::OffsetDateTime::UNIX_EPOCH,
            read: false,
        }
    }

    #[test]
    fn a_headline_names_the_thing_and_what_happened_in_the_readers_language() {
        let granted = note(NotificationKind::FundDecided, GRANTED, "250 000 kr");
        assert_eq!(
            headline(Locale::nb, &granted),
            "Søknaden «Lån ut el-sykler» er innvilget: 250 000 kr"
        );
        assert_eq!(
            headline(Locale::en, &granted),
            "The application “Lån ut el-sykler” is granted: 250 000 kr"
        );
        let declined = note(NotificationKind::FundDecided, "declined", "");
        assert!(headline(Locale::nb, &declined).contains("fikk ikke tilskudd"));
        let report = note(NotificationKind::ReportDue, "", "31.03.2027");
        assert!(headline(Locale::nb, &report).ends_with("innen 31.03.2027"));
    }

    #[test]
    fn every_kind_has_a_label_in_both_languages() {
        for kind in NotificationKind::ALL {
            assert!(!kind_label(Locale::nb, kind).is_empty());
            assert_ne!(kind_label(Locale::nb, kind), kind_label(Locale::en, kind));
        }
    }
}
