//! Bar and line graphs, for the audit view (frame times, per-app CPU, bytes sent).
//!
//! The graph scales its values to the rectangle: `max` sets the top of the scale (or the
//! largest value when `None`), faint grid lines mark quarters, and the newest value is on the
//! right. Values that are not finite count as zero.

use super::{Element, Ui};
use crate::geom::Rect;
use alloc::format;

/// How values are drawn.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum GraphKind {
    Bars,
    Line,
}

impl Ui<'_, '_> {
    /// Draws `values` in `rect` with an optional title in the top-left corner.
    pub fn graph(
        &mut self,
        rect: Rect,
        values: &[f32],
        kind: GraphKind,
        max: Option<f32>,
        title: Option<&str>,
    ) {
        let rect = rect.limited();
        let style = self.style_for(Element::Graph);
        self.surface
            .fill_rounded_rect(rect, style.radius, style.background);
        self.surface
            .stroke_rounded_rect(rect, style.radius, 1, style.border);
        let plot = rect.inset(4);
        if plot.is_empty() {
            return;
        }
        let clean = |v: f32| if v.is_finite() { v.max(0.0) } else { 0.0 };
        let top = max
            .map(clean)
            .unwrap_or_else(|| values.iter().copied().map(clean).fold(0.0, f32::max));
        let top = if top > 0.0 { top } else { 1.0 };
        let grid = style.border.with_alpha(90);
        for q in 1..4 {
            let y = plot.y + plot.h * q / 4;
            self.surface
                .fill_rect(Rect::new(plot.x, y, plot.w, 1), grid);
        }
        let n = values.len();
        if n > 0 {
            let y_of = |v: f32| plot.bottom() - ((clean(v) / top).min(1.0) * plot.h as f32) as i32;
            match kind {
                GraphKind::Bars => {
                    for (i, &v) in values.iter().enumerate() {
                        let x0 = plot.x + (plot.w as i64 * i as i64 / n as i64) as i32;
                        let x1 = plot.x + (plot.w as i64 * (i as i64 + 1) / n as i64) as i32;
                        let w = (x1 - x0 - 1).max(1);
                        let y = y_of(v);
                        self.surface
                            .fill_rect(Rect::new(x0, y, w, plot.bottom() - y), style.accent);
                    }
                }
                GraphKind::Line => {
                    let step = if n > 1 {
                        (plot.w - 1) as f32 / (n - 1) as f32
                    } else {
                        0.0
                    };
                    let point = |i: usize| {
                        (
                            plot.x as f32 + 0.5 + step * i as f32,
                            y_of(values[i]) as f32 + 0.5,
                        )
                    };
                    let mut sub = self.surface.sub(rect.inset(1));
                    let o = rect.inset(1);
                    for i in 1..n {
                        let (a, b) = (point(i - 1), point(i));
                        sub.draw_thick_line(
                            a.0 - o.x as f32,
                            a.1 - o.y as f32,
                            b.0 - o.x as f32,
                            b.1 - o.y as f32,
                            2.0,
                            style.accent,
                        );
                    }
                }
            }
        }
        let font = style.font();
        if let Some(t) = title {
            font.draw_text(self.surface, plot.x + 2, plot.y, t, style.foreground);
        }
        let label = format!("{}", top as i64);
        let w = font.measure(&label);
        font.draw_text(
            self.surface,
            plot.right() - w - 2,
            plot.y,
            &label,
            style.foreground,
        );
    }
}
