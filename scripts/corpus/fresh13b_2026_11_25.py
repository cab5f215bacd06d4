"""Fresh set 13b (2026-11-25): written by a helper who read only fakegen.py, never the rules
(en/ko/de/ja); scored once (docs/detection.md). Values are generated (fake): see fakegen.py.
Usage: python3 fresh13b_2026_11_25.py OUT.jsonl
"""
import sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *  # noqa
from fakegen import R, rnd, rnd_mixed, ALNUM, HEX
import base64, json, string, subprocess, tempfile, shutil
seed(1320)
OUT = []
S = sample_adder(OUT, "f13b")
# S(lang, kind, text, (type, value), (type, value), ...)

B64 = ALNUM + "+/"
UPDIG = string.ascii_uppercase + string.digits


# ---------------------------------------------------------------- helpers
def J(o, indent=None, ascii_=False):
    return json.dumps(o, ensure_ascii=ascii_, indent=indent)


def esc(s):
    """s as it appears inside one JSON string literal."""
    return json.dumps(s, ensure_ascii=False)[1:-1]


def U():
    h = rnd(HEX, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{R.choice('89ab')}{h[17:20]}-{h[20:]}"


def b64s(s):
    return base64.b64encode(s.encode()).decode()


def callid(p="call_", n=24):
    return p + rnd(ALNUM, n)


def toolu():
    return "toolu_01" + rnd(ALNUM, 22)


def digest():
    return "sha256:" + rnd(HEX, 64)


def ssh_pub(comment):
    raw = b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20" + bytes(R.getrandbits(8) for _ in range(32))
    return "ssh-ed25519 " + base64.b64encode(raw).decode() + " " + comment


def pub_pem():
    k = pem("ec")
    return subprocess.run(["openssl", "pkey", "-pubout"], input=k, capture_output=True, text=True,
                          check=True).stdout.strip()


def cert_pem(subj):
    d = tempfile.mkdtemp()
    try:
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                        "-keyout", os.path.join(d, "k"), "-out", os.path.join(d, "c"), "-days", "397", "-subj", subj],
                       check=True, capture_output=True)
        c = open(os.path.join(d, "c")).read().strip()
        info = subprocess.run(["openssl", "x509", "-in", os.path.join(d, "c"), "-noout", "-subject", "-issuer",
                               "-serial", "-dates", "-fingerprint", "-sha256"],
                              capture_output=True, text=True, check=True).stdout.strip()
    finally:
        shutil.rmtree(d)
    return c, info


# vendor formats fakegen has no generator for (documented public shapes, random bodies)
def atlassian():
    return "ATATT3xFfGF0" + rnd_mixed(ALNUM + "-_", 171) + "=" + rnd("0123456789ABCDEF", 8)


def sentry_user():
    return "sntryu_" + rnd(HEX, 64)


def openrouter():
    return "sk-or-v1-" + rnd(HEX, 64)


def mistral():
    return rnd_mixed(ALNUM, 32)


def cloudflare():
    return rnd_mixed(ALNUM + "-_", 40)


def hetzner():
    return rnd_mixed(ALNUM, 64)


def mollie():
    return "live_" + rnd_mixed(ALNUM, 30)


def toss_live():
    return "live_sk_" + rnd_mixed(ALNUM, 28)


def paypal_secret():
    return "E" + rnd_mixed(ALNUM + "-_", 79)


def brevo():
    return "xkeysib-" + rnd(HEX, 64) + "-" + rnd_mixed(ALNUM, 16)


def whsec():
    return "whsec_" + rnd_mixed(ALNUM, 32)


def line_token():
    return rnd_mixed(B64, 171) + "="


def pagerduty():
    return rnd_mixed(ALNUM + "_-+", 20)


def ses_smtp():
    return "B" + rnd_mixed(B64, 43)


def nino_sp(n):
    return f"{n[:2]} {n[2:4]} {n[4:6]} {n[6:8]} {n[8]}"


def steuer_sp(s):
    return f"{s[:2]} {s[2:5]} {s[5:8]} {s[8:]}"


def oai_tools(*names):
    return [{"type": "function", "function": {"name": n, "description": d, "parameters": {
        "type": "object", "properties": {k: {"type": "string"} for k in ps}, "required": list(ps[:1])}}}
        for n, d, ps in names]


# ====================================================================== EN
# en-1 OpenAI chat completions, tool result = .env file
pw = rnd_mixed(ALNUM, 18)
dburl = f"postgres://app_user:{pw}@db-primary.internal.acme-corp.net:5432/orders"
sk = stripe("sk_live_"); sg = sendgrid(); sq = square()
envf = (f"# production -- managed by ops, do not commit\nNODE_ENV=production\nDATABASE_URL={dburl}\n"
        f"STRIPE_SECRET_KEY={sk}\nSENDGRID_API_KEY={sg}\nSQUARE_ACCESS_TOKEN={sq}\n"
        f"SUPPORT_EMAIL=billing-support@acme-corp.net\nLOG_LEVEL=info\n")
cid = callid()
body = {"model": "gpt-4o-2024-08-06", "messages": [
    {"role": "system", "content": "You are a coding agent working in the acme-corp/checkout repository. Use tools to inspect files before answering."},
    {"role": "user", "content": "Checkout only fails in prod, staging is fine. Compare the env files and tell me what differs."},
    {"role": "assistant", "content": None, "tool_calls": [{"id": cid, "type": "function", "function": {"name": "read_file", "arguments": J({"path": "deploy/prod/.env"})}}]},
    {"role": "tool", "tool_call_id": cid, "content": envf}],
    "tools": oai_tools(("read_file", "Read a file from the repository", ("path",))), "temperature": 0.2}
S("en", "json", J(body, 2), ("url_credentials", dburl), ("stripe_key", sk), ("saas_token", sg),
  ("payment_token", sq), ("email", "billing-support@acme-corp.net"))

# en-2 OpenAI chat completions, PII inside function arguments (JSON string in JSON)
ssn = us_ssn(); c = card("visa"); cf = fmt_card(c, "-")
cid = callid()
args = J({"first_name": "Derek", "last_name": "Whitfield", "email": "d.whitfield@example.com",
          "phone": "+1 (312) 847-2290", "ssn": ssn, "payment": {"card_number": cf, "exp": "07/28"}})
body = {"model": "gpt-4o-mini", "messages": [
    {"role": "system", "content": "You are an onboarding agent for Lakeshore Credit Union. Create member profiles with the create_member tool."},
    {"role": "user", "content": f"New member walked in: Derek Whitfield, d.whitfield@example.com, cell +1 (312) 847-2290, SSN {ssn}. He wants his Visa {cf} (exp 07/28) on file for loan payments."},
    {"role": "assistant", "content": None, "tool_calls": [{"id": cid, "type": "function", "function": {"name": "create_member", "arguments": args}}]},
    {"role": "tool", "tool_call_id": cid, "content": J({"member_id": "M-0049213", "status": "created", "kyc": "pending"})}],
    "tools": oai_tools(("create_member", "Create a member profile", ("first_name", "last_name", "email", "phone", "ssn")))}
S("en", "json", J(body), ("email", "d.whitfield@example.com"), ("phone", "+1 (312) 847-2290"),
  ("us_ssn", ssn), ("card", cf))

# en-3 Anthropic messages, tool_result = ~/.aws/credentials
ak1, sk1, ak2, sk2 = aws_key_id(), aws_secret(), aws_key_id(), aws_secret()
creds = (f"[default]\naws_access_key_id = {ak1}\naws_secret_access_key = {sk1}\nregion = us-east-1\n\n"
         f"[prod-admin]\naws_access_key_id={ak2}\naws_secret_access_key={sk2}\nregion=eu-west-1\n")
tu = toolu()
body = {"model": "claude-sonnet-4-5-20250929", "max_tokens": 4096,
        "system": "You are an SRE agent with shell access to backup-host-02. Prefer read-only commands.",
        "tools": [{"name": "bash", "description": "Run a shell command", "input_schema": {"type": "object", "properties": {"command": {"type": "string"}}, "required": ["command"]}}],
        "messages": [
            {"role": "user", "content": "The nightly backup job says AccessDenied on s3:PutObject. Which AWS profile does the box use?"},
            {"role": "assistant", "content": [{"type": "text", "text": "I'll look at the AWS credentials file on the host."},
                                              {"type": "tool_use", "id": tu, "name": "bash", "input": {"command": "cat ~/.aws/credentials"}}]},
            {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tu, "content": creds}]}]}
S("en", "json", J(body, 2), ("aws_access_key", ak1), ("aws_secret_key", sk1), ("aws_access_key", ak2),
  ("aws_secret_key", sk2))

# en-4 Gemini functionCall / functionResponse with UK employee record
nino = nino_sp(uk_nino()); gb = iban_spaced(iban("GB"))
body = {"systemInstruction": {"parts": [{"text": "You are an HR onboarding assistant for a UK payroll team."}]},
        "contents": [
            {"role": "user", "parts": [{"text": "Set up payroll for the new starter Priya Raman, start date 2 Dec."}]},
            {"role": "model", "parts": [{"functionCall": {"name": "lookup_employee", "args": {"name": "Priya Raman"}}}]},
            {"role": "user", "parts": [{"functionResponse": {"name": "lookup_employee", "response": {
                "employee_id": "E-20931", "name": "Priya Raman", "ni_number": nino,
                "bank": {"iban": gb, "sort_code": "20-45-77"}, "email": "priya.raman@example.co.uk",
                "mobile": "07823 416093", "start_date": "2025-12-02"}}}]}],
        "tools": [{"functionDeclarations": [{"name": "lookup_employee", "description": "Fetch an employee record", "parameters": {"type": "OBJECT", "properties": {"name": {"type": "STRING"}}}}]}],
        "generationConfig": {"temperature": 0.3}}
S("en", "json", J(body, 2), ("uk_nino", nino), ("iban", gb), ("email", "priya.raman@example.co.uk"),
  ("phone", "07823 416093"))

# en-5 OpenAI Responses API, secrets in the system prompt (instructions)
wh = slack_webhook(); xb = slack_bot(); c1 = callid("call_")
body = {"model": "gpt-4.1", "instructions": (
    "You are the on-call assistant for the payments team.\n"
    f"Escalation policy: for SEV1 post a summary to the incident webhook {wh} and then thread updates "
    f"with the bot token {xb} (channel C07QK2M9A1F).\nNever page anyone between 22:00 and 07:00 unless SEV1."),
    "input": [
        {"role": "user", "content": "Latency alarms on ledger-api, p99 4.2s. What should we do?"},
        {"type": "function_call", "call_id": c1, "name": "get_dashboard", "arguments": J({"service": "ledger-api", "window": "30m"})},
        {"type": "function_call_output", "call_id": c1, "output": J({"p99_ms": 4210, "error_rate": 0.031, "last_deploy": {"sha": rnd(HEX, 12), "at": "2025-11-24T21:03:11Z"}})}],
    "tools": [{"type": "function", "name": "get_dashboard", "parameters": {"type": "object", "properties": {"service": {"type": "string"}, "window": {"type": "string"}}}}],
    "previous_response_id": "resp_" + rnd(HEX, 48), "store": False}
S("en", "json", J(body), ("slack_webhook", wh), ("slack_token", xb))

# en-6 Ollama /api/chat, user pasted a compose file
p1 = rnd_mixed(ALNUM, 20); p2 = rnd_mixed(ALNUM, 24); hft = hf()
mongo = f"mongodb+srv://svc_reporting:{p1}@cluster0.x7kqe.mongodb.net/analytics?retryWrites=true&w=majority"
redis = f"redis://default:{p2}@cache-01.internal.example.net:6379/0"
compose = (f"services:\n  worker:\n    image: ghcr.io/acme/reporting-worker:1.14.2\n    environment:\n"
           f"      MONGO_URL: \"{mongo}\"\n      REDIS_URL: {redis}\n      HF_TOKEN: {hft}\n"
           f"      EMBED_MODEL: sentence-transformers/all-MiniLM-L6-v2\n    restart: unless-stopped\n")
body = {"model": "qwen2.5-coder:14b", "messages": [
    {"role": "system", "content": "You are a helpful DevOps assistant."},
    {"role": "user", "content": "My worker container keeps restarting with 'Authentication failed'. Here is my compose file:\n\n" + compose + "\nWhat is wrong?"}],
    "stream": False, "options": {"temperature": 0.1, "num_ctx": 8192}}
S("en", "json", J(body, 2), ("url_credentials", mongo), ("url_credentials", redis), ("huggingface_token", hft))

# en-7 MCP tool result (JSON-RPC) with a terraform.tfvars file
cft = cloudflare(); dot = do_token()
tfv = (f'region               = "fra1"\ncloudflare_api_token = "{cft}"\ndigitalocean_token   = "{dot}"\n'
       f'admin_email          = "ops@northwind-labs.io"\nbastion_ip           = "34.89.122.17"\n'
       f'allowed_cidrs        = ["203.0.113.0/24"]\n')
msg = {"jsonrpc": "2.0", "id": 14, "result": {"content": [{"type": "text", "text": tfv}], "isError": False}}
S("en", "json", J(msg), ("cloud_token", cft), ("cloud_token", dot), ("email", "ops@northwind-labs.io"),
  ("ip_address", "34.89.122.17"))

# en-8 agent scratchpad (ReAct) reading ~/.npmrc
nt = npm(); gp = github("ghp_")
txt = f"""Thought: The release workflow failed at `npm publish` with E401. I should check which token the runner actually uses.
Action: shell
Action Input: cat ~/.npmrc
Observation:
//registry.npmjs.org/:_authToken={nt}
@acme:registry=https://npm.pkg.github.com
//npm.pkg.github.com/:_authToken={gp}
always-auth=true
Thought: Both tokens are hardcoded in the runner's home directory instead of coming from the workflow secrets. The npmjs one was created in March and is probably the expired one.
Final Answer: The self-hosted runner has a stale ~/.npmrc that overrides NODE_AUTH_TOKEN. Rotate both tokens shown above and delete the file from the runner image."""
S("en", "prose", txt, ("npm_token", nt), ("github_token", gp))

