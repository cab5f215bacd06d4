"""Fresh set 12c (2026-11-25): written by a helper who read only fakegen.py, never the rules
(en/de/ko/ja); scored once (docs/detection.md). Values are generated (fake): see fakegen.py.
Usage: python3 fresh12c_2026_11_25.py OUT.jsonl
"""
import sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *  # noqa
from fakegen import R, rnd, rnd_mixed, ALNUM, HEX
import base64, string, subprocess, tempfile, urllib.parse

seed(1230)
OUT = []
S = sample_adder(OUT, "f12c")
# S(lang, kind, text, (type, value), (type, value), ...)

LOWER_DIG = string.ascii_lowercase + string.digits
UPPER_DIG = string.ascii_uppercase + string.digits


def t(s, **kw):
    """Fill ⟨name⟩ slots (code is full of braces, so no str.format)."""
    for k, v in kw.items():
        s = s.replace("⟨" + k + "⟩", v)
    assert "⟨" not in s, s
    return s.strip("\n")


def chat(intro, tag, code, outro=""):
    s = intro + "\n\n```" + tag + "\n" + code + "\n```"
    return s + ("\n\n" + outro if outro else "")


# ---- extra generators (documented real-world formats; all random, never real) ----
def uuid4():
    h = rnd(HEX, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{R.choice('89ab')}{h[17:20]}-{h[20:]}"


def b64bytes(n, url=False):
    b = bytes(R.getrandbits(8) for _ in range(n))
    return (base64.urlsafe_b64encode(b).decode().rstrip("=") if url else base64.b64encode(b).decode())


def pw_url():  # password safe inside a URL userinfo
    return R.choice(["Quartz", "harbor", "Lumen", "cobalt", "Meadow", "Trident"]) + rnd("0123456789", 3) + \
        R.choice("-_.") + rnd_mixed(ALNUM, 9)


def wp_salt():
    alpha = ALNUM + "!#$%&()*+,-./:;<=>?@[]^_`{|}~ "
    return rnd(alpha, 64)


def django_secret():
    return rnd_mixed(LOWER_DIG + "!@#%^&*(-_=+)", 50)


def braintree():
    return "access_token$production$" + rnd(LOWER_DIG, 16) + "$" + rnd(HEX, 32)


def openrouter():
    return "sk-or-v1-" + rnd(HEX, 64)


def deepseek():
    return "sk-" + rnd(HEX, 32)


def mapbox(kind):
    return kind + "." + b64u({"u": "acme-maps", "a": "cl" + rnd(LOWER_DIG, 23)}) + "." + rnd_mixed(ALNUM + "-_", 22)


def tfc():
    return rnd_mixed(ALNUM, 14) + ".atlasv1." + rnd_mixed(ALNUM, 67)


def cloudflare():
    return rnd_mixed(ALNUM + "-_", 40)


def alibaba_id():
    return "LTAI5t" + rnd_mixed(ALNUM, 18)


def line_token():
    return rnd_mixed(ALNUM + "+/", 171) + "="


def toss(kind):
    return f"live_{kind}_" + rnd_mixed(ALNUM, 28)


def payjp(kind):
    return f"{kind}_live_" + rnd(HEX, 24)


def mollie():
    return "live_" + rnd_mixed(ALNUM, 30)


def nuget():
    return "oy2" + rnd(LOWER_DIG, 43)


def rubygems():
    return "rubygems_" + rnd(HEX, 48)


def crates():
    return "cio" + rnd_mixed(ALNUM, 32)


def atlassian():
    return "ATATT3xFfGF0" + rnd_mixed(ALNUM + "-_", 170) + "=" + rnd("0123456789ABCDEF", 8)


def azdo_pat():
    return rnd("abcdefghijklmnopqrstuvwxyz234567", 52)


def bcrypt():
    return "$2b$12$" + rnd("./" + ALNUM, 53)


def ean13(prefix):
    body = prefix + rnd("0123456789", 12 - len(prefix))
    s = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body))
    return body + str((10 - s % 10) % 10)


def ssh_pub(kind):
    d = tempfile.mkdtemp()
    p = os.path.join(d, "k")
    args = ["-t", "ed25519"] if kind == "ed" else ["-t", "rsa", "-b", "2048"]
    subprocess.run(["ssh-keygen", "-q", *args, "-N", "", "-C", "x", "-f", p], check=True)
    pub = open(p + ".pub").read().split()[1]
    fp = subprocess.run(["ssh-keygen", "-lf", p + ".pub"], capture_output=True, text=True, check=True).stdout.split()[1]
    return pub, fp


def public_cert():
    d = tempfile.mkdtemp()
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", os.path.join(d, "k"), "-out", os.path.join(d, "c"), "-days", "3650",
                    "-subj", "/O=Acme Corp/CN=Acme Internal Issuing CA 2"], check=True, capture_output=True)
    return open(os.path.join(d, "c")).read().strip()


def webp_b64():
    body = b"WEBPVP8 " + bytes(R.getrandbits(8) for _ in range(150))
    return base64.b64encode(b"RIFF" + len(body).to_bytes(4, "little") + body).decode()


def rrn_valid(v):
    d = v.replace("-", "")
    w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
    return (11 - sum(int(a) * b for a, b in zip(d, w)) % 11) % 10 == int(d[12])


# =====================================================================================
# 1  Go, Stripe secret key as a package constant; publishable key in a comment (not secret)
sk, pk = stripe("sk_live_"), stripe("pk_live_")
S("en", "code", t(r'''
package billing

import (
	"github.com/stripe/stripe-go/v76"
	"github.com/stripe/stripe-go/v76/paymentintent"
)

// Publishable key for the checkout page lives in web/config.ts: ⟨pk⟩
const stripeSecret = "⟨sk⟩"

func init() {
	stripe.Key = stripeSecret
}

func Charge(amount int64, idem string) (*stripe.PaymentIntent, error) {
	params := &stripe.PaymentIntentParams{
		Amount:   stripe.Int64(amount),
		Currency: stripe.String(string(stripe.CurrencyEUR)),
	}
	params.SetIdempotencyKey(idem) // e.g. "⟨u⟩"
	return paymentintent.New(params)
}
''', pk=pk, sk=sk, u=uuid4()), ("stripe_key", sk))

# 2  Rust const OpenAI project key
k = openai_proj()
S("en", "code", t(r'''
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};

const OPENAI_API_KEY: &str = "⟨k⟩";
const MODEL: &str = "gpt-4o-mini-2024-07-18";

pub async fn summarize(client: &reqwest::Client, text: &str) -> anyhow::Result<String> {
    let body = serde_json::json!({
        "model": MODEL,
        "messages": [{"role": "user", "content": format!("Summarize:\n{text}")}]
    });
    let resp: serde_json::Value = client
        .post("https://api.openai.com/v1/chat/completions")
        .header(AUTHORIZATION, format!("Bearer {OPENAI_API_KEY}"))
        .header(CONTENT_TYPE, "application/json")
        .json(&body)
        .send()
        .await?
        .json()
        .await?;
    Ok(resp["choices"][0]["message"]["content"].as_str().unwrap_or_default().to_string())
}
''', k=k), ("openai_key", k))

# 3  ko chat + Spring @Value defaults with AWS keys
ak, sk = aws_key_id(), aws_secret()
S("ko", "code", chat("스프링 부트에서 S3 업로드가 로컬에서는 되는데 운영에서는 403이 나요. 설정 클래스 첨부합니다:", "java", t(r'''
@Configuration
public class S3Config {

    @Value("${cloud.aws.credentials.access-key:⟨ak⟩}")
    private String accessKey;

    @Value("${cloud.aws.credentials.secret-key:⟨sk⟩}")
    private String secretKey;

    @Value("${cloud.aws.region.static:ap-northeast-2}")
    private String region;

    @Bean
    public AmazonS3 amazonS3() {
        BasicAWSCredentials creds = new BasicAWSCredentials(accessKey, secretKey);
        return AmazonS3ClientBuilder.standard()
                .withRegion(region)
                .withCredentials(new AWSStaticCredentialsProvider(creds))
                .build();
    }
}
''', ak=ak, sk=sk), "운영 서버에는 환경변수로 다른 키가 들어가 있는데 기본값이 먹는 것 같아요."),
  ("aws_access_key", ak), ("aws_secret_key", sk))

# 4  Kotlin default constructor parameter with fine-grained GitHub PAT; commit SHA near-miss
pat = github_pat()
S("en", "code", t(r'''
// Fixes #412 (rate limiting), see commit ⟨sha⟩
class GitHubAuthInterceptor(
    private val token: String = "⟨pat⟩"
) : Interceptor {
    override fun intercept(chain: Interceptor.Chain): Response {
        val req = chain.request().newBuilder()
            .addHeader("Authorization", "Bearer $token")
            .addHeader("X-GitHub-Api-Version", "2022-11-28")
            .build()
        return chain.proceed(req)
    }
}
''', sha=rnd(HEX, 40), pat=pat), ("github_token", pat))

# 5  C# SendGrid constructor argument + sender address
sg = sendgrid()
S("en", "code", t(r'''
public class InvoiceMailer
{
    private readonly SendGridClient _client = new SendGridClient("⟨sg⟩");

    public async Task SendAsync(string to, byte[] pdf, string invoiceNo)
    {
        var msg = new SendGridMessage
        {
            From = new EmailAddress("billing@northwind-traders.co", "Northwind Billing"),
            Subject = $"Invoice {invoiceNo}",
        };
        msg.AddTo(to);
        msg.AddAttachment($"{invoiceNo}.pdf", Convert.ToBase64String(pdf));
        // template id is not a secret
        msg.SetTemplateId("d-⟨tmpl⟩");
        await _client.SendEmailAsync(msg);
    }
}
''', sg=sg, tmpl=rnd(HEX, 32)), ("saas_token", sg), ("email", "billing@northwind-traders.co"))

# 6  wp-config.php
pw, s1, s2 = password(), wp_salt(), wp_salt()
S("en", "config", t(r'''
<?php
define( 'DB_NAME', 'wp_shop' );
define( 'DB_USER', 'wp_shop_rw' );
define( 'DB_PASSWORD', '⟨pw⟩' );
define( 'DB_HOST', '10.0.12.7:3306' );
define( 'DB_CHARSET', 'utf8mb4' );

define( 'AUTH_KEY',         '⟨s1⟩' );
define( 'SECURE_AUTH_KEY',  '⟨s2⟩' );
define( 'LOGGED_IN_KEY',    'put your unique phrase here' );
define( 'NONCE_KEY',        'put your unique phrase here' );

$table_prefix = 'wp_';
define( 'WP_DEBUG', false );
''', pw=pw, s1=s1, s2=s2), ("password", pw), ("ip_address", "10.0.12.7"),
  ("generic_secret", s1), ("generic_secret", s2))

