//! Property: whatever the page shows and whatever NoTrain remembered, it says "protected" only
//! when exactly one control is the AI toggle and every state signal it has reads OFF, and clicks
//! only that toggle reading ON, when asked to.
//!
//! The judge is the fuzz campaign's oracle (`tests/fuzz/oracle.rs`): which control is the toggle
//! and what it reads, re-derived from the snapshot and `rules/services/linkedin.json` read as plain JSON,
//! not through `notrain::read::locate` or `notrain::read::reading` (which this property checks).
#![cfg(not(target_arch = "wasm32"))]

#[allow(dead_code)] // the fuzz targets use the rest
#[path = "fuzz/oracle.rs"]
mod oracle;

use notrain::decide::decide;
use notrain::model::attributes::Attributes;
use notrain::model::flow::Flow;
use notrain::model::report::{Context, Intent, Report};
use notrain::model::snapshot::{Control, Snapshot};
use notrain::model::verdict::{Reason, Verdict};
use notrain::state::record::{Observation, Observed, PendingOptOut, Record, RECORD_VERSION};
use oracle::{fresh, reads, the_toggle};
use proptest::prelude::*;
use proptest::sample::select;

const PAGE: &str = "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement";

fn control() -> impl Strategy<Value = Control> {
    let labelled_by = prop::sample::select(vec![
        None,
        Some("allowDataForGenerativeAI"),
        Some("allowAnonymizedDataResearch"),
        Some("ember12 allowDataForGenerativeAI"),
    ]);
    let aria = prop::sample::select(vec![
        None,
        Some("true"),
        Some("false"),
        Some("mixed"),
        Some(""),
    ]);
    let name = prop::sample::select(vec![
        "",
        "Use my data for training content creation AI models",
        "Gegevens voor verbetering van generatieve AI",
        "Use my data for research",
    ]);
    (
        labelled_by,
        aria,
        name,
        any::<Option<bool>>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(labelled_by, aria, name, checked, disabled, visible)| {
            let mut attributes = Attributes::default();
            if let Some(ids) = labelled_by {
                attributes.insert("aria-labelledby".to_owned(), ids.to_owned());
            }
            if let Some(value) = aria {
                attributes.insert("aria-checked".to_owned(), value.to_owned());
            }
            Control {
                attributes,
                checked,
                disabled,
                name: name.to_owned(),
                visible,
                ..Control::default()
            }
        })
}

fn snapshot() -> impl Strategy<Value = Snapshot> {
    let heading = prop::sample::select(vec!["", "Data for Generative AI Improvement"]);
    (prop::collection::vec(control(), 0..5), heading).prop_map(|(mut controls, heading)| {
        for (index, control) in controls.iter_mut().enumerate() {
            control.index = index as u32;
        }
        Snapshot {
            url: PAGE.to_owned(),
            heading: heading.to_owned(),
            controls,
        }
    })
}

fn flow() -> impl Strategy<Value = Option<Flow>> {
    prop_oneof![
        Just(None),
        (0u64..20_000).prop_map(|at| Some(Flow::Clicked { clicked_at_ms: at })),
        (0u64..20_000, 0u64..20_000).prop_map(|(at, since)| Some(Flow::Settling {
            clicked_at_ms: at,
            off_since_ms: since
        })),
    ]
}

/// What an earlier NoTrain could have stored: any verdict and reason, from this page or another,
/// at any time around `now`; a guided request, fresh or stale; a snooze.
fn record() -> impl Strategy<Value = Record> {
    let url = select(vec![PAGE, "https://www.linkedin.com/feed/", ""]);
    let seen = (select(Verdict::ALL), select(Reason::ALL), 0u64..60_000, url).prop_map(
        |(verdict, reason, at_ms, url)| Observation {
            verdict,
            reason,
            at_ms,
            url: url.to_owned(),
        },
    );
    let pending =
        (0u64..300_000, any::<bool>()).prop_map(|(requested_at_ms, read_only)| PendingOptOut {
            requested_at_ms,
            return_url: Some("https://www.linkedin.com/feed/".to_owned()),
            service: Some("linkedin".to_owned()),
            read_only,
        });
    let varied = (
        prop::option::of(seen),
        prop::option::of(pending),
        prop::option::of(0u64..60_000),
    )
        .prop_map(|(ai, pending_opt_out, snoozed_until_ms)| Record {
            version: RECORD_VERSION,
            readings: ai.map(ai_reading).into_iter().collect(),
            pending_opt_out,
            snoozed_until_ms,
            ..Record::default()
        });
    prop_oneof![1 => Just(Record::default()), 4 => varied]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4_000))]
    #[test]
    fn protected_only_when_the_one_toggle_reads_off(
        snapshot in snapshot(),
        mut record in record(),
        wants_out in any::<bool>(),
        flow in flow(),
        elapsed in 0u64..30_000,
        now in 0u64..30_000,
    ) {
        let report = Report {
            snapshot: snapshot.clone(),
            elapsed_ms: elapsed,
            intent: wants_out.then_some(Intent::OptOut),
            flow,
            dismissed: false,
            tab: None,
            ..Default::default()
        };
        let requested = record
            .pending_opt_out
            .as_ref()
            .is_some_and(|p| fresh(p.requested_at_ms, now));
        let before = record.clone();
        let directive = decide(&report, &mut record, &Context::at(now));
        if directive.banner.state == Verdict::Protected {
            let toggle = the_toggle(&snapshot);
            prop_assert!(
                toggle.is_some_and(|t| reads(t) == Some(false)),
                "protected, but the toggle is {toggle:?} in {snapshot:?}, remembered {before:?}"
            );
        }
        if let Some(index) = directive.click {
            let Some(toggle) = the_toggle(&snapshot) else {
                panic!("clicked {index} without one toggle: {snapshot:?}");
            };
            prop_assert_eq!(toggle.index, index);
            prop_assert!((wants_out || requested) && flow.is_none() && !toggle.disabled);
            prop_assert_eq!(reads(toggle), Some(true), "clicked {:?}", toggle);
        }
    }
}

/// The reading of LinkedIn's AI setting, as the record keeps it.
fn ai_reading(seen: Observation) -> Observed {
    Observed {
        service: "linkedin".into(),
        setting: "ai-training".into(),
        seen,
    }
}
