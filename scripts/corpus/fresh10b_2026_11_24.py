"""Fresh set 10b (2026-11-24): written by a helper who read only fakegen.py, never the rules
(ko/ja); scored once (docs/detection.md). Values are generated (fake): see fakegen.py.
Usage: python3 fresh10b_2026_11_24.py OUT.jsonl
"""
import sys, os, string, uuid
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *  # noqa
from fakegen import R, rnd, rnd_mixed, ALNUM, HEX
seed(1020)
OUT = []
S = sample_adder(OUT, "f10b")
# S(lang, kind, text, (type, value), (type, value), ...)

D = string.digits
UP = string.ascii_uppercase


# ---------------------------------------------------------------- local generators
def d(n):
    return rnd(D, n)


def kr_mobile(sep="-"):
    return f"010{sep}{rnd('23456789', 1)}{d(3)}{sep}{d(4)}"


def kr_land(area=None, sep="-"):
    a = area or R.choice(["02", "031", "032", "051", "053", "042", "062"])
    return f"{a}{sep}{rnd('23456789', 1)}{d(R.choice([2, 3]))}{sep}{d(4)}"


def kr_rep():
    return R.choice(["1588", "1577", "1544", "1600", "1661", "1644"]) + "-" + d(4)


def jp_mobile(sep="-"):
    return f"0{R.choice('789')}0{sep}{rnd('123456789', 1)}{d(3)}{sep}{d(4)}"


def jp_land(sep="-"):
    a, m = R.choice([("03", 4), ("06", 4), ("045", 3), ("052", 3), ("092", 3), ("011", 3), ("075", 3)])
    return f"{a}{sep}{rnd('2345679', 1)}{d(m - 1)}{sep}{d(4)}"


def jp_free():
    return f"0120-{d(3)}-{d(3)}"


FW = str.maketrans("0123456789-", "０１２３４５６７８９－")


def fullwidth(s):
    return s.translate(FW)


def pub_ip():
    return f"{R.choice([211, 121, 175, 58, 110, 133, 153, 160, 219, 118, 106, 14, 27])}.{R.randint(1, 254)}.{R.randint(0, 255)}.{R.randint(1, 254)}"


def ip10(b=None, c=None):
    return f"10.{b if b is not None else R.randint(0, 99)}.{c if c is not None else R.randint(0, 30)}.{R.randint(2, 250)}"


def ip192(c=None):
    return f"192.168.{c if c is not None else R.randint(0, 20)}.{R.randint(2, 250)}"


def ip172():
    return f"172.{R.randint(16, 31)}.{R.randint(0, 255)}.{R.randint(2, 250)}"


def non_luhn(n):
    while True:
        v = rnd("123456789", 1) + d(n - 1)
        if not luhn_valid(v):
            return v


def mynumber_ok(s):
    w = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    t = sum(int(a) * b for a, b in zip(s[:11], w)) % 11
    return s[11] == str(0 if t <= 1 else 11 - t)


def not_mynumber12():
    while True:
        v = rnd("123456789", 1) + d(11)
        if not mynumber_ok(v):
            return v


def rrn_ok(s):
    s = s.replace("-", "")
    w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
    return (11 - sum(int(a) * b for a, b in zip(s, w)) % 11) % 10 == int(s[12])


def corp_regno():
    """법인등록번호 (company registration no.), same 6-7 shape as an RRN but not one."""
    while True:
        v = R.choice(["110111", "110114", "134111", "284411", "180111"]) + "-" + "0" + d(6)
        if not rrn_ok(v):
            return v


def rrn_post2020(year, gender):
    """RRNs issued since Oct 2020 carry no check digit: make one that fails the old checksum."""
    v = kr_rrn(year, gender)
    last = str((int(v[-1]) + R.randint(1, 9)) % 10)
    return v[:-1] + last


def biz_no():
    return f"{d(3)}-{d(2)}-{d(5)}"


def uuid4():
    return str(uuid.UUID(int=R.getrandbits(128), version=4))


def sha256():
    return rnd(HEX, 64)


def gitsha():
    return rnd(HEX, 40)


def bcrypt_hash():
    return "$2b$12$" + rnd("./" + ALNUM, 53)


def nino_spaced():
    n = uk_nino()
    return f"{n[:2]} {n[2:4]} {n[4:6]} {n[6:8]} {n[8]}"


def mn_fmt(v, sep=" "):
    return sep.join([v[:4], v[4:8], v[8:]])


def toss_sk():
    return "live_sk_" + rnd_mixed(ALNUM, 28)


def toss_ck():
    return "live_ck_" + rnd_mixed(ALNUM, 28)


def payjp(prefix="sk_live_"):
    return prefix + rnd(HEX, 24)


def line_channel_token():
    return rnd_mixed(ALNUM + "+/", 171) + "="


def line_notify():
    return rnd_mixed(ALNUM, 43)


def ncp_access():
    return rnd(UP + D, 20)


def kintone():
    return rnd_mixed(ALNUM, 40)


def backlog():
    return rnd_mixed(ALNUM, 64)


def whsec():
    return "whsec_" + rnd_mixed(ALNUM, 32)


def sentry_dsn():
    return f"https://{rnd(HEX, 32)}@o{d(6)}.ingest.sentry.io/{d(7)}"


# ================================================================ KOREAN — business documents
# K1 입사자 인적사항
rrn = kr_rrn(1994, 2); ph = kr_mobile(); eph = kr_mobile(); em = f"seoyeon.park{d(2)}@naver.com"
S("ko", "prose", f"""아래 신규 입사자 인적사항을 인사시스템 입력용 표로 정리해줘.

성명: 박서연 (영문 PARK SEOYEON)
입사일: 2026-12-01 / 부서: 재무회계팀 / 직급: 대리
주민등록번호: {rrn}
주소: 서울특별시 마포구 월드컵북로4길 17, 302호 (우 03993)
휴대전화: {ph}
개인 이메일: {em}
급여계좌: 국민은행 {d(6)}-{d(2)}-{d(6)} (예금주 박서연)
비상연락처: 모 김정희 {eph}
사번: 미발급 (2026-11-28 발급 예정)""", ("kr_rrn", rrn), ("phone", ph), ("email", em), ("phone", eph))

# K2 고객 리스트 CSV
p1, p2, p3, p4 = kr_mobile(), kr_mobile(""), kr_mobile(" "), kr_mobile()
e1, e2, e3 = f"jhlee{d(3)}@gmail.com", f"minji.k{d(2)}@daum.net", f"sunwoo_{d(4)}@naver.com"
S("ko", "table", f"""고객번호,이름,휴대폰,이메일,가입일,등급,누적구매액
C{d(7)},이정훈,{p1},{e1},2023-04-11,VIP,"3,482,000"
C{d(7)},김민지,{p2},{e2},2024-09-02,GOLD,"1,120,500"
C{d(7)},오선우,{p3},{e3},2025-01-19,SILVER,"284,000"
C{d(7)},장하늘,010-****-{d(4)},,2025-07-30,BASIC,"39,900"
C{d(7)},문태호,{p4},(수신거부),2026-02-14,BASIC,"0"

→ 위 고객 중 VIP/GOLD만 뽑아서 연말 감사 문자 보낼 명단으로 만들어 줄래?""",
  ("phone", p1), ("email", e1), ("phone", p2), ("email", e2), ("phone", p3), ("email", e3), ("phone", p4))

# K3 급여 이체 요청서 (near-misses: account, biz no, sha, OTP serial)
ph = kr_land("02"); sha = sha256()
S("ko", "prose", f"""[재무팀 이체 요청서] 11월 정기급여
- 지급일: 2026-11-25(화) 10:00 일괄
- 출금계좌: 신한은행 140-013-{d(6)} (예금주 ㈜한빛테크)
- 사업자등록번호: {biz_no()}
- 이체 건수 42건 / 총액 ₩187,450,300
- 대량이체 파일: payroll_202611_v3.xlsx (SHA-256 {sha})
- OTP 일련번호 {d(10)} (재무팀장 보관)
- 결재: 최민호 상무 (전결번호 FIN-2026-1182)
문의는 급여담당 이지은 대리({ph}, jieun.lee@hanbit-tech.example.com)에게 주세요.
이 내용을 영어로 번역해서 본사(싱가포르) 재무팀에 보낼 수 있게 해줘.""",
  ("phone", ph), ("email", "jieun.lee@hanbit-tech.example.com"))

# K4 해외송금 (독일 공급사)
ib = iban("DE"); ph = f"+49 89 {d(4)} {d(4)}"
S("ko", "prose", f"""해외송금 신청 내용 확인 부탁드립니다.
수취인: Vogel Präzisionsteile GmbH
수취은행: Deutsche Bank AG, München / SWIFT(BIC): DEUTDEMMXXX
IBAN: {iban_spaced(ib)}
송금액: EUR 48,200.00 (인보이스 INV-2026-0457, 0458 합산)
송금 사유: 부품 수입대금 / 거래외국환은행: 하나은행 역삼지점
수취인 담당: Katrin Vogel, Tel. {ph}, k.vogel@vogel-praezision.example.de
→ 송금신청서 양식(영문)으로 옮겨 적어 주세요.""",
  ("iban", iban_spaced(ib)), ("phone", ph), ("email", "k.vogel@vogel-praezision.example.de"))

# K5 보험금 청구서 (policy no. 16 digits, not a card)
rrn = kr_rrn(1979, 1); ph = kr_mobile()
S("ko", "prose", f"""실손의료보험 보험금 청구서 (요약해서 누락 서류 있는지 봐줘)
청구번호: CL-2026-{d(8)}
증권번호: {non_luhn(16)}
피보험자: 정재원 / 주민등록번호 {rrn}
연락처: {ph}
사고(발병)일: 2026-10-17 / 진단명: 경골 골절 (KCD S82.1)
치료기관: 서울바른정형외과의원 (요양기관기호 {d(8)})
청구금액: 2,316,400원
보험금 수령계좌: 우리은행 1002-{d(3)}-{d(6)} (본인)
첨부: 진료비영수증, 진료비세부내역서, 진단서(1부)""", ("kr_rrn", rrn), ("phone", ph))

# K6 의원 문진표 (RRN without hyphen, dotted phone)
rrn = kr_rrn(1987, 2).replace("-", ""); ph = kr_mobile("."); gph = kr_mobile()
S("ko", "prose", f"""[초진 문진표] 접수번호 A-{d(4)} / 2026.11.24
성명: 한소희   주민번호: {rrn}
연락처: {ph}
보호자(배우자): 윤성민 {gph}
내원 사유: 3일 전부터 38도 발열, 인후통
복용 중인 약: 없음 / 알레르기: 페니실린
과거력: 2019년 충수절제술
※ 위 내용을 의사 선생님 보시기 좋게 세 줄로 요약해 주세요.""", ("kr_rrn", rrn), ("phone", ph), ("phone", gph))

# K7 고객지원 이메일 + 서명 (masked card, order no.)
cem = f"hyunwoo{d(3)}@kakao.com"; rep = kr_rep(); dl = kr_land("02"); fx = kr_land("02")
S("ko", "prose", f"""아래 답장 초안 좀 더 정중하게 다듬어줘.

보낸사람: {cem}
제목: 주문번호 20261120-0003817 환불 언제 되나요?

안녕하세요 고객님, 브라이트몰 고객경험팀입니다.
요청하신 주문(20261120-0003817)의 환불은 11/22 처리 완료되었으며, 결제하신 카드(**** 4242)로
카드사 영업일 기준 3~5일 내 승인 취소됩니다. 환불 접수번호는 RF-{d(9)} 입니다.

김도윤 | 고객경험팀 매니저
㈜브라이트몰 | 대표번호 {rep} | 직통 {dl}
FAX {fx} | doyun.kim@brightmall.example.com
서울시 강남구 테헤란로 311, 9층""",
  ("email", cem), ("phone", rep), ("phone", dl), ("phone", fx), ("email", "doyun.kim@brightmall.example.com"))

