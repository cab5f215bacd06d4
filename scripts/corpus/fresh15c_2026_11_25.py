"""Fresh set 15c (2026-11-25): written by a helper who read only fakegen.py, never the rules
(en/ko/de/ja); scored once (docs/detection.md). Values are generated (fake): see fakegen.py.
Theme: disguised values, second batch (double encodings, hex, concatenation, QP / PEM-like
wrapping, separators, width mixes, look-alike letters and digits, zero-width characters,
numbers in words, markdown tables, HTML attributes, data: URIs) plus ~30 % hard negatives.
Usage: python3 fresh15c_2026_11_25.py OUT.jsonl
"""
import sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *  # noqa
from fakegen import R, rnd, rnd_mixed, ALNUM, HEX
import base64, hashlib, json, quopri, re, string, urllib.parse

seed(153)
OUT = []
S = sample_adder(OUT, "f15c")
# S(lang, kind, text, (type, value), (type, value), ...)

DIG = string.digits


# ---------------------------------------------------------------- disguise helpers
def T(tpl, /, **kw):
    """Fills <<name>> placeholders (avoids brace trouble in code-like templates)."""
    for k, v in kw.items():
        tpl = tpl.replace("<<" + k + ">>", v)
    assert not re.search(r"<<[a-z0-9_]+>>", tpl), tpl
    return tpl


def b64(s):
    return base64.b64encode(s.encode("utf-8")).decode()


def b64u_np(s):
    return base64.urlsafe_b64encode(s.encode("utf-8")).decode().rstrip("=")


def pct(s, safe=""):
    return urllib.parse.quote(s, safe=safe)


def hex_x(s):
    return "".join("\\x%02x" % b for b in s.encode())


def hex_0x(s, sep=", "):
    return sep.join("0x%02x" % b for b in s.encode())


def hex_0x_lines(s, per, indent):
    bs = s.encode()
    rows = [", ".join("0x%02x" % b for b in bs[i:i + per]) for i in range(0, len(bs), per)]
    return (",\n" + indent).join(rows)


def hex_sp(s, upper=True):
    f = "%02X" if upper else "%02x"
    return " ".join(f % b for b in s.encode())


def ent(s):
    return "".join("&#%d;" % ord(c) for c in s)


def wrap(s, w):
    return "\n".join(s[i:i + w] for i in range(0, len(s), w))


def groups(s, n):
    return [s[i:i + n] for i in range(0, len(s), n)]


def fw(s):
    return "".join(chr(ord(c) + 0xFEE0) if 0x21 <= ord(c) <= 0x7E else ("\u3000" if c == " " else c) for c in s)


def mixw(s, p=0.5):
    while True:
        out = "".join(fw(c) if (0x21 <= ord(c) <= 0x7E and R.random() < p) else c for c in s)
        if out != s and out != fw(s):
            return out


CYR = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "i": "і", "j": "ј", "s": "ѕ",
       "A": "А", "B": "В", "E": "Е", "K": "К", "M": "М", "H": "Н", "O": "О", "P": "Р", "C": "С", "T": "Т",
       "X": "Х", "S": "Ѕ"}
GRK = {"A": "Α", "B": "Β", "E": "Ε", "Z": "Ζ", "H": "Η", "I": "Ι", "K": "Κ", "M": "Μ", "N": "Ν", "O": "Ο",
       "P": "Ρ", "T": "Τ", "Y": "Υ", "X": "Χ", "o": "ο", "v": "ν"}


def homo(s, n, table=CYR, start=0):
    idx = [i for i, c in enumerate(s) if c in table and i >= start]
    pick = set(R.sample(idx, min(n, len(idx))))
    return "".join(table[c] if i in pick else c for i, c in enumerate(s))


ZW = ["\u200b", "\u200c", "\u200d", "\u2060"]


def zw(s, n):
    pos = sorted(R.sample(range(1, len(s)), n))
    out, last = [], 0
    for p in pos:
        out.append(s[last:p])
        out.append(R.choice(ZW))
        last = p
    out.append(s[last:])
    return "".join(out)


SCRIPTS = {"ar": "٠١٢٣٤٥٦٧٨٩", "fa": "۰۱۲۳۴۵۶۷۸۹", "dev": "०१२३४५६७८९", "fw": "０１２３４５６７８９"}


def digits_to(s, script):
    return "".join(SCRIPTS[script][int(c)] if c in DIG else c for c in s)


WORDS = {"en": "zero one two three four five six seven eight nine".split(),
         "de": "null eins zwei drei vier fünf sechs sieben acht neun".split(),
         "ko": "공 일 이 삼 사 오 육 칠 팔 구".split(),
         "ja": list("〇一二三四五六七八九")}


def words(d, lang, sep=" "):
    return sep.join(WORDS[lang][int(x)] for x in d)


def split_at(s, cuts):
    idx = [0] + list(cuts) + [len(s)]
    return [s[a:b] for a, b in zip(idx, idx[1:])]


def concat(s, cuts, q='"', op=" + "):
    """Returns (expression, label): label = smallest contiguous run holding all pieces."""
    expr = q + (q + op + q).join(split_at(s, cuts)) + q
    return expr, expr[len(q):-len(q)]


def arr(s, cuts, q='"', sep=", "):
    inner = (q + sep + q).join(split_at(s, cuts))
    return "[" + q + inner + q + "]", inner


def qp(s):
    return quopri.encodestring(s.encode("utf-8")).decode("ascii")


def find_soft(text, value, brk="=\n"):
    """The value as it stands in a QP body (soft line breaks may cut it anywhere)."""
    pat = "(?:" + re.escape(brk) + ")?"
    m = re.search(pat.join(re.escape(c) for c in value), text)
    assert m, value
    return m.group(0)


# ---------------------------------------------------------------- extra generators (documented formats)
def toss_sk():  # Toss Payments secret key: live_sk_ + 28 alnum
    return "live_sk_" + rnd_mixed(ALNUM, 28)


def braintree():  # Braintree access token
    return "access_token$production$" + rnd(string.ascii_lowercase + DIG, 16) + "$" + rnd(HEX, 32)


def openrouter():  # OpenRouter: sk-or-v1- + 64 hex
    return "sk-or-v1-" + rnd(HEX, 64)


def line_token():  # LINE Messaging API long-lived channel access token (172 chars, base64-ish)
    return rnd_mixed(ALNUM + "+/", 171) + "="


def phone_digits(n):
    return rnd("123456789", 1) + rnd(DIG, n - 1)


# ======================================================================== EN (18 positive, 7 negative)
em = "marcus.feld@lumenbank.io"
c = card("visa")
blob = b64(json.dumps({"customer": {"email": em, "card_number": fmt_card(c), "exp": "09/28"}}))
S("en", "log", T('2026-11-25T09:14:03.221Z INFO  webhook-relay[4121]: forwarding {"evt":"customer.updated",'
                 '"attempt":2,"payload_b64":"<<b>>"} -> relay-queue\n'
                 '2026-11-25T09:14:03.409Z INFO  webhook-relay[4121]: delivered in 188ms status=202\n', b=blob),
  ("email", blob), ("card", blob))

k = openai_proj()
expr, lab = concat(k, [8, 58, 112])
S("en", "code", T('''// TODO(lena): move to Secrets Manager before the demo; split up so the pre-commit scanner stops complaining
import OpenAI from "openai";

export const client = new OpenAI({
  apiKey: <<e>>,
  timeout: 30_000,
});
''', e=expr), ("openai_key", lab))

