//! The API's response types. The OpenAPI document's schemas are generated from these types
//! (`utoipa`), and the handlers serialise these same types, so the two cannot drift apart. Parts
//! that are library types (a brief, an opportunity's decomposition, a network's measures, a
//! simulation's calibration, a frame's inputs) are those types themselves, which derive their
//! schemas under their crates' `openapi` feature; `tests/openapi.rs` checks every response against
//! its schema.

use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// Every error: one line in plain English, and the HTTP status.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    /// What went wrong, and what to do about it when there is something to do.
    pub error: String,
    /// The HTTP status code.
    pub status: u16,
}

/// The curated record in use.
#[derive(Serialize, ToSchema)]
pub struct RecordInfo {
    /// Records in it.
    pub records: usize,
    /// SHA-256 of its files: cite it with any figure drawn from the record.
    pub sha256: String,
    /// The years it covers, first and last.
    pub coverage: (i32, i32),
}

/// `GET /api/health`.
#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok`.
    pub status: &'static str,
    /// Entente's version.
    pub entente_version: &'static str,
    /// The curated record.
    pub curated_record: RecordInfo,
    /// The data directory, or null when the server runs on the curated record alone.
    pub data_directory: Option<String>,
    /// Views that need the data directory and cannot answer without it, with why (empty with data).
    pub degraded: Vec<Degraded>,
}

/// A view that cannot answer for want of a dataset.
#[derive(Serialize, ToSchema)]
pub struct Degraded {
    /// The dashboard view or API endpoint.
    pub view: &'static str,
    /// What is missing and how to get it.
    pub why: String,
}

/// A state.
#[derive(Serialize, ToSchema)]
pub struct StateOut {
    /// COW code.
    pub ccode: u16,
    /// ISO3 code, when it has one.
    pub iso3: Option<&'static str>,
    /// COW abbreviation.
    pub cow_abb: &'static str,
    /// Name.
    pub name: &'static str,
    /// Region.
    pub region: &'static str,
    /// Group (a region, the US or the challengers), when in one.
    pub group: Option<&'static str>,
    /// Latitude of its latest capital (null without the data directory's capitals).
    pub lat: Option<f64>,
    /// Longitude of its latest capital.
    pub lng: Option<f64>,
}

/// A document behind a record.
#[derive(Serialize, ToSchema)]
pub struct SourceOut {
    /// Title.
    pub title: String,
    /// URL.
    pub url: String,
    /// The document's date, or the day it was consulted.
    pub date: Option<String>,
    /// Publisher.
    pub publisher: Option<String>,
}

/// A state named in a row.
#[derive(Serialize, ToSchema)]
pub struct MemberOut {
    /// COW code (in the year asked for, or the latest).
    pub ccode: Option<u16>,
    /// ISO3 code as written in the record.
    pub iso3: String,
    /// Name.
    pub name: String,
    /// The day it joined (alliances).
    pub joined: Option<String>,
}

/// An alliance as of a year (`GET /api/alliances`).
#[derive(Serialize, ToSchema)]
pub struct AllianceOut {
    /// Record id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind (`defence_treaty`).
    pub kind: &'static str,
    /// Bilateral, multilateral or framework.
    pub scope: String,
    /// Obligations (ATOP's: defense, offense, neutrality, nonaggression, consultation).
    pub obligations: Vec<&'static str>,
    /// First day counted (`YYYY-MM-DD`).
    pub start: String,
    /// Last day, if it ended.
    pub end: Option<String>,
    /// In force from, as precisely as known.
    pub start_shown: String,
    /// Ended.
    pub end_shown: Option<String>,
    /// Status as of the record's cut-off date.
    pub status: String,
    /// Members that year.
    pub member_count: usize,
    /// The members.
    pub members: Vec<MemberOut>,
    /// Pairs of members not bound to each other that year (ISO3).
    pub suspended_pairs: Vec<[String; 2]>,
    /// `curated`.
    pub source: &'static str,
    /// The documents behind it.
    pub sources: Vec<SourceOut>,
}

