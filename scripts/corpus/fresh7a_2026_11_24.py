"""Fresh set 7a (2026-11-24): written by a helper who read only fakegen.py, never the rules
(English 60, Korean 50); scored once (docs/detection.md). Values are generated (fake): see fakegen.py.
Usage: python3 fresh7a_2026_11_24.py OUT.jsonl
"""
import sys, os, json, string
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *  # noqa
from fakegen import R, rnd, rnd_mixed, ALNUM, HEX
seed(7701)
OUT = []
S = sample_adder(OUT, "f7a")
# S(lang, kind, text, (type, value), (type, value), ...)

D = string.digits
LOW = string.ascii_lowercase + string.digits


def J(o, indent=None, ascii=False):
    return json.dumps(o, ensure_ascii=ascii, indent=indent)


def esc(v):
    """How a string value appears inside JSON text."""
    return json.dumps(v)[1:-1]


def kr_phone(sep="-"):
    return f"010{sep}{rnd(D, 4)}{sep}{rnd(D, 4)}"


def us_phone():
    return f"({R.choice(['415', '212', '617', '312', '206'])}) {rnd('23456789', 1)}{rnd(D, 2)}-{rnd(D, 4)}"


def datadog_key():
    return rnd(HEX, 32)


def braintree():
    return "access_token$production$" + rnd(LOW, 16) + "$" + rnd(HEX, 32)


def cloudflare_token():
    return rnd_mixed(ALNUM + "-_", 40)


def mistral_key():
    return rnd_mixed(ALNUM, 32)


def cohere_key():
    return rnd_mixed(ALNUM, 40)


def uuid4():
    h = rnd(HEX, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{R.choice('89ab')}{h[17:20]}-{h[20:]}"


def sha():
    return rnd(HEX, 40)


def sha256():
    return rnd(HEX, 64)


def bcrypt():
    return "$2b$12$" + rnd(ALNUM + "./", 53)


# =====================================================================================
# English: LLM API request bodies
# =====================================================================================

# 1 OpenAI chat: .env pasted into user turn
k_oa = openai_proj(); pw1 = password(); dburl = f"postgres://billing_svc:{pw1}@pg-prod-02.internal.acmepay.io:5432/ledger"
S("en", "json", J({"model": "gpt-4o", "temperature": 0.2, "messages": [
    {"role": "system", "content": "You are a senior DevOps assistant. Answer concisely."},
    {"role": "user", "content": f"my worker crashes on boot, here's the .env:\n\nNODE_ENV=production\nDATABASE_URL={dburl}\nOPENAI_API_KEY={k_oa}\nLOG_LEVEL=debug\n\nerror is `ECONNREFUSED 10.0.3.17:5432`. why?"}]}),
  ("url_credentials", dburl), ("openai_key", k_oa))

# 2 OpenAI chat with tool_calls arguments as JSON string
em2 = "dana.whitfield@outlook.com"; ph2 = "+1 " + us_phone()
S("en", "json", J({"model": "gpt-4.1-mini", "messages": [
    {"role": "user", "content": "Please update my contact details on order #A-558201, my card ending 4242 stays the same."},
    {"role": "assistant", "content": None, "tool_calls": [{"id": "call_" + rnd(ALNUM, 24), "type": "function", "function": {
        "name": "update_customer", "arguments": J({"order_id": "A-558201", "email": em2, "phone": ph2, "card_last4": "4242"})}}]},
    {"role": "tool", "tool_call_id": "call_x", "content": "{\"status\":\"ok\"}"}],
    "tools": [{"type": "function", "function": {"name": "update_customer", "parameters": {"type": "object", "properties": {
        "email": {"type": "string"}, "phone": {"type": "string"}}}}}]}),
  ("email", em2), ("phone", ph2))

# 3 Anthropic: system prompt with vendor key, user with SSN
sg3 = sendgrid(); ssn3 = us_ssn()
S("en", "json", J({"model": "claude-sonnet-4-5", "max_tokens": 1024,
    "system": f"You draft transactional emails. When asked to send, call send_mail. Internal SendGrid key (do not reveal): {sg3}",
    "messages": [{"role": "user", "content": [{"type": "text", "text": f"Send a W-2 correction notice to Marcus Oyelaran, SSN {ssn3}, at his home address 1180 Pine St, Apt 4, Denver CO 80203."}]}]}, indent=2),
  ("saas_token", sg3), ("us_ssn", ssn3))

# 4 Anthropic tool_result with customer record
c4 = card("mc"); em4 = "r.castellanos@gmail.com"; ssn4 = us_ssn("")
rec4 = J({"customer_id": 88213, "name": "Rosa Castellanos", "email": em4, "ssn": ssn4, "card": fmt_card(c4, "-"), "exp": "09/28"})
S("en", "json", J({"model": "claude-3-5-haiku-latest", "max_tokens": 512, "messages": [
    {"role": "user", "content": "Why was customer 88213's payment declined?"},
    {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_01" + rnd(ALNUM, 22), "name": "lookup_customer", "input": {"customer_id": 88213}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_01abc", "content": rec4}]}]}),
  ("email", em4), ("us_ssn", ssn4), ("card", fmt_card(c4, "-")))

# 5 Gemini: HR email summarized (UK NINO, GB IBAN)
ni5 = uk_nino(); ni5s = f"{ni5[:2]} {ni5[2:4]} {ni5[4:6]} {ni5[6:8]} {ni5[8]}"; ib5 = iban("GB")
S("en", "json", J({"contents": [{"role": "user", "parts": [{"text": f"Summarise this for the payroll channel:\n---\nFrom: HR Ops\nSubject: New starter - Priya Nair\n\nPriya starts Monday. NI number {ni5s}. Salary to be paid into {iban_spaced(ib5)} (Monzo). Please set up pension auto-enrolment.\n---"}]}],
    "generationConfig": {"temperature": 0.3, "maxOutputTokens": 400}}),
  ("uk_nino", ni5s), ("iban", iban_spaced(ib5)))

# 6 Gemini functionResponse with AWS keys
ak6 = aws_key_id(); sk6 = aws_secret()
S("en", "json", J({"contents": [
    {"role": "user", "parts": [{"text": "Create a temp deploy user and tell me the creds"}]},
    {"role": "model", "parts": [{"functionCall": {"name": "iam_create_access_key", "args": {"user": "deploy-tmp"}}}]},
    {"role": "function", "parts": [{"functionResponse": {"name": "iam_create_access_key", "response": {"AccessKey": {
        "UserName": "deploy-tmp", "AccessKeyId": ak6, "Status": "Active", "SecretAccessKey": sk6, "CreateDate": "2025-11-20T08:14:02Z"}}}}]}],
    "tools": [{"functionDeclarations": [{"name": "iam_create_access_key", "description": "Creates an IAM access key"}]}]}, indent=1),
  ("aws_access_key", ak6), ("aws_secret_key", sk6))

# 7 Ollama generate: python with slack tokens
sb7 = slack_bot(); wh7 = slack_webhook()
code7 = f'import requests\nfrom slack_sdk import WebClient\n\nclient = WebClient(token="{sb7}")\nALERT_HOOK = "{wh7}"\n\ndef alert(msg):\n    requests.post(ALERT_HOOK, json={{"text": msg}})\n'
S("en", "json", J({"model": "qwen2.5-coder:14b", "prompt": "Refactor this so the bot and the webhook share one retry helper:\n\n```python\n" + code7 + "```", "stream": False}),
  ("slack_token", sb7), ("slack_webhook", wh7))

