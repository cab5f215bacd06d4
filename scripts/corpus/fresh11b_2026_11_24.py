"""Fresh set 11b (2026-11-24): written by a helper who read only fakegen.py, never the rules
(ja/ko/en); scored once (docs/detection.md). Values are generated (fake): see fakegen.py.
Usage: python3 fresh11b_2026_11_24.py OUT.jsonl
"""
import sys, os, re, string, base64
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *  # noqa
from fakegen import R, rnd, rnd_mixed, ALNUM, HEX
seed(1120)
OUT = []
S = sample_adder(OUT, "f11b")
# S(lang, kind, text, (type, value), (type, value), ...)


def F(_tpl, **kw):
    """Fills <<name>> slots (keeps braces in code/JSON literal)."""
    for k, v in kw.items():
        _tpl = _tpl.replace("<<" + k + ">>", v)
    assert not re.search(r"<<[a-z0-9_]+>>", _tpl), _tpl[:120]
    return _tpl


def uuid4():
    return f"{rnd(HEX, 8)}-{rnd(HEX, 4)}-4{rnd(HEX, 3)}-{R.choice('89ab')}{rnd(HEX, 3)}-{rnd(HEX, 12)}"


def sha(n=64):
    return rnd(HEX, n)


BCRYPT_ALPHA = "./" + string.ascii_uppercase + string.ascii_lowercase + string.digits


def bcrypt_hash():
    return "$2b$12$" + rnd(BCRYPT_ALPHA, 53)


def sri512():
    return "sha512-" + base64.b64encode(bytes(R.getrandbits(8) for _ in range(64))).decode()


# Formats fakegen has no generator for (documented shapes, random bodies).
def atlassian_token():
    return "ATATT3xFfGF0" + rnd_mixed(ALNUM + "-_", 170) + "=" + rnd("0123456789ABCDEF", 8)


def toss_secret():
    return "live_sk_" + rnd_mixed(ALNUM, 28)


def toss_client():
    return "live_ck_" + rnd_mixed(ALNUM, 28)


def ncp_access_key():
    return rnd(string.ascii_uppercase + string.digits, 20)


def ncp_secret_key():
    return rnd_mixed(ALNUM, 40)


def datadog_api_key():
    return rnd(HEX, 32)


def datadog_app_key():
    return rnd(HEX, 40)


def twilio_auth_token():
    return rnd(HEX, 32)


