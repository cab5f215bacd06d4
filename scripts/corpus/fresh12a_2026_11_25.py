"""Fresh set 12a (2026-11-25): written by a helper who read only fakegen.py, never the rules
(en/ko/de/ja); scored once (docs/detection.md). Values are generated (fake): see fakegen.py.
Usage: python3 fresh12a_2026_11_25.py OUT.jsonl
"""
import sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *  # noqa
from fakegen import R, rnd, rnd_mixed, ALNUM, HEX
import base64, json, string, urllib.parse, uuid

seed(1210)
OUT = []
S = sample_adder(OUT, "f12a")
# S(lang, kind, text, (type, value), (type, value), ...)

DIG = string.digits
UP = string.ascii_uppercase
LOW = string.ascii_lowercase


# ---------------------------------------------------------------- helpers (no checksum needed)
def d(n):
    return rnd(DIG, n)


def b64(s):
    return base64.b64encode(s.encode()).decode()


def pct(s):
    return urllib.parse.quote(s, safe="")


def fw(s):
    """ASCII -> full-width forms (digits, @, -, letters, dots)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


def uid():
    return str(uuid.UUID(int=R.getrandbits(128), version=4))


def sha(n=64):
    return rnd(HEX, n)


def pw_special():
    while True:
        p = password()
        if any(c in "!#$%&*@?" for c in p):
            return p


def two_lines(s, cut):
    """Break a spaced value at its cut-th space onto the next line."""
    parts = s.split(" ")
    return " ".join(parts[:cut]) + "\n" + " ".join(parts[cut:])


# phones (written freely, realistic numbering plans)
def us_phone():
    return f"({R.randint(201, 989)}) {R.randint(201, 989)}-{d(4)}"


def tollfree():
    return f"1-8{R.choice(['00', '44', '55', '66', '77', '88'])}-{R.randint(201, 989)}-{d(4)}"


def uk_mobile():
    return f"07{R.randint(400, 999)} {d(6)}"


def kr_mobile(sep="-"):
    return f"010{sep}{R.randint(2, 9)}{d(3)}{sep}{d(4)}"


def jp_mobile(sep="-", p=None):
    return f"{p or R.choice(['090', '080', '070'])}{sep}{R.randint(1, 9)}{d(3)}{sep}{d(4)}"


def pub_ip():
    return f"{R.choice([31, 46, 62, 77, 78, 80, 81, 84, 85, 87, 89, 91, 93, 94, 95, 109, 121, 125, 141, 145, 175, 176, 178, 185, 188, 210, 211, 212, 217])}." \
           f"{R.randint(1, 254)}.{R.randint(1, 254)}.{R.randint(1, 254)}"


def priv_ip(kind="10"):
    if kind == "10":
        return f"10.{R.randint(0, 60)}.{R.randint(0, 30)}.{R.randint(2, 250)}"
    if kind == "172":
        return f"172.{R.randint(16, 31)}.{R.randint(0, 20)}.{R.randint(2, 250)}"
    return f"192.168.{R.randint(0, 20)}.{R.randint(2, 250)}"


def steuer_spaced(s):
    return f"{s[:2]} {s[2:5]} {s[5:8]} {s[8:]}"


def four(s, sep=" "):
    return sep.join(s[i:i + 4] for i in range(0, len(s), 4))


def nino_spaced(n):
    return f"{n[:2]} {n[2:4]} {n[4:6]} {n[6:8]} {n[8]}"


# near-miss generators (deliberately NOT valid for the look-alike type)
def bad_luhn(n):
    while True:
        v = rnd("123456789", 1) + d(n - 1)
        if not luhn_valid(v):
            return v


def rrn_ok(v):
    v = v.replace("-", "")
    w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
    return (11 - sum(int(a) * b for a, b in zip(v, w)) % 11) % 10 == int(v[12])


def kr_corp_regno():
    """법인등록번호-shaped 6-7 digits that fails the RRN check."""
    while True:
        v = R.choice(["110111", "131111", "134511", "110114"]) + "-" + d(7)
        if not rrn_ok(v):
            return v


def mynumber_ok(v):
    w = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    s = sum(int(a) * b for a, b in zip(v, w)) % 11
    return (0 if s <= 1 else 11 - s) == int(v[11])


def bad_12():
    while True:
        v = rnd("123456789", 1) + d(11)
        if not mynumber_ok(v):
            return v


def jp_corp_number():
    base = rnd("123456789", 1) + d(11)
    s = sum(int(c) * (1 if i % 2 == 0 else 2) for i, c in enumerate(reversed(base)))
    return str(9 - s % 9) + base


def ups_tracking():
    return "1Z" + rnd(UP + DIG, 6) + R.choice(["01", "02", "03", "12"]) + d(8)


def bcrypt_hash(v="2b", cost=12):
    return f"${v}${cost}$" + rnd("./" + ALNUM, 53)


# vendor formats not in fakegen (documented shapes, random bodies)
def atlassian():
    return "ATATT3xFfGF0" + rnd_mixed(ALNUM + "-_", 174) + "=" + rnd("0123456789ABCDEF", 8)


def figma():
    return "figd_" + rnd_mixed(ALNUM + "-_", 40)


def sentry_user():
    return "sntryu_" + rnd(HEX, 64)


def heroku():
    return "HRKU-AA" + rnd_mixed(ALNUM + "-_", 58)


def alibaba_id():
    return "LTAI5t" + rnd_mixed(ALNUM, 18)


def tencent_id():
    return "AKID" + rnd_mixed(ALNUM, 32)


def deepseek():
    return "sk-" + rnd(HEX, 32)


def anthropic_admin():
    return "sk-ant-admin01-" + rnd_mixed(ALNUM + "-_", 93) + "AA"


def rubygems():
    return "rubygems_" + rnd(HEX, 48)


def toss(kind="sk"):
    return f"live_{kind}_" + rnd_mixed(ALNUM, 28)


def braintree():
    return f"access_token$production${rnd(LOW + DIG, 16)}${rnd(HEX, 32)}"


def mollie():
    return "live_" + rnd_mixed(ALNUM, 30)


def line_token():
    return rnd_mixed(ALNUM + "+/", 171) + "="


def mapbox(kind="pk"):
    return f"{kind}." + b64u({"u": "midori-maps", "a": "cm3" + rnd(LOW + DIG, 22)}) + "." + rnd_mixed(ALNUM + "-_", 22)


def recaptcha_site():
    return "6L" + rnd_mixed(ALNUM + "-_", 38)


def posthog():
    return "phc_" + rnd_mixed(ALNUM, 43)


# =====================================================================================
# ENGLISH
# =====================================================================================
ib = iban("GB")
S("en", "chat", f"""can u total up what i spent on groceries + eating out last month? pasted from the pdf, the ocr is a bit off sorry

NatWest   Statement of Account            Page l of 3
Account name: MR D OKAFOR     Sort code 60-16-13     Account no ****4471
IBAN {iban_spaced(ib)}    BIC NWBKGB2L
Date     Descriptlon                        Paid out   Paid in    Ba1ance
O2 Oct   TESCO STORES 2931                  42.17                 1,204.55
O3 Oct   DELIVEROO *ORDER 88213             23.90                 1,180.65
O5 Oct   SALARY ACME L0GISTICS LTD                     2,310.00   3,490.65
O7 Oct   SAINSBURYS SACAT 0481              61.02                 3,429.63
ll Oct   CARD PAYMENT TO NANDOS  ref 4471   18.45                 3,411.18
l4 Oct   PRET A MANGER 0093                  6.85                 3,404.33
""", ("iban", iban_spaced(ib)))

ssn, ph, em = us_ssn(), us_phone(), "maria.delgado87 at gmail dot com"
S("en", "chat", f"""ok so the landlord wants all this on the rental application, is this normal?? 
Applicant: Maria Delgado / SSN {ssn} / cell {ph} / email {em} / employer: Brightline Dental, 2 yrs / monthly income 4,850
they also want a $45 app fee thru zelle before showing the unit. lease says unit 4B, $1,650/mo, 12 month term starting 12/01. anything sketchy?""",
  ("us_ssn", ssn), ("phone", ph), ("email", em))

c, tf = card("visa"), tollfree()
cf = fmt_card(c, "-")
S("en", "chat", f"""this hospital bill is insane, can you help me write a dispute letter

ST. LUKE'S REGIONAL — PATIENT STATEMENT
Account #: 0048291307      Statement date: 10/28/2025
Date of service 09/02/2025   ER visit level 4   $2,140.00
Insurance adjustment                           -$655.67
Patient payments                               -$200.00
AMOUNT DUE                                     $1,284.33
Questions? Call {tf} Mon-Fri 8am-5pm

the thing is I already paid $200 on 9/14 with my card {cf} and they keep saying it's not posted. plus insurance said the ER level was coded wrong""",
  ("card", cf), ("phone", tf))

ib, ph, dni = iban("ES"), f"+34 6{d(2)} {d(3)} {d(3)}", es_dni()
S("en", "chat", f"""Forwarded msg from my landlord in Valencia, is this legit or a scam??
---
Hola Tom, soy Javier. For the deposit please transfer 1.800€ to {iban_spaced(ib)}, concepto: fianza C/ Colón 14 3ºB. Any problem whatsapp me {ph}
---
he also wants a copy of Lucia's DNI since she's co-signing, it's {dni}. should i just send it on whatsapp?""",
  ("iban", iban_spaced(ib)), ("phone", ph), ("es_dni", dni))

ssn = us_ssn(" ")
S("en", "chat", f"""fill in a W-9 for me pls and give it back as a table:
name Kevin Tran, business name blank, individual/sole proprietor
address 2218 Alder St Apt 3, Eugene OR 97405
SSN {ssn} (i dont have an EIN)
my email kevin.tran.design(at)gmail.com
requester is Pinecrest Media LLC, send to ap@pinecrestmedia.co""",
  ("us_ssn", ssn), ("email", "kevin.tran.design(at)gmail.com"), ("email", "ap@pinecrestmedia.co"))

