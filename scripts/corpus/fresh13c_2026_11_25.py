"""Fresh set 13c (2026-11-25): written by a helper who read only fakegen.py, never the rules
(en/ko/de/ja); scored once (docs/detection.md). Values are generated (fake): see fakegen.py.
Usage: python3 fresh13c_2026_11_25.py OUT.jsonl
"""
import sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *  # noqa
from fakegen import R, rnd, rnd_mixed, ALNUM, HEX
import base64, json, re, shutil, string, subprocess, tempfile
seed(1330)
OUT = []
S = sample_adder(OUT, "f13c")
# S(lang, kind, text, (type, value), (type, value), ...)

LOWER_ALNUM = string.ascii_lowercase + string.digits
UPPER_ALNUM = string.ascii_uppercase + string.digits
UHEX = "0123456789ABCDEF"


def T(tpl, **kw):
    """Fills @@name@@ slots."""
    for k, v in kw.items():
        tpl = tpl.replace("@@" + k + "@@", str(v))
    assert not re.search(r"@@\w+@@", tpl), re.search(r"@@\w+@@", tpl).group(0)
    return tpl


def many(t, *vs):
    return [(t, v) for v in vs]


# ---- passwords (no characters that would break the surrounding syntax) ----
def pw():
    while True:
        v = password()
        if not set(v) & set("&#$"):
            return v


def pwr(n=16):
    while True:
        v = password_random(n)
        if not set(v) & set("#$"):
            return v


def pw_url(n=18):
    return rnd(string.ascii_letters, 1) + rnd_mixed(ALNUM, n - 1)


def b64s(s):
    return base64.b64encode(s.encode()).decode()


def rbytes(n):
    return bytes(R.getrandbits(8) for _ in range(n))


def b64bytes(n, pad=True, url=False):
    s = (base64.urlsafe_b64encode if url else base64.b64encode)(rbytes(n)).decode()
    return s if pad else s.rstrip("=")


def uuid4():
    h = rnd(HEX, 32)
    h = h[:12] + "4" + h[13:16] + R.choice("89ab") + h[17:]
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


# ---- vendor formats fakegen has no generator for (documented shapes, random bodies) ----
def whsec():
    return "whsec_" + rnd_mixed(ALNUM, 32)


def jfrog_ref():
    return b64s("reftkn:01:" + str(R.randint(10 ** 9, 10 ** 10 - 1)) + ":" + rnd_mixed(ALNUM, 32)).rstrip("=")


def sentry_user():
    return "sntryu_" + rnd(HEX, 64)


def cloudflare_token():
    return rnd_mixed(ALNUM + "-_", 40)


def datadog_api():
    return rnd(HEX, 32)


def datadog_app():
    return rnd(HEX, 40)


def algolia_admin():
    return rnd(HEX, 32)


def twilio_secret():
    return rnd_mixed(ALNUM, 32)


def pusher_secret():
    return rnd(HEX, 20)


def toss_live():
    return "live_sk_" + rnd_mixed(ALNUM, 28)


def kakao_rest():
    return rnd(HEX, 32)


def upstage():
    return "up_" + rnd_mixed(ALNUM, 29)


def ncp_access():
    return rnd(UPPER_ALNUM, 20)


def ncp_secret():
    return rnd_mixed(ALNUM, 40)


def mollie_live():
    return "live_" + rnd_mixed(ALNUM, 30)


def mistral_key():
    return rnd_mixed(ALNUM, 32)


def hetzner_token():
    return rnd_mixed(ALNUM, 64)


def line_token():
    return rnd_mixed(ALNUM + "+/", 171) + "="


def payjp_live():
    return "sk_live_" + rnd(HEX, 24)


def sakura_secret():
    return rnd_mixed(ALNUM, 64)


def playfab_secret():
    return rnd(UPPER_ALNUM, 52)


def rubygems_key():
    return "rubygems_" + rnd(HEX, 48)


def linear_key():
    return linear()


def django_key():
    return rnd("abcdefghijklmnopqrstuvwxyz0123456789!@%^*(-_=+)", 50)


def rails_skb():
    return rnd(HEX, 128)


def gmail_app_pw():
    return " ".join(rnd(string.ascii_lowercase, 4) for _ in range(4))


# ---- look-alikes for the hard negatives ----
def bcrypt_h(v="2b", cost=12):
    return f"${v}${cost:02d}$" + rnd("./" + ALNUM, 53)


def argon2_h(kind="argon2id"):
    return f"${kind}$v=19$m=65536,t=3,p=4$" + b64bytes(16, pad=False) + "$" + b64bytes(32, pad=False)


def apr1_h():
    return "$apr1$" + rnd("./" + ALNUM, 8) + "$" + rnd("./" + ALNUM, 22)


def scrypt_h():
    return "$scrypt$ln=16,r=8,p=1$" + b64bytes(16, pad=False) + "$" + b64bytes(32, pad=False)


def sops_enc(n):
    return f"ENC[AES256_GCM,data:{b64bytes(n)},iv:{b64bytes(32)},tag:{b64bytes(16)},type:str]"


def vault_blob(indent):
    h = rnd(HEX, 80 * 5 + 34)
    lines = [h[i:i + 80] for i in range(0, len(h), 80)]
    return "$ANSIBLE_VAULT;1.1;AES256\n" + "\n".join(indent + l for l in lines)


def maven_enc():
    return "{" + b64bytes(32) + "}"


def pulumi_secure(n=40):
    return "v1:" + b64bytes(n)


def sri():
    return "sha512-" + b64bytes(64)


def sha256hex():
    return rnd(HEX, 64)


def _tmpdir_run(fn):
    d = tempfile.mkdtemp()
    try:
        return fn(d)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def cert_pem(subj):
    def go(d):
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                        "-keyout", d + "/k", "-out", d + "/c", "-days", "825", "-subj", subj],
                       check=True, capture_output=True)
        with open(d + "/c") as f:
            return f.read().strip()
    return _tmpdir_run(go)


def ssh_pub(comment):
    def go(d):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", d + "/k"], check=True)
        with open(d + "/k.pub") as f:
            return f.read().strip()
    return _tmpdir_run(go)


def age_recipient():
    return "age1" + rnd("qpzry9x8gf2tvdw0s3jn54khce6mua7l", 58)


# ---- validators, used to build and check the invalid look-alikes ----
def mynumber_valid(v):
    d = re.sub(r"\D", "", v)
    w = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    s = sum(int(a) * b for a, b in zip(d[:11], w)) % 11
    return len(d) == 12 and d[11] == str(0 if s <= 1 else 11 - s)


def rrn_valid(v):
    d = v.replace("-", "")
    w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
    s = sum(int(a) * b for a, b in zip(d, w))
    return d[12] == str((11 - s % 11) % 10)


def steuer_valid(v):
    d = [int(c) for c in re.sub(r"\D", "", v)]
    product = 10
    for x in d[:10]:
        s = (x + product) % 10
        if s == 0:
            s = 10
        product = (s * 2) % 11
    chk = 11 - product
    return d[10] == (0 if chk == 10 else chk)


def iban_valid(v):
    v = v.replace(" ", "")
    r = v[4:] + v[:4]
    return int("".join(str(int(c, 36)) for c in r)) % 97 == 1


def bad_last(v):
    return v[:-1] + str((int(v[-1]) + 1) % 10)


def bad_iban(v):
    c = int(v[2:4])
    return v[:2] + f"{(c + 11) % 97 + 2:02d}" + v[4:]


def fmt_mn(v, sep=" "):
    return sep.join([v[:4], v[4:8], v[8:]])


def fmt_nino(v):
    return f"{v[:2]} {v[2:4]} {v[4:6]} {v[6:8]} {v[8]}"


def fmt_steuer(v):
    return f"{v[:2]} {v[2:5]} {v[5:8]} {v[8:]}"


# ---- Jupyter ----
def _lines(s):
    ls = s.split("\n")
    return [l + "\n" for l in ls[:-1]] + ([ls[-1]] if ls[-1] else [])


def stream(name, text):
    return {"name": name, "output_type": "stream", "text": _lines(text)}


def result(text):
    return {"data": {"text/plain": _lines(text)}, "execution_count": None, "metadata": {},
            "output_type": "execute_result"}


def notebook(cells, lang_version="3.11.9"):
    nb = {"cells": [], "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                                   "name": "python3"},
                                    "language_info": {"name": "python", "version": lang_version}},
          "nbformat": 4, "nbformat_minor": 5}
    n = 0
    for kind, src, outs in cells:
        cell = {"cell_type": kind, "id": rnd(HEX, 8), "metadata": {}, "source": _lines(src)}
        if kind == "code":
            if outs is None:
                cell["execution_count"] = None
                cell["outputs"] = []
            else:
                n += 1
                cell["execution_count"] = n
                cell["outputs"] = outs
                for o in outs:
                    if o["output_type"] == "execute_result":
                        o["execution_count"] = n
        nb["cells"].append(cell)
    return json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True)


# =====================================================================================
# EN — 18 with labels, 7 hard negatives
# =====================================================================================

# en-1 MySQL dump, INSERT rows with SSNs
ssn1, ssn2, ssn3 = us_ssn(), us_ssn(" "), us_ssn("")
S("en", "code", T("""-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
--
-- Host: 10.12.0.31    Database: crm_prod
-- ------------------------------------------------------
-- Server version\t8.0.36

/*!40101 SET NAMES utf8mb4 */;

--
-- Dumping data for table `customers`
--

LOCK TABLES `customers` WRITE;
/*!40000 ALTER TABLE `customers` DISABLE KEYS */;
INSERT INTO `customers` (`id`, `full_name`, `email`, `phone`, `ssn`, `created_at`) VALUES (1041,'Dana Whitfield','dana.whitfield@example.com','(415) 555-0132','@@s1@@','2024-03-11 09:14:02'),(1042,'Marcus Oyelaran','m.oyelaran@example.net','+1 646-555-0187','@@s2@@','2024-03-11 10:02:47'),(1043,'Priya Raman','priya.r@example.org','212.555.0143','@@s3@@','2024-03-12 16:40:19');
/*!40000 ALTER TABLE `customers` ENABLE KEYS */;
UNLOCK TABLES;
""", s1=ssn1, s2=ssn2, s3=ssn3),
  ("ip_address", "10.12.0.31"),
  *many("email", "dana.whitfield@example.com", "m.oyelaran@example.net", "priya.r@example.org"),
  *many("phone", "(415) 555-0132", "+1 646-555-0187", "212.555.0143"),
  *many("us_ssn", ssn1, ssn2, ssn3))

# en-2 pg_dump COPY block with PANs and IBANs
c1, c2, c3 = card("visa"), card("mc"), card("amex")
ib1, ib2 = iban("GB"), iban("NL")
rows = [[uuid4(), "30117", "Helen Brandt", c1, "07", "2027", "\\N", "2024-05-02 08:11:54+00"],
        [uuid4(), "30118", "Tom Achterberg", "\\N", "\\N", "\\N", ib1, "2024-05-02 09:40:03+00"],
        [uuid4(), "30121", "Ines Carvalho", c3, "11", "2026", "\\N", "2024-05-03 17:22:41+00"],
        [uuid4(), "30124", "Ruud van Dijk", c2, "02", "2028", ib2, "2024-05-04 06:58:10+00"]]
S("en", "code", T("""--
-- PostgreSQL database dump
--

-- Dumped from database version 15.6
-- Dumped by pg_dump version 16.2

SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;

--
-- Data for Name: payment_methods; Type: TABLE DATA; Schema: billing; Owner: billing_owner
--

COPY billing.payment_methods (id, account_id, holder_name, pan, exp_month, exp_year, iban, created_at) FROM stdin;
@@rows@@
\\.

""", rows="\n".join("\t".join(r) for r in rows)),
  *many("card", c1, c2, c3), *many("iban", ib1, ib2))

# en-3 Jupyter notebook with LLM keys pasted into a cell
oa, an, gq = openai_proj(), anthropic(), groq()
S("en", "json", notebook([
    ("markdown", "# Ticket triage: GPT vs Claude\nQuick comparison on 200 labelled support tickets (sample from `tickets_oct.parquet`).", None),
    ("code", 'import os\nimport openai, anthropic\nimport pandas as pd\n\nopenai.api_key = "' + oa + '"\n'
             'client = anthropic.Anthropic(api_key="' + an + '")\n'
             'os.environ["GROQ_API_KEY"] = "' + gq + '"  # llama baseline', []),
    ("code", 'df = pd.read_parquet("tickets_oct.parquet")\nlen(df)', [result("200")]),
    ("code", 'resp = client.messages.create(\n    model="claude-3-5-sonnet-latest",\n    max_tokens=200,\n'
             '    messages=[{"role": "user", "content": df.text[0]}],\n)\nprint(resp.content[0].text[:80])',
     [stream("stdout", "Category: billing / refund request. Urgency: medium. Macro: RF-02\n")]),
    ("code", "", None),
]), ("openai_key", oa), ("anthropic_key", an), ("ai_api_key", gq))

