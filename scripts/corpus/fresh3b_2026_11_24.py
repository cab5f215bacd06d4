"""Fresh set 3b (2026-11-24): written by a helper who read only fakegen.py, never the rules;
scored once on the unchanged rules before any fix (docs/detection.md, "Fresh set 3").

Values are generated (fake): see fakegen.py. Usage: python3 fresh3b_2026_11_24.py OUT.jsonl
"""
import sys, json, string
import os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *

seed(3102)
OUT = []
S = sample_adder(OUT, "f3b")
D = string.digits

# ---------- helpers ----------
def n(k): return rnd(D, k)
def kr_mobile(sep="-"):
    return f"010{sep}{R.randint(2000,9999)}{sep}{n(4)}"
def kr_land():
    return R.choice([f"02-{R.randint(200,999)}-{n(4)}", f"031-{R.randint(200,999)}-{n(4)}", f"051-{R.randint(200,999)}-{n(4)}"])
def jp_mobile(sep="-"):
    return f"{R.choice(['090','080','070'])}{sep}{R.randint(1000,9999)}{sep}{n(4)}"
def jp_land():
    return R.choice([f"03-{R.randint(3000,6999)}-{n(4)}", f"06-{R.randint(6000,6999)}-{n(4)}", f"045-{R.randint(200,999)}-{n(4)}"])
def us_phone():
    return f"({R.randint(201,989)}) {R.randint(201,989)}-{n(4)}"
def uk_mobile():
    return f"+44 7{R.randint(400,999)} {n(6)}"
def ip10(): return f"10.{R.randint(0,255)}.{R.randint(0,255)}.{R.randint(2,254)}"
def ip192(): return f"192.168.{R.randint(0,254)}.{R.randint(2,254)}"
def ip172(): return f"172.{R.randint(16,31)}.{R.randint(0,255)}.{R.randint(2,254)}"
def ippub(): return f"{R.choice([34,52,13,211,121,133,61,180])}.{R.randint(1,254)}.{R.randint(0,254)}.{R.randint(2,254)}"
def ip6(): return f"2406:da14:{rnd(HEX,3)}:{rnd(HEX,4)}:{rnd(HEX,4)}:{rnd(HEX,3)}:{rnd(HEX,4)}:{rnd(HEX,4)}"
def body_line(p): return p.split("\n")[1]
def body_line_esc(p): return p.split("\\n")[1]
def uuid(): return f"{rnd(HEX,8)}-{rnd(HEX,4)}-4{rnd(HEX,3)}-a{rnd(HEX,3)}-{rnd(HEX,12)}"
def sha(k=40): return rnd(HEX, k)
def j(o): return json.dumps(o, ensure_ascii=False, indent=2)
def jc(o): return json.dumps(o, ensure_ascii=False)

