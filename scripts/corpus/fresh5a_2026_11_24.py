"""Fresh set 5a (2026-11-24): written by a helper who read only fakegen.py, never the rules,
in the session after fresh sets 3 and 4 (English 75, German 55); scored once before any fix of that session's
set-5 pass (docs/detection.md, "Fresh set 5"). Values are generated (fake): see fakegen.py.
Usage: python3 fresh5a_2026_11_24.py OUT.jsonl
"""
import os
import sys, json, string
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *

seed(5501)
OUT = []
S = sample_adder(OUT, "f5a")
DIG = string.digits


def T(s, **kw):
    for k, v in kw.items():
        s = s.replace("@@" + k + "@@", v)
    assert "@@" not in s, s
    return s


def J(obj, indent=2, ascii_=False):
    return json.dumps(obj, indent=indent, ensure_ascii=ascii_)


def d(n):
    return rnd(DIG, n)


def nz(n):
    return rnd("123456789", 1) + d(n - 1)


# ---------- phones ----------
def us_phone(style=0):
    a = R.choice(["212", "312", "415", "617", "206", "303", "512", "404", "713", "646", "917", "718", "469", "702", "614"])
    e = str(R.choice([x for x in range(201, 990) if x != 555]))
    l = d(4)
    return [f"({a}) {e}-{l}", f"{a}-{e}-{l}", f"{a}.{e}.{l}", f"+1 {a} {e} {l}", f"+1{a}{e}{l}", f"+1-{a}-{e}-{l}"][style]


def uk_phone(style=0):
    m = "7" + R.choice("45789") + d(2)
    r = d(6)
    return [f"07{m[1:]} {r}", f"+44 {m} {r}", f"+44 (0)20 7{d(3)} {d(4)}", f"020 3{d(3)} {d(4)}", f"+44{m}{r}", f"0161 {nz(3)} {d(4)}"][style]


def de_phone(style=0):
    pre = R.choice(["151", "152", "157", "160", "162", "170", "171", "172", "173", "175", "176", "177", "178", "179"])
    return [f"0{pre} {nz(7)}", f"+49 {pre} {nz(8)}", f"+49 (0){pre} {d(4)} {d(4)}", f"0{pre}-{nz(8)}",
            f"030 {nz(8)}", f"089 / {nz(2)} {d(2)} {d(2)} {d(2)}", f"+49 40 {nz(7)}", f"0221 {nz(7)}",
            f"+49 (0)69 {nz(4)}-{d(3)}", f"+49{pre}{nz(8)}", f"(0711) {nz(6)}"][style]


def fr_phone(style=0):
    p = [d(2) for _ in range(4)]
    m = R.choice("67")
    return [f"0{m} {' '.join(p)}", f"+33 {m} {' '.join(p)}", f"01.{'.'.join(p)}", f"+33 (0)1 {' '.join(p)}", f"0{m}{''.join(p)}"][style]


def nl_phone(style=0):
    return [f"06-{nz(8)}", f"+31 6 {nz(4)} {d(4)}", f"020 {nz(3)} {d(4)}", f"+31 (0)10 {nz(3)} {d(4)}"][style]


def es_phone(style=0):
    return [f"+34 6{d(2)} {d(3)} {d(3)}", f"6{d(2)} {d(2)} {d(2)} {d(2)}", f"91 {nz(3)} {d(2)} {d(2)}", f"+34 93 {nz(3)} {d(2)} {d(2)}"][style]


def it_phone(style=0):
    return [f"+39 3{d(2)} {nz(3)} {d(4)}", f"3{d(2)} {nz(7)}", f"02 {nz(4)} {d(4)}", f"+39 06 {nz(4)} {d(4)}"][style]


def ch_phone(style=0):
    return [f"+41 7{R.choice('6789')} {nz(3)} {d(2)} {d(2)}", f"07{R.choice('6789')} {nz(3)} {d(2)} {d(2)}", f"044 {nz(3)} {d(2)} {d(2)}", f"+41 (0)31 {nz(3)} {d(2)} {d(2)}"][style]


def at_phone(style=0):
    return [f"+43 664 {nz(7)}", f"0664 {nz(3)} {d(2)} {d(2)}", f"+43 1 {nz(3)} {d(2)} {d(2)}", f"0676/{nz(7)}", f"+43 (0)512 {nz(6)}"][style]


def be_phone(style=0):
    return [f"+32 4{R.choice('789')}{d(1)} {d(2)} {d(2)} {d(2)}", f"04{R.choice('789')}{d(1)} {d(2)} {d(2)} {d(2)}", f"02 {nz(3)} {d(2)} {d(2)}"][style]


def jp_phone(style=0):
    return [f"090-{nz(4)}-{d(4)}", f"03-{nz(4)}-{d(4)}", f"+81 80-{nz(4)}-{d(4)}", f"06-{nz(4)}-{d(4)}"][style]


def kr_phone(style=0):
    return [f"010-{nz(4)}-{d(4)}", f"+82 10-{nz(4)}-{d(4)}", f"02-{nz(3)}-{d(4)}", f"010 {nz(4)} {d(4)}"][style]


def in_phone(style=0):
    return [f"+91 9{d(4)} {d(5)}", f"+91-98{d(8)}", f"0{R.choice(['22', '80', '11'])} {nz(4)} {d(4)}"][style]


def sg_phone():
    return f"+65 9{d(3)} {d(4)}"


# ---------- network ----------
def ip_pub():
    a = R.choice([31, 37, 46, 62, 77, 78, 80, 81, 85, 87, 88, 91, 93, 94, 95, 109, 141, 145, 176, 178, 185, 188,
                  193, 195, 212, 213, 217, 34, 35, 52, 54, 18, 104, 142, 151, 157, 159, 167])
    return f"{a}.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(2, 254)}"


def ip_priv():
    k = R.randint(0, 2)
    if k == 0:
        return f"10.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(2, 254)}"
    if k == 1:
        return f"172.{R.randint(16, 31)}.{R.randint(0, 255)}.{R.randint(2, 254)}"
    return f"192.168.{R.randint(0, 255)}.{R.randint(2, 254)}"


def h4():
    return rnd(HEX, R.randint(1, 4)).lstrip("0") or "1"


def ip6():
    pre = R.choice(["2a02", "2a01", "2003", "2a00", "2600", "2607", "2001:16b8", "2a0a"])
    return f"{pre}:{h4()}:{h4()}:{h4()}::{h4()}" if ":" not in pre else f"{pre}:{h4()}:{h4()}::{h4()}"


# ---------- near-miss helpers (negatives) ----------
def uuid4():
    h = rnd(HEX, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{R.choice('89ab')}{h[17:20]}-{h[20:]}"


def bcrypt():
    return "$2b$12$" + rnd("./" + ALNUM, 53)


def argon2():
    return "$argon2id$v=19$m=65536,t=3,p=4$" + rnd(ALNUM + "+/", 22) + "$" + rnd(ALNUM + "+/", 43)


def sri():
    return "sha512-" + base64.b64encode(bytes(R.getrandbits(8) for _ in range(64))).decode()


def imei():
    body = "35" + d(12)
    return body + luhn_check(body)


def ean13(prefix="400"):
    body = prefix + d(12 - len(prefix))
    s = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body))
    return body + str((10 - s % 10) % 10)


def isbn13():
    return ean13("978")


def fmt_iban_masked(v):
    sp = iban_spaced(v).split(" ")
    return " ".join([sp[0]] + ["****"] * (len(sp) - 3) + sp[-2:])


def nodollar(fn, *a):
    while True:
        v = fn(*a)
        if "$" not in v:
            return v


def pem_body1(k):
    return k.splitlines()[1]


def paypal_token():
    return "access_token$production$" + rnd(string.ascii_lowercase + DIG, 16) + "$" + rnd(HEX, 32)


def mollie():
    return "live_" + rnd_mixed(ALNUM, 30)


def rubygems():
    return "rubygems_" + rnd(HEX, 48)


def hetzner():
    return rnd_mixed(ALNUM, 64)


def dd_api():
    return rnd(HEX, 32)


def dd_app():
    return rnd(HEX, 40)


def mistral():
    return rnd_mixed(ALNUM, 32)


def cohere():
    return rnd_mixed(ALNUM, 40)

# =====================================================================
# ENGLISH (75)
# =====================================================================

# en-1 chat: card with context after
c = fmt_card(card("visa"))
S("en", "chat", f"{c} is the card I used for the Lisbon hotel and they charged it twice (once on the 3rd, once on the 5th). "
  "Can you help me write a short, polite dispute letter to my bank? I don't want to sound angry, just firm.", ("card", c))

# en-2 chat: UK mobile, context after
p = uk_phone(1)
S("en", "chat", f"ok so {p} — that's Tom's number, he's the one picking up the kids on Thursday. "
  "Could you draft a quick text I can send him with the school address and that pickup is 15:20 not 15:30?", ("phone", p))

# en-3 llm_openai: pasted .env inside user turn
pw = password_random(16); ip = ip_priv(); sk = stripe("sk_live_")
env = f"NODE_ENV=production\nDATABASE_URL=postgres://orders_app:{pw}@{ip}:5432/orders\nSTRIPE_SECRET_KEY={sk}\nSTRIPE_PUBLISHABLE_KEY={stripe('pk_live_')}\nLOG_LEVEL=info"
body = J({"model": "gpt-4o-mini", "temperature": 0.2, "messages": [
    {"role": "system", "content": "You are a helpful DevOps assistant."},
    {"role": "user", "content": "Turn this .env into a Kubernetes Secret manifest (stringData, not base64 please):\n\n```\n" + env + "\n```"}]})
S("en", "llm_openai", body, ("url_credentials", pw), ("ip_address", ip), ("stripe_key", sk))

# en-4 config_yaml: nested vendor only in parent key
a1, a2 = dd_api(), dd_app()
S("en", "config_yaml", T("""# monitoring.yaml  -- loaded by the agent sidecar
service: checkout-api
env: prod
datadog:
  site: datadoghq.eu
  api_key: @@a1@@
  app_key: @@a2@@
  tags:
    - team:payments
    - tier:1
sentry:
  environment: production
  traces_sample_rate: 0.05
""", a1=a1, a2=a2), ("saas_token", a1), ("saas_token", a2))

# en-5 stack_trace: java, ip in mysql error + amqp url with creds
ip = ip_priv(); pw = password()
S("en", "stack_trace", T("""2025-03-14 02:17:44.913 ERROR 1 --- [main] o.s.boot.SpringApplication : Application run failed
org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'ledgerDataSource'
	at org.springframework.beans.factory.support.AbstractAutowireCapableBeanFactory.initializeBean(AbstractAutowireCapableBeanFactory.java:1806)
	at org.springframework.beans.factory.support.AbstractBeanFactory.getBean(AbstractBeanFactory.java:208)
Caused by: java.sql.SQLException: Access denied for user 'ledger'@'@@ip@@' (using password: YES)
	at com.mysql.cj.jdbc.exceptions.SQLError.createSQLException(SQLError.java:130)
	at com.mysql.cj.jdbc.ConnectionImpl.createNewIO(ConnectionImpl.java:828)
	... 42 common frames omitted
2025-03-14 02:17:45.002  WARN 1 --- [main] c.a.l.MessagingConfig : falling back to broker url amqp://ledger-svc:@@pw@@@rabbitmq.ledger.svc:5672/prod
""", ip=ip, pw=pw), ("ip_address", ip), ("url_credentials", pw))

