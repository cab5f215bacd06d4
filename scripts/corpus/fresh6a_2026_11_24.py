"""Fresh set 6a (2026-11-24): written by a helper who read only fakegen.py, never the rules,
after the set-5 fixes (English 60, Japanese 50); scored once (docs/detection.md, "Fresh sets 5 and 6").
Values are generated (fake): see fakegen.py.
Usage: python3 fresh6a_2026_11_24.py OUT.jsonl
"""
import os
import sys, json, base64, hashlib, string, subprocess, tempfile, os, uuid, collections

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *  # noqa

seed(6601)
OUT = []
S = sample_adder(OUT, "f6a")
DG = string.digits


# ---------------------------------------------------------------- helpers
def d(n):
    return rnd(DG, n)


def nz(n):
    return rnd("123456789", 1) + rnd(DG, n - 1)


def hexs(n):
    return rnd(HEX, n)


US_AREAS = ["212", "312", "415", "617", "303", "512", "206", "404", "702", "919", "614", "971", "713", "612", "813"]


def us_phone(style):
    a = R.choice(US_AREAS)
    e = str(R.randint(2, 9)) + rnd("0123456789", 1) + str(R.randint(1, 9))
    l = d(4)
    return [f"({a}) {e}-{l}", f"{a}-{e}-{l}", f"{a}.{e}.{l}", f"+1 {a} {e} {l}", f"+1{a}{e}{l}", f"+1-{a}-{e}-{l}"][style]


def uk_mobile(intl=False):
    n = "7" + R.choice("4579") + d(2) + " " + d(6)
    return ("+44 " + n) if intl else ("0" + n)


def uk_land(city="london"):
    if city == "london":
        return "020 " + R.choice("378") + d(3) + " " + d(4)
    if city == "leeds":
        return "0113 " + nz(3) + " " + d(4)
    return "0161 " + nz(3) + " " + d(4)


def de_mobile(intl=False):
    p = R.choice(["151", "152", "157", "160", "170", "171", "172", "176", "177", "179"])
    return f"+49 {p} {d(8)}" if intl else f"0{p} {d(8)}"


def de_land(style=0):
    c, n = R.choice([("30", 8), ("40", 7), ("89", 7), ("221", 7), ("69", 8)])
    return [f"0{c} {nz(n)}", f"+49 {c} {nz(n)}", f"0{c}/{nz(n)}", f"+49 (0){c} {nz(n)}"][style]


def fr_phone(style=0):
    p = [R.choice("67"), R.choice("12345")][style % 2]
    g = " ".join(d(2) for _ in range(4))
    return f"0{p} {g}" if style < 2 else f"+33 {p} {g}"


def jp_mobile(style=0):
    p = R.choice("789")
    return [f"0{p}0-{nz(4)}-{d(4)}", f"0{p}0{nz(4)}{d(4)}", f"+81 {p}0-{nz(4)}-{d(4)}", f"0{p}0 {nz(4)} {d(4)}"][style]


def jp_land(city="tokyo"):
    return {"tokyo": f"03-{nz(4)}-{d(4)}", "osaka": f"06-{nz(4)}-{d(4)}", "yokohama": f"045-{nz(3)}-{d(4)}",
            "fukuoka": f"092-{nz(3)}-{d(4)}", "nagoya": f"052-{nz(3)}-{d(4)}", "sapporo": f"011-{nz(3)}-{d(4)}",
            "tokyo_intl": f"+81-3-{nz(4)}-{d(4)}", "tokyo_paren": f"03({nz(4)}){d(4)}"}[city]


def kr_phone(style=0):
    return [f"010-{nz(4)}-{d(4)}", f"+82 10-{nz(4)}-{d(4)}", f"02-{nz(3)}-{d(4)}", f"+82-10-{nz(4)}-{d(4)}"][style]


def in_phone(style=0):
    return [f"+91 {R.choice('6789')}{d(4)} {d(5)}", f"0{R.choice('6789')}{d(9)}", f"+91-{R.choice('6789')}{d(9)}"][style]


def au_phone(style=0):
    return [f"04{d(2)} {d(3)} {d(3)}", f"+61 4{d(2)} {d(3)} {d(3)}", f"(02) {R.choice('89')}{d(3)} {d(4)}"][style]


def es_phone(style=0):
    return [f"6{d(2)} {d(2)} {d(2)} {d(2)}", f"+34 6{d(2)} {d(3)} {d(3)}", f"91 {nz(3)} {d(2)} {d(2)}"][style]


def it_phone(style=0):
    return [f"+39 3{d(2)} {d(3)} {d(4)}", f"02 {nz(4)} {d(4)}", f"3{d(2)} {d(7)}"][style]


def nl_phone(style=0):
    return [f"06-{R.choice('123456')}{d(7)}", f"+31 6 {R.choice('123456')}{d(3)} {d(4)}", f"020 {nz(3)} {d(4)}"][style]


def sg_phone(style=0):
    return [f"+65 {R.choice('89')}{d(3)} {d(4)}", f"{R.choice('689')}{d(3)} {d(4)}"][style]


def br_phone(style=0):
    return [f"({R.choice(['11', '21', '31', '41'])}) 9{d(4)}-{d(4)}", f"+55 11 9{d(4)}-{d(4)}"][style]


def mx_phone():
    return f"+52 55 {nz(4)} {d(4)}"


PUB_FIRST = [5, 23, 31, 34, 35, 37, 45, 46, 51, 52, 54, 62, 77, 78, 81, 82, 85, 88, 89, 91, 93, 94, 95, 104, 109,
             112, 118, 121, 126, 133, 139, 141, 144, 151, 153, 157, 163, 176, 178, 185, 188, 193, 195, 210, 211,
             212, 213, 217, 220, 222]


def ip_pub():
    return f"{R.choice(PUB_FIRST)}.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(2, 254)}"


def ip_priv(kind=None):
    kind = kind or R.choice(["10", "192", "172"])
    if kind == "10":
        return f"10.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(2, 254)}"
    if kind == "192":
        return f"192.168.{R.randint(0, 50)}.{R.randint(2, 254)}"
    return f"172.{R.randint(16, 31)}.{R.randint(0, 255)}.{R.randint(2, 254)}"


def h4():
    return format(R.randint(1, 0xffff), "x")


def ipv6_pub():
    pre = R.choice(["2a02:", "2a01:4f8:", "2600:1f18:", "2406:da14:", "2001:268:", "2400:4050:", "2a00:23c6:"])
    groups = 8 - pre.count(":")
    return pre + ":".join(h4() for _ in range(groups))


def ipv6_short():
    return f"2a02:{h4()}:{h4()}:{h4()}::{h4()}"


def sha256():
    return hashlib.sha256(R.getrandbits(64).to_bytes(8, "big")).hexdigest()


def gitsha():
    return hexs(40)


def uid():
    return str(uuid.UUID(int=R.getrandbits(128), version=4))


def rbytes(n):
    return bytes(R.getrandbits(8) for _ in range(n))


def b64(n):
    return base64.b64encode(rbytes(n)).decode()


def bcrypt():
    return "$2b$12$" + rnd("./" + ALNUM, 53)


def argon():
    return ("$argon2id$v=19$m=65536,t=3,p=4$" + base64.b64encode(rbytes(16)).decode().rstrip("=") + "$" +
            base64.b64encode(rbytes(32)).decode().rstrip("="))


def sri():
    return "sha512-" + b64(64)


def ssh_pub(comment):
    blob = b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20" + rbytes(32)
    return "ssh-ed25519 " + base64.b64encode(blob).decode() + " " + comment


def cert(cn):
    kd = tempfile.mkdtemp()
    out = subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                          "-keyout", os.path.join(kd, "k"), "-subj", f"/CN={cn}", "-days", "365"],
                         capture_output=True, text=True, check=True).stdout
    return out.strip()


def imei():
    body = R.choice(["35", "86", "01"]) + d(12)
    return body + luhn_check(body)


def ean13(prefix):
    body = prefix + d(12 - len(prefix))
    s = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(body))
    return body + str((10 - s % 10) % 10)


def mynum_ok(s):
    w = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    r = sum(int(a) * b for a, b in zip(s[:11], w)) % 11
    return s[11] == str(0 if r <= 1 else 11 - r)


def not_mynum12():
    while True:
        v = nz(12)
        if not mynum_ok(v):
            return v


def corp_no_jp():
    # 13-digit 法人番号: check digit first, computed over the 12 following digits
    base = nz(12)
    s = sum(int(c) * (1 if i % 2 == 0 else 2) for i, c in enumerate(reversed(base)))
    return str(9 - s % 9) + base


def body1(key):
    return key.splitlines()[1]


def aws_tmp():
    return aws_key_id("AKIA")


def pj(obj):
    return json.dumps(obj, indent=2, ensure_ascii=False)


def pjc(obj):
    return json.dumps(obj, ensure_ascii=False)


def b64s(s):
    return base64.b64encode(s.encode()).decode()


def cloudflare_token():
    return rnd_mixed(ALNUM + "_-", 40)


def ru_gems():
    return "rubygems_" + hexs(48)


def paypal_secret():
    return "E" + rnd_mixed(ALNUM + "-_", 79)


def mistral_key():
    return rnd_mixed(ALNUM, 32)


def cohere_key():
    return rnd_mixed(ALNUM, 40)


def hetzner_token():
    return rnd_mixed(ALNUM, 64)


# ================================================================= ENGLISH, positives
# E1 e-mail HR -> payroll (DE)
sid, ib, mob, tel = de_steuer_id(), iban("DE"), de_mobile(), de_land(3)
ibs = iban_spaced(ib)
S("en", "email", f"""From: Katrin Vogel <k.vogel@brandt-logistik.de>
To: payroll@brandt-logistik.de
Cc: Jonas Albers <j.albers@brandt-logistik.de>
Subject: New starter 1 March - Mehmet Yilmaz (Hamburg warehouse)

Hi both,

Mehmet starts on the night shift on 1 March. Details for the first payroll run:

Steuer-ID: {sid}
Steuerklasse: 1
IBAN: {ibs}
Mobile: {mob}

His SV-Ausweis is still in the post, I'll forward it once he brings it in. Contract ref HR-2025-0412, signed copy is on the shared drive.

Thanks,
Katrin
--
Katrin Vogel | HR Business Partner
Brandt Logistik GmbH | Tel. {tel}""",
  ("email", "k.vogel@brandt-logistik.de"), ("email", "payroll@brandt-logistik.de"),
  ("email", "j.albers@brandt-logistik.de"), ("de_steuer_id", sid), ("iban", ibs), ("phone", mob), ("phone", tel))

# E2 support conversation, customer pastes a card
c = card("visa"); cd = fmt_card(c, "-"); ph = us_phone(0)
S("en", "support_ticket", f"""Ticket #482113 - "Charged twice for annual plan"

[Dana Whitfield, 09:14]
Hi, I got billed twice this morning for the annual plan ($239 each). The card is {cd}, exp 08/27. Can you refund one of them? Best number to reach me is {ph}

[Luis (Billing), 09:31]
Hi Dana, sorry about that! I can see both charges on the card ending {c[-4:]} (orders 100-2291-7745 and 100-2291-7746). I've refunded the duplicate, it usually lands in 5-10 business days. For your own safety please don't post full card numbers in tickets - I've redacted it on our side.

[Dana Whitfield, 09:40]
oops, noted. thanks Luis!""", ("card", cd), ("phone", ph))

