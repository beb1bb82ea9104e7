#!/usr/bin/env python3
"""networkx reference for Entente's network measures (crates/entente-networks).

Reads the GraphML files that `entente network --format graphml` writes and recomputes, with
networkx, every measure Entente stores in them. Two uses:

  python3 bench/networks.py check FILE.graphml...   compare networkx with Entente's values; prints a
                                                    JSON report, exits 1 on any mismatch
  python3 bench/networks.py bench DIR               time networkx computing the same measures on
                                                    every *.graphml in DIR (one per year); prints JSON
  python3 bench/networks.py igraph DIR [RUNS]       time igraph (PyPI `igraph`) on the core set
                                                    (betweenness, clustering, components, eigenvector on
                                                    the US's component, articulation points, bridges)

hub_dependence_treaty (hub dependence on the allied alliance ties of valued coding 3) and us_brokerage
(networkx's all_shortest_paths between NATO and East Asia & Pacific allies, the share through the US)
are checked too; cross_tie_strength needs the records behind each tie, which GraphML does not carry.

Conventions, the same as Entente's (docs/networks.md): the union graph is unweighted for the
topological measures; eigenvector centrality is taken on the connected component holding the US
(COW 2), unit Euclidean norm (networkx's eigenvector_centrality_numpy, exact to machine precision);
betweenness is normalised (networkx's default); the allied network is the subgraph induced by the
blocks us, nato, eap-allies and ip-partners.
"""
import json
import math
import sys
import time

import networkx as nx
import numpy as np

ALLIED = {"us", "nato", "eap-allies", "ip-partners"}
LAYERS = ["alliance", "cooperation", "arms", "un"]
US = "n2"


def cross_sets(G):
    nato = [v for v, b in G.nodes(data="block") if b == "nato"]
    eap = [v for v, b in G.nodes(data="block") if b == "eap-allies"]
    return nato, eap


def hub_dependence(G, nato, eap):
    comp = {}
    for i, c in enumerate(nx.connected_components(G)):
        for v in c:
            comp[v] = i
    H = G.copy()
    if US in H:
        H.remove_node(US)
    comp2 = {}
    for i, c in enumerate(nx.connected_components(H)):
        for v in c:
            comp2[v] = i
    connected = only = 0
    for a in nato:
        for b in eap:
            if comp[a] != comp[b]:
                continue
            connected += 1
            if comp2.get(a) != comp2.get(b) or a not in comp2:
                only += 1
    return None if connected == 0 else only / connected


def us_brokerage(G, nato, eap):
    """Mean over connected NATO × East Asia & Pacific ally pairs of the share of their shortest
    paths (networkx's all_shortest_paths, unweighted) that pass through the US."""
    if US not in G:
        return None
    total = n = 0
    for a in nato:
        for b in eap:
            if a == b or not nx.has_path(G, a, b):
                continue
            paths = list(nx.all_shortest_paths(G, a, b))
            n += 1
            total += sum(US in p[1:-1] for p in paths) / len(paths)
    return None if n == 0 else total / n


def min_cut(G, nato, eap):
    if not nato or not eap:
        return None
    D = nx.DiGraph()
    for a, b in G.edges():
        if US in (a, b):
            continue
        D.add_edge(a, b, capacity=1)
        D.add_edge(b, a, capacity=1)
    for a in nato:
        D.add_edge("_s", a)  # no capacity: infinite
    for b in eap:
        D.add_edge(b, "_t")
    if "_s" not in D or "_t" not in D:
        return 0
    return nx.maximum_flow_value(D, "_s", "_t")


def ei(G, nato, eap, edges):
    ns, es = set(nato), set(eap)
    e = i = 0
    for a, b in edges:
        ga = 0 if a in ns else (1 if a in es else None)
        gb = 0 if b in ns else (1 if b in es else None)
        if ga is None or gb is None:
            continue
        if ga == gb:
            i += 1
        else:
            e += 1
    return None if e + i == 0 else (e - i) / (e + i)


def profiles(G, layers, weights):
    """Each node's tie profile over the layers switched on: a (nodes × layers·nodes) numpy array."""
    nodes = list(G.nodes())
    idx = {v: i for i, v in enumerate(nodes)}
    n = len(nodes)
    P = np.zeros((n, len(layers), n))
    for a, b, d in G.edges(data=True):
        for j, l in enumerate(layers):
            if l in d:
                P[idx[a], j, idx[b]] = weights[l]
                P[idx[b], j, idx[a]] = weights[l]
    return idx, P