/// A dyadic tie between two states (`GET /api/ties`).
#[derive(Serialize, ToSchema)]
pub struct TieOut {
    /// ISO3 of the first state.
    pub a: String,
    /// ISO3 of the second.
    pub b: String,
    /// COW code of `a`.
    pub a_ccode: u16,
    /// COW code of `b`.
    pub b_ccode: u16,
    /// Kind: defence_treaty, defence_cooperation, access_agreement, partnership, exercise,
    /// arms_industrial or arms_deal.
    pub kind: &'static str,
    /// Bilateral, multilateral or framework (an organisation's partnership).
    pub scope: String,
    /// Name.
    pub name: String,
    /// Record id (see `/api/records?id=`).
    pub id: String,
    /// First day the tie bound the pair (`YYYY-MM-DD`).
    pub start: Option<String>,
    /// Last day, if it ended.
    pub end: Option<String>,
    /// From, as precisely as known.
    pub start_shown: String,
    /// To.
    pub end_shown: Option<String>,
    /// Status.
    pub status: String,
    /// The documents behind it.
    pub sources: Vec<SourceOut>,
}

/// One record of the curated record, in full (`GET /api/records`): the drill-down.
#[derive(Serialize, ToSchema)]
pub struct RecordOut {
    /// Record id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind (file name).
    pub kind: &'static str,
    /// Kind, in words.
    pub kind_label: &'static str,
    /// Obligations (defence treaties).
    pub obligations: Vec<&'static str>,
    /// Signed on.
    pub signed: Option<String>,
    /// In force (or counted) from, as precisely as known.
    pub start_shown: String,
    /// Ended, as precisely as known.
    pub end_shown: Option<String>,
    /// Status as of the record's cut-off date.
    pub status: String,
    /// One sentence on the tie.
    pub summary: String,
    /// What could not be confirmed, or where sources disagree.
    pub note: Option<String>,
    /// The parties.
    pub members: Vec<MemberOut>,
    /// The documents behind it.
    pub sources: Vec<SourceOut>,
    /// Where it was read from, `file:line`.
    pub origin: String,
}

/// The records of a state, a pair or an id, with the record's hash to cite.
#[derive(Serialize, ToSchema)]
pub struct Records {
    /// What was asked for, in words.
    pub query: String,
    /// The records.
    pub records: Vec<RecordOut>,
    /// The curated record's SHA-256.
    pub record_sha256: String,
}

/// A headline figure: a value (null when it cannot be computed), its definition and its source.
#[derive(Serialize, ToSchema)]
pub struct Figure {
    /// The value, or null with `missing` saying why.
    pub value: Option<f64>,
    /// What it measures, in one line.
    pub about: String,
    /// Why the value is missing.
    pub missing: Option<String>,
}

/// `GET /api/headline`: the year's headline figures, without the whole network.
#[derive(Serialize, ToSchema)]
pub struct Headline {
    /// The year.
    pub year: i32,
    /// NATO members.
    pub nato_members: Figure,
    /// US treaty allies in East Asia & Pacific (a suspended treaty tie does not count).
    pub eap_allies: Figure,
    /// Distinct European–East Asian state pairs tied by at least one record in force (the one count
    /// of interregional ties: `CuratedRecord::cross_counts`, as in the brief and the report).
    pub cross_ties: Figure,
    /// Ties among the challengers.
    pub challenger_ties: Figure,
    /// The US share of the shortest paths between connected NATO × East Asia & Pacific ally pairs,
    /// ties weighted by strength (`us_brokerage_weighted`).
    pub us_brokerage: Figure,
    /// Hub dependence on defence treaties: the article's hub-and-spoke.
    pub hub_dependence_treaty: Figure,
    /// The E–I index, NATO against the East Asia & Pacific allies.
    pub ei: Figure,
    /// Where the figures come from.
    pub source: String,
    /// The curated record's SHA-256.
    pub record_sha256: String,
}

/// `GET /api/trends`.
#[derive(Serialize, ToSchema)]
pub struct Trends {
    /// Each measure's one-line definition, by name.
    pub measures: BTreeMap<&'static str, &'static str>,
    /// One row per year: `year` and each measure (null where it cannot be computed).
    pub rows: Vec<TrendRow>,
}

/// A year of `GET /api/trends`: the year and each measure asked for, by name (null where it cannot
/// be computed).
#[derive(Serialize, ToSchema)]
pub struct TrendRow {
    /// The year.
    pub year: i32,
    /// Each measure's value, by name.
    #[serde(flatten)]
    pub values: BTreeMap<&'static str, Option<f64>>,
}

