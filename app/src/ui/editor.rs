//! The one component that touches CodeMirror, through the narrow API of
//! `static/editor/editor.js` (bundled to `editor.js` beside the app's JS).

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[wasm_bindgen(raw_module = "./editor.js")]
extern "C" {
    #[wasm_bindgen(js_name = create)]
    fn cm_create(el: &web_sys::Element, text: &str, on_change: &JsValue, label: &str) -> JsValue;
    #[wasm_bindgen(js_name = setText)]
    fn cm_set_text(view: &JsValue, text: &str);
    #[wasm_bindgen(js_name = setDiagnostics)]
    fn cm_set_diagnostics(view: &JsValue, json: &str);
    #[wasm_bindgen(js_name = reveal)]
    fn cm_reveal(view: &JsValue, from: u32, to: u32);
    #[wasm_bindgen(js_name = destroy)]
    fn cm_destroy(view: &JsValue);
}

#[derive(Default)]
struct Inner {
    view: Option<JsValue>,
    /// Diagnostics sent before the editor existed; applied when it is created.
    pending: Option<String>,
}

/// What a page may do to its editor: replace the text, show findings, reveal a range.
#[derive(Clone, Default)]
pub struct EditorHandle(Rc<RefCell<Inner>>);

impl PartialEq for EditorHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl EditorHandle {
    pub fn set_text(&self, text: &str) {
        if let Some(v) = &self.0.borrow().view {
            cm_set_text(v, text);
        }
    }
    /// `json` is `view::editor_payload`.
    pub fn set_diagnostics(&self, json: String) {
        let mut inner = self.0.borrow_mut();
        match &inner.view {
            Some(v) => cm_set_diagnostics(v, &json),
            None => inner.pending = Some(json),
        }
    }
    pub fn reveal(&self, from: usize, to: usize) {
        if let Some(v) = &self.0.borrow().view {
            cm_reveal(v, from as u32, to as u32);
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub handle: EditorHandle,
    /// The text at creation; later changes go through `handle.set_text`.
    pub initial: AttrValue,
    pub on_change: Callback<String>,
    pub label: AttrValue,
}

#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let node = use_node_ref();
    // The latest callback, so the JS closure made once at mount never goes stale.
    let on_change = use_mut_ref(|| props.on_change.clone());
    *on_change.borrow_mut() = props.on_change.clone();
    {
        let node = node.clone();
        let handle = props.handle.clone();
        let initial = props.initial.clone();
        let label = props.label.clone();
        use_effect_with((), move |_| {
            let cb = Closure::<dyn FnMut(String)>::new(move |text: String| {
                let cb = on_change.borrow().clone();
                cb.emit(text);
            });
            if let Some(el) = node.cast::<web_sys::Element>() {
                let view = cm_create(&el, &initial, cb.as_ref(), &label);
                let mut inner = handle.0.borrow_mut();
                if let Some(json) = inner.pending.take() {
                    cm_set_diagnostics(&view, &json);
                }
                inner.view = Some(view);
            }
            move || {
                if let Some(v) = handle.0.borrow_mut().view.take() {
                    cm_destroy(&v);
                }
                drop(cb);
            }
        });
    }
    html! { <div class="editor" data-testid="editor" ref={node}></div> }
}
