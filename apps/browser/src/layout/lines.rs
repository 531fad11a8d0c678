//! Line breaking (CSS Text §5, greedy) and line boxes (CSS 2.1 §10.8).
//!
//! A line may break only at a space. A word glued to the previous one ("foo<b>bar</b>")
//! goes with it. Spaces at the end of a line vanish (CSS Text §4.1.2). A word wider than the
//! whole line is cut between characters rather than overflowing (like `overflow-wrap:
//! anywhere`); `pre` lines are never cut and may overflow. A line box is as tall as its
//! tallest font's line height (images sit on the baseline); consecutive words of one style
//! become one [`TextRun`]; its width comes from the words' measured widths and the kerning
//! at the joins, without measuring the text again.

use super::fonts::Fonts;
use super::inline::Atom;
use super::sink::Sink;
use super::{Item, Rect, Style, TextRun};
use crate::style::RULE_COLOR;
use core::ops::Range;

/// A piece of a line: text (possibly part of a cut word) or an image.
struct Piece {
    x: i32,
    width: i32,
    style: Style,
    space_before: bool,
    kind: PieceKind,
}

enum PieceKind {
    Text(Words),
    Image { height: i32, alt: String },
}

/// Text on a line: a byte range of the block's text, its width in 1/64 px and its first
/// and last characters. It never holds a tab (collapsed away, or expanded in `pre`), so
/// its pen steps add up: after a character `c` it ends `kern(c, first) + width64` later.
#[derive(Clone)]
struct Words {
    range: Range<u32>,
    width64: u32,
    ends: (char, char),
}

/// The text of `range` in `text` (empty if the range is not in it).
fn slice<'t>(text: &'t str, range: &Range<u32>) -> &'t str {
    text.get(range.start as usize..range.end as usize)
        .unwrap_or("")
}

/// Where a block's inline content is laid out: its content box, the first line box's top,
/// and whether lines are centred.
pub(super) struct Area {
    pub left: i32,
    pub right: i32,
    pub top: i32,
    pub center: bool,
}

/// The pieces of the line being filled, kept from block to block so that its memory is
/// allocated once per flow rather than grown again for every paragraph.
#[derive(Default)]
pub(super) struct LineBuffer(Vec<Piece>);

/// Breaks `atoms` (words' text in `text`) into lines in `area`. Returns the bottom of the
/// last line.
pub(super) fn lay_out(
    atoms: &[Atom],
    text: &str,
    area: Area,
    fonts: &Fonts,
    buffer: &mut LineBuffer,
    sink: &mut Sink,
) -> i32 {
    let Area {
        left,
        right,
        top,
        center,
    } = area;
    let mut lines = Lines {
        text,
        fonts,
        left,
        avail: (right - left).max(1),
        y: top,
        center,
        line: core::mem::take(&mut buffer.0),
        x: 0,
        sink,
    };
    let mut pending_space: Option<Style> = None;
    let mut i = 0;
    while i < atoms.len() {
        match &atoms[i] {
            Atom::Space(style) => {
                if !lines.line.is_empty() {
                    pending_space = Some(*style);
                }
                i += 1;
            }
            Atom::Break(style) => {
                lines.finish(style);
                pending_space = None;
                i += 1;
            }
            _ => {
                // The segment: this atom and the ones glued after it.
                let mut end = i + 1;
                while end < atoms.len() && glued(&atoms[end]) {
                    end += 1;
                }
                let segment = &atoms[i..end];
                let width: i32 = segment.iter().map(atom_width).sum();
                let space = pending_space.take();
                let space_w = space.map_or(0, |s| space_width(fonts, &s));
                let pre = segment.iter().all(is_pre);
                let mut space_before = space.is_some();
                if !lines.line.is_empty() && lines.x + space_w + width > lines.avail && !pre {
                    lines.finish(&atom_style(&atoms[i]));
                    space_before = false;
                } else if !lines.line.is_empty() {
                    lines.x += space_w;
                }
                for atom in segment {
                    lines.place(atom, space_before);
                    space_before = false;
                }
                i = end;
            }
        }
    }
    if !lines.line.is_empty() {
        let style = atom_style(&atoms[atoms.len() - 1]);
        lines.finish(&style);
    }
    lines.line.clear();
    buffer.0 = lines.line;
    lines.y
}

fn glued(atom: &Atom) -> bool {
    matches!(
        atom,
        Atom::Word { glued: true, .. } | Atom::Image { glued: true, .. }
    )
}

fn is_pre(atom: &Atom) -> bool {
    matches!(atom, Atom::Word { style, .. } if style.pre)
}