# en-4 Android gradle.properties
p1, p2, sn, gk = pw(), pwr(14), sentry_user(), google_key()
S("en", "config", T("""# Project-wide Gradle settings.
# For more details on how to configure your build environment visit
# http://www.gradle.org/docs/current/userguide/build_environment.html
org.gradle.jvmargs=-Xmx4096m -Dfile.encoding=UTF-8
org.gradle.caching=true
android.useAndroidX=true
android.nonTransitiveRClass=true
kotlin.code.style=official

# Release signing (TODO: move to CI secrets before we open-source this)
RELEASE_STORE_FILE=../keystore/fieldnotes-release.jks
RELEASE_STORE_PASSWORD=@@p1@@
RELEASE_KEY_ALIAS=upload
RELEASE_KEY_PASSWORD=@@p2@@

# Crash reporting / maps
sentry.org=fieldnotes
sentry.project=android
sentry.auth.token=@@sn@@
MAPS_API_KEY=@@gk@@
""", p1=p1, p2=p2, sn=sn, gk=gk),
  ("password", p1), ("password", p2), ("saas_token", sn), ("google_api_key", gk))

# en-5 google-services.json
gk = google_key()
S("en", "json", T("""{
  "project_info": {
    "project_number": "402918337168",
    "project_id": "fieldnotes-prod",
    "storage_bucket": "fieldnotes-prod.appspot.com"
  },
  "client": [
    {
      "client_info": {
        "mobilesdk_app_id": "1:402918337168:android:6c1f0e2bd93a47e1",
        "android_client_info": {
          "package_name": "com.fieldnotes.app"
        }
      },
      "oauth_client": [],
      "api_key": [
        {
          "current_key": "@@gk@@"
        }
      ],
      "services": {
        "appinvite_service": {
          "other_platform_oauth_client": []
        }
      }
    }
  ],
  "configuration_version": "1"
}
""", gk=gk), ("google_api_key", gk))

# en-6 Terraform prod.auto.tfvars
p, dd, dda, cf = pwr(20), datadog_api(), datadog_app(), cloudflare_token()
S("en", "config", T("""# prod.auto.tfvars -- DO NOT COMMIT  (narrator: it was committed)
environment          = "prod"
region               = "us-east-2"
db_instance_class    = "db.r6g.large"
db_master_username   = "appadmin"
db_master_password   = "@@p@@"

datadog_api_key      = "@@dd@@"
datadog_app_key      = "@@dda@@"
cloudflare_api_token = "@@cf@@"

bastion_private_ip   = "10.20.4.17"
alert_emails         = ["oncall-platform@example.com", "sre-leads@example.com"]
""", p=p, dd=dd, dda=dda, cf=cf),
  ("password", p), ("saas_token", dd), ("saas_token", dda), ("cloud_token", cf), ("ip_address", "10.20.4.17"),
  ("email", "oncall-platform@example.com"), ("email", "sre-leads@example.com"))

# en-7 Ansible INI inventory
p1, p2, p3 = pw(), pwr(18), pw()
S("en", "config", T("""# inventories/staging/hosts.ini
[web]
web-01 ansible_host=10.40.2.11
web-02 ansible_host=10.40.2.12

[db]
pg-primary ansible_host=10.40.3.5 ansible_user=postgres ansible_password=@@p1@@

[win]
ad-dc01 ansible_host=172.19.8.20

[win:vars]
ansible_connection=winrm
ansible_user=Administrator
ansible_password=@@p2@@
ansible_winrm_server_cert_validation=ignore

[all:vars]
ansible_python_interpreter=/usr/bin/python3
ansible_become_pass=@@p3@@
""", p1=p1, p2=p2, p3=p3),
  *many("ip_address", "10.40.2.11", "10.40.2.12", "10.40.3.5", "172.19.8.20"), *many("password", p1, p2, p3))

# en-8 bash history
ak, sk, gh, do = aws_key_id(), aws_secret(), github(), do_token()
url = "postgresql://report_ro:" + pw_url() + "@ledger-db.cluster-ro-c9akq2x1.us-east-2.rds.amazonaws.com:5432/ledger"
S("en", "code", T("""cd ~/src/ledger-api
git pull --rebase
export AWS_ACCESS_KEY_ID=@@ak@@
export AWS_SECRET_ACCESS_KEY=@@sk@@
aws s3 ls s3://ledger-exports-prod/2024/11/ --region us-east-2
curl -s -H "Authorization: Bearer @@gh@@" https://api.github.com/repos/acme/ledger-api/actions/runs | jq '.workflow_runs[0].status'
psql "@@url@@" -c 'select count(*) from invoices'
doctl auth init -t @@do@@
doctl compute droplet list --format Name,PublicIPv4
ssh -i ~/.ssh/ledger.pem ec2-user@3.141.77.209
history | grep psql
""", ak=ak, sk=sk, gh=gh, url=url, do=do),
  ("aws_access_key", ak), ("aws_secret_key", sk), ("github_token", gh), ("url_credentials", url),
  ("cloud_token", do), ("ip_address", "3.141.77.209"))

# en-9 .pypirc
t1, t2, p = pypi(), pypi(), pw()
S("en", "config", T("""[distutils]
index-servers =
    pypi
    testpypi
    internal

[pypi]
username = __token__
password = @@t1@@

[testpypi]
repository = https://test.pypi.org/legacy/
username = __token__
password = @@t2@@

[internal]
repository = https://pypi.corp.example.com/simple/
username = release-bot
password = @@p@@
""", t1=t1, t2=t2, p=p), ("package_registry_token", t1), ("package_registry_token", t2), ("password", p))

# en-10 Maven settings.xml
p, jf = pwr(16), jfrog_ref()
S("en", "config", T("""<?xml version="1.0" encoding="UTF-8"?>
<settings xmlns="http://maven.apache.org/SETTINGS/1.2.0"
          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
          xsi:schemaLocation="http://maven.apache.org/SETTINGS/1.2.0 https://maven.apache.org/xsd/settings-1.2.0.xsd">
  <servers>
    <server>
      <id>nexus-releases</id>
      <username>ci-deployer</username>
      <password>@@p@@</password>
    </server>
    <server>
      <id>artifactory-libs</id>
      <username>build-svc</username>
      <!-- reference token, expires 2025-06 -->
      <password>@@jf@@</password>
    </server>
  </servers>
  <mirrors>
    <mirror>
      <id>artifactory-libs</id>
      <mirrorOf>*</mirrorOf>
      <url>https://acme.jfrog.io/artifactory/libs-release</url>
    </mirror>
  </mirrors>
</settings>
""", p=p, jf=jf), ("password", p), ("package_registry_token", jf))

# en-11 GCP service-account JSON
sa, sakey = gcp_sa_json("billing-etl-prod")
S("en", "json", "$ cat infra/keys/billing-etl-prod-4f2a.json\n" + sa +
  "\n$ gcloud auth activate-service-account --key-file infra/keys/billing-etl-prod-4f2a.json\n"
  "Activated service account credentials for: [ci-deployer@billing-etl-prod.iam.gserviceaccount.com]\n",
  ("gcp_credentials", sakey), ("private_key", sakey), ("email", "ci-deployer@billing-etl-prod.iam.gserviceaccount.com"))

# en-12 Rails credentials:show
skb, ak, sk, st, wh, sg = rails_skb(), aws_key_id(), aws_secret(), stripe("sk_live_"), whsec(), sendgrid()
S("en", "config", T("""$ EDITOR=cat bin/rails credentials:show --environment production
secret_key_base: @@skb@@

aws:
  access_key_id: @@ak@@
  secret_access_key: @@sk@@
  region: us-east-1

stripe:
  secret_key: @@st@@
  webhook_secret: @@wh@@

sendgrid:
  api_key: @@sg@@
""", skb=skb, ak=ak, sk=sk, st=st, wh=wh, sg=sg),
  ("generic_secret", skb), ("aws_access_key", ak), ("aws_secret_key", sk), ("stripe_key", st), ("stripe_key", wh),
  ("saas_token", sg))

# en-13 C# xUnit fixtures (UK / IN / SG payees)
nino, ibgb, aad, nric = uk_nino(), iban("GB"), aadhaar(), sg_nric()
nino_s, ibgb_s, aad_s = fmt_nino(nino), iban_spaced(ibgb), fmt_mn(aad)
S("en", "code", T("""using System.Collections.Generic;
using Xunit;

namespace Payroll.Tests;

public class PayeeExportTests
{
    private static readonly List<Payee> Fixtures = new()
    {
        new Payee
        {
            Id = 7781,
            Name = "Oliver Penhaligon",
            Email = "oliver.penhaligon@example.co.uk",
            Phone = "+44 20 7946 0321",
            NationalInsuranceNumber = "@@nino@@",
            Iban = "@@ib@@",
        },
        new Payee { Id = 7782, Name = "Arjun Mehta", Email = "arjun.mehta@example.in", Phone = "+91 98450 31227", Aadhaar = "@@aad@@" },
        new Payee { Id = 7783, Name = "Tan Wei Ling", Email = "weiling.tan@example.sg", Phone = "+65 9123 4567", Nric = "@@nric@@" },
    };

    [Fact]
    public void Export_MasksIdentifiers()
    {
        var csv = PayeeExporter.ToCsv(Fixtures);
        Assert.DoesNotContain("@@nino@@", csv);
        Assert.Contains("***", csv);
    }
}
""", nino=nino_s, ib=ibgb_s, aad=aad_s, nric=nric),
  ("uk_nino", nino_s), ("iban", ibgb_s), ("in_aadhaar", aad_s), ("sg_nric", nric),
  *many("email", "oliver.penhaligon@example.co.uk", "arjun.mehta@example.in", "weiling.tan@example.sg"),
  *many("phone", "+44 20 7946 0321", "+91 98450 31227", "+65 9123 4567"))

# en-14 Postman environment
tsk, tsec = twilio_sk(), twilio_secret()
tok = jwt({"sub": "svc-notify", "scope": "notify:send notify:read", "iat": 1763901200, "exp": 1763987600})
S("en", "json", T("""{
  "id": "@@id@@",
  "name": "Notifications - prod",
  "values": [
    { "key": "baseUrl", "value": "https://notify.example.com/v2", "type": "default", "enabled": true },
    { "key": "twilioApiKeySid", "value": "@@tsk@@", "type": "default", "enabled": true },
    { "key": "twilioApiKeySecret", "value": "@@tsec@@", "type": "secret", "enabled": true },
    { "key": "accessToken", "value": "@@tok@@", "type": "secret", "enabled": true },
    { "key": "testRecipient", "value": "qa.lead@example.com", "type": "default", "enabled": true },
    { "key": "testPhone", "value": "+14155550178", "type": "default", "enabled": true }
  ],
  "_postman_variable_scope": "environment",
  "_postman_exported_at": "2024-11-20T15:02:11.482Z",
  "_postman_exported_using": "Postman/11.19.0"
}
""", id=uuid4(), tsk=tsk, tsec=tsec, tok=tok),
  ("saas_token", tsk), ("saas_token", tsec), ("jwt", tok), ("email", "qa.lead@example.com"), ("phone", "+14155550178"))

# en-15 Go constants with webhooks and a Telegram bot token
sw, dw, tg = slack_webhook(), discord_webhook(), telegram()
S("en", "code", T("""package alerts

import (
\t"bytes"
\t"encoding/json"
\t"net/http"
)

// Fan-out for the on-call rotation. TODO(mk): read these from env before GA.
const (
\tslackWebhookURL   = "@@sw@@"
\tdiscordWebhookURL = "@@dw@@"
\ttelegramBotToken  = "@@tg@@"
\ttelegramChatID    = -1001844207733
)

func postJSON(url string, v any) error {
\tb, _ := json.Marshal(v)
\tresp, err := http.Post(url, "application/json", bytes.NewReader(b))
\tif err != nil {
\t\treturn err
\t}
\treturn resp.Body.Close()
}
""", sw=sw, dw=dw, tg=tg), ("slack_webhook", sw), ("discord_webhook", dw), ("telegram_token", tg))

# en-16 Laravel .env
appkey, dbp, mg, ps, sq = b64bytes(32), pw(), mailgun(), pusher_secret(), square()
S("en", "config", T("""APP_NAME=Bookly
APP_ENV=production
APP_KEY=base64:@@appkey@@
APP_DEBUG=false
APP_URL=https://bookly.example.com

LOG_CHANNEL=stack

DB_CONNECTION=mysql
DB_HOST=10.0.12.5
DB_PORT=3306
DB_DATABASE=bookly
DB_USERNAME=bookly
DB_PASSWORD="@@dbp@@"

MAIL_MAILER=mailgun
MAILGUN_DOMAIN=mg.bookly.example.com
MAILGUN_SECRET=@@mg@@

PUSHER_APP_ID=1739204
PUSHER_APP_SECRET=@@ps@@
PUSHER_APP_CLUSTER=us2

SQUARE_ENVIRONMENT=production
SQUARE_ACCESS_TOKEN=@@sq@@
""", appkey=appkey, dbp=dbp, mg=mg, ps=ps, sq=sq),
  ("generic_secret", appkey), ("ip_address", "10.0.12.5"), ("password", dbp), ("saas_token", mg), ("saas_token", ps),
  ("payment_token", sq))

