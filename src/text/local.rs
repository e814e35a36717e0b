//! A compiled pattern that each thread searches with its own copy.
//!
//! A `regex::Regex` keeps the scratch space of its searches in a pool. The
//! first thread to search owns the pool's fast slot; every other thread
//! takes its scratch space from a stack behind a mutex and puts it back,
//! twice per search. The parse searches a few hundred patterns over every
//! line of the tree from each of rayon's threads, and that locking was 4 %
//! of its CPU. A clone of a regex shares the compiled program and has a
//! pool of its own, so a thread that searches only its own clone always
//! owns its pool. [`PerThread`] gives each thread that clone, made the
//! first time the thread asks for it.
//!
//! ```
//! # use attestor::text::local::PerThread;
//! # use regex::Regex;
//! static WORD: PerThread<Regex> = PerThread::new(|| Regex::new(r"\bpassed\b").unwrap());
//! assert!(WORD.is_match("12 passed"));
//! ```

use std::fmt;
use std::ops::Deref;
use std::sync::OnceLock;

use thread_local::ThreadLocal;

/// A value built once on first use, of which each thread reads its own
/// clone: see the module documentation. Derefs to the thread's clone.
pub struct PerThread<T: Clone + Send> {
    /// What builds the value, for a static.
    make: fn() -> T,
    /// The value every clone is made from.
    shared: OnceLock<T>,
    clones: ThreadLocal<T>,
}

impl<T: Clone + Send> PerThread<T> {
    /// A value `make` builds the first time any thread reads it.
    pub const fn new(make: fn() -> T) -> PerThread<T> {
        PerThread { make, shared: OnceLock::new(), clones: ThreadLocal::new() }
    }

    /// A value built already: a pattern a configuration compiled.
    pub fn of(value: T) -> PerThread<T> {
        PerThread { make: built_already, shared: OnceLock::from(value), clones: ThreadLocal::new() }
    }

    /// The calling thread's clone.
    pub fn get(&self) -> &T {
        self.clones.get_or(|| self.shared.get_or_init(self.make).clone())
    }
}

/// What [`PerThread::of`] builds its value with: never called, as the
/// value is there before any thread reads it.
fn built_already<T>() -> T {
    unreachable!("a PerThread made from a value clones that value")
}

impl<T: Clone + Send> Deref for PerThread<T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.get()
    }
}

impl<T: Clone + Send> Clone for PerThread<T> {
    fn clone(&self) -> PerThread<T> {
        PerThread::of(self.get().clone())
    }
}

impl<T: Clone + Send + fmt::Debug> fmt::Debug for PerThread<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.get().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    static WORD: PerThread<Regex> = PerThread::new(|| Regex::new(r"\b(passed|failed)\b").unwrap());

    #[test]
    fn every_thread_searches_its_own_clone_of_one_pattern() {
        let here: *const Regex = WORD.get();
        assert_eq!(here, WORD.get() as *const Regex, "a thread keeps its clone");
        let there = std::thread::scope(|s| {
            s.spawn(|| {
                assert_eq!(&WORD.captures("3 failed").unwrap()[1], "failed");
                WORD.get() as *const Regex as usize
            })
            .join()
            .unwrap()
        });
        assert_ne!(here as usize, there, "another thread has a clone of its own");
        assert!(WORD.is_match("12 passed") && !WORD.is_match("bypassed"));
    }

    #[test]
    fn a_value_built_already_is_cloned_for_other_threads() {
        let built = PerThread::of(Regex::new(r"T-\d+").unwrap());
        let found = std::thread::scope(|s| {
            s.spawn(|| built.find("see T-12").map(|m| m.as_str().to_string())).join().unwrap()
        });
        assert_eq!(found.as_deref(), Some("T-12"));
        let copy = built.clone();
        assert_eq!(copy.as_str(), "T-\\d+");
    }
}
