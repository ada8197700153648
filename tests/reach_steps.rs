//! A setting behind a click (ChatGPT's switch, in a dialog that the profile menu, Settings, the
//! Data controls tab and a button open): what the engine presses, in which order, only when the
//! user asked, never twice and never when shown twice; the switch is read only once the dialog
//! is open; and the verified opt-out confirms on the route loaded again, through the same steps.

use notrain::decide::{decide, Directive};
use notrain::model::attributes::Attributes;
use notrain::model::report::{Context, Intent, Report};
use notrain::model::snapshot::{Control, Snapshot};
use notrain::model::verdict::{Reason, Verdict};
use notrain::state::guided::{self, Request};
use notrain::state::record::Record;

const ROUTE: &str = "https://chatgpt.com/#settings/DataControls";
const T0: u64 = 1_795_953_600_000;
/// The prerequisites, in the rules' order: profile button, Settings item, Data controls tab,
/// the button that opens the switch's dialog, and the dialog (`waitFor`).
const PROFILE: u32 = 0;
const SETTINGS: u32 = 1;
const TAB: u32 = 2;
const OPEN_DIALOG: u32 = 3;

/// ChatGPT's switch (`aria-checked` only: a button, no `checked`).
fn switch(on: bool) -> Control {
    Control {
        attributes: Attributes::from([
            ("role".to_owned(), "switch".to_owned()),
            ("data-testid".to_owned(), "improve-model-toggle".to_owned()),
            ("aria-checked".to_owned(), on.to_string()),
        ]),
        checked: None,
        visible: true,
        name: "Improve the model for everyone".to_owned(),
        ..Control::default()
    }
}

/// A report from the route: the counts of each prerequisite's element, what was pressed, the
/// switches shown.
fn report(found: [u32; 5], pressed: &[u32], switches: Vec<Control>, load: u64) -> Report {
    let controls = switches
        .into_iter()
        .enumerate()
        .map(|(index, control)| Control {
            index: index as u32,
            ..control
        })
        .collect();
    Report {
        snapshot: Snapshot {
            url: ROUTE.to_owned(),
            controls,
            ..Snapshot::default()
        },
        elapsed_ms: 500,
        tab: Some(7),
        loaded_at_ms: load,
        found: found.to_vec(),
        pressed: pressed.to_vec(),
        ..Report::default()
    }
}

fn asked(kind: Request) -> Record {
    let mut record = Record::default();
    guided::request(&mut record, "chatgpt", kind, None, T0);
    record
}

fn decide_at(report: &Report, record: &mut Record, ms: u64) -> Directive {
    decide(report, record, &Context::at(T0 + ms))
}

#[test]
fn the_route_asks_to_count_every_prerequisite() {
    let directive = decide_at(
        &report([0; 5], &[], vec![], 1),
        &mut asked(Request::OptOut),
        10,
    );
    let look = directive.look.expect("the setting page asks to look");
    assert_eq!(
        look,
        [
            "[data-testid=\"accounts-profile-button\"]",
            "[data-testid=\"settings-menu-item\"]",
            "[data-testid=\"data-controls-tab\"]",
            "[data-testid=\"improve-model-open-modal-button\"]",
            "[role=\"dialog\"]",
        ]
    );
    assert!(directive.observe);
    assert_eq!(
        directive.press, None,
        "nothing counted yet: nothing pressed"
    );
}

#[test]
fn the_menu_route_is_pressed_furthest_first_one_step_at_a_time() {
    let mut record = asked(Request::OptOut);
    let steps = [
        ([1, 0, 0, 0, 0], vec![], Some(PROFILE)),
        ([1, 0, 0, 0, 0], vec![PROFILE], None), // the menu has not opened yet
        ([1, 1, 0, 0, 0], vec![PROFILE], Some(SETTINGS)),
        ([1, 0, 1, 0, 1], vec![PROFILE, SETTINGS], Some(TAB)),
        (
            [1, 0, 1, 1, 1],
            vec![PROFILE, SETTINGS, TAB],
            Some(OPEN_DIALOG),
        ),
        (
            [1, 0, 1, 1, 1],
            vec![PROFILE, SETTINGS, TAB, OPEN_DIALOG],
            None,
        ),
    ];
    for (found, pressed, expected) in steps {
        let directive = decide_at(&report(found, &pressed, vec![], 1), &mut record, 100);
        assert_eq!(
            directive.press, expected,
            "found {found:?}, pressed {pressed:?}"
        );
        assert_eq!(directive.click, None);
        assert!(
            directive.banner.visible,
            "the user asked: the banner says it is looking"
        );
    }
}

#[test]
fn the_hash_route_skips_to_the_dialog_button() {
    let directive = decide_at(
        &report([1, 0, 1, 1, 1], &[], vec![], 1),
        &mut asked(Request::Check),
        100,
    );
    assert_eq!(directive.press, Some(OPEN_DIALOG));
}

#[test]
fn an_element_shown_twice_is_never_pressed() {
    let directive = decide_at(
        &report([1, 0, 0, 2, 1], &[], vec![], 1),
        &mut asked(Request::OptOut),
        100,
    );
    assert_eq!(directive.press, None);
}

#[test]
fn nothing_is_pressed_unless_the_user_asked() {
    let mut record = Record::default();
    let directive = decide_at(&report([1, 0, 1, 1, 1], &[], vec![], 1), &mut record, 100);
    assert_eq!(directive.press, None);
    assert_eq!(directive.click, None);
    assert!(
        record.readings.is_empty(),
        "a closed dialog is no reading: {record:?}"
    );
    assert_ne!(directive.banner.state, Verdict::Working);
}

