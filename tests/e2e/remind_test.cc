// `naskah remind` against a real SMTP server (Debian's python3-aiosmtpd, STARTTLS and login
// required, a certificate made by the test) and a real HTTP webhook receiver: each digest
// arrives once, per office, in Indonesian with links; a server that is down gets it on the
// next run; a second run sends nothing; a nearer window sends again.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "make_pdf.h"
#include "test_support.h"

namespace naskah {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* k_remind_today = "2026-12-03";

std::string support(const std::string& name) {
  return std::string(NASKAH_SOURCE_DIR) + "/tests/support/" + name;
}

class RemindE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    m_work = fs::temp_directory_path() / ("naskah-remind-" + std::to_string(getpid()));
    fs::remove_all(m_work);
    for (const char* dir : {"mail", "hooks", "files"}) fs::create_directories(m_work / dir);
    const auto cert =
        test::run({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                   (m_work / "key.pem").string(), "-out", (m_work / "cert.pem").string(), "-days",
                   "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"});
    ASSERT_EQ(cert.exit_code, 0) << cert.err;
    std::ofstream(m_work / "smtp-password") << "sandi-surel\n";
    m_smtp_port = test::free_port();
    m_hook_port = test::free_port();
    write_config();
    ingest_agreements();
  }

  void TearDown() override {
    for (int* pid : {&m_smtp, &m_hook}) {
      if (*pid > 0) {
        ::kill(*pid, SIGTERM);
        test::wait_exit(*pid);
      }
    }
    fs::remove_all(m_work);
  }

  void write_config() {
    std::ofstream(m_work / "naskah.toml")
        << "[remind]\n"
        << "days = [90, 30, 7]\n"
        << "base_url = \"https://naskah.kemenkumham.example/\"\n"
        << "smtp_url = \"smtp://127.0.0.1:" << m_smtp_port << "\"\n"
        << "smtp_user = \"naskah\"\n"
        << "smtp_password_file = \"" << (m_work / "smtp-password").string() << "\"\n"
        << "smtp_from = \"naskah@kemenkumham.example\"\n"
        << "ca_file = \"" << (m_work / "cert.pem").string() << "\"\n"
        << "timeout_seconds = 20\n\n"
        << "[[remind.recipient]]\nname = \"Biro Hukum Pusat\"\nemail = "
           "\"pusat@kemenkumham.example\"\n\n"
        << "[[remind.recipient]]\nname = \"Kanwil Lampung\"\nemail = "
           "\"lampung@kemenkumham.example\"\n"
        << "office = \"Kanwil Lampung\"\n\n"
        << "[[remind.recipient]]\nname = \"Kanwil Bali\"\nwebhook = \"http://127.0.0.1:"
        << m_hook_port << "/hook\"\noffice = [\"Kanwil Bali\"]\n";
  }

  std::string pdf(const std::string& name, const std::string& partner, const std::string& number,
                  const std::string& signing) {
    const std::string path = (m_work / "files" / name).string();
    std::ofstream(path, std::ios::binary) << test::make_text_pdf(
        {{"PERJANJIAN KERJA SAMA", "ANTARA", "KANTOR WILAYAH KEMENTERIAN HUKUM", "DAN", partner,
          "TENTANG", "PENYULUHAN HUKUM", "Nomor: " + number, signing,
          "bertempat di kantor PIHAK PERTAMA, yang bertanda tangan di bawah ini:",
          "Kantor Wilayah Kementerian Hukum, selanjutnya disebut PIHAK PERTAMA;",
          partner + ", selanjutnya disebut PIHAK KEDUA.",
          "Perjanjian ini berlaku untuk jangka waktu 2 (dua) tahun terhitung sejak tanggal "
          "ditandatangani."}});
    return path;
  }

  void ingest(const std::string& office, const std::vector<std::string>& files) {
    std::vector<std::string> args{"--quiet", "ingest", "--data", data(), "--office", office};
    args.insert(args.end(), files.begin(), files.end());
    const auto r = test::run_naskah(args, 300);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  // Lampung: one ending in 20 days (2026-12-23), one ended 4 days ago (2026-11-29).
  // Bali: one ending in 79 days (2027-02-20), one that ended in 2020 (long told).
  void ingest_agreements() {
    ingest("Kanwil Lampung",
           {pdf("segera.pdf", "UNIVERSITAS LAMPUNG", "W8-HN.04.01-1223",
                "Pada hari ini Senin tanggal dua puluh tiga bulan Desember tahun dua ribu dua "
                "puluh empat,"),
            pdf("baru-berakhir.pdf", "POLITEKNIK NEGERI LAMPUNG", "W8-HN.04.01-1129",
                "Pada hari ini Jumat tanggal dua puluh sembilan bulan November tahun dua ribu "
                "dua puluh empat,")});
    ingest("Kanwil Bali",
           {pdf("bali.pdf", "UNIVERSITAS UDAYANA", "W20-HN.04.01-0220",
                "Pada hari ini Kamis tanggal dua puluh bulan Februari tahun dua ribu dua puluh "
                "lima,"),
            pdf("lama.pdf", "POLTEKPAR BALI", "W20-HN.04.01-0305",
                "Pada hari ini Senin tanggal lima bulan Maret tahun dua ribu delapan belas,")});
  }

  std::string data() const { return (m_work / "data").string(); }

  void start_smtp() {
    m_smtp = test::spawn(
        {"/usr/bin/python3", support("smtp_server.py"), "--port", std::to_string(m_smtp_port),
         "--folder", (m_work / "mail").string(), "--cert", (m_work / "cert.pem").string(), "--key",
         (m_work / "key.pem").string(), "--user", "naskah", "--password", "sandi-surel"},
        (m_work / "smtp.log").string());
    for (int i = 0; i < 200 && !test::accepts(m_smtp_port); ++i) std::this_thread::sleep_for(50ms);
    ASSERT_TRUE(test::accepts(m_smtp_port)) << test::read_text((m_work / "smtp.log").string());
  }

  void start_hook() {
    m_hook = test::spawn({"/usr/bin/python3", support("webhook_receiver.py"),
                          std::to_string(m_hook_port), (m_work / "hooks").string()},
                         (m_work / "hook.log").string());
    for (int i = 0; i < 200 && !test::accepts(m_hook_port); ++i) std::this_thread::sleep_for(50ms);
    ASSERT_TRUE(test::accepts(m_hook_port)) << test::read_text((m_work / "hook.log").string());
  }

  test::RunResult remind(const std::vector<std::string>& extra = {},
                         const std::string& today = k_remind_today) {
    std::vector<std::string> args{"remind", "--config", (m_work / "naskah.toml").string(),
                                  "--data", data(),     "--today",
                                  today};
    args.insert(args.end(), extra.begin(), extra.end());
    return test::run_naskah(args, 120);
  }

  // Files in `dir`, oldest first.
  std::vector<std::string> received(const char* dir) {
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(m_work / dir)) {
      if (e.path().extension() != ".part") files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
  }

  // A received message as a reader sees it: envelope recipient, subject and body, decoded
  // by Python's e-mail parser.
  std::string decoded(const std::string& eml) {
    const auto r = test::run({"/usr/bin/python3", "-c",
                              "import email, sys\n"
                              "from email.header import decode_header, make_header\n"
                              "m = email.message_from_binary_file(open(sys.argv[1], 'rb'))\n"
                              "print('To:', m['X-Envelope-To'])\n"
                              "print('Subject:', str(make_header(decode_header(m['Subject']))))\n"
                              "print(m.get_payload(decode=True).decode('utf-8'))\n",
                              eml});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }

  fs::path m_work;
  int m_smtp_port = 0;
  int m_hook_port = 0;
  int m_smtp = 0;
  int m_hook = 0;
};

