#!/usr/bin/env bash
# Installs what the platform and its tests need, when missing: PostgreSQL, RabbitMQ, ffmpeg,
# tzdata, Node, Chromium, the certificates' fonts and poppler-utils; then restores the solution. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
# What must already be here (README, "Before you start"): Debian or Ubuntu with apt, and the .NET SDK of global.json.
fail() { echo "setup: $1" >&2; exit 1; }
command -v apt-get >/dev/null || fail "this script installs its packages with apt-get: run it on Debian or Ubuntu (see README, \"Before you start\")."
sdk=$(sed -n 's/.*"version": *"\([0-9.]*\)".*/\1/p' global.json)
command -v dotnet >/dev/null || fail "the .NET SDK is not installed: install SDK $sdk or a later feature band of ${sdk%.*} (https://dot.net), then run this again."
# global.json rolls forward to the latest feature band: any ${sdk%.*}.N with N ≥ the patch it names.
dotnet --list-sdks | cut -d' ' -f1 | awk -F. -v want="$sdk" 'BEGIN { split(want, w, ".") } $1 == w[1] && $2 == w[2] && $3 + 0 >= w[3] + 0 { found = 1 } END { exit !found }' \
  || fail "no .NET SDK $sdk or later in ${sdk%.*} found (global.json asks for it); installed: $(dotnet --list-sdks | cut -d' ' -f1 | tr '\n' ' ')"
need=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || need+=(rabbitmq-server)
command -v ffprobe >/dev/null || need+=(ffmpeg)
command -v curl >/dev/null || need+=(curl)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
[ -e /usr/share/zoneinfo/Asia/Shanghai ] || need+=(tzdata)
# The judges' UI tests drive the machine's Chromium; a CJK font makes their screenshots readable.
command -v chromium >/dev/null || need+=(chromium)
# The certificates (A3) embed this single-file TrueType CJK font (PDFsharp cannot read .ttc), with DejaVu for
# the digits and Latin letters it lacks; the UI tests' screenshots use it too.
[ -e /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf ] || need+=(fonts-droid-fallback)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
# The certificates' tests read the PDFs back: pdftotext, pdftoppm, pdffonts.
command -v pdftotext >/dev/null || need+=(poppler-utils)
if ((${#need[@]})); then
  echo "setup: installing ${need[*]}"
  sudo=(); [ "$(id -u)" = 0 ] || sudo=(sudo)
  [ "$(id -u)" = 0 ] || command -v sudo >/dev/null || fail "installing ${need[*]} needs root: run this as root, or install sudo, or install those packages yourself."
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
dotnet restore Campaign.sln --verbosity quiet
