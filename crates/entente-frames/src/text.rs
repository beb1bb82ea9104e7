//! Formatting a frame's rows as CSV lines or JSON objects.
//!
//! Most of a text frame's time goes into printing numbers (docs/frames.md, the profile), and a
//! frame's numbers repeat: a directed dyad-year frame prints each state's figures once per partner
//! (about 190 times a year), in runs for the first state and cycling for the second. So each
//! column keeps a small table of the values it has printed, a direct-mapped table from a value's
//! key (its bits) to its printed bytes, and a value already in the table is copied, not printed
//! again (`itoa` and `ryu`'s shortest round-trip digits are the costly part).
//!
//! Rows are formatted in blocks of [`BLOCK`]: first column by column, each value looked up in its
//! column's table (a tight loop over one column's values), then row by row, each cell copied from
//! its table into the line with a fixed-size copy and the cursor advanced by the cell's length. A
//! slot used in the current block is never evicted within it, so every cell of the block is still
//! in its table when the rows are assembled. The output is byte for byte what printing every value
//! gives (tests check it against the plain path).

use arrow_array::{Array, Float64Array, Int32Array, Int8Array};
use arrow_buffer::NullBuffer;
use arrow_schema::DataType;

/// Rows per chunk of CSV or JSONL formatted by one call.
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

/// Rows per block: the unit of the column-by-column lookup and the row-by-row assembly.
const BLOCK: usize = 64;
/// Slots of a column's table (a power of two), before its overflow slots.
const SLOTS: usize = 1024;
/// Width of a printed cell: the longest value (`ryu` writes at most 24 bytes; `null` 4).
const CELL: usize = 24;

/// A slot of a column's table: a value's key and printed bytes together, half a cache line, so a
/// lookup and the copy that follows touch one line.
#[derive(Clone, Copy)]
#[repr(C, align(32))]
struct Slot {
    bytes: [u8; CELL],
    key: u64,
}
/// The key of a missing value (and of a non-finite float, printed as missing): a NaN's bits.
const MISSING: u64 = u64::MAX;
/// The key of an empty slot: another NaN's bits, never produced by [`key`].
const EMPTY: u64 = u64::MAX - 1;

/// Whether row `r` has a value.
#[inline]
fn valid(nulls: Option<&NullBuffer>, r: usize) -> bool {
    nulls.is_none_or(|n| n.is_valid(r))
}

/// A column's table of printed values. Slots `SLOTS..SLOTS + BLOCK` hold values whose slot was
/// already taken in the current block.
struct Table {
    slots: Vec<Slot>,
    lens: Vec<u8>,
    /// The block that last used each slot.
    stamps: Vec<u32>,
    /// The previous value's key and slot.
    last: (u64, u16),
    /// Overflow slots used in the current block.
    spilled: usize,
}

impl Table {
    fn new() -> Table {
        Table {
            slots: vec![
                Slot {
                    bytes: [0; CELL],
                    key: EMPTY
                };
                SLOTS + BLOCK
            ],
            lens: vec![0; SLOTS + BLOCK],
            stamps: vec![u32::MAX; SLOTS],
            last: (EMPTY, 0),
            spilled: 0,
        }
    }

    /// The slot for `key` in block `block`; `print` writes the value's bytes when it is not in
    /// the table.
    #[inline]
    fn slot(
        &mut self,
        key: u64,
        block: u32,
        text: &mut Vec<u8>,
        print: impl FnOnce(&mut Vec<u8>),
    ) -> u16 {
        if key == self.last.0 {
            let s = self.last.1;
            self.stamps[usize::from(s)] = block;
            return s;
        }
        // Fibonacci hashing: the top bits of the product spread nearby values over the table.
        let s = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOTS.trailing_zeros())) as usize;
        if self.slots[s].key == key {
            self.stamps[s] = block;
            self.last = (key, s as u16);
            return s as u16;
        }
        // The slot holds another value: evict it unless this block uses it (then spill).
        let s = if self.stamps[s] == block {
            let o = SLOTS + self.spilled;
            self.spilled += 1;
            o
        } else {
            self.stamps[s] = block;
            s
        };
        text.clear();
        print(text);
        debug_assert!(text.len() <= CELL, "a printed value is at most 24 bytes");
        let n = text.len().min(CELL);
        self.slots[s].bytes[..n].copy_from_slice(&text[..n]);
        self.lens[s] = n as u8;
        if s < SLOTS {
            self.slots[s].key = key;
            self.last = (key, s as u16);
        } else {
            // A spilled slot is reused by the next block: neither remembered nor looked up.
            self.slots[s].key = EMPTY;
            self.last = (EMPTY, 0);
        }
        s as u16
    }
}

