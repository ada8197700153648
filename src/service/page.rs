//! Classifies a URL: a service's primary setting page, a sign-in page, a page never to act on,
//! another page of the service, or no service's page at all.

use crate::rules::{ServiceRules, Setting};
use crate::service::service_of_host;
use serde::Serialize;

/// What kind of page the content script is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageKind {
    /// The page of the service's primary setting (LinkedIn's "Data for Generative AI
    /// Improvement").
    PrimarySetting,
    /// A sign-in page or the authwall: the visitor is signed out.
    SignIn,
    /// Account closing or hibernation: NoTrain never acts here.
    NeverAct,
    /// Any other page of the service.
    Other,
    /// No service's page (or not a URL).
    NotListed,
}

/// Classifies `url` (scheme, host and path, and the fragment for a hash route; port and query are
/// ignored).
pub fn classify(url: &str) -> PageKind {
    let Some((rules, path)) = service_path(url) else {
        return PageKind::NotListed;
    };
    let path = path.trim_end_matches('/');
    let service = &rules.service;
    // A sign-in page is one whatever its fragment says (a hash route on it is no setting page).
    if service.never_act_paths.iter().any(|p| has_prefix(path, p)) {
        PageKind::NeverAct
    } else if service.sign_in_paths.iter().any(|p| has_prefix(path, p)) {
        PageKind::SignIn
    } else if rules.primary().is_its_page(path, fragment(url)) {
        PageKind::PrimarySetting
    } else {
        PageKind::Other
    }
}

/// The service of an `https://<a service's host>[:port]/...` URL and the URL's path, or `None`
/// for any other URL.
///
/// A path a browser would read as another host is refused: one that starts `//host/...` (as an
/// origin-relative URL it is protocol-relative), and anything that may become one once the URL
/// parser normalises it: a backslash, a tab or line break, a dot segment (`/.//host`).
pub fn service_path(url: &str) -> Option<(&'static ServiceRules, &str)> {
    let rest = url.strip_prefix("https://")?;
    let end_of_authority = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, after) = rest.split_at_checked(end_of_authority)?;
    if authority.contains('@') {
        return None;
    }
    let host = authority.split(':').next().unwrap_or_default();
    let rules = service_of_host(host)?;
    let path = after.split(['?', '#']).next()?;
    let ambiguous = path.starts_with("//")
        || path.bytes().any(|b| b == b'\\' || b.is_ascii_control())
        || path.split('/').any(is_dot_segment);
    (!ambiguous).then_some((rules, path))
}

/// The fragment of `url` (after its first `#`), if it has one.
pub fn fragment(url: &str) -> Option<&str> {
    url.split_once('#').map(|(_, fragment)| fragment)
}

/// Whether `url` is a page of `setting` of the service `service_id`.
pub fn is_page_of(service_id: &str, setting: &Setting, url: &str) -> bool {
    service_path(url).is_some_and(|(rules, path)| {
        rules.service.id == service_id && setting.is_its_page(path, fragment(url))
    })
}

/// The URL that loads `setting`'s page again to confirm an opt-out, from `url`, the page it is on:
/// without a fragment (a fragment alone would not load the page again), unless the setting is on
/// a hash route: then the route itself, which the content script loads again.
pub fn load_again(setting: &Setting, url: &str) -> String {
    if setting.paths.iter().any(|path| path.starts_with('#')) {
        return url.to_owned();
    }
    url.split('#').next().unwrap_or_default().to_owned()
}

/// Whether `segment` is made of dots only, written as `.` or `%2e` (`.`, `..`, `%2E.`, ...).
fn is_dot_segment(segment: &str) -> bool {
    let mut rest = segment.as_bytes();
    while !rest.is_empty() {
        rest = match rest {
            [b'.', tail @ ..] | [b'%', b'2', b'e' | b'E', tail @ ..] => tail,
            _ => return false,
        };
    }
    !segment.is_empty()
}

/// Whether `path` is `prefix` or lies below it, segment-wise and case-insensitively.
fn has_prefix(path: &str, prefix: &str) -> bool {
    let prefix = prefix.trim_end_matches('/');
    path.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
        && matches!(path.as_bytes().get(prefix.len()), None | Some(b'/'))
}