# en-17 shell session dumping an SSH config and private key
k = openssh_key()
S("en", "code", T("""$ cat ~/.ssh/config
Host jump-prod
    HostName 172.31.22.140
    User ec2-user
    IdentityFile ~/.ssh/id_ed25519_deploy
    ForwardAgent no

$ cat ~/.ssh/id_ed25519_deploy
@@k@@
$ chmod 600 ~/.ssh/id_ed25519_deploy
$ ssh jump-prod uptime
 14:02:11 up 41 days,  3:17,  1 user,  load average: 0.08, 0.11, 0.09
""", k=k), ("ip_address", "172.31.22.140"), ("private_key", k))

# en-18 Swift beta secrets enum
alg, oal, hft = algolia_admin(), openai_legacy(), hf()
S("en", "code", T("""import Foundation

/// Keys for the internal TestFlight build only.
/// (Rotated after the Oct incident? ask Karen before shipping.)
enum BetaSecrets {
    static let algoliaAppID = "H7QK2M0ZP1"
    static let algoliaAdminKey = "@@alg@@"
    static let openAIKey = "@@oal@@"
    static let huggingFaceToken = "@@hft@@"
    static let summarizerModel = "facebook/bart-large-cnn"
}
""", alg=alg, oal=oal, hft=hft), ("saas_token", alg), ("openai_key", oal), ("huggingface_token", hft))

# ---- EN hard negatives ----

# en-n1 Terraform reading secrets from Vault, random_password, sensitive vars
S("en", "config", """data "vault_generic_secret" "db" {
  path = "secret/data/prod/ledger-db"
}

resource "random_password" "redis" {
  length           = 32
  special          = true
  override_special = "!#%&*()-_=+[]{}<>:?"
}

resource "aws_db_instance" "ledger" {
  identifier              = "ledger-prod"
  engine                  = "postgres"
  engine_version          = "15.6"
  instance_class          = var.db_instance_class
  username                = data.vault_generic_secret.db.data["username"]
  password                = data.vault_generic_secret.db.data["password"]
  storage_encrypted       = true
  kms_key_id              = "arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  backup_retention_period = 14
}

variable "datadog_api_key" {
  type        = string
  sensitive   = true
  description = "Injected by the pipeline from TF_VAR_datadog_api_key"
}

output "redis_password" {
  value     = random_password.redis.result
  sensitive = true
}
""")

# en-n2 Ansible group_vars with inline vault
S("en", "config", T("""# group_vars/prod/main.yml -- inline-encrypted values, decrypt with --ask-vault-pass
db_user: ledger
db_password: !vault |
          @@v1@@
smtp_relay: "{{ lookup('env', 'SMTP_RELAY_HOST') }}"
api_token: "{{ vault_api_token }}"
ssl_key_path: /etc/ssl/private/ledger.key
""", v1=vault_blob("          ")))

# en-n3 package-lock.json excerpt
S("en", "json", T("""{
  "name": "ledger-web",
  "version": "3.8.1",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "node_modules/axios": {
      "version": "1.7.7",
      "resolved": "https://registry.npmjs.org/axios/-/axios-1.7.7.tgz",
      "integrity": "@@i1@@",
      "license": "MIT",
      "dependencies": {
        "follow-redirects": "^1.15.6",
        "form-data": "^4.0.0",
        "proxy-from-env": "^1.1.0"
      }
    },
    "node_modules/follow-redirects": {
      "version": "1.15.9",
      "resolved": "https://registry.npmjs.org/follow-redirects/-/follow-redirects-1.15.9.tgz",
      "integrity": "@@i2@@",
      "funding": [{ "type": "individual", "url": "https://github.com/sponsors/RubenVerborgh" }],
      "license": "MIT"
    },
    "node_modules/jose": {
      "version": "5.9.6",
      "resolved": "https://registry.npmjs.org/jose/-/jose-5.9.6.tgz",
      "integrity": "@@i3@@",
      "license": "MIT"
    }
  }
}
""", i1=sri(), i2=sri(), i3=sri()))

# en-n4 pytest: numbers that must fail validation
bc1, bc2, bc3 = bad_last(card("visa")), bad_last(card("mc")), bad_last(card("amex"))
bib = bad_iban(iban("GB"))
for v in (bc1, bc2, bc3):
    assert not luhn_valid(v)
assert not iban_valid(bib)
S("en", "code", T("""import pytest

from ledger.validators import is_valid_card, is_valid_iban

# Every value below must be REJECTED: check digits are wrong on purpose.
@pytest.mark.parametrize("pan", [
    "@@b1@@",
    "@@b2@@",
    "@@b3@@",
    "XXXX-XXXX-XXXX-XXXX",
])
def test_rejects_bad_luhn(pan):
    assert not is_valid_card(pan)


def test_rejects_bad_iban_checksum():
    assert not is_valid_iban("@@bib@@")


def test_rejects_empty():
    assert not is_valid_card("")
""", b1=fmt_card(bc1), b2=fmt_card(bc2, "-"), b3=bc3, bib=iban_spaced(bib)))

# en-n5 AWS CLI credentials format reference with the documentation example values
S("en", "config", """# ~/.aws/credentials -- format reference for the onboarding wiki.
# The values below are the AWS documentation EXAMPLE keys; they do not work. Use `aws sso login`.
[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

[profile ci]
role_arn = arn:aws:iam::123456789012:role/ci-deployer
source_profile = default
region = us-east-2

# Expected Authorization header shape (token is the well-known jwt.io example):
# Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c
""")

# en-n6 SQL seed with bcrypt hashes and UUID keys
S("en", "code", T("""-- db/seeds/001_users.sql  (local/dev only)
-- Passwords are bcrypt hashes; dev plaintexts live in the team vault, not here.
INSERT INTO users (id, username, password_hash, role, mfa_enabled, created_at) VALUES
  ('@@u1@@', 'admin',        '@@h1@@', 'admin',   true,  '2024-01-08 00:00:00+00'),
  ('@@u2@@', 'support_lead', '@@h2@@', 'support', true,  '2024-01-08 00:00:00+00'),
  ('@@u3@@', 'readonly',     '@@h3@@', 'viewer',  false, '2024-01-08 00:00:00+00');

-- API clients store only the SHA-256 of the issued secret
INSERT INTO api_clients (id, name, client_id, secret_sha256, created_by) VALUES
  ('@@u4@@', 'reporting', 'rep-7f3c', '@@sh@@', '@@u1@@');
""", u1=uuid4(), u2=uuid4(), u3=uuid4(), u4=uuid4(), h1=bcrypt_h(), h2=bcrypt_h(), h3=bcrypt_h("2a", 10),
  sh=sha256hex()))

# en-n7 GitHub Actions release workflow (secrets by reference, SHA-pinned actions)
S("en", "config", T("""name: release
on:
  push:
    tags: ["v*"]

jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
      contents: read
    steps:
      - uses: actions/checkout@@@s1@@ # v4.1.1
      - uses: actions/setup-node@@@s2@@ # v4.0.2
        with:
          node-version: 20
          registry-url: https://registry.npmjs.org
      - run: npm ci
      - run: npm publish --provenance --access public
        env:
          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}
      - uses: aws-actions/configure-aws-credentials@@@s3@@ # v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/gh-release
          aws-region: us-east-2
      - run: aws s3 cp dist/ s3://ledger-web-releases/${{ github.ref_name }}/ --recursive
""", s1=rnd(HEX, 40), s2=rnd(HEX, 40), s3=rnd(HEX, 40)))

# =====================================================================================
# KO — 18 with labels, 7 hard negatives
# =====================================================================================

# ko-1 회원 테이블 INSERT (주민번호, 휴대폰, 카드)
r1, r2, r3 = kr_rrn(), kr_rrn(), kr_rrn()
r3n = r3.replace("-", "")
kc1, kc2 = fmt_card(card("mc"), "-"), card("visa")
S("ko", "code", T("""-- 회원 테이블 덤프 (운영 → 스테이징 복사용)  ※ 마스킹 스크립트 누락됨, 공유 금지!!
INSERT INTO members (member_id, name, rrn, mobile, email, card_no, joined_at) VALUES
(20031, '김민지', '@@r1@@', '010-2847-5531', 'minji.kim@example.co.kr', '@@kc1@@', '2023-08-14 10:21:07'),
(20032, '박현우', '@@r2@@', '010 9132 0478', 'hw.park@example.kr', NULL, '2023-08-14 11:02:44'),
(20033, '이서연', '@@r3@@', '+82-10-4417-2093', 'seoyeon_lee@example.com', '@@kc2@@', '2023-08-15 09:45:30');
""", r1=r1, r2=r2, r3=r3n, kc1=kc1, kc2=kc2),
  *many("kr_rrn", r1, r2, r3n), *many("phone", "010-2847-5531", "010 9132 0478", "+82-10-4417-2093"),
  *many("email", "minji.kim@example.co.kr", "hw.park@example.kr", "seoyeon_lee@example.com"), *many("card", kc1, kc2))

# ko-2 Spring application-prod.yml
p, js, kk, ts = pw(), b64bytes(64), kakao_rest(), toss_live()
S("ko", "config", T("""# 운영 프로필 — 배포 전에 환경변수로 옮길 것 (TODO: 김대리)
spring:
  datasource:
    url: jdbc:mysql://10.10.5.21:3306/shop?useSSL=false&serverTimezone=Asia/Seoul
    username: shop_app
    password: "@@p@@"
  jpa:
    hibernate:
      ddl-auto: validate
    open-in-view: false

jwt:
  secret: @@js@@
  access-token-validity-seconds: 3600

kakao:
  rest-api-key: @@kk@@   # 카카오 로그인 / 알림톡

toss:
  payments:
    secret-key: @@ts@@
""", p=p, js=js, kk=kk, ts=ts),
  ("ip_address", "10.10.5.21"), ("password", p), ("generic_secret", js), ("saas_token", kk), ("payment_token", ts))

# ko-3 Node 백엔드 .env
dburl = "postgresql://api_user:" + pw_url() + "@pg-main.internal.example.kr:5432/commerce"
rdurl = "redis://default:" + pw_url(24) + "@redis-01.internal.example.kr:6379/0"
xb, ss, ln = slack_bot(), high_entropy(48), linear_key()
S("ko", "config", T("""# 백엔드 .env (로컬에서만 쓰세요, 커밋 금지)
NODE_ENV=production
PORT=8080
DATABASE_URL=@@dburl@@
REDIS_URL=@@rdurl@@

# 슬랙 알림 봇
SLACK_BOT_TOKEN=@@xb@@
SLACK_ALERT_CHANNEL=C05QK3ZL7HM

# 세션 / 이슈 트래커
SESSION_SECRET=@@ss@@
LINEAR_API_KEY=@@ln@@
""", dburl=dburl, rdurl=rdurl, xb=xb, ss=ss, ln=ln),
  ("url_credentials", dburl), ("url_credentials", rdurl), ("slack_token", xb), ("generic_secret", ss),
  ("saas_token", ln))

# ko-4 Jupyter: 허깅페이스 로그인 + Upstage 키
hft, up = hf(), upstage()
S("ko", "json", notebook([
    ("markdown", "## 상담 요약 모델 파인튜닝\n허깅페이스 허브에 로그인한 뒤 사내 상담 데이터셋을 불러옵니다.", None),
    ("code", 'from huggingface_hub import login\nlogin(token="' + hft + '")  # 개인 토큰, 실험 끝나면 삭제',
     [stream("stderr", "Token is valid (permission: write).\nLogin successful\n")]),
    ("code", 'import requests\n\nUPSTAGE_API_KEY = "' + up + '"\n'
             'payload = {"model": "solar-pro", "messages": [{"role": "user", "content": "다음 상담 내용을 세 줄로 요약해줘"}]}\n'
             'r = requests.post("https://api.upstage.ai/v1/solar/chat/completions",\n'
             '                  headers={"Authorization": f"Bearer {UPSTAGE_API_KEY}"}, json=payload)\nr.status_code',
     [result("200")]),
]), ("huggingface_token", hft), ("ai_api_key", up))

