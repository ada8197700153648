//! What a service is, as its rules file says: its host, its pages and settings, its sign-in and
//! never-act paths; and the classification of a URL among them ([`page`]).

pub mod page;
