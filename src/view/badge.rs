//! The toolbar badge, the worst state across the services turned on: `ON` on red when any is
//! exposed, `?` on grey when any is not known to be OFF (never read, unclear, failed), `OFF` on
//! green only when every one was read OFF; its tooltip names the services it is about.

use crate::model::verdict::Verdict;
use crate::rules::ServiceRules;
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
    /// The names of the services the tooltip is about, joined (its one substitution).
    pub services: String,
}

/// The badge for what NoTrain remembers of the services turned on (`on`, in their listed order).
pub fn badge(record: &Record, on: &[&ServiceRules]) -> Badge {
    let state = |rules: &&ServiceRules| record.primary_reading(rules).map(|seen| seen.verdict);
    let named = |wanted: fn(Option<Verdict>) -> bool| {
        let mut names = String::new();
        for rules in on.iter().filter(|rules| wanted(state(rules))) {
            if !names.is_empty() {
                names.push_str(", ");
            }
            names.push_str(&rules.service.name);
        }
        names
    };
    let exposed = named(|state| state == Some(Verdict::Exposed));
    let failed = named(|state| state == Some(Verdict::Failed));
    let unknown = named(|state| !matches!(state, Some(Verdict::Protected)));
    let (text, color, title, services) = if !exposed.is_empty() {
        ("ON", "#b3261e", "badgeTitleExposed", exposed)
    } else if !failed.is_empty() {
        ("?", "#5f6368", "badgeTitleFailed", failed)
    } else if !unknown.is_empty() || on.is_empty() {
        ("?", "#5f6368", "badgeTitleUnknown", unknown)
    } else {
        ("OFF", "#1b6e3a", "badgeTitleProtected", named(|_| true))
    };
    Badge {
        text,
        color,
        title,
        services,
    }
}
