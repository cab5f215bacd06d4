"""Fresh set 15b (2026-11-25): written by a helper who read only fakegen.py, never the rules
(en/ko/de/ja); scored once (docs/detection.md). Values are generated (fake): see fakegen.py.
Usage: python3 fresh15b_2026_11_25.py OUT.jsonl
"""
import sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *  # noqa
from fakegen import R, rnd, rnd_mixed, ALNUM, HEX
import base64, json, string, subprocess, urllib.parse

seed(152)
OUT = []
S = sample_adder(OUT, "f15b")
# S(lang, kind, text, (type, value), (type, value), ...)

UP = string.ascii_uppercase
DIG = string.digits
UPDIG = UP + DIG
LOWDIG = string.ascii_lowercase + DIG
HEXU = "0123456789ABCDEF"


# ---------------------------------------------------------------- small helpers
def b64(s):
    return base64.b64encode(s.encode()).decode()


def b64u_bytes(n):
    return base64.urlsafe_b64encode(bytes(R.getrandbits(8) for _ in range(n))).decode().rstrip("=")


def uid():
    return f"{rnd(HEX, 8)}-{rnd(HEX, 4)}-4{rnd(HEX, 3)}-{R.choice('89ab')}{rnd(HEX, 3)}-{rnd(HEX, 12)}"


def sha(n=64):
    return rnd(HEX, n)


def rv():
    return str(R.randint(10 ** 7, 10 ** 9))


def pub_ip():
    first = R.choice([23, 31, 37, 45, 46, 52, 54, 62, 77, 78, 79, 81, 84, 85, 87, 91, 93, 94, 95, 103, 109,
                      114, 118, 121, 125, 133, 138, 141, 146, 151, 153, 176, 178, 180, 185, 188, 193, 194,
                      195, 211, 212, 213, 217, 220, 222])
    return f"{first}.{R.randint(1, 254)}.{R.randint(0, 255)}.{R.randint(2, 254)}"


def ip10():
    return f"10.{R.randint(0, 254)}.{R.randint(0, 254)}.{R.randint(2, 254)}"


def ip172():
    return f"172.{R.randint(16, 31)}.{R.randint(0, 254)}.{R.randint(2, 254)}"


def ip192():
    return f"192.168.{R.randint(0, 254)}.{R.randint(2, 254)}"


def doc_ip():
    return R.choice(["192.0.2", "198.51.100", "203.0.113"]) + f".{R.randint(1, 254)}"


def ph_us():
    while True:
        a, b = R.randint(201, 989), R.randint(200, 989)
        if b != 555 and a % 100 != 11:
            return f"({a}) {b}-{R.randint(1000, 9999)}"


def ph_uk():
    return f"+44 7{R.randint(400, 999)} {R.randint(100000, 999999)}"


def ph_de():
    return f"+49 1{R.choice(['51', '52', '57', '60', '62', '70', '71', '76'])} {R.randint(1000000, 99999999)}"


def ph_kr(sep="-"):
    return f"010{sep}{R.randint(2000, 9999)}{sep}{R.randint(1000, 9999)}"


def ph_jp(sep="-"):
    return f"0{R.choice('789')}0{sep}{R.randint(1000, 9999)}{sep}{R.randint(1000, 9999)}"


def j(obj):
    return json.dumps(obj, indent=2, ensure_ascii=False)


def j1(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def psql(headers, rows, prompt=None):
    w = [max([len(str(h))] + [len(str(r[i])) for r in rows]) for i, h in enumerate(headers)]
    out = [" " + " | ".join(str(h).center(w[i]) for i, h in enumerate(headers)).rstrip(),
           "-" + "-+-".join("-" * x for x in w) + "-"]
    out += [" " + " | ".join(str(c).ljust(w[i]) for i, c in enumerate(r)).rstrip() for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def mysql(headers, rows, secs="0.01"):
    w = [max([len(str(h))] + [len(str(r[i])) for r in rows]) for i, h in enumerate(headers)]
    bar = "+" + "+".join("-" * (x + 2) for x in w) + "+"
    out = [bar, "| " + " | ".join(str(h).ljust(w[i]) for i, h in enumerate(headers)) + " |", bar]
    out += ["| " + " | ".join(str(c).ljust(w[i]) for i, c in enumerate(r)) + " |" for r in rows]
    out += [bar, f"{len(rows)} rows in set ({secs} sec)"]
    return "\n".join(out)


def kv(rows, k="Key", v="Value"):
    w = max(len(k), *(len(a) for a, _ in rows)) + 4
    out = [k.ljust(w) + v, "-" * len(k) + " " * (w - len(k)) + "-" * len(v)]
    out += [a.ljust(w) + b for a, b in rows]
    return "\n".join(out)


def cert_pem(cn):
    return subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                           "-nodes", "-keyout", "/dev/null", "-subj", f"/CN={cn}", "-days", "398"],
                          capture_output=True, text=True, check=True).stdout.strip()


def cert_info(p):
    return subprocess.run(["openssl", "x509", "-noout", "-subject", "-issuer", "-dates", "-serial",
                           "-fingerprint", "-sha256"], input=p, capture_output=True, text=True,
                          check=True).stdout.strip()


# ------------------------------------------- vendor formats fakegen lacks (fake, documented shapes)
def ya29():  # Google OAuth2 access token as printed by `gcloud auth print-access-token`
    return "ya29.a0" + rnd_mixed(ALNUM + "-_", 211)


def aws_session_token():  # STS session token (base64, starts with IQoJb3JpZ2luX2Vj)
    return "IQoJb3JpZ2luX2VjE" + rnd_mixed(ALNUM + "+/", 635)


def aws_uid(prefix):  # unique ids AROA/AIDA: identifiers, not keys
    return prefix + rnd(UPDIG, 17)


def sentry_user():
    return "sntryu_" + rnd(HEX, 64)


def kakao_rest():
    return rnd(HEX, 32)


def line_token():
    return rnd_mixed(ALNUM + "+/", 171) + "="


def jsessionid():
    return rnd(HEXU, 32)


def mistral():
    return rnd_mixed(ALNUM, 32)


def braintree():
    return f"access_token$production${rnd(LOWDIG, 16)}${rnd(HEX, 32)}"


def adyen_hmac():
    return rnd(HEXU, 64)


def vault_db_pw():
    return "A1a-" + rnd_mixed(ALNUM, 20)


def oauth2_proxy_cookie():
    return f"{b64u_bytes(180)}|{R.randint(1764000000, 1764099999)}|{b64u_bytes(32)}="


def laravel_session():
    inner = j1({"iv": base64.b64encode(bytes(R.getrandbits(8) for _ in range(16))).decode(),
                "value": base64.b64encode(bytes(R.getrandbits(8) for _ in range(64))).decode(),
                "mac": rnd(HEX, 64), "tag": ""})
    return urllib.parse.quote(base64.b64encode(inner.encode()).decode(), safe="")


def rubygems():
    return "rubygems_" + rnd(HEX, 48)


def cohere():
    return rnd_mixed(ALNUM, 40)


def datadog_api():
    return rnd(HEX, 32)


def pw_url():
    return rnd_mixed(ALNUM, R.randint(16, 24))


def ts(d="2026-11-25", h=None):
    h = h if h is not None else R.randint(0, 23)
    return f"{d}T{h:02d}:{R.randint(0, 59):02d}:{R.randint(0, 59):02d}Z"


def short_sha():
    return rnd(HEX, 7)


# ============================================================================ ENGLISH
# --- en positives
dbpw = password()
sk = stripe("sk_live_")
redis_url = f"redis://default:{pw_url()}@payments-redis.prod.svc.cluster.local:6379/0"
S("en", "chat", f"""Pod keeps crashing with `FATAL: password authentication failed for user "payments"` after we rotated creds on Friday. Here's what is actually in the secret, can you check whether the values look right / decode them for me?

$ kubectl get secret payments-api-env -n prod -o yaml
apiVersion: v1
data:
  DB_HOST: {b64("payments-db.prod.svc.cluster.local")}
  DB_PASSWORD: {b64(dbpw)}
  DB_USER: {b64("payments")}
  REDIS_URL: {b64(redis_url)}
  STRIPE_SECRET_KEY: {b64(sk)}
kind: Secret
metadata:
  creationTimestamp: "2026-10-14T09:31:07Z"
  labels:
    app.kubernetes.io/name: payments-api
  name: payments-api-env
  namespace: prod
  resourceVersion: "{rv()}"
  uid: {uid()}
type: Opaque
""", ("password", b64(dbpw)), ("url_credentials", b64(redis_url)), ("stripe_key", b64(sk)))

acct = rnd(DIG, 12)
asia = aws_key_id("ASIA")
sec = aws_secret()
stok = aws_session_token()
n = R.randint(1000, 9999)
S("en", "json", f"""$ aws sts assume-role --role-arn arn:aws:iam::{acct}:role/ci-deploy --role-session-name gh-{n}
{{
    "Credentials": {{
        "AccessKeyId": "{asia}",
        "SecretAccessKey": "{sec}",
        "SessionToken": "{stok}",
        "Expiration": "2026-11-25T14:02:51+00:00"
    }},
    "AssumedRoleUser": {{
        "AssumedRoleId": "{aws_uid('AROA')}:gh-{n}",
        "Arn": "arn:aws:sts::{acct}:assumed-role/ci-deploy/gh-{n}"
    }}
}}

terraform still fails with ExpiredToken right after I export these, what gives?""",
  ("aws_access_key", asia), ("aws_secret_key", sec), ("aws_secret_key", stok))

jw = jwt({"sub": "usr_" + rnd(LOWDIG, 12), "iss": "https://auth.brightwell.io/", "aud": "bw-web",
          "exp": 1764090000 + R.randint(0, 9999), "scope": "read:projects write:projects"})
sess = rnd_mixed(ALNUM, 43)
em = "jane.doe@brightwell.io"
pw = password()
em_enc, pw_enc = urllib.parse.quote(em, safe=""), urllib.parse.quote(pw, safe="")
sip = pub_ip()
har = {"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"}, "entries": [
    {"startedDateTime": "2026-11-25T10:14:02.118Z", "time": 231.7,
     "request": {"method": "POST", "url": "https://app.brightwell.io/api/v2/login", "httpVersion": "http/2.0",
                 "headers": [{"name": "content-type", "value": "application/x-www-form-urlencoded"},
                             {"name": "origin", "value": "https://app.brightwell.io"},
                             {"name": "x-request-id", "value": uid()}],
                 "postData": {"mimeType": "application/x-www-form-urlencoded",
                              "text": f"email={em_enc}&password={pw_enc}&remember=1"}},
     "response": {"status": 200, "statusText": "", "headers": [
         {"name": "set-cookie", "value": f"bw_session={sess}; Path=/; HttpOnly; Secure; SameSite=Lax"}]},
     "serverIPAddress": sip, "connection": "443"},
    {"startedDateTime": "2026-11-25T10:14:02.611Z", "time": 88.2,
     "request": {"method": "GET", "url": "https://app.brightwell.io/api/v2/me", "httpVersion": "http/2.0",
                 "headers": [{"name": "authorization", "value": "Bearer " + jw},
                             {"name": "cookie", "value": f"bw_session={sess}; _ga=GA1.1.{R.randint(10**8, 10**9)}.{R.randint(1700000000, 1764000000)}; theme=dark"}]},
     "response": {"status": 500, "statusText": "", "headers": []},
     "serverIPAddress": sip, "connection": "443"}]}}
S("en", "json", "Exported this from Chrome devtools, the /me call 500s right after login. What is wrong?\n\n" + j(har),
  ("email", em_enc), ("password", pw_enc), ("generic_secret", sess), ("jwt", jw), ("ip_address", sip))

pw = password_random(16).replace("'", "")
ip = ip10()
basic = b64("svc-reporting:" + pw)
S("en", "log", f"""$ curl -v -u 'svc-reporting:{pw}' "https://metrics-gw.corp.internal:8443/api/v1/export?range=24h"
*   Trying {ip}:8443...
* Connected to metrics-gw.corp.internal ({ip}) port 8443
* ALPN: curl offers h2,http/1.1
* TLSv1.3 (OUT), TLS handshake, Client hello (1):
* TLSv1.3 (IN), TLS handshake, Server hello (2):
* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384 / X25519 / id-ecPublicKey
* Server certificate:
*  subject: CN=metrics-gw.corp.internal
*  start date: Sep  2 00:00:00 2026 GMT
*  expire date: Dec  1 23:59:59 2026 GMT
*  issuer: C=US; O=Let's Encrypt; CN=R11
* Server auth using Basic with user 'svc-reporting'
> GET /api/v1/export?range=24h HTTP/1.1
> Host: metrics-gw.corp.internal:8443
> Authorization: Basic {basic}
> User-Agent: curl/8.5.0
> Accept: */*
>
< HTTP/1.1 403 Forbidden
< Date: Tue, 25 Nov 2026 09:02:11 GMT
< Content-Type: application/json
< X-Request-Id: {uid()}
<
{{"error":"user lacks role metrics:export"}}
* Connection #0 to host metrics-gw.corp.internal left intact

why 403 and not 401? the creds are obviously accepted""",
  ("password", pw), ("password", basic), ("ip_address", ip))

src, dst = pub_ip(), ip10()
em = "m.alvarez@northpine-health.com"
S("en", "log", f"""[Notable Event] Excessive Failed VPN Logins | urgency=high | owner=unassigned
_time=2026-11-24T22:41:09.318Z src_ip={src} src_country=NL dest_ip={dst} dest_host=vpn-gw-02 app=GlobalProtect
user="{em}" action=failure count=47 window=5m rule_id={uid()} search_name="Access - Excessive Failed Logins - Rule"
orig_sid=scheduler__admin__SplunkEnterpriseSecuritySuite__RMD5{rnd(HEX, 16)}_at_1764024000_{R.randint(1000, 9999)}

Can you write me an SPL search that checks whether any of these later succeeded from the same src?""",
  ("ip_address", src), ("ip_address", dst), ("email", em))

