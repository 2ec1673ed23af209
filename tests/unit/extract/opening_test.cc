#include "parse/opening.h"

#include <gtest/gtest.h>

namespace naskah::extract::parse {
namespace {

TEST(Opening, DateInWordsPlaceAndSignersWithColon) {
  const auto o = read_opening(
      "Pada hari ini, Senin, tanggal enam belas bulan Januari tahun dua ribu dua puluh tiga "
      "(16/01/2023), bertempat di Manado, yang bertanda tangan di bawah ini: 1. Fitri Astuti, "
      "M.Kes. : Kepala Lembaga Pemasyarakatan Perempuan Kelas IIB Manado, dalam hal ini bertindak "
      "untuk dan atas nama Lembaga Pemasyarakatan Perempuan Kelas IIB Manado, berkedudukan di "
      "Jalan Imam Bonjol Nomor 197, Manado, yang selanjutnya disebut PIHAK PERTAMA; dan 2. Ir. "
      "Rizal Siregar, A.Md.Im., S.H., M.H. : Gubernur Sulawesi Utara, dalam hal ini bertindak "
      "untuk "
      "dan atas nama Pemerintah Provinsi Sulawesi Utara, berkedudukan di Jalan Diponegoro Nomor "
      "120, Manado, selanjutnya dalam Perjanjian Kerjasama disebut PIHAK KEDUA. PIHAK PERTAMA dan");
  ASSERT_TRUE(o.signed_on);
  EXPECT_EQ(o.signed_on->date.iso(), "2023-01-16");
  EXPECT_FALSE(o.signed_on->weekday_mismatch);
  EXPECT_EQ(o.place, "Manado");
  ASSERT_EQ(o.signers.size(), 2u);
  EXPECT_EQ(o.signers[0].signatory, "Fitri Astuti, M.Kes.");
  EXPECT_EQ(o.signers[0].position, "Kepala");
  EXPECT_EQ(o.signers[0].party, "Lembaga Pemasyarakatan Perempuan Kelas IIB Manado");
  EXPECT_EQ(o.signers[0].role, "first");
  EXPECT_EQ(o.signers[1].signatory, "Ir. Rizal Siregar, A.Md.Im., S.H., M.H.");
  EXPECT_EQ(o.signers[1].position, "Gubernur Sulawesi Utara");
  EXPECT_EQ(o.signers[1].party, "Pemerintah Provinsi Sulawesi Utara");
  EXPECT_EQ(o.signers[1].role, "second");
}

TEST(Opening, SignersWithoutColonAndThreeParties) {
  const auto o = read_opening(
      "Pada hari ini Senin tanggal dua belas bulan Maret tahun dua ribu delapan belas "
      "(12/03/2018), "
      "bertempat di Jakarta, kami yang bertanda tangan di bawah ini: 1. Dr. Ir. Suryani, S.Ag., "
      "M.Ag., Direktur Jenderal Imigrasi, yang berkedudukan di Jalan Veteran Nomor 11, Jakarta "
      "Pusat, dalam hal ini bertindak dalam jabatannya tersebut untuk dan atas nama Direktorat "
      "Jenderal Imigrasi, selanjutnya dalam Nota Kesepahaman disebut PIHAK PERTAMA; 2. Yanti Vivi "
      "Herawati, Direktur PT Mitra Usaha Mandiri Sejahtera, yang berkedudukan di Semarang, dalam "
      "hal ini bertindak untuk dan atas nama PT Mitra Usaha Mandiri Sejahtera, selanjutnya disebut "
      "PIHAK KEDUA; 3. Zulkifli Kartasasmita, Kepala Kantor Cabang, yang berkedudukan di Semarang, "
      "dalam hal ini bertindak untuk dan atas nama BPJS Kesehatan, selanjutnya disebut PIHAK "
      "KETIGA.");
  EXPECT_EQ(o.signed_on->date.iso(), "2018-03-12");
  EXPECT_EQ(o.place, "Jakarta");
  ASSERT_EQ(o.signers.size(), 3u);
  EXPECT_EQ(o.signers[0].signatory, "Dr. Ir. Suryani, S.Ag., M.Ag.");
  EXPECT_EQ(o.signers[0].position, "Direktur Jenderal Imigrasi");
  EXPECT_EQ(o.signers[1].position, "Direktur");
  EXPECT_EQ(o.signers[2].role, "third");
  EXPECT_EQ(o.signers[2].party, "BPJS Kesehatan");
}

TEST(Opening, SignersGivenAsATable) {
  const auto o = read_opening(
      "Pada hari ini Kamis tanggal 2 Februari 2023, bertempat di Padang, kami yang bertanda "
      "tangan di bawah ini: I. Nama : Drs. Ahmad Fauzi, M.Si. Jabatan : Kepala Kantor Wilayah "
      "Alamat : Jalan Khatib Sulaiman Nomor 50, Padang dalam hal ini bertindak untuk dan atas "
      "nama Kantor Wilayah Sumatera Barat, selanjutnya disebut PIHAK PERTAMA; II. Nama : Rina "
      "Marlina, S.H. Jabatan : Rektor Alamat : Jalan Limau Manis, Padang dalam hal ini bertindak "
      "untuk dan atas nama Universitas Andalas, selanjutnya disebut PIHAK KEDUA.");
  ASSERT_EQ(o.signers.size(), 2u);
  EXPECT_EQ(o.signers[0].signatory, "Drs. Ahmad Fauzi, M.Si.");
  EXPECT_EQ(o.signers[0].position, "Kepala Kantor Wilayah");
  EXPECT_EQ(o.signers[0].party, "Kantor Wilayah Sumatera Barat");
  EXPECT_EQ(o.signers[0].role, "first");
  EXPECT_EQ(o.signers[1].signatory, "Rina Marlina, S.H.");
  EXPECT_EQ(o.signers[1].position, "Rektor");
  EXPECT_EQ(o.signers[1].role, "second");
}

TEST(Opening, BlankSigningDate) {
  const auto o = read_opening(
      "Pada hari ini ............ tanggal ............ bulan ............ tahun dua ribu "
      "............, bertempat di Jakarta, yang bertanda tangan di bawah ini:");
  EXPECT_FALSE(o.signed_on);
  EXPECT_TRUE(o.date_left_blank);
  EXPECT_EQ(o.place, "Jakarta");
}

TEST(Opening, EnglishSignedInPlaceOnDate) {
  const auto o = read_opening(
      "IN WITNESS WHEREOF, the undersigned have signed this Memorandum of Understanding. Signed "
      "in Bali on 11 June 2019, in two originals in the English language.");
  EXPECT_EQ(o.signed_on->date.iso(), "2019-06-11");
  EXPECT_EQ(o.place, "Bali");
}

TEST(Opening, EnglishSignedInDuplicateAt) {
  const auto o = read_opening("Signed in duplicate at Semarang on 3 March 2022, in the English "
                              "language.");
  ASSERT_TRUE(o.signed_on);
  EXPECT_EQ(o.signed_on->date.iso(), "2022-03-03");
  EXPECT_EQ(o.place, "Semarang");
}

TEST(Opening, Roles) {
  EXPECT_EQ(role_of("PERTAMA"), "first");
  EXPECT_EQ(role_of("Kedua"), "second");
  EXPECT_EQ(role_of("KETIGA;"), "third");
  EXPECT_EQ(role_of("Second"), "second");
  EXPECT_EQ(role_of("lain"), std::nullopt);
}

TEST(Opening, RealScanSigners) {
  // corpus/real, unib-14: parties called by a short name instead of PIHAK PERTAMA, and the
  // second entry's "II." read by OCR as "Il.".
  const auto o = read_opening(
      "Nota Kesepahaman ini dibuat dan ditandatangani pada hari Jumat, tanggal lima belas, "
      "bulan April, tahun dua ribu enam belas (15-04-2016), oleh dan antara : I. AGUS "
      "RAHARDJO, Ketua Komisi Pemberantasan Korupsi Republik Indonesia, dalam hal ini "
      "bertindak untuk dan atas nama Komisi Pemberantasan Korupsi Republik Indonesia, "
      "selanjutnya disebut sebagai \"KPK\". Il. Dr. RIDWAN NURAZI, S.E., M.Sc., Rektor "
      "Universitas Bengkulu, dalam hal ini bertindak untuk dan atas nama Universitas "
      "Bengkulu, selanjutnya disebut sebagai \"UNIB\". KPK dan UNIB terlebih dahulu");
  ASSERT_EQ(o.signers.size(), 2U);
  EXPECT_EQ(o.signers[0].signatory, "AGUS RAHARDJO");
  EXPECT_EQ(o.signers[0].party, "Komisi Pemberantasan Korupsi Republik Indonesia");
  EXPECT_EQ(o.signers[0].role, std::nullopt);  // a short name is not an ordinal
  EXPECT_EQ(o.signers[1].party, "Universitas Bengkulu");
  // unib-03 and unib-06: "PIHAK KESATU".
  EXPECT_EQ(role_of("KESATU"), "first");
}

}  // namespace
}  // namespace naskah::extract::parse
