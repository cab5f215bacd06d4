"""Fresh set 14c (2026-11-25): written by a helper who read only fakegen.py, never the rules
(en/ko/de/ja); scored once (docs/detection.md). Values are generated (fake): see fakegen.py.
Theme: disguised values (base64, hex, percent-encoding, \\uXXXX, HTML entities, full-width,
zero-width, spaced/dashed characters, split lines, JSON-in-JSON, code blocks, URLs, data: URIs)
plus ~30 % hard negatives using the same encodings on harmless content.
Usage: python3 fresh14c_2026_11_25.py OUT.jsonl
"""
import sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *  # noqa
from fakegen import R, rnd, rnd_mixed, ALNUM, HEX
import base64 as _b64, json as _json, string as _string, urllib.parse as _up
seed(1430)
OUT = []
S = sample_adder(OUT, "f14c")
# S(lang, kind, text, (type, value), (type, value), ...)


# ---------------------------------------------------------------- encoders
def b64(s):
    return _b64.b64encode(s.encode() if isinstance(s, str) else s).decode()


def b64url(s):
    return _b64.urlsafe_b64encode(s.encode()).decode().rstrip("=")


def hexs(s):
    return s.encode().hex()


def jsx(s):
    """JavaScript "\\xNN" escapes for every character."""
    return "".join("\\x%02x" % ord(c) for c in s)


def pct_all(s):
    return "".join("%%%02X" % b for b in s.encode())


def pct(s):
    return _up.quote(s, safe="")


def form(s):
    return _up.quote_plus(s)


NA = "nonascii"


def uesc(s, only=None):
    def hit(c):
        if only is None:
            return True
        if only == NA:
            return ord(c) > 127
        return c in only
    return "".join("\\u%04x" % ord(c) if hit(c) else c for c in s)


def ent(s, only=None, hx=False):
    return "".join((("&#x%x;" % ord(c)) if hx else ("&#%d;" % ord(c))) if (only is None or c in only) else c
                   for c in s)


def fw(s):
    return "".join("\u3000" if c == " " else chr(ord(c) + 0xFEE0) if 0x21 <= ord(c) <= 0x7E else c for c in s)


ZWSP, ZWNJ, WJ = "\u200b", "\u200c", "\u2060"


def zw(s, ch=ZWSP, step=1):
    return ch.join(s[i:i + step] for i in range(0, len(s), step))


def spaced(s, sep=" "):
    return sep.join(s)


def dashed(s):
    return "-".join(s)


def split_at(s, *cuts):
    parts, prev = [], 0
    for c in cuts:
        parts.append(s[prev:c])
        prev = c
    parts.append(s[prev:])
    return "\n".join(parts)


# ------------------------------------------------ generators not in fakegen
def braintree_token():
    # Braintree/PayPal access token: access_token$production$<16 lower alnum>$<32 hex>
    return "access_token$production$" + rnd(_string.ascii_lowercase + _string.digits, 16) + "$" + rnd(HEX, 32)


def pplx_key():
    return pplx()


def not_luhn(n):
    """Mutate the last digit so the number fails the Luhn check (order numbers etc.)."""
    body = n[:-1]
    good = luhn_check(body)
    return body + str((int(good) + 3) % 10)


# ====================================================================== EN
# en-1 Basic auth in a curl line
pw = password()
basic = b64("svc-reporting:" + pw)
S("en", "chat",
  "Quick one, this call keeps coming back 401 and I can't see why:\n\n"
  "curl -s -H 'Authorization: Basic " + basic + "' \\\n"
  "  -H 'Accept: application/json' \\\n"
  "  'https://reports.internal.example.com/v2/export?month=2026-10'\n\n"
  "Same creds work in the browser login. Is the header wrong or is the account locked?",
  ("password", basic))

# en-2 Kubernetes Secret (base64 values)
pw = password_random(16)
sk = stripe("sk_live_")
S("en", "config",
  "apiVersion: v1\nkind: Secret\nmetadata:\n  name: checkout-api\n  namespace: payments\ntype: Opaque\ndata:\n"
  "  DB_USER: " + b64("checkout_rw") + "\n"
  "  DB_PASSWORD: " + b64(pw) + "\n"
  "  STRIPE_SECRET_KEY: " + b64(sk) + "\n"
  "  LOG_LEVEL: " + b64("info") + "\n",
  ("password", b64(pw)), ("stripe_key", b64(sk)))

# en-3 form body in a debug log (percent/plus encoding), Stripe test debit card
c = "4000056655665556"
assert luhn_valid(c)
em = "dana.whitfield@example.com"
S("en", "log",
  "2026-11-25T09:14:02.331Z INFO  [checkout-web] POST /api/orders 201 412ms client=10.42.7.19\n"
  "2026-11-25T09:14:02.332Z DEBUG [checkout-web] raw body: name=Dana+Whitfield&email=" + form(em) +
  "&card_number=" + form(fmt_card(c)) + "&exp=08%2F28&cvv=***&save_card=1",
  ("ip_address", "10.42.7.19"), ("email", form(em)), ("card", form(fmt_card(c))))

# en-4 hex-encoded AWS pair + xAI key in Python
ak, asec, xk = aws_key_id(), aws_secret(), xai()
S("en", "code",
  "# \"obfuscated\" so the secret scanner stops complaining -- TODO move to SSM\n"
  "import boto3\n\n"
  "_A = bytes.fromhex(\"" + hexs(ak) + "\").decode()\n"
  "_S = bytes.fromhex(\n    \"" + hexs(asec) + "\"\n).decode()\n"
  "_X = bytes.fromhex(\"" + hexs(xk) + "\").decode()  # grok fallback for summaries\n\n"
  "s3 = boto3.client(\"s3\", aws_access_key_id=_A, aws_secret_access_key=_S, region_name=\"us-east-2\")\n",
  ("aws_access_key", hexs(ak)), ("aws_secret_key", hexs(asec)), ("ai_api_key", hexs(xk)))

