//! The follow-up of a grant (DESIGN §6): the interim and the final report with their due
//! dates, payments to the project and unused money returned to the fund.

use serde::{Deserialize, Serialize};
use time::Date;

pub const MAX_REPORT_CHARS: usize = 10_000;
pub const MAX_NOTE_CHARS: usize = 200;

/// A payment or a return as typed or sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentForm {
    /// `payment` or `returned`.
    pub kind: String,
    pub amount: String,
    /// `YYYY-MM-DD`.
    pub paid_on: String,
    pub note: String,
}

crate::parsed_input!(PaymentForm);

/// Months after the decision the interim and the final report are due.
pub const INTERIM_REPORT_MONTHS: u8 = 6;
pub const FINAL_REPORT_MONTHS: u8 = 12;

/// A report a grant owes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    Interim,
    Final,
}

impl ReportKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReportKind::Interim => "interim",
            ReportKind::Final => "final",
        }
    }

    /// Months after the decision it is due.
    pub fn months_after_decision(self) -> u8 {
        match self {
            ReportKind::Interim => INTERIM_REPORT_MONTHS,
            ReportKind::Final => FINAL_REPORT_MONTHS,
        }
    }
}

/// Money moving for a grant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentKind {
    /// Paid out to the project.
    Payment,
    /// Unused money paid back to the fund (DESIGN §6).
    Returned,
}

impl PaymentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentKind::Payment => "payment",
            PaymentKind::Returned => "returned",
        }
    }

    pub fn parse(raw: &str) -> Option<PaymentKind> {
        [PaymentKind::Payment, PaymentKind::Returned]
            .into_iter()
            .find(|k| k.as_str() == raw)
    }
}

/// The same day `months` later (the month's last day where it is shorter).
pub fn months_after(date: Date, months: u8) -> Date {
    let total = i32::from(u8::from(date.month())) - 1 + i32::from(months);
    let year = date.year() + total / 12;
    let month = time::Month::try_from(u8::try_from(total % 12 + 1).unwrap_or(1))
        .unwrap_or(time::Month::January);
    let last = time::util::days_in_month(month, year);
    Date::from_calendar_date(year, month, date.day().min(last)).unwrap_or(date)
}

/// Whether a report due on `due_on` and not submitted is overdue on `today`.
pub fn overdue(due_on: Date, submitted: bool, today: Date) -> bool {
    !submitted && due_on < today
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn reports_fall_due_months_later_on_the_same_day_or_the_month_end() {
        assert_eq!(months_after(date!(2027 - 05 - 10), 6), date!(2027 - 11 - 10));
        assert_eq!(months_after(date!(2027 - 08 - 31), 6), date!(2028 - 02 - 29));
        assert_eq!(months_after(date!(2027 - 12 - 01), 12), date!(2028 - 12 - 01));
        assert_eq!(months_after(date!(2027 - 01 - 31), 1), date!(2027 - 02 - 28));
    }

    #[test]
    fn a_report_is_overdue_the_day_after_it_was_due_unless_it_came() {
        let due = date!(2027 - 06 - 30);
        assert!(!overdue(due, false, date!(2027 - 06 - 30)));
        assert!(overdue(due, false, date!(2027 - 07 - 01)));
        assert!(!overdue(due, true, date!(2027 - 12 - 01)));
        assert_eq!(PaymentKind::parse("returned"), Some(PaymentKind::Returned));
        assert_eq!(PaymentKind::parse("gift"), None);
    }
}
