"""Fresh set 14b (2026-11-25): written by a helper who read only fakegen.py, never the rules
(en/ko/de/ja); scored once (docs/detection.md). Values are generated (fake): see fakegen.py.
Usage: python3 fresh14b_2026_11_25.py OUT.jsonl
"""
import sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *  # noqa
from fakegen import R, rnd, rnd_mixed, ALNUM, HEX
import base64, string, subprocess, tempfile
from urllib.parse import quote
seed(1420)
OUT = []
S = sample_adder(OUT, "f14b")
# S(lang, kind, text, (type, value), (type, value), ...)


# ---- local generators (documented real-world formats, random bodies) ----
def urlpw(n=18):
    """A password that is safe inside a URL without percent-encoding."""
    return rnd_mixed(ALNUM, n - 2) + R.choice("-_.") + rnd("0123456789", 1)


def connpw(n=16):
    """A password without ';', quotes or spaces (for ADO.NET / JDBC strings)."""
    return rnd_mixed(ALNUM + "!#$*-_", n)


def b64s(s):
    return base64.b64encode(s.encode()).decode()


def sentry_dsn():
    return f"https://{rnd(HEX, 32)}@o{R.randint(100000, 4999999)}.ingest.us.sentry.io/{R.randint(1000000, 9999999)}"


def sentry_dsn_de():
    return f"https://{rnd(HEX, 32)}@o{R.randint(100000, 4999999)}.ingest.de.sentry.io/{R.randint(1000000, 9999999)}"


def datadog_key():
    return rnd(HEX, 32)


def cloudflare_token():
    return rnd_mixed(ALNUM + "-_", 40)


def hetzner_token():
    return rnd_mixed(ALNUM, 64)


def toss_live_sk():
    return "live_sk_" + rnd_mixed(ALNUM, 28)


def rubygems_key():
    return "rubygems_" + rnd(HEX, 48)


def nuget_key():
    return "oy2" + rnd(string.ascii_lowercase + string.digits, 43)


def atlassian_token():
    return "ATATT3xFfGF0" + rnd_mixed(ALNUM + "-_", 171) + "=" + rnd("0123456789ABCDEF", 8)


def mistral_key():
    return rnd_mixed(ALNUM, 32)


def django_secret():
    return rnd_mixed("abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)", 50)


def laravel_key():
    return "base64:" + base64.b64encode(bytes(R.getrandbits(8) for _ in range(32))).decode()


def twilio_auth():
    return rnd(HEX, 32)


def public_pem():
    k = pem("ec")
    return subprocess.run(["openssl", "pkey", "-pubout"], input=k, capture_output=True, text=True,
                          check=True).stdout.strip()


def ssh_public(comment="gha-deploy-key"):
    d = tempfile.mkdtemp()
    p = os.path.join(d, "k")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", p], check=True)
    return open(p + ".pub").read().strip()


def bcrypt_like():
    return "$2b$12$" + rnd(ALNUM + "./", 53)


def argon_like():
    return "$argon2id$v=19$m=65536,t=3,p=4$" + rnd(ALNUM + "+/", 22) + "$" + rnd(ALNUM + "+/", 43)


def aadhaar_fmt(a):
    return " ".join(a[i:i + 4] for i in range(0, 12, 4))


def sha(n=40):
    return rnd(HEX, n)


# =====================================================================================
# en — 18 positives, 7 hard negatives
# =====================================================================================
pw = urlpw()
dsn = f"postgresql://billing_svc:{pw}@pg-billing.internal.acme-corp.net:5432/billing?sslmode=require"
S("en", "log", f"""Our billing worker keeps dying on startup after last night's secrets rotation. Traceback:

Traceback (most recent call last):
  File "/app/billing/worker.py", line 41, in <module>
    conn = psycopg2.connect(os.environ["BILLING_DSN"])
  File "/usr/local/lib/python3.11/site-packages/psycopg2/__init__.py", line 122, in connect
    conn = _connect(dsn, connection_factory=connection_factory, **kwasync)
psycopg2.OperationalError: connection to server at "pg-billing.internal.acme-corp.net" (10.40.2.19), port 5432 failed: FATAL:  password authentication failed for user "billing_svc"

`echo $BILLING_DSN` inside the pod gives {dsn}
Could the new password just not have reached the replica yet?""",
  ("ip_address", "10.40.2.19"), ("url_credentials", dsn))

pw = urlpw(20)
uri = f"mongodb+srv://orders-api:{pw}@cluster0.x7qkp.mongodb.net/orders?retryWrites=true&w=majority"
S("en", "log", f"""[2026-11-24T09:14:22.381Z] ERROR api-gateway (pid 27) MongoServerSelectionError: Server selection timed out after 30000 ms
    at Timeout._onTimeout (/srv/app/node_modules/mongodb/lib/sdam/topology.js:278:38)
    at listOnTimeout (node:internal/timers:573:17)
    at process.processTimers (node:internal/timers:514:7) {{
  reason: TopologyDescription {{ type: 'ReplicaSetNoPrimary', setName: 'atlas-8xq2m1-shard-0' }},
  uri: '{uri}',
  localAddress: '172.31.22.104'
}}
^ started after we moved the gateway to the new VPC. Atlas IP access list maybe?""",
  ("url_credentials", uri), ("ip_address", "172.31.22.104"))

pw = password()
rpw = urlpw(24)
sk = stripe("sk_live_")
dburl = f"postgres://shop:{quote(pw, safe='')}@db:5432/shop"
redis_url = f"rediss://default:{rpw}@cache-prod.k8x1ld.ng.0001.euw1.cache.amazonaws.com:6379/0"
S("en", "config", f"""why does the `web` container restart in a loop? logs only say "exit code 1". compose file:

services:
  db:
    image: postgres:16
    environment:
      POSTGRES_USER: shop
      POSTGRES_PASSWORD: "{pw}"
  web:
    build: .
    environment:
      DATABASE_URL: {dburl}
      REDIS_URL: {redis_url}
      STRIPE_SECRET_KEY: {sk}
    depends_on: [db]
""", ("password", pw), ("url_credentials", dburl), ("url_credentials", redis_url), ("stripe_key", sk))

ak, sk = aws_key_id(), aws_secret()
dop = doppler()
S("en", "log", f"""goroutine 1 [running]:
main.mustLoadConfig(...)
\t/build/cmd/uploader/main.go:88 +0x1c5
main.main()
\t/build/cmd/uploader/main.go:31 +0x3e
panic: operation error S3: PutObject, https response error StatusCode: 403, RequestID: 7QJ3KX9ZB1M4R2TP, api error AccessDenied: Access Denied

env at crash (our entrypoint dumps it):
HOSTNAME=uploader-6d9f7c8b5-qw2lx
AWS_REGION=eu-central-1
AWS_ACCESS_KEY_ID={ak}
AWS_SECRET_ACCESS_KEY={sk}
DOPPLER_TOKEN={dop}
S3_BUCKET=acme-uploads-prod
POD_IP=10.12.7.201
is the IAM user missing s3:PutObject on the new bucket?""",
  ("aws_access_key", ak), ("aws_secret_key", sk), ("saas_token", dop), ("ip_address", "10.12.7.201"))

pw = password_random(22).replace("\\", "")
S("en", "config", f"""Consumer won't authenticate against our MSK cluster: `SaslAuthenticationException: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512`. consumer.properties:

bootstrap.servers=172.20.14.31:9096,172.20.15.8:9096,172.20.16.77:9096
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\
    username="analytics-consumer" \\
    password="{pw}";
group.id=analytics-v2
auto.offset.reset=earliest""",
  ("ip_address", "172.20.14.31"), ("ip_address", "172.20.15.8"), ("ip_address", "172.20.16.77"), ("password", pw))

oa, an = openai_proj(), anthropic()
S("en", "prose", f"""### Bug: `ask` CLI crashes when both providers are configured

**Environment:** macOS 15.1, Python 3.12.4, askcli 0.9.3

**Steps to reproduce**
1. Put this into `~/.askcli/.env`:
```
OPENAI_API_KEY={oa}
ANTHROPIC_API_KEY={an}
DEFAULT_PROVIDER=anthropic
```
2. Run `ask "hello"`

**Expected:** answer from Claude
**Actual:** `KeyError: 'model'` in `askcli/providers/router.py:57`

(sorry, just realised I pasted my real keys — will rotate them today)
Reported by Priya Raman <priya.raman@fintrail.io>""",
  ("openai_key", oa), ("anthropic_key", an), ("email", "priya.raman@fintrail.io"))

