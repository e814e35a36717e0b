//! How long each stage of a build took, for `--verbose` and the benchmark.
//!
//! A [`Stages`] is filled as the build runs, one entry per stage or page
//! kind, in the order they ran. It measures wall time only: the stages that
//! run in parallel report the time until their last thread finished.

use std::sync::Arc;
use std::time::{Duration, Instant};

/// Told the name of each stage as it begins: a progress bar's hook.
pub type Observer = Arc<dyn Fn(&'static str) + Send + Sync>;

/// The stages of one build, with the wall time each took.
#[derive(Default, Clone)]
pub struct Stages {
    entries: Vec<(&'static str, Duration)>,
    observer: Option<Observer>,
}

impl std::fmt::Debug for Stages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stages").field("entries", &self.entries).finish_non_exhaustive()
    }
}

impl Stages {
    /// No stage yet; `observer` is told of each as it begins.
    pub fn observed(observer: Observer) -> Stages {
        Stages { entries: Vec::new(), observer: Some(observer) }
    }

    /// Runs `stage`, recording how long it took under `name`.
    pub fn time<T>(&mut self, name: &'static str, stage: impl FnOnce() -> T) -> T {
        if let Some(observer) = &self.observer {
            observer(name);
        }
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

    #[test]
    fn the_observer_hears_each_stage_as_it_begins() {
        let heard = Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = Arc::clone(&heard);
        let mut stages = Stages::observed(Arc::new(move |name| log.lock().unwrap().push(name)));
        stages.time("parse", || assert_eq!(*heard.lock().unwrap(), ["parse"]));
        stages.time("link", || ());
        assert_eq!(*heard.lock().unwrap(), ["parse", "link"]);
    }
}
