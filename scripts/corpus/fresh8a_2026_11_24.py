"""Fresh set 8a (2026-11-24): written by a helper who read only fakegen.py, never the rules
(English 60, Japanese 50); scored once (docs/detection.md). Values are generated (fake): see fakegen.py.
Usage: python3 fresh8a_2026_11_24.py OUT.jsonl
"""
import sys, os, re, json, string, uuid
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *  # noqa
from fakegen import R, rnd, rnd_mixed, ALNUM, HEX
seed(8801)
OUT = []
S = sample_adder(OUT, "f8a")
# S(lang, kind, text, (type, value), (type, value), ...)


def T(s, **kw):
    """Template with @@name@@ placeholders (avoids brace escaping in code/config text)."""
    for k, v in kw.items():
        s = s.replace("@@" + k + "@@", v)
    assert not re.search(r"@@[a-z0-9]+@@", s), s
    return s


def esc(v):
    """How a value appears inside a JSON string literal."""
    return json.dumps(v, ensure_ascii=False)[1:-1]


def openai_body(content, system=None, model="gpt-4o-mini"):
    msgs = ([{"role": "system", "content": system}] if system else []) + [{"role": "user", "content": content}]
    return json.dumps({"model": model, "messages": msgs, "temperature": 0.2}, ensure_ascii=False, indent=2)


def anthropic_body(content, model="claude-sonnet-4-5"):
    return json.dumps({"model": model, "max_tokens": 2048,
                       "messages": [{"role": "user", "content": [{"type": "text", "text": content}]}]},
                      ensure_ascii=False, indent=2)


def gemini_body(content):
    return json.dumps({"contents": [{"role": "user", "parts": [{"text": content}]}],
                       "generationConfig": {"temperature": 0.1, "maxOutputTokens": 1024}}, ensure_ascii=False)


# generators for formats fakegen lacks (documented shapes, random bodies)
def crates_io():
    return "cio" + rnd_mixed(ALNUM, 32)


def payjp(live=True):
    return ("sk_live_" if live else "sk_test_") + rnd(HEX, 48)


def line_channel_token():
    return rnd_mixed(ALNUM + "+/", 171) + "="


def atlassian():
    return "ATATT3xFfGF0" + rnd_mixed(ALNUM + "-_", 180) + "=" + rnd(HEX.upper(), 8)


def cloudflare():
    return rnd_mixed(ALNUM + "-_", 40)


def alibaba_id():
    return "LTAI" + rnd_mixed(ALNUM, 20)


def mistral():
    return rnd_mixed(ALNUM, 32)


def anthropic_admin():
    return "sk-ant-admin01-" + rnd_mixed(ALNUM + "-_", 93) + "AA"


def django_secret():
    return "django-insecure-" + rnd(string.ascii_lowercase + string.digits + "!@#%^&*(-_=+)", 50)


def laravel_key():
    return "base64:" + base64.b64encode(bytes(R.getrandbits(8) for _ in range(32))).decode()


def sha(n=40):
    return rnd(HEX, n)


def uid():
    return str(uuid.UUID(int=R.getrandbits(128), version=4))


def b64(s):
    return base64.b64encode(s.encode()).decode()


# ============================ ENGLISH (60) ============================

# 1 django settings
pw, dk, ak, sk = password(), django_secret(), aws_key_id(), aws_secret()
S("en", "code", T('''# settings/production.py
import os
from .base import *  # noqa

DEBUG = False
SECRET_KEY = "@@dk@@"
ALLOWED_HOSTS = ["shop.example.com", "api.shop.example.com"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "shop_prod",
        "USER": "shop_app",
        "PASSWORD": "@@pw@@",
        "HOST": "shop-prod.cluster-c9x2kq.eu-west-1.rds.amazonaws.com",
        "PORT": "5432",
    }
}

AWS_ACCESS_KEY_ID = "@@ak@@"
AWS_SECRET_ACCESS_KEY = "@@sk@@"
AWS_STORAGE_BUCKET_NAME = "shop-prod-media"
''', dk=dk, pw=pw, ak=ak, sk=sk), ("generic_secret", dk), ("password", pw), ("aws_access_key", ak), ("aws_secret_key", sk))

# 2 TS config, stripe secret + publishable (pk not labelled)
sk_ = stripe("sk_live_"); pk_ = stripe("pk_live_")
S("en", "code", T('''// src/config/payments.ts
export const paymentsConfig = {
  publishableKey: "@@pk@@", // safe to ship to the browser
  secretKey: process.env.STRIPE_SECRET_KEY ?? "@@sk@@",
  webhookTolerance: 300,
  apiVersion: "2024-06-20" as const,
};
''', pk=pk_, sk=sk_), ("stripe_key", sk_))

# 3 Go with slack webhook and DSN
wh = slack_webhook(); dbpw = password_random(16)
dsn = f"postgres://billing_svc:{dbpw}@billing-db.internal.corp:5432/billing?sslmode=require"
S("en", "code", T('''package main

import (
	"database/sql"
	"log"

	_ "github.com/lib/pq"
)

const alertHook = "@@wh@@"

func main() {
	db, err := sql.Open("postgres", "@@dsn@@")
	if err != nil {
		log.Fatalf("open: %v", err)
	}
	defer db.Close()
	notify(alertHook, "billing worker started")
}
''', wh=wh, dsn=dsn), ("slack_webhook", wh), ("url_credentials", dsn))

# 4 Spring application.properties
mpw = password(); tw = twilio_sk(); ip1 = "10.12.4.31"
S("en", "config", T('''# application-prod.properties
server.port=8443
spring.datasource.url=jdbc:postgresql://@@ip1@@:5432/orders
spring.datasource.username=orders_rw
spring.datasource.password=@@mpw@@
spring.mail.host=smtp.office365.com
spring.mail.username=noreply-orders@northwind-traders.com
twilio.account-sid=AC@@sid@@
twilio.api-key=@@tw@@
management.endpoints.web.exposure.include=health,info
''', ip1=ip1, mpw=mpw, tw=tw, sid=rnd(HEX, 32)), ("ip_address", ip1), ("password", mpw),
  ("email", "noreply-orders@northwind-traders.com"), ("saas_token", tw))

# 5 C# appsettings.json with azure storage + sql password
azk = azure_storage_key(); sqlpw = password_random(14)
S("en", "json", T('''{
  "Logging": { "LogLevel": { "Default": "Information", "Microsoft.AspNetCore": "Warning" } },
  "ConnectionStrings": {
    "Default": "Server=tcp:contoso-sql.database.windows.net,1433;Initial Catalog=Contoso;User ID=contoso_app;Password=@@sqlpw@@;Encrypt=True;",
    "Blobs": "DefaultEndpointsProtocol=https;AccountName=contosoassets;AccountKey=@@azk@@;EndpointSuffix=core.windows.net"
  },
  "AllowedHosts": "*"
}''', sqlpw=sqlpw, azk=azk), ("password", sqlpw), ("azure_key", azk))

# 6 Ruby initializer with sendgrid
sg = sendgrid()
S("en", "code", T('''# config/initializers/mailer.rb
ActionMailer::Base.smtp_settings = {
  user_name: 'apikey',
  password: '@@sg@@',
  domain: 'acme-rentals.io',
  address: 'smtp.sendgrid.net',
  port: 587,
  authentication: :plain,
  enable_starttls_auto: true
}
ActionMailer::Base.default from: 'Bookings <bookings@acme-rentals.io>'
''', sg=sg), ("saas_token", sg), ("email", "bookings@acme-rentals.io"))

# 7 Laravel .env
lk = laravel_key(); dbp = password(); mgp = mailgun()
S("en", "config", T('''APP_NAME="Tenant Portal"
APP_ENV=production
APP_KEY=@@lk@@
APP_DEBUG=false
APP_URL=https://portal.hollowbrook.app

DB_CONNECTION=mysql
DB_HOST=172.19.0.4
DB_PORT=3306
DB_DATABASE=portal
DB_USERNAME=portal
DB_PASSWORD=@@dbp@@

MAILGUN_DOMAIN=mg.hollowbrook.app
MAILGUN_SECRET=@@mg@@
PUSHER_APP_ID=
PUSHER_APP_KEY=
''', lk=lk, dbp=dbp, mg=mgp), ("generic_secret", lk), ("ip_address", "172.19.0.4"), ("password", dbp), ("saas_token", mgp))

