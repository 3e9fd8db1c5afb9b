//! The prize's public side and its safety (issue 30) through the service layer on SQLite and
//! PostgreSQL: published years readable by everyone, a named colleague who declines to be
//! shown publicly, the sealed results page's reason, and the committee warned of a finalist
//! too few jurors may score.

use crate::common::demo_actor as demo;
use crate::common::{Backend, TestDb};
use crate::prize_service::{
    AFTER_CLOSE, AFTER_DEADLINE, COMMITTEE, COUNCIL, EMPLOYEE, JUROR, NOW, REVIEWER, category_form,
    email, nomination, other_site, year_form,
};
use app::auth::Actor;
use app::core::error::AppError;
use app::entities::audit_log;
use app::prize::domain::nomination::ShortlistInput;
use app::prize::domain::view::ResultsPage;
use app::prize::service as prize;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::collections::BTreeMap;

/// Scores every criterion of `nomination_id` with `score`.
async fn scores(
    t: &TestDb,
    nomination_id: i32,
    score: &str,
) -> app::prize::domain::ballot::BallotForm {
    crate::prize_service::ballot(t, nomination_id, score).await
}

async fn a_published_year_is_public_without_the_names_of_those_who_declined(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let committee = demo(&t, COMMITTEE).await;
    let employee = demo(&t, EMPLOYEE).await;
    let (reviewer, council, juror) = (
        demo(&t, REVIEWER).await,
        demo(&t, COUNCIL).await,
        demo(&t, JUROR).await,
    );
    let year = prize::create_year(&t.db, &committee, year_form("2027"), NOW)
        .await
        .unwrap();
    let category = prize::create_category(
        &t.db,
        &committee,
        year,
        category_form("Stjæl med stil"),
        NOW,
    )
    .await
    .unwrap();
    let site = other_site(&t).await;
    // A: nobody named. B: names the reviewer, who declines to be shown publicly. D: the
    // juror's own, naming the council member: two of three jurors recused.
    let a = prize::nominate(
        &t.db,
        &employee,
        category,
        nomination("Innsjekk", site, ""),
        NOW,
    )
    .await
    .unwrap();
    let mut named = nomination("Vikarpool", site, &email(REVIEWER));
    named.nominee = "Per Hansens vikarpool".into();
    let b = prize::nominate(&t.db, &employee, category, named, NOW)
        .await
        .unwrap();
    let d = prize::nominate(
        &t.db,
        &juror,
        category,
        nomination("Egen idé", site, &email(COUNCIL)),
        NOW,
    )
    .await
    .unwrap();
    let c = prize::nominate(
        &t.db,
        &employee,
        category,
        nomination("Ikke finalist", site, ""),
        NOW,
    )
    .await
    .unwrap();

    // Before publication a visitor sees no year and no nomination.
    assert!(
        prize::list_years(&t.db, &Actor::Anonymous, NOW)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        prize::get_year(&t.db, &Actor::Anonymous, year, NOW)
            .await
            .map(drop),
        Err(AppError::Forbidden)
    );
    assert_eq!(
        prize::get_nomination(&t.db, &Actor::Anonymous, a, NOW)
            .await
            .map(drop),
        Err(AppError::Forbidden)
    );

    // Only the named colleague decides; it is recorded.
    assert_eq!(
        prize::set_shown_publicly(&t.db, &employee, b, false, NOW).await,
        Err(AppError::Forbidden),
        "the nominator does not decide for the nominee"
    );
    assert_eq!(
        prize::set_shown_publicly(&t.db, &Actor::Anonymous, b, false, NOW).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        prize::set_shown_publicly(&t.db, &reviewer, 999_999, false, NOW).await,
        Err(AppError::NotFound)
    );
    let page = prize::get_nomination(&t.db, &reviewer, b, NOW)
        .await
        .unwrap();
    assert!(page.names_reader && page.row.shown_publicly);
    prize::set_shown_publicly(&t.db, &reviewer, b, false, NOW)
        .await
        .unwrap();
    let recorded = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("prize.nominee_shown_publicly"))
        .count(&t.db)
        .await
        .unwrap();
    assert_eq!(recorded, 1);
    // The nominator cannot undo it by naming no one and then the colleague again.
    for named in [String::new(), email(REVIEWER)] {
        let mut again = nomination("Vikarpool", site, &named);
        again.nominee = "Per Hansens vikarpool".into();
        prize::update_nomination(&t.db, &employee, b, again, NOW)
            .await
            .unwrap();
    }
    assert!(
        !prize::get_nomination(&t.db, &reviewer, b, NOW)
            .await
            .unwrap()
            .row
            .shown_publicly,
        "the decline stands"
    );
    let seen_inside = prize::get_nomination(&t.db, &employee, b, NOW)
        .await
        .unwrap();
    assert_eq!(
        seen_inside.row.nominee, "Per Hansens vikarpool",
        "employees still see it"
    );
    assert!(!seen_inside.row.shown_publicly && !seen_inside.names_reader);

    // The shortlist: D can be scored by one juror only, and the committee is told.
    prize::shortlist(
        &t.db,
        &committee,
        category,
        ShortlistInput {
            nomination_ids: vec![a.into(), b.into(), d.into()],
            statements: BTreeMap::new(),
        },
        AFTER_CLOSE,
    )
    .await
    .unwrap();
    let page = prize::category_page(&t.db, &committee, category, AFTER_CLOSE)
        .await
        .unwrap();
    let thin: Vec<(i32, u32)> = page.thin_juries.iter().map(|(n, k)| (n.id, *k)).collect();
    assert_eq!(thin, [(d, 1)]);
    assert!(
        prize::category_page(&t.db, &employee, category, AFTER_CLOSE)
            .await
            .unwrap()
            .thin_juries
            .is_empty(),
        "for the committee only"
    );

    // B wins: the juror and the council member score it highest (the reviewer is recused).
    for who in [&juror, &council] {
        prize::cast_ballot(&t.db, who, a, scores(&t, a, "2").await, AFTER_CLOSE)
            .await
            .unwrap();
        prize::cast_ballot(&t.db, who, b, scores(&t, b, "5").await, AFTER_CLOSE)
            .await
            .unwrap();
    }
    prize::cast_ballot(&t.db, &reviewer, a, scores(&t, a, "2").await, AFTER_CLOSE)
        .await
        .unwrap();

    // Sealed: an employee and the committee are told why, a visitor is refused.
    let sealed = |page: Result<ResultsPage, AppError>| match page {
        Ok(ResultsPage::Sealed { year, manages }) => Some((year.phase, manages)),
        _ => None,
    };
    use app::prize::domain::year::Phase;
    assert_eq!(
        sealed(prize::results_page(&t.db, &employee, year, AFTER_CLOSE).await),
        Some((Phase::Judging, false))
    );
    assert_eq!(
        sealed(prize::results_page(&t.db, &committee, year, AFTER_CLOSE).await),
        Some((Phase::Judging, true))
    );
    assert_eq!(
        sealed(prize::results_page(&t.db, &employee, year, AFTER_DEADLINE).await),
        Some((Phase::Sealed, false))
    );
    assert!(matches!(
        prize::results_page(&t.db, &committee, year, AFTER_DEADLINE).await,
        Ok(ResultsPage::Open(ref r)) if r.preview
    ));
    assert_eq!(
        prize::results_page(&t.db, &Actor::Anonymous, year, AFTER_DEADLINE)
            .await
            .map(drop),
        Err(AppError::Forbidden)
    );

    prize::publish(&t.db, &committee, year, AFTER_DEADLINE)
        .await
        .unwrap();

    // The editors' announcement may be made public: it leaves out the declined name.
    let (body, _) = crate::posts_service::announcement(&t, &format!("prize_year:{year}")).await;
    assert!(body.contains("Vikarpool"), "{body}");
    assert!(!body.contains("Per Hansens vikarpool"), "{body}");

    // Published: a visitor lists the year, reads it without its jury, and reads the
    // finalists, B without its nominee, nominator or project.
    let listed = prize::list_years(&t.db, &Actor::Anonymous, AFTER_DEADLINE)
        .await
        .unwrap();
    assert_eq!(listed.iter().map(|y| y.id).collect::<Vec<_>>(), [year]);
    let public_year = prize::get_year(&t.db, &Actor::Anonymous, year, AFTER_DEADLINE)
        .await
        .unwrap();
    assert!(public_year.public && !public_year.manages);
    assert!(
        public_year
            .categories
            .iter()
            .all(|c| c.jury.is_empty() && c.chair.name.is_empty())
    );
    assert!(
        !prize::get_year(&t.db, &employee, year, AFTER_DEADLINE)
            .await
            .unwrap()
            .public
    );
    let public_b = prize::get_nomination(&t.db, &Actor::Anonymous, b, AFTER_DEADLINE)
        .await
        .unwrap();
    assert!(public_b.public);
    assert_eq!(public_b.row.nominee, "");
    assert_eq!(public_b.row.nominator.name, "");
    assert!(public_b.row.project.is_none() && public_b.nominee_user.is_none());
    assert!(
        public_b.links.is_empty() && public_b.justification.is_empty(),
        "the declined colleague's nomination shows no texts or links outside"
    );
    let public_a = prize::get_nomination(&t.db, &Actor::Anonymous, a, AFTER_DEADLINE)
        .await
        .unwrap();
    assert_eq!(
        public_a.row.nominee, "Team Innsjekk",
        "a name not declined is shown"
    );
    assert!(!public_a.justification.is_empty() && public_a.links.is_empty());
    assert_eq!(
        prize::get_nomination(&t.db, &Actor::Anonymous, c, AFTER_DEADLINE)
            .await
            .map(drop),
        Err(AppError::Forbidden),
        "a nomination that was not shortlisted stays inside"
    );
    let outside = prize::results(&t.db, &Actor::Anonymous, year, AFTER_DEADLINE)
        .await
        .unwrap();
    let line = |r: &app::prize::domain::view::YearResults, id: i32| {
        r.categories[0]
            .finalists
            .iter()
            .find(|f| f.nomination_id == id)
            .cloned()
            .unwrap()
    };
    let outside_b = line(&outside, b);
    assert_eq!(
        (
            outside_b.place,
            outside_b.nominee.as_str(),
            outside_b.shown_publicly
        ),
        (1, "", false)
    );
    let inside = prize::results(&t.db, &employee, year, AFTER_DEADLINE)
        .await
        .unwrap();
    assert_eq!(line(&inside, b).nominee, "Per Hansens vikarpool");
    assert_eq!(
        line(&inside, d).score,
        None,
        "one juror left, who did not vote"
    );
}

on_both_backends!(a_published_year_is_public_without_the_names_of_those_who_declined);
