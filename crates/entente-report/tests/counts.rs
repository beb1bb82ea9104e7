//! The brief, the API's brief and `entente trends` count the same distinct European–East Asian
//! pairs: one function computes it (`CuratedRecord::cross_counts`).

use entente_curated::CuratedRecord;
use entente_networks::{measure, trends, Inputs, Network, Options};
use entente_report::Brief;

#[test]
fn the_brief_and_the_trends_count_the_same_pairs() {
    let rec = CuratedRecord::embedded().unwrap();
    let inputs = Inputs::curated_only(rec, "test");
    let col = trends::scalars(&["europe_eap_pairs".to_string()]).unwrap()[0];
    for y in [1975, 2012, 2024] {
        let b = Brief::build(rec, y).unwrap();
        let m = measure(&Network::build(&inputs, y, &Options::default(), &[]).unwrap()).unwrap();
        let from_trends = (col.get)(&m).unwrap() as usize;
        assert_eq!(b.cross_counts.distinct_pairs, from_trends, "{y}");
        assert_eq!(
            b.changes.interregional_pairs_by_year.last(),
            Some(&(y, from_trends))
        );
        // The records listed are the records counted.
        assert_eq!(b.cross.len(), b.cross_counts.records);
        let links: usize = b.cross.iter().map(|c| c.pairs.len()).sum();
        assert_eq!(links, b.cross_counts.record_pairs);
    }
}