aad, ph = four(aadhaar()), f"+91 {R.choice('6789')}{d(4)} {d(5)}"
S("en", "chat", f"""help me fill this KYC form for my mutual fund SIP, which fields are mandatory?
Name: Priya Raghavan
DOB: 21-07-1992
Aadhaar: {aad}
Mobile: {ph}
Email: priya.r92@yahoo.in
Nominee: mother (Lakshmi Raghavan), 100%
Folio no: 4417723/09 (new investor leave blank?)""",
  ("in_aadhaar", aad), ("phone", ph), ("email", "priya.r92@yahoo.in"))

nric, ph = sg_nric(), f"+65 9{d(3)} {d(4)}"
S("en", "chat", f"""draft a short polite email to my condo management, we're moving out end of Dec and want the deposit back.
details: Tan Wei Ling, NRIC {nric}, unit #12-07 Parc Vista, hp {ph}
pls cc my husband at jasonlim.sg[at]outlook[dot]com""",
  ("sg_nric", nric), ("phone", ph), ("email", "jasonlim.sg[at]outlook[dot]com"))

pw, wan, dev = password(), pub_ip(), "192.168.1.73"
S("en", "chat", f"""my wifi keeps dropping every evening. router admin page is at 192.168.1.254 (its a BT smart hub 2), I logged in with admin / {pw} and under broadband it says WAN IP {wan}, uptime 2h. there's also a device called "unknown" at {dev} — is someone stealing my wifi??""",
  ("ip_address", "192.168.1.254"), ("password", pw), ("ip_address", wan), ("ip_address", dev))

nino, ph = nino_spaced(uk_nino()), uk_mobile()
S("en", "chat", f"""Need to reply to a letter from HMRC (ref 0412 7765 HG). Can you write that I was employed by Harbour Foods Ltd from 6 April to 30 Sept 2025, my P45 shows tax code 1257L, and I think I was on emergency tax for 2 months. My NI number is {nino}. Best contact number {ph}, mornings only.""",
  ("uk_nino", nino), ("phone", ph))

c = card("visa")
cv = two_lines(fmt_card(c), 2)
S("en", "chat", f"""ocr from a photo of my card, can you tell which bank issued it from the number? the logo is scratched

VISA   Platinum   contactless
{cv}
VALID THRU  08/28
CARDH0LDER  SAMUEL K OWUSU
""", ("card", cv))

s1, s2 = us_ssn(""), us_ssn()
S("en", "chat", f"""doing our taxes on freetaxusa and it keeps saying "SSN does not match IRS records" for my wife. I entered {s1} for me and {s2} for her (Elena Brooks, DOB 04/02/1990). is it the dashes? refund goes to routing 121000358 if that matters. last year's AGI was 88,412""",
  ("us_ssn", s1), ("us_ssn", s2))

bsn, ib = nl_bsn(), iban("NL")
S("en", "chat", f"""Writing to the gemeente Utrecht about my huurtoeslag. Can you translate this to Dutch, formal:
"Dear Sir/Madam, my BSN is {bsn}. Since October my rent is €1,085. Please pay the allowance to {ib} (account holder A. Novak). You can reach me at anna.novak.nl@protonmail.com."
""", ("nl_bsn", bsn), ("iban", ib), ("email", "anna.novak.nl@protonmail.com"))

# --- EN developers / agents
pw, ip = pw_special(), f"104.18.{R.randint(1, 40)}.{R.randint(2, 250)}"
basic = b64("svc_billing:" + pw)
S("en", "log", f"""why 401?? same creds work in the browser

$ curl -v "https://api.acme-billing.io/v2/invoices?status=open&limit=50" -u 'svc_billing:{pw}'
*   Trying {ip}:443...
* Connected to api.acme-billing.io ({ip}) port 443
* ALPN: server accepted h2
> GET /v2/invoices?status=open&limit=50 HTTP/2
> Host: api.acme-billing.io
> Authorization: Basic {basic}
> User-Agent: curl/8.5.0
> Accept: */*
> X-Request-Id: {uid()}
>
< HTTP/2 401
< date: Tue, 25 Nov 2025 09:14:03 GMT
< content-type: application/json
< www-authenticate: Bearer realm="acme"
< cf-ray: {rnd(HEX, 16)}-FRA
""", ("password", pw), ("password", basic), ("ip_address", ip))

hk, gh = heroku(), github("ghp_")
S("en", "config", f"""heroku CLI stopped working after I copied my dotfiles from the old laptop, what's wrong with this file?

# ~/.netrc   (chmod 600)
machine api.heroku.com
  login dana.whitfield@northwind-apps.com
  password {hk}
machine git.heroku.com
  login dana.whitfield@northwind-apps.com
  password {hk}
machine github.com login nw-deploy-bot password {gh}
""", ("email", "dana.whitfield@northwind-apps.com"), ("cloud_token", hk), ("github_token", gh))

ok, pw, hip, dj, nr = openai_proj(), pw_special(), priv_ip("10"), high_entropy(50, ALNUM + "!@#%^*(-_=+)"), newrelic()
dburl = f"postgresql://summarizer:{pct(pw)}@pg-main.internal.northwind:5432/summ"
S("en", "log", f"""Crash report — worker-7f9c (pid 48211) — summarizer@2.14.3
Traceback (most recent call last):
  File "/srv/app/tasks/summarize.py", line 88, in run
    resp = client.chat.completions.create(model=MODEL, messages=msgs)
  File "/srv/app/.venv/lib/python3.12/site-packages/openai/_base_client.py", line 1047, in request
    raise self._make_status_error_from_response(err.response) from None
openai.AuthenticationError: Error code: 401 - {{'error': {{'message': 'Incorrect API key provided: sk-proj-********************Xa9Q.', 'code': 'invalid_api_key'}}}}
--- environment (captured) ---
OPENAI_API_KEY={ok}
DATABASE_URL={dburl}
DJANGO_SECRET_KEY={dj}
NEW_RELIC_API_KEY={nr}
HOST_IP={hip}
GIT_SHA={sha(40)}
SENTRY_RELEASE=summarizer@2.14.3
""", ("openai_key", ok), ("url_credentials", dburl), ("generic_secret", dj), ("saas_token", nr), ("ip_address", hip))

tok, em, pw, ip = jwt({"sub": "u_88213", "org": "tally-hr", "exp": 1764100000}), "john.doe.1984@outlook.com", pw_special(), pub_ip()
har = {"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"}, "entries": [{
    "startedDateTime": "2025-11-24T16:02:11.418Z", "time": 212.4,
    "request": {"method": "POST", "url": "https://app.tallyhr.com/api/session", "httpVersion": "h2",
                "headers": [{"name": "content-type", "value": "application/x-www-form-urlencoded"},
                            {"name": "cookie", "value": f"_ga=GA1.1.1843320931.1761203377; tally_sess={tok}"}],
                "postData": {"mimeType": "application/x-www-form-urlencoded",
                             "text": f"email={pct(em)}&password={pct(pw)}&remember=1"}},
    "response": {"status": 302, "headers": [{"name": "location", "value": "/dashboard?retry=1"}]},
    "serverIPAddress": ip}]}}
S("en", "json", "Support asked for a HAR of the login loop. Here's the relevant entry, does anything look off?\n\n" + json.dumps(har, indent=2),
  ("jwt", tok), ("email", pct(em)), ("password", pct(pw)), ("ip_address", ip))

ak, sg, mi, pm, sq = anthropic(), sendgrid(), rnd_mixed(ALNUM, 32), postman(), square()
coll = {"info": {"_postman_id": uid(), "name": "LLM gateway smoke tests",
                 "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [{"name": "claude messages", "request": {"method": "POST", "header": [
            {"key": "x-api-key", "value": "{{anthropic_key}}"}, {"key": "anthropic-version", "value": "2023-06-01"}],
            "url": "{{base}}/v1/messages"}},
            {"name": "mistral chat", "request": {"method": "POST", "header": [
                {"key": "Authorization", "value": "Bearer {{mistral_key}}"}], "url": "https://api.mistral.ai/v1/chat/completions"}}],
        "variable": [{"key": "base", "value": "https://api.anthropic.com"},
                     {"key": "anthropic_key", "value": ak},
                     {"key": "mistral_key", "value": mi},
                     {"key": "sendgrid_key", "value": sg},
                     {"key": "square_access_token", "value": sq},
                     {"key": "postman_api_key", "value": pm}]}
S("en", "json", "exported our postman collection so the new contractor can run the smoke tests — can you turn it into a pytest file?\n" + json.dumps(coll, indent=1),
  ("anthropic_key", ak), ("ai_api_key", mi), ("saas_token", sg), ("payment_token", sq), ("saas_token", pm))

dk, nt, gl = dockerhub(), npm(), gitlab()
rem = f"https://oauth2:{gl}@gitlab.com/northwind/payments-sdk.git"
S("en", "code", f"""publish keeps failing with 403, full session below

$ docker login -u northwindci -p {dk}
WARNING! Using --password via the CLI is insecure. Use --password-stdin.
Login Succeeded
$ npm config set //registry.npmjs.org/:_authToken={nt}
$ git remote -v
origin	{rem} (fetch)
origin	{rem} (push)
$ npm publish --access public
npm notice Publishing to https://registry.npmjs.org/ with tag latest and public access
npm ERR! code E403
npm ERR! 403 403 Forbidden - PUT https://registry.npmjs.org/@northwind%2fpayments-sdk - You do not have permission to publish "@northwind/payments-sdk".
npm ERR! A complete log of this run can be found in: /home/runner/.npm/_logs/2025-11-25T10_02_44_118Z-debug-0.log
""", ("package_registry_token", dk), ("npm_token", nt), ("url_credentials", rem), ("gitlab_token", gl))

ak_id, ak_sec, gq, wh, dd, se = aws_key_id(), aws_secret(), groq(), slack_webhook(), rnd(HEX, 32), sentry_user()
S("en", "log", f"""oops, the debug step in our workflow printed the whole env into a public run log. which of these need rotating?

##[group]Run printenv | sort
AWS_ACCESS_KEY_ID={ak_id}
AWS_DEFAULT_REGION=eu-west-1
AWS_SECRET_ACCESS_KEY={ak_sec}
BUILD_NUMBER=4471
CI=true
DD_API_KEY={dd}
GITHUB_RUN_ID=11893027461
GITHUB_SHA={sha(40)}
GROQ_API_KEY={gq}
HOME=/home/runner
HOSTNAME=fv-az1243-567
RUNNER_OS=Linux
SENTRY_AUTH_TOKEN={se}
SLACK_WEBHOOK_URL={wh}
##[endgroup]
""", ("aws_access_key", ak_id), ("aws_secret_key", ak_sec), ("saas_token", dd), ("ai_api_key", gq), ("saas_token", se), ("slack_webhook", wh))

