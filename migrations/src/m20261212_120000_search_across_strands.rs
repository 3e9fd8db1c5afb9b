//! Search across the strands (issue 30, `/sok`): ideas, fund applications and prize
//! nominations get the word and literal-part indexes projects and posts have, so each strand's
//! part of a search is one index-backed query on both backends.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::text_search(manager, "ideas", &["title", "problem", "proposal"]).await?;
        crate::text_search(manager, "fund_applications", &["title", "summary"]).await?;
        crate::text_search(manager, "prize_nominations", &["title", "nominee"]).await
    }
}
