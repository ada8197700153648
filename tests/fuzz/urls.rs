//! URLs built from pieces whose page kind is known by construction, for every service: good and
//! odd schemes, user info, hosts (each service's, in any case, and near misses), ports, paths (the
//! setting's, a hash route's on any path with its near misses, sign-in, account and other
//! pages), queries and fragments; unicode; very long.

use crate::services::{services, Facts, Kind};
use proptest::prelude::*;
use proptest::sample::select;

/// Flips the ASCII case of the letters of `text` where `bits` says so.
pub fn mangle(text: &str, bits: u64) -> String {
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

/// Paths known not to fall under any path of any service's rules (those a browser may read as
/// another host are no service's page: see `names_another_host`) (tested by the core's own rule:
/// segment prefixes, ASCII case ignored, trailing slashes dropped).
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
        "/settings",
        "/settings/grok_settings/more",
        "/settings/grok_settingsx",
        "/settings/data-privacy-controls-x",
        "/settings/DataControls",
        "/c/6750a1b2-data-controls",
        "/i/flow",
        "/auth",
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
    let known: Vec<String> = services()
        .iter()
        .flat_map(|s| s.paths.iter().chain(&s.sign_in).chain(&s.never_act))
        .filter(|p| !p.starts_with('#'))
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

/// A path of `facts`' service with its kind by construction. A hash route's page is any path
/// with the route's fragment (any case, after any query); the route's near misses and no
/// fragment are the path's own kind.
fn path(facts: &'static Facts) -> BoxedStrategy<(String, Kind)> {
    let mut paths: Vec<(u32, BoxedStrategy<(String, Kind)>)> = vec![];
    let plain: Vec<String> = facts
        .paths
        .iter()
        .filter(|p| !p.starts_with('#'))
        .cloned()
        .collect();
    if !plain.is_empty() {
        let setting = mangled(plain, &["", "/", "//"]).prop_map(|p| (p, Kind::Setting));
        paths.push((6, setting.boxed()));
    }
    if !facts.never_act.is_empty() {
        let never = mangled(facts.never_act.clone(), &["", "/", "/confirm"]);
        paths.push((2, never.prop_map(|p| (p, Kind::NeverAct)).boxed()));
    }
    let sign_in = mangled(facts.sign_in.clone(), &["", "/", "/x/y"]);
    paths.push((2, sign_in.prop_map(|p| (p, Kind::SignIn)).boxed()));
    let other = other_path().prop_map(|p| {
        let kind = if names_another_host(&p) {
            Kind::NotListed
        } else {
            Kind::Other
        };
        (p, kind)
    });
    paths.push((3, other.boxed()));
    if let Some(route) = facts.hash_route() {
        let under = prop::strategy::Union::new_weighted(paths.clone());
        let query = select(vec!["", "", "?model=gpt-4o", "?"]);
        let tail = select(vec!["", "", "x", "/", "/general"]);
        let bits = prop_oneof![Just(0u64), any::<u64>()];
        let routed =
            (under, query, bits, tail).prop_map(move |((path, kind), query, bits, tail)| {
                // The route, or below it (`/general`); never on a sign-in or account page.
                let below = tail.is_empty() || tail.starts_with('/');
                let on_route = below && matches!(kind, Kind::Other | Kind::Setting);
                let kind = if on_route { Kind::Setting } else { kind };
                let path = path.split('#').next().unwrap_or_default();
                (format!("{path}{query}#{}{tail}", mangle(route, bits)), kind)
            });
        paths.push((6, routed.boxed()));
    }
    prop::strategy::Union::new_weighted(paths).boxed()
}

/// Whether a browser may read `path` as another host once normalised (`//host`, `/\\host`,
/// `/.//host`, a tab in it): such a URL is no service's page to the core.
fn names_another_host(path: &str) -> bool {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    path.starts_with("//")
        || path.contains(['\\', '\t', '\n', '\r'])
        || path.split('/').any(|segment| {
            let segment = segment.to_ascii_lowercase().replace("%2e", ".");
            !segment.is_empty() && segment.chars().all(|c| c == '.')
        })
}

/// A URL of `facts`' service (or a near miss of its host), with its kind by construction.
fn service_url(facts: &'static Facts) -> BoxedStrategy<(String, Kind)> {
    let scheme = prop_oneof![
        19 => Just(("https://", true)),
        1 => select(vec!["http://", "HTTPS://", "", "wss://", "https:/", "https:///"])
            .prop_map(|s| (s, false)),
    ];
    let first = facts.hosts[0].clone();
    let user = prop_oneof![
        19 => Just((String::new(), true)),
        1 => select(vec!["user@".to_owned(), format!("{first}@"), format!("{first}:443@")])
            .prop_map(|u| (u, false)),
    ];
    let good_host = (
        select(facts.hosts.clone()),
        prop_oneof![Just(0u64), any::<u64>()],
    )
        .prop_map(|(host, bits)| mangle(&host, bits));
    let bad_host = select(vec![
        format!("{first}.evil.example"),
        format!("www.{first}"),
        format!("{first}."),
        first.replace('.', "-"),
        format!("ｗ{first}"),
        format!("{first}\u{0}"),
        "linkedin.com".to_owned(),
        "www.lınkedin.com".to_owned(),
        "chat.openai.com".to_owned(),
        "twitter.com".to_owned(),
        "claude.com".to_owned(),
        "evil.example".to_owned(),
    ]);
    let hosts = facts.hosts.clone();
    let host = prop_oneof![
        16 => good_host.prop_map(|h| (h, true)),
        2 => bad_host.prop_map(|h| (h, false)),
        1 => "[a-z.]{0,20}"
            .prop_filter("a real host", move |h| !hosts.iter().any(|r| h.eq_ignore_ascii_case(r)))
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
        "#settings/DataControls",
        "#SETTINGS/datacontrols",
    ]);
    let route = facts.hash_route().map(str::to_ascii_lowercase);
    (scheme, user, host, port, path(facts), suffix)
        .prop_map(
            move |((scheme, s_ok), (user, u_ok), (host, h_ok), port, (path, kind), suffix)| {
                let kind = if s_ok && u_ok && h_ok {
                    kind
                } else {
                    Kind::NotListed
                };
                // A fragment of its own already: the suffix would fall into it.
                let suffix = if path.contains('#') { "" } else { suffix };
                let fragment = suffix.strip_prefix('#').map(str::to_ascii_lowercase);
                let routed = fragment
                    .zip(route.as_deref())
                    .is_some_and(|(f, r)| f == r || f.starts_with(&format!("{r}/")));
                let kind = match kind {
                    Kind::Other if routed => Kind::Setting,
                    kind => kind,
                };
                (format!("{scheme}{user}{host}{port}{path}{suffix}"), kind)
            },
        )
        .boxed()
}

/// Any URL, with its kind by construction: each service's pages and near misses, and junk.
pub fn url() -> impl Strategy<Value = (String, Kind)> {
    let each = services().iter().map(service_url);
    let built = prop::strategy::Union::new(each);
    let junk = prop_oneof![
        ".{0,60}"
            .prop_filter("https", |u| !u.starts_with("https://"))
            .prop_map(|u| (u, Kind::NotListed)),
        "\\PC{0,60}".prop_map(|rest| (format!("https://{rest}"), Kind::Unknown)),
    ];
    prop_oneof![10 => built, 1 => junk]
}
