//! The innovation prize through the service layer on SQLite and PostgreSQL (issue 14): a
//! year from nominations to published results, the window and deadline rules, recusal,
//! secret and frozen ballots, two concurrent first saves of one ballot, the gallery and
//! the demo prize.

use std::collections::BTreeMap;

use crate::common::demo_actor as demo;
use crate::common::{Backend, TestDb};
use app::auth::Actor;
use app::core::error::{AppError, FieldError};
use app::entities::{audit_log, service_site, user};
use app::prize::domain::ballot::BallotForm;
use app::prize::domain::category::CategoryForm;
use app::prize::domain::nomination::{NominationForm, ShortlistInput};
use app::prize::domain::view::GalleryFilter;
use app::prize::domain::year::{Phase, YearForm, YearPatch};
use app::prize::entities::{prize_ballot, prize_nomination, prize_score};
use app::prize::service as prize;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

pub(crate) const EMPLOYEE: usize = 1;
pub(crate) const REVIEWER: usize = 2;
pub(crate) const COUNCIL: usize = 3;
pub(crate) const JUROR: usize = 4;
pub(crate) const COMMITTEE: usize = 5;

/// The clock of these tests: 3 December 2026, noon in Oslo.
pub(crate) const NOW: OffsetDateTime = datetime!(2026-12-03 11:00 UTC);

fn rfc(at: OffsetDateTime) -> String {
    app::core::timefmt::rfc3339(at)
}

/// A year whose window opened yesterday, closes in ten days; the jury has ten days more.
pub(crate) fn year_form(year: &str) -> YearForm {
    YearForm {
        year: year.into(),
        nominations_open: rfc(NOW - Duration::days(1)),
        nominations_close: rfc(NOW + Duration::days(10)),
        jury_deadline: rfc(NOW + Duration::days(20)),
        award_date: (NOW + Duration::days(30)).date().to_string(),
        peoples_choice: true,
    }
}

pub(crate) const AFTER_CLOSE: OffsetDateTime = datetime!(2026-12-13 12:00 UTC);
pub(crate) const AFTER_DEADLINE: OffsetDateTime = datetime!(2026-12-23 12:00 UTC);

pub(crate) fn email(who: usize) -> String {
    app::auth::demo::DEMO_USERS[who].email.to_owned()
}

/// The juror, the reviewer and the council member; the juror chairs.
pub(crate) fn category_form(name: &str) -> CategoryForm {
    CategoryForm {
        name: name.into(),
        criteria: "Nyhetsverdi: 3\nRealisert: 1".into(),
        jury: format!("{}, {}, {}", email(JUROR), email(REVIEWER), email(COUNCIL)),
        chair: email(JUROR),
    }
}

/// A site other than the demo users' own (where every demo juror would be recused).
pub(crate) async fn other_site(t: &TestDb) -> i32 {
    let home = user::Entity::find()
        .filter(user::Column::Email.eq(email(EMPLOYEE)))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
        .home_site_id;
    service_site::Entity::find()
        .order_by_asc(service_site::Column::Id)
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .find(|id| Some(*id) != home)
        .unwrap()
}

pub(crate) fn nomination(title: &str, site: i32, nominee_email: &str) -> NominationForm {
    NominationForm {
        title: title.into(),
        nominee: "Team Innsjekk".into(),
        nominee_email: nominee_email.into(),
        site_id: site.to_string(),
        links: "https://example.org/innsjekk\n/prosjekter/1".into(),
        justification: BTreeMap::from([
            ("Nyhetsverdi".into(), "Ingen har gjort det før".into()),
            ("realisert".into(), "I bruk hver dag".into()),
        ]),
        ..Default::default()
    }
}

/// Scores for every criterion of the category, all `score`.
pub(crate) async fn ballot(t: &TestDb, nomination_id: i32, score: &str) -> BallotForm {
    let view = prize::get_nomination(&t.db, &Actor::System, nomination_id, NOW)
        .await
        .unwrap();
    BallotForm {
        scores: view
            .criteria
            .iter()
            .map(|c| (c.id.to_string(), score.to_owned()))
            .collect(),
        comment: String::new(),
    }
}