# en-6 spreadsheet: excel paste, payroll
rows = []
labs = []
nino6 = uk_nino()
for nm, cc, ph in [("Hannah Okafor", "GB", uk_phone(0)), ("Joris de Vries", "NL", nl_phone(1)), ("Camille Martin", "FR", fr_phone(1)), ("Luca Bianchi", "IT", it_phone(0))]:
    ib = iban(cc)
    ib_w = ib if R.random() < 0.5 else iban_spaced(ib)
    em = nm.lower().replace(" ", ".") + "@brightwell-studio.com"
    tax = nino6 if cc == "GB" else "n/a"
    rows.append(f"{nm}\t{em}\t{ph}\t{ib_w}\t{tax}\t{R.choice(['Design', 'Ops', 'Finance', 'Eng'])}\t{R.randint(3, 9)},{R.randint(100, 999)}.00")
    labs += [("email", em), ("phone", ph), ("iban", ib_w)] + ([("uk_nino", nino6)] if cc == "GB" else [])
S("en", "spreadsheet", "can you check these for typos before I upload to the payroll portal? copied straight from Excel\n\n"
  "Name\tEmail\tMobile\tIBAN\tNI number\tDept\tMonthly gross\n" + "\n".join(rows), *labs)

# en-7 NEG chat: password policy prose
S("en", "chat", "We're rewriting our password policy for the handbook. Current rule: at least 12 characters, one number, one symbol, "
  "no reuse of the last 5 passwords, rotate every 90 days. NIST says forced rotation is counterproductive though, right? "
  "What would you recommend instead, and how do I phrase it so non-technical staff actually read it?")

# en-8 llm_anthropic: tool_use + tool_result with CRM record (json string inside json)
em = "r.castellano" + str(R.randint(10, 99)) + "@gmail.com"; ph = es_phone(0); ib = iban_spaced(iban("ES"))
cid = "C-" + d(7); tid = "toolu_01" + rnd(ALNUM, 22)
rec = json.dumps({"customer_id": cid, "name": "Rosa Castellano", "email": em, "phone": ph,
                  "payout_iban": ib, "card_on_file": "**** 4417", "tier": "gold"})
body = J({"model": "claude-sonnet-4-5", "max_tokens": 1024, "messages": [
    {"role": "user", "content": "Why did Rosa's refund bounce? customer " + cid},
    {"role": "assistant", "content": [{"type": "text", "text": "Let me pull up the customer record."},
                                      {"type": "tool_use", "id": tid, "name": "crm_lookup", "input": {"customer_id": cid}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tid, "content": rec}]}]})
S("en", "llm_anthropic", body, ("email", em), ("phone", ph), ("iban", ib))

# en-9 email: UK NINO spaced, context before
n = uk_nino(); n_sp = f"{n[:2]} {n[2:4]} {n[4:6]} {n[6:8]} {n[8]}"; ph = uk_phone(5)
S("en", "email", f"""Subject: Re: Starter form - missing details

Hi Priya,

Sorry, I missed that box on the form. My National Insurance number is {n_sp} and my start date is still the 2nd of June.
If payroll need anything else they can ring me on {ph} after 5pm.

Thanks,
Daniel""", ("uk_nino", n_sp), ("phone", ph))

# en-10 NEG config_env: placeholders
S("en", "config_env", """# .env.example -- copy to .env and fill in
OPENAI_API_KEY=sk-...
ANTHROPIC_API_KEY=<your-anthropic-key>
AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
DB_PASSWORD=changeme
REDIS_URL=redis://localhost:6379/0
SESSION_SECRET=xxxxxxxxxxxxxxxxxxxxxxxx
""")

# en-11 shell history: aws keys + mysql -p
ak, sc = aws_key_id(), aws_secret(); pw = password(); ip = ip_priv()
S("en", "shell", T("""  501  cd ~/infra/backups
  502  export AWS_ACCESS_KEY_ID=@@ak@@
  503  export AWS_SECRET_ACCESS_KEY=@@sc@@
  504  aws s3 ls s3://acme-db-dumps/2025/ --region eu-central-1
  505  mysqldump -h @@ip@@ -u backup -p'@@pw@@' --single-transaction shop > shop.sql
  506  gzip shop.sql && aws s3 cp shop.sql.gz s3://acme-db-dumps/2025/
  507  history | tail
""", ak=ak, sc=sc, ip=ip, pw=pw), ("aws_access_key", ak), ("aws_secret_key", sc), ("ip_address", ip), ("password", pw))

# en-12 code_python: slack bot token + webhook
tok, wh = slack_bot(), slack_webhook()
S("en", "code_python", T('''import os
import requests
from slack_sdk import WebClient

client = WebClient(token="@@tok@@")
ALERT_HOOK = "@@wh@@"

def notify(channel: str, text: str) -> None:
    client.chat_postMessage(channel=channel, text=text)

def page_oncall(msg):
    # webhook goes to #oncall-pages, bot token can't post there
    requests.post(ALERT_HOOK, json={"text": f":rotating_light: {msg}"}, timeout=5)
''', tok=tok, wh=wh), ("slack_token", tok), ("slack_webhook", wh))

# en-13 NEG log: uuids, shas, build numbers
S("en", "log", f"""[2025-02-27T09:41:12.518Z] build #{R.randint(4000, 9000)} started by scheduler (pipeline {uuid4()})
[2025-02-27T09:41:13.002Z] checkout {rnd(HEX, 40)} (refs/heads/main)
[2025-02-27T09:41:58.771Z] docker build -t registry.internal/api:1.14.{R.randint(0, 40)} .
[2025-02-27T09:43:20.114Z] image digest sha256:{rnd(HEX, 64)}
[2025-02-27T09:43:21.090Z] pushed layer {rnd(HEX, 12)} (34.2 MB)
[2025-02-27T09:44:05.660Z] deploy request {uuid4()} accepted, revision 118 -> 119
[2025-02-27T09:44:05.661Z] finished in 173.1s, exit 0""")

# en-14 llm_gemini: discord bot token inside code in a part
dt = discord_token()
body = J({"contents": [{"role": "user", "parts": [{"text": "my discord bot connects and then immediately goes offline, no error. here's main.py:\n\n"
    "import discord\n\nintents = discord.Intents.default()\nintents.message_content = True\nclient = discord.Client(intents=intents)\n\n"
    "@client.event\nasync def on_ready():\n    print(f\"logged in as {client.user}\")\n\nclient.run(\"" + dt + "\")\n\nwhat am I doing wrong?"}]}],
    "generationConfig": {"temperature": 0.4, "maxOutputTokens": 2048}})
S("en", "llm_gemini", body, ("discord_token", dt))

# en-15 llm_ollama: medical intake summary, ssn + phone
ssn = us_ssn(); ph = us_phone(0)
body = J({"model": "llama3.1:8b", "stream": False, "messages": [
    {"role": "system", "content": "Summarize intake notes in 3 bullet points."},
    {"role": "user", "content": f"Patient: Marcus Reyes, DOB 04/11/1979\nSSN {ssn}\nCell {ph}\nChief complaint: recurring lower back pain x 3 weeks, worse after long drives. "
     "No numbness. Takes ibuprofen 400mg PRN. Referred by Dr. Halvorsen."}]}, indent=None)
S("en", "llm_ollama", body, ("us_ssn", ssn), ("phone", ph))

# en-16 NEG OCR receipt: masked card, auth code, totals
S("en", "ocr", f"""HARBOR LIGHT GROCERY #0412
1180 W ADDISON ST   CHICAGO IL 60613
03/08/2025  18:42   REG 04  TRN {d(6)}

ORG BANANAS        1.29
OAT MILK 64OZ      4.99
SOURDOUGH LOAF     6.50
SUBTOTAL          12.78
TAX                0.26
TOTAL             13.04

VISA  ************{d(4)}   CHIP
AUTH CODE {d(6)}   REF {d(12)}
APPROVED - THANK YOU
ITEMS 3   SAVED TODAY $1.20""")

# en-17 ticket: order number near miss + email + phone (US)
em = "kwalsh.designs@outlook.com"; ph = us_phone(2)
S("en", "ticket", f"""Ticket #{R.randint(200000, 299999)} | Priority: normal | Channel: web form

Hi, my order {R.randint(100, 999)}-{d(7)}-{d(7)} still shows "label created" after 9 days. Tracking 1Z{rnd(string.ascii_uppercase + DIG, 16)} hasn't moved since Feb 20.
Please email me at {em} or call {ph} (evenings are best). I'd rather get a replacement than a refund if possible.
- Kerry Walsh""", ("email", em), ("phone", ph))

# en-18 config_toml: openai + anthropic keys under parent tables
ok_, an = openai_proj(), anthropic()
S("en", "config_toml", T('''[server]
host = "0.0.0.0"
port = 8088

[providers.openai]
api_key = "@@ok@@"
model = "gpt-4.1"
timeout_s = 60

[providers.anthropic]
api_key = "@@an@@"
model = "claude-sonnet-4-5"

[providers.ollama]
base_url = "http://localhost:11434"
''', ok=ok_, an=an), ("openai_key", ok_), ("anthropic_key", an))

# en-19 NEG config_gha: secrets references only
S("en", "config_gha", """name: release
on:
  push:
    tags: ["v*"]
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      contents: write
      id-token: write
    steps:
      - uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          registry-url: https://registry.npmjs.org
      - run: npm ci && npm publish --provenance
        env:
          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}
      - run: gh release create "$GITHUB_REF_NAME" --generate-notes
        env:
          GH_TOKEN: ${{ github.token }}
""")

# en-20 config_gha positive: hard-coded npm token (someone's bad commit) + secrets ref near-miss
nt = npm()
S("en", "config_gha", T("""      - name: Auth to npm
        run: |
          echo "//registry.npmjs.org/:_authToken=@@nt@@" > ~/.npmrc
          npm whoami
      - name: Publish
        run: npm publish --access public
        env:
          SLACK_WEBHOOK: ${{ secrets.SLACK_RELEASE_HOOK }}
""", nt=nt), ("npm_token", nt))

# en-21 config_ini: .pypirc
pt = pypi()
S("en", "config_ini", T("""[distutils]
index-servers =
    pypi
    testpypi

[pypi]
username = __token__
password = @@pt@@

[testpypi]
repository = https://test.pypi.org/legacy/
username = __token__
password = %(TEST_PYPI_TOKEN)s
""", pt=pt), ("package_registry_token", pt))

# en-22 config_terraform: DO + gitlab tokens
dop, gl = do_token(), gitlab()
S("en", "config_terraform", T('''terraform {
  required_providers {
    digitalocean = { source = "digitalocean/digitalocean", version = "~> 2.40" }
    gitlab       = { source = "gitlabhq/gitlab", version = "17.2.0" }
  }
}

provider "digitalocean" {
  token = "@@dop@@"
}

provider "gitlab" {
  token    = "@@gl@@"
  base_url = "https://gitlab.com/api/v4/"
}

resource "digitalocean_droplet" "runner" {
  image  = "ubuntu-24-04-x64"
  name   = "ci-runner-01"
  region = "fra1"
  size   = "s-2vcpu-4gb"
}
''', dop=dop, gl=gl), ("cloud_token", dop), ("gitlab_token", gl))

