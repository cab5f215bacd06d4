"""Fresh set 13a (2026-11-25): written by a helper who read only fakegen.py, never the rules
(en/ko/de/ja); scored once (docs/detection.md). Values are generated (fake): see fakegen.py.
Usage: python3 fresh13a_2026_11_25.py OUT.jsonl
"""
import sys, os, base64, json, string
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *  # noqa
from fakegen import R, rnd, rnd_mixed, ALNUM, HEX
seed(1310)
OUT = []
S = sample_adder(OUT, "f13a")
# S(lang, kind, text, (type, value), (type, value), ...)

DIG = string.digits

# ---------------------------------------------------------------- local helpers
_FW = str.maketrans("0123456789-", "０１２３４５６７８９－")


def fw(s):
    """Full-width digits and hyphen, as typed with a Japanese/Korean IME."""
    return s.translate(_FW)


def iban_ok(v):
    v = v.replace(" ", "")
    s = v[4:] + v[:4]
    return int("".join(str(int(c, 36)) for c in s)) % 97 == 1


def iban_bad(cc):
    """An IBAN-shaped string whose check digits are wrong (fails mod 97)."""
    v = iban(cc)
    while True:
        chk = (int(v[2:4]) + R.randint(1, 40)) % 100
        w = f"{v[:2]}{chk:02d}{v[4:]}"
        if not iban_ok(w):
            return w


def not_luhn(length, first="123456789"):
    body = rnd(first, 1) + rnd(DIG, length - 2)
    good = int(luhn_check(body))
    return body + str((good + R.randint(1, 9)) % 10)


def rrn_ok(v):
    d = v.replace("-", "")
    w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
    return (11 - sum(int(a) * b for a, b in zip(d, w)) % 11) % 10 == int(d[12])


def kr_corp_no():
    """법인등록번호-shaped (6-7 digits, 7th digit 0) that does not pass the RRN check."""
    while True:
        v = R.choice(["110111", "131111", "134511", "160111", "180111"]) + "-0" + rnd(DIG, 6)
        if not rrn_ok(v):
            return v


def kr_biz_no():
    """사업자등록번호 with its own check digit."""
    d = [int(x) for x in rnd("123456789", 1) + rnd(DIG, 8)]
    w = [1, 3, 7, 1, 3, 7, 1, 3, 5]
    s = sum(a * b for a, b in zip(d, w)) + (d[8] * 5) // 10
    c = (10 - s % 10) % 10
    n = "".join(map(str, d)) + str(c)
    return f"{n[:3]}-{n[3:5]}-{n[5:]}"


def jp_corp_no():
    """法人番号: 13 digits, leading check digit."""
    body = rnd("123456789", 1) + rnd(DIG, 11)
    s = sum(int(p) * (1 if i % 2 == 0 else 2) for i, p in enumerate(reversed(body)))
    return str(9 - s % 9) + body


def nino_sp(v):
    return f"{v[:2]} {v[2:4]} {v[4:6]} {v[6:8]} {v[8]}"


def steuer_sp(v):
    return f"{v[:2]} {v[2:5]} {v[5:8]} {v[8:]}"


def four(v, sep=" "):
    return sep.join(v[i:i + 4] for i in range(0, len(v), 4))


def basic(user, pw):
    return base64.b64encode(f"{user}:{pw}".encode()).decode()


def openrouter():
    return "sk-or-v1-" + rnd(HEX, 64)


# =============================================================== ENGLISH (30)
# ---- administrative paperwork (12)
ssn = us_ssn()
S("en", "prose", f"""NEW HIRE PACKET - Section 2: Employee information
Legal name: Marisol Q. Duarte
Preferred e-mail: marisol.duarte@example.com
Mobile: (512) 846-2290
Social Security Number: {ssn}
Start date: 01/05/2027     Dept: Finance Ops     Manager: T. Okafor
Employee ID (assigned by HR): E-204518
Please return this page to people-ops before your first day.""",
  ("email", "marisol.duarte@example.com"), ("phone", "(512) 846-2290"), ("us_ssn", ssn))

n1, n2 = uk_nino(), uk_nino()
i1, i2 = iban("GB"), iban("GB")
S("en", "table", f"""PAYROLL CHANGE REQUEST  -  ref PCR-2026-1147  -  effective 1 Dec 2026
Requested by: Payroll (Leeds)

Employee              NI number          New bank account (IBAN)              Reason
--------------------  -----------------  -----------------------------------  -------------
Priya Raman           {nino_sp(n1)}      {iban_spaced(i1)}         switched bank
Owen Gallagher        {n2}          {i2}               joint account

Approved: H. Whitcombe, 18/11/2026""",
  ("uk_nino", nino_sp(n1)), ("iban", iban_spaced(i1)), ("uk_nino", n2), ("iban", i2))

aad = aadhaar()
S("en", "prose", f"""Can you help me fill the Schengen visa form? Here's my info:
Applicant: Karthik Subramanian, born 14 Feb 1991 in Chennai
Aadhaar: {four(aad)}
Mobile (India): +91 98450 31277
Email: karthik.s1991@example.in
Travel: AI 131 BOM-FRA on 12 Jan, return LH 756 on 26 Jan, PNR 6XQ2LM
Hotel booking confirmation no. 88412093""",
  ("in_aadhaar", four(aad)), ("phone", "+91 98450 31277"), ("email", "karthik.s1991@example.in"))

ssn = us_ssn(sep=" ")
amex = card("amex")
S("en", "chat", f"""Hi Dana, thanks for approving the application for Unit 4B!
For the background check my SSN is {ssn}, and you can put the $500 holding deposit on my Amex {fmt_card(amex)} (exp 09/29).
Best number to reach me is 347-920-1186 after 5pm. -- Jordan""",
  ("us_ssn", ssn), ("card", fmt_card(amex)), ("phone", "347-920-1186"))

st, par = sg_nric(), sg_nric()
S("en", "prose", f"""ST. ANDREW'S INTERNATIONAL SCHOOL - ENROLMENT FORM (Primary 3, 2027 intake)
Student name: Lim Jia Hui          NRIC/Birth Cert No.: {st}
Date of birth: 03-07-2018          Nationality: Singaporean
Parent/Guardian: Lim Wei Ming      NRIC: {par}
Handphone: +65 9137 2264           Home: 6743 1190
Email: weiming.lim@example.sg
Previous school: Rosyth School (transfer cert. no. TC/2026/0391)""",
  ("sg_nric", st), ("sg_nric", par), ("phone", "+65 9137 2264"), ("phone", "6743 1190"),
  ("email", "weiming.lim@example.sg"))

s_own, s_sp = us_ssn(sep=""), us_ssn(sep=" ")
S("en", "prose", f"""From: Greg Halvorsen <greg.halvorsen@example.net>
To: Beacon Tax Prep <intake@beacontaxprep.com>
Subject: 2026 return - missing info

Hi Renata,
Sorry for the delay. My SSN is {s_own} and my wife Carla's is {s_sp}.
Her W-2 is from Lakeview Dental (employer EIN 84-2279135), box 1 wages $61,240.
We moved in June, new address is 1182 Alder Ct, Boise ID 83704.

Greg Halvorsen
(208) 555-0143""",
  ("email", "greg.halvorsen@example.net"), ("email", "intake@beacontaxprep.com"),
  ("us_ssn", s_own), ("us_ssn", s_sp), ("phone", "(208) 555-0143"))

nir = fr_nir()
fri = iban("FR")
S("en", "prose", f"""Medical expense claim - expatriate plan (policy EXP-77120-FR)
Insured member: Camille Roussel
French social security number (NIR): {nir}
Treatment: physiotherapy, 6 sessions, Lyon, total EUR 342.00
Refund to account: {iban_spaced(fri)}  (BIC AGRIFRPP839)
Contact: camille.roussel@example.fr
Claim lodged online 21/11/2026, claim no. CLM-2026-558013""",
  ("fr_nir", nir), ("iban", iban_spaced(fri)), ("email", "camille.roussel@example.fr"))

d1, n1b = iban("DE"), iban("NL")
S("en", "json", json.dumps({
    "paymentId": "pmt_7f3c1a09",
    "status": "ACSC",
    "instructedAmount": {"currency": "EUR", "amount": "2450.00"},
    "debtorAccount": {"iban": d1},
    "debtorName": "Henrike Vogel",
    "creditorAccount": {"iban": n1b},
    "creditorName": "Jansen Verhuur B.V.",
    "remittanceInformationUnstructured": "Huur december 2026 / contract 2024-118",
    "endToEndId": "E2E-20261201-000883",
    "bookingDate": "2026-12-01"}, ensure_ascii=False, indent=2),
  ("iban", d1), ("iban", n1b))