# 7  Ruby Twilio: auth token + phone numbers (Account SID is an identifier, not a secret)
tok = rnd(HEX, 32)
S("en", "code", t(r'''
require "twilio-ruby"

ACCOUNT_SID = "AC⟨sid⟩"
AUTH_TOKEN  = "⟨tok⟩"

client = Twilio::REST::Client.new(ACCOUNT_SID, AUTH_TOKEN)

def notify_on_call(client, body)
  client.messages.create(
    from: "+16282047731",
    to:   "+447700912384",
    body: body
  )
end
''', sid=rnd(HEX, 32), tok=tok), ("saas_token", tok), ("phone", "+16282047731"), ("phone", "+447700912384"))

# 8  ja chat + Swift Google Maps key
gk = google_key()
S("ja", "code", chat("iOSアプリで地図が真っ白のままです。AppDelegate はこんな感じです。キーのiOSアプリ制限はかけてあります。", "swift", t(r'''
import GoogleMaps

@main
class AppDelegate: UIResponder, UIApplicationDelegate {
    func application(_ application: UIApplication,
                     didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]?) -> Bool {
        GMSServices.provideAPIKey("⟨gk⟩")
        return true
    }
}
''', gk=gk)), ("google_api_key", gk))

# 9  TypeScript Anthropic key as default parameter
ak = anthropic()
S("en", "code", t(r'''
import Anthropic from "@anthropic-ai/sdk";

export function makeClient(apiKey = "⟨ak⟩") {
  return new Anthropic({ apiKey, maxRetries: 3 });
}

export async function classify(ticket: string) {
  const client = makeClient();
  const msg = await client.messages.create({
    model: "claude-3-5-sonnet-20241022",
    max_tokens: 256,
    messages: [{ role: "user", content: ticket }],
  });
  return msg.content;
}
''', ak=ak), ("anthropic_key", ak))

# 10 ko chat + HF token; revision hash is a near-miss
hft = hf()
S("ko", "code", chat("허깅페이스에서 비공개 데이터셋을 불러오려는데 401이 납니다. 코드는 아래와 같아요.", "python", t(r'''
from huggingface_hub import login
from datasets import load_dataset

login(token="⟨hf⟩")

ds = load_dataset(
    "acme-ai/support-tickets-ko",
    revision="⟨sha⟩",
    split="train",
)
print(ds)
''', hf=hft, sha=rnd(HEX, 40)), "revision 은 커밋 해시로 고정했습니다."), ("huggingface_token", hft))

# 11 shell: exported GitLab token + curl -u user:password
gl, pw = gitlab(), password()
S("en", "code", t(r'''
#!/usr/bin/env bash
set -euo pipefail

export GITLAB_TOKEN="⟨gl⟩"
PROJECT_ID=48213377

# trigger nightly pipeline
curl --fail -X POST \
  --header "PRIVATE-TOKEN: ${GITLAB_TOKEN}" \
  "https://gitlab.com/api/v4/projects/${PROJECT_ID}/pipeline?ref=main"

# push artefacts to the old Nexus box
curl -u 'deploy:⟨pw⟩' --upload-file build/app.tar.gz \
  https://nexus.corp.internal/repository/raw-releases/app-1.14.2.tar.gz
''', gl=gl, pw=pw), ("gitlab_token", gl), ("password", pw))

# 12 de chat + PowerShell: Azure client secret + SQL password; tenant/app GUIDs are not secret
azs, pw = azure_client_secret(), password()
S("de", "code", chat("Servus, das Skript für den nächtlichen Export läuft lokal, aber im Task Scheduler scheitert Connect-AzAccount. Sieht jemand den Fehler?", "powershell", t(r'''
$tenantId = "⟨ten⟩"
$appId    = "⟨app⟩"
$clientSecret = "⟨azs⟩"

$sec  = ConvertTo-SecureString $clientSecret -AsPlainText -Force
$cred = New-Object System.Management.Automation.PSCredential($appId, $sec)
Connect-AzAccount -ServicePrincipal -Tenant $tenantId -Credential $cred

# SQL-Login für den Export
$sqlPw   = ConvertTo-SecureString "⟨pw⟩" -AsPlainText -Force
$sqlCred = New-Object System.Management.Automation.PSCredential("exporter", $sqlPw)
Invoke-Sqlcmd -ServerInstance "sql-prod-weu.database.windows.net" -Database "erp" -Credential $sqlCred `
    -Query "SELECT * FROM dbo.Rechnungen WHERE Datum >= DATEADD(day, -1, GETDATE())" |
    Export-Csv -Path "D:\export\rechnungen.csv" -NoTypeInformation
''', ten=uuid4(), app=uuid4(), azs=azs, pw=pw)), ("azure_key", azs), ("password", pw))

# 13 Ansible group_vars
bp, rp = password(), password_random(18)
S("en", "config", t(r'''
# group_vars/db_servers.yml
ansible_user: deploy
ansible_become_password: "⟨bp⟩"

mysql_root_password: "⟨rp⟩"
mysql_replication_user: repl
mysql_replication_password: "{{ vault_mysql_replication_password }}"

db_primary: 10.20.1.11
db_replicas:
  - 10.20.1.12
  - 10.20.2.13
backup_bucket: s3://acme-db-backups/prod
''', bp=bp, rp=rp), ("password", bp), ("password", rp),
  ("ip_address", "10.20.1.11"), ("ip_address", "10.20.1.12"), ("ip_address", "10.20.2.13"))

# 14 de chat + Helm values: postgres password, Datadog API/app keys; image digest near-miss
pg, dd, dda = password_random(20), rnd(HEX, 32), rnd(HEX, 40)
S("de", "config", chat("Hier unsere values-prod.yaml, der Datadog-Agent meldet 403 – ist der Key falsch formatiert?", "yaml", t(r'''
image:
  repository: registry.acme.de/shop/api
  digest: sha256:⟨dig⟩

postgresql:
  auth:
    username: shop
    password: "⟨pg⟩"
    database: shop

datadog:
  apiKey: ⟨dd⟩
  appKey: ⟨dda⟩
  site: datadoghq.eu

ingress:
  hosts:
    - api.shop.acme.de
''', dig=rnd(HEX, 64), pg=pg, dd=dd, dda=dda)), ("password", pg), ("saas_token", dd), ("saas_token", dda))

# 15 GitHub Actions: hard-coded npm token next to secrets references and SHA-pinned actions
nt = npm()
S("en", "config", t(r'''
name: release
on:
  push:
    tags: ["v*"]
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@⟨s1⟩ # v4.1.1
      - uses: actions/setup-node@⟨s2⟩ # v4.0.2
        with:
          node-version: 20
          registry-url: https://registry.npmjs.org
      - run: npm ci
      - run: npm publish --access public
        env:
          NODE_AUTH_TOKEN: ⟨nt⟩   # TODO move to secrets.NPM_TOKEN
      - uses: softprops/action-gh-release@⟨s3⟩ # v2
        with:
          token: ${{ secrets.GITHUB_TOKEN }}
''', s1=rnd(HEX, 40), s2=rnd(HEX, 40), s3=rnd(HEX, 40), nt=nt), ("npm_token", nt))

# 16 GitLab CI: Docker Hub PAT inline, CI variables are references
dk = dockerhub()
S("en", "config", t(r'''
stages: [build, deploy]

variables:
  IMAGE: registry.gitlab.com/acme/api:$CI_COMMIT_SHORT_SHA

build:
  stage: build
  image: docker:24.0.7
  services: [docker:24.0.7-dind]
  script:
    - docker login -u $CI_REGISTRY_USER -p $CI_REGISTRY_PASSWORD $CI_REGISTRY
    - docker login -u acmebot -p ⟨dk⟩ docker.io   # pull rate limit workaround
    - docker build -t $IMAGE .
    - docker push $IMAGE
''', dk=dk), ("package_registry_token", dk))

# 17 Dockerfile: private index URL with credentials; base image digest near-miss
url = "https://ci-reader:" + high_entropy(32) + "@pypi.acme-internal.net/simple/"
S("en", "config", t(r'''
FROM python:3.12-slim@sha256:⟨dig⟩

ARG PIP_INDEX_URL=⟨url⟩
ENV PIP_INDEX_URL=${PIP_INDEX_URL} \
    PYTHONDONTWRITEBYTECODE=1

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["gunicorn", "app:create_app()", "-b", "0.0.0.0:8000"]
''', dig=rnd(HEX, 64), url=url), ("url_credentials", url))

# 18 ja chat + docker-compose
pw, mpw = pw_url(), password()
url = f"postgresql://app:{pw}@db:5432/app"
S("ja", "config", chat("ローカル開発用の compose です。minio だけ起動しません、何か分かりますか？", "yaml", t(r'''
services:
  db:
    image: postgres:16
    environment:
      POSTGRES_USER: app
      POSTGRES_PASSWORD: ⟨pw⟩
  minio:
    image: minio/minio:RELEASE.2024-06-13T22-53-53Z
    command: server /data --console-address ":9001"
    environment:
      MINIO_ROOT_USER: admin
      MINIO_ROOT_PASSWORD: "⟨mpw⟩"
  api:
    build: .
    environment:
      DATABASE_URL: ⟨url⟩
    depends_on: [db, minio]
''', pw=pw, mpw=mpw, url=url)), ("password", pw), ("password", mpw), ("url_credentials", url))

# 19 Terraform providers: AWS, DigitalOcean, Databricks
ak, sk, do, dapi = aws_key_id(), aws_secret(), do_token(), databricks()
S("en", "config", t(r'''
provider "aws" {
  region     = "eu-central-1"
  access_key = "⟨ak⟩"
  secret_key = "⟨sk⟩"
}

provider "digitalocean" {
  token = "⟨do⟩"
}

provider "databricks" {
  host  = "https://adb-4417283921734409.9.azuredatabricks.net"
  token = "⟨dapi⟩"
}

resource "aws_s3_bucket" "artifacts" {
  bucket = "acme-build-artifacts-eu"
}
''', ak=ak, sk=sk, do=do, dapi=dapi), ("aws_access_key", ak), ("aws_secret_key", sk),
  ("cloud_token", do), ("cloud_token", dapi))

