//! Writing a frame: CSV, Parquet or JSONL by the output's extension, streamed batch by batch through
//! Entente's one output writer (`entente-output`): a temporary file beside the destination, committed
//! together with the manifest only when both are complete, so a failure never leaves a partial file. A sidecar `<output>.manifest.json` records the command, Entente's
//! version, every input's sha256, version and coverage, the columns and the row count.

use crate::error::{FrameError, Result};
use crate::frame::Frame;
use crate::text::{Col, Printer, TEXT_CHUNK_ROWS};
use arrow_array::RecordBatch;
use arrow_schema::SchemaRef;
use entente_core::Manifest;
use entente_output::{Outputs, Writeback};
use indicatif::{ProgressBar, ProgressStyle};
use parquet::arrow::arrow_writer::{compute_leaves, ArrowColumnChunk, ArrowRowGroupWriterFactory};
use parquet::arrow::{add_encoded_arrow_schema_to_metadata, ArrowSchemaConverter};
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The output format, chosen by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// `.csv`: a header, then one line per row; missing values are `NA`.
    Csv,
    /// `.parquet`: Apache Parquet (Snappy), missing values are nulls.
    Parquet,
    /// `.jsonl`: one JSON object per line; missing values are `null`.
    Jsonl,
}

impl OutputFormat {
    /// The format for a path, by its extension.
    pub fn from_path(p: &Path) -> Result<OutputFormat> {
        match p
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("csv") => Ok(OutputFormat::Csv),
            Some("parquet") | Some("pq") => Ok(OutputFormat::Parquet),
            Some("jsonl") | Some("ndjson") => Ok(OutputFormat::Jsonl),
            _ => Err(FrameError::Output {
                path: p.display().to_string(),
                message: "the output's extension chooses its format: .csv, .parquet or .jsonl"
                    .into(),
            }),
        }
    }
}

/// How to write.
#[derive(Debug, Clone, Default)]
pub struct WriteOptions {
    /// The command line, for the manifest.
    pub command: String,
    /// Draw a progress bar on stderr.
    pub progress: bool,
}

/// The manifest's path for an output.
pub fn manifest_path(out: &Path) -> PathBuf {
    let mut s = out.as_os_str().to_owned();
    s.push(".manifest.json");
    PathBuf::from(s)
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> FrameError + '_ {
    move |e| FrameError::Io {
        path: path.display().to_string(),
        source: e,
    }
}

/// Rows per Parquet row group: each group's columns are encoded in parallel.
const ROW_GROUP_ROWS: usize = 512 * 1024;

/// A Parquet writer that encodes the columns of each row group in parallel (arrow-rs's
/// `ArrowRowGroupWriterFactory` pattern): on two cores this halves the encoding time, which is most
/// of the cost of writing a dyad-year frame.
struct ParallelParquet {
    writer: SerializedFileWriter<File>,
    factory: ArrowRowGroupWriterFactory,
    schema: SchemaRef,
    pending: Vec<RecordBatch>,
    pending_rows: usize,
    groups: usize,
}

impl ParallelParquet {
    fn new(
        file: File,
        schema: SchemaRef,
        props: WriterProperties,
    ) -> parquet::errors::Result<Self> {
        let mut props = props;
        add_encoded_arrow_schema_to_metadata(&schema, &mut props);
        let props = Arc::new(props);
        let parquet_schema = ArrowSchemaConverter::new()
            .with_coerce_types(props.coerce_types())
            .convert(&schema)?;
        let writer = SerializedFileWriter::new(file, parquet_schema.root_schema_ptr(), props)?;
        let factory = ArrowRowGroupWriterFactory::new(&writer, Arc::clone(&schema));
        Ok(ParallelParquet {
            writer,
            factory,
            schema,
            pending: Vec::new(),
            pending_rows: 0,
            groups: 0,
        })
    }

