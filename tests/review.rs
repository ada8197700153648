//! "Review my settings": the review's state machine, natively (its limits are in
//! `review_limits.rs`). Order (AI first, then the ticked settings in the rules' order), nothing but
//! ticked settings switched and only ON→OFF, each switch verified like the AI toggle (through a fresh
//! load of its page), a missing toggle "not found" after settling, and the summary.

mod review_support;

use notrain::model::report::{Intent, Report};
use notrain::model::verdict::{Reason, Verdict};
use notrain::service::main_service;
/// LinkedIn's AI-training setting, as its rules file names it.
const AI_SETTING_ID: &str = "ai-training";
use notrain::state::review::{self, allowed_path};

use notrain::view::banner::Arg;
use review_support::*;

#[test]
fn a_review_lists_the_ai_toggle_then_the_ticked_settings_in_rules_order() {
    let mut record = ticked(&[
        "advertiser-data",
        "research",
        "no-such-setting",
        AI_SETTING_ID,
    ]);
    let ticked: Vec<&str> = record.included.iter().map(|k| k.setting.as_str()).collect();
    assert_eq!(ticked, ["advertiser-data", "research"]);
    let url = review::start(&mut record, NOW, TAB).expect("a first page");
    assert_eq!(url, page_of(AI_SETTING_ID).0);
    let ids: Vec<String> = items(&record).into_iter().map(|i| i.0).collect();
    assert_eq!(ids, [AI_SETTING_ID, "research", "advertiser-data"]);
}

#[test]
fn two_ticked_settings_are_switched_and_verified_and_the_third_is_never_visited() {
    let mut record = ticked(&["research", "ads-beyond"]);
    review::start(&mut record, NOW, TAB);
    let after_ai = switch_off(AI_SETTING_ID, &mut record, NOW);
    assert_eq!(after_ai.navigate, Some(page_of("research").0));
    assert_eq!(
        record.primary_reading(main_service()).map(|s| s.verdict),
        Some(Verdict::Protected)
    );

    let after_research = switch_off("research", &mut record, NOW + 10_000);
    assert_eq!(after_research.navigate, Some(page_of("ads-beyond").0));

    // Already OFF: nothing clicked, and the review ends on its summary once that held.
    let last = off_held("ads-beyond", &mut record, NOW + 20_000);
    assert_eq!((last.click, last.navigate.clone()), (None, None));
    assert_eq!(last.banner.review, Some("finished"));
    assert!(last.banner.visible && last.banner.open_why);
    let keys: Vec<&str> = last.banner.why.iter().map(|l| l.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "whyReviewVerified",
            "whyReviewVerified",
            "whyReviewAlreadyOff"
        ]
    );
    assert_eq!(
        last.banner.why[1].args,
        [Arg::Message("settingResearchName".into())]
    );
    let (p, v) = (Verdict::Protected, Reason::Verified);
    assert_eq!(
        items(&record),
        [
            (AI_SETTING_ID.into(), Some(p), Some(v)),
            ("research".into(), Some(p), Some(v)),
            ("ads-beyond".into(), Some(p), Some(Reason::AlreadyOff)),
        ]
    );
    assert!(
        record.reading("linkedin", "partners").is_none(),
        "never read, never touched"
    );
    assert_eq!(
        record.reading("linkedin", "research").map(|s| s.verdict),
        Some(Verdict::Protected)
    );
}

#[test]
fn the_summary_stays_on_the_review_tab_for_a_minute_unless_a_button_is_pressed() {
    let mut record = ticked(&[]);
    review::start(&mut record, NOW, TAB);
    let done = off_held(AI_SETTING_ID, &mut record, NOW);
    assert_eq!(done.banner.review, Some("finished"));
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
    assert_eq!(other_tab.banner.review, None);
    let mut dismiss = report(AI_SETTING_ID, Some(false), TAB);
    dismiss.intent = Some(Intent::Dismiss);
    assert_eq!(run(&dismiss, &mut record, NOW + 31_000).banner.review, None);
    let later = run(
        &report(AI_SETTING_ID, Some(false), TAB),
        &mut record,
        NOW + settle_ms() + 61_000,
    );
    assert_eq!(later.banner.review, None);
}