wh, xb = slack_webhook(), slack_bot()
S("en", "chat", f"""[10:02] dan.k: alerts stopped posting to #ops-alerts since yesterday ~17:00
[10:03] dan.k: alertmanager.yml has `api_url: {wh}`
[10:05] mira: the /deploy bot broke at the same time, it runs with SLACK_BOT_TOKEN={xb} — did someone reinstall the app?
[10:06] dan.k: curl to the webhook returns `invalid_token`, so yeah probably
[10:07] mira: ok I'll ask IT who touched the workspace apps""",
  ("slack_webhook", wh), ("slack_token", xb))

pw = password()
S("en", "log", f"""2026-11-24 16:41:07.992 ERROR 1 --- [           main] o.s.boot.SpringApplication               : Application run failed

org.springframework.ldap.AuthenticationException: [LDAP: error code 49 - 80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 52e, v4563]
\tat org.springframework.ldap.support.LdapUtils.convertLdapException(LdapUtils.java:191)
\tat org.springframework.ldap.core.support.AbstractContextSource.createContext(AbstractContextSource.java:367)
\tat com.acme.idm.DirectorySync.run(DirectorySync.java:57)

Effective config from /actuator/env just before the crash:
spring.ldap.urls=ldaps://10.1.2.30:636
spring.ldap.base=DC=corp,DC=acme,DC=local
spring.ldap.username=CN=svc-idm-sync,OU=Service Accounts,DC=corp,DC=acme,DC=local
spring.ldap.password={pw}

data 52e means bad credentials, right? The account isn't locked according to AD.""",
  ("ip_address", "10.1.2.30"), ("password", pw))

c = card("visa")
S("en", "log", f"""We added :card_number to filter_parameters but it still shows up in production.log:

Started POST "/checkout" for 84.112.63.20 at 2026-11-24 11:20:31 +0000
Processing by CheckoutController#create as HTML
  Parameters: {{"authenticity_token"=>"[FILTERED]", "order"=>{{"email"=>"j.whitfield@gmail.com", "phone"=>"+1 (312) 846-2071", "card"=>{{"number"=>"{c}", "cvc"=>"[FILTERED]"}}}}}}
Completed 500 Internal Server Error in 84ms (ActiveRecord: 3.1ms)

Is it because the key is `number` inside the nested hash?""",
  ("ip_address", "84.112.63.20"), ("email", "j.whitfield@gmail.com"), ("phone", "+1 (312) 846-2071"), ("card", c))

appkey, pw, sg = laravel_key(), password(), sendgrid()
S("en", "config", f"""Laravel queue workers fail with "SQLSTATE[HY000] [1045] Access denied", but `php artisan tinker` connects fine. .env on the worker box:

APP_NAME=Tidewater
APP_ENV=production
APP_KEY={appkey}
DB_CONNECTION=mysql
DB_HOST=10.0.5.12
DB_PORT=3306
DB_DATABASE=tidewater
DB_USERNAME=tidewater
DB_PASSWORD={pw}
MAIL_MAILER=smtp
MAIL_HOST=smtp.sendgrid.net
MAIL_USERNAME=apikey
MAIL_PASSWORD={sg}""",
  ("generic_secret", appkey), ("ip_address", "10.0.5.12"), ("password", pw), ("saas_token", sg))

pw, azk = connpw(), azure_storage_key()
S("en", "json", f"""Getting `Login failed for user 'orders_app'` from EF Core only in prod. appsettings.Production.json:

{{
  "ConnectionStrings": {{
    "Orders": "Server=tcp:sql-prod-01.corp.local,1433;Database=Orders;User Id=orders_app;Password={pw};Encrypt=True;TrustServerCertificate=False",
    "Blobs": "DefaultEndpointsProtocol=https;AccountName=acmeordersblob;AccountKey={azk};EndpointSuffix=core.windows.net"
  }},
  "Logging": {{ "LogLevel": {{ "Default": "Warning" }} }}
}}""",
  ("password", pw), ("azure_key", azk))

dsn, dd, lin = sentry_dsn(), datadog_key(), linear()
S("en", "config", f"""checkout pods crashloop with `sentry_sdk.utils.BadDsn: Unsupported scheme ''` after I moved secrets into values-prod.yaml:

sentry:
  dsn: "{dsn} "
  environment: production
datadog:
  apiKey: {dd}
  site: datadoghq.eu
linear:
  apiKey: {lin}
  teamKey: CHK

(the trailing space in the dsn is how it is in the file, could that be it?)""",
  ("url_credentials", dsn), ("saas_token", dd), ("saas_token", lin))

pw = urlpw(16)
u = f"https://elastic:{pw}@es-logs.int.northwind.dev:9200/_bulk"
S("en", "log", f"""thread 'main' panicked at src/indexer.rs:112:45:
called `Result::unwrap()` on an `Err` value: Reqwest(reqwest::Error {{ kind: Request, url: "{u}", source: hyper_util::client::legacy::Error(Connect, ConnectError("tcp connect error", Os {{ code: 111, kind: ConnectionRefused, message: "Connection refused" }})) }})
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace

the cluster is up (curl from my laptop works), so why connection refused from the indexer?""",
  ("url_credentials", u))

proj = "northwind-analytics-" + rnd("0123456789", 6)
js, key = gcp_sa_json(proj)
S("en", "json", f"""Deploy step fails with `google.auth.exceptions.RefreshError: ('invalid_grant: Invalid JWT Signature.', {{'error': 'invalid_grant'}})`. This is the key file we mount as GOOGLE_APPLICATION_CREDENTIALS:

{js}

Was the key disabled? private_key_id matches the console.""",
  ("gcp_credentials", key), ("private_key", key), ("email", f"ci-deployer@{proj}.iam.gserviceaccount.com"))

pw = password()
basic = b64s("reports-bot:" + pw)
S("en", "code", f"""$ curl -v http://192.168.10.45:8080/api/v1/reports -H 'Authorization: Basic {basic}'
*   Trying 192.168.10.45:8080...
* Connected to 192.168.10.45 (192.168.10.45) port 8080
> GET /api/v1/reports HTTP/1.1
> Host: 192.168.10.45:8080
> User-Agent: curl/8.5.0
> Authorization: Basic {basic}
>
< HTTP/1.1 401 Unauthorized
< WWW-Authenticate: Basic realm="reports"

Why 401? The user is reports-bot and I copied the password from the vault entry.""",
  ("password", basic), ("ip_address", "192.168.10.45"))

tok = jwt({"sub": "usr_51873", "email": "l.moreau@brightpath.co", "roles": ["admin"], "iat": 1763976400, "exp": 1763980000})
S("en", "log", f"""{{"level":50,"time":1763977442113,"pid":19,"hostname":"auth-7c9d5b-xk2pq","reqId":"req-4f1","msg":"jwt verify failed: invalid signature","req":{{"method":"GET","url":"/v1/me","headers":{{"authorization":"Bearer {tok}","x-forwarded-for":"91.204.118.37"}}}},"user":"l.moreau@brightpath.co"}}
any idea why the signature would be invalid when the token was issued by the same service a minute earlier?""",
  ("jwt", tok), ("ip_address", "91.204.118.37"), ("email", "l.moreau@brightpath.co"))

npmt, gpat, gem = npm(), github_pat(), rubygems_key()
S("en", "log", f"""Release workflow fails on both registries. Relevant part of the job log (secrets weren't masked because we echo them from a script, I know...):

Run ./scripts/publish.sh
+ echo "//registry.npmjs.org/:_authToken={npmt}" > ~/.npmrc
+ export GH_TOKEN={gpat}
+ GEM_HOST_API_KEY={gem} gem push pkg/uikit-2.3.0.gem
Pushing gem to https://rubygems.org...
You do not have permission to push to this gem.
+ npm publish --access public
npm ERR! code E403
npm ERR! 403 403 Forbidden - PUT https://registry.npmjs.org/@acme%2fui-kit - You cannot publish over the previously published versions: 2.3.0.""",
  ("npm_token", npmt), ("github_token", gpat), ("package_registry_token", gem))

