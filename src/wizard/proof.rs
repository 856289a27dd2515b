//! The proof of work that holds and bookings carry, so that seats go to citizens rather than
//! to scripts (ALTCHA's protocol; the server's side is in crates/server). A worker
//! (public/proof-of-work.js) solves one in the background from the first step of the booking,
//! so by the time the citizen picks a time it is ready; each use starts the next one.

use crate::state::first_use;
use leptos::prelude::*;
use leptos::wasm_bindgen::closure::Closure;
use leptos::wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

#[derive(Clone, Copy)]
pub struct ProofOfWork {
    /// The next proof, solved or being solved: a promise of the `Altcha` header's value, or of
    /// null when there is none to be had.
    next: StoredValue<Option<js_sys::Promise>, LocalStorage>,
}

impl ProofOfWork {
    /// Made by the booking's first step, which starts the first proof.
    pub fn get() -> ProofOfWork {
        first_use(|| {
            let proofs = ProofOfWork { next: StoredValue::new_local(None) };
            proofs.prepare();
            proofs
        })
    }

    fn prepare(&self) {
        if self.next.with_value(Option::is_none) {
            self.next.set_value(Some(solve()));
        }
    }

    /// A proof for one request, waiting for it if it is not solved yet.
    pub async fn take(self) -> Option<String> {
        let proof = self.next.try_update_value(Option::take).flatten().unwrap_or_else(solve);
        self.prepare();
        JsFuture::from(proof).await.ok().and_then(|payload| payload.as_string())
    }
}

fn solve() -> js_sys::Promise {
    js_sys::Promise::new(&mut |resolve, _| {
        let Ok(worker) = web_sys::Worker::new("/proof-of-work.js") else {
            let _ = resolve.call1(&JsValue::NULL, &JsValue::NULL);
            return;
        };
        // The answer, or null when the worker itself fails: either way once, then it goes.
        let answer = Closure::<dyn Fn(JsValue)>::new({
            let worker = worker.clone();
            move |event: JsValue| {
                let payload = event.dyn_ref::<web_sys::MessageEvent>().map_or(JsValue::NULL, |m| m.data());
                let _ = resolve.call1(&JsValue::NULL, &payload);
                worker.terminate();
            }
        });
        worker.set_onmessage(Some(answer.as_ref().unchecked_ref()));
        worker.set_onerror(Some(answer.as_ref().unchecked_ref()));
        answer.forget(); // a few bytes per proof, a handful per visit
        let _ = worker.post_message(&JsValue::NULL);
    })
}
