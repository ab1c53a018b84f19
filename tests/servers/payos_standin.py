"""A local stand-in for PayOS's transfer notifications (its API cannot be reached from these machines).

It runs as its own process and does what PayOS does when a transfer reaches the merchant's
account: builds the webhook body PayOS documents (https://payos.vn/docs/du-lieu-tra-ve/webhook/:
`code`, `desc`, `success`, `data` with orderCode, amount, description, accountNumber, reference,
transactionDateTime, currency, paymentLinkId, code, desc and the counter/virtual account fields,
and `signature`), signs it as documented — HMAC-SHA256 with the checksum key over `data`'s
fields sorted by name and joined as `key=value&…` (null as empty) — with its own code, not the
SDK's, and POSTs it to the site's webhook.

    POST /build  {"description", "amount", ...}               → the signed body (JSON)
    POST /send   {"webhook_url", "description", "amount", ...} → {"status", "body"} of the site's answer

Optional fields: reference, order_code, code ("00" is a successful transfer), tamper (change
the amount after signing), checksum_key (sign with another key). What is not run: PayOS
itself, its payment links and its retries.

Run: python tests/servers/payos_standin.py PORT CHECKSUM_KEY. Fixtures: `payos_standin`.
"""

import hashlib
import hmac
import json
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

CHECKSUM_KEY = "payos-checksum-key-for-tests-only"
CLIENT_ID = "payos-client-id-tests"
API_KEY = "payos-api-key-tests"
ACCOUNT_NUMBER = "0011001234567"


def sign(data: dict, key: str) -> str:
    query = "&".join(f"{name}={'' if data[name] is None else data[name]}" for name in sorted(data))
    return hmac.new(key.encode(), query.encode(), hashlib.sha256).hexdigest()


def build_body(request: dict, key: str) -> dict:
    amount = int(request["amount"])
    data = {
        "orderCode": int(request.get("order_code", secrets.randbelow(10**9))),
        "amount": amount,
        "description": request["description"],
        "accountNumber": request.get("account_number", ACCOUNT_NUMBER),
        "reference": request.get("reference") or f"FT{secrets.randbelow(10**12):012d}",
        "transactionDateTime": datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%Y-%m-%d %H:%M:%S"),
        "currency": "VND",
        "paymentLinkId": secrets.token_hex(16),
        "code": request.get("code", "00"),
        "desc": "Thành công" if request.get("code", "00") == "00" else "Lỗi",
        "counterAccountBankId": "970415",
        "counterAccountBankName": "VietinBank",
        "counterAccountName": request.get("sender", "NGUYEN THI LAN"),
        "counterAccountNumber": "101234567890",
        "virtualAccountName": "",
        "virtualAccountNumber": "",
    }
    signature = sign(data, request.get("checksum_key", key))
    if request.get("tamper"):
        data["amount"] = amount * 10
    return {"code": "00", "desc": "success", "success": True, "data": data, "signature": signature}


class Handler(BaseHTTPRequestHandler):
    key = CHECKSUM_KEY

    def do_POST(self):  # noqa: N802 — http.server's naming
        request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        body = build_body(request, self.key)
        if self.path == "/build":
            return self._answer(200, body)
        if self.path == "/send":
            post = urllib.request.Request(
                request["webhook_url"],
                data=json.dumps(body, ensure_ascii=False).encode(),
                headers={"Content-Type": "application/json"},
                method="POST",
            )
            try:
                with urllib.request.urlopen(post, timeout=20) as answer:  # noqa: S310 — loopback
                    return self._answer(200, {"status": answer.status, "body": answer.read().decode(), "sent": body})
            except urllib.error.HTTPError as error:
                return self._answer(200, {"status": error.code, "body": error.read().decode(), "sent": body})
        self._answer(404, {"error": "unknown path"})

    def do_GET(self):  # noqa: N802
        self._answer(200, {"stand_in": "payos"})

    def _answer(self, status: int, payload: dict):
        data = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


class StandIn:
    """Client side for tests: starts the process and talks to it."""

    def __init__(self, port: int):
        self.base = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(  # noqa: S603 — our own script
            [sys.executable, __file__, str(port), CHECKSUM_KEY], start_new_session=True
        )
        deadline = time.monotonic() + 15
        while True:
            try:
                urllib.request.urlopen(self.base, timeout=1).close()  # noqa: S310
                return
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.stop()
                    raise RuntimeError("the PayOS stand-in did not start") from None
                time.sleep(0.1)

    def _post(self, path: str, payload: dict) -> dict:
        request = urllib.request.Request(
            self.base + path, data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
            return json.loads(answer.read())

    def build(self, **transfer) -> bytes:
        """The signed webhook body for a transfer, as PayOS would POST it."""
        return json.dumps(self._post("/build", transfer), ensure_ascii=False).encode()

    def send(self, webhook_url: str, **transfer) -> dict:
        """Have the stand-in POST the webhook to the site; returns the site's status and body."""
        return self._post("/send", {"webhook_url": webhook_url, **transfer})

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


if __name__ == "__main__":
    port, Handler.key = int(sys.argv[1]), sys.argv[2]
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