# 8 Rust with HF token
hft = hf()
S("en", "code", T('''use reqwest::header::{HeaderMap, AUTHORIZATION};

const HF_TOKEN: &str = "@@hf@@";

async fn embed(text: &str) -> anyhow::Result<Vec<f32>> {
    let mut h = HeaderMap::new();
    h.insert(AUTHORIZATION, format!("Bearer {}", HF_TOKEN).parse()?);
    let v = reqwest::Client::new()
        .post("https://api-inference.huggingface.co/pipeline/feature-extraction/BAAI/bge-small-en-v1.5")
        .headers(h)
        .json(&serde_json::json!({ "inputs": text }))
        .send().await?.json().await?;
    Ok(v)
}
''', hf=hft), ("huggingface_token", hft))

# 9 shell deploy script with github token and basic auth curl
ght = github("ghp_"); npw = password()
S("en", "code", T('''#!/usr/bin/env bash
set -euo pipefail
# quick hack until we move this into CI
GH_TOKEN=@@ght@@
curl -sS -H "Authorization: token $GH_TOKEN" \\
  -H "Accept: application/vnd.github+json" \\
  https://api.github.com/repos/fernwood/infra/releases/latest | jq -r .tag_name
curl -u deploy:@@npw@@ -T build/app.tar.gz https://nexus.fernwood.dev/repository/raw-releases/app-$(git rev-parse --short HEAD).tar.gz
''', ght=ght, npw=npw), ("github_token", ght), ("password", npw))

# 10 Dockerfile with npm token baked in
nt = npm()
S("en", "config", T('''FROM node:20-alpine AS build
WORKDIR /app
ARG NPM_TOKEN
ENV NPM_TOKEN=@@nt@@
RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc
COPY package*.json ./
RUN npm ci --omit=dev && rm -f .npmrc
COPY . .
RUN npm run build

FROM node:20-alpine
COPY --from=build /app/dist /srv
EXPOSE 8080
CMD ["node", "/srv/server.js"]
''', nt=nt), ("npm_token", nt))

# 11 docker-compose
pgp = password(); minio = high_entropy(40)
S("en", "config", T('''services:
  db:
    image: postgres:16.3
    environment:
      POSTGRES_USER: analytics
      POSTGRES_PASSWORD: "@@pgp@@"
    networks:
      backend:
        ipv4_address: 172.28.0.10
  minio:
    image: quay.io/minio/minio:RELEASE.2024-10-13T13-34-11Z
    command: server /data --console-address ":9001"
    environment:
      MINIO_ROOT_USER: minioadmin
      MINIO_ROOT_PASSWORD: @@minio@@
    ports:
      - "0.0.0.0:9000:9000"
networks:
  backend:
    ipam:
      config:
        - subnet: 172.28.0.0/16
''', pgp=pgp, minio=minio), ("password", pgp), ("ip_address", "172.28.0.10"), ("password", minio))

# 12 Kubernetes Secret with stringData
rp = password_random(18); sb = slack_bot()
S("en", "config", T('''apiVersion: v1
kind: Secret
metadata:
  name: notifier-secrets
  namespace: ops
type: Opaque
stringData:
  REDIS_PASSWORD: "@@rp@@"
  SLACK_BOT_TOKEN: @@sb@@
  SLACK_CHANNEL: "#oncall-alerts"
''', rp=rp, sb=sb), ("password", rp), ("slack_token", sb))

# 13 Helm values
hp = password(); nrk = newrelic()
S("en", "config", T('''# values-prod.yaml
replicaCount: 3
image:
  repository: ghcr.io/lumen-labs/catalog
  tag: "2.14.1"
  pullPolicy: IfNotPresent
ingress:
  enabled: true
  hosts:
    - host: catalog.lumen-labs.io
externalDatabase:
  host: catalog-pg.lumen.svc.cluster.local
  user: catalog
  password: @@hp@@
newrelic:
  licenseKey: ""
  apiKey: @@nrk@@
resources:
  limits: { cpu: 500m, memory: 512Mi }
''', hp=hp, nrk=nrk), ("password", hp), ("saas_token", nrk))

# 14 Terraform with aws + digitalocean
ak2, sk2, dot = aws_key_id(), aws_secret(), do_token()
S("en", "config", T('''provider "aws" {
  region     = "us-east-2"
  access_key = "@@ak@@"
  secret_key = "@@sk@@"
}

provider "digitalocean" {
  token = "@@do@@"
}

resource "digitalocean_droplet" "bastion" {
  image  = "ubuntu-24-04-x64"
  name   = "bastion-1"
  region = "fra1"
  size   = "s-1vcpu-1gb"
  tags   = ["env:${var.env}"]
}
''', ak=ak2, sk=sk2, do=dot), ("aws_access_key", ak2), ("aws_secret_key", sk2), ("cloud_token", dot))

# 15 Ansible inventory vars with vault blob (vault blob not labelled)
bp = password()
S("en", "config", T('''# inventories/prod/host_vars/db01.yml
ansible_host: 10.20.1.15
ansible_user: ubuntu
ansible_become_password: "@@bp@@"
postgres_listen: "0.0.0.0"
postgres_replica_password: !vault |
          $ANSIBLE_VAULT;1.1;AES256
          @@v1@@
          @@v2@@
          @@v3@@
''', bp=bp, v1=rnd("0123456789", 64), v2=rnd("0123456789", 64), v3=rnd("0123456789", 40)),
  ("ip_address", "10.20.1.15"), ("password", bp))

# 16 GitHub Actions, all secret refs (hard negative)
S("en", "config", T('''name: release
on:
  push:
    tags: ["v*.*.*"]
jobs:
  publish:
    runs-on: ubuntu-24.04
    permissions:
      contents: write
      id-token: write
    steps:
      - uses: actions/checkout@@@sha@@ # v4.2.2
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          registry-url: https://registry.npmjs.org
      - run: npm ci && npm publish --provenance
        env:
          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/gh-release
          aws-region: eu-central-1
''', sha=sha()))

# 17 GitLab CI with docker hub PAT hardcoded
dh = dockerhub()
S("en", "config", T('''stages: [build, push]
variables:
  DOCKER_DRIVER: overlay2
  IMAGE: docker.io/quarrytools/agent
build:
  stage: build
  image: docker:27
  services: [docker:27-dind]
  script:
    - echo "@@dh@@" | docker login -u quarrybot --password-stdin
    - docker build -t $IMAGE:$CI_COMMIT_SHORT_SHA .
    - docker push $IMAGE:$CI_COMMIT_SHORT_SHA
  rules:
    - if: $CI_COMMIT_BRANCH == "main"
''', dh=dh), ("package_registry_token", dh))

# 18 .env with AI keys and placeholders
oa, an, gq = openai_proj(), anthropic(), groq()
S("en", "config", T('''# .env.local  -- DO NOT COMMIT (oops)
OPENAI_API_KEY=@@oa@@
ANTHROPIC_API_KEY=@@an@@
GROQ_API_KEY=@@gq@@
# fill these in:
MISTRAL_API_KEY=<your-mistral-key>
COHERE_API_KEY=
LANGFUSE_PUBLIC_KEY=pk-lf-...
''', oa=oa, an=an, gq=gq), ("openai_key", oa), ("anthropic_key", an), ("ai_api_key", gq))

# 19 .pypirc INI
pp = pypi(); tpw = password()
S("en", "config", T('''[distutils]
index-servers =
    pypi
    internal

[pypi]
username = __token__
password = @@pp@@

[internal]
repository = https://pypi.int.marlow-analytics.net/simple/
username = ci-publisher
password = @@tpw@@
''', pp=pp, tpw=tpw), ("package_registry_token", pp), ("password", tpw))

# 20 cargo credentials TOML
ci = crates_io()
S("en", "config", T('''# ~/.cargo/credentials.toml
[registry]
token = "@@ci@@"

[registries.internal]
credential-provider = "cargo:token-from-stdout vault kv get -field=token secret/cargo"
''', ci=ci), ("package_registry_token", ci))

# 21 nginx upstream with private IPs + documentation range (not labelled)
S("en", "config", '''upstream api_backend {
    least_conn;
    server 10.0.1.21:8080 max_fails=3 fail_timeout=10s;
    server 10.0.1.22:8080 max_fails=3 fail_timeout=10s;
    server 127.0.0.1:8081 backup;
}

server {
    listen 443 ssl http2;
    server_name api.tidewater.cloud;
    ssl_certificate     /etc/letsencrypt/live/api.tidewater.cloud/fullchain.pem;
    ssl_certificate_key /etc/letsencrypt/live/api.tidewater.cloud/privkey.pem;

    location /admin/ {
        allow 192.0.2.0/24;
        deny all;
        proxy_pass http://api_backend;
    }
}
''', ("ip_address", "10.0.1.21"), ("ip_address", "10.0.1.22"))

