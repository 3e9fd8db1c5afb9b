//! Programmes on SQLite and PostgreSQL (issue 12: "a programme page sums its projects"): the
//! sums in SQL against the same sums taken by hand over every row, and a bounded number of
//! queries whatever the number of projects.

use std::collections::HashMap;

use crate::common::{Backend, TestDb};
use crate::portfolio_view::NOW;
use app::auth::Actor;
use app::core::error::AppError;
use app::portfolio::domain::benefit::{planned_gain, realised_gain};
use app::portfolio::entities::{benefit, programme, project, project_funding};
use app::portfolio::service::{get_programme, list_programmes, seed_demo_portfolio};
use sea_orm::EntityTrait;

async fn seeded(backend: Backend, projects: usize) -> TestDb {
    let t = TestDb::with_demo_users(backend).await;
    seed_demo_portfolio(&t.db, &Actor::System, projects, NOW)
        .await
        .unwrap();
    t
}

/// Per programme: projects, budget, funding, economic target, economic latest value.
async fn by_hand(t: &TestDb) -> HashMap<i32, (u64, i64, i64, i64, i64)> {
    let projects = project::Entity::find().all(&t.db).await.unwrap();
    let programme_of: HashMap<i32, Option<i32>> =
        projects.iter().map(|p| (p.id, p.programme_id)).collect();
    let mut sums: HashMap<i32, (u64, i64, i64, i64, i64)> = programme::Entity::find()
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .map(|p| (p.id, (0, 0, 0, 0, 0)))
        .collect();
    for p in &projects {
        if let Some(id) = p.programme_id {
            let s = sums.get_mut(&id).unwrap();
            s.0 += 1;
            s.1 += p.budget_nok.unwrap_or(0);
        }
    }
    for f in project_funding::Entity::find().all(&t.db).await.unwrap() {
        if let Some(id) = programme_of[&f.project_id] {
            sums.get_mut(&id).unwrap().2 += f.amount_nok;
        }
    }
    for b in benefit::Entity::find().all(&t.db).await.unwrap() {
        if b.kind != "economic" {
            continue;
        }
        if let Some(id) = programme_of[&b.project_id] {
            let s = sums.get_mut(&id).unwrap();
            s.3 += planned_gain(b.baseline, b.target);
            s.4 += b
                .latest_value
                .map_or(0, |v| realised_gain(b.baseline, b.target, v));
        }
    }
    sums
}

async fn a_programme_sums_its_projects(backend: Backend) {
    let t = seeded(backend, 80).await;
    let employee = crate::common::demo_actor(&t, 1).await;

    let listed = list_programmes(&t.db, &employee).await.unwrap();
    let expected = by_hand(&t).await;

    assert_eq!(listed.len(), expected.len());
    assert!(listed.len() >= 3, "the demo has its programmes");
    let names: Vec<&str> = listed.iter().map(|p| p.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted, "by name");
    for p in &listed {
        let got = (
            p.projects,
            p.budget.0,
            p.funding.0,
            p.planned_gain_nok,
            p.realised_gain_nok,
        );
        assert_eq!(got, expected[&p.id], "{}", p.name);
        assert_eq!(&get_programme(&t.db, &employee, p.id).await.unwrap(), p);
    }
    let digital = listed
        .iter()
        .find(|p| p.name == "Digitalt førstevalg")
        .unwrap();
    assert!(digital.projects > 10 && digital.planned_gain_nok > 0 && digital.budget.0 > 0);
    assert_eq!(
        get_programme(&t.db, &employee, 999_999).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        list_programmes(&t.db, &Actor::Anonymous).await,
        Err(AppError::Forbidden)
    );
}

async fn programmes_cost_the_same_queries_for_10_or_400_projects(backend: Backend) {
    let few = seeded(backend, 10).await;
    let many = seeded(backend, 400).await;
    let cost = |t: &TestDb| {
        let db = t.db.clone();
        async move {
            let all = list_programmes(&db, &Actor::System).await.unwrap();
            let one = get_programme(&db, &Actor::System, all[0].id).await.unwrap();
            (all.iter().map(|p| p.projects).sum::<u64>(), one.projects)
        }
    };
    let ((in_few, _), queries_few) = few.queries_of(cost(&few)).await;
    let ((in_many, _), queries_many) = many.queries_of(cost(&many)).await;
    assert!(in_many > in_few, "{in_few} {in_many}");
    assert!(queries_few > 0, "the counter counts");
    assert_eq!(queries_few, queries_many);
}

on_both_backends!(
    a_programme_sums_its_projects,
    programmes_cost_the_same_queries_for_10_or_400_projects,
);
