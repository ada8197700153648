//! "Review my settings": the review's limits, natively. Cancellation (also during a verification),
//! time moving backwards, an expired review, reports from other tabs, and never acting outside
//! `/mypreferences/` or on the account pages.

mod review_support;

use notrain::model::report::Intent;
use notrain::model::verdict::Reason;
/// LinkedIn's AI-training setting, as its rules file names it.
const AI_SETTING_ID: &str = "ai-training";
use notrain::state::review::{self, allowed_path, REVIEW_TTL_MS};
use review_support::*;

#[test]
fn cancelling_leaves_every_setting_not_yet_visited_as_it_was() {
    let mut record = ticked(&["research", "partners"]);
    review::start(&mut record, NOW, TAB);
    switch_off(AI_SETTING_ID, &mut record, NOW);
    let mut cancel = report("research", Some(true), TAB);
    cancel.intent = Some(Intent::Cancel);
    let cancelled = run(&cancel, &mut record, NOW + 8_000);
    assert_eq!((cancelled.click, cancelled.navigate.clone()), (None, None));
    assert_eq!(cancelled.banner.review, Some("cancelled"));
    let reasons: Vec<_> = items(&record).into_iter().map(|i| i.2).collect();
    assert_eq!(
        reasons,
        [
            Some(Reason::Verified),
            Some(Reason::Cancelled),
            Some(Reason::Cancelled)
        ]
    );
    assert!(
        record.readings.iter().all(|o| o.setting == AI_SETTING_ID),
        "research and partners untouched"
    );
    // A later report from the tab does nothing.
    let later = run(
        &report("research", Some(true), TAB),
        &mut record,
        NOW + 9_000,
    );
    assert_eq!(later.click, None);
}

#[test]
fn a_cancel_during_a_verification_lets_that_one_finish_and_goes_no_further() {
    let mut record = ticked(&["research"]);
    review::start(&mut record, NOW, TAB);
    let clicked = run(&report(AI_SETTING_ID, Some(true), TAB), &mut record, NOW);
    review::cancel(&mut record, NOW + 100); // from the options page
    let off = run(
        &with_flow(report(AI_SETTING_ID, Some(false), TAB), &clicked),
        &mut record,
        NOW + 300,
    );
    let reload = run(
        &with_flow(report(AI_SETTING_ID, Some(false), TAB), &off),
        &mut record,
        NOW + 1_500,
    );
    let done = confirm_off(AI_SETTING_ID, &reload, &mut record, NOW + 2_500);
    assert_eq!(done.navigate, None, "no next page after a cancel");
    assert_eq!(done.banner.review, Some("cancelled"));
    let reasons: Vec<_> = items(&record).into_iter().map(|i| i.2).collect();
    assert_eq!(reasons, [Some(Reason::Verified), Some(Reason::Cancelled)]);
}

#[test]
fn time_moving_backwards_or_an_old_review_ends_it_without_acting() {
    for now in [NOW - 1, NOW + REVIEW_TTL_MS] {
        let mut record = ticked(&["research"]);
        review::start(&mut record, NOW, TAB);
        let directive = run(&report(AI_SETTING_ID, Some(true), TAB), &mut record, now);
        assert_eq!(directive.click, None, "at {now}");
        let review = record.review.as_ref().expect("kept as a summary");
        assert_eq!(review.stopped, Some(Reason::Expired));
        assert!(items(&record).iter().all(|i| i.2 == Some(Reason::Expired)));
    }
    // A click whose verification never came back is "lost", not "as it was".
    let mut record = ticked(&[]);
    review::start(&mut record, NOW, TAB);
    run(&report(AI_SETTING_ID, Some(true), TAB), &mut record, NOW);
    review::expire(&mut record, NOW + REVIEW_TTL_MS);
    assert_eq!(items(&record)[0].2, Some(Reason::Lost));
}

#[test]
fn reports_from_other_tabs_never_advance_the_review() {
    let mut record = ticked(&["research"]);
    review::start(&mut record, NOW, TAB);
    let other = run(
        &report(AI_SETTING_ID, Some(true), TAB + 1),
        &mut record,
        NOW,
    );
    assert_eq!((other.click, other.banner.review), (None, None));
    let elsewhere = run(&report("research", Some(true), TAB + 1), &mut record, NOW);
    assert_eq!(elsewhere.click, None);
    assert!(items(&record).iter().all(|i| i.2.is_none()));
}

#[test]
fn the_review_never_acts_outside_mypreferences_or_on_account_pages() {
    for path in [
        "/mypreferences/d/close-accounts",
        "/mypreferences/d/hibernate-account/",
        "/mypreferences/m/close-accounts",
        "/feed/",
        "/psettings/data-for-ai-improvement",
        "/mypreferences/d/settings/../../feed",
        "",
    ] {
        assert!(!allowed_path(path), "{path}");
    }
    assert!(allowed_path(
        "/mypreferences/d/settings/ads-beyond-linkedin"
    ));
    for page in [
        "/mypreferences/d/close-accounts",
        "/mypreferences/d/hibernate-account",
        "/feed/",
    ] {
        let mut record = ticked(&["research"]);
        review::start(&mut record, NOW, TAB);
        // Even a control carrying the AI hook is not clicked there.
        let hook = page_of(AI_SETTING_ID).1;
        let url = format!("{HOST}{page}");
        let directive = run(&at(&url, &hook, Some(true), TAB), &mut record, NOW);
        assert_eq!(
            (directive.click, directive.navigate.clone()),
            (None, None),
            "{page}"
        );
        assert_eq!(directive.banner.review, Some("left"));
        assert!(items(&record).iter().all(|i| i.2 == Some(Reason::Left)));
    }
}

#[test]
fn a_page_that_keeps_redirecting_within_settings_is_not_found_after_two_visits() {
    let mut record = ticked(&["research"]);
    review::start(&mut record, NOW, TAB);
    let hub = format!("{HOST}/mypreferences/d/categories/account");
    let again = run(&at(&hub, "x", None, TAB), &mut record, NOW);
    assert_eq!(again.navigate, Some(page_of(AI_SETTING_ID).0));
    let gave_up = run(&at(&hub, "x", None, TAB), &mut record, NOW + 1_000);
    assert_eq!(gave_up.navigate, Some(page_of("research").0));
    assert_eq!(items(&record)[0].2, Some(Reason::NotFound));
}