pw1, pw2, ip = password_random(18), password(), priv_ip("10")
res = {"type": "tool_result", "tool_use_id": "toolu_01" + rnd(ALNUM, 22), "content": [{"type": "text", "text":
       f"# host:port:database:username:password\n{ip}:5432:billing:billing_rw:{pw1}\n*:5432:*:readonly:{pw2}\n"}]}
S("en", "json", "Agent transcript (tool step 3 of 7):\n" + json.dumps(res, indent=2) + "\n\nassistant: I found the connection details in ~/.pgpass and will now connect to the billing database to run the migration.",
  ("ip_address", ip), ("password", pw1), ("password", pw2))

sa, key = gcp_sa_json("northwind-dev-38211")
S("en", "json", "deploy from cloud build fails with `invalid_grant: Invalid JWT Signature`. here's the key file (it's just the dev project, don't worry):\n\n" + sa,
  ("gcp_credentials", key), ("private_key", key), ("email", "ci-deployer@northwind-dev-38211.iam.gserviceaccount.com"))

# --- EN hard negatives
S("en", "chat", f"""Can you explain these charges on my credit card statement? I don't recognize the Amazon one
Card ending •••• 4417
11/03  AMZN Mktp US*2K4T81LQ0        $34.19
11/04  SPOTIFY P{rnd(HEX.upper(), 9)}            $11.99
11/07  UBER   *TRIP HELP.UBER.COM   $18.40
Auth code 048213   Ref no. 7442690530700{d(10)}
Statement balance $1,120.58   Minimum payment $35.00   Due 12/01/2025""")

S("en", "prose", f"""Your package is on its way!
Order #112-{d(7)}-{d(7)} — shipped Nov 25, 2025
Carrier: UPS   Tracking number: {ups_tracking()}
Estimated delivery: Thursday, November 27 by 8pm
1 × Anker 737 Power Bank (PowerCore 24K), SKU A1289, $89.99
Return window closes Dec 27, 2025. Track or manage your order from Your Orders.""")

S("en", "code", """## Quickstart

```bash
cp .env.example .env
```

Then fill in your own keys (never commit `.env`):

```dotenv
OPENAI_API_KEY=sk-...
ANTHROPIC_API_KEY=<your-anthropic-key>
STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx
# the AWS docs example pair, replace with yours:
AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
GITHUB_TOKEN=${GITHUB_TOKEN}
SLACK_WEBHOOK_URL=https://hooks.slack.com/services/XXX/YYY/ZZZ
```
""")

S("en", "log", f"""2025-11-25T09:41:02.117Z INFO  deploy  starting release v3.18.2-rc.1 (build 20251125.4)
2025-11-25T09:41:02.530Z INFO  deploy  commit {sha(40)} by release-bot
2025-11-25T09:41:05.902Z INFO  image   pulled ghcr.io/northwind/api@sha256:{sha(64)}
2025-11-25T09:41:09.004Z INFO  server  listening on 0.0.0.0:8080 (pid 1)
2025-11-25T09:41:09.311Z INFO  health  GET http://127.0.0.1:8080/healthz -> 200 in 3ms
2025-11-25T09:41:10.000Z INFO  trace   trace_id={sha(32)} span_id={sha(16)} request_id={uid()}
2025-11-25T09:41:12.448Z WARN  config  netmask 255.255.255.0 ignored on overlay network
2025-11-25T09:41:12.449Z INFO  deploy  rollout 3/3 ready, took 10.3s""")

S("en", "code", f"""// web/src/config/public.ts — everything here is shipped to the browser, these are all publishable/public keys
export const publicConfig = {{
  stripePublishableKey: "{stripe('pk_live_')}",
  mapboxToken: "{mapbox('pk')}",
  recaptchaSiteKey: "{recaptcha_site()}",
  algolia: {{ appId: "7QX2K1LMNB", searchOnlyApiKey: "{rnd(HEX, 32)}" }},
  sentryDsn: "https://{rnd(HEX, 32)}@o4507112.ingest.us.sentry.io/4507112233",
  posthogKey: "{posthog()}",
}};""")

S("en", "json", json.dumps({"id": uid(), "object": "customer", "created": 1763994211, "livemode": True,
                            "email": "j***@gmail.com", "phone": "+1 ***-***-0142", "ssn_last4": "6789",
                            "default_payment_method": {"brand": "visa", "last4": "4242", "exp_month": 8, "exp_year": 2027,
                                                       "fingerprint": rnd_mixed(ALNUM, 16)},
                            "address": {"city": "Austin", "state": "TX", "postal_code": "787**"},
                            "api_key": "sk_live_…REDACTED", "request_id": "req_" + rnd(ALNUM, 14)}, indent=2))

S("en", "chat", f"""why would login fail for one user only? in the users table the password column is {bcrypt_hash()} and she swears she typed the right password (it shows as •••••••• so i can't check). the password_reset_tokens table only stores sha256 digests like {sha(64)}, and her last reset token row has used_at = 2025-11-20 14:02:11. app version 4.2.0, laravel 11""")

S("en", "table", f"""| Invoice        | PO        | Customer            | VAT number       | Amount     | Due        |
|----------------|-----------|---------------------|------------------|------------|------------|
| INV-2025-00418 | PO-77213  | Harbour Foods Ltd   | GB 284 1172 09   | £4,120.00  | 2025-12-15 |
| INV-2025-00419 | PO-77240  | Kestrel Print & Co  | GB 913 5521 46   | £612.50    | 2025-12-20 |
| INV-2025-00420 | —         | Oakridge Veterinary | GB 220 4478 31   | £1,980.00  | 2026-01-05 |
| Credit CN-0091 | PO-76118  | Harbour Foods Ltd   | GB 284 1172 09   | -£240.00   | —          |""")

S("en", "code", f"""def test_profile_is_redacted():
    user = {{
        "email": "<EMAIL>",
        "ssn": "XXX-XX-XXXX",
        "card": "**** **** **** 1111",
        "api_key": "test-api-key-not-real",
        "password": "********",
    }}
    out = redact(user)
    assert out["api_key"] == "[REDACTED]"
    assert out["id"] == uuid.UUID("{uid()}")
    assert out["build"] == "2025.11.25+{sha(7)}"
""")

# =====================================================================================
# GERMAN
# =====================================================================================
ib = iban("DE")
S("de", "chat", f"""Kannst du mir sagen welche Abos ich kündigen kann? Hab den Auszug abfotografiert, OCR ist nicht perfekt

Sparkasse KölnBonn     Kontoauszug Nr. 11/2025     Blatt l
Kontoinhaberin: Jana Feldmann
IBAN: {iban_spaced(ib)}   BIC: COLSDE33XXX
Buchunqstag  Verwendungszweck                                    Betraq EUR
O3.11.       Lastschrift NETFLIX.COM Mandat 8KJ2-11O4                 -13,99
O4.11.       Lastschrift Vodafone GmbH Kd-Nr lO4412O87                -39,99
O5.11.       Gutschrift Gehalt ACME Logistik GmbH                  +2.418,33
lO.11.       Lastschrift McFit GmbH Gläubiger-ID DE98ZZZ09999999999   -24,90
l2.11.       Kartenzahlung REWE Markt GmbH                            -61,07
""", ("iban", iban_spaced(ib)))

s1, s2 = de_steuer_id(), de_steuer_id()
S("de", "chat", f"""Elster will die Steuer-ID von mir und meiner Frau, hab beide vom Brief vom BZSt abgetippt: ich {steuer_spaced(s1)}, Sabine {s2}. Steuernummer ist 21/815/08150. Passt das so oder muss ich die Leerzeichen weglassen? Wir machen Zusammenveranlagung.""",
  ("de_steuer_id", steuer_spaced(s1)), ("de_steuer_id", s2))

ph, ib = f"0171 / {d(3)} {d(2)} {d(2)}", iban("DE")
S("de", "chat", f"""Bitte prüf mal den Mietvertrag, vor allem die Kautionsklausel. Auszug:

§ 1 Vertragsparteien
Vermieter: Helmut Berger, Lindenstr. 12, 04109 Leipzig, Tel. {ph}, E-Mail: h.berger(at)web.de
Mieterin: Lea Schubert
§ 5 Mietsicherheit
Die Mieterin leistet eine Kaution in Höhe von drei Nettokaltmieten (2.340,00 €) durch Überweisung auf das Konto {iban_spaced(ib)} (Kautionskonto, Sparkasse Leipzig).

Ist das mit 3 Monatsmieten überhaupt erlaubt und darf er das auf sein normales Konto nehmen?""",
  ("phone", ph), ("email", "h.berger(at)web.de"), ("iban", iban_spaced(ib)))

ib, ph = iban("DE"), f"030 {d(4)} {d(4)}"
S("de", "chat", f"""hab ne Privatrechnung vom Zahnarzt bekommen, kann ich das bei der Beihilfe einreichen?
Rechnungsnr. ZA-2025-11873 vom 18.11.2025, GOZ 2197 (3x), 2120, 0090 – Summe 1.126,40 €
"Zahlbar innerhalb von 30 Tagen ohne Abzug auf das Praxiskonto {ib}. Rückfragen zur Abrechnung: abrechnung@zahnarzt-mitte-berlin.de oder {ph}"
Die Krankenkasse hat schon 40 % übernommen.""",
  ("iban", ib), ("email", "abrechnung@zahnarzt-mitte-berlin.de"), ("phone", ph))

ph = f"+49 (0)6221 {d(4)}-{d(3)}"
S("de", "chat", f"""Ist die echt oder Phishing? Kam gestern Abend:

"Volksbank Kurpfalz: Sehr geehrte Frau Yilmaz, bitte rufen Sie Ihren Berater Hr. Krause unter {ph} zurück oder schreiben Sie an t.krause@vb-kurpfalz.de. Ihre Vorgangsnr.: 2025-VB-004417. Bitte geben Sie niemals TANs telefonisch weiter."

Da war kein Link drin, aber trotzdem komisch.""", ("phone", ph), ("email", "t.krause@vb-kurpfalz.de"))

