//! Property: whatever the page shows, NoTrain says "protected" only when exactly one control is
//! the AI toggle and every state signal it has reads OFF.
#![cfg(not(target_arch = "wasm32"))]

use notrain::attributes::Attributes;
use notrain::engine::{decide, Context, Intent, Report};
use notrain::locate::{locate, Located};
use notrain::optout::Flow;
use notrain::record::Record;
use notrain::rules::ai_setting;
use notrain::snapshot::{Control, Snapshot};
use notrain::verdict::Verdict;
use proptest::prelude::*;

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
                tag: "input".to_owned(),
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

fn reads_off_everywhere(control: &Control) -> bool {
    let aria = control.attribute("aria-checked");
    control.checked != Some(true)
        && aria != Some("true")
        && (control.checked == Some(false) || aria == Some("false"))
        && !(control.checked.is_some() && aria.is_some_and(|a| a != "false"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4_000))]
    #[test]
    fn protected_only_when_the_one_toggle_reads_off(
        snapshot in snapshot(),
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
        };
        let directive = decide(&report, &mut Record::default(), &Context::at(now));
        if directive.banner.state == Verdict::Protected {
            let Located::Found(toggle, _) = locate(&snapshot, ai_setting()) else {
                panic!("protected without an unambiguous toggle: {snapshot:?}");
            };
            prop_assert!(reads_off_everywhere(toggle), "protected but {toggle:?}");
        }
        if let Some(index) = directive.click {
            let Located::Found(toggle, _) = locate(&snapshot, ai_setting()) else {
                panic!("clicked without an unambiguous toggle");
            };
            prop_assert_eq!(toggle.index, index);
            prop_assert!(wants_out && flow.is_none() && !toggle.disabled);
            prop_assert!(toggle.checked != Some(false) && toggle.attribute("aria-checked") != Some("false"));
        }
    }
}