# 22 Apache LDAP bind password
lp = password()
S("en", "config", T('''<Location "/wiki">
    AuthType Basic
    AuthName "Corp Wiki"
    AuthBasicProvider ldap
    AuthLDAPURL "ldaps://ldap.corp.brightline.de:636/ou=people,dc=brightline,dc=de?uid"
    AuthLDAPBindDN "cn=svc-wiki,ou=services,dc=brightline,dc=de"
    AuthLDAPBindPassword "@@lp@@"
    Require ldap-group cn=wiki-users,ou=groups,dc=brightline,dc=de
</Location>
''', lp=lp), ("password", lp))

# 23 SQL seed with PII and masked card
ssn = us_ssn()
S("en", "code", T('''INSERT INTO customers (id, full_name, email, phone, ssn, card_last4, created_at) VALUES
  (1001, 'Marisol Vega', 'marisol.vega@gmail.com', '+1 (312) 555-0187', '@@ssn@@', '**** 4242', '2025-03-11 09:14:02'),
  (1002, 'Derek Olsen', 'd.olsen@outlook.com', '415.555.0162', NULL, '**** 0005', '2025-03-11 09:20:45');
''', ssn=ssn), ("email", "marisol.vega@gmail.com"), ("phone", "+1 (312) 555-0187"), ("us_ssn", ssn),
  ("email", "d.olsen@outlook.com"), ("phone", "415.555.0162"))

# 24 Jupyter notebook JSON
ol = openai_legacy()
S("en", "json", T('''{
 "cells": [
  {
   "cell_type": "code",
   "execution_count": 3,
   "metadata": {},
   "outputs": [],
   "source": [
    "import os\\n",
    "from openai import OpenAI\\n",
    "os.environ[\\"OPENAI_API_KEY\\"] = \\"@@ol@@\\"\\n",
    "client = OpenAI()"
   ]
  },
  {
   "cell_type": "markdown",
   "metadata": {},
   "source": ["## Evaluate summaries on the support tickets"]
  }
 ],
 "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
 "nbformat": 4,
 "nbformat_minor": 5
}''', ol=ol), ("openai_key", ol))

# 25 git diff removing hardcoded AWS key
ak3, sk3 = aws_key_id(), aws_secret()
S("en", "code", T('''diff --git a/scripts/backup.py b/scripts/backup.py
index @@a@@..@@b@@ 100644
--- a/scripts/backup.py
+++ b/scripts/backup.py
@@ -4,9 +4,8 @@ import boto3
 
 def client():
-    return boto3.client("s3",
-        aws_access_key_id="@@ak@@",
-        aws_secret_access_key="@@sk@@")
+    # credentials now come from the instance profile
+    return boto3.client("s3")
''', a=sha(7), b=sha(7), ak=ak3, sk=sk3), ("aws_access_key", ak3), ("aws_secret_key", sk3))

# 26 Python traceback with private IP
S("en", "log", '''Traceback (most recent call last):
  File "/app/worker/tasks.py", line 88, in sync_inventory
    conn = psycopg2.connect(host=DB_HOST, dbname="inventory", user="inv_ro", connect_timeout=5)
  File "/usr/local/lib/python3.12/site-packages/psycopg2/__init__.py", line 122, in connect
    conn = _connect(dsn, connection_factory=connection_factory, **kwasync)
psycopg2.OperationalError: connection to server at "10.4.2.8", port 5432 failed: Connection timed out
	Is the server running on that host and accepting TCP/IP connections?
[2025-11-20 03:12:44,901] ERROR celery.app.trace: Task worker.tasks.sync_inventory[3f0c2a1e-8b7d-4c55-9a61-0e2f4d1b7c93] raised unexpected: OperationalError
''', ("ip_address", "10.4.2.8"))

# 27 CI log with masked secrets (hard negative)
S("en", "log", T('''2025-11-21T10:02:13.4417Z ##[group]Run docker/login-action@v3
2025-11-21T10:02:13.4418Z with:
2025-11-21T10:02:13.4418Z   registry: ghcr.io
2025-11-21T10:02:13.4419Z   username: ***
2025-11-21T10:02:13.4419Z   password: ***
2025-11-21T10:02:13.4420Z ##[endgroup]
2025-11-21T10:02:14.0102Z Login Succeeded!
2025-11-21T10:02:31.7781Z #12 exporting to image
2025-11-21T10:02:31.7782Z #12 writing image sha256:@@d@@ done
2025-11-21T10:02:31.9903Z #12 pushing ghcr.io/orbitfield/api:1.31.0-rc.2 with commit @@c@@
2025-11-21T10:02:33.1200Z Job completed in 00:01:22 (run id 11893274455, attempt 1)
''', d=sha(64), c=sha(40)))

# 28 Java stack trace with JDBC URL password param
jp = password()
S("en", "log", T('''2025-11-19 22:41:07.332 ERROR 1 --- [main] o.s.b.SpringApplication : Application run failed
org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection
	at org.springframework.jdbc.datasource.DataSourceUtils.getConnection(DataSourceUtils.java:84)
Caused by: java.sql.SQLNonTransientConnectionException: Could not create connection to database server. Attempted reconnect 3 times. url=jdbc:mysql://mysql-primary.shopfloor.local:3306/mes?user=mes_app&password=@@jp@@&useSSL=true
	at com.mysql.cj.jdbc.exceptions.SQLError.createSQLException(SQLError.java:110)
	... 42 common frames omitted
''', jp=jp), ("password", jp))

# 29 chat pasting curl with anthropic key
an2 = anthropic()
S("en", "chat", T('''@sam any idea why this returns 400? invalid_request_error "messages: roles must alternate"

curl https://api.anthropic.com/v1/messages \\
  -H "x-api-key: @@an@@" \\
  -H "anthropic-version: 2023-06-01" \\
  -H "content-type: application/json" \\
  -d '{"model":"claude-3-5-haiku-latest","max_tokens":256,"messages":[{"role":"user","content":"hi"},{"role":"user","content":"again"}]}'

(yeah I'll rotate the key after, it's the staging one)''', an=an2), ("anthropic_key", an2))

# 30 issue comment with stack trace and reporter e-mail
S("en", "chat", '''**Environment:** v3.8.2, Node 20.11, macOS 14.5

Same crash here after upgrading. Full trace:

```
TypeError: Cannot read properties of undefined (reading 'map')
    at normalizeRows (/Users/kpatel/dev/ledger/node_modules/@tabular/core/dist/index.js:211:18)
    at async Promise.all (index 0)
```

Happy to test a fix, ping me at kiran.patel.dev@proton.me or on the Discord. Reverting to 3.7.9 works.''',
  ("email", "kiran.patel.dev@proton.me"))

# 31 OpenAI body wrapping a .env
rk = stripe("rk_live_"); redis_pw = password_random(20)
inner = T('''Why does my app say "Invalid API Key provided"? Here's my env:

STRIPE_RESTRICTED_KEY=@@rk@@
STRIPE_PUBLISHABLE_KEY=pk_live_...
REDIS_URL=redis://default:@@rp@@@cache-01.upstash.io:6379
NODE_ENV=production''', rk=rk, rp=redis_pw)
ru = f"redis://default:{redis_pw}@cache-01.upstash.io:6379"
S("en", "json", openai_body(inner, system="You are a helpful senior backend engineer."), ("stripe_key", rk), ("url_credentials", ru))

# 32 Anthropic body wrapping a k8s manifest with slack bot token
sb2 = slack_user()
inner = T('''Convert this to a SealedSecret please:

apiVersion: v1
kind: Secret
metadata:
  name: standup-bot
stringData:
  token: "@@sb@@"
  webhook-channel: C07QX1ABCD2''', sb=sb2)
S("en", "json", anthropic_body(inner), ("slack_token", sb2))

# 33 Gemini body with SQL result containing IBAN
ib = iban("DE"); ib2 = iban("NL")
inner = T('''Summarise overdue suppliers from this query result:
supplier_id | name               | iban                     | overdue_eur
------------+--------------------+--------------------------+------------
S-00417     | Kessler Metallbau  | @@ib@@   | 12 480.00
S-00988     | Van Dijk Logistiek | @@ib2@@       | 3 115.50''', ib=ib, ib2=ib2)
S("en", "json", gemini_body(inner), ("iban", ib), ("iban", ib2))

