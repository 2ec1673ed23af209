// What staff record through the web and the command line, on the real binary: corrections
// that are searched, reported and outlive reindexes; the audit log of who read and changed
// what, and its hash chain; accounts whose sessions end when they change; exports to CSV and
// XLSX; and the checks the report lists.
#include <algorithm>
#include <ctime>
#include <iostream>

#include "web_fixture.h"

namespace naskah {
namespace {
using web_e2e::json;
using web_e2e::WebE2E;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

TEST_F(WebE2E, ASessionEndsWithItsAccountChangedFromTheCommandLine) {
  start_server();
  add_user("dian", "operator");
  const auto removed = sign_in("dian");
  const auto changed = sign_in("vera");
  const auto demoted = sign_in("opi");
  const auto deactivated = sign_in("adi");
  const auto untouched = sign_in("adi");
  auto c = client();
  for (const auto& s : {removed, changed, demoted, deactivated}) {
    ASSERT_EQ(c.Get("/api/me", as(s))->status, 200);
  }

  // Changed with `naskah user` while the server runs; each session's next request is 401.
  ASSERT_EQ(naskah({"user", "del", "dian"}).exit_code, 0);
  const auto passwd =
      test::run({"/bin/sh", "-c",
                 "printf '%s\\n' 'sandi-baru-vera' | '" + std::string(NASKAH_BINARY) +
                     "' user passwd --data '" + data() + "' vera --password-stdin"});
  ASSERT_EQ(passwd.exit_code, 0) << passwd.err;
  ASSERT_EQ(naskah({"user", "role", "opi", "--role", "viewer"}).exit_code, 0);
  const auto me_removed = c.Get("/api/me", as(removed));
  EXPECT_EQ(me_removed->status, 401) << "a deleted user's session still works";
  EXPECT_EQ(error_code(me_removed), "auth.required");
  EXPECT_EQ(c.Get("/api/me", as(changed))->status, 401) << "the password changed";
  EXPECT_EQ(c.Get("/api/search?q=universitas", as(demoted))->status, 401) << "the role changed";
  EXPECT_EQ(c.Get("/api/me", as(untouched))->status, 200);

  ASSERT_EQ(naskah({"user", "deactivate", "adi"}).exit_code, 0);
  EXPECT_EQ(c.Get("/api/me", as(deactivated))->status, 401);
  const auto again =
      c.Post("/api/login", json{{"user", "adi"}, {"password", "sandi-rahasia-adi"}}.dump(),
             "application/json");
  EXPECT_EQ(again->status, 401) << "a deactivated user signed in";
  ASSERT_EQ(naskah({"user", "activate", "adi"}).exit_code, 0);
  EXPECT_EQ(c.Get("/api/me", as(sign_in("adi")))->status, 200);
  // The new password and role hold.
  const auto renewed =
      c.Post("/api/login", json{{"user", "vera"}, {"password", "sandi-baru-vera"}}.dump(),
             "application/json");
  EXPECT_EQ(renewed->status, 200);
  EXPECT_EQ(json::parse(c.Get("/api/me", as(sign_in("opi")))->body).at("role"), "viewer");
}

// A date `days` from today, as the server and search compute status with it.
std::string days_from_today(int days) {
  const std::time_t t = std::time(nullptr) + static_cast<std::time_t>(days) * 86400;
  std::tm local{};
  ::localtime_r(&t, &local);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &local);
  return text;
}

TEST_F(WebE2E, ACorrectionIsSearchedReportedAndOutlivesReindexes) {
  start_server();
  const auto viewer = sign_in("vera");
  const auto op = sign_in("opi");
  auto c = client();
  const std::string id = id_of("universitas");
  const json parsed = json::parse(c.Get("/api/agreements/" + id, as(viewer))->body);
  const std::string ended = days_from_today(-10);
  const json changes = {
      {"signed_date", "2019-01-02"},
      {"effective_date", "2019-01-02"},
      {"end_date", ended},
      {"parties",
       {{{"name", "Universitas Koreksi Nusantara"}, {"role", "first"}, {"signatory", "Dr. Sari"}},
        parsed.at("parties").at(1)}}};
  const std::string body = json{{"changes", changes}, {"reason", "dibaca dari aslinya"}}.dump();

  // Viewers read only; bad values and a period that ends before it starts are refused whole.
  EXPECT_EQ(c.Patch("/api/agreements/" + id, as(viewer), body, "application/json")->status, 403);
  const auto bad_date =
      c.Patch("/api/agreements/" + id, as(op), R"({"changes": {"signed_date": "2019-02-30"}})",
              "application/json");
  EXPECT_EQ(bad_date->status, 400);
  EXPECT_EQ(error_code(bad_date), "usage.invalid");
  const auto backwards =
      c.Patch("/api/agreements/" + id, as(op),
              json{{"changes", {{"end_date", "2001-01-01"}}}}.dump(), "application/json");
  EXPECT_EQ(backwards->status, 400) << backwards->body;
  const auto unknown = c.Patch("/api/agreements/" + id, as(op), R"({"changes": {"sha256": "x"}})",
                               "application/json");
  EXPECT_EQ(unknown->status, 400);
  auto no_csrf = as(op);
  no_csrf.erase("X-CSRF-Token");
  EXPECT_EQ(c.Patch("/api/agreements/" + id, no_csrf, body, "application/json")->status, 403);
  EXPECT_EQ(json::parse(c.Get("/api/agreements/" + id, as(viewer))->body).at("signed_date"),
            parsed.at("signed_date"))
      << "a refused correction changed something";

  const auto corrected = c.Patch("/api/agreements/" + id, as(op), body, "application/json");
  ASSERT_EQ(corrected->status, 200) << corrected->body;
  auto check = [&](const std::string& when) {
    const json record = json::parse(c.Get("/api/agreements/" + id, as(viewer))->body);
    EXPECT_EQ(record.at("signed_date"), "2019-01-02") << when;
    EXPECT_EQ(record.at("end_date"), ended) << when;
    EXPECT_EQ(record.at("parties").at(0).at("name"), "Universitas Koreksi Nusantara") << when;
    EXPECT_EQ(record.at("status"), "expired") << when;
    const json corrected_fields = record.at("corrected");
    for (const char* field : {"signed_date", "end_date", "parties"}) {
      EXPECT_NE(std::find(corrected_fields.begin(), corrected_fields.end(), field),
                corrected_fields.end())
          << field << " " << when;
    }
    for (const json& flag : record.at("needs_review")) {
      EXPECT_NE(flag.at("field"), "signed_date") << "a corrected field is still flagged";
    }
    // Search: the party filter and facet, the status filter, the year.
    const auto found = c.Get(
        "/api/search?q=&party=Universitas+Koreksi+Nusantara&status=expired&year=2019", as(viewer));
    ASSERT_EQ(found->status, 200) << found->body;
    const json hits = json::parse(found->body);
    ASSERT_EQ(hits.at("total"), 1) << when << " " << found->body.substr(0, 600);
    EXPECT_EQ(hits.at("hits").at(0).at("id"), id);
    EXPECT_NE(hits.at("facets").dump().find("Universitas Koreksi Nusantara"), std::string::npos);
    // The report: ended within its window.
    const auto report = naskah({"report", "--format", "json", "--days", "30"});
    ASSERT_EQ(report.exit_code, 0) << report.err;
    EXPECT_NE(json::parse(report.out).at("expired").dump().find(id), std::string::npos)
        << when << " " << report.out.substr(0, 400);
  };
  check("after the correction");
  const auto reindexed = naskah({"reindex", "--json"});
  ASSERT_EQ(reindexed.exit_code, 0) << reindexed.err;
  check("after reindex");
  const auto with_ocr = naskah({"reindex", "--ocr", "--json"});
  ASSERT_EQ(with_ocr.exit_code, 0) << with_ocr.err;
  check("after reindex --ocr");

  // The history: what the parser read, what it is now, who changed it and when.
  const auto history = c.Get("/api/agreements/" + id + "/history", as(viewer));
  ASSERT_EQ(history->status, 200);
  const json signed_date = json::parse(history->body).at("fields").at("signed_date");
  EXPECT_EQ(signed_date.at("parsed"), parsed.at("signed_date"));
  EXPECT_EQ(signed_date.at("now"), "2019-01-02");
  ASSERT_EQ(signed_date.at("corrections").size(), 1u);
  EXPECT_EQ(signed_date.at("corrections").at(0).at("who"), "opi");
  EXPECT_EQ(signed_date.at("corrections").at(0).at("old"), parsed.at("signed_date"));
  EXPECT_EQ(signed_date.at("corrections").at(0).at("reason"), "dibaca dari aslinya");
  EXPECT_FALSE(signed_date.at("corrections").at(0).at("when").get<std::string>().empty());

  // On the command line too, and on the record of who did what.
  const auto cli = naskah({"correct", id, "place", "Denpasar", "--as", "budi"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(naskah({"correct", id, "end_date", "kemarin"}).exit_code, 2);
  const auto text = naskah({"history", id});
  EXPECT_NE(text.out.find("Denpasar"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("budi"), std::string::npos);
  const auto audit = naskah({"audit", "--format", "json", "--action", "agreement.correct"});
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  const json events = json::parse(audit.out).at("events");
  ASSERT_EQ(events.size(), 5u) << audit.out;  // four fields through the API, one here
  EXPECT_EQ(events.at(0).at("who"), "opi");
  EXPECT_EQ(events.at(0).at("subject"), id);
  EXPECT_EQ(naskah({"audit", "verify"}).exit_code, 0);
}

TEST_F(WebE2E, TheAuditLogHasWhoReadWhatAndNamesAnEditedOrDeletedLine) {
  start_server();
  const auto viewer = sign_in("vera");
  auto c = client();
  const std::string id = id_of("universitas");
  ASSERT_EQ(c.Get("/api/agreements/" + id, as(viewer))->status, 200);
  ASSERT_EQ(c.Get("/api/agreements/" + id + "/file", as(viewer))->status, 200);
  c.Post("/api/login", json{{"user", "vera"}, {"password", "salah"}}.dump(), "application/json");
  EXPECT_EQ(c.Post("/api/logout", as(viewer), "", "text/plain")->status, 200);
  const auto read = naskah({"audit", "--format", "json"});
  ASSERT_EQ(read.exit_code, 0) << read.err;
  std::vector<std::string> actions;
  const json events = json::parse(read.out);
  for (const json& e : events.at("events")) {
    actions.push_back(e.at("action"));
    if (e.at("action") == "agreement.view") {
      EXPECT_EQ(e.at("who"), "vera");
      EXPECT_EQ(e.at("subject"), id);
      EXPECT_EQ(e.at("address"), "127.0.0.1");
    }
  }
  for (const char* action : {"user.change", "auth.sign-in", "agreement.view", "agreement.download",
                             "auth.sign-in-failed", "auth.sign-out"}) {
    EXPECT_NE(std::find(actions.begin(), actions.end(), action), actions.end()) << action;
  }
  const auto csv = naskah({"audit", "--format", "csv"});
  EXPECT_EQ(csv.out.rfind("seq,time,action,who,subject,address,details\n", 0), 0u) << csv.out;
  EXPECT_EQ(naskah({"audit", "verify"}).exit_code, 0);

  // Edited, then (restored and) a line deleted: each time the first bad line is named.
  fs::path file;
  for (const auto& e : fs::directory_iterator(m_work / "data" / "audit")) {
    if (e.path().filename().string().starts_with("audit-")) file = e.path();
  }
  const std::string original = test::read_text(file.string());
  std::string edited = original;
  const auto at = edited.find("\"who\":\"vera\"");
  ASSERT_NE(at, std::string::npos);
  edited.replace(at, 12, "\"who\":\"adi\"");
  std::ofstream(file, std::ios::trunc) << edited;
  const std::size_t edited_line =
      static_cast<std::size_t>(
          std::count(original.begin(), original.begin() + static_cast<long>(at), '\n')) +
      1;
  const auto bad_edit = naskah({"audit", "verify"});
  EXPECT_EQ(bad_edit.exit_code, 1);
  EXPECT_NE(bad_edit.out.find("line " + std::to_string(edited_line) + " "), std::string::npos)
      << bad_edit.out;

  std::string deleted = original;
  const auto second = deleted.find('\n') + 1;
  deleted.erase(second, deleted.find('\n', second) + 1 - second);  // line 2
  std::ofstream(file, std::ios::trunc) << deleted;
  const auto bad_delete = naskah({"audit", "verify"});
  EXPECT_EQ(bad_delete.exit_code, 1);
  EXPECT_NE(bad_delete.out.find("line 2 "), std::string::npos) << bad_delete.out;
  EXPECT_NE(bad_delete.out.find("removed"), std::string::npos) << bad_delete.out;
}

TEST_F(WebE2E, AdminsManageAccountsAndReadTheAuditLogInTheWeb) {
  start_server();
  const auto admin = sign_in("adi");
  const auto op = sign_in("opi");
  auto c = client();
  EXPECT_EQ(c.Get("/api/users", as(op))->status, 403);
  EXPECT_EQ(c.Get("/api/audit", as(op))->status, 403);
  const auto listed = c.Get("/api/users", as(admin));
  ASSERT_EQ(listed->status, 200);
  EXPECT_EQ(json::parse(listed->body).at("users").size(), 3u);

  const auto added =
      c.Post("/api/users", as(admin),
             json{{"name", "wati"}, {"role", "viewer"}, {"password", "sandi-rahasia-wati"}}.dump(),
             "application/json");
  ASSERT_EQ(added->status, 201) << added->body;
  EXPECT_EQ(
      c.Post("/api/users", as(admin),
             json{{"name", "wati"}, {"role", "viewer"}, {"password", "sandi-rahasia-wati"}}.dump(),
             "application/json")
          ->status,
      409);
  const auto wati = sign_in("wati");
  ASSERT_EQ(c.Get("/api/me", as(wati))->status, 200);
  const auto promoted =
      c.Patch("/api/users/wati", as(admin), R"({"role": "operator"})", "application/json");
  ASSERT_EQ(promoted->status, 200) << promoted->body;
  EXPECT_EQ(json::parse(promoted->body).at("role"), "operator");
  EXPECT_EQ(c.Get("/api/me", as(wati))->status, 401) << "the role changed: the session ended";
  EXPECT_EQ(
      c.Patch("/api/users/adi", as(admin), R"({"active": false})", "application/json")->status, 400)
      << "an admin locked themselves out";
  EXPECT_EQ(
      c.Patch("/api/users/wati", as(admin), R"({"active": false})", "application/json")->status,
      200);
  EXPECT_EQ(c.Post("/api/login", json{{"user", "wati"}, {"password", "sandi-rahasia-wati"}}.dump(),
                   "application/json")
                ->status,
            401);
  EXPECT_EQ(c.Delete("/api/users/wati", as(admin))->status, 200);
  EXPECT_EQ(c.Delete("/api/users/wati", as(admin))->status, 404);

  const auto changes = c.Get("/api/audit?action=user.change&who=adi", as(admin));
  ASSERT_EQ(changes->status, 200);
  const json events = json::parse(changes->body).at("events");
  ASSERT_EQ(events.size(), 4u) << changes->body;  // add, role, deactivate, del; newest first
  EXPECT_EQ(events.at(0).at("details").at("change"), "del");
  EXPECT_EQ(events.at(3).at("subject"), "wati");
  const auto csv = c.Get("/api/audit?format=csv&action=user.change", as(admin));
  ASSERT_EQ(csv->status, 200);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv->body.rfind("seq,time,action,who,subject,address,details\n", 0), 0u);
  EXPECT_NE(csv->body.find(",adi,wati,"), std::string::npos) << csv->body;
}

// Whether the XLSX at `xlsx` holds the rows of the CSV at `csv`, read by a real reader
// (python3-openpyxl); prints why not.
test::RunResult same_rows(const fs::path& csv, const fs::path& xlsx) {
  const std::string script = R"(
import csv, sys, openpyxl
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
sheet = openpyxl.load_workbook(sys.argv[2], read_only=True).worksheets[0]
cells = [['' if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
if rows != cells:
    print('csv:', rows[:3], '\nxlsx:', cells[:3])
    sys.exit(1)
print(len(rows) - 1, 'rows')
)";
  return test::run({"/usr/bin/python3", "-c", script, csv.string(), xlsx.string()});
}

TEST_F(WebE2E, ResultsAndDashboardListsExportToCsvAndXlsxWithTheSameRows) {
  start_server();
  const auto viewer = sign_in("vera");
  auto c = client();
  auto fetch = [&](const std::string& query, const std::string& file) {
    const auto res = c.Get("/api/export?" + query, as(viewer));
    EXPECT_TRUE(res);
    if (!res) return std::string();
    EXPECT_EQ(res->status, 200) << query << ": " << res->body.substr(0, 200);
    EXPECT_NE(res->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
    std::ofstream(m_work / file, std::ios::binary) << res->body;
    return res->body;
  };
  const std::string csv = fetch("list=search&q=&format=csv", "search.csv");
  fetch("list=search&q=&format=xlsx", "search.xlsx");
  EXPECT_EQ(csv.rfind("list,id,doc_type,title,parties,numbers,signed_date,end_date,"
                      "effective_end_date,status,reasons,alasan\n",
                      0),
            0u);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 3) << "a header and both agreements";
  const auto search_rows = same_rows(m_work / "search.csv", m_work / "search.xlsx");
  EXPECT_EQ(search_rows.exit_code, 0) << search_rows.out << search_rows.err;
  EXPECT_NE(search_rows.out.find("2 rows"), std::string::npos) << search_rows.out;

  fetch("list=suspicious&format=csv", "suspicious.csv");
  fetch("list=suspicious&format=xlsx", "suspicious.xlsx");
  const auto listed = same_rows(m_work / "suspicious.csv", m_work / "suspicious.xlsx");
  EXPECT_EQ(listed.exit_code, 0) << listed.out << listed.err;
  EXPECT_EQ(c.Get("/api/export?list=everything&format=csv", as(viewer))->status, 400);
  EXPECT_EQ(c.Get("/api/export?list=search&format=pdf", as(viewer))->status, 400);

  // The report on the command line: the same columns, as CSV and as a workbook.
  const auto report_csv = naskah({"report", "--format", "csv"});
  const auto report_xlsx = naskah({"report", "--format", "xlsx"});
  ASSERT_EQ(report_xlsx.exit_code, 0) << report_xlsx.err;
  std::ofstream(m_work / "report.csv", std::ios::binary) << report_csv.out;
  std::ofstream(m_work / "report.xlsx", std::ios::binary) << report_xlsx.out;
  const auto report_rows = same_rows(m_work / "report.csv", m_work / "report.xlsx");
  EXPECT_EQ(report_rows.exit_code, 0) << report_rows.out << report_rows.err;
}

TEST_F(WebE2E, AnAgreementSignedAfterItsPeriodEndedIsListedWithItsCheck) {
  std::ofstream(m_work / "mundur.pdf", std::ios::binary)
      << test::make_text_pdf({{"PERJANJIAN KERJA SAMA", "ANTARA", "KANTOR WILAYAH BENGKULU",
                               "DENGAN", "UNIVERSITAS PENANGGALAN MUNDUR", "Nomor : 77/KS/2021",
                               "Pada hari ini Senin tanggal 4 Januari 2021, bertempat di Bengkulu",
                               "Perjanjian ini berlaku sejak tanggal 1 Januari 2019 sampai dengan "
                               "tanggal 31 Desember 2020."}});
  ASSERT_EQ(naskah({"ingest", (m_work / "mundur.pdf").string()}).exit_code, 0);
  const auto report = naskah({"report", "--format", "json"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  bool listed = false;
  const json lists = json::parse(report.out);
  for (const json& row : lists.at("suspicious")) {
    const json& reasons = row.at("reasons");
    if (std::find(reasons.begin(), reasons.end(), "signed-after-end-signed_date") !=
        reasons.end()) {
      listed = true;
      EXPECT_EQ(row.at("record").at("signed_date"), "2021-01-04");
    }
  }
  EXPECT_TRUE(listed) << report.out.substr(0, 800);
}

// The family through the API: an addendum names its parent, the parent its children and its
// period after the addendum; the tree and each finding's reasons come with the record; an
// operator can set the parent by hand (and a viewer cannot).
TEST_F(WebE2E, TheAgreementPageHasItsFamilyAndAPersonCanSetTheParent) {
  auto pdf = [&](const std::string& name, std::vector<std::string> lines) {
    std::ofstream(m_work / name, std::ios::binary) << test::make_text_pdf({lines});
    return (m_work / name).string();
  };
  const std::vector<std::string> parties = {
      "Kantor Wilayah Bengkulu, selanjutnya disebut PIHAK PERTAMA;",
      "Universitas Keluarga, selanjutnya disebut PIHAK KEDUA."};
  auto lines = [&](std::vector<std::string> head, std::vector<std::string> tail) {
    head.insert(head.end(), parties.begin(), parties.end());
    head.insert(head.end(), tail.begin(), tail.end());
    return head;
  };
  const std::string parent = pdf(
      "induk.pdf", lines({"PERJANJIAN KERJA SAMA", "ANTARA", "KANTOR WILAYAH BENGKULU", "DAN",
                          "UNIVERSITAS KELUARGA", "Nomor: W7-HN.04.01-1001",
                          "Pada hari ini Selasa tanggal 4 Januari 2022, bertempat di Bengkulu,"},
                         {"Perjanjian ini berlaku sejak tanggal 4 Januari 2022 sampai dengan "
                          "tanggal 3 Januari 2024."}));
  const std::string addendum = pdf(
      "adendum.pdf",
      lines(
          {"ADENDUM PERTAMA", "PERJANJIAN KERJA SAMA", "ANTARA", "KANTOR WILAYAH BENGKULU", "DAN",
           "UNIVERSITAS KELUARGA", "Nomor: W7-HN.04.01-2002",
           "Pada hari ini Rabu tanggal 3 Januari 2024, bertempat di Bengkulu,"},
          {"bahwa PARA PIHAK telah menandatangani Perjanjian Kerja Sama Nomor W7-HN.04.01 - 1001;",
           "Adendum ini berlaku sejak tanggal 3 Januari 2024 sampai dengan tanggal 31 Desember "
           "2099."}));
  const std::string stray = pdf(
      "lain.pdf", lines({"ADENDUM", "PERJANJIAN KERJA SAMA", "ANTARA", "KANTOR WILAYAH BENGKULU",
                         "DAN", "UNIVERSITAS KELUARGA", "Nomor: W7-HN.04.01-3003",
                         "Pada hari ini Kamis tanggal 4 Januari 2024, bertempat di Bengkulu,"},
                        {}));
  ASSERT_EQ(naskah({"ingest", parent, addendum, stray}).exit_code, 0);
  start_server();
  const auto viewer = sign_in("vera");
  const auto op = sign_in("opi");
  auto c = client();
  auto sha_of = [&](const std::string& file) -> std::string {
    const auto r = naskah({"--quiet", "extract", "--json", file});
    return json::parse(r.out).at("sha256");
  };
  const std::string parent_id = sha_of(parent);
  const std::string addendum_id = sha_of(addendum);
  const std::string stray_id = sha_of(stray);

  const json p = json::parse(c.Get("/api/agreements/" + parent_id, as(viewer))->body);
  EXPECT_EQ(p.at("children"), json::array({addendum_id}));
  EXPECT_EQ(p.at("end_date"), "2024-01-03");
  EXPECT_EQ(p.at("effective_end_date"), "2099-12-31");
  EXPECT_EQ(p.at("status"), "active") << "the addendum extended it";
  ASSERT_EQ(p.at("family").size(), 2U) << p.at("family").dump();
  EXPECT_EQ(p.at("family")[0].at("id"), parent_id) << "the root first";
  EXPECT_EQ(p.at("family")[1].at("parent"), parent_id);
  const json a = json::parse(c.Get("/api/agreements/" + addendum_id, as(viewer))->body);
  EXPECT_EQ(a.at("parent"), parent_id);
  EXPECT_EQ(a.at("family_root"), parent_id);

  // The stray addendum cites nothing: its finding comes with its reasons.
  const json s = json::parse(c.Get("/api/agreements/" + stray_id, as(viewer))->body);
  bool orphan = false;
  for (const json& finding : s.at("checks")) {
    if (finding.at("code") != "check.addendum-without-parent") continue;
    orphan = true;
    EXPECT_EQ(finding.at("reason").at("id"), "Adendum tanpa naskah induk di arsip");
  }
  EXPECT_TRUE(orphan) << s.at("checks").dump();

  // A person says which agreement it amends: the family grows, the finding goes.
  const std::string body = json{{"changes", {{"parent", parent_id}}}}.dump();
  EXPECT_EQ(c.Patch("/api/agreements/" + stray_id, as(viewer), body, "application/json")->status,
            403);
  const auto self = c.Patch("/api/agreements/" + stray_id, as(op),
                            json{{"changes", {{"parent", stray_id}}}}.dump(), "application/json");
  EXPECT_EQ(self->status, 400) << self->body;
  // Hostile values: an id of no agreement, not an id at all: each a clear 400, nothing
  // changed. A keluarga: too short to name one finds nothing.
  for (const std::string& value :
       {std::string(64, 'f'), std::string("../../etc/passwd"), std::string("W7-HN.04.01-1001")}) {
    const auto bad = c.Patch("/api/agreements/" + stray_id, as(op),
                             json{{"changes", {{"parent", value}}}}.dump(), "application/json");
    EXPECT_EQ(bad->status, 400) << value << ": " << bad->body;
  }
  const auto too_short = c.Get("/api/search?q=keluarga%3Aab", as(viewer));
  EXPECT_EQ(too_short->status, 200);
  EXPECT_EQ(json::parse(too_short->body).at("total"), 0) << "an id that names no agreement";
  const auto set = c.Patch("/api/agreements/" + stray_id, as(op), body, "application/json");
  ASSERT_EQ(set->status, 200) << set->body;
  const json adopted = json::parse(c.Get("/api/agreements/" + stray_id, as(viewer))->body);
  EXPECT_EQ(adopted.at("parent"), parent_id);
  for (const json& finding : adopted.at("checks")) {
    EXPECT_NE(finding.at("code"), "check.addendum-without-parent");
  }
  const json grown = json::parse(c.Get("/api/agreements/" + parent_id, as(viewer))->body);
  EXPECT_EQ(grown.at("family").size(), 3U);
  // keluarga: finds all three through the search API.
  const json found = json::parse(c.Get("/api/search?q=keluarga%3A" + stray_id, as(viewer))->body);
  EXPECT_EQ(found.at("total"), 3) << found.dump().substr(0, 400);
}

}  // namespace
}  // namespace naskah
