//! The fund's downloads: the council's recommendation list (innstilling) of a call as a
//! spreadsheet.

use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use tower_sessions::Session;

use crate::core::error::AppError;
use crate::core::state::AppState;
use crate::http::download::{session_actor, workbook};

/// The columns of the recommendation list.
const COLUMNS: [&str; 10] = [
    "Plass",
    "Søknad",
    "Søker",
    "Tjenestested",
    "Vurderinger",
    "Poeng",
    "Spredning",
    "Søkt beløp (kr)",
    "Innstilt beløp (kr)",
    "Begrunnelse",
];

/// `GET /fond/utlysninger/{id}/innstilling.xlsx` (the council).
async fn recommendation_xlsx(
    State(state): State<AppState>,
    session: Session,
    Path(call_id): Path<String>,
) -> Response {
    let made = async {
        let actor = session_actor(&state, &session).await?;
        let call_id = call_id.parse::<i32>().map_err(|_| AppError::NotFound)?;
        let ranking =
            crate::fund::service::ranking(&state.db, &actor, call_id, state.clock.now()).await?;
        recommendation_workbook(&ranking)
    };
    workbook("innstilling.xlsx", made.await)
}

/// The ranking as a workbook of one sheet: amounts and scores as numbers, text made safe for
/// spreadsheets (no cell starts a formula).
pub fn recommendation_workbook(
    ranking: &crate::fund::domain::view::Ranking,
) -> Result<Vec<u8>, AppError> {
    use crate::core::csv_file::to_spreadsheet_cell;
    use rust_xlsxwriter::{Format, Workbook};

    let internal = |e: rust_xlsxwriter::XlsxError| {
        tracing::error!(error = %e, "xlsx export failed");
        AppError::Internal
    };
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Innstilling").map_err(internal)?;
    let bold = Format::new().set_bold();
    for (col, name) in COLUMNS.iter().enumerate() {
        let col = u16::try_from(col).map_err(|_| AppError::Internal)?;
        sheet
            .write_string_with_format(0, col, *name, &bold)
            .map_err(internal)?;
    }
    let hundredths = |v: Option<i64>| v.map(|v| v as f64 / 100.0);
    for (i, line) in ranking.lines.iter().enumerate() {
        let row = u32::try_from(i + 1).map_err(|_| AppError::Internal)?;
        let a = &line.application;
        let texts = [
            (1, a.title.as_str()),
            (2, a.applicant.name.as_str()),
            (3, a.site.as_ref().map_or("", |s| s.name.as_str())),
            (9, line.justification.as_deref().unwrap_or("")),
        ];
        for (col, text) in texts {
            sheet
                .write_string(row, col, to_spreadsheet_cell(text).as_ref())
                .map_err(internal)?;
        }
        let numbers = [
            (0, Some(f64::from(line.place))),
            (4, Some(f64::from(line.reviews))),
            (5, hundredths(line.score_hundredths)),
            (6, hundredths(line.spread_hundredths)),
            (7, a.amount.map(|n| n.0 as f64)),
            (8, line.recommended.map(|n| n.0 as f64)),
        ];
        for (col, number) in numbers {
            if let Some(number) = number {
                sheet.write_number(row, col, number).map_err(internal)?;
            }
        }
    }
    sheet.autofit();
    book.save_to_buffer().map_err(internal)
}

pub fn downloads() -> Router<AppState> {
    Router::new().route(
        "/fond/utlysninger/{id}/innstilling.xlsx",
        get(recommendation_xlsx),
    )
}

#[cfg(test)]
mod tests {
    use crate::core::money::Nok;
    use crate::core::named::Named;
    use crate::fund::domain::application::Stage;
    use crate::fund::domain::call::CallState;
    use crate::fund::domain::view::{ApplicationRow, CallRow, Ranking, RankingLine};

    #[test]
    fn the_recommendation_list_is_a_workbook_of_every_line() {
        let row = |id: i32, title: &str| ApplicationRow {
            id,
            call_id: 1,
            title: title.into(),
            applicant: Named { id: 1, name: "Kari".into() },
            site: None,
            amount: Some(Nok(100_000)),
            stage: Stage::Submitted,
            submitted_at: None,
            anchored: true,
        };
        let line = |id: i32, title: &str| RankingLine {
            application: row(id, title),
            place: 1,
            score_hundredths: Some(425),
            spread_hundredths: Some(50),
            reviews: 2,
            recommended: Some(Nok(90_000)),
            justification: Some("=HYPERLINK(\"x\")".into()),
        };
        let ranking = Ranking {
            call: CallRow {
                id: 1,
                track: Named { id: 1, name: "Spor".into() },
                year: 2027,
                title: "Runde".into(),
                opens_at: time::OffsetDateTime::UNIX_EPOCH,
                closes_at: time::OffsetDateTime::UNIX_EPOCH,
                budget: Nok(1),
                max_amount: Nok(1),
                state: CallState::Closed,
            },
            lines: vec![line(1, "Første"), line(2, "Andre")],
            recommended: Nok(180_000),
            remaining: Nok(0),
            decided_at: None,
        };
        let bytes = super::recommendation_workbook(&ranking).unwrap();
        assert_eq!(&bytes[..2], b"PK");
        let none = super::recommendation_workbook(&Ranking { lines: vec![], ..ranking }).unwrap();
        assert!(bytes.len() > none.len(), "the lines are in it");
    }
}
