#!/usr/bin/env bash
# Copies the browser tests' screenshots that the README and docs show from artifacts/screenshots
# (written by `bash scripts/test.sh`) into docs/images, so the pictures are made by the tests but
# change in the repository only when someone means them to.
set -euo pipefail
cd "$(dirname "$0")/.."
shots=artifacts/screenshots
for name in judge-scoring organizer-panel engagement-category engagement-work awards-results awards-announcement awards-verification awards-organizations submission-page dashboard dashboard-metrics; do
  if [ -f "$shots/$name.png" ]; then cp "$shots/$name.png" "docs/images/$name.png"; echo "docs/images/$name.png"; fi
done
