//! The portfolio's exports (DESIGN §4): the filtered selection of projects as CSV and as XLSX,
//! for managers, the innovation council and admins. Both files hold the same columns; text
//! cells that a spreadsheet would read as a formula are neutralised in both.

use crate::portfolio::domain::permission::PortfolioAction;
use sea_orm::DatabaseConnection;

use crate::auth::{Actor, authorize};
use crate::core::csv_file::{to_spreadsheet_cell, write_csv};
use crate::core::error::AppError;
use crate::core::paging::{MAX_PAGE_SIZE, PageRequest};
use crate::portfolio::domain::filter::PortfolioFilter;
use crate::portfolio::domain::view::ProjectRow;

/// The export's columns.
pub const COLUMNS: [&str; 9] = [
    "id",
    "prosjekt",
    "fase",
    "tjenesteområde",
    "hovedsted",
    "program",
    "budsjett_kr",
    "startet",
    "sist_endret",
];

/// Most projects in one file; the whole portfolio of a large municipality fits.
pub const MAX_EXPORT_ROWS: u64 = 20_000;

/// Every project of the filter, in its order (pages of the list, so the same rules apply).
async fn selection(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: impl crate::core::parse::Input<Parsed = PortfolioFilter>,
) -> Result<Vec<ProjectRow>, AppError> {
    authorize(actor, PortfolioAction::Export)?;
    let filter = filter.parse().map_err(AppError::Invalid)?;
    let mut rows = Vec::new();
    let mut offset = 0;
    loop {
        let page = PageRequest::new(Some(MAX_PAGE_SIZE), Some(offset));
        let got = crate::portfolio::service::list_projects(db, actor, filter.clone(), page).await?;
        let more = got.has_next() && offset + MAX_PAGE_SIZE < MAX_EXPORT_ROWS;
        rows.extend(got.items);
        if !more {
            return Ok(rows);
        }
        offset += MAX_PAGE_SIZE;
    }
}

fn cells(p: &ProjectRow) -> Vec<String> {
    vec![
        p.id.to_string(),
        p.name.clone(),
        p.phase.name.clone(),
        p.sector.name.clone(),
        p.lead_site.name.clone(),
        p.programme
            .as_ref()
            .map(|x| x.name.clone())
            .unwrap_or_default(),
        p.budget.map(|b| b.0.to_string()).unwrap_or_default(),
        p.started_on.map(|d| d.to_string()).unwrap_or_default(),
        crate::core::timefmt::oslo_datetime(p.updated_at),
    ]
}

/// The selection as CSV.
pub async fn export_csv(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: impl crate::core::parse::Input<Parsed = PortfolioFilter>,
) -> Result<String, AppError> {
    let rows = selection(db, actor, filter).await?;
    write_csv(&COLUMNS, rows.iter().map(cells).collect())
}

/// The selection as an Excel workbook: numbers as numbers, text as text.
pub async fn export_xlsx(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: impl crate::core::parse::Input<Parsed = PortfolioFilter>,
) -> Result<Vec<u8>, AppError> {
    use rust_xlsxwriter::{Format, Workbook};

    let rows = selection(db, actor, filter).await?;
    let internal = |e: rust_xlsxwriter::XlsxError| {
        tracing::error!(error = %e, "xlsx export failed");
        AppError::Internal
    };
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Portefølje").map_err(internal)?;
    let bold = Format::new().set_bold();
    let kroner = Format::new().set_num_format("# ##0");
    for (col, name) in COLUMNS.iter().enumerate() {
        sheet
            .write_string_with_format(0, col as u16, *name, &bold)
            .map_err(internal)?;
    }
    for (i, p) in rows.iter().enumerate() {
        let row = u32::try_from(i + 1).map_err(|_| AppError::Internal)?;
        for (col, cell) in cells(p).into_iter().enumerate() {
            let col = col as u16;
            match (col, p.budget) {
                (0, _) => sheet.write_number(row, col, f64::from(p.id)),
                // Whole kroner well under 2^53 are exact in a spreadsheet's number.
                (6, Some(budget)) => {
                    sheet.write_number_with_format(row, col, budget.0 as f64, &kroner)
                }
                _ => sheet.write_string(row, col, to_spreadsheet_cell(&cell).as_ref()),
            }
            .map_err(internal)?;
        }
    }
    sheet.autofit();
    workbook.save_to_buffer().map_err(internal)
}
