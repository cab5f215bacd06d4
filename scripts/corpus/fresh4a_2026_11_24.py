"""Fresh set 4a (2026-11-24): written by a helper who read only fakegen.py, never the rules,
after the fixes made from fresh set 3; scored once before any further fix (docs/detection.md,
"Fresh set 3"). Values are generated (fake): see fakegen.py.
Usage: python3 fresh4a_2026_11_24.py OUT.jsonl
"""
import sys, json, string
import os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *

seed(4101)
OUT = []
S = sample_adder(OUT, "f4a")
DG = "0123456789"


def d(n):
    return rnd(DG, n)


def us_phone():
    return f"({R.randint(201, 989)}) {R.randint(201, 989)}-{d(4)}"


def us_phone_dots():
    return f"{R.randint(201, 989)}.{R.randint(201, 989)}.{d(4)}"


def uk_mobile():
    return f"+44 7{R.randint(400, 999)} {d(6)}"


def jp_mobile(sep="-"):
    return f"0{R.choice('789')}0{sep}{R.randint(1000, 9999)}{sep}{d(4)}"


def jp_land():
    return f"03-{R.randint(3000, 6999)}-{d(4)}"


def jp_e164():
    return f"+81 {R.choice('789')}0-{R.randint(1000, 9999)}-{d(4)}"


def ip_priv():
    k = R.choice([10, 172, 192])
    if k == 10:
        return f"10.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(2, 254)}"
    if k == 172:
        return f"172.{R.randint(16, 31)}.{R.randint(0, 255)}.{R.randint(2, 254)}"
    return f"192.168.{R.randint(0, 255)}.{R.randint(2, 254)}"


def ip_pub():
    return f"{R.choice([34, 35, 52, 54, 18, 13, 104, 151, 185, 91, 133, 153])}.{R.randint(1, 254)}.{R.randint(0, 255)}.{R.randint(2, 254)}"


def ipv6():
    return "2a01:4f8:" + ":".join(rnd(HEX, 4).lstrip("0") or "0" for _ in range(2)) + "::" + rnd(HEX, 3).lstrip("0") + "1"


def body_line(k):
    return k.splitlines()[1]


def imei():
    return luhn_number(15)


def uuid4():
    h = rnd(HEX, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"


def bcrypt():
    return "$2b$12$" + rnd(ALNUM + "./", 53)


def iban_fmt(v):
    return iban_spaced(v)

# ====================== ENGLISH ======================
# 1 CSV HR export with several id columns
rows = []
labs = []
for name, mail in [("Priya Raman", "p.raman"), ("Tom Whitfield", "twhitfield"), ("Ana Ortiz", "ana.ortiz")]:
    s = us_ssn(); ph = us_phone(); e = mail + "@harlowbuilders.com"
    rows.append(f'{d(5)},"{name}",{e},{s},"{ph}",2024-0{R.randint(1,9)}-1{R.randint(0,9)}')
    labs += [("email", e), ("us_ssn", s), ("phone", ph)]
S("en", "csv", "emp_id,full_name,work_email,ssn,phone,start_date\n" + "\n".join(rows) + "\n", *labs)

# 2 negative: CSV of orders with luhn-valid IMEIs and tracking numbers
rows = [f"ORD-{d(7)},{imei()},1Z{rnd(string.ascii_uppercase+DG,16)},\"$\" {R.randint(100,999)}.{d(2)},2025-11-{R.randint(10,28)}" for _ in range(3)]
S("en", "csv", "order_no,device_imei,ups_tracking,total,shipped\n" + "\n".join(rows).replace('"$" ', "$"))

# 3 Markdown table of contractors (UK NINO, IBAN GB)
n1, n2 = uk_nino(), uk_nino(); ib1 = iban("GB"); ib2 = iban("GB"); ib2s = iban_fmt(ib2)
S("en", "markdown", f"""| Contractor | NI number | Payout IBAN | Rate |
|---|---|---|---|
| Gareth Lloyd | {n1} | {ib1} | £450/day |
| Siobhan Keane | {n2[:2]} {n2[2:4]} {n2[4:6]} {n2[6:8]} {n2[8]} | {ib2s} | £520/day |
| (placeholder row) | QQ123456C | GB00 XXXX 0000 0000 0000 00 | — |
""", ("uk_nino", n1), ("uk_nino", f"{n2[:2]} {n2[2:4]} {n2[4:6]} {n2[6:8]} {n2[8]}"), ("iban", ib1), ("iban", ib2s))

# 4 OpenAI messages, tool call args contain a card, tool result has masked card
c = card("visa"); cf = fmt_card(c, "-")
S("en", "llm_openai", json.dumps({"model": "gpt-4o-mini", "messages": [
    {"role": "system", "content": "You are BillingBot for Larkspur Hotels. Never echo full card numbers."},
    {"role": "user", "content": f"pls update my card on file to {cf} exp 09/28, the old one got stolen"},
    {"role": "assistant", "tool_calls": [{"id": "call_8sd7", "type": "function", "function": {"name": "update_payment_method", "arguments": json.dumps({"guest_id": "G-"+d(6), "pan": c, "exp": "09/28"})}}]},
    {"role": "tool", "tool_call_id": "call_8sd7", "content": "{\"status\":\"ok\",\"masked\":\"**** **** **** " + c[-4:] + "\"}"}]}, indent=1),
  ("card", cf), ("card", c))

# 5 Anthropic tool_result with env dump containing AWS keys + a template ref
ak = aws_key_id(); sk = aws_secret()
S("en", "llm_anthropic", json.dumps({"model": "claude-sonnet-4-5", "max_tokens": 1024, "messages": [
    {"role": "user", "content": [{"type": "text", "text": "why does the deploy job fail? here is the printenv output"}]},
    {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_01Fq", "name": "run_shell", "input": {"cmd": "printenv | grep -i aws"}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_01Fq", "content": f"AWS_ACCESS_KEY_ID={ak}\nAWS_SECRET_ACCESS_KEY={sk}\nAWS_DEFAULT_REGION=eu-west-2\nAWS_SESSION_TOKEN=${{AWS_SESSION_TOKEN}}"}]}]}, indent=1),
  ("aws_access_key", ak), ("aws_secret_key", sk))

# 6 negative: docs of AWS with example keys
S("en", "markdown", """### Configure credentials
Run `aws configure` and paste your keys when prompted:

```
AWS Access Key ID [None]: AKIAIOSFODNN7EXAMPLE
AWS Secret Access Key [None]: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
Default region name [None]: us-west-2
```
Never commit the real values; use `${{ secrets.AWS_SECRET_ACCESS_KEY }}` in workflows.""")

# 7 long nginx/app log line with many fields incl. IPs, email, jwt
ip1, ip2 = ip_pub(), ip_priv(); jw = jwt({"sub": "u_"+d(5), "role": "analyst", "iat": 1763901234}); em = "d.okonkwo@fernhill.io"
S("en", "log", f'{ip1} - - [24/Nov/2025:09:14:07 +0000] "POST /api/v2/reports?cursor=eyJvZmZzZXQiOjQwfQ HTTP/1.1" 201 812 "-" "Mozilla/5.0 (X11; Linux x86_64)" upstream={ip2}:8080 rt=0.184 req_id={uuid4()} user={em} auth="Bearer {jw}" build=2025.11.3-rc2',
  ("ip_address", ip1), ("ip_address", ip2), ("email", em), ("jwt", jw))