nino, gbiban, ssn = uk_nino(), iban("GB"), us_ssn()
S("en", "prose", f"""The GDPR export job dies with UnicodeEncodeError on these two rows (printed by the job right before the crash):

customer_id=88213 name="Siobhán O'Connell" nino={nino} iban={gbiban} mobile=07700 912384 email=siobhan.oc@btinternet.com
customer_id=88214 name="Zoë Alvarez" ssn={ssn} phone=(646) 318-2297 email=zoe.alvarez@proton.me

I think it's the accented names and the file being opened with encoding="ascii"?""",
  ("uk_nino", nino), ("iban", gbiban), ("phone", "07700 912384"), ("email", "siobhan.oc@btinternet.com"),
  ("us_ssn", ssn), ("phone", "(646) 318-2297"), ("email", "zoe.alvarez@proton.me"))

# ---- en hard negatives ----
S("en", "config", """Local dev stack won't start, api logs `role "app" does not exist`. docker-compose.yml:

services:
  db:
    image: postgres:16-alpine
    environment:
      POSTGRES_USER: postgres
      POSTGRES_PASSWORD: postgres
    ports: ["5432:5432"]
  api:
    build: .
    environment:
      DATABASE_URL: postgresql://postgres:postgres@localhost:5432/app
      JWT_SECRET: ${JWT_SECRET:?set it in .env}
      SENTRY_DSN: ${SENTRY_DSN:-}
      STRIPE_SECRET_KEY: ${STRIPE_SECRET_KEY}""")

rid = "req_01JDF3Q8X2M4ZC7K9Y1VNB5T6W"
tp = f"00-{sha(32)}-{sha(16)}-01"
S("en", "log", f"""Logins fail only on staging. production.log excerpt:

I, [2026-11-24T08:12:01.443 #12]  INFO -- : [{rid}] Started POST "/users/sign_in" for 127.0.0.1 at 2026-11-24 08:12:01 +0000
I, [2026-11-24T08:12:01.447 #12]  INFO -- : [{rid}] Parameters: {{"user"=>{{"login"=>"[FILTERED]", "password"=>"[FILTERED]", "otp_attempt"=>"[FILTERED]"}}, "commit"=>"Log in"}}
W, [2026-11-24T08:12:01.459 #12]  WARN -- : [{rid}] Completed 401 Unauthorized in 12ms traceparent={tp}
I, [2026-11-24T08:12:01.460 #12]  INFO -- : [{rid}] session_id=<redacted> csrf=<redacted>""")

S("en", "log", f"""kubectl describe pod worker-5f7d9c6b8-m2xkq (trimmed). Why exit code 137 when memory usage looks fine?

Containers:
  worker:
    Container ID:   containerd://{sha(64)}
    Image:          ghcr.io/acme/worker:2.14.1
    Image ID:       ghcr.io/acme/worker@sha256:{sha(64)}
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       OOMKilled
      Exit Code:    137
    Limits:
      memory:  512Mi
    Environment:
      DB_PASSWORD:  <set to the key 'password' in secret 'worker-db'>  Optional: false
      API_TOKEN:    <set to the key 'token' in secret 'worker-api'>    Optional: false
      NODE_OPTIONS: --max-old-space-size=768""")

S("en", "code", f"""After bumping botocore this test started failing. The values are the ones from the AWS SigV4 docs, not real credentials:

# tests/test_signer.py
def test_signature_matches_aws_docs():
    creds = Credentials(access_key="AKIAIOSFODNN7EXAMPLE",
                        secret_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    req = make_request("GET", "https://examplebucket.s3.amazonaws.com/test.txt")
    sig = sign(req, creds, region="us-east-1", when="20130524T000000Z")
    assert sig == "{sha(64)}"

AssertionError: assert '{sha(64)}' == '...'""")

pub = ssh_public()
S("en", "prose", f"""**Deploy key rejected after the repo migration**

Bisected the pipeline change to `{sha(40)}` (good) → `{sha(40)}` (bad).
The deploy key registered on the repo is:

{pub}

Fingerprint shown by GitHub: SHA256:{rnd(ALNUM + '+/', 43)}
Runner egress IP is 203.0.113.24 and the allow-list has 198.51.100.0/24, so the network side should be fine.
Error: `ERROR: Permission to acme/infra.git denied to deploy key`.""")

S("en", "config", """Our onboarding doc tells people to copy this file, but the app crashes with "Invalid API key" — do people actually need to edit it?

# .env.example — copy to .env and fill in real values (never commit .env)
OPENAI_API_KEY=sk-your-key-here
ANTHROPIC_API_KEY=<redacted>
STRIPE_SECRET_KEY=sk_live_****************************
DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/DBNAME
SLACK_WEBHOOK_URL=https://hooks.slack.com/services/XXXXXXXXX/XXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX
AWS_SECRET_ACCESS_KEY=
""")

S("en", "log", f"""panic: runtime error: invalid memory address or nil pointer dereference
[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x7d3f2a]

goroutine 214 [running]:
github.com/acme/ledger/internal/sync.(*Worker).apply(0xc000512000, {{0x9a5e40, 0xc0003f8e10}})
\t/src/internal/sync/worker.go:141 +0x2aa
github.com/acme/ledger/internal/sync.(*Worker).Run(0xc000512000)
\t/src/internal/sync/worker.go:77 +0x1b4

last job: id=0c8f3a2e-6b1d-4f7e-9a3c-5d2e8b1f4a6c checksum=sha256:{sha(64)} build=v1.42.0+g{sha(7)}
nil map probably, but which one?""")

# =====================================================================================
# ko — 17 positives, 8 hard negatives
# =====================================================================================
pw = password()
S("ko", "config", f"""스프링 부트 앱이 기동할 때 `java.sql.SQLException: Access denied for user 'shop_app'@'10.0.12.51' (using password: YES)` 에러가 나요. application-prod.yml 입니다:

spring:
  datasource:
    url: jdbc:mysql://10.0.12.8:3306/shop?serverTimezone=Asia/Seoul&characterEncoding=UTF-8
    username: shop_app
    password: {pw}
    hikari:
      maximum-pool-size: 20

로컬 프로필에서는 잘 붙는데 prod 에서만 이래요.""",
  ("ip_address", "10.0.12.51"), ("ip_address", "10.0.12.8"), ("password", pw))

rrn = kr_rrn()
S("ko", "log", f"""회원가입 API 로그에 개인정보가 그대로 찍히고 있는 것 같은데, 로그백 마스킹 패턴이 안 먹는 이유가 뭘까요?

2026-11-24 14:02:11.502 INFO  [http-nio-8080-exec-7] c.k.member.SignupController - signup request: name=김지훈, rrn={rrn}, phone=010-4827-1936, email=jihoon.kim@naver.com, agreeMarketing=false""",
  ("kr_rrn", rrn), ("phone", "010-4827-1936"), ("email", "jihoon.kim@naver.com"))

nt, at = notion(), airtable()
S("ko", "code", f"""노션 → 에어테이블 동기화 스크립트가 어제부터 401 을 뱉어요. 토큰 만료인지 확인 부탁드려요.

```python
NOTION_TOKEN = "{nt}"
AIRTABLE_PAT = "{at}"

notion = Client(auth=NOTION_TOKEN)
table = Api(AIRTABLE_PAT).table("appX8k2Lm9QwE4rT1", "Tasks")
```

에러: `notion_client.errors.APIResponseError: API token is invalid.`""",
  ("saas_token", nt), ("saas_token", at))

pw = urlpw(22)
ru = f"rediss://default:{pw}@redis-prod.kr-central.internal:6380/2"
S("ko", "log", f"""ioredis 연결이 몇 분마다 끊깁니다. 타임아웃 설정 문제일까요?

[ioredis] Unhandled error event: Error: connect ETIMEDOUT
    at TLSSocket.<anonymous> (/app/node_modules/ioredis/built/Redis.js:170:41)
    at Object.onceWrapper (node:events:634:28)
    at TLSSocket.emit (node:events:520:28)

환경변수: REDIS_URL={ru}""",
  ("url_credentials", ru))

