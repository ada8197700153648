//! The record has one writer (the background, one change at a time), and what the core does when
//! a write was lost anyway or the review's tab went away: a report that carries a flow only ever
//! verifies (a lost `clickedAtMs` must not make the review click again, turning a setting back
//! ON), a cancel made mid-verification holds, a review whose tab is gone ends without acting, and
//! the record's revision survives every read and write.

mod review_support;

use notrain::decide::Directive;
use notrain::model::verdict::{Reason, Verdict};
use notrain::service::main_service;
/// LinkedIn's AI-training setting, as its rules file names it.
const AI_SETTING_ID: &str = "ai-training";
use notrain::state::review;
use notrain::state::stored::{load, Loaded};
use review_support::*;

/// A review of the AI toggle and `research`, with the AI toggle just clicked; returns that
/// directive (its flow is what the tab echoes back).
fn clicked_ai(record: &mut notrain::state::record::Record) -> Directive {
    review::start(record, NOW, TAB);
    let clicked = run(&report(AI_SETTING_ID, Some(true), TAB), record, NOW);
    assert_eq!(clicked.click, Some(0));
    clicked
}

/// What a stale write does: the record as it was before the click was written.
fn lose_the_click(record: &mut notrain::state::record::Record) {
    let review = record.review.as_mut().expect("a review");
    review.items[0].clicked_at_ms = None;
}

#[test]
fn a_report_with_a_flow_only_verifies_even_when_the_record_lost_its_click() {
    let mut record = ticked(&["research"]);
    let clicked = clicked_ai(&mut record);
    lose_the_click(&mut record);
    // The page has not shown the switch yet (a slow save): the toggle still reads ON.
    let still_on = run(
        &with_flow(report(AI_SETTING_ID, Some(true), TAB), &clicked),
        &mut record,
        NOW + 300,
    );
    assert_eq!(still_on.click, None, "clicked a second time: back ON");
    assert_eq!(still_on.banner.review, Some("running"));
    let off = run(
        &with_flow(report(AI_SETTING_ID, Some(false), TAB), &still_on),
        &mut record,
        NOW + 600,
    );
    assert_eq!(off.click, None);
    let reload = run(
        &with_flow(report(AI_SETTING_ID, Some(false), TAB), &off),
        &mut record,
        NOW + 4_000,
    );
    let done = confirm_off(AI_SETTING_ID, &reload, &mut record, NOW + 4_500);
    assert_eq!(done.navigate, Some(page_of("research").0));
    let ai = &items(&record)[0];
    assert_eq!(
        ai.2,
        Some(Reason::Verified),
        "NoTrain's click, not 'already off'"
    );
    assert_eq!(
        record
            .primary_reading(main_service())
            .map(|seen| seen.verdict),
        Some(Verdict::Protected)
    );
}

#[test]
fn a_cancel_from_the_options_page_mid_verification_holds_and_nothing_is_clicked_after_it() {
    let mut record = ticked(&["research", "partners"]);
    let clicked = clicked_ai(&mut record);
    review::cancel(&mut record, NOW + 100); // the options page, through the background
    let mut previous = clicked;
    for (step, now) in [(1, NOW + 400), (2, NOW + 900)] {
        let next = run(
            &with_flow(report(AI_SETTING_ID, Some(false), TAB), &previous),
            &mut record,
            now,
        );
        assert_eq!(
            (next.click, next.navigate.clone()),
            (None, None),
            "step {step}"
        );
        previous = next;
    }
    let reload = run(
        &with_flow(report(AI_SETTING_ID, Some(false), TAB), &previous),
        &mut record,
        NOW + 1_500,
    );
    // Only its own page again, to confirm the click; then no next page.
    let previous = confirm_off(AI_SETTING_ID, &reload, &mut record, NOW + 2_000);
    assert_eq!((previous.click, previous.navigate.clone()), (None, None));
    assert_eq!(previous.banner.review, Some("cancelled"));
    // The tab then reports from the next setting's page (say the user went there): nothing.
    let later = run(
        &report("research", Some(true), TAB),
        &mut record,
        NOW + 5_000,
    );
    assert_eq!((later.click, later.navigate), (None, None));
    let reasons: Vec<_> = items(&record).into_iter().map(|i| i.2).collect();
    let cancelled = Some(Reason::Cancelled);
    assert_eq!(reasons, [Some(Reason::Verified), cancelled, cancelled]);
}

#[test]
fn a_review_whose_tab_closed_ends_and_never_acts_in_a_new_tab_with_that_id() {
    let mut record = ticked(&["research"]);
    clicked_ai(&mut record);
    review::tab_gone(&mut record, Some(TAB + 1), NOW + 200);
    assert!(
        record
            .review
            .as_ref()
            .is_some_and(|s| s.ended_at_ms.is_none()),
        "another tab"
    );
    review::tab_gone(&mut record, Some(TAB), NOW + 300);
    let reasons: Vec<_> = items(&record).into_iter().map(|i| i.2).collect();
    assert_eq!(reasons, [Some(Reason::Lost), Some(Reason::Left)]);
    // A new tab got the same id and opens a setting page reading ON: nothing clicked there.
    for now in [NOW + 1_000, NOW + 120_000] {
        let reused = run(&report("research", Some(true), TAB), &mut record, now);
        assert_eq!((reused.click, reused.navigate.clone()), (None, None));
        let ai = run(&report(AI_SETTING_ID, Some(true), TAB), &mut record, now);
        assert_eq!((ai.click, ai.navigate), (None, None));
    }
}

#[test]
fn a_review_running_when_the_browser_restarted_ends_there() {
    let mut record = ticked(&["research"]);
    review::start(&mut record, NOW, TAB);
    review::tab_gone(&mut record, None, NOW + 50);
    let review = record.review.as_ref().expect("its summary stays");
    assert_eq!(review.stopped, Some(Reason::Left));
    let reused = run(
        &report(AI_SETTING_ID, Some(true), TAB),
        &mut record,
        NOW + 100,
    );
    assert_eq!(reused.click, None);
    // An ended review is left as it is.
    let ended = record.clone();
    review::tab_gone(&mut record, None, NOW + 200);
    assert_eq!(record, ended);
}

#[test]
fn the_revision_survives_reading_deciding_and_writing() {
    let mut record = ticked(&["research"]);
    record.revision = 41;
    let stored = serde_json::to_value(&record).expect("serializes");
    assert_eq!(stored["revision"], 41);
    let Loaded::Valid(mut loaded) = load(Some(stored)) else {
        panic!("a valid record");
    };
    run(&report(AI_SETTING_ID, Some(true), 3), &mut loaded, NOW);
    assert_eq!(
        loaded.revision, 41,
        "the core keeps it; the background bumps it"
    );
    let older = serde_json::json!({"version": 1});
    assert!(matches!(load(Some(older)), Loaded::Valid(r) if r.revision == 0));
}