# 8 negative: log with loopback, doc ranges, sha, uuid
S("en", "log", f"2025-11-24T10:02:11.551Z INFO  healthcheck ok peer=127.0.0.1:5432 fallback=203.0.113.17 mask=255.255.255.0 commit={rnd(HEX,40)} trace={uuid4()} image=sha256:{rnd(HEX,64)} latency_ms=12")

# 9 chat with typos, password in prose
pw = password()
S("en", "chat", f"hey can u log into the shared vendor portal for me? usr is finance-ops and pw is {pw} ... dont tell Karen i sent it over slack lol", ("password", pw))

# 10 negative: password policy prose
S("en", "chat", "reminder from IT: new passwords must be at least 14 characters, include a symbol, and can't reuse your last 5. If you forgot yours, use the reset link — never send it in chat. changeme / Password123 style defaults will be rejected.")

# 11 .env with several vendor keys and a placeholder
sg = sendgrid(); st = stripe("sk_live_"); pk = stripe("pk_live_"); oa = openai_proj(); dbu = password_random(16)
S("en", "config_env", f"""# prod .env — DO NOT COMMIT
NODE_ENV=production
DATABASE_URL=postgres://app_rw:{dbu}@db-prod.internal:5432/shop
STRIPE_SECRET_KEY={st}
STRIPE_PUBLISHABLE_KEY={pk}
SENDGRID_API_KEY={sg}
OPENAI_API_KEY={oa}
SENTRY_DSN=
MAPBOX_TOKEN=<your-mapbox-token>
""", ("url_credentials", dbu), ("stripe_key", st), ("saas_token", sg), ("openai_key", oa))

# 12 negative: .env.example
S("en", "config_env", """# copy to .env and fill in
STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx
OPENAI_API_KEY=sk-...
DATABASE_URL=postgres://user:password@localhost:5432/dev
GITHUB_TOKEN=ghp_****************************
JWT_SECRET=${JWT_SECRET}
""")

# 13 GitHub Actions with a hardcoded token (bad) and a secret reference
gh = github("ghp_"); npmt = npm()
S("en", "config_gha", f"""name: release
on: [push]
jobs:
  publish:
    runs-on: ubuntu-latest
    env:
      GH_TOKEN: {gh}
      NPM_TOKEN: ${{{{ secrets.NPM_TOKEN }}}}
    steps:
      - uses: actions/checkout@v4
      - run: echo "//registry.npmjs.org/:_authToken={npmt}" > ~/.npmrc
      - run: npm publish --access public
""", ("github_token", gh), ("npm_token", npmt))

# 14 medical intake form OCR-ish
ssn = us_ssn(" "); ph = us_phone_dots(); em = "rosa.delgado71@gmail.com"
S("en", "ocr", f"""ST. BRENDAN MEDICAL GROUP - PATIENT INTAKE
Name: DELGADO, Rosa M.     DOB: 03/17/1971     MRN: 00{d(6)}
SSN: {ssn}     Insurance ID: BCX{d(9)}  Group #: {d(6)}
Home ph: {ph}    Email: {em}
Allergies: penicillin, latex
Emergency contact: Luis Delgado (husband) same #
Policy holder signature: __________  Date: 11/20/2025""", ("us_ssn", ssn), ("phone", ph), ("email", em))

# 15 negative: lab results with numbers
S("en", "ocr", f"""LAB REPORT  Accession: A{d(8)}  Collected: 2025-11-19 07:42
HbA1c 6.1 %   (ref 4.0-5.6)
LDL 131 mg/dL  HDL 48 mg/dL
Specimen barcode 4006381333931   Lot 22-0817-B
Ordering NPI 1{d(9)}   Page 1 of 2""")

# 16 Terraform with azure client secret & storage key
acs = azure_client_secret(); ask = azure_storage_key()
S("en", "config_terraform", f'''provider "azurerm" {{
  features {{}}
  subscription_id = "{uuid4()}"
  tenant_id       = "{uuid4()}"
  client_id       = "{uuid4()}"
  client_secret   = "{acs}"
}}

resource "azurerm_storage_account_key" "legacy" {{
  # TODO move to key vault
  primary_access_key = "{ask}"
}}''', ("azure_key", acs), ("azure_key", ask))

# 17 Python code with Slack bot token and webhook
sb = slack_bot(); wh = slack_webhook()
S("en", "code_python", f'''import os
from slack_sdk import WebClient

client = WebClient(token="{sb}")  # FIXME: read from env
ALERT_HOOK = "{wh}"

def notify(msg):
    requests.post(ALERT_HOOK, json={{"text": msg}}, timeout=5)
''', ("slack_token", sb), ("slack_webhook", wh))

# 18 negative: Python code reading from env
S("en", "code_python", '''import os
SLACK_TOKEN = os.environ["SLACK_BOT_TOKEN"]
DB_PASSWORD = os.getenv("DB_PASSWORD", "")
conn = psycopg2.connect(host="db", user="app", password=DB_PASSWORD)
webhook = settings.SLACK_WEBHOOK_URL  # e.g. https://hooks.slack.com/services/T000/B000/XXXX
''')

# 19 support ticket with IBAN DE + Steuer-ID (expat)
ib = iban("DE"); ibs = iban_fmt(ib); sid = de_steuer_id(); em = "m.hartmann@posteo.de"
S("en", "ticket", f"""Ticket #48213 — Payroll change request
From: {em}
Hi team, I moved to the Berlin office last month. Please pay my salary to IBAN {ibs}. My German tax ID (Steueridentifikationsnummer) is {sid}, I think you need it for the Lohnsteuer. Company reg. HRB 184522 B is on the contract.
Thanks, Markus""", ("email", em), ("iban", ibs), ("de_steuer_id", sid))

# 20 negative: invoice text
S("en", "email", f"""Subject: Invoice INV-2025-{d(5)} from Brightline Supplies

Dear customer,
Your invoice of $1,284.50 is attached. PO number 4500{d(6)}, VAT reg GB{d(9)}.
Pay via the portal; card ending 4242 will be charged on 12/01/2025.
Tracking: 9400 1{d(3)} {d(4)} {d(4)} {d(4)} {d(2)}
Regards, Accounts Receivable""")

# 21 shell history
pw1 = password_random(12); ip = ip_priv(); ght = gitlab()
S("en", "shell", f"""  501  ssh deploy@{ip}
  502  mysql -h {ip} -u root -p'{pw1}' inventory
  503  export GITLAB_TOKEN={ght}
  504  curl --header "PRIVATE-TOKEN: $GITLAB_TOKEN" https://gitlab.example.org/api/v4/projects
  505  history | tail
""", ("ip_address", ip), ("ip_address", ip), ("password", pw1), ("gitlab_token", ght))

# 22 negative: shell reading from files/env
S("en", "shell", """$ docker login -u ci-bot --password-stdin < ~/.docker/token
$ psql "postgresql://app@db:5432/app?sslmode=require"   # password from ~/.pgpass
$ export API_KEY=$(vault kv get -field=key secret/api)
$ kubectl create secret generic db --from-file=password=./db.pass""")