# E3 HR CSV export (US)
rows, labs = [], []
people = [("E10482", "Marcus", "Oyelaran", "Radiology", "84500"), ("E10517", "Bethany", "Kowalski", "Billing", "52300"),
          ("E10533", "Hector", "Villanueva", "Pharmacy", "97100"), ("E10560", "Ngozi", "Adeyemi", "Nursing", "71800")]
for i, (eid, fn, ln, dept, sal) in enumerate(people):
    em = f"{fn.lower()}.{ln.lower()}@tidewaterhealth.org"
    p = us_phone([1, 0, 2, 1][i])
    s = us_ssn("-" if i != 2 else " ")
    rows.append(f"{eid},{fn},{ln},{em},{p},{s},2021-0{i + 3}-1{i},{dept},{sal}")
    labs += [("email", em), ("phone", p), ("us_ssn", s)]
S("en", "csv", "employee_id,first_name,last_name,work_email,mobile,ssn,hire_date,dept,annual_salary\n" + "\n".join(rows) + "\n", *labs)

# E4 Markdown roster, several national IDs
nino, nir, sid2, dni, bsn, cf, nric, aad = uk_nino(), fr_nir(), de_steuer_id(), es_dni(), nl_bsn(), it_cf(), sg_nric(), aadhaar()
aads = f"{aad[:4]} {aad[4:8]} {aad[8:]}"
p_uk, p_fr, p_de, p_es, p_nl, p_it, p_sg, p_in = uk_mobile(), fr_phone(0), de_mobile(True), es_phone(0), nl_phone(0), it_phone(0), sg_phone(0), in_phone(0)
S("en", "markdown_table", f"""## EMEA/APAC contractors - onboarding status (Q3)

| Name | Country | Tax / national ID | Phone | Status |
|---|---|---|---|---|
| Oliver Brennan | UK | NINO {nino} | {p_uk} | docs complete |
| Léa Marchetti | FR | NIR {nir} | {p_fr} | waiting on RIB |
| Lukas Becker | DE | Steuer-ID {sid2} | {p_de} | docs complete |
| Ana Ruiz Soto | ES | DNI {dni} | {p_es} | contract out for signature |
| Pieter de Vries | NL | BSN {bsn} | {p_nl} | docs complete |
| Giulia Ferraro | IT | CF {cf} | {p_it} | needs new photo ID |
| Tan Wei Ling | SG | NRIC {nric} | {p_sg} | docs complete |
| Priya Raghavan | IN | Aadhaar {aads} | {p_in} | PAN pending |

Payment run is on the 25th. Ping me if any ID above looks off - the FR one was re-typed from a scan.""",
  ("uk_nino", nino), ("fr_nir", nir), ("de_steuer_id", sid2), ("es_dni", dni), ("nl_bsn", bsn), ("it_codice_fiscale", cf),
  ("sg_nric", nric), ("in_aadhaar", aads), ("phone", p_uk), ("phone", p_fr), ("phone", p_de), ("phone", p_es),
  ("phone", p_nl), ("phone", p_it), ("phone", p_sg), ("phone", p_in))

# E5 TSV finance export with IBANs
vend = [("Hofmann Verpackung GmbH", "DE", "COBADEFFXXX", "4,120.00"), ("Drukkerij Van Dam B.V.", "NL", "RABONL2U", "862.40"),
        ("Transports Lefèvre SAS", "FR", "BNPAFRPPXXX", "12,905.10"), ("Tipografia Rinaldi S.r.l.", "IT", "BCITITMM", "2,318.75"),
        ("Kartonagen Huber GmbH", "AT", "BKAUATWW", "640.00")]
lines, labs = ["payment_run\tvendor\tinvoice_no\tiban\tbic\tamount\tcurrency\tdue"], []
for i, (v, cc, bic, amt) in enumerate(vend):
    ib = iban(cc)
    lines.append(f"PR-2025-09-B\t{v}\tINV-{88213 + i * 17}\t{ib}\t{bic}\t{amt}\tEUR\t2025-09-26")
    labs.append(("iban", ib))
S("en", "tsv", "\n".join(lines), *labs)

# E6 nginx access log, several records
i1, i2, i3, i4, i6 = ip_pub(), ip_pub(), ip_pub(), ip_priv("10"), ipv6_short()
tok = high_entropy(32)
S("en", "log", f"""{i1} - - [12/Oct/2025:08:14:02 +0000] "GET /api/v2/orders?page=3&per_page=50 HTTP/1.1" 200 18422 "-" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.7390.66 Safari/537.36"
{i2} - - [12/Oct/2025:08:14:05 +0000] "POST /login HTTP/1.1" 302 0 "https://shop.kestrelgear.com/login" "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Mobile/15E148 Safari/604.1"
{i3} - - [12/Oct/2025:08:14:09 +0000] "GET /export/sales.csv?from=2025-09-01&token={tok} HTTP/1.1" 200 98211 "-" "python-requests/2.32.3"
{i6} - - [12/Oct/2025:08:14:11 +0000] "GET /static/js/app.4f9c2e1b.js HTTP/2.0" 304 0 "https://shop.kestrelgear.com/" "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15"
{i4} - - [12/Oct/2025:08:14:12 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.31\"""",
  ("ip_address", i1), ("ip_address", i2), ("ip_address", i3), ("ip_address", i6), ("ip_address", i4), ("generic_secret", tok))

# E7 JSON application log lines
em, v6, j, ip = "r.kowalczyk@fernhill-studio.com", ipv6_pub(), jwt({"sub": "u_48213", "scope": "billing:read", "iat": 1760256944, "exp": 1760260544}), ip_pub()
S("en", "log", "\n".join([
    pjc({"ts": "2025-10-12T08:15:44.201Z", "level": "info", "svc": "accounts", "msg": "password reset requested", "user": em, "ip": v6, "req_id": uid()}),
    pjc({"ts": "2025-10-12T08:15:44.388Z", "level": "debug", "svc": "accounts", "msg": "outbound call", "url": "https://billing.internal/v1/customers/cus_Qx81LmZt0a", "headers": {"Authorization": "Bearer " + j, "X-Request-Id": uid()}}),
    pjc({"ts": "2025-10-12T08:15:47.902Z", "level": "warn", "svc": "accounts", "msg": "rate limited", "client_ip": ip, "attempts": 6, "window_s": 60}),
]), ("email", em), ("ip_address", v6), ("jwt", j), ("ip_address", ip))

# E8 Java stack trace with JDBC password
pw, dbip = password(), ip_priv("10")
S("en", "stack_trace", f"""2025-10-12 03:02:17,884 WARN  [main] o.h.e.j.e.i.JdbcEnvironmentInitiator - HHH000342: Could not obtain connection to query metadata
org.postgresql.util.PSQLException: Connection to pg-ledger-01:5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.
	at org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:346)
	at org.postgresql.core.ConnectionFactory.openConnection(ConnectionFactory.java:54)
	at org.postgresql.jdbc.PgConnection.<init>(PgConnection.java:273)
	at com.zaxxer.hikari.pool.PoolBase.newConnection(PoolBase.java:364)
Caused by: java.net.ConnectException: Connection refused
	at java.base/sun.nio.ch.Net.pollConnect(Native Method)
	... 41 common frames omitted
2025-10-12 03:02:17,901 INFO  [main] c.k.ledger.ConfigDump - datasource.url=jdbc:postgresql://{dbip}:5432/ledger?user=ledger_app&password={pw}&sslmode=require""",
  ("ip_address", dbip), ("password", pw))

# E9 Terraform with AWS + Cloudflare credentials
ak, sk, cf_t, ip = aws_key_id(), aws_secret(), cloudflare_token(), ip_pub()
S("en", "config_terraform", f"""terraform {{
  required_providers {{
    aws        = {{ source = "hashicorp/aws", version = "~> 5.70" }}
    cloudflare = {{ source = "cloudflare/cloudflare", version = "~> 4.40" }}
  }}
}}

# TODO move these into tfvars before merging (Sam)
provider "aws" {{
  region     = "eu-west-1"
  access_key = "{ak}"
  secret_key = "{sk}"
}}

provider "cloudflare" {{
  api_token = "{cf_t}"
}}

resource "cloudflare_record" "api" {{
  zone_id = "{hexs(32)}"
  name    = "api"
  content = "{ip}"
  type    = "A"
  proxied = true
}}""", ("aws_access_key", ak), ("aws_secret_key", sk), ("cloud_token", cf_t), ("ip_address", ip))

# E10 Helm values with datadog key under parent key only
pw1, pw2, dd = password_random(18), password(), hexs(32)
S("en", "config_yaml", f"""# values-prod.yaml - storefront chart
replicaCount: 3
image:
  repository: registry.gitlab.com/kestrel/storefront
  tag: "2.14.3"
  digest: sha256:{sha256()}
ingress:
  enabled: true
  className: nginx
  hosts:
    - host: shop.kestrelgear.com
      paths: ["/"]
postgresql:
  auth:
    username: storefront
    password: "{pw1}"
    database: storefront
    existingSecret: ""
redis:
  auth:
    enabled: true
    password: {pw2}
datadog:
  apiKey: {dd}
  site: datadoghq.eu
resources:
  limits: {{ cpu: 500m, memory: 512Mi }}""", ("password", pw1), ("password", pw2), ("saas_token", dd))

# E11 docker-compose
pw1, pw2, enc, ip = password(), password_random(20), high_entropy(32), ip_priv("172")
S("en", "config_compose", f"""services:
  db:
    image: postgres:16.4
    restart: unless-stopped
    environment:
      POSTGRES_USER: metabase
      POSTGRES_PASSWORD: {pw1}
      POSTGRES_DB: metabase
    networks:
      backend:
        ipv4_address: {ip}
  metabase:
    image: metabase/metabase:v0.50.21
    ports: ["3000:3000"]
    environment:
      MB_DB_TYPE: postgres
      MB_DB_HOST: db
      MB_DB_USER: metabase
      MB_DB_PASS: ${{MB_DB_PASS}}
      MB_ENCRYPTION_SECRET_KEY: "{enc}"
    networks: [backend]
  minio:
    image: minio/minio:RELEASE.2025-04-22T22-12-26Z
    command: server /data --console-address ":9001"
    environment:
      MINIO_ROOT_USER: admin
      MINIO_ROOT_PASSWORD: "{pw2}"
networks:
  backend: {{}}""", ("password", pw1), ("ip_address", ip), ("generic_secret", enc), ("password", pw2))

# E12 .env
sess, pw, ip, sk_, sg = high_entropy(48), password_random(16), ip_priv("10"), stripe("sk_live_"), sendgrid()
S("en", "config_env", f"""APP_ENV=production
APP_URL=https://app.pinecrest-dental.com
SESSION_SECRET={sess}

DATABASE_URL=postgres://pinecrest:{pw}@{ip}:5432/pinecrest_prod

# payments
STRIPE_PUBLISHABLE_KEY={stripe("pk_live_")}
STRIPE_SECRET_KEY={sk_}

# transactional mail
SENDGRID_API_KEY={sg}
MAIL_FROM=appointments@pinecrest-dental.com
MAIL_FROM_NAME="Pinecrest Dental"
""", ("generic_secret", sess), ("url_credentials", pw), ("ip_address", ip), ("stripe_key", sk_), ("saas_token", sg),
  ("email", "appointments@pinecrest-dental.com"))

