//! "Review my settings": the sweep's state machine, natively. Order (AI first, then the ticked
//! settings in the rules' order), nothing but ticked settings switched and only ON→OFF, each
//! switch verified like the AI toggle, a missing toggle "not found" after settling, cancellation,
//! time moving backwards, an expired review, and never acting outside `/mypreferences/`.

use notrain::banner::Arg;
use notrain::engine::{decide, Context, Directive, Intent, Report};
use notrain::record::Record;
use notrain::rules::{setting, AI_SETTING_ID};
use notrain::snapshot::{Control, Snapshot};
use notrain::sweep::{self, allowed_path, SWEEP_TTL_MS};
use notrain::verdict::{Reason, Verdict};
use std::collections::BTreeMap;

const NOW: u64 = 1_764_000_000_000;
const TAB: u32 = 7;
const HOST: &str = "https://www.linkedin.com";

/// The first path and the hook of a setting in the rules.
fn page_of(id: &str) -> (String, String) {
    let s = setting(id).expect("known setting");
    (format!("{HOST}{}", s.paths[0]), s.hook.to_string())
}

/// A report from `tab` on the page of `id` with its toggle reading `on` (None: no toggle).
fn report(id: &str, on: Option<bool>, tab: u32) -> Report {
    let (url, hook) = page_of(id);
    at(&url, &hook, on, tab)
}

fn at(url: &str, hook: &str, on: Option<bool>, tab: u32) -> Report {
    let controls = on.map(|on| Control {
        index: 0,
        tag: "input".into(),
        attributes: BTreeMap::from([
            ("aria-labelledby".into(), hook.to_owned()),
            ("aria-checked".into(), on.to_string()),
            ("role".into(), "switch".into()),
        ]),
        checked: Some(on),
        visible: true,
        ..Control::default()
    });
    Report {
        snapshot: Snapshot {
            url: url.to_owned(),
            heading: String::new(),
            controls: controls.into_iter().collect(),
        },
        elapsed_ms: 500,
        tab: Some(tab),
        ..Report::default()
    }
}

fn with_flow(mut report: Report, previous: &Directive) -> Report {
    report.flow = previous.flow;
    report
}

fn ticked(ids: &[&str]) -> Record {
    let mut record = Record::default();
    for id in ids {
        sweep::include(&mut record, id, true);
    }
    record
}

fn run(report: &Report, record: &mut Record, now: u64) -> Directive {
    decide(report, record, &Context::at(now))
}

/// Runs the verified opt-out on `id`'s page (ON, click, OFF for 3.5 s); returns the last directive.
fn switch_off(id: &str, record: &mut Record, now: u64) -> Directive {
    let clicked = run(&report(id, Some(true), TAB), record, now);
    assert_eq!(clicked.click, Some(0), "{id}: clicked once");
    assert_eq!(clicked.banner.sweep, Some("running"));
    let off = with_flow(report(id, Some(false), TAB), &clicked);
    let settling = run(&off, record, now + 500);
    assert_eq!(settling.click, None);
    run(
        &with_flow(report(id, Some(false), TAB), &settling),
        record,
        now + 4_000,
    )
}

/// An item as (id, was, now, why).
type Row = (String, Option<Verdict>, Option<Verdict>, Option<Reason>);

fn items(record: &Record) -> Vec<Row> {
    let sweep = record.sweep.as_ref().expect("a review");
    let row = |i: &sweep::SweepItem| (i.id.clone(), i.was(), i.now(), i.reason);
    sweep.items.iter().map(row).collect()
}

#[test]
fn a_review_lists_the_ai_toggle_then_the_ticked_settings_in_rules_order() {
    let mut record = ticked(&[
        "advertiser-data",
        "research",
        "no-such-setting",
        AI_SETTING_ID,
    ]);
    assert_eq!(record.included, ["advertiser-data", "research"]);
    let url = sweep::start(&mut record, NOW, TAB).expect("a first page");
    assert_eq!(url, page_of(AI_SETTING_ID).0);
    let ids: Vec<String> = items(&record).into_iter().map(|i| i.0).collect();
    assert_eq!(ids, [AI_SETTING_ID, "research", "advertiser-data"]);
}

