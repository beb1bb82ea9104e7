//! The OpenAPI document against the API itself: every route is in it; every schema is typed all the
//! way down (every `$ref` resolves, no object without its fields, no array without its items, no
//! schema that admits any value); and real answers of every endpoint, nested parts included,
//! validate against their schemas, with no field the schema does not name.
//!
//! The validator below covers the JSON Schema keywords utoipa writes, and fails on any other, so a
//! schema it cannot check never passes unchecked.

use axum::http::StatusCode;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

mod common;

async fn get(uri: &str) -> (StatusCode, Value) {
    common::request("GET", uri).await
}

/// The keywords a schema may use here; anything else fails the test rather than go unchecked.
const KEYWORDS: &[&str] = &[
    "$ref",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "propertyNames",
    "items",
    "prefixItems",
    "allOf",
    "oneOf",
    "anyOf",
    "enum",
    "format",
    "minimum",
    "maxItems",
    "minItems",
    "description",
    "title",
    "default",
    "examples",
];

struct Doc<'a> {
    schemas: &'a Map<String, Value>,
}

impl<'a> Doc<'a> {
    fn resolve(&self, s: &'a Value) -> Result<&'a Value, String> {
        match s.get("$ref").and_then(Value::as_str) {
            None => Ok(s),
            Some(r) => {
                let name = r
                    .strip_prefix("#/components/schemas/")
                    .ok_or_else(|| format!("$ref {r} is not to a component schema"))?;
                let t = self
                    .schemas
                    .get(name)
                    .ok_or_else(|| format!("$ref {r} does not resolve"))?;
                self.resolve(t)
            }
        }
    }

    /// Lints a schema: typed all the way down. `seen` keeps components already walked.
    fn lint(&self, s: &Value, at: &str, seen: &mut BTreeSet<String>, out: &mut Vec<String>) {
        let Some(o) = s.as_object() else {
            // A boolean schema: `false` (no more items) is a constraint; `true` admits anything.
            if s != &Value::Bool(false) {
                out.push(format!("{at}: schema {s} admits any value"));
            }
            return;
        };
        for k in o.keys() {
            if !KEYWORDS.contains(&k.as_str()) {
                out.push(format!("{at}: keyword {k} is not one this test checks"));
            }
        }
        if let Some(r) = o.get("$ref").and_then(Value::as_str) {
            match self.resolve(s) {
                Err(e) => out.push(format!("{at}: {e}")),
                Ok(t) => {
                    if seen.insert(r.to_string()) {
                        self.lint(t, r, seen, out);
                    }
                }
            }
            return;
        }
        let typed = ["type", "allOf", "oneOf", "anyOf", "enum"]
            .iter()
            .any(|k| o.contains_key(*k));
        if !typed {
            out.push(format!("{at}: untyped schema {s} (admits any value)"));
        }
        let types: Vec<&str> = match o.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        if types.contains(&"object") {
            let props = o
                .get("properties")
                .and_then(Value::as_object)
                .is_some_and(|p| !p.is_empty());
            let extra = o.get("additionalProperties").is_some_and(Value::is_object);
            if !props && !extra {
                out.push(format!(
                    "{at}: an object with neither properties nor a schema for its values"
                ));
            }
        }
        if types.contains(&"array") && !o.contains_key("items") && !o.contains_key("prefixItems") {
            out.push(format!("{at}: an array without a schema for its items"));
        }
        if let Some(p) = o.get("properties").and_then(Value::as_object) {
            for (k, v) in p {
                self.lint(v, &format!("{at}.{k}"), seen, out);
            }
        }
        for k in ["additionalProperties", "propertyNames", "items"] {
            if let Some(v) = o.get(k) {
                self.lint(v, &format!("{at}/{k}"), seen, out);
            }
        }
        for k in ["prefixItems", "allOf", "oneOf", "anyOf"] {
            for (i, v) in o
                .get(k)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                self.lint(v, &format!("{at}/{k}[{i}]"), seen, out);
            }
        }
    }