gk = google_key()
cip = pub_ip()
waf = {"timestamp": 1764061442118, "formatVersion": 1,
       "webaclId": f"arn:aws:wafv2:us-east-1:{rnd(DIG, 12)}:regional/webacl/prod-api/{uid()}",
       "terminatingRuleId": "AWS-AWSManagedRulesKnownBadInputsRuleSet", "terminatingRuleType": "MANAGED_RULE_GROUP",
       "action": "BLOCK", "httpSourceName": "ALB", "httpSourceId": f"{rnd(DIG, 12)}-app/prod-alb/{rnd(HEX, 16)}",
       "httpRequest": {"clientIp": cip, "country": "BR",
                       "headers": [{"name": "Host", "value": "api.tallyforge.com"},
                                   {"name": "User-Agent", "value": "python-requests/2.31.0"}],
                       "uri": "/v1/geocode", "args": f"address=Rua+Augusta+1500&key={gk}",
                       "httpVersion": "HTTP/1.1", "httpMethod": "GET", "requestId": f"1-{rnd(HEX, 8)}-{rnd(HEX, 24)}"}}
S("en", "log", "One line from our WAF logs in S3. Why would KnownBadInputs block a plain geocode call?\n" + j1(waf),
  ("ip_address", cip), ("google_api_key", gk))

rows, labs = [], []
for i, (nm, mail) in enumerate([("Dana Whitaker", "dana.whitaker@gmail.com"), ("Luis Ortega", "lortega77@yahoo.com"),
                                 ("Mei-Lin Cho", "meilin.cho@outlook.com")]):
    p, s = ph_us(), us_ssn(sep=["-", " ", ""][i])
    rows.append([str(88213100 + i * 7), nm, mail, p, s, f"19{R.randint(60, 99)}-0{R.randint(1, 9)}-1{R.randint(0, 9)}"])
    labs += [("email", mail), ("phone", p), ("us_ssn", s)]
S("en", "table", "Our dedupe job flagged these three as one household. Why would the fuzzy match score them 0.91?\n\n"
  "intake=> SELECT member_id, full_name, email, phone, ssn, dob FROM members WHERE household_id = 88213;\n"
  + psql(["member_id", "full_name", "email", "phone", "ssn", "dob"], rows), *labs)

npmt, ghpat, sen = npm(), github_pat(), sentry_user()
S("en", "log", f"""Running with gitlab-runner 17.5.2 (c5e0d3b1)
  on shared-runner-07 t3_xkq2B, system ID: s_{rnd(HEX, 12)}
Preparing the "docker" executor
Using Docker executor with image node:20-bookworm ...
Pulling docker image node:20-bookworm ...
Using docker image sha256:{sha()} for node:20-bookworm with digest node@sha256:{sha()} ...
Getting source from Git repository
Fetching changes with git depth set to 20...
Checking out {rnd(HEX, 8)} as detached HEAD (ref is release/2.8)...
Executing "step_script" stage of the job script
$ echo "//registry.npmjs.org/:_authToken=${{NPM_TOKEN}}" > .npmrc
$ cat .npmrc
//registry.npmjs.org/:_authToken={npmt}
$ env | grep -E 'TOKEN|KEY' | sort
GH_RELEASE_TOKEN={ghpat}
NPM_TOKEN={npmt}
SENTRY_AUTH_TOKEN={sen}
$ npm publish --access public
npm notice Publishing to https://registry.npmjs.org/ with tag latest and public access
npm error code E403
npm error 403 403 Forbidden - PUT https://registry.npmjs.org/@tallyforge%2fsdk - You may not perform that action with these credentials.
ERROR: Job failed: exit code 1
""", ("npm_token", npmt), ("github_token", ghpat), ("saas_token", sen))

pgpw = password()
oai = openai_proj()
cip, gw = "172.19.0.4", "172.19.0.1"
dock = [{"Id": sha(), "Created": "2026-11-22T17:03:41.229817443Z", "Path": "uvicorn",
         "Args": ["app.main:app", "--host", "0.0.0.0", "--port", "8000"],
         "State": {"Status": "restarting", "Running": True, "Restarting": True, "ExitCode": 1,
                   "Error": "", "StartedAt": "2026-11-25T08:12:04.118Z"},
         "Image": "sha256:" + sha(), "Name": "/rag-api-1",
         "Config": {"Hostname": rnd(HEX, 12), "Env": [f"POSTGRES_PASSWORD={pgpw}", f"OPENAI_API_KEY={oai}",
                                                      "POSTGRES_HOST=db", "PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin",
                                                      "LANG=C.UTF-8", "PYTHON_VERSION=3.12.7"],
                    "Image": "ghcr.io/quillstack/rag-api:1.4.2"},
         "NetworkSettings": {"Networks": {"rag_default": {"IPAMConfig": None, "Gateway": gw, "IPAddress": cip,
                                                          "IPPrefixLen": 16, "MacAddress": "02:42:ac:13:00:04",
                                                          "NetworkID": sha(), "EndpointID": sha()}}}}]
S("en", "json", "Container is stuck restarting. Output of `docker inspect rag-api-1` (trimmed):\n\n" + j(dock),
  ("password", pgpw), ("openai_key", oai), ("ip_address", cip), ("ip_address", gw))

dbp, akid, asec, smtp, rpw = password_random(20), aws_key_id(), aws_secret(), rnd_mixed(ALNUM + "+/", 44), password_random(24)
state = {"version": 4, "terraform_version": "1.9.8", "serial": 212, "lineage": uid(), "outputs": {}, "resources": [
    {"mode": "managed", "type": "aws_db_instance", "name": "main", "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
     "instances": [{"schema_version": 2, "attributes": {"address": "orders-prod.c8x2kqpz1a7b.us-east-1.rds.amazonaws.com",
                                                        "engine": "postgres", "engine_version": "16.4", "username": "dbadmin",
                                                        "password": dbp, "port": 5432, "identifier": "orders-prod"}}]},
    {"mode": "managed", "type": "aws_iam_access_key", "name": "ci", "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
     "instances": [{"schema_version": 0, "attributes": {"id": akid, "secret": asec, "ses_smtp_password_v4": smtp,
                                                        "status": "Active", "user": "ci-bot", "create_date": "2026-06-02T11:20:44Z"}}]},
    {"mode": "managed", "type": "random_password", "name": "grafana_admin", "provider": "provider[\"registry.terraform.io/hashicorp/random\"]",
     "instances": [{"schema_version": 3, "attributes": {"id": "none", "length": 24, "result": rpw, "special": True}}]}]}
S("en", "json", "Someone committed terraform.tfstate to the repo. This is the relevant part, what do we need to rotate?\n\n" + j(state),
  ("password", dbp), ("aws_access_key", akid), ("aws_secret_key", asec), ("password", smtp), ("password", rpw))

tok = ya29()
sa = "ml-pipeline@acme-ml-prod.iam.gserviceaccount.com"
S("en", "chat", f"""I'm impersonating the pipeline SA and still get 403 listing the bucket:

$ gcloud auth print-access-token --impersonate-service-account={sa}
WARNING: This command is using service account impersonation. All API calls will be executed as [{sa}].
{tok}
$ curl -s -H "Authorization: Bearer {tok}" "https://storage.googleapis.com/storage/v1/b/acme-ml-artifacts/o?maxResults=2"
{{
  "error": {{
    "code": 403,
    "message": "{sa} does not have storage.objects.list access to the Google Cloud Storage bucket. Permission 'storage.objects.list' denied on resource (or it may not exist).",
    "errors": [{{"message": "...", "domain": "global", "reason": "forbidden"}}]
  }}
}}

Which role am I missing?""", ("gcp_credentials", tok), ("email", sa))

ht = vault()
vdp = vault_db_pw()
em = "priya.raman@quillstack.com"
S("en", "log", f"""$ vault login -method=oidc role=eng
Waiting for OIDC authentication to complete...
Success! You are now authenticated. The token information displayed below
is already stored in the token helper. You do NOT need to run "vault login"
again. Future Vault requests will automatically use this token.

{kv([("token", ht), ("token_accessor", rnd_mixed(ALNUM, 24)), ("token_duration", "8h"), ("token_renewable", "true"),
     ("token_policies", '["default" "eng-read"]'), ("identity_policies", "[]"), ("policies", '["default" "eng-read"]'),
     ("token_meta_email", em), ("token_meta_role", "eng")])}

$ vault read database/creds/orders-readonly
{kv([("lease_id", "database/creds/orders-readonly/" + rnd_mixed(ALNUM, 24)), ("lease_duration", "1h"),
     ("lease_renewable", "true"), ("password", vdp), ("username", "v-oidc-priya-orders-r-" + rnd(LOWDIG, 20) + "-1764061442")])}

psql says role does not exist with these, is the lease already revoked?""",
  ("cloud_token", ht), ("email", em), ("password", vdp))

sajson, key = gcp_sa_json("acme-ml-prod")
S("en", "json", "google-auth raises `invalid_grant: Invalid JWT Signature` with this key file. Is it corrupted?\n\n" + sajson,
  ("gcp_credentials", key), ("private_key", key), ("email", "ci-deployer@acme-ml-prod.iam.gserviceaccount.com"))

ant, jsec = anthropic(), rnd_mixed(ALNUM + "-_", 48)
dburl = f"postgresql://ingest:{pw_url()}@orders-db.internal.quillstack.net:5432/orders?sslmode=require"
S("en", "log", f"""Worker segfaults every few hours. gdb + strings on the core:

$ gdb -q /usr/local/bin/python3.12 core.ingest-worker.31337
Core was generated by `python -m ingest.worker --queue=orders'.
Program terminated with signal SIGSEGV, Segmentation fault.
#0  0x00007f3a9c2e41d7 in __memmove_avx_unaligned_erms () from /lib/x86_64-linux-gnu/libc.so.6
#1  0x00007f3a97b1c2a0 in ?? () from /usr/local/lib/python3.12/site-packages/orjson/orjson.cpython-312-x86_64-linux-gnu.so
#2  0x000055d1c0a3f6e2 in _PyEval_EvalFrameDefault ()
(gdb) quit
$ strings -n 12 core.ingest-worker.31337 | grep -E '^[A-Z_]+=' | head -12
HOSTNAME=ingest-worker-7c9f8d6b5-xq2lp
ANTHROPIC_API_KEY={ant}
DATABASE_URL={dburl}
JWT_SIGNING_SECRET={jsec}
KUBERNETES_SERVICE_HOST=10.96.0.1
KUBERNETES_SERVICE_PORT=443
PYTHONUNBUFFERED=1
MALLOC_ARENA_MAX=2
""", ("anthropic_key", ant), ("url_credentials", dburl), ("generic_secret", jsec), ("ip_address", "10.96.0.1"))

rows, labs = [], []
for i, nm in enumerate(["Oliver Bennett", "Aisha Khan", "Tom Price"]):
    ni = uk_nino()
    ni = ni if i != 1 else f"{ni[:2]} {ni[2:4]} {ni[4:6]} {ni[6:8]} {ni[8]}"
    ib = iban("GB")
    ib = ib if i != 2 else iban_spaced(ib)
    p = ph_uk() if i != 0 else "07" + str(R.randint(400, 999)) + " " + str(R.randint(100000, 999999))
    rows.append([str(40100 + i * 13), nm, ni, ib, p])
    labs += [("uk_nino", ni), ("iban", ib), ("phone", p)]
S("en", "table", "mysql> SELECT c.id, c.name, c.ni_number, c.iban, c.mobile FROM claimants c WHERE c.status = 'PENDING_KYC' LIMIT 3;\n"
  + mysql(["id", "name", "ni_number", "iban", "mobile"], rows) +
  "\n\nThe KYC vendor rejects row 2 and 3 as malformed. Which fields would fail validation?", *labs)

azj = jwt({"aud": "https://management.azure.com/", "iss": f"https://sts.windows.net/{uid()}/", "iat": 1764058000,
           "nbf": 1764058000, "exp": 1764062203, "oid": uid(), "tid": uid(), "ver": "1.0"}, alg="RS256")
S("en", "json", "$ az account get-access-token --resource https://management.azure.com/\n" + j(
    {"accessToken": azj, "expiresOn": "2026-11-25 15:16:43.000000", "expires_on": 1764062203,
     "subscription": uid(), "tenant": uid(), "tokenType": "Bearer"}) +
  "\n\nHow do I pass this to the REST API from PowerShell without it expiring mid-script?", ("jwt", azj))

# --- en hard negatives (no labels)
S("en", "log", f"""$ kubectl describe secret payments-api-env -n prod
Name:         payments-api-env
Namespace:    prod
Labels:       app.kubernetes.io/name=payments-api
              app.kubernetes.io/part-of=checkout
Annotations:  reloader.stakater.com/match: true

Type:  Opaque

Data
====
DB_HOST:            35 bytes
DB_PASSWORD:        18 bytes
DB_USER:            8 bytes
REDIS_URL:          97 bytes
STRIPE_SECRET_KEY:  107 bytes

After the rotation job ran, DB_PASSWORD went from 18 to 24 bytes and back to 18. Does that mean the job reverted it?""")

acct = rnd(DIG, 12)
S("en", "log", f"""Terraform will perform the following actions:

  # aws_db_instance.main will be updated in-place
  ~ resource "aws_db_instance" "main" {{
        id                                    = "db-{rnd(UPDIG, 26)}"
        identifier                            = "orders-prod"
      ~ password                              = (sensitive value)
        arn                                   = "arn:aws:rds:us-east-1:{acct}:db:orders-prod"
        # (47 unchanged attributes hidden)
    }}

  # aws_secretsmanager_secret_version.api will be created
  + resource "aws_secretsmanager_secret_version" "api" {{
      + arn            = (known after apply)
      + id             = (known after apply)
      + secret_id      = "arn:aws:secretsmanager:us-east-1:{acct}:secret:prod/api-{rnd(ALNUM, 6)}"
      + secret_string  = (sensitive value)
      + version_id     = (known after apply)
      + version_stages = (known after apply)
    }}

Plan: 1 to add, 1 to change, 0 to destroy.

Why does it want to change the password on every plan even though nothing changed?""")