# en-23 NEG code_sql: bcrypt / argon2 hashes
S("en", "code_sql", f"""-- seed users for staging (hashes only, plaintext is in 1Password)
INSERT INTO users (id, username, password_hash, role, created_at) VALUES
  ({R.randint(100, 199)}, 'svc_reporting', '{bcrypt()}', 'reader', '2024-11-02 08:00:00'),
  ({R.randint(200, 299)}, 'ops_admin', '{argon2()}', 'admin', '2024-11-02 08:00:00'),
  ({R.randint(300, 399)}, 'qa_bot', '{bcrypt()}', 'reader', '2025-01-17 13:30:00');
UPDATE users SET must_reset = true WHERE role = 'admin';""")

# en-24 config_k8s: google api key + hf token in stringData
gk, hft = google_key(), hf()
S("en", "config_k8s", T("""apiVersion: v1
kind: Secret
metadata:
  name: rag-worker-secrets
  namespace: ml
type: Opaque
stringData:
  GOOGLE_API_KEY: "@@gk@@"
  HF_TOKEN: @@hft@@
  VECTOR_DB_URL: http://qdrant.ml.svc.cluster.local:6333
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: rag-worker
  namespace: ml
""", gk=gk, hft=hft), ("google_api_key", gk), ("huggingface_token", hft))

# en-25 chat: gcp service account json
sa, key = gcp_sa_json("inventory-sync-" + d(6))
b1 = key.split("\\n")[1]
em = sa.split('"client_email": "')[1].split('"')[0]
S("en", "chat", "is this the right file for GOOGLE_APPLICATION_CREDENTIALS? the cloud function keeps saying 'invalid_grant'\n\n" + sa +
  "\n\ndo I need to enable something on the project first?", ("gcp_credentials", b1), ("private_key", b1), ("email", em))

# en-26 NEG chat: ssh public key + pgp public key
S("en", "chat", f"""Can you add me to the bastion? Here's my public key:

ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{rnd(ALNUM + '+/', 43)} nadia@thinkpad-x1

and my PGP fingerprint for the release signing is {' '.join(rnd('0123456789ABCDEF', 4) for _ in range(10))}. Thanks!""")

# en-27 ticket: openssh private key pasted
k = openssh_key(); kb = pem_body1(k)
S("en", "ticket", "Deploy from Jenkins fails with 'Load key \"/var/lib/jenkins/.ssh/id_ed25519\": invalid format'. "
  "I regenerated it this morning, here is what's in the file now:\n\n" + k + "\n\nPermissions are 600, owner jenkins. Any idea?", ("private_key", kb))

# en-28 shell: curl with bearer JWT
jw = jwt({"sub": "svc-reporting", "scope": "reports:read", "iat": 1741000000 + R.randint(0, 99999), "exp": 1741090000})
S("en", "shell", f"""$ curl -s https://reports.internal.lumen-health.net/api/v2/exports?limit=50 \\
    -H "Authorization: Bearer {jw}" \\
    -H "Accept: application/json" | jq '.items[] | .id'
"exp_{d(6)}"
"exp_{d(6)}"
$ echo $?
0""", ("jwt", jw))

# en-29 NEG code_js: stripe publishable key + env ref
S("en", "code_js", f"""import {{ loadStripe }} from '@stripe/stripe-js';

// publishable key is safe to ship in the bundle
const stripePromise = loadStripe('{stripe('pk_live_')}');

export async function createCheckout(cartId) {{
  const res = await fetch('/api/checkout', {{
    method: 'POST',
    headers: {{ 'Content-Type': 'application/json' }},
    body: JSON.stringify({{ cartId }}),
  }});
  const {{ sessionId }} = await res.json();
  const stripe = await stripePromise;
  return stripe.redirectToCheckout({{ sessionId }});
}}
// server side uses process.env.STRIPE_SECRET_KEY, never commit it""")

# en-30 code_js server: restricted + secret stripe key
rk = stripe("rk_live_")
S("en", "code_js", T("""// scripts/backfill-refunds.js  (one-off, delete after running!!)
const Stripe = require('stripe');
const stripe = Stripe('@@rk@@', { apiVersion: '2024-06-20' });

(async () => {
  for await (const r of stripe.refunds.list({ limit: 100, created: { gte: 1735689600 } })) {
    console.log(r.id, r.amount, r.status);
  }
})();
""", rk=rk), ("stripe_key", rk))

# en-31 code_go: twilio
sid = "AC" + rnd(HEX, 32); at = rnd(HEX, 32); ph = us_phone(4)
S("en", "code_go", T('''package notify

import "github.com/twilio/twilio-go"

const (
	accountSID = "@@sid@@"
	authToken  = "@@at@@"
	fromNumber = "@@ph@@"
)

func NewClient() *twilio.RestClient {
	return twilio.NewRestClientWithParams(twilio.ClientParams{
		Username: accountSID,
		Password: authToken,
	})
}
''', sid=sid, at=at, ph=ph), ("saas_token", at), ("phone", ph))

# en-32 code_csharp: azure storage connection string
ak_ = azure_storage_key()
S("en", "code_csharp", T('''using Azure.Storage.Blobs;

public static class BlobFactory
{
    // TODO move to Key Vault before go-live
    private const string Conn =
        "DefaultEndpointsProtocol=https;AccountName=contosoinvoices;AccountKey=@@ak@@;EndpointSuffix=core.windows.net";

    public static BlobContainerClient Invoices() =>
        new BlobServiceClient(Conn).GetBlobContainerClient("invoices-2025");
}
''', ak=ak_), ("azure_key", ak_))

# en-33 config_properties: spring
pw1 = password(); pw2 = password_random(12); em = "noreply@tallyworks.io"; ip = ip_priv()
S("en", "config_properties", T("""# application-prod.properties
server.port=8443
spring.datasource.url=jdbc:postgresql://@@ip@@:5432/tally
spring.datasource.username=tally
spring.datasource.password=@@pw1@@
spring.jpa.hibernate.ddl-auto=validate
spring.mail.host=smtp.office365.com
spring.mail.port=587
spring.mail.username=@@em@@
spring.mail.password=@@pw2@@
spring.mail.properties.mail.smtp.starttls.enable=true
""", ip=ip, pw1=pw1, pw2=pw2, em=em), ("ip_address", ip), ("password", pw1), ("email", em), ("password", pw2))

# en-34 NEG chat: forgot password prose
S("en", "chat", "I got locked out of my Microsoft account after changing my password on my phone and now the laptop keeps asking "
  "for the old one. The reset email never arrives (checked spam). Is there a way to reset it with the authenticator app instead? "
  "I don't want to lose my OneDrive files.")

# en-35 chat: aadhaar + in phone, context after for aadhaar
aa2 = aadhaar(); aa = aadhaar(); aa_sp = f"{aa[:4]} {aa[4:8]} {aa[8:]}"; ph = in_phone(0)
S("en", "chat", f"{aa_sp} - this is my Aadhaar, and the KYC page keeps saying 'details mismatch'. Name on Aadhaar is 'Sunil Kumar Reddy' but on PAN it's 'Sunil K Reddy'. "
  f"The OTP goes to {ph} which is correct. My wife's ({aa2}) went through fine last week. Should I update Aadhaar or PAN?", ("in_aadhaar", aa_sp), ("phone", ph), ("in_aadhaar", aa2))

# en-36 chat: SG NRIC context after
nr = sg_nric(); nr2 = sg_nric(); ph = sg_phone()
S("en", "chat", f"need to fill in the tenancy form for my landlord. {nr} is my NRIC and my HP is {ph}. my co-tenant's NRIC is {nr2}. "
  "can you help me write the 'reason for moving' part in 2-3 sentences? moving closer to my new job in Jurong.", ("sg_nric", nr), ("phone", ph), ("sg_nric", nr2))

# en-37 ticket: Korean customer, RRN + phone
rrn = kr_rrn(); ph = kr_phone(0); rrn2c = kr_rrn(year=2016, gender=4).replace("-", "")
S("en", "ticket", f"""From: Ji-woo Park
Subject: Visa invitation letter - info you requested

Hello, for the invitation letter here is the information:
- Full name: PARK JI WOO
- Resident registration no.: {rrn}
- Mobile: {ph}
- Passport: issued Seoul, expires 2031
- Accompanying child: PARK SEO-AH, RRN {rrn2c}
Please let me know if the embassy needs anything else. Thank you!""", ("kr_rrn", rrn), ("phone", ph), ("kr_rrn", rrn2c))

# en-38 email: JP My Number for payroll
mn2 = jp_mynumber(); mn = jp_mynumber(); mn_w = f"{mn[:4]} {mn[4:8]} {mn[8:]}"; ph = jp_phone(1)
S("en", "email", f"""Hi Sato-san,

Following up on the year-end adjustment paperwork for the Tokyo office. Kenji's My Number is {mn_w}, and for his dependent spouse it is {mn2}; the copy of his card is in the locked cabinet, not in the shared drive.
For questions please call our office line {ph} (9:30-18:00 JST).

Best regards,
Emily Tran
HR Operations""", ("jp_mynumber", mn_w), ("jp_mynumber", mn2), ("phone", ph))

# en-39 csv: french staff, NIR + FR phones + FR IBANs
lines = ["nom;prenom;nir;telephone;iban"]
labs = []
for nm, pn in [("Lefebvre", "Julie"), ("Moreau", "Karim"), ("Garnier", "Anaïs")]:
    nir = fr_nir(); ph = fr_phone(R.choice([0, 2, 4])); ib = iban("FR")
    ib_w = iban_spaced(ib) if pn == "Karim" else ib
    lines.append(f"{nm};{pn};{nir};{ph};{ib_w}")
    labs += [("fr_nir", nir), ("phone", ph), ("iban", ib_w)]
S("en", "csv", "Exported from the old HR tool (semicolon separated, sorry). Columns are French because the tool was French:\n\n" + "\n".join(lines), *labs)

# en-40 html_form: spanish DNI + NIE
dn, ne = es_dni(), es_nie(); em = "m.ortiz.serrano@telefonica.net"
S("en", "html_form", T("""<form action="/checkin" method="post" class="guest-form">
  <fieldset>
    <legend>Guest 1</legend>
    <label>Full name <input name="g1_name" value="Marta Ortiz Serrano"></label>
    <label>ID type <select name="g1_idtype"><option selected>DNI</option><option>Passport</option></select></label>
    <label>ID number <input name="g1_id" value="@@dn@@"></label>
    <label>E-mail <input type="email" name="g1_email" value="@@em@@"></label>
  </fieldset>
  <fieldset>
    <legend>Guest 2</legend>
    <label>Full name <input name="g2_name" value="Andrei Popescu"></label>
    <label>ID type <select name="g2_idtype"><option selected>NIE</option></select></label>
    <label>ID number <input name="g2_id" value="@@ne@@"></label>
  </fieldset>
  <button type="submit">Check in</button>
</form>""", dn=dn, ne=ne, em=em), ("es_dni", dn), ("email", em), ("es_dni", ne))