# 20 Spring application.yml
pw, mpw, js = password(), password_random(16), high_entropy(64)
S("en", "config", t(r'''
spring:
  datasource:
    url: jdbc:postgresql://pg-prod.internal:5432/orders
    username: orders_svc
    password: "⟨pw⟩"
  mail:
    host: smtp.office365.com
    port: 587
    username: notifications@brightline-logistics.com
    password: "⟨mpw⟩"
    properties:
      mail.smtp.starttls.enable: true

app:
  jwt:
    secret: ⟨js⟩
    expiration-ms: 86400000
''', pw=pw, mpw=mpw, js=js), ("password", pw), ("email", "notifications@brightline-logistics.com"),
  ("password", mpw), ("generic_secret", js))

# 21 .properties: Stripe restricted key, Braintree access token, SMTP relay IP
rk, bt = stripe("rk_live_"), braintree()
S("en", "config", t(r'''
# payments.properties
stripe.api-key=⟨rk⟩
stripe.webhook.tolerance-seconds=300
braintree.environment=production
braintree.access-token=⟨bt⟩
smtp.relay.host=172.20.4.15
smtp.relay.port=25
feature.new-checkout=true
''', rk=rk, bt=bt), ("stripe_key", rk), ("payment_token", bt), ("ip_address", "172.20.4.15"))

# 22 appsettings.json: SQL password, Azure storage account key, Azure OpenAI key; App Insights key is not secret
pw, sak, aoai = password(), azure_storage_key(), rnd(HEX, 32)
S("en", "json", t(r'''
{
  "ConnectionStrings": {
    "Default": "Server=tcp:sql-orders-prod.database.windows.net,1433;Initial Catalog=orders;User ID=orders_app;Password=⟨pw⟩;Encrypt=True;",
    "Blob": "DefaultEndpointsProtocol=https;AccountName=acmeordersblob;AccountKey=⟨sak⟩;EndpointSuffix=core.windows.net"
  },
  "AzureOpenAI": {
    "Endpoint": "https://acme-oai-weu.openai.azure.com/",
    "ApiKey": "⟨aoai⟩",
    "Deployment": "gpt-4o"
  },
  "ApplicationInsights": {
    "ConnectionString": "InstrumentationKey=⟨g⟩;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/"
  },
  "Logging": { "LogLevel": { "Default": "Information" } }
}
''', pw=pw, sak=sak, aoai=aoai, g=uuid4()), ("password", pw), ("azure_key", sak), ("azure_key", aoai))

# 23 ko chat + .env
oa, an, sb = openai_svc(), anthropic(), slack_bot()
url = "redis://default:" + high_entropy(32) + "@redis-prod.kr.internal:6379/0"
S("ko", "config", chat("배포 서버 .env 파일인데 슬랙 알림이 안 와요. 토큰 스코프 문제일까요?", "dotenv", t(r'''
NODE_ENV=production
PORT=3000
OPENAI_API_KEY=⟨oa⟩
ANTHROPIC_API_KEY=⟨an⟩
SLACK_BOT_TOKEN=⟨sb⟩
REDIS_URL=⟨url⟩
SENTRY_ENVIRONMENT=prod
''', oa=oa, an=an, sb=sb, url=url)), ("openai_key", oa), ("anthropic_key", an), ("slack_token", sb),
  ("url_credentials", url))

# 24 Django settings.py
dj, pw, sg = django_secret(), password(), sendgrid()
S("en", "code", t(r'''
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "⟨dj⟩"
DEBUG = False
ALLOWED_HOSTS = ["shop.fernhill.io", "159.89.201.44"]

ADMINS = [("Priya Raman", "priya.raman@fernhill.io")]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "shop",
        "USER": "shop",
        "PASSWORD": "⟨pw⟩",
        "HOST": "db.fernhill.internal",
        "PORT": "5432",
    }
}

EMAIL_HOST = "smtp.sendgrid.net"
EMAIL_HOST_USER = "apikey"
EMAIL_HOST_PASSWORD = "⟨sg⟩"
EMAIL_PORT = 587
EMAIL_USE_TLS = True
''', dj=dj, pw=pw, sg=sg), ("generic_secret", dj), ("ip_address", "159.89.201.44"),
  ("email", "priya.raman@fernhill.io"), ("password", pw), ("saas_token", sg))

# 25 de chat + Slack and Discord webhooks; commit SHA near-miss
sw, dw = slack_webhook(), discord_webhook()
S("de", "code", chat("Moin! Unser Deploy-Hook soll in Slack und Discord posten, aber nur Discord kommt an. Code:", "python", t(r'''
import requests

SLACK_WEBHOOK = "⟨sw⟩"
DISCORD_WEBHOOK = "⟨dw⟩"

def announce(version: str, sha: str) -> None:
    text = f"Deployed {version} ({sha[:7]}) to prod"
    requests.post(SLACK_WEBHOOK, json={"text": text}, timeout=5)
    requests.post(DISCORD_WEBHOOK, json={"content": text}, timeout=5)

announce("2.8.1", "⟨sha⟩")
''', sw=sw, dw=dw, sha=rnd(HEX, 40))), ("slack_webhook", sw), ("discord_webhook", dw))

# 26 de chat + discord.py bot token
dt = discord_token()
S("de", "code", chat("Bot startet nicht, 'Improper token has been passed'. Hab den Token direkt aus dem Developer Portal kopiert:", "python", t(r'''
import discord

intents = discord.Intents.default()
intents.message_content = True
client = discord.Client(intents=intents)

@client.event
async def on_ready():
    print(f"Eingeloggt als {client.user} (ID: {client.user.id})")

client.run("⟨dt⟩")
''', dt=dt)), ("discord_token", dt))

# 27 ko chat + Telegram bot token in a builder call
tg = telegram()
S("ko", "code", chat("텔레그램 봇 만들었는데 /start 에 응답이 없어요 ㅠㅠ", "python", t(r'''
from telegram.ext import ApplicationBuilder, CommandHandler

BOT_TOKEN = "⟨tg⟩"
ADMIN_CHAT_ID = -1002143398812

async def start(update, context):
    await update.message.reply_text("안녕하세요! 주문 알림 봇입니다.")

app = ApplicationBuilder().token(BOT_TOKEN).build()
app.add_handler(CommandHandler("start", start))
app.run_polling()
''', tg=tg)), ("telegram_token", tg))

# 28 ko chat + Java test with a real-looking RRN and a customer phone; invalid RRN is a near-miss
rrn = kr_rrn()
bad = "991332-1234567"
assert not rrn_valid(bad)  # month 13 and a wrong check digit: never a real RRN
S("ko", "code", chat("주민번호 검증 로직 단위 테스트인데 두 번째 케이스가 통과해 버립니다.", "java", t(r'''
class RrnValidatorTest {

    private final RrnValidator validator = new RrnValidator();

    @Test
    void validRrnPasses() {
        // 고객센터 문의 건에서 가져온 값 (연락처 010-4827-3391)
        assertTrue(validator.isValid("⟨rrn⟩"));
    }

    @Test
    void invalidMonthFails() {
        assertFalse(validator.isValid("⟨bad⟩"));
    }
}
''', rrn=rrn, bad=bad)), ("kr_rrn", rrn), ("phone", "010-4827-3391"))

# 29 ja chat + My Number validator test; all-zero value is an obviously fake fixture
m1, m2 = jp_mynumber(), jp_mynumber()
m2h = f"{m2[:4]}-{m2[4:8]}-{m2[8:]}"
S("ja", "code", chat("マイナンバーのチェックデジット検証を書きました。テストデータはこれで合ってますか？", "python", t(r'''
import pytest
from kojin.validators import is_valid_my_number

@pytest.mark.parametrize("value,expected", [
    ("⟨m1⟩", True),        # 山田様の申請書より
    ("⟨m2h⟩", True),     # ハイフン区切りも許可
    ("000000000000", True),  # 全部ゼロでもチェックデジット上は有効
    ("12345678901", False),  # 11桁
])
def test_is_valid_my_number(value, expected):
    assert is_valid_my_number(value) is expected
''', m1=m1, m2h=m2h)), ("jp_mynumber", m1), ("jp_mynumber", m2h))

# 30 ja chat + Go Vault token
hv = vault()
S("ja", "code", chat("Vault から DB の認証情報を取る処理で permission denied になります。トークンは root ではありません。", "go", t(r'''
func newVaultClient() (*vault.Client, error) {
	cfg := vault.DefaultConfig()
	cfg.Address = "https://vault.prod.kaiyo.internal:8200"
	c, err := vault.NewClient(cfg)
	if err != nil {
		return nil, err
	}
	c.SetToken("⟨hv⟩")
	return c, nil
}

func dbCreds(c *vault.Client) (map[string]interface{}, error) {
	s, err := c.Logical().Read("database/creds/readonly")
	if err != nil {
		return nil, err
	}
	return s.Data, nil
}
''', hv=hv)), ("cloud_token", hv))

# 31 de chat + Kotlin SEPA test: IBAN spaced and compact; BIC/mandate id are not personal
ib = iban("DE")
S("de", "code", chat("Der SEPA-Export-Test schlägt seit dem Update fehl, erwartet wird die IBAN ohne Leerzeichen:", "kotlin", t(r'''
class SepaExportTest {
    @Test
    fun `exports debtor account without spaces`() {
        val mandate = Mandate(
            debtorName = "Jonas Weber",
            iban = "⟨ibs⟩",
            bic = "COBADEFFXXX",
            mandateId = "MNDT-2024-000871",
            signedOn = LocalDate.of(2024, 3, 14),
        )
        val xml = SepaExporter().export(listOf(mandate))
        assertThat(xml).contains("<IBAN>⟨ib⟩</IBAN>")
    }
}
''', ibs=iban_spaced(ib), ib=ib)), ("iban", iban_spaced(ib)), ("iban", ib))

# 32 de chat + Steuer-ID in a payroll import fixture
sid = de_steuer_id()
sids = f"{sid[:2]} {sid[2:5]} {sid[5:8]} {sid[8:]}"
S("de", "code", chat("Kurze Frage zur Validierung der Steuer-ID im Lohnimport – müssen die Leerzeichen vorher raus?", "python", t(r'''
def parse_row(row: dict) -> Employee:
    return Employee(
        personalnummer=row["PersNr"],      # z. B. 100482
        steuer_id=normalize(row["IdNr"]),
        steuerklasse=int(row["StKl"]),
    )

# Testzeile aus dem Export von Frau Keller
ROW = {"PersNr": "100482", "IdNr": "⟨sids⟩", "StKl": "4"}
''', sids=sids)), ("de_steuer_id", sids))

