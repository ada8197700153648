//! What the content script shows: the banner's state, whether it is visible, its message and its
//! buttons. Text is named by `_locales` message key; the extension renders it with `textContent`.

use crate::model::date::Date;
use crate::model::verdict::{Reason, Verdict};
use serde::{Serialize, Serializer};

/// A button the banner offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Switch the setting off (here, or by taking the user to the setting page first).
    OptOut,
    /// Hide the banner (on pages other than the setting page: for 7 days).
    Dismiss,
    /// Open the setting page to read it again (the banner's `link`).
    Check,
    /// Go back to the page the user was on before the guided opt-out (the banner's `link`).
    Back,
    /// Stop the review of settings under way.
    Cancel,
}

impl Action {
    /// Whether pressing it is an intent the content script reports to the core; `Check` is not:
    /// it opens the banner's `link` itself.
    pub fn is_intent(self) -> bool {
        self != Action::Check
    }
}

/// The banner's buttons as `{name, intent}` (see [`Action::is_intent`]).
fn buttons<S: Serializer>(actions: &[Action], serializer: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Button {
        name: Action,
        intent: bool,
    }
    serializer.collect_seq(actions.iter().map(|&name| Button {
        name,
        intent: name.is_intent(),
    }))
}

/// A value substituted into a message: text as is, a date formatted in the UI language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Arg {
    Text(String),
    Date(Date),
    /// An ISO 3166-1 alpha-2 code, shown as the country's name.
    Country(String),
    /// Another `_locales` message (e.g. a setting's name), shown in the UI language.
    Message(String),
}

/// One localized sentence: a `_locales` key and its substitutions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Line {
    pub key: String,
    pub args: Vec<Arg>,
}

impl Line {
    /// A sentence without substitutions.
    pub fn plain(key: impl Into<String>) -> Line {
        Line {
            key: key.into(),
            args: Vec::new(),
        }
    }

    /// A sentence with substitutions.
    pub fn with(key: impl Into<String>, args: Vec<Arg>) -> Line {
        Line {
            key: key.into(),
            args,
        }
    }
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
    /// The name of the service the page belongs to: the last substitution of `message` and of
    /// each `why` line (a message that names the service has a placeholder for it).
    pub service: String,
    /// `_locales` key of the one sentence the banner says.
    pub message: &'static str,
    /// Substitutions for `message`.
    pub args: Vec<Arg>,
    /// The explanation behind a "Why?" button; empty: no such button.
    pub why: Vec<Line>,
    /// The buttons, in order, each with whether it is an intent (`{name, intent}`).
    #[serde(serialize_with = "buttons")]
    pub actions: Vec<Action>,
    /// Where `Check` or `Back` go (a page of the service).
    pub link: Option<String>,
    /// The review of settings this banner reports on, if any (`data-review`): `running`,
    /// `finished`, `cancelled`, `expired` or `left`.
    pub review: Option<&'static str>,
    /// Show the explanation (`why`) open, without the user pressing "Why?" (a review summary).
    pub open_why: bool,
}

/// Describes the banner for a verdict and its reason.
pub fn describe(state: Verdict, reason: Reason) -> Banner {
    use Action::{Check, Dismiss, OptOut};
    let (visible, message, actions) = match (state, reason) {
        (Verdict::Exposed, Reason::Disabled) => (true, "bannerExposedDisabled", vec![Dismiss]),
        (Verdict::Exposed, Reason::Remembered) => {
            (true, "bannerElsewhereExposed", vec![OptOut, Dismiss])
        }
        (Verdict::Exposed, _) => (true, "bannerExposed", vec![OptOut, Dismiss]),
        (Verdict::Protected, Reason::Verified) => (true, "bannerVerified", vec![Dismiss]),
        (Verdict::Protected, Reason::AlreadyOff) => (true, "bannerAlreadyOff", vec![Dismiss]),
        (Verdict::Protected, Reason::Stale) => (true, "bannerStale", vec![Check, Dismiss]),
        (Verdict::Protected, _) => (false, "bannerProtected", vec![]),
        (Verdict::Working, Reason::Verifying) => (true, "bannerVerifying", vec![]),
        (Verdict::Working, Reason::Guiding) => (true, "bannerGoing", vec![]),
        (Verdict::Working, Reason::Confirming) => (true, "bannerConfirming", vec![]),
        (Verdict::Working, _) => (false, "bannerLooking", vec![]),
        (Verdict::Failed, Reason::Remembered) => {
            (true, "bannerElsewhereFailed", vec![OptOut, Dismiss])
        }
        (Verdict::Failed, Reason::FlippedBack) => {
            (true, "bannerFailedFlippedBack", vec![OptOut, Dismiss])
        }
        (Verdict::Failed, Reason::NoChange) => {
            (true, "bannerFailedNoChange", vec![OptOut, Dismiss])
        }
        (Verdict::Failed, Reason::NotKept) => (true, "bannerFailedNotKept", vec![OptOut, Dismiss]),
        (Verdict::Failed, _) => (true, "bannerFailedLost", vec![OptOut, Dismiss]),
        (Verdict::Unknown, Reason::DefaultOn) => {
            (true, "bannerProbablyExposed", vec![OptOut, Dismiss])
        }
        (Verdict::Unknown, Reason::Ambiguous) => (true, "bannerUnknownAmbiguous", vec![Dismiss]),
        (Verdict::Unknown, Reason::NotFound) => (true, "bannerUnknownNotFound", vec![Dismiss]),
        (Verdict::Unknown, Reason::Disabled) => (true, "bannerUnknownDisabled", vec![Dismiss]),
        (Verdict::Unknown, Reason::Disagreeing | Reason::Unreadable) => {
            (true, "bannerUnknownUnreadable", vec![Dismiss])
        }
        (Verdict::Unknown, _) => (false, "bannerUnknown", vec![]),
        (Verdict::Unavailable, Reason::Remembered) => (false, "bannerUnavailable", vec![]),
        (Verdict::Unavailable, _) => (true, "bannerUnavailable", vec![Dismiss]),
        (Verdict::SignedOut, Reason::WaitingForSignIn) => {
            (true, "bannerSignInFirst", vec![Dismiss])
        }
        (Verdict::SignedOut, _) => (false, "bannerSignedOut", vec![]),
    };
    Banner {
        state,
        visible,
        region: String::new(),
        service: String::new(),
        message,
        args: Vec::new(),
        why: Vec::new(),
        actions,
        link: None,
        review: None,
        open_why: false,
    }
}
