//! The seats of a slot, booked or held. Each occupied seat is a row of `seats` whose primary
//! key is (office, start, seat number), with seat numbers below the office's desks: that key,
//! not the application, is what makes overbooking impossible.

use sqlx::AnyConnection;
use std::collections::HashMap;

/// The lowest free seat number of a slot. Holds that have expired there are deleted when
/// found (no background job needed): only then, to keep the common path one query.
pub async fn free_seat(
    conn: &mut AnyConnection,
    office: &str,
    start: i64,
    desks: u32,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    crate::db::lock_slot(&mut *conn, office, start).await?;
    let rows: Vec<(i64, Option<i64>)> =
        sqlx::query_as("SELECT seat, expires_at FROM seats WHERE office_id = $1 AND start_at = $2")
            .bind(office)
            .bind(start)
            .fetch_all(&mut *conn)
            .await?;
    let expired = |e: &Option<i64>| e.is_some_and(|at| at <= now);
    if rows.iter().any(|(_, e)| expired(e)) {
        sqlx::query(
            "DELETE FROM seats
              WHERE office_id = $1 AND start_at = $2 AND hold_id IS NOT NULL AND expires_at <= $3",
        )
        .bind(office)
        .bind(start)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    let taken: Vec<i64> = rows.iter().filter(|(_, e)| !expired(e)).map(|(seat, _)| *seat).collect();
    Ok((0..i64::from(desks)).find(|s| !taken.contains(s)))
}

/// Taken seats per slot start of an office between two instants: booked ones and unexpired holds.
pub async fn taken_between(
    conn: &mut AnyConnection,
    office: &str,
    from: i64,
    until: i64,
    now: i64,
) -> Result<HashMap<i64, u32>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT start_at, COUNT(*) FROM seats
          WHERE office_id = $1 AND start_at >= $2 AND start_at < $3
            AND (appointment_id IS NOT NULL OR expires_at > $4)
          GROUP BY start_at",
    )
    .bind(office)
    .bind(from)
    .bind(until)
    .bind(now)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(at, n)| (at, u32::try_from(n).unwrap_or(u32::MAX))).collect())
}

/// Taken seats per (office, slot start) of every office between two instants.
pub async fn taken_everywhere(
    conn: &mut AnyConnection,
    from: i64,
    until: i64,
    now: i64,
) -> Result<HashMap<(String, i64), u32>, sqlx::Error> {
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT office_id, start_at, COUNT(*) FROM seats
          WHERE start_at >= $1 AND start_at < $2 AND (appointment_id IS NOT NULL OR expires_at > $3)
          GROUP BY office_id, start_at",
    )
    .bind(from)
    .bind(until)
    .bind(now)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(office, at, n)| ((office, at), u32::try_from(n).unwrap_or(u32::MAX))).collect())
}

/// An `INSERT` that gives the lowest free seat of slot ($2 office, $4 start) to the
/// appointment whose `id` the subquery or CTE `new` yields, with $12 now and $14 the office's
/// desks. A seat is free when it has no row or only an expired hold, which is overwritten in
/// place. Inserts nothing when every seat is taken. Callers hold the slot's lock
/// (`db::lock_slot`), so what the statement reads is what it writes over.
pub fn claim_free_seat(new: &str) -> String {
    format!(
        "INSERT INTO seats (office_id, start_at, seat, appointment_id)
         SELECT $2, $4, free.seat, booked.id
           FROM (SELECT (WITH RECURSIVE candidate(seat) AS (
                            SELECT 0 UNION ALL SELECT seat + 1 FROM candidate WHERE seat + 1 < $14)
                         SELECT MIN(candidate.seat) FROM candidate
                          WHERE NOT EXISTS (
                                SELECT 1 FROM seats taken
                                 WHERE taken.office_id = $2 AND taken.start_at = $4
                                   AND taken.seat = candidate.seat
                                   AND (taken.expires_at IS NULL OR taken.expires_at > $12))) AS seat) AS free,
                {new} AS booked
          WHERE free.seat IS NOT NULL
         ON CONFLICT (office_id, start_at, seat) DO UPDATE
            SET appointment_id = excluded.appointment_id, hold_id = NULL, hold_client = NULL,
                expires_at = NULL, hold_extended = 0
          WHERE seats.expires_at <= $12"
    )
}