# 23 Gemini body with values in parts, function response
hft = hf(); em = "l.nakamura@quantleaf.ai"
S("en", "llm_gemini", json.dumps({"contents": [
    {"role": "user", "parts": [{"text": f"The model download keeps 401ing. my token is {hft} — is it scoped wrong?"}]},
    {"role": "model", "parts": [{"functionCall": {"name": "lookup_account", "args": {"email": em}}}]},
    {"role": "user", "parts": [{"functionResponse": {"name": "lookup_account", "response": {"plan": "pro", "org": "quantleaf", "created": "2024-02-11T08:00:00Z"}}}]}]}, indent=1),
  ("huggingface_token", hft), ("email", em))

# 24 Kubernetes secret stringData
pgpw = password(); jsec = high_entropy(48)
S("en", "config_k8s", f"""apiVersion: v1
kind: Secret
metadata:
  name: api-secrets
  namespace: payments
type: Opaque
stringData:
  POSTGRES_PASSWORD: "{pgpw}"
  JWT_SIGNING_SECRET: {jsec}
  REDIS_URL: redis://redis-master:6379/0
""", ("password", pgpw), ("generic_secret", jsec))

# 25 negative: helm values templated
S("en", "config_k8s", """env:
  - name: POSTGRES_PASSWORD
    valueFrom:
      secretKeyRef: {name: pg, key: password}
  - name: API_KEY
    value: {{ .Values.api.key | quote }}
  - name: BUILD
    value: "1.24.7+build.5521"
""")

# 26 spreadsheet pasted with tabs (finance, cards)
c1, c2 = card("amex"), card("mc"); c1f = fmt_card(c1); c2f = fmt_card(c2, "")
S("en", "spreadsheet", f"""Cardholder\tDept\tCorporate card\tLimit\tCost centre
J. Fairbanks\tSales\t{c1f}\t$15,000\tCC-4410
M. Chu\tR&D\t{c2f}\t$8,000\tCC-5120
K. Osei\tOps\t(pending)\t$5,000\tCC-3300
""", ("card", c1f), ("card", c2f))

# 27 Java code with JDBC url credentials and datadog key
dbp = password_random(14); dd = rnd(HEX, 32)
S("en", "code_java", f'''public class ReportConfig {{
    static final String JDBC = "jdbc:mysql://reporter:{dbp}@10.20.4.31:3306/reports";
    static final String DD_API_KEY = "{dd}";
    static final String VERSION = "3.14.2";
}}''', ("url_credentials", dbp), ("ip_address", "10.20.4.31"), ("saas_token", dd))

# 28 negative: hashes, SRI, public key
S("en", "code_html", f'''<script src="https://cdn.jsdelivr.net/npm/chart.js@4.4.0/dist/chart.umd.min.js"
  integrity="sha384-{rnd(ALNUM+"+/",64)}" crossorigin="anonymous"></script>
<!-- user hash: {bcrypt()} -->
<meta name="theme-color" content="#1f6feb">''')

# 29 HTML form with prefilled values
em = "harold.pike@outlook.com"; ph = "+1 " + us_phone()[1:4] + " " + us_phone()[6:]; ss = us_ssn("")
S("en", "html_form", f'''<form action="/apply" method="post">
  <input name="email" value="{em}">
  <input name="phone" type="tel" value="{ph}">
  <input name="ssn" value="{ss}" autocomplete="off">
  <input name="zip" value="60614">
  <input type="hidden" name="csrf" value="{uuid4()}">
</form>''', ("email", em), ("phone", ph), ("us_ssn", ss))

# 30 negative: HTML form with placeholders
S("en", "html_form", '''<label>Card number <input name="cc" placeholder="1234 5678 9012 3456"></label>
<label>SSN <input name="ssn" placeholder="XXX-XX-XXXX"></label>
<label>Password <input type="password" name="pw" minlength="12"></label>
<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==">''')

# 31 PEM private key in a chat paste (ticket)
k = pem("ec"); bl = body_line(k)
S("en", "ticket", f"""Hi support, our TLS handshake fails after renewal. Here's the key we loaded, maybe it's the wrong one?

{k}

cert serial 4F:2A:91:0C:77, issued by R11. thanks — Dev at Oakridge""", ("private_key", bl))

# 32 negative: certificate + ssh public key
S("en", "ticket", f"""Attaching our public material only:
ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{rnd(ALNUM+"+/",43)} ops@bastion
-----BEGIN CERTIFICATE-----
MIIBkTCB+wIJAL{rnd(ALNUM+"+/",50)}
{rnd(ALNUM+"+/",64)}
-----END CERTIFICATE-----
Fingerprint SHA256:{rnd(ALNUM+"+/",43)}""")

# 33 GCP service account pasted into an LLM request (ollama)
sa, key = gcp_sa_json("ledger-prod-3319"); gl = key.split("\\n")[1]; sae = "ci-deployer@ledger-prod-3319.iam.gserviceaccount.com"
S("en", "llm_ollama", json.dumps({"model": "llama3.1:8b", "stream": False, "messages": [
    {"role": "user", "content": "convert this to a k8s secret yaml:\n" + sa}]}),
  ("gcp_credentials", gl), ("private_key", gl), ("email", sae))

# 34 Go code with anthropic key and telegram token
an = anthropic(); tg = telegram()
S("en", "code_go", f'''package main

const (
	anthropicKey = "{an}"
	tgBotToken   = "{tg}"
	pollInterval = 30 // seconds
)

func main() {{
	bot := tg.New(tgBotToken)
	llm := claude.NewClient(anthropicKey)
	run(bot, llm)
}}''', ("anthropic_key", an), ("telegram_token", tg))

# 35 Discord webhook + token in a chat
dw = discord_webhook(); dt = discord_token()
S("en", "chat", f"ok so the raid bot is {dt} and announcements go to {dw}, pls don't leak it this time lmao", ("discord_token", dt), ("discord_webhook", dw))

# 36 negative: masked/truncated tokens in an audit log
S("en", "log", """[audit] 2025-11-23 18:40:02 token rotated: ghp_****************************abcd by @rkim
[audit] 2025-11-23 18:41:10 openai key sk-…a1b2 revoked (reason: leaked in PR #3120)
[audit] 2025-11-23 18:45:55 stripe key sk_live_…9xQ2 rolled; new key stored in vault path kv/stripe/live
[audit] 2025-11-23 18:46:00 xoxb-<redacted> disabled""")

# 37 Spreadsheet with international IDs (global mobility team)
fn = fr_nir(); dn = es_dni(); ni = es_nie(); cf = it_cf(); bs = nl_bsn(); sg = sg_nric(); ad = aadhaar(); ads = f"{ad[:4]} {ad[4:8]} {ad[8:]}"
S("en", "spreadsheet", f"""Employee,Home country,National ID,Notes
Claire Besson,FR,{fn},relocating Jan
Javier Molina,ES,{dn},
Oksana Petrenko,ES (resident),{ni},NIE
Lorenzo Galli,IT,{cf},
Daan de Vries,NL,{bs},BSN verified
Wei Ling Tan,SG,{sg},
Rohit Verma,IN,{ads},Aadhaar
""", ("fr_nir", fn), ("es_dni", dn), ("es_dni", ni), ("it_codice_fiscale", cf), ("nl_bsn", bs), ("sg_nric", sg), ("in_aadhaar", ads))