csha = rnd(HEX, 40)
S("en", "log", f"""2026-11-25T08:12:41.0921150Z ##[group]Run actions/checkout@v4
2026-11-25T08:12:41.0921702Z with:
2026-11-25T08:12:41.0922013Z   repository: tallyforge/sdk-js
2026-11-25T08:12:41.0922390Z   token: ***
2026-11-25T08:12:41.0922701Z ##[endgroup]
2026-11-25T08:12:42.7731294Z HEAD is now at {csha[:7]} chore(release): 2.8.1
2026-11-25T08:12:44.1043321Z ##[group]Run aws-actions/configure-aws-credentials@v4
2026-11-25T08:12:44.1043977Z with:
2026-11-25T08:12:44.1044410Z   aws-access-key-id: ***
2026-11-25T08:12:44.1044821Z   aws-secret-access-key: ***
2026-11-25T08:12:44.1045201Z   aws-region: eu-west-1
2026-11-25T08:12:44.1045588Z ##[endgroup]
2026-11-25T08:12:47.2210040Z Cache restored from key: node-cache-Linux-x64-npm-{sha()}
2026-11-25T08:12:51.0018862Z Run echo "publishing with $NPM_TOKEN"
2026-11-25T08:12:51.0101937Z publishing with ***
2026-11-25T08:13:20.5520018Z Artifact digest: sha256:{sha()}
2026-11-25T08:13:20.5529911Z Job run id 1185{rnd(DIG, 7)}, commit {csha}
Why does the job show *** instead of my token? I need to see it's the right one.""")

S("en", "config", f"""$ kubectl get pod checkout-web-6b8d9c7f4d-t2mzq -n prod -o yaml | yq '.metadata, .spec.containers[0].image, .status.hostIP, .status.containerStatuses[0]'
annotations:
  kubectl.kubernetes.io/restartedAt: "2026-11-24T18:02:11Z"
creationTimestamp: "2026-11-24T18:02:13Z"
generateName: checkout-web-6b8d9c7f4d-
labels:
  app: checkout-web
  pod-template-hash: 6b8d9c7f4d
name: checkout-web-6b8d9c7f4d-t2mzq
namespace: prod
ownerReferences:
  - apiVersion: apps/v1
    kind: ReplicaSet
    name: checkout-web-6b8d9c7f4d
    uid: {uid()}
resourceVersion: "{rv()}"
uid: {uid()}
registry.tallyforge.com/checkout-web@sha256:{sha()}
{doc_ip()}
containerID: containerd://{sha()}
image: registry.tallyforge.com/checkout-web:2.8.1
imageID: registry.tallyforge.com/checkout-web@sha256:{sha()}
lastState:
  terminated:
    exitCode: 137
    reason: OOMKilled
restartCount: 6

Is 137 always OOM or can it be a liveness probe kill?""")

S("en", "json", f"""$ aws sts get-caller-identity
{{
    "UserId": "{aws_uid('AIDA')}",
    "Account": "{acct}",
    "Arn": "arn:aws:iam::{acct}:user/deploy-bot"
}}
$ aws kms describe-key --key-id alias/orders-prod
{{
    "KeyMetadata": {{
        "AWSAccountId": "{acct}",
        "KeyId": "{uid()}",
        "Arn": "arn:aws:kms:us-east-1:{acct}:key/{uid()}",
        "CreationDate": "2025-03-11T10:42:17.512000+00:00",
        "Enabled": true,
        "KeyUsage": "ENCRYPT_DECRYPT",
        "KeyState": "Enabled",
        "Origin": "AWS_KMS",
        "KeyManager": "CUSTOMER",
        "KeySpec": "SYMMETRIC_DEFAULT",
        "MultiRegion": false
    }}
}}
Is the UserId something I need to keep secret? Our auditor flagged it in a screenshot.""")

c = cert_pem("api.tallyforge.com")
S("en", "log", f"""$ openssl s_client -connect api.tallyforge.com:443 -servername api.tallyforge.com </dev/null 2>/dev/null | openssl x509
{c}
$ openssl x509 -in api.pem -noout -subject -issuer -dates -serial -fingerprint -sha256
{cert_info(c)}

The mobile app pins this fingerprint. Is this the leaf or should we pin the intermediate?""")

har = {"log": {"version": "1.2", "creator": {"name": "Firefox", "version": "133.0"}, "entries": [
    {"startedDateTime": "2026-11-25T11:02:44.901+01:00", "time": 412,
     "request": {"method": "GET", "url": "https://app.brightwell.io/api/v2/projects?page=2", "httpVersion": "HTTP/2",
                 "headers": [{"name": "Authorization", "value": "Bearer <redacted>"},
                             {"name": "Cookie", "value": "bw_session=<redacted>; theme=dark"},
                             {"name": "traceparent", "value": f"00-{rnd(HEX, 32)}-{rnd(HEX, 16)}-01"},
                             {"name": "If-None-Match", "value": f"W/\"{rnd(HEX, 32)}\""}]},
     "response": {"status": 504, "headers": [{"name": "x-amzn-trace-id", "value": f"Root=1-{rnd(HEX, 8)}-{rnd(HEX, 24)}"},
                                             {"name": "x-cache", "value": "Error from cloudfront"},
                                             {"name": "x-amz-cf-id", "value": rnd_mixed(ALNUM + "-_", 54) + "=="}]},
     "timings": {"blocked": 1, "dns": 0, "connect": 0, "ssl": 0, "send": 0, "wait": 410, "receive": 1}}]}}
S("en", "json", "I scrubbed the auth bits. Why is CloudFront returning 504 only on page 2?\n" + j(har))

S("en", "log", f"""{{"@timestamp":"2026-11-25T03:14:07.551Z","event":{{"kind":"alert","category":["malware"],"severity":73}},
"rule":{{"name":"Suspicious PowerShell Download Cradle","id":"{uid()}"}},
"source":{{"ip":"{doc_ip()}","port":{R.randint(49152, 65535)}}},"destination":{{"ip":"{doc_ip()}","port":443}},
"host":{{"name":"WS-FIN-0231","id":"{uid()}"}},"user":{{"name":"svc-backup","id":"S-1-5-21-{R.randint(10**9, 4 * 10**9)}-{R.randint(10**9, 4 * 10**9)}-{R.randint(10**9, 4 * 10**9)}-{R.randint(1000, 9999)}"}},
"process":{{"name":"powershell.exe","pid":{R.randint(1000, 20000)},"hash":{{"sha256":"{sha()}","md5":"{rnd(HEX, 32)}"}}}},
"file":{{"hash":{{"sha1":"{rnd(HEX, 40)}"}}}}}}
This is from our lab replay (doc IPs). Is the MITRE mapping for this rule T1059.001 or T1105?""")

S("en", "json", f"""docker inspect output with env scrubbed by our support bundle tool:
[
  {{
    "Id": "{sha()}",
    "Image": "sha256:{sha()}",
    "Name": "/ledger-sync",
    "HostConfig": {{ "NetworkMode": "host", "RestartPolicy": {{ "Name": "unless-stopped", "MaximumRetryCount": 0 }} }},
    "Config": {{
      "Env": [
        "DB_PASSWORD=<redacted>",
        "LEDGER_API_KEY=<redacted>",
        "TZ=UTC",
        "JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75"
      ],
      "Labels": {{ "org.opencontainers.image.revision": "{rnd(HEX, 40)}", "org.opencontainers.image.version": "3.2.0" }}
    }},
    "NetworkSettings": {{ "Networks": {{ "host": {{ "IPAddress": "", "Gateway": "", "NetworkID": "{sha()}" }} }} }}
  }}
]
Why is IPAddress empty?""")


# ============================================================================ GERMAN
sgk = sendgrid()
mailfrom = "rechnung@kanzlei-hofmann.de"
smtp_admin = password()
S("de", "chat", f"""Hallo, unser Mailversand aus dem Cluster schlägt seit gestern mit `535 Authentication failed` fehl. Hier das Secret – stimmt da was mit dem Encoding nicht?

$ kubectl get secret mail-relay -n kanzlei -o yaml
apiVersion: v1
data:
  MAIL_FROM: {b64(mailfrom)}
  SMTP_ADMIN_PASSWORD: {b64(smtp_admin)}
  SMTP_HOST: {b64("smtp.sendgrid.net")}
  SMTP_PASSWORD: {b64(sgk)}
  SMTP_USER: {b64("apikey")}
kind: Secret
metadata:
  creationTimestamp: "2026-08-19T07:55:31Z"
  name: mail-relay
  namespace: kanzlei
  resourceVersion: "{rv()}"
  uid: {uid()}
type: Opaque""", ("email", b64(mailfrom)), ("password", b64(smtp_admin)), ("saas_token", b64(sgk)))

hft, mis = hf(), mistral()
qip = ip192()
dburl = f"mysql://rag:{pw_url()}@db.rag.intern:3306/rag"
S("de", "log", f"""$ docker exec -it rag-backend env
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
HOSTNAME={rnd(HEX, 12)}
HF_TOKEN={hft}
MISTRAL_API_KEY={mis}
DATABASE_URL={dburl}
QDRANT_URL=http://{qip}:6333
EMBED_MODEL=intfloat/multilingual-e5-large
LANG=C.UTF-8
HOME=/root

Das Backend lädt das Modell nicht (401 von huggingface.co). Sind die Variablen überhaupt im Container angekommen?""",
  ("huggingface_token", hft), ("ai_api_key", mis), ("url_credentials", dburl), ("ip_address", qip))

rows, labs = [], []
for i, (nm, mail) in enumerate([("Schäfer, Monika", "monika.schaefer@web.de"), ("Yilmaz, Deniz", "d.yilmaz@gmx.de"),
                                 ("Krause, Jörg", "joerg.krause@t-online.de")]):
    ib = iban("DE")
    ib = iban_spaced(ib) if i == 1 else ib
    st = de_steuer_id()
    st = st if i != 2 else f"{st[:2]} {st[2:5]} {st[5:8]} {st[8:]}"
    p = ph_de() if i != 1 else f"0{R.choice(['30', '40', '89', '221'])} {R.randint(100000, 9999999)}"
    rows.append([f"K-{R.randint(100000, 999999)}", nm, ib, st, p, mail])
    labs += [("iban", ib), ("de_steuer_id", st), ("phone", p), ("email", mail)]
S("de", "table", "Warum liefert diese Abfrage doppelte Kunden, obwohl kundennr eindeutig sein sollte?\n\n"
  "crm=# SELECT k.kundennr, k.name, b.iban, k.steuer_id, k.telefon, k.email FROM kunden k JOIN bankverbindung b USING (kunden_id) WHERE k.plz LIKE '50%';\n"
  + psql(["kundennr", "name", "iban", "steuer_id", "telefon", "email"], rows), *labs)

pk, sk2 = azure_storage_key(), azure_storage_key()
acs = azure_client_secret()
sub = uid()
state = {"version": 4, "terraform_version": "1.9.5", "serial": 57, "lineage": uid(), "outputs": {}, "resources": [
    {"mode": "managed", "type": "azurerm_storage_account", "name": "daten", "provider": "provider[\"registry.terraform.io/hashicorp/azurerm\"]",
     "instances": [{"schema_version": 4, "attributes": {
         "id": f"/subscriptions/{sub}/resourceGroups/rg-daten-prod/providers/Microsoft.Storage/storageAccounts/stdatenprod01",
         "name": "stdatenprod01", "location": "germanywestcentral", "primary_access_key": pk, "secondary_access_key": sk2,
         "primary_connection_string": f"DefaultEndpointsProtocol=https;AccountName=stdatenprod01;AccountKey={pk};EndpointSuffix=core.windows.net",
         "primary_blob_endpoint": "https://stdatenprod01.blob.core.windows.net/"}}]},
    {"mode": "managed", "type": "azuread_application_password", "name": "ci", "provider": "provider[\"registry.terraform.io/hashicorp/azuread\"]",
     "instances": [{"schema_version": 1, "attributes": {"application_id": f"/applications/{uid()}", "display_name": "ci-deploy",
                                                        "end_date": "2027-11-24T00:00:00Z", "key_id": uid(), "value": acs}}]}]}
S("de", "json", "Auszug aus unserem terraform.tfstate (lag versehentlich im öffentlichen Blob-Container). Welche Werte müssen wir jetzt rotieren?\n\n" + j(state),
  ("azure_key", pk), ("azure_key", sk2), ("azure_key", acs))

ant = anthropic()
apip, prox = pub_ip(), ip10()
S("de", "log", f"""$ curl -v https://api.anthropic.com/v1/messages -H "x-api-key: {ant}" -H "anthropic-version: 2023-06-01" -H "content-type: application/json" -d '{{"model":"claude-sonnet-4-5","max_tokens":32,"messages":[{{"role":"user","content":"ping"}}]}}'
* Uses proxy env variable https_proxy == 'http://{prox}:3128'
*   Trying {prox}:3128...
* Connected to {prox} ({prox}) port 3128
* CONNECT tunnel: HTTP/1.1 negotiated
* Establish HTTP proxy tunnel to api.anthropic.com:443
> CONNECT api.anthropic.com:443 HTTP/1.1
< HTTP/1.1 200 Connection established
* CONNECT phase completed
* SSL connection using TLSv1.3 / TLS_AES_128_GCM_SHA256
* Server certificate:
*  subject: CN=api.anthropic.com
*  subjectAltName: host "api.anthropic.com" matched cert's "api.anthropic.com"
> POST /v1/messages HTTP/2
> Host: api.anthropic.com
> x-api-key: {ant}
> anthropic-version: 2023-06-01
>
< HTTP/2 401
< request-id: req_011C{rnd_mixed(ALNUM, 20)}
< x-envoy-upstream-service-time: 9
< cf-ray: {rnd(HEX, 16)}-FRA
<
{{"type":"error","error":{{"type":"authentication_error","message":"invalid x-api-key"}},"request_id":"req_011C{rnd_mixed(ALNUM, 20)}"}}

Über den Proxy kommt 401, ohne Proxy ({apip} direkt) funktioniert es. Schneidet der Proxy Header ab?""",
  ("anthropic_key", ant), ("ip_address", prox), ("ip_address", apip))

