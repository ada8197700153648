//! The promises every decision keeps, on every service, judged by the oracle (`services.rs`,
//! the rules files read as plain JSON) with the rules of the page's own service:
//!
//! - `protected` (banner or record) never without an OFF reading of that service's toggle on its
//!   setting page with its gate open (no `waitFor` element counted 0, the counts answering its
//!   `look`); stored only once that reading held for its `settleMs`, and a verified one never on
//!   the load that clicked; away from the setting page only as remembered;
//! - a click only on this report's located, enabled toggle of the page's service reading ON, its
//!   gate open, no flow under way, after an opt-out intent or a fresh opt-out request of that
//!   service (and then always, unless a confirmation of it waits in this tab: then never);
//! - `look` is exactly the service's prerequisites' selectors, on its setting page only; a
//!   `press` only of a `click` step in that list, counted exactly once, not in `pressed`, behind no
//!   closed gate, the furthest shown one, while the switch is not there to read, and only when the
//!   user asked (an intent, a fresh request of that service, opt-out or check) or a stored
//!   confirmation of that service waits for this fresh load;
//! - `navigate` and a link shown only to the page's service's origin: its setting page after an
//!   opt-out intent on another of its pages, the page itself to confirm a click that read OFF;
//! - another service's request and readings are left as they were; nothing done on account pages
//!   or on no service's page.

use crate::oracle::{fresh, reads};
use crate::report::Load;
use crate::services::{kind_of, origin_of, service, Facts, Kind};
use notrain::decide::Directive;
use notrain::model::flow::Flow;
use notrain::model::report::{Intent, Report};
use notrain::model::verdict::{Reason, Verdict};
use notrain::service::main_service;
use notrain::state::record::{Observation, Record};
use notrain::view::badge::badge;
use proptest::prelude::*;

/// A confirmation waits this long for its fresh load (README: the page is loaded again at once).
const CONFIRM_TTL_MS: u64 = 60_000;

/// One call to the core: what it was given and what it answered.
pub struct Call<'a> {
    pub report: &'a Report,
    pub before: &'a Record,
    pub record: &'a Record,
    pub directive: &'a Directive,
    pub now: u64,
}

/// The reading of `facts`' primary setting in `record`.
fn reading_of<'r>(record: &'r Record, facts: &Facts) -> Option<&'r Observation> {
    let mut each = record.readings.iter();
    let found = each.find(|o| o.service == facts.id && o.setting == facts.setting);
    found.map(|o| &o.seen)
}

fn protected(record: &Record, facts: &Facts) -> bool {
    reading_of(record, facts).is_some_and(|seen| seen.verdict == Verdict::Protected)
}

/// The fresh request waiting in `record` for `facts`' service (`Some(true)`: an opt-out).
fn request_for(record: &Record, facts: &Facts, now: u64) -> Option<bool> {
    let pending = record.pending_opt_out.as_ref()?;
    let its = pending
        .service
        .as_deref()
        .unwrap_or(&service("linkedin").id);
    (its == facts.id && fresh(pending.requested_at_ms, now)).then_some(!pending.read_only)
}

/// Whether a fresh confirmation of `facts`' setting waits in the report's tab (`fresh_load`:
/// and this report is another load than the one that clicked).
fn confirming(call: &Call, facts: &Facts, fresh_load: bool) -> bool {
    let (report, now) = (call.report, call.now);
    call.before.confirming.as_ref().is_some_and(|c| {
        let age = now.checked_sub(c.requested_at_ms);
        let other_load = report.loaded_at_ms != c.clicked_on_load && report.loaded_at_ms != 0;
        c.service == facts.id
            && c.setting == facts.setting
            && c.tab == report.tab
            && age.is_some_and(|age| age < CONFIRM_TTL_MS)
            && (other_load || !fresh_load)
    })
}

/// Whether `target` is on `facts`' service: an `https://` URL on one of its hosts (ASCII case
/// and the port ignored, as the core's classifier ignores them).
fn its_origin(target: &str, facts: &Facts) -> bool {
    let Some(origin) = origin_of(target) else {
        return false;
    };
    let host = origin
        .trim_start_matches("https://")
        .split(':')
        .next()
        .unwrap_or_default();
    facts.hosts.iter().any(|h| h.eq_ignore_ascii_case(host))
}