# en-41 markdown: italian codice fiscale tenants
cf1, cf2 = it_cf(), it_cf(); ph = it_phone(1)
S("en", "markdown", f"""## Tenants - Via Solferino 14, int. 3

| Name | Codice fiscale | Phone | Lease start |
|---|---|---|---|
| Giulia Romano | {cf1} | {ph} | 2024-09-01 |
| Matteo Ferri | `{cf2}` | — | 2024-09-01 |

Deposit paid: € 2,400 (2 months). Registration with Agenzia delle Entrate done on 2024-09-20, protocol no. 24092012345678-000001.""",
  ("it_codice_fiscale", cf1), ("phone", ph), ("it_codice_fiscale", cf2))

# en-42 chat: NL BSN context after
bsn = nl_bsn(); bsn2 = nl_bsn()
S("en", "chat", f"Quick one: {bsn} — that's my BSN, and the Belastingdienst letter says I owe €312 for 2023. "
  f"I moved to Germany in March 2023 though. My partner (BSN {bsn2}) got the same letter. Do I file an M-form? Please explain like I'm five, Dutch tax letters scare me.", ("nl_bsn", bsn), ("nl_bsn", bsn2))

# en-43 log: nginx access with v4 + v6 clients
i1, i2, i3 = ip_pub(), ip6(), ip_pub()
S("en", "log", f"""{i1} - - [11/Mar/2025:07:12:03 +0000] "GET /api/v1/products?page=3 HTTP/2.0" 200 8812 "-" "Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X)" rt=0.041
{i2} - - [11/Mar/2025:07:12:04 +0000] "POST /api/v1/cart HTTP/2.0" 201 412 "https://shop.fjordline-outdoor.no/" "Mozilla/5.0 (Windows NT 10.0; Win64; x64)" rt=0.118
{i3} - - [11/Mar/2025:07:12:04 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.29" rt=0.001
127.0.0.1 - - [11/Mar/2025:07:12:05 +0000] "GET /nginx_status HTTP/1.1" 200 97 "-" "curl/8.5.0" rt=0.000""",
  ("ip_address", i1), ("ip_address", i2), ("ip_address", i3))

# en-44 llm_openai: tool call arguments (double-encoded json) with iban + email
ib = iban("NL"); em = "accounts@vanderberg-logistiek.nl"
args = json.dumps({"recipient_email": em, "amount_eur": 1840.5, "iban": ib, "reference": "INV-2025-0341"})
body = J({"model": "gpt-4o", "messages": [
    {"role": "user", "content": "Send the March invoice to Van der Berg, same bank details as last time."},
    {"role": "assistant", "content": None, "tool_calls": [{"id": "call_" + rnd(ALNUM, 24), "type": "function",
     "function": {"name": "send_invoice", "arguments": args}}]}],
    "tools": [{"type": "function", "function": {"name": "send_invoice", "parameters": {"type": "object"}}}]})
S("en", "llm_openai", body, ("email", em), ("iban", ib))

# en-45 NEG llm_openai: masked keys, asking about rotation
body = J({"model": "gpt-4o-mini", "messages": [{"role": "user", "content":
    "Our key sk-…a1b2 showed up in a screenshot someone posted (only first/last 4 visible). Is partial exposure a risk? "
    "We also see ghp_**** in an old CI log and xoxb-… in a Notion page. What's the rotation order you'd suggest?"}]})
S("en", "llm_openai", body)

# en-46 chat: telegram bot token
tg = telegram()
S("en", "chat", "why does my bot never answer in groups? works fine in DMs\n\n```python\nimport telebot\nbot = telebot.TeleBot(\"" + tg +
  "\")\n\n@bot.message_handler(commands=['start', 'help'])\ndef hi(m):\n    bot.reply_to(m, 'hey!')\n\nbot.infinity_polling()\n```", ("telegram_token", tg))

# en-47 config_env: other AI vendors + placeholder openai
g, r8 = groq(), replicate()
S("en", "config_env", T("""# local dev only
OPENAI_API_KEY=sk-your-key-here
GROQ_API_KEY=@@g@@
REPLICATE_API_TOKEN=@@r8@@
DEFAULT_MODEL=llama-3.3-70b-versatile
MAX_TOKENS=4096
""", g=g, r8=r8), ("ai_api_key", g), ("ai_api_key", r8))

# en-48 config_yaml: payment vendors nested
pp, mo = paypal_token(), mollie()
S("en", "config_yaml", T("""payments:
  default_provider: mollie
  mollie:
    api_key: @@mo@@
    webhook_url: https://shop.kleinbrot.de/hooks/mollie
  braintree:
    environment: production
    access_token: "@@pp@@"
  stripe:
    publishable_key: pk_live_...   # set in CI
""", mo=mo, pp=pp), ("payment_token", mo), ("payment_token", pp))

# en-49 NEG config_yaml: helm values with template refs
S("en", "config_yaml", """# templates/secret.yaml
apiVersion: v1
kind: Secret
metadata:
  name: {{ include "billing.fullname" . }}
type: Opaque
stringData:
  DB_PASSWORD: {{ .Values.postgres.password | quote }}
  STRIPE_SECRET_KEY: {{ required "stripe key missing" .Values.stripe.secretKey | quote }}
  JWT_SIGNING_KEY: {{ .Values.auth.signingKey | default (randAlphaNum 48) | quote }}
  SMTP_PASS: "${SMTP_PASS}"
""")

# en-50 config_json: nested, vendor named only by parent key
nt_, ln, gk2 = notion(), linear(), google_key()
S("en", "config_json", J({"name": "standup-bot", "schedule": "0 9 * * 1-5", "integrations": {
    "notion": {"token": nt_, "databaseId": rnd(HEX, 32)},
    "linear": {"apiKey": ln, "teamKey": "PLAT"},
    "googleMaps": {"key": gk2, "region": "EU"},
    "slack": {"channel": "#platform-standup", "token": "${SLACK_BOT_TOKEN}"}}}),
  ("saas_token", nt_), ("saas_token", ln), ("google_api_key", gk2))

# en-51 stack_trace python: mailgun key in frame locals
mg = mailgun(); em = "billing@quarry-labs.co.uk"
S("en", "stack_trace", T('''Traceback (most recent call last):
  File "/srv/app/jobs/send_receipts.py", line 88, in run
    resp = send_mail(to=row["email"], subject=subj, html=body)
  File "/srv/app/mail.py", line 31, in send_mail
    r.raise_for_status()
  File "/usr/local/lib/python3.12/site-packages/requests/models.py", line 1024, in raise_for_status
    raise HTTPError(http_error_msg, response=self)
requests.exceptions.HTTPError: 401 Client Error: UNAUTHORIZED for url: https://api.eu.mailgun.net/v3/mg.quarry-labs.co.uk/messages

Local variables in send_mail:
    api_key = '@@mg@@'
    domain  = 'mg.quarry-labs.co.uk'
    sender  = 'Quarry Labs <@@em@@>'
    to      = '<redacted>'
''', mg=mg, em=em), ("saas_token", mg), ("email", em))

# en-52 NEG config_json: package-lock SRI hashes
S("en", "config_json", J({"name": "web", "lockfileVersion": 3, "packages": {
    "node_modules/axios": {"version": "1.7.9", "resolved": "https://registry.npmjs.org/axios/-/axios-1.7.9.tgz", "integrity": sri()},
    "node_modules/zod": {"version": "3.24.1", "resolved": "https://registry.npmjs.org/zod/-/zod-3.24.1.tgz", "integrity": sri(), "license": "MIT"}}}))

# en-53 chat: leaked classic ghp token, context after
gh = github()
S("en", "chat", f"{gh} <- I pushed this in a commit to a public repo about 20 minutes ago 😬 I already force-pushed over it. "
  "Is that enough or do I still have to revoke it? It's a classic token with repo + workflow scope.", ("github_token", gh))

# en-54 shell: fine-grained PAT inline env
gp = github_pat()
S("en", "shell", f"""❯ GH_TOKEN={gp} gh release create v2.3.0 dist/*.tar.gz --notes-file CHANGELOG.md
https://github.com/hollowtree/ferrule/releases/tag/v2.3.0
❯ git tag -l | tail -3
v2.2.1
v2.2.2
v2.3.0""", ("github_token", gp))

# en-55 NEG chat: certificate (not a private key)
S("en", "chat", "the vendor sent this cert for mutual TLS, how do I check the expiry date?\n\n-----BEGIN CERTIFICATE-----\n" +
  "\n".join(rnd(ALNUM + "+/", 64) for _ in range(6)) + "\n" + rnd(ALNUM + "+/", 28) + "==\n-----END CERTIFICATE-----\n\nopenssl says 'unable to load certificate' when I pipe it though")

# en-56 config_compose: postgres password + redis url creds + env refs
pw1 = nodollar(password); pw2 = nodollar(password_random, 20)
S("en", "config_compose", T("""services:
  db:
    image: postgres:16-alpine
    environment:
      POSTGRES_USER: wiki
      POSTGRES_PASSWORD: "@@pw1@@"
      POSTGRES_DB: wiki
    volumes:
      - pgdata:/var/lib/postgresql/data
  app:
    image: ghcr.io/requarks/wiki:2
    environment:
      DB_TYPE: postgres
      DB_HOST: db
      DB_PASS: ${WIKI_DB_PASS}
      REDIS_URL: redis://default:@@pw2@@@cache:6379/1
    ports:
      - "3000:3000"
volumes:
  pgdata: {}
""", pw1=pw1, pw2=pw2), ("password", pw1), ("url_credentials", pw2))

# en-57 NEG chat: repair shop, IMEI (luhn-valid) + tracking
S("en", "chat", f"""Repair status update from the shop:
Device: Pixel 8, IMEI {imei()}
Ticket RMA-{d(8)}
Return shipment via UPS 1Z{rnd(string.ascii_uppercase + DIG, 16)}, ETA Wednesday.
They want me to confirm the serial {rnd(string.ascii_uppercase + DIG, 11)} matches the box. Where do I even find that on the phone?""")

# en-58 shell: internal API key header + keycloak client secret
gs1 = high_entropy(40); gs2 = high_entropy(32)
S("en", "shell", f"""# smoke test after deploy
curl -fsS -X POST https://pricing.int.harborline.io/v1/quote \\
  -H 'X-Api-Key: {gs1}' \\
  -H 'Content-Type: application/json' \\
  -d '{{"sku":"HL-2231","qty":4}}'

# get a service token from keycloak
curl -s https://sso.harborline.io/realms/ops/protocol/openid-connect/token \\
  -d grant_type=client_credentials -d client_id=pricing-smoke -d client_secret={gs2}""",
  ("generic_secret", gs1), ("generic_secret", gs2))

# en-59 NEG csv: bookstore ISBN/EAN
rows = "\n".join(f"{isbn13()},\"{t}\",{a},{p},{q}" for t, a, p, q in [
    ("The Overstory", "Richard Powers", "18.99", 3), ("Piranesi", "Susanna Clarke", "14.50", 7),
    ("Klara and the Sun", "Kazuo Ishiguro", "16.00", 2), ("Braiding Sweetgrass", "Robin Wall Kimmerer", "20.00", 5)])
