//! The tables the prize owns (sea-orm entities: the database shape). No other feature reads
//! them.

pub mod prize_ballot;
pub mod prize_category;
pub mod prize_chair_choice;
pub mod prize_conflict;
pub mod prize_criterion;
pub mod prize_juror;
pub mod prize_justification;
pub mod prize_nomination;
pub mod prize_people_vote;
pub mod prize_recusal;
pub mod prize_score;
pub mod prize_year;
