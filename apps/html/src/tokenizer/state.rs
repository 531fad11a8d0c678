//! The tokenizer states of HTML §13.2.5.1-80, one variant per subsection, and the
//! dispatch from a state to the method that implements it.

use super::Tokenizer;

/// The states of §13.2.5, in the spec's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Data,
    Rcdata,
    Rawtext,
    ScriptData,
    Plaintext,
    TagOpen,
    EndTagOpen,
    TagName,
    RcdataLessThanSign,
    RcdataEndTagOpen,
    RcdataEndTagName,
    RawtextLessThanSign,
    RawtextEndTagOpen,
    RawtextEndTagName,
    ScriptDataLessThanSign,
    ScriptDataEndTagOpen,
    ScriptDataEndTagName,
    ScriptDataEscapeStart,
    ScriptDataEscapeStartDash,
    ScriptDataEscaped,
    ScriptDataEscapedDash,
    ScriptDataEscapedDashDash,
    ScriptDataEscapedLessThanSign,
    ScriptDataEscapedEndTagOpen,
    ScriptDataEscapedEndTagName,
    ScriptDataDoubleEscapeStart,
    ScriptDataDoubleEscaped,
    ScriptDataDoubleEscapedDash,
    ScriptDataDoubleEscapedDashDash,
    ScriptDataDoubleEscapedLessThanSign,
    ScriptDataDoubleEscapeEnd,
    BeforeAttributeName,
    AttributeName,
    AfterAttributeName,
    BeforeAttributeValue,
    AttributeValueDoubleQuoted,
    AttributeValueSingleQuoted,
    AttributeValueUnquoted,
    AfterAttributeValueQuoted,
    SelfClosingStartTag,
    BogusComment,
    MarkupDeclarationOpen,
    CommentStart,
    CommentStartDash,
    Comment,
    CommentLessThanSign,
    CommentLessThanSignBang,
    CommentLessThanSignBangDash,
    CommentLessThanSignBangDashDash,
    CommentEndDash,
    CommentEnd,
    CommentEndBang,
    Doctype,
    BeforeDoctypeName,
    DoctypeName,
    AfterDoctypeName,
    AfterDoctypePublicKeyword,
    BeforeDoctypePublicIdentifier,
    DoctypePublicIdentifierDoubleQuoted,
    DoctypePublicIdentifierSingleQuoted,
    AfterDoctypePublicIdentifier,
    BetweenDoctypePublicAndSystemIdentifiers,
    AfterDoctypeSystemKeyword,
    BeforeDoctypeSystemIdentifier,
    DoctypeSystemIdentifierDoubleQuoted,
    DoctypeSystemIdentifierSingleQuoted,
    AfterDoctypeSystemIdentifier,
    BogusDoctype,
    CdataSection,
    CdataSectionBracket,
    CdataSectionEnd,
    CharacterReference,
    NamedCharacterReference,
    AmbiguousAmpersand,
    NumericCharacterReference,
    HexadecimalCharacterReferenceStart,
    DecimalCharacterReferenceStart,
    HexadecimalCharacterReference,
    DecimalCharacterReference,
    NumericCharacterReferenceEnd,
}

impl Tokenizer {
    /// Runs the current state once.
    ///
    /// Every state function is `#[inline(never)]` and reached through a function pointer
    /// (see [`state_method`]). wasmi meters fuel per straight-line region and charges a
    /// `match`'s arms at the head of the region that holds them, so a `match` of calls
    /// here cost every arm's few instructions on every step; one indirect call costs one.
    pub(super) fn step(&mut self) {
        let run = state_method(self.state);
        run(self);
    }
}