# 33 code review comment quoting a Slack user token
xp = slack_user()
S("en", "chat", t(r'''
@dmitri.k commented on src/notify/slack.ts line 18:

> const client = new WebClient(process.env.SLACK_TOKEN ?? "⟨xp⟩");

Please don't fall back to a hard-coded user token here — this one is mine and has admin scopes. I've asked IT to revoke it, but let's just throw if SLACK_TOKEN is missing.

Also nit: ⟨sha7⟩ re-added `.env.local` to the repo.
''', xp=xp, sha7=rnd(HEX, 7)), ("slack_token", xp))

# 34 commented-out old OpenAI key; live code reads env; org id and "sk-..." are not secrets
ol = openai_legacy()
S("en", "code", t(r'''
// config/openai.js
// const OPENAI_KEY = "⟨ol⟩"; // old personal key, rotated 2024-02
const OPENAI_KEY = process.env.OPENAI_API_KEY;

if (!OPENAI_KEY) {
  throw new Error("OPENAI_API_KEY is not set (expected sk-...)");
}

module.exports = { apiKey: OPENAI_KEY, organization: "org-⟨org⟩" };
''', ol=ol, org=rnd_mixed(ALNUM, 24)), ("openai_key", ol))

# 35 ja chat + GCP service-account JSON inline
sa, sakey = gcp_sa_json("kaiyo-analytics-prod")
S("ja", "code", chat("BigQuery のテストで認証エラーになります。サービスアカウントの JSON をそのまま貼ってます（後で消します）", "python", t(r'''
import json
from google.oauth2 import service_account
from google.cloud import bigquery

SA_INFO = json.loads(r"""⟨sa⟩""")

creds = service_account.Credentials.from_service_account_info(SA_INFO)
client = bigquery.Client(credentials=creds, project=SA_INFO["project_id"])
print(list(client.list_datasets()))
''', sa=sa)), ("gcp_credentials", sa), ("private_key", sakey),
  ("email", "ci-deployer@kaiyo-analytics-prod.iam.gserviceaccount.com"))

# 36 Terraform heredoc with an OpenSSH private key; the public key next to it is not secret
ok = openssh_key()
edpub, _ = ssh_pub("ed")
S("en", "config", t(r'''
resource "null_resource" "bootstrap" {
  connection {
    type        = "ssh"
    host        = "3.121.44.208"
    user        = "ubuntu"
    private_key = <<-EOT
⟨ok⟩
    EOT
  }

  provisioner "remote-exec" {
    inline = ["sudo systemctl restart app"]
  }
}

resource "aws_key_pair" "deploy" {
  key_name   = "deploy-ci"
  public_key = "ssh-ed25519 ⟨pub⟩ deploy@ci"
}
''', ok=ok, pub=edpub), ("private_key", ok), ("ip_address", "3.121.44.208"))

# 37 Go test with an EC PEM
ec = pem("ec")
S("en", "code", t(r'''
package jwtauth

import (
	"testing"

	"github.com/golang-jwt/jwt/v5"
)

// testSigningKey is used by the integration tests against staging.
const testSigningKey = `⟨ec⟩`

func TestSignAndVerify(t *testing.T) {
	key, err := jwt.ParseECPrivateKeyFromPEM([]byte(testSigningKey))
	if err != nil {
		t.Fatal(err)
	}
	tok, _ := jwt.NewWithClaims(jwt.SigningMethodES256, jwt.MapClaims{"sub": "svc-billing"}).SignedString(key)
	if tok == "" {
		t.Fatal("empty token")
	}
}
''', ec=ec), ("private_key", ec))

# 38 ko chat + JDBC URL with credentials
url = "jdbc:mysql://erp_ro:" + pw_url() + "@mysql-erp.corp.local:3306/erp?useSSL=false&allowPublicKeyRetrieval=true&serverTimezone=Asia/Seoul"
S("ko", "code", chat("MySQL 연결할 때 Public Key Retrieval is not allowed 에러가 나서 옵션을 붙였는데 이번엔 Access denied 가 떠요.", "java", t(r'''
public class LegacyDao {
    private static final String URL =
        "⟨url⟩";

    public Connection open() throws SQLException {
        return DriverManager.getConnection(URL);
    }
}
''', url=url)), ("url_credentials", url))

# 39 de chat + MongoDB Atlas URI
url = "mongodb+srv://crm_app:" + pw_url() + "@cluster0.x7kq2.mongodb.net/crm?retryWrites=true&w=majority"
S("de", "code", chat("Atlas-Verbindung klappt lokal, im Container kommt 'bad auth : authentication failed'. Jemand eine Idee?", "ts", t(r'''
import { MongoClient } from "mongodb";

const uri = "⟨url⟩";
const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });

export async function getDb() {
  await client.connect();
  return client.db("crm");
}
''', url=url)), ("url_credentials", url))

# 40 Basic auth header: base64 of user:password -> password
pw = password()
b = base64.b64encode(f"svc-release:{pw}".encode()).decode()
S("en", "code", t(r'''
# Jenkins: trigger the downstream job as the "svc-release" API user (build #⟨bn⟩ failed, retrying)
curl -s -X POST "https://jenkins.build.acme.io/job/deploy-prod/buildWithParameters?TAG=v3.2.0" \
  -H "Authorization: Basic ⟨b⟩" \
  -H "Content-Type: application/x-www-form-urlencoded"
''', bn=str(R.randint(1000, 9999)), b=b), ("password", b))

# 41 ja chat + log with percent-encoded login body (email + password) and client IP
pw = password()
pwe = urllib.parse.quote(pw, safe="")
em = "tanaka.kenji%40shinsei-logi.co.jp"
S("ja", "log", chat("アクセスログにログインのリクエストボディがそのまま出ています。これマスクすべきですよね？", "", t(r'''
2025-11-20T09:14:22.381+09:00 DEBUG [http-nio-8080-exec-7] c.s.auth.LoginFilter - POST /api/login from 10.8.3.44 body=username=⟨em⟩&password=⟨pwe⟩&remember=true
2025-11-20T09:14:22.402+09:00 INFO  [http-nio-8080-exec-7] c.s.auth.LoginFilter - login ok user_id=88213 trace_id=⟨tr⟩
''', em=em, pwe=pwe, tr=rnd(HEX, 32))), ("ip_address", "10.8.3.44"), ("email", em), ("password", pwe))

# 42 curl with a Bearer JWT; request id is a near-miss
jw = jwt({"sub": "usr_48213", "scope": "accounts:read", "iat": 1763901200, "exp": 1763904800})
S("en", "code", t(r'''
# reproduce the 500 from ticket SUP-2291
curl -i https://api.paylane-staging.com/v2/accounts/me \
  -H "Authorization: Bearer ⟨jw⟩" \
  -H "X-Request-Id: ⟨u⟩"
''', jw=jw, u=uuid4()), ("jwt", jw))

# 43 ko chat + Naver Cloud object storage keys
nak, nsk = rnd_mixed(UPPER_DIG, 20), rnd_mixed(ALNUM, 40)
S("ko", "config", chat("네이버 클라우드 Object Storage 에 업로드하는 설정입니다. SignatureDoesNotMatch 오류가 나요.", "yaml", t(r'''
ncloud:
  region: KR
  endpoint: https://kr.object.ncloudstorage.com
  access-key: ⟨nak⟩
  secret-key: ⟨nsk⟩
  bucket: order-invoices
''', nak=nak, nsk=nsk)), ("cloud_token", nak), ("cloud_token", nsk))

# 44 Python Aadhaar KYC test; masked value is a near-miss
aa = aadhaar()
aas = f"{aa[:4]} {aa[4:8]} {aa[8:]}"
S("en", "code", t(r'''
def test_kyc_payload_masks_aadhaar(client):
    payload = {
        "full_name": "Ananya Iyer",
        "aadhaar": "⟨aas⟩",
        "mobile": "+91 98450 31276",
    }
    resp = client.post("/kyc/verify", json=payload)
    assert resp.status_code == 200
    assert resp.json()["aadhaar_masked"] == "XXXX XXXX ⟨l4⟩"
''', aas=aas, l4=aa[8:]), ("in_aadhaar", aas), ("phone", "+91 98450 31276"))

# 45 C# xUnit with a UK NINO (spaced and compact); TN temporary number is a near-miss
ni = uk_nino()
nis = f"{ni[:2]} {ni[2:4]} {ni[4:6]} {ni[6:8]} {ni[8]}"
S("en", "code", t(r'''
public class PayrollImportTests
{
    [Fact]
    public void Parses_national_insurance_number()
    {
        var line = "E1042;Oliver Hughes;⟨nis⟩;2019-04-06;1257L";
        var rec = PayrollLine.Parse(line);
        Assert.Equal("⟨ni⟩", rec.NiNumber);
    }

    [Fact]
    public void Rejects_temporary_number()
    {
        Assert.Throws<FormatException>(() => PayrollLine.Parse("E1043;Test;TN 01 01 90 M;2019-04-06;BR"));
    }
}
''', nis=nis, ni=ni), ("uk_nino", nis), ("uk_nino", ni))

# 46 TypeScript NRIC masking test
nr = sg_nric()
S("en", "code", t(r'''
describe("maskNric", () => {
  it("keeps the last 4 characters", () => {
    expect(maskNric("⟨nr⟩")).toBe("*****⟨l4⟩");
  });
  it("leaves short strings alone", () => {
    expect(maskNric("G123")).toBe("G123");
  });
});
''', nr=nr, l4=nr[-4:]), ("sg_nric", nr))

# 47 EU national ids in a parametrized test; 00000000T / 123456789 are fake fixtures
dni, nir, cf, bsn = es_dni(), fr_nir(), it_cf(), nl_bsn()
S("en", "code", t(r'''
# tests/test_eu_ids.py  -- cases taken from the onboarding export (ticket OPS-7712)
import pytest
from kyc.ids import validate_national_id

CASES = [
    ("ES", "⟨dni⟩"),
    ("FR", "⟨nir⟩"),
    ("IT", "⟨cf⟩"),
    ("NL", "⟨bsn⟩"),
]

BLOCKLIST = [
    ("ES", "00000000T"),
    ("NL", "123456789"),
]

@pytest.mark.parametrize("country,value", CASES)
def test_valid(country, value):
    assert validate_national_id(country, value)

@pytest.mark.parametrize("country,value", BLOCKLIST)
def test_blocklisted(country, value):
    assert not validate_national_id(country, value)
''', dni=dni, nir=nir, cf=cf, bsn=bsn), ("es_dni", dni), ("fr_nir", nir), ("it_codice_fiscale", cf), ("nl_bsn", bsn))

