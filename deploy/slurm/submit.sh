#!/bin/bash
# Submits a sharded sweep and its merge: submit.sh SHARDS SCENARIO OUT [sweep options...]
# Prints the merge job's id. Slurm's MaxArraySize defaults to 1001 tasks: use at most 1000 shards
# (or split a larger design over several arrays; docs/scale-out.md).
set -euo pipefail
shards=$1; scenario=$2; out=$3; shift 3
here=$(cd "$(dirname "$0")" && pwd)
array=$(sbatch --parsable --array=0-$((shards - 1)) "$here/sweep.sbatch" "$scenario" "$out" "$@")
sbatch --parsable --dependency=afterok:"${array%%;*}" "$here/merge.sbatch" "$out"
