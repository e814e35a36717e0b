//! A list looked up by key through a table of places: four bytes a slot.
//!
//! A whole portal looks tasks up by id and documents by path several times
//! for each task (its plan's counts, its rows, its documents' pages). A
//! binary search compares strings at each of its twenty steps, in memory
//! the cache no longer holds; a hash map of `&str` to `&T` would hold 24
//! bytes a slot, 50 MB for the million tasks of 100,000 documents, where
//! the build's peak stays about 70 MB under 2×10⁹ bytes. The table holds each item's place in its list (open
//! addressing, at most half full), and a lookup compares the key it finds
//! with the one asked for, so that it gives what the binary search gives.

use std::hash::BuildHasher;

/// The slot no item holds.
const EMPTY: u32 = u32::MAX;

/// `items`, each found by `key_of` from its key.
pub(super) struct Index<'a, T> {
    items: &'a [T],
    key_of: fn(&T) -> &str,
    /// For each slot, the place in `items` of the item whose key hashes
    /// there (or after it, probing on), or [`EMPTY`].
    slots: Vec<u32>,
    hasher: foldhash::fast::FixedState,
}

impl<'a, T> Index<'a, T> {
    /// Indexes `items` by their keys, which are unique; `None` when they are
    /// too many to place in four bytes.
    pub(super) fn new(items: &'a [T], key_of: fn(&T) -> &str) -> Option<Index<'a, T>> {
        let n = u32::try_from(items.len()).ok().filter(|&n| n < EMPTY)?;
        let len = (items.len() * 2).next_power_of_two().max(2);
        let mut index = Index {
            items,
            key_of,
            slots: vec![EMPTY; len],
            hasher: foldhash::fast::FixedState::default(),
        };
        for at in 0..n {
            let mut slot = index.home(key_of(&items[at as usize]));
            while index.slots[slot] != EMPTY {
                slot = (slot + 1) & (len - 1);
            }
            index.slots[slot] = at;
        }
        Some(index)
    }

    /// The item whose key is `key`.
    pub(super) fn get(&self, key: &str) -> Option<&'a T> {
        let mask = self.slots.len() - 1;
        let mut slot = self.home(key);
        loop {
            let at = self.slots[slot];
            if at == EMPTY {
                return None;
            }
            let item = &self.items[at as usize];
            if (self.key_of)(item) == key {
                return Some(item);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The slot a key's probe starts at.
    fn home(&self, key: &str) -> usize {
        // The table's length is a power of two: the hash's low bits pick.
        (self.hasher.hash_one(key) as usize) & (self.slots.len() - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_a_binary_search_finds() {
        for n in [0usize, 1, 2, 3, 7, 8, 100, 1000] {
            let keys: Vec<String> = {
                let mut keys: Vec<String> = (0..n).map(|i| format!("T-{i:04}")).collect();
                keys.sort();
                keys
            };
            let index = Index::new(&keys, |k: &String| k.as_str()).expect("few keys");
            for key in &keys {
                assert_eq!(index.get(key), Some(key), "{n}");
            }
            for absent in ["", "T-", "T-99999", "t-0001", "T-0001 "] {
                let found =
                    keys.binary_search_by(|k| k.as_str().cmp(absent)).ok().map(|at| &keys[at]);
                assert_eq!(index.get(absent), found, "{n} {absent:?}");
            }
        }
    }
}