S("en", "csv", "isbn,title,author,price_usd,on_hand\n" + rows + f"\n# gift card EAN {ean13('590')} excluded from inventory count")

# en-60 config_yaml: alertmanager with slack + discord webhooks
sw, dw = slack_webhook(), discord_webhook()
S("en", "config_yaml", T("""route:
  receiver: team-slack
  group_by: [alertname, cluster]
  routes:
    - matchers: [severity="critical"]
      receiver: gaming-discord
receivers:
  - name: team-slack
    slack_configs:
      - api_url: '@@sw@@'
        channel: '#alerts'
        send_resolved: true
  - name: gaming-discord
    discord_configs:
      - webhook_url: @@dw@@
""", sw=sw, dw=dw), ("slack_webhook", sw), ("discord_webhook", dw))

# en-61 NEG code_python: reads from env / getpass
S("en", "code_python", '''import os, getpass
import psycopg

def connect():
    pw = os.environ.get("PGPASSWORD") or getpass.getpass("Postgres password: ")
    return psycopg.connect(host=os.environ["PGHOST"], user="analytics", password=pw, dbname="warehouse")

if __name__ == "__main__":
    with connect() as conn:
        print(conn.execute("select count(*) from events").fetchone())
''')

# en-62 config_ini: ~/.aws/credentials
ak1, sk1, ak2, sk2 = aws_key_id(), aws_secret(), aws_key_id("ASIA"), aws_secret()
S("en", "config_ini", T("""[default]
aws_access_key_id = @@ak1@@
aws_secret_access_key = @@sk1@@
region = us-east-2

[sandbox]
aws_access_key_id=@@ak2@@
aws_secret_access_key=@@sk2@@
aws_session_token=IQoJb3JpZ2luX2VjE...truncated
""", ak1=ak1, sk1=sk1, ak2=ak2, sk2=sk2), ("aws_access_key", ak1), ("aws_secret_key", sk1), ("aws_access_key", ak2), ("aws_secret_key", sk2))

# en-63 NEG shell: passwords from files/env
S("en", "shell", """$ cat ~/.secrets/ghcr.txt | docker login ghcr.io -u mkessler --password-stdin
Login Succeeded
$ kubectl -n payments create secret generic db-creds --from-file=password=./db-pass.txt --dry-run=client -o yaml | kubectl apply -f -
secret/db-creds configured
$ export PGPASSWORD="$(pass show prod/pg/analytics)"
$ psql -h pg-analytics -U analytics -c '\\dt'""")

# en-64 log: auth log with email + v4 + v6
em = "t.nakamura@fernhill-accounting.com"; i1, i2 = ip_pub(), ip6()
S("en", "log", f"""2025-04-02T06:58:11Z auth INFO  login.success user={em} src={i1} mfa=totp ua="Outlook-iOS/2.0"
2025-04-02T06:58:40Z auth WARN  login.failure user={em} src={i2} reason=bad_password attempt=1
2025-04-02T06:58:52Z auth WARN  login.failure user={em} src={i2} reason=bad_password attempt=2
2025-04-02T06:59:03Z auth INFO  lockout.skip user={em} policy=5/15m""", ("email", em), ("ip_address", i1), ("ip_address", i2))

# en-65 NEG llm_gemini: hiking coordinates, times
body = J({"contents": [{"role": "user", "parts": [{"text": "Plan a day hike: start at 47.4211, 10.9863 (Garmisch), summit hut at 47.4083, 10.9521. "
    "Sunrise 06:14, sunset 19:52 on 2025-05-17. I walk ~4 km/h on flat, 400 m/h ascent. Total gain 1,180 m. When should I leave?"}]}]})
S("en", "llm_gemini", body)

# en-66 chat: wifi password + router model near-miss
pw = password()
S("en", "chat", f"For the cabin guest book page, write a friendly welcome note. Include: wifi network 'PineHollow-5G', password {pw} "
  "(router is a TP-Link Archer AX55 in the hallway closet if it needs a restart), checkout by 10am, trash goes to the bear-proof bins by the road.", ("password", pw))

# en-67 NEG llm_ollama: product codes that look like phones
body = J({"model": "qwen2.5:14b", "prompt": "Normalize these part numbers to our format (XXX-XXXX-XXX): 415 5550 132, 2125550198X, 030-1234-567, "
          "PN 0800 2233 44. Return a JSON array only.", "stream": False, "options": {"num_ctx": 8192}})
S("en", "llm_ollama", body)

# en-68 email: signature with several phone formats
p1, p2, p3 = us_phone(1), uk_phone(2), de_phone(8); em = "l.ferreira@northgate-freight.com"
S("en", "email", f"""Thanks Alicia, the revised quote is attached. Rates are valid until 30 April; fuel surcharge is indexed monthly.

Kind regards,
Lucas Ferreira
Key Account Manager, EMEA
Northgate Freight Ltd.
US desk: {p1} | London: {p2} | Frankfurt: {p3}
{em}
Company reg. no. 08123456 · VAT GB 123 4567 89""", ("phone", p1), ("phone", p2), ("phone", p3), ("email", em))

# en-69 NEG llm_anthropic: tool_result with commit SHAs + cursor
TID16 = rnd(ALNUM, 16)
body = J({"model": "claude-haiku-4-5", "max_tokens": 800, "messages": [
    {"role": "user", "content": "Which commits touched the retry logic last week?"},
    {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_01Abc" + TID16, "name": "git_log", "input": {"path": "src/retry.ts", "since": "7d"}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_01Abc" + TID16, "content": [{"type": "text", "text":
        f"{rnd(HEX, 40)} fix: cap exponential backoff at 30s\n{rnd(HEX, 40)} test: flaky retry spec\n{rnd(HEX, 7)} chore: bump p-retry to 6.2.1\n"
        "next_cursor: " + base64.b64encode(json.dumps({"offset": R.randint(20, 90), "ts": 1743465600}).encode()).decode()}]}]}]})
S("en", "llm_anthropic", body)

# en-70 chat: landlord IBAN GB grouped, context after
ib = iban_spaced(iban("GB"))
S("en", "chat", f"Can you make this sound less passive-aggressive? 'Hi Graham, as discussed the deposit should go back to {ib}, which is my own account "
  "and not the joint one. It has now been 41 days since I moved out. Please let me know by Friday.'", ("iban", ib))

# en-71 NEG spreadsheet: invoices with VAT/company numbers
S("en", "spreadsheet", f"""Invoice No\tDate\tClient\tCompany No\tVAT No\tNet\tVAT\tGross
INV-{d(5)}\t03/01/2025\tBramble & Finch Ltd\t{d(8)}\tGB{d(9)}\t£4,250.00\t£850.00\t£5,100.00
INV-{d(5)}\t10/01/2025\tOakridge Dental LLP\tOC{d(6)}\tGB{d(9)}\t£1,180.00\t£236.00\t£1,416.00
INV-{d(5)}\t24/01/2025\tKessler GmbH\tHRB {d(5)}\tDE{d(9)}\t£2,900.00\t£0.00\t£2,900.00""")

# en-72 NEG log: loopback, netmask, doc ranges, versions
S("en", "log", """Mar 19 22:04:01 edge01 systemd[1]: Starting WireGuard via wg-quick(8) for wg0...
Mar 19 22:04:01 edge01 wg-quick[812]: [#] ip -4 address add 192.0.2.17/24 dev wg0
Mar 19 22:04:01 edge01 wg-quick[812]: [#] ip route add 198.51.100.0/24 via 203.0.113.1 netmask 255.255.255.0
Mar 19 22:04:02 edge01 dnsmasq[904]: listening on 127.0.0.1#53 and ::1#53, bound 0.0.0.0:67
Mar 19 22:04:02 edge01 app[1020]: agent version 10.4.2.1 (build 2025.03.18.7) docs at https://[2001:db8::1]/help
Mar 19 22:04:03 edge01 systemd[1]: Started WireGuard via wg-quick(8) for wg0.""")

# en-73 NEG markdown: docs with placeholders + truncated jwt
S("en", "markdown", """### Authenticating

Every request needs a bearer token. Get one from the dashboard, then:

```bash
curl https://api.ledgerly.app/v1/accounts \\
  -H "Authorization: Bearer <your-api-key>"
```

The token is a JWT, so it starts with `eyJhbGciOi...` — don't paste it into issues. Keys look like `lk_live_xxxxxxxxxxxxxxxx`.
Rate limit: 600 req/min per key.""")

# en-74 ocr: rental application scan, SSN with spaces, DL number as near-miss
ssn2 = us_ssn(" "); ph = us_phone(0); em = "dmitri.k.volkov@yahoo.com"
S("en", "ocr", f"""RENTAL APPLICATION  -  Maple Court Apartments, Unit 3B
Applicant: Dmitri K. Volkov          Date of birth: 07/22/1991
Social Security No.: {ssn2}
Driver's License: IL D{d(3)}-{d(4)}-{d(4)}
Phone: {ph}        Email: {em}
Current employer: Lakeshore Physical Therapy  (since 2019)
Monthly income: $5,850      Pets: 1 cat
I authorize Maple Court to obtain my credit report.   Signature: D. Volkov""", ("us_ssn", ssn2), ("phone", ph), ("email", em))

# en-75 NEG html: base64 image + hex colours
S("en", "code_html", f"""<div class="badge" style="background:#1f6feb;color:#ffffff;border:1px solid #0d419d">
  <img alt="logo" width="16" height="16"
       src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQ{rnd(ALNUM + '+/', 120)}AAAAAElFTkSuQmCC">
  <span>v3.8.2</span>
</div>""")

# =====================================================================
# GERMAN (55)
# =====================================================================

# de-1 chat: Steuer-ID, context after
st = de_steuer_id()
st_w = f"{st[:2]} {st[2:5]} {st[5:8]} {st[8:]}"
S("de", "chat", f"{st_w} – das ist meine Steuer-ID, steht oben rechts auf dem Brief vom Bundeszentralamt. Mein Arbeitgeber sagt, "
  "er braucht die bis Monatsende, sonst werde ich in Steuerklasse 6 abgerechnet. Stimmt das wirklich?", ("de_steuer_id", st_w))

# de-2 email: Überweisung, IBAN gruppiert + BIC + Telefon + Mail
ib = iban_spaced(iban("DE")); ph = de_phone(6); em = "buchhaltung@schreinerei-lindner.de"
S("de", "email", f"""Betreff: Ihre Rechnung Nr. 2025-0117 – Zahlungsinformationen

Sehr geehrte Frau Yilmaz,

vielen Dank für Ihren Auftrag. Bitte überweisen Sie den Betrag von 1.842,60 € bis zum 28.03.2025 auf folgendes Konto:

Kontoinhaber: Schreinerei Lindner GmbH
IBAN: {ib}
BIC: COBADEFFXXX
Verwendungszweck: RE 2025-0117

Bei Rückfragen erreichen Sie uns unter {ph} oder per Mail an {em}.

Mit freundlichen Grüßen
Sabine Lindner""", ("iban", ib), ("phone", ph), ("email", em))

