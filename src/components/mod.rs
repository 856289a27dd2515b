//! Widgets that pages, wizard steps and the waiting list share. They depend on nothing above them.

mod alert;
mod consent;
mod fields;
mod heading;
mod proof;

pub use alert::{Alert, FieldError, bring_into_view};
pub use consent::{ConsentField, PrivacyNotice};
pub use fields::{DocumentFields, TextField, focus, focus_soon};
pub use heading::PageHeading;
pub use proof::Proof;
