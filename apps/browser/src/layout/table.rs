//! Tables: rows of cells in a grid, columns sized from their content (CSS 2.1 §17.5.2.2,
//! the automatic table layout algorithm, simplified).
//!
//! Each cell is measured twice by laying it out as its own small [`Flow`]: once with no width
//! limit (its max-content width: every paragraph on one line) and with its widest word (its
//! min-content width). A column is as wide as its widest cell. If all columns fit at their
//! max-content widths they get them; otherwise each gets its minimum plus a share of the
//! remaining room in proportion to how much more it wanted; and if even the minimums do not
//! fit they are scaled down to fit (the words inside are then cut). A `width` attribute on
//! the table (pixels or percent) widens the columns to that width.
//!
//! Cells are then laid out at their columns' width, rows take their tallest cell, and each
//! cell gets a one-pixel border (neighbours share theirs, like `border-collapse`). Cells are
//! vertically centred (`vertical-align: middle`), `th` is bold and centred, `colspan` is
//! honoured (up to 100); `rowspan` is not. Captions are centred above the grid (their width
//! does not widen the table).

use super::flow::{parse_int, Ctx, Flow};
use super::{Item, Rect, Style};
use crate::style::{self, Display, RULE_COLOR};
use html::dom::{Document, NodeId};

/// Space between a cell's border and its content.
const PAD: i32 = 4;
/// A width that never wraps (for measuring).
const UNLIMITED: i32 = 1 << 20;

/// A cell laid out into the page, waiting for its row's height: its column edges, where
/// its items and links start in the page's sink, and its height.
struct Laid {
    x: i32,
    right: i32,
    items: usize,
    links: usize,
    height: i32,
}

struct Cell {
    node: NodeId,
    style: Style,
    span: usize,
    min: i32,
    max: i32,
}

/// Lays out table `id` in the content box `left..right` of `flow`, below its content.
pub(super) fn lay_out(flow: &mut Flow, ctx: Ctx, id: NodeId, style: Style, left: i32, right: i32) {
    let document = ctx.document;
    let mut rows = collect(document, id, &style);
    let columns = rows
        .iter()
        .map(|row| row.iter().map(|c| c.span).sum::<usize>())
        .max()
        .unwrap_or(0);
    if columns == 0 {
        return;
    }
    // Measure every cell, in one flow reused from cell to cell (so its buffers are
    // allocated once per table).
    let mut sub = Flow::new(true, flow.table_depth + 1);
    for cell in rows.iter_mut().flatten() {
        sub.reset(true, flow.table_depth + 1);
        sub.run(ctx, cell.node, cell.style, 0, UNLIMITED);
        sub.end(ctx);
        cell.min = sub.min_content;
        cell.max = sub.sink.right_edge.max(sub.min_content);
    }
    let (mins, maxes) = column_needs(&rows, columns);
    let chrome = (columns as i32) * (2 * PAD + 1) + 1;
    let avail = (right - left).max(1);
    let wanted = document.element(id).and_then(|e| e.attribute("width"));
    let target = wanted
        .and_then(|w| parse_width(w, avail))
        .map(|w| w.clamp(chrome, avail));
    let widths = column_widths(
        &mins,
        &maxes,
        (avail - chrome).max(0),
        target.map(|t| t - chrome),
    );
    let table_w = widths.iter().sum::<i32>() + chrome;
    if flow.measuring {
        let min_total = mins.iter().sum::<i32>() + chrome;
        flow.min_content = flow.min_content.max(min_total);
    }
    let center = !flow.measuring && style.center;
    let x0 = if center {
        left + ((avail - table_w) / 2).max(0)
    } else {
        left
    };
    let mut xs = Vec::with_capacity(columns + 1);
    let mut x = x0;
    for w in &widths {
        xs.push(x);
        x += w + 2 * PAD + 1;
    }
    xs.push(x);

    let mut y = flow.place();
    y = captions(flow, ctx, id, &style, (x0, y), table_w, right - x0);
    let mut laid = Vec::new();
    for row in &rows {
        // Lay out the row's cells into the page, each followed by its frame, then move
        // them down into place once the row's height is known.
        laid.clear();
        let mut column = 0;
        let mut row_h = 0;
        for cell in row {
            let end = (column + cell.span).min(columns);
            let (cx, cr) = (xs[column], xs[end]);
            let inner = (cr - cx - 2 * PAD - 1).max(1);
            sub.reset(flow.measuring, flow.table_depth + 1);
            sub.trim_top = true;
            sub.run(ctx, cell.node, cell.style, 0, inner);
            sub.margin = 0; // nor its last
            let height = sub.end(ctx).max(0);
            row_h = row_h.max(height);
            let at = (flow.sink.items.len(), flow.sink.links.len());
            flow.sink.append(&mut sub.sink, cx + 1 + PAD, 0);
            laid.push(Laid {
                x: cx,
                right: cr,
                items: at.0,
                links: at.1,
                height,
            });
            // Its frame, sized below.
            flow.sink.items.push(Item::Frame {
                rect: Rect::default(),
                color: RULE_COLOR,
            });
            column = end;
        }
        let box_h = row_h + 2 * PAD + 1;
        for (i, cell) in laid.iter().enumerate() {
            let frame = laid
                .get(i + 1)
                .map_or(flow.sink.items.len(), |next| next.items)
                - 1;
            let links_end = laid
                .get(i + 1)
                .map_or(flow.sink.links.len(), |next| next.links);
            let dy = y + 1 + PAD + (row_h - cell.height) / 2;
            flow.sink
                .shift(cell.items..frame, cell.links..links_end, 0, dy);
            if let Some(Item::Frame { rect, .. }) = flow.sink.items.get_mut(frame) {
                *rect = Rect::new(cell.x, y, cell.right - cell.x + 1, box_h + 1);
            }
        }
        y += box_h;
    }
    flow.sink.note_right(x0 + table_w);
    flow.y = y + 1;
}

