"""Fresh set 3a (2026-11-24): written by a helper who read only fakegen.py, never the rules;
scored once on the unchanged rules before any fix (docs/detection.md, "Fresh set 3").

Values are generated (fake): see fakegen.py. Usage: python3 fresh3a_2026_11_24.py OUT.jsonl
"""
import sys, json
import os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *

seed(3101)
OUT = []
S = sample_adder(OUT, "f3a")
D = "0123456789"

# ---- small helpers -------------------------------------------------------
def us_phone(style=0):
    a = R.choice(["212", "415", "312", "617", "206", "512", "303", "646"])
    x = "555"; n = "01" + rnd(D, 2)
    return [f"({a}) {x}-{n}", f"{a}-{x}-{n}", f"+1 {a} {x} {n}", f"{a}.{x}.{n}", f"+1{a}{x}{n}"][style]

def uk_phone(style=0):
    return [f"07700 900{rnd(D,3)}", f"+44 7700 900{rnd(D,3)}", f"020 7946 0{rnd(D,3)}", f"+44 20 7946 0{rnd(D,3)}"][style]

def de_phone(style=0):
    m = R.choice(["151", "160", "170", "176", "152"])
    return [f"+49 {m} {rnd(D,8)}", f"0{m} {rnd(D,4)} {rnd(D,4)}", f"030 {rnd(D,8)}", f"(089) {rnd(D,3)} {rnd(D,4)}",
            f"+49 (0){m}-{rnd(D,7)}", f"0{m}/{rnd(D,7)}", f"+49 40 {rnd(D,3)}-{rnd(D,4)}"][style]

def priv_ip():
    return R.choice([f"10.{R.randint(0,255)}.{R.randint(0,255)}.{R.randint(2,250)}",
                     f"172.{R.randint(16,31)}.{R.randint(0,255)}.{R.randint(2,250)}",
                     f"192.168.{R.randint(0,255)}.{R.randint(2,250)}"])

def pub_ip():
    return f"{R.choice([31,46,62,77,85,91,109,141,185,193,212,217])}.{R.randint(0,255)}.{R.randint(0,255)}.{R.randint(2,250)}"

def ipv6():
    return "2a02:" + ":".join(rnd("0123456789abcdef", 4).lstrip("0") or "0" for _ in range(3)) + "::" + rnd("123456789abcdef", 1) + rnd(HEX, 2)

def steuer_fmt(v):
    return f"{v[:2]} {v[2:5]} {v[5:8]} {v[8:]}"

def pw_url():
    return rnd_mixed(ALNUM, R.randint(12, 18))

def body_line(k):
    return k.splitlines()[1]

def fake_sha():
    return rnd(HEX, 40)

def uuid():
    h = rnd(HEX, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"

def jd(o):
    return json.dumps(o, indent=2, ensure_ascii=False)

EN, DE = "en", "de"

# =========================== ENGLISH ======================================
# 1 chat
e = f"dana.whitfield{R.randint(10,99)}@outlook.com"; p = us_phone(0)
S(EN, "chat", f"hey can you update my contact info? new email is {e} and cell is {p}. the old one bounces", ("email", e), ("phone", p))

# 2 support ticket card
c = card("visa"); cf = fmt_card(c, "-")
S(EN, "support_ticket", f"Ticket #48213 — Customer says the charge failed twice. Card on file: {cf}, exp 09/28. "
  f"Please do not re-run until they confirm with the bank.", ("card", cf))

# 3 negative masked card + order number
S(EN, "support_ticket", "Ticket #48219: refund issued to card ending **** **** **** 4242 for order 1120-5583-9921. "
  "Tracking 1Z999AA10123456784 shows returned to sender. Closing.")

# 4 .env with AWS
ak = aws_key_id(); sk = aws_secret()
S(EN, "config_env", f"# staging\nAWS_ACCESS_KEY_ID={ak}\nAWS_SECRET_ACCESS_KEY={sk}\nAWS_REGION=us-east-2\nLOG_LEVEL=debug\n",
  ("aws_access_key", ak), ("aws_secret_key", sk))

# 5 negative: AWS example placeholders
S(EN, "config_env", "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
  "# ^ these are the docs examples, replace with your own before running terraform")

# 6 SSN in email
ssn = us_ssn()
S(EN, "email", f"Hi Karen,\n\nFor the W-4 update I need your SSN again, the one in our system looks wrong. "
  f"I have {ssn} — can you confirm?\n\nThanks,\nPayroll", ("us_ssn", ssn))

# 7 negative: password policy prose
S(EN, "chat", "Reminder: new passwords must be at least 12 characters, include one symbol, and can't match your last 5. "
  "The reset link expires after 30 minutes.")

# 8 log line IPs + email
ip1 = pub_ip(); ip2 = priv_ip(); e = f"m.okafor@{R.choice(['acme-corp.io','northwind.dev'])}"
S(EN, "log", f"2025-03-11T08:14:22.331Z WARN auth-svc login failed user={e} src={ip1} via={ip2} attempts=4",
  ("email", e), ("ip_address", ip1), ("ip_address", ip2))

# 9 negative log: loopback, doc ranges, netmask
S(EN, "log", "2025-03-11T08:15:01Z INFO listening on 127.0.0.1:8080, upstream 203.0.113.17, netmask 255.255.255.0, "
  "bind 0.0.0.0 build=4.18.2 commit=" + fake_sha())

# 10 GitHub Actions w/ secret refs (negative)
S(EN, "config_github_actions", "jobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
  "      - run: ./deploy.sh\n        env:\n          GH_TOKEN: ${{ secrets.GH_TOKEN }}\n          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n")

# 11 shell history with github token
gt = github()
S(EN, "shell_history", f"  501  cd ~/src/infra\n  502  export GITHUB_TOKEN={gt}\n  503  gh repo clone acme/infra-modules\n  504  git log --oneline | head",
  ("github_token", gt))

# 12 python code openai
ok = openai_proj()
S(EN, "code_python", f'from openai import OpenAI\n\nclient = OpenAI(api_key="{ok}")\nresp = client.chat.completions.create(model="gpt-4o-mini", messages=msgs)\n',
  ("openai_key", ok))

# 13 negative: openai placeholder & env lookup
S(EN, "code_python", 'import os\nfrom openai import OpenAI\n\n# never hardcode: api_key="sk-..."\nclient = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n')

# 14 OpenAI request body user turn with IBAN and phone
ib = iban("GB"); ibs = iban_spaced(ib); ph = uk_phone(1)
S(EN, "llm_openai", jd({"model": "gpt-4o", "messages": [
    {"role": "system", "content": "You are a helpful assistant for drafting letters."},
    {"role": "user", "content": f"Write a short note to my landlord saying I'll pay rent to {ibs} from now on, and he can call me on {ph} if there's an issue."}]}),
  ("iban", ibs), ("phone", ph))

# 15 Anthropic with tool_result containing DB creds
pw = pw_url(); ip = priv_ip()
S(EN, "llm_anthropic", jd({"model": "claude-sonnet-4-5", "max_tokens": 1024, "messages": [
    {"role": "user", "content": [{"type": "text", "text": "why is the worker failing to connect?"}]},
    {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_01", "name": "read_file", "input": {"path": "/etc/worker/config.yml"}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_01",
      "content": f"queue:\n  url: amqp://worker:{pw}@{ip}:5672/prod\n  prefetch: 20\n"}]}]}),
  ("url_credentials", pw), ("ip_address", ip))

