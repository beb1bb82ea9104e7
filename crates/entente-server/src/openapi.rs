//! The OpenAPI 3.1 document at `/openapi.json`. A test checks that every route of the API is here.

use axum::response::IntoResponse;
use axum::Json;
use serde_json::{json, Value};

fn q(name: &str, ty: &str, desc: &str) -> Value {
    json!({ "name": name, "in": "query", "required": false, "schema": { "type": ty }, "description": desc })
}

fn op(summary: &str, params: Vec<Value>) -> Value {
    json!({ "get": {
        "summary": summary,
        "parameters": params,
        "responses": {
            "200": { "description": "JSON", "content": { "application/json": { "schema": { } } } },
            "400": { "description": "A bad query", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
            "404": { "description": "Not found", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
            "503": { "description": "Data unavailable or a budget exhausted", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
        }
    }})
}

/// The document.
pub fn spec() -> Value {
    let year = |d: &str| q("year", "integer", d);
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Entente API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Read-only JSON API over Entente: the US alliance systems in Europe and East Asia & Pacific, the ties between them, similarity, networks, opportunities and simulation. Every error is JSON: {\"error\": ..., \"status\": ...}."
        },
        "paths": {
            "/api/health": op("Server status, the curated record and the data directory", vec![]),
            "/api/states": op("States with COW and ISO3 codes, region and group", vec![q("region", "string", "a region or group: europe, east-asia, challengers…")]),
            "/api/alliances": op("Alliances in force in a year with their members (curated record)", vec![year("1949–2025, default 2025"), q("state", "string", "ISO3 or COW code")]),
            "/api/ties": op("Dyadic ties of every kind between two groups", vec![q("between", "string", "default europe"), q("and", "string", "default east-asia"), year("only ties in force that year")]),
            "/api/brief": op("The interregional brief's content for a year", vec![year("1949–2025, default 2025")]),
            "/api/opportunities": op("Ranked European–East Asian pairs with decomposition and rationale", vec![year("1990–2025, default 2024"), q("top", "integer", "default 25, at most 1000"), q("pair", "string", "two codes, e.g. GBR,JPN")]),
            "/api/similarity": op("Every similarity measure of one state with the others in a year", vec![q("state", "string", "required: ISO3 or COW code"), q("other", "string", "one other state"), year("within the source's coverage"), q("source", "string", "atop (default), cow or curated")]),
            "/api/network": op("A year's multiplex network: measures, nodes, blocks and edges", vec![year("1949–2025, default 2024"), q("layers", "string", "alliance,cooperation (default), arms, un")]),
            "/api/trends": op("Network measures year by year", vec![q("measure", "string", "all (default) or names, comma-separated"), q("from", "integer", "first year"), q("to", "integer", "last year")]),
            "/api/scenarios": op("The simulation scenarios that ship with Entente", vec![]),
            "/api/simulate": op("A bounded Monte Carlo run of a scenario (at most 5,000 runs, a timeout, a small queue)", vec![q("scenario", "string", "default baseline"), q("runs", "integer", "1–5000, default 1000"), q("coordination", "number", "rho in [0, 1]"), q("seed", "integer", "the scenario's seed by default")]),
            "/api/frames": op("One year of a state-year or dyad-year frame, paged", vec![q("kind", "string", "state-year or dyad-year (default)"), year("1816–2025, default 2000"), q("add", "string", "comma-separated column sets (docs/frames.md)"), q("directed", "boolean", "default true"), q("page", "integer", "from 1"), q("page_size", "integer", "1–5000, default 1000")])
        },
        "components": { "schemas": { "Error": {
            "type": "object",
            "required": ["error", "status"],
            "properties": { "error": { "type": "string" }, "status": { "type": "integer" } }
        } } }
    })
}

/// `GET /openapi.json`
pub async fn document() -> impl IntoResponse {
    Json(spec())
}
