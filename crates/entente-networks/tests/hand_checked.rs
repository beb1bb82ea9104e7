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

fn measures_of(text: &str, o: &Options) -> entente_networks::Measures {
    let rec = CuratedRecord::from_texts(&[("t.toml", text)], "test").unwrap();
    let inputs = Inputs::curated_only(&rec, "test");
    measure(&Network::build(&inputs, 2010, o, &[]).unwrap()).unwrap()
}

fn partnership(id: &str, members: &[&str], tags: &str) -> String {
    let m: Vec<String> = members
        .iter()
        .map(|s| format!("{{ state = \"{s}\" }}"))
        .collect();
    format!(
        "[[record]]\nid = \"{id}\"\nname = \"{id}\"\nkind = \"partnership\"\nstatus = \"in_force\"\nsigned = 2000-01-01\nmembers = [{}]\ntags = [{tags}]\nsummary = \"test\"\nsources = [{{ title = \"t\", url = \"https://example.org/test\" }}]\n\n",
        m.join(", ")
    )
}

#[test]
fn new_measures_of_a_pure_hub_and_spoke() {
    let m = measures_of(&hub_and_spoke(), &Options::default());
    let x = &m.interregional;
    assert_eq!(x.hub_dependence_treaty.value, Some(1.0));
    assert_eq!(x.us_brokerage.value, Some(1.0));
    assert_eq!(x.us_brokerage.disconnected, 0);
    assert_eq!(x.us_brokerage_weighted.value, Some(1.0));
    assert_eq!(x.cross_tie_strength, Some(0.0));
}

#[test]
fn one_access_agreement_moves_brokerage_and_strength_not_the_treaty_measure() {
    // GBR–JPN access agreement. Shortest paths in the allied network: GBR–JPN direct (0 through
    // the US); FRA–JPN: FRA–USA–JPN and FRA–GBR–JPN (½); GBR–KOR and FRA–KOR only via the US (1).
    // Mean (0 + ½ + 1 + 1)/4 = 5/8. Strength: one pair at 0.5 (a bilateral agreement) of 4: 1/8.
    let t = hub_and_spoke() + &access("gbr-jpn", "GBR", "JPN");
    let m = measures_of(&t, &Options::default());
    let x = &m.interregional;
    assert_eq!(x.us_brokerage.value, Some(0.625));
    assert_eq!(x.cross_tie_strength, Some(0.125));
    assert_eq!(x.cross_pairs_with_strength, 1);
    assert_eq!(
        x.hub_dependence_treaty.value,
        Some(1.0),
        "an access agreement is not a defence treaty"
    );
    // A defence treaty between GBR and JPN: hub dependence on treaties (GBR, JPN) direct, (FRA,
    // JPN) through GBR: ½; strength 1 for the pair: 1/4.
    let t = hub_and_spoke() + &treaty("gbr-jpn", &["GBR", "JPN"]);
    let x = measures_of(&t, &Options::default()).interregional;
    assert_eq!(x.hub_dependence_treaty.value, Some(0.5));
    assert_eq!(x.cross_tie_strength, Some(0.25));
}

#[test]
fn a_framework_counts_less_than_an_agreement() {
    // A NATO partnership with Japan (a framework): GBR–JPN and FRA–JPN (and USA–JPN) tied.
    let t = hub_and_spoke()
        + &partnership(
            "nato-japan",
            &["USA", "GBR", "FRA", "JPN"],
            "\"nato-partner\"",
        );
    let m = measures_of(&t, &Options::default());
    // Two pairs at the framework weight 0.1 of four: 0.05.
    assert!((m.interregional.cross_tie_strength.unwrap() - 0.05).abs() < 1e-15);
    // In the union, the framework-only ties weigh the framework weight (0.5 by default).
    let jpn = m.node.iter().find(|n| n.state.iso3 == "JPN").unwrap();
    // JPN: the alliance tie to the US (1 + 0.5 for the framework) and GBR, FRA at 0.5 each.
    assert_eq!(jpn.strength, 2.5);
    let o = Options {
        framework_weight: 0.0,
        ..Options::default()
    };
    let m0 = measures_of(&t, &o);
    let jpn0 = m0.node.iter().find(|n| n.state.iso3 == "JPN").unwrap();
    assert_eq!(
        (jpn0.degree, jpn0.strength),
        (1, 1.0),
        "frameworks left out"
    );
    assert_eq!(m0.interregional.us_brokerage.value, Some(1.0));
    // The same members as a multilateral agreement (no organisation tag) weigh fully.
    let t = hub_and_spoke() + &partnership("club", &["USA", "GBR", "FRA", "JPN"], "");
    let m = measures_of(&t, &Options::default());
    let jpn = m.node.iter().find(|n| n.state.iso3 == "JPN").unwrap();
    assert_eq!(jpn.strength, 4.0, "USA 1 + 1, GBR 1, FRA 1");
}

#[test]
fn a_hypothetical_tie_outside_a_states_existence_is_an_error() {
    let rec = CuratedRecord::from_texts(&[("t.toml", &hub_and_spoke())], "test").unwrap();
    let inputs = Inputs::curated_only(&rec, "test");
    let gdr = parse_counterfactual(
        "w.toml",
        "[[tie]]\nparties = [\"DDR\", \"JPN\"]\nkind = \"access_agreement\"\nfrom = 2024\n",
    )
    .unwrap();
    let e = Network::build(&inputs, 2024, &Options::default(), &gdr).unwrap_err();
    assert!(e.to_string().contains("DDR"), "{e}");
    assert!(e.to_string().contains("w.toml:1"), "{e}");
    // Within its existence the same tie is fine.
    let gdr1980 = parse_counterfactual(
        "w.toml",
        "[[tie]]\nparties = [\"DDR\", \"JPN\"]\nkind = \"access_agreement\"\nfrom = 1980\n",
    )
    .unwrap();
    assert!(Network::build(&inputs, 1980, &Options::default(), &gdr1980).is_ok());
}

#[test]
fn network_edges_carry_the_scope_of_their_records() {
    let t = hub_and_spoke()
        + &partnership(
            "nato-japan",
            &["USA", "GBR", "FRA", "JPN"],
            "\"nato-partner\"",
        )
        + &access("gbr-jpn", "GBR", "JPN");
    let rec = CuratedRecord::from_texts(&[("t.toml", &t)], "test").unwrap();
    let inputs = Inputs::curated_only(&rec, "test");
    let net = Network::build(&inputs, 2010, &Options::default(), &[]).unwrap();
    let rows = entente_networks::export::edge_rows(&net);
    let edge = |a: &str, b: &str| {
        rows.iter()
            .find(|r| (r.a == a && r.b == b) || (r.a == b && r.b == a))
            .unwrap()
    };
    let s = edge("GBR", "JPN").scope.unwrap();
    assert_eq!((s.bilateral, s.multilateral, s.framework), (1, 0, 1));
    let s = edge("FRA", "JPN").scope.unwrap();
    assert_eq!((s.bilateral, s.multilateral, s.framework), (0, 0, 1));
    assert!(edge("GBR", "FRA").scope.is_none(), "an alliance tie only");
}
