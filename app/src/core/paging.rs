//! Pagination for lists (REST API and pages): `limit`/`offset` in, `{items, total, limit,
//! offset}` out, with a maximum page size so no request can ask for everything at once.

use serde::{Deserialize, Serialize};

use crate::core::error::{FieldError, FieldErrors};
use crate::core::parse::Input;

/// Items per page when the caller does not say.
pub const DEFAULT_PAGE_SIZE: u64 = 50;
/// Most items one page may hold.
pub const MAX_PAGE_SIZE: u64 = 200;
/// The largest offset a client may ask for. The databases take a signed 64-bit offset, and a
/// larger one made the SQL driver panic (issue 11); no list here comes near this.
pub const MAX_OFFSET: u64 = 1_000_000_000;

/// A requested page, clamped to sensible bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageRequest {
    pub limit: u64,
    pub offset: u64,
}

impl PageRequest {
    /// A page of at most [`MAX_PAGE_SIZE`] and at least one item, starting at most at
    /// [`MAX_OFFSET`]: any value of the type is safe to hand to the database.
    pub fn new(limit: Option<u64>, offset: Option<u64>) -> Self {
        Self {
            limit: limit.unwrap_or(DEFAULT_PAGE_SIZE).clamp(1, MAX_PAGE_SIZE),
            offset: offset.unwrap_or(0).min(MAX_OFFSET),
        }
    }

    /// The page a client asked for, within the bounds the API documents (issue 26): a page
    /// size outside 1–[`MAX_PAGE_SIZE`] is refused under `limit`, an offset past
    /// [`MAX_OFFSET`] under `offset` (a client is told, not silently given another page).
    pub fn parse(limit: Option<u64>, offset: Option<u64>) -> Result<Self, FieldErrors> {
        let refused = |field: &str| {
            Err(FieldErrors::from([(
                field.to_owned(),
                FieldError::OutOfRange,
            )]))
        };
        match (limit, offset) {
            (Some(limit), _) if limit == 0 || limit > MAX_PAGE_SIZE => refused("limit"),
            (_, Some(offset)) if offset > MAX_OFFSET => refused("offset"),
            _ => Ok(Self::new(limit, offset)),
        }
    }

    /// [`PageRequest::parse`] for values typed in a page's URL (`?offset=50`): empty means
    /// the default; anything but a whole number is refused.
    pub fn parse_text(limit: Option<&str>, offset: Option<&str>) -> Result<Self, FieldErrors> {
        let number = |raw: Option<&str>, field: &str| match raw.map(str::trim) {
            None | Some("") => Ok(None),
            Some(text) => text.parse::<u64>().map(Some).map_err(|e| {
                let error = match e.kind() {
                    std::num::IntErrorKind::PosOverflow => FieldError::OutOfRange,
                    _ => FieldError::InvalidNumber,
                };
                FieldErrors::from([(field.to_owned(), error)])
            }),
        };
        let (limit, offset) = (number(limit, "limit")?, number(offset, "offset")?);
        Self::parse(limit, offset)
    }

    /// The largest page, from the start.
    pub fn first_max() -> Self {
        Self::new(Some(MAX_PAGE_SIZE), None)
    }
}

crate::parsed_input!(PageRequest);

/// A page as a client asked for it (REST query parameters); the service parses it after its
/// permission check.
#[derive(Debug, Clone, Copy, Default)]
pub struct PageQuery {
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

impl Input for PageQuery {
    type Parsed = PageRequest;
    fn parse(self) -> Result<PageRequest, FieldErrors> {
        PageRequest::parse(self.limit, self.offset)
    }
}

/// A page as typed in a page's URL (`?offset=50`).
#[derive(Debug, Clone, Copy, Default)]
pub struct PageText<'a> {
    pub limit: Option<&'a str>,
    pub offset: Option<&'a str>,
}