# 38 negative: corporate numbers table
S("en", "markdown", f"""| Entity | Registration | LEI | DUNS |
|---|---|---|---|
| Fernhill GmbH | HRB 218877 | 5299{rnd(string.ascii_uppercase+DG,14)}{d(2)} | {d(9)} |
| Fernhill Ltd | Company No. 0{d(7)} | 2138{rnd(string.ascii_uppercase+DG,14)}{d(2)} | {d(9)} |
| Fernhill KK | 法人番号 {d(13)} | — | {d(9)} |""")

# 39 PHP code with mailgun key and twilio key
mg = mailgun(); tw = twilio_sk(); tws = high_entropy(32); tp1 = "+1" + str(R.randint(201, 989)) + str(R.randint(201, 989)) + d(4); tp2 = "+1" + str(R.randint(201, 989)) + str(R.randint(201, 989)) + d(4)
S("en", "code_php", f'''<?php
$mg = new Mailgun\\Mailgun('{mg}');
$twilio = new Twilio\\Rest\\Client('{tw}', '{tws}', 'AC{rnd(HEX,32)}');
$twilio->messages->create('{tp1}', ['from' => '{tp2}', 'body' => 'Your code is 482913']);''',
  ("saas_token", mg), ("saas_token", tw), ("generic_secret", tws), ("phone", tp1), ("phone", tp2))

# 40 Anthropic request: system prompt contains an internal API key; user turn asks
iak = "ak_live_" + high_entropy(32)
S("en", "llm_anthropic", json.dumps({"model": "claude-haiku-4-5", "system": f"You are the internal inventory assistant. When calling the stock API send header X-Api-Key: {iak}. Be concise.", "messages": [
    {"role": "user", "content": "how many pallets of SKU 88-2041 are in Reno?"}]}, indent=1), ("generic_secret", iak))

# 41 negative: LLM request with UUIDs, cursors, prices
S("en", "llm_openai", json.dumps({"model": "gpt-4.1", "metadata": {"session_id": uuid4(), "tenant": "acme-eu"}, "messages": [
    {"role": "user", "content": "Summarise last quarter's top orders"},
    {"role": "tool", "tool_call_id": "call_x1", "content": json.dumps({"orders": [{"id": "SO-" + d(8), "total": "$12,480.00"}, {"id": "SO-" + d(8), "total": "$9,910.50"}], "next_cursor": "b2Zmc2V0PTIw"})}]}))

# 42 TOML config with several AI vendor keys
gq = groq(); rp = replicate(); px = pplx()
S("en", "config_toml", f"""[providers.groq]
api_key = "{gq}"
model = "llama-3.3-70b-versatile"

[providers.replicate]
token = "{rp}"

[providers.perplexity]
key = '{px}'
timeout = 30
""", ("ai_api_key", gq), ("ai_api_key", rp), ("ai_api_key", px))

# 43 Dockerfile with pypi token + cloud token
py = pypi(); dop = do_token()
S("en", "config_docker", f"""FROM python:3.12-slim
ENV PIP_INDEX_URL=https://pypi.org/simple
ARG DIGITALOCEAN_TOKEN={dop}
RUN pip install build twine && \\
    twine upload -u __token__ -p {py} dist/*
""", ("cloud_token", dop), ("package_registry_token", py))

# 44 negative: Dockerfile with build args only
S("en", "config_docker", """FROM node:20-alpine AS build
ARG NPM_TOKEN
RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc
LABEL org.opencontainers.image.revision="9f2c1e7b4a0d3c5e8f1a2b3c4d5e6f708192a3b4"
EXPOSE 8080""")

# 45 email with phone numbers UK and IBAN, plus a near-miss (fake example IBAN)
ph1 = uk_mobile(); ib = iban("NL"); em = "accounts@tidewaterfoods.co.uk"
S("en", "email", f"""From: {em}
To: treasury@company.com
Subject: new supplier bank details

Hello,
Please update our remittance account to {ib} (ING). Our old account ending 4471 is closing 30 Nov.
If anything's unclear ring me on {ph1}. Note the example on our website (NL91 ABNA 0417 1643 00) is just a sample.
Kind regards,
Helen Marsh, Finance Manager""", ("email", em), ("iban", ib), ("phone", ph1))

# 46 C# code with a JWT and connection string password
jw = jwt(); sqlpw = password()
S("en", "code_csharp", f'''var conn = "Server=tcp:sql-ledger.database.windows.net,1433;Database=ledger;User ID=svc_ledger;Password={sqlpw};Encrypt=True;";
var http = new HttpClient();
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "{jw}");''', ("password", sqlpw), ("jwt", jw))

# 47 negative: stack trace with versions and line numbers
S("en", "stacktrace", """Exception in thread "main" java.lang.IllegalStateException: Missing property 'db.password'
	at com.acme.cfg.Loader.require(Loader.java:118)
	at com.acme.cfg.Loader.load(Loader.java:64)
	at com.acme.App.main(App.java:22)
Caused by: java.util.NoSuchElementException: No value present for key ${DB_PASSWORD}
	... 3 more
JVM 21.0.5+11-LTS, build 2025-10-14T16:21:03Z""")

# 48 stack trace that leaks a url credential and an IP
rpw = password_random(18); ip = ip_priv()
S("en", "stacktrace", f"""Traceback (most recent call last):
  File "/srv/app/worker.py", line 41, in <module>
    r = redis.from_url(os.environ["REDIS_URL"])
  File "/usr/lib/python3.11/site-packages/redis/utils.py", line 36, in from_url
redis.exceptions.ConnectionError: Error 111 connecting to redis://default:{rpw}@{ip}:6379/2. Connection refused.""",
  ("url_credentials", rpw), ("ip_address", ip))

# 49 Ruby code with shopify and notion tokens
sh = shopify(); nt = notion()
S("en", "code_ruby", f'''ShopifyAPI::Context.setup(api_key: "a1f0c3", api_secret_key: ENV["SHOPIFY_SECRET"], scope: "read_orders")
session = ShopifyAPI::Auth::Session.new(shop: "pinecone-outdoor.myshopify.com", access_token: "{sh}")
NOTION = Notion::Client.new(token: '{nt}')''', ("saas_token", sh), ("saas_token", nt))

# 50 negative: chat about rotating keys, no values
S("en", "chat", "fyi I rotated the Stripe restricted key and the Shopify admin token this morning. new ones are in 1Password under 'Prod / Commerce'. if your local .env still has the old ones just pull from the vault — don't paste them here pls")

# 51 SQL insert with personal data
ssn1 = us_ssn(); em1 = "bjenkins@millbrookcu.org"; c = card("disc"); ph = us_phone()
S("en", "code_sql", f"""INSERT INTO members (member_no, name, ssn, email, phone, card_pan, opened)
VALUES (100{d(5)}, 'Brenda Jenkins', '{ssn1}', '{em1}', '{ph}', '{c}', '2019-06-03');
-- ZIP 46204, branch 017""", ("us_ssn", ssn1), ("email", em1), ("phone", ph), ("card", c))

# 52 negative: SQL with hashed passwords
S("en", "code_sql", f"""UPDATE users SET password_hash = '{bcrypt()}', updated_at = '2025-11-22 14:03:55'
WHERE id = '{uuid4()}';
-- argon2 for admins: $argon2id$v=19$m=65536,t=3,p=4${rnd(ALNUM+"+/",22)}${rnd(ALNUM+"+/",43)}""")