async fn nominations(t: &TestDb) -> u64 {
    prize_nomination::Entity::find().count(&t.db).await.unwrap()
}

async fn a_year_runs_from_nominations_to_published_results(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let committee = demo(&t, COMMITTEE).await;
    let employee = demo(&t, EMPLOYEE).await;
    let (reviewer, council, juror) = (
        demo(&t, REVIEWER).await,
        demo(&t, COUNCIL).await,
        demo(&t, JUROR).await,
    );
    assert_eq!(
        prize::create_year(&t.db, &employee, year_form("2027"), NOW).await,
        Err(AppError::Forbidden)
    );
    let year = prize::create_year(&t.db, &committee, year_form("2027"), NOW)
        .await
        .unwrap();
    assert_eq!(
        prize::create_year(&t.db, &committee, year_form("2027"), NOW).await,
        Err(AppError::conflict("year", FieldError::Taken))
    );
    let category =
        prize::create_category(&t.db, &committee, year, category_form("Beste feil"), NOW)
            .await
            .unwrap();
    let view = prize::get_year(&t.db, &employee, year, NOW).await.unwrap();
    assert_eq!(view.row.phase, Phase::Nominating);
    assert_eq!(view.categories[0].jury.len(), 3);
    assert_eq!(view.categories[0].criteria[0].weight, 3);

    // Nominations: A from another site; B names the reviewer (who is then recused); C is
    // the juror's own (recused as its nominator).
    let site = other_site(&t).await;
    let a = prize::nominate(
        &t.db,
        &employee,
        category,
        nomination("Innsjekk", site, ""),
        NOW,
    )
    .await
    .unwrap();
    let b = prize::nominate(
        &t.db,
        &employee,
        category,
        nomination("Vikarpool", site, &email(REVIEWER)),
        NOW,
    )
    .await
    .unwrap();
    let c = prize::nominate(
        &t.db,
        &juror,
        category,
        nomination("Egen idé", site, ""),
        NOW,
    )
    .await
    .unwrap();
    let before = nominations(&t).await;
    let mut missing = nomination("Uten begrunnelse", site, "");
    missing.justification.remove("realisert");
    let refused = prize::nominate(&t.db, &employee, category, missing, NOW).await;
    let Err(AppError::Invalid(errors)) = refused else {
        panic!("expected a refusal, got {refused:?}");
    };
    assert!(
        errors.keys().any(|k| k.starts_with("justification[")),
        "{errors:?}"
    );
    assert_eq!(
        prize::nominate(
            &t.db,
            &employee,
            category,
            nomination("Sent", site, ""),
            AFTER_CLOSE
        )
        .await,
        Err(AppError::conflict(
            "category_id",
            FieldError::NominationsClosed
        ))
    );
    assert_eq!(nominations(&t).await, before, "nothing half-written");

    // The shortlist waits for the window to close.
    let pick = |ids: Vec<i64>| ShortlistInput {
        nomination_ids: ids,
        statements: BTreeMap::from([(a.to_string(), "Modig og nyttig".to_owned())]),
    };
    assert_eq!(
        prize::shortlist(
            &t.db,
            &committee,
            category,
            pick(vec![a.into(), b.into()]),
            NOW
        )
        .await,
        Err(AppError::conflict(
            "nomination_ids",
            FieldError::NominationsOpen
        ))
    );
    assert_eq!(
        prize::shortlist(
            &t.db,
            &employee,
            category,
            pick(vec![a.into()]),
            AFTER_CLOSE
        )
        .await,
        Err(AppError::Forbidden)
    );
    prize::shortlist(
        &t.db,
        &committee,
        category,
        pick(vec![a.into(), b.into()]),
        AFTER_CLOSE,
    )
    .await
    .unwrap();

    // Ballots: recusal, bounds, completeness, finalists only, jurors only.
    let at = AFTER_CLOSE;
    prize::cast_ballot(&t.db, &reviewer, a, ballot(&t, a, "5").await, at)
        .await
        .unwrap();
    assert_eq!(
        prize::cast_ballot(&t.db, &reviewer, b, ballot(&t, b, "5").await, at).await,
        Err(AppError::Forbidden),
        "the nominee is recused"
    );
    prize::cast_ballot(&t.db, &juror, a, ballot(&t, a, "4").await, at)
        .await
        .unwrap();
    prize::cast_ballot(&t.db, &juror, b, ballot(&t, b, "2").await, at)
        .await
        .unwrap();
    let mut six = ballot(&t, a, "6").await;
    let refused = prize::cast_ballot(&t.db, &council, a, six.clone(), at).await;
    assert!(
        matches!(refused, Err(AppError::Invalid(ref e)) if e.values().all(|v| *v == FieldError::OutOfRange)),
        "{refused:?}"
    );
    let first = six.scores.keys().next().cloned().unwrap();
    six.scores.clear();
    six.scores.insert(first, "3".into());
    assert!(matches!(
        prize::cast_ballot(&t.db, &council, a, six, at).await,
        Err(AppError::Invalid(ref e)) if e.values().any(|v| *v == FieldError::Required)
    ));
    assert_eq!(
        prize::cast_ballot(&t.db, &council, c, ballot(&t, c, "3").await, at).await,
        Err(AppError::conflict("scores", FieldError::NotFinalist))
    );
    assert_eq!(
        prize::cast_ballot(&t.db, &employee, a, ballot(&t, a, "5").await, at).await,
        Err(AppError::Forbidden),
        "not on the jury"
    );
    let ballots = prize_ballot::Entity::find().count(&t.db).await.unwrap();
    assert_eq!(ballots, 3, "refused ballots write nothing");
    let saves = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("prize.ballot_saved"))
        .count(&t.db)
        .await
        .unwrap();
    assert_eq!(saves, 3, "every save is in the audit log");

    // The committee sees who voted, not what.
    let progress = prize::ballot_progress(&t.db, &committee, category)
        .await
        .unwrap();
    let reviewer_row = progress
        .iter()
        .find(|p| p.juror.name == "Per Hansen")
        .unwrap();
    assert_eq!((reviewer_row.scored, reviewer_row.recused), (1, 1));
    assert_eq!(
        prize::ballot_progress(&t.db, &juror, category)
            .await
            .map(drop),
        Err(AppError::Forbidden)
    );

    // Sealed: no one sees the tally before the deadline; the committee previews after it.
    assert_eq!(
        prize::results(&t.db, &committee, year, at).await.map(drop),
        Err(AppError::Forbidden)
    );
    assert_eq!(
        prize::results(&t.db, &juror, year, AFTER_DEADLINE)
            .await
            .map(drop),
        Err(AppError::Forbidden)
    );
    let preview = prize::results(&t.db, &committee, year, AFTER_DEADLINE)
        .await
        .unwrap();
    assert!(preview.preview);
    assert_eq!(
        prize::cast_ballot(&t.db, &juror, a, ballot(&t, a, "1").await, AFTER_DEADLINE).await,
        Err(AppError::conflict("scores", FieldError::JuryClosed)),
        "frozen after the deadline"
    );
    assert_eq!(
        prize::publish(&t.db, &committee, year, at).await,
        Err(AppError::conflict("year", FieldError::JuryOpen))
    );
    prize::publish(&t.db, &committee, year, AFTER_DEADLINE)
        .await
        .unwrap();
    // Issue 29: publishing left the editors a draft announcement of the winners, linked.
    let (_, links) = crate::posts_service::announcement(&t, &format!("prize_year:{year}")).await;
    assert!(
        !links.is_empty() && links.iter().all(|(kind, _)| kind == "nomination"),
        "{links:?}"
    );
    assert_eq!(
        prize::publish(&t.db, &committee, year, AFTER_DEADLINE).await,
        Err(AppError::conflict("year", FieldError::AlreadyPublished))
    );
    assert_eq!(
        prize::patch_year(
            &t.db,
            &committee,
            year,
            YearPatch::default(),
            AFTER_DEADLINE
        )
        .await
        .map(drop),
        Err(AppError::conflict("year", FieldError::AlreadyPublished))
    );

    let results = prize::results(&t.db, &Actor::Anonymous, year, AFTER_DEADLINE)
        .await
        .unwrap();
    assert!(!results.preview);
    let lines = &results.categories[0].finalists;
    assert_eq!(lines.len(), 2);
    let line_a = lines.iter().find(|l| l.nomination_id == a).unwrap();
    let line_b = lines.iter().find(|l| l.nomination_id == b).unwrap();
    assert_eq!(line_a.jurors_counted, 2, "the reviewer and the juror");
    assert_eq!(line_b.jurors_counted, 1, "the nominee is left out");
    assert_eq!((line_a.place, line_b.place), (1, 2));
    assert!(line_a.score > line_b.score);
    assert_eq!(results, preview_as_published(preview, &results));
}

