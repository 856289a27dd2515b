//! The seats of a slot, booked or held. Each occupied seat is a row of `seats` whose primary
//! key is (office, start, seat number), with seat numbers below the office's desks: that key,
//! not the application, is what makes overbooking impossible.

use crate::db::{Db, push};
use sqlx::AnyConnection;
use sqlx::any::AnyArguments;
use std::collections::HashMap;
use std::sync::LazyLock;

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

/// Whether the slot has a seat free now (neither booked nor held). After a seat-taking
/// statement that took nothing, it tells a lost race, which trying again can win, from a full
/// slot. Every lost race means another request took a seat, so retries end when the slot fills.
pub async fn has_a_free_seat(
    conn: &mut AnyConnection,
    office: &str,
    start: i64,
    desks: u32,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let taken = taken_between(conn, office, start, start + 1, now).await?;
    Ok(taken.get(&start).copied().unwrap_or(0) < desks)
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

/// The SQL expressions (placeholders such as `$2`, or a row's columns) that give a
/// seat-taking statement its slot.
pub struct SlotArgs<'a> {
    pub office: &'a str,
    pub start: &'a str,
    pub now: &'a str,
    pub desks: &'a str,
}

/// An `INSERT` that takes the lowest free seat of the slot, filling the seat's other
/// `columns` (the appointment's, or the hold's) with `values`, which may refer to the extra
/// FROM items `from`. A seat is free when it has no row or only an expired hold, which is
/// overwritten in place (no background job needed). Inserts nothing when every seat is taken,
/// and also, on PostgreSQL, when a concurrent statement took the seat this one chose (each
/// sees the seats as they were when it started): `has_a_free_seat` tells the two apart.
pub fn claim_seat(slot: &SlotArgs, columns: &str, values: &str, from: &str) -> String {
    let SlotArgs { office, start, now, .. } = slot;
    format!(
        "INSERT INTO seats (office_id, start_at, seat, {columns})
         SELECT {office}, {start}, free.seat, {values}
           FROM {} AS free{from}
          WHERE free.seat IS NOT NULL
         {}",
        free_seat(slot, None),
        take_over_expired(now)
    )
}

/// The `ON CONFLICT` of an `INSERT` into seats: a seat whose hold expired before `now` is
/// taken over in place by the inserted row.
pub fn take_over_expired(now: &str) -> String {
    format!(
        "ON CONFLICT (office_id, start_at, seat) DO UPDATE
            SET appointment_id = excluded.appointment_id, hold_id = excluded.hold_id,
                hold_client = excluded.hold_client, expires_at = excluded.expires_at, hold_extended = 0
          WHERE seats.expires_at <= {now}"
    )
}

/// The lowest free seat of the slot, NULL when every seat is taken: a subquery that is both an
/// SQL expression and a one-row table whose column is `seat`. As a table, PostgreSQL computes it
/// once per statement; a scalar subquery in a table of one row was computed once for each place
/// that names its column. With `mine`, an SQL expression for a browser's id, the seats that
/// browser holds count as free.
pub fn free_seat(slot: &SlotArgs, mine: Option<&str>) -> String {
    let desks = slot.desks;
    let not_mine = mine
        .map(|m| format!("AND (taken.hold_client IS NULL OR taken.hold_client IS NOT {m})"))
        .unwrap_or_default();
    format!(
        "(WITH RECURSIVE candidate(seat) AS (
             SELECT 0 UNION ALL SELECT seat + 1 FROM candidate WHERE seat + 1 < {desks})
          SELECT MIN(candidate.seat) AS seat FROM candidate
           WHERE NOT EXISTS ({} {not_mine}))",
        seat_taken(slot, "candidate.seat")
    )
}

/// The row `taken` of `seat` in the slot when it is booked or held at the slot's `now` (a
/// subquery for `EXISTS`). A seat is free with no row or an expired hold.
pub fn seat_taken(slot: &SlotArgs, seat: &str) -> String {
    let SlotArgs { office, start, now, .. } = slot;
    format!(
        "SELECT 1 FROM seats taken
          WHERE taken.office_id = {office} AND taken.start_at = {start} AND taken.seat = {seat}
            AND (taken.expires_at IS NULL OR taken.expires_at > {now})"
    )
}

/// Whether the slot has a free seat (an SQL condition).
pub fn a_seat_is_free(slot: &SlotArgs) -> String {
    format!("{} IS NOT NULL", free_seat(slot, None))
}

/// The slot as the first four arguments of the seat-taking statements below.
const SLOT_FIRST: SlotArgs = SlotArgs { office: "$1", start: "$2", now: "$3", desks: "$4" };

/// The arguments of a seat-taking statement built on `SLOT_FIRST`: the slot; the statement's
/// own arguments follow from $5. Owned, as SQLite's batches run in a task of their own.
fn in_slot(office: &str, start: i64, desks: u32, now: i64) -> Result<AnyArguments<'static>, sqlx::Error> {
    let mut args = AnyArguments::default();
    push(&mut args, office.to_owned())?;
    push(&mut args, start)?;
    push(&mut args, now)?;
    push(&mut args, i64::from(desks))?;
    Ok(args)
}

