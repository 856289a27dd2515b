pub mod accessibility;
pub mod appointment;
pub mod cancel;
pub mod find;
pub mod home;
pub mod not_found;
pub mod offices;
