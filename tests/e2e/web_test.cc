// naskah serve over HTTP, on the real binary: who may do what (anonymous, viewer, operator,
// admin, API token), sign-in and its throttling, session expiry, CSRF and cross-site posts,
// path traversal, malformed and oversized requests, text that is HTML shown as text, an
// upload that becomes searchable, and the journey in a real browser.
#include <algorithm>
#include <atomic>
#include <ctime>
#include <iostream>

#include "naskah/core/clock.h"
#include "naskah/core/sha256.h"
#include "web_fixture.h"

namespace naskah {
namespace {
using web_e2e::json;
using web_e2e::WebE2E;
namespace fs = std::filesystem;
using namespace std::chrono_literals;
using web_e2e::k_xss_img;
using web_e2e::k_xss_script;

TEST_F(WebE2E, EveryApiRouteRefusesAnonymousRequests) {
  start_server();
  const std::string id = id_of("universitas");
  auto c = client();
  for (const std::string& path : std::vector<std::string>{
           "/api/search?q=universitas", "/api/agreements/" + id, "/api/agreements/" + id + "/file",
           "/api/agreements/" + id + "/pages/1", "/api/agreements/" + id + "/thumbnail",
           "/api/stats", "/api/me", "/metrics", "/api/uploads/" + id, "/api/nothing-here",
           "/etc/passwd"}) {
    const auto res = c.Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 401) << path;
    EXPECT_EQ(error_code(res), "auth.required") << path;
    EXPECT_EQ(res->body.find("universitas"), std::string::npos) << path;
  }
  for (const std::string path : {"/api/logout", "/api/upload"}) {
    const auto res = c.Post(path, "x", "text/plain");
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 401) << path;
  }
  // A made-up cookie is no session.
  const auto forged = c.Get("/api/me", {{"Cookie", "naskah_session=" + std::string(64, 'a')}});
  EXPECT_EQ(forged->status, 401);
  // Public: the health check and the UI's pages and files.
  for (const std::string& path : std::vector<std::string>{"/healthz", "/", "/login", "/search?q=x", "/dashboard",
                                 "/agreement/" + id, "/assets/app.js", "/assets/app.css"}) {
    const auto res = c.Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 200) << path;
  }
  const auto page = c.Get("/");
  EXPECT_NE(page->get_header_value("Content-Security-Policy").find("script-src 'self'"),
            std::string::npos);
  EXPECT_EQ(page->get_header_value("X-Frame-Options"), "DENY");
}

TEST_F(WebE2E, EachRoleMayDoWhatItMayAndNoMore) {
  start_server();
  const auto viewer = sign_in("vera");
  const auto op = sign_in("opi");
  const auto admin = sign_in("adi");
  auto c = client();
  const auto pdf = test::read_text(test::source_path("samples/mou-kanwil-universitas.pdf"));
  const httplib::MultipartFormDataItems upload{{"file", pdf, "x.pdf", "application/pdf"}};
  EXPECT_EQ(c.Get("/api/search?q=universitas", as(viewer))->status, 200);
  EXPECT_EQ(c.Get("/api/stats", as(viewer))->status, 200);
  const auto refused = c.Post("/api/upload", as(viewer), upload);
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(error_code(refused), "auth.forbidden");
  EXPECT_EQ(c.Get("/metrics", as(viewer))->status, 403);
  EXPECT_EQ(c.Get("/metrics", as(op))->status, 403);
  const auto metrics = c.Get("/metrics", as(admin));
  ASSERT_EQ(metrics->status, 200);
  EXPECT_NE(metrics->body.find("naskah_documents 2"), std::string::npos) << metrics->body;
  EXPECT_NE(metrics->body.find("naskah_search_seconds_bucket"), std::string::npos);
  EXPECT_EQ(c.Post("/api/upload", as(op), upload)->status, 202);

  // API tokens, for scripts such as a Prometheus server.
  const auto token = test::run_naskah({"user", "token", "--data", data(), "adi"});
  ASSERT_EQ(token.exit_code, 0) << token.err;
  std::string secret = token.out;
  while (!secret.empty() && std::isspace(static_cast<unsigned char>(secret.back()))) {
    secret.pop_back();
  }
  EXPECT_EQ(c.Get("/metrics", {{"Authorization", "Bearer " + secret}})->status, 200);
  EXPECT_EQ(c.Get("/api/search?q=universitas", {{"Authorization", "Bearer " + secret}})->status,
            200);
  EXPECT_EQ(c.Get("/metrics", {{"Authorization", "Bearer " + std::string(64, 'f')}})->status,
            401);
}

