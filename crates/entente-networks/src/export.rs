//! Exports of a year's network: JSON (everything), GraphML (Cytoscape, Gephi, networkx) and GEXF
//! (Gephi). Node and edge attributes carry the measures, so a tool can colour and size by them and
//! a reference implementation can recompute them from the same file.

use crate::layer::Layer;
use crate::measures::{Measures, NodeMeasures};
use crate::network::Network;
use entente_core::Manifest;
use serde::Serialize;
use std::fmt::Write as _;

/// An edge of the union with its value in each layer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EdgeRow {
    /// ISO3 of the lower COW code.
    pub a: String,
    /// ISO3 of the higher.
    pub b: String,
    /// COW code of `a`.
    pub a_ccode: u16,
    /// COW code of `b`.
    pub b_ccode: u16,
    /// The sum of the weights of the layers the edge is in.
    pub weight: f64,
    /// ATOP valued coding (1–3) in the alliance layer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alliance: Option<f64>,
    /// Curated records in the cooperation layer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cooperation: Option<f64>,
    /// TIV in the arms layer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arms: Option<f64>,
    /// Ideal-point distance in the UN layer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub un: Option<f64>,
    /// The cooperation records behind the edge by scope (`entente_core::TieScope`), so that a tie
    /// made of frameworks alone (NATO's or the EU's partnerships) reads as such.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<ScopeCounts>,
}

/// Records by scope.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScopeCounts {
    /// Bilateral records.
    pub bilateral: u16,
    /// Multilateral records.
    pub multilateral: u16,
    /// Frameworks (an organisation and a partner).
    pub framework: u16,
}

/// The JSON document of `entente network --format json`.
#[derive(Debug, Clone, Serialize)]
pub struct NetworkDoc<'a> {
    /// What made it, from what.
    pub manifest: &'a Manifest,
    /// Every measure, nodes included.
    #[serde(flatten)]
    pub measures: &'a Measures,
    /// The edges of the union.
    pub edge_list: Vec<EdgeRow>,
}

/// The union's edges with their layer values (layers switched on only).
pub fn edge_rows(net: &Network) -> Vec<EdgeRow> {
    let lookup = |l: Layer, k: (u32, u32)| -> Option<f64> {
        if !net.options.enabled(l) {
            return None;
        }
        let v = net.layers[l.idx()].as_ref()?;
        v.binary_search_by_key(&k, |(e, _)| *e).ok().map(|i| v[i].1)
    };
    net.union
        .edges()
        .iter()
        .zip(net.union.weights())
        .map(|(&(a, b), &w)| {
            let (sa, sb) = (
                crate::measures::StateRef::of(net.nodes[a as usize]),
                crate::measures::StateRef::of(net.nodes[b as usize]),
            );
            EdgeRow {
                a: sa.iso3,
                b: sb.iso3,
                a_ccode: sa.ccode,
                b_ccode: sb.ccode,
                weight: w,
                alliance: lookup(Layer::Alliance, (a, b)),
                cooperation: lookup(Layer::Cooperation, (a, b)),
                arms: lookup(Layer::Arms, (a, b)),
                un: lookup(Layer::Un, (a, b)),
                scope: lookup(Layer::Cooperation, (a, b)).and_then(|_| {
                    let (ca, cb) = (net.nodes[a as usize], net.nodes[b as usize]);
                    let k = if ca < cb { (ca, cb) } else { (cb, ca) };
                    net.coop_scopes.get(&k).map(|c| ScopeCounts {
                        bilateral: c[0],
                        multilateral: c[1],
                        framework: c[2],
                    })
                }),
            }
        })
        .collect()
}

/// Escapes text for XML content and attributes.
pub fn xml_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => o.push(c),
        }
    }
    o
}

/// A graph-level attribute.
enum GVal {
    Int(i64),
    Num(Option<f64>),
    Text(String),
}

