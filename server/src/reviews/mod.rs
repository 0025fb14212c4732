//! Children's statutory reviews: when each is due, when it is scheduled and
//! held, and how the child took part.

pub mod calendar;
