#include "parse/heading.h"

#include <gtest/gtest.h>

#include "parse/prepare.h"

namespace naskah::extract::parse {
namespace {

Heading heading_of(const char* text) {
  return read_heading(prepare_text(text).lines);
}

TEST(Heading, IndonesianPks) {
  const auto h = heading_of(
      "PERJANJIAN KERJASAMA\nANTARA\nLEMBAGA PEMASYARAKATAN PEREMPUAN KELAS IIB MANADO\n"
      "DENGAN\nPEMERINTAH PROVINSI SULAWESI UTARA\nTENTANG\nPEMBENTUKAN DAN PEMBINAAN DESA "
      "DAN KELURAHAN SADAR\nHUKUM\nNOMOR : W20.PAS.PAS24-HH.05.05-4334\nNOMOR : 130/302/KB/2023\n"
      "Pada hari ini, Senin, tanggal enam belas bulan Januari tahun dua ribu dua puluh tiga");
  EXPECT_EQ(h.doc_type, "pks");
  EXPECT_EQ(h.parties,
            (std::vector<std::string>{"LEMBAGA PEMASYARAKATAN PEREMPUAN KELAS IIB MANADO",
                                      "PEMERINTAH PROVINSI SULAWESI UTARA"}));
  EXPECT_EQ(h.title, "PEMBENTUKAN DAN PEMBINAAN DESA DAN KELURAHAN SADAR HUKUM");
  EXPECT_EQ(h.numbers,
            (std::vector<std::string>{"W20.PAS.PAS24-HH.05.05-4334", "130/302/KB/2023"}));
}

TEST(Heading, ThreePartiesAndPartyNamesThatContainDan) {
  const auto h = heading_of(
      "NOTA KESEPAHAMAN\nANTARA\nDIREKTORAT JENDERAL IMIGRASI KEMENTERIAN HUKUM DAN HAK\n"
      "ASASI MANUSIA\nDAN\nPT MITRA USAHA MANDIRI SEJAHTERA\nDAN\nBADAN PENYELENGGARA JAMINAN\n"
      "TENTANG\nPENYEDIAAN LAYANAN\nNOMOR : IMI-15.HH.05.05 TAHUN 2018\nNOMOR : "
      "264/PKS/MUMS/III/2018\n"
      "NOMOR : 204/KTR/III/2018\nPada hari ini Senin");
  EXPECT_EQ(h.doc_type, "mou");
  ASSERT_EQ(h.parties.size(), 3u);
  EXPECT_EQ(h.parties[0], "DIREKTORAT JENDERAL IMIGRASI KEMENTERIAN HUKUM DAN HAK ASASI MANUSIA");
  EXPECT_EQ(h.numbers.size(), 3u);
  EXPECT_EQ(h.numbers[0], "IMI-15.HH.05.05 TAHUN 2018");
}

TEST(Heading, AddendumWinsOverTheAgreementItAmends) {
  const auto h = heading_of(
      "ADENDUM PERTAMA\nPERJANJIAN KERJA SAMA\nANTARA\nA\nDENGAN\nB\n"
      "TENTANG\nX\nNOMOR : 1/2/2022\nPada hari ini");
  EXPECT_EQ(h.doc_type, "addendum");
  EXPECT_EQ(h.parties, (std::vector<std::string>{"A", "B"}));
}

TEST(Heading, English) {
  const auto h = heading_of(
      "MEMORANDUM OF UNDERSTANDING\nBETWEEN\nTHE MINISTRY OF LAW AND HUMAN RIGHTS OF THE "
      "REPUBLIC OF\nINDONESIA\nAND\nTHE IMMIGRATION DEPARTMENT OF MALAYSIA\nON\nCOOPERATION IN "
      "THE FIELD OF LAW AND HUMAN RIGHTS\nThe Ministry of Law and Human Rights of the Republic of "
      "Indonesia and the Immigration Department of Malaysia (hereinafter referred to");
  EXPECT_EQ(h.doc_type, "mou");
  EXPECT_EQ(h.parties, (std::vector<std::string>{
                           "MINISTRY OF LAW AND HUMAN RIGHTS OF THE REPUBLIC OF INDONESIA",
                           "IMMIGRATION DEPARTMENT OF MALAYSIA"}));
  EXPECT_EQ(h.title, "COOPERATION IN THE FIELD OF LAW AND HUMAN RIGHTS");
  EXPECT_TRUE(h.numbers.empty());
}

TEST(Heading, PartiesOnTheAntaraLine) {
  const auto h = heading_of(
      "KESEPAKATAN BERSAMA\nANTARA PEMERINTAH KOTA SEMARANG\nDENGAN\n"
      "KANTOR IMIGRASI SEMARANG\nTENTANG PELAYANAN PASPOR\nNomor: 7/KB/2020");
  EXPECT_EQ(h.doc_type, "mou");
  EXPECT_EQ(h.parties,
            (std::vector<std::string>{"PEMERINTAH KOTA SEMARANG", "KANTOR IMIGRASI SEMARANG"}));
  EXPECT_EQ(h.title, "PELAYANAN PASPOR");
  EXPECT_EQ(h.numbers, (std::vector<std::string>{"7/KB/2020"}));
}

TEST(Heading, SubjectAndNumberBeforeTheParties) {
  const auto h = heading_of("NOTA KESEPAHAMAN\nTENTANG\nPENINGKATAN PELAYANAN\nPUBLIK\n"
                            "NOMOR: W13-HH.05.05-1234\nANTARA\nKANTOR WILAYAH JAWA TENGAH\nDAN\n"
                            "OMBUDSMAN RI\nPada hari ini Selasa");
  EXPECT_EQ(h.doc_type, "mou");
  EXPECT_EQ(h.title, "PENINGKATAN PELAYANAN PUBLIK");
  EXPECT_EQ(h.numbers, (std::vector<std::string>{"W13-HH.05.05-1234"}));
  EXPECT_EQ(h.parties, (std::vector<std::string>{"KANTOR WILAYAH JAWA TENGAH", "OMBUDSMAN RI"}));
}

TEST(Heading, OcrSpecksAfterNumbersAreDropped) {
  const auto h = heading_of("NOTA KESEPAHAMAN\nANTARA\nA\nDAN\nB\nTENTANG\nX\n"
                            "NOMOR : 621/PKS/SKN/VIII/2017 i\nNomor: M.HH-38.HH.05.05 TAHUN 2021 h\n"
                            "Pada hari ini");
  EXPECT_EQ(h.numbers, (std::vector<std::string>{"621/PKS/SKN/VIII/2017",
                                                 "M.HH-38.HH.05.05 TAHUN 2021"}));
}

TEST(Heading, NumbersAsRealScansPrintThem) {
  // corpus/real: a colon OCR read as "=" (unib-12), a number left incomplete for a hand to
  // fill in (unib-01), spaces around the slashes (unib-02).
  const auto h = heading_of("PERJANJIAN KERJA SAMA\nANTARA\nA\nDENGAN\nB\nTENTANG\nX\n"
                            "Nomor = 02/III/apt.fera/2021\nNomor : W21.HM.03.04-\n"
                            "Nomor : 11700 / UN.30.7/ KS / 2020\nPada hari ini");
  EXPECT_EQ(h.numbers, (std::vector<std::string>{"02/III/apt.fera/2021", "W21.HM.03.04-",
                                                 "11700 / UN.30.7/ KS / 2020"}));
}

TEST(Heading, DebrisOfLogosAtTheEndsOfHeadingLines) {
  // external/indonesian, undiksha-05: logos left and right of the heading, ANTARA lost.
  const auto h = heading_of(
      "atom, PERJANJIAN KERJASAMA KEGIATAN IN\na =a, A GE\n"
      "Wu) PRODI PENDIDIKAN GURU SEKOLAH DASAR\nete FAKULTAS ILMU PENDIDIKAN ed /\n"
      "UNIVERSITAS PENDIDIKAN GANESHA \xE2\x80\x94" "A\nDENGAN\nSEKOLAH DASAR NEGERI 2 BATUBULAN KANGIN\n"
      "TENTANG\nPELAKSANAAN KEGIATAN ASISTENSI MENGAJAR\nNomor: 414/UN48.10.6/KS/2021\n"
      "Pada hari ini selasa tanggal dua bulan November tahun Dua Ribu Dua Puluh Satu");
  EXPECT_EQ(h.doc_type, "pks");
  ASSERT_EQ(h.parties.size(), 2U);
  EXPECT_EQ(h.parties[1], "SEKOLAH DASAR NEGERI 2 BATUBULAN KANGIN");
  EXPECT_EQ(h.numbers, (std::vector<std::string>{"414/UN48.10.6/KS/2021"}));
  // corpus/real, unib-12: a speck before the party and before DENGAN.
  const auto p = heading_of("PERJANJIAN KERJA SAMA\nANTARA\nLs UNIVERSITAS BENGKULU\n"
                            "a DENGAN\nAPOTEK FERA\nTENTANG\nX");
  EXPECT_EQ(p.parties, (std::vector<std::string>{"UNIVERSITAS BENGKULU", "APOTEK FERA"}));
  // ... or on lines of their own.
  EXPECT_EQ(heading_of("PERJANJIAN KERJA SAMA\nANTARA\nLs\na\nUNIVERSITAS BENGKULU\n"
                       "DENGAN\nAPOTEK FERA\nTENTANG\nX")
                .parties,
            (std::vector<std::string>{"UNIVERSITAS BENGKULU", "APOTEK FERA"}));
  // Lines in mixed case are the body's, and stay as they are.
  EXPECT_EQ(heading_of("NOTA KESEPAHAMAN\nANTARA\nBadan Pusat a\nDAN\nB\nTENTANG\nX")
                .parties.front(),
            "Badan Pusat a");
}

TEST(Heading, LettersAndArticlesAreOther) {
  EXPECT_EQ(
      heading_of("KEMENTERIAN HUKUM DAN HAK ASASI MANUSIA\nKANTOR WILAYAH LAMPUNG\n"
                 "Nomor : W8-UM.01.01-1119\nHal : Undangan Penandatanganan Perjanjian Kerja Sama")
          .doc_type,
      "other");
  EXPECT_EQ(heading_of("KANWIL KEMENKUMHAM SUMATERA UTARA\nTingkatkan Sinergi, Kanwil Teken "
                       "Perjanjian Kerja Sama dengan BNN")
                .doc_type,
            "other");
}

TEST(Heading, KindOfHeadingLines) {
  EXPECT_EQ(kind_of("NOTA KESEPAHAMAN"), "mou");
  EXPECT_EQ(kind_of("Memorandum of Understanding"), "mou");
  EXPECT_EQ(kind_of("PERJANJIAN KERJA SAMA"), "pks");
  EXPECT_EQ(kind_of("ADDENDUM I"), "addendum");
  EXPECT_EQ(kind_of("PERUBAHAN ATAS PERJANJIAN KERJA SAMA"), "addendum");
  EXPECT_EQ(kind_of("KANTOR WILAYAH"), std::nullopt);
  // The umbrella agreements between government bodies (corpus/real, unib-09).
  EXPECT_EQ(kind_of("KESEPAKATAN BERSAMA"), "mou");
  EXPECT_EQ(kind_of("PIAGAM KESEPAHAMAN"), "mou");
  // A PKS that implements one names it later in its heading: still a PKS.
  EXPECT_EQ(kind_of("PERJANJIAN KERJA SAMA SEBAGAI PELAKSANAAN KESEPAKATAN BERSAMA"), "pks");
}

TEST(Heading, KindLineLostByOcrIsReadFromTheBody) {
  // corpus/real, unib-01: OCR lost "NOTA KESEPAHAMAN" between two logos.
  const auto h = heading_of(
      "1 - YA \xC2\xA3\ntT m1 P4\nANTARA\nKANTOR WILAYAH KEMENTERIAN HUKUM DAN HAK ASASI MANUSIA\n"
      "PROVINSI BENGKULU\nDENGAN\nUNIVERSITAS BENGKULU\nNomor : W21.HM.03.04-\n"
      "Nomor : 4931 /H30/KS/2011\nTENTANG\nKERJASAMA PENDIDIKAN\n"
      "Pada hari ini Jumat tanggal sepuluh bulan Juni tahun dua ribu sebelas\n"
      "PARA PIHAK sepakat untuk mengikatkan diri dalam Nota Kesepahaman tentang Kerjasama\n"
      "(1) Nota Kesepahaman ini dimaksudkan scbagai landasan bagi PARA PIHAK");
  EXPECT_EQ(h.doc_type, "mou");
  EXPECT_EQ(h.parties.size(), 2U);
  EXPECT_EQ(h.numbers.size(), 2U);
}

TEST(Heading, BodySelfReferenceAsAddendumWins) {
  const auto lines = prepare_text(
                         "Addendum ini dibuat dan ditandatangani ... telah menandatangani "
                         "Perjanjian Kerja Sama ini ... Perjanjian Kerja Sama ini")
                         .lines;
  EXPECT_EQ(kind_named_by_body(lines), "addendum");
  EXPECT_EQ(kind_named_by_body(prepare_text("Surat ini disampaikan").lines), std::nullopt);
  // Without ANTARA ... DENGAN a self-reference alone does not make an agreement.
  EXPECT_EQ(heading_of("Siaran pers\nNota Kesepahaman ini ditandatangani kemarin").doc_type,
            "other");
}

}  // namespace
}  // namespace naskah::extract::parse