# 8 Ollama chat: git push error with token in remote URL
gh8 = github(); url8 = f"https://oauth2:{gh8}@github.com/northwind-labs/infra-live.git"
S("en", "json", J({"model": "llama3.1:8b", "messages": [
    {"role": "user", "content": f"git keeps failing:\n$ git push origin main\nremote: Permission to northwind-labs/infra-live.git denied.\nfatal: unable to access '{url8}/': The requested URL returned error: 403\nwhat do I do"}], "stream": True}),
  ("url_credentials", url8), ("github_token", gh8))

# 9 OpenAI Responses API: stack trace with bearer JWT
jw9 = jwt({"sub": "u_40981", "email": "k.ito@fastmail.jp", "role": "admin", "iat": 1763912000})
S("en", "json", J({"model": "gpt-5-mini", "instructions": "You are a backend debugging assistant.", "input": f"Got this in prod:\n\naxios.AxiosError: Request failed with status code 401\n    at settle (node_modules/axios/lib/core/settle.js:19:12)\n  config.headers.Authorization: 'Bearer {jw9}'\n  config.url: 'https://api.internal.example.net/v2/orders'\n\nThe token looks fine to me?"}),
  ("jwt", jw9))

# 10 OpenAI chat: RAG docs in system message (German employee)
ib10 = iban("DE"); st10 = de_steuer_id(); st10s = f"{st10[:2]} {st10[2:5]} {st10[5:8]} {st10[8:]}"
S("en", "json", J({"model": "gpt-4o-mini", "messages": [
    {"role": "system", "content": f"Answer using only these retrieved documents.\n\n[doc 1: employment_contract_schmidt.pdf p.3]\nEmployee: Jonas Schmidt, born 14.03.1988\nTax ID (Steuer-IdNr.): {st10s}\nSalary account: {ib10}\n\n[doc 2: handbook.md]\nPayroll runs on the 25th."},
    {"role": "user", "content": "When does Jonas get paid and to which account?"}]}),
  ("de_steuer_id", st10s), ("iban", ib10))

# 11 Anthropic tool_use with SQL containing SSN
ssn11 = us_ssn()
S("en", "json", J({"model": "claude-opus-4-1", "max_tokens": 2048, "messages": [
    {"role": "user", "content": "find the claim for the policyholder I mentioned"},
    {"role": "assistant", "content": [{"type": "text", "text": "Querying the claims DB."}, {"type": "tool_use", "id": "toolu_01Q" + rnd(ALNUM, 20), "name": "run_sql",
        "input": {"query": f"SELECT claim_id, status FROM claims WHERE holder_ssn = '{ssn11}' ORDER BY filed_at DESC LIMIT 5"}}]}]}),
  ("us_ssn", ssn11))

# 12 HARD NEG OpenAI chat: order ids, UUIDs, tracking numbers
S("en", "json", J({"model": "gpt-4o", "user": "usr_" + rnd(HEX, 16), "messages": [
    {"role": "user", "content": f"Reconcile these shipments:\n- order ORD-2025-118342, tracking 1Z999AA10123456784, request_id {uuid4()}\n- order ORD-2025-118357, tracking 9400 1118 9922 3816 5420 17, request_id {uuid4()}\nInvoice INV-00098123 covers both. Batch committed in {sha()}."}]}))

# 13 HARD NEG Anthropic: code review with placeholders, digests
S("en", "json", J({"model": "claude-sonnet-4-5", "max_tokens": 800, "messages": [{"role": "user", "content":
    "Review this README section:\n\n## Setup\n1. Copy `.env.example` to `.env`\n2. Set `ANTHROPIC_API_KEY=sk-ant-...` (get one from the console)\n3. Set `OPENAI_API_KEY=<your-api-key>`\n4. Verify the download: `sha256sum app.tar.gz` should print `" + sha256() + "`\n5. Docker image: `ghcr.io/acme/app@sha256:" + sha256() + "`\n\nIs it clear enough?"}]}))

# 14 HARD NEG Gemini: vendor doc example values
S("en", "json", J({"systemInstruction": {"parts": [{"text": "You explain cloud docs to beginners."}]}, "contents": [{"role": "user", "parts": [{"text":
    "The AWS docs show `aws configure` with AWS Access Key ID [None]: AKIAIOSFODNN7EXAMPLE and secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY. Also the Stripe page says the publishable key pk_live_" + rnd_mixed(ALNUM, 24) + " can sit in frontend code. Are these real?"}]}]}))

# 15 Ollama generate with escaped PEM
pk15 = pem("ec")
S("en", "json", J({"model": "mistral:7b", "prompt": "What kind of key is this and how do I convert it to PKCS#1?\n\n" + pk15 + "\n", "options": {"num_ctx": 4096}}),
  ("private_key", esc(pk15)))

# 16 OpenAI chat with unicode escapes: French patient
nir16 = fr_nir(); em16 = "helene.lefevre@orange.fr"
S("en", "json", J({"model": "gpt-4o", "messages": [{"role": "user", "content":
    f"Translate the referral letter to English:\n\nPatiente : Hélène Lefèvre\nN° de sécurité sociale : {nir16}\nContact : {em16}, 06 12 48 77 30\nMotif : suivi post-opératoire."}]}, ascii=True),
  ("fr_nir", nir16), ("email", em16), ("phone", "06 12 48 77 30"))

# 17 Responses API input list: Aadhaar
aa17 = aadhaar(); aa17s = f"{aa17[:4]} {aa17[4:8]} {aa17[8:]}"; ph17 = f"+91 98{rnd(D, 3)} {rnd(D, 5)}"
S("en", "json", J({"model": "gpt-4.1", "instructions": "Extract KYC fields as JSON.", "input": [{"role": "user", "content": [
    {"type": "input_text", "text": f"KYC form scan OCR:\nName: Arjun Mehta\nAadhaar No: {aa17s}\nMobile: {ph17}\nPAN: on file"}]}]}),
  ("in_aadhaar", aa17s), ("phone", ph17))

# 18 Anthropic: Stripe secret in system, publishable near-miss
sk18 = stripe("sk_live_"); pk18 = stripe("pk_live_")
S("en", "json", J({"model": "claude-sonnet-4-5", "max_tokens": 600, "system": f"You are the billing agent for Brightlane. Stripe config: publishable={pk18} secret={sk18}. Never print the secret.", "messages": [
    {"role": "user", "content": "Refund invoice in_1QxZ" + rnd(ALNUM, 18) + " please"}]}),
  ("stripe_key", sk18))

# 19 OpenAI: tool result with Singapore NRIC
ic19 = sg_nric(); ph19 = f"+65 9{rnd(D, 3)} {rnd(D, 4)}"
S("en", "json", J({"model": "gpt-4o-mini", "messages": [
    {"role": "user", "content": "Check if Tan Wei Ling's visa appointment is confirmed"},
    {"role": "assistant", "tool_calls": [{"id": "call_9", "type": "function", "function": {"name": "get_appointment", "arguments": "{\"name\":\"Tan Wei Ling\"}"}}]},
    {"role": "tool", "tool_call_id": "call_9", "content": J({"name": "Tan Wei Ling", "nric": ic19, "mobile": ph19, "slot": "2025-12-03T10:30+08:00", "status": "CONFIRMED"})}]}),
  ("sg_nric", ic19), ("phone", ph19))

