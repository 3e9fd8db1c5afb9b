//! Project phases after KS' roadmap for service innovation (DESIGN §4). The list is data: an
//! admin may rename phases or add one without a code change, so the rules below work on any
//! ordered list with one "stopped" phase, not on a fixed enum.

use serde::{Deserialize, Serialize};

/// One phase as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phase {
    pub id: i32,
    /// Stable key for the API and files, e.g. `utvikling_og_utproving`.
    pub key: String,
    pub name: String,
    /// Order along the roadmap; the stopped phase's position does not matter.
    pub position: i32,
    /// The phase a project ends in when it is stopped (lessons required).
    pub stops: bool,
    /// A project may go past it on the way forward (issue 30: a transition rule an
    /// administrator sets, e.g. a small change needs no pilot).
    pub optional: bool,
}

/// The defaults: KS' five phases in order, and *Stoppet* (key, name).
pub const DEFAULT_PHASES: [(&str, &str); 5] = [
    ("forankring", "Forankring"),
    ("innsikt_og_ide", "Innsikt og idé"),
    ("utvikling_og_utproving", "Utvikling og utprøving"),
    ("overgang_til_drift", "Overgang til drift"),
    ("ny_praksis", "Ny praksis"),
];
pub const STOPPED_PHASE: (&str, &str) = ("stoppet", "Stoppet");

/// What kind of step a phase change is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    Forward,
    /// One step back; needs a reason.
    Back,
    /// To the stopped phase, from any phase; needs the lessons learnt.
    Stop,
}

/// Why a phase change is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TransitionError {
    UnknownPhase,
    /// The project is in that phase already.
    SamePhase,
    /// More than one step, forward or back.
    NotAdjacent,
    /// A stopped project stays stopped; a new start is a new project.
    AlreadyStopped,
    /// Going back or stopping needs a note (the reason, the lessons).
    NoteRequired,
}

/// The phases of a portfolio, in roadmap order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roadmap {
    ordinary: Vec<Phase>,
    stopped: Option<Phase>,
}

impl Roadmap {
    pub fn new(phases: impl IntoIterator<Item = Phase>) -> Self {
        let (mut ordinary, stopped): (Vec<Phase>, Vec<Phase>) =
            phases.into_iter().partition(|p| !p.stops);
        ordinary.sort_by_key(|p| (p.position, p.id));
        Self {
            ordinary,
            stopped: stopped.into_iter().min_by_key(|p| p.id),
        }
    }

    /// The phase a new project starts in (the first of the roadmap).
    pub fn first(&self) -> Option<&Phase> {
        self.ordinary.first()
    }

    /// Every phase: the roadmap in order, then the stopped phase.
    pub fn all(&self) -> impl Iterator<Item = &Phase> {
        self.ordinary.iter().chain(self.stopped.iter())
    }

    pub fn by_key(&self, key: &str) -> Option<&Phase> {
        self.all().find(|p| p.key == key)
    }

    pub fn by_id(&self, id: i32) -> Option<&Phase> {
        self.all().find(|p| p.id == id)
    }

    /// The ordinary phases' ids in roadmap order (without *Stoppet*).
    pub fn order(&self) -> Vec<i32> {
        self.ordinary.iter().map(|p| p.id).collect()
    }

    /// Whether `id` is the phase that stops a project.
    pub fn is_stopped(&self, id: i32) -> bool {
        self.stopped.as_ref().is_some_and(|p| p.id == id)
    }

    /// Whether a project may go from phase `from` to `to` with `note` (DESIGN §4, issue 12):
    /// forward one step, or past phases that may be skipped (issue 30); back one step with a
    /// reason; to *Stoppet* from any phase with the lessons; nothing out of *Stoppet*.
    pub fn check(&self, from: i32, to: i32, note: &str) -> Result<Step, TransitionError> {
        let stopped_id = self.stopped.as_ref().map(|p| p.id);
        if Some(from) == stopped_id {
            return Err(TransitionError::AlreadyStopped);
        }
        let index = |id| self.ordinary.iter().position(|p| p.id == id);
        let from_index = index(from).ok_or(TransitionError::UnknownPhase)?;
        let has_note = !note.trim().is_empty();
        if Some(to) == stopped_id {
            return if has_note {
                Ok(Step::Stop)
            } else {
                Err(TransitionError::NoteRequired)
            };
        }
        let to_index = index(to).ok_or(TransitionError::UnknownPhase)?;
        let skipped_all_optional = || {
            self.ordinary[from_index + 1..to_index]
                .iter()
                .all(|p| p.optional)
        };
        match to_index as i64 - from_index as i64 {
            0 => Err(TransitionError::SamePhase),
            1 => Ok(Step::Forward),
            2.. if skipped_all_optional() => Ok(Step::Forward),
            -1 if has_note => Ok(Step::Back),
            -1 => Err(TransitionError::NoteRequired),
            _ => Err(TransitionError::NotAdjacent),
        }
    }
}