fn atom_width(atom: &Atom) -> i32 {
    match atom {
        Atom::Word { width, .. } | Atom::Image { width, .. } => *width,
        _ => 0,
    }
}

fn atom_style(atom: &Atom) -> Style {
    match atom {
        Atom::Word { style, .. }
        | Atom::Image { style, .. }
        | Atom::Space(style)
        | Atom::Break(style) => *style,
    }
}

fn space_width(fonts: &Fonts, style: &Style) -> i32 {
    (fonts.get(style).advance64(' ').saturating_add(32) / 64) as i32
}

/// The line being filled and where finished lines go.
struct Lines<'s> {
    /// The block's text (words are ranges of it).
    text: &'s str,
    fonts: &'s Fonts,
    left: i32,
    avail: i32,
    y: i32,
    center: bool,
    line: Vec<Piece>,
    /// Pen position from `left`.
    x: i32,
    sink: &'s mut Sink,
}

impl Lines<'_> {
    /// Puts one word or image on the line, wrapping or cutting it if it is too wide.
    #[inline(never)] // a small loop costs less fuel under wasmi
    fn place(&mut self, atom: &Atom, space_before: bool) {
        match atom {
            Atom::Word {
                text,
                style,
                width,
                width64,
                ends,
                ..
            } => {
                if self.x + width <= self.avail || style.pre {
                    let words = Words {
                        range: text.clone(),
                        width64: *width64,
                        ends: *ends,
                    };
                    self.push_text(words, *width, style, space_before);
                    return;
                }
                if !self.line.is_empty() {
                    self.finish(style);
                }
                self.cut_word(text, style);
            }
            Atom::Image {
                width,
                height,
                alt,
                style,
                ..
            } => {
                if self.x + width > self.avail && !self.line.is_empty() {
                    self.finish(style);
                }
                self.line.push(Piece {
                    x: self.x,
                    width: *width,
                    style: *style,
                    space_before,
                    kind: PieceKind::Image {
                        height: *height,
                        alt: alt.clone(),
                    },
                });
                self.x += width;
            }
            _ => {}
        }
    }

    fn push_text(&mut self, text: Words, width: i32, style: &Style, space_before: bool) {
        self.line.push(Piece {
            x: self.x,
            width,
            style: *style,
            space_before,
            kind: PieceKind::Text(text),
        });
        self.x += width;
    }

    /// A word wider than the line: as many characters as fit on each line (at least one).
    #[inline(never)] // a small loop costs less fuel under wasmi
    fn cut_word(&mut self, range: &Range<u32>, style: &Style) {
        let font = style.font();
        let metrics = self.fonts.get(style);
        let mut start = range.start;
        while start < range.end {
            let rest = slice(self.text, &(start..range.end));
            if rest.is_empty() {
                return; // not a range of the text: nothing to cut
            }
            let room = (self.avail - self.x).max(0) as u32 * 64;
            let mut cut = 0;
            for p in font.pens(rest) {
                if p.end64 > room && cut > 0 {
                    break;
                }
                cut = p.index + p.ch.len_utf8();
            }
            let piece = &rest[..cut];
            let (Some(first), Some(last)) = (piece.chars().next(), piece.chars().next_back())
            else {
                return;
            };
            let width64 = metrics.measure64(piece);
            let words = Words {
                range: start..start + cut as u32,
                width64,
                ends: (first, last),
            };
            self.push_text(words, width64.div_ceil(64) as i32, style, false);
            start += cut as u32;
            if start < range.end {
                self.finish(style);
            }
        }
    }

    /// Ends the current line (an empty line takes the height of `style`'s font).
    #[inline(never)] // a small loop costs less fuel under wasmi
    fn finish(&mut self, style: &Style) {
        let mut ascent = 0;
        let mut descent = 0;
        for piece in &self.line {
            let (a, d) = match &piece.kind {
                PieceKind::Text(_) => {
                    let font = self.fonts.get(&piece.style);
                    (font.ascent(), font.line_height() - font.ascent())
                }
                PieceKind::Image { height, .. } => (*height, 2),
            };
            ascent = ascent.max(a);
            descent = descent.max(d);
        }
        if self.line.is_empty() {
            let font = self.fonts.get(style);
            (ascent, descent) = (font.ascent(), font.line_height() - font.ascent());
        }
        let baseline = self.y + ascent;
        let shift = if self.center {
            ((self.avail - self.x) / 2).max(0)
        } else {
            0
        };
        let x0 = self.left + shift;
        self.sink.place_marker(baseline);
        let mut new_line = true;
        let mut open: Option<TextRun> = None;
        // Words were placed with widths rounded up one by one; a merged run is drawn as one
        // string, a little narrower. `drift` moves what follows back to where the run ends.
        let mut drift = 0;
        // The open run's pen in 1/64 px and its last character, to extend it cheaply.
        let mut pen = (0u32, None);
        let (text, fonts) = (self.text, self.fonts);
        // Bytes of text left on the line (with a space each): a new run reserves them, so
        // its string is allocated once, not grown word by word.
        let mut bytes_left: usize = self.line.iter().map(text_bytes).sum();
        for piece in self.line.drain(..) {
            bytes_left = bytes_left.saturating_sub(text_bytes(&piece));
            let x = x0 + piece.x + drift;
            // The breaking width, so a box measured this wide holds the line unbroken.
            self.sink.note_right(x0 + piece.x + piece.width);
            match piece.kind {
                PieceKind::Text(words) => {
                    if let Some(run) = open.as_mut() {
                        if run.style == piece.style {
                            let metrics = fonts.get(&run.style);
                            if piece.space_before {
                                run.text.push(' ');
                                pen = metrics.extend64(pen.0, pen.1, " ");
                            }
                            run.text.push_str(slice(text, &words.range));
                            pen = advance(metrics, pen, &words);
                            run.width = pen.0.div_ceil(64) as i32;
                            drift += run.x + run.width - (x + piece.width);
                            self.sink.note_right(run.x + run.width);
                            continue;
                        }
                    }
                    self.sink.note_right(x + piece.width);
                    if let Some(run) = open.take() {
                        emit(self.sink, run);
                    }
                    let font = fonts.get(&piece.style);
                    pen = (words.width64, Some(words.ends.1));
                    let first = slice(text, &words.range);
                    let mut run_text = String::with_capacity(first.len() + bytes_left);
                    run_text.push_str(first);
                    open = Some(TextRun {
                        x,
                        y: baseline - font.ascent(),
                        width: piece.width,
                        text: run_text,
                        style: piece.style,
                        new_line,
                        space_before: piece.space_before,
                        marker: false,
                    });
                    new_line = false;
                }
                PieceKind::Image { height, alt } => {
                    self.sink.note_right(x + piece.width);
                    if let Some(run) = open.take() {
                        emit(self.sink, run);
                    }
                    let rect = Rect::new(x, baseline - height, piece.width, height);
                    image(
                        self.sink,
                        rect,
                        &alt,
                        &piece.style,
                        new_line,
                        piece.space_before,
                    );
                    new_line = false;
                }
            }
        }
        if let Some(run) = open.take() {
            emit(self.sink, run);
        }
        self.y = baseline + descent;
        self.x = 0;
    }
}