#[test]
fn two_ticked_settings_are_switched_and_verified_and_the_third_is_never_visited() {
    let mut record = ticked(&["research", "ads-beyond"]);
    sweep::start(&mut record, NOW, TAB);
    let after_ai = switch_off(AI_SETTING_ID, &mut record, NOW);
    assert_eq!(after_ai.navigate, Some(page_of("research").0));
    assert_eq!(
        record.ai_training.as_ref().map(|s| s.verdict),
        Some(Verdict::Protected)
    );

    let after_research = switch_off("research", &mut record, NOW + 10_000);
    assert_eq!(after_research.navigate, Some(page_of("ads-beyond").0));

    // Already OFF: nothing clicked, and the review ends on its summary.
    let last = run(
        &report("ads-beyond", Some(false), TAB),
        &mut record,
        NOW + 20_000,
    );
    assert_eq!((last.click, last.navigate.clone()), (None, None));
    assert_eq!(last.banner.sweep, Some("finished"));
    assert!(last.banner.visible && last.banner.open_why);
    let keys: Vec<&str> = last.banner.why.iter().map(|l| l.key.as_str()).collect();
    assert_eq!(
        keys,
        ["whySweepVerified", "whySweepVerified", "whySweepAlreadyOff"]
    );
    assert_eq!(
        last.banner.why[1].args,
        [Arg::Message("settingResearchName".into())]
    );
    let (p, e, v) = (Verdict::Protected, Verdict::Exposed, Reason::Verified);
    assert_eq!(
        items(&record),
        [
            (AI_SETTING_ID.into(), Some(e), Some(p), Some(v)),
            ("research".into(), Some(e), Some(p), Some(v)),
            (
                "ads-beyond".into(),
                Some(p),
                Some(p),
                Some(Reason::AlreadyOff)
            ),
        ]
    );
    assert!(
        record.other("partners").is_none(),
        "never read, never touched"
    );
    assert_eq!(
        record.other("research").map(|s| s.verdict),
        Some(Verdict::Protected)
    );
}

#[test]
fn the_summary_stays_on_the_review_tab_for_a_minute_unless_a_button_is_pressed() {
    let mut record = ticked(&[]);
    sweep::start(&mut record, NOW, TAB);
    let done = run(&report(AI_SETTING_ID, Some(false), TAB), &mut record, NOW);
    assert_eq!(done.banner.sweep, Some("finished"));
    let again = run(
        &report(AI_SETTING_ID, Some(false), TAB),
        &mut record,
        NOW + 30_000,
    );
    assert_eq!(
        again.banner, done.banner,
        "a later report keeps the summary"
    );
    let other_tab = run(
        &report(AI_SETTING_ID, Some(false), TAB + 1),
        &mut record,
        NOW + 30_000,
    );
    assert_eq!(other_tab.banner.sweep, None);
    let mut dismiss = report(AI_SETTING_ID, Some(false), TAB);
    dismiss.intent = Some(Intent::Dismiss);
    assert_eq!(run(&dismiss, &mut record, NOW + 31_000).banner.sweep, None);
    let later = run(
        &report(AI_SETTING_ID, Some(false), TAB),
        &mut record,
        NOW + 61_000,
    );
    assert_eq!(later.banner.sweep, None);
}

#[test]
fn a_setting_not_ticked_is_never_clicked_even_when_the_tab_is_on_its_page() {
    let mut record = ticked(&["research"]);
    sweep::start(&mut record, NOW, TAB);
    let on_partners = run(&report("partners", Some(true), TAB), &mut record, NOW);
    assert_eq!(on_partners.click, None);
    assert_eq!(on_partners.navigate, Some(page_of(AI_SETTING_ID).0));
    assert!(record.other("partners").is_none());
}