# 34 README placeholders (hard negative)
S("en", "prose", '''## Quickstart

1. Copy `.env.example` to `.env`.
2. Set `OPENAI_API_KEY=<your-api-key>` (it starts with `sk-...`).
3. For CI, reference it as `${OPENAI_API_KEY}` or `${{ secrets.OPENAI_API_KEY }}` - never paste the literal key.
4. Optional: `SENTRY_DSN=https://<key>@o0.ingest.sentry.io/<project>`

```bash
export GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
export AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX
```
''')

# 35 package-lock excerpt (hard negative)
S("en", "json", T('''{
  "name": "dashboard",
  "version": "4.2.0",
  "lockfileVersion": 3,
  "packages": {
    "node_modules/axios": {
      "version": "1.7.7",
      "resolved": "https://registry.npmjs.org/axios/-/axios-1.7.7.tgz",
      "integrity": "sha512-@@i1@@",
      "license": "MIT"
    },
    "node_modules/uuid": {
      "version": "9.0.1",
      "resolved": "https://registry.npmjs.org/uuid/-/uuid-9.0.1.tgz",
      "integrity": "sha512-@@i2@@"
    }
  }
}''', i1=base64.b64encode(bytes(R.getrandbits(8) for _ in range(64))).decode(),
   i2=base64.b64encode(bytes(R.getrandbits(8) for _ in range(64))).decode()))

# 36 git log with author e-mails (emails labelled, SHAs not)
S("en", "log", T('''commit @@c1@@
Author: Priya Raman <priya.raman@fabrikam-labs.com>
Date:   Tue Nov 18 16:02:11 2025 +0530

    fix(auth): refresh token before expiry (#2291)

commit @@c2@@
Merge: @@m1@@ @@m2@@
Author: dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>
Date:   Mon Nov 17 08:00:45 2025 +0000

    chore(deps): bump express from 4.19.2 to 4.21.1
''', c1=sha(), c2=sha(), m1=sha(7), m2=sha(7)),
  ("email", "priya.raman@fabrikam-labs.com"), ("email", "49699333+dependabot[bot]@users.noreply.github.com"))

# 37 kubectl events, digests, UUIDs (hard negative)
S("en", "log", T('''LAST SEEN   TYPE      REASON      OBJECT                         MESSAGE
2m          Normal    Pulled      pod/ingest-7d9f8c6b5-x2kqp     Successfully pulled image "registry.k8s.io/ingest@sha256:@@d@@" in 1.2s
2m          Normal    Created     pod/ingest-7d9f8c6b5-x2kqp     Created container ingest
90s         Warning   BackOff     pod/ingest-7d9f8c6b5-x2kqp     Back-off restarting failed container ingest (uid @@u@@)
45s         Normal    Scheduled   pod/ingest-7d9f8c6b5-h8mzt     Successfully assigned prod/ingest-7d9f8c6b5-h8mzt to node-pool-b-3
''', d=sha(64), u=uid()))

# 38 frontend with publishable keys only (hard negative)
S("en", "code", T('''import { loadStripe } from "@stripe/stripe-js";

// Publishable keys are meant to be public - see Stripe docs "API keys".
const key = import.meta.env.PROD
  ? "@@pk@@"
  : "@@pkt@@";

export const stripePromise = loadStripe(key);
export const MAPBOX_STYLE = "mapbox://styles/mapbox/streets-v12";
''', pk=stripe("pk_live_"), pkt=stripe("pk_test_")))

# 39 bcrypt seed (hard negative besides nothing)
S("en", "code", T('''-- seed admin user (password is set via reset link on first login)
INSERT INTO users (id, username, password_hash, role, created_at)
VALUES ('@@u@@', 'admin', '$2b$12$@@h@@', 'superuser', NOW());
''', u=uid(), h=rnd("./" + ALNUM, 53)))

# 40 support chat with order numbers, masked card (hard negative)
S("en", "chat", '''agent: Thanks for waiting. I see order #ORD-2025-118843 was charged to the Visa ending **** 4242 on Nov 14.
agent: The replacement ships under tracking 1Z 999 AA1 01 2345 6784, invoice INV-00093121.
customer: ok great, and the refund for the first one?
agent: Refund RF-77310 was issued the same day, it can take 5-10 business days.''')

# 41 terraform plan output (hard negative)
S("en", "log", T('''Terraform will perform the following actions:

  # aws_db_instance.main will be updated in-place
  ~ resource "aws_db_instance" "main" {
        id                  = "db-@@id@@"
      ~ engine_version      = "15.6" -> "16.4"
      ~ password            = (sensitive value)
        arn                 = "arn:aws:rds:eu-west-1:123456789012:db:main"
        tags                = { "owner" = "platform" }
    }

Plan: 0 to add, 1 to change, 0 to destroy.
''', id=rnd(string.ascii_uppercase + string.digits, 26)))

# 42 SNMP config with OIDs, community placeholder (hard negative)
S("en", "config", '''# snmp_exporter generator.yml
modules:
  if_mib:
    walk:
      - 1.3.6.1.2.1.2.2.1.10     # ifInOctets
      - 1.3.6.1.2.1.31.1.1.1.6   # ifHCInOctets
    version: 2
    auth:
      community: ${SNMP_COMMUNITY}
    timeout: 5s
    retries: 3
''')

# 43 JWT in curl + cookie
j1 = jwt({"sub": "user_4821", "role": "admin", "iat": 1763910000, "exp": 1763913600})
S("en", "code", T('''curl 'https://api.glimmer.app/v2/reports?from=2025-11-01' \\
  -H 'accept: application/json' \\
  -H 'authorization: Bearer @@j@@' \\
  -H 'x-request-id: @@u@@' \\
  --compressed
''', j=j1, u=uid()), ("jwt", j1))

# 44 Truncated JWT / docs example (hard negative)
S("en", "chat", '''> the header should look like `Authorization: Bearer eyJhbGciOiJIUzI1NiIs...` right?

Yes, but don't paste the full token into the issue. The example in the docs is literally `Bearer <access_token>`, and the refresh endpoint returns `{"access_token": "...", "expires_in": 3600}`.''')

# 45 Android gradle.properties
sp, kp, gk = password(), password(), google_key()
S("en", "config", T('''org.gradle.jvmargs=-Xmx4g -Dfile.encoding=UTF-8
android.useAndroidX=true
RELEASE_STORE_FILE=../keystore/release.jks
RELEASE_STORE_PASSWORD=@@sp@@
RELEASE_KEY_ALIAS=upload
RELEASE_KEY_PASSWORD=@@kp@@
MAPS_API_KEY=@@gk@@
VERSION_CODE=20411
''', sp=sp, kp=kp, gk=gk), ("password", sp), ("password", kp), ("google_api_key", gk))

# 46 wp-config.php
wpp = password(); ak_ = rnd(ALNUM + "!@#$%^&*()-_[]{}<>~+=,.;:/?|", 64)
S("en", "code", T('''<?php
define( 'DB_NAME', 'wp_blog' );
define( 'DB_USER', 'wp_blog' );
define( 'DB_PASSWORD', '@@wpp@@' );
define( 'DB_HOST', 'localhost' );
define( 'AUTH_KEY',         '@@ak@@' );
define( 'SECURE_AUTH_KEY',  'put your unique phrase here' );
$table_prefix = 'wp_';
define( 'WP_DEBUG', false );
''', wpp=wpp, ak=ak_), ("password", wpp), ("generic_secret", ak_))

# 47 bash history with vault + databricks tokens
vt, db_ = vault(), databricks()
S("en", "code", T('''  501  vault login -method=oidc
  502  export VAULT_ADDR=https://vault.int.ridgeway.io:8200
  503  export VAULT_TOKEN=@@vt@@
  504  vault kv get secret/payments/prod
  505  databricks configure --token
  506  curl -H "Authorization: Bearer @@db@@" https://adb-4417283910552.12.azuredatabricks.net/api/2.0/clusters/list
  507  history | tail
''', vt=vt, db=db_), ("cloud_token", vt), ("cloud_token", db_))