bsn = nl_bsn()
nli = iban("NL")
S("en", "prose", f"""ANNUAL PENSION STATEMENT 2026 (UPO)
Participant: Mr. D. van den Berg
Citizen service number (BSN): {bsn[:4]}.{bsn[4:6]}.{bsn[6:]}
Date of birth: 22-09-1969
Accrued old-age pension at 68: EUR 14,882 gross per year
Payment account on file: {iban_spaced(nli)}
Participant number: 2039-44817-3  |  Scheme: PFZW""",
  ("nl_bsn", f"{bsn[:4]}.{bsn[4:6]}.{bsn[6:]}"), ("iban", iban_spaced(nli)))

dni, nie, cf, mn, rrn, ssn = es_dni(), es_nie(), it_cf(), jp_mynumber(), kr_rrn(), us_ssn()
S("en", "table", f"""employee_id,country,full_name,national_id,work_email,mobile
100481,ES,Lucia Ferrer Gil,{dni},lucia.ferrer@example.com,+34 612 448 190
100482,ES,Andrei Popescu,{nie},andrei.popescu@example.com,+34 699 201 337
100483,IT,Matteo Bianchi,{cf},matteo.bianchi@example.com,+39 347 118 2290
100484,JP,Sato Haruka,{mn},haruka.sato@example.com,+81 90-4412-7781
100485,KR,Park Ji-won,{rrn},jiwon.park@example.com,+82 10-5521-0374
100486,US,Ethan Brooks,{ssn},ethan.brooks@example.com,+1 (617) 408-2215""",
  ("es_dni", dni), ("email", "lucia.ferrer@example.com"), ("phone", "+34 612 448 190"),
  ("es_dni", nie), ("email", "andrei.popescu@example.com"), ("phone", "+34 699 201 337"),
  ("it_codice_fiscale", cf), ("email", "matteo.bianchi@example.com"), ("phone", "+39 347 118 2290"),
  ("jp_mynumber", mn), ("email", "haruka.sato@example.com"), ("phone", "+81 90-4412-7781"),
  ("kr_rrn", rrn), ("email", "jiwon.park@example.com"), ("phone", "+82 10-5521-0374"),
  ("us_ssn", ssn), ("email", "ethan.brooks@example.com"), ("phone", "+1 (617) 408-2215"))

ssn = us_ssn()
ssn_split = ssn[:7] + "\n" + ssn[7:]
S("en", "prose", f"""[scanned W-4, OCR output]
Step 1: Enter Personal Information
(a) First name and middle initial   Last name               (b) Social security number
    DEVON R                         MCALLISTER                  {ssn_split}
Address 4471 N Kedzie Ave Apt 2
City or town, state, and ZIP code  Chicago IL 60625
(c) [X] Single or Married filing separately""",
  ("us_ssn", ssn_split))

vc = card("visa")
S("en", "prose", f"""Subject: Disputed charge - order #A-55102938

Hello,
I'm disputing a charge of $1,249.00 from "TECHDEPOT*ONLINE" on 11/14. I never received the laptop.
My card number is {fmt_card(vc)}. The merchant's own receipt shows it as card ending {vc[-4:]}.
Transaction ref on my statement: 24692166318000177402293.
Please call me if you need anything else.

Aisha Bello
aisha.bello@example.org | +1 404 771 0958""",
  ("card", fmt_card(vc)), ("email", "aisha.bello@example.org"), ("phone", "+1 404 771 0958"))

# ---- conversations and messages (9)
S("en", "chat", """[Live chat - NetSpeed Support - 22 Nov 2026 19:04]
Agent (Kelsey): Thanks for waiting! Can I get the account holder's email and a callback number?
Customer: sure, its tom.whitaker88@example.com and my cell is 971-388-2046
Agent (Kelsey): I can see your modem came back online at 18:52 with WAN address 73.162.40.18, but the line is flapping.
Agent (Kelsey): Your router's LAN IP should be 192.168.0.1 - can you open that in a browser?
Customer: ok it's asking for a login
Agent (Kelsey): Ticket #NS-4471203 opened, a tech will call your cell tomorrow between 8 and 12.""",
  ("email", "tom.whitaker88@example.com"), ("phone", "971-388-2046"),
  ("ip_address", "73.162.40.18"), ("ip_address", "192.168.0.1"))

wpw = password()
S("en", "chat", f"""[SMS]  +44 7700 900461
Hi Sam, it's Fiona your host! Key box code is on the green door. WiFi is "Cottage_Guest", password {wpw}
Checkout is 10am Sunday. Any issues just text me here or ring the house phone 01539 448 210.
[You] Thanks Fiona, we've arrived, all good!""",
  ("phone", "+44 7700 900461"), ("password", wpw), ("phone", "01539 448 210"))

S("en", "prose", """From: Rohan Patel <r.patel@northwind-legal.co.uk>
Sent: Monday, 23 November 2026 09:12
To: 'Emma Clarke' <emma.clarke@example.co.uk>
Subject: RE: Completion date - 14 Hollins Lane

Emma, completion is confirmed for Friday. Funds must reach our client account by 11am.

> On Fri, 20 Nov 2026, Emma Clarke wrote:
> Could you send the statement to my personal address instead, emma dot clarke at example dot co dot uk?
> My mobile is 07911 284 337 if the agent needs me.

Kind regards,
Rohan Patel | Associate Solicitor
Northwind Legal LLP | DDI: 0161 496 0753 | M: +44 (0)7700 900 812
r.patel (at) northwind-legal (dot) co.uk""",
  ("email", "r.patel@northwind-legal.co.uk"), ("email", "emma.clarke@example.co.uk"),
  ("email", "emma dot clarke at example dot co dot uk"), ("phone", "07911 284 337"),
  ("phone", "0161 496 0753"), ("phone", "+44 (0)7700 900 812"),
  ("email", "r.patel (at) northwind-legal (dot) co.uk"))

ok = openai_proj()
dbpw = password_random(16)
dburl = f"postgresql://app_rw:{dbpw}@pg-staging.internal:5432/orders"
S("en", "chat", f"""#backend  (Slack)
jamie.h  10:41  why does staging 500 on /checkout? here's my .env in case it's config
```
NODE_ENV=staging
OPENAI_API_KEY={ok}
DATABASE_URL={dburl}
REDIS_HOST=redis-staging.internal
```
mira.k  10:43  jamie pls delete that message and rotate both, this channel has contractors in it
jamie.h  10:44  oops. deleting""",
  ("openai_key", ok), ("url_credentials", dburl))

tpw = password()
S("en", "chat", f"""Manny: hey can you check the supplier portal for me? I'm stuck in the airport
Manny: login is mkhan@example.com, temp password they emailed me is {tpw}
Manny: it makes you change it on first login so just set it to anything and tell me
Jess: on it, give me 10 min""",
  ("email", "mkhan@example.com"), ("password", tpw))

S("en", "log", """TICKET INC-0088214  |  Priority P3  |  Opened by: l.osei@example.com
User reports VPN drops every ~20 min.
2026-11-24 08:14:02 vpn-gw01 IKE SA established peer=86.14.201.77 assigned=10.8.14.203 mask=255.255.255.0
2026-11-24 08:33:47 vpn-gw01 DPD timeout on same peer (no response in 30s)
2026-11-24 08:33:49 vpn-gw01 tunnel down, local health probe 127.0.0.1:8443 OK
Note from L1: laptop hostname LT-LOSEI-02, Wi-Fi IP 192.168.1.164, ISP router at home.""",
  ("email", "l.osei@example.com"), ("ip_address", "86.14.201.77"), ("ip_address", "10.8.14.203"),
  ("ip_address", "192.168.1.164"))

apw = password_random(14)
b = basic("svc-reporting", apw)
S("en", "code", f"""# This works from my laptop but not from the cron box (172.16.9.40), any idea?
curl -sS -X GET "https://jira.example-corp.com/rest/api/2/search?jql=project=FIN" \\
  -H "Authorization: Basic {b}" \\
  -H "Accept: application/json"
# -> 403 from the cron box. - sent by dana.whitfield@example-corp.com""",
  ("ip_address", "172.16.9.40"), ("password", b), ("email", "dana.whitfield@example-corp.com"))

S("en", "chat", """Family trip planning group 🧳
Aunt Ruth: Numbers for while we're abroad, save them!
Aunt Ruth: Me (US): +1 520-331-8842
Aunt Ruth: Klaus in Munich: +49 176 2384 1190
Aunt Ruth: Yuki in Osaka: 080-2231-7764 (from overseas +81 80 2231 7764)
Aunt Ruth: Min-seo in Seoul: +82 10 4471 2290
Aunt Ruth: Hotel in Paris: +33 1 42 68 53 00
Ben: got them, thanks!""",
  ("phone", "+1 520-331-8842"), ("phone", "+49 176 2384 1190"), ("phone", "080-2231-7764"),
  ("phone", "+81 80 2231 7764"), ("phone", "+82 10 4471 2290"), ("phone", "+33 1 42 68 53 00"))

