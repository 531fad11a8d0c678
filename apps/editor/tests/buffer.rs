//! Host tests of the text buffer, word motion and undo grouping, on Unicode text.

use editor::buffer::Buffer;
use editor::document::{Document, Motion};
use editor::motion;

/// Checks the line index against a recount of the text.
fn check_lines(b: &Buffer) {
    let text = b.text();
    let mut starts = vec![0];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    assert_eq!(b.line_count(), starts.len(), "{text:?}");
    for (i, s) in starts.iter().enumerate() {
        assert_eq!(b.line_start(i), *s);
        assert_eq!(b.line_of(*s), i);
    }
}

#[test]
fn inserts_and_deletes_keep_text_and_lines() {
    let mut b = Buffer::from_text("héllo\nwörld\n日本語");
    check_lines(&b);
    assert_eq!(b.line_count(), 3);
    b.insert(7, "new line\n");
    assert_eq!(b.text(), "héllo\nnew line\nwörld\n日本語");
    check_lines(&b);
    // A range in the middle of 'é' snaps outwards to the whole character.
    assert_eq!(b.delete(2..3), "é");
    assert_eq!(b.text(), "hllo\nnew line\nwörld\n日本語");
    assert_eq!(b.delete(4..14), "\nnew line\n");
    check_lines(&b);
    assert_eq!(b.text(), "hllowörld\n日本語");
    // Inserting inside a character snaps down to its start.
    let at = b.insert(b.len() - 2, "!");
    assert_eq!(b.text(), "hllowörld\n日本!語");
    assert_eq!(at, b.len() - 4);
    assert_eq!(b.delete(0..b.len()).len(), "hllowörld\n日本!語".len());
    assert!(b.is_empty());
    check_lines(&b);
}

#[test]
fn random_edits_match_a_string_model() {
    let pieces = ["a", "é", "\n", "日本", "🙂", "word ", "\n\n", ""];
    let mut model = String::new();
    let mut b = Buffer::new();
    let mut seed = 0x1234_5678u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..3000 {
        let r = next();
        let at = b.floor((r >> 8) as usize % (model.len() + 1));
        if r % 3 == 0 && !model.is_empty() {
            let end = b.ceil(at + (r >> 20) as usize % 8);
            let removed = b.delete(at..end);
            assert_eq!(removed, &model[at..end]);
            model.replace_range(at..end, "");
        } else {
            let piece = pieces[(r >> 4) as usize % pieces.len()];
            b.insert(at, piece);
            model.insert_str(at, piece);
        }
        assert_eq!(b.len(), model.len());
    }
    assert_eq!(b.text(), model);
    assert_eq!(b.contiguous(), model);
    check_lines(&b);
}

#[test]
fn characters_step_over_multibyte_sequences() {
    let b = Buffer::from_text("a🙂é");
    assert_eq!(b.next_char(0), 1);
    assert_eq!(b.next_char(1), 5);
    assert_eq!(b.prev_char(7), 5);
    assert_eq!(b.prev_char(5), 1);
    assert_eq!(b.char_at(1), Some('🙂'));
    assert_eq!(b.char_at(2), None);
    assert_eq!(b.char_before(7), Some('é'));
    assert_eq!(b.next_char(7), 7);
}

#[test]
fn word_motion_on_unicode_text() {
    let b = Buffer::from_text("größe = naïve_ß(x);  日本 end");
    let mut stops = vec![];
    let mut at = 0;
    while at < b.len() {
        at = motion::word_right(&b, at);
        stops.push(b.slice(0..at));
    }
    assert_eq!(
        stops,
        [
            "größe ",
            "größe = ",
            "größe = naïve_ß",
            "größe = naïve_ß(",
            "größe = naïve_ß(x",
            "größe = naïve_ß(x);  ",
            "größe = naïve_ß(x);  日本 ",
            "größe = naïve_ß(x);  日本 end",
        ]
    );
    let mut back = vec![];
    while at > 0 {
        at = motion::word_left(&b, at);
        back.push(b.slice(at..b.len()));
    }
    assert_eq!(back[0], "end");
    assert_eq!(back[1], "日本 end");
    assert_eq!(back[2], ");  日本 end");
    assert_eq!(back.last().unwrap(), &b.text());
    let naive = b.text().find("naïve").unwrap() + 2;
    let (s, e) = motion::word_around(&b, naive);
    assert_eq!(b.slice(s..e), "naïve_ß");
}

#[test]
fn columns_count_characters() {
    let b = Buffer::from_text("日本語\nab\nxyzw");
    assert_eq!(motion::column_of(&b, 6), 2);
    // Down from column 2 of line 0 lands on the end of "ab", then back to column 2.
    let down = motion::vertical(&b, 6, 1, 2);
    assert_eq!(down, 12);
    assert_eq!(motion::vertical(&b, down, 1, 2), 15);
    assert_eq!(motion::vertical(&b, 0, -1, 0), 0);
    assert_eq!(motion::vertical(&b, 0, 9, 0), b.len());
}

#[test]
fn typing_runs_undo_as_one_step() {
    let mut d = Document::new("t", "");
    for c in "hello".chars() {
        d.type_text(&c.to_string());
    }
    d.type_text(" ");
    for c in "wörld".chars() {
        d.type_text(&c.to_string());
    }
    assert_eq!(d.buffer.text(), "hello wörld");
    // Moving the cursor ends the run.
    d.move_cursor(Motion::Left, false, 10);
    d.move_cursor(Motion::Right, false, 10);
    d.type_text("!");
    d.type_text("!");
    assert!(d.undo());
    assert_eq!(d.buffer.text(), "hello wörld");
    assert!(d.undo());
    assert_eq!(d.buffer.text(), "");
    assert!(!d.undo());
    assert!(d.redo());
    assert_eq!(d.buffer.text(), "hello wörld");
    assert_eq!(d.cursor, "hello wörld".len());
    assert!(d.redo());
    assert_eq!(d.buffer.text(), "hello wörld!!");
    assert!(!d.redo());
}

#[test]
fn backspace_runs_group_and_a_new_edit_drops_redo() {
    let mut d = Document::new("t", "abc 日本");
    d.set_cursor(d.buffer.len(), false);
    d.backspace(false);
    d.backspace(false);
    assert_eq!(d.buffer.text(), "abc ");
    d.undo();
    assert_eq!(d.buffer.text(), "abc 日本");
    d.set_cursor(0, false);
    d.type_text("x");
    assert!(!d.redo(), "a new edit drops the redo list");
    // A line break ends a typing run.
    d.type_text("\n");
    d.type_text("y");
    d.undo();
    assert_eq!(d.buffer.text(), "x\nabc 日本");
    d.undo();
    assert_eq!(d.buffer.text(), "abc 日本");
}

#[test]
fn selection_replace_and_word_delete() {
    let mut d = Document::new("t", "one two three");
    d.select(4..7);
    assert_eq!(d.selected_text(), "two");
    d.type_text("2");
    assert_eq!(d.buffer.text(), "one 2 three");
    d.undo();
    assert_eq!(d.buffer.text(), "one two three");
    d.set_cursor(7, false);
    d.backspace(true);
    assert_eq!(d.buffer.text(), "one  three");
    d.delete_forward(true);
    assert_eq!(d.buffer.text(), "one three");
    d.set_cursor(0, false);
    d.move_cursor(Motion::WordRight, true, 10);
    assert_eq!(d.selected_text(), "one ");
}
