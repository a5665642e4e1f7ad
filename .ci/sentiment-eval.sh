#!/usr/bin/env bash
# Sentiment accuracy on a labelled English set the project did not write: the UCI "Sentiment Labelled
# Sentences" Amazon file (Kotzias et al., KDD 2015) as shipped by npm wink-sentiment. The data is fetched into
# an ignored folder at run time and never committed. Usage: .ci/sentiment-eval.sh  (builds the jar if needed)
set -euo pipefail
cd "$(dirname "$0")/.."
WINK_VERSION=5.0.2
work=target/sentiment-eval
data="$work/node_modules/wink-sentiment/test/data/amazon_cells_labelled.txt"
if [[ ! -f "$data" ]]; then
  mkdir -p "$work"
  npm install --prefix "$work" --no-save --no-audit --no-fund --ignore-scripts "wink-sentiment@$WINK_VERSION" >/dev/null
fi
if [[ ! -f target/uxlens.jar ]]; then
  mvn -B -q -DskipTests package
fi
java -jar target/uxlens.jar bench sentiment --file "$data"