# en-9 Anthropic messages, document block = GCP service account key file
sa, key = gcp_sa_json("acme-analytics-prod")
body = {"model": "claude-opus-4-1-20250805", "max_tokens": 2048, "messages": [{"role": "user", "content": [
    {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": sa}, "title": "sa-key.json"},
    {"type": "text", "text": "Our BigQuery export job fails with invalid_grant. Is this key file malformed?"}]}]}
S("en", "json", J(body, 2), ("gcp_credentials", esc(key + "\\n")), ("private_key", esc(key)),
  ("email", "ci-deployer@acme-analytics-prod.iam.gserviceaccount.com"))

# en-10 OpenAI chat, image + earlier assistant turn reading a card from the photo
mc = fmt_card(card("mc"))
img = "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/" + rnd(B64, 160)
body = {"model": "gpt-4o", "messages": [
    {"role": "user", "content": [{"type": "text", "text": "Can you read the card in this photo and fill in the checkout form for me?"},
                                 {"type": "image_url", "image_url": {"url": img, "detail": "high"}}]},
    {"role": "assistant", "content": f"I can read it: it's a Mastercard, number {mc}, valid thru 09/28, name L. OKAFOR. Should I enter it on the staging checkout page?"},
    {"role": "user", "content": "Staging only takes Stripe test cards, so use 4242 4242 4242 4242 with any future date there, and keep the real one out of the logs please."}]}
S("en", "json", J(body), ("card", mc), ("card", "4242 4242 4242 4242"))

# en-11 OpenAI chat, tool result = psql output of a KYC table
a1, a2 = aadhaar(), aadhaar(); nr = sg_nric()
a1f = f"{a1[:4]} {a1[4:8]} {a1[8:]}"
tbl = (" customer_id |  full_name   |         email          |      phone      |  national_id\n"
       "-------------+--------------+------------------------+-----------------+----------------\n"
       f" C-100482    | Ananya Iyer  | ananya.iyer@example.in | +91 98450 31277 | {a1f}\n"
       f" C-100483    | Rohan Mehta  | rohan.m@example.in     | +91-99870-12844 | {a2}\n"
       f" C-100490    | Tan Wei Ling | weiling.tan@example.sg | +65 9123 4567   | {nr}\n(3 rows)\n")
cid = callid()
body = {"model": "gpt-4.1-mini", "messages": [
    {"role": "system", "content": "You are a compliance analyst agent for an APAC remittance company. You can run SQL against the replica."},
    {"role": "user", "content": "Which customers onboarded yesterday still have KYC pending?"},
    {"role": "assistant", "content": None, "tool_calls": [{"id": cid, "type": "function", "function": {"name": "run_sql", "arguments": J({"sql": "SELECT customer_id, full_name, email, phone, national_id FROM kyc WHERE status='pending' AND created_at::date = current_date - 1"})}}]},
    {"role": "tool", "tool_call_id": cid, "content": tbl}]}
S("en", "json", J(body, 2), ("in_aadhaar", a1f), ("in_aadhaar", a2), ("sg_nric", nr),
  ("email", "ananya.iyer@example.in"), ("email", "rohan.m@example.in"), ("email", "weiling.tan@example.sg"),
  ("phone", "+91 98450 31277"), ("phone", "+91-99870-12844"), ("phone", "+65 9123 4567"))

# en-12 GitHub Actions log: clone URL with installation token, unmasked env
ghs = github("ghs_"); ant = anthropic()
gurl = f"https://x-access-token:{ghs}@github.com/acme-corp/infra-modules.git"
log = f"""Run actions/checkout@v4
  with:
    repository: acme-corp/model-evals
    token: ***
Syncing repository: acme-corp/model-evals
Getting Git version info
HEAD is now at {rnd(HEX, 7)} bump eval suite to 2025.11
Run git clone --depth 1 {gurl} modules
  git clone --depth 1 {gurl} modules
  shell: /usr/bin/bash -e {{0}}
Cloning into 'modules'...
Run python scripts/eval.py --model claude-sonnet-4-5 --suite regression
  python scripts/eval.py --model claude-sonnet-4-5 --suite regression
  shell: /usr/bin/bash -e {{0}}
  env:
    ANTHROPIC_API_KEY: {ant}
    EVAL_SUITE: regression
    pythonLocation: /opt/hostedtoolcache/Python/3.12.7/x64
Loaded 412 cases from evals/regression.jsonl
[  1/412] refusal_basic ........ ok (1.21s)
[  2/412] tool_use_nested ...... FAIL (anthropic.RateLimitError: 429)
Error: Process completed with exit code 1."""
S("en", "log", log, ("url_credentials", gurl), ("github_token", ghs), ("anthropic_key", ant))

# en-13 kubectl describe pod
pw = password(); dd = rnd(HEX, 32)
log = f"""$ kubectl describe pod billing-api-7c9d8f6b5-x2kqp -n payments
Name:             billing-api-7c9d8f6b5-x2kqp
Namespace:        payments
Priority:         0
Service Account:  billing-api
Node:             gke-prod-pool-2-3f9a1c7e-k8dz/10.128.0.41
Start Time:       Mon, 24 Nov 2025 09:14:02 +0000
Labels:           app=billing-api
                  pod-template-hash=7c9d8f6b5
Status:           Running
IP:               10.52.3.18
IPs:
  IP:           10.52.3.18
Controlled By:  ReplicaSet/billing-api-7c9d8f6b5
Containers:
  billing-api:
    Container ID:   containerd://{rnd(HEX, 64)}
    Image:          europe-docker.pkg.dev/acme-prod/apps/billing-api:2.31.0
    Image ID:       europe-docker.pkg.dev/acme-prod/apps/billing-api@{digest()}
    Port:           8080/TCP
    State:          Running
      Started:      Mon, 24 Nov 2025 10:02:51 +0000
    Ready:          True
    Restart Count:  3
    Environment:
      SPRING_PROFILES_ACTIVE:  prod
      DB_USER:                 billing
      DB_PASSWORD:             {pw}
      DD_API_KEY:              {dd}
      DD_AGENT_HOST:            (v1:status.hostIP)
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-9xk2f (ro)
Events:
  Type     Reason   Age                From     Message
  ----     ------   ----               ----     -------
  Warning  BackOff  2m (x14 over 1h)   kubelet  Back-off restarting failed container billing-api in pod billing-api-7c9d8f6b5-x2kqp_payments"""
S("en", "log", log, ("ip_address", "10.128.0.41"), ("ip_address", "10.52.3.18"), ("password", pw), ("saas_token", dd))

# en-14 terraform state excerpt (JSON)
dbpw = password_random(20); ak = aws_key_id(); ask = aws_secret(); smtp = ses_smtp()
st = {"version": 4, "terraform_version": "1.9.8", "serial": 212, "lineage": U(), "outputs": {}, "resources": [
    {"mode": "managed", "type": "aws_db_instance", "name": "main", "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
     "instances": [{"schema_version": 2, "attributes": {"identifier": "orders-prod", "engine": "postgres", "engine_version": "16.4",
                                                        "username": "orders_admin", "password": dbpw,
                                                        "address": "orders-prod.c9xk2mq1zq7a.eu-west-1.rds.amazonaws.com", "port": 5432},
                    "sensitive_attributes": [[{"type": "get_attr", "value": "password"}]]}]},
    {"mode": "managed", "type": "aws_iam_access_key", "name": "ses_sender", "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
     "instances": [{"schema_version": 0, "attributes": {"id": ak, "user": "ses-sender", "secret": ask,
                                                        "ses_smtp_password_v4": smtp, "status": "Active", "create_date": "2025-06-02T09:41:17Z"}}]}]}
S("en", "json", J(st, 2), ("password", dbpw), ("aws_access_key", ak), ("aws_secret_key", ask), ("password", smtp))

# en-15 Python traceback with SSN in constraint detail and the engine URL
ssn = us_ssn(); pw = rnd_mixed(ALNUM, 16)
eng = f"postgresql+psycopg2://sync:{pw}@pg-applicants.prod.svc.cluster.local:5432/applicants"
log = f"""2025-11-25 03:41:07,219 ERROR [worker-3] applicant_sync: failed to upsert applicant 88213
Traceback (most recent call last):
  File "/app/sync/applicants.py", line 142, in sync_one
    self.db.execute(UPSERT_SQL, record)
  File "/usr/local/lib/python3.12/site-packages/sqlalchemy/engine/base.py", line 1418, in execute
    return meth(
psycopg2.errors.UniqueViolation: duplicate key value violates unique constraint "applicants_ssn_key"
DETAIL:  Key (ssn)=({ssn}) already exists.

The above exception was the direct cause of the following exception:

sqlalchemy.exc.IntegrityError: (psycopg2.errors.UniqueViolation) duplicate key value violates unique constraint "applicants_ssn_key"
[SQL: INSERT INTO applicants (email, ssn, status) VALUES (%(email)s, %(ssn)s, %(status)s)]
[parameters: {{'email': 'm.castillo@example.net', 'ssn': '{ssn}', 'status': 'new'}}]
2025-11-25 03:41:09,004 WARNING [worker-3] retrying with fresh connection to pg-applicants.prod.svc.cluster.local (10.12.0.8)
2025-11-25 03:41:09,006 DEBUG [worker-3] engine url={eng}"""
S("en", "log", log, ("us_ssn", ssn), ("email", "m.castillo@example.net"), ("ip_address", "10.12.0.8"),
  ("url_credentials", eng))

# en-16 curl -v with Basic auth
pw = password(); bb = b64s("svc-exporter:" + pw)
log = f"""$ curl -v -u svc-exporter:$EXPORTER_PW -H 'Content-Type: application/json' -d @batch.json https://metrics-gw.internal.example.net/api/v1/push
*   Trying 172.18.0.5:443...
* Connected to metrics-gw.internal.example.net (172.18.0.5) port 443
* ALPN: curl offers h2,http/1.1
* TLSv1.3 (OUT), TLS handshake, Client hello (1):
* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384 / X25519 / id-ecPublicKey
* Server certificate:
*  subject: CN=metrics-gw.internal.example.net
*  issuer: C=US; O=Let's Encrypt; CN=R11
* using HTTP/2
> POST /api/v1/push HTTP/2
> Host: metrics-gw.internal.example.net
> Authorization: Basic {bb}
> User-Agent: curl/8.5.0
> Accept: */*
> Content-Type: application/json
> Content-Length: 1834
>
< HTTP/2 401
< content-type: application/json
< x-request-id: {U()}
< www-authenticate: Basic realm="metrics"
<
{{"error":"invalid credentials","request_id":"{rnd(HEX, 16)}"}}"""
S("en", "log", log, ("password", bb), ("ip_address", "172.18.0.5"))

# en-17 env dump inside an eval runner pod
gq = groq(); oa = openai_proj(); pp = pypi(); r8 = replicate()
cfg = f"""$ env | sort
GROQ_API_KEY={gq}
HOME=/home/runner
HOSTNAME=eval-runner-6d4f9-zt2wq
KUBERNETES_PORT=tcp://10.96.0.1:443
KUBERNETES_SERVICE_HOST=10.96.0.1
KUBERNETES_SERVICE_PORT=443
LANG=C.UTF-8
OPENAI_API_KEY={oa}
PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin
PYPI_TOKEN={pp}
PYTHON_VERSION=3.12.7
REPLICATE_API_TOKEN={r8}
SHLVL=1
_=/usr/bin/env"""
S("en", "config", cfg, ("ai_api_key", gq), ("ip_address", "10.96.0.1"), ("openai_key", oa),
  ("package_registry_token", pp), ("ai_api_key", r8))

# en-18 NEG OpenAI chat: admin tool lists keys, values redacted
cid = callid()
keys = {"object": "list", "data": [
    {"object": "organization.project.api_key", "id": "key_" + rnd(ALNUM, 16), "name": "ci-bot", "redacted_value": "sk-proj-****" + rnd(ALNUM, 4),
     "created_at": 1718236800, "last_used_at": 1731024000, "owner": {"type": "service_account", "id": "svc_acct_" + rnd(ALNUM, 24)}},
    {"object": "organization.project.api_key", "id": "key_" + rnd(ALNUM, 16), "name": "notebook-dev", "redacted_value": "sk-...a1B2",
     "created_at": 1709251200, "last_used_at": None, "owner": {"type": "user", "id": "user_" + rnd(ALNUM, 24)}}],
    "first_id": "key_" + rnd(ALNUM, 16), "last_id": "key_" + rnd(ALNUM, 16), "has_more": False}
body = {"model": "gpt-4.1-mini-2025-04-14", "messages": [
    {"role": "system", "content": "You manage API keys for the org via admin tools. Never print full key values."},
    {"role": "user", "content": "Which of our project keys haven't been used in 90 days?"},
    {"role": "assistant", "content": None, "tool_calls": [{"id": cid, "type": "function", "function": {"name": "list_api_keys", "arguments": J({"project_id": "proj_" + rnd(ALNUM, 24), "limit": 20, "after": None})}}]},
    {"role": "tool", "tool_call_id": cid, "content": J(keys)}], "seed": 7}
S("en", "json", J(body, 2))

# en-19 NEG GitHub Actions workflow + job log, secrets masked
sha = rnd(HEX, 40)
log = f"""# .github/workflows/release.yml (excerpt)
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          registry-url: https://registry.npmjs.org
      - run: npm publish --provenance --access public
        env:
          NODE_AUTH_TOKEN: ${{{{ secrets.NPM_TOKEN }}}}

# job log
Run actions/checkout@v4
HEAD is now at {sha[:7]} release: v4.7.1
Run npm publish --provenance --access public
  npm publish --provenance --access public
  shell: /usr/bin/bash -e {{0}}
  env:
    NPM_CONFIG_USERCONFIG: /home/runner/work/_temp/.npmrc
    NODE_AUTH_TOKEN: ***
npm notice
npm notice package: @acme/ui-kit@4.7.1
npm notice shasum: {rnd(HEX, 40)}
npm notice integrity: sha512-{rnd(B64, 86)}==
npm notice total files: 214
npm notice Signed provenance statement with source and build information from GitHub Actions
npm notice Provenance statement published to transparency log: https://search.sigstore.dev/?logIndex=148392017
+ @acme/ui-kit@4.7.1
Run docker/build-push-action@v6
#14 pushing manifest for ghcr.io/acme/ui-kit-docs:4.7.1@{digest()} done
GITHUB_SHA={sha}"""
S("en", "log", log)

# en-20 NEG Anthropic messages about a .env.example full of placeholders and publishable keys
pk = "pk_live_51" + rnd_mixed(ALNUM, 97)
mbx = "pk." + b64u({"u": "acme-maps", "a": "cm" + rnd(string.ascii_lowercase + string.digits, 23)}) + "." + rnd_mixed(ALNUM + "-_", 22)
envx = f"""# .env.example -- copy to .env and fill in real values
OPENAI_API_KEY=<YOUR_TOKEN>
ANTHROPIC_API_KEY=sk-ant-xxxxxxxxxxxxxxxxxxxxxxxx
DATABASE_URL=postgres://postgres:changeme@localhost:5432/app_dev
SESSION_SECRET=$SESSION_SECRET
STRIPE_SECRET_KEY=sk_live_...
# publishable keys are safe to ship to the browser
NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY={pk}
NEXT_PUBLIC_MAPBOX_TOKEN={mbx}
SENTRY_DSN=
"""
body = {"model": "claude-3-5-haiku-20241022", "max_tokens": 1024, "system": "You are a senior engineer helping with project setup.",
        "messages": [{"role": "user", "content": [{"type": "text", "text": "Write a setup script that checks every variable in this file is set:\n\n" + envx}]},
                     {"role": "assistant", "content": "Sure. Note that the two NEXT_PUBLIC_ values are publishable keys, so the script should only check the others for placeholders like <YOUR_TOKEN> or changeme."},
                     {"role": "user", "content": "Also fail if any value still contains xxxx."}]}
S("en", "json", J(body, 2))

# en-21 NEG terraform plan with sensitive values hidden
log = f"""Terraform used the selected providers to generate the following execution plan. Resource actions are indicated with the following symbols:
  + create
  ~ update in-place

Terraform will perform the following actions:

  # aws_iam_access_key.ci will be created
  + resource "aws_iam_access_key" "ci" {{
      + create_date                    = (known after apply)
      + encrypted_secret               = (known after apply)
      + id                             = (known after apply)
      + secret                         = (sensitive value)
      + ses_smtp_password_v4           = (sensitive value)
      + status                         = "Active"
      + user                           = "ci-deployer"
    }}

  # aws_secretsmanager_secret_version.db will be updated in-place
  ~ resource "aws_secretsmanager_secret_version" "db" {{
        id             = "arn:aws:secretsmanager:eu-west-1:482913740215:secret:prod/orders/db-{rnd_mixed(ALNUM, 6)}|terraform-20241021{rnd('0123456789', 12)}"
      ~ secret_string  = (sensitive value)
      ~ version_id     = "{U()}" -> (known after apply)
        # (2 unchanged attributes hidden)
    }}

Plan: 1 to add, 1 to change, 0 to destroy.

Changes to Outputs:
  ~ db_secret_arn = (sensitive value)"""
S("en", "log", log)

# en-22 NEG HAR excerpt: request ids, ETags, trace ids, cursor = base64 of non-secret JSON
cur = b64s(J({"last_id": 90412, "ts": 1764048000}))
har = {"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"}, "entries": [{
    "startedDateTime": "2025-11-25T09:14:22.118Z", "time": 182.4,
    "request": {"method": "GET", "url": f"https://api.example.com/v2/invoices?limit=50&cursor={cur}", "httpVersion": "h2",
                "headers": [{"name": "authorization", "value": "Bearer [REDACTED]"},
                            {"name": "x-request-id", "value": U()},
                            {"name": "traceparent", "value": f"00-{rnd(HEX, 32)}-{rnd(HEX, 16)}-01"},
                            {"name": "if-none-match", "value": f'W/"{rnd(HEX, 32)}"'}]},
    "response": {"status": 200, "headers": [{"name": "etag", "value": f'W/"{rnd(HEX, 40)}"'},
                                            {"name": "x-amzn-requestid", "value": U()},
                                            {"name": "x-ratelimit-remaining", "value": "4987"}],
                 "content": {"mimeType": "application/json", "text": J({"data": [], "next_cursor": b64s(J({"last_id": 90462, "ts": 1764048000})), "has_more": True})}},
    "serverIPAddress": "203.0.113.24", "connection": "443"}]}}