/// The roadmap's order with `id` moved one place up (earlier) or down; `None` when it is not
/// in the order or is at that end already.
pub fn moved(order: &[i32], id: i32, up: bool) -> Option<Vec<i32>> {
    let at = order.iter().position(|p| *p == id)?;
    let to = if up { at.checked_sub(1)? } else { at + 1 };
    if to >= order.len() {
        return None;
    }
    let mut order = order.to_vec();
    order.swap(at, to);
    Some(order)
}

/// The roadmap's order with the new phase `id` placed after `after` (first when `None`, or
/// when `after` is not in the order).
pub fn inserted(order: &[i32], id: i32, after: Option<i32>) -> Vec<i32> {
    let at = after
        .and_then(|a| order.iter().position(|p| *p == a))
        .map_or(0, |i| i + 1);
    let mut order = order.to_vec();
    order.insert(at, id);
    order
}

/// The positions stored for an order: 10, 20, 30 … (room to insert by hand).
pub fn positions(order: &[i32]) -> Vec<(i32, i32)> {
    order.iter().zip((1..).map(|n| n * 10)).map(|(id, pos)| (*id, pos)).collect()
}

/// A new phase's key from its name: lower case, Norwegian letters spelled out (æ → ae,
/// ø → o, å → a), anything else between words an underscore; numbered when taken.
pub fn phase_key(name: &str, taken: &[String]) -> String {
    let mut key = String::new();
    for c in name.to_lowercase().chars() {
        match c {
            'æ' => key.push_str("ae"),
            'ø' => key.push('o'),
            'å' => key.push('a'),
            'é' | 'è' | 'ê' => key.push('e'),
            c if c.is_ascii_alphanumeric() => key.push(c),
            _ if !key.is_empty() && !key.ends_with('_') => key.push('_'),
            _ => {}
        }
    }
    let mut key: String = key.trim_end_matches('_').chars().take(40).collect();
    if key.is_empty() {
        key.push_str("fase");
    }
    let base = key.clone();
    let mut n = 2;
    while taken.contains(&key) {
        key = format!("{base}_{n}");
        n += 1;
    }
    key
}

/// A phase change as typed or sent: the next phase's key and the note, judged by the service
/// against the project's roadmap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhaseStepText {
    pub to: String,
    pub note: String,
}

crate::parsed_input!(PhaseStepText);

#[cfg(test)]
mod tests {
    use super::*;

    /// The default roadmap with ids 1–5 and *Stoppet* as 6.
    fn roadmap() -> Roadmap {
        let mut phases: Vec<Phase> = DEFAULT_PHASES
            .iter()
            .zip(1..)
            .map(|((key, name), id)| Phase {
                id,
                key: (*key).into(),
                name: (*name).into(),
                position: id * 10,
                stops: false,
                optional: false,
            })
            .collect();
        phases.push(Phase {
            id: 6,
            key: STOPPED_PHASE.0.into(),
            name: STOPPED_PHASE.1.into(),
            position: 0,
            stops: true,
            optional: false,
        });
        // Stored order is no guide: the roadmap sorts by position.
        phases.reverse();
        Roadmap::new(phases)
    }

    #[test]
    fn a_project_moves_forward_one_step() {
        let r = roadmap();
        assert_eq!(r.first().map(|p| p.key.as_str()), Some("forankring"));
        assert_eq!(r.check(1, 2, ""), Ok(Step::Forward));
        assert_eq!(r.check(4, 5, "i drift fra august"), Ok(Step::Forward));
        assert_eq!(r.check(1, 3, ""), Err(TransitionError::NotAdjacent));
        assert_eq!(r.check(5, 6 + 1, ""), Err(TransitionError::UnknownPhase));
    }

