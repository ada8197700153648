//! One service's request and way back stay that service's: "Back" is followed only from its own
//! setting page towards its own pages, and dismissing another service's sign-in banner cancels
//! nothing of it.

use notrain::decide::decide;
use notrain::model::report::{Context, Intent, Report};
use notrain::model::snapshot::Snapshot;
use notrain::state::guided::{self, Request};
use notrain::state::record::Record;

const NOW: u64 = 1_795_953_600_000;

fn on(url: &str, intent: Intent) -> Report {
    Report {
        snapshot: Snapshot {
            url: url.to_owned(),
            ..Snapshot::default()
        },
        intent: Some(intent),
        ..Report::default()
    }
}

#[test]
fn back_goes_only_to_a_page_of_the_same_service_and_only_from_its_setting_page() {
    let mut record = Record {
        return_to: Some("https://x.com/home".to_owned()),
        ..Record::default()
    };
    let elsewhere = on("https://chatgpt.com/#settings/DataControls", Intent::Back);
    let directive = decide(&elsewhere, &mut record, &Context::at(NOW));
    assert_eq!(
        directive.navigate, None,
        "X's page is no way back from ChatGPT's"
    );
    let nowhere = on("https://example.com/", Intent::Back);
    let directive = decide(&nowhere, &mut record, &Context::at(NOW));
    assert_eq!(directive.navigate, None);
    assert_eq!(
        record.return_to.as_deref(),
        Some("https://x.com/home"),
        "kept"
    );
    let home = on("https://x.com/settings/grok_settings", Intent::Back);
    let directive = decide(&home, &mut record, &Context::at(NOW));
    assert_eq!(directive.navigate.as_deref(), Some("https://x.com/home"));
    assert_eq!(record.return_to, None, "followed once");
    assert_eq!(
        guided::way_back(
            &Record {
                return_to: Some("https://chatgpt.com/".to_owned()),
                ..Record::default()
            },
            "x"
        ),
        None
    );
}

#[test]
fn dismissing_a_sign_in_banner_cancels_only_that_services_request() {
    let mut record = Record::default();
    guided::request(&mut record, "x", Request::OptOut, None, NOW);
    decide(
        &on("https://claude.ai/login", Intent::Dismiss),
        &mut record,
        &Context::at(NOW + 1_000),
    );
    assert_eq!(
        guided::pending(&record, "x", NOW + 2_000),
        Some(Request::OptOut)
    );
    decide(
        &on("https://x.com/i/flow/login", Intent::Dismiss),
        &mut record,
        &Context::at(NOW + 3_000),
    );
    assert_eq!(
        guided::pending(&record, "x", NOW + 4_000),
        None,
        "X's own is cancelled"
    );
}
