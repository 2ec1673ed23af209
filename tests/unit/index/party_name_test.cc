#include "naskah/index/party_name.h"

#include <gtest/gtest.h>

namespace naskah::index {
namespace {

TEST(CanonicalParty, OneBodyHoweverItIsWritten) {
  const std::string ministry = "Kementerian Hukum dan Hak Asasi Manusia";
  for (const char* written :
       {"Kementerian Hukum dan Hak Asasi Manusia", "KEMENTERIAN HUKUM DAN HAM RI",
        "Kementerian Hukum dan HAM Republik Indonesia", "Kemenkumham",
        "Ministry of Law and Human Rights",
        "MINISTRY OF LAW AND HUMAN RIGHTS OF THE REPUBLIC OF "
        "INDONESIA",
        "  kementerian   hukum dan ham  "}) {
    EXPECT_EQ(canonical_party(written), ministry) << written;
  }
  EXPECT_EQ(canonical_party("KANWIL KEMENKUMHAM JAWA TENGAH"),
            "Kantor Wilayah Kementerian Hukum dan Hak Asasi Manusia Jawa Tengah");
  EXPECT_EQ(canonical_party("Regional Office of the Ministry of Law and Human Rights Jawa Tengah"),
            "Kantor Wilayah Kementerian Hukum dan Hak Asasi Manusia Jawa Tengah");
  EXPECT_EQ(canonical_party("LAPAS KELAS IIA SEMARANG"),
            canonical_party("Lembaga Pemasyarakatan Kelas IIA Semarang"));
  EXPECT_EQ(canonical_party("Lembaga Pemasyarakatan Kelas IIA Semarang"),
            "Lembaga Pemasyarakatan Kelas IIA Semarang");
}

TEST(CanonicalParty, OtherBodiesKeepTheirNames) {
  // A body that is not a ministry keeps "Republik Indonesia"; words inside others stay.
  EXPECT_EQ(canonical_party("OMBUDSMAN REPUBLIK INDONESIA"), "Ombudsman Republik Indonesia");
  EXPECT_EQ(canonical_party("Universitas Bengkulu"), "Universitas Bengkulu");
  EXPECT_EQ(canonical_party("Badan Meteorologi, Klimatologi, dan Geofisika"),
            "Badan Meteorologi, Klimatologi, dan Geofisika");
  EXPECT_EQ(canonical_party("PT Lapasindo"), "PT Lapasindo");
}

TEST(CanonicalParty, SpecksOfTheScanGoAndDebrisNamesNoOne) {
  EXPECT_EQ(canonical_party("LEMBAGA PEMASYARAKATAN KELAS IIB WONOREJO — —."),
            "Lembaga Pemasyarakatan Kelas IIB Wonorejo");
  EXPECT_EQ(canonical_party("* Pemerintah Kota Semarang ,"), "Pemerintah Kota Semarang");
  for (const char* debris : {"", " ", "— —.", "ii", ".:;,-", "a.b.c.d", "~~ ;; Ab ::", "1234"}) {
    EXPECT_EQ(canonical_party(debris), "") << debris;
  }
}

}  // namespace
}  // namespace naskah::index