pw = urlpw(18)
amqp = f"amqp://celery_user:{pw}@rabbitmq.svc.cluster.local:5672/prod"
S("ko", "code", f"""셀러리 워커가 `ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN` 으로 죽어요.

# celery_app.py
app = Celery(
    "tasks",
    broker="{amqp}",
    backend="redis://redis.svc.cluster.local:6379/1",
)

rabbitmqctl list_users 에는 celery_user 가 있어요.""",
  ("url_credentials", amqp))

gh = github("ghp_")
S("ko", "log", f"""깃허브 액션에서 프라이빗 서브모듈 체크아웃이 실패합니다. 로그 일부 붙여요:

Run git config --global url."https://${{GH_TOKEN}}@github.com/".insteadOf "https://github.com/"
  git config --global url."https://${{GH_TOKEN}}@github.com/".insteadOf "https://github.com/"
  git submodule update --init --recursive
  shell: /usr/bin/bash -e {{0}}
  env:
    GH_TOKEN: {gh}
fatal: could not read Username for 'https://github.com': terminal prompts disabled""",
  ("github_token", gh))

tok = jwt()
S("ko", "log", f"""gRPC 인터셉터에서 토큰 검증이 실패하는데 만료 시간이 이상해요. 서버 시간이 틀린 걸까요?

2026/11/24 10:31:44 auth.go:73: peer=10.8.3.142:51522 method=/payment.v1.Payment/Charge authorization="Bearer {tok}" err="token has invalid claims: token is expired"
2026/11/24 10:31:44 server.go:118: rpc error: code = Unauthenticated desc = invalid token""",
  ("ip_address", "10.8.3.142"), ("jwt", tok))

tsk, c = toss_live_sk(), card("mc")
cf = fmt_card(c, "-")
S("ko", "log", f"""결제 승인 API 가 401 을 줍니다.

PHP Fatal error:  Uncaught GuzzleHttp\\Exception\\ClientException: Client error: `POST https://api.tosspayments.com/v1/payments/confirm` resulted in a `401 Unauthorized` response:
{{"code":"UNAUTHORIZED_KEY","message":"인증되지 않은 시크릿 키 혹은 클라이언트 키 입니다."}}
 in /var/www/shop/vendor/guzzlehttp/guzzle/src/Exception/RequestException.php:113

디버깅하려고 error_log 로 찍어본 값: secretKey={tsk} cardNumber={cf} amount=39000""",
  ("payment_token", tsk), ("card", cf))

pw = R.choice(["Kiwi", "Orbit", "Nebula"]) + rnd("0123456789", 3) + "@" + R.choice(["river", "maple", "otter"])
mu = f"mongodb://root:{pw}@mongo:27017/"
S("ko", "config", f"""mongo-express 가 DB 에 못 붙어요. 비밀번호에 @ 가 들어가서 그런 건가요?

services:
  mongo:
    image: mongo:7
    environment:
      MONGO_INITDB_ROOT_USERNAME: root
      MONGO_INITDB_ROOT_PASSWORD: {pw}
  mongo-express:
    image: mongo-express:1.0
    environment:
      ME_CONFIG_MONGODB_URL: {mu}
    ports:
      - "8081:8081"
""", ("password", pw), ("url_credentials", mu))

ak1, sk1, ak2, sk2 = aws_key_id(), aws_secret(), aws_key_id("ASIA"), aws_secret()
S("ko", "config", f"""~/.aws/credentials 파일 내용입니다. --profile prod 로 주면 `InvalidClientTokenId` 가 떠요.

[default]
aws_access_key_id = {ak1}
aws_secret_access_key = {sk1}

[prod]
aws_access_key_id={ak2}
aws_secret_access_key={sk2}
region=ap-northeast-2""",
  ("aws_access_key", ak1), ("aws_secret_key", sk1), ("aws_access_key", ak2), ("aws_secret_key", sk2))

hft = hf()
S("ko", "code", f"""사내 org 모델을 받으려는데 401 이 납니다.

from huggingface_hub import login
from transformers import AutoModel

login(token="{hft}")  # 팀 공용 read 토큰
model = AutoModel.from_pretrained("acme-ai/ko-embed-v2")

requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://huggingface.co/api/models/acme-ai/ko-embed-v2/revision/main""",
  ("huggingface_token", hft))

pw = connpw(14)
S("ko", "log", f"""Unhandled exception. Microsoft.Data.SqlClient.SqlException (0x80131904): 사용자 'erp_reader'이(가) 로그인하지 못했습니다.
   at Microsoft.Data.SqlClient.SqlInternalConnection.OnError(SqlException exception, Boolean breakConnection, Action`1 wrapCloseInAction)
   at Microsoft.Data.SqlClient.TdsParser.ThrowExceptionAndWarning(TdsParserStateObject stateObj, Boolean callerHasConnectionLock, Boolean asyncClose)
   at Erp.Reports.Program.Main(String[] args) in C:\\src\\Erp.Reports\\Program.cs:line 22

연결 문자열은 이거예요: "Data Source=192.168.40.21\\SQLEXPRESS;Initial Catalog=ERP;User ID=erp_reader;Password={pw};TrustServerCertificate=True"
SSMS 로는 같은 계정으로 잘 들어가집니다.""",
  ("ip_address", "192.168.40.21"), ("password", pw))

tg = telegram()
S("ko", "log", f"""Sidekiq 잡이 텔레그램으로 알림 보낼 때 404 가 나요. 봇 토큰 형식이 틀린 건가요?

2026-11-24T05:12:09.331Z pid=8 tid=2ro class=NotifyJob jid=5b0c1e9a7f2d4c6e8a1b3d5f WARN: Faraday::ResourceNotFound: the server responded with status 404
  url: https://api.telegram.org/bot{tg}/sendMessage
  body: {{"ok":false,"error_code":404,"description":"Not Found"}}""",
  ("telegram_token", tg))

hv = vault()
S("ko", "config", f"""vault-agent 사이드카가 `permission denied` 를 내요. 토큰 정책 문제인지 봐주세요. values.yaml:

vault:
  address: https://vault.infra.internal:8200
  token: "{hv}"
  role: payments
  secretPath: kv/data/payments/prod""",
  ("cloud_token", hv))

ok = openssh_key()
S("ko", "prose", f"""서버(10.20.30.41)에 배포 키로 접속하면 `Load key "deploy_key": invalid format` 이 떠요. 윈도우에서 복사해서 줄바꿈이 CRLF 로 바뀐 걸까요? 키 파일은 이렇게 생겼어요:

{ok}

ssh -i deploy_key ubuntu@10.20.30.41 으로 접속합니다.""",
  ("ip_address", "10.20.30.41"), ("private_key", ok))

r1, r2 = kr_rrn(), kr_rrn()
S("ko", "table", f"""고객 테이블 마이그레이션 중에 `Incorrect string value` 에러가 나는 행들입니다:

| id   | 이름   | 주민번호        | 연락처            |
|------|--------|-----------------|-------------------|
| 1021 | 박서연 | {r1}  | 010-3391-2274     |
| 1022 | 이도윤 | {r2}  | +82 10-7781-0045  |

컬럼 charset 이 utf8 이라서 그런가요?""",
  ("kr_rrn", r1), ("phone", "010-3391-2274"), ("kr_rrn", r2), ("phone", "+82 10-7781-0045"))

pw = password()
S("ko", "config", f"""카프카 프로듀서에서 `SaslAuthenticationException: Authentication failed: Invalid username or password` 가 납니다.

spring.kafka.bootstrap-servers=kafka-1.prod.internal:9092,kafka-2.prod.internal:9092
spring.kafka.properties.security.protocol=SASL_PLAINTEXT
spring.kafka.properties.sasl.mechanism=PLAIN
spring.kafka.properties.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username='order-producer' password='{pw}';""",
  ("password", pw))

# ---- ko hard negatives ----
S("ko", "config", f"""jasypt 로 암호화한 비밀번호가 복호화가 안 돼요. `EncryptionOperationNotPossibleException` 이 납니다.

spring:
  datasource:
    url: jdbc:mysql://${{DB_HOST:localhost}}:3306/shop
    username: ${{DB_USER}}
    password: ENC({base64.b64encode(bytes(R.getrandbits(8) for _ in range(32))).decode()})
jasypt:
  encryptor:
    password: ${{JASYPT_ENCRYPTOR_PASSWORD}}
    algorithm: PBEWITHHMACSHA512ANDAES_256""")