# 20 Gemini systemInstruction with HF + Replicate
hf20 = hf(); r820 = replicate()
S("en", "json", J({"systemInstruction": {"parts": [{"text": f"You orchestrate model downloads. Use HF token {hf20} for gated repos and Replicate token {r820} for hosted inference."}]},
    "contents": [{"role": "user", "parts": [{"text": "Pull meta-llama/Llama-3.2-1B and run a quick benchmark"}]}]}),
  ("huggingface_token", hf20), ("ai_api_key", r820))

# 21 OpenAI: discord + telegram bot code
dt21 = discord_token(); tg21 = telegram()
S("en", "json", J({"model": "gpt-4o", "messages": [{"role": "user", "content":
    f"port this bot from discord.py to aiogram:\n\n```py\nimport discord\nTOKEN = '{dt21}'\nclient = discord.Client(intents=discord.Intents.default())\nclient.run(TOKEN)\n```\nthe telegram token is {tg21}"}]}),
  ("discord_token", dt21), ("telegram_token", tg21))

# 22 Anthropic: GCP service account JSON pasted
sa22, key22 = gcp_sa_json("ledger-prod-4471")
S("en", "json", J({"model": "claude-sonnet-4-5", "max_tokens": 1000, "messages": [{"role": "user", "content": [
    {"type": "text", "text": "terraform says invalid_grant with this SA file, what's wrong?"},
    {"type": "text", "text": sa22}]}]}),
  ("gcp_credentials", esc(key22)))

# 23 HARD NEG OpenAI: log analysis with ids/timestamps
S("en", "json", J({"model": "gpt-4o-mini", "messages": [{"role": "user", "content":
    f"Summarize:\n2025-11-23T22:41:07.512Z INFO  trace_id={rnd(HEX, 32)} span_id={rnd(HEX, 16)} GET /healthz 200 1.8ms\n2025-11-23T22:41:09.004Z WARN  build=v3.14.2-rc.1+{rnd(HEX, 7)} pod=api-7c9d8f6b5-x2kqp heap=81%\n2025-11-23T22:41:12.330Z INFO  job {uuid4()} finished, oid 1.3.6.1.4.1.2021.10.1.3.1 polled"}]}))

# 24 near-miss Ollama chat: masked card, invoice, bcrypt + real email
em24 = "j.okafor@protonmail.com"
S("en", "json", J({"model": "llama3.2", "messages": [{"role": "user", "content":
    f"Customer {em24} says she was charged twice. Our records: card **** **** **** 1881, invoice INV-2025-00412, amount $49.00, user row password_hash={bcrypt()}. Draft an apology."}]}),
  ("email", em24))

# 25 Gemini: multinational HR (NL BSN, ES DNI, IT CF, JP My Number)
bsn = nl_bsn(); dni = es_dni(); cf = it_cf(); myn = jp_mynumber(); myns = f"{myn[:4]} {myn[4:8]} {myn[8:]}"
S("en", "json", J({"contents": [{"role": "user", "parts": [{"text": "Turn this into a markdown table:"}, {"text":
    f"Relocation batch Q1:\n* Sanne de Vries - BSN {bsn} - Amsterdam\n* Lucía Romero - DNI {dni} - Madrid\n* Matteo Greco - codice fiscale {cf} - Milano\n* Haruto Sato - My Number {myns} - Tokyo"}]}]}),
  ("nl_bsn", bsn), ("es_dni", dni), ("it_codice_fiscale", cf), ("jp_mynumber", myns))

# 26 OpenAI Responses: Azure config
az26 = azure_client_secret(); azs26 = azure_storage_key()
S("en", "json", J({"model": "o4-mini", "input": f"Convert to Bicep parameters:\n\nAZURE_TENANT_ID=72f988bf-86f1-41af-91ab-2d7cd011db47\nAZURE_CLIENT_ID={uuid4()}\nAZURE_CLIENT_SECRET={az26}\nSTORAGE_CONN=DefaultEndpointsProtocol=https;AccountName=stledgerprod;AccountKey={azs26};EndpointSuffix=core.windows.net"}),
  ("azure_key", az26), ("azure_key", azs26))

# 27 Ollama chat: AI keys (groq, perplexity)
gq27 = groq(); px27 = pplx()
S("en", "json", J({"model": "phi4", "messages": [{"role": "system", "content": "You compare LLM providers."}, {"role": "user", "content":
    f"benchmark script uses GROQ_API_KEY={gq27} and PPLX_API_KEY={px27} - why are the latencies so different?"}]}),
  ("ai_api_key", gq27), ("ai_api_key", px27))

# 28 OpenAI chat: card in user message mid-sentence
c28 = card("visa")
S("en", "json", J({"model": "gpt-4o", "messages": [{"role": "user", "content":
    f"hey can you check if {c28} exp 11/27 cvv 318 is a valid visa number? the checkout page keeps rejecting it"}]}),
  ("card", c28))

# =====================================================================================
# English: other kinds
# =====================================================================================

# 29 support ticket
em29 = "tbrennan@brennanplumbing.com"; ph29 = us_phone()
S("en", "prose", f"Ticket #482113 - Priority: High\nFrom: Tom Brennan <{em29}>\n\nHi, since the update on Nov 19 I can't log in. My account phone is {ph29}, please call me back. Order ref PO-77120.\n\nThanks,\nTom",
  ("email", em29), ("phone", ph29))

# 30 HR email with SSN without dashes
ssn30 = us_ssn(""); em30 = "l.moreno@gmail.com"
S("en", "prose", f"Subject: I-9 follow-up\n\nHi Laura,\n\nWe still need your direct deposit form. The SSN on your W-4 reads {ssn30} - please confirm it's correct; the one in Workday is different. You can reply to {em30} or call HR at ext. 4410.\n\nBest,\nPeople Team",
  ("us_ssn", ssn30), ("email", em30))

# 31 chat (slack-like)
pw31 = password()
S("en", "chat", f"[10:02] mike: anyone know the staging admin login?\n[10:03] sarah: user is admin, pw {pw31}\n[10:03] sarah: don't paste it in #general pls\n[10:04] mike: ty 🙏",
  ("password", pw31))

# 32 shell history
gl32 = gitlab(); np32 = npm()
S("en", "code", f"  501  cd ~/src/web-sdk\n  502  export GITLAB_TOKEN={gl32}\n  503  glab mr list\n  504  echo \"//registry.npmjs.org/:_authToken={np32}\" > ~/.npmrc\n  505  npm publish --access public\n  506  git log --oneline -3",
  ("gitlab_token", gl32), ("npm_token", np32))

# 33 CI log with masked and leaked value
dh33 = dockerhub()
S("en", "log", f"2025-11-22T14:03:11Z [build] Step 4/9 : RUN npm ci\n2025-11-22T14:03:40Z [push] Logging in with DOCKERHUB_TOKEN=***\n2025-11-22T14:03:41Z [push] + echo {dh33} | docker login -u acmebot --password-stdin\n2025-11-22T14:03:42Z [push] Login Succeeded\n2025-11-22T14:04:10Z [push] digest: sha256:{sha256()} size: 2417",
  ("package_registry_token", dh33))

# 34 .env
ln34 = linear(); dd34 = datadog_key(); pw34 = password_random()
S("en", "config", f"# production\nAPP_URL=https://app.fieldnote.io\nLINEAR_API_KEY={ln34}\nDD_API_KEY={dd34}\nREDIS_PASSWORD='{pw34}'\nFEATURE_FLAGS=beta_search,new_nav\nSENTRY_RELEASE=2025.11.3",
  ("saas_token", ln34), ("saas_token", dd34), ("password", pw34))

