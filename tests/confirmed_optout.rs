//! What LinkedIn kept, not what the page showed: after NoTrain's click only a fresh load of the
//! setting page that reads OFF for the hold is `protected`. A fresh load reading ON is "LinkedIn
//! did not keep it" (stored as exposed), one that cannot be read says what it shows; the stored
//! confirmation is bound to its tab and to a new load, taken once, and expires; the Ember
//! component's saving lag (`checked` OFF, `aria-checked` still ON) is saving, never failed; a
//! plain OFF reading is stored only once it held.

use notrain::decide::{decide, Directive};
use notrain::model::attributes::Attributes;
use notrain::model::report::{Context, Intent, Report};
use notrain::model::snapshot::{Control, Snapshot};
use notrain::model::verdict::{Reason, Verdict};
use notrain::service::main_service;
use notrain::state::confirm::CONFIRM_TTL_MS;
use notrain::state::record::Record;
use notrain::state::stored::{load, Loaded};
use notrain::verify::flow::POLL_MS;

const PAGE: &str = "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement";
const TAB: Option<u32> = Some(3);
const CLICKING_LOAD: u64 = 1_000;
const FRESH_LOAD: u64 = 9_000;
const T0: u64 = 1_795_953_600_000;

/// The toggle as LinkedIn's component draws it: `checked` and `aria-checked` (None: no toggle).
fn page(checked: Option<bool>, aria: bool) -> Snapshot {
    let toggle = checked.map(|checked| Control {
        attributes: Attributes::from([
            ("type".to_owned(), "checkbox".to_owned()),
            ("role".to_owned(), "switch".to_owned()),
            (
                "aria-labelledby".to_owned(),
                "allowDataForGenerativeAI".to_owned(),
            ),
            ("aria-checked".to_owned(), aria.to_string()),
        ]),
        checked: Some(checked),
        visible: true,
        ..Control::default()
    });
    Snapshot {
        url: PAGE.to_owned(),
        controls: toggle.into_iter().collect(),
        ..Snapshot::default()
    }
}

fn on() -> Snapshot {
    page(Some(true), true)
}

fn off() -> Snapshot {
    page(Some(false), false)
}

fn report(snapshot: Snapshot, load: u64, previous: Option<&Directive>) -> Report {
    Report {
        snapshot,
        tab: TAB,
        loaded_at_ms: load,
        flow: previous.and_then(|d| d.flow),
        ..Report::default()
    }
}

fn at(now: u64) -> Context {
    Context::at(now)
}

/// Clicks, reads OFF on the page until NoTrain asks for the fresh load; returns that directive.
fn clicked_and_reloading(record: &mut Record) -> Directive {
    let asked = Report {
        intent: Some(Intent::OptOut),
        ..report(on(), CLICKING_LOAD, None)
    };
    let clicked = decide(&asked, record, &at(T0));
    assert_eq!(clicked.click, Some(0));
    let off_now = decide(
        &report(off(), CLICKING_LOAD, Some(&clicked)),
        record,
        &at(T0 + 200),
    );
    let reload = decide(
        &report(off(), CLICKING_LOAD, Some(&off_now)),
        record,
        &at(T0 + 200 + page_hold_ms()),
    );
    assert_eq!(reload.navigate.as_deref(), Some(PAGE));
    assert!(record.confirming.is_some());
    reload
}

#[test]
fn a_fresh_load_reading_on_is_not_kept_shown_failed_and_stored_exposed() {
    let mut record = Record::default();
    clicked_and_reloading(&mut record);
    let fresh = decide(
        &report(on(), FRESH_LOAD, None),
        &mut record,
        &at(T0 + 2_000),
    );
    assert_eq!(fresh.banner.state, Verdict::Failed);
    assert_eq!(fresh.banner.message, "bannerFailedNotKept");
    assert_eq!(fresh.click, None, "NoTrain never clicks again by itself");
    let kept = record
        .primary_reading(main_service())
        .map(|s| (s.verdict, s.reason));
    assert_eq!(kept, Some((Verdict::Exposed, Reason::NotKept)));
    assert_eq!(
        notrain::view::badge::badge(&record, &[main_service()]).text,
        "ON"
    );
    assert_eq!(record.confirming, None);
    // The page reports again while the result is shown: still failed, still no click.
    let again = decide(
        &report(on(), FRESH_LOAD, None),
        &mut record,
        &at(T0 + 3_000),
    );
    assert_eq!((again.banner.state, again.click), (Verdict::Failed, None));
    assert!(
        again.recheck_ms.is_some(),
        "read once more when the result window ends"
    );
}

