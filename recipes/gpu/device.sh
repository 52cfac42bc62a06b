#!/usr/bin/env bash
# Runs the GPU recipes on a rented machine that has only python3 + torch + numpy + Pillow +
# safetensors (no pip, no network).  The training images travel as lossless WebP (pixel-
# identical; PNG is too big for the transfer) and are turned back into PNG beside the repo,
# at ../shared/data/train, where the recipes expect them.
#   bash recipes/gpu/device.sh unpack .gpu/d1          # WebP folders -> ../shared/data/train
#   bash recipes/gpu/device.sh launch quality_x2 ...   # detached runs in runs/<name>
#   bash recipes/gpu/device.sh launch recipes/quality_x2.toml   # a recipe outside gpu/
#   TRAIN_ARGS="--set run.max_minutes=25" bash recipes/gpu/device.sh launch quality_x2
#   bash recipes/gpu/device.sh status                  # last log line of every run
#   bash recipes/gpu/device.sh snapshot OUT_DIR        # weights + logs as one .tar.gz
set -u
cmd=${1:?unpack|launch|status|snapshot}; shift
case "$cmd" in
unpack)
  python3 - "$1" <<'PY'
import os, sys
from concurrent.futures import ProcessPoolExecutor
from PIL import Image
src = os.path.join(sys.argv[1], "train")
dst = os.path.join("..", "shared", "data", "train")
jobs = [(os.path.join(src, s, f), os.path.join(dst, s, f[:-5] + ".png"))
        for s in sorted(os.listdir(src)) for f in sorted(os.listdir(os.path.join(src, s)))
        if f.endswith(".webp")]
def one(job):
    a, b = job
    os.makedirs(os.path.dirname(b), exist_ok=True)
    Image.open(a).save(b + ".tmp.png", compress_level=1)
    os.replace(b + ".tmp.png", b)
with ProcessPoolExecutor(16) as ex:
    list(ex.map(one, jobs))
print(f"unpacked {len(jobs)} images into {dst}")
PY
  ;;
launch)
  for arg in "$@"; do
    # a name in recipes/gpu/, or a recipe path (recipes/quality_x2.toml): runs/<its stem>
    case "$arg" in *.toml) recipe=$arg; n=$(basename "$arg" .toml) ;;
                   *) recipe="recipes/gpu/$arg.toml"; n=$arg ;; esac
    mkdir -p "runs/$n"
    setsid nohup env PYTHONPATH="$PWD" OMP_NUM_THREADS=1 PYTHONUNBUFFERED=1 \
      python3 -m trainer "$recipe" --out "runs/$n" --device cuda ${TRAIN_ARGS:-} \
      > "runs/$n/stdout.log" 2>&1 < /dev/null &
    echo "launched $n (pid $!)"
  done
  ;;
status)
  for f in runs/*/stdout.log; do echo "== $f: $(grep -c '' "$f") lines"; tail -n 2 "$f"; done
  nvidia-smi --query-gpu=utilization.gpu,memory.used --format=csv,noheader
  ;;
snapshot)
  # one archive per family (each must stay under the transfer's 16 MiB per file)
  out=${1:?OUT_DIR}; stamp=$(date +%H%M%S)
  for group in quality_x2 quality_x3 quality_x4 fast "srcnn fsrcnn espcn"; do
    files=()
    for fam in $group; do
      for d in runs/${fam}_*/ runs/${fam}/; do
        [ -d "$d" ] && for f in best.safetensors log.jsonl config.json stdout.log; do
          [ -f "$d$f" ] && files+=("$d$f"); done
      done
    done
    [ ${#files[@]} -gt 0 ] && tar czf "$out/${group%% *}_$stamp.tar.gz" "${files[@]}"
  done
  ls -la "$out"
  ;;
esac
