//! Hand-checked networks built end to end from small curated records, without a data directory.

use entente_core::Ccode;
use entente_curated::CuratedRecord;
use entente_networks::{measure, parse_counterfactual, Block, Inputs, Network, Options};

fn treaty(id: &str, members: &[&str]) -> String {
    let m: Vec<String> = members
        .iter()
        .map(|s| format!("{{ state = \"{s}\" }}"))
        .collect();
    format!(
        "[[record]]\nid = \"{id}\"\nname = \"{id}\"\nkind = \"defence_treaty\"\nobligations = [\"defense\"]\nstatus = \"in_force\"\nsigned = 2000-01-01\nin_force = 2000-01-01\nmembers = [{}]\nsummary = \"test\"\nsources = [{{ title = \"t\", url = \"https://example.org/test\" }}]\n\n",
        m.join(", ")
    )
}

fn access(id: &str, a: &str, b: &str) -> String {
    format!(
        "[[record]]\nid = \"{id}\"\nname = \"{id}\"\nkind = \"access_agreement\"\nstatus = \"in_force\"\nsigned = 2000-01-01\nin_force = 2000-01-01\nmembers = [{{ state = \"{a}\" }}, {{ state = \"{b}\" }}]\nsummary = \"test\"\nsources = [{{ title = \"t\", url = \"https://example.org/test\" }}]\n\n"
    )
}

fn hub_and_spoke() -> String {
    treaty("nato", &["USA", "GBR", "FRA"])
        + &treaty("us-japan", &["USA", "JPN"])
        + &treaty("us-rok", &["USA", "KOR"])
}

fn hd(text: &str) -> (Option<f64>, usize) {
    let rec = CuratedRecord::from_texts(&[("t.toml", text)], "test").unwrap();
    let inputs = Inputs::curated_only(&rec, "test");
    let net = Network::build(&inputs, 2010, &Options::default(), &[]).unwrap();
    assert_eq!(net.block_nodes(Block::Nato).len(), 2);
    assert_eq!(net.block_nodes(Block::EapAllies).len(), 2);
    let m = measure(&net).unwrap();
    (m.hub_dependence.value, m.wedge.min_cut.value.unwrap())
}

#[test]
fn hub_and_spoke_depends_wholly_on_the_us() {
    assert_eq!(hd(&hub_and_spoke()), (Some(1.0), 0));
}

#[test]
fn every_cross_pair_tied_depends_not_at_all() {
    let mut t = hub_and_spoke();
    for (i, (a, b)) in [
        ("GBR", "JPN"),
        ("GBR", "KOR"),
        ("FRA", "JPN"),
        ("FRA", "KOR"),
    ]
    .into_iter()
    .enumerate()
    {
        t += &access(&format!("x{i}"), a, b);
    }
    assert_eq!(hd(&t), (Some(0.0), 4));
}

#[test]
fn one_access_agreement_halves_it() {
    // GBR–JPN tied: (GBR, JPN) directly, (FRA, JPN) through GBR (NATO); KOR still only via the US.
    let t = hub_and_spoke() + &access("gbr-jpn", "GBR", "JPN");
    assert_eq!(hd(&t), (Some(0.5), 1));
}

#[test]
fn a_hypothetical_pact_changes_hub_dependence_and_e_i() {
    let rec = CuratedRecord::from_texts(&[("t.toml", &hub_and_spoke())], "test").unwrap();
    let inputs = Inputs::curated_only(&rec, "test");
    let with = parse_counterfactual(
        "w.toml",
        "[[tie]]\nparties = [\"GBR\", \"JPN\"]\nkind = \"defence_treaty\"\nfrom = 2010\n",
    )
    .unwrap();
    let o = Options::default();
    let base = measure(&Network::build(&inputs, 2010, &o, &[]).unwrap()).unwrap();
    let net = Network::build(&inputs, 2010, &o, &with).unwrap();
    assert_eq!(net.hypothetical.len(), 1);
    let cf = measure(&net).unwrap();
    assert_eq!(base.hub_dependence.value, Some(1.0));
    assert_eq!(cf.hub_dependence.value, Some(0.5));
    // E–I, alliance layer: internal GBR–FRA only, then one external tie: -1 → 0.
    assert_eq!(base.ei_of("alliance"), Some(-1.0));
    assert_eq!(cf.ei_of("alliance"), Some(0.0));
    // Outside its years the hypothetical tie changes nothing.
    let other = measure(&Network::build(&inputs, 2011, &o, &with).unwrap()).unwrap();
    assert_eq!(other.hub_dependence.value, Some(1.0));
    // Removing the US–Japan treaty takes Japan out of the East Asia & Pacific allies.
    let rm = parse_counterfactual(
        "w.toml",
        "[[tie]]\nparties = [\"USA\", \"JPN\"]\nkind = \"defence_treaty\"\nfrom = 2010\naction = \"remove\"\n",
    )
    .unwrap();
    let net = Network::build(&inputs, 2010, &o, &rm).unwrap();
    assert_eq!(net.block_nodes(Block::EapAllies).len(), 1);
    assert!(
        net.index(Ccode(740)).is_none()
            || net.blocks[net.index(Ccode(740)).unwrap() as usize] != Block::EapAllies
    );
}

#[test]
fn curated_only_networks_say_what_is_missing() {
    let rec = CuratedRecord::embedded().unwrap();
    let inputs = Inputs::curated_only(rec, "no data directory");
    let mut o = Options::default();
    o.set_layers("alliance,cooperation,arms,un").unwrap();
    let net = Network::build(&inputs, 2024, &o, &[]).unwrap();
    let missing: Vec<_> = net
        .missing_layers()
        .into_iter()
        .map(|(l, _)| l.name())
        .collect();
    assert_eq!(missing, vec!["arms", "un"]);
    let m = measure(&net).unwrap();
    assert_eq!(m.density_of("arms"), None, "missing, not 0");
    assert!(m.density_of("alliance").unwrap() > 0.0);
    assert_eq!(
        m.block_sizes
            .iter()
            .find(|(b, _)| *b == Block::Nato)
            .unwrap()
            .1,
        31
    );
    assert!(Network::build(&inputs, 1948, &o, &[]).is_err());
}