s1, s2, ib, ph = de_steuer_id(), de_steuer_id(), iban("DE"), f"+49 15{R.randint(1, 9)} {d(8)}"
S("de", "chat", f"""füll mir bitte den Kindergeldantrag (KG 1) vor, ich brauch nur die Felder:
Antragsteller: Markus Vogt, geb. 12.03.1986, Steuer-ID {s1}
Kind: Lina Vogt, geb. 07.08.2021, Steuer-ID {s2}
Auszahlung auf {iban_spaced(ib)}, Kontoinhaber ich
Tel. tagsüber {ph}
Familienstand verheiratet, Partnerin lebt im Haushalt""",
  ("de_steuer_id", s1), ("de_steuer_id", s2), ("iban", iban_spaced(ib)), ("phone", ph))

nir = fr_nir()
S("de", "chat", f"""Ich wohne in Kehl, arbeite aber seit September in Straßburg. Die CPAM will, dass ich meine Sozialversicherungsnummer bestätige – auf der Carte Vitale steht {nir}. Kannst du mir eine kurze Mail auf Französisch schreiben? Antwort bitte an pierre.mueller [at] gmx [dot] de, nicht an die Firmenadresse.""",
  ("fr_nir", nir), ("email", "pierre.mueller [at] gmx [dot] de"))

cfv, ph = it_cf(), f"+39 3{d(2)} {d(3)} {d(4)}"
S("de", "chat", f"""Mein Cousin aus Bologna fängt nächste Woche bei uns im Restaurant an (Minijob). Für die Anmeldung bei der Minijob-Zentrale haben wir bisher nur seinen Codice Fiscale {cfv} und seine italienische Handynummer {ph}. Braucht er zusätzlich eine deutsche Steuer-ID oder reicht das erstmal?""",
  ("it_codice_fiscale", cfv), ("phone", ph))

ib, ph = iban("CH"), f"079 {d(3)} {d(2)} {d(2)}"
S("de", "chat", f"""Muss die Anzahlung für die Ferienwohnung in die Schweiz überweisen, was muss ich beachten (Gebühren, SEPA)? 
Empfänger: Ferienwohnung Alpenblick, Fam. Odermatt, 6390 Engelberg
IBAN {iban_spaced(ib)}
Betrag CHF 450.– 
Bei Fragen Frau Odermatt {ph}""", ("iban", iban_spaced(ib)), ("phone", ph))

c = card("mc")
S("de", "chat", f"""Meine Kreditkarte {fmt_card(c)} wurde am 14.11. zweimal mit 49,99 € von "DIGITALRIVER*ADOBE" belastet, ich hab aber nur ein Abo. Vorgangsnummer bei Adobe war 7730-2241-88. Schreib mir bitte eine Reklamation an die DKB, knapp und sachlich.""",
  ("card", fmt_card(c)))

s1, ib = de_steuer_id(), iban("DE")
ibl = two_lines(iban_spaced(ib), 3)
S("de", "chat", f"""OCR von meiner Gehaltsabrechnung, stimmt die Lohnsteuer für Steuerklasse 4 so ungefähr?

Entgeltabrechnung Oktober 2O25            Personalnr. OO4417
Steuer-ID {s1}       StKl 4   Kinderfreibetrag O,5   Konf. rk
Gesamtbrutto                              4.250,OO
Lohnsteuer                                  612,83
Solidaritätszuschlag                          O,OO
Kirchensteuer                                 49,O2
Auszahlungsbetrag                         2.734,19
Überweisung an IBAN {ibl}
""", ("de_steuer_id", s1), ("iban", ibl))

pw, pub = password(), pub_ip()
S("de", "chat", f"""Mein Heimnetz spinnt seit dem Update. FritzBox ist unter 192.168.178.1 erreichbar, Kennwort für die Oberfläche {pw}. Die Synology hat 192.168.178.24 und laut wieistmeineip.de ist meine öffentliche IP {pub}. Port 5001 ist auf die NAS freigegeben – ist das gefährlich?""",
  ("ip_address", "192.168.178.1"), ("password", pw), ("ip_address", "192.168.178.24"), ("ip_address", pub))

# --- DE developers / agents
p1, p2, em = pub_ip(), pub_ip(), "lena.schroeder@t-online.de"
S("de", "log", f"""Warum taucht die Mailadresse im Access-Log auf? Ist das ein DSGVO-Problem? Auszug:

{p1} - - [25/Nov/2025:08:41:17 +0100] "GET /api/v1/newsletter/confirm?email={pct(em)}&utm_source=mail&utm_campaign=nov25 HTTP/1.1" 200 512 "-" "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X)"
{p2} - - [25/Nov/2025:08:41:19 +0100] "POST /api/v1/login HTTP/1.1" 401 87 "-" "python-requests/2.32.3"
10.0.12.5 - - [25/Nov/2025:08:41:20 +0100] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.30"
""", ("ip_address", p1), ("email", pct(em)), ("ip_address", p2), ("ip_address", "10.0.12.5"))

pw1, pw2, skb, mg = password_random(20), password_random(24), rnd(HEX, 128), mailgun()
rurl = f"redis://:{pw2}@redis:6379/0"
S("de", "config", f"""Kannst du die compose-Datei für Produktion härten? Läuft bisher auf einem einzelnen Hetzner-Server.

```yaml
services:
  db:
    image: postgres:16
    environment:
      POSTGRES_USER: shop
      POSTGRES_PASSWORD: "{pw1}"
  redis:
    image: redis:7
    command: ["redis-server", "--requirepass", "{pw2}"]
  app:
    image: registry.gitlab.com/feldmann-it/shop:1.8.4
    environment:
      REDIS_URL: {rurl}
      SECRET_KEY_BASE: {skb}
      MAILGUN_API_KEY: {mg}
      SMTP_HOST: smtp.eu.mailgun.org
    ports:
      - "80:3000"
```""", ("password", pw1), ("password", pw2), ("url_credentials", rurl), ("generic_secret", skb), ("saas_token", mg))

azk, azs = azure_storage_key(), azure_client_secret()
S("de", "code", f"""Code-Review bitte, funktioniert lokal aber nicht in der Pipeline:

```python
from azure.storage.blob import BlobServiceClient
from azure.identity import ClientSecretCredential

CONN = "DefaultEndpointsProtocol=https;AccountName=rechnungsarchivprod;AccountKey={azk};EndpointSuffix=core.windows.net"

cred = ClientSecretCredential(
    tenant_id="{uid()}",
    client_id="{uid()}",
    client_secret="{azs}",
)
blobs = BlobServiceClient.from_connection_string(CONN)
```""", ("azure_key", azk), ("azure_key", azs))

sk, mo, bt = stripe("sk_live_"), mollie(), braintree()
env = {"id": uid(), "name": "Zahlungen PROD", "values": [
    {"key": "stripe_secret", "value": sk, "type": "secret", "enabled": True},
    {"key": "stripe_publishable", "value": stripe("pk_live_"), "type": "default", "enabled": True},
    {"key": "mollie_api_key", "value": mo, "type": "secret", "enabled": True},
    {"key": "braintree_access_token", "value": bt, "type": "secret", "enabled": True},
    {"key": "webhook_base", "value": "https://shop.feldmann-it.de/hooks", "type": "default", "enabled": True}],
    "_postman_variable_scope": "environment", "_postman_exported_at": "2025-11-24T14:22:09.114Z",
    "_postman_exported_using": "Postman/11.19.0"}
S("de", "json", "Postman-Environment exportiert, bitte daraus eine .env für das Node-Backend machen:\n" + json.dumps(env, indent=2),
  ("stripe_key", sk), ("payment_token", mo), ("payment_token", bt))

pw, em = pw_special(), "lena.schroeder@t-online.de"
jd = f"jdbc:mysql://shop_app:{pw}@db-prod.intern:3306/shop?useSSL=true"
S("de", "log", f"""2025-11-25 07:58:12.441 ERROR 1 --- [nio-8080-exec-7] o.h.engine.jdbc.spi.SqlExceptionHelper   : Access denied for user 'shop_app'@'172.18.0.5' (using password: YES)
2025-11-25 07:58:12.447 ERROR 1 --- [nio-8080-exec-7] d.f.shop.bestellung.BestellService      : Bestellung 100448213 für kunde={em} fehlgeschlagen
org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection; url={jd}
	at org.springframework.jdbc.datasource.DataSourceUtils.getConnection(DataSourceUtils.java:84)
	at org.springframework.jdbc.core.JdbcTemplate.execute(JdbcTemplate.java:388)
	at de.feldmann.shop.bestellung.BestellRepository.save(BestellRepository.java:57)
Caused by: java.sql.SQLException: Access denied for user 'shop_app'@'172.18.0.5' (using password: YES)
""", ("ip_address", "172.18.0.5"), ("email", em), ("url_credentials", jd))

pw, dk = password_random(16), dockerhub()
a1, a2 = b64("deploy:" + pw), b64("feldmannit:" + dk)
S("de", "config", f"""Warum kann der Runner nicht pullen? Die Datei hab ich vom Laptop rüberkopiert:

$ cat ~/.docker/config.json
{{
  "auths": {{
    "registry.feldmann-it.de": {{
      "auth": "{a1}"
    }},
    "https://index.docker.io/v1/": {{
      "auth": "{a2}"
    }}
  }},
  "credsStore": "desktop"
}}""", ("password", a1), ("package_registry_token", a2))

gh, hft = github("ghp_"), hf()
rem = f"https://jfeldmann:{gh}@github.com/feldmann-it/ocr-pipeline.git"
S("de", "code", f"""Push zum Hub klappt nicht, Git aber schon. Terminal:

$ git remote -v
origin	{rem} (fetch)
origin	{rem} (push)
$ cat ~/.cache/huggingface/token
{hft}
$ python train.py --push-to-hub --hub-model-id feldmann-it/belege-ocr-v2
huggingface_hub.errors.HfHubHTTPError: 403 Forbidden: You don't have the rights to create a model under the namespace "feldmann-it".
""", ("url_credentials", rem), ("github_token", gh), ("huggingface_token", hft))

