"""Fresh set 16a (2026-11-25): written by a helper who read only fakegen.py, never the rules
(en/ko/de/ja); scored once (docs/detection.md). Values are generated (fake): see fakegen.py.
Usage: python3 fresh16a_2026_11_25.py OUT.jsonl
"""
import sys, os, json, base64, string
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *  # noqa
from fakegen import R, rnd, rnd_mixed, ALNUM, HEX
seed(161)
OUT = []
S = sample_adder(OUT, "f16a")
# S(lang, kind, text, (type, value), (type, value), ...)

DIG = string.digits


# ---------------------------------------------------------------- local helpers (look-alikes, formats)
def steuer_sp(s):
    return f"{s[:2]} {s[2:5]} {s[5:8]} {s[8:]}"


def mn_sp(m, sep=" "):
    return sep.join([m[:4], m[4:8], m[8:]])


def nino_sp(n):
    return f"{n[:2]} {n[2:4]} {n[4:6]} {n[6:8]} {n[8]}"


def basic(user, pw):
    return base64.b64encode(f"{user}:{pw}".encode()).decode()


def kr_corp_no():
    """법인등록번호: registry office (6) + kind (1) + serial (5) + check (weights 1,2,...)."""
    body = R.choice(["110111", "134111", "131111", "284411", "160111", "200111"]) + \
        R.choice("1234") + rnd(DIG, 5)
    s = sum(int(c) * (1 if i % 2 == 0 else 2) for i, c in enumerate(body))
    full = body + str((10 - s % 10) % 10)
    return full[:6] + "-" + full[6:]


def kr_biz_no():
    """사업자등록번호 ddd-dd-ddddd with its check digit."""
    d = [R.randint(1, 9)] + [R.randint(0, 9) for _ in range(8)]
    w = [1, 3, 7, 1, 3, 7, 1, 3, 5]
    s = sum(a * b for a, b in zip(d, w)) + (d[8] * 5) // 10
    d.append((10 - s % 10) % 10)
    x = "".join(map(str, d))
    return f"{x[:3]}-{x[3:5]}-{x[5:]}"


def jp_corp_no():
    """法人番号: check digit + 12-digit base."""
    base = rnd("123456789", 1) + rnd(DIG, 11)
    s = sum(int(c) * (1 if n % 2 == 1 else 2) for n, c in enumerate(reversed(base), start=1))
    return str(9 - s % 9) + base


def aba():
    """US ABA routing number (3-7-1 checksum)."""
    d = [int(c) for c in f"{R.choice([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 21, 22, 26, 31]):02d}" + rnd(DIG, 6)]
    for c in range(10):
        t = d + [c]
        if (3 * (t[0] + t[3] + t[6]) + 7 * (t[1] + t[4] + t[7]) + (t[2] + t[5] + t[8])) % 10 == 0:
            return "".join(map(str, t))


def ein():
    return f"{R.choice(['12', '20', '27', '36', '45', '47', '81', '84', '94'])}-{rnd(DIG, 7)}"


def toss_live_key():
    """Toss Payments secret key shape: live_sk_ + 28 base62 chars."""
    return "live_sk_" + rnd_mixed(ALNUM, 28)


def url_pw(n):
    """Password usable verbatim in a URL's userinfo (unreserved and sub-delims only)."""
    return rnd_mixed(ALNUM + "-_.~!*", n)


def glaeubiger_id():
    """SEPA creditor identifier DEkkZZZ0 + 10 digits (mod-97 check like an IBAN, business code ZZZ)."""
    nat = "0" + rnd(DIG, 10)
    num = "".join(str(int(c, 36)) for c in nat + "DE00")
    return f"DE{98 - int(num) % 97:02d}ZZZ{nat}"


# ================================================================ ENGLISH (US / UK / SG / IN)
# ---- positives
v = us_ssn(sep=" ")
e = ein()
S("en", "table", f"""Can you check whether my W-2 boxes add up? Phone scan, OCR below:

Form W-2 Wage and Tax Statement 2025      Copy B—To Be Filed With Employee's FEDERAL Tax Return
a Employee's social security number       OMB No. 1545-0029
   {v}
b Employer identification number (EIN)    1 Wages, tips, other compensation   2 Federal income tax withheld
   {e}                              64,000.77                          9,118.40
c Employer's name, address, and ZIP code  3 Social security wages             4 Social security tax withheld
   HARBORVIEW LOGISTICS LLC                 68,412.77                          4,241.59
   2200 W FULTON ST STE 410 CHICAGO IL 60612
d Control number   00417-HR
e Employee's first name and initial   Last name
   DANIELLE R        OKAFOR
   1439 N MAPLEWOOD AVE APT 2  CHICAGO IL 60622
12a  DD | 8,412.00      15 State IL   Employer's state ID number 4417-2290""", ("us_ssn", v))

v = us_ssn()
S("en", "table", f"""Form W-9 (Rev. March 2024)  Request for Taxpayer Identification Number and Certification
1  Name of entity/individual: Marcus T. Delgado
2  Business name/disregarded entity name, if different from above: Delgado Tile & Stone
3a Federal tax classification: [X] Individual/sole proprietor   [ ] C corp   [ ] S corp   [ ] Partnership
5  Address: 88 Orchard Hill Rd
6  City, state, and ZIP code: Nashua, NH 03062
Part I   Taxpayer Identification Number (TIN)
   Social security number:  {v}
   or Employer identification number:  __-_______
Part II  Certification — Signature of U.S. person: M. Delgado    Date: 11/18/2025
-- Return the completed form to Accounts Payable: ap@granitecrest-builders.com or fax (603) 555-0139 --""",
  ("us_ssn", v), ("email", "ap@granitecrest-builders.com"), ("phone", "(603) 555-0139"))

v = uk_nino()
S("en", "table", f"""P60 End of Year Certificate        Tax year to 5 April 2025
Employee's details
Surname  HOLLOWAY                Forenames or initials  GEMMA L
National Insurance number  {nino_sp(v)}        Works/payroll number  000318
Pay and Income Tax details                 Pay            Tax deducted
In previous employment(s)                  £0.00          £0.00
In this employment                         £41,880.00     £5,862.00
Total for year                             £41,880.00     £5,862.00
Final tax code  1257L
Employer PAYE reference  120/HB58213
Employer name and address  Thistle & Finch Veterinary Ltd, 14 Canal Wharf, Leeds LS11 5PS""",
  ("uk_nino", nino_sp(v)))

v = iban("GB")
S("en", "prose", f"""Hi Priya,

Thanks for choosing Flat 3, 27 Wellington Road. To reserve the flat please pay the holding deposit of £480 by bank transfer to our client account:

  Account name: Larkfield Lettings Client A/C
  Sort code: 40-12-76    Account no: 51873390
  From abroad: IBAN {iban_spaced(v)}  BIC HBUKGB4B

Please use the reference LL-7734-HOLD. Once paid, reply to lettings@larkfield-lettings.co.uk or ring the office on 0161 496 0732 and we'll start referencing.

Kind regards,
Tom Ashby, Larkfield Lettings""",
  ("iban", iban_spaced(v)), ("email", "lettings@larkfield-lettings.co.uk"), ("phone", "0161 496 0732"))

v = uk_nino()
S("en", "chat", f"""can you turn this into a proper letter to HMRC? my NI number is {v}, I moved from 12 Briar Close, Swindon to 7 Millstream Court, Bath BA2 3QT on 1 October. new mobile is 07700 900614. I want them to update my address and re-send the P800 they posted to the old one. keep it short and polite pls""",
  ("uk_nino", v), ("phone", "07700 900614"))

v = us_ssn()
obj = {"employee_id": "E-20931", "legal_name": "Kevin Tran", "ssn": v, "email": "kevin.tran@example.com",
       "phone": "+1 206-555-0164",
       "direct_deposit": [{"bank": "Evergreen Federal Credit Union", "routing_number": aba(),
                           "account_number": "004418829301", "account_type": "checking", "allocation_pct": 100}],
       "w4": {"filing_status": "single", "step4c_extra_withholding": 25.0}, "start_date": "2025-12-01"}
S("en", "json", "Onboarding record from our HR export, please check the direct deposit block is complete:\n" +
  json.dumps(obj, indent=2), ("us_ssn", v), ("email", "kevin.tran@example.com"), ("phone", "+1 206-555-0164"))

