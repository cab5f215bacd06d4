"""Fresh set 16b (2026-11-25): written by a helper who read only fakegen.py, never the rules
(en/ko/de/ja); scored once (docs/detection.md). Values are generated (fake): see fakegen.py.
Usage: python3 fresh16b_2026_11_25.py OUT.jsonl
"""
import sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *  # noqa
from fakegen import R, rnd, rnd_mixed, ALNUM, HEX
import json, base64, struct, string, hashlib
seed(162)
OUT = []
S = sample_adder(OUT, "f16b")
# S(lang, kind, text, (type, value), (type, value), ...)

# Streamed values split across two deltas are labelled as their two fragments (each with the
# type of the whole value): a gateway that masks only one half still leaks the other.


# ---------------------------------------------------------------- helpers
def dj(o, indent=None, compact=False, ascii=False):
    return json.dumps(o, ensure_ascii=ascii, indent=indent, separators=(",", ":") if compact else None)


def esc(s):
    """s as it stands once inside a JSON string."""
    return json.dumps(s, ensure_ascii=False)[1:-1]


def uuid4():
    h = rnd(HEX, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{R.choice('89ab')}{h[17:20]}-{h[20:]}"


def call_id():
    return "call_" + rnd(ALNUM, 24)


def toolu():
    return "toolu_01" + rnd(ALNUM, 22)


def msgid():
    return "msg_01" + rnd(ALNUM, 22)


def cmpl():
    return "chatcmpl-" + rnd(ALNUM, 29)


def reqid():
    return "req_011C" + rnd(ALNUM, 20)


def epoch():
    return 1764030000 + R.randint(0, 90000)


def traceparent():
    return f"00-{rnd(HEX, 32)}-{rnd(HEX, 16)}-01"


def not_luhn(n=16):
    v = luhn_number(n)
    return v[:-1] + str((int(v[-1]) + R.randint(1, 9)) % 10)


def ean13(prefix):
    body = prefix + rnd("0123456789", 12 - len(prefix))
    s = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(body))
    return body + str((10 - s % 10) % 10)


def f32_b64(n):
    return base64.b64encode(struct.pack(f"<{n}f", *[R.uniform(-0.12, 0.12) for _ in range(n)])).decode()


def floats(n):
    return [round(R.uniform(-0.09, 0.09), 8) for _ in range(n)]


def whsec():
    return "whsec_" + rnd_mixed(ALNUM, 32)


def braintree():
    return "access_token$production$" + rnd(string.ascii_lowercase + string.digits, 16) + "$" + rnd(HEX, 32)


def line_token():
    return rnd_mixed(ALNUM + "+/", 171) + "="


def b64(s):
    return base64.b64encode(s.encode()).decode()


def oai_sse(pieces, model="gpt-4o-mini-2024-07-18"):
    cid, created, fp = cmpl(), epoch(), "fp_" + rnd(HEX, 10)

    def chunk(delta, fin=None):
        return "data: " + dj({"id": cid, "object": "chat.completion.chunk", "created": created, "model": model,
                              "system_fingerprint": fp, "choices": [{"index": 0, "delta": delta, "logprobs": None,
                                                                     "finish_reason": fin}]}, compact=True)
    out = [chunk({"role": "assistant", "content": "", "refusal": None})]
    out += [chunk({"content": p}) for p in pieces]
    out.append(chunk({}, "stop"))
    out.append("data: [DONE]")
    return "\n\n".join(out) + "\n"


def ant_sse(pieces, model="claude-sonnet-4-5-20250929", tool=None):
    ev = []

    def e(name, obj):
        ev.append(f"event: {name}\ndata: {dj(obj, compact=True)}")
    e("message_start", {"type": "message_start", "message": {
        "id": msgid(), "type": "message", "role": "assistant", "model": model, "content": [], "stop_reason": None,
        "stop_sequence": None, "usage": {"input_tokens": R.randint(400, 4000), "cache_creation_input_tokens": 0,
                                          "cache_read_input_tokens": R.choice([0, 2048]), "output_tokens": 1}}})
    if tool:
        e("content_block_start", {"type": "content_block_start", "index": 0,
                                  "content_block": {"type": "tool_use", "id": toolu(), "name": tool, "input": {}}})
    else:
        e("content_block_start", {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}})
    e("ping", {"type": "ping"})
    for p in pieces:
        d = {"type": "input_json_delta", "partial_json": p} if tool else {"type": "text_delta", "text": p}
        e("content_block_delta", {"type": "content_block_delta", "index": 0, "delta": d})
    e("content_block_stop", {"type": "content_block_stop", "index": 0})
    e("message_delta", {"type": "message_delta", "delta": {"stop_reason": "tool_use" if tool else "end_turn",
                                                          "stop_sequence": None}, "usage": {"output_tokens": R.randint(40, 400)}})
    e("message_stop", {"type": "message_stop"})
    return "\n\n".join(ev) + "\n"


def gem_sse(pieces, model="gemini-2.5-flash"):
    rid, lines, pt = rnd(ALNUM, 22), [], R.randint(300, 3000)
    for i, p in enumerate(pieces):
        cand = {"content": {"parts": [{"text": p}], "role": "model"}, "index": 0}
        if i == len(pieces) - 1:
            cand["finishReason"] = "STOP"
        lines.append("data: " + dj({"candidates": [cand], "usageMetadata": {
            "promptTokenCount": pt, "candidatesTokenCount": 12 * (i + 1), "totalTokenCount": pt + 12 * (i + 1)},
            "modelVersion": model, "responseId": rid}, compact=True))
    return "\r\n\r\n".join(lines) + "\r\n\r\n"


# ======================================================================== en
# en-01 MCP tools/call into a CRM
ssn = us_ssn()
S("en", "json", dj({"jsonrpc": "2.0", "id": 41, "method": "tools/call", "params": {
    "name": "crm_create_contact",
    "arguments": {"firstName": "Dana", "lastName": "Whitfield", "email": "dana.whitfield@northwind-logistics.com",
                  "phone": "(312) 847-2290", "ssn": ssn, "accountTier": "gold",
                  "notes": "Prefers calls after 3pm CT; identity verified by phone on 11/19."},
    "_meta": {"progressToken": "pt-" + rnd(HEX, 8)}}}),
  ("email", "dana.whitfield@northwind-logistics.com"), ("phone", "(312) 847-2290"), ("us_ssn", ssn))

# en-02 MCP resources/read of a .env file
ak, sk, st = aws_key_id(), aws_secret(), stripe()
dburl = f"postgres://billing_svc:{rnd_mixed(ALNUM, 18)}@db-prod.internal.billing-core.io:5432/ledger"
env = ("# billing-api production\nNODE_ENV=production\nPORT=8080\nAWS_REGION=us-east-2\n"
       f"AWS_ACCESS_KEY_ID={ak}\nAWS_SECRET_ACCESS_KEY={sk}\nDATABASE_URL={dburl}\n"
       f"STRIPE_SECRET_KEY={st}\nLOG_LEVEL=info\n")
S("en", "json", dj({"jsonrpc": "2.0", "id": 7, "result": {"contents": [
    {"uri": "file:///srv/billing-api/.env", "mimeType": "text/plain", "text": env}]}}),
  ("aws_access_key", ak), ("aws_secret_key", sk), ("url_credentials", dburl), ("stripe_key", st))

# en-03 OpenAI chat completion: tool call arguments (escaped JSON) with a card
cf = fmt_card(card("visa"))
args = {"customer_id": "cus_" + rnd(ALNUM, 14), "card_number": cf, "exp_month": 9, "exp_year": 2028, "cvc": "431",
        "billing_email": "m.okafor@brightline-health.com", "set_default": True}
S("en", "json", dj({"id": cmpl(), "object": "chat.completion", "created": epoch(), "model": "gpt-4o-2024-08-06",
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": None, "tool_calls": [
                        {"id": call_id(), "type": "function", "function": {"name": "update_payment_method",
                                                                          "arguments": json.dumps(args)}}],
                        "refusal": None}, "logprobs": None, "finish_reason": "tool_calls"}],
                    "usage": {"prompt_tokens": 1184, "completion_tokens": 71, "total_tokens": 1255},
                    "system_fingerprint": "fp_" + rnd(HEX, 10)}, indent=2),
  ("card", cf), ("email", "m.okafor@brightline-health.com"))

# en-04 Anthropic request: tool_use + tool_result from an EHR database tool
s1, s2 = us_ssn(""), us_ssn()
rows = [{"mrn": "A-20931", "name": "Harold Benning", "dob": "1958-03-14", "ssn": s1, "phone": "614-292-7781"},
        {"mrn": "A-20932", "name": "Lucille Benning", "dob": "1961-07-02", "ssn": s2, "phone": "+1 614 555 0198"}]
tid = toolu()
S("en", "json", dj({"model": "claude-sonnet-4-5-20250929", "max_tokens": 1024, "tools": [
    {"name": "run_sql", "description": "Read-only SQL on the clinic EHR replica",
     "input_schema": {"type": "object", "properties": {"query": {"type": "string"}}, "required": ["query"]}}],
    "messages": [{"role": "user", "content": "Pull the Benning household records so I can fix the insurance claim."},
                 {"role": "assistant", "content": [{"type": "tool_use", "id": tid, "name": "run_sql", "input": {
                     "query": "SELECT mrn, name, dob, ssn, phone FROM patients WHERE last_name = 'Benning'"}}]},
                 {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tid, "content": json.dumps(rows)}]}]}),
  ("us_ssn", s1), ("phone", "614-292-7781"), ("us_ssn", s2), ("phone", "+1 614 555 0198"))

