//! Frame statistics: how long each frame's work took, and frames per second.
//!
//! `frame_ms` is the *work* time of a frame (polling, drawing, flushing, running apps), not
//! the paced 16.7 ms: it says how much of the frame budget the system uses. `apps_ms` is the
//! part the apps took, so `frame_ms - apps_ms` is the desktop's own cost. Once a second the loop logs
//! a `stats:` line built from a [`Window`] of the frames of that second.

/// Frame times collected over one reporting period.
pub struct Window {
    frames: u32,
    work_us_total: u64,
    work_us_max: u64,
    apps_us_total: u64,
    started_us: u64,
}

/// One second's summary.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Summary {
    pub fps: f32,
    pub frame_ms: f32,
    pub max_ms: f32,
    pub apps_ms: f32,
}

impl Window {
    pub fn new(now_us: u64) -> Window {
        Window {
            frames: 0,
            work_us_total: 0,
            work_us_max: 0,
            apps_us_total: 0,
            started_us: now_us,
        }
    }

    /// Records a frame whose work took `work_us`, `apps_us` of it in apps.
    pub fn record(&mut self, work_us: u64, apps_us: u64) {
        self.apps_us_total += apps_us;
        self.frames += 1;
        self.work_us_total += work_us;
        self.work_us_max = self.work_us_max.max(work_us);
    }

    /// When a period of `period_us` has passed, returns its summary and starts a new one.
    pub fn roll(&mut self, now_us: u64, period_us: u64) -> Option<Summary> {
        let elapsed = now_us.saturating_sub(self.started_us);
        if elapsed < period_us || self.frames == 0 {
            return None;
        }
        let summary = Summary {
            fps: self.frames as f32 * 1_000_000.0 / elapsed as f32,
            frame_ms: self.work_us_total as f32 / self.frames as f32 / 1000.0,
            max_ms: self.work_us_max as f32 / 1000.0,
            apps_ms: self.apps_us_total as f32 / self.frames as f32 / 1000.0,
        };
        *self = Window::new(now_us);
        Some(summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_of_a_second() {
        let mut window = Window::new(0);
        for i in 0..60 {
            window.record(if i == 0 { 3000 } else { 300 }, 100);
        }
        assert_eq!(window.roll(500_000, 1_000_000), None);
        let summary = window.roll(1_000_000, 1_000_000).unwrap();
        assert_eq!(summary.fps, 60.0);
        assert!((summary.frame_ms - 0.345).abs() < 0.001);
        assert_eq!(summary.max_ms, 3.0);
        assert!((summary.apps_ms - 0.1).abs() < 0.001);
        assert_eq!(
            window.roll(2_000_000, 1_000_000),
            None,
            "no frames, no summary"
        );
    }
}