ssn = us_ssn("")
ssn_d = ".".join(ssn)
S("en", "chat", T("hey, the benefits portal keeps timing out on me. can you open a ticket for me? name's Dana Whitfield, "
                  "SSN <<s>> (sorry for the dots, the chat bot deletes my message when I paste it normally). best number "
                  "to reach me is (312) 806-4417 after 3pm", s=ssn_d),
  ("us_ssn", ssn_d), ("phone", "(312) 806-4417"))

ak, sk = aws_key_id(), aws_secret()
ak_u = "_".join(groups(ak, 4))
sk_x = hex_x(sk)
S("en", "config", T('''# ~/.aws/credentials on build-07 (legacy box, do not copy this pattern)
# someone "obfuscated" the keys so the repo scanner would not see them
[deploy-prod]
region = eu-west-1
aws_access_key_id = <<a>>   ; strip the underscores
aws_secret_access_key_hex = "<<s>>"
output = json
''', a=ak_u, s=sk_x), ("aws_access_key", ak_u), ("aws_secret_key", sk_x))

gh = github()
gh_arr, gh_lab = arr(gh, [7, 15, 23, 31])
S("en", "code", T('''import requests

# token split into chunks so it doesn't show up in `git grep ghp_`
_PARTS = <<a>>
TOKEN = "".join(_PARTS)


def open_issue(title, body):
    r = requests.post(
        "https://api.github.com/repos/orbitworks/infra/issues",
        headers={"Authorization": f"Bearer {TOKEN}", "Accept": "application/vnd.github+json"},
        json={"title": title, "body": body},
        timeout=10,
    )
    r.raise_for_status()
    return r.json()["number"]
''', a=gh_arr), ("github_token", gh_lab))

wh = slack_webhook()
body = T("Hi team,\n\nThe alerting channel moved. Please update the Alertmanager receiver to the new webhook "
         "(the old one was revoked on Friday): <<w>>\n\nPing me if anything bounces \u2014 I'm around until 6.\n\n"
         "\u2014 Tomasz\n", w=wh)
text = ("From: Tomasz Wilk <t.wilk@northwind-logistics.com>\nTo: sre-oncall@northwind-logistics.com\n"
        "Subject: new Slack webhook for alerts\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: quoted-printable\n\n" + qp(body))
S("en", "prose", text, ("slack_webhook", find_soft(text, wh)),
  ("email", "t.wilk@northwind-logistics.com"), ("email", "sre-oncall@northwind-logistics.com"))

rk = stripe("rk_live_")
pw = password()
url = "postgresql://orders_app:" + pct(pw) + "@db-orders.prod.internal:5432/orders"
u64 = b64(url)
S("en", "code", T('''<!-- checkout widget, rendered server-side -->
<div id="pay-widget"
     data-env="production"
     data-config="{&quot;stripeKey&quot;:&quot;<<k>>&quot;,&quot;currency&quot;:&quot;usd&quot;}">
</div>
<a class="debug-link" download="conn.txt" href="data:text/plain;base64,<<u>>">export connection string</a>
''', k=rk, u=u64), ("stripe_key", rk), ("url_credentials", u64))

pw = password()
em = "kwame.osei@kestrel-apps.com"
inner = json.dumps({"method": "POST", "url": "https://sso.kestrel-apps.com/api/login",
                    "body": json.dumps({"username": em, "password": pw})})
rec = {"ts": "2026-11-25T09:41:17Z", "agent": "ops-assistant", "tool": "http_request", "status": "error",
       "error": "401 Unauthorized", "args": inner}
S("en", "json", json.dumps(rec, indent=2), ("email", em), ("password", pw))

em, ph = "priya.nair@quillstone.co", "+44 7911 382604"
state = b64(pct("return_to=/billing/invoices&email=" + em + "&phone=" + ph))
pw = password()
basic = b64("svc-reporting:" + pw)
S("en", "log", T('''10.8.14.22 - - [25/Nov/2026:10:02:41 +0000] "GET /oauth/callback?state=<<s>> HTTP/1.1" 302 0 "-" "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6)"
10.8.14.22 - - [25/Nov/2026:10:02:42 +0000] "GET /billing/invoices HTTP/1.1" 200 18231 "-" "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6)"
10.8.3.5 - svc-reporting [25/Nov/2026:10:03:00 +0000] "POST /api/export HTTP/1.1" 401 57 "-" "python-requests/2.32.3" auth="Basic <<b>>"
''', s=state, b=basic), ("ip_address", "10.8.14.22"), ("ip_address", "10.8.3.5"),
  ("email", state), ("phone", state), ("password", basic))

ant = anthropic()
ant_h = ant[:3] + CYR["a"] + ant[4:13] + homo(ant[13:], 4)
S("en", "code", T('''from anthropic import Anthropic

# copied from the team wiki; the wiki swaps a few letters for look-alikes so bots can't scrape it
client = Anthropic(api_key="<<k>>")

msg = client.messages.create(
    model="claude-sonnet-4-5",
    max_tokens=512,
    messages=[{"role": "user", "content": "Summarise the incident timeline below."}],
)
print(msg.content[0].text)
''', k=ant_h), ("anthropic_key", ant_h))

j = jwt({"sub": "u_48213", "role": "admin", "iat": 1764000000, "exp": 1764003600})
jz = zw(j, 5)
S("en", "chat", T('jwt.io says "invalid signature" for this token I copied out of our Slack thread, but the API accepts it?? '
                  '<<j>>\nsigning secret should be the one from the staging vault. any idea what is going on?', j=jz),
  ("jwt", jz))

n1, n2 = uk_nino(), uk_nino()
n1f = " ".join([n1[:2], n1[2:4], n1[4:6], n1[6:8], n1[8]])
n2f = "-".join([n2[:2], n2[2:4], n2[4:6], n2[6:8], n2[8]])
g1, g2 = iban("GB"), iban("GB")
g1f = iban_spaced(g1)
S("en", "table", T('''Q4 contractor payouts, please check against the HMRC list before Friday:

| Contractor | NI number | Payout IBAN | Contact |
|---|---|---|---|
| Oliver Brennan | <<n1>> | <<g1>> | o.brennan@fernhollow.co.uk |
| Aisha Karim | <<n2>> | `<<g2>>` | aisha.k@fernhollow.co.uk |
''', n1=n1f, n2=n2f, g1=g1f, g2=g2), ("uk_nino", n1f), ("uk_nino", n2f), ("iban", g1f), ("iban", g2),
  ("email", "o.brennan@fernhollow.co.uk"), ("email", "aisha.k@fernhollow.co.uk"))

c = card("visa")
cw = words(c[:4], "en", " ") + ", " + " ".join([c[4:8], c[8:12], c[12:]])
phw = "plus one, six two eight, 204 7731"
S("en", "prose", T("Hi Sam, the booking form kept rejecting it, so here it is spelled out: card <<c>>, exp 04/29. "
                   "If the hotel needs to confirm, my mobile is <<p>>. Thanks for sorting this!", c=cw, p=phw),
  ("card", cw), ("phone", phw))

dw = discord_webhook()
dw64 = b64u_np(dw)
hk = base64.urlsafe_b64encode(bytes(R.getrandbits(8) for _ in range(32))).decode().rstrip("=")
S("en", "config", T('''# alertbot/values.yaml
alertbot:
  replicas: 2
  notifier:
    kind: discord
    # url-safe base64 (no padding) of the webhook URL; the chart decodes it at start-up
    webhookUrlB64: <<d>>
  hmacSigningKey: <<h>>
  logLevel: info
''', d=dw64, h=hk), ("discord_webhook", dw64), ("generic_secret", hk))