vt, db = vault(), databricks()
msg = {"role": "tool", "name": "shell", "content":
       f"$ vault login -method=oidc role=data-eng\nSuccess! You are now authenticated.\n\nKey                  Value\n---                  -----\ntoken                {vt}\ntoken_accessor       {rnd_mixed(ALNUM, 24)}\ntoken_duration       8h\ntoken_policies       [\"data-eng\" \"default\"]\n\n$ vault kv get -field=pat secret/data-eng/databricks\n{db}\n"}
S("de", "json", "Agent-Verlauf (Schritt 4), danach hat der Agent das Notebook gestartet:\n" + json.dumps(msg, indent=2, ensure_ascii=False),
  ("cloud_token", vt), ("cloud_token", db))

hz, cft, do, ip, rsa = rnd_mixed(ALNUM, 64), rnd_mixed(ALNUM + "-_", 40), do_token(), pub_ip(), pem_rsa_traditional()
S("de", "config", f"""# terraform.tfvars  – NICHT committen (ist aber leider im Repo gelandet, Commit {sha(7)})
hcloud_token         = "{hz}"
cloudflare_api_token = "{cft}"
do_token             = "{do}"
admin_ip_allowlist   = ["{ip}/32"]
location             = "fsn1"
server_type          = "cx32"
ssh_private_key      = <<EOT
{rsa}
EOT
""", ("cloud_token", hz), ("cloud_token", cft), ("cloud_token", do), ("ip_address", ip), ("private_key", rsa))

# --- DE hard negatives
S("de", "chat", f"""Was ist das für eine Abbuchung? Steht so im Onlinebanking:
SEPA-Lastschrift  PayPal Europe S.a.r.l. et Cie S.C.A
Verwendungszweck: 1038472291445 PP.4417.PP . ABBUCHUNG VOM PAYPAL-KONTO
Mandatsreferenz: 5JX227QZ9{rnd(UP + DIG, 4)}
Gläubiger-ID: LU96ZZZ0000000000000000058
Betrag: -17,49 EUR   Buchungstag 21.11.2025
Konto: DE** **** **** **** **41 07
Ich hab bei PayPal nichts gekauft an dem Tag.""")

S("de", "prose", f"""Ihre Sendung kommt heute!
Sendungsnummer: 00340434{d(12)}
Bestellnummer 302-{d(7)}-{d(7)} · Rechnungsnummer RE-2025-{d(6)}
Voraussichtliche Zustellung: Mittwoch, 26.11.2025, zwischen 10:15 und 13:45 Uhr
Ablageort: Garage (Ablagevertrag vom 03.02.2025)
Gewicht 2,4 kg · Porto 4,99 € · Lieferung an Packstation möglich""")

S("de", "code", """## Lokale Entwicklung

1. `.env.example` nach `.env` kopieren
2. Eigene Werte eintragen:

```env
DATABASE_URL=postgres://user:passwort@localhost:5432/shop_dev
OPENAI_API_KEY=sk-proj-XXXXXXXXXXXXXXXX
STRIPE_SECRET_KEY=<dein-stripe-secret>
MOLLIE_API_KEY=test_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
JWT_SECRET=${JWT_SECRET}
SMTP_PASSWORD=changeme
```

Niemals echte Schlüssel committen – in CI kommen sie aus dem Vault.""")

S("de", "log", f"""[INFO] Building rechnungs-service 2.7.0-SNAPSHOT
[INFO] --- compiler:3.13.0:compile (default-compile) @ rechnungs-service ---
[INFO] Signaturalgorithmus OID 1.2.840.113549.1.1.11 (sha256WithRSAEncryption)
[INFO] Artefakt sha256: {sha(64)}
[INFO] Git-Commit {sha(40)} (Branch release/2.7)
[INFO] Testlauf-ID {uid()}
[INFO] Testserver gestartet auf 127.0.0.1:8089, Bind 0.0.0.0
[INFO] Tests run: 418, Failures: 0, Errors: 0, Skipped: 3
[INFO] BUILD SUCCESS  Total time: 01:42 min  Finished at: 2025-11-25T08:12:44+01:00""")

S("de", "table", f"""| Rechnungsnr. | Datum      | Kunde               | USt-IdNr.   | Netto      | Brutto     | Status  |
|--------------|------------|---------------------|-------------|------------|------------|---------|
| RE-2025-0871 | 03.11.2025 | Bäckerei Hoff GmbH  | DE{d(9)} | 1.240,00 € | 1.475,60 € | bezahlt |
| RE-2025-0872 | 07.11.2025 | Kanzlei Brandt & Co | DE{d(9)} |   380,00 € |   452,20 € | offen   |
| RE-2025-0873 | 12.11.2025 | Autohaus Ritter KG  | DE{d(9)} | 4.900,00 € | 5.831,00 € | Mahnung |
Summe offen: 6.283,20 € · Zahlungsziel 14 Tage""")

S("de", "json", json.dumps({"kunde_id": uid(), "name": "M. Vogt", "iban": "DE12 **** **** **** **** 34",
                            "steuer_id": "***********", "telefon": "+49 1** *** **12", "email": "m***@web.de",
                            "zahlungsanbieter": {"stripe_key": "sk_live_…(entfernt)", "mandat": "MNDT-2025-000441"},
                            "erstellt": "2025-11-25T07:14:03+01:00", "version": 7}, indent=2, ensure_ascii=False))

S("de", "chat", f"""Frage zur Sicherheit: Unser Login speichert Passwörter als bcrypt, z.B. steht in der DB {bcrypt_hash('2y', 10)}. API-Tokens speichern wir nur als SHA-256-Hash ({sha(64)}) und zeigen dem Nutzer nur die letzten 4 Zeichen (…{rnd(ALNUM, 4)}). Reicht das für ein Audit nach ISO 27001 oder brauchen wir zusätzlich einen Pepper?""")

S("de", "config", """# .env.example – Vorlage, wird von setup.sh kopiert
APP_ENV=local
APP_KEY=
DB_HOST=127.0.0.1
DB_PASSWORD=<bitte-setzen>
REDIS_PASSWORD=null
AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX
AWS_SECRET_ACCESS_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
SENTRY_DSN=""")

S("de", "prose", """Beispielkonfiguration aus unserem Handbuch (Kapitel 4.2): Für die Anbindung an S3 werden in der Dokumentation die offiziellen Beispielwerte von AWS verwendet, also Access Key AKIAIOSFODNN7EXAMPLE und Secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY. Der Testserver im Beispiel hat die Adresse 198.51.100.23, der Proxy 203.0.113.10. Den Header schreiben Sie als `Authorization: Bearer <token>`; ersetzen Sie <token> durch Ihr eigenes Token aus dem Kundenportal.""")

# =====================================================================================
# KOREAN
# =====================================================================================
rrn = kr_rrn(1990)
S("ko", "chat", f"""은행 앱 캡처한 거 OCR 돌렸는데 이거 보고 이번 달 고정지출 좀 정리해줘

KB국민은행 거래내역조회
예금주 : 박서연    계좌 : 4O28O1-**-***517
조회기간 : 2O25.1O.O1 ~ 2O25.1O.31
1O.O1  SKT 통신요금            -62,4OO
1O.O5  월세(김OO)             -65O,OOO
1O.1O  급여 (주)한빛소프트    +3,12O,OOO
1O.15  넷플릭스                -17,OOO
1O.25  KB손해보험              -48,2OO

아 그리고 연말정산 서류에 내 주민번호 {fw(rrn)} 이렇게 전각으로 들어가 있던데 이것도 맞는지 봐줘""",
  ("kr_rrn", fw(rrn)))

r1, r2, p1, p2 = kr_rrn(1968), kr_rrn(1994), kr_mobile(), kr_mobile(" ")
S("ko", "chat", f"""전세 계약서 특약 좀 봐줘. 등기부등본은 어제 떼봤어.

임대인: 최정호 (주민등록번호 {r1}) 연락처 {p1}
임차인: 이수민 (주민등록번호 {r2}) 연락처 {p2}
보증금: 금 삼억이천만원정 (₩320,000,000)
특약 1. 임대인은 잔금일 익일까지 선순위 근저당권을 말소한다.
특약 2. 전세자금대출 불가 시 계약은 무효로 하며 계약금은 즉시 반환한다.

이 정도면 안전한 거야?""", ("kr_rrn", r1), ("phone", p1), ("kr_rrn", r2), ("phone", p2))

hp = f"02-{R.randint(500, 599)}-{d(4)}"
S("ko", "chat", f"""실손보험 청구하려는데 영수증에 뭐 더 필요해?

[진료비 계산서·영수증]
환자등록번호 00418822   환자성명 정*호   주민번호 871203-1******
진료기간 2025-11-18 ~ 2025-11-18 (외래)
본인부담금 38,400원   공단부담금 61,200원
카드결제 신한 4518-44**-****-2231  승인번호 30118842
서울튼튼정형외과   대표전화 {hp}""", ("phone", hp))

rep, em = f"1588-{d(4)}", "minji.park＠naver.com"
S("ko", "chat", f"""이 문자 스미싱이야?

[Web발신]
[한빛택배] 고객님 주소불일치로 상품이 보관중입니다. 주소수정 hanbit-tb.kr/a8Kq2 문의 {rep}

혹시 답장해야 하면 결과는 내 메일 {em} 로 보내달라고 써줘""", ("phone", rep), ("email", em))

r1, r2, r3 = kr_rrn(1987), kr_rrn(1989), kr_rrn(2016)
S("ko", "chat", f"""연말정산 부양가족 공제 입력하는데 헷갈려
본인 {r1.replace('-', '')}
배우자 {r2}
자녀 {r3}
자녀가 2016년생이면 자녀세액공제 되는 거 맞지? 그리고 홈택스에는 하이픈 빼고 넣어야 돼?""",
  ("kr_rrn", r1.replace("-", "")), ("kr_rrn", r2), ("kr_rrn", r3))

