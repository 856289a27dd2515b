//! The officials' texts and stylesheet, fetched with their part of the code.
//!
//! Not string literals: wasm-split leaves all of the program's data (every literal) in the main
//! part, which every citizen downloads first. The texts live in locales/staff.es.json, which
//! xtask writes into the build as `staff.es.json`, an array in the order of [`Text`] (failing
//! the build when the two name different texts); `staff.css` travels beside it (style/staff.css),
//! so the citizens' stylesheet does not grow either. Spanish only: officials work in Spanish.

use crate::api::ApiFailure;
use gloo_net::http::Request;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use std::cell::OnceCell;

/// One of the officials' texts, by its name in locales/staff.es.json. Keep one per line:
/// xtask reads the names from here.
#[derive(Clone, Copy)]
pub enum Text {
    PartName,
    Loading,
    BarLabel,
    NavAgenda,
    NavSearch,
    NavClosures,
    SignOut,
    RoleFuncionario,
    RoleAdministrador,
    SignInTitle,
    SignInHeading,
    SignInLead,
    Email,
    EmailHint,
    EmailMissing,
    Password,
    PasswordHint,
    PasswordMissing,
    SignIn,
    SigningIn,
    AgendaTitle,
    AgendaHeading,
    AgendaCaption,
    Office,
    DayNavigation,
    PreviousDay,
    Today,
    NextDay,
    GoToDate,
    Show,
    Print,
    DownloadCsv,
    NoAppointments,
    DaySummary,
    Time,
    Name,
    Document,
    Service,
    Status,
    Actions,
    StatusBooked,
    StatusAttended,
    StatusNoShow,
    StatusCancelled,
    AttendedAt,
    CancelledBecause,
    CheckIn,
    NoShow,
    CancelAppointment,
    Reopen,
    CheckedIn,
    MarkedNoShow,
    Reopened,
    Cancelled,
    CheckInHeading,
    BookedWith,
    CheckInAsk,
    CheckInSubmit,
    Checking,
    VerdictAttended,
    VerdictMismatch,
    Close,
    CancelHeading,
    Reason,
    ReasonHint,
    ReasonMissing,
    CancelConfirm,
    CancelKeep,
    SearchTitle,
    SearchHeading,
    SearchLead,
    SearchSubmit,
    NothingFound,
    FoundHeading,
    Code,
    When,
    ShowHistory,
    HistoryHeading,
    ActionBooked,
    ActionRescheduled,
    ActionCancelled,
    ActionCheckedIn,
    ActionNoShow,
    ActionReopened,
    ActionCancelledByOffice,
    ActionFoundByDocument,
    ClosuresTitle,
    ClosuresHeading,
    ClosuresLead,
    AdminOnly,
    CurrentClosures,
    NoClosures,
    Offices,
    Days,
    HoursHeader,
    AffectedHeader,
    SeeAffected,
    DeleteClosure,
    ClosureDeleted,
    AllOffices,
    SomeOffices,
    FromTo,
    Hours,
    WholeDay,
    AffectedHeading,
    NoneAffected,
    CancelAffected,
    CancelAffectedWarning,
    CancelAffectedConfirm,
    CancelAffectedKeep,
    AffectedCancelled,
    ClosureCreated,
    NewClosure,
    ClosingOffices,
    OfficesMissing,
    FromDate,
    FromDateHint,
    FromDateMissing,
    ToDate,
    ToDateHint,
    ToDateMissing,
    ToBeforeFrom,
    FromTime,
    ToTime,
    TimesHint,
    BothTimes,
    TimesInOrder,
    ClosureReason,
    ClosureReasonHint,
    ClosureReasonMissing,
    ClosureReasonEn,
    ClosureReasonEnHint,
    CreateClosure,
}

thread_local! {
    static TEXTS: OnceCell<Vec<String>> = const { OnceCell::new() };
}

pub fn t(text: Text) -> String {
    TEXTS.with(|texts| texts.get().and_then(|all| all.get(text as usize)).cloned().unwrap_or_default())
}

/// The build's folder (`/pkg-<hash>/`), where xtask puts this part's texts and stylesheet: the
/// one the main part's JS was loaded from.
fn build_folder() -> Option<String> {
    let link = document().query_selector("link[rel=modulepreload]").ok()??;
    let href = link.get_attribute("href")?;
    Some(href[..=href.rfind('/')?].to_owned())
}

/// Fetches the texts and the stylesheet, once per visit, resolving when both are in place (no
/// screen shows unstyled or without words).
pub async fn load_part() -> Result<(), ApiFailure> {
    if TEXTS.with(|texts| texts.get().is_some()) {
        return Ok(());
    }
    let folder = build_folder().ok_or(ApiFailure::Unexpected(0))?;
    let styled = stylesheet(&format!("{folder}staff.css")).ok_or(ApiFailure::Unexpected(0))?;
    let answer =
        Request::get(&format!("{folder}staff.es.json")).send().await.map_err(|_| ApiFailure::Network)?;
    let texts: Vec<String> = answer.json().await.map_err(|_| ApiFailure::Unexpected(answer.status()))?;
    TEXTS.with(|cell| {
        cell.get_or_init(|| texts);
    });
    styled.await.map(|_| ()).map_err(|_| ApiFailure::Network)
}

/// Adds `<link rel="stylesheet">` to the page; resolves once it has loaded.
fn stylesheet(href: &str) -> Option<wasm_bindgen_futures::JsFuture> {
    let link: web_sys::HtmlLinkElement = document().create_element("link").ok()?.unchecked_into();
    link.set_rel("stylesheet");
    link.set_href(href);
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        link.set_onload(Some(&resolve));
        link.set_onerror(Some(&reject));
    });
    document().head()?.append_child(&link).ok()?;
    Some(wasm_bindgen_futures::JsFuture::from(loaded))
}