# K8 회의록 — hard negative
S("ko", "prose", f"""[주간 회의록] 2026-11-20(목) 14:00~15:10 / 7층 대회의실
참석: 정우성 팀장, 한지민, 오세훈, 유나리 (불참: 강다니엘 - 휴가)

1. 모바일 앱 v4.12.0 배포: 12/3 → 12/10 연기 (iOS 심사 지연, 티켓 MOB-2281)
2. 3분기 매출 128.4억 (전년 대비 +12.7%), 결제 오류율 0.42% → 0.18%
3. 신규 PG 계약 검토: 수수료 2.9% vs 3.1%, 정산주기 D+2
4. 보안 교육 미이수자 4명 → 11/28까지 완료
액션 아이템
- 한지민: 릴리즈 노트 초안 (문서번호 DOC-2026-0934)
- 오세훈: 빌드 {rnd(HEX, 7)} 기준 회귀 테스트, 결과 공유
다음 회의: 11/27(목) 14:00
→ 이 회의록을 불릿 5개 이내로 요약해줘.""")

# K9 택배 송장 (12-digit tracking, order no.)
rp = kr_mobile(); sp = kr_rep()
S("ko", "prose", f"""CJ대한통운 / 운송장번호 {(lambda t: t[:4] + "-" + t[4:8] + "-" + t[8:])(not_mynumber12())}
주문번호 2026112418473921 / 출고일 2026-11-24
받는 분: 서지우 님 ({rp})
주소: 경기도 성남시 분당구 판교역로 235, 에이치스퀘어 N동 6층
보내는 분: 데일리키친 고객센터 {sp}
상품: 무쇠 주물팬 28cm 외 2건 / 중량 4.2kg / 박스 규격 60
배송메모: 부재 시 경비실에 맡겨주세요
→ 배송 지연 안내 문자 문구 만들어줘""", ("phone", rp), ("phone", sp))

# K10 전자세금계산서 — hard negative
S("ko", "prose", f"""전자세금계산서
승인번호: 20261124-41000078-{rnd(HEX, 8)}
공급자: ㈜한빛테크 (등록번호 {biz_no()}) / 대표 최현석
공급받는자: ㈜세운물산 (등록번호 {biz_no()}) / 대표 배정남
작성일자: 2026-11-24
품목: 클라우드 운영대행 11월분 / 수량 1 / 공급가액 4,500,000 / 세액 450,000
품목: 추가 스토리지 2TB / 수량 2 / 공급가액 360,000 / 세액 36,000
합계금액: 5,346,000원 (청구)
비고: 발주번호 PO-26-11-0932, 계약 ID {uuid4()}
위 금액을 영수/청구함.
→ 이 세금계산서 금액이 계약서(월 4,860,000원+VAT)와 맞는지 확인해줘.""")

# K11 근로계약서
rrn = kr_rrn(1999, 1); ph = kr_mobile()
S("ko", "prose", f"""표준근로계약서 (기간의 정함이 없는 경우) 중 근로자 정보 부분입니다. 오타 있는지 봐줘요.

근로자 성명: 이도현   생년월일: 1999년
주민등록번호: {rrn}
주소: 인천광역시 연수구 컨벤시아대로 165, 1203동 801호
연락처: {ph}
1. 근로개시일: 2026년 12월 1일
2. 근무장소: 본사 물류센터 (인천 송도)
3. 소정근로시간: 09:00~18:00 (휴게 12:00~13:00)
4. 임금: 월 2,850,000원 (기본급 2,450,000 / 식대 200,000 / 교통비 200,000), 매월 25일 지급""",
  ("kr_rrn", rrn), ("phone", ph))

# K12 온보딩 체크리스트
pw1 = password(); pw2 = "Hanbit@" + d(4) + "wifi"; vpn = pub_ip()
S("ko", "prose", f"""신규 입사자 IT 온보딩 체크리스트 (박서연 대리)
□ 그룹웨어 계정: sy.park / 초기 비밀번호 {pw1} (최초 로그인 시 변경 필수)
□ 사내 Wi-Fi: SSID HANBIT-STAFF / 비밀번호 {pw2}
□ VPN: FortiClient, 원격 게이트웨이 {vpn} 포트 10443
□ 노트북: 자산번호 NB-2026-0311 / 시리얼 PF3K{rnd(UP + D, 4)}
□ 보안서약서 제출, 개인정보 교육 이수 (LMS 과정코드 SEC-101)
□ 문의: IT 헬프데스크 it-help@hanbit-tech.example.com
→ 이걸 신규 입사자한테 보낼 환영 메일 형식으로 바꿔줘.""",
  ("password", pw1), ("password", pw2), ("ip_address", vpn), ("email", "it-help@hanbit-tech.example.com"))

# K13 가족수당 신청 (includes a post-2020 RRN with no check digit)
r0 = kr_rrn(1988, 1); r1 = kr_rrn(1990, 2); r2 = kr_rrn(2018, 4); r3 = rrn_post2020(2021, 3)
S("ko", "prose", f"""가족수당 신청서
신청인: 조성훈 (사번 20140312) / 주민등록번호 {r0}
부양가족
 - 배우자 임하은 {r1}
 - 자녀 조서아 {r2}
 - 자녀 조민준 {r3}
첨부: 가족관계증명서 1부 (발급번호 {(lambda t: "-".join(t[i:i + 4] for i in range(0, 16, 4)))(non_luhn(16))})
신청일: 2026-11-24
※ 자녀 수당 월 10만원씩 12월 급여부터 반영 요청""",
  ("kr_rrn", r0), ("kr_rrn", r1), ("kr_rrn", r2), ("kr_rrn", r3))

# K14 외국인 직원 명부 (TSV)
a1 = kr_rrn(1990, 5); a2 = kr_rrn(1995, 6); a3 = kr_rrn(2001, 7)
ssn = us_ssn(); adh = aadhaar(); adh_s = mn_fmt(adh)
q1, q2, q3 = kr_mobile(), kr_mobile(), kr_mobile()
S("ko", "table", f"""성명\t국적\t외국인등록번호\t여권번호\t체류자격\t연락처\t본국 납세번호
John Miller\t미국\t{a1}\t5{d(8)}\tE-7\t{q1}\tSSN {ssn}
Priya Sharma\t인도\t{a2}\tZ{d(7)}\tE-7\t{q2}\tAadhaar {adh_s}
Nguyen Van An\t베트남\t{a3}\tC{d(7)}\tE-9\t{q3}\t-
(출입국 갱신 예정일: Miller 2027-03-02, Sharma 2026-12-20)
→ 체류기간 만료 임박자만 표로 정리해줘""",
  ("kr_rrn", a1), ("kr_rrn", a2), ("kr_rrn", a3), ("us_ssn", ssn), ("in_aadhaar", adh_s),
  ("phone", q1), ("phone", q2), ("phone", q3))

# K15 법인카드 분실 신고
cd = card("visa"); cdf = fmt_card(cd, "-"); cc = kr_rep(); ph = kr_mobile()
S("ko", "prose", f"""법인카드 분실 신고 경위서
카드번호: {cdf} (유효기간 08/29)
카드 소지자: 영업2팀 강민재 과장
분실 추정 일시: 2026-11-23(일) 21시경, 부산역 대합실
조치: 11/23 22:14 카드사 고객센터({cc})로 사용정지 신고 완료, 신고접수번호 {not_mynumber12()}
부정사용 여부: 11/23 20:51 승인 1건(편의점, 4,800원) 본인 사용 확인
신고자 연락처: {ph}
→ 경위서 문장 매끄럽게 고쳐줘""", ("card", cdf), ("phone", cc), ("phone", ph))

# K16 카드 영수증 — hard negative (masked card, approval no.)
S("ko", "prose", f"""[카드 영수증]
카페 모먼트 역삼점 / 사업자번호 {biz_no()} / 대표 유지현
거래일시 2026-11-21 08:42:15
카드종류 신한카드 / 카드번호 5365-12**-****-3301
할부 일시불 / 승인번호 {d(8)} / 가맹점번호 {d(9)}
아메리카노(L) x3  13,500
크루아상 x2        8,400
합계              21,900원 (부가세 1,991원 포함)
→ 이거 경비 정산 항목(회의비)으로 적요 문구 만들어줘""")

# K17 용역계약서 (corp registration no. has RRN shape)
crn1, crn2 = corp_regno(), corp_regno(); ph = kr_land("02")
S("ko", "prose", f"""소프트웨어 유지보수 용역계약서 (당사자 표시)
"갑": ㈜세운물산 / 법인등록번호 {crn1} / 사업자등록번호 {biz_no()} / 대표이사 배정남
"을": ㈜한빛테크 / 법인등록번호 {crn2} / 사업자등록번호 {biz_no()} / 대표이사 최현석
제3조(계약금액) 월 4,860,000원 (부가세 별도), 계약기간 2027-01-01 ~ 2027-12-31
제9조(연락창구) 갑: 정보전략팀 노승우 부장 ({ph}, sw.noh@seun.example.co.kr)
→ 위 당사자 표시를 영문 계약서 형식으로 번역해줘""", ("phone", ph), ("email", "sw.noh@seun.example.co.kr"))

# K18 상담 기록 (masked RRN, last-4 of card)
ph = kr_mobile(); em = f"yuna.ch{d(2)}@naver.com"
S("ko", "prose", f"""[콜센터 상담 이력] 상담번호 CS-{d(10)} / 2026-11-24 11:03
고객명: 최유나 / 본인확인: 주민번호 앞자리 850312-2****** 확인, 카드 뒷자리 1881 확인
회신 번호: {ph} / 이메일: {em}
문의: 11/19 결제된 연회비 150,000원 환불 요청 (카드 발급 후 미사용)
처리: 연회비 반환 규정 안내, 해지 접수 (접수번호 TR-{d(8)})
→ 위 상담 내용을 팀장 보고용 두 문장으로 요약""", ("phone", ph), ("email", em))

# K19 카톡 (법인카드 번호 전달)
cd = card("mc"); cds = fmt_card(cd, " "); ph = kr_mobile()
S("ko", "chat", f"""[카카오톡] 영업2팀
김과장: 팀장님 도쿄 출장 호텔 예약용 법인카드 정보 부탁드려요 🙏
이팀장: {cds}
이팀장: 유효기간 11/28, cvc는 전화로 알려줄게
이팀장: 결제 문자는 내 번호 {ph} 로 가게 해줘
김과장: 넵 확인했습니다! 예약번호 나오면 공유드릴게요 (예약번호 HB{d(9)})""", ("card", cds), ("phone", ph))

# K20 연말정산 부양가족
f1 = kr_rrn(1958, 1); f2 = kr_rrn(1961, 2).replace("-", ""); f3 = kr_rrn(2012, 3)
S("ko", "prose", f"""2026 연말정산 부양가족 공제 신고 (인적공제)
관계 / 성명 / 주민등록번호 / 장애인 / 경로우대
직계존속(부) / 송재민 / {f1} / X / O
직계존속(모) / 이순자 / {f2} / X / O
직계비속(자) / 송하윤 / {f3} / X / X
→ 기본공제 금액 합계가 얼마인지 계산해줘 (1인당 150만원, 경로우대 100만원 추가)""",
  ("kr_rrn", f1), ("kr_rrn", f2), ("kr_rrn", f3))

