//! MySay's server: configuration, storage, accounts, the web server and the
//! admin command line. `main.rs` only parses the command and calls in here.

pub mod accounts;
pub mod advocacy;
pub mod cli;
pub mod config;
pub mod consultations;
pub mod demo;
pub mod email;
pub mod http;
pub mod letters;
pub mod my_information;
pub mod reviews;
pub mod safety;
pub mod startup;
pub mod storage;
