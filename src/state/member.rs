//! One reading per member of the service that tells its members (LinkedIn): that service's
//! readings belong to the member they were read for, and a page of another member starts from
//! nothing. Other services' readings stay where they are.
//!
//! The content script tells the member by the rules' `member` sensor (the global navigation's
//! link to the member's own profile, as Brave's PSST reads it); the background replaces what it
//! read by a one-way digest, salted per installation, before the core sees it. NoTrain never
//! stores the identifier, a name or a profile URL. The readings of at most
//! [`MAX_OTHER_MEMBERS`] other members are kept aside.

use crate::model::report::Report;
use crate::state::record::{MemberReadings, Record};

/// How many members besides the current one keep their readings.
pub const MAX_OTHER_MEMBERS: usize = 3;
/// The longest digest kept (hex characters); anything longer is not NoTrain's digest.
pub const MAX_DIGEST_LEN: usize = 64;

/// What a report says about the member signed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Told<'a> {
    /// The report carries no member sensing (the content script had not been asked yet).
    NotSensed,
    /// Sensed, but the page showed no member.
    Untold,
    /// This member (its digest).
    Member(&'a str),
}

/// What `report` tells of its member.
pub fn told(report: &Report) -> Told<'_> {
    match report.member.as_deref() {
        None => Told::NotSensed,
        Some(digest) if is_digest(digest) => Told::Member(digest),
        Some(_) => Told::Untold,
    }
}

/// Makes the record's readings those of the member `report` tells (a signed-in LinkedIn page):
/// another member's readings are set aside and that member's, if any, brought back. A record
/// whose readings belong to no member yet (read before NoTrain told members apart, or on pages
/// that could not tell) is the first member's. A page that cannot tell its member changes
/// nothing but the record's `member_untold` flag.
pub fn follow(record: &mut Record, report: &Report, service: &str) {
    let digest = match told(report) {
        Told::NotSensed => return,
        Told::Untold => {
            record.member_untold = true;
            return;
        }
        Told::Member(digest) => digest,
    };
    record.member_untold = false;
    match record.member.as_deref() {
        Some(current) if current == digest => {}
        None => record.member = Some(digest.to_owned()),
        Some(_) => switch(record, digest, service),
    }
}

/// Sets the current member's readings of `service` aside and brings back `digest`'s; the
/// readings of other services (which tell no members) stay.
fn switch(record: &mut Record, digest: &str, service: &str) {
    let (theirs, others) = std::mem::take(&mut record.readings)
        .into_iter()
        .partition(|observed| observed.service == service);
    record.readings = others;
    let current = MemberReadings {
        member: record.member.take().unwrap_or_default(),
        readings: theirs,
        snoozed_until_ms: record.snoozed_until_ms.take(),
    };
    let back = record
        .members
        .iter()
        .position(|kept| kept.member == digest)
        .map(|at| record.members.remove(at))
        .unwrap_or_default();
    record.members.push(current);
    let excess = record.members.len().saturating_sub(MAX_OTHER_MEMBERS);
    record.members.drain(..excess);
    record.member = Some(digest.to_owned());
    record.readings.extend(back.readings);
    record.snoozed_until_ms = back.snoozed_until_ms;
}

fn is_digest(text: &str) -> bool {
    !text.is_empty() && text.len() <= MAX_DIGEST_LEN && text.bytes().all(|b| b.is_ascii_hexdigit())
}