# K21 출장비 정산 CSV — hard negative
rows = "\n".join(f"2026{R.randint(1001, 1130)},{n},{it},{R.randint(8, 480) * 100},**** {d(4)},{d(8)},{memo}"
                 for n, it, memo in [("강민재", "KTX", "부산 출장"), ("강민재", "숙박", "부산역 비즈니스호텔"),
                                     ("윤지호", "택시", "고객사 방문"), ("윤지호", "식대", "고객 미팅 2인")])
S("ko", "table", f"""사번,성명,항목,금액,카드,승인번호,비고
{rows}
합계: 위 4건 → 결재 올리기 전에 항목별 합계표로 만들어줘""")

# K22 프랑스 파견자 사회보장 가입증명
nir = fr_nir(); ph = f"+33 6 {d(2)} {d(2)} {d(2)} {d(2)}"; em = f"c.moreau{d(2)}@example.fr"
S("ko", "prose", f"""한-불 사회보장협정 가입증명서(SE 401-Q) 내용 확인 요청
파견 근로자: Camille MOREAU
프랑스 사회보장번호(NIR): {nir}
파견 기간: 2026-09-01 ~ 2028-08-31 / 파견지: 서울 본사 R&D센터
프랑스 측 연락처: {ph}, {em}
→ 국민연금공단 제출용으로 한국어 요약 작성해줘""", ("fr_nir", nir), ("phone", ph), ("email", em))

# K23 주간 업무 보고 — hard negative
S("ko", "prose", f"""주간 업무 보고 (플랫폼팀, 11/17~11/21)
- API 게이트웨이 2.8.14 → 2.9.0 업그레이드 완료 (빌드 #4412, 커밋 {rnd(HEX, 7)})
- 가용성 99.95%, p95 응답시간 182ms (전주 211ms)
- 장애 1건: 11/19 03:12~03:27 배치 지연 (INC-20261119-02), 원인 DB 락
- 인증서 갱신: 만료일 2027-02-14, 지문 SHA256 {':'.join(rnd(HEX.upper(), 2) for _ in range(8))}…
- 다음 주: Kafka 3.7.1 마이그레이션, 로그 보존기간 30일→90일
→ 위 내용을 임원 보고용 3줄로""")

# K24 반품 안내 메일
cem = f"dahye.seo{d(2)}@gmail.com"; cs = kr_rep()
S("ko", "prose", f"""받는사람: {cem}
제목: [데일리키친] 반품 접수 완료 안내 (주문번호 2026111709482211)

서다혜 고객님, 반품 접수가 완료되었습니다.
- 회수 예정일: 11/26(수) / 회수 송장 {not_mynumber12()}
- 환불 예정 금액: 47,800원 (왕복 배송비 6,000원 차감)
문의: 고객센터 {cs} (평일 10~17시) / cs@dailykitchen.example.com
→ 이 메일을 일본어로 번역해줘 (일본 고객용 템플릿으로 재사용)""",
  ("email", cem), ("phone", cs), ("email", "cs@dailykitchen.example.com"))

# K25 진료비 세부내역서 — hard negative
S("ko", "prose", f"""진료비 세부산정내역 (입원)
환자등록번호 {d(8)} / 환자성명 김*수 / 주민등록번호 860715-1******
진료기간 2026-11-02 ~ 2026-11-06 / 병실 6인실 / 영수증번호 {d(4)}-{d(6)}
코드 AA154 입원료 4일 / 코드 C3811 혈액검사 / 코드 HA454 CT 하복부
급여 본인부담 312,480 / 비급여 85,000 / 합계 397,480원
→ 실손보험 청구할 때 비급여 항목만 따로 뽑아줘""")

# K26 임대차 계약
r_l = kr_rrn(1963, 1); r_t = kr_rrn(1996, 2); p_l = kr_mobile(); p_t = kr_mobile()
S("ko", "prose", f"""주택 임대차계약서 당사자 란 (계약 전 확인용)
임대인: 황보철 / 주민등록번호 {r_l} / 주소 서울 노원구 동일로 1405 / 전화 {p_l}
임차인: 김예린 / 주민등록번호 {r_t} / 주소 대구 수성구 달구벌대로 2450 / 전화 {p_t}
보증금 1억 2천만원 / 월차임 없음 / 계약기간 2026-12-15 ~ 2028-12-14
보증금 입금계좌: 농협 {d(3)}-{d(4)}-{d(4)}-{d(2)} (황보철)
→ 전세사기 체크리스트 기준으로 빠진 항목 알려줘""",
  ("kr_rrn", r_l), ("phone", p_l), ("kr_rrn", r_t), ("phone", p_t))

# K27 영국 법인 직원
ni = nino_spaced(); ph = f"+44 7{d(3)} {d(6)}"; em = f"oliver.hughes{d(2)}@example.co.uk"
S("ko", "prose", f"""런던 법인 신규 채용자 급여 등록 요청 (HMRC 신고용)
성명: Oliver Hughes / 입사일 2026-12-01
National Insurance number: {ni}
연락처 {ph} / 개인메일 {em}
연봉 GBP 58,000 / Tax code 1257L / 급여일 매월 말일
→ 본사 인사팀 보고용 한국어 문장으로 정리해줘""", ("uk_nino", ni), ("phone", ph), ("email", em))

# K28 이사회 의사록 — hard negative
S("ko", "prose", """제47기 제9차 이사회 의사록
일시: 2026년 11월 18일 16:00 / 장소: 본사 20층 이사회실
출석 이사: 6명 중 6명 (감사 1명 참석)
제1호 의안: 2027년도 사업계획 및 예산(매출 1,840억, 영업이익률 9.5%) 승인의 건 — 원안 가결
제2호 의안: 자회사 ㈜한빛로지스 유상증자(보통주 200,000주, 주당 5,000원) 참여의 건 — 원안 가결
제3호 의안: 내부회계관리제도 운영실태 보고 — 보고 접수
→ 위 의사록을 공시용 문장으로 다듬어줘""")

# K29 퇴직금 지급 안내
rrn = kr_rrn(1981, 2); em = f"mirae.go{d(2)}@hanmail.net"
S("ko", "prose", f"""퇴직금 지급 안내 (고미래 님)
퇴직일: 2026-11-30 / 근속 12년 4개월
주민등록번호: {rrn} (원천징수영수증 발급용)
퇴직금 예상액: 68,420,000원 (퇴직소득세 공제 전)
IRP 계좌: 미래에셋증권 {d(3)}-{d(2)}-{d(6)}-{d(1)}
원천징수영수증은 {em} 로 12/10까지 발송 예정
→ 퇴직자에게 보낼 안내문으로 바꿔줘""", ("kr_rrn", rrn), ("email", em))

# K30 보안 점검 결과 보고 (masked key, doc-range IP, CVE, sha)
i1, i2, atk = ip10(10, 1), ip10(10, 2), pub_ip()
S("ko", "prose", f"""[보안점검 결과 보고] 2026-11 정기점검
1. 소스 저장소에서 AWS 액세스 키(AKIA************7Q2M) 노출 이력 발견 → 11/20 키 폐기 완료, 관련 커밋 {gitsha()}
2. 웹서버 {i1}, {i2} 에서 OpenSSL 취약점(CVE-2026-{d(4)}) 패치 미적용 → 11/27까지 조치
3. 11/21 02:00~02:40 {atk} 로부터 로그인 무차별 대입 시도 1,284건 → 방화벽 차단
4. 차단 규칙 예시(문서용): deny from 198.51.100.0/24, 203.0.113.45
5. 관리자 계정 비밀번호 해시 알고리즘 bcrypt(cost 12)로 전환 완료
→ 경영진 보고용 요약""", ("ip_address", i1), ("ip_address", i2), ("ip_address", atk))

# K31 명함 OCR
t = kr_land("031"); m = kr_mobile(); fx = kr_land("031")
S("ko", "prose", f"""명함 스캔 결과인데 연락처 앱에 넣을 수 있게 vCard 형식으로 바꿔줘.

㈜그린에너지솔루션
사업개발본부 / 상무이사
남궁 혁
T. {t}   M. {m}   F. {fx}
E. hyuk.namgung@greenenergy.example.com
경기도 수원시 영통구 광교로 156, 광교비즈니스센터 11층""",
  ("phone", t), ("phone", m), ("phone", fx), ("email", "hyuk.namgung@greenenergy.example.com"))

# K32 회원 탈퇴 목록 — hard negative (hashed e-mails)
rows = "\n".join(f"M{d(8)},{sha256()},2026-11-{R.randint(10, 23)},{r}" for r in ["서비스 불만족", "개인정보 우려", "이용 빈도 낮음", "기타"])
S("ko", "table", f"""회원ID,이메일해시(SHA-256),탈퇴일,사유
{rows}
→ 탈퇴 사유별 건수 집계해줘""")

# K33 이탈리아 디자이너 용역
cf = it_cf(); ib = iban("IT"); em = f"giulia.rossi{d(2)}@example.it"
S("ko", "prose", f"""프리랜서 디자이너 용역대금 지급 정보 (이탈리아)
성명: Giulia Rossi / Codice Fiscale: {cf}
IBAN: {ib} / BIC: UNCRITMMXXX
인보이스 No. 2026/118 — EUR 6,400.00 (브랜드 리뉴얼 2차분)
연락: {em}
→ 원천세 관련해서 한-이 조세조약상 확인할 서류 목록 알려줘""",
  ("it_codice_fiscale", cf), ("iban", ib), ("email", em))

# ================================================================ KOREAN — technical side
# KT1 관리자 메모 (IPs, root pw, SSH key, URL with credentials)
w1, w2, vip, dbm, bk = ip10(10, 1), ip10(10, 1), "10.10.1.10", ip10(10, 2), ip10(10, 3)
ext = pub_ip(); rootpw = password_random(14); gpw = password()
ssh = openssh_key()
gurl = f"http://admin:{gpw}@grafana.ops.hanbit.internal:3000"
S("ko", "prose", f"""## 운영 서버 메모 (인프라팀 한정, 외부 공유 금지)
- web01 {w1} / web02 {w2} (L4 VIP {vip})
- db-master {dbm} — root / {rootpw}
- 대외 공인 IP {ext} (KT 목동 IDC), 로컬 헬스체크는 127.0.0.1:8080/health
- 백업 서버: ssh backup@{bk} , 키는 아래 (id_ed25519)
{ssh}
- 모니터링: {gurl}
- 서브넷 마스크 255.255.255.0, 게이트웨이는 VIP랑 같음""",
  ("ip_address", w1), ("ip_address", w2), ("ip_address", vip), ("ip_address", dbm), ("password", rootpw),
  ("ip_address", ext), ("ip_address", bk), ("private_key", ssh), ("url_credentials", gurl))

# KT2 공유 스프레드시트 계정 목록
pws = [password() for _ in range(4)]; nas = ip192(0); gph = kr_mobile()
S("ko", "table", f"""서비스\t접속 URL\t아이디\t비밀번호\t비고
AWS 콘솔\thttps://hanbitmall.signin.aws.amazon.com/console\tops-admin\t{pws[0]}\tMFA 필수
카페24 관리자\thttps://eclogin.cafe24.com\thanbitmall\t{pws[1]}\t
스마트스토어\thttps://sell.smartstore.naver.com\thanbit.store@naver.com\t{pws[2]}\t대표님 계정
공용 Gmail\thttps://mail.google.com\thanbit.marketing@gmail.com\t{pws[3]}\t2단계 인증폰 {gph}
사내 NAS\thttp://{nas}:5000\tadmin\t********\t비번 변경 후 재공유 예정
쿠팡 윙\thttps://wing.coupang.com\thanbit_wing\t(팀장님께 문의)\t""",
  ("password", pws[0]), ("password", pws[1]), ("email", "hanbit.store@naver.com"), ("password", pws[2]),
  ("email", "hanbit.marketing@gmail.com"), ("password", pws[3]), ("phone", gph), ("ip_address", nas))

