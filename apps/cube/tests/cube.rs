//! The cube's maths and its frames, drawn through the SDK's fake kernel.

use cube::geometry::{Rotation, Vec3, CORNERS, FACES};
use cube::scene::{shade, visible_faces};
use cube::{Cube, FpsCounter};
use sdk::fake;
use sdk::gfx::{Color, Rect};
use sdk::Runner;

#[test]
fn rotations_keep_lengths_and_faces_are_consistent() {
    let r = Rotation::from_angles(0.7, -1.3, 2.1);
    for c in CORNERS {
        assert!((r.apply(c).length() - c.length()).abs() < 1e-5);
    }
    for face in FACES {
        // The corners' centre is the normal, and every corner lies in the face's plane.
        let mut centre = Vec3::new(0.0, 0.0, 0.0);
        for i in face.corners {
            centre = centre + CORNERS[i].scale(0.25);
            assert!((CORNERS[i].dot(face.normal) - 1.0).abs() < 1e-6);
        }
        assert!((centre.x - face.normal.x).abs() < 1e-6);
        assert!((centre.y - face.normal.y).abs() < 1e-6);
        assert!((centre.z - face.normal.z).abs() < 1e-6);
    }
}

#[test]
fn between_one_and_three_faces_show_far_to_near() {
    let area = Rect::new(0, 0, 400, 300);
    let front = visible_faces(area, &Rotation::from_angles(0.0, 0.0, 0.0));
    assert_eq!(front.len(), 1);
    for step in 0..200 {
        let faces = visible_faces(area, &Cube::rotation_at(step as f32 * 0.173));
        assert!((1..=3).contains(&faces.len()), "{} faces", faces.len());
        assert!(faces.windows(2).all(|w| w[0].depth >= w[1].depth));
        for face in &faces {
            for &(x, y) in &face.points {
                assert!((0.0..=400.0).contains(&x) && (0.0..=300.0).contains(&y));
            }
        }
    }
}

#[test]
fn shading_scales_channels() {
    let c = Color::rgb(200, 100, 50);
    assert_eq!(shade(c, 1.0), c);
    assert_eq!(shade(c, 0.5), Color::rgb(100, 50, 25));
    assert_eq!(shade(c, -3.0), Color::rgb(0, 0, 0));
}

#[test]
fn fps_counts_frames_per_second() {
    let mut fps = FpsCounter::default();
    assert_eq!(fps.label(), "-- fps");
    let mut changed = false;
    for i in 0..40u64 {
        changed |= fps.tick(i * 16_667);
    }
    assert!(changed);
    let rate = fps.fps().unwrap();
    assert!((rate - 60.0).abs() < 0.5, "{rate}");
    assert_eq!(fps.label(), "60.0 fps");
}

#[test]
fn frames_fill_the_window_follow_resizes_and_damage_little() {
    fake::reset();
    fake::with(|k| k.window = (200, 150));
    let mut app = Cube::new();
    let mut runner = Runner::new();
    let first = runner.step(&mut app);
    assert_eq!(first.presented, Some(Rect::new(0, 0, 200, 150)));
    let frame = fake::with(|k| k.last_present().cloned()).unwrap();
    let centre = Color(frame.pixel(100, 75).unwrap());
    let corner = Color(frame.pixel(199, 149).unwrap());
    assert!(centre.r() as u32 + centre.g() as u32 + centre.b() as u32 > 60);
    assert!(corner.r() < 40 && corner.g() < 40 && corner.b() < 60);
    // Label pixels are bright text on a dark box in the top-left corner.
    let bright = (8..40)
        .flat_map(|y| (8..100).map(move |x| (x, y)))
        .filter(|&(x, y)| Color(frame.pixel(x, y).unwrap()).r() > 180)
        .count();
    assert!(bright > 20, "{bright} label pixels");
    // Later frames present only the cube's and the label's region.
    let second = runner.step(&mut app).presented.unwrap();
    assert!(second.area() < 200 * 150);
    fake::with(|k| k.resize(320, 90));
    let third = runner.step(&mut app);
    assert_eq!(third.presented, Some(Rect::new(0, 0, 320, 90)));
    let frame = fake::with(|k| k.last_present().cloned()).unwrap();
    let centre = Color(frame.pixel(160, 45).unwrap());
    assert!(centre.r() as u32 + centre.g() as u32 + centre.b() as u32 > 60);
}

#[test]
fn no_window_draws_nothing() {
    fake::reset();
    fake::with(|k| k.window = (0, 0));
    let mut app = Cube::new();
    let mut runner = Runner::new();
    for _ in 0..3 {
        assert_eq!(runner.step(&mut app).presented, None);
    }
}

/// With `APPS_SNAPSHOT_DIR` set, saves a few frames as PPM images to look at.
#[test]
fn snapshots_on_request() {
    let Ok(dir) = std::env::var("APPS_SNAPSHOT_DIR") else {
        return;
    };
    fake::reset();
    fake::with(|k| k.window = (480, 320));
    let mut app = Cube::new();
    let mut runner = Runner::new();
    for i in 0..40 {
        runner.step(&mut app);
        if i % 13 == 0 {
            let frame = fake::with(|k| k.last_present().cloned()).unwrap();
            let bitmap = runner.bitmap();
            let full = sdk::fake::Presented {
                pixels: bitmap.pixels.clone(),
                ..frame
            };
            std::fs::write(format!("{dir}/cube-{i}.ppm"), full.to_ppm()).unwrap();
        }
    }
}
