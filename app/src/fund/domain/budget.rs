//! The fund's money rules (DESIGN §6): a recommendation never above the amount asked, never
//! without the line's anchoring, never taking the round over its budget; the rounds of a
//! track within the track's budget for the year; and the yearly overview per track.

use serde::{Deserialize, Serialize};

use crate::core::error::FieldError;
use crate::core::money::Nok;

pub const MAX_JUSTIFICATION_CHARS: usize = 4_000;
pub const MAX_CASE_NUMBER_CHARS: usize = 100;

/// What the council's recommendation for one application is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecommendationCheck {
    /// The amount to recommend (0: not recommended).
    pub amount: Nok,
    pub requested: Nok,
    /// Whether the line manager has confirmed the anchoring.
    pub anchored: bool,
    pub round_budget: Nok,
    /// What the council has recommended for the round's other applications.
    pub others: Nok,
}

impl RecommendationCheck {
    /// Whether the recommendation may stand (DESIGN §6: the system refuses an amount above
    /// the requested and any total above the round's budget). Recommending nothing is
    /// always allowed.
    pub fn check(&self) -> Result<(), FieldError> {
        if self.amount.0 == 0 {
            return Ok(());
        }
        if self.amount > self.requested {
            return Err(FieldError::AboveRequested);
        }
        if !self.anchored {
            return Err(FieldError::NotAnchored);
        }
        if self.others.saturating_add(self.amount) > self.round_budget {
            return Err(FieldError::OverBudget);
        }
        Ok(())
    }
}

/// The council's recommendation as typed or sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendationForm {
    /// Whole kroner; 0: not recommended.
    pub amount: String,
    pub justification: String,
}

crate::parsed_input!(RecommendationForm);

/// The decision as typed or sent: the case number in the municipality's archive, if any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionForm {
    pub case_number: Option<String>,
}

crate::parsed_input!(DecisionForm);

/// Whether a round's budget fits in its track's budget for the year beside the track's other
/// rounds that year.
pub fn round_fits_track(track_budget: Nok, other_rounds: Nok, round: Nok) -> Result<(), FieldError> {
    if other_rounds.saturating_add(round) > track_budget {
        Err(FieldError::OverTrackBudget)
    } else {
        Ok(())
    }
}

/// One track's year (DESIGN §6's yearly overview).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackYear {
    pub budget: Nok,
    /// Recommended in rounds not yet decided.
    pub recommended: Nok,
    /// Granted by decisions.
    pub granted: Nok,
    pub paid: Nok,
    /// Unused money paid back to the fund.
    pub returned: Nok,
}

impl TrackYear {
    /// What is left to recommend: the budget less what is granted and what is recommended
    /// but not yet decided, with returned money back in the fund.
    pub fn remaining(&self) -> Nok {
        Nok(self.budget.0 - self.granted.0 - self.recommended.0 + self.returned.0)
    }

    /// The sum of two tracks' years (the fund's total row).
    pub fn plus(self, other: TrackYear) -> TrackYear {
        TrackYear {
            budget: self.budget.saturating_add(other.budget),
            recommended: self.recommended.saturating_add(other.recommended),
            granted: self.granted.saturating_add(other.granted),
            paid: self.paid.saturating_add(other.paid),
            returned: self.returned.saturating_add(other.returned),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(amount: i64, others: i64) -> RecommendationCheck {
        RecommendationCheck {
            amount: Nok(amount),
            requested: Nok(300_000),
            anchored: true,
            round_budget: Nok(1_000_000),
            others: Nok(others),
        }
    }

    #[test]
    fn a_recommendation_stays_within_the_request_and_the_round() {
        assert_eq!(check(300_000, 700_000).check(), Ok(()));
        assert_eq!(check(1, 999_999).check(), Ok(()));
        assert_eq!(
            check(300_001, 0).check(),
            Err(FieldError::AboveRequested)
        );
        assert_eq!(check(2, 999_999).check(), Err(FieldError::OverBudget));
        assert_eq!(check(0, 5_000_000).check(), Ok(()), "nothing is always allowed");
        let unanchored = RecommendationCheck {
            anchored: false,
            ..check(100, 0)
        };
        assert_eq!(unanchored.check(), Err(FieldError::NotAnchored));
        assert_eq!(
            RecommendationCheck {
                amount: Nok(0),
                ..unanchored
            }
            .check(),
            Ok(())
        );
    }

    #[test]
    fn the_rounds_of_a_year_share_the_track_budget() {
        assert_eq!(round_fits_track(Nok(4_000_000), Nok(2_000_000), Nok(2_000_000)), Ok(()));
        assert_eq!(
            round_fits_track(Nok(4_000_000), Nok(2_000_000), Nok(2_000_001)),
            Err(FieldError::OverTrackBudget)
        );
    }

    #[test]
    fn what_remains_counts_grants_pending_recommendations_and_returned_money() {
        let year = TrackYear {
            budget: Nok(5_000_000),
            recommended: Nok(400_000),
            granted: Nok(3_000_000),
            paid: Nok(2_000_000),
            returned: Nok(150_000),
        };
        assert_eq!(year.remaining(), Nok(1_750_000));
        let total = year.plus(TrackYear {
            budget: Nok(1_000_000),
            ..Default::default()
        });
        assert_eq!(total.budget, Nok(6_000_000));
        assert_eq!(total.remaining(), Nok(2_750_000));
    }
}
