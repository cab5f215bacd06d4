"""Fresh set 16c (2026-11-25): written by a helper who read only fakegen.py, never the rules
(en/ko/de/ja); scored once (docs/detection.md). Values are generated (fake): see fakegen.py.
Mostly hard negatives (about 80 %): look-alikes with no label; about 20 % hide one or two real values.
Usage: python3 fresh16c_2026_11_25.py OUT.jsonl
"""
import sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *  # noqa
from fakegen import R, rnd, rnd_mixed, ALNUM, HEX
import base64, json, string, subprocess
seed(163)
OUT = []
S = sample_adder(OUT, "f16c")
# S(lang, kind, text, (type, value), (type, value), ...)

# ---------------------------------------------------------------- local look-alike generators
DIG = string.digits
UPD = string.ascii_uppercase + string.digits
CROCK = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def fill(_tpl, **kw):
    """Replaces «name» markers (keeps braces of code/JSON/YAML templates intact)."""
    for k, v in kw.items():
        _tpl = _tpl.replace("«" + k + "»", str(v))
    assert "«" not in _tpl, _tpl[:300]
    return _tpl


def sha():
    return rnd(HEX, 40)


def sh7():
    return rnd(HEX, 7)


def sha256():
    return rnd(HEX, 64)


def uuid4():
    return f"{rnd(HEX, 8)}-{rnd(HEX, 4)}-4{rnd(HEX, 3)}-{R.choice('89ab')}{rnd(HEX, 3)}-{rnd(HEX, 12)}"


def ulid():
    return "01J" + rnd(CROCK, 23)


def trace():
    return rnd(HEX, 32)


def span():
    return rnd(HEX, 16)


def rbytes(n):
    return bytes(R.getrandbits(8) for _ in range(n))


def b64(n, head=b""):
    return base64.b64encode(head + rbytes(n)).decode()


def integrity():
    return "sha512-" + b64(64)


def ean13(prefix):
    body = prefix + rnd(DIG, 12 - len(prefix))
    s = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body))
    return body + str((10 - s % 10) % 10)


def imei():
    b = "35" + rnd(DIG, 12)
    return b + luhn_check(b)


def mac(sep=":"):
    return sep.join(rnd("0123456789ABCDEF", 2) for _ in range(6))


def ups():
    return "1Z" + rnd(UPD, 6) + R.choice(["01", "02", "03"]) + rnd(DIG, 8)


def de_vat():
    """German USt-IdNr (ISO 7064 MOD 11,10) - a public business identifier."""
    d = rnd("123456789", 1) + rnd(DIG, 7)
    p = 10
    for c in d:
        s = (int(c) + p) % 10 or 10
        p = (2 * s) % 11
    chk = 11 - p
    return "DE" + d + str(0 if chk == 10 else chk)


def kr_biz():
    """Korean business registration number (public), XXX-XX-XXXXX with check digit."""
    d = [R.randint(1, 9)] + [R.randint(0, 9) for _ in range(8)]
    s = sum(a * b for a, b in zip(d, [1, 3, 7, 1, 3, 7, 1, 3, 5])) + (d[8] * 5) // 10
    v = "".join(map(str, d)) + str((10 - s % 10) % 10)
    return f"{v[:3]}-{v[3:5]}-{v[5:]}"


def kr_corp(prefix="110111"):
    """Korean corporate registration number (public, 13 digits like an RRN)."""
    d = prefix + rnd(DIG, 12 - len(prefix))
    s = sum(int(c) * (1 if i % 2 == 0 else 2) for i, c in enumerate(d))
    return f"{d[:6]}-{d[6:]}{(10 - s % 10) % 10}"


def jp_corp():
    """Japanese corporate number (houjin bangou, public, 13 digits, leading check digit)."""
    base = rnd("123456789", 1) + rnd(DIG, 11)
    s = sum(int(c) * (1 if n % 2 else 2) for n, c in enumerate(reversed(base), 1))
    return str(9 - s % 9) + base


def cert_pem(cn):
    """A self-signed certificate (public material); the key is thrown away."""
    return subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                           "-nodes", "-keyout", "/dev/null", "-subj", "/CN=" + cn, "-days", "397"],
                          capture_output=True, text=True, check=True).stdout.strip()


def kr_mobile():
    return f"010-{R.randint(2000, 9999)}-{R.randint(1000, 9999)}"


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x20\x00\x00\x00\x20\x08\x06\x00\x00\x00"
WOFF2 = b"wOF2\x00\x01\x00\x00"

# ================================================================ EN (25: 20 negative, 5 positive)
full = sha()
gl = [(full[:7], "(HEAD -> main, tag: v3.8.2, origin/main, origin/HEAD) fix(retry): cap exponential backoff at 30s"),
      (sh7(), "chore(deps): bump undici from 6.19.2 to 6.21.0 (#2291)"),
      (sh7(), "feat(api): accept Idempotency-Key header on POST /v2/refunds"),
      (sh7(), "Merge pull request #2288 from acme/perf/pool-size"),
      (sh7(), "perf(db): raise pool size to 24 (OPS-4471)"),
      (sh7(), "test: pin faker seed 8675309 for flaky snapshot"),
      (sh7(), "(tag: v3.8.1) docs: explain webhook signature rotation"),
      (sh7(), 'Revert "ci: cache ~/.npm keyed on lockfile hash"')]
S("en", "log", "$ git log --oneline --decorate -n 8\n" + "\n".join(f"{h} {m}" for h, m in gl) +
  f"\n$ git rev-parse HEAD\n{full}\n$ git describe --tags --long\nv3.8.2-0-g{full[:7]}\n"
  f"$ git merge-base HEAD origin/release/3.7\n{sha()}\n$ git cat-file -t {gl[3][0]}\ncommit\n")

S("en", "config", f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout-api
  namespace: shop
  uid: {uuid4()}
  resourceVersion: "918273341"
  annotations:
    deployment.kubernetes.io/revision: "41"
    kubectl.kubernetes.io/restartedAt: "2026-11-24T08:13:52Z"
    ci.acme.dev/commit: {sha()}
    ci.acme.dev/pipeline: https://ci.acme.dev/acme/checkout-api/-/pipelines/1882047
spec:
  replicas: 6
  template:
    metadata:
      labels:
        app: checkout-api
        pod-template-hash: 7c9d{rnd('bcdfghjklmnpqrstvwxz2456789', 6)}
    spec:
      serviceAccountName: checkout-api
      containers:
        - name: api
          image: ghcr.io/acme/checkout-api@sha256:{sha256()}
          ports:
            - containerPort: 8080
          env:
            - name: STRIPE_SECRET_KEY
              valueFrom:
                secretKeyRef:
                  name: checkout-secrets
                  key: stripe-secret-key
            - name: DATABASE_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: checkout-db
                  key: password
            - name: OTEL_EXPORTER_OTLP_ENDPOINT
              value: http://otel-collector.observability.svc:4317
        - name: envoy
          image: docker.io/envoyproxy/envoy:v1.31.2@sha256:{sha256()}
      imagePullSecrets:
        - name: ghcr-pull
""")

lock = {"name": "storefront", "version": "4.2.0", "lockfileVersion": 3, "requires": True, "packages": {
    "": {"name": "storefront", "version": "4.2.0",
         "dependencies": {"@stripe/stripe-js": "^4.9.0", "react": "^18.3.1", "zod": "^3.23.8"}},
    "node_modules/@stripe/stripe-js": {"version": "4.9.0",
                                       "resolved": "https://registry.npmjs.org/@stripe/stripe-js/-/stripe-js-4.9.0.tgz",
                                       "integrity": integrity(), "license": "MIT", "engines": {"node": ">=12.16"}},
    "node_modules/js-tokens": {"version": "4.0.0", "resolved": "https://registry.npmjs.org/js-tokens/-/js-tokens-4.0.0.tgz",
                               "integrity": integrity(), "license": "MIT"},
    "node_modules/loose-envify": {"version": "1.4.0",
                                  "resolved": "https://registry.npmjs.org/loose-envify/-/loose-envify-1.4.0.tgz",
                                  "integrity": integrity(), "license": "MIT",
                                  "dependencies": {"js-tokens": "^3.0.0 || ^4.0.0"}, "bin": {"loose-envify": "cli.js"}},
    "node_modules/react": {"version": "18.3.1", "resolved": "https://registry.npmjs.org/react/-/react-18.3.1.tgz",
                           "integrity": integrity(), "license": "MIT", "dependencies": {"loose-envify": "^1.1.0"}},
    "node_modules/zod": {"version": "3.23.8", "resolved": "https://registry.npmjs.org/zod/-/zod-3.23.8.tgz",
                         "integrity": integrity(), "license": "MIT", "funding": {"url": "https://github.com/sponsors/colinhacks"}}}}
S("en", "json", json.dumps(lock, indent=2))

lines = []
for i, (route, st, ms) in enumerate([("/v2/orders/:id/capture", 201, 84.3), ("/v2/orders/:id", 200, 12.9),
                                      ("/v2/refunds", 409, 31.0), ("/healthz", 200, 0.4)]):
    lines.append(json.dumps({"ts": f"2026-11-24T13:02:{11 + i * 3:02d}.{R.randint(100, 999)}Z", "level": "info" if st < 400 else "warn",
                             "svc": "checkout-api", "trace_id": trace(), "span_id": span(), "parent_span_id": span(),
                             "request_id": "req_" + rnd(ALNUM, 14), "http.method": "GET" if "id" in route and st == 200 else "POST",
                             "http.route": route, "http.status_code": st, "duration_ms": ms,
                             "order_id": "ord_" + ulid(), "client_ip": "127.0.0.1" if route == "/healthz" else "203.0.113." + str(R.randint(2, 250)),
                             "user_agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 Chrome/131.0.6778.86"},
                            separators=(",", ":")))
S("en", "log", "\n".join(lines))

S("en", "config", """# .env.example -- copy to .env and fill in locally. NEVER commit the real .env.
# Secrets live in 1Password vault "storefront-dev"; ask #platform if you lack access.
APP_ENV=development
APP_URL=http://localhost:3000
PORT=3000

DATABASE_URL=postgres://USER:PASSWORD@localhost:5432/storefront_dev
REDIS_URL=redis://localhost:6379/0

# Stripe (test mode only in this file)
STRIPE_SECRET_KEY=sk_test_<your-key-here>
STRIPE_PUBLISHABLE_KEY=pk_test_xxxxxxxxxxxxxxxxxxxxxxxx
STRIPE_WEBHOOK_SECRET=whsec_...

OPENAI_API_KEY=<your-openai-key>
SENTRY_DSN=
SESSION_SECRET=${SESSION_SECRET}
JWT_SIGNING_KEY=change-me
AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX
AWS_SECRET_ACCESS_KEY=****************************************
AWS_REGION=us-east-1
FEATURE_FLAGS=checkout_v2,apple_pay
""")

pkb = rnd_mixed(ALNUM, 99)
S("en", "code", fill("""import { loadStripe } from '@stripe/stripe-js';
import { Elements, PaymentElement, useStripe, useElements } from '@stripe/react-stripe-js';

// Publishable key: designed to be shipped to the browser. The secret key stays on the server.
const stripePromise = loadStripe('pk_test_«pk»');

export function CheckoutForm({ clientSecret }) {
  const stripe = useStripe();
  const elements = useElements();

  async function onSubmit(e) {
    e.preventDefault();
    const res = await fetch('/api/checkout', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({ priceId: '«price»', quantity: 2, coupon: 'BLACKFRIDAY26' }),
    });
    const { sessionId } = await res.json(); // e.g. cs_test_a1«cs»
    await stripe.confirmPayment({ elements, confirmParams: { return_url: `${location.origin}/thanks` } });
  }
  return <form onSubmit={onSubmit}><PaymentElement /><button>Pay</button></form>;
}

export default function Page({ clientSecret }) {
  return <Elements stripe={stripePromise} options={{ clientSecret, appearance: { theme: 'stripe' } }}><CheckoutForm /></Elements>;
}
""", pk=pkb, price="price_1Q" + rnd(ALNUM, 22), cs=rnd(ALNUM, 56)))

S("en", "prose", f"""AWS CLI quick start (internal wiki, copied from the AWS docs)

Run `aws configure` and enter your keys when prompted. The values below are the placeholder credentials used throughout the AWS documentation; they are not valid and cannot be used to sign requests.

$ aws configure
AWS Access Key ID [None]: AKIAIOSFODNN7EXAMPLE
AWS Secret Access Key [None]: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
Default region name [None]: us-west-2
Default output format [None]: json