S("ko", "log", """마스킹은 이제 잘 되는 것 같은데, 이름 마스킹이 두 글자 이름에서 깨져요:

2026-11-24 15:20:03.114 INFO  [exec-3] c.k.member.MemberService - member lookup: name=김*훈, rrn=900101-1******, phone=010-****-1936, email=j*****@n****.com
2026-11-24 15:20:03.118 INFO  [exec-3] c.k.member.MemberService - member lookup: name=이*, rrn=******-2******, phone=010-****-****""")

S("ko", "log", f"""redis 컨테이너가 계속 재시작해요.

$ docker ps -a
CONTAINER ID   IMAGE          COMMAND                  CREATED        STATUS                          PORTS
{sha(12)}   nginx:1.27.2   "/docker-entrypoint.…"   3 hours ago    Up 3 hours                      0.0.0.0:80->80/tcp
{sha(12)}   redis:7.4      "docker-entrypoint.s…"   3 hours ago    Restarting (1) 5 seconds ago

$ docker inspect --format '{{{{.Image}}}}' {sha(12)}
sha256:{sha(64)}""")

S("ko", "config", """신규 입사자용 .env.example 인데, 이대로 두면 앱이 안 뜨는 게 정상인가요?

# 발급받은 키로 교체하세요 (실제 키는 1Password 에 있음)
OPENAI_API_KEY=
TOSS_SECRET_KEY=test_sk_XXXXXXXXXXXXXXXXXXXXXXXX
KAKAO_REST_API_KEY=발급받은_REST_API_키
DB_PASSWORD=changeme
JWT_SECRET=<로컬에서 openssl rand -hex 32 로 생성>""")

S("ko", "log", f"""git bisect 돌려봤어요. 이 커밋부터 빌드가 깨집니다.

$ git bisect good v3.8.0
{sha(40)} is the first bad commit
$ git log --oneline -4
{sha(7)} (HEAD) fix: 주문 취소 시 쿠폰 복원
{sha(7)} chore: gradle 8.11 업그레이드
{sha(7)} feat: 정기결제 재시도 로직
{sha(7)} (tag: v3.8.0) release 3.8.0""")

S("ko", "prose", """로컬에서는 amqp://guest:guest@localhost:5672/ 로 잘 붙는데, 다른 서버에서 같은 guest 계정으로 접속하면 `ACCESS_REFUSED` 가 나요. 문서에 guest/guest 는 기본 계정이라고 되어 있던데 원격 접속이 막혀 있는 건가요?""")

S("ko", "log", f"""토큰 검증 실패 로그인데, 토큰 전체는 로그에 안 남기게 해놨어요. kid 가 로테이션된 키랑 안 맞는 걸까요?

2026-11-24T11:02:44.908+09:00 WARN  jwt-filter - verify failed kid=2024-09-rotating-01 alg=RS256 token=eyJhbGciOiJSUzI1NiIsImtpZCI6IjIwMjQtMDkt...(생략) trace_id={sha(32)} span_id={sha(16)}""")

S("ko", "json", f"""센트리에 올라온 이벤트인데 민감정보가 다 [Filtered] 로 나와서 원인을 모르겠어요.

{{"event_id":"{sha(32)}","level":"error","exception":{{"values":[{{"type":"IntegrityError","value":"duplicate key value violates unique constraint \\"users_email_key\\""}}]}},"request":{{"method":"POST","url":"https://api.shop.internal/v2/users","headers":{{"Authorization":"[Filtered]","Cookie":"[Filtered]"}},"data":{{"email":"[Filtered]","password":"[Filtered]","phone":"[Filtered]"}}}},"user":{{"id":"u_48213","ip_address":"{{{{auto}}}}"}}}}""")

# =====================================================================================
# de — 18 positives, 7 hard negatives
# =====================================================================================
dj, pw = django_secret(), password()
S("de", "code", f"""Nach dem Deploy bekomme ich `django.db.utils.OperationalError: FATAL:  password authentication failed for user "crm"`. settings/prod.py:

SECRET_KEY = "{dj}"
DEBUG = False
DATABASES = {{
    "default": {{
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "crm",
        "USER": "crm",
        "PASSWORD": "{pw}",
        "HOST": "10.30.0.15",
        "PORT": "5432",
    }}
}}

Mit psql von derselben VM klappt es. Woran kann das liegen?""",
  ("generic_secret", dj), ("password", pw), ("ip_address", "10.30.0.15"))

st, deib = de_steuer_id(), iban("DE")
deib_s = iban_spaced(deib)
S("de", "log", f"""Die Lohnabrechnung bricht bei einem Mitarbeiter ab, hier der Log-Auszug:

2026-11-24 07:45:12,881 WARN  [payroll-batch-3] d.a.p.ElstamImport - Validierung fehlgeschlagen für Personalnr. 40217: steuerId={st}, iban="{deib_s}", mail=katrin.vogel@stadtwerke-lindenau.de – Grund: Steuerklasse fehlt
2026-11-24 07:45:12,884 ERROR [payroll-batch-3] d.a.p.BatchRunner - Job LOHN-2026-11 abgebrochen (1 Fehler)

Warum fehlt die Steuerklasse, obwohl ELStAM abgerufen wurde?""",
  ("de_steuer_id", st), ("iban", deib_s), ("email", "katrin.vogel@stadtwerke-lindenau.de"))

pw = password()
S("de", "config", f"""Der Mail-Relay lehnt ab: `535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6`. Unsere application.properties:

spring.mail.host=mail.hoffmann-logistik.de
spring.mail.port=587
spring.mail.username=noreply@hoffmann-logistik.de
spring.mail.password={pw}
spring.mail.properties.mail.smtp.auth=true
spring.mail.properties.mail.smtp.starttls.enable=true""",
  ("email", "noreply@hoffmann-logistik.de"), ("password", pw))

pw = password()
S("de", "config", f"""Unser Go-Dienst kann sich nicht am LDAP binden: `LDAP Result Code 49 "Invalid Credentials": 80090308: LdapErr: DSID-0C090569, data 52e`. config.toml:

[ldap]
url           = "ldap://10.2.0.40:389"
bind_dn       = "cn=svc-gitea,ou=services,dc=firma,dc=intern"
bind_password = "{pw}"
base_dn       = "ou=people,dc=firma,dc=intern"
user_filter   = "(&(objectClass=person)(uid=%s))"
start_tls     = true""",
  ("ip_address", "10.2.0.40"), ("password", pw))

sk = stripe("sk_live_")
S("de", "log", f"""Der Stripe-Webhook-Handler wirft seit dem Umzug auf die neue Instanz:

StripeAuthenticationError: Invalid API Key provided: sk_live_********************{sk[-4:]}
    at res.toJSON.then.StripeAPIError.message (/app/node_modules/stripe/cjs/RequestSender.js:105:31)
    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)

In der .env steht aber STRIPE_KEY={sk} – das ist exakt der Key aus dem Dashboard.""",
  ("stripe_key", sk))

an, oas, mk = anthropic(), openai_svc(), mistral_key()
S("de", "config", f"""Der llm-gateway-Pod startet, aber alle Requests an Claude geben 401 zurück, OpenAI und Mistral gehen. Auszug aus values.yaml:

llmGateway:
  env:
    - name: ANTHROPIC_API_KEY
      value: "{an} "
    - name: OPENAI_API_KEY
      value: "{oas}"
    - name: MISTRAL_API_KEY
      value: {mk}
    - name: LOG_LEVEL
      value: debug""",
  ("anthropic_key", an), ("openai_key", oas), ("ai_api_key", mk))

hz, do, cft = hetzner_token(), do_token(), cloudflare_token()
S("de", "config", f"""terraform plan scheitert mit `hcloud: unable to authenticate your API token (unauthorized)`. providers.tf:

provider "hcloud" {{
  token = "{hz}"
}}

provider "digitalocean" {{
  token = "{do}"
}}

provider "cloudflare" {{
  api_token = "{cft}"
}}

Der Token ist im Hetzner-Projekt als Read & Write angelegt.""",
  ("cloud_token", hz), ("cloud_token", do), ("cloud_token", cft))

