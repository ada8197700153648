//! One click from anywhere on LinkedIn: the banner away from the setting page, the guided request
//! it records, the setting page that carries it out once, dismissal and the stale reminder, with
//! the clock injected through the core's context.

mod guided_common;

use guided_common::*;
use notrain::decide::decide;
use notrain::model::date::Date;
use notrain::model::report::{Context, Intent, Report};
use notrain::model::verdict::Verdict;
use notrain::service::main_service;
use notrain::state::guided::REQUEST_TTL_MS;
use notrain::state::record::Record;
use notrain::view::banner::{Action, Arg};

#[test]
fn never_read_in_germany_today_shows_probably_exposed_with_the_date_and_why() {
    let directive = feed(&mut Record::default(), &berlin(NOW));
    let banner = directive.banner;
    assert!(banner.visible);
    assert_eq!(
        banner.state,
        Verdict::Unknown,
        "never 'protected', never 'exposed' unread"
    );
    assert_eq!(banner.message, "bannerProbablyExposed");
    assert_eq!(
        banner.args,
        vec![Arg::Date(Date::new(2025, 11, 3).expect("date"))]
    );
    assert_eq!(banner.region, "DE");
    assert!(banner.actions.contains(&Action::OptOut));
    let why: Vec<&str> = banner.why.iter().map(|line| line.key.as_str()).collect();
    assert!(
        why.contains(&"legalBasis_gdpr_legitimate_interest"),
        "{why:?}"
    );
    assert!(why.contains(&"popupFutureOnly"), "{why:?}");
    assert_eq!(directive.click, None);
    assert!(!directive.observe, "no observer away from the setting page");
}

#[test]
fn without_a_region_an_unread_setting_shows_no_banner() {
    let directive = feed(&mut Record::default(), &Context::at(NOW));
    assert!(!directive.banner.visible);
    assert_eq!(directive.banner.state, Verdict::Unknown);
}

#[test]
fn protected_shows_no_banner_until_the_reading_is_stale() {
    let fresh = feed(
        &mut remembering(Verdict::Protected, NOW - 29 * DAY),
        &berlin(NOW),
    );
    assert!(!fresh.banner.visible);
    let stale = feed(
        &mut remembering(Verdict::Protected, NOW - 31 * DAY),
        &berlin(NOW),
    );
    assert!(stale.banner.visible);
    assert_eq!(stale.banner.message, "bannerStale");
    assert_eq!(stale.banner.actions, vec![Action::Check, Action::Dismiss]);
    assert_eq!(stale.banner.link.as_deref(), Some(SETTING));
}

#[test]
fn dismissal_snoozes_the_banner_for_seven_days() {
    let mut record = remembering(Verdict::Exposed, NOW - DAY);
    let dismissed = decide(
        &page(FEED, None, Some(Intent::Dismiss)),
        &mut record,
        &berlin(NOW),
    );
    assert!(!dismissed.banner.visible);
    assert!(!feed(&mut record, &berlin(NOW + 6 * DAY)).banner.visible);
    assert!(feed(&mut record, &berlin(NOW + 7 * DAY)).banner.visible);
}

#[test]
fn one_click_on_the_feed_leads_to_one_verified_click_on_the_setting_page() {
    let mut record = remembering(Verdict::Exposed, NOW - DAY);
    let asked = decide(
        &page(FEED, None, Some(Intent::OptOut)),
        &mut record,
        &berlin(NOW),
    );
    assert_eq!(asked.navigate.as_deref(), Some(SETTING));
    assert_eq!(asked.click, None);

    let arrived = decide(
        &page(SETTING, Some(true), None),
        &mut record,
        &berlin(NOW + 3_000),
    );
    assert_eq!(arrived.click, Some(0), "no second click needed");
    assert_eq!(record.pending_opt_out, None, "the request is consumed once");

    let off = Report {
        flow: arrived.flow,
        ..page(SETTING, Some(false), None)
    };
    let settling = decide(&off, &mut record, &berlin(NOW + 3_500));
    let reload = decide(
        &Report {
            flow: settling.flow,
            ..off.clone()
        },
        &mut record,
        &berlin(NOW + 4_600),
    );
    assert_eq!(
        reload.navigate.as_deref(),
        Some(SETTING),
        "loads the page again"
    );
    assert_eq!(reload.banner.message, "bannerConfirming");
    let seen = record
        .primary_reading(main_service())
        .map(|seen| seen.verdict);
    assert_eq!(
        seen,
        Some(Verdict::Exposed),
        "nothing stored before the fresh load"
    );
    let fresh = Report {
        loaded_at_ms: FRESH_LOAD,
        ..page(SETTING, Some(false), None)
    };
    let holding = decide(&fresh, &mut record, &berlin(NOW + 5_000));
    assert_eq!(holding.banner.state, Verdict::Working);
    let done = decide(
        &Report {
            flow: holding.flow,
            ..fresh.clone()
        },
        &mut record,
        &berlin(NOW + 5_000 + settle_ms()),
    );
    assert_eq!(done.banner.state, Verdict::Protected);
    assert_eq!(done.banner.message, "bannerVerified");
    assert!(done.banner.actions.contains(&Action::Back));
    assert_eq!(done.banner.link.as_deref(), Some(FEED));

    let reloaded = decide(
        &page(SETTING, Some(true), None),
        &mut record,
        &berlin(NOW + 9_000),
    );
    assert_eq!(reloaded.click, None, "a replayed page does nothing");
}