# E13 Kubernetes secret with base64 data values
dbpw, hmac_ = password_random(22), hexs(64)
adyen = "AQE" + rnd_mixed(ALNUM + "+/", 90)
e_db, e_ad, e_hm = b64s(dbpw), b64s(adyen), b64s(hmac_)
S("en", "config_k8s", f"""apiVersion: v1
kind: Secret
metadata:
  name: payments-api
  namespace: prod
  labels:
    app.kubernetes.io/name: payments-api
    app.kubernetes.io/version: "3.8.1"
type: Opaque
data:
  DB_USER: {b64s("payments")}
  DB_PASSWORD: {e_db}
  ADYEN_API_KEY: {e_ad}
  WEBHOOK_HMAC_KEY: {e_hm}
""", ("generic_secret", e_db), ("generic_secret", e_ad), ("generic_secret", e_hm))

# E14 Kubernetes secret, stringData, SMTP via SendGrid (password is the API key) + Twilio token under key name
sg, tw, frm = sendgrid(), hexs(32), us_phone(4)
S("en", "config_k8s", f"""# created by hand during the Oct 3 incident - DELETE once external-secrets is back
apiVersion: v1
kind: Secret
metadata:
  name: notifier-creds
  namespace: clinic
stringData:
  SMTP_HOST: smtp.sendgrid.net
  SMTP_PORT: "587"
  SMTP_USER: apikey
  SMTP_PASSWORD: {sg}
  TWILIO_ACCOUNT_SID: AC{hexs(32)}
  TWILIO_AUTH_TOKEN: {tw}
  TWILIO_FROM_NUMBER: "{frm}"
  REPLY_TO: frontdesk@lakeshore-pediatrics.com
""", ("saas_token", sg), ("saas_token", tw), ("phone", frm), ("email", "frontdesk@lakeshore-pediatrics.com"))

# E16 Node.js Twilio SDK
tw, frm = hexs(32), us_phone(4)
S("en", "code_js", f"""const twilio = require('twilio');

// appointment reminders - runs from cron at 7am
const client = twilio('AC{hexs(32)}', '{tw}');

async function remind(appt) {{
  return client.messages.create({{
    from: '{frm}',
    to: appt.patientPhone,
    body: `Reminder: ${{appt.when}} with Dr. ${{appt.doctor}}. Reply C to confirm or R to reschedule.`,
  }});
}}

module.exports = {{ remind }};""", ("saas_token", tw), ("phone", frm))

# E17 Go with Slack bot token + webhook
xb, wh = slack_bot(), slack_webhook()
S("en", "code_go", f"""package notify

import (
	"context"
	"fmt"

	"github.com/slack-go/slack"
)

// TODO(marta): read from env before this goes to the shared repo
const (
	slackBotToken = "{xb}"
	alertsWebhook = "{wh}"
	deployChannel = "C04QX3Z9L2M"
)

func PostDeployNotice(ctx context.Context, svc, sha string) error {{
	api := slack.New(slackBotToken)
	_, _, err := api.PostMessageContext(ctx, deployChannel,
		slack.MsgOptionText(fmt.Sprintf("deployed %s@%s", svc, sha[:7]), false))
	return err
}}""", ("slack_token", xb), ("slack_webhook", wh))

# E18 C# Azure SDK
azk, azs = azure_storage_key(), azure_client_secret()
S("en", "code_csharp", f"""// InvoiceArchiver/Program.cs
var blobService = new BlobServiceClient(
    "DefaultEndpointsProtocol=https;AccountName=stcontosoinvoices;AccountKey={azk};EndpointSuffix=core.windows.net");

var credential = new ClientSecretCredential(
    tenantId: "{uid()}",
    clientId: "{uid()}",
    clientSecret: "{azs}");

var kv = new SecretClient(new Uri("https://kv-contoso-fin.vault.azure.net/"), credential);
var container = blobService.GetBlobContainerClient("invoices-2025");
await container.CreateIfNotExistsAsync();""", ("azure_key", azk), ("azure_key", azs))

# E19 PHP Mailgun SDK
mk, ph = mailgun(), uk_land("leeds")
S("en", "code_php", f"""<?php
require 'vendor/autoload.php';

use Mailgun\\Mailgun;

$mg = Mailgun::create('{mk}', 'https://api.eu.mailgun.net');
\\Stripe\\Stripe::setApiKey(getenv('STRIPE_SECRET'));

function notifyReady($mg, $order) {{
    $mg->messages()->send('mg.bakehouse-leeds.co.uk', [
        'from'    => 'Bakehouse Orders <orders@bakehouse-leeds.co.uk>',
        'to'      => $order->email,
        'subject' => "Your order #{{$order->id}} is ready for collection",
        'text'    => "Hi {{$order->name}}, your cake is ready! Questions? Call us on {ph}.",
    ]);
}}""", ("saas_token", mk), ("email", "orders@bakehouse-leeds.co.uk"), ("phone", ph))

# E20 Ruby GitLab + Octokit mirror script
gl, gh = gitlab(), github("ghp_")
S("en", "code_ruby", f"""#!/usr/bin/env ruby
# mirror release tags from our GitLab to the public GitHub repo
require 'gitlab'
require 'octokit'

Gitlab.configure do |config|
  config.endpoint      = 'https://gitlab.kestrelgear.com/api/v4'
  config.private_token = '{gl}'
end

gh = Octokit::Client.new(access_token: '{gh}')

Gitlab.tags('platform/cli').auto_paginate.each do |t|
  next if gh.refs('kestrelgear/cli', 'tags').any? {{ |r| r.ref.end_with?(t.name) }}
  gh.create_ref('kestrelgear/cli', "tags/#{{t.name}}", t.commit.id)
end""", ("gitlab_token", gl), ("github_token", gh))

# E21 OpenAI request, user pastes a config with an Anthropic key
ant = anthropic()
S("en", "llm_openai", pj({"model": "gpt-4.1-mini", "temperature": 0.2, "messages": [
    {"role": "system", "content": "You are a helpful assistant for the platform team."},
    {"role": "user", "content": f"why does this fail with 401?\n\n```yaml\nllm:\n  provider: anthropic\n  api_key: {ant}\n  model: claude-sonnet-4-5\n  max_tokens: 2048\n```\nthe key worked yesterday, nothing changed on our side"}]}),
  ("anthropic_key", ant))

# E22 Anthropic tool_use / tool_result with CRM record
em, ph = "h.okonkwo82@btinternet.com", uk_mobile(True)
S("en", "llm_anthropic", pj({"model": "claude-sonnet-4-5", "max_tokens": 1024,
    "tools": [{"name": "crm_lookup", "description": "Look up a customer by order id", "input_schema": {"type": "object", "properties": {"order_id": {"type": "string"}}, "required": ["order_id"]}}],
    "messages": [
        {"role": "user", "content": "Customer on the phone says her delivery never arrived, order KG-558120. Can you pull her details and draft a reply?"},
        {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_01HkT9sQe2wVbX4", "name": "crm_lookup", "input": {"order_id": "KG-558120"}}]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_01HkT9sQe2wVbX4",
            "content": pjc({"name": "Harriet Okonkwo", "email": em, "phone": ph, "postcode": "LS6 2QE", "card": "Visa •••• 4417", "carrier": "DPD", "tracking": "15501736249021", "status": "out_for_delivery"})}]}]}),
  ("email", em), ("phone", ph))

# E23 Gemini request, Aadhaar roster
a1, a2, a3 = aadhaar(), aadhaar(), aadhaar()
a1s, a3s = f"{a1[:4]} {a1[4:8]} {a1[8:]}", f"{a3[:4]}-{a3[4:8]}-{a3[8:]}"
q1, q2, q3 = in_phone(0), in_phone(1), in_phone(2)
S("en", "llm_gemini", pj({"contents": [{"role": "user", "parts": [{"text":
    f"Convert this into a CSV with columns name, aadhaar, mobile, branch. Keep the numbers exactly as they are.\n\n"
    f"Ravi Kumar - Aadhaar {a1s}, mob {q1}, Pune\nSneha Iyer - {a2} / {q2} (Chennai)\nMohammed Farooq, aadhaar no. {a3s}, {q3}, Hyderabad"}]}],
    "generationConfig": {"temperature": 0.1, "responseMimeType": "text/plain"}}),
  ("in_aadhaar", a1s), ("in_aadhaar", a2), ("in_aadhaar", a3s), ("phone", q1), ("phone", q2), ("phone", q3))

# E24 Ollama chat body with bash history
oa, gh = openai_proj(), github("ghp_")
S("en", "llm_ollama", pj({"model": "llama3.1:8b", "stream": False, "messages": [{"role": "user", "content":
    f"Explain what each of these did, found them in ~/.bash_history on the old build box before we wipe it:\n\n"
    f"export OPENAI_API_KEY={oa}\ngh auth login --with-token <<< {gh}\ncurl -s https://api.openai.com/v1/models -H \"Authorization: Bearer $OPENAI_API_KEY\" | jq '.data[].id'\nsudo systemctl restart buildkite-agent"}]}),
  ("openai_key", oa), ("github_token", gh))

# E25 OpenAI tool call arguments with IBANs
ib1, ib2 = iban("DE"), iban("GB")
S("en", "llm_openai", pj({"model": "gpt-4o", "messages": [
    {"role": "user", "content": "Pay the Hofmann invoice INV-88231 from the EUR account, 1.240,50 €, reference the invoice number"},
    {"role": "assistant", "content": None, "tool_calls": [{"id": "call_q0ZpX8vTj3", "type": "function", "function": {"name": "create_transfer",
        "arguments": pjc({"beneficiary": "Hofmann Verpackung GmbH", "iban": ib1, "amount": 1240.50, "currency": "EUR", "reference": "INV-88231"})}}]},
    {"role": "tool", "tool_call_id": "call_q0ZpX8vTj3", "content": pjc({"status": "scheduled", "transfer_id": "tr_7f3a91c2", "debtor_iban": ib2, "execution_date": "2025-10-14"})}]}),
  ("iban", ib1), ("iban", ib2))

# E26 shell history
pw1, ip, pw2, hft, npt = password(), ip_priv("10"), password_random(12), hf(), npm()
S("en", "shell_history", f"""  501  cd ~/work/reporting
  502  PGPASSWORD='{pw1}' psql -h {ip} -U analyst -d warehouse -c '\\dt sales.*'
  503  curl -u deploy:{pw2} https://nexus.kestrelgear.com/service/rest/v1/repositories | jq length
  504  pip install -U huggingface_hub
  505  huggingface-cli login --token {hft}
  506  npm config set //registry.npmjs.org/:_authToken={npt}
  507  git push origin feature/quarterly-report""",
  ("password", pw1), ("ip_address", ip), ("password", pw2), ("huggingface_token", hft), ("npm_token", npt))

# E27 chat with telegram token + AU phone
tg, ph = telegram(), au_phone(0)
S("en", "chat_slack", f"""hey! for the farmers market side project I made a telegram bot so stallholders can post stock updates. token is {tg} if you want to poke at it, bot is @stallstock_bot. my number's {ph} if it's easier to just call, I'm around after 6""",
  ("telegram_token", tg), ("phone", ph))

