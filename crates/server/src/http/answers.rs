//! The last availability answers, per office and range, for the second they were computed in.
//! When a new month of slots opens and thousands of citizens look at the same calendar, one
//! computation serves them all: requests that ask while it is being made wait for it rather
//! than each making its own (at tens of thousands of reads a second, the millisecond or two a
//! month takes to read, serialize and compress sees dozens arrive). Any change to an office's
//! seats on this instance forgets its answers at once; another instance may answer for up to
//! a second more (as a CDN may, for five: see `availability::respond`). Only reads: every
//! booking is decided by the database.

use super::encoded::Encoded;
use axum::http::HeaderValue;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use tokio::sync::OnceCell;

type Key = (String, NaiveDate, NaiveDate);

#[derive(Default)]
pub struct Answers {
    entries: Mutex<HashMap<Key, Entry>>,
}

struct Entry {
    /// The Unix second the answer is computed in (and is good for).
    second: i64,
    /// Empty while the first request of the second computes it.
    answer: Arc<OnceCell<Answer>>,
}

#[derive(Clone)]
pub struct Answer {
    /// The JSON and, once asked for, its compressed copies.
    pub body: Arc<Encoded>,
    /// Made once, not for each request that sends it.
    pub etag: HeaderValue,
}

/// Answers kept at most; older seconds are dropped first.
const CAPACITY: usize = 256;

impl Answers {
    /// The answer for `office` and the range in `second`: the one made already, or the one
    /// `make` makes, once however many requests ask at the same time. (If it fails, each
    /// waiting request tries in turn.)
    pub async fn get_or_make<E, F>(
        &self,
        office: &str,
        from: NaiveDate,
        to: NaiveDate,
        second: i64,
        make: impl FnOnce() -> F,
    ) -> Result<Answer, E>
    where
        F: Future<Output = Result<Answer, E>>,
    {
        let cell = {
            let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
            let key = (office.to_owned(), from, to);
            match entries.get(&key) {
                Some(entry) if entry.second == second => entry.answer.clone(),
                _ => {
                    if entries.len() >= CAPACITY {
                        entries.retain(|_, e| e.second == second);
                    }
                    let answer = Arc::new(OnceCell::new());
                    entries.insert(key, Entry { second, answer: answer.clone() });
                    answer
                }
            }
        };
        cell.get_or_try_init(make).await.cloned()
    }

    /// Seats of `office` changed here: its answers are no longer true. Requests already
    /// waiting for one being made still get it: they asked before the change.
    pub fn forget(&self, office: &str) {
        self.entries.lock().unwrap_or_else(|e| e.into_inner()).retain(|(o, _, _), _| o != office);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).expect("a date")
    }

    /// Asks for Bogotá's answer at `second`, counting how often it is made.
    async fn ask(answers: &Answers, second: i64, made: &AtomicUsize) -> Answer {
        let make = || async {
            made.fetch_add(1, Ordering::SeqCst);
            // Long enough for the other requests to arrive while it is being made.
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            Ok::<_, ()>(Answer {
                body: Arc::new(Encoded::new(b"{}".to_vec())),
                etag: HeaderValue::from_static("W/\"0\""),
            })
        };
        answers.get_or_make("bogota", day(2), day(4), second, make).await.expect("made")
    }

    #[tokio::test]
    async fn requests_arriving_together_share_one_computation() {
        let (answers, made) = (Answers::default(), AtomicUsize::new(0));
        futures::future::join_all((0..8).map(|_| ask(&answers, 100, &made))).await;
        assert_eq!(made.load(Ordering::SeqCst), 1);
        ask(&answers, 100, &made).await;
        assert_eq!(made.load(Ordering::SeqCst), 1, "the same second reuses it");
        ask(&answers, 101, &made).await;
        assert_eq!(made.load(Ordering::SeqCst), 2, "a new second makes a new one");
        answers.forget("bogota");
        ask(&answers, 101, &made).await;
        assert_eq!(made.load(Ordering::SeqCst), 3, "a change to the seats forgets it");
    }
}