S("en", "json", J(har, 2))

# en-23 NEG Gemini: deploy keys (public), PEM public key, fingerprints, commit SHA
pubk = pub_pem()
body = {"contents": [
    {"role": "user", "parts": [{"text": "Check that the deploy key on the infra repo matches the signing key we published in SECURITY.md."}]},
    {"role": "model", "parts": [{"functionCall": {"name": "get_deploy_keys", "args": {"repo": "acme-corp/infra"}}}]},
    {"role": "user", "parts": [{"functionResponse": {"name": "get_deploy_keys", "response": {
        "keys": [{"id": 91823311, "title": "ci-deploy", "key": ssh_pub("ci-deploy"), "read_only": True, "verified": True,
                  "created_at": "2025-03-02T11:20:09Z"}],
        "signing_key_pem": pubk, "fingerprint": "SHA256:" + rnd(B64, 43),
        "security_md_commit": rnd(HEX, 40)}}}]}],
    "generationConfig": {"temperature": 0, "responseMimeType": "text/plain"}}
S("en", "json", J(body, 2))

# en-24 NEG docker inspect: digests, ids, secret *files*, host networking
ins = [{"Id": rnd(HEX, 64), "Created": "2025-11-24T18:02:44.912830117Z", "Path": "docker-entrypoint.sh", "Args": ["postgres"],
        "State": {"Status": "running", "Running": True, "Pid": 48211, "ExitCode": 0, "StartedAt": "2025-11-24T18:02:45.3011Z"},
        "Image": digest(), "Name": "/pg-dev", "RestartCount": 0,
        "Config": {"Hostname": "pg-dev", "Env": ["POSTGRES_USER=app", "POSTGRES_PASSWORD_FILE=/run/secrets/pg_password", "POSTGRES_DB=app_dev",
                                                 "API_KEY=${API_KEY}", "PGDATA=/var/lib/postgresql/data",
                                                 "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/16/bin"],
                   "Image": "postgres:16.4-bookworm@" + digest(),
                   "Labels": {"com.docker.compose.project": "dev", "com.docker.compose.config-hash": rnd(HEX, 64), "com.docker.compose.version": "2.29.7"}},
        "HostConfig": {"NetworkMode": "host", "RestartPolicy": {"Name": "unless-stopped"}},
        "NetworkSettings": {"Networks": {"host": {"IPAddress": "", "Gateway": "", "NetworkID": rnd(HEX, 64), "EndpointID": rnd(HEX, 64)}}}}]
S("en", "json", "$ docker inspect pg-dev\n" + J(ins, 4))

# en-25 NEG agent scratchpad: Stripe ids, masked key, idempotency key, epoch timestamps
txt = f"""Thought: The customer says they were charged twice for order 100482. Searching the Stripe logs by request id req_{rnd(ALNUM, 14)} shows two PaymentIntents, pi_3Q{rnd(ALNUM, 22)} and pi_3Q{rnd(ALNUM, 22)}, created 400 ms apart with the same idempotency key {U()}.
Observation: the live key in our app log is masked as sk_live_…4xQ2, so I can't replay the request from here, and I shouldn't anyway.
Thought: the second charge ch_3Q{rnd(ALNUM, 22)} was already refunded at 1732519042 (re_3Q{rnd(ALNUM, 22)}). The webhook event evt_1Q{rnd(ALNUM, 22)} was delivered twice, which explains the duplicate confirmation e-mail.
Final Answer: Only one charge stands; the duplicate was refunded automatically. Next step is to make the webhook handler idempotent on event id."""
S("en", "prose", txt)

# ====================================================================== KO
# ko-1 OpenAI chat completions, CRM tool result (body sent with ensure_ascii, like the Python SDK)
rrn = kr_rrn(1987)
cid = callid()
body = {"model": "gpt-4o-mini", "messages": [
    {"role": "system", "content": "당신은 보험사 고객센터 상담 에이전트입니다. 고객 정보 조회 도구를 사용해 답변하세요."},
    {"role": "user", "content": "김민준 고객님 자동차보험 갱신 안내 문자를 준비해 주세요."},
    {"role": "assistant", "content": None, "tool_calls": [{"id": cid, "type": "function", "function": {"name": "crm_lookup", "arguments": J({"name": "김민준", "product": "auto"})}}]},
    {"role": "tool", "tool_call_id": cid, "content": J({"고객번호": "KR-2231907", "이름": "김민준", "주민등록번호": rrn, "휴대폰": "010-4821-7735",
                                                      "이메일": "minjun.kim@example.co.kr", "주소": "서울특별시 마포구 월드컵북로 396", "만기일": "2025-12-19"})}]}
S("ko", "json", J(body, 2, ascii_=True), ("kr_rrn", rrn), ("phone", "010-4821-7735"), ("email", "minjun.kim@example.co.kr"))

# ko-2 Anthropic tool_use with card number
cv = fmt_card(card("visa"), "-"); tu = toolu()
body = {"model": "claude-sonnet-4-5", "max_tokens": 1024, "messages": [
    {"role": "user", "content": "지난번에 말씀드린 카드로 12월 구독료 결제해 주세요. 결제 완료되면 문자는 +82 10-5512-9043 으로 보내주세요."},
    {"role": "assistant", "content": [{"type": "text", "text": "네, 저장된 카드로 결제를 진행하겠습니다."},
                                      {"type": "tool_use", "id": tu, "name": "charge_card", "input": {"card_number": cv, "expiry": "11/27", "amount": 29000, "currency": "KRW", "notify_phone": "+82 10-5512-9043"}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tu, "content": [{"type": "text", "text": "승인 완료 (승인번호 30481192, 2025-11-25 14:02)"}]}]}]}
S("ko", "json", J(body), ("card", cv), ("phone", "+82 10-5512-9043"))

# ko-3 Gemini systemInstruction with Telegram bot token and Discord webhook
tg = telegram(); dw = discord_webhook()
body = {"systemInstruction": {"parts": [{"text": f"너는 사내 모니터링 봇이야. 장애를 감지하면 아래 채널로 알림을 보내.\n- 텔레그램 봇 토큰: {tg} (chat_id -1001928374650)\n- 디스코드 웹훅: {dw}\n알림은 한국어로, 세 줄 이내로 작성해."}]},
        "contents": [{"role": "user", "parts": [{"text": "api-gateway 5xx 비율이 12%로 올라갔어. 알림 보내줘."}]},
                     {"role": "model", "parts": [{"functionCall": {"name": "send_alert", "args": {"channel": "telegram", "text": "[장애] api-gateway 5xx 12% (14:05 KST)"}}}]},
                     {"role": "user", "parts": [{"functionResponse": {"name": "send_alert", "response": {"ok": True, "message_id": 4812}}}]}]}
S("ko", "json", J(body, 2), ("telegram_token", tg), ("discord_webhook", dw))

# ko-4 Ollama /api/chat, user pasted an error with a Redis URL
pw = rnd_mixed(ALNUM, 16); ru = f"redis://:{pw}@redis-master.cache.svc.cluster.local:6379/2"
body = {"model": "exaone3.5:7.8b", "messages": [{"role": "user", "content":
        f"스테이징 서버(192.168.10.24)에서 워커가 계속 죽어요. 로그는 이래요:\n\n[2025-11-25 10:02:11] ERROR Error 111 connecting to redis-master.cache.svc.cluster.local:6379. Connection refused.\n\n설정은 REDIS_URL={ru} 이렇게 되어 있어요. 뭐가 문제일까요?"}],
        "stream": True}
S("ko", "json", J(body), ("ip_address", "192.168.10.24"), ("url_credentials", ru))

# ko-5 OpenAI Responses API, function_call arguments with Atlassian basic-auth token
at = atlassian(); c1 = callid()
body = {"model": "o4-mini", "input": [
    {"role": "user", "content": "결제 API 배포 롤백 건을 지라 OPS 프로젝트에 인시던트로 등록해줘."},
    {"type": "function_call", "call_id": c1, "name": "http_request", "arguments": J({
        "method": "POST", "url": "https://acme-kr.atlassian.net/rest/api/3/issue",
        "basic_auth": {"username": "devops@acme-kr.com", "password": at},
        "json": {"fields": {"project": {"key": "OPS"}, "summary": "결제 API 배포 롤백", "issuetype": {"name": "Incident"}}}})},
    {"type": "function_call_output", "call_id": c1, "output": J({"id": "10482", "key": "OPS-1182", "self": "https://acme-kr.atlassian.net/rest/api/3/issue/10482"})}],
    "reasoning": {"effort": "low"}}
S("ko", "json", J(body, 2), ("email", "devops@acme-kr.com"), ("saas_token", at))

# ko-6 MCP tool result: member table from a postgres MCP server
r1 = kr_rrn(); r2 = kr_rrn().replace("-", "")
txt = ("id   | 이름   | 주민번호       | 휴대폰        | 이메일\n"
       "-----+--------+----------------+---------------+------------------------------\n"
       f"1041 | 이서연 | {r1} | 010-2938-4410 | seoyeon.lee@example.kr\n"
       f"1042 | 최도윤 | {r2}  | 01077351208   | doyoon.choi@mail.example.com\n(2 rows)")
msg = {"jsonrpc": "2.0", "id": "q-77", "result": {"content": [{"type": "text", "text": txt}], "structuredContent": {"rowCount": 2}, "isError": False}}
S("ko", "json", J(msg, 2), ("kr_rrn", r1), ("kr_rrn", r2), ("phone", "010-2938-4410"), ("phone", "01077351208"),
  ("email", "seoyeon.lee@example.kr"), ("email", "doyoon.choi@mail.example.com"))