# E28 INI with discord section
dt, dwh = discord_token(), discord_webhook()
S("en", "config_ini", f"""; raid-helper bot - don't commit this file!!
[discord]
token = {dt}
guild_id = 918273645546372819
announce_webhook = {dwh}

[database]
path = ./data/raids.sqlite

[schedule]
reminder_minutes = 30""", ("discord_token", dt), ("discord_webhook", dwh))

# E29 credentials file, AI vendor named only by the section header
mk1, ck = mistral_key(), cohere_key()
S("en", "config_ini", f"""# ~/.config/llm-bench/credentials  (read by bench.py --provider X)
[mistral]
api_key = {mk1}
default_model = mistral-large-latest

[cohere]
api_key = {ck}
default_model = command-r-plus

[local]
base_url = http://127.0.0.1:11434""", ("ai_api_key", mk1), ("ai_api_key", ck))

# E29b shop ops secrets, payment + cloud named by header
pps, sq, hz = paypal_secret(), square(), hetzner_token()
S("en", "config_ini", f"""[paypal]
mode = live
client_secret = {pps}

[square]
access_token = {sq}
location_id = L8Q2WZ5K1HB3M

[hetzner]
# project "shop-prod", read+write
token = {hz}""", ("payment_token", pps), ("payment_token", sq), ("cloud_token", hz))

# E30 GitHub Actions with one hard-coded npm token and a PyPI token on the CLI
npt, pyt = npm(), pypi()
S("en", "config_gha", f"""name: release
on:
  push:
    tags: ['v*']
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with: {{ node-version: 20, registry-url: 'https://registry.npmjs.org' }}
      - run: npm ci && npm publish --access public
        env:
          NODE_AUTH_TOKEN: {npt}   # FIXME use secrets.NPM_TOKEN
      - run: python -m pip install build twine && python -m build
      - run: twine upload -u __token__ -p {pyt} dist/*
      - run: gh release create ${{{{ github.ref_name }}}} --generate-notes
        env:
          GH_TOKEN: ${{{{ secrets.GITHUB_TOKEN }}}}""", ("npm_token", npt), ("package_registry_token", pyt))

# E32 support ticket with a GCP service-account key
sa, key = gcp_sa_json("ledger-prod-4821")
line1 = key.split("\\n")[1]
S("en", "support_ticket", f"""Subject: Cloud Run deploy fails with "invalid_grant: Invalid JWT Signature"

Deploy step fails since last night. Key file we use:

{sa}

Was it disabled? Project no. 482133771208
- Tomasz""", ("gcp_credentials", line1), ("private_key", line1), ("email", "ci-deployer@ledger-prod-4821.iam.gserviceaccount.com"))

# E33 e-mail thread, refund by bank transfer
ib, ph = iban("GB"), uk_mobile()
ibs = iban_spaced(ib)
S("en", "email", f"""Hi,

Account name G Pryce, IBAN {ibs} (it's a Monzo account). If the courier needs to arrange collection of the old one my mobile is {ph}, I work from home Tues/Weds.

Thanks for sorting this so quickly,
Gemma

On Tue, 7 Oct 2025 at 16:02, Harlow Home Customer Care <care@harlowhome.co.uk> wrote:
> Hi Gemma,
> Sorry to hear the sofa arrived with a split seam. We can refund you in full (order HH-2025-118803, £649.00). As you paid via Klarna, could you confirm the bank details you'd like the refund sent to?
> Kind regards, Priyanka
>
> On Mon, 6 Oct 2025 at 19:47, Gemma Pryce <gemma.pryce@outlook.com> wrote:
>> Hi, the sofa arrived today with the seam on the left arm split open. I'd rather have a refund than wait 6 weeks for a replacement.""",
  ("iban", ibs), ("phone", ph), ("email", "care@harlowhome.co.uk"), ("email", "gemma.pryce@outlook.com"))

# E34 Spring properties
ip, pw1, pw2, js = ip_priv("10"), password(), password_random(16), high_entropy(64)
S("en", "config_properties", f"""server.port=8443
spring.datasource.url=jdbc:mysql://{ip}:3306/crm?useSSL=true
spring.datasource.username=crm_svc
spring.datasource.password={pw1}
spring.mail.host=smtp.office365.com
spring.mail.port=587
spring.mail.username=noreply@fairbankcu.org
spring.mail.password={pw2}
app.jwt.secret={js}
app.jwt.expiration-ms=3600000
management.endpoints.web.exposure.include=health,info""",
  ("ip_address", ip), ("password", pw1), ("email", "noreply@fairbankcu.org"), ("password", pw2), ("generic_secret", js))

# E38 SQL seed with SSNs
vals, labs = [], []
for mrn, nm, dob, mail in [("MRN-0042817", "Walter Briggs", "1958-03-22", "wbriggs58@gmail.com"),
                           ("MRN-0042818", "Yesenia Morales", "1990-11-02", None),
                           ("MRN-0042819", "Curtis Lindqvist", "1977-07-09", "c.lindqvist@comcast.net")]:
    s, p = us_ssn(), us_phone(R.choice([0, 1, 2]))
    vals.append(f" ('{mrn}', '{nm}', '{dob}', '{s}', '{p}', " + (f"'{mail}')" if mail else "NULL)"))
    labs += [("us_ssn", s), ("phone", p)] + ([("email", mail)] if mail else [])
S("en", "code_sql", "-- seed copied from prod by mistake?? check with Ana before running on staging\nINSERT INTO patients (mrn, full_name, dob, ssn, phone, email) VALUES\n" + ",\n".join(vals) + ";", *labs)

# E39 Dockerfile
gk, pw = google_key(), password()
S("en", "dockerfile", f"""FROM node:20-alpine AS build
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .
ENV VITE_MAPS_API_KEY={gk}
ARG ADMIN_SEED_PASSWORD={pw}
RUN npm run build && node scripts/seed-admin.js

FROM nginx:1.27-alpine
COPY --from=build /app/dist /usr/share/nginx/html
EXPOSE 80""", ("google_api_key", gk), ("password", pw))

# E40 application auth log, several records, one leaks a password
i1, i2, i3, pw = ip_pub(), ip_pub(), ip_priv("192"), password()
S("en", "log", f"""2025-10-12 02:11:07.114 INFO  [http-nio-8080-exec-3] c.f.auth.LoginController - login ok user=jmarsh src={i1} mfa=totp
2025-10-12 02:11:09.530 WARN  [http-nio-8080-exec-7] c.f.auth.LoginController - login failed user=admin src={i2} reason=BAD_CREDENTIALS attempt=4
2025-10-12 02:11:10.002 DEBUG [http-nio-8080-exec-1] c.f.auth.LoginController - authenticate(LoginRequest[username=t.nakamura, password={pw}, remember=true]) src={i3}
2025-10-12 02:11:10.019 INFO  [http-nio-8080-exec-1] c.f.auth.SessionService - session created user=t.nakamura ttl=43200 remember=true""",
  ("ip_address", i1), ("ip_address", i2), ("password", pw), ("ip_address", i3))

# ================================================================= ENGLISH, hard negatives
# N1 .env.example with placeholders
S("en", "config_env", """# Copy to .env and fill in. Never commit the real one.
AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
OPENAI_API_KEY=sk-...
STRIPE_SECRET_KEY=sk_test_xxxxxxxxxxxxxxxxxxxxxxxx
DATABASE_URL=postgres://app:changeme@localhost:5432/app
SLACK_WEBHOOK_URL=https://hooks.slack.com/services/XXXXXXXXX/XXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX
ADMIN_PASSWORD=<set-me>
SENTRY_ENVIRONMENT=development""")

# N2 GitHub Actions using only secrets references
S("en", "config_gha", """name: deploy-staging
on:
  workflow_dispatch:
  push:
    branches: [main]
permissions:
  id-token: write
  contents: read
jobs:
  deploy:
    runs-on: ubuntu-24.04
    environment: staging
    steps:
      - uses: actions/checkout@v4
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::418272650119:role/gha-deploy-staging
          aws-region: us-east-2
      - run: ./scripts/deploy.sh
        env:
          DB_PASSWORD: ${{ secrets.STAGING_DB_PASSWORD }}
          SENTRY_AUTH_TOKEN: ${{ secrets.SENTRY_AUTH_TOKEN }}
          SLACK_WEBHOOK: ${{ secrets.SLACK_DEPLOY_WEBHOOK }}""")

# N3 Helm template
S("en", "config_k8s", """apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "storefront.fullname" . }}
spec:
  replicas: {{ .Values.replicaCount }}
  template:
    spec:
      containers:
        - name: app
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          env:
            - name: DATABASE_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: {{ .Values.postgresql.auth.existingSecret | default "storefront-db" }}
                  key: password
            - name: DD_API_KEY
              valueFrom:
                secretKeyRef: { name: datadog-secret, key: api-key }
            - name: STRIPE_SECRET_KEY
              value: {{ .Values.stripe.secretKey | quote }}""")

# N4 package-lock excerpt with SRI hashes
S("en", "json_lockfile", pj({"name": "kestrel-storefront", "version": "2.14.3", "lockfileVersion": 3, "packages": {
    "node_modules/axios": {"version": "1.7.7", "resolved": "https://registry.npmjs.org/axios/-/axios-1.7.7.tgz", "integrity": sri(), "license": "MIT"},
    "node_modules/jsonwebtoken": {"version": "9.0.2", "resolved": "https://registry.npmjs.org/jsonwebtoken/-/jsonwebtoken-9.0.2.tgz", "integrity": sri(), "license": "MIT"},
    "node_modules/bcryptjs": {"version": "2.4.3", "resolved": "https://registry.npmjs.org/bcryptjs/-/bcryptjs-2.4.3.tgz", "integrity": "sha1-" + b64(20), "license": "MIT"}}}))

# N5 front-end Stripe.js with publishable key only
S("en", "code_ts", f"""import {{ loadStripe }} from '@stripe/stripe-js';

// publishable key - safe to ship to the browser. The secret key lives only in the API.
const stripePromise = loadStripe('{stripe("pk_live_")}');

export async function startCheckout(sessionId: string) {{
  const stripe = await stripePromise;
  const {{ error }} = await stripe!.redirectToCheckout({{ sessionId }});
  if (error) console.warn('checkout failed', error.message);
}}""")

# N6 order confirmation body, masked card, tracking, ZIP
S("en", "email", f"""Thanks for your order, Marisol!

Order number: 112-4839201-7730158
Placed: October 9, 2025
Paid with: Visa ending in 4417 (**** **** **** 4417)
Ship to: 2210 SE Division St, Portland, OR 97202

Items
  1 x Trail Runner GTX, size 9.5 (SKU TR-GTX-095-BLK) ... $148.00
  2 x Merino crew socks ............................... $36.00
Subtotal $184.00 · Shipping $0.00 · Tax $0.00 · Total $184.00

Your package ships with UPS, tracking 1Z999AA10123456784. You can manage the order from Your Account > Orders.""")

# N7 password policy wiki page
S("en", "markdown", """### Password requirements (effective 1 November)

* At least 14 characters; passphrases like four random words are encouraged.
* No reuse of your last 10 passwords. We check new passwords against known-breached lists.
* Service accounts: 32+ random characters, stored only in 1Password vault "Infra - Service Accounts".
* Never send a password over Slack or e-mail. If someone asks you to, report it in #security.
* The "temporary password" field in Okta expires after 24 hours; users must change it at first sign-in.""")