/// The preview and the published result rank the same ballots the same way.
fn preview_as_published(
    mut preview: app::prize::domain::view::YearResults,
    published: &app::prize::domain::view::YearResults,
) -> app::prize::domain::view::YearResults {
    preview.preview = false;
    preview.year = published.year.clone();
    preview
}

/// A prize year of the committee's, its window open at [`NOW`], with one category `name`
/// (the juror chairs it, `category_form`).
pub(crate) async fn year_with_category(t: &TestDb, year: &str, name: &str) -> (i32, i32) {
    let committee = demo(t, COMMITTEE).await;
    let year = prize::create_year(&t.db, &committee, year_form(year), NOW)
        .await
        .unwrap();
    let category = prize::create_category(&t.db, &committee, year, category_form(name), NOW)
        .await
        .unwrap();
    (year, category)
}

/// A category in its judging phase with `n` finalists, nominated by the employee.
pub(crate) async fn judging_finalists(t: &TestDb, n: usize) -> Vec<i32> {
    let committee = demo(t, COMMITTEE).await;
    let (_, category) = year_with_category(t, "2030", "Stjæl med stil").await;
    let site = other_site(t).await;
    let employee = demo(t, EMPLOYEE).await;
    let mut ids = Vec::new();
    for i in 0..n {
        let title = format!("Lånt {i}");
        ids.push(
            prize::nominate(
                &t.db,
                &employee,
                category,
                nomination(&title, site, ""),
                NOW,
            )
            .await
            .unwrap(),
        );
    }
    let pick = ShortlistInput {
        nomination_ids: ids.iter().map(|&id| id.into()).collect(),
        statements: BTreeMap::new(),
    };
    prize::shortlist(&t.db, &committee, category, pick, AFTER_CLOSE)
        .await
        .unwrap();
    ids
}