    /// The property names an object schema names, through `$ref` and `allOf`.
    fn names(&self, s: &'a Value, into: &mut BTreeSet<String>) {
        let Ok(s) = self.resolve(s) else { return };
        if let Some(p) = s.get("properties").and_then(Value::as_object) {
            into.extend(p.keys().cloned());
        }
        for m in s
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            self.names(m, into);
        }
    }

    /// Validates a value against a schema. `allowed`: field names an enclosing `allOf` names
    /// elsewhere (a flattened struct's fields).
    fn check(
        &self,
        v: &Value,
        s: &'a Value,
        at: &str,
        allowed: &BTreeSet<String>,
    ) -> Result<(), String> {
        if let Value::Bool(b) = s {
            return if *b {
                Ok(())
            } else {
                Err(format!("{at}: no value allowed here"))
            };
        }
        let s = self.resolve(s)?;
        if let Some(all) = s.get("allOf").and_then(Value::as_array) {
            let mut names = allowed.clone();
            self.names(s, &mut names);
            for m in all {
                self.check(v, m, at, &names)?;
            }
        }
        if let Some(one) = s.get("oneOf").and_then(Value::as_array) {
            let ok: Vec<usize> = one
                .iter()
                .enumerate()
                .filter(|(_, m)| self.check(v, m, at, allowed).is_ok())
                .map(|(i, _)| i)
                .collect();
            if ok.len() != 1 {
                let why: Vec<String> = one
                    .iter()
                    .filter_map(|m| self.check(v, m, at, allowed).err())
                    .collect();
                return Err(format!(
                    "{at}: {} of oneOf match {v} ({})",
                    ok.len(),
                    why.join("; ")
                ));
            }
        }
        if let Some(any) = s.get("anyOf").and_then(Value::as_array) {
            if !any.iter().any(|m| self.check(v, m, at, allowed).is_ok()) {
                return Err(format!("{at}: no anyOf matches {v}"));
            }
        }
        if let Some(e) = s.get("enum").and_then(Value::as_array) {
            if !e.contains(v) {
                return Err(format!("{at}: {v} is not one of {e:?}"));
            }
        }
        if let Some(t) = s.get("type") {
            let types: Vec<&str> = match t {
                Value::String(t) => vec![t.as_str()],
                Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
                _ => return Err(format!("{at}: type {t} is not a type")),
            };
            let is = |t: &str| match t {
                "null" => v.is_null(),
                "boolean" => v.is_boolean(),
                "integer" => v.is_i64() || v.is_u64(),
                "number" => v.is_number(),
                "string" => v.is_string(),
                "array" => v.is_array(),
                "object" => v.is_object(),
                _ => false,
            };
            if !types.iter().any(|t| is(t)) {
                return Err(format!("{at}: {v} is not {types:?}"));
            }
        }
        if let (Some(min), Some(x)) = (s.get("minimum").and_then(Value::as_f64), v.as_f64()) {
            if x < min {
                return Err(format!("{at}: {x} is below its minimum {min}"));
            }
        }
        if let Some(o) = v.as_object() {
            let props = s.get("properties").and_then(Value::as_object);
            for r in s
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let r = r.as_str().unwrap_or_default();
                if !o.contains_key(r) {
                    return Err(format!("{at}: required field {r} is missing"));
                }
            }
            for (k, x) in o {
                let here = format!("{at}.{k}");
                if let Some(names) = s.get("propertyNames") {
                    self.check(&Value::String(k.clone()), names, &here, &BTreeSet::new())?;
                }
                match (props.and_then(|p| p.get(k)), s.get("additionalProperties")) {
                    (Some(p), _) => self.check(x, p, &here, &BTreeSet::new())?,
                    (None, Some(extra)) => self.check(x, extra, &here, &BTreeSet::new())?,
                    (None, None) if allowed.contains(k) => {}
                    (None, None) if props.is_some() => {
                        return Err(format!("{here}: a field its schema does not name"))
                    }
                    (None, None) => {}
                }
            }
        }
        if let Some(a) = v.as_array() {
            let prefix = s
                .get("prefixItems")
                .and_then(Value::as_array)
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            for (i, x) in a.iter().enumerate() {
                let here = format!("{at}[{i}]");
                match (prefix.get(i), s.get("items")) {
                    (Some(p), _) => self.check(x, p, &here, &BTreeSet::new())?,
                    (None, Some(items)) => self.check(x, items, &here, &BTreeSet::new())?,
                    (None, None) => {}
                }
            }
            let n = a.len() as u64;
            let min = s.get("minItems").and_then(Value::as_u64).unwrap_or(0);
            let max = s
                .get("maxItems")
                .and_then(Value::as_u64)
                .unwrap_or(u64::MAX);
            if n < min || n > max {
                return Err(format!("{at}: {n} items, outside {min}..={max}"));
            }
        }
        Ok(())
    }
}

fn document() -> Value {
    serde_json::to_value(entente_server::openapi_spec()).unwrap()
}

