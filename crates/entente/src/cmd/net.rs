//! `entente network`, `entente trends` and `entente wedge`: the networks of the alliance systems.

use crate::cli::Global;
use crate::cli_net::{LayerArgs, NetFormat, NetworkArgs, TrendsArgs, WedgeArgs, WedgeFormat};
use crate::output::print;
use anyhow::{bail, Context, Result};
use entente_curated::CuratedRecord;
use entente_data::Store;
use entente_networks::chart::{self, Series};
use entente_networks::measures::{Measures, MinCut};
use entente_networks::trends::{self, SCALARS};
use entente_networks::{
    export, measure, parse_counterfactual, HypotheticalTie, Inputs, Layer, Network, Options,
};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// The layer options of the command line.
pub fn options(a: &LayerArgs) -> Result<Options> {
    let mut o = Options::default();
    o.set_layers(&a.layers)?;
    o.arms_threshold = a.arms_threshold;
    o.un_threshold = a.un_threshold;
    o.carry_forward = !a.no_carry_forward;
    o.alliance_min = a.alliance_min;
    o.framework_weight = a.framework_weight;
    o.validate()?;
    Ok(o)
}

/// The hypothetical ties of `--with`.
pub fn hypothetical(a: &LayerArgs) -> Result<Vec<HypotheticalTie>> {
    let Some(p) = &a.with else {
        return Ok(Vec::new());
    };
    let text = crate::input::read_text(p, "--with")?;
    Ok(parse_counterfactual(&p.display().to_string(), &text)?)
}

/// The inputs: the data directory's datasets where it exists, else the curated record alone.
pub fn inputs<'r>(g: &Global, rec: &'r CuratedRecord) -> Result<Inputs<'r>> {
    match super::data_dir(g) {
        Ok(dir) if dir.path.is_dir() => Ok(Inputs::load(&Store::new(&dir.path), rec)?),
        Ok(dir) => Ok(Inputs::curated_only(
            rec,
            &format!(
                "no data directory at {} ({}); set --data-dir or ENTENTE_DATA",
                dir.path.display(),
                dir.chosen_by
            ),
        )),
        Err(e) => Ok(Inputs::curated_only(rec, &e.to_string())),
    }
}

/// Tells on stderr what could not be used.
fn notes(inputs: &Inputs<'_>, nets: &[&Network]) {
    let mut err = std::io::stderr().lock();
    for u in &inputs.unavailable {
        let _ = writeln!(
            err,
            "note: {} unavailable ({}): {}",
            u.dataset, u.role, u.reason
        );
    }
    let mut gaps: BTreeMap<(Layer, String), Vec<i32>> = BTreeMap::new();
    for n in nets {
        for (l, why) in n.missing_layers() {
            gaps.entry((l, why)).or_default().push(n.year);
        }
    }
    for ((l, why), years) in gaps {
        let (a, b) = (years[0], years[years.len() - 1]);
        let span = if a == b {
            a.to_string()
        } else {
            format!("{a}–{b}")
        };
        let _ = writeln!(err, "note: layer '{l}' unavailable in {span}: {why}");
    }
    if let Some(n) = nets.first() {
        if !inputs.has_system() {
            let _ = writeln!(err, "note: nodes are {}", n.node_source);
        }
        if nets.iter().any(|n| n.year > 2018) {
            let src = nets
                .iter()
                .rev()
                .find(|n| n.year > 2018)
                .and_then(|n| n.layer_status.first())
                .map(|s| s.source.clone())
                .unwrap_or_default();
            let _ = writeln!(err, "note: alliance layer after 2018: {src}");
        }
    }
}

/// Writes one output through the one output writer (`entente-output`).
fn write_out(path: &Path, bytes: &[u8]) -> Result<()> {
    Ok(entente_output::write_file(path, bytes)?)
}

/// Baseline against counterfactual, for the measures hypothetical ties are read for.
#[derive(Debug, serde::Serialize)]
struct Change {
    measure: String,
    baseline: Option<f64>,
    with: Option<f64>,
}