src, agent = pub_ip(), ip192()
S("de", "log", j1({"timestamp": "2026-11-24T03:12:55.120+0100",
                   "rule": {"level": 10, "description": "sshd: brute force trying to get access to the system. Non existent user.",
                            "id": "5712", "mitre": {"id": ["T1110"], "tactic": ["Credential Access"]}, "firedtimes": 84,
                            "groups": ["syslog", "sshd", "authentication_failures"]},
                   "agent": {"id": "014", "name": "web-fra-03", "ip": agent}, "manager": {"name": "wazuh-mgr"},
                   "id": f"1764{rnd(DIG, 6)}.{R.randint(10**6, 10**7)}",
                   "full_log": f"Nov 24 03:12:55 web-fra-03 sshd[88211]: Invalid user admin from {src} port {R.randint(30000, 65000)}",
                   "data": {"srcip": src, "srcuser": "admin"}, "location": "journald"}) +
  "\n\nWazuh meldet das 84-mal pro Nacht. Wie baue ich eine Active-Response, die die IP nach 10 Treffern sperrt?",
  ("ip_address", agent), ("ip_address", src))

ips = [pub_ip(), pub_ip(), "2a02:8108:1c40:5e00:" + f"{R.randint(4096, 65535):x}:{R.randint(4096, 65535):x}:{R.randint(4096, 65535):x}:{R.randint(4096, 65535):x}"]
dst = "10.0.0.5"
S("de", "log", f"""Nov 25 10:02:13 fw01 kernel: [UFW BLOCK] IN=eth0 OUT= MAC=52:54:00:8a:11:3c:00:1b:21:0c:44:e2:08:00 SRC={ips[0]} DST={dst} LEN=40 TOS=0x00 PREC=0x00 TTL=243 ID=54321 PROTO=TCP SPT=41234 DPT=3389 WINDOW=1024 RES=0x00 SYN URGP=0
Nov 25 10:02:14 fw01 kernel: [UFW BLOCK] IN=eth0 OUT= MAC=52:54:00:8a:11:3c:00:1b:21:0c:44:e2:08:00 SRC={ips[1]} DST={dst} LEN=44 TOS=0x00 PREC=0x00 TTL=50 ID=0 DF PROTO=TCP SPT=53377 DPT=22 WINDOW=65535 RES=0x00 SYN URGP=0
Nov 25 10:02:19 fw01 kernel: [UFW BLOCK] IN=eth0 OUT= MAC=52:54:00:8a:11:3c:00:1b:21:0c:86:dd SRC={ips[2]} DST=fe80:0000:0000:0000:5054:00ff:fe8a:113c LEN=72 TC=0 HOPLIMIT=255 FLOWLBL=0 PROTO=ICMPv6 TYPE=135 CODE=0

Die ersten zwei verstehe ich, aber warum blockt UFW die dritte Zeile (ICMPv6 Neighbor Solicitation)? Netzmaske ist 255.255.255.0, Gateway kommt per DHCP.""",
  ("ip_address", ips[0]), ("ip_address", dst), ("ip_address", ips[1]), ("ip_address", ips[2]),
  ("ip_address", "fe80:0000:0000:0000:5054:00ff:fe8a:113c"))

acs = azure_client_secret()
S("de", "json", f"""$ az ad sp create-for-rbac --name gh-deploy-sp --role Contributor --scopes /subscriptions/{uid()}/resourceGroups/rg-web-prod
Creating 'Contributor' role assignment under scope '/subscriptions/.../resourceGroups/rg-web-prod'
The output includes credentials that you must protect. Be sure that you do not include these credentials in your code or check the credentials into your source control. For more information, see https://aka.ms/azadsp-cli
{j({"appId": uid(), "displayName": "gh-deploy-sp", "password": acs, "tenant": uid()})}

Wie trage ich das jetzt korrekt als AZURE_CREDENTIALS in GitHub ein? Das JSON-Format von azure/login ist ja anders.""",
  ("azure_key", acs))

glp, dck, tg = gitlab(), dockerhub(), telegram()
S("de", "log", f"""$ echo "Deploy mit Token $CI_DEPLOY_TOKEN nach $CI_ENVIRONMENT_NAME"
Deploy mit Token {glp} nach staging
$ set -x
+ docker login -u ci-bot -p {dck} docker.io
WARNING! Using --password via the CLI is insecure. Use --password-stdin.
Login Succeeded
+ docker push ostwind/shop-api:{short_sha()}
+ curl -s https://api.telegram.org/bot{tg}/sendMessage -d chat_id=-100{rnd(DIG, 10)} -d 'text=Build 4711 ok'
{{"ok":true,"result":{{"message_id":{R.randint(100, 9999)},"date":1764061442}}}}
Cleaning up project directory and file based variables
Job succeeded

Warum steht der Token im Klartext im Job-Log, obwohl die Variable in GitLab als "masked" markiert ist?""",
  ("gitlab_token", glp), ("package_registry_token", dck), ("telegram_token", tg))

sk = stripe("sk_live_")
em = "j.baumann@elektro-baumann.de"
ib = iban("DE")
cc = card("amex")
S("de", "code", f"""Traceback (most recent call last):
  File "/app/billing/charge.py", line 88, in charge_customer
    intent = stripe.PaymentIntent.create(amount=amount, currency="eur", customer=cust_id)
  File "/usr/local/lib/python3.12/site-packages/stripe/_payment_intent.py", line 1702, in create
    cls._static_request("post", cls.class_url(), params=params)
stripe._error.AuthenticationError: Request req_{rnd_mixed(ALNUM, 14)}: Invalid API Key provided: sk_live_********************{sk[-4:]}

Local variables (sentry):
    amount = 4990
    cust_id = 'cus_{rnd_mixed(ALNUM, 14)}'
    customer_email = '{em}'
    fallback_sepa_iban = '{ib}'
    card_on_file = '{fmt_card(cc)}'
    stripe.api_key = '{sk}'

Der Key ist doch im Dashboard aktiv – warum sagt Stripe "Invalid API Key"?""",
  ("stripe_key", sk), ("email", em), ("iban", ib), ("card", fmt_card(cc)))

pw = password_random(18)
em = "lena.vogt@ostwind-logistik.de"
sip = ip10()
S("de", "log", j1({"kind": "Event", "apiVersion": "audit.k8s.io/v1", "level": "RequestResponse", "auditID": uid(),
                   "stage": "ResponseComplete", "requestURI": "/api/v1/namespaces/shop/secrets?fieldManager=kubectl-client-side-apply",
                   "verb": "create", "user": {"username": "oidc:" + em, "groups": ["oidc:k8s-admins", "system:authenticated"]},
                   "sourceIPs": [sip], "userAgent": "kubectl/v1.31.2 (linux/amd64) kubernetes/5864a46",
                   "objectRef": {"resource": "secrets", "namespace": "shop", "name": "shop-db", "apiVersion": "v1"},
                   "responseStatus": {"metadata": {}, "code": 201},
                   "requestObject": {"kind": "Secret", "apiVersion": "v1", "metadata": {"name": "shop-db", "namespace": "shop"},
                                     "data": {"password": b64(pw), "username": b64("shop")}, "type": "Opaque"},
                   "requestReceivedTimestamp": "2026-11-25T07:41:02.118422Z", "stageTimestamp": "2026-11-25T07:41:02.131907Z"}) +
  "\n\nUnser Audit-Log schreibt Secrets mit. Welche Policy-Regel brauche ich, damit Secrets nur auf Metadata-Level geloggt werden?",
  ("email", em), ("ip_address", sip), ("password", b64(pw)))

em = "tobias.heller@mailbox.org"
pw = password()
at = jwt({"sub": uid(), "preferred_username": "theller", "realm_access": {"roles": ["kunde"]},
          "exp": 1764062000, "iat": 1764061700}, alg="RS256")
rt = rnd_mixed(ALNUM + "-_", 64)
sip = pub_ip()
har = {"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"}, "entries": [
    {"startedDateTime": "2026-11-25T08:30:11.402Z", "time": 164.0,
     "request": {"method": "POST", "url": "https://kundenportal.stadtwerke-nord.de/api/auth/login", "httpVersion": "http/2.0",
                 "headers": [{"name": "content-type", "value": "application/json"}, {"name": "accept-language", "value": "de-DE,de;q=0.9"}],
                 "postData": {"mimeType": "application/json", "text": j1({"username": em, "password": pw, "rememberMe": True})}},
     "response": {"status": 302, "statusText": "", "headers": [
         {"name": "set-cookie", "value": f"access_token={at}; Path=/; Secure; HttpOnly; SameSite=Strict"},
         {"name": "set-cookie", "value": f"refresh_token={rt}; Path=/api/auth; Secure; HttpOnly"},
         {"name": "location", "value": "/dashboard"}]},
     "serverIPAddress": sip}]}}
S("de", "json", "Nach dem Login lande ich in einer Redirect-Schleife. HAR aus Chrome:\n\n" + j(har),
  ("email", em), ("password", pw), ("jwt", at), ("generic_secret", rt), ("ip_address", sip))

rows, labs = [], []
for cc_, nm, gen, mail in [("FR", "Camille Laurent", fr_nir, "c.laurent@ostwind-logistik.de"),
                           ("ES", "Javier Morales", es_dni, "j.morales@ostwind-logistik.de"),
                           ("IT", "Giulia Russo", it_cf, "g.russo@ostwind-logistik.de"),
                           ("NL", "Daan de Vries", nl_bsn, "d.devries@ostwind-logistik.de"),
                           ("DE", "Sabine Wolf", de_steuer_id, "s.wolf@ostwind-logistik.de")]:
    v = gen()
    rows.append([str(R.randint(1000, 9999)), nm, cc_, v, mail])
    labs += [({"FR": "fr_nir", "ES": "es_dni", "IT": "it_codice_fiscale", "NL": "nl_bsn", "DE": "de_steuer_id"}[cc_], v),
             ("email", mail)]
S("de", "table", "Für die Lohnabrechnung hat die Spalte tax_id gemischte Formate. Kannst du mir pro Land einen Regex zur Validierung bauen?\n\n"
  "mysql> SELECT personalnr, name, land, tax_id, email FROM mitarbeiter WHERE standort = 'Duisburg' AND land <> 'PL';\n"
  + mysql(["personalnr", "name", "land", "tax_id", "email"], rows, "0.02"), *labs)

bt, sq, ad = braintree(), square(), adyen_hmac()
S("de", "log", f"""$ vault kv get -mount=secret payments/psp
======= Secret Path =======
secret/data/payments/psp

======= Metadata =======
{kv([("created_time", "2026-09-30T12:04:11.532218Z"), ("custom_metadata", "<nil>"), ("deletion_time", "n/a"),
     ("destroyed", "false"), ("version", "7")])}

============ Data ============
{kv([("adyen_hmac_key", ad), ("braintree_access_token", bt), ("square_access_token", sq), ("square_location_id", "L" + rnd(UPDIG, 12))])}

Version 6 hatte andere Werte. Wie hole ich die alte Version zurück, ohne die neue zu löschen?""",
  ("payment_token", ad), ("payment_token", bt), ("payment_token", sq))

ssh = openssh_key()
hip = pub_ip()
S("de", "chat", f"""Ich bekomme beim Deploy `Permission denied (publickey)`. Hier mein Key (cat ~/.ssh/id_ed25519) und die Ausgabe von ssh -v:

{ssh}

$ ssh -v deploy@{hip}
OpenSSH_9.6p1 Ubuntu-3ubuntu13.5, OpenSSL 3.0.13 30 Jan 2024
debug1: Connecting to {hip} [{hip}] port 22.
debug1: Connection established.
debug1: identity file /home/jan/.ssh/id_ed25519 type 3
debug1: Server host key: ssh-ed25519 SHA256:{rnd_mixed(ALNUM + "+/", 43)}
debug1: Authentications that can continue: publickey
debug1: Offering public key: /home/jan/.ssh/id_ed25519 ED25519 SHA256:{rnd_mixed(ALNUM + "+/", 43)} explicit
debug1: Authentications that can continue: publickey
debug1: No more authentication methods to try.
deploy@{hip}: Permission denied (publickey).""", ("private_key", ssh), ("ip_address", hip))

nr, gs = newrelic(), grafana_sa()
swh = slack_webhook()
S("de", "config", f"""Ein Kollege hat die Keys in eine ConfigMap statt in ein Secret gepackt. Wie schlimm ist das, wer kann ConfigMaps bei uns lesen?

$ kubectl get configmap observability-env -n monitoring -o yaml
apiVersion: v1
data:
  GRAFANA_URL: https://grafana.ostwind-logistik.de
  GRAFANA_TOKEN: {gs}
  NEW_RELIC_API_KEY: {nr}
  alertmanager.yml: |
    global:
      resolve_timeout: 5m
      slack_api_url: '{swh}'
    route:
      receiver: team-ops
      group_by: ['alertname', 'namespace']
kind: ConfigMap
metadata:
  name: observability-env
  namespace: monitoring
  resourceVersion: "{rv()}"
  uid: {uid()}""", ("saas_token", gs), ("saas_token", nr), ("slack_webhook", swh))

# --- de hard negatives
S("de", "config", f"""Ich habe die Werte vor dem Posten geschwärzt. Warum zeigt ArgoCD das Secret trotzdem als OutOfSync?

$ kubectl get secret shop-db -n shop -o yaml
apiVersion: v1
data:
  password: <redacted>
  username: <redacted>
kind: Secret
metadata:
  annotations:
    argocd.argoproj.io/tracking-id: shop:/Secret:shop/shop-db
  creationTimestamp: "2026-11-25T07:41:02Z"
  labels:
    app.kubernetes.io/instance: shop
  name: shop-db
  namespace: shop
  resourceVersion: "{rv()}"
  uid: {uid()}
type: Opaque""")

sub = uid()
S("de", "log", f"""Terraform will perform the following actions:

  # azurerm_key_vault_secret.db_password must be replaced
-/+ resource "azurerm_key_vault_secret" "db_password" {{
      ~ id                      = "https://kv-daten-prod.vault.azure.net/secrets/db-password/{rnd(HEX, 32)}" -> (known after apply)
        name                    = "db-password"
      ~ resource_id             = "/subscriptions/{sub}/resourceGroups/rg-daten-prod/providers/Microsoft.KeyVault/vaults/kv-daten-prod/secrets/db-password/versions/{rnd(HEX, 32)}" -> (known after apply)
      ~ value                   = (sensitive value) # forces replacement
      ~ version                 = "{rnd(HEX, 32)}" -> (known after apply)
        # (3 unchanged attributes hidden)
    }}

Plan: 1 to add, 0 to change, 1 to destroy.

Warum wird das Secret ersetzt statt aktualisiert? Ich habe nur ein Tag geändert.""")