    #[test]
    fn going_back_one_step_needs_a_reason() {
        let r = roadmap();
        assert_eq!(r.check(3, 2, "  "), Err(TransitionError::NoteRequired));
        assert_eq!(r.check(3, 2, "Piloten avdekket nye behov"), Ok(Step::Back));
        assert_eq!(
            r.check(4, 1, "helt på nytt"),
            Err(TransitionError::NotAdjacent)
        );
        assert_eq!(r.check(2, 2, "x"), Err(TransitionError::SamePhase));
    }

    #[test]
    fn any_phase_may_stop_with_lessons_and_a_stopped_project_stays_stopped() {
        let r = roadmap();
        for from in 1..=5 {
            assert_eq!(
                r.check(from, 6, "Lærte at behovet var mindre"),
                Ok(Step::Stop)
            );
            assert_eq!(r.check(from, 6, ""), Err(TransitionError::NoteRequired));
        }
        assert_eq!(
            r.check(6, 1, "ny start"),
            Err(TransitionError::AlreadyStopped)
        );
        assert_eq!(r.check(6, 5, "x"), Err(TransitionError::AlreadyStopped));
    }

    #[test]
    fn an_added_phase_takes_its_place_in_the_order() {
        let mut phases: Vec<Phase> = roadmap().all().cloned().collect();
        phases.push(Phase {
            id: 7,
            key: "spredning".into(),
            name: "Spredning".into(),
            position: 45,
            stops: false,
            optional: false,
        });
        let r = Roadmap::new(phases);
        let keys: Vec<&str> = r.all().map(|p| p.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "forankring",
                "innsikt_og_ide",
                "utvikling_og_utproving",
                "overgang_til_drift",
                "spredning",
                "ny_praksis",
                "stoppet"
            ]
        );
        assert_eq!(r.check(4, 7, ""), Ok(Step::Forward));
        assert_eq!(r.check(4, 5, ""), Err(TransitionError::NotAdjacent));
        assert_eq!(r.by_key("spredning").map(|p| p.id), Some(7));
    }

    #[test]
    fn a_project_may_go_past_phases_that_may_be_skipped_and_only_those() {
        let phases: Vec<Phase> = roadmap()
            .all()
            .cloned()
            .map(|mut p| {
                p.optional = p.id == 3;
                p
            })
            .collect();
        let r = Roadmap::new(phases);
        assert_eq!(r.check(2, 4, ""), Ok(Step::Forward), "past 3, which may be skipped");
        assert_eq!(r.check(2, 3, ""), Ok(Step::Forward), "or into it");
        assert_eq!(r.check(1, 4, ""), Err(TransitionError::NotAdjacent), "2 may not be");
        assert_eq!(r.check(4, 2, "x"), Err(TransitionError::NotAdjacent), "back is one step");
    }

    #[test]
    fn phases_move_one_place_and_a_new_one_goes_after_the_chosen() {
        assert_eq!(moved(&[1, 2, 3], 2, true), Some(vec![2, 1, 3]));
        assert_eq!(moved(&[1, 2, 3], 2, false), Some(vec![1, 3, 2]));
        assert_eq!(moved(&[1, 2, 3], 1, true), None);
        assert_eq!(moved(&[1, 2, 3], 3, false), None);
        assert_eq!(moved(&[1, 2, 3], 9, false), None);
        assert_eq!(inserted(&[1, 2, 3], 7, Some(2)), [1, 2, 7, 3]);
        assert_eq!(inserted(&[1, 2, 3], 7, None), [7, 1, 2, 3]);
        assert_eq!(inserted(&[1, 2, 3], 7, Some(3)), [1, 2, 3, 7]);
        assert_eq!(positions(&[5, 1]), [(5, 10), (1, 20)]);
    }

    #[test]
    fn a_new_phases_key_is_its_name_in_plain_letters_and_never_taken() {
        assert_eq!(phase_key("Spredning", &[]), "spredning");
        assert_eq!(phase_key("Gevinst-realisering og læring", &[]), "gevinst_realisering_og_laering");
        assert_eq!(phase_key(" Prøv ut – på nytt! ", &[]), "prov_ut_pa_nytt");
        let taken = vec!["spredning".to_owned(), "spredning_2".to_owned()];
        assert_eq!(phase_key("Spredning", &taken), "spredning_3");
        assert_eq!(phase_key("???", &[]), "fase");
    }
}
