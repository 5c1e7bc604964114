#!/usr/bin/env bash
# Verifies an exported results record (GET /results/{campaign}/{category}/record, saved as a file)
# with nothing but jq and sha256sum: recomputes the hash chain over every event and checks each
# seal against it. Prints the digest of the last seal, to compare with the one the public
# announcement shows. Exit status 0: every seal matches its record; 1: something changed.
#   bash scripts/verify-results.sh record.json
# The chain (src/Awards/Sealing/ResultsRecord.cs): digest0 = sha256("campaign-results/{campaign}/{category}"),
# digestN = sha256(digestN-1 + "\n" + type + "\n" + data), lower-case hex.
set -euo pipefail
record=${1:?usage: verify-results.sh record.json}
sha() { sha256sum | cut -d' ' -f1; }

digest=$(printf '%s' "campaign-results/$(jq -r .campaignId "$record")/$(jq -r .categoryId "$record")" | sha)
digests=()
while IFS=$'\t' read -r type data; do
  digest=$(printf '%s\n%s\n%s' "$digest" "$type" "$(printf '%s' "$data" | base64 -d)" | sha)
  digests+=("$digest")
done < <(jq -r '.lines[] | [.type, (.data | @base64)] | @tsv' "$record")

status=0 seals=0 last=""
while IFS=$'\t' read -r events sealed; do
  seals=$((seals + 1))
  if [ "$events" -ge 1 ] && [ "$events" -le "${#digests[@]}" ] && [ "${digests[$((events - 1))]}" = "$sealed" ]; then
    echo "seal over events 1..$events: intact ($sealed)"
    last=$sealed
  else
    echo "seal over events 1..$events: BROKEN — sealed $sealed, the record gives ${digests[$((events - 1))]:-nothing}"
    status=1
  fi
done < <(jq -r '.lines[] | select(.type == "ResultsSealed") | .data | fromjson | [.events, .digest] | @tsv' "$record")

[ "$seals" -gt 0 ] || { echo "no seal in this record"; exit 1; }
[ "$status" -eq 0 ] && echo "every seal matches; the results in force are sealed by $last"
exit "$status"