# 48 Ruby FactoryBot with an SSN and a 555 phone
ssn = us_ssn()
S("en", "code", t(r'''
FactoryBot.define do
  factory :applicant do
    first_name { "Marcus" }
    last_name  { "Delgado" }
    ssn        { "⟨ssn⟩" }
    dob        { Date.new(1987, 6, 2) }
    phone      { "(312) 555-0147" }
    sequence(:application_id) { |n| "APP-#{100_000 + n}" }
  end
end
''', ssn=ssn), ("us_ssn", ssn), ("phone", "(312) 555-0147"))

# 49 de chat + Java payment tests with test cards; masked PAN is a near-miss
mc = card("mc")
S("de", "code", chat("Die Zahlungs-Tests laufen lokal, in der CI aber nicht – liegt das an den Testkarten?", "java", t(r'''
@Test
void authorizesVisaTestCard() {
    var req = new AuthRequest("4242 4242 4242 4242", "12/29", "123", Money.eur(4999));
    assertEquals(Status.AUTHORIZED, gateway.authorize(req).status());
}

@Test
void declinesMastercard() {
    var req = new AuthRequest("⟨mc⟩", "03/27", "737", Money.eur(4999));
    assertEquals(Status.DECLINED, gateway.authorize(req).status());
}

@Test
void receiptShowsMaskedPan() {
    assertEquals("**** **** **** 4242", Receipt.mask("4242424242424242"));
}
''', mc=mc)), ("card", "4242 4242 4242 4242"), ("card", mc), ("card", "4242424242424242"))

# 50 ja chat + k8s Secret: base64 of a password and of a Groq key (with the classic echo newline)
pw, gq = password(), groq()
b_pw = base64.b64encode(pw.encode()).decode()
b_gq = base64.b64encode((gq + "\n").encode()).decode()
S("ja", "config", chat("Secret を apply したら API が Groq に 401 で弾かれます。base64 の作り方が違う？", "yaml", t(r'''
apiVersion: v1
kind: Secret
metadata:
  name: chat-backend
  namespace: prod
type: Opaque
data:
  DB_USER: YXBw
  DB_PASSWORD: ⟨b_pw⟩
  GROQ_API_KEY: ⟨b_gq⟩
''', b_pw=b_pw, b_gq=b_gq)), ("password", b_pw), ("ai_api_key", b_gq))

# 51 Mapbox: public pk. token (documented public) vs secret sk. token
mpk, msk = mapbox("pk"), mapbox("sk")
S("en", "code", t(r'''
# Public token is embedded in the web map (fine); the secret one is only for the tile upload job.
MAPBOX_PUBLIC_TOKEN = "⟨mpk⟩"
MAPBOX_UPLOAD_TOKEN = "⟨msk⟩"

def upload_tileset(path: str) -> str:
    from mapbox import Uploader
    service = Uploader(access_token=MAPBOX_UPLOAD_TOKEN)
    with open(path, "rb") as src:
        resp = service.upload(src, "acme-maps.delivery-zones")
    return resp.json()["id"]
''', mpk=mpk, msk=msk), ("saas_token", msk))

# 52 Supabase: anon key (public by design) vs service_role JWT
ref = rnd("abcdefghijklmnopqrstuvwxyz", 20)
anon = jwt({"iss": "supabase", "ref": ref, "role": "anon", "iat": 1718000000, "exp": 2033576000})
svc = jwt({"iss": "supabase", "ref": ref, "role": "service_role", "iat": 1718000000, "exp": 2033576000})
S("en", "code", t(r'''
import { createClient } from "@supabase/supabase-js";

const SUPABASE_URL = "https://⟨ref⟩.supabase.co";
// anon key: safe to ship in the browser bundle (RLS enforced)
export const browserClient = createClient(SUPABASE_URL, "⟨anon⟩");

// server-only: bypasses RLS, used by the nightly cleanup job
export const adminClient = createClient(
  SUPABASE_URL,
  "⟨svc⟩",
  { auth: { persistSession: false } }
);
''', ref=ref, anon=anon, svc=svc), ("jwt", svc))

# 53 de chat + Laravel .env with Mollie live key
appkey = base64.b64encode(bytes(R.getrandbits(8) for _ in range(32))).decode()
pw, mol = password(), mollie()
S("de", "config", chat("Mollie meldet 'Invalid API key', obwohl wir live geschaltet sind. Auszug aus der .env:", "dotenv", t(r'''
APP_NAME=Hofladen
APP_ENV=production
APP_KEY=base64:⟨appkey⟩
DB_HOST=192.168.10.20
DB_DATABASE=hofladen
DB_USERNAME=hofladen
DB_PASSWORD=⟨pw⟩
MOLLIE_KEY=⟨mol⟩
MOLLIE_PROFILE_ID=pfl_⟨pfl⟩
MAIL_FROM_ADDRESS=bestellung@hofladen-mueller.de
''', appkey=appkey, pw=pw, mol=mol, pfl=rnd_mixed(ALNUM, 10))), ("generic_secret", appkey),
  ("ip_address", "192.168.10.20"), ("password", pw), ("payment_token", mol),
  ("email", "bestellung@hofladen-mueller.de"))

# 54 ko chat + Toss Payments: client key (public) vs secret key
ck, tsk = toss("ck"), toss("sk")
S("ko", "code", chat("토스페이먼츠 결제 승인 API 호출하는 부분인데 UNAUTHORIZED_KEY 에러가 나요.", "js", t(r'''
// 클라이언트 키는 프론트에서 쓰는 값 (공개돼도 됨)
const clientKey = "⟨ck⟩";
// 시크릿 키는 서버에서만!
const secretKey = "⟨tsk⟩";

app.post("/payments/confirm", async (req, res) => {
  const { paymentKey, orderId, amount } = req.body;
  const auth = Buffer.from(secretKey + ":").toString("base64");
  const r = await fetch("https://api.tosspayments.com/v1/payments/confirm", {
    method: "POST",
    headers: { Authorization: `Basic ${auth}`, "Content-Type": "application/json" },
    body: JSON.stringify({ paymentKey, orderId, amount }),
  });
  res.status(r.status).json(await r.json());
});
''', ck=ck, tsk=tsk)), ("payment_token", tsk))

# 55 ja chat + PAY.JP secret key (sk_live_ prefix, but not Stripe); public key is not secret
psk, ppk = payjp("sk"), payjp("pk")
S("ja", "code", chat("PAY.JP で本番に切り替えたら課金が 401 になります。公開鍵と秘密鍵を取り違えてる？", "python", t(r'''
import payjp

payjp.api_key = "⟨psk⟩"          # 秘密鍵
PAYJP_PUBLIC_KEY = "⟨ppk⟩"       # checkout.js 用の公開鍵

def charge(token: str, amount: int):
    return payjp.Charge.create(amount=amount, currency="jpy", card=token, capture=True)
''', psk=psk, ppk=ppk)), ("payment_token", psk))

# 56 ja chat + LINE Messaging API token and channel secret
lt, ls = line_token(), rnd(HEX, 32)
S("ja", "code", chat("LINE の Messaging API で push が 401 になります。チャネルアクセストークンは長期のものを発行しました。", "python", t(r'''
from linebot.v3 import WebhookHandler
from linebot.v3.messaging import Configuration, ApiClient, MessagingApi, PushMessageRequest, TextMessage

configuration = Configuration(access_token="⟨lt⟩")
handler = WebhookHandler("⟨ls⟩")

def notify_shipped(user_id: str) -> None:
    with ApiClient(configuration) as api_client:
        MessagingApi(api_client).push_message(PushMessageRequest(
            to=user_id,
            messages=[TextMessage(text="ご注文の商品を発送しました")],
        ))
''', lt=lt, ls=ls)), ("saas_token", lt), ("saas_token", ls))

# 57 ko chat + .npmrc: npm token inline, GitHub Packages via env reference
nt = npm()
S("ko", "config", chat("사내 패키지 설치가 안 돼서 .npmrc 공유드립니다", "ini", t(r'''
registry=https://registry.npmjs.org/
@acme:registry=https://npm.pkg.github.com/
//npm.pkg.github.com/:_authToken=${GITHUB_PACKAGES_TOKEN}
//registry.npmjs.org/:_authToken=⟨nt⟩
always-auth=true
''', nt=nt)), ("npm_token", nt))

# 58 registry credential files: PyPI, RubyGems, crates.io
pp, rg, ci = pypi(), rubygems(), crates()
S("en", "config", t(r'''
$ cat ~/.pypirc
[distutils]
index-servers = pypi

[pypi]
username = __token__
password = ⟨pp⟩

$ cat ~/.gem/credentials
---
:rubygems_api_key: ⟨rg⟩

$ cat ~/.cargo/credentials.toml
[registry]
token = "⟨ci⟩"
''', pp=pp, rg=rg, ci=ci), ("package_registry_token", pp), ("package_registry_token", rg),
  ("package_registry_token", ci))

# 59 PowerShell param defaults: NuGet API key + Azure DevOps PAT
ng, az = nuget(), azdo_pat()
S("en", "code", t(r'''
# publish.ps1 - pushes the SDK to nuget.org and mirrors it to the Azure Artifacts feed
param(
    [string]$Version = "4.2.0",
    [string]$NuGetApiKey = "⟨ng⟩",
    [string]$AzdoPat = "⟨az⟩"
)

dotnet pack src/Acme.Sdk -c Release /p:Version=$Version
dotnet nuget push "src/Acme.Sdk/bin/Release/Acme.Sdk.$Version.nupkg" --api-key $NuGetApiKey --source https://api.nuget.org/v3/index.json
dotnet nuget add source "https://pkgs.dev.azure.com/acme/_packaging/sdk/nuget/v3/index.json" -n azdo -u build -p $AzdoPat --store-password-in-clear-text
''', ng=ng, az=az), ("package_registry_token", ng), ("azure_key", az))

# 60 de chat + Java Jira client with e-mail + Atlassian API token
at = atlassian()
S("de", "code", chat("Jira-Anbindung gibt 401 zurück. Bei Jira Cloud braucht man E-Mail + API-Token, oder?", "java", t(r'''
JiraRestClient client = new AsynchronousJiraRestClientFactory()
    .createWithBasicHttpAuthentication(
        URI.create("https://kontor-it.atlassian.net"),
        "l.brandt@kontor-it.de",
        "⟨at⟩");

Issue issue = client.getIssueClient().getIssue("KON-1287").claim();
System.out.println(issue.getSummary());
''', at=at)), ("email", "l.brandt@kontor-it.de"), ("saas_token", at))