# ko-5 Android local.properties
ns, gk, p1, p2 = ncp_secret(), google_key(), pw(), pw()
S("ko", "config", T("""## This file must *NOT* be checked into Version Control Systems,
# as it contains information specific to your local configuration.
#
# Location of the SDK. This is only used by Gradle.
sdk.dir=/Users/seojun/Library/Android/sdk

# 네이버 지도 / 파이어베이스
NAVER_MAP_CLIENT_ID=q8x2mr5w1k
NAVER_MAP_CLIENT_SECRET=@@ns@@
FIREBASE_WEB_API_KEY=@@gk@@

# 릴리즈 서명 (업로드 키)
storeFile=/Users/seojun/keys/upload-keystore.jks
storePassword=@@p1@@
keyAlias=upload
keyPassword=@@p2@@
""", ns=ns, gk=gk, p1=p1, p2=p2),
  ("saas_token", ns), ("google_api_key", gk), ("password", p1), ("password", p2))

# ko-6 Django settings.py
dj, p, gap = django_key(), pwr(16), gmail_app_pw()
S("ko", "code", T("""# 장고 설정 — 운영
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# 보안 경고: 운영 환경의 시크릿 키는 외부에 노출하지 마세요!
SECRET_KEY = '@@dj@@'

DEBUG = False
ALLOWED_HOSTS = ['api.example.co.kr', '10.0.20.15']

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': 'reservation',
        'USER': 'reservation',
        'PASSWORD': '@@p@@',
        'HOST': 'db.internal',
        'PORT': '5432',
    }
}

EMAIL_BACKEND = 'django.core.mail.backends.smtp.EmailBackend'
EMAIL_HOST = 'smtp.gmail.com'
EMAIL_PORT = 587
EMAIL_USE_TLS = True
EMAIL_HOST_USER = 'noreply.reservation@gmail.com'
EMAIL_HOST_PASSWORD = '@@gap@@'  # 구글 앱 비밀번호
ADMINS = [('운영팀 정다은', 'daeun.jung@example.co.kr')]
""", dj=dj, p=p, gap=gap),
  ("generic_secret", dj), ("ip_address", "10.0.20.15"), ("password", p), ("password", gap),
  ("email", "noreply.reservation@gmail.com"), ("email", "daeun.jung@example.co.kr"))

# ko-7 Kubernetes Secret (base64 values)
p, oak = pw(), openai_proj()
bp, bo = b64s(p), b64s(oak)
S("ko", "config", T("""# kubectl get secret chatbot-secrets -n chatbot -o yaml  (운영 클러스터에서 그대로 복사)
apiVersion: v1
kind: Secret
metadata:
  name: chatbot-secrets
  namespace: chatbot
  creationTimestamp: "2024-10-17T02:41:09Z"
type: Opaque
data:
  DB_PASSWORD: @@bp@@
  OPENAI_API_KEY: @@bo@@
  LOG_LEVEL: aW5mbw==
""", bp=bp, bo=bo), ("password", bp), ("openai_key", bo))

# ko-8 애플리케이션 로그 (요청 본문 그대로 기록)
rr, kc, tok = kr_rrn(), card("visa"), jwt({"sub": "m-20931", "role": "member", "iat": 1763941392})
S("ko", "log", T("""2024-11-21 14:03:12.481  INFO 1 --- [nio-8080-exec-7] c.e.m.api.SignupController  : POST /api/v1/members/verify from 211.234.118.52
2024-11-21 14:03:12.482 DEBUG 1 --- [nio-8080-exec-7] c.e.m.api.AuthFilter        : Authorization=Bearer @@tok@@
2024-11-21 14:03:12.483 DEBUG 1 --- [nio-8080-exec-7] c.e.m.api.SignupController  : 요청 본문 = {"name":"최유진","rrn":"@@rr@@","mobile":"01063381947","email":"yujin.choi@example.kr"}
2024-11-21 14:03:12.617  WARN 1 --- [nio-8080-exec-7] c.e.m.s.IdentityService     : 본인인증 실패 - 응답코드 0003, 재시도 예정
2024-11-21 14:03:13.020 ERROR 1 --- [nio-8080-exec-7] c.e.m.s.PaymentService      : 빌링키 발급 실패 cardNumber=@@kc@@ upstream=172.20.14.9:8443
""", tok=tok, rr=rr, kc=kc),
  ("ip_address", "211.234.118.52"), ("ip_address", "172.20.14.9"), ("jwt", tok), ("kr_rrn", rr),
  ("phone", "01063381947"), ("email", "yujin.choi@example.kr"), ("card", kc))

# ko-9 .pgpass
p1, p2, p3, p4 = pw(), pw(), pwr(20), pw()
S("ko", "config", T("""# ~/.pgpass  (chmod 0600 필수)
# hostname:port:database:username:password
10.20.30.40:5432:orders:app_rw:@@p1@@
10.20.30.41:5432:orders:app_ro:@@p2@@
replica.db.internal:5432:*:replicator:@@p3@@
localhost:5432:*:postgres:@@p4@@
""", p1=p1, p2=p2, p3=p3, p4=p4),
  ("ip_address", "10.20.30.40"), ("ip_address", "10.20.30.41"), *many("password", p1, p2, p3, p4))

# ko-10 Ansible group_vars (네이버 클라우드)
p, nak, nsk, sw = pw(), ncp_access(), ncp_secret(), slack_webhook()
S("ko", "config", T("""# group_vars/prod.yml — 네이버 클라우드 운영 환경
mysql_root_password: "@@p@@"
ncloud_access_key: "@@nak@@"
ncloud_secret_key: "@@nsk@@"
ncloud_region: KR
slack_webhook_url: "@@sw@@"   # #ops-알림 채널
backup_bucket: prod-backup-kr
""", p=p, nak=nak, nsk=nsk, sw=sw),
  ("password", p), ("cloud_token", nak), ("cloud_token", nsk), ("slack_webhook", sw))

# ko-11 사내 메신저 대화
gp, gl = github_pat(), gitlab()
S("ko", "chat", T("""[오전 10:14] 한지훈: 배포 파이프라인 또 깨졌어요 ㅠ 토큰 만료된 듯
[오전 10:15] 윤소희: 새로 발급했어요. 깃허브는 이거 쓰세요 @@gp@@
[오전 10:15] 윤소희: 사내 깃랩 미러용은 @@gl@@ 이고 권한은 read_repository만 줬어요
[오전 10:16] 한지훈: 감사합니다! 시크릿에 넣고 이 채팅은 지울게요
""", gp=gp, gl=gl), ("github_token", gp), ("gitlab_token", gl))

# ko-12 .NET appsettings.Production.json
p, az, azs = pwr(18).replace(";", ""), azure_storage_key(), azure_client_secret()
S("ko", "json", T("""// appsettings.Production.json (ERP 운영)
{
  "Logging": { "LogLevel": { "Default": "Information", "Microsoft.AspNetCore": "Warning" } },
  "ConnectionStrings": {
    "ErpDb": "Server=10.1.2.3,1433;Database=Erp;User Id=erp_app;Password=@@p@@;TrustServerCertificate=True"
  },
  "AzureStorage": {
    "ConnectionString": "DefaultEndpointsProtocol=https;AccountName=erpfileskr;AccountKey=@@az@@;EndpointSuffix=core.windows.net"
  },
  "AzureAd": {
    "Instance": "https://login.microsoftonline.com/",
    "TenantId": "@@t@@",
    "ClientId": "@@c@@",
    "ClientSecret": "@@azs@@"
  }
}
""", p=p, az=az, azs=azs, t=uuid4(), c=uuid4()),
  ("ip_address", "10.1.2.3"), ("password", p), ("azure_key", az), ("azure_key", azs))

# ko-13 Prisma seed.ts
ra, rb, kc = kr_rrn(), kr_rrn(), fmt_card(card("visa"))
S("ko", "code", T("""// prisma/seed.ts — QA용 고정 데이터 (운영 데이터에서 가져옴… 교체 필요)
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

async function main() {
  await prisma.customer.createMany({
    data: [
      { name: '정하늘', email: 'haneul.jung@example.co.kr', phone: '+82 10-7720-1384', rrn: '@@ra@@', cardNumber: '@@kc@@' },
      { name: '오지호', email: 'jiho.oh@example.kr', phone: '02-3142-7788', rrn: '@@rb@@', cardNumber: null },
    ],
  });
}

main().finally(() => prisma.$disconnect());
""", ra=ra, rb=rb, kc=kc),
  ("email", "haneul.jung@example.co.kr"), ("email", "jiho.oh@example.kr"), ("phone", "+82 10-7720-1384"),
  ("phone", "02-3142-7788"), ("kr_rrn", ra), ("kr_rrn", rb), ("card", kc))

# ko-14 Elixir config/runtime.exs
ecto = "ecto://chat_bridge:" + pw_url() + "@db-1.internal.example.kr/chat_bridge_prod"
skb, dt = high_entropy(64, ALNUM + "+/"), discord_token()
S("ko", "code", T("""import Config

# 운영 설정 (시크릿 매니저 연동 전까지 임시로 하드코딩)
config :chat_bridge, ChatBridge.Repo,
  url: "@@ecto@@",
  pool_size: 10

config :chat_bridge, ChatBridgeWeb.Endpoint,
  url: [host: "bridge.example.kr", port: 443, scheme: "https"],
  secret_key_base: "@@skb@@"

# 디스코드 봇
config :nostrum,
  token: "@@dt@@",
  gateway_intents: [:guilds, :guild_messages, :message_content]
""", ecto=ecto, skb=skb, dt=dt), ("url_credentials", ecto), ("generic_secret", skb), ("discord_token", dt))

# ko-15 Terraform provider with static keys
ak, sk = aws_key_id(), aws_secret()
S("ko", "config", T("""# 서울 리전 스테이징 — 로컬 테스트용 키 (커밋 금지!!)
provider "aws" {
  region     = "ap-northeast-2"
  access_key = "@@ak@@"
  secret_key = "@@sk@@"
}

resource "aws_instance" "batch" {
  ami           = "ami-0c9c942bd7bf113a2"
  instance_type = "t3.medium"
  subnet_id     = "subnet-0a71c4e2f93d8b615"
  private_ip    = "10.30.1.25"

  tags = {
    Name = "batch-stg"
    Team = "정산"
  }
}
""", ak=ak, sk=sk), ("aws_access_key", ak), ("aws_secret_key", sk), ("ip_address", "10.30.1.25"))

# ko-16 .npmrc
nt, gh = npm(), github()
S("ko", "config", T("""# 프로젝트 루트 .npmrc — 사내 패키지는 GitHub Packages
registry=https://registry.npmjs.org/
@acme-kr:registry=https://npm.pkg.github.com/
//registry.npmjs.org/:_authToken=@@nt@@
//npm.pkg.github.com/:_authToken=@@gh@@
always-auth=true
""", nt=nt, gh=gh), ("npm_token", nt), ("github_token", gh))

# ko-17 Scala/Play application.conf
ph, p, kp = high_entropy(64), pw(), pwr(22)
S("ko", "config", T("""# 결제 정산 서비스 설정 (prod)
play.http.secret.key = "@@ph@@"

slick.dbs.default {
  profile = "slick.jdbc.PostgresProfile$"
  db.driver = "org.postgresql.Driver"
  db.url = "jdbc:postgresql://10.50.0.8:5432/settlement"
  db.user = "settlement"
  db.password = "@@p@@"
}

kafka {
  bootstrap.servers = "kafka-1.internal:9093,kafka-2.internal:9093"
  security.protocol = "SASL_SSL"
  sasl.mechanism = "PLAIN"
  sasl.jaas.config = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\\"svc-settlement\\" password=\\"@@kp@@\\";"
}
""", ph=ph, p=p, kp=kp),
  ("generic_secret", ph), ("ip_address", "10.50.0.8"), ("password", p), ("password", kp))

# ko-18 QA 계정 표 (마크다운)
qp = pw()
S("ko", "table", T("""### QA 테스트 계정 (스테이징)

| 구분 | 이름 | 이메일 | 휴대폰 | 결제 카드 |
|---|---|---|---|---|
| 일반회원 | 테스트1 | qa.member1@example.co.kr | 010-5521-0934 | 4242 4242 4242 4242 |
| 사업자 | 테스트2 | qa.biz2@example.co.kr | 010-8830-2217 | 5555 5555 5555 4444 |
| 관리자 | 운영자 | ops-admin@example.co.kr | 02-6925-4410 | - |

비밀번호는 세 계정 모두 `@@qp@@` 입니다. 외부 공유 금지.
""", qp=qp),
  *many("email", "qa.member1@example.co.kr", "qa.biz2@example.co.kr", "ops-admin@example.co.kr"),
  *many("phone", "010-5521-0934", "010-8830-2217", "02-6925-4410"),
  ("card", "4242 4242 4242 4242"), ("card", "5555 5555 5555 4444"), ("password", qp))

# ---- KO hard negatives ----