pub fn check_step(call: &Call, load: &mut Load) -> Result<(), TestCaseError> {
    let (report, directive) = (call.report, call.directive);
    let url = &report.snapshot.url;
    let (kind, facts) = kind_of(url);
    if let Some(facts) = facts {
        check_protected(call, facts, kind, load)?;
        check_click(call, facts, kind, load)?;
        check_press(call, facts, kind)?;
        check_navigate(call, facts, kind)?;
        check_others_left(call, facts, kind)?;
    } else {
        prop_assert!(directive.click.is_none() && directive.navigate.is_none());
        prop_assert!(directive.press.is_none() && directive.look.is_none());
    }
    if !matches!(kind, Kind::Setting | Kind::Other) {
        prop_assert!(directive.click.is_none() && directive.navigate.is_none());
        prop_assert!(directive.flow.is_none() && directive.press.is_none());
    }
    if kind == Kind::NeverAct || facts.is_none() {
        prop_assert!(
            !directive.observe && !directive.banner.visible && directive.recheck_ms.is_none()
        );
        let mut expected = call.before.clone();
        if expected
            .pending_opt_out
            .as_ref()
            .is_some_and(|p| !fresh(p.requested_at_ms, call.now))
        {
            expected.pending_opt_out = None;
        }
        let live = |c: &notrain::state::record::Confirmation| {
            call.now
                .checked_sub(c.requested_at_ms)
                .is_some_and(|age| age < CONFIRM_TTL_MS)
        };
        if !expected.confirming.as_ref().is_some_and(live) {
            expected.confirming = None; // an expired confirmation is forgotten anywhere
        }
        prop_assert_eq!(
            call.record,
            &expected,
            "record changed on a {:?} page",
            kind
        );
    }
    let left = call.record.pending_opt_out.as_ref();
    prop_assert!(
        left.is_none_or(|p| fresh(p.requested_at_ms, call.now)),
        "stale request kept"
    );
    Ok(())
}

fn check_protected(
    call: &Call,
    facts: &Facts,
    kind: Kind,
    load: &Load,
) -> Result<(), TestCaseError> {
    let (report, directive, record) = (call.report, call.directive, call.record);
    let reading = facts.the_toggle(&report.snapshot).and_then(reads);
    let gate = facts.gate_open(&report.found);
    if directive.banner.state == Verdict::Protected {
        // A switch behind a click, its page not opened: what NoTrain remembers, as elsewhere.
        let readable = gate && facts.matches_any(&report.snapshot);
        let unread = !facts.prerequisites.is_empty() && !readable && protected(call.before, facts);
        if kind == Kind::Setting && !unread {
            prop_assert!(
                reading == Some(false) && gate,
                "protected on {}'s setting page without an OFF reading (gate {})",
                facts.id,
                gate
            );
        } else {
            prop_assert!(
                protected(call.before, facts),
                "protected elsewhere without a record"
            );
        }
    }
    let newly =
        protected(record, facts) && reading_of(record, facts) != reading_of(call.before, facts);
    if newly {
        prop_assert_eq!(
            kind,
            Kind::Setting,
            "protected stored away from the setting page"
        );
        let held = match report.flow {
            Some(Flow::Holding { off_since_ms, .. }) => {
                call.now.saturating_sub(off_since_ms) >= facts.settle_ms
            }
            _ => false,
        };
        prop_assert!(
            held && reading == Some(false) && gate,
            "protected stored without a held OFF reading"
        );
        let verified = reading_of(record, facts).is_some_and(|s| s.reason == Reason::Verified);
        prop_assert!(
            !verified || load.clicked_on != Some(load.id),
            "verified on the load that clicked"
        );
    }
    if facts.id == main_service().service.id && protected(record, facts) {
        prop_assert_eq!(badge(record, &[main_service()]).text, "OFF");
    }
    Ok(())
}

fn check_click(
    call: &Call,
    facts: &Facts,
    kind: Kind,
    load: &mut Load,
) -> Result<(), TestCaseError> {
    let (report, directive) = (call.report, call.directive);
    let toggle = facts.the_toggle(&report.snapshot);
    let reading = toggle.and_then(reads);
    let gate = facts.gate_open(&report.found);
    let asked = report.intent == Some(Intent::OptOut)
        || request_for(call.before, facts, call.now) == Some(true);
    let waits = confirming(call, facts, false);
    if let Some(index) = directive.click {
        load.clicked_on = Some(load.id);
        prop_assert_eq!(kind, Kind::Setting, "click away from the setting page");
        prop_assert!(!waits, "click while a confirmation waits");
        prop_assert!(
            gate,
            "click while a waitFor element is counted 0 ({:?})",
            report.found
        );
        let Some(toggle) = toggle else {
            return Err(TestCaseError::fail("click without one located toggle"));
        };
        prop_assert_eq!(
            toggle.index,
            index,
            "click on another control than the switch"
        );
        prop_assert!(
            !toggle.disabled && reading == Some(true),
            "click on {:?}",
            toggle
        );
        prop_assert!(report.flow.is_none() && asked, "click not asked for");
    }
    let can_click = toggle.is_some_and(|t| !t.disabled) && reading == Some(true) && gate;
    if kind == Kind::Setting && can_click && report.flow.is_none() && asked && !waits {
        prop_assert_eq!(
            directive.click,
            toggle.map(|t| t.index),
            "asked to opt out, no click"
        );
    }
    Ok(())
}