# en-05 gateway log with Basic auth and forwarded-for chain
bb = b64(f"svc-mcp-bridge:{password()}")
rq = reqid()
S("en", "log",
  f"2026-11-25T09:14:02.118Z INFO  gateway request_id={rq} trace_id={rnd(HEX, 32)} client_ip=34.102.17.220 "
  f"method=POST path=/v1/mcp upstream=10.20.4.17:8443 status=200 latency_ms=412\n"
  f'2026-11-25T09:14:02.120Z DEBUG gateway upstream headers {{"Authorization":"Basic {bb}",'
  f'"X-Forwarded-For":"34.102.17.220, 10.20.0.5","User-Agent":"claude-code/2.0.14","Mcp-Session-Id":"{uuid4()}"}}\n'
  f"2026-11-25T09:14:02.531Z INFO  gateway request_id={rq} tool=jira_search result_bytes=18211 tokens_in=2210 tokens_out=0\n",
  ("ip_address", "34.102.17.220"), ("ip_address", "10.20.4.17"), ("ip_address", "10.20.0.5"), ("password", bb))

# en-06 Gemini functionCall creating a payroll ticket
n = uk_nino()
ns = f"{n[:2]} {n[2:4]} {n[4:6]} {n[6:8]} {n[8]}"
S("en", "json", dj({"candidates": [{"content": {"parts": [{"functionCall": {"name": "create_ticket", "args": {
    "queue": "payroll-uk", "reporter_email": "l.ashworth@harrowgate-council.gov.uk", "priority": "high",
    "summary": "P60 mismatch for employee 004417",
    "description": f"Employee says HMRC has her NI number as {ns} but payroll shows a different one. "
                   "Please check before the December run."}}}], "role": "model"}, "finishReason": "STOP", "index": 0}],
    "usageMetadata": {"promptTokenCount": 1422, "candidatesTokenCount": 61, "totalTokenCount": 1483},
    "modelVersion": "gemini-2.0-flash-001"}, indent=1),
  ("email", "l.ashworth@harrowgate-council.gov.uk"), ("uk_nino", ns))

# en-07 agent memory dump
aad = aadhaar()
aads = f"{aad[:4]} {aad[4:8]} {aad[8:]}"
gh = github()
S("en", "json", dj({"agent": "ops-assistant", "session": "sess_" + rnd(ALNUM, 16), "memory": [
    {"key": "user.profile", "value": f"Priya Raman (Bengaluru office). KYC done: Aadhaar {aads}. Mobile +91 98450 31276.",
     "updated_at": "2026-11-24T11:02:19Z"},
    {"key": "ci.github_token", "value": gh, "source": "user message #14", "updated_at": "2026-11-24T11:05:40Z"},
    {"key": "preferences", "value": "Short bullet points; no emojis.", "updated_at": "2026-11-20T08:00:00Z"}]}, indent=2),
  ("in_aadhaar", aads), ("phone", "+91 98450 31276"), ("github_token", gh))

# en-08 OpenAI stream, key split across two deltas
ok, sw = openai_proj(), slack_webhook()
S("en", "chat", oai_sse(["Done", " — I added both", " values to `.env.local`:\n\n```\n", "OPENAI_API_KEY=", ok[:58], ok[58:],
                         "\n", "SLACK_WEBHOOK_URL=", sw, "\n```\n\n", "Restart", " `npm run dev`", " so Next.js",
                         " picks them up."]),
  ("openai_key", ok[:58]), ("openai_key", ok[58:]), ("slack_webhook", sw))

# en-09 MCP tools/list with a leaked connection string and a default API key in a schema
sfurl = f"snowflake://etl_loader:{rnd_mixed(ALNUM, 14)}@acme-xy48213.snowflakecomputing.com/ANALYTICS/PUBLIC"
sg = sendgrid()
S("en", "json", dj({"jsonrpc": "2.0", "id": 2, "result": {"tools": [
    {"name": "warehouse_query", "description": f"Run read-only SQL against the analytics warehouse. (debug) conn={sfurl}",
     "inputSchema": {"type": "object", "properties": {"sql": {"type": "string"}, "limit": {"type": "integer", "default": 200}},
                     "required": ["sql"]}},
    {"name": "send_notification", "description": "Send a transactional e-mail through SendGrid.",
     "inputSchema": {"type": "object", "properties": {"to": {"type": "string", "format": "email"},
                                                      "template_id": {"type": "string"},
                                                      "api_key": {"type": "string", "default": sg}},
                     "required": ["to", "template_id"]}}]}}, indent=2),
  ("url_credentials", sfurl), ("saas_token", sg))

# en-10 OpenAI Responses API: function_call_output carrying a source file
gq, hft = groq(), hf()
code = ('import os\nfrom groq import Groq\nfrom huggingface_hub import login\n\n'
        '# TODO: move to Secrets Manager before launch\n'
        f'client = Groq(api_key="{gq}")\nHF_TOKEN = "{hft}"\nlogin(token=HF_TOKEN)\n\n'
        'def summarize(text: str) -> str:\n    r = client.chat.completions.create(\n'
        '        model="llama-3.3-70b-versatile",\n        messages=[{"role": "user", "content": f"Summarize:\\n{text}"}],\n'
        '    )\n    return r.choices[0].message.content\n')
S("en", "code", dj({"model": "gpt-4.1-2025-04-14", "previous_response_id": "resp_" + rnd(HEX, 48), "input": [
    {"type": "function_call_output", "call_id": call_id(),
     "output": json.dumps({"path": "src/summarize.py", "encoding": "utf-8", "content": code})}]}, indent=2),
  ("ai_api_key", gq), ("huggingface_token", hft))

# en-11 MCP tools/call result: a Kubernetes Secret manifest
dbx, hv, sig = databricks(), vault(), high_entropy(48)
yaml = ("apiVersion: v1\nkind: Secret\nmetadata:\n  name: lakehouse-jobs\n  namespace: data\ntype: Opaque\nstringData:\n"
        "  DATABRICKS_HOST: https://adb-4417829301884512.12.azuredatabricks.net\n"
        f"  DATABRICKS_TOKEN: {dbx}\n  VAULT_ADDR: https://vault.svc.corp.internal:8200\n  VAULT_TOKEN: {hv}\n"
        f"  JWT_SIGNING_SECRET: \"{sig}\"\n")
S("en", "config", dj({"jsonrpc": "2.0", "id": 19, "result": {"content": [{"type": "text", "text": yaml}], "isError": False}}),
  ("cloud_token", dbx), ("cloud_token", hv), ("generic_secret", sig))

# en-12 Anthropic tool_result from a helpdesk tool
nric = sg_nric()
tk = {"ticket": {"id": 88213, "subject": "Update my contact details", "status": "open",
                 "requester": {"name": "Tan Wei Ling", "email": "weiling.tan@singnet.com.sg"},
                 "comments": [{"author": "requester", "created_at": "2026-11-24T02:11:09Z",
                               "body": f"Hi, my NRIC is {nric} and my new mobile is +65 9123 4567. Please update before my renewal."},
                              {"author": "agent:bot", "created_at": "2026-11-24T02:11:40Z",
                               "body": "Thanks! A specialist will verify and update your record."}]}}
S("en", "json", dj({"role": "user", "content": [{"type": "tool_result", "tool_use_id": toolu(),
                                                 "content": [{"type": "text", "text": dj(tk)}]}]}),
  ("sg_nric", nric), ("phone", "+65 9123 4567"), ("email", "weiling.tan@singnet.com.sg"))

# en-13 Anthropic response: tool_use that posts to Telegram with the bot token in the URL
tg = telegram()
S("en", "json", dj({"id": msgid(), "type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929",
                    "content": [{"type": "text", "text": "I'll post the release notice to the ops channel."},
                                {"type": "tool_use", "id": toolu(), "name": "http_request", "input": {
                                    "method": "POST", "url": f"https://api.telegram.org/bot{tg}/sendMessage",
                                    "headers": {"Content-Type": "application/json"},
                                    "body": json.dumps({"chat_id": -1001873341290, "text": "Deploy finished: build #4512",
                                                        "parse_mode": "HTML"})}}],
                    "stop_reason": "tool_use", "usage": {"input_tokens": 2381, "output_tokens": 118}}, indent=2),
  ("telegram_token", tg))

# en-14 Anthropic stream of tool input (input_json_delta), e-mail split across two deltas
S("en", "chat", ant_sse(['{"to": "', 'jordan.mbeki@fair', 'haven-dental.com', '", "subject": "Appointment',
                         ' moved to Dec 3", "body": "Hi Jordan,', ' your cleaning is now Tue Dec 3 at 10:40am.',
                         ' Call us at (503) 771-0942', ' if that does not work."}'], tool="send_email"),
  ("email", "jordan.mbeki@fair"), ("email", "haven-dental.com"), ("phone", "(503) 771-0942"))

# en-15 database tool output: legacy payouts table
ib1, ib2, ib3 = iban("GB"), iban_spaced(iban("GB")), iban("NL")
mc, sq = card("mc"), square()
S("en", "json", dj({"tool": "postgres.query", "sql": "SELECT id, email, iban, raw_pan, provider_token FROM legacy_payouts "
                    "WHERE created_at > now() - interval '7 days' LIMIT 3", "rowCount": 3,
                    "columns": ["id", "email", "iban", "raw_pan", "provider_token"],
                    "rows": [[9912, "ellis.h@fastmail.co.uk", ib1, None, None],
                             [9913, "r.costa@pm.me", ib2, mc, sq],
                             [9914, "noor.vd@ziggo.nl", ib3, None, None]], "elapsed_ms": 38}),
  ("email", "ellis.h@fastmail.co.uk"), ("iban", ib1), ("email", "r.costa@pm.me"), ("iban", ib2), ("card", mc),
  ("payment_token", sq), ("email", "noor.vd@ziggo.nl"), ("iban", ib3))

# en-16 OpenAI Responses input: function_call_output is a GCP service-account file
sa, key = gcp_sa_json("acme-billing-prod")
cid = call_id()
S("en", "json", dj({"model": "gpt-4.1-2025-04-14", "input": [
    {"role": "user", "content": "Why can't the deploy job authenticate to GCS?"},
    {"type": "function_call", "call_id": cid, "name": "read_file", "arguments": json.dumps({"path": "deploy/gcp-sa.json"})},
    {"type": "function_call_output", "call_id": cid, "output": sa}]}, indent=2),
  ("gcp_credentials", esc(key + "\\n")), ("private_key", esc(key)),
  ("email", "ci-deployer@acme-billing-prod.iam.gserviceaccount.com"))