# ko-n1 SOPS-encrypted secrets
S("ko", "config", T("""# 시크릿은 sops로 암호화되어 있습니다. 복호화: sops -d secrets.enc.yaml
db:
    user: shop_app
    password: @@e1@@
toss:
    secret_key: @@e2@@
kakao:
    rest_api_key: @@e3@@
sops:
    kms:
        - arn: arn:aws:kms:ap-northeast-2:111122223333:key/@@kid@@
          created_at: "2024-10-02T05:11:43Z"
          enc: @@kenc@@
          aws_profile: ""
    age:
        - recipient: @@age@@
          enc: |
            -----BEGIN AGE ENCRYPTED FILE-----
            @@a1@@
            @@a2@@
            -----END AGE ENCRYPTED FILE-----
    lastmodified: "2024-10-02T05:11:44Z"
    mac: @@mac@@
    pgp: []
    unencrypted_suffix: _unencrypted
    version: 3.8.1
""", e1=sops_enc(18), e2=sops_enc(36), e3=sops_enc(32), kid=uuid4(), kenc="AQICAHh" + b64bytes(150),
  age=age_recipient(), a1=b64bytes(48), a2=b64bytes(24), mac=sops_enc(64)))

# ko-n2 Spring Cloud Config: {cipher} values and placeholders
S("ko", "config", T("""# config-repo/order-service-prod.yml (Spring Cloud Config, 암호화된 값만 커밋합니다)
spring:
  datasource:
    url: jdbc:mysql://${DB_HOST:localhost}:3306/orders
    username: ${DB_USER}
    password: '{cipher}@@c1@@'
toss:
  payments:
    secret-key: '{cipher}@@c2@@'
kakao:
  rest-api-key: ${KAKAO_REST_API_KEY:}
jwt:
  secret: ${JWT_SECRET}   # 운영 값은 Vault(secret/order-service)에서 주입
""", c1=rnd(HEX, 96), c2="AQ" + b64bytes(190)))

# ko-n3 SealedSecret + ExternalSecret
S("ko", "config", T("""# 평문 시크릿 대신 SealedSecret / ExternalSecret 을 사용합니다 (리뷰 완료)
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: chatbot-secrets
  namespace: chatbot
spec:
  encryptedData:
    DB_PASSWORD: Ag@@s1@@
    OPENAI_API_KEY: Ag@@s2@@
  template:
    type: Opaque
---
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: chatbot-slack
  namespace: chatbot
spec:
  refreshInterval: 1h
  secretStoreRef:
    name: aws-secrets-manager
    kind: ClusterSecretStore
  target:
    name: chatbot-slack
  data:
    - secretKey: SLACK_BOT_TOKEN
      remoteRef:
        key: prod/chatbot/slack
        property: bot_token
""", s1=b64bytes(520), s2=b64bytes(560)))

# ko-n4 마스킹된 로그
S("ko", "log", T("""2024-11-21 14:03:12.483 DEBUG 1 --- [nio-8080-exec-7] c.e.m.api.SignupController  : 요청 본문(마스킹) = {"name":"최*진","rrn":"950315-2******","mobile":"010-****-1947","email":"y***@e*****.kr"}
2024-11-21 14:03:12.901  INFO 1 --- [nio-8080-exec-7] c.e.m.s.PaymentService      : 카드 승인 완료 cardNumber=5409-****-****-1234 approvalNo=30418822 traceId=@@tr@@
2024-11-21 14:03:12.902  INFO 1 --- [nio-8080-exec-7] c.e.m.s.PaymentService      : 빌링키=bk_****************Q2 (앞 3자리/뒤 2자리만 표시)
2024-11-21 14:03:13.120  INFO 1 --- [nio-8080-exec-7] c.e.m.api.HealthCheck       : upstream http://127.0.0.1:8081/actuator/health -> UP
""", tr=rnd(HEX, 32)))

# ko-n5 JUnit: 체크섬이 틀린 주민번호/카드번호
br1, br2, br3 = bad_last(kr_rrn()), bad_last(kr_rrn()), bad_last(kr_rrn()).replace("-", "")
bcd = bad_last(card("visa"))
for v in (br1, br2, br3):
    assert not rrn_valid(v)
assert not luhn_valid(bcd)
S("ko", "code", T("""// 주민등록번호 검증기 테스트 — 아래 값들은 전부 체크섬이 틀린 값입니다 (실존 번호 아님)
class RrnValidatorTest {

    @ParameterizedTest
    @ValueSource(strings = {"@@b1@@", "@@b2@@", "@@b3@@"})
    void 체크섬_불일치는_거부(String rrn) {
        assertFalse(RrnValidator.isValid(rrn));
    }

    @Test
    void 형식_오류는_거부() {
        assertFalse(RrnValidator.isValid("000000-0000000"));
        assertFalse(RrnValidator.isValid("abcdef-ghijklm"));
    }

    @Test
    void 카드번호_룬_실패() {
        assertFalse(CardValidator.isValid("@@bc@@"));
    }
}
""", b1=br1, b2=br2, b3=br3, bc=fmt_card(bcd, "-")))

# ko-n6 Dockerfile digest pins + go.sum
S("ko", "config", T("""# Dockerfile — 베이스 이미지는 다이제스트로 고정합니다
FROM golang:1.22.5-alpine@sha256:@@d1@@ AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api

FROM gcr.io/distroless/static-debian12@sha256:@@d2@@
COPY --from=build /out/api /api
USER 65532:65532
ENTRYPOINT ["/api"]

# --- go.sum (발췌) ---
# github.com/gin-gonic/gin v1.10.0 h1:@@h1@@
# github.com/gin-gonic/gin v1.10.0/go.mod h1:@@h2@@
# github.com/golang-jwt/jwt/v5 v5.2.1 h1:@@h3@@
""", d1=sha256hex(), d2=sha256hex(), h1=b64bytes(32), h2=b64bytes(32), h3=b64bytes(32)))

# ko-n7 Postman environment with vault references / empty secrets
S("ko", "json", T("""{
  "id": "@@id@@",
  "name": "주문 API - 로컬",
  "values": [
    { "key": "baseUrl", "value": "http://localhost:8080", "type": "default", "enabled": true },
    { "key": "accessToken", "value": "", "type": "secret", "enabled": true },
    { "key": "kakaoAdminKey", "value": "{{vault:kakao-admin-key}}", "type": "secret", "enabled": true },
    { "key": "requestId", "value": "{{$randomUUID}}", "type": "default", "enabled": true },
    { "key": "idempotencyKey", "value": "@@ik@@", "type": "default", "enabled": true }
  ],
  "_postman_variable_scope": "environment",
  "_postman_exported_at": "2024-11-18T01:20:44.017Z",
  "_postman_exported_using": "Postman/11.18.2"
}
""", id=uuid4(), ik=uuid4()))

# =====================================================================================
# DE — 17 with labels, 8 hard negatives
# =====================================================================================

# de-1 pg_dump COPY kunden (IBAN, Steuer-ID)
di1, di2, di3 = iban("DE"), iban("DE"), iban("AT")
di2s = iban_spaced(di2)
st1, st3 = de_steuer_id(), de_steuer_id()
st3s = fmt_steuer(st3)
rows = [["K-100231", "Frau", "Sabine", "Krüger", "sabine.krueger@example.de", "+49 30 22456789", di1, st1, "2023-02-01"],
        ["K-100232", "Herr", "Mehmet", "Yıldız", "m.yildiz@example.org", "0151 23847561", di2s, "\\N", "2023-02-03"],
        ["K-100233", "Herr", "Jonas", "Albrecht", "jonas.albrecht@example.net", "\\N", di3, st3s, "2023-02-07"]]
S("de", "code", T("""--
-- PostgreSQL database dump
--

SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;

--
-- Data for Name: kunden; Type: TABLE DATA; Schema: public; Owner: crm
--

COPY public.kunden (kunden_nr, anrede, vorname, nachname, email, telefon, iban, steuer_id, angelegt_am) FROM stdin;
@@rows@@
\\.

""", rows="\n".join("\t".join(r) for r in rows)),
  *many("email", "sabine.krueger@example.de", "m.yildiz@example.org", "jonas.albrecht@example.net"),
  *many("phone", "+49 30 22456789", "0151 23847561"), *many("iban", di1, di2s, di3),
  *many("de_steuer_id", st1, st3s))

# de-2 TYPO3 LocalConfiguration.php
p, mp, ek = pw(), pwr(16), rnd(HEX, 96)
S("de", "code", T("""<?php
// Achtung: Datei wird vom Install-Tool überschrieben – Änderungen bitte dort vornehmen.
return [
    'BE' => [
        'installToolPassword' => '@@ih@@',
        'passwordHashing' => ['className' => 'TYPO3\\\\CMS\\\\Core\\\\Crypto\\\\PasswordHashing\\\\Argon2iPasswordHash'],
    ],
    'DB' => [
        'Connections' => [
            'Default' => [
                'charset' => 'utf8mb4',
                'dbname' => 'typo3_live',
                'driver' => 'mysqli',
                'host' => '10.0.0.23',
                'password' => '@@p@@',
                'port' => 3306,
                'user' => 'typo3',
            ],
        ],
    ],
    'MAIL' => [
        'transport' => 'smtp',
        'transport_smtp_server' => 'smtp.example-hosting.de:587',
        'transport_smtp_username' => 'web@example-stadtwerke.de',
        'transport_smtp_password' => '@@mp@@',
    ],
    'SYS' => [
        'encryptionKey' => '@@ek@@',
        'sitename' => 'Stadtwerke Musterstadt',
        'trustedHostsPattern' => '.*\\\\.example-stadtwerke\\\\.de',
    ],
];
""", ih=argon2_h("argon2i"), p=p, mp=mp, ek=ek),
  ("ip_address", "10.0.0.23"), ("password", p), ("password", mp), ("email", "web@example-stadtwerke.de"),
  ("generic_secret", ek))

# de-3 Laravel .env eines Shops (Mollie, Stripe, Mistral)
ak, p, mo, st, mi, mp = b64bytes(32), pw(), mollie_live(), stripe("rk_live_"), mistral_key(), pw()
S("de", "config", T("""# Produktivsystem – bitte NICHT ins Repo (ist es aber…)
APP_NAME="Weinhandel Schäfer"
APP_ENV=production
APP_KEY=base64:@@ak@@
APP_URL=https://shop.example-weinhandel.de

DB_HOST=db
DB_DATABASE=shop
DB_USERNAME=shop
DB_PASSWORD=@@p@@

# Zahlungsanbieter
MOLLIE_KEY=@@mo@@
STRIPE_SECRET=@@st@@

# Produktbeschreibungen per KI
MISTRAL_API_KEY=@@mi@@

MAIL_HOST=smtp.strato.de
MAIL_PORT=465
MAIL_USERNAME=shop@example-weinhandel.de
MAIL_PASSWORD=@@mp@@
""", ak=ak, p=p, mo=mo, st=st, mi=mi, mp=mp),
  ("generic_secret", ak), ("password", p), ("payment_token", mo), ("stripe_key", st), ("ai_api_key", mi),
  ("email", "shop@example-weinhandel.de"), ("password", mp))

# de-4 ~/.my.cnf
p = pwr(20)
S("de", "config", T("""# ~/.my.cnf für das nächtliche Backup (Benutzer backup auf backup01)
[client]
user     = backup
password = "@@p@@"
host     = 192.168.178.20
port     = 3306

[mysqldump]
single-transaction
quick
max_allowed_packet = 512M
""", p=p), ("password", p), ("ip_address", "192.168.178.20"))

# de-5 Rust test module with customer fixture
gl, ib = gitlab(), iban("AT")
S("de", "code", T("""// Testdaten für den SEPA-Export. TODO: durch Generator ersetzen, bevor das Repo öffentlich wird
#[cfg(test)]
mod tests {
    use super::*;

    const GITLAB_TOKEN: &str = "@@gl@@"; // nur für den Mirror-Test

    fn beispiel_kunde() -> Kunde {
        Kunde {
            name: "Katrin Vogelsang".into(),
            email: "k.vogelsang@example.de".into(),
            telefon: "+49 170 4432198".into(),
            iban: "@@ib@@".into(),
        }
    }

    #[test]
    fn export_enthaelt_iban() {
        let xml = sepa_xml(&[beispiel_kunde()]);
        assert!(xml.contains("<IBAN>@@ib@@</IBAN>"));
    }
}
""", gl=gl, ib=ib),
  ("gitlab_token", gl), ("email", "k.vogelsang@example.de"), ("phone", "+49 170 4432198"), ("iban", ib))

# de-6 Pulumi stack config, partly plaintext
hc, p = hetzner_token(), pw()
S("de", "config", T("""# Pulumi.prod.yaml
encryptionsalt: @@salt@@
config:
  aws:region: eu-central-1
  hcloud:token: @@hc@@
  shop:dbPassword: @@p@@
  shop:stripeSecret:
    secure: @@sec@@
  shop:adminIp: 85.214.132.117
  shop:replicas: "3"
""", salt=pulumi_secure(12), hc=hc, p=p, sec=pulumi_secure(120)),
  ("cloud_token", hc), ("password", p), ("ip_address", "85.214.132.117"))

