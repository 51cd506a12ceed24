//! Units of length as types, so that points and ems never mix by accident.

use std::fmt;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub, SubAssign};

/// A length in PostScript points (1/72 inch), the unit of the PDF page.
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd)]
pub struct Pt(pub f64);

impl Pt {
    /// Zero length.
    pub const ZERO: Pt = Pt(0.0);

    /// Points from inches, the unit people use for margins.
    pub fn inches(v: f64) -> Pt {
        Pt(v * 72.0)
    }

    /// Points from millimetres, the unit of A4.
    pub fn mm(v: f64) -> Pt {
        Pt(v * 72.0 / 25.4)
    }

    /// The raw number of points.
    pub fn get(self) -> f64 {
        self.0
    }

    /// The larger of two lengths.
    pub fn max(self, other: Pt) -> Pt {
        Pt(self.0.max(other.0))
    }

    /// The smaller of two lengths.
    pub fn min(self, other: Pt) -> Pt {
        Pt(self.0.min(other.0))
    }
}

impl fmt::Display for Pt {
    /// Rounded to 0.01 pt, the precision of layout snapshots.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = (self.0 * 100.0).round() / 100.0;
        // Avoid printing "-0.00".
        let v = if v == 0.0 { 0.0 } else { v };
        write!(f, "{v:.2}")
    }
}

impl Add for Pt {
    type Output = Pt;
    fn add(self, rhs: Pt) -> Pt {
        Pt(self.0 + rhs.0)
    }
}

impl AddAssign for Pt {
    fn add_assign(&mut self, rhs: Pt) {
        self.0 += rhs.0;
    }
}

impl Sub for Pt {
    type Output = Pt;
    fn sub(self, rhs: Pt) -> Pt {
        Pt(self.0 - rhs.0)
    }
}

impl SubAssign for Pt {
    fn sub_assign(&mut self, rhs: Pt) {
        self.0 -= rhs.0;
    }
}

impl Neg for Pt {
    type Output = Pt;
    fn neg(self) -> Pt {
        Pt(-self.0)
    }
}

impl Mul<f64> for Pt {
    type Output = Pt;
    fn mul(self, rhs: f64) -> Pt {
        Pt(self.0 * rhs)
    }
}

impl Div<f64> for Pt {
    type Output = Pt;
    fn div(self, rhs: f64) -> Pt {
        Pt(self.0 / rhs)
    }
}

impl Div for Pt {
    type Output = f64;
    fn div(self, rhs: Pt) -> f64 {
        self.0 / rhs.0
    }
}

impl std::iter::Sum for Pt {
    fn sum<I: Iterator<Item = Pt>>(iter: I) -> Pt {
        Pt(iter.map(|p| p.0).sum())
    }
}

/// A length relative to the font size, as themes state spacing.
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd)]
pub struct Em(pub f64);

impl Em {
    /// The length at a given font size.
    pub fn at(self, size: Pt) -> Pt {
        Pt(self.0 * size.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_and_display() {
        assert_eq!(Pt::inches(0.5), Pt(36.0));
        assert_eq!((Pt(1.0) + Pt(2.5)) * 2.0, Pt(7.0));
        assert_eq!(Pt(10.0) / Pt(4.0), 2.5);
        assert_eq!(Em(1.2).at(Pt(10.0)), Pt(12.0));
        assert_eq!(Pt(-0.001).to_string(), "0.00");
        assert_eq!(Pt(12.345).to_string(), "12.35");
        assert_eq!(Pt::mm(210.0).to_string(), "595.28");
    }
}
