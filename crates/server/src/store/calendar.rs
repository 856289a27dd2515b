//! The offices' calendar as administrators change it: closures, and desks from a date on. Kept
//! in the database (`migrations/*/…_office_calendar.sql`) and read on every request that plans
//! days, so a change holds at once on every instance; nothing of it is kept in this process.
//! The statements are the same in both dialects, in `calendar/`.

use super::{Appointment, Error, Pool, Store, count, instant};
use chrono::{Days, NaiveDate, NaiveTime};
use citas_domain::api::staff::{AllOffices, ClosureOffices, DesksChange, NewClosure};
use citas_domain::calendar::{Closure, ClosureReason, DesksFrom, OfficeCalendar};
use citas_domain::schedule::Slot;
use citas_domain::time::{at_bogota, clock, parse_clock};

/// A closure as kept: its id, what was asked, and when (Unix seconds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredClosure {
    pub id: i64,
    pub closure: NewClosure,
    pub created_at: i64,
}

/// One row of `closures_from.sql` and `closure.sql`: a closure and one office it names.
#[derive(sqlx::FromRow)]
struct ClosureRow {
    id: i64,
    first_day: String,
    last_day: String,
    from_time: Option<String>,
    to_time: Option<String>,
    reason_es: String,
    reason_en: Option<String>,
    created_at: i64,
    office_id: Option<String>,
}

/// One row of `calendar.sql`: a closure for one office (or every office), or a desk change.
#[derive(sqlx::FromRow)]
struct CalendarRow {
    first_day: String,
    last_day: Option<String>,
    from_time: Option<String>,
    to_time: Option<String>,
    reason_es: Option<String>,
    reason_en: Option<String>,
    office_id: Option<String>,
    desks: Option<i64>,
}

