//! What the prize's pages and API show, as the service builds it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

pub use crate::core::named::Named;
use crate::prize::domain::ballot::Recusal;
use crate::prize::domain::nomination::NominationStatus;
use crate::prize::domain::tally::TieBreak;
use crate::prize::domain::year::Phase;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearRow {
    pub id: i32,
    pub year: i32,
    pub nominations_open: OffsetDateTime,
    pub nominations_close: OffsetDateTime,
    pub jury_deadline: OffsetDateTime,
    pub award_on: Date,
    pub peoples_choice: bool,
    pub published_at: Option<OffsetDateTime>,
    pub phase: Phase,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionView {
    pub id: i32,
    pub name: String,
    pub weight: u16,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryView {
    pub id: i32,
    pub year_id: i32,
    pub name: String,
    pub criteria: Vec<CriterionView>,
    pub jury: Vec<Named>,
    pub chair: Named,
    pub nominations: u32,
    pub finalists: u32,
}

/// A year with its categories, and what the acting user may do with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearView {
    pub row: YearRow,
    pub categories: Vec<CategoryView>,
    /// The prize committee (or an admin) is looking.
    pub manages: bool,
    /// A reader outside the municipality (not signed in): a published year only, without its
    /// jury, and nothing that leads to the employees' pages.
    pub public: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NominationRow {
    pub id: i32,
    pub year_id: i32,
    pub year: i32,
    pub category: Named,
    pub title: String,
    /// The nominee as the nominator wrote them; empty for a reader outside the municipality
    /// when the named colleague declined to be shown publicly (`shown_publicly`).
    pub nominee: String,
    /// The named colleague has not declined to be shown publicly (DESIGN §7).
    pub shown_publicly: bool,
    pub site: Named,
    pub sector: Named,
    pub project: Option<Named>,
    pub nominator: Named,
    pub status: NominationStatus,
    pub finalist: bool,
    pub statement: Option<String>,
    pub created_at: OffsetDateTime,
}

/// A juror's view of a finalist: whether they are recused, and their own ballot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JurorPanel {
    pub recusal: Option<Recusal>,
    pub ballot: Option<BallotView>,
    /// Ballots can still be saved (before the jury's deadline).
    pub open: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotView {
    pub scores: BTreeMap<i32, u8>,
    pub comment: Option<String>,
    pub updated_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NominationView {
    pub row: NominationRow,
    pub nominee_user: Option<Named>,
    /// The named colleague's address, for the nominator's edit form only (none otherwise).
    pub nominee_email: Option<String>,
    pub links: Vec<String>,
    /// The category's criteria (what a ballot scores).
    pub criteria: Vec<CriterionView>,
    pub justification: Vec<(CriterionView, String)>,
    pub phase: Phase,
    /// The acting user nominated it and the window is open: they may change or withdraw it.
    pub editable: bool,
    /// Set when the acting user is on the category's jury and it is a finalist.
    pub juror: Option<JurorPanel>,
    /// The people's choice is open for it and the acting user's vote, if it is for it.
    pub people_vote: Option<bool>,
    /// The acting user is the colleague it names: they may decline to be shown publicly.
    pub names_reader: bool,
    /// A reader outside the municipality: a published finalist, without who nominated it or
    /// links to the employees' pages.
    pub public: bool,
}

/// How far each juror of a category has come: who has voted, never what (issue 14).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JurorProgress {
    pub juror: Named,
    pub chair: bool,
    pub scored: u32,
    pub recused: u32,
    pub finalists: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinalistResult {
    pub nomination_id: i32,
    pub title: String,
    /// Empty for a reader outside the municipality when the named colleague declined to be
    /// shown publicly (`shown_publicly`).
    pub nominee: String,
    pub shown_publicly: bool,
    pub site: Named,
    pub statement: Option<String>,
    pub place: u32,
    /// The score in hundredths (4.27 → 427); none when no juror could score it.
    pub score: Option<i64>,
    /// Mean per criterion in hundredths, in the order of the category's criteria.
    pub criterion_means: Vec<Option<i64>>,
    pub jurors_counted: u32,
    pub first_places: u32,
    pub tie_break: TieBreak,
    /// People's choice votes, when the year has it.
    pub people_votes: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryResult {
    pub category: Named,
    pub criteria: Vec<CriterionView>,
    /// Best first.
    pub finalists: Vec<FinalistResult>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearResults {
    pub year: YearRow,
    pub categories: Vec<CategoryResult>,
    /// The committee's preview before publication.
    pub preview: bool,
}

/// The gallery's filters (all optional).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GalleryFilter {
    pub year_id: Option<i32>,
    pub category_id: Option<i32>,
    pub sector_id: Option<i32>,
    pub site_id: Option<i32>,
    pub finalists_only: bool,
}

/// `/pris` (issue 25: a page asks once): every year, and whether the reader may add one.
#[derive(Debug, Clone)]
pub struct YearsPage {
    pub years: Vec<YearRow>,
    pub manages: bool,
    /// A reader outside the municipality: published years only.
    pub public: bool,
}

/// A category's page: the category with its year, its nominations, the jury's progress
/// (the committee only) and whether the reader chairs its jury.
#[derive(Debug, Clone)]
pub struct CategoryPage {
    pub year: YearView,
    pub category: CategoryView,
    pub nominations: Vec<NominationRow>,
    pub progress: Option<Vec<JurorProgress>>,
    pub chair: bool,
    /// For the committee: the finalists fewer than `ballot::MIN_ELIGIBLE_JURORS` jurors may
    /// score (the others recused), each with how many may.
    pub thin_juries: Vec<(Named, u32)>,
}

/// The nomination form of a category.
#[derive(Debug, Clone)]
pub struct NominatePage {
    pub year: YearView,
    pub category: CategoryView,
    pub organisation: Vec<crate::org::domain::SectorWithSites>,
}

/// A nomination's page; `edit` holds its category and the organisation while its
/// nominator may still change it.
#[derive(Debug, Clone)]
pub struct NominationPage {
    pub nomination: NominationView,
    pub edit: Option<(CategoryView, Vec<crate::org::domain::SectorWithSites>)>,
}

/// The gallery: the nominations the filter picks and the filter's choices.
#[derive(Debug, Clone)]
pub struct GalleryPage {
    pub nominations: Vec<NominationRow>,
    pub years: Vec<YearRow>,
    pub categories: Vec<CategoryView>,
    pub organisation: Vec<crate::org::domain::SectorWithSites>,
}

/// What the results page (and the ceremony) shows: the results, or why they are not shown
/// yet to an employee who may not see them (issue 30: the real reason, not a bare 403).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResultsPage {
    Open(YearResults),
    /// Sealed: the year's dates say until when; `manages` tells the committee its preview
    /// opens at the jury's deadline.
    Sealed { year: YearRow, manages: bool },
}
