//! The glossary: every measure the report shows, in plain words, with its scale, its direction and
//! what moves it. Method documents: docs/networks.md, docs/opportunities.md, docs/model.md.

/// One glossary entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    /// The measure's plain name, as the report uses it.
    pub term: &'static str,
    /// What it is.
    pub definition: &'static str,
    /// Its scale and direction.
    pub scale: &'static str,
    /// What moves it.
    pub moves: &'static str,
}

/// Every measure the report shows.
pub const GLOSSARY: [Term; 11] = [
    Term {
        term: "State pairs tied across the regions",
        definition: "Pairs of one European and one East Asian or Pacific state bound in the year by at least one record of Entente's curated record: a treaty, an agreement, a partnership, a framework, an exercise or an arms programme. A pair tied by several records counts once.",
        scale: "A count; higher means more pairs tied.",
        moves: "A new agreement, exercise or partnership between the regions; a framework (NATO's or the EU's partnership with an Asian state) ties every member to the partner at once, so it is also shown without them.",
    },
    Term {
        term: "Records by scope",
        definition: "The records tying the regions, sorted by who is party: bilateral (two states), multilateral (three or more states, each a party in its own right, such as the Five Power Defence Arrangements or RIMPAC) and frameworks (an organisation, NATO or the EU, with a partner).",
        scale: "Counts of records, not of pairs.",
        moves: "Records signed, held or ended in the year.",
    },
    Term {
        term: "East Asian ally pairs linked only through Washington",
        definition: "Of the pairs of US treaty allies in East Asia & the Pacific (Japan, South Korea, Australia, the Philippines, Thailand), those with no defence treaty of their own: the hub and spokes within Asia.",
        scale: "A count out of all their pairs; all of them means a pure hub and spokes.",
        moves: "A defence treaty between two of those allies.",
    },
    Term {
        term: "Hub dependence on defence treaties",
        definition: "Of the pairs of a NATO ally and a US treaty ally in East Asia & the Pacific connected by defence treaties, the share connected only through the United States. It differs from the count above: that one looks within Asia, this one across the two regions.",
        scale: "0 to 100%; 100% means every such pair is bound only through Washington.",
        moves: "Only a defence treaty (with an obligation to defend) between the regions' allies; agreements, frameworks and exercises do not move it.",
    },
    Term {
        term: "Share of shortest paths through the US (US brokerage)",
        definition: "For every pair of a NATO ally and a US treaty ally in East Asia & the Pacific, the share of the shortest paths between them in the allied network that pass through the United States, averaged over the pairs. Weighted, a strong tie is a shorter path than a weak one.",
        scale: "0 to 100%; 100% is a pure hub and spokes, lower means the allies reach each other without Washington.",
        moves: "Any direct tie between the regions' allies or their partners; the weighted version moves more with treaties and agreements than with frameworks and exercises.",
    },
    Term {
        term: "Direct tie strength",
        definition: "The weighted density of the direct ties between NATO allies and US treaty allies in East Asia & the Pacific: each pair's strongest tie, weighted by kind, summed and divided by the number of pairs.",
        scale: "0 (no pair tied) to 1 (every pair bound by a defence treaty).",
        moves: "New or stronger direct ties between the regions' allies.",
    },
    Term {
        term: "Joint exercises and patrols of the challengers",
        definition: "Exercises and joint air or naval patrols with at least two of China, Russia and North Korea, counted in the year they began.",
        scale: "A count; higher means more joint military activity.",
        moves: "Each exercise or patrol held.",
    },
    Term {
        term: "Sino-Russian alignment index",
        definition: "The mean of four components, each scaled to 0–1: treaty and partnership ties, joint exercises and patrols, Russia's arms deliveries to China (SIPRI) and closeness in UN General Assembly votes. Shown only when all four can be computed.",
        scale: "0 (no alignment) to 1 (full on every component).",
        moves: "New partnerships, more exercises, larger arms deliveries, closer UN votes.",
    },
    Term {
        term: "Opportunity score",
        definition: "How promising closer cooperation is for a pair of a European ally and an East Asian ally or partner: threats that converge on both, capabilities that fit, and ties still thin. Each pair's coverage is the share of its inputs available; a pair covered below two thirds is listed as insufficient data, not ranked.",
        scale: "0 to 1; higher is a better opportunity.",
        moves: "Disputes with the same challenger, UN votes, distance, military build-up, shared arms suppliers and existing ties.",
    },
    Term {
        term: "Deterrence failures a month",
        definition: "In the simulation, the months' successful gray-zone probes plus escalated crises in a theatre, per month, over ten simulated years.",
        scale: "Failures a month; lower is better for the allies.",
        moves: "The local balance of forces, US responses, allies' confidence in the US, and how the challengers coordinate.",
    },
    Term {
        term: "Coordination between China and Russia",
        definition: "In the simulation, how often the challengers time their pressure together (0 = independently, 1 = always together). Today's value is an assumption, 0.3, with its range varied in the sensitivity analysis.",
        scale: "0 to 1.",
        moves: "A scenario setting, not an estimate.",
    },
];
