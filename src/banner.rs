//! What the content script shows: the banner's state, whether it is visible, its message and its
//! buttons. Text is named by `_locales` message key; the extension renders it with `textContent`.

use crate::verdict::{Reason, Verdict};
use serde::Serialize;

/// A button the banner offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    OptOut,
    Dismiss,
}

/// The banner as the core describes it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Banner {
    /// The banner host's `data-state`.
    pub state: Verdict,
    /// Whether the user has something to do or read; otherwise the host stays hidden.
    pub visible: bool,
    /// ISO 3166-1 alpha-2 region assumed, empty when none (`data-region`).
    pub region: String,
    /// `_locales` key of the one sentence the banner says.
    pub message: &'static str,
    pub actions: Vec<Action>,
}

/// Describes the banner for a verdict and its reason.
pub fn describe(state: Verdict, reason: Reason) -> Banner {
    let (visible, message, actions) = match (state, reason) {
        (Verdict::Exposed, Reason::Disabled) => {
            (true, "bannerExposedDisabled", vec![Action::Dismiss])
        }
        (Verdict::Exposed, _) => (true, "bannerExposed", vec![Action::OptOut, Action::Dismiss]),
        (Verdict::Protected, Reason::Verified) => (true, "bannerVerified", vec![Action::Dismiss]),
        (Verdict::Protected, Reason::AlreadyOff) => {
            (true, "bannerAlreadyOff", vec![Action::Dismiss])
        }
        (Verdict::Protected, _) => (false, "bannerProtected", vec![]),
        (Verdict::Working, Reason::Verifying) => (true, "bannerVerifying", vec![]),
        (Verdict::Working, _) => (false, "bannerLooking", vec![]),
        (Verdict::Failed, Reason::FlippedBack) => (true, "bannerFailedFlippedBack", retry()),
        (Verdict::Failed, Reason::NoChange) => (true, "bannerFailedNoChange", retry()),
        (Verdict::Failed, _) => (true, "bannerFailedLost", retry()),
        (Verdict::Unknown, Reason::Ambiguous) => (true, "bannerUnknownAmbiguous", dismiss()),
        (Verdict::Unknown, Reason::NotFound) => (true, "bannerUnknownNotFound", dismiss()),
        (Verdict::Unknown, Reason::Disagreeing | Reason::Unreadable) => {
            (true, "bannerUnknownUnreadable", dismiss())
        }
        (Verdict::Unknown, _) => (false, "bannerUnknown", vec![]),
        (Verdict::Unavailable, _) => (true, "bannerUnavailable", dismiss()),
        (Verdict::SignedOut, _) => (false, "bannerSignedOut", vec![]),
    };
    Banner {
        state,
        visible,
        region: String::new(),
        message,
        actions,
    }
}

fn retry() -> Vec<Action> {
    vec![Action::OptOut, Action::Dismiss]
}

fn dismiss() -> Vec<Action> {
    vec![Action::Dismiss]
}
