//! Strategies for what a content script can report: URLs of every service (`urls.rs`), switch-like
//! controls with arbitrary attribute maps and names in several languages (the services' labels and
//! their neighbours'), and whole snapshots that often, but not always, hold a plausible toggle of
//! the page's service or another's (ChatGPT's `role=switch` button with its test id, X's checkboxes
//! described by a `CHECKBOX_<n>_LABEL`, Claude's switch labelled by a generated id, LinkedIn's).

use crate::oracle::{setting_names, HOOK};
use crate::services::{all_languages, page_of, services, Kind};
pub use crate::urls::url;
use notrain::model::attributes::Attributes;
use notrain::model::snapshot::{Control, Snapshot};
use proptest::prelude::*;
use proptest::sample::select;

/// The page as the content script reports it again after LinkedIn (or anyone) switched every
/// control: `checked` and `aria-checked` inverted.
pub fn flipped(snapshot: &Snapshot) -> Snapshot {
    let mut snapshot = snapshot.clone();
    for control in &mut snapshot.controls {
        control.checked = control.checked.map(|checked| !checked);
        if let Some(aria) = control.attributes.get_mut("aria-checked") {
            *aria = match aria.as_str() {
                "true" => "false".to_owned(),
                "false" => "true".to_owned(),
                other => other.to_owned(),
            };
        }
    }
    snapshot
}

/// Every phrase a locator of a service's primary setting names (labels, headings), and the
/// neighbours on the same pages that are not the setting (X's personalization and memory boxes).
fn phrases() -> Vec<String> {
    let locators = services().iter().flat_map(|s| &s.locators);
    let named = locators.flat_map(|l| {
        let by = |key: &str| all_languages(&l[key]);
        by("name").into_iter().chain(by("onlySwitchUnderHeading"))
    });
    let neighbours = NEIGHBOURS.iter().map(|n| (*n).to_owned());
    named.chain(neighbours).collect()
}

/// Switches next to the setting's, on its page: X's personalization and memory boxes (the fake's
/// wording), ChatGPT's and Claude's other switches.
const NEIGHBOURS: [&str; 5] = [
    "Allow X to personalize your experience with Grok using your X data.",
    "Allow Grok to remember your conversations to give more relevant answers.",
    "Improve the model for everyone else",
    "Location metadata",
    "Help improve Claude's memory",
];

fn some_phrase() -> impl Strategy<Value = String> {
    let known = select(phrases());
    prop_oneof![
        4 => known.clone(),
        1 => known.clone().prop_map(|p| p.to_uppercase()),
        1 => known.clone().prop_map(|p| format!("  {p}.  ")),
        1 => (known, "\\PC{0,12}").prop_map(|(p, w)| {
            let mut words: Vec<&str> = p.split(' ').collect();
            words[0] = w.as_str();
            words.join(" ")
        }),
    ]
}

/// An accessible name: the setting's labels and names in several languages (as they are,
/// shouted, padded, with a word changed), other settings, other scripts, junk, very long.
pub fn name() -> impl Strategy<Value = String> {
    let others = select(vec![
        "",
        "Use my data for research",
        "Allow data for generative AI",
        "Profile visibility",
        "Données de profil",
        "AI データを使用する",
        "استخدام بياناتي لتدريب نماذج الذكاء الاصطناعي",
        "Использовать мои данные",
    ])
    .prop_map(str::to_owned);
    let long = "[a-z ]{1,10}".prop_map(|w| w.repeat(400));
    prop_oneof![16 => some_phrase(), 12 => others, 8 => "\\PC{0,40}", 1 => long]
}

fn labelled_by() -> impl Strategy<Value = Option<String>> {
    let hooks = select(vec![
        HOOK,
        " allowDataForGenerativeAI ",
        "ember12 allowDataForGenerativeAI",
        "\tallowDataForGenerativeAI\n",
        "allowdataforgenerativeai",
        "allowDataForGenerativeAIx",
        "allowDataForGenerativeAI\u{a0}",
        "allowAnonymizedDataResearch",
        ":r1:",
        "",
    ]);
    prop_oneof![
        10 => Just(None),
        4 => hooks.prop_map(|h| Some(h.to_owned())),
        1 => ".{0,30}".prop_map(Some),
    ]
}

fn aria_checked() -> impl Strategy<Value = Option<String>> {
    let values = select(vec![
        "true",
        "false",
        "TRUE",
        " false ",
        "False",
        "mixed",
        "",
        "1",
        "0",
        "\u{3000}true",
    ]);
    prop_oneof![
        3 => Just(None),
        6 => values.prop_map(|v| Some(v.to_owned())),
        1 => ".{0,10}".prop_map(Some),
    ]
}

