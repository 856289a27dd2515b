//! The rules of booking an appointment at the Defensoría del Contribuyente y del Usuario
//! Aduanero, shared by the web client (which draws and pre-checks with them) and the server
//! (which enforces them). Nothing here does I/O, so it compiles for wasm32 and native alike.

pub mod api;
pub mod availability;
pub mod calendar;
pub mod calendar_checks;
pub mod catalog;
pub mod code;
pub mod contact;
pub mod document;
pub mod format;
pub mod geo;
pub mod holidays;
pub mod ics;
pub mod lang;
pub mod negotiation;
pub mod reason;
pub mod schedule;
pub mod time;