# 48 pytest fixture with test card numbers
c1 = "4242424242424242"; c2 = card("mc"); c3 = card("amex")
S("en", "code", T('''import pytest

@pytest.mark.parametrize("number,brand", [
    ("@@c1@@", "visa"),
    ("@@c2@@", "mastercard"),
    ("@@c3@@", "amex"),
    ("4242 4242 4242 4241", None),  # bad checksum
])
def test_detect_brand(number, brand):
    assert detect_brand(number) == brand
''', c1=c1, c2=fmt_card(c2), c3=fmt_card(c3)), ("card", c1), ("card", fmt_card(c2)), ("card", fmt_card(c3)))

# 49 Go test with stripe sk_test
skt = stripe("sk_test_")
S("en", "code", T('''func TestCreateRefund(t *testing.T) {
	stripe.Key = "@@skt@@"
	params := &stripe.RefundParams{PaymentIntent: stripe.String("pi_3QbX2Z2eZvKYlo2C0Jm1a2b3")}
	r, err := refund.New(params)
	require.NoError(t, err)
	require.Equal(t, "succeeded", string(r.Status))
}
''', skt=skt), ("stripe_key", skt))

# 50 telegram bot
tg = telegram()
S("en", "code", T('''import telebot

bot = telebot.TeleBot("@@tg@@", parse_mode="HTML")
ADMIN_CHAT_ID = -1002231459871

@bot.message_handler(commands=["status"])
def status(m):
    bot.reply_to(m, "all green \\u2705")

bot.infinity_polling(timeout=20)
''', tg=tg), ("telegram_token", tg))

# 51 discord bot config JSON
dt, dw = discord_token(), discord_webhook()
S("en", "json", T('''{
  "token": "@@dt@@",
  "prefix": "!",
  "guildId": "1187264019927732294",
  "logWebhook": "@@dw@@",
  "owners": ["298413772651298816"]
}''', dt=dt, dw=dw), ("discord_token", dt), ("discord_webhook", dw))

# 52 .npmrc with gitlab token
gl = gitlab()
S("en", "config", T('''@frontend-kit:registry=https://gitlab.com/api/v4/projects/48213377/packages/npm/
//gitlab.com/api/v4/projects/48213377/packages/npm/:_authToken=@@gl@@
always-auth=true
save-exact=true
''', gl=gl), ("gitlab_token", gl))

# 53 nginx access log with public IPs + loopback
S("en", "log", '''81.2.69.142 - - [21/Nov/2025:08:14:55 +0000] "GET /api/v1/products?page=2 HTTP/2.0" 200 5123 "-" "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"
127.0.0.1 - - [21/Nov/2025:08:14:56 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.30"
2a02:c7c:5f21:1e00:8d4b:12ff:fe9a:3c10 - - [21/Nov/2025:08:14:58 +0000] "POST /api/v1/cart HTTP/2.0" 201 88 "-" "okhttp/4.12.0"
185.199.110.17 - - [21/Nov/2025:08:15:01 +0000] "GET /wp-login.php HTTP/1.1" 404 153 "-" "python-requests/2.31.0"
''', ("ip_address", "81.2.69.142"), ("ip_address", "2a02:c7c:5f21:1e00:8d4b:12ff:fe9a:3c10"), ("ip_address", "185.199.110.17"))

# 54 kubeconfig with SA token (JWT)
kj = jwt({"iss": "kubernetes/serviceaccount", "kubernetes.io/serviceaccount/namespace": "ci",
          "sub": "system:serviceaccount:ci:deployer"}, alg="RS256")
S("en", "config", T('''apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUMvakNDQWVhZ0F3SUJBZ0lCQURBTkJna3Foa2lHOXcwQkFRc0ZBREFWTVJNd0VRWURWUVFERXdwcmRXSmwKY201bGRHVnpNQjRYRFRJMU1URXhPREV3TURBd01Gb1hEVE0xTVRFeE5qRXdNREF3TUZvd0ZURVRNQkVHQTFVRQpBeE1LYTNWaVpYSnVaWFJsY3pDQ0FTSXdEUVlKS29aSWh2Y05BUUVCQlFBRGdnRVBBRENDQVFvQ2dnRUJBTGtECi0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K
    server: https://10.96.0.1:6443
  name: prod
contexts:
- context: {cluster: prod, user: deployer, namespace: ci}
  name: prod-ci
current-context: prod-ci
users:
- name: deployer
  user:
    token: @@kj@@
''', kj=kj), ("ip_address", "10.96.0.1"), ("jwt", kj))

# 55 chat about ETL fixture with SSN + phone
s1, s2 = us_ssn(), us_ssn(sep=" ")
S("en", "chat", T('''hey, the dedupe job merged two patients it shouldn't have. rows from the staging export:

  MRN 0048812  Lopez, Ana      SSN @@s1@@  (505) 555-0148
  MRN 0048813  Lopez, Ana M.   SSN @@s2@@  505-555-0148

same name + phone so the fuzzy matcher scored 0.93. should we block on SSN mismatch?''', s1=s1, s2=s2),
  ("us_ssn", s1), ("us_ssn", s2), ("phone", "(505) 555-0148"), ("phone", "505-555-0148"))

# 56 tfvars with azure client secret (subscription/tenant UUIDs not labelled)
acs = azure_client_secret()
S("en", "config", T('''subscription_id = "@@u1@@"
tenant_id       = "@@u2@@"
client_id       = "@@u3@@"
client_secret   = "@@acs@@"
location        = "westeurope"
''', u1=uid(), u2=uid(), u3=uid(), acs=acs), ("azure_key", acs))

# 57 issue comment with Sentry request body containing card + email
cc = card("visa")
S("en", "chat", T('''Sentry event `@@e@@` shows the raw body being logged, which is bad:

```json
{"email": "h.nakamura88@yahoo.com", "card": {"number": "@@cc@@", "exp": "09/28", "cvc": "***"}, "amount": 4999}
```

We need to strip `card.number` in the before_send hook before this goes further.''', e=sha(32), cc=cc),
  ("email", "h.nakamura88@yahoo.com"), ("card", cc))

# 58 Python with EC private key for JWT signing
pk1 = pem("ec")
S("en", "code", T('''import jwt, time

# TODO move to KMS
SIGNING_KEY = """@@pk@@"""

def apple_client_secret(team_id: str, key_id: str) -> str:
    now = int(time.time())
    return jwt.encode({"iss": team_id, "iat": now, "exp": now + 86400 * 180,
                       "aud": "https://appleid.apple.com", "sub": "com.tidal.mobile"},
                      SIGNING_KEY, algorithm="ES256", headers={"kid": key_id})
''', pk=pk1), ("private_key", pk1))

# 59 CI log leaking env
nr2, lin = newrelic(), linear()
S("en", "log", T('''+ env | sort
CI=true
CI_PIPELINE_ID=1482273
HOME=/root
LINEAR_API_KEY=@@lin@@
NEW_RELIC_API_KEY=@@nr@@
NODE_VERSION=20.18.0
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
+ npm run release:notes
''', lin=lin, nr=nr2), ("saas_token", lin), ("saas_token", nr2))

# 60 Postman collection with PMAK and basic-auth URL
pm = postman(); bpw = password()
bu = f"https://ops:{bpw}@staging.harborline.dev/admin/api"
S("en", "json", T('''{
  "info": {"name": "Harborline Admin", "_postman_id": "@@u@@"},
  "variable": [
    {"key": "baseUrl", "value": "@@bu@@"},
    {"key": "postmanApiKey", "value": "@@pm@@"}
  ],
  "item": [{"name": "List tenants", "request": {"method": "GET", "url": "{{baseUrl}}/tenants"}}]
}''', u=uid(), bu=bu, pm=pm), ("url_credentials", bu), ("saas_token", pm))

# ============================ JAPANESE (50) ============================

# 61 Python with Japanese comments and My Number test data
mn1, mn2 = jp_mynumber(), jp_mynumber()
S("ja", "code", T('''# マイナンバー検証ロジックのテスト
# ※ステージングの実データから抜き出したもの。後でダミーに差し替えること
CASES = [
    ("@@m1@@", True),   # 山田 太郎
    ("@@m2@@", True),   # 佐藤 花子
    ("123456789012", False),  # チェックディジット不一致
]

def test_mynumber():
    for num, ok in CASES:
        assert validate_mynumber(num) is ok
''', m1=mn1, m2=f"{mn2[:4]} {mn2[4:8]} {mn2[8:]}"), ("jp_mynumber", mn1), ("jp_mynumber", f"{mn2[:4]} {mn2[4:8]} {mn2[8:]}"))