impl Store {
    /// Keeps a closure (checked by `calendar_checks::check_closure`), made by `account` at
    /// `now`: its id. From then on every instance plans its days without them.
    pub async fn add_closure(
        &self,
        closure: &NewClosure,
        account: Option<i64>,
        now: i64,
    ) -> Result<i64, Error> {
        let every_office = i64::from(matches!(closure.offices, ClosureOffices::All(_)));
        let offices = match &closure.offices {
            ClosureOffices::All(_) => &[][..],
            ClosureOffices::Some(ids) => &ids[..],
        };
        let id = on_either!(&self.pool, |p| {
            async {
                let mut tx = p.begin().await?;
                let id: i64 = sqlx::query_scalar(include_str!("calendar/add_closure.sql"))
                    .bind(closure.from.to_string())
                    .bind(closure.to.to_string())
                    .bind(closure.from_time.map(clock))
                    .bind(closure.to_time.map(clock))
                    .bind(&closure.reason_es)
                    .bind(closure.reason_en.as_deref())
                    .bind(every_office)
                    .bind(account)
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await?;
                for office in offices {
                    sqlx::query(include_str!("calendar/add_closure_office.sql"))
                        .bind(id)
                        .bind(office)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok::<_, sqlx::Error>(id)
            }
            .await
        })?;
        Ok(id)
    }

    /// The closures that end on `date` or later, by their first day.
    pub async fn closures_from(&self, date: NaiveDate) -> Result<Vec<StoredClosure>, Error> {
        let rows: Vec<ClosureRow> = on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("calendar/closures_from.sql"))
                .bind(date.to_string())
                .fetch_all(p)
                .await
        })?;
        Ok(stored_closures(rows))
    }

    pub async fn closure(&self, id: i64) -> Result<Option<StoredClosure>, Error> {
        let rows: Vec<ClosureRow> = on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("calendar/closure.sql")).bind(id).fetch_all(p).await
        })?;
        Ok(stored_closures(rows).pop())
    }

    /// Deletes a closure: its days open again at once. False when there was no such closure.
    pub async fn delete_closure(&self, id: i64) -> Result<bool, Error> {
        let deleted = on_either!(&self.pool, |p| {
            sqlx::query(include_str!("calendar/delete_closure.sql"))
                .bind(id)
                .execute(p)
                .await
                .map(|done| done.rows_affected())
        })?;
        Ok(deleted > 0)
    }

    /// The booked appointments (not yet attended or marked no-show) of the closure's offices
    /// whose slots it overlaps, by start: for the office to contact. It changes none of them.
    pub async fn affected_by_closure(&self, closure: &NewClosure) -> Result<Vec<Appointment>, Error> {
        let first = midnight(closure.from);
        let end = midnight(closure.to + Days::new(1));
        let booked: Vec<Appointment> = on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("calendar/booked_between.sql"))
                .bind(first)
                .bind(end)
                .fetch_all(p)
                .await
        })?;
        let closure = Closure::from(closure);
        Ok(booked
            .into_iter()
            .filter(|a| {
                let slot = Slot { start: instant(a.start_at), end: instant(a.end_at) };
                closure.closes_slot(&a.office_id, &slot)
            })
            .collect())
    }

    /// The office attends with `desks` from `from` on (until a later change), as `account` set
    /// at `now`; a change from the same date replaces it. Nothing booked is dropped: see
    /// `over_capacity`.
    pub async fn set_desks(
        &self,
        office: &str,
        from: NaiveDate,
        desks: u32,
        account: Option<i64>,
        now: i64,
    ) -> Result<(), Error> {
        on_either!(&self.pool, |p| {
            sqlx::query(include_str!("calendar/set_desks.sql"))
                .bind(office)
                .bind(from.to_string())
                .bind(i64::from(desks))
                .bind(account)
                .bind(now)
                .execute(p)
                .await
                .map(drop)
        })?;
        Ok(())
    }

    /// The booked appointments of the office in slots from `from` on (until its next change of
    /// desks) that hold more than `desks`, by start: every one of those slots' appointments, for
    /// the office to decide whom to call.
    pub async fn over_capacity(
        &self,
        office: &str,
        from: NaiveDate,
        desks: u32,
    ) -> Result<Vec<Appointment>, Error> {
        let next: Option<String> = on_either!(&self.pool, |p| {
            sqlx::query_scalar(include_str!("calendar/next_desk_change.sql"))
                .bind(office)
                .bind(from.to_string())
                .fetch_one(p)
                .await
        })?;
        let until = next.as_deref().and_then(date).map_or(i64::MAX, midnight);
        Ok(on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("calendar/over_capacity.sql"))
                .bind(office)
                .bind(midnight(from))
                .bind(until)
                .bind(i64::from(desks))
                .fetch_all(p)
                .await
        })?)
    }

    /// What the calendar of `office` holds for the days `from` to `to`.
    pub async fn calendar(
        &self,
        office: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<OfficeCalendar, Error> {
        self.read_calendar(Some(office), from, to).await
    }

    /// The same for every office at once.
    pub async fn calendar_everywhere(&self, from: NaiveDate, to: NaiveDate) -> Result<OfficeCalendar, Error> {
        self.read_calendar(None, from, to).await
    }

    async fn read_calendar(
        &self,
        office: Option<&str>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<OfficeCalendar, Error> {
        let rows: Vec<CalendarRow> = on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("calendar/calendar.sql"))
                .bind(office)
                .bind(from.to_string())
                .bind(to.to_string())
                .fetch_all(p)
                .await
        })?;
        let mut calendar = OfficeCalendar::default();
        for row in rows {
            let Some(first) = date(&row.first_day) else { continue };
            match (row.desks, row.office_id) {
                (Some(desks), Some(office)) => calendar
                    .desks
                    .push(DesksFrom { office, change: DesksChange { from: first, desks: count(desks) } }),
                (_, office) => {
                    let Some(last) = row.last_day.as_deref().and_then(date) else { continue };
                    calendar.closures.push(Closure {
                        offices: match office {
                            Some(id) => ClosureOffices::Some(vec![id]),
                            None => ClosureOffices::All(AllOffices::All),
                        },
                        from: first,
                        to: last,
                        hours: time(row.from_time.as_deref()).zip(time(row.to_time.as_deref())),
                        reason: ClosureReason { es: row.reason_es.unwrap_or_default(), en: row.reason_en },
                    });
                }
            }
        }
        Ok(calendar)
    }
}

/// The rows of closures, one per office each names, as closures (in the rows' order).
fn stored_closures(rows: Vec<ClosureRow>) -> Vec<StoredClosure> {
    let mut closures: Vec<StoredClosure> = Vec::new();
    for row in rows {
        if let Some(last) = closures.last_mut().filter(|c| c.id == row.id) {
            if let (ClosureOffices::Some(ids), Some(office)) = (&mut last.closure.offices, row.office_id) {
                ids.push(office);
            }
            continue;
        }
        let (Some(from), Some(to)) = (date(&row.first_day), date(&row.last_day)) else { continue };
        closures.push(StoredClosure {
            id: row.id,
            closure: NewClosure {
                offices: match row.office_id {
                    Some(office) => ClosureOffices::Some(vec![office]),
                    None => ClosureOffices::All(AllOffices::All),
                },
                from,
                to,
                from_time: time(row.from_time.as_deref()),
                to_time: time(row.to_time.as_deref()),
                reason_es: row.reason_es,
                reason_en: row.reason_en,
            },
            created_at: row.created_at,
        });
    }
    closures
}

/// A day as the database keeps it, "2026-12-24".
fn date(text: &str) -> Option<NaiveDate> {
    text.parse().ok()
}

/// A time of day as the database keeps it, "12:00".
fn time(text: Option<&str>) -> Option<NaiveTime> {
    text.and_then(parse_clock)
}

/// The first instant of `date` in Bogotá, in Unix seconds.
fn midnight(date: NaiveDate) -> i64 {
    at_bogota(date.and_time(NaiveTime::MIN)).timestamp()
}