gl, dk, jira = gitlab(), dockerhub(), atlassian_token()
S("de", "config", f"""Die Pipeline kann nicht mehr zu Docker Hub pushen (`unauthorized: incorrect username or password`). .gitlab-ci.yml:

variables:
  GITLAB_TOKEN: "{gl}"
  DOCKERHUB_USER: acmebuild
  DOCKERHUB_TOKEN: "{dk}"
  JIRA_API_TOKEN: "{jira}"

build:
  stage: build
  script:
    - echo "$DOCKERHUB_TOKEN" | docker login -u "$DOCKERHUB_USER" --password-stdin
    - docker build -t acmebuild/shop:$CI_COMMIT_SHORT_SHA .
    - docker push acmebuild/shop:$CI_COMMIT_SHORT_SHA""",
  ("gitlab_token", gl), ("package_registry_token", dk), ("saas_token", jira))

pw1, pw2 = urlpw(16), urlpw(20)
dbu = f"mysql://shopware:{pw1}@db-master.intern:3306/shopware?serverVersion=8.0&charset=utf8mb4"
mdsn = f"smtp://bestellungen%40moebel-krause.de:{pw2}@smtp.ionos.de:587"
S("de", "config", f"""Symfony Mailer meldet `Connection could not be established with host "smtp.ionos.de:587"`. .env.local:

APP_ENV=prod
DATABASE_URL="{dbu}"
MAILER_DSN={mdsn}
MESSENGER_TRANSPORT_DSN=doctrine://default?auto_setup=0

Muss das @ im Benutzernamen so kodiert sein?""",
  ("url_credentials", dbu), ("url_credentials", mdsn))

pw = password()
S("de", "log", f"""Der Inventar-Service (Rust, tokio-postgres) startet im Container nicht:

Error: db pool init failed

Caused by:
    0: error connecting to server: Connection refused (os error 111)
    1: Connection refused (os error 111)

Konfiguration (Debug-Ausgabe): Config {{ user: Some("inventory"), password: Some(b"{pw}"), dbname: Some("inventory"), options: None, application_name: None, ssl_mode: Prefer, host: [Tcp("172.19.0.3")], port: [5432], connect_timeout: None }}""",
  ("password", pw), ("ip_address", "172.19.0.3"))

pw = password()
basic = b64s("logstash_writer:" + pw)
S("de", "code", f"""Warum bekomme ich hier 401, obwohl der Benutzer in Kibana angelegt ist?

resp = requests.post(
    "https://es01.logging.intern:9200/logs-app-*/_search",
    headers={{"Authorization": "Basic {basic}", "Content-Type": "application/json"}},
    json=query,
    verify=False,
)
# -> 401 security_exception: unable to authenticate user [logstash_writer] for REST request [/logs-app-*/_search]""",
  ("password", basic))

dw = discord_webhook()
S("de", "chat", f"""Jonas: Die Build-Benachrichtigungen in Discord kommen seit heute früh nicht mehr an 😕
Lea: Welcher Webhook ist in Jenkins hinterlegt?
Jonas: {dw}
Lea: Der Kanal wurde gestern umbenannt, vielleicht hat das den Webhook gekillt
Jonas: Ruf mich kurz an, ich bin mobil: 0171 4839207
Lea: bin im Call, schreib mir an lea.schaefer@pixelwerk-studio.de""",
  ("discord_webhook", dw), ("phone", "0171 4839207"), ("email", "lea.schaefer@pixelwerk-studio.de"))

az = azure_client_secret()
S("de", "json", f"""Beim Login über Entra ID kommt `AADSTS7000215: Invalid client secret provided`. Das Secret ist laut Portal noch 11 Monate gültig. appsettings.json:

"AzureAd": {{
  "Instance": "https://login.microsoftonline.com/",
  "TenantId": "3f1b6c2e-8a4d-4e7f-9b0c-5d2a1e8f7c63",
  "ClientId": "b7e2a9d4-1c3f-4a8e-b6d0-9f2c4e1a7b35",
  "ClientSecret": "{az}",
  "CallbackPath": "/signin-oidc"
}}""",
  ("azure_key", az))

twa, sg = twilio_auth(), sendgrid()
S("de", "config", f"""`rails credentials:show` gibt das hier aus, trotzdem schlägt der SMS-Versand mit `Twilio::REST::RestError: [HTTP 401] 20003 : Authenticate` fehl:

secret_key_base: <in ENV>
twilio:
  account_sid: <siehe 1Password>
  auth_token: {twa}
  from: "+4915735982260"
sendgrid:
  api_key: {sg}""",
  ("saas_token", twa), ("phone", "+4915735982260"), ("saas_token", sg))

dni, esib, cf, nir = es_dni(), iban("ES"), it_cf(), fr_nir()
S("de", "log", f"""Im KYC-Service werden gültige Dokumente abgelehnt. Log:

2026-11-24 12:03:44.118 ERROR [kyc-service] KycValidator - Dokument abgelehnt für Kunde 771203 (ES): dni={dni}, tel=+34 612 48 39 07, iban={esib}
2026-11-24 12:03:44.120 ERROR [kyc-service] KycValidator - Dokument abgelehnt für Kunde 771204 (IT): codiceFiscale={cf}, tel=+39 347 218 5590
2026-11-24 12:03:44.127 ERROR [kyc-service] KycValidator - Dokument abgelehnt für Kunde 771207 (FR): nir="{nir}"

Alle drei Prüfziffern sind korrekt, ich vermute der Regex für die Länder ist falsch.""",
  ("es_dni", dni), ("phone", "+34 612 48 39 07"), ("iban", esib), ("it_codice_fiscale", cf),
  ("phone", "+39 347 218 5590"), ("fr_nir", nir))

dapi = databricks()
S("de", "code", f"""Aus dem Notebook heraus klappt's, aus dem Airflow-Task bekomme ich `Error during request to server: 403 Invalid access token`:

from databricks import sql

with sql.connect(
    server_hostname="adb-4412873190553721.11.azuredatabricks.net",
    http_path="/sql/1.0/warehouses/8a1f3c9e2d7b6a40",
    access_token="{dapi}",
) as conn:
    ...""",
  ("cloud_token", dapi))

gs, nr, mc = grafana_sa(), newrelic(), mailchimp()
S("de", "config", f"""Der grafana-agent schickt keine Metriken, im Log steht nur `401 Unauthorized`. docker-compose.override.yml:

  grafana-agent:
    image: grafana/agent:v0.43.3
    environment:
      GRAFANA_CLOUD_TOKEN: {gs}
      NEW_RELIC_API_KEY: {nr}
      MAILCHIMP_API_KEY: {mc}
    volumes:
      - ./agent.yaml:/etc/agent/agent.yaml""",
  ("saas_token", gs), ("saas_token", nr), ("saas_token", mc))

pw = password()
kb = b64s(pw + "\n")
S("de", "config", f"""Keycloak meldet beim Start `FATAL: password authentication failed for user "keycloak"`. Ich habe das Secret so erzeugt: `echo "$PW" | base64`. Ist das falsch kodiert?

apiVersion: v1
kind: Secret
metadata:
  name: keycloak-db
  namespace: iam
type: Opaque
data:
  username: a2V5Y2xvYWs=
  password: {kb}""",
  ("password", kb))

# ---- de hard negatives ----
S("de", "code", """Lokal läuft alles, in der CI schlägt `manage.py check --deploy` fehl. settings.py:

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres:postgres@localhost:5432/crm"),
}
EMAIL_HOST_PASSWORD = os.getenv("EMAIL_HOST_PASSWORD", "")
SENTRY_DSN = env("SENTRY_DSN", default=None)""")

S("de", "log", f"""Im Audit-Log sieht man nur Sternchen, kann man trotzdem herausfinden, welcher Benutzer es war?

2026-11-24 09:12:03,551 INFO  [auth] Login fehlgeschlagen: benutzer=*** passwort=******** request_id={R.choice(HEX)}{sha(7)}-{sha(4)}-4{sha(3)}-a{sha(3)}-{sha(12)}
2026-11-24 09:12:03,552 INFO  [auth] Token-Refresh abgelehnt: refresh_token=[REDACTED] session=[REDACTED] trace={sha(32)}""")