# 35 docker-compose
pw35 = password(); pw35b = password()
S("en", "config", f"services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_USER: orders\n      POSTGRES_PASSWORD: \"{pw35}\"\n  pgadmin:\n    image: dpage/pgadmin4:8.12\n    environment:\n      PGADMIN_DEFAULT_EMAIL: admin@example.com\n      PGADMIN_DEFAULT_PASSWORD: {pw35b}\n    ports: [\"5050:80\"]",
  ("password", pw35), ("password", pw35b))

# 36 Kubernetes secret manifest (stringData) + base64 data
do36 = do_token(); pw36 = password()
S("en", "config", f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: infra-creds\n  namespace: platform\ntype: Opaque\nstringData:\n  DIGITALOCEAN_TOKEN: {do36}\n  SMTP_PASSWORD: {pw36}\n  SMTP_HOST: smtp.mailgun.org",
  ("cloud_token", do36), ("password", pw36))

# 37 Go code
tw37 = twilio_sk(); tw37sec = rnd(ALNUM, 32)
S("en", "code", f'package notify\n\nconst (\n\ttwilioAPIKey    = "{tw37}"\n\ttwilioAPISecret = "{tw37sec}"\n\tfromNumber      = "+15005550006"\n)\n\nfunc New() *Client {{ return &Client{{key: twilioAPIKey, secret: twilioAPISecret}} }}',
  ("saas_token", tw37), ("generic_secret", tw37sec))

# 38 Java stack trace with JDBC URL creds
pw38 = password(); url38 = f"jdbc:mysql://reporting:{pw38}@10.20.4.11:3306/analytics"
S("en", "log", f"2025-11-21 09:12:44,118 ERROR [main] o.h.e.j.s.SqlExceptionHelper - Communications link failure\njava.sql.SQLNonTransientConnectionException: Could not create connection to database server. Attempted url: {url38}\n\tat com.mysql.cj.jdbc.exceptions.SQLError.createSQLException(SQLError.java:111)\n\tat com.mysql.cj.jdbc.ConnectionImpl.connectOneTryOnly(ConnectionImpl.java:956)",
  ("url_credentials", url38))

# 39 CSV table of customers
rows = []; labs = []
for nm in ["Avery Collins", "Ben Hart", "Chloe Park"]:
    e = nm.lower().replace(" ", ".") + "@example.org"; p = us_phone(); c = card(R.choice(["visa", "mc", "amex"]))
    rows.append(f"{nm},{e},{p},{c}"); labs += [("email", e), ("phone", p), ("card", c)]
S("en", "csv", "name,email,phone,card_number\n" + "\n".join(rows), *labs)

# 40 markdown table with near-misses (masked cards, last4) + one real IBAN
ib40 = iban("NL")
S("en", "table", f"| vendor | payout account | card on file | status |\n|---|---|---|---|\n| Hollander BV | {ib40} | — | active |\n| Kettle & Co | NL** **** **** **** 4410 | **** 5521 | paused |\n| Ridgeway LLC | (pending) | ending 0093 | active |",
  ("iban", ib40))

# 41 SQL dump
ssn41a = us_ssn(); ssn41b = us_ssn(); pw41 = bcrypt()
S("en", "code", f"-- MySQL dump 10.13  Distrib 8.0.39\nINSERT INTO `employees` (`id`,`full_name`,`ssn`,`dob`,`pw_hash`) VALUES\n(101,'Greta Lindqvist','{ssn41a}','1984-06-02','{pw41}'),\n(102,'Omar Haddad','{ssn41b}','1991-12-17','{bcrypt()}');",
  ("us_ssn", ssn41a), ("us_ssn", ssn41b))

# 42 TOML config
sq42 = square(); bt42 = braintree()
S("en", "config", f"[payments.square]\nenvironment = \"production\"\naccess_token = \"{sq42}\"\n\n[payments.braintree]\ntoken = \"{bt42}\"\nmerchant_id = \"mrch_7731\"",
  ("payment_token", sq42), ("payment_token", bt42))

# 43 INI with generic secret
gs43 = high_entropy(48)
S("en", "config", f"[auth]\nissuer = https://sso.corp.example\nclient_id = inventory-portal\nclient_secret = {gs43}\nsession_ttl = 3600\n",
  ("generic_secret", gs43))

# 44 Python code with Anthropic key and Mistral
an44 = anthropic(); mi44 = mistral_key()
S("en", "code", f'import anthropic, os\nfrom mistralai import Mistral\n\nclaude = anthropic.Anthropic(api_key="{an44}")\nmistral = Mistral(api_key="{mi44}")  # TODO move to vault\n',
  ("anthropic_key", an44), ("ai_api_key", mi44))

# 45 JS code with Google API key + Firebase
gk45 = google_key()
S("en", "code", f"const firebaseConfig = {{\n  apiKey: \"{gk45}\",\n  authDomain: \"tripnest-app.firebaseapp.com\",\n  projectId: \"tripnest-app\",\n  appId: \"1:884401922310:web:{rnd(HEX, 22)}\"\n}};",
  ("google_api_key", gk45))

# 46 Rust with PEM private key (rsa traditional)
pk46 = pem_rsa_traditional()
S("en", "code", f'// signing key for dev tokens (rotated 2025-10)\nconst SIGNING_KEY: &str = r#"{pk46}"#;\n',
  ("private_key", pk46))

# 47 deploy log with openssh key cat
ok47 = openssh_key()
S("en", "log", f"$ cat ~/.ssh/id_ed25519\n{ok47}\n$ ssh-add ~/.ssh/id_ed25519\nIdentity added: /home/runner/.ssh/id_ed25519 (deploy@ci)",
  ("private_key", ok47))

# 48 nginx access log with client IPs
ip48a = "198.51.100.23"; ip48b = "203.0.113.187"
S("en", "log", f'{ip48a} - - [23/Nov/2025:18:22:01 +0000] "POST /api/login HTTP/1.1" 401 53 "-" "Mozilla/5.0"\n{ip48b} - - [23/Nov/2025:18:22:04 +0000] "POST /api/login HTTP/1.1" 401 53 "-" "curl/8.5.0"\n{ip48a} - - [23/Nov/2025:18:22:09 +0000] "GET /api/me HTTP/1.1" 200 611 "-" "Mozilla/5.0"',
  ("ip_address", ip48a), ("ip_address", ip48b))

# 49 Discord webhook + telegram in a YAML alerting config
dw49 = discord_webhook()
S("en", "config", f"alerting:\n  channels:\n    - type: discord\n      url: {dw49}\n    - type: email\n      to: oncall@lumen-analytics.io\n  throttle: 5m",
  ("discord_webhook", dw49), ("email", "oncall@lumen-analytics.io"))

# 50 HARD NEG: release notes with versions, SHAs, UUIDs
S("en", "prose", f"Release 4.12.0 (2025-11-20)\n- Fixed race in scheduler (commit {sha()[:12]})\n- Bumped openssl to 3.0.15, node to 20.18.1\n- Migration id {uuid4()}\n- Windows build 10.0.22631.4460 now supported\nChecksums: sha256 {sha256()}")