v = card("mc")
vf = fmt_card(v, "-")
S("en", "prose", f"""Subject: Claim notification — Policy HO-3 No. 77-A4-118203 / Claim # CLM25-0098841

On November 3 a supply line burst behind the upstairs vanity and water came through the kitchen ceiling. The insured, Ruth Abernathy, had an emergency plumber out the same night and paid the $1,240 invoice with her Mastercard {vf} (exp 08/28). She asks that the $1,000 deductible be charged to the same card rather than deducted from the settlement. Photos and the plumber's invoice (No. 55871) are attached. Best contact: ruth.abernathy@example.net or (512) 555-0148 after 4 pm.""",
  ("card", vf), ("email", "ruth.abernathy@example.net"), ("phone", "(512) 555-0148"))

v = us_ssn()
S("en", "table", f"""PATIENT REGISTRATION — St. Brigid Medical Center (Outpatient)
Last name: Nakamura-Price      First: Elena       DOB: 02/14/1979     Sex: F
SSN: {v}                 MRN: 00-48-2291 (assigned at check-in)
Home phone: (617) 555-0122     Cell: 617.555.0190
Email: elena.np@example.org
Primary insurance: BlueRiver PPO     Member ID: XJH448210937     Group #: 00710-44
Emergency contact: Jonah Price (spouse)   (617) 555-0175
Preferred pharmacy: CVS #2291, Somerville MA 02143""",
  ("us_ssn", v), ("phone", "(617) 555-0122"), ("phone", "617.555.0190"), ("email", "elena.np@example.org"),
  ("phone", "(617) 555-0175"))

c1, p1, p2 = sg_nric(), sg_nric(), sg_nric()
S("en", "table", f"""Primary 1 Registration Exercise 2026 — Phase 2C (online form copy)
Child's name: Lim Jia Hui            Birth Certificate No. / NRIC: {c1}
Date of birth: 14 Mar 2019           Citizenship: Singapore Citizen
Parent 1: Lim Wei Ming               NRIC: {p1}     Mobile: +65 9123 4407
Parent 2: Tan Siew Ling              NRIC: {p2}     Mobile: 8765 2210
Email for correspondence: weiming.lim@example.sg
Home address: Blk 412 Tampines St 41 #08-223 Singapore 520412   (distance to school: within 1 km)""",
  ("sg_nric", c1), ("sg_nric", p1), ("sg_nric", p2), ("phone", "+65 9123 4407"), ("phone", "8765 2210"),
  ("email", "weiming.lim@example.sg"))

a1, a2 = aadhaar(), aadhaar()
a1f = f"{a1[:4]} {a1[4:8]} {a1[8:]}"
S("en", "table", f"""# onboarding_batch_2025-11.tsv  (pasted from the shared sheet)
emp_code\tname\taadhaar\tmobile\tpersonal_email\tifsc\tjoining_date
BLR-1182\tAnanya Iyer\t{a1f}\t+91 98450 17733\tananya.iyer@example.in\tHDFC0001234\t2025-11-03
BLR-1183\tRohit Menon\t{a2}\t9886021458\trohit.m@example.in\tICIC0000456\t2025-11-10""",
  ("in_aadhaar", a1f), ("in_aadhaar", a2), ("phone", "+91 98450 17733"), ("phone", "9886021458"),
  ("email", "ananya.iyer@example.in"), ("email", "rohit.m@example.in"))

pw = password()
b = basic("payroll-sync", pw)
S("en", "log", f"""2025-11-24T08:14:02.118Z INFO  payroll-gw req=7f3a21 POST /v2/payruns/2025-11/submit client=10.42.7.19 ua="PayrollSync/3.2"
2025-11-24T08:14:02.120Z DEBUG payroll-gw req=7f3a21 headers={{"Authorization":"Basic {b}","Content-Type":"application/json"}}
2025-11-24T08:14:02.377Z WARN  payroll-gw req=7f3a21 upstream 502 from 52.14.188.203:443, retrying (1/3)
2025-11-24T08:14:03.010Z INFO  payroll-gw req=7f3a21 GET /v2/employees?email=j.whitfield%40example.com 200 12ms""",
  ("ip_address", "10.42.7.19"), ("password", b), ("ip_address", "52.14.188.203"),
  ("email", "j.whitfield%40example.com"))

v = stripe("sk_live_")
S("en", "code", f"""# collect_rent.py — monthly rent charges for the Elm Street units
import stripe

stripe.api_key = "{v}"

TENANTS = {{
    "Unit 2B": {{"email": "m.osei@example.com", "rent_cents": 185000}},
    "Unit 3A": {{"email": "dana.kowalski@example.com", "rent_cents": 192500}},
}}

for unit, t in TENANTS.items():
    cust = stripe.Customer.list(email=t["email"]).data[0]
    stripe.PaymentIntent.create(amount=t["rent_cents"], currency="usd", customer=cust.id,
                                description=f"Rent Dec 2025 {{unit}}", off_session=True, confirm=True)""",
  ("stripe_key", v), ("email", "m.osei@example.com"), ("email", "dana.kowalski@example.com"))

i1, i2, i3 = iban("DE"), iban("GB"), iban("NL")
S("en", "table", f"""Date\tDescription\tCounterparty IBAN\tDebit\tCredit\tBalance
03/11/2025\tSEPA CT IN Schmidt Consulting GmbH INV-2025-114\t{i1}\t\t2,400.00\t14,882.19
05/11/2025\tFPS OUT Rent Nov Harlow Estates\t{i2}\t1,650.00\t\t13,232.19
08/11/2025\tDD HMRC NDDS 1160412877\t\t812.40\t\t12,419.79
12/11/2025\tSEPA CT OUT Van Dijk Vertalingen factuur 2025-0932\t{i3}\t310.50\t\t12,109.29""",
  ("iban", i1), ("iban", i2), ("iban", i3))

pw1, pw2 = url_pw(16), password()
url = f"postgresql://hr_app:{pw1}@hr-db.internal.example:5432/peopledesk"
S("en", "config", f"""# peopledesk/config/production.yml
database:
  url: {url}
  pool: 12
mail:
  smtp_host: smtp.example.com
  smtp_port: 587
  smtp_user: noreply-payslips@example.com
  smtp_password: "{pw2}"
payroll_export:
  format: BACS18
  sftp_host: 172.20.14.8
  sftp_user: bacs_upload
  schedule: "0 6 * * 1-5\"""",
  ("url_credentials", url), ("email", "noreply-payslips@example.com"), ("password", pw2),
  ("ip_address", "172.20.14.8"))

v, d = iban("ES"), es_dni()
S("en", "prose", f"""From: Aoife Brennan <aoife.brennan@example.ie>
To: Sam Whitaker <s.whitaker@example.co.uk>
Subject: Re: 4 Quay Street — rent and ID for the agency

Hi Sam,

The agency asked for ID for both of us; Javier's Spanish DNI is {d} (he's sending a scan separately). From January the rent should go to our joint account in Valencia, IBAN {iban_spaced(v)}, on the 1st of each month. If anything's unclear call me on +34 612 48 93 07.

Thanks, Aoife""",
  ("email", "aoife.brennan@example.ie"), ("email", "s.whitaker@example.co.uk"), ("es_dni", d),
  ("iban", iban_spaced(v)), ("phone", "+34 612 48 93 07"))

# ---- hard negatives
S("en", "prose", """Part I. Taxpayer Identification Number (TIN)
Enter your TIN in the appropriate box. For individuals, this is generally your social security number (SSN). Do not enter a made-up or sample number such as 123-45-6789 or 000-00-0000; the IRS will reject it. If you are a resident alien and you do not have and are not eligible to get an SSN, your TIN is your IRS individual taxpayer identification number (ITIN). An EIN is written as XX-XXXXXXX (for example 12-3456789). On payee statements we truncate your TIN and show only the last four digits, e.g. XXX-XX-4417.""")

S("en", "table", f"""WIRE TRANSFER INSTRUCTIONS — Closing: 1187 Juniper Ridge Dr, Bend OR 97702   File No. 25-118734-TC
Beneficiary bank:     First Meridian Bank, N.A.
ABA routing number:   {aba()}
SWIFT/BIC:            FMBKUS44
Beneficiary:          Cascade Title & Escrow LLC — Escrow Trust Account
Account number:       ending ...4471 (full number given only on a verified call-back — never by e-mail)
Reference:            Escrow 25-118734 / Buyer: Whitcombe
Amount due:           $86,402.15   Closing date: 12/05/2025""")

S("en", "table", """P60 (employee copy) — SAMPLE, for guidance only
National Insurance number: QQ 12 34 56 C   <- HMRC example format; yours is printed on your payslip
Tax code: 1257L      Employer PAYE reference: 475/FB10027      Accounts Office reference: 475PA00091234
Pay in this employment: £28,110.00          Tax deducted: £3,114.80
Student loan deductions: £492.00            Earnings at LEL: £6,396.00
Employee's contributions due on all earnings above the PT: £1,702.40""")

