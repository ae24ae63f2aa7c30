#!/usr/bin/env bash
# Measures the largest sequence length S at which the binary copy-memory network is exact,
# for several geometric ratios r and both erase gains (docs/synthetic-k2.md, "Largest S").
# For each (r, erase_gain, S) it writes a spec and runs `gatelang verify` at delay 100:
# every one of the 2^S sequences up to S = 16, in float32 and float64.
#
# Usage: benchmarks/capacity-sweep.sh [MAX_S]   (default 16; a run takes a few minutes)
set -euo pipefail
cd "$(dirname "$0")/.."

max_s="${1:-16}"
dotnet build src/GateLang.Cli -c Release -v quiet -nologo >/dev/null
gatelang=(dotnet src/GateLang.Cli/bin/Release/net10.0/GateLang.Cli.dll)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

printf '%-6s %-11s %s\n' "r" "erase_gain" "largest exact S (verify, delay 100, f32 and f64)"
for gain in 2 1; do
    for r in 2 3 4 6; do
        largest=0
        for s in $(seq 2 "$max_s"); do
            spec="$work/r${r}-g${gain}-s${s}.gate"
            cat > "$spec" <<SPEC
task copy { kind = vdcm  K = 2  S = $s  T = 100 }
network binary for copy {
    alpha = 10  beta = 3
    memory mem { size = S  ratio = $r  erase_gain = $gain }
    clock clk { size = S + 1 }
    switch sw { }
    readout = mem, clk, sw
}
SPEC
            if "${gatelang[@]}" verify "$spec" --limit 100000 >/dev/null; then
                largest=$s
            else
                break
            fi
        done
        printf '%-6s %-11s %s\n' "$r" "$gain" "$largest"
    done
done