# 62 chat with postgres URL with credentials
pw2 = password()
u2 = f"postgresql://readonly:{pw2}@pg-main.prod.kintone-sync.jp:5432/sync"
S("ja", "chat", T('''本番DBにつながらないです…ローカルからこれで接続しようとしてます

psql "@@u@@"

psql: error: connection to server ... timeout
VPN経由じゃないとダメでしたっけ？''', u=u2), ("url_credentials", u2))

# 63 .env with LINE tokens (saas_token) and comments
ls_, lt = rnd(HEX, 32), line_channel_token()
S("ja", "config", T('''# LINE Messaging API（本番チャネル）
LINE_CHANNEL_ID=2006123456
LINE_CHANNEL_SECRET=@@ls@@
LINE_CHANNEL_ACCESS_TOKEN=@@lt@@
# LIFF
LIFF_ID=2006123456-AbCdEfGh
''', ls=ls_, lt=lt), ("saas_token", ls_), ("saas_token", lt))

# 64 docker-compose with Japanese comments
mrp, mup = password(), password_random(12)
S("ja", "config", T('''# ローカル開発用（本番では使わないこと）
services:
  mysql:
    image: mysql:8.4
    environment:
      MYSQL_ROOT_PASSWORD: @@mrp@@   # ルートパスワード
      MYSQL_DATABASE: ec_site
      MYSQL_USER: ec_user
      MYSQL_PASSWORD: "@@mup@@"
      TZ: Asia/Tokyo
    ports:
      - "3306:3306"
''', mrp=mrp, mup=mup), ("password", mrp), ("password", mup))

# 65 issue comment with customer email & phone in stack trace
S("ja", "chat", '''再現しました。注文確定メール送信時に落ちています。

```
MailDeliveryError: 550 5.1.1 <tanaka.yui@docomo.ne.jp>: Recipient address rejected
  at SmtpTransport.send (src/mail/transport.ts:142:11)
  at OrderService.confirm (src/order/service.ts:87:5)
context: { orderId: "A-20251121-0042", tel: "090-4821-7735" }
```

お客様の連絡先がログにそのまま出ているのも問題なので、マスク処理も入れたいです。''',
  ("email", "tanaka.yui@docomo.ne.jp"), ("phone", "090-4821-7735"))

# 66 SQL with customer PII
mn3 = jp_mynumber()
S("ja", "code", T('''-- 顧客マスタ 初期データ
INSERT INTO customers (氏名, フリガナ, 電話番号, メール, 個人番号) VALUES
('鈴木 一郎', 'スズキ イチロウ', '03-6821-4410', 'ichiro.suzuki@example-shoji.co.jp', '@@mn@@'),
('高橋 美咲', 'タカハシ ミサキ', '080-2291-5583', 'misaki.t@gmail.com', NULL);
''', mn=mn3), ("phone", "03-6821-4410"), ("email", "ichiro.suzuki@example-shoji.co.jp"), ("jp_mynumber", mn3),
  ("phone", "080-2291-5583"), ("email", "misaki.t@gmail.com"))

# 67 OpenAI body: code review with AWS keys
ak4, sk4 = aws_key_id(), aws_secret()
inner = T('''このコードをレビューしてください。S3へのアップロードが遅いです。

import boto3
s3 = boto3.client(
    "s3",
    region_name="ap-northeast-1",
    aws_access_key_id="@@ak@@",
    aws_secret_access_key="@@sk@@",
)
for f in files:
    s3.upload_file(f, "invoice-archive-prod", f)''', ak=ak4, sk=sk4)
S("ja", "json", openai_body(inner, model="gpt-4.1"), ("aws_access_key", ak4), ("aws_secret_key", esc(sk4)))

# 68 Anthropic body with log and IPs
inner = '''以下のfail2banログから攻撃元を分析してください。

2025-11-22 02:11:09,331 fail2ban.actions [812]: NOTICE  [sshd] Ban 45.135.232.19
2025-11-22 02:14:40,002 fail2ban.actions [812]: NOTICE  [sshd] Ban 218.92.0.107
2025-11-22 02:15:03,771 fail2ban.filter  [812]: INFO    [sshd] Ignore 192.168.10.5 by ip
2025-11-22 02:20:11,118 fail2ban.actions [812]: NOTICE  [sshd] Unban 45.135.232.19'''
S("ja", "json", anthropic_body(inner), ("ip_address", "45.135.232.19"), ("ip_address", "218.92.0.107"),
  ("ip_address", "192.168.10.5"))

# 69 Gemini body with employee CSV
mn4, mn5 = jp_mynumber(), jp_mynumber()
inner = T('''次のCSVを年末調整用のフォーマットに変換して。
社員番号,氏名,個人番号,携帯
E1021,伊藤 健太,@@a@@,070-3318-2024
E1022,渡辺 さくら,@@b@@,090-7742-1109''', a=mn4, b=mn5)
S("ja", "json", gemini_body(inner), ("jp_mynumber", mn4), ("phone", "070-3318-2024"), ("jp_mynumber", mn5),
  ("phone", "090-7742-1109"))

# 70 support chat JA hard negative: order/tracking/invoice/masked card
S("ja", "chat", '''お問い合わせありがとうございます。
ご注文番号 20251118-7734-0091 の商品は、ヤマト運輸 伝票番号 4418-2291-3307 にて発送済みです。
お支払いはクレジットカード（末尾 **** 1881）で処理されております。
請求書番号 INV-JP-0049213 は マイページ > 購入履歴 からダウンロードいただけます。''')

# 71 Terraform with Japanese comments, vars only (hard negative)
S("ja", "config", '''# 本番VPC（値はすべて tfvars / SSM から渡す。ここに直書きしないこと）
variable "db_password" {
  type      = string
  sensitive = true
}

resource "aws_db_instance" "main" {
  identifier        = "ec-prod"
  engine            = "postgres"
  engine_version    = "16.4"
  instance_class    = "db.t4g.medium"
  username          = "ec_admin"
  password          = var.db_password
  vpc_security_group_ids = [aws_security_group.db.id]
}
''')

# 72 GitHub Actions JA comments, secrets refs (hard negative)
S("ja", "config", '''# デプロイ用ワークフロー（シークレットは Settings > Secrets から）
name: deploy
on: workflow_dispatch
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Firebase へデプロイ
        run: npx firebase-tools deploy --only hosting --token "$FIREBASE_TOKEN"
        env:
          FIREBASE_TOKEN: ${{ secrets.FIREBASE_TOKEN }}
      - name: Slack 通知
        uses: slackapi/slack-github-action@v1.27.0
        with:
          payload: '{"text":"デプロイ完了 :tada:"}'
        env:
          SLACK_WEBHOOK_URL: ${{ secrets.SLACK_WEBHOOK_URL }}
''')

# 73 Slack chat pasting a slack webhook
wh2 = slack_webhook()
S("ja", "chat", T('''アラート通知先、これに変えました
@@wh@@
#infra-alerts チャンネルに飛びます。古いWebhookは削除済みです''', wh=wh2), ("slack_webhook", wh2))

# 74 k8s Secret JA comments with sendgrid + private IP
sg2 = sendgrid()
S("ja", "config", T('''# メール送信サービス用シークレット
apiVersion: v1
kind: Secret
metadata:
  name: mailer
  namespace: ec
stringData:
  SENDGRID_API_KEY: "@@sg@@"   # 本番キー
  SMTP_RELAY_HOST: "10.8.0.12"      # 社内リレー
  FROM_ADDRESS: "no-reply@shop.kurumi-ya.jp"
''', sg=sg2), ("saas_token", sg2), ("ip_address", "10.8.0.12"), ("email", "no-reply@shop.kurumi-ya.jp"))

# 75 git diff removing an OpenAI key with JA commit message
oa2 = openai_proj()
S("ja", "code", T('''commit @@c@@
Author: 小林 翔 <sho.kobayashi@hikari-dev.jp>
Date:   Fri Nov 21 19:03:55 2025 +0900

    誤ってコミットしたAPIキーを削除（キーはローテーション済み）

diff --git a/app/llm.py b/app/llm.py
--- a/app/llm.py
+++ b/app/llm.py
@@ -1,5 +1,5 @@
 from openai import OpenAI
-client = OpenAI(api_key="@@oa@@")
+client = OpenAI()  # OPENAI_API_KEY を環境変数から読む
''', c=sha(), oa=oa2), ("email", "sho.kobayashi@hikari-dev.jp"), ("openai_key", oa2))