pk = pem("ed")
pw = password_random(16)
p64, k64 = b64(pw), b64(pk + "\n")
S("en", "config", T('''apiVersion: v1
kind: Secret
metadata:
  name: sftp-ingest
  namespace: data-pipeline
type: Opaque
data:
  username: <<u>>
  password: <<p>>
  id_ed25519: <<k>>
''', u=b64("ingest"), p=p64, k=k64), ("password", p64), ("private_key", k64))

gj, _gkey = gcp_sa_json("acme-analytics-prod")
g64 = b64(gj)
S("en", "config", T('''# .github/workflows/deploy.yml (excerpt)
env:
  GCP_PROJECT: acme-analytics-prod
  # base64 so the multi-line JSON survives the env var
  GOOGLE_CREDENTIALS_B64: "<<g>>"
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: echo "$GOOGLE_CREDENTIALS_B64" | base64 -d > /tmp/sa.json
''', g=g64), ("gcp_credentials", g64), ("private_key", g64), ("email", g64))

st = slack_bot()
sth = hex_sp(st, upper=False)
S("en", "log", T('''Nov 25 11:47:09 egress-proxy-2 dlp[2291]: WARN suspicious header value, dumping as hex src=172.31.18.9:51544 dst=52.14.200.77:443 host=slack.com
Nov 25 11:47:09 egress-proxy-2 dlp[2291]: hdr.authorization.bearer = <<h>>
Nov 25 11:47:09 egress-proxy-2 dlp[2291]: action=allow rule=none bytes=1289
''', h=sth), ("slack_token", sth), ("ip_address", "172.31.18.9"), ("ip_address", "52.14.200.77"))

tg = telegram()
tgh = hex_0x_lines(tg, 12, "    ")
S("en", "code", T('''/* notify.c: bot token kept as a byte array so it is not a plain string literal */
#include <stdint.h>

static const uint8_t BOT_TOKEN[] = {
    <<h>>
};

int notify_boot(void) {
    return tg_send(BOT_TOKEN, sizeof BOT_TOKEN, CHAT_ID, "device booted");
}
''', h=tgh), ("telegram_token", tgh))

# --- EN hard negatives
prefs = b64(json.dumps({"theme": "dark", "locale": "en-US", "beta": False, "sidebar": "collapsed"}))
S("en", "log", T('''2026-11-25 08:00:12,441 DEBUG [http-nio-8080-exec-7] c.a.web.PrefsFilter - cookie prefs=<<p>> decoded ok
2026-11-25 08:00:12,443 DEBUG [http-nio-8080-exec-7] c.a.web.PrefsFilter - remote=192.0.2.44 via 127.0.0.1 (synthetic health-check user)
2026-11-25 08:00:12,447 INFO  [http-nio-8080-exec-7] c.a.web.Dashboard - rendered in 31ms
''', p=prefs))

h = hashlib.sha256(b"release-artifact-v3.4.1.tar.gz").hexdigest()
S("en", "code", T('''# verify_release.py
import hashlib

PNG_MAGIC = b"\\x89\\x50\\x4e\\x47\\x0d\\x0a\\x1a\\x0a"
EXPECTED_SHA256 = bytes.fromhex("<<h>>")


def check(path):
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] != PNG_MAGIC, "got an image instead of a tarball"
    return hashlib.sha256(data).digest() == EXPECTED_SHA256
''', h=" ".join(groups(h, 2))))

S("en", "code", '''<footer class="site-footer">
  <img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==" width="1" height="1" alt="" aria-hidden="true">
  <p data-build="2026.11.25.3" title="&#169; 2026 Ferncrest Labs">&copy; 2026 Ferncrest Labs &middot; <a href="/privacy">Privacy</a></p>
</footer>
''')

S("en", "prose", "Quick reminder from IT: we will N E V E R ask for your password over chat or e-mail. If anyone does, "
                 "R-E-P-O-R-T it with the phish button. Also, laptops still on agent v4.2.17.3 need the update to "
                 "4.3.0.1 before Monday, and Node projects should pin 20.11.1.")

S("en", "code", '''// config.example.js: copy to config.js and fill in your own values
const BASE = "https://" + "api." + "example.com" + "/v1";
const OPENAI_KEY = "sk-" + "YOUR-KEY-HERE";
const banner = ["Wel", "come ", "back"].join("");
module.exports = { BASE, OPENAI_KEY, banner };
''')

S("en", "prose", "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n" + qp(
    "Hi there,\n\nOur November release is live \u2014 dark mode, faster exports, and a brand-new \u201cTimeline\u201d "
    "view that lets you scrub through every change your team made this quarter without leaving the dashboard.\n\n"
    "As always, thanks for reading!\nThe Ferncrest team\n"))

S("en", "table", '''| Team | Emoji | Open tickets | Release |
|---|---|---|---|
| Platform | \U0001F469\u200d\U0001F4BB | 14 | 2026.11.3 |
| Data | \U0001F9D1\u200d\U0001F52C | 7 | 2026.11.1 |
| Family app | \U0001F468\u200d\U0001F469\u200d\U0001F467 | 22 | 5.0.0-rc.2 |
''')

# ======================================================================== KO (17 positive, 8 negative)
rrn = kr_rrn()
rrn_fw = fw(rrn)
ph_k = "공일공-2384-5521"
S("ko", "chat", T("상담원님 안녕하세요. 본인 확인용으로 주민번호 보내드려요 <<r>> 입니다. (앱에서 반각으로 쓰면 자꾸 지워져서 "
                  "전각으로 썼어요) 처리되면 <<p>> 로 문자 주세요!", r=rrn_fw, p=ph_k),
  ("kr_rrn", rrn_fw), ("phone", ph_k))

rrn = kr_rrn()
em = "minjun.kim@hanbit-mall.co.kr"
blob = b64(json.dumps({"name": "김민준", "rrn": rrn, "email": em, "agree_marketing": True}, ensure_ascii=False))
S("ko", "log", T('''[2026-11-25 14:03:11.208] INFO  [member-api] c.h.m.SignupController : 가입 요청 수신 {"channel":"app","form":"<<b>>","ver":"3.12.0"}
[2026-11-25 14:03:11.231] INFO  [member-api] c.h.m.SignupService    : 본인인증 완료 → 회원 생성 OK (memberNo=88120431)
''', b=blob), ("kr_rrn", blob), ("email", blob))

ak, sk = aws_key_id(), aws_secret()
ak_e, ak_l = concat(ak, [4, 12])
sk_a, sk_l = arr(sk, [10, 20, 30], q="'")
S("ko", "code", T('''import boto3

# 임시: 배포 서버에서 환경변수를 못 읽어서 하드코딩함 — 머지 전에 반드시 삭제!!
# (스캐너에 안 걸리게 쪼개 둠)
ACCESS_KEY = <<a>>
SECRET_KEY = "".join(<<s>>)

s3 = boto3.client("s3", region_name="ap-northeast-2",
                  aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY)
s3.upload_file("report.xlsx", "hanbit-settlement", "2026/11/report.xlsx")
''', a=ak_e, s=sk_a), ("aws_access_key", ak_l), ("aws_secret_key", sk_l))

tk = toss_sk()
tk_s = " / ".join([tk[:8]] + groups(tk[8:], 7))
S("ko", "chat", T("토스페이먼츠 결제 승인 API 호출하면 계속 401 UNAUTHORIZED_KEY 떠요 ㅠㅠ 시크릿 키는 <<k>> 이거고요 "
                  "(그냥 붙여넣으면 메신저가 가려버려서 슬래시로 끊었어요). Basic 인증 헤더에 키 뒤에 콜론 붙이는 거 맞죠?", k=tk_s),
  ("payment_token", tk_s))