/// Lays out the table's `caption` children centred above the grid (CSS 2.1 §17.4.1,
/// `caption-side: top`), as wide as the table or as their text if that fits in `room`;
/// returns the grid's top.
fn captions(
    flow: &mut Flow,
    ctx: Ctx,
    table: NodeId,
    style: &Style,
    at: (i32, i32),
    width: i32,
    room: i32,
) -> i32 {
    let (x, mut y) = at;
    let document = ctx.document;
    for child in document.children(table) {
        let Some(e) = document.element(child) else {
            continue;
        };
        if !e.is_html("caption") || style::display(e) == Display::None {
            continue;
        }
        let caption_style = style::apply(e, child.0, style);
        // As wide as the table, or as its text up to the room there is.
        let mut measure = Flow::new(true, flow.table_depth + 1);
        measure.run(ctx, child, caption_style, 0, UNLIMITED);
        let wanted = measure.finish(ctx).sink.right_edge;
        let width = wanted.min(room).max(width).max(1);
        let mut sub = Flow::new(flow.measuring, flow.table_depth + 1);
        sub.trim_top = true;
        sub.run(ctx, child, caption_style, 0, width);
        sub.margin = 0;
        let mut done = sub.finish(ctx);
        flow.sink.append(&mut done.sink, x, y);
        y += done.height.max(0) + 2;
    }
    y
}

/// The rows of a table: `tr` children of the table or of its row groups, skipping hidden
/// rows and cells.
fn collect(document: &Document, table: NodeId, style: &Style) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    let mut add_row = |tr: NodeId, parent_style: &Style| {
        let Some(e) = document.element(tr) else {
            return;
        };
        if style::display(e) == Display::None {
            return;
        }
        let row_style = style::apply(e, tr.0, parent_style);
        let mut row = Vec::new();
        for td in document.children(tr) {
            let Some(cell) = document.element(td) else {
                continue;
            };
            if !(cell.is_html("td") || cell.is_html("th")) || style::display(cell) == Display::None
            {
                continue;
            }
            let span = cell.attribute("colspan").and_then(parse_int).unwrap_or(1);
            row.push(Cell {
                node: td,
                style: style::apply(cell, td.0, &row_style),
                span: span.clamp(1, 100) as usize,
                min: 0,
                max: 0,
            });
        }
        rows.push(row);
    };
    for child in document.children(table) {
        let Some(e) = document.element(child) else {
            continue;
        };
        if e.is_html("tr") {
            add_row(child, style);
        } else if (e.is_html("tbody") || e.is_html("thead") || e.is_html("tfoot"))
            && style::display(e) != Display::None
        {
            let group_style = style::apply(e, child.0, style);
            for tr in document.children(child) {
                if document.element(tr).is_some_and(|r| r.is_html("tr")) {
                    add_row(tr, &group_style);
                }
            }
        }
    }
    rows
}