# 76 Java properties with JA comments, mail password, SMTP IP
mp2 = password()
S("ja", "config", T('''# メール設定（社内SMTP）
mail.smtp.host=172.16.40.25
mail.smtp.port=587
mail.smtp.user=system-notice@marusan-seiki.co.jp
mail.smtp.password=@@mp@@
# 管理者への通知先
admin.notify.to=kanri@marusan-seiki.co.jp
''', mp=mp2), ("ip_address", "172.16.40.25"), ("email", "system-notice@marusan-seiki.co.jp"), ("password", mp2),
  ("email", "kanri@marusan-seiki.co.jp"))

# 77 JA CI log with masked values (hard negative)
S("ja", "log", T('''[2025-11-22 10:41:02] ビルド開始 #4821 (ブランチ: release/2.3)
[2025-11-22 10:41:05] 環境変数を読み込みました: API_KEY=****, DB_PASSWORD=****
[2025-11-22 10:43:17] テスト成功 1,284 件 / 失敗 0 件
[2025-11-22 10:44:02] イメージをプッシュ: asia-northeast1-docker.pkg.dev/ec-prod/app/web@sha256:@@d@@
[2025-11-22 10:44:03] ビルド完了 (所要時間 3分01秒)
''', d=sha(64)))

# 78 JA chat about decoding JWT
j2 = jwt({"sub": "8812034", "email_verified": True, "tenant": "kurumi", "iat": 1763950000})
S("ja", "chat", T('''このトークン、jwt.io でデコードすると exp がないんですが仕様ですか？
@@j@@
ログイン直後にブラウザのlocalStorageから取ったやつです''', j=j2), ("jwt", j2))

# 79 nginx with JA comments and IPs
S("ja", "config", '''# 管理画面は本社と大阪拠点からのみ許可
location /admin {
    allow 210.148.59.66;     # 本社
    allow 61.197.12.140;     # 大阪拠点
    allow 10.10.0.0/16;      # 社内VPN
    deny  all;
    proxy_pass http://10.10.3.7:3000;
}
''', ("ip_address", "210.148.59.66"), ("ip_address", "61.197.12.140"),
  ("ip_address", "10.10.3.7"))

# 80 Ruby with PAY.JP secret key (payment_token) and public key (not labelled)
pj = payjp(); pjpub = "pk_live_" + rnd(HEX, 24)
S("ja", "code", T('''# PAY.JP 決済クライアント
require 'payjp'

Payjp.api_key = '@@pj@@'  # 秘密鍵
PUBLIC_KEY = '@@pub@@'   # 公開鍵（フロント用）

def charge!(token, amount)
  Payjp::Charge.create(amount: amount, card: token, currency: 'jpy')
end
''', pj=pj, pub=pjpub), ("payment_token", pj))

# 81 notebook JSON with JA markdown and HF token
hf2 = hf()
S("ja", "json", T('''{
 "cells": [
  {"cell_type": "markdown", "metadata": {}, "source": ["# 日本語LLMの評価\\n", "ELYZA-tasks-100 で比較する"]},
  {"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [],
   "source": ["from huggingface_hub import login\\n", "login(token=\\"@@hf@@\\")"]}
 ],
 "metadata": {"language_info": {"name": "python", "version": "3.11.9"}},
 "nbformat": 4, "nbformat_minor": 5
}''', hf=hf2), ("huggingface_token", hf2))

# 82 JA issue with versions (hard negative)
S("ja", "chat", T('''v2.4.0 → v2.5.1 にアップデートしたらビルドが壊れました。

- Node.js 20.18.0
- pnpm 9.12.3
- next 15.0.3
- コミット @@c@@ まではOK

`pnpm why sharp` の結果、0.33.5 が二重に入っていました。''', c=sha(12)))

# 83 Ansible with JA comments
ab = password()
S("ja", "config", T('''# 東京リージョンのWebサーバ群
[web]
web01 ansible_host=10.0.11.21
web02 ansible_host=10.0.11.22

[web:vars]
ansible_user=deploy
ansible_become_pass=@@ab@@   # TODO: vault化
''', ab=ab), ("ip_address", "10.0.11.21"), ("ip_address", "10.0.11.22"), ("password", ab))

# 84 GitLab CI JA with glpat
gl2 = gitlab()
gu = f"https://oauth2:{gl2}@gitlab.example-corp.jp/"
S("ja", "config", T('''# サブモジュール取得用（CI_JOB_TOKEN だと権限が足りないため個人トークン）
before_script:
  - git config --global url."https://oauth2:@@gl@@@gitlab.example-corp.jp/".insteadOf "https://gitlab.example-corp.jp/"
  - git submodule update --init --recursive
''', gl=gl2), ("gitlab_token", gl2), ("url_credentials", gu))

# 85 JA chat: placeholders only (hard negative)
S("ja", "chat", '''READMEの手順通りに `export OPENAI_API_KEY="sk-xxxxxxxx"` として実行したら 401 になりました。
→ それはプレースホルダーなので、ご自身のキーに置き換えてください。`.env.example` の `ANTHROPIC_API_KEY=your-key-here` も同様です。''')

# 86 JA Go code with Alibaba Cloud key (cloud_token)
ali_id, ali_sec = alibaba_id(), rnd_mixed(ALNUM, 30)
S("ja", "code", T('''// OSS へのアップロード（中国リージョン向け）
client, err := oss.New(
	"https://oss-cn-shanghai.aliyuncs.com",
	"@@id@@",     // AccessKey ID
	"@@sec@@",    // AccessKey Secret
)
if err != nil {
	log.Fatalf("OSSクライアント作成失敗: %v", err)
}
''', id=ali_id, sec=ali_sec), ("cloud_token", ali_id), ("cloud_token", ali_sec))

# 87 JA chat about Backlog/atlassian token
at = atlassian()
S("ja", "chat", T('''Jira API 叩くスクリプト作りました。とりあえず自分のトークンで動かしてます

curl -u watanabe.k@sakura-works.jp:@@at@@ \\
  -H "Accept: application/json" \\
  "https://sakura-works.atlassian.net/rest/api/3/search?jql=project=OPS"''', at=at),
  ("email", "watanabe.k@sakura-works.jp"), ("saas_token", at))

# 88 JA TOML config with cloudflare token
cf = cloudflare()
S("ja", "config", T('''# wrangler.toml（Cloudflare Workers）
name = "kurumi-edge"
main = "src/index.ts"
compatibility_date = "2025-10-01"

[vars]
ENVIRONMENT = "production"
# ↓本当は wrangler secret put で入れるべき
CF_API_TOKEN = "@@cf@@"
''', cf=cf), ("cloud_token", cf))

# 89 JA log with mixed IPs, doc range not labelled
S("ja", "log", '''2025-11-22T09:12:01+09:00 WARN  認証失敗 user=admin src=203.0.113.45 (テスト用アドレス)
2025-11-22T09:12:07+09:00 WARN  認証失敗 user=admin src=118.27.104.9
2025-11-22T09:12:15+09:00 INFO  ログイン成功 user=yamamoto src=192.168.1.34
2025-11-22T09:13:00+09:00 INFO  ヘルスチェック OK src=127.0.0.1
''', ("ip_address", "118.27.104.9"), ("ip_address", "192.168.1.34"))

# 90 JA hard negative: UUIDs, request ids, sha256
S("ja", "log", T('''リクエストID: @@u1@@
トレースID: @@t@@
アップロードファイル: 請求書_2025年11月.pdf (sha256: @@d@@)
処理結果: 成功（ジョブID @@u2@@, バージョン 3.2.1-build.447）
''', u1=uid(), t=rnd(HEX, 32), d=sha(64), u2=uid()))

# 91 JA Python with Square access token (payment_token)
sq = square()
S("ja", "code", T('''# 店舗POS連携（Square）
from square.client import Client

client = Client(
    access_token="@@sq@@",  # 本番アクセストークン
    environment="production",
)
loc = client.locations.list_locations()
''', sq=sq), ("payment_token", sq))

# 92 JA chat with card number for test (card label)
tc = card("jcb")
S("ja", "chat", T('''決済テストで使うカード番号、JCBのテスト用だとこれでOKでした
@@tc@@ 有効期限 12/30 CVC 123
本番では絶対に使わないでください''', tc=fmt_card(tc, "-")), ("card", fmt_card(tc, "-")))