# 53 INI with vault, linear, postman tokens
vt = vault(); ln = linear(); pm = postman()
S("en", "config_ini", f"""[vault]
addr = https://vault.corp.local:8200
token = {vt}

[integrations]
linear_api_key={ln}
postman_key = {pm}
""", ("cloud_token", vt), ("saas_token", ln), ("saas_token", pm))

# 54 properties file with square token, payment
sq = square(); mpw = password()
S("en", "config_properties", f"""payments.provider=square
square.access.token={sq}
square.environment=production
spring.mail.username=orders@bakery-co.com
spring.mail.password={mpw}
server.port=8443""", ("payment_token", sq), ("password", mpw), ("email", "orders@bakery-co.com"))

# 55 negative: properties with placeholders/policy
S("en", "config_properties", """spring.datasource.password=${SPRING_DATASOURCE_PASSWORD}
security.password.min-length=12
security.password.require-symbol=true
app.api.key=<set-me>
jwt.expiration=3600""")

# 56 TSV payroll with IBAN spaced and ssn
ib1 = iban("FR"); ib2 = iban("ES"); b1 = iban_fmt(ib1); em2 = "payroll@lumenstudio.fr"
S("en", "tsv", f"""name\tiban\tbic\tnet_eur
Camille Roux\t{b1}\tBNPAFRPPXXX\t3,412.08
Marta Gil\t{ib2}\tCAIXESBBXXX\t2,980.55
# questions: {em2}""", ("iban", b1), ("iban", ib2), ("email", em2))

# 57 negative: coordinates, timestamps, version numbers, hex colours in JSON
S("en", "json", json.dumps({"site": "Depot 7", "lat": 41.878113, "lon": -87.629799, "ts": 1763912345, "fw": "4.2.19-b1182", "color": "#3fa9f5", "oid": "1.3.6.1.4.1.311.21.8", "isbn": "978-0-306-40615-7"}))

# 58 chat with typo'd label and aadhaar + phone (India)
ad = aadhaar(); adh = f"{ad[:4]}-{ad[4:8]}-{ad[8:]}"; ph = f"+91 {R.choice('6789')}{d(4)} {d(5)}"
S("en", "chat", f"bhai my adhar no is {adh}, mob {ph}. kyc form keeps saying invalid, can u check??", ("in_aadhaar", adh), ("phone", ph))

# 59 IPv6 in firewall rules
i6 = ipv6(); ip4 = ip_pub()
S("en", "config_yaml", f"""allowlist:
  - cidr: {ip4}/32   # office NAT
  - cidr: {i6}/128   # monitoring node fsn1
  - cidr: 2001:db8::/32  # docs example, remove
  - cidr: 0.0.0.0/0  # TEMP!!""", ("ip_address", ip4), ("ip_address", i6))

# 60 negative: git log / Luhn-valid invoice number
S("en", "shell", f"""$ git log --oneline -3
{rnd(HEX,7)} fix: retry on 429 (#812)
{rnd(HEX,7)} chore(deps): bump axios from 1.7.7 to 1.7.9
{rnd(HEX,7)} feat: invoice {luhn_number(16)} export to CSV
$ sha256sum release.tar.gz
{rnd(HEX,64)}  release.tar.gz""")

# ====================== JAPANESE ======================
# 61 HR ledger CSV with My Number, phone, email
rows = []; labs = []
for nm, em in [("佐藤 健一", "k.sato"), ("高橋 美咲", "misaki.takahashi"), ("伊藤 翔", "s-ito")]:
    mn = jp_mynumber(); ph = jp_mobile(); e = em + "@kitamura-shoji.co.jp"
    rows.append(f"{nm},{mn},{ph},{e},総務部")
    labs += [("jp_mynumber", mn), ("phone", ph), ("email", e)]
S("ja", "csv", "氏名,個人番号,携帯電話,メール,所属\n" + "\n".join(rows), *labs)

# 62 chat with particle glued to value
mn = jp_mynumber(); mns = f"{mn[:4]} {mn[4:8]} {mn[8:]}"
S("ja", "chat", f"お疲れさまです。年末調整の件、私のマイナンバーは{mns}です。扶養の欄は空欄で大丈夫でしょうか？", ("jp_mynumber", mns))

# 63 negative: chat about My Number procedure, no number
S("ja", "chat", "マイナンバーカードのコピーは表面だけ提出してください。裏面の12桁の番号は書類に書かないように、とのことです。提出期限は12月5日(金)です。")

# 64 email with bank transfer info (Japanese account isn't a type) + phone + email
ph = jp_land(); em = "keiri@aoba-design.jp"
S("ja", "email", f"""件名：お振込先変更のお知らせ

株式会社ミナト御中

いつもお世話になっております。青葉デザイン経理の中村です。
振込先口座を下記に変更いたしましたのでご連絡いたします。
　みずほ銀行 渋谷支店 普通 1234567 カ）アオバデザイン
ご不明点は{ph}（平日10時〜18時）または{em}までお願いいたします。""", ("phone", ph), ("email", em))

# 65 negative: order confirmation email
S("ja", "email", f"""【ご注文確認】注文番号：{d(3)}-{d(7)}-{d(7)}
お支払い方法：クレジットカード（末尾 1234）
お届け予定日：2025年11月28日
配送伝票番号：{d(4)}-{d(4)}-{d(4)}
商品コード：4901234567894（JAN）
合計金額：¥12,800（税込）""")

# 66 OpenAI body: Japanese user, tool result with customer record (card, phone)
c = card("jcb"); cs = fmt_card(c); ph = jp_mobile(""); em = "yuki.mori88@docomo.ne.jp"
S("ja", "llm_openai", json.dumps({"model": "gpt-4o", "messages": [
    {"role": "system", "content": "あなたはECサイトのサポート担当です。"},
    {"role": "user", "content": "森さんの登録情報を確認して、カードの有効期限切れを案内して"},
    {"role": "assistant", "tool_calls": [{"id": "call_a1", "type": "function", "function": {"name": "get_customer", "arguments": "{\"customer_id\":\"C-" + d(7) + "\"}"}}]},
    {"role": "tool", "tool_call_id": "call_a1", "content": json.dumps({"氏名": "森 由紀", "電話": ph, "メール": em, "カード": cs, "有効期限": "10/25"}, ensure_ascii=False)}]}, ensure_ascii=False, indent=1),
  ("phone", ph), ("email", em), ("card", cs))

# 67 Anthropic body: tool_use input with kr_rrn (Korean employee at JP subsidiary)
rr = kr_rrn(); rr2 = kr_rrn()
S("ja", "llm_anthropic", json.dumps({"model": "claude-sonnet-4-5", "max_tokens": 800, "messages": [
    {"role": "user", "content": [{"type": "text", "text": "ソウル支社から出向の2名、住民登録番号を人事システムに登録して"}]},
    {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_9", "name": "hr_register", "input": {"employees": [{"name": "김민준", "rrn": rr}, {"name": "이서연", "rrn": rr2}]}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_9", "content": "登録完了: 2件"}]}]}, ensure_ascii=False, indent=1),
  ("kr_rrn", rr), ("kr_rrn", rr2))

