//! Classifies a URL: the AI-setting page, a sign-in page, a page never to act on, or another page.

use crate::rules::{ai_setting, rules};
use serde::Serialize;

/// What kind of page the content script is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageKind {
    /// The "Data for Generative AI Improvement" setting page.
    AiSetting,
    /// A sign-in page or the authwall: the visitor is signed out.
    SignIn,
    /// Account closing or hibernation: NoTrain never acts here.
    NeverAct,
    /// Any other LinkedIn page.
    OtherLinkedIn,
    /// Not LinkedIn at all (or not a URL).
    NotLinkedIn,
}

/// Classifies `url` (scheme, host and path; port, query and fragment are ignored).
pub fn classify(url: &str) -> PageKind {
    let Some(path) = linkedin_path(url) else {
        return PageKind::NotLinkedIn;
    };
    let path = path.trim_end_matches('/');
    let site = &rules().site;
    if site.never_act_paths.iter().any(|p| has_prefix(path, p)) {
        PageKind::NeverAct
    } else if ai_setting().is_its_page(path) {
        PageKind::AiSetting
    } else if site.sign_in_paths.iter().any(|p| has_prefix(path, p)) {
        PageKind::SignIn
    } else {
        PageKind::OtherLinkedIn
    }
}

/// The path of an `https://www.linkedin.com[:port]/...` URL, or `None` for any other URL.
///
/// A path a browser would read as another host is refused: one that starts `//host/...` (as an
/// origin-relative URL it is protocol-relative), and anything that may become one once the URL
/// parser normalises it: a backslash, a tab or line break, a dot segment (`/.//host`).
pub(crate) fn linkedin_path(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("https://")?;
    let end_of_authority = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, after) = rest.split_at_checked(end_of_authority)?;
    if authority.contains('@') {
        return None;
    }
    let host = authority.split(':').next().unwrap_or_default();
    if !host.eq_ignore_ascii_case(&rules().site.host) {
        return None;
    }
    let path = after.split(['?', '#']).next()?;
    let ambiguous = path.starts_with("//")
        || path.bytes().any(|b| b == b'\\' || b.is_ascii_control())
        || path.split('/').any(is_dot_segment);
    (!ambiguous).then_some(path)
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
