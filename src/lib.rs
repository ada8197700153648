//! NoTrain's decision core: pure functions over plain data, in layers, each using only those
//! above it in this list:
//!
//! - [`model`]: the shared data (a page's snapshot, verdicts, a report and its context, flows).
//! - [`rules`]: the rules files' schema and the rules compiled in.
//! - [`region`]: where the member is, and which period of a setting's rules is in force there.
//! - [`service`]: what a service is and which of its pages a URL is.
//! - [`read`]: which control is a setting's toggle, and what it reads.
//! - [`state`]: what is stored (the record, the review, the confirmation, the member).
//! - [`verify`]: the one verified opt-out of one toggle.
//! - [`view`]: what the banner, badge, popup and review section say.
//! - [`decide`]: the engine's entry ([`decide::decide`]) and its deciders per kind of page.
//! - `wasm`: the thin browser boundary (wasm32 only); all else is tested natively.

pub mod decide;
pub mod model;
pub mod read;
pub mod region;
pub mod rules;
pub mod service;
pub mod state;
pub mod verify;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod wasm;