/// Each column's minimum and maximum content width. Cells spanning several columns spread
/// what their columns lack evenly over them.
fn column_needs(rows: &[Vec<Cell>], columns: usize) -> (Vec<i32>, Vec<i32>) {
    let mut mins = vec![0; columns];
    let mut maxes = vec![0; columns];
    for span_pass in [false, true] {
        for row in rows {
            let mut column = 0;
            for cell in row {
                let end = (column + cell.span).min(columns);
                let n = (end - column).max(1) as i32;
                let chrome = (n - 1) * (2 * PAD + 1);
                if (cell.span > 1) == span_pass && column < end {
                    let have_min: i32 = mins[column..end].iter().sum::<i32>() + chrome;
                    let have_max: i32 = maxes[column..end].iter().sum::<i32>() + chrome;
                    let (more_min, more_max) =
                        ((cell.min - have_min).max(0), (cell.max - have_max).max(0));
                    for c in column..end {
                        mins[c] += more_min / n;
                        maxes[c] += more_max / n;
                    }
                }
                column = end;
            }
        }
    }
    for (min, max) in mins.iter().zip(maxes.iter_mut()) {
        *max = (*max).max(*min);
    }
    (mins, maxes)
}

/// Column widths for `room` pixels of content (CSS 2.1 §17.5.2.2, simplified).
fn column_widths(mins: &[i32], maxes: &[i32], room: i32, target: Option<i32>) -> Vec<i32> {
    let sum_min: i64 = mins.iter().map(|&v| v as i64).sum();
    let sum_max: i64 = maxes.iter().map(|&v| v as i64).sum();
    let room = room as i64;
    if sum_max <= room {
        // Everything fits; a wanted table width spreads the extra in proportion to content.
        let Some(target) = target
            .map(|t| (t as i64).min(room))
            .filter(|&t| t > sum_max)
        else {
            return maxes.to_vec();
        };
        let extra = target - sum_max;
        let n = maxes.len() as i64;
        return maxes
            .iter()
            .map(|&m| {
                let share = if sum_max > 0 {
                    extra * m as i64 / sum_max
                } else {
                    extra / n
                };
                (m as i64 + share) as i32
            })
            .collect();
    }
    if sum_min >= room {
        // Not even the minimums fit: scale them down.
        return mins
            .iter()
            .map(|&m| {
                if sum_min > 0 {
                    (m as i64 * room / sum_min) as i32
                } else {
                    0
                }
            })
            .map(|w| w.max(1))
            .collect();
    }
    let spare = room - sum_min;
    let want = sum_max - sum_min;
    mins.iter()
        .zip(maxes)
        .map(|(&lo, &hi)| (lo as i64 + (hi - lo) as i64 * spare / want.max(1)) as i32)
        .collect()
}

/// A `width` attribute: pixels or a percentage of `avail`.
fn parse_width(text: &str, avail: i32) -> Option<i32> {
    let n = parse_int(text)?;
    if n <= 0 {
        return None;
    }
    if text.trim_end().ends_with('%') {
        Some((avail as i64 * n.min(100) / 100) as i32)
    } else {
        Some(n.min(1 << 20) as i32)
    }
}

#[cfg(test)]
mod tests {
    use super::column_widths;

    #[test]
    fn columns_get_content_width_when_it_fits() {
        assert_eq!(
            column_widths(&[10, 20], &[50, 100], 500, None),
            vec![50, 100]
        );
    }

    #[test]
    fn columns_share_the_room_between_min_and_max() {
        // 100 spare pixels, wants 60 and 120 more: shares 1/3 and 2/3.
        let w = column_widths(&[20, 40], &[80, 160], 160, None);
        assert_eq!(w, vec![20 + 33, 40 + 66]);
        assert!(w.iter().sum::<i32>() <= 160);
    }

    #[test]
    fn minimums_are_capped_to_the_room() {
        let w = column_widths(&[300, 300], &[900, 900], 300, None);
        assert_eq!(w, vec![150, 150]);
    }

    #[test]
    fn a_wanted_width_spreads_the_extra() {
        let w = column_widths(&[10, 10], &[50, 150], 1000, Some(400));
        assert_eq!(w, vec![100, 300]);
    }
}