def equivalence(idx, P, v, u):
    """Pearson correlation of two profiles over every layer and every other node."""
    n = P.shape[2]
    if n < 3:
        return None
    keep = np.ones(n, dtype=bool)
    keep[idx[v]] = keep[idx[u]] = False
    x = P[idx[v]][:, keep].ravel()
    y = P[idx[u]][:, keep].ravel()
    x = x - x.mean()
    y = y - y.mean()
    vx, vy = (x * x).sum(), (y * y).sum()
    if vx <= 0 or vy <= 0:
        return None
    return float((x * y).sum() / math.sqrt(vx * vy))


def compute(G):
    """Every measure Entente stores in the GraphML file, recomputed with networkx."""
    out = {}
    nato, eap = cross_sets(G)
    layers = [l for l in G.graph.get("layers", "").split() if l]
    weights = {l: G.graph.get("weight_" + l, 0.0) for l in LAYERS}
    out["density"] = nx.density(G)
    out["betweenness"] = nx.betweenness_centrality(G)
    out["clustering"] = nx.clustering(G)
    out["clustering_average"] = sum(out["clustering"].values()) / G.number_of_nodes()
    comps = [frozenset(c) for c in nx.connected_components(G)]
    out["components"] = comps
    out["degree"] = dict(G.degree())
    out["strength"] = dict(G.degree(weight="weight"))
    ev = {}
    if US in G:
        comp = nx.node_connected_component(G, US)
        if len(comp) > 2:
            ev = nx.eigenvector_centrality_numpy(G.subgraph(comp))
    out["eigenvector"] = ev
    out["ei_union"] = ei(G, nato, eap, G.edges())
    for l in layers:
        out["ei_" + l] = ei(G, nato, eap, [(a, b) for a, b, d in G.edges(data=True) if l in d])
    blocks = sorted({b for _, b in G.nodes(data="block")})
    bd = {}
    for i, a in enumerate(blocks):
        for b in blocks[i:]:
            A = [v for v, x in G.nodes(data="block") if x == a]
            B = [v for v, x in G.nodes(data="block") if x == b]
            if a == b:
                pairs = len(A) * (len(A) - 1) // 2
                ties = G.subgraph(A).number_of_edges()
            else:
                pairs = len(A) * len(B)
                ties = nx.cut_size(G, A, B)
            bd[(a, b)] = None if pairs == 0 else ties / pairs
    out["block_density"] = bd
    allied = G.subgraph([v for v, b in G.nodes(data="block") if b in ALLIED]).copy()
    allied.add_nodes_from(G.nodes(data=True))
    out["hub_dependence"] = hub_dependence(allied, nato, eap)
    out["hub_dependence_all"] = hub_dependence(G, nato, eap)
    T = nx.Graph()
    T.add_nodes_from(G.nodes())
    T.add_edges_from((a, b) for a, b, d in allied.edges(data=True) if d.get("alliance", 0) >= 3)
    out["hub_dependence_treaty"] = hub_dependence(T, nato, eap)
    out["us_brokerage"] = us_brokerage(allied, nato, eap)
    out["articulation_points"] = set(nx.articulation_points(allied))
    out["bridges"] = {frozenset(e) for e in nx.bridges(allied)}
    out["min_cut"] = min_cut(allied, nato, eap)
    out["min_cut_all"] = min_cut(G, nato, eap)
    se = {}
    idx, P = profiles(G, layers, weights)
    for v, b in G.nodes(data="block"):
        if b in ("nato", "eap-allies", "ip-partners"):
            se[v] = {
                "se_us": equivalence(idx, P, v, US) if US in G else None,
                "se_chn": equivalence(idx, P, v, "n710") if "n710" in G else None,
                "se_rus": equivalence(idx, P, v, "n365") if "n365" in G else None,
            }
    out["equivalence"] = se
    return out


def diff(a, b):
    if a is None or b is None:
        return 0.0 if a is None and b is None else math.inf
    return abs(a - b)