Temporary credentials returned by `aws sts assume-role --role-arn arn:aws:iam::123456789012:role/ReadOnly --role-session-name wiki-demo` start with ASIA instead of AKIA (the docs show ASIAIOSFODNN7EXAMPLE) and come with a session token. Real keys must come from IAM Identity Center; if you ever paste a real one here, rotate it immediately via the runbook RB-114.
The request id of a signed call looks like {uuid4()} and the extended id like {b64(48)}; neither is secret.
""")

S("en", "prose", f"""Post-incident review PIR-2026-114: personal access token printed in CI logs

Summary: On 2026-11-18 at 14:07 UTC a debugging step in workflow release.yml (run 11874409921, attempt 2) executed `env | sort`, which printed a classic GitHub personal access token (prefix ghp_, 40 characters in total) belonging to the release bot. The log was public for 24 minutes.

Timeline (UTC):
14:07 run starts on commit {sha()}
14:19 secret scanning alert #412 opened by GitHub
14:31 token revoked by on-call; replacement issued as a fine-grained token (github_pat_…) scoped to two repositories
14:45 logs deleted, run re-executed from {sh7()}

Impact: audit log shows no API calls from unknown IP ranges between 14:07 and 14:31. The token fingerprint we record internally is SHA-256 truncated to 12 hex digits ({rnd(HEX, 12)}) so that we can match it without storing the secret.

