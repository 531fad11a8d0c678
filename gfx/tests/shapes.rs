//! Golden images of the drawing primitives, the triangle rasterizer and clipping.

mod common;

use gfx::shapes::radians;
use gfx::{Bitmap, Color, Rect, Vertex};

#[test]
fn primitives() {
    let mut bmp = Bitmap::new(320, 200, Color::rgb(240, 240, 245));
    let mut s = bmp.surface();
    s.fill_rect(Rect::new(10, 10, 60, 40), Color::rgb(40, 90, 200));
    s.fill_rect(Rect::new(40, 30, 60, 40), Color::rgba(220, 40, 40, 140));
    s.stroke_rect(Rect::new(110, 10, 60, 40), 3, Color::rgb(20, 120, 60));
    s.fill_rounded_rect(Rect::new(180, 10, 60, 40), 10, Color::rgb(250, 160, 30));
    s.stroke_rounded_rect(Rect::new(250, 10, 60, 40), 12, 2, Color::rgb(90, 40, 160));
    s.fill_circle(40.0, 110.0, 25.0, Color::rgb(30, 150, 150));
    s.stroke_circle(100.0, 110.0, 25.0, 3.0, Color::rgb(200, 30, 100));
    s.stroke_arc(
        160.0,
        110.0,
        25.0,
        6.0,
        radians(-90.0),
        radians(270.0),
        Color::rgb(40, 40, 40),
    );
    s.ring_sector(
        230.0,
        110.0,
        10.0,
        30.0,
        radians(200.0),
        radians(100.0),
        Color::rgb(60, 120, 240),
    );
    s.ring_sector(
        230.0,
        110.0,
        0.0,
        30.0,
        radians(0.0),
        radians(60.0),
        Color::rgba(240, 60, 60, 180),
    );
    for i in 0..8 {
        let a = radians(i as f32 * 22.5);
        let (c, sn) = (libm::cosf(a), libm::sinf(a));
        s.draw_line(
            280.0,
            110.0,
            280.0 + 35.0 * c,
            110.0 + 35.0 * sn,
            Color::BLACK,
        );
    }
    s.draw_thick_line(15.0, 180.0, 150.0, 150.0, 5.0, Color::rgb(100, 60, 20));
    s.draw_line(15.0, 190.0, 300.0, 170.0, Color::rgba(0, 0, 200, 200));
    s.hline(160, 300, 190, Color::rgb(0, 150, 0));
    s.vline(305, 150, 195, Color::rgb(0, 150, 0));
    common::check("shapes_primitives", &bmp);
}

#[test]
fn triangle_fan() {
    let mut bmp = Bitmap::new(200, 200, Color::WHITE);
    let mut s = bmp.surface();
    let colors = [
        Color::RED,
        Color::rgb(255, 200, 0),
        Color::GREEN,
        Color::rgb(0, 200, 255),
        Color::BLUE,
        Color::rgb(200, 0, 255),
    ];
    let rim: Vec<Vertex> = (0..12)
        .map(|i| {
            let a = radians(i as f32 * 30.0);
            Vertex::new(
                100.0 + 90.0 * libm::cosf(a),
                100.0 + 90.0 * libm::sinf(a),
                colors[i % 6],
            )
        })
        .collect();
    s.fill_fan(Vertex::new(100.0, 100.0, Color::WHITE), &rim, true);
    // A translucent triangle over the fan: its overlap with shared edges must show no seams.
    s.fill_triangle([
        Vertex::new(20.0, 20.0, Color::rgba(0, 0, 0, 100)),
        Vertex::new(180.0, 40.0, Color::rgba(0, 0, 0, 100)),
        Vertex::new(60.0, 180.0, Color::rgba(0, 0, 0, 20)),
    ]);
    common::check("raster_fan", &bmp);
}

#[test]
fn clipping_at_edges() {
    let mut bmp = Bitmap::new(120, 120, Color::rgb(20, 20, 20));
    let mut s = bmp.surface();
    // Everything hangs over the surface's edges.
    s.fill_rounded_rect(Rect::new(-20, -20, 60, 60), 15, Color::rgb(200, 60, 60));
    s.fill_circle(120.0, 0.0, 30.0, Color::rgb(60, 200, 60));
    s.stroke_circle(0.0, 120.0, 40.0, 4.0, Color::rgb(60, 60, 220));
    s.fill_triangle([
        Vertex::new(80.0, 140.0, Color::rgb(255, 255, 0)),
        Vertex::new(140.0, 60.0, Color::rgb(0, 255, 255)),
        Vertex::new(140.0, 140.0, Color::rgb(255, 0, 255)),
    ]);
    // A sub-view: drawing in its own coordinates, clipped to its rectangle.
    let mut sub = s.sub(Rect::new(40, 40, 40, 40));
    sub.fill_rect(Rect::new(-100, -100, 300, 300), Color::rgb(90, 90, 90));
    sub.fill_circle(40.0, 40.0, 30.0, Color::WHITE);
    sub.draw_line(-10.0, 0.0, 60.0, 40.0, Color::BLACK);
    common::check("clip_edges", &bmp);
}
