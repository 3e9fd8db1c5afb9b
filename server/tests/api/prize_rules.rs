//! The prize's rules that a juror or the committee could once undo (issue 23), through the
//! service layer on SQLite and PostgreSQL: a recusal holds from the shortlist on, whatever
//! the juror changes in their profile; a date that has passed stays, so a closed phase never
//! reopens.

use std::collections::BTreeMap;

use crate::common::demo_actor as demo;
use crate::common::{Backend, TestDb};
use crate::prize_service::{
    AFTER_CLOSE, AFTER_DEADLINE, COMMITTEE, EMPLOYEE, JUROR, NOW, ballot, judging_finalists,
    nomination, other_site, year_form, year_with_category,
};
use app::core::error::{AppError, FieldError};
use app::prize::domain::ballot::Recusal;
use app::prize::domain::nomination::ShortlistInput;
use app::prize::domain::year::YearPatch;
use app::prize::entities::prize_recusal;
use app::prize::service as prize;
use app::users::domain::ProfileFields;
use sea_orm::{EntityTrait, PaginatorTrait};
use time::{Duration, OffsetDateTime};

fn rfc(at: OffsetDateTime) -> String {
    app::core::timefmt::rfc3339(at)
}

/// The juror moves to `site` through their own profile (`/profil`) and acts as they are then.
async fn move_juror(t: &TestDb, site: Option<i32>, at: OffsetDateTime) -> app::auth::Actor {
    let juror = demo(t, JUROR).await;
    let fields = ProfileFields::parse(&juror.user().unwrap().name, site, "nb").unwrap();
    app::users::service::update_profile(&t.db, &juror, fields, at)
        .await
        .unwrap();
    demo(t, JUROR).await
}

async fn a_juror_cannot_lift_a_recusal_by_moving_after_the_shortlist(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let committee = demo(&t, COMMITTEE).await;
    let employee = demo(&t, EMPLOYEE).await;
    let home = demo(&t, JUROR).await.user().unwrap().home_site_id;
    let (year, category) = year_with_category(&t, "2028", "Årets innovasjon").await;
    let site = other_site(&t).await;
    let mut finalists = Vec::new();
    for title in ["Innsjekk", "Vikarpool"] {
        finalists.push(
            prize::nominate(&t.db, &employee, category, nomination(title, site, ""), NOW)
                .await
                .unwrap(),
        );
    }
    let (a, b) = (finalists[0], finalists[1]);
    // The juror works at the finalists' site when the shortlist is made.
    move_juror(&t, Some(site), NOW).await;
    let pick = ShortlistInput {
        nomination_ids: vec![a.into(), b.into()],
        statements: BTreeMap::new(),
    };
    prize::shortlist(&t.db, &committee, category, pick, AFTER_CLOSE)
        .await
        .unwrap();
    assert_eq!(
        prize_recusal::Entity::find().count(&t.db).await.unwrap(),
        2,
        "the juror's two recusals are recorded"
    );

    // Then they move back home in their profile and try to score the finalists.
    let juror = move_juror(&t, home, AFTER_CLOSE).await;
    assert_eq!(juror.user().unwrap().home_site_id, home);
    for finalist in [a, b] {
        assert_eq!(
            prize::cast_ballot(
                &t.db,
                &juror,
                finalist,
                ballot(&t, finalist, "5").await,
                AFTER_CLOSE
            )
            .await,
            Err(AppError::Forbidden),
            "still recused from {finalist}"
        );
        let view = prize::get_nomination(&t.db, &juror, finalist, AFTER_CLOSE)
            .await
            .unwrap();
        assert_eq!(view.juror.map(|p| p.recusal), Some(Some(Recusal::SameSite)));
    }
    let progress = prize::ballot_progress(&t.db, &committee, category)
        .await
        .unwrap();
    let row = progress
        .iter()
        .find(|p| p.juror.id == juror.user_id().unwrap())
        .unwrap();
    assert_eq!((row.scored, row.recused), (0, 2));

    // The others score; the tally leaves the juror out of both finalists.
    for who in [
        crate::prize_service::REVIEWER,
        crate::prize_service::COUNCIL,
    ] {
        let other = demo(&t, who).await;
        prize::cast_ballot(&t.db, &other, a, ballot(&t, a, "5").await, AFTER_CLOSE)
            .await
            .unwrap();
        prize::cast_ballot(&t.db, &other, b, ballot(&t, b, "2").await, AFTER_CLOSE)
            .await
            .unwrap();
    }
    let results = prize::results(&t.db, &committee, year, AFTER_DEADLINE)
        .await
        .unwrap();
    let lines = &results.categories[0].finalists;
    assert!(lines.iter().all(|l| l.jurors_counted == 2), "{lines:?}");
    let places: Vec<u32> = lines.iter().map(|l| l.place).collect();
    assert_eq!(places, [1, 2], "no shared first place");
}