#[test]
fn unticking_during_a_review_skips_that_setting() {
    let mut record = ticked(&["research", "promotions"]);
    sweep::start(&mut record, NOW, TAB);
    sweep::include(&mut record, "research", false);
    let after_ai = switch_off(AI_SETTING_ID, &mut record, NOW);
    assert_eq!(after_ai.navigate, Some(page_of("promotions").0));
    assert_eq!(items(&record)[1].3, Some(Reason::Skipped));
    // Even on its page, the unticked setting is not clicked.
    let research = run(
        &report("research", Some(true), TAB),
        &mut record,
        NOW + 5_000,
    );
    assert_eq!(research.click, None);
}

#[test]
fn a_missing_toggle_is_not_found_only_after_the_page_settles() {
    let mut record = ticked(&["research"]);
    sweep::start(&mut record, NOW, TAB);
    run(&report(AI_SETTING_ID, Some(false), TAB), &mut record, NOW);
    let mut early = report("research", None, TAB);
    early.elapsed_ms = 2_000;
    let waiting = run(&early, &mut record, NOW + 3_000);
    assert_eq!(waiting.banner.sweep, Some("running"));
    assert!(waiting.recheck_ms.is_some());
    early.elapsed_ms = 16_000;
    let settled = run(&early, &mut record, NOW + 17_000);
    assert_eq!(settled.banner.sweep, Some("finished"));
    assert_eq!(items(&record)[1].3, Some(Reason::NotFound));
    assert_eq!(
        record.other("research").map(|s| s.verdict),
        Some(Verdict::Unknown)
    );
}

#[test]
fn a_flip_back_no_change_or_lost_toggle_fails_with_why_and_the_review_goes_on() {
    for (after, reason) in [(Some(true), Reason::NoChange), (None, Reason::Lost)] {
        let mut record = ticked(&["research"]);
        sweep::start(&mut record, NOW, TAB);
        let clicked = run(&report(AI_SETTING_ID, Some(true), TAB), &mut record, NOW);
        let late = with_flow(report(AI_SETTING_ID, after, TAB), &clicked);
        let failed = run(&late, &mut record, NOW + 6_000);
        assert_eq!(failed.navigate, Some(page_of("research").0), "{reason:?}");
        assert_eq!(items(&record)[0].3, Some(reason));
        assert_eq!(
            record.ai_training.as_ref().map(|s| s.verdict),
            Some(Verdict::Failed)
        );
    }
    let mut record = ticked(&[]);
    sweep::start(&mut record, NOW, TAB);
    let clicked = run(&report(AI_SETTING_ID, Some(true), TAB), &mut record, NOW);
    let off = run(
        &with_flow(report(AI_SETTING_ID, Some(false), TAB), &clicked),
        &mut record,
        NOW + 300,
    );
    let back = run(
        &with_flow(report(AI_SETTING_ID, Some(true), TAB), &off),
        &mut record,
        NOW + 1_300,
    );
    assert_eq!(back.banner.sweep, Some("finished"));
    assert_eq!(back.banner.why[0].key, "whySweepFlippedBack");
}

#[test]
fn cancelling_leaves_every_setting_not_yet_visited_as_it_was() {
    let mut record = ticked(&["research", "partners"]);
    sweep::start(&mut record, NOW, TAB);
    switch_off(AI_SETTING_ID, &mut record, NOW);
    let mut cancel = report("research", Some(true), TAB);
    cancel.intent = Some(Intent::Cancel);
    let cancelled = run(&cancel, &mut record, NOW + 8_000);
    assert_eq!((cancelled.click, cancelled.navigate.clone()), (None, None));
    assert_eq!(cancelled.banner.sweep, Some("cancelled"));
    let reasons: Vec<_> = items(&record).into_iter().map(|i| i.3).collect();
    assert_eq!(
        reasons,
        [
            Some(Reason::Verified),
            Some(Reason::Cancelled),
            Some(Reason::Cancelled)
        ]
    );
    assert!(record.others.is_empty(), "research and partners untouched");
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
    sweep::start(&mut record, NOW, TAB);
    let clicked = run(&report(AI_SETTING_ID, Some(true), TAB), &mut record, NOW);
    sweep::cancel(&mut record, NOW + 100); // from the options page
    let off = run(
        &with_flow(report(AI_SETTING_ID, Some(false), TAB), &clicked),
        &mut record,
        NOW + 300,
    );
    let done = run(
        &with_flow(report(AI_SETTING_ID, Some(false), TAB), &off),
        &mut record,
        NOW + 3_500,
    );
    assert_eq!(done.navigate, None, "no next page after a cancel");
    assert_eq!(done.banner.sweep, Some("cancelled"));
    let reasons: Vec<_> = items(&record).into_iter().map(|i| i.3).collect();
    assert_eq!(reasons, [Some(Reason::Verified), Some(Reason::Cancelled)]);
}