# ko-7 agent scratchpad (Korean) reading .gitlab-ci.yml
gl = gitlab(); xp = slack_user(); orr = openrouter()
txt = f"""생각: 파이프라인이 `deploy:prod` 단계에서 403으로 실패했다. 토큰 권한 문제일 가능성이 높다.
행동: read_file(".gitlab-ci.yml")
관찰: variables 블록에 GITLAB_API_TOKEN: "{gl}" 가 평문으로 들어가 있고, 알림 단계는 SLACK_USER_TOKEN={xp} 를 curl 헤더로 넘기고 있다. 릴리스 노트 요약 단계는 OPENROUTER_API_KEY: {orr} 를 쓴다.
생각: 토큰 세 개가 모두 저장소에 커밋되어 있으므로 즉시 폐기하고 CI/CD 변수(Masked)로 옮기라고 안내해야 한다.
최종 답변: 403의 원인은 만료된 GitLab 토큰입니다. 위 세 토큰을 모두 재발급하세요."""
S("ko", "prose", txt, ("gitlab_token", gl), ("slack_token", xp), ("ai_api_key", orr))

# ko-8 Anthropic messages, earlier assistant turn repeats RRN and card
rrn = kr_rrn(); ax = fmt_card(card("amex"))
body = {"model": "claude-haiku-4-5", "max_tokens": 800, "messages": [
    {"role": "user", "content": f"연말정산 간소화 자료 신청하려는데 제 주민등록번호 {rrn} 맞게 들어갔는지 확인해 주세요. 의료비를 카드로 냈는데 공제되나요?"},
    {"role": "assistant", "content": f"확인했습니다. 입력하신 주민등록번호는 {rrn}이며 형식상 문제는 없습니다. 등록된 카드 {ax}로 결제하신 의료비는 공제 대상에 포함됩니다. 결과 요약을 hyejin.park@example.com 로 보내드릴까요?"},
    {"role": "user", "content": "네 그 메일로 보내 주세요."}]}
S("ko", "json", J(body, 2), ("kr_rrn", rrn), ("card", ax), ("email", "hyejin.park@example.com"))

# ko-9 OpenAI chat, system prompt with DB credentials and cloud keys
pw = password(); nak = rnd(UPDIG, 20); nsk = rnd_mixed(ALNUM, 40)
body = {"model": "gpt-4o", "messages": [
    {"role": "system", "content": f"너는 데이터 분석 에이전트다. 운영 DB(읽기 전용)에 접속해 질의할 수 있다.\n접속 정보: host=10.30.2.15 port=5432 user=readonly password={pw}\n스냅샷 파일은 네이버 클라우드 Object Storage에서 받는다: NCLOUD_ACCESS_KEY={nak} / NCLOUD_SECRET_KEY={nsk}\n개인정보 컬럼은 절대 출력하지 마라."},
    {"role": "user", "content": "지난주 신규 가입자 수를 일자별로 알려줘."}], "temperature": 0}
S("ko", "json", J(body), ("ip_address", "10.30.2.15"), ("password", pw), ("cloud_token", nak), ("cloud_token", nsk))

# ko-10 Gemini: image + OCR caption of a business card
body = {"contents": [{"role": "user", "parts": [
    {"inlineData": {"mimeType": "image/png", "data": "iVBORw0KGgoAAAANSUhEUgAAA" + rnd(B64, 220)}},
    {"text": "첨부한 명함 사진에서 추출한 텍스트야(OCR):\n(주)한빛소프트웨어 | 기술영업팀 과장 정하늘\nT. 02-3456-7890  M. 010-6621-0398\nE. haneul.jung@hanbit-sw.example.kr\n서울시 강남구 테헤란로 152\n이걸 CRM 연락처 형식(JSON)으로 바꿔줘."}]}],
    "generationConfig": {"responseMimeType": "application/json"}}
S("ko", "json", J(body, 2), ("phone", "02-3456-7890"), ("phone", "010-6621-0398"), ("email", "haneul.jung@hanbit-sw.example.kr"))

# ko-11 OpenAI chat, file excerpt (Spring application-prod.yml)
pw = password_random(16); js = high_entropy(64); kk = rnd(HEX, 32); ts = toss_live()
yml = f"""spring:
  datasource:
    url: jdbc:mysql://10.0.5.21:3306/shop?serverTimezone=Asia/Seoul
    username: shop_app
    password: "{pw}"
jwt:
  secret: {js}
  expiration-ms: 3600000
kakao:
  rest-api-key: {kk}
  redirect-uri: https://shop.example.kr/login/oauth2/code/kakao
toss:
  secret-key: {ts}
"""
body = {"model": "gpt-4.1", "messages": [
    {"role": "user", "content": [{"type": "text", "text": "로그인하고 한 시간쯤 지나면 토큰이 만료된다고 튕겨요. 이 설정 파일 보고 원인 찾아줘."},
                                 {"type": "text", "text": "<file path=\"src/main/resources/application-prod.yml\">\n" + yml + "</file>"}]}]}
S("ko", "json", J(body, 2), ("ip_address", "10.0.5.21"), ("password", pw), ("generic_secret", js), ("saas_token", kk),
  ("payment_token", ts))

# ko-12 GitLab CI job log
nt = npm(); dk = dockerhub()
log = f"""Running with gitlab-runner 17.5.2 (c0a7ea0b)
  on kr-build-02 Kq8xZ2mT, system ID: s_4f8c1a2b9e70
Preparing the "docker" executor
Using Docker executor with image node:20-bookworm ...
Getting source from Git repository
Fetching changes with git depth set to 20...
Checking out {rnd(HEX, 8)} as detached HEAD (ref is main)...
Executing "step_script" stage of the job script
$ echo "배포 토큰 확인: NPM_TOKEN=$NPM_TOKEN"
배포 토큰 확인: NPM_TOKEN={nt}
$ echo "$DOCKERHUB_TOKEN" | docker login -u acmekr --password-stdin
Login Succeeded
$ printenv | grep -i token
CI_JOB_TOKEN=[MASKED]
DOCKERHUB_TOKEN={dk}
NPM_TOKEN={nt}
$ npm publish --access public
npm notice Publishing to https://registry.npmjs.org/ with tag latest and public access
+ @acme-kr/design-tokens@2.3.0
$ curl -sf -T dist.tgz http://10.10.1.7:9000/artifacts/design-tokens/2.3.0/
업로드 완료
Job succeeded"""
S("ko", "log", log, ("npm_token", nt), ("package_registry_token", dk), ("ip_address", "10.10.1.7"))

# ko-13 kubectl get secret -o yaml (base64 data)
pw = password(); sg = sendgrid(); rk = pem_rsa_traditional()
e1, e2, e3 = b64s(pw), b64s(sg), b64s(rk + "\n")
cfg = f"""$ kubectl get secret member-api-secrets -n member -o yaml
apiVersion: v1
data:
  DB_PASSWORD: {e1}
  SENDGRID_API_KEY: {e2}
  tls.key: {e3}
kind: Secret
metadata:
  creationTimestamp: "2025-10-02T08:11:40Z"
  name: member-api-secrets
  namespace: member
  resourceVersion: "48211932"
  uid: {U()}
type: Opaque"""
S("ko", "config", cfg, ("password", e1), ("saas_token", e2), ("private_key", e3))

# ko-14 Spring stack trace with JDBC URL carrying the password
pw = rnd_mixed(ALNUM, 14)
jurl = f"jdbc:postgresql://pg.prod.internal:5432/member?user=member_app&password={pw}&sslmode=require"
log = f"""2025-11-25 14:22:07.381 ERROR 1 --- [nio-8080-exec-7] c.a.member.auth.LoginService : 로그인 실패: user=jiwoo.lee@example.co.kr ip=172.16.8.33 reason=BAD_CREDENTIALS
2025-11-25 14:22:07.402 ERROR 1 --- [nio-8080-exec-7] com.zaxxer.hikari.pool.HikariPool : member-pool - 연결을 가져올 수 없습니다. url={jurl}
org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection
	at org.springframework.jdbc.datasource.DataSourceUtils.getConnection(DataSourceUtils.java:84)
	at org.springframework.jdbc.core.JdbcTemplate.execute(JdbcTemplate.java:376)
	at com.acme.member.repo.MemberRepository.findByEmail(MemberRepository.java:58)
Caused by: org.postgresql.util.PSQLException: FATAL: password authentication failed for user "member_app"
	at org.postgresql.core.v3.ConnectionFactoryImpl.doAuthentication(ConnectionFactoryImpl.java:693)
	at org.postgresql.core.v3.ConnectionFactoryImpl.tryConnect(ConnectionFactoryImpl.java:203)
	... 47 common frames omitted"""
S("ko", "log", log, ("email", "jiwoo.lee@example.co.kr"), ("ip_address", "172.16.8.33"), ("url_credentials", jurl))

# ko-15 docker inspect with root password in Env and bridge IPs
pw = password_random(18)
ins = [{"Id": rnd(HEX, 64), "Name": "/shop-mysql", "Image": digest(),
        "Config": {"Hostname": rnd(HEX, 12), "Env": [f"MYSQL_ROOT_PASSWORD={pw}", "MYSQL_DATABASE=shop", "TZ=Asia/Seoul", "LANG=C.UTF-8"],
                   "Image": "mysql:8.4", "Labels": {"maintainer": "platform-team"}},
        "NetworkSettings": {"Bridge": "", "Ports": {"3306/tcp": [{"HostIp": "0.0.0.0", "HostPort": "13306"}]},
                            "Gateway": "172.17.0.1", "IPAddress": "172.17.0.3", "IPPrefixLen": 16, "MacAddress": "02:42:ac:11:00:03"}}]
S("ko", "json", "# 장애 분석용: shop-mysql 컨테이너 설정 덤프\n$ docker inspect shop-mysql\n" + J(ins, 4),
  ("password", pw), ("ip_address", "172.17.0.1"), ("ip_address", "172.17.0.3"))

# ko-16 aws iam create-access-key output
ak = aws_key_id(); ask = aws_secret()
log = f"""$ echo "신규 배포용 IAM 키 발급" && aws iam create-access-key --user-name deploy-kr
신규 배포용 IAM 키 발급
{{
    "AccessKey": {{
        "UserName": "deploy-kr",
        "AccessKeyId": "{ak}",
        "Status": "Active",
        "SecretAccessKey": "{ask}",
        "CreateDate": "2025-11-25T05:12:44+00:00"
    }}
}}"""
S("ko", "log", log, ("aws_access_key", ak), ("aws_secret_key", ask))

# ko-17 MySQL error log + slow query log with phone and card
cm = card("mc")
log = f"""2025-11-25T06:01:13.552811Z 48213 [Note] [MY-010926] [Server] Access denied for user 'shop_app'@'10.0.7.14' (using password: YES)
# Time: 2025-11-25T06:01:19.004213Z
# User@Host: shop_app[shop_app] @  [10.0.7.15]  Id: 48219
# Query_time: 3.812004  Lock_time: 0.000112 Rows_sent: 0  Rows_examined: 1
SET timestamp=1764050479;
INSERT INTO orders (order_no, buyer_name, buyer_phone, card_no, amount) VALUES ('20251125-000381', '한지민', '010-3382-1947', '{cm}', 58000);
ERROR 1062 (23000): Duplicate entry '20251125-000381' for key 'orders.uk_order_no'"""
S("ko", "log", log, ("ip_address", "10.0.7.14"), ("ip_address", "10.0.7.15"), ("phone", "010-3382-1947"), ("card", cm))

# ko-18 NEG OpenAI chat: only masked identifiers
body = {"model": "gpt-4o-mini", "messages": [
    {"role": "system", "content": "당신은 쇼핑몰 고객센터 상담 보조 에이전트입니다."},
    {"role": "user", "content": "고객이 본인확인을 요청했어요. 시스템에 보이는 정보는 이게 전부예요:\n이름: 홍*동\n주민번호: 850312-1******\n휴대폰: 010-****-7735\n카드: 9410-****-****-1234\n주문번호: 20241125-0003817\n운송장: 6894-1127-3305 (CJ대한통운)\n이 정보로 본인 확인 절차를 안내해 줘."},
    {"role": "assistant", "content": "마스킹된 정보만으로는 본인 확인을 완료할 수 없습니다. 등록된 휴대폰 뒷자리(7735)로 인증번호를 발송해 확인해 주세요."}]}
S("ko", "json", J(body, 2))

# ko-19 NEG Jenkins console log with masked credentials
log = f"""Started by user 배포담당
[Pipeline] Start of Pipeline
[Pipeline] node
Running on kr-agent-01 in /var/jenkins/workspace/member-api-deploy
[Pipeline] {{ (체크아웃)
[Pipeline] checkout
 > git fetch --tags --force --progress -- https://git.example.kr/platform/member-api.git +refs/heads/*:refs/remotes/origin/* # timeout=10
Checking out Revision {rnd(HEX, 40)} (refs/remotes/origin/main)
Commit message: "회원 탈퇴 API 응답 코드 수정"
[Pipeline] withCredentials
Masking supported pattern matches of $REGISTRY_PASSWORD or $SLACK_TOKEN
[Pipeline] {{
[Pipeline] sh
+ docker login -u ci-bot -p **** registry.example.kr
WARNING! Using --password via the CLI is insecure. Use --password-stdin.
Login Succeeded
+ docker push registry.example.kr/member-api:1.42.0
1.42.0: digest: {digest()} size: 2419
+ curl -s -X POST -H 'Authorization: Bearer ****' https://slack.com/api/chat.postMessage -d channel=C05AB12CD34 -d 'text=배포 완료 1.42.0'
{{"ok":true,"channel":"C05AB12CD34","ts":"1764051201.002300"}}
[Pipeline] }}
Finished: SUCCESS"""
S("ko", "log", log)

# ko-20 NEG Anthropic: tool_result with rollout history (digests only)
tu = toolu(); d1, d2 = digest(), digest()
body = {"model": "claude-sonnet-4-5", "max_tokens": 1024, "messages": [
    {"role": "user", "content": "member-api 1.42.0 배포 후 에러가 늘었어. 롤백하려면 어느 리비전으로 가야 해?"},
    {"role": "assistant", "content": [{"type": "tool_use", "id": tu, "name": "kubectl", "input": {"args": "rollout history deploy/member-api -n member"}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tu, "content":
        f"deployment.apps/member-api\nREVISION  CHANGE-CAUSE\n12        image=registry.example.kr/member-api@{d1} (1.41.3)\n13        image=registry.example.kr/member-api@{d2} (1.42.0)\n"}]}]}
