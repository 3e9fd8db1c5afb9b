//! Exact fractions for scores (the prize's tally, the fund's ranking): compared without
//! rounding, shown in hundredths.

use std::cmp::Ordering;

/// An exact non-negative fraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fraction {
    pub num: u64,
    pub den: u64,
}

impl Fraction {
    /// Compares the values exactly (cross-multiplied, no rounding).
    pub fn cmp_value(&self, other: &Fraction) -> Ordering {
        (u128::from(self.num) * u128::from(other.den))
            .cmp(&(u128::from(other.num) * u128::from(self.den)))
    }

    /// The value in hundredths, rounded half up (4.275 → 428).
    pub fn hundredths(&self) -> i64 {
        if self.den == 0 {
            return 0;
        }
        let scaled = u128::from(self.num) * 200 / u128::from(self.den);
        i64::try_from(scaled.div_ceil(2)).unwrap_or(i64::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::Fraction;
    use std::cmp::Ordering;

    #[test]
    fn fractions_compare_exactly_and_round_half_up_in_hundredths() {
        let a = Fraction { num: 13, den: 4 };
        let b = Fraction { num: 27, den: 8 };
        assert_eq!(a.cmp_value(&b), Ordering::Less);
        assert_eq!(
            Fraction { num: 2, den: 4 }.cmp_value(&Fraction { num: 1, den: 2 }),
            Ordering::Equal
        );
        assert_eq!(Fraction { num: 171, den: 40 }.hundredths(), 428, "4.275");
        assert_eq!(Fraction { num: 1, den: 0 }.hundredths(), 0);
    }
}
