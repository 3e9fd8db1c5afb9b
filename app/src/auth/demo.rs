//! Demo accounts, one per role (DESIGN §2), loaded by the users' demo seed only. Their shared
//! password is shown on the sign-in page when the server runs in demo mode.

use crate::auth::domain::Role;

/// Passes the password policy; for demo databases only.
pub const DEMO_PASSWORD: &str = "Idéverket-demo-2026";

pub struct DemoUser {
    pub name: &'static str,
    pub email: &'static str,
    /// None: an employee with no further role.
    pub role: Option<Role>,
}

pub const DEMO_USERS: [DemoUser; 9] = [
    DemoUser {
        name: "Astrid Berg",
        email: "admin@ideverket.example",
        role: Some(Role::Admin),
    },
    DemoUser {
        name: "Kari Nordmann",
        email: "ansatt@ideverket.example",
        role: None,
    },
    DemoUser {
        name: "Per Hansen",
        email: "fagvurderer@ideverket.example",
        role: Some(Role::FundReviewer),
    },
    DemoUser {
        name: "Ingrid Johansen",
        email: "innovasjonsrad@ideverket.example",
        role: Some(Role::InnovationCouncil),
    },
    DemoUser {
        name: "Ole Larsen",
        email: "jury@ideverket.example",
        role: Some(Role::JuryMember),
    },
    DemoUser {
        name: "Sofie Andersen",
        email: "priskomite@ideverket.example",
        role: Some(Role::PrizeCommittee),
    },
    DemoUser {
        name: "Lars Pedersen",
        email: "lup@ideverket.example",
        role: Some(Role::LupCoordinator),
    },
    DemoUser {
        name: "Marit Nilsen",
        email: "leder@ideverket.example",
        role: Some(Role::Manager),
    },
    DemoUser {
        name: "Erik Kristiansen",
        email: "redaktor@ideverket.example",
        role: Some(Role::Editor),
    },
];
