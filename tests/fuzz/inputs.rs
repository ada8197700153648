//! Strategies for what a content script can report: URLs built from pieces whose page kind is
//! known by construction (good and odd schemes, hosts, ports, paths, queries; unicode; very long),
//! switch-like controls with arbitrary attribute maps and names in several languages, and whole
//! snapshots that often, but not always, hold a plausible toggle.

use crate::oracle::{setting_names, setting_paths, site_paths, toggle_labels, HOOK};
use notrain::model::attributes::Attributes;
use notrain::model::snapshot::{Control, Snapshot};
use proptest::prelude::*;
use proptest::sample::select;

/// The page kind a generated URL has by construction (`Unknown`: random text after `https://`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Setting,
    SignIn,
    NeverAct,
    Other,
    NotLinkedIn,
    Unknown,
}

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

/// Flips the ASCII case of the letters of `text` where `bits` says so.
fn mangle(text: &str, bits: u64) -> String {
    let flip = |(i, c): (usize, char)| match bits.rotate_right(i as u32) & 1 {
        1 if c.is_ascii_lowercase() => c.to_ascii_uppercase(),
        1 => c.to_ascii_lowercase(),
        _ => c,
    };
    text.chars().enumerate().map(flip).collect()
}

fn mangled(paths: Vec<String>, tails: &'static [&'static str]) -> impl Strategy<Value = String> {
    let bits = prop_oneof![Just(0u64), any::<u64>()];
    (select(paths), bits, select(tails)).prop_map(|(p, bits, tail)| mangle(&p, bits) + tail)
}

/// Paths known not to fall under any path of the rules (those a browser may read as another host
/// are no LinkedIn page: see `names_another_host`) (tested by the core's own rule: segment
/// prefixes, ASCII case ignored, trailing slashes dropped).
fn other_path() -> impl Strategy<Value = String> {
    let fixed = select(vec![
        "",
        "/",
        "/feed/",
        "/in/josé-müller-ñ",
        "/mypreferences/d/settings",
        "/mypreferences/d/settings/data-for-ai-improvement/more",
        "/mypreferences/d/settings/data-for-ai-improvement-x",
        "/mypreferences/d/close-accountsx",
        "/mypreferences/x/close-accounts",
        "/loginx",
        "/checkpoint/lg",
        "/%6Dypreferences/d/settings/data-for-ai-improvement",
        "/jobs/view/1?/login",
        "//mypreferences/d/settings/data-for-ai-improvement",
        "//evil.example/x",
        "/\\evil.example",
        "/.//evil.example",
        "/feed/%2E%2e//evil.example",
        "/\t/evil.example",
    ])
    .prop_map(str::to_owned);
    let known: Vec<String> = setting_paths()
        .into_iter()
        .chain(site_paths("signInPaths"))
        .chain(site_paths("neverActPaths"))
        .map(|p| p.to_ascii_lowercase())
        .collect();
    let random =
        "/[a-zA-Z0-9/._%-]{0,40}|/\\PC{0,20}".prop_filter("under a known path", move |p| {
            let lower = p.to_ascii_lowercase();
            !known.iter().any(|k| lower.starts_with(k.as_str()))
        });
    let long = "[a-z]{1,8}".prop_map(|w| format!("/in/{}", w.repeat(3_000)));
    prop_oneof![4 => fixed, 4 => random, 1 => long]
}

fn path() -> impl Strategy<Value = (String, Kind)> {
    prop_oneof![
        6 => mangled(setting_paths(), &["", "/", "//"]).prop_map(|p| (p, Kind::Setting)),
        2 => mangled(site_paths("neverActPaths"), &["", "/", "/confirm"])
            .prop_map(|p| (p, Kind::NeverAct)),
        2 => mangled(site_paths("signInPaths"), &["", "/", "/x/y"]).prop_map(|p| (p, Kind::SignIn)),
        3 => other_path().prop_map(|p| {
            let kind = if names_another_host(&p) { Kind::NotLinkedIn } else { Kind::Other };
            (p, kind)
        }),
    ]
}

/// Whether a browser may read `path` as another host once normalised (`//host`, `/\\host`,
/// `/.//host`, a tab in it): such a URL is no LinkedIn page to the core.
fn names_another_host(path: &str) -> bool {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    path.starts_with("//")
        || path.contains(['\\', '\t', '\n', '\r'])
        || path.split('/').any(|segment| {
            let segment = segment.to_ascii_lowercase().replace("%2e", ".");
            !segment.is_empty() && segment.chars().all(|c| c == '.')
        })
}