p1 = mixw("010-" + rnd(DIG, 4) + "-" + rnd(DIG, 4))
p2 = mixw("010-" + rnd(DIG, 4) + "-" + rnd(DIG, 4))
r1, r2 = mixw(kr_rrn()), mixw(kr_rrn())
S("ko", "table", T('''연말정산 대상자 명단 (엑셀에서 복사해서 전각/반각이 섞여 있음)

| 이름 | 부서 | 주민등록번호 | 휴대폰 | 이메일 |
|---|---|---|---|---|
| 이서연 | 재무팀 | <<r1>> | <<p1>> | seoyeon.lee@daon-tech.kr |
| 박지훈 | 물류팀 | <<r2>> | <<p2>> | jh.park@daon-tech.kr |
''', r1=r1, r2=r2, p1=p1, p2=p2), ("kr_rrn", r1), ("kr_rrn", r2), ("phone", p1), ("phone", p2),
  ("email", "seoyeon.lee@daon-tech.kr"), ("email", "jh.park@daon-tech.kr"))

pw = password()
em = "hyejin.choi@naver.com"
inner = json.dumps({"id": em, "pw": pw, "keep_login": True})
mid = json.dumps({"tool": "browser.fill_form", "arguments": inner}, ensure_ascii=False)
rec = {"role": "assistant", "turn": 7, "content": "네이버 로그인 폼을 채우는 중입니다.", "tool_call": mid}
S("ko", "json", json.dumps(rec, ensure_ascii=False, indent=2), ("email", em), ("password", pw))

c = card("mc")
cw = words(c[:4], "ko", "") + " " + " ".join([c[4:8], c[8:12], c[12:]])
S("ko", "prose", T("전화로 불러드린 카드번호 다시 적어드릴게요. <<c>>, 유효기간은 칠월 이십팔년이고 뒷자리 세 개는 "
                   "통화할 때 말씀드릴게요. 결제 끝나면 영수증은 카톡으로 부탁드려요.", c=cw), ("card", cw))

gp = github_pat()
gph = homo(gp, 5, GRK)
S("ko", "code", T('''// scripts/sync-labels.ts
// 토큰에 그리스 문자 몇 개 섞어둠 → 쓸 때 치환해서 사용 (보안팀 스캐너 회피용… 따라하지 마세요)
import { Octokit } from "@octokit/rest";
import { GREEK_TO_LATIN } from "./lookalikes";

const RAW = "<<t>>";
const token = [...RAW].map((c) => GREEK_TO_LATIN[c] ?? c).join("");

export const octokit = new Octokit({ auth: token });
''', t=gph), ("github_token", gph))

hft = hf()
hfx = hex_x(hft)
S("ko", "log", T('''2026-11-25 16:20:44,017 [worker-3] DEBUG hub_client: request headers = {'user-agent': 'huggingface_hub/0.26.2; python/3.11.7', 'authorization': b'Bearer <<h>>'}
2026-11-25 16:20:44,392 [worker-3] WARNING hub_client: 모델 다운로드 실패 (401) — 토큰 만료 여부 확인 필요
''', h=hfx), ("huggingface_token", hfx))

gl = gitlab()
glz = zw(gl, 4)
dk = dockerhub()
dkd = dk[:9] + ".".join(groups(dk[9:], 5))
S("ko", "config", T('''# .gitlab-ci.yml
# 위키에서 복붙한 값이라 보이지 않는 문자가 섞여 있을 수 있음 (빌드가 가끔 401 나는 원인?)
variables:
  GL_API_TOKEN: "<<g>>"
  # 도커허브 토큰은 점으로 끊어서 저장, 잡에서 tr -d '.' 로 복원
  DOCKERHUB_TOKEN_DOTTED: "<<d>>"

release:
  stage: deploy
  script:
    - echo "$DOCKERHUB_TOKEN_DOTTED" | tr -d '.' | docker login -u daontech --password-stdin
    - curl --header "PRIVATE-TOKEN: $GL_API_TOKEN" "$CI_API_V4_URL/projects/$CI_PROJECT_ID/releases"
''', g=glz, d=dkd), ("gitlab_token", glz), ("package_registry_token", dkd))

gk = google_key()
gke = ent(gk)
S("ko", "code", T('''<!-- 매장 찾기 페이지: 키를 HTML 엔티티로 바꿔두면 크롤러가 못 읽는다고 해서… -->
<div id="store-map" class="map-wrap"
     data-provider="google"
     data-api-key="<<e>>"
     data-center="37.5665,126.9780" data-zoom="13">
  가까운 매장을 불러오는 중입니다…
</div>
''', e=gke), ("google_api_key", gke))

ib = iban("DE")
body = T("안녕하세요, 다온테크 재무팀 정하은입니다.\n\n독일 협력사(Kessler Feinmechanik GmbH) 11월분 대금 송금 부탁드립니다.\n"
         "수취 은행은 Sparkasse Nürnberg 이고 수취 계좌 IBAN <<i>> 로 보내주시면 됩니다.\n금액: EUR 18,400.00\n\n"
         "송금 완료 후 전신환 영수증 회신 부탁드립니다.\n감사합니다.\n", i=ib)
text = ("From: =?UTF-8?B?" + b64("정하은") + "?= <haeun.jung@daon-tech.kr>\nTo: remit@hanbitbank-corp.co.kr\n"
        "Subject: =?UTF-8?B?" + b64("[송금요청] 11월 해외 대금") + "?=\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n\n" + qp(body))
S("ko", "prose", text, ("iban", find_soft(text, ib)), ("email", "haeun.jung@daon-tech.kr"),
  ("email", "remit@hanbitbank-corp.co.kr"))

tg = telegram()
tg64 = b64u_np(tg)
S("ko", "config", T('''# 알림봇 .env (운영)
NODE_ENV=production
ALERT_CHAT_ID=-1002214589930
# 토큰은 base64url(패딩 없음)로 넣어야 함 — 앱에서 Buffer.from(x, "base64url")
TELEGRAM_BOT_TOKEN_B64URL=<<t>>
ALERT_LEVEL=warn
''', t=tg64), ("telegram_token", tg64))

pw = password_random(14)
url = "mysql://shop_rw:" + pct(pw) + "@shop-db.cluster-c9x2k1.ap-northeast-2.rds.amazonaws.com:3306/shop"
d64 = b64("DATABASE_URL=" + url + "\nPOOL_SIZE=10\n")
S("ko", "code", T('''// 테스트용 설정 로더: 파일 대신 data: URI로 .env 내용을 통째로 넣어둠 (나중에 정리)
const ENV_URI = "data:text/plain;charset=utf-8;base64,<<d>>";

export async function loadEnv() {
  const res = await fetch(ENV_URI);
  const text = await res.text();
  return Object.fromEntries(text.trim().split("\\n").map((l) => l.split("=")));
}
''', d=d64), ("url_credentials", d64))

ph = "010-" + rnd(DIG, 4) + "-" + rnd(DIG, 4)
em = "sujin.yoon@gmail.com"
q = urllib.parse.urlencode({"name": "윤수진", "phone": ph, "email": em, "memo": "배송 전 연락 부탁드립니다"})
bq = b64(q)
S("ko", "log", T('''2026-11-25T05:41:27Z  INFO  order-gw  POST /v2/orders  trace=7f3c2a91  body_b64=<<b>>  len=<<n>>
2026-11-25T05:41:27Z  INFO  order-gw  주문 생성 완료 orderNo=20261125-004812 (결제대기)
''', b=bq, n=str(len(q))), ("phone", bq), ("email", bq))

