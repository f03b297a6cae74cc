#!/usr/bin/env bash
# deploy/kubernetes renders offline with `kubectl kustomize` (no cluster here: objects are
# rendered and checked, not applied). For each TLS layout, the objects a cluster would get
# hold what docs/kubernetes.md promises (kubernetes_manifests_check.py: replicas, non-root,
# read-only root, resources, probes, preStop, Service/Ingress/PDB/HPA wiring, the
# cert-manager Certificate's Secret where TLS ends, the Ingress controller's network as
# trusted proxies with the per-client caps on, every MCPD_ variable one that
# `mcpd --help` lists). Then mcpd runs with the pod's own environment (only addresses and
# mount paths moved into the test's directory, the trusted proxy to curl's address) and
# answers the probes' paths on the probe port, an MCP initialize for the Ingress's host
# name on the MCP port, and its landing page with https:// URLs when the Ingress says so.
#   bash kubernetes_manifests_test.sh CERTD MCPD
# shellcheck source-path=SCRIPTDIR source=../tls/tls_lib.sh
source "$(dirname "$0")/../tls/tls_lib.sh"

repo=$(cd "$(dirname "$0")/../.." && pwd)
command -v kubectl >/dev/null ||
  fail "kubectl not found: this test renders deploy/kubernetes with 'kubectl kustomize' (install kubectl, not from Debian)"
"$MCPD" --help >"$WORK/help.txt" 2>&1 || fail "mcpd --help failed: $(cat "$WORK/help.txt")"
make_ca
make_leaf pod 5 ec docs.example.com
openssl rand -base64 48 >"$WORK/state.key"  # as docs/kubernetes.md creates the Secret

# The default render is the TLS-in-the-pod overlay.
kubectl kustomize "$repo/deploy/kubernetes" >"$WORK/default.yaml" ||
  fail "kubectl kustomize deploy/kubernetes failed"

for mode in tls-in-pod tls-at-ingress; do
  rendered="$WORK/$mode.yaml"
  kubectl kustomize "$repo/deploy/kubernetes/overlays/$mode" >"$rendered" ||
    fail "kubectl kustomize overlays/$mode failed"
  docs="$WORK/$mode-docs"
  mkdir -p "$docs"
  run_capture /usr/bin/python3 "$(dirname "$0")/kubernetes_manifests_check.py" "$mode" "$rendered" \
    "$WORK/help.txt" "$docs"
  expect_eq "$CODE" 0 "rendered objects of $mode: $OUT $ERR"

  # The pod's environment, with addresses and paths moved onto this machine.
  vars=() probes=() scheme=http
  while read -r kind rest; do
    case "$kind" in
      probe) probes+=("$rest") ;;
      env)
        name=${rest%%=*} value=${rest#*=}
        case "$name" in
          MCPD_LISTEN | MCPD_HEALTH_LISTEN) value=127.0.0.1:0 ;;
          MCPD_DOCS) value=$docs ;;
          MCPD_TLS_CERT) value=$PKI/pod.crt scheme=https ;;
          MCPD_TLS_KEY) value=$PKI/pod.key ;;
          MCPD_MCP_STATE_SECRET_FILE) value=$WORK/state.key ;;
          MCPD_HTTP_TRUSTED_PROXIES) value=127.0.0.1 ;;  # the Ingress controller, here curl
        esac
        vars+=("$name=$value")
        ;;
    esac
  done <<<"$OUT"
  ((${#probes[@]} == 2)) || fail "$mode: expected two probe paths, got: ${probes[*]}"

  log="$WORK/$mode.log"
  start_bg "$log" env -i PATH="$PATH" "${vars[@]}" "$MCPD" run
  pid=$BG_PID
  # The pod logs JSON (MCPD_LOG_FORMAT=json). The health listener starts first, the MCP
  # listener once the certificate is loaded.
  deadline=$((SECONDS + 15))
  until (($(grep -c '"msg":"listening' "$log") >= 2)); do
    kill -0 "$pid" 2>/dev/null || fail "$mode: mcpd exited: $(cat "$log")"
    ((SECONDS < deadline)) || fail "$mode: mcpd not listening twice after 15 s: $(cat "$log")"
    sleep 0.05
  done
  ports=$(grep '"msg":"listening' "$log" | sed -E 's/.*"address":"127\.0\.0\.1:([0-9]+)".*/\1/')
  health=$(sed -n 1p <<<"$ports") port=$(sed -n 2p <<<"$ports")
  expect_contains "$(grep '"msg":"listening' "$log" | sed -n 2p)" "\"scheme\":\"$scheme\"" \
    "$mode: MCP listener scheme"
  [[ "$health" =~ ^[0-9]+$ && "$port" =~ ^[0-9]+$ ]] || fail "$mode: no ports in the log: $(cat "$log")"

  for path in "${probes[@]}"; do
    expect_eq "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$health$path")" 200 \
      "$mode: probe $path on the health port"
  done
  init='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}'
  run_capture curl -sS -D - --cacert "$PKI/ca.pem" --resolve "docs.example.com:$port:127.0.0.1" \
    -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    -d "$init" "$scheme://docs.example.com:$port/mcp"
  expect_eq "$CODE" 0 "$mode: initialize for the Ingress host: $ERR"
  expect_contains "$OUT" '"serverInfo"' "$mode: initialize result"
  expect_contains "$OUT" 'Mcp-Session-Id: mcpd-7d9f8b6c5-x2kqp.' "$mode: the session id starts with the pod's name"
  # The Ingress controller's X-Forwarded-Proto reaches the landing page's URLs (TLS ends
  # at the Ingress in either layout).
  run_capture curl -sS --cacert "$PKI/ca.pem" --resolve "docs.example.com:$port:127.0.0.1" \
    -H 'X-Forwarded-For: 192.0.2.7' -H 'X-Forwarded-Proto: https' -H 'Host: docs.example.com' \
    "$scheme://docs.example.com:$port/"
  expect_contains "$OUT" '<code id="mcp-url">https://docs.example.com/mcp</code>' \
    "$mode: landing page URLs behind the Ingress"
  # Documents come from the ConfigMap.
  run_capture curl -sS --cacert "$PKI/ca.pem" --resolve "docs.example.com:$port:127.0.0.1" \
    "$scheme://docs.example.com:$port/api/search?q=ConfigMap"
  expect_contains "$OUT" 'Welcome' "$mode: the ConfigMap's page is searchable"

  kill -TERM "$pid"
  wait_for_exit "$pid" 15
  expect_eq "$EXIT_CODE" 0 "$mode: mcpd exit code after SIGTERM"
done

cmp -s "$WORK/default.yaml" "$WORK/tls-in-pod.yaml" ||
  fail "deploy/kubernetes should render the tls-in-pod overlay"
echo "ok"