# =================== KOREAN (70) ===================
L = "ko"
# 1 chat: rrn + phone
r = kr_rrn(1987); p = kr_mobile()
S(L, "chat", f"팀장님 요청하신 신규 입사자 정보입니다. 김서연, 주민번호 {r}, 연락처 {p}. 4대보험 신고 때 쓰시면 돼요.", ("kr_rrn", r), ("phone", p))
# 2 negative: masked rrn, business number
S(L, "support_ticket", "[문의] 회원정보 수정이 안돼요\n주민번호 뒷자리가 880412-1****** 로 표시되는데 이게 맞나요? 사업자등록번호 214-86-51732 로 법인 전환했습니다. 처리 부탁드립니다.")
# 3 email + phone no sep
e = "jiwoo.park82@naver.com"; p = kr_mobile("")
S(L, "chat", f"제 메일은 {e}이고 폰은 {p}이에요~ 문자 주시면 바로 확인할게요", ("email", e), ("phone", p))
# 4 config .env with password and aws
ak = aws_key_id(); sk = aws_secret(); pw = password()
S(L, "config", f"# 운영 서버 설정 (절대 커밋 금지!!)\nDB_HOST={ip10()}\nDB_USER=svc_order\nDB_PASSWORD={pw}\nAWS_ACCESS_KEY_ID={ak}\nAWS_SECRET_ACCESS_KEY={sk}\nAWS_REGION=ap-northeast-2\n", ("password", pw), ("aws_access_key", ak), ("aws_secret_key", sk))
OUT[-1]["labels"].insert(0, {"type": "ip_address", "value": OUT[-1]["text"].split("DB_HOST=")[1].split("\n")[0]})
# 5 negative: placeholder env
S(L, "config", "# .env.example — 복사해서 .env 로 쓰세요\nDB_PASSWORD=changeme\nAWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=<여기에_시크릿키_입력>\nOPENAI_API_KEY=sk-...\n")
# 6 card in korean chat
c = card("visa"); cf = fmt_card(c, "-")
S(L, "chat", f"엄마 카드번호 {cf} 유효기간 08/28 이거 쿠팡에 등록해줘", ("card", cf))
# 7 negative: masked card, order number
S(L, "email", "고객님, 주문하신 상품이 발송되었습니다.\n주문번호: 2025112418830472\n결제카드: 신한카드 **** **** **** 3021 (일시불)\n운송장번호: 6892 0413 5527 (CJ대한통운)\n결제금액: 48,900원")
# 8 slack token in chat
t = slack_bot()
S(L, "chat", f"봇 토큰 이거 써요: {t} 채널에 초대하는 것도 잊지 마시고요", ("slack_token", t))
# 9 log line with ip and email
ip = ippub(); e = "choi.minho@kakao.com"
S(L, "log", f"2025-11-24 09:12:44.118 WARN [auth-svc] 로그인 5회 실패 user={e} ip={ip} 계정 잠금 처리", ("email", e), ("ip_address", ip))
# 10 negative: password policy prose
S(L, "chat", "비밀번호 정책 바뀐 거 공지 좀 해주세요. 최소 12자 이상, 대소문자/숫자/특수문자 각각 1개 이상, 90일마다 변경이고 직전 3개는 재사용 불가입니다. 초기 비번은 문자로 따로 보내드릴게요.")
# 11 passport-like: foreign data - us ssn pasted
ssn = us_ssn(); p = us_phone()
S(L, "support_ticket", f"미국 지사 직원 급여 이체 건입니다. 이름 Daniel Kim / SSN {ssn} / 현지 연락처 {p}. 원천징수 서류에 기재 필요합니다.", ("us_ssn", ssn), ("phone", p))
# 12 github token in shell history
g = github()
S(L, "shell", f"  501  cd ~/work/api-gateway\n  502  export GITHUB_TOKEN={g}\n  503  gh repo clone hanbit-corp/settlement\n  504  git log --oneline | head", ("github_token", g))
# 13 negative: git sha, uuid
S(L, "log", f"배포 완료: commit {sha()} (v2.14.3-rc.1), request_id={uuid()}, 빌드 번호 #48213, 소요 시간 3m12s")
# 14 kr rrn without hyphen in form
r = kr_rrn(1995).replace("-", "")
S(L, "html_form", f'<form action="/apply" method="post">\n  <input name="name" value="이하늘">\n  <input name="jumin" value="{r}">\n  <input name="zip" value="06236">\n</form>', ("kr_rrn", r))
# 15 openai key in korean question
k = openai_proj()
S(L, "chat", f"파이썬에서 openai 호출하면 401 나와요 ㅠㅠ 키는 {k} 이거 넣었는데 뭐가 문젠가요?", ("openai_key", k))
# 16 negative: masked openai key
S(L, "chat", "대시보드 보니까 키가 sk-proj-…Xa9f 로 끝나는 거 하나 있던데, 이거 폐기해도 되나요? 실제 값은 1Password 금고에 있어요.")
# 17 anthropic in json request body (korean user turn)
k = anthropic(); e = "ops-alert@hanbit.co.kr"
S(L, "json_llm", j({"model": "claude-sonnet-4-5", "max_tokens": 1024, "messages": [{"role": "user", "content": [{"type": "text", "text": f"이 설정 파일에서 문제를 찾아줘:\nANTHROPIC_API_KEY={k}\nALERT_MAIL={e}"}]}]}), ("anthropic_key", k), ("email", e))
# 18 iban foreign pasted
ib = iban("DE"); ibs = iban_spaced(ib)
S(L, "email", f"안녕하세요, 독일 거래처 송금 정보 전달드립니다.\n수취인: Müller GmbH\nIBAN: {ibs}\nBIC: COBADEFFXXX\n금액: EUR 12,400.00\n확인 부탁드립니다.", ("iban", ibs))
# 19 negative: kr bank account (not a listed type), zip, amount
S(L, "chat", "회비는 카카오뱅크 3333-12-4456781 (예금주 박지민) 으로 보내주세요. 1인당 35,000원이고 우편번호 04524 주소로 영수증 보내드려요.")
# 20 jwt in curl
t = jwt()
S(L, "shell", f'curl -H "Authorization: Bearer {t}" https://api.hanbit.co.kr/v1/orders?page=2  # 토큰 만료 확인용', ("jwt", t))
# 21 negative: jwt placeholder and env ref
S(L, "code", '// 토큰은 환경변수에서 읽기\nconst token = process.env.API_TOKEN;\nfetch(url, { headers: { Authorization: `Bearer ${token}` } });\n// 예: Bearer <JWT_TOKEN>')
# 22 password in korean chat with particle
pw = password()
S(L, "chat", f"와이파이 비번 {pw}야. 게스트용은 따로 없어", ("password", pw))
# 23 postgres url creds
pw = password_random(16); ip = ip172()
S(L, "config", f"spring:\n  datasource:\n    url: jdbc:postgresql://{ip}:5432/settle\n    username: settle_app\n    password: {pw}\n  jpa:\n    show-sql: false", ("ip_address", ip), ("password", pw))
# 24 negative: yaml template refs
S(L, "config", "spring:\n  datasource:\n    url: jdbc:postgresql://${DB_HOST}:5432/settle\n    username: ${DB_USER}\n    password: ${DB_PASSWORD}\n# 값은 Vault에서 주입됨")
# 25 kakao/korean landline + email in signature
p = kr_land(); p2 = kr_mobile("."); e = "sh.lee@dongbang-logis.com"
S(L, "email", f"감사합니다.\n\n이승훈 과장 | 동방로지스 물류기획팀\nT. {p}  M. {p2}\nE. {e}\n서울특별시 중구 세종대로 110", ("phone", p), ("phone", p2), ("email", e))
# 26 negative: imei, serial
S(L, "support_ticket", "휴대폰 분실 신고합니다. 기종 갤럭시 S24, IMEI 356938035643809, 일련번호 R5CW71ABCDE. 개통일 2024-03-11. 위치 추적 가능한가요?")
# 27 google api key in JS
k = google_key()
S(L, "code", f'// 지도 초기화\nconst map = new google.maps.Map(el, {{ center: {{ lat: 37.5665, lng: 126.978 }}, zoom: 14 }});\nloader.load({{ apiKey: "{k}" }}); // TODO 키 분리', ("google_api_key", k))
# 28 negative: coordinates, hex colors, version
S(L, "code", "const theme = { primary: '#1E88E5', accent: '#FFC107' };\n// 매장 위치 37.49794, 127.02762 (강남역)\nexport const VERSION = '3.12.0-beta.4';")
# 29 foreign jp mynumber pasted in korean
mn = jp_mynumber()
S(L, "chat", f"일본 법인 직원 마이넘버 받았어요: {mn}. 연말정산 서류에 넣어주세요.", ("jp_mynumber", mn))
# 30 telegram token
t = telegram()
S(L, "code", f'import telebot\n\n# 알림봇\nbot = telebot.TeleBot("{t}")\n\n@bot.message_handler(commands=["start"])\ndef start(m):\n    bot.reply_to(m, "안녕하세요!")', ("telegram_token", t))
# 31 negative: bcrypt hash + sha256
S(L, "log", "회원 테이블 덤프 일부\nid=1042 email_verified=Y pw_hash=$2b$12$Kq3vQk9sW1yZ0uJxF7m2LeQ1bT8nV4rC6pD5aG9hI0jK2lM3nO4pq\nfile_sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
# 32 ipv6 + ipv4 in log
a = ip6(); b = ip10()
S(L, "log", f"[nginx] {a} - - [24/Nov/2025:10:02:11 +0900] \"GET /api/v2/me HTTP/2\" 200 512 upstream={b}:8080", ("ip_address", a), ("ip_address", b))
# 33 negative: loopback/doc ranges
S(L, "chat", "로컬에서는 127.0.0.1:3000 으로 띄우고, 문서 예시에는 192.0.2.10 이랑 2001:db8::1 쓰면 돼요. 서브넷 마스크는 255.255.255.0 입니다.")
# 34 stripe secret + publishable (near miss)
sk = stripe("sk_live_"); pk = stripe("pk_live_")
S(L, "config", f"# 결제 모듈\nSTRIPE_PUBLISHABLE_KEY={pk}\nSTRIPE_SECRET_KEY={sk}\n", ("stripe_key", sk))
# 35 negative: tracking / ISBN / EAN
S(L, "chat", "책 주문했는데 ISBN 9788966262472 이거 맞죠? 바코드는 8801234567893 이고 우체국 등기번호 6071234567890 로 조회돼요.")
# 36 korean phone international
p = f"+82 10-{R.randint(2000,9999)}-{n(4)}"
S(L, "chat", f"해외에서 연락하실 땐 {p} 로 해주세요. 카톡은 안 될 수도 있어요.", ("phone", p))
# 37 RRN in CSV
r1 = kr_rrn(1972); r2 = kr_rrn(2003); p1 = kr_mobile(); p2 = kr_mobile()
S(L, "csv", f"이름,주민등록번호,휴대폰,부서\n정우성,{r1},{p1},영업1팀\n한지민,{r2},{p2},인사팀\n", ("kr_rrn", r1), ("phone", p1), ("kr_rrn", r2), ("phone", p2))
# 38 negative: csv masked
S(L, "csv", "이름,주민등록번호,휴대폰\n정우성,720315-1******,010-****-5521\n한지민,030822-4******,010-****-0917\n")
# 39 discord webhook
w = discord_webhook()
S(L, "config", f'[alert]\nchannel = "서버-모니터링"\nwebhook_url = "{w}"\nlevel = "error"', ("discord_webhook", w))
# 40 negative: discord invite, url
S(L, "chat", "디스코드 서버 초대 링크 https://discord.gg/hanbitdev 여기로 들어오세요. 웹훅은 관리자만 만들 수 있어요.")
# 41 gitlab token shell
g = gitlab()
S(L, "shell", f"git clone https://oauth2:{g}@gitlab.hanbit.co.kr/platform/infra.git", ("gitlab_token", g))
# 42 nl_bsn, foreign hr
bsn = nl_bsn(); ib = iban("NL")
S(L, "email", f"네덜란드 파견자 정보입니다.\n- BSN: {bsn}\n- 급여계좌: {ib}\n- 비자 만료: 2026-06-30", ("nl_bsn", bsn), ("iban", ib))
# 43 negative: placeholder token in docs
S(L, "markdown", "## 설치\n1. `.npmrc` 에 `//registry.npmjs.org/:_authToken=${NPM_TOKEN}` 추가\n2. GitHub Actions 에서는 `${{ secrets.NPM_TOKEN }}` 사용\n3. 토큰 형식은 `npm_xxxxxxxxxxxxxxxx` 입니다")
# 44 npm token real
t = npm()
S(L, "config", f"//registry.npmjs.org/:_authToken={t}\n@hanbit:registry=https://npm.pkg.github.com\n", ("npm_token", t))
# 45 HF token in korean
t = hf()
S(L, "chat", f"모델 다운로드할 때 허깅페이스 토큰 {t}을 넣으면 됩니다. read 권한만 있어요.", ("huggingface_token", t))
# 46 negative: ssh public key
S(L, "config", "# authorized_keys\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMx4tKq9b8Yw3Lr0vQh5Jd2uN7pG1sF6eR8cA0zT9yWk deploy@hanbit-ci\n# 공개키라서 공유해도 괜찮음")
# 47 private key pem in chat
pk = pem("ec"); bl = body_line(pk)
S(L, "chat", f"서버 접속용 키 붙여넣을게요\n{pk}\n이거 ~/.ssh 에 넣고 chmod 600 하세요", ("private_key", bl))
# 48 negative: certificate
S(L, "config", "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ7l2Vb0YzW5dHk8oT3nUe4XvQ1AwCgYIKoZIzj0EAwIw\nLzELMAkGA1UEBhMCS1IxIDAeBgNVBAoMF0hhbmJpdCBJbnRlcm5hbCBSb290IENB\n-----END CERTIFICATE-----\n# 사내 루트 인증서 (공개용)")
# 49 aadhaar + sg nric foreign
ad = aadhaar(); ads = f"{ad[:4]} {ad[4:8]} {ad[8:]}"; nr = sg_nric()
S(L, "support_ticket", f"해외 고객 KYC 서류 확인 요청\n인도 고객 Aadhaar: {ads}\n싱가포르 고객 NRIC: {nr}\n원본 스캔본은 드라이브에 업로드함", ("in_aadhaar", ads), ("sg_nric", nr))
# 50 negative: order / invoice with luhn-valid number
inv = luhn_number(16)
S(L, "email", f"[세금계산서] 승인번호 {inv[:8]}-{inv[8:]} / 공급가액 1,250,000원 / 부가세 125,000원 / 발행일 2025.11.20")
# 51 openai gemini body korean
k = google_key(); r = kr_rrn(1990)
S(L, "json_llm", j({"contents": [{"role": "user", "parts": [{"text": f"아래 신청서 내용을 요약해줘. 성명 오지훈 주민등록번호 {r} 신청사유 전세자금대출"}]}], "generationConfig": {"temperature": 0.2}}), ("kr_rrn", r))
# 52 negative json llm
S(L, "json_llm", j({"model": "gpt-4o-mini", "messages": [{"role": "system", "content": "너는 친절한 상담원이야."}, {"role": "user", "content": "비밀번호를 잊어버렸는데 어떻게 재설정하나요? 주문번호는 20251124-0093 이에요."}]}))
# 53 password Korean slang
pw = password_random(12)
S(L, "chat", f"ㅇㅇ 관리자 계정 admin / {pw} 로 들어가면 됨. 들어가서 바로 바꿔", ("password", pw))
# 54 negative: reading password from file/env
S(L, "shell", "mysql -u root -p\"$(cat /run/secrets/mysql_root)\" -h db.internal\nexport PGPASSWORD=$(vault kv get -field=password secret/pg)\n# 비번은 파일/볼트에서만 읽기")
# 55 azure key
k = azure_storage_key()
S(L, "config", f"AZURE_STORAGE_ACCOUNT=hanbitlogs\nAZURE_STORAGE_KEY={k}\n# 스토리지 계정 키 - 분기마다 교체", ("azure_key", k))
# 56 negative: base64 image
S(L, "html", '<img alt="로고" src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAGUlEQVR42mNkYPhfz0AEYBxVSF+FAP5FDvcfRYWgAAAAAElFTkSuQmCC">')
# 57 sendgrid saas
k = sendgrid()
S(L, "code", f'# 메일 발송\nsg = SendGridAPIClient("{k}")\nsg.send(Mail(from_email="noreply@hanbit.co.kr", to_emails=user_email, subject="가입을 환영합니다"))', ("saas_token", k), ("email", "noreply@hanbit.co.kr"))
# 58 negative: timestamps, build number, phone-like product code
S(L, "log", "2025-11-24T01:33:09.551Z build=20251124.0133 model=SM-S928N fw=S928NKSU2AXK1 part_no=010-2231-7781-KR 재고 12")
# 59 uk_nino & de steuer foreign
ni = uk_nino(); st = de_steuer_id()
S(L, "email", f"영국/독일 주재원 세무 정보\nNI number: {ni}\nSteuer-ID: {st}\n세무사 전달용입니다.", ("uk_nino", ni), ("de_steuer_id", st))
# 60 ai_api_key groq
k = groq()
S(L, "config", f"LLM_PROVIDER=groq\nGROQ_API_KEY={k}\nLLM_MODEL=llama-3.1-70b", ("ai_api_key", k))
# 61 negative: kr corporate reg no
S(L, "email", "법인등록번호 110111-2345678, 사업자등록번호 120-81-47521 인 (주)한빛로지스와 계약서를 체결합니다. 계약번호 HB-2025-1187.")
# 62 kr phone w/ particle in chat, jp landline
p = kr_mobile(); 
S(L, "chat", f"배송기사님 번호가 {p}인데 안 받으세요. 다시 걸어볼게요.", ("phone", p))
# 63 generic secret webhook secret
s = high_entropy(32)
S(L, "config", f"# 토스 웹훅 서명 검증\nWEBHOOK_SIGNING_SECRET={s}\nWEBHOOK_PATH=/hooks/payment", ("generic_secret", s))
# 64 negative: pagination cursor, etag
S(L, "json", j({"data": [], "next_cursor": "eyJpZCI6MTA0MiwidHMiOjE3NjM5MDB9", "etag": "W/\"5f3a-1a2b3c\"", "message": "더 이상 결과가 없습니다"}))
# 65 es dni + it cf foreign customers
dn = es_dni(); cf = it_cf()
S(L, "markdown", f"| 고객 | 국가 | 신분증번호 |\n|---|---|---|\n| Lucía García | ES | {dn} |\n| Marco Rossi | IT | {cf} |", ("es_dni", dn), ("it_codice_fiscale", cf))
# 66 negative: prose about password without value
S(L, "chat", "어제 비번 바꿨는데 기억이 안 나요 ㅠㅠ 포스트잇에 적어놨는데 그걸 잃어버렸어요. 재설정 메일 다시 보내주실 수 있나요?")
# 67 fr nir
nir = fr_nir()
S(L, "support_ticket", f"프랑스 직원 건강보험 등록: numéro de sécurité sociale {nir}. 서류 보완 요청드립니다.", ("fr_nir", nir))
# 68 negative: uuid / api key placeholder in korean docs
S(L, "markdown", f"API 호출 시 헤더에 `X-API-Key: <발급받은_키>` 를 넣으세요. 요청 ID 예시: `{uuid()}`. 키는 절대 코드에 하드코딩하지 마세요.")
# 69 card jcb no sep in ocr
c = card("mc")
S(L, "ocr", f"신용카드 매출전표\n카드번호 {c}\n승인번호 30418852\n거래일시 2025/11/23 19:42\n합계 27,500", ("card", c))
# 70 negative: ocr masked card
S(L, "ocr", "영 수 증\n카드종류 국민카드\n카드번호 9430-12**-****-5521\n할부 00\n승인 71283349\n금액 13,000")

# =================== JAPANESE (70) ===================
L = "ja"
# 1 mynumber + phone in chat
mn = jp_mynumber(); p = jp_mobile()
S(L, "chat", f"年末調整の件です。私のマイナンバーは{mn}、携帯は{p}です。よろしくお願いします。", ("jp_mynumber", mn), ("phone", p))
# 2 negative: 法人番号 & 郵便番号
S(L, "email", "株式会社みなと商事（法人番号 7010401012345）\n〒105-0011 東京都港区芝公園4-2-8\n請求書番号 INV-2025-11-0342\nお支払期限：2025年12月25日")
# 3 bank transfer + landline
p = jp_land(); e = "keiri@minato-shoji.co.jp"
S(L, "email", f"お世話になっております。経理部の佐藤です。\n下記口座へお振込みをお願いいたします。\n三井住友銀行 渋谷支店 普通 1234567 ミナトシヨウジ（カ\nご不明点は{p}または{e}までご連絡ください。", ("phone", p), ("email", e))
# 4 mynumber with spaces in form
mn = jp_mynumber(); mns = f"{mn[:4]} {mn[4:8]} {mn[8:]}"
S(L, "html_form", f'<label>個人番号（マイナンバー）</label>\n<input type="text" name="my_number" value="{mns}">\n<label>氏名</label><input name="name" value="山田 太郎">', ("jp_mynumber", mns))
# 5 negative: masked mynumber
S(L, "support_ticket", "マイナンバーカードの登録で「番号が一致しません」と出ます。画面には ****-****-1234 と表示されています。カードの有効期限は2029年3月です。")
# 6 jcb card w/ particle
c = card("jcb"); cf = fmt_card(c, " ")
S(L, "chat", f"カード番号は{cf}で、有効期限は11/27です。セキュリティコードは別で送ります", ("card", cf))
# 7 negative: masked card + order
S(L, "email", "ご注文ありがとうございます。\nご注文番号：503-4829117-2290643\nお支払い方法：JCB（末尾 4421）\n配送業者：ヤマト運輸 伝票番号 4563-2289-1057\n商品代金 ¥3,980（税込）")
# 8 aws creds in shell history
ak = aws_key_id(); sk = aws_secret()
S(L, "shell", f"$ aws configure\nAWS Access Key ID [None]: {ak}\nAWS Secret Access Key [None]: {sk}\nDefault region name [None]: ap-northeast-1\nDefault output format [None]: json", ("aws_access_key", ak), ("aws_secret_key", sk))
# 9 negative: AWS docs example
S(L, "markdown", "### 認証情報の設定\n`~/.aws/credentials` に以下のように記載します（値はダミーです）。\n```\n[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n```")
# 10 password in chat japanese particle
pw = password()
S(L, "chat", f"共有フォルダのパスワードは{pw}です。今週中に変更予定なので、メモしないでください。", ("password", pw))
# 11 negative: password policy
S(L, "email", "【情報システム部より】パスワードは8文字以上で英大文字・小文字・数字・記号をすべて含めてください。前回と同じパスワードは使用できません。初期パスワードは別途郵送します。")
# 12 slack webhook
w = slack_webhook()
S(L, "code", f'import requests\n\n# 夜間バッチ失敗通知\nWEBHOOK = "{w}"\nrequests.post(WEBHOOK, json={{"text": "バッチが失敗しました"}})', ("slack_webhook", w))
# 13 negative: slack url placeholder
S(L, "config", "notify:\n  slack_webhook: \"{{ .Values.slack.webhookUrl }}\"\n  channel: \"#運用通知\"\n# 例: https://hooks.slack.com/services/XXXXX/XXXXX/XXXXXXXX")
# 14 ip in log japanese
ip = ip192(); ip2 = ippub()
S(L, "log", f"2025/11/24 10:15:33 [エラー] 接続拒否 src={ip2} dst={ip}:22 ルール=deny-ssh-external", ("ip_address", ip2), ("ip_address", ip))
# 15 negative: version & OID
S(L, "log", "OpenSSL 3.0.13 30 Jan 2024 / 証明書ポリシー OID 1.3.6.1.4.1.311.21.8.1 / ビルド 24.11.3.1021 / アップタイム 12:03:44")
# 16 openai key in json body
k = openai_legacy(); mn = jp_mynumber()
S(L, "json_llm", j({"model": "gpt-4o", "messages": [{"role": "system", "content": "あなたは社内ヘルプデスクです。"}, {"role": "user", "content": f"OPENAI_API_KEY={k} をenvに入れたのに動きません。ついでに私のマイナンバー{mn}の登録方法も教えて"}]}), ("openai_key", k), ("jp_mynumber", mn))
# 17 ollama body with phone
p = jp_mobile("")
S(L, "json_llm", jc({"model": "llama3.1:8b", "prompt": f"次の問い合わせに返信文を書いて：配送日を変更したいです。電話番号は{p}です。", "stream": False}), ("phone", p))
# 18 negative ollama
S(L, "json_llm", jc({"model": "qwen2.5:14b", "messages": [{"role": "user", "content": "UUIDとは何ですか？例：550e8400-e29b-41d4-a716-446655440000"}], "options": {"num_ctx": 8192}}))
# 19 github pat in issue
g = github_pat()
S(L, "support_ticket", f"CIが403で落ちます。使っているトークンは {g} です（fine-grained）。権限はContents: Read-onlyです。", ("github_token", g))
# 20 negative: masked gh
S(L, "chat", "トークンは ghp_**** で始まるやつです。値はSlackに貼らないでください、1Passwordの「CI用」にあります。")
# 21 +81 phone
p = f"+81-90-{R.randint(1000,9999)}-{n(4)}"
S(L, "email", f"Dear Mr. Tanaka,\n出張中は携帯 {p} にご連絡ください。\nBest regards,\nKenji", ("phone", p))
# 22 docker-compose with password
pw = password_random(18)
S(L, "config", f"services:\n  db:\n    image: mysql:8.0\n    environment:\n      MYSQL_ROOT_PASSWORD: \"{pw}\"\n      MYSQL_DATABASE: shop\n    ports:\n      - \"3306:3306\"  # 本番では閉じること", ("password", pw))
# 23 negative docker-compose env ref
S(L, "config", "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/pg_pw\n      POSTGRES_USER: ${PG_USER:-app}\n# パスワードはsecretsから読み込み")
# 24 redis url creds
pw = password_random(20); ip = ip10()
S(L, "config", f"REDIS_URL=redis://default:{pw}@{ip}:6379/0\nCACHE_TTL=300", ("url_credentials", pw), ("ip_address", ip))
# 25 negative sha digests, SRI
S(L, "html", '<script src="https://cdn.jsdelivr.net/npm/bootstrap@5.3.3/dist/js/bootstrap.bundle.min.js" integrity="sha384-YvpcrYf0tY3lHB60NNkmXc5s9fDVZLESaAA55NDzOxhy9GkcIdslK1eN7N6jIeHz" crossorigin="anonymous"></script>\n<!-- 改修日 2025-11-20 -->')
# 26 jwt in cookie log
t = jwt({"sub": "u_88213", "name": "鈴木", "iat": 1763901234})
S(L, "log", f"[DEBUG] Cookie: session={t}; lang=ja", ("jwt", t))
# 27 anthropic tool_result with data
k = anthropic(); e = "yuki.nakamura@sakura-tech.jp"; p = jp_mobile()
S(L, "json_llm", j({"model": "claude-opus-4-1", "max_tokens": 2048, "messages": [
    {"role": "user", "content": "顧客情報を検索して"},
    {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_01A", "name": "crm_lookup", "input": {"query": "中村 由紀"}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_01A", "content": f"氏名: 中村由紀\nメール: {e}\n電話: {p}\n会員ランク: ゴールド"}]}]}), ("email", e), ("phone", p))