S("de", "config", """MinIO und RabbitMQ laufen lokal, aber der Upload-Service bekommt `SignatureDoesNotMatch`. docker-compose.yml (nur lokale Entwicklung):

services:
  minio:
    image: minio/minio:RELEASE.2024-10-13T13-34-11Z
    command: server /data --console-address ":9001"
    environment:
      MINIO_ROOT_USER: minioadmin
      MINIO_ROOT_PASSWORD: minioadmin
  rabbitmq:
    image: rabbitmq:3.13-management
    environment:
      RABBITMQ_DEFAULT_USER: guest
      RABBITMQ_DEFAULT_PASS: guest
  upload:
    environment:
      S3_ENDPOINT: http://minio:9000
      S3_ACCESS_KEY: ${S3_ACCESS_KEY}
      S3_SECRET_KEY: ${S3_SECRET_KEY}""")

S("de", "log", f"""Seit Build {R.randint(4000, 9000)} kommt beim Start diese Exception, vorher nicht:

java.lang.NoSuchMethodError: 'void org.apache.kafka.clients.consumer.KafkaConsumer.subscribe(java.util.Collection)'
\tat de.acme.lager.events.Listener.start(Listener.java:44)
\tat de.acme.lager.App.main(App.java:19)

Build-Info: git.commit.id={sha(40)} git.branch=main
Image: registry.acme.intern/lager/events@sha256:{sha(64)}
Container: {sha(64)}""")

pk = public_pem()
S("de", "prose", f"""Ich versuche in Node ein RS256/ES256-Token zu verifizieren, bekomme aber `JsonWebTokenError: invalid algorithm`. Das ist der öffentliche Schlüssel, den uns der Identity-Provider gegeben hat:

{pk}

Aufruf: jwt.verify(token, publicKey, {{ algorithms: ["RS256"] }})""")

S("de", "code", f"""Mit dem Seed-User kann ich mich lokal nicht einloggen. Stimmen die Hashes?

-- db/seeds/001_users.sql (Testdaten)
INSERT INTO users (id, login, password_hash) VALUES
  (1, 'admin', '{bcrypt_like()}'),
  (2, 'demo',  '{argon_like()}');
-- Klartext steht im Wiki, hier nur Hashes""")

S("de", "prose", """Im CSV-Export sind die Zahlungsdaten jetzt maskiert, so wie vom Datenschutz gefordert: IBAN DE** **** **** **** **42 17, Karte **** **** **** 4821, Ablauf **/**. Die Fachabteilung fragt, ob wir die letzten vier Stellen überhaupt zeigen dürfen. In der Konfiguration steht nur PAYPAL_CLIENT_SECRET=${PAYPAL_CLIENT_SECRET} und ADYEN_API_KEY=<aus Vault>.""")

# =====================================================================================
# ja — 17 positives, 8 hard negatives
# =====================================================================================
mn = jp_mynumber()
S("ja", "log", f"""給与計算バッチのログに個人情報がそのまま出力されていました。ログレベルを下げれば消えますか？

[2026-11-24 18:22:05] ERROR PayrollJob: 社員番号=A10233 氏名=佐藤 美咲 個人番号={mn} 電話=090-3412-7786 メール=misaki.sato@kawada-denki.co.jp 理由=扶養情報不整合
[2026-11-24 18:22:05] ERROR PayrollJob: 1件の処理に失敗しました""",
  ("jp_mynumber", mn), ("phone", "090-3412-7786"), ("email", "misaki.sato@kawada-denki.co.jp"))

gk = google_key()
S("ja", "log", f"""Geocoding API が REQUEST_DENIED を返します。APIの制限設定の問題でしょうか？

2026/11/24 09:03:11 geocode.go:54: request failed: status=REQUEST_DENIED msg="This API key is not authorized to use this service or API." url=https://maps.googleapis.com/maps/api/geocode/json?address=%E6%9D%B1%E4%BA%AC%E9%83%BD&key={gk}
2026/11/24 09:03:11 main.go:102: geocode batch aborted (0/318 done)""",
  ("google_api_key", gk))

pw, mg = password(), mailgun()
S("ja", "config", f"""本番だけ `SQLSTATE[HY000] [2002] Connection refused` になります。.env を貼ります：

APP_ENV=production
DB_CONNECTION=mysql
DB_HOST=192.168.1.20
DB_PORT=3306
DB_DATABASE=hanamizuki
DB_USERNAME=hanamizuki
DB_PASSWORD={pw}
MAIL_MAILER=mailgun
MAILGUN_DOMAIN=mg.hanamizuki-shop.jp
MAILGUN_SECRET={mg}""",
  ("ip_address", "192.168.1.20"), ("password", pw), ("saas_token", mg))

pw = urlpw(24)
ru = f"rediss://:{pw}@cache.jp-east.internal:6380/0"
S("ja", "log", f"""FastAPI の起動時に Redis 認証で落ちます。

  File "/usr/local/lib/python3.12/site-packages/redis/asyncio/connection.py", line 341, in on_connect
    raise AuthenticationError("Invalid Username or Password")
redis.exceptions.AuthenticationError: invalid username-password pair or user is disabled.

設定値: REDIS_URL="{ru}"
ElastiCache 側は AUTH トークンを今朝ローテーションしました。""",
  ("url_credentials", ru))

pw = urlpw(20)
pu = f"postgresql://app_user:{pw}@db.prod.internal:5432/app?schema=public&connection_limit=5"
S("ja", "log", f"""prisma migrate deploy が失敗します。

Error: P1000: Authentication failed against database server at `db.prod.internal`, the provided database credentials for `app_user` are not valid.

Please make sure to provide valid database credentials for the database server at `db.prod.internal`.

.env:
DATABASE_URL="{pu}"
""", ("url_credentials", pu))

p1, p2 = password(), password()
S("ja", "config", f"""アプリコンテナから MySQL に接続できません（Access denied for user 'reserve'@'172.18.0.4'）。docker-compose.yml：

  mysql:
    image: mysql:8.4
    environment:
      MYSQL_ROOT_PASSWORD: {p1}
      MYSQL_DATABASE: reserve
      MYSQL_USER: reserve
      MYSQL_PASSWORD: {p2}
    volumes:
      - mysql-data:/var/lib/mysql

ボリュームを作り直さないとパスワード変更は反映されない、という話を聞いたのですが本当ですか？""",
  ("ip_address", "172.18.0.4"), ("password", p1), ("password", p2))

pw = urlpw(18)
aq = f"amqps://order_svc:{pw}@b-3f9c1a2e-7d4b-4e8a-9c1f-2a6b8d0e4f13.mq.ap-northeast-1.amazonaws.com:5671"
S("ja", "log", f"""Amazon MQ に切り替えたら Spring のリスナーが接続できません。

2026-11-24T10:05:31.204+09:00  WARN 1 --- [ntContainer#0-1] o.s.a.r.l.SimpleMessageListenerContainer : Consumer raised exception, processing can restart if the connection factory supports it. Exception summary: org.springframework.amqp.AmqpAuthenticationException: com.rabbitmq.client.AuthenticationFailureException: ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN.

application.properties:
spring.rabbitmq.addresses={aq}
spring.rabbitmq.virtual-host=/""",
  ("url_credentials", aq))

ng, sg = nuget_key(), sendgrid()
S("ja", "log", f"""NuGet への push が 403 になります。キーのスコープの問題でしょうか。

> dotnet nuget push bin/Release/Sakura.Mail.1.4.0.nupkg --api-key {ng} --source https://api.nuget.org/v3/index.json
Pushing Sakura.Mail.1.4.0.nupkg to 'https://www.nuget.org/api/v2/package'...
  PUT https://www.nuget.org/api/v2/package/
  Forbidden https://www.nuget.org/api/v2/package/ 312ms
error: Response status code does not indicate success: 403 (The specified API key is invalid, has expired, or does not have permission to access the specified package.).

ちなみに統合テストも SENDGRID_API_KEY={sg} で送信元 info@sakura-travel.jp が未認証と言われて落ちています。""",
  ("package_registry_token", ng), ("saas_token", sg), ("email", "info@sakura-travel.jp"))

xp = slack_user()
S("ja", "chat", f"""田中: 社内ボットから chat.postMessage を呼ぶと not_authed になります
鈴木: どのトークン使ってます？Bot トークン？
田中: いえ、ユーザートークンで {xp} です。サーバーは 10.100.2.33 から叩いてます
鈴木: Authorization ヘッダーじゃなくて token パラメータで渡してます？
田中: ヘッダーです。Bearer 付けてます""",
  ("slack_token", xp), ("ip_address", "10.100.2.33"))

