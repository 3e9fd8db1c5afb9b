//! The prize's pure rules (DESIGN §7): the year's dates and phase, categories and criteria,
//! nominations, ballots and recusal, and the tally. No I/O; the time comes in.

pub mod ballot;
pub mod category;
pub mod nomination;
pub mod permission;
pub mod tally;
pub mod view;
pub mod year;