S("en", "prose", """Thank you for reporting your loss. Claim number: 0419-772-3381-07. Policy number: HO3 8812 559 004. Date of loss: 10/27/2025. Loss location ZIP: 78704. Your adjuster will reach out within 2 business days. Deductible: $1,000.00. Estimated actual cash value: $14,230.55. Please quote your claim number on all correspondence, and do not put your full Social Security number or bank account numbers in portal messages.""")

S("en", "table", """Card ending 8841 — Statement closing date 11/21/2025
Trans  Post   Reference Number             Description                        Amount
10/24  10/25  24492155297300847715543      WHOLE FOODS #10293 AUSTIN TX       84.17
10/29  10/30  24137465303000194826611      SHELL OIL 57442190 ROUND ROCK TX   51.02
11/02  11/03  74798505306000418827705      AUSTIN ENERGY UTIL 512-494-XXXX    212.66
11/15  11/15  Payment - Thank You          AUTOPAY                            -1,200.00
Account number: XXXX XXXX XXXX 8841   Minimum payment due: $35.00   Payment due date: 12/18/2025""")

S("en", "log", """Nov 24 09:12:44 portal-01 sshd[2231]: Accepted publickey for deploy from 203.0.113.45 port 51422 ssh2
Nov 24 09:12:45 portal-01 app[881]: listening on 0.0.0.0:8443 (tls)
Nov 24 09:12:45 portal-01 app[881]: health probe 127.0.0.1 -> 200
Nov 24 09:13:02 portal-01 app[881]: login ok tenant=acme-payroll user_id=40918 src=198.51.100.77 mfa=totp
Nov 24 09:13:02 portal-01 net[12]: eth0 inet 192.0.2.14 netmask 255.255.255.0 broadcast 192.0.2.255""")

S("en", "table", """Tax Invoice  No. SGI-2025-00871          Date: 24 Nov 2025
Supplier: Brightline Accounting Services Pte. Ltd.
UEN: 201934417K        GST Reg. No.: 201934417K
Customer: Harbourfront Dental Clinic LLP   UEN: T16LL0412C
Description                                   Qty   Amount (SGD)
Monthly bookkeeping — October 2025            1     1,450.00
Corporate tax filing (Form C-S) YA2025        1     900.00
GST 9%                                              211.50
Total                                               2,561.50
Payment: PayNow to UEN 201934417K, reference SGI-2025-00871""")

S("en", "table", """TAX INVOICE  INV/25-26/0871                 Date: 24-11-2025
Supplier: Kaveri Cloudworks Pvt Ltd, 4th Floor, 80 Feet Rd, Koramangala, Bengaluru 560034
GSTIN: 29AAGCK7383J1Z4      CIN: U72900KA2019PTC128841
Bill to: Nilgiri Tea Traders LLP   GSTIN: 33AAKFN2217Q1ZT   Place of supply: Tamil Nadu (33)
HSN/SAC   Description                    Taxable value   IGST 18%
998313    Managed hosting — Nov 2025     42,000.00       7,560.00
Bank: HDFC Bank, IFSC HDFC0000123, A/c type Current
Amount payable: INR 49,560.00 (Forty-nine thousand five hundred sixty only)""")

S("en", "table", """CLOSING DISCLOSURE — Loan Information
Loan ID #        4400187723          Loan term   30 years
MIN              1001234-0000987654-3
Loan officer NMLS ID   402118        Lender NMLS ID   3274
Property         77 Larkspur Ln, Fort Collins, CO 80525   APN 97142-09-017
Sale price       $512,000            Loan amount  $409,600
Interest rate    6.375 %             Monthly P&I  $2,555.38
Cash to close    $108,914.27         Closing date 12/12/2025""")

S("en", "chat", """quick question — my W-2 shows ***-**-4821 in box a and 8,412.00 next to code DD in box 12. Is DD taxable? Also box 1 (64,000.77) is lower than box 3 (68,412.77), is that because of my 401(k)?""")

# ================================================================ GERMAN
# ---- positives
v = de_steuer_id()
S("de", "table", f"""Ausdruck der elektronischen Lohnsteuerbescheinigung für 2024
Dauer des Dienstverhältnisses   01.01.-31.12.
Identifikationsnummer: {steuer_sp(v)}        Personalnummer: 00 4711
Geburtsdatum: 17.03.1986                       Transferticket: 1K7Q-X2M4-PP81
Steuerklasse/Faktor  1
 3. Bruttoarbeitslohn einschl. Sachbezüge ...........  52 340,00
 4. Einbehaltene Lohnsteuer von 3. .................   8 112,41
 5. Einbehaltener Solidaritätszuschlag von 3. ......       0,00
Finanzamt, an das die Lohnsteuer abgeführt wurde: Hannover-Nord (2325)
Steuernummer des Arbeitgebers: 25/206/31785""", ("de_steuer_id", steuer_sp(v)))

v1, v2 = iban("DE"), iban("DE")
S("de", "table", f"""SEPA-Überweisung/Zahlschein
Name und Sitz des überweisenden Kreditinstituts: Volksbank Mittelhessen eG      BIC: VBMHDE5F
Angaben zum Zahlungsempfänger: Name, Vorname/Firma
HAUSVERWALTUNG KRÄMER & SÖHNE GBR
IBAN  {iban_spaced(v1)}
BIC des Kreditinstituts/Zahlungsdienstleisters  GENODEF1S12
Betrag: Euro, Cent   1.145,00
Kunden-Referenznummer - Verwendungszweck, ggf. Name und Anschrift des Zahlers
MIETE DEZ 2025 WHG 3.OG LINKS
Angaben zum Kontoinhaber/Zahler: Name, Vorname/Firma, Ort
Yilmaz, Deniz, Gießen
IBAN {v2}
Datum 24.11.2025        Unterschrift(en)""", ("iban", iban_spaced(v1)), ("iban", v2))

v = iban("DE")
S("de", "prose", f"""§ 5 Mietsicherheit
(1) Der Mieter leistet eine Kaution in Höhe von drei Nettokaltmieten (2.460,00 EUR). Die Kaution ist in drei gleichen Raten auf das Konto des Vermieters bei der Sparkasse KölnBonn, IBAN {iban_spaced(v)}, zu zahlen; die erste Rate ist zu Beginn des Mietverhältnisses fällig.
(2) Der Vermieter legt die Kaution getrennt von seinem Vermögen bei einem Kreditinstitut zu dem für Spareinlagen mit dreimonatiger Kündigungsfrist üblichen Zinssatz an.

§ 14 Kontakt und Erreichbarkeit
Vermieterin: Dr. Frieda Lohmann, Telefon 0221 / 94 58 17 30, E-Mail f.lohmann@example.de
Mieter: Jonas Berger, mobil +49 (0)176 2384 9105""",
  ("iban", iban_spaced(v)), ("phone", "0221 / 94 58 17 30"), ("email", "f.lohmann@example.de"),
  ("phone", "+49 (0)176 2384 9105"))

v = de_steuer_id()
S("de", "chat", f"""Hallo, kannst du mir einen Einspruch gegen den Einkommensteuerbescheid 2024 formulieren? Meine Steuer-ID ist {v}, Steuernummer 143/250/51728, Bescheid vom 04.11.2025. Das Finanzamt hat die Entfernungspauschale (38 km, 212 Arbeitstage) nur für 150 Tage anerkannt. Rückfragen gern an mich unter 0152 28841937.""",
  ("de_steuer_id", v), ("phone", "0152 28841937"))

v = card("visa")
S("de", "table", f"""Patientenaufnahme – Klinikum Am Steinenberg, Station 4B
Name, Vorname: Petrović, Milena           geb. 09.06.1991
Anschrift: Uhlandstr. 22, 72764 Reutlingen
Telefon privat: 07121 398 4410            Mobil: 0160-9327 1184
E-Mail: milena.petrovic@example.de
Kostenträger: AOK Baden-Württemberg
Wahlleistung Einbettzimmer: Selbstzahlerin – Kreditkarte (Visa) {fmt_card(v)}, gültig bis 05/27
Notfallkontakt: Luka Petrović (Bruder), 0171 5520873""",
  ("phone", "07121 398 4410"), ("phone", "0160-9327 1184"), ("email", "milena.petrovic@example.de"),
  ("card", fmt_card(v)), ("phone", "0171 5520873"))

