//! The server's HTTP API, exercised over real HTTP against a fresh database per test: an
//! SQLite file, or a PostgreSQL database of its own when CITAS_TEST_POSTGRES is set.

mod appointments;
mod assisted;
mod availability;
mod batches;
mod bookings_per_address;
mod calendar;
mod concurrency;
mod durability;
mod fair_release;
mod full_disk;
mod hardening;
mod helpers;
mod holds;
mod idempotency;
mod instances;
mod language;
mod mail;
mod manage;
mod offices;
mod privacy;
mod processes;
mod proof_of_work;
mod rate_limits;
mod sealing;
mod serving;
mod smtp_sink;
mod staff;
mod staff_closures;
mod waitlist;
