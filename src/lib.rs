//! NoTrain's decision core.
//!
//! Pure functions over plain data: which page this is ([`page`]), which control is LinkedIn's
//! AI-training toggle ([`locate`]), what it reads ([`reading`]), how a verified opt-out proceeds
//! ([`optout`]), and what the banner, badge and popup say ([`banner`], [`badge`], [`popup`]).
//! [`engine::decide`] ties them together. The opt-in review of LinkedIn's related data-use
//! settings ("Review my settings") is [`sweep`] (its stored state) and [`sweep_page`] (its steps). The browser boundary is the thin `wasm` module; all else
//! is tested natively with `cargo test`.

pub mod assess;
pub mod attributes;
pub mod badge;
pub mod banner;
pub mod confirm;
pub mod elsewhere;
pub mod engine;
pub mod guided;
pub mod locate;
pub mod member;
mod named;
pub mod optout;
pub mod page;
pub mod popup;
pub mod reading;
pub mod record;
pub mod region;
pub mod review;
pub mod rules;
pub mod setting_page;
pub mod snapshot;
pub mod sweep;
pub mod sweep_page;
pub mod text;
pub mod verdict;
pub mod verify;

#[cfg(target_arch = "wasm32")]
pub mod wasm;