# 16 negative: Anthropic body with sha256 and uuid
S(EN, "llm_anthropic", jd({"model": "claude-haiku-4-5", "max_tokens": 512, "messages": [
    {"role": "user", "content": [{"type": "text", "text": f"Does this checksum match? sha256:{rnd(HEX,64)} for release v2.14.0, request id {uuid()}"}]}]}))

# 17 Gemini with Aadhaar
a = aadhaar(); af = f"{a[:4]} {a[4:8]} {a[8:]}"
S(EN, "llm_gemini", jd({"contents": [{"role": "user", "parts": [{"text": f"Fill this KYC form for me. Name: Priya Raman, Aadhaar {af}, DOB 14/02/1991, city Pune."}]}]}),
  ("in_aadhaar", af))

# 18 Ollama with NINO
n = uk_nino(); nf = f"{n[:2]} {n[2:4]} {n[4:6]} {n[6:8]} {n[8]}"
S(EN, "llm_ollama", jd({"model": "llama3.1", "prompt": f"Summarise this payslip: Employee J. Booth, NI number {nf}, tax code 1257L, gross £2,841.50", "stream": False}),
  ("uk_nino", nf))

# 19 Slack bot token in YAML
sb = slack_bot()
S(EN, "config_yaml", f"slack:\n  channel: \"#alerts-prod\"\n  bot_token: {sb}\n  mention_oncall: true\n", ("slack_token", sb))

# 20 Slack webhook in JS
wh = slack_webhook()
S(EN, "code_js", f"const WEBHOOK = '{wh}';\n\nasync function notify(msg) {{\n  await fetch(WEBHOOK, {{ method: 'POST', body: JSON.stringify({{ text: msg }}) }});\n}}\n",
  ("slack_webhook", wh))

# 21 negative: stripe publishable key + masked secret
S(EN, "code_js", f"const stripe = Stripe('pk_live_{rnd_mixed(ALNUM, 24)}');\n// secret key lives server-side (sk_live_…9f2c), never ship it to the browser\n")

# 22 stripe secret in ruby
st = stripe("sk_live_")
S(EN, "code_ruby", f"Stripe.api_key = \"{st}\"\ncharge = Stripe::Charge.create(amount: 2000, currency: 'usd', source: token)\n", ("stripe_key", st))

# 23 discord bot token in python
dt = discord_token()
S(EN, "code_python", f"import discord\n\nbot = discord.Client(intents=discord.Intents.default())\nbot.run('{dt}')\n", ("discord_token", dt))

# 24 discord webhook in chat
dw = discord_webhook()
S(EN, "chat", f"ok I pasted the webhook into the bot settings, it's {dw} — lmk if messages show up in #builds", ("discord_webhook", dw))

# 25 telegram in docker-compose
tg = telegram()
S(EN, "config_docker_compose", f"services:\n  notifier:\n    image: ghcr.io/acme/notifier:1.4.2\n    environment:\n      - TELEGRAM_BOT_TOKEN={tg}\n      - CHAT_ID=-100184422\n",
  ("telegram_token", tg))

# 26 negative: docker-compose with env interpolation
S(EN, "config_docker_compose", "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: app\n      POSTGRES_PASSWORD: ${DB_PASSWORD}\n    ports:\n      - \"5432:5432\"\n")

# 27 password in docker-compose (literal)
pw = password()
S(EN, "config_docker_compose", f"services:\n  mysql:\n    image: mysql:8.4\n    environment:\n      MYSQL_ROOT_PASSWORD: \"{pw}\"\n      MYSQL_DATABASE: shop\n", ("password", pw))

# 28 anthropic key in TS
ak2 = anthropic()
S(EN, "code_ts", f"import Anthropic from '@anthropic-ai/sdk';\n\nconst anthropic = new Anthropic({{ apiKey: '{ak2}' }});\n", ("anthropic_key", ak2))

# 29 google api key in HTML
gk = google_key()
S(EN, "html", f'<script async src="https://maps.googleapis.com/maps/api/js?key={gk}&callback=initMap"></script>\n<div id="map" style="height:400px"></div>',
  ("google_api_key", gk))

# 30 huggingface in shell
h = hf()
S(EN, "shell_history", f"huggingface-cli login --token {h}\npython train.py --model mistral-7b --epochs 3", ("huggingface_token", h))

# 31 npmrc
nt = npm()
S(EN, "config_npmrc", f"registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken={nt}\nsave-exact=true\n", ("npm_token", nt))

