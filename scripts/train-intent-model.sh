#!/usr/bin/env bash
# Retrains the prompt-injection intent model (docs/detection.md, "Intent model") from the intent
# sets and the corpus, and writes warden-engine/src/main/resources/.../intent-model.bin.
# Deterministic: the same data give the same bytes, which IntentModelTest checks.
#   scripts/train-intent-model.sh            (extra arguments go to Maven, e.g. -o)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/find-jdk.sh
warden_find_jdk
export PATH="$JAVA_HOME/bin:$PATH"
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
./mvnw -q -B "$@" -pl warden-engine -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
cd warden-engine
java -cp "target/classes:target/test-classes:$(cat "$cp_file")" \
  dev.warden.engine.injection.IntentModelTrainer .