j = jwt({"sub": "member:88120431", "scope": "order:read order:write", "iat": 1764046800, "exp": 1764133200})
j_a, j_l = arr(j, [30, 70, 110])
S("ko", "json", T('''{
  "session": {
    "device": "iPhone15,2",
    "token_parts": <<a>>,
    "join": "",
    "note": "키체인 항목 길이 제한 때문에 네 조각으로 저장"
  }
}''', a=j_a), ("jwt", j_l))

dt = discord_token()
dts = " / ".join(dt.split("."))
S("ko", "chat", T("디스코드 봇이 갑자기 로그인을 못 해요. 토큰 재발급 안 하고 예전 거 그대로인데 <<t>> (점을 슬래시로 바꿔서 "
                  "올려요, 그대로 올리면 서버에서 자동 삭제돼서요) 이거 혹시 만료된 건가요? 에러는 401: Unauthorized 나옵니다.", t=dts),
  ("discord_token", dts))

# --- KO hard negatives
cur = b64(json.dumps({"page": 3, "sort": "created_at:desc", "size": 50}))
S("ko", "log", T('''[2026-11-25 09:12:40.118] DEBUG [board-api] 목록 조회 cursor=<<c>> hit=true
[2026-11-25 09:12:40.120] DEBUG [board-api] 캐시 응답 반환 (127.0.0.1:6379, 3ms)
''', c=cur))

S("ko", "prose", "이번 주 기획전: ＧＡＬＡＸＹ　Ｓ２５　Ｕｌｔｒａ 자급제 모델(SM-S938N)과 ＡｉｒＰｏｄｓ　Ｐｒｏ　２ 를 묶어서 "
                 "구매하시면 ５０，０００원 추가 할인! 행사 기간은 １１／２５～１２／０１ 입니다.")

S("ko", "chat", "공지: 비밀번호는 절 대 로 메신저나 메일로 공유하지 마세요!! 새 정책상 P A S S W O R D 는 최소 12자, "
                "90일마다 변경입니다. 숫자만 연속으로 쓰는 건 안 되고요, 궁금한 점은 보 안 팀 채널에 남겨 주세요.")

S("ko", "code", '''# 업로드 파일 시그니처 검사
SIGNATURES = {
    "png": bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
    "jpg": bytes([0xFF, 0xD8, 0xFF]),
    "pdf": b"\\x25\\x50\\x44\\x46\\x2d",
}


def detect(head: bytes) -> str | None:
    """앞 8바이트로 확장자 추정 (못 맞히면 None)"""
    for ext, sig in SIGNATURES.items():
        if head.startswith(sig):
            return ext
    return None
''')

S("ko", "config", '''# 인증서 정책 설정 (사내 PKI)
signature_algorithm_oid = 1.2.840.113549.1.1.11
policy_oid = 2.5.29.32.0
min_client_version = 10.0.19045.3803
agent_version = 7.4.12.2
listen = 0.0.0.0:8443
healthcheck = http://127.0.0.1:8443/health
netmask = 255.255.255.0
''')

S("ko", "table", '''| 주문번호 | 상품 | 수량 | 금액 |
|---|---|---|---|
| ２０２６１１２５－０００４８１ | 무선 키보드 | ２ | ７８，０００원 |
| ２０２６１１２５－０００４８２ | ＵＳＢ－Ｃ 허브 | １ | ３２，５００원 |
''')

S("ko", "code", '''// README 예제 코드
const endpoint = "https://" + "api.example.com" + "/v1/chat";
const apiKey = process.env.OPENAI_API_KEY ?? "sk-" + "여기에-키를-넣으세요";
const greeting = ["안녕", "하세요"].join("");
''')

S("ko", "chat", "가족 단톡방 프로필 이모지 \U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466 로 바꿨어요 ㅋㅋ 근데 "
                "안드로이드 구버전에서는 \U0001F468 \U0001F469 \U0001F467 \U0001F466 이렇게 따로따로 보인대요. "
                "제로폭 결합자(ZWJ) 지원 안 하는 폰인가 봐요 \U0001F3F3\ufe0f\u200d\U0001F308")

# ======================================================================== DE (18 positive, 7 negative)
st = de_steuer_id()
stw = words(st[:2], "de", "-") + " " + " ".join([st[2:5], st[5:8], st[8:]])
S("de", "prose", T("Sehr geehrte Frau Becker,\n\nanbei wie besprochen meine steuerliche Identifikationsnummer für die "
                   "Lohnabrechnung: <<s>>. Die ersten beiden Ziffern habe ich ausgeschrieben, weil Ihr Kontaktformular "
                   "die Nummer sonst jedes Mal als „ungültige Eingabe“ ablehnt.\n\nMit freundlichen Grüßen\nJonas Hartmann",
                   s=stw), ("de_steuer_id", stw))

i1, i2 = iban("DE"), iban("AT")
i1d = ".".join(groups(i1, 4))
i2u = "_".join(groups(i2, 4))
s1, s2 = de_steuer_id(), de_steuer_id()
s1s = "/".join([s1[:2], s1[2:5], s1[5:8], s1[8:]])
s2s = " / ".join(groups(s2, 3))
S("de", "table", T('''Auszahlungsliste Dezember (bitte nicht weiterleiten):

| Name | IBAN | Steuer-ID | E-Mail |
|------|------|-----------|--------|
| Lena Vogt | <<i1>> | <<s1>> | lena.vogt@brandt-moebel.de |
| Mehmet Aydın | <<i2>> | <<s2>> | m.aydin@brandt-moebel.de |
''', i1=i1d, i2=i2u, s1=s1s, s2=s2s), ("iban", i1d), ("iban", i2u), ("de_steuer_id", s1s), ("de_steuer_id", s2s),
  ("email", "lena.vogt@brandt-moebel.de"), ("email", "m.aydin@brandt-moebel.de"))

ib = iban("DE")
em = "f.schubert@posteo.de"
blob = b64(json.dumps({"mandate": {"iban": ib, "holder": "Felix Schubert", "email": em, "type": "CORE"}}))
S("de", "log", T('''2026-11-25 07:58:02.114 INFO  [sepa-worker-1] d.z.sepa.MandateListener - Neues Lastschriftmandat empfangen: {"id":"MD-2026-118842","src":"checkout","data":"<<b>>"}
2026-11-25 07:58:02.190 INFO  [sepa-worker-1] d.z.sepa.MandateListener - Mandat MD-2026-118842 gespeichert, Status=AKTIV
''', b=blob), ("iban", blob), ("email", blob))

sk = stripe("sk_live_")
sk_e, sk_l = concat(sk, [8, 40, 75])
bt = braintree()
bt_a, bt_l = arr(bt, [24, 40, 41])
S("de", "code", T('''// zahlung/provider.js – Fallback auf Braintree, falls Stripe ausfällt
// Schlüssel zerlegt, damit der Secret-Scanner im CI nicht anschlägt (TODO: in den Vault!)
const STRIPE_SECRET = <<s>>;
const BRAINTREE_TOKEN = <<b>>.join("");

export function provider(name) {
  return name === "stripe"
    ? new Stripe(STRIPE_SECRET)
    : braintree.connect({ accessToken: BRAINTREE_TOKEN });
}
''', s=sk_e, b=bt_a), ("stripe_key", sk_l), ("payment_token", bt_l))