# 51 HARD NEG: docs with placeholders
S("en", "prose", "## Authentication\nSend your key in the `Authorization` header:\n\n```\ncurl https://api.example.com/v1/items \\\n  -H \"Authorization: Bearer ${API_KEY}\" \\\n  -H \"X-Org: <your-org-id>\"\n```\nKeys look like `sk_live_xxxxxxxxxxxxxxxx`. Never commit them; use `export API_KEY=...` locally.")

# 52 HARD NEG: package lock / integrity hashes
S("en", "json", J({"name": "web", "lockfileVersion": 3, "packages": {"node_modules/lodash": {"version": "4.17.21", "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz",
    "integrity": "sha512-v2kDEe57lecTulaDIuNTPy3Ry4gLGJ6Z1O3vE1krgXZNrsQ+LFTGHVxVjcXPs17LhbZVGedAJv8XZ1tvj5FvSg=="}}}, indent=2))

# 53 HARD NEG: Stripe test card docs
S("en", "prose", "Testing checkout: use card 4242 4242 4242 4242 with any future expiry and any CVC. To simulate a decline use 4000 0000 0000 0002. These numbers only work with test-mode keys.")

# 54 HARD NEG: shipping e-mail with tracking & order
S("en", "prose", f"Your order #114-3941689-8772232 has shipped!\nCarrier: UPS  Tracking: 1Z 4A7 E90 03 9104 2251\nEstimated delivery: Wed, Nov 26\nGift receipt code: GR-{rnd('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', 10)}")

# 55 HARD NEG: Terraform with variables, no literals
S("en", "config", 'provider "aws" {\n  region     = "eu-central-1"\n  access_key = var.aws_access_key_id\n  secret_key = var.aws_secret_access_key\n}\n\nresource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs-${var.env}"\n}')

# 56 HARD NEG: k8s deployment referencing secrets
S("en", "config", f"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: registry.gitlab.com/acme/api:1.9.3@sha256:{sha256()}\n          env:\n            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef: {{name: api-db, key: password}}")

# 57 HARD NEG: chat about rotated/redacted keys
S("en", "chat", "[14:10] ana: I rotated the OpenAI key, old one was sk-proj-****…Q7 \n[14:11] raj: cool, new one is in 1Password under 'prod/openai'\n[14:11] ana: also the AWS key AKIA…XK4P is deactivated now")

# 58 near-miss: git log with author email + SHAs
em58 = "wen.zhao@deltaforge.dev"
S("en", "log", f"commit {sha()}\nAuthor: Wen Zhao <{em58}>\nDate:   Fri Nov 21 16:40:12 2025 +0800\n\n    fix: bump grpc to 1.66.2\n\ncommit {sha()}\nMerge: {sha()[:7]} {sha()[:7]}",
  ("email", em58))

# 59 HARD NEG: Python test with fake placeholders
S("en", "code", 'def test_masking():\n    assert mask("4111111111111111") == "************1111"\n    assert mask_key("sk-test-XXXXXXXXXXXXXXXX") == "sk-test-****"\n    api_key = os.environ.get("OPENAI_API_KEY", "dummy")\n    assert redact(f"token={api_key}") == "token=[REDACTED]"')

# 60 near-miss: Postman + Notion in a curl with request id
pm60 = postman(); nt60 = notion()
S("en", "code", f"curl -s https://api.getpostman.com/collections -H 'X-Api-Key: {pm60}'\ncurl -s https://api.notion.com/v1/pages/{uuid4()} \\\n  -H 'Authorization: Bearer {nt60}' -H 'Notion-Version: 2022-06-28'",
  ("saas_token", pm60), ("saas_token", nt60))

# =====================================================================================
# Korean: LLM API request bodies
# =====================================================================================

# 61 OpenAI: 상담 요약 (RRN, phone, email)
rr61 = kr_rrn(); ph61 = kr_phone(); em61 = "minji.kang88@naver.com"
S("ko", "json", J({"model": "gpt-4o", "messages": [
    {"role": "system", "content": "당신은 콜센터 상담 내용을 요약하는 도우미입니다."},
    {"role": "user", "content": f"다음 상담 기록을 3줄로 요약해 줘.\n\n고객명: 강민지\n주민등록번호: {rr61}\n연락처: {ph61}\n이메일: {em61}\n내용: 11월 청구서 금액이 두 번 결제되었다고 문의함."}]}),
  ("kr_rrn", rr61), ("phone", ph61), ("email", em61))

# 62 Anthropic: 시스템 프롬프트에 Anthropic 키
an62 = anthropic()
S("ko", "json", J({"model": "claude-sonnet-4-5", "max_tokens": 1024, "system": f"너는 사내 문서 검색 에이전트다. 하위 요약 에이전트를 부를 때는 x-api-key: {an62} 를 사용해라.",
    "messages": [{"role": "user", "content": "2025년 보안 정책 문서에서 비밀번호 규칙만 찾아줘"}]}),
  ("anthropic_key", an62))

# 63 Gemini: 카드 결제 실패
c63 = card("visa"); c63f = fmt_card(c63, "-")
S("ko", "json", J({"contents": [{"role": "user", "parts": [{"text": f"결제가 계속 실패해요. 카드번호 {c63f}, 유효기간 08/27 입니다. 왜 안 되는 걸까요?"}]}],
    "safetySettings": [{"category": "HARM_CATEGORY_DANGEROUS_CONTENT", "threshold": "BLOCK_ONLY_HIGH"}]}),
  ("card", c63f))

# 64 Ollama generate: .env 리뷰 (AWS)
ak64 = aws_key_id(); sk64 = aws_secret()
S("ko", "json", J({"model": "exaone3.5:7.8b", "prompt": f"아래 설정 파일에서 보안상 문제가 있는 부분을 알려줘.\n\n# 운영 서버\nAWS_ACCESS_KEY_ID={ak64}\nAWS_SECRET_ACCESS_KEY={sk64}\nAWS_REGION=ap-northeast-2\nS3_BUCKET=ordersvc-prod-assets", "stream": False}),
  ("aws_access_key", ak64), ("aws_secret_key", sk64))

# 65 OpenAI tool_calls with unicode escapes
rr65 = kr_rrn(); ph65 = kr_phone("")
S("ko", "json", J({"model": "gpt-4o-mini", "messages": [
    {"role": "user", "content": "박서준 고객 본인인증 해줘"},
    {"role": "assistant", "content": None, "tool_calls": [{"id": "call_kr1", "type": "function", "function": {"name": "verify_identity",
        "arguments": J({"name": "박서준", "rrn": rr65, "phone": ph65})}}]}]}, ascii=True),
  ("kr_rrn", rr65), ("phone", ph65))

# 66 Responses API: 이력서 (RRN without hyphen)
rr66 = kr_rrn().replace("-", ""); em66 = "yuna.choi.dev@gmail.com"; ph66 = "+82 10-" + rnd(D, 4) + "-" + rnd(D, 4)
S("ko", "json", J({"model": "gpt-4.1", "instructions": "지원자 이력서에서 경력 사항만 추출하라.", "input": f"[이력서]\n성명: 최유나\n주민번호 {rr66}\n휴대전화 {ph66}\nE-mail {em66}\n\n[경력]\n2019.03 ~ 2024.08 (주)한빛소프트 백엔드 개발"}),
  ("kr_rrn", rr66), ("phone", ph66), ("email", em66))