/// An `UPDATE` that turns hold $14 into the seat of the appointment whose `id` the subquery or
/// CTE `new` yields: the same row, so the seat is never free in between. Changes nothing when
/// the hold has expired ($12 now) or is for another slot ($2 office, $4 start).
pub fn claim_held_seat(new: &str) -> String {
    format!(
        "UPDATE seats SET appointment_id = (SELECT booked.id FROM {new} AS booked), hold_id = NULL,
                          hold_client = NULL, expires_at = NULL, hold_extended = 0
          WHERE hold_id = $14 AND expires_at > $12 AND office_id = $2 AND start_at = $4"
    )
}

pub async fn book(
    conn: &mut AnyConnection,
    office: &str,
    start: i64,
    seat: i64,
    appointment: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO seats (office_id, start_at, seat, appointment_id) VALUES ($1, $2, $3, $4)")
        .bind(office)
        .bind(start)
        .bind(seat)
        .bind(appointment)
        .execute(conn)
        .await
        .map(drop)
}

/// Frees the seat of an appointment (cancelled, or moving to another time).
pub async fn release_appointment(conn: &mut AnyConnection, appointment: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM seats WHERE appointment_id = $1").bind(appointment).execute(conn).await.map(drop)
}

/// A hold that has not expired.
#[derive(Debug, sqlx::FromRow)]
pub struct Hold {
    pub office_id: String,
    pub start_at: i64,
    pub expires_at: i64,
    /// 0 or 1 (an integer: SQLite has no booleans).
    pub hold_extended: i64,
}

pub async fn live_hold(conn: &mut AnyConnection, hold: &str, now: i64) -> Result<Option<Hold>, sqlx::Error> {
    sqlx::query_as(
        "SELECT office_id, start_at, expires_at, hold_extended FROM seats
          WHERE hold_id = $1 AND expires_at > $2",
    )
    .bind(hold)
    .bind(now)
    .fetch_optional(conn)
    .await
}

pub async fn hold(
    conn: &mut AnyConnection,
    office: &str,
    start: i64,
    seat: i64,
    hold: &str,
    client: Option<&str>,
    expires_at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO seats (office_id, start_at, seat, hold_id, hold_client, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(office)
    .bind(start)
    .bind(seat)
    .bind(hold)
    .bind(client)
    .bind(expires_at)
    .execute(conn)
    .await
    .map(drop)
}

/// Turns a held seat into the appointment's seat: the same row, so the seat is never free
/// in between.
pub async fn convert_hold(conn: &mut AnyConnection, hold: &str, appointment: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE seats SET appointment_id = $2, hold_id = NULL, hold_client = NULL, expires_at = NULL,
                          hold_extended = 0
          WHERE hold_id = $1",
    )
    .bind(hold)
    .bind(appointment)
    .execute(conn)
    .await
    .map(drop)
}

/// Releases every hold of a browser (it is about to hold another seat); returns the offices
/// whose seats were freed.
pub async fn release_client_holds(
    conn: &mut AnyConnection,
    client: &str,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("DELETE FROM seats WHERE hold_client = $1 RETURNING office_id")
        .bind(client)
        .fetch_all(conn)
        .await
}

/// Releases a hold; returns its office, if it was still there.
pub async fn release_hold(conn: &mut AnyConnection, hold: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("DELETE FROM seats WHERE hold_id = $1 RETURNING office_id")
        .bind(hold)
        .fetch_optional(conn)
        .await
}

pub async fn extend_hold(conn: &mut AnyConnection, hold: &str, expires_at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE seats SET expires_at = $2, hold_extended = 1 WHERE hold_id = $1")
        .bind(hold)
        .bind(expires_at)
        .execute(conn)
        .await
        .map(drop)
}
