//! The models of the prize's pages (issue 25: a page asks once): each page's loader makes
//! one call here, which checks the reader may see the prize and reads everything the page
//! shows, the organisation for its selects included.

use sea_orm::DatabaseConnection;
use time::OffsetDateTime;

use super::years::categories_of;
use super::{find_category, find_year, year_row};
use crate::auth::{Actor, authorize};
use crate::core::error::AppError;
use crate::org::directory::Directory;
use crate::prize::domain::permission::PrizeAction;
use crate::prize::domain::ballot::thin_juries;
use crate::prize::domain::view::{
    CategoryPage, CategoryView, GalleryFilter, GalleryPage, Named, NominatePage, NominationPage,
    ResultsPage, YearView, YearsPage,
};

/// `/pris`: every year, and whether the reader may add one.
pub async fn years_page(
    db: &DatabaseConnection,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<YearsPage, AppError> {
    Ok(YearsPage {
        years: super::list_years(db, actor, now).await?,
        manages: authorize(actor, PrizeAction::Manage).is_ok(),
        public: authorize(actor, PrizeAction::View).is_err(),
    })
}

/// A category with its year (every category of it, for the year's links).
async fn category_with_year(
    db: &DatabaseConnection,
    actor: &Actor,
    category_id: i32,
    now: OffsetDateTime,
) -> Result<(YearView, CategoryView), AppError> {
    authorize(actor, PrizeAction::View)?;
    let (_, year) = find_category(db, category_id).await?;
    let categories = categories_of(db, year.id).await?;
    let category = categories
        .iter()
        .find(|c| c.id == category_id)
        .cloned()
        .ok_or(AppError::NotFound)?;
    Ok((
        YearView {
            row: year_row(&year, now),
            categories,
            manages: authorize(actor, PrizeAction::Manage).is_ok(),
            public: false,
        },
        category,
    ))
}

/// `/pris/kategori/{id}`: a category, its nominations, the jury's progress for the
/// committee, and whether the reader chairs its jury.
pub async fn category_page(
    db: &DatabaseConnection,
    actor: &Actor,
    category_id: i32,
    now: OffsetDateTime,
) -> Result<CategoryPage, AppError> {
    let (year, category) = category_with_year(db, actor, category_id, now).await?;
    let filter = GalleryFilter {
        category_id: Some(category_id),
        ..Default::default()
    };
    let nominations = super::list_nominations(db, actor, &filter).await?;
    let (progress, thin_juries) = if year.manages {
        let thin = thin_juries_of(db, &category).await?;
        (Some(super::ballot_progress(db, actor, category_id).await?), thin)
    } else {
        (None, Vec::new())
    };
    let chair = actor.user_id() == Some(category.chair.id);
    Ok(CategoryPage {
        year,
        category,
        nominations,
        progress,
        chair,
        thin_juries,
    })
}

/// The category's finalists fewer than two of its jurors may score (the committee's warning
/// after shortlisting, issue 30): the recusals as the tally reads them.
async fn thin_juries_of(
    db: &DatabaseConnection,
    category: &CategoryView,
) -> Result<Vec<(Named, u32)>, AppError> {
    let finalists = super::ballots::finalists_in(db, &[category.id]).await?;
    let jurors: Vec<i32> = category.jury.iter().map(|j| j.id).collect();
    let recused = super::gallery::recused_pairs(db, &jurors, &finalists).await?;
    let ids: Vec<i32> = finalists.iter().map(|n| n.id).collect();
    Ok(thin_juries(&jurors, &ids, &recused)
        .into_iter()
        .filter_map(|(id, eligible)| {
            let n = finalists.iter().find(|n| n.id == id)?;
            Some((
                Named {
                    id,
                    name: n.title.clone(),
                },
                eligible,
            ))
        })
        .collect())
}

/// The nomination form of a category, with the organisation for its site select.
pub async fn nominate_page(
    db: &DatabaseConnection,
    actor: &Actor,
    category_id: i32,
    now: OffsetDateTime,
) -> Result<NominatePage, AppError> {
    let (year, category) = category_with_year(db, actor, category_id, now).await?;
    Ok(NominatePage {
        year,
        category,
        organisation: Directory::load(db).await?.sectors_with_sites(),
    })
}

/// One nomination, and, for its nominator while it may change, its category and the
/// organisation for the edit form.
pub async fn nomination_page(
    db: &DatabaseConnection,
    actor: &Actor,
    nomination_id: i32,
    now: OffsetDateTime,
) -> Result<NominationPage, AppError> {
    let nomination = super::get_nomination(db, actor, nomination_id, now).await?;
    let edit = if nomination.editable {
        let (_, category) =
            category_with_year(db, actor, nomination.row.category.id, now).await?;
        Some((category, Directory::load(db).await?.sectors_with_sites()))
    } else {
        None
    };
    Ok(NominationPage { nomination, edit })
}

/// `/pris/nominasjoner`: the submitted nominations the filter picks, with the filter's
/// choices (years, the chosen or latest year's categories, sectors and sites).
pub async fn gallery_page(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: &GalleryFilter,
    now: OffsetDateTime,
) -> Result<GalleryPage, AppError> {
    let years = super::list_years(db, actor, now).await?;
    let categories = match filter.year_id.or(years.first().map(|y| y.id)) {
        Some(year_id) => match find_year(db, year_id).await {
            Ok(_) => categories_of(db, year_id).await?,
            Err(AppError::NotFound) => Vec::new(),
            Err(other) => return Err(other),
        },
        None => Vec::new(),
    };
    Ok(GalleryPage {
        nominations: super::list_nominations(db, actor, filter).await?,
        years,
        categories,
        organisation: Directory::load(db).await?.sectors_with_sites(),
    })
}

/// `/pris/aar/{id}/resultater` and the ceremony: the results, or for an employee who may not
/// see them yet, the year (its dates say why); anyone else is refused.
pub async fn results_page(
    db: &DatabaseConnection,
    actor: &Actor,
    year_id: i32,
    now: OffsetDateTime,
) -> Result<ResultsPage, AppError> {
    match super::results(db, actor, year_id, now).await {
        Err(AppError::Forbidden) if authorize(actor, PrizeAction::View).is_ok() => {
            let year = find_year(db, year_id).await?;
            Ok(ResultsPage::Sealed {
                year: super::year_row(&year, now),
                manages: authorize(actor, PrizeAction::Manage).is_ok(),
            })
        }
        other => other.map(ResultsPage::Open),
    }
}
