#!/usr/bin/python3
"""Checks the objects `kubectl kustomize` renders from deploy/kubernetes (tests only).

Usage: kubernetes_manifests_check.py MODE RENDERED.yaml MCPD_HELP.txt DOCS_DIR
MODE is tls-in-pod or tls-at-ingress. Prints one line per failed check and exits 1 if
any failed; on success writes the docs ConfigMap's files into DOCS_DIR and prints the
Deployment's mcpd environment as "env NAME=VALUE" lines and the probe paths as
"probe PATH" lines, for the shell test to run mcpd as the pod would.
"""
import ipaddress
import re
import sys

import yaml

mode, rendered, help_file, docs_dir = sys.argv[1:5]
objects = [o for o in yaml.safe_load_all(open(rendered)) if o]
mcpd_help = open(help_file).read()
problems = []


def check(ok, what):
    if not ok:
        problems.append(what)


def one(kind, api=None):
    found = [o for o in objects if o["kind"] == kind and (api is None or o["apiVersion"] == api)]
    check(len(found) == 1, f"expected one {kind} ({api or 'any version'}), found {len(found)}")
    return found[0] if found else {}


deployment = one("Deployment", "apps/v1")
service = one("Service", "v1")
pdb = one("PodDisruptionBudget", "policy/v1")
hpa = one("HorizontalPodAutoscaler", "autoscaling/v2")
certificate = one("Certificate", "cert-manager.io/v1")
issuer = one("ClusterIssuer", "cert-manager.io/v1")
ingress = one("Ingress", "networking.k8s.io/v1")
configmap = one("ConfigMap", "v1")

spec = deployment.get("spec", {})
pod = spec.get("template", {}).get("spec", {})
pod_labels = spec.get("template", {}).get("metadata", {}).get("labels", {})
containers = pod.get("containers", [])
check(len(containers) == 1, "the pod has one container")
mcpd = containers[0] if containers else {}
# A value from the downward API gets what the kubelet would give: the pod's name.
POD_NAME = "mcpd-7d9f8b6c5-x2kqp"
env = {e["name"]: e["value"] if "value" in e else
       POD_NAME if e.get("valueFrom", {}).get("fieldRef", {}).get("fieldPath") == "metadata.name" else ""
       for e in mcpd.get("env", [])}
ports = {p["name"]: p["containerPort"] for p in mcpd.get("ports", [])}
mounts = {m["name"]: m for m in mcpd.get("volumeMounts", [])}
volumes = {v["name"]: v for v in pod.get("volumes", [])}


def selects(selector):
    return bool(selector) and all(pod_labels.get(k) == v for k, v in selector.items())


# Availability and shutdown.
check(spec.get("replicas", 1) >= 2, "Deployment runs at least 2 replicas")
check(selects(spec.get("selector", {}).get("matchLabels")), "Deployment selector matches its pods")
grace = pod.get("terminationGracePeriodSeconds", 30)
pre_stop = mcpd.get("lifecycle", {}).get("preStop", {})
check(bool(pre_stop), "container has a preStop hook")
pause = pre_stop.get("exec", {}).get("command", [])
if pause[:1] == ["sleep"]:
    check(int(pause[1]) + 15 <= grace, f"preStop pause {pause[1]} s leaves time in the {grace} s grace period")

# Security.
pod_security = pod.get("securityContext", {})
container_security = mcpd.get("securityContext", {})
check(pod_security.get("runAsNonRoot") is True, "pod runs as non-root")
check(pod_security.get("runAsUser", 0) != 0, "pod names a non-root uid")
check(container_security.get("readOnlyRootFilesystem") is True, "root filesystem is read-only")
check(container_security.get("allowPrivilegeEscalation") is False, "no privilege escalation")
check("ALL" in container_security.get("capabilities", {}).get("drop", []), "all capabilities dropped")
resources = mcpd.get("resources", {})
check("cpu" in resources.get("requests", {}) and "memory" in resources.get("requests", {}),
      "cpu and memory requests")
check("memory" in resources.get("limits", {}), "a memory limit")

# Probes: the plain health listener's port, mcpd's endpoints.
health = env.get("MCPD_HEALTH_LISTEN", "")
health_port = int(health.rsplit(":", 1)[1]) if ":" in health else None
probes = {}
for kind, path in (("readinessProbe", "/readyz"), ("livenessProbe", "/healthz")):
    probe = mcpd.get(kind, {}).get("httpGet", {})
    check(probe.get("path") == path, f"{kind} GETs {path}")
    port = probe.get("port")
    check(ports.get(port, port) == health_port, f"{kind} port {port} is MCPD_HEALTH_LISTEN's {health_port}")
    probes[kind] = probe.get("path", "")

# Every MCPD_ variable is one mcpd knows.
for name in env:
    check(re.search(rf"\b{re.escape(name)}\b", mcpd_help) is not None, f"{name} is listed by mcpd --help")

# Behind the Ingress controller: its headers name the client (for the per-client caps),
# from its pod network only, and only X-Forwarded-For (ingress-nginx passes Forwarded
# through); the per-client caps stay on.
trusted = [t.strip() for t in env.get("MCPD_HTTP_TRUSTED_PROXIES", "").split(",") if t.strip()]
check(bool(trusted), "MCPD_HTTP_TRUSTED_PROXIES names the Ingress controller's network")
for t in trusted:
    try:
        network = ipaddress.ip_network(t, strict=True)
        check(network.prefixlen > 0 and network.is_private,
              f"MCPD_HTTP_TRUSTED_PROXIES {t!r} is a private network, not everyone")
    except ValueError:
        check(False, f"MCPD_HTTP_TRUSTED_PROXIES {t!r} is an address or network")