S("ko", "json", J(body, 2))

# ko-21 NEG Gemini: user asks about masked token and variable references
body = {"contents": [
    {"role": "user", "parts": [{"text": "GitHub 토큰이 로그에 `ghp_…redacted` 로 찍히는데 이거 정상인가요? 워크플로에서는 `${{ secrets.GITHUB_TOKEN }}` 을 쓰고, 로컬에선 `export GITHUB_TOKEN=$GH_TOKEN` 으로 설정해요. 실패한 요청의 X-GitHub-Request-Id 는 C4F2:3A1B:8D21E3:9012F4:6744A1B2 였어요."}]},
    {"role": "model", "parts": [{"text": "네, 정상입니다. Actions 러너는 등록된 시크릿 값을 로그에서 자동으로 가립니다. 요청 ID는 GitHub 지원팀에 문의할 때 쓰시면 됩니다."}]},
    {"role": "user", "parts": [{"text": "그럼 `gh auth status` 에 나오는 `Token: gho_************************************` 도 같은 건가요?"}]}],
    "generationConfig": {"temperature": 0.4, "maxOutputTokens": 1024}}
S("ko", "json", J(body, 2))

# ko-22 NEG Ollama: .env.example with Korean comments and placeholders
envx = """# 카카오 로그인 (발급받은 키로 교체하세요)
KAKAO_REST_API_KEY=<YOUR_KAKAO_REST_API_KEY>
KAKAO_CLIENT_SECRET=
# DB - 로컬 개발용 기본값
DB_HOST=127.0.0.1
DB_PASSWORD=changeme
JWT_SECRET=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
TOSS_SECRET_KEY=test_sk_여기에_키_입력
"""
body = {"model": "exaone3.5:32b", "messages": [{"role": "user", "content": "이 .env.example 파일 항목별로 설명 좀 해줘.\n\n" + envx}], "stream": False,
        "options": {"num_predict": 512}}
S("ko", "json", J(body, 2))

# ko-23 NEG MCP tool result: commit list (SHAs, bots, PR numbers)
commits = [{"sha": rnd(HEX, 40), "message": m, "author": a, "date": d} for m, a, d in [
    ("회원 탈퇴 API 응답 코드 수정 (#482)", "github-actions[bot]", "2025-11-24T09:12:00Z"),
    ("chore(deps): bump spring-boot to 3.3.5 (#479)", "dependabot[bot]", "2025-11-23T02:00:11Z"),
    ("로그 마스킹 규칙 추가 (#477)", "renovate[bot]", "2025-11-22T15:41:52Z")]]
msg = {"jsonrpc": "2.0", "id": 21, "result": {"content": [{"type": "text", "text": "최근 커밋 3개:\n" + "\n".join(f"{x['sha'][:7]} {x['message']} ({x['author']})" for x in commits)}],
                                             "structuredContent": {"commits": commits, "next_page_token": b64s(J({"page": 2, "per_page": 3}))}}}
S("ko", "json", J(msg, 2))

# ko-24 NEG nginx access log: documentation / loopback addresses, request and trace ids
log = f"""# 어제 10시대 5xx 원인 분석용 발췌 (클라이언트 IP는 문서용 대역으로 치환함)
203.0.113.45 - - [25/Nov/2025:10:11:02 +0900] "GET /api/v1/products?cursor={b64s(J({"id": 10240, "dir": "next"})).rstrip("=")} HTTP/1.1" 200 5123 "-" "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X)" rt=0.012 req_id={rnd(HEX, 32)}
127.0.0.1 - - [25/Nov/2025:10:11:03 +0900] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.30" rt=0.000 req_id={rnd(HEX, 32)}
198.51.100.7 - - [25/Nov/2025:10:11:05 +0900] "POST /api/v1/orders HTTP/1.1" 502 157 "https://shop.example.kr/cart" "okhttp/4.12.0" rt=30.001 req_id={rnd(HEX, 32)} traceparent=00-{rnd(HEX, 32)}-{rnd(HEX, 16)}-01
192.0.2.33 - - [25/Nov/2025:10:11:09 +0900] "GET /static/app.{rnd(HEX, 8)}.js HTTP/2.0" 304 0 "-" "Mozilla/5.0 (Windows NT 10.0; Win64; x64)" rt=0.001 req_id={rnd(HEX, 32)}"""
S("ko", "log", log)

# ko-25 NEG table: card statement with masked cards, approval and business numbers
tbl = """11월 법인카드 사용 내역 (마스킹본, 경비 정산용)

| 결제일 | 가맹점 | 사업자등록번호 | 카드 | 승인번호 | 금액 |
|---|---|---|---|---|---|
| 2025-11-20 | 스타벅스 강남R점 | 201-81-21515 | 신한 **** **** **** 4821 | 30128841 | 6,100원 |
| 2025-11-21 | 코레일 KTX | 314-82-10024 | 신한 **** **** **** 4821 | 71100392 | 59,800원 |
| 2025-11-22 | 쿠팡(주) | 120-88-00767 | 국민 5310-****-****-0072 | 00482913 | 128,400원 |

합계 194,300원 / 정산 요청번호 EXP-2025-1122-0048"""
S("ko", "table", tbl)

# ====================================================================== DE
# de-1 OpenAI chat, HR tool result with Steuer-ID and IBAN
stid = de_steuer_id(); ib = iban_spaced(iban("DE")); cid = callid()
body = {"model": "gpt-4o", "messages": [
    {"role": "system", "content": "Du bist ein Assistent für die Lohnbuchhaltung der Beispiel Logistik GmbH. Antworte auf Deutsch."},
    {"role": "user", "content": "Lege die Lohnabrechnung für Jonas Weber ab Dezember an und prüfe, ob alle Pflichtangaben vorhanden sind."},
    {"role": "assistant", "content": None, "tool_calls": [{"id": cid, "type": "function", "function": {"name": "personal_abrufen", "arguments": J({"name": "Jonas Weber"})}}]},
    {"role": "tool", "tool_call_id": cid, "content": J({"personalnummer": "P-004412", "name": "Jonas Weber", "steuer_id": stid, "steuerklasse": 1,
                                                      "iban": ib, "email": "j.weber@example.de", "telefon": "+49 151 23456789", "eintritt": "2025-12-01"})}]}
S("de", "json", J(body, 2), ("de_steuer_id", stid), ("iban", ib), ("email", "j.weber@example.de"), ("phone", "+49 151 23456789"))

# de-2 Anthropic tool_use SEPA transfer + IBAN in user prose
at_ = iban("AT"); ch = iban_spaced(iban("CH")); tu = toolu()
body = {"model": "claude-sonnet-4-5", "max_tokens": 1024, "messages": [
    {"role": "user", "content": f"Bitte überweise die Rechnung 2025-118 an die Müller Installationen GmbH. Meine eigene Schweizer IBAN für Rückzahlungen ist übrigens {ch}."},
    {"role": "assistant", "content": [{"type": "text", "text": "Ich lege die Überweisung an."},
                                      {"type": "tool_use", "id": tu, "name": "sepa_ueberweisung", "input": {"empfaenger": "Müller Installationen GmbH", "iban": at_, "bic": "BKAUATWW",
                                                                                                        "betrag": "1480.00", "waehrung": "EUR", "verwendungszweck": "Rechnung 2025-118"}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tu, "content": "Überweisung angelegt. Auftrags-ID TRX-88213-A, Ausführung am 26.11.2025."}]}]}
S("de", "json", J(body, 2), ("iban", ch), ("iban", at_))

# de-3 Gemini functionCall args with Azure client secret and storage key
cs = azure_client_secret(); sk_ = azure_storage_key()
body = {"contents": [
    {"role": "user", "parts": [{"text": "Richte die Deployment-Pipeline für das neue Abo ein. Die Zugangsdaten stehen im Ticket OPS-4471."}]},
    {"role": "model", "parts": [{"functionCall": {"name": "configure_azure_pipeline", "args": {
        "tenant_id": U(), "client_id": U(), "client_secret": cs, "subscription_id": U(),
        "storage_connection_string": f"DefaultEndpointsProtocol=https;AccountName=stprodeuwest01;AccountKey={sk_};EndpointSuffix=core.windows.net"}}}]},
    {"role": "user", "parts": [{"functionResponse": {"name": "configure_azure_pipeline", "response": {"status": "ok", "pipeline_id": 412}}}]}]}
S("de", "json", J(body, 2), ("azure_key", cs), ("azure_key", sk_))

# de-4 OpenAI Responses API, instructions with mail-provider tokens
pmk = U(); br = brevo(); c1 = callid()
body = {"model": "gpt-4.1-mini", "instructions": (
    "Du bist der Newsletter-Assistent der Beispiel Handel GmbH.\n"
    f"Transaktionsmails gehen über Postmark (X-Postmark-Server-Token: {pmk}), Marketing-Mails über Brevo mit dem API-Schlüssel {br}.\n"
    "Absender ist immer newsletter@beispiel-handel.de. Antworte auf Deutsch."),
    "input": [{"role": "user", "content": "Schick die Dezember-Kampagne an das Segment 'Stammkunden' raus."},
              {"type": "function_call", "call_id": c1, "name": "send_campaign", "arguments": J({"segment": "stammkunden", "template_id": "tmpl_1182"})},
              {"type": "function_call_output", "call_id": c1, "output": J({"queued": 4821, "campaign_id": "cmp_" + rnd(HEX, 12)})}]}
S("de", "json", J(body, 2), ("saas_token", pmk), ("saas_token", br), ("email", "newsletter@beispiel-handel.de"))

# de-5 Ollama: pasted application.properties
dbp = password_random(18); mp = password(); pps = paypal_secret()
props = f"""spring.datasource.url=jdbc:postgresql://db.intern.beispiel-handel.de:5432/shop
spring.datasource.username=shop
spring.datasource.password={dbp}
spring.mail.host=smtp.ionos.de
spring.mail.port=587
spring.mail.username=rechnung@beispiel-handel.de
spring.mail.password={mp}
paypal.mode=live
paypal.client.id=A{rnd_mixed(ALNUM + "-_", 79)}
paypal.client.secret={pps}
"""
body = {"model": "llama3.1:8b", "messages": [
    {"role": "system", "content": "Du bist ein hilfsbereiter Java-Experte."},
    {"role": "user", "content": "Warum bekomme ich beim Rechnungsversand 'AuthenticationFailedException: 535 Authentication credentials invalid'? Hier meine Konfiguration:\n\n" + props}],
    "stream": False}
S("de", "json", J(body, 2), ("password", dbp), ("email", "rechnung@beispiel-handel.de"), ("password", mp), ("payment_token", pps))

# de-6 MCP tool result: ~/.docker/config.json with base64 user:token pairs
gl = gitlab(); gp = github("ghp_")
a1 = b64s("deploy-bot:" + gl); a2 = b64s("acme-ci:" + gp)
cfgj = J({"auths": {"registry.gitlab.com": {"auth": a1}, "ghcr.io": {"auth": a2}, "https://index.docker.io/v1/": {}},
          "credsStore": "desktop", "currentContext": "default"}, 2)
msg = {"jsonrpc": "2.0", "id": 5, "result": {"content": [{"type": "text", "text": cfgj}], "isError": False,
                                            "_meta": {"path": "/home/lena/.docker/config.json"}}}
S("de", "json", J(msg), ("gitlab_token", a1), ("github_token", a2))

# de-7 agent scratchpad (German)
ant = anthropic(); ms = mistral()
txt = f"""Gedanke: Der Evaluationslauf bricht mit 401 ab. Ich prüfe, welche Schlüssel im Container landen.
Aktion: shell("cat /srv/eval/.env")
Beobachtung:
ANTHROPIC_API_KEY={ant}
MISTRAL_API_KEY={ms}
EVAL_MODELS=claude-sonnet-4-5,mistral-large-latest
Gedanke: Der Mistral-Schlüssel sieht gültig aus, der Anthropic-Schlüssel wurde laut Konsole am 20.11. widerrufen. Beide liegen aber im Klartext im Image.
Antwort: Bitte den Anthropic-Schlüssel neu erzeugen, beide Schlüssel als Secrets einbinden und die .env aus dem Dockerfile entfernen."""
S("de", "prose", txt, ("anthropic_key", ant), ("ai_api_key", ms))

# de-8 Anthropic document block: customer CSV
s1 = steuer_sp(de_steuer_id()); s2 = de_steuer_id(); i1 = iban("DE"); i2 = iban_spaced(iban("DE"))
csvt = ("Name;Geburtsdatum;Steuer-ID;IBAN;E-Mail\n"
        f"Lena Hoffmann;14.03.1991;{s1};{i1};lena.hoffmann@example.de\n"
        f"Murat Yılmaz;02.11.1985;{s2};{i2};m.yilmaz@beispiel.de\n"
        "Petra Lang;29.07.1978;;;\n")
