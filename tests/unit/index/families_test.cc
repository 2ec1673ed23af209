// Families (index/families.cc) and the checks only the index can make: one test per check,
// by its code, on records put through the writer as ingest puts them.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "naskah/index/schema.h"
#include "naskah/index/store.h"
#include "sample_records.h"

namespace naskah::index {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

class FamiliesTest : public ::testing::Test {
 protected:
  void SetUp() override { m_dir = test::temp_folder("families") + "/index"; }
  void TearDown() override { fs::remove_all(fs::path(m_dir).parent_path()); }

  void put(const std::vector<AgreementRecord>& records) {
    auto writer = Writer::open(m_dir, 1s);
    ASSERT_TRUE(writer.has_value()) << writer.error().message;
    for (const auto& r : records) ASSERT_TRUE(writer->put(r).has_value());
    ASSERT_TRUE(writer->commit().has_value());
  }

  AgreementRecord stored(const AgreementRecord& r) {
    auto db = open_for_search(m_dir);
    EXPECT_TRUE(db.has_value());
    auto p = db->postlist_begin(id_term(r.sha256));
    EXPECT_NE(p, db->postlist_end(id_term(r.sha256)));
    return *record_of(db->get_document(*p), false);
  }

  std::vector<std::string> codes(const AgreementRecord& r) {
    std::vector<std::string> out;
    for (const ReviewFlag& f : stored(r).needs_review) out.push_back(f.code);
    return out;
  }

  bool has_code(const AgreementRecord& r, const char* code) {
    const auto all = codes(r);
    return std::find(all.begin(), all.end(), code) != all.end();
  }