async fn a_recusal_holds_from_the_nomination_and_binds_the_chair_too(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let committee = demo(&t, COMMITTEE).await;
    let employee = demo(&t, EMPLOYEE).await;
    let home = demo(&t, JUROR).await.user().unwrap().home_site_id;
    // The juror chairs the category (`category_form`).
    let (year, category) = year_with_category(&t, "2027", "Beste feil").await;
    let site = other_site(&t).await;
    // The juror works at the site when the entry is made, and moves away before the shortlist.
    move_juror(&t, Some(site), NOW).await;
    let entry = prize::nominate(
        &t.db,
        &employee,
        category,
        nomination("Innsjekk", site, ""),
        NOW,
    )
    .await
    .unwrap();
    let juror = move_juror(&t, home, NOW).await;
    let own = prize::nominate(&t.db, &juror, category, nomination("Egen", site, ""), NOW)
        .await
        .unwrap();
    let pick = ShortlistInput {
        nomination_ids: vec![entry.into(), own.into()],
        statements: BTreeMap::new(),
    };
    prize::shortlist(&t.db, &committee, category, pick, AFTER_CLOSE)
        .await
        .unwrap();
    assert_eq!(
        prize::cast_ballot(
            &t.db,
            &juror,
            entry,
            ballot(&t, entry, "5").await,
            AFTER_CLOSE
        )
        .await,
        Err(AppError::Forbidden),
        "recused since the entry was made"
    );
    // The chair's tie-break cannot crown an entry the chair is recused from.
    for recused in [entry, own] {
        assert_eq!(
            prize::record_chair_choice(&t.db, &juror, category, recused, AFTER_DEADLINE).await,
            Err(AppError::Forbidden)
        );
    }
    // The people's choice is not switched once the window has closed.
    let switch = YearPatch {
        peoples_choice: Some(false),
        ..Default::default()
    };
    assert_eq!(
        prize::patch_year(&t.db, &committee, year, switch, AFTER_CLOSE)
            .await
            .map(drop),
        Err(AppError::conflict(
            "peoples_choice",
            FieldError::NominationsClosed
        ))
    );
}

async fn a_date_that_has_passed_cannot_reopen_its_phase(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let committee = demo(&t, COMMITTEE).await;
    let juror = demo(&t, JUROR).await;
    let finalists = judging_finalists(&t, 2).await;
    let year = prize::list_years(&t.db, &committee, NOW).await.unwrap()[0].id;
    let patch = |field: &str, at: OffsetDateTime| {
        let to = Some(rfc(at));
        match field {
            "nominations_open" => YearPatch {
                nominations_open: to,
                ..Default::default()
            },
            "nominations_close" => YearPatch {
                nominations_close: to,
                ..Default::default()
            },
            _ => YearPatch {
                jury_deadline: to,
                ..Default::default()
            },
        }
    };
    let passed = |field: &str| Err(AppError::conflict(field, FieldError::DatePassed));

    // Judging: the window's dates have passed; the deadline has not.
    for field in ["nominations_open", "nominations_close"] {
        assert_eq!(
            prize::patch_year(
                &t.db,
                &committee,
                year,
                patch(field, AFTER_CLOSE + Duration::days(3)),
                AFTER_CLOSE
            )
            .await
            .map(drop),
            passed(field),
            "{field} after the shortlist"
        );
    }
    let later = AFTER_DEADLINE + Duration::days(2);
    prize::patch_year(
        &t.db,
        &committee,
        year,
        patch("jury_deadline", later - Duration::days(1)),
        AFTER_CLOSE,
    )
    .await
    .unwrap();

    // Sealed: the deadline has passed and the committee has seen the tally.
    let sealed = later;
    prize::results(&t.db, &committee, year, sealed)
        .await
        .unwrap();
    assert_eq!(
        prize::patch_year(
            &t.db,
            &committee,
            year,
            patch("jury_deadline", sealed + Duration::days(7)),
            sealed
        )
        .await
        .map(drop),
        passed("jury_deadline")
    );
    let a = finalists[0];
    assert_eq!(
        prize::cast_ballot(&t.db, &juror, a, ballot(&t, a, "1").await, sealed).await,
        Err(AppError::conflict("scores", FieldError::JuryClosed)),
        "judging stays closed"
    );
    // The award day is no phase's limit: it still moves.
    let award = YearPatch {
        award_date: Some((sealed + Duration::days(40)).date().to_string()),
        ..Default::default()
    };
    prize::patch_year(&t.db, &committee, year, award, sealed)
        .await
        .unwrap();
}

async fn dates_still_to_come_move_either_way(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let committee = demo(&t, COMMITTEE).await;
    let year = prize::create_year(&t.db, &committee, year_form("2029"), NOW)
        .await
        .unwrap();
    for close in [NOW + Duration::days(2), NOW + Duration::days(12)] {
        let patch = YearPatch {
            nominations_close: Some(rfc(close)),
            ..Default::default()
        };
        let row = prize::patch_year(&t.db, &committee, year, patch, NOW)
            .await
            .unwrap();
        assert_eq!(row.nominations_close, close);
    }
}

on_both_backends!(
    a_juror_cannot_lift_a_recusal_by_moving_after_the_shortlist,
    a_recusal_holds_from_the_nomination_and_binds_the_chair_too,
    a_date_that_has_passed_cannot_reopen_its_phase,
    dates_still_to_come_move_either_way,
);