azk = azure_storage_key()
azh = hex_sp(azk, upper=False)
S("de", "config", T('''# appsettings.Production.ini – Blob-Speicher für Rechnungs-PDFs
[storage]
account_name = rechnungsarchivprod
container = pdf-2026
; AccountKey als Hex mit Leerzeichen, wird beim Start per bytes.fromhex() zurückgewandelt
account_key_hex = <<k>>
endpoint_suffix = core.windows.net
''', k=azh), ("azure_key", azh))

cs = azure_client_secret()
inner = json.dumps({"tenantId": "3f9c1e27-8a4d-4b6e-9c02-71d5e8a4b913",
                    "clientId": "a7e2d9c4-51f0-4e8b-b3d6-0c9f2e7a1845", "clientSecret": cs})
mid = json.dumps({"name": "AZURE_CREDENTIALS", "value": inner})
rec = {"pipeline": "infra-deploy", "stage": "terraform-apply", "variables": [mid],
       "kommentar": "Variablen-Export aus der alten Pipeline, bitte prüfen"}
S("de", "json", json.dumps(rec, ensure_ascii=False, indent=2), ("azure_key", cs))

ph = "+49 157 " + phone_digits(4) + " " + rnd(DIG, 4)
phz = zw(ph, 4)
em_o = "max.richter [at] kanzlei-richter (punkt) de"
S("de", "chat", T("Hi, kurze Info für den Rückruf: Handy <<p>>, oder per Mail an <<e>> – bitte nicht über das "
                  "Ticketsystem, da landet alles im großen Verteiler.", p=phz, e=em_o), ("phone", phz), ("email", em_o))

sg = sendgrid()
sgh = CYR["S"] + "G." + homo(sg[3:], 4)
S("de", "code", T('''# mailer/settings.py – Newsletter-Versand
# Achtung: Schlüssel enthält kyrillische Buchstaben (aus einem PDF kopiert), send() „repariert“ das per Tabelle
SENDGRID_API_KEY = "<<k>>"
DEFAULT_FROM = "newsletter@alpenblick-reisen.de"
BATCH_SIZE = 500
''', k=sgh), ("saas_token", sgh), ("email", "newsletter@alpenblick-reisen.de"))

pt = pypi()
ptw = wrap(pt, 64)
S("de", "config", T('''# deploy/secrets.txt – vom alten Jenkins übernommen
# PyPI-Upload-Token, auf 64 Zeichen umbrochen (Zeilenumbrüche vor Gebrauch entfernen)
-----BEGIN PYPI UPLOAD TOKEN-----
<<b>>
-----END PYPI UPLOAD TOKEN-----
twine_repository = pypi
twine_username = __token__
''', b=ptw), ("package_registry_token", ptw))

dbt = databricks()
dbx = hex_x(dbt)
S("de", "log", T('''2026-11-25 12:31:07,554 WARNING  etl.runner: Konfiguration geladen, token=b'<<x>>' host=adb-7712094451823306.6.azuredatabricks.net
2026-11-25 12:31:08,902 ERROR    etl.runner: Job 'umsatz_taeglich' fehlgeschlagen: 403 Forbidden (Token abgelaufen?)
''', x=dbx), ("cloud_token", dbx))

ib = iban("DE")
ibn = "&nbsp;".join(groups(ib, 4))
st = de_steuer_id()
stf = fw(st)
S("de", "code", T('''<form action="/lohn/stammdaten" method="post">
  <label for="iban">IBAN</label>
  <input id="iban" name="iban" type="text" value="<<i>>" readonly>
  <input type="hidden" name="steuer_id" data-raw="<<s>>" value="">
  <button type="submit">Speichern</button>
</form>
''', i=ibn, s=stf), ("iban", ibn), ("de_steuer_id", stf))

ph = "+49 176 " + phone_digits(8)
pha = digits_to(ph, "ar")
S("de", "prose", T("Notiz aus der Telefonzentrale (Fr. Yilmaz): Herr Haddad bittet um Rückruf wegen der "
                   "Nebenkostenabrechnung. Er hat seine Nummer per SMS geschickt, auf seinem Handy erscheinen die Ziffern "
                   "arabisch: <<p>>. Am besten nach 17 Uhr anrufen.", p=pha), ("phone", pha))

mg = mailgun()
mgh = hex_0x_lines(mg, 12, "    ")
S("de", "code", T('''// Versand der Terminbestätigungen (Praxis-Software, Plugin „Erinnerung“)
// Mailgun-Key als Byte-Array, damit er nicht im Klartext im Jar steht
private static final byte[] MG_KEY = {
    <<k>>
};
private static final String DOMAIN = "mg.praxis-dr-weber.de";
''', k=mgh), ("saas_token", mgh))

vt = vault()
vt64 = b64u_np(vt)
S("de", "config", T('''# docker-compose.override.yml (lokal)
services:
  api:
    environment:
      VAULT_ADDR: "https://vault.intern.stadtwerke-nord.de:8200"
      # base64url ohne Padding, entrypoint.sh dekodiert
      VAULT_TOKEN_B64: "<<t>>"
      SPRING_PROFILES_ACTIVE: "dev"
''', t=vt64), ("cloud_token", vt64))

dni, bsn = es_dni(), nl_bsn()
csv = ("name;land;ausweisnummer;email\nLucía Romero;ES;" + dni + ";lucia.romero@telefonica.net\n"
       "Daan de Vries;NL;" + bsn + ";daan.devries@ziggo.nl\n")
d = b64(csv)
rec = {"report": "Reisekosten Q4", "anhang": {"dateiname": "teilnehmer.csv", "uri": "data:text/csv;base64," + d},
       "erstellt_von": "hr-export"}
S("de", "json", json.dumps(rec, ensure_ascii=False, indent=2), ("es_dni", d), ("nl_bsn", d), ("email", d))

pw = rnd_mixed(ALNUM, 18)
enc = b64(pct("rediss://default:" + pw + "@cache-01.intern.hausbank-sued.de:6380/0"))
S("de", "log", T('''Nov 25 13:05:44 app-03 session-svc[1187]: INFO Verbinde mit Cache, cfg=<<e>> (base64(urlencode(url)))
Nov 25 13:05:44 app-03 session-svc[1187]: ERROR WRONGPASS invalid username-password pair or user is disabled
''', e=enc), ("url_credentials", enc))

while True:
    pw = password()
    if "." not in pw:
        break
pwd = ".".join(pw)
S("de", "chat", T("Moin! Der neue Admin-Zugang für das NAS im Büro: Benutzer „verwaltung“, Passwort <<p>> (ohne die Punkte, "
                  "sonst zensiert Teams das wieder). Erreichbar intern unter 10.12.0.57, Weboberfläche auf Port 5001.", p=pwd),
  ("password", pwd), ("ip_address", "10.12.0.57"))

pk = pem("ec")
lines = pk.split("\n")
pk_a = "[\n" + ",\n".join('    "' + ln + '"' for ln in lines) + ",\n]"
pk_l = '",\n    "'.join(lines)
S("de", "code", T('''# signer.py – Belegsignatur für die Kasse (Testbetrieb)
from cryptography.hazmat.primitives import serialization

_KEY_LINES = <<a>>
PRIVATE_KEY = serialization.load_pem_private_key("\\n".join(_KEY_LINES).encode(), password=None)
''', a=pk_a), ("private_key", pk_l))

# --- DE hard negatives
S("de", "code", '''/* Prüfsummen der Firmware-Images (SHA-1, nur Integritätsprüfung, kein Geheimnis) */
static const uint8_t FW_V2_SHA1[20] = {
    0x2f, 0xd4, 0xe1, 0xc6, 0x7a, 0x2d, 0x28, 0xfc, 0xed, 0x84,
    0x9e, 0xe1, 0xbb, 0x76, 0xe7, 0x39, 0x1b, 0x93, 0xeb, 0x12
};
#define BOOT_MAGIC 0xDEADBEEF
''')