# en-5 JSON \u escapes
ssn = us_ssn()
em = "j.okafor@example.org"
S("en", "json",
  "{\n  \"applicant\": {\n    \"name\": \"Jordan Okafor\",\n"
  "    \"contact\": \"" + uesc(em, "@.") + "\",\n"
  "    \"ssn\": \"" + uesc(ssn) + "\",\n"
  "    \"dob\": \"1988-03-14\"\n  },\n  \"product\": \"personal_loan\",\n  \"amount_usd\": 12000\n}",
  ("email", uesc(em, "@.")), ("us_ssn", uesc(ssn)))

# en-6 HTML entities in an e-mail footer
em = "billing@harborline-freight.com"
ph = "+1 (617) 555-0192".replace(" ", "&nbsp;")
S("en", "prose",
  "Our invoice template renders this footer, but Outlook shows the raw entities. Any idea why?\n\n"
  "<p>Questions about invoice INV-20931? Write to <a href=\"mailto:" + ent(em) + "\">" + ent(em, "@.") +
  "</a> or call " + ph + " (Mon&ndash;Fri, 9&ndash;5 ET).</p>",
  ("email", ent(em)), ("email", ent(em, "@.")), ("phone", ph))

# en-7 spaced SSN and phone in chat
ssn = us_ssn()
S("en", "chat",
  "lol the HR bot keeps eating my message so here it is spaced out: " + spaced(ssn) +
  "  can you put that on the W-4 for me? and my cell for the emergency contact form is " + spaced("2125550147"),
  ("us_ssn", spaced(ssn)), ("phone", spaced("2125550147")))

# en-8 GitHub token with a dash after every character
gh = github("ghp_")
S("en", "chat",
  "ok pasting it with dashes so the auto-revoke doesn't kick in: " + dashed(gh) +
  "\njust strip the dashes and save it as the GH_RELEASE_TOKEN secret, thx",
  ("github_token", dashed(gh)))

# en-9 OpenAI project key wrapped over three lines in a ticket
oa = openai_proj()
oa_s = split_at(oa, 55, 110)
S("en", "prose",
  "Ticket #48213: customer says our integration stopped working after they rotated keys. "
  "They pasted the new key into the support form and it got wrapped:\n\n" + oa_s +
  "\n\nCan someone confirm it's a project key and not a legacy user key before we escalate?",
  ("openai_key", oa_s))

# en-10 .env in a markdown code block (Anthropic key + DB URL with percent-encoded password)
ant = anthropic()
dbpw = password_random(11) + "#"
url = "postgresql://orders_app:" + pct(dbpw) + "@orders-db.prod.internal:5432/orders?sslmode=require"
S("en", "chat",
  "Here's my `.env`; the app can't reach the DB and the Claude calls 401:\n\n```dotenv\nNODE_ENV=production\n"
  "ANTHROPIC_API_KEY=" + ant + "\nDATABASE_URL=" + url + "\nPORT=8080\n```\n\nWhat am I missing?",
  ("anthropic_key", ant), ("url_credentials", url))

# en-11 access log: JWT and Google API key in URL queries
j = jwt({"sub": "user_48121", "role": "admin", "iat": 1764064931, "exp": 1764068531})
gk = google_key()
S("en", "log",
  "10.8.0.23 - - [25/Nov/2026:10:02:11 +0000] \"GET /oauth/callback?state=af0ifjsldkj&id_token=" + j +
  " HTTP/1.1\" 302 0 \"-\" \"Mozilla/5.0\"\n"
  "10.8.0.23 - - [25/Nov/2026:10:02:12 +0000] \"GET /maps/embed?key=" + pct(gk) +
  "&q=1600%20Amphitheatre%20Pkwy HTTP/1.1\" 200 5120 \"-\" \"Mozilla/5.0\"",
  ("ip_address", "10.8.0.23"), ("jwt", j), ("google_api_key", pct(gk)))

# en-12 JSON string inside a JSON string
ib = iban("GB")
em = "priya.nair@example.co.uk"
inner = _json.dumps({"customer": {"id": "cus_19384", "email": em, "payout": {"iban": ib, "bic": "BARCGB22"}}})
outer = _json.dumps({"event": "customer.updated", "delivery_id": "d-77812", "payload": inner}, indent=2)
S("en", "json", "Webhook delivery that failed schema validation (payload is double-encoded):\n" + outer,
  ("email", em), ("iban", ib))

# en-13 Slack webhook hidden in a data: URI
sw = slack_webhook()
S("en", "prose",
  "Found this in the marketing site's HTML during the audit. Someone tucked the alerts webhook into a data URI so "
  "the linter wouldn't see it:\n\n<link rel=\"prefetch\" href=\"data:text/plain;base64," + b64(sw) +
  "\">\n\nWe should rotate it and move the form handler server-side.",
  ("slack_webhook", b64(sw)))

# en-14 docker config.json auth (base64 user:password)
pw = password()
auth = b64("ci-bot:" + pw)
S("en", "json",
  "{\n  \"auths\": {\n    \"registry.acme-internal.io\": {\n      \"auth\": \"" + auth +
  "\"\n    }\n  },\n  \"credsStore\": \"\"\n}",
  ("password", auth))

# en-15 zero-width characters inside a NINO and an NRIC
nino, nric = uk_nino(), sg_nric()
S("en", "chat",
  "Payroll form keeps stripping it, trying again: my NI number is " + zw(nino) +
  " and for the Singapore entity my NRIC is " + zw(nric, ZWNJ) + ".",
  ("uk_nino", zw(nino)), ("sg_nric", zw(nric, ZWNJ)))