#[test]
fn every_schema_is_typed_all_the_way_down() {
    let d = document();
    let doc = Doc {
        schemas: d["components"]["schemas"].as_object().unwrap(),
    };
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for (name, s) in doc.schemas {
        seen.insert(format!("#/components/schemas/{name}"));
        doc.lint(s, name, &mut seen, &mut out);
    }
    for (p, item) in d["paths"].as_object().unwrap() {
        for (code, r) in item["get"]["responses"].as_object().unwrap() {
            let s = &r["content"]["application/json"]["schema"];
            if s.is_null() {
                out.push(format!("{p} {code}: no schema"));
            } else {
                doc.lint(s, &format!("{p} {code}"), &mut seen, &mut out);
            }
        }
    }
    assert!(out.is_empty(), "{}", out.join("\n"));
}

#[test]
fn the_lint_and_the_validator_can_fail() {
    let schemas: Map<String, Value> = serde_json::from_str(
        r#"{"A": {"type": "object", "properties": {"x": {"type": "integer"}}, "required": ["x"]},
            "Free": {"type": "object"},
            "Any": {}}"#,
    )
    .unwrap();
    let doc = Doc { schemas: &schemas };
    let a: Value = serde_json::json!({"$ref": "#/components/schemas/A"});
    let none = BTreeSet::new();
    assert!(doc
        .check(&serde_json::json!({"x": 1}), &a, "", &none)
        .is_ok());
    for bad in [
        serde_json::json!({"x": 1.5}),
        serde_json::json!({}),
        serde_json::json!({"x": 1, "y": 2}),
        serde_json::json!([1]),
    ] {
        assert!(doc.check(&bad, &a, "", &none).is_err(), "{bad}");
    }
    let mut out = Vec::new();
    for (n, s) in &schemas {
        doc.lint(s, n, &mut BTreeSet::new(), &mut out);
    }
    doc.lint(
        &serde_json::json!({"$ref": "#/components/schemas/Missing"}),
        "m",
        &mut BTreeSet::new(),
        &mut out,
    );
    assert_eq!(out.len(), 3, "{out:#?}");
}

/// Real answers of every endpoint, with parameters that bring out their nested parts.
const SAMPLES: &[&str] = &[
    "/api/health",
    "/api/states",
    "/api/alliances?year=2024",
    "/api/ties?year=2024",
    "/api/ties?between=challengers&and=challengers",
    "/api/brief?year=2024",
    "/api/brief?year=1950",
    "/api/headline?year=2024",
    "/api/headline?year=1949",
    "/api/records?state=JPN",
    "/api/opportunities?year=2024&top=30",
    "/api/opportunities?year=1990&top=0",
    "/api/similarity?state=JPN&year=2000",
    "/api/frames?kind=state-year&year=2000&page_size=20",
    "/api/frames?year=2000&page_size=20",
    "/api/network?year=2024",
    "/api/network?year=1960&layers=alliance,cooperation,arms,un",
    "/api/trends",
    "/api/profile?state=JPN",
    "/api/scenarios",
    "/api/simulate?scenario=asia-first&runs=20",
    "/api/coordination?scenario=baseline&runs=20",
    // Errors: each against its status's schema.
    "/api/similarity",
    "/api/brief?year=1800",
    "/api/opportunities?pair=GBR,FRA",
    "/api/simulate?scenario=nope",
];

#[tokio::test]
async fn every_answer_validates_against_its_schema() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let d = document();
    let doc = Doc {
        schemas: d["components"]["schemas"].as_object().unwrap(),
    };
    let paths = d["paths"].as_object().unwrap();
    let mut covered = BTreeSet::new();
    let mut failures = Vec::new();
    for uri in SAMPLES {
        let path = uri.split('?').next().unwrap();
        let (s, body) = get(uri).await;
        let code = s.as_u16().to_string();
        let Some(schema) = paths
            .get(path)
            .map(|p| &p["get"]["responses"][&code]["content"]["application/json"]["schema"])
            .filter(|s| !s.is_null())
        else {
            failures.push(format!("{uri}: status {code} is not documented"));
            continue;
        };
        if s == StatusCode::OK {
            covered.insert(path.to_string());
        }
        if let Err(e) = doc.check(&body, schema, uri, &BTreeSet::new()) {
            failures.push(e);
        }
    }
    for p in paths.keys() {
        if !covered.contains(p) {
            failures.push(format!("{p}: no sample answer checked here"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn the_openapi_document_lists_every_route() {
    let (s, v) = get("/openapi.json").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["openapi"], "3.1.0");
    let paths = v["paths"].as_object().unwrap();
    let src = include_str!("../src/lib.rs");
    let mut n = 0;
    for line in src.lines().filter(|l| l.contains(".route(\"/")) {
        let route = line.split('"').nth(1).unwrap();
        if route == "/openapi.json" {
            continue;
        }
        n += 1;
        let full = format!("/api{route}");
        assert!(paths.contains_key(&full), "{full} is not in /openapi.json");
    }
    assert_eq!(n, paths.len(), "every documented path is a route");
}
