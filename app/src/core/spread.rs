//! Taking groups in turn: the demo data spreads its rows over the organisation's sectors
//! this way (LUP's groups, the prize's nominations), so every sector has some.

use std::collections::{BTreeMap, VecDeque};

/// The items, one from each group in turn (groups in key order, items in their order).
pub fn round_robin<K: Ord, T>(items: impl IntoIterator<Item = (K, T)>) -> Vec<T> {
    let mut groups: BTreeMap<K, VecDeque<T>> = BTreeMap::new();
    for (key, item) in items {
        groups.entry(key).or_default().push_back(item);
    }
    let mut spread = Vec::new();
    while groups.values().any(|q| !q.is_empty()) {
        for queue in groups.values_mut() {
            if let Some(item) = queue.pop_front() {
                spread.push(item);
            }
        }
    }
    spread
}

#[cfg(test)]
mod tests {
    #[test]
    fn groups_take_turns_and_keep_their_order() {
        let spread = super::round_robin([(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (2, 'e')]);
        assert_eq!(spread, vec!['b', 'a', 'd', 'c', 'e']);
    }
}
