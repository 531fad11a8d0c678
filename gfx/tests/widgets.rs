//! Golden images of every uitk widget in its states, in the light and the dark theme.

mod common;

use gfx::uitk::{
    column, row, GraphKind, Id, Input, Memory, ScrollView, Stylesheet, TextBox, Track, Ui,
};
use gfx::{Bitmap, Color, Point, Rect, Surface};

/// Runs one frame of UI with the given input and memory.
fn frame(
    s: &mut Surface,
    sheet: &Stylesheet,
    input: &Input,
    memory: &mut Memory,
    f: impl FnOnce(&mut Ui),
) {
    let mut ui = Ui::new(s, input, memory, sheet);
    f(&mut ui);
    ui.finish();
}

fn gallery(sheet: &Stylesheet) -> Bitmap {
    let mut bmp = Bitmap::new(640, 420, sheet.palette.window);
    let mut s = bmp.surface();
    let rows = column(
        Rect::new(10, 10, 620, 400),
        &[
            Track::Px(36),
            Track::Px(36),
            Track::Px(70),
            Track::Px(24),
            Track::Weight(1),
        ],
        10,
    );

    // Buttons: normal, hover, pressed, disabled, focused.
    let cells = row(rows[0], &[Track::Weight(1); 5], 8);
    let names = ["Normal", "Hover", "Pressed", "Disabled", "Focused"];
    for (i, (cell, name)) in cells.iter().zip(names).enumerate() {
        let id = Id::from(name);
        let mut memory = Memory::default();
        let mut input = Input::at(Point::new(-1, -1));
        match i {
            1 => input.mouse = cell.center(),
            2 => {
                input.mouse = cell.center();
                input.mouse_down = true;
                memory.active = Some(id);
            }
            4 => memory.focus = Some(id),
            _ => {}
        }
        frame(&mut s, sheet, &input, &mut memory, |ui| {
            ui.set_enabled(i != 3);
            ui.button(*cell, id, name);
        });
    }

    // Label, single-line text boxes (plain, focused with a selection).
    let cells = row(
        rows[1],
        &[Track::Px(90), Track::Weight(1), Track::Weight(1)],
        8,
    );
    let mut memory = Memory::default();
    let mut plain = TextBox::new(Id::from("plain"), "Plain text box", false);
    let mut sel = TextBox::new(Id::from("sel"), "Selected words here", false);
    sel.anchor = 9;
    sel.cursor = 14;
    memory.focus = Some(sel.id);
    frame(&mut s, sheet, &Input::default(), &mut memory, |ui| {
        ui.label(cells[0], "Name:");
        ui.text_box(cells[1], &mut plain);
        ui.text_box(cells[2], &mut sel);
    });

    // Multi-line text box and a section with a label inside.
    let cells = row(rows[2], &[Track::Weight(1), Track::Weight(1)], 8);
    let mut multi = TextBox::new(
        Id::from("multi"),
        "First line\nSecond line that wraps around the box",
        true,
    );
    let mut memory = Memory {
        focus: Some(multi.id),
        ..Memory::default()
    };
    frame(&mut s, sheet, &Input::default(), &mut memory, |ui| {
        ui.text_box(cells[0], &mut multi);
        let inner = ui.section(cells[1], "Section");
        ui.label(inner, "A label inside a section frame.");
    });

    // Progress bars.
    let cells = row(rows[3], &[Track::Weight(1); 3], 8);
    frame(
        &mut s,
        sheet,
        &Input::default(),
        &mut Memory::default(),
        |ui| {
            ui.progress(cells[0], 0.0, None);
            ui.progress(cells[1], 0.42, Some("42%"));
            ui.progress(cells[2], 1.0, Some("done"));
        },
    );

    // Scroll area (both bars), bar graph, line graph, tooltip.
    let cells = row(rows[4], &[Track::Weight(1); 3], 8);
    let mut sv = ScrollView::new(Id::from("scroll"));
    sv.offset = Point::new(40, 60);
    let values: Vec<f32> = (0..24).map(|i| ((i * 37) % 23) as f32 + 2.0).collect();
    let tip = Id::from("tip");
    let mut memory = Memory {
        hover: Some(tip),
        hover_frames: 100,
        ..Memory::default()
    };
    let input = Input::at(Point::new(cells[2].x + 30, cells[2].y + 30));
    frame(&mut s, sheet, &input, &mut memory, |ui| {
        ui.scroll_area(cells[0], &mut sv, (400, 500), |c, _visible| {
            for i in 0..10 {
                let color = Color::rgb(40 + i * 20, 120, 200 - i * 15);
                c.fill_rounded_rect(Rect::new(i as i32 * 30, i as i32 * 40, 120, 60), 8, color);
            }
        });
        ui.graph(cells[1], &values, GraphKind::Bars, None, Some("fps"));
        ui.graph(cells[2], &values, GraphKind::Line, Some(30.0), Some("ms"));
        ui.tooltip(cells[2], tip, "Frame time in ms");
    });
    bmp
}