# en-16 base64 PEM in a GitHub Actions step
pk = pem("ec")
S("en", "config",
  "      - name: Write deploy key\n        run: |\n          mkdir -p ~/.ssh\n          echo \"" + b64(pk) +
  "\" | base64 -d > ~/.ssh/deploy_key\n          chmod 600 ~/.ssh/deploy_key\n",
  ("private_key", b64(pk)))

# en-17 GCP service-account JSON stringified inside an AWS Secrets Manager response
sa, key = gcp_sa_json("acme-billing-prod")
resp = _json.dumps({"ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:gcp/billing-sa-Xk2P9q",
                    "Name": "gcp/billing-sa", "SecretString": sa, "VersionStages": ["AWSCURRENT"]}, indent=2)
S("en", "json", "$ aws secretsmanager get-secret-value --secret-id gcp/billing-sa\n" + resp,
  ("gcp_credentials", _json.dumps(key + "\\n")[1:-1]), ("private_key", _json.dumps(key)[1:-1]),
  ("email", "ci-deployer@acme-billing-prod.iam.gserviceaccount.com"))

# ---- EN hard negatives
S("en", "chat",
  "Why doesn't this 1x1 tracking pixel render in Outlook? Gmail shows it fine.\n\n"
  "<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==\" "
  "width=\"1\" height=\"1\" alt=\"\">")
S("en", "log",
  "127.0.0.1 - - [25/Nov/2026:11:40:03 +0000] \"GET /search?q=" + pct("best trail running shoes under $120") +
  "&sort=rating&page=2 HTTP/1.1\" 200 18342\n"
  "127.0.0.1 - - [25/Nov/2026:11:40:09 +0000] \"GET /search?q=" + pct('"gore-tex" +waterproof -sale') +
  "&page=1 HTTP/1.1\" 200 9921")
S("en", "code",
  ":root {\n  --brand-primary: #1f6feb;\n  --brand-accent: #f778ba;\n  --surface: #0d1117;\n  --border: #30363d;\n}\n\n"
  "<script src=\"https://cdn.example.com/widget/3.2.1/widget.min.js\"\n  integrity=\"sha384-" +
  b64(bytes(R.getrandbits(8) for _ in range(48))) + "\"\n  crossorigin=\"anonymous\"></script>")
S("en", "json",
  "{\n  \"data\": [{\"id\": 41, \"title\": \"Caf\\u00e9 opening \\u2014 na\\u00efve pricing\"}],\n"
  "  \"next_cursor\": \"" + b64(_json.dumps({"offset": 40, "sort": "-created_at"})) + "\",\n  \"has_more\": true\n}")
S("en", "prose",
  "P L E A S E   R E A D: the office is closed 24&ndash;26 December. Terms &amp; Conditions apply &mdash; see "
  "&quot;Holiday policy&quot; on the intranet. &copy; 2026 Acme Corp.")
S("en", "chat",
  "shipped \U0001F389 \U0001F469\u200d\U0001F4BB nice work team! release commit " + rnd(HEX, 40) +
  ", image ghcr.io/acme/api@sha256:" + rnd(HEX, 64) + " is live in all regions")
S("en", "config",
  "apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-settings\ntype: Opaque\ndata:\n"
  "  APP_ENV: " + b64("production") + "\n  TZ: " + b64("America/Chicago") + "\n"
  "  FEATURE_FLAGS: " + b64('{"newCheckout":true,"darkMode":false}') + "\n")
S("en", "code",
  "MAGIC = bytes.fromhex(\"89504e470d0a1a0a\")  # PNG signature\n"
  "GREETING = bytes.fromhex(\"" + hexs("Hello, world!") + "\").decode()\n"
  "REQUEST_ID = \"7c9e6679-7425-40de-944b-e07dc4f3f2b0\"\n"
  "API_KEY = os.environ[\"STRIPE_API_KEY\"]  # never hardcode, e.g. sk_live_xxxxxxxxxxxxxxxx\n")

# ====================================================================== KO
rrn = kr_rrn()
ph = "010-4827-3915"
S("ko", "chat",
  "상담원님, 본인확인용으로 보내드려요. 주민번호는 " + fw(rrn) + " 이고 연락처는 " + fw(ph) +
  " 입니다. 반각으로 쓰면 자꾸 가려져서 전각으로 썼어요.",
  ("kr_rrn", fw(rrn)), ("phone", fw(ph)))

rrn = kr_rrn()
S("ko", "prose",
  "가족관계증명서 발급 신청서 작성 예시입니다. 신청인 주민등록번호 란에는 " + spaced(rrn) +
  " 처럼 한 칸씩 띄어서 적으셔도 접수됩니다. 접수 후 3일 이내에 문자로 안내드립니다.",
  ("kr_rrn", spaced(rrn)))

em = "minji.kim@example.co.kr"
ph = "010-2345-6789"
S("ko", "json",
  "{\n  \"name\": \"" + uesc("김민지", NA) + "\",\n  \"email\": \"" + uesc(em, "@") + "\",\n"
  "  \"phone\": \"" + uesc(ph) + "\",\n  \"memo\": \"" + uesc("배송 전 연락 부탁드려요", NA) + "\"\n}",
  ("email", uesc(em, "@")), ("phone", uesc(ph)))

rrn = kr_rrn()
rrn_p = rrn.replace("-", "%2D")
S("ko", "log",
  "[2026-11-25 13:02:44] INFO  본인인증 요청 수신 from 192.168.10.24 - GET /api/v1/identity/verify?name=" +
  pct("홍길동") + "&rrn=" + rrn_p + "&carrier=SKT 200 87ms",
  ("kr_rrn", rrn_p), ("ip_address", "192.168.10.24"))