def aroa_id():
    return "AROA" + rnd("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 17)


def aadhaar_spaced():
    a = aadhaar()
    return f"{a[:4]} {a[4:8]} {a[8:]}"


def nino_spaced(n):
    return f"{n[:2]} {n[2:4]} {n[4:6]} {n[6:8]} {n[8]}"


# ---------------------------------------------------------------- Japanese (40)

# J1 diff: OpenAI project key added to a sample env file; org id is an identifier (unlabelled)
k = openai_proj()
S("ja", "code", F("""レビューコメント（@tanaka-h）: `.env.sample` に本物のキーが入っていませんか？ `sk-proj-` で始まっているので本番プロジェクトのキーに見えます。マージ前に revoke してください。

diff --git a/apps/summarizer/.env.sample b/apps/summarizer/.env.sample
index <<a>>..<<b>> 100644
--- a/apps/summarizer/.env.sample
+++ b/apps/summarizer/.env.sample
@@ -1,5 +1,6 @@
 APP_ENV=development
 LOG_LEVEL=debug
-OPENAI_API_KEY=sk-...
+OPENAI_API_KEY=<<k>>
+OPENAI_ORG=org-3kXq9PZb1LmT7cVaR2dWn8Ye
 SUMMARY_MODEL=gpt-4o-mini
""", a=sha(7), b=sha(7), k=k), ("openai_key", k))

# J2 PR review: boto3 client with hard-coded AWS keys
ak, sk = aws_key_id(), aws_secret()
S("ja", "code", F("""PR #418 レビュー
> services/report/uploader.py L12-18
aws_access_key_id / aws_secret_access_key をハードコードしないでください。EKS 上なら IRSA でロールを付与すれば不要です。このキーは既に push されているので IAM 側で無効化をお願いします。

```python
# TODO: 後で Secrets Manager に移す
s3 = boto3.client(
    "s3",
    region_name="ap-northeast-1",
    aws_access_key_id="<<ak>>",
    aws_secret_access_key="<<sk>>",
)
```""", ak=ak, sk=sk), ("aws_access_key", ak), ("aws_secret_key", sk))

# J3 Java stack trace: private DB IP, masked password, trace ids (near-misses)
S("ja", "log", F("""夜間バッチ（order-settlement）が 03:14 に落ちました。DB フェイルオーバー後も接続先が旧プライマリのままのようです。

2026-11-21 03:14:07.552 ERROR 1 --- [nio-8080-exec-7] o.h.engine.jdbc.spi.SqlExceptionHelper   : Connection to 10.20.3.41:5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.
org.postgresql.util.PSQLException: Connection to 10.20.3.41:5432 refused.
	at org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:342)
	at org.postgresql.core.ConnectionFactory.openConnection(ConnectionFactory.java:54)
	at org.postgresql.jdbc.PgConnection.<init>(PgConnection.java:263)
	at com.zaxxer.hikari.pool.HikariPool.createPoolEntry(HikariPool.java:477)
	... 23 common frames omitted
HikariPool-1 - jdbcUrl=jdbc:postgresql://10.20.3.41:5432/orders username=order_app password=********
traceId=<<t>> spanId=<<s>> batchRunId=<<u>>""", t=sha(32), s=sha(16), u=uuid4()),
  ("ip_address", "10.20.3.41"))

# J4 hard negative: git log with SHAs, Change-Id, versions
S("ja", "log", F("""$ git log --oneline -6
<<a>> (HEAD -> main, tag: v2.14.3) リリース: v2.14.3
<<b>> 決済: リトライ回数を 3→5 に変更 (#412)
<<c>> 依存関係更新: spring-boot 3.3.5, jackson 2.18.1
<<d>> ログのマスク処理を追加（カード番号・メール）
<<e>> Merge pull request #409 from feature/invoice-pdf
<<f>> 請求書 PDF のフォント崩れ修正

$ git show --stat <<a>>
commit <<full>>
Author: release-bot <release-bot>
Date:   Mon Nov 24 09:12:44 2026 +0900

    リリース: v2.14.3

    Change-Id: I<<cid>>
 build.gradle.kts | 2 +-
 1 file changed, 1 insertion(+), 1 deletion(-)""", a=sha(7), b=sha(7), c=sha(7), d=sha(7), e=sha(7), f=sha(7),
                     full=sha(40), cid=sha(40)))

# J5 Dockerfile: npm token as build ARG
t = npm()
S("ja", "config", F("""# syntax=docker/dockerfile:1.6
FROM node:20.11-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# 社内パッケージ取得用（TODO: BuildKit の --secret に置き換える。ARG だとイメージ履歴に残る）
ARG NPM_TOKEN=<<t>>
RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc \\
 && npm ci --omit=dev \\
 && rm -f .npmrc

FROM gcr.io/distroless/nodejs20-debian12
COPY --from=deps /app/node_modules /app/node_modules
COPY dist /app/dist
CMD ["/app/dist/server.js"]""", t=t), ("npm_token", t))

# J6 hard negative: GitHub Actions with OIDC, pinned action SHAs, secrets placeholders
S("ja", "config", F("""# .github/workflows/deploy.yml
# レビュー: OIDC に移行したので長期アクセスキー（secrets.AWS_SECRET_ACCESS_KEY）は不要になりました。Secrets からも削除済みです。
name: deploy
on:
  push:
    branches: [main]
env:
  AWS_REGION: ap-northeast-1
jobs:
  deploy:
    runs-on: ubuntu-24.04
    permissions:
      id-token: write
      contents: read
    steps:
      - uses: actions/checkout@<<s1>> # v4.2.2
      - uses: aws-actions/configure-aws-credentials@<<s2>> # v4.0.2
        with:
          role-to-assume: arn:aws:iam::123456789012:role/gha-deploy
          aws-region: ${{ env.AWS_REGION }}
      - run: docker build --build-arg NPM_TOKEN=${{ secrets.NPM_TOKEN }} -t api:${{ github.sha }} .""",
                        s1=sha(40), s2=sha(40)))

# J7 Slack handover: IPs, phones, e-mail
S("ja", "chat", """[#sre-oncall] 引き継ぎ 11/22 09:00（松本 → 井上）
・db-primary（172.16.40.12）でレプリケーション遅延 120 秒前後。アラート閾値は一時的に 300 秒に緩和中
・踏み台は 10.8.0.5 経由でお願いします（旧 10.8.0.4 は廃止）
・回線ベンダーの緊急窓口: 03-5321-7788（夜間は担当の佐藤さん携帯 080-4417-2093）
・詳細はチケット INC-20481、ベンダーとのやりとりは sato.k@netpartner.co.jp 宛て
以上です、よろしくお願いします🙏""",
  ("ip_address", "172.16.40.12"), ("ip_address", "10.8.0.5"), ("ip_address", "10.8.0.4"),
  ("phone", "03-5321-7788"), ("phone", "080-4417-2093"), ("email", "sato.k@netpartner.co.jp"))

# J8 vendor ticket quoting SendGrid config
k = sendgrid()
S("ja", "prose", F("""件名: [Case #00384712] Web API v3 の送信が 401 で失敗する

お世話になっております。株式会社ミナトロジの木村です。
昨日 18:00 頃から Mail Send API がすべて 401 Unauthorized を返しています。
現在の設定は以下のとおりです（このキーは検証用で、解決後に削除します）。

SENDGRID_API_KEY=<<k>>
SENDGRID_FROM=noreply@minatologi.jp
SENDGRID_IP_POOL=transactional

お手数ですが、折り返しは kimura.y@minatologi.jp または 045-661-2380 までお願いいたします。""", k=k),
  ("saas_token", k), ("email", "noreply@minatologi.jp"), ("email", "kimura.y@minatologi.jp"), ("phone", "045-661-2380"))

# J9 runbook with Vault root token filled in
v = vault()
S("ja", "prose", F("""## 本番 Vault アンシール後の確認手順

1. `export VAULT_ADDR=https://vault.prod.internal:8200`
2. `vault login <<v>>`
   ※ 上記は緊急用ルートトークン。作業後は必ず `vault token revoke -self` すること
3. `vault status` で `Sealed  false` と `HA Mode  active` を確認
4. `vault kv get secret/app/order-api` が読めることを確認
5. #sre-oncall に完了報告""", v=v), ("cloud_token", v))

# J10 SQL migration seeded with copied customer data
m1, m2 = jp_mynumber(), jp_mynumber()
S("ja", "code", F("""-- V2026_11_20__seed_customer_for_qa.sql
-- QA 環境用のテストデータ（※本番データからコピーしたもの。レビューで削除依頼済み）
INSERT INTO customers (id, name_kana, email, tel, my_number, created_at) VALUES
  (10231, 'ヤマモト ハナコ', 'hanako.yamamoto@gmail.com', '090-2234-8871', '<<m1>>', now()),
  (10232, 'スズキ イチロウ', 'ichiro-suzuki@yahoo.co.jp', '080-6612-0394', '<<m2>>', now());
""", m1=m1, m2=m2),
  ("email", "hanako.yamamoto@gmail.com"), ("email", "ichiro-suzuki@yahoo.co.jp"),
  ("phone", "090-2234-8871"), ("phone", "080-6612-0394"), ("jp_mynumber", m1), ("jp_mynumber", m2))

# J11 hard negative: migration for encrypted My Number column
S("ja", "code", F("""-- V2026_11_21__add_my_number_enc.sql
-- マイナンバーは暗号化して保存する（平文カラムは作らない）
ALTER TABLE customers ADD COLUMN my_number_enc BYTEA;
ALTER TABLE customers ADD COLUMN my_number_last4 CHAR(4);
COMMENT ON COLUMN customers.my_number_enc IS 'AES-256-GCM / KMS key alias/pii-mynumber';
-- 例: my_number_last4 には '****' か末尾 4 桁のみ。12 桁（XXXXXXXXXXXX）をそのまま入れないこと
INSERT INTO schema_history (version, description, checksum, installed_on)
VALUES ('2026.11.21.1', 'add my_number_enc', '<<c>>', '2026-11-21 10:02:33');""", c=sha(64)))

# J12 Python traceback with JWT logged and client IP
j = jwt(alg="RS256")
S("ja", "log", F("""期限切れトークンがデバッグログに平文で出ています。ミドルウェアでマスクしてください（チケット SEC-882）。

Traceback (most recent call last):
  File "/srv/app/api/middleware.py", line 88, in __call__
    claims = jwt.decode(token, key=settings.JWT_PUBLIC_KEY, algorithms=["RS256"])
  File "/usr/local/lib/python3.12/site-packages/jwt/api_jwt.py", line 222, in decode
    decoded = self.decode_complete(
  File "/usr/local/lib/python3.12/site-packages/jwt/api_jwt.py", line 167, in decode_complete
    self._validate_claims(
jwt.exceptions.ExpiredSignatureError: Signature has expired
DEBUG:api.middleware:rejected token='<<j>>' path=/v1/orders client=10.0.12.77""", j=j),
  ("jwt", j), ("ip_address", "10.0.12.77"))

# J13 notebook JSON with HF token
h = hf()
S("ja", "json", F("""{
 "cells": [
  {
   "cell_type": "markdown",
   "metadata": {},
   "source": ["## 日本語要約モデルの評価\\n", "社内 GPU サーバ (A100) で実行"]
  },
  {
   "cell_type": "code",
   "execution_count": 3,
   "metadata": {},
   "outputs": [],
   "source": [
    "from huggingface_hub import login\\n",
    "login(token=\\"<<h>>\\")  # 個人トークン、共有前に消す\\n",
    "model_id = \\"rinna/japanese-gpt-neox-3.6b\\"\\n"
   ]
  }
 ],
 "metadata": {"kernelspec": {"display_name": "Python 3", "name": "python3"}},
 "nbformat": 4,
 "nbformat_minor": 5
}""", h=h), ("huggingface_token", h))

# J14 Go panic with config dump: secret key labelled, publishable key not
sk_ = stripe("sk_live_")
pk_ = stripe("pk_live_")
S("ja", "log", F("""起動直後の panic です。config dump に秘密鍵がそのまま出ているので、Config に String() を実装してマスクします。

panic: runtime error: invalid memory address or nil pointer dereference
[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x1029c4]

goroutine 42 [running]:
github.com/minato/billing/internal/pay.(*Client).Charge(0x0, {0x14000aa2000, 0x1c})
	/src/internal/pay/client.go:117 +0x64
github.com/minato/billing/internal/api.(*Handler).Checkout(0x14000152a80, {0x1035e2f8, 0x140001fe0e0}, 0x14000228000)
	/src/internal/api/checkout.go:54 +0x1d0
config dump: {Env:prod StripeSecret:<<sk>> StripePublishable:<<pk>> WebhookPath:/hooks/stripe}""", sk=sk_, pk=pk_),
  ("stripe_key", sk_))

# J15 hard negative: double-charge enquiry with order/tracking/invoice ids and masked card
S("ja", "chat", """[#cs-決済] 問い合わせ CS-2026-118842 の件
お客様より「二重請求されている」との連絡。
・ご注文番号: 250-8841127-3309156
・お支払い: VISA **** **** **** 4242（有効期限 **/28）
・配送: ヤマト運輸 伝票番号 4391-2278-6615
・請求書番号: INV-JP-2026-004417
決済ログを確認したところ、1 回目はオーソリのみで 11/23 に取消済みでした。明細への反映は 3〜5 営業日かかる旨を回答済みです。""")

# J16 Teams chat: temporary root password and host IP
pw = password()
S("ja", "chat", F("""[Teams] #インフラ-移行
中村 14:02  ステージングの MySQL、root の一時パスワードこれです → <<pw>>
中村 14:02  ホストは 192.168.30.21、ポートは 3306 のままです。作業終わったら変えます
小林 14:05  ありがとうございます。チャットに貼るのはやめましょう…1Password の共有 Vault に移しておきます""", pw=pw),
  ("password", pw), ("ip_address", "192.168.30.21"))

# J17 Spring config: literal password next to env placeholder
pw = password_random(16)
S("ja", "config", F("""# application-prod.yml
# レビュー指摘: datasource.password は環境変数 (DB_PASSWORD) から読むこと。mail 側は対応済み
spring:
  datasource:
    url: jdbc:mysql://orders-db.cluster-c8xk2v.ap-northeast-1.rds.amazonaws.com:3306/orders?useSSL=true
    username: orders_rw
    password: "<<pw>>"
    hikari:
      maximum-pool-size: 20
  mail:
    host: smtp.sendgrid.net
    port: 587
    username: apikey
    password: ${SMTP_PASSWORD}""", pw=pw), ("password", pw))

# J18 diff removing a Slack webhook (still leaked in the removed line)
w = slack_webhook()
S("ja", "code", F("""commit <<c>>
Author: Kenta Ogawa <k-ogawa@users.noreply.github.com>
Date:   Fri Nov 21 17:40:02 2026 +0900

    Slack 通知 URL を SSM Parameter Store へ移動

diff --git a/config/notify.toml b/config/notify.toml
--- a/config/notify.toml
+++ b/config/notify.toml
@@ -3,4 +3,4 @@
 [slack]
 channel = "#deploy-notice"
-webhook_url = "<<w>>"
+webhook_url_ssm = "/prod/notify/slack_webhook"

レビュー: 削除しても履歴に残るので、Webhook 自体を Slack 側で再発行してください。""", c=sha(40), w=w),
  ("slack_webhook", w), ("email", "k-ogawa@users.noreply.github.com"))

# J19 Node log: request headers with Anthropic key
a = anthropic()
S("ja", "log", F("""summarizer-worker がリクエストヘッダをそのままエラーログに出しています。キーが失効済みか確認お願いします。

[2026-11-23T02:41:19.088Z] ERROR summarizer-worker: AuthenticationError: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}
    at APIError.generate (/app/node_modules/@anthropic-ai/sdk/error.js:61:20)
    at Anthropic.makeStatusError (/app/node_modules/@anthropic-ai/sdk/core.js:293:33)
    at Anthropic.makeRequest (/app/node_modules/@anthropic-ai/sdk/core.js:347:30)
request headers: { 'x-api-key': '<<a>>', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' }
jobId=<<u>> attempt=3/3""", a=a, u=uuid4()), ("anthropic_key", a))

# J20 hard negative: setup docs with placeholders only
S("ja", "prose", """### セットアップ

1. OpenAI のダッシュボードで API キーを発行します（`sk-` で始まる文字列です）。
2. `.env` に次のように書きます。
   ```
   OPENAI_API_KEY=<your-api-key>
   ANTHROPIC_API_KEY=sk-ant-xxxxxxxxxxxxxxxx
   DATABASE_URL=postgres://USER:PASSWORD@localhost:5432/app
   ```
3. CI では `${{ secrets.OPENAI_API_KEY }}` を参照してください。

※ キーは絶対にコミットしないこと。`sk-proj-XXXXXXXX...` のような値が diff に出たらレビューで止めます。""")

# J21 GitLab CI: GitLab PAT plus GitHub fine-grained PAT for mirroring
g, gh = gitlab(), github_pat()
S("ja", "config", F("""# .gitlab-ci.yml
variables:
  GIT_DEPTH: "20"
  # サブモジュール取得用（一時的。CI/CD Variables に移す予定）
  SUBMODULE_TOKEN: "<<g>>"
  # GitHub ミラー用
  GITHUB_MIRROR_TOKEN: "<<gh>>"

before_script:
  - git config --global url."https://oauth2:${SUBMODULE_TOKEN}@gitlab.example.co.jp/".insteadOf "https://gitlab.example.co.jp/"
  - git submodule update --init --recursive

mirror:
  stage: deploy
  script:
    - git push --mirror "https://x-access-token:${GITHUB_MIRROR_TOKEN}@github.com/minato-oss/billing.git"
  only: [main]""", g=g, gh=gh), ("gitlab_token", g), ("github_token", gh))

# J22 PR comment quoting an OpenSSH private key
pk = openssh_key()
S("ja", "code", F("""PR #77 レビュー（@ishii）
deploy/keys/ に秘密鍵が追加されています。公開鍵 (id_ed25519.pub) だけをコミットする想定でした。
この鍵はもう漏えい扱いなので、サーバの authorized_keys から外して再発行してください。

$ cat deploy/keys/id_ed25519
<<pk>>
$ git log --format=%H -1 -- deploy/keys/id_ed25519
<<c>>""", pk=pk, c=sha(40)), ("private_key", pk))

# J23 CS escalation: full JCB card pasted into chat
c = card("jcb")
cf = fmt_card(c)
S("ja", "chat", F("""[#cs-escalation]
山田 10:12  至急です。お客様がチャットで「カード番号 <<cf>> で決済できない」と全桁書き込んでいます。会話ログにも残ってしまいました
山田 10:13  折り返し希望とのことで電話番号 090-5567-3102 も書かれています
高木 10:15  了解。ログのマスク依頼を出します（CS-PRIV-221）。お客様には番号をチャットに書かないよう案内してください""", cf=cf),
  ("card", cf), ("phone", "090-5567-3102"))

# J24 hard negative: deploy log with digests, UUIDs, loopback, doc-range IP, netmask
S("ja", "log", F("""2026-11-24T01:02:03.118+09:00 INFO  deployer イメージ取得 registry.example.jp/app/api@sha256:<<d1>>
2026-11-24T01:02:09.440+09:00 INFO  deployer 旧イメージ sha256:<<d2>> を削除
2026-11-24T01:02:10.002+09:00 INFO  api リッスン開始 0.0.0.0:8080 (pid=1, version=3.9.2+build.1187)
2026-11-24T01:02:10.530+09:00 INFO  api ヘルスチェック OK from 127.0.0.1 request_id=<<u1>>
2026-11-24T01:02:11.771+09:00 WARN  api 合成監視 203.0.113.24 からのリクエストを無視 request_id=<<u2>>
2026-11-24T01:02:12.009+09:00 INFO  net  eth0 netmask 255.255.255.0 mtu 9001""", d1=sha(), d2=sha(), u1=uuid4(), u2=uuid4()))

# J25 Terraform azurerm provider with client secret; UUIDs unlabelled
az = azure_client_secret()
S("ja", "config", F("""# providers.tf
# 一時的に client_secret を直書き（PR #812 で Key Vault 参照に戻す。レビューで指摘済み）
provider "azurerm" {
  features {}
  subscription_id = "<<u1>>"
  tenant_id       = "<<u2>>"
  client_id       = "<<u3>>"
  client_secret   = "<<az>>"
}""", u1=uuid4(), u2=uuid4(), u3=uuid4(), az=az), ("azure_key", az))

# J26 Python: Telegram alert bot token; chat id unlabelled
tg = telegram()
S("ja", "code", F("""# alerts/telegram_notify.py — 障害通知ボット
import os
import requests

BOT_TOKEN = "<<tg>>"  # TODO: 環境変数 TELEGRAM_BOT_TOKEN へ（レビュー指摘）
CHAT_ID = -1001823345512


def notify(msg: str) -> None:
    url = f"https://api.telegram.org/bot{BOT_TOKEN}/sendMessage"
    r = requests.post(url, json={"chat_id": CHAT_ID, "text": msg, "parse_mode": "HTML"}, timeout=5)
    r.raise_for_status()""", tg=tg), ("telegram_token", tg))

# J27 runbook: AMQP URL with credentials
pw = password_random(18)
u = f"amqp://svc_order:{pw}@mq-stg.internal:5672/orders"
S("ja", "prose", F("""## RabbitMQ（ステージング）キュー詰まり時の対応

1. 管理画面で `orders.dlq` の件数を確認（閾値 1,000 件）
2. 再投入スクリプトを実行:
   `python tools/requeue.py --url "<<u>>" --from orders.dlq --to orders.main --limit 500`
3. コンシューマのログで `ack` が流れていることを確認
4. 30 分後に件数が減っていなければ #sre-oncall にエスカレーション""", u=u), ("url_credentials", u))

# J28 accounting ticket: supplier IBAN change, phone
i1, i2 = iban("DE"), iban("DE")
S("ja", "prose", F("""【経理】海外送金先の口座変更（Müller Feinmechanik GmbH）
経理部の高橋です。ドイツの取引先から口座変更の連絡がありました。
新口座: IBAN <<i1s>> / BIC COBADEFFXXX
旧口座（<<i2>>）は 12/1 以降使用不可とのことです。
なりすまし対策として、先方担当者に登録済み番号 +49 711 2486 330 へ電話して確認済みです。
12 月分の支払いから新口座でお願いします。""", i1s=iban_spaced(i1), i2=i2),
  ("iban", iban_spaced(i1)), ("iban", i2), ("phone", "+49 711 2486 330"))

# J29 JSON response sample: e-mail real, My Number masked, last4 only
S("ja", "json", F("""レスポンスログのサンプル（マスク処理の確認用）:
{"user":{"id":"u_8f3k2","display_name":"たなか","email":"tanaka.m@example.jp","my_number_masked":"********4821","card_last4":"4242","created_at":"2026-11-02T10:22:11+09:00"},"request_id":"<<u>>","version":"2.3.0"}""",
  u=uuid4()), ("email", "tanaka.m@example.jp"))

# J30 seed script: admin e-mail, bcrypt hash (unlabelled)
S("ja", "code", F("""# scripts/seed_admin.py — 初期管理者ユーザー作成
ADMIN_EMAIL = "admin@corp-tools.example.jp"
# パスワードハッシュ（bcrypt, cost=12）。平文はリポジトリに置かない
ADMIN_PASSWORD_HASH = "<<h>>"


def run(db):
    db.execute(
        "INSERT INTO users (email, password_hash, role) VALUES (%s, %s, 'admin') ON CONFLICT DO NOTHING",
        (ADMIN_EMAIL, ADMIN_PASSWORD_HASH),
    )""", h=bcrypt_hash()), ("email", "admin@corp-tools.example.jp"))

# J31 Datadog agent env file
d1, d2 = datadog_api_key(), datadog_app_key()
S("ja", "config", F("""# deploy/datadog/agent.env （レビュー: この 2 行は ExternalSecret に移してください）
DD_API_KEY=<<d1>>
DD_APP_KEY=<<d2>>
DD_SITE=ap1.datadoghq.com
DD_ENV=prod
DD_LOGS_ENABLED=true
DD_APM_ENABLED=true""", d1=d1, d2=d2), ("saas_token", d1), ("saas_token", d2))

# J32 compose: literal DB password, Redis URL with password, placeholder URL (unlabelled)
pw, rp = password(), password_random(20)
ru = f"redis://:{rp}@redis:6379/0"
S("ja", "config", F("""# docker-compose.yml（ローカル検証用。レビューで「パスワードは .env へ」と指摘あり）
services:
  db:
    image: postgres:16.4
    environment:
      POSTGRES_USER: app
      POSTGRES_PASSWORD: "<<pw>>"
  redis:
    image: redis:7.4
    command: ["redis-server", "--requirepass", "<<rp>>"]
  worker:
    build: .
    environment:
      DATABASE_URL: postgres://app:${POSTGRES_PASSWORD}@db:5432/app
      REDIS_URL: <<ru>>""", pw=pw, rp=rp, ru=ru),
  ("password", pw), ("password", rp), ("url_credentials", ru))

# J33 hard negative: JVM crash log (addresses, versions, OIDs)
S("ja", "log", F("""本番 API で JVM クラッシュ。ネイティブ署名ライブラリ側の問題と思われます。hs_err の抜粋です。

#
# A fatal error has been detected by the Java Runtime Environment:
#
#  SIGSEGV (0xb) at pc=0x00007f3a2c1b4e10, pid=2291, tid=2310
#
# JRE version: OpenJDK Runtime Environment Temurin-21.0.5+11 (21.0.5+11) (build 21.0.5+11-LTS)
# Java VM: OpenJDK 64-Bit Server VM Temurin-21.0.5+11 (21.0.5+11-LTS, mixed mode, sharing, tiered, compressed oops, g1 gc, linux-amd64)
# Problematic frame:
# C  [libnative-crypto.so+0x1ae10]  sig_verify+0x40
#
# Core dump will be written. Default location: /var/crash/core.2291
---------------  S U M M A R Y ------------
Command Line: -Xmx2g -Djava.security.properties=/etc/app/java.security com.minato.api.Main
Host: Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz, 4 cores, 15G, Amazon Linux release 2023.6.20241121
直前の処理: 証明書検証 sigAlg OID=1.2.840.113549.1.1.11 serial=<<ser>> build=<<b>>""", ser=":".join(sha(2) for _ in range(16)), b=sha(12)))

# J34 handover: Databricks PAT
db = databricks()
S("ja", "chat", F("""【引き継ぎ】分析基盤（11/24 朝）
・夜間ジョブ nightly_etl が 3 回連続で失敗。原因はサービスプリンシパルの PAT 期限切れでした
・新トークン発行済み: <<db>>（本日中に Secret Scope `etl-prod` に移します。それまで Job 設定に直書きです）
・ワークスペース: https://adb-4829104412345678.9.azuredatabricks.net
・再実行は 06:10 に成功、run_id=918273645""", db=db), ("cloud_token", db))

# J35 GCP service-account JSON pasted into an issue
gj, gk = gcp_sa_json("minato-billing-prod")
S("ja", "json", F("""Issue #233: Cloud Run へのデプロイが 403 になる件
使っているサービスアカウントキーをそのまま貼ります（調査用）。

<<gj>>""", gj=gj), ("gcp_credentials", gj), ("private_key", gk),
  ("email", "ci-deployer@minato-billing-prod.iam.gserviceaccount.com"))

# J36 hard negative: key rotation report with masked key, ARN, KMS id
S("ja", "prose", F("""アクセスキーのローテーション完了報告（batch-runner）
・旧キー AKIA************7Q2M は 11/20 17:00 に無効化、11/27 に削除予定
・新キーは Secrets Manager に格納: arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:prod/batch/aws-key-Xy7kQ2
・CloudTrail で旧キーの使用が 0 件であることを確認（確認クエリ ID: <<q>>）
・KMS キー: mrk-<<mrk>>
・次回ローテーション予定: 2027-02-20""", q=uuid4(), mrk=sha(32)))

# J37 nginx access log: Maps key in query, client IPs
gk_ = google_key()
S("ja", "log", F("""プロキシのアクセスログに Maps の API キーがクエリ文字列のまま残っています。ログ保管前にマスクが必要です。

34.84.112.9 - - [24/Nov/2026:10:12:55 +0900] "GET /maps/api/geocode/json?address=%E6%9D%B1%E4%BA%AC%E9%83%BD&key=<<k>> HTTP/1.1" 200 1532 "-" "okhttp/4.12.0"
10.1.3.4 - - [24/Nov/2026:10:12:56 +0900] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.29"
126.213.44.90 - - [24/Nov/2026:10:13:02 +0900] "GET /maps/api/staticmap?center=35.6812,139.7671&zoom=15&size=640x400 HTTP/1.1" 403 98 "-" "Mozilla/5.0\"""", k=gk_),
  ("google_api_key", gk_), ("ip_address", "34.84.112.9"), ("ip_address", "10.1.3.4"), ("ip_address", "126.213.44.90"))

# J38 HR ticket: My Number of a dependant and mobile
mn = jp_mynumber()
S("ja", "prose", F("""【人事・給与】年末調整システム登録エラー
社員番号 E-20417 の鈴木さんの配偶者分マイナンバー <<mn>> を登録すると「既に登録済みの番号です」というエラーになります。
本人に確認したところ番号は正しいとのことでした（本人携帯 070-3318-2046）。
他の社員に誤登録されている可能性があるので、照合をお願いできますか。""", mn=mn),
  ("jp_mynumber", mn), ("phone", "070-3318-2046"))

# J39 Go: classic GitHub PAT in code
ghp = github("ghp_")
S("ja", "code", F("""// internal/release/notes.go
package release

import (
	"context"

	"github.com/google/go-github/v66/github"
)

// TODO(review): トークンを直書きしない。GITHUB_TOKEN を環境変数から読むこと
var ghClient = github.NewClient(nil).WithAuthToken("<<t>>")

func ListMerged(ctx context.Context, owner, repo string) ([]*github.PullRequest, error) {
	prs, _, err := ghClient.PullRequests.List(ctx, owner, repo, &github.PullRequestListOptions{State: "closed"})
	return prs, err
}""", t=ghp), ("github_token", ghp))

# J40 hard negative: invoice table with corporate numbers, masked account
S("ja", "table", """11 月分 支払予定一覧（経理チェック用）
| 請求書番号 | 取引先 | 法人番号 | 金額(税込) | 支払期日 | 振込先 |
|---|---|---|---|---|---|
| INV-2026-1102 | 株式会社サンプル商事 | 1010001089234 | 1,320,000 | 2026-11-30 | みずほ銀行 本店 普通 ****567 |
| 2026-11-0457 | 有限会社テスト工業 | 4120002046611 | 88,000 | 2026-11-30 | 三井住友銀行 梅田支店 当座 ****021 |
| RC-88120 | ネットパートナー株式会社 | 7011101033188 | 550,000 | 2026-12-05 | りそな銀行 新宿支店 普通 ****904 |
※ 振込先口座の全桁は会計システム側でのみ参照""")

# ---------------------------------------------------------------- Korean (40)

# K1 diff: Naver Cloud access/secret keys hard-coded in Terraform provider
na, ns = ncp_access_key(), ncp_secret_key()
S("ko", "code", F("""리뷰 코멘트 (@jhpark): 로컬에서 테스트하다가 키를 그대로 커밋하신 것 같아요. 머지 전에 콘솔에서 이 인증키 삭제하고 var 로 되돌려 주세요.

diff --git a/infra/terraform/provider.tf b/infra/terraform/provider.tf
index <<a>>..<<b>> 100644
--- a/infra/terraform/provider.tf
+++ b/infra/terraform/provider.tf
@@ -1,7 +1,7 @@
 provider "ncloud" {
-  access_key  = var.ncloud_access_key
-  secret_key  = var.ncloud_secret_key
+  access_key  = "<<na>>"
+  secret_key  = "<<ns>>"
   region      = "KR"
   support_vpc = true
 }""", a=sha(7), b=sha(7), na=na, ns=ns), ("cloud_token", na), ("cloud_token", ns))

# K2 Django settings: hard-coded DB password and private host
pw = password()
S("ko", "code", F("""PR #233 리뷰: PASSWORD 하드코딩 대신 os.environ["DB_PASSWORD"] 를 쓰도록 바꿔 주세요. HOST 도 내부 DNS 이름으로요.

```python
# settings/prod.py
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "shop",
        "USER": "shop_app",
        "PASSWORD": "<<pw>>",  # 임시. 배포 전에 환경변수로 교체
        "HOST": "10.30.1.15",
        "PORT": "5432",
    }
}
```""", pw=pw), ("password", pw), ("ip_address", "10.30.1.15"))

# K3 Spring stack trace leaking a resident registration number (no hyphen)
rr = kr_rrn().replace("-", "")
S("ko", "log", F("""본인인증 API 에서 예외 메시지에 주민번호가 그대로 들어갑니다. 예외 메시지 마스킹 필요 (BUG-3391).

2026-11-22 14:03:55.120 ERROR 7 --- [io-8080-exec-12] c.d.member.service.IdentityService : 본인인증 실패 memberId=88213
java.lang.IllegalArgumentException: 주민등록번호 검증 실패: <<rr>> (생년월일 불일치)
	at com.daon.member.service.IdentityService.verify(IdentityService.java:142)
	at com.daon.member.api.IdentityController.confirm(IdentityController.java:58)
	at java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)
	at org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)
traceId=<<t>>""", rr=rr, t=sha(32)), ("kr_rrn", rr))

# K4 hard negative: lockfile diff (versions, integrity hashes)
S("ko", "code", F("""chore(deps): express 4.21.1 로 업데이트 (CVE-2024-43796 대응)

diff --git a/package-lock.json b/package-lock.json
index <<a>>..<<b>> 100644
--- a/package-lock.json
+++ b/package-lock.json
@@ -2211,9 +2211,9 @@
     "node_modules/express": {
-      "version": "4.18.2",
-      "resolved": "https://registry.npmjs.org/express/-/express-4.18.2.tgz",
-      "integrity": "<<i1>>",
+      "version": "4.21.1",
+      "resolved": "https://registry.npmjs.org/express/-/express-4.21.1.tgz",
+      "integrity": "<<i2>>",
       "dependencies": {""", a=sha(9), b=sha(9), i1=sri512(), i2=sri512()))

# K5 Slack handover (ko): IPs, phone, e-mail
S("ko", "chat", """[#infra-oncall] 야간 인수인계 (11/23 → 11/24)
• api-gw-02 (10.12.4.22) 메모리 누수 의심, 03시에 재기동함. 힙덤프는 /data/dump 에 있음
• PG사 방화벽 허용 IP 에 우리 NAT IP 211.115.98.34 추가 요청해 둠 (회신 대기)
• 오늘 10시 DBA 김지훈님(010-4821-7730, jh.kim@daon-shop.co.kr)이 주문 테이블 인덱스 작업 예정 → 배포 금지
• 모니터링 대시보드 링크는 핀 고정해 둠""",
  ("ip_address", "10.12.4.22"), ("ip_address", "211.115.98.34"), ("phone", "010-4821-7730"),
  ("email", "jh.kim@daon-shop.co.kr"))

# K6 Twilio ticket: auth token labelled, account SID (identifier) not
ta = twilio_auth_token()
S("ko", "prose", F("""[Twilio Support] 티켓 #14482019 — SMS 발송 시 20003 Authenticate 오류

안녕하세요, 다온커머스 개발팀 이수진입니다.
오늘 오전부터 인증번호 SMS 발송이 전부 20003 에러로 실패합니다. 사용 중인 설정 공유드립니다.

  TWILIO_ACCOUNT_SID=AC<<sid>>
  TWILIO_AUTH_TOKEN=<<ta>>
  TWILIO_FROM=+82 70-4820-1193

답변은 sujin.lee@daon-shop.co.kr 로 부탁드립니다.""", sid=sha(32), ta=ta),
  ("saas_token", ta), ("phone", "+82 70-4820-1193"), ("email", "sujin.lee@daon-shop.co.kr"))

# K7 runbook: rediss URL with password
pw = password_random(22)
u = f"rediss://default:{pw}@session-redis.prod.internal:6380"
S("ko", "prose", F("""## 장애 대응 런북: 세션 Redis 응답 지연

1. 접속
   `redis-cli -u <<u>> --tls`
2. `INFO memory` 에서 used_memory_peak_perc 가 90% 이상이면 3 번으로
3. `MEMORY DOCTOR` 결과 캡처해서 #infra-oncall 에 공유
4. 필요 시 `CONFIG SET maxmemory-policy allkeys-lru` (변경 이력 티켓에 반드시 기록)""", u=u), ("url_credentials", u))

# K8 migration with copied member data
r1, r2 = kr_rrn(), kr_rrn()
S("ko", "code", F("""-- V45__insert_test_members.sql
-- 테스트용 회원 데이터 (※ 운영 데이터 복사본 — 리뷰에서 삭제 요청됨)
INSERT INTO member (member_id, name, rrn, phone, email) VALUES
  (1001, '김민수', '<<r1>>', '010-2931-4410', 'minsu.kim@naver.com'),
  (1002, '이서연', '<<r2>>', '010-7712-0385', 'seoyeon_lee@daum.net');""", r1=r1, r2=r2),
  ("kr_rrn", r1), ("kr_rrn", r2), ("phone", "010-2931-4410"), ("phone", "010-7712-0385"),
  ("email", "minsu.kim@naver.com"), ("email", "seoyeon_lee@daum.net"))

# K9 hard negative: masking migration with masked examples and regex
S("ko", "code", """-- V46__mask_rrn.sql
-- 주민번호는 앞 8자리(생년월일+성별)만 보관. 예: 900101-1******
UPDATE member SET rrn = CONCAT(SUBSTRING(rrn, 1, 8), '******') WHERE rrn IS NOT NULL;
ALTER TABLE member MODIFY rrn VARCHAR(14) COMMENT '마스킹된 주민등록번호';
-- 검증 쿼리: 아래 결과가 0건이어야 함
-- SELECT COUNT(*) FROM member WHERE rrn REGEXP '^[0-9]{6}-[1-4][0-9]{6}$';""")

# K10 Node log: Discord webhook URL
dw = discord_webhook()
S("ko", "log", F("""[2026-11-24 09:14:22.481] WARN  alert-relay: 웹훅 전송 실패 (429 Too Many Requests) url=<<dw>> retry_after=1.2s
[2026-11-24 09:14:23.702] INFO  alert-relay: 재시도 1/5 성공 messageId=1310448215553736704
[2026-11-24 09:14:23.703] DEBUG alert-relay: queue depth=0 uptime=86400s version=2.4.1""", dw=dw), ("discord_webhook", dw))

# K11 notebook with legacy OpenAI key
ok = openai_legacy()
S("ko", "json", F("""{
 "cells": [
  {"cell_type": "markdown", "metadata": {}, "source": ["## 상품 리뷰 감성 분석 (베이스라인)\\n"]},
  {
   "cell_type": "code",
   "execution_count": 2,
   "metadata": {},
   "outputs": [{"name": "stdout", "output_type": "stream", "text": ["리뷰 12,408건 로드 완료\\n"]}],
   "source": [
    "import openai, pandas as pd\\n",
    "openai.api_key = \\"<<ok>>\\"  # 팀 공용 키\\n",
    "df = pd.read_parquet(\\"s3://daon-analytics/reviews/2026-11.parquet\\")\\n"
   ]
  }
 ],
 "nbformat": 4,
 "nbformat_minor": 5
}""", ok=ok), ("openai_key", ok))

# K12 Go logrus line with Groq key
gq = groq()
S("ko", "log", F("""logrus 필드에 api_key 가 그대로 찍힙니다. WithField("api_key", ...) 제거 필요합니다.

time="2026-11-24T00:12:09+09:00" level=error msg="llm call failed" provider=groq model=llama-3.1-70b-versatile status=401 err="invalid_api_key" api_key=<<gq>> req_id=<<u>>
time="2026-11-24T00:12:09+09:00" level=info msg="fallback to local model" model=qwen2.5-7b-instruct latency_ms=812""", gq=gq, u=uuid4()),
  ("ai_api_key", gq))

# K13 hard negative: payment log with order ids, approval numbers, masked card, waybill
S("ko", "log", """[2026-11-24 11:02:13] [결제완료] 주문번호=ORD-20261124-000871 승인번호=30012874 카드=5412-****-****-1234 할부=0 금액=39,800원
[2026-11-24 11:02:14] [배송요청] 주문번호=ORD-20261124-000871 택배사=CJ대한통운 운송장번호=6892-1457-3301
[2026-11-24 11:05:40] [환불요청] 주문번호=ORD-20261123-004412 PG거래ID=T2026112314220938811 사유=단순변심
[2026-11-24 11:05:41] [환불완료] 취소승인번호=71220391 금액=12,900원 카드=4*** **** **** 0077""")

# K14 GitHub Actions: Docker Hub PAT in a run step
dk = dockerhub()
S("ko", "config", F("""# .github/workflows/image.yml
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Docker Hub 로그인
        # 리뷰: secrets.DOCKERHUB_TOKEN 으로 바꿔주세요. 토큰이 워크플로 로그/히스토리에 남습니다
        run: echo "<<dk>>" | docker login -u daonbuild --password-stdin
      - name: 빌드 & 푸시
        run: |
          docker build -t daonbuild/order-api:${{ github.sha }} .
          docker push daonbuild/order-api:${{ github.sha }}""", dk=dk), ("package_registry_token", dk))

# K15 CS chat: full card for refund + phone
c = card("visa")
cf = fmt_card(c, "-")
S("ko", "chat", F("""[CS팀] 박지은 15:20  환불 건인데 고객님이 채팅에 카드번호를 전체로 적으셨어요: <<cf>>
[CS팀] 박지은 15:21  연락처는 010-6631-2290 이라고 하시고요
[CS팀] 오태양 15:24  환불은 원거래 취소로 하면 돼서 카드번호 필요 없어요. 그 메시지는 관리자 권한으로 삭제할게요""", cf=cf),
  ("card", cf), ("phone", "010-6631-2290"))

# K16 finance ticket: UK IBAN + e-mail
gb = iban("GB")
S("ko", "prose", F("""[재무] 영국 파트너사 정산 계좌 등록 요청
- 수취인: Harbour Lane Studios Ltd
- IBAN: <<gb>>
- SWIFT: BARCGB22
- 담당자 메일: accounts@harbourlane.co.uk
- 정산 주기: 월 1회 (매월 10일)
계약서 사본은 전자결재 문서번호 FIN-2026-1187 에 첨부되어 있습니다.""", gb=gb), ("iban", gb), ("email", "accounts@harbourlane.co.uk"))

# K17 Kotlin: Toss Payments secret key (client key is public, unlabelled)
ts, tc = toss_secret(), toss_client()
S("ko", "code", F("""// TossPaymentsClient.kt
// 리뷰: 시크릿 키 하드코딩 금지! 클라이언트 키(live_ck_)는 프론트에 노출돼도 되지만 live_sk_ 는 서버 설정으로만.
object TossConfig {
    const val CLIENT_KEY = "<<tc>>"
    private const val SECRET_KEY = "<<ts>>"

    val authHeader: String
        get() = "Basic " + Base64.getEncoder().encodeToString("$SECRET_KEY:".toByteArray())
}""", tc=tc, ts=ts), ("payment_token", ts))

# K18 properties: Square access token; application id and location id are not secrets
sq = square()
S("ko", "config", F("""# square.properties (해외 결제용, 리뷰에서 Vault 이관 요청)
square.environment=production
square.application-id=sq0idp-<<app>>
square.location-id=L8T9X2Y4ZQ3RA
square.access-token=<<sq>>
square.webhook.path=/webhooks/square""", app=rnd_mixed(ALNUM + "-_", 22), sq=sq), ("payment_token", sq))

# K19 diff deleting a committed AWS credentials file
ak, sk = aws_key_id(), aws_secret()
S("ko", "code", F("""commit <<c>>
    chore: 실수로 올린 credentials 파일 삭제

diff --git a/.aws/credentials b/.aws/credentials
deleted file mode 100644
index <<i>>..0000000
--- a/.aws/credentials
+++ /dev/null
@@ -1,3 +0,0 @@
-[default]
-aws_access_key_id = <<ak>>
-aws_secret_access_key = <<sk>>

리뷰: 파일만 지워서는 안 되고 히스토리에 남아 있으니 IAM 에서 키 비활성화 + 새 키 발급이 먼저입니다.""", c=sha(40), i=sha(7), ak=ak, sk=sk),
  ("aws_access_key", ak), ("aws_secret_key", sk))

# K20 hard negative: Deployment manifest using secretKeyRef and image digest
S("ko", "config", F("""# k8s/order-api/deployment.yaml — 시크릿은 전부 secretKeyRef 로만 주입 (리뷰 반영)
apiVersion: apps/v1
kind: Deployment
metadata:
  name: order-api
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: app
          image: 123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/order-api@sha256:<<d>>
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: {name: order-db, key: password}
            - name: JWT_SECRET
              valueFrom:
                secretKeyRef: {name: order-jwt, key: secret}
            - name: SPRING_PROFILES_ACTIVE
              value: prod""", d=sha()))

# K21 twine upload log with PyPI token on the command line
pp = pypi()
S("ko", "log", F("""CI 로그에 -p 인자가 그대로 남았어요. 토큰 폐기하고 trusted publishing 으로 바꾸겠습니다.

$ twine upload dist/* -u __token__ -p <<pp>>
Uploading distributions to https://upload.pypi.org/legacy/
Uploading daon_sdk-0.9.3-py3-none-any.whl
100% ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 21.4/21.4 kB • 00:00 • ?
WARNING  Error during upload. Retry with the --verbose option for more details.
ERROR    HTTPError: 403 Forbidden from https://upload.pypi.org/legacy/
         Invalid or non-existent authentication information.""", pp=pp), ("package_registry_token", pp))

# K22 DM: VPN initial password + e-mail; extension number is not a phone number
pw = password()
S("ko", "chat", F("""[DM] 인사팀 최유리 → 신입 정하늘
하늘님, VPN 계정 안내드립니다.
- ID: haneul.jung
- 초기 비밀번호: <<pw>>
- 접속 주소: vpn.daon-corp.co.kr (FortiClient)
첫 로그인 시 비밀번호 변경해 주세요. 문의: it-help@daon-corp.co.kr / 내선 2210""", pw=pw),
  ("password", pw), ("email", "it-help@daon-corp.co.kr"))

# K23 Java: JWT signing secret + a sample token in a test
sec = high_entropy(64)
jt = jwt({"sub": "88213", "role": "ADMIN", "iat": 1763950000})
S("ko", "code", F("""// src/main/java/com/daon/auth/JwtConfig.java
public class JwtConfig {
    // 리뷰: 운영 서명 키가 코드에 들어있습니다. application.yml → Vault 로 옮겨주세요
    private static final String SECRET = "<<sec>>";
    private static final long EXPIRES_MS = 3_600_000L;
}

// src/test/java/com/daon/auth/JwtProviderTest.java
@Test
void parsesAdminToken() {
    String token = "<<jt>>";
    assertThat(provider.parse(token).getRole()).isEqualTo("ADMIN");
}""", sec=sec, jt=jt), ("generic_secret", sec), ("jwt", jt))

# K24 hard negative: release chat with SHAs, trace ids, build numbers
S("ko", "chat", F("""[#backend] 배포 관련
이도현 16:02  main 에 머지된 <<c>> 기준으로 v3.8.1 태그 찍었습니다
박서준 16:10  빌드 #2291 실패했네요. trace id <<t>> 보면 통합테스트 타임아웃이에요
김하린 16:12  JIRA DAON-4412 로 옮겨주세요. 재현 요청 id 는 <<u>> 입니다
이도현 16:20  재빌드 #2292 성공, 아티팩트 체크섬 sha256:<<d>>""", c=sha(40), t=sha(32), u=uuid4(), d=sha()))

# K25 gateway log: public and private IPs; loopback and doc range unlabelled
S("ko", "log", """2026-11-24 10:01:12.331 INFO  [gateway] 요청 수신 client_ip=121.134.77.201 x-forwarded-for="121.134.77.201, 10.0.2.15" path=/api/v2/orders
2026-11-24 10:01:12.369 DEBUG [gateway] upstream=172.20.1.33:8080 latency=38ms status=200
2026-11-24 10:01:13.001 INFO  [gateway] 헬스체크 from 127.0.0.1
2026-11-24 10:01:14.550 WARN  [gateway] 테스트 트래픽 차단 src=198.51.100.23 (문서용 대역, 부하테스트 도구)""",
  ("ip_address", "121.134.77.201"), ("ip_address", "10.0.2.15"), ("ip_address", "172.20.1.33"))

# K26 Helm values: Slack bot token; channel id unlabelled
xb = slack_bot()
S("ko", "config", F("""# charts/alertbot/values-prod.yaml
# 리뷰: botToken 은 sealed-secret 으로 빼 주세요. signingSecret 처럼요
slack:
  botToken: "<<xb>>"
  signingSecret: ${SLACK_SIGNING_SECRET}
  channel: "C05QK2M8R7A"
replicaCount: 2
image:
  tag: "1.7.3\"""", xb=xb), ("slack_token", xb))

# K27 Atlassian support: API token in curl + account e-mail
at = atlassian_token()
S("ko", "prose", F("""[Atlassian 지원 요청] Jira Cloud REST API 가 401 을 반환합니다

안녕하세요. 아래 명령으로 호출하면 401 Unauthorized 가 나옵니다. 토큰은 어제 새로 발급했습니다.

curl -s -u devops@daon-shop.co.kr:<<at>> \\
  -H "Accept: application/json" https://daonshop.atlassian.net/rest/api/3/myself

사이트: daonshop.atlassian.net / 플랜: Standard""", at=at), ("saas_token", at), ("email", "devops@daon-shop.co.kr"))

# K28 PR comment quoting an RSA private key file
rk = pem_rsa_traditional()
S("ko", "code", F("""PR #1187 리뷰 코멘트:
> src/main/resources/keys/signing.pem 이 추가되었는데 개인키입니다. Vault 로 옮기고 이 파일은 히스토리에서 제거(git filter-repo)해야 합니다.

$ cat src/main/resources/keys/signing.pem
<<rk>>""", rk=rk), ("private_key", rk))

# K29 hard negative: integration guide with a publishable key and placeholders
S("ko", "prose", F("""## 결제 위젯 연동 가이드

프론트엔드에는 공개 가능 키(publishable key)만 넣습니다. Stripe 문서에도 노출돼도 되는 키로 안내되어 있습니다.

```js
const stripe = Stripe('<<pk>>');
```

시크릿 키(`sk_live_...`)는 서버의 환경변수 `STRIPE_SECRET_KEY` 로만 주입하세요.
예: `STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx`""", pk=stripe("pk_live_")))

# K30 handover: Mailgun key + Vault token
mg, vt = mailgun(), vault()
S("ko", "chat", F("""[인수인계] 메일 발송 장애 (11/24 새벽)
- 원인: Mailgun API 키 만료. 새 키 <<mg>> 로 교체 완료 (Vault 경로 secret/mail/mailgun 에도 반영)
- 임시로 발급한 Vault 토큰: <<vt>> (TTL 24h, 내일 09시 만료 예정)
- 재발송 대상 1,284건은 배치로 재처리 완료""", mg=mg, vt=vt), ("saas_token", mg), ("cloud_token", vt))

# K31 notebook output table with customer phones and e-mails
S("ko", "json", """{
 "cell_type": "code",
 "execution_count": 7,
 "metadata": {},
 "outputs": [
  {
   "data": {
    "text/plain": [
     "      name          phone                email  orders\\n",
     "0   김하은  010-3392-1187    haeun.k@gmail.com       12\\n",
     "1   정우성  010-5120-8834  woosung.j@naver.com        3\\n",
     "2   최가영  010-9044-2716   gy.choi@kakao.com        7"
    ]
   },
   "output_type": "execute_result"
  }
 ],
 "source": ["df[df.orders > 2][[\\"name\\", \\"phone\\", \\"email\\", \\"orders\\"]].head(3)"]
}""",
  ("phone", "010-3392-1187"), ("phone", "010-5120-8834"), ("phone", "010-9044-2716"),
  ("email", "haeun.k@gmail.com"), ("email", "woosung.j@naver.com"), ("email", "gy.choi@kakao.com"))

# K32 Dockerfile with HF token in ENV
h = hf()
S("ko", "config", F("""FROM python:3.11-slim
WORKDIR /srv
# 모델 다운로드용 토큰 — 리뷰: ENV 로 두면 이미지 레이어에 남습니다. --mount=type=secret 로 바꿔주세요
ENV HF_TOKEN=<<h>>
RUN pip install --no-cache-dir transformers==4.46.3 torch==2.5.1
RUN python -c "from huggingface_hub import snapshot_download; snapshot_download('beomi/KoAlpaca-Polyglot-5.8B')"
COPY app/ /srv/app/
CMD ["python", "-m", "app.server"]""", h=h), ("huggingface_token", h))

# K33 Spring startup log printing a DSN with credentials
pw = password_random(14)
u = f"mysql://order_rw:{pw}@order-db.prod.internal:3306/order?characterEncoding=UTF-8"
S("ko", "log", F("""운영에서 설정 디버그 로그가 켜져 있어서 DSN 이 통째로 찍힙니다. logging.level.com.daon.config=INFO 로 내릴게요.

2026-11-24 08:00:03.441  INFO 1 --- [           main] com.daon.order.OrderApplication   : Starting OrderApplication v1.12.0 using Java 17.0.9 with PID 1
2026-11-24 08:00:05.902 DEBUG 1 --- [           main] com.daon.config.DataSourceConfig  : datasource url = <<u>>
2026-11-24 08:00:06.377  INFO 1 --- [           main] com.zaxxer.hikari.HikariDataSource : HikariPool-1 - Start completed.""", u=u),
  ("url_credentials", u))

# K34 hard negative: Go fatal error dump
S("ko", "log", F("""동시성 버그로 워커가 죽었습니다. map 에 mutex 추가하겠습니다.

fatal error: concurrent map writes

goroutine 118 [running]:
runtime.throw({0x10f3a2b?, 0x0?})
	/usr/local/go/src/runtime/panic.go:1023 +0x5c fp=0xc0004a3e40 sp=0xc0004a3e10 pc=0x43f1bc
runtime.mapassign_faststr(0xe4b2a0, 0xc0001b6090, {0xc00041a0f0, 0x24})
	/usr/local/go/src/runtime/map_faststr.go:203 +0x3e5 fp=0xc0004a3eb0 sp=0xc0004a3e40 pc=0x418c65
github.com/daon/settle/internal/cache.(*Store).Put(...)
	/src/internal/cache/store.go:61
build info: go1.22.9 vcs.revision=<<r>> vcs.time=2026-11-23T22:10:05Z vcs.modified=false""", r=sha(40)))

# K35 Node: fallback Anthropic key + test fixture e-mail
a = anthropic()
S("ko", "code", F("""// src/llm/client.js
import Anthropic from '@anthropic-ai/sdk';

// 리뷰: 로컬 fallback 키 삭제 필요. env 없으면 에러를 던지도록
export const client = new Anthropic({
  apiKey: process.env.ANTHROPIC_API_KEY ?? '<<a>>',
});

// __tests__/fixtures/user.json
// { "email": "qa.tester01@daon-shop.co.kr", "name": "테스트", "tier": "gold" }""", a=a),
  ("anthropic_key", a), ("email", "qa.tester01@daon-shop.co.kr"))

# K36 table: employees with RRNs and phones
rows = [(kr_rrn(), "010-2214-9083"), (kr_rrn(), "010-7730-4415"), (kr_rrn(), "010-3358-6120")]
S("ko", "table", F("""급여 시스템 이관 검증 시트 (엑셀에서 붙여넣기)
| 사번 | 이름 | 주민등록번호 | 연락처 | 부서 |
|---|---|---|---|---|
| D2019-044 | 한지민 | <<r0>> | <<p0>> | 재무 |
| D2021-187 | 오세훈 | <<r1>> | <<p1>> | 물류 |
| D2024-012 | 문가람 | <<r2>> | <<p2>> | 개발 |""", r0=rows[0][0], p0=rows[0][1], r1=rows[1][0], p1=rows[1][1], r2=rows[2][0], p2=rows[2][1]),
  *[("kr_rrn", r) for r, _ in rows], *[("phone", p) for _, p in rows])

# K37 chat: Notion and Linear tokens
nt, ln = notion(), linear()
S("ko", "chat", F("""[#dev-tools]
최민지 13:40  노션 연동 스크립트에 쓰는 integration 토큰 공유합니다 → <<nt>>
윤재호 13:42  Linear 쪽은 일단 제 개인 키 쓰세요: <<ln>> 내일 팀 키로 바꿀게요
최민지 13:45  넵 감사합니다. 스크립트 돌리고 나면 둘 다 폐기 요청 올릴게요""", nt=nt, ln=ln),
  ("saas_token", nt), ("saas_token", ln))

# K38 hard negative: tax invoice request with business/corporate registration numbers
S("ko", "prose", """[세금계산서 발행 요청]
- 공급받는자 상호: (주)다온커머스
- 사업자등록번호: 214-87-00123
- 법인등록번호: 110111-4123456
- 세금계산서 승인번호: 20261124-41000012-45678912
- 품목: 클라우드 사용료 11월분 / 공급가액 3,000,000원 / 세액 300,000원
- 발행일: 2026-11-30, 청구서 번호 BILL-2026-11-0088
담당 부서 공용 메일로 보내주시면 됩니다.""")

# K39 Jenkinsfile: New Relic key literal next to credentials() references
nr = newrelic()
S("ko", "code", F("""// Jenkinsfile
pipeline {
  agent { label 'docker' }
  environment {
    // 리뷰: credentials('newrelic-api-key') 로 바꿔주세요
    NEW_RELIC_API_KEY = '<<nr>>'
    DOCKER_CREDS      = credentials('dockerhub-daon')
    SLACK_WEBHOOK     = credentials('slack-deploy-webhook')
  }
  stages {
    stage('Deploy marker') {
      steps {
        sh 'newrelic deployments create --applicationId 118823301 --revision ${GIT_COMMIT}'
      }
    }
  }
}""", nr=nr), ("saas_token", nr))

# K40 webhook payload: access and refresh JWTs + e-mail
j1 = jwt({"sub": "48211", "scope": "order:read order:write", "exp": 1764000000})
j2 = jwt({"sub": "48211", "typ": "refresh", "exp": 1766500000})
S("ko", "json", F("""웹훅 재시도 로그에서 페이로드를 그대로 남기고 있어서 공유합니다 (마스킹 필요):
{"event":"token.refreshed","occurred_at":"2026-11-24T02:11:45+09:00","user":{"id":48211,"email":"yuna.seo@kakao.com"},"access_token":"<<j1>>","refresh_token":"<<j2>>","expires_in":3600,"delivery_id":"<<u>>"}""",
  j1=j1, j2=j2, u=uuid4()), ("jwt", j1), ("jwt", j2), ("email", "yuna.seo@kakao.com"))

# ---------------------------------------------------------------- English (20)

# E1 diff adding .npmrc with npm token
t = npm()
S("en", "code", F("""Review on PR #2291 (web-frontend): please don't commit .npmrc with a live token — use NODE_AUTH_TOKEN from the CI secret instead, and revoke this one on npmjs.com.

diff --git a/.npmrc b/.npmrc
new file mode 100644
index 0000000..<<i>>
--- /dev/null
+++ b/.npmrc
@@ -0,0 +1,3 @@
+@acme-ui:registry=https://registry.npmjs.org/
+//registry.npmjs.org/:_authToken=<<t>>
+always-auth=true""", i=sha(7), t=t), ("npm_token", t))

# E2 PR comment: restricted live key (secret) next to publishable key (not secret)
rk_, pk_ = stripe("rk_live_"), stripe("pk_live_")
S("en", "prose", F("""**@rpatel commented on `billing/config.py` line 14**

> STRIPE_KEY = "<<rk>>"
> STRIPE_PUBLISHABLE_KEY = "<<pk>>"

The first one is a restricted *live* key — it can still issue refunds, so it has to come from Secrets Manager and needs rotating in the dashboard before we merge. The publishable key on line 15 is fine to ship to the browser.""", rk=rk_, pk=pk_),
  ("stripe_key", rk_))

# E3 botocore debug log with access key id in the SigV4 credential scope
ak = aws_key_id()
S("en", "log", F("""Nightly invoice export has failed since the key rotation. Debug logging was left on, log below.

2026-11-24 06:12:44,118 DEBUG botocore.credentials Found credentials in environment variables.
2026-11-24 06:12:44,120 DEBUG botocore.auth Calculating signature using v4 auth.
2026-11-24 06:12:44,121 DEBUG botocore.auth Signature: Credential=<<ak>>/20261124/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=<<sig>>
Traceback (most recent call last):
  File "/opt/etl/jobs/export_invoices.py", line 57, in upload
    s3.put_object(Bucket=BUCKET, Key=key, Body=body)
  File "/usr/local/lib/python3.12/site-packages/botocore/client.py", line 565, in _api_call
    return self._make_api_call(operation_name, kwargs)
botocore.exceptions.ClientError: An error occurred (InvalidAccessKeyId) when calling the PutObject operation: The AWS Access Key Id you provided does not exist in our records.""",
  ak=ak, sig=sha()), ("aws_access_key", ak))

# E4 hard negative: release notes
S("en", "prose", F("""## ledger v5.3.0 (2026-11-20)

- Bump OpenSSL to 3.0.15 (CVE-2024-5535, CVE-2024-6119)
- Container image: ghcr.io/acme/ledger@sha256:<<d1>>
- Commit range: <<c1>>..<<c2>>
- Default bind address is now 0.0.0.0:8443; metrics stay on 127.0.0.1:9090
- Oracle driver pinned to 19.21.0.0 (ojdbc11)
- Checksums (SHA-256):
  <<d2>>  ledger_5.3.0_linux_amd64.tar.gz
  <<d3>>  ledger_5.3.0_darwin_arm64.tar.gz""", d1=sha(), c1=sha(40), c2=sha(40), d2=sha(), d3=sha()))

# E5 Slack handover: IPs, phone, e-mail; doc-range IP unlabelled
S("en", "chat", """#ops-handover — Mon 24 Nov, night → day
• edge-lb-03 (52.14.201.77) is flapping health checks again; AWS support case is open.
• Bastion moved to 10.40.0.10 — the old 10.40.0.4 is decommissioned, please update your ssh config.
• If the DB failover alarm fires, call Priya on +1 (415) 555-0142 or page dba-oncall@acmecorp.io
• Known noise: synthetic checks from 203.0.113.50, safe to ignore.""",
  ("ip_address", "52.14.201.77"), ("ip_address", "10.40.0.10"), ("ip_address", "10.40.0.4"),
  ("phone", "+1 (415) 555-0142"), ("email", "dba-oncall@acmecorp.io"))

# E6 support ticket: card + SSN + phone pasted by a customer
c = card("mc")
ssn = us_ssn()
S("en", "prose", F("""Ticket #88412 — Priority: High — Channel: web form
Customer wrote: "I was charged twice for the annual plan. My card is <<c>> and my SSN is <<ssn>> if you need to verify me. Please call me at (312) 555-0199."
Agent note: refund issued (ref RF-20261124-0091). Redact this ticket once the refund settles.""", c=fmt_card(c), ssn=ssn),
  ("card", fmt_card(c)), ("us_ssn", ssn), ("phone", "(312) 555-0199"))

# E7 runbook with postgres URL
pw = password_random(16)
u = f"postgresql://report_admin:{pw}@reporting-replica.internal.acme.io:5432/reporting?sslmode=require"
S("en", "prose", F("""### Restore the reporting replica

1. Stop the ETL timer: `sudo systemctl stop etl.timer`
2. Connect: `psql "<<u>>"`
3. Run `SELECT pg_last_wal_replay_lsn();` twice, a minute apart, and confirm it advances.
4. Re-enable the timer and note the restore in the change log.""", u=u), ("url_credentials", u))

# E8 hard negative: config template with placeholders only
S("en", "config", """# config/production.example.yaml — copy to production.yaml and fill in
database:
  host: ${DB_HOST}
  user: ${DB_USER}
  password: ${DB_PASSWORD}
openai:
  api_key: <your-api-key>   # starts with sk-...
stripe:
  secret_key: sk_live_xxxxxxxxxxxxxxxxxxxxxxxx
sentry:
  dsn: https://<key>@o0.ingest.sentry.io/0
smtp:
  host: smtp.example.com
  password: "REPLACE_ME"
""")

# E9 Go: DigitalOcean token hard-coded while debugging
do = do_token()
S("en", "code", F("""// cmd/snapshot/main.go
package main

import (
	"context"
	"log"

	"github.com/digitalocean/godo"
)

func main() {
	// FIXME(review): read DIGITALOCEAN_TOKEN from env — hardcoded while debugging the 401s
	token := "<<do>>"
	client := godo.NewFromToken(token)
	_, _, err := client.Snapshots.List(context.Background(), &godo.ListOptions{PerPage: 50})
	if err != nil {
		log.Fatalf("list snapshots: %v", err)
	}
}""", do=do), ("cloud_token", do))

# E10 Jenkins log: git clone URL with embedded password
pw = password_random(16)
u = f"https://jenkins-bot:{pw}@git.internal.acme.io/platform/infra.git"
S("en", "log", F("""[build 4471] Started by timer
[build 4471] + git clone <<u>>
[build 4471] Cloning into 'infra'...
[build 4471] fatal: Authentication failed for 'https://git.internal.acme.io/platform/infra.git/'
[build 4471] Finished: FAILURE""", u=u), ("url_credentials", u))

# E11 SQL migration with UK NI numbers, e-mails, phones
n1, n2 = uk_nino(), uk_nino()
n2s = nino_spaced(n2)
S("en", "code", F("""-- 0042_backfill_payroll_contacts.sql
-- NOTE(review): these rows were copied from prod while debugging PAY-771 — remove before merge
INSERT INTO employees (id, full_name, ni_number, email, mobile) VALUES
  (311, 'Oliver Grant', '<<n1>>', 'oliver.grant@acme-uk.co.uk', '07700 900431'),
  (312, 'Amelia Shah', '<<n2>>', 'a.shah@acme-uk.co.uk', '+44 7700 900118');""", n1=n1, n2=n2s),
  ("uk_nino", n1), ("uk_nino", n2s), ("email", "oliver.grant@acme-uk.co.uk"), ("email", "a.shah@acme-uk.co.uk"),
  ("phone", "07700 900431"), ("phone", "+44 7700 900118"))

# E12 hard negative: CLI output with masked token, role ids, digests
S("en", "log", F("""$ gh auth status
github.com
  ✓ Logged in to github.com account acme-ci (keyring)
  - Active account: true
  - Git operations protocol: https
  - Token: ghp_************************************
  - Token scopes: 'gist', 'read:org', 'repo', 'workflow'
$ aws sts get-caller-identity
{
    "UserId": "<<aroa>>:ci-session",
    "Account": "123456789012",
    "Arn": "arn:aws:sts::123456789012:assumed-role/ci-runner/ci-session"
}
$ docker images --digests acme/api
REPOSITORY   TAG     DIGEST                                                                    IMAGE ID       CREATED
acme/api     5.3.0   sha256:<<d>>   <<img>>   2 days ago""", aroa=aroa_id(), d=sha(), img=sha(12)))

# E13 Teams chat: Aadhaar + Indian mobile
ad = aadhaar_spaced()
S("en", "chat", F("""[Teams] Vendor onboarding — Bengaluru contractors
Meera 11:04  For the background check the agency needs Rahul's Aadhaar: <<ad>> and his mobile +91 98450 22871
Tom 11:06  Please don't paste IDs here — upload them to the HR portal instead. I'll delete this thread in 10 min.""", ad=ad),
  ("in_aadhaar", ad), ("phone", "+91 98450 22871"))

# E14 JSON: KYC queue dump with SG NRIC and NL BSN
nr_, bsn = sg_nric(), nl_bsn()
S("en", "json", F("""Dumped from the KYC queue while debugging the webhook retry bug:
{"batch":"kyc-2026-11-24-03","applicants":[
 {"ref":"A-1021","name":"Tan Wei Ling","nric":"<<nr>>","mobile":"+65 9123 4470","email":"weiling.tan@gmail.com","status":"pending_review"},
 {"ref":"A-1022","name":"Daan de Vries","bsn":"<<bsn>>","mobile":"+31 6 4182 7730","email":"d.devries@ziggo.nl","status":"approved"}
]}""", nr=nr_, bsn=bsn),
  ("sg_nric", nr_), ("nl_bsn", bsn), ("phone", "+65 9123 4470"), ("phone", "+31 6 4182 7730"),
  ("email", "weiling.tan@gmail.com"), ("email", "d.devries@ziggo.nl"))

# E15 Terraform backend with Azure storage account key ("key" is a blob path, not a secret)
sk = azure_storage_key()
S("en", "config", F("""# backend.tf — reviewer: use ARM_ACCESS_KEY env or OIDC, never a literal access_key
terraform {
  backend "azurerm" {
    resource_group_name  = "rg-tfstate-prod"
    storage_account_name = "acmetfstateprod"
    container_name       = "tfstate"
    key                  = "network/prod.tfstate"
    access_key           = "<<sk>>"
  }
}""", sk=sk), ("azure_key", sk))

# E16 notebook: xAI key
xk = xai()
S("en", "json", F("""{
 "cells": [
  {
   "cell_type": "code",
   "execution_count": 1,
   "metadata": {},
   "outputs": [],
   "source": [
    "from openai import OpenAI\\n",
    "client = OpenAI(api_key=\\"<<xk>>\\", base_url=\\"https://api.x.ai/v1\\")\\n",
    "resp = client.chat.completions.create(model=\\"grok-2-latest\\", messages=[{\\"role\\": \\"user\\", \\"content\\": \\"ping\\"}])\\n"
   ]
  }
 ],
 "nbformat": 4,
 "nbformat_minor": 5
}""", xk=xk), ("ai_api_key", xk))

# E17 hard negative: order enquiry with tracking numbers, masked card, invoice
S("en", "prose", """Subject: Where is my order? (#ORD-558120-US)

Hi, I placed this order on 11/18 and paid with my Visa ending 4242 (•••• •••• •••• 4242). The UPS tracking number 1Z999AA10123456784 hasn't moved in four days. Invoice INV-2026-00991.

--
Agent reply: the carrier shows an exception at the Louisville hub; we've reshipped under 1Z2F37W90341234567 and opened RMA-33817 for the original parcel.""")

# E18 ticket: ES DNI, IT codice fiscale, FR NIR, e-mails
dni, cf_, nir = es_dni(), it_cf(), fr_nir()
S("en", "prose", F("""Case 55120 — EU payroll onboarding (3 new hires)
- Lucía Fernández (Madrid): DNI <<dni>>, lucia.fernandez@acme-eu.com
- Marco Bianchi (Milano): codice fiscale <<cf>>, marco.bianchi@acme-eu.com
- Camille Martin (Lyon): numéro de sécurité sociale <<nir>>
Please create the payroll records by Friday; signed contracts are in the HR share.""", dni=dni, cf=cf_, nir=nir),
  ("es_dni", dni), ("it_codice_fiscale", cf_), ("fr_nir", nir),
  ("email", "lucia.fernandez@acme-eu.com"), ("email", "marco.bianchi@acme-eu.com"))

# E19 German payroll service log: Steuer-ID + IBAN
st, de = de_steuer_id(), iban("DE")
S("en", "log", F("""2026-11-24T07:30:12.004Z ERROR payroll-de [job=lohnlauf-2026-11] ELStAM lookup failed employee=DE-0412 steuer_id=<<st>> status=404
2026-11-24T07:30:12.010Z WARN  payroll-de SEPA export skipped employee=DE-0412 iban=<<de>> bic=DEUTDEFFXXX reason="mandate missing"
2026-11-24T07:30:12.011Z INFO  payroll-de job finished processed=412 failed=1 duration=83.2s""", st=st, de=de),
  ("de_steuer_id", st), ("iban", de))

# E20 Discord bot: token labelled, application id (public snowflake) not
dt = discord_token()
S("en", "code", F("""# bot.py
import discord

APPLICATION_ID = 1183094470123456789  # public, fine to commit
intents = discord.Intents.default()
intents.message_content = True
client = discord.Client(intents=intents)


@client.event
async def on_ready():
    print(f"logged in as {client.user}")

client.run("<<dt>>")  # TODO move to .env before pushing!!""", dt=dt), ("discord_token", dt))

write_corpus(OUT, sys.argv[1])