#[test]
fn a_fresh_load_that_cannot_be_read_is_what_it_shows_never_protected() {
    // Missing after the settle window, ambiguous, disabled, and a sign-in page instead.
    let mut record = Record::default();
    clicked_and_reloading(&mut record);
    let mut missing = report(page(None, false), FRESH_LOAD, None);
    missing.elapsed_ms = 1_000;
    let looking = decide(&missing, &mut record, &at(T0 + 2_000));
    assert_eq!(looking.banner.message, "bannerConfirming");
    missing.elapsed_ms = 15_000;
    let gone = decide(&missing, &mut record, &at(T0 + 16_000));
    assert_eq!(gone.banner.state, Verdict::Unknown);

    let mut record = Record::default();
    clicked_and_reloading(&mut record);
    let mut two = off();
    two.controls.push(Control {
        index: 1,
        ..two.controls[0].clone()
    });
    let ambiguous = decide(&report(two, FRESH_LOAD, None), &mut record, &at(T0 + 2_000));
    assert_eq!(ambiguous.banner.state, Verdict::Unknown);

    let mut record = Record::default();
    clicked_and_reloading(&mut record);
    let mut disabled = off();
    disabled.controls[0].disabled = true;
    let cannot = decide(
        &report(disabled, FRESH_LOAD, None),
        &mut record,
        &at(T0 + 2_000),
    );
    assert_eq!(cannot.banner.message, "bannerUnknownDisabled");

    let mut record = Record::default();
    clicked_and_reloading(&mut record);
    let mut sign_in = report(page(None, false), FRESH_LOAD, None);
    sign_in.snapshot.url = "https://www.linkedin.com/login?session_redirect=x".to_owned();
    let signed_out = decide(&sign_in, &mut record, &at(T0 + 2_000));
    assert_eq!(signed_out.banner.state, Verdict::SignedOut);
    assert_eq!(record.confirming, None, "a sign-in page confirms nothing");
    let seen = record.primary_reading(main_service()).map(|s| s.verdict);
    assert_ne!(seen, Some(Verdict::Protected));
}

#[test]
fn only_a_new_load_in_the_same_tab_takes_the_confirmation_once() {
    let mut record = Record::default();
    clicked_and_reloading(&mut record);
    // The page that clicked reports again before it is replaced: nothing stored or clicked.
    let stale = Report {
        intent: Some(Intent::OptOut),
        ..report(off(), CLICKING_LOAD, None)
    };
    let before = decide(&stale, &mut record, &at(T0 + 1_300));
    assert_eq!(before.banner.state, Verdict::Working);
    assert_eq!(
        (
            before.click,
            &record.primary_reading(main_service()).cloned()
        ),
        (None, &None)
    );
    // Another tab's page reads OFF: its own plain reading, the confirmation stays.
    let other = Report {
        tab: Some(4),
        ..report(off(), 5_000, None)
    };
    let other_tab = decide(&other, &mut record, &at(T0 + 1_400));
    assert_ne!(other_tab.banner.message, "bannerConfirming");
    assert!(record.confirming.is_some(), "a second tab cannot take it");
    // The fresh load holds OFF and takes it; a later load of that tab finds nothing.
    let holding = decide(
        &report(off(), FRESH_LOAD, None),
        &mut record,
        &at(T0 + 2_000),
    );
    assert_eq!(record.confirming, None, "taken once");
    let done = decide(
        &report(off(), FRESH_LOAD, Some(&holding)),
        &mut record,
        &at(T0 + 2_000 + settle_ms()),
    );
    assert_eq!(done.banner.message, "bannerVerified");
    let later = decide(
        &report(off(), FRESH_LOAD + 1, None),
        &mut record,
        &at(T0 + 70_000),
    );
    assert_ne!(later.banner.message, "bannerConfirming");
}

#[test]
fn the_confirmation_survives_a_restarted_background_and_expires() {
    let mut record = Record::default();
    clicked_and_reloading(&mut record);
    // The background stops: the record goes through storage (JSON) and back.
    let stored = serde_json::to_value(&record).expect("serialises");
    let Loaded::Valid(mut restored) = load(Some(stored)) else {
        panic!("the record reloads");
    };
    let holding = decide(
        &report(off(), FRESH_LOAD, None),
        &mut restored,
        &at(T0 + 2_000),
    );
    assert_eq!(holding.banner.message, "bannerConfirming");
    // Too late: the confirmation is gone, and the fresh load is a plain reading.
    let mut record = Record::default();
    clicked_and_reloading(&mut record);
    let late = T0 + 200 + page_hold_ms() + CONFIRM_TTL_MS;
    let plain = decide(&report(off(), FRESH_LOAD, None), &mut record, &at(late));
    assert_eq!(record.confirming, None);
    assert_ne!(plain.banner.message, "bannerConfirming");
}

