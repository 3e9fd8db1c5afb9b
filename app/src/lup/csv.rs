//! LUP's export (issue 13): every service site the viewer sees, with its standing on a date,
//! as CSV and as XLSX, for reporting. Text cells a spreadsheet would read as a formula are
//! neutralised in both.

use sea_orm::DatabaseConnection;
use time::OffsetDateTime;

use crate::core::csv_file::{to_spreadsheet_cell, write_csv};
use crate::core::error::AppError;
use crate::lup::domain::view::SiteRow;

/// The export's columns.
pub const COLUMNS: [&str; 6] = [
    "tjenestested_id",
    "tjenestested",
    "tjenesteområde",
    "status",
    "sist_fullført",
    "ny_leder_uten_lup",
];

fn cells(s: &SiteRow) -> Vec<String> {
    vec![
        s.site.id.to_string(),
        s.site.name.clone(),
        s.sector.name.clone(),
        s.standing.as_str().to_owned(),
        s.completed_on.map(|d| d.to_string()).unwrap_or_default(),
        if s.leader_turnover { "ja" } else { "nei" }.to_owned(),
    ]
}

/// The sites as CSV.
pub async fn export_csv(
    db: &DatabaseConnection,
    actor: &crate::auth::Actor,
    date: Option<&str>,
    now: OffsetDateTime,
) -> Result<String, AppError> {
    let rows = crate::lup::service::site_rows(db, actor, date, now).await?;
    write_csv(&COLUMNS, rows.iter().map(cells).collect())
}

/// The sites as an Excel workbook.
pub async fn export_xlsx(
    db: &DatabaseConnection,
    actor: &crate::auth::Actor,
    date: Option<&str>,
    now: OffsetDateTime,
) -> Result<Vec<u8>, AppError> {
    use rust_xlsxwriter::{Format, Workbook};

    let rows = crate::lup::service::site_rows(db, actor, date, now).await?;
    let internal = |e: rust_xlsxwriter::XlsxError| {
        tracing::error!(error = %e, "xlsx export failed");
        AppError::Internal
    };
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("LUP-dekning").map_err(internal)?;
    let bold = Format::new().set_bold();
    for (col, name) in COLUMNS.iter().enumerate() {
        sheet
            .write_string_with_format(0, col as u16, *name, &bold)
            .map_err(internal)?;
    }
    for (i, s) in rows.iter().enumerate() {
        let row = u32::try_from(i + 1).map_err(|_| AppError::Internal)?;
        for (col, cell) in cells(s).into_iter().enumerate() {
            let col = col as u16;
            match col {
                0 => sheet.write_number(row, col, f64::from(s.site.id)),
                _ => sheet.write_string(row, col, to_spreadsheet_cell(&cell).as_ref()),
            }
            .map_err(internal)?;
        }
    }
    sheet.autofit();
    workbook.save_to_buffer().map_err(internal)
}
