//! The plain data every layer shares: a page as the content script saw it ([`snapshot`], a control's
//! [`attributes`]), the verdicts and reasons ([`verdict`]), a civil [`date`], where a verified
//! opt-out stands ([`flow`]), and what a report and its context carry ([`report`]). No decisions.

pub mod attributes;
pub mod date;
pub mod flow;
pub mod named;
pub mod report;
pub mod snapshot;
pub mod verdict;