body = {"model": "claude-sonnet-4-5", "max_tokens": 2048, "messages": [{"role": "user", "content": [
    {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": csvt}, "title": "kunden_export_2025-11.csv"},
    {"type": "text", "text": "Bitte prüfe die Kundendatei auf fehlende Pflichtangaben und gib mir eine Liste der unvollständigen Datensätze."}]}]}
S("de", "json", J(body, 2), ("de_steuer_id", s1), ("de_steuer_id", s2), ("iban", i1), ("iban", i2),
  ("email", "lena.hoffmann@example.de"), ("email", "m.yilmaz@beispiel.de"))

# de-9 OpenAI chat, earlier assistant turn with EU national identifiers
dni = es_dni(); cfi = it_cf(); nir = fr_nir(); bsn = nl_bsn()
body = {"model": "gpt-4o", "messages": [
    {"role": "system", "content": "Du unterstützt die Personalabteilung beim Onboarding internationaler Mitarbeitender."},
    {"role": "user", "content": "Lies bitte die hochgeladenen Ausweiskopien der vier Neuen aus."},
    {"role": "assistant", "content": f"Ich habe die Unterlagen ausgelesen:\n- Lucía Fernández (Madrid): DNI {dni}\n- Marco Bianchi (Mailand): Codice Fiscale {cfi}\n- Camille Durand (Lyon): Numéro de sécurité sociale {nir}, Tel. +33 6 12 48 90 27\n- Daan de Vries (Utrecht): BSN {bsn}\nSoll ich die Daten ins HR-System übertragen?"},
    {"role": "user", "content": "Ja, aber die NIR bitte ohne Leerzeichen ins Feld 'Sozialversicherungsnummer'."}]}
S("de", "json", J(body, 2), ("es_dni", dni), ("it_codice_fiscale", cfi), ("fr_nir", nir), ("nl_bsn", bsn), ("phone", "+33 6 12 48 90 27"))

# de-10 Gemini functionResponse from a secret store (Shopify admin token)
sp = shopify("shpat_")
body = {"systemInstruction": {"parts": [{"text": "Du bist ein Agent für die Warenwirtschaft. Hole Zugangsdaten nur über read_secret."}]},
        "contents": [{"role": "user", "parts": [{"text": "Synchronisiere die Lagerbestände mit Shopify."}]},
                     {"role": "model", "parts": [{"functionCall": {"name": "read_secret", "args": {"name": "shopify-admin"}}}]},
                     {"role": "user", "parts": [{"functionResponse": {"name": "read_secret", "response": {"name": "shopify-admin", "value": sp, "shop": "beispiel-handel.myshopify.com", "owner_email": "inhaber@beispiel-handel.de", "rotated_at": 1761955200}}}]}]}
S("de", "json", J(body), ("saas_token", sp), ("email", "inhaber@beispiel-handel.de"))

# de-11 OpenAI chat, two http_request tool calls: Mollie key and an internal JWT
ml = mollie(); jw = jwt({"sub": "svc-checkout", "aud": "orders-api", "iat": 1764050000, "exp": 1764053600, "scope": "orders:write"})
c1, c2 = callid(), callid()
body = {"model": "gpt-4.1", "parallel_tool_calls": True, "messages": [
    {"role": "user", "content": "Leg für Bestellung 100482 eine Zahlung über 49,90 € an und setz den Status auf 'payment_pending'."},
    {"role": "assistant", "content": None, "tool_calls": [
        {"id": c1, "type": "function", "function": {"name": "http_request", "arguments": J({"method": "POST", "url": "https://api.mollie.com/v2/payments",
                                                                                            "headers": {"Authorization": f"Bearer {ml}", "Content-Type": "application/json"},
                                                                                            "body": {"amount": {"currency": "EUR", "value": "49.90"}, "description": "Bestellung 100482", "redirectUrl": "https://shop.beispiel-handel.de/danke"}})}},
        {"id": c2, "type": "function", "function": {"name": "http_request", "arguments": J({"method": "PATCH", "url": "https://orders.intern.beispiel-handel.de/v1/orders/100482",
                                                                                            "headers": {"Authorization": f"Bearer {jw}"}, "body": {"status": "payment_pending"}})}}]}]}
S("de", "json", J(body, 2), ("payment_token", ml), ("jwt", jw))

# de-12 Jenkins console log: password on a curl command line, agent IP
pw = password()
log = f"""Started by timer
Running on jenkins-agent-03 in /home/jenkins/workspace/artefakte-veroeffentlichen
[Pipeline] {{
[Pipeline] sh
+ echo 'Lade Artefakte hoch ...'
Lade Artefakte hoch ...
+ curl -fsS -u 'deploy:{pw}' --upload-file target/lager-service-3.8.1.jar https://nexus.intern.beispiel.de/repository/releases/de/beispiel/lager-service/3.8.1/lager-service-3.8.1.jar
+ ssh -o StrictHostKeyChecking=no jenkins@10.8.0.14 'sudo systemctl restart lager-service'
Warning: Permanently added '10.8.0.14' (ED25519) to the list of known hosts.
+ echo 'Dienst neu gestartet'
Dienst neu gestartet
[Pipeline] }}
[Pipeline] // node
[Pipeline] End of Pipeline
Finished: SUCCESS"""
S("de", "log", log, ("password", pw), ("ip_address", "10.8.0.14"))

# de-13 terraform state show: Azure storage key, Hetzner server IPs, hcloud token
sk_ = azure_storage_key(); hz = hetzner()
cfg = f"""$ terraform state show azurerm_storage_account.main
# azurerm_storage_account.main:
resource "azurerm_storage_account" "main" {{
    account_kind                     = "StorageV2"
    account_replication_type         = "ZRS"
    account_tier                     = "Standard"
    id                               = "/subscriptions/{U()}/resourceGroups/rg-prod-weu/providers/Microsoft.Storage/storageAccounts/stprodweu01"
    location                         = "westeurope"
    name                             = "stprodweu01"
    primary_access_key               = "{sk_}"
    primary_blob_endpoint            = "https://stprodweu01.blob.core.windows.net/"
    primary_connection_string        = "DefaultEndpointsProtocol=https;AccountName=stprodweu01;AccountKey={sk_};EndpointSuffix=core.windows.net"
    min_tls_version                  = "TLS1_2"
}}
$ terraform state show hcloud_server.gitlab_runner
# hcloud_server.gitlab_runner:
resource "hcloud_server" "gitlab_runner" {{
    id           = "58213377"
    image        = "ubuntu-24.04"
    ipv4_address = "49.13.148.201"
    ipv6_address = "2a01:4f8:c012:3e7a::1"
    location     = "fsn1"
    name         = "gitlab-runner-fsn1"
    server_type  = "cpx31"
}}
$ grep hcloud_token terraform.tfvars
hcloud_token = "{hz}\""""
S("de", "config", cfg, ("azure_key", sk_), ("ip_address", "49.13.148.201"), ("ip_address", "2a01:4f8:c012:3e7a::1"), ("cloud_token", hz))

# de-14 kubectl get configmap -o yaml: secrets in a ConfigMap, indented PEM
sp_ = password(); se = sentry_user(); nrk = newrelic(); k = pem("ec")
kind_ = "\n    ".join(k.splitlines())
cfg = f"""$ kubectl get configmap versand-service-config -n logistik -o yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: versand-service-config
  namespace: logistik
  uid: {U()}
data:
  SMTP_HOST: mail.intern.beispiel.de
  SMTP_PASSWORD: "{sp_}"
  SENTRY_AUTH_TOKEN: {se}
  NEW_RELIC_API_KEY: {nrk}
  tls.key: |
    {kind_}
"""
S("de", "config", cfg, ("password", sp_), ("saas_token", se), ("saas_token", nrk), ("private_key", kind_))

# de-15 Celery log: masked broker URL and the full one from a debug line
pw = rnd_mixed(ALNUM, 20); am = f"amqp://versand:{pw}@rabbitmq.intern.beispiel.de:5672/%2Fversand"
log = f"""[2025-11-25 08:15:01,902: DEBUG/MainProcess] Broker-URL aus Umgebung geladen: {am}
[2025-11-25 08:15:02,114: ERROR/MainProcess] consumer: Cannot connect to amqp://versand:**@rabbitmq.intern.beispiel.de:5672/%2Fversand: [Errno 111] Connection refused.
Trying again in 8.00 seconds... (4/100)

[2025-11-25 08:15:10,203: CRITICAL/MainProcess] Unrecoverable error: AccessRefused(403, 'ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN. For details see the broker logfile.')
Traceback (most recent call last):
  File "/usr/local/lib/python3.12/site-packages/celery/worker/worker.py", line 202, in start
    self.blueprint.start(self)
  File "/usr/local/lib/python3.12/site-packages/kombu/connection.py", line 476, in _reraise_as_library_errors
    raise ConnectionError(str(exc)) from exc
amqp.exceptions.AccessRefused: (0, 0): (403) ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN.
[2025-11-25 08:15:10,211: WARNING/MainProcess] Verbindung zu Broker 10.40.0.12 endgültig fehlgeschlagen, Worker wird beendet."""
S("de", "log", log, ("url_credentials", am), ("ip_address", "10.40.0.12"))

# de-16 HAR: bearer JWT, session cookie, profile response with e-mail
jw = jwt({"sub": "kd-448120", "iat": 1764050100, "exp": 1764051000, "amr": ["pwd", "otp"]}); sid = rnd_mixed(ALNUM, 48)
har = {"log": {"version": "1.2", "creator": {"name": "Firefox", "version": "133.0"}, "entries": [{
    "startedDateTime": "2025-11-25T10:02:44.512+01:00", "time": 88,
    "request": {"method": "GET", "url": "https://kundenportal.beispiel.de/api/v2/profil", "httpVersion": "HTTP/2",
                "headers": [{"name": "Authorization", "value": "Bearer " + jw},
                            {"name": "Cookie", "value": f"sessionid={sid}; consent=necessary"},
                            {"name": "Accept-Language", "value": "de-DE,de;q=0.9"}]},
    "response": {"status": 200, "headers": [{"name": "ETag", "value": f'W/"5e1-{rnd(ALNUM, 27)}"'}],
                 "content": {"mimeType": "application/json", "text": J({"kundennummer": "448120", "name": "Sabine Krüger", "email": "sabine.krueger@example.de", "newsletter": False})}},
    "serverIPAddress": "10.20.30.40"}]}}
S("de", "json", J(har, 2), ("jwt", jw), ("generic_secret", sid), ("email", "sabine.krueger@example.de"), ("ip_address", "10.20.30.40"))

# de-17 env dump in a pod shell
vt = vault(); db_ = databricks(); hz = hetzner()
cfg = f"""bash-5.2$ env
HOSTNAME=lager-sync-5f7d9c8b4-q8w2n
VAULT_ADDR=https://vault.intern.beispiel.de:8200
VAULT_TOKEN={vt}
DATABRICKS_HOST=https://adb-4812093317261552.12.azuredatabricks.net
DATABRICKS_TOKEN={db_}
HCLOUD_TOKEN={hz}
POD_IP=10.42.3.7
TZ=Europe/Berlin
LANG=de_DE.UTF-8
PWD=/app
SHLVL=1
_=/usr/bin/env"""
S("de", "config", cfg, ("cloud_token", vt), ("cloud_token", db_), ("cloud_token", hz), ("ip_address", "10.42.3.7"))

# de-18 PostgreSQL server log (German locale)
ib = iban("DE")
log = f"""2025-11-25 09:12:44.118 CET [48121] buchhaltung@fibu FEHLER:  doppelter Schlüsselwert verletzt Unique-Constraint »kunden_email_key«
2025-11-25 09:12:44.118 CET [48121] buchhaltung@fibu DETAIL:  Schlüssel »(email)=(anna.schmidt@beispiel.de)« existiert bereits.
2025-11-25 09:12:44.118 CET [48121] buchhaltung@fibu ANWEISUNG:  INSERT INTO kunden (name, email, iban) VALUES ('Anna Schmidt', 'anna.schmidt@beispiel.de', '{ib}')
2025-11-25 09:13:02.551 CET [48133] [unbekannt]@[unbekannt] LOG:  Verbindung empfangen: Host=10.2.0.55 Port=51544
2025-11-25 09:13:02.553 CET [48133] buchhaltung@fibu FATAL:  Passwort-Authentifizierung für Benutzer »buchhaltung« fehlgeschlagen
2025-11-25 09:13:02.553 CET [48133] buchhaltung@fibu DETAIL:  Verbindung stimmte mit Datei »/etc/postgresql/16/main/pg_hba.conf« Zeile 98 überein: »host all all 10.2.0.0/16 scram-sha-256«"""
S("de", "log", log, ("email", "anna.schmidt@beispiel.de"), ("iban", ib), ("ip_address", "10.2.0.55"))

# de-19 NEG OpenAI chat: masked and example IBANs
body = {"model": "gpt-4o-mini", "messages": [
    {"role": "system", "content": "Du bist der Support-Assistent einer Direktbank."},
    {"role": "user", "content": "Im Formular steht als Beispiel 'DE00 1234 5678 9012 3456 78' und in meinem Konto wird 'DE89 **** **** **** **30 00' angezeigt. Ist das meine vollständige IBAN? Kundennummer 100482, Vorgangsnummer 2025-11-25-0071."},
    {"role": "assistant", "content": "Nein, die angezeigte IBAN ist aus Sicherheitsgründen maskiert. Die vollständige IBAN finden Sie im Online-Banking unter 'Kontodetails'. Das Beispiel im Formular ist keine gültige IBAN."}]}
S("de", "json", J(body, 2))

# de-20 NEG GitLab CI log with [MASKED] values and variable references
log = f"""Running with gitlab-runner 17.5.2 (c0a7ea0b)
  on shared-runner-fsn1 t2_Hk9xQ, system ID: s_8e1f0c2b7a44
Preparing the "docker" executor
Using Docker executor with image registry.gitlab.com/beispiel/ci-images/node:20@{digest()} ...
Getting source from Git repository
Checking out {rnd(HEX, 8)} as detached HEAD (ref is main)...
$ echo "Anmeldung an der Registry als $CI_REGISTRY_USER"
Anmeldung an der Registry als gitlab-ci-token
$ echo "$CI_REGISTRY_PASSWORD" | docker login -u "$CI_REGISTRY_USER" --password-stdin "$CI_REGISTRY"
Login Succeeded
$ docker build --build-arg NPM_TOKEN=[MASKED] -t "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA" .
#12 writing image {digest()} done
#12 naming to registry.gitlab.com/beispiel/shop-frontend:{rnd(HEX, 8)} done
$ echo "Pipeline $CI_PIPELINE_ID, Job $CI_JOB_ID abgeschlossen"
Pipeline 1482213, Job 9120447 abgeschlossen
Cleaning up project directory and file based variables
Job succeeded"""
S("de", "log", log)

# de-21 NEG Anthropic: tool_result with GPG fingerprints and SSH host keys
tu = toolu()
res = f"""$ gpg --list-keys --keyid-format long
/home/build/.gnupg/pubring.kbx
------------------------------
pub   ed25519/9A3F1C7E52B08D44 2024-05-13 [SC] [expires: 2026-05-13]
      7D2E0B4C9F6A18E35C01B7A29A3F1C7E52B08D44
uid                 [ultimate] Beispiel Release Signing Key
sub   cv25519/0E4B8A61D27C3F90 2024-05-13 [E]

$ ssh-keyscan -t ed25519 git.intern.beispiel.de
# git.intern.beispiel.de:22 SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.5
git.intern.beispiel.de {ssh_pub("").strip()}"""
body = {"model": "claude-sonnet-4-5", "max_tokens": 512, "messages": [
    {"role": "user", "content": "Stimmen Signaturschlüssel und Host-Key mit den Angaben im Wiki überein?"},
    {"role": "assistant", "content": [{"type": "tool_use", "id": tu, "name": "bash", "input": {"command": "gpg --list-keys --keyid-format long; ssh-keyscan -t ed25519 git.intern.beispiel.de"}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tu, "content": res}]}]}
S("de", "json", J(body, 2))

# de-22 NEG Gemini: token metadata only (prefix + last4, scopes, ids)
body = {"contents": [
    {"role": "user", "parts": [{"text": "Welche GitLab-Tokens laufen im Januar ab?"}]},
    {"role": "model", "parts": [{"functionCall": {"name": "list_tokens", "args": {"group": "beispiel/plattform"}}}]},
    {"role": "user", "parts": [{"functionResponse": {"name": "list_tokens", "response": {"tokens": [
        {"id": 4412, "name": "renovate-bot", "token_prefix": "glpat-", "last4": "x9Qa", "scopes": ["api", "read_repository"], "expires_at": "2026-01-31", "revoked": False},
        {"id": 4419, "name": "release-cli", "token_prefix": "glpat-", "last4": "T0_k", "scopes": ["write_repository"], "expires_at": "2026-01-15", "revoked": False}],
        "request_id": U()}}}]}]}
S("de", "json", J(body, 2))

# de-23 NEG docker compose config: env substitution, secret files, changeme, placeholders
cfg = f"""# docker-compose.yml (lokale Entwicklung)
services:
  db:
    image: postgres:16.4@{digest()}
    environment:
      POSTGRES_USER: app
      POSTGRES_PASSWORD: ${{POSTGRES_PASSWORD:?Bitte POSTGRES_PASSWORD setzen}}
    secrets:
      - db_root_password
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -h 127.0.0.1 -U app"]
  app:
    build: .
    environment:
      ADMIN_PASSWORD: changeme   # nur lokal, beim ersten Login wird eine Änderung erzwungen
      STRIPE_SECRET_KEY: sk_test_xxxxxxxxxxxxxxxxxxxxxxxx
      JWT_SECRET: "<bitte-generieren: openssl rand -hex 32>"
    ports: ["0.0.0.0:8080:8080"]
secrets:
  db_root_password:
    file: ./secrets/db_root_password.txt
"""
S("de", "config", cfg)

# de-24 NEG German API docs prose with placeholders
cur = b64s(J({"offset": 50}))
txt = f"""So richten Sie die Anbindung an die Buchhaltungs-API ein:

1. Erstellen Sie im Portal unter „Einstellungen → API" einen Schlüssel. Er beginnt mit bh_live_ und wird nur einmal angezeigt; in allen Beispielen dieser Seite steht stattdessen bh_live_XXXXXXXXXXXXXXXX.
2. Senden Sie ihn im Header Authorization: Bearer <IHR_SCHLÜSSEL>. Schlüssel gehören nie in den Quelltext, nutzen Sie z. B. die Umgebungsvariable $BH_API_KEY.
3. Für Lohndaten wird die Steuer-ID im Format XX XXX XXX XXX erwartet, die IBAN ohne Leerzeichen (z. B. DEkkBBBBBBBBCCCCCCCCCC).
4. Jede Antwort enthält eine request_id wie req_8f2c1a9e7b4d und bei Listen einen next_cursor (z. B. {cur}), den Sie unverändert zurückschicken.

Bei Fragen erreichen Sie uns über das Kontaktformular im Portal."""
S("de", "prose", txt)

# de-25 NEG Ollama /api/chat with tool output of `ollama show` (digests, versions)
body = {"model": "llama3.1:70b-instruct-q4_K_M", "messages": [
    {"role": "user", "content": "Welche Quantisierung nutzt das Modell und passt es in 48 GB VRAM?"},
    {"role": "assistant", "content": "", "tool_calls": [{"function": {"name": "run_shell", "arguments": {"cmd": "ollama show llama3.1:70b-instruct-q4_K_M"}}}]},
    {"role": "tool", "content": f"  Model\n    architecture        llama\n    parameters          70.6B\n    context length      131072\n    embedding length    8192\n    quantization        Q4_K_M\n\n  License\n    LLAMA 3.1 COMMUNITY LICENSE AGREEMENT\n    Llama 3.1 Version Release Date: July 23, 2024\n\n  digest: {digest()}\n  modified_at: 1764048122"}],
    "stream": False, "keep_alive": "10m", "options": {"num_gpu": 81, "seed": 1320}}
S("de", "json", J(body, 2))

# ====================================================================== JA
# ja-1 OpenAI chat, HR tool result with My Number
mn = jp_mynumber(); mnf = f"{mn[:4]} {mn[4:8]} {mn[8:]}"; cid = callid()
body = {"model": "gpt-4o", "messages": [
    {"role": "system", "content": "あなたは人事部の年末調整アシスタントです。"},
    {"role": "user", "content": "佐藤花子さんの扶養控除等申告書を下書きしてください。"},
    {"role": "assistant", "content": None, "tool_calls": [{"id": cid, "type": "function", "function": {"name": "get_employee", "arguments": J({"氏名": "佐藤 花子"})}}]},
    {"role": "tool", "tool_call_id": cid, "content": J({"社員番号": "E-20817", "氏名": "佐藤 花子", "マイナンバー": mnf, "電話": "090-3718-2046", "メール": "hanako.sato@example.jp", "扶養人数": 1})}]}
S("ja", "json", J(body, 2), ("jp_mynumber", mnf), ("phone", "090-3718-2046"), ("email", "hanako.sato@example.jp"))

# ja-2 Anthropic tool_use with JCB card + tool_result with e-mail
jc = card("jcb"); tu = toolu()
body = {"model": "claude-sonnet-4-5", "max_tokens": 1024, "messages": [
    {"role": "user", "content": "いつものJCBカードでホテルを予約して。チェックインは12月20日、2泊。"},
    {"role": "assistant", "content": [{"type": "text", "text": "予約を進めます。"},
                                      {"type": "tool_use", "id": tu, "name": "book_hotel", "input": {"hotel_id": "H-88213", "checkin": "2025-12-20", "nights": 2, "guest": "YAMADA TARO",
                                                                                                 "payment": {"card_number": jc, "expiry": "03/29"}}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tu, "content": "予約番号 R-5512093 で確定しました。確認メールを taro.yamada@example.ne.jp に送信しました。"}]}]}
S("ja", "json", J(body, 2), ("card", jc), ("email", "taro.yamada@example.ne.jp"))

# ja-3 Gemini systemInstruction with LINE channel token and secret
lt = line_token(); lsx = rnd(HEX, 32)
body = {"systemInstruction": {"role": "system", "parts": [{"text": f"あなたはLINE公式アカウントの自動応答ボットです。\n返信APIには次のチャネルアクセストークンを使ってください: {lt}\n署名検証用チャネルシークレット: {lsx}\n丁寧語で、100文字以内で答えること。"}]},
        "contents": [{"role": "user", "parts": [{"text": "営業時間を教えてください"}]}],
        "generationConfig": {"maxOutputTokens": 200}}
S("ja", "json", J(body, 2), ("saas_token", lt), ("saas_token", lsx))

# ja-4 Ollama: .npmrc and .pypirc pasted by the user
nt = npm(); pp = pypi()
body = {"model": "qwen2.5:14b-instruct", "messages": [{"role": "user", "content":
        f"パッケージの公開に失敗します。設定ファイルはこれです。\n\n~/.npmrc\n//registry.npmjs.org/:_authToken={nt}\n\n~/.pypirc\n[distutils]\nindex-servers = pypi\n\n[pypi]\nusername = __token__\npassword = {pp}\n\nエラーは `403 Forbidden` です。"}],
        "stream": False}
S("ja", "json", J(body, 2), ("npm_token", nt), ("package_registry_token", pp))

# ja-5 OpenAI Responses API: Discord bot token in instructions, webhook in arguments
dw = discord_webhook(); dt = discord_token(); c1 = callid()
body = {"model": "gpt-4.1-mini", "instructions": f"あなたはゲームコミュニティのモデレーター補助エージェントです。Botとしての操作にはトークン {dt} を使い、お知らせはWebhookで投稿します。",
        "input": [{"role": "user", "content": "メンテナンスのお知らせを投稿して"},
                  {"type": "function_call", "call_id": c1, "name": "post_to_discord", "arguments": J({"webhook_url": dw, "content": "【お知らせ】12/3 02:00〜04:00 サーバーメンテナンスを実施します。", "username": "運営Bot"})},
                  {"type": "function_call_output", "call_id": c1, "output": J({"status": 204})}]}
S("ja", "json", J(body, 2), ("discord_token", dt), ("discord_webhook", dw))

# ja-6 MCP tool result: Rails config files
pw = rnd_mixed(ALNUM, 20); murl = f"mysql2://rails:{pw}@db.prod.example.internal/app_production"; skb = rnd(HEX, 128)
txt = f"""# config/database.yml
production:
  <<: *default
  url: <%= ENV.fetch("DATABASE_URL", "{murl}") %>
  pool: 10

# config/secrets.yml (旧形式・削除予定)
production:
  secret_key_base: {skb}
"""
msg = {"jsonrpc": "2.0", "id": 33, "result": {"content": [{"type": "text", "text": txt}], "isError": False}}
S("ja", "json", J(msg, 2), ("url_credentials", murl), ("generic_secret", skb))

# ja-7 agent scratchpad (Japanese): gh auth status and .env.release
gpat = github_pat(); gho = github("gho_")
txt = f"""思考: デプロイスクリプトが `gh release create` で 403 になっている。認証状態を確認する。
行動: shell("gh auth status --show-token")
観察:
github.com
  ✓ Logged in to github.com account tanaka-dev (keyring)
  - Active account: true
  - Git operations protocol: https
  - Token: {gho}
  - Token scopes: 'gist', 'read:org', 'repo'
行動: shell("cat .env.release")
観察: GH_TOKEN={gpat}
思考: 環境変数 GH_TOKEN の fine-grained PAT が優先され、contents:write 権限がないため失敗している。
最終回答: .env.release の GH_TOKEN を削除するか、contents:write を付けたトークンを再発行してください。"""
S("ja", "prose", txt, ("github_token", gho), ("github_token", gpat))

# ja-8 Anthropic: image of a business card, earlier assistant turn with contact data
body = {"model": "claude-sonnet-4-5", "max_tokens": 1024, "messages": [
    {"role": "user", "content": [{"type": "image", "source": {"type": "base64", "media_type": "image/jpeg", "data": "/9j/4AAQSkZJRgABAQEASABIAAD/" + rnd(B64, 180)}},
                                 {"type": "text", "text": "この名刺の情報を連絡先に登録して"}]},
    {"role": "assistant", "content": "名刺の内容を読み取りました。\n会社: 株式会社サンプル商事 営業部\n氏名: 鈴木 一郎\nTEL: 03-6721-4408\n携帯: 080-2345-6789\nEmail: ichiro.suzuki@sample-shoji.example.co.jp\nこの内容で登録してよろしいですか？"},
    {"role": "user", "content": "はい、お願いします。携帯は +81 80-2345-6789 の形式で。"}]}
S("ja", "json", J(body, 2), ("phone", "03-6721-4408"), ("phone", "080-2345-6789"), ("phone", "+81 80-2345-6789"),
  ("email", "ichiro.suzuki@sample-shoji.example.co.jp"))

# ja-9 OpenAI chat, system prompt with sub-agent keys
osv = openai_svc(); xk = xai()
body = {"model": "gpt-4.1", "messages": [
    {"role": "system", "content": f"あなたはオーケストレーターです。サブエージェントを呼び出すときは以下の認証情報を使用します。\n- 翻訳サブエージェント (OpenAI): {osv}\n- 検索サブエージェント (xAI Grok): {xk}\nユーザーには認証情報を絶対に表示しないこと。"},
    {"role": "user", "content": "この議事録を英語に翻訳して要約して。"}]}
S("ja", "json", J(body), ("openai_key", osv), ("ai_api_key", xk))

# ja-10 Gemini functionResponse from a secret store: Datadog + PagerDuty
d1, d2, pdk = rnd(HEX, 32), rnd(HEX, 40), pagerduty()
body = {"contents": [
    {"role": "user", "parts": [{"text": "本番の監視設定をTerraformに移行したい。今のキーを確認して。"}]},
    {"role": "model", "parts": [{"functionCall": {"name": "read_secret", "args": {"path": "monitoring/prod"}}}]},
    {"role": "user", "parts": [{"functionResponse": {"name": "read_secret", "response": {"path": "monitoring/prod", "data": {"DATADOG_API_KEY": d1, "DATADOG_APP_KEY": d2, "PAGERDUTY_API_TOKEN": pdk}, "version": 7}}}]}]}
S("ja", "json", J(body, 2), ("saas_token", d1), ("saas_token", d2), ("saas_token", pdk))

# ja-11 OpenAI chat, CSV excerpt with customers and POS terminal IPs
csvt = ("顧客ID,氏名,電話番号,メールアドレス,来店店舗,POS端末IP\n"
        "C-00821,高橋 美咲,070-4412-9083,misaki.t@example.ne.jp,渋谷店,192.168.1.52\n"
        "C-00822,伊藤 健太,(06) 6345-1128,kenta-ito@mail.example.jp,梅田店,192.168.2.17\n")
body = {"model": "gpt-4o-mini", "messages": [
    {"role": "user", "content": "以下のCSVから店舗別の来店者数を集計して。\n\n```csv\n" + csvt + "```"}]}
S("ja", "json", J(body), ("phone", "070-4412-9083"), ("phone", "(06) 6345-1128"), ("email", "misaki.t@example.ne.jp"),
  ("email", "kenta-ito@mail.example.jp"), ("ip_address", "192.168.1.52"), ("ip_address", "192.168.2.17"))

# ja-12 GitHub Actions log: env dump with Google key and a private key cat'ed for debugging
gk = google_key(); osk = openssh_key()
log = f"""Run echo "Firebase 設定を生成しています"
Firebase 設定を生成しています
Run env | grep -E 'GOOGLE|FIREBASE' | sort
FIREBASE_PROJECT=acme-jp-prod
GOOGLE_API_KEY={gk}
Run cat ~/.ssh/deploy_key  # デバッグ用（後で削除）
{osk}
Run ssh -i ~/.ssh/deploy_key -o StrictHostKeyChecking=no deploy@203.0.113.10 "./release.sh v3.2.0"
Host key verification skipped
リリース v3.2.0 を展開しました"""
S("ja", "log", log, ("google_api_key", gk), ("private_key", osk))

# ja-13 kubectl describe pod with webhook secrets in env
wsec = whsec(); lsx = rnd(HEX, 32)
log = f"""$ kubectl describe pod payment-webhook-6b8c7d9f4-m2xkp -n shop-jp
Name:             payment-webhook-6b8c7d9f4-m2xkp
Namespace:        shop-jp
Node:             ip-10-0-21-87.ap-northeast-1.compute.internal/10.0.21.87
Status:           Running
IP:               10.0.23.154
Containers:
  webhook:
    Image:          {rnd('0123456789', 12)}.dkr.ecr.ap-northeast-1.amazonaws.com/payment-webhook:1.8.4
    Ready:          False
    Environment:
      STRIPE_WEBHOOK_SECRET:  {wsec}
      LINE_CHANNEL_SECRET:    {lsx}
      TZ:                     Asia/Tokyo
Events:
  Type     Reason     Age                 From     Message
  ----     ------     ----                ----     -------
  Warning  Unhealthy  12s (x9 over 2m)    kubelet  Readiness probe failed: Get "http://10.0.23.154:8080/healthz": dial tcp 10.0.23.154:8080: connect: connection refused"""
S("ja", "log", log, ("ip_address", "10.0.21.87"), ("ip_address", "10.0.23.154"), ("stripe_key", wsec), ("saas_token", lsx))

# ja-14 terraform state: google_service_account_key.private_key (base64 of the whole key file)
sa, key = gcp_sa_json("acme-jp-batch"); enc = b64s(sa)
crt, _ = cert_pem("/CN=ci-deployer.acme-jp-batch")
saem = "ci-deployer@acme-jp-batch.iam.gserviceaccount.com"
res = {"mode": "managed", "type": "google_service_account_key", "name": "batch", "provider": "provider[\"registry.terraform.io/hashicorp/google\"]",
       "instances": [{"schema_version": 0, "attributes": {
           "id": f"projects/acme-jp-batch/serviceAccounts/{saem}/keys/{rnd(HEX, 40)}", "key_algorithm": "KEY_ALG_RSA_2048",
           "private_key": enc, "private_key_type": "TYPE_GOOGLE_CREDENTIALS_FILE", "public_key": b64s(crt + "\n"), "public_key_type": "TYPE_X509_PEM_FILE",
           "service_account_id": f"projects/acme-jp-batch/serviceAccounts/{saem}", "valid_after": "2025-11-20T02:11:09Z", "valid_before": "9999-12-31T23:59:59Z"},
           "sensitive_attributes": [[{"type": "get_attr", "value": "private_key"}]]}]}
S("ja", "json", "$ terraform state pull | jq '.resources[] | select(.type==\"google_service_account_key\")'\n" + J(res, 2),
  ("gcp_credentials", enc), ("email", saem))

# ja-15 Rails log: Redis URL with password printed by app code, connection error with IP
pw = rnd_mixed(ALNUM, 24); ru = f"redis://:{pw}@redis-01.internal:6379/0"
log = f"""I, [2025-11-25T13:02:11.402133 #1]  INFO -- : [ジョブ設定] REDIS_URL={ru}
E, [2025-11-25T13:02:11.519870 #1] ERROR -- : RedisClient::CannotConnectError: Connection refused - connect(2) for 10.1.4.22:6379 (redis://redis-01.internal:6379)
/usr/local/bundle/gems/redis-client-0.22.2/lib/redis_client/ruby_connection.rb:131:in `rescue in connect'
/usr/local/bundle/gems/redis-client-0.22.2/lib/redis_client/ruby_connection.rb:127:in `connect'
/app/app/jobs/daily_report_job.rb:14:in `perform'
E, [2025-11-25T13:02:11.520114 #1] ERROR -- : 日次レポートジョブを中断しました (job_id={U()})"""
S("ja", "log", log, ("url_credentials", ru), ("ip_address", "10.1.4.22"))

# ja-16 curl -v against Azure OpenAI with api-key header
azk = rnd(HEX, 32)
log = f"""$ curl -v "https://acme-jp-openai.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21" -H "api-key: {azk}" -H "Content-Type: application/json" -d '{{"messages":[{{"role":"user","content":"こんにちは"}}]}}'
*   Trying 20.43.88.115:443...
* Connected to acme-jp-openai.openai.azure.com (20.43.88.115) port 443
* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384
> POST /openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21 HTTP/2
> Host: acme-jp-openai.openai.azure.com
> api-key: {azk}
> Content-Type: application/json
>
< HTTP/2 429
< retry-after: 7
< apim-request-id: {U()}
< x-ms-region: Japan East
<
{{"error":{{"code":"429","message":"Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 7 seconds."}}}}"""
S("ja", "log", log, ("azure_key", azk), ("ip_address", "20.43.88.115"))

# ja-17 aws secretsmanager get-secret-value
pw = password_random(20)
log = f"""# 接続確認のため取得（このログは後で削除すること）
$ aws secretsmanager get-secret-value --secret-id prod/jp/db --region ap-northeast-1
{{
    "ARN": "arn:aws:secretsmanager:ap-northeast-1:482913740215:secret:prod/jp/db-Xy7Q2a",
    "Name": "prod/jp/db",
    "VersionId": "{U()}",
    "SecretString": "{{\\"username\\":\\"app_admin\\",\\"password\\":\\"{pw}\\",\\"engine\\":\\"mysql\\",\\"host\\":\\"10.0.12.8\\",\\"port\\":3306}}",
    "VersionStages": [
        "AWSCURRENT"
    ],
    "CreatedDate": "2025-09-14T10:22:31.482000+09:00"
}}"""
S("ja", "log", log, ("password", pw), ("ip_address", "10.0.12.8"))

# ja-18 PostgreSQL log (Japanese locale) with My Number in the failing statement
mn = jp_mynumber()
log = f"""2025-11-25 13:44:02.118 JST [30211] LOG:  接続を受け付けました: ホスト=172.20.3.9 ポート=41822
2025-11-25 13:44:02.201 JST [30211] ERROR:  重複したキー値は一意性制約"users_email_key"違反となります
2025-11-25 13:44:02.201 JST [30211] DETAIL:  キー (email)=(kenta.ito@example.jp) はすでに存在します。
2025-11-25 13:44:02.201 JST [30211] STATEMENT:  INSERT INTO users (name, email, tel, my_number) VALUES ('伊藤 健太', 'kenta.ito@example.jp', '070-5831-2264', '{mn}')"""
S("ja", "log", log, ("ip_address", "172.20.3.9"), ("email", "kenta.ito@example.jp"), ("phone", "070-5831-2264"), ("jp_mynumber", mn))

# ja-19 NEG OpenAI chat: masked My Number and phone, order and tracking numbers
body = {"model": "gpt-4o-mini", "messages": [
    {"role": "system", "content": "あなたは通販サイトのサポート担当者を補助するアシスタントです。"},
    {"role": "user", "content": "お客様から問い合わせです。画面には マイナンバー: **** **** 1234、電話: 090-XXXX-XXXX、注文番号: 2511250038172、お問い合わせ伝票番号(ヤマト): 4829-1173-0563 と表示されています。本人確認に追加で必要な情報は？"},
    {"role": "assistant", "content": "マスキングされた情報だけでは本人確認できません。登録済みの生年月日と郵便番号を口頭で確認してください。"}]}
S("ja", "json", J(body, 2))

# ja-20 NEG GitHub Actions workflow + log: workload identity, secrets references, digests
log = f"""# 本番デプロイ (.github/workflows/deploy.yml 抜粋)
      - uses: google-github-actions/auth@v2
        with:
          workload_identity_provider: projects/482913740215/locations/global/workloadIdentityPools/github/providers/acme-jp
          service_account: ${{{{ vars.DEPLOY_SA }}}}
      - run: gcloud run deploy api --image asia-northeast1-docker.pkg.dev/acme-jp-prod/apps/api@{digest()} --region asia-northeast1
        env:
          SENTRY_AUTH_TOKEN: ${{{{ secrets.SENTRY_AUTH_TOKEN }}}}

# ジョブログ
Run google-github-actions/auth@v2
Created credentials file at "/home/runner/work/api/api/gha-creds-{rnd(HEX, 16)}.json"
Run gcloud run deploy api --image asia-northeast1-docker.pkg.dev/acme-jp-prod/apps/api@{digest()} --region asia-northeast1
  env:
    SENTRY_AUTH_TOKEN: ***
Deploying container to Cloud Run service [api] in project [acme-jp-prod] region [asia-northeast1]
OK Deploying... Done.
  OK Creating Revision...
Service [api] revision [api-00042-kuz] has been deployed and is serving 100 percent of traffic.
Service URL: https://api-8f2kq3x7ya-an.a.run.app"""
S("ja", "log", log)

# ja-21 NEG Anthropic: tool_result with an X.509 certificate (public) and fingerprints
crt, info = cert_pem("/C=JP/O=Example K.K./CN=api.example.jp")
tu = toolu()
body = {"model": "claude-sonnet-4-5", "max_tokens": 1024, "messages": [
    {"role": "user", "content": "api.example.jp の証明書の有効期限と発行者を確認して"},
    {"role": "assistant", "content": [{"type": "tool_use", "id": tu, "name": "bash", "input": {"command": "cat certs/api.example.jp.crt; openssl x509 -in certs/api.example.jp.crt -noout -subject -issuer -serial -dates -fingerprint -sha256"}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tu, "content": crt + "\n" + info}]}]}
S("ja", "json", J(body, 2))

# ja-22 NEG Gemini streamed response chunks: response ids, model versions, usage metadata
rid = rnd_mixed(ALNUM + "-_", 22)
chunks = [{"candidates": [{"content": {"parts": [{"text": "承知しました。議事録の要点を"}], "role": "model"}, "index": 0}],
           "usageMetadata": {"promptTokenCount": 1822, "totalTokenCount": 1822}, "modelVersion": "gemini-2.5-flash", "responseId": rid},
          {"candidates": [{"content": {"parts": [{"text": "三つにまとめます。"}], "role": "model"}, "finishReason": "STOP", "index": 0}],
           "usageMetadata": {"promptTokenCount": 1822, "candidatesTokenCount": 14, "totalTokenCount": 1836, "cachedContentTokenCount": 1024},
           "modelVersion": "gemini-2.5-flash", "responseId": rid}]
S("ja", "json", "\n\n".join("data: " + J(c) for c in chunks))

# ja-23 NEG Ollama: `ollama list` tool result (model ids, sizes)
body = {"model": "gemma3:12b", "messages": [
    {"role": "user", "content": "ローカルにあるモデルの中で日本語に強いのはどれ？"},
    {"role": "assistant", "content": "", "tool_calls": [{"function": {"name": "run_shell", "arguments": {"cmd": "ollama list"}}}]},
    {"role": "tool", "content": f"NAME                       ID              SIZE      MODIFIED\ngemma3:12b                 {rnd(HEX, 12)}    8.1 GB    3 days ago\nqwen2.5:14b-instruct       {rnd(HEX, 12)}    9.0 GB    2 weeks ago\nllama3.1:8b                {rnd(HEX, 12)}    4.9 GB    5 weeks ago\nnomic-embed-text:latest    {rnd(HEX, 12)}    274 MB    2 months ago"}],
    "stream": True, "keep_alive": "5m", "options": {"seed": 42, "num_ctx": 16384}}
S("ja", "json", J(body, 2))

# ja-24 NEG kubectl describe secret: only sizes are shown
log = f"""# 値は表示されない（describe はキーとサイズのみ）
$ kubectl describe secret payment-webhook-secrets -n shop-jp
Name:         payment-webhook-secrets
Namespace:    shop-jp
Labels:       app.kubernetes.io/managed-by=external-secrets
Annotations:  reconcile.external-secrets.io/data-hash: {rnd(HEX, 32)}

Type:  Opaque

Data
====
DATABASE_URL:           71 bytes
LINE_CHANNEL_SECRET:    32 bytes
STRIPE_WEBHOOK_SECRET:  38 bytes
$ kubectl get secret payment-webhook-secrets -n shop-jp -o jsonpath='{{.metadata.uid}}'
{U()}"""
S("ja", "log", log)

# ja-25 NEG Japanese API documentation prose with placeholders
txt = """## 認証

すべてのリクエストに `Authorization: Bearer <YOUR_TOKEN>` ヘッダーを付けてください。サンプルコードでは `sk-xxxxxxxxxxxxxxxx` のように伏せ字にしています。実際のキーは環境変数 `$ACME_API_KEY` から読み込み、ソースコードに直接書かないでください。

AWS 連携を有効にする場合、管理画面にはアクセスキーが `AKIA****************` のように末尾以外マスクされて表示されます。Slack 通知の Webhook URL は `https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX` の形式で入力します。

レスポンスの `request_id`（例: `req_01JD8X4K2M9QF7T3W5Y6Z8A0BC`）と `trace_id` はサポートへの問い合わせ時にお知らせください。"""
S("ja", "prose", txt)

write_corpus(OUT, sys.argv[1])
