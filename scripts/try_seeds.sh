#!/usr/bin/env bash
# The seeds tried as a new user would (issue "Claim store and verdicts"):
# ingest 001 (BBC), 000 (Krone), 002 (Kyiv Independent); check 004; ingest 004; check 003.
# Reads ../shared/seeds; writes a throwaway store in a temp dir.
set -euo pipefail
seeds="${1:-$(cd "$(dirname "$0")/../.." && pwd)/shared/seeds}"
db="$(mktemp -d)/seeds.db"
export COLUMNS="${COLUMNS:-160}"
crosscheck ingest --db "$db" --outlet BBC --published 2024-12-17 "$seeds"/001_*.txt >/dev/null
crosscheck ingest --db "$db" --outlet Krone --published 2024-12-18 "$seeds"/000_*.txt >/dev/null
crosscheck ingest --db "$db" --outlet "Kyiv Independent" --published 2024-12-22 "$seeds"/002_*.txt >/dev/null
echo "== check 004 (2024-12-27) against 001, 000, 002"
crosscheck check --db "$db" --published 2024-12-27 "$seeds"/004_*.txt
crosscheck ingest --db "$db" --published 2024-12-27 "$seeds"/004_*.txt >/dev/null
echo "== check 003 once 004 is stored"
crosscheck check --db "$db" --published 2025-01-14 "$seeds"/003_*.txt
echo "== crosscheck sources 'North Korean casualties'"
crosscheck sources --db "$db" "North Korean casualties"