arc, ph = kr_rrn(1995, 5), "+82 " + kr_mobile()[1:]
S("ko", "chat", f"""우리 회사 베트남 직원 4대보험 취득신고 해야 하는데 서식에 들어갈 내용 정리해줘.
이름 NGUYEN VAN AN
외국인등록번호 {arc}
휴대폰 {ph}
입사일 2025.11.03 / 월 보수 2,600,000원 / 주 40시간""", ("kr_rrn", arc), ("phone", ph))

ph, em = kr_mobile("."), "jiwoo_han 골뱅이 kakao.com"
S("ko", "chat", f"""쇼핑몰 회원가입 폼 대신 좀 채워줘 (이름/휴대폰/이메일/주소 순서)
이름 한지우
폰 {ph}
메일 {em}
주소 경기도 성남시 분당구 판교역로 166, 3층
생일은 선택이라 안 넣을래""", ("phone", ph), ("email", em))

c = card("mc")
cv = two_lines(fmt_card(c), 2)
S("ko", "chat", f"""해외결제 차단 풀려면 카드사에 뭐라고 말해야 돼? 카드번호는
{cv}
이고 유효기간 09/29, 현대카드야. 다음 주에 일본 가서 써야 돼""", ("card", cv))

ib = iban("DE")
S("ko", "chat", f"""독일 학교에 등록금 보내야 하는데 해외송금할 때 빠진 정보 있어?
Empfänger: Hochschule für Musik Nord
IBAN: {iban_spaced(ib)}
BIC: NOLADE2HXXX
Verwendungszweck: Matrikelnr. 2231847, WiSe 2025/26
담당자 메일: intl.office@musikhochschule-nord.de
금액 EUR 1,520""", ("iban", iban_spaced(ib)), ("email", "intl.office@musikhochschule-nord.de"))

pw, pub = password(), pub_ip()
S("ko", "chat", f"""ipTIME 공유기 포트포워딩 하는 법 알려줘. 관리자 주소 192.168.0.1, 아이디 admin 비번 {pw}. NAS 내부 IP는 192.168.0.15 이고 밖에서 {pub}:5001 로 접속하고 싶어""",
  ("ip_address", "192.168.0.1"), ("password", pw), ("ip_address", "192.168.0.15"), ("ip_address", pub))

p1, p2, p3 = kr_mobile(), kr_mobile(""), "+82-" + kr_mobile()[1:]
e2 = "haeun0412＠naver.com"
S("ko", "table", f"""아래 고객 명단에서 VIP만 뽑아서 감사 문자 문구 만들어줘
| 이름 | 연락처 | 이메일 | 등급 | 누적구매 |
|---|---|---|---|---|
| 김도윤 | {p1} | doyun.kim@gmail.com | VIP | 2,340,000 |
| 오하은 | {p2} | {e2} | 일반 | 310,000 |
| 장민호 | {p3} | minho.jang@daum.net | VIP | 1,980,000 |""",
  ("phone", p1), ("email", "doyun.kim@gmail.com"), ("phone", p2), ("email", e2), ("phone", p3), ("email", "minho.jang@daum.net"))

rrn, ph = kr_rrn(1993), fw(kr_mobile())
S("ko", "chat", f"""보험금 청구서 작성 도와줘
피보험자 윤지아 / 주민번호 {rrn} / 연락처 {ph}
사고일 2025년 11월 9일, 빙판길 미끄러짐 → 손목 골절 수술
수령계좌 카카오뱅크 (본인)
청구 사유 문장 자연스럽게 다듬어줘""", ("kr_rrn", rrn), ("phone", ph))

# --- KO developers / agents
kk = rnd(HEX, 32)
S("ko", "code", f"""카카오 로컬 API 호출이 401 나요 ㅠ

```bash
curl -v -G "https://dapi.kakao.com/v2/local/search/address.json" \\
  --data-urlencode "query=판교역로 166" \\
  -H "Authorization: KakaoAK {kk}"
```
응답: {{"errorType":"AccessDeniedError","message":"cannot find appKey"}}""", ("saas_token", kk))

ip, pw, tsk, js = priv_ip("10"), password_random(16), toss("sk"), rnd_mixed(ALNUM, 64)
S("ko", "config", f"""운영 배포 전에 application-prod.yml 리뷰 부탁드려요

```yaml
spring:
  datasource:
    url: jdbc:mysql://{ip}:3306/shop?serverTimezone=Asia/Seoul
    username: shop_svc
    password: {pw}
toss:
  payments:
    client-key: {toss('ck')}   # 프론트에서 사용
    secret-key: {tsk}
jwt:
  secret: {js}
  access-token-validity: 1800
```""", ("ip_address", ip), ("password", pw), ("payment_token", tsk), ("generic_secret", js))

ip, em, ph, tok = pub_ip(), "woosung.j@gmail.com", kr_mobile(), jwt({"sub": "member:448213", "role": "USER", "exp": 1764050000})
S("ko", "log", f"""2025-11-25 10:12:44.201 WARN  [http-nio-8080-exec-3] c.h.api.MemberController - 회원정보 수정 실패 ip={ip} body={{"name":"정우성","email":"{em}","phone":"{ph}"}}
2025-11-25 10:12:44.203 DEBUG [http-nio-8080-exec-3] c.h.security.JwtFilter - Authorization: Bearer {tok}
2025-11-25 10:12:44.207 ERROR [http-nio-8080-exec-3] c.h.api.GlobalExceptionHandler - DataIntegrityViolationException: Duplicate entry for key 'uk_member_phone' traceId={sha(32)}
""", ("ip_address", ip), ("email", em), ("phone", ph), ("jwt", tok))

xb, wh, at, fg = slack_bot(), slack_webhook(), atlassian(), figma()
res = {"tool": "get_integration_secrets", "input": {"name": "work-assistant"}, "output": {
    "slack": {"bot_token": xb, "alert_webhook": wh, "channel": "#배포-알림"},
    "jira": {"site": "hanbit.atlassian.net", "user": "bot", "api_token": at},
    "figma": {"personal_access_token": fg, "team_id": "1147728830125"}}}
S("ko", "json", "에이전트가 툴 호출하고 받은 결과를 그대로 답변에 붙여버렸어요. 어떤 걸 교체해야 하나요?\n" + json.dumps(res, indent=2, ensure_ascii=False),
  ("slack_token", xb), ("slack_webhook", wh), ("saas_token", at), ("saas_token", fg))

oa, hft, gk = openai_svc(), hf(), google_key()
S("ko", "code", f"""팀에 노트북 공유하기 전에 뭐 지워야 돼?

```python
# [1]
import os
os.environ["OPENAI_API_KEY"] = "{oa}"
os.environ["HF_TOKEN"] = "{hft}"
os.environ["GOOGLE_API_KEY"] = "{gk}"  # Gemini 비교용

# [2]
from datasets import load_dataset
ds = load_dataset("hanbit/review-ko", split="train[:1%]")
```""", ("openai_key", oa), ("huggingface_token", hft), ("google_api_key", gk))

a1, s1, a2, s2 = aws_key_id(), aws_secret(), aws_key_id(), aws_secret()
S("ko", "config", f"""aws cli에서 프로필 전환이 안 돼요. ~/.aws/credentials 내용:

[default]
aws_access_key_id = {a1}
aws_secret_access_key = {s1}
region = ap-northeast-2

[hanbit-prod]
aws_access_key_id={a2}
aws_secret_access_key={s2}
""", ("aws_access_key", a1), ("aws_secret_key", s1), ("aws_access_key", a2), ("aws_secret_key", s2))

pw, pw2, ec = password_random(20), pw_special(), pem("ec")
mu = f"mongodb+srv://admin:{pct(pw2)}@cluster0.x7kq2.mongodb.net/shop?retryWrites=true&w=majority"
S("ko", "code", f"""배포 스크립트인데 CI에서 왜 실패하는지 봐줘

```bash
echo "{pw}" | docker login harbor.hanbit.io -u 'robot$ci' --password-stdin
export MONGO_URI="{mu}"
cat > deploy_key.pem <<'EOF'
{ec}
EOF
ssh -i deploy_key.pem -l deploy bastion.hanbit.io ./release.sh
```""", ("password", pw), ("url_credentials", mu), ("private_key", ec))

tok, sess = jwt({"sub": "admin:12", "role": "ADMIN", "exp": 1764060000}), rnd(HEX.upper(), 32)
ck = [{"domain": ".hanbit-mall.co.kr", "name": "_ga", "value": "GA1.1.20481337.1761203377", "path": "/", "expirationDate": 1798000000, "httpOnly": False, "secure": False},
      {"domain": "admin.hanbit-mall.co.kr", "name": "ACCESS_TOKEN", "value": tok, "path": "/", "httpOnly": True, "secure": True, "sameSite": "strict"},
      {"domain": "admin.hanbit-mall.co.kr", "name": "JSESSIONID", "value": sess, "path": "/", "httpOnly": True, "secure": True},
      {"domain": "admin.hanbit-mall.co.kr", "name": "lang", "value": "ko", "path": "/", "httpOnly": False, "secure": False}]
S("ko", "json", "관리자 페이지 자동화하려고 쿠키 export 했는데 (EditThisCookie) 이걸로 requests 세션 만드는 코드 짜줘\n" + json.dumps(ck, indent=1),
  ("jwt", tok), ("generic_secret", sess))

dt, tg, dw = discord_token(), telegram(), discord_webhook()
S("ko", "code", f"""디스코드 봇이랑 텔레그램 봇 동시에 돌리는 코드인데 구조 좀 개선해줘

```python
# bot.py
DISCORD_TOKEN = "{dt}"
TELEGRAM_TOKEN = "{tg}"
ALERT_WEBHOOK = "{dw}"

async def main():
    await asyncio.gather(run_discord(DISCORD_TOKEN), run_telegram(TELEGRAM_TOKEN))
```""", ("discord_token", dt), ("telegram_token", tg), ("discord_webhook", dw))

# --- KO hard negatives
S("ko", "chat", f"""이번 달 카드값 왜 이렇게 많이 나왔지? 명세서 붙여넣을게
삼성카드 이용대금명세서 (카드번호 5310-12**-****-4417)
11/02 쿠팡 48,900원 승인번호 {d(8)}
11/05 배달의민족 23,500원 승인번호 {d(8)}
11/12 GS칼텍스 71,000원 (3개월 할부)
11/20 애플 코리아 4,400원
결제예정일 2025.12.14 / 결제금액 1,204,300원 / 포인트 3,412P""")