# de-7 CloudFormation parameter file
p, gho = pwr(24), github("gho_")
S("de", "json", T("""[
  { "ParameterKey": "Umgebung", "ParameterValue": "prod" },
  { "ParameterKey": "InstanceType", "ParameterValue": "t3.large" },
  { "ParameterKey": "DBMasterUsername", "ParameterValue": "dbadmin" },
  { "ParameterKey": "DBMasterPassword", "ParameterValue": "@@p@@" },
  { "ParameterKey": "GitHubOAuthToken", "ParameterValue": "@@gho@@" },
  { "ParameterKey": "AlarmEmail", "ParameterValue": "betrieb@example-logistik.de" }
]
""", p=p, gho=gho), ("password", p), ("github_token", gho), ("email", "betrieb@example-logistik.de"))

# de-8 .gitconfig with a token in an insteadOf URL
url = "https://oauth2:" + gitlab() + "@gitlab.example-agentur.de/"
S("de", "config", T("""[user]
\tname = Lena Hoffmann
\temail = lena.hoffmann@example-agentur.de
[credential]
\thelper = store
[url "@@url@@"]
\tinsteadOf = https://gitlab.example-agentur.de/
[pull]
\trebase = true
[init]
\tdefaultBranch = main
""", url=url), ("email", "lena.hoffmann@example-agentur.de"), ("url_credentials", url))

# de-9 pip.conf on build runners
u1 = "https://ci-reader:" + pw_url() + "@nexus.intern.example.de/repository/pypi-all/simple"
u2 = "https://__token__:" + gitlab() + "@gitlab.example.de/api/v4/projects/412/packages/pypi/simple"
S("de", "config", T("""# /etc/pip.conf auf den Build-Runnern (wird per Ansible verteilt)
[global]
timeout = 60
index-url = @@u1@@
extra-index-url = @@u2@@
trusted-host = nexus.intern.example.de
""", u1=u1, u2=u2), ("url_credentials", u1), ("url_credentials", u2))

# de-10 Kotlin test fixture Lohnabrechnung
st, ib = de_steuer_id(), iban("DE")
ibs = iban_spaced(ib)
S("de", "code", T("""// Testfixture Lohnabrechnung – Daten sind "nur Test", trotzdem niemals loggen.
class LohnabrechnungServiceTest {

    private val mitarbeiter = Mitarbeiter(
        personalNr = "P-20417",
        name = "Thomas Weißenberger",
        steuerId = "@@st@@",
        iban = "@@ibs@@",
        email = "t.weissenberger@example.de",
        telefon = "030 / 2045 8813",
        geburtsdatum = LocalDate.of(1984, 6, 12),
    )

    @Test
    fun `Abrechnung enthält die Steuer-ID`() {
        val pdf = service.erzeugeAbrechnung(mitarbeiter, YearMonth.of(2024, 10))
        assertThat(pdf.text).contains("@@st@@")
    }
}
""", st=st, ibs=ibs),
  ("de_steuer_id", st), ("iban", ibs), ("email", "t.weissenberger@example.de"), ("phone", "030 / 2045 8813"))

# de-11 HTTP wire log with Basic auth
p = pw()
ba = b64s("svc-export:" + p)
S("de", "log", T("""2024-11-22T07:41:09.114+01:00 DEBUG 4711 --- [exec-3] org.apache.http.wire : http-outgoing-0 >> "POST /api/export/lohn HTTP/1.1[\\r][\\n]"
2024-11-22T07:41:09.114+01:00 DEBUG 4711 --- [exec-3] org.apache.http.wire : http-outgoing-0 >> "Host: export.intern.example.de[\\r][\\n]"
2024-11-22T07:41:09.115+01:00 DEBUG 4711 --- [exec-3] org.apache.http.wire : http-outgoing-0 >> "Authorization: Basic @@ba@@[\\r][\\n]"
2024-11-22T07:41:09.115+01:00 DEBUG 4711 --- [exec-3] org.apache.http.wire : http-outgoing-0 >> "X-Forwarded-For: 10.14.2.87[\\r][\\n]"
2024-11-22T07:41:09.388+01:00  WARN 4711 --- [exec-3] d.e.l.export.ExportJob : Export fehlgeschlagen für Empfänger lohnbuero@example-steuerberater.de: 403 Forbidden
""", ba=ba), ("password", ba), ("ip_address", "10.14.2.87"), ("email", "lohnbuero@example-steuerberater.de"))

# de-12 docker-compose monitoring stack
p1, p2, p3, gs = pw(), pwr(24), pw(), grafana_sa()
S("de", "config", T("""# docker-compose.prod.yml – Monitoring-Stack
services:
  postgres:
    image: postgres:16
    environment:
      POSTGRES_USER: grafana
      POSTGRES_PASSWORD: @@p1@@
  minio:
    image: minio/minio:RELEASE.2024-10-13T13-34-11Z
    command: server /data --console-address ":9001"
    environment:
      MINIO_ROOT_USER: admin
      MINIO_ROOT_PASSWORD: "@@p2@@"
  grafana:
    image: grafana/grafana:11.3.0
    environment:
      GF_SECURITY_ADMIN_PASSWORD: "@@p3@@"
      GF_DATABASE_TYPE: postgres
      GF_DATABASE_HOST: postgres:5432
      GF_DATABASE_PASSWORD: @@p1@@
  dashboard-sync:
    image: ghcr.io/example/dashboard-sync:1.4
    environment:
      GRAFANA_URL: http://grafana:3000
      GRAFANA_SA_TOKEN: @@gs@@
""", p1=p1, p2=p2, p3=p3, gs=gs), *many("password", p1, p2, p3), ("saas_token", gs))

# de-13 Ansible YAML inventory with an inline private key
p, k = pw(), pem("ec")
ki = k.replace("\n", "\n      ")
S("de", "config", T("""# inventory/produktion.yml
all:
  children:
    webserver:
      hosts:
        web1.example-shop.de:
          ansible_host: 10.60.1.21
        web2.example-shop.de:
          ansible_host: 10.60.1.22
    datenbank:
      hosts:
        db1.example-shop.de:
          ansible_host: 10.60.2.10
          ansible_ssh_pass: "@@p@@"
  vars:
    ansible_user: deploy
    # TODO: in Vault verschieben
    deploy_tls_key: |
      @@ki@@
""", p=p, ki=ki), *many("ip_address", "10.60.1.21", "10.60.1.22", "10.60.2.10"), ("password", p),
  ("private_key", ki))

# de-14 HR export with EU national identifiers
bsn, dni, cf, nir, st = nl_bsn(), es_dni(), it_cf(), fr_nir(), de_steuer_id()
S("de", "json", T("""{
  "export": "personalstamm_eu",
  "erstellt": "2024-11-20T06:00:00Z",
  "mitarbeiter": [
    { "id": 311, "name": "Annelie de Vries", "land": "NL", "bsn": "@@bsn@@", "email": "a.devries@example.nl" },
    { "id": 312, "name": "Javier Ortega Ruiz", "land": "ES", "dni": "@@dni@@", "email": "javier.ortega@example.es" },
    { "id": 313, "name": "Giulia Bernardi", "land": "IT", "codice_fiscale": "@@cf@@", "email": "g.bernardi@example.it" },
    { "id": 314, "name": "Camille Laurent", "land": "FR", "nir": "@@nir@@", "email": "camille.laurent@example.fr" },
    { "id": 315, "name": "Felix Brandauer", "land": "DE", "steuer_id": "@@st@@", "email": "felix.brandauer@example.de" }
  ]
}
""", bsn=bsn, dni=dni, cf=cf, nir=nir, st=st),
  ("nl_bsn", bsn), ("es_dni", dni), ("it_codice_fiscale", cf), ("fr_nir", nir), ("de_steuer_id", st),
  *many("email", "a.devries@example.nl", "javier.ortega@example.es", "g.bernardi@example.it",
        "camille.laurent@example.fr", "felix.brandauer@example.de"))

# de-15 Teams chat with cloud credentials
ak, sk, azs = aws_key_id(), aws_secret(), azure_client_secret()
S("de", "chat", T("""[09:12] Markus Lehmann: Kannst du mir kurz die Zugangsdaten für den Terraform-Run geben? Die Pipeline hängt seit heute früh.
[09:14] Svenja Roth: Hier, aber bitte nur lokal nutzen:
AWS_ACCESS_KEY_ID=@@ak@@
AWS_SECRET_ACCESS_KEY=@@sk@@
[09:15] Svenja Roth: und für den Azure-Teil das Client Secret vom Service Principal: @@azs@@
[09:16] Markus Lehmann: Danke 👍 lösche ich nachher wieder aus dem Verlauf
""", ak=ak, sk=sk, azs=azs), ("aws_access_key", ak), ("aws_secret_key", sk), ("azure_key", azs))

# de-16 appsettings.Production.json (Terminbuchung)
p, sg, jk, rp = pw(), sendgrid(), high_entropy(48), replicate()
S("de", "json", T("""{
  "ConnectionStrings": {
    "Default": "Host=pg-prod.intern;Port=5432;Database=termine;Username=termine_app;Password=@@p@@"
  },
  "SendGrid": { "ApiKey": "@@sg@@", "Absender": "termine@example-praxis.de" },
  "Jwt": { "Issuer": "https://termine.example-praxis.de", "SigningKey": "@@jk@@" },
  "Replicate": { "ApiToken": "@@rp@@", "Modell": "meta/meta-llama-3-8b-instruct" },
  "Serilog": {
    "WriteTo": [ { "Name": "Seq", "Args": { "serverUrl": "http://10.9.0.4:5341" } } ]
  }
}
""", p=p, sg=sg, jk=jk, rp=rp),
  ("password", p), ("saas_token", sg), ("email", "termine@example-praxis.de"), ("generic_secret", jk),
  ("ai_api_key", rp), ("ip_address", "10.9.0.4"))

# de-17 zsh history
dk, p, mp, hc = dockerhub(), pw(), pwr(14), hetzner_token()
S("de", "code", T(""": 1732523401:0;docker login -u example-ci -p @@dk@@
: 1732523455:0;docker push example/abrechnung:2.3.1
: 1732523602:0;curl -u admin:@@p@@ https://nexus.intern.example.de/service/rest/v1/status
: 1732523690:0;mysql -h 10.8.4.12 -u root -p'@@mp@@' kundendb
: 1732523811:0;export HCLOUD_TOKEN=@@hc@@
: 1732523815:0;hcloud server list -o columns=name,ipv4,status
: 1732523902:0;history -c
""", dk=dk, p=p, mp=mp, hc=hc),
  ("package_registry_token", dk), ("password", p), ("ip_address", "10.8.4.12"), ("password", mp), ("cloud_token", hc))

# ---- DE hard negatives ----

# de-n1 Maven settings.xml with encrypted passwords
S("de", "config", T("""<?xml version="1.0" encoding="UTF-8"?>
<!-- Passwörter sind mit `mvn --encrypt-password` verschlüsselt; Master-Passwort in ~/.m2/settings-security.xml -->
<settings>
  <servers>
    <server>
      <id>nexus-intern</id>
      <username>${env.NEXUS_USER}</username>
      <password>${env.NEXUS_PASSWORD}</password>
    </server>
    <server>
      <id>nexus-releases</id>
      <username>release-bot</username>
      <password>@@e1@@</password>
    </server>
    <server>
      <id>deploy-ssh</id>
      <username>deploy</username>
      <privateKey>${user.home}/.ssh/id_ed25519</privateKey>
      <passphrase>@@e2@@</passphrase>
    </server>
  </servers>
</settings>
""", e1=maven_enc(), e2=maven_enc()))

# de-n2 Pulumi stack config, all secrets encrypted
S("de", "config", T("""# Pulumi.prod.yaml – alle Geheimnisse mit `pulumi config set --secret` gesetzt
encryptionsalt: @@salt@@
config:
  aws:region: eu-central-1
  hcloud:token:
    secure: @@s1@@
  shop:dbPassword:
    secure: @@s2@@
  shop:stripeSecret:
    secure: @@s3@@
  shop:replicas: "3"
""", salt=pulumi_secure(12), s1=pulumi_secure(96), s2=pulumi_secure(40), s3=pulumi_secure(130)))

# de-n3 PHP config reading the environment
S("de", "code", """<?php
// config/datenbank.php – Werte kommen ausschließlich aus der Umgebung (siehe .env.example)
return [
    'host'     => getenv('DB_HOST') ?: '127.0.0.1',
    'port'     => (int) (getenv('DB_PORT') ?: 3306),
    'name'     => getenv('DB_NAME') ?: 'shop',
    'user'     => getenv('DB_USER') ?: 'shop',
    'password' => getenv('DB_PASSWORD') ?: '',
    'mollie'   => [
        'key' => $_ENV['MOLLIE_KEY'] ?? null,   // z. B. "live_…" – niemals hier eintragen
    ],
    'encryptionKey' => $_ENV['APP_ENCRYPTION_KEY'] ?? throw new RuntimeException('APP_ENCRYPTION_KEY fehlt'),
];
""")

