//! Pagination for lists (REST API and pages): `limit`/`offset` in, `{items, total, limit,
//! offset}` out, with a maximum page size so no request can ask for everything at once.

use serde::{Deserialize, Serialize};

/// Items per page when the caller does not say.
pub const DEFAULT_PAGE_SIZE: u64 = 50;
/// Most items one page may hold.
pub const MAX_PAGE_SIZE: u64 = 200;

/// A requested page, clamped to sensible bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageRequest {
    pub limit: u64,
    pub offset: u64,
}

impl PageRequest {
    /// A page of at most [`MAX_PAGE_SIZE`] and at least one item.
    pub fn new(limit: Option<u64>, offset: Option<u64>) -> Self {
        Self {
            limit: limit.unwrap_or(DEFAULT_PAGE_SIZE).clamp(1, MAX_PAGE_SIZE),
            offset: offset.unwrap_or(0),
        }
    }

    /// The largest page, from the start.
    pub fn first_max() -> Self {
        Self::new(Some(MAX_PAGE_SIZE), None)
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        Self::new(None, None)
    }
}

/// One page of a list and where it sits in the whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
}

impl<T> Paged<T> {
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Paged<U> {
        Paged {
            items: self.items.into_iter().map(f).collect(),
            total: self.total,
            limit: self.limit,
            offset: self.offset,
        }
    }

    /// Whether a page follows this one.
    pub fn has_next(&self) -> bool {
        self.offset + (self.items.len() as u64) < self.total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_size_is_clamped() {
        assert_eq!(PageRequest::new(Some(10_000), None).limit, MAX_PAGE_SIZE);
        assert_eq!(PageRequest::new(Some(0), None).limit, 1);
        assert_eq!(PageRequest::new(None, Some(40)).limit, DEFAULT_PAGE_SIZE);
        assert_eq!(PageRequest::new(None, Some(40)).offset, 40);
    }

    #[test]
    fn next_page_exists_until_the_total_is_reached() {
        let page = |offset, n| Paged {
            items: vec![0; n],
            total: 120,
            limit: 50,
            offset,
        };
        assert!(page(0, 50).has_next());
        assert!(page(50, 50).has_next());
        assert!(!page(100, 20).has_next());
    }
}
