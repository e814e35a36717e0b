//! How long each stage of a build took, for `--verbose` and the benchmark.
//!
//! A [`Stages`] is filled as the build runs, one entry per stage or page
//! kind, in the order they ran. It measures wall time only: the stages that
//! run in parallel report the time until their last thread finished.

use std::time::{Duration, Instant};

/// The stages of one build, with the wall time each took.
#[derive(Debug, Default, Clone)]
pub struct Stages {
    entries: Vec<(&'static str, Duration)>,
}

impl Stages {
    /// Runs `stage`, recording how long it took under `name`.
    pub fn time<T>(&mut self, name: &'static str, stage: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let result = stage();
        self.entries.push((name, started.elapsed()));
        result
    }

    /// Adds the stages of `other` after these.
    pub fn extend(&mut self, other: Stages) {
        self.entries.extend(other.entries);
    }

    /// Each stage's name and time, in the order they ran.
    pub fn entries(&self) -> &[(&'static str, Duration)] {
        &self.entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_are_kept_in_the_order_they_ran() {
        let mut stages = Stages::default();
        let two = stages.time("parse", || 1 + 1);
        stages.time("link", || ());
        assert_eq!(two, 2);
        let names: Vec<_> = stages.entries().iter().map(|(name, _)| *name).collect();
        assert_eq!(names, ["parse", "link"]);
    }
}