gj, gk = gcp_sa_json("acme-billing-prod")
S("en", "chat", f"""[Teams] Chris L. 15:02
Deploy is failing with "invalid_grant". This is the key file the pipeline uses, can someone see what's wrong?
{gj}
[Teams] Nadia R. 15:04
Chris that's the live service account key - revoke it in IAM now please, I'll generate a new one.""",
  ("gcp_credentials", gj), ("private_key", gk),
  ("email", "ci-deployer@acme-billing-prod.iam.gserviceaccount.com"))

# ---- hard negatives (9)
S("en", "prose", """RECEIPT - Harbor Street Pharmacy #0412
11/23/2026 14:07   Register 3   Cashier: DEB
Item                           Qty    Amount
Allergy relief 24ct             1      18.49
Vitamin D3 2000IU               2      21.98
Subtotal 40.47  Tax 3.34  TOTAL 43.81
VISA CREDIT   XXXX XXXX XXXX 4821   Chip
AUTH CODE 04471C   REF 662910083315
APPROVED - Thank you! Rx savings ID: RX-2291-884""")

S("en", "prose", """Dear Ms. Okonkwo,
This letter confirms your employment with Brightwater Logistics Inc. as Senior Analyst since 03/14/2019.
Employee ID: BWL-0041187        SSN on file: ***-**-6789
Date of birth: 1987-03-14       Annual base salary: $92,500.00
This verification was requested by Meridian Property Mgmt (request no. VOE-2026-11873).
HR Shared Services""")

S("en", "prose", """Your trip confirmation  |  Booking reference: K7TQ9M
Passenger: MR JAMES OCONNELL       Frequent flyer: BA ****5527
Flight BA 0287  LHR -> SFO  02 FEB 2027  dep 11:20  seat 42K
Flight BA 0286  SFO -> LHR  16 FEB 2027  dep 19:45  seat 38A
E-ticket number: 125-2187746539
Fare paid: GBP 842.17 (card ending 1002)""")

bi = iban_bad("GB")
S("en", "prose", f"""INVOICE INV-2026-00917          Date: 20/11/2026     Due: 20/12/2026
Supplier: Kestrel Data Services Ltd, Company No. 08812274, VAT Reg. GB 284 5519 07
Customer PO: PO-77341
Consulting days (Nov) 6 x GBP 750.00 = GBP 4,500.00   VAT 20% = GBP 900.00
Total due GBP 5,400.00
Pay to: {iban_spaced(bi)}  (sort code 40-47-84)
Please quote the invoice number as your payment reference.""")

S("en", "prose", f"""Shipment update for order #114-8832019-2271044
UPS tracking: 1Z 9W8 E71 03 4471 2290
Carrier handoff: USPS 9400 1118 9922 3344 5517 02
Ship to: 221 Elm St, Springfield, OR 97477
Delivered 11/21/2026 3:12 PM - Front porch. Package weight 4.2 lb.
Item: Router AX3000 (S/N 4417-220-9861-03)""")

S("en", "prose", """Claim acknowledgement
Policy number: HOP-4420-118-7734     Claim number: 26-0099-1472-C
Date of loss: 10/30/2026             Type: Water damage (kitchen)
Policyholder SSN on file: XXX-XX-4410
Deductible: $1,000    Estimated payout pending adjuster visit on 12/02.
Your adjuster's employee number is ADJ-38812. Please keep all receipts.""")

S("en", "log", """2026-11-24T09:12:44.118Z INFO  req_id=9f1c2e7a-44b1-4c0e-9a51-2d7f3b6e8c10 method=POST path=/api/v1/orders status=201 dur=84ms client=203.0.113.45
2026-11-24T09:12:44.207Z INFO  order_id=ORD-20261124-008812 amount=129.90 currency=EUR items=3
2026-11-24T09:12:45.002Z DEBUG cache hit key=sha256:3b7e9c1d8a4f02e6b5c7d9e1f3a5b7c9d1e3f5a7b9c1d3e5f7a9b1c3d5e7f9a1
2026-11-24T09:12:45.310Z WARN  upstream=198.51.100.23:8080 retry=1 reason=timeout
2026-11-24T09:12:45.911Z INFO  health probe 127.0.0.1:9090 ok build=4f2a91c""")

S("en", "config", """# docker-compose.override.yml - secrets come from the vault agent, never commit values
services:
  api:
    image: registry.example.com/shop/api:2.14.3
    environment:
      DB_HOST: db
      DB_USER: shop_app
      DB_PASSWORD: ${DB_PASSWORD}
      STRIPE_SECRET_KEY: ${STRIPE_SECRET_KEY:?must be set}
      SENTRY_DSN: ""
      LOG_LEVEL: info
    ports:
      - "8080:8080\"""")

S("en", "prose", """Notice CP14 - Balance Due
Tax year: 2025          Notice date: November 16, 2026
Taxpayer ID number: XXX-XX-3021
Letter ID: L0917-22 ; Control number: 0348 2217 5569
Amount due by December 7, 2026: $1,318.44 (includes penalty $62.10 and interest $14.84)
To pay online use the payment reference 2025-1040-CP14-66318.""")


# ================================================================ KOREAN (30)
# ---- 행정 서류 (12)
rrn = kr_rrn(year=1994)
S("ko", "prose", f"""[입사 서류 제출 안내 - 회신]
안녕하세요 인사팀 담당자님, 요청하신 정보 보내드립니다.
성명: 정다은
주민등록번호: {rrn}
휴대폰: 010-4827-3319
개인 이메일: daeun.jung94@example.co.kr
입사일: 2027년 1월 2일 / 사번은 아직 안 나왔다고 들었습니다.
급여계좌 통장사본은 첨부파일로 드립니다.""",
  ("kr_rrn", rrn), ("phone", "010-4827-3319"), ("email", "daeun.jung94@example.co.kr"))

r1, r2, r3 = kr_rrn(), kr_rrn(), kr_rrn()
S("ko", "table", f"""2026년 12월 급여 변경 대상자 명단 (인사팀 → 재무팀)
작성일: 2026-11-24  문서번호: HR-2026-1187

 성명      | 주민등록번호      | 연락처          | 변경 사유
-----------+------------------+-----------------+-----------
 한지훈    | {r1}   | 010-2294-7781   | 승진
 오세린    | {r2}   | 010 3381 5520   | 육아휴직 복귀
 배민재    | {r3}   | 01077410932     | 부서 이동""",
  ("kr_rrn", r1), ("phone", "010-2294-7781"), ("kr_rrn", r2), ("phone", "010 3381 5520"),
  ("kr_rrn", r3), ("phone", "01077410932"))

rrn = kr_rrn(year=1988)
frrn = fw(rrn)
S("ko", "prose", f"""[스캔 문서 OCR 결과 - 전입신고서]
신고인 성명 : 윤 서 연
주민등록번호：{frrn}
전 주소 : 경기도 성남시 분당구 정자일로 95, 1203호
새 주소 : 서울특별시 마포구 월드컵북로 400, 7층
전화번호：{fw("010-6612-0478")}
신고일 : 2026년 11월 20일""",
  ("kr_rrn", frrn), ("phone", fw("010-6612-0478")))

arc = kr_rrn(year=1988, gender=5)
ssn = us_ssn()
S("ko", "prose", f"""미국 국적 직원 연말정산 서류 확인 부탁드립니다.
- 성명: Michael Torres
- 외국인등록번호: {arc}
- 미국 SSN (본국 세금 신고용): {ssn}
- 연락처: 010-9931-2207 / michael.torres@example.com
- 한미 조세조약 적용 여부 검토 필요""",
  ("kr_rrn", arc), ("us_ssn", ssn), ("phone", "010-9931-2207"), ("email", "michael.torres@example.com"))

mn = jp_mynumber()
S("ko", "chat", f"""저 일본 취업비자 갱신하는데 서류 좀 봐주세요
재류카드랑 같이 내야 하는 마이넘버가 {mn[:4]} {mn[4:8]} {mn[8:]} 이거고요
일본 휴대폰은 080-3391-2274, 한국 번호는 +82 10-2281-6630 이에요
회사 인사 담당자 메일은 hr-global@example.co.jp 입니다""",
  ("jp_mynumber", f"{mn[:4]} {mn[4:8]} {mn[8:]}"), ("phone", "080-3391-2274"),
  ("phone", "+82 10-2281-6630"), ("email", "hr-global@example.co.jp"))