# ---- en hard negatives
S("en", "json", dj({"jsonrpc": "2.0", "id": uuid4(), "method": "tools/call", "params": {
    "name": "jira_transition_issue", "arguments": {
        "issueKey": "PLAT-4471", "transition": "Done",
        "comment": "Fixed in 2025.11.24-rc3 (commit 9f2c4e1). Resolves INC-20251124-0173; p95 back to 212 ms.",
        "fields": {"resolution": "Fixed", "timeSpentSeconds": 5400}},
    "_meta": {"traceparent": traceparent(), "requestId": reqid()}}}))

S("en", "json", dj({"id": cmpl(), "object": "chat.completion", "created": epoch(), "model": "gpt-4o-mini-2024-07-18",
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": None, "tool_calls": [
                        {"id": call_id(), "type": "function", "function": {"name": "get_weather", "arguments": json.dumps(
                            {"location": "Portland, OR", "unit": "fahrenheit", "days": 3})}},
                        {"id": call_id(), "type": "function", "function": {"name": "get_calendar", "arguments": json.dumps(
                            {"range_start": "2026-11-26T00:00:00-08:00", "range_end": "2026-11-28T23:59:59-08:00"})}}]},
                        "logprobs": None, "finish_reason": "tool_calls"}],
                    "usage": {"prompt_tokens": 842, "completion_tokens": 64, "total_tokens": 906,
                              "prompt_tokens_details": {"cached_tokens": 768}},
                    "system_fingerprint": "fp_" + rnd(HEX, 10)}, indent=2))

S("en", "json", dj({"object": "list", "data": [{"object": "embedding", "index": 0, "embedding": f32_b64(48)},
                                               {"object": "embedding", "index": 1, "embedding": f32_b64(48)}],
                    "model": "text-embedding-3-large", "usage": {"prompt_tokens": 412, "total_tokens": 412}}))

S("en", "chat", oai_sse(["Your config", " looks right. The key", " shows in the logs as `sk-proj-", "…", "Q9aF`, which",
                         " is the gateway's masking.", " Set `STRIPE_SECRET_KEY=${STRIPE_SECRET_KEY}`",
                         " in CI instead of hard-coding it; the test charge to the card ending 4242 succeeded.",
                         " The failing build was commit 4f9e2b7", "c1d03a8e5f6b2a9c7d4e1f0b3a6c8d2e9",
                         " — rerun it", " after rotating."], model="gpt-4.1-mini-2025-04-14"))

S("en", "log",
  f"2026-11-25 10:02:11,482 INFO  [mcp-proxy] listening on 0.0.0.0:7311 (pid 48211)\n"
  f"2026-11-25 10:02:11,490 INFO  [mcp-proxy] upstream health http://127.0.0.1:9000/healthz -> 200 in 3ms\n"
  f"2026-11-25 10:02:14,003 WARN  [mcp-proxy] denied tools/call from 203.0.113.45 (allowlist 198.51.100.0/24, "
  f"netmask 255.255.255.0) trace={rnd(HEX, 32)}\n"
  f"2026-11-25 10:02:14,004 INFO  [mcp-proxy] session={uuid4()} model=claude-3-5-haiku-20241022 in_tokens=1834 "
  f"out_tokens=0 cost_usd=0.00147\n"
  f"2026-11-25 10:02:15,771 DEBUG [mcp-proxy] cache hit sha256={rnd(HEX, 64)} size=18422 ttl=300s\n")

notes = "# Q3 planning notes\n\n- Ship MCP gateway v2 behind a feature flag\n- Deprecate /v1/complete by Jan 31\n- Owner: platform team\n"
S("en", "json", dj({"jsonrpc": "2.0", "id": 33, "result": {"content": [{"type": "resource", "resource": {
    "uri": "s3://team-docs/planning/q3-notes.md", "mimeType": "text/markdown", "blob": b64(notes)}}],
    "_meta": {"etag": '"' + hashlib.md5(notes.encode()).hexdigest() + '"', "versionId": rnd(ALNUM + "._", 32),
              "lastModified": "2026-11-20T16:03:11Z"}}}, indent=2))

S("en", "json", dj({"jsonrpc": "2.0", "id": 1, "result": {"tools": [
    {"name": "configure_openai", "description": "Stores the caller's OpenAI key (format sk-proj-…) in the vault. Never echo the key back.",
     "inputSchema": {"type": "object", "properties": {"api_key": {"type": "string", "pattern": "^sk-(proj-)?[A-Za-z0-9_-]{20,}$",
                                                                  "examples": ["<YOUR_OPENAI_API_KEY>"]}}, "required": ["api_key"]}},
    {"name": "lookup_customer", "description": "Find a customer by Stripe id or the last 4 digits of their SSN.",
     "inputSchema": {"type": "object", "properties": {"customer_id": {"type": "string", "examples": ["cus_XXXXXXXXXXXXXX"]},
                                                      "ssn_last4": {"type": "string", "pattern": "^[0-9]{4}$"}}}}],
    "nextCursor": b64("page=2")}}, indent=2))

S("en", "json", dj({"tool": "orders.search", "status": "ok", "results": [
    {"order_id": not_luhn(), "uuid": uuid4(), "created_at": "2026-11-24T18:22:05Z", "total": "149.00", "currency": "USD", "state": "shipped"},
    {"order_id": not_luhn(), "uuid": uuid4(), "created_at": "2026-11-24T19:01:47Z", "total": "23.50", "currency": "USD", "state": "pending"},
    {"order_id": not_luhn(), "uuid": uuid4(), "created_at": "2026-11-25T07:45:12Z", "total": "310.75", "currency": "USD", "state": "refunded"}],
    "took_ms": 14}))

S("en", "json", dj({"step": 7, "tokens_used": 18432, "scratchpad":
    "- User asked to rotate the leaked GitHub token; gateway logged it as ghp_****************************Xq2m.\n"
    "- Customer contact: [REDACTED_EMAIL], phone [REDACTED_PHONE], SSN ***-**-4417.\n"
    "- Card on file: VISA •••• 0043, exp 09/28.\n"
    "- Trace shows `Authorization: Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6…` (truncated, 1,214 chars).\n"
    f"- Next: github_revoke_token(token_id=\"{R.randint(10**8, 10**9)}\"), then open PLAT-4480."}, indent=2))

# ======================================================================== ko
# ko-01 MCP tools/call: 고객 등록
rrn = kr_rrn()
S("ko", "json", dj({"jsonrpc": "2.0", "id": 102, "method": "tools/call", "params": {"name": "crm_register_customer", "arguments": {
    "이름": "김서연", "주민등록번호": rrn, "휴대폰": "010-4827-1953", "이메일": "seoyeon.kim84@naver.com",
    "주소": "서울특별시 마포구 월드컵북로 396", "메모": "VIP 고객, 상담 시 본인확인 완료"}}}),
  ("kr_rrn", rrn), ("phone", "010-4827-1953"), ("email", "seoyeon.kim84@naver.com"))

# ko-02 OpenAI tool_calls: 배송지 변경
args = {"order_no": "20251125-000418", "recipient": "이도현", "phone": "+82 10-3391-7724", "email": "dohyun.lee@kakao.com",
        "address": "경기도 성남시 분당구 판교역로 235, 7층", "memo": "부재 시 경비실에 맡겨주세요"}
S("ko", "json", dj({"id": cmpl(), "object": "chat.completion", "created": epoch(), "model": "gpt-4o-2024-11-20",
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": "배송지를 변경하겠습니다.", "tool_calls": [
                        {"id": call_id(), "type": "function", "function": {"name": "update_shipping_address",
                                                                          "arguments": json.dumps(args, ensure_ascii=False)}}]},
                                 "finish_reason": "tool_calls"}]}),
  ("phone", "+82 10-3391-7724"), ("email", "dohyun.lee@kakao.com"))

# ko-03 OpenAI stream: 주민등록번호 split across two deltas
rrn = kr_rrn()
S("ko", "chat", oai_sse(["확인했", "습니다. 요청하신", " 고객 정보입니다.\n\n", "- 성명: 박지훈\n- 주민등록번호: ", rrn[:8], rrn[8:],
                         "\n- 연락처: ", "010-5512-8830", "\n\n본인 확인", "이 끝나면", " 계약서 발송을 진행하겠습니다."]),
  ("kr_rrn", rrn[:8]), ("kr_rrn", rrn[8:]), ("phone", "010-5512-8830"))

# ko-04 MCP resources/read: application.yml
pw, xb = password(), slack_bot()
yml = ("spring:\n  datasource:\n    url: jdbc:mysql://10.11.2.31:3306/shop?useSSL=true\n    username: shop_app\n"
       f"    password: \"{pw}\"\nslack:\n  bot-token: {xb}\n  channel: \"#주문-알림\"\n# 운영 설정 - 외부 공유 금지\n")
S("ko", "config", dj({"jsonrpc": "2.0", "id": 8, "result": {"contents": [
    {"uri": "file:///app/config/application-prod.yml", "mimeType": "application/yaml", "text": yml}]}}, indent=2),
  ("ip_address", "10.11.2.31"), ("password", pw), ("slack_token", xb))

# ko-05 게이트웨이 로그
S("ko", "log",
  f"[2026-11-25 14:22:07.331] INFO  c.s.gateway.AuditFilter - 요청 수신 clientIp=211.234.118.52 "
  f"user=minji.choi@coupang-partner.co.kr path=/mcp tool=send_sms\n"
  f"[2026-11-25 14:22:07.339] INFO  c.s.gateway.AuditFilter - 업스트림 전달 upstream=192.168.10.24:9090 traceId={rnd(HEX, 32)} latency=8ms\n"
  f"[2026-11-25 14:22:07.612] WARN  c.s.gateway.PiiFilter - 응답 본문에 개인정보 의심 패턴 1건 (마스킹 전) phone=010-7741-2296\n",
  ("ip_address", "211.234.118.52"), ("email", "minji.choi@coupang-partner.co.kr"), ("ip_address", "192.168.10.24"),
  ("phone", "010-7741-2296"))

