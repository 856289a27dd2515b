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
            if let Some(summary) = summary.get_untracked() {
                bring_into_view(summary.clone().into(), summary.into());
            }
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

/// Once what just appeared is in place (the next frame; scrolled to before, the browser's scroll
/// anchoring would keep the content below it in view instead): focuses `target` and scrolls
/// `area`, which holds it and its message, to the top of the screen.
pub fn bring_into_view(area: web_sys::Element, target: web_sys::HtmlElement) {
    request_animation_frame(move || {
        let _ = target.focus();
        area.scroll_into_view();
    });
}
