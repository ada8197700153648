//! On a service's pages other than the setting page, where the toggle cannot be read: the banner
//! follows what NoTrain remembers and the region's rule, and its button starts the guided opt-out.

use crate::decide::Directive;
use crate::model::report::{Context, Intent, Report};
use crate::model::verdict::{Reason, Verdict};
use crate::region::Basis;
use crate::rules::ServiceRules;
use crate::state::guided::{self, Request};
use crate::state::record::{Record, STALE_MS};
use crate::view::assess::{assess, why};
use crate::view::banner::{describe, Action, Arg};

/// How long "Dismiss" hides the banner on these pages (the badge stays).
pub const SNOOZE_MS: u64 = 7 * 24 * 60 * 60 * 1000;

/// Decides on any page of the service that is not the setting, sign-in or account page.
pub fn decide(
    rules: &ServiceRules,
    report: &Report,
    record: &mut Record,
    context: &Context,
) -> Directive {
    let now_ms = context.now_ms;
    match report.intent {
        Some(Intent::OptOut) => {
            let from = Some(report.snapshot.url.as_str());
            guided::request(record, &rules.service.id, Request::OptOut, from, now_ms);
            return Directive {
                navigate: Some(rules.setting_url(rules.primary())),
                ..Directive::showing(describe(Verdict::Working, Reason::Guiding))
            };
        }
        Some(Intent::Dismiss) => record.snoozed_until_ms = Some(now_ms.saturating_add(SNOOZE_MS)),
        Some(Intent::Cancel | Intent::Back) | None => {}
    }
    let evaluation = assess(rules, record, context);
    let seen = record.primary_reading(rules);
    let stale = seen.is_some_and(|seen| now_ms.saturating_sub(seen.at_ms) > STALE_MS);
    let mut banner = match seen.map(|seen| seen.verdict) {
        Some(Verdict::Exposed) => describe(Verdict::Exposed, Reason::Remembered),
        Some(Verdict::Failed) => describe(Verdict::Failed, Reason::Remembered),
        Some(Verdict::Protected) if stale => {
            let mut banner = describe(Verdict::Protected, Reason::Stale);
            banner.link = Some(rules.setting_url(rules.primary()));
            banner
        }
        Some(verdict @ (Verdict::Protected | Verdict::Unavailable)) => {
            describe(verdict, Reason::Remembered)
        }
        _ if evaluation.basis == Basis::DefaultOn => {
            let mut banner = describe(Verdict::Unknown, Reason::DefaultOn);
            let since = evaluation.explanation.default_on_since;
            banner.args = since.map(Arg::Date).into_iter().collect();
            banner
        }
        _ => describe(Verdict::Unknown, Reason::NeverRead),
    };
    if banner.actions.contains(&Action::OptOut) {
        banner.why = why(rules, record, &evaluation);
    }
    if record.snoozed_until_ms.is_some_and(|until| now_ms < until) {
        banner.visible = false;
    }
    Directive::showing(banner)
}

/// A sign-in page or the authwall: signed out. A pending guided opt-out waits for the sign-in,
/// and the banner says so; dismissing that banner cancels the request.
pub fn sign_in(
    rules: &ServiceRules,
    report: &Report,
    record: &mut Record,
    now_ms: u64,
) -> Directive {
    if report.intent == Some(Intent::Dismiss) {
        guided::cancel(record, &rules.service.id, now_ms);
    }
    let reason = if guided::pending(record, &rules.service.id, now_ms).is_some() {
        Reason::WaitingForSignIn
    } else {
        Reason::SignInPage
    };
    Directive::showing(describe(Verdict::SignedOut, reason))
}