/// Any URL, with its kind by construction.
pub fn url() -> impl Strategy<Value = (String, Kind)> {
    let scheme = prop_oneof![
        19 => Just(("https://", true)),
        1 => select(vec!["http://", "HTTPS://", "", "wss://", "https:/", "https:///"])
            .prop_map(|s| (s, false)),
    ];
    let user = prop_oneof![
        19 => Just(("", true)),
        1 => select(vec!["user@", "www.linkedin.com@", "www.linkedin.com:443@", "a:b@"]).prop_map(|u| (u, false)),
    ];
    let good_host = select(vec![
        "www.linkedin.com",
        "WWW.LINKEDIN.COM",
        "www.LinkedIn.com",
    ]);
    let bad_host = select(vec![
        "linkedin.com",
        "www.linkedin.com.evil.example",
        "evil.example",
        "www.lınkedin.com",
        "www.linkedin.co",
        "www.linkedin.com.",
        "xn--www-linkedin-com",
        "ｗｗｗ.linkedin.com",
        "www.linkedin.com\u{0}",
    ]);
    let host = prop_oneof![
        16 => good_host.prop_map(|h| (h.to_owned(), true)),
        2 => bad_host.prop_map(|h| (h.to_owned(), false)),
        1 => "[a-z.]{0,20}"
            .prop_filter("the real host", |h| !h.eq_ignore_ascii_case("www.linkedin.com"))
            .prop_map(|h| (h, false)),
    ];
    let port = select(vec!["", "", ":443", ":8443", ":", ":99999"]);
    let suffix = select(vec![
        "",
        "",
        "?",
        "?a=1",
        "#frag",
        "?x#y",
        "?next=/mypreferences/d/close-accounts",
        "#/login",
        "?é=ü",
    ]);
    let built = (scheme, user, host, port, path(), suffix).prop_map(
        |((scheme, s_ok), (user, u_ok), (host, h_ok), port, (path, kind), suffix)| {
            let kind = if s_ok && u_ok && h_ok {
                kind
            } else {
                Kind::NotLinkedIn
            };
            (format!("{scheme}{user}{host}{port}{path}{suffix}"), kind)
        },
    );
    let junk = prop_oneof![
        ".{0,60}"
            .prop_filter("https", |u| !u.starts_with("https://"))
            .prop_map(|u| (u, Kind::NotLinkedIn)),
        "\\PC{0,60}".prop_map(|rest| (format!("https://{rest}"), Kind::Unknown)),
    ];
    prop_oneof![10 => built, 1 => junk]
}

fn some_phrase() -> impl Strategy<Value = String> {
    let known: Vec<String> = toggle_labels()
        .iter()
        .chain(setting_names())
        .cloned()
        .collect();
    let known = select(known);
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
            "data-x"
        ])
        .prop_map(str::to_owned),
        "[a-z-]{1,12}",
    ];
    let extra = prop::collection::vec((keys, ".{0,20}"), 0..3);
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

/// A control that is plausibly the toggle: hooked or labelled, its signals agreeing.
fn toggle() -> impl Strategy<Value = Control> {
    let named = prop_oneof![Just(String::new()), some_phrase()];
    let flags = (
        prop::bool::weighted(0.6),
        any::<bool>(),
        prop::bool::weighted(0.9),
    );
    (any::<bool>(), named, flags, prop::bool::weighted(0.15)).prop_map(
        |(hooked, name, (on, aria, visible), disabled)| {
            let mut attributes = Attributes::default();
            if hooked || name.is_empty() {
                attributes.insert("aria-labelledby".to_owned(), HOOK.to_owned());
            }
            if aria {
                attributes.insert("aria-checked".to_owned(), on.to_string());
            }
            Control {
                index: 0,
                attributes,
                checked: (!aria).then_some(on),
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
        3 => select(setting_names().to_vec()),
        1 => "\\PC{0,40}",
    ];
    let controls = prop::collection::vec(control(), 0..5);
    let real = prop::option::weighted(0.7, (toggle(), any::<prop::sample::Index>()));
    let numbering = select(vec![0u32, 0, 1, 1000, u32::MAX - 10]);
    (url(), heading, controls, real, numbering, any::<bool>()).prop_map(
        |((url, kind), heading, mut controls, real, offset, reversed)| {
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