fn check_press(call: &Call, facts: &Facts, kind: Kind) -> Result<(), TestCaseError> {
    let (report, directive) = (call.report, call.directive);
    let look = facts.look();
    if kind == Kind::Setting && !look.is_empty() {
        prop_assert_eq!(directive.look.as_ref(), Some(&look), "look");
    } else {
        prop_assert_eq!(
            directive.look.as_ref(),
            None,
            "look away from a setting behind a click"
        );
    }
    let Some(index) = directive.press else {
        return Ok(());
    };
    let at = usize::try_from(index).unwrap_or(usize::MAX);
    let found = &report.found;
    prop_assert!(
        at < look.len(),
        "press of {} outside look {:?}",
        index,
        look
    );
    prop_assert_eq!(found.len(), look.len(), "press on counts of another look");
    prop_assert_eq!(found[at], 1, "press of one counted {}", found[at]);
    prop_assert!(!report.pressed.contains(&index), "press of {} again", index);
    let steps = &facts.prerequisites;
    prop_assert!(steps[at].click, "press of a waitFor step");
    let gate = facts.gate(found).unwrap_or(steps.len());
    prop_assert!(at < gate, "press behind a closed gate");
    let further = (at + 1..gate).find(|&j| steps[j].click && found[j] > 0);
    prop_assert_eq!(further, None, "a further step is shown");
    let readable = facts.gate_open(found) && facts.matches_any(&report.snapshot);
    prop_assert!(!readable, "press while the switch is there to read");
    let asked = report.intent == Some(Intent::OptOut)
        || request_for(call.before, facts, call.now).is_some()
        || confirming(call, facts, true);
    prop_assert!(asked, "press nobody asked for");
    Ok(())
}

fn check_navigate(call: &Call, facts: &Facts, kind: Kind) -> Result<(), TestCaseError> {
    let (report, directive) = (call.report, call.directive);
    let url = &report.snapshot.url;
    if let Some(link) = &directive.banner.link {
        prop_assert!(
            its_origin(link, facts),
            "link {} on {}'s page {} (banner {:?}, way back {:?})",
            link,
            facts.id,
            url,
            directive.banner.state,
            call.before.return_to
        );
    }
    let Some(target) = &directive.navigate else {
        if kind == Kind::Other && report.intent == Some(Intent::OptOut) {
            return Err(TestCaseError::fail(
                "opt-out elsewhere did not go to the setting",
            ));
        }
        return Ok(());
    };
    prop_assert!(
        its_origin(target, facts),
        "navigate to {} from {}",
        target,
        url
    );
    let after_click = matches!(
        report.flow,
        Some(Flow::Clicked { .. } | Flow::Settling { .. })
    );
    let back =
        report.intent == Some(Intent::Back) && Some(target) == call.before.return_to.as_ref();
    if back {
        // The way back, once: checked for its origin above.
    } else if kind == Kind::Setting && after_click {
        let reading = facts.the_toggle(&report.snapshot).and_then(reads);
        prop_assert_eq!(reading, Some(false), "reloaded without an OFF reading");
        let again = match facts.hash_route() {
            Some(_) => url.as_str(),
            None => url.split('#').next().unwrap_or_default(),
        };
        prop_assert_eq!(target.as_str(), again, "loaded again elsewhere");
    } else {
        prop_assert_eq!(target, &facts.setting_url(), "navigate elsewhere");
        let opt_out = report.intent == Some(Intent::OptOut);
        // On a route behind a click, an opt-out whose hold broke is taken as a new request.
        let route = kind == Kind::Setting && !facts.prerequisites.is_empty();
        prop_assert!(
            opt_out && (kind == Kind::Other || route),
            "navigate to {} unasked from a {:?} page {} ({:?}, flow {:?})",
            target,
            kind,
            url,
            report.intent,
            report.flow
        );
    }
    Ok(())
}

fn check_others_left(call: &Call, facts: &Facts, kind: Kind) -> Result<(), TestCaseError> {
    let (before, record, now) = (call.before, call.record, call.now);
    let others = crate::services::services()
        .iter()
        .filter(|s| s.id != facts.id);
    for other in others {
        prop_assert_eq!(
            reading_of(record, other),
            reading_of(before, other),
            "{}'s reading changed on {}'s page",
            other.id,
            facts.id
        );
        let waiting = request_for(before, other, now).is_some();
        // A new opt-out replaces the one waiting (one request at a time): asked on another page,
        // or on a route behind a click whose switch is not shown (that page answers as another).
        let elsewhere =
            kind == Kind::Other || (kind == Kind::Setting && facts.hash_route().is_some());
        let replaced = call.report.intent == Some(Intent::OptOut) && elsewhere;
        if waiting && !replaced {
            prop_assert_eq!(
                &record.pending_opt_out,
                &before.pending_opt_out,
                "{}'s request taken on {}'s page",
                other.id,
                facts.id
            );
        }
    }
    Ok(())
}
