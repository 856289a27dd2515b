//! Messages for the citizen: beside a field, or at the top of a page.

use crate::i18n::*;
use leptos::html;
use leptos::prelude::*;

/// A message beside a field, linked to it with `aria-describedby={id}`.
#[component]
pub fn FieldError(#[prop(into)] id: String, message: Signal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {move || message.get().map(|m| view! {
            <p class="field-error" id=id.clone()>
                <span class="visually-hidden">{t!(i18n, common.error_prefix)}</span>{m}
            </p>
        })}
    }
}

/// A problem to show at the top of a page, announced as it appears, with what the citizen can
/// do about it (`children`). One that appears once the page is open (a refusal after a submit)
/// is scrolled into view and focused, as GOV.UK's error summary is: the citizen sees it wherever
/// they were on the page, and the keyboard's next Tab goes on from there.
#[component]
pub fn Alert(
    message: Signal<Option<String>>,
    #[prop(optional)] children: Option<ChildrenFn>,
) -> impl IntoView {
    let summary = NodeRef::<html::Div>::new();
    Effect::watch(
        move || message.with(Option::is_some),
        move |shown, _, _| {
            if !*shown {
                return;
            }
            // On the next frame, once the message is in place: scrolled to before, the browser's
            // scroll anchoring would keep the content below it in view instead.
            request_animation_frame(move || {
                if let Some(summary) = summary.get_untracked() {
                    summary.scroll_into_view();
                    let _ = summary.focus();
                }
            });
        },
        false,
    );
    view! {
        <div role="alert" aria-live="assertive" class="alert-summary" tabindex="-1" node_ref=summary>
            {move || message.get().map(|m| view! {
                <div class="alert">
                    <p>{m}</p>
                    {children.clone().map(|c| c())}
                </div>
            })}
        </div>
    }
}
