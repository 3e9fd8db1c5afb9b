//! The ceremony mode (issue 14): full-screen slides in large type that reveal each
//! category's finalists and then its winner, one step at a time, driven by the keyboard
//! (→, space, Page Down: next; ←, Page Up: back; Home, End; F: full screen). The one island
//! of the prize besides the shared form: the server renders the step in `?steg=` with plain
//! links to the neighbours, so the ceremony also runs without the WebAssembly.
//!
//! Accessibility (issue 24): the keys act only while the ceremony has focus (it takes focus
//! when it starts, and keeps it while one of its links has it), so "F" is no single-key
//! shortcut of the whole page (WCAG 2.1.4); full screen also has a button. While the
//! ceremony is on the page, the stylesheet hides the site's header, menu and footer, so no
//! tab stop sits behind it (2.4.3, 2.4.7), and the slide flows in the page rather than being
//! fixed over it, so all of it can be scrolled to at 400 % zoom (1.4.10).

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
    /// The button that switches full screen on and off (shown once the island runs).
    pub fullscreen: String,
}

/// The step a link or key leads to, kept within the slides.
pub fn clamp_step(step: i64, count: usize) -> usize {
    let last = i64::try_from(count.saturating_sub(1)).unwrap_or(0);
    usize::try_from(step.clamp(0, last)).unwrap_or(0)
}

/// What a key does in the ceremony: a step to go to, full screen, or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAction {
    Go(i64),
    FullScreen,
}

/// The ceremony's keys, at step `now` of `count` slides. A key with Ctrl, Alt or Meta held
/// is the browser's (or the screen reader's), and so is a key pressed on a button (space
/// presses it).
pub fn key_action(
    key: &str,
    modified: bool,
    on_button: bool,
    now: i64,
    count: usize,
) -> Option<KeyAction> {
    if modified || on_button {
        return None;
    }
    let last = i64::try_from(count).unwrap_or(0) - 1;
    Some(match key {
        "ArrowRight" | "PageDown" | " " => KeyAction::Go(now + 1),
        "ArrowLeft" | "PageUp" => KeyAction::Go(now - 1),
        "Home" => KeyAction::Go(0),
        "End" => KeyAction::Go(last.max(0)),
        "f" | "F" => KeyAction::FullScreen,
        _ => return None,
    })
}

#[island]
pub fn Ceremony(slides: Vec<Slide>, start: usize, labels: CeremonyLabels) -> impl IntoView {
    let count = slides.len();
    let current = RwSignal::new(clamp_step(i64::try_from(start).unwrap_or(0), count));
    let go = move |to: i64| current.set(clamp_step(to, count));
    let step = move || i64::try_from(current.get()).unwrap_or(0);
    let root = NodeRef::<leptos::html::Section>::new();
    // The full-screen button needs the script, so it appears once the island runs.
    let running = RwSignal::new(false);
    // The ceremony takes focus when it starts, unless the user has already moved it (to a
    // link, before the WebAssembly ran).
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(root) = root.get() {
            let elsewhere = document()
                .active_element()
                .is_some_and(|active| Some(&active) != document().body().as_deref());
            if !elsewhere {
                let _ = root.focus();
            }
            running.set(true);
        }
    });
    let full_screen = move || {
        #[cfg(feature = "hydrate")]
        {
            let document = document();
            if document.fullscreen_element().is_some() {
                document.exit_fullscreen();
            } else if let Some(root) = root.get_untracked() {
                let _ = root.request_fullscreen();
            }
        }
    };
    // On the ceremony, not the window: the keys act only while the ceremony has focus.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            let on_button = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|t| t.tag_name().eq_ignore_ascii_case("button"));
            let modified = ev.ctrl_key() || ev.alt_key() || ev.meta_key();
            let now = i64::try_from(current.get_untracked()).unwrap_or(0);
            match key_action(&ev.key(), modified, on_button, now, count) {
                Some(KeyAction::Go(to)) => {
                    ev.prevent_default();
                    go(to);
                }
                Some(KeyAction::FullScreen) => {
                    ev.prevent_default();
                    full_screen();
                }
                None => {}
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
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
    let fullscreen_label = labels.fullscreen.clone();
    let button = move || {
        running.get().then(|| {
            view! {
                <button
                    type="button"
                    class="ds-button"
                    data-variant="secondary"
                    on:click=move |_| {
                        full_screen();
                        // Back to the ceremony, so space and the arrows step again (space on
                        // the button would press it once more).
                        #[cfg(feature = "hydrate")]
                        if let Some(root) = root.get_untracked() {
                            let _ = root.focus();
                        }
                    }
                >
                    {fullscreen_label.clone()}
                </button>
            }
        })
    };
    view! {
        <section class="ceremony" aria-label=region tabindex="-1" node_ref=root on:keydown=on_key>
            <div aria-live="polite" aria-atomic="true">{slide}</div>
            <nav class="ceremony__nav" aria-label=labels.region>
                <a href=move || format!("?steg={}", (step() - 1).max(0)) on:click=link(-1)>
                    {labels.previous}
                </a>
                <span>{position}</span>
                <a href=move || format!("?steg={}", clamp_step(step() + 1, count)) on:click=link(1)>
                    {labels.next}
                </a>
                {button}
            </nav>
            <p class="ceremony__keys">
                {labels.keys} " " <a href=labels.exit_href>{labels.exit}</a>
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::{KeyAction, clamp_step, key_action};

    #[test]
    fn steps_stay_within_the_slides() {
        assert_eq!(clamp_step(-3, 5), 0);
        assert_eq!(clamp_step(2, 5), 2);
        assert_eq!(clamp_step(99, 5), 4);
        assert_eq!(clamp_step(1, 0), 0);
    }

    #[test]
    fn keys_step_and_leave_modified_keys_and_buttons_alone() {
        assert_eq!(
            key_action("ArrowRight", false, false, 2, 5),
            Some(KeyAction::Go(3))
        );
        assert_eq!(key_action(" ", false, false, 2, 5), Some(KeyAction::Go(3)));
        assert_eq!(
            key_action("PageUp", false, false, 2, 5),
            Some(KeyAction::Go(1))
        );
        assert_eq!(
            key_action("Home", false, false, 2, 5),
            Some(KeyAction::Go(0))
        );
        assert_eq!(
            key_action("End", false, false, 2, 5),
            Some(KeyAction::Go(4))
        );
        assert_eq!(
            key_action("F", false, false, 0, 5),
            Some(KeyAction::FullScreen)
        );
        assert_eq!(
            key_action("f", true, false, 0, 5),
            None,
            "Ctrl+F is the browser's search"
        );
        assert_eq!(key_action("ArrowLeft", true, false, 2, 5), None);
        assert_eq!(
            key_action(" ", false, true, 2, 5),
            None,
            "space presses the button"
        );
        assert_eq!(key_action("x", false, false, 2, 5), None);
        assert_eq!(
            key_action("End", false, false, 0, 0),
            Some(KeyAction::Go(0))
        );
    }
}
