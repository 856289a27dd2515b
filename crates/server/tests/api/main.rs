//! The server's HTTP API, exercised over real HTTP against a fresh SQLite file per test.

mod appointments;
mod availability;
mod concurrency;
mod durability;
mod helpers;
mod holds;
mod language;
mod manage;
mod offices;
