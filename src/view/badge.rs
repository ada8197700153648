//! The toolbar badge: `ON` on red while exposed, `OFF` on green while protected, `?` on grey
//! otherwise, with a tooltip saying what it means.

use crate::model::verdict::Verdict;
use crate::service::main_service;
use crate::state::record::Record;
use serde::Serialize;

/// What the background sets on the toolbar button.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Badge {
    pub text: &'static str,
    /// CSS colour of the badge background.
    pub color: &'static str,
    /// `_locales` key of the tooltip.
    pub title: &'static str,
}

/// The badge for what NoTrain remembers.
pub fn badge(record: &Record) -> Badge {
    match record
        .primary_reading(main_service())
        .map(|seen| seen.verdict)
    {
        Some(Verdict::Exposed) => Badge {
            text: "ON",
            color: "#b3261e",
            title: "badgeTitleExposed",
        },
        Some(Verdict::Protected) => Badge {
            text: "OFF",
            color: "#1b6e3a",
            title: "badgeTitleProtected",
        },
        Some(Verdict::Failed) => Badge {
            text: "?",
            color: "#5f6368",
            title: "badgeTitleFailed",
        },
        _ => Badge {
            text: "?",
            color: "#5f6368",
            title: "badgeTitleUnknown",
        },
    }
}