# 32 negative npmrc with env
S(EN, "config_npmrc", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\nalways-auth=true\n# integrity sha512-" + base64.b64encode(bytes(R.getrandbits(8) for _ in range(48))).decode())

# 33 pypirc
pp = pypi()
S(EN, "config_ini", f"[distutils]\nindex-servers = pypi\n\n[pypi]\nusername = __token__\npassword = {pp}\n", ("package_registry_token", pp))

# 34 groq / replicate in .env -> ai_api_key
g1 = groq(); r1 = replicate()
S(EN, "config_env", f"GROQ_API_KEY={g1}\nREPLICATE_API_TOKEN={r1}\nDEFAULT_MODEL=llama-3.3-70b\n", ("ai_api_key", g1), ("ai_api_key", r1))

# 35 sendgrid in PHP
sg = sendgrid()
S(EN, "code_php", f"<?php\n$sendgrid = new \\SendGrid('{sg}');\n$email->setFrom($fromAddr, \"Shop\");\n$sendgrid->send($email);\n",
  ("saas_token", sg))

# 36 twilio + mailgun in properties
tw = twilio_sk(); mg = mailgun()
S(EN, "config_properties", f"twilio.account.sid=AC{rnd(HEX,32)}\ntwilio.api.key={tw}\nmailgun.domain=mg.shop.test\nmailgun.api.key={mg}\n",
  ("saas_token", tw), ("saas_token", mg))

# 37 gitlab token in CI
gl = gitlab()
S(EN, "config_yaml", f"variables:\n  GIT_DEPTH: \"10\"\n\nbefore_script:\n  - git config --global url.\"https://oauth2:{gl}@gitlab.com/\".insteadOf \"https://gitlab.com/\"\n",
  ("gitlab_token", gl))

# 38 azure storage conn string
az = azure_storage_key()
S(EN, "config_json", jd({"ConnectionStrings": {"Blob": f"DefaultEndpointsProtocol=https;AccountName=acmeprodlogs;AccountKey={az};EndpointSuffix=core.windows.net"}}),
  ("azure_key", az))

# 39 azure client secret terraform
acs = azure_client_secret()
S(EN, "config_terraform", f'provider "azurerm" {{\n  features {{}}\n  client_id     = "{uuid()}"\n  client_secret = "{acs}"\n  tenant_id     = "{uuid()}"\n}}\n',
  ("azure_key", acs))

# 40 negative terraform var refs
S(EN, "config_terraform", 'resource "aws_db_instance" "main" {\n  engine   = "postgres"\n  username = "app"\n  password = var.db_password\n  # generated by random_password.db.result\n}\n')

# 41 DigitalOcean + vault -> cloud_token
do = do_token(); vt = vault()
S(EN, "shell_history", f"doctl auth init -t {do}\nexport VAULT_TOKEN={vt}\nvault kv get secret/app", ("cloud_token", do), ("cloud_token", vt))

# 42 JWT in log / Bearer
j = jwt()
S(EN, "log", f"DEBUG http outgoing GET /v1/orders Authorization: Bearer {j} status=200 dur=84ms", ("jwt", j))

# 43 negative: JWT-looking truncated + UUID
S(EN, "log", f"DEBUG token refreshed (eyJhbGciOi…truncated) session={uuid()} expires_in=3600")

# 44 private key in chat
k = pem("ec")
S(EN, "chat", f"here's the key the vendor sent, can you add it to the sftp box?\n\n{k}\n\nthx", ("private_key", body_line(k)))

# 45 negative: public SSH key + cert header
S(EN, "chat", f"add my pubkey pls: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{rnd_mixed(ALNUM+'+/',43)} lena@thinkpad")

# 46 gcp service account json in ticket
sa, key = gcp_sa_json("billing-etl-4471")
bl = key.split("\\n")[1]
S(EN, "support_ticket", f"Customer attached their credentials file by mistake, please purge from the ticket history:\n\n{sa}",
  ("gcp_credentials", bl), ("private_key", bl), ("email", "ci-deployer@billing-etl-4471.iam.gserviceaccount.com"))

# 47 generic secret: webhook signing secret
gs = high_entropy(32)
S(EN, "config_yaml", f"webhooks:\n  github:\n    path: /hooks/gh\n    signing_secret: {gs}\n  timeout: 10s\n", ("generic_secret", gs))

# 48 generic secret in curl header
gs2 = high_entropy(40, HEX)
S(EN, "shell_history", f"curl -s -H 'X-Api-Key: {gs2}' https://api.internal-metrics.net/v2/series?from=-1h | jq .", ("generic_secret", gs2))

# 49 negative: curl with env var + placeholder
S(EN, "shell_history", "curl -H \"Authorization: Bearer $API_TOKEN\" https://api.example.com/v1/me\ncurl -H 'X-Api-Key: <your-api-key>' https://api.example.com/v1/ping")

# 50 negative: bcrypt hash in SQL
S(EN, "code_sql", "INSERT INTO users (email_verified, username, password_hash) VALUES (true, 'jdoe', '$2b$12$"
  + rnd(ALNUM + "./", 53) + "');")

# 51 password in SQL
pw = password()
S(EN, "code_sql", f"CREATE USER reporting WITH PASSWORD '{pw}';\nGRANT SELECT ON ALL TABLES IN SCHEMA public TO reporting;", ("password", pw))

# 52 password in chat prose
pw = password()
S(EN, "chat", f"wifi in the meeting room is 'Guest-5F', password is {pw} (case sensitive)", ("password", pw))

# 53 negative: prose about password
S(EN, "email", "Hi all, IT will never ask for your password by email. If you got a message asking you to 'verify your credentials', forward it to security@ and delete it.")

# 54 CSV with SSNs & phones
rows = [(us_ssn(), us_phone(1)) for _ in range(3)]
csv = "employee_id,name,ssn,phone,start_date\n" + "\n".join(
    f"E{1040+i},\"{nm}\",{s},{p},2023-0{i+2}-01" for i, (nm, (s, p)) in enumerate(zip(["Lopez, Ana", "Kim, Jae", "Baker, Tom"], rows)))
S(EN, "csv", csv, *[x for s, p in rows for x in (("us_ssn", s), ("phone", p))])

# 55 negative CSV: order numbers, SKUs, prices, ZIPs
S(EN, "csv", "order_id,sku,qty,unit_price,zip,shipped\n100045821,SKU-7731-BLK,2,19.99,94107,2025-01-04T10:22:00Z\n"
  "100045822,SKU-1184-WHT,1,249.00,10001,2025-01-04T11:05:13Z\n100045823,ISBN 978-0-306-40615-7,1,34.50,60601,2025-01-05T09:00:00Z")

# 56 markdown table with RRN and MyNumber (international staff)
rr = kr_rrn(); mn = jp_mynumber()
S(EN, "markdown", f"| Name | Country | National ID | Notes |\n|---|---|---|---|\n| Park Min-ji | KR | {rr} | visa renewal in May |\n"
  f"| Sato Haruto | JP | {mn} | My Number card copy received |\n| O. Mensah | GH | — | pending |", ("kr_rrn", rr), ("jp_mynumber", mn))

# 57 negative markdown: versions, hashes, build numbers
S(EN, "markdown", f"| Component | Version | Digest |\n|---|---|---|\n| api | 3.12.4 | sha256:{rnd(HEX,64)} |\n| web | 3.12.1 | sha256:{rnd(HEX,64)} |\n\nBuild #20931 passed on commit `{fake_sha()[:12]}`.")

# 58 Java stack trace with JDBC password in URL
pw = pw_url(); ip = priv_ip()
S(EN, "stack_trace", f"org.postgresql.util.PSQLException: Connection to jdbc:postgresql://svc_billing:{pw}@{ip}:5432/billing refused.\n"
  "\tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:342)\n\tat com.acme.billing.Db.connect(Db.java:57)",
  ("url_credentials", pw), ("ip_address", ip))

# 59 negative stack trace: no secrets, line numbers, hashes
S(EN, "stack_trace", "Traceback (most recent call last):\n  File \"/app/worker.py\", line 88, in run\n    token = os.environ[\"SERVICE_TOKEN\"]\n"
  "  File \"/usr/lib/python3.12/os.py\", line 714, in __getitem__\n    raise KeyError(key) from None\nKeyError: 'SERVICE_TOKEN'")

# 60 Kubernetes secret stringData with password + generic secret
pw = password_random(16); es = high_entropy(44, ALNUM + "+/")
S(EN, "config_k8s", f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-secrets\ntype: Opaque\nstringData:\n  DB_PASSWORD: \"{pw}\"\n  SESSION_ENCRYPTION_KEY: \"{es}\"\n",
  ("password", pw), ("generic_secret", es))

# 61 negative k8s: helm template refs
S(EN, "config_k8s", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}-db\ndata:\n  password: {{ .Values.db.password | b64enc }}\n  username: {{ .Values.db.user | b64enc }}\n")

# 62 Go code with hardcoded creds in DSN (mysql) -> url_credentials? mysql DSN user:pass@tcp(...)
pw = pw_url()
S(EN, "code_go", f'db, err := sql.Open("mysql", "orders:{pw}@tcp(db-primary.internal:3306)/orders?parseTime=true")\nif err != nil {{\n\tlog.Fatal(err)\n}}',
  ("url_credentials", pw))

# 63 C# connection string with Password=
pw = password()
S(EN, "code_csharp", f'var cs = "Server=sql-prod-02;Database=Crm;User Id=crm_app;Password={pw};TrustServerCertificate=True";\nusing var conn = new SqlConnection(cs);',
  ("password", pw))

# 64 negative C#: config lookup
S(EN, "code_csharp", 'var cs = builder.Configuration.GetConnectionString("Crm");\nvar apiKey = Environment.GetEnvironmentVariable("CRM_API_KEY") ?? throw new InvalidOperationException("missing key");')

# 65 Java with hardcoded square token (payment_token)
sq = square()
S(EN, "code_java", f'SquareClient client = new SquareClient.Builder()\n    .environment(Environment.PRODUCTION)\n    .accessToken("{sq}")\n    .build();',
  ("payment_token", sq))

# 66 email with IBAN (NL) and BSN
ib = iban("NL"); bsn = nl_bsn()
S(EN, "email", f"Dear Mr. de Vries,\n\nTo process your relocation allowance please confirm the following: BSN {bsn}, account {ib}.\n"
  "Payment will be made within 10 working days.\n\nKind regards,\nHR Shared Services", ("nl_bsn", bsn), ("iban", ib))

# 67 negative email: invoice, IBAN-like reference masked
S(EN, "email", "Hi Tom,\n\nInvoice INV-2025-00482 (EUR 1,240.00) is overdue. Our bank details are on the PDF; the account ends in …4471.\n"
  "Reference: PO 7700-3312.\n\nBest,\nAccounts Receivable")

# 68 Singapore NRIC in chat
nr = sg_nric()
S(EN, "chat", f"for the condo booking they want my NRIC, it's {nr}. is it safe to send that over whatsapp??", ("sg_nric", nr))

# 69 support ticket with NRIC + SG phone
nr = sg_nric(); sp = f"+65 {R.choice('89')}{rnd(D,3)} {rnd(D,4)}"
S(EN, "support_ticket", f"Caller verified identity with NRIC {nr.lower()} (typed in lowercase) and mobile {sp}. Address change approved.",
  ("sg_nric", nr.lower()), ("phone", sp))

# 70 French NIR in English email (expat)
nir = fr_nir()
S(EN, "email", f"Hello,\n\nMy French social security number is {nir}. I need it linked to my Ameli account before the appointment on Friday.\n\nRegards,\nClaire",
  ("fr_nir", nir))

# 71 Spanish DNI + NIE in form
dni = es_dni(); nie = es_nie()
S(EN, "html", f'<form action="/apply" method="post">\n  <input name="applicant_id" value="{dni}">\n  <input name="spouse_id" value="{nie}">\n  <input type="submit" value="Send">\n</form>',
  ("es_dni", dni), ("es_dni", nie))

# 72 Italian codice fiscale in OCR text
cf = it_cf()
S(EN, "ocr", f"TESSERA SANITARIA\nCodice Fiscale  {cf}\nCognome ROSSI  Nome GIULIA\nData di scadenza 12/03/2029\n[scan quality: low]",
  ("it_codice_fiscale", cf))

# 73 negative OCR: receipt
S(EN, "ocr", "WHOLE F00DS MKT #10234\n0RGANIC BANANAS   1.29\nOAT MILK 64OZ     4.99\nSUBTOTAL         6.28\nVISA **** 1881  AUTH 004512\n"
  "TERMINAL 03  TRANS 88213  11/02/25 14:33")

# 74 negative: IMEI / serial in ticket (Luhn-valid IMEI)
imei = luhn_number(15)
S(EN, "support_ticket", f"Device RMA: Pixel 8, IMEI {imei}, serial 3A281FDH400BQ2. Customer reports boot loop after update 14.2.1.")

# 75 spreadsheet paste with cards (tab-separated)
c1 = card("mc"); c2 = card("amex"); c2f = fmt_card(c2, " ")
S(EN, "spreadsheet", f"Cardholder\tCard\tExp\tLimit\nR. Ortiz\t{c1}\t04/27\t5000\nS. Nguyen\t{c2f}\t11/26\t12000",
  ("card", c1), ("card", c2f))

# 76 negative spreadsheet: coordinates, timestamps, hex colors
S(EN, "spreadsheet", "site\tlat\tlon\tcolor\tupdated\nDepot A\t37.774929\t-122.419416\t#1f77b4\t1731592800\nDepot B\t40.712776\t-74.005974\t#ff7f0e\t1731596400")

# 77 OpenAI with tool call args containing email+phone
e = f"r.castillo@{R.choice(['fastmail.com','proton.me'])}"; p = us_phone(2)
S(EN, "llm_openai", jd({"model": "gpt-4.1", "messages": [
    {"role": "user", "content": "book a table for 4 tomorrow 7pm at Nopa, use my usual contact"},
    {"role": "assistant", "content": None, "tool_calls": [{"id": "call_8f2", "type": "function", "function": {"name": "create_reservation",
      "arguments": json.dumps({"party": 4, "time": "19:00", "contact_email": e, "contact_phone": p})}}]}]}),
  ("email", e), ("phone", p))

# 78 negative OpenAI body: UUIDs, tracking numbers, price
S(EN, "llm_openai", jd({"model": "gpt-4o-mini", "messages": [{"role": "user", "content":
    f"Where is my package? tracking 9400 1000 0000 0000 0000 00, order #A-55812, paid $84.20. Conversation id {uuid()}."}]}))

# 79 Anthropic tool_result with env dump (openai key + password)
ok = openai_svc(); pw = password()
S(EN, "llm_anthropic", jd({"model": "claude-opus-4-1", "max_tokens": 2048, "messages": [
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_7", "content": [{"type": "text",
      "text": f"$ printenv | grep -i -E 'key|pass'\nOPENAI_API_KEY={ok}\nADMIN_PASS={pw}\nPASSWORD_MIN_LENGTH=12"}]}]}]}),
  ("openai_key", ok), ("password", pw))