# de-3 spreadsheet: Excel-Paste Mitarbeiterliste
rows, labs = [], []
for nm in ["Krüger, Jana", "Özdemir, Emre", "Wagner, Lukas", "Nowak, Agnieszka"]:
    st = de_steuer_id(); ib = iban("DE"); ph = de_phone(R.choice([0, 3, 9]))
    rows.append(f"{nm}\t{R.randint(10000, 19999)}\t{st}\t{ib}\t{ph}\t{R.choice(['Vollzeit', 'Teilzeit 30h', 'Minijob'])}")
    labs += [("de_steuer_id", st), ("iban", ib), ("phone", ph)]
S("de", "spreadsheet", "Hier die Liste aus Excel für die Lohnabrechnung im April, bitte nur die Spalte Steuer-ID auf Plausibilität prüfen:\n\n"
  "Name\tPersonalnr.\tSteuer-ID\tIBAN\tMobil\tVertrag\n" + "\n".join(rows), *labs)

# de-4 ticket: Kreditkarte mit Bindestrichen + "endet auf" near-miss
c = fmt_card(card("mc"), "-")
S("de", "ticket", f"""Anfrage #{R.randint(50000, 59999)} – Doppelte Abbuchung

Hallo liebes Support-Team,
meine Bestellung vom 02.03. wurde zweimal abgebucht. Ich habe mit der Mastercard {c} bezahlt, auf dem Kontoauszug steht zweimal „PAYPRO*SHOP 49,90“.
Die alte Karte, die noch im Konto hinterlegt ist (endet auf {d(4)}), ist schon abgelaufen, bitte löschen.
Danke und Grüße
Frank Behrens""", ("card", c))

# de-5 config_yaml: sendgrid + mailchimp nur über Elternschlüssel
sg, mc = sendgrid(), mailchimp()
S("de", "config_yaml", T("""# Newsletter-Dienst – Konfiguration (Stand 03/2025)
mail:
  absender: "Verein Lauftreff Eichenau <info@lauftreff-eichenau.de>"
  sendgrid:
    api_key: "@@sg@@"
    template_willkommen: d-5f2c1a9e0b7d4c3e8f6a2b1c0d9e8f7a
  mailchimp:
    key: @@mc@@
    liste: Mitglieder 2025
""", sg=sg, mc=mc), ("email", "info@lauftreff-eichenau.de"), ("saas_token", sg), ("saas_token", mc))

# de-6 log: JDBC-URL mit password-Parameter + IP
ip = ip_priv(); pw = password()
S("de", "log", T("""Hier der Log von heute Nacht, der Import ist um 03:12 abgebrochen:

2025-03-21 03:12:07,411 ERROR [import-worker-2] de.kvb.import.JobRunner - Verbindung fehlgeschlagen: jdbc:postgresql://@@ip@@:5432/stammdaten?user=import&password=@@pw@@&ssl=true
org.postgresql.util.PSQLException: FATAL: Passwort-Authentifizierung für Benutzer »import« fehlgeschlagen
	at org.postgresql.core.v3.ConnectionFactoryImpl.doAuthentication(ConnectionFactoryImpl.java:693)
	at org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:203)
2025-03-21 03:12:07,415 INFO  [import-worker-2] de.kvb.import.JobRunner - Job 7781 beendet mit Status FAILED

Hat jemand am Wochenende das Passwort rotiert?""", ip=ip, pw=pw), ("ip_address", ip), ("password", pw))

# de-7 llm_openai: Bewerbungsanschreiben, Telefon + Mail
ph1, ph2 = de_phone(2), de_phone(10); em = "lea.hartmann94@web.de"
body = J({"model": "gpt-4o", "messages": [
    {"role": "system", "content": "Du bist ein Bewerbungscoach. Antworte auf Deutsch."},
    {"role": "user", "content": f"Kannst du mir ein Anschreiben für eine Stelle als Pflegefachkraft in Stuttgart schreiben? Meine Daten für den Briefkopf:\n"
     f"Lea Hartmann\nRotebühlstraße 88, 70178 Stuttgart\nMobil: {ph1}\nFestnetz: {ph2}\nE-Mail: {em}\n\n3 Jahre Erfahrung Intensivstation, Examen 2021."}]})
S("de", "llm_openai", body, ("phone", ph1), ("phone", ph2), ("email", em))

# de-8 llm_anthropic: tool_result mit Content-Blöcken, AT-IBAN + AT-Telefon
ib = iban("AT"); ph = at_phone(0); tid = "toolu_01" + rnd(ALNUM, 22)
body = J({"model": "claude-sonnet-4-5", "max_tokens": 1500, "system": "Du bist Sachbearbeiter:in bei einer Versicherung.", "messages": [
    {"role": "user", "content": "Bitte fasse die Schadensmeldung von Herrn Gruber zusammen und prüfe, ob die Bankverbindung vollständig ist."},
    {"role": "assistant", "content": [{"type": "tool_use", "id": tid, "name": "akte_laden", "input": {"aktenzeichen": "SCH-2025-" + d(5)}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tid, "content": [
        {"type": "text", "text": f"Versicherungsnehmer: Gruber, Stefan\nTelefon: {ph}\nSchaden: Wasserschaden Küche, 14.02.2025\nSchadenhöhe (geschätzt): EUR 3.870,00\nAuszahlung an IBAN {ib}"}]}]}]})
S("de", "llm_anthropic", body, ("phone", ph), ("iban", ib))

# de-9 llm_gemini: Steuererklärung, Steuer-ID + IBAN kompakt
st = de_steuer_id(); ib = iban("DE")
body = J({"contents": [{"role": "user", "parts": [{"text": f"Ich fülle gerade ELSTER aus. Identifikationsnummer {st}, Erstattung soll auf {ib}. "
    "Frage: Kann ich das Arbeitszimmer absetzen, wenn ich nur 2 Tage pro Woche im Homeoffice bin? Oder nur die Homeoffice-Pauschale?"}]}],
    "safetySettings": [{"category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_ONLY_HIGH"}]}, ascii_=True)
S("de", "llm_gemini", body, ("de_steuer_id", st), ("iban", ib))

# de-10 llm_ollama: Code-Review mit hartkodiertem Passwort + AWS-Keys
ak, sk = aws_key_id(), aws_secret(); pw = password_random(14)
code = f'import boto3, pymysql\n\ns3 = boto3.client("s3", aws_access_key_id="{ak}",\n                  aws_secret_access_key="{sk}")\n' \
       f'db = pymysql.connect(host="db-intern", user="report", password="{pw}", database="crm")\n'
body = J({"model": "codellama:13b", "messages": [{"role": "user", "content": "Mach bitte ein Code-Review, was ist hier schlecht?\n\n" + code}], "stream": True})
S("de", "llm_ollama", body, ("aws_access_key", ak), ("aws_secret_key", sk), ("password", pw))

# de-11 shell: sshpass
pw = password(); ip = ip_priv()
S("de", "shell", f"""# Backup vom NAS holen (TODO: auf Key umstellen!!)
sshpass -p '{pw}' rsync -avz -e ssh admin@{ip}:/volume1/fotos/ /mnt/backup/fotos/
sshpass -p '{pw}' ssh admin@{ip} 'df -h /volume1'
date >> ~/backup.log""", ("password", pw), ("ip_address", ip))

# de-12 chat: CH-IBAN kompakt, Kontext danach + CH-Telefon
ib = iban("CH"); ph = ch_phone(1)
S("de", "chat", f"Kannst du mir helfen, eine Nachricht an die Verwaltung zu formulieren? Die Nebenkostenrückzahlung soll auf {ib}, "
  f"das ist das Konto meiner Vermieterin, nicht meins – die haben das verwechselt. Rückruf bitte unter {ph}. Bitte freundlich, aber bestimmt.",
  ("iban", ib), ("phone", ph))

# de-13 config_env: deutsche Kommentare, HF + Anthropic + Mistral
hft, an, mi, oa2 = hf(), anthropic(), mistral(), openai_svc()
S("de", "config_env", T("""# Zugangsdaten für die Demo auf der Messe – NICHT committen
HF_TOKEN=@@hft@@
ANTHROPIC_API_KEY=@@an@@
MISTRAL_API_KEY=@@mi@@
OPENAI_API_KEY=@@oa2@@
# Modell für Übersetzungen
MODELL=mistral-large-latest
""", hft=hft, an=an, mi=mi, oa2=oa2), ("huggingface_token", hft), ("anthropic_key", an), ("ai_api_key", mi), ("openai_key", oa2))

# de-14 config_compose: MYSQL_ROOT_PASSWORD + ${VAR}
pw = nodollar(password_random, 18)
S("de", "config_compose", f"""# docker-compose.yml für Nextcloud bei uns im Büro
services:
  db:
    image: mariadb:11
    restart: always
    environment:
      - MYSQL_ROOT_PASSWORD={pw}
      - MYSQL_PASSWORD=${{NEXTCLOUD_DB_PASS}}
      - MYSQL_DATABASE=nextcloud
      - MYSQL_USER=nextcloud
  app:
    image: nextcloud:29-apache
    ports: ["8080:80"]
    depends_on: [db]""", ("password", pw))

# de-15 chat: WLAN-Passwort + FritzBox-Modell als near-miss
pw = password()
S("de", "chat", f"Hey, für die Party am Samstag: WLAN heißt „FRITZ!Box 7590 KL“, Passwort ist {pw}. Falls es hakt, einfach den Stecker "
  "ziehen, die Box steht im Flur unterm Schuhschrank. Kannst du mir daraus einen netten Aushang für die Küchentür machen? 😄", ("password", pw))

# de-16 ocr: Gehaltsabrechnung, Steuer-ID + IBAN, SV-Nr als near-miss
st = de_steuer_id(); ib = iban_spaced(iban("DE"))
S("de", "ocr", f"""Abrechnung der Brutto/Netto-Bezüge  für März 2025
Pers.-Nr. 004711        Eintritt 01.04.2019
Steuerklasse 1   Kinderfreibetr. 0,5   Konf. rk
Identifikationsnummer: {st}
SV-Nummer: 53 {d(6)} M {d(3)}
Krankenkasse: AOK Bayern
Gesamtbrutto ........... 4.215,00
Lohnsteuer ...............  612,41
Auszahlungsbetrag ...... 2.781,37
Überweisung an: {ib}   Sparkasse Fürstenfeldbruck""", ("de_steuer_id", st), ("iban", ib))

# de-17 config_properties: SMTP-Passwort + IP
pw = password(); ip = ip_priv(); em = "rechnungen@hausverwaltung-kern.de"
S("de", "config_properties", f"""# Mailversand Rechnungen
mail.smtp.host={ip}
mail.smtp.port=587
mail.smtp.auth=true
mail.smtp.user={em}
mail.smtp.password={pw}
# Absenderadresse
mail.from=Hausverwaltung Kern <{em}>""", ("ip_address", ip), ("email", em), ("password", pw))

# de-18 code_php: Telegram-Bot
tg = telegram()
S("de", "code_php", T("""<?php
// Benachrichtigung, wenn ein neues Kontaktformular reinkommt
$botToken = '@@tg@@';
$chatId   = getenv('TG_CHAT_ID');
$text     = "Neue Anfrage von " . htmlspecialchars($_POST['name'] ?? 'unbekannt');

file_get_contents("https://api.telegram.org/bot{$botToken}/sendMessage?" . http_build_query([
    'chat_id' => $chatId,
    'text'    => $text,
]));
""", tg=tg), ("telegram_token", tg))