sb, pw, js = slack_bot(), password(), high_entropy(48)
S("ko", "config",
  "운영 클러스터 시크릿 백업입니다 (base64라서 그냥 올려도 된다고 들었는데 맞나요?)\n\n```yaml\napiVersion: v1\n"
  "kind: Secret\nmetadata:\n  name: noti-worker\ndata:\n  SLACK_BOT_TOKEN: " + b64(sb) + "\n  REDIS_PASSWORD: " +
  b64(pw) + "\n  JWT_SIGNING_SECRET: " + b64(js) + "\n```",
  ("slack_token", b64(sb)), ("password", b64(pw)), ("generic_secret", b64(js)))

c = card("mc")
cz = zw(fmt_card(c, "-"))
S("ko", "chat",
  "결제가 자꾸 실패해서요. 카드번호 " + cz + " 유효기간 09/27 로 다시 시도해 주실 수 있나요?",
  ("card", cz))

tg = telegram()
S("ko", "code",
  "# 텔레그램 알림 봇 - 토큰은 hex로 숨겨둠 (깃허브 스캔 회피용)\nimport requests\n\n"
  "TOKEN = bytes.fromhex(\"" + hexs(tg) + "\").decode()\nCHAT_ID = -1001876543210\n\n"
  "def notify(msg):\n    requests.post(f\"https://api.telegram.org/bot{TOKEN}/sendMessage\",\n"
  "                  data={\"chat_id\": CHAT_ID, \"text\": msg}, timeout=5)\n",
  ("telegram_token", hexs(tg)))

h = hf()
hs = split_at(h, 19)
S("ko", "chat",
  "허깅페이스 토큰이 줄바꿈된 채로 복사됐는데 이대로 써도 되나요?\n" + hs + "\n사내 모델 다운로드용이에요",
  ("huggingface_token", hs))

em = "cs@hanbit-mall.co.kr"
ph = "02-3456-7890"
S("ko", "prose",
  "<footer>고객센터: " + ent(ph) + " | 이메일: " + ent(em) +
  "<br>평일 09:00~18:00 (점심 12:00~13:00)</footer>\n위 푸터가 메일 템플릿에서 깨져 보이는데 원인이 뭘까요?",
  ("phone", ent(ph)), ("email", ent(em)))

c, rrn = card("visa"), kr_rrn()
inner = _json.dumps({"custName": "이서준", "cardNo": c, "rrn": rrn}, ensure_ascii=False)
outer = _json.dumps({"type": "PAYMENT_FAIL", "traceId": "a81f-22c9", "body": inner}, ensure_ascii=False, indent=2)
S("ko", "json", "결제 실패 이벤트 원문입니다. body 필드가 문자열로 한 번 더 감싸져 있어요:\n" + outer,
  ("card", c), ("kr_rrn", rrn))

nt, pw = npm(), password()
auth = b64("deploy:" + pw)
S("ko", "config",
  "사내 레지스트리 배포가 403이 나요. `.npmrc` 첨부합니다.\n\n```ini\nregistry=https://registry.npmjs.org/\n"
  "//registry.npmjs.org/:_authToken=" + nt + "\n@sample-corp:registry=https://nexus.sample-corp.kr/repository/npm-private/\n"
  "//nexus.sample-corp.kr/repository/npm-private/:_auth=" + auth + "\nalways-auth=true\n```",
  ("npm_token", nt), ("password", auth))

em = "hong.gildong@example.com"
S("ko", "chat", "메일 주소 알려드릴게요 " + fw(em) + " 로 견적서 보내주세요~ 확인하면 바로 회신드릴게요",
  ("email", fw(em)))

ph = "010-7788-1234"
ctx = b64url(_json.dumps({"phone": ph, "step": 2}))
S("ko", "log",
  "2026-11-25 14:20:07 WARN  [auth-gw] 만료된 인증 링크 접근: /sms/verify?ctx=" + ctx + "&lang=ko (ua=KAKAOTALK 10.7.2)",
  ("phone", ctx))

dw = discord_webhook()
S("ko", "code",
  "배포 알림을 이렇게 설정했는데 디스코드로 안 와요:\n\n```bash\ncurl -X POST \"https://relay.internal.example.kr/forward?target=" +
  pct(dw) + "&fmt=discord\" \\\n  -H 'Content-Type: application/json' \\\n  -d '{\"content\":\"배포 완료 ✅\"}'\n```",
  ("discord_webhook", pct(dw)))

gl = gitlab()
S("ko", "chat",
  "깃랩 토큰 공유합니다 (봇이 지워서 띄어 씀): " + spaced(gl) + "\n공백 지우고 CI 변수 GITLAB_TOKEN 에 넣어주세요.",
  ("gitlab_token", spaced(gl)))

pw = password_random(12)
basic = b64("admin:" + pw)
pm = postman()
pm_e = uesc(pm[:5]) + pm[5:]
S("ko", "json",
  "{\n  \"info\": {\"name\": \"정산 API\", \"schema\": \"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},\n"
  "  \"item\": [{\n    \"name\": \"정산내역 조회\",\n    \"request\": {\n      \"method\": \"GET\",\n      \"header\": [\n"
  "        {\"key\": \"Authorization\", \"value\": \"Basic " + basic + "\"},\n"
  "        {\"key\": \"X-Api-Key\", \"value\": \"" + pm_e + "\"}\n      ],\n"
  "      \"url\": \"https://settle.example.kr/api/v2/settlements?from=2026-11-01\"\n    }\n  }]\n}",
  ("password", basic), ("saas_token", pm_e))

