#include "parse/signatures.h"

#include <gtest/gtest.h>

#include "parse/prepare.h"

namespace naskah::extract::parse {
namespace {

TEST(Signatures, IndonesianBlocks) {
  const auto lines =
      prepare_text(
          "sebagaimana tersebut di atas.\nPIHAK PERTAMA,\nDIREKTUR\nPT SURYA BOGA MAKMUR,\n"
          "HANA PATTIMURA, S.H., M.Kn.\nPIHAK KEDUA,\nDIREKTUR JENDERAL KEKAYAAN\nINTELEKTUAL,\n"
          "H. I KETUT OKTAVIANUS\nSEMBIRING\nNIP 19630301 199112 1 011")
          .lines;
  const auto s = read_signatures(lines, 0);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].role, "first");
  EXPECT_EQ(s[0].position, "DIREKTUR PT SURYA BOGA MAKMUR");
  EXPECT_EQ(s[0].signatory, "HANA PATTIMURA, S.H., M.Kn.");
  EXPECT_EQ(s[1].role, "second");
  EXPECT_EQ(s[1].signatory, "H. I KETUT OKTAVIANUS SEMBIRING");
  EXPECT_EQ(s[1].position, "DIREKTUR JENDERAL KEKAYAAN INTELEKTUAL");
}

TEST(Signatures, EnglishBlocks) {
  const auto lines =
      prepare_text(
          "both texts being equally authentic.\nFor The Ministry of Law and Human\nRights of the "
          "Republic of Indonesia,\nKurniawan Kamaruddin Damanik,\nS.H.\nDirector General of "
          "Immigration\nFor The Immigration Department of\nMalaysia,\nDr. Sarah Mitchell\n"
          "Director-General of Immigration")
          .lines;
  const auto s = read_signatures(lines, 0);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].party, "The Ministry of Law and Human Rights of the Republic of Indonesia");
  EXPECT_EQ(s[0].signatory, "Kurniawan Kamaruddin Damanik, S.H.");
  EXPECT_EQ(s[0].position, "Director General of Immigration");
  EXPECT_EQ(s[1].party, "The Immigration Department of Malaysia");
  EXPECT_EQ(s[1].signatory, "Dr. Sarah Mitchell");
  EXPECT_EQ(s[1].position, "Director-General of Immigration");
}

}  // namespace
}  // namespace naskah::extract::parse
