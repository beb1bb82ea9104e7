//! Weapon families: SIPRI's designations normalised so that variants of one system count as one
//! ('F-35A Lightning-2' and 'F-35B Lightning-2' are both F-35).
//!
//! Rules, in order:
//! 1. Systems SIPRI names in several ways are mapped by an explicit table ([`ALIASES`]): Patriot
//!    (`Patriot`, `Patriot Configuration-3`, `MIM-104A Patriot`), Eurofighter Typhoon, Gripen
//!    (`JAS-39C Gripen`, `Gripen-E`), K9 (`K-9 Thunder 155mm`, `K-9`), T-50/FA-50, the Standard Missile
//!    series (`SM-1MR`, `SM-2MR`, `SM-6 Block-1`), Aegis (the SPY-1 radar), AMRAAM, CV90, Harpoon,
//!    Spike, NSM.
//! 2. Otherwise a designation that starts with a model code (letters, a dash, digits: `F-35A`,
//!    `AH-64E`, `Leopard-2A4`, `Su-35S`) is cut after the digits: `F-35`, `AH-64`, `Leopard-2`, `Su-35`.
//! 3. Otherwise the first word (`HIMARS`, `Boxer`, `Rafale`).

/// (prefix of the upper-cased designation, family). The first match wins.
pub const ALIASES: &[(&str, &str)] = &[
    ("PATRIOT", "Patriot"),
    ("MIM-104", "Patriot"),
    ("EUROFIGHTER TYPHOON", "Typhoon"),
    ("TYPHOON", "Typhoon"),
    ("JAS-39", "Gripen"),
    ("GRIPEN", "Gripen"),
    ("K-9 THUNDER", "K9"),
    ("K-9", "K9"),
    ("FA-50", "T-50/FA-50"),
    ("T-50", "T-50/FA-50"),
    ("SM-1", "Standard Missile"),
    ("SM-2", "Standard Missile"),
    ("SM-3", "Standard Missile"),
    ("SM-6", "Standard Missile"),
    ("RIM-66", "Standard Missile"),
    ("RIM-161", "Standard Missile"),
    ("RIM-174", "Standard Missile"),
    ("SPY-1", "Aegis"),
    ("AEGIS", "Aegis"),
    ("AIM-120", "AMRAAM"),
    ("AMRAAM", "AMRAAM"),
    ("CV-9030", "CV90"),
    ("CV-9035", "CV90"),
    ("CV-9040", "CV90"),
    ("CV-90", "CV90"),
    ("HARPOON", "Harpoon"),
    ("RGM-84", "Harpoon"),
    ("AGM-84", "Harpoon"),
    ("SPIKE", "Spike"),
    ("NSM", "NSM"),
];

/// Whether a designation names no particular system: SIPRI writes a lower-case generic word
/// ("ship", "aircraft", "armoured car") when the type is unknown.
pub fn is_generic(designation: &str) -> bool {
    let d = designation.trim();
    d.is_empty()
        || !d
            .chars()
            .any(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// The family of a SIPRI designation.
pub fn family(designation: &str) -> String {
    let d = designation.trim();
    let up = d.to_ascii_uppercase();
    for (prefix, fam) in ALIASES {
        if let Some(rest) = up.strip_prefix(prefix) {
            // A prefix must end at a boundary ("SM-2MR" is SM-2; "SM-39 Exocet" is not SM-3).
            let boundary = rest.is_empty()
                || !rest.starts_with(|c: char| c.is_ascii_digit())
                || prefix.ends_with(|c: char| !c.is_ascii_digit());
            if boundary {
                return (*fam).to_string();
            }
        }
    }
    let first = d.split_whitespace().next().unwrap_or(d);
    // A model code: letters (and '/'), a dash, digits; cut after the digits.
    let bytes = first.as_bytes();
    let mut i = 0;
    while i < bytes.len() && (bytes[i].is_ascii_alphabetic() || bytes[i] == b'/') {
        i += 1;
    }
    if i > 0 && i < bytes.len() && bytes[i] == b'-' {
        let mut j = i + 1;
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        if j > i + 1 {
            return first[..j].to_string();
        }
    }
    first.to_string()
}

#[cfg(test)]
mod tests {
    use super::family;

    #[test]
    fn variants_are_one_family() {
        for (d, f) in [
            ("F-35A Lightning-2", "F-35"),
            ("F-35B Lightning-2", "F-35"),
            ("Patriot Configuration-3", "Patriot"),
            ("MIM-104A Patriot", "Patriot"),
            ("Patriot", "Patriot"),
            ("Leopard-2A4", "Leopard-2"),
            ("Leopard-2A8", "Leopard-2"),
            ("Leopard-1A5", "Leopard-1"),
            ("K-9 Thunder 155mm", "K9"),
            ("K-9", "K9"),
            ("FA-50 Block-20", "T-50/FA-50"),
            ("T-50 Golden Eagle", "T-50/FA-50"),
            ("SM-2MR", "Standard Missile"),
            ("SM-6 Block-1", "Standard Missile"),
            ("SPY-1D", "Aegis"),
            ("JAS-39C Gripen", "Gripen"),
            ("Gripen-E", "Gripen"),
            ("Eurofighter Typhoon Tranche-3", "Typhoon"),
            ("AH-64E Apache", "AH-64"),
            ("CH-47F Chinook", "CH-47"),
            ("AIM-120C AMRAAM", "AMRAAM"),
            ("CV-9030", "CV90"),
            ("Su-35S", "Su-35"),
            ("HIMARS", "HIMARS"),
            ("Boxer", "Boxer"),
            ("Harpoon Block-2", "Harpoon"),
        ] {
            assert_eq!(family(d), f, "{d}");
        }
    }

    #[test]
    fn generic_designations_are_recognised() {
        assert!(super::is_generic("ship"));
        assert!(super::is_generic("armoured car"));
        assert!(!super::is_generic("Boxer"));
        assert!(!super::is_generic("F-35A Lightning-2"));
    }

    #[test]
    fn lookalikes_stay_apart() {
        assert_eq!(
            family("SM-39 Exocet"),
            "SM-39",
            "an Exocet variant, not a Standard Missile"
        );
        assert_eq!(family("SM-4-1B 130mm"), "SM-4");
        assert_eq!(family("Mk-95"), "Mk-95");
        assert_eq!(family("Yak-9"), "Yak-9", "not K9");
        assert_eq!(
            family("PV-2 Harpoon"),
            "PV-2",
            "an aircraft, not the missile"
        );
    }
}