async fn two_concurrent_first_saves_make_one_ballot(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let juror = demo(&t, JUROR).await;
    // Each finalist's first two saves race (the second of a round would find the first's row);
    // on PostgreSQL both may find none and insert, and only the unique index stops the second.
    for a in judging_finalists(&t, 6).await {
        let (low, high) = (ballot(&t, a, "1").await, ballot(&t, a, "5").await);
        let (x, y) = tokio::join!(
            prize::cast_ballot(&t.db, &juror, a, low.clone(), AFTER_CLOSE),
            prize::cast_ballot(&t.db, &juror, a, high.clone(), AFTER_CLOSE),
        );
        for outcome in [&x, &y] {
            assert!(
                outcome.is_ok() || *outcome == Err(AppError::conflict("scores", FieldError::Taken)),
                "{outcome:?}"
            );
        }
        assert!(x.is_ok() || y.is_ok(), "one save wins");
        let ballots = prize_ballot::Entity::find()
            .filter(prize_ballot::Column::NominationId.eq(a))
            .all(&t.db)
            .await
            .unwrap();
        assert_eq!(ballots.len(), 1, "one ballot per juror and nomination");
        let scores: Vec<i16> = prize_score::Entity::find()
            .filter(prize_score::Column::BallotId.eq(ballots[0].id))
            .all(&t.db)
            .await
            .unwrap()
            .into_iter()
            .map(|s| s.score)
            .collect();
        assert_eq!(scores.len(), low.scores.len());
        assert!(
            scores.iter().all(|s| *s == 1) || scores.iter().all(|s| *s == 5),
            "one save's scores, never a mix: {scores:?}"
        );
    }
}

