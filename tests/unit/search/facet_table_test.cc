#include "facet_table.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "naskah/index/store.h"
#include "naskah/search/search.h"
#include "sample_records.h"

namespace naskah::search {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

// Twelve agreements of three types, four parties, two offices and every status on
// 2024-06-01 (expired, expiring within 90 days, active, unknown).
std::vector<AgreementRecord> facet_records(int first, int count) {
  const std::vector<std::string> types = {"pks", "mou", "addendum"};
  const std::vector<std::string> ends = {"2023-01-10", "2024-07-01", "2030-05-02", ""};
  const std::vector<std::string> parties = {"Lembaga Pemasyarakatan Kelas IIA Semarang",
                                            "Pemerintah Kota Semarang", "Universitas Merbabu Raya",
                                            "Ombudsman Republik Indonesia"};
  std::vector<AgreementRecord> out;
  for (int i = first; i < first + count; ++i) {
    AgreementRecord r = test::make_record(
        "facet-" + std::to_string(i), types[static_cast<std::size_t>(i) % 3],
        "Kerja Sama " + std::to_string(i),
        {parties[static_cast<std::size_t>(i) % 4], parties[static_cast<std::size_t>(i + 1) % 4]},
        {"W13-HH.05.05-" + std::to_string(1000 + i)}, "20" + std::to_string(18 + i % 5) + "-03-01",
        ends[static_cast<std::size_t>(i) % 4],
        i % 2 == 0 ? "Pelatihan kerja bagi warga binaan." : "Pelayanan publik di bidang hukum.");
    r.office = i % 3 == 0 ? "Kanwil Jawa Tengah" : "Kanwil Jawa Timur";
    out.push_back(std::move(r));
  }
  return out;
}

void put_records(const std::string& index_dir, const std::vector<AgreementRecord>& batch) {
  auto writer = index::Writer::open(index_dir, 1s);
  ASSERT_TRUE(writer.has_value());
  for (const AgreementRecord& r : batch) ASSERT_TRUE(writer->put(r).has_value());
  ASSERT_TRUE(writer->commit().has_value());
}

Results search_today(Searcher& searcher, const std::string& query) {
  Request request;
  request.query = query;
  request.today = "2024-06-01";
  auto results = searcher.search(request);
  EXPECT_TRUE(results.has_value()) << (results ? "" : results.error().message);
  return results ? *results : Results{};
}

// What a facet table counts is what the stored values say, query by query.
void expect_same_counts(const std::vector<std::string>& shards) {
  Searcher plain(shards, {});
  Searcher tabled(shards, {});
  tabled.keep_facet_tables(true);
  // Plain terms (counted from posting lists), and a phrase and ranges (by the matcher).
  for (const std::string query :
       {"", "pelatihan", "pelayanan", "jenis:pks", "status:aktif", "status:berakhir pelatihan",
        "tidakada", "pelatihan OR hukum", "kerja -hukum", "pelayanan publik jenis:mou",
        "\"warga binaan\"", "tahun:2019..2021 kerja"}) {
    const Results a = search_today(plain, query);
    const Results b = search_today(tabled, query);
    EXPECT_EQ(a.total, b.total) << query;
    EXPECT_EQ(a.facets, b.facets) << query;
    ASSERT_EQ(a.hits.size(), b.hits.size()) << query;
    // Equal scores (a filter alone, everything) in the same order: the table's tie keys
    // sort as the stored sha256 values do.
    for (std::size_t i = 0; i < a.hits.size(); ++i) EXPECT_EQ(a.hits[i].id, b.hits[i].id) << query;
  }
}

TEST(FacetTable, CountsWhatTheStoredValuesSay) {
  const std::string dir = test::temp_folder("facet-table");
  put_records(dir + "/index", facet_records(0, 12));
  expect_same_counts({dir + "/index"});

  // Every facet shows up: the table holds every document's values.
  Searcher tabled(dir + "/index");
  tabled.keep_facet_tables(true);
  const Results all = search_today(tabled, "");
  EXPECT_EQ(all.total, 12u);
  for (const auto& [name, values] : all.facets) EXPECT_FALSE(values.empty()) << name;
  fs::remove_all(dir);
}

TEST(FacetTable, ANewCommitGetsANewTable) {
  const std::string dir = test::temp_folder("facet-table-commit");
  put_records(dir + "/index", facet_records(0, 6));
  Searcher tabled(dir + "/index");
  tabled.keep_facet_tables(true);
  EXPECT_EQ(search_today(tabled, "").total, 6u);
  put_records(dir + "/index", facet_records(6, 6));  // the same searcher, a later revision
  const Results after = search_today(tabled, "");
  EXPECT_EQ(after.total, 12u);
  std::uint64_t types = 0;
  for (const auto& [name, values] : after.facets) {
    if (name == "doc_type") {
      for (const auto& [value, n] : values) types += n;
    }
  }
  EXPECT_EQ(types, 12u);
  expect_same_counts({dir + "/index"});
  fs::remove_all(dir);
}

TEST(FacetTable, TablesAreSharedByKey) {
  const std::string dir = test::temp_folder("facet-table-shared");
  put_records(dir + "/index", facet_records(0, 3));
  auto db = index::open_for_search(dir + "/index");
  ASSERT_TRUE(db.has_value());
  const auto a = FacetTable::of(*db, dir + "#1");
  const auto b = FacetTable::of(*db, dir + "#1");
  EXPECT_EQ(a.get(), b.get());
  EXPECT_EQ(a->documents(), 4u);  // docids 1..3, and the unused 0
  fs::remove_all(dir);
}

TEST(FacetTable, SeveralLocalShardsCountWhatTheValuesSay) {
  // Xapian gives a match spy each shard's own document ids: a table of the combination
  // must not be read with them (it once was, and miscounted).
  const std::string dir = test::temp_folder("facet-table-shards");
  put_records(dir + "/one", facet_records(0, 12));
  put_records(dir + "/two", facet_records(12, 7));
  expect_same_counts({dir + "/one", dir + "/two"});
  fs::remove_all(dir);
}

TEST(FacetTable, TieKeysSortAsTheSha256Does) {
  EXPECT_EQ(id_prefix("00000000000000ff" + std::string(48, '0')), 0xFFu);
  EXPECT_EQ(id_prefix("not hex at all, not at all"), 0u);
  const std::vector<std::string> ids = {"0123456789abcdef", "0123456789abcdf0", "f000000000000000",
                                        "8fffffffffffffff", "9000000000000000"};
  for (const std::string& a : ids) {
    for (const std::string& b : ids) {
      EXPECT_EQ(a < b, tie_key(id_prefix(a)) < tie_key(id_prefix(b))) << a << " " << b;
    }
  }
}

bool same_counts(const FacetCounts& a, const FacetCounts& b) {
  return a.total == b.total && a.type == b.type && a.year == b.year && a.party == b.party &&
         a.office == b.office && a.status == b.status;
}

// Two shards as one, opened twice: the second handle is the helper of a split count.
Xapian::Database both(const std::string& dir) {
  Xapian::Database db;
  db.add_database(*index::open_for_search(dir + "/one"));
  db.add_database(*index::open_for_search(dir + "/two"));
  return db;
}

TEST(CountFacets, TwoHalvesOnTwoThreadsCountWhatOnePassDoes) {
  const std::string dir = test::temp_folder("facet-split");
  put_records(dir + "/one", facet_records(0, 12));
  put_records(dir + "/two", facet_records(12, 7));  // shards of different sizes
  for (const std::string& shards : {std::string("one"), std::string("both")}) {
    const Xapian::Database db = shards == "one" ? *index::open_for_search(dir + "/one") : both(dir);
    const Xapian::Database helper =
        shards == "one" ? *index::open_for_search(dir + "/one") : both(dir);
    const std::vector<std::string> phrase = {"warga", "binaan"};
    const std::vector<Xapian::Query> queries = {
        Xapian::Query::MatchAll, Xapian::Query("XTYPEpks"),
        Xapian::Query(Xapian::Query::OP_PHRASE, phrase.begin(), phrase.end()),
        Xapian::Query("tidakada")};
    for (const Xapian::Query& query : queries) {
      const FacetCounts one_pass = count_facets({db}, false, query, "20240601", "20240830");
      const FacetCounts split =
          count_facets({db}, false, query, "20240601", "20240830", nullptr, &helper);
      EXPECT_TRUE(same_counts(one_pass, split)) << shards << " " << query.get_description();
      if (shards == "one") {
        // A table is for a single database (facet_table.h).
        const FacetTable table(db);
        const FacetCounts split_table =
            count_facets({db}, false, query, "20240601", "20240830", &table, &helper);
        EXPECT_TRUE(same_counts(one_pass, split_table)) << query.get_description();
      }
    }
    // The queries do match (the phrase: the even records), and nothing is counted twice.
    EXPECT_EQ(count_facets({db}, false, queries[2], "20240601", "20240830", nullptr, &helper).total,
              shards == "one" ? 6u : 10u);
    EXPECT_EQ(
        count_facets({db}, false, Xapian::Query::MatchAll, "20240601", "20240830", nullptr, &helper)
            .total,
        db.get_doccount());
  }
  fs::remove_all(dir);
}

// Records whose texts repeat their words a different number of times: different weights.
std::vector<AgreementRecord> weighted_records(int first, int count) {
  std::vector<AgreementRecord> out = facet_records(first, count);
  for (std::size_t i = 0; i < out.size(); ++i) {
    for (std::size_t n = 0; n < (i * 7) % 5; ++n) out[i].text += " Pelatihan kerja warga binaan.";
    for (std::size_t n = 0; n < (i * 3) % 4; ++n) out[i].text += " Pelayanan hukum.";
  }
  return out;
}

Results search_page(Searcher& searcher, const std::string& query, Sort sort, int offset,
                    int limit) {
  Request request;
  request.query = query;
  request.today = "2024-06-01";
  request.sort = sort;
  request.offset = offset;
  request.limit = limit;
  auto results = searcher.search(request);
  EXPECT_TRUE(results.has_value()) << (results ? "" : results.error().message);
  return results ? *results : Results{};
}

// A search counted on two threads answers what one counted in one pass does: the same
// counts, hits, ranks, scores and snippets, for every way of counting (posting lists or the
// matcher, table or values) and every order.
void expect_same_answers(const std::vector<std::string>& shards, bool tables) {
  Searcher one_pass(shards, {});
  Searcher two_threads(shards, {});
  one_pass.keep_facet_tables(tables);
  two_threads.keep_facet_tables(tables);
  two_threads.split_from(0);
  for (const std::string query :
       {"\"warga binaan\"", "\"pelayanan hukum\" OR pelatihan", "tahun:2019..2021 kerja", "pelat*",
        "pelatihan", "kerja -hukum", "jenis:pks", "", "tidakada"}) {
    for (const Sort sort :
         {Sort::relevance, Sort::signed_ascending, Sort::signed_descending, Sort::end_ascending}) {
      for (const auto& [offset, limit] : {std::pair{0, 20}, {3, 5}, {35, 10}, {0, 0}}) {
        const std::string what = query + " sort " + std::to_string(static_cast<int>(sort)) +
                                 " from " + std::to_string(offset);
        const Results a = search_page(one_pass, query, sort, offset, limit);
        const Results b = search_page(two_threads, query, sort, offset, limit);
        EXPECT_EQ(a.total, b.total) << what;
        EXPECT_EQ(a.facets, b.facets) << what;
        ASSERT_EQ(a.hits.size(), b.hits.size()) << what;
        for (std::size_t i = 0; i < a.hits.size(); ++i) {
          EXPECT_EQ(a.hits[i].id, b.hits[i].id) << what << " hit " << i;
          EXPECT_EQ(a.hits[i].rank, b.hits[i].rank) << what;
          EXPECT_EQ(a.hits[i].score, b.hits[i].score) << what << " hit " << i;
          EXPECT_EQ(a.hits[i].snippet, b.hits[i].snippet) << what;
        }
      }
    }
  }
}

TEST(SearchOnTwoThreads, AnswersWhatOnePassAnswers) {
  const std::string dir = test::temp_folder("search-two-threads");
  put_records(dir + "/one", weighted_records(0, 40));
  put_records(dir + "/two", weighted_records(40, 13));
  expect_same_answers({dir + "/one"}, false);
  expect_same_answers({dir + "/one"}, true);
  expect_same_answers({dir + "/one", dir + "/two"}, false);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace naskah::search
