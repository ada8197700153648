//! "Review my settings" on pages that are not one toggle under one hook: LinkedIn's promotions
//! page holds two settings' toggles (marketing LinkedIn to you, and tips by email), each switched
//! only when ticked and never the other; the cookie page's toggle has an id and no
//! `aria-labelledby`, and is found by that id alone.

mod review_support;

use notrain::decide::Directive;
use notrain::model::attributes::Attributes;
use notrain::model::report::Report;
use notrain::model::snapshot::{Control, Snapshot};
use notrain::model::verdict::{Reason, Verdict};
use notrain::read::locate::{locate, Located};
use notrain::service::main_service;
use notrain::state::record::Record;
use notrain::state::review;
use review_support::*;

const PROMOTIONS: &str = "promotions";
const TIPS: &str = "tips-email";
const COOKIES: &str = "cookies";
const COOKIE_ID: &str = "nonEssentialCookieConsent";

/// A switch-like control at `index` with `attributes` (and `role`, `aria-checked`), reading `on`.
fn control(index: u32, attributes: &[(&str, &str)], on: bool) -> Control {
    let mut pairs: Vec<(String, String)> = attributes
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect();
    pairs.push(("role".into(), "switch".into()));
    pairs.push(("aria-checked".into(), on.to_string()));
    Control {
        index,
        attributes: pairs.into_iter().collect::<Attributes>(),
        checked: Some(on),
        visible: true,
        ..Control::default()
    }
}

/// The hook of a setting's first locator (`labelledBy`).
fn hook(id: &str) -> String {
    page_of(id).1
}

/// The promotions page as the review's tab reports it: both toggles, in the page's order.
fn promotions_page(promotions: bool, tips: bool, loaded_at_ms: u64) -> Report {
    let controls = vec![
        control(0, &[("aria-labelledby", &hook(PROMOTIONS))], promotions),
        control(1, &[("aria-labelledby", &hook(TIPS))], tips),
    ];
    on_page(PROMOTIONS, controls, loaded_at_ms)
}

/// The cookie page: its one toggle, with LinkedIn's id and an `adToggle_` id nowhere.
fn cookie_page(on: bool, loaded_at_ms: u64) -> Report {
    let controls = vec![control(0, &[("id", COOKIE_ID)], on)];
    on_page(COOKIES, controls, loaded_at_ms)
}

fn on_page(id: &str, controls: Vec<Control>, loaded_at_ms: u64) -> Report {
    let s = main_service().setting(id).expect("known setting");
    Report {
        snapshot: Snapshot {
            url: format!("{HOST}{}", s.paths[0]),
            heading: String::new(),
            controls,
        },
        elapsed_ms: 500,
        tab: Some(TAB),
        loaded_at_ms,
        ..Report::default()
    }
}

/// Runs the verified opt-out of the control at `index` on the page `at(on, load)` describes:
/// ON, one click, OFF for 1.1 s, the page loaded again, OFF there for the hold. Returns the last
/// directive.
fn switch_off(
    at: &dyn Fn(bool, u64) -> Report,
    index: u32,
    record: &mut Record,
    now: u64,
    load: u64,
) -> Directive {
    let clicked = run(&at(true, load), record, now);
    assert_eq!(
        clicked.click,
        Some(index),
        "clicks the ticked setting's toggle"
    );
    let settling = run(&with_flow(at(false, load), &clicked), record, now + 500);
    assert_eq!(settling.click, None);
    let reload = run(&with_flow(at(false, load), &settling), record, now + 1_600);
    assert_eq!(reload.navigate, Some(at(false, load).snapshot.url));
    let fresh = at(false, load + 10_000);
    let holding = run(&fresh, record, now + 2_600);
    assert_eq!((holding.click, holding.navigate.clone()), (None, None));
    run(
        &with_flow(fresh, &holding),
        record,
        now + 2_600 + settle_ms(),
    )
}

/// The review started with `ids` ticked, past its AI page (switched off there).
fn past_the_ai_page(ids: &[&str]) -> (Record, Directive) {
    let mut record = ticked(ids);
    review::start(&mut record, NOW, TAB).expect("a first page");
    let after_ai = review_support::switch_off("ai-training", &mut record, NOW);
    (record, after_ai)
}

#[test]
fn the_second_toggle_of_a_page_is_switched_alone_when_only_it_is_ticked() {
    let (mut record, after_ai) = past_the_ai_page(&[TIPS]);
    assert_eq!(after_ai.navigate, Some(page_of(TIPS).0));
    // The marketing toggle reads ON beside it all along, and is never clicked.
    let last = switch_off(
        &|on, load| promotions_page(true, on, load),
        1,
        &mut record,
        NOW + 10_000,
        FIRST_LOAD,
    );
    assert_eq!((last.click, last.navigate.clone()), (None, None));
    assert_eq!(last.banner.review, Some("finished"));
    let (p, v) = (Some(Verdict::Protected), Some(Reason::Verified));
    assert_eq!(
        items(&record),
        [("ai-training".into(), p, v), (TIPS.into(), p, v)]
    );
    assert!(record.reading("linkedin", PROMOTIONS).is_none());
}

#[test]
fn both_toggles_of_a_page_are_switched_one_after_the_other_each_once() {
    let (mut record, after_ai) = past_the_ai_page(&[TIPS, PROMOTIONS]);
    assert_eq!(after_ai.navigate, Some(page_of(PROMOTIONS).0));
    let after_promotions = switch_off(
        &|on, load| promotions_page(on, true, load),
        0,
        &mut record,
        NOW + 10_000,
        FIRST_LOAD,
    );
    assert_eq!(after_promotions.click, None);
    assert_eq!(
        after_promotions.navigate,
        Some(page_of(TIPS).0),
        "the same page loaded again for its second toggle"
    );
    let last = switch_off(
        &|on, load| promotions_page(false, on, load),
        1,
        &mut record,
        NOW + 20_000,
        FIRST_LOAD + 30_000,
    );
    assert_eq!(last.banner.review, Some("finished"));
    let (p, v) = (Some(Verdict::Protected), Some(Reason::Verified));
    assert_eq!(
        items(&record),
        [
            ("ai-training".into(), p, v),
            (PROMOTIONS.into(), p, v),
            (TIPS.into(), p, v)
        ]
    );
}

#[test]
fn the_cookie_toggle_is_found_by_its_id_and_switched_off() {
    let cookies = main_service().setting(COOKIES).expect("the cookie setting");
    let page = cookie_page(true, FIRST_LOAD);
    assert!(matches!(locate(&page.snapshot, cookies), Located::Found(c) if c.index == 0));
    // The same id as an aria-labelledby hook is not the toggle: the rules name an id.
    let hooked = on_page(
        COOKIES,
        vec![control(0, &[("aria-labelledby", COOKIE_ID)], true)],
        FIRST_LOAD,
    );
    assert_eq!(locate(&hooked.snapshot, cookies), Located::Missing);

    let (mut record, after_ai) = past_the_ai_page(&[COOKIES]);
    assert_eq!(
        after_ai.navigate,
        Some(format!("{HOST}/mypreferences/d/member-cookies"))
    );
    let last = switch_off(&cookie_page, 0, &mut record, NOW + 10_000, FIRST_LOAD);
    assert_eq!(last.banner.review, Some("finished"));
    assert_eq!(
        record.reading("linkedin", COOKIES).map(|s| s.verdict),
        Some(Verdict::Protected)
    );
}

/// LinkedIn's `settleMs`, from its rules.
fn settle_ms() -> u64 {
    main_service().service.timings.settle_ms
}