# N8 service log with loopback, 0.0.0.0, UUIDs and digests
S("en", "log", f"""2025-10-12T09:00:01.004Z INFO  server listening on 0.0.0.0:8080 (pid 4121, version 3.8.1+build.2291)
2025-10-12T09:00:01.019Z INFO  connected to redis at 127.0.0.1:6379 db=2
2025-10-12T09:00:01.220Z INFO  image ghcr.io/kestrelgear/payments@sha256:{sha256()} verified
2025-10-12T09:00:04.871Z INFO  request_id={uid()} method=GET path=/v1/quotes status=200 dur=12.4ms
2025-10-12T09:00:05.112Z INFO  request_id={uid()} method=POST path=/v1/charges status=402 dur=231.9ms code=card_declined
2025-10-12T09:00:06.330Z INFO  git_sha={gitsha()} migrations=up_to_date netmask=255.255.255.0""")

# N9 SSH public key + certificate in a ticket
S("en", "support_ticket", f"""Hi infra, can you add my new laptop key to the bastion? Old one is revoked.

{ssh_pub("priya@mbp-2025")}

Also, the partner sent their client cert for the mTLS endpoint, it goes in the truststore:

{cert("edi.partner-logistics.net")}

Thanks! - Priya""")

# N10 migration with bcrypt / argon2 hashes
S("en", "code_sql", f"""-- 2025_10_02_seed_demo_users.sql (demo tenant only)
INSERT INTO users (id, username, password_hash, role, created_at) VALUES
  (1001, 'demo_admin',  '{bcrypt()}', 'admin',  '2025-10-02 10:00:00'),
  (1002, 'demo_viewer', '{bcrypt()}', 'viewer', '2025-10-02 10:00:00'),
  (1003, 'demo_api',    '{argon()}', 'service', '2025-10-02 10:00:00');""")

# N11 product catalogue CSV with ISBN / EAN
rows = [f"{ean13('978')},{t},{a},{p}" for t, a, p in [("The Quiet Orchard", "M. Ellison", "18.99"), ("Field Guide to Moss", "R. Tan", "24.50"), ("Bread at Home", "S. Ochoa", "29.00")]]
rows += [f"{ean13('50')},Linen tea towel (set of 2),Homeware,12.00", f"{ean13('40')},Beeswax wraps,Homeware,9.75"]
S("en", "csv", "isbn_or_ean,title,author_or_category,price_gbp\n" + "\n".join(rows))

# N12 device inventory with IMEIs
rows = [f"AT-{3100 + i},{m},{imei()},{sn},{who}" for i, (m, sn, who) in enumerate([("iPhone 15", "F2LXK9QJ1N", "Sales pool"), ("Pixel 8a", "38211FDJH004WK", "Field eng."), ("Galaxy XCover7", "R58W30A1KQE", "Warehouse"), ("iPhone 13", "G6TZQ1XWPL", "Spare")])]
S("en", "spreadsheet", "Asset tag\tModel\tIMEI\tSerial\tAssigned to\n" + "\n".join(r.replace(",", "\t") for r in rows))

# N13 Terraform with var / secretsmanager references
S("en", "config_terraform", """variable "db_password" {
  type      = string
  sensitive = true
}

data "aws_secretsmanager_secret_version" "stripe" {
  secret_id = "prod/payments/stripe"
}

resource "random_password" "redis" {
  length  = 32
  special = false
}

resource "aws_db_instance" "main" {
  identifier        = "payments-prod"
  engine            = "postgres"
  engine_version    = "16.4"
  instance_class    = "db.t4g.medium"
  username          = "payments"
  password          = var.db_password
  storage_encrypted = true
}

locals {
  stripe_key = jsondecode(data.aws_secretsmanager_secret_version.stripe.secret_string)["secret_key"]
}""")

# N14 chat about key rotation with masked / truncated keys
S("en", "chat_slack", """@channel rotation done for the quarter:
- OpenAI: old key sk-…a1b2 revoked, new one is in the vault under ai/openai/prod
- GitHub: the deploy bot's ghp_**** token is gone, we use the GitHub App now
- AWS: AKIA…QX7P deactivated, will delete Friday if nothing breaks
If anything 401s today that's probably why, ping me rather than creating new keys yourself 🙏""")

# N15 blog excerpt, truncated JWT
S("en", "blog", """A JWT is just three base64url chunks separated by dots. The first one, eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9, decodes to {"alg":"HS256","typ":"JWT"} — which is why nearly every token you see in the wild starts with "eyJ". The payload (eyJzdWIiOiIxMjM0NTY3ODkw…) is not encrypted, only signed, so never put anything in it you wouldn't print on a postcard. In the next section we'll verify the signature with the `jose` library.""")

# N16 Python reading env vars, placeholder, parameterised SQL
S("en", "code_python", """import os
import psycopg
from openai import OpenAI

client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
# for local testing you can also do: OpenAI(api_key="YOUR_API_KEY")

def set_password(conn, user_id, pw_hash):
    with conn.cursor() as cur:
        cur.execute("UPDATE users SET password_hash = %(pw)s WHERE id = %(uid)s", {"pw": pw_hash, "uid": user_id})

conn = psycopg.connect(os.getenv("DATABASE_URL"), password=os.getenv("PGPASSWORD"))""")

# N17 OpenAI request about building a password strength checker
S("en", "llm_openai", pj({"model": "gpt-4o-mini", "messages": [
    {"role": "system", "content": "You are a senior TypeScript reviewer."},
    {"role": "user", "content": "Write a zod schema for our signup form. Password rules: min 12 chars, at least one number and one symbol, must not contain the username, and reject anything in the top-10k breached list (we have it as a Set called breached). Also the confirm field has to match."}],
    "max_tokens": 800}))

# N18 Anthropic request, tool_result with a diff that only moves to env references
S("en", "llm_anthropic", pj({"model": "claude-sonnet-4-5", "max_tokens": 2000, "messages": [
    {"role": "user", "content": "Review my change before I open the PR"},
    {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_01Vd3", "name": "git_diff", "input": {"ref": "HEAD~1"}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_01Vd3", "content":
        "diff --git a/config/database.js b/config/database.js\n@@ -3,7 +3,7 @@ module.exports = {\n   host: process.env.DB_HOST,\n   user: process.env.DB_USER,\n-  password: process.env.DB_PASS || '',\n+  password: process.env.DB_PASSWORD,\n+  ssl: { rejectUnauthorized: true },\n"}]}]}))

# N19 Gemini request: coordinates, timestamps, prices
S("en", "llm_gemini", pj({"contents": [{"role": "user", "parts": [{"text":
    "Plan a 2-day loop from the trailhead at 46.8523, -121.7603 (Paradise, elev. 1646 m). Day 1 start 2025-08-14T06:30-07:00. Permit costs $6 + $5 reservation fee, parking pass $30. Camp at 46.9137, -121.6423 if water is flowing. Return by 18:00 on the 15th."}]}],
    "generationConfig": {"maxOutputTokens": 1200}}))

# N20 HTML e-mail template with data: image and hex colours
S("en", "html", f"""<table role="presentation" style="background:#f4f1ea;width:100%">
  <tr><td align="center" style="padding:24px">
    <img alt="Harlow Home" width="120" src="data:image/png;base64,{b64(96)}">
    <h1 style="color:#2f4f4f;font-family:Georgia,serif">Your autumn edit is here</h1>
    <a href="https://harlowhome.co.uk/autumn?utm_source=newsletter&utm_campaign=aw25" style="background:#c0562f;color:#ffffff;padding:12px 20px">Shop now</a>
  </td></tr>
</table>""")

# N21 invoice footer with corporate numbers, EIN, documentation IPs
S("en", "ocr", """INVOICE INV-2025-00871                           Date: 30/09/2025
Kestrel Gear Ltd · Company No. 08451293 · VAT Reg. GB 294 7731 58
US entity: Kestrel Gear Inc., EIN 84-3371920, DUNS 08-146-9021
Payment terms: 30 days. Late payments accrue interest at 8% over base.
Remit to: Accounts Receivable, Unit 4, Kirkstall Forge, Leeds LS5 3BT""")

# N22 runbook that reads passwords from files / env
S("en", "shell", """# restore drill - run from the bastion
export PGPASSFILE=~/.pgpass_restore
read -rs -p "vault password: " VAULT_PW && echo
aws ssm get-parameter --name /prod/db/master --with-decryption --query Parameter.Value --output text > /tmp/pw && chmod 600 /tmp/pw
mysql --defaults-extra-file=/etc/mysql/restore.cnf -e 'SHOW DATABASES'
kubectl -n prod get secret payments-api -o jsonpath='{.data.DB_PASSWORD}' | base64 -d | pbcopy
pg_restore -h db-restore.internal -U restore -d ledger --no-owner /backups/ledger-2025-10-11.dump""")

# N23 API response with cursors and ids
S("en", "json_api_response", pj({"data": [{"id": "ord_01JA8ZQ4X7", "status": "paid", "total": "184.00", "currency": "USD", "created": 1760001234},
                                            {"id": "ord_01JA8ZR2MB", "status": "refunded", "total": "39.50", "currency": "USD", "created": 1760004410}],
                                   "has_more": True, "next_cursor": base64.b64encode(json.dumps({"after": "ord_01JA8ZR2MB", "ts": 1760004410}).encode()).decode(),
                                   "etag": 'W/"' + hexs(16) + '"'}))

# N24 firewall tutorial with documentation IP ranges
S("en", "markdown", """To allow the office and the VPN egress only, add two rules:

```
iptables -A INPUT -p tcp --dport 22 -s 192.0.2.44 -j ACCEPT
iptables -A INPUT -p tcp --dport 22 -s 198.51.100.0/24 -j ACCEPT
ip6tables -A INPUT -p tcp --dport 22 -s 2001:db8:85a3::8a2e:370:7334 -j ACCEPT
```

Replace the addresses with your own; the ones above are from the documentation ranges (RFC 5737 / RFC 3849). A /24 corresponds to netmask 255.255.255.0.""")

# ================================================================= JAPANESE, positives
# J1 入社手続きメール
mn = jp_mynumber(); mns = f"{mn[:4]} {mn[4:8]} {mn[8:]}"
m1, l1 = jp_mobile(0), jp_land("osaka")
S("ja", "email", f"""件名：【入社手続き】4月1日入社 佐々木 美咲さんの書類について

人事部 各位

お疲れさまです。総務の山口です。
4月1日入社の佐々木さんの提出書類が揃いましたので、給与システムへの登録をお願いします。

氏名：佐々木 美咲（ササキ ミサキ）
マイナンバー：{mns}
携帯：{m1}
緊急連絡先：{l1}（実家・母）

マイナンバーカードのコピーは鍵付きキャビネットに保管済みです。原本確認は私が行いました。
よろしくお願いいたします。

山口 恵理子
株式会社みなと精機 総務部
E-mail: e.yamaguchi@minato-seiki.co.jp""",
  ("jp_mynumber", mns), ("phone", m1), ("phone", l1), ("email", "e.yamaguchi@minato-seiki.co.jp"))

# J2 社内チャット DBパスワード共有
ip, pw = ip_priv("10"), password()
S("ja", "chat", f"""【共有】検証環境のDBパスワード変えました。
ホスト：{ip}　ユーザー：app_stg
パスワードは{pw}です。前のは今日の18時で使えなくなります
明日の朝会で本番の切替手順も話します🙏""", ("ip_address", ip), ("password", pw))