/// Moves a pen (1/64 px, last character) past measured `words`, kerning included: the
/// same steps as `gfx::font::Pens`, so a run measured piece by piece is as wide as
/// measured whole (the words hold no tab, so their steps simply add up).
fn advance(
    metrics: &gfx::font::Metrics,
    (pen, prev): (u32, Option<char>),
    words: &Words,
) -> (u32, Option<char>) {
    let (first, last) = words.ends;
    let kern = prev.map_or(0, |p| metrics.kern64(p, first));
    let pen = pen
        .saturating_add_signed(kern)
        .saturating_add(words.width64);
    (pen, Some(last))
}

/// The bytes a piece adds to a run's text (its text and a space).
fn text_bytes(piece: &Piece) -> usize {
    match &piece.kind {
        PieceKind::Text(words) => (words.range.end - words.range.start) as usize + 1,
        PieceKind::Image { .. } => 0,
    }
}

fn emit(sink: &mut Sink, run: TextRun) {
    if let Some(link) = run.style.link {
        sink.links.push((link, run.rect()));
    }
    sink.items.push(Item::Text(run));
}

/// An image stands as a bordered box with its alt text inside, cut to fit.
fn image(sink: &mut Sink, rect: Rect, alt: &str, style: &Style, new_line: bool, space: bool) {
    sink.items.push(Item::Frame {
        rect,
        color: RULE_COLOR,
    });
    if let Some(link) = style.link {
        sink.links.push((link, rect));
    }
    let font = style.font();
    if alt.is_empty() || rect.h < font.line_height() || rect.w < 8 {
        return;
    }
    let room = ((rect.w - 6).max(0) as u32) * 64;
    let cut = font
        .pens(alt)
        .take_while(|p| p.end64 <= room)
        .last()
        .map_or(0, |p| p.index + p.ch.len_utf8());
    if cut == 0 {
        return;
    }
    let text = alt[..cut].to_string();
    sink.items.push(Item::Text(TextRun {
        x: rect.x + 3,
        y: rect.y + 2,
        width: font.measure(&text),
        text,
        style: *style,
        new_line,
        space_before: space,
        marker: false,
    }));
}