TEST_F(RemindE2E, EachDigestArrivesOnceAndADownServerGetsItOnTheNextRun) {
  start_hook();

  // The mail server is down: the webhook gets its digest, the mails wait for the next run.
  const auto down = remind();
  EXPECT_EQ(down.exit_code, 1) << down.out << down.err;
  EXPECT_NE(down.out.find("NOT sent to mailto:pusat@kemenkumham.example"), std::string::npos)
      << down.out;
  ASSERT_EQ(received("hooks").size(), 1U);
  const json hook = json::parse(test::read_text(received("hooks")[0]));
  EXPECT_EQ(hook["schema"], "naskah.reminder/1");
  ASSERT_EQ(hook["ending"].size(), 1U) << hook.dump(1);  // Bali's own, in the 90-day window
  EXPECT_EQ(hook["ending"][0]["end_date"], "2027-02-20");
  EXPECT_EQ(hook["ending"][0]["days_left"], 79);
  EXPECT_EQ(hook["ending"][0]["window"], 90);
  EXPECT_TRUE(hook["ended"].empty()) << "ended in 2018+2: told long ago";
  EXPECT_TRUE(hook["ending"][0]["link"].get<std::string>().starts_with(
      "https://naskah.kemenkumham.example/agreement/"));

  // A dry run shows the mails and sends nothing.
  start_smtp();
  const auto dry = remind({"--dry-run"});
  EXPECT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("To: mailto:lampung@kemenkumham.example"), std::string::npos) << dry.out;
  EXPECT_TRUE(received("mail").empty());

  // The server is up: the two mails arrive, each with its office's agreements.
  const auto up = remind({"--json"});
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  const auto mails = received("mail");
  ASSERT_EQ(mails.size(), 2U) << up.out;
  std::string pusat;
  std::string lampung;
  for (const std::string& mail : mails) {
    const std::string text = decoded(mail);
    (text.find("To: pusat@") != std::string::npos ? pusat : lampung) = text;
  }
  EXPECT_NE(pusat.find("Subject: [naskah] 2 naskah kerja sama akan berakhir, 1 telah berakhir"),
            std::string::npos)
      << pusat;
  EXPECT_NE(pusat.find("Yth. Biro Hukum Pusat"), std::string::npos);
  EXPECT_NE(pusat.find("23 Desember 2026 (20 hari lagi)"), std::string::npos) << pusat;
  EXPECT_NE(pusat.find("20 Februari 2027 (79 hari lagi)"), std::string::npos);
  EXPECT_NE(pusat.find("29 November 2026 (4 hari yang lalu)"), std::string::npos);
  EXPECT_NE(pusat.find("https://naskah.kemenkumham.example/agreement/"), std::string::npos);
  EXPECT_NE(lampung.find("To: lampung@kemenkumham.example"), std::string::npos) << lampung;
  EXPECT_NE(lampung.find("23 Desember 2026"), std::string::npos);
  EXPECT_EQ(lampung.find("Februari 2027"), std::string::npos) << "Bali's is not Lampung's";
  EXPECT_EQ(received("hooks").size(), 1U) << "the webhook had its digest already";

  // Again the same day: nothing new for anyone.
  const auto again = remind();
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("nothing to remind anyone of"), std::string::npos) << again.out;
  EXPECT_EQ(received("mail").size(), 2U);
  EXPECT_EQ(received("hooks").size(), 1U);

  // A week before Lampung's ends: its 7-day reminder goes, to the centre and to Lampung.
  const auto week = remind({}, "2026-12-17");
  EXPECT_EQ(week.exit_code, 0) << week.out << week.err;
  const auto later = received("mail");
  ASSERT_EQ(later.size(), 4U) << week.out;
  for (std::size_t i = 2; i < 4; ++i) {
    const std::string text = decoded(later[i]);
    EXPECT_NE(text.find("1 naskah kerja sama akan berakhir"), std::string::npos) << text;
    EXPECT_NE(text.find("23 Desember 2026 (6 hari lagi)"), std::string::npos) << text;
  }

  // What was sent is in the audit log.
  const auto audit =
      test::run_naskah({"audit", "--data", data(), "--action", "remind.sent", "--format", "json"});
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  EXPECT_EQ(json::parse(audit.out)["events"].size(), 5U) << audit.out;
}

// TLS is checked: a mail server whose certificate no trusted CA signed, and an https webhook
// that does not speak TLS, are each a clear failure, and nothing is recorded as sent.
TEST_F(RemindE2E, ACertificateNotTrustedOrNoTlsIsRefused) {
  start_smtp();
  start_hook();
  std::string text = test::read_text((m_work / "naskah.toml").string());
  const auto at = text.find("ca_file");
  text.replace(at, text.find('\n', at) - at, "ca_file = \"\"");  // the system's CAs only
  const auto hook = text.find("webhook = \"http://");
  text.replace(hook, std::string("webhook = \"http://").size(), "webhook = \"https://");
  std::ofstream(m_work / "naskah.toml") << text;
  const auto r = remind();
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("NOT sent to mailto:pusat@kemenkumham.example"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("NOT sent to https://127.0.0.1:"), std::string::npos) << r.out;
  EXPECT_TRUE(received("mail").empty());
  EXPECT_TRUE(received("hooks").empty());
  EXPECT_FALSE(fs::exists(m_work / "data" / "remind" / "state.json"));
}

}  // namespace
}  // namespace naskah