# KT3 카톡으로 AWS 키 전달
ak = aws_key_id(); sk = aws_secret()
S("ko", "chat", f"""[카카오톡] 개발팀 단톡
정민: 형 배치서버 S3 업로드 권한 에러나요 ㅠ
준호: 아 IAM 유저 새로 팠어 이걸로 바꿔
준호: access key {ak}
준호: secret {sk}
준호: 리전은 ap-northeast-2, 버킷은 hanbit-batch-prod
정민: 감사합니다 적용해볼게요
준호: 다 쓰면 이 메시지 지워줘 ㅋㅋ""", ("aws_access_key", ak), ("aws_secret_key", sk))

# KT4 .env (Toss secret vs client key, Kakao REST vs JS key, Sentry DSN)
dbpw = rnd_mixed(ALNUM, 16); dburl = f"mysql://shop:{dbpw}@db.prod.internal:3306/shop"
tsk, tck = toss_sk(), toss_ck(); kk_rest, kk_js = rnd(HEX, 32), rnd(HEX, 32); jwt_sec = high_entropy(64)
S("ko", "config", f"""# 운영 .env (2026-11 기준) — 이거 docker run 할 때 안 읽히는데 이유 좀 봐줘
APP_ENV=production
DATABASE_URL={dburl}
REDIS_URL=redis://cache.prod.internal:6379/0
TOSS_CLIENT_KEY={tck}
TOSS_SECRET_KEY={tsk}
KAKAO_JS_KEY={kk_js}
KAKAO_REST_API_KEY={kk_rest}
SENTRY_DSN={sentry_dsn()}
JWT_SECRET={jwt_sec}
SESSION_TTL=3600
""", ("url_credentials", dburl), ("payment_token", tsk), ("saas_token", kk_rest), ("generic_secret", jwt_sec))

# KT5 파이썬: 슬랙 웹훅 + OpenAI
wh = slack_webhook(); ok = openai_proj()
S("ko", "code", f"""# 매일 아침 CS 문의 요약해서 슬랙으로 보내는 스크립트인데 타임아웃 나요
import requests
from openai import OpenAI

client = OpenAI(api_key="{ok}")
SLACK_URL = "{wh}"

def run(tickets):
    text = "\\n".join(t["body"] for t in tickets)
    r = client.chat.completions.create(model="gpt-4o-mini", messages=[{{"role": "user", "content": "요약: " + text}}])
    requests.post(SLACK_URL, json={{"text": r.choices[0].message.content}}, timeout=3)
""", ("openai_key", ok), ("slack_webhook", wh))

# KT6 nginx 로그 (Google key in query, loopback)
c1, c2, lb = pub_ip(), pub_ip(), ip10(0, 0); gk = google_key()
S("ko", "log", f"""{c1} - - [24/Nov/2026:10:12:01 +0900] "GET /api/v2/stores?lat=37.4979&lng=127.0276 HTTP/1.1" 200 1843 "-" "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X)" rid={uuid4()}
{c2} - - [24/Nov/2026:10:12:02 +0900] "GET /maps/geocode?address=%EC%97%AD%EC%82%BC&key={gk} HTTP/1.1" 200 912 "-" "okhttp/4.12.0"
127.0.0.1 - - [24/Nov/2026:10:12:05 +0900] "GET /health HTTP/1.1" 200 2 "-" "kube-probe/1.30"
{lb} - - [24/Nov/2026:10:12:07 +0900] "POST /api/v2/orders HTTP/1.1" 502 166 "-" "Apache-HttpClient/5.3"
→ 502 원인 추정해줘""", ("ip_address", c1), ("ip_address", c2), ("google_api_key", gk), ("ip_address", lb))

# KT7 docker-compose — hard negative (placeholders, digests, loopback, 0.0.0.0)
S("ko", "config", f"""# docker-compose.yml — 비밀번호는 .env에서 주입 (커밋 금지)
services:
  db:
    image: postgres:16.4@sha256:{sha256()}
    environment:
      POSTGRES_USER: app
      POSTGRES_PASSWORD: ${{POSTGRES_PASSWORD}}
    ports: ["127.0.0.1:5432:5432"]
  api:
    image: registry.hanbit.internal/api:2.9.0
    environment:
      DATABASE_URL: postgres://app:${{POSTGRES_PASSWORD}}@db:5432/app
      OPENAI_API_KEY: ${{OPENAI_API_KEY:?set me}}
    ports: ["0.0.0.0:8080:8080"]
# 질문: api 컨테이너가 db 헬스체크 전에 떠서 죽어요. depends_on 어떻게 써요?""")

# KT8 NCP Object Storage 설정 가이드 (고객 키 기입)
na, ns = ncp_access(), rnd_mixed(ALNUM, 40)
S("ko", "prose", f"""[벤더 제공] 네이버 클라우드 Object Storage 연동 가이드 — ㈜한빛테크 전용
1) ~/.aws/credentials (S3 호환 API 사용)
   [ncp]
   aws_access_key_id = {na}
   aws_secret_access_key = {ns}
2) 엔드포인트: https://kr.object.ncloudstorage.com , 리전 kr-standard
3) 버킷: hanbit-archive-2026 (버전관리 ON, 수명주기 180일)
4) 테스트: aws --profile ncp --endpoint-url https://kr.object.ncloudstorage.com s3 ls
※ 위 키는 귀사 서브계정(archive-uploader) 전용입니다.""", ("cloud_token", na), ("cloud_token", ns))

# KT9 사내 메신저 — GitHub PAT 교체 (old token masked)
gh = github("ghp_")
S("ko", "chat", f"""#dev-infra
[10:41] 윤서: 배포 파이프라인 GitHub 토큰 만료돼서 새로 발급했어요
[10:41] 윤서: 이전 거 ghp_****************************Xk2 는 폐기함
[10:42] 윤서: 새 토큰 {gh} (repo, workflow 권한, 90일)
[10:43] 태오: 젠킨스 credentials에 넣어둘게요
[10:43] 태오: 근데 이거 여기다 올려도 돼요? 😅""", ("github_token", gh))

# KT10 GCP 서비스 계정 JSON
js, key = gcp_sa_json("hanbit-analytics-prod")
S("ko", "json", f"""BigQuery 연결할 때 403 떠요. 서비스 계정 키 파일 내용 그대로 붙입니다. 권한 뭐가 빠진 건지 봐주세요.

{js}""", ("gcp_credentials", key), ("private_key", key), ("email", "ci-deployer@hanbit-analytics-prod.iam.gserviceaccount.com"))

# KT11 README — hard negative (placeholders, AWS documentation example keys)
S("ko", "code", """## 로컬 개발 환경 설정

```bash
cp .env.example .env
export OPENAI_API_KEY="sk-..."
export ANTHROPIC_API_KEY=<your-api-key>
export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
curl -H "Authorization: Bearer ${API_KEY}" https://api.example.com/v1/health
```
- `DB_PASSWORD=xxxx` 는 각자 로컬 값으로 바꾸세요.
- 키 발급은 사내 위키 '키 신청' 문서 참고 (절대 커밋 금지)
→ 이 README 영어로 번역해줘""")

# KT12 애플리케이션 에러 로그 (JWT in header, user e-mail, internal IP)
tok = jwt({"sub": "u_" + d(6), "iat": 1763950000, "exp": 1763953600}); ui = ip10(20, 4); um = f"jiwoo.han{d(2)}@gmail.com"
S("ko", "log", f"""2026-11-24 14:02:11.482 ERROR [order-api,{rnd(HEX, 16)}] c.h.order.PaymentService - 결제 승인 실패 user={um} orderId=ORD-20261124-000381
2026-11-24 14:02:11.483 DEBUG [order-api] c.h.common.HttpLog - upstream={ui}:8443 headers={{Authorization=Bearer {tok}, X-Request-Id={uuid4()}}}
2026-11-24 14:02:11.490 ERROR [order-api] o.a.c.c.C.[.[.[/].[dispatcherServlet] - Servlet.service() threw exception
java.net.SocketTimeoutException: Read timed out
	at java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:278)
→ 타임아웃 원인 분석 부탁""", ("email", um), ("ip_address", ui), ("jwt", tok))

# KT13 .gitlab-ci.yml (hard-coded GitLab + npm tokens)
gl = gitlab(); nt = npm()
S("ko", "config", f"""# .gitlab-ci.yml — 패키지 배포 단계에서 401 나는데 왜 그럴까요
stages: [build, publish]
variables:
  NODE_VERSION: "20.18.0"
  GITLAB_API_TOKEN: "{gl}"
publish:
  stage: publish
  image: node:20.18.0-alpine
  script:
    - echo "//registry.npmjs.org/:_authToken={nt}" > .npmrc
    - npm publish --access restricted
  only: [tags]
""", ("gitlab_token", gl), ("npm_token", nt))

# KT14 VPN 위키 (PSK generic, RADIUS secret, subnet/netmask not machines)
gw = pub_ip(); dns = "10.30.0.2"; radip = ip10(30, 1); psk = high_entropy(32); rad = "Radius!" + d(4) + "hb"
S("ko", "prose", f"""[사내 위키] 지사 IPsec VPN 설정값 (부산지사 방화벽 교체용)
- 본사 게이트웨이: {gw} (IKEv2, AES-256/SHA-256, DH 14)
- Pre-Shared Key: {psk}
- 본사 내부망 10.30.0.0/16 (넷마스크 255.255.0.0), 내부 DNS {dns}
- RADIUS 서버 {radip} / 공유 비밀 {rad}
- 문서 예시 대역(203.0.113.0/24)은 실제 장비에 입력하지 마세요""",
  ("ip_address", gw), ("generic_secret", psk), ("ip_address", dns), ("ip_address", radip), ("password", rad))

# KT15 디스코드 / 텔레그램 봇 토큰 공유
dt = discord_token(); tg = telegram()
S("ko", "chat", f"""[디스코드 #봇개발]
하람: 이벤트 알림 봇 테스트용 토큰 공유함
하람: discord bot → {dt}
하람: 텔레그램 쪽은 BotFather에서 받은 거 {tg}
세진: 오케이 로컬 .env에만 넣을게
세진: chat_id는 -100{d(10)} 맞지?""", ("discord_token", dt), ("telegram_token", tg))

# KT16 셸 스크립트 (HF + Anthropic)
hft = hf(); ant = anthropic()
S("ko", "code", f"""#!/usr/bin/env bash
# 모델 다운로드 후 Claude로 결과 검증하는 배치 — 두 번째 curl에서 400 나요
export HF_TOKEN={hft}
huggingface-cli download intfloat/multilingual-e5-small --local-dir ./models/e5
curl -s https://api.anthropic.com/v1/messages \\
  -H "x-api-key: {ant}" \\
  -H "anthropic-version: 2023-06-01" \\
  -H "content-type: application/json" \\
  -d '{{"model":"claude-sonnet-4-5","max_tokens":512,"messages":[{{"role":"user","content":"검증"}}]}}'
""", ("huggingface_token", hft), ("anthropic_key", ant))

