// Families and the checks of issue 19 on the real binary: an addendum of the dev corpus
// (doc-017, whose parent W8-UM.01.01-5431 is not in the corpus) is flagged, then linked both
// ways once a parent with that number is ingested; an extension addendum moves its parent's
// end date and status; `keluarga:` finds the family; and `report --format json` lists every
// check with its code and its reason in Indonesian and English.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "make_pdf.h"
#include "test_support.h"

namespace naskah {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* k_family_today = "2026-12-03";

class Families : public ::testing::Test {
 protected:
  void SetUp() override {
    m_work = fs::temp_directory_path() / ("naskah-families-" + std::to_string(getpid()));
    fs::remove_all(m_work);
    fs::create_directories(m_work);
    m_data = (m_work / "data").string();
  }
  void TearDown() override { fs::remove_all(m_work); }

  std::string write_pdf(const std::string& name, const std::vector<std::string>& lines) {
    const std::string path = (m_work / name).string();
    std::ofstream(path, std::ios::binary) << test::make_text_pdf({lines});
    return path;
  }

  void ingest(const std::vector<std::string>& files) {
    std::vector<std::string> args{"--quiet", "ingest", "--data", m_data};
    args.insert(args.end(), files.begin(), files.end());
    const auto r = test::run_naskah(args, 600);
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }

  std::string id_of(const std::string& file) {
    const auto r = test::run_naskah({"--quiet", "extract", "--json", file});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out)["sha256"];
  }

  json search(const std::string& query) {
    const auto r = test::run_naskah(
        {"search", "--data", m_data, "--json", "--today", k_family_today, "--limit", "100", query});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return json::parse(r.out);
  }

  // The hit for `id` in a search for everything.
  json hit(const std::string& id) {
    const json all = search("");
    for (const json& h : all["hits"]) {
      if (h["id"] == id) return h;
    }
    ADD_FAILURE() << id << " not found";
    return json::object();
  }

  json report() {
    const auto r = test::run_naskah(
        {"report", "--data", m_data, "--format", "json", "--today", k_family_today});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return json::parse(r.out);
  }

  // The reasons `report` gives for `id` among the suspicious (empty when not listed).
  std::set<std::string> reasons(const json& listed, const std::string& id) {
    std::set<std::string> out;
    for (const json& row : listed["suspicious"]) {
      if (row["id"] == id) {
        for (const json& r : row["reasons"]) out.insert(r.get<std::string>());
      }
    }
    return out;
  }

  fs::path m_work;
  std::string m_data;
};

// The agreement doc-017 amends, as its recital describes it: signed 6 April 2022 for two
// years. Its first number is printed with spaces around the dash, as typists do.
std::vector<std::string> parent_lines() {
  return {"PERJANJIAN KERJA SAMA",
          "ANTARA",
          "KANTOR WILAYAH KEMENTERIAN HUKUM DAN HAK ASASI MANUSIA LAMPUNG",
          "DAN",
          "KEJAKSAAN TINGGI LAMPUNG",
          "TENTANG",
          "PERTUKARAN DATA DAN INFORMASI PENANGANAN PERKARA",
          "Nomor: W8-UM.01.01 - 5431",
          "Nomor: B-5872/M.26/Gph.1/12/2022",
          "Pada hari ini Rabu tanggal enam bulan April tahun dua ribu dua puluh dua,",
          "bertempat di Bandar Lampung, yang bertanda tangan di bawah ini:",
          "Kantor Wilayah Kementerian Hukum dan Hak Asasi Manusia Lampung, selanjutnya disebut "
          "PIHAK PERTAMA;",
          "Kejaksaan Tinggi Lampung, selanjutnya disebut PIHAK KEDUA.",
          "Perjanjian ini berlaku untuk jangka waktu 2 (dua) tahun terhitung sejak tanggal "
          "ditandatangani."};
}