# 28 negative: tool_use ids
S(L, "json_llm", j({"model": "claude-haiku-4-5", "max_tokens": 512, "messages": [{"role": "user", "content": [{"type": "text", "text": "この請求書番号 INV-009812 の状態を教えて。追跡番号は 1Z999AA10123456784 です。"}]}]}))
# 29 private key (rsa traditional) in chat
pk = pem_rsa_traditional(); bl = body_line(pk)
S(L, "chat", f"踏み台サーバーの鍵です、すぐ消します\n{pk}", ("private_key", bl))
# 30 negative: pgp public key
S(L, "email", "公開鍵を添付します。\n-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmDMEZT3x9hYJKwYBBAHaRw8BAQdAq7H2vX0mNn5Jr8c1pQwL9eT3uY2kZ4sB6dF0\ntCBUYW5ha2EgSGlyb3NoaSA8aGlyb0BleGFtcGxlLmpwPg==\n-----END PGP PUBLIC KEY BLOCK-----")
# 31 discord bot token
t = discord_token()
S(L, "code", f'const {{ Client }} = require("discord.js");\nconst client = new Client({{ intents: [] }});\nclient.login("{t}"); // 開発用ボット', ("discord_token", t))
# 32 negative: discord snowflake ids
S(L, "log", "guild_id=1098765432109876543 channel_id=1187654321098765432 message_id=1311122233344455566 イベント: メッセージ削除")
# 33 korean rrn pasted in japanese
r = kr_rrn(1992)
S(L, "chat", f"韓国支社の金さんの住民登録番号は{r}です。ビザ申請書類に記入してください。", ("kr_rrn", r))
# 34 iban GB
ib = iban("GB"); ibs = iban_spaced(ib)
S(L, "email", f"海外送金依頼\n受取人：Oliver Smith\nIBAN：{ibs}\nSWIFT：BARCGB22\n送金額：GBP 3,200", ("iban", ibs))
# 35 negative: spreadsheet with prices
S(L, "spreadsheet", "品番\t品名\t単価\t数量\n4901234567894\tボールペン 黒\t¥120\t50\n4909876543217\tノート A5\t¥280\t30\n合計\t\t¥14,400")
# 36 stripe restricted key
k = stripe("rk_live_")
S(L, "config", f"[payment]\nprovider = \"stripe\"\napi_key = \"{k}\"\nwebhook_tolerance = 300", ("stripe_key", k))
# 37 negative: stripe test publishable + placeholder
S(L, "code", "// フロント用（公開してOK）\nconst stripe = Stripe('pk_test_TYooMQauvdEDq54NiTphI7jx');\n// サーバー側は process.env.STRIPE_SECRET_KEY を使用")
# 38 us ssn in japanese
ssn = us_ssn()
S(L, "support_ticket", f"米国駐在員のW-2作成依頼です。SSN：{ssn}、氏名：John Watanabe。", ("us_ssn", ssn))
# 39 shopify token
t = shopify()
S(L, "config", f"SHOPIFY_STORE=wa-goods.myshopify.com\nSHOPIFY_ADMIN_TOKEN={t}", ("saas_token", t))
# 40 negative: hex colours, coordinates
S(L, "code", "/* ブランドカラー */\n:root { --main: #E60012; --sub: #0068B7; }\n/* 東京駅 35.681236, 139.767125 */")
# 41 pypi token
t = pypi()
S(L, "config", f"[distutils]\nindex-servers = pypi\n\n[pypi]\nusername = __token__\npassword = {t}", ("package_registry_token", t))
# 42 negative: twine env
S(L, "shell", "# アップロード（トークンは環境変数から）\nTWINE_USERNAME=__token__ TWINE_PASSWORD=\"$PYPI_TOKEN\" twine upload dist/*")
# 43 email with japanese particle
e = "t.kobayashi@gmail.com"
S(L, "chat", f"資料は{e}に送ってもらえますか？社用メールは容量がいっぱいで。", ("email", e))
# 44 OCR text of 個人番号カード with phone
mn = jp_mynumber(); p = jp_land()
S(L, "ocr", f"個人番号カード\n氏名 高橋 花子\n個人番号 {mn}\n住所 大阪府大阪市北区梅田1-1-3\n連絡先 {p}", ("jp_mynumber", mn), ("phone", p))
# 45 negative: 12-digit non-mynumber values
S(L, "log", "注文ID=202511240001 会員ID=100048213377 JANコード=4901777018686 処理時間=1203ms")
# 46 gcp service account json
sa, key = gcp_sa_json("sakura-ml-prod"); bl = body_line_esc(key); ce = "ci-deployer@sakura-ml-prod.iam.gserviceaccount.com"
S(L, "chat", f"このサービスアカウントでBigQueryに繋がりません。JSONを貼ります：\n{sa}", ("gcp_credentials", bl), ("private_key", bl), ("email", ce))
# 47 negative: gcp sa without key
S(L, "config", '{\n  "type": "service_account",\n  "project_id": "demo-project",\n  "private_key_id": "REDACTED",\n  "private_key": "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n",\n  "client_email": "${SA_EMAIL}"\n}')
# 48 azure client secret
s = azure_client_secret()
S(L, "config", f"AZURE_TENANT_ID={uuid()}\nAZURE_CLIENT_ID={uuid()}\nAZURE_CLIENT_SECRET={s}", ("azure_key", s))
# 49 negative: azure ids only
S(L, "config", f"subscription_id = \"{uuid()}\"\ntenant_id       = \"{uuid()}\"\nresource_group  = \"rg-jp-east-prod\"\n# シークレットは Key Vault 参照")
# 50 mixed: uk phone + nino in JP
p = uk_mobile(); ni = uk_nino()
S(L, "email", f"ロンドン採用者の情報：電話 {p}、National Insurance番号 {ni}。雇用契約書に記載をお願いします。", ("phone", p), ("uk_nino", ni))
# 51 gemini body w/ card
c = card("amex"); cf = fmt_card(c, " ")
S(L, "json_llm", j({"contents": [{"role": "user", "parts": [{"text": "このメールを丁寧な日本語に直して"}, {"text": f"カード {cf} で払ったけど二重に請求されてる。すぐ返金して。"}]}]}), ("card", cf))
# 52 negative gemini
S(L, "json_llm", j({"contents": [{"role": "user", "parts": [{"text": "電話番号の正規表現を書いて。形式は 0X0-XXXX-XXXX です。"}]}], "generationConfig": {"maxOutputTokens": 400}}))
# 53 generic secret client_secret (LINE channel secret)
s = rnd(HEX, 32)
S(L, "config", f"LINE_CHANNEL_ID=2006123456\nLINE_CHANNEL_SECRET={s}\n# チャネルシークレットは再発行済み", ("generic_secret", s))
# 54 negative: hash-like but md5 of file
S(L, "log", "ファイル検証OK md5=5d41402abc4b2a76b9719d911017c592 size=1048576 path=/data/export/2025-11-24.csv")
# 55 password in URL-less CLI flag
pw = password()
S(L, "shell", f"mysqldump -u backup -p'{pw}' --single-transaction shop > shop_$(date +%F).sql", ("password", pw))
# 56 negative: prose about forgetting
S(L, "chat", "パスワードを3回間違えてロックされました。リセットのリンクを送ってもらえますか？ちなみに前のパスワードは誕生日でした…")
# 57 aadhaar + es nie foreign in JP table
ad = aadhaar(); ni = es_nie()
S(L, "markdown", f"| 氏名 | 国籍 | ID |\n|---|---|---|\n| Priya Sharma | インド | {ad} |\n| Carlos Ruiz | スペイン | {ni} |", ("in_aadhaar", ad), ("es_dni", ni))
# 58 negative: big numbers in table
S(L, "markdown", "| 項目 | 値 |\n|---|---|\n| 売上 | 123,456,789円 |\n| 会員数 | 48,213 |\n| 前年比 | +12.4% |\n| 集計日時 | 2025-11-24 09:00 |")
# 59 datadog / saas
k = rnd(HEX, 32)
S(L, "config", f"# datadog.yaml\napi_key: {k}\nsite: ap1.datadoghq.com\nlogs_enabled: true", ("saas_token", k))
# 60 negative: datadog template
S(L, "config", "# datadog.yaml\napi_key: <DD_API_KEY>\nsite: ap1.datadoghq.com\nhostname: ${HOSTNAME}")
# 61 cloud token digitalocean
t = do_token()
S(L, "shell", f"doctl auth init --access-token {t}", ("cloud_token", t))
# 62 negative: tracking / phone-like shipping
S(L, "chat", "佐川の問い合わせ番号 3601-2245-8893 で追跡できます。再配達の依頼は電話ではなくWebからお願いします。")
# 63 hmm phone free dial? (labelled) + email
p = f"0120-{R.randint(100,999)}-{n(3)}"; e = "support@kurashi-net.jp"
S(L, "email", f"くらしネット カスタマーセンター\nフリーダイヤル：{p}（平日9時〜18時）\nメール：{e}", ("phone", p), ("email", e))
# 64 negative: ipv4 doc range
S(L, "markdown", "設定例：`server 198.51.100.23;` および `allow 203.0.113.0/24;`。IPv6は `2001:db8:1::10` を使います。")
# 65 replicate ai key + japanese prose
k = replicate()
S(L, "chat", f"画像生成はReplicate使ってます。トークン{k}を環境変数REPLICATE_API_TOKENに入れてください。", ("ai_api_key", k))
# 66 negative: truncated tokens
S(L, "chat", "ログに出てたキーは `r8_Jk3…` と `hf_Ab…` だけで、全部は出てないです。念のためローテーションします。")
# 67 payment token square
t = square()
S(L, "code", f'// Square 決済\nconst client = new Client({{ accessToken: "{t}", environment: Environment.Production }});', ("payment_token", t))
# 68 negative: time, price
S(L, "chat", "明日10:30に品川で。ランチは¥1,200くらい、会議室はB-1203です。")
# 69 sg nric + de steuer in JP
nr = sg_nric(); st = de_steuer_id()
S(L, "support_ticket", f"海外拠点の従業員登録：シンガポール NRIC {nr}、ドイツ Steuer-ID {st}。", ("sg_nric", nr), ("de_steuer_id", st))
# 70 negative: long key-like but argon2 hash
S(L, "config", "# users.yaml\n- name: admin\n  password_hash: \"$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQxMjM0$RdescudvJCsgt3ub+b+dWRWJTmaaJObG\"\n  role: owner")

