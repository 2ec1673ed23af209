#include "naskah/search/search.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "naskah/index/store.h"
#include "sample_records.h"

namespace naskah::search {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

// A small index with known contents; "today" is fixed at 2024-06-01 in every request.
class SearchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = test::temp_folder("search");
    s_index = s_dir + "/index";
    auto writer = index::Writer::open(s_index, 1s);
    ASSERT_TRUE(writer.has_value());
    for (const AgreementRecord& r : records()) ASSERT_TRUE(writer->put(r).has_value());
    ASSERT_TRUE(writer->commit().has_value());
  }
  static void TearDownTestSuite() { fs::remove_all(s_dir); }

  static std::vector<AgreementRecord> records() {
    std::vector<AgreementRecord> out;
    out.push_back(test::make_record(
        "ombudsman", "pks", "Peningkatan Kualitas Pelayanan Publik",
        {"Kantor Wilayah Kementerian Hukum dan Hak Asasi Manusia Jawa Tengah",
         "Ombudsman Republik Indonesia"},
        {"W13-HH.05.05-1234", "0123/PKS/ORI-JTG/X/2021"}, "2021-10-12", "2024-10-12",
        "Para pihak sepakat meningkatkan pelayanan publik di bidang hukum. Nilai kegiatan "
        "Rp150.000.000,00. Ditulis <script>alert(1)</script> dan \"><img onerror=x>."));
    out.push_back(test::make_record(
        "lapas", "pks", "Pembinaan Kemandirian Warga Binaan",
        {"Lembaga Pemasyarakatan Kelas IIA Semarang", "Pemerintah Kota Semarang"},
        {"W13.PAS.16-HH.05.05-0211"}, "2022-01-10", "2023-01-10",
        "Pelatihan kerja bagi warga binaan pemasyarakatan dilaksanakan setiap bulan."));
    out.push_back(test::make_record(
        "mou", "mou", "Kerja Sama Pendidikan dan Penelitian",
        {"Kemenkumham", "Universitas Merbabu Raya"}, {"W13-HH.05.05-0456"}, "2020-05-02",
        "2030-05-02", "Nota kesepahaman ini berlaku lima tahun. Kerjasama pendidikan hukum."));
    AgreementRecord english = test::make_record(
        "english", "mou", "Cooperation in Legal Education",
        {"Regional Office of the Ministry of Law and Human Rights", "Hallerby University"},
        {"W13-HH.05.05-0093"}, "2022-03-03", "", "The parties agree on exchanging students "
        "and researchers in human rights studies.");
    english.language = "en";
    out.push_back(english);
    out.push_back(test::make_record("letter", "other", "", {}, {}, "", "",
                                    "Surat undangan rapat koordinasi."));
    return out;
  }

  static Results must_search(Request request) {
    request.today = "2024-06-01";
    Searcher searcher(s_index);
    auto results = searcher.search(request);
    EXPECT_TRUE(results.has_value()) << (results ? "" : results.error().message);
    return results ? *results : Results{};
  }
  static Results must_search(const std::string& query) {
    Request request;
    request.query = query;
    return must_search(request);
  }
  static std::vector<std::string> titles(const Results& r) {
    std::vector<std::string> out;
    for (const Hit& h : r.hits) out.push_back(h.record.title.value_or("-"));
    return out;
  }
  static std::uint64_t facet(const Results& r, const std::string& name, const std::string& value) {
    for (const auto& [n, values] : r.facets) {
      if (n != name) continue;
      for (const auto& [v, count] : values) {
        if (v == value) return count;
      }
    }
    return 0;
  }

  static inline std::string s_dir;
  static inline std::string s_index;
};

TEST_F(SearchTest, AllWordsMustMatch) {
  EXPECT_EQ(titles(must_search("pelayanan publik")),
            std::vector<std::string>{"Peningkatan Kualitas Pelayanan Publik"});
  EXPECT_EQ(must_search("pelayanan pemasyarakatan").total, 0u);
  EXPECT_EQ(must_search("pelayanan OR pemasyarakatan").total, 2u);
}

TEST_F(SearchTest, PhrasesKeepWordOrder) {
  EXPECT_EQ(must_search("\"warga binaan pemasyarakatan\"").total, 1u);
  EXPECT_EQ(must_search("\"pemasyarakatan binaan warga\"").total, 0u);
}