# J3 サポート問い合わせ（カード番号を書いてしまう）
c = card("jcb"); cs = fmt_card(c, " "); m = jp_mobile(1)
S("ja", "support_ticket", f"""お問い合わせ番号：CS-20251012-0087
お名前：藤井 健太 様
カテゴリ：お支払い

先日の定期便の支払いでエラーになりました。カード番号は{cs}で、有効期限は09/28です。登録し直した方がいいでしょうか？日中は{m}にお電話ください。

--- 担当者返信（カスタマーサポート 小林） ---
藤井様
お問い合わせありがとうございます。恐れ入りますが、セキュリティ上カード番号はマイページの「お支払い方法」からご登録ください。末尾{c[-4:]}のカードは3Dセキュア認証が完了していなかったため決済が保留となっておりました。""",
  ("card", cs), ("phone", m))

# J4 人事CSVエクスポート
rows, labs = [], []
for i, (eno, nm, kana, dept, mail) in enumerate([
        ("100231", "高橋 翔", "タカハシ ショウ", "営業一課", "sho.takahashi"),
        ("100245", "伊藤 さくら", "イトウ サクラ", "経理部", "sakura.ito"),
        ("100252", "渡辺 大輔", "ワタナベ ダイスケ", "開発部", "daisuke.watanabe"),
        ("100260", "中村 由衣", "ナカムラ ユイ", "人事部", "yui.nakamura")]):
    em, p, mn = f"{mail}@kitaoka-shoji.co.jp", jp_mobile([0, 0, 1, 0][i]), jp_mynumber()
    rows.append(f"{eno},{nm},{kana},{dept},{em},{p},{mn},2023/04/0{i + 1}")
    labs += [("email", em), ("phone", p), ("jp_mynumber", mn)]
S("ja", "csv", "社員番号,氏名,フリガナ,所属,メールアドレス,携帯電話,個人番号,入社日\n" + "\n".join(rows), *labs)

# J5 外国籍社員名簿（各国ID）
rrn, nric, aad, cf, nino = kr_rrn(), sg_nric(), aadhaar(), it_cf(), uk_nino()
ninos = f"{nino[:2]} {nino[2:4]} {nino[4:6]} {nino[6:8]} {nino[8]}"
k1, s1, n1, j1, j2 = kr_phone(0), sg_phone(0), in_phone(2), jp_mobile(0), jp_mobile(3)
S("ja", "markdown_table", f"""### 外国籍社員 在籍一覧（2025年10月時点・取扱注意）

| 氏名 | 国籍 | 本国ID種別 | 番号 | 連絡先 |
|---|---|---|---|---|
| 李 智恩 | 韓国 | 住民登録番号 | {rrn} | {k1} |
| Tan Jun Hao | シンガポール | NRIC | {nric} | {s1} |
| Arjun Mehta | インド | Aadhaar | {aad} | {n1} |
| Chiara Bianchi | イタリア | Codice Fiscale | {cf} | {j1} |
| James Whitaker | 英国 | NI番号 | {ninos} | {j2} |

※年末調整・社会保障協定の手続きで本国IDの確認が必要な方のみ記載。閲覧は人事部内に限ります。""",
  ("kr_rrn", rrn), ("sg_nric", nric), ("in_aadhaar", aad), ("it_codice_fiscale", cf), ("uk_nino", ninos),
  ("phone", k1), ("phone", s1), ("phone", n1), ("phone", j1), ("phone", j2))

# J6 Apacheログ（不正アクセス調査）
a, b, c_, pr = ip_pub(), ip_pub(), ipv6_pub(), ip_priv("192")
S("ja", "log", f"""本番Webサーバーで昨夜から /wp-login.php への大量アクセスがあります。抜粋を貼ります。上の3つはブロック対象にしてよいか確認お願いします。

{a} - - [12/Oct/2025:01:02:11 +0900] "POST /wp-login.php HTTP/1.1" 200 4512 "-" "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
{b} - - [12/Oct/2025:01:02:11 +0900] "POST /xmlrpc.php HTTP/1.1" 403 199 "-" "python-requests/2.31.0"
{c_} - - [12/Oct/2025:01:02:14 +0900] "GET /wp-json/wp/v2/users HTTP/1.1" 200 1290 "-" "Go-http-client/1.1"
{pr} - - [12/Oct/2025:09:15:40 +0900] "GET /wp-admin/ HTTP/1.1" 302 0 "-" "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"

最後の行は社内（情シスの端末）からなので除外してください。""",
  ("ip_address", a), ("ip_address", b), ("ip_address", c_), ("ip_address", pr))

# J7 アプリログ（日本語メッセージ）
em, p1, p2 = "haruka.m1993@docomo.ne.jp", jp_mobile(0), jp_mobile(2)
S("ja", "log", f"""2025-10-12 10:21:33.104 [INFO ] MemberService - 会員登録完了 member_id=M-0048812 email={em} tel={p1}
2025-10-12 10:21:35.877 [WARN ] SmsSender - SMS送信失敗 宛先={p2} 理由=キャリア側で拒否 retry=1
2025-10-12 10:22:01.450 [ERROR] AddressNormalizer - 住所の正規化に失敗しました 郵便番号=150-0043 入力="渋谷区道玄坂1-2-3" request_id={uid()}
2025-10-12 10:22:01.452 [INFO ] MemberService - 仮登録のまま保持します member_id=M-0048812""",
  ("email", em), ("phone", p1), ("phone", p2))

# J8 Terraform（DigitalOcean, コメントでベンダー名）
dop, ip = do_token(), ip_pub()
fp = ":".join(hexs(2) for _ in range(16))
S("ja", "config_terraform", f"""# 検証環境（DigitalOcean）。トークンは後で tfvars に移す予定 → まだ移せてません…
provider "digitalocean" {{
  token = "{dop}"
}}

resource "digitalocean_droplet" "stg_api" {{
  image    = "ubuntu-24-04-x64"
  name     = "stg-api-01"
  region   = "sgp1"
  size     = "s-2vcpu-4gb"
  ssh_keys = ["{fp}"]
}}

# リザーブドIP（DNSのAレコードもこれ）: {ip}""", ("cloud_token", dop), ("ip_address", ip))

# J9 docker-compose（日本語コメント）
pw1, pw2, pw3 = password(), password_random(16), password()
S("ja", "config_compose", f"""# ローカル開発用。※本番の値を入れないこと（←入ってる）
services:
  mysql:
    image: mysql:8.4
    environment:
      MYSQL_ROOT_PASSWORD: {pw1}
      MYSQL_DATABASE: yoyaku
      MYSQL_USER: yoyaku
      MYSQL_PASSWORD: "{pw2}"
    ports:
      - "3306:3306"
  redis:
    image: redis:7.4-alpine
    command: redis-server --requirepass {pw3} --appendonly yes
  app:
    build: .
    environment:
      DB_PASSWORD: ${{MYSQL_PASSWORD}}
      TZ: Asia/Tokyo""", ("password", pw1), ("password", pw2), ("password", pw3))

# J10 .env（LINE / OpenAI / Google Maps, コメントでベンダー名）
ls_, lt, oa, gk = hexs(32), rnd_mixed(ALNUM + "+/", 171) + "=", openai_svc(), google_key()
S("ja", "config_env", f"""# ===== LINE公式アカウント（予約Bot） =====
LINE_CHANNEL_ID=2006184472
LINE_CHANNEL_SECRET={ls_}
LINE_CHANNEL_ACCESS_TOKEN={lt}

# ===== OpenAI（問い合わせ要約） =====
OPENAI_API_KEY={oa}
OPENAI_MODEL=gpt-4.1-mini

# ===== Google Maps（店舗検索） =====
GOOGLE_MAPS_API_KEY={gk}
""", ("saas_token", ls_), ("saas_token", lt), ("openai_key", oa), ("google_api_key", gk))

# J11 Python + Anthropic SDK（日本語コメント）
ant = anthropic()
S("ja", "code_python", '''import anthropic

# TODO: 本番リリース前に環境変数へ移す（田中）
client = anthropic.Anthropic(api_key="''' + ant + '''")


def summarize(text: str) -> str:
    """議事録を3行で要約する"""
    msg = client.messages.create(
        model="claude-haiku-4-5",
        max_tokens=300,
        messages=[{"role": "user", "content": "次の議事録を3行で要約してください:\\n" + text}],
    )
    return msg.content[0].text''', ("anthropic_key", ant))

# J12 OpenAI request: 顧客へのお詫びメール作成
em, p = "k.morimoto@sakura-dental.jp", jp_land("fukuoka")
S("ja", "llm_openai", pj({"model": "gpt-4.1", "messages": [
    {"role": "system", "content": "あなたは丁寧なビジネスメールを書くアシスタントです。"},
    {"role": "user", "content": f"以下のお客様に、納品遅延のお詫びメールを作ってください。\n\n会社名：さくらデンタルクリニック\n担当：森本 和也 様\nメール：{em}\n電話：{p}\n注文番号：PO-2025-3318（歯科用チェア部品）\n新しい納期：10月24日\n\n電話でも一度連絡済みです。"}]}),
  ("email", em), ("phone", p))

# J13 Anthropic tool_result: 社員情報
mn, p, em = jp_mynumber(), jp_mobile(0), "r.okada@harbor-systems.co.jp"
mnd = f"{mn[:4]}-{mn[4:8]}-{mn[8:]}"
S("ja", "llm_anthropic", pj({"model": "claude-sonnet-4-5", "max_tokens": 1024, "messages": [
    {"role": "user", "content": "岡田さんの扶養控除の申告書を作るので、社員マスタから必要な情報を取ってきて"},
    {"role": "assistant", "content": [{"type": "text", "text": "社員マスタを参照します。"},
                                      {"type": "tool_use", "id": "toolu_01Ja8Q", "name": "get_employee", "input": {"query": "岡田 涼介"}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_01Ja8Q", "content": [{"type": "text", "text":
        pjc({"社員番号": "HS-0192", "氏名": "岡田 涼介", "生年月日": "1988-05-17", "個人番号": mnd, "携帯": p, "メール": em, "扶養": [{"続柄": "妻"}, {"続柄": "長男"}]})}]}]}]}),
  ("jp_mynumber", mnd), ("phone", p), ("email", em))

# J14 Gemini request: エラーログ（DB接続文字列）
pw, ip = password_random(14), ip_priv("172")
S("ja", "llm_gemini", pj({"contents": [{"role": "user", "parts": [{"text":
    f"バッチが毎朝5時に落ちます。ログはこれです。原因わかりますか？\n\n[2025-10-12 05:00:03] ERROR sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at \"{ip}\", port 5432 failed: FATAL:  too many connections for role \"batch\"\n[2025-10-12 05:00:03] DEBUG engine url = postgresql+psycopg2://batch:{pw}@pg-sales.internal:5432/sales\n"}]}]}),
  ("ip_address", ip), ("url_credentials", pw))

