//! Reading a page: which control is a setting's toggle ([`locate`]), what it reads ([`reading`]),
//! and the tolerant text matching both rest on ([`text`]).

pub mod locate;
pub mod reading;
pub mod text;