fn graph_attrs(net: &Network, m: &Measures, manifest: &Manifest) -> Vec<(&'static str, GVal)> {
    let join = |v: Vec<String>| v.join(" ");
    let mut v = vec![
        ("year", GVal::Int(i64::from(net.year))),
        (
            "layers",
            GVal::Text(join(
                net.active_layers()
                    .iter()
                    .map(|l| l.name().to_string())
                    .collect(),
            )),
        ),
    ];
    for l in Layer::ALL {
        let name: &'static str = match l {
            Layer::Alliance => "weight_alliance",
            Layer::Cooperation => "weight_cooperation",
            Layer::Arms => "weight_arms",
            Layer::Un => "weight_un",
        };
        v.push((name, GVal::Num(Some(net.options.weights[l.idx()]))));
    }
    v.extend([
        ("node_source", GVal::Text(net.node_source.to_string())),
        ("density", GVal::Num(m.density_of("union"))),
        ("ei_union", GVal::Num(m.ei_of("union"))),
        ("hub_dependence", GVal::Num(m.hub_dependence.value)),
        ("hub_dependence_all", GVal::Num(m.hub_dependence_all.value)),
        (
            "hub_dependence_treaty",
            GVal::Num(m.interregional.hub_dependence_treaty.value),
        ),
        (
            "us_brokerage",
            GVal::Num(m.interregional.us_brokerage.value),
        ),
        (
            "us_brokerage_weighted",
            GVal::Num(m.interregional.us_brokerage_weighted.value),
        ),
        (
            "cross_tie_strength",
            GVal::Num(m.interregional.cross_tie_strength),
        ),
        (
            "min_cut",
            GVal::Num(m.wedge.min_cut.value.map(|x| x as f64)),
        ),
        (
            "min_cut_all",
            GVal::Num(m.wedge.min_cut_all.value.map(|x| x as f64)),
        ),
        ("components", GVal::Int(i64::from(m.components.count))),
        ("clustering_average", GVal::Num(Some(m.clustering_average))),
        (
            "articulation_points",
            GVal::Text(join(
                m.wedge
                    .articulation_points
                    .iter()
                    .map(|c| c.state.ccode.to_string())
                    .collect(),
            )),
        ),
        (
            "bridges",
            GVal::Text(join(
                m.wedge
                    .bridges
                    .iter()
                    .map(|b| format!("{}-{}", b.a.ccode, b.b.ccode))
                    .collect(),
            )),
        ),
        ("sr_alignment", GVal::Num(m.alignment.index)),
        (
            "manifest",
            GVal::Text(serde_json::to_string(manifest).unwrap_or_default()),
        ),
    ]);
    v
}

type NodeAttr = (
    &'static str,
    &'static str,
    fn(&NodeMeasures) -> Option<String>,
);

const NODE_ATTRS: &[NodeAttr] = &[
    ("ccode", "int", |n| Some(n.state.ccode.to_string())),
    ("iso3", "string", |n| Some(n.state.iso3.clone())),
    ("block", "string", |n| Some(n.block.name().to_string())),
    ("degree", "int", |n| Some(n.degree.to_string())),
    ("strength", "double", |n| Some(n.strength.to_string())),
    ("betweenness", "double", |n| Some(n.betweenness.to_string())),
    ("eigenvector", "double", |n| {
        n.eigenvector.map(|x| x.to_string())
    }),
    ("clustering", "double", |n| Some(n.clustering.to_string())),
    ("component", "int", |n| Some(n.component.to_string())),
];