# de-19 ticket: SEPA-Lastschrift, IBANs FR / BE / IT
i_fr, i_be, i_it = iban_spaced(iban("FR")), iban("BE"), iban_spaced(iban("IT"))
S("de", "ticket", f"""Ticket 88{d(4)} – Rücklastschriften Februar

Folgende drei Lastschriften kamen mit Rückgabegrund AC04 (Konto erloschen) zurück:
1) Mandat M-2024-0193, Dupont SARL, {i_fr}, 249,00 €
2) Mandat M-2024-0201, Verhaegen BV, {i_be}, 99,00 €
3) Mandat M-2023-0877, Rossi & Figli, {i_it}, 1.180,00 €
Bitte Kunden anschreiben und neue Bankverbindung anfordern. Gläubiger-ID bleibt DE98ZZZ09999999999.""",
  ("iban", i_fr), ("iban", i_be), ("iban", i_it))

# de-20 markdown: Kontaktliste Team DE/AT/CH
p_de, p_at, p_ch = de_phone(1), at_phone(2), ch_phone(3)
S("de", "markdown", f"""# Rufbereitschaft Q2

| Woche | Name | Standort | Telefon | E-Mail |
|------:|------|----------|---------|--------|
| 14–15 | Tobias Reuter | Köln | {p_de} | t.reuter@brandt-it.de |
| 16–17 | Verena Hofer | Wien | {p_at} | v.hofer@brandt-it.at |
| 18–19 | Reto Baumann | Bern | {p_ch} | r.baumann@brandt-it.ch |

Eskalation nach 15 Minuten ohne Reaktion an die Teamleitung.""",
  ("phone", p_de), ("email", "t.reuter@brandt-it.de"), ("phone", p_at), ("email", "v.hofer@brandt-it.at"), ("phone", p_ch), ("email", "r.baumann@brandt-it.ch"))

# de-21 config_terraform: Hetzner + Vault
hz = hetzner()
sa2, key2 = gcp_sa_json("workshop-test-" + d(4)); gb2 = key2.split("\\n")[1]
em2 = sa2.split('"client_email": "')[1].split('"')[0]
S("de", "config_terraform", T('''# Testumgebung – Token bitte nach dem Workshop widerrufen
provider "google" {
  project     = "workshop-test"
  credentials = <<EOT
@@sa2@@
EOT
}

provider "hcloud" {
  token = "@@hz@@"
}

''', hz=hz, sa2=sa2), ("gcp_credentials", gb2), ("private_key", gb2), ("email", em2), ("cloud_token", hz))

# de-22 config_json: stripe restricted key unter "stripe", pk als near-miss
rk = stripe("rk_live_")
S("de", "config_json", J({"shop": {"name": "Kaffeerösterei Brenner", "waehrung": "EUR"},
    "zahlung": {"stripe": {"publishable": stripe("pk_live_"), "secret": rk, "webhookPfad": "/api/stripe/webhook"},
                "paypal": {"modus": "live", "clientId": "${PAYPAL_CLIENT_ID}"}}}, indent=4), ("stripe_key", rk))

# de-23 log: fail2ban
i1, i2, i3 = ip_pub(), ip_pub(), ip6()
S("de", "log", f"""2025-03-30 04:11:52,118 fail2ban.filter  [611]: INFO    [sshd] Found {i1} - 2025-03-30 04:11:52
2025-03-30 04:11:55,402 fail2ban.filter  [611]: INFO    [sshd] Found {i1} - 2025-03-30 04:11:55
2025-03-30 04:11:58,007 fail2ban.actions [611]: NOTICE  [sshd] Ban {i1}
2025-03-30 04:20:13,551 fail2ban.filter  [611]: INFO    [postfix-sasl] Found {i2} - 2025-03-30 04:20:13
2025-03-30 04:31:40,990 fail2ban.actions [611]: NOTICE  [nginx-botsearch] Ban {i3}
2025-03-30 05:11:58,009 fail2ban.actions [611]: NOTICE  [sshd] Unban {i1}""",
  ("ip_address", i1), ("ip_address", i2), ("ip_address", i3))

# de-24 ticket: JWT läuft zu früh ab
jw = jwt({"sub": "kunde-" + d(5), "rolle": "haendler", "iat": 1742900000, "exp": 1742900300}, alg="HS256")
S("de", "ticket", f"""Hallo zusammen,
seit dem Update auf 4.2 fliegen unsere Händler nach genau 5 Minuten raus. Hier ein Token aus dem Browser (Local Storage → auth):

{jw}

Laut Doku sollte das 8 Stunden gelten. Ist das Absicht oder ein Bug? Betrifft alle Filialen.
Gruß, Melanie (IT Autohaus Seidel)""", ("jwt", jw))

# de-25 chat: Azure-Client-Secret, Tenant-ID (UUID) als near-miss
cs = azure_client_secret()
S("de", "chat", f"""Ich bekomme bei MSAL immer AADSTS7000215 „Invalid client secret provided“. Config sieht so aus:

tenantId: {uuid4()}
clientId: {uuid4()}
clientSecret: {cs}

Ich hab das Secret gestern im Portal neu angelegt und direkt den „Wert“ kopiert, nicht die Secret-ID. Was übersehe ich?""", ("azure_key", cs))

# de-26 config: .npmrc + gem credentials
nt = npm(); rg = rubygems(); gl2 = gitlab()
S("de", "config_ini", T("""# ~/.npmrc  (Build-Server, Benutzer jenkins)
@firma:registry=https://gitlab.firma.de/api/v4/projects/412/packages/npm/
//gitlab.firma.de/api/v4/projects/412/packages/npm/:_authToken=@@gl2@@
//registry.npmjs.org/:_authToken=@@nt@@
save-exact=true

# ~/.gem/credentials
---
:rubygems_api_key: @@rg@@
""", nt=nt, rg=rg, gl2=gl2), ("gitlab_token", gl2), ("npm_token", nt), ("package_registry_token", rg))

# de-27 shell: Slack-Webhook im Bash-Skript
sw = slack_webhook(); xp = slack_user()
S("de", "shell", f"""#!/usr/bin/env bash
# meldet fehlgeschlagene Nacht-Backups in #it-betrieb
set -euo pipefail
HOOK="{sw}"
SLACK_TOKEN="{xp}"   # für files.upload (Log anhängen)
if ! restic -r /mnt/nas/restic check --read-data-subset=5%; then
  curl -s -X POST -H 'Content-type: application/json' \\
    --data "{{\\"text\\":\\"Backup-Check auf $(hostname) fehlgeschlagen :x:\\"}}" "$HOOK"
  curl -s -F file=@/var/log/restic-check.log -F channels=it-betrieb -H "Authorization: Bearer $SLACK_TOKEN" https://slack.com/api/files.upload
fi""", ("slack_webhook", sw), ("slack_token", xp))

# de-28 chat: EC-Private-Key
k = pem("ec"); kb = pem_body1(k)
S("de", "chat", "Ist das das richtige Format für den Apple-Push-Key? Der Server meckert „invalid key“:\n\n" + k +
  "\n\nIch hab ihn aus der .p8-Datei kopiert und in die Umgebungsvariable gepackt, Zeilenumbrüche durch \\n ersetzt.", ("private_key", kb))

# de-29 config_env: JWT_SECRET + Verschlüsselungsschlüssel
g1 = high_entropy(48, ALNUM + "-_"); g2 = rnd(HEX, 64)
S("de", "config_env", f"""# Backend Produktion
PORT=3000
JWT_SECRET={g1}
JWT_ABLAUF=8h
# AES-256 Schlüssel für Kundendokumente (hex, 32 Byte)
DOKUMENTE_SCHLUESSEL={g2}
UPLOAD_MAX_MB=25""", ("generic_secret", g1), ("generic_secret", g2))

# de-30 chat: Discord-Webhook, Gaming-Clan
dw = discord_webhook(); dt2 = discord_token()
S("de", "chat", f"kannst du mir ein kleines python script schreiben das jeden abend um 20 uhr in unseren clan-channel postet wer heute raid hat? "
  f"webhook ist {dw} – die namen stehen in einer raid.csv mit spalten name;tag. "
  f"oder lieber über unseren bot? der token wäre {dt2}", ("discord_webhook", dw), ("discord_token", dt2))

# ---------------- German hard negatives ----------------

# de-31 NEG email: Passwortrichtlinie
S("de", "email", """Betreff: Neue Passwortrichtlinie ab 1. Mai

Liebe Kolleginnen und Kollegen,

ab dem 1. Mai gelten neue Regeln: Passwörter müssen mindestens 14 Zeichen lang sein, dürfen keine Namen oder Geburtsdaten enthalten
und werden nicht mehr alle 90 Tage erzwungen geändert – nur noch bei Verdacht auf Kompromittierung. Bitte nutzt den Passwortmanager
(KeePassXC) und aktiviert die Zwei-Faktor-Anmeldung. Passwörter niemals per Mail oder Teams verschicken!

Viele Grüße
Eure IT""")

# de-32 NEG ocr: Rechnung mit USt-IdNr., HRB, Kundennummer
S("de", "ocr", f"""Elektro Sommer GmbH · Industriestr. 12 · 86159 Augsburg
RECHNUNG Nr. {d(4)}/25            Datum: 14.03.2025
Kundennr.: {d(6)}       Auftrag: A-{d(5)}
Pos. Menge Bezeichnung                         Einzel      Gesamt
1    3     FI-Schutzschalter 40A 30mA           48,90      146,70
2    1     Arbeitszeit Geselle (Std.)           68,00       68,00
Netto 214,70   USt 19 % 40,79   Brutto 255,49 EUR
USt-IdNr.: DE{d(9)}   Amtsgericht Augsburg HRB {d(5)}
Zahlbar ohne Abzug innerhalb 14 Tagen. Bankverbindung siehe Rückseite.""")

# de-33 NEG chat: Sendungsverfolgung
S("de", "chat", f"Mein Paket hängt seit Dienstag im Paketzentrum Aschheim. Sendungsnummer {d(20)}, die Retourennummer ist "
  f"RT{d(9)}DE. Lohnt es sich, bei DHL anzurufen, oder soll ich einfach noch zwei Tage warten? Lieferadresse PLZ 81675.")

# de-34 NEG config_env: .env.example mit Platzhaltern
S("de", "config_env", """# Vorlage – kopieren nach .env und ausfüllen
DATENBANK_URL=postgres://benutzer:passwort@localhost:5432/app
API_SCHLUESSEL=dein-api-key-hier
SMTP_PASSWORT=changeme
STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx
GITHUB_TOKEN=ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
""")

# de-35 NEG config_gha: Secrets-Referenzen
S("de", "config_gha", """# Deployment auf den Webserver – Zugangsdaten liegen als Repository-Secrets
name: Deploy
on: { push: { branches: [main] } }
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Per SFTP hochladen
        uses: wlixcc/SFTP-Deploy-Action@v1.2.4
        with:
          server: ${{ secrets.SFTP_HOST }}
          username: ${{ secrets.SFTP_USER }}
          password: ${{ secrets.SFTP_PASSWORT }}
          local_path: ./dist/*
          remote_path: /var/www/html
""")