/// `GET /api/similarity`.
#[derive(Serialize, ToSchema)]
pub struct SimilarityOut {
    /// The year.
    pub year: i32,
    /// The state asked for.
    pub state: String,
    /// The source of the portfolios (atop, cow or curated).
    pub source: &'static str,
    /// One row per other state: `ccode`, `iso3` and each measure (docs/similarity.md).
    pub rows: Vec<SimilarityRow>,
}

/// The other state of a similarity row and every measure with it, by the measure's name
/// (docs/similarity.md; null where undefined or outside coverage).
#[derive(Serialize, ToSchema)]
pub struct SimilarityRow {
    /// COW code.
    pub ccode: u16,
    /// ISO3 code, when it has one.
    pub iso3: Option<&'static str>,
    /// Each measure, by name (`kappava`, `srsvaa`, …).
    #[serde(flatten)]
    pub measures: BTreeMap<&'static str, Option<f64>>,
}

/// `GET /api/network`.
#[derive(Serialize, ToSchema)]
pub struct NetworkOut {
    /// The year.
    pub year: i32,
    /// Every measure of the year's network (docs/networks.md).
    pub measures: entente_networks::Measures,
    /// The edges with their layer values.
    pub edge_list: Vec<entente_networks::export::EdgeRow>,
    /// Layers that could not be built, with why.
    pub missing_layers: Vec<MissingLayer>,
}

/// A layer left out.
#[derive(Serialize, ToSchema)]
pub struct MissingLayer {
    /// The layer.
    pub layer: &'static str,
    /// Why.
    pub why: String,
}

/// `GET /api/frames`: one page of a year of a frame.
#[derive(Serialize, ToSchema)]
pub struct FramePage {
    /// `StateYear` or `DyadYear { directed }`.
    pub kind: String,
    /// The year.
    pub year: i32,
    /// The page, from 1.
    pub page: usize,
    /// Rows per page.
    pub page_size: usize,
    /// Rows in the year.
    pub total_rows: usize,
    /// Pages.
    pub pages: usize,
    /// Column names.
    pub columns: Vec<String>,
    /// The dataset files read, with their versions and hashes (the manifest's inputs).
    pub inputs: Vec<entente_core::ManifestInput>,
    /// The rows: each column's value by column name (null where missing).
    pub rows: Vec<BTreeMap<String, Cell>>,
}

/// A frame's cell: a number (a frame's columns are whole numbers, such as codes, years, counts and
/// dummies, written without a decimal point, or floating-point numbers), or null where missing.
#[derive(Serialize, ToSchema)]
#[serde(transparent)]
#[schema(value_type = Option<f64>)]
pub struct Cell(pub Option<serde_json::Number>);

/// A shipped scenario (`GET /api/scenarios`).
#[derive(Serialize, ToSchema)]
pub struct ScenarioOut {
    /// Its name (file stem).
    pub name: String,
    /// Its one-line description.
    pub title: String,
    /// The calibration year.
    pub year: i32,
    /// Its own coordination ρ.
    pub coordination: f64,
    /// Its own number of runs.
    pub runs: u64,
    /// Its own seed.
    pub seed: u64,
}

/// One measure of a simulation, summarised over runs.
#[derive(Serialize, ToSchema)]
pub struct SimMeasure {
    /// The model's name (`east_asia.failure_rate`).
    pub name: String,
    /// The group it belongs to, in words (`East Asia theatre`, `Whole system`, `Ally: japan`).
    pub group: String,
    /// A plain name.
    pub label: String,
    /// What it means, in one line (docs/model.md §8).
    pub about: String,
    /// Mean over runs.
    pub mean: f64,
    /// 95% confidence interval of the mean, low.
    pub lo: f64,
    /// 95% confidence interval of the mean, high.
    pub hi: f64,
    /// 2.5th percentile over runs.
    pub p2_5: f64,
    /// 97.5th percentile over runs.
    pub p97_5: f64,
    /// Zero in every run (folded away by the dashboard).
    pub all_zero: bool,
}

/// A paired difference, scenario minus baseline, on common random numbers (as `entente compare`).
#[derive(Serialize, ToSchema)]
pub struct SimDifference {
    /// The measure.
    pub measure: String,
    /// Plain name.
    pub label: String,
    /// Group.
    pub group: String,
    /// Mean under the baseline.
    pub baseline: f64,
    /// Mean under the scenario.
    pub scenario: f64,
    /// Mean paired difference.
    pub diff: f64,
    /// 95% confidence interval, low.
    pub lo: f64,
    /// 95% confidence interval, high.
    pub hi: f64,
    /// The interval excludes 0.
    pub significant: bool,
    /// The minimum important difference (docs/sensitivity.md).
    pub mid: f64,
    /// Significant and at least the minimum important difference.
    pub important: bool,
}