rrn = kr_rrn(year=1991)
S("ko", "prose", f"""전세 계약 신청서 (임차인 정보)
임차인: 강민호 (주민등록번호 {rrn.replace("-", "")})
현 거주지: 인천광역시 연수구 송도동
연락처: 010.5528.1947
이메일: minho.kang@example.kr
보증금: 2억 8천만원 / 계약 희망일: 2027.02.15
중개사무소: 송도센트럴공인중개사 (등록번호 28185-2021-00112)""",
  ("kr_rrn", rrn.replace("-", "")), ("phone", "010.5528.1947"), ("email", "minho.kang@example.kr"))

child = kr_rrn(year=2015)
mom = kr_rrn(year=1984, gender=2)
S("ko", "prose", f"""○○국제학교 2027학년도 신입생 등록서
학생 성명: 이서준      학생 주민등록번호: {child}
보호자(모) 성명: 김하늘  보호자 주민등록번호: {mom}
보호자 휴대전화: 010-7730-2158
비상연락처(부): 010-4419-8802
보호자 이메일: haneul.kim@example.com
입학 학년: 5학년  /  통학버스 이용: 희망""",
  ("kr_rrn", child), ("kr_rrn", mom), ("phone", "010-7730-2158"), ("phone", "010-4419-8802"),
  ("email", "haneul.kim@example.com"))

sp, c1, c2 = kr_rrn(year=1986, gender=2), kr_rrn(year=2013), kr_rrn(year=2016)
S("ko", "table", f"""연말정산 부양가족 명세 (CSV 내보내기)
관계,성명,주민등록번호,기본공제,장애인,경로우대
배우자,최유진,{sp},Y,N,N
자녀,박도윤,{c1},Y,N,N
자녀,박서아,{c2},Y,N,N
# 작성자 사번 20170342 / 제출일 2027-01-15""",
  ("kr_rrn", sp), ("kr_rrn", c1), ("kr_rrn", c2))

rrn = kr_rrn(year=1979)
mc = card("mc")
S("ko", "prose", f"""보험금 청구서 (실손의료비)
피보험자: 송재원   주민등록번호: {rrn}
진료기간: 2026.11.02 ~ 2026.11.05 / 병원: 서울○○병원
청구금액: 1,284,000원
보험료 자동납부 카드 변경: {fmt_card(mc, "-")} (유효기간 08/30)
연락처: 010-3346-9021
※ 청구번호 CL-2026-11-004472 로 접수되었습니다.""",
  ("kr_rrn", rrn), ("card", fmt_card(mc, "-")), ("phone", "010-3346-9021"))

gbi = iban("GB")
S("ko", "prose", f"""[해외송금 완료 안내]
송금일자: 2026-11-23  송금번호: OR2026112300417
송금인: 이준혁 (연락처 010-8823-1174)
수취인: Oliver Grant
수취 계좌 IBAN: {gbi}
수취 은행 SWIFT: BARCGB22
송금액: GBP 3,200.00 (원화 5,812,480원, 수수료 15,000원 별도)""",
  ("phone", "010-8823-1174"), ("iban", gbi))

rrn = kr_rrn(year=1985)
rrn_sp = rrn.replace("-", " - ")
S("ko", "prose", f"""국민연금 가입내역 확인서 내용을 복사했습니다. 맞는지 봐주세요.
가입자: 문성호
주민등록번호  {rrn_sp}
가입기간: 2010.03 ~ 2026.10 (200개월)
예상 노령연금 월액: 1,124,300원
※ 발급번호 NPS-2611-73320481""",
  ("kr_rrn", rrn_sp))

rrn = kr_rrn(year=1999)
S("ko", "json", json.dumps({
    "event": "member.signup",
    "memberNo": "M2026112400913",
    "name": "조아라",
    "residentNo": rrn,
    "mobile": "01093317420",
    "email": "ara.cho@example.kr",
    "marketingAgree": False,
    "signupIp": "121.134.77.205",
    "createdAt": "2026-11-24T11:42:09+09:00"}, ensure_ascii=False, indent=2),
  ("kr_rrn", rrn), ("phone", "01093317420"), ("email", "ara.cho@example.kr"),
  ("ip_address", "121.134.77.205"))

# ---- 대화/메시지 (9)
S("ko", "chat", """[카카오톡] 대학 동기방
지수: 나 번호 바뀜!! 010 9876 2231 로 저장해줘
태윤: ㅇㅋ 메일도 바뀜?
지수: 메일은 jisoo.lee(at)example.com 그대로야
태윤: ㅋㅋ 왜 골뱅이를 글자로 써
지수: 스팸 무서워서""",
  ("phone", "010 9876 2231"), ("email", "jisoo.lee(at)example.com"))

S("ko", "chat", """[고객센터 1:1 채팅]
상담원: 주문번호와 가입하신 휴대폰 번호 알려주시겠어요?
고객: 주문번호는 20261122-0048813 이고 폰은 010-5120-7736 이요
상담원: 확인 감사합니다. 주문 당시 접속 IP가 58.230.114.92 로 평소와 달라 보안 확인 중이었습니다.
고객: 아 회사에서 주문해서 그래요
상담원: 네, 보류 해제해 드렸습니다.""",
  ("phone", "010-5120-7736"), ("ip_address", "58.230.114.92"))

gpw = password()
S("ko", "chat", f"""[사내 메신저] 총무팀 공지
오늘부터 3층 게스트 와이파이 이름이 바뀝니다.
SSID: HQ-Guest-3F
비번: {gpw}
외부 손님께만 알려주시고 직원분들은 사내망(HQ-Corp) 쓰세요.""",
  ("password", gpw))

S("ko", "prose", """보낸사람: 박소영 <soyoung.park@hanbit-trade.co.kr>
받는사람: 구매팀 <purchase@example.com>
제목: RE: 12월 납품 일정

안녕하세요, 납품일은 12/10로 확정입니다.
급한 건은 제 휴대폰으로 연락 주세요.

> 2026년 11월 21일 (금) 오후 3:02, 구매팀 작성:
> 납품 일정 회신 부탁드립니다.

--
박소영 과장 | 해외영업팀
한빛무역(주)  T. 02-3452-7810  F. 02-3452-7811  M. 010-2733-4408""",
  ("email", "soyoung.park@hanbit-trade.co.kr"), ("email", "purchase@example.com"),
  ("phone", "02-3452-7810"), ("phone", "02-3452-7811"), ("phone", "010-2733-4408"))

ak, sk = aws_key_id(), aws_secret()
S("ko", "chat", f"""#infra 채널
민재: 배치 서버(10.12.4.51)에서 S3 업로드가 AccessDenied 나요. 설정 이거 맞나요?
```
[default]
aws_access_key_id = {ak}
aws_secret_access_key = {sk}
region = ap-northeast-2
```
혜린: 민재님 키 채널에 올리시면 안 돼요 ㅠ 바로 비활성화하고 새로 발급받으세요""",
  ("ip_address", "10.12.4.51"), ("aws_access_key", ak), ("aws_secret_key", sk))

S("ko", "chat", """[문자메시지]
[CJ대한통운] 고객님의 상품이 오늘 14~16시 배송 예정입니다. 운송장 6847 2291 0038
배송기사 김태호 010-3318-5592
[Web발신] 부재시 문 앞에 두겠습니다.
나: 경비실에 맡겨주세요 감사합니다""",
  ("phone", "010-3318-5592"))

S("ko", "prose", """안녕하세요 팀장님, 다음 주 글로벌 화상회의 참석자 연락처 정리했습니다.
- 베를린 지사 Anna Weber: +49 30 2286 4410
- 도쿄 지사 다나카 과장: +81 3-6721-4088
- 뉴욕 본사 David Kim: +1 212 839 0451
- 서울 (우리팀 대표번호): 02-6205-3300
회의 링크는 별도로 메일 드리겠습니다.""",
  ("phone", "+49 30 2286 4410"), ("phone", "+81 3-6721-4088"), ("phone", "+1 212 839 0451"),
  ("phone", "02-6205-3300"))

dt = discord_token()
S("ko", "code", f"""디스코드 봇이 로그인이 안 되는데 코드 좀 봐주실 분 ㅠㅠ
```python
import discord
client = discord.Client(intents=discord.Intents.default())

@client.event
async def on_ready():
    print("로그인:", client.user)

client.run("{dt}")
```
에러: discord.errors.LoginFailure: Improper token has been passed.""",
  ("discord_token", dt))

rpw = password_random(12)
S("ko", "prose", f"""[질문] 우분투 서버 SSH 접속이 갑자기 안 됩니다
클라우드 서버 공인 IP는 211.234.56.78 이고, 집에서 접속하면 계속 타임아웃 나요.
계정은 root / {rpw} 로 쓰고 있었고 어제 방화벽 설정 바꾼 뒤부터 그래요.
ufw status 찍어보면 22/tcp ALLOW 로 되어 있긴 합니다.""",
  ("ip_address", "211.234.56.78"), ("password", rpw))

