//! The server's integration tests, in one binary so the server links once:
//! one module per area (and for what crosses areas: authorization,
//! privacy, the web protections, the schema, the layers of the code).

#[macro_use]
mod support;

mod accounts;
mod advocacy;
mod audit_log;
mod authorization;
mod backup;
mod children;
mod childrens_words;
mod cli;
mod consultations;
mod email;
mod escalations;
mod figures;
mod invitations;
mod layers;
mod letters;
mod metrics;
mod privacy;
mod reviews;
mod schema;
mod settings;
mod several_servers;
mod speakerbox;
mod staff;
mod themes;
mod web;
