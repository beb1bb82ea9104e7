//! Formatting a frame's rows as CSV lines or JSON objects, in chunks that run in parallel.
//!
//! Most of a text frame's time goes into printing numbers (docs/frames.md, the profile). A frame's
//! numbers repeat: a directed dyad-year frame prints each state's NMC figures once per partner
//! (about 190 times a year), in runs for the first state and scattered for the second. Each task
//! therefore keeps a small memo per floating-point column, a direct-mapped table from a fractional
//! value's bits to its printed bytes (`ryu`'s shortest round-trip digits, the costly part; whole
//! numbers print faster than a lookup), so a value seen in the chunk is copied, not printed again. The output
//! is byte for byte what printing every value gives (a test checks it against the plain path).

use arrow_array::{Array, Float64Array, Int32Array, Int8Array};
use arrow_buffer::NullBuffer;
use arrow_schema::DataType;

/// Rows per chunk of CSV or JSONL formatted by one task.
pub(crate) const TEXT_CHUNK_ROWS: usize = 8192;

/// A column viewed for text output: its values as a slice, and its validity only when it has
/// missing values (most columns have none, and then no row is checked).
pub(crate) enum Col<'a> {
    I8(&'a [i8], Option<&'a NullBuffer>),
    I32(&'a [i32], Option<&'a NullBuffer>),
    F64(&'a [f64], Option<&'a NullBuffer>),
    Other,
}

impl<'a> Col<'a> {
    pub(crate) fn of(a: &'a dyn Array) -> Col<'a> {
        let any = a.as_any();
        let nulls = a.nulls().filter(|n| n.null_count() > 0);
        match a.data_type() {
            DataType::Int8 => any
                .downcast_ref::<Int8Array>()
                .map(|a| Col::I8(a.values(), nulls)),
            DataType::Int32 => any
                .downcast_ref::<Int32Array>()
                .map(|a| Col::I32(a.values(), nulls)),
            DataType::Float64 => any
                .downcast_ref::<Float64Array>()
                .map(|a| Col::F64(a.values(), nulls)),
            _ => None,
        }
        .unwrap_or(Col::Other)
    }
}

/// Whether row `r` has a value.
fn valid(nulls: Option<&NullBuffer>, r: usize) -> bool {
    nulls.is_none_or(|n| n.is_valid(r))
}

/// Whether a finite float is a whole number below 10^15 in magnitude: the cast round trip is
/// exact there, and cheaper than `fract` (a call to `trunc`).
fn whole(v: f64) -> bool {
    v.abs() < 1e15 && (v as i64) as f64 == v
}

/// Prints a finite float: a whole number below 10^15 as an integer, else the shortest decimal that
/// reads back to the same value (`ryu`).
fn print_f64(v: f64, out: &mut Vec<u8>, ib: &mut itoa::Buffer, fb: &mut ryu::Buffer) {
    if whole(v) {
        out.extend_from_slice(ib.format(v as i64).as_bytes());
    } else {
        out.extend_from_slice(fb.format_finite(v).as_bytes());
    }
}

/// Slots of a column's memo (a power of two).
const MEMO_SLOTS: usize = 256;
/// The longest printed float: `ryu` writes at most 24 bytes, an integer below 10^15 at most 16.
const MEMO_BYTES: usize = 24;
/// An empty slot: the bits of a NaN, which is never printed (it is missing).
const EMPTY: u64 = u64::MAX;

/// One floating-point column's memo of fractional values: value bits → printed bytes,
/// direct-mapped.
struct Memo {
    keys: Box<[u64; MEMO_SLOTS]>,
    lens: Box<[u8; MEMO_SLOTS]>,
    bytes: Box<[[u8; MEMO_BYTES]; MEMO_SLOTS]>,
}

impl Memo {
    fn new() -> Memo {
        Memo {
            keys: Box::new([EMPTY; MEMO_SLOTS]),
            lens: Box::new([0; MEMO_SLOTS]),
            bytes: Box::new([[0; MEMO_BYTES]; MEMO_SLOTS]),
        }
    }

    fn push(&mut self, v: f64, out: &mut Vec<u8>, ib: &mut itoa::Buffer, fb: &mut ryu::Buffer) {
        // Whole numbers print faster than a table lookup (itoa); only `ryu`'s work is memoised.
        if whole(v) {
            out.extend_from_slice(ib.format(v as i64).as_bytes());
            return;
        }
        let bits = v.to_bits();
        // Fibonacci hashing: the top bits of the product spread nearby values over the table.
        let slot = (bits.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - MEMO_SLOTS.trailing_zeros()))
            as usize;
        if self.keys[slot] == bits {
            out.extend_from_slice(&self.bytes[slot][..usize::from(self.lens[slot])]);
            return;
        }
        let start = out.len();
        out.extend_from_slice(fb.format_finite(v).as_bytes());
        let printed = &out[start..];
        if printed.len() <= MEMO_BYTES {
            self.keys[slot] = bits;
            self.lens[slot] = printed.len() as u8;
            self.bytes[slot][..printed.len()].copy_from_slice(printed);
        }
    }
}