/// A hypothetical pair's value in a layer, before and after.
#[derive(Debug, serde::Serialize)]
struct PairChange {
    a: String,
    b: String,
    layer: &'static str,
    baseline: Option<f64>,
    with: Option<f64>,
}

fn pair_changes(hyp: &[HypotheticalTie], base: &Network, with: &Network) -> Vec<PairChange> {
    let iso = |c| entente_networks::measures::StateRef::of(c).iso3;
    let mut pairs: Vec<_> = hyp
        .iter()
        .filter(|h| h.in_year(with.year))
        .flat_map(|h| h.pairs())
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut v = Vec::new();
    for (a, b) in pairs {
        for l in Layer::ALL {
            let (x, y) = (base.layer_value(l, a, b), with.layer_value(l, a, b));
            if x.is_some() || y.is_some() {
                v.push(PairChange {
                    a: iso(a),
                    b: iso(b),
                    layer: l.name(),
                    baseline: x,
                    with: y,
                });
            }
        }
    }
    v
}

fn changes(base: &Measures, with: &Measures) -> Vec<Change> {
    let mut v = vec![
        Change {
            measure: "hub_dependence".into(),
            baseline: base.hub_dependence.value,
            with: with.hub_dependence.value,
        },
        Change {
            measure: "hub_dependence_all".into(),
            baseline: base.hub_dependence_all.value,
            with: with.hub_dependence_all.value,
        },
        Change {
            measure: "cross_pairs_direct".into(),
            baseline: Some(base.hub_dependence.direct as f64),
            with: Some(with.hub_dependence.direct as f64),
        },
        Change {
            measure: "min_cut".into(),
            baseline: base.wedge.min_cut.value.map(|x| x as f64),
            with: with.wedge.min_cut.value.map(|x| x as f64),
        },
    ];
    for e in &base.ei {
        v.push(Change {
            measure: format!("ei_{}", e.layer),
            baseline: e.ei,
            with: with.ei_of(&e.layer),
        });
    }
    v.push(Change {
        measure: "sr_alignment".into(),
        baseline: base.alignment.index,
        with: with.alignment.index,
    });
    v
}

/// The counterfactual section of the JSON outputs.
#[derive(Debug, serde::Serialize)]
struct Counterfactual<'a> {
    measures: &'a [Change],
    pairs: &'a [PairChange],
}

fn num(v: Option<f64>) -> String {
    v.map(|x| format!("{x:.4}")).unwrap_or_else(|| "–".into())
}

fn changes_text(c: &[Change], p: &[PairChange]) -> String {
    let mut s = String::from("The hypothetical pairs, layer by layer (alliance: ATOP valued coding; cooperation: records):\n");
    for x in p {
        s.push_str(&format!(
            "  {}–{} {:<12} {:>9} → {:>9}\n",
            x.a,
            x.b,
            x.layer,
            num(x.baseline),
            num(x.with)
        ));
    }
    s.push_str("What the hypothetical ties change:\n");
    for x in c {
        let delta = match (x.baseline, x.with) {
            (Some(a), Some(b)) if (a - b).abs() > 1e-12 => format!("  ({:+.4})", b - a),
            (Some(_), Some(_)) => "  (unchanged)".into(),
            _ => String::new(),
        };
        s.push_str(&format!(
            "  {:<22} {:>9} → {:>9}{delta}\n",
            x.measure,
            num(x.baseline),
            num(x.with)
        ));
    }
    s
}

/// A year's network and measures under `--with`, and, when there are hypothetical ties, what they
/// change against the network without them.
struct Year {
    hyp: Vec<HypotheticalTie>,
    net: Network,
    m: Measures,
    change: Option<(Vec<Change>, Vec<PairChange>)>,
}

fn year(inputs: &Inputs<'_>, y: i32, layers: &LayerArgs) -> Result<Year> {
    let opts = options(layers)?;
    let hyp = hypothetical(layers)?;
    let net = Network::build(inputs, y, &opts, &hyp)?;
    let m = measure(&net)?;
    let change = if hyp.is_empty() {
        None
    } else {
        let base = Network::build(inputs, y, &opts, &[])?;
        let bm = measure(&base)?;
        Some((changes(&bm, &m), pair_changes(&hyp, &base, &net)))
    };
    notes(inputs, &[&net]);
    Ok(Year {
        hyp,
        net,
        m,
        change,
    })
}