# de-n4 SQL seed with argon2 hashes and pseudonymised e-mail hashes
S("de", "code", T("""-- seeds/benutzer.sql – Entwicklungsdaten
-- Passwörter nur als Argon2id-Hash, E-Mail-Adressen nur als SHA-256 (pseudonymisiert, DSGVO)
INSERT INTO benutzer (id, login, passwort_hash, email_sha256, rolle) VALUES
  ('@@u1@@', 'redaktion', '@@h1@@', '@@e1@@', 'editor'),
  ('@@u2@@', 'buchhaltung', '@@h2@@', '@@e2@@', 'finance'),
  ('@@u3@@', 'gast', '@@h3@@', '@@e3@@', 'viewer');
""", u1=uuid4(), u2=uuid4(), u3=uuid4(), h1=argon2_h(), h2=argon2_h(), h3=argon2_h(),
  e1=sha256hex(), e2=sha256hex(), e3=sha256hex()))

# de-n5 nginx role vars: certificate and SSH public keys only
cert = cert_pem("/C=DE/O=Beispiel Shop GmbH/CN=shop.example-shop.de")
S("de", "config", T("""# roles/nginx/vars/main.yml – nur öffentliche Teile; der private Schlüssel liegt im Vault
nginx_tls_certificate: |
  @@cert@@
nginx_tls_key: "{{ vault_nginx_tls_key }}"
admin_authorized_keys:
  - "@@k1@@"
  - "@@k2@@"
""", cert=cert.replace("\n", "\n  "), k1=ssh_pub("jan-admin"), k2=ssh_pub("ops-notebook-2024")))

# de-n6 tests with invalid IBAN and Steuer-ID check digits
bi1, bi2 = bad_iban(iban("DE")), bad_iban(iban("AT"))
bs1, bs2 = bad_last(de_steuer_id()), bad_last(de_steuer_id())
for v in (bi1, bi2):
    assert not iban_valid(v)
for v in (bs1, bs2):
    assert not steuer_valid(v)
S("de", "code", T("""// Validierung: alle Werte hier haben absichtlich falsche Prüfziffern
class PruefzifferTest {

    @ParameterizedTest
    @ValueSource(strings = {"@@bi1@@", "@@bi2@@"})
    void ibanMitFalscherPruefzifferWirdAbgelehnt(String iban) {
        assertFalse(IbanValidator.isValid(iban));
    }

    @ParameterizedTest
    @ValueSource(strings = {"@@bs1@@", "@@bs2@@"})
    void steuerIdMitFalscherPruefzifferWirdAbgelehnt(String id) {
        assertFalse(SteuerIdValidator.isValid(id));
    }
}
""", bi1=iban_spaced(bi1), bi2=bi2, bs1=bs1, bs2=fmt_steuer(bs2)))

# de-n7 release checksums, GPG fingerprint, Cargo.lock
S("de", "config", T("""# SHA256SUMS für Release 4.18.2 (signiert mit dem Release-Schlüssel)
@@h1@@  abrechnung-4.18.2-linux-amd64.tar.gz
@@h2@@  abrechnung-4.18.2-linux-arm64.tar.gz
@@h3@@  abrechnung-4.18.2-windows-amd64.zip

# Release-Schlüssel (öffentlich): Fingerprint @@fp@@
# gpg --verify SHA256SUMS.asc SHA256SUMS

# Cargo.lock (Auszug)
[[package]]
name = "serde"
version = "1.0.215"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "@@c1@@"

[[package]]
name = "tokio"
version = "1.41.1"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "@@c2@@"
""", h1=sha256hex(), h2=sha256hex(), h3=sha256hex(),
  fp=" ".join(rnd(UHEX, 4) for _ in range(10)), c1=sha256hex(), c2=sha256hex()))

# de-n8 log with documentation IPs, masked IBAN, request ids
S("de", "log", T("""2024-11-22 03:12:44,118 INFO  [sepa-export] Lauf 2024-11-22 gestartet (Version 4.18.2, Build 20241121.7)
2024-11-22 03:12:44,530 INFO  [sepa-export] Verbindung zu 198.51.100.23:443 (Testnetz laut RFC 5737) hergestellt
2024-11-22 03:12:45,002 INFO  [sepa-export] Zahlung an IBAN DE** **** **** **** **30 00 vorgemerkt, Betrag 1.249,90 EUR, Referenz RE-2024-118734
2024-11-22 03:12:45,417 WARN  [sepa-export] Anfrage von 203.0.113.9 abgelehnt: ungültige Signatur (request_id=@@r1@@)
2024-11-22 03:12:45,420 INFO  [sepa-export] Fallback auf 127.0.0.1:8080, Bind 0.0.0.0:9090
2024-11-22 03:13:51,883 INFO  [sepa-export] Beendet: 412 Buchungen, 0 Fehler, Dauer 00:01:07 (trace=@@t@@)
""", r1=uuid4(), t=rnd(HEX, 32)))

# =====================================================================================
# JA — 17 with labels, 8 hard negatives
# =====================================================================================

# ja-1 顧客マスタ INSERT (マイナンバー)
m1, m2, m3 = jp_mynumber(), jp_mynumber(), jp_mynumber()
m2s, m3d = fmt_mn(m2), fmt_mn(m3, "-")
S("ja", "code", T("""-- 顧客マスタ 初期データ（本番から抽出）※取扱注意・社外持ち出し禁止
INSERT INTO customers (customer_id, name, name_kana, email, tel, my_number, created_at) VALUES
  (50001, '山田 太郎', 'ヤマダ タロウ', 'taro.yamada@example.co.jp', '03-5412-8890', '@@m1@@', '2024-04-01 09:00:00'),
  (50002, '佐藤 花子', 'サトウ ハナコ', 'hanako.sato@example.jp', '090-3318-4471', '@@m2@@', '2024-04-01 09:00:00'),
  (50003, '鈴木 一郎', 'スズキ イチロウ', 'ichiro.suzuki@example.ne.jp', '+81 80-2241-7736', '@@m3@@', '2024-04-02 13:30:00');
""", m1=m1, m2=m2s, m3=m3d),
  *many("email", "taro.yamada@example.co.jp", "hanako.sato@example.jp", "ichiro.suzuki@example.ne.jp"),
  *many("phone", "03-5412-8890", "090-3318-4471", "+81 80-2241-7736"), *many("jp_mynumber", m1, m2s, m3d))

# ja-2 iOS Info.plist
gk, p = google_key(), pw()
S("ja", "config", T("""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
\t<key>CFBundleDisplayName</key>
\t<string>まちログ</string>
\t<key>CFBundleIdentifier</key>
\t<string>jp.example.machilog</string>
\t<key>CFBundleShortVersionString</key>
\t<string>2.8.0</string>
\t<key>GMSApiKey</key>
\t<string>@@gk@@</string>
\t<!-- ステージング環境のBasic認証（App Store審査用） -->
\t<key>StagingBasicAuthUser</key>
\t<string>reviewer</string>
\t<key>StagingBasicAuthPassword</key>
\t<string>@@p@@</string>
\t<key>NSLocationWhenInUseUsageDescription</key>
\t<string>近くのお店を表示するために位置情報を使用します。</string>
</dict>
</plist>
""", gk=gk, p=p), ("google_api_key", gk), ("password", p))

# ja-3 Swift: 要約クライアント
an, lt = anthropic(), line_token()
S("ja", "code", T("""import Foundation

// 要約機能（社内デモ用）— APIキーは後でサーバー側に移す予定
struct SummaryClient {
    private let anthropicKey = "@@an@@"
    private let lineChannelAccessToken = "@@lt@@"
    private let session = URLSession(configuration: .ephemeral)

    func summarize(_ text: String) async throws -> String {
        var req = URLRequest(url: URL(string: "https://api.anthropic.com/v1/messages")!)
        req.httpMethod = "POST"
        req.setValue(anthropicKey, forHTTPHeaderField: "x-api-key")
        req.setValue("2023-06-01", forHTTPHeaderField: "anthropic-version")
        // ...
        return ""
    }
}
""", an=an, lt=lt), ("anthropic_key", an), ("saas_token", lt))

# ja-4 Rails credentials (PAY.JP)
skb, pj, ak, sk, p = rails_skb(), payjp_live(), aws_key_id(), aws_secret(), pw()
S("ja", "config", T("""# bin/rails credentials:edit で表示した内容（Slackに貼らないこと）
secret_key_base: @@skb@@

payjp:
  secret_key: @@pj@@

aws:
  access_key_id: @@ak@@
  secret_access_key: @@sk@@

mailer:
  smtp_user: apikey
  smtp_password: @@p@@
""", skb=skb, pj=pj, ak=ak, sk=sk, p=p),
  ("generic_secret", skb), ("payment_token", pj), ("aws_access_key", ak), ("aws_secret_key", sk), ("password", p))

# ja-5 Jupyter: 顧客データの確認 (出力にPII)
n1, n2, n3 = jp_mynumber(), jp_mynumber(), jp_mynumber()
table = T("""   customer_id     氏名                       メール         電話番号        マイナンバー
0        70211  高橋 美咲  misaki.takahashi@example.jp  090-1187-3320  @@n1@@
1        70212    伊藤 健        ken.ito@example.co.jp  080-5529-0148  @@n2@@
2        70213  渡辺 結衣          yui.w@example.ne.jp  03-6272-9051  @@n3@@""", n1=n1, n2=n2, n3=n3)
S("ja", "json", notebook([
    ("markdown", "# 解約予測：顧客データの確認\n2024年Q3の顧客CSVを読み込んで中身を確認する。", None),
    ("code", "import pandas as pd\n\ndf = pd.read_csv('data/customers_2024Q3.csv', dtype={'マイナンバー': str})\ndf.head(3)",
     [result(table)]),
    ("code", "df.shape", [result("(48211, 5)")]),
]), *many("email", "misaki.takahashi@example.jp", "ken.ito@example.co.jp", "yui.w@example.ne.jp"),
  *many("phone", "090-1187-3320", "080-5529-0148", "03-6272-9051"), *many("jp_mynumber", n1, n2, n3))

# ja-6 Spring application.properties
p, sg, ak, sk = pw(), sendgrid(), aws_key_id(), aws_secret()
S("ja", "config", T("""# 本番用設定（暫定。リリース後に Parameter Store へ移行する）
spring.datasource.url=jdbc:postgresql://172.20.3.15:5432/reserve
spring.datasource.username=reserve_app
spring.datasource.password=@@p@@
spring.mail.host=smtp.sendgrid.net
spring.mail.port=587
spring.mail.username=apikey
spring.mail.password=@@sg@@
aws.s3.access-key=@@ak@@
aws.s3.secret-key=@@sk@@
aws.s3.bucket=reserve-receipts-prod
""", p=p, sg=sg, ak=ak, sk=sk),
  ("ip_address", "172.20.3.15"), ("password", p), ("saas_token", sg), ("aws_access_key", ak), ("aws_secret_key", sk))

# ja-7 Go Slack bot
xb, xp = slack_bot(), slack_user()
S("ja", "code", T("""// 勤怠リマインダーBot
package main

import (
\t"log"

\t"github.com/slack-go/slack"
)

func main() {
\t// TODO: 環境変数から読むように直す
\tapi := slack.New("@@xb@@")
\tadmin := slack.New("@@xp@@") // チャンネル作成用（管理者権限）

\tif _, _, err := api.PostMessage("C04KINTAI01", slack.MsgOptionText("本日の勤怠入力をお忘れなく！", false)); err != nil {
\t\tlog.Fatal(err)
\t}
\t_ = admin
}
""", xb=xb, xp=xp), ("slack_token", xb), ("slack_token", xp))

# ja-8 terraform.tfvars (さくらのクラウド)
stok, ssec, p = uuid4(), sakura_secret(), pwr(20)
S("ja", "config", T("""# terraform.tfvars（さくらのクラウド 本番）※ .gitignore に入れ忘れ注意
sakuracloud_token  = "@@stok@@"
sakuracloud_secret = "@@ssec@@"
zone               = "is1b"
db_password        = "@@p@@"
ssh_allowed_ip     = "126.208.41.77"
""", stok=stok, ssec=ssec, p=p),
  ("cloud_token", stok), ("cloud_token", ssec), ("password", p), ("ip_address", "126.208.41.77"))