# ko-06 Anthropic tool_result: 주문 DB 조회 (내부 JSON은 ensure_ascii 기본값)
c1, c2 = card("visa"), card("mc")
c1f, c2f = fmt_card(c1, "-"), fmt_card(c2, "-")
rows = [{"주문번호": "K-771204", "고객": "오민재", "카드번호": c1f, "연락처": "010-2284-6619"},
        {"주문번호": "K-771205", "고객": "윤가은", "카드번호": c2f, "연락처": "02-3142-7785"}]
tid = toolu()
S("ko", "json", dj({"messages": [{"role": "user", "content": "어제 결제 실패한 주문 두 건 카드 정보 좀 보여줘"},
                                 {"role": "assistant", "content": [{"type": "tool_use", "id": tid, "name": "query_orders",
                                                                    "input": {"status": "PAYMENT_FAILED", "date": "2026-11-24"}}]},
                                 {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tid, "content": json.dumps(rows)}]}]}),
  ("card", c1f), ("phone", "010-2284-6619"), ("card", c2f), ("phone", "02-3142-7785"))

# ko-07 에이전트 메모리 덤프
gl, nt = gitlab(), npm()
S("ko", "json", dj({"에이전트": "배포-도우미", "기억": [
    {"항목": "사용자 선호", "내용": "답변은 한국어로, 명령어는 코드 블록으로"},
    {"항목": "깃랩 접근", "내용": f"사용자가 준 토큰 {gl} 로 group/frontend 저장소 push 권한 확인함"},
    {"항목": "npm 배포", "내용": f"NPM_TOKEN={nt} (publish 전용, 12월 말 만료 예정)"}],
    "갱신": "2026-11-25T05:12:44Z"}, indent=2),
  ("gitlab_token", gl), ("npm_token", nt))

# ko-08 Gemini functionCall: 인사팀에 메일 (주민번호 하이픈 없이)
rc = kr_rrn(year=2012).replace("-", "")
S("ko", "json", dj({"candidates": [{"content": {"role": "model", "parts": [
    {"text": "인사팀에 메일을 보내겠습니다."},
    {"functionCall": {"name": "send_email", "args": {
        "to": "hr@hanbit-soft.co.kr", "subject": "연말정산 부양가족 추가 서류",
        "body": f"안녕하세요, 인사팀 담당자님. 연말정산 부양가족 추가 건으로 자녀(최유나) 주민번호 {rc} 보내드립니다. 확인 부탁드립니다."}}}]},
    "finishReason": "STOP"}], "modelVersion": "gemini-2.5-pro"}),
  ("email", "hr@hanbit-soft.co.kr"), ("kr_rrn", rc))

# ko-09 MCP tools/call http_get: JWT + percent-encoded e-mail
jw = jwt({"sub": "user_48213", "role": "admin", "iss": "auth.shop-kr.co.kr", "exp": 1764100000})
S("ko", "json", dj({"jsonrpc": "2.0", "id": "req-77", "method": "tools/call", "params": {"name": "http_get", "arguments": {
    "url": "https://api.shop-kr.co.kr/v2/members/search?email=seoyeon.park%40gmail.com&include=orders",
    "headers": {"Authorization": f"Bearer {jw}", "Accept": "application/json"}, "설명": "회원 주문 내역 조회"}}}),
  ("email", "seoyeon.park%40gmail.com"), ("jwt", jw))

# ko-10 파일 도구 결과: docker-compose.yml
ant, pgpw = anthropic(), password_random(16)
comp = ("services:\n  agent:\n    image: ghcr.io/hanbit/agent-worker:2.3.1\n    environment:\n"
        f"      - ANTHROPIC_API_KEY={ant}\n      - DATABASE_URL=postgresql://agent@db:5432/agent\n"
        "  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: agent\n"
        f"      POSTGRES_PASSWORD: '{pgpw}'\n")
S("ko", "config", dj({"tool": "read_file", "path": "deploy/docker-compose.yml", "size": len(comp), "content": comp,
                      "note": "요청하신 파일 내용입니다"}, indent=2),
  ("anthropic_key", ant), ("password", pgpw))

# ko-11 티켓 도구 결과: 개발자가 붙여넣은 AWS 키
ak, sk = aws_key_id(), aws_secret()
S("ko", "json", dj({"key": "OPS-1187", "fields": {"summary": "배치 서버 S3 업로드 실패",
                                                  "description": f"배치 서버에서 S3 업로드가 계속 실패합니다. 설정 값 그대로 붙입니다.\n"
                                                                 f"aws_access_key_id = {ak}\naws_secret_access_key = {sk}\n리전은 ap-northeast-2 입니다.",
                                                  "reporter": {"displayName": "한지우", "emailAddress": "jiwoo.han@hanbit-soft.co.kr"},
                                                  "priority": {"name": "High"}}}, indent=2),
  ("aws_access_key", ak), ("aws_secret_key", sk), ("email", "jiwoo.han@hanbit-soft.co.kr"))

# ko-12 PHP 백엔드 파일 API 응답 (슬래시가 \/ 로 이스케이프됨)
dt, dw = discord_token(), discord_webhook()
src = ("import discord\n\n# 운영 봇 설정\nTOKEN = \"" + dt + "\"\nALERT_WEBHOOK = \"" + dw + "\"\n\n"
       "client = discord.Client(intents=discord.Intents.default())\nclient.run(TOKEN)\n")
php = dj({"ok": True, "file": "bots/alert_bot.py", "content": src}, ascii=True).replace("/", "\\/")
S("ko", "code", php, ("discord_token", dt.replace("/", "\\/")), ("discord_webhook", dw.replace("/", "\\/")))

# ko-13 Anthropic stream: Google API 키가 두 델타로 나뉨
gk = google_key()
S("ko", "chat", ant_sse(["지도 API 호출이", " 403을 반환하는 이유는", " 키 제한 때문입니다. 현재 설정된 키 `", gk[:19], gk[19:],
                         "`에는 HTTP 리퍼러 제한이", " 걸려 있어 서버에서 호출할 수 없습니다.", " 서버용 키를 따로 발급하세요."]),
  ("google_api_key", gk[:19]), ("google_api_key", gk[19:]))

# ko-14 메일 도구 검색 결과
cj = fmt_card(card("visa"))
S("ko", "json", dj({"tool": "gmail.search", "query": "카드 변경", "messages": [
    {"id": rnd(HEX, 16), "threadId": rnd(HEX, 16), "from": "하나카드 알림 <notice@hanacard-mail.co.kr>",
     "to": "jiwoo.han@gmail.com", "subject": "[하나카드] 결제 카드 변경 완료 안내", "date": "2026-11-24T09:30:11+09:00",
     "snippet": "고객님의 결제수단이 변경되었습니다."},
    {"id": rnd(HEX, 16), "threadId": rnd(HEX, 16), "from": "한지우 <jiwoo.han@gmail.com>", "to": "billing@netflex-kr.com",
     "subject": "결제 카드 변경 요청", "date": "2026-11-24T10:02:47+09:00",
     "snippet": f"안녕하세요. 결제 카드를 {cj} (유효기간 08/29) 로 바꿔주세요. 감사합니다."}]}, indent=2),
  ("email", "notice@hanacard-mail.co.kr"), ("email", "jiwoo.han@gmail.com"), ("email", "billing@netflex-kr.com"), ("card", cj))

# ko-15 MCP tools/call: SQL INSERT
rrn = kr_rrn()
S("ko", "json", dj({"jsonrpc": "2.0", "id": 240, "method": "tools/call", "params": {"name": "db_execute", "arguments": {
    "database": "member", "sql": f"INSERT INTO members (name, rrn, phone, email, joined_at) VALUES ('정하늘', '{rrn}', "
                                 f"'01093317420', 'haneul.jung@daum.net', NOW());", "dry_run": False}}}),
  ("kr_rrn", rrn), ("phone", "01093317420"), ("email", "haneul.jung@daum.net"))

# ko-16 OpenAI 요청: role=tool 메시지에 OpenSSH 개인키 (이중 이스케이프)
sshk = openssh_key()
S("ko", "json", dj({"model": "gpt-4o-2024-11-20", "messages": [
    {"role": "user", "content": "배포 서버 접속이 안 되는데 키 파일이 맞는지 봐줘"},
    {"role": "assistant", "content": None, "tool_calls": [{"id": (c := call_id()), "type": "function", "function": {
        "name": "read_file", "arguments": json.dumps({"path": "/home/deploy/.ssh/id_ed25519"})}}]},
    {"role": "tool", "tool_call_id": c, "content": json.dumps({"path": "/home/deploy/.ssh/id_ed25519", "mode": "0600", "content": sshk})}]}),
  ("private_key", esc(esc(sshk))))

# ---- ko hard negatives
S("ko", "json", dj({"jsonrpc": "2.0", "id": 311, "method": "tools/call", "params": {"name": "delivery_track", "arguments": {
    "주문번호": "20251125-000731", "택배사": "CJ대한통운", "송장번호": "689422317705", "요청ID": uuid4(),
    "메모": "11월 25일 오후 도착 예정 건 조회"}}}))

S("ko", "chat", oai_sse(["고객님", " 정보를 확인했습니다.", " 보안을 위해 일부만 표시합니다.\n", "- 연락처: 010-****-", "5678\n",
                         "- 주민등록번호: 900101-1******\n", "- 결제카드: 신한 **** **** **** 1234\n", "전체 정보는",
                         " 상담원 화면에서만 조회됩니다."]))