b, s, n = nl_bsn(), de_steuer_id(), iban("NL")
S("de", "prose", f"""Ich arbeite seit März als Grenzgänger in Venlo und wohne in Nettetal. Für die niederländische Lohnabrechnung nutzt mein Arbeitgeber meine BSN {b}, das Finanzamt Viersen kennt mich unter der Steuer-ID {steuer_sp(s)}. Das Gehalt geht auf mein niederländisches Konto {iban_spaced(n)}. Muss ich in Deutschland trotzdem eine Einkommensteuererklärung abgeben (Progressionsvorbehalt), und welche Anlage ist das?""",
  ("nl_bsn", b), ("de_steuer_id", steuer_sp(s)), ("iban", iban_spaced(n)))

s, v = de_steuer_id(), iban("DE")
obj = {"antrag": "Elterngeld", "kind": {"vorname": "Mila", "geburtsdatum": "2025-08-30"},
       "antragsteller": {"name": "Sarah Köhler", "steuerliche_identifikationsnummer": s,
                         "telefon": "+49 351 8472 2031", "email": "sarah.koehler@example.de"},
       "bankverbindung": {"kontoinhaber": "Sarah Köhler", "iban": v, "bic": "OSDDDE81XXX"},
       "bezugsmonate": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], "variante": "Basiselterngeld"}
S("de", "json", json.dumps(obj, ensure_ascii=False, indent=2),
  ("de_steuer_id", s), ("phone", "+49 351 8472 2031"), ("email", "sarah.koehler@example.de"), ("iban", v))

v = iban_spaced(iban("DE"))
vb = v[:14] + "\n" + v[15:]
S("de", "prose", f"""Schadenmeldung zur Versicherungsschein-Nr. KH-4471-220918, Ihr Zeichen 25-SN-0093317

Am 17.11.2025 gegen 07:40 Uhr wurde mein geparktes Fahrzeug (Kennzeichen HH-JK 482) in der Osterstraße beim Ausparken eines Lieferwagens an der Fahrertür beschädigt. Der Fahrer hat seine Daten hinterlassen, die Polizei hat den Vorgang unter 25/4471/0917 aufgenommen.
Bitte überweisen Sie die Reparaturkosten laut Gutachten (2.318,66 €) auf mein Konto:
IBAN: {vb}
Rückruf bitte unter 0176-44821930.""", ("iban", vb), ("phone", "0176-44821930"))

v = iban("DE")
S("de", "log", f"""2025-11-24 10:02:17,441 INFO  [sepa-core] Session 8c41 Login von 192.168.178.24 via Proxy 10.8.0.3
2025-11-24 10:02:19,006 INFO  [sepa-core] Auftrag 550193 erstellt: Ueberweisung 2.300,00 EUR an {v} (Empfaenger: Weber Elektrotechnik)
2025-11-24 10:02:19,120 WARN  [tan-svc]  pushTAN an Geraet 'iPhone 14' - Antwort von 91.64.203.117 verzoegert (1840 ms)
2025-11-24 10:02:24,870 INFO  [sepa-core] Auftrag 550193 freigegeben, EndToEndId NOTPROVIDED""",
  ("ip_address", "192.168.178.24"), ("ip_address", "10.8.0.3"), ("iban", v), ("ip_address", "91.64.203.117"))

c, m1, m2 = iban("DE"), iban("DE"), iban("AT")
S("de", "code", f"""# beitragseinzug.py – Lastschriften Mitgliedsbeiträge 2026
from sepaxml import SepaDD

config = {{
    "name": "Turnverein Eintracht Lindenau e.V.",
    "IBAN": "{c}",
    "BIC": "WELADED1LPZ",
    "batch": True,
    "creditor_id": "DE98ZZZ09999999999",
    "currency": "EUR",
}}
sepa = SepaDD(config, schema="pain.008.001.02")

mitglieder = [
    ("Hoffmann, Lea", "{m1}", "MREF-0112", 9600),
    ("Schulz, Ben", "{m2}", "MREF-0187", 4800),
]
for name, iban, mref, cent in mitglieder:
    sepa.add_payment({{"name": name, "IBAN": iban, "amount": cent, "type": "RCUR",
                      "mandate_id": mref, "mandate_date": date(2023, 1, 1), "description": "Beitrag 2026"}})""",
  ("iban", c), ("iban", m1), ("iban", m2))

g, pw = high_entropy(48), url_pw(18)
url = f"sftp://steuerbuero_upload:{pw}@sftp.kanzlei-example.de:2222/eingang"
S("de", "config", f"""# lohn-export/.env  (Lohnbuchhaltung -> Steuerbüro)
DATEV_EXPORT_DIR=/srv/export/datev
EXPORT_SIGNING_SECRET={g}
SFTP_URL={url}
MAIL_ABSENDER=lohn@kanzlei-example.de
EXPORT_CRON=0 5 1 * *""",
  ("generic_secret", g), ("url_credentials", url), ("email", "lohn@kanzlei-example.de"))

f, s = fr_nir(), de_steuer_id()
S("de", "prose", f"""Anmeldung Grenzgängerin aus Lothringen – bitte für die Lohnabrechnung Dezember anlegen:
Mme Camille Roux, wohnhaft in Forbach, beginnt am 01.12.2025 bei uns im Werk Völklingen (Steuerklasse I, Besteuerung nach DBA Frankreich noch zu klären). Französische Sozialversicherungsnummer (NIR): {f}. Aus einer früheren Beschäftigung in Saarbrücken hat sie bereits eine deutsche Steuer-ID: {s}. Rückfragen an das Lohnbüro, Frau Wendt, 06898 / 31 44-217.""",
  ("fr_nir", f), ("de_steuer_id", s), ("phone", "06898 / 31 44-217"))

cf, s, v = it_cf(), de_steuer_id(), iban("DE")
S("de", "table", f"""Personalfragebogen – Neueinstellung zum 01.01.2026
Name, Vorname:               Bianchi, Giulia
Staatsangehörigkeit:         italienisch
Codice Fiscale (IT):         {cf}
Steuer-Identifikationsnr.:   {steuer_sp(s)}
Steuerklasse / Kinderfreibeträge / Konfession:   1 / 0,0 / rk
Bankverbindung (IBAN):       {v}
Telefon:                     +39 347 218 6604  (bis Dezember), danach +49 1512 7730418""",
  ("it_codice_fiscale", cf), ("de_steuer_id", steuer_sp(s)), ("iban", v), ("phone", "+39 347 218 6604"),
  ("phone", "+49 1512 7730418"))

s, v = de_steuer_id(), iban("DE")
so = f"{s[:3]} {s[3:7]} {s[7:]}"
vo = "DE " + v[2:4] + " " + " ".join(v[i:i + 4] for i in range(4, len(v), 4))
S("de", "table", f"""Antrag auf Ermäßigung der Elternbeiträge (Kita)  –  Seite 1 / 2   [Scan]
Erziehungs berechtigte/r :  Aydın , Emre          geb. : 02.11.1987
Steuer- ID :  {so}
Kind :  Aydın , Elif    Einrichtung :  Kita Sonnenblume , Gruppe Igel
SEPA -Lastschriftmandat   IBAN :  {vo}
Tel. tagsüber :  040 72318 44
Haushaltsnettoeinkommen lt. Anlage :  3 . 180 , 00 €""",
  ("de_steuer_id", so), ("iban", vo), ("phone", "040 72318 44"))

d1, a1, c1 = iban("DE"), iban("AT"), iban("CH")
S("de", "table", f"""Buchungstag;Valuta;Auftraggeber/Empfänger;IBAN;Verwendungszweck;Betrag
03.11.2025;03.11.2025;Stadtwerke Erfurt GmbH;{d1};Abschlag Strom 11/25 Vertragskonto 400118827;-86,00
04.11.2025;04.11.2025;Lukas Meier;{a1};Anteil Ferienwohnung Kaprun;420,00
07.11.2025;07.11.2025;R. Frei;{c1};Rückzahlung Darlehen Rate 3;1.000,00
10.11.2025;10.11.2025;VISA Abrechnung;;Karte 4***********7713;-312,44""",
  ("iban", d1), ("iban", a1), ("iban", c1))

# ---- hard negatives
S("de", "table", """Ausdruck der elektronischen Lohnsteuerbescheinigung für 2024 – MUSTER (Ausfüllhilfe)
Identifikationsnummer: XX XXX XXX XXX          Personalnummer: 10233
Finanzamt (Nr.), an das die Lohnsteuer abgeführt wurde: München Abt. II/III (9143)
Steuernummer des Arbeitgebers: 143/215/60025   bundeseinheitlich: 9143021560025
 3. Bruttoarbeitslohn ..................  38.900,00
 4. Einbehaltene Lohnsteuer .............  4.702,16
 5. Solidaritätszuschlag ................      0,00
22a. Arbeitgeberanteil Rentenversicherung   3.617,70""")