S("de", "log", j1({"kind": "Event", "apiVersion": "audit.k8s.io/v1", "level": "Metadata", "auditID": uid(),
                   "stage": "ResponseComplete", "requestURI": "/api/v1/namespaces/kube-system/secrets/bootstrap-token-" + rnd(LOWDIG, 6),
                   "verb": "get", "user": {"username": "system:serviceaccount:kube-system:bootstrap-signer",
                                           "uid": uid(), "groups": ["system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"]},
                   "sourceIPs": ["127.0.0.1"], "userAgent": "kube-controller-manager/v1.31.2 (linux/amd64) kubernetes/5864a46/system:serviceaccount:kube-system:bootstrap-signer",
                   "objectRef": {"resource": "secrets", "namespace": "kube-system", "name": "bootstrap-token-" + rnd(LOWDIG, 6), "apiVersion": "v1"},
                   "responseStatus": {"metadata": {}, "code": 200},
                   "requestReceivedTimestamp": "2026-11-25T07:42:10.001122Z", "stageTimestamp": "2026-11-25T07:42:10.003379Z",
                   "annotations": {"authorization.k8s.io/decision": "allow", "authorization.k8s.io/reason": "RBAC: allowed by ClusterRoleBinding \"system:controller:bootstrap-signer\""}}) +
  "\n\nIst das normal, dass der Controller-Manager ständig bootstrap-token Secrets liest?")

S("de", "json", f"""$ docker image inspect eclipse-temurin:21-jre --format '{{{{json .}}}}' | jq '{{Id, RepoDigests, Env: .Config.Env, Layers: .RootFS.Layers[:3]}}'
{j({"Id": "sha256:" + sha(), "RepoDigests": ["eclipse-temurin@sha256:" + sha()],
    "Env": ["PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "JAVA_HOME=/opt/java/openjdk", "LANG=en_US.UTF-8", "JAVA_VERSION=jdk-21.0.5+11"],
    "Layers": ["sha256:" + sha() for _ in range(3)]})}

Welcher Digest gehört in unser Dockerfile, Id oder RepoDigests?""")

S("de", "log", f"""Nov 25 11:40:02 fw02 kernel: [UFW BLOCK] IN=eth0 OUT= MAC=52:54:00:aa:01:02:00:1b:21:0c:44:e2:08:00 SRC={doc_ip()} DST={doc_ip()} LEN=60 TOS=0x00 PREC=0x00 TTL=52 ID={R.randint(1000, 65000)} DF PROTO=TCP SPT={R.randint(30000, 65000)} DPT=25 WINDOW=64240 RES=0x00 SYN URGP=0
Nov 25 11:40:05 fw02 kernel: [UFW BLOCK] IN=eth0 OUT= MAC=52:54:00:aa:01:02:00:1b:21:0c:44:e2:08:00 SRC={doc_ip()} DST={doc_ip()} LEN=40 TOS=0x00 PREC=0x00 TTL=241 ID=54321 PROTO=TCP SPT=51002 DPT=445 WINDOW=1024 RES=0x00 SYN URGP=0
Nov 25 11:40:07 fw02 kernel: [UFW ALLOW] IN=lo OUT= SRC=127.0.0.1 DST=127.0.0.1 LEN=52 PROTO=TCP SPT=5432 DPT=40112

(Schulungsumgebung, Adressen aus dem Dokumentationsbereich.) Wie schreibe ich eine fail2ban-Regel, die auf diese UFW-Zeilen matcht?""")

S("de", "log", f"""$ vault kv metadata get -mount=secret payments/psp
======== Metadata Path ========
secret/metadata/payments/psp

========== Metadata ==========
{kv([("cas_required", "false"), ("created_time", "2025-02-11T09:14:52.018811Z"), ("current_version", "7"),
     ("custom_metadata", "map[owner:team-payments ticket:PAY-2291]"), ("delete_version_after", "0s"),
     ("max_versions", "10"), ("oldest_version", "1"), ("updated_time", "2026-09-30T12:04:11.532218Z")])}

====== Version 6 ======
{kv([("created_time", "2026-07-02T08:41:09.113902Z"), ("deletion_time", "n/a"), ("destroyed", "false")])}

Kann ich aus den Metadaten ablesen, wer Version 7 geschrieben hat?""")

c = cert_pem("kundenportal.stadtwerke-nord.de")
S("de", "log", f"""$ openssl s_client -connect kundenportal.stadtwerke-nord.de:443 -showcerts </dev/null
CONNECTED(00000003)
depth=0 CN = kundenportal.stadtwerke-nord.de
verify error:num=18:self-signed certificate
verify return:1
---
Certificate chain
 0 s:CN = kundenportal.stadtwerke-nord.de
   i:CN = kundenportal.stadtwerke-nord.de
   a:PKEY: id-ecPublicKey, 256 (bit); sigalg: ecdsa-with-SHA256
{c}
---
SSL handshake has read 1024 bytes and written 392 bytes
Verification error: self-signed certificate
---
Session-ID: {rnd(HEXU, 64)}
Master-Key: 

Warum ist das Zertifikat auf dem Staging-System selbstsigniert? Reicht es, die Kette neu zu deployen?""")

rows = []
for _ in range(3):
    rows.append([f"K-{R.randint(100000, 999999)}", sha(), f"DE** **** **** **** **{R.randint(10, 99)} {R.randint(10, 99)}",
                 f"+49 *** ****{R.randint(10, 99)}", R.choice(["aktiv", "gekündigt"])])
S("de", "table", "Pseudonymisierter Export für das BI-Team. Reicht das so für die DSGVO, oder ist der E-Mail-Hash noch personenbezogen?\n\n"
  "bi=> SELECT kundennr, email_sha256, iban_masked, telefon_masked, status FROM v_kunden_pseudo LIMIT 3;\n"
  + psql(["kundennr", "email_sha256", "iban_masked", "telefon_masked", "status"], rows))

S("de", "log", f"""2026-11-25T09:02:11.8812201Z ##[group]Run docker/login-action@v3
2026-11-25T09:02:11.8812904Z with:
2026-11-25T09:02:11.8813277Z   registry: ghcr.io
2026-11-25T09:02:11.8813630Z   username: ostwind-ci
2026-11-25T09:02:11.8813981Z   password: ***
2026-11-25T09:02:11.8814340Z   ecr: auto
2026-11-25T09:02:11.8814701Z   logout: true
2026-11-25T09:02:11.8815012Z ##[endgroup]
2026-11-25T09:02:12.5501119Z Logging into ghcr.io...
2026-11-25T09:02:12.9917330Z Login Succeeded!
2026-11-25T09:03:40.1180021Z #14 pushing layers 4.2s done
2026-11-25T09:03:40.1181544Z #14 pushing manifest for ghcr.io/ostwind/shop-api:{short_sha()}@sha256:{sha()}
2026-11-25T09:03:41.0021876Z Digest: sha256:{sha()}
2026-11-25T09:03:41.0030119Z ##[warning]Node.js 16 actions are deprecated. Please update the following actions to use Node.js 20: {rnd(HEX, 40)}

Die Warnung nervt – welche Action ist gemeint, wenn nur ein Hash angegeben ist?""")


# ============================================================================ KOREAN
sb = slack_bot()
adm = password()
S("ko", "chat", f"""슬랙 알림 봇이 계속 `invalid_auth` 에러를 냅니다. 시크릿에 값이 제대로 들어갔는지 좀 봐주세요.

$ kubectl get secret slack-notifier -n ops -o yaml
apiVersion: v1
data:
  ADMIN_PASSWORD: {b64(adm)}
  SLACK_BOT_TOKEN: {b64(sb)}
  SLACK_CHANNEL: {b64("#배포-알림")}
kind: Secret
metadata:
  creationTimestamp: "2026-11-20T02:11:45Z"
  name: slack-notifier
  namespace: ops
  resourceVersion: "{rv()}"
  uid: {uid()}
type: Opaque

혹시 base64 인코딩할 때 줄바꿈이 들어간 건 아닐까요?""", ("password", b64(adm)), ("slack_token", b64(sb)))

rows, labs = [], []
for i, (nm, mail) in enumerate([("김민준", "minjun.kim@naver.com"), ("이서연", "seoyeon_lee@gmail.com"), ("박지훈", "jh.park@daum.net")]):
    r = kr_rrn()
    r = r if i != 1 else r.replace("-", "")
    p = ph_kr() if i != 2 else ph_kr("")
    rows.append([str(R.randint(100000, 999999)), nm, r, p, mail, f"2026-0{R.randint(1, 9)}-1{R.randint(0, 9)}"])
    labs += [("kr_rrn", r), ("phone", p), ("email", mail)]
S("ko", "table", "이 쿼리 결과에서 주민번호 기준으로 중복 가입자를 찾는 SQL 좀 짜주세요. 하이픈 있는 것과 없는 것이 섞여 있어요.\n\n"
  "mysql> SELECT member_no, name, rrn, mobile, email, joined_at FROM member WHERE joined_at >= '2026-01-01' LIMIT 3;\n"
  + mysql(["member_no", "name", "rrn", "mobile", "email", "joined_at"], rows, "0.03"), *labs)

c1, c2, up = pub_ip(), pub_ip(), ip10()
jw = jwt({"sub": str(R.randint(100000, 999999)), "role": "customer", "iat": 1764029642, "exp": 1764033242})
S("ko", "log", f"""{c1} - - [25/Nov/2026:09:14:02 +0900] "GET /api/v1/orders?page=1&access_token={jw} HTTP/1.1" 200 1532 "-" "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15" rt=0.041 upstream={up}:8080
{c2} - - [25/Nov/2026:09:14:03 +0900] "GET /api/v1/orders?page=2&access_token={jw} HTTP/1.1" 401 87 "-" "python-requests/2.32.3" rt=0.003 upstream={up}:8080
{c1} - - [25/Nov/2026:09:14:05 +0900] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.31" rt=0.000 upstream={up}:8080

같은 토큰인데 두 번째 IP에서는 401이 납니다. 토큰이 IP에 바인딩된 건가요? 그리고 access_token이 쿼리스트링에 남는 것도 문제인가요?""",
  ("ip_address", c1), ("ip_address", c2), ("ip_address", up), ("jwt", jw))

js, kk = jsessionid(), kakao_rest()
sip = pub_ip()
har = {"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"}, "entries": [
    {"startedDateTime": "2026-11-25T01:22:09.771Z", "time": 302.5,
     "request": {"method": "GET", "url": "https://shop.hanbit-mall.co.kr/api/address/search?query=%EB%B6%84%EB%8B%B9%EA%B5%AC",
                 "httpVersion": "http/1.1", "headers": [{"name": "Cookie", "value": f"JSESSIONID={js}; PCID={R.randint(10**15, 10**16)}"},
                                                      {"name": "X-Requested-With", "value": "XMLHttpRequest"}]},
     "response": {"status": 502, "headers": [{"name": "Server", "value": "nginx"}]},
     "serverIPAddress": sip},
    {"startedDateTime": "2026-11-25T01:22:10.014Z", "time": 45.1,
     "request": {"method": "GET", "url": "https://dapi.kakao.com/v2/local/search/address.json?query=%EB%B6%84%EB%8B%B9%EA%B5%AC",
                 "httpVersion": "http/2.0", "headers": [{"name": "Authorization", "value": f"KakaoAK {kk}"}]},
     "response": {"status": 200, "headers": [{"name": "content-type", "value": "application/json;charset=UTF-8"}]}}]}}
S("ko", "json", "주소 검색이 가끔 502가 납니다. 개발자도구에서 HAR로 저장했어요. 카카오 API는 200인데 우리 서버가 왜 502일까요?\n\n" + j(har),
  ("generic_secret", js), ("saas_token", kk), ("ip_address", sip))

ak, asec = aws_key_id(), aws_secret()
cip, gw = ip172(), None
gw = cip.rsplit(".", 1)[0] + ".1"
dock = [{"Id": sha(), "Name": "/batch-uploader", "State": {"Status": "exited", "ExitCode": 255, "Error": "",
                                                          "FinishedAt": "2026-11-25T00:00:41.228Z"},
         "Config": {"Env": [f"AWS_ACCESS_KEY_ID={ak}", f"AWS_SECRET_ACCESS_KEY={asec}", "AWS_DEFAULT_REGION=ap-northeast-2",
                            "S3_BUCKET=hanbit-settlement-2026", "TZ=Asia/Seoul"], "Image": "hanbit/batch-uploader:0.9.3"},
         "NetworkSettings": {"Networks": {"batch_net": {"Gateway": gw, "IPAddress": cip, "IPPrefixLen": 24}}}}]
S("ko", "json", "정산 배치 컨테이너가 exit 255로 죽습니다. docker inspect 결과 일부 붙입니다. 자격 증명 문제인지 봐주실 수 있나요?\n\n" + j(dock),
  ("aws_access_key", ak), ("aws_secret_key", asec), ("ip_address", cip), ("ip_address", gw))

swh, dwh, hft = slack_webhook(), discord_webhook(), hf()
S("ko", "log", f"""Started by user 배포봇
[Pipeline] Start of Pipeline
[Pipeline] node
Running on build-agent-03 in /var/lib/jenkins/workspace/llm-serving
[Pipeline] stage
[Pipeline] {{ (Notify)
[Pipeline] sh
+ echo SLACK_WEBHOOK_URL={swh}
SLACK_WEBHOOK_URL={swh}
+ curl -s -X POST -H 'Content-Type: application/json' --data '{{"content":"배포 시작: llm-serving #{R.randint(100, 999)}"}}' {dwh}
[Pipeline] sh
+ huggingface-cli login --token {hft}
Token is valid (permission: write).
Your token has been saved to /var/lib/jenkins/.cache/huggingface/token
[Pipeline] }}
[Pipeline] // stage
Finished: SUCCESS

젠킨스 콘솔 로그에 웹훅 주소와 토큰이 그대로 찍힙니다. credentials 바인딩을 써도 sh에서 echo하면 이렇게 되나요?""",
  ("slack_webhook", swh), ("discord_webhook", dwh), ("huggingface_token", hft))