# 93 JA Anthropic body with Kotlin code with google api key
gk2 = google_key()
inner = T('''Android の地図が表示されません。原因を教えてください。

// MapsActivity.kt
class MapsActivity : AppCompatActivity(), OnMapReadyCallback {
    private val apiKey = "@@gk@@"
    override fun onMapReady(map: GoogleMap) {
        map.moveCamera(CameraUpdateFactory.newLatLngZoom(LatLng(35.681, 139.767), 14f))
    }
}''', gk=gk2)
S("ja", "json", anthropic_body(inner), ("google_api_key", gk2))

# 94 JA shell with SSH private key echo (openssh)
ok = openssh_key()
S("ja", "code", T('''#!/bin/bash
# デプロイ用の鍵を一時的に書き出す（CI上でのみ実行）
mkdir -p ~/.ssh
cat > ~/.ssh/id_ed25519 <<'KEY'
@@ok@@
KEY
chmod 600 ~/.ssh/id_ed25519
ssh -o StrictHostKeyChecking=no deploy@10.0.21.5 'sudo systemctl restart app'
''', ok=ok), ("private_key", ok), ("ip_address", "10.0.21.5"))

# 95 JA hard negative: bcrypt hashes & example values in docs
S("ja", "prose", T('''## パスワードの保存について

パスワードは必ず bcrypt でハッシュ化して保存します。例:

    $2a$10$@@h@@

API キーの形式は `ek_live_` で始まる 32 文字です（例: `ek_live_XXXXXXXXXXXXXXXXXXXXXXXX`）。ドキュメント中の値はすべてダミーです。''',
  h=rnd("./" + ALNUM, 53)))

# 96 JA Gemini body with Discord webhook in python
dw2 = discord_webhook()
inner = T('''このPythonがDiscordに投稿できない理由は？

import requests
WEBHOOK = "@@dw@@"
requests.post(WEBHOOK, json={"content": "サーバー再起動しました"})''', dw=dw2)
S("ja", "json", gemini_body(inner), ("discord_webhook", dw2))

# 97 JA config INI with generic secret
gs = high_entropy(48)
S("ja", "config", T('''; 社内API連携設定
[auth]
client_id = hanbai-batch
client_secret = @@gs@@
token_endpoint = https://auth.internal.marusan.local/oauth2/token

[batch]
; 毎日 2:00 に実行
schedule = 0 2 * * *
''', gs=gs), ("generic_secret", gs))

# 98 JA chat with phone numbers of colleagues
S("ja", "chat", '''障害時の連絡先まとめておきます
一次対応: 山口さん 080-6612-3094
二次対応: 森さん 090-1187-4452（夜間は出られない場合あり）
ベンダー窓口: 0120-987-221（平日9-18時）
メールなら oncall@hikari-dev.jp へ''', ("phone", "080-6612-3094"), ("phone", "090-1187-4452"),
  ("phone", "0120-987-221"), ("email", "oncall@hikari-dev.jp"))

# 99 JA hard negative: version strings, OIDs, timestamps in config
S("ja", "config", '''# 監視設定（SNMP）
[snmp]
; sysUpTime
oid_uptime = 1.3.6.1.2.1.1.3.0
; ifInOctets
oid_in = 1.3.6.1.2.1.2.2.1.10
community = ${SNMP_COMMUNITY}
agent_version = 5.9.4
last_updated = 2025-11-20T14:22:05+09:00
''')

# 100 JA PHP with DB password and mail
pp2 = password()
S("ja", "code", T('''<?php
// データベース接続設定（さくらのレンタルサーバ）
$dsn = 'mysql:host=mysql57.kurumi.sakura.ne.jp;dbname=kurumi_shop;charset=utf8mb4';
$user = 'kurumi_shop';
$pass = '@@pp@@';
$pdo = new PDO($dsn, $user, $pass);
// 問い合わせ通知先
$to = 'info@kurumi-ya.jp';
''', pp=pp2), ("password", pp2), ("email", "info@kurumi-ya.jp"))

# 101 JA Rust with mistral key (ai_api_key) and comment
ms = mistral()
S("ja", "code", T('''// 要約APIクライアント（Mistral）
let client = reqwest::Client::new();
let res = client
    .post("https://api.mistral.ai/v1/chat/completions")
    .bearer_auth("@@ms@@")
    .json(&body)
    .send()
    .await?;
''', ms=ms), ("ai_api_key", ms))

# 102 JA hard negative: Stripe publishable key and dummy test secret placeholders
S("ja", "code", T('''// フロントエンド用（公開可能キーなので直書きでOK）
const stripe = Stripe("@@pk@@");
// サーバー側の秘密鍵は環境変数から: process.env.STRIPE_SECRET_KEY (sk_live_...)
''', pk=stripe("pk_live_")))

# 103 JA OpenAI body with GCP SA JSON
gj, gkey = gcp_sa_json("kurumi-analytics")
inner = "BigQuery に接続できません。サービスアカウントはこれです:\n\n" + gj
S("ja", "json", openai_body(inner), ("gcp_credentials", esc(gkey)), ("private_key", esc(gkey)),
  ("email", "ci-deployer@kurumi-analytics.iam.gserviceaccount.com"))

# 104 JA chat with masked/partial values (hard negative)
S("ja", "chat", '''ログに出ていたキーは `sk-proj-****...Qw9A` の形で末尾4文字しか出ていないので、漏洩ではないと判断しました。
AWSの方も `AKIA****************` とマスクされています。念のため CloudTrail で 11/20 以降の利用を確認中です。''')

# 105 JA docker run with anthropic admin key and x-ai key
aad, xk = anthropic_admin(), xai()
S("ja", "code", T('''# 評価用コンテナ起動（キーは検証用アカウント）
docker run --rm -it \\
  -e ANTHROPIC_ADMIN_KEY=@@aad@@ \\
  -e XAI_API_KEY=@@xk@@ \\
  -v $(pwd)/evals:/evals \\
  ghcr.io/hikari-dev/llm-evals:0.9.2
''', aad=aad, xk=xk), ("anthropic_key", aad), ("ai_api_key", xk))

# 106 JA Helm values with redis password and notion token
rp3, nt2 = password_random(16), notion()
S("ja", "config", T('''# 社内ナレッジBot 用 values
redis:
  auth:
    enabled: true
    password: "@@rp@@"
notion:
  # インテグレーションのシークレット
  token: @@nt@@
  databaseId: @@db@@
''', rp=rp3, nt=nt2, db=rnd(HEX, 32)), ("password", rp3), ("saas_token", nt2))

# 107 JA log: Java stacktrace with RSA private key PEM leaked? -> use traditional RSA in config dump
rsa = pem_rsa_traditional()
S("ja", "config", T('''# SAML 署名用の鍵（検証環境）
saml:
  sp:
    entity-id: https://stg.kintai-cloud.jp/saml/metadata
    private-key: |
@@k@@
''', k="\n".join("      " + l for l in rsa.splitlines())),
  ("private_key", "\n".join("      " + l for l in rsa.splitlines()).strip()))

# 108 JA chat: non-Japanese identifiers in HR migration (kr_rrn, sg_nric)
rr, nr_ = kr_rrn(), sg_nric()
S("ja", "chat", T('''海外子会社の社員データ移行で、バリデーションに引っかかった行です
・ソウル拠点 キム・ミンジュン 住民登録番号 @@rr@@
・シンガポール拠点 Tan Wei Ling NRIC @@nr@@
どちらも正しい番号のはずなので、チェック処理を確認してもらえますか''', rr=rr, nr=nr_), ("kr_rrn", rr), ("sg_nric", nr_))

# 109 JA hard negative: git SHAs, semver, build IDs in release note
S("ja", "prose", T('''## リリースノート v4.12.0（2025-11-21）

- 注文一覧のページングを修正 (@@c1@@)
- 配送ステータス API のタイムアウトを 30 秒に延長 (@@c2@@)
- 依存パッケージ更新: axios 1.7.7, zod 3.23.8
- ビルド番号: 20251121.3 / イメージ digest sha256:@@d@@
''', c1=sha(7), c2=sha(7), d=sha(64)))

# 110 JA Kotlin with Replicate token and pplx
rpl, px = replicate(), pplx()
S("ja", "code", T('''// 画像生成と検索APIのキー（あとで BuildConfig に移す）
object ApiKeys {
    const val REPLICATE = "@@r@@"
    const val PERPLEXITY = "@@p@@"
    const val SENTRY_ENV = "production"
}
''', r=rpl, p=px), ("ai_api_key", rpl), ("ai_api_key", px))

write_corpus(OUT, sys.argv[1])