S("ko", "json", dj({"jsonrpc": "2.0", "id": 1, "result": {"tools": [
    {"name": "verify_identity", "description": "주민등록번호 앞자리와 휴대폰 번호로 본인 확인을 요청합니다. 전체 번호는 저장하지 않습니다.",
     "inputSchema": {"type": "object", "properties": {
         "birth": {"type": "string", "description": "생년월일 6자리 (예: YYMMDD)"},
         "phone": {"type": "string", "description": "휴대폰 번호 (형식: 010-XXXX-XXXX)"}}, "required": ["birth", "phone"]}},
    {"name": "issue_coupon", "description": "회원에게 쿠폰을 발급합니다.",
     "inputSchema": {"type": "object", "properties": {"member_id": {"type": "integer"}, "coupon_code": {"type": "string", "examples": ["WINTER2026-XXXX"]}}}}]}},
    indent=2))

S("ko", "log",
  f"2026-11-25 15:03:11.204 INFO  [mcp-gateway-7d9f8c6b5-x2kqp] 세션 시작 session={uuid4()} model=claude-haiku-4-5-20251001\n"
  f"2026-11-25 15:03:11.209 DEBUG [mcp-gateway-7d9f8c6b5-x2kqp] 헬스체크 http://127.0.0.1:8081/actuator/health -> UP\n"
  f"2026-11-25 15:03:12.551 WARN  [mcp-gateway-7d9f8c6b5-x2kqp] 차단된 요청 src=198.51.100.77 사유=허용 목록 없음 traceId={rnd(HEX, 32)}\n"
  f"2026-11-25 15:03:12.900 INFO  [mcp-gateway-7d9f8c6b5-x2kqp] tools/call 완료 tool=search_products 토큰(입력/출력)=3120/0 소요=341ms\n")

S("ko", "json", dj({"id": msgid(), "type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929",
                    "content": [{"type": "text", "text": "재고가 부족한 상품을 먼저 검색해 보겠습니다."},
                                {"type": "tool_use", "id": toolu(), "name": "search_products",
                                 "input": {"category": "가전/세탁기", "stock_lt": 5, "sort": "updated_desc"}}],
                    "stop_reason": "tool_use", "stop_sequence": None,
                    "usage": {"input_tokens": 3120, "cache_read_input_tokens": 2048, "output_tokens": 87}}, indent=2))

S("ko", "json", dj({"tool": "inventory.query", "rows": [
    {"상품코드": "WM-2231", "바코드": ean13("880"), "상품명": "드럼세탁기 21kg", "재고": 3, "수정일시": "2026-11-24 17:20:03"},
    {"상품코드": "WM-2232", "바코드": ean13("880"), "상품명": "건조기 19kg", "재고": 1, "수정일시": "2026-11-24 18:02:41"},
    {"상품코드": "AC-0910", "바코드": ean13("880"), "상품명": "벽걸이 에어컨 7평", "재고": 4, "수정일시": "2026-11-25 08:11:59"}]}))

S("ko", "json", dj({"collection": "manual-ko", "dims": 1536, "results": [
    {"id": "chunk_" + rnd(HEX, 12), "score": 0.8731, "doc_sha256": rnd(HEX, 64),
     "text": "세탁기 배수 필터는 3개월마다 청소하세요.", "embedding": floats(8)},
    {"id": "chunk_" + rnd(HEX, 12), "score": 0.8417, "doc_sha256": rnd(HEX, 64),
     "text": "에러 코드 4E는 급수 불량을 의미합니다.", "embedding": floats(8)}]}))

S("ko", "json", dj({"scratchpad": "1) 네이버 검색 API 키는 환경변수 ${NAVER_CLIENT_SECRET} 에서 읽는다 (값은 출력하지 말 것).\n"
                                  "2) 배포 태그 v2.14.3, 커밋 " + rnd(HEX, 40) + ".\n"
                                  "3) 사용자 이메일은 [마스킹됨], 토큰 사용량 12,480 / 200,000.",
                    "turn": 5, "model": "gpt-4.1-2025-04-14"}, indent=2))

memo = "회의록: 3분기 로드맵\n- 검색 개선 출시\n- 고객센터 챗봇 2차 오픈\n"
S("ko", "json", dj({"jsonrpc": "2.0", "id": 58, "result": {"content": [
    {"type": "text", "text": "파일을 base64로 반환합니다."},
    {"type": "resource", "resource": {"uri": "drive://shared/회의록-3분기.txt", "mimeType": "text/plain", "blob": b64(memo)}}],
    "_meta": {"md5": hashlib.md5(memo.encode()).hexdigest(), "fileId": rnd(ALNUM + "-_", 33)}}}))

# ======================================================================== de
# de-01 MCP tools/call: Personalstammdaten anlegen
sid = de_steuer_id()
ibd = iban_spaced(iban("DE"))
S("de", "json", dj({"jsonrpc": "2.0", "id": 5, "method": "tools/call", "params": {"name": "personio_create_employee", "arguments": {
    "vorname": "Katharina", "nachname": "Vogt", "email": "k.vogt@vogt-partner.de", "telefon": "+49 30 2294 8871",
    "steuerId": sid, "iban": ibd, "eintritt": "2026-01-01", "steuerklasse": 1,
    "bemerkung": "Unterlagen vollständig, Vertrag per Post"}}}, indent=2),
  ("email", "k.vogt@vogt-partner.de"), ("phone", "+49 30 2294 8871"), ("de_steuer_id", sid), ("iban", ibd))

# de-02 OpenAI tool_calls: SEPA-Mandat
iat = iban("AT")
args = {"kontoinhaber": "Jonas Brandstätter", "iban": iat, "bic": "RLNWATWWXXX", "mandatsreferenz": "MR-2025-11-00412",
        "email": "jonas.brandstaetter@gmx.at", "erste_abbuchung": "2026-01-05"}
S("de", "json", dj({"id": cmpl(), "object": "chat.completion", "created": epoch(), "model": "gpt-4o-2024-08-06",
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": None, "tool_calls": [
                        {"id": call_id(), "type": "function", "function": {"name": "sepa_mandate_create",
                                                                          "arguments": json.dumps(args)}}]},
                                 "finish_reason": "tool_calls"}]}),
  ("iban", iat), ("email", "jonas.brandstaetter@gmx.at"))

# de-03 OpenAI stream: IBAN split across two deltas
ib = iban_spaced(iban("DE"))
p1, p2 = ib[:14], ib[14:]
S("de", "chat", oai_sse(["Gern, hier", " die Überweisungsdaten", " für die Rückerstattung:\n\n", "Empfänger: Familie Hoffmann\nIBAN: ",
                         p1, p2, "\nVerwendungszweck: Storno Buchung 88412", "\n\nBei Rückfragen erreichen Sie",
                         " uns unter 089 4521 7730."]),
  ("iban", p1), ("iban", p2.strip()), ("phone", "089 4521 7730"))

# de-04 MCP resources/read: application.properties
pw1, pw2, azk = password(), password_random(), azure_storage_key()
props = ("spring.datasource.url=jdbc:postgresql://pg-prod-01.intern.muster-versand.de:5432/versand\n"
         f"spring.datasource.username=versand_app\nspring.datasource.password={pw1}\n"
         "spring.mail.host=smtp.office365.com\nspring.mail.username=noreply@muster-versand.de\n"
         f"spring.mail.password={pw2}\n"
         f"azure.storage.connection-string=DefaultEndpointsProtocol=https;AccountName=mustervsdocs;AccountKey={azk};EndpointSuffix=core.windows.net\n")
S("de", "config", dj({"jsonrpc": "2.0", "id": 14, "result": {"contents": [
    {"uri": "repo://versand-service/src/main/resources/application-prod.properties", "mimeType": "text/x-java-properties",
     "text": props}]}}),
  ("password", pw1), ("email", "noreply@muster-versand.de"), ("password", pw2), ("azure_key", azk))

# de-05 nginx-Log des MCP-Endpunkts
v6 = "2a02:8108:1c40:5e00:8d3a:2f1b:9c04:71e2"
S("de", "log",
  '91.64.213.17 - - [25/Nov/2026:08:41:12 +0100] "POST /mcp HTTP/1.1" 200 1834 "-" "python-httpx/0.27.2" rt=0.412 upstream=172.16.40.12:8000\n'
  f'{v6} - - [25/Nov/2026:08:41:13 +0100] "POST /mcp HTTP/1.1" 202 0 "-" "Claude-User/1.0" rt=0.019 upstream=172.16.40.13:8000\n'
  '127.0.0.1 - - [25/Nov/2026:08:41:15 +0100] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.31" rt=0.001 upstream=-\n',
  ("ip_address", "91.64.213.17"), ("ip_address", "172.16.40.12"), ("ip_address", v6), ("ip_address", "172.16.40.13"))

# de-06 Ticket-Tool: Lohnbüro schickt NIR und DNI
nir, dni = fr_nir(), es_dni()
S("de", "json", dj({"ticket_id": 40712, "title": "Lohnabrechnung Dezember – ausländische Mitarbeitende", "state": "open",
                    "articles": [{"from": "Sabine Krüger <sabine.krueger@lohnbuero-krueger.de>", "type": "email",
                                  "body": "Sehr geehrte Damen und Herren,\n\nfür die Abrechnung unserer französischen Mitarbeiterin "
                                          f"benötigen wir die Sozialversicherungsnummer: {nir}.\nFür den spanischen Kollegen liegt "
                                          f"uns die DNI {dni} bereits vor.\n\nMit freundlichen Grüßen\nSabine Krüger"}]}, indent=2),
  ("email", "sabine.krueger@lohnbuero-krueger.de"), ("fr_nir", nir), ("es_dni", dni))

# de-07 Anthropic-Anfrage mit CRM-Ergebnis (Codice Fiscale, BSN)
cf_, bsn = it_cf(), nl_bsn()
res = {"results": [{"id": "51234", "properties": {"firstname": "Giulia", "lastname": "Ferraro", "codice_fiscale": cf_,
                                                  "phone": "+39 347 128 4490", "country": "IT"}},
                   {"id": "51235", "properties": {"firstname": "Daan", "lastname": "de Vries", "bsn": bsn,
                                                  "phone": "+31 6 4182 7736", "country": "NL"}}],
       "paging": {"next": {"after": "51236"}}}