/// A switch-like control with an arbitrary attribute map.
pub fn control() -> impl Strategy<Value = Control> {
    let keys = prop_oneof![
        select(vec![
            "role",
            "type",
            "id",
            "class",
            "aria-label",
            "ARIA-CHECKED",
            "data-testid",
            "name",
            "aria-describedby",
            "data-x"
        ])
        .prop_map(str::to_owned),
        "[a-z-]{1,12}",
    ];
    let values = prop_oneof![
        select(vec![
            "switch",
            "checkbox",
            "improve-model-toggle",
            "improve-model-toggle-x",
            "Improve-Model-Toggle",
            "allowXaiDataSharingCustomization",
            "allowXaiPersonalization",
            "CHECKBOX_2_LABEL",
        ])
        .prop_map(str::to_owned),
        ".{0,20}",
    ];
    let extra = prop::collection::vec((keys, values), 0..3);
    let flags = (any::<Option<bool>>(), any::<bool>(), any::<bool>());
    (labelled_by(), aria_checked(), extra, flags, name()).prop_map(
        |(labelled_by, aria, extra, (checked, disabled, visible), name)| {
            let mut attributes: Attributes = extra.into_iter().collect();
            attributes.extend(labelled_by.map(|v| ("aria-labelledby".to_owned(), v)));
            attributes.extend(aria.map(|v| ("aria-checked".to_owned(), v)));
            Control {
                index: 0,
                attributes,
                checked,
                disabled,
                name,
                visible,
            }
        },
    )
}

/// A control that is plausibly some service's toggle: matched by one of its locators, shaped as
/// that service's (ChatGPT's and Claude's `role=switch` buttons, X's checkboxes described by a
/// `CHECKBOX_<n>_LABEL`), its signals agreeing.
fn toggle(of: Option<&'static str>) -> impl Strategy<Value = Control> {
    let locators: Vec<(&'static str, &'static serde_json::Value)> = services()
        .iter()
        .filter(|s| of.is_none_or(|id| s.id == id))
        .flat_map(|s| s.locators.iter().map(|l| (s.id.as_str(), l)))
        .collect();
    let flags = (
        prop::bool::weighted(0.6),
        any::<bool>(),
        prop::bool::weighted(0.9),
    );
    let how = (select(locators), some_phrase(), 0u32..4);
    (how, flags, prop::bool::weighted(0.15)).prop_map(
        |(((service, locator), phrase, n), (on, aria, visible), disabled)| {
            let mut attributes = Attributes::default();
            let mut name = String::new();
            if let Some(id) = locator["labelledBy"].as_str() {
                attributes.insert("aria-labelledby".to_owned(), id.to_owned());
            } else if let Some(wanted) = locator.get("selector") {
                let text = |key: &str| wanted[key].as_str().unwrap_or_default().to_owned();
                attributes.insert(text("attribute"), text("value"));
            } else if locator.get("name").is_some() {
                name = phrase;
            }
            let aria = aria || service != "x";
            match service {
                "x" => {
                    attributes.insert("type".to_owned(), "checkbox".to_owned());
                    let label = format!("CHECKBOX_{n}_LABEL");
                    attributes.insert("aria-describedby".to_owned(), label);
                }
                "linkedin" => {}
                _ => attributes.insert("role".to_owned(), "switch".to_owned()),
            }
            if service == "claude" {
                attributes.insert("aria-labelledby".to_owned(), format!(":r{n}:"));
            }
            if aria {
                attributes.insert("aria-checked".to_owned(), on.to_string());
            }
            Control {
                index: 0,
                attributes,
                checked: (!aria || service == "x").then_some(on),
                disabled,
                name,
                visible,
            }
        },
    )
}

/// A page as the content script could report it, with its URL's kind by construction. Indices
/// are unique (the content script numbers its list), in document order or not.
pub fn snapshot() -> impl Strategy<Value = (Snapshot, Kind)> {
    let heading = prop_oneof![
        2 => Just(String::new()),
        3 => select(headings()),
        1 => "\\PC{0,40}",
    ];
    let controls = prop::collection::vec(control(), 0..5);
    let numbering = select(vec![0u32, 0, 1, 1000, u32::MAX - 10]);
    let page = (url(), heading, controls, numbering, any::<bool>());
    page.prop_flat_map(|((url, kind), heading, controls, offset, reversed)| {
        let of = page_of(&url).map(|(facts, _, _)| facts.id.as_str());
        let its = prop_oneof![3 => toggle(of).boxed(), 1 => toggle(None).boxed()];
        let real = prop::option::weighted(0.7, (its, any::<prop::sample::Index>()));
        (Just((url, kind, heading, controls, offset, reversed)), real)
    })
    .prop_map(
        |((url, kind, heading, mut controls, offset, reversed), real)| {
            if let Some((toggle, at)) = real {
                controls.insert(at.index(controls.len() + 1), toggle);
            }
            let count = controls.len() as u32;
            for (i, control) in controls.iter_mut().enumerate() {
                let i = i as u32;
                control.index = offset.wrapping_add(if reversed { count - 1 - i } else { i });
            }
            let snapshot = Snapshot {
                url,
                heading,
                controls,
            };
            (snapshot, kind)
        },
    )
}

/// Page headings: the setting names the rules give (LinkedIn's), the other services' pages.
fn headings() -> Vec<String> {
    let names = setting_names().iter().cloned();
    let others = [
        "Data controls",
        "Grok & Third-party collaborators",
        "Privacy",
    ];
    names.chain(others.map(str::to_owned)).collect()
}
