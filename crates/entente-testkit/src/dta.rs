//! A Stata format-118 file written by hand, for the `.dta` reader's tests and fuzz seeds: two
//! variables, `year` (a long) and `idealpointall` (a double), and two observations, 1946 with 1.5 and
//! 1947 with a value the caller chooses (Stata's missing value `.` is `f64::from_bits(0x7fe0 << 48)`).

/// The file's bytes.
pub fn two_years(second: f64) -> Vec<u8> {
    let mut b = Vec::new();
    b.extend_from_slice(b"<stata_dta><header><release>118</release><byteorder>LSF</byteorder><K>");
    b.extend_from_slice(&2u16.to_le_bytes());
    b.extend_from_slice(b"</K><N>");
    b.extend_from_slice(&2u64.to_le_bytes());
    b.extend_from_slice(b"</N><label>");
    b.extend_from_slice(&0u16.to_le_bytes());
    b.extend_from_slice(b"</label><timestamp>");
    b.push(0);
    b.extend_from_slice(b"</timestamp></header><map>");
    let map_at = b.len();
    b.extend_from_slice(&[0u8; 14 * 8]);
    b.extend_from_slice(b"</map><variable_types>");
    b.extend_from_slice(&65528u16.to_le_bytes());
    b.extend_from_slice(&65526u16.to_le_bytes());
    b.extend_from_slice(b"</variable_types><varnames>");
    for n in ["year", "idealpointall"] {
        let mut f = [0u8; 129];
        f[..n.len()].copy_from_slice(n.as_bytes());
        b.extend_from_slice(&f);
    }
    b.extend_from_slice(b"</varnames>");
    // The map's tenth entry is the offset of <data>.
    let data_at = b.len() as u64;
    b[map_at + 9 * 8..map_at + 10 * 8].copy_from_slice(&data_at.to_le_bytes());
    b.extend_from_slice(b"<data>");
    b.extend_from_slice(&1946i32.to_le_bytes());
    b.extend_from_slice(&1.5f64.to_le_bytes());
    b.extend_from_slice(&1947i32.to_le_bytes());
    b.extend_from_slice(&second.to_le_bytes());
    b.extend_from_slice(b"</data>");
    b
}