# KT17 CI 로그 — hard negative
S("ko", "log", f"""[2026-11-24T05:11:02Z] Checkout {gitsha()} (refs/heads/release/2.9)
[2026-11-24T05:11:09Z] Restoring cache key npm-{sha256()[:32]}
[2026-11-24T05:12:40Z] Built image registry.hanbit.internal/api:2.9.0-rc.3
[2026-11-24T05:12:41Z] Digest: sha256:{sha256()}
[2026-11-24T05:12:44Z] Pushed layer {rnd(HEX, 12)} (31.2 MB)
[2026-11-24T05:13:05Z] Tests: 1,482 passed, 3 skipped (jacoco 81.4%)
[2026-11-24T05:13:06Z] Artifact build-{uuid4()}.zip uploaded
→ 빌드 시간 줄일 방법 있을까?""")

# KT18 terraform.tfvars (Vault, Databricks)
vt = vault(); db = databricks()
S("ko", "config", f"""# terraform.tfvars — plan 할 때 vault provider 인증 실패
vault_address   = "https://vault.hanbit.internal:8200"
vault_token     = "{vt}"
databricks_host = "https://adb-{d(16)}.7.azuredatabricks.net"
databricks_token = "{db}"
cluster_node_type = "Standard_D4ds_v5"
spark_version     = "15.4.x-scala2.12"
""", ("cloud_token", vt), ("cloud_token", db))

# KT19 서버 인벤토리 CSV (IPs vs netmask / version strings)
hs = [(h, ip10(50, 2)) for h in ["erp-app01", "erp-app02", "erp-db01", "erp-batch01"]]
rows = "\n".join(f"{h},{ip},255.255.255.0,10.50.2.1,Rocky Linux 9.4,BIOS 2.14.0.1,SN{rnd(UP + D, 8)}" for h, ip in hs)
S("ko", "table", f"""hostname,ip,netmask,gateway,os,firmware,serial
{rows}
→ OS별 대수랑 서브넷 요약해줘 (SNMP sysObjectID 1.3.6.1.4.1.674.10892.5 기준 Dell 장비)""",
  *[("ip_address", ip) for _, ip in hs], ("ip_address", "10.50.2.1"))

# KT20 PG(Stripe) 연동 가이드 — publishable key is not secret
pk = stripe("pk_live_"); skl = stripe("sk_live_"); ws = whsec()
S("ko", "prose", f"""[해외결제 연동] Stripe 설정값 정리 (글로벌몰)
- 프론트엔드(공개 가능): publishableKey = {pk}
- 서버 전용 시크릿 키: {skl}
- 웹훅 서명 시크릿: {ws} (엔드포인트 https://global.hanbitmall.example.com/stripe/webhook)
- 스테이징 결제 테스트 카드: 4242 4242 4242 4242 (만료일은 미래 아무 날짜, CVC 아무 3자리)
→ 위 설정을 개발자 온보딩 문서에 넣을 수 있게 정리해줘""",
  ("stripe_key", skl), ("stripe_key", ws), ("card", "4242 4242 4242 4242"))

# KT21 상담 채팅에 고객이 카드번호 입력
cd = card("visa"); ph = kr_mobile("")
S("ko", "chat", f"""[1:1 채팅 상담]
고객: 결제가 자꾸 실패해요 카드번호 {cd} 이거 맞게 넣었는데
고객: 유효기간 0731 이에요
상담원: 고객님, 채팅으로 카드번호를 보내시면 안 됩니다. 해당 메시지는 마스킹 처리하겠습니다.
고객: 그럼 전화주세요 {ph}
상담원: 네, 10분 내 연락드리겠습니다. (상담번호 {d(10)})""", ("card", cd), ("phone", ph))

# KT22 application.properties (SMTP / LDAP passwords, placeholder)
smtp_pw = password(); ldap_pw = password_random(12); ld = ip10(10, 9)
S("ko", "config", f"""# application-prod.properties — 메일 발송 안 됨 (535 Authentication failed)
spring.mail.host=smtp.worksmobile.com
spring.mail.port=587
spring.mail.username=noreply@hanbit-tech.example.com
spring.mail.password={smtp_pw}
spring.ldap.urls=ldap://{ld}:389
spring.ldap.username=cn=svc-portal,ou=svc,dc=hanbit,dc=local
spring.ldap.password={ldap_pw}
spring.datasource.password=${{DB_PASSWORD}}
server.tomcat.threads.max=200
""", ("email", "noreply@hanbit-tech.example.com"), ("password", smtp_pw), ("ip_address", ld), ("password", ldap_pw))

# ================================================================ JAPANESE — business documents
# J1 入社手続き
mn = mn_fmt(jp_mynumber()); ph = jp_mobile(); em = f"haruka.sato{d(2)}@yahoo.co.jp"
S("ja", "prose", f"""以下の入社書類の内容を、人事システム登録用の表にまとめてください。

氏名：佐藤 遥（サトウ ハルカ）
入社日：2026年12月1日　所属：経理部
個人番号（マイナンバー）：{mn}
基礎年金番号：{d(4)}-{d(6)}
住所：〒150-0002 東京都渋谷区渋谷2-21-1 メゾン渋谷405
携帯電話：{ph}
メール：{em}
給与振込口座：みずほ銀行 渋谷支店 普通 {d(7)}
通勤経路：東急田園都市線 二子玉川〜渋谷（定期代 月額12,340円）""",
  ("jp_mynumber", mn), ("phone", ph), ("email", em))

# J2 顧客リストCSV
ps = [jp_mobile(), jp_land(), jp_mobile(""), jp_land()]
es = [f"k.tanaka{d(3)}@gmail.com", f"yumi_{d(4)}@docomo.ne.jp", f"nakamura.s{d(2)}@example.co.jp"]
S("ja", "table", f"""顧客ID,氏名,フリガナ,電話番号,メール,郵便番号,最終購入日
JP-{d(6)},田中 健一,タナカ ケンイチ,{ps[0]},{es[0]},530-0001,2026/10/02
JP-{d(6)},山本 由美,ヤマモト ユミ,{ps[1]},{es[1]},460-0008,2026/09/15
JP-{d(6)},中村 翔,ナカムラ ショウ,{ps[2]},{es[2]},812-0011,2026/11/20
JP-{d(6)},小林 花子,コバヤシ ハナコ,{ps[3]},,060-0005,2025/12/28
※ 最終購入日が1年以内の顧客だけ抽出して、年末DMの宛名リストにしてください。""",
  ("phone", ps[0]), ("email", es[0]), ("phone", ps[1]), ("email", es[1]), ("phone", ps[2]), ("email", es[2]), ("phone", ps[3]))

# J3 給与振込依頼（法人番号・口座・ファイルハッシュ）
ph = jp_land()
S("ja", "prose", f"""【総合振込依頼書】2026年11月分 給与
振込指定日：2026年11月25日
依頼人：株式会社ミライ精機（法人番号 {d(13)}）
出金口座：三菱UFJ銀行 本店営業部 当座 {d(7)}
振込件数：58件　合計金額：¥31,884,500
全銀フォーマットファイル：kyuyo_202611.txt（SHA-256: {sha256()}）
承認：経理部長 高橋 誠（稟議番号 R-2026-0731）
問い合わせ先：経理部 給与担当 伊藤（{ph}／payroll@mirai-seiki.example.co.jp）
→ この依頼書の内容を英語に翻訳して、シンガポール本社の経理に送れる形にしてください。""",
  ("phone", ph), ("email", "payroll@mirai-seiki.example.co.jp"))

# J4 海外送金依頼（フランスの取引先）
ib = iban("FR"); ibs = iban_spaced(ib); ph = f"+33 1 {d(2)} {d(2)} {d(2)} {d(2)}"
S("ja", "prose", f"""外国送金依頼の内容確認をお願いします。
受取人：Atelier Lefèvre SARL
受取銀行：BNP Paribas, Paris / SWIFT：BNPAFRPPXXX
IBAN：{ibs}
送金額：EUR 12,750.00（請求書 F-2026-0912）
送金目的：デザイン業務委託料
受取人担当：Mme Sophie Lefèvre　Tél. {ph}　s.lefevre@atelier-lefevre.example.fr
→ 銀行提出用の英文フォームに転記してください。""",
  ("iban", ibs), ("phone", ph), ("email", "s.lefevre@atelier-lefevre.example.fr"))

# J5 保険金請求（マイナンバー：支払調書用）
mn = jp_mynumber(); ph = jp_mobile()
S("ja", "prose", f"""保険金請求書（要約して、不足書類があれば教えてください）
証券番号：{non_luhn(14)}
受付番号：HK-{d(10)}
被保険者：鈴木 大輔　生年月日：1976年5月8日
個人番号：{mn}（支払調書作成のため）
連絡先：{ph}
事故日：2026年10月3日　事故内容：自転車走行中に転倒、右手首骨折
入院期間：10/3〜10/9（7日間）　手術：橈骨遠位端骨折観血的手術
受取口座：ゆうちょ銀行 記号{d(5)} 番号{d(8)}""", ("jp_mynumber", mn), ("phone", ph))

# J6 クリニック問診票（全角数字の電話番号）
ph = fullwidth(jp_mobile()); eph = jp_land()
S("ja", "prose", f"""【問診票】受付番号 {d(3)}　2026年11月24日
氏名：渡辺 真央（ワタナベ マオ）　生年月日：1992年3月14日　女性
保険証 記号：{d(4)}　番号：{d(3)}　枝番：01
電話番号：{ph}
緊急連絡先：渡辺 直樹（夫）{eph}
症状：2日前から咳、37.8℃の発熱
既往歴：小児喘息　アレルギー：卵
→ 医師向けに3行で要約してください。""", ("phone", ph), ("phone", eph))

# J7 カスタマーサポートメール＋署名（マスク済みカード）
cem = f"m.kobayashi{d(2)}@ezweb.ne.jp"; fd = jp_free(); tel = jp_land(); fx = jp_land()
S("ja", "prose", f"""次の返信メールをもう少し丁寧な表現に直してください。

差出人：{cem}
件名：注文番号 A2611-{d(6)} の返金について

小林様
いつもご利用いただきありがとうございます。ご注文の返金処理は11月22日に完了しております。
ご利用のクレジットカード（****-****-****-1881）へ、カード会社の締め日により翌月または翌々月に反映されます。

━━━━━━━━━━━━━━━━
株式会社ハナモール カスタマーサポート
山口 あかり
フリーダイヤル：{fd}（平日10:00〜18:00）
TEL：{tel}　FAX：{fx}
E-mail：support@hanamall.example.jp
━━━━━━━━━━━━━━━━""",
  ("email", cem), ("phone", fd), ("phone", tel), ("phone", fx), ("email", "support@hanamall.example.jp"))

# J8 議事録 — hard negative
S("ja", "prose", f"""【定例会議 議事録】2026年11月19日（水）10:00〜11:00　会議室B
出席者：営業部 木村、開発部 林、清水、品質保証部 森（敬称略）
1. 新製品「MS-4000」量産開始日：2027年2月1日で確定（型番 MS-4000-JP-R2）
2. 不良率：10月 0.32%（目標0.5%以下）、ロット No.2610-0817 の再検査完了
3. 見積 Q-2026-1187（¥4,860,000）は顧客回答待ち
4. ファームウェア v3.2.7 のリリースは12/5予定（チケット QA-5521）
次回：11月26日（水）10:00
→ この議事録を箇条書き5点で要約してください。""")

# J9 宅配伝票（12桁の伝票番号はマイナンバーではない）
tr = not_mynumber12(); rp = jp_mobile(); sp = jp_land()
S("ja", "prose", f"""ヤマト運輸 宅急便 送り状控え
伝票番号：{tr[:4]}-{tr[4:8]}-{tr[8:]}
お届け先：〒530-0011 大阪府大阪市北区大深町4-20 グランフロント大阪 タワーA 15F
　株式会社サクラ商事 総務部 松本 様　TEL {rp}
ご依頼主：株式会社ミライ精機 出荷センター　TEL {sp}
品名：精密部品（取扱注意）／重量 3.8kg／サイズ 80
お届け予定日：11月26日 午前中
→ 配達遅延のお詫び文を作ってください。""", ("phone", rp), ("phone", sp))

