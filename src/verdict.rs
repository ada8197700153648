//! The verdict NoTrain reaches about the AI setting, and why.

use serde::{Deserialize, Serialize};

/// What NoTrain can truthfully say. These are also the banner's `data-state` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// The toggle reads ON: LinkedIn may use the member's data for AI training.
    Exposed,
    /// The toggle reads OFF.
    Protected,
    /// NoTrain cannot tell.
    Unknown,
    /// NoTrain is looking or an opt-out is being verified.
    Working,
    /// An opt-out was tried and could not be verified.
    Failed,
    /// The setting is not offered here.
    Unavailable,
    /// The visitor is not signed in to LinkedIn.
    SignedOut,
}

/// Why a verdict was reached, where the verdict alone does not say enough.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// Read from the toggle on the setting page.
    Read,
    /// Read OFF after NoTrain's click, and it stayed OFF.
    Verified,
    /// The user asked to opt out but the toggle already read OFF.
    AlreadyOff,
    /// The toggle is disabled: LinkedIn does not let it be changed here.
    Disabled,
    /// NoTrain is still waiting for the page to show the toggle.
    Looking,
    /// NoTrain clicked and is waiting for the toggle to settle.
    Verifying,
    /// The page settled without any control that is the setting's toggle.
    NotFound,
    /// Several controls claim to be the toggle.
    Ambiguous,
    /// `checked` and `aria-checked` disagree.
    Disagreeing,
    /// The toggle gives no readable state.
    Unreadable,
    /// After the click the toggle never read OFF.
    NoChange,
    /// The toggle read OFF, then flipped back ON (LinkedIn's save failed).
    FlippedBack,
    /// The toggle disappeared or became unreadable while verifying.
    Lost,
    /// NoTrain has never read the setting.
    NeverRead,
    /// A sign-in page or the authwall.
    SignInPage,
    /// The rules say LinkedIn does not offer the setting in this region today.
    NotOffered,
    /// Away from the setting page: what NoTrain last read there.
    Remembered,
    /// Away from the setting page: the last reading is old enough to check again.
    Stale,
    /// Never read, and the rules say the setting is ON by default here: probably exposed.
    DefaultOn,
    /// NoTrain is taking the user to the setting page to opt out there.
    Guiding,
    /// A guided opt-out waits for the user to sign in.
    WaitingForSignIn,
}
