//! The outcome of an operation on a form: what was wrong with it, one
//! (field, message key) pair per problem, in the order the page shows them.
//! Every area's checks return these; the form handlers show them again
//! beside everything that was typed.

/// Problems with a form: (field, message key).
pub type Problems = Vec<(&'static str, &'static str)>;