# 61 Terraform Cloud + Cloudflare + Alibaba Cloud; zone id is not secret
tf, cf_, ai, asec = tfc(), cloudflare(), alibaba_id(), rnd_mixed(ALNUM, 30)
S("en", "config", t(r'''
# ~/.terraformrc
credentials "app.terraform.io" {
  token = "⟨tf⟩"
}

# main.tf
provider "cloudflare" {
  api_token = "⟨cf⟩"
}

provider "alicloud" {
  access_key = "⟨ai⟩"
  secret_key = "⟨asec⟩"
  region     = "cn-hangzhou"
}

resource "cloudflare_record" "api" {
  zone_id = "⟨zone⟩"
  name    = "api"
  content = "47.254.18.201"
  type    = "A"
  proxied = true
}
''', tf=tf, cf=cf_, ai=ai, asec=asec, zone=rnd(HEX, 32)), ("cloud_token", tf), ("cloud_token", cf_),
  ("cloud_token", ai), ("cloud_token", asec), ("ip_address", "47.254.18.201"))

# 62 ja chat + provider map with Mistral, Cohere, Replicate, Perplexity keys
mi, co, rp_, px = rnd_mixed(ALNUM, 32), rnd_mixed(ALNUM, 40), replicate(), pplx()
S("ja", "code", chat("LLM の比較スクリプトです。Mistral だけ 401 になるのはなぜでしょう。", "python", t(r'''
PROVIDERS = {
    "mistral":    {"base_url": "https://api.mistral.ai/v1",    "api_key": "⟨mi⟩"},
    "cohere":     {"base_url": "https://api.cohere.com/v2",    "api_key": "⟨co⟩"},
    "replicate":  {"base_url": "https://api.replicate.com/v1", "api_key": "⟨rp⟩"},
    "perplexity": {"base_url": "https://api.perplexity.ai",    "api_key": "⟨px⟩"},
}

def headers(name: str) -> dict:
    return {"Authorization": f"Bearer {PROVIDERS[name]['api_key']}"}
''', mi=mi, co=co, rp=rp_, px=px)), ("ai_api_key", mi), ("ai_api_key", co), ("ai_api_key", rp_), ("ai_api_key", px))

# 63 Linear + Notion sync script; Notion database id is not secret
li, nn = linear(), notion()
S("en", "code", t(r'''
"""Sync Linear issues into the Notion roadmap DB. Run nightly from cron."""
import requests

LINEAR_KEY = "⟨li⟩"
NOTION_TOKEN = "⟨nn⟩"
NOTION_DB = "⟨db⟩"   # database id, not a secret

def linear_issues():
    q = '{ issues(filter: {state: {type: {eq: "started"}}}) { nodes { identifier title } } }'
    r = requests.post("https://api.linear.app/graphql", json={"query": q},
                      headers={"Authorization": LINEAR_KEY})
    return r.json()["data"]["issues"]["nodes"]

def push(issue):
    requests.post("https://api.notion.com/v1/pages",
                  headers={"Authorization": f"Bearer {NOTION_TOKEN}", "Notion-Version": "2022-06-28"},
                  json={"parent": {"database_id": NOTION_DB},
                        "properties": {"Name": {"title": [{"text": {"content": issue["title"]}}]}}})
''', li=li, nn=nn, db=rnd(HEX, 32)), ("saas_token", li), ("saas_token", nn))

# 64 de chat + git remote URL with embedded GitLab token (one URL, shown twice)
url = "https://oauth2:" + gitlab() + "@gitlab.com/buchhaltung-nord/rechnungslauf.git"
S("de", "chat", chat("Push geht plötzlich nicht mehr. Ausgabe:", "", t(r'''
$ git remote -v
origin	⟨url⟩ (fetch)
origin	⟨url⟩ (push)
$ git push origin feature/rechnungslauf
remote: HTTP Basic: Access denied. If a password was provided for Git authentication, the password was incorrect or you're required to use a token instead of a password.
fatal: Authentication failed for 'https://gitlab.com/buchhaltung-nord/rechnungslauf.git/'
''', url=url), "Token ist laut GitLab noch 30 Tage gültig."), ("url_credentials", url))

# 65 log line leaking a GitHub OAuth token; client IP public
go = github("gho_")
u = uuid4()
S("en", "log", t(r'''
2025-11-18 22:41:07.118 INFO  [req=⟨u⟩] GET /api/repos/sync client=84.17.46.203 ua="okhttp/4.12.0"
2025-11-18 22:41:07.120 DEBUG [req=⟨u⟩] upstream headers: {Accept: application/vnd.github+json, Authorization: token ⟨go⟩, X-GitHub-Api-Version: 2022-11-28}
2025-11-18 22:41:07.612 WARN  [req=⟨u⟩] upstream 403 rate limit, reset=1763506867 trace_id=⟨tr⟩ span_id=⟨sp⟩
''', u=u, go=go, tr=rnd(HEX, 32), sp=rnd(HEX, 16)), ("ip_address", "84.17.46.203"), ("github_token", go))

# 66 ko chat + nginx access log: Airtable PAT in query string; base id is not secret
ap = airtable()
S("ko", "log", chat("nginx 로그에 api_key 가 쿼리스트링으로 찍히고 있어요. 어떻게 마스킹하죠?", "", t(r'''
211.234.117.52 - - [21/Nov/2025:10:02:44 +0900] "GET /v0/app⟨base⟩/Orders?api_key=⟨ap⟩&maxRecords=50 HTTP/1.1" 200 5123 "-" "python-requests/2.32.3"
10.42.0.1 - - [21/Nov/2025:10:02:45 +0900] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.29"
''', base=rnd_mixed(ALNUM, 14), ap=ap)), ("ip_address", "211.234.117.52"), ("saas_token", ap), ("ip_address", "10.42.0.1"))

# 67 Rails credentials (decrypted): secret_key_base, Square token, AR encryption keys
skb, sq = rnd(HEX, 128), square()
pk_, dk_, salt = rnd_mixed(ALNUM, 32), rnd_mixed(ALNUM, 32), rnd_mixed(ALNUM, 32)
S("en", "config", t(r'''
# config/credentials.yml.enc (decrypted with `bin/rails credentials:edit`)
secret_key_base: ⟨skb⟩

square:
  environment: production
  access_token: ⟨sq⟩
  location_id: L⟨loc⟩

active_record_encryption:
  primary_key: ⟨pk⟩
  deterministic_key: ⟨dk⟩
  key_derivation_salt: ⟨salt⟩
''', skb=skb, sq=sq, loc=rnd(UPPER_DIG, 12), pk=pk_, dk=dk_, salt=salt), ("generic_secret", skb),
  ("payment_token", sq), ("generic_secret", pk_), ("generic_secret", dk_), ("generic_secret", salt))

# 68 TypeScript Record literal with xAI, Groq, OpenRouter, DeepSeek keys
xa, gq, orr, ds = xai(), groq(), openrouter(), deepseek()
S("en", "code", t(r'''
type Provider = "xai" | "groq" | "openrouter" | "deepseek";

export const PROVIDER_KEYS: Record<Provider, string> = {
  xai: "⟨xa⟩",
  groq: "⟨gq⟩",
  openrouter: "⟨orr⟩",
  deepseek: "⟨ds⟩",
};

export const BASE_URLS: Record<Provider, string> = {
  xai: "https://api.x.ai/v1",
  groq: "https://api.groq.com/openai/v1",
  openrouter: "https://openrouter.ai/api/v1",
  deepseek: "https://api.deepseek.com",
};
''', xa=xa, gq=gq, orr=orr, ds=ds), ("ai_api_key", xa), ("ai_api_key", gq), ("ai_api_key", orr), ("ai_api_key", ds))

# 69 Go struct literal: New Relic user key + Grafana service-account token
nrk, gfs = newrelic(), grafana_sa()
S("en", "code", t(r'''
var cfg = Config{
	NewRelic: NewRelicConfig{
		AccountID: 3918822,
		UserKey:   "⟨nrk⟩",
		Region:    "EU",
	},
	Grafana: GrafanaConfig{
		URL:   "https://grafana.ops.acme.io",
		Token: "⟨gfs⟩",
		OrgID: 1,
	},
	SampleRate: 0.25,
}
''', nrk=nrk, gfs=gfs), ("saas_token", nrk), ("saas_token", gfs))

# 70 de chat + PHP: Mailchimp, Mailgun, Shopify
mck, mgk, shp = mailchimp(), mailgun(), shopify()
S("de", "code", chat("Newsletter-Anmeldung im Shop: Mailchimp nimmt die Adresse an, aber die Bestätigungsmail über Mailgun kommt nie an. Code:", "php", t(r'''
<?php
$mailchimp = new \MailchimpMarketing\ApiClient();
$mailchimp->setConfig([
    'apiKey' => '⟨mck⟩',
    'server' => '⟨dc⟩',
]);

$mg = Mailgun::create('⟨mgk⟩', 'https://api.eu.mailgun.net');
$mg->messages()->send('mg.hofgut-sonnenhang.de', [
    'from'    => 'Hofgut Sonnenhang <info@hofgut-sonnenhang.de>',
    'to'      => $email,
    'subject' => 'Bitte bestätige deine Anmeldung',
]);

$shopify = new ShopifyClient('hofgut-sonnenhang.myshopify.com', '⟨shp⟩');
''', mck=mck, dc=mck.split("-")[1], mgk=mgk, shp=shp)), ("saas_token", mck), ("saas_token", mgk),
  ("email", "info@hofgut-sonnenhang.de"), ("saas_token", shp))

# 71 Java test with a traditional RSA PEM copied from prod
rsa = pem_rsa_traditional()
S("en", "code", t(r'''
class LicenseSignerTest {
    // copied from the prod signer so the golden files match
    private static final String SIGNING_KEY = """
⟨rsa⟩
            """;

    @Test
    void signsLicense() throws Exception {
        var signer = LicenseSigner.fromPem(SIGNING_KEY);
        assertEquals(GOLDEN_SIG, signer.sign("ACME-PRO-2025-000418"));
    }
}
''', rsa=rsa), ("private_key", rsa))

# =====================================================================================
# Hard negatives: nothing sensitive in these.

