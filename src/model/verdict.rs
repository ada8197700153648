//! The verdict NoTrain reaches about a setting (the AI setting on its page and elsewhere, each
//! setting of a review on its page), and the reason for it, down to how a review's setting ended.

crate::named_enum! {
    /// What NoTrain can truthfully say. These are also the banner's `data-state` values.
    pub enum Verdict {
        /// The toggle reads ON: LinkedIn may use the member's data for AI training.
        Exposed = "exposed",
        /// The toggle reads OFF.
        Protected = "protected",
        /// NoTrain cannot tell.
        Unknown = "unknown",
        /// NoTrain is looking or an opt-out is being verified.
        Working = "working",
        /// An opt-out was tried and could not be verified.
        Failed = "failed",
        /// The setting is not offered here.
        Unavailable = "unavailable",
        /// The visitor is not signed in to LinkedIn.
        SignedOut = "signed-out",
    }
}

crate::named_enum! {
    /// Why a verdict was reached, where the verdict alone does not say enough.
    pub enum Reason {
        /// Read from the toggle on the setting page.
        Read = "read",
        /// Read OFF after NoTrain's click, and it stayed OFF.
        Verified = "verified",
        /// The user asked to opt out but the toggle already read OFF.
        AlreadyOff = "already-off",
        /// The toggle is disabled: LinkedIn does not let it be changed here.
        Disabled = "disabled",
        /// NoTrain is still waiting for the page to show the toggle.
        Looking = "looking",
        /// NoTrain clicked and is waiting for the toggle to settle.
        Verifying = "verifying",
        /// The page settled without any control that is the setting's toggle.
        NotFound = "not-found",
        /// Several controls claim to be the toggle.
        Ambiguous = "ambiguous",
        /// `checked` and `aria-checked` disagree.
        Disagreeing = "disagreeing",
        /// The toggle gives no readable state.
        Unreadable = "unreadable",
        /// After the click the toggle never read OFF.
        NoChange = "no-change",
        /// The toggle read OFF, then flipped back ON (LinkedIn's save failed).
        FlippedBack = "flipped-back",
        /// The toggle disappeared or became unreadable while verifying.
        Lost = "lost",
        /// The page read OFF after NoTrain's click, and NoTrain is loading it again to read what
        /// LinkedIn kept.
        Confirming = "confirming",
        /// After NoTrain's click the page read OFF, but a fresh load of it reads ON: LinkedIn did
        /// not keep the change.
        NotKept = "not-kept",
        /// `checked` and `aria-checked` disagree while the page saves a change (for a few
        /// seconds at most).
        Saving = "saving",
        /// NoTrain has never read the setting.
        NeverRead = "never-read",
        /// A sign-in page or the authwall.
        SignInPage = "sign-in-page",
        /// The rules say LinkedIn does not offer the setting in this region today.
        NotOffered = "not-offered",
        /// Away from the setting page: what NoTrain last read there.
        Remembered = "remembered",
        /// Away from the setting page: the last reading is old enough to check again.
        Stale = "stale",
        /// Never read, and the rules say the setting is ON by default here: probably exposed.
        DefaultOn = "default-on",
        /// NoTrain is taking the user to the setting page to opt out there.
        Guiding = "guiding",
        /// A guided opt-out waits for the user to sign in.
        WaitingForSignIn = "waiting-for-sign-in",
        /// The review was cancelled before it reached this setting.
        Cancelled = "cancelled",
        /// The review ran out of time (or the clock moved backwards) before this setting.
        Expired = "expired",
        /// The review's tab left LinkedIn's settings pages before this setting.
        Left = "left",
        /// Not included in the review (the user unticked it meanwhile).
        Skipped = "skipped",
    }
}
