//! Line breaking (CSS Text §5, greedy) and line boxes (CSS 2.1 §10.8).
//!
//! A line may break only at a space. A word glued to the previous one ("foo<b>bar</b>")
//! goes with it. Spaces at the end of a line vanish (CSS Text §4.1.2). A word wider than the
//! whole line is cut between characters rather than overflowing (like `overflow-wrap:
//! anywhere`); `pre` lines are never cut and may overflow. A line box is as tall as its
//! tallest font's line height (images sit on the baseline); consecutive words of one style
//! become one [`TextRun`].

use super::inline::Atom;
use super::sink::Sink;
use super::{Item, Rect, Style, TextRun};
use crate::style::RULE_COLOR;
use gfx::Font;

/// A piece of a line: text (possibly part of a cut word) or an image.
struct Piece {
    x: i32,
    width: i32,
    style: Style,
    space_before: bool,
    kind: PieceKind,
}

enum PieceKind {
    Text(String),
    Image { height: i32, alt: String },
}

/// Breaks `atoms` into lines between `left` and `right`, the first line box's top at `top`.
/// Returns the bottom of the last line.
pub(super) fn lay_out(
    atoms: &[Atom],
    left: i32,
    right: i32,
    top: i32,
    center: bool,
    sink: &mut Sink,
) -> i32 {
    let mut lines = Lines {
        left,
        avail: (right - left).max(1),
        y: top,
        center,
        line: Vec::new(),
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
                let space_w = space.map_or(0, |s| space_width(&s));
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

fn space_width(style: &Style) -> i32 {
    (style.font().advance64(' ').saturating_add(32) / 64) as i32
}

/// The line being filled and where finished lines go.
struct Lines<'s> {
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
    fn place(&mut self, atom: &Atom, space_before: bool) {
        match atom {
            Atom::Word {
                text, style, width, ..
            } => {
                if self.x + width <= self.avail || style.pre {
                    self.push_text(text.clone(), *width, style, space_before);
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

    fn push_text(&mut self, text: String, width: i32, style: &Style, space_before: bool) {
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
    fn cut_word(&mut self, text: &str, style: &Style) {
        let font = style.font();
        let mut rest = text;
        while !rest.is_empty() {
            let room = (self.avail - self.x).max(0) as u32 * 64;
            let mut cut = 0;
            for p in font.pens(rest) {
                if p.end64 > room && cut > 0 {
                    break;
                }
                cut = p.index + p.ch.len_utf8();
            }
            let piece = &rest[..cut];
            let width = font.measure(piece);
            self.push_text(piece.to_string(), width, style, false);
            rest = &rest[cut..];
            if !rest.is_empty() {
                self.finish(style);
            }
        }
    }

    /// Ends the current line (an empty line takes the height of `style`'s font).
    fn finish(&mut self, style: &Style) {
        let mut ascent = 0;
        let mut descent = 0;
        for piece in &self.line {
            let (a, d) = match &piece.kind {
                PieceKind::Text(_) => {
                    let font = piece.style.font();
                    (font.ascent(), font.line_height() - font.ascent())
                }
                PieceKind::Image { height, .. } => (*height, 2),
            };
            ascent = ascent.max(a);
            descent = descent.max(d);
        }
        if self.line.is_empty() {
            let font = style.font();
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
        for piece in self.line.drain(..) {
            let x = x0 + piece.x + drift;
            // The breaking width, so a box measured this wide holds the line unbroken.
            self.sink.note_right(x0 + piece.x + piece.width);
            match piece.kind {
                PieceKind::Text(text) => {
                    if let Some(run) = open.as_mut() {
                        if run.style == piece.style {
                            let font = run.style.font();
                            if piece.space_before {
                                run.text.push(' ');
                                pen = advance(&font, pen, " ");
                            }
                            run.text.push_str(&text);
                            pen = advance(&font, pen, &text);
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
                    let font = piece.style.font();
                    pen = advance(&font, (0, None), &text);
                    open = Some(TextRun {
                        x,
                        y: baseline - font.ascent(),
                        width: piece.width,
                        text,
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

/// Moves a pen (1/64 px, last character) past `text`, kerning included: the same steps
/// as `gfx::font::Pens`, so a run measured piece by piece is as wide as measured whole.
fn advance(
    font: &Font,
    (mut pen, mut prev): (u32, Option<char>),
    text: &str,
) -> (u32, Option<char>) {
    for ch in text.chars() {
        let kern = prev.map_or(0, |p| font.kern64(p, ch));
        pen = font.step64(pen.saturating_add_signed(kern), ch);
        prev = Some(ch);
    }
    (pen, prev)
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
