//! Widgets that pages and wizard steps share. They depend on nothing above them.

mod alert;
mod fields;
mod heading;

pub use alert::{Alert, FieldError, bring_into_view};
pub use fields::{DocumentFields, TextField, focus};
pub use heading::PageHeading;