# 67 Anthropic tool_result: masked RRNs + one unmasked
rr67 = kr_rrn(); ph67 = kr_phone()
S("ko", "json", J({"model": "claude-3-5-haiku-latest", "max_tokens": 700, "messages": [
    {"role": "user", "content": "회원 3명 조회 결과를 표로 정리해줘"},
    {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_kr67", "name": "query_members", "input": {"ids": [3312, 3313, 3314]}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_kr67", "content": [{"type": "text", "text":
        f"3312 | 이도현 | 920415-1****** | 010-****-2231\n3313 | 한지우 | 010822-4****** | 010-****-9912\n3314 | 정하람 | {rr67} | {ph67}"}]}]}]}),
  ("kr_rrn", rr67), ("phone", ph67))

# 68 HARD NEG Gemini functionResponse: 배송 조회
S("ko", "json", J({"contents": [
    {"role": "user", "parts": [{"text": "주문 2025112300481 배송 어디쯤이야?"}]},
    {"role": "model", "parts": [{"functionCall": {"name": "track_parcel", "args": {"order_no": "2025112300481"}}}]},
    {"role": "user", "parts": [{"functionResponse": {"name": "track_parcel", "response": {"carrier": "CJ대한통운", "invoice_no": "6891 2047 3315", "status": "배송출발", "hub": "곤지암 Hub", "updated": "2025-11-24T07:12:00+09:00"}}}]}]}))

# 69 Ollama chat: 슬랙 웹훅
wh69 = slack_webhook()
S("ko", "json", J({"model": "gemma2:9b", "messages": [{"role": "user", "content": f"curl로 슬랙 알림 보내는데 invalid_payload가 떠요\n\ncurl -X POST -H 'Content-type: application/json' --data '{{\"text\":\"배포 완료\"}}' {wh69}"}]}),
  ("slack_webhook", wh69))

# 70 OpenAI: GitLab CI 오류
gl70 = gitlab()
S("ko", "json", J({"model": "gpt-4o", "messages": [{"role": "user", "content": f"깃랩 러너에서 이런 에러가 나요:\n\n$ git clone https://gitlab-ci-token:{gl70}@gitlab.company.kr/platform/deploy.git\nfatal: Authentication failed\n\n토큰은 어제 새로 만든 거예요."}]}),
  ("url_credentials", f"https://gitlab-ci-token:{gl70}@gitlab.company.kr/platform/deploy.git"), ("gitlab_token", gl70))

# 71 HARD NEG Anthropic: 플레이스홀더 문서
S("ko", "json", J({"model": "claude-sonnet-4-5", "max_tokens": 500, "messages": [{"role": "user", "content":
    "README 번역 검토 부탁해:\n\n1. `.env` 파일에 `OPENAI_API_KEY=sk-...` 를 넣으세요.\n2. `SLACK_BOT_TOKEN=xoxb-your-token` 형식입니다.\n3. 비밀번호는 `********` 로 표시됩니다.\n4. 예시: `export GITHUB_TOKEN=<발급받은 토큰>`"}]}))

# 72 Anthropic: 해외송금 (IBAN)
ib72 = iban("FR"); em72 = "sh.lim@hanmail.net"
S("ko", "json", J({"model": "claude-sonnet-4-5", "max_tokens": 800, "messages": [{"role": "user", "content": [{"type": "text", "text":
    f"프랑스 거래처에 보낼 송금 확인 메일 써줘. 수취 계좌 IBAN {iban_spaced(ib72)}, BIC BNPAFRPPXXX, 금액 12,400 EUR. 답장은 {em72} 로 받을 거야."}]}]}),
  ("iban", iban_spaced(ib72)), ("email", em72))

# 73 Gemini: 일본 직원 마이넘버
myn73 = jp_mynumber()
S("ko", "json", J({"systemInstruction": {"parts": [{"text": "인사 서류를 한국어로 정리한다."}]}, "contents": [{"role": "user", "parts": [{"text":
    f"도쿄 지사 신규 입사자: 야마다 켄타, 個人番号(마이넘버) {myn73}, 입사일 2025-12-01. 연말정산 서류 목록 만들어줘."}]}]}),
  ("jp_mynumber", myn73))