tid = toolu()
S("de", "json", dj({"model": "claude-opus-4-1-20250805", "max_tokens": 2048, "messages": [
    {"role": "user", "content": "Such mir bitte die beiden neuen Kontakte aus Italien und den Niederlanden raus."},
    {"role": "assistant", "content": [{"type": "tool_use", "id": tid, "name": "hubspot_search_contacts", "input": {"createdAfter": "2026-11-20"}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tid, "content": json.dumps(res)}]}]}),
  ("it_codice_fiscale", cf_), ("phone", "+39 347 128 4490"), ("nl_bsn", bsn), ("phone", "+31 6 4182 7736"))

# de-08 Agenten-Gedächtnis
jpw, azs = password(), azure_client_secret()
S("de", "json", dj({"notizen": [
    {"typ": "zugang", "text": f"Jenkins-Login für Releases: Benutzer deploy-bot, Passwort {jpw} (laut Max, nach Migration ändern)"},
    {"typ": "zugang", "text": f"Azure App-Registrierung 'rechnungs-export': client_id {uuid4()}, client_secret {azs}"},
    {"typ": "präferenz", "text": "Antworten bitte auf Deutsch und knapp."}], "stand": "2026-11-25T07:40:00+01:00"}, indent=2),
  ("password", jpw), ("azure_key", azs))

# de-09 Gemini functionCall: SMS mit Steuer-ID
sid = de_steuer_id()
sids = f"{sid[:2]} {sid[2:5]} {sid[5:8]} {sid[8:]}"
S("de", "json", dj({"candidates": [{"content": {"role": "model", "parts": [{"functionCall": {"name": "send_sms", "args": {
    "empfaenger": "+49 1512 3456789",
    "text": f"Hallo Herr Yilmaz, bitte tragen Sie im Formular Ihre Steuer-ID {sids} ein und senden Sie es bis Freitag zurück."}}}]},
    "finishReason": "STOP", "index": 0}], "modelVersion": "gemini-2.5-flash"}),
  ("phone", "+49 1512 3456789"), ("de_steuer_id", sids))

# de-10 Anthropic tool_result: TypeScript-Datei mit Stripe-Schlüsseln
rk, wh = stripe("rk_live_"), whsec()
ts = ('import Stripe from "stripe";\n\n// FIXME: aus Vault laden, nicht einchecken!\n'
      f'const stripe = new Stripe("{rk}", {{ apiVersion: "2024-06-20" }});\n'
      f'const endpointSecret = "{wh}";\n\nexport async function handle(req: Request) {{\n'
      '  const sig = req.headers.get("stripe-signature")!;\n'
      '  return stripe.webhooks.constructEvent(await req.text(), sig, endpointSecret);\n}\n')
S("de", "code", dj({"role": "user", "content": [{"type": "tool_result", "tool_use_id": toolu(), "content": ts}]}, indent=2),
  ("stripe_key", rk), ("stripe_key", wh))

# de-11 OpenAI role=tool: Registry-Konfigurationen
nt, pp, dk = npm(), pypi(), dockerhub()
files = (f"==> ~/.npmrc <==\n//registry.npmjs.org/:_authToken={nt}\n@firma:registry=https://npm.pkg.github.com\n\n"
         f"==> ~/.pypirc <==\n[pypi]\n  username = __token__\n  password = {pp}\n\n"
         f"==> ci/login.sh <==\necho \"{dk}\" | docker login -u firmabot --password-stdin\n")
S("de", "config", dj({"role": "tool", "tool_call_id": call_id(), "content": files}),
  ("npm_token", nt), ("package_registry_token", pp), ("package_registry_token", dk))

# de-12 Datenbank-Werkzeug: Zahlungen
mc, ax, ich = card("mc"), fmt_card(card("amex")), iban_spaced(iban("CH"))
S("de", "json", dj({"werkzeug": "sql_abfrage", "spalten": ["buchung_id", "karte", "iban", "betrag_eur"], "zeilen": [
    [310021, mc, None, 129.90], [310022, ax, None, 54.00], [310023, None, ich, 1200.00]],
    "hinweis": "3 Zeilen, Abfrage 12 ms"}),
  ("card", mc), ("card", ax), ("iban", ich))

# de-13 Anthropic tool_use: zwei HTTP-Aufrufe an KI-Anbieter
xk, pk = xai(), pplx()
S("de", "json", dj({"id": msgid(), "type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929", "content": [
    {"type": "text", "text": "Ich vergleiche die Antworten beider Anbieter."},
    {"type": "tool_use", "id": toolu(), "name": "http_request", "input": {
        "method": "POST", "url": "https://api.x.ai/v1/chat/completions",
        "headers": {"Authorization": f"Bearer {xk}"}, "body": json.dumps({"model": "grok-4", "messages": [{"role": "user", "content": "Wie hoch ist die Inflation?"}]})}},
    {"type": "tool_use", "id": toolu(), "name": "http_request", "input": {
        "method": "POST", "url": "https://api.perplexity.ai/chat/completions",
        "headers": {"authorization": f"Bearer {pk}"}, "body": json.dumps({"model": "sonar", "messages": [{"role": "user", "content": "Wie hoch ist die Inflation?"}]})}}],
    "stop_reason": "tool_use"}),
  ("ai_api_key", xk), ("ai_api_key", pk))

# de-14 E-Mail-Werkzeug: Zugangstoken eines Zahlungsanbieters
bt = braintree()
S("de", "json", dj({"tool": "imap_fetch", "folder": "INBOX/Buchhaltung", "mails": [{
    "uid": 18812, "from": "m.schubert@muster-versand.de", "to": "buchhaltung@muster-versand.de",
    "subject": "PayPal/Braintree Zugang für den Shop",
    "body": f"Hallo zusammen,\n\nhier der neue Zugang für die Zahlungsanbindung: {bt}\nBitte in die Shop-Konfiguration übernehmen.\n\nGruß\nMarkus"}]}, indent=2),
  ("email", "m.schubert@muster-versand.de"), ("email", "buchhaltung@muster-versand.de"), ("payment_token", bt))

# de-15 MCP tools/call: Schlüssel in Vault ablegen
ec, hs = pem("ec"), high_entropy(44)
S("de", "json", dj({"jsonrpc": "2.0", "id": 55, "method": "tools/call", "params": {"name": "vault_kv_put", "arguments": {
    "path": "kv/zahlungen/signing", "data": {"private_key": ec, "hmac_secret": hs, "kommentar": "neu erzeugt am 25.11."}}}}),
  ("private_key", esc(ec)), ("generic_secret", hs))

# de-16 MCP resources/read: Kubernetes-Secret mit base64-kodierter Dienstkonto-Datei
sa, key = gcp_sa_json("muster-versand-prod")
sab = b64(sa)
ky = ("apiVersion: v1\nkind: Secret\nmetadata:\n  name: gcs-uploader\n  namespace: versand\n"
      "  annotations:\n    kommentar: \"von Jana am 24.11. aktualisiert\"\ntype: Opaque\ndata:\n"
      f"  key.json: {sab}\n")
S("de", "config", dj({"jsonrpc": "2.0", "id": 61, "result": {"contents": [
    {"uri": "k8s://versand/secrets/gcs-uploader", "mimeType": "application/yaml", "text": ky}]}}),
  ("gcp_credentials", sab), ("private_key", sab), ("email", sab))

# ---- de hard negatives
S("de", "json", dj({"jsonrpc": "2.0", "id": 71, "method": "tools/call", "params": {"name": "lexoffice_create_invoice", "arguments": {
    "rechnungsnummer": "RE-2025-11-0419", "kundennummer": "KD-100482", "ust_id_lieferant": "DE" + rnd("0123456789", 9),
    "positionen": [{"text": "Wartungsvertrag November", "menge": 1, "netto": 490.00, "ust_satz": 19}],
    "faellig_am": "2026-12-09", "leistungsdatum": "2026-11-30"}}}, indent=2))

S("de", "chat", oai_sse(["Die Rückerstattung", " ist angewiesen.", " Aus Datenschutzgründen zeige ich nur Teile an:\n",
                         "IBAN DE89 **** **** **** **30 00\n", "Karte: Mastercard ****", " 5521\n",
                         "Vorgangsnummer: RF-", "2025-118734", "\nDie Gutschrift erfolgt", " in 3–5 Werktagen."]))

S("de", "log",
  f"2026-11-25T08:15:22.101+01:00 INFO  agent-runner traceparent={traceparent()} span=tools/call tool=kalender_lesen dauer_ms=88\n"
  f"2026-11-25T08:15:22.190+01:00 DEBUG agent-runner bind 0.0.0.0:8080, metrics auf 127.0.0.1:9464, Testclient 192.0.2.15\n"
  f"2026-11-25T08:15:23.402+01:00 INFO  agent-runner modell=gpt-4.1-2025-04-14 prompt_tokens=5120 completion_tokens=233 "
  f"anfrage={reqid()}\n"
  f"2026-11-25T08:15:23.403+01:00 WARN  agent-runner Route ohne Gateway verworfen (Maske 255.255.0.0, Metrik 100)\n")