Action items: replace `env | sort` with an allow-list printer (PR #2301), enable push protection org-wide, and add `::add-mask::` for every secret read from Vault.
""")

rows = []
for t, p, pr in [("Designing Data-Intensive Applications", "9781", "44.99"), ("The Pragmatic Programmer, 20th Anniv.", "9780", "49.99"),
                 ("Site Reliability Engineering", "9781", "39.95"), ("Crafting Interpreters", "9780", "32.00"),
                 ("Database Internals", "9781", "54.99")]:
    v = ean13("978" + p[3] + rnd(DIG, 1))
    rows.append(f"| {t} | {v[:3]}-{v[3]}-{v[4:8]}-{v[8:12]}-{v[12]} | {ean13('0' + rnd(DIG, 2))} | {R.randint(3, 40)} | ${pr} |")
S("en", "table", "Reorder sheet - Tech shelf, store #0417 (week 48)\n\n| Title | ISBN-13 | Case-pack EAN | On hand | List |\n|---|---|---|---|---|\n"
  + "\n".join(rows) + f"\n\nPO draft PO-2026-11-0417-03, vendor ref INGRAM-{R.randint(10**7, 10**8)}, generated {R.randint(1763900000, 1764100000)}.")

p1, p2 = ups(), ups()
S("en", "chat", f"""[09:14] dana.k: morning, Zone C is short 3 pallets on PO-448120
[09:15] li.wei: UPS shows {p1} delivered to dock 4 at 08:52, signed RECV
[09:15] li.wei: the other one {p2} is still "In Transit - Louisville, KY"
[09:16] dana.k: ok. FedEx freight PRO 7{rnd(DIG, 9)} is the one with the shrink-wrapped returns, RMA-20571
[09:18] marco: invoice INV-0093318 matches 2 of 3 pallets, I'll hold the 3rd line until the BOL ({rnd(UPD, 3)}-{rnd(DIG, 8)}) shows up
[09:19] dana.k: 👍 also SKU 00-4417-218 is double-scanned, cycle count job CC-1124-07 created
[09:22] li.wei: USPS label for the sample box: 9400 1{rnd(DIG, 3)} {rnd(DIG, 4)} {rnd(DIG, 4)} {rnd(DIG, 4)} {rnd(DIG, 2)}
""")

inv = []
for kind, fw in [("Zebra TC52 scanner", "11-49-25.00-RG-U00"), ("Cisco Meraki MR46", "30.7.1"), ("Ubiquiti USW-24-PoE", "7.1.66.15869"),
                 ("Samsung Galaxy XCover7", "S556BXXU2AXJ1"), ("Fortinet FG-60F", "v7.4.5 build2702"), ("Brother QL-820NWB", "1.45")]:
    imei_v = imei() if "Galaxy" in kind or "TC52" in kind else "-"
    inv.append(f"| {kind} | {rnd(UPD, 12)} | {mac()} | {imei_v} | {fw} |")
S("en", "table", "Asset inventory - DC-East warehouse, exported 2026-11-24 (CMDB view 'edge-devices')\n\n"
  "| Model | Serial | MAC | IMEI | Firmware |\n|---|---|---|---|---|\n" + "\n".join(inv) +
  "\n\nNote: the core switch firmware is 10.4.12.7 (not an address), bootloader 2.1.0.255. Warranty contract SVC-88420-EAST expires 2027-03-31.")

S("en", "config", """# /etc/nginx/conf.d/status.conf -- internal status page
upstream app_backend {
    server 127.0.0.1:8081 max_fails=3 fail_timeout=10s;
    server [::1]:8082 backup;
    keepalive 32;
}

server {
    listen 0.0.0.0:80 default_server;
    listen [::]:80;
    server_name status.example.com;

    # documentation ranges only; real office ranges are in the Ansible vault
    allow 192.0.2.0/24;
    allow 198.51.100.17;
    allow 203.0.113.0/25;
    deny  all;

    set_real_ip_from 192.0.2.10;
    real_ip_header X-Forwarded-For;

    location / {
        proxy_pass http://app_backend;
        proxy_set_header X-Request-Id $request_id;
        proxy_read_timeout 30s;
    }
}
# netmask reference: 255.255.255.0 (/24), 255.255.255.128 (/25), wildcard 0.0.0.255
""")

S("en", "prose", """Experiment EXP-311 (new checkout button) - final readout

OLS regression of conversion on treatment with platform and week fixed effects:

                  coef    std err        t     P>|t|    [0.025    0.975]
Intercept       0.0214      0.003    7.133     0.000     0.015     0.027
treatment       0.0031      0.001    3.104     0.002     0.001     0.005
platform[ios]   0.0047      0.002    2.351     0.019     0.001     0.009
week[48]       -0.0012      0.001   -1.200     0.230    -0.003     0.001

No. Observations: 1,834,207   R-squared: 0.412   F-statistic: 312.4   Prob(F): 4.17e-112
Durbin-Watson: 1.987   Cond. No. 12.6

Relative lift 14.49% (95% CI 5.1%-23.9%), Bayesian P(B>A) = 0.9987. Sequential test crossed the boundary on day 9 (alpha spent 0.0316 of 0.05). Revenue per visitor moved from $2.3184 to $2.4021, and the 99th percentile of basket value is 1,284.50.
""")

S("en", "prose", """Lab notebook, p. 47 - copper carbonate synthesis (2026-11-21)

Dissolved 12.4845 g CuSO4·5H2O (CAS 7758-99-8, M = 249.69 g/mol, 0.0500 mol) in 100.0 mL deionised water. Separately dissolved 5.830 g Na2CO3 (CAS 497-19-8, M = 105.99 g/mol, 0.0550 mol, 10 % excess). Combined at 50 °C; CO2 evolution observed, pH 7.8 -> 7.1.

Product Cu2(OH)2CO3 (malachite, CAS 12069-69-1, M = 221.12 g/mol): theoretical yield 5.528 g, obtained 5.102 g (92.3 %). Lot MAL-2611-03, stored in vial V-0318. IR: 3404, 3316, 1493, 1388, 1046 cm-1. Reference spectrum SDBS No. 40287. Balance calibration cert KAL-2026-118, uncertainty ±0.0002 g.
""")

S("en", "code", fill("""/* brand.css -- generated by tokens build 2026.11.3 (hash «h») */
@font-face {
  font-family: "Inter Var";
  font-style: normal;
  font-weight: 100 900;
  font-display: swap;
  src: url(data:font/woff2;base64,«font») format("woff2");
  unicode-range: U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+2000-206F;
}
:root {
  --brand-700: #0F766E;
  --brand-500: #14B8A6;
  --accent: #F59E0B;
  --danger: #DC2626;
  --muted: #94a3b8;
  --ring: rgba(20, 184, 166, 0.45);
  --shadow: 0 1px 2px 0 #0000000d, 0 1px 3px 1px #00000026;
}
.btn-primary { background: var(--brand-700); color: #FFFFFF; border-radius: 6px; }
.btn-primary:hover { background: #115E59; }
""", h=rnd(HEX, 8), font=b64(420, WOFF2)))

S("en", "code", fill('''"use strict";(self.webpackChunkstorefront=self.webpackChunkstorefront||[]).push([[792],{4821:function(e,t,n){n.d(t,{A:function(){return s}});var r=n(6540),a=n(5338),o="«c»",i={primary:"#0F766E",accent:"#F59E0B",muted:"#94A3B8"};function s(e){var t=e.sku,n=e.qty,s=(0,r.useMemo)((function(){return"".concat(o,"-").concat(t,"-").concat(n)}),[t,n]);return r.createElement("button",{"data-key":s,style:{background:i.primary}},"Add to cart")}},9130:function(e){e.exports=JSON.parse('{"buildId":"«bid»","version":"4.2.0","commit":"«sha»","integrity":"«integ»"}')},5338:function(e,t,n){var r=n(1247);t.H=r.createRoot,t.c=r.hydrateRoot}}]);
//# sourceMappingURL=792.«h8».chunk.js.map''', c=rnd(HEX, 20), bid=rnd(ALNUM + "-_", 21), sha=sha(), integ="sha384-" + b64(48), h8=rnd(HEX, 8)))

S("en", "log", f"""2026-11-24T10:41:07.118Z INFO  auth      login ok user_id=u_8841207 session=sess_[REDACTED] mfa=totp ip=[REDACTED]
2026-11-24T10:41:09.502Z WARN  payments  card declined pan=************4242 exp=**/** brand=visa reason=insufficient_funds charge=ch_3Q{rnd(ALNUM, 22)}
2026-11-24T10:41:09.503Z INFO  notify    receipt queued to=j***@e*****.com template=decline_v3 msg_id={uuid4()}
2026-11-24T10:41:12.020Z DEBUG http      outbound GET https://api.partner.example/v1/limits Authorization: Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.<redacted>.<redacted>
2026-11-24T10:41:12.311Z DEBUG http      response 200 x-request-id={trace()} x-ratelimit-remaining=4997
2026-11-24T10:41:15.777Z INFO  kyc       document check passed ssn=***-**-**** dob=****-**-** score=0.93 case=KYC-{R.randint(100000, 999999)}
2026-11-24T10:41:16.004Z INFO  vault     lease renewed lease_id=database/creds/readonly/[REDACTED] ttl=3600s
""")

feats = []
for name, lat, lon in [("Pier 39 kiosk", 37.808673, -122.409821), ("Ferry Building", 37.795490, -122.393738),
                       ("Mission Dolores Park", 37.759773, -122.427063)]:
    feats.append({"type": "Feature", "id": ulid(),
                  "geometry": {"type": "Point", "coordinates": [lon, lat]},
                  "properties": {"name": name, "store_id": f"SF-{R.randint(100, 999)}", "geohash": rnd("0123456789bcdefghjkmnpqrstuvwxyz", 9),
                                 "h3": "8928308" + rnd(HEX, 8), "opened": f"2019-0{R.randint(1, 9)}-1{R.randint(0, 9)}", "updated_at": R.randint(1763000000, 1764100000)}})
S("en", "json", json.dumps({"type": "FeatureCollection", "bbox": [-122.5149, 37.7081, -122.3570, 37.8324], "features": feats}, indent=2))

S("en", "prose", f"""KB-2207: Activating lab VMs against the on-prem KMS host

Lab images are built from volume-licensed media and need a Generic Volume License Key (GVLK). These keys are published by Microsoft on the "Key Management Services (KMS) client activation and product keys" page; they only tell the machine to look for a KMS host and are not secret.

  Windows 11 Pro ............. W269N-WFGWX-YVC9B-4J6C9-T83GX
  Windows 11 Enterprise ...... NPPR9-FWDCX-D2C8J-H872K-2YT43
  Windows Server 2022 Std .... VDYBN-27WPP-V4HQT-9VMD4-VMK7H
  Windows Server 2022 DC ..... WX4NM-KYWYW-QJJR4-XV3QB-6VM33

  slmgr /ipk <GVLK>
  slmgr /skms kms01.corp.example:1688
  slmgr /ato

Expected build after patching: 10.0.26100.2314 (Win 11 24H2) / 10.0.20348.2849 (Server 2022). Activation ID of the KMS host license: {uuid4()}. Do NOT put our MAK keys on this page; they live in the licensing vault.
""")

S("en", "code", f"""# terraform/prod/db.tf
resource "aws_db_instance" "orders" {{
  identifier              = "orders-prod"
  engine                  = "postgres"
  engine_version          = "16.4"
  instance_class          = "db.r7g.xlarge"
  username                = "orders_admin"
  password                = var.db_password          # from TF_VAR_db_password in CI
  kms_key_id              = "arn:aws:kms:us-east-1:123456789012:key/{uuid4()}"
  vpc_security_group_ids  = ["sg-0{rnd(HEX, 16)}"]
  db_subnet_group_name    = "orders-private"
  backup_retention_period = 14
  snapshot_identifier     = "rds:orders-prod-2026-11-20-06-12"
  tags = {{
    CostCenter = "4410"
    Commit     = "{sha()}"
  }}
}}

variable "db_password" {{
  type      = string
  sensitive = true
}}

output "endpoint" {{
  value = aws_db_instance.orders.address   # orders-prod.c{rnd('abcdefghijklmnopqrstuvwxyz0123456789', 12)}.us-east-1.rds.amazonaws.com
}}
""")

# -- EN positives
sk = stripe("sk_live_")
S("en", "code", fill('''# settings/production.py
import os
from uuid import UUID

DEBUG = False
TENANT_DEFAULT = UUID("«u1»")
PRICE_IDS = {"basic": "price_1Q«p1»", "pro": "price_1Q«p2»"}

STRIPE_PUBLISHABLE_KEY = "pk_live_«pk»"  # public, rendered into checkout.html
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "«sk»")  # TODO drop fallback before launch
STRIPE_WEBHOOK_TOLERANCE = 300
STRIPE_API_VERSION = "2024-06-20"

CACHE_KEY_PREFIX = "sf:«h7»"
BUILD_SHA = "«sha»"
SESSION_COOKIE_AGE = 1209600
CSRF_TRUSTED_ORIGINS = ["https://shop.example.com"]
''', u1=uuid4(), p1=rnd(ALNUM, 22), p2=rnd(ALNUM, 22), pk=rnd_mixed(ALNUM, 99), sk=sk, h7=sh7(), sha=sha()),
  ("stripe_key", sk))

dbpw = rnd_mixed(ALNUM + "-_", 20)
dsn = f"postgresql://orders_rw:{dbpw}@orders-db.prod.internal:5432/orders?sslmode=require"
cip = f"10.42.{R.randint(1, 254)}.{R.randint(2, 254)}"
S("en", "log", f"""2026-11-24 02:14:07.902 UTC [worker-3] INFO  pool: health check ok target=127.0.0.1:9187 trace={trace()}
2026-11-24 02:14:09.331 UTC [worker-3] ERROR db.pool: could not connect to {dsn} (attempt 3/5, trace={trace()}, span={span()})
2026-11-24 02:14:09.332 UTC [worker-3] ERROR db.pool: psycopg.OperationalError: connection timeout expired
2026-11-24 02:14:11.015 UTC [api-7]    WARN  http: 503 POST /v2/orders request_id=req_{rnd(ALNUM, 14)} from {cip}:51544 job={uuid4()}
2026-11-24 02:14:11.016 UTC [api-7]    INFO  build={sh7()} version=3.8.2 region=us-east-1 az=use1-az4
""", ("url_credentials", dsn), ("ip_address", cip))

cc = fmt_card(card("visa"))
tel = f"(312) 555-0{R.randint(100, 199)}"
S("en", "chat", f"""Support chat #CH-7720419 - 2026-11-24 16:02 CST
Customer: hi, order A-20571-88 was charged twice?? both show $184.37
Agent (Priya): Sorry about that! I can see two authorizations, ch_3Q{rnd(ALNUM, 22)} and ch_3Q{rnd(ALNUM, 22)}. The duplicate is a pending auth and will drop off in 5-7 business days.
Customer: can you just put the refund on my other card instead, {cc} exp 08/28
Customer: or call me at {tel}, I'm around till 6
Agent (Priya): Refunds can only go back to the original payment method (refund re_3Q{rnd(ALNUM, 22)} created). Also, for your security please don't post card numbers in chat, I've asked for this message to be redacted.
Customer: ok thx. tracking for the replacement? 
Agent (Priya): {ups()}, arriving Thursday.
""", ("card", cc), ("phone", tel))

ghp = github("ghp_")
hs = sha()
run = {"id": 11893022417, "run_number": 1844, "run_attempt": 2, "name": "release", "event": "workflow_dispatch",
       "head_branch": "release/3.8", "head_sha": hs, "status": "completed", "conclusion": "failure",
       "created_at": "2026-11-24T21:40:03Z", "check_suite_node_id": "CS_kwDO" + rnd(ALNUM, 16),
       "jobs": [{"id": 33218847710, "name": "publish", "runner_name": "GitHub Actions 112",
                 "steps": [{"number": 4, "name": "Dump env (debug)", "conclusion": "success"},
                           {"number": 5, "name": "npm publish", "conclusion": "failure"}]}],
       "debug_env": {"GITHUB_SHA": hs, "GITHUB_RUN_ID": "11893022417", "RUNNER_TRACKING_ID": "github_" + uuid4(),
                     "ACTIONS_CACHE_KEY": "node-cache-Linux-x64-npm-" + sha256(), "NODE_AUTH_TOKEN": "XXXXX-XXXXX-XXXXX-XXXXX",
                     "GH_TOKEN": ghp, "NPM_CONFIG_PROVENANCE": "true"}}
S("en", "json", json.dumps(run, indent=2), ("github_token", ghp))

ssn = us_ssn()
mail = "m.alvarez@northwind-logistics.com"
S("en", "prose", f"""Subject: New hire packet - E-104882 (start 2026-12-01)

Hi Jordan,

Here is what payroll still needs for the new warehouse lead, employee #E-104882 (cost center 4410-OPS, requisition REQ-2026-0388):

- I-9 section 1: SSN {ssn}, document list A (passport), verified 2026-11-20
- Badge request BR-77310, laptop serial C02{rnd(UPD, 9)}, asset tag AT-0093317
- Direct deposit form: pending, she will upload it in Workday (case WD-{R.randint(1000000, 9999999)})

Please send anything missing straight to her at {mail} and cc me. Background check ref BGC-7{rnd(DIG, 8)} cleared on 11/19.

Thanks,
Renee (HR Ops)
""", ("us_ssn", ssn), ("email", mail))

# ================================================================ KO (25: 20 negative, 5 positive)
d1, d2 = sha256(), sha256()
S("ko", "log", f"""[2026-11-25 09:12:44 KST] ▶ 배포 시작: payment-gateway (env=prod, 요청자=deploy-bot, 승인 CHG-2611-0142)
[09:12:44] 커밋 {sha()} (브랜치 release/2026.11.3, 태그 v2026.11.3)
[09:12:51] 이미지 빌드 완료: registry.hanbit.example/pay/gateway:2026.11.3-{sh7()}
[09:12:51] 다이제스트 sha256:{d1}
[09:13:20] 헬름 리비전 87 → 88, 차트 gateway-1.14.2, 값 파일 해시 {rnd(HEX, 12)}
[09:13:58] 카나리 10% 적용 — 오류율 0.02%, p99 184ms, 요청 1,284,019건
[09:15:30] 카나리 50% 적용 — 오류율 0.01%, p99 179ms
[09:16:02] 롤아웃 완료. 롤백 대상 이미지: sha256:{d2}
[09:16:02] 작업 ID {uuid4()} · 소요 3분 18초
""")

S("ko", "chat", f"""고객: 안녕하세요 주문번호 20261123-0004817 배송 언제 오나요?
상담원: 안녕하세요 고객님, 한빛몰입니다. 확인해 보니 11월 24일 CJ대한통운으로 출고되었고 운송장 번호는 {rnd('56', 1)}{rnd(DIG, 11)} 입니다.
고객: 조회하면 계속 '집화처리'에서 안 움직여요
상담원: 현재 곤지암 허브 물량 적체로 1~2일 지연되고 있습니다. 불편 드려 죄송합니다 🙏
고객: 같이 주문한 교환 건은요?
상담원: 교환 접수번호 RT-2611-03392 로 회수 예정이며, 회수 송장은 롯데택배 {rnd(DIG, 12)} 로 발급되었습니다. 쿠폰 코드 SORRY-{rnd(UPD, 6)} (3,000원) 적립해 드렸어요.
고객: 넵 감사합니다
""")

S("ko", "prose", f"""회사 개요 — (주)한빛데이터랩

상호: 주식회사 한빛데이터랩 | 대표이사: 정○○
사업자등록번호: {kr_biz()} | 법인등록번호: {kr_corp()}
통신판매업 신고: 제2023-서울성동-01187호 | 설립일: 2014년 3월 17일
자본금: 12억 5천만 원 | 상시 근로자: 84명 (2026년 10월 기준)
주요 인증: ISMS-P (인증번호 ISMS-P-KISA-2025-041), ISO/IEC 27001:2022 (인증서 IS 7{rnd(DIG, 5)})
본점: 서울특별시 성동구 성수이로 ○○, 4층
고객 문의: 앱 내 1:1 문의하기 (평일 10:00~18:00)

위 등록번호는 국세청 사업자등록상태 조회 및 대법원 인터넷등기소에서 누구나 확인할 수 있는 공개 정보입니다.
""")

trows = []
for i, (item, amt) in enumerate([("클라우드 호스팅 11월분", 4_180_000), ("보안관제 서비스", 1_250_000), ("SMS 발송 수수료", 318_400), ("도메인 갱신 (3건)", 96_000)]):
    trows.append(f"| 2026-11-{25 - i:02d} | 202611{25 - i:02d}-{rnd(DIG, 8)}-{rnd(DIG, 8)} | {kr_biz()} | {item} | {amt:,} | {amt // 10:,} |")
S("ko", "table", "전자세금계산서 매입 내역 (2026년 11월, 회계팀 공유용)\n\n| 작성일자 | 승인번호 | 공급자 등록번호 | 품목 | 공급가액 | 세액 |\n|---|---|---|---|---|---|\n"
  + "\n".join(trows) + "\n\n※ 승인번호는 홈택스 조회용, 공급자 등록번호는 사업자 공개정보. 전표번호 JV-2611-0458 로 일괄 처리 예정.")

S("ko", "config", f"""# 정산 서비스 설정 — 민감정보(키/비밀번호)는 반드시 Secret 으로 분리할 것. 여기에 넣지 마세요!
apiVersion: v1
kind: ConfigMap
metadata:
  name: settlement-config
  namespace: pay
  uid: {uuid4()}
  resourceVersion: "48213377"
  labels:
    app.kubernetes.io/version: "3.4.1"
data:
  SPRING_PROFILES_ACTIVE: prod
  SETTLEMENT_CRON: "0 30 2 * * *"        # 매일 02:30 정산 배치
  PG_MERCHANT_ID: hanbit_mall_01         # 가맹점 ID (비밀 아님)
  PG_API_KEY: ${{PG_API_KEY}}              # Secret 'pg-credentials' 에서 주입
  PG_WEBHOOK_SECRET: ""                  # 배포 시 ExternalSecret 이 채움
  KAFKA_BOOTSTRAP: kafka-0.kafka.pay.svc:9092,kafka-1.kafka.pay.svc:9092
  TRACE_SAMPLE_RATE: "0.05"
  BUILD_COMMIT: {sha()}
""")

S("ko", "code", fill('''# 주문 ID / 멱등키 생성 유틸
# - 주문 ID 는 ULID (시간순 정렬 가능), 멱등키는 UUIDv5
import hashlib
import uuid

from ulid import ULID

# 변경 금지: 기존 주문 멱등키와 호환되어야 함 (2024-03 결정, ADR-017)
NAMESPACE_ORDER = uuid.UUID("«ns»")


def new_order_id() -> str:
    return str(ULID())  # 예: «ul»


def make_idempotency_key(user_id: int, cart: list[dict]) -> str:
    """장바구니 내용이 같으면 같은 키를 돌려준다."""
    cart_hash = hashlib.sha256(repr(sorted(cart, key=lambda x: x["sku"])).encode()).hexdigest()
    return str(uuid.uuid5(NAMESPACE_ORDER, f"{user_id}:{cart_hash}"))


# 테스트 고정값 (tests/test_ids.py 와 동일해야 함)
FIXED_CART_HASH = "«h»"
EXPECTED_KEY = "«u2»"
''', ns=uuid4(), ul=ulid(), h=sha256(), u2=uuid4()))

S("ko", "prose", f"""[보안 사고 보고서] 2026-11-19 테스트 서버 접근키 노출 건 (SEC-2026-031)

1. 개요
개발자 PC의 디버그 로그가 사내 위키에 첨부되면서 AWS 접근키 1쌍이 약 40분간 사내에 노출되었다. 노출된 키는 'AKIA'로 시작하는 20자리 액세스 키 ID와 40자리 시크릿 키로 구성되어 있었으며, 본 보고서에는 키 값을 기재하지 않는다.

2. 조치 내역
- 14:02 위키 첨부파일 삭제 (문서 ID {uuid4()})
- 14:10 IAM 에서 해당 키 비활성화 후 삭제, CloudTrail 이벤트 ID {uuid4()} 확인
- 14:35 동일 사용자의 세션 토큰 전체 무효화

3. 영향도
CloudTrail 조회 결과 노출 시간 동안 해당 키로 호출된 API 는 없음. 키 지문(SHA-256 앞 16자리 {rnd(HEX, 16)})으로 외부 유출 사이트 모니터링 중.

4. 재발 방지
pre-commit 훅(gitleaks v8.21.2) 전사 적용, 위키 첨부파일 업로드 시 비밀값 스캔 추가.
""")

S("ko", "config", """# .env.example — 로컬 개발용 예시 파일입니다.
# 실제 값은 1Password '개발-공용' 금고에서 받으세요. 이 파일에 진짜 키를 넣고 커밋하지 마세요!

APP_PORT=8080
DB_URL=jdbc:mysql://localhost:3306/shop?useSSL=false&serverTimezone=Asia/Seoul
DB_USER=shop
DB_PASSWORD=

KAKAO_REST_API_KEY=<카카오_REST_API_키>
NAVER_CLIENT_ID=your-naver-client-id
NAVER_CLIENT_SECRET=your-naver-client-secret
TOSS_SECRET_KEY=test_sk_xxxxxxxxxxxxxxxxxxxxxxxx
JWT_SECRET=${JWT_SECRET}
SLACK_WEBHOOK_URL=https://hooks.slack.com/services/XXXXXXXXX/XXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX
REDIS_HOST=127.0.0.1
""")

S("ko", "prose", """[분석 결과] 장바구니 개편 A/B 테스트 (실험 ID EXP-2611-07)

- 기간: 2026-11-04 ~ 2026-11-18 (14일), 표본: A군 412,338명 / B군 411,907명
- 구매 전환율: A 3.184% → B 3.402% (절대 +0.218%p, 상대 +6.85%)
- 이표본 비율 검정: z = 5.471, p = 4.47e-08, 95% 신뢰구간 [0.140%p, 0.296%p]
- 객단가: A 48,213원 / B 47,905원 (Welch t = -1.208, 자유도 823,411.6, p = 0.227)
- 검정력 0.998, 최소 검출 효과 0.09%p 기준 필요 표본 각 318,400명

결론: 전환율 개선은 통계적으로 유의하며 객단가 감소는 유의하지 않음. 11월 26일 100% 배포 예정 (배포 티켓 REL-2611-0031).
""")

krows = []
for t, pr in [("데이터 중심 애플리케이션 설계", "38,000"), ("러닝 고 2판", "36,000"), ("쿠버네티스 인 액션", "42,000")]:
    v = ean13("97911" + rnd(DIG, 1))
    krows.append(f"| 도서 | {t} | {v[:3]}-{v[3:5]}-{v[5:9]}-{v[9:12]}-{v[12]} | {pr} |")
for t, pr in [("제주 삼다수 2L×6", "6,900"), ("햇반 210g×12", "13,480"), ("신라면 멀티팩 5입", "4,380")]:
    krows.append(f"| 식품 | {t} | {ean13('880' + rnd(DIG, 1))} | {pr} |")
S("ko", "table", "상품 마스터 일부 (MD팀, 2026-11-25 기준)\n\n| 분류 | 상품명 | ISBN / 바코드(EAN-13) | 판매가 |\n|---|---|---|---|\n" + "\n".join(krows)
  + f"\n\n재고 동기화 배치 ID {ulid()}, 마지막 수정 {R.randint(1764000000, 1764050000)} (epoch).")

S("ko", "code", fill('''<!-- 결제 페이지: 토스페이먼츠 결제위젯 연동 (클라이언트 키는 브라우저 노출용 공개 키) -->
<script src="https://js.tosspayments.com/v2/standard"></script>
<script>
  // 시크릿 키는 서버(.env)에만 둔다. 여기에는 절대 넣지 말 것.
  const clientKey = "test_ck_«ck»";
  const customerKey = "«cust»"; // 회원 식별용 UUID (개인정보 아님)
  const tossPayments = TossPayments(clientKey);
  const widgets = tossPayments.widgets({ customerKey });

  async function pay() {
    await widgets.setAmount({ currency: "KRW", value: 48200 });
    await widgets.requestPayment({
      orderId: "«oid»",
      orderName: "겨울 패딩 외 2건",
      successUrl: window.location.origin + "/payment/success",
      failUrl: window.location.origin + "/payment/fail",
    });
  }
</script>
''', ck=rnd_mixed(ALNUM, 28), cust=uuid4(), oid="ORD-" + ulid()))

klog = []
for lvl, msg in [("INFO", "주문 생성 완료 order=ORD-{u} amount=48200"), ("WARN", "PG 응답 지연 1,842ms (임계값 1,500ms) pg_tid={t20}"),
                 ("INFO", "재고 차감 sku=SKU-88013-BK qty=2 remain=117"), ("ERROR", "쿠폰 검증 실패 code=CPN_EXPIRED coupon=WINTER26-{c}")]:
    klog.append(f"2026-11-25T10:0{len(klog)}:31.{R.randint(100, 999)}+09:00 {lvl:5} [order-api,{trace()},{span()}] "
                + msg.format(u=ulid(), t20=rnd(UPD, 20), c=rnd(UPD, 5)))
S("ko", "log", "\n".join(klog) + "\n# 대시보드: grafana/d/ord-latency?from=1764032400000&to=1764036000000")

S("ko", "chat", f"""[분실 신고 상담 · 접수 LS-2611-00918]
고객: 어제 지하철에서 폰을 잃어버렸어요. 분실 신고하려고요
상담원: 네 고객님, 본인 확인은 앱 인증으로 완료되었습니다. 단말기 IMEI 확인해 드릴게요. 등록된 단말은 갤럭시 S24 (SM-S921N), IMEI {imei()}, 일련번호 R3CX{rnd(UPD, 7)} 맞으실까요?
고객: 네 맞아요. 유심은 eSIM 이에요
상담원: eSIM EID 끝자리 ...{rnd(DIG, 6)} 로 조회됩니다. 분실 정지 처리했고, 단말 도용 방지(IMEI 차단)도 함께 등록했어요. 습득 신고가 들어오면 앱 알림으로 안내드립니다.
고객: 감사합니다
""")

S("ko", "log", f"""2026-11-25 11:20:14.221 INFO  [member-api] 회원정보 조회 memberNo=M{rnd(DIG, 9)} name=김*수 rrn=900101-1****** phone=010-****-{rnd(DIG, 4)} traceId={trace()}
2026-11-25 11:20:14.239 INFO  [member-api] 배송지 조회 addr=서울특별시 강남구 테헤란로 *** (마스킹) zip=06***
2026-11-25 11:20:15.004 INFO  [pay-api] 결제수단 조회 card=5310-****-****-{rnd(DIG, 4)} bank=국민 account=***-**-****{rnd(DIG, 2)}
2026-11-25 11:20:15.118 WARN  [pay-api] 마스킹 규칙 적용 건수 4, 원문 로깅 차단 policy=PII-MASK-v3
""")

pay = {"resultCode": "0000", "resultMsg": "정상 승인", "tid": "T" + rnd(DIG, 4) + rnd(UPD, 15), "orderId": "ORD-" + ulid(),
       "approvedAt": "2026-11-25T14:02:33+09:00", "approvalNo": rnd(DIG, 8), "amount": 48200, "vat": 4382,
       "card": {"issuer": "신한카드", "maskedNumber": "4330" + rnd(DIG, 2) + "******" + rnd(DIG, 3) + "*", "installment": 0, "cardType": "신용"},
       "receiptUrl": "https://pg.example.co.kr/receipt/" + uuid4(), "traceId": trace(), "timestamp": R.randint(1764046000000, 1764049999999)}
S("ko", "json", json.dumps(pay, ensure_ascii=False, indent=2))

stores = [{"storeId": f"HB-{R.randint(1000, 9999)}", "name": n, "lat": la, "lng": lo, "geohash": rnd("0123456789bcdefghjkmnpqrstuvwxyz", 8),
           "openAt": "10:30", "closeAt": "22:00", "updatedAt": f"2026-11-{R.randint(10, 24)}T0{R.randint(1, 9)}:00:00+09:00"}
          for n, la, lo in [("성수점", 37.544581, 127.055961), ("판교점", 37.394776, 127.111194), ("해운대점", 35.163164, 129.163589)]]
S("ko", "json", json.dumps({"version": "2026.11.25", "count": 3, "stores": stores}, ensure_ascii=False, indent=2))

S("ko", "prose", """실험 노트 #23 — 황산구리 수화물 탈수 (2026-11-21, 화학과 2학년 실험)

- 시료: CuSO4·5H2O 2.4969 g (몰질량 249.69 g/mol → 0.010000 mol)
- 가열 후 질량: 1.5963 g (CuSO4, 이론값 1.5961 g, 몰질량 159.61 g/mol)
- 잃은 물: 0.9006 g → 0.04999 mol H2O, 몰비 CuSO4 : H2O = 1 : 4.999
- 반응식: CuSO4·5H2O(s) → CuSO4(s) + 5H2O(g), ΔH = +78.2 kJ/mol
- 참고: CAS 7758-99-8 (오수화물), CAS 7758-98-7 (무수물), 시약 로트 번호 SHB-2611-0472
결론: 수율 99.98%, 오차 원인은 도가니 냉각 중 수분 재흡수로 추정.
""")

S("ko", "prose", f"""릴리스 노트 — 한빛 POS 에이전트 4.3.2.1 (2026-11-25)

- 지원 OS: Windows 10.0.19045 이상, Ubuntu 22.04.5 LTS
- 번들 런타임: OpenJDK 21.0.5+11, Chromium 131.0.6778.86
- 인증서 정책 OID 1.2.410.200004.5.2.1.1 (국내 공동인증서 범용) 및 2.5.29.32.0 (anyPolicy) 처리 개선
- 서명 알고리즘 OID 1.2.840.113549.1.1.11 (sha256WithRSAEncryption)만 허용
- 프린터 드라이버 2.1.0.255 → 2.1.1.3 업데이트
- 빌드 커밋 {sh7()}, 설치 파일 SHA-256 {sha256()}
알려진 이슈: 버전 3.9.10.2 에서 업그레이드 시 설정 파일 재생성 필요 (이슈 POS-1182).
""")

erows = []
for m, fw in [("노트북 LG 그램 16", "BIOS A2ZG1410 X64"), ("태블릿 갤럭시 탭 S9 FE", "X516NKSU3BXJ1"), ("모니터 델 U2723QE", "M3T105"),
              ("복합기 신도리코 D420", "V2.03.18"), ("AP 아루바 AP-515", "8.10.0.12")]:
    erows.append(f"| EQ-{R.randint(10000, 99999)} | {m} | {rnd(UPD, 11)} | {mac('-')} | {fw} | {R.choice(['개발팀', '디자인팀', '경영지원팀'])} |")
S("ko", "table", "장비 관리대장 (2026년 4분기 실사)\n\n| 자산번호 | 모델 | S/N | MAC | 펌웨어/BIOS | 사용 부서 |\n|---|---|---|---|---|---|\n" + "\n".join(erows)
  + "\n\n※ 반납 장비는 초기화 후 시리얼 번호 기준으로 리스사에 반환 (계약번호 LS-2024-07713).")

S("ko", "config", f"""# pnpm-lock.yaml (일부) — 자동 생성 파일, 직접 수정 금지
lockfileVersion: '9.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

importers:
  .:
    dependencies:
      axios:
        specifier: ^1.7.7
        version: 1.7.7
      dayjs:
        specifier: ^1.11.13
        version: 1.11.13

packages:
  axios@1.7.7:
    resolution: {{integrity: {integrity()}}}
  dayjs@1.11.13:
    resolution: {{integrity: {integrity()}}}
  follow-redirects@1.15.9:
    resolution: {{integrity: {integrity()}}}
    engines: {{node: '>=4.0'}}
  form-data@4.0.1:
    resolution: {{integrity: {integrity()}}}
    engines: {{node: '>= 6'}}
""")

# -- KO positives
rrn = kr_rrn()
ktel = kr_mobile()
S("ko", "chat", f"""[상담 채팅 · 접수번호 CS-20261125-00731]
상담사: 안녕하세요, 한빛손해보험 보상팀입니다. 증권번호 확인 부탁드립니다.
고객: 증권번호 L2026-0418-55210 이에요. 지난주 접촉 사고 보험금 청구하려고요
상담사: 사고접수번호 2611-A-0093317 로 등록되어 있네요. 본인 확인을 위해 생년월일과 연락처 부탁드립니다.
고객: 그냥 주민번호 전체 드릴게요 {rrn} 이고 연락처는 {ktel} 입니다
상담사: 확인 감사합니다. 채팅에는 주민등록번호 전체를 남기지 않으셔도 됩니다. 해당 메시지는 마스킹 요청해 두겠습니다.
상담사: 수리비 견적서(견적번호 EST-26-118204)는 접수되었고 지급 예정일은 11월 28일입니다.
""", ("kr_rrn", rrn), ("phone", ktel))

akid, asec = aws_key_id(), aws_secret()
S("ko", "code", fill('''# S3 인보이스 업로드 유틸
# TODO(김개발): 임시 하드코딩 — 환경변수/IAM Role 로 옮기고 커밋 전에 꼭 지울 것!!
# 참고) 공식 문서 예시 키: AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
import boto3

s3 = boto3.client(
    "s3",
    region_name="ap-northeast-2",
    aws_access_key_id="«akid»",
    aws_secret_access_key="«asec»",
)
BUCKET = "hanbit-invoices-prod"
KMS_KEY = "arn:aws:kms:ap-northeast-2:«acct»:key/«kid»"


def upload(path: str, order_id: str) -> str:
    key = f"invoices/2026/11/{order_id}.pdf"  # 예: ORD-«ul»
    s3.upload_file(path, BUCKET, key, ExtraArgs={"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": KMS_KEY})
    return key
''', akid=akid, asec=asec, acct=rnd(DIG, 12), kid=uuid4(), ul=ulid()), ("aws_access_key", akid), ("aws_secret_key", asec))

hook = slack_webhook()
S("ko", "config", fill('''# alertmanager.yml — 결제 장애 알림
# README 의 예시 URL(https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX)은 형식 참고용입니다.
global:
  resolve_timeout: 5m
route:
  receiver: slack-oncall
  group_by: [alertname, cluster]
  group_wait: 30s
  repeat_interval: 4h
receivers:
  - name: slack-oncall
    slack_configs:
      - api_url: «hook»
        channel: '#결제-장애'
        send_resolved: true
        title: '[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }}'
        text: '런북: https://wiki.hanbit.example/runbook/pay-«rb» / 대시보드 uid=«uid»'
''', hook=hook, rb=rnd(DIG, 4), uid=rnd(ALNUM, 9)), ("slack_webhook", hook))

bpw = password()
basic = base64.b64encode(f"settle-batch:{bpw}".encode()).decode()
S("ko", "log", f"""2026-11-25T01:22:07.114+09:00 DEBUG [http-nio-8080-exec-7] o.a.c.h.Http11Processor - 요청 헤더 덤프 (traceId={trace()}, spanId={span()})
  Host: settlement.internal:8443
  Authorization: Basic {basic}
  X-Request-Id: {uuid4()}
  X-Idempotency-Key: {uuid4()}
  User-Agent: settle-batch/3.4.1 (Java/21.0.5)
  Content-Length: 1842
2026-11-25T01:22:07.131+09:00 INFO  [http-nio-8080-exec-7] c.h.s.SettlementController - 정산 배치 호출 완료 status=200 elapsed=17ms batchId={ulid()}
2026-11-25T01:22:07.133+09:00 WARN  [main] c.h.s.LoggingConfig - DEBUG 레벨 헤더 덤프가 켜져 있습니다. 운영에서는 끄세요.
""", ("password", basic))

oak = openai_proj()
S("ko", "code", fill('''# [셀 3] 상품 리뷰 요약 실험 — 모델별 비교 (발표용 노트북)
import os, time
from openai import OpenAI

os.environ["OPENAI_API_KEY"] = "«key»"  # 발표 끝나면 키 폐기할 것
client = OpenAI()

RUN_ID = "«ul»"          # 실험 추적용
DATASET_SHA = "«h»"  # reviews_2026_11.parquet
for model in ["gpt-4o-mini", "gpt-4.1-mini"]:
    t0 = time.time()
    r = client.chat.completions.create(model=model, messages=[{"role": "user", "content": "다음 리뷰 100건을 3줄로 요약해줘"}], seed=20261125)
    print(model, r.id, r.usage.total_tokens, f"{time.time() - t0:.2f}s")
# 출력 예: gpt-4o-mini chatcmpl-«cid» 4821 2.31s
''', key=oak, ul=ulid(), h=sha256(), cid=rnd(ALNUM, 29)), ("openai_key", oak))

# ================================================================ DE (25: 20 negative, 5 positive)
S("de", "prose", f"""Rechnung Nr. RE-2026-11-04718
Rechnungsdatum: 25.11.2026 · Leistungszeitraum: 01.11.2026–30.11.2026
Kundennummer: K-0088213 · Auftragsnummer: A-55102/26 · Ihre Bestellung vom 28.10.2026 (PO 4500{rnd(DIG, 6)})

Nordlicht Software GmbH, Amtsgericht Hamburg HRB 178345, USt-IdNr.: {de_vat()}

Pos. 1  Hosting-Paket „Business L“, 12 Monate ............ 1.188,00 €
Pos. 2  Zusätzliche Domains (3 × 14,90 €) .................... 44,70 €
Pos. 3  SSL-Zertifikat Wildcard, Laufzeit 397 Tage .......... 89,00 €
Zwischensumme 1.321,70 € · zzgl. 19 % USt 251,12 € · Gesamt 1.572,82 €

Der Betrag wird am 09.12.2026 per SEPA-Lastschrift von Ihrem Konto IBAN DE•• •••• •••• •••• ••35 21 eingezogen.
Mandatsreferenz: M-0088213-01 · Gläubiger-Identifikationsnummer: DE98ZZZ09999999999
Bankverbindung für Überweisungen siehe Kundenportal. Bitte geben Sie stets die Rechnungsnummer an.
""")

S("de", "chat", f"""Max: Moin! Das Paket für Kunde 10482 hängt laut DHL seit Freitag im Paketzentrum Obertshausen 😕 Sendungsnummer 00340434{rnd(DIG, 12)}
Jana: Hab schon einen Nachforschungsauftrag gestellt, Vorgang NF-{R.randint(1000000, 9999999)}
Max: Und die Retoure von Auftrag A-55087/26?
Jana: Retourenlabel ist raus, JJD00{rnd(DIG, 16)}, Abholung morgen zwischen 10 und 14 Uhr
Max: Top. Hermes hat übrigens die {rnd(DIG, 14)} endlich zugestellt, Gutschrift GS-2026-00411 kann raus
Jana: 👍 mach ich, Beleg landet in DATEV unter Belegnummer 2611-0932
""")

good, bad = sha(), sha()
S("de", "log", f"""$ git bisect start
$ git bisect bad {bad}
$ git bisect good v5.12.0
Bisecting: 47 revisions left to test after this (roughly 6 steps)
[{sha()}] Rechnungsexport: Rundung auf 2 Nachkommastellen vereinheitlicht
$ git bisect good
Bisecting: 23 revisions left to test after this (roughly 5 steps)
[{sha()}] PDF-Renderer auf OpenPDF 2.0.3 aktualisiert
$ git bisect bad
Bisecting: 11 revisions left to test after this (roughly 4 steps)
[{good}] Steuerberechnung: Sonderfall innergemeinschaftliche Lieferung
$ git bisect bad
{good} is the first bad commit
commit {good}
Date:   Tue Nov 18 16:42:09 2026 +0100

    Steuerberechnung: Sonderfall innergemeinschaftliche Lieferung (#1187)

 src/main/java/de/nordlicht/billing/TaxCalculator.java | 42 +++++++++++-------
 1 file changed, 27 insertions(+), 15 deletions(-)
$ git bisect reset
""")

S("de", "config", """# docker-compose.yml – lokale Entwicklungsumgebung
# Passwörter kommen aus der .env (nicht eingecheckt). Vorlage: .env.example
services:
  db:
    image: postgres:16.4-alpine
    environment:
      POSTGRES_DB: billing
      POSTGRES_USER: billing
      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?bitte in .env setzen}
    ports:
      - "127.0.0.1:5432:5432"
    volumes:
      - pgdata:/var/lib/postgresql/data
  keycloak:
    image: quay.io/keycloak/keycloak:26.0.5
    command: start-dev
    environment:
      KC_BOOTSTRAP_ADMIN_USERNAME: admin
      KC_BOOTSTRAP_ADMIN_PASSWORD: ${KEYCLOAK_ADMIN_PASSWORD}
  mailpit:
    image: axllent/mailpit:v1.21
    ports:
      - "127.0.0.1:8025:8025"
volumes:
  pgdata: {}
""")

S("de", "code", fill('''package de.nordlicht.billing.payment;

import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Adapter für den Zahlungsdienstleister. Der API-Schlüssel wird ausschließlich
 * über die Umgebung (Vault → Spring Cloud Config) injiziert – niemals hier eintragen.
 */
@Service
public class PaymentGatewayClient {

    /** Feste Namespace-UUID für idempotente Zahlungs-IDs (nicht ändern, siehe ADR-023). */
    static final UUID PAYMENT_NAMESPACE = UUID.fromString("«ns»");

    /** Testfall aus PaymentGatewayClientTest#erzeugtStabileId. */
    static final String EXPECTED_ID = "«exp»";

    @Value("${payment.api-key}")
    private String apiKey;

    @Value("${payment.base-url:https://api.sandbox.psp.example/v3}")
    private String baseUrl;

    public UUID idFor(String rechnungsnummer, long betragInCent) {
        return UUID.nameUUIDFromBytes((PAYMENT_NAMESPACE + ":" + rechnungsnummer + ":" + betragInCent).getBytes());
    }
}
''', ns=uuid4(), exp=uuid4()))

S("de", "prose", f"""Sicherheitsvorfall SV-2026-07 – Abschlussbericht (Kurzfassung)

Am 12.11.2026 wurde in einem öffentlichen Fork unseres Repositories „nordlicht/webshop“ eine Konfigurationsdatei entdeckt, die ein Datenbankpasswort und einen API-Schlüssel eines Zahlungsdienstleisters enthielt. Die Werte werden in diesem Bericht bewusst nicht wiedergegeben; intern sind sie über ihren SHA-256-Fingerabdruck ({rnd(HEX, 16)}…) referenziert.

Zeitlicher Ablauf:
– 09:14 Hinweis über das Responsible-Disclosure-Formular (Ticket RD-{R.randint(1000, 9999)})
– 09:40 Schlüssel beim Dienstleister widerrufen, neuer Schlüssel über Vault ausgerollt (Lease-ID geschwärzt)
– 10:05 Passwort rotiert, betroffener Commit {sh7()} per `git filter-repo` entfernt, Fork-Betreiber kontaktiert

Bewertung: Keine unautorisierten Transaktionen festgestellt. Eine Meldung nach Art. 33 DSGVO war nicht erforderlich, da keine personenbezogenen Daten betroffen waren.
Maßnahmen: Secret-Scanning in der CI (gitleaks 8.21.2), verpflichtende Pre-Commit-Hooks, Schulung am 03.12.2026.
""")

S("de", "prose", """Auswertung Klausur „Statistik II“, WiSe 2026/27 (n = 184)

Mittelwert 2,73, Median 2,7, Standardabweichung 0,91; Durchfallquote 14,1 % (26 von 184).
Korrelation Übungspunkte/Klausurnote: r = −0,62 (p < 0,001), Bestimmtheitsmaß R² = 0,384.
Lineares Modell: Note = 4,118 − 0,0214 · Übungspunkte (Standardfehler 0,0019; t = −11,26).
Shapiro-Wilk für Residuen: W = 0,9873, p = 0,0912 → Normalverteilung nicht abgelehnt.
Notenspiegel: 1,0–1,3: 12 | 1,7–2,3: 51 | 2,7–3,3: 63 | 3,7–4,0: 32 | 5,0: 26
Einsichtnahme: 09.01.2027, Raum H 0104, 10:00–12:00 Uhr. Prüfungsnummer 2611-4410-01.
""")

S("de", "prose", """Laborprotokoll Versuch 7: Bestimmung der Wasserhärte (komplexometrische Titration)

Probe: Leitungswasser, entnommen 20.11.2026, 100,0 mL. Puffer: NH3/NH4Cl, pH 10. Indikator: Erio T.
Maßlösung: Na2H2EDTA·2H2O, c = 0,0100 mol/L (CAS 6381-92-6, M = 372,24 g/mol), Charge K53918204.
Verbrauch: 14,82 mL / 14,79 mL / 14,85 mL → Mittelwert 14,82 mL.
n(Ca2+ + Mg2+) = 1,482 · 10^-4 mol → c = 1,482 mmol/L = 8,31 °dH (Härtebereich „mittel“).
Vergleich Wasserversorger: 8,4 °dH. Abweichung 1,1 %. CaCO3-Äquivalent: 148,3 mg/L.
""")

arows = []
for n, pr in [("Akkuschrauber 18 V, 2 Akkus", "129,00"), ("Bohrer-Set HSS 19-tlg.", "24,90"), ("LED-Baustrahler 50 W", "39,95")]:
    arows.append(f"| {R.randint(100000, 999999)} | {n} | {ean13('40' + rnd(DIG, 2))} | {pr} € |")
for n, pr in [("Heimwerken für Einsteiger", "19,99"), ("Holzverbindungen, 4. Aufl.", "34,00")]:
    v = ean13("9783" + rnd(DIG, 1))
    arows.append(f"| {R.randint(100000, 999999)} | {n} | {v[:3]}-{v[3]}-{v[4:7]}-{v[7:12]}-{v[12]} | {pr} € |")
S("de", "table", "Artikelstamm Filiale 0417 – Aktion KW 49\n\n| Art.-Nr. | Bezeichnung | GTIN/EAN bzw. ISBN | VK |\n|---|---|---|---|\n" + "\n".join(arows)
  + f"\n\nExport-ID {uuid4()}, erzeugt am 25.11.2026 um 06:00 Uhr (Zeitstempel {R.randint(1764040000, 1764049999)}).")

gv = []
for g, a, v in [("org.apache.pdfbox", "pdfbox", "3.0.3"), ("com.github.librepdf", "openpdf", "2.0.3"), ("org.postgresql", "postgresql", "42.7.4")]:
    gv.append(f"""      <component group="{g}" name="{a}" version="{v}">
         <artifact name="{a}-{v}.jar">
            <sha256 value="{sha256()}" origin="Generated by Gradle"/>
         </artifact>
         <artifact name="{a}-{v}.pom">
            <sha256 value="{sha256()}" origin="Generated by Gradle"/>
         </artifact>
      </component>""")
S("de", "config", """<?xml version="1.0" encoding="UTF-8"?>
<!-- gradle/verification-metadata.xml – Prüfsummen der Abhängigkeiten (automatisch erzeugt) -->
<verification-metadata xmlns="https://schema.gradle.org/dependency-verification" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
   <configuration>
      <verify-metadata>true</verify-metadata>
      <verify-signatures>false</verify-signatures>
   </configuration>
   <components>
""" + "\n".join(gv) + "\n   </components>\n</verification-metadata>\n")

ev = []
for reason, obj, msg in [("Scheduled", "pod/billing-api-7c9d5b8f4d-x2kqp", "Successfully assigned billing/billing-api-7c9d5b8f4d-x2kqp to aks-nodepool1-3141592-vmss000004"),
                         ("Pulled", "pod/billing-api-7c9d5b8f4d-x2kqp", f"Container image \"nordlicht.azurecr.io/billing-api@sha256:{sha256()}\" already present on machine"),
                         ("BackOff", "pod/billing-worker-5f6b7c8d9-q8wzt", "Back-off restarting failed container worker in pod billing-worker-5f6b7c8d9-q8wzt"),
                         ("SuccessfulCreate", "replicaset/billing-api-7c9d5b8f4d", "Created pod: billing-api-7c9d5b8f4d-m4rtn")]:
    ev.append(f"{R.randint(1, 59)}m  {'Warning' if reason == 'BackOff' else 'Normal '}  {reason:17} {obj:40} {msg}")
S("de", "log", "$ kubectl -n billing get events --sort-by=.lastTimestamp\nLAST SEEN  TYPE     REASON            OBJECT                                   MESSAGE\n" + "\n".join(ev)
  + f"\n$ kubectl -n billing get pod billing-api-7c9d5b8f4d-x2kqp -o jsonpath='{{.metadata.uid}}'\n{uuid4()}\n")

S("de", "code", fill('''// _theme.scss – Design-Tokens Stadtwerke-Portal (Build «b»)
$farbe-primaer: #005CA9;
$farbe-sekundaer: #E2001A;
$farbe-hintergrund: #F4F6F8;
$farbe-text: #1d1d1b;
$schatten: 0 2px 6px rgba(0, 0, 0, .12);

// Logo als Inline-PNG, damit der Header ohne zusätzlichen Request rendert
$logo-datauri: url("data:image/png;base64,«png»");

.kopfzeile {
  background: $farbe-primaer;
  &__logo { background-image: $logo-datauri; width: 32px; height: 32px; }
  &__hinweis { color: lighten($farbe-sekundaer, 10%); border-left: 4px solid #FFCC00; }
}
''', b=sh7(), png=b64(300, PNG)))

S("de", "log", f"""2026-11-25 08:15:02,118 INFO  [kundenportal] Anmeldung erfolgreich kunde=K-00****13 sitzung=[GESCHWÄRZT] 2fa=sms
2026-11-25 08:15:04,502 INFO  [kundenportal] Bankverbindung geändert iban=DE** **** **** **** **35 21 bic=COBADEFFXXX mandat=M-00****13-02
2026-11-25 08:15:04,503 INFO  [mailer] Bestätigung versandt an=k****@****.de vorlage=bankdaten_geaendert_v2 nachricht={uuid4()}
2026-11-25 08:15:05,010 DEBUG [psp-client] POST /v3/mandates Authorization: Bearer *** (gekürzt) antwort=201 x-request-id={trace()}
2026-11-25 08:15:05,012 INFO  [datenschutz] Maskierung aktiv (Regelwerk DSGVO-LOG-4, {R.randint(3, 9)} Felder geschwärzt)
""")

pts = [[round(10.8764 + i * 0.0031, 6), round(47.4215 + i * 0.0018, 6), 1100 + i * 37] for i in range(6)]
S("de", "json", json.dumps({"type": "Feature", "properties": {"name": "Zugspitz-Zustieg via Reintal (Abschnitt 2)", "tour_id": ulid(),
                                                              "distanz_km": 7.42, "hoehenmeter": 812, "erstellt": "2026-08-14T06:12:00+02:00"},
                            "geometry": {"type": "LineString", "coordinates": pts}}, ensure_ascii=False, indent=2))

S("de", "config", """# nordlicht.schema – LDAP-Schemaerweiterung für das Personalverzeichnis
# Private Enterprise Number: 1.3.6.1.4.1.99999 (Beispiel-PEN, Dokumentation)
attributetype ( 1.3.6.1.4.1.99999.1.1.1
    NAME 'nlKostenstelle'
    DESC 'Kostenstelle, z. B. 4410'
    EQUALITY caseIgnoreMatch
    SYNTAX 1.3.6.1.4.1.1466.115.121.1.15
    SINGLE-VALUE )

attributetype ( 1.3.6.1.4.1.99999.1.1.2
    NAME 'nlPersonalnummerIntern'
    DESC 'Interne Nummer (keine Steuer- oder SV-Nummer)'
    EQUALITY integerMatch
    SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 )

objectclass ( 1.3.6.1.4.1.99999.2.1
    NAME 'nlMitarbeiter'
    SUP inetOrgPerson STRUCTURAL
    MAY ( nlKostenstelle $ nlPersonalnummerIntern ) )
# Referenz: 2.5.4.3 (cn), 2.5.4.10 (o), 0.9.2342.19200300.100.1.1 (uid)
""")

S("de", "code", """# infra/azure/main.tf – Speicherkonto für Rechnungs-PDFs
variable "storage_access_key" {
  description = "Wird in der Pipeline aus Key Vault gelesen, NICHT hier eintragen"
  type        = string
  sensitive   = true
}

resource "azurerm_storage_account" "rechnungen" {
  name                     = "nlrechnungenprod"
  resource_group_name      = "rg-billing-prod"
  location                 = "germanywestcentral"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  min_tls_version          = "TLS1_2"
  tags = {
    kostenstelle = "4410"
    owner        = "team-billing"
  }
}

# Beispiel aus der Doku: az storage blob list --account-name <konto> --account-key <schluessel>
# Verbindungszeichenfolge-Muster: DefaultEndpointsProtocol=https;AccountName=<konto>;AccountKey=<schluessel>;EndpointSuffix=core.windows.net
""")

banks = [{"blz": "10070000", "bic": "DEUTDEBBXXX", "name": "Deutsche Bank Berlin", "plz": "10883"},
         {"blz": "20040000", "bic": "COBADEHHXXX", "name": "Commerzbank Hamburg", "plz": "20454"},
         {"blz": "43060967", "bic": "GENODEM1GLS", "name": "GLS Gemeinschaftsbank", "plz": "44774"},
         {"blz": "50010517", "bic": "INGDDEFFXXX", "name": "ING-DiBa", "plz": "60628"}]
S("de", "json", json.dumps({"quelle": "Bankleitzahlendatei der Deutschen Bundesbank, gültig ab 09.12.2026", "stand": "2026-11-25",
                            "pruefsumme_sha256": sha256(), "eintraege": banks}, ensure_ascii=False, indent=2))

S("de", "prose", f"""Versionshinweise Kassensystem „KASSA“ 10.2.14.3 (Rollout ab 01.12.2026)

Neu:
• TSE-Modul (Technische Sicherheitseinrichtung) auf Firmware 1.1.4 aktualisiert, BSI-Zertifikat BSI-K-TR-0481-2026
• Unterstützung für Windows 10.0.26100.2314 und Debian 12.8
• Bondrucker-Treiber 3.0.1.192 (vorher 3.0.0.168)
Behoben:
• Rundungsfehler bei Mischsteuersätzen 7 %/19 % (Ticket KASSA-1187)
• Absturz beim Z-Bericht, wenn mehr als 65.535 Positionen erfasst wurden
Prüfsummen: Installer SHA-256 {sha256()}, Signaturzertifikat Seriennummer {':'.join(rnd(HEX, 2) for _ in range(16))}
""")

S("de", "chat", f"""[Teams · #release-billing]
Lukas: Build 2611.4 ist grün ✅ Commit {sh7()}, Artefakt billing-api-5.13.0-{sh7()}.jar
Aylin: Danke! Migration V2026_11_25_01__rechnungsnummern.sql läuft auf Staging gerade, ca. 1,8 Mio. Zeilen
Lukas: Jira BILL-2291 und BILL-2294 sind drin, BILL-2297 verschieben wir
Aylin: Rollback-Punkt ist Tag v5.12.4 ({sha()})
Tobias: Change CHG0031874 ist genehmigt, Fenster heute 20:00–21:00
Lukas: 👍 Ich poste die Pipeline-ID, sobald sie läuft: {R.randint(1800000, 1899999)}
""")

S("de", "code", f"""$ sha256sum -c SHA256SUMS --ignore-missing
debian-12.8.0-amd64-netinst.iso: OK
$ cat SHA256SUMS | head -3
{sha256()}  debian-12.8.0-amd64-DVD-1.iso
{sha256()}  debian-12.8.0-amd64-netinst.iso
{sha256()}  debian-edu-12.8.0-amd64-netinst.iso
$ md5sum backup_2026-11-24.tar.zst
{rnd(HEX, 32)}  backup_2026-11-24.tar.zst
$ gpg --verify SHA256SUMS.sign SHA256SUMS
gpg: Signatur vom Sa 09 Nov 2026 20:17:43 CET
gpg:                mittels RSA-Schlüssel DF9B9C49EAA9298432589D76DA87E80D6294BE9B
gpg: Korrekte Signatur von "Debian CD signing key"
""")

# -- DE positives
kiban = iban("DE")
kiban_sp = iban_spaced(kiban)
S("de", "prose", f"""Betreff: Erstattung Gutschrift GS-2026-00418 / Kundennr. K-0091375

Hallo zusammen,

die Gutschrift GS-2026-00418 über 214,90 € (zu Rechnung RE-2026-10-03977, Auftrag A-49821/26) ist bei mir noch nicht angekommen. Bitte nicht mehr mit der nächsten Lastschrift verrechnen – das Mandat M-0091375-02 habe ich am 12.11. widerrufen –, sondern auf mein neues Konto überweisen:

IBAN {kiban_sp}
BIC GENODEF1S10 (Volksbank)

Ihre Gläubiger-ID DE98ZZZ09999999999 taucht übrigens noch auf meinem Kontoauszug vom 03.11. auf (Buchung mit Referenz 2611{rnd(DIG, 10)}).

Viele Grüße
Katrin Vogt
""", ("iban", kiban_sp))

stid = de_steuer_id()
stid_sp = f"{stid[:2]} {stid[2:5]} {stid[5:8]} {stid[8:]}"
S("de", "table", f"""Personalstammblatt – Neueinstellungen Dezember 2026 (nur Lohnbuchhaltung)

| Pers.-Nr. | Name | Eintritt | StKl | Steuer-ID | SV-Nr. | Krankenkasse |
|---|---|---|---|---|---|---|
| 100482 | Weber, Jonas | 01.12.2026 | I | {stid_sp} | folgt | TK |
| 100483 | Yilmaz, Deniz | 01.12.2026 | IV | fehlt (angefordert 20.11.) | folgt | AOK Nordost |
| 100484 | Schulz, Lea | 15.12.2026 | I | fehlt | folgt | Barmer |

Kostenstelle 4410, Tarifgruppe E9/2, Betriebsnummer {rnd('123456789', 1)}{rnd(DIG, 7)}, Abrechnungskreis 03, Lohnart 1000/1100.
""", ("de_steuer_id", stid_sp))

dpw = password()
S("de", "config", f"""# application-prod.yml – Abrechnungsdienst
spring:
  datasource:
    url: jdbc:postgresql://db-prod-01.intern.nordlicht.example:5432/billing
    username: billing_app
    password: "{dpw}"   # TODO: in Vault verschieben (BILL-2301)
    hikari:
      maximum-pool-size: 24
  flyway:
    baseline-version: 2026.11.3
management:
  endpoints.web.exposure.include: health,info,prometheus
app:
  payment:
    api-key: ${{PAYMENT_API_KEY}}
    webhook-secret: ${{PAYMENT_WEBHOOK_SECRET}}
  instance-id: {uuid4()}
  build-commit: {sha()}
""", ("password", dpw))

glp = gitlab()
S("de", "config", f"""# .gitlab-ci.yml
variables:
  DOCKER_DRIVER: overlay2
  IMAGE: $CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA
  RENOVATE_TOKEN: {glp}   # TODO als masked CI/CD-Variable anlegen!
  SONAR_TOKEN: $SONAR_TOKEN
  CACHE_KEY: "gradle-{sha256()[:16]}"

stages: [build, test, deploy]

build:
  stage: build
  image: eclipse-temurin:21.0.5_11-jdk
  script:
    - echo "Build $CI_PIPELINE_ID für $CI_COMMIT_SHA"
    - ./gradlew --no-daemon build -x test
    - docker login -u gitlab-ci-token -p $CI_JOB_TOKEN $CI_REGISTRY

renovate:
  stage: deploy
  image: renovate/renovate:39.42.4
  script: renovate --platform=gitlab --endpoint=https://gitlab.nordlicht.example/api/v4 nordlicht/billing
  rules:
    - if: $CI_PIPELINE_SOURCE == "schedule"
""", ("gitlab_token", glp))

crt = cert_pem("localhost")
key = pem("ec")
S("de", "code", fill('''package tlstest

import (
	"crypto/tls"
	"testing"
)

// Nur für den lokalen Integrationstest. Das Zertifikat ist öffentlich,
// der Schlüssel darunter leider nicht – TODO: zur Laufzeit erzeugen (Ticket BILL-2310).
const testCertPEM = `«crt»`

const testKeyPEM = `«key»`

func TestServerTLS(t *testing.T) {
	cert, err := tls.X509KeyPair([]byte(testCertPEM), []byte(testKeyPEM))
	if err != nil {
		t.Fatalf("Schlüsselpaar ungültig: %v", err)
	}
	cfg := &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	_ = cfg // Fingerprint erwartet: «fp»
}
''', crt=crt, key=key, fp=":".join(rnd("0123456789ABCDEF", 2) for _ in range(32))), ("private_key", key))

# ================================================================ JA (25: 20 negative, 5 positive)
jrows = []
for i, (name, due) in enumerate([("株式会社みなと物流", "末締め/翌月末払い"), ("合同会社サクラデザイン", "20日締め/翌月10日払い"),
                                 ("東邦クラウドサービス株式会社", "末締め/翌々月5日払い"), ("有限会社たかはし印刷", "末締め/翌月末払い")]):
    c = jp_corp()
    jrows.append(f"| V-{10231 + i * 17} | {name} | {c} | T{c} | {due} |")
S("ja", "table", "取引先マスタ（2026年11月更新・経理部）\n\n| 取引先コード | 商号 | 法人番号 | 適格請求書発行事業者登録番号 | 締日/支払日 |\n|---|---|---|---|---|\n"
  + "\n".join(jrows) + "\n\n※法人番号・登録番号は国税庁の公表サイトで確認済み（確認日 2026-11-20、確認者コード AC-118）。")

prows = []
for n, p in [("北海道産 ゆめぴりか 5kg", "3,480"), ("国産 緑茶ティーバッグ 50袋", "698"), ("無添加 だし醤油 500ml", "540")]:
    prows.append(f"| {R.randint(100000, 999999)} | {n} | {ean13('49' + rnd(DIG, 5))} | {p} |")
for n, p in [("リーダブルコード", "2,640"), ("プログラミング言語Go", "4,180")]:
    v = ean13("9784" + rnd(DIG, 2))
    prows.append(f"| {R.randint(100000, 999999)} | {n} | {v[:3]}-{v[3]}-{v[4:6]}-{v[6:12]}-{v[12]} | {p} |")
S("ja", "table", "商品マスタ抜粋（EC事業部、2026/11/25 06:00 時点）\n\n| 商品ID | 商品名 | JANコード / ISBN | 税込価格 |\n|---|---|---|---|\n" + "\n".join(prows)
  + f"\n\n同期ジョブID: {ulid()}　最終更新: {R.randint(1764010000, 1764019999)}")

S("ja", "chat", f"""お客様: 11/22に注文した件（注文番号 2026112200417）、まだ届かないのですが…
担当: お問い合わせありがとうございます。ヤマト運輸でお送りしており、伝票番号は {rnd(DIG, 4)}-{rnd(DIG, 4)}-{rnd(DIG, 4)} です。現在「羽田クロノゲートベース 作業中」となっております。
お客様: もう一つの箱は？
担当: 同梱できなかった分は佐川急便 {rnd(DIG, 12)} で本日出荷予定です。お詫びとしてクーポン OWABI-{rnd(UPD, 6)}（500円分）を付与しました。
お客様: 了解です。返品したい商品もあるんですが
担当: 返品受付番号 RT-2611-0419 を発行しました。ゆうパックの着払い伝票 {rnd(DIG, 4)}-{rnd(DIG, 4)}-{rnd(DIG, 4)} をご利用ください。
""")

js = sha()
S("ja", "log", f"""Run actions/checkout@v4
  リポジトリ: example-jp/order-service
  ref: refs/heads/main  sha: {js}
Run actions/setup-go@v5
  go version go1.23.3 linux/amd64
  キャッシュ復元: setup-go-Linux-x64-ubuntu24-go-1.23.3-{sha256()}
Run make test
  ok   example.jp/order-service/internal/order   2.318s  coverage: 84.1% of statements
  ok   example.jp/order-service/internal/payment 1.042s  coverage: 77.9% of statements
Run docker/build-push-action@v6
  #12 exporting manifest sha256:{sha256()} done
  #12 pushing ghcr.io/example-jp/order-service:{js[:7]} 3.4s
  ImageID sha256:{sha256()}
Job ID: {uuid4()}  実行時間 2分41秒  run_id=118{rnd(DIG, 8)}
""")

S("ja", "config", """# .env.example（ローカル開発用のサンプルです）
# 本物の値は 1Password の「開発共通」保管庫から取得してください。このファイルに本番の値を書かないこと！
APP_ENV=local
APP_PORT=8080
DATABASE_URL=mysql://user:password@127.0.0.1:3306/app_dev
REDIS_URL=redis://127.0.0.1:6379/0

# 外部サービス
LINE_CHANNEL_SECRET=<LINEのチャネルシークレット>
LINE_CHANNEL_ACCESS_TOKEN=<長期アクセストークン>
STRIPE_SECRET_KEY=sk_test_********************************
OPENAI_API_KEY=sk-...（各自で発行）
ANTHROPIC_API_KEY=
SLACK_BOT_TOKEN=xoxb-your-bot-token
SESSION_SECRET=${SESSION_SECRET}
""")

S("ja", "prose", f"""【インシデント報告】検証環境 API キーの社外公開リポジトリへの混入（INC-2026-1124）

■ 概要
2026年11月24日 10:12 頃、委託先の開発者が個人の公開リポジトリに検証用ソースコードを push し、その設定ファイルに当社の Slack ボットトークン（xoxb- で始まる形式）が含まれていた。本報告書にはトークン値そのものは記載しない。

■ 対応経緯
10:31 GitHub のシークレットスキャン通知を受領（アラート番号 #87）
10:40 Slack 管理画面でトークンを失効、新トークンを Vault 経由で再発行
11:05 該当コミット {sh7()} を含むリポジトリの非公開化を委託先に依頼、完了確認
11:30 監査ログ確認（ログ検索ID {uuid4()}）：失効までの間に外部からの API 呼び出しなし

■ 再発防止
・委託先を含む全開発者への pre-commit（gitleaks 8.21.2）導入
・トークンの有効期限を 90 日に短縮、ローテーション手順書 RB-042 を改訂
""")

S("ja", "code", fill('''package order

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/google/uuid"
)

// 注文の冪等キー用名前空間。既存データとの互換のため変更禁止（ADR-0012）。
var orderNamespace = uuid.MustParse("«ns»")

// IdempotencyKey は同じカート内容に対して同じキーを返す。
func IdempotencyKey(userID int64, cartJSON []byte) string {
	sum := sha256.Sum256(cartJSON)
	return uuid.NewSHA1(orderNamespace, []byte(hex.EncodeToString(sum[:]))).String()
}

// テスト用固定値（order_test.go と一致させること）
const (
	fixedCartHash = "«h»"
	expectedKey   = "«u»"
	sampleTraceID = "«t»"
)
''', ns=uuid4(), h=sha256(), u=uuid4(), t=trace()))

jl = []
for svc, msg in [("api-gateway", "リクエスト受信 POST /v1/orders"), ("order-service", "在庫引当 完了 sku=JP-4410-BK qty=2"),
                 ("payment-service", "与信 応答遅延 1,204ms（閾値 1,000ms）"), ("order-service", "注文確定 order_id=ORD-" + ulid())]:
    jl.append(f"2026-11-25T14:{R.randint(10, 59)}:{R.randint(10, 59)}.{R.randint(100, 999)}+09:00 INFO {svc:16} trace_id={trace()} span_id={span()} {msg}")
S("ja", "log", "\n".join(jl) + f"\n# Jaeger: https://jaeger.example.jp/trace/{trace()}  （トレース保持期間 7日）")

S("ja", "prose", """【分析メモ】会員向けメールの開封率比較（2026年11月配信分）

・対象：配信数 A群 128,402通 / B群 128,377通（無作為割付、層別：年代×地域）
・開封率：A 21.84% / B 24.07%（差 +2.23pt、95%信頼区間 1.90〜2.56pt）
・カイ二乗検定：χ² = 178.3、自由度 1、p = 1.2×10⁻⁴⁰
・ロジスティック回帰（説明変数：件名パターン、配信時刻、年代）：オッズ比 1.131（95%CI 1.112〜1.150）
・効果量 Cohen's h = 0.053、検出力 0.999
結論：件名に数字を入れたB案を 12月配信から標準とする。再検証は 2027年2月（分析ID AN-2611-07）。
""")

S("ja", "prose", """実験ノート No.31　中和滴定による食酢中の酢酸濃度の決定（2026年11月21日）

・試料：市販の穀物酢を 10 倍希釈し 10.00 mL 採取
・標準液：0.1000 mol/L NaOH（ファクター f = 1.008、ロット番号 NX-2611-0387）
・指示薬：フェノールフタレイン
・滴定値：7.42 mL / 7.38 mL / 7.40 mL → 平均 7.40 mL
・CH3COOH + NaOH → CH3COONa + H2O より、希釈前の酢酸濃度 = 0.7459 mol/L
・質量パーセント濃度（密度 1.01 g/cm³、CH3COOH = 60.05 g/mol）：4.43 %（表示 4.2 %）
考察：ビュレットの読み取り誤差 ±0.02 mL、CAS 64-19-7（酢酸）。
""")

shops = [{"店舗ID": f"JP-{R.randint(1000, 9999)}", "店舗名": n, "緯度": la, "経度": lo, "郵便番号": z, "営業時間": "10:00-21:00",
          "更新日時": f"2026-11-{R.randint(10, 24)}T09:00:00+09:00"}
         for n, la, lo, z in [("渋谷店", 35.658034, 139.701636, "150-0043"), ("梅田店", 34.702485, 135.495951, "530-0001"),
                              ("博多店", 33.590355, 130.420658, "812-0012")]]
S("ja", "json", json.dumps({"version": "2026.11.25", "件数": 3, "店舗": shops}, ensure_ascii=False, indent=2))

S("ja", "config", f"""# values-prod.yaml（Helm）— イメージはダイジェスト固定でデプロイする
image:
  repository: asia-northeast1-docker.pkg.dev/example-jp/apps/order-service
  digest: sha256:{sha256()}
  pullPolicy: IfNotPresent
sidecar:
  image: gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.14.1@sha256:{sha256()}
replicaCount: 4
podAnnotations:
  checksum/config: {sha256()}
  git-commit: "{sha()}"
env:
  - name: DB_PASSWORD
    valueFrom:
      secretKeyRef: {{name: order-db, key: password}}
  - name: GOOGLE_CLOUD_PROJECT
    value: example-jp-prod
serviceAccount:
  annotations:
    iam.gke.io/gcp-service-account: <GSA_NAME>@<PROJECT_ID>.iam.gserviceaccount.com   # CI で置換
""")

S("ja", "log", f"""2026-11-25 09:41:03.118 INFO  [会員API] ログイン成功 会員番号=M{rnd(DIG, 8)} 氏名=山田 ** 電話=090-****-**{rnd(DIG, 2)} セッション=[マスク済]
2026-11-25 09:41:05.502 INFO  [決済API] カード登録 番号=**** **** **** {rnd(DIG, 4)} 有効期限=**/** ブランド=JCB 3DS=成功
2026-11-25 09:41:05.503 INFO  [通知] 登録完了メール送信 宛先=y****@*****.jp テンプレート=card_registered_v2 message_id={uuid4()}
2026-11-25 09:41:06.004 INFO  [本人確認] マイナンバーカード読取 結果=OK 個人番号=************（保存しない） 照会ID={ulid()}
2026-11-25 09:41:06.010 DEBUG [監査] マスキング規則 PII-MASK-JP-v4 適用 {R.randint(3, 9)} 件
""")

S("ja", "code", fill('''<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>キャンペーン | 年末セール 2026</title>
<link rel="icon" href="data:image/png;base64,«ico»">
<script>!function(){var e="«c»",t=document.currentScript,n=function(n){return n.split("").reverse().join("")+e};window.__cmp={v:"2026.11.3",h:n("dj"),ts:1764046800000,sz:[320,640,1280]},document.documentElement.classList.add("js")}();</script>
<script src="/_next/static/chunks/pages/campaign-«h8».js" integrity="«sri»" crossorigin="anonymous" defer></script>
</head>
<body style="background:#FFF7ED;color:#7C2D12">
<h1>年末セール 最大50%OFF</h1>
<img alt="バナー" width="640" height="200" src="data:image/png;base64,«ban»">
</body>
</html>
''', ico=b64(120, PNG), c=rnd(HEX, 12), h8=rnd(HEX, 16), sri="sha384-" + b64(48), ban=b64(360, PNG)))

S("ja", "config", f"""# yarn.lock（抜粋）— 自動生成。手で編集しないでください
# yarn lockfile v1


"@babel/runtime@^7.24.0":
  version "7.26.0"
  resolved "https://registry.yarnpkg.com/@babel/runtime/-/runtime-7.26.0.tgz#{rnd(HEX, 40)}"
  integrity {integrity()}
  dependencies:
    regenerator-runtime "^0.14.0"

dayjs@^1.11.13:
  version "1.11.13"
  resolved "https://registry.yarnpkg.com/dayjs/-/dayjs-1.11.13.tgz#{rnd(HEX, 40)}"
  integrity {integrity()}

regenerator-runtime@^0.14.0:
  version "0.14.1"
  resolved "https://registry.yarnpkg.com/regenerator-runtime/-/regenerator-runtime-0.14.1.tgz#{rnd(HEX, 40)}"
  integrity {integrity()}
""")

S("ja", "code", fill('''// components/Checkout.tsx — 決済フォーム
// 公開可能キー（pk_）はブラウザに出してよい。シークレットキーはサーバー側の環境変数のみ。
import { loadStripe } from "@stripe/stripe-js";
import { Elements } from "@stripe/react-stripe-js";

const stripePromise = loadStripe("pk_test_«pk»");

export default function Checkout({ clientSecret }: { clientSecret: string }) {
  // clientSecret はサーバーから受け取る（例: pi_3Q«pi»_secret_<省略>）
  return (
    <Elements stripe={stripePromise} options={{ clientSecret, locale: "ja", appearance: { theme: "flat" } }}>
      <PaymentForm orderId="«oid»" />
    </Elements>
  );
}
''', pk=rnd_mixed(ALNUM, 99), pi=rnd(ALNUM, 21), oid="ORD-" + ulid()))

jeq = []
for m, fw in [("iPhone 15（社用）", "iOS 18.1.1"), ("Android タブレット（店舗用）", "Android 14 / UP1A.231005.007"),
              ("ルーター YAMAHA RTX1300", "Rev.23.00.12"), ("ラベルプリンタ", "V1.2.0.4")]:
    imv = imei() if ("iPhone" in m or "タブレット" in m) else "－"
    jeq.append(f"| PC-{R.randint(10000, 99999)} | {m} | {rnd(UPD, 12)} | {mac()} | {imv} | {fw} |")
S("ja", "table", "機器管理台帳（情報システム部、2026年度下期棚卸）\n\n| 管理番号 | 機器 | シリアル番号 | MACアドレス | IMEI | ファームウェア |\n|---|---|---|---|---|---|\n" + "\n".join(jeq)
  + "\n\n※ IMEI は紛失時の回線停止手続き用。リース契約番号 LC-2024-00871。")

S("ja", "prose", f"""リリースノート：受発注システム 2026.11.3（2026年11月25日）

・対応ブラウザ：Chrome 131.0.6778.86 以降、Edge 131.0.2903.63 以降、Safari 18.1
・サーバー：Java 21.0.5+11、PostgreSQL 16.4、Tomcat 10.1.33
・電子署名：署名アルゴリズム OID 1.2.840.10045.4.3.2（ecdsa-with-SHA256）に対応、証明書ポリシー OID 1.2.392.200091.100.721.1 の検証を追加
・社内ネットワーク機器ファームウェア 10.1.20.3 との互換性確認済み（※IP アドレスではありません）
・ビルド {sh7()}／配布物 SHA-256 {sha256()}
既知の問題：バージョン 2026.10.2 からの移行時、帳票テンプレート（ID {uuid4()}）の再登録が必要。
""")

S("ja", "chat", f"""[Slack #release-order]
佐藤: 2026.11.3 の RC2 タグ打ちました → {sh7()}
鈴木: ありがとうございます！ステージングの E2E 412件中 412件 OK です 🎉
佐藤: マイグレーション V2026_11_25_01 はロック時間 0.8 秒でした
田中: 本番リリースは 21:00〜、変更管理番号 CHG-2611-0087 で承認済み
鈴木: ロールバック先は 2026.11.2（{sha()}）でいいですか？
佐藤: はい。Argo CD の sync ID {uuid4()} も貼っておきます
""")

jo = {"order_id": "ORD-" + ulid(), "order_no": "2026112500" + rnd(DIG, 3), "status": "SHIPPED", "invoice_no": f"INV-2611-{rnd(DIG, 6)}",
      "registration_no": "T" + jp_corp(), "items": [{"sku": "JP-4410-BK", "jan": ean13("49" + rnd(DIG, 5)), "qty": 2, "price": 3480}],
      "tax": {"rate": 0.10, "amount": 696}, "shipping": {"carrier": "yamato", "tracking_no": rnd(DIG, 12), "zip": "150-0043"},
      "created_at": R.randint(1764040000, 1764049999), "request_id": uuid4()}
S("ja", "json", json.dumps(jo, ensure_ascii=False, indent=2))

# -- JA positives
mn = jp_mynumber()
mn_sp = f"{mn[:4]} {mn[4:8]} {mn[8:]}"
jtel = f"090-{R.randint(1000, 9999)}-{R.randint(1000, 9999)}"
S("ja", "table", f"""【入社手続き】社員情報登録票（人事部控え・取扱注意）

社員番号: 2026-1187
氏名: 佐藤 美咲（サトウ ミサキ）
入社日: 2026年12月1日　所属: 開発本部 第二開発部（部門コード 4410）
個人番号（マイナンバー）: {mn_sp}
携帯電話: {jtel}
雇用保険被保険者番号: 手続中
健康保険 記号・番号: 手続中（協会けんぽ）
通勤経路: 東急田園都市線 二子玉川 → 渋谷（定期代 月額 12,480円、申請番号 TK-2611-0093）
PC 貸与: 管理番号 PC-48213（シリアル {rnd(UPD, 12)}）
""", ("jp_mynumber", mn_sp), ("phone", jtel))

ant = anthropic()
S("ja", "config", f"""# .env（ローカル検証用）— ※このファイルはコミットしないこと
APP_ENV=staging
APP_PORT=8080
DATABASE_URL=mysql://app:${{DB_PASSWORD}}@127.0.0.1:3306/app_stg
LINE_CHANNEL_SECRET=<LINEのチャネルシークレット>
STRIPE_SECRET_KEY=sk_test_********************************
ANTHROPIC_API_KEY={ant}
ANTHROPIC_MODEL=claude-sonnet-4-5
OPENAI_API_KEY=
REQUEST_ID_PREFIX=stg-{rnd(HEX, 8)}
BUILD_SHA={sha()}
""", ("anthropic_key", ant))

sa, sa_key = gcp_sa_json("example-jp-batch")
sa_mail = "ci-deployer@example-jp-batch.iam.gserviceaccount.com"
S("ja", "json", f"""Cloud Run のデプロイ用サービスアカウントキーです（Secret Manager への移行が終わるまでの暫定、#infra 限定で共有）。
プロジェクト番号は {R.randint(10**11, 10**12 - 1)}、ワークロード ID プール ID は {uuid4()} です。

```json
{sa}
```
""", ("gcp_credentials", sa_key), ("private_key", sa_key), ("email", sa_mail))

hft = hf()
S("ja", "log", f"""[2026-11-25 03:14:22] INFO 学習ジョブ開始 job_id={uuid4()} run={ulid()}
[2026-11-25 03:14:22] INFO 環境変数: HF_HOME=/mnt/cache/hf HF_HUB_ENABLE_HF_TRANSFER=1 HF_TOKEN={hft} WANDB_MODE=offline CUDA_VISIBLE_DEVICES=0,1,2,3
[2026-11-25 03:14:25] INFO モデル: meta-llama/Llama-3.1-8B (revision {sha()})
[2026-11-25 03:14:31] INFO データセット: example-jp/faq-ja-v3 sha256={sha256()} 件数 1,284,019
[2026-11-25 03:20:02] INFO step 100/12000 loss=2.3184 lr=2.0e-05 grad_norm=0.874 tokens/s=48213
[2026-11-25 03:25:40] INFO step 200/12000 loss=1.9021 lr=2.0e-05 grad_norm=0.611 tokens/s=48390
[2026-11-25 03:25:41] INFO チェックポイント保存 ckpt-200 sha256={sha256()[:16]}…
""", ("huggingface_token", hft))

jcc = fmt_card(card("jcb"), "-")
S("ja", "chat", f"""お客様: 先ほど注文した件（注文番号 2026112500841）、カードの有効期限が切れていたみたいで決済エラーになりました
担当: ご不便をおかけしております。お支払い方法の変更は「マイページ > 注文履歴」から可能です（受付番号 UK-{rnd(DIG, 8)}）。
お客様: 面倒なのでここに書きます。新しいカードは {jcc} 、有効期限 09/29 です
担当: 申し訳ございませんが、チャットでカード番号をお預かりすることはできかねます。セキュリティのため、このメッセージは削除申請いたします。
お客様: わかりました、マイページからやります
担当: ありがとうございます。決済完了後、ヤマト運輸（伝票番号 {rnd(DIG, 4)}-{rnd(DIG, 4)}-{rnd(DIG, 4)}）で発送いたします。
""", ("card", jcc))

write_corpus(OUT, sys.argv[1])
