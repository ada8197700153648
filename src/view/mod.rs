//! What NoTrain shows, as message keys and facts for the extension's pages to draw: the page's
//! [`banner`], the toolbar [`badge`], the [`popup`], the options page's and popup's [`review`]
//! section, every service at a glance ([`services`]), and the region rules applied to what
//! NoTrain remembers ([`assess`]).

pub mod assess;
pub mod badge;
pub mod banner;
pub mod popup;
pub mod review;
pub mod services;