# 68 Gemini body with api key in user text and function args
gk = google_key(); gk2 = google_key()
S("ja", "llm_gemini", json.dumps({"contents": [
    {"role": "user", "parts": [{"text": f"Maps APIが403になります。キーは{gk}で、リファラ制限はかけてません。"}]},
    {"role": "model", "parts": [{"functionCall": {"name": "check_key", "args": {"key": gk2, "service": "places"}}}]}]}, ensure_ascii=False, indent=1),
  ("google_api_key", gk), ("google_api_key", gk2))

# 69 negative: Gemini request, generic content
S("ja", "llm_gemini", json.dumps({"contents": [{"role": "user", "parts": [{"text": "このSQLのインデックス設計をレビューして: CREATE INDEX idx_orders_created ON orders(created_at);"}]}], "generationConfig": {"temperature": 0.2, "maxOutputTokens": 2048}}, ensure_ascii=False))

# 70 server log (Japanese comments) with IPs and user email
ip1 = ip_pub(); ip2 = ip_priv(); em = "tanaka.h@hinode-net.co.jp"
S("ja", "log", f"2025-11-24 09:31:44,218 WARN [auth] ログイン失敗 user={em} src={ip1} via={ip2} reason=パスワード不一致 count=3 ua=\"Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X)\" session={uuid4()}",
  ("email", em), ("ip_address", ip1), ("ip_address", ip2))

# 71 negative: log with loopback/doc/version
S("ja", "log", "2025-11-24 09:32:00 INFO 起動完了 listen=0.0.0.0:8080 db=127.0.0.1:5432 バージョン=v3.8.1 ビルド番号=20251124.4 応答時間=14ms 192.0.2.44 からのテスト通信を無視")

# 72 medical questionnaire OCR
mn = jp_mynumber(); ph = jp_mobile()
S("ja", "ocr", f"""問 診 票　　　　　　　　記入日 令和7年11月21日
氏名（フリガナ）　ヤマダ　ハナコ　　生年月日 昭和58年4月2日
保険者番号 06{d(6)}　記号 ７２　番号 {d(4)}
個人番号：{mn}
連絡先：{ph}
既往歴：□高血圧 ☑喘息 □糖尿病
現在服用中の薬：ロイコトリエン拮抗薬""", ("jp_mynumber", mn), ("phone", ph))

# 73 negative: medical OCR without identifiers
S("ja", "ocr", """検査結果報告書　受付番号 25-118203
ＡＳＴ　２８　Ｕ／Ｌ　（基準値１３－３０）
ＡＬＴ　３５　Ｕ／Ｌ　Ｈ
γ-GTP　61　U/L　H
次回予約：12月9日 10:30　　担当医：小林""")

# 74 .env with Japanese comments: openai legacy, stripe restricted, line style
ol = openai_legacy(); rk = stripe("rk_live_")
S("ja", "config_env", f"""# 本番用（共有禁止！）
OPENAI_API_KEY={ol}
# 決済（制限付きキー）
STRIPE_RESTRICTED_KEY={rk}
STRIPE_PUBLISHABLE_KEY=pk_live_{high_entropy(24)}
LOG_LEVEL=info
""", ("openai_key", ol), ("stripe_key", rk))

# 75 negative: .env sample in Japanese README
S("ja", "markdown", """## 環境変数の設定
`.env.example` をコピーして `.env` を作成し、以下を自分の値に置き換えてください。
```
OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxx
ANTHROPIC_API_KEY=<あなたのAPIキー>
DB_PASSWORD=changeme
```
※ 本物のキーはコミットしないこと。""")

# 76 Slack message: Japanese chat sharing webhook + slack user token
wh = slack_webhook(); xp = slack_user()
S("ja", "chat", f"@channel 通知用のWebhook作りました→{wh}　あとbotが動かないときは一時的に俺のトークン{xp}使ってOKです（後で消す）", ("slack_webhook", wh), ("slack_token", xp))

# 77 docker-compose with passwords and telegram
pw1 = password(); tg = telegram()
S("ja", "config_compose", f"""version: "3.9"
services:
  db:
    image: mysql:8.4
    environment:
      MYSQL_ROOT_PASSWORD: "{pw1}"
      MYSQL_DATABASE: shop
  notifier:
    image: ghcr.io/example/tg-notify:1.2
    environment:
      - TELEGRAM_BOT_TOKEN={tg}
      - CHAT_ID=-100{d(10)}
""", ("password", pw1), ("telegram_token", tg))

# 78 negative: docker-compose with env refs
S("ja", "config_compose", """services:
  app:
    image: registry.example.jp/app@sha256:8c7a1e0f3b2d4c6e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a
    environment:
      DB_PASSWORD: ${DB_PASSWORD:?DB_PASSWORDを設定してください}
      API_KEY: ${API_KEY}
    ports: ["8080:8080"]""")

# 79 Markdown table: 海外拠点メンバー with IDs
sg = sg_nric(); it = it_cf(); de = de_steuer_id(); nb = nl_bsn()
S("ja", "markdown", f"""| 氏名 | 拠点 | 現地ID | 備考 |
|---|---|---|---|
| 吉田 拓海 | シンガポール | {sg} | EP保持 |
| Giulia Romano | ミラノ | {it} | 税番号 |
| 斎藤 直樹 | デュッセルドルフ | {de} | Steuer-ID |
| Sanne Bakker | アムステルダム | {nb} | BSN |""", ("sg_nric", sg), ("it_codice_fiscale", it), ("de_steuer_id", de), ("nl_bsn", nb))

# 80 TSV of expense cards (spreadsheet paste)
c1 = card("visa"); c2 = card("jcb"); c1s = fmt_card(c1, "-"); c2s = fmt_card(c2, " ")
S("ja", "spreadsheet", f"""部署\t担当者\tカード番号\t利用限度額
営業1課\t井上\t{c1s}\t500,000円
開発部\t松本\t{c2s}\t300,000円
経営企画\t木村\t発行手続き中\t—""", ("card", c1s), ("card", c2s))

# 81 negative: spreadsheet with JAN codes, product codes, prices
S("ja", "spreadsheet", f"""品番\tJANコード\t品名\t単価\t在庫
TK-0312-BK\t4902102072618\tボールペン 黒\t¥110\t1,240
TK-0312-RD\t4902102072625\tボールペン 赤\t¥110\t860
MX-{d(4)}-{d(4)}\t4987176014856\tノート A5\t¥240\t3,100""")

# 82 shell history with ssh key generation and github pat export
gp = github_pat(); ip = ip_pub()
S("ja", "shell", f"""# 作業ログ（本番サーバ移行）
$ export GITHUB_TOKEN={gp}
$ gh repo clone hinode/infra
$ ssh -i ~/.ssh/id_ed25519 ubuntu@{ip}
$ sudo systemctl restart nginx""", ("github_token", gp), ("ip_address", ip))

# 83 openssh private key pasted into ticket
ok = openssh_key(); obl = body_line(ok)
S("ja", "ticket", f"""【問い合わせ】CIからデプロイできません
鍵は以下を登録しています。どこがおかしいか見てもらえますか。

{ok}

公開鍵はGitHubのDeploy keysに登録済みです。""", ("private_key", obl))