#[test]
fn an_expired_request_does_nothing() {
    let mut record = Record::default();
    decide(
        &page(FEED, None, Some(Intent::OptOut)),
        &mut record,
        &berlin(NOW),
    );
    let late = NOW + REQUEST_TTL_MS;
    let directive = decide(&page(SETTING, Some(true), None), &mut record, &berlin(late));
    assert_eq!(directive.click, None);
    assert_eq!(directive.banner.state, Verdict::Exposed);
}

#[test]
fn a_request_waits_through_the_sign_in_page() {
    let mut record = Record::default();
    decide(
        &page(FEED, None, Some(Intent::OptOut)),
        &mut record,
        &berlin(NOW),
    );
    let sign_in = "https://www.linkedin.com/authwall?sessionRedirect=x";
    let waiting = decide(
        &page(sign_in, None, None),
        &mut record,
        &berlin(NOW + 5_000),
    );
    assert_eq!(waiting.banner.state, Verdict::SignedOut);
    assert_eq!(waiting.banner.message, "bannerSignInFirst");
    assert!(waiting.banner.visible);
    let after = decide(
        &page(SETTING, Some(true), None),
        &mut record,
        &berlin(NOW + 60_000),
    );
    assert_eq!(after.click, Some(0));
}

#[test]
fn an_expired_request_is_forgotten_and_dismissing_sign_in_cancels_a_waiting_one() {
    let mut record = Record::default();
    decide(
        &page(FEED, None, Some(Intent::OptOut)),
        &mut record,
        &berlin(NOW),
    );
    feed(&mut record, &berlin(NOW + REQUEST_TTL_MS));
    assert_eq!(
        record.pending_opt_out, None,
        "an expired request does not linger"
    );

    decide(
        &page(FEED, None, Some(Intent::OptOut)),
        &mut record,
        &berlin(NOW),
    );
    let sign_in = "https://www.linkedin.com/login";
    let cancelled = decide(
        &page(sign_in, None, Some(Intent::Dismiss)),
        &mut record,
        &berlin(NOW + 1),
    );
    assert!(!cancelled.banner.visible);
    assert_eq!(record.pending_opt_out, None);
    let later = decide(
        &page(SETTING, Some(true), None),
        &mut record,
        &berlin(NOW + 5_000),
    );
    assert_eq!(later.click, None, "a cancelled request clicks nothing");
}

#[test]
fn a_guided_request_on_an_off_toggle_clicks_nothing_and_says_already_off() {
    let mut record = Record::default();
    decide(
        &page(FEED, None, Some(Intent::OptOut)),
        &mut record,
        &berlin(NOW),
    );
    let (first, directive) = off_and_held(&mut record, NOW + 2_000);
    assert_eq!((first.click, directive.click), (None, None));
    assert!(
        first.banner.visible,
        "the user asked: the banner says it is checking"
    );
    assert_eq!(directive.banner.message, "bannerAlreadyOff");
    assert_eq!(record.pending_opt_out, None);
}

#[test]
fn dismiss_never_hides_a_fresh_on_reading_on_the_setting_page() {
    let mut record = Record::default();
    let on = decide(&page(SETTING, Some(true), None), &mut record, &berlin(NOW));
    assert_eq!(on.banner.state, Verdict::Exposed);
    assert_eq!(
        on.banner.actions,
        vec![Action::OptOut],
        "no Dismiss on an ON reading here"
    );
    let dismissed_earlier = Report {
        dismissed: true,
        ..page(SETTING, Some(true), None)
    };
    let still = decide(&dismissed_earlier, &mut record, &berlin(NOW + 1_000));
    assert!(
        still.banner.visible,
        "an ON reading after a dismissal on this page is shown"
    );
    let off = Report {
        dismissed: true,
        ..page(SETTING, Some(false), None)
    };
    let holding = decide(&off, &mut record, &berlin(NOW + 2_000));
    let held = Report {
        flow: holding.flow,
        ..off
    };
    let hidden = decide(&held, &mut record, &berlin(NOW + 2_000 + settle_ms()));
    assert_eq!(hidden.banner.state, Verdict::Protected);
    assert!(
        !hidden.banner.visible,
        "a dismissed OFF banner stays hidden"
    );
}