/// An integer column's slots for the rows of one block (`Printer::lookup`); `key` maps a value to its
/// table key without sign extension, so no value's key is [`MISSING`].
fn int_slots<T: itoa::Integer + Copy>(
    t: &mut Table,
    (v, nulls): (&[T], Option<&NullBuffer>),
    rows: std::ops::Range<usize>,
    key: impl Fn(T) -> u64,
    (block, ib, text, missing): (u32, &mut itoa::Buffer, &mut Vec<u8>, &[u8]),
    out: &mut [u16],
) {
    for (k, r) in rows.enumerate() {
        let ok = valid(nulls, r);
        let kk = if ok { key(v[r]) } else { MISSING };
        out[k] = t.slot(kk, block, text, |o| {
            o.extend_from_slice(if ok {
                ib.format(v[r]).as_bytes()
            } else {
                missing
            })
        });
    }
}

/// A column's kind, as its table's keys read: the same key means the same printed bytes only within
/// one kind (and one format, since CSV and JSON print a missing value differently).
fn kind(c: &Col) -> u8 {
    match c {
        Col::I8(..) => 0,
        Col::I32(..) => 1,
        Col::F64(..) => 2,
        Col::Other => 3,
    }
}

thread_local! {
    /// Each worker's printers, kept between batches: a printer's tables are about 1 MB, and a
    /// frame's batches share their columns' kinds, so the values printed for one year are in the
    /// tables for the next.
    static PRINTERS: std::cell::RefCell<Vec<Printer>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Printers kept per worker (one per column layout in use).
const KEPT: usize = 2;

/// A formatting task's state: number buffers, a table per column and the block's slots.
pub(crate) struct Printer {
    /// The kinds of the columns and the format (JSON or not) the tables were printed for.
    layout: (Vec<u8>, bool),
    ib: itoa::Buffer,
    fb: ryu::Buffer,
    tables: Vec<Table>,
    /// `slots[c * BLOCK + k]`: the slot of column c's value in the block's row k.
    slots: Vec<u16>,
    block: u32,
    /// A value being printed.
    text: Vec<u8>,
}

impl Printer {
    /// Runs `f` with this worker's printer for these columns and format (a new one if it has none).
    pub(crate) fn with<T>(cols: &[Col], json: bool, f: impl FnOnce(&mut Printer) -> T) -> T {
        let layout = (cols.iter().map(kind).collect::<Vec<u8>>(), json);
        let kept = PRINTERS.with(|p| {
            let mut p = p.borrow_mut();
            let i = p.iter().position(|x| x.layout == layout)?;
            Some(p.swap_remove(i))
        });
        let mut printer = kept.unwrap_or_else(|| Printer::new(cols, json));
        let out = f(&mut printer);
        PRINTERS.with(|p| {
            let mut p = p.borrow_mut();
            if p.len() >= KEPT {
                p.remove(0);
            }
            p.push(printer);
        });
        out
    }

    fn new(cols: &[Col], json: bool) -> Printer {
        Printer {
            layout: (cols.iter().map(kind).collect(), json),
            ib: itoa::Buffer::new(),
            fb: ryu::Buffer::new(),
            tables: cols.iter().map(|_| Table::new()).collect(),
            slots: vec![0; cols.len() * BLOCK],
            block: 0,
            text: Vec::with_capacity(CELL),
        }
    }

    /// Looks up (or prints) column `c`'s values for the rows of one block.
    fn lookup(&mut self, cols: &[Col], c: usize, rows: std::ops::Range<usize>, json: bool) {
        let missing: &[u8] = if json { b"null" } else { b"NA" };
        let block = self.block;
        let t = &mut self.tables[c];
        t.spilled = 0;
        let out = &mut self.slots[c * BLOCK..(c + 1) * BLOCK];
        let (ib, fb, text) = (&mut self.ib, &mut self.fb, &mut self.text);
        match &cols[c] {
            Col::I8(v, n) => {
                let key = |x: i8| u64::from(x as u8);
                int_slots(t, (v, *n), rows, key, (block, ib, text, missing), out)
            }
            Col::I32(v, n) => {
                let key = |x: i32| u64::from(x as u32);
                int_slots(t, (v, *n), rows, key, (block, ib, text, missing), out)
            }
            Col::F64(v, n) => {
                for (k, r) in rows.enumerate() {
                    let x = v[r];
                    let ok = valid(*n, r) && x.is_finite();
                    let key = if ok { x.to_bits() } else { MISSING };
                    out[k] = t.slot(key, block, text, |o| {
                        if ok {
                            print_f64(x, o, ib, fb)
                        } else {
                            o.extend_from_slice(missing)
                        }
                    });
                }
            }
            Col::Other => {
                for o in out.iter_mut().take(rows.len()) {
                    *o = t.slot(MISSING, block, text, |b| b.extend_from_slice(missing));
                }
            }
        }
    }

    /// The CSV lines (or JSON objects, each key already quoted and followed by `:`) of some rows.
    pub(crate) fn rows(
        &mut self,
        cols: &[Col],
        keys: &[Vec<u8>],
        rows: std::ops::Range<usize>,
    ) -> Vec<u8> {
        let json = self.layout.1;
        let key_bytes: usize = if json {
            keys.iter().map(Vec::len).sum()
        } else {
            0
        };
        // The most one row can take, with room for the last cell's fixed-size copy.
        let width = 2 + key_bytes + cols.len() * (CELL + 1) + 2;
        let mut out: Vec<u8> = vec![0; rows.len() * (cols.len() * 5 + 2) + width];
        let mut pos = 0;
        let mut start = rows.start;
        while start < rows.end {
            let end = (start + BLOCK).min(rows.end);
            for c in 0..cols.len() {
                self.lookup(cols, c, start..end, json);
            }
            for k in 0..end - start {
                if out.len() - pos < width {
                    out.resize(out.len() * 2 + width, 0);
                }
                let line = &mut out[pos..pos + width];
                let mut p = 0;
                if json {
                    line[0] = b'{';
                    p = 1;
                }
                for (c, t) in self.tables.iter().enumerate() {
                    if c > 0 {
                        line[p] = b',';
                        p += 1;
                    }
                    if json {
                        if let Some(key) = keys.get(c) {
                            line[p..p + key.len()].copy_from_slice(key);
                            p += key.len();
                        }
                    }
                    let s = usize::from(self.slots[c * BLOCK + k]);
                    line[p..p + CELL].copy_from_slice(&t.slots[s].bytes);
                    p += usize::from(t.lens[s]);
                }
                if json {
                    line[p] = b'}';
                    p += 1;
                }
                line[p] = b'\n';
                pos += p + 1;
            }
            self.block = self.block.wrapping_add(1);
            start = end;
        }
        out.truncate(pos);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::ArrayRef;
    use proptest::prelude::*;
    use std::sync::Arc;

    /// The plain path: every value printed afresh, row by row.
    fn plain(arrays: &[ArrayRef], json: bool, rows: std::ops::Range<usize>) -> Vec<u8> {
        let (mut ib, mut fb) = (itoa::Buffer::new(), ryu::Buffer::new());
        let missing: &[u8] = if json { b"null" } else { b"NA" };
        let mut out = Vec::new();
        for r in rows {
            if json {
                out.push(b'{');
            }
            for (c, a) in arrays.iter().enumerate() {
                if c > 0 {
                    out.push(b',');
                }
                if json {
                    out.extend_from_slice(format!("\"c{c}\":").as_bytes());
                }
                if a.is_null(r) {
                    out.extend_from_slice(missing);
                    continue;
                }
                let any = a.as_any();
                if let Some(v) = any.downcast_ref::<Int8Array>() {
                    out.extend_from_slice(ib.format(v.value(r)).as_bytes());
                } else if let Some(v) = any.downcast_ref::<Int32Array>() {
                    out.extend_from_slice(ib.format(v.value(r)).as_bytes());
                } else if let Some(v) = any.downcast_ref::<Float64Array>() {
                    let x = v.value(r);
                    if x.is_finite() {
                        print_f64(x, &mut out, &mut ib, &mut fb);
                    } else {
                        out.extend_from_slice(missing);
                    }
                } else {
                    out.extend_from_slice(missing);
                }
            }
            out.extend_from_slice(if json { b"}\n" } else { b"\n" });
        }
        out
    }

    /// The printer's path, over consecutive chunks of `chunk` rows (its tables kept between them).
    fn printed(arrays: &[ArrayRef], json: bool, chunk: usize) -> Vec<u8> {
        let cols: Vec<Col> = arrays.iter().map(|a| Col::of(a.as_ref())).collect();
        let keys: Vec<Vec<u8>> = (0..arrays.len())
            .map(|c| format!("\"c{c}\":").into_bytes())
            .collect();
        let n = arrays.first().map_or(0, |a| a.len());
        let mut out = Vec::new();
        for start in (0..n).step_by(chunk.max(1)) {
            let rows = start..(start + chunk).min(n);
            out.extend(Printer::with(&cols, json, |p| p.rows(&cols, &keys, rows)));
        }
        out
    }

    /// A column of `kind` (0 i8, 1 i32, 2 f64, 3 text) from `picks` into a pool of values; an
    /// index past the pool is a missing value.
    fn column(kind: u8, pool: &[f64], picks: &[usize]) -> ArrayRef {
        let at = |i: &usize| pool.get(*i).copied();
        match kind {
            0 => Arc::new(Int8Array::from(
                picks
                    .iter()
                    .map(|i| at(i).map(|v| v as i8))
                    .collect::<Vec<_>>(),
            )),
            1 => Arc::new(Int32Array::from(
                picks
                    .iter()
                    .map(|i| at(i).map(|v| v as i32))
                    .collect::<Vec<_>>(),
            )),
            2 => Arc::new(Float64Array::from(picks.iter().map(at).collect::<Vec<_>>())),
            _ => Arc::new(arrow_array::StringArray::from(
                picks
                    .iter()
                    .map(|i| at(i).map(|v| v.to_string()))
                    .collect::<Vec<_>>(),
            )),
        }
    }

    fn value() -> impl Strategy<Value = f64> {
        prop_oneof![
            any::<f64>(),
            (-200i32..200).prop_map(f64::from),
            (0u32..10_000_000).prop_map(|v| f64::from(v) / 1e4),
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(-0.0),
        ]
    }

    proptest! {
        /// Any columns, values repeating and colliding in the tables, missing values, in CSV and
        /// JSON, in chunks of any size: what the printer writes is what printing every value
        /// afresh gives.
        #[test]
        fn the_printer_writes_what_printing_gives(
            kinds in proptest::collection::vec(0u8..4, 1..7),
            pool in proptest::collection::vec(value(), 1..400),
            picks in proptest::collection::vec(proptest::collection::vec(0usize..450, 300), 7),
            rows in 0usize..300,
            chunk in 1usize..200,
            json in any::<bool>(),
        ) {
            let arrays: Vec<ArrayRef> = kinds
                .iter()
                .zip(&picks)
                .map(|(k, p)| column(*k, &pool, &p[..rows]))
                .collect();
            prop_assert_eq!(printed(&arrays, json, chunk), plain(&arrays, json, 0..rows));
        }

        #[test]
        fn whole_is_a_whole_number_below_1e15(v in any::<f64>()) {
            prop_assume!(v.is_finite());
            prop_assert_eq!(whole(v), v.fract() == 0.0 && v.abs() < 1e15);
        }
    }

    /// The slot a key hashes to (as `Table::slot` computes it).
    fn home(key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOTS.trailing_zeros())) as usize
    }

    /// Values that share a slot, alternating within one block, spill rather than overwrite a
    /// cell the block still needs; across blocks they evict each other.
    #[test]
    fn values_sharing_a_slot_in_one_block_are_all_printed() {
        let first = 7i32;
        let mut same: Vec<i32> = (first..1_000_000)
            .filter(|v| home(u64::from(*v as u32)) == home(u64::from(first as u32)))
            .take(BLOCK + 5)
            .collect();
        assert!(same.len() > BLOCK, "enough values share a slot");
        // Two blocks and more of values in one slot, each twice, in an order that never repeats
        // the previous value.
        same.extend(same.clone().iter().rev());
        let a: ArrayRef = Arc::new(Int32Array::from(same.clone()));
        for json in [false, true] {
            for chunk in [1, BLOCK - 1, BLOCK, 3 * BLOCK] {
                assert_eq!(
                    printed(std::slice::from_ref(&a), json, chunk),
                    plain(std::slice::from_ref(&a), json, 0..same.len()),
                    "chunk {chunk}"
                );
            }
        }
    }

    /// A worker's kept printer is reused only for the same column kinds and format: the same key
    /// in an integer and a float column, or a missing value in CSV and JSON, print differently.
    #[test]
    fn a_kept_printer_serves_only_its_own_layout() {
        let ints: ArrayRef = Arc::new(Int32Array::from(vec![Some(1), None, Some(1)]));
        let floats: ArrayRef = Arc::new(Float64Array::from(vec![
            Some(f64::from_bits(1)),
            None,
            Some(f64::from_bits(1)),
        ]));
        for _ in 0..2 {
            for a in [&ints, &floats] {
                for json in [false, true] {
                    let arrays = std::slice::from_ref(a);
                    assert_eq!(printed(arrays, json, 2), plain(arrays, json, 0..3));
                }
            }
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
            -f64::MAX,
            -2.2250738585072014e-308,
            0.039697491,
            0.039697491,
            -0.0,
        ];
        let a: ArrayRef = Arc::new(Float64Array::from(v.to_vec()));
        let arrays = std::slice::from_ref(&a);
        assert_eq!(printed(arrays, false, 5), plain(arrays, false, 0..v.len()));
    }
}