check(env.get("MCPD_HTTP_FORWARDED_HEADER") == "x-forwarded-for",
      "MCPD_HTTP_FORWARDED_HEADER is x-forwarded-for (ingress-nginx passes Forwarded through)")
check("MCPD_LIMITS_SESSIONS_PER_CLIENT" not in env and "MCPD_HTTP_MAX_CONNECTIONS_PER_CLIENT" not in env,
      "per-client caps keep their defaults (the client is known behind the Ingress)")
check("MCPD_HTTP_PROXY_PROTOCOL" not in env, "no PROXY protocol: the Ingress speaks HTTP")

# The request-state key comes from the shared Secret, mounted read-only.
secret_file = env.get("MCPD_MCP_STATE_SECRET_FILE", "")
state_mount = next((m for m in mounts.values() if secret_file.startswith(m["mountPath"] + "/")), None)
check(state_mount is not None, f"MCPD_MCP_STATE_SECRET_FILE {secret_file!r} is in a mounted volume")
if state_mount:
    check(volumes.get(state_mount["name"], {}).get("secret", {}).get("secretName") == "mcpd-state",
          "the request-state key is the shared Secret mcpd-state")

# Documentation from the ConfigMap.
docs = env.get("MCPD_DOCS", "")
docs_mount = next((m for m in mounts.values() if m["mountPath"] == docs), None)
check(docs_mount is not None, f"MCPD_DOCS {docs!r} is a mounted volume")
if docs_mount:
    source = volumes.get(docs_mount["name"], {}).get("configMap", {}).get("name")
    check(source == configmap.get("metadata", {}).get("name"), "docs volume is the rendered ConfigMap")

# Service, Ingress, PDB and HPA point at these pods and ports.
check(selects(service.get("spec", {}).get("selector")), "Service selects the pods")
service_ports = {p["name"]: p for p in service.get("spec", {}).get("ports", [])}
for p in service_ports.values():
    check(p["targetPort"] in ports, f"Service port {p['name']} targets a container port")
check("mcp" in service_ports and "mcp" in ports, "an mcp port on the Service and the container")
listen = env.get("MCPD_LISTEN", "")
check(listen.endswith(f":{ports.get('mcp')}"), f"MCPD_LISTEN {listen!r} is the mcp container port")
backends = [path["backend"]["service"] for rule in ingress.get("spec", {}).get("rules", [])
            for path in rule.get("http", {}).get("paths", [])]
check(bool(backends), "Ingress has a backend")
for b in backends:
    check(b["name"] == service.get("metadata", {}).get("name") and b["port"].get("name") in service_ports,
          f"Ingress backend {b} is a Service port")
check(selects(pdb.get("spec", {}).get("selector", {}).get("matchLabels")), "PodDisruptionBudget selects the pods")
check(pdb.get("spec", {}).get("minAvailable", 0) >= 1, "PodDisruptionBudget keeps one replica")
target = hpa.get("spec", {}).get("scaleTargetRef", {})
check(target.get("kind") == "Deployment" and target.get("name") == deployment["metadata"]["name"],
      "HorizontalPodAutoscaler scales the Deployment")
check(hpa.get("spec", {}).get("minReplicas", 0) >= 2, "HorizontalPodAutoscaler keeps 2 replicas")

# Certificates: cert-manager's Secret is what TLS uses, at the Ingress and (tls-in-pod) in the pod.
secret = certificate.get("spec", {}).get("secretName")
ref = certificate.get("spec", {}).get("issuerRef", {})
check(ref.get("kind") == "ClusterIssuer" and ref.get("name") == issuer.get("metadata", {}).get("name"),
      "Certificate uses the example ClusterIssuer")
check("letsencrypt.org" in issuer.get("spec", {}).get("acme", {}).get("server", ""),
      "the example issuer is Let's Encrypt")
check(any(t.get("secretName") == secret for t in ingress.get("spec", {}).get("tls", [])),
      "Ingress TLS uses the Certificate's Secret")
tls_volumes = [n for n, v in volumes.items() if v.get("secret", {}).get("secretName") == secret]
if mode == "tls-in-pod":
    check(len(tls_volumes) == 1, "the Certificate's Secret is mounted")
    mount = mounts.get(tls_volumes[0]) if tls_volumes else None
    check(mount is not None and "subPath" not in mount, "the Secret is mounted as a directory (no subPath)")
    if mount:
        check(env.get("MCPD_TLS_CERT") == mount["mountPath"] + "/tls.crt", "MCPD_TLS_CERT is the Secret's tls.crt")
        check(env.get("MCPD_TLS_KEY") == mount["mountPath"] + "/tls.key", "MCPD_TLS_KEY is the Secret's tls.key")
    check(service_ports.get("mcp", {}).get("appProtocol") == "https", "Service speaks https to the pods")
else:
    check(not tls_volumes, "no Secret in the pod when TLS ends at the Ingress")
    check("MCPD_TLS_CERT" not in env and "MCPD_DOMAIN" not in env, "plain HTTP in the pod")

if problems:
    for p in problems:
        print(f"{mode}: {p}")
    sys.exit(1)
for name, value in env.items():
    print(f"env {name}={value}")
for path in probes.values():
    print(f"probe {path}")
for name, text in configmap.get("data", {}).items():
    with open(f"{docs_dir}/{name}", "w") as f:
        f.write(text)