S("de", "code", '''<!-- Tracking-Pixel entfernt, Platzhalter bleibt für das Layout -->
<td class="spacer"><img src="data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==" width="1" height="24" alt=""></td>
<td class="preis" data-waehrung="EUR" data-betrag="1299.00">1.299,00&nbsp;&euro;</td>
''')

S("de", "prose", "W I C H T I G: Ab Montag gilt die neue Reisekostenrichtlinie. Bitte reicht Belege N U R noch über das "
                 "Portal ein. Die App muss mindestens auf Version 3.11.4.2 (Android) bzw. 3.11.4 (iOS) sein; ältere "
                 "Builds wie 3.9.0.17 werden ab dem 1.12. abgelehnt.")

S("de", "prose", "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n" + qp(
    "Liebe Kundinnen und Kunden,\n\nunser Weihnachtsmarkt-Special ist da: Glühwein-Gewürze, Lebkuchen und "
    "handgemachte Krippenfiguren aus dem Erzgebirge – jetzt für kurze Zeit mit 15 % Rabatt. Die Aktion läuft bis "
    "zum 24. Dezember, solange der Vorrat reicht.\n\nHerzliche Grüße aus Görlitz\nIhr Team vom Lausitzer Laden\n"))

inner = json.dumps({"retries": 3, "timeout": "30s", "backoff": "exponential", "user_agent": "katalog-sync/2.4.1"})
mid = json.dumps({"name": "HTTP_CLIENT_CONFIG", "value": inner})
S("de", "json", json.dumps({"pipeline": "katalog-sync", "variables": [mid],
                            "kommentar": "Standardwerte, nichts Geheimes"}, ensure_ascii=False, indent=2))

S("de", "prose", "Messprotokoll Wärmedämmung, Prüfstand B: ΔT = 12 K, λ = 0,035 W/(m·K), Rohdichte ρ = 30 kg/m³. "
                 "Die Platten vom Typ ΑΛΦΑ-035 (Herstellerbezeichnung in griechischen Versalien) liegen mit "
                 "λ = 0,032 W/(m·K) knapp darunter; Prüfnorm DIN EN 12667, Messunsicherheit ±2 %.")

cur = b64u_np(json.dumps({"o": 200}))
S("de", "code", T('''# paginierung.py
import base64
import json


def cursor(offset):
    return base64.urlsafe_b64encode(json.dumps({"o": offset}).encode()).rstrip(b"=")


# Beispiel: cursor(200) == b"<<c>>"
BASIS_URL = "https://" + "katalog." + "example.org" + "/api/v2"
''', c=cur))

# ======================================================================== JA (17 positive, 8 negative)
mn = jp_mynumber()
mnf = fw(" ".join(groups(mn, 4)))
S("ja", "chat", T("総務の佐藤です。年末調整の書類、マイナンバーの欄だけ空欄でした。念のためこちらに送ってもらえますか？\n"
                  "→ 了解です、<<m>> です。スマホだと全角になっちゃいますがすみません\U0001F64F", m=mnf), ("jp_mynumber", mnf))

ph = "090-" + rnd(DIG, 4) + "-" + rnd(DIG, 4)
phk = words(ph[:3], "ja", "") + ph[3:]
S("ja", "prose", T("【引継ぎメモ】\n株式会社みなと設計の担当者が変わりました。新しい担当は高橋さんで、携帯は<<p>>"
                   "（先方のメール署名のまま、頭だけ漢数字）です。平日10時〜18時なら繋がるそうです。", p=phk), ("phone", phk))

m1, m2 = jp_mynumber(), jp_mynumber()
m1m = mixw(m1)
m2f = "-".join(groups(m2, 4))
S("ja", "table", T('''扶養控除申告書の回収状況（社外秘）

| 氏名 | 所属 | マイナンバー | メール |
|---|---|---|---|
| 山本 葵 | 経理部 | <<m1>> | aoi.yamamoto@sakura-koubou.co.jp |
| 中村 蓮 | 営業部 | <<m2>> | ren.nakamura@sakura-koubou.co.jp |
''', m1=m1m, m2=m2f), ("jp_mynumber", m1m), ("jp_mynumber", m2f),
  ("email", "aoi.yamamoto@sakura-koubou.co.jp"), ("email", "ren.nakamura@sakura-koubou.co.jp"))

c = card("jcb")
em = "kenta.ito@yahoo.co.jp"
blob = b64(json.dumps({"card": {"number": c, "exp": "11/29", "holder": "KENTA ITO"}, "email": em}))
S("ja", "log", T('''2026-11-25 18:22:05.731 JST [payment-gw] WARN  リトライ対象のリクエストを保存しました {"req_id":"c1a9-44e0","body":"<<b>>","retry":1}
2026-11-25 18:22:07.012 JST [payment-gw] INFO  オーソリ成功 (auth_code=081774)
''', b=blob), ("card", blob), ("email", blob))

gq = groq()
gq_e, gq_l = concat(gq, [4, 30])
orr = openrouter()
or_a, or_l = arr(orr, [9, 41])
S("ja", "code", T('''# llm_router.py — 社内PoC用。キーはとりあえず分割して直書き（あとで消す）
from openai import OpenAI

GROQ_KEY = <<g>>
OPENROUTER_KEY = "".join(<<o>>)

groq = OpenAI(base_url="https://api.groq.com/openai/v1", api_key=GROQ_KEY)
router = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=OPENROUTER_KEY)
''', g=gq_e, o=or_a), ("ai_api_key", gq_l), ("ai_api_key", or_l))

sb = slack_bot()
sb64 = b64u_np(sb)
S("ja", "config", T('''# slack-notifier/config.toml
[slack]
channel = "#deploy-通知"
# base64url（パディングなし）で保存。起動時にデコードする
bot_token_b64url = "<<t>>"
mention_on_failure = true
''', t=sb64), ("slack_token", sb64))

lt = line_token()
inner = json.dumps({"channelAccessToken": lt, "channelId": "2006612345"})
mid = json.dumps({"key": "LINE_BOT_CONFIG", "value": inner})
rec = {"export": "環境変数バックアップ", "created": "2026-11-25T09:00:00+09:00", "entries": [mid]}
S("ja", "json", json.dumps(rec, ensure_ascii=False, indent=2), ("saas_token", lt))

dw = discord_webhook()
dwp = pct(dw)
S("ja", "code", T('''<!-- 問い合わせフォーム：送信時に Discord へ通知 -->
<form id="contact" action="/api/contact" method="post" data-notify="<<d>>">
  <input name="name" placeholder="お名前">
  <textarea name="body" placeholder="お問い合わせ内容"></textarea>
  <button>送信</button>
</form>
''', d=dwp), ("discord_webhook", dwp))

ad = aadhaar()
adv = digits_to(" ".join(groups(ad, 4)), "dev")
em = "arjun.mehta@sakura-koubou.co.jp"
S("ja", "prose", T("来月からバンガロール拠点のアルジュン・メータさんが本社に出向します。ビザ申請に必要なので、本人から届いた"
                   "アーダール番号を共有します（原本のスクショがデーヴァナーガリー数字だったのでそのまま）：<<a>>。"
                   "連絡先は <<e>> です。", a=adv, e=em), ("in_aadhaar", adv), ("email", em))