#[test]
fn a_setting_not_ticked_is_never_clicked_even_when_the_tab_is_on_its_page() {
    let mut record = ticked(&["research"]);
    review::start(&mut record, NOW, TAB);
    let on_partners = run(&report("partners", Some(true), TAB), &mut record, NOW);
    assert_eq!(on_partners.click, None);
    assert_eq!(on_partners.navigate, Some(page_of(AI_SETTING_ID).0));
    assert!(record.reading("linkedin", "partners").is_none());
}

#[test]
fn unticking_during_a_review_skips_that_setting() {
    let mut record = ticked(&["research", "promotions"]);
    review::start(&mut record, NOW, TAB);
    review::include(&mut record, "research", false);
    let after_ai = switch_off(AI_SETTING_ID, &mut record, NOW);
    assert_eq!(after_ai.navigate, Some(page_of("promotions").0));
    assert_eq!(items(&record)[1].2, Some(Reason::Skipped));
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
    review::start(&mut record, NOW, TAB);
    off_held(AI_SETTING_ID, &mut record, NOW);
    let mut early = report("research", None, TAB);
    early.elapsed_ms = 2_000;
    let waiting = run(&early, &mut record, NOW + 5_000);
    assert_eq!(waiting.banner.review, Some("running"));
    assert!(waiting.recheck_ms.is_some());
    early.elapsed_ms = 16_000;
    let settled = run(&early, &mut record, NOW + 17_000);
    assert_eq!(settled.banner.review, Some("finished"));
    assert_eq!(items(&record)[1].2, Some(Reason::NotFound));
    assert_eq!(
        record.reading("linkedin", "research").map(|s| s.verdict),
        Some(Verdict::Unknown)
    );
}

#[test]
fn a_flip_back_no_change_or_lost_toggle_fails_with_why_and_the_review_goes_on() {
    for (after, reason) in [(Some(true), Reason::NoChange), (None, Reason::Lost)] {
        let mut record = ticked(&["research"]);
        review::start(&mut record, NOW, TAB);
        let clicked = run(&report(AI_SETTING_ID, Some(true), TAB), &mut record, NOW);
        let late = with_flow(report(AI_SETTING_ID, after, TAB), &clicked);
        let failed = run(&late, &mut record, NOW + 6_000);
        assert_eq!(failed.navigate, Some(page_of("research").0), "{reason:?}");
        assert_eq!(items(&record)[0].2, Some(reason));
        assert_eq!(
            record.primary_reading(main_service()).map(|s| s.verdict),
            Some(Verdict::Failed)
        );
    }
    let mut record = ticked(&[]);
    review::start(&mut record, NOW, TAB);
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
    assert_eq!(back.banner.review, Some("finished"));
    assert_eq!(back.banner.why[0].key, "whyReviewFlippedBack");

    // OFF on the page, ON again on the fresh load: LinkedIn did not keep it.
    let mut record = ticked(&[]);
    review::start(&mut record, NOW, TAB);
    let clicked = run(&report(AI_SETTING_ID, Some(true), TAB), &mut record, NOW);
    let off = with_flow(report(AI_SETTING_ID, Some(false), TAB), &clicked);
    let settling = run(&off, &mut record, NOW + 300);
    let reload = run(&with_flow(off, &settling), &mut record, NOW + 1_400);
    assert_eq!(reload.navigate, Some(page_of(AI_SETTING_ID).0));
    let fresh = Report {
        loaded_at_ms: FRESH_LOAD,
        ..report(AI_SETTING_ID, Some(true), TAB)
    };
    let not_kept = run(&fresh, &mut record, NOW + 2_000);
    assert_eq!(not_kept.click, None, "never clicked a second time");
    assert_eq!(not_kept.banner.why[0].key, "whyReviewNotKept");
    let kept = record
        .primary_reading(main_service())
        .map(|s| (s.verdict, s.reason));
    assert_eq!(kept, Some((Verdict::Exposed, Reason::NotKept)));
}

#[test]
fn every_rule_the_review_visits_is_allowed_and_has_ui_text() {
    let rules = main_service();
    for s in rules.settings.iter() {
        assert!(s.paths.iter().all(|p| allowed_path(p)), "{}", s.id);
        assert!(s.recommended_off(), "{} recommends OFF", s.id);
        assert!(s.name_key.is_some() && s.meaning_key.is_some(), "{}", s.id);
    }
    assert_eq!(
        rules.settings.len(),
        13,
        "the AI toggle and the twelve related settings (Brave PSST's thirteen tasks)"
    );
}

/// LinkedIn's `settleMs`, from its rules.
fn settle_ms() -> u64 {
    main_service().service.timings.settle_ms
}