/// The network as GraphML, with the measures as attributes.
pub fn graphml(net: &Network, m: &Measures, manifest: &Manifest) -> String {
    let mut s = String::new();
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    let gattrs = graph_attrs(net, m, manifest);
    for (name, val) in &gattrs {
        let ty = match val {
            GVal::Int(_) => "int",
            GVal::Num(_) => "double",
            GVal::Text(_) => "string",
        };
        let _ = writeln!(
            s,
            "  <key id=\"g_{name}\" for=\"graph\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    let _ = writeln!(
        s,
        "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>"
    );
    for (name, ty, _) in NODE_ATTRS {
        let _ = writeln!(
            s,
            "  <key id=\"{name}\" for=\"node\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    for name in SE_ATTRS {
        let _ = writeln!(
            s,
            "  <key id=\"{name}\" for=\"node\" attr.name=\"{name}\" attr.type=\"double\"/>"
        );
    }
    let _ = writeln!(
        s,
        "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>"
    );
    for l in Layer::ALL {
        let _ = writeln!(
            s,
            "  <key id=\"e_{0}\" for=\"edge\" attr.name=\"{0}\" attr.type=\"double\"/>",
            l.name()
        );
    }
    let _ = writeln!(
        s,
        "  <graph id=\"entente-{}\" edgedefault=\"undirected\">",
        net.year
    );
    for (name, val) in &gattrs {
        let text = match val {
            GVal::Int(i) => i.to_string(),
            GVal::Num(Some(x)) => x.to_string(),
            GVal::Num(None) => continue,
            GVal::Text(t) => xml_escape(t),
        };
        let _ = writeln!(s, "    <data key=\"g_{name}\">{text}</data>");
    }
    for n in &m.node {
        let _ = writeln!(s, "    <node id=\"n{}\">", n.state.ccode);
        let _ = writeln!(
            s,
            "      <data key=\"label\">{}</data>",
            xml_escape(&n.state.name)
        );
        for (name, _, get) in NODE_ATTRS {
            if let Some(v) = get(n) {
                let _ = writeln!(s, "      <data key=\"{name}\">{}</data>", xml_escape(&v));
            }
        }
        for (name, v) in equivalence_of(m, n.state.ccode) {
            if let Some(v) = v {
                let _ = writeln!(s, "      <data key=\"{name}\">{v}</data>");
            }
        }
        s.push_str("    </node>\n");
    }
    for e in edge_rows(net) {
        let _ = writeln!(
            s,
            "    <edge source=\"n{}\" target=\"n{}\">",
            e.a_ccode, e.b_ccode
        );
        let _ = writeln!(s, "      <data key=\"weight\">{}</data>", e.weight);
        for (l, v) in [
            (Layer::Alliance, e.alliance),
            (Layer::Cooperation, e.cooperation),
            (Layer::Arms, e.arms),
            (Layer::Un, e.un),
        ] {
            if let Some(v) = v {
                let _ = writeln!(s, "      <data key=\"e_{}\">{v}</data>", l.name());
            }
        }
        s.push_str("    </edge>\n");
    }
    s.push_str("  </graph>\n</graphml>\n");
    s
}

/// The structural-equivalence attributes of a node.
const SE_ATTRS: [&str; 3] = ["se_us", "se_chn", "se_rus"];

/// A node's structural equivalence to the US, China and Russia, by attribute name.
fn equivalence_of(m: &Measures, ccode: u16) -> [(&'static str, Option<f64>); 3] {
    match m.equivalence.iter().find(|e| e.state.ccode == ccode) {
        Some(e) => [
            (SE_ATTRS[0], e.to_us),
            (SE_ATTRS[1], e.to_chn),
            (SE_ATTRS[2], e.to_rus),
        ],
        None => SE_ATTRS.map(|n| (n, None)),
    }
}

/// The network as GEXF 1.2 (Gephi), with the measures as attributes.
pub fn gexf(net: &Network, m: &Measures, manifest: &Manifest) -> String {
    let mut s = String::new();
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n");
    let _ = writeln!(
        s,
        "  <meta>\n    <creator>Entente {}</creator>\n    <description>{}</description>\n  </meta>",
        xml_escape(&manifest.entente_version),
        xml_escape(&format!(
            "US alliance networks, {}; layers: {}; measures: {}; inputs: {}",
            net.year,
            net.active_layers()
                .iter()
                .map(|l| l.name())
                .collect::<Vec<_>>()
                .join(", "),
            // GEXF has no graph attributes: the year's measures go in the description.
            graph_attrs(net, m, manifest)
                .iter()
                .filter_map(|(name, v)| match v {
                    GVal::Int(i) => Some(format!("{name}={i}")),
                    GVal::Num(Some(x)) => Some(format!("{name}={x}")),
                    GVal::Num(None) => None,
                    GVal::Text(_) => None,
                })
                .collect::<Vec<_>>()
                .join(", "),
            manifest
                .inputs
                .iter()
                .map(|i| format!("{} {} sha256:{}", i.dataset, i.version, i.sha256))
                .collect::<Vec<_>>()
                .join("; ")
        ))
    );
    s.push_str("  <graph mode=\"static\" defaultedgetype=\"undirected\">\n    <attributes class=\"node\">\n");
    for (i, (name, ty, _)) in NODE_ATTRS.iter().enumerate() {
        let ty = match *ty {
            "int" => "integer",
            other => other,
        };
        let _ = writeln!(
            s,
            "      <attribute id=\"{i}\" title=\"{name}\" type=\"{ty}\"/>"
        );
    }
    for (k, name) in SE_ATTRS.iter().enumerate() {
        let _ = writeln!(
            s,
            "      <attribute id=\"{}\" title=\"{name}\" type=\"double\"/>",
            NODE_ATTRS.len() + k
        );
    }
    s.push_str("    </attributes>\n    <attributes class=\"edge\">\n");
    for (i, l) in Layer::ALL.iter().enumerate() {
        let _ = writeln!(
            s,
            "      <attribute id=\"{i}\" title=\"{}\" type=\"double\"/>",
            l.name()
        );
    }
    s.push_str("    </attributes>\n    <nodes>\n");
    for n in &m.node {
        let _ = writeln!(
            s,
            "      <node id=\"{}\" label=\"{}\">\n        <attvalues>",
            n.state.ccode,
            xml_escape(&n.state.name)
        );
        for (i, (_, _, get)) in NODE_ATTRS.iter().enumerate() {
            if let Some(v) = get(n) {
                let _ = writeln!(
                    s,
                    "          <attvalue for=\"{i}\" value=\"{}\"/>",
                    xml_escape(&v)
                );
            }
        }
        for (k, (_, v)) in equivalence_of(m, n.state.ccode).into_iter().enumerate() {
            if let Some(v) = v {
                let _ = writeln!(
                    s,
                    "          <attvalue for=\"{}\" value=\"{v}\"/>",
                    NODE_ATTRS.len() + k
                );
            }
        }
        s.push_str("        </attvalues>\n      </node>\n");
    }
    s.push_str("    </nodes>\n    <edges>\n");
    for (id, e) in edge_rows(net).into_iter().enumerate() {
        let _ = writeln!(
            s,
            "      <edge id=\"{id}\" source=\"{}\" target=\"{}\" weight=\"{}\">\n        <attvalues>",
            e.a_ccode, e.b_ccode, e.weight
        );
        for (i, v) in [e.alliance, e.cooperation, e.arms, e.un]
            .into_iter()
            .enumerate()
        {
            if let Some(v) = v {
                let _ = writeln!(s, "          <attvalue for=\"{i}\" value=\"{v}\"/>");
            }
        }
        s.push_str("        </attvalues>\n      </edge>\n");
    }
    s.push_str("    </edges>\n  </graph>\n</gexf>\n");
    s
}

/// The current time as RFC 3339 (UTC, seconds), for manifests.
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// A manifest for an output of the network commands.
pub fn manifest(
    command: String,
    inputs: Vec<entente_core::ManifestInput>,
    rows: u64,
    columns: Vec<String>,
) -> Manifest {
    Manifest {
        command,
        entente_version: env!("CARGO_PKG_VERSION").to_string(),
        created: now_rfc3339(),
        inputs,
        rows,
        columns,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_dates() {
        assert_eq!(
            xml_escape("A&B <\"x\">'"),
            "A&amp;B &lt;&quot;x&quot;&gt;&apos;"
        );
        let t = now_rfc3339();
        assert_eq!(t.len(), 20, "{t}");
        assert!(t.starts_with("20") && t.ends_with('Z'), "{t}");
    }
}
