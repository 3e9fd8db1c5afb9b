//! The tables the fund owns (sea-orm entities: the database shape). No other feature reads
//! them.

pub mod fund_answer;
pub mod fund_application;
pub mod fund_budget_line;
pub mod fund_call;
pub mod fund_call_reviewer;
pub mod fund_criterion;
pub mod fund_payment;
pub mod fund_report;
pub mod fund_review;
pub mod fund_review_score;
pub mod fund_team_member;
pub mod fund_track;
pub mod fund_track_budget;