TEST_F(Families, AnAddendumIsLinkedToItsParentBothWaysAndAnExtensionMovesTheEnd) {
  const std::string addendum = test::shared_path("corpus/dev/doc-017.digital.pdf");
  const std::string addendum_id = id_of(addendum);
  ingest({addendum});

  // Alone, doc-017 ends before it starts and has no parent.
  auto alone = reasons(report(), addendum_id);
  EXPECT_TRUE(alone.contains("end-before-start-end_date")) << json(alone).dump();
  EXPECT_TRUE(alone.contains("addendum-without-parent")) << json(alone).dump();

  // Its parent arrives: linked both ways, and no longer "without parent".
  const std::string parent = write_pdf("induk.pdf", parent_lines());
  const std::string parent_id = id_of(parent);
  ingest({parent});
  const json a = hit(addendum_id)["record"];
  const json p = hit(parent_id)["record"];
  EXPECT_EQ(a["parent"], parent_id) << a.dump();
  EXPECT_EQ(p["children"], json::array({addendum_id})) << p.dump();
  EXPECT_EQ(a["family_root"], parent_id);
  auto linked = reasons(report(), addendum_id);
  EXPECT_FALSE(linked.contains("addendum-without-parent")) << json(linked).dump();
  EXPECT_TRUE(linked.contains("end-before-start-end_date"));
  // doc-017's own end (before its start) does not move its parent's.
  EXPECT_EQ(p["end_date"], "2024-04-06");
  EXPECT_EQ(p["effective_end_date"], "2024-04-06");
  EXPECT_EQ(hit(parent_id)["status"], "expired");

  // keluarga:<id> of either finds both.
  for (const std::string& id : {addendum_id, parent_id}) {
    const json family = search("keluarga:" + id);
    EXPECT_EQ(family["total"], 2) << id << ": " << family.dump();
  }

  // An extension: the second addendum sets a new end, which the parent's period and status
  // follow; the addendum itself lives as long as the parent.
  const std::string extension = write_pdf(
      "adendum-kedua.pdf",
      {"ADENDUM KEDUA", "PERJANJIAN KERJA SAMA", "ANTARA",
       "KANTOR WILAYAH KEMENTERIAN HUKUM DAN HAK ASASI MANUSIA LAMPUNG", "DAN",
       "KEJAKSAAN TINGGI LAMPUNG", "TENTANG", "PERTUKARAN DATA DAN INFORMASI PENANGANAN PERKARA",
       "Nomor: W8-UM.01.01-2210", "Nomor: B-1102/M.26/Gph.1/03/2024",
       "Pada hari ini Senin tanggal empat bulan Maret tahun dua ribu dua puluh empat,",
       "bertempat di Bandar Lampung, yang bertanda tangan di bawah ini:",
       "Kantor Wilayah Kementerian Hukum dan Hak Asasi Manusia Lampung, selanjutnya disebut "
       "PIHAK PERTAMA;",
       "Kejaksaan Tinggi Lampung, selanjutnya disebut PIHAK KEDUA.",
       "bahwa PARA PIHAK telah menandatangani Perjanjian Kerja Sama Nomor W8-UM.01.01-5431",
       "dan Nomor B-5872/M.26/Gph.1/12/2022 tanggal 06 April 2022;",
       "Adendum ini berlaku sejak tanggal 4 Maret 2024 sampai dengan tanggal 31 Desember 2030."});
  const std::string extension_id = id_of(extension);
  ingest({extension});
  const json extended = hit(parent_id);
  EXPECT_EQ(extended["record"]["end_date"], "2024-04-06");
  EXPECT_EQ(extended["record"]["effective_end_date"], "2030-12-31") << extended.dump();
  EXPECT_EQ(extended["status"], "active");
  EXPECT_EQ(hit(extension_id)["record"]["parent"], parent_id);
  EXPECT_EQ(hit(addendum_id)["status"], "active");  // an addendum lives with its parent
  EXPECT_EQ(search("keluarga:" + parent_id)["total"], 3);
  EXPECT_EQ(search("status:aktif keluarga:" + parent_id)["total"], 3);

  // A reindex from the archive links them the same way.
  const auto reindexed = test::run_naskah({"--quiet", "reindex", "--data", m_data}, 600);
  ASSERT_EQ(reindexed.exit_code, 0) << reindexed.err;
  EXPECT_EQ(hit(parent_id)["record"]["effective_end_date"], "2030-12-31");
  EXPECT_EQ(hit(addendum_id)["record"]["parent"], parent_id);
}

// A PKS and the MoU it implements, numbered as the ministry numbers its MoUs.
std::vector<std::string> mou_lines() {
  return {"NOTA KESEPAHAMAN",
          "ANTARA",
          "KEMENTERIAN HUKUM DAN HAK ASASI MANUSIA REPUBLIK INDONESIA",
          "DAN",
          "PEMERINTAH PROVINSI LAMPUNG",
          "TENTANG",
          "PEMBINAAN HUKUM DI DAERAH",
          "Nomor: M.HH-07.HH.05.05 TAHUN 2020",
          "Nomor: 180/07/II.01/2020",
          "Pada hari ini Jumat tanggal sepuluh bulan Januari tahun dua ribu dua puluh,",
          "bertempat di Jakarta, yang bertanda tangan di bawah ini:",
          "Kementerian Hukum dan Hak Asasi Manusia, selanjutnya disebut PIHAK PERTAMA;",
          "Pemerintah Provinsi Lampung, selanjutnya disebut PIHAK KEDUA.",
          "Nota Kesepahaman ini berlaku untuk jangka waktu 2 (dua) tahun terhitung sejak tanggal "
          "ditandatangani."};
}