def check(paths, tol=1e-9):
    report = {"tolerance": tol, "graphs": [], "ok": True}
    for p in paths:
        G = nx.read_graphml(p)
        r = compute(G)
        g = {"file": p, "year": G.graph.get("year"), "nodes": G.number_of_nodes(),
             "edges": G.number_of_edges(), "max_abs_diff": {}, "exact": {}, "failures": []}
        nodes = dict(G.nodes(data=True))

        def num(name, ours, theirs):
            d = diff(ours, theirs)
            g["max_abs_diff"][name] = max(g["max_abs_diff"].get(name, 0.0), d)
            if not d <= tol:
                g["failures"].append(f"{name}: entente {ours} networkx {theirs}")

        def same(name, ours, theirs):
            ok = ours == theirs
            g["exact"][name] = g["exact"].get(name, True) and ok
            if not ok:
                g["failures"].append(f"{name}: entente {sorted(map(str, ours)) if isinstance(ours, (set, frozenset)) else ours} networkx {sorted(map(str, theirs)) if isinstance(theirs, (set, frozenset)) else theirs}")

        for v, d in nodes.items():
            num("betweenness", d.get("betweenness"), r["betweenness"][v])
            num("clustering", d.get("clustering"), r["clustering"][v])
            num("strength", d.get("strength"), r["strength"][v])
            num("eigenvector", d.get("eigenvector"), r["eigenvector"].get(v))
            same("degree", d.get("degree"), r["degree"][v])
            for k in ("se_us", "se_chn", "se_rus"):
                if v in r["equivalence"]:
                    num("structural_equivalence", d.get(k), r["equivalence"][v][k])
                elif k in d:
                    g["failures"].append(f"{k} on {v}, which is not an ally or partner")
        ours_part = {}
        for v, d in nodes.items():
            ours_part.setdefault(d.get("component"), set()).add(v)
        same("components", {frozenset(s) for s in ours_part.values()}, set(r["components"]))
        same("component_count", G.graph.get("components"), len(r["components"]))
        num("density", G.graph.get("density"), r["density"])
        num("clustering_average", G.graph.get("clustering_average"), r["clustering_average"])
        num("ei_union", G.graph.get("ei_union"), r["ei_union"])
        num("hub_dependence", G.graph.get("hub_dependence"), r["hub_dependence"])
        num("hub_dependence_all", G.graph.get("hub_dependence_all"), r["hub_dependence_all"])
        num("hub_dependence_treaty", G.graph.get("hub_dependence_treaty"), r["hub_dependence_treaty"])
        num("us_brokerage", G.graph.get("us_brokerage"), r["us_brokerage"])
        num("min_cut", G.graph.get("min_cut"), r["min_cut"])
        num("min_cut_all", G.graph.get("min_cut_all"), r["min_cut_all"])
        aps = {"n" + x for x in G.graph.get("articulation_points", "").split()}
        same("articulation_points", aps, r["articulation_points"])
        brs = {frozenset("n" + y for y in x.split("-")) for x in G.graph.get("bridges", "").split()}
        same("bridges", brs, r["bridges"])
        g["eigenvector_nodes"] = len(r["eigenvector"])
        if g["failures"]:
            report["ok"] = False
        report["graphs"].append(g)
    print(json.dumps(report, indent=1))
    return 0 if report["ok"] else 1


def bench(directory, runs=1):
    import glob
    import os
    paths = sorted(glob.glob(os.path.join(directory, "*.graphml")))
    t0 = time.perf_counter()
    graphs = [nx.read_graphml(p) for p in paths]
    parse = time.perf_counter() - t0
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for G in graphs:
            compute(G)
        times.append(time.perf_counter() - t0)
    print(json.dumps({"graphs": len(graphs), "networkx": nx.__version__,
                      "parse_s": parse, "measures_s": min(times), "runs": runs}))
    return 0


def igraph_core(G, ig):
    """The core set on an igraph graph: betweenness, local clustering and components of the union,
    eigenvector centrality on the US's component, articulation points and bridges of the allied
    network."""
    out = {}
    out["betweenness"] = G.betweenness(directed=False)
    out["clustering"] = G.transitivity_local_undirected(mode="zero")
    comps = G.connected_components()
    out["components"] = len(comps)
    ids = G.vs["id"]
    if US in ids:
        us = ids.index(US)
        sub = G.induced_subgraph(comps[comps.membership[us]])
        out["eigenvector"] = sub.eigenvector_centrality(scale=False)
    allied = G.induced_subgraph([v.index for v in G.vs if v["block"] in ALLIED])
    out["articulation_points"] = allied.articulation_points()
    out["bridges"] = allied.bridges()
    return out


def bench_igraph(directory, runs=5):
    """Times igraph (its C core, one thread) on the core set, reading the GraphML not counted."""
    import glob
    import os
    import igraph as ig
    paths = sorted(glob.glob(os.path.join(directory, "*.graphml")))
    t0 = time.perf_counter()
    graphs = [ig.Graph.Read_GraphML(p) for p in paths]
    parse = time.perf_counter() - t0
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for G in graphs:
            igraph_core(G, ig)
        times.append(time.perf_counter() - t0)
    print(json.dumps({"graphs": len(graphs), "igraph": ig.__version__,
                      "parse_s": parse, "core_s": min(times), "runs": runs}))
    return 0


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "igraph":
        sys.exit(bench_igraph(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 5))
    if len(sys.argv) >= 3 and sys.argv[1] == "check":
        sys.exit(check(sys.argv[2:]))
    if len(sys.argv) >= 3 and sys.argv[1] == "bench":
        sys.exit(bench(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1))
    print(__doc__, file=sys.stderr)
    sys.exit(2)