nt = npm()
nth = "n" + CYR["p"] + "m_" + homo(nt[4:], 3)
S("ja", "config", T('''; .npmrc（社内テンプレートから複製）
registry=https://registry.npmjs.org/
//registry.npmjs.org/:_authToken=<<t>>
always-auth=true
; ※ トークンはチャットからコピーしたため一部キリル文字に化けている可能性あり
''', t=nth), ("npm_token", nth))

nr = sg_nric()
ph = "+65-9" + rnd(DIG, 3) + "-" + rnd(DIG, 4)
body = T("経理部 各位\n\nシンガポール支社から出張に来るタン・ウェイリン様の宿泊手配をお願いします。ホテルの予約に必要な情報は"
         "以下のとおりです。\n身分証番号（NRIC）は<<n>>、現地の携帯は<<p>>です。\n\n以上、よろしくお願いいたします。\n"
         "総務部 小林\n", n=nr, p=ph)
text = ("From: kobayashi.y@sakura-koubou.co.jp\nTo: keiri@sakura-koubou.co.jp\nSubject: =?UTF-8?B?" +
        b64("出張者の宿泊手配") + "?=\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
        "Content-Transfer-Encoding: quoted-printable\n\n" + qp(body))
S("ja", "prose", text, ("sg_nric", find_soft(text, nr)), ("phone", find_soft(text, ph)),
  ("email", "kobayashi.y@sakura-koubou.co.jp"), ("email", "keiri@sakura-koubou.co.jp"))

c = card("visa")
ck = words(c[:4], "ja", "") + "-" + "-".join([c[4:8], c[8:12], c[12:]])
S("ja", "prose", T("お電話でお伝えしたカード番号、念のため文字でも送ります。<<c>>、有効期限は〇八/三〇です。"
                   "セキュリティコードは改めてお電話でお伝えします。", c=ck), ("card", ck))

j = jwt()
em = "haruka.mori@outlook.jp"
raw = urllib.parse.urlencode({"session": j, "email": em, "next": "/mypage/orders"})
bq = b64(raw)
S("ja", "log", T('''2026-11-25T10:11:42+09:00 auth-proxy[3312]: DEBUG SSO復帰パラメータ relay=<<b>> (base64(urlencoded))
2026-11-25T10:11:42+09:00 auth-proxy[3312]: INFO  ログイン成功 → /mypage/orders
''', b=bq), ("jwt", bq), ("email", bq))

nt = notion()
nth = hex_0x_lines(nt, 16, "        ")
S("ja", "code", T('''// Notion連携（社内Wiki同期バッチ）
internal static class Secrets
{
    // 平文だとリポジトリスキャンに引っかかるのでバイト列で保持
    private static readonly byte[] NotionToken =
    {
        <<k>>
    };

    public static string Notion => Encoding.ASCII.GetString(NotionToken);
}
''', k=nth), ("saas_token", nth))

ph = "080-" + rnd(DIG, 4) + "-" + rnd(DIG, 4)
em = "misaki.watanabe@hikari-fudosan.jp"
vc = ("BEGIN:VCARD\nVERSION:3.0\nFN:渡辺 美咲\nORG:株式会社ひかり不動産\nTEL;TYPE=CELL:" + ph + "\nEMAIL:" + em +
      "\nEND:VCARD\n")
d = b64(vc)
rec = {"type": "contact_share", "from": "営業チャットBot",
       "attachment": {"name": "misaki_watanabe.vcf", "url": "data:text/vcard;charset=utf-8;base64," + d}}
S("ja", "json", json.dumps(rec, ensure_ascii=False, indent=2), ("phone", d), ("email", d))

cf = it_cf()
cfs = "/".join([cf[:3], cf[3:6], cf[6:11], cf[11:]])
nir = fr_nir().replace(" ", ".")
S("ja", "chat", T("ミラノとパリの現地スタッフの社会保障登録、番号が届きました！ジュリアさんのコディチェ・フィスカーレは <<c>>、"
                  "トマさん（フランス）の社会保障番号(NIR)は <<n>> です。チャットだと自動でマスクされるので区切り文字を入れてます。",
                  c=cfs, n=nir), ("it_codice_fiscale", cfs), ("fr_nir", nir))

do = do_token()
doz = zw(do, 5)
gs = high_entropy(32)
gsm = mixw(gs, 0.4)
S("ja", "config", T('''# terraform.tfvars（検証環境）
do_token        = "<<d>>"
droplet_ip      = "159.223.41.87"
ssh_allow_cidr  = "203.0.113.0/24"
# セッション署名用シークレット（Wikiから貼ったら全角混じりになった）
session_secret  = "<<s>>"
''', d=doz, s=gsm), ("cloud_token", doz), ("ip_address", "159.223.41.87"), ("generic_secret", gsm))

# --- JA hard negatives
S("ja", "prose", "年末セール開催中！ＰｌａｙＳｔａｔｉｏｎ５　Ｐｒｏ（型番：ＣＦＩ－７０００Ｂ０１）とＮｉｎｔｅｎｄｏ　Ｓｗｉｔｃｈ　２ "
                 "が対象です。ポイントは通常の１０倍、合計￥１２，８００以上で送料無料。")

pb = b64(json.dumps({"lang": "ja", "tz": "Asia/Tokyo", "font_size": 14, "theme": "light"}))
S("ja", "log", T('''2026-11-25 07:30:00.004 JST [settings] DEBUG ユーザー設定を復元 prefs=<<b>>
2026-11-25 07:30:00.006 JST [settings] DEBUG 復元完了（既定値からの差分 2 件）
''', b=pb))

h = hashlib.sha256(b"installer-2.3.0.msi").hexdigest().upper()
S("ja", "prose", T("リリース手順書 v2.3\n配布ファイル installer-2.3.0.msi の SHA-256 は次のとおりです（バイト区切り表記）:\n"
                   "<<h>>\n一致しない場合はダウンロードし直してください。", h=" ".join(groups(h, 2))))

S("ja", "chat", "今日のランチ会の写真、グループに上げました\U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466\U0001F363 "
                "ちなみにURLが長すぎて改行されないので、資料では「https://\u200bintra.example.co.jp/\u200bphotos/\u200b2026/"
                "\u200blunch」みたいにゼロ幅スペースを入れてます。")

S("ja", "prose", "見積書の件、合計金額は三百五十二万八千円（税込）、納期は二〇二六年十二月二十五日でお願いします。"
                 "数量は一万二千個、単価は二百九十四円です。型番はＡＢ－二〇〇〇を想定しています。")

S("ja", "code", '''// サンプルコード（README 用）
const apiKey = "sk-" + "xxxxxxxxxxxxxxxxxxxxxxxx"; // ← 自分のキーに置き換えてください
const endpoint = ["https://", "api.example.com", "/v1/messages"].join("");
const greeting = "こんにち" + "は";
''')

S("ja", "prose", "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n\n" + qp(
    "いつもご利用いただきありがとうございます。\n\n冬の新作コレクションが入荷しました。今週末は店頭・オンラインともに"
    "全品10％オフでご購入いただけます。在庫には限りがございますので、お早めにご来店ください。\n\n"
    "さくら工房 オンラインストア\n"))

S("ja", "table", '''| ホスト名 | IP | 用途 | バージョン |
|---|---|---|---|
| web-01 | 198.51.100.12 | フロント | nginx 1.27.3 |
| web-02 | 198.51.100.13 | フロント | nginx 1.27.3 |
| ローカル | 127.0.0.1 | 開発用 | 1.28.3.1 |
| サブネットマスク | 255.255.255.0 | - | - |
''')

write_corpus(OUT, sys.argv[1])
