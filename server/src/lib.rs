//! MySay's server: configuration, storage, accounts, the web server and the
//! admin command line. `main.rs` only parses the command and calls in here.

// The layers, top to bottom (ARCHITECTURE.md; `tests/api/layers.rs` checks
// that imports only point down).
// edges.
pub mod cli;
pub mod demo;
pub mod http;
pub mod startup;
// composites: the pages that gather several areas.
pub mod annual_pack;
pub mod child_page;
pub mod home;
pub mod summary_page;
// areas.
pub mod advocacy;
pub mod audit_log;
pub mod consultations;
pub mod escalations;
pub mod figures;
pub mod letters;
pub mod my_information;
pub mod reviews;
pub mod settings;
pub mod speakerbox;
pub mod themes;
// people.
pub mod accounts;
pub mod safety;
// foundation.
pub mod calendar;
pub mod config;
pub mod download;
pub mod email;
pub mod outcome;
pub mod storage;
pub mod text;