pub fn network(g: &Global, a: NetworkArgs) -> Result<()> {
    let rec = super::record(g)?;
    let inputs = inputs(g, &rec)?;
    let Year {
        hyp,
        net,
        m,
        change,
    } = year(&inputs, a.year, &a.layers)?;
    if !hyp.is_empty() && net.hypothetical.is_empty() {
        eprintln!(
            "note: no hypothetical tie of --with is in force in {}",
            a.year
        );
    }
    let manifest = export::manifest(
        super::command_line(),
        inputs.provenance.clone(),
        net.nodes.len() as u64,
        Vec::new(),
    );
    let text = match a.format {
        NetFormat::Json => {
            #[derive(serde::Serialize)]
            struct Doc<'a> {
                #[serde(flatten)]
                doc: export::NetworkDoc<'a>,
                #[serde(skip_serializing_if = "Option::is_none")]
                counterfactual: Option<Counterfactual<'a>>,
            }
            let doc = Doc {
                doc: export::NetworkDoc {
                    manifest: &manifest,
                    measures: &m,
                    edge_list: export::edge_rows(&net),
                },
                counterfactual: change.as_ref().map(|(c, p)| Counterfactual {
                    measures: c,
                    pairs: p,
                }),
            };
            let mut s = serde_json::to_string_pretty(&doc)?;
            s.push('\n');
            s
        }
        NetFormat::Graphml => export::graphml(&net, &m, &manifest),
        NetFormat::Gexf => export::gexf(&net, &m, &manifest),
    };
    if let Some((c, p)) = &change {
        if a.format != NetFormat::Json || a.out.is_some() {
            eprint!("{}", changes_text(c, p));
        }
    }
    match &a.out {
        Some(p) => write_out(p, text.as_bytes()),
        None => print(&text),
    }
}

pub fn trends(g: &Global, a: TrendsArgs) -> Result<()> {
    if a.measure.iter().any(|m| m == "list") {
        let mut s = String::new();
        for x in SCALARS {
            s.push_str(&format!("{:<30} {}\n", x.name, x.about));
        }
        return print(&s);
    }
    // Without --out the CSV goes to stdout, like every other listing.
    let ext = a
        .out
        .as_deref()
        .and_then(Path::extension)
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_else(|| "csv".into());
    if ext != "csv" && ext != "svg" {
        bail!(
            "--out {}: the extension must be .csv or .svg",
            a.out.as_deref().unwrap_or(Path::new("-")).display()
        );
    }
    let cols = trends::scalars(&a.measure)?;
    let span = trends::years(a.from, a.to)?;
    let rec = super::record(g)?;
    let inputs = inputs(g, &rec)?;
    let opts = options(&a.layers)?;
    let hyp = hypothetical(&a.layers)?;
    let years = trends::measure_years(&inputs, span, &opts, &hyp)?;
    let nets: Vec<Network> = [span.0, span.1]
        .iter()
        .map(|y| Network::build(&inputs, *y, &opts, &hyp))
        .collect::<std::result::Result<_, _>>()?;
    notes(&inputs, &nets.iter().collect::<Vec<_>>());
    let mut columns = vec!["year".to_string()];
    columns.extend(cols.iter().map(|c| c.name.to_string()));
    let mut outputs = entente_output::Outputs::new();
    if ext == "csv" {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(&columns)?;
        for m in &years {
            let mut row = vec![m.year.to_string()];
            row.extend(cols.iter().map(|c| {
                (c.get)(m)
                    .map(|v| v.to_string())
                    .unwrap_or_else(|| "NA".into())
            }));
            w.write_record(&row)?;
        }
        let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
        let Some(out) = &a.out else {
            return print(&String::from_utf8_lossy(&bytes));
        };
        outputs.write(out, &bytes)?;
    } else {
        let Some(out) = &a.out else {
            bail!("an .svg chart needs --out FILE.svg");
        };
        let series: Vec<Series> = cols
            .iter()
            .map(|c| Series {
                name: c.name.to_string(),
                points: years.iter().map(|m| (m.year, (c.get)(m))).collect(),
            })
            .collect();
        let layers = opts
            .enabled_layers()
            .iter()
            .map(|l| l.name())
            .collect::<Vec<_>>()
            .join(", ");
        let title = format!(
            "Entente — network measures {}–{} (layers: {layers}){}",
            span.0,
            span.1,
            if hyp.is_empty() {
                ""
            } else {
                ", with hypothetical ties"
            }
        );
        outputs.write(out, chart::svg(&series, &title)?.as_bytes())?;
    }
    let Some(out) = &a.out else {
        return Ok(());
    };
    let manifest = export::manifest(
        super::command_line(),
        inputs.provenance.clone(),
        years.len() as u64,
        columns,
    );
    let mut mpath = out.as_os_str().to_owned();
    mpath.push(".manifest.json");
    outputs.write(
        Path::new(&mpath),
        serde_json::to_string_pretty(&manifest)?.as_bytes(),
    )?;
    // The output and its manifest are one set: both in place, or neither changed.
    outputs.commit()?;
    eprintln!(
        "wrote {} ({} years × {} measures) and its manifest",
        out.display(),
        years.len(),
        cols.len()
    );
    Ok(())
}

