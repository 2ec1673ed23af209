#include "naskah/index/synonyms.h"

#include <algorithm>

#include <gtest/gtest.h>

namespace naskah::index {
namespace {

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(ParseSynonyms, ReadsGroupsAndSkipsComments) {
  const auto groups = parse_synonyms(
      "# comment\n\nlapas: Lembaga Pemasyarakatan | LP\nbroken line\nkerjasama: kerja sama\n");
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].canonical, "lapas");
  EXPECT_EQ(groups[0].variants, (std::vector<std::string>{"lembaga pemasyarakatan", "lp"}));
  EXPECT_EQ(groups[1].canonical, "kerjasama");
}

TEST(ParseSynonyms, TheBuiltInListHasTheUsualAbbreviations) {
  const auto& groups = builtin_synonyms();
  std::vector<std::string> canonicals;
  for (const auto& g : groups) canonicals.push_back(g.canonical);
  for (const char* c : {"kemenkumham", "ham", "pks", "mou", "lapas", "rutan", "bapas", "kanwil",
                        "imigrasi", "kerjasama"}) {
    EXPECT_TRUE(has(canonicals, c)) << c;
  }
}

TEST(SynonymMatcher, FindsMultiWordVariantsInText) {
  const SynonymMatcher matcher(builtin_synonyms());
  const auto found = matcher.canonicals_in(
      "KANTOR WILAYAH KEMENTERIAN HUKUM DAN HAK ASASI MANUSIA JAWA TENGAH\n"
      "dengan Lembaga\nPemasyarakatan Kelas IIA tentang kerja-sama");
  EXPECT_TRUE(has(found, "kanwil"));
  EXPECT_TRUE(has(found, "kemenkumham"));
  EXPECT_TRUE(has(found, "ham"));
  EXPECT_TRUE(has(found, "lapas"));
  EXPECT_TRUE(has(found, "kerjasama"));
  EXPECT_FALSE(has(found, "rutan"));
}

TEST(SynonymMatcher, AVariantCutShortDoesNotMatch) {
  const SynonymMatcher matcher(builtin_synonyms());
  EXPECT_TRUE(matcher.canonicals_in("kementerian hukum dan").empty() ||
              !has(matcher.canonicals_in("kementerian hukum dan"), "kemenkumham"));
}

TEST(CanonicalTerms, IncludeTheWordAndItsStems) {
  const auto terms = canonical_terms("kerjasama");
  EXPECT_TRUE(has(terms, "kerjasama"));
  EXPECT_TRUE(std::any_of(terms.begin(), terms.end(), [](const std::string& t) {
    return t.starts_with("Z");
  }));
}

}  // namespace
}  // namespace naskah::index