dt = discord_token()
S("ja", "prose", f"""## discord.py で `LoginFailure: Improper token has been passed.` が出る

Bot を以下のように起動しています：

```python
bot.run("{dt}")
```

トークンは Developer Portal の Bot タブで Reset Token してコピーしたものです。Privileged Gateway Intents は全部オンにしています。""",
  ("discord_token", dt))

sq, sh = square(), shopify("shpat_")
S("ja", "config", f"""決済サービスのヘルスチェックが 401 で失敗します。Helm の values-prod.yaml：

payment:
  provider: square
  square:
    environment: production
    accessToken: {sq}
    locationId: L8XQ2M4K9N3PT
shopify:
  shop: hanamizuki-shop.myshopify.com
  adminToken: {sh}""",
  ("payment_token", sq), ("saas_token", sh))

pp = pypi()
S("ja", "config", f"""twine upload で `403 Forbidden: Invalid or non-existent authentication information` になります。~/.pypirc：

[distutils]
index-servers =
    pypi

[pypi]
username = __token__
password = {pp}""",
  ("package_registry_token", pp))

gq, xa, rp = groq(), xai(), replicate()
S("ja", "code", f"""LangChain で Groq と Grok を切り替えるサンプルを書いたのですが、Grok 側だけ 400 になります。

import os
from langchain_groq import ChatGroq
from langchain_xai import ChatXAI

os.environ["GROQ_API_KEY"] = "{gq}"
os.environ["REPLICATE_API_TOKEN"] = "{rp}"

llm = ChatGroq(model="llama-3.3-70b-versatile", temperature=0)
grok = ChatXAI(api_key="{xa}", model="grok-2-latest")""",
  ("ai_api_key", gq), ("ai_api_key", rp), ("ai_api_key", xa))

rk = pem_rsa_traditional()
S("ja", "prose", f"""SSL 証明書を更新したら nginx が起動しなくなりました。`SSL_CTX_use_PrivateKey("/etc/nginx/ssl/shop.key") failed (SSL: error:05800074:x509 certificate routines::key values mismatch)` と出ます。鍵ファイルの中身はこれです：

{rk}

CSR を作り直したときに別の鍵を使ってしまったのでしょうか？""",
  ("private_key", rk))

dsn = sentry_dsn()
S("ja", "code", f"""Next.js で Sentry にイベントが送られません。ブラウザのコンソールには何も出ません。

// sentry.client.config.ts
import * as Sentry from "@sentry/nextjs";

Sentry.init({{
  dsn: "{dsn}",
  tracesSampleRate: 0.2,
  enabled: process.env.NODE_ENV === "production",
}});""",
  ("url_credentials", dsn))

jc = card("jcb")
S("ja", "log", f"""問い合わせフォーム経由の注文で 500 エラーになります。ログ：

2026-11-24T13:45:20+09:00 [error] OrderController.php:212 決済失敗 user=yuki.nakamura@outlook.jp tel=03-5412-8890 card={jc} exp=08/28 remote_addr=133.242.18.77
2026-11-24T13:45:20+09:00 [error] PaymentGateway: E0421 カード会社に接続できません

カード番号がログに出ているのも問題ですよね…""",
  ("email", "yuki.nakamura@outlook.jp"), ("phone", "03-5412-8890"), ("card", jc), ("ip_address", "133.242.18.77"))

nric, ad, bsn = sg_nric(), aadhaar(), nl_bsn()
adf = aadhaar_fmt(ad)
S("ja", "json", f"""海外子会社の社員データ取り込みでバリデーションエラーになります。入力 JSON の該当部分です：

[
  {{"emp": "SG-0142", "name": "Tan Wei Ling", "nric": "{nric}", "mobile": "+65 9123 4471"}},
  {{"emp": "IN-0388", "name": "Arjun Mehta", "aadhaar": "{adf}", "mobile": "+91 98450 31277"}},
  {{"emp": "NL-0057", "name": "Daan de Vries", "bsn": "{bsn}", "mobile": null}}
]

エラー: `ValidationError: national_id: string does not match pattern ^[0-9]{{12}}$`""",
  ("sg_nric", nric), ("phone", "+65 9123 4471"), ("in_aadhaar", adf), ("phone", "+91 98450 31277"), ("nl_bsn", bsn))

# ---- ja hard negatives ----
S("ja", "config", """新メンバー向けの .env.example です。このまま起動すると "Invalid API key" になるのは想定どおりですか？

# 各自で発行したキーに置き換えてください（本物のキーはコミットしないこと）
OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxx
GOOGLE_MAPS_API_KEY=YOUR_API_KEY
LINE_CHANNEL_SECRET=
DATABASE_URL=mysql://user:password@localhost:3306/app_dev
REDIS_URL=redis://localhost:6379/0""")

S("ja", "log", f"""カード情報はマスクして出すようにしました。これで PCI DSS 的に問題ないでしょうか？

2026-11-24T14:02:11+09:00 [info] 決済完了 order_id=ORD-20261124-{rnd('0123456789', 6)} card=**** **** **** 4821 brand=VISA amount=12800 auth_code=[MASKED] txn_id={sha(24)}
2026-11-24T14:02:12+09:00 [info] メール送信キュー投入 message_id=<{sha(16)}@mailer> recipient=<redacted>""")

S("ja", "log", f"""Pod が ImagePullBackOff のままです。

$ kubectl get pods -n shop
NAME                          READY   STATUS             RESTARTS   AGE
shop-api-7d9f8c6b5-x2lqz      0/1     ImagePullBackOff   0          12m
$ kubectl describe pod shop-api-7d9f8c6b5-x2lqz -n shop | grep -A2 Events
  Warning  Failed  12m  kubelet  Failed to pull image "asia-northeast1-docker.pkg.dev/shop-prod/api/shop-api@sha256:{sha(64)}": not found
imagePullSecrets は既存の Secret `gar-pull` を参照しています。""")

S("ja", "code", """テストが CI でだけ落ちます。フィクスチャはダミー値です（本物ではありません）。

# tests/conftest.py
@pytest.fixture
def fake_settings():
    return Settings(
        stripe_api_key="dummy-stripe-key-for-tests",
        slack_webhook_url="https://hooks.slack.invalid/services/TEST/TEST/TEST",
        db_password="not-a-real-password",
        jwt_secret="test-secret",
    )""")

spub = ssh_public("ops-bastion")
S("ja", "prose", f"""踏み台サーバーに公開鍵を登録したのに `Permission denied (publickey)` になります。authorized_keys に追加したのはこの行です：

{spub}

サーバー側のホスト鍵フィンガープリントは SHA256:{rnd(ALNUM + '+/', 43)} で、接続先はドキュメント用の例と同じ 192.0.2.10 にしてあります（本番は別）。""")

S("ja", "log", f"""GitHub Actions のキャッシュが毎回ミスします。

Run actions/cache@v4
Cache not found for input keys: Linux-pnpm-{sha(64)}
##[debug]run_id=11{rnd('0123456789', 9)} job_id={rnd('0123456789', 11)} sha={sha(40)}
Received 0 of 0 (100.0%), 0.0 MBs/sec""")

S("ja", "config", """Helm チャートで既存の Secret を参照させたいのですが、Pod に環境変数が入りません。

env:
  - name: DB_PASSWORD
    valueFrom:
      secretKeyRef:
        name: shop-db
        key: password
  - name: OPENAI_API_KEY
    value: "{{ .Values.openai.apiKey }}"
openai:
  apiKey: ""   # --set openai.apiKey=... で渡す想定
existingSecret: shop-credentials""")

S("ja", "log", f"""API ゲートウェイのアクセスログです。認証ヘッダーは伏せてあります。401 の原因が分かりません。

{{"ts":"2026-11-24T08:01:44.512+09:00","level":"warn","path":"/v1/orders","status":401,"authorization":"Bearer <redacted>","x_request_id":"{sha(8)}-{sha(4)}-4{sha(3)}-8{sha(3)}-{sha(12)}","trace_id":"{sha(32)}","client_ip":"127.0.0.1","latency_ms":3}}""")

write_corpus(OUT, sys.argv[1])