impl Input for PageText<'_> {
    type Parsed = PageRequest;
    fn parse(self) -> Result<PageRequest, FieldErrors> {
        PageRequest::parse_text(self.limit, self.offset)
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

    /// One page of a whole list (a list short enough to read whole: a year's categories, the
    /// cohorts, ~200 groups), as a client asked for it.
    pub fn of_all(all: Vec<T>, page: PageRequest) -> Self {
        let total = all.len() as u64;
        let skip = usize::try_from(page.offset).unwrap_or(usize::MAX);
        let take = usize::try_from(page.limit).unwrap_or(usize::MAX);
        Self {
            items: all.into_iter().skip(skip).take(take).collect(),
            total,
            limit: page.limit,
            offset: page.offset,
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
    fn a_whole_list_is_cut_to_the_page_asked_for() {
        let all: Vec<u32> = (1..=7).collect();
        let page = Paged::of_all(all.clone(), PageRequest::new(Some(3), Some(2)));
        assert_eq!(
            (page.items, page.total, page.limit, page.offset),
            (vec![3, 4, 5], 7, 3, 2)
        );
        let past = Paged::of_all(all, PageRequest::new(Some(3), Some(MAX_OFFSET)));
        assert!(past.items.is_empty() && past.total == 7 && !past.has_next());
    }

    #[test]
    fn page_size_is_clamped() {
        assert_eq!(PageRequest::new(Some(10_000), None).limit, MAX_PAGE_SIZE);
        assert_eq!(PageRequest::new(Some(0), None).limit, 1);
        assert_eq!(PageRequest::new(None, Some(40)).limit, DEFAULT_PAGE_SIZE);
        assert_eq!(PageRequest::new(None, Some(40)).offset, 40);
    }

    #[test]
    fn a_page_size_outside_its_bounds_is_refused() {
        for limit in [0, MAX_PAGE_SIZE + 1, u64::MAX] {
            let refused = PageRequest::parse(Some(limit), None).unwrap_err();
            assert_eq!(
                refused.get("limit"),
                Some(&FieldError::OutOfRange),
                "{limit}"
            );
        }
        assert_eq!(
            PageRequest::parse(Some(MAX_PAGE_SIZE), None).unwrap().limit,
            MAX_PAGE_SIZE
        );
    }

    #[test]
    fn an_offset_past_the_largest_is_refused_not_passed_on() {
        let refused = PageRequest::parse(None, Some(MAX_OFFSET + 1)).unwrap_err();
        assert_eq!(refused.get("offset"), Some(&FieldError::OutOfRange));
        assert_eq!(
            PageRequest::parse(None, Some(MAX_OFFSET)).unwrap().offset,
            MAX_OFFSET
        );
        assert_eq!(PageRequest::new(None, Some(u64::MAX)).offset, MAX_OFFSET);
    }

    #[test]
    fn page_numbers_in_a_url_are_whole_numbers() {
        assert_eq!(
            PageRequest::parse_text(None, Some(" 50 ")).unwrap().offset,
            50
        );
        assert_eq!(
            PageRequest::parse_text(Some(""), None).unwrap(),
            PageRequest::default()
        );
        for (raw, error) in [
            ("9223372036854775808", FieldError::OutOfRange),
            ("99999999999999999999999", FieldError::OutOfRange),
            ("-1", FieldError::InvalidNumber),
            ("1e3", FieldError::InvalidNumber),
            ("femti", FieldError::InvalidNumber),
        ] {
            let refused = PageRequest::parse_text(None, Some(raw)).unwrap_err();
            assert_eq!(refused.get("offset"), Some(&error), "{raw}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_page_text_parses_or_is_refused_within_bounds(
            limit in proptest::option::of(".{0,24}|[0-9]{1,25}"),
            offset in proptest::option::of("[0-9]{1,25}|-?[0-9]{0,3}|.{0,12}"),
        ) {
            if let Ok(page) = PageRequest::parse_text(limit.as_deref(), offset.as_deref()) {
                proptest::prop_assert!((1..=MAX_PAGE_SIZE).contains(&page.limit));
                proptest::prop_assert!(page.offset <= MAX_OFFSET);
                proptest::prop_assert!(i64::try_from(page.offset).is_ok());
            }
        }
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