dbp, oai = password_random(20), openai_legacy()
acct = rnd(DIG, 12)
secstr = j1({"db_password": dbp, "openai_api_key": oai, "region": "ap-northeast-2"})
state = {"version": 4, "terraform_version": "1.10.0", "serial": 31, "lineage": uid(), "outputs": {}, "resources": [
    {"mode": "managed", "type": "aws_secretsmanager_secret_version", "name": "app",
     "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
     "instances": [{"schema_version": 0, "attributes": {
         "arn": f"arn:aws:secretsmanager:ap-northeast-2:{acct}:secret:prod/chatbot-{rnd(ALNUM, 6)}",
         "id": f"arn:aws:secretsmanager:ap-northeast-2:{acct}:secret:prod/chatbot-{rnd(ALNUM, 6)}|terraform-{rnd(DIG, 26)}",
         "secret_string": secstr, "version_id": f"terraform-{rnd(DIG, 26)}", "version_stages": ["AWSCURRENT"]},
         "sensitive_attributes": [[{"type": "get_attr", "value": "secret_string"}]]}]}]}
S("ko", "json", "sensitive로 표시했는데 state 파일에는 평문으로 남아 있네요. 원래 이런 건가요? (terraform state pull 결과 일부)\n\n" + j(state),
  ("password", dbp), ("openai_key", oai))

atk, tgt = pub_ip(), ip192()
em = "hyejin.choi@hanbit-soft.co.kr"
S("ko", "log", f"""[탐지 이벤트] 웹쉘 업로드 의심
탐지시각      : 2026-11-25 02:47:13 KST
탐지룰        : WEB-SHELL-UPLOAD-0042 (심각도: 높음)
공격자 IP     : {atk} (국가: 미상)
대상 서버     : {tgt} (hb-web-02)
요청          : POST /board/upload.jsp  filename="img_{R.randint(1000, 9999)}.jsp"
관련 계정     : {em} (최근 로그인 02:45:58)
이벤트 ID     : {uid()}
조치 상태     : 미조치

보안관제 센터에서 이렇게 왔는데, 이 계정이 탈취된 건지 판단하려면 어떤 로그를 더 봐야 할까요?""",
  ("ip_address", atk), ("ip_address", tgt), ("email", em))

ak, asec, stok = aws_key_id("ASIA"), aws_secret(), aws_session_token()
S("ko", "code", f"""$ aws configure export-credentials --profile sso-prod --format env
export AWS_ACCESS_KEY_ID={ak}
export AWS_SECRET_ACCESS_KEY={asec}
export AWS_SESSION_TOKEN={stok}
export AWS_CREDENTIAL_EXPIRATION=2026-11-25T13:02:44+00:00

이걸 도커 컨테이너에 넘기려고 하는데, `docker run --env-file`로 넘기면 export 키워드 때문에 안 되네요. 어떻게 바꾸면 되나요?""",
  ("aws_access_key", ak), ("aws_secret_key", asec), ("aws_secret_key", stok))

gh = github()
gip = ip10()
S("ko", "log", f"""$ curl -v -H "Authorization: Bearer {gh}" https://github.hanbit-soft.co.kr/api/v3/repos/platform/infra/contents/README.md
*   Trying {gip}:443...
* Connected to github.hanbit-soft.co.kr ({gip}) port 443
* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384
* Server certificate:
*  subject: CN=github.hanbit-soft.co.kr
*  issuer: DC=kr; DC=co; DC=hanbit-soft; CN=Hanbit-Internal-CA
> GET /api/v3/repos/platform/infra/contents/README.md HTTP/1.1
> Host: github.hanbit-soft.co.kr
> Authorization: Bearer {gh}
> User-Agent: curl/8.7.1
>
< HTTP/1.1 404 Not Found
< X-GitHub-Enterprise-Version: 3.14.4
< X-GitHub-Request-Id: {rnd(HEXU, 4)}:{rnd(HEXU, 5)}:{rnd(HEXU, 7)}:{rnd(HEXU, 7)}:{rnd(HEXU, 8)}
<
{{"message":"Not Found","documentation_url":"https://docs.github.com/enterprise-server@3.14/rest","status":"404"}}

레포는 분명히 있는데 404가 납니다. 토큰 스코프 문제일까요?""", ("github_token", gh), ("ip_address", gip))

sajson, key = gcp_sa_json("hanbit-data-prod")
saem = "ci-deployer@hanbit-data-prod.iam.gserviceaccount.com"
enc = b64(sajson)
S("ko", "config", f"""BigQuery 잡이 `invalid_grant`로 실패합니다. 마운트한 키가 깨진 건지 확인 부탁드려요.

$ kubectl get secret bq-sa -n data -o yaml
apiVersion: v1
data:
  key.json: {enc}
kind: Secret
metadata:
  name: bq-sa
  namespace: data
  resourceVersion: "{rv()}"
  uid: {uid()}
type: Opaque""", ("gcp_credentials", enc), ("private_key", enc), ("email", enc))

rr = kr_rrn()
cip = ip10()
S("ko", "log", j1({"audit_record": {"name": "Query", "record": f"{R.randint(1000, 9999)}_2026-11-25T00:00:00",
                                    "timestamp": "2026-11-25T05:31:22 UTC", "command_class": "select",
                                    "connection_id": str(R.randint(10000, 99999)), "status": 0,
                                    "sqltext": f"SELECT name, mobile, address FROM member WHERE rrn = '{rr}'",
                                    "user": f"cs_agent07[cs_agent07] @  [{cip}]", "host": "", "os_user": "", "ip": cip,
                                    "db": "member"}}) +
  "\n\n개인정보 접속기록 점검 중인데, 상담원이 주민번호로 직접 조회한 건 이렇게 남습니다. 이 로그 자체도 마스킹해야 하나요?",
  ("kr_rrn", rr), ("ip_address", cip))

rows, labs = [], []
for i, brand in enumerate(["visa", "mc", None]):
    cn = card(brand) if brand else "4111111111111111"
    shown = fmt_card(cn, "-") if i == 0 else (cn if i == 1 else fmt_card(cn))
    p = ph_kr()
    rows.append([f"P{R.randint(10**9, 10**10)}", shown, f"{R.randint(1, 12):02d}/{R.randint(27, 31)}", p, str(R.randint(9900, 129000))])
    labs += [("card", shown), ("phone", p)]
S("ko", "table", "결제 테이블에 카드번호가 평문으로 들어가 있는 걸 발견했습니다. 마지막 행은 테스트 카드 같은데, 마이그레이션 시 토큰화 순서를 어떻게 잡으면 좋을까요?\n\n"
  "pay=> SELECT pay_id, card_no, exp, buyer_phone, amount FROM payment_legacy ORDER BY pay_id DESC LIMIT 3;\n"
  + psql(["pay_id", "card_no", "exp", "buyer_phone", "amount"], rows), *labs)

p1, p2, gq = password_random(16), password_random(16), groq()
S("ko", "log", f"""$ strings heapdump-20261125.hprof | grep -iE 'password|jdbc|api[-_.]?key' | sort -u | head
groq.api-key={gq}
jdbc:mysql://db-master.shop.internal:3306/shop?user=shop_app&password={p1}&useSSL=true
spring.data.redis.password={p2}
spring.datasource.hikari.pool-name=HikariPool-1
spring.datasource.password=${{DB_PASSWORD}}

힙덤프를 외부 업체에 분석 맡기려고 하는데, 이런 게 들어 있으면 그냥 보내면 안 되겠죠? 덤프에서 이런 문자열을 지우는 방법이 있을까요?""",
  ("ai_api_key", gq), ("password", p1), ("password", p2))

ht, dp = vault(), databricks()
S("ko", "log", f"""$ vault write auth/approle/login role_id="$ROLE_ID" secret_id="$SECRET_ID"
{kv([("token", ht), ("token_accessor", rnd_mixed(ALNUM, 24)), ("token_duration", "20m"), ("token_renewable", "true"),
     ("token_policies", '["default" "ml-batch"]'), ("identity_policies", "[]"), ("policies", '["default" "ml-batch"]'),
     ("token_meta_role_name", "ml-batch")])}
$ vault kv get -field=DATABRICKS_TOKEN secret/ml/prod
{dp}

20분 뒤에 배치가 403으로 죽습니다. token_duration을 늘리는 것 말고 갱신하는 방법이 있나요?""",
  ("cloud_token", ht), ("cloud_token", dp))

tg = telegram()
p = ph_kr()
S("ko", "log", f"""2026-11-25 10:21:07,512 - httpx - INFO - HTTP Request: POST https://api.telegram.org/bot{tg}/sendMessage "HTTP/1.1 400 Bad Request"
2026-11-25 10:21:07,514 - order_bot - ERROR - 주문 알림 전송 실패 order_id=20261125-{R.randint(1000, 9999)} chat_id={R.randint(10**9, 10**10)} phone={p}
telegram.error.BadRequest: Chat not found

텔레그램 봇이 특정 고객에게만 400을 냅니다. 고객이 봇을 차단하면 이런 에러가 나나요? 그리고 httpx 로그에 토큰이 찍히는 건 어떻게 끄나요?""",
  ("telegram_token", tg), ("phone", p))

# --- ko hard negatives
S("ko", "log", f"""$ kubectl get pods -n ml -o wide
NAME                              READY   STATUS    RESTARTS   AGE   IP       NODE     NOMINATED NODE   READINESS GATES
vllm-serving-7d9c6b8f5-2kq8x      0/1     Pending   0          14m   <none>   <none>   <none>           <none>
vllm-serving-7d9c6b8f5-9wz4m      0/1     Pending   0          14m   <none>   <none>   <none>           <none>
$ kubectl describe pod vllm-serving-7d9c6b8f5-2kq8x -n ml | tail -6
Events:
  Type     Reason            Age                 From               Message
  ----     ------            ----                ----               -------
  Warning  FailedScheduling  3m2s (x4 over 14m)  default-scheduler  0/6 nodes are available: 2 Insufficient nvidia.com/gpu, 4 node(s) had untolerated taint {{node-role.kubernetes.io/system: }}. preemption: 0/6 nodes are available: 6 No preemption victims found for incoming pod.
$ kubectl get pod vllm-serving-7d9c6b8f5-2kq8x -n ml -o jsonpath='{{.metadata.uid}} {{.metadata.resourceVersion}}'
{uid()} {rv()}

GPU 노드가 2대나 있는데 왜 스케줄이 안 될까요?""")

acct = rnd(DIG, 12)
S("ko", "json", f"""$ aws sts get-caller-identity
{{
    "UserId": "{aws_uid('AROA')}:kim.minsu",
    "Account": "{acct}",
    "Arn": "arn:aws:sts::{acct}:assumed-role/AWSReservedSSO_PowerUser_{rnd(HEX, 16)}/kim.minsu"
}}
$ aws iam get-role --role-name eks-node-role --query 'Role.{{RoleId:RoleId,Arn:Arn,Created:CreateDate}}'
{{
    "RoleId": "{aws_uid('AROA')}",
    "Arn": "arn:aws:iam::{acct}:role/eks-node-role",
    "Created": "2024-05-13T02:41:19+00:00"
}}

AROA로 시작하는 값이 액세스 키인가요? 보안팀이 키 노출이라고 해서요.""")

S("ko", "log", f"""  # module.rds.aws_db_instance.this[0] will be updated in-place
  ~ resource "aws_db_instance" "this" {{
        id                    = "db-{rnd(UPDIG, 26)}"
      ~ master_user_password  = (sensitive value)
      ~ parameter_group_name  = "hanbit-pg16" -> "hanbit-pg16-tuned"
        tags                  = {{
            "Owner" = "platform"
        }}
        # (61 unchanged attributes hidden)
    }}

  # module.app.kubernetes_secret.db will be updated in-place
  ~ resource "kubernetes_secret" "db" {{
      ~ data  = (sensitive value)
        id    = "shop/app-db"
        # (3 unchanged attributes hidden)
    }}

Plan: 0 to add, 2 to change, 0 to destroy.

파라미터 그룹만 바꿨는데 비밀번호까지 바뀐다고 나옵니다. lifecycle ignore_changes를 써야 할까요?""")

rows = []
for i in range(3):
    r = kr_rrn()
    rows.append([str(R.randint(100000, 999999)), R.choice(["김*준", "이*연", "박*훈"]), r[:8] + "******",
                 f"010-****-{R.randint(1000, 9999)}", R.choice(["mj***@naver.com", "sy***@gmail.com", "jh***@daum.net"])])
S("ko", "table", "개인정보 마스킹 뷰를 만들었는데 이 정도면 충분한지 검토 부탁드립니다.\n\n"
  "mysql> SELECT member_no, name_masked, rrn_masked, mobile_masked, email_masked FROM v_member_masked LIMIT 3;\n"
  + mysql(["member_no", "name_masked", "rrn_masked", "mobile_masked", "email_masked"], rows, "0.00"))

S("ko", "log", f"""2026-11-25T04:10:02.1187781Z ##[group]Run docker/build-push-action@v6
2026-11-25T04:10:02.1188342Z with:
2026-11-25T04:10:02.1188711Z   push: true
2026-11-25T04:10:02.1189050Z   tags: {rnd(DIG, 12)}.dkr.ecr.ap-northeast-2.amazonaws.com/chatbot:{short_sha()}
2026-11-25T04:10:02.1189420Z   build-args: OPENAI_API_KEY=***
2026-11-25T04:10:02.1189788Z   github-token: ***
2026-11-25T04:10:02.1190137Z ##[endgroup]
2026-11-25T04:11:48.9910042Z #12 exporting manifest sha256:{sha()} done
2026-11-25T04:11:48.9911873Z #12 exporting config sha256:{sha()} done
2026-11-25T04:11:49.4402218Z ##[warning]Secrets should not be used in ARG or ENV commands (SecretsUsedInArgOrEnv) - Dockerfile:14

이 경고는 무슨 뜻인가요? 로그에는 *** 로 가려져 있으니 괜찮은 것 아닌가요?""")