S("de", "json", dj({"id": cmpl(), "object": "chat.completion", "created": epoch(), "model": "gpt-4.1-2025-04-14",
                    "choices": [{"index": 0, "message": {"role": "assistant", "content":
                        "Die Lieferung für Auftrag 4471-2025 wurde am 24.11. versendet. Sendungsverfolgung: 00340434161234567890. "
                        "Die Zustellung ist für Mittwoch zwischen 10 und 14 Uhr geplant."}, "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": 2310, "completion_tokens": 58, "total_tokens": 2368},
                    "system_fingerprint": "fp_" + rnd(HEX, 10)}, indent=2))

S("de", "json", dj({"jsonrpc": "2.0", "id": 1, "result": {"tools": [
    {"name": "sepa_ueberweisung", "description": "Erstellt eine SEPA-Überweisung. IBAN im Format DE00 0000 0000 0000 0000 00 angeben.",
     "inputSchema": {"type": "object", "properties": {"iban": {"type": "string", "examples": ["<IBAN>"]},
                                                      "betrag": {"type": "number", "minimum": 0.01},
                                                      "verwendungszweck": {"type": "string", "maxLength": 140}}, "required": ["iban", "betrag"]}},
    {"name": "steuer_id_pruefen", "description": "Prüft die Prüfziffer einer 11-stelligen Steuer-ID. Die Nummer wird nicht gespeichert.",
     "inputSchema": {"type": "object", "properties": {"steuer_id": {"type": "string", "pattern": "^[1-9][0-9]{10}$"}}}}]}}, indent=2))

S("de", "json", dj({"werkzeug": "artikel_suche", "treffer": [
    {"artikelnummer": "SCHR-M8-40", "ean": ean13("400"), "bezeichnung": "Sechskantschraube M8x40 verzinkt", "lager": "Halle 3", "plz_lager": "70565", "bestand": 1200},
    {"artikelnummer": "MUT-M8", "ean": ean13("401"), "bezeichnung": "Sechskantmutter M8", "lager": "Halle 3", "plz_lager": "70565", "bestand": 3400}],
    "abgefragt_um": "2026-11-25T09:12:44+01:00"}))

S("de", "json", dj({"notizblock": ["Image ghcr.io/muster/versand-api@sha256:" + rnd(HEX, 64) + " ist live.",
                                   "Release v3.8.2 (Commit " + rnd(HEX, 40) + "), Migration 0047 ausgeführt.",
                                   "Offene Aufgabe " + uuid4() + ": Rate-Limit auf 600 req/min setzen.",
                                   "Tokenverbrauch heute: 1.284.220 Eingabe / 96.410 Ausgabe."], "schritt": 12}, indent=2))

csvd = "Artikel;Menge;Lager\nSchrauben M8;200;Halle 3\nMuttern M8;400;Halle 3\n"
S("de", "json", dj({"jsonrpc": "2.0", "id": 90, "result": {"content": [{"type": "resource", "resource": {
    "uri": "file:///exports/bestand-2026-11-25.csv", "mimeType": "text/csv", "blob": b64(csvd)}}],
    "_meta": {"etag": hashlib.md5(csvd.encode()).hexdigest(), "bytes": len(csvd)}}}))

S("de", "log",
  "HTTP/1.1 200 OK\ncontent-type: application/json\n"
  f"request-id: {reqid()}\nanthropic-organization-id: {uuid4()}\n"
  "anthropic-ratelimit-tokens-remaining: 398000\nanthropic-ratelimit-tokens-reset: 2026-11-25T08:16:00Z\n\n"
  + dj({"id": msgid(), "type": "message", "role": "assistant", "model": "claude-haiku-4-5-20251001",
        "content": [{"type": "text", "text": "Die Zusammenfassung der Besprechung vom 24.11. ist fertig: drei offene Punkte, nächster Termin am 2.12."}],
        "stop_reason": "end_turn", "usage": {"input_tokens": 4210, "output_tokens": 61}}))

# ======================================================================== ja
# ja-01 MCP tools/call: kintone に顧客登録
mn = jp_mynumber()
mns = f"{mn[:4]} {mn[4:8]} {mn[8:]}"
S("ja", "json", dj({"jsonrpc": "2.0", "id": 12, "method": "tools/call", "params": {"name": "kintone_add_record", "arguments": {
    "app": 118, "record": {"氏名": {"value": "佐藤 健太"}, "マイナンバー": {"value": mns}, "携帯電話": {"value": "090-3318-6642"},
                           "メールアドレス": {"value": "kenta.sato@example.co.jp"}, "備考": {"value": "年末調整用。本人確認書類受領済み。"}}}}}),
  ("jp_mynumber", mns), ("phone", "090-3318-6642"), ("email", "kenta.sato@example.co.jp"))

# ja-02 OpenAI tool_calls: 予約作成
args = {"氏名": "山本 美咲", "電話番号": "03-5412-8867", "メール": "misaki.yamamoto@docomo.ne.jp", "人数": 4,
        "日時": "2026-12-02T19:00:00+09:00", "備考": "個室希望・誕生日ケーキあり"}
S("ja", "json", dj({"id": cmpl(), "object": "chat.completion", "created": epoch(), "model": "gpt-4o-2024-11-20",
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": None, "tool_calls": [
                        {"id": call_id(), "type": "function", "function": {"name": "create_reservation",
                                                                          "arguments": json.dumps(args, ensure_ascii=False)}}]},
                                 "finish_reason": "tool_calls"}], "usage": {"prompt_tokens": 903, "completion_tokens": 88, "total_tokens": 991}}, indent=2),
  ("phone", "03-5412-8867"), ("email", "misaki.yamamoto@docomo.ne.jp"))

# ja-03 OpenAI stream: カード番号が二つのデルタに分割
jc = card("jcb")
S("ja", "chat", oai_sse(["承知しました。", "ご登録のカード番号は ", jc[:9], jc[9:], " です。", "\n領収書は ", "tanaka.yui@outlook.jp",
                         " 宛てに送信済みです。", "\nほかにご不明点があれば", "お知らせください。"]),
  ("card", jc[:9]), ("card", jc[9:]), ("email", "tanaka.yui@outlook.jp"))

# ja-04 MCP resources/read: .env (LINE 連携)
lsec, ltok, olk = rnd(HEX, 32), line_token(), openai_legacy()
envj = (f"# LINE公式アカウント連携（本番）\nLINE_CHANNEL_SECRET={lsec}\nLINE_CHANNEL_ACCESS_TOKEN={ltok}\n"
        f"OPENAI_API_KEY={olk}\nREDIS_URL=redis://127.0.0.1:6379/0\n")
S("ja", "config", dj({"jsonrpc": "2.0", "id": 3, "result": {"contents": [{"uri": "file:///opt/line-bot/.env", "mimeType": "text/plain", "text": envj}]}}),
  ("saas_token", lsec), ("saas_token", ltok), ("openai_key", olk))

# ja-05 リレーのログ
S("ja", "log",
  "2026/11/25 18:02:44 [info] mcp-relay: 接続受付 remote=153.156.42.118:51234 user=h.kobayashi@rakuraku-denki.jp\n"
  f"2026/11/25 18:02:44 [info] mcp-relay: 上流へ転送 upstream=10.0.12.7:7000 req_id={reqid()}\n"
  f"2026/11/25 18:02:45 [warn] mcp-relay: 応答遅延 1.8s tool=query_orders trace={rnd(HEX, 32)}\n",
  ("ip_address", "153.156.42.118"), ("email", "h.kobayashi@rakuraku-denki.jp"), ("ip_address", "10.0.12.7"))

# ja-06 Anthropic tool_result: 社員テーブル
m1, m2 = jp_mynumber(), jp_mynumber()
rows = [{"社員番号": "E10231", "氏名": "高橋 直樹", "マイナンバー": m1, "電話": "080-2291-4407"},
        {"社員番号": "E10232", "氏名": "伊藤 さくら", "マイナンバー": m2, "電話": "+81-90-7715-3029"}]
tid = toolu()
S("ja", "json", dj({"messages": [{"role": "user", "content": "年末調整の対象者2名のマイナンバーを確認して"},
                                 {"role": "assistant", "content": [{"type": "tool_use", "id": tid, "name": "hr_db_query",
                                                                    "input": {"sql": "SELECT * FROM employees WHERE id IN ('E10231','E10232')"}}]},
                                 {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tid,
                                                               "content": json.dumps(rows, ensure_ascii=False)}]}]}, indent=2),
  ("jp_mynumber", m1), ("phone", "080-2291-4407"), ("jp_mynumber", m2), ("phone", "+81-90-7715-3029"))

# ja-07 エージェントのメモリ
nto, lin, xp = notion(), linear(), slack_user()
S("ja", "json", dj({"memory": [{"種別": "認証情報", "内容": f"Notion連携トークン: {nto}"},
                               {"種別": "認証情報", "内容": f"Linear の API キーは {lin} （読み取り専用で発行済み）"},
                               {"種別": "認証情報", "内容": f"Slack ユーザートークン {xp} で #dev-ops に投稿可能"},
                               {"種別": "好み", "内容": "回答は敬語で、箇条書き多めに"}],
                    "updated_at": "2026-11-25T09:40:12+09:00"}, indent=2),
  ("saas_token", nto), ("saas_token", lin), ("slack_token", xp))

# ja-08 Gemini functionCall: メール送信
jcs = fmt_card(card("jcb"))
S("ja", "json", dj({"candidates": [{"content": {"role": "model", "parts": [{"functionCall": {"name": "send_mail", "args": {
    "to": "keiri@hoshino-shoji.co.jp", "subject": "法人カード情報のご連絡",
    "body": f"経理ご担当者様\n\n出張費精算用の法人カード番号は {jcs}、有効期限は 11/28 です。\nよろしくお願いいたします。"}}}]},
    "finishReason": "STOP"}], "modelVersion": "gemini-2.5-flash"}),
  ("email", "keiri@hoshino-shoji.co.jp"), ("card", jcs))

# ja-09 Anthropic tool_use x2: Basic 認証ヘッダーと資格情報入り URL
bj = b64(f"ci-admin:{password()}")
ju = f"https://release-bot:{rnd_mixed(ALNUM, 16)}@jenkins.tokyo-build.co.jp/job/release/buildWithParameters?TAG=v3.2.0"
S("ja", "json", dj({"id": msgid(), "type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929", "content": [
    {"type": "text", "text": "ステージングの状態を確認してから、リリースジョブを起動します。"},
    {"type": "tool_use", "id": toolu(), "name": "http_request", "input": {
        "method": "GET", "url": "https://staging.tokyo-build.co.jp/api/status", "headers": {"Authorization": f"Basic {bj}"}}},
    {"type": "tool_use", "id": toolu(), "name": "http_request", "input": {"method": "POST", "url": ju}}],
    "stop_reason": "tool_use", "usage": {"input_tokens": 1630, "output_tokens": 141}}),
  ("password", bj), ("url_credentials", ju))