    fn write(&mut self, b: &RecordBatch) -> parquet::errors::Result<()> {
        self.pending_rows += b.num_rows();
        self.pending.push(b.clone());
        if self.pending_rows >= ROW_GROUP_ROWS {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> parquet::errors::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        use rayon::prelude::*;
        let writers = self.factory.create_column_writers(self.groups)?;
        let batches = std::mem::take(&mut self.pending);
        self.pending_rows = 0;
        let fields = self.schema.fields().clone();
        let chunks: Vec<parquet::errors::Result<ArrowColumnChunk>> = writers
            .into_par_iter()
            .enumerate()
            .map(|(i, mut w)| {
                for b in &batches {
                    for leaf in compute_leaves(&fields[i], b.column(i))? {
                        w.write(&leaf)?;
                    }
                }
                w.close()
            })
            .collect();
        let mut rg = self.writer.next_row_group()?;
        for c in chunks {
            c?.append_to_row_group(&mut rg)?;
        }
        rg.close()?;
        self.groups += 1;
        Ok(())
    }

    fn close(mut self) -> parquet::errors::Result<File> {
        self.flush()?;
        self.writer.into_inner()
    }
}

enum Sink {
    Csv(BufWriter<File>),
    Jsonl(BufWriter<File>),
    Parquet(Box<ParallelParquet>),
}

fn encode(path: &Path) -> impl Fn(String) -> FrameError + '_ {
    move |m| FrameError::Encode {
        path: path.display().to_string(),
        message: m,
    }
}

/// A year's batch made ready for the sink on the worker that built it: text formatted, or the
/// batch itself for Parquet (whose columns are encoded in parallel per row group).
enum Encoded {
    Batch(RecordBatch),
    Text(Vec<Vec<u8>>),
}

/// Formats a batch as CSV lines or JSON objects, in chunks of rows formatted in parallel, in order.
fn format_text(b: &RecordBatch, json: bool) -> Vec<Vec<u8>> {
    use rayon::prelude::*;
    let cols: Vec<Col> = b.columns().iter().map(|c| Col::of(c.as_ref())).collect();
    let keys: Vec<Vec<u8>> = if json {
        b.schema()
            .fields()
            .iter()
            .map(|f| format!("\"{}\":", f.name()).into_bytes())
            .collect()
    } else {
        Vec::new()
    };
    let n = b.num_rows();
    // Each worker keeps its printer (and its tables of printed values) from batch to batch.
    (0..n.div_ceil(TEXT_CHUNK_ROWS))
        .into_par_iter()
        .map(|k| {
            let rows = k * TEXT_CHUNK_ROWS..((k + 1) * TEXT_CHUNK_ROWS).min(n);
            Printer::with(&cols, json, |p| p.rows(&cols, &keys, rows))
        })
        .collect()
}

impl OutputFormat {
    /// Makes a batch ready for this format's sink (run on the worker that built it).
    fn encode(self, b: RecordBatch) -> Encoded {
        match self {
            OutputFormat::Parquet => Encoded::Batch(b),
            OutputFormat::Csv => Encoded::Text(format_text(&b, false)),
            OutputFormat::Jsonl => Encoded::Text(format_text(&b, true)),
        }
    }
}

impl Sink {
    fn write(&mut self, e: Encoded, path: &Path) -> Result<()> {
        match (self, e) {
            (Sink::Parquet(w), Encoded::Batch(b)) => {
                w.write(&b).map_err(|e| encode(path)(e.to_string()))
            }
            (Sink::Csv(w) | Sink::Jsonl(w), Encoded::Text(chunks)) => {
                // Whole chunks go straight to the file (after what is buffered), not through a
                // second copy in the buffer.
                w.flush().map_err(io(path))?;
                for c in &chunks {
                    w.get_mut().write_all(c).map_err(io(path))?;
                }
                Ok(())
            }
            _ => Err(encode(path)(
                "a batch was encoded for another format (a bug in Entente)".into(),
            )),
        }
    }

    fn finish(self, path: &Path) -> Result<()> {
        match self {
            Sink::Parquet(w) => {
                let f = w.close().map_err(|e| encode(path)(e.to_string()))?;
                f.sync_all().map_err(io(path))?;
            }
            Sink::Csv(w) | Sink::Jsonl(w) => {
                let f = w.into_inner().map_err(|e| encode(path)(e.to_string()))?;
                f.sync_all().map_err(io(path))?;
            }
        }
        Ok(())
    }
}