/// A formatting task's state: number buffers and one memo per floating-point column.
pub(crate) struct Printer {
    ib: itoa::Buffer,
    fb: ryu::Buffer,
    memos: Vec<Option<Memo>>,
}

impl Printer {
    pub(crate) fn new(cols: &[Col]) -> Printer {
        Printer {
            ib: itoa::Buffer::new(),
            fb: ryu::Buffer::new(),
            memos: cols
                .iter()
                .map(|c| matches!(c, Col::F64(..)).then(Memo::new))
                .collect(),
        }
    }

    /// Appends column `i`'s value at `row` to `out`; returns false when it is missing.
    fn push(&mut self, cols: &[Col], i: usize, row: usize, out: &mut Vec<u8>) -> bool {
        match &cols[i] {
            Col::I8(v, n) if valid(*n, row) => {
                out.extend_from_slice(self.ib.format(v[row]).as_bytes())
            }
            Col::I32(v, n) if valid(*n, row) => {
                out.extend_from_slice(self.ib.format(v[row]).as_bytes())
            }
            Col::F64(v, n) if valid(*n, row) && v[row].is_finite() => {
                let v = v[row];
                match &mut self.memos[i] {
                    Some(m) => m.push(v, out, &mut self.ib, &mut self.fb),
                    None => print_f64(v, out, &mut self.ib, &mut self.fb),
                }
            }
            _ => return false,
        }
        true
    }

    /// The CSV lines (or JSON objects, each key already quoted and followed by `:`) of some rows.
    pub(crate) fn rows(
        &mut self,
        cols: &[Col],
        keys: &[Vec<u8>],
        json: bool,
        rows: std::ops::Range<usize>,
    ) -> Vec<u8> {
        let mut out: Vec<u8> = Vec::with_capacity(rows.len() * (cols.len() * 6 + 2));
        for r in rows {
            if json {
                out.push(b'{');
            }
            for i in 0..cols.len() {
                if i > 0 {
                    out.push(b',');
                }
                if let Some(k) = keys.get(i).filter(|_| json) {
                    out.extend_from_slice(k);
                }
                if !self.push(cols, i, r, &mut out) {
                    out.extend_from_slice(if json { b"null" } else { b"NA" });
                }
            }
            out.extend_from_slice(if json { b"}\n" } else { b"\n" });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every value printed through the memo, in any order and with any repeats, is what printing it
    /// afresh gives.
    fn through_memo(values: &[f64]) -> Vec<u8> {
        let a = Float64Array::from(values.to_vec());
        let cols = [Col::of(&a)];
        let mut p = Printer::new(&cols);
        p.rows(&cols, &[], false, 0..values.len())
    }

    fn plain(values: &[f64]) -> Vec<u8> {
        let (mut ib, mut fb) = (itoa::Buffer::new(), ryu::Buffer::new());
        let mut out = Vec::new();
        for v in values {
            if v.is_finite() {
                print_f64(*v, &mut out, &mut ib, &mut fb);
            } else {
                out.extend_from_slice(b"NA");
            }
            out.push(b'\n');
        }
        out
    }

    proptest! {
        #[test]
        fn the_memo_prints_what_printing_gives(
            pool in proptest::collection::vec(any::<f64>(), 1..600),
            picks in proptest::collection::vec(any::<prop::sample::Index>(), 1..3000),
        ) {
            // Draws from a small pool, so values repeat and slots collide.
            let values: Vec<f64> = picks.iter().map(|i| pool[i.index(pool.len())]).collect();
            prop_assert_eq!(through_memo(&values), plain(&values));
        }

        #[test]
        fn whole_is_a_whole_number_below_1e15(v in any::<f64>()) {
            prop_assume!(v.is_finite());
            prop_assert_eq!(whole(v), v.fract() == 0.0 && v.abs() < 1e15);
        }
    }

    #[test]
    fn signed_zero_whole_numbers_and_extremes_print_as_before() {
        let v = [
            0.0,
            -0.0,
            1e15,
            999_999_999_999_999.0,
            -123_456.0,
            f64::MIN_POSITIVE,
            f64::MAX,
            0.039697491,
            0.039697491,
            -0.0,
        ];
        assert_eq!(through_memo(&v), plain(&v));
    }
}