# ja-10 OpenAI role=tool: terraform.tfvars
dot, nr, mg = do_token(), newrelic(), mailgun()
tf = ("# 本番環境 (シンガポール)\n"
      f'do_token         = "{dot}"\nnewrelic_api_key = "{nr}"\nmailgun_api_key  = "{mg}"\nregion           = "sgp1"\n')
S("ja", "config", dj({"role": "tool", "tool_call_id": call_id(), "content": tf}),
  ("cloud_token", dot), ("saas_token", nr), ("saas_token", mg))

# ja-11 MCP tools/call 結果: Backlog 課題に秘密鍵が貼られている（二重エスケープ）
rsa = pem_rsa_traditional()
issue = {"issueKey": "INFRA-231", "summary": "踏み台サーバーに入れない",
         "description": f"鍵を再発行してもらったのですが ssh で Permission denied になります。以下が手元の鍵です。\n{rsa}\nよろしくお願いします。",
         "createdUser": {"name": "中村 翔", "mailAddress": "sho.nakamura@tokyo-build.co.jp"}}
S("ja", "json", dj({"jsonrpc": "2.0", "id": 27, "result": {"content": [{"type": "text", "text": dj(issue)}], "isError": False}}),
  ("private_key", esc(esc(rsa))), ("email", "sho.nakamura@tokyo-build.co.jp"))

# ja-12 Anthropic tool_result: Python (Twilio / SendGrid)
tsk, tat, sgj = twilio_sk(), rnd(HEX, 32), sendgrid()
py = ("from twilio.rest import Client\nfrom sendgrid import SendGridAPIClient\n\n# 通知設定（あとで環境変数に移す）\n"
      f'TWILIO_API_KEY = "{tsk}"\nTWILIO_AUTH_TOKEN = "{tat}"\nSENDGRID_API_KEY = "{sgj}"\n\n'
      'def notify(to: str, body: str) -> None:\n    ...\n')
S("ja", "code", dj({"type": "tool_result", "tool_use_id": toolu(), "content": [{"type": "text", "text": py}]}, indent=2),
  ("saas_token", tsk), ("saas_token", tat), ("saas_token", sgj))

# ja-13 Anthropic stream: Hugging Face トークンが分割
hft = hf()
S("ja", "chat", ant_sse(["モデルのダウンロードに", "失敗するのは、", "トークンの権限が read になっていないためです。", "\n設定されているトークン ",
                         hft[:15], hft[15:], " を", "再発行し、", "`huggingface-cli login` をやり直してください。"]),
  ("huggingface_token", hft[:15]), ("huggingface_token", hft[15:]))

# ja-14 メールツールの結果
S("ja", "json", dj({"tool": "outlook.list_messages", "items": [
    {"id": "AAMkAG" + rnd(ALNUM, 40), "from": "yamada.taro@kansai-logi.co.jp", "to": ["tanaka.yui@outlook.jp"],
     "subject": "お見積りの件", "body_preview": "いつもお世話になっております。ご依頼の件、添付の通りお見積りいたしました。\n"
                                                 "――――――――\n関西ロジ株式会社 営業部 山田 太郎\nTEL: 06-6123-4567 / FAX: 06-6123-4568"},
    {"id": "AAMkAG" + rnd(ALNUM, 40), "from": "no-reply@kansai-logi.co.jp", "to": ["tanaka.yui@outlook.jp"],
     "subject": "【自動送信】受付完了", "body_preview": "お問い合わせを受け付けました。"}]}, indent=2),
  ("email", "yamada.taro@kansai-logi.co.jp"), ("email", "tanaka.yui@outlook.jp"), ("phone", "06-6123-4567"),
  ("phone", "06-6123-4568"), ("email", "no-reply@kansai-logi.co.jp"))

# ja-15 Gemini リクエスト: functionResponse にユーザー一覧
S("ja", "json", dj({"contents": [
    {"role": "user", "parts": [{"text": "不審なログインがあったユーザーを調べて"}]},
    {"role": "model", "parts": [{"functionCall": {"name": "list_suspicious_logins", "args": {"since": "2026-11-24"}}}]},
    {"role": "user", "parts": [{"functionResponse": {"name": "list_suspicious_logins", "response": {"users": [
        {"email": "r.fujita@kotobuki-pay.jp", "last_login_ip": "126.73.201.44", "country": "JP", "failed": 7},
        {"email": "m.ono@kotobuki-pay.jp", "last_login_ip": "45.148.10.92", "country": "NL", "failed": 23}]}}}]}],
    "generationConfig": {"temperature": 0.2}}),
  ("email", "r.fujita@kotobuki-pay.jp"), ("ip_address", "126.73.201.44"), ("email", "m.ono@kotobuki-pay.jp"),
  ("ip_address", "45.148.10.92"))

# ja-16 MCP tools/call: 引数に JSON 文字列（GitHub / Replicate）
gp, gs, rp = github_pat(), github("ghs_"), replicate()
payload = json.dumps({"repo": "tokyo-build/infra", "secrets": {"GH_PAT": gp, "GH_APP_TOKEN": gs, "REPLICATE_API_TOKEN": rp}})
S("ja", "json", dj({"jsonrpc": "2.0", "id": 88, "method": "tools/call", "params": {"name": "github_set_actions_secrets", "arguments": {
    "payload": payload, "説明": "CI 用シークレットを一括登録"}}}, indent=2),
  ("github_token", gp), ("github_token", gs), ("ai_api_key", rp))

# ---- ja hard negatives
S("ja", "json", dj({"jsonrpc": "2.0", "id": 140, "method": "tools/call", "params": {"name": "shipping_status", "arguments": {
    "注文番号": "JP-20251125-00831", "伝票番号": "4412-8890-3317", "配送先郵便番号": "150-0002", "希望時間帯": "19-21時"}}}))

S("ja", "chat", oai_sse(["ご本人確認", "ありがとうございます。", "登録情報（一部マスク）：\n", "電話番号 090-****-", "5678\n",
                         "カード **** **** **** ", "1234\n", "マイナンバー ************\n", "変更は", "マイページから可能です。"]))

S("ja", "log",
  f"I1125 18:10:02.114 agent.go:211] ツール呼び出し開始 tool=search_docs call_id={call_id()} trace={rnd(HEX, 32)}\n"
  "I1125 18:10:02.120 agent.go:240] 埋め込み取得 endpoint=http://127.0.0.1:8001/embed dims=1024\n"
  "W1125 18:10:02.507 agent.go:288] 試験用クライアント 203.0.113.8 からの接続を拒否 (mask 255.255.255.0)\n"
  "I1125 18:10:03.001 agent.go:301] 完了 model=gemini-2.5-flash input_tokens=2048 output_tokens=311 latency=887ms\n")

S("ja", "json", dj({"candidates": [{"content": {"role": "model", "parts": [
    {"text": "明日の東京は晴れ、最高気温は14度の予報です。傘は不要でしょう。"}]}, "finishReason": "STOP", "avgLogprobs": -0.1873}],
    "usageMetadata": {"promptTokenCount": 512, "candidatesTokenCount": 38, "totalTokenCount": 550,
                      "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 512}]},
    "modelVersion": "gemini-2.5-flash", "responseId": rnd(ALNUM, 22)}, indent=2))

S("ja", "json", dj({"jsonrpc": "2.0", "id": 1, "result": {"tools": [
    {"name": "register_mynumber", "description": "マイナンバー（12桁）を暗号化して保管します。入力値はログに出力されません。",
     "inputSchema": {"type": "object", "properties": {"mynumber": {"type": "string", "pattern": "^[0-9]{12}$", "examples": ["XXXX XXXX XXXX"]},
                                                      "employee_id": {"type": "string", "examples": ["E00000"]}}}},
    {"name": "send_sms", "description": "SMS を送信します。電話番号は 090-XXXX-XXXX 形式で指定してください。",
     "inputSchema": {"type": "object", "properties": {"to": {"type": "string"}, "text": {"type": "string", "maxLength": 70}}}}]}}, indent=2))

S("ja", "json", dj({"tool": "product_search", "hits": [
    {"商品コード": "SKU-88213", "JAN": ean13("49"), "商品名": "緑茶ティーバッグ 50袋", "在庫": 120, "更新": "2026-11-25T08:00:00+09:00"},
    {"商品コード": "SKU-88214", "JAN": ean13("45"), "商品名": "ほうじ茶 200g", "在庫": 0, "更新": "2026-11-25T08:00:00+09:00"}], "total": 2}))

S("ja", "json", dj({"object": "list", "model": "text-embedding-3-small", "data": [
    {"object": "embedding", "index": 0, "embedding": floats(10)}], "usage": {"prompt_tokens": 23, "total_tokens": 23},
    "x_request_id": reqid(), "x_chunk": {"doc_id": "manual-ja-" + rnd(HEX, 8), "sha1": rnd(HEX, 40), "text": "フィルターは月に一度掃除してください。"}}))

txt = "議事録：12月の販促キャンペーン\n・冬ギフト特集を12/1公開\n・担当：マーケ部\n"
S("ja", "json", dj({"jsonrpc": "2.0", "id": 66, "result": {"content": [{"type": "resource", "resource": {
    "uri": "box://files/議事録_1125.txt", "mimeType": "text/plain", "blob": b64(txt)}}],
    "_meta": {"sha256": hashlib.sha256(txt.encode()).hexdigest(), "fileVersion": rnd("0123456789", 13)}}}))

S("ja", "json", dj({"scratchpad": "・OpenAI の APIキーは環境変数 OPENAI_API_KEY を参照（ログ上は sk-...XXXX でマスク済み）\n"
                                  "・Claude モデル claude-opus-4-1-20250805 に切り替え、max_tokens=8192\n"
                                  f"・セッションID {uuid4()}、次のステップで PR #1182 をレビュー",
                    "step": 9}, indent=2))

write_corpus(OUT, sys.argv[1])
