//! The application's clock (issue 25): one source of "now" for every server function, page
//! and REST handler, held by the application state, so a test can fix the time.

use time::OffsetDateTime;

/// Where the time comes from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Clock {
    /// The system's clock.
    #[default]
    System,
    /// A fixed instant (tests).
    Fixed(OffsetDateTime),
}

impl Clock {
    pub fn now(self) -> OffsetDateTime {
        match self {
            Clock::System => OffsetDateTime::now_utc(),
            Clock::Fixed(at) => at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_fixed_clock_stands_still_and_the_system_clock_moves_on() {
        let at = datetime!(2026-12-03 11:00 UTC);
        assert_eq!(Clock::Fixed(at).now(), at);
        let before = OffsetDateTime::now_utc();
        assert!(Clock::System.now() >= before);
    }
}