TEST_F(WebE2E, SignInSignOutAndThrottling) {
  start_server({{"NASKAH_WEB_LOGIN_MAX_FAILURES", "3"}});
  auto c = client();
  const auto wrong = c.Post("/api/login", json{{"user", "vera"}, {"password", "salah"}}.dump(),
                            "application/json");
  const auto unknown = c.Post("/api/login", json{{"user", "siapa"}, {"password", "salah"}}.dump(),
                              "application/json");
  ASSERT_TRUE(wrong && unknown);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(unknown->status, 401);
  EXPECT_EQ(wrong->body, unknown->body) << "tells which user names exist";
  EXPECT_EQ(c.Post("/api/login", "{not json", "application/json")->status, 400);

  const auto session = sign_in("vera");
  const auto me = c.Get("/api/me", as(session));
  ASSERT_EQ(me->status, 200);
  EXPECT_EQ(json::parse(me->body).at("role"), "viewer");
  EXPECT_EQ(c.Post("/api/logout", as(session), "", "text/plain")->status, 200);
  EXPECT_EQ(c.Get("/api/me", as(session))->status, 401) << "the session outlived sign-out";

  // The third failure in a row locks the name out, even with the right password.
  for (int i = 0; i < 3; ++i) {
    c.Post("/api/login", json{{"user", "vera"}, {"password", "salah"}}.dump(),
           "application/json");
  }
  const auto locked = c.Post(
      "/api/login", json{{"user", "vera"}, {"password", "sandi-rahasia-vera"}}.dump(),
      "application/json");
  EXPECT_EQ(locked->status, 429);
  EXPECT_EQ(error_code(locked), "auth.throttled");
  EXPECT_FALSE(locked->get_header_value("Retry-After").empty());
}

TEST_F(WebE2E, AnIdleSessionExpires) {
  start_server({{"NASKAH_WEB_SESSION_IDLE_SECONDS", "2"}});
  const auto session = sign_in("vera");
  auto c = client();
  EXPECT_EQ(c.Get("/api/me", as(session))->status, 200);
  std::this_thread::sleep_for(3500ms);
  EXPECT_EQ(c.Get("/api/me", as(session))->status, 401);
}

TEST_F(WebE2E, CrossSitePostsAreRefused) {
  start_server();
  const auto op = sign_in("opi");
  auto c = client();
  const auto pdf = test::read_text(test::source_path("samples/mou-kanwil-universitas.pdf"));
  const httplib::MultipartFormDataItems upload{{"file", pdf, "forged.pdf", "application/pdf"}};
  // A page elsewhere that posts a form with the victim's cookie has no CSRF token...
  const auto no_token = c.Post("/api/upload", {{"Cookie", op.first}}, upload);
  EXPECT_EQ(no_token->status, 403);
  EXPECT_EQ(error_code(no_token), "auth.csrf");
  const auto bad_token = c.Post("/api/upload", {{"Cookie", op.first}, {"X-CSRF-Token", "x"}}, upload);
  EXPECT_EQ(bad_token->status, 403);
  // ...and its browser names the other site as the origin.
  auto headers = as(op);
  headers.emplace("Origin", "https://evil.example");
  EXPECT_EQ(c.Post("/api/upload", headers, upload)->status, 403);
  EXPECT_FALSE(fs::exists(m_work / "data" / "inbox" / "forged.pdf"));
  EXPECT_EQ(c.Post("/api/logout", {{"Cookie", op.first}}, "", "text/plain")->status, 403);
  EXPECT_EQ(c.Get("/api/me", as(op))->status, 200) << "a forged logout ended the session";
}