S("ko", "prose", f"""[CJ대한통운] 고객님의 상품이 배송 출발하였습니다.
운송장번호: {d(4)}-{d(4)}-{d(4)}
주문번호: 20251125-{d(7)}
상품명: 무선 청소기 필터 2입
배송예정: 11월 26일(수) 14~16시
부재 시 문 앞에 두겠습니다. 배송 조회는 앱에서 가능합니다.""")

S("ko", "json", json.dumps({"memberId": 448213, "name": "정*호", "rrn": "871203-1******", "phone": "010-****-5678",
                            "email": "mi***@naver.com", "cardNo": "4518-44**-****-2231", "grade": "GOLD",
                            "lastLoginAt": "2025-11-25T09:41:02+09:00", "traceId": uid()}, indent=2, ensure_ascii=False))

S("ko", "code", """## 시작하기

1. `.env.sample` 을 `.env` 로 복사
2. 아래 값을 본인 것으로 바꿔주세요

```
KAKAO_REST_API_KEY=발급받은_REST_API_키
OPENAI_API_KEY=sk-...
TOSS_SECRET_KEY=<토스_시크릿_키>
DB_PASSWORD=********
SLACK_BOT_TOKEN=xoxb-your-token-here
```

> 실제 키는 절대 커밋하지 마세요. 키가 노출되면 즉시 재발급하세요.""")

S("ko", "log", f"""[2025-11-25 13:02:11] 배포 시작 - hanbit-api v2.31.0 (빌드 #1187)
[2025-11-25 13:02:12] 커밋 {sha(40)} (main)
[2025-11-25 13:02:30] 이미지 푸시 완료 harbor.hanbit.io/api/hanbit-api@sha256:{sha(64)}
[2025-11-25 13:02:41] 헬스체크 http://127.0.0.1:8080/actuator/health → UP
[2025-11-25 13:02:41] 요청 ID {uid()} 처리 시간 41ms
[2025-11-25 13:02:45] 롤링 업데이트 3/3 완료, 소요 33초""")

S("ko", "config", f"""# .env.production (프론트엔드 – 브라우저에 그대로 노출되는 공개 키만 둡니다)
NEXT_PUBLIC_TOSS_CLIENT_KEY={toss('ck')}
NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY={stripe('pk_live_')}
NEXT_PUBLIC_RECAPTCHA_SITE_KEY={recaptcha_site()}
NEXT_PUBLIC_API_BASE=https://api.hanbit-mall.co.kr
NEXT_PUBLIC_BUILD_ID={sha(12)}""")

S("ko", "table", f"""| 구분 | 번호 |
|---|---|
| 상호 | (주)한빛소프트 |
| 사업자등록번호 | {d(3)}-{d(2)}-{d(5)} |
| 법인등록번호 | {kr_corp_regno()} |
| 통신판매업 신고 | 제2025-성남분당A-{d(4)}호 |
| 설립일 | 2011.01.11 |
| 자본금 | 500,000,000원 |""")

S("ko", "chat", f"""회원 비밀번호를 이렇게 저장하고 있는데 괜찮은 건지 봐줘
- 비밀번호: bcrypt (cost 10) 예) {bcrypt_hash('2a', 10)}
- 비밀번호 재설정 토큰: SHA-256 해시만 저장 예) {sha(64)}
- 화면에는 ******** 로만 표시
- 마지막 커밋 {sha(7)} 에서 salt 로직 수정함""")

S("ko", "prose", """개인정보 처리방침(안) 제5조 수집 항목 예시
- 필수: 이름, 휴대전화번호(예: 010-XXXX-XXXX), 생년월일(YYMMDD)
- 선택: 이메일 주소(예: ○○○@○○○.com)
- 주민등록번호는 수집하지 않으며, 본인확인 시에도 뒷자리는 저장하지 않습니다(예: 900101-1******).
- 결제 정보는 PG사가 보관하며, 회사는 카드번호 앞 6자리와 뒤 4자리만 저장합니다(예: 123456******7890).""")

# =====================================================================================
# JAPANESE
# =====================================================================================
mn = jp_mynumber()
S("ja", "chat", f"""源泉徴収票をスマホで撮ってOCRしたんだけど、これで医療費控除の確定申告いけるか見てほしい

令和6年分 給与所得の源泉徴収票
支払を受ける者  個人番号 {four(mn)}
氏名  山本 健太
支払金額 5,42O,OOO   給与所得控除後の金額 3,886,OOO
源泉徴収税額 1O8,5OO
支払者  株式会社ミドリ商事  法人番号 {jp_corp_number()}
""", ("jp_mynumber", four(mn)))

p1, p2, p3, em = jp_mobile(), fw(f"03-{d(4)}-{d(4)}"), jp_mobile(" ", "080"), "misaki.sato＠yahoo.co.jp"
S("ja", "chat", f"""賃貸の入居申込書、代わりに清書してほしい。

申込者：佐藤 美咲（会社員）
携帯：{p1}
勤務先電話：{p2}
メール：{em}
緊急連絡先：佐藤 和夫（父）{p3}
希望入居日：2025年12月20日""", ("phone", p1), ("phone", p2), ("email", em), ("phone", p3))

c, tel = card("jcb"), f"03-{d(4)}-{d(4)}"
S("ja", "chat", f"""病院の領収書です。医療費控除の明細書に書く内容をまとめて。

領収書 No.2025-118732
保険者番号 06130012  記号 1234  番号 56
患者負担金 12,340円
お支払い：クレジット（JCB ****-****-****-{c[-4:]}）
医療法人さくら会 さくら内科クリニック  TEL {tel}

カード会社の明細と突き合わせたいので一応カード番号も書いとく → {fmt_card(c)}""",
  ("phone", tel), ("card", fmt_card(c)))

fd, me = f"0120-{d(3)}-{d(3)}", jp_mobile("-", "070")
S("ja", "chat", f"""このSMS本物？

「【みどり銀行】お客様の口座で不審なお取引を検知しました。至急ご確認ください。お問い合わせ：{fd}（24時間受付）」

自分の携帯（{me}）にだけ来てて、夫のには来てない""", ("phone", fd), ("phone", me))

m1, m2, m3 = jp_mynumber(), jp_mynumber(), jp_mynumber()
S("ja", "chat", f"""年末調整の扶養控除等申告書、マイナンバー欄これで合ってる？
本人　{four(m1, '-')}
配偶者　{fw(m2)}
子（16歳未満）　{m3}
配偶者の分、会社のシステムが全角だとエラーになるっぽい""",
  ("jp_mynumber", four(m1, "-")), ("jp_mynumber", fw(m2)), ("jp_mynumber", m3))

nino, ph = nino_spaced(uk_nino()), "+44 " + uk_mobile()[1:]
S("ja", "chat", f"""イギリス駐在中で、HMRCに出す書類の英文をチェックしてほしい。

National Insurance number: {nino}
Phone: {ph}
I arrived in the UK on 2 September 2025 and started work for Midori Trading UK Ltd on 8 September.

住所は省略してます""", ("uk_nino", nino), ("phone", ph))

em, ph = "sato_k (at) gmail.com", jp_mobile(" ", "080")
S("ja", "chat", f"""通販サイトに出す問い合わせ文を作って。内容は「登録メールアドレスを {em} に、電話番号を {ph} に変更したい。あと注文番号 250-1125-4471 の配送先も新住所にしてほしい」って感じで。丁寧めに""",
  ("email", em), ("phone", ph))

c = card("visa")
g = fmt_card(c).split(" ")
cv = fw(g[0] + " " + g[1]) + "\n" + fw(g[2] + " " + g[3])
S("ja", "chat", f"""カードの不正利用っぽい。カード会社に連絡する文章考えて。
カード番号：{cv}
身に覚えのない利用：11/21 APPLE.COM/BILL ￥12,800、11/22 同じく ￥12,800
カードは手元にある""", ("card", cv))

pw, pub = password(), pub_ip()
S("ja", "chat", f"""Wi-Fiルーターの設定画面（192.168.10.1）にログインできない。ユーザー名 admin、パスワードは {pw} で合ってるはずなんだけど。プロバイダのマイページだと割り当てIPは {pub} になってる""",
  ("ip_address", "192.168.10.1"), ("password", pw), ("ip_address", pub))

p1, p2, p3 = jp_mobile(), jp_mobile(""), fw(jp_mobile("-", "070"))
e3 = "d-watanabe＠softbank.ne.jp"
S("ja", "table", f"""| 顧客名 | 電話 | メール | 最終購入日 |
|---|---|---|---|
| 高橋 翔 | {p1} | sho.takahashi@docomo.ne.jp | 2025/10/30 |
| 伊藤 さくら | {p2} | sakura.ito@icloud.com | 2025/11/02 |
| 渡辺 大輔 | {p3} | {e3} | 2025/11/19 |
この表から11月に購入した人だけ抜き出して、お礼メールの下書きを作って""",
  ("phone", p1), ("email", "sho.takahashi@docomo.ne.jp"), ("phone", p2), ("email", "sakura.ito@icloud.com"), ("phone", p3), ("email", e3))

mn, tel = jp_mynumber(), f"045-{d(3)}-{d(4)}"
S("ja", "chat", f"""証券口座の開設フォームを埋めるのを手伝って。
氏名　中村 陽子
個人番号　{mn}
電話　{tel}
引落口座　ゆうちょ銀行（記号・番号は後で入れる）
投資経験　投資信託 3年""", ("jp_mynumber", mn), ("phone", tel))

ph = "+81 90-" + d(4) + "-" + d(4)
S("ja", "chat", f"""職務経歴書の自己PRを添削してほしい。ヘッダーはこんな感じ：
小林 拓海 ｜ takumi.kobayashi.dev@gmail.com ｜ {ph} ｜ github.com/tkoba-dev
「バックエンドエンジニアとして5年間、決済システムの設計・開発に従事し…」""",
  ("email", "takumi.kobayashi.dev@gmail.com"), ("phone", ph))