#[test]
fn time_moving_backwards_or_an_old_review_ends_it_without_acting() {
    for now in [NOW - 1, NOW + SWEEP_TTL_MS] {
        let mut record = ticked(&["research"]);
        sweep::start(&mut record, NOW, TAB);
        let directive = run(&report(AI_SETTING_ID, Some(true), TAB), &mut record, now);
        assert_eq!(directive.click, None, "at {now}");
        let sweep = record.sweep.as_ref().expect("kept as a summary");
        assert_eq!(sweep.stopped, Some(Reason::Expired));
        assert!(items(&record).iter().all(|i| i.3 == Some(Reason::Expired)));
    }
    // A click whose verification never came back is "lost", not "as it was".
    let mut record = ticked(&[]);
    sweep::start(&mut record, NOW, TAB);
    run(&report(AI_SETTING_ID, Some(true), TAB), &mut record, NOW);
    sweep::expire(&mut record, NOW + SWEEP_TTL_MS);
    assert_eq!(items(&record)[0].3, Some(Reason::Lost));
}

#[test]
fn reports_from_other_tabs_never_advance_the_review() {
    let mut record = ticked(&["research"]);
    sweep::start(&mut record, NOW, TAB);
    let other = run(
        &report(AI_SETTING_ID, Some(true), TAB + 1),
        &mut record,
        NOW,
    );
    assert_eq!((other.click, other.banner.sweep), (None, None));
    let elsewhere = run(&report("research", Some(true), TAB + 1), &mut record, NOW);
    assert_eq!(elsewhere.click, None);
    assert!(items(&record).iter().all(|i| i.3.is_none()));
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
        sweep::start(&mut record, NOW, TAB);
        // Even a control carrying the AI hook is not clicked there.
        let hook = page_of(AI_SETTING_ID).1;
        let url = format!("{HOST}{page}");
        let directive = run(&at(&url, &hook, Some(true), TAB), &mut record, NOW);
        assert_eq!(
            (directive.click, directive.navigate.clone()),
            (None, None),
            "{page}"
        );
        assert_eq!(directive.banner.sweep, Some("left"));
        assert!(items(&record).iter().all(|i| i.3 == Some(Reason::Left)));
    }
}

#[test]
fn a_page_that_keeps_redirecting_within_settings_is_not_found_after_two_visits() {
    let mut record = ticked(&["research"]);
    sweep::start(&mut record, NOW, TAB);
    let hub = format!("{HOST}/mypreferences/d/categories/account");
    let again = run(&at(&hub, "x", None, TAB), &mut record, NOW);
    assert_eq!(again.navigate, Some(page_of(AI_SETTING_ID).0));
    let gave_up = run(&at(&hub, "x", None, TAB), &mut record, NOW + 1_000);
    assert_eq!(gave_up.navigate, Some(page_of("research").0));
    assert_eq!(items(&record)[0].3, Some(Reason::NotFound));
}

#[test]
fn every_rule_the_review_visits_is_allowed_and_has_ui_text() {
    let rules = notrain::rules::rules();
    for s in rules.settings.iter() {
        assert!(s.paths.iter().all(|p| allowed_path(p)), "{}", s.id);
        assert!(s.recommended_off(), "{} recommends OFF", s.id);
        assert!(s.name_key.is_some() && s.meaning_key.is_some(), "{}", s.id);
    }
    assert_eq!(
        rules.settings.len(),
        6,
        "the AI toggle and the five related settings"
    );
}