TEST_F(WebE2E, PathTraversalAndBadParametersAreRefused) {
  start_server({{"NASKAH_WEB_UPLOAD_MAX_MB", "1"}});
  const auto op = sign_in("opi");
  auto c = client();
  for (const std::string& path : std::vector<std::string>{
           "/api/agreements/..%2F..%2F..%2Fetc%2Fpasswd", "/api/agreements/../../etc/passwd",
           "/api/agreements/" + std::string(64, 'A'), "/api/agreements/" + std::string(64, 'a'),
           "/api/agreements/" + std::string(64, 'a') + "/file",
           "/assets/..%2F..%2F..%2Fetc%2Fpasswd", "/assets/../../../../etc/passwd",
           "/api/agreements/" + std::string(63, 'a') + "/pages/1",
           "/api/agreements/" + std::string(64, 'a') + "/thumbnail",
           "/api/agreements/..%2F..%2Fthumbnail",
           "/api/agreements/" + std::string(64, 'A') + "/thumbnail"}) {
    const auto res = c.Get(path, as(op));
    ASSERT_TRUE(res) << path;
    EXPECT_TRUE(res->status == 404 || res->status == 400) << path << " " << res->status;
    EXPECT_EQ(res->body.find("root:"), std::string::npos) << path;
  }
  const std::string id = id_of("universitas");
  EXPECT_EQ(c.Get("/api/agreements/" + id + "/pages/999", as(op))->status, 404);
  for (const std::string query : {"limit=abc", "limit=100000", "offset=-1", "sort=bogus",
                                  "signed_from=kemarin", "status=bogus"}) {
    const auto res = c.Get("/api/search?q=x&" + query, as(op));
    EXPECT_EQ(res->status, 400) << query;
    EXPECT_EQ(error_code(res), "usage.invalid") << query;
  }

  const auto pdf = test::read_text(test::source_path("samples/mou-kanwil-universitas.pdf"));
  // A name that climbs out of the inbox lands in the inbox, under its last part.
  const auto climbed = c.Post("/api/upload", as(op),
                              {{"file", pdf, "../../../escaped.pdf", "application/pdf"}});
  ASSERT_EQ(climbed->status, 202) << climbed->body;
  EXPECT_EQ(json::parse(climbed->body).at("name"), "escaped.pdf");
  EXPECT_TRUE(fs::exists(m_work / "data" / "inbox" / "escaped.pdf"));
  EXPECT_FALSE(fs::exists(m_work / "escaped.pdf"));
  const auto hidden = c.Post("/api/upload", as(op), {{"file", pdf, ".x.pdf", "application/pdf"}});
  EXPECT_EQ(json::parse(hidden->body).at("name"), "x.pdf");
  // The same name again is saved beside it, never over it.
  const auto again = c.Post("/api/upload", as(op), {{"file", pdf, "x.pdf", "application/pdf"}});
  ASSERT_EQ(again->status, 202) << again->body;
  EXPECT_EQ(json::parse(again->body).at("name"), "x (2).pdf");
  // A Latin-1 name (not UTF-8) and a control character: a safe UTF-8 name in the inbox.
  const auto latin1 = c.Post("/api/upload", as(op),
                             {{"file", pdf, std::string("surat\xe9\tINFO.pdf"), "application/pdf"}});
  ASSERT_EQ(latin1->status, 202) << latin1->body;
  EXPECT_EQ(json::parse(latin1->body).at("name"), "surat__INFO.pdf");
  EXPECT_TRUE(fs::exists(m_work / "data" / "inbox" / "surat__INFO.pdf"));
  // What naskah ingest takes, an upload takes too: junk before the PDF header.
  const auto junk = c.Post("/api/upload", as(op),
                           {{"file", "\r\n\r\n" + pdf, "scan", "application/pdf"}});
  ASSERT_EQ(junk->status, 202) << junk->body;
  EXPECT_EQ(json::parse(junk->body).at("name"), "scan.pdf");

  const auto big = c.Post("/api/upload", as(op),
                          {{"file", "%PDF-" + std::string(2 * 1024 * 1024, 'x'), "big.pdf",
                            "application/pdf"}});
  EXPECT_EQ(big->status, 413);
  const auto text = c.Post("/api/upload", as(op), {{"file", "hello", "a.pdf", "application/pdf"}});
  EXPECT_EQ(text->status, 415);
  EXPECT_EQ(error_code(text), "input.unsupported-type");
  EXPECT_EQ(c.Post("/api/upload", as(op), {{"file", "", "a.pdf", "application/pdf"}})->status,
            400);
  EXPECT_EQ(c.Post("/api/upload", as(op), "not multipart", "text/plain")->status, 400);
  EXPECT_EQ(c.Post("/api/upload", as(op), {{"other", pdf, "a.pdf", "application/pdf"}})->status,
            400);
}