# J15 Ollama: curl with Bearer JWT and x-api-key
jt, xk = jwt({"sub": "svc-reporting", "aud": "api.tsubame-pay.jp", "iat": 1760230000, "exp": 1760233600}), high_entropy(40)
S("ja", "llm_ollama", pj({"model": "qwen2.5:14b", "stream": False, "messages": [
    {"role": "system", "content": "日本語で簡潔に答えてください。"},
    {"role": "user", "content": f"このcurlで403になるのはなぜ？ヘッダーの書き方が悪い？\n\ncurl -X POST https://api.tsubame-pay.jp/v2/reports \\\n  -H 'Authorization: Bearer {jt}' \\\n  -H 'x-api-key: {xk}' \\\n  -H 'Content-Type: application/json' \\\n  -d '{{\"month\":\"2025-09\"}}'"}]}),
  ("jwt", jt), ("generic_secret", xk))

# J16 チケット + シェル履歴（AWS / HF）
ak, sk, hft, pw = aws_key_id(), aws_secret(), hf(), password()
S("ja", "support_ticket", f"""【障害報告】GPU検証機でS3からモデルが落とせない件

以下のコマンドを順に実行したところ、最後の aws s3 cp で AccessDenied になりました。キーは先週発行してもらったものです。

$ export AWS_ACCESS_KEY_ID={ak}
$ export AWS_SECRET_ACCESS_KEY={sk}
$ export AWS_DEFAULT_REGION=ap-northeast-1
$ huggingface-cli login --token {hft}
$ mysql -h db-ml.internal -u mluser -p'{pw}' -e 'select count(*) from runs'
$ aws s3 cp s3://ml-models-apne1/llm/ja-7b/ ./models/ --recursive

IAMポリシーの確認をお願いします。""",
  ("aws_access_key", ak), ("aws_secret_key", sk), ("huggingface_token", hft), ("password", pw))

# J17 名刺OCR
t, f, m, em = jp_land("nagoya"), jp_land("nagoya"), jp_mobile(0), "s.hoshino@tokai-kogyo.co.jp"
S("ja", "ocr", f"""東海工業株式会社
生産技術部 第二課 課長
星野 聡
Satoshi Hoshino

〒460-0008 愛知県名古屋市中区栄3丁目15-2 栄センタービル8F
TEL {t}　FAX {f}
携帯 {m}
E-mail：{em}
https://www.tokai-kogyo.co.jp""", ("phone", t), ("phone", f), ("phone", m), ("email", em))

# J18 源泉徴収票OCR（個人番号 + 法人番号は対象外）
mn = jp_mynumber(); cn = corp_no_jp()
S("ja", "ocr", f"""令和6年分 給与所得の源泉徴収票
支払を受ける者 住所 東京都杉並区阿佐谷南2-14-7
(受給者番号) 0042　(個人番号) {mn}
氏名 (フリガナ) マツダ ユウキ　松田 勇樹
種別 給料・賞与　支払金額 5,280,000　給与所得控除後の金額 3,824,000
源泉徴収税額 128,400
支払者 個人番号又は法人番号 {cn}
住所 東京都港区芝浦3-4-1　氏名又は名称 株式会社ベイサイド物流""", ("jp_mynumber", mn))

# J19 海外送金の依頼メール（IBAN）
ib1, ib2 = iban("DE"), iban("CH")
ib1s = iban_spaced(ib1)
S("ja", "email", f"""経理部 御中

お世話になっております。購買課の石井です。
ドイツの仕入先 Weber Feinmechanik GmbH より請求書（RE-2025-1183、EUR 18,420.00）が届きましたので、海外送金をお願いします。

振込先：Weber Feinmechanik GmbH
IBAN：{ib1s}
SWIFT/BIC：DEUTDEFF500
支払期日：10月31日

なお、スイスの Baumann AG 分（前回 IBAN：{ib2}）は今月は発生しません。
請求書PDFは共有フォルダ「購買/2025/10」に入れてあります。

石井""", ("iban", ib1s), ("iban", ib2))

# J20 Kubernetes Secret（Slack / Discord 通知）
xp, sw, dw = slack_user(), slack_webhook(), discord_webhook()
S("ja", "config_k8s", f"""# 通知まわり。ArgoCD 管理外なので手で apply してます（山本）
apiVersion: v1
kind: Secret
metadata:
  name: alert-notifier
  namespace: monitoring
type: Opaque
stringData:
  # Slack（#障害対応 チャンネル）
  slack-webhook-url: {sw}
  slack-user-token: {xp}
  # Discord（コミュニティ運営向け）
  discord-webhook-url: {dw}""", ("slack_webhook", sw), ("slack_token", xp), ("discord_webhook", dw))

# J21 GitHub Actions（日本語コメント, GitLab / GitHub トークン直書き）
glt, ghp = gitlab(), github_pat()
S("ja", "config_gha", f"""name: mirror-to-gitlab
on:
  push:
    branches: [main]
jobs:
  mirror:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
          token: {ghp}  # ← 一時的にPAT。あとで secrets に移す
      # 社内GitLabへミラー
      - run: |
          git remote add gitlab https://oauth2:{glt}@gitlab.tsubame.local/infra/portal.git
          git push gitlab --all --force""", ("github_token", ghp), ("gitlab_token", glt))

# J22 チャット（Discord bot / Telegram）
dt, tg = discord_token(), telegram()
S("ja", "chat", f"""サークルのDiscord用botのトークン、これです→ {dt}
あとTelegramの方のbotもついでに作りました。トークンは「{tg}」で、通知先のグループIDはまだ決めてません。
動かしたら教えてください！""", ("discord_token", dt), ("telegram_token", tg))

# J23 議事録（韓国パートナー）
rrn, k = kr_rrn(), kr_phone(1)
S("ja", "minutes", f"""■ 10/8 ソウル拠点立ち上げ定例 議事録（記：小川）

1. 現地採用
 ・現地マネージャー候補 朴 ソヨン氏、内定承諾済み。雇用契約書作成のため住民登録番号（{rrn}）を受領。※原本は韓国法人の労務担当が保管
 ・連絡先は {k}（日本語可）
2. オフィス
 ・江南区の物件、11/1入居で確定。敷金は前回資料のとおり。
3. 次回：10/22(水) 15:00〜""", ("kr_rrn", rrn), ("phone", k))

# J24 application.yml（Stripe 制限付きキー / SMTP）
pw, rk, pw2 = password_random(16), stripe("rk_live_"), password()
S("ja", "config_yaml", f"""spring:
  datasource:
    url: jdbc:postgresql://db-prod.tsubame.local:5432/shop
    username: shop_app
    password: {pw}
  mail:
    host: smtp.gmail.com
    port: 587
    username: info@tsubame-shop.jp
    password: "{pw2}"   # アプリパスワード
payment:
  stripe:
    # 返金処理専用の制限付きキー
    restricted-key: {rk}
    publishable-key: ${{STRIPE_PK}}""", ("password", pw), ("email", "info@tsubame-shop.jp"), ("password", pw2), ("stripe_key", rk))

# J25 人事メール（欧州拠点: DNI/NIE/BSN/NIR）
dni, nie, bsn, nir = es_dni(), es_nie(), nl_bsn(), fr_nir()
nirc = nir.replace(" ", "")
S("ja", "email", f"""To: global-hr@tsubame-holdings.com
件名：欧州拠点 10月入社者の登録依頼

グローバル人事 ご担当者様

マドリード・アムステルダム・パリの各拠点から10月入社者の情報が届きました。給与委託先への登録をお願いします。

・マドリード：Javier Moreno（DNI {dni}）、Olena Kovalenko（NIE：{nie}）
・アムステルダム：Sanne Bakker（BSN {bsn}）
・パリ：Camille Durand（n° de sécurité sociale {nirc}）

番号は各本人のID書類から転記済みです。よろしくお願いします。""",
  ("email", "global-hr@tsubame-holdings.com"), ("es_dni", dni), ("es_dni", nie), ("nl_bsn", bsn), ("fr_nir", nirc))

# J26 Java（AWS SDK v2, 日本語コメント）
ak, sk = aws_key_id(), aws_secret()
S("ja", "code_java", f"""// 請求書PDFをS3へアップロードする。動作確認用に一旦キー直書き
S3Client s3 = S3Client.builder()
        .region(Region.AP_NORTHEAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
                AwsBasicCredentials.create("{ak}", "{sk}")))
        .build();

s3.putObject(PutObjectRequest.builder()
                .bucket("tsubame-invoices")
                .key("2025/10/" + invoiceNo + ".pdf")
                .build(),
        RequestBody.fromFile(pdf));""", ("aws_access_key", ak), ("aws_secret_key", sk))

# J27 予約フォーム HTML（値入り）
c = card("mc"); cs = fmt_card(c, ""); t, em = jp_mobile(1), "yuka.sato.0412@icloud.com"
S("ja", "html_form", f"""<form action="/reserve/confirm" method="post">
  <dl>
    <dt>お名前</dt><dd><input name="name" value="佐藤 由香"></dd>
    <dt>電話番号（ハイフンなし）</dt><dd><input type="tel" name="tel" value="{t}"></dd>
    <dt>メールアドレス</dt><dd><input type="email" name="email" value="{em}"></dd>
    <dt>カード番号</dt><dd><input name="card_no" value="{cs}" inputmode="numeric"></dd>
    <dt>有効期限</dt><dd><input name="card_exp" value="03/29"></dd>
    <dt>人数</dt><dd><select name="guests"><option selected>2名</option></select></dd>
  </dl>
  <button type="submit">予約内容を確認する</button>
</form>""", ("phone", t), ("email", em), ("card", cs))

# J28 決済エラーのスタックトレース（マスク済みカードは対象外）
ip, em = ip_pub(), "tomoya.kd@gmail.com"
S("ja", "stack_trace", f"""2025-10-12 21:44:03.517 ERROR [payment-worker-3] 決済APIがタイムアウトしました order=ORD-20251012-55821 user={em} card=**** **** **** 0048 client_ip={ip}
jp.tsubame.pay.GatewayTimeoutException: 与信リクエストが30000ms以内に応答しませんでした
	at jp.tsubame.pay.gateway.CardGateway.authorize(CardGateway.java:212)
	at jp.tsubame.pay.service.CheckoutService.pay(CheckoutService.java:88)
	at jp.tsubame.pay.api.CheckoutController.confirm(CheckoutController.java:54)
Caused by: java.net.SocketTimeoutException: Read timed out
	... 12 more""", ("email", em), ("ip_address", ip))

# J30 引き継ぎ資料（SSH秘密鍵 / PyPI トークン）
ok, ip, pyt = openssh_key(), ip_pub(), pypi()
S("ja", "markdown", f"""## 引き継ぎメモ（社内ツール配布サーバー）

- サーバー：{ip}（さくらのVPS、Ubuntu 24.04）
- ログインユーザー：deploy
- 秘密鍵（パスフレーズなし）：

```
{ok}
```

- PyPI（社内向けパッケージ tsubame-tools の公開用）
  `~/.pypirc` の中身：
  ```
  [pypi]
  username = __token__
  password = {pyt}
  ```""", ("ip_address", ip), ("private_key", body1(ok)), ("package_registry_token", pyt))

# J31 問い合わせ（GCPサービスアカウント鍵を貼ってしまう）
sa, key = gcp_sa_json("tsubame-analytics")
l1 = key.split("\\n")[1]
S("ja", "support_ticket", f"""件名：BigQueryへの接続が「invalid_grant」で失敗します

お世話になっております。以下の鍵ファイルで認証していますが、昨日から失敗するようになりました。鍵が無効化されていないか確認いただけますか。

{sa}

よろしくお願いいたします。（データ基盤チーム 宮本）""",
  ("gcp_credentials", l1), ("private_key", l1), ("email", "ci-deployer@tsubame-analytics.iam.gserviceaccount.com"))

