//! The region rules applied to what NoTrain remembers: the evaluation behind the popup's rule
//! section and the banner's "Why?".

use crate::model::date::Date;
use crate::model::report::Context;
use crate::model::verdict::{Reason, Verdict};
use crate::region::{self, Assessment, Evaluation, Explanation, Observed};
use crate::rules::ServiceRules;
use crate::state::record::{Observation, Record};
use crate::view::banner::{Arg, Line};

/// The rule of `rules`' primary setting in the assumed region today, given what NoTrain last saw.
pub fn assess(rules: &ServiceRules, record: &Record, context: &Context) -> Evaluation {
    let seen = record.primary_reading(rules).and_then(observed);
    evaluate_primary(rules, context, seen)
}

/// The rule of `rules`' primary setting in the assumed region on the context's date, given an
/// observation.
pub fn evaluate_primary(
    rules: &ServiceRules,
    context: &Context,
    observed: Option<region::Observation>,
) -> Evaluation {
    let country = region::assumed_country(context);
    region::evaluate(&Assessment {
        service_id: rules.service.id.to_string(),
        setting_id: rules.service.primary_setting.to_string(),
        country: country.as_ref().map(|c| c.code.clone()),
        country_inferred: country.as_ref().is_some_and(|c| c.inferred),
        today: Date::from_unix_ms(context.now_ms),
        observed,
    })
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

/// The banner's "Why?": what NoTrain saw, the rule here, and what switching off does.
pub fn why(rules: &ServiceRules, record: &Record, evaluation: &Evaluation) -> Vec<Line> {
    let explanation = &evaluation.explanation;
    let mut lines = Vec::new();
    if let Some(seen) = record.primary_reading(rules) {
        if seen.verdict == Verdict::Exposed {
            let date = Date::from_unix_ms(seen.at_ms);
            lines.push(Line::with("whyObservedOn", vec![Arg::Date(date)]));
        }
    }
    if let (Some(true), Some(since)) = (explanation.default_on, explanation.default_on_since) {
        lines.push(Line::with("whyDefaultOnSince", vec![Arg::Date(since)]));
    }
    if let (Some(code), true) = (&explanation.country, explanation.country_inferred) {
        lines.push(Line::with(
            "whyRegionGuessed",
            vec![Arg::Country(code.clone())],
        ));
    }
    lines.extend(legal_basis(explanation));
    if explanation.stops_future_use_only {
        lines.push(Line::plain("popupFutureOnly"));
    }
    lines
}

/// The legal basis LinkedIn relies on, as its `_locales` sentence, if the rules name one.
pub fn legal_basis(explanation: &Explanation) -> Option<Line> {
    let basis = explanation.legal_basis.as_ref()?;
    Some(Line::plain(format!(
        "legalBasis_{}",
        basis.replace('-', "_")
    )))
}