# J10 適格請求書 — hard negative (T + 13 digits registration no.)
S("ja", "prose", f"""請求書
請求番号：INV-2026-11-0342　発行日：2026年11月24日
株式会社サクラ商事 御中
登録番号：T{d(13)}（株式会社ミライ精機）
品目：精密部品 MS-4000 試作品　数量 20　単価 38,500　金額 770,000
品目：治具製作費　数量 1　金額 120,000
小計 890,000　消費税（10%）89,000　合計 ¥979,000
お振込先：三井住友銀行 大阪本店営業部 普通 {d(7)} カ）ミライセイキ
お支払期限：2026年12月31日
→ 金額と消費税の計算が正しいか確認してください。""")

# J11 雇用契約書
ph = jp_mobile(); em = f"ryota.ishikawa{d(2)}@gmail.com"
S("ja", "prose", f"""労働条件通知書（抜粋）の誤字チェックをお願いします。
労働者氏名：石川 亮太　生年月日：1998年7月22日
住所：神奈川県横浜市西区みなとみらい3-6-3 MMパークタワー1208
連絡先：{ph}　メール：{em}
契約期間：期間の定めなし（試用期間3か月）
就業場所：本社（東京都千代田区丸の内1-9-2）
始業・終業：9:00〜18:00（休憩60分）
賃金：基本給 月額265,000円、通勤手当 実費（上限月30,000円）、締日 毎月末日・支払日 翌月25日""",
  ("phone", ph), ("email", em))

# J12 オンボーディング・チェックリスト
pw1 = password(); pw2 = "Mirai-" + d(4) + "-guest"; hd = jp_land()
S("ja", "prose", f"""【新入社員ITオンボーディング】佐藤 遥さん
□ 社内ポータルID：h.sato　初期パスワード：{pw1}（初回ログイン時に変更してください）
□ 来客用Wi-Fi：MIRAI-GUEST　パスワード：{pw2}
□ PC資産番号：PC-2026-0419　シリアル：5CG{rnd(UP + D, 7)}
□ 情報セキュリティ研修（eラーニング コードSEC-01）を12/15までに受講
□ 困ったときは情報システム部ヘルプデスク：helpdesk@mirai-seiki.example.co.jp／{hd}
→ これを新入社員向けの歓迎メールの文面にしてください。""",
  ("password", pw1), ("password", pw2), ("email", "helpdesk@mirai-seiki.example.co.jp"), ("phone", hd))

# J13 扶養控除等申告書（マイナンバー×3、区切りいろいろ）
m0 = jp_mynumber(); m1 = mn_fmt(jp_mynumber(), "-"); m2 = mn_fmt(jp_mynumber(), " ")
S("ja", "prose", f"""令和8年分 給与所得者の扶養控除等（異動）申告書
所得者：森田 拓也　個人番号 {m0}
源泉控除対象配偶者：森田 彩　個人番号 {m1}　所得見積額 0円
控除対象扶養親族（16歳以上）：森田 蓮（長男・2008年生）個人番号 {m2}
16歳未満の扶養親族：森田 結衣（長女・2015年生）
→ 記入漏れがないか確認してください。""", ("jp_mynumber", m0), ("jp_mynumber", m1), ("jp_mynumber", m2))

# J14 外国籍社員名簿（在留カード番号は対象外）
nric = sg_nric(); bsn = nl_bsn(); dni = es_dni(); qs = [jp_mobile() for _ in range(3)]
S("ja", "table", f"""氏名\t国籍\t在留カード番号\t本国ID\t電話
Tan Wei Ming\tシンガポール\t{rnd(UP, 2)}{d(8)}{rnd(UP, 2)}\tNRIC {nric}\t{qs[0]}
Daan de Vries\tオランダ\t{rnd(UP, 2)}{d(8)}{rnd(UP, 2)}\tBSN {bsn}\t{qs[1]}
Lucía García\tスペイン\t{rnd(UP, 2)}{d(8)}{rnd(UP, 2)}\tDNI {dni}\t{qs[2]}
→ 在留期限の確認が必要な人を抽出して、リマインド文面も作ってください。""",
  ("sg_nric", nric), ("nl_bsn", bsn), ("es_dni", dni), ("phone", qs[0]), ("phone", qs[1]), ("phone", qs[2]))

# J15 法人カード紛失届（JCB）
cd = card("jcb"); cdf = fmt_card(cd, " "); cc = jp_free(); ph = jp_mobile()
S("ja", "prose", f"""法人カード紛失届
カード番号：{cdf}（有効期限 2029年4月）
使用者：営業部 岡田 健太
紛失日時：2026年11月22日（土）20時頃、新大阪駅構内
対応：同日21:05 カード会社紛失盗難受付デスク（{cc}）に連絡し利用停止済み、受付番号 {d(10)}
不正利用：現時点で確認されず
本人連絡先：{ph}
→ 社内報告用に文章を整えてください。""", ("card", cdf), ("phone", cc), ("phone", ph))

# J16 カード利用控え — hard negative
S("ja", "prose", f"""【ご利用控え】カフェ・ド・ソレイユ 梅田店
2026/11/21 08:15　伝票番号 {d(5)}
カード会社：VISA　会員番号：XXXX-XXXX-XXXX-7304
承認番号：{d(7)}　端末番号：{d(13)}
ブレンドコーヒー ×2　¥1,100
モーニングセット ×1　¥850
合計 ¥1,950（内消費税 ¥177）
→ 会議費として経費精算の摘要を書いてください。""")

# J17 業務委託契約書 — hard negative
S("ja", "prose", f"""業務委託契約書（表紙・当事者欄）
委託者：株式会社サクラ商事（法人番号 {d(13)}）代表取締役 松本 隆
受託者：株式会社ミライ精機（法人番号 {d(13)}）代表取締役 高橋 誠
契約番号：CT-2026-0088　契約期間：2027年1月1日〜2027年12月31日
委託料：月額 ¥1,650,000（税込）　支払条件：月末締め翌月末払い
収入印紙：4,000円（第2号文書）
→ この当事者欄を英文契約書の形式に翻訳してください。""")

# J18 コールセンター応対メモ（マスク済みマイナンバー）
ph = jp_mobile(""); em = f"aya.fujita{d(2)}@icloud.com"
S("ja", "prose", f"""【応対履歴】受付No. CC-{d(9)}　2026/11/24 13:42
お客様：藤田 彩 様（会員番号 M{d(8)}）
本人確認：生年月日・登録住所で確認済み（マイナンバーカード ****-****-{d(4)} 画像は受領せず）
折返し先：{ph}　メール：{em}
内容：定期便の配送日を毎月10日→20日に変更希望、12月分から反映
対応：変更手続き完了、確認メール送信済み
→ 上長報告用に2文で要約してください。""", ("phone", ph), ("email", em))

# J19 LINE（法人カード番号の共有）
cd = card("visa"); cdn = cd; ph = jp_mobile()
S("ja", "chat", f"""[LINE] 営業チーム
斉藤: 明日の福岡出張、ホテル代を法人カードで先に押さえておきたいです
部長: カード番号 {cdn}
部長: 期限は 03/28、セキュリティコードは後で口頭で
部長: 決済通知は自分の携帯 {ph} に来るようにしておいて
斉藤: 承知しました！予約番号は後で送ります（予約番号 RSV{d(8)}）""", ("card", cdn), ("phone", ph))

# J20 年末調整（ドイツ人社員：Steuer-ID とマイナンバー）
sid = de_steuer_id(); mn = jp_mynumber(); em = f"lukas.becker{d(2)}@example.de"
S("ja", "prose", f"""ドイツから出向中の社員の年末調整・租税条約届出の確認
氏名：Lukas Becker
日本の個人番号：{mn}
ドイツ税務識別番号（Steuer-IdNr.）：{sid}
ドイツ側税理士連絡先：{em}
居住者判定：2025年4月入国、1年以上居住予定のため居住者
→ 日独租税条約の届出書で記入が必要な項目をリストにしてください。""",
  ("jp_mynumber", mn), ("de_steuer_id", sid), ("email", em))

# J21 経費精算CSV — hard negative
rows = "\n".join(f"2026/11/{R.randint(1, 22):02d},{n},{it},{R.randint(5, 300) * 100},VISA ****{d(4)},{d(7)},{memo}"
                 for n, it, memo in [("岡田", "新幹線", "大阪出張"), ("岡田", "宿泊", "新大阪"), ("清水", "タクシー", "顧客訪問"),
                                     ("清水", "会議費", "打合せ2名")])
S("ja", "table", f"""日付,氏名,科目,金額,カード,承認番号,備考
{rows}
→ 科目別の合計を出してください。""")

# J22 インドからの派遣エンジニア（Aadhaar）
adh = aadhaar(); em = f"rahul.verma{d(2)}@example.in"; ph = f"+91 98{d(3)} {d(5)}"; jph = jp_mobile()
S("ja", "prose", f"""インド子会社から受け入れるエンジニアの入国前情報
氏名：Rahul Verma　役職：Senior Engineer
Aadhaar番号：{adh[:4]}-{adh[4:8]}-{adh[8:]}
インドの連絡先：{ph}　／　日本の携帯（到着後）：{jph}
メール：{em}
在留資格：技術・人文知識・国際業務（COE 申請番号 {d(4)}-{d(6)}）
→ 社宅手配と銀行口座開設のチェックリストを作ってください。""",
  ("in_aadhaar", f"{adh[:4]}-{adh[4:8]}-{adh[8:]}"), ("phone", ph), ("phone", jph), ("email", em))

# J23 週報 — hard negative
S("ja", "prose", f"""【週報】開発部 2026/11/17〜11/21
・受注管理システム v2.14.3 を本番反映（ビルド #3381、コミット {rnd(HEX, 8)}）
・応答時間 p95 240ms → 195ms、稼働率 99.97%
・障害 1件：11/18 04:10〜04:25 夜間バッチ遅延（INC-1118-01）
・来週：PostgreSQL 16.4 へのアップグレード検証、証明書更新（有効期限 2027/01/31）
→ 役員向けに3行でまとめてください。""")

# J24 返品対応メール
cem = f"kenji.morita{d(2)}@gmail.com"; cs = jp_free()
S("ja", "prose", f"""宛先：{cem}
件名：【ハナモール】返品受付完了のお知らせ（注文番号 A2611-{d(6)}）

森田 健二 様
返品を受け付けました。集荷予定日：11月27日（木）、集荷伝票番号 {(lambda t: t[:4] + "-" + t[4:8] + "-" + t[8:])(not_mynumber12())}
返金予定額：¥8,470（送料差引後）
ご不明点はカスタマーセンター {cs} または returns@hanamall.example.jp まで。
→ このメールを韓国語に翻訳してください（韓国向けショップでも使います）。""",
  ("email", cem), ("phone", cs), ("email", "returns@hanamall.example.jp"))

# J25 健康診断結果 — hard negative (personal, but no labelled identifier)
S("ja", "prose", f"""【定期健康診断 結果サマリー】社員番号 {d(6)}　受診日 2026/10/14
身長 171.2cm　体重 68.4kg　BMI 23.3
血圧 128/82 mmHg　空腹時血糖 96 mg/dL　HbA1c 5.4%
LDLコレステロール 148 mg/dL（B判定：経過観察）
胸部X線 異常なし　心電図 異常なし
総合判定：B（受診番号 {d(10)}）
→ 本人向けにやさしい言葉で説明文を作ってください。""")

