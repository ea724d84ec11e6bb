#!/usr/bin/env bash
# deploy/run.sh N PORT: N `mdr-explainer serve` processes on ports PORT+1 .. PORT+N behind nginx
# on PORT (WebSocket upgrade, cookie affinity), in the foreground; Ctrl-C or SIGTERM stops them
# all, and so does any one of them exiting.
#
# Environment: MDR_EXPLAINER (the command, default mdr-explainer), NGINX (default: nginx on PATH
# or /usr/sbin/nginx), MDR_LISTEN (nginx's address, default 127.0.0.1; 0.0.0.0 in a container),
# MDR_CONTENT (a content folder), MDR_SITE (live pages already built), MDR_ORIGIN (the public host:port if a proxy in front rewrites
# Host), MDR_ACCESS_LOG (nginx access log, default off).
set -euo pipefail
N="${1:-2}"
PORT="${2:-8080}"
HERE="$(cd "$(dirname "$0")" && pwd)"
MDR="${MDR_EXPLAINER:-mdr-explainer}"
NGINX="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"
LISTEN="${MDR_LISTEN:-127.0.0.1}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/mdr-deploy.XXXXXX")"
chmod 755 "$WORK"
pids=()

stop_all() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap stop_all EXIT
trap 'exit 0' INT TERM

extra=()
[ -n "${MDR_ORIGIN:-}" ] && extra+=(--allow-websocket-origin "$MDR_ORIGIN")
# Build the live pages once (unless MDR_SITE names a folder built by `build --live`); every
# server serves the same folder.
SITE="${MDR_SITE:-$WORK/site}"
[ -n "${MDR_SITE:-}" ] || "$MDR" build --live --out "$SITE" ${MDR_CONTENT:+--content "$MDR_CONTENT"}
upstreams=""
for i in $(seq 1 "$N"); do
  port=$((PORT + i))
  "$MDR" serve --site "$SITE" --address 127.0.0.1 --port "$port" "${extra[@]}" > >(sed -u "s/^/[server $port] /") 2>&1 &
  pids+=($!)
  upstreams+="        server 127.0.0.1:$port max_fails=0;"$'\n'
done

# Wait until every server answers its health check.
for i in $(seq 1 "$N"); do
  port=$((PORT + i))
  for _ in $(seq 1 240); do
    python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$port/healthz', timeout=2)" 2>/dev/null && break
    sleep 0.5
  done
done

WORK="$WORK" PORT="$PORT" LISTEN="$LISTEN" ACCESS_LOG="${MDR_ACCESS_LOG:-off}" UPSTREAMS="$upstreams" \
python3 - "$HERE/nginx.conf.template" "$WORK/nginx.conf" <<'PY'
import os, sys
text = open(sys.argv[1]).read()
for key in ("WORK", "PORT", "LISTEN", "ACCESS_LOG", "UPSTREAMS"):
    text = text.replace(f"@{key}@", os.environ[key].rstrip())
open(sys.argv[2], "w").write(text)
PY
"$NGINX" -t -q -e stderr -p "$WORK" -c "$WORK/nginx.conf"
"$NGINX" -e stderr -p "$WORK" -c "$WORK/nginx.conf" -g "daemon off;" &
pids+=($!)
echo "mdr-explainer: $N server(s) behind nginx at http://$LISTEN:$PORT/ (health: /healthz per server on ports $((PORT + 1))-$((PORT + N)))"
wait -n "${pids[@]}"
echo "mdr-explainer: a process stopped; stopping the rest" >&2