S("de", "prose", """Die festgesetzte Nachzahlung von 1.284,00 € überweisen Sie bitte bis zum 15.12.2025 an die Finanzkasse München: Deutsche Bundesbank, Filiale München, BLZ 700 000 00, Konto 700 015 00, BIC MARKDEF1700. Geben Sie als Verwendungszweck unbedingt das Kassenzeichen 143.215.60025.8 und die Steuernummer 143/215/60025 an, sonst kann die Zahlung nicht zugeordnet werden.""")

S("de", "table", f"""Beitragsrechnung 2026 – Hausratversicherung Komfort
Versicherungsschein-Nr.:   HR-55.918.204-7
Vertragsbeginn:            01.01.2019        Hauptfälligkeit: 01.01.
Versicherungssumme:        78.000 EUR        Tarif: HR-K 2023
Jahresbeitrag:             148,92 EUR (inkl. 19 % Versicherungsteuer)
SEPA-Lastschrift: Gläubiger-ID {glaeubiger_id()}, Mandatsreferenz HR55918204-01
Abbuchung vom Konto mit den Endziffern ...4410 am 02.01.2026""")

S("de", "prose", """Impressum: Nordlicht Software GmbH, Gneisenaustraße 44, 10961 Berlin. Registergericht: Amtsgericht Charlottenburg, HRB 231874 B. Umsatzsteuer-Identifikationsnummer gemäß § 27a UStG: DE318445721. Steuernummer: 30/481/50317. LEI: 5299004TQ8K1L0M7FD22. Geschäftsführer: Tobias Renner, Anja Lindqvist.""")

S("de", "table", """Rechnung Nr. 2025-118842 – Universitätsklinikum (Wahlleistungen)
Fallnummer:        40018821        Aufnahme: 12.10.2025   Entlassung: 16.10.2025
DRG:               I68D            Hauptdiagnose (ICD-10-GM): M54.5
Pos.  GOÄ-Ziffer  Leistung                                  Faktor   Betrag
1     1           Beratung                                   2,3      10,72
2     5           Symptombezogene Untersuchung               2,3      10,72
3     5855        Intraartikuläre Infiltration               1,8      94,37
Rechnungsbetrag: 115,81 EUR   Zahlbar bis 30.11.2025 unter Angabe der Fallnummer 40018821.""")

S("de", "chat", """Wo finde ich eigentlich meine Steuer-ID? Im Formular steht als Beispiel "12 345 678 901" und daneben der Hinweis, man solle sie nicht mit der Steuernummer (z. B. 21/815/08150) verwechseln. Meine Unterlagen sind beim Umzug nach 80331 München verloren gegangen – kann ich die Nummer online neu anfordern?""")

S("de", "prose", """§ 1 Mietsache: Vermietet wird die Wohnung Nr. 7 im 3. OG links des Hauses Dürener Str. 118, 50931 Köln (Flur 12, Flurstück 118/4, Grundbuch von Lindenthal Blatt 8821), Wohnfläche 78,40 m². § 3 Miete: Die Nettokaltmiete beträgt 1.020,00 €, die Betriebskostenvorauszahlung 240,00 €, zahlbar jeweils bis zum 3. Werktag. § 5: Die Kaution wird auf einem Mietkautionssparbuch der Sparkasse KölnBonn (BLZ 370 501 98) angelegt, Sparbuch-Nr. wird nach Eröffnung mitgeteilt.""")

S("de", "log", """2025-11-24T11:20:03Z INFO  pos-gw terminal=TID 61204417 merchant=MID 9100441827 pan=411111******1111 exp=**/** amount=64,90 EUR auth=A7K2Q9 stan=004118
2025-11-24T11:20:03Z DEBUG pos-gw host 127.0.0.1:9001 ack in 42ms
2025-11-24T11:20:04Z INFO  pos-gw settlement batch 0877 sent to acquirer gw 192.0.2.40 (mask 255.255.255.0)""")

S("de", "config", """# buchhaltung/kontenrahmen.yml
kontenrahmen: SKR03
konten:
  kasse: 1000
  bank_giro: 1200
  forderungen: 1400
  vorsteuer_19: 1576
  umsatzsteuer_19: 1776
kostenstellen:
  - {nr: 100, name: Verwaltung}
  - {nr: 210, name: Werkstatt}
steuer:
  finanzamt_nr: 2166
  steuernummer: "21/815/08150"
  ust_id: "DE812345678"
  voranmeldung: monatlich""")

S("de", "table", """Kfz-Haftpflichtschaden – Übersicht Sachbearbeitung
Schadennummer:        25-SN-0093317
Versicherungsschein:  KH-4471-220918
Amtl. Kennzeichen:    HH-JK 482        Erstzulassung: 03/2019
FIN:                  WVWZZZAUZKW118842
Gutachten-Nr.:        GA-25-11-0415 (Sachverständigenbüro Nord, 22765 Hamburg)
Reparaturkosten netto: 1.948,45 €   Wertminderung: 250,00 €   Nutzungsausfall: 4 Tage à 43,00 €""")

# ================================================================ KOREAN
# ---- positives
r1, r2 = kr_rrn(1984, 1), kr_rrn(1986, 2)
r3 = kr_rrn(2016, 4)
r3o = f"{r3[:6]} - {r3[7:]}"
bz = kr_biz_no()
S("ko", "table", f"""[별지 제37호서식] 근로소득자 소득·세액 공제신고서 (2025년 소득에 대한 연말정산용)
소득자 성명 : 박 지 훈        주민등록번호 : {r1}
근무처 명칭 : (주)한빛정밀      사업자등록번호 : {bz}
Ⅰ. 인적공제 및 소득공제 명세
관계코드   성 명      내·외국인   주민등록번호          기본공제   부녀자   자녀
0          박지훈     1           {r1}        ○
3          이수민     1           {r2}        ○
4          박서윤     1           {r3o}      ○                  ○""",
  ("kr_rrn", r1), ("kr_rrn", r2), ("kr_rrn", r3o))

S("ko", "table", """이체확인증
거래일시 : 2025.11.21 14:32:08
출금계좌 : 국민은행 123456-01-234567 (김*영)
입금은행 : 신한은행        입금계좌 : 110-482-771205        받는분 : 정혜원
이체금액 : 1,250,000원     수수료 : 0원
받는분 통장표시 : 11월 관리비
보내는분 연락처 : 010-7714-2093
확인증 수신 이메일 : kjy0412@example.co.kr""", ("phone", "010-7714-2093"), ("email", "kjy0412@example.co.kr"))

rm, rme = kr_rrn(1958, 2).replace("-", ""), kr_rrn(1989, 1)
S("ko", "chat", f"""엄마를 제 건강보험 피부양자로 올리려고 하는데 신청서에 뭘 써야 해요? 엄마 주민번호는 {rm}이고 저는 {rme}이에요. 공단 고객센터 번호가 1577-1000 맞나요? 거기 전화해서 팩스로 보내면 되는 건지 궁금해요""",
  ("kr_rrn", rm), ("kr_rrn", rme), ("phone", "1577-1000"))

r = kr_rrn(1977, 2)
S("ko", "table", f"""입원 약정서 — 한결대학교병원
환자 성명 : 최은정           주민등록번호 : {r}        병록번호 : 00918273
주소 : 대전광역시 서구 둔산로 100, 1203동 504호
연락처(휴대) : 010 3382 9017
보호자 : 최민호 (배우자)     연락처 : 010-5529-0184
검사결과지 수신 이메일 : eunjung.choi@example.com
진료비 납부 보증 : 본인 및 보호자 연대""",
  ("kr_rrn", r), ("phone", "010 3382 9017"), ("phone", "010-5529-0184"), ("email", "eunjung.choi@example.com"))

ra, rb, v = kr_rrn(1961, 2), kr_rrn(1992, 1), iban("DE")
S("ko", "prose", f"""부동산(주택) 임대차계약서 특약사항
1. 임대인 한정숙(주민등록번호 {ra})은 현재 독일 프랑크푸르트에 거주 중이므로, 보증금 잔금 120,000,000원은 잔금일(2026.01.15)에 임대인 명의 해외계좌 IBAN {iban_spaced(v)} (BIC COBADEFFXXX)로 송금한다.
2. 임차인 윤도현(주민등록번호 {rb}, 연락처 010-2214-8830)은 송금 수수료를 부담한다.
3. 중개사무소: 새솔공인중개사사무소, 등록번호 11680-2019-00421.""",
  ("kr_rrn", ra), ("iban", iban_spaced(v)), ("kr_rrn", rb), ("phone", "010-2214-8830"))