/// Gives the lowest free seat of a slot to an existing appointment (one that moves); `None`
/// when every seat is taken.
pub async fn book(
    conn: &mut AnyConnection,
    office: &str,
    start: i64,
    desks: u32,
    appointment: i64,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    static SQL: LazyLock<String> =
        LazyLock::new(|| claim_seat(&SLOT_FIRST, "appointment_id", "$5", "") + " RETURNING seat");
    let mut args = in_slot(office, start, desks, now)?;
    push(&mut args, appointment)?;
    sqlx::query_scalar_with(&SQL, args).fetch_optional(conn).await
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

/// A hold to place: the slot, the hold's id, the browser it is for and until when.
pub struct NewHold<'a> {
    pub office: &'a str,
    pub start: i64,
    pub desks: u32,
    pub hold: &'a str,
    pub client: Option<&'a str>,
    pub expires_at: i64,
    pub now: i64,
}

/// The statement that holds the lowest free seat, arguments as `NewHold::arguments`.
fn claim_hold() -> String {
    claim_seat(&SLOT_FIRST, "hold_id, hold_client, expires_at", "$5, $6, $7", "")
}

impl NewHold<'_> {
    /// The slot (`in_slot`), then $5 the hold, $6 the browser, $7 the expiry.
    fn arguments(&self) -> Result<AnyArguments<'static>, sqlx::Error> {
        let mut args = in_slot(self.office, self.start, self.desks, self.now)?;
        push(&mut args, self.hold.to_owned())?;
        push(&mut args, self.client.map(str::to_owned))?;
        push(&mut args, self.expires_at)?;
        Ok(args)
    }
}

/// On SQLite, in one trip that is its own transaction (`Db::sqlite_transaction`): releases
/// every hold of the browser and holds the lowest free seat of the slot for it. The browser's
/// holds are released only if a seat is free once they are, so that a full slot leaves its
/// hold as it was. Returns the offices whose holds were released, and the seat held, if any.
pub async fn release_and_hold(db: &Db, new: &NewHold<'_>) -> Result<(Vec<String>, Option<i64>), sqlx::Error> {
    static SQL: LazyLock<String> = LazyLock::new(|| {
        format!(
            "BEGIN IMMEDIATE;
             DELETE FROM seats WHERE hold_client = $6 AND {} IS NOT NULL RETURNING office_id, NULL;
             {} RETURNING NULL, seat;
             COMMIT",
            free_seat(&SLOT_FIRST, Some("$6")),
            claim_hold()
        )
    });
    let rows: Vec<(Option<String>, Option<i64>)> = db.sqlite_transaction(&SQL, new.arguments()?).await?;
    let seat = rows.iter().find_map(|(_, seat)| *seat);
    Ok((rows.into_iter().filter_map(|(released, _)| released).collect(), seat))
}

/// Holds the lowest free seat of a slot for a browser; `None` when every seat is taken.
pub async fn hold(conn: &mut AnyConnection, new: &NewHold<'_>) -> Result<Option<i64>, sqlx::Error> {
    static SQL: LazyLock<String> = LazyLock::new(|| claim_hold() + " RETURNING seat");
    sqlx::query_scalar_with(&SQL, new.arguments()?).fetch_optional(conn).await
}

/// An `UPDATE` that turns hold `hold` into the seat of appointment `appointment` (SQL
/// expressions): the same row, so the seat is never free in between. Changes nothing when the
/// hold has expired or is for another slot.
pub fn claim_held_seat(slot: &SlotArgs, hold: &str, appointment: &str) -> String {
    format!(
        "UPDATE seats SET appointment_id = {appointment}, hold_id = NULL, hold_client = NULL,
                          expires_at = NULL, hold_extended = 0
          WHERE {}",
        live_hold_in(slot, hold)
    )
}

/// Whether the row of `seats` is hold `hold`, live, for this slot (an SQL condition).
pub fn live_hold_in(slot: &SlotArgs, hold: &str) -> String {
    let SlotArgs { office, start, now, .. } = slot;
    format!(
        "seats.hold_id = {hold} AND seats.expires_at > {now} AND seats.office_id = {office} AND seats.start_at = {start}"
    )
}

/// Whether `hold` is a live hold for this slot (an SQL condition).
pub fn the_hold_is_live(slot: &SlotArgs, hold: &str) -> String {
    format!("EXISTS (SELECT 1 FROM seats WHERE {})", live_hold_in(slot, hold))
}

/// Turns a live hold for this slot into an existing appointment's seat (one that moves);
/// `false` when it did not convert.
pub async fn convert_hold(
    conn: &mut AnyConnection,
    hold: &str,
    office: &str,
    start: i64,
    appointment: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    static SQL: LazyLock<String> = LazyLock::new(|| {
        // A hold needs no count of desks: its seat is already its own.
        claim_held_seat(&SlotArgs { office: "$1", start: "$2", now: "$3", desks: "" }, "$4", "$5")
    });
    let done = sqlx::query(&SQL)
        .bind(office)
        .bind(start)
        .bind(now)
        .bind(hold)
        .bind(appointment)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() > 0)
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