  std::string m_dir;
};

AgreementRecord agreement(const std::string& key, const std::string& type,
                          const std::vector<std::string>& numbers, const std::string& signed_date,
                          const std::string& end_date,
                          const std::vector<std::string>& references = {}) {
  auto r = test::make_record(key, type, "Pertukaran Data", {"Kanwil Lampung", "Kejati Lampung"},
                             numbers, signed_date, end_date);
  r.references = references;
  return r;
}

TEST_F(FamiliesTest, AnAddendumWithoutItsParentIsFlagged) {
  const auto addendum = agreement("add", "addendum", {"W8-UM.01.01-1696"}, "2023-12-12",
                                  "2024-12-12", {"W8-UM.01.01-5431"});
  put({addendum});
  EXPECT_TRUE(has_code(addendum, review::k_addendum_without_parent));
  EXPECT_FALSE(stored(addendum).parent);
}

TEST_F(FamiliesTest, AnAddendumFindsItsParentHoweverTheNumberWasPrinted) {
  const auto parent =
      agreement("parent", "pks", {"W8-UM.01.01 - 5431", "B-5872/M.26/Gph.1/XII/2022"}, "2022-04-06",
                "2024-04-06");
  // Cited with no spaces, an Arabic month and an OCR "O" for a zero.
  const auto addendum = agreement("add", "addendum", {"W8-UM.01.01-1696"}, "2023-12-12", "",
                                  {"W8-UM.O1.01-5431", "B-5872/M.26/Gph.1/12/2022"});
  put({addendum, parent});  // the child first: the parent's arrival links them
  EXPECT_EQ(stored(addendum).parent, parent.sha256);
  EXPECT_EQ(stored(parent).children, std::vector<std::string>{addendum.sha256});
  EXPECT_EQ(stored(addendum).family_root, parent.sha256);
  EXPECT_EQ(stored(parent).family_root, parent.sha256);
  EXPECT_FALSE(has_code(addendum, review::k_addendum_without_parent));
  // Both are filed under the root, for keluarga:.
  auto db = *open_for_search(m_dir);
  EXPECT_EQ(db.get_termfreq(std::string(prefix::k_family) + parent.sha256), 2u);
}

TEST_F(FamiliesTest, AnExtensionMovesTheParentsEndAndAnUnsoundOneDoesNot) {
  const auto parent = agreement("parent", "pks", {"W8-UM.01.01-5431"}, "2022-04-06", "2024-04-06");
  // Ends before it starts: a misreading, not an extension.
  const auto unsound = agreement("first", "addendum", {"W8-UM.01.01-1696"}, "2023-12-12",
                                 "2023-04-06", {"W8-UM.01.01-5431"});
  put({parent, unsound});
  EXPECT_EQ(stored(parent).effective_end(), "2024-04-06");
  const auto extension = agreement("second", "addendum", {"W8-UM.01.01-2210"}, "2024-03-04",
                                   "2030-12-31", {"W8-UM.01.01-5431"});
  put({extension});
  EXPECT_EQ(stored(parent).end_date, "2024-04-06");  // as read
  EXPECT_EQ(stored(parent).effective_end_date, "2030-12-31");
  // The addenda live as long as what they amend.
  EXPECT_EQ(stored(unsound).effective_end(), "2030-12-31");
  EXPECT_EQ(stored(extension).effective_end(), "2030-12-31");
  // Status is a range on the end slot: it holds the end after the addenda.
  auto db = *open_for_search(m_dir);
  auto p = db.postlist_begin(id_term(parent.sha256));
  EXPECT_EQ(db.get_document(*p).get_value(slot::k_end), "20301231");
}

TEST_F(FamiliesTest, APksSignedOutsideItsMouIsFlagged) {
  const auto mou =
      agreement("mou", "mou", {"M.HH-07.HH.05.05 TAHUN 2020"}, "2020-01-10", "2022-01-10");
  const auto inside = agreement("inside", "pks", {"W8-HN.04.01-0101"}, "2021-03-01", "2022-01-01",
                                {"M.HH-07.HH.05.05 Tahun 2020"});
  const auto late = agreement("late", "pks", {"W8-HN.04.01-0301"}, "2023-03-01", "2023-12-01",
                              {"M.HH-07.HH.05.05 Tahun 2020"});
  put({mou, inside, late});
  EXPECT_EQ(stored(late).parent, mou.sha256);
  EXPECT_TRUE(has_code(late, review::k_pks_signed_outside_mou));
  EXPECT_FALSE(has_code(inside, review::k_pks_signed_outside_mou));
  EXPECT_FALSE(has_code(inside, review::k_pks_outlives_mou));
}

TEST_F(FamiliesTest, APksOutlivingItsMouIsFlagged) {
  const auto mou =
      agreement("mou", "mou", {"M.HH-07.HH.05.05 TAHUN 2020"}, "2020-01-10", "2022-01-10");
  const auto pks = agreement("pks", "pks", {"W8-HN.04.01-0101"}, "2021-03-01", "2024-03-01",
                             {"M.HH-07.HH.05.05 Tahun 2020"});
  put({mou, pks});
  EXPECT_TRUE(has_code(pks, review::k_pks_outlives_mou));
  EXPECT_FALSE(has_code(pks, review::k_pks_signed_outside_mou));
  // Its MoU does not extend a PKS, nor does a PKS extend its MoU.
  EXPECT_EQ(stored(pks).effective_end(), "2024-03-01");
  EXPECT_EQ(stored(mou).effective_end(), "2022-01-10");
}

TEST_F(FamiliesTest, ThePersonsParentWinsAndNoParentConfirmedIsNoFinding) {
  const auto found = agreement("found", "pks", {"W8-UM.01.01-5431"}, "2022-04-06", "2024-04-06");
  const auto chosen = agreement("chosen", "pks", {"W8-UM.01.01-9000"}, "2022-05-06", "2024-05-06");
  auto addendum =
      agreement("add", "addendum", {"W8-UM.01.01-1696"}, "2023-12-12", "", {"W8-UM.01.01-5431"});
  addendum.parent = chosen.sha256;
  addendum.corrected = {"parent"};
  put({found, chosen, addendum});
  EXPECT_EQ(stored(addendum).parent, chosen.sha256);
  EXPECT_EQ(stored(chosen).children, std::vector<std::string>{addendum.sha256});
  EXPECT_TRUE(stored(found).children.empty());

  auto orphan = agreement("orphan", "addendum", {"W8-UM.01.01-1700"}, "2023-12-12", "");
  orphan.corrected = {"parent"};  // a person said it has none in the archive
  put({orphan});
  EXPECT_FALSE(has_code(orphan, review::k_addendum_without_parent));
}

TEST_F(FamiliesTest, AChildWhoseCitationIsCorrectedAwayLeavesTheFamily) {
  const auto parent = agreement("parent", "pks", {"W8-UM.01.01-5431"}, "2022-04-06", "2024-04-06");
  auto addendum = agreement("add", "addendum", {"W8-UM.01.01-1696"}, "2023-12-12", "2030-01-01",
                            {"W8-UM.01.01-5431"});
  put({parent, addendum});
  ASSERT_EQ(stored(parent).effective_end_date, "2030-01-01");
  addendum.references = {"W8-UM.01.01-5999"};
  put({addendum});
  EXPECT_TRUE(stored(parent).children.empty());
  EXPECT_FALSE(stored(parent).effective_end_date);
  EXPECT_FALSE(stored(parent).family_root);
  EXPECT_TRUE(has_code(addendum, review::k_addendum_without_parent));
}

TEST_F(FamiliesTest, OneNumberOnTwoDifferentAgreementsIsFlaggedInBoth) {
  const auto first = test::make_record("a", "pks", "Pelatihan", {"Lapas Metro", "Polinela"},
                                       {"W8-HN.04.01-7777"}, "2023-03-01", "2024-03-01");
  const auto second = test::make_record("b", "pks", "Penyuluhan", {"Kanwil Lampung", "Unila"},
                                        {"W8-HN.04.01-7777"}, "2023-06-06", "2024-06-06");
  // The same agreement scanned twice is a duplicate, not a reused number.
  const auto rescan = test::make_record("c", "pks", "Pelatihan", {"Lapas Metro"},
                                        {"W8-HN.04.01 - 7777"}, "2023-03-01", "2024-03-01");
  put({first, second, rescan});
  EXPECT_TRUE(has_code(first, review::k_number_reused));
  EXPECT_TRUE(has_code(second, review::k_number_reused));
  EXPECT_TRUE(has_code(rescan, review::k_number_reused));  // it shares it with `second` too
  const auto warnings = stored(rescan).warnings;
  EXPECT_NE(std::find(warnings.begin(), warnings.end(), "possible duplicate of " + first.sha256),
            warnings.end());
  // The flag names the other agreement.
  for (const ReviewFlag& f : stored(second).needs_review) {
    if (f.code == review::k_number_reused) {
      EXPECT_TRUE(f.value == first.sha256 || f.value == rescan.sha256);
    }
  }
}

TEST_F(FamiliesTest, AGenerationBuiltFromTheArchiveIsLinkedToo) {
  const auto parent = agreement("parent", "pks", {"W8-UM.01.01-5431"}, "2022-04-06", "2024-04-06");
  const auto addendum = agreement("add", "addendum", {"W8-UM.01.01-1696"}, "2024-03-04",
                                  "2030-12-31", {"W8-UM.01.01-5431"});
  const auto orphan = agreement("orphan", "addendum", {"W8-UM.01.01-1700"}, "2023-12-12", "");
  auto builder = Builder::new_generation(m_dir);
  ASSERT_TRUE(builder.has_value());
  for (const auto& r : {parent, addendum, orphan}) builder->add(prepare(r));
  auto lock = WriteLock::acquire(m_dir, 1s);
  ASSERT_TRUE(builder->finish(&*lock).has_value());
  EXPECT_EQ(stored(addendum).parent, parent.sha256);
  EXPECT_EQ(stored(parent).effective_end_date, "2030-12-31");
  EXPECT_TRUE(has_code(orphan, review::k_addendum_without_parent));
}

TEST_F(FamiliesTest, AgreementsCitingEachOtherStillAgreeOnOneRoot) {
  const auto a =
      agreement("a", "addendum", {"W8-UM.01.01-0001"}, "2023-01-02", "", {"W8-UM.01.01-0002"});
  const auto b =
      agreement("b", "addendum", {"W8-UM.01.01-0002"}, "2023-01-03", "", {"W8-UM.01.01-0001"});
  put({a, b});
  EXPECT_EQ(stored(a).family_root, stored(b).family_root);
  EXPECT_TRUE(stored(a).family_root);
}

// Two offices may both number an agreement "001/MOU/I/2019": an addendum between other
// bodies is not taken for the amendment of another office's agreement.
TEST_F(FamiliesTest, AnotherOfficesAgreementWithTheSameNumberIsNoParent) {
  const auto elsewhere = test::make_record("elsewhere", "pks", "Pelatihan",
                                           {"Lapas Kelas IIA Ambon", "Universitas Pattimura"},
                                           {"001/PKS/I/2019"}, "2019-01-07", "2021-01-07");
  auto addendum =
      test::make_record("add", "addendum", "Pelatihan", {"Kanwil Lampung", "Universitas Lampung"},
                        {"002/PKS/2020"}, "2020-03-02", "2022-03-02");
  addendum.references = {"001/PKS/I/2019"};
  put({elsewhere, addendum});
  EXPECT_FALSE(stored(addendum).parent);
  EXPECT_TRUE(has_code(addendum, review::k_addendum_without_parent));
  // The same bodies, a name OCR read slightly differently: still its parent.
  auto own = test::make_record("own", "pks", "Pelatihan",
                               {"Kanwil Lampung", "Universitas Lampung Bandar Lampung"},
                               {"001/PKS/I/2O19"}, "2019-01-07", "2021-01-07");
  put({own});
  EXPECT_EQ(stored(addendum).parent, own.sha256);
}

// When one of two agreements sharing a number is corrected to its own number, the other
// loses its finding too.
TEST_F(FamiliesTest, ANumberCorrectedAwayClearsTheOthersFinding) {
  const auto first = test::make_record("a", "pks", "Pelatihan", {"Lapas Metro", "Polinela"},
                                       {"W8-HN.04.01-7777"}, "2023-03-01", "2024-03-01");
  auto second = test::make_record("b", "pks", "Penyuluhan", {"Kanwil Lampung", "Unila"},
                                  {"W8-HN.04.01-7777"}, "2023-06-06", "2024-06-06");
  put({first, second});
  ASSERT_TRUE(has_code(first, review::k_number_reused));
  second.numbers = {"W8-HN.04.01-7787"};
  put({second});
  EXPECT_FALSE(has_code(second, review::k_number_reused));
  EXPECT_FALSE(has_code(first, review::k_number_reused));
}

}  // namespace
}  // namespace naskah::index
