//! §13.4 (HTML fragment parsing algorithm): parsing markup as the children of a context
//! element, as `innerHTML` does.

use super::{Mode, TreeBuilder};
use crate::dom::{Document, Namespace, NodeId};
use crate::tokenizer::State;
use alloc::string::String;
use alloc::vec::Vec;

impl TreeBuilder {
    /// A builder for the children of a `context_name` element in `namespace`. Returns the
    /// builder, the root `html` element whose children will be the fragment, and the
    /// tokenizer state to start in.
    pub fn for_fragment(
        scripting: bool,
        context_name: &str,
        namespace: Namespace,
    ) -> (Self, NodeId, State) {
        let mut builder = TreeBuilder::new(scripting);
        let context = builder.create_element(String::from(context_name), namespace, Vec::new());
        let state = if namespace == Namespace::Html {
            match context_name {
                "title" | "textarea" => State::Rcdata,
                "style" | "xmp" | "iframe" | "noembed" | "noframes" => State::Rawtext,
                "script" => State::ScriptData,
                "noscript" if scripting => State::Rawtext,
                "plaintext" => State::Plaintext,
                _ => State::Data,
            }
        } else {
            State::Data
        };
        let root = builder.create_element(String::from("html"), Namespace::Html, Vec::new());
        builder.document.append(Document::ROOT, root);
        builder.push_open(root);
        if namespace == Namespace::Html && context_name == "template" {
            builder.template_modes.push(Mode::InTemplate);
        }
        builder.context = Some(context);
        builder.reset_insertion_mode();
        if namespace == Namespace::Html && context_name == "form" {
            builder.form = Some(context);
        }
        (builder, root, state)
    }
}