std::vector<std::string> pks_lines(const std::string& number, const std::string& signing,
                                   const std::string& cited) {
  return {"PERJANJIAN KERJA SAMA",
          "ANTARA",
          "KANTOR WILAYAH KEMENTERIAN HUKUM DAN HAK ASASI MANUSIA LAMPUNG",
          "DAN",
          "BIRO HUKUM PEMERINTAH PROVINSI LAMPUNG",
          "TENTANG",
          "PENYULUHAN HUKUM",
          "Nomor: " + number,
          signing,
          "bertempat di Bandar Lampung, yang bertanda tangan di bawah ini:",
          "Kantor Wilayah Kementerian Hukum dan Hak Asasi Manusia Lampung, selanjutnya disebut "
          "PIHAK PERTAMA;",
          "Biro Hukum Pemerintah Provinsi Lampung, selanjutnya disebut PIHAK KEDUA.",
          cited,
          "Perjanjian ini berlaku untuk jangka waktu 3 (tiga) tahun terhitung sejak tanggal "
          "ditandatangani."};
}

// Each check, caused by one small agreement, is listed by `report --format json` with its
// code and reasons in both languages. (check.low-ocr-confidence needs a scan OCR reads
// badly: tests/unit/index/document_test.cc has it; check.doubtful, the real-corpus test.)
TEST_F(Families, TheReportListsEveryCheckWithItsCodeAndReasons) {
  const std::string mou = write_pdf("mou.pdf", mou_lines());
  // Signed in 2023, after the MoU ended (2022-01-10), and running to 2026.
  const std::string late_pks = write_pdf(
      "pks-terlambat.pdf",
      pks_lines("W8-HN.04.01-0301",
                "Pada hari ini Rabu tanggal satu bulan Maret tahun dua ribu dua puluh tiga,",
                "Perjanjian ini melaksanakan Nota Kesepahaman Nomor M.HH-07.HH.05.05 "
                "Tahun 2020."));
  // Signed on a Sunday (10 September 2023).
  const std::string sunday = write_pdf(
      "minggu.pdf",
      pks_lines(
          "W8-HN.04.01-0902",
          "Pada hari ini Minggu tanggal sepuluh bulan September tahun dua ribu dua puluh tiga,",
          ""));
  // Signed on Independence Day (17 August 2023, a Thursday).
  const std::string holiday = write_pdf(
      "libur.pdf",
      pks_lines(
          "W8-HN.04.01-0817",
          "Pada hari ini Kamis tanggal tujuh belas bulan Agustus tahun dua ribu dua puluh tiga,",
          ""));
  // An addendum whose parent is not in the archive.
  const std::string orphan = write_pdf(
      "adendum-yatim.pdf",
      {"ADENDUM PERTAMA", "PERJANJIAN KERJA SAMA", "ANTARA", "KANTOR WILAYAH LAMPUNG", "DAN",
       "UNIVERSITAS LAMPUNG", "Nomor: W8-UM.01.01-4000",
       "Pada hari ini Rabu tanggal dua belas bulan Mei tahun dua ribu dua puluh satu,",
       "Kantor Wilayah Lampung, selanjutnya disebut PIHAK PERTAMA;",
       "Universitas Lampung, selanjutnya disebut PIHAK KEDUA.",
       "bahwa PARA PIHAK telah menandatangani Perjanjian Kerja Sama Nomor W8-UM.01.01-3999;"});
  // One number on two different agreements (other parties, other subjects).
  const std::string first_user = write_pdf(
      "nomor-a.pdf",
      pks_lines("W8-HN.04.01-7777",
                "Pada hari ini Rabu tanggal satu bulan Maret tahun dua ribu dua puluh tiga,", ""));
  const std::string second_user = write_pdf(
      "nomor-b.pdf",
      {"PERJANJIAN KERJA SAMA", "ANTARA", "LEMBAGA PEMASYARAKATAN KELAS IIA METRO", "DAN",
       "POLITEKNIK NEGERI LAMPUNG", "TENTANG", "PELATIHAN KERJA", "Nomor: W8-HN.04.01-7777",
       "Pada hari ini Selasa tanggal enam bulan Juni tahun dua ribu dua puluh tiga,",
       "Lembaga Pemasyarakatan Kelas IIA Metro, selanjutnya disebut PIHAK PERTAMA;",
       "Politeknik Negeri Lampung, selanjutnya disebut PIHAK KEDUA.",
       "Perjanjian ini berlaku untuk jangka waktu 1 (satu) tahun."});
  // The checks the parser makes, on agreements of their own.
  const std::string reversed = write_pdf(
      "terbalik.pdf",
      pks_lines("W8-HN.04.01-0411",
                "Pada hari ini Selasa tanggal empat bulan April tahun dua ribu dua puluh tiga,",
                "Perjanjian ini berlaku sejak tanggal 4 April 2023 sampai dengan tanggal 3 April "
                "2022."));
  const std::string backdated = write_pdf(
      "mundur.pdf",
      pks_lines("W8-HN.04.01-0612",
                "Pada hari ini Senin tanggal dua belas bulan Juni tahun dua ribu dua puluh tiga,",
                "Perjanjian ini berlaku sejak tanggal 2 Januari 2022 sampai dengan tanggal 30 "
                "Desember 2022."));
  // 5 June 2023 was a Monday, not a Friday.
  const std::string weekday = write_pdf(
      "hari.pdf",
      pks_lines("W8-HN.04.01-0605",
                "Pada hari ini Jumat tanggal lima bulan Juni tahun dua ribu dua puluh tiga,", ""));
  // No number or signing date to be found.
  const std::string bare = write_pdf(
      "polos.pdf", {"PERJANJIAN KERJA SAMA", "ANTARA", "LEMBAGA PEMASYARAKATAN KELAS IIA METRO",
                    "DAN", "BALAI LATIHAN KERJA METRO", "TENTANG", "PELATIHAN KETERAMPILAN",
                    "Pasal 1", "Ruang lingkup perjanjian ini adalah pelatihan keterampilan."});
  // The same agreement twice: a second copy with a line more (another scan of it).
  auto twice_lines = pks_lines("W8-HN.04.01-1010",
                               "Pada hari ini Selasa tanggal sepuluh bulan Oktober tahun dua ribu "
                               "dua puluh tiga,",
                               "");
  const std::string copy1 = write_pdf("salinan-1.pdf", twice_lines);
  twice_lines.push_back("Salinan sesuai dengan aslinya.");
  const std::string copy2 = write_pdf("salinan-2.pdf", twice_lines);
  const std::vector<std::string> files{mou,        late_pks,    sunday,   holiday,   orphan,
                                       first_user, second_user, reversed, backdated, weekday,
                                       bare,       copy1,       copy2};
  ingest(files);

  const json listed = report();
  // code -> the agreement it must be listed for
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"check.pks-signed-outside-mou", late_pks},
      {"check.pks-outlives-mou", late_pks},
      {"check.signed-on-sunday", sunday},
      {"check.signed-on-holiday", holiday},
      {"check.addendum-without-parent", orphan},
      {"check.number-reused", first_user},
      {"check.number-reused", second_user},
      {"check.end-before-start", reversed},
      {"check.signed-after-end", backdated},
      {"check.weekday-mismatch", weekday},
      {"check.missing", bare},
      {"check.duplicate", copy1},
      {"check.duplicate", copy2},
  };
  for (const auto& [code, file] : expected) {
    const std::string id = id_of(file);
    bool found = false;
    for (const json& row : listed["suspicious"]) {
      if (row["id"] != id) continue;
      for (const json& check : row["checks"]) {
        if (check["code"] != code) continue;
        found = true;
        EXPECT_FALSE(check["reason"]["id"].get<std::string>().empty());
        EXPECT_FALSE(check["reason"]["en"].get<std::string>().empty());
        EXPECT_NE(check["reason"]["id"], check["reason"]["en"]);
      }
    }
    EXPECT_TRUE(found) << code << " not listed for " << file << "\n"
                       << listed["suspicious"].dump(1);
  }
  // The MoU itself is fine; the PKS is its child.
  const std::string mou_id = id_of(mou);
  EXPECT_TRUE(reasons(listed, mou_id).empty()) << json(reasons(listed, mou_id)).dump();
  EXPECT_EQ(hit(id_of(late_pks))["record"]["parent"], mou_id);

  // The CSV says the same in Indonesian.
  const auto csv =
      test::run_naskah({"report", "--data", m_data, "--format", "csv", "--today", k_family_today});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_NE(csv.out.find("Ditandatangani pada hari Minggu"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find("Adendum tanpa naskah induk"), std::string::npos) << csv.out;
}

}  // namespace
}  // namespace naskah