TEST_F(SearchTest, FieldsInBothLanguages) {
  EXPECT_EQ(must_search("pihak:ombudsman").total, 1u);
  EXPECT_EQ(must_search("party:ombudsman").total, 1u);
  EXPECT_EQ(must_search("nomor:W13.PAS.16-HH.05.05-0211").total, 1u);
  EXPECT_EQ(must_search("number:0123/PKS/ORI-JTG/X/2021").total, 1u);
  EXPECT_EQ(must_search("tentang:kemandirian").total, 1u);
  EXPECT_EQ(must_search("jenis:PKS").total, 2u);
  EXPECT_EQ(must_search("type:\"nota kesepahaman\"").total, 2u);
  EXPECT_EQ(must_search("tahun:2022").total, 2u);
  EXPECT_EQ(must_search("year:2021 pelayanan").total, 1u);
}

TEST_F(SearchTest, StatusIsComputedFromTheEndDateAtQueryTime) {
  EXPECT_EQ(must_search("status:aktif").total, 2u);  // 2030, and 2024-10-12 beyond 90 days
  EXPECT_EQ(must_search("status:expired").total, 1u);      // ended 2023
  EXPECT_EQ(must_search("status:berakhir").total, 1u);
  EXPECT_EQ(must_search("status:unknown").total, 2u);      // no end date
  Request request;
  request.filters.status = {"expiring"};
  request.expiring_days = 180;  // 2024-10-12 is within 180 days of 2024-06-01
  EXPECT_EQ(must_search(request).total, 1u);
  request.expiring_days = 90;
  EXPECT_EQ(must_search(request).total, 0u);
  Results all = must_search("");
  EXPECT_EQ(all.total, 5u);
  EXPECT_EQ(facet(all, "status", "active"), 2u);  // 2030, and 2024-10-12 beyond 90 days
  EXPECT_EQ(facet(all, "status", "expired"), 1u);
  EXPECT_EQ(facet(all, "status", "unknown"), 2u);
  for (const Hit& h : all.hits) {
    EXPECT_EQ(h.status, status_of(h.record.end_date, "2024-06-01", 90));
  }
}

TEST_F(SearchTest, DateRangesInTheQueryAndAsFilters) {
  EXPECT_EQ(must_search("signed:2021..2022").total, 3u);
  EXPECT_EQ(must_search("ditandatangani:2022-01..2022-02").total, 1u);
  Request request;
  request.filters.signed_from = "2021-10-12";
  request.filters.signed_to = "2022-01-10";
  EXPECT_EQ(must_search(request).total, 2u);
  request.filters.signed_to = "10/01/2022";
  Searcher searcher(s_index);
  auto bad = searcher.search(request);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, "usage.invalid");
}

TEST_F(SearchTest, FiltersCombineWithTheQuery) {
  Request request;
  request.filters.type = {"mou"};
  request.filters.party = {"Universitas Merbabu Raya"};  // an exact facet value
  EXPECT_EQ(must_search(request).total, 1u);
  request.filters.party = {"merbabu"};  // some words of a name
  EXPECT_EQ(must_search(request).total, 1u);
  request.filters.party = {"ombudsman"};
  EXPECT_EQ(must_search(request).total, 0u);
}

TEST_F(SearchTest, SynonymsFindTheUsualAbbreviations) {
  // "Kementerian Hukum dan Hak Asasi Manusia" in one record, "Kemenkumham" in another.
  EXPECT_EQ(must_search("kemenkumham").total, 2u);
  EXPECT_EQ(must_search("kementerian hukum dan ham").total, 2u);
  EXPECT_EQ(must_search("lapas").total, 1u);
  EXPECT_EQ(must_search("pihak:lapas").total, 1u);
  EXPECT_EQ(must_search("pihak:kemenkumham").total, 2u);
  EXPECT_EQ(must_search("kanwil").total, 1u);
  EXPECT_EQ(must_search("mou").total, 2u);  // "Nota kesepahaman" in the texts
  // "kerja sama" and "kerjasama" find each other.
  EXPECT_EQ(must_search("kerjasama").total, must_search("kerja sama").total);
}

TEST_F(SearchTest, EnglishRecordsAreStemmedInEnglish) {
  EXPECT_EQ(must_search("researcher").total, 1u);
  EXPECT_EQ(must_search("exchange student").total, 1u);
}