r, c = kr_rrn(1995, 2), card("mc")
obj = {"application_id": "CA-20251124-00871", "product": "딥드림 플래티넘",
       "applicant": {"name": "오세린", "rrn": r, "mobile": "01093381172", "email": "serin.oh@example.co.kr"},
       "linked_account": {"bank_code": "004", "account_no": "94820201338812"},
       "issued_card": {"number": c, "expiry": "2030-11", "status": "발급완료"}}
S("ko", "json", json.dumps(obj, ensure_ascii=False, indent=2),
  ("kr_rrn", r), ("phone", "01093381172"), ("email", "serin.oh@example.co.kr"), ("card", c))

r = kr_rrn(1998, 2)
S("ko", "log", f"""[2025-11-24 09:41:03.218][INFO ][ibk-web-07] LOGIN_OK cust=C00418821 ip=121.134.77.19 device=AOS
[2025-11-24 09:41:05.004][DEBUG][ibk-web-07] 본인확인 요청 payload={{"name":"장미래","jumin":"{r}","telco":"SKT","hp":"010-6612-4470"}}
[2025-11-24 09:41:05.330][INFO ][ibk-web-07] upstream auth-gw 10.10.21.5:8443 OK (318ms)
[2025-11-24 09:41:06.112][INFO ][ibk-web-07] GET /mypage/notify?mail=mirae.jang%40example.co.kr 200""",
  ("ip_address", "121.134.77.19"), ("kr_rrn", r), ("phone", "010-6612-4470"), ("ip_address", "10.10.21.5"),
  ("email", "mirae.jang%40example.co.kr"))

t = toss_live_key()
S("ko", "code", f"""// 월세 자동결제 서버 (express) — 매월 25일 cron 으로 호출
const TOSS_SECRET_KEY = "{t}";
const auth = Buffer.from(TOSS_SECRET_KEY + ":").toString("base64");

app.post("/billing/charge", async (req, res) => {{
  const r = await fetch("https://api.tosspayments.com/v1/billing/" + req.body.billingKey, {{
    method: "POST",
    headers: {{ Authorization: `Basic ${{auth}}`, "Content-Type": "application/json" }},
    body: JSON.stringify({{
      customerKey: req.body.customerKey,
      amount: 850000,
      orderId: `rent-301-${{Date.now()}}`,
      orderName: "12월 월세 (301호)",
      customerEmail: "tenant-301@example.co.kr",
    }}),
  }});
  res.status(r.status).json(await r.json());
}});""", ("payment_token", t), ("email", "tenant-301@example.co.kr"))

p1, p2, p3 = url_pw(14), password(), password()
url = f"mysql://payroll_rw:{p1}@db-payroll.corp.example:3306/salary"
S("ko", "config", f"""; 급여명세서 발송 배치 설정 (payslip.ini)
[database]
url = {url}

[mail]
smtp_host = smtp.example.co.kr
smtp_user = hr-notice@example.co.kr
smtp_pass = {p2}
subject = [인사팀] 2025년 11월 급여명세서

[hometax]
; 원천세 신고용 공동인증서
cert_path = /secure/npki/USER/signCert.der
cert_password = {p3}""",
  ("url_credentials", url), ("email", "hr-notice@example.co.kr"), ("password", p2), ("password", p3))

r = kr_rrn(2010, 3)
S("ko", "table", f"""2026학년도 신입생 입학원서 — ○○외국어고등학교
지원자 성명 : 서하준       주민등록번호 : {r}
출신중학교 : 서울신목중학교        졸업(예정)연도 : 2026
보호자 성명 : 서정우       관계 : 부       휴대전화 : 010-9182-3307
자택전화 : 02-2648-1190
보호자 이메일 : jw.seo@example.com
전형 : 일반전형 / 영어과""",
  ("kr_rrn", r), ("phone", "010-9182-3307"), ("phone", "02-2648-1190"), ("email", "jw.seo@example.com"))

r = kr_rrn(1990, 2)
S("ko", "prose", f"""실손의료비 보험금 청구서
피보험자 김나래({r})는 2025.10.28~2025.11.02 기간 급성충수염으로 입원(5일)하여 복강경 충수절제술을 받았습니다. 증권번호 2019-0418827-01, 청구번호 C2511-00938. 보험금은 카카오뱅크 3333-12-4471823(예금주 김나래)으로 지급해 주시고, 심사 진행 상황은 010-4471-9902 또는 narae.kim@example.net 으로 안내 부탁드립니다.""",
  ("kr_rrn", r), ("phone", "010-4471-9902"), ("email", "narae.kim@example.net"))

frn, mn, r = kr_rrn(1987, 5), jp_mynumber(), kr_rrn(1991, 2)
S("ko", "prose", f"""체류기간 연장허가 관련해서 문의드립니다. 남편은 일본 국적이고 외국인등록번호는 {frn}, 일본 마이넘버는 {mn_sp(mn)}입니다. 한국 회사에서 연말정산할 때 일본 마이넘버도 제출해야 하나요? 저(배우자)의 주민등록번호는 {r}이고, 연락처는 010-3318-2207입니다.""",
  ("kr_rrn", frn), ("jp_mynumber", mn_sp(mn)), ("kr_rrn", r), ("phone", "010-3318-2207"))

ra, rb, rc = kr_rrn(1988, 2), kr_rrn(1993, 1), kr_rrn(2000, 4)
rb0 = rb.replace("-", "")
S("ko", "table", f"""사번\t성명\t주민등록번호\t입사일\t급여계좌\t기본급
E1021\t한지민\t{ra}\t2019-03-04\t우리 1002-448-120398\t3,850,000
E1034\t문태오\t{rb0}\t2021-07-12\t농협 302-1188-4471-21\t3,420,000
E1040\t배수아\t{rc}\t2023-01-02\t하나 291-910447-18307\t3,100,000""",
  ("kr_rrn", ra), ("kr_rrn", rb0), ("kr_rrn", rc))

r, v = kr_rrn(2003, 4), iban("GB")
S("ko", "table", f"""해외송금 신청서 (개인, 유학생 송금)
송금인 : 류하은      주민등록번호 : {r}
연락처 : +82 10-2281-0419      이메일 : haeun.ryu@example.com
송금 사유 : 유학생 등록금 (사유코드 10)
수취인 : University of Edinburgh
수취은행 SWIFT : RBOSGB2L
수취계좌 IBAN : {v}
송금액 : GBP 9,250.00        참조 : Student No. S2291047""",
  ("kr_rrn", r), ("phone", "+82 10-2281-0419"), ("email", "haeun.ryu@example.com"), ("iban", v))

c = card("visa")
cf = fmt_card(c, "-")
S("ko", "chat", f"""[오후 3:12] 지수: 언니 나 쿠팡 결제 좀 대신 해줄 수 있어? 내 카드로 하면 돼
[오후 3:12] 지수: {cf} 유효기간 09/29 CVC 318
[오후 3:13] 지수: 인증문자 오면 010-8823-4410 으로 알려줘!!
[오후 3:14] 은비: ㅇㅋ 지금 할게""", ("card", cf), ("phone", "010-8823-4410"))

# ---- hard negatives
b1, k1 = kr_biz_no(), kr_corp_no()
S("ko", "prose", f"""2025년 귀속 연말정산 안내 (인사팀)
① 공제신고서 작성 예시: 주민등록번호란에는 '900101-1234567'처럼 13자리를 적는 칸이 있으나, 회사 제출용 사본은 '******-1******' 형식으로 뒷자리를 가려서 제출해도 됩니다.
② 원천징수의무자: (주)한빛정밀, 사업자등록번호 {b1}, 법인등록번호 {k1}
③ 제출 기한: 2026.01.16(금)까지 인사팀 방문 제출 (간소화 PDF 포함)
④ 문의: 사내 게시판 '연말정산 Q&A' 게시글에 댓글로 남겨 주세요.""")

S("ko", "table", f"""전자세금계산서 (공급받는자 보관용)
승인번호 : 20251124-41000087-52818340
공급자     등록번호 : {kr_biz_no()}   상호 : (주)다온테크     성명 : 이상훈
공급받는자 등록번호 : {kr_biz_no()}   상호 : 미래물산(주)     법인등록번호 : {kr_corp_no()}
작성일자 : 2025-11-24     공급가액 : 4,800,000     세액 : 480,000
월 일   품목               규격   수량   단가         공급가액
11 24   유지보수 11월분           1      4,800,000    4,800,000""")

S("ko", "table", """거래일시\t적요\t입금\t출금\t잔액\t거래점
2025.11.01 09:00\t급여 (주)한빛정밀\t3,412,880\t\t5,118,204\t인터넷
2025.11.05 12:14\t관리비 가상계좌 56211804417729\t\t248,300\t4,869,904\t모바일
2025.11.10 08:00\t카드대금 신한카드\t\t1,102,455\t3,767,449\t자동이체
2025.11.25 00:00\t예금이자\t1,204\t\t3,768,653\t""")