j = jwt()
S("ko", "log",
  "[nginx] 172.31.5.12 - - [25/Nov/2026:14:31:50 +0900] \"GET /login?redirect_uri=" +
  pct("https://app.example.kr/cb?id_token=" + j) + " HTTP/2.0\" 302 0 \"-\" \"Mozilla/5.0 (iPhone)\"",
  ("ip_address", "172.31.5.12"), ("jwt", j))

ok = openssh_key()
S("ko", "chat",
  "이 키로 서버 접속하면 Permission denied (publickey) 떠요. 키 파일 내용 그대로 붙여요\n\n```\n" + ok +
  "\n```\n\n서버는 10.10.3.7 이고 유저는 deploy 예요.",
  ("private_key", ok), ("ip_address", "10.10.3.7"))

# ---- KO hard negatives
S("ko", "prose",
  "이번 주 특가: " + fw("GALAXY S25 Ultra 256GB") + ", " + fw("LG gram 16Z90S") +
  ", 에어팟 프로 " + fw("2") + "세대 - 재고 소진 시까지! 전 품목 무료배송")
S("ko", "log",
  "127.0.0.1 - - [25/Nov/2026:15:11:09 +0900] \"GET /search?q=" + pct("서울 맛집 추천") +
  "&page=1 HTTP/1.1\" 200 20511\n127.0.0.1 - - [25/Nov/2026:15:11:30 +0900] \"GET /search?q=" +
  pct("크리스마스 선물 5만원 이하") + "&sort=popular HTTP/1.1\" 200 18877")
S("ko", "json",
  "{\n  \"msgType\": \"NOTICE\",\n  \"text\": \"" + uesc("안녕하세요! 12월 정기점검 안내입니다. 12/3(수) 02:00~04:00", NA) +
  "\",\n  \"sentAt\": \"2026-11-25T09:00:00+09:00\"\n}")
S("ko", "code",
  "// 사용자 화면 설정 저장 (디코딩하면 그냥 테마 설정 JSON)\nlocalStorage.setItem(\"prefs\", \"" +
  b64(_json.dumps({"theme": "dark", "lang": "ko", "fontSize": 16})) + "\");\n"
  "const prefs = JSON.parse(atob(localStorage.getItem(\"prefs\")));\n")
S("ko", "chat",
  "공 지 사 항 ‼ 이번 주 금요일 송년회 \U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466 가족 동반 가능해요 "
  "\u2764\ufe0f\u200d\U0001F525  S A L E 아니고 진짜 공짜예요 ㅋㅋ")
S("ko", "config",
  "# 디자인 토큰 v3\nprimary: \"#3366FF\"\nsecondary: \"#FF6B6B\"\nbackground: \"#F8F9FA\"\n\n"
  "# 설치 파일 체크섬\ninstaller_sha256: " + rnd(HEX, 64) + "\nbuild_commit: " + rnd(HEX, 40) + "\n")
order = not_luhn("2026112500048173")
assert not luhn_valid(order)
S("ko", "prose",
  "&lt;b&gt;블랙프라이데이&lt;/b&gt; 할인 &amp; 무료배송 이벤트 안내 &mdash; 주문번호 " + order +
  " 의 배송 현황은 마이페이지 &gt; 주문조회에서 확인하실 수 있습니다.")

# ====================================================================== DE
ib = iban("DE")
ibz = zw(iban_spaced(ib), WJ)
S("de", "prose",
  "Hallo Frau Schneider,\n\nbitte überweisen Sie die Kaution bis zum Monatsende auf folgendes Konto:\n"
  "Kontoinhaber: Hausverwaltung Berger & Koch\nIBAN: " + ibz +
  "\nVerwendungszweck: Kaution Whg. 3 OG links\n\nMit freundlichen Grüßen\nThomas Berger",
  ("iban", ibz))

st = de_steuer_id()
S("de", "chat",
  "Hier meine Steuer-ID für die Lohnabrechnung, der Chat hat die Zahl vorhin geschluckt, deshalb mit Leerzeichen: " +
  spaced(st) + " - sag Bescheid, falls noch was fehlt.",
  ("de_steuer_id", spaced(st)))

pw, sg = password(), sendgrid()
S("de", "config",
  "services:\n  mailer:\n    image: registry.example.de/mailer:2.4.1\n    environment:\n"
  "      SMTP_HOST: smtp.sendgrid.net\n      SMTP_USER: apikey\n      SMTP_PASSWORD_B64: \"" + b64(pw) +
  "\"\n      SENDGRID_KEY_HEX: \"" + hexs(sg) + "\"\n      TZ: Europe/Berlin\n",
  ("password", b64(pw)), ("saas_token", hexs(sg)))

em, ph, ib = "juergen.mueller@beispiel.de", "+49 151 23456789", iban("DE")
S("de", "log",
  "2026-11-25 08:51:17,402 DEBUG [kontakt-servlet] POST /kontakt body=vorname=J%C3%BCrgen&nachname=M%C3%BCller&email=" +
  form(em) + "&telefon=" + form(ph) + "&iban=" + form(iban_spaced(ib)) +
  "&nachricht=R%C3%BCckerstattung+bitte+auf+dieses+Konto",
  ("email", form(em)), ("phone", form(ph)), ("iban", form(iban_spaced(ib))))

st = de_steuer_id()
S("de", "json",
  "{\n  \"mitarbeiter\": \"M\\u00fcller, Stefanie\",\n  \"steuerIdNr\": \"" + uesc(st) +
  "\",\n  \"steuerklasse\": 4,\n  \"kirchensteuer\": false\n}",
  ("de_steuer_id", uesc(st)))

