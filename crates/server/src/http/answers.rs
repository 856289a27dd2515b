//! The last availability answers, per office and range, for the second they were computed in.
//! When a new month of slots opens and thousands of citizens look at the same calendar, one
//! computation serves them all. Any change to an office's seats on this instance forgets its
//! answers at once; another instance may answer for up to a second more (as a CDN may, for
//! five: see `availability::cached`). Only reads: every booking is decided by the database.

use super::encoded::Encoded;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

type Key = (String, NaiveDate, NaiveDate);

#[derive(Default)]
pub struct Answers {
    entries: Mutex<HashMap<Key, Answer>>,
}

#[derive(Clone)]
pub struct Answer {
    /// The Unix second the answer was computed in (and is good for).
    second: i64,
    /// The JSON and, once asked for, its compressed copies.
    pub body: Arc<Encoded>,
    pub etag: String,
}

/// Answers kept at most; older seconds are dropped first.
const CAPACITY: usize = 256;

impl Answers {
    pub fn get(&self, office: &str, from: NaiveDate, to: NaiveDate, second: i64) -> Option<Answer> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.get(&(office.to_owned(), from, to)).filter(|a| a.second == second).cloned()
    }

    pub fn put(
        &self,
        office: &str,
        from: NaiveDate,
        to: NaiveDate,
        second: i64,
        body: Arc<Encoded>,
        etag: String,
    ) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= CAPACITY {
            entries.retain(|_, a| a.second == second);
        }
        entries.insert((office.to_owned(), from, to), Answer { second, body, etag });
    }

    /// Seats of `office` changed here: its answers are no longer true.
    pub fn forget(&self, office: &str) {
        self.entries.lock().unwrap_or_else(|e| e.into_inner()).retain(|(o, _, _), _| o != office);
    }
}