# ---- 하드 네거티브 (9)
S("ko", "prose", f"""[전자세금계산서]
공급자 등록번호: {kr_biz_no()}   상호: (주)다온소프트
공급받는자 등록번호: {kr_biz_no()}   상호: 한결유통(주)
작성일자: 2026-11-20   승인번호: 20261120-41000042-88121370
공급가액 4,500,000  세액 450,000  합계 4,950,000""")

S("ko", "prose", """[본인확인 완료]
성명: 김*수
주민등록번호: 900101-1******
휴대폰: 010-****-5678
인증일시: 2026.11.24 13:22:05
본인확인기관: ○○신용정보 / 거래번호 KC20261124132205771""")

S("ko", "prose", """[결제 승인 알림]
카드: 신한카드(9430-****-****-2211)
승인번호: 30018842
일시불 54,900원 / 11/24 19:03
가맹점: 스타필드 하남점
누적금액: 1,204,300원""")

S("ko", "prose", f"""법인 등기부등본 요약
상호: 주식회사 새빛에너지
법인등록번호: {kr_corp_no()}
사업자등록번호: {kr_biz_no()}
본점: 세종특별자치시 한누리대로 2130
설립일: 2011년 3월 7일  자본금: 500,000,000원""")

S("ko", "prose", """주문이 접수되었습니다.
주문번호: 2026112417304492
운송장번호(CJ대한통운): 684722910038
받는 분 주소: (06236) 서울 강남구 테헤란로 152
배송요청사항: 부재시 경비실
결제금액: 38,700원 (쿠폰 할인 -3,000원)""")

bi = iban_bad("DE")
S("ko", "chat", f"""해외송금 하려는데 은행 앱에서 계속 "IBAN 형식이 올바르지 않습니다" 떠요
받은 번호가 {iban_spaced(bi)} 인데 한 자리 틀린 걸까요?
거래처에 다시 확인해 달라고 해야 하나...""")

S("ko", "prose", """건강검진 결과 안내
수검자: 홍길동 (생년월일 1972.05.18, 남)
검진일: 2026-10-30  / 검진기관 코드 31201047
총콜레스테롤 212 mg/dL, 공복혈당 98 mg/dL
차트번호 00448812, 접수번호 A-1130""")

S("ko", "log", """2026-11-24 10:15:03 [INFO] 결제요청 orderId=ORD-7731-20261124 amount=129000 pg=KCP tid=T20261124101503448
2026-11-24 10:15:04 [INFO] 카드사 응답 approvalNo=44718203 cardBin=540926 maskedCard=5409-26**-****-7712
2026-11-24 10:15:04 [DEBUG] client=127.0.0.1 via proxy 203.0.113.10
2026-11-24 10:15:05 [INFO] 포인트 적립 memberGrade=GOLD point=1290""")

S("ko", "prose", """[항공권 예약 확인]
예약번호: 5KQ2VX
KE0703 인천(ICN) → 나리타(NRT) 2027-01-12 09:35
KE0704 나리타(NRT) → 인천(ICN) 2027-01-15 12:50
항공권번호: 180-2418837265
마일리지 회원번호: KE***88210
운임 합계: 412,800원""")


# ================================================================ JAPANESE (30)
# ---- 事務書類 (12)
mn = jp_mynumber()
fmn = fw(f"{mn[:4]} {mn[4:8]} {mn[8:]}")
S("ja", "prose", f"""【入社手続き書類】
氏名：高橋 美咲（たかはし みさき）
個人番号（マイナンバー）：{fmn}
携帯電話：090-4418-2273
メールアドレス：misaki.takahashi@example.jp
入社日：2027年4月1日　配属：経理部
※ 通知カードの写しは人事部へ郵送してください。""",
  ("jp_mynumber", fmn), ("phone", "090-4418-2273"), ("email", "misaki.takahashi@example.jp"))

m1, m2, m3 = jp_mynumber(), jp_mynumber(), jp_mynumber()
S("ja", "table", f"""令和9年分　給与所得者の扶養控除等（異動）申告書
所属：営業二課　　氏名：中村 健太　　個人番号：{m1}

区分        氏名            続柄    生年月日          個人番号
----------  --------------  ------  ----------------  ----------------
源泉控除    中村 由美        妻      昭和63年6月12日    {m2}
扶養親族    中村 陽向        長男    平成30年2月3日     {m3[:4]}-{m3[4:8]}-{m3[8:]}""",
  ("jp_mynumber", m1), ("jp_mynumber", m2), ("jp_mynumber", f"{m3[:4]}-{m3[4:8]}-{m3[8:]}"))

aad = aadhaar()
S("ja", "prose", f"""在留資格認定証明書交付申請の件（インド籍エンジニア）
申請人：Rahul Verma
アーダール番号：{aad}
インドの連絡先：+91 99001 48237
日本での受入担当：人事部 木村（03-5789-2201 / kimura.hr@example.co.jp）
入国予定：2027年2月、成田着 NH 830""",
  ("in_aadhaar", aad), ("phone", "+91 99001 48237"), ("phone", "03-5789-2201"),
  ("email", "kimura.hr@example.co.jp"))

jcb = card("jcb")
S("ja", "prose", f"""入居申込書（賃貸）
申込者：小林 大輔　勤務先：株式会社ミナト物流
携帯：080-6627-3310　　メール：d.kobayashi@example.ne.jp
連帯保証人：小林 正明（父）　電話：0852-24-7718
初期費用のお支払い：クレジットカード　{fmt_card(jcb)}　有効期限 11/28
物件：パークハイツ中目黒 302号室　　申込番号：AP-26-11-0392""",
  ("phone", "080-6627-3310"), ("email", "d.kobayashi@example.ne.jp"), ("phone", "0852-24-7718"),
  ("card", fmt_card(jcb)))

nric, ssn = sg_nric(), us_ssn()
S("ja", "prose", f"""東京インターナショナルスクール 編入申込フォーム（受付控え）
生徒氏名：Tan Wei Jie（シンガポール国籍）
NRIC：{nric}
保護者：Jennifer Tan（米国籍）　SSN：{ssn}
保護者連絡先：+65 8122 4409 ／ 日本の携帯 070-3318-2054
メール：jennifer.tan@example.com""",
  ("sg_nric", nric), ("us_ssn", ssn), ("phone", "+65 8122 4409"), ("phone", "070-3318-2054"),
  ("email", "jennifer.tan@example.com"))

mn = jp_mynumber()
mn_ocr = " ".join(mn)
S("ja", "prose", f"""[源泉徴収票 スキャン OCR]
令和８年分 給与所得の源泉徴収票
支払を受ける者 住所 東京都世田谷区三軒茶屋2-14-7
個人番号 {mn_ocr}
氏名 山口 拓也
支払金額 6 842 000  源泉徴収税額 318 400
支払者 株式会社サンライズ電機 法人番号 {jp_corp_no()}""",
  ("jp_mynumber", mn_ocr))

vc = card("visa")
S("ja", "prose", f"""海外旅行保険 保険金請求書
被保険者：森 さやか　証券番号：TRV-2026-0884123
事故内容：バルセロナでスーツケース盗難（現地警察届出番号 BCN/26/44817）
立替払いしたクレジットカード：{fmt_card(vc, "")}
日中の連絡先：０９０－７７２１－６６４０
メール：sayaka.mori@example.jp""",
  ("card", fmt_card(vc, "")), ("phone", "０９０－７７２１－６６４０"), ("email", "sayaka.mori@example.jp"))

iti = iban("IT")
S("ja", "prose", f"""【海外送金 受付完了のお知らせ】
受付番号：FX-20261124-00719
送金人：佐々木 恵 様
受取人：Giulia Romano
受取人口座（IBAN）：{iban_spaced(iti)}
送金額：EUR 1,850.00
手数料：4,000円　着金予定日：2026年11月27日""",
  ("iban", iban_spaced(iti)))

sid = de_steuer_id()
dei = iban("DE")
S("ja", "prose", f"""ドイツの年金（Deutsche Rentenversicherung）の書類を翻訳してほしいです。
書類にある私の情報：
Steuerliche Identifikationsnummer: {steuer_sp(sid)}
振込先 IBAN: {dei}
ドイツ滞在中（2015〜2022年）に払った分の受給申請です。""",
  ("de_steuer_id", steuer_sp(sid)), ("iban", dei))