# 84 negative: public key only ticket
S("ja", "ticket", f"""公開鍵を送ります。サーバのauthorized_keysに追加をお願いします。
ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{rnd(ALNUM+"+/",43)} watanabe@macbook
フィンガープリント：SHA256:{rnd(ALNUM+"+/",43)}""")

# 85 Python code with anthropic key and hf token
an = anthropic(); hft = hf()
S("ja", "code_python", f'''# 要約バッチ（検証用）
import anthropic
from huggingface_hub import login

login(token="{hft}")
client = anthropic.Anthropic(api_key="{an}")
resp = client.messages.create(model="claude-haiku-4-5", max_tokens=512,
    messages=[{{"role": "user", "content": "以下の議事録を要約して"}}])''', ("huggingface_token", hft), ("anthropic_key", an))

# 86 negative: Python with env
S("ja", "code_python", '''import os
# APIキーは環境変数から読む（ハードコード禁止）
client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
password = getpass.getpass("パスワード：")
conn = pymysql.connect(user="app", password=os.getenv("DB_PASS"))''')

# 87 chat typo'd with password glued to particle
pw = password()
S("ja", "chat", f"すみません、Wi-Fiのぱすわーどって{pw}であってますか？？つながらないんですが…", ("password", pw))

# 88 chat: password in full-width colon
pw = password_random(10)
S("ja", "chat", f"共有フォルダのZIP解凍パスワード：{pw}\n※別メールでの送付に切り替える予定です", ("password", pw))

# 89 negative: PPAP style but password sent separately (no value)
S("ja", "email", """件名：【パスワード】先ほどの添付ファイルについて

先ほどお送りしたファイルのパスワードは、別途お電話にてお伝えいたします。
なお、パスワードは8文字以上・英数字記号混在のルールで設定しております。""")

# 90 JS code with discord token & webhook
dt = discord_token(); dw = discord_webhook()
S("ja", "code_js", f'''// 本番Bot設定 — 後でenvに移す
const client = new Client({{ intents: [GatewayIntentBits.Guilds] }});
client.login("{dt}");
const LOG_WEBHOOK = '{dw}';
''', ("discord_token", dt), ("discord_webhook", dw))

# 91 YAML config with npm & dockerhub & gitlab
nt = npm(); gl = gitlab()
S("ja", "config_yaml", f"""# CI 共通設定
registry:
  npm_token: {nt}
gitlab:
  url: https://gitlab.hinode.local
  private_token: "{gl}"
cache_ttl: 3600
""", ("npm_token", nt), ("gitlab_token", gl))

# 92 negative: YAML with template and masked
S("ja", "config_yaml", """gitlab:
  private_token: "{{ gitlab_token }}"
slack:
  webhook: "https://hooks.slack.com/services/XXXXX/XXXXX/XXXXXXXX"
notify:
  phone: "03-XXXX-XXXX"
retry: 3""")

# 93 support ticket with AWS keys found in leaked repo
ak = aws_key_id("AKIA"); sk = aws_secret()
S("ja", "ticket", f"""件名：GitHubの公開リポジトリに鍵が含まれていました
お客様のリポジトリ内 config/aws.yml に以下が記載されています。至急無効化してください。
  access_key_id: {ak}
  secret_access_key: {sk}
（検出日時：2025/11/24 08:12 JST）""", ("aws_access_key", ak), ("aws_secret_key", sk))

# 94 GCP service account JSON in a Japanese chat
sa, key = gcp_sa_json("hinode-analytics-01"); gl1 = key.split("\\n")[1]; sae = "ci-deployer@hinode-analytics-01.iam.gserviceaccount.com"
S("ja", "chat", "これがBigQuery用のサービスアカウントです、そのまま貼ります\n" + sa + "\nこれで動くはず", ("gcp_credentials", gl1), ("private_key", gl1), ("email", sae))

# 95 negative: chat about keys with UUID/commit SHAs
S("ja", "chat", f"さっきのデプロイはコミット{rnd(HEX,40)}です。リクエストID {uuid4()} でエラーが出てたので、ログ見てもらえますか？キー自体はSecret Managerに入ってます。")

# 96 HTML form (Japanese) with prefilled values
em = "hiro.k@example-mail.jp"; ph = jp_mobile(); zp = "150-0002"
S("ja", "html_form", f'''<form action="/entry" method="post">
  <label>メールアドレス<input type="email" name="email" value="{em}"></label>
  <label>電話番号<input type="tel" name="tel" value="{ph}"></label>
  <label>郵便番号<input name="zip" value="{zp}"></label>
  <label>パスワード<input type="password" name="pw" placeholder="8文字以上"></label>
</form>''', ("email", em), ("phone", ph))

# 97 negative: HTML with placeholders
S("ja", "html_form", '''<input name="card" placeholder="例：1234-5678-9012-3456">
<input name="mynumber" placeholder="12桁の個人番号">
<input name="tel" placeholder="090-0000-0000">
<p>※ご入力いただいた情報はSSLで暗号化されます。</p>''')

# 98 Java properties with JP comments
dbp = password_random(16); jw = jwt({"sub": "batch", "scope": "read:all", "iat": 1763905555}); sip = f"10.8.{R.randint(0,255)}.{R.randint(2,254)}"
S("ja", "config_properties", f"""# DB接続（ステージング）
spring.datasource.url=jdbc:postgresql://{sip}:5432/stg
spring.datasource.username=stg_app
spring.datasource.password={dbp}
# 外部API用の固定トークン
external.api.bearer={jw}""", ("password", dbp), ("jwt", jw), ("ip_address", sip))

# 99 Kubernetes manifest with cloud tokens
db_ = databricks(); nr = newrelic()
S("ja", "config_k8s", f"""apiVersion: v1
kind: ConfigMap
metadata:
  name: etl-config   # ※Secretにすべき
data:
  DATABRICKS_TOKEN: "{db_}"
  NEW_RELIC_API_KEY: "{nr}"
  REGION: ap-northeast-1""", ("cloud_token", db_), ("saas_token", nr))

# 100 SQL with Japanese customer data
em = "a.fujii@mail.kumo.ne.jp"; ph = jp_e164(); c = card("mc")
S("ja", "code_sql", f"""-- 顧客移行（旧システム→新システム）
INSERT INTO customers (id, name, email, tel, card_no, created_at)
VALUES ({d(6)}, '藤井 明', '{em}', '{ph}', '{c}', '2021-04-01 09:00:00');""", ("email", em), ("phone", ph), ("card", c))

# 101 negative: SQL DDL with comments about passwords
S("ja", "code_sql", """CREATE TABLE users (
  id BIGINT PRIMARY KEY,
  email VARCHAR(255) NOT NULL,        -- メールアドレス
  password_hash CHAR(60) NOT NULL,    -- bcryptハッシュ（平文保存禁止）
  my_number_encrypted BYTEA           -- 個人番号は暗号化して保存
);""")

# 102 Ollama body with Japanese user pasting a jwt and IP
jw = jwt({"sub": "admin", "exp": 1764000000}); ip = ip_priv()
S("ja", "llm_ollama", json.dumps({"model": "qwen2.5:14b", "messages": [
    {"role": "system", "content": "日本語で答えてください"},
    {"role": "user", "content": f"このJWTの中身をデコードして期限を教えて。{jw}\n発行元は{ip}の認証サーバです。"}], "options": {"num_ctx": 8192}}, ensure_ascii=False),
  ("jwt", jw), ("ip_address", ip))