az = azure_client_secret()
az_p = pct(az).replace("~", "%7E")
S("de", "log",
  "Im Debug-Log unserer Azure Function steht leider das hier:\n"
  "2026-11-25T07:33:09Z TRACE msal.http POST https://login.microsoftonline.com/3f1c2b7e-8a4d-4e0f-9b21-6d5e4c3b2a10/oauth2/v2.0/token\n"
  "  body: client_id=9b7e0c44-2d1f-4a8b-b3c6-7e5f1a2d9c80&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default&client_secret=" +
  az_p + "&grant_type=client_credentials",
  ("azure_key", az_p))

rk = stripe("rk_live_")
rks = split_at(rk, 64)
S("de", "chat",
  "Kannst du den Restricted Key in Vault packen? Hab ihn aus dem Dashboard kopiert, der Zeilenumbruch kommt vom Terminal:\n" +
  rks + "\nDanke dir!",
  ("stripe_key", rks))

ph, em = "+49 30 12345678", "datenschutz@praxis-dr-weber.de"
em_e = em.replace("@", "&#64;").replace(".", "&#46;")
S("de", "prose",
  "Impressum-Snippet aus dem CMS, die Entities sind gegen Spam-Bots gedacht:\n"
  "<p>Datenschutzbeauftragte: Dr. Anna Weber<br>Tel.: " + ent(ph) + "<br>E-Mail: " + em_e + "</p>",
  ("phone", ent(ph)), ("email", em_e))

ib, em = iban("AT"), "k.hofer@example.at"
inner = _json.dumps({"mandatsreferenz": "MREF-2026-00481", "kontoinhaber": "Katharina Hofer", "iban": ib, "email": em},
                    ensure_ascii=False)
S("de", "json", _json.dumps({"event": "sepa.mandate.created", "livemode": True, "data": inner}, ensure_ascii=False, indent=2),
  ("iban", ib), ("email", em))

db, vt, do = databricks(), vault(), do_token()
S("de", "config",
  "Warum findet Terraform die Tokens nicht? Meine `.env`:\n\n```bash\nDATABRICKS_HOST=https://adb-4417291234567.8.azuredatabricks.net\n"
  "DATABRICKS_TOKEN=" + db + "\nVAULT_ADDR=https://vault.intern.example.de:8200\nVAULT_TOKEN=" + vt +
  "\nDIGITALOCEAN_TOKEN=" + do + "\n```",
  ("cloud_token", db), ("cloud_token", vt), ("cloud_token", do))

pw = password_random(14)
hdr = b64("sap_rfc_user:" + pw)
S("de", "code",
  "import requests\n\n# Basic-Auth vorberechnet, damit das Passwort nicht im Klartext im Repo steht\n"
  "HEADERS = {\"Authorization\": \"Basic " + hdr + "\", \"sap-client\": \"100\"}\n"
  "r = requests.get(\"http://172.16.4.20:8000/sap/opu/odata/sap/API_BUSINESS_PARTNER\", headers=HEADERS, timeout=10)\n",
  ("password", hdr), ("ip_address", "172.16.4.20"))

bsn = nl_bsn()
S("de", "chat",
  "Unser neuer Kollege aus Utrecht hat seine BSN für die A1-Bescheinigung geschickt: " + dashed(bsn) +
  " - bitte ohne Bindestriche ins Formular übernehmen.",
  ("nl_bsn", dashed(bsn)))

cf, dni = it_cf(), es_dni()
S("de", "prose",
  "Personalakte Entsendung Q1: Giulia Romano, Codice Fiscale " + zw(cf, ZWNJ) + "; Javier Ortega, DNI " +
  spaced(dni) + ". Beide Nummern bitte vor der Meldung an die Krankenkasse prüfen.",
  ("it_codice_fiscale", zw(cf, ZWNJ)), ("es_dni", spaced(dni)))

ghp = github_pat()
S("de", "code",
  "#!/usr/bin/env bash\nset -euo pipefail\n# Token \"versteckt\", damit der Push-Schutz nicht anschlägt\n"
  "GH_TOKEN=$(echo \"" + hexs(ghp) + "\" | xxd -r -p)\nexport GH_TOKEN\n"
  "gh release create \"v$VERSION\" dist/*.tar.gz --notes-file CHANGELOG.md\n",
  ("github_token", hexs(ghp)))

pk = pem_rsa_traditional()
S("de", "json",
  "{\n  \"name\": \"sftp-export-lieferant\",\n  \"host\": \"sftp.lieferant-beispiel.de\",\n  \"user\": \"export\",\n"
  "  \"identity\": \"data:application/x-pem-file;base64," + b64(pk) + "\"\n}",
  ("private_key", b64(pk)))

nir = fr_nir()
S("de", "prose",
  "Für die Sozialversicherung der französischen Grenzgängerin benötigen wir die NIR. Laut Formular lautet sie " +
  zw(nir) + "; bitte mit der Carte Vitale abgleichen.",
  ("fr_nir", zw(nir)))

sq, bt = square(), braintree_token()
sq_e = uesc(sq[:4]) + sq[4:]
bt_e = bt.replace("$", "\\u0024")
S("de", "json",
  "{\n  \"zahlungsanbieter\": {\n    \"square\": {\"access_token\": \"" + sq_e + "\", \"location_id\": \"L8Z2K4QF1M0PX\"},\n"
  "    \"braintree\": {\"access_token\": \"" + bt_e + "\", \"merchant\": \"shop-nord\"}\n  }\n}",
  ("payment_token", sq_e), ("payment_token", bt_e))

# ---- DE hard negatives
S("de", "prose",
  "Sehr geehrte Damen und Herren,\nim Anhang finden Sie das Angebot der M&uuml;ller &amp; S&ouml;hne GmbH &ndash; "
  "Preis: 1.249,00&nbsp;&euro; zzgl. MwSt. &bdquo;Sonderkonditionen&ldquo; gelten bis 31.12.")
