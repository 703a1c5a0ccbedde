# docs/relay.md: begin
import base64, hashlib, hmac, time

# headers: the request's headers with lower-case names; body: the raw request body as bytes, unparsed
def standard_signature_valid(secret, headers, body, now=None):
    timestamp = headers.get("webhook-timestamp", "")
    if not timestamp.isdigit() or abs((time.time() if now is None else now) - int(timestamp)) > 300:
        return False  # older or newer than 5 minutes: a replay
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{headers.get('webhook-id')}.{timestamp}.".encode() + body
    expected = "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(same(s, expected) for s in headers.get("webhook-signature", "").split(" "))

def plain_signature_valid(secret, headers, body):
    expected = base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()
    candidates = (headers.get("x-opscenter-signature"), headers.get("x-opscenter-signature-previous"))
    return any(s is not None and same(s, expected) for s in candidates)

def same(a, b):  # constant time
    return hmac.compare_digest(a.encode(), b.encode())
# docs/relay.md: end

# Run as a program (ReceiverRecipesIT does): reads {"secret", "headers", "body" (base64), "now" (Unix seconds,
# optional)} on stdin and prints "standard valid|invalid" and "plain valid|invalid".
if __name__ == "__main__":
    import json, sys

    given = json.load(sys.stdin)
    body = base64.b64decode(given["body"])
    verdict = lambda ok: "valid" if ok else "invalid"
    print("standard " + verdict(standard_signature_valid(given["secret"], given["headers"], body, given.get("now"))))
    print("plain " + verdict(plain_signature_valid(given["secret"], given["headers"], body)))