a, b2, c = jp_mynumber(), jp_mynumber(), jp_mynumber()
S("ja", "table", f"""社員番号\t氏名\t個人番号\tメール\t電話
E10231\t伊藤 翔\t{a}\tsho.ito@example.co.jp\t090-2281-4476
E10232\t渡辺 千尋\t{b2}\tchihiro.watanabe@example.co.jp\t080-3312-0958
E10233\t加藤 怜\t{c}\trei.kato@example.co.jp\t03-4405-1127""",
  ("jp_mynumber", a), ("email", "sho.ito@example.co.jp"), ("phone", "090-2281-4476"),
  ("jp_mynumber", b2), ("email", "chihiro.watanabe@example.co.jp"), ("phone", "080-3312-0958"),
  ("jp_mynumber", c), ("email", "rei.kato@example.co.jp"), ("phone", "03-4405-1127"))

S("ja", "log", """2026-11-24 21:03:11 INFO  [member-api] 会員登録 memberId=J0098213 email=yuna.fujita@example.jp tel=08044127730 ip=126.205.11.84
2026-11-24 21:03:12 INFO  [mail] 確認メール送信 memberId=J0098213 template=welcome_v3
2026-11-24 21:03:40 WARN  [auth] 同一端末からの連続登録 src=10.31.8.207 count=3""",
  ("email", "yuna.fujita@example.jp"), ("phone", "08044127730"), ("ip_address", "126.205.11.84"),
  ("ip_address", "10.31.8.207"))

rrn, nino = kr_rrn(year=1990), uk_nino()
S("ja", "prose", f"""外国籍社員の社会保障協定 適用証明書の準備メモ
・李 秀珍（韓国）住民登録番号 {rrn}　→ 韓国年金の加入証明を取得
・Thomas Reid（英国）National Insurance No. {nino_sp(nino)}　→ HMRC へ CA3822 を提出
両名とも日本の厚生年金は免除予定。担当：総務 島田""",
  ("kr_rrn", rrn), ("uk_nino", nino_sp(nino)))

# ---- 会話・メッセージ (9)
S("ja", "chat", f"""[LINE]
ゆか：新しい番号です！{fw("090-5512-3387")}
ゆか：メールもこっちに変えたよ→ yuka_hoshino@example.ne.jp
あや：了解〜登録した！""",
  ("phone", fw("090-5512-3387")), ("email", "yuka_hoshino@example.ne.jp"))

S("ja", "chat", """【サポートチャット】
担当：ご登録のメールアドレスを教えていただけますか。
お客様：ryo.matsuda＠example.com です（全角の＠になってたらすみません）
担当：確認できました。前回ログインは 2026/11/23 22:41、接続元 IP 153.142.18.207 です。お心当たりはありますか？
お客様：自宅からなので多分そうです""",
  ("email", "ryo.matsuda＠example.com"), ("ip_address", "153.142.18.207"))

S("ja", "prose", """件名：Re: お見積りの件
株式会社アオバ設計
営業部 井上様

いつもお世話になっております。見積書を添付いたします。

> 2026/11/20 10:14 井上 健 <k.inoue@aoba-sekkei.co.jp>:
> 来週中にお見積りをいただけますでしょうか。

――――――――――――――――
東都システム株式会社　ソリューション営業部
佐藤 里奈
TEL：03-6380-4412　FAX：03-6380-4413
携帯：080-2294-5518
Mail：rina.sato@toto-sys.example.jp""",
  ("email", "k.inoue@aoba-sekkei.co.jp"), ("phone", "03-6380-4412"), ("phone", "03-6380-4413"),
  ("phone", "080-2294-5518"), ("email", "rina.sato@toto-sys.example.jp"))

wp = password_random(12)
S("ja", "chat", f"""#tokyo-office (Slack)
総務 石井: 明日の来客用Wi-Fiです
ネットワーク名：TOKYO-VISITOR
パスワード：{wp}
※ 社員の方は使わないでください""",
  ("password", wp))

ant = anthropic()
ork = openrouter()
S("ja", "chat", f"""#dev-ai
森本: Claude API 叩くと 401 返ってくるんだけど、キーの形式あってます？
```
export ANTHROPIC_API_KEY="{ant}"
export OPENROUTER_API_KEY={ork}   # フォールバック用
python summarize.py --model claude-sonnet
```
上野: 森本さん、それ本番キーですよね…すぐ無効化してください""",
  ("anthropic_key", ant), ("ai_api_key", ork))

S("ja", "chat", """[SMS]
差出人 +82 10-7731-4402
ジウ：다음주 도쿄 도착하면 연락할게요! (来週東京着いたら連絡します)
私：了解です！日本の番号は +81 80-3391-6620 です
ジウ：네 감사합니다""",
  ("phone", "+82 10-7731-4402"), ("phone", "+81 80-3391-6620"))

bpw = password()
S("ja", "chat", f"""[Teams] インフラチーム
西田：踏み台サーバー 192.168.10.25 に入れない件、admin のパスワード {bpw} で試しました？
岡：試しました。10.0.3.14 のほうには入れるんですが…
西田：あ、踏み台はFW更新でポート 2222 に変わってます""",
  ("ip_address", "192.168.10.25"), ("password", bpw), ("ip_address", "10.0.3.14"))

gk = google_key()
S("ja", "code", f"""地図が表示されません。コンソールに "RefererNotAllowedMapError" と出ます。
```html
<script async
  src="https://maps.googleapis.com/maps/api/js?key={gk}&callback=initMap">
</script>
```
リファラ制限は *.example.jp/* にしています。""",
  ("google_api_key", gk))

sk_live = stripe("sk_live_")
S("ja", "config", f"""決済まわりの設定ファイルです、どこが悪いか見てください
# config/payment.yml
production:
  stripe:
    secret_key: {sk_live}
    webhook_path: /hooks/stripe
  currency: jpy""",
  ("stripe_key", sk_live))

# ---- ハードネガティブ (9)
cn = jp_corp_no()
S("ja", "prose", f"""請求書
請求書番号：INV-202611-0457　発行日：2026年11月20日
株式会社ミライ工房 御中
登録番号：T{cn}
法人番号：{cn}
ご請求金額：¥550,000（うち消費税 ¥50,000）
お支払期限：2026年12月31日""")

S("ja", "prose", """【ご予約確認】
予約番号：HTL-8827-4410
ご宿泊日：2027年1月8日（金）〜 1月10日（日）2泊
ホテルグランヴィア京都　ツイン禁煙
会員番号：****-****-5520
お支払い：現地払い（カード末尾 3304）""")

S("ja", "prose", """マイナンバー記載確認（マスキング済）
氏名：佐藤 一郎
個人番号：****-****-1234
生年月日：昭和55年7月21日
〒150-0002 東京都渋谷区渋谷2-21-1
受付番号 MN-20261124-0031""")

S("ja", "prose", """【発送のお知らせ】
ご注文番号：250-7781293-4410287
配送業者：ヤマト運輸　お問い合わせ伝票番号：4418-2207-3396
お届け予定：11月26日（水）午前中
お届け先：〒530-0001 大阪府大阪市北区梅田3-1-1""")

S("ja", "prose", """フライト情報
JL 006 羽田(HND) 11:05 → ニューヨーク(JFK) 10:40
NH 2177 伊丹(ITM) → 羽田(HND) 08:00
予約番号：4Q7XPM　航空券番号：131-2287441903
マイレージ番号：JAL ********19""")

S("ja", "log", """2026-11-24 09:00:01 INFO  batch=月次請求 jobId=7a91c4e2-1f0b-4c88-9e21-55d0aa3c8e17 start
2026-11-24 09:00:14 INFO  処理件数=18,442 エラー=0 sha1=4b9e0c2f7a1d3e5b8c6f9a0d2e4b6c8a1f3d5e7b
2026-11-24 09:00:14 DEBUG 接続先 db=127.0.0.1:5432 replica=192.0.2.41
2026-11-24 09:00:15 INFO  batch=月次請求 end elapsed=14.2s""")

bi = iban_bad("FR")
S("ja", "chat", f"""フランスの取引先から届いたIBANなんですけど、銀行で「チェックデジットエラー」と言われました
{bi}
桁数は合ってるんですが…先方に再確認したほうがいいですかね""")

S("ja", "prose", """健康保険 資格確認のお知らせ
記号：12-34　番号：5678（被保険者番号の一部は表示していません）
生年月日：1993年4月9日
資格取得日：2026年10月1日
事業所整理記号：01-アイウ　照会番号 HK-2611-00417""")

S("ja", "config", """# .env.example — 値は各自の .env に設定（このファイルはコミット可）
APP_ENV=production
DB_HOST=db.internal
DB_PASSWORD=
OPENAI_API_KEY=your-api-key-here
SLACK_WEBHOOK_URL=
SESSION_TTL=3600""")