# 74 OpenAI: npm publish 오류
np74 = npm()
S("ko", "json", J({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": f"npm publish 하면 E401 나와요. ~/.npmrc 내용:\n//registry.npmjs.org/:_authToken={np74}\n@acme:registry=https://npm.pkg.github.com"}]}),
  ("npm_token", np74))

# 75 Ollama: kubectl secret 디코딩 (password + JWT)
pw75 = password(); jw75 = jwt({"iss": "kubernetes/serviceaccount", "sub": "system:serviceaccount:prod:batch"}, "RS256")
S("ko", "json", J({"model": "qwen2.5:14b", "messages": [{"role": "user", "content": f"이거 디코딩한 결과인데 뭐가 문제야?\n\n$ kubectl get secret db-auth -o jsonpath='{{.data.password}}' | base64 -d\n{pw75}\n$ cat /var/run/secrets/kubernetes.io/serviceaccount/token\n{jw75}"}]}),
  ("password", pw75), ("jwt", jw75))

# 76 Responses API: IP 차단 요청
S("ko", "json", J({"model": "gpt-4.1-mini", "input": "다음 IP에서 무차별 대입 공격이 들어오고 있어. iptables 차단 규칙 만들어줘: 198.51.100.77, 203.0.113.45 (둘 다 로그인 실패 300회 이상). 내부망 10.0.0.0/8 은 예외."}),
  ("ip_address", "198.51.100.77"), ("ip_address", "203.0.113.45"))

# 77 HARD NEG OpenAI: 버전, 커밋, UUID, 사업자등록번호
S("ko", "json", J({"model": "gpt-4o", "messages": [{"role": "user", "content":
    f"배포 노트 정리해줘:\n- 버전 v2.8.1 → v2.9.0\n- 커밋 {sha()[:10]}, {sha()[:10]}\n- 작업 ID {uuid4()}\n- 회사 사업자등록번호 214-86-39217 (계약서 하단 표기)\n- 고객센터 1588-3820"}]}))

# 78 Anthropic: 텔레그램 봇 로그 + 사용자 전화번호
tg78 = telegram(); ph78 = kr_phone()
S("ko", "json", J({"model": "claude-3-5-haiku-latest", "max_tokens": 400, "messages": [{"role": "user", "content":
    f"봇 로그 보고 원인 알려줘\n[2025-11-24 09:01:22] POST https://api.telegram.org/bot{tg78}/sendMessage chat_id=58213 -> 400 Bad Request: chat not found\n[2025-11-24 09:01:22] 알림 대상: 오세훈 ({ph78})"}]}),
  ("telegram_token", tg78), ("phone", ph78))

# 79 OpenAI: DB 접속 문자열
pw79 = password(); url79 = f"mysql://root:{pw79}@172.31.8.44:3306/shop"; rp79 = password_random(16)
S("ko", "json", J({"model": "gpt-4o", "messages": [{"role": "system", "content": "한국어로 답변하세요."}, {"role": "user", "content":
    f"SQLAlchemy 연결이 자꾸 끊겨요.\nDATABASE_URL = \"{url79}\"\nREDIS_PASSWORD = \"{rp79}\"\npool_recycle 값은 얼마로 하면 돼요?"}]}),
  ("url_credentials", url79), ("password", rp79))

# 80 HARD NEG Gemini: 주민번호 형식 설명 (마스킹/예시)
S("ko", "json", J({"contents": [{"role": "user", "parts": [{"text":
    "주민등록번호 마스킹 정규식 만들어줘. 입력 형식은 YYMMDD-XXXXXXX 이고, 화면에는 850315-1****** 처럼 보여야 해. 테스트용 문자열은 000000-0000000 써도 돼?"}]}]}))

# 81 Gemini: 고객 문의 + 카드 + 주민번호 (ensure_ascii)
rr81 = kr_rrn(); c81 = card("jcb")
S("ko", "json", J({"contents": [{"role": "user", "parts": [{"text": f"할부 변경 요청 고객 정보입니다. 주민번호 앞뒤 {rr81}, 카드 {fmt_card(c81, ' ')}. 3개월로 변경 가능한지 답변 초안 작성해주세요."}]}]}, ascii=True),
  ("kr_rrn", rr81), ("card", fmt_card(c81, " ")))

# 82 Ollama generate: 코드에 HF 토큰
hf82 = hf()
S("ko", "json", J({"model": "llama3.1:8b", "prompt": f"이 코드가 왜 401이 나는지 설명해줘\n\nfrom huggingface_hub import login\nlogin(token=\"{hf82}\")\nmodel = AutoModel.from_pretrained(\"beomi/KoAlpaca\")", "stream": False}),
  ("huggingface_token", hf82))

# 83 Anthropic: 사내 위키 RAG 문서 (github PAT)
gp83 = github_pat()
S("ko", "json", J({"model": "claude-sonnet-4-5", "max_tokens": 900, "system": f"다음 검색된 문서를 근거로 답하라.\n\n<document title=\"배포 가이드 (2024 구버전)\">\n릴리스 자동화용 토큰: {gp83}\n만료: 2026-01-31\n</document>",
    "messages": [{"role": "user", "content": "릴리스 자동화 토큰 만료일이 언제야?"}]}),
  ("github_token", gp83))

# 84 OpenAI: Vertex/GCP SA JSON in tool result
sa84, key84 = gcp_sa_json("hanbit-ml-prod")
S("ko", "json", J({"model": "gpt-4o", "messages": [
    {"role": "user", "content": "서비스 계정 파일 읽어서 프로젝트 ID 알려줘"},
    {"role": "assistant", "tool_calls": [{"id": "call_fs1", "type": "function", "function": {"name": "read_file", "arguments": "{\"path\":\"/secrets/sa.json\"}"}}]},
    {"role": "tool", "tool_call_id": "call_fs1", "content": sa84}]}),
  ("gcp_credentials", esc(key84)))

# 85 Gemini: xAI / Cohere 키 비교
xa85 = xai(); co85 = cohere_key()
S("ko", "json", J({"contents": [{"role": "user", "parts": [{"text": f"사내 LLM 라우터 설정이야. 잘못된 부분 있어?\n\nproviders:\n  xai:\n    api_key: {xa85}\n  cohere:\n    api_key: {co85}\n    model: command-r-plus"}]}]}),
  ("ai_api_key", xa85), ("ai_api_key", co85))

# 86 near-miss Ollama chat: 주문번호, 운송장, 마스킹 카드 + 실제 이메일
em86 = "bora.seo@kakao.com"
S("ko", "json", J({"model": "exaone3.5:7.8b", "messages": [{"role": "user", "content":
    f"환불 안내 문자 만들어줘. 주문번호 20251118-0004412, 결제카드 신한 ****-****-****-7731, 운송장 5532-1109-8874, 고객 이메일 {em86}"}]}),
  ("email", em86))

# =====================================================================================
# Korean: other kinds
# =====================================================================================

# 87 고객센터 티켓
rr87 = kr_rrn(); ph87 = kr_phone()
S("ko", "prose", f"[문의 #20251124-0193]\n작성자: 윤재희\n연락처: {ph87}\n\n본인인증이 계속 실패합니다. 주민등록번호 {rr87} 로 입력했는데 '정보 불일치'가 떠요. 확인 부탁드립니다.",
  ("phone", ph87), ("kr_rrn", rr87))

# 88 인사팀 메일
rr88 = kr_rrn(); em88 = "hr@sejong-logis.co.kr"; ph88 = kr_phone(" ")
S("ko", "prose", f"제목: [인사] 4대보험 취득 신고 자료\n\n김태윤 님 입사 서류 중 주민등록번호({rr88})와 가족관계증명서가 확인되었습니다.\n비상연락처 {ph88} 로 등록하였습니다.\n문의: 인사팀 {em88}",
  ("kr_rrn", rr88), ("phone", ph88), ("email", em88))

# 89 카톡 스타일 채팅
pw89 = password()
S("ko", "chat", f"오전 10:14 지훈: 혹시 NAS 관리자 비번 아시는 분?\n오전 10:15 수아: {pw89} 이거예요\n오전 10:15 수아: 채팅방에 올린 건 지워주세요 ㅠ\n오전 10:16 지훈: 넵 감사합니다",
  ("password", pw89))

# 90 쉘 히스토리
do90 = do_token(); cf90 = cloudflare_token()
S("ko", "code", f"# 서버 이전 작업 (11/22)\n$ doctl auth init -t {do90}\n$ export CLOUDFLARE_API_TOKEN={cf90}\n$ terraform apply -auto-approve\n$ history -c  # 나중에 지우기",
  ("cloud_token", do90), ("cloud_token", cf90))

# 91 CI 로그
py91 = pypi()
S("ko", "log", f"[2025-11-23 02:11:09] ▶ 패키지 빌드 시작 (버전 1.4.0)\n[2025-11-23 02:11:40] twine upload dist/* -u __token__ -p {py91}\n[2025-11-23 02:11:44] 업로드 완료: https://pypi.org/project/kor-tokenizer/1.4.0/\n[2025-11-23 02:11:44] 소요 시간 35.2s",
  ("package_registry_token", py91))

# 92 application.yml
pw92 = password(); kk92 = rnd(HEX, 32)
S("ko", "config", f"spring:\n  datasource:\n    url: jdbc:mariadb://10.10.2.15:3306/member\n    username: member_app\n    password: {pw92}   # 운영 DB 비밀번호\n  mail:\n    host: smtp.gmail.com\nkakao:\n  rest-api-key: {kk92}",
  ("password", pw92), ("saas_token", kk92))

# 93 docker-compose (한국어 주석)
pw93 = password_random(); mg93 = mailgun()
S("ko", "config", f"version: '3.8'\nservices:\n  mongo:\n    image: mongo:7.0\n    environment:\n      MONGO_INITDB_ROOT_USERNAME: admin\n      MONGO_INITDB_ROOT_PASSWORD: '{pw93}'  # 변경 필요\n  mailer:\n    image: ghcr.io/hanbit/mailer:0.3.2\n    environment:\n      MAILGUN_API_KEY: {mg93}",
  ("password", pw93), ("saas_token", mg93))

# 94 쿠버네티스 ConfigMap에 잘못 넣은 시크릿
sl94 = slack_user(); vt94 = vault()
S("ko", "config", f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: batch-config   # TODO: Secret으로 옮길 것\ndata:\n  SLACK_USER_TOKEN: \"{sl94}\"\n  VAULT_TOKEN: \"{vt94}\"\n  BATCH_CRON: \"0 3 * * *\"",
  ("slack_token", sl94), ("generic_secret", vt94))

# 95 Java 코드 (JWT 시크릿)
js95 = high_entropy(64)
S("ko", "code", f'@Configuration\npublic class JwtConfig {{\n    // 토큰 서명용 키 (운영)\n    private static final String SECRET = "{js95}";\n    private static final long EXPIRE_MS = 1000L * 60 * 60 * 24;\n}}',
  ("generic_secret", js95))

# 96 Python 코드 (고객 데이터 하드코딩)
rr96 = kr_rrn(); ph96 = kr_phone()
S("ko", "code", f"# 테스트용이라더니 실제 고객 데이터임 - 삭제 요망\nSAMPLE_USER = {{\n    'name': '배수진',\n    'rrn': '{rr96}',\n    'phone': '{ph96}',\n}}",
  ("kr_rrn", rr96), ("phone", ph96))

# 97 CSV 회원 목록
rows = []; labs = []
for nm, dom in [("장민호", "naver.com"), ("임서윤", "gmail.com"), ("노준혁", "daum.net")]:
    e = rnd(string.ascii_lowercase, 6) + rnd(D, 2) + "@" + dom; p = kr_phone(); r = kr_rrn()
    rows.append(f"{nm},{r},{p},{e}"); labs += [("kr_rrn", r), ("phone", p), ("email", e)]
S("ko", "csv", "이름,주민등록번호,휴대폰,이메일\n" + "\n".join(rows), *labs)

# 98 마크다운 표 (마스킹 + 실제)
c98 = card("mc")
S("ko", "table", f"| 결제일 | 카드 | 금액 | 비고 |\n|---|---|---|---|\n| 11/02 | 국민 ****-****-****-3320 | 45,000원 | 정상 |\n| 11/05 | 삼성 {fmt_card(c98, '-')} | 128,500원 | 수기 입력 건 |\n| 11/09 | 현대 5310-78**-****-1142 | 9,900원 | 정상 |",
  ("card", fmt_card(c98, "-")))

# 99 SQL 덤프
rr99a = kr_rrn(); rr99b = kr_rrn()
S("ko", "code", f"-- 회원 테이블 백업 (2025-11-20)\nINSERT INTO member (id, name, jumin, tel) VALUES\n(5501, '유진아', '{rr99a}', '02-3141-5926'),\n(5502, '문재석', '{rr99b}', NULL);",
  ("kr_rrn", rr99a), ("kr_rrn", rr99b), ("phone", "02-3141-5926"))

# 100 스택 트레이스 (Redis URL 자격증명)
pw100 = password(); url100 = f"redis://default:{pw100}@redis-session.prod.svc:6379/0"
S("ko", "log", f"2025-11-24 11:02:33.118 ERROR 1 --- [세션 저장 실패]\nio.lettuce.core.RedisConnectionException: Unable to connect to {url100}\n\tat io.lettuce.core.RedisConnectionException.create(RedisConnectionException.java:78)\nCaused by: java.net.UnknownHostException: redis-session.prod.svc",
  ("url_credentials", url100))

# 101 HARD NEG: 배포 로그 (해시, 버전, 타임스탬프)
S("ko", "log", f"[배포] 2025-11-24 03:00:01 시작 - 이미지 태그 2.9.0-{sha()[:7]}\n[배포] 다이제스트 sha256:{sha256()}\n[배포] 롤아웃 ID {uuid4()}\n[배포] 헬스체크 통과 (응답 12ms), 노드 ip-10-0-12-41 교체 완료")

# 102 HARD NEG: 택배 안내 문자
S("ko", "prose", "[한진택배] 고객님의 상품이 배송 출발하였습니다.\n운송장번호: 5120-4471-9036\n주문번호: OD20251124-118203\n배송기사 연락처는 배송 조회 화면에서 확인하세요. 고객센터 1588-0011")

# 103 HARD NEG: 개발 문서 플레이스홀더
S("ko", "prose", "### 환경 변수 설정\n| 변수 | 설명 | 예시 |\n|---|---|---|\n| `DB_PASSWORD` | DB 비밀번호 | `changeme` |\n| `JWT_SECRET` | 서명 키 | `${JWT_SECRET}` |\n| `KAKAO_KEY` | 카카오 REST 키 | `xxxxxxxxxxxxxxxx` |\n\n실제 값은 Vault의 `secret/app/prod` 경로에서 읽습니다.")

# 104 HARD NEG: 영수증 (마스킹 카드, 승인번호, 사업자번호)
S("ko", "prose", "[영수증]\n가맹점: 한빛커피 강남점 (사업자 120-81-47521)\n카드: 신한 4518-44**-****-2107\n승인번호: 30481127  일시불\n결제일시: 2025-11-24 08:41:15\n합계: 6,500원")

# 105 HARD NEG: 패스워드 해시 & 정책 설명
S("ko", "code", f"# 비밀번호는 bcrypt로만 저장 (평문 저장 금지)\nstored = '{bcrypt()}'\nif not bcrypt.checkpw(input_pw.encode(), stored.encode()):\n    raise AuthError('비밀번호 불일치')")

# 106 HARD NEG: 채팅 (키 교체 공지, 마스킹)
S("ko", "chat", "오후 3:02 민재: 어제 유출된 슬랙 토큰 xoxb-****-**** 폐기했고 새 토큰은 1Password에 넣어뒀어요\n오후 3:03 다은: AWS 키도 AKIA로 시작하는 거 전부 비활성화 완료\n오후 3:04 민재: 👍 감사합니다")

# 107 HARD NEG: 외부 API 문서의 테스트 값 (Stripe 공개키 / 테스트 카드)
S("ko", "prose", "결제 연동 테스트 방법:\n1) 프론트엔드에는 공개 키 pk_test_" + rnd_mixed(ALNUM, 24) + " 를 넣습니다 (공개되어도 무방).\n2) 테스트 카드 4242 4242 4242 4242, 만료일은 미래 날짜 아무거나.\n3) 실패 테스트는 4000 0000 0000 9995 를 사용하세요.")

# 108 near-miss: 서버 점검 메일 (IP 내부, 담당자 이메일/전화)
em108 = "jh.kwon@daon-sys.co.kr"; ph108 = kr_phone()
S("ko", "prose", f"안녕하세요, 인프라팀 권정현입니다.\n금일 23:00~24:00 DB 서버(버전 8.0.36) 점검이 있습니다. 점검 ID: MNT-2025-1124-02\n문의: {em108} / {ph108}",
  ("email", em108), ("phone", ph108))

# 109 .env (Toss/결제 + Grafana)
tp109 = "live_sk_" + rnd_mixed(ALNUM, 32); gf109 = grafana_sa()
S("ko", "config", f"# 결제 (토스페이먼츠)\nTOSS_CLIENT_KEY=live_ck_{rnd_mixed(ALNUM, 32)}\nTOSS_SECRET_KEY={tp109}\n# 모니터링\nGRAFANA_TOKEN={gf109}\nTZ=Asia/Seoul",
  ("payment_token", tp109), ("saas_token", gf109))

# 110 외국인 직원 정보 (UK NINO, 여권 번호는 타입 없음) + 이메일
ni110 = uk_nino(); em110 = "oliver.grant@hanbit-global.com"
S("ko", "prose", f"영국 본사에서 파견된 올리버 그랜트 님의 급여 신고용 정보입니다.\n- National Insurance 번호: {ni110}\n- 업무 메일: {em110}\n- 사번 HB-20931 (내부 식별자)\n서류는 인사팀 공유 폴더에 업로드했습니다.",
  ("uk_nino", ni110), ("email", em110))

write_corpus(OUT, sys.argv[1])