/// Writes a frame to `path` (format by extension) and its manifest beside it.
pub fn write_frame(frame: &Frame<'_>, path: &Path, opts: &WriteOptions) -> Result<Manifest> {
    let format = OutputFormat::from_path(path)?;
    // The frame and its manifest are one set of outputs, committed together.
    let mut outputs = Outputs::new();
    let file = outputs.create(path)?;
    // The disk writes while the next years are formatted (the commit still flushes before renaming).
    let writeback = Writeback::start(&file).map_err(io(path))?;
    let schema = frame.schema();
    let columns: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
    let mut sink = match format {
        OutputFormat::Csv => {
            // Column names are plain identifiers; numbers never need quoting.
            let mut w = BufWriter::with_capacity(1 << 20, file);
            w.write_all(columns.join(",").as_bytes())
                .map_err(io(path))?;
            w.write_all(b"\n").map_err(io(path))?;
            Sink::Csv(w)
        }
        OutputFormat::Jsonl => Sink::Jsonl(BufWriter::with_capacity(1 << 20, file)),
        OutputFormat::Parquet => {
            let props = WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .set_created_by(format!("entente {}", env!("CARGO_PKG_VERSION")))
                .build();
            Sink::Parquet(Box::new(
                ParallelParquet::new(file, schema.clone(), props)
                    .map_err(|e| encode(path)(e.to_string()))?,
            ))
        }
    };
    let (y0, y1) = frame.years();
    let bar = if opts.progress {
        let b = ProgressBar::new((y1 - y0 + 1) as u64);
        if let Ok(style) =
            ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} years {elapsed}")
        {
            b.set_style(style);
        }
        b.set_message(format!("{} {}–{}", frame.kind().label(), y0, y1));
        b
    } else {
        ProgressBar::hidden()
    };
    // Each year is formatted on the worker that built it; this thread only writes, in order.
    let rows = frame.for_each_mapped(
        |b| Ok(format.encode(b)),
        |e| {
            sink.write(e, path)?;
            writeback.nudge();
            Ok(())
        },
        |done| bar.set_position(done as u64),
    )?;
    bar.finish_and_clear();
    writeback.finish().map_err(io(path))?;
    sink.finish(path)?;
    let manifest = Manifest {
        command: opts.command.clone(),
        entente_version: env!("CARGO_PKG_VERSION").to_string(),
        created: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        inputs: frame.inputs().to_vec(),
        rows,
        columns,
    };
    let mpath = manifest_path(path);
    let text = serde_json::to_vec_pretty(&manifest).map_err(|e| encode(&mpath)(e.to_string()))?;
    outputs.write(&mpath, &text)?;
    outputs.commit()?;
    Ok(manifest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::{Float64Array, Int32Array};
    use arrow_schema::{DataType, Field, Schema};

    /// Rows formatted in parallel chunks come out whole and in order, across chunk boundaries.
    #[test]
    fn parallel_chunks_are_written_in_order() {
        let n = TEXT_CHUNK_ROWS * 3 + 17;
        let idx = Int32Array::from_iter_values(0..n as i32);
        let val = Float64Array::from_iter((0..n).map(|i| (i % 5 != 0).then_some(i as f64 / 4.0)));
        let schema = Arc::new(Schema::new(vec![
            Field::new("i", DataType::Int32, false),
            Field::new("v", DataType::Float64, true),
        ]));
        let b = RecordBatch::try_new(schema, vec![Arc::new(idx), Arc::new(val)]).unwrap();
        for json in [false, true] {
            let tmp = tempfile::NamedTempFile::new().unwrap();
            let w = BufWriter::new(tmp.reopen().unwrap());
            let (mut sink, format) = if json {
                (Sink::Jsonl(w), OutputFormat::Jsonl)
            } else {
                (Sink::Csv(w), OutputFormat::Csv)
            };
            sink.write(format.encode(b.clone()), tmp.path()).unwrap();
            sink.finish(tmp.path()).unwrap();
            let text = std::fs::read_to_string(tmp.path()).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(lines.len(), n);
            for (i, l) in lines.iter().enumerate() {
                let v = if i % 5 == 0 {
                    if json {
                        "null".to_string()
                    } else {
                        "NA".to_string()
                    }
                } else {
                    let x = i as f64 / 4.0;
                    if x.fract() == 0.0 {
                        format!("{}", x as i64)
                    } else {
                        format!("{x}")
                    }
                };
                let want = if json {
                    format!("{{\"i\":{i},\"v\":{v}}}")
                } else {
                    format!("{i},{v}")
                };
                assert_eq!(*l, want, "line {i}");
            }
        }
    }
}