# 80 negative Gemini: base64 image inline data
S(EN, "llm_gemini", jd({"contents": [{"parts": [{"text": "what's in this picture?"}, {"inline_data": {"mime_type": "image/png",
    "data": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="}}]}]}))

# 81 Gemini with API key in URL quoted in text + generic
gk = google_key()
S(EN, "chat", f"curl works with https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent?key={gk} but the SDK 403s, any idea?",
  ("google_api_key", gk))

# 82 negative: git log with SHAs, emails? (avoid emails) - PGP public key block
S(EN, "chat", "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmDMEZ" + rnd(ALNUM + "+/", 60) + "\n=" + rnd(ALNUM, 4) + "\n-----END PGP PUBLIC KEY BLOCK-----\nthat's my public key, encrypt the report with it")

# 83 negative: certificate
S(EN, "config_pem", "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU" + rnd(ALNUM + "+/", 44) + "\n" + rnd(ALNUM + "+/", 64) + "\n-----END CERTIFICATE-----\n# chain.pem — public, OK to commit")

# 84 openssh private key in ticket
ok2 = openssh_key()
S(EN, "support_ticket", f"User pasted this into the chat widget when asked for 'your SSH key':\n{ok2}\nPlease rotate and advise them to send the .pub next time.",
  ("private_key", body_line(ok2)))

# 85 RSA traditional key in Dockerfile (bad practice)
rk = pem_rsa_traditional()
S(EN, "dockerfile", "FROM alpine:3.20\nRUN mkdir -p /root/.ssh && echo \"" + rk.replace("\n", "\\n") + "\" > /root/.ssh/id_rsa && chmod 600 /root/.ssh/id_rsa",
  ("private_key", body_line(rk)))

# 86 negative Dockerfile: build args without values
S(EN, "dockerfile", "FROM node:22-slim\nARG NPM_TOKEN\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\nENV NODE_ENV=production\nEXPOSE 3000\n")

# 87 TOML with shopify + notion
sh = shopify(); nn = notion()
S(EN, "config_toml", f"[shopify]\nstore = \"acme-outlet\"\naccess_token = \"{sh}\"\n\n[notion]\ntoken = \"{nn}\"\ndatabase = \"{rnd(HEX,32)}\"\n",
  ("saas_token", sh), ("saas_token", nn))

# 88 negative TOML: placeholders
S(EN, "config_toml", "[api]\nkey = \"changeme\"\nsecret = \"xxxxxxxxxxxxxxxxxxxx\"\n# get yours at https://dashboard.example.com/settings/keys\n")

# 89 INI with datadog-like key -> saas_token? Use linear & postman
ln = linear(); pm = postman()
S(EN, "config_ini", f"[integrations]\nlinear_api_key = {ln}\npostman_api_key = {pm}\nsync_interval = 15m\n", ("saas_token", ln), ("saas_token", pm))

# 90 shell: mysql -p with password on CLI
pw = password()
S(EN, "shell_history", f"mysql -h {priv_ip()} -u root -p'{pw}' -e 'SHOW DATABASES;'", ("password", pw))
OUT[-1]["labels"].append({"type": "ip_address", "value": OUT[-1]["text"].split("-h ")[1].split(" ")[0]})

# 91 negative shell: reads password from file/env
S(EN, "shell_history", "mysql --defaults-extra-file=~/.my.cnf -e 'SELECT 1'\nPGPASSWORD=\"$(cat /run/secrets/pg)\" psql -U app -h db\nread -s DB_PASS && export DB_PASS")

# 92 log with IPv6 + email
v6 = ipv6(); e = f"billing-team@{R.choice(['hollis-freight.com','quantmint.co'])}"
S(EN, "log", f'{v6} - - [12/Mar/2025:09:41:07 +0000] "POST /api/notify?to={e} HTTP/1.1" 202 18 "-" "python-requests/2.32"',
  ("ip_address", v6), ("email", e))

# 93 negative log: doc ipv6 + loopback
S(EN, "log", '::1 - - [12/Mar/2025:09:41:09 +0000] "GET /healthz HTTP/1.1" 200 2\n2001:db8::17 - - [12/Mar/2025:09:41:10 +0000] "GET /metrics HTTP/1.1" 200 9123')

# 94 negative: pagination cursor + etag
S(EN, "code_json", jd({"data": [], "next_cursor": base64.b64encode(b'{"id":88213,"ts":1731600000}').decode(), "etag": "W/\"" + rnd(HEX, 32) + "\""}))

# 95 JSON body of a custom API with Basic-auth-style client secret
cid = rnd(HEX, 24); csec = high_entropy(48, ALNUM + "-_")
S(EN, "code_json", jd({"grant_type": "client_credentials", "client_id": cid, "client_secret": csec, "scope": "orders.read"}),
  ("generic_secret", csec))

# 96 GitHub fine-grained PAT in chat
gp = github_pat()
S(EN, "chat", f"my PAT expired so I made a new fine-grained one: {gp}. Can you re-add it to the repo settings?", ("github_token", gp))

# 97 negative: masked tokens
S(EN, "chat", "I rotated both: ghp_**** (old) → revoked, new one starts with github_pat_11AB… and is in 1Password now. Slack token xoxb-… also rotated.")

# 98 URL credentials in git remote
pw = pw_url()
S(EN, "shell_history", f"git remote set-url origin https://deploy-bot:{pw}@git.acme-internal.net/platform/api.git\ngit push origin main", ("url_credentials", pw))

# 99 negative: URL with placeholder creds
S(EN, "markdown", "Connect with:\n\n```\npostgres://USER:PASSWORD@HOST:5432/DBNAME\nredis://:<password>@localhost:6379/0\n```\nReplace the uppercase parts with values from the vault.")

# 100 xai + perplexity in chat -> ai_api_key
xk = xai(); pk = pplx()
S(EN, "chat", f"testing fallbacks — grok key {xk} and perplexity {pk}, both on the free tier so don't burn them", ("ai_api_key", xk), ("ai_api_key", pk))

# 101 negative: UUID-heavy config, Stripe test publishable
S(EN, "config_env", f"STRIPE_PUBLISHABLE_KEY=pk_test_{rnd_mixed(ALNUM,24)}\nTENANT_ID={uuid()}\nFEATURE_FLAGS=checkout_v2,dark_mode\nAPP_VERSION=5.2.0-rc.1")

# 102 negative: version / OID
S(EN, "log", "TLS handshake ok: cipher TLS_AES_256_GCM_SHA384, sigalg OID 1.2.840.113549.1.1.11, openssl 3.0.13, kernel 6.8.0-45-generic")

# 103 negative: corporate numbers, EIN-like, DUNS
S(EN, "email", "Vendor onboarding details: Company No. 08812345 (Companies House), DUNS 15-048-3782, VAT GB 123 4567 89. Remit to PO Box 4410, Leeds LS1 4AP.")

# 104 negative: product codes that look like phones
S(EN, "support_ticket", "Replacement part ordered: 555-0199-A (hinge assy), 800-244-19 (bezel). Customer's model no. 4410-2281-03. ETA 3–5 business days.")

# 105 negative: chat mentions changeme
S(EN, "chat", "the default admin password on those routers is literally 'admin' until first login, after that it forces a change. we set ours via the provisioning script which pulls from vault")

# 106 password in YAML app config + email
pw = password_random(18); e = f"alerts@{R.choice(['rivet-labs.io','kestrelhq.com'])}"
S(EN, "config_yaml", f"smtp:\n  host: smtp.mailrelay.net\n  port: 587\n  username: {e}\n  password: '{pw}'\n  starttls: true\n", ("email", e), ("password", pw))

# 107 databricks + grafana -> cloud_token / saas_token
db = databricks(); gf = grafana_sa()
S(EN, "code_python", f'from databricks.sdk import WorkspaceClient\nw = WorkspaceClient(host="https://adb-4412.azuredatabricks.net", token="{db}")\n\nGRAFANA_SA = "{gf}"  # dashboards provisioning\n',
  ("cloud_token", db), ("saas_token", gf))

# 108 negative: argon2 hash + sri
S(EN, "html", '<script src="https://cdn.jsdelivr.net/npm/alpinejs@3.14.1/dist/cdn.min.js" integrity="sha384-' + base64.b64encode(bytes(R.getrandbits(8) for _ in range(48))).decode()
  + '" crossorigin="anonymous"></script>\n<!-- admin hash: $argon2id$v=19$m=65536,t=3,p=4$' + rnd(ALNUM + "+/", 22) + '$' + rnd(ALNUM + "+/", 43) + ' -->')

# 109 UK phone + NINO in email, at end with full stop
ph = uk_phone(2); n = uk_nino()
S(EN, "email", f"Hi,\n\nFollowing our call, please update my records. My National Insurance number is {n}. Best number to reach me is {ph}.",
  ("uk_nino", n), ("phone", ph))

# 110 negative: ticket with redacted PII
S(EN, "support_ticket", "Identity check passed. SSN: ***-**-6789 (last 4 verified), DOB on file, phone (•••) •••-0142. No changes made.")

# =========================== DEUTSCH ======================================
# 111 chat Steuer-ID
st = de_steuer_id(); stf = steuer_fmt(st)
S(DE, "chat", f"Hi Jana, für die Lohnabrechnung brauch ich noch deine Steuer-ID. Meine steht hier: {stf} – deine müsste auf dem Brief vom BZSt sein.",
  ("de_steuer_id", stf))

# 112 email IBAN DE spaced + phone
ib = iban("DE"); ibs = iban_spaced(ib); ph = de_phone(1)
S(DE, "email", f"Sehr geehrte Damen und Herren,\n\nbitte überweisen Sie die Kaution künftig auf mein neues Konto: IBAN {ibs}, BIC COBADEFFXXX.\n"
  f"Bei Rückfragen erreichen Sie mich unter {ph}.\n\nMit freundlichen Grüßen\nMarkus Brandl", ("iban", ibs), ("phone", ph))

# 113 negative: IBAN masked + Rechnungsnummer
S(DE, "email", "Hallo Frau Keller,\n\nder Betrag von 1.249,00 € wurde am 03.02. von Ihrem Konto DE** **** **** **** **12 34 abgebucht. "
  "Rechnungsnummer RE-2025-004711, Kundennummer 88120934.\n\nViele Grüße\nIhr Abrechnungsteam")

# 114 ticket card German
c = card("visa"); cf = fmt_card(c, " ")
S(DE, "support_ticket", f"Kundin meldet doppelte Abbuchung. Kartennummer laut Kundin: {cf}. Gültig bis 03/27. Bitte Chargeback prüfen.", ("card", cf))

# 115 negative ticket: Sendungsnummer, Artikelnummer, EAN
S(DE, "support_ticket", "Paket mit Sendungsnummer 00340434161094042557 kam beschädigt an. Artikel-Nr. 4711-0815, EAN 4006381333931. Ersatz wurde veranlasst.")

# 116 .env with DB password and Telegram
pw = password(); tg = telegram()
S(DE, "config_env", f"# Produktivsystem – NICHT committen!\nDB_HOST=db01.intern\nDB_USER=shop\nDB_PASS={pw}\nTELEGRAM_TOKEN={tg}\n",
  ("password", pw), ("telegram_token", tg))

# 117 negative .env German comments with template
S(DE, "config_env", "# Zugangsdaten kommen aus dem Vault, hier nur Platzhalter\nDB_PASS=${DB_PASS}\nSMTP_PASSWORT=bitte-eintragen\nAPI_KEY=<hier-deinen-key-einfügen>\n")

# 118 chat: password in prose German
pw = password()
S(DE, "chat", f"Das WLAN-Passwort für die Ferienwohnung lautet übrigens {pw}. Router steht im Flur neben der Garderobe.", ("password", pw))

# 119 negative chat: prose about passwords
S(DE, "chat", "Kannst du mir das neue Passwort für den Drucker schicken? Ich hab's mir nicht aufgeschrieben. Aber bitte nicht per Mail, lieber kurz anrufen.")

# 120 negative: Passwortrichtlinie
S(DE, "email", "Liebe Kolleginnen und Kollegen,\n\nab dem 1. April gilt die neue Kennwortrichtlinie: mindestens 14 Zeichen, Groß- und Kleinbuchstaben, "
  "mindestens eine Ziffer. Kennwörter laufen nach 180 Tagen ab.\n\nIhre IT")

# 121 log German with IP + email
ip = pub_ip(); e = f"t.hoffmann@{R.choice(['stadtwerke-nord.de','heller-logistik.de'])}"
S(DE, "log", f"2025-02-18 07:02:44,118 FEHLER [auth] Anmeldung fehlgeschlagen für Benutzer {e} von {ip} (Grund: Konto gesperrt)",
  ("email", e), ("ip_address", ip))

# 122 negative log German
S(DE, "log", "2025-02-18 07:03:10,002 INFO [deploy] Version 2.7.14 ausgerollt, Build 5521, Dauer 00:04:31, Knoten 127.0.0.1:9000, Prüfsumme " + rnd(HEX, 64))

# 123 OpenAI body German user turn with Steuer-ID & IBAN
st = de_steuer_id(); ib = iban("DE")
S(DE, "llm_openai", jd({"model": "gpt-4o", "messages": [
    {"role": "system", "content": "Du bist ein Assistent für Steuerfragen."},
    {"role": "user", "content": f"Hilf mir beim Ausfüllen der Steuererklärung. Meine Steuer-Identifikationsnummer ist {st}, Erstattung bitte auf {ib}."}]}),
  ("de_steuer_id", st), ("iban", ib))

# 124 Anthropic German with tool_result customer record
e = f"sabine.wolf{R.randint(1,99)}@web.de"; ph = de_phone(0); c = card("mc"); cf = fmt_card(c, "-")
S(DE, "llm_anthropic", jd({"model": "claude-sonnet-4-5", "max_tokens": 800, "messages": [
    {"role": "user", "content": [{"type": "text", "text": "Fass bitte den Kundendatensatz zusammen."}]},
    {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_k1", "name": "crm_lookup", "input": {"kunde": "K-20931"}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_k1",
      "content": json.dumps({"name": "Sabine Wolf", "email": e, "telefon": ph, "zahlung": {"karte": cf, "ablauf": "08/29"}}, ensure_ascii=False)}]}]}),
  ("email", e), ("phone", ph), ("card", cf))

# 125 negative Anthropic German: Bestellnummer, Preis
S(DE, "llm_anthropic", jd({"model": "claude-haiku-4-5", "max_tokens": 300, "messages": [{"role": "user", "content": [{"type": "text",
    "text": "Formuliere eine freundliche Antwort: Bestellung 302-4471982-1120331 wurde storniert, 59,90 € werden innerhalb von 5 Werktagen erstattet."}]}]}))

# 126 Gemini German with Steuer-ID written compact + phone
st = de_steuer_id(); ph = de_phone(2)
S(DE, "llm_gemini", jd({"contents": [{"role": "user", "parts": [{"text": f"Schreib eine kurze Mail ans Finanzamt: Ich bin umgezogen, neue Festnetznummer {ph}, IdNr. {st}."}]}]}),
  ("phone", ph), ("de_steuer_id", st))

# 127 Ollama German with AWS creds pasted
ak = aws_key_id(); sk = aws_secret()
S(DE, "llm_ollama", jd({"model": "qwen2.5-coder", "messages": [{"role": "user", "content":
    f"Warum bekomme ich SignatureDoesNotMatch? Ich nutze aws_access_key_id = {ak} und aws_secret_access_key = {sk} im Profil 'default'."}]}),
  ("aws_access_key", ak), ("aws_secret_key", sk))

# 128 negative Ollama: code question without secrets
S(DE, "llm_ollama", jd({"model": "llama3.1", "messages": [{"role": "user", "content":
    "Wie lese ich in Python ein Passwort sicher ein, ohne dass es im Terminal angezeigt wird? getpass oder input?"}]}))

# 129 YAML Spring Boot German comments with password
pw = password_random(15)
S(DE, "config_yaml", f"spring:\n  datasource:\n    url: jdbc:postgresql://pg-cluster.intern:5432/lager\n    username: lager_app\n    password: {pw}   # TODO: in Vault verschieben\n",
  ("password", pw))

# 130 negative YAML with ${}
S(DE, "config_yaml", "spring:\n  datasource:\n    username: ${DB_USER}\n    password: ${DB_PASSWORD:}\n  mail:\n    password: '%(smtp_pw)s'\n")

# 131 properties German with JWT secret (generic) 
js = high_entropy(64, HEX)
S(DE, "config_properties", f"# Signaturschlüssel für Tokens\njwt.signing.secret={js}\njwt.gueltigkeit.minuten=30\n", ("generic_secret", js))

# 132 Python German comments with GitLab token
gl = gitlab()
S(DE, "code_python", f"import gitlab\n\n# Zugriffstoken vom Service-Account (läuft Ende Juni ab)\ngl = gitlab.Gitlab('https://gitlab.firma.de', private_token='{gl}')\n",
  ("gitlab_token", gl))

# 133 shell history German user with Slack user token
su = slack_user()
S(DE, "shell_history", f"  88  curl -s -H 'Authorization: Bearer {su}' https://slack.com/api/users.list > nutzer.json\n  89  wc -l nutzer.json",
  ("slack_token", su))

# 134 Slack webhook in German chat
wh = slack_webhook()
S(DE, "chat", f"Hab den Webhook für den Kanal #störungen angelegt: {wh}\nKönnt ihr den in Grafana hinterlegen?", ("slack_webhook", wh))

# 135 Discord webhook in env German
dw = discord_webhook()
S(DE, "config_env", f"# Benachrichtigungen an den Gilden-Server\nDISCORD_WEBHOOK_URL={dw}\nMELDE_INTERVALL=300\n", ("discord_webhook", dw))

# 136 Discord token in German chat
dt = discord_token()
S(DE, "chat", f"Mein Bot geht nicht online 😩 hier der Token, vielleicht ist der falsch: {dt}", ("discord_token", dt))

# 137 negative German chat: token masked
S(DE, "chat", "Token hab ich neu generiert, der alte (fängt mit MTA… an) ist ungültig. Den neuen schick ich dir über Bitwarden, nicht hier.")

# 138 Stripe restricted key in German code
rk = stripe("rk_live_")
S(DE, "code_js", f"// Eingeschränkter Schlüssel nur für Auszahlungen\nconst stripe = require('stripe')('{rk}');\n", ("stripe_key", rk))

# 139 negative: Stripe publishable key in HTML German
S(DE, "html", f'<!-- Öffentlicher Schlüssel, darf ins Frontend -->\n<script>const stripe = Stripe("pk_live_{rnd_mixed(ALNUM,24)}");</script>\n<button id="kasse">Zur Kasse</button>')

# 140 Anthropic key in German .env
ak2 = anthropic()
S(DE, "config_env", f"ANTHROPIC_API_KEY=\"{ak2}\"\nMODELL=claude-sonnet-4-5\nMAX_TOKENS=4096\n", ("anthropic_key", ak2))

# 141 OpenAI legacy key German ticket
ok = openai_legacy()
S(DE, "support_ticket", f"Kunde hat im Chat seinen OpenAI-Schlüssel gepostet ({ok}). Bitte Kunde informieren, dass er den Schlüssel widerrufen soll.",
  ("openai_key", ok))

# 142 negative: OpenAI key placeholder German docs
S(DE, "markdown", "## Einrichtung\n\n1. Kopiere `.env.example` nach `.env`.\n2. Trage deinen Schlüssel ein: `OPENAI_API_KEY=sk-...`\n3. Starte mit `npm run dev`.\n")

# 143 HF token in German notebook
h = hf()
S(DE, "code_python", f"from huggingface_hub import login\n# Lesezugriff reicht für das Modell\nlogin(token=\"{h}\")\n", ("huggingface_token", h))

# 144 npm token in German GitHub Actions (hardcoded — bad)
nt = npm()
S(DE, "config_github_actions", f"      - name: Paket veröffentlichen\n        run: npm publish --access public\n        env:\n          NODE_AUTH_TOKEN: {nt}  # TODO: in Secrets verschieben\n",
  ("npm_token", nt))

# 145 negative GitHub Actions German
S(DE, "config_github_actions", "      - name: Anmelden bei der Registry\n        uses: docker/login-action@v3\n        with:\n          username: ${{ github.actor }}\n          password: ${{ secrets.GITHUB_TOKEN }}\n")

# 146 dockerhub + pypi German -> package_registry_token
dk = dockerhub(); pp = pypi()
S(DE, "shell_history", f"echo '{dk}' | docker login -u lagerbot --password-stdin\ntwine upload dist/* -u __token__ -p {pp}",
  ("package_registry_token", dk), ("package_registry_token", pp))

# 147 Azure client secret German email
acs = azure_client_secret()
S(DE, "email", f"Hallo Team,\n\nhier das neue Client-Secret für die App-Registrierung „Reporting“: {acs}\nGültig bis 31.12.2026.\n\nGruß\nDennis",
  ("azure_key", acs))

# 148 GCP service account German chat
sa, key = gcp_sa_json("lager-analytics-20931")
bl = key.split("\\n")[1]
S(DE, "chat", f"Hier die JSON für den Dienstkonto-Zugang, leg sie bitte als Secret im Cluster ab:\n{sa}",
  ("gcp_credentials", bl), ("private_key", bl), ("email", "ci-deployer@lager-analytics-20931.iam.gserviceaccount.com"))

# 149 negative: German SSH public key + fingerprint
S(DE, "email", f"Moin,\n\nbitte meinen Schlüssel auf dem Sprungserver hinterlegen:\nssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ{rnd_mixed(ALNUM+'+/',60)} k.wagner@laptop\n"
  f"Fingerprint: SHA256:{rnd_mixed(ALNUM+'+/',43)}\n\nDanke!")

# 150 private key German ticket
k = pem("ed")
S(DE, "support_ticket", f"Anhang aus E-Mail des Dienstleisters (privater Schlüssel, sofort austauschen!):\n{k}", ("private_key", body_line(k)))

# 151 url credentials German redis
pw = pw_url()
S(DE, "config_env", f"REDIS_URL=redis://default:{pw}@cache-01.rz-nord.intern:6379/2\nCACHE_TTL_SEKUNDEN=600\n", ("url_credentials", pw))

# 152 url credentials German mongo in code
pw = pw_url()
S(DE, "code_js", f"// Verbindung zur Produktionsdatenbank\nconst client = new MongoClient('mongodb+srv://auswertung:{pw}@cluster0.ab12c.mongodb.net/?retryWrites=true');\n",
  ("url_credentials", pw))

# 153 JWT German chat
j = jwt({"sub": "mitarbeiter-4471", "rolle": "admin", "exp": 1767225600})
S(DE, "chat", f"Der Login klappt, aber die API sagt 401. Das ist mein Token aus dem LocalStorage: {j} – abgelaufen?", ("jwt", j))

# 154 negative: JWT-Struktur erklärt ohne echtes Token
S(DE, "chat", "Ein JWT besteht aus Header, Payload und Signatur, getrennt durch Punkte – also xxxxx.yyyyy.zzzzz. Den Header erkennst du am Präfix eyJ.")

# 155 CSV German with phone, IBAN, Steuer-ID
rows = [(de_phone(3), iban("DE"), de_steuer_id()), (de_phone(5), iban("AT"), de_steuer_id())]
csv = "Name;Telefon;IBAN;Steuer-ID;Eintritt\n" + "\n".join(f"{n};{p};{i};{s};0{k+1}.04.2024" for k, (n, (p, i, s)) in enumerate(zip(["Meier, Lukas", "Öztürk, Elif"], rows)))
S(DE, "csv", csv, *[x for p, i, s in rows for x in (("phone", p), ("iban", i), ("de_steuer_id", s))])

# 156 negative CSV German: PLZ, Preise, Datum
S(DE, "csv", "Artikel;Menge;Preis;PLZ;Lieferdatum\nSchrauben M6;200;12,40 €;80331;14.03.2025\nDübel 8mm;150;6,90 €;20095;15.03.2025\nWinkel;40;18,20 €;50667;15.03.2025")

# 157 Markdown German with CH IBAN
ib = iban("CH")
S(DE, "markdown", f"### Spendenkonto\n\n| Empfänger | IBAN | Zweck |\n|---|---|---|\n| Tierschutzverein Aarau | {iban_spaced(ib)} | Futterspende |\n",
  ("iban", iban_spaced(ib)))

# 158 negative Markdown German: Handelsregister, USt-IdNr
S(DE, "markdown", "**Impressum**\n\nMusterfirma GmbH · Amtsgericht München HRB 123456 · USt-IdNr. DE 129 273 398 · Geschäftsführer: K. Lenz")

# 159 OCR German with Steuer-ID from Lohnsteuerbescheinigung
st = de_steuer_id()
S(DE, "ocr", f"Ausdruck der elektronischen Lohnsteuerbescheinigung für 2024\nIdentifikationsnummer: {steuer_fmt(st)}\nPersonalnummer: 004471\nSteuerklasse 1  Kinderfreibeträge 0,5",
  ("de_steuer_id", steuer_fmt(st)))

# 160 negative OCR German: Kassenbon
S(DE, "ocr", "REWE Markt GmbH\nBIO MILCH 3,8%     1,29 A\nVOLLKORNBROT      2,49 A\nSUMME EUR         3,78\nGeg. EC-Karte     3,78\nKartennr. ############3317\nTSE-Signatur: " + rnd(ALNUM + "+/", 32))

# 161 HTML form German with phone + email prefilled
e = f"info@{R.choice(['baeckerei-schulte.de','malerbetrieb-kruse.de'])}"; ph = de_phone(6)
S(DE, "html", f'<form method="post" action="/kontakt">\n  <label>E-Mail <input name="email" value="{e}"></label>\n  <label>Telefon <input name="tel" value="{ph}"></label>\n</form>',
  ("email", e), ("phone", ph))

# 162 negative HTML German: placeholders
S(DE, "html", '<input type="email" placeholder="max.mustermann@…" >\n<input type="tel" placeholder="z. B. 0151 …">\n<input type="password" placeholder="Passwort (mind. 10 Zeichen)">')

# 163 Java German with Steuer-ID in test data? -> use SEPA code with IBAN
ib = iban("DE")
S(DE, "code_java", f'// Lastschrift für Mitglied 4471\nSepaMandat m = new SepaMandat("Vereinsbeitrag", "{ib}", LocalDate.of(2025, 1, 15));\nservice.einziehen(m, new BigDecimal("48.00"));',
  ("iban", ib))

# 164 negative Java German: IBAN validation regex, no value
S(DE, "code_java", '// Prüft das Format einer deutschen IBAN (22 Stellen)\nprivate static final Pattern IBAN_DE = Pattern.compile("^DE\\\\d{20}$");\nif (!IBAN_DE.matcher(eingabe).matches()) throw new UngueltigeIbanException();')

# 165 Go German comment with mailchimp key
mc = mailchimp()
S(DE, "code_go", f'// Newsletter-Anbindung\nclient := mailchimp.New("{mc}")\nliste, _ := client.GetList("a1b2c3d4e5")', ("saas_token", mc))

# 166 PHP German with password for SMTP
pw = password()
S(DE, "code_php", f"$mail->Host = 'smtp.ionos.de';\n$mail->Username = 'buchhaltung';\n$mail->Password = '{pw}'; // bitte nicht ändern\n$mail->Port = 587;",
  ("password", pw))

# 167 negative PHP German: env
S(DE, "code_php", "$mail->Password = getenv('SMTP_PASSWORT');\n$mail->Username = $_ENV['SMTP_USER'];\n// Passwort niemals im Code ablegen!")

# 168 Terraform German comment with DO token (cloud_token)
do = do_token()
S(DE, "config_terraform", f'# Provider für die Testumgebung\nprovider "digitalocean" {{\n  token = "{do}"\n}}\n', ("cloud_token", do))

# 169 negative Terraform German
S(DE, "config_terraform", '# Token kommt aus der Umgebungsvariable DIGITALOCEAN_TOKEN\nprovider "digitalocean" {}\n\nvariable "region" {\n  default = "fra1"\n}\n')

# 170 German email with KR RRN / foreign staff
rr = kr_rrn()
S(DE, "email", f"Hallo Herr Lee,\n\nfür die Anmeldung bei der Krankenkasse benötigen wir Ihre koreanische Registrierungsnummer. In Ihren Unterlagen steht {rr} – ist das korrekt?\n\nViele Grüße\nPersonalabteilung",
  ("kr_rrn", rr))

# 171 German ticket with Codice Fiscale + ES NIE
cf = it_cf(); nie = es_nie()
S(DE, "support_ticket", f"Neue Mitarbeitende aus Mailand und Valencia: Codice Fiscale {cf}, NIE {nie}. Bitte im HR-System anlegen.",
  ("it_codice_fiscale", cf), ("es_dni", nie))

# 172 German chat with BSN + NIR (Grenzgänger)
bsn = nl_bsn(); nir = fr_nir()
S(DE, "chat", f"Für den Grenzgänger-Antrag: meine BSN ist {bsn}, die französische Sozialversicherungsnr. meiner Frau {nir}.", ("nl_bsn", bsn), ("fr_nir", nir))

# 173 German: Aadhaar + JP MyNumber in onboarding spreadsheet
a = aadhaar(); mn = jp_mynumber()
S(DE, "spreadsheet", f"Name\tLand\tAusweis-Nr.\tStatus\nR. Iyer\tIndien\t{a}\tgeprüft\nY. Tanaka\tJapan\t{mn}\toffen", ("in_aadhaar", a), ("jp_mynumber", mn))

# 174 negative spreadsheet German: Versionsnummern, Zeitstempel
S(DE, "spreadsheet", "Server\tOS\tKernel\tLetzter Neustart\nsrv-app-01\tDebian 12.8\t6.1.0-28-amd64\t2025-02-11 03:12\nsrv-app-02\tDebian 12.8\t6.1.0-28-amd64\t2025-02-11 03:14")

# 175 German log with IPv6 + private IP
v6 = ipv6(); ip = priv_ip()
S(DE, "log", f"Feb 18 09:12:01 fw01 kernel: VERWORFEN IN=eth0 SRC={v6} DST={ip} PROTO=TCP DPT=22", ("ip_address", v6), ("ip_address", ip))

# 176 negative German: Koordinaten, Uhrzeit, Farbcodes
S(DE, "chat", "Treffpunkt ist 52.520008, 13.404954 um 14:30. Für die Folien bitte die Hausfarben #003366 und #E30613 nehmen.")

# 177 German Airtable / Doppler
at = airtable(); dp = doppler(); sq = square()
S(DE, "config_env", f"AIRTABLE_TOKEN={at}\nDOPPLER_TOKEN={dp}\n# beide nur Lesezugriff\nSQUARE_ACCESS_TOKEN={sq}  # Kassensystem Filiale Köln\n",
  ("saas_token", at), ("cloud_token", dp), ("payment_token", sq))

# 178 negative German: UUIDs und Git-SHA
S(DE, "shell_history", f"git checkout {fake_sha()}\nkubectl delete pod api-{rnd('abcdefghijklmnopqrstuvwxyz0123456789',5)}\n# Ticket {uuid()} erledigt")

# 179 German ticket: Bearer generic secret in webhook config
gs = high_entropy(36, ALNUM + "-_")
S(DE, "support_ticket", f"Webhook liefert 403. Konfiguration laut Kunde: URL https://erp.kunde.de/hooks/eingang, Header „Authorization: Bearer {gs}“. Bitte prüfen.",
  ("generic_secret", gs))

# 180 German US-SSN (Expat) + US phone
ssn = us_ssn(); up = us_phone(3)
S(DE, "email", f"Hallo,\n\nfür die US-Steuererklärung von Frau Becker: SSN {ssn}, Telefonnummer in Boston {up}.\n\nBeste Grüße\nKanzlei Roth",
  ("us_ssn", ssn), ("phone", up))


write_corpus(OUT, sys.argv[1])

if __name__ == "__main__":
    from collections import Counter
    print("total", len(OUT), "negatives", sum(1 for d in OUT if not d["labels"]))
    print("lang", dict(Counter(d["lang"] for d in OUT)))
    print("neg by lang", dict(Counter(d["lang"] for d in OUT if not d["labels"])))
    print("kind", dict(sorted(Counter(d["kind"] for d in OUT).items())))
    print("type", dict(sorted(Counter(l["type"] for d in OUT for l in d["labels"]).items())))
    print("len", min(len(d["text"]) for d in OUT), max(len(d["text"]) for d in OUT))
