//! What the popup says: the remembered verdict in plain words, when it was read, the region
//! assumed and why, and the rule that applies there (as data the popup renders in any language).

use crate::banner::describe;
use crate::engine::Context;
use crate::record::{Observation, Record};
use crate::region::{self, Assessment, Date, Explanation, Observed};
use crate::rules::AI_SETTING_ID;
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
    pub region: RegionView,
    /// The rule in force for the assumed region today.
    pub explanation: Explanation,
}

/// The region assumed, and where it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RegionView {
    /// ISO 3166-1 alpha-2, or empty when unknown.
    pub code: String,
    pub source: RegionSource,
    /// The browser's time zone, when it was used.
    pub time_zone: Option<String>,
}

/// How the region was assumed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RegionSource {
    Chosen,
    TimeZone,
    None,
}

/// The popup for what NoTrain remembers, in `context`.
pub fn view(record: &Record, context: &Context) -> PopupView {
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
    let country = context.country();
    let region = match &country {
        Some(c) if !c.inferred => RegionView {
            code: c.code.clone(),
            source: RegionSource::Chosen,
            time_zone: None,
        },
        Some(c) => RegionView {
            code: c.code.clone(),
            source: RegionSource::TimeZone,
            time_zone: context.time_zone.clone(),
        },
        None => RegionView {
            code: String::new(),
            source: RegionSource::None,
            time_zone: context.time_zone.clone(),
        },
    };
    let evaluation = region::evaluate(&Assessment {
        setting_id: AI_SETTING_ID.to_owned(),
        country: country.as_ref().map(|c| c.code.clone()),
        country_inferred: country.as_ref().is_some_and(|c| c.inferred),
        today: Date::from_unix_ms(context.now_ms),
        observed: seen.and_then(observed),
    });
    PopupView {
        state,
        reason,
        headline,
        read_at_ms: seen.map(|seen| seen.at_ms),
        setting_url: crate::rules::setting_url(),
        region,
        explanation: evaluation.explanation,
    }
}

/// A remembered verdict as the rules' observation (only what was actually seen on the page).
fn observed(seen: &Observation) -> Option<region::Observation> {
    let state = match (seen.verdict, seen.reason) {
        (Verdict::Exposed, _) => Observed::On,
        (Verdict::Protected, _) => Observed::Off,
        (Verdict::Unavailable, _) | (Verdict::Unknown, Reason::NotFound) => Observed::Missing,
        _ => return None,
    };
    Some(region::Observation {
        state,
        at: Date::from_unix_ms(seen.at_ms),
    })
}
