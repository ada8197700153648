//! Property: on every service's pages, whatever the page shows and whatever NoTrain remembered,
//! it says "protected" only when exactly one control is that service's toggle and every state
//! signal it has reads OFF (for a switch behind a click: with every `waitFor` element shown and
//! the counts answering its `look`), or, where the switch is not there to read, as remembered;
//! it clicks only that toggle reading ON, when asked to for that service; it presses only an
//! entry of its `look` list counted once and not pressed yet, when asked; and it sends the user
//! only to that service's own host.
//!
//! The judge is the fuzz campaign's oracle (`tests/fuzz/services.rs`, `tests/fuzz/oracle.rs`):
//! which control is the toggle and what it reads, re-derived from the snapshot and
//! `rules/services/*.json` read as plain JSON, not through `notrain::read::locate` or
//! `notrain::read::reading` (which this property checks).
#![cfg(not(target_arch = "wasm32"))]

#[allow(dead_code)] // the fuzz targets use the rest
#[path = "fuzz/oracle.rs"]
mod oracle;
#[allow(dead_code)]
#[path = "fuzz/services.rs"]
mod services;

use notrain::decide::decide;
use notrain::model::attributes::Attributes;
use notrain::model::flow::Flow;
use notrain::model::report::{Context, Intent, Report};
use notrain::model::snapshot::{Control, Snapshot};
use notrain::model::verdict::{Reason, Verdict};
use notrain::state::record::{
    Confirmation, Observation, Observed, PendingOptOut, Record, RECORD_VERSION,
};
use oracle::{fresh, reads};
use proptest::prelude::*;
use proptest::sample::select;
use services::{kind_of, origin_of, services, Facts, Kind};

/// Setting pages of every service (ChatGPT's route on several paths, in any case), and pages
/// next to them (the route's near misses, no fragment, other pages).
const PAGES: [&str; 14] = [
    "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement",
    "https://chatgpt.com/#settings/DataControls",
    "https://chatgpt.com/c/6750a1b2#SETTINGS/datacontrols",
    "https://chatgpt.com/?model=gpt-4o#settings/DataControls",
    "https://chatgpt.com/auth/login#settings/DataControls",
    "https://chatgpt.com/",
    "https://chatgpt.com/#settings/DataControls/x",
    "https://chatgpt.com/#settings",
    "https://x.com/settings/grok_settings",
    "https://X.com/settings/grok_settings/",
    "https://x.com/home#settings/DataControls",
    "https://claude.ai/settings/data-privacy-controls",
    "https://claude.ai/new",
    "https://www.linkedin.com/feed/",
];