TEST_F(SearchTest, FacetsCountEveryMatchNotJustThePage) {
  Request request;
  request.limit = 1;
  const Results r = must_search(request);
  EXPECT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.total, 5u);
  EXPECT_FALSE(r.estimated);
  EXPECT_EQ(facet(r, "doc_type", "pks"), 2u);
  EXPECT_EQ(facet(r, "doc_type", "mou"), 2u);
  EXPECT_EQ(facet(r, "doc_type", "other"), 1u);
  EXPECT_EQ(facet(r, "year", "2022"), 2u);
  EXPECT_EQ(facet(r, "party", "Ombudsman Republik Indonesia"), 1u);
  EXPECT_EQ(facet(r, "party", "Pemerintah Kota Semarang"), 1u);
}

TEST_F(SearchTest, AFacetWithAFilterSetKeepsItsOtherValuesForTheOtherFilters) {
  Request request;
  request.filters.year = {"2022"};
  request.filters.type = {"pks"};
  const Results r = must_search(request);
  EXPECT_EQ(r.total, 1u);  // the lapas PKS of 2022
  // year: counted with the type filter only (the PKS of 2021 and 2022)
  EXPECT_EQ(facet(r, "year", "2022"), 1u);
  EXPECT_EQ(facet(r, "year", "2021"), 1u);
  EXPECT_EQ(facet(r, "year", "2020"), 0u);
  // type: counted with the year filter only (the PKS and the English MoU of 2022)
  EXPECT_EQ(facet(r, "doc_type", "pks"), 1u);
  EXPECT_EQ(facet(r, "doc_type", "mou"), 1u);
  // party: no filter of its own, so counted over the matches
  EXPECT_EQ(facet(r, "party", "Pemerintah Kota Semarang"), 1u);
  EXPECT_EQ(facet(r, "party", "Ombudsman Republik Indonesia"), 0u);
}

TEST_F(SearchTest, PartiesAreCountedAndFilteredUnderTheirCanonicalNames) {
  // "Kemenkumham" as the MoU wrote it, counted and found as the ministry's whole name.
  const Results all = must_search(Request{});
  EXPECT_EQ(facet(all, "party", "Kementerian Hukum dan Hak Asasi Manusia"), 1u);
  EXPECT_EQ(facet(all, "party", "Kemenkumham"), 0u);
  Request request;
  request.filters.party = {"Kementerian Hukum dan Hak Asasi Manusia"};
  EXPECT_EQ(titles(must_search(request)),
            (std::vector<std::string>{"Kerja Sama Pendidikan dan Penelitian"}));
  request.filters.party = {"Kemenkumham"};  // as printed, too
  EXPECT_EQ(must_search(request).total, 1u);
}

TEST_F(SearchTest, SnippetsMarkTheMatchAndEscapeEverythingElse) {
  const Results r = must_search("alert");
  ASSERT_EQ(r.hits.size(), 1u);
  const std::string& s = r.hits[0].snippet;
  EXPECT_NE(s.find("<mark>alert</mark>"), std::string::npos) << s;
  EXPECT_EQ(s.find("<script"), std::string::npos) << s;
  EXPECT_EQ(s.find("<img"), std::string::npos) << s;
  EXPECT_NE(s.find("&lt;script&gt;"), std::string::npos) << s;
  EXPECT_TRUE(r.hits[0].record.text.empty());  // hits carry no text
}

TEST_F(SearchTest, SortsBySigningAndEndDate) {
  Request request;
  request.sort = Sort::signed_descending;
  std::vector<std::string> signed_dates;
  for (const Hit& h : must_search(request).hits) signed_dates.push_back(h.record.signed_date.value_or(""));
  EXPECT_EQ(signed_dates, (std::vector<std::string>{"2022-03-03", "2022-01-10", "2021-10-12",
                                                    "2020-05-02", ""}));
  request.sort = Sort::end_ascending;
  request.filters.status = {"active", "expired"};
  std::vector<std::string> ends;
  for (const Hit& h : must_search(request).hits) ends.push_back(h.record.end_date.value_or(""));
  EXPECT_EQ(ends, (std::vector<std::string>{"2023-01-10", "2024-10-12", "2030-05-02"}));
}

TEST_F(SearchTest, PagingAndRanks) {
  Request request;
  request.offset = 2;
  request.limit = 2;
  const Results r = must_search(request);
  ASSERT_EQ(r.hits.size(), 2u);
  EXPECT_EQ(r.hits[0].rank, 3);
  EXPECT_EQ(r.total, 5u);
}

TEST_F(SearchTest, SuggestsASpellingWhenNothingMatches) {
  const Results r = must_search("pemasyarakatn");
  EXPECT_EQ(r.total, 0u);
  ASSERT_TRUE(r.suggestion.has_value());
  EXPECT_EQ(*r.suggestion, "pemasyarakatan");
  EXPECT_FALSE(must_search("pemasyarakatan").suggestion.has_value());
}