/// The method that implements `state`. The `match` only picks constants, which the
/// compiler turns into a table lookup.
fn state_method(state: State) -> fn(&mut Tokenizer) {
    use State::*;
    match state {
        Data => |t: &mut Tokenizer| t.data_state(),
        Rcdata => |t: &mut Tokenizer| t.rcdata_state(),
        Rawtext => |t: &mut Tokenizer| t.rawtext_state(),
        ScriptData => |t: &mut Tokenizer| t.script_data_state(),
        Plaintext => |t: &mut Tokenizer| t.plaintext_state(),
        TagOpen => |t: &mut Tokenizer| t.tag_open_state(),
        EndTagOpen => |t: &mut Tokenizer| t.end_tag_open_state(),
        TagName => |t: &mut Tokenizer| t.tag_name_state(),
        RcdataLessThanSign => {
            |t: &mut Tokenizer| t.text_less_than_sign_state(Rcdata, RcdataEndTagOpen)
        }
        RcdataEndTagOpen => |t: &mut Tokenizer| t.text_end_tag_open_state(Rcdata, RcdataEndTagName),
        RcdataEndTagName => |t: &mut Tokenizer| t.text_end_tag_name_state(Rcdata),
        RawtextLessThanSign => {
            |t: &mut Tokenizer| t.text_less_than_sign_state(Rawtext, RawtextEndTagOpen)
        }
        RawtextEndTagOpen => {
            |t: &mut Tokenizer| t.text_end_tag_open_state(Rawtext, RawtextEndTagName)
        }
        RawtextEndTagName => |t: &mut Tokenizer| t.text_end_tag_name_state(Rawtext),
        ScriptDataLessThanSign => |t: &mut Tokenizer| t.script_data_less_than_sign_state(),
        ScriptDataEndTagOpen => {
            |t: &mut Tokenizer| t.text_end_tag_open_state(ScriptData, ScriptDataEndTagName)
        }
        ScriptDataEndTagName => |t: &mut Tokenizer| t.text_end_tag_name_state(ScriptData),
        ScriptDataEscapeStart => |t: &mut Tokenizer| t.script_data_escape_start_state(),
        ScriptDataEscapeStartDash => |t: &mut Tokenizer| t.script_data_escape_start_dash_state(),
        ScriptDataEscaped => |t: &mut Tokenizer| t.script_data_escaped_state(),
        ScriptDataEscapedDash => |t: &mut Tokenizer| t.script_data_escaped_dash_state(),
        ScriptDataEscapedDashDash => |t: &mut Tokenizer| t.script_data_escaped_dash_dash_state(),
        ScriptDataEscapedLessThanSign => {
            |t: &mut Tokenizer| t.script_data_escaped_less_than_sign_state()
        }
        ScriptDataEscapedEndTagOpen => |t: &mut Tokenizer| {
            t.text_end_tag_open_state(ScriptDataEscaped, ScriptDataEscapedEndTagName)
        },
        ScriptDataEscapedEndTagName => {
            |t: &mut Tokenizer| t.text_end_tag_name_state(ScriptDataEscaped)
        }
        ScriptDataDoubleEscapeStart => {
            |t: &mut Tokenizer| t.script_data_double_escape_start_state()
        }
        ScriptDataDoubleEscaped => |t: &mut Tokenizer| t.script_data_double_escaped_state(),
        ScriptDataDoubleEscapedDash => {
            |t: &mut Tokenizer| t.script_data_double_escaped_dash_state()
        }
        ScriptDataDoubleEscapedDashDash => {
            |t: &mut Tokenizer| t.script_data_double_escaped_dash_dash_state()
        }
        ScriptDataDoubleEscapedLessThanSign => {
            |t: &mut Tokenizer| t.script_data_double_escaped_less_than_sign_state()
        }
        ScriptDataDoubleEscapeEnd => |t: &mut Tokenizer| t.script_data_double_escape_end_state(),
        BeforeAttributeName => |t: &mut Tokenizer| t.before_attribute_name_state(),
        AttributeName => |t: &mut Tokenizer| t.attribute_name_state(),
        AfterAttributeName => |t: &mut Tokenizer| t.after_attribute_name_state(),
        BeforeAttributeValue => |t: &mut Tokenizer| t.before_attribute_value_state(),
        AttributeValueDoubleQuoted => |t: &mut Tokenizer| t.attribute_value_quoted_state('"'),
        AttributeValueSingleQuoted => |t: &mut Tokenizer| t.attribute_value_quoted_state('\''),
        AttributeValueUnquoted => |t: &mut Tokenizer| t.attribute_value_unquoted_state(),
        AfterAttributeValueQuoted => |t: &mut Tokenizer| t.after_attribute_value_quoted_state(),
        SelfClosingStartTag => |t: &mut Tokenizer| t.self_closing_start_tag_state(),
        BogusComment => |t: &mut Tokenizer| t.bogus_comment_state(),
        MarkupDeclarationOpen => |t: &mut Tokenizer| t.markup_declaration_open_state(),
        CommentStart => |t: &mut Tokenizer| t.comment_start_state(),
        CommentStartDash => |t: &mut Tokenizer| t.comment_start_dash_state(),
        Comment => |t: &mut Tokenizer| t.comment_state(),
        CommentLessThanSign => |t: &mut Tokenizer| t.comment_less_than_sign_state(),
        CommentLessThanSignBang => |t: &mut Tokenizer| t.comment_less_than_sign_bang_state(),
        CommentLessThanSignBangDash => {
            |t: &mut Tokenizer| t.comment_less_than_sign_bang_dash_state()
        }
        CommentLessThanSignBangDashDash => {
            |t: &mut Tokenizer| t.comment_less_than_sign_bang_dash_dash_state()
        }
        CommentEndDash => |t: &mut Tokenizer| t.comment_end_dash_state(),
        CommentEnd => |t: &mut Tokenizer| t.comment_end_state(),
        CommentEndBang => |t: &mut Tokenizer| t.comment_end_bang_state(),
        Doctype => |t: &mut Tokenizer| t.doctype_state(),
        BeforeDoctypeName => |t: &mut Tokenizer| t.before_doctype_name_state(),
        DoctypeName => |t: &mut Tokenizer| t.doctype_name_state(),
        AfterDoctypeName => |t: &mut Tokenizer| t.after_doctype_name_state(),
        AfterDoctypePublicKeyword => |t: &mut Tokenizer| t.after_doctype_keyword_state(true),
        BeforeDoctypePublicIdentifier => {
            |t: &mut Tokenizer| t.before_doctype_identifier_state(true)
        }
        DoctypePublicIdentifierDoubleQuoted => {
            |t: &mut Tokenizer| t.doctype_identifier_state(true, '"')
        }
        DoctypePublicIdentifierSingleQuoted => {
            |t: &mut Tokenizer| t.doctype_identifier_state(true, '\'')
        }
        AfterDoctypePublicIdentifier => {
            |t: &mut Tokenizer| t.after_doctype_public_identifier_state()
        }
        BetweenDoctypePublicAndSystemIdentifiers => {
            |t: &mut Tokenizer| t.between_doctype_identifiers_state()
        }
        AfterDoctypeSystemKeyword => |t: &mut Tokenizer| t.after_doctype_keyword_state(false),
        BeforeDoctypeSystemIdentifier => {
            |t: &mut Tokenizer| t.before_doctype_identifier_state(false)
        }
        DoctypeSystemIdentifierDoubleQuoted => {
            |t: &mut Tokenizer| t.doctype_identifier_state(false, '"')
        }
        DoctypeSystemIdentifierSingleQuoted => {
            |t: &mut Tokenizer| t.doctype_identifier_state(false, '\'')
        }
        AfterDoctypeSystemIdentifier => {
            |t: &mut Tokenizer| t.after_doctype_system_identifier_state()
        }
        BogusDoctype => |t: &mut Tokenizer| t.bogus_doctype_state(),
        CdataSection => |t: &mut Tokenizer| t.cdata_section_state(),
        CdataSectionBracket => |t: &mut Tokenizer| t.cdata_section_bracket_state(),
        CdataSectionEnd => |t: &mut Tokenizer| t.cdata_section_end_state(),
        CharacterReference => |t: &mut Tokenizer| t.character_reference_state(),
        NamedCharacterReference => |t: &mut Tokenizer| t.named_character_reference_state(),
        AmbiguousAmpersand => |t: &mut Tokenizer| t.ambiguous_ampersand_state(),
        NumericCharacterReference => |t: &mut Tokenizer| t.numeric_character_reference_state(),
        HexadecimalCharacterReferenceStart => {
            |t: &mut Tokenizer| t.hex_character_reference_start_state()
        }
        DecimalCharacterReferenceStart => {
            |t: &mut Tokenizer| t.decimal_character_reference_start_state()
        }
        HexadecimalCharacterReference => |t: &mut Tokenizer| t.hex_character_reference_state(),
        DecimalCharacterReference => |t: &mut Tokenizer| t.decimal_character_reference_state(),
        NumericCharacterReferenceEnd => {
            |t: &mut Tokenizer| t.numeric_character_reference_end_state()
        }
    }
}