/// A switch-like control as a service draws it: its attributes, its accessible name, whether it
/// is a checkbox (with a `checked` property).
type Shape = (Vec<(&'static str, &'static str)>, &'static str, bool);

/// Switch-like controls as the services draw them.
fn shapes() -> Vec<Shape> {
    let x_2025 = "Allow your public data as well as your interactions, inputs, and results with Grok and xAI to be used for training and fine-tuning.";
    let x_2024 = "Allow your posts as well as your interactions, inputs, and results with Grok to be used for training and fine-tuning.";
    vec![
        (
            vec![("aria-labelledby", "allowDataForGenerativeAI")],
            "",
            true,
        ),
        (
            vec![],
            "Use my data for training content creation AI models",
            true,
        ),
        (
            vec![("aria-labelledby", "allowAnonymizedDataResearch")],
            "Use my data for research",
            true,
        ),
        (
            vec![("role", "switch"), ("data-testid", "improve-model-toggle")],
            "Improve the model for everyone",
            false,
        ),
        (
            vec![("role", "switch"), ("data-testid", "improve-model-toggle")],
            "",
            false,
        ),
        (
            vec![("role", "switch")],
            "Improve the model for everyone",
            false,
        ),
        (
            vec![("role", "switch"), ("data-testid", "location-toggle")],
            "Location",
            false,
        ),
        (
            vec![
                ("type", "checkbox"),
                ("aria-describedby", "CHECKBOX_1_LABEL"),
            ],
            x_2025,
            true,
        ),
        (
            vec![
                ("type", "checkbox"),
                ("aria-describedby", "CHECKBOX_1_LABEL"),
            ],
            x_2024,
            true,
        ),
        (
            vec![
                ("type", "checkbox"),
                ("name", "allowXaiDataSharingCustomization"),
            ],
            "",
            true,
        ),
        (
            vec![
                ("type", "checkbox"),
                ("aria-describedby", "CHECKBOX_2_LABEL"),
            ],
            "Allow X to personalize your experience with Grok using your X data.",
            true,
        ),
        (
            vec![
                ("type", "checkbox"),
                ("aria-describedby", "CHECKBOX_3_LABEL"),
            ],
            "Allow Grok to remember your conversations to give more relevant answers.",
            true,
        ),
        (
            vec![("role", "switch"), ("aria-labelledby", ":r1:")],
            "Help improve Claude",
            false,
        ),
    ]
}

fn control() -> impl Strategy<Value = Control> {
    let aria = select(vec![
        None,
        Some("true"),
        Some("false"),
        Some("mixed"),
        Some(""),
    ]);
    let flags = (any::<bool>(), any::<bool>(), any::<bool>());
    (select(shapes()), aria, flags).prop_map(
        |((pairs, name, checkbox), aria, (on, disabled, visible))| {
            let mut attributes: Attributes = pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect();
            if let Some(value) = aria {
                attributes.insert("aria-checked".to_owned(), value.to_owned());
            }
            Control {
                attributes,
                checked: checkbox.then_some(on),
                disabled,
                name: name.to_owned(),
                visible,
                ..Control::default()
            }
        },
    )
}

fn snapshot() -> impl Strategy<Value = Snapshot> {
    let heading = select(vec![
        "",
        "Data for Generative AI Improvement",
        "Data controls",
    ]);
    let controls = prop::collection::vec(control(), 0..5);
    (select(PAGES.to_vec()), controls, heading).prop_map(|(url, mut controls, heading)| {
        for (index, control) in controls.iter_mut().enumerate() {
            control.index = index as u32;
        }
        Snapshot {
            url: url.to_owned(),
            heading: heading.to_owned(),
            controls,
        }
    })
}

/// Counts of the `look` list (`found`), of the right length for ChatGPT's five prerequisites
/// or not, and `pressed` lists in range or not.
fn counts() -> impl Strategy<Value = (Vec<u32>, Vec<u32>)> {
    let count = prop_oneof![6 => 0u32..3, 1 => Just(u32::MAX)];
    let found = prop_oneof![
        4 => prop::collection::vec(count.clone(), 5),
        1 => prop::collection::vec(count, 0..8),
    ];
    let index = prop_oneof![6 => 0u32..5, 1 => select(vec![5, 9, u32::MAX])];
    (found, prop::collection::vec(index, 0..4))
}

fn flow() -> impl Strategy<Value = Option<Flow>> {
    prop_oneof![
        3 => Just(None),
        1 => (0u64..20_000).prop_map(|at| Some(Flow::Clicked { clicked_at_ms: at })),
        1 => (0u64..20_000, 0u64..20_000).prop_map(|(at, since)| Some(Flow::Settling {
            clicked_at_ms: at,
            off_since_ms: since
        })),
    ]
}

/// What an earlier NoTrain could have stored: readings of any service, any verdict and reason,
/// at any time around `now`; a guided request of any service, opt-out or check, fresh or stale; a
/// confirmation of any service; a snooze.
fn record() -> impl Strategy<Value = Record> {
    let settings: Vec<(String, String)> = services()
        .iter()
        .map(|s| (s.id.clone(), s.setting.clone()))
        .collect();
    let seen = (
        select(Verdict::ALL),
        select(Reason::ALL),
        0u64..60_000,
        select(PAGES.to_vec()),
    )
        .prop_map(|(verdict, reason, at_ms, url)| Observation {
            verdict,
            reason,
            at_ms,
            url: url.to_owned(),
        });
    let readings = prop::collection::btree_map(select(settings.clone()), seen, 0..4);
    let ids: Vec<Option<String>> = services().iter().map(|s| Some(s.id.clone())).collect();
    let ids = select([ids, vec![None]].concat());
    let pending =
        (0u64..300_000, any::<bool>(), ids).prop_map(|(requested_at_ms, read_only, service)| {
            PendingOptOut {
                requested_at_ms,
                return_url: Some("https://www.linkedin.com/feed/".to_owned()),
                service,
                read_only,
            }
        });
    let confirming = (select(settings), 0u64..3, 0u64..60_000).prop_map(
        |((service, setting), clicked_on_load, requested_at_ms)| Confirmation {
            service,
            setting,
            tab: None,
            clicked_on_load,
            requested_at_ms,
        },
    );
    let varied = (
        readings,
        prop::option::of(pending),
        prop::option::weighted(0.3, confirming),
        prop::option::of(0u64..60_000),
    )
        .prop_map(
            |(readings, pending_opt_out, confirming, snoozed_until_ms)| Record {
                version: RECORD_VERSION,
                readings: readings
                    .into_iter()
                    .map(|((service, setting), seen)| Observed {
                        service,
                        setting,
                        seen,
                    })
                    .collect(),
                pending_opt_out,
                confirming,
                snoozed_until_ms,
                ..Record::default()
            },
        );
    prop_oneof![1 => Just(Record::default()), 4 => varied]
}

fn protected(record: &Record, facts: &Facts) -> bool {
    record.readings.iter().any(|o| {
        o.service == facts.id && o.setting == facts.setting && o.seen.verdict == Verdict::Protected
    })
}

/// The fresh request for `facts`' service (`Some(true)`: an opt-out).
fn request_for(record: &Record, facts: &Facts, now: u64) -> Option<bool> {
    let pending = record.pending_opt_out.as_ref()?;
    let its = pending.service.as_deref().unwrap_or("linkedin");
    (its == facts.id && fresh(pending.requested_at_ms, now)).then_some(!pending.read_only)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4_000))]
    #[test]
    fn protected_only_when_the_one_toggle_reads_off(
        snapshot in snapshot(),
        mut record in record(),
        wants_out in any::<bool>(),
        flow in flow(),
        (found, pressed) in counts(),
        loaded_at_ms in 0u64..3,
        elapsed in 0u64..30_000,
        now in 0u64..30_000,
    ) {
        let report = Report {
            snapshot: snapshot.clone(),
            elapsed_ms: elapsed,
            intent: wants_out.then_some(Intent::OptOut),
            flow,
            loaded_at_ms,
            found: found.clone(),
            pressed: pressed.clone(),
            ..Default::default()
        };
        let before = record.clone();
        let directive = decide(&report, &mut record, &Context::at(now));
        let (kind, facts) = kind_of(&snapshot.url);
        let facts = facts.expect("every page is a service's");
        let toggle = facts.the_toggle(&snapshot);
        let gate = facts.gate_open(&found);
        let readable = gate && facts.matches_any(&snapshot);
        if directive.banner.state == Verdict::Protected {
            let remembered = protected(&before, facts);
            let read_off = kind == Kind::Setting && gate && toggle.is_some_and(|t| reads(t) == Some(false));
            let as_remembered = remembered && (kind != Kind::Setting || (!facts.prerequisites.is_empty() && !readable));
            prop_assert!(
                read_off || as_remembered,
                "protected, but {}'s toggle is {toggle:?} (gate {gate}) in {snapshot:?}, remembered {before:?}",
                facts.id
            );
        }
        if let Some(index) = directive.click {
            let Some(toggle) = toggle else {
                panic!("clicked {index} without one toggle: {snapshot:?}");
            };
            prop_assert_eq!(kind, Kind::Setting);
            prop_assert_eq!(toggle.index, index);
            let asked = wants_out || request_for(&before, facts, now) == Some(true);
            prop_assert!(asked && flow.is_none() && !toggle.disabled && gate, "click on {:?}", toggle);
            prop_assert_eq!(reads(toggle), Some(true), "clicked {:?}", toggle);
        }
        if let Some(index) = directive.press {
            let look = facts.look();
            let at = usize::try_from(index).unwrap_or(usize::MAX);
            prop_assert!(kind == Kind::Setting && at < look.len() && found.len() == look.len());
            prop_assert!(found[at] == 1 && !pressed.contains(&index), "pressed {index}: {found:?} {pressed:?}");
            let confirms = before.confirming.as_ref().is_some_and(|c| {
                c.service == facts.id && c.clicked_on_load != loaded_at_ms && loaded_at_ms != 0
            });
            let asked = wants_out || request_for(&before, facts, now).is_some() || confirms;
            prop_assert!(asked, "pressed {} unasked", index);
        }
        if let Some(target) = &directive.navigate {
            let origin = origin_of(target).unwrap_or_default();
            let hosts = facts.hosts.iter().map(|h| format!("https://{h}"));
            prop_assert!(hosts.clone().any(|h| h == origin), "navigate to {} from {}", target, snapshot.url);
        }
    }
}