TEST_F(SearchTest, SuggestsOnlyASpellingThatFindsSomething) {
  // "pelatihn" is a misspelling, but with "nuklir" (in no record) the respelled query finds
  // nothing either: no suggestion.
  EXPECT_EQ(must_search("pelatihan").total, 1u);
  EXPECT_TRUE(must_search("pelatihn").suggestion.has_value());
  EXPECT_FALSE(must_search("pelatihn nuklir").suggestion.has_value());
  // The same with the filters the person set: the respelling must find something among them.
  Request request;
  request.query = "pemasyarakatn";
  request.filters.year = {"2020"};
  const Results r = must_search(request);
  EXPECT_EQ(r.total, 0u);
  EXPECT_FALSE(r.suggestion.has_value());
}

TEST_F(SearchTest, MalformedQueriesAreReadAsWords) {
  EXPECT_EQ(must_search("\"pelayanan publik").total, 1u);
  EXPECT_EQ(must_search("pelayanan AND").total, 1u);
  EXPECT_EQ(must_search("((").total, 5u);  // nothing but operators: everything
}

TEST_F(SearchTest, JsonFollowsTheContract) {
  const auto json = to_json(must_search("ombudsman"));
  for (const char* key : {"query", "total", "estimated", "offset", "limit", "suggestion", "hits",
                          "facets"}) {
    EXPECT_TRUE(json.contains(key)) << key;
  }
  const auto& hit = json.at("hits").at(0);
  for (const char* key : {"id", "rank", "score", "record", "status", "snippet"}) {
    EXPECT_TRUE(hit.contains(key)) << key;
  }
  EXPECT_EQ(hit.at("record").at("schema"), "naskah.agreement/1");
  EXPECT_FALSE(hit.at("record").contains("text"));
  EXPECT_TRUE(json.at("facets").contains("doc_type"));
}

TEST(SearcherGenerations, ANewGenerationIsPickedUpWithoutRestarting) {
  const std::string dir = test::temp_folder("generations") + "/index";
  {
    auto writer = index::Writer::open(dir, 1s);
    ASSERT_TRUE(writer->put(test::make_record("a", "pks", "Satu", {"A"}, {"1"}, "2021-01-01", "")));
    ASSERT_TRUE(writer->commit());
  }
  Searcher searcher(dir);
  Request request;
  EXPECT_EQ(searcher.search(request)->total, 1u);
  // A writer commits twice: the searcher's open revision is overtaken.
  for (int i = 0; i < 3; ++i) {
    auto writer = index::Writer::open(dir, 1s);
    ASSERT_TRUE(writer->put(test::make_record("w" + std::to_string(i), "pks", "Dua", {"B"},
                                              {"2"}, "2021-01-01", "")));
    ASSERT_TRUE(writer->commit());
  }
  EXPECT_EQ(searcher.search(request)->total, 4u);
  // A reindex swaps in a generation with other contents.
  auto builder = index::Builder::new_generation(dir);
  builder->add(index::prepare(test::make_record("z", "mou", "Baru", {"C"}, {"9"}, "2022-01-01", "")));
  auto lock = index::WriteLock::acquire(dir, 1s);
  ASSERT_TRUE(builder->finish(&*lock));
  EXPECT_EQ(searcher.search(request)->total, 1u);
  fs::remove_all(fs::path(dir).parent_path());
}

TEST(StatusOf, BucketsByEndDate) {
  EXPECT_EQ(status_of(std::nullopt, "2024-06-01", 90), "unknown");
  EXPECT_EQ(status_of(std::string("2024-05-31"), "2024-06-01", 90), "expired");
  EXPECT_EQ(status_of(std::string("2024-06-01"), "2024-06-01", 90), "expiring");
  EXPECT_EQ(status_of(std::string("2024-08-30"), "2024-06-01", 90), "expiring");
  EXPECT_EQ(status_of(std::string("2024-08-31"), "2024-06-01", 90), "active");
}

TEST(ParseSort, KnowsTheContractNames) {
  EXPECT_EQ(*parse_sort("relevance"), Sort::relevance);
  EXPECT_EQ(*parse_sort("-signed"), Sort::signed_descending);
  EXPECT_EQ(*parse_sort("end"), Sort::end_ascending);
  EXPECT_FALSE(parse_sort("date").has_value());
}

}  // namespace
}  // namespace naskah::search