# =================== ENGLISH (40) ===================
L = "en"
# 1 openai tool_calls arguments with card & email
c = card("visa"); e = "m.oconnor@brightlane.io"
S(L, "json_llm", j({"model": "gpt-4.1", "messages": [
    {"role": "user", "content": "Refund my last order please"},
    {"role": "assistant", "content": None, "tool_calls": [{"id": "call_Qx81", "type": "function", "function": {"name": "issue_refund", "arguments": jc({"email": e, "card_number": c, "amount": 49.99})}}]}]}), ("email", e), ("card", c))
# 2 anthropic with system + api key leak in user text
k = anthropic(); ip = ip10()
S(L, "json_llm", j({"model": "claude-sonnet-4-5", "system": "You are a DevOps assistant.", "max_tokens": 800, "messages": [{"role": "user", "content": f"Why does this fail?\n\n```\nexport ANTHROPIC_API_KEY={k}\ncurl http://{ip}:8080/health\n```"}]}), ("anthropic_key", k), ("ip_address", ip))
# 3 negative openai body placeholder
S(L, "json_llm", j({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Write a .env template with OPENAI_API_KEY=<your-api-key> and DATABASE_URL=postgres://user:password@localhost:5432/app"}], "temperature": 0}))
# 4 gemini tool result with ssn & phone
ssn = us_ssn(); p = us_phone()
S(L, "json_llm", j({"contents": [
    {"role": "user", "parts": [{"text": "Pull up the applicant record for Rachel Green."}]},
    {"role": "model", "parts": [{"functionCall": {"name": "get_applicant", "args": {"name": "Rachel Green"}}}]},
    {"role": "user", "parts": [{"functionResponse": {"name": "get_applicant", "response": {"ssn": ssn, "phone": p, "status": "pending"}}}]}]}), ("us_ssn", ssn), ("phone", p))
# 5 ollama chat with openssh private key
ok = openssh_key(); bl = body_line(ok)
S(L, "json_llm", jc({"model": "mistral", "messages": [{"role": "user", "content": f"is this key format ok for github deploy keys?\n{ok}"}], "stream": True}), ("private_key", bl))
# 6 negative: certificate in JSON body
S(L, "json_llm", jc({"model": "llama3.2", "messages": [{"role": "user", "content": "Explain this: -----BEGIN CERTIFICATE-----\\nMIIC+zCCAeOgAwIBAgIJAKx1nW1Pq3ZtMA0GCSqGSIb3DQEBCwUAMBQxEjAQBgNV\\n-----END CERTIFICATE-----"}]}))
# 7 python code with vault + postgres url creds
v = vault(); pw = password_random(16)
S(L, "code", f'import hvac, psycopg2\n\nclient = hvac.Client(url="https://vault.internal:8200", token="{v}")\nconn = psycopg2.connect("postgresql://reporting:{pw}@db-replica.internal:5432/analytics")', ("cloud_token", v), ("url_credentials", pw))
# 8 negative python reading env
S(L, "code", 'import os\n\nDB_PASSWORD = os.environ["DB_PASSWORD"]\nAPI_KEY = os.getenv("API_KEY", "changeme")\ndsn = "postgresql://%(user)s:%(pw)s@%(host)s/app" % cfg')
# 9 C# connection string password
pw = password()
S(L, "code", f'var cs = "Server=tcp:sql-prod-eu.database.windows.net,1433;Initial Catalog=Billing;User ID=billing_svc;Password={pw};Encrypt=True;";\nusing var conn = new SqlConnection(cs);', ("password", pw))
# 10 Java properties twilio + mailgun
tw = twilio_sk(); mg = mailgun()
S(L, "config", f"# application.properties\ntwilio.account-sid=AC{rnd(HEX,32)}\ntwilio.api-key={tw}\nmailgun.domain=mg.brightlane.io\nmailgun.api-key={mg}\n", ("saas_token", tw), ("saas_token", mg))
# 11 negative: twilio sid only + test creds placeholders
S(L, "config", "twilio.account-sid=ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\ntwilio.auth-token=your_auth_token\nmailgun.api-key=key-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX")
# 12 terraform with aws keys
ak = aws_key_id(); sk = aws_secret()
S(L, "config", f'provider "aws" {{\n  region     = "eu-west-1"\n  access_key = "{ak}"\n  secret_key = "{sk}"\n}}', ("aws_access_key", ak), ("aws_secret_key", sk))
# 13 negative terraform vars
S(L, "config", 'provider "aws" {\n  region     = var.region\n  access_key = var.aws_access_key\n  secret_key = var.aws_secret_key\n}\n# ASIA-prefixed temp creds come from STS at runtime')
# 14 GitHub Actions with hard-coded slack webhook + secrets ref
w = slack_webhook()
S(L, "config", f"name: deploy\non: push\njobs:\n  notify:\n    runs-on: ubuntu-latest\n    steps:\n      - run: curl -X POST -d '{{\"text\":\"deployed\"}}' {w}\n      - run: ./deploy.sh\n        env:\n          TOKEN: ${{{{ secrets.DEPLOY_TOKEN }}}}", ("slack_webhook", w))
# 15 Kubernetes secret stringData
pw = password_random(14); je = high_entropy(48)
S(L, "config", f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: api-secrets\ntype: Opaque\nstringData:\n  DB_PASSWORD: \"{pw}\"\n  JWT_SIGNING_KEY: \"{je}\"", ("password", pw), ("generic_secret", je))
# 16 negative k8s with helm template
S(L, "config", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: api-secrets\nstringData:\n  DB_PASSWORD: {{ .Values.db.password | quote }}\n  JWT_SIGNING_KEY: {{ required \"set key\" .Values.jwtKey }}")
# 17 Go code with telegram and discord webhook
t = telegram(); w = discord_webhook(); dt = discord_token()
S(L, "code", f'package main\n\n// chat-ops relay: forwards Telegram alerts to Discord\nconst (\n\tbotToken     = "{t}"\n\tdiscordToken = "Bot {dt}"\n\talertHook    = "{w}"\n)\n', ("telegram_token", t), ("discord_token", dt), ("discord_webhook", w))
# 18 ruby with linear + notion
li = linear(); no = notion()
S(L, "code", f'LINEAR_KEY = "{li}"\nNOTION = Notion::Client.new(token: "{no}")', ("saas_token", li), ("saas_token", no))
# 19 PHP with stripe secret + publishable near miss
sk = stripe("sk_live_"); pk = stripe("pk_live_")
sq = square()
S(L, "code", f"<?php\n\\Stripe\\Stripe::setApiKey('{sk}');\n$publishable = '{pk}';\n// fallback for in-store terminals\n$squareClient = new SquareClient(['accessToken' => '{sq}', 'environment' => 'production']);\n", ("stripe_key", sk), ("payment_token", sq))
# 20 negative: masked keys in docs
S(L, "markdown", "| Key | Value |\n|---|---|\n| Stripe | `sk_live_••••••••4xQ2` |\n| OpenAI | `sk-proj-****` |\n| Slack | `xoxb-…redacted…` |\n| GitHub | `ghp_XXXXXXXXXXXXXXXXXXXX` |")
# 21 SQL insert with PII
e = "hannah.berg@posteo.de"; ib = iban("DE"); st = de_steuer_id()
S(L, "code", f"INSERT INTO employees (name, email, iban, tax_id) VALUES ('Hannah Berg', '{e}', '{ib}', '{st}');", ("email", e), ("iban", ib), ("de_steuer_id", st))
# 22 negative SQL with hashes
S(L, "code", f"UPDATE users SET password_hash = '$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy', api_key_sha256 = '{sha(64)}' WHERE id = 4412;")
# 23 TS code with xai + pplx
x = xai(); pp = pplx()
S(L, "code", f'export const providers = {{\n  xai: {{ apiKey: "{x}" }},\n  perplexity: {{ apiKey: "{pp}" }},\n}};', ("ai_api_key", x), ("ai_api_key", pp))
# 24 Dockerfile with hf token and gitlab token
h = hf(); g = gitlab()
S(L, "config", f"FROM python:3.12-slim\nENV HF_TOKEN={h}\nRUN pip install --index-url https://__token__:{g}@gitlab.com/api/v4/projects/4411/packages/pypi/simple mylib\nCMD [\"python\", \"serve.py\"]", ("huggingface_token", h), ("gitlab_token", g))
# 25 negative Dockerfile ARG
S(L, "config", "FROM node:20-alpine\nARG NPM_TOKEN\nRUN echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > .npmrc && npm ci && rm .npmrc\nLABEL version=\"1.8.2\" build=\"20251124.7\"")
# 26 gcp sa in openai body
sa, key = gcp_sa_json("brightlane-data"); bl = body_line_esc(key); ce = "ci-deployer@brightlane-data.iam.gserviceaccount.com"
S(L, "json_llm", jc({"model": "gpt-4o", "messages": [{"role": "user", "content": "Why does gcloud say invalid_grant with this key file?\n" + sa}]}), ("gcp_credentials", bl), ("private_key", bl), ("email", ce))
# 27 shell history with npm, pypi, dockerhub
nt = npm(); py = pypi(); dk = dockerhub()
S(L, "shell", f"npm config set //registry.npmjs.org/:_authToken {nt}\ntwine upload -u __token__ -p {py} dist/*\necho {dk} | docker login -u brightlane --password-stdin", ("npm_token", nt), ("package_registry_token", py), ("package_registry_token", dk))
# 28 negative shell
S(L, "shell", "docker login -u brightlane --password-stdin < ~/.docker/token\ngit log -1 --format=%H  # 3f9c2a1e7b6d5c4f8a9e0b1d2c3e4f5a6b7c8d9e\nsha256sum release.tar.gz")
# 29 support ticket english with uk data
p = f"07{R.randint(400,999)} {n(6)}"; ni = uk_nino(); e = "sam.patel@outlook.com"
S(L, "support_ticket", f"Hi, I can't update my payroll details. My NI number is {ni} and my mobile is {p}. Please reply to {e}.", ("uk_nino", ni), ("phone", p), ("email", e))
# 30 negative: english prose near misses
S(L, "support_ticket", "Order #112-4839201-7765 shipped via UPS 1Z 999 AA1 01 2345 6784. Card ending 4242 was charged $129.00 on 2025-11-21. IMEI on the replacement: 490154203237518.")
# 31 CSV with EU ids
cf = it_cf(); bsn = nl_bsn(); nir = fr_nir(); dn = es_dni()
S(L, "csv", f"country,name,national_id\nIT,Giulia Bianchi,{cf}\nNL,Daan de Vries,{bsn}\nFR,Camille Martin,{nir}\nES,Javier López,{dn}\n", ("it_codice_fiscale", cf), ("nl_bsn", bsn), ("fr_nir", nir), ("es_dni", dn))
# 32 negative CSV (zip codes, ids)
S(L, "csv", f"sku,ean,zip,warehouse_id,created_at\nBL-2231,4006381333931,10115,{uuid()},2025-11-20T08:00:00Z\nBL-2232,5012345678900,75008,{uuid()},2025-11-20T08:05:12Z\n")
# 33 log with bearer generic secret + ipv6
tok = high_entropy(40); a = ip6()
S(L, "log", f'2025-11-24T12:01:55Z ERROR upstream 401 client={a} headers={{"X-Api-Key": "{tok}", "User-Agent": "bl-sync/2.3"}}', ("generic_secret", tok), ("ip_address", a))
# 34 stack trace with url credentials + private ip
pw = password(); ip = ip172()
S(L, "stack_trace", f"Traceback (most recent call last):\n  File \"/app/worker.py\", line 88, in connect\n    broker = Connection(\"amqp://worker:{pw}@{ip}:5672//\")\nkombu.exceptions.OperationalError: [Errno 111] Connection refused", ("url_credentials", pw), ("ip_address", ip))
# 35 negative stack trace
S(L, "stack_trace", "java.lang.IllegalStateException: Missing property 'db.password' (expected ${DB_PASSWORD})\n\tat com.brightlane.config.Loader.require(Loader.java:42)\n\tat com.brightlane.App.main(App.java:17)")
# 36 openai body, google api key + slack xoxp in tool argument
gk = google_key(); su = slack_user()
S(L, "json_llm", j({"model": "gpt-4.1-mini", "messages": [{"role": "user", "content": "Post the geocode result to #ops"}, {"role": "assistant", "tool_calls": [{"id": "call_7", "type": "function", "function": {"name": "http_get", "arguments": jc({"url": f"https://maps.googleapis.com/maps/api/geocode/json?address=Berlin&key={gk}"})}}, {"id": "call_8", "type": "function", "function": {"name": "slack_post", "arguments": jc({"token": su, "channel": "#ops"})}}]}]}), ("google_api_key", gk), ("slack_token", su))
# 37 negative openai body with jwt-like placeholder and UUIDs
S(L, "json_llm", j({"model": "gpt-4o", "user": uuid(), "messages": [{"role": "user", "content": "Decode a JWT for me conceptually: header.payload.signature — what goes in each part?"}], "seed": 42}))
# 38 INI with password & databricks cloud token
pw = password(); db = databricks()
S(L, "config", f"[warehouse]\nhost = adb-4412.azuredatabricks.net\ntoken = {db}\n\n[smtp]\nuser = alerts@brightlane.io\npass = {pw}\n", ("cloud_token", db), ("email", "alerts@brightlane.io"), ("password", pw))
# 39 HTML form with payment fields
c = card("disc"); cf = fmt_card(c, " "); p = "+1 415 " + f"{R.randint(201,989)} {n(4)}"
S(L, "html_form", f'<form id="checkout">\n  <input name="cc" value="{cf}">\n  <input name="exp" value="09/29">\n  <input name="phone" value="{p}">\n  <input type="hidden" name="csrf" value="{sha(32)}">\n</form>', ("card", cf), ("phone", p))
# 40 TOML with anthropic + mailchimp + jwt
k = anthropic(); mc = mailchimp(); t = jwt(alg="HS256")
S(L, "config", f'[llm]\nprovider = "anthropic"\napi_key = "{k}"\n\n[newsletter]\nmailchimp_key = "{mc}"\n\n[debug]\nsample_token = "{t}"', ("anthropic_key", k), ("saas_token", mc), ("jwt", t))

write_corpus(OUT, sys.argv[1])