S("ko", "json", f"""$ docker inspect --format '{{{{json .RepoDigests}}}} {{{{.Id}}}}' nginx:1.27-alpine
["nginx@sha256:{sha()}"] sha256:{sha()}
$ docker history --no-trunc nginx:1.27-alpine | head -3
IMAGE                                                                     CREATED       CREATED BY                                      SIZE
sha256:{sha()}   3 weeks ago   CMD ["nginx" "-g" "daemon off;"]                0B
<missing>                                                                 3 weeks ago   STOPSIGNAL SIGQUIT                              0B

운영 서버와 스테이징의 Id가 다른데 RepoDigests는 같습니다. 같은 이미지인가요?""")

S("ko", "log", "\n".join(j1({"ClientIP": doc_ip(), "ClientRequestHost": "shop.hanbit-mall.co.kr",
                              "ClientRequestPath": R.choice(["/wp-login.php", "/.env", "/admin/config.php"]),
                              "RayID": rnd(HEX, 16), "Action": "block", "RuleID": rnd(HEX, 32),
                              "Source": "firewallManaged", "EdgeColoCode": "ICN", "Datetime": ts()}) for _ in range(3)) +
  "\n\n(교육 자료용으로 IP는 문서용 대역으로 바꿨습니다.) 이 세 건이 같은 스캐너인지 RayID로 알 수 있나요?")

c = cert_pem("shop.hanbit-mall.co.kr")
S("ko", "log", f"""$ kubectl get secret shop-tls -n shop -o jsonpath='{{.data.tls\\.crt}}' | base64 -d
{c}
$ kubectl get secret shop-tls -n shop -o jsonpath='{{.data.tls\\.crt}}' | base64 -d | openssl x509 -noout -subject -issuer -dates -serial -fingerprint -sha256
{cert_info(c)}

cert-manager가 갱신했다고 하는데 만료일이 그대로입니다. 이 인증서가 새 인증서 맞나요?""")

har = {"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"}, "entries": [
    {"startedDateTime": "2026-11-25T03:02:41.511Z", "time": 5012.4,
     "request": {"method": "POST", "url": "https://shop.hanbit-mall.co.kr/api/cart/checkout", "httpVersion": "http/2.0",
                 "headers": [{"name": "cookie", "value": "JSESSIONID=(삭제함); PCID=(삭제함)"},
                             {"name": "x-csrf-token", "value": "(삭제함)"},
                             {"name": "x-trace-id", "value": rnd(HEX, 32)}],
                 "postData": {"mimeType": "application/json", "text": j1({"cartId": uid(), "couponCode": None, "items": R.randint(1, 5)})}},
     "response": {"status": 504, "headers": [{"name": "x-request-id", "value": uid()}, {"name": "etag", "value": f"\"{rnd(HEX, 40)}\""}]},
     "timings": {"send": 0.2, "wait": 5010.9, "receive": 1.3}}]}}
S("ko", "json", "쿠키랑 토큰은 지우고 올립니다. 결제 버튼 누르면 정확히 5초 후 504가 나요. 어디 타임아웃일까요?\n\n" + j(har))


# ============================================================================ JAPANESE
rows, labs = [], []
for i, (nm, mail) in enumerate([("佐藤 健太", "kenta.sato@yahoo.co.jp"), ("鈴木 美咲", "misaki.suzuki@gmail.com"),
                                 ("高橋 翔", "sho-takahashi@sakura-logi.co.jp")]):
    mn = jp_mynumber()
    mn = mn if i != 1 else f"{mn[:4]} {mn[4:8]} {mn[8:]}"
    p = ph_jp() if i != 2 else f"03-{R.randint(3000, 6999)}-{R.randint(1000, 9999)}"
    rows.append([f"C{R.randint(10**6, 10**7)}", nm, mn, p, mail])
    labs += [("jp_mynumber", mn), ("phone", p), ("email", mail)]
S("ja", "table", "マイナンバーの列に空白入りとそうでないものが混在しています。正規化するUPDATE文を書いてもらえますか？\n\n"
  "crm=> SELECT customer_id, name, my_number, tel, email FROM customers WHERE branch = '横浜' LIMIT 3;\n"
  + psql(["customer_id", "name", "my_number", "tel", "email"], rows), *labs)

lt, ls = line_token(), rnd(HEX, 32)
dbp = password()
S("ja", "chat", f"""LINE Botが急に401を返すようになりました。Secretの中身は以下です。どこがおかしいでしょうか？

$ kubectl get secret line-bot -n bot -o yaml
apiVersion: v1
data:
  DB_PASSWORD: {b64(dbp)}
  LINE_CHANNEL_ACCESS_TOKEN: {b64(lt)}
  LINE_CHANNEL_SECRET: {b64(ls)}
kind: Secret
metadata:
  creationTimestamp: "2026-07-01T04:12:09Z"
  name: line-bot
  namespace: bot
  resourceVersion: "{rv()}"
  uid: {uid()}
type: Opaque""", ("password", b64(dbp)), ("saas_token", b64(lt)), ("saas_token", b64(ls)))

sq = square()
sip = pub_ip()
S("ja", "log", f"""$ curl -v https://connect.squareup.com/v2/locations -H "Square-Version: 2026-10-16" -H "Authorization: Bearer {sq}"
*   Trying {sip}:443...
* Connected to connect.squareup.com ({sip}) port 443
* SSL connection using TLSv1.3 / TLS_AES_128_GCM_SHA256
> GET /v2/locations HTTP/2
> Host: connect.squareup.com
> Square-Version: 2026-10-16
> Authorization: Bearer {sq}
>
< HTTP/2 401
< content-type: application/json
< square-version: 2026-10-16
<
{{"errors":[{{"category":"AUTHENTICATION_ERROR","code":"UNAUTHORIZED","detail":"This request could not be authorized."}}]}}

サンドボックスでは動いたのに本番トークンに替えたら401です。エンドポイントが違うのでしょうか？""",
  ("payment_token", sq), ("ip_address", sip))

oai = openai_proj()
ck = oauth2_proxy_cookie()
pip_ = ip10()
har = {"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"}, "entries": [
    {"startedDateTime": "2026-11-25T02:41:19.330Z", "time": 30021.0,
     "request": {"method": "POST", "url": "https://llm-gw.sakura-logi.internal/v1/chat/completions", "httpVersion": "http/1.1",
                 "headers": [{"name": "Authorization", "value": "Bearer " + oai},
                             {"name": "Cookie", "value": "_oauth2_proxy=" + ck},
                             {"name": "Content-Type", "value": "application/json"}],
                 "postData": {"mimeType": "application/json", "text": j1({"model": "gpt-4o-mini", "stream": True,
                                                                          "messages": [{"role": "user", "content": "配送遅延のお詫び文を作成して"}]})}},
     "response": {"status": 504, "headers": [{"name": "server", "value": "envoy"}]},
     "serverIPAddress": pip_}]}}
S("ja", "json", "社内LLMゲートウェイ経由だとストリーミングが30秒でタイムアウトします。HARを貼ります。\n\n" + j(har),
  ("openai_key", oai), ("generic_secret", ck), ("ip_address", pip_))

glp, rp = gitlab(), replicate()
cip = ip172()
gw = cip.rsplit(".", 1)[0] + ".1"
dock = [{"Id": sha(), "Name": "/img-pipeline-worker-1", "State": {"Status": "running", "Pid": R.randint(1000, 60000)},
         "Config": {"Env": [f"GITLAB_TOKEN={glp}", f"REPLICATE_API_TOKEN={rp}", "GITLAB_URL=https://gitlab.sakura-logi.co.jp",
                            "CELERY_CONCURRENCY=4", "TZ=Asia/Tokyo"], "Image": "registry.sakura-logi.co.jp/ml/img-pipeline:2.1.0"},
         "NetworkSettings": {"Networks": {"pipeline": {"Gateway": gw, "IPAddress": cip, "IPPrefixLen": 24}}}}]
S("ja", "json", "ワーカーからGitLabに繋がりません。docker inspectの結果です（抜粋）。\n\n" + j(dock),
  ("gitlab_token", glp), ("ai_api_key", rp), ("ip_address", cip), ("ip_address", gw))

sajson, key = gcp_sa_json("sakura-logi-analytics")
enc = b64(sajson)
saem = "ci-deployer@sakura-logi-analytics.iam.gserviceaccount.com"
state = {"version": 4, "terraform_version": "1.9.8", "serial": 14, "lineage": uid(), "outputs": {}, "resources": [
    {"mode": "managed", "type": "google_service_account_key", "name": "ci", "provider": "provider[\"registry.terraform.io/hashicorp/google\"]",
     "instances": [{"schema_version": 0, "attributes": {
         "id": f"projects/sakura-logi-analytics/serviceAccounts/{saem}/keys/{rnd(HEX, 40)}",
         "key_algorithm": "KEY_ALG_RSA_2048", "private_key": enc, "private_key_type": "TYPE_GOOGLE_CREDENTIALS_FILE",
         "public_key": b64(cert_pem("ci-deployer")), "public_key_type": "TYPE_X509_PEM_FILE",
         "service_account_id": f"projects/sakura-logi-analytics/serviceAccounts/{saem}",
         "valid_after": "2026-11-01T00:00:00Z", "valid_before": "9999-12-31T23:59:59Z"},
         "sensitive_attributes": [[{"type": "get_attr", "value": "private_key"}]]}]}]}
S("ja", "json", "stateファイルにサービスアカウントキーが入っているようです。private_keyはbase64に見えますが、これは危険ですか？\n\n" + j(state),
  ("gcp_credentials", enc), ("private_key", enc), ("email", enc), ("email", saem))

upn = "y.nakamura@sakura-logi.co.jp"
ip1 = pub_ip()
S("ja", "log", j({"AlertName": "Impossible travel activity", "Severity": "Medium", "ProviderName": "MCAS",
                  "TimeGenerated": "2026-11-25T01:12:44.551Z", "SystemAlertId": uid(),
                  "Entities": [{"$id": "2", "Type": "account", "Name": "y.nakamura", "UPNSuffix": "sakura-logi.co.jp", "AadUserId": uid(),
                                "UserPrincipalName": upn},
                               {"$id": "3", "Type": "ip", "Address": ip1, "Location": {"CountryCode": "SG", "City": "Singapore"}},
                               {"$id": "4", "Type": "ip", "Address": "2001:db8:4f2a::17", "Location": {"CountryCode": "JP", "City": "Tokyo"}}],
                  "Description": "The user signed in from two countries within 38 minutes."}) +
  "\n\nSentinelのアラートです。2つ目のIPはドキュメント用アドレスに置き換えています。VPN利用者の誤検知を減らすにはどうすればいいですか？",
  ("email", upn), ("ip_address", ip1))

s1, d1, d2 = ip192(), pub_ip(), pub_ip()
S("ja", "log", f"""date=2026-11-25 time=09:41:02 devname="FGT60F-HQ" devid="FGT60F{rnd(UPDIG, 10)}" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip={s1} srcport={R.randint(40000, 65000)} srcintf="internal" dstip={d1} dstport=443 dstintf="wan1" sessionid={R.randint(10**6, 10**8)} proto=6 action="deny" policyid=12 policyname="block-unapproved-saas" service="HTTPS" appcat="unscanned" sentbyte=0 rcvdbyte=0
date=2026-11-25 time=09:41:09 devname="FGT60F-HQ" devid="FGT60F{rnd(UPDIG, 10)}" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip={s1} srcport={R.randint(40000, 65000)} srcintf="internal" dstip={d2} dstport=443 dstintf="wan1" sessionid={R.randint(10**6, 10**8)} proto=6 action="accept" policyid=3 policyname="default-out" service="HTTPS" sentbyte=1840 rcvdbyte=9921

同じ端末からの通信なのに片方だけdenyになります。ポリシー12の条件を見直すべきでしょうか？""",
  ("ip_address", s1), ("ip_address", d1), ("ip_address", d2))

py, nt = pypi(), npm()
S("ja", "log", f"""[Pipeline] stage
[Pipeline] {{ (Publish)
[Pipeline] withCredentials
Masking supported pattern matches of $TWINE_PASSWORD
[Pipeline] {{
[Pipeline] sh
+ twine upload --non-interactive -u __token__ -p {py} dist/*
Uploading distributions to https://upload.pypi.org/legacy/
ERROR    HTTPError: 403 Forbidden from https://upload.pypi.org/legacy/
[Pipeline] sh
+ npm config set //registry.npmjs.org/:_authToken {nt}
+ npm publish
npm notice 📦  @sakura-logi/tracking-sdk@1.3.0
[Pipeline] }}
[Pipeline] // withCredentials

withCredentialsでマスクされるはずなのに、twineのコマンド行ではトークンが丸見えです。なぜですか？""",
  ("package_registry_token", py), ("npm_token", nt))

ak, asec = aws_key_id(), aws_secret()
S("ja", "log", f"""$ vault read aws/creds/deploy
{kv([("lease_id", "aws/creds/deploy/" + rnd_mixed(ALNUM, 24)), ("lease_duration", "768h"), ("lease_renewable", "true"),
     ("access_key", ak), ("secret_key", asec), ("security_token", "<nil>")])}
$ AWS_ACCESS_KEY_ID={ak} AWS_SECRET_ACCESS_KEY=**** aws s3 ls s3://sakura-logi-deploy/
An error occurred (InvalidAccessKeyId) when calling the ListObjectsV2 operation: The AWS Access Key Id you provided does not exist in our records.

発行直後のキーだと InvalidAccessKeyId になります。少し待てば使えるようになるのでしょうか？""",
  ("aws_access_key", ak), ("aws_secret_key", asec))

dsn = f"postgres://tracking:{pw_url()}@pg-main.sakura-logi.internal:5432/tracking?sslmode=verify-full"
xk = xai()
S("ja", "code", f"""panic: runtime error: invalid memory address or nil pointer dereference
[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x{rnd(HEX, 7)}]

goroutine 1 [running]:
main.(*Server).initLLM(0xc000{rnd(HEX, 6)})
	/src/cmd/tracker/main.go:142 +0x1d4
main.main()
	/src/cmd/tracker/main.go:58 +0x3b9
exit status 2

2026/11/25 10:02:44 loaded config: &config.Config{{DSN:"{dsn}", LLMProvider:"xai", XAIKey:"{xk}", Timeout:30000000000, Debug:true}}

起動直後にpanicします。設定は読み込めているように見えますが、原因はどこでしょう？""",
  ("url_credentials", dsn), ("ai_api_key", xk))

