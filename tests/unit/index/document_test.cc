#include "naskah/index/document.h"

#include <gtest/gtest.h>

#include "naskah/index/schema.h"
#include "sample_records.h"

namespace naskah::index {
namespace {

bool has_term(const Xapian::Document& doc, const std::string& term) {
  auto t = doc.termlist_begin();
  t.skip_to(term);
  return t != doc.termlist_end() && *t == term;
}

AgreementRecord lapas_record() {
  AgreementRecord r = test::make_record(
      "lapas", "pks", "Pembinaan Kemandirian Warga Binaan",
      {"Lembaga Pemasyarakatan Kelas IIA Semarang", "Pemerintah Kota Semarang"},
      {"W13.PAS.16-HH.05.05-0211", "119/1874/2021"}, "2021-12-09", "2023-12-31",
      "Para pihak sepakat untuk melaksanakan kerja sama pelatihan.");
  r.office = "Kanwil Jawa Tengah";
  r.amounts.push_back({150000000.0, "IDR", "Rp150.000.000,00"});
  r.ocr_confidence = 91.5;
  return r;
}

TEST(Prepare, FilesTheRecordUnderItsBooleanTerms) {
  const Prepared p = prepare(lapas_record());
  const Xapian::Document& doc = p.document;
  EXPECT_EQ(p.id_term, id_term(lapas_record().sha256));
  EXPECT_TRUE(has_term(doc, p.id_term));
  EXPECT_TRUE(has_term(doc, "XTYPEpks"));
  EXPECT_TRUE(has_term(doc, "Y2021"));
  EXPECT_TRUE(has_term(doc, "XPARTYpemerintah kota semarang"));
  EXPECT_TRUE(has_term(doc, "XNUM119/1874/2021"));
  EXPECT_TRUE(has_term(doc, "XOFFICEkanwil jawa tengah"));
  EXPECT_TRUE(has_term(doc, "Lid"));
}

TEST(Prepare, IndexesFreeTextByFieldAndSynonymCanonicals) {
  const Xapian::Document doc = prepare(lapas_record()).document;
  EXPECT_TRUE(has_term(doc, "pelatihan"));
  EXPECT_TRUE(has_term(doc, "XPsemarang"));
  EXPECT_TRUE(has_term(doc, "Skemandirian"));
  EXPECT_TRUE(has_term(doc, "lapas"));      // from "Lembaga Pemasyarakatan"
  EXPECT_TRUE(has_term(doc, "kerjasama"));  // from "kerja sama"
  EXPECT_TRUE(has_term(doc, "XPlapas"));    // pihak:lapas
}

TEST(Prepare, StoresSortableValues) {
  const Xapian::Document doc = prepare(lapas_record()).document;
  EXPECT_EQ(doc.get_value(slot::k_signed), "20211209");
  EXPECT_EQ(doc.get_value(slot::k_end), "20231231");
  EXPECT_EQ(doc.get_value(slot::k_type), "pks");
  EXPECT_EQ(doc.get_value(slot::k_year), "2021");
  EXPECT_EQ(doc.get_value(slot::k_party_first), "Lembaga Pemasyarakatan Kelas IIA Semarang");
  EXPECT_EQ(doc.get_value(slot::k_party_first + 1), "Pemerintah Kota Semarang");
  EXPECT_EQ(Xapian::sortable_unserialise(doc.get_value(slot::k_amount)), 150000000.0);
}

TEST(Prepare, TheDataHoldsTheWholeRecord) {
  const AgreementRecord original = lapas_record();
  auto back = record_of(prepare(original).document);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->sha256, original.sha256);
  EXPECT_EQ(back->text, original.text);
  EXPECT_EQ(back->parties.size(), 2u);
  EXPECT_EQ(back->office, original.office);
  EXPECT_EQ(back->amounts.at(0).value, 150000000.0);
}

TEST(Prepare, TheTextIsAValueTheJsonTheData) {
  const AgreementRecord original = lapas_record();
  const Xapian::Document doc = prepare(original).document;
  // The text uncompressed in its slot (a hit's snippet reads it without inflating), the
  // record without it in the data.
  EXPECT_EQ(doc.get_value(slot::k_text), original.text);
  EXPECT_EQ(doc.get_data().find(original.text), std::string::npos);
  auto without = record_of(doc, false);
  ASSERT_TRUE(without.has_value());
  EXPECT_TRUE(without->text.empty());
  EXPECT_EQ(without->sha256, original.sha256);
}

TEST(Prepare, RecordsOfOlderIndexesStillRead) {
  // Before schema 2 the data was the JSON, a NUL, then the text.
  const AgreementRecord original = lapas_record();
  Xapian::Document old;
  old.set_data(prepare(original).document.get_data() + '\0' + original.text);
  auto back = record_of(old);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->text, original.text);
  EXPECT_EQ(back->sha256, original.sha256);
}

