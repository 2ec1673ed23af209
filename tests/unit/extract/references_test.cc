#include "parse/references.h"

#include <gtest/gtest.h>

namespace naskah::extract::parse {
namespace {

TEST(References, CitedAgreementsAndRegulations) {
  const auto refs = read_references(
      "NOMOR : W20.PAS-4334 Pada hari ini ... berkedudukan di Jalan Imam Bonjol Nomor 197, "
      "Manado ... telah menandatangani Nota Kesepahaman Nomor: M.HH-20.HH.05.05 Tahun 2020 dan "
      "Nomor: 075/35/2020 tanggal 07 Desember 2020 tentang Sinergi; Dasar hukum: 1. Undang-Undang "
      "Nomor 12 Tahun 2012 tentang Pendidikan Tinggi; 2. Undang-Undang Nomor 22 Tahun 2022 tentang "
      "Pemasyarakatan (Lembaran Negara Republik Indonesia Tahun 2022 Nomor 53);",
      {"W20.PAS-4334"});
  EXPECT_EQ(refs, (std::vector<std::string>{"M.HH-20.HH.05.05 Tahun 2020", "075/35/2020",
                                            "12 Tahun 2012", "22 Tahun 2022"}));
}

TEST(References, SecondNumberAfterDan) {
  const auto refs = read_references(
      "bahwa PARA PIHAK telah menandatangani Perjanjian Kerja Sama Nomor W5.PAS.LPKA-HH.05.05-5695 "
      "dan 563/PKS/KMJ/VII/2020 tanggal 14 Juli 2020",
      {});
  EXPECT_EQ(refs, (std::vector<std::string>{"W5.PAS.LPKA-HH.05.05-5695", "563/PKS/KMJ/VII/2020"}));
}

// A space around a dash or slash (typed, or OCR's) does not cut the number short, so the
// family of an addendum is found from it (index/families.cc).
TEST(References, SpacesAroundADashOrSlashStayInTheNumber) {
  EXPECT_EQ(read_references("telah menandatangani Perjanjian Kerja Sama Nomor W7-HN.04.01 - 1001; "
                            "dan Nota Kesepahaman Nomor 118/ORI-MOU/ III/2019 tanggal 2 Mei 2019",
                            {}),
            (std::vector<std::string>{"W7-HN.04.01-1001", "118/ORI-MOU/III/2019"}));
  // A dash before words is not part of the number.
  EXPECT_EQ(read_references("Perjanjian Nomor 12/PKS/2020 - selanjutnya disebut Perjanjian", {}),
            (std::vector<std::string>{"12/PKS/2020"}));
}

TEST(References, EnglishNumber) {
  EXPECT_EQ(read_references("REFERRING to the Memorandum of Understanding Number 94/NK/2014 signed "
                            "on 26 February 2014;",
                            {}),
            (std::vector<std::string>{"94/NK/2014"}));
}

TEST(References, OwnNumbersStreetsAndBareRegulationNumbersAreLeftOut) {
  EXPECT_TRUE(read_references("NOMOR : 130/302/KB/2023 Jl. Sudirman Nomor 43 Peraturan Menteri "
                              "Nomor 5 tentang hal",
                              {"130/302/KB/2023"})
                  .empty());
}

}  // namespace
}  // namespace naskah::extract::parse
