//! What the popup says: the remembered verdict in plain words, and when it was read.

use crate::banner::describe;
use crate::record::Record;
use crate::verdict::{Reason, Verdict};
use serde::Serialize;

/// The popup's content, as message keys and facts; the popup renders it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PopupView {
    pub state: Verdict,
    pub reason: Reason,
    /// `_locales` key of the headline sentence.
    pub headline: &'static str,
    /// When the verdict was reached (ms since the epoch), if ever.
    pub read_at_ms: Option<u64>,
    /// The setting page a person can open to check or change it.
    pub setting_url: String,
}

/// The popup for what NoTrain remembers.
pub fn view(record: &Record) -> PopupView {
    let seen = record.ai_training.as_ref();
    let state = seen.map_or(Verdict::Unknown, |seen| seen.verdict);
    let reason = seen.map_or(Reason::NeverRead, |seen| seen.reason);
    let headline = match state {
        Verdict::Exposed => "popupExposed",
        Verdict::Protected => "popupProtected",
        Verdict::Failed => "popupFailed",
        _ if reason == Reason::NeverRead => "popupNeverRead",
        _ => describe(state, reason).message,
    };
    PopupView {
        state,
        reason,
        headline,
        read_at_ms: seen.map(|seen| seen.at_ms),
        setting_url: crate::rules::setting_url(),
    }
}