S("de", "log",
  "127.0.0.1 - - [25/Nov/2026:17:02:41 +0100] \"GET /suche?q=" + pct("Glühwein München Weihnachtsmarkt") +
  "&seite=1 HTTP/1.1\" 200 14220\n127.0.0.1 - - [25/Nov/2026:17:03:02 +0100] \"GET /suche?q=" +
  pct("Öffnungszeiten Rathaus Köln") + " HTTP/1.1\" 200 9031")
S("de", "json",
  "{\n  \"datei\": \"Rechnung_2026-11.pdf\",\n  \"inhalt_vorschau\": \"" +
  b64(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n") +
  "\",\n  \"groesse\": 48213\n}")
S("de", "chat",
  "B I T T E   N I C H T   A N T W O R T E N - das ist eine automatisch erzeugte Nachricht. "
  "W-I-C-H-T-I-G: Serverwartung am Samstag von 6 bis 8 Uhr.")
S("de", "code",
  "/* Corporate Design 2026 */\n:root { --cd-rot: #e30613; --cd-grau: #5a5a5a; --cd-hell: #f4f4f4; }\n"
  "/* Prüfsumme des Installers: SHA-256 " + rnd(HEX, 64) + " */\n")
S("de", "config",
  "apiVersion: v1\nkind: Secret\nmetadata:\n  name: portal-locale\ndata:\n  LOCALE: " + b64("de-DE") +
  "\n  TIMEZONE: " + b64("Europe/Berlin") + "\n  COOKIE_BANNER: " + b64("true") + "\n")
S("de", "json",
  "{\n  \"ort\": \"K\\u00f6ln\",\n  \"gruss\": \"Viele Gr\\u00fc\\u00dfe aus K\\u00f6ln\",\n"
  "  \"hinweis\": \"\\u201eBitte klingeln\\u201c\"\n}")
S("de", "prose",
  "Unser Lieblingswort im Team: Donau\u00addampf\u00adschiff\u00adfahrts\u00adgesellschaft "
  "(mit weichen Trennstrichen, damit es auf dem Handy umbricht) \U0001F3F3\ufe0f\u200d\U0001F308 und im HTML Bauern&shy;haus.")

# ====================================================================== JA
mn = jp_mynumber()
mnf = fw(mn[:4] + " " + mn[4:8] + " " + mn[8:])
S("ja", "chat",
  "年末調整の書類の件です。マイナンバーは" + mnf + "です。システムに半角で入れるとエラーになったので全角で送ります。",
  ("jp_mynumber", mnf))

ph, em = "090-3412-7788", "tanaka.yui@example.jp"
S("ja", "prose",
  "【お問い合わせ先】\n担当：田中\n電話：" + fw(ph) + "\nメール：" + fw(em) + "\n※受付時間 平日10時〜17時",
  ("phone", fw(ph)), ("email", fw(em)))

em, ph = "sato.k@example.co.jp", "03-5550-1234"
S("ja", "json",
  "{\n  \"" + uesc("氏名", NA) + "\": \"" + uesc("佐藤 健", NA) + "\",\n  \"mail\": \"" + uesc(em, "@.") +
  "\",\n  \"tel\": \"" + uesc(ph) + "\",\n  \"note\": \"" + uesc("午前中の連絡希望", NA) + "\"\n}",
  ("email", uesc(em, "@.")), ("phone", uesc(ph)))

mn = jp_mynumber()
S("ja", "log",
  "2026-11-25 10:15:32.118 INFO  [mynumber-api] GET /v1/kojin/check?bango=" + pct_all(mn) + "&shimei=" +
  pct("鈴木一郎") + " remote=10.0.12.7 status=200 took=41ms",
  ("jp_mynumber", pct_all(mn)), ("ip_address", "10.0.12.7"))

oa, pw = openai_svc(), password()
S("ja", "config",
  "本番の Secret です。base64 なので見られても大丈夫、という理解で合っていますか？\n\n"
  "apiVersion: v1\nkind: Secret\nmetadata:\n  name: chat-summary\ndata:\n  OPENAI_API_KEY: " + b64(oa) +
  "\n  PG_PASSWORD: " + b64(pw) + "\n",
  ("openai_key", b64(oa)), ("password", b64(pw)))

gq, rp = groq(), replicate()
S("ja", "code",
  "# 社内ツール：キーは難読化して埋め込み（暫定対応）\nimport base64, os\n\n"
  "GROQ_API_KEY = bytes.fromhex(\"" + hexs(gq) + "\").decode()\n"
  "REPLICATE_API_TOKEN = base64.b64decode(\"" + b64(rp) + "\").decode()\n"
  "os.environ.setdefault(\"GROQ_API_KEY\", GROQ_API_KEY)\n",
  ("ai_api_key", hexs(gq)), ("ai_api_key", b64(rp)))

ak, asec = aws_key_id("AKIA"), aws_secret()
as_s = split_at(asec, 14, 28)
S("ja", "chat",
  "ターミナルから貼ったら改行されちゃいました。\nアクセスキー: " + ak + "\nシークレット:\n" + as_s +
  "\nこれで S3 に繋がりますか？",
  ("aws_access_key", ak), ("aws_secret_key", as_s))

em = "recruit@sakura-soft.co.jp"
S("ja", "prose",
  "採用ページのHTMLです。スパム対策でメールアドレスを文字参照にしています：\n<a href=\"mailto:" + ent(em, hx=True) + "\">" +
  ent(em, hx=True) + "</a>",
  ("email", ent(em, hx=True)))

c = card("jcb")
inner = _json.dumps({"orderId": "ORD-20261125-0931", "card": {"number": c, "exp": "11/29", "holder": "HANAKO YAMADA"}})
S("ja", "json",
  "LINE ミニアプリから来たイベントです。raw の中身が文字列の JSON になっています：\n" +
  _json.dumps({"source": "line-mini-app", "raw": inner}, indent=2),
  ("card", c))

py, dk = pypi(), dockerhub()
S("ja", "config",
  "~/.pypirc の中身です。\n\n```ini\n[distutils]\nindex-servers = pypi\n\n[pypi]\nusername = __token__\npassword = " + py +
  "\n```\n\nDocker Hub は `docker login -u sakura-ci -p " + dk + "` でログインしています。",
  ("package_registry_token", py), ("package_registry_token", dk))

sp = slack_user()
spz = zw(sp, ZWSP, 4)
S("ja", "chat",
  "Slack のユーザートークン、ボットに消されるのでゼロ幅スペースを入れました：" + spz + "　コピペすれば使えるはず",
  ("slack_token", spz))

rpw = password_random(11) + "#"
url = "redis://default:" + pct(rpw) + "@cache-01.prod.internal:6379/0"
S("ja", "log",
  "2026-11-25T11:22:03+09:00 ERROR [worker] 接続に失敗しました url=" + url + " err=ECONNREFUSED retry=3/5",
  ("url_credentials", url))

ax = card("amex")
S("ja", "chat",
  "経費精算用のコーポレートカード番号です：" + spaced(ax) + "（有効期限は来月まで）",
  ("card", spaced(ax)))

dt = discord_token()
S("ja", "prose",
  "設定画面の「Bot トークン」欄に data URI の形で入っていました：data:text/plain;base64," + b64(dt) +
  "\nこれ本番のトークンですよね？ 念のためリセットしておきます。",
  ("discord_token", b64(dt)))

sa, _k = gcp_sa_json("sakura-analytics")
S("ja", "config",
  "GitHub Actions の Secrets に入れている値（GOOGLE_CREDENTIALS_B64）です。ワークフロー内でデコードして使っています。\n\n"
  "GOOGLE_CREDENTIALS_B64=" + b64(sa) + "\n",
  ("gcp_credentials", b64(sa)))

nt = notion()
S("ja", "code",
  "// Notion 連携（トークンはエスケープで埋め込み）\nconst NOTION_TOKEN = \"" + jsx(nt) + "\";\n"
  "const res = await fetch(\"https://api.notion.com/v1/databases/query\", {\n"
  "  method: \"POST\",\n  headers: { Authorization: `Bearer ${NOTION_TOKEN}`, \"Notion-Version\": \"2022-06-28\" },\n});\n",
  ("saas_token", jsx(nt)))

ip1, ip2 = fw("192.168.20.11"), fw("192.168.20.31")
S("ja", "table",
  "| ホスト名 | IPアドレス | 用途 |\n|---|---|---|\n| web-01 | " + ip1 + " | フロント |\n| db-01 | " + ip2 +
  " | 本番DB |\n| sample | 192.0.2.10 | 手順書の例（未使用） |",
  ("ip_address", ip1), ("ip_address", ip2))

ad, nr = aadhaar(), sg_nric()
S("ja", "prose",
  "海外出向者の本人確認書類について：インド籍 Rahul Sharma さんの Aadhaar 番号は " + dashed(ad) +
  "、シンガポール籍 Tan Wei Ling さんの NRIC は " + fw(nr) + " です。",
  ("in_aadhaar", dashed(ad)), ("sg_nric", fw(nr)))

# ---- JA hard negatives
S("ja", "prose",
  "本日の入荷情報：" + fw("iPhone 16 Pro") + "（２５６ＧＢ）、" + fw("NINTENDO SWITCH") + "、" + fw("PlayStation 5") +
  "　※お一人様１点限り")
S("ja", "log",
  "127.0.0.1 - - [25/Nov/2026:12:05:44 +0900] \"GET /search?q=" + pct("東京 ラーメン 深夜営業") +
  "&page=2 HTTP/1.1\" 200 16502\n127.0.0.1 - - [25/Nov/2026:12:06:01 +0900] \"GET /search?q=" +
  pct("京都 紅葉 見頃") + " HTTP/1.1\" 200 12240")
S("ja", "json",
  "{\n  \"type\": \"announcement\",\n  \"body\": \"" + uesc("いつもご利用ありがとうございます。年末年始の営業時間をお知らせします。", NA) +
  "\",\n  \"lang\": \"ja\"\n}")
S("ja", "code",
  "<!-- ロゴのプレースホルダ（1x1 透明 PNG） -->\n<img src=\"data:image/png;base64,"
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=\" alt=\"\">\n"
  "<script>const cursor = \"" + b64(_json.dumps({"page": 3, "per": 20})) + "\"; // {\"page\":3} をbase64にしただけ</script>")
S("ja", "chat",
  "ご 注 意 く だ さ い ！ 明日は全館停電です \U0001F9D1\u200d\U0001F4BB\U0001F64F セ・ー・ル は来週からに延期になりました")
S("ja", "config",
  "# テーマカラー\naccent: \"#e60033\"\nbase: \"#fafafa\"\n# 配布物の MD5: " + rnd(HEX, 32) + "\n# 対応コミット: " + rnd(HEX, 40) + "\n")
S("ja", "prose",
  "&lt;会社概要&gt; 株式会社サクラ&amp;ソフト&nbsp;&nbsp;法人番号：" + fw("7010401012345") +
  "&nbsp;&nbsp;〒100&#8209;0005 東京都千代田区丸の内1丁目")

assert len(OUT) == 100, len(OUT)
write_corpus(OUT, sys.argv[1])