TEST(Prepare, SpellingWordsArePlainWords) {
  const Prepared p = prepare(lapas_record());
  EXPECT_FALSE(p.spelling.empty());
  for (const std::string& w : p.spelling) {
    EXPECT_FALSE(w.empty());
    EXPECT_TRUE(std::islower(static_cast<unsigned char>(w[0])) || static_cast<unsigned char>(w[0]) >= 0x80) << w;
  }
}

TEST(SuspicionFlags, NameWhatIsMissing) {
  AgreementRecord r = test::make_record("bare", "pks", "x", {}, {}, "", "");
  r.ocr_confidence = 40;
  r.warnings.push_back("possible duplicate of abc");
  const auto flags = suspicion_flags(r);
  EXPECT_EQ(flags, (std::vector<std::string>{"no-parties", "no-signed-date", "no-number",
                                             "duplicate", "low-ocr"}));
  EXPECT_TRUE(suspicion_flags(lapas_record()).empty());
  r.doc_type = "other";
  EXPECT_TRUE(suspicion_flags(r).empty());
}

TEST(SuspicionFlags, WhatAPersonCheckedIsNoLongerSuspect) {
  AgreementRecord r = test::make_record("checked", "pks", "x", {}, {}, "", "");
  r.corrected = {"signed_date", "numbers"};  // confirmed missing in the original
  EXPECT_EQ(suspicion_flags(r), (std::vector<std::string>{"no-parties"}));
  r.duplicate_of = std::string(64, 'b');
  EXPECT_EQ(suspicion_flags(r), (std::vector<std::string>{"no-parties", "duplicate"}));
  r.not_agreement = true;
  EXPECT_TRUE(suspicion_flags(r).empty()) << "a person said it is not an agreement";
}

// check.signed-on-sunday and check.signed-on-holiday: offices do not sign on those days.
TEST(SuspicionFlags, SignedOnASundayOrANationalHoliday) {
  AgreementRecord r = lapas_record();
  r.signed_date = "2023-09-10";  // a Sunday
  EXPECT_EQ(suspicion_flags(r), (std::vector<std::string>{"signed-on-sunday"}));
  r.signed_date = "2023-08-17";  // Independence Day, a Thursday
  EXPECT_EQ(suspicion_flags(r), (std::vector<std::string>{"signed-on-holiday"}));
  r.signed_date = "2024-12-25";  // Christmas, a Wednesday
  EXPECT_EQ(suspicion_flags(r), (std::vector<std::string>{"signed-on-holiday"}));
  r.signed_date = "2021-12-09";  // a Thursday like any other
  EXPECT_TRUE(suspicion_flags(r).empty());
  r.signed_date = "2023-09-10";
  r.corrected = {"signed_date"};  // a person confirmed it from the original
  EXPECT_TRUE(suspicion_flags(r).empty());
}

// Checks on the record as a whole (no field) are filed under their code alone.
TEST(SuspicionFlags, FamilyChecksAreFiledUnderTheirCode) {
  AgreementRecord r = lapas_record();
  r.needs_review = {{review::k_addendum_without_parent, "", std::nullopt},
                    {review::k_number_reused, "", std::string(64, 'c')}};
  EXPECT_EQ(suspicion_flags(r),
            (std::vector<std::string>{"addendum-without-parent", "number-reused"}));
}

TEST(Prepare, FilesNumbersAndCitationsForFamilies) {
  AgreementRecord r = lapas_record();
  r.references = {"M.HH-20.HH.05.05 Tahun 2020"};
  r.parent = std::string(64, 'a');
  const Prepared p = prepare(r);
  EXPECT_TRUE(has_term(p.document, std::string(prefix::k_family_number) + "W13/PAS/16/HH/5/5/211"));
  EXPECT_TRUE(
      has_term(p.document, std::string(prefix::k_family_reference) + "M/HH/20/HH/5/5/TAHUN/2020"));
  EXPECT_TRUE(has_term(p.document, std::string(prefix::k_parent) + std::string(64, 'a')));
  // Without a family, it is its own root.
  EXPECT_TRUE(has_term(p.document, std::string(prefix::k_family) + r.sha256));
}

TEST(SuspicionFlags, WhatTheParserAskedAPersonToCheck) {
  AgreementRecord r = lapas_record();
  r.needs_review = {{review::k_doubtful, "numbers", "WO: PAS. PASto.pk.ot.os - 1205"},
                    {review::k_weekday_mismatch, "signed_date", "2011-06-10"},
                    {review::k_doubtful, "numbers", "562YUN30.10/KS/2020"},
                    {review::k_missing, "parties", std::nullopt}};
  // A missing field has its flag already (no-parties, when the parties are missing).
  EXPECT_EQ(suspicion_flags(r),
            (std::vector<std::string>{"doubtful-numbers", "weekday-mismatch-signed_date"}));
  r.doc_type = "other";
  r.needs_review = {{review::k_doubtful, "doc_type", "other"}};
  EXPECT_EQ(suspicion_flags(r), (std::vector<std::string>{"doubtful-doc_type"}));
}

}  // namespace
}  // namespace naskah::index
