#!/usr/bin/env bash
# The recipe of docs/certd-with-nginx.md, run with Debian's nginx and Pebble: the nginx
# servers, certd's YAML and the commands are taken from the document's code blocks, with
# only these substitutions: example.com -> shop.e2e.test, the paths /var/www/acme,
# /var/www/html and /var/lib/certd/certs -> directories of this test, `listen 80` and
# `listen 443 ssl` -> free ports on 127.0.0.1 (the [::] listens are dropped), and
# `nginx` -> this test's nginx with its own config, pid and error log (`-c ... -e ...`);
# certd's YAML gets the lines that point it at Pebble instead of Let's Encrypt.
# Steps: nginx serves the challenge folder on Pebble's HTTP-01 port; `certd renew` obtains
# the certificate through it (webroot); nginx serves it over TLS; `certd run` keeps it;
# `certd renew --force` beside the daemon renews it, its deploy hook reloads nginx, and a
# new handshake shows the new serial. nginx runs as the test user, in the foreground, and is
# stopped by its PID.
#   bash certd_with_nginx_test.sh CERTD MCPD
# shellcheck source-path=SCRIPTDIR source=../cli/lib.sh
source "$(dirname "$0")/../cli/lib.sh"
# shellcheck source=../certd/pebble_lib.sh
source "$(dirname "$0")/../certd/pebble_lib.sh"

NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[[ -x $NGINX ]] || fail "nginx is not installed (scripts/deps.sh: nginx-light)"
DOC=$(cd "$(dirname "$0")/../.." && pwd)/docs/certd-with-nginx.md
[[ -f $DOC ]] || fail "$DOC is missing"

DOMAIN=shop.e2e.test
start_pebble
TLS_PORT=$(free_port)
N=$WORK/nginx
mkdir -p "$N/sites" "$N/temp" "$WORK/html" "$WORK/certs"
echo "shop front page" >"$WORK/html/index.html"

# doc_block LANG N: the Nth fenced code block of the document whose info string is LANG,
# with the test's substitutions applied.
doc_block() {
  awk -v lang="$1" -v want="$2" '
    /^```/ { if (inside) { inside = 0; next } if ($0 == "```" lang) { n++; inside = (n == want) } next }
    inside { print }' "$DOC" |
    sed -e "s|/var/lib/certd/certs|$WORK/certs|g" -e "s|/var/www/acme|$WORK/acme|g" \
      -e "s|/var/www/html|$WORK/html|g" -e "s|example\.com|$DOMAIN|g" \
      -e "s|listen 80;|listen 127.0.0.1:$HTTP01_PORT;|" -e "s|listen 443 ssl;|listen 127.0.0.1:$TLS_PORT ssl;|" \
      -e '/listen \[::\]/d' \
      -e "s#\(^\|[ &;|]\)nginx -\([ts]\)#\1$NGINX -c $N/nginx.conf -e $N/error.log -\2#g" \
      -e "s#^certd #$CERTD #" -e "s#/etc/certd/certd.yaml#$WORK/certd.yaml#g"
}
# doc_commands N: runs the Nth sh block, one command line at a time, as the reader would.
doc_commands() {
  local cmd
  while IFS= read -r cmd; do
    [[ -z $cmd ]] && continue
    echo "+ $cmd"
    bash -c "$cmd" || fail "the documented command failed: $cmd"
  done < <(doc_block sh "$1")
}