#[test]
fn the_switch_is_read_only_inside_an_open_dialog() {
    let mut record = asked(Request::OptOut);
    // The switch is in the snapshot, but no dialog is open (`waitFor`): not read, not clicked.
    let closed = decide_at(
        &report([1, 0, 0, 0, 0], &[PROFILE], vec![switch(true)], 1),
        &mut record,
        100,
    );
    assert_eq!(closed.click, None);
    assert!(record.readings.is_empty());
    let open = decide_at(
        &report([1, 0, 1, 1, 1], &[OPEN_DIALOG], vec![switch(true)], 1),
        &mut record,
        200,
    );
    assert_eq!(
        open.click,
        Some(0),
        "the one switch, ON, in the open dialog"
    );
}

#[test]
fn two_candidate_switches_are_unknown_and_none_is_clicked() {
    let mut record = asked(Request::OptOut);
    let directive = decide_at(
        &report([1, 0, 1, 1, 1], &[], vec![switch(true), switch(true)], 1),
        &mut record,
        100,
    );
    assert_eq!(directive.click, None);
    assert_eq!(directive.banner.state, Verdict::Unknown);
    let seen = record.reading("chatgpt", "improve-model").expect("stored");
    assert_eq!(seen.reason, Reason::Ambiguous);
}

#[test]
fn a_check_reads_and_never_clicks() {
    let mut record = asked(Request::Check);
    let directive = decide_at(
        &report([1, 0, 1, 1, 1], &[OPEN_DIALOG], vec![switch(true)], 1),
        &mut record,
        100,
    );
    assert_eq!(directive.click, None);
    assert_eq!(directive.banner.state, Verdict::Exposed);
    let seen = record.reading("chatgpt", "improve-model").expect("stored");
    assert_eq!(seen.verdict, Verdict::Exposed);
    assert!(record.pending_opt_out.is_none(), "the check is done");
}

#[test]
fn nothing_found_in_time_is_unknown_with_the_switch_named() {
    let mut record = asked(Request::OptOut);
    let late = Report {
        elapsed_ms: 20_000,
        ..report([1, 0, 1, 1, 1], &[OPEN_DIALOG], vec![], 1)
    };
    let directive = decide_at(&late, &mut record, 20_000);
    assert_eq!(directive.banner.state, Verdict::Unknown);
    assert_eq!(directive.banner.message, "bannerUnknownNotFound");
    let args = serde_json::to_value(&directive.banner.args).expect("args");
    assert_eq!(
        args,
        serde_json::json!([{"message": "settingChatgptImproveName"}])
    );
    assert_eq!(directive.banner.service, "ChatGPT");
}

#[test]
fn the_opt_out_is_confirmed_on_the_route_loaded_again_through_the_same_steps() {
    let mut record = Record::default();
    let open = [1, 0, 1, 1, 1];
    let mut clicking = report(open, &[OPEN_DIALOG], vec![switch(true)], 1);
    clicking.intent = Some(Intent::OptOut);
    let clicked = decide_at(&clicking, &mut record, 0);
    assert_eq!(clicked.click, Some(0));
    let mut directive = clicked;
    let mut ms = 0;
    // The switch follows the save; once OFF holds, the route is loaded again.
    while directive.navigate.is_none() {
        ms += 250;
        assert!(ms < 10_000, "no reload asked for");
        let mut off = report(open, &[OPEN_DIALOG], vec![switch(false)], 1);
        off.flow = directive.flow;
        directive = decide_at(&off, &mut record, ms);
    }
    assert_eq!(
        directive.navigate.as_deref(),
        Some(ROUTE),
        "the route itself"
    );
    // The fresh load: the dialog is closed again; the engine presses its button, unasked.
    let fresh = decide_at(&report(open, &[], vec![], 2), &mut record, ms + 500);
    assert_eq!(fresh.press, Some(OPEN_DIALOG));
    let mut directive = fresh;
    let start = ms + 1_000;
    let mut at = start;
    while directive.banner.state == Verdict::Working {
        at += 250;
        assert!(at < start + 10_000, "never confirmed");
        let mut shown = report(open, &[OPEN_DIALOG], vec![switch(false)], 2);
        shown.flow = directive.flow;
        directive = decide_at(&shown, &mut record, at);
        assert_eq!(directive.click, None, "the fresh load never clicks");
    }
    assert_eq!(directive.banner.state, Verdict::Protected);
    let seen = record.reading("chatgpt", "improve-model").expect("stored");
    assert_eq!(
        (seen.verdict, seen.reason),
        (Verdict::Protected, Reason::Verified)
    );
}

#[test]
fn a_check_of_an_off_switch_is_done_once_the_reading_held() {
    let mut record = asked(Request::Check);
    let mut directive = decide_at(
        &report([1, 0, 1, 1, 1], &[OPEN_DIALOG], vec![switch(false)], 1),
        &mut record,
        100,
    );
    let mut ms = 100;
    while directive.banner.state == Verdict::Working {
        ms += 250;
        assert!(ms < 10_000, "the OFF reading never held");
        let mut again = report([1, 0, 1, 1, 1], &[OPEN_DIALOG], vec![switch(false)], 1);
        again.flow = directive.flow;
        directive = decide_at(&again, &mut record, ms);
    }
    assert_eq!(directive.banner.state, Verdict::Protected);
    assert!(
        record.pending_opt_out.is_none(),
        "the check is done: {record:?}"
    );
}
