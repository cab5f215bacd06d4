"""Fresh set 10a (2026-11-24): written by a helper who read only fakegen.py, never the rules
(en/de); scored once (docs/detection.md). Values are generated (fake): see fakegen.py.
Usage: python3 fresh10a_2026_11_24.py OUT.jsonl
"""
import sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *  # noqa
from fakegen import R, rnd, rnd_mixed, ALNUM, HEX
import base64, json, string
seed(1010)
OUT = []
S = sample_adder(OUT, "f10a")
# S(lang, kind, text, (type, value), (type, value), ...)

LOW = string.ascii_lowercase + string.digits
UPD = string.ascii_uppercase + string.digits


def b64(s):
    return base64.b64encode(s.encode()).decode()


def uuid4():
    h = rnd(HEX, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{R.choice('89ab')}{h[17:20]}-{h[20:]}"


def sha1():
    return rnd(HEX, 40)


def sha256():
    return rnd(HEX, 64)


def bcrypt_hash():
    return "$2b$12$" + rnd("./" + ALNUM, 53)


# Vendor formats fakegen has no generator for: documented shapes, random bodies.
def cloudflare_token():
    return rnd_mixed(ALNUM + "-_", 40)


def datadog_api_key():
    return rnd(HEX, 32)


def datadog_app_key():
    return rnd(HEX, 40)


def pagerduty_key():
    return rnd(HEX, 32)


def atlassian_token():
    return "ATATT3xFfGF0" + rnd_mixed(ALNUM + "-_", 170) + "=" + rnd("0123456789ABCDEF", 8)


def braintree_token():
    return "access_token$production$" + rnd(LOW, 16) + "$" + rnd(HEX, 32)


def artifactory_key():
    return "AKCp" + rnd_mixed(ALNUM, 69)


def rubygems_key():
    return "rubygems_" + rnd(HEX, 48)


def nuget_key():
    return "oy2" + rnd(LOW, 43)


def sentry_user_token():
    return "sntryu_" + rnd(HEX, 64)


def tfc_token():
    return rnd_mixed(ALNUM, 14) + ".atlasv1." + rnd_mixed(ALNUM, 67)


def okta_token():
    return "00" + rnd_mixed(ALNUM + "-_", 40)


def slack_app_token():
    return f"xapp-1-A{rnd(UPD, 10)}-{R.randint(10**12, 10**13)}-{rnd(HEX, 64)}"


def gitlab_runner():
    return "glrt-" + rnd_mixed(ALNUM + "-_", 20)


def mistral_key():
    return rnd_mixed(ALNUM, 32)


def hetzner_token():
    return rnd_mixed(ALNUM, 64)


def brevo_smtp_key():
    return "xsmtpsib-" + rnd(HEX, 64) + "-" + rnd_mixed(ALNUM, 16)


def hubspot_pat():
    return "pat-eu1-" + uuid4()


def django_secret():
    return rnd_mixed(string.ascii_lowercase + string.digits + "!@#%^&*(-_=+)", 50)


def wg_key():
    return base64.b64encode(bytes(R.getrandbits(8) for _ in range(32))).decode()


def imei():
    return luhn_number(15)


def pk_live():
    return stripe("pk_live_")


# ---------------------------------------------------------------- English, developer / operations
pw = password_random(16)
ip1 = "10.12.4.31"
S("en", "log", f"""2026-11-21 08:14:02.117 ERROR 1 --- [           main] com.zaxxer.hikari.pool.HikariPool        : billing-pool - Exception during pool initialization.

org.postgresql.util.PSQLException: FATAL: password authentication failed for user "billing_rw"
	at org.postgresql.core.v3.ConnectionFactoryImpl.doAuthentication(ConnectionFactoryImpl.java:693)
	at org.postgresql.core.v3.ConnectionFactoryImpl.tryConnect(ConnectionFactoryImpl.java:203)
	at org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:258)
	at org.postgresql.Driver.makeConnection(Driver.java:443)
	at com.zaxxer.hikari.pool.PoolBase.newConnection(PoolBase.java:359)
	... 47 common frames omitted

2026-11-21 08:14:02.119 DEBUG 1 --- [           main] c.a.billing.config.DataSourceDebugDump   : effective datasource settings:
	connectionTimeout...............30000
	jdbcUrl.........................jdbc:postgresql://{ip1}:5432/billing?sslmode=require
	maximumPoolSize.................12
	password........................{pw}
	poolName........................"billing-pool"
	username........................"billing_rw"
""", ("ip_address", ip1), ("password", pw))

ak, sk = aws_key_id(), aws_secret()
run_sha = sha1()
S("en", "log", f"""2026-11-23T09:41:17.2210463Z ##[group]Run ./ci/deploy-staging.sh
2026-11-23T09:41:17.2211008Z ./ci/deploy-staging.sh
2026-11-23T09:41:17.2250119Z shell: /usr/bin/bash -e {{0}}
2026-11-23T09:41:17.2250530Z env:
2026-11-23T09:41:17.2250871Z   AWS_REGION: eu-central-1
2026-11-23T09:41:17.2251204Z   AWS_ACCESS_KEY_ID: ***
2026-11-23T09:41:17.2251540Z   AWS_SECRET_ACCESS_KEY: ***
2026-11-23T09:41:17.2251893Z ##[endgroup]
2026-11-23T09:41:17.3008842Z + source .ci/uploader.env
2026-11-23T09:41:17.3013375Z ++ export AWS_ACCESS_KEY_ID={ak}
2026-11-23T09:41:17.3014001Z ++ AWS_ACCESS_KEY_ID={ak}
2026-11-23T09:41:17.3014622Z ++ export AWS_SECRET_ACCESS_KEY={sk}
2026-11-23T09:41:17.3015220Z ++ AWS_SECRET_ACCESS_KEY={sk}
2026-11-23T09:41:17.3016110Z + aws sts get-caller-identity --query Account --output text
2026-11-23T09:41:18.0442179Z 381492270615
2026-11-23T09:41:18.0511932Z + echo 'deploying {run_sha[:12]} to staging'
2026-11-23T09:41:18.0513307Z deploying {run_sha[:12]} to staging
2026-11-23T09:41:19.1187740Z ##[error]Process completed with exit code 255.
""", ("aws_access_key", ak), ("aws_secret_key", sk))

pg_pw, redis_pw, smtp_pw = password_random(18), high_entropy(32), password()
S("en", "config", f"""# docker-compose.yml (staging box) - api container can't reach redis, any idea?
services:
  db:
    image: postgres:16.4-alpine
    environment:
      POSTGRES_USER: app
      POSTGRES_PASSWORD: "{pg_pw}"
      POSTGRES_DB: orders
    volumes:
      - pgdata:/var/lib/postgresql/data
  redis:
    image: redis:7.2
    command: ["redis-server", "--requirepass", "{redis_pw}"]
  api:
    image: ghcr.io/acme-retail/orders-api:2.18.0
    depends_on: [db, redis]
    environment:
      - REDIS_URL=redis://:{redis_pw}@redis:6379/0
      - SMTP_HOST=smtp.mailgun.org
      - SMTP_USER=postmaster@mg.acme-retail.shop
      - SMTP_PASS={smtp_pw}
    ports:
      - "8080:8080"
volumes:
  pgdata: {{}}
""", ("password", pg_pw), ("password", redis_pw), ("url_credentials", f"redis://:{redis_pw}@redis:6379/0"),
  ("email", "postmaster@mg.acme-retail.shop"), ("password", smtp_pw))

db_url = f"postgres://orders_svc:{password_random(16)}@10.40.8.12:5432/orders"
sk_live, sg = stripe("sk_live_"), sendgrid()
S("en", "config", f"""apiVersion: v1
kind: Secret
metadata:
  name: orders-api-secrets
  namespace: prod
  labels:
    app.kubernetes.io/name: orders-api
    app.kubernetes.io/version: "2.18.0"
type: Opaque
data:
  DATABASE_URL: {b64(db_url)}
  STRIPE_SECRET_KEY: {b64(sk_live)}
  SENDGRID_API_KEY: {b64(sg)}
  LOG_LEVEL: {b64("info")}
  FEATURE_FLAGS: {b64("checkout_v2,fast_refunds")}
""", ("url_credentials", b64(db_url)), ("stripe_key", b64(sk_live)), ("saas_token", b64(sg)))

pw = password()
hook = slack_webhook()
S("en", "config", f"""# values-prod.yaml for the ledger chart (helm upgrade --install ledger ./chart -f values-prod.yaml)
image:
  repository: registry.gitlab.com/fintrail/ledger
  tag: "3.4.1"
  digest: sha256:{sha256()}
replicaCount: 3
ingress:
  enabled: true
  className: nginx
  hosts:
    - host: ledger.fintrail.io
      paths: [{{ path: /, pathType: Prefix }}]
externalDatabase:
  host: 10.0.24.7
  port: 5432
  user: ledger
  password: "{pw}"
  existingSecret: ""
alerts:
  slack:
    webhookUrl: {hook}
    channel: "#ledger-alerts"
resources:
  limits: {{ cpu: 500m, memory: 512Mi }}
""", ("ip_address", "10.0.24.7"), ("password", pw), ("slack_webhook", hook))

ak, sk = aws_key_id(), aws_secret()
S("en", "json", f"""    {{
      "mode": "managed",
      "type": "aws_iam_access_key",
      "name": "ci_uploader",
      "provider": "provider[\\"registry.terraform.io/hashicorp/aws\\"]",
      "instances": [
        {{
          "schema_version": 0,
          "attributes": {{
            "create_date": "2025-03-14T10:22:51Z",
            "encrypted_secret": null,
            "encrypted_ses_smtp_password_v4": null,
            "id": "{ak}",
            "key_fingerprint": null,
            "pgp_key": null,
            "secret": "{sk}",
            "status": "Active",
            "user": "ci-uploader"
          }},
          "sensitive_attributes": [],
          "dependencies": [
            "aws_iam_user.ci_uploader"
          ]
        }}
      ]
    }},""", ("aws_access_key", ak), ("aws_secret_key", sk))

ant = anthropic()
S("en", "code", f"""getting 529 overloaded_error every few calls from our batch job, is it my request or their side?

curl https://api.anthropic.com/v1/messages \\
  -H "x-api-key: {ant}" \\
  -H "anthropic-version: 2023-06-01" \\
  -H "content-type: application/json" \\
  -d '{{"model": "claude-sonnet-4-5", "max_tokens": 1024, "messages": [{{"role": "user", "content": "Summarise the attached incident log"}}]}}'

{{"type":"error","error":{{"type":"overloaded_error","message":"Overloaded"}},"request_id":"req_011CV{rnd(ALNUM, 18)}"}}
""", ("anthropic_key", ant))

gh = github("ghp_")
sha = sha1()
S("en", "code", f"""$ http --print=HhBb POST https://api.github.com/repos/northwind-labs/infra/dispatches \\
    Authorization:"Bearer {gh}" \\
    Accept:application/vnd.github+json \\
    event_type=deploy client_payload:='{{"ref":"{sha}","env":"prod"}}'

POST /repos/northwind-labs/infra/dispatches HTTP/1.1
Accept: application/vnd.github+json
Authorization: Bearer {gh}
Content-Type: application/json
Host: api.github.com
User-Agent: HTTPie/3.2.4

{{"event_type": "deploy", "client_payload": {{"ref": "{sha}", "env": "prod"}}}}

HTTP/1.1 404 Not Found
X-GitHub-Request-Id: C0A4:2F1B:9D3E0F:A1B2C3:6741F2AA
""", ("github_token", gh))

ssn1, ssn2, ssn3 = us_ssn(), us_ssn(""), us_ssn()
S("en", "code", f"""-- MySQL dump 10.13  Distrib 8.0.39, for Linux (x86_64)
--
-- Host: 10.8.0.14    Database: crm_prod
-- ------------------------------------------------------
-- Server version	8.0.39

LOCK TABLES `customers` WRITE;
/*!40000 ALTER TABLE `customers` DISABLE KEYS */;
INSERT INTO `customers` VALUES (10233,'Dana','Whitfield','dana.whitfield@outlook.com','+1 (503) 555-0148','{ssn1}','2024-02-11 09:12:44'),(10234,'Marcus','Oyelaran','marcus.o@protonmail.com','503.555.0172','{ssn2}','2024-02-11 10:03:19'),(10235,'Priya','Raman','priya.raman82@gmail.com','(971) 555-0110','{ssn3}','2024-02-12 16:47:02');
/*!40000 ALTER TABLE `customers` ENABLE KEYS */;
UNLOCK TABLES;
""", ("ip_address", "10.8.0.14"), ("email", "dana.whitfield@outlook.com"), ("phone", "+1 (503) 555-0148"), ("us_ssn", ssn1),
  ("email", "marcus.o@protonmail.com"), ("phone", "503.555.0172"), ("us_ssn", ssn2),
  ("email", "priya.raman82@gmail.com"), ("phone", "(971) 555-0110"), ("us_ssn", ssn3))

oa = openai_proj()
S("en", "code", f"""In [3]:
from openai import OpenAI
client = OpenAI(api_key="{oa}")
resp = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{{"role": "user", "content": df.head(50).to_csv()}}],
)

---------------------------------------------------------------------------
RateLimitError                            Traceback (most recent call last)
Cell In[3], line 3
      1 from openai import OpenAI
      2 client = OpenAI(api_key=...)
----> 3 resp = client.chat.completions.create(

RateLimitError: Error code: 429 - {{'error': {{'message': 'Rate limit reached for gpt-4o-mini in organization org-{rnd(ALNUM, 24)} on tokens per min (TPM): Limit 200000, Used 199412, Requested 4810.', 'type': 'tokens', 'param': None, 'code': 'rate_limit_exceeded'}}}}
""", ("openai_key", oa))

xb = slack_bot()
S("en", "code", f"""diff --git a/config/notifier.yml b/config/notifier.yml
index 3f9c2ab..8e41d07 100644
--- a/config/notifier.yml
+++ b/config/notifier.yml
@@ -4,7 +4,7 @@ notifier:
   enabled: true
   channel: "#deploys"
-  bot_token: "{xb}"
+  bot_token: "${{SLACK_BOT_TOKEN}}"
   username: deploy-bot
   icon_emoji: ":rocket:"
   mention_on_failure: "@oncall-platform"
""", ("slack_token", xb))

gl = gitlab()
clone = f"https://oauth2:{gl}@gitlab.com/helios-data/ml-features.git"
S("en", "log", f"""Running with gitlab-runner 17.5.2 (c6eae8d7)
  on k8s-runner-eu-2 t3_xRz91, system ID: r_8Ka2qL0mPd7Z
Preparing the "kubernetes" executor
Using Kubernetes namespace: gitlab-ci
Using Kubernetes executor with image python:3.11-slim ...
Getting source from Git repository
Fetching changes with git depth set to 20...
Checking out 4be1f07c as detached HEAD (ref is main)...
Executing "step_script" stage of the job script
$ git config --global url."https://gitlab-ci-token:${{CI_JOB_TOKEN}}@gitlab.com/".insteadOf "https://gitlab.com/"
$ git clone {clone} /tmp/features
Cloning into '/tmp/features'...
remote: HTTP Basic: Access denied. The provided password or token is incorrect or your account has 2FA enabled
fatal: Authentication failed for 'https://gitlab.com/helios-data/ml-features.git/'
Cleaning up project directory and file based variables
ERROR: Job failed: command terminated with exit code 1
""", ("url_credentials", clone))

dk = dockerhub()
S("en", "log", f"""[Pipeline] stage
[Pipeline] {{ (Publish)
[Pipeline] withCredentials
Masking supported pattern matches of $REG_PASS
[Pipeline] {{
[Pipeline] sh
+ docker login -u acmebuild -p **** registry-1.docker.io
WARNING! Using --password via the CLI is insecure. Use --password-stdin.
Login Succeeded
[Pipeline] }}
[Pipeline] sh
+ . ./ci/hub.properties
+ curl -s -X POST -H 'Content-Type: application/json' -d '{{"username":"acmebuild","password":"{dk}"}}' https://hub.docker.com/v2/users/login
{{"detail":"Incorrect authentication credentials"}}
[Pipeline] }}
[Pipeline] // stage
[Pipeline] End of Pipeline
ERROR: script returned exit code 22
Finished: FAILURE
""", ("package_registry_token", dk))

nt, gh, py = npm(), github("ghp_"), pypi()
S("en", "config", f"""# ~/.npmrc
registry=https://registry.npmjs.org/
//registry.npmjs.org/:_authToken={nt}
@acme:registry=https://npm.pkg.github.com
//npm.pkg.github.com/:_authToken={gh}
always-auth=true

# ~/.pypirc
[distutils]
index-servers =
    pypi

[pypi]
username = __token__
password = {py}
""", ("npm_token", nt), ("github_token", gh), ("package_registry_token", py))

sa, key = gcp_sa_json("atlas-forecast-prod")
S("en", "json", f"""Terraform google provider says "invalid_grant: Invalid JWT Signature" with this key file, did someone rotate it?

{sa}
""", ("gcp_credentials", key + "\\n"), ("private_key", key),
  ("email", "ci-deployer@atlas-forecast-prod.iam.gserviceaccount.com"))

bpw = password_random(14)
u = f"https://svc_backup:{bpw}@10.0.3.15:8443/remote.php/dav/files/backup/nightly.tar.gz"
S("en", "log", f"""Traceback (most recent call last):
  File "/usr/lib/python3/dist-packages/urllib3/connection.py", line 203, in _new_conn
    sock = connection.create_connection(
OSError: [Errno 113] No route to host

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "/opt/backup/push.py", line 41, in <module>
    r = requests.put(TARGET, data=fh, timeout=30)
  File "/usr/lib/python3/dist-packages/requests/adapters.py", line 700, in send
    raise ConnectionError(e, request=request)
requests.exceptions.ConnectionError: HTTPSConnectionPool(host='10.0.3.15', port=8443): Max retries exceeded with url: /remote.php/dav/files/backup/nightly.tar.gz (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7f3b2c1d9e50>: Failed to establish a new connection: [Errno 113] No route to host'))
TARGET was {u}
""", ("ip_address", "10.0.3.15"), ("url_credentials", u))

hv, db = vault(), databricks()
S("en", "config", f"""terraform {{
  required_providers {{
    vault      = {{ source = "hashicorp/vault", version = "~> 4.4" }}
    databricks = {{ source = "databricks/databricks", version = "1.58.0" }}
  }}
}}

provider "vault" {{
  address = "https://vault.internal.northwind-labs.com:8200"
  token   = "{hv}"
}}

provider "databricks" {{
  host  = "https://adb-4402913377421807.7.azuredatabricks.net"
  token = "{db}"
}}
""", ("cloud_token", hv), ("cloud_token", db))

tok = jwt({"sub": "svc-reporting", "scope": "export:read", "iss": "https://auth.fintrail.io/", "exp": 1764150000}, "RS256")
S("en", "log", f"""185.76.9.44 - - [22/Nov/2026:14:02:11 +0000] "GET /api/v2/export?format=csv&access_token={tok} HTTP/1.1" 200 48213 "-" "python-requests/2.32.3"
10.20.1.5 - - [22/Nov/2026:14:02:12 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.30"
91.214.33.180 - - [22/Nov/2026:14:02:15 +0000] "POST /api/v2/login HTTP/1.1" 401 61 "https://app.fintrail.io/" "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15"
10.20.1.5 - - [22/Nov/2026:14:02:22 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.30"
""", ("ip_address", "185.76.9.44"), ("jwt", tok), ("ip_address", "10.20.1.5"), ("ip_address", "91.214.33.180"))

tw_tok, tg = rnd(HEX, 32), telegram()
S("en", "code", f"""// notify.js - sends the OTP by SMS and pings the ops channel on Telegram
const twilio = require('twilio');
const TelegramBot = require('node-telegram-bot-api');

const client = twilio('AC{rnd(HEX, 32)}', '{tw_tok}');
const bot = new TelegramBot('{tg}', {{ polling: false }});

async function sendOtp(code) {{
  await client.messages.create({{ from: '+14155550123', to: '+14155550177', body: `Your login code is ${{code}}` }});
  await bot.sendMessage(-1002213344556, `OTP sent (${{code.length}} digits)`);
}}
""", ("saas_token", tw_tok), ("telegram_token", tg), ("phone", "+14155550123"), ("phone", "+14155550177"))

pw = password_random(20)
S("en", "log", f"""$ kubectl -n payments describe pod payments-worker-6d8f9c7b54-x2kqp
Name:             payments-worker-6d8f9c7b54-x2kqp
Namespace:        payments
Priority:         0
Service Account:  payments-worker
Node:             ip-10-31-14-201.eu-west-1.compute.internal/10.31.14.201
Start Time:       Sat, 22 Nov 2026 07:11:39 +0000
Labels:           app=payments-worker
                  pod-template-hash=6d8f9c7b54
Status:           Running
IP:               10.244.3.17
Containers:
  worker:
    Container ID:   containerd://{sha256()}
    Image:          381492270615.dkr.ecr.eu-west-1.amazonaws.com/payments-worker:1.42.0
    Image ID:       381492270615.dkr.ecr.eu-west-1.amazonaws.com/payments-worker@sha256:{sha256()}
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  14
    Environment:
      QUEUE_URL:      https://sqs.eu-west-1.amazonaws.com/381492270615/payments
      DB_HOST:        payments-db.cluster-c9xk2vq1ab.eu-west-1.rds.amazonaws.com
      DB_USER:        payments
      DB_PASSWORD:    {pw}
      ADYEN_API_KEY:  <set to the key 'adyen' in secret 'payments-secrets'>  Optional: false
""", ("ip_address", "10.31.14.201"), ("ip_address", "10.244.3.17"), ("password", pw))

nt = npm()
S("en", "log", f"""$ docker history --no-trunc --format '{{{{.CreatedBy}}}}' acme/storefront:1.9.0 | head -6
/bin/sh -c #(nop)  CMD ["node" "server.js"]
/bin/sh -c #(nop)  EXPOSE 3000
RUN |1 NPM_TOKEN={nt} /bin/sh -c echo "//registry.npmjs.org/:_authToken=${{NPM_TOKEN}}" > .npmrc && npm ci --omit=dev && rm -f .npmrc # buildkit
/bin/sh -c #(nop)  ARG NPM_TOKEN
/bin/sh -c #(nop) WORKDIR /app
/bin/sh -c #(nop)  ENV NODE_VERSION=20.18.0

security scanner flagged this image, but we delete .npmrc in the same layer so it should be fine?
""", ("npm_token", nt))

ak1, pw, cs = azure_storage_key(), password_random(18), azure_client_secret()
S("en", "json", f"""{{
  "Logging": {{
    "LogLevel": {{ "Default": "Information", "Microsoft.AspNetCore": "Warning" }}
  }},
  "ConnectionStrings": {{
    "Storage": "DefaultEndpointsProtocol=https;AccountName=contosoinvoices;AccountKey={ak1};EndpointSuffix=core.windows.net",
    "Sql": "Server=tcp:contoso-sql.database.windows.net,1433;Initial Catalog=invoices;User ID=invoice_app;Password={pw};Encrypt=True;TrustServerCertificate=False;"
  }},
  "AzureAd": {{
    "Instance": "https://login.microsoftonline.com/",
    "TenantId": "{uuid4()}",
    "ClientId": "{uuid4()}",
    "ClientSecret": "{cs}"
  }},
  "AllowedHosts": "*"
}}""", ("azure_key", ak1), ("password", pw), ("azure_key", cs))

c1, c2, c3 = "4242424242424242", card("mc"), card("amex")
ib = iban("GB")
S("en", "code", f"""func TestDetectBrand(t *testing.T) {{
	cases := []struct {{
		name, pan, want string
	}}{{
		{{"stripe visa", "{c1}", "visa"}},
		{{"mastercard", "{fmt_card(c2)}", "mastercard"}},
		{{"amex dashed", "{fmt_card(c3, '-')}", "amex"}},
		{{"too short", "4242 4242 4242", ""}},
	}}
	for _, tc := range cases {{
		if got := DetectBrand(tc.pan); got != tc.want {{
			t.Errorf("%s: got %q want %q", tc.name, got, tc.want)
		}}
	}}
}}

func TestPayoutAccount(t *testing.T) {{
	acc := PayoutAccount{{Holder: "Test Ltd", IBAN: "{ib}"}}
	require.NoError(t, acc.Validate())
}}
""", ("card", c1), ("card", fmt_card(c2)), ("card", fmt_card(c3, '-')), ("iban", ib))

pk, skl, wh = pk_live(), stripe("sk_live_"), "whsec_" + rnd_mixed(ALNUM, 32)
S("en", "code", f"""<?php
// config/services.php
return [
    'stripe' => [
        'key'     => '{pk}',   // publishable, used in checkout.js
        'secret'  => '{skl}',
        'webhook' => [
            'secret'    => '{wh}',
            'tolerance' => 300,
        ],
    ],
    'postmark' => [
        'token' => env('POSTMARK_TOKEN'),
    ],
];
""", ("stripe_key", skl), ("stripe_key", wh))

S("en", "json", f"""{{
  "event_id": "{rnd(HEX, 32)}",
  "level": "error",
  "platform": "python",
  "timestamp": "2026-11-22T18:40:09.412Z",
  "exception": {{"values": [{{"type": "KeyError", "value": "'shipping_address'", "module": "builtins"}}]}},
  "user": {{"id": "88412", "email": "m.okafor@gmail.com", "ip_address": "84.17.52.139"}},
  "request": {{
    "url": "https://shop.acme-retail.shop/checkout/confirm",
    "method": "POST",
    "headers": {{"User-Agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8)", "X-Forwarded-For": "84.17.52.139, 10.2.0.9"}}
  }},
  "release": "web@5.12.0+9f2c1ab",
  "contexts": {{"trace": {{"trace_id": "{rnd(HEX, 32)}", "span_id": "{rnd(HEX, 16)}"}}}}
}}""", ("email", "m.okafor@gmail.com"), ("ip_address", "84.17.52.139"), ("ip_address", "10.2.0.9"))

skb, ak, sk, prim, salt = rnd(HEX, 128), aws_key_id(), aws_secret(), high_entropy(32), high_entropy(32)
S("en", "code", f"""$ EDITOR=cat bin/rails credentials:show --environment production
secret_key_base: {skb}

aws:
  access_key_id: {ak}
  secret_access_key: {sk}
  region: us-east-2

active_record_encryption:
  primary_key: {prim}
  key_derivation_salt: {salt}

File 'config/credentials/production.yml.enc' was not changed.
""", ("generic_secret", skb), ("aws_access_key", ak), ("aws_secret_key", sk), ("generic_secret", prim),
  ("generic_secret", salt))

ossh = openssh_key()
S("en", "config", f"""ssh -F ./ssh_config bastion keeps saying "Load key ... invalid format", here is the config and the key (it's only for the staging bastion):

Host bastion
  HostName 35.198.77.12
  User deploy
  Port 2222
  IdentityFile ./deploy_ed25519
  IdentitiesOnly yes

Host app-*
  ProxyJump bastion
  User ubuntu

$ cat ./deploy_ed25519
{ossh}
""", ("ip_address", "35.198.77.12"), ("private_key", ossh))

pw, hook, pd = password(), slack_webhook(), pagerduty_key()
S("en", "config", f"""global:
  resolve_timeout: 5m
  smtp_smarthost: 'smtp.office365.com:587'
  smtp_from: 'alerts@northwind-labs.com'
  smtp_auth_username: 'alerts@northwind-labs.com'
  smtp_auth_password: '{pw}'
  slack_api_url: '{hook}'

route:
  receiver: oncall
  group_by: ['alertname', 'cluster']
  routes:
    - matchers: [severity="info"]
      receiver: slack-only

receivers:
  - name: oncall
    pagerduty_configs:
      - routing_key: {pd}
        severity: '{{{{ .CommonLabels.severity }}}}'
  - name: slack-only
    slack_configs:
      - channel: '#alerts-info'
""", ("email", "alerts@northwind-labs.com"), ("password", pw), ("slack_webhook", hook), ("saas_token", pd))

gk, pw = google_key(), password()
S("en", "config", f"""# gradle.properties
org.gradle.jvmargs=-Xmx4g -Dfile.encoding=UTF-8
android.useAndroidX=true
kotlin.code.style=official
VERSION_NAME=4.12.0
VERSION_CODE=41200
MAPS_API_KEY={gk}
RELEASE_STORE_FILE=../keystore/release.jks
RELEASE_STORE_PASSWORD={pw}
RELEASE_KEY_ALIAS=upload
RELEASE_KEY_PASSWORD={pw}
""", ("google_api_key", gk), ("password", pw))

pw, db = password_random(16), databricks()
uri = f"postgresql://etl_loader:{pw}@10.1.2.33:5432/warehouse"
S("en", "log", f"""[2026-11-23, 02:00:14 UTC] {{taskinstance.py:2612}} INFO - Dependencies all met for dep_context=non-requeueable deps ti=<TaskInstance: nightly_sales.load_to_lake scheduled__2026-11-22T02:00:00+00:00 [queued]>
[2026-11-23, 02:00:14 UTC] {{base.py:84}} INFO - Using connection ID 'warehouse' for task execution.
[2026-11-23, 02:00:14 UTC] {{sql.py:418}} DEBUG - conn uri: {uri}
[2026-11-23, 02:00:15 UTC] {{databricks_base.py:511}} DEBUG - Using token auth. host=adb-4402913377421807.7.azuredatabricks.net token={db}
[2026-11-23, 02:00:47 UTC] {{taskinstance.py:3311}} ERROR - Task failed with exception
databricks.sql.exc.RequestError: Error during request to server: [Errno 110] Connection timed out
[2026-11-23, 02:00:47 UTC] {{taskinstance.py:1225}} INFO - Marking task as UP_FOR_RETRY. dag_id=nightly_sales, task_id=load_to_lake, run_id=scheduled__2026-11-22T02:00:00+00:00
""", ("url_credentials", uri), ("ip_address", "10.1.2.33"), ("cloud_token", db))

do = do_token()
S("en", "log", f"""$ doctl auth init --context ops --access-token {do}
Validating token... OK

$ doctl compute droplet list --format ID,Name,PublicIPv4,PrivateIPv4,Region,Status
ID           Name       Public IPv4       Private IPv4    Region    Status
412998213    web-01     164.92.141.28     10.114.0.2      fra1      active
412998220    web-02     164.92.133.91     10.114.0.3      fra1      active
413005547    worker-01  164.92.160.7      10.114.0.5      fra1      off
""", ("cloud_token", do), ("ip_address", "164.92.141.28"), ("ip_address", "10.114.0.2"), ("ip_address", "164.92.133.91"),
  ("ip_address", "10.114.0.3"), ("ip_address", "164.92.160.7"), ("ip_address", "10.114.0.5"))

cf = cloudflare_token()
S("en", "config", f"""# wrangler.toml
name = "edge-auth"
main = "src/index.ts"
compatibility_date = "2026-10-01"
account_id = "{rnd(HEX, 32)}"

[vars]
UPSTREAM = "https://origin.acme-retail.shop"
CF_API_TOKEN = "{cf}"   # needed for cache purge from the worker, TODO move to `wrangler secret put`

[[kv_namespaces]]
binding = "SESSIONS"
id = "{rnd(HEX, 32)}"
preview_id = "{rnd(HEX, 32)}"
""", ("cloud_token", cf))

hs = hubspot_pat()
S("en", "json", f"""        "request": {{
          "method": "POST",
          "url": "https://api.hubapi.com/crm/v3/objects/contacts",
          "httpVersion": "HTTP/2",
          "headers": [
            {{ "name": "authorization", "value": "Bearer {hs}" }},
            {{ "name": "content-type", "value": "application/json" }},
            {{ "name": "x-request-id", "value": "{uuid4()}" }}
          ],
          "postData": {{
            "mimeType": "application/json",
            "text": "{{\\"properties\\":{{\\"email\\":\\"j.lindqvist@nordicfreight.se\\",\\"firstname\\":\\"Johan\\",\\"phone\\":\\"+46 70 412 38 95\\"}}}}"
          }}
        }},
        "response": {{ "status": 409, "statusText": "Conflict" }},""",
  ("saas_token", hs), ("email", "j.lindqvist@nordicfreight.se"), ("phone", "+46 70 412 38 95"))

hft, r8 = hf(), replicate()
S("en", "config", f"""FROM python:3.12-slim

WORKDIR /srv
ENV HF_TOKEN={hft} \\
    REPLICATE_API_TOKEN={r8} \\
    HF_HOME=/srv/.cache/huggingface \\
    PYTHONUNBUFFERED=1

COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["uvicorn", "app:api", "--host", "0.0.0.0", "--port", "8000"]
""", ("huggingface_token", hft), ("ai_api_key", r8))

dt, dw = discord_token(), discord_webhook()
S("en", "code", f"""# bot.py  - crashes with 'Improper token has been passed' since yesterday??
import discord, requests

TOKEN = "{dt}"
MOD_LOG_WEBHOOK = "{dw}"

intents = discord.Intents.default()
intents.message_content = True
client = discord.Client(intents=intents)

@client.event
async def on_member_ban(guild, user):
    requests.post(MOD_LOG_WEBHOOK, json={{"content": f"{{user}} banned from {{guild.name}}"}})

client.run(TOKEN)
""", ("discord_token", dt), ("discord_webhook", dw))

af = artifactory_key()
idx = f"https://ci-bot:{af}@acme.jfrog.io/artifactory/api/pypi/pypi-virtual/simple"
S("en", "log", f"""$ pip install -i {idx} internal-sdk==4.2.0
Looking in indexes: https://ci-bot:****@acme.jfrog.io/artifactory/api/pypi/pypi-virtual/simple
ERROR: Could not find a version that satisfies the requirement internal-sdk==4.2.0 (from versions: 3.9.1, 4.0.0, 4.1.2)
ERROR: No matching distribution found for internal-sdk==4.2.0
""", ("url_credentials", idx))

# ---- English developer / operations: hard negatives (no label)
S("en", "config", """name: deploy
on:
  push:
    branches: [main]
permissions:
  id-token: write
  contents: read
jobs:
  deploy:
    runs-on: ubuntu-24.04
    environment: production
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
      - uses: aws-actions/configure-aws-credentials@e3dd6a429d7300a6a4c196c26e071d42e0343502 # v4.0.2
        with:
          role-to-assume: arn:aws:iam::381492270615:role/gha-deploy
          aws-region: eu-central-1
      - run: ./scripts/deploy.sh
        env:
          STRIPE_SECRET_KEY: ${{ secrets.STRIPE_SECRET_KEY }}
          DATABASE_URL: ${{ secrets.DATABASE_URL }}
          SENTRY_AUTH_TOKEN: ${{ secrets.SENTRY_AUTH_TOKEN }}
          RELEASE: ${{ github.sha }}
""")

S("en", "log", f"""Terraform will perform the following actions:

  # aws_db_instance.orders will be updated in-place
  ~ resource "aws_db_instance" "orders" {{
        id                          = "db-{rnd(UPD, 26)}"
      ~ instance_class              = "db.t4g.large" -> "db.r6g.large"
      ~ password                    = (sensitive value)
        tags                        = {{
            "team" = "orders"
        }}
        # (58 unchanged attributes hidden)
    }}

  # aws_secretsmanager_secret_version.stripe will be created
  + resource "aws_secretsmanager_secret_version" "stripe" {{
      + arn            = (known after apply)
      + id             = (known after apply)
      + secret_id      = "arn:aws:secretsmanager:eu-central-1:381492270615:secret:prod/stripe-{rnd(ALNUM, 6)}"
      + secret_string  = (sensitive value)
      + version_id     = (known after apply)
    }}

Plan: 1 to add, 1 to change, 0 to destroy.
""")

S("en", "config", f"""# .env.example - copy to .env and fill in. Never commit the real .env!
APP_ENV=local
APP_URL=http://localhost:3000
DATABASE_URL=postgres://user:password@localhost:5432/app_dev
OPENAI_API_KEY=sk-...
ANTHROPIC_API_KEY=<your-anthropic-key>
STRIPE_SECRET_KEY=sk_test_xxxxxxxxxxxxxxxxxxxxxxxx
# publishable key is safe to expose in the browser
NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY={pk_live()}
SENTRY_DSN=
JWT_SECRET=changeme
SESSION_TTL_SECONDS=86400
""")

S("en", "log", f"""$ git log --oneline --decorate -8
{rnd(HEX, 7)} (HEAD -> main, tag: v2.18.1, origin/main) fix(checkout): handle empty shipping address (#1482)
{rnd(HEX, 7)} chore(deps): bump axios from 1.7.7 to 1.7.9
{rnd(HEX, 7)} feat(api): add /v2/export endpoint behind flag
{rnd(HEX, 7)} Merge pull request #1479 from acme-retail/renovate/node-20.x
{rnd(HEX, 7)} (tag: v2.18.0) release 2.18.0
{rnd(HEX, 7)} revert "rotate stripe key" (keys now come from Secrets Manager)
{rnd(HEX, 7)} test: stabilise flaky payment webhook test
{rnd(HEX, 7)} ci: pin actions to full SHAs
$ git rev-parse HEAD
{sha1()}
""")

S("en", "log", f"""2026-11-22T18:40:07.981Z INFO  [checkout] order=ORD-2026-118842 customer_id=88412 cart_items=3 total=149.90 EUR trace_id={rnd(HEX, 32)}
2026-11-22T18:40:08.214Z INFO  [payments] created payment_intent=pi_3Q{rnd(ALNUM, 22)} amount=14990 currency=eur idempotency_key={uuid4()}
2026-11-22T18:40:09.037Z INFO  [payments] card=**** **** **** 4242 brand=visa exp=12/28 3ds=frictionless
2026-11-22T18:40:09.102Z WARN  [payments] charge ch_3Q{rnd(ALNUM, 22)} requires_capture, retrying capture attempt=2
2026-11-22T18:40:09.411Z INFO  [invoicing] invoice INV-DE-2026-004417 issued, pdf sha256={sha256()}
2026-11-22T18:40:09.412Z ERROR [checkout] KeyError 'shipping_address' request_id={uuid4()}
""")

S("en", "code", f"""-- users table exported for the auth migration (hashes only, no plaintext)
INSERT INTO auth_users (id, username, password_hash, mfa_enabled, created_at) VALUES
 (1, 'admin', '{bcrypt_hash()}', true, '2023-01-09 11:20:00+00'),
 (2, 'svc_reporting', '{bcrypt_hash()}', false, '2023-04-17 08:02:31+00'),
 (3, 'jdoe', '{bcrypt_hash()}', true, '2024-06-30 14:55:12+00');
-- api keys are stored as sha256(key); prefix kept for display
INSERT INTO api_keys (id, owner_id, key_prefix, key_sha256, last_used_at) VALUES
 (71, 2, 'ak_live_3f9c', '{sha256()}', '2026-11-20 22:14:09+00');
""")

S("en", "config", f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders-api
  namespace: prod
spec:
  replicas: 3
  selector:
    matchLabels: {{ app: orders-api }}
  template:
    metadata:
      labels: {{ app: orders-api }}
      annotations:
        checksum/config: {sha256()}
    spec:
      containers:
        - name: api
          image: ghcr.io/acme-retail/orders-api@sha256:{sha256()}
          env:
            - name: DATABASE_URL
              valueFrom:
                secretKeyRef: {{ name: orders-api-secrets, key: DATABASE_URL }}
            - name: STRIPE_SECRET_KEY
              valueFrom:
                secretKeyRef: {{ name: orders-api-secrets, key: STRIPE_SECRET_KEY }}
            - name: BIND_ADDR
              value: "0.0.0.0:8080"
            - name: TRUSTED_PROXIES
              value: "10.0.0.0/8,172.16.0.0/12"
""")

S("en", "config", """# Example from the AWS CLI user guide - replace with your own values
$ aws configure
AWS Access Key ID [None]: AKIAIOSFODNN7EXAMPLE
AWS Secret Access Key [None]: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
Default region name [None]: us-west-2
Default output format [None]: json

# resulting ~/.aws/credentials
[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
""")

fp = ":".join(rnd("0123456789ABCDEF", 2) for _ in range(32))
S("en", "log", f"""$ ssh-keygen -lf ~/.ssh/id_ed25519.pub
256 SHA256:{rnd(ALNUM + '+/', 43)} deploy@ci (ED25519)
$ cat ~/.ssh/id_ed25519.pub
ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{rnd(ALNUM + '+/', 43)} deploy@ci
$ openssl x509 -in gateway.crt -noout -serial -fingerprint -sha256 -ext extendedKeyUsage,certificatePolicies
serial={rnd("0123456789ABCDEF", 32)}
sha256 Fingerprint={fp}
X509v3 Extended Key Usage:
    TLS Web Server Authentication, 1.3.6.1.4.1.311.10.3.12
X509v3 Certificate Policies:
    Policy: 2.23.140.1.2.2
    Policy: 1.3.6.1.4.1.6449.1.2.2.7
""")

S("en", "table", f"""asset_tag,model,serial,imei,os_version,assigned_team,last_seen
MDM-004812,iPhone 15,{rnd(UPD, 10)},{imei()},iOS 18.1.1,field-sales,2026-11-21T16:02:44Z
MDM-004813,Pixel 8,{rnd(UPD, 12)},{imei()},Android 15 (AP3A.241105.007),warehouse,2026-11-22T07:31:10Z
MDM-004820,Galaxy XCover7,{rnd(UPD, 11)},{imei()},Android 14,warehouse,2026-11-19T12:00:03Z
MDM-004821,iPad Air 11,{rnd(UPD, 10)},,iPadOS 18.1,retail-pos,2026-11-22T09:45:57Z
""")

S("en", "config", """# nginx/conf.d/upstream.conf - sample from our runbook, doc addresses only
upstream app {
    server 127.0.0.1:8080 max_fails=3;
    server 192.0.2.10:8080 backup;
}
server {
    listen 0.0.0.0:443 ssl;
    server_name status.example.com;
    allow 198.51.100.0/24;
    allow 203.0.113.7;
    deny all;
    # netmask for the old vlan was 255.255.255.0, gateway 192.0.2.1
    location / { proxy_pass http://app; }
}
""")

# ---------------------------------------------------------------- English, people writing about it
ak = aws_key_id()
S("en", "prose", f"""Post-incident review: INC-2291 - IAM access key exposed in public repository

Summary
On 2026-11-18 at 21:07 UTC a contractor pushed commit {sha1()[:10]} to the public mirror github.com/northwind-labs/sdk-examples. The commit contained a .env file with the access key {ak} belonging to IAM user `ci-uploader` (account 381492270615). GitHub secret scanning notified AWS, which attached the AWSCompromisedKeyQuarantineV3 policy at 21:09. On-call (Rahel) deactivated the key at 21:31 and rotated it at 21:44.

Impact
CloudTrail shows 14 ListBuckets/GetObject calls from 45.148.10.92 between 21:12 and 21:26, all denied by the quarantine policy. No data left the account.

Follow-ups
- ENG-7716 enable push protection on all mirrors (owner: platform)
- ENG-7717 move ci-uploader to OIDC role, delete long-lived keys
- ENG-7718 add gitleaks pre-commit hook to sdk-examples
""", ("aws_access_key", ak), ("ip_address", "45.148.10.92"))

c = card("visa")
S("en", "chat", f"""[14:02] Customer (Emily Hartwell): hi my order #ACM-559021 still says pending and I was charged twice
[14:03] Agent Sam: Hi Emily, sorry about that! Can you confirm the email on the account?
[14:03] Customer (Emily Hartwell): emily.hartwell@icloud.com
[14:04] Customer (Emily Hartwell): the card is {fmt_card(c)} exp 09/27 if that helps
[14:05] Agent Sam: Please don't share full card numbers here, I only need the last 4 digits. I can see two authorisations ending in {c[-4:]}; one will drop off within 5-7 business days.
[14:06] Customer (Emily Hartwell): ok. you can call me at 07700 900418 if anything else is needed
[14:06] Agent Sam: Thanks, ticket CS-118204 is open for this.
""", ("email", "emily.hartwell@icloud.com"), ("card", fmt_card(c)), ("phone", "07700 900418"))

g1, g2 = github("ghp_"), github_pat()
S("en", "chat", f"""#platform-eng
tomas.k  10:14  the release workflow can't push tags anymore, 403 on git push
ana.m    10:15  yeah the old PAT {g1} was revoked on friday when Lars left
ana.m    10:15  try this fine-grained one for now, scoped to acme-retail/* with contents:write
ana.m    10:16  {g2}
tomas.k  10:21  works, thanks. I'll put it in the org secret RELEASE_TOKEN and ping you to delete it from here
ana.m    10:22  👍 also please pin actions/checkout to 11bd71901bbe5b1630ceea73d27597364c9af683
""", ("github_token", g1), ("github_token", g2))

dd, dda = datadog_api_key(), datadog_app_key()
S("en", "prose", f"""Subject: Agent on web-03 not reporting since upgrade to 7.59.0 (case #1873340)

Hi Datadog support,

since upgrading the agent on web-03 (10.50.2.13) last Tuesday, no metrics arrive in the EU1 site. `datadog-agent status` shows "API Key invalid" although the same key works on web-01/02. Relevant part of /etc/datadog-agent/datadog.yaml:

  api_key: {dd}
  app_key: {dda}
  site: datadoghq.eu
  hostname: web-03.prod.fra
  proxy:
    https: http://10.50.0.4:3128

Could you check whether the key is being rejected on your side?

Thanks,
Kerstin Vogel
Infrastructure Lead, Fintrail GmbH
kerstin.vogel@fintrail.io | +49 40 3861 7724
""", ("saas_token", dd), ("saas_token", dda), ("ip_address", "10.50.2.13"), ("ip_address", "10.50.0.4"),
  ("email", "kerstin.vogel@fintrail.io"), ("phone", "+49 40 3861 7724"))

S("en", "prose", f"""Post-mortem INC-2304: Stripe webhook signature failures (2026-11-20)

What happened: during the scheduled rotation of the Stripe restricted key (old key ending ...Wq7s, new key ending ...k21P) the webhook signing secret was rotated at the same time, but only the `payments` deployment picked up the new secret. For 38 minutes, 1,204 webhook deliveries (evt_ ids in ticket PAY-3310) returned 400 "No signatures found matching the expected signature for payload".
Detection: Stripe dashboard alert + our SLO burn alert at 09:52 UTC.
Resolution: restarted `payments-webhooks` (rev 7f3a9c1) so it reloaded the secret from Secrets Manager version {uuid4()}; Stripe retried all failed events automatically.
Lessons: rotate one credential at a time; add a readiness check that validates the signing secret against a test event.
""")

n1, n2, n3 = uk_nino(), uk_nino(), uk_nino()
S("en", "prose", f"""JIRA HR-OPS-412: payroll export rejected by HMRC RTI gateway

The FPS submission for period 8 failed with "NINO invalid or missing" for three employees. From the export file (payroll_2026_p08.csv):

  EMP-00417  Gareth Llewellyn   NI {n1[:2]} {n1[2:4]} {n1[4:6]} {n1[6:8]} {n1[8]}   gareth.llewellyn@harbourline.co.uk
  EMP-00522  Aisha Bello        NI {n2}        aisha.bello@harbourline.co.uk
  EMP-00601  Tom Fairbairn      NI (blank)     t.fairbairn@harbourline.co.uk

The first one is formatted with spaces by the HR system, the second one looks fine, so maybe the gateway rejects something else. Third needs the employee to provide the NINO; HR emailed him on 19/11. Old record from the previous system had {n3} for him, but that belongs to a different person per HR.
""", ("uk_nino", f"{n1[:2]} {n1[2:4]} {n1[4:6]} {n1[6:8]} {n1[8]}"), ("email", "gareth.llewellyn@harbourline.co.uk"),
  ("uk_nino", n2), ("email", "aisha.bello@harbourline.co.uk"), ("email", "t.fairbairn@harbourline.co.uk"), ("uk_nino", n3))

a1, a2 = aadhaar(), aadhaar()
a1f = f"{a1[:4]} {a1[4:8]} {a1[8:]}"
S("en", "prose", f"""Ticket KYC-5582 (priority: high)

The onboarding service logs full Aadhaar numbers at INFO level when the UIDAI e-KYC call times out. Two examples from yesterday's logs on kyc-svc-2:

  WARN ekyc timeout after 15000ms uid={a1f} mobile=+91 98450 31276 txn=UKC:{rnd(UPD, 12)}
  WARN ekyc timeout after 15000ms uid={a2} mobile=+91 90080 55614 txn=UKC:{rnd(UPD, 12)}

We must mask to the last 4 digits (XXXX XXXX {a2[-4:]}) per the Aadhaar regulations. Please also purge the log index kyc-2026.11.* after the fix ships.
""", ("in_aadhaar", a1f), ("phone", "+91 98450 31276"), ("in_aadhaar", a2), ("phone", "+91 90080 55614"))

s1, s2 = sg_nric(), sg_nric()
S("en", "chat", f"""wei.ling: QA seeded the staging member table from last month's prod snapshot 😬 I see real NRICs in there
wei.ling: e.g. member 20441 has {s1}, member 20467 has {s2}
dev.raj: those are real customers?? I thought the seed script used the fake generator
wei.ling: it does for names but nric column was copied as-is. S1234567D style ones from the generator look different
dev.raj: ok I'll truncate member_profile on staging and re-run seed with --mask-ids, PDPA-wise we should log this with DPO
""", ("sg_nric", s1), ("sg_nric", s2))

r1, m1 = kr_rrn(), jp_mynumber()
S("en", "prose", f"""Data protection incident note - DPI-2026-031 (draft)

Scope: the APAC customer-support export job wrote identity documents into the shared bucket s3://cs-exports-apac/2026-11/ without encryption at the object level. Sampled rows:

  case 77104 | Korea | resident registration no. {r1} | contact: minji.seo@naver.com
  case 77131 | Japan | My Number {m1[:4]} {m1[4:8]} {m1[8:]} | contact: k.tanaka@example-mail.jp

Access logs show reads only from the export role and one analyst (role arn:aws:iam::381492270615:role/cs-analyst). Bucket policy now denies all except the export role; lifecycle rule deletes objects after 7 days. Notification to KR/JP regulators under assessment by Legal.
""", ("kr_rrn", r1), ("email", "minji.seo@naver.com"), ("jp_mynumber", f"{m1[:4]} {m1[4:8]} {m1[8:]}"),
  ("email", "k.tanaka@example-mail.jp"))

sq, bt = square(), braintree_token()
S("en", "prose", f"""Subject: Re: Payouts failing after migration - merchant ML4Q9ZK2TF0BX

Hi Square Developer Support,

as requested, this is exactly what our payment service uses (production):

  SQUARE_ENVIRONMENT=production
  SQUARE_ACCESS_TOKEN={sq}
  SQUARE_LOCATION_ID=L8R2NQ7YHB3ZC
  # legacy fallback, still used for refunds on old orders
  BRAINTREE_ACCESS_TOKEN={bt}

The CreatePayment call returns 401 UNAUTHORIZED for location L8R2NQ7YHB3ZC although the token was generated yesterday. Request id from the response header: {uuid4()}.

Best regards,
Diego Ferraz - Payments Engineering
diego.ferraz@lojamar.com.br
""", ("payment_token", sq), ("payment_token", bt), ("email", "diego.ferraz@lojamar.com.br"))

gq, mi, xk = groq(), mistral_key(), xai()
S("en", "chat", f"""lena: anyone have a working key for the eval harness? mine hits quota
oskar: groq: {gq}
oskar: and the mistral one from the team vault: MISTRAL_API_KEY={mi}
lena: thx. is the xai key in 1password still valid?
oskar: yes -> {xk}
oskar: please don't commit these, the harness reads them from .env.local
""", ("ai_api_key", gq), ("ai_api_key", mi), ("ai_api_key", xk))

bsn, ibn = nl_bsn(), iban("NL")
S("en", "prose", f"""Escalation ESC-1190 - customer in NL cannot update payout account

Customer: Sanne de Vries (account 7740213), sanne.devries@ziggo.nl, tel. +31 6 4127 8830
She uploaded her ID for verification; OCR extracted BSN {bsn} and the verification service rejected it as "document number mismatch". Her new payout IBAN is {iban_spaced(ibn)}, which passed validation.
Request to Trust & Safety: manually verify and whitelist the IBAN change. Please delete the uploaded ID scan after review (GDPR retention 30 days).
""", ("email", "sanne.devries@ziggo.nl"), ("phone", "+31 6 4127 8830"), ("nl_bsn", bsn), ("iban", iban_spaced(ibn)))

psk, adm = high_entropy(32, ALNUM + "!#%+"), password()
S("en", "prose", f"""Handover notes - Bristol office network (from Ian, leaving Friday)

- Firewall: FortiGate 100F at 10.60.0.1, admin UI on https://10.60.0.1:8443, admin / {adm}
- Site-to-site VPN to AWS: peer 52.56.201.77, IKEv2, pre-shared key {psk}
- Jump host: 10.60.10.5 (Ubuntu 22.04), our keys are in the ops vault
- Printers/VLAN 30: 10.60.30.0/24, DHCP on the FortiGate
- ISP: fibre circuit ref BRS-FTTP-118293, support line 0800 046 1911, account holder facilities@harbourline.co.uk
- If the VPN flaps at night call me on 07700 900652 until end of month.
""", ("ip_address", "10.60.0.1"), ("password", adm), ("ip_address", "52.56.201.77"), ("generic_secret", psk),
  ("ip_address", "10.60.10.5"), ("phone", "0800 046 1911"), ("email", "facilities@harbourline.co.uk"), ("phone", "07700 900652"))

S("en", "chat", """mike: the README says `export OPENAI_API_KEY=sk-...` but the SDK still says missing key
priya: you literally exported "sk-..."? 😂 you need to replace it with your actual key
mike: lol no, I did `export OPENAI_API_KEY=${OPENAI_KEY}` in .zshrc and OPENAI_KEY isn't set in that shell
priya: yeah. also the docker-compose uses `<your-api-key>` as a placeholder, that's why the container logs show "Incorrect API key provided: <your-a*****ey>"
mike: fixed, thanks. Leaving `xxxx` in .env.example so nobody copies a real one
""")

S("en", "prose", f"""Hi team, summary of the delivery complaint for the weekly ops review:

Order 301-4471926-8823015 (Amazon marketplace) / our ref SO-2026-77412
Invoice INV-2026-009913, paid by card ending 4242 (Visa, auth code 08841Z)
Carrier: UPS, tracking 1Z999AA1{rnd('0123456789', 10)}, second parcel DHL JJD0000{rnd('0123456789', 14)}
Return label RMA-55120 issued 2026-11-19, refund of EUR 84.50 pending warehouse scan.
Internal customer id CUST-0088412, case id {uuid4()}.
""")

hk = uuid4()
S("en", "prose", f"""Incident review INC-2312 - Heroku API key in build logs

Between builds #4410 and #4418 the release script ran `env | sort` for debugging. The Heroku API key of the deploy user (HEROKU_API_KEY={hk}) was printed into the CircleCI log, which is visible to all 140 org members. Other UUIDs in the same log (build ids such as {uuid4()}, dyno ids such as {uuid4()}) are not sensitive.
Actions: key regenerated 2026-11-21 10:04 UTC via `heroku authorizations:rotate`; logs for builds 4410-4418 deleted; `env | sort` replaced by `printenv | cut -d= -f1`.
""", ("cloud_token", hk))

tok = jwt({"sub": "auth0|6571c2e4b1d9a0f3e2c1d7a8", "email": "r.haddad@nuvolaretail.com", "aud": "https://api.nuvolaretail.com", "exp": 1764001200, "scope": "orders:read orders:write"}, "RS256")
S("en", "chat", f"""rami: getting 401 "jwt expired" from the orders API even right after login, this is the token from devtools:
rami: {tok}
rami: decoded payload:
{{
  "sub": "auth0|6571c2e4b1d9a0f3e2c1d7a8",
  "email": "r.haddad@nuvolaretail.com",
  "aud": "https://api.nuvolaretail.com",
  "exp": 1764001200
}}
nora: exp is 2025-11-24 16:20 UTC, your laptop clock is probably fine - the SPA caches the token in localStorage. clear it and retry
""", ("jwt", tok), ("email", "r.haddad@nuvolaretail.com"))

dni, cf_, nir = es_dni(), it_cf(), fr_nir()
S("en", "prose", f"""Ticket VER-3307: ID verification false negatives for EU customers

Three manual reviews from this week where the automated check failed although the documents are valid:
1. Spain - Lucía Romero Vidal, DNI {dni}, failed because OCR read the letter as a digit.
2. Italy - Matteo Bianchi, codice fiscale {cf_}, failed the birthplace lookup (municipality code changed after 2023 merger).
3. France - Camille Laurent, NIR {nir}, failed because our regex does not accept spaces.
Please add these as regression cases (masked) and fix the normalisation before the Q4 release.
""", ("es_dni", dni), ("it_codice_fiscale", cf_), ("fr_nir", nir))

S("en", "prose", f"""Release notes - gateway 4.8.0 (2026-11-24)

- Upgraded OpenSSL to 3.0.15 (fixes CVE-2024-9143) and Go toolchain to 1.23.3.
- New config key `redaction.mode` (default `mask`); `redaction.mode=drop` removes matched values entirely.
- Build: sha256 {sha256()}  gateway-4.8.0-linux-amd64.tar.gz
- Build: sha256 {sha256()}  gateway-4.8.0-linux-arm64.tar.gz
- Signed with key id 0x{rnd('0123456789ABCDEF', 16)}; git tag v4.8.0 at {sha1()}.
- Known issue GW-1187: metrics endpoint binds to 0.0.0.0:9102 even if `metrics.bind=127.0.0.1` is set.
""")

# ---------------------------------------------------------------- German, developer / operations
root_pw, db_pw, nc_pw = password_random(20), password_random(16), password()
S("de", "config", f"""# docker-compose.yml für die Nextcloud im Büro Leipzig
# ACHTUNG: Passwörter bitte nach dem ersten Start ändern (hat keiner gemacht...)
services:
  db:
    image: mariadb:11.4
    restart: always
    command: --transaction-isolation=READ-COMMITTED --log-bin=binlog --binlog-format=ROW
    environment:
      - MYSQL_ROOT_PASSWORD={root_pw}
      - MYSQL_PASSWORD={db_pw}
      - MYSQL_DATABASE=nextcloud
      - MYSQL_USER=nextcloud
  app:
    image: nextcloud:30.0.2-apache
    ports:
      - "192.168.178.20:8080:80"
    environment:
      - MYSQL_HOST=db
      - MYSQL_PASSWORD={db_pw}
      - NEXTCLOUD_ADMIN_USER=admin
      - NEXTCLOUD_ADMIN_PASSWORD={nc_pw}
      - NEXTCLOUD_TRUSTED_DOMAINS=cloud.kanzlei-berger.de 192.168.178.20
      - MAIL_FROM_ADDRESS=cloud
      - SMTP_NAME=it@kanzlei-berger.de
""", ("password", root_pw), ("password", db_pw), ("ip_address", "192.168.178.20"), ("password", nc_pw),
  ("email", "it@kanzlei-berger.de"))

jwt_sec, mail_pw, ds_pw = high_entropy(64), password(), password_random(16)
S("de", "config", f"""# application-prod.yml  (Bestellservice)
spring:
  datasource:
    url: jdbc:postgresql://10.17.3.40:5432/bestellungen
    username: bestell_app
    password: {ds_pw}       # TODO: in Vault verschieben
  mail:
    host: smtp.strato.de
    port: 587
    username: versand@moebelhaus-kruse.de
    password: '{mail_pw}'
    properties:
      mail.smtp.starttls.enable: true

app:
  security:
    jwt:
      secret: {jwt_sec}
      gueltigkeit-minuten: 60
  rechnung:
    absender-iban-anzeige: "DE** **** **** **** **12 34"
""", ("ip_address", "10.17.3.40"), ("password", ds_pw), ("email", "versand@moebelhaus-kruse.de"),
  ("password", mail_pw), ("generic_secret", jwt_sec))

dj, dpw, epw = django_secret(), password_random(16), password()
S("de", "log", f"""Hallo, unser Django-Backend wirft seit dem Deployment 500er, hier die Debug-Seite (DEBUG war leider noch an):

OperationalError at /api/v1/termine/
connection to server at "10.22.0.8", port 5432 failed: FATAL:  Passwort-Authentifizierung für Benutzer »praxis« fehlgeschlagen

Request Method: GET
Request URL: https://termine.praxis-dr-yilmaz.de/api/v1/termine/
Django Version: 5.1.3
Python Version: 3.12.7

Settings:
ALLOWED_HOSTS = ['termine.praxis-dr-yilmaz.de']
DATABASES = {{'default': {{'ENGINE': 'django.db.backends.postgresql', 'HOST': '10.22.0.8', 'NAME': 'termine', 'USER': 'praxis', 'PASSWORD': '{dpw}', 'PORT': '5432'}}}}
EMAIL_HOST = 'smtp.ionos.de'
EMAIL_HOST_USER = 'termine@praxis-dr-yilmaz.de'
EMAIL_HOST_PASSWORD = '{epw}'
SECRET_KEY = '{dj}'
TIME_ZONE = 'Europe/Berlin'
""", ("ip_address", "10.22.0.8"), ("password", dpw), ("email", "termine@praxis-dr-yilmaz.de"), ("password", epw),
  ("generic_secret", dj))

st1, st2, st3 = de_steuer_id(), de_steuer_id(), de_steuer_id()
ib1, ib2, ib3 = iban("DE"), iban("DE"), iban("AT")
S("de", "code", f"""-- Export aus der Personaldatenbank für den neuen Lohnabrechnungsdienstleister
-- Erstellt: 2026-11-20 15:42  (pg_dump 16.4)
COPY personal.mitarbeiter (personalnr, nachname, vorname, steuer_id, iban, email, telefon, eintritt) FROM stdin;
10041	Schäfer	Jonas	{st1}	{ib1}	jonas.schaefer@web.de	0171 4432891	2019-04-01
10077	Nowak	Agnieszka	{st2}	{ib2}	a.nowak@gmx.de	+49 157 38210446	2021-09-15
10102	Huber	Florian	{st3}	{ib3}	florian.huber88@outlook.at	+43 664 2190377	2024-01-08
\\.
""", ("de_steuer_id", st1), ("iban", ib1), ("email", "jonas.schaefer@web.de"), ("phone", "0171 4432891"),
  ("de_steuer_id", st2), ("iban", ib2), ("email", "a.nowak@gmx.de"), ("phone", "+49 157 38210446"),
  ("de_steuer_id", st3), ("iban", ib3), ("email", "florian.huber88@outlook.at"), ("phone", "+43 664 2190377"))

oa, an, hft = openai_svc(), anthropic(), hf()
S("de", "config", f"""# .env  (lokal, NICHT committen)
# KI-Schlüssel fürs Chatbot-Projekt
OPENAI_API_KEY={oa}
ANTHROPIC_API_KEY="{an}"
HF_TOKEN={hft}
# Groq noch nicht freigeschaltet, Platzhalter:
GROQ_API_KEY=gsk_...
# Kommt aus dem CI, hier nur Referenz
PINECONE_API_KEY=${{PINECONE_API_KEY}}
VECTOR_DB_URL=http://127.0.0.1:6333
""", ("openai_key", oa), ("anthropic_key", an), ("huggingface_token", hft))

gen = uuid4()
S("de", "log", f"""2026-11-24T07:58:12.301+01:00  INFO 1 --- [kundenportal] [           main] d.s.k.KundenportalApplication            : Starting KundenportalApplication v3.2.0 using Java 21.0.5 with PID 1
2026-11-24T07:58:14.877+01:00  WARN 1 --- [kundenportal] [           main] .s.s.UserDetailsServiceAutoConfiguration :

Using generated security password: {gen}

This generated password is for development use only. Your security configuration must be updated before running your application in production.

2026-11-24T07:58:15.112+01:00  INFO 1 --- [kundenportal] [           main] o.s.b.w.embedded.tomcat.TomcatWebServer  : Tomcat started on port 8080 (http) with context path '/'
2026-11-24T07:58:15.130+01:00  INFO 1 --- [kundenportal] [           main] d.s.k.KundenportalApplication            : Started KundenportalApplication in 3.412 seconds (process running for 3.9)
2026-11-24T07:58:31.554+01:00  INFO 1 --- [kundenportal] [nio-8080-exec-1] d.s.k.web.RequestLogFilter               : traceId={rnd(HEX, 32)} requestId={uuid4()} GET /actuator/health 200

Warum taucht das Passwort überhaupt im Log auf, wir haben doch Keycloak konfiguriert?
""", ("password", gen))

pw_b, hft = password_random(18), hf()
smtp_pw = password()
S("de", "config", f"""# secret-ml-worker.yaml  – wird per ArgoCD ausgerollt
apiVersion: v1
kind: Secret
metadata:
  name: ml-worker
  namespace: ki-plattform
type: Opaque
data:
  # Passwort für die Feature-DB
  DB_PASSWORD: {b64(pw_b)}
  # Token für private Modelle auf Hugging Face
  HF_TOKEN: {b64(hft)}
  DB_USER: {b64("mlworker")}
stringData:
  SMTP_USER: benachrichtigung@datenwerk-nord.de
  SMTP_PASSWORD: "{smtp_pw}"
""", ("password", b64(pw_b)), ("huggingface_token", b64(hft)), ("email", "benachrichtigung@datenwerk-nord.de"),
  ("password", smtp_pw))

bp = password()
S("de", "log", f"""$ ansible-playbook -i inventory/prod.ini patch.yml -vvv --limit web
...
<10.30.1.11> ESTABLISH SSH CONNECTION FOR USER: deploy
<10.30.1.11> SSH: EXEC ssh -C -o ControlMaster=auto -o ControlPersist=60s -o 'User="deploy"' -o ConnectTimeout=10 10.30.1.11 '/bin/sh -c '"'"'echo ~deploy && sleep 0'"'"''
<10.30.1.12> ESTABLISH SSH CONNECTION FOR USER: deploy
fatal: [web-02]: FAILED! => {{"msg": "Incorrect sudo password"}}
ok: [web-01] => {{
    "ansible_become_pass": "{bp}",
    "ansible_host": "10.30.1.11"
}}

Bei web-02 schlägt sudo fehl, obwohl das gleiche become-Passwort in group_vars/web.yml steht. Ist das Passwort dort evtl. falsch escaped wegen dem Sonderzeichen?
""", ("ip_address", "10.30.1.11"), ("ip_address", "10.30.1.12"), ("password", bp))

mpw, ak, sk = password_random(14), aws_key_id(), aws_secret()
S("de", "code", f"""#!/bin/bash
# Nächtliches Backup der Warenwirtschaft -> S3 (Hetzner Storage Box als Fallback)
set -euo pipefail
DATUM=$(date +%F)
mysqldump -h 10.0.5.21 -u backup -p'{mpw}' --single-transaction wawi | gzip > /backup/wawi-$DATUM.sql.gz

export RCLONE_CONFIG_S3_TYPE=s3
export RCLONE_CONFIG_S3_PROVIDER=AWS
export RCLONE_CONFIG_S3_ACCESS_KEY_ID={ak}
export RCLONE_CONFIG_S3_SECRET_ACCESS_KEY={sk}
export RCLONE_CONFIG_S3_REGION=eu-central-1
rclone copy /backup/wawi-$DATUM.sql.gz s3:wawi-backups-fra/taeglich/ --s3-storage-class STANDARD_IA
find /backup -name 'wawi-*.sql.gz' -mtime +14 -delete
""", ("ip_address", "10.0.5.21"), ("password", mpw), ("aws_access_key", ak), ("aws_secret_key", sk))

gs, bpw = grafana_sa(), password()
S("de", "config", f"""# provisioning/datasources/loki.yaml
apiVersion: 1
datasources:
  - name: Loki (Produktion)
    type: loki
    access: proxy
    url: https://loki.intern.stadtwerke-aue.de
    basicAuth: true
    basicAuthUser: grafana-reader
    secureJsonData:
      basicAuthPassword: {bpw}
---
# für das Dashboard-Backup-Skript (Grafana-Servicekonto "backup-bot")
# GRAFANA_TOKEN={gs}
""", ("password", bpw), ("saas_token", gs))

nn, at = notion(), airtable()
S("de", "json", f"""{{
  "id": "{uuid4()}",
  "name": "Redaktionsplanung – Produktion",
  "values": [
    {{ "key": "baseUrl", "value": "https://api.notion.com/v1", "type": "default", "enabled": true }},
    {{ "key": "notionToken", "value": "{nn}", "type": "secret", "enabled": true }},
    {{ "key": "airtableBase", "value": "app{rnd(ALNUM, 14)}", "type": "default", "enabled": true }},
    {{ "key": "airtablePat", "value": "{at}", "type": "secret", "enabled": true }},
    {{ "key": "redaktionsDbId", "value": "{rnd(HEX, 32)}", "type": "default", "enabled": true }}
  ],
  "_postman_variable_scope": "environment",
  "_postman_exported_at": "2026-11-21T12:09:44.512Z",
  "_postman_exported_using": "Postman/11.19.0"
}}""", ("saas_token", nn), ("saas_token", at))

mc, mg = mailchimp(), mailgun()
S("de", "code", f"""diff --git a/newsletter/config.py b/newsletter/config.py
index 9ab41c0..c2d7e15 100644
--- a/newsletter/config.py
+++ b/newsletter/config.py
@@ -1,8 +1,10 @@
 # Konfiguration Newsletter-Versand
-MAILCHIMP_API_KEY = os.environ["MAILCHIMP_API_KEY"]
+# schnell zum Testen, wieder rausnehmen!!
+MAILCHIMP_API_KEY = "{mc}"
 MAILCHIMP_LIST_ID = "a1b2c3d4e5"
-MAILGUN_API_KEY = os.environ.get("MAILGUN_API_KEY")
+MAILGUN_API_KEY = "{mg}"
 MAILGUN_DOMAIN = "mg.buchhandlung-lessing.de"
 ABSENDER = "Buchhandlung Lessing <newsletter@buchhandlung-lessing.de>"
""", ("saas_token", mc), ("saas_token", mg), ("email", "newsletter@buchhandlung-lessing.de"))

glr, glp = gitlab_runner(), gitlab()
S("de", "log", f"""root@ci-runner-03:~# gitlab-runner register --non-interactive \\
    --url https://gitlab.energiewerk-sued.de \\
    --token {glr} \\
    --executor docker --docker-image alpine:3.20 --description "ci-runner-03"
Runtime platform                                    arch=amd64 os=linux pid=81723 revision=c6eae8d7 version=17.5.2
Verifying runner... is valid                        runner=glrt-Xq
Runner registered successfully. Feel free to start it, but if it's running already the config should be automatically reloaded!

# später im Job-Log (Debug-Ausgabe von `export`):
declare -x CI_JOB_ID="884120"
declare -x CI_COMMIT_SHA="{sha1()}"
declare -x RELEASE_API_TOKEN="{glp}"
declare -x CI_SERVER_VERSION="17.5.2-ee"

Frage: wie bekomme ich RELEASE_API_TOKEN aus dem Log raus, das Variable ist nicht als "masked" markiert?
""", ("gitlab_token", glr), ("gitlab_token", glp))

tfc, hz = tfc_token(), hetzner_token()
S("de", "config", f"""# terraform.tfvars  (Umgebung: produktion)
# Hetzner-Projekt "shop-prod"
hcloud_token = "{hz}"
standort     = "nbg1"
server_typ   = "cpx31"
ssh_keys     = ["deploy@ci", "m.hartmann"]

# Terraform Cloud (Remote-State) – eigentlich gehört das in ~/.terraform.d/credentials.tfrc.json
tfc_org   = "moebelhaus-kruse"
tfc_token = "{tfc}"
""", ("cloud_token", hz), ("cloud_token", tfc))

ak1, ak2 = azure_storage_key(), azure_storage_key()
S("de", "json", f"""Auszug aus terraform.tfstate (Storage-Account für Rechnungs-PDFs), warum steht der Key hier im Klartext?

        {{
          "schema_version": 4,
          "attributes": {{
            "access_tier": "Hot",
            "account_kind": "StorageV2",
            "account_replication_type": "ZRS",
            "id": "/subscriptions/{uuid4()}/resourceGroups/rg-rechnung-prod/providers/Microsoft.Storage/storageAccounts/strechnungprod",
            "location": "germanywestcentral",
            "name": "strechnungprod",
            "primary_access_key": "{ak1}",
            "primary_blob_endpoint": "https://strechnungprod.blob.core.windows.net/",
            "secondary_access_key": "{ak2}",
            "min_tls_version": "TLS1_2"
          }},
          "sensitive_attributes": []
        }}""", ("azure_key", ak1), ("azure_key", ak2))

sp = shopify()
S("de", "code", f"""curl -X POST "https://lessing-buecher.myshopify.com/admin/api/2024-10/customers.json" \\
  -H "X-Shopify-Access-Token: {sp}" \\
  -H "Content-Type: application/json" \\
  -d '{{"customer":{{"first_name":"Marlene","last_name":"Adler","email":"marlene.adler@t-online.de","phone":"+4917623918844","verified_email":true,"tags":"Stammkundin"}}}}'

Antwort: {{"errors":{{"phone":["has already been taken"]}}}} – wie finde ich den bestehenden Kunden mit der Nummer?
""", ("saas_token", sp), ("email", "marlene.adler@t-online.de"), ("phone", "+4917623918844"))

lpw = password_random(16)
S("de", "log", f"""2026-11-23 11:04:51,228 WARN  [org.keycloak.services] (executor-thread-7) KC-SERVICES0013: Failed authentication: javax.naming.CommunicationException: 10.8.1.4:636 [Root exception is java.net.SocketTimeoutException: Connect timed out]
2026-11-23 11:04:51,230 DEBUG [org.keycloak.storage.ldap.LDAPStorageProviderFactory] (executor-thread-7) LDAP-Konfiguration: connectionUrl=ldaps://10.8.1.4:636 ldaps://10.8.1.5:636, bindDn=CN=svc-keycloak,OU=Dienstkonten,DC=rathaus,DC=local, bindCredential={lpw}, usersDn=OU=Mitarbeitende,DC=rathaus,DC=local, connectionTimeout=5000
2026-11-23 11:04:56,311 ERROR [org.keycloak.services] (executor-thread-7) KC-SERVICES0015: Failed to sync users from LDAP provider 'AD Rathaus'
""", ("ip_address", "10.8.1.4"), ("ip_address", "10.8.1.5"), ("password", lpw))

gk = google_key()
ib1, ib2 = iban("DE"), iban("DE")
S("de", "code", f"""In [7]:
import google.generativeai as genai
genai.configure(api_key="{gk}")
modell = genai.GenerativeModel("gemini-1.5-flash")

df = pd.read_csv("lastschrift_fehler_nov.csv", sep=";")
df.head(3)

Out[7]:
   mandat_id      kunde                    iban  betrag  ruecklastgrund
0  MD-208811   Petra Lang  {ib1}   49.90            MD06
1  MD-208845   Uwe Brandt  {iban_spaced(ib2)}   12.50            AC04
2  MD-209002  Selin Aydın                 (leer)   89.00            AM04

In [8]:
antwort = modell.generate_content("Erkläre die Rücklastschriftgründe: " + df.to_string())
""", ("google_api_key", gk), ("iban", ib1), ("iban", iban_spaced(ib2)))

wpriv, wpsk, wpub = wg_key(), wg_key(), wg_key()
S("de", "config", f"""# /etc/wireguard/wg0.conf auf dem Laptop von Frau Engel – Tunnel baut sich nicht auf, Handshake bleibt bei 0
[Interface]
PrivateKey = {wpriv}
Address = 10.9.0.14/32
DNS = 10.9.0.53

[Peer]
PublicKey = {wpub}
PresharedKey = {wpsk}
Endpoint = 89.58.27.103:51820
AllowedIPs = 10.9.0.0/24, 192.168.50.0/24
PersistentKeepalive = 25
""", ("private_key", wpriv), ("ip_address", "10.9.0.14"), ("ip_address", "10.9.0.53"), ("generic_secret", wpsk),
  ("ip_address", "89.58.27.103"))

mpw = password_random(16)
muri = f"mongodb+srv://app_lager:{mpw}@cluster0.x7k2pq.mongodb.net/lager?retryWrites=true&w=majority"
S("de", "log", f"""MongoServerSelectionError: getaddrinfo ENOTFOUND cluster0.x7k2pq.mongodb.net
    at Timeout._onTimeout (/app/node_modules/mongodb/lib/sdam/topology.js:292:38)
    at listOnTimeout (node:internal/timers:594:17)
    at process.processTimers (node:internal/timers:529:7) {{
  reason: TopologyDescription {{ type: 'Unknown', servers: Map(0) {{}}, stale: false, compatible: true }},
  code: undefined,
  [Symbol(errorLabels)]: Set(0) {{}}
}}
[lager-api] Verbindung fehlgeschlagen, MONGO_URI={muri}
[lager-api] Neuer Versuch in 5 s (Versuch 3/10)
""", ("url_credentials", muri))

cs, sub = azure_client_secret(), uuid4()
S("de", "code", f"""# Anmeldung des Automationskontos für die nächtliche VM-Abschaltung (Runbook)
$tenantId = "{uuid4()}"
$appId    = "{uuid4()}"
$secret   = ConvertTo-SecureString "{cs}" -AsPlainText -Force
$cred     = New-Object System.Management.Automation.PSCredential($appId, $secret)
Connect-AzAccount -ServicePrincipal -Tenant $tenantId -Credential $cred | Out-Null
Set-AzContext -Subscription "{sub}"
Get-AzVM -ResourceGroupName "rg-testumgebung" | Where-Object {{ $_.Tags["abschalten"] -eq "ja" }} | Stop-AzVM -Force
""", ("azure_key", cs))

st, nu = sentry_user_token(), nuget_key()
S("de", "config", f"""# .sentryclirc im Repo (!) – gefunden beim Aufräumen
[auth]
token={st}

[defaults]
org=energiewerk-sued
project=kundenportal-web

# ci/publish.ps1, Zeile 12:
# dotnet nuget push .\\artifacts\\*.nupkg --api-key {nu} --source https://api.nuget.org/v3/index.json
""", ("saas_token", st), ("package_registry_token", nu))

# ---- German developer / operations: hard negatives (no label)
S("de", "log", f"""Started by user Markus Lehmann
Running in Durability level: MAX_SURVIVABILITY
[Pipeline] Start of Pipeline
[Pipeline] node
Running on agent-linux-04 in /var/lib/jenkins/workspace/rechnungsdienst_main
[Pipeline] withCredentials
Masking supported pattern matches of $NEXUS_PASSWORD or $SONAR_TOKEN
[Pipeline] sh
+ mvn -B -s settings.xml deploy -Dnexus.user=ci -Dnexus.password=****
[INFO] Uploading to nexus: https://nexus.intern/repository/releases/de/stadtwerke/rechnungsdienst/4.2.7/rechnungsdienst-4.2.7.jar
[INFO] BUILD SUCCESS
[Pipeline] sh
+ sonar-scanner -Dsonar.token=**** -Dsonar.projectVersion=4.2.7 -Dsonar.scm.revision={sha1()}
INFO: ANALYSIS SUCCESSFUL, you can find the results at: https://sonar.intern/dashboard?id=rechnungsdienst
[Pipeline] End of Pipeline
Finished: SUCCESS
""")

S("de", "config", """# .env.beispiel – nach .env kopieren und ausfüllen
# Werte bekommst du im Passwort-Tresor unter "Kundenportal / Entwicklung"
DB_HOST=localhost
DB_USER=kundenportal
DB_PASSWORD=<hier-passwort-eintragen>
STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx
MAPS_API_KEY=AIzaXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
SLACK_WEBHOOK_URL=https://hooks.slack.com/services/TXXXXXXXX/BXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX
SMTP_PASSWORT=${SMTP_PASSWORT}
JWT_SECRET=bitte-aendern
""")

S("de", "log", f"""2026-11-22 09:14:03,114 INFO  [versand] Auftrag AB-2026-0418822 kommissioniert, Lager=LEJ-2, Pakete=2
2026-11-22 09:14:03,290 INFO  [versand] Sendungsnummer DHL 00340434161094042557 / 00340434161094042564 angelegt
2026-11-22 09:14:03,301 INFO  [zahlung] Zahlung PAY-{uuid4()} bestätigt, Karte **** 4242 (Visa), Betrag 219,80 EUR
2026-11-22 09:14:03,512 INFO  [rechnung] Rechnung RE-2026-11-07731 erzeugt, Kundennummer K-0049921, USt-IdNr. Händler DE283917465
2026-11-22 09:14:04,007 DEBUG [rechnung] PDF gespeichert, sha256={sha256()}, Version 3
2026-11-22 09:14:04,010 INFO  [versand] Status -> VERSENDET, Korrelations-ID {uuid4()}
""")

S("de", "config", """# NetworkPolicy: Bestelldienst darf nur aus dem Ingress und vom Monitoring erreichbar sein
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: bestelldienst-ingress
  namespace: shop
spec:
  podSelector:
    matchLabels: { app: bestelldienst }
  policyTypes: [Ingress, Egress]
  ingress:
    - from:
        - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: ingress-nginx } }
        - ipBlock: { cidr: 10.0.0.0/16, except: [10.0.99.0/24] }
      ports: [{ port: 8080, protocol: TCP }]
  egress:
    - to:
        - ipBlock: { cidr: 0.0.0.0/0 }
      ports: [{ port: 443, protocol: TCP }]
""")

S("de", "code", f"""-- Migration V42: Passwörter von SHA-1 auf bcrypt umgestellt (Altwerte gelöscht)
UPDATE benutzer SET passwort_hash = '{bcrypt_hash()}', hash_algo = 'bcrypt' WHERE id = 1017;
UPDATE benutzer SET passwort_hash = '{bcrypt_hash()}', hash_algo = 'bcrypt' WHERE id = 1018;
-- API-Schlüssel werden nur als SHA-256 gespeichert, Anzeige nur mit Präfix
INSERT INTO api_schluessel (id, benutzer_id, praefix, schluessel_sha256, erstellt_am)
VALUES (5512, 1017, 'bk_3f9c', '{sha256()}', '2026-11-20 10:11:12');
-- Prüfsumme Migration: {rnd(HEX, 32)}
""")

S("de", "log", f"""$ helm list -n shop
NAME            NAMESPACE  REVISION  UPDATED                                  STATUS    CHART                 APP VERSION
bestelldienst   shop       41        2026-11-21 16:20:11.482913 +0100 CET     deployed  bestelldienst-1.14.2  3.2.0
redis           shop       7         2026-10-02 09:02:55.118302 +0200 CEST    deployed  redis-20.3.0          7.4.1

$ docker images --digests registry.intern/shop/bestelldienst
REPOSITORY                        TAG     DIGEST                                                                    IMAGE ID       CREATED       SIZE
registry.intern/shop/bestelldienst 3.2.0   sha256:{sha256()}   {rnd(HEX, 12)}   3 days ago    212MB
registry.intern/shop/bestelldienst 3.1.9   sha256:{sha256()}   {rnd(HEX, 12)}   2 weeks ago   209MB
""")

S("de", "config", f"""# checkout.config.ts – Preise und öffentliche Schlüssel (darf ins Frontend)
export const stripeConfig = {{
  publishableKey: "{pk_live()}",
  preise: {{
    basis:    "price_1Q{rnd(ALNUM, 22)}",
    premium:  "price_1Q{rnd(ALNUM, 22)}",
  }},
  produkt: "prod_{rnd(ALNUM, 14)}",
  // Secret Key liegt NUR im Backend (Vault-Pfad kv/shop/stripe)
}};
""")

# ---------------------------------------------------------------- German, people writing about it
vpn_pw, fw_pw = password(), password_random(16)
S("de", "prose", f"""Übergabe IT Praxis Dr. Yilmaz (Stand 21.11.) – für Jana, ich bin ab Montag in Elternzeit

- Router/Firewall: Sophos XGS 87 unter 192.168.10.1, Login admin / {fw_pw}
- VPN für die Ärztinnen (SSL-VPN): Benutzer vpn-praxis, Passwort {vpn_pw}, Gateway 80.153.204.61
- Praxisserver (Medistar) läuft auf 192.168.10.5, Backup jede Nacht auf die NAS 192.168.10.8
- TI-Konnektor: 192.168.10.2 – NICHT neu starten ohne Rücksprache mit dem Dienstleister!
- Ansprechpartner Dienstleister: Herr Kowalski, 0341 22583910, support@medi-it-leipzig.de
- Im Notfall mich privat: 0160 97214583
""", ("ip_address", "192.168.10.1"), ("password", fw_pw), ("password", vpn_pw), ("ip_address", "80.153.204.61"),
  ("ip_address", "192.168.10.5"), ("ip_address", "192.168.10.8"), ("ip_address", "192.168.10.2"),
  ("phone", "0341 22583910"), ("email", "support@medi-it-leipzig.de"), ("phone", "0160 97214583"))

hook = slack_webhook()
S("de", "prose", f"""Nachbetrachtung Vorfall 2026-047: Slack-Webhook im öffentlichen Status-Repo

Was ist passiert?
Am 17.11. wurde beim Umzug der Statusseite die Datei notify.sh mit folgendem Inhalt in das öffentliche Repository status-page gepusht:

    curl -X POST -H 'Content-type: application/json' --data "{{\\"text\\":\\"$MSG\\"}}" {hook}

Drei Tage später erschienen im Kanal #betrieb Spam-Nachrichten ("Gewinnspiel …"). Der Webhook wurde am 20.11. um 14:12 Uhr in der Slack-App deaktiviert und neu erzeugt; der neue liegt nur noch im Secret STATUS_SLACK_WEBHOOK.

Maßnahmen
1. gitleaks als Pre-Commit-Hook in allen öffentlichen Repos (Ticket OPS-912)
2. Git-Historie von status-page bereinigt (Commit {sha1()[:8]} per filter-repo entfernt)
3. Slack-Workspace: Webhooks nur noch über die App "Betriebsmeldungen" mit Kanal-Beschränkung
""", ("slack_webhook", hook))

bk = brevo_smtp_key()
S("de", "prose", f"""Betreff: SMTP-Relay lehnt Anmeldung ab (Ticket #2281930)

Guten Tag,

seit gestern 16 Uhr schlägt der Versand aus unserem Shop (Shopware 6.6) über Ihr SMTP-Relay mit "535 5.7.8 Authentication failed" fehl. Unsere Einstellungen:

  Host: smtp-relay.brevo.com
  Port: 587, STARTTLS
  Benutzer: shop@feinkost-albrecht.de
  SMTP-Schlüssel: {bk}

Der Schlüssel wurde laut Konto am 02.11. erstellt und ist als aktiv markiert. Könnten Sie bitte prüfen, ob unsere Absender-IP 91.107.231.44 gesperrt wurde?

Mit freundlichen Grüßen
Tobias Albrecht
Feinkost Albrecht GmbH & Co. KG
Tel. +49 (0) 911 4097 3320
tobias.albrecht@feinkost-albrecht.de
""", ("email", "shop@feinkost-albrecht.de"), ("saas_token", bk), ("ip_address", "91.107.231.44"),
  ("phone", "+49 (0) 911 4097 3320"), ("email", "tobias.albrecht@feinkost-albrecht.de"))

st1, st2 = de_steuer_id(), de_steuer_id()
st1f = f"{st1[:2]} {st1[2:5]} {st1[5:8]} {st1[8:]}"
ib1 = iban("DE")
S("de", "prose", f"""Ticket LOHN-733: Import November abgelehnt

Beim Import in DATEV Lohn sind zwei Datensätze mit "Steuer-ID ungültig" abgewiesen worden:

  Personalnr. 20318, Kerstin Maurer – Steuer-ID laut Personalbogen {st1f}, Bankverbindung {iban_spaced(ib1)}
  Personalnr. 20344, Ömer Çelik – Steuer-ID {st2} (im Export ohne Leerzeichen)

Bei Frau Maurer liegt es vermutlich an den Leerzeichen aus dem Formular. Herr Çelik hat die ID ggf. mit einer alten Steuernummer (Finanzamt 2181/455/09127) verwechselt – bitte bei ihm nachfragen (Durchwahl -241).
""", ("de_steuer_id", st1f), ("iban", iban_spaced(ib1)), ("de_steuer_id", st2))

cf1, nir, bsn, dni = it_cf(), fr_nir(), nl_bsn(), es_dni()
S("de", "chat", f"""[09:31] Lea Winter: Die Testdaten für das EU-Onboarding sind jetzt im Staging. Ich hab echte Formate genommen, damit die Validierung greift
[09:32] Lea Winter: IT: {cf1} / FR: {nir.replace(' ', '')} / NL: {bsn} / ES: {dni}
[09:34] Jan Böhm: Sind die aus dem Generator oder aus echten Anträgen? Die sehen verdammt echt aus
[09:35] Lea Winter: Generator, Prüfziffern stimmen aber alle. Die Muster-DNI aus der Doku (12345678Z) hab ich extra nicht genommen
[09:36] Jan Böhm: ok, trotzdem bitte nicht in Jira-Tickets kopieren, der DLP-Scanner schlägt sonst an
""", ("it_codice_fiscale", cf1), ("fr_nir", nir.replace(' ', '')), ("nl_bsn", bsn), ("es_dni", dni))

dbpw = password_random(14)
S("de", "chat", f"""Sven: kannst du mal kurz auf die Reporting-DB schauen? die Abfrage für den Monatsbericht hängt
Aylin: klar, wie komm ich drauf?
Sven: psql -h 172.20.4.15 -U reporting -d dwh  – passwort ist {dbpw}
Aylin: drin. da läuft seit 3h ein VACUUM FULL auf fakt_umsatz, deshalb
Sven: ah mist, das war mein cronjob. abbrechen bitte
Aylin: erledigt. und bitte ändere das Passwort, jetzt steht's im Chatverlauf 🙈
""", ("ip_address", "172.20.4.15"), ("password", dbpw))

S("de", "prose", f"""Ihre Bestellung bei Möbelhaus Kruse – Bestellnummer 2026-118-44712

Vielen Dank für Ihren Einkauf! Zusammenfassung:
  Artikel: Esstisch "Lund" Eiche 180×90, Art.-Nr. 400-22871-03, Menge 1
  Zahlungsart: Kreditkarte (Mastercard •••• •••• •••• 5100)
  Rechnungsnummer: RE-2026-0091844 (als PDF im Kundenkonto)
  Sendungsnummer Spedition: HLG-7738201-DE, voraussichtliche Zustellung KW 49
  Ihre Kundennummer: 771-20944
Fragen? Antworten Sie einfach auf diese Nachricht und geben Sie die Vorgangs-ID {uuid4()} an.
""")

S("de", "prose", f"""Nachbetrachtung INC-0411 (kurz)

Der abgelaufene API-Schlüssel für den Adressdienst (endet auf …a9f3, angelegt 2024-11-22) hat den Checkout für 47 Minuten blockiert. Der neue Schlüssel liegt seit 10:42 Uhr in Vault unter kv/shop/adressdienst (Version 7) und wird über den External Secrets Operator verteilt. Kein Schlüsselmaterial ist nach außen gelangt; im Log stand nur der Hash {sha256()[:16]}… und die Key-ID {uuid4()}.
To-dos: Ablaufdatum im Monitoring überwachen (OPS-955), Runbook ergänzen.
""")

cc = card("mc")
S("de", "prose", f"""Ticket SUP-90412 – Kunde schickt Kartendaten per E-Mail

Von: Reinhard Vogt <r.vogt1961@t-online.de>
Betreff: Zahlung klappt nicht

"Guten Tag, die Zahlung im Shop geht nicht durch, bitte buchen Sie einfach von meiner Karte ab: {fmt_card(cc, '-')}, gültig bis 03/28, Prüfnummer 412. Rückruf gerne unter 05241 938822."

Interne Notiz (Melanie): Kartennummer aus dem Ticket entfernt und Kunde gebeten, über den Zahlungslink zu zahlen. PCI-Vorfall im Log PCI-2026-12 dokumentiert. E-Mail-Original wurde im Postfach gelöscht.
""", ("email", "r.vogt1961@t-online.de"), ("card", fmt_card(cc, '-')), ("phone", "05241 938822"))

dw, tg = discord_webhook(), telegram()
S("de", "chat", f"""Kai: für den Vereins-Discord hab ich einen Webhook für die Spielergebnisse angelegt: {dw}
Kai: und der Telegram-Bot für die Eltern-Gruppe hat das Token {tg}
Mira: super, kommt beides in die GitHub-Action vom Spielplan-Repo?
Kai: ja, aber bitte als Repository-Secret, nicht in die YAML schreiben
Mira: klar. ich lösch die Nachricht hier nachher
""", ("discord_webhook", dw), ("telegram_token", tg))

ak, sk = aws_key_id(), aws_secret()
S("de", "prose", f"""Betreff: AWS Support Case 172044918800231 – Schlüssel gesperrt?

Hallo AWS-Support,

unser Batch-Job (Konto 381492270615, Region eu-central-1) bekommt seit heute früh "AccessDenied" auf s3:PutObject. Verwendet wird der folgende Schlüssel des IAM-Users `batch-export`:

  aws_access_key_id     = {ak}
  aws_secret_access_key = {sk}

Wir vermuten, dass der Schlüssel automatisch unter Quarantäne gestellt wurde. Bitte um Rückmeldung, ob das der Fall ist.

Viele Grüße
Dr. Helena Petrović
Datenwerk Nord GmbH, Rostock
""", ("aws_access_key", ak), ("aws_secret_key", sk))

S("de", "chat", f"""Nils: hat jemand gesehen, warum der Build von 3.2.0 auf 3.2.1 hängen bleibt?
Fatma: ja, Pipeline #88412 wartet auf den Runner, commit {sha1()[:12]}
Nils: ah, und das Image-Tag ist noch 3.2.1-rc.2, oder?
Fatma: genau, digest sha256:{sha256()[:12]}… wie im Ticket SHOP-4410. Ich setz das Tag nach dem Smoke-Test um
Nils: danke! dann mach ich das Changelog für Version 3.2.1 fertig (Release 2026-11-25)
""")

gp = github_pat()
S("de", "prose", f"""Sicherheitsvorfall SV-2026-09: Fine-grained GitHub-Token in README

Bei einer Routineprüfung ist aufgefallen, dass im öffentlichen Repository energiewerk-sued/zaehler-api in der README (Abschnitt "Schnellstart") ein persönliches Zugriffstoken stand:

    export GH_TOKEN={gp}

Das Token gehörte Martin Rößler (Lesezugriff auf 4 interne Repos, Ablauf 2027-01-31). Es wurde am 22.11. um 08:15 Uhr widerrufen; die Audit-Logs zeigen keine Zugriffe von fremden IP-Adressen. README wurde in Commit {sha1()[:7]} korrigiert, Historie bereinigt.
""", ("github_token", gp))

rk, pk = stripe("rk_live_"), pk_live()
S("de", "prose", f"""Übergabe Zahlungsintegration (Feinkost-Shop) – von Paul an Lara

- Stripe-Konto: acct_{rnd(ALNUM, 16)}, Login über das Firmen-SSO
- Im Backend benutzen wir einen eingeschränkten Schlüssel (nur Charges + Refunds): {rk}
- Im Frontend steht der öffentliche Schlüssel {pk} – der darf öffentlich sein, ist also kein Problem
- Webhook-Endpunkt: https://shop.feinkost-albrecht.de/api/stripe/webhook (Signing Secret in Vault, kv/shop/stripe)
- Offene Punkte: Apple Pay Domain-Verifizierung, Umstellung auf Payment Element (Ticket PAY-118)
""", ("stripe_key", rk))

sa, key = gcp_sa_json("zaehlerdaten-prod")
xa = slack_app_token()
S("de", "log", f"""Run: Debug-Ausgabe Zugangsdaten (bitte danach wieder entfernen!)
$ cat "$GOOGLE_APPLICATION_CREDENTIALS"
{sa}
$ echo "SLACK_APP_TOKEN=$SLACK_APP_TOKEN"
SLACK_APP_TOKEN={xa}
$ gcloud auth activate-service-account --key-file="$GOOGLE_APPLICATION_CREDENTIALS"
ERROR: (gcloud.auth.activate-service-account) There was a problem refreshing your current auth tokens: ('invalid_grant: Invalid JWT Signature.', {{'error': 'invalid_grant', 'error_description': 'Invalid JWT Signature.'}})
Error: Process completed with exit code 1.
""", ("gcp_credentials", sa), ("private_key", key), ("email", "ci-deployer@zaehlerdaten-prod.iam.gserviceaccount.com"),
  ("slack_token", xa))
write_corpus(OUT, sys.argv[1])
