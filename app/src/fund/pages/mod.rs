//! The fund's pages (DESIGN §6): the front page with the open calls and one's applications,
//! a call, the application form, an application with its review, anchoring and outcome, the
//! council's ranking and recommendation, and the administrators' yearly overview.

mod application;
mod apply;
mod call;
mod front;
mod labels;
mod ranking;

pub use application::{ApplicationPage, DecisionLetterPage};
pub use apply::{ApplyPage, EditApplicationPage};
pub use call::{CallPage, NewCallPage};
pub use front::{FundPage, OverviewPage};
pub use ranking::RankingPage;
