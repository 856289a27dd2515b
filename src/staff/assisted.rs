//! Booking for a citizen who calls the Contact Center or comes to a desk without a phone: the
//! wizard's steps and rules on one page (`booking_form`), the seat kept while the official or
//! agent types (`hold`), the privacy notice read aloud (`consent`), and a confirmation whose
//! code is spelled out to be read over the phone (`confirmation`). Moving an appointment found
//! by document is `reschedule`, from the search screen.

mod booking_form;
mod caller;
mod confirmation;
mod consent;
mod field_errors;
mod hold;
mod list_field;
pub mod reschedule;
mod slot_choice;
mod slots;

use super::chrome::set_title;
use booking_form::BookingForm;
use citas_domain::api::AppointmentView;
use confirmation::Confirmation;
use leptos::prelude::*;

#[component]
pub fn AssistedPage() -> impl IntoView {
    let booked = RwSignal::new(None::<AppointmentView>);
    move || match booked.get() {
        None => {
            set_title("Agendar para un ciudadano");
            view! { <BookingForm on_booked=Callback::new(move |a| booked.set(Some(a))) /> }.into_any()
        }
        Some(appointment) => {
            set_title("Cita agendada");
            view! { <Confirmation appointment on_another=Callback::new(move |_| booked.set(None)) /> }
                .into_any()
        }
    }
}