# J26 社宅の賃貸借（個人オーナーへの家賃：支払調書用マイナンバー）
mn = mn_fmt(jp_mynumber(), "-"); ph = jp_land(); em = f"owner.hasegawa{d(2)}@nifty.com"
S("ja", "prose", f"""借上社宅 賃貸借契約の貸主情報（支払調書作成用）
貸主：長谷川 正和（個人）
個人番号：{mn}
住所：東京都世田谷区三軒茶屋2-11-22
電話：{ph}　メール：{em}
物件：コーポ三軒茶屋 203号室　月額賃料 128,000円　管理費 8,000円
→ 支払調書の提出要否（年間支払額の基準）を教えてください。""",
  ("jp_mynumber", mn), ("phone", ph), ("email", em))

# J27 米国からの出向者（社会保障協定）
ssn = us_ssn(); em = f"emily.clark{d(2)}@example.com"
S("ja", "prose", f"""日米社会保障協定 適用証明書（USA/J 101）の内容確認
被用者：Emily Clark
米国社会保障番号（SSN）：{ssn}
派遣元：Clark & Partners LLC（Seattle）／派遣先：株式会社ミライ精機 東京本社
適用期間：2026年10月1日〜2029年9月30日
本人連絡先：{em}
→ 年金事務所への提出書類として必要な日本語訳を作ってください。""", ("us_ssn", ssn), ("email", em))

# J28 取締役会議事録 — hard negative
S("ja", "prose", """第62期 第8回 取締役会議事録
日時：2026年11月17日（月）15:00〜16:20　場所：本社 12階 役員会議室
出席取締役 7名中7名、監査役 3名中3名
第1号議案 2027年度予算（売上高 412億円、営業利益 28.6億円）承認の件 — 原案どおり承認
第2号議案 子会社（ミライ精機ベトナム有限会社）への増資（USD 3,000,000）の件 — 原案どおり承認
報告事項 内部統制評価の進捗
→ 開示用に文章を整えてください。""")

# J29 退職手続き
mn = jp_mynumber(); ph = jp_mobile(); em = f"k.nishimura{d(2)}@outlook.jp"
S("ja", "prose", f"""退職手続きのご案内（西村 和也 様）
退職日：2026年11月30日
源泉徴収票・退職所得の源泉徴収票の作成のため、個人番号 {mn} を使用します。
健康保険証は11/30までに人事部へ返却してください（記号 {d(4)} 番号 {d(2)}）。
書類送付先メール：{em}　連絡先：{ph}
離職票は12月中旬にご自宅へ郵送します。
→ 退職者向けにやわらかい文面に直してください。""", ("jp_mynumber", mn), ("email", em), ("phone", ph))

# J30 セキュリティインシデント報告（攻撃元・社内IP、ドキュメント用IP、ハッシュ）
atk, srv, px = pub_ip(), ip172(), ip192(10)
S("ja", "prose", f"""【インシデント報告】不正ログイン試行について（第一報）
発生：2026/11/22 01:12〜01:58 JST
攻撃元IP：{atk}（海外VPS）から会員サイトへ約3,200件のパスワードリスト攻撃
対象サーバ：{srv}（会員認証API）、経由プロキシ {px}
被害：不正ログイン成功 4アカウント（全件パスワードリセット済み、パスワードはbcryptで保存）
検知ルール：WAFルールID 942100、サンプル：{bcrypt_hash()}（保存形式の例）
IOC 共有用ファイルハッシュ SHA-256：{sha256()}
※ 社外向け資料では IP を 192.0.2.10 のような例示アドレスに置き換えること
→ 経営会議向けに要約してください。""", ("ip_address", atk), ("ip_address", srv), ("ip_address", px))

# J31 名刺データ
tel = jp_land(); mob = jp_mobile(); fx = jp_land()
S("ja", "prose", f"""名刺をスキャンしました。CSV（氏名,会社,部署,役職,電話,携帯,FAX,メール）の1行にしてください。

株式会社アオバ物流
営業本部 第二営業部　部長
青木 康弘
TEL {tel}　携帯 {mob}　FAX {fx}
yasuhiro.aoki@aoba-logi.example.co.jp
〒104-0061 東京都中央区銀座6-10-1 GINZA SIX オフィス13F""",
  ("phone", tel), ("phone", mob), ("phone", fx), ("email", "yasuhiro.aoki@aoba-logi.example.co.jp"))

# J32 在庫リスト（JANコード等）— hard negative
rows = "\n".join(f"49{d(11)},{n},{R.randint(0, 480)},LOT{d(6)},{v}" for n, v in
                 [("精密ドライバー PD-6", "1.2.0"), ("トルクレンチ TW-30", "2.0.1"), ("ノギス DC-150", "3.1.4"), ("マイクロメータ MM-25", "1.0.9")])
S("ja", "table", f"""JANコード,品名,在庫数,ロット,仕様書版
{rows}
→ 在庫が100未満の品目を抜き出して発注リストにしてください。""")

# J33 スペインのフリーランス通訳（DNI + IBAN ES）
dni = es_dni(); ib = iban("ES"); em = f"m.fernandez{d(2)}@example.es"; ph = f"+34 6{d(2)} {d(3)} {d(3)}"
S("ja", "prose", f"""バルセロナ展示会の通訳者への報酬支払い情報
氏名：María Fernández　DNI：{dni}
IBAN：{iban_spaced(ib)}　BIC：CAIXESBBXXX
請求書 No. 2026-041　EUR 1,980.00（3日間）
連絡先：{ph}／{em}
→ 源泉徴収の要否を含め、支払い手順を整理してください。""",
  ("es_dni", dni), ("iban", iban_spaced(ib)), ("phone", ph), ("email", em))

# ================================================================ JAPANESE — technical side
# JT1 社内管理者メモ（IP・rootパスワード・RSA鍵・認証情報入りURL）
a1, a2, dbh, nas = ip192(10), ip192(10), ip192(20), ip192(30); gip = pub_ip()
rpw = password_random(16); rsa = pem_rsa_traditional(); murl = f"mongodb://backup:{rnd_mixed(ALNUM + '-_', 12)}@mongo01.mirai.local:27017/admin"
S("ja", "prose", f"""# 情シス作業メモ（共有フォルダ置き／社外秘）
- 基幹サーバ：app01 {a1} / app02 {a2}
- DB：{dbh}  ユーザ postgres / パスワード {rpw}
- NAS：{nas}（管理画面はブラウザから）
- 本社の固定グローバルIP：{gip}（NTT東日本 フレッツ光クロス）
- バックアップ用MongoDB：{murl}
- 旧サーバ移行用の鍵（SSH, PEM）↓
{rsa}
- 予備：ループバック確認は 127.0.0.1、DHCP 範囲外は 0.0.0.0 表記""",
  ("ip_address", a1), ("ip_address", a2), ("ip_address", dbh), ("password", rpw), ("ip_address", nas),
  ("ip_address", gip), ("url_credentials", murl), ("private_key", rsa))

# JT2 共有スプレッドシート（アカウントとパスワード）
pws = [password() for _ in range(4)]; rt = ip192(1)
S("ja", "table", f"""サービス,URL,ログインID,パスワード,メモ
Microsoft 365 管理,https://admin.microsoft.com,admin@miraiseiki.onmicrosoft.com,{pws[0]},全体管理者
楽天RMS,https://glogin.rms.rakuten.co.jp,mirai-shop,{pws[1]},2段階認証あり
freee会計,https://accounts.secure.freee.co.jp,keiri@mirai-seiki.example.co.jp,{pws[2]},経理部のみ
ルーター管理画面,http://{rt},admin,{pws[3]},本社2F
旧Chatwork,https://www.chatwork.com,info@mirai-seiki.example.co.jp,(退会済み),
→ パスワードの強度を評価して、弱いものを指摘してください。""",
  ("email", "admin@miraiseiki.onmicrosoft.com"), ("password", pws[0]), ("password", pws[1]),
  ("email", "keiri@mirai-seiki.example.co.jp"), ("password", pws[2]), ("ip_address", rt), ("password", pws[3]),
  ("email", "info@mirai-seiki.example.co.jp"))

# JT3 LINE（日韓混在）— Azure ストレージキー + クライアントシークレット
az1 = azure_storage_key(); az2 = azure_client_secret(); tid = uuid4(); cid = uuid4()
S("ja", "chat", f"""[LINE] 日韓共同プロジェクト
ミンジュン: 田中さん、Azure Blob 접속키 공유드립니다 (共有します)
ミンジュン: AccountName=miraikrstorage;AccountKey={az1};EndpointSuffix=core.windows.net
田中: ありがとうございます！アプリ登録の方もお願いできますか
ミンジュン: tenant {tid} / client_id {cid}
ミンジュン: client_secret = {az2}
田中: 了解です、Key Vault に入れておきます 👍""", ("azure_key", az1), ("azure_key", az2))

# JT4 .env（PAY.JP 秘密鍵 vs 公開鍵、LINE、SendGrid）
psk, ppk = payjp("sk_live_"), payjp("pk_live_"); lct = line_channel_token(); lcs = rnd(HEX, 32); sg = sendgrid()
dbpw = rnd_mixed(ALNUM + "-", 14); dburl = f"postgres://ec_app:{dbpw}@db-primary.hanamall.internal:5432/ec"
S("ja", "config", f"""# 本番 .env（ハナモールEC）— LINE通知が飛ばない原因を見てほしい
NODE_ENV=production
DATABASE_URL={dburl}
PAYJP_PUBLIC_KEY={ppk}
PAYJP_SECRET_KEY={psk}
LINE_CHANNEL_ID=2006{d(6)}
LINE_CHANNEL_SECRET={lcs}
LINE_CHANNEL_ACCESS_TOKEN={lct}
SENDGRID_API_KEY={sg}
MAIL_FROM=no-reply@hanamall.example.jp
""", ("url_credentials", dburl), ("payment_token", psk), ("saas_token", lcs), ("saas_token", lct),
  ("saas_token", sg), ("email", "no-reply@hanamall.example.jp"))

# JT5 Python（Chatwork + Backlog）
cw = rnd(HEX, 32); bl = backlog()
S("ja", "code", f"""# Backlogの課題が完了になったらChatworkに通知するスクリプト。403になります。
import requests

CHATWORK_TOKEN = "{cw}"
BACKLOG_SPACE = "mirai-seiki"
BACKLOG_API_KEY = "{bl}"
ROOM_ID = {d(9)}

def notify(issue_key):
    issue = requests.get(f"https://{{BACKLOG_SPACE}}.backlog.jp/api/v2/issues/{{issue_key}}",
                         params={{"apiKey": BACKLOG_API_KEY}}).json()
    requests.post(f"https://api.chatwork.com/v2/rooms/{{ROOM_ID}}/messages",
                  headers={{"X-ChatWorkToken": CHATWORK_TOKEN}}, data={{"body": issue["summary"]}})
""", ("saas_token", cw), ("saas_token", bl))

