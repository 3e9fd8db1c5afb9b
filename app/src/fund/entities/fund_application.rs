use sea_orm::entity::prelude::*;

/// An application to a call, with the council's recommendation.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "fund_applications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub call_id: i32,
    pub applicant_id: i32,
    pub title: String,
    pub summary: Option<String>,
    pub site_id: Option<i32>,
    pub project_id: Option<i32>,
    pub amount_nok: Option<i64>,
    pub own_contribution_nok: i64,
    pub co_funding_nok: i64,
    pub submitted_at: Option<time::OffsetDateTime>,
    pub anchored_by: Option<i32>,
    pub anchored_at: Option<time::OffsetDateTime>,
    pub recommended_nok: Option<i64>,
    pub justification: Option<String>,
    pub recommended_by: Option<i32>,
    pub recommended_at: Option<time::OffsetDateTime>,
    pub guidance_requested_at: Option<time::OffsetDateTime>,
    pub guidance_given_at: Option<time::OffsetDateTime>,
    pub closed_at: Option<time::OffsetDateTime>,
    pub created_at: time::OffsetDateTime,
    pub updated_at: time::OffsetDateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