async fn the_gallery_shows_every_submitted_nomination_and_only_the_nominator_edits(
    backend: Backend,
) {
    let t = TestDb::with_demo_users(backend).await;
    let employee = demo(&t, EMPLOYEE).await;
    let colleague = demo(&t, COUNCIL).await;
    let (year, category) = year_with_category(&t, "2028", "Årets innovasjon").await;
    let sites: Vec<service_site::Model> = service_site::Entity::find()
        .order_by_asc(service_site::Column::Id)
        .all(&t.db)
        .await
        .unwrap();
    let (one, two) = (
        &sites[3],
        sites
            .iter()
            .find(|s| s.sector_id != sites[3].sector_id)
            .unwrap(),
    );
    let a = prize::nominate(
        &t.db,
        &employee,
        category,
        nomination("Første", one.id, ""),
        NOW,
    )
    .await
    .unwrap();
    let b = prize::nominate(
        &t.db,
        &colleague,
        category,
        nomination("Andre", two.id, ""),
        NOW,
    )
    .await
    .unwrap();
    let all = |filter: GalleryFilter| {
        let t = &t;
        let colleague = colleague.clone();
        async move {
            prize::list_nominations(&t.db, &colleague, &filter)
                .await
                .unwrap()
                .into_iter()
                .map(|n| n.id)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        all(GalleryFilter {
            year_id: Some(year),
            ..Default::default()
        })
        .await
        .len(),
        2
    );
    assert_eq!(
        all(GalleryFilter {
            site_id: Some(one.id),
            ..Default::default()
        })
        .await,
        vec![a]
    );
    assert_eq!(
        all(GalleryFilter {
            sector_id: Some(two.sector_id),
            ..Default::default()
        })
        .await,
        vec![b]
    );
    assert_eq!(
        prize::list_nominations(&t.db, &Actor::Anonymous, &GalleryFilter::default())
            .await
            .map(drop),
        Err(AppError::Forbidden)
    );
    // Only the nominator changes or withdraws, and only while the window is open.
    assert_eq!(
        prize::update_nomination(&t.db, &colleague, a, nomination("Kapret", one.id, ""), NOW).await,
        Err(AppError::Forbidden)
    );
    prize::update_nomination(
        &t.db,
        &employee,
        a,
        nomination("Første, bedre", one.id, ""),
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(
        prize::get_nomination(&t.db, &colleague, a, NOW)
            .await
            .unwrap()
            .row
            .title,
        "Første, bedre"
    );
    assert_eq!(
        prize::withdraw_nomination(&t.db, &employee, a, AFTER_CLOSE).await,
        Err(AppError::conflict("title", FieldError::NominationsClosed))
    );
    prize::withdraw_nomination(&t.db, &employee, a, NOW)
        .await
        .unwrap();
    assert_eq!(all(GalleryFilter::default()).await, vec![b]);
    assert!(
        prize::get_nomination(&t.db, &employee, a, NOW)
            .await
            .is_ok(),
        "the nominator still sees it"
    );
    assert_eq!(
        prize::get_nomination(&t.db, &colleague, a, NOW)
            .await
            .map(drop),
        Err(AppError::NotFound)
    );
}

async fn the_demo_prize_has_48_published_nominations_and_an_open_window(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let written = prize::seed_demo_prize(&t.db, &Actor::System, NOW)
        .await
        .unwrap();
    assert!(written >= 48);
    assert_eq!(
        prize::seed_demo_prize(&t.db, &Actor::System, NOW)
            .await
            .unwrap(),
        0,
        "a second seed changes nothing"
    );
    let employee = demo(&t, EMPLOYEE).await;
    let years = prize::list_years(&t.db, &employee, NOW).await.unwrap();
    let past = years.iter().find(|y| y.phase == Phase::Published).unwrap();
    let current = years.iter().find(|y| y.phase == Phase::Nominating).unwrap();
    let past_nominations = prize::list_nominations(
        &t.db,
        &employee,
        &GalleryFilter {
            year_id: Some(past.id),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(past_nominations.len(), 48);
    let results = prize::results(&t.db, &Actor::Anonymous, past.id, NOW)
        .await
        .unwrap();
    assert_eq!(results.categories.len(), 3);
    for category in &results.categories {
        assert_eq!(category.finalists.len(), 3);
        assert_eq!(
            category.finalists[0].place, 1,
            "a winner in {}",
            category.category.name
        );
        // Three jurors; one of them may have nominated the entry and so be recused.
        assert!((2..=3).contains(&category.finalists[0].jurors_counted));
        assert!(category.finalists[0].score > category.finalists[1].score);
    }
    assert_eq!(
        prize::results(&t.db, &employee, current.id, NOW)
            .await
            .map(drop),
        Err(AppError::Forbidden),
        "this year's results are sealed"
    );
}

async fn the_peoples_choice_counts_one_changeable_vote_and_the_chair_breaks_a_tie(
    backend: Backend,
) {
    let t = TestDb::with_demo_users(backend).await;
    let committee = demo(&t, COMMITTEE).await;
    let (employee, council, juror, reviewer) = (
        demo(&t, EMPLOYEE).await,
        demo(&t, COUNCIL).await,
        demo(&t, JUROR).await,
        demo(&t, REVIEWER).await,
    );
    let (year, category) = year_with_category(&t, "2029", "Beste feil").await;
    let site = other_site(&t).await;
    let mut ids = Vec::new();
    for title in ["Første forsøk", "Andre forsøk", "Ikke finalist"] {
        ids.push(
            prize::nominate(&t.db, &employee, category, nomination(title, site, ""), NOW)
                .await
                .unwrap(),
        );
    }
    let (a, b, c) = (ids[0], ids[1], ids[2]);
    let pick = ShortlistInput {
        nomination_ids: vec![a.into(), b.into()],
        statements: BTreeMap::new(),
    };
    prize::shortlist(&t.db, &committee, category, pick, AFTER_CLOSE)
        .await
        .unwrap();

    // One vote per employee and category, changed by voting again; finalists only, signed in,
    // before the deadline.
    prize::cast_people_vote(&t.db, &employee, a, AFTER_CLOSE)
        .await
        .unwrap();
    prize::cast_people_vote(&t.db, &employee, b, AFTER_CLOSE)
        .await
        .unwrap();
    prize::cast_people_vote(&t.db, &council, b, AFTER_CLOSE)
        .await
        .unwrap();
    assert_eq!(
        prize::cast_people_vote(&t.db, &council, c, AFTER_CLOSE).await,
        Err(AppError::conflict("nomination_id", FieldError::NotFinalist))
    );
    assert_eq!(
        prize::cast_people_vote(&t.db, &Actor::Anonymous, a, AFTER_CLOSE).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        prize::cast_people_vote(&t.db, &council, a, AFTER_DEADLINE).await,
        Err(AppError::conflict("nomination_id", FieldError::JuryClosed))
    );

    // The chair gives both finalists the same scores: a shared first place until the chair
    // records a choice; another juror may not record one.
    prize::cast_ballot(&t.db, &juror, a, ballot(&t, a, "4").await, AFTER_CLOSE)
        .await
        .unwrap();
    prize::cast_ballot(&t.db, &juror, b, ballot(&t, b, "4").await, AFTER_CLOSE)
        .await
        .unwrap();
    let tied = prize::results(&t.db, &committee, year, AFTER_DEADLINE)
        .await
        .unwrap();
    let places: Vec<u32> = tied.categories[0]
        .finalists
        .iter()
        .map(|f| f.place)
        .collect();
    assert_eq!(places, vec![1, 1], "a shared place");
    assert_eq!(
        prize::record_chair_choice(&t.db, &reviewer, category, b, AFTER_CLOSE).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        prize::record_chair_choice(&t.db, &juror, category, c, AFTER_CLOSE).await,
        Err(AppError::conflict("nomination_id", FieldError::NotFinalist))
    );
    prize::record_chair_choice(&t.db, &juror, category, b, AFTER_CLOSE)
        .await
        .unwrap();
    let decided = prize::results(&t.db, &committee, year, AFTER_DEADLINE)
        .await
        .unwrap();
    let lines = &decided.categories[0].finalists;
    assert_eq!((lines[0].nomination_id, lines[0].place), (b, 1));
    assert_eq!((lines[1].nomination_id, lines[1].place), (a, 2));
    assert_eq!(
        lines[0].tie_break,
        app::prize::domain::tally::TieBreak::Chair
    );
    let votes = |id: i32| {
        lines
            .iter()
            .find(|l| l.nomination_id == id)
            .unwrap()
            .people_votes
    };
    assert_eq!(
        (votes(a), votes(b)),
        (Some(0), Some(2)),
        "the changed vote moved"
    );
}

/// The results page reads its parts in a fixed number of statements (issue 27, point 2): as
/// many for the demo's published year (three categories, nine finalists, their ballots) as
/// for a year of one category with one finalist, and within `RESULTS_PAGE_QUERIES`.
async fn the_results_cost_the_same_statements_whatever_the_year_holds(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    prize::seed_demo_prize(&t.db, &Actor::System, NOW)
        .await
        .unwrap();
    let employee = demo(&t, EMPLOYEE).await;
    let past = prize::list_years(&t.db, &employee, NOW)
        .await
        .unwrap()
        .into_iter()
        .find(|y| y.phase == Phase::Published)
        .unwrap();
    let (full, full_cost) = t
        .queries_of(prize::results(&t.db, &Actor::Anonymous, past.id, NOW))
        .await;
    let full = full.unwrap();
    let finalists: usize = full.categories.iter().map(|c| c.finalists.len()).sum();
    assert_eq!((full.categories.len(), finalists), (3, 9));

    let small = judging_finalists(&t, 1).await;
    let committee = demo(&t, COMMITTEE).await;
    let year = prize::get_nomination(&t.db, &committee, small[0], AFTER_DEADLINE)
        .await
        .unwrap()
        .row
        .year_id;
    let (one, one_cost) = t
        .queries_of(prize::results(&t.db, &committee, year, AFTER_DEADLINE))
        .await;
    assert_eq!(one.unwrap().categories[0].finalists.len(), 1);
    assert_eq!(full_cost, one_cost);
    assert!(
        full_cost <= prize::RESULTS_PAGE_QUERIES,
        "{full_cost} statements"
    );
}

on_both_backends!(
    the_results_cost_the_same_statements_whatever_the_year_holds,
    a_year_runs_from_nominations_to_published_results,
    two_concurrent_first_saves_make_one_ballot,
    the_gallery_shows_every_submitted_nomination_and_only_the_nominator_edits,
    the_demo_prize_has_48_published_nominations_and_an_open_window,
    the_peoples_choice_counts_one_changeable_vote_and_the_chair_breaks_a_tie,
);
