//! Table-driven checks of the core's decision over snapshot fixtures (`tests/cases/*.json`): for
//! each page as the content script would report it, the verdict the banner shows and the click
//! (an OFF reading after the hold, for which the page reports again with the echoed flow).

use notrain::decide::decide;
use notrain::model::flow::Flow;
use notrain::model::report::{Context, Report};
use notrain::model::snapshot::{Control, Snapshot};
use notrain::service::main_service;
use notrain::state::record::Record;

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Case {
    name: String,
    url: String,
    #[serde(default)]
    heading: String,
    #[serde(default)]
    elapsed_ms: u64,
    intent: Option<notrain::model::report::Intent>,
    controls: Vec<Control>,
    expect: Expect,
}

#[derive(Deserialize)]
struct Expect {
    state: String,
    visible: bool,
    click: Option<u32>,
}

fn run_cases(file: &str) {
    let text = std::fs::read_to_string(file).expect("case file exists");
    let cases: Vec<Case> = serde_json::from_str(&text).expect("case file parses");
    assert!(!cases.is_empty());
    for case in cases {
        let report = Report {
            snapshot: Snapshot {
                url: case.url,
                heading: case.heading,
                controls: case.controls,
            },
            elapsed_ms: case.elapsed_ms,
            intent: case.intent,
            flow: None,
            dismissed: false,
            tab: None,
            ..Default::default()
        };
        let mut record = Record::default();
        let mut directive = decide(&report, &mut record, &Context::at(1_000_000));
        if let Some(flow @ Flow::Holding { .. }) = directive.flow {
            // An OFF reading is protected only once it held: the page reports again later.
            assert_eq!(
                record.primary_reading(main_service()).cloned(),
                None,
                "{}: stored before the hold",
                case.name
            );
            let again = Report {
                flow: Some(flow),
                ..report.clone()
            };
            directive = decide(&again, &mut record, &Context::at(1_000_000 + settle_ms()));
        }
        let banner = serde_json::to_value(&directive.banner).expect("banner serializes");
        assert_eq!(banner["state"], case.expect.state.as_str(), "{}", case.name);
        assert_eq!(
            directive.banner.visible, case.expect.visible,
            "{}",
            case.name
        );
        assert_eq!(directive.click, case.expect.click, "{}", case.name);
    }
}

#[test]
fn detection_cases() {
    run_cases("tests/cases/detection.json");
}

/// LinkedIn's `settleMs`, from its rules.
fn settle_ms() -> u64 {
    main_service().service.timings.settle_ms
}