# --- JA developers / agents
cw, bl = rnd(HEX, 32), rnd_mixed(ALNUM, 64)
S("ja", "code", f"""デプロイ通知のスクリプト、Backlogのほうだけ401になる

```bash
curl -X POST -H "X-ChatWorkToken: {cw}" \\
  -d "body=[info]本番デプロイ完了 v1.42.0[/info]" \\
  "https://api.chatwork.com/v2/rooms/{d(9)}/messages"

curl "https://midori.backlog.jp/api/v2/issues?apiKey={bl}&projectId[]=10442&statusId[]=1"
```""", ("saas_token", cw), ("saas_token", bl))

ls, lt, tw, tws = rnd(HEX, 32), line_token(), twilio_sk(), rnd_mixed(ALNUM, 32)
S("ja", "config", f"""# .env.production（LINE公式アカウント連携 / SMSフォールバック）
LINE_CHANNEL_ID=2006418827
LINE_CHANNEL_SECRET={ls}
LINE_CHANNEL_ACCESS_TOKEN={lt}
LIFF_ID=2006418827-{rnd_mixed(ALNUM, 8)}
TWILIO_API_KEY={tw}
TWILIO_API_SECRET={tws}
SMS_FROM_NAME=MIDORI
""", ("saas_token", ls), ("saas_token", lt), ("saas_token", tw), ("saas_token", tws))

ip, ph, em, tok = pub_ip(), jp_mobile(), "hanako.y@ezweb.ne.jp", jwt({"sub": "88213", "scope": "reserve", "exp": 1764070000})
S("ja", "log", f"""[2025-11-25T11:03:52.118+09:00] INFO  reservation.create user_id=88213 ip={ip} payload={{"name":"山田 花子","tel":"{ph}","mail":"{em}","people":2}}
[2025-11-25T11:03:52.131+09:00] DEBUG auth header=Bearer {tok}
[2025-11-25T11:03:52.140+09:00] INFO  reservation.create ok reservation_id=R-20251125-0447 request_id={uid()}
""", ("ip_address", ip), ("phone", ph), ("email", em), ("jwt", tok))

aa, xa, rp, px = anthropic_admin(), xai(), replicate(), pplx()
mcp = {"jsonrpc": "2.0", "id": 7, "result": {"content": [{"type": "text", "text":
       f"# /srv/agents/.env\nANTHROPIC_ADMIN_KEY={aa}\nXAI_API_KEY={xa}\nREPLICATE_API_TOKEN={rp}\nPERPLEXITY_API_KEY={px}\nLOG_LEVEL=info\nMAX_TOKENS=4096\n"}],
       "isError": False}}
S("ja", "json", "MCPのfilesystemサーバー経由でエージェントが読んだ結果がこれ。ログに残ってるのまずい？\n" + json.dumps(mcp, indent=2),
  ("anthropic_key", aa), ("ai_api_key", xa), ("ai_api_key", rp), ("ai_api_key", px))

gh, nt, py, rg = github("ghp_"), npm(), pypi(), rubygems()
S("ja", "config", f"""新しいMacに移行したら publish 系が全部動かない。設定ファイルの中身：

$ cat ~/.npmrc
@midori:registry=https://npm.pkg.github.com
//npm.pkg.github.com/:_authToken={gh}
//registry.npmjs.org/:_authToken={nt}
$ cat ~/.pypirc
[pypi]
  username = __token__
  password = {py}
$ cat ~/.gem/credentials
---
:rubygems_api_key: {rg}
""", ("github_token", gh), ("npm_token", nt), ("package_registry_token", py), ("package_registry_token", rg))

pw = pw_special()
bb, pp = b64("kintone-bot:" + pw), pct(pw)
S("ja", "code", f"""kintone API、-u だと通らない。どれが正しい？

```bash
curl -u 'kintone-bot:{pw}' "https://midori.cybozu.com/k/v1/records.json?app=12"

# ↓ヘッダ直書き版（ログイン名:パスワードのBase64）
curl -H "X-Cybozu-Authorization: {bb}" "https://midori.cybozu.com/k/v1/records.json?app=12"

# ↓フォームPOST版
curl -d "login_id=kintone-bot&password={pp}" https://midori.cybozu.com/login
```""", ("password", pw), ("password", bb), ("password", pp))

sk, ip = openssh_key(), pub_ip()
S("ja", "chat", f"""サーバーに入れない。鍵は ~/.ssh/id_ed25519 の中身これ：

{sk}

接続先は {ip}、ユーザーは deploy。`Permission denied (publickey)` になる。authorized_keys には公開鍵入れたはず""",
  ("private_key", sk), ("ip_address", ip))

pw = password_random(20)
h64, p64 = b64("10.0.5.21"), b64(pw)
S("ja", "log", f"""$ kubectl get secret app-db -n midori-prod -o yaml
apiVersion: v1
data:
  DB_HOST: {h64}
  DB_NAME: {b64('midori')}
  DB_PASSWORD: {p64}
  DB_USER: {b64('midori_app')}
kind: Secret
metadata:
  creationTimestamp: "2025-10-02T03:11:48Z"
  name: app-db
  namespace: midori-prod
  resourceVersion: "48821734"
  uid: {uid()}
type: Opaque

↑これをチケットに貼っちゃったんだけど、Base64だから大丈夫だよね？""", ("ip_address", h64), ("password", p64))

al, als, tc, tcs = alibaba_id(), rnd_mixed(ALNUM, 30), tencent_id(), rnd_mixed(ALNUM, 32)
S("ja", "config", f"""# providers.tf  （検証用に直書き、後で変数化する）
provider "alicloud" {{
  access_key = "{al}"
  secret_key = "{als}"
  region     = "ap-northeast-1"
}}

provider "tencentcloud" {{
  secret_id  = "{tc}"
  secret_key = "{tcs}"
  region     = "ap-tokyo"
}}
""", ("cloud_token", al), ("cloud_token", als), ("cloud_token", tc), ("cloud_token", tcs))

# --- JA hard negatives
S("ja", "chat", f"""今月のカード明細、この「AMAZON DOWNLOADS」って何？
カード番号 **** **** **** {d(4)}
11/03 AMAZON DOWNLOADS ￥550  承認番号 {d(6)}
11/08 ＪＲ東日本モバイルＳｕｉｃａ ￥5,000
11/15 セブン－イレブン ￥1,284
お支払日 2025/12/10  ご請求額 ￥48,213""")

v = bad_12()
S("ja", "prose", f"""【ヤマト運輸】お荷物お届けのお知らせ
伝票番号：{v[:4]}-{v[4:8]}-{v[8:]}
ご注文番号：D{d(2)}-{d(7)}-{d(7)}
お届け予定日時：11月26日(水) 14時～16時
ご不在の場合は宅配ボックスへお届けします。お届け日時の変更はクロネコメンバーズから。""")

S("ja", "json", json.dumps({"user_id": 88213, "name": "山田 花子", "my_number": "************", "tel": "090-****-5678",
                            "mail": "h***@ezweb.ne.jp", "card": {"brand": "JCB", "last4": "0017", "expiry": "**/**"},
                            "updated_at": "2025-11-25T11:03:52+09:00", "request_id": uid()}, indent=2, ensure_ascii=False))

S("ja", "code", """## セットアップ

`.env.example` をコピーして `.env` を作成し、以下を自分の値に置き換えてください。

```
OPENAI_API_KEY=sk-xxxxxxxx
LINE_CHANNEL_ACCESS_TOKEN=<チャネルアクセストークン>
CHATWORK_API_TOKEN=（ここにトークン）
DATABASE_URL=mysql://root:root@localhost:3306/app
```

※ 本物のキーをSlackやチケットに貼らないこと。""")

S("ja", "log", f"""##[section]Starting: ビルド (#20251125.7)
コミット {sha(40)} / ブランチ release/1.42
Node v22.11.0, pnpm 9.14.2
依存関係ハッシュ sha512-{rnd(ALNUM + '+/', 86)}==
テスト 1,204件 成功 / 0件 失敗 (41.8s)
アーティファクト midori-web-1.42.0.tgz sha256={sha(64)}
プレビュー http://127.0.0.1:4173/ (bind 0.0.0.0)
ジョブID {uid()}
##[section]Finishing: ビルド""")

S("ja", "config", f"""// src/config/public.js  ブラウザ配布用（公開前提のキーのみ）
export default {{
  stripePublishableKey: '{stripe('pk_live_')}',
  mapboxAccessToken: '{mapbox('pk')}',
  recaptchaSiteKey: '{recaptcha_site()}',
  algoliaAppId: 'Q2H8LM1K0W',
  algoliaSearchKey: '{rnd(HEX, 32)}',
}};""")

cn1, cn2 = jp_corp_number(), jp_corp_number()
S("ja", "table", f"""| 請求書番号 | 発行日 | 取引先 | 法人番号 | 登録番号 | 金額（税込） |
|---|---|---|---|---|---|
| INV-2025-1101 | 2025/11/01 | 株式会社ミドリ商事 | {cn1} | T{cn1} | ¥330,000 |
| INV-2025-1102 | 2025/11/05 | 有限会社タカハシ工業 | {cn2} | T{cn2} | ¥88,000 |
| INV-2025-1103 | 2025/11/12 | 株式会社ミドリ商事 | {cn1} | T{cn1} | ¥1,210,000 |""")

S("ja", "chat", f"""DBのパスワード列がこんな感じ（{bcrypt_hash('2b', 10)}）なんだけど、これって復号できるの？あとAPIキーは先頭8文字だけ表示して残りは伏せてる（sk-proj-AbC…）。監査で「ハッシュ値もマスクしろ」って言われたけど必要？ 参考: 対象コミット {sha(40)}""")

S("ja", "prose", """社内Wiki「APIクライアント設定例」より：
アクセスキーには AWS 公式ドキュメントのサンプル値（AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY）を例として記載しています。接続先サーバーは 192.0.2.10、フェイルオーバー先は 198.51.100.7 を仮の値としています。トークンは `sk-xxxxxxxxxxxxxxxx` の形式で、実際の値は各自のVaultから取得してください。""")

write_corpus(OUT, sys.argv[1])