# J32 社内チャット（Azure ストレージキー / 人の電話）
azk, t = azure_storage_key(), jp_land("tokyo_intl")
S("ja", "chat", f"""経理システムのバックアップ先、Azureのストレージアカウント stbkacct01 のアクセスキーです。
{azk}
キー2の方はローテーション中なので使わないでください。ベンダー（富士テクノ）の窓口は {t} です。""",
  ("azure_key", azk), ("phone", t))

# ================================================================= JAPANESE, hard negatives
# JN1 パスワードポリシーのお知らせ
S("ja", "notice", """【情報システム部より】パスワードポリシー変更のお知らせ

11月1日より、社内システムのパスワード要件を以下のとおり変更します。
・12文字以上（英大文字・英小文字・数字・記号のうち3種類以上を含む）
・過去5回分と同じパスワードは使用不可
・90日ごとの定期変更は廃止し、漏えいの疑いがある場合のみ変更
パスワードをメールやチャットで送ることは禁止です。初期パスワードは本人に手渡しの書面でお知らせします。""")

# JN2 注文確認メール（マスク済みカード・注文番号・追跡番号）
S("ja", "email", """この度は「つばめ珈琲オンラインストア」をご利用いただき、誠にありがとうございます。

ご注文番号：TS-2025101288417
ご注文日：2025年10月12日 14:32
お支払い方法：クレジットカード（VISA ****-****-****-4417）
お届け先：〒604-8005 京都府京都市中京区恵比須町 …
配送業者：ヤマト運輸　お問い合わせ伝票番号：4829-1736-0055

深煎りブレンド 200g × 2　2,592円
ドリップバッグ10袋入り × 1　1,080円
合計　3,672円（税込）

※本メールは送信専用アドレスから配信しています。""")

# JN3 .env.example（プレースホルダー）
S("ja", "config_env", """# .env.example
# ↓ 各自の値に置き換えてください（本物のキーはコミットしない！）
OPENAI_API_KEY=<ここにAPIキー>
ANTHROPIC_API_KEY=sk-ant-xxxxxxxxxxxxxxxx
DB_HOST=localhost
DB_PASSWORD=your-password
REDIS_URL=redis://:${REDIS_PASSWORD}@127.0.0.1:6379/0
LINE_CHANNEL_SECRET=
GOOGLE_MAPS_API_KEY=（総務に申請して発行）""")

# JN4 請求書OCR（法人番号・登録番号）
cn = corp_no_jp()
S("ja", "ocr", f"""御 請 求 書
請求書番号 INV-202510-0331　発行日 2025年10月31日
株式会社みなと精機 御中
登録番号 T{cn}
株式会社ベイサイド物流　〒108-0023 東京都港区芝浦3-4-1
法人番号 {cn}
件名 10月分 倉庫保管料および配送料
小計 482,500円　消費税(10%) 48,250円　ご請求金額 530,750円
お支払期限 2025年11月30日（振込手数料は貴社ご負担でお願いいたします）""")

# JN5 商品マスタCSV（JANコード）
rows = [f"{ean13('49')},{n},{p},{s}" for n, p, s in [("ほうじ茶ラテ 500ml", 198, "常温"), ("北海道バターサブレ 12枚", 864, "常温"), ("冷凍だし巻き卵 4切", 430, "冷凍"), ("国産うどん 3食", 321, "冷蔵")]]
S("ja", "csv", "JANコード,商品名,売価(税込),温度帯\n" + "\n".join(rows))

# JN6 リリースノート（SHA・バージョン）
S("ja", "markdown", f"""## v4.12.0（2025-10-10）
- 予約画面で日付をまたぐと空き枠が二重表示される不具合を修正（{gitsha()[:7]}）
- 管理画面のCSV出力を文字コード選択式に（Shift_JIS / UTF-8）
- 依存ライブラリ更新：spring-boot 3.3.4 → 3.3.5、jackson 2.17.2 → 2.18.0
- ビルド番号 4.12.0.2291、コンテナイメージ sha256:{sha256()}
- マージコミット：{gitsha()}""")

# JN7 Kubernetes manifest（secretKeyRef のみ）
S("ja", "config_k8s", """# 本番DBの接続情報は Secret「shop-db」から読み込む（値はここに書かない）
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop-api
spec:
  template:
    spec:
      containers:
        - name: api
          image: ghcr.io/tsubame/shop-api:4.12.0
          env:
            - name: SPRING_DATASOURCE_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: shop-db
                  key: password
            - name: STRIPE_SECRET_KEY
              valueFrom:
                secretKeyRef: { name: stripe, key: secret-key }""")

# JN8 バッチログ（UUID・チェックサム）
S("ja", "log", f"""[2025-10-12 02:00:00] 日次集計バッチ開始 job_id={uid()}
[2025-10-12 02:00:41] 売上明細 182,331件 読込完了 checksum=sha256:{sha256()}
[2025-10-12 02:03:15] 店舗別集計 248店舗 完了（所要 154.2秒）
[2025-10-12 02:03:16] 出力ファイル /data/out/sales_20251011.csv（41.8MB）
[2025-10-12 02:03:16] 日次集計バッチ正常終了 exit=0 trace_id={hexs(32)}""")

# JN9 チャット（パスワードの話だけ）
S("ja", "chat", """新しく入った派遣の方のアカウント作りました！
初期パスワードは1Passwordの「新入社員用」ボールトに入れてあるので、そこから本人に共有してください🙇
ログイン後すぐ変更してもらうよう伝えてもらえると助かります。あと多要素認証の設定もお願いします""")

# JN10 APIドキュメント（プレースホルダー）
S("ja", "markdown", """### 認証
すべてのリクエストに以下のヘッダーを付与してください。

```
Authorization: Bearer <アクセストークン>
X-API-Key: YOUR_API_KEY
```

アクセストークンは `/oauth/token` で取得し、有効期限は3600秒です。APIキーは管理画面の「開発者設定」から発行できます（発行時に一度しか表示されません）。""")

# JN11 OpenAI request（APIキー管理の相談）
S("ja", "llm_openai", pj({"model": "gpt-4o-mini", "messages": [
    {"role": "user", "content": "Next.jsでOpenAIのAPIを呼んでます。今は `new OpenAI({ apiKey: process.env.OPENAI_API_KEY })` にしてますが、フロント側に `sk-...` が漏れないか心配です。Vercelでの安全な置き方を教えてください。"}]}))

# JN12 Anthropic tool_result（マスク済みデータ）
S("ja", "llm_anthropic", pj({"model": "claude-haiku-4-5", "max_tokens": 600, "messages": [
    {"role": "user", "content": "会員番号 00381274 の方のポイント残高を教えて"},
    {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_01Pt", "name": "member_lookup", "input": {"member_no": "00381274"}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_01Pt", "content": pjc({"会員番号": "00381274", "氏名": "ヤマ** ハナ*", "ポイント": 12840, "有効期限": "2026-03-31", "登録カード": "****-****-****-1234", "電話": "***-****-5678"})}]}]}))

# JN13 フロントエンド（Stripe公開可能キー）
S("ja", "code_js", f"""// 公開可能キー（pk_live_）はブラウザに出てもOK。シークレットキーはサーバー側のみ。
const stripe = Stripe('{stripe("pk_live_")}', {{ locale: 'ja' }});
const elements = stripe.elements({{ appearance: {{ theme: 'stripe' }} }});
elements.create('payment').mount('#payment-element');""")

# JN14 SSH公開鍵の登録依頼
S("ja", "chat", f"""踏み台サーバーに公開鍵の登録をお願いします🙏（PC入れ替えのため）

{ssh_pub("kenta.fujii@tsubame-mbp")}

旧PCの鍵は削除してもらって大丈夫です。""")

# JN15 サーバー証明書の更新
S("ja", "support_ticket", f"""件名：【更新】api.tsubame-pay.jp のサーバー証明書

来月期限切れのため、新しい証明書を発行しました。中間証明書と合わせてロードバランサーへの設定をお願いします（秘密鍵は別途、鍵管理サーバー経由で渡します）。

{cert("api.tsubame-pay.jp")}

署名アルゴリズム：ecdsa-with-SHA256（OID 1.2.840.10045.4.3.2）""")

# JN16 DBダンプ（bcryptハッシュ）
S("ja", "code_sql", f"""-- 検証環境用ダンプ（個人情報はマスク済み）
INSERT INTO staff_accounts (staff_id, login_id, password_digest, role) VALUES
(21, 'staff021', '{bcrypt()}', 'store'),
(22, 'staff022', '{bcrypt()}', 'store'),
(23, 'hq_admin', '{bcrypt()}', 'admin');""")

# JN17 店舗一覧（座標・郵便番号）
S("ja", "csv", """店舗コード,店舗名,郵便番号,緯度,経度,営業時間
S012,つばめ珈琲 四条烏丸店,600-8008,35.0037,135.7595,8:00-20:00
S015,つばめ珈琲 梅田茶屋町店,530-0013,34.7077,135.4984,7:30-21:00
S021,つばめ珈琲 博多駅前店,812-0011,33.5897,130.4207,7:00-22:00""")

# JN18 手順書（パスワードはファイル/環境変数から）
S("ja", "shell", """# DBリストア手順（パスワードは直接打たない）
# 1) 接続情報はオプションファイルから読む
mysql --defaults-extra-file=/etc/mysql/restore.cnf -e 'SHOW DATABASES'
# 2) 対話で入力する場合
read -rs -p "DBパスワード: " DB_PW && export MYSQL_PWD="$DB_PW"
# 3) Secret Manager から取得
gcloud secrets versions access latest --secret=shop-db-password > /tmp/dbpw && chmod 600 /tmp/dbpw""")

# JN19 Gemini request（売上データの要約）
S("ja", "llm_gemini", pj({"contents": [{"role": "user", "parts": [{"text":
    "以下を前年比の大きい順に並べて、コメントを1行ずつ付けてください。\n店舗コード S012 売上 18,420,300円 前年比 112.4%\n店舗コード S015 売上 22,118,900円 前年比 98.7%\n店舗コード S021 売上 15,036,000円 前年比 121.9%\n※S021は2024年9月に改装（型番 KX-PZ720-W のエスプレッソマシン導入）"}]}],
    "generationConfig": {"temperature": 0.3}}))

# ----------------------------------------------------------------- write + stats
write_corpus(OUT, sys.argv[1])
if __name__ == "__main__":
    lang, kind, typ, neg = collections.Counter(), collections.Counter(), collections.Counter(), collections.Counter()
    for s in OUT:
        lang[s["lang"]] += 1
        kind[s["kind"]] += 1
        if not s["labels"]:
            neg[s["lang"]] += 1
        for l in s["labels"]:
            typ[l["type"]] += 1
    print("total", len(OUT), "lang", dict(lang), "negatives", dict(neg), sum(neg.values()))
    print("kinds", dict(kind))
    print("types", dict(sorted(typ.items())))
    lens = [len(s["text"]) for s in OUT]
    print("len min/max", min(lens), max(lens), [s["id"] for s in OUT if not 30 <= len(s["text"]) <= 1500])