# 103 negative: Ollama body with base64 image
S("ja", "llm_ollama", json.dumps({"model": "llava:13b", "prompt": "この画像のグラフを説明して", "images": ["iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAYAAADED76LAAAAFklEQVR42mNkYPhfz0AEYBxVSF+FAP5FDvcfRYWgAAAAAElFTkSuQmCC"], "stream": False}, ensure_ascii=False))

# 104 email signature with multiple phones, fr_nir (French employee in JP)
fn = fr_nir(); ph1 = jp_land(); ph2 = jp_e164(); em = "l.moreau@sakura-trading.jp"
S("ja", "email", f"""人事部 御中

フランスからの転籍者 Louis Moreau さんの社会保障番号（NIR）は {fn} です。社会保障協定の書類に記載をお願いします。

--
桜トレーディング株式会社　人事部
TEL：{ph1}　携帯：{ph2}
Mail：{em}""", ("fr_nir", fn), ("phone", ph1), ("phone", ph2), ("email", em))

# 105 C# with azure storage connection string
ask = azure_storage_key()
S("ja", "code_csharp", f'''// ストレージ接続（テスト後に削除すること）
var cs = "DefaultEndpointsProtocol=https;AccountName=hinodelogs;AccountKey={ask};EndpointSuffix=core.windows.net";
var client = new BlobServiceClient(cs);''', ("azure_key", ask))

# 106 negative: C# with config binding
S("ja", "code_csharp", '''// 接続文字列は appsettings.json / KeyVault から取得
var cs = builder.Configuration.GetConnectionString("Storage");
var key = Environment.GetEnvironmentVariable("AZURE_STORAGE_KEY") ?? throw new InvalidOperationException("キー未設定");''')

# 107 long access log with many fields, IPv6
i6 = ipv6(); ip = ip_pub(); em = "ogawa@tsubame-sys.co.jp"
S("ja", "log", f'time="2025-11-24T00:15:03+09:00" level=info msg="リクエスト受付" method=GET path="/api/v1/users/me" status=200 bytes=2211 remote_addr="{i6}" x_forwarded_for="{ip}" user_email="{em}" trace_id={rnd(HEX,32)} span_id={rnd(HEX,16)} duration=0.0421 region=ap-northeast-1',
  ("ip_address", i6), ("ip_address", ip), ("email", em))

# 108 negative: log with masked PII
S("ja", "log", "2025-11-24 10:11:12 INFO 会員登録 email=t***@g****.com tel=090-****-5678 card=************4242 mynumber=[MASKED] result=OK")

# 109 TOML with mailchimp/airtable + generic webhook secret
mc = mailchimp(); at = airtable(); whs = "whsec_" + high_entropy(32)
S("ja", "config_toml", f"""# マーケ連携
[mailchimp]
api_key = "{mc}"
[airtable]
token = "{at}"
[webhooks]
signing_secret = "{whs}"   # 受信検証用
""", ("saas_token", mc), ("saas_token", at), ("generic_secret", whs))

# 110 Go code with grafana + doppler
gf = grafana_sa(); dp = doppler()
S("ja", "code_go", f'''// 監視ダッシュボード更新ツール
var grafanaToken = "{gf}"
var dopplerToken = "{dp}" // 一時的にハードコード
func main() {{ run(grafanaToken, dopplerToken) }}''', ("saas_token", gf), ("cloud_token", dp))

# 111 negative: go.sum-like lines and versions
S("ja", "code_go", f"""// 依存関係（go.sum 抜粋）
github.com/google/uuid v1.6.0 h1:{rnd(ALNUM+"+/",43)}=
github.com/joho/godotenv v1.5.1/go.mod h1:{rnd(ALNUM+"+/",43)}=
// 上記はハッシュで秘密情報ではありません""")

# 112 chat: iban for overseas transfer + steuer id glued
ib = iban("AT"); ibs = iban_fmt(ib)
S("ja", "chat", f"ウィーンの取引先の口座、IBANは{ibs}だそうです。BICはBKAUATWWです。送金お願いします！", ("iban", ibs))

# 113 negative: chat about IBAN format only
S("ja", "chat", "IBANって国コード2文字＋チェック数字2桁＋口座情報の形式らしいです。例だとDE00 0000 0000 0000 0000 00みたいな感じ。実際の番号は先方から来たら共有します。")

# 114 Anthropic body: system prompt has payment token + url credential in metadata
pp = "access_token$production$" + rnd(string.ascii_lowercase + DG, 16) + "$" + rnd(HEX, 32); upw = password_random(12)
S("ja", "llm_anthropic", json.dumps({"model": "claude-opus-4-1", "max_tokens": 1000, "system": f"あなたは経理アシスタントです。決済APIの認証には {pp} を使用します。", "metadata": {"user_id": "u-" + d(6)}, "messages": [
    {"role": "user", "content": f"先月の返金一覧をDBから出して。接続はmysql://report:{upw}@db-ro.internal:3306/payments で"}]}, ensure_ascii=False, indent=1),
  ("payment_token", pp), ("url_credentials", upw))

# 115 negative: LLM body that discusses masked keys
S("ja", "llm_openai", json.dumps({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "APIキーが sk-proj-****...**** と表示されて全体が見られません。再表示する方法は？"}]}, ensure_ascii=False))

# 116 markdown table: 経費精算 with aadhaar/nino mixed (offshore team)
ad = aadhaar(); nn = uk_nino(); ph = uk_mobile()
S("ja", "markdown", f"""### オフショアメンバー本人確認（人事限定）
| 名前 | 国 | 本人確認番号 | 連絡先 |
|---|---|---|---|
| Ananya Iyer | インド | {ad} | — |
| Oliver Grant | 英国 | {nn} | {ph} |""", ("in_aadhaar", ad), ("uk_nino", nn), ("phone", ph))

# 117 Spanish employee in JP: DNI & NIE in a memo
dn = es_dni(); ne = es_nie()
S("ja", "email", f"スペイン拠点の2名のビザ書類です。García氏のDNIは{dn}、Petrov氏（外国人登録）のNIEは{ne}。原本は郵送済みです。", ("es_dni", dn), ("es_dni", ne))

# 118 negative: dates, coordinates, postal codes
S("ja", "chat", "集合場所は〒100-0005 東京都千代田区丸の内1-9-1、座標は35.681236, 139.767125 です。開始は2025/12/03 13:30、参加費は3,500円。")

# 119 GitHub Actions with pypi token hardcoded and gho token
py = pypi(); gho = github("gho_")
S("ja", "config_gha", f"""# リリース用ワークフロー（要修正：トークン直書き）
- name: PyPIへ公開
  run: twine upload dist/* -u __token__ -p "{py}"
- name: タグ作成
  env:
    GH_TOKEN: {gho}
  run: gh release create v1.4.2""", ("package_registry_token", py), ("github_token", gho))

# 120 ticket with xAI key, and near-miss example key
xa = xai()
S("ja", "ticket", f"""Grok APIで401が返ります。設定しているキーは {xa} です。
ドキュメントにあった xai-XXXXXXXXXXXXXXXX の形式とは違いますか？""", ("ai_api_key", xa))

write_corpus(OUT, sys.argv[1])