# ================================================================ GERMAN (30)
# ---- Verwaltungsunterlagen (12)
sid = steuer_sp(de_steuer_id())
dei = iban_spaced(iban("DE"))
S("de", "prose", f"""Personalfragebogen - neue Mitarbeiterin
Name, Vorname: Kessler, Johanna
Geburtsdatum: 04.08.1993
Steuerliche Identifikationsnummer: {sid}
Steuerklasse: I   Konfession: --
Bankverbindung (IBAN): {dei}
Mobil: 0171 4829 337   E-Mail privat: johanna.kessler@example.de
Eintritt: 01.01.2027, Abteilung Controlling""",
  ("de_steuer_id", sid), ("iban", dei), ("phone", "0171 4829 337"), ("email", "johanna.kessler@example.de"))

s1, s2, s3 = de_steuer_id(), de_steuer_id(), de_steuer_id()
b1, b2_, b3 = iban("DE"), iban("DE"), iban("AT")
S("de", "table", f"""Änderungsmeldung Lohnabrechnung 12/2026
Mandant 4471 - Bäckerei Sommer GmbH
Pers.-Nr.  Name              Steuer-ID      IBAN neu                        Grund
---------  ----------------  -------------  ------------------------------  -----------------
00118      Yilmaz, Emre      {s1}    {b1}          Kontowechsel
00124      Brandt, Nele      {s2}    {iban_spaced(b2_)}   Heirat/Namensänd.
00131      Huber, Lukas      {s3}    {b3}            Wohnsitz Österreich""",
  ("de_steuer_id", s1), ("iban", b1), ("de_steuer_id", s2), ("iban", iban_spaced(b2_)),
  ("de_steuer_id", s3), ("iban", b3))

dni, nie = es_dni(), es_nie()
S("de", "prose", f"""Hallo Frau Lehmann,
für die Gruppenbuchung nach Madrid (Messe Fruit Attraction) brauche ich noch die Ausweisdaten der spanischen Kollegen:
- Javier Ortega, DNI {dni[:-1]}-{dni[-1]}
- Sofia Marchetti (italienisch, wohnt in Valencia), NIE {nie}
Flüge: IB 3141 FRA-MAD am 14.10., Rückflug IB 3146 am 17.10.
Rückfragen gern an mich: +49 69 1330 2286
Viele Grüße, Tobias Reuter""",
  ("es_dni", f"{dni[:-1]}-{dni[-1]}"), ("es_dni", nie), ("phone", "+49 69 1330 2286"))

kau = iban_spaced(iban("DE"))
S("de", "prose", f"""Mieterselbstauskunft
Mietinteressent: Felix Hartmann, geb. 12.02.1990
Derzeitige Anschrift: Lindenstraße 18, 04109 Leipzig
Telefon: 0341 / 2290 4417    Mobil: +49 (0)152 3318 7720
E-Mail: felix.hartmann@example.de
Nettoeinkommen: 3.450 EUR   Arbeitgeber: Stadtwerke Leipzig
Kaution wird überwiesen von: {kau}""",
  ("phone", "0341 / 2290 4417"), ("phone", "+49 (0)152 3318 7720"),
  ("email", "felix.hartmann@example.de"), ("iban", kau))

cf = it_cf()
S("de", "prose", f"""Anmeldung zur Europäischen Schule München - Klasse 2
Kind: Leonardo Conti, geb. 19.05.2019
Codice fiscale (Italien): {cf}
Erziehungsberechtigte: Giulia Conti
Telefon: 089/4412-3307   Mobil: 0176 2281 9904
E-Mail: giulia.conti@example.it
Muttersprache: Italienisch, Schulbus: ja""",
  ("it_codice_fiscale", cf), ("phone", "089/4412-3307"), ("phone", "0176 2281 9904"),
  ("email", "giulia.conti@example.it"))

sid = de_steuer_id()
S("de", "prose", f"""Finanzamt Köln-Altstadt
Steuernummer: 214/5031/2270
Identifikationsnummer: {sid}

Bescheid für 2025 über Einkommensteuer und Solidaritätszuschlag
Herrn Markus Weiland, Aachener Str. 201, 50931 Köln
Festgesetzt werden: Einkommensteuer 8.114,00 EUR
Bitte zahlen Sie den Betrag bis zum 28.12.2026 unter Angabe der Steuernummer.""",
  ("de_steuer_id", sid))

dei = iban("DE")
S("de", "prose", f"""Schadenmeldung Hausratversicherung
Versicherungsnummer: HR-5520148-07    Schadennummer: 26-114-08812
Versicherungsnehmerin: Sabine Krüger
Schadentag: 17.11.2026 - Wasserschaden durch Waschmaschine
Erstattung bitte auf IBAN {dei}
Erreichbar unter 0221 9934 1187 oder sabine.krueger@example.de""",
  ("iban", dei), ("phone", "0221 9934 1187"), ("email", "sabine.krueger@example.de"))

d_a, d_b = iban("DE"), iban("CH")
S("de", "code", f"""<!-- SEPA-Überweisung pain.001, exportiert aus der Buchhaltung -->
<PmtInf>
  <PmtInfId>LOHN-2026-11</PmtInfId>
  <Dbtr><Nm>Weber Maschinenbau GmbH</Nm></Dbtr>
  <DbtrAcct><Id><IBAN>{d_a}</IBAN></Id></DbtrAcct>
  <CdtTrfTxInf>
    <PmtId><EndToEndId>NOV26-00044</EndToEndId></PmtId>
    <Amt><InstdAmt Ccy="EUR">3184.22</InstdAmt></Amt>
    <Cdtr><Nm>Reto Brunner</Nm></Cdtr>
    <CdtrAcct><Id><IBAN>{d_b}</IBAN></Id></CdtrAcct>
  </CdtTrfTxInf>
</PmtInf>""",
  ("iban", d_a), ("iban", d_b))

bsn = nl_bsn()
nli = iban("NL")
S("de", "prose", f"""Grenzgänger-Rentenbescheid (Übersetzung aus dem Niederländischen)
Sozialversicherungsbank (SVB), Amstelveen
Empfänger: Herr Bernd Schulte, Kleve
BSN: {bsn}
AOW-Rente ab 01.03.2027: 612,40 EUR brutto monatlich
Auszahlung auf: {iban_spaced(nli)}""",
  ("nl_bsn", bsn), ("iban", iban_spaced(nli)))

rows = [(de_steuer_id(), iban("DE"), "anna.vogt@example.de", "+49 151 2290 4418"),
        (de_steuer_id(), iban("DE"), "k.schmid@example.de", "0160 9931 2207"),
        (de_steuer_id(), iban("DE"), "pia.lorenz@example.de", "0711 884 2210")]
body = "\n".join(f"{i};{n};{s};{ib};{em};{ph}" for i, ((s, ib, em, ph), n) in
                 enumerate(zip(rows, ["Vogt;Anna", "Schmid;Konrad", "Lorenz;Pia"]), start=3001))
labels = []
for s, ib, em, ph in rows:
    labels += [("de_steuer_id", s), ("iban", ib), ("email", em), ("phone", ph)]
S("de", "table", "Personalnr;Nachname;Vorname;SteuerID;IBAN;EMail;Telefon\n" + body, *labels)

sid = de_steuer_id()
sid_box = " ".join(sid)
dei = iban("DE")
dsp = iban_spaced(dei)
dsplit = dsp[:14] + "\n" + dsp[15:]
S("de", "prose", f"""[OCR Kindergeldantrag, Seite 1]
Angaben zur antragstellenden Person
Steuerliche Identifikationsnummer  {sid_box}
Name  Neumann   Vorname  Katharina
Zahlungsweg  IBAN  {dsplit}
BIC  COBADEFFXXX   Kreditinstitut  Commerzbank""",
  ("de_steuer_id", sid_box), ("iban", dsplit))

mc = card("mc")
S("de", "prose", f"""Betreff: Buchungsgarantie Zimmer 28.-30.12.

Sehr geehrte Damen und Herren,
bitte garantieren Sie unsere Buchung (Buchungsnr. 771-20441) mit folgender Kreditkarte:
Mastercard {fmt_card(mc, "-")}, gültig bis 05/29, Karteninhaber: Ralf Zimmermann
Bei Fragen erreichen Sie mich unter r.zimmermann@example.de.
Mit freundlichen Grüßen
Ralf Zimmermann""",
  ("card", fmt_card(mc, "-")), ("email", "r.zimmermann@example.de"))