# Stands in for Debian's /etc/nginx/nginx.conf: loopback, private paths, this user,
# and the sites the document tells the reader to write.
user_line=""
[[ $(id -u) == 0 ]] && user_line="user $(id -un) $(id -gn);"
cat >"$N/nginx.conf" <<CONF
$user_line
daemon off;
worker_processes 1;
pid $N/nginx.pid;
error_log $N/error.log info;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    access_log $N/access.log;
    client_body_temp_path $N/temp/body;
    proxy_temp_path $N/temp/proxy;
    fastcgi_temp_path $N/temp/fastcgi;
    uwsgi_temp_path $N/temp/uwsgi;
    scgi_temp_path $N/temp/scgi;
    include $N/sites/*.conf;
}
CONF

# nginx as Debian's package leaves it: running, with no site yet.
start_bg "$WORK/nginx.out" "$NGINX" -c "$N/nginx.conf" -e "$N/error.log"
nginx_pid=$BG_PID
deadline=$((SECONDS + 10))
until [[ "$(cat "$N/nginx.pid" 2>/dev/null)" == "$nginx_pid" ]]; do
  ((SECONDS < deadline)) || fail "nginx did not write its pid file: $(cat "$N/error.log" "$WORK/nginx.out")"
  sleep 0.05
done

# Step 1: the challenge folder, the port-80 server, nginx reloaded.
doc_commands 1 # mkdir -p /var/www/acme
doc_block nginx 1 >"$N/sites/$DOMAIN.conf"
grep -q "listen 127.0.0.1:$HTTP01_PORT;" "$N/sites/$DOMAIN.conf" || fail "no port-80 server in the document"
doc_commands 2 # nginx -t && nginx -s reload
wait_for_port "$HTTP01_PORT" 10
expect_eq "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -H "Host: $DOMAIN" \
  "http://127.0.0.1:$HTTP01_PORT/page")" "301 https://$DOMAIN/page" "port-80 answer outside the challenge folder"

# Step 2: certd's configuration as documented, pointed at Pebble; the first certificate.
doc_block yaml 1 >"$WORK/certd.yaml"
cat >>"$WORK/certd.yaml" <<YAML
directory: $PEBBLE_DIR_URL
ca_bundle: $PEBBLE_CA
YAML
grep -q "^deploy_hook: $NGINX -c $N/nginx.conf -e $N/error.log -s reload$" "$WORK/certd.yaml" ||
  fail "unexpected deploy hook: $(cat "$WORK/certd.yaml")"
doc_commands 3 # certd --config /etc/certd/certd.yaml renew
file_serial() { openssl x509 -in "$WORK/certs/$DOMAIN.cert.pem" -noout -serial | cut -d= -f2; }
first=$(file_serial)
expect_eq "$(stat -L -c %a "$WORK/certs/$DOMAIN.key.pem")" 600 "mode of the key (File permissions)"
grep -q "GET /.well-known/acme-challenge/" "$N/access.log" || fail "Pebble never fetched the challenge from nginx"
[[ -z "$(ls -A "$WORK/acme/.well-known/acme-challenge")" ]] || fail "challenge files were left behind"

# Step 3: the TLS server, then nginx reloaded as documented.
doc_block nginx 2 >>"$N/sites/$DOMAIN.conf"
grep -q "ssl_certificate_key $WORK/certs/$DOMAIN.key.pem;" "$N/sites/$DOMAIN.conf" || fail "no TLS server in the document"
pebble_root 0 >"$WORK/root.pem"
served_serial() {
  openssl s_client -connect "127.0.0.1:$TLS_PORT" -servername "$DOMAIN" -verify_hostname "$DOMAIN" \
    -CAfile "$WORK/root.pem" -verify_return_error </dev/null 2>/dev/null |
    openssl x509 -noout -serial 2>/dev/null | cut -d= -f2
}
wait_for_serial() {
  local deadline=$((SECONDS + $2)) got=""
  while ((SECONDS < deadline)); do
    got=$(served_serial || true)
    [[ "$got" == "$1" ]] && return 0
    sleep 0.05
  done
  fail "nginx still serves serial '$got' after $2 s, expected $1: $(tail -n 20 "$N/error.log")"
}
doc_commands 4 # nginx -t && nginx -s reload
wait_for_serial "$first" 15
expect_eq "$(curl -sf --cacert "$WORK/root.pem" --resolve "$DOMAIN:$TLS_PORT:127.0.0.1" \
  "https://$DOMAIN:$TLS_PORT/")" "shop front page" "page over HTTPS, trusting Pebble's root"

# Step 4: the daemon, and a renewal forced beside it; the deploy hook reloads nginx.
start_bg "$WORK/certd-run.log" "$CERTD" --config "$WORK/certd.yaml" run
certd_pid=$BG_PID
wait_for_match "$WORK/certd-run.log" "renewal loop sleeping until=" 30 >/dev/null
if grep -q "order created" "$WORK/certd-run.log"; then fail "certd run ordered a valid certificate again"; fi
workers_before=$(pgrep -P "$nginx_pid" | sort | tr '\n' ' ')
run_capture bash -c "$(doc_block sh 5)" # certd ... renew --force example.com
expect_eq "$CODE" 0 "certd renew --force (stderr: $ERR)"
expect_contains "$ERR" "deploy hook finished name=$DOMAIN" "certd renew --force log"
second=$(file_serial)
[[ "$second" != "$first" ]] || fail "the forced renewal kept serial $first"
wait_for_serial "$second" 15
[[ "$(pgrep -P "$nginx_pid" | sort | tr '\n' ' ')" != "$workers_before" ]] || fail "nginx's workers were not replaced"
grep -q "signal 1 (SIGHUP) received.*reconfiguring" "$N/error.log" || fail "nginx logged no reload"

run_capture "$CERTD" --config "$WORK/certd.yaml" status
expect_eq "$CODE" 0 "certd status ($OUT $ERR)"
kill -0 "$certd_pid" || fail "certd run exited: $(cat "$WORK/certd-run.log")"
kill -TERM "$certd_pid"
wait_for_exit "$certd_pid" 15
expect_eq "$EXIT_CODE" 0 "certd exit code after SIGTERM"
kill -QUIT "$nginx_pid" # nginx's graceful stop
wait_for_exit "$nginx_pid" 15
echo "PASS (nginx served $first, then $second after the forced renewal)"