TEST_F(WebE2E, HtmlInADocumentComesBackAsText) {
  start_server();
  const auto viewer = sign_in("vera");
  auto c = client();
  const std::string id = id_of("keamanan");
  const auto record = c.Get("/api/agreements/" + id, as(viewer));
  ASSERT_EQ(record->status, 200);
  EXPECT_EQ(record->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(record->get_header_value("X-Content-Type-Options"), "nosniff");
  const json body = json::parse(record->body);
  EXPECT_NE(body.at("text").get<std::string>().find(k_xss_script), std::string::npos);
  const auto found = c.Get("/api/search?q=keamanan+script", as(viewer));
  ASSERT_EQ(found->status, 200);
  const json results = json::parse(found->body);
  ASSERT_FALSE(results.at("hits").empty());
  for (const json& hit : results.at("hits")) {
    const std::string snippet = hit.at("snippet");
    EXPECT_EQ(snippet.find("<script"), std::string::npos) << snippet;
    EXPECT_EQ(snippet.find("<img"), std::string::npos) << snippet;
  }
}

TEST_F(WebE2E, AgreementFilePageImageAndStats) {
  start_server();
  const auto viewer = sign_in("vera");
  auto c = client();
  const std::string id = id_of("universitas");
  const auto file = c.Get("/api/agreements/" + id + "/file", as(viewer));
  ASSERT_EQ(file->status, 200);
  EXPECT_EQ(file->body, test::read_text(test::source_path("samples/mou-kanwil-universitas.pdf")));
  EXPECT_NE(file->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
  const auto page = c.Get("/api/agreements/" + id + "/pages/1", as(viewer));
  ASSERT_EQ(page->status, 200) << page->body;
  EXPECT_EQ(page->body.substr(0, 8), "\x89PNG\r\n\x1a\n");
  EXPECT_EQ(c.Get("/api/agreements/" + id + "/pages/1", as(viewer))->body, page->body);
  // The thumbnail of results: the first page, a fraction of the page view's size.
  const auto thumbnail = c.Get("/api/agreements/" + id + "/thumbnail", as(viewer));
  ASSERT_EQ(thumbnail->status, 200) << thumbnail->body;
  EXPECT_EQ(thumbnail->body.substr(0, 8), "\x89PNG\r\n\x1a\n");
  EXPECT_LT(thumbnail->body.size() * 4, page->body.size());
  const auto stats = c.Get("/api/stats", as(viewer));
  ASSERT_EQ(stats->status, 200);
  const json s = json::parse(stats->body);
  EXPECT_EQ(s.at("total"), 2);
  for (const char* key : {"status", "doc_type", "year", "party", "office", "expiring",
                          "expired", "suspicious"}) {
    EXPECT_TRUE(s.contains(key)) << key;
  }
  // "Recently" expired: in the last `days` days only. The samples ended in 2024.
  const auto dated = [&](int days) {
    return json::parse(c.Get("/api/stats?days=" + std::to_string(days), as(viewer))->body);
  };
  const json recent = dated(30);
  EXPECT_GE(recent.at("counts").at("expired_all"), 1);
  const std::string since = add_days(recent.at("today").get<std::string>(), -30);
  for (const json& row : recent.at("expired")) {
    const json& r = row.at("record");
    const bool amended = r.contains("effective_end_date") && r["effective_end_date"].is_string();
    const json& end = amended ? r.at("effective_end_date") : r.at("end_date");
    EXPECT_GE(end.get<std::string>(), since) << row.dump();
  }
  const json decade = dated(3650);
  EXPECT_EQ(decade.at("counts").at("expired"), decade.at("counts").at("expired_all"));
  EXPECT_GE(decade.at("expired").size(), 1u);
  // Compressed where it pays.
  const auto js = c.Get("/assets/app.js", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(js->get_header_value("Content-Encoding"), "gzip");
  const auto again = c.Get("/assets/app.js", {{"If-None-Match", js->get_header_value("ETag")}});
  EXPECT_EQ(again->status, 304);
}

TEST_F(WebE2E, PagesAreDrawnUprightInWorkersAndABombHoldsUpNoOtherPage) {
  // A page OCR turned upright, and a PDF drawing one image declared 100000 x 100000 px. The
  // turned page is OCRed in the release build only (25 s under ASan; the same code runs).
  const bool turned_too = !test::under_sanitizer();
  fs::create_directories(m_work / "more");
  if (turned_too) {
    fs::copy_file(test::source_path("samples/pks-lapas-pemda.upside-down.pdf"),
                  m_work / "more" / "terbalik.pdf");
  }
  if (test::have_shared()) {
    fs::copy_file(test::shared_path("corpus/bad/image-bomb-100000px.pdf"),
                  m_work / "more" / "bom.pdf");
  }
  if (!fs::is_empty(m_work / "more")) {
    const auto ingested = naskah({"ingest", "--json", (m_work / "more").string()});
    ASSERT_EQ(ingested.exit_code, 0) << ingested.out << ingested.err;
  }
  start_server({{"NASKAH_WEB_RENDER_TIMEOUT_SECONDS", "4"}, {"NASKAH_WEB_RENDER_WORKERS", "2"}});
  const auto viewer = sign_in("vera");
  auto c = client();

  if (turned_too) {
    const std::string turned = id_of("lapas");
    const auto record = c.Get("/api/agreements/" + turned, as(viewer));
    ASSERT_EQ(record->status, 200);
    const json rotations = json::parse(record->body).at("page_rotations");
    ASSERT_FALSE(rotations.empty());
    EXPECT_EQ(rotations.at(0), 180);
    const auto page = c.Get("/api/agreements/" + turned + "/pages/1", as(viewer));
    ASSERT_EQ(page->status, 200) << page->body;
    EXPECT_TRUE(fs::exists(m_work / "data" / "cache" / "pages" / turned.substr(0, 2) /
                           (turned + "-1-110-r180.png")))
        << "the page was not drawn turned";
  }

  if (!test::have_shared()) return;
  const std::string bomb = sha256_hex(test::read_text((m_work / "more" / "bom.pdf").string()));
  std::atomic<int> bomb_status{0};
  std::thread drawing([&] {
    auto own = client();
    const auto answer = own.Get("/api/agreements/" + bomb + "/pages/1", as(viewer));
    bomb_status = answer ? answer->status : -1;
  });
  std::this_thread::sleep_for(300ms);
  const std::string mou = id_of("universitas");
  for (const char* n : {"1", "2"}) {
    const auto started = std::chrono::steady_clock::now();
    const auto other = c.Get("/api/agreements/" + mou + "/pages/" + n, as(viewer));
    ASSERT_TRUE(other);
    EXPECT_EQ(other->status, 200);
    EXPECT_LT(std::chrono::steady_clock::now() - started, test::under_sanitizer() ? 20s : 5s)
        << "page " << n << " waited for the bomb";
  }
  drawing.join();
  // Drawn within the limit, or refused by it: either way the server lives on.
  EXPECT_TRUE(bomb_status == 200 || bomb_status == 422) << bomb_status;
  EXPECT_EQ(c.Get("/healthz")->status, 200);
}

TEST_F(WebE2E, AnUploadBecomesSearchable) {
  start_server();  // no --watch: serve takes its uploads itself
  const auto op = sign_in("opi");
  auto c = client();
  const std::string pdf = test::make_text_pdf({{
      "PERJANJIAN KERJA SAMA", "ANTARA", "LEMBAGA PEMASYARAKATAN KELAS IIA CONTOHKOTA",
      "DENGAN", "PEMERINTAH KABUPATEN CONTOHKOTA", "TENTANG",
      "PEMBINAAN KEMANDIRIAN WARGA BINAAN", "Nomor: PKS-77/LAPAS/2022",
      "Pada hari ini Selasa tanggal 1 Maret 2022 para pihak sepakat bekerja sama."}});
  const auto accepted =
      c.Post("/api/upload", as(op), {{"file", pdf, "pks-contohkota.pdf", "application/pdf"}});
  ASSERT_EQ(accepted->status, 202) << accepted->body;
  const std::string sha = json::parse(accepted->body).at("sha256");
  std::string state;
  for (int i = 0; i < 600 && state != "searchable" && state != "refused"; ++i) {
    const auto res = c.Get("/api/uploads/" + sha, as(op));
    ASSERT_EQ(res->status, 200) << res->body;
    state = json::parse(res->body).at("state");
    std::this_thread::sleep_for(200ms);
  }
  ASSERT_EQ(state, "searchable");
  const auto found = c.Get("/api/search?q=contohkota", as(op));
  ASSERT_EQ(found->status, 200);
  const json results = json::parse(found->body);
  ASSERT_EQ(results.at("total"), 1);
  EXPECT_EQ(results.at("hits").at(0).at("id"), sha);
  // A file that is not an agreement scan is refused with its reason.
  const auto unknown = c.Get("/api/uploads/" + std::string(64, 'b'), as(op));
  EXPECT_EQ(unknown->status, 404);
}

// The whole journey in a real browser (Debian's chromium driven by playwright-core, see
// tests/browser/ui_test.mjs): sign in, search, filter, open, download, the injected HTML
// never runs, upload and see it searchable, dashboard, language, sign out. Screenshots are
// kept in the build folder's browser-artifacts/.
TEST_F(WebE2E, BrowserUserJourney) {
  const std::string browser_dir = test::source_path("tests/browser");
  ASSERT_TRUE(fs::exists(browser_dir + "/node_modules/playwright-core"))
      << "run scripts/setup.sh: it installs playwright-core into tests/browser";
  ASSERT_TRUE(fs::exists("/usr/bin/chromium")) << "run scripts/setup.sh: it installs chromium";
  // A family: an agreement and the addendum that extends it.
  std::ofstream(m_work / "induk.pdf", std::ios::binary) << test::make_text_pdf(
      {{"PERJANJIAN KERJA SAMA", "ANTARA", "LEMBAGA PEMASYARAKATAN KELAS IIA UJICOBA", "DENGAN",
        "POLITEKNIK UJICOBA", "TENTANG", "PELATIHAN KERJA", "Nomor: W9-HN.04.01-1001",
        "Pada hari ini Selasa tanggal 4 Januari 2022 para pihak sepakat bekerja sama.",
        "Perjanjian ini berlaku sejak tanggal 4 Januari 2022",
        "sampai dengan tanggal 3 Januari 2024."}});
  std::ofstream(m_work / "adendum.pdf", std::ios::binary) << test::make_text_pdf(
      {{"ADENDUM PERTAMA", "PERJANJIAN KERJA SAMA", "ANTARA",
        "LEMBAGA PEMASYARAKATAN KELAS IIA UJICOBA", "DENGAN", "POLITEKNIK UJICOBA",
        "Nomor: W9-HN.04.01-2002",
        "Pada hari ini Rabu tanggal 3 Januari 2024 para pihak sepakat mengubah",
        "Perjanjian Kerja Sama Nomor W9-HN.04.01-1001.",
        "Adendum ini berlaku sejak tanggal 3 Januari 2024",
        "sampai dengan tanggal 31 Desember 2099."}});
  // Three pages, each saying which it is: the scan and the text of page n side by side.
  std::ofstream(m_work / "halaman.pdf", std::ios::binary) << test::make_text_pdf(
      {{"NOTA KESEPAHAMAN", "HALAMAN-1"}, {"Pasal 1", "HALAMAN-2"}, {"Pasal 2", "HALAMAN-3"}});
  ASSERT_EQ(naskah({"ingest", (m_work / "induk.pdf").string(), (m_work / "adendum.pdf").string(),
                    (m_work / "halaman.pdf").string()})
                .exit_code,
            0);
  auto sha_of = [&](const char* name) -> std::string {
    return json::parse(naskah({"--quiet", "extract", "--json", (m_work / name).string()}).out)
        .at("sha256");
  };
  start_server();  // no --watch: serve takes its uploads itself
  const std::string upload = (m_work / "pks-unggahan.pdf").string();
  std::ofstream(upload, std::ios::binary) << test::make_text_pdf({{
      "PERJANJIAN KERJA SAMA", "ANTARA", "RUMAH TAHANAN NEGARA KELAS I UJICOBA", "DENGAN",
      "DINAS SOSIAL KOTA UJICOBA", "TENTANG", "REHABILITASI SOSIAL",
      "Nomor: PKS-12/RUTAN/2023",
      "Pada hari ini Rabu tanggal 1 Februari 2023 para pihak sepakat bekerja sama."}});
  const fs::path artifacts = fs::current_path() / "browser-artifacts";
  fs::remove_all(artifacts);
  fs::create_directories(artifacts);
  const std::string env =
      "NASKAH_URL=http://127.0.0.1:" + std::to_string(m_port) +
      " NASKAH_OPERATOR=opi NASKAH_OPERATOR_PASSWORD=sandi-rahasia-opi" + " NASKAH_UPLOAD_FILE='" +
      upload + "' NASKAH_ARTIFACTS='" + artifacts.string() +
      "' NASKAH_QUERY=universitas NASKAH_XSS_ID=" + id_of("keamanan") +
      " NASKAH_VIEWER=vera NASKAH_VIEWER_PASSWORD=sandi-rahasia-vera" +
      " NASKAH_FAMILY_ID=" + sha_of("adendum.pdf") +
      " NASKAH_FAMILY_PARENT=" + sha_of("induk.pdf") + " NASKAH_PAGES_ID=" + sha_of("halaman.pdf");
  const auto r = test::run({"/bin/sh", "-c",
                            "cd '" + browser_dir + "' && env " + env + " node ui_test.mjs"},
                           600);
  std::cout << r.out;  // one line per step, in the test log
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

}  // namespace
}  // namespace naskah