# ja-9 nginx access log (percent-encoded e-mail)
enc = "taro.yamada%40example.co.jp"
S("ja", "log", T("""126.33.201.45 - - [22/Nov/2024:10:15:32 +0900] "GET /api/members/search?email=@@enc@@&tel=090-6614-2087 HTTP/1.1" 200 512 "-" "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148"
172.20.8.14 - - [22/Nov/2024:10:15:33 +0900] "POST /internal/notify HTTP/1.1" 204 0 "-" "Go-http-client/1.1"
126.33.201.45 - - [22/Nov/2024:10:15:40 +0900] "GET /static/app.js HTTP/1.1" 304 0 "https://shop.example.co.jp/" "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X)"
""", enc=enc), ("ip_address", "126.33.201.45"), ("ip_address", "172.20.8.14"), ("email", enc), ("phone", "090-6614-2087"))

# ja-10 ~/.docker/config.json
p = pw()
au = b64s("deploy-bot:" + p)
S("ja", "json", T("""$ cat ~/.docker/config.json   # 本番ビルドサーバー
{
\t"auths": {
\t\t"registry.example.co.jp": {
\t\t\t"auth": "@@au@@"
\t\t},
\t\t"https://index.docker.io/v1/": {}
\t},
\t"credsStore": "desktop"
}
""", au=au), ("password", au))

# ja-11 Kotlin fixtures for payment tests
mn, jcb = jp_mynumber(), fmt_card(card("jcb"))
S("ja", "code", T("""// 決済フローの結合テスト用フィクスチャ（※実在の会員データを流用しないこと）
object Fixtures {
    val 会員 = Member(
        id = 88012,
        name = "中村 蓮",
        email = "ren.nakamura@example.jp",
        phone = "+81-90-4471-2209",
        myNumber = "@@mn@@",
        cardNumber = "@@jcb@@",
        cardExpiry = "08/27",
    )
}
""", mn=mn, jcb=jcb),
  ("email", "ren.nakamura@example.jp"), ("phone", "+81-90-4471-2209"), ("jp_mynumber", mn), ("card", jcb))

# ja-12 Slack 会話 (Databricks / Vault)
dbt, vt = databricks(), vault()
S("ja", "chat", T("""田中 11:02  Databricksのジョブが認証エラーで落ちてます…
小林 11:04  私のPATを一時的に使ってください → @@dbt@@
小林 11:05  あとVaultのトークンはこれです、TTL 24h: @@vt@@
田中 11:06  ありがとうございます！使い終わったら revoke します🙏
""", dbt=dbt, vt=vt), ("cloud_token", dbt), ("cloud_token", vt))

# ja-13 Postman environment (OAuth)
at = jwt({"sub": "u_30412", "aud": "reserve-api", "iat": 1763950000, "exp": 1763953600, "scope": "reserve:write"}, "RS256")
rt, gx = high_entropy(64), gocspx()
S("ja", "json", T("""{
  "id": "@@id@@",
  "name": "認証API - 本番",
  "values": [
    { "key": "baseUrl", "value": "https://api.reserve.example.co.jp", "type": "default", "enabled": true },
    { "key": "access_token", "value": "@@at@@", "type": "secret", "enabled": true },
    { "key": "refresh_token", "value": "@@rt@@", "type": "secret", "enabled": true },
    { "key": "google_client_id", "value": "734120958116-5k2q8v7d0jr1bmh3m1f0l6q9tqp2s4an.apps.googleusercontent.com", "type": "default", "enabled": true },
    { "key": "google_client_secret", "value": "@@gx@@", "type": "secret", "enabled": true }
  ],
  "_postman_variable_scope": "environment",
  "_postman_exported_at": "2024-11-21T03:33:10.204Z",
  "_postman_exported_using": "Postman/11.19.0"
}
""", id=uuid4(), at=at, rt=rt, gx=gx), ("jwt", at), ("generic_secret", rt), ("gcp_credentials", gx))

# ja-14 Ansible host_vars with an OpenSSH key
p1, p2, k = pw(), pwr(16), openssh_key()
ki = k.replace("\n", "\n  ")
S("ja", "config", T("""# host_vars/wp-prod-01.yml
wordpress_db_name: wp_prod
wordpress_db_user: wp
wordpress_db_password: "@@p1@@"
smtp_password: "@@p2@@"
# バックアップ用（rsync over ssh）
backup_ssh_private_key: |
  @@ki@@
backup_target: 10.128.0.44
""", p1=p1, p2=p2, ki=ki), ("password", p1), ("password", p2), ("private_key", ki), ("ip_address", "10.128.0.44"))

# ja-15 Unity C# server config
pf, oas = playfab_secret(), openai_svc()
S("ja", "code", T("""// ゲームサーバー連携設定（開発ビルドのみで使用）
namespace Game.Net
{
    public static class ServerConfig
    {
        public const string PlayFabTitleId = "9C4A1";
        public const string PlayFabDeveloperSecretKey = "@@pf@@";
        // NPCセリフ生成
        public const string OpenAIKey = "@@oas@@";
    }
}
""", pf=pf, oas=oas), ("saas_token", pf), ("openai_key", oas))

# ja-16 検証用アカウント一覧
S("ja", "table", """## 検証用アカウント一覧（ステージング）

| No | 氏名 | メールアドレス | 電話番号 | テストカード |
|----|------|----------------|----------|--------------|
| 1 | テスト 太郎 | test.taro@example.co.jp | 050-3188-4420 | 3530 1113 3330 0000 |
| 2 | テスト 花子 | test.hanako@example.co.jp | 070-2231-9984 | 4111-1111-1111-1111 |

※ 有効期限は任意の未来日、CVCは任意の3桁で通ります。
""", *many("email", "test.taro@example.co.jp", "test.hanako@example.co.jp"),
  *many("phone", "050-3188-4420", "070-2231-9984"), ("card", "3530 1113 3330 0000"), ("card", "4111-1111-1111-1111"))

# ja-17 ~/.git-credentials, ~/.netrc, ~/.gem/credentials
gcu = "https://morita-k:" + github() + "@github.com"
hk, rg = uuid4(), rubygems_key()
S("ja", "code", T("""$ cat ~/.git-credentials
@@gcu@@
$ cat ~/.netrc
machine api.heroku.com
  login kenji.morita@example.jp
  password @@hk@@
machine git.heroku.com
  login kenji.morita@example.jp
  password @@hk@@
$ cat ~/.gem/credentials
---
:rubygems_api_key: @@rg@@
""", gcu=gcu, hk=hk, rg=rg),
  ("url_credentials", gcu), ("email", "kenji.morita@example.jp"), ("cloud_token", hk), ("package_registry_token", rg))

# ---- JA hard negatives ----

# ja-n1 notebook reading keys from the environment, masked output
S("ja", "json", notebook([
    ("markdown", "## APIキーの読み込み\nキーはノートブックに直接書かず、環境変数か `getpass` で入力してください。", None),
    ("code", 'import os\nfrom getpass import getpass\n\nOPENAI_API_KEY = os.environ.get("OPENAI_API_KEY") or getpass("OpenAI APIキー: ")\n'
             'masked = OPENAI_API_KEY[:8] + "*" * 20 + OPENAI_API_KEY[-4:]\nprint("使用中のキー:", masked)',
     [stream("stdout", "使用中のキー: sk-proj-********************9fQa\n")]),
    ("code", 'assert "ANTHROPIC_API_KEY" in os.environ, "ANTHROPIC_API_KEY を設定してください"', []),
]))

# ja-n2 Rails encrypted credentials + database.yml with ENV
S("ja", "config", T("""$ cat config/credentials/production.yml.enc
@@blob@@--@@iv@@--@@tag@@
$ grep master.key .gitignore
/config/master.key
/config/credentials/production.key
$ cat config/database.yml | sed -n '/production:/,$p'
production:
  <<: *default
  database: reserve_production
  username: reserve
  password: <%= ENV["RESERVE_DATABASE_PASSWORD"] %>
  host: <%= ENV.fetch("DB_HOST") { "localhost" } %>
""", blob=b64bytes(420), iv=b64bytes(12), tag=b64bytes(16)))

# ja-n3 Info.plist with build-setting substitution + xcconfig template
S("ja", "config", """// Secrets.xcconfig.template — コピーして Secrets.xcconfig を作成し、値を入れてください（Gitには入れない）
GOOGLE_API_KEY = YOUR_GOOGLE_API_KEY_HERE
STAGING_BASIC_AUTH_PASSWORD = <ステージングのパスワード（1Passwordを参照）>

<!-- Info.plist（抜粋）: 値はビルド時に xcconfig から展開される -->
\t<key>GMSApiKey</key>
\t<string>$(GOOGLE_API_KEY)</string>
\t<key>StagingBasicAuthPassword</key>
\t<string>$(STAGING_BASIC_AUTH_PASSWORD)</string>
""")

# ja-n4 Jest: チェックディジット不正なマイナンバー・カード番号
bm1, bm2 = bad_last(jp_mynumber()), bad_last(jp_mynumber())
bj, bv = bad_last(card("jcb")), bad_last(card("visa"))
for v in (bm1, bm2):
    assert not mynumber_valid(v)
for v in (bj, bv):
    assert not luhn_valid(v)
S("ja", "code", T("""// マイナンバー・カード番号バリデーションのテスト（すべてチェックディジットが不正な値）
import { validateMyNumber, validateCard } from '../src/validators';

describe('validateMyNumber', () => {
  it.each(['@@bm1@@', '@@bm2@@'])('チェックディジット不一致は false: %s', (v) => {
    expect(validateMyNumber(v)).toBe(false);
  });
});

describe('validateCard', () => {
  it.each(['@@bj@@', '@@bv@@'])('Luhn 不一致は false: %s', (v) => {
    expect(validateCard(v)).toBe(false);
  });
});
""", bm1=bm1, bm2=fmt_mn(bm2), bj=fmt_card(bj), bv=bv))

# ja-n5 ansible-vault encrypted file and the vars that reference it
S("ja", "config", T("""$ cat group_vars/production/vault.yml
@@vb@@
$ cat group_vars/production/vars.yml
# 実際の値は vault.yml（ansible-vault で暗号化済み）に記載
wordpress_db_password: "{{ vault_wordpress_db_password }}"
smtp_password: "{{ vault_smtp_password }}"
backup_ssh_private_key: "{{ vault_backup_ssh_private_key }}"
""", vb=vault_blob("")))

# ja-n6 Traefik / mosquitto / app config with password hashes only
S("ja", "config", T("""# traefik/dynamic.yml — 管理画面のBasic認証（ハッシュのみ保存）
http:
  middlewares:
    admin-auth:
      basicAuth:
        users:
          - "admin:@@a1@@"
          - "ops:@@b1@@"

# mosquitto/passwd（mosquitto_passwd で生成）
# sensor01:@@b2@@

# app/config/auth.yml — 管理者の初期パスワード（scrypt ハッシュ）
admin_password_hash: "@@sc@@"
""", a1=apr1_h(), b1=bcrypt_h("2y", 5), b2=bcrypt_h("2y", 10), sc=scrypt_h()))

# ja-n7 CloudFormation with dynamic references
S("ja", "config", """AWSTemplateFormatVersion: "2010-09-09"
Description: 予約システム DB（パスワードは Secrets Manager から動的参照）
Parameters:
  Env:
    Type: String
    AllowedValues: [stg, prod]
  AlertTopicArn:
    Type: String
    NoEcho: true
    Description: 直接入力しないこと。デフォルト値なし。
Resources:
  ReserveDB:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t4g.medium
      AllocatedStorage: "100"
      MasterUsername: '{{resolve:secretsmanager:prod/reserve/db:SecretString:username}}'
      MasterUserPassword: '{{resolve:secretsmanager:prod/reserve/db:SecretString:password}}'
  NotifyFunction:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: !Sub arn:aws:iam::${AWS::AccountId}:role/reserve-notify
      Environment:
        Variables:
          LINE_TOKEN_PARAM: /reserve/prod/line-channel-token
          DB_SECRET_ARN: !Sub arn:aws:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:prod/reserve/db
""")

# ja-n8 デプロイログ（コミットSHA・トレースID・UUID）
S("ja", "log", T("""2024-11-22T01:02:03.456Z INFO  デプロイ開始 commit=@@c@@ branch=main actor=ci
2024-11-22T01:02:05.112Z INFO  イメージ取得 registry.example.co.jp/reserve/api@sha256:@@d@@
2024-11-22T01:02:09.874Z INFO  マイグレーション完了 version=20241121093000 request_id=@@u@@
2024-11-22T01:02:10.001Z INFO  listening on 0.0.0.0:8080 (health: http://127.0.0.1:8080/healthz)
2024-11-22T01:02:12.330Z WARN  応答遅延 trace_id=@@t@@ span_id=@@s@@ duration_ms=1840
2024-11-22T01:02:12.331Z INFO  ETag: "@@e@@" キャッシュ更新
""", c=rnd(HEX, 40), d=sha256hex(), u=uuid4(), t=rnd(HEX, 32), s=rnd(HEX, 16), e=rnd(HEX, 32)))

write_corpus(OUT, sys.argv[1])