#[test]
fn widgets_light() {
    common::check("widgets_light", &gallery(&Stylesheet::light()));
}

#[test]
fn widgets_dark() {
    common::check("widgets_dark", &gallery(&Stylesheet::dark()));
}

#[test]
fn per_element_override() {
    let sheet = Stylesheet::light();
    let mut bmp = Bitmap::new(200, 50, sheet.palette.window);
    let mut s = bmp.surface();
    let mut special = sheet.button;
    special.background = Color::rgb(40, 160, 90);
    special.foreground = Color::WHITE;
    special.radius = 14;
    special.bold = true;
    special.font_px = 16;
    frame(
        &mut s,
        &sheet,
        &Input::default(),
        &mut Memory::default(),
        |ui| {
            ui.override_next(special);
            ui.button(Rect::new(5, 5, 90, 40), Id::from("a"), "Go");
            ui.button(Rect::new(105, 5, 90, 40), Id::from("b"), "Plain");
        },
    );
    common::check("widgets_override", &bmp);
}

/// A small settings form laid out with rows, columns and weights.
fn form(width: u32, height: u32) -> Bitmap {
    let sheet = Stylesheet::light();
    let mut bmp = Bitmap::new(width, height, sheet.palette.window);
    let mut s = bmp.surface();
    let area = s.bounds().inset(8);
    let rows = column(
        area,
        &[
            Track::Px(30),
            Track::Px(30),
            Track::Weight(1),
            Track::Px(32),
        ],
        8,
    );
    let mut name = TextBox::new(Id::from("name"), "Ada Lovelace", false);
    let mut notes = TextBox::new(Id::from("notes"), "Notes grow with the window.", true);
    frame(
        &mut s,
        &sheet,
        &Input::default(),
        &mut Memory::default(),
        |ui| {
            let cells = row(rows[0], &[Track::Px(70), Track::Weight(1)], 8);
            ui.label(cells[0], "Name");
            ui.text_box(cells[1], &mut name);
            let cells = row(
                rows[1],
                &[Track::Px(70), Track::Weight(2), Track::Weight(1)],
                8,
            );
            ui.label(cells[0], "Volume");
            ui.progress(cells[1], 0.6, None);
            ui.label(cells[2], "60%");
            ui.text_box(rows[2], &mut notes);
            let cells = row(
                rows[3],
                &[Track::Weight(1), Track::Px(90), Track::Px(90)],
                8,
            );
            ui.button(cells[1], Id::from("cancel"), "Cancel");
            ui.button(cells[2], Id::from("ok"), "OK");
        },
    );
    bmp
}

#[test]
fn layout_follows_the_window_size() {
    common::check("layout_small", &form(320, 200));
    common::check("layout_large", &form(520, 300));
}