fn cut_text(c: &MinCut) -> String {
    match c.value {
        None => "– (a block is empty)".into(),
        Some(0) => "0 (no path left without the US)".into(),
        Some(v) if c.edges.len() <= 12 => format!(
            "{v}: {}",
            c.edges
                .iter()
                .map(|(a, b)| format!("{a}–{b}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Some(v) => format!("{v} ties"),
    }
}

pub fn wedge(g: &Global, a: WedgeArgs) -> Result<()> {
    let rec = super::record(g)?;
    let inputs = inputs(g, &rec)?;
    let Year { net, m, change, .. } = year(&inputs, a.year, &a.layers)?;
    if a.format == WedgeFormat::Json {
        #[derive(serde::Serialize)]
        struct Doc<'a> {
            year: i32,
            layers: Vec<&'static str>,
            hub_dependence: &'a entente_networks::measures::HubDependence,
            hub_dependence_all: &'a entente_networks::measures::HubDependence,
            ei: &'a [entente_networks::measures::EiIndex],
            wedge: &'a entente_networks::measures::Wedge,
            #[serde(skip_serializing_if = "Option::is_none")]
            counterfactual: Option<Counterfactual<'a>>,
        }
        let doc = Doc {
            year: a.year,
            layers: net.active_layers().iter().map(|l| l.name()).collect(),
            hub_dependence: &m.hub_dependence,
            hub_dependence_all: &m.hub_dependence_all,
            ei: &m.ei,
            wedge: &m.wedge,
            counterfactual: change.as_ref().map(|(c, p)| Counterfactual {
                measures: c,
                pairs: p,
            }),
        };
        return print(&(serde_json::to_string_pretty(&doc)? + "\n"));
    }
    let h = &m.hub_dependence;
    let mut s = format!(
        "Wedge vulnerability, {} (layers: {})\n\n",
        a.year,
        net.active_layers()
            .iter()
            .map(|l| l.name())
            .collect::<Vec<_>>()
            .join(", ")
    );
    s.push_str(&format!(
        "Hub dependence (allied network): {}  — of {} NATO × East Asia & Pacific ally pairs, {} connected, {} tied directly, {} connected only through the US\n",
        num(h.value), h.pairs, h.connected, h.direct, h.only_via_us
    ));
    s.push_str(&format!(
        "Hub dependence (whole network):  {}\n",
        num(m.hub_dependence_all.value)
    ));
    for e in &m.ei {
        s.push_str(&format!(
            "E–I index, {:<12} {}  (external {}, internal {})\n",
            format!("{}:", e.layer),
            num(e.ei),
            e.external,
            e.internal
        ));
    }
    s.push_str(&format!(
        "Minimum cut between the blocks without the US (allied network): {}\n",
        cut_text(&m.wedge.min_cut)
    ));
    s.push_str(&format!(
        "Minimum cut between the blocks without the US (whole network):  {}\n",
        cut_text(&m.wedge.min_cut_all)
    ));
    let aps: Vec<_> = m
        .wedge
        .articulation_points
        .iter()
        .filter(|c| c.ally_pairs_split > 0)
        .collect();
    s.push_str(&format!(
        "\nArticulation points whose removal splits allies ({}):\n",
        aps.len()
    ));
    for c in &aps {
        s.push_str(&format!(
            "  {:<4} {:<32} {:>5} ally pairs split, {:>4} across the regions\n",
            c.state.iso3, c.state.name, c.ally_pairs_split, c.cross_pairs_split
        ));
    }
    let brs: Vec<_> = m
        .wedge
        .bridges
        .iter()
        .filter(|b| b.ally_pairs_split > 0)
        .collect();
    s.push_str(&format!(
        "\nBridges whose removal splits allies ({}):\n",
        brs.len()
    ));
    for b in &brs {
        s.push_str(&format!(
            "  {}–{:<6} {:>5} ally pairs split, {:>4} across the regions\n",
            b.a.iso3, b.b.iso3, b.ally_pairs_split, b.cross_pairs_split
        ));
    }
    if let Some((c, p)) = &change {
        s.push('\n');
        s.push_str(&changes_text(c, p));
    }
    print(&s)
}

/// `entente bench networks`: every measure for every year 1949–2025, beside networkx on the same
/// graphs (exported as GraphML and read by `bench/networks.py bench`), in one run.
pub fn bench(g: &Global, a: crate::cli_net::BenchNetworksArgs) -> Result<()> {
    use std::time::Instant;
    let dir = super::data_dir(g)?;
    let rec = super::record(g)?;
    let t = Instant::now();
    let inputs = Inputs::load(&Store::new(&dir.path), &rec)?;
    let load_ms = t.elapsed().as_secs_f64() * 1e3;
    if let Some(u) = inputs.unavailable.first() {
        bail!(
            "the bench needs every dataset: {} is unavailable: {}",
            u.dataset,
            u.reason
        );
    }
    let opts = Options::default();
    let span = entente_networks::YEARS;
    let runs = a.runs.max(1);
    let mut serial = Vec::new();
    let mut parallel = Vec::new();
    let mut ms = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        ms = trends::measure_years_serial(&inputs, span, &opts, &[])?;
        serial.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let p = trends::measure_years(&inputs, span, &opts, &[])?;
        parallel.push(t.elapsed().as_secs_f64() * 1e3);
        if p.len() != ms.len() {
            bail!("parallel and serial runs disagree");
        }
    }
    // The same graphs built once, then the core set (igraph's comparison) and every measure timed
    // on them alone, one thread.
    let nets: Vec<Network> = (span.0..=span.1)
        .map(|y| Network::build(&inputs, y, &opts, &[]))
        .collect::<std::result::Result<_, _>>()?;
    let mut core_ms = Vec::new();
    let mut all_ms = Vec::new();
    let mut check = 0.0;
    for _ in 0..runs.max(5) {
        let t = Instant::now();
        for n in &nets {
            check += entente_networks::core_set::core_set(n);
        }
        core_ms.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        for n in &nets {
            check += entente_networks::measure(n)?.nodes as f64;
        }
        all_ms.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let (cmin, _, _) = super::bench::summary(core_ms);
    let (amin, _, _) = super::bench::summary(all_ms);
    let (smin, smed, _) = super::bench::summary(serial);
    let (pmin, _, _) = super::bench::summary(parallel);
    let nodes: usize = ms.iter().map(|m| m.nodes).sum();
    let edges: usize = ms.iter().map(|m| m.edges).sum();
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let mut s = format!(
        "networks: every measure for every year {}–{} ({} networks, {nodes} nodes and {edges} edges in all; layers {})\n  Entente (Rust), 1 thread:  min {smin:.0} ms   median {smed:.0} ms   ({runs} runs; goal < 1 s)\n  Entente (Rust), {threads} threads: min {pmin:.0} ms\n",
        span.0,
        span.1,
        ms.len(),
        opts.enabled_layers()
            .iter()
            .map(|l| l.name())
            .collect::<Vec<_>>()
            .join(", ")
    );
    s.push_str(&format!(
        "  on the built graphs, 1 thread (min of {} runs; checksum {check:.3e}):\n    Entente core set (betweenness, clustering, components, eigenvector on the US's component, articulation points, bridges): {cmin:.0} ms\n    Entente every measure (the core set, density, E–I, hub dependence, minimum cuts, structural equivalence, brokerage, …): {amin:.0} ms\n",
        runs.max(5)
    ));
    if !a.no_networkx {
        let tmp =
            std::env::temp_dir().join(format!("entente-bench-networks-{}", std::process::id()));
        std::fs::create_dir_all(&tmp)?;
        let manifest = export::manifest(
            super::command_line(),
            inputs.provenance.clone(),
            0,
            Vec::new(),
        );
        for (y, m) in (span.0..=span.1).zip(&ms) {
            let net = Network::build(&inputs, y, &opts, &[])?;
            std::fs::write(
                tmp.join(format!("{y}.graphml")),
                export::graphml(&net, m, &manifest),
            )?;
        }
        let script = a.script.clone().unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/networks.py")
        });
        let ig = std::process::Command::new("python3")
            .arg(&script)
            .arg("igraph")
            .arg(&tmp)
            .arg(runs.max(5).to_string())
            .output();
        match ig {
            Ok(o) if o.status.success() => {
                let v: serde_json::Value = serde_json::from_slice(&o.stdout)
                    .context("reading the igraph bench's report")?;
                let ig_ms = v["core_s"].as_f64().unwrap_or(f64::NAN) * 1e3;
                s.push_str(&format!(
                    "    igraph {} (C core from Python), core set, 1 thread: {ig_ms:.0} ms (reading the GraphML not counted)\n    goals: core set no slower than igraph: {cmin:.0} ms vs {ig_ms:.0} ms, {}; every measure within 2× igraph's core time: {amin:.0} ms vs {:.0} ms, {}\n",
                    v["igraph"].as_str().unwrap_or("?"),
                    if cmin <= ig_ms { "met" } else { "NOT met" },
                    2.0 * ig_ms,
                    if amin <= 2.0 * ig_ms { "met" } else { "NOT met" },
                ));
            }
            Ok(o) => s.push_str(&format!(
                "    igraph: not run ({})\n",
                String::from_utf8_lossy(&o.stderr)
                    .lines()
                    .last()
                    .unwrap_or("failed")
            )),
            Err(e) => s.push_str(&format!("    igraph: not run ({e})\n")),
        }
        let out = std::process::Command::new("python3")
            .arg(&script)
            .arg("bench")
            .arg(&tmp)
            .output()
            .with_context(|| format!("running python3 {}", script.display()));
        let _ = std::fs::remove_dir_all(&tmp);
        let out = out?;
        if !out.status.success() {
            bail!(
                "networkx bench failed ({}): {}",
                script.display(),
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        let v: serde_json::Value =
            serde_json::from_slice(&out.stdout).context("reading the networkx bench's report")?;
        let nx_s = v["measures_s"].as_f64().unwrap_or(f64::NAN);
        s.push_str(&format!(
            "  networkx {} (Python), 1 thread: {:.1} s for the same measures on the same graphs (reading the GraphML, {:.1} s, not counted)\n  speed-up, 1 thread against 1 thread: {:.0}×   (goal ≥ 50×)\n",
            v["networkx"].as_str().unwrap_or("?"),
            nx_s,
            v["parse_s"].as_f64().unwrap_or(f64::NAN),
            nx_s * 1e3 / smin
        ));
    }
    s.push_str(&format!(
        "  loading the datasets first (not counted above): {load_ms:.0} ms\n  load average (1, 5, 15 min) at the end: {}\n",
        super::bench::load_average()
    ));
    print(&s)
}