# JT6 Apache ログ（Slack bot token がクエリに漏れている）
c1, c2, inn = pub_ip(), pub_ip(), ip172(); xb = slack_bot()
S("ja", "log", f"""{c1} - - [24/Nov/2026:09:01:13 +0900] "GET /products/MS-4000?utm_source=line HTTP/2.0" 200 18422 "-" "Mozilla/5.0 (Linux; Android 15)"
{inn} - - [24/Nov/2026:09:01:15 +0900] "GET /internal/notify?channel=C0{rnd(UP + D, 9)}&token={xb} HTTP/1.1" 500 74 "-" "python-requests/2.32.3"
{c2} - - [24/Nov/2026:09:01:20 +0900] "POST /cart/add HTTP/2.0" 302 0 "https://shop.hanamall.example.jp/" "Mozilla/5.0 (Macintosh)"
127.0.0.1 - - [24/Nov/2026:09:01:21 +0900] "GET /server-status?auto HTTP/1.1" 200 512 "-" "collectd/5.12"
→ 500エラーの原因を推測してください。""",
  ("ip_address", c1), ("ip_address", inn), ("slack_token", xb), ("ip_address", c2))

# JT7 Kubernetes マニフェスト — hard negative (secretKeyRef only, digests)
S("ja", "config", f"""# deployment.yaml — readinessProbe が失敗し続けます
apiVersion: apps/v1
kind: Deployment
metadata:
  name: order-api
  annotations:
    deployment.kubernetes.io/revision: "17"
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: order-api
          image: ghcr.io/mirai-seiki/order-api@sha256:{sha256()}
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: {{name: order-db, key: password}}
            - name: STRIPE_SECRET_KEY
              valueFrom:
                secretKeyRef: {{name: payment, key: sk}}
          readinessProbe:
            httpGet: {{path: /healthz, port: 8080}}
""")

# JT8 ベンダー導入手順書（kintone + Twilio。Account SID は識別子）
kt = kintone(); tw = twilio_sk(); sid = "AC" + rnd(HEX, 32); inb = f"+81 50 {rnd('123456789', 1)}{d(3)} {d(4)}"
S("ja", "prose", f"""【導入手順書】電話受付ボット × kintone 連携（株式会社ハナモール様 専用値記入済み）
1. kintone アプリ「問い合わせ管理」(アプリID 128) の APIトークン：{kt}
   権限：レコード閲覧・追加のみ
2. Twilio 設定
   Account SID：{sid}
   API Key SID / Secret：{tw}
   着信番号：{inb}
3. Webhook URL：https://bot.vendor-example.jp/hanamall/voice
※ 本書は機密情報を含みます。取扱いにご注意ください。""",
  ("saas_token", kt), ("saas_token", tw), ("phone", inb))

# JT9 Slack（GitHub fine-grained PAT）
gp = github_pat()
S("ja", "chat", f"""#infra-jp
11:02 石井: Actions から private repo を clone するのに PAT 作りました
11:02 石井: {gp}
11:03 石井: 期限 2027-02-28、権限は Contents: Read-only だけです
11:05 林: ありがとうございます。Org secret の GH_CLONE_TOKEN に登録しておきます
11:06 林: （このメッセージは後で消しましょう）""", ("github_token", gp))

# JT10 Firebase Admin SDK のサービスアカウント JSON
js, key = gcp_sa_json("hanamall-push-notify")
S("ja", "json", f"""プッシュ通知サーバーで認証エラー（invalid_grant）が出ます。サービスアカウントのJSONです。原因わかりますか？

{js}""", ("gcp_credentials", key), ("private_key", key), ("email", "ci-deployer@hanamall-push-notify.iam.gserviceaccount.com"))

# JT11 SDK ドキュメント — hard negative (placeholders, masked)
S("ja", "code", """## クイックスタート

```python
import os
from vendor_sdk import Client

client = Client(api_key=os.environ["VENDOR_API_KEY"])   # 例: "sk-xxxxxxxxxxxxxxxx"
# GitHub トークンは ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX の形式です
# Slack Webhook は https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX
client.login(user="<ユーザー名>", password="<パスワード>")
```
APIキーは管理画面の「設定 > APIキー」から発行してください（表示は sk-****abcd のように末尾4桁のみ）。
→ この手順を韓国語に翻訳してください。""")

# JT12 アプリケーションログ（JWT・メール・内部IP）
tok = jwt({"sub": d(7), "role": "member", "iat": 1763941200}); um = f"sakura.ueda{d(2)}@gmail.com"; ui = ip172()
S("ja", "log", f"""2026-11-24T13:20:44.118+09:00 WARN  [auth-svc] token refresh failed: user={um} ip={ui} reason=expired
2026-11-24T13:20:44.119+09:00 DEBUG [auth-svc] request headers: {{"authorization": "Bearer {tok}", "x-trace-id": "{uuid4()}"}}
2026-11-24T13:20:44.121+09:00 ERROR [auth-svc] io.jsonwebtoken.ExpiredJwtException: JWT expired at 2026-11-24T04:20:00Z
→ 期限切れトークンの扱いをどう直すべきか教えてください。""", ("email", um), ("ip_address", ui), ("jwt", tok))

# JT13 GitHub Actions（secrets 参照 + ハードコードされた Docker Hub / PyPI トークン）
dk = dockerhub(); pp = pypi()
S("ja", "config", f"""# .github/workflows/release.yml — twine upload が 403 になります
name: release
on: {{push: {{tags: ["v*"]}}}}
jobs:
  publish:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
      - run: echo "{dk}" | docker login -u miraiseiki --password-stdin
      - run: python -m build && twine upload dist/* -u __token__ -p {pp}
      - run: gh release create ${{{{ github.ref_name }}}}
        env:
          GH_TOKEN: ${{{{ secrets.GITHUB_TOKEN }}}}
""", ("package_registry_token", dk), ("package_registry_token", pp))

# JT14 IPsec VPN 設定（PSK、拠点IP、サブネットはラベルなし）
g1, g2 = pub_ip(), pub_ip(); psk = high_entropy(40, ALNUM + "!#%*"); dns = ip192(50)
S("ja", "prose", f"""【拠点間VPN 設定シート】本社 ⇔ 大阪営業所
本社側 YAMAHA RTX1300 WAN：{g1}
大阪側 RTX830 WAN：{g2}
IKE 事前共有鍵：{psk}
暗号：AES-CBC-256 / SHA-256 / DHグループ14
本社LAN 192.168.50.0/24（サブネット 255.255.255.0）、社内DNS {dns}
※ 手順書のサンプル値（198.51.100.1 など）はそのまま使わないこと""",
  ("ip_address", g1), ("ip_address", g2), ("generic_secret", psk), ("ip_address", dns))

# JT15 Chatwork 風チャット — LINE Notify トークン + Discord webhook
ln = line_notify(); dw = discord_webhook()
S("ja", "chat", f"""[情シス雑談]
小松: 監視アラートを LINE Notify に飛ばすトークン、これで発行しました → {ln}
小松: Discord のコミュニティ側はこっちの webhook → {dw}
原田: 了解、Zabbix のメディアタイプに設定します
原田: あ、LINE Notify ってサービス終了してませんでしたっけ？笑""", ("saas_token", ln), ("discord_webhook", dw))

# JT16 シェル（Groq / Perplexity / xAI を比較）
gq, px_, xa = groq(), pplx(), xai()
S("ja", "code", f"""#!/bin/bash
# 3社のLLMで同じプロンプトの応答速度を比べるスクリプト。結果の集計方法を提案してほしい
GROQ_API_KEY="{gq}"
PPLX_API_KEY="{px_}"
XAI_API_KEY="{xa}"
for p in groq pplx xai; do
  start=$(date +%s%3N)
  ./bench.sh "$p" "日本の祝日を3つ教えて" > "out_$p.json"
  echo "$p $(( $(date +%s%3N) - start ))ms"
done
""", ("ai_api_key", gq), ("ai_api_key", px_), ("ai_api_key", xa))

# JT17 CI ログ — hard negative
S("ja", "log", f"""2026-11-24 06:02:11 [INFO] git checkout {gitsha()}
2026-11-24 06:02:15 [INFO] pip install -r requirements.txt (hash mode) sha256:{sha256()}
2026-11-24 06:03:40 [INFO] pytest: 912 passed, 4 xfailed in 81.22s
2026-11-24 06:03:52 [INFO] built wheel mirai_tools-3.4.0-py3-none-any.whl
2026-11-24 06:03:53 [INFO] cert OID 1.2.840.113549.1.1.11 (sha256WithRSAEncryption) verified
2026-11-24 06:03:54 [INFO] job id {uuid4()} finished (exit 0)
→ テスト時間を短縮するアイデアをください。""")

# JT18 Terraform（DigitalOcean / Linear / New Relic）
do_, lin, nr = do_token(), linear(), newrelic()
S("ja", "config", f"""# main.tf の一部 — terraform plan で provider 認証エラー
provider "digitalocean" {{
  token = "{do_}"
}}
provider "linear" {{
  api_key = "{lin}"
}}
provider "newrelic" {{
  account_id = {d(7)}
  api_key    = "{nr}"
  region     = "US"
}}
""", ("cloud_token", do_), ("saas_token", lin), ("saas_token", nr))

# JT19 サーバー台帳（IP、ネットマスク、バージョン文字列）
hs = [(h, ip192(100)) for h in ["fs01", "ad01", "ad02", "print01"]]
rows = "\n".join(f"{h}\t{ip}\t255.255.255.0\t192.168.100.1\tWindows Server 2022 (10.0.20348.2849)\t{rnd(UP + D, 10)}" for h, ip in hs)
S("ja", "table", f"""ホスト名\tIPアドレス\tサブネットマスク\tデフォルトゲートウェイ\tOS\tシリアル
{rows}
→ 2025年度中にサポート切れになるものがあるか確認してください。""",
  *[("ip_address", ip) for _, ip in hs], ("ip_address", "192.168.100.1"))

# JT20 決済連携ガイド（Stripe 制限付きキー + Square）
rk = stripe("rk_live_"); sq = square(); pk = stripe("pk_live_")
S("ja", "prose", f"""【決済連携メモ】店頭POS（Square）とECの返金API（Stripe）
・Stripe 公開可能キー（フロント用・公開OK）：{pk}
・Stripe 制限付きキー（返金のみ許可）：{rk}
・Square 本番アクセストークン：{sq}
・Square ロケーションID：L{rnd(UP + D, 12)}
・テストカード番号の例：**** **** **** 4242（本番では使用不可）
→ この構成で返金フローを図にしてください。""", ("stripe_key", rk), ("payment_token", sq))

# JT21 サポートチャット（Amex 番号と電話）
cd = card("amex"); cdf = fmt_card(cd, " "); ph = jp_mobile()
S("ja", "chat", f"""[チャットサポート]
お客様: カード変更したいんですけど、新しいカードは {cdf} です
お客様: 有効期限 09/30、名義 YUTO HAYASHI
オペレーター: お客様、セキュリティのためチャットでのカード番号送信はお控えください。マイページからご変更をお願いします。
お客様: わからないので電話ください {ph}
オペレーター: かしこまりました。担当より折り返しいたします（問い合わせ番号 {d(8)}）""", ("card", cdf), ("phone", ph))

# JT22 application.yml（SMTP パスワード、Redis URL、LDAP）
smtp_pw = password(); rurl = f"redis://default:{rnd_mixed(ALNUM, 20)}@redis.mirai.local:6379/0"; ld = ip10(8, 1)
S("ja", "config", f"""# application-prod.yml — 起動時に LDAP 接続タイムアウト
spring:
  mail:
    host: smtp.office365.com
    username: noreply@mirai-seiki.example.co.jp
    password: "{smtp_pw}"
  data:
    redis:
      url: {rurl}
  ldap:
    urls: ldap://{ld}:389
    base: dc=mirai,dc=local
    password: ${{LDAP_BIND_PASSWORD}}
management.server.address: 127.0.0.1
""", ("email", "noreply@mirai-seiki.example.co.jp"), ("password", smtp_pw), ("url_credentials", rurl), ("ip_address", ld))

write_corpus(OUT, sys.argv[1])