/// The calibration a run used.
#[derive(Serialize, ToSchema)]
pub struct CalibrationOut {
    /// The calibration year.
    pub year: i32,
    /// `Data` (SIPRI and COW from the data directory) or `BuiltIn` (the scenario's own figures).
    pub used: String,
    /// Assumptions and fallbacks taken, in words.
    pub notes: Vec<String>,
    /// Each state's figures.
    pub states: Vec<entente_sim::calibrate::StateFigures>,
}

/// `GET /api/simulate`.
#[derive(Serialize, ToSchema)]
pub struct SimulateOut {
    /// Scenario.
    pub scenario: String,
    /// Its description.
    pub title: String,
    /// Runs.
    pub runs: u64,
    /// Seed.
    pub seed: u64,
    /// Coordination ρ used.
    pub coordination: f64,
    /// The scenario's own coordination.
    pub scenario_coordination: f64,
    /// The calibration used.
    pub calibration: CalibrationOut,
    /// Every measure.
    pub summary: Vec<SimMeasure>,
    /// The paired differences against the baseline scenario at its own coordination, same runs
    /// and seed (empty when the run is the baseline itself).
    pub versus_baseline: Vec<SimDifference>,
    /// Milliseconds the runs took.
    pub elapsed_ms: u64,
}

/// One coordination level of a sweep.
#[derive(Serialize, ToSchema)]
pub struct CoordinationPoint {
    /// ρ.
    pub coordination: f64,
    /// The measures at that ρ (same order as `measures`).
    pub values: Vec<SweepValue>,
}

/// A measure's mean and interval at one ρ.
#[derive(Serialize, ToSchema)]
pub struct SweepValue {
    /// Mean over runs.
    pub mean: f64,
    /// 95% confidence interval of the mean, low.
    pub lo: f64,
    /// High.
    pub hi: f64,
}

/// `GET /api/coordination`: a scenario's headline measures across coordination ρ.
#[derive(Serialize, ToSchema)]
pub struct CoordinationOut {
    /// Scenario.
    pub scenario: String,
    /// Runs at each ρ.
    pub runs: u64,
    /// Seed (common to every ρ).
    pub seed: u64,
    /// The measures, with plain names.
    pub measures: Vec<SweepMeasure>,
    /// One point per ρ.
    pub points: Vec<CoordinationPoint>,
}

/// A measure of the sweep.
#[derive(Serialize, ToSchema)]
pub struct SweepMeasure {
    /// Model name.
    pub name: String,
    /// Plain name, with its group.
    pub label: String,
}

/// A year of a country's profile.
#[derive(Serialize, ToSchema)]
pub struct ProfileYear {
    /// The year.
    pub year: i32,
    /// Alliances (defence treaties) in force.
    pub alliances: usize,
    /// Other ties in force (records other than defence treaties).
    pub ties: usize,
    /// Similarity of its whole alliance portfolio to the US's (weighted kappa, ATOP valued), every
    /// year ATOP covers (null outside it, or where either state is outside the system). It says
    /// how alike the two states' lists of allies are, not whether they are allied to each other.
    pub similarity_us: Option<f64>,
    /// The same with China.
    pub similarity_chn: Option<f64>,
    /// The same with Russia.
    pub similarity_rus: Option<f64>,
    /// Best opportunity rank of a pair it is in (every year from 1990), when it is in a ranked
    /// pair.
    pub best_opportunity_rank: Option<usize>,
    /// The partner of that pair (ISO3).
    pub best_opportunity_partner: Option<String>,
}

/// `GET /api/profile`: one state over time.
#[derive(Serialize, ToSchema)]
pub struct Profile {
    /// The state.
    pub state: StateOut,
    /// Year by year.
    pub years: Vec<ProfileYear>,
    /// The similarity measure used and its source.
    pub similarity: String,
    /// What the similarity measure says and what it does not, in plain words.
    pub similarity_about: &'static str,
    /// Why similarity or opportunity figures are missing, when they are.
    pub missing: Vec<String>,
    /// The curated record's SHA-256.
    pub record_sha256: String,
}