rows, labs = [], []
for nm, kind, mail in [("Tan Wei Ming", "SG", "weiming.tan@sakura-logi.com.sg"), ("Priya Sharma", "IN", "priya.sharma@sakura-logi.in"),
                       ("Arjun Reddy", "IN", "arjun.reddy@sakura-logi.in")]:
    if kind == "SG":
        v, p, t = sg_nric(), f"+65 {R.choice('89')}{rnd(DIG, 3)} {rnd(DIG, 4)}", "sg_nric"
    else:
        a = aadhaar()
        v, p, t = f"{a[:4]} {a[4:8]} {a[8:]}", f"+91 {R.choice('6789')}{rnd(DIG, 4)} {rnd(DIG, 5)}", "in_aadhaar"
    rows.append([str(R.randint(2000, 2999)), nm, kind, v, p, mail])
    labs += [(t, v), ("phone", p), ("email", mail)]
S("ja", "table", "海外拠点の社員データを統合します。国ごとのID形式チェックをアプリ側で入れたいのですが、どのような正規表現になりますか？\n\n"
  "mysql> SELECT emp_id, name, country, national_id, phone, email FROM overseas_staff WHERE active = 1;\n"
  + mysql(["emp_id", "name", "country", "national_id", "phone", "email"], rows, "0.00"), *labs)

ak = aws_key_id("ASIA")
sip = pub_ip()
acct = rnd(DIG, 12)
S("ja", "json", j({"eventVersion": "1.10", "userIdentity": {"type": "AssumedRole", "principalId": f"{aws_uid('AROA')}:deploy-session",
                                                           "arn": f"arn:aws:sts::{acct}:assumed-role/github-deploy/deploy-session",
                                                           "accountId": acct, "accessKeyId": ak,
                                                           "sessionContext": {"attributes": {"creationDate": "2026-11-25T00:58:01Z", "mfaAuthenticated": "false"}}},
                   "eventTime": "2026-11-25T01:03:17Z", "eventSource": "s3.amazonaws.com", "eventName": "DeleteBucketPolicy",
                   "awsRegion": "ap-northeast-1", "sourceIPAddress": sip, "userAgent": "[aws-cli/2.22.4 Python/3.12.6 Linux/6.8.0]",
                   "requestParameters": {"bucketName": "sakura-logi-public-assets", "Host": "sakura-logi-public-assets.s3.ap-northeast-1.amazonaws.com", "policy": ""},
                   "responseElements": None, "requestID": rnd(UPDIG, 16), "eventID": uid(), "readOnly": False,
                   "eventType": "AwsApiCall", "recipientAccountId": acct}) +
  "\n\nCloudTrailのイベントです。バケットポリシーを消したのはGitHub Actionsのどのジョブか特定できますか？",
  ("aws_access_key", ak), ("ip_address", sip))

rk, mg = stripe("rk_live_"), mailgun()
eh = ip10()
S("ja", "config", f"""$ docker compose config
name: shop
services:
  api:
    environment:
      MAILGUN_API_KEY: {mg}
      MAILGUN_DOMAIN: mg.sakura-logi.co.jp
      STRIPE_RESTRICTED_KEY: {rk}
      NODE_ENV: production
    extra_hosts:
      - legacy-db={eh}
    image: registry.sakura-logi.co.jp/shop/api:4.0.1
    networks:
      default: null
    ports:
      - mode: ingress
        target: 3000
        published: "3000"
        protocol: tcp
networks:
  default:
    name: shop_default

.envの値がcomposeに展開されているか確認したかったのですが、この出力をチケットに貼っても大丈夫ですか？""",
  ("saas_token", mg), ("stripe_key", rk), ("ip_address", eh))

dt = discord_token()
em = "ops-bot-owner@sakura-logi.co.jp"
S("ja", "log", f"""2026-11-25T01:02:03.456Z INFO  bot starting version=0.7.2
2026-11-25T01:02:03.457Z DEBUG config loaded {j1({"token": dt, "owner_email": em, "guild_id": str(R.randint(10**17, 10**18)), "prefix": "!"})}
2026-11-25T01:02:04.118Z ERROR gateway: 4004 Authentication failed.
2026-11-25T01:02:04.119Z INFO  shutting down

kubectl logs の出力です。Discord Botがすぐ落ちます。4004は何を意味しますか？""",
  ("discord_token", dt), ("email", em))

rk_pem = pem_rsa_traditional()
S("ja", "chat", f"""Ingressで証明書エラーになるので、鍵と証明書のペアが合っているか見てください。

$ kubectl get secret web-tls -n web -o jsonpath='{{.data.tls\\.key}}' | base64 -d
{rk_pem}
$ kubectl get secret web-tls -n web -o jsonpath='{{.data.tls\\.crt}}' | base64 -d | openssl x509 -noout -modulus | openssl md5
MD5(stdin)= {rnd(HEX, 32)}

鍵側のmodulusはどうやって出せばいいですか？""", ("private_key", rk_pem))

# --- ja hard negatives
c = cert_pem("www.sakura-logi.co.jp")
S("ja", "config", f"""証明書の更新後もブラウザに古い証明書が出ます。Secretの中身（鍵は伏せています）:

$ kubectl get secret www-tls -n web -o yaml
apiVersion: v1
data:
  tls.crt: {b64(c + chr(10))}
  tls.key: <redacted>
kind: Secret
metadata:
  annotations:
    cert-manager.io/certificate-name: www-tls
    cert-manager.io/issuer-name: letsencrypt-prod
  name: www-tls
  namespace: web
  resourceVersion: "{rv()}"
  uid: {uid()}
type: kubernetes.io/tls""")

S("ja", "log", f"""  # google_sql_user.app will be updated in-place
  ~ resource "google_sql_user" "app" {{
        id       = "app//tracking-pg"
        instance = "tracking-pg"
        name     = "app"
      ~ password = (sensitive value)
        project  = "sakura-logi-analytics"
    }}

  # google_secret_manager_secret_version.dsn will be created
  + resource "google_secret_manager_secret_version" "dsn" {{
      + create_time = (known after apply)
      + id          = (known after apply)
      + name        = (known after apply)
      + secret      = "projects/{rnd(DIG, 12)}/secrets/tracking-dsn"
      + secret_data = (sensitive value)
      + version     = (known after apply)
    }}

Plan: 1 to add, 1 to change, 0 to destroy.

(sensitive value)と表示されるだけで、実際に変わるのか分かりません。差分を確認する方法はありますか？""")

S("ja", "json", f"""$ docker inspect tracker --format '{{{{json .}}}}' | jq '{{Id, Image, Config: {{Env: .Config.Env, Labels: .Config.Labels}}, Mounts: [.Mounts[].Source]}}'
{j({"Id": sha(), "Image": "sha256:" + sha(),
    "Config": {"Env": ["DB_PASSWORD_FILE=/run/secrets/db_password", "XAI_API_KEY_FILE=/run/secrets/xai_key", "TZ=Asia/Tokyo", "GOMAXPROCS=4"],
               "Labels": {"com.docker.compose.config-hash": sha(), "com.docker.compose.project": "tracking",
                          "org.opencontainers.image.revision": rnd(HEX, 40)}},
    "Mounts": ["/var/lib/docker/volumes/tracking_data/_data", "/run/secrets"]})}

_FILE方式にしたのに「DSN is empty」で起動しません。Secretsのマウントは合っていますか？""")

S("ja", "log", f"""2026-11-25T05:20:01.0012291Z ##[group]Run pypa/gh-action-pypi-publish@release/v1
2026-11-25T05:20:01.0013008Z with:
2026-11-25T05:20:01.0013391Z   user: __token__
2026-11-25T05:20:01.0013760Z   password: ***
2026-11-25T05:20:01.0014102Z   repository-url: https://upload.pypi.org/legacy/
2026-11-25T05:20:01.0014488Z ##[endgroup]
2026-11-25T05:20:14.4481007Z Checking dist/sakura_tracking-1.3.0-py3-none-any.whl: PASSED
2026-11-25T05:20:14.4499910Z Uploading sakura_tracking-1.3.0-py3-none-any.whl
2026-11-25T05:20:15.9912003Z sha256: {sha()}
2026-11-25T05:20:16.0010214Z ERROR    HTTPError: 400 Bad Request from https://upload.pypi.org/legacy/
2026-11-25T05:20:16.0011003Z          File already exists ('sakura_tracking-1.3.0-py3-none-any.whl', with blake2_256 hash '{sha()}').

同じバージョンを再アップロードできないのは分かりましたが、skip-existingを使うべきですか？""")

rows = []
for _ in range(3):
    rows.append([f"C{R.randint(10**6, 10**7)}", R.choice(["佐藤 **", "鈴木 **", "高橋 **", "田中 **"]),
                 f"****-****-{R.randint(1000, 9999)}", f"090-****-{R.randint(1000, 9999)}", sha()[:16]])
S("ja", "table", "監査用にマスクしたビューです。下4桁を残すのは個人情報保護の観点で問題ないでしょうか？\n\n"
  "crm=> SELECT customer_id, name_masked, my_number_masked, tel_masked, email_hash FROM v_customers_audit LIMIT 3;\n"
  + psql(["customer_id", "name_masked", "my_number_masked", "tel_masked", "email_hash"], rows))

S("ja", "log", f"""$ vault secrets list -detailed | head -5
Path          Plugin       Accessor              Default TTL    Max TTL    Force No Cache    Replication    Seal Wrap    External Entropy Access    Options           Description                                                UUID                                    Version    Running Version          Running SHA256    Deprecation Status
----          ------       --------              -----------    -------    --------------    -----------    ---------    -----------------------    -------           -----------                                                ----                                    -------    ---------------          --------------    ------------------
aws/          aws          aws_{rnd(HEX, 8)}          system         system     false             replicated     false        false                      map[]             n/a                                                        {uid()}    n/a        v1.17.0+builtin          n/a               supported
cubbyhole/    cubbyhole    cubbyhole_{rnd(HEX, 8)}    n/a            n/a        false             local          false        false                      map[]             per-token private secret storage                           {uid()}    n/a        v1.18.1+builtin.vault    n/a               n/a
secret/       kv           kv_{rnd(HEX, 8)}           system         system     false             replicated     false        false                      map[version:2]    key/value secret storage                                   {uid()}    n/a        v0.20.0+builtin          n/a               supported

Accessorの値は外部に出しても問題ない情報ですか？""")

har = {"log": {"version": "1.2", "creator": {"name": "Firefox", "version": "133.0"}, "entries": [
    {"startedDateTime": "2026-11-25T10:41:02.118+09:00", "time": 88,
     "request": {"method": "GET", "url": f"https://track.sakura-logi.co.jp/api/shipments/{rnd(UPDIG, 12)}/events", "httpVersion": "HTTP/2",
                 "headers": [{"name": "Authorization", "value": "Bearer ********"},
                             {"name": "Cookie", "value": "_oauth2_proxy=********"},
                             {"name": "X-Amzn-Trace-Id", "value": f"Root=1-{rnd(HEX, 8)}-{rnd(HEX, 24)}"}]},
     "response": {"status": 429, "headers": [{"name": "retry-after", "value": "30"},
                                             {"name": "x-ratelimit-remaining", "value": "0"},
                                             {"name": "x-request-id", "value": uid()}]},
     "timings": {"send": 0, "wait": 86, "receive": 2}}]}}
S("ja", "json", "認証情報は伏せ字にしています。追跡画面を開くとすぐ429になります。レート制限はユーザー単位ですか？\n\n" + j(har))

acct = rnd(DIG, 12)
S("ja", "json", j({"eventVersion": "1.10", "userIdentity": {"type": "IAMUser", "principalId": aws_uid("AIDA"),
                                                           "arn": f"arn:aws:iam::{acct}:user/ops-readonly", "accountId": acct,
                                                           "userName": "ops-readonly"},
                   "eventTime": "2026-11-25T00:12:09Z", "eventSource": "signin.amazonaws.com", "eventName": "ConsoleLogin",
                   "awsRegion": "ap-northeast-1", "sourceIPAddress": doc_ip(),
                   "userAgent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15",
                   "requestParameters": None, "responseElements": {"ConsoleLogin": "Failure"},
                   "additionalEventData": {"LoginTo": "https://console.aws.amazon.com/console/home", "MobileVersion": "No", "MFAUsed": "No"},
                   "errorMessage": "Failed authentication", "eventID": uid(), "readOnly": False, "eventType": "AwsConsoleSignIn",
                   "recipientAccountId": acct}) +
  "\n\n研修資料用にIPはドキュメント用アドレスに差し替えています。MFAUsedがNoなのは失敗したからですか、それとも未設定だからですか？")

S("ja", "log", f"""date=2026-11-25 time=11:02:44 devname="FGT60F-HQ" devid="FGT60F{rnd(UPDIG, 10)}" logid="0419016384" type="utm" subtype="ips" eventtype="signature" level="alert" severity="high" srcip={doc_ip()} dstip={doc_ip()} srcport={R.randint(40000, 65000)} dstport=443 attack="Apache.Log4j.Error.Log.Remote.Code.Execution" attackid=51006 action="dropped" sessionid={R.randint(10**6, 10**8)} crscore=50 craction=4096 ref="http://www.fortinet.com/ids/VID51006" msg="applications3: Apache.Log4j.Error.Log.Remote.Code.Execution,"
date=2026-11-25 time=11:02:45 devname="FGT60F-HQ" devid="FGT60F{rnd(UPDIG, 10)}" logid="0100032001" type="event" subtype="system" level="information" logdesc="Admin login successful" user="admin" ui="https(127.0.0.1)" method="https" srcip=127.0.0.1 dstip=127.0.0.1 action="login" status="success" msg="Administrator admin logged in successfully from https(127.0.0.1)"

（IPは文書用に置換済み）Log4jの攻撃はdroppedになっていますが、追加で確認すべきことはありますか？""")

write_corpus(OUT, sys.argv[1])