S("ko", "prose", """보험계약 안내: 증권번호 L2019-0418827-01 / 계약자 홍*동 (750812-2******) / 상품코드 NH-HSP-2207 / 보장기간 2019.05.01~2049.05.01 / 월 보험료 48,200원 (자동이체, 매월 25일) / 최근 청구 접수번호 C2511-00938 (지급완료, 1,284,300원). 개인정보 보호를 위해 주민등록번호 뒷자리는 표시하지 않습니다.""")

S("ko", "log", """2025-11-24 13:02:11 [PG] APPROVE mid=dnsm00041 card=5310-12**-****-8842 inst=00 amt=32000 appr_no=30418827 tid=T20251124130211A0041
2025-11-24 13:02:11 [PG] callback -> 127.0.0.1:8080/pg/notify OK
2025-11-24 13:02:12 [PG] van relay 198.51.100.23 mask 255.255.255.0 latency=88ms
2025-11-24 13:02:12 [PG] settle queue size=14 batch=20251124-07""")

S("ko", "chat", """주민등록번호 뒷자리 첫 숫자가 3이면 2000년 이후 출생 남자 맞죠? 그리고 우편번호 06236이 강남구 테헤란로 쪽 맞는지, 서류에 생년월일은 2001-05-17처럼 쓰면 되는지 알려주세요.""")

S("ko", "table", """등기사항전부증명서(말소사항 포함) - 집합건물      고유번호 1146-2010-012345
[표제부] 서울특별시 강서구 화곡동 1092-7 외 1필지 한마음아파트 제103동 제12층 제1204호
【 을 구 】 (소유권 이외의 권리에 관한 사항)
순위번호  등기목적        접수                     등기원인                  권리자 및 기타사항
1         근저당권설정    2021년3월8일 제41872호   2021년3월8일 설정계약     채권최고액 금312,000,000원  근저당권자 주식회사 하나은행""")

S("ko", "prose", """[가정통신문] 2025학년도 2학기 급식비 및 방과후학교 수강료 납부 안내
학부모님 안녕하십니까. 12월분 급식비(68,400원)와 방과후학교 수강료는 스쿨뱅킹으로 12월 10일에 일괄 출금됩니다. 잔액 부족으로 미납된 경우 학년-반-번호(예: 3-2-17)를 입금자명으로 하여 학교 지정 가상계좌로 12월 17일까지 납부해 주시기 바랍니다. 자세한 내용은 학교 홈페이지(https://school.example.kr/notice/2025-118) 공지사항을 참고해 주세요.""")

k2, b2 = kr_corp_no(), kr_biz_no()
obj = {"corpName": "(주)다온테크", "jurirno": k2.replace("-", ""), "bizrno": b2.replace("-", ""),
       "indutyCode": "62021", "adres": "경기도 성남시 분당구 판교역로 235", "zipNo": "13494",
       "estDt": "20140312", "accMt": "12", "corpCls": "E"}
S("ko", "json", json.dumps(obj, ensure_ascii=False, indent=2))

S("ko", "table", """2025년 일반건강검진 결과 통보서
검진번호 : 2025-A-004418      검진일 : 2025.11.12      생년월일 : 1985.03.15
구분          결과          참고치
신장/체중     172.4 / 71.8  -
혈압          128 / 82      120/80 미만
공복혈당      97 mg/dL      100 미만
총콜레스테롤  204 mg/dL     200 미만
종합판정 : 정상B (경계)      다음 검진 예정 : 2027년""")

# ================================================================ JAPANESE
# ---- positives
m1, m2, jc = jp_mynumber(), jp_mynumber(), jp_corp_no()
S("ja", "table", f"""令和6年分　給与所得の源泉徴収票
支払を受ける者　住所　東京都世田谷区三軒茶屋2-14-7-302
　(個人番号) {m1}
　(役職名) 主任　　氏名(フリガナ) タカハシ ケンジ　高橋 健二
種　別　給料・賞与　　支払金額　5 842 000　　給与所得控除後の金額　4 1 2 7 8 0 0
(源泉・特別)控除対象配偶者　氏名 高橋 美穂　(個人番号) {mn_sp(m2)}
支払者　個人番号又は法人番号　{jc}
　住所(居所)又は所在地　東京都港区芝浦3-1-1　氏名又は名称　株式会社ミナトシステムズ""",
  ("jp_mynumber", m1), ("jp_mynumber", mn_sp(m2)))

a, b, c = jp_mynumber(), jp_mynumber(), jp_mynumber()
obj = {"form": "給与所得者の扶養控除等(異動)申告書", "year": 2026,
       "employee": {"name": "佐藤 由紀", "my_number": a, "phone": "080-4471-2298"},
       "spouse": {"name": "佐藤 亮", "my_number": b, "income_estimate": 0},
       "dependents": [{"name": "佐藤 蓮", "relation": "子", "birth": "2014-06-02", "my_number": c}]}
S("ja", "json", json.dumps(obj, ensure_ascii=False, indent=2),
  ("jp_mynumber", a), ("phone", "080-4471-2298"), ("jp_mynumber", b), ("jp_mynumber", c))

S("ja", "table", """振込依頼書（電信扱）
振込先　金融機関名：三井住友銀行（0009）　支店名：渋谷駅前支店（234）
預金種目：普通　　口座番号：7104428
受取人（カナ）：ｶ)ｱｵﾊﾞｼｮｳｼﾞ
振込金額：￥328,900
ご依頼人：中村 彩　　電話番号：03-5421-7780
ご連絡用メール：aya.nakamura@example.jp""", ("phone", "03-5421-7780"), ("email", "aya.nakamura@example.jp"))

m = jp_mynumber()
S("ja", "chat", f"""マイナンバーカードの電子証明書の有効期限通知が届いたので、区役所に出す委任状の文面を作ってください。私のマイナンバーは{m}、代理人は夫の伊藤 誠（携帯 090-2231-8874）です。平日は仕事で行けないので夫に行ってもらいます。""",
  ("jp_mynumber", m), ("phone", "090-2231-8874"))

c = card("jcb")
S("ja", "prose", f"""第5条（賃料の支払）借主は、毎月27日限り翌月分の賃料を、借主名義のクレジットカード（カード番号 {c}）による決済で支払うものとする。
第12条（連絡先）借主：小林 翔太　携帯 070-3318-4402／電子メール s.kobayashi@example.ne.jp
緊急連絡先：小林 直子（母）　Tel. 06-6312-8845""",
  ("card", c), ("phone", "070-3318-4402"), ("email", "s.kobayashi@example.ne.jp"), ("phone", "06-6312-8845"))

m, v = jp_mynumber(), iban("FR")
S("ja", "prose", f"""外国送金依頼書の記入内容を確認してください。ご依頼人：山本 恵理、個人番号（マイナンバー）：{mn_sp(m, "-")}、電話 +81-90-6612-0348。受取人：Studio Lumière SARL（パリ）、受取銀行 BNP Paribas、SWIFT BNPAFRPPXXX、IBAN {iban_spaced(v)}。送金目的：撮影機材の購入代金 EUR 4,120。""",
  ("jp_mynumber", mn_sp(m, "-")), ("phone", "+81-90-6612-0348"), ("iban", iban_spaced(v)))

c = card("visa")
S("ja", "table", f"""初診問診票 — さくら皮フ科クリニック
氏名：渡辺 結衣　　生年月日：1993年7月21日
電話番号（日中に連絡がつく番号）：090-8817-3305
メールアドレス（予約確認用）：yui.w0721@example.com
自費診療のお支払い方法：クレジットカード　番号 {fmt_card(c)}　有効期限 11/28
アレルギー：なし　　服用中の薬：なし""",
  ("phone", "090-8817-3305"), ("email", "yui.w0721@example.com"), ("card", fmt_card(c)))

m = jp_mynumber()
S("ja", "log", f"""2025-11-24 10:15:22.031 INFO  [nb-auth] login success user=U0091827 remote=153.142.18.77 xff=10.1.40.12
2025-11-24 10:15:24.508 DEBUG [kyc] 本人確認書類照合 request={{"kojin_bango":"{m}","shimei":"松本 拓海","birth":"1990-02-11"}}
2025-11-24 10:15:24.990 INFO  [kyc] result=MATCH elapsed=482ms""",
  ("ip_address", "153.142.18.77"), ("ip_address", "10.1.40.12"), ("jp_mynumber", m))