# ---- Gespräche und Nachrichten (9)
S("de", "chat", """[Kundenservice-Chat Stadtwerke]
Mitarbeiter: Wie lautet Ihre Rückrufnummer?
Kundin: 0157 3381 2094, am besten nach 17 Uhr
Mitarbeiter: Und für die Bestätigung Ihre E-Mail?
Kundin: m.becker84@example.de
Mitarbeiter: Danke. Ihr Zählerstand wurde am 21.11. über das Portal von 91.64.201.138 übermittelt, stimmt das?
Kundin: Ja, von zu Hause.""",
  ("phone", "0157 3381 2094"), ("email", "m.becker84@example.de"), ("ip_address", "91.64.201.138"))

S("de", "prose", """Von: Dr. Ulrike Franke <u.franke@kanzlei-franke.example.de>
An: Thomas Maier <thomas.maier@example.com>
Betreff: AW: Termin Nachlassangelegenheit

Sehr geehrter Herr Maier,
der Termin am 03.12. um 10 Uhr passt. Bitte bringen Sie den Erbschein mit.

> Am 22.11.2026 um 18:40 schrieb Thomas Maier:
> Ich bin tagsüber unter 0172 - 448 19 03 erreichbar.

Mit freundlichen Grüßen
Dr. Ulrike Franke, Rechtsanwältin
Tel. +49 (0)89 12345-678 | Fax +49 (0)89 12345-679""",
  ("email", "u.franke@kanzlei-franke.example.de"), ("email", "thomas.maier@example.com"),
  ("phone", "0172 - 448 19 03"), ("phone", "+49 (0)89 12345-678"), ("phone", "+49 (0)89 12345-679"))

wpw = password()
S("de", "chat", f"""[WhatsApp] Ferienwohnung Ostsee
Vermieterin: Willkommen! WLAN heißt "FeWo-Moewe", das Passwort lautet {wpw}
Vermieterin: Bei Problemen mit der Heizung bitte Herrn Jansen anrufen: 04503 881 227
Gast: Super, danke!""",
  ("password", wpw), ("phone", "04503 881 227"))

gl = gitlab()
S("de", "config", f"""Kann mir jemand sagen, warum der Job nicht pushen darf? Das ist unsere .gitlab-ci.yml:
```yaml
release:
  stage: deploy
  variables:
    GITLAB_TOKEN: "{gl}"
  script:
    - git remote set-url origin https://gitlab.example.de/team/app.git
    - git push origin HEAD:release
```""",
  ("gitlab_token", gl))

S("de", "chat", """[SMS]
Von: +43 664 2281 9930
Servus! Bin ab Freitag in Zürich, neue Nummer dort +41 79 448 21 07
Ich: Alles klar, und die alte österreichische bleibt?
Ja, die bleibt aktiv.""",
  ("phone", "+43 664 2281 9930"), ("phone", "+41 79 448 21 07"))

S("de", "log", """Ticket #DE-558120 - Kunde kann sich nicht einloggen
Kunden-E-Mail: jan.ostermann@example.de
2026-11-24 07:58:12 auth failed uid=558120 src=2a02:8108:1a40:5e00:d1c4:7f2e:9b10:3c21
2026-11-24 07:58:40 auth failed uid=558120 (same source, 2nd attempt)
2026-11-24 08:02:03 account locked, last success from 84.157.22.190 on 2026-11-20""",
  ("email", "jan.ostermann@example.de"),
  ("ip_address", "2a02:8108:1a40:5e00:d1c4:7f2e:9b10:3c21"), ("ip_address", "84.157.22.190"))

sw = slack_webhook()
S("de", "code", f"""Hallo zusammen, das Skript soll bei Fehlern in Slack posten, tut es aber nicht:
```bash
#!/bin/bash
if ! ./backup.sh; then
  curl -X POST -H 'Content-type: application/json' \\
    --data '{{"text":"Backup fehlgeschlagen auf nas01"}}' \\
    {sw}
fi
```""",
  ("slack_webhook", sw))

azk = azure_storage_key()
S("de", "chat", f"""[Teams] Lena W.: Die Function findet den Storage nicht, hier der Connection String aus local.settings.json:
DefaultEndpointsProtocol=https;AccountName=stlogsprodweu;AccountKey={azk};EndpointSuffix=core.windows.net
[Teams] Jonas P.: Lena, bitte den Key sofort im Portal rotieren, der ist jetzt im Chatverlauf.""",
  ("azure_key", azk))

smtp_pw = password()
S("de", "config", f"""Nextcloud verschickt keine Mails. Meine config.php (Auszug):
  'mail_smtpmode' => 'smtp',
  'mail_smtphost' => 'smtp.example-mail.de',
  'mail_smtpport' => '587',
  'mail_smtpauth' => true,
  'mail_smtpname' => 'cloud@familie-roth.example.de',
  'mail_smtppassword' => '{smtp_pw}',
  'mail_from_address' => 'cloud',
Server läuft auf 192.168.178.40 hinter einer FritzBox.""",
  ("email", "cloud@familie-roth.example.de"), ("password", smtp_pw), ("ip_address", "192.168.178.40"))

# ---- harte Negativbeispiele (9)
S("de", "prose", """RECHNUNG Nr. 2026-11-0873
Müller & Söhne Haustechnik GmbH, Amtsgericht München HRB 204117
USt-IdNr.: DE284471903   Steuernummer: 143/182/40517
Kundennummer: K-10392    Auftrag: A-55812
Wartung Gastherme inkl. Material                       389,00 EUR
zzgl. 19 % MwSt.                                        73,91 EUR
Gesamtbetrag                                           462,91 EUR
Zahlbar innerhalb 14 Tagen ohne Abzug.""")

S("de", "prose", """Ihre Sendung ist unterwegs
Sendungsnummer: 00340434161094022115
Paketschein: JJD0001401234567890
Zustellung voraussichtlich: Mittwoch, 26.11.2026
Empfänger: Packstation 118, 10115 Berlin
Gewicht: 2,4 kg""")

bi = iban_bad("DE")
S("de", "chat", f"""Die Überweisung ist zurückgekommen, Grund "IBAN ungültig". Der Kunde hat mir {iban_spaced(bi)} gegeben.
Ich glaub da ist ein Zahlendreher drin, Prüfziffer passt nicht. Kannst du ihn nochmal anrufen?""")

S("de", "prose", """Kontoauszug Nr. 11/2026
Konto: DE89 **** **** **** **30 00   BIC: COBADEFFXXX
Buchungstag  Verwendungszweck                              Betrag
03.11.       Miete Nov, Vertrag 2019-0418                  -1.150,00
05.11.       Gehalt Okt, PNR 00124                         +3.284,17
12.11.       Kartenzahlung REWE Karte ****4471               -64,20
Neuer Saldo: 4.118,93 EUR""")

S("de", "prose", """Aktenzeichen: 3 C 418/26
Amtsgericht Hamburg-Altona
In dem Rechtsstreit Petersen ./. Nordlicht Immobilien GmbH
wird Termin zur mündlichen Verhandlung bestimmt auf Dienstag, 20.01.2027, 11:30 Uhr, Saal 2.14.
Geschäftsnummer der Gegenseite: NI-2026-0093""")

S("de", "prose", """Versicherungsschein
Vertragsnummer: KV 4471 2209 18
Versicherte Person: Lisa Hoffmann, geb. 21.06.1988
Tarif: Zahnzusatz Premium, Beitrag 24,90 EUR monatlich
Versicherungsbeginn: 01.12.2026
Vermittlernummer: D-KQ2F-7HX1B-44""")

S("de", "log", """Nov 24 06:25:01 nas01 CRON[44812]: (root) CMD (/usr/local/bin/backup.sh)
Nov 24 06:25:02 nas01 backup.sh: target=198.51.100.17 share=/volume1/backup snapshot=20261124-0625
Nov 24 06:31:44 nas01 backup.sh: done files=182041 bytes=48213394411 sha256=9c2f41b07d3e88a1f5c6b4e2d0a9f7c3e1b5d8a2c4f6e0b9d7a3c1e5f9b2d4a6
Nov 24 06:31:44 nas01 sshd[44901]: Connection closed by 127.0.0.1 port 51822""")

S("de", "prose", """Flugbestätigung - Buchungscode QX4T7R
LH 2041  MUC 07:10 -> DUS 08:15  Do 11.12.2026
LH 2048  DUS 18:40 -> MUC 19:50  Fr 12.12.2026
Ticketnummer: 220-2418837716
Miles & More: 9920 **** **** 217
Gesamtpreis: 286,42 EUR, bezahlt mit Visa ****0093""")

S("de", "prose", """Gerätebeschreibung Router
Modell: FRITZ!Box 7590 AX
Seriennummer: 0049-2281-4471-9907
Artikelnummer: 20002998
Firmware: 7.57, Auslieferungsdatum 14.03.2025
Garantie bis: 14.03.2030""")


write_corpus(OUT, sys.argv[1])