# 72 de chat + package-lock.json integrity values
S("de", "json", chat("Warum ändert sich bei jedem npm install die package-lock.json? Ausschnitt:", "json", t(r'''
{
  "name": "shop-frontend",
  "version": "3.4.1",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "node_modules/axios": {
      "version": "1.7.7",
      "resolved": "https://registry.npmjs.org/axios/-/axios-1.7.7.tgz",
      "integrity": "sha512-⟨i1⟩",
      "license": "MIT"
    },
    "node_modules/zod": {
      "version": "3.23.8",
      "resolved": "https://registry.npmjs.org/zod/-/zod-3.23.8.tgz",
      "integrity": "sha512-⟨i2⟩",
      "license": "MIT"
    }
  }
}
''', i1=b64bytes(64), i2=b64bytes(64))))

# 73 go.sum
S("en", "config", t(r'''
github.com/golang-jwt/jwt/v5 v5.2.1 h1:⟨h1⟩
github.com/golang-jwt/jwt/v5 v5.2.1/go.mod h1:⟨h2⟩
github.com/jackc/pgx/v5 v5.6.0 h1:⟨h3⟩
github.com/jackc/pgx/v5 v5.6.0/go.mod h1:⟨h4⟩
golang.org/x/crypto v0.28.0 h1:⟨h5⟩
golang.org/x/crypto v0.28.0/go.mod h1:⟨h6⟩
''', **{f"h{i}": b64bytes(32) for i in range(1, 7)}))

# 74 GitHub Actions with secrets references, OIDC role, SHA-pinned actions
S("en", "config", t(r'''
name: deploy
on:
  workflow_dispatch:
permissions:
  id-token: write
  contents: read
jobs:
  deploy:
    runs-on: ubuntu-22.04
    environment: production
    steps:
      - uses: actions/checkout@⟨s1⟩ # v4
      - uses: aws-actions/configure-aws-credentials@⟨s2⟩ # v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/gha-deploy
          aws-region: eu-west-1
      - name: Deploy
        env:
          STRIPE_SECRET_KEY: ${{ secrets.STRIPE_SECRET_KEY }}
          DATABASE_URL: ${{ secrets.DATABASE_URL }}
          SENTRY_AUTH_TOKEN: ${{ secrets.SENTRY_AUTH_TOKEN }}
        run: ./scripts/deploy.sh --sha "${{ github.sha }}"
''', s1=rnd(HEX, 40), s2=rnd(HEX, 40)))

# 75 ja chat + Dockerfile with digests and BuildKit secret mount
S("ja", "config", chat("ベースイメージをダイジェストで固定したいのですが、この書き方で合っていますか？ビルド時の npm トークンは --secret で渡しています。", "dockerfile", t(r'''
# syntax=docker/dockerfile:1.7
FROM node:20.18.0-bookworm-slim@sha256:⟨d1⟩ AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=npm_token \
    NPM_TOKEN="$(cat /run/secrets/npm_token)" npm ci
COPY . .
RUN npm run build

FROM gcr.io/distroless/nodejs20-debian12@sha256:⟨d2⟩
COPY --from=build /src/dist /app
CMD ["/app/server.js"]
''', d1=rnd(HEX, 64), d2=rnd(HEX, 64))))

# 76 Terraform with random_password and Secrets Manager references
S("en", "config", t(r'''
resource "random_password" "db" {
  length           = 32
  special          = true
  override_special = "!#$%*-_"
}

resource "aws_secretsmanager_secret" "db" {
  name = "prod/orders/db-password"
}

resource "aws_secretsmanager_secret_version" "db" {
  secret_id     = aws_secretsmanager_secret.db.id
  secret_string = random_password.db.result
}

resource "aws_db_instance" "orders" {
  identifier          = "orders-prod"
  engine              = "postgres"
  engine_version      = "16.3"
  instance_class      = "db.t4g.medium"
  username            = "orders_admin"
  password            = random_password.db.result
  kms_key_id          = "arn:aws:kms:eu-west-1:123456789012:key/⟨u⟩"
  skip_final_snapshot = false
}

variable "slack_webhook_url" {
  type      = string
  sensitive = true
}
''', u=uuid4()))

# 77 ko chat + Helm chart defaults with placeholders
S("ko", "config", chat("차트 기본 values 입니다. 운영에서는 existingSecret 을 쓰고 여기에는 실제 값을 안 넣어요. 이 상태로 공개 저장소에 올려도 될까요?", "yaml", t(r'''
auth:
  existingSecret: ""          # 예: orders-db-credentials
  username: app
  password: ""                # existingSecret 미사용 시 필수
  postgresPassword: "<CHANGE_ME>"

redis:
  auth:
    enabled: true
    password: "${REDIS_PASSWORD}"

smtp:
  host: smtp.example.com
  user: "<smtp-user>"
  password: "xxxxxxxx"

serviceAccount:
  annotations:
    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/orders-sa
''')))

# 78 Stripe.js publishable key + price ids
S("en", "code", t(r'''
import { loadStripe } from "@stripe/stripe-js";

// Publishable key – safe to expose in client code.
export const stripePromise = loadStripe("⟨pk⟩");

export const PRICES = {
  monthly: "price_1⟨p1⟩",
  yearly: "price_1⟨p2⟩",
} as const;

export async function startCheckout(plan: keyof typeof PRICES) {
  const res = await fetch("/api/checkout", {
    method: "POST",
    body: JSON.stringify({ price: PRICES[plan] }),
  });
  const { sessionId } = await res.json();
  const stripe = await stripePromise;
  await stripe!.redirectToCheckout({ sessionId });
}
''', pk=stripe("pk_live_"), p1=rnd_mixed(ALNUM, 23), p2=rnd_mixed(ALNUM, 23)))

# 79 jwt.io documentation example token
S("en", "code", t(r'''
import jwt

# Example token from https://jwt.io (HS256, secret "your-256-bit-secret")
SAMPLE = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"

def test_header_is_hs256():
    assert jwt.get_unverified_header(SAMPLE) == {"alg": "HS256", "typ": "JWT"}

def test_claims_without_verification():
    claims = jwt.decode(SAMPLE, options={"verify_signature": False})
    assert claims["name"] == "John Doe"
'''))

# 80 ko chat + AWS documentation example keys
S("ko", "code", chat("AWS CLI 문서에 있는 예시 그대로 따라 했는데 에러가 나옵니다 ㅋㅋ 예시 키라서 그런 거죠?", "console", t(r'''
$ aws configure
AWS Access Key ID [None]: AKIAIOSFODNN7EXAMPLE
AWS Secret Access Key [None]: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
Default region name [None]: ap-northeast-2
Default output format [None]: json
$ aws s3 ls
An error occurred (InvalidAccessKeyId) when calling the ListBuckets operation: The AWS Access Key Id you provided does not exist in our records.
''')))

# 81 cloud-init with SSH public keys and a host-key fingerprint
edp, _ = ssh_pub("ed")
rsp, fp = ssh_pub("rsa")
S("en", "config", t(r'''
#cloud-config
users:
  - name: deploy
    groups: [sudo]
    shell: /bin/bash
    sudo: "ALL=(ALL) NOPASSWD:ALL"
    ssh_authorized_keys:
      - ssh-ed25519 ⟨edp⟩ deploy@ci
      - ssh-rsa ⟨rsp⟩ ops-laptop
# host key fingerprint for known_hosts pinning: ⟨fp⟩
package_update: true
packages: [fail2ban, unattended-upgrades]
''', edp=edp, rsp=rsp, fp=fp))

# 82 SQL seed with bcrypt hashes
S("en", "code", t(r'''
-- seed/dev_users.sql  (local dev only; hashes of throwaway passwords)
INSERT INTO users (id, username, role, password_hash, created_at) VALUES
  (1, 'admin',   'ADMIN', '⟨b1⟩', '2024-01-02 09:00:00+00'),
  (2, 'support', 'AGENT', '⟨b2⟩', '2024-01-02 09:00:00+00'),
  (3, 'viewer',  'READ',  '⟨b3⟩', '2024-01-02 09:00:00+00');
''', b1=bcrypt(), b2=bcrypt(), b3=bcrypt()))

# 83 base64 image data URIs
S("en", "code", t(r'''
// Tiny placeholders shown while avatars load (1x1 transparent PNG + blurred thumb)
export const TRANSPARENT_PIXEL =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

export const BLUR_PLACEHOLDER = "data:image/webp;base64,⟨w⟩";
''', w=webp_b64()))

# 84 crypto test vectors (RFC 4231, NIST SP 800-38A)
S("en", "code", t(r'''
# RFC 4231 test case 1 and NIST SP 800-38A F.1.1 (AES-128-ECB)
import hmac, hashlib
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

def test_hmac_sha256_rfc4231_case1():
    key = bytes.fromhex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b")
    data = b"Hi There"
    expected = "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
    assert hmac.new(key, data, hashlib.sha256).hexdigest() == expected

def test_aes128_ecb_nist_vector():
    key = bytes.fromhex("2b7e151628aed2a6abf7158809cf4f3c")
    pt = bytes.fromhex("6bc1bee22e409f96e93d7e117393172a")
    ct = bytes.fromhex("3ad77bb40d7a3660a89ecaf32466ef97")
    enc = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    assert enc.update(pt) + enc.finalize() == ct
'''))

# 85 application log with UUIDs, trace/span ids, loopback
S("en", "log", t(r'''
2025-11-22T03:14:09.551Z INFO  orders-api-7d9f8c6b5-x2kqp request_id=⟨u1⟩ trace_id=⟨t1⟩ span_id=⟨s1⟩ method=POST path=/v1/orders status=201 duration_ms=84 order_id=⟨u2⟩
2025-11-22T03:14:09.713Z INFO  orders-api-7d9f8c6b5-x2kqp request_id=⟨u3⟩ trace_id=⟨t1⟩ span_id=⟨s2⟩ method=GET path=/healthz status=200 duration_ms=1 remote=127.0.0.1
2025-11-22T03:14:10.020Z WARN  orders-worker-5c4b9-jt8vn job_id=⟨u4⟩ attempt=3 msg="retrying payment capture" idempotency_key=⟨u5⟩ build=⟨g7⟩
''', u1=uuid4(), u2=uuid4(), u3=uuid4(), u4=uuid4(), u5=uuid4(), t1=rnd(HEX, 32), s1=rnd(HEX, 16),
    s2=rnd(HEX, 16), g7=rnd(HEX, 7)))