k = sendgrid()
S("ja", "code", f"""# 給与明細PDFを社員へメール送信する（毎月25日）
import sendgrid
from sendgrid.helpers.mail import Mail

SG_KEY = "{k}"
sg = sendgrid.SendGridAPIClient(api_key=SG_KEY)

for emp_id, to in [("E0012", "kato.m@example.co.jp"), ("E0031", "r.inoue@example.co.jp")]:
    msg = Mail(from_email="kyuyo@example.co.jp", to_emails=to,
               subject="2025年11月分 給与明細のお知らせ",
               html_content=f"社員番号 {{emp_id}} の給与明細を添付します。")
    sg.send(msg)""",
  ("saas_token", k), ("email", "kato.m@example.co.jp"), ("email", "r.inoue@example.co.jp"),
  ("email", "kyuyo@example.co.jp"))

p1, p2 = url_pw(15), password()
url = f"postgres://kintai:{p1}@db.kintai.internal:5432/kintai_prod"
wh = slack_webhook()
bb = basic("kintai-batch", p2)
S("ja", "config", f"""# kintai-app/.env.production（勤怠・経費精算）
DATABASE_URL={url}
SLACK_WEBHOOK_KEIRI={wh}
KYUYO_API_AUTH=Basic {bb}
TZ=Asia/Tokyo
SHIMEBI=25""",
  ("url_credentials", url), ("slack_webhook", wh), ("password", bb))

m = jp_mynumber()
S("ja", "prose", f"""死亡保険金請求書
請求者：吉田 美咲（被保険者の長女）
請求者の個人番号：{mn_sp(m)}
（※保険金額が100万円を超える場合、支払調書作成のため個人番号の記入が必要です）
証券番号：42-118830-7　　受付番号：K25-1124-0071
受取口座：ゆうちょ銀行　記号 10180　番号 48812731
ご連絡先：045-882-1147 ／ misaki.yoshida@example.jp""",
  ("jp_mynumber", mn_sp(m)), ("phone", "045-882-1147"), ("email", "misaki.yoshida@example.jp"))

r, m = kr_rrn(1949, 1), jp_mynumber()
S("ja", "prose", f"""在日韓国人だった父の相続手続きについて相談です。父・金 永植の韓国の住民登録番号は{r}、日本のマイナンバーは{m}です。韓国側の家族関係証明書や除籍謄本を取り寄せるには、領事館に何を出せばいいでしょうか。平日の連絡先は 080-6627-1190 です。""",
  ("kr_rrn", r), ("jp_mynumber", m), ("phone", "080-6627-1190"))

S("ja", "table", """社員番号\t氏名\t部署\t社用メール\t携帯番号\t入社日
100231\t青木 遥\t経理部\th.aoki@example.co.jp\t090-1184-2207\t2018/04/01
100245\t石川 大輔\t人事部\td.ishikawa@example.co.jp\t080-3392-5516\t2019/10/01
100262\t上田 さくら\t総務部\ts.ueda@example.co.jp\t070-4418-9021\t2022/04/01""",
  ("email", "h.aoki@example.co.jp"), ("phone", "090-1184-2207"), ("email", "d.ishikawa@example.co.jp"),
  ("phone", "080-3392-5516"), ("email", "s.ueda@example.co.jp"), ("phone", "070-4418-9021"))

c = card("jcb")
obj = {"申込番号": "AP-2511-004182", "氏名": "森 翼", "生年月日": "1988-12-03", "携帯電話": "+81 80 2231 7764",
       "メール": "tsubasa.mori@example.com", "発行カード": {"ブランド": "JCB", "カード番号": c, "有効期限": "11/30"},
       "引落口座": {"金融機関コード": "0005", "支店番号": "117", "口座番号": "0441827"}}
S("ja", "json", json.dumps(obj, ensure_ascii=False, indent=2),
  ("phone", "+81 80 2231 7764"), ("email", "tsubasa.mori@example.com"), ("card", c))

S("ja", "table", """入学手続書類（保護者記入欄） — 私立翠嶺中学校
生徒氏名：岡田 陽菜
保護者氏名：岡田 健一　　続柄：父
保護者連絡先（携帯）：090 4417 2830
自宅電話：042-331-9087
保護者メールアドレス：k.okada.family@example.ne.jp
授業料口座振替：横浜銀行（0138）相模原支店（401）普通 1882047""",
  ("phone", "090 4417 2830"), ("phone", "042-331-9087"), ("email", "k.okada.family@example.ne.jp"))

# ---- hard negatives
S("ja", "table", f"""令和6年分　給与所得の源泉徴収票（受給者交付用）
(個人番号)　※受給者交付用には記載しません
支払金額　4 380 000　　給与所得控除後の金額　3 052 000　　源泉徴収税額　98 400
社会保険料等の金額　612 204　　生命保険料の控除額　40 000
支払者　法人番号　{jp_corp_no()}
整理欄　①0047
株式会社ミナトシステムズ　東京都港区芝浦3-1-1""")

obj = {"corporateNumber": jp_corp_no(), "name": "株式会社さくら物産", "postCode": "1500002",
       "prefectureName": "東京都", "cityName": "渋谷区", "streetNumber": "渋谷二丁目24番12号",
       "updateDate": "2025-10-01", "kind": "301", "process": "01"}
S("ja", "json", json.dumps(obj, ensure_ascii=False, indent=2))

S("ja", "prose", """【お振込先】みずほ銀行（金融機関コード0001）本店営業部（店番110）普通預金 口座番号 2918840 口座名義 カ）サクラブッサン。振込手数料はお客様のご負担となります。ご依頼人名の前に請求書番号 INV-2025-11-0087 をご入力ください。お支払期限：2025年12月26日。""")

S("ja", "table", f"""請求書　No. 2025-1124-031　　発行日：2025年11月24日
株式会社ミナトシステムズ　御中
登録番号：T{jp_corp_no()}
品目　　　　　　　　　　　数量　単価　　　　金額
クラウド保守（11月分）　　1　　　220,000　　220,000
消費税（10%対象）　　　　　　　　　　　　　22,000
ご請求金額　　　　　　　　　　　　　　　　　242,000
お振込期限：2025年12月31日　振込先：三菱UFJ銀行 新宿支店 普通 0918442""")

S("ja", "prose", """【記入例】個人番号欄には12桁の番号を左詰めで記入してください（例：1234 5678 9018）。法人番号（13桁）や基礎年金番号とは異なりますのでご注意ください。番号確認書類としてマイナンバーカードの裏面、または個人番号が記載された住民票の写しを添付してください。""")

S("ja", "table", """保険証券（ご契約内容のお知らせ）
証券番号：　　　　　L-2019-0047731
ご契約日：　　　　　2019年5月1日
保険期間：　　　　　終身　　　払込期間：60歳満了
保険料：　　　　　　月払 12,480円（口座振替）
主契約：　　　　　　終身医療保険（入院日額 10,000円）
特約：　　　　　　　先進医療特約、三大疾病一時金特約（100万円）""")

S("ja", "log", """2025-11-24 12:41:08 INFO  [pay] authorize ok order=ORD-20251124-004118 card=4980-****-****-1234 amount=12800 txn=TX9F41C2D07
2025-11-24 12:41:08 DEBUG [pay] notify -> http://127.0.0.1:3000/webhook/payment 200
2025-11-24 12:41:09 INFO  [pay] 3DS challenge skipped, acquirer=203.0.113.18 latency=214ms""")

S("ja", "chat", """マイナンバーって12桁ですよね？会社から「番号確認書類と身元確認書類」を出すように言われたのですが、住民票の写しでも大丈夫ですか。住所は〒150-0002 東京都渋谷区です。通知カードはもう使えないと聞きました。""")

S("ja", "table", """登記事項証明書（建物）
不動産番号　　0112000123456
所　在　　　　横浜市青葉区美しが丘二丁目　18番地3
家屋番号　　　18番3の2
種　類　　　　居宅　　構造　木造スレート葺2階建　　床面積　1階 62.10㎡　2階 54.65㎡
【権利部（乙区）】1　抵当権設定　令和3年3月8日受付 第4187号　債権額 金3,120万円""")

S("ja", "table", """健康診断結果報告（令和7年度 定期）
受診番号：25-0418　　受診日：2025年10月14日　　年齢：38歳
項目　　　　　　今回　　　前回　　　基準値
BMI　　　　　　 22.8　　　23.1　　　18.5〜24.9
血圧（mmHg）　　124/78　　130/84　　129/84以下
HbA1c（%）　　　5.4　　　 5.5　　　 5.5以下
総合判定：B（軽度所見あり・生活注意）""")

write_corpus(OUT, sys.argv[1])
