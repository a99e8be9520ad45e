# The Prometheus endpoint and the health/readiness probes. Serves only when an address is given
# (--metrics or the metrics_address setting); also hot-installable into a running runtime.
name = metrics
description = Prometheus metrics, /healthz and /readyz

bundle = app.kftray.metrics