# de-36 NEG ocr: Kontoauszug mit maskierter Karte + maskierter IBAN
S("de", "ocr", f"""Kontoauszug 03/2025   Seite 1 von 2
Konto: {fmt_iban_masked(iban('DE'))}
Datum   Vorgang                                   Betrag
03.03.  Kartenzahlung **** **** **** {d(4)} REWE 4411      -42,17
05.03.  Gehalt März                                   +2.781,37
07.03.  Lastschrift Stadtwerke Ref. {d(11)}          -96,00
Kontostand am 31.03.2025: 3.118,04 EUR""")

# de-37 NEG log: App-Log mit UUIDs, Build, Zeitstempel
S("de", "log", f"""2025-04-07 08:00:01.004 INFO  Starte Synchronisation (Lauf {uuid4()})
2025-04-07 08:00:01.120 INFO  Version 3.12.0-rc.2+build.{R.randint(1000, 9999)}, Commit {rnd(HEX, 8)}
2025-04-07 08:00:04.877 WARN  Artikel 4006381333931 ohne Preis übersprungen
2025-04-07 08:00:09.310 INFO  {R.randint(1000, 5000)} Datensätze übertragen, Dauer 8,3 s
2025-04-07 08:00:09.311 INFO  Nächster Lauf 2025-04-07T09:00:00+02:00""")

# de-38 NEG code_sql: argon2-Hashes
S("de", "code_sql", f"""-- Testbenutzer anlegen (Klartext-Passwörter NICHT hier ablegen, stehen im Tresor)
INSERT INTO benutzer (login, pw_hash, rolle) VALUES
 ('pruefer1', '{argon2()}', 'pruefer'),
 ('pruefer2', '{argon2()}', 'pruefer');
SELECT login, length(pw_hash) AS hash_laenge FROM benutzer WHERE rolle = 'pruefer';""")

# de-39 NEG chat: Passwort vergessen
S("de", "chat", "Ich habe mein Passwort für das Online-Banking vergessen und nach drei Versuchen ist der Zugang gesperrt. "
  "Die Bank will mir einen neuen PIN-Brief schicken, das dauert aber eine Woche. Gibt es einen schnelleren Weg? Ich muss Freitag die Miete überweisen.")

# de-40 NEG code_python: Passwort aus Umgebung
S("de", "code_python", '''import os
from sqlalchemy import create_engine

# Passwort kommt aus dem Vault-Agent, nie hart kodieren
PASSWORT = os.getenv("DB_PASSWORT")
if not PASSWORT:
    raise SystemExit("DB_PASSWORT fehlt – bitte Umgebung prüfen")

engine = create_engine(f"postgresql+psycopg://lager:{PASSWORT}@db-lager:5432/lager")
''')

# de-41 NEG ocr: Lieferschein mit EAN, Artikelnummern, PLZ
S("de", "ocr", f"""LIEFERSCHEIN  LS-{d(7)}
Empfänger: Gärtnerei Wolf, Am Anger 3, 91541 Rothenburg
Pos  Art.-Nr.      EAN              Bezeichnung             Menge
1    0815-220      {ean13('400')}    Blumenerde 40 l          12
2    0815-318      {ean13('401')}    Tonkübel Ø 30 cm          6
3    7731-004      {ean13('402')}    Gießkanne 10 l grün       2
Gewicht: 512,4 kg   Paletten: 1   Fahrer: Tour 17""")

# de-42 NEG llm_ollama: Rezept
body = J({"model": "mistral:7b", "prompt": "Rechne das Rezept von 4 auf 10 Personen hoch: 500 g Spätzle, 250 g Bergkäse, 3 Zwiebeln, 40 g Butter, "
          "Backofen 180 °C, 15 min. Bitte Mengen runden.", "stream": False})
S("de", "llm_ollama", body)

# de-43 NEG llm_openai: sha256/Git-Hashes erklären
body = J({"model": "gpt-4o-mini", "messages": [{"role": "user", "content":
    f"Warum unterscheidet sich die Prüfsumme? Download-Seite sagt sha256 {rnd(HEX, 64)}, bei mir kommt {rnd(HEX, 64)} raus. "
    f"Und was ist der Unterschied zu dem Commit-Hash {rnd(HEX, 40)}?"}]})
S("de", "llm_openai", body)

# de-44 NEG llm_gemini: Zugverbindung
body = J({"contents": [{"role": "user", "parts": [{"text": "ICE 597 ab München Hbf 07:16 Gleis 21, an Berlin 11:19. Anschluss RE 3 Richtung Stralsund 11:34 Gleis 13. "
    "Reicht das Umsteigen bei +9 Minuten Verspätung? Wagen 26, Platz 61."}]}]})
S("de", "llm_gemini", body)

# de-45 NEG llm_anthropic: Wetter-Tool
tid = "toolu_01" + rnd(ALNUM, 22)
body = J({"model": "claude-haiku-4-5", "max_tokens": 500, "messages": [
    {"role": "user", "content": "Regnet es morgen in Freiburg?"},
    {"role": "assistant", "content": [{"type": "tool_use", "id": tid, "name": "wetter", "input": {"ort": "Freiburg im Breisgau", "lat": 47.999, "lon": 7.842}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tid, "content":
        json.dumps({"datum": "2025-04-12", "niederschlag_mm": 3.4, "wahrscheinlichkeit": 0.72, "temp_max": 14.1, "aktualisiert": "2025-04-11T18:00:00Z", "station": "10803"})}]}]})
S("de", "llm_anthropic", body)

# de-46 NEG html_form: Platzhalter
S("de", "html_form", """<form id="sepa" method="post">
  <label for="iban">IBAN</label>
  <input id="iban" name="iban" placeholder="DE00 0000 0000 0000 0000 00" pattern="[A-Z]{2}[0-9 ]{18,30}" required>
  <label for="tel">Telefon</label>
  <input id="tel" type="tel" name="telefon" placeholder="+49 …">
  <label for="mail">E-Mail</label>
  <input id="mail" type="email" name="email" placeholder="name@domain.de">
  <label><input type="checkbox" name="mandat" required> Ich erteile das SEPA-Lastschriftmandat.</label>
  <button>Weiter</button>
</form>""")

# de-47 NEG spreadsheet: Inventarliste mit IMEI, Seriennr., MAC
S("de", "spreadsheet", "Inventar Außendienst (aus Excel kopiert)\n\nGerät\tSeriennr.\tIMEI\tMAC\tAusgegeben am\n" + "\n".join(
    f"{g}\t{rnd(string.ascii_uppercase + DIG, 12)}\t{imei()}\t{':'.join(rnd(HEX, 2) for _ in range(6))}\t{dt}"
    for g, dt in [("iPhone 15", "02.01.2025"), ("Galaxy A55", "15.01.2025"), ("iPad 10", "03.02.2025")]))

# de-48 NEG shell: Passwörter aus Tresor/Dateien
S("de", "shell", """$ read -rs -p "Passwort für Restic: " RESTIC_PASSWORD && export RESTIC_PASSWORD
$ vault kv get -field=passwort secret/nas/admin > /dev/null && echo ok
ok
$ openssl rand -base64 32 | gpg --encrypt -r it@firma > neuer-schluessel.gpg
$ op read "op://Betrieb/SMTP/password" | wc -c
25""")

# de-49 NEG stack_trace: Java, Versionen und OIDs
S("de", "stack_trace", """Exception in thread "main" java.security.cert.CertificateException: Nicht unterstützter Algorithmus OID 1.2.840.113549.1.1.10
	at sun.security.x509.AlgorithmId.get(AlgorithmId.java:463)
	at de.gematik.ti.konnektor.TlsSetup.init(TlsSetup.java:88)
	at de.gematik.ti.konnektor.Main.main(Main.java:21)
Laufzeit: OpenJDK 17.0.10+7, BouncyCastle 1.78.1, Konnektor-Firmware 5.50.4""")

# de-50 NEG email: Zahlungsbestätigung mit letzten vier Ziffern
S("de", "email", f"""Betreff: Zahlungsbestätigung Ihrer Buchung

Hallo Herr Brandt,
wir haben Ihre Zahlung über 318,00 € erhalten. Belastet wurde Ihre Visa-Karte mit den Endziffern {d(4)}.
Vorgangsnummer: {d(3)}-{d(7)}-{d(4)}
Buchungscode: {rnd(string.ascii_uppercase, 6)}
Ihr Team von Ferienhaus Ostseeblick""")

# de-51 NEG config_ini: configparser-Interpolation + Umgebungsvariablen
S("de", "config_ini", """[datenbank]
host = db01.intern
benutzer = auswertung
passwort = %(DB_PASSWORT)s
url = postgresql://%(benutzer)s:%(passwort)s@%(host)s/statistik

[smtp]
passwort = ${SMTP_PASSWORT}
""")

# de-52 NEG chat: Artikelnummern, die wie Telefonnummern aussehen
S("de", "chat", "Welche Ersatzteilnummer passt zu meiner Bosch-Spülmaschine? Typenschild: E-Nr. SMV4HTX31E/40, FD 0105. "
  "Im Forum steht Artikel 00611475, bei einem anderen Händler 0611-475-00. Ist das dasselbe Teil?")

# de-53 NEG markdown: API-Doku mit Platzhaltern, maskierter Key
S("de", "markdown", """## Schnellstart

1. Im Kundenportal unter *Einstellungen → API* einen Schlüssel erzeugen.
2. Schlüssel als Umgebungsvariable setzen: `export KUNDENAPI_TOKEN=<dein-token>`
3. Testaufruf:

```bash
curl -H "Authorization: Bearer $KUNDENAPI_TOKEN" https://api.beispiel-shop.de/v1/bestellungen
```

Im Portal wird der Schlüssel danach nur noch gekürzt angezeigt, z. B. `sk-…9f3c`.""")

# de-54 NEG stack_trace: Python, Prüfsummenfehler
S("de", "stack_trace", f"""Traceback (most recent call last):
  File "/opt/aktualisierer/update.py", line 57, in <module>
    pruefe(datei, erwartet)
  File "/opt/aktualisierer/update.py", line 23, in pruefe
    raise ValueError(f"Prüfsumme stimmt nicht: {{ist}} != {{soll}}")
ValueError: Prüfsumme stimmt nicht: {rnd(HEX, 64)} != {rnd(HEX, 64)}""")

# de-55 NEG chat: Terminvorschläge, Zeiten, Preise
S("de", "chat", "Formuliere bitte eine kurze Antwort an den Handwerker: Termin am 24.04. zwischen 7:30 und 9:00 passt, Kostenvoranschlag "
  "über 1.240,00 € inkl. MwSt. ist ok, Anfahrtspauschale 35 € auch. Zugang über den Hof, Klingel „Weber 2. OG“.")

write_corpus(OUT, sys.argv[1])

if __name__ == "__main__":
    import collections
    print(len(OUT), collections.Counter(x["lang"] for x in OUT))
    print("neg", collections.Counter(x["lang"] for x in OUT if not x["labels"]))
    print(collections.Counter(x["kind"] for x in OUT))
    tc = collections.Counter(l["type"] for x in OUT for l in x["labels"])
    print(sorted(tc.items()))
