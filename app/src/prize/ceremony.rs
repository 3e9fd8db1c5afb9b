//! The ceremony mode (issue 14): full-screen slides in large type that reveal each
//! category's finalists and then its winner, one step at a time, driven by the keyboard
//! (→, space, Page Down: next; ←, Page Up: back; Home, End; F: full screen). The one island
//! of the prize besides the shared form: the server renders the step in `?steg=` with plain
//! links to the neighbours, so the ceremony also runs without the WebAssembly.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One slide, its texts translated by the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slide {
    pub kicker: String,
    pub title: String,
    pub detail: String,
    pub winner: bool,
}

/// The ceremony's own words, translated by the server (the island carries no dictionary).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CeremonyLabels {
    pub region: String,
    pub next: String,
    pub previous: String,
    /// The link out of the ceremony (to the results).
    pub exit: String,
    pub exit_href: String,
    pub step: String,
    pub of: String,
    pub keys: String,
}

/// The step a link or key leads to, kept within the slides.
pub fn clamp_step(step: i64, count: usize) -> usize {
    let last = i64::try_from(count.saturating_sub(1)).unwrap_or(0);
    usize::try_from(step.clamp(0, last)).unwrap_or(0)
}

#[island]
pub fn Ceremony(slides: Vec<Slide>, start: usize, labels: CeremonyLabels) -> impl IntoView {
    let count = slides.len();
    let current = RwSignal::new(clamp_step(i64::try_from(start).unwrap_or(0), count));
    let go = move |to: i64| current.set(clamp_step(to, count));
    let step = move || i64::try_from(current.get()).unwrap_or(0);
    #[cfg(feature = "hydrate")]
    {
        let handle = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.ctrl_key() || ev.alt_key() || ev.meta_key() {
                return;
            }
            let now = i64::try_from(current.get_untracked()).unwrap_or(0);
            let to = match ev.key().as_str() {
                "ArrowRight" | "PageDown" | " " => now + 1,
                "ArrowLeft" | "PageUp" => now - 1,
                "Home" => 0,
                "End" => i64::try_from(count).unwrap_or(0),
                "f" | "F" => {
                    if let Some(root) = document().document_element() {
                        let _ = root.request_fullscreen();
                    }
                    return;
                }
                _ => return,
            };
            ev.prevent_default();
            go(to);
        });
        on_cleanup(move || handle.remove());
    }
    let slides = StoredValue::new(slides);
    let slide = move || {
        slides
            .with_value(|all| all.get(current.get()).cloned())
            .map(|s| {
                let class = if s.winner {
                    "ceremony__slide ceremony__slide--winner"
                } else {
                    "ceremony__slide"
                };
                view! {
                    <div class=class>
                        <p class="ceremony__kicker">{s.kicker}</p>
                        <p class="ceremony__title">{s.title}</p>
                        <p class="ceremony__detail">{s.detail}</p>
                    </div>
                }
            })
    };
    let link = move |delta: i64| {
        move |ev: leptos::ev::MouseEvent| {
            ev.prevent_default();
            go(step() + delta);
        }
    };
    let position = {
        let (word, of) = (labels.step.clone(), labels.of.clone());
        move || format!("{word} {} {of} {count}", current.get() + 1)
    };
    let region = labels.region.clone();
    view! {
        <section class="ceremony" aria-label=region>
            <div aria-live="polite" aria-atomic="true">{slide}</div>
            <nav class="ceremony__nav" aria-label=labels.region>
                <a href=move || format!("?steg={}", (step() - 1).max(0)) on:click=link(-1)>
                    {labels.previous}
                </a>
                <span>{position}</span>
                <a href=move || format!("?steg={}", clamp_step(step() + 1, count)) on:click=link(1)>
                    {labels.next}
                </a>
            </nav>
            <p class="ceremony__keys">
                {labels.keys} " " <a href=labels.exit_href>{labels.exit}</a>
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::clamp_step;

    #[test]
    fn steps_stay_within_the_slides() {
        assert_eq!(clamp_step(-3, 5), 0);
        assert_eq!(clamp_step(2, 5), 2);
        assert_eq!(clamp_step(99, 5), 4);
        assert_eq!(clamp_step(1, 0), 0);
    }
}