#[test]
fn the_ember_saving_lag_is_saving_never_failed() {
    // `checked` flips at the click; `aria-checked` follows when the save answers, ~2 s later.
    let mut record = Record::default();
    let asked = Report {
        intent: Some(Intent::OptOut),
        ..report(on(), CLICKING_LOAD, None)
    };
    let mut last = decide(&asked, &mut record, &at(T0));
    let mut now = T0;
    while now < T0 + 2_000 {
        now += POLL_MS;
        last = decide(
            &report(page(Some(false), true), CLICKING_LOAD, Some(&last)),
            &mut record,
            &at(now),
        );
        assert_eq!(
            last.banner.state,
            Verdict::Working,
            "saving at {}",
            now - T0
        );
        assert_eq!(last.click, None);
    }
    while last.navigate.is_none() {
        now += POLL_MS;
        last = decide(
            &report(off(), CLICKING_LOAD, Some(&last)),
            &mut record,
            &at(now),
        );
        assert_ne!(last.banner.state, Verdict::Failed);
    }
    // A lag that never resolves ends as failed when the save window is over.
    let mut record = Record::default();
    let clicked = decide(&asked, &mut record, &at(T0));
    let lagging = report(page(Some(false), true), CLICKING_LOAD, Some(&clicked));
    let still = decide(&lagging, &mut record, &at(T0 + save_window_ms() - 1));
    assert_eq!(still.banner.state, Verdict::Working);
    let ended = decide(&lagging, &mut record, &at(T0 + save_window_ms()));
    assert_eq!(ended.banner.state, Verdict::Failed);
}

#[test]
fn a_plain_off_reading_is_stored_only_once_it_held() {
    let mut record = Record::default();
    let first = decide(&report(off(), CLICKING_LOAD, None), &mut record, &at(T0));
    assert_eq!(first.banner.state, Verdict::Working);
    assert_eq!(
        record.primary_reading(main_service()).cloned(),
        None,
        "one OFF reading is not stored"
    );
    // LinkedIn hydrates a stale value: ON within the hold.
    let flipped = decide(
        &report(on(), CLICKING_LOAD, Some(&first)),
        &mut record,
        &at(T0 + 500),
    );
    assert_eq!(flipped.banner.state, Verdict::Exposed);
    let off_again = decide(
        &report(off(), CLICKING_LOAD, None),
        &mut record,
        &at(T0 + 600),
    );
    let held = decide(
        &report(off(), CLICKING_LOAD, Some(&off_again)),
        &mut record,
        &at(T0 + 600 + settle_ms()),
    );
    assert_eq!(held.banner.state, Verdict::Protected);
    let kept = record
        .primary_reading(main_service())
        .map(|s| (s.verdict, s.reason));
    assert_eq!(kept, Some((Verdict::Protected, Reason::Read)));
    // The user's own click on LinkedIn's toggle: its saving lag is not "unknown".
    let mut record = Record::default();
    let saving = decide(
        &report(page(Some(false), true), CLICKING_LOAD, None),
        &mut record,
        &at(T0),
    );
    assert_eq!(saving.banner.state, Verdict::Working);
    assert_eq!(record.primary_reading(main_service()).cloned(), None);
    // One that never agrees is unknown once the save window is over (not saving for ever).
    let lagging = report(page(Some(false), true), CLICKING_LOAD, Some(&saving));
    let still = decide(&lagging, &mut record, &at(T0 + save_window_ms() - 1));
    assert_eq!(still.banner.state, Verdict::Working);
    let ended = decide(&lagging, &mut record, &at(T0 + save_window_ms()));
    assert_eq!(ended.banner.state, Verdict::Unknown);
    let kept = record
        .primary_reading(main_service())
        .map(|s| (s.verdict, s.reason));
    assert_eq!(kept, Some((Verdict::Unknown, Reason::Disagreeing)));
}

/// LinkedIn's `pageHoldMs`, from its rules.
fn page_hold_ms() -> u64 {
    main_service().service.timings.page_hold_ms
}

/// LinkedIn's `saveWindowMs`, from its rules.
fn save_window_ms() -> u64 {
    main_service().service.timings.save_window_ms
}

/// LinkedIn's `settleMs`, from its rules.
fn settle_ms() -> u64 {
    main_service().service.timings.settle_ms
}
