"""deploy/nginx/xuthanh.conf is accepted by Debian's nginx with its cache-purge module
(`nginx -t`); only the machine's paths, ports and TLS files are swapped for the test's."""

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from .stack import ROOT, free_port

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")


def test_the_nginx_site_is_valid_nginx():
    if not Path(NGINX).exists() or not PURGE_MODULE.exists():
        pytest.skip("nginx or its cache-purge module is missing: apt-get install nginx libnginx-mod-http-cache-purge")
    work = Path(tempfile.mkdtemp(prefix="xuthanh-nginx-"))
    try:
        cert = work / "cert.pem"
        key = work / "key.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "1"]
            + ["-keyout", str(key), "-out", str(cert)],
            check=True,
            capture_output=True,
        )
        site = (ROOT / "deploy" / "nginx" / "xuthanh.conf").read_text()
        for old, new in {
            "/etc/nginx/snippets/xuthanh-proxy.conf": str(ROOT / "deploy/nginx/snippets/xuthanh-proxy.conf"),
            "/var/cache/nginx/xuthanh": str(work / "cache"),
            "/etc/letsencrypt/live/xuthanh.example/fullchain.pem": str(cert),
            "/etc/letsencrypt/live/xuthanh.example/privkey.pem": str(key),
            "listen 80;": f"listen 127.0.0.1:{free_port()};",
            "listen [::]:80;": "",
            "listen 443 ssl http2;": f"listen 127.0.0.1:{free_port()} ssl http2;",
            "listen [::]:443 ssl http2;": "",
            "listen 127.0.0.1:8079;": f"listen 127.0.0.1:{free_port()};",
        }.items():
            assert old in site, old
            site = site.replace(old, new)
        (work / "site.conf").write_text(site)
        (work / "nginx.conf").write_text(
            f"load_module {PURGE_MODULE};\n"
            f"pid {work}/nginx.pid;\nerror_log {work}/error.log;\nevents {{}}\n"
            f"http {{\n include /etc/nginx/mime.types;\n access_log off;\n"
            f" client_body_temp_path {work}/body;\n proxy_temp_path {work}/proxy;\n"
            f" include {work}/site.conf;\n}}\n"
        )
        result = subprocess.run([NGINX, "-t", "-c", str(work / "nginx.conf")], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    finally:
        shutil.rmtree(work, ignore_errors=True)
