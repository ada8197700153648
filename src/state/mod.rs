//! What NoTrain stores: the [`record`] in `chrome.storage.local`, and the parts kept in it for
//! steps that span pages: the guided opt-out's request ([`guided`]), the confirmation a fresh load
//! answers ([`confirm`]), the member signed in ([`member`]) and the review of settings
//! ([`review`]); a stored value read and checked ([`stored`]), and records of earlier versions
//! read into today's ([`upgrade`]).

pub mod confirm;
pub mod guided;
pub mod member;
pub mod record;
pub mod review;
pub mod stored;
pub mod upgrade;