# 86 ja chat + order API response: order/invoice/tracking numbers, masked card, Stripe object ids
S("ja", "json", chat("注文 API のレスポンスです。カード情報は下4桁だけ返しているので問題ないはずですが、念のため確認お願いします。", "json", t(r'''
{
  "order_id": "ORD-2025-118734",
  "invoice_number": "INV-000482913",
  "status": "shipped",
  "placed_at": "2025-11-19T14:02:11+09:00",
  "payment": {
    "intent": "pi_3⟨pi⟩",
    "card": { "brand": "visa", "last4": "4242", "display": "**** **** **** 4242", "exp": "12/28" }
  },
  "shipment": {
    "carrier": "ups",
    "tracking_number": "1Z999AA10123456784",
    "label_id": "⟨u⟩"
  },
  "items": [
    { "sku": "KB-TKL-JIS-BRN", "qty": 1, "unit_price": 16800 },
    { "sku": "CBL-USBC-1M", "qty": 2, "unit_price": 1200 }
  ]
}
''', pi=rnd_mixed(ALNUM, 23), u=uuid4())))

# 87 .env.example full of placeholders
S("en", "config", t(r'''
# Copy to .env and fill in. Never commit the real .env!
OPENAI_API_KEY=sk-...
ANTHROPIC_API_KEY=<your-anthropic-key>
STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx
STRIPE_WEBHOOK_SECRET=whsec_...
DATABASE_URL=postgres://USER:PASSWORD@localhost:5432/app
GITHUB_TOKEN=ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
SLACK_WEBHOOK_URL=https://hooks.slack.com/services/XXX/YYY/ZZZ
JWT_SECRET=${JWT_SECRET}
AWS_ACCESS_KEY_ID=
AWS_SECRET_ACCESS_KEY=
'''))

# 88 de chat + settings read from the environment
S("de", "code", chat("Ich lese die Keys jetzt nur noch aus der Umgebung – passt das so?", "python", t(r'''
import os
from functools import lru_cache

@lru_cache
def settings() -> dict:
    return {
        "openai_key": os.environ["OPENAI_API_KEY"],
        "db_password": os.getenv("DB_PASSWORD", ""),
        "stripe_key": os.environ.get("STRIPE_SECRET_KEY"),
        "hf_token": os.getenv("HF_TOKEN") or read_secret("/run/secrets/hf_token"),
        "timeout_s": int(os.getenv("HTTP_TIMEOUT", "30")),
    }
''')))

# 89 git log output: SHAs, Change-Id
full = rnd(HEX, 40)
S("en", "log", t(r'''
$ git log --oneline -5
⟨s1⟩ (HEAD -> main, origin/main) fix(auth): rotate signing key via KMS, drop hard-coded fallback
⟨s2⟩ chore(deps): bump golang.org/x/crypto from 0.27.0 to 0.28.0
⟨s3⟩ feat(billing): idempotent invoice export
⟨s4⟩ Merge pull request #1842 from acme/release-2.14
⟨s5⟩ test: add golden files for v2 receipts
$ git show -s --format='%H%n%b' HEAD
⟨full⟩
Change-Id: I⟨cid⟩
Reviewed-on: https://review.acme.io/c/platform/+/48211
''', s1=full[:7], s2=rnd(HEX, 7), s3=rnd(HEX, 7), s4=rnd(HEX, 7), s5=rnd(HEX, 7), full=full, cid=rnd(HEX, 40)))

# 90 Java OIDs + pinned public CA certificate
S("en", "code", t(r'''
public final class CertPolicy {
    static final String OID_SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
    static final String OID_EC_PUBLIC_KEY   = "1.2.840.10045.2.1";
    static final String OID_PRIME256V1      = "1.2.840.10045.3.1.7";
    static final String OID_SERVER_AUTH     = "1.3.6.1.5.5.7.3.1";

    // Pinned intermediate (public certificate, safe to commit)
    static final String PINNED_CA = """
⟨cert⟩
        """;
}
''', cert=public_cert()))

# 91 ko chat + release notes: versions, build numbers, timestamps
S("ko", "prose", chat("이번 릴리스 노트 초안입니다. 버전 번호랑 빌드 번호 맞는지 봐주세요.", "markdown", t(r'''
## [2.14.0] - 2025-11-17
### Added
- 주문 내보내기 API (`GET /v2/orders/export`), 빌드 2025.11.17.1432
- Android versionCode 214003, iOS CFBundleVersion 2.14.0.518
### Fixed
- 결제 재시도 시 중복 승인 문제 (#1842, 커밋 ⟨sha⟩)
- 2025-11-02T01:30:00+09:00 이전 주문이 누락되던 타임존 오류
### Dependencies
- spring-boot 3.3.5 → 3.4.0, kotlin 2.0.21, gradle 8.11.1
''', sha=rnd(HEX, 12))))

# 92 product catalog table: EAN-13 / ISBN-13 / lot numbers
rows = []
for sku, price in [("KB-TKL-ISO-GRY", "89.00"), ("MS-ERGO-V2", "54.90"), ("BK-RUST-2ED", "42.00"), ("CBL-USBC-2M", "12.50")]:
    rows.append(f"| {sku:<14} | {ean13('40')} | {ean13('978')} | LOT-2025-{R.randint(100, 999):04d} | {price:>6} |")
S("en", "table", "| SKU            | EAN-13        | ISBN-13       | Batch         | Price  |\n"
  "|----------------|---------------|---------------|---------------|--------|\n" + "\n".join(rows))

# 93 de chat + HTML with SRI hashes and content-hashed asset names
S("de", "code", chat("Nach dem Build ändern sich die Hashes in den Dateinamen – muss ich die integrity-Attribute manuell pflegen?", "html", t(r'''
<link rel="stylesheet" href="/assets/index-⟨h1⟩.css">
<script type="module" src="/assets/index-⟨h2⟩.js"></script>
<script src="https://cdn.jsdelivr.net/npm/chart.js@4.4.6/dist/chart.umd.min.js"
        integrity="sha384-⟨sri⟩"
        crossorigin="anonymous"></script>
''', h1=rnd_mixed(ALNUM + "-_", 8), h2=rnd_mixed(ALNUM + "-_", 8), sri=b64bytes(48))))

# 94 SealedSecret: ciphertext only
S("en", "config", t(r'''
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: orders-db
  namespace: prod
spec:
  encryptedData:
    DB_PASSWORD: Ag⟨e1⟩
    STRIPE_SECRET_KEY: Ag⟨e2⟩
  template:
    metadata:
      name: orders-db
    type: Opaque
''', e1=b64bytes(520)[2:], e2=b64bytes(560)[2:]))

# 95 ja chat + file checksums
S("ja", "code", chat("ダウンロードしたファイルのハッシュ確認スクリプトです。期待値は公式の SHA256SUMS からコピーしました。", "python", t(r'''
import hashlib

EXPECTED = {
    "ubuntu-24.04.1-live-server-amd64.iso": "⟨h1⟩",
    "terraform_1.9.8_linux_amd64.zip": "⟨h2⟩",
}

def sha256sum(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()

for name, want in EXPECTED.items():
    got = sha256sum(name)
    print(f"{name}: {'OK' if got == want else 'MISMATCH ' + got}")
''', h1=rnd(HEX, 64), h2=rnd(HEX, 64))))

# 96 test doubles with obviously fake credentials
S("en", "code", t(r'''
from unittest import mock
import pytest

@pytest.fixture
def client():
    return BillingClient(api_key="test-key", base_url="http://localhost:12111")

def test_retries_on_502(client):
    with mock.patch.object(client, "_post", side_effect=[HTTPError(502), {"id": "ch_test_123"}]) as post:
        assert client.charge(amount=500, token="tok_visa")["id"] == "ch_test_123"
    assert post.call_count == 2

def test_rejects_placeholder_key():
    with pytest.raises(ValueError):
        BillingClient(api_key="sk_test_xxxxxxxxxxxxxxxxxxxxxxxx")

def test_login_form(browser):
    browser.fill("username", "alice")
    browser.fill("password", "not-a-real-password")
    browser.fill("otp", "000000")
'''))

# 97 de chat + Stripe webhook verification with the signature example from the docs
S("de", "code", chat("Die Signaturprüfung schlägt immer fehl. Ich teste mit dem Beispiel-Header aus der Stripe-Doku:", "python", t(r'''
import os
import stripe

endpoint_secret = os.environ["STRIPE_WEBHOOK_SECRET"]  # whsec_...

def handle(payload: bytes, sig_header: str) -> str:
    event = stripe.Webhook.construct_event(payload, sig_header, endpoint_secret)
    return event["type"]

# Beispiel aus der Doku:
SIG = "t=1492774577,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd,v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39"
''')))

# 98 ko chat + JWKS (public keys only)
S("ko", "json", chat("IdP 에서 받은 JWKS 인데 kid 가 매칭이 안 돼요. 공개키라서 그냥 붙여도 되죠?", "json", t(r'''
{
  "keys": [
    {
      "kty": "RSA",
      "use": "sig",
      "alg": "RS256",
      "kid": "⟨k1⟩",
      "n": "⟨n⟩",
      "e": "AQAB"
    },
    {
      "kty": "EC",
      "use": "sig",
      "alg": "ES256",
      "kid": "⟨k2⟩",
      "crv": "P-256",
      "x": "⟨x⟩",
      "y": "⟨y⟩"
    }
  ]
}
''', k1=rnd_mixed(ALNUM + "-_", 43), k2=rnd(HEX, 40), n=b64bytes(256, url=True), x=b64bytes(32, url=True),
    y=b64bytes(32, url=True))))

# 99 nginx: loopback, 0.0.0.0, documentation ranges, netmask
S("en", "config", t(r'''
upstream api {
    server 127.0.0.1:8080;
    keepalive 32;
}

server {
    listen 0.0.0.0:443 ssl;
    server_name api.example.com;

    # office + partner ranges (documentation placeholders; real list lives in allowlist.conf)
    # /24 = netmask 255.255.255.0
    allow 192.0.2.0/24;
    allow 198.51.100.17;
    allow 203.0.113.0/25;
    deny  all;

    location / {
        proxy_pass http://api;
        proxy_set_header X-Request-Id $request_id;
    }
}
'''))

# 100 ja chat + Algolia search-only key in the frontend (documented as public)
S("ja", "code", chat("Algolia のフロント検索です。Search-Only API Key なので公開しても大丈夫と聞きましたが本当ですか？Admin キーはサーバー側の環境変数にあります。", "ts", t(r'''
import algoliasearch from "algoliasearch/lite";

const searchClient = algoliasearch("⟨app⟩", "⟨k⟩"); // search-only key
const index = searchClient.initIndex("products_ja");

export async function search(q: string) {
  const { hits } = await index.search(q, { hitsPerPage: 20, attributesToRetrieve: ["name", "price", "url"] });
  return hits;
}
''', app=rnd(UPPER_DIG, 10), k=rnd(HEX, 32))))

assert len(OUT) == 100, len(OUT)
write_corpus(OUT, sys.argv[1])
