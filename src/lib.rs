//! NoTrain's decision core.
//!
//! Pure functions over plain data: which page this is ([`page`]), which control is LinkedIn's
//! AI-training toggle ([`locate`]), what it reads ([`reading`], [`text`]), how a verified opt-out
//! proceeds ([`optout`], [`verify`], [`confirm`]: click, read OFF, load the page again, hold the
//! OFF reading there), whose reading it is ([`member`]), what the rules say for the region
//! ([`rules`], [`region`], [`assess`]), and what the banner, badge and popup say ([`banner`],
//! [`badge`], [`popup`], [`verdict`]). [`engine::decide`] ties them together, with the deciders
//! for the setting page ([`setting_page`]), other pages ([`elsewhere`]) and the guided opt-out
//! ([`guided`]); what is stored is [`record`] (a control's attributes: [`attributes`]; a page as
//! reported: [`snapshot`]). The opt-in review of LinkedIn's related data-use settings ("Review my
//! settings") is [`sweep`] (its stored state), [`sweep_page`] (its steps) and [`review`] (its
//! view). The browser boundary is the thin `wasm` module; all else is tested natively with
//! `cargo test`.

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
