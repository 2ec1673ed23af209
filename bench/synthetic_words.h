// The material of the synthetic agreements (synthetic_agreements.cc): real words of
// agreements in Indonesian and English, most frequent first, and the cities, provinces,
// parties, people, titles and laws records draw from. Data only.
#pragma once

#include <string_view>

namespace naskah::bench::words {

// Real words of agreements, roughly most frequent first: they take the head of the curve.
inline constexpr std::string_view k_indonesian_words =
    "dan yang di ini dengan untuk dalam pihak kerja sama pada dari sebagaimana atau oleh para ke "
    "tersebut pelaksanaan sesuai kegiatan perjanjian ketentuan hukum pasal ayat kedua pertama "
    "masing-masing dapat secara berdasarkan pembinaan pemasyarakatan warga binaan program "
    "pelayanan hak kewajiban asasi manusia kantor wilayah lembaga pendidikan penelitian publik "
    "anggaran biaya jangka waktu berlaku ditandatangani tanggal tahun bulan nomor peraturan "
    "undang-undang pemerintah kementerian daerah kabupaten kota provinsi negara republik "
    "indonesia narapidana tahanan klien masyarakat peningkatan kapasitas sumber daya "
    "pengembangan pelatihan keterampilan kemandirian kepribadian kesehatan rehabilitasi "
    "narkotika pengamanan keamanan ketertiban data informasi laporan evaluasi monitoring "
    "koordinasi perubahan kesepakatan nota kesepahaman maksud tujuan ruang lingkup "
    "penyelesaian perselisihan musyawarah mufakat keadaan kahar penutup rangkap asli "
    "bermeterai cukup kekuatan mempunyai menyediakan menyelenggarakan melaksanakan memberikan "
    "menerima menyampaikan menunjuk bertanggung jawab dibebankan belanja pendapatan negeri sah "
    "tertulis diperpanjang berakhir sejak sampai tidak akan telah harus wajib setiap bagi atas "
    "antara serta juga lebih lanjut kepada tentang bahwa apabila jika maka sebagai adalah "
    "merupakan yaitu meliputi termasuk terhadap melalui selama kepala direktur jenderal rektor "
    "bupati walikota sekretaris petugas pegawai pejabat mahasiswa dosen peserta instruktur "
    "tenaga ahli sarana prasarana fasilitas tempat lokasi ruangan peralatan bahan kebutuhan "
    "hasil manfaat mutu kualitas efektif efisien transparan akuntabel berkelanjutan terpadu "
    "sinergi kolaborasi dukungan bantuan penyuluhan sosialisasi diseminasi magang praktik "
    "lapangan kunjungan pertemuan rapat seminar lokakarya penyusunan rencana kerja teknis "
    "petunjuk pedoman standar prosedur operasional mekanisme tata cara persyaratan dokumen "
    "surat keputusan penetapan pengesahan persetujuan izin rekomendasi verifikasi validasi "
    "pemeriksaan pengawasan pengendalian pembiayaan pembayaran pertanggungjawaban keuangan "
    "aset barang milik kerahasiaan korespondensi alamat pemberitahuan perpanjangan pengakhiran "
    "pembatalan sanksi ganti rugi force majeure bencana alam kebakaran wabah penyakit "
    "kebijakan pemerintahan lain-lain hal-hal diatur kemudian addendum terpisah merupakan "
    "bagian tidak terpisahkan";

inline constexpr std::string_view k_english_words =
    "the of and to in this shall parties party be for by agreement cooperation memorandum "
    "understanding with on any as or article implementation accordance each other may its "
    "their provisions law human rights ministry regional office education research training "
    "exchange programme joint activities costs funds available subject written consent notice "
    "days effect date signing valid years extended amended terminated dispute settlement "
    "amicably consultation confidential information obligations responsibilities first second "
    "representatives coordination evaluation report reports annual implementing arrangements "
    "staff students lecturers visits seminars workshops publications university government "
    "republic indonesia correctional institution inmates rehabilitation services public legal "
    "aid intellectual property migration immigration capacity building development mutual "
    "benefit equality respective laws regulations force entry duration termination amendment "
    "language english indonesian copies original equally authentic witness whereof undersigned "
    "duly authorized signed hereinafter referred represented head rector director general "
    "scope objective purpose financial arrangement bear own arising from which that will not "
    "are is has have been within between under upon all such following include including "
    "limited area areas field fields mutually agreed plan plans committee working group "
    "meeting meetings period month months year budget expenses payment procedures guidelines";

inline constexpr const char* k_cities[] = {
    "Semarang",  "Surakarta",   "Magelang",    "Pekalongan", "Tegal",       "Salatiga",
    "Kudus",     "Pati",        "Jepara",      "Demak",      "Kendal",      "Batang",
    "Pemalang",  "Brebes",      "Banyumas",    "Cilacap",    "Purbalingga", "Banjarnegara",
    "Kebumen",   "Purworejo",   "Wonosobo",    "Temanggung", "Boyolali",    "Klaten",
    "Sukoharjo", "Wonogiri",    "Karanganyar", "Sragen",     "Grobogan",    "Blora",
    "Rembang",   "Bandung",     "Bogor",       "Bekasi",     "Depok",       "Cirebon",
    "Garut",     "Tasikmalaya", "Malang",      "Surabaya",   "Kediri",      "Madiun",
    "Jember",    "Banyuwangi",  "Yogyakarta",  "Sleman",     "Bantul",      "Denpasar",
    "Mataram",   "Kupang",      "Makassar",    "Manado",     "Palu",        "Kendari",
    "Medan",     "Padang",      "Pekanbaru",   "Jambi",      "Palembang",   "Bengkulu"};

inline constexpr const char* k_provinces[] = {"Aceh",
                                              "Sumatera Utara",
                                              "Sumatera Barat",
                                              "Riau",
                                              "Jambi",
                                              "Sumatera Selatan",
                                              "Bengkulu",
                                              "Lampung",
                                              "Bangka Belitung",
                                              "Kepulauan Riau",
                                              "DKI Jakarta",
                                              "Jawa Barat",
                                              "Jawa Tengah",
                                              "DI Yogyakarta",
                                              "Jawa Timur",
                                              "Banten",
                                              "Bali",
                                              "Nusa Tenggara Barat",
                                              "Nusa Tenggara Timur",
                                              "Kalimantan Barat",
                                              "Kalimantan Tengah",
                                              "Kalimantan Selatan",
                                              "Kalimantan Timur",
                                              "Kalimantan Utara",
                                              "Sulawesi Utara",
                                              "Sulawesi Tengah",
                                              "Sulawesi Selatan",
                                              "Sulawesi Tenggara",
                                              "Gorontalo",
                                              "Sulawesi Barat",
                                              "Maluku",
                                              "Maluku Utara",
                                              "Papua",
                                              "Papua Barat"};

inline constexpr const char* k_party_kinds[] = {"Lembaga Pemasyarakatan Kelas IIA ",
                                                "Lembaga Pemasyarakatan Kelas IIB ",
                                                "Rumah Tahanan Negara Kelas IIB ",
                                                "Balai Pemasyarakatan Kelas II ",
                                                "Pemerintah Kabupaten ",
                                                "Pemerintah Kota ",
                                                "Universitas Negeri ",
                                                "Universitas Muhammadiyah ",
                                                "Kepolisian Resor ",
                                                "Kejaksaan Negeri ",
                                                "Rumah Sakit Umum Daerah ",
                                                "Badan Narkotika Nasional Kabupaten ",
                                                "Politeknik Negeri ",
                                                "Pengadilan Negeri "};

inline constexpr const char* k_first_names[] = {
    "Agus", "Bambang", "Sri",  "Endah", "Dewi",  "Budi",  "Rina",   "Hendra", "Yulia", "Eko",
    "Siti", "Ahmad",   "Dian", "Wahyu", "Teguh", "Retno", "Slamet", "Nur",    "Fajar", "Indah"};
inline constexpr const char* k_last_names[] = {
    "Setiawan", "Nugroho", "Wibowo",    "Kusumawardani", "Haryanto", "Mulyono", "Santoso",
    "Prasetyo", "Lestari", "Rahmawati", "Hidayat",       "Saputra",  "Susanto", "Purnomo",
    "Wijaya",   "Utami",   "Kurniawan", "Handayani",     "Suryadi",  "Maharani"};
inline constexpr const char* k_degrees[] = {", S.H., M.H.", ", S.Sos., M.Si.", ", A.Md.IP., S.H.",
                                            ", M.M.",       ", S.T., M.T.",    ""};
inline constexpr const char* k_honorifics[] = {"", "", "Dr. ", "Drs. ", "Prof. Dr. ", "Ir. "};

inline constexpr const char* k_titles_id[] = {
    "Pembinaan Kemandirian dan Pelatihan Kerja bagi Warga Binaan Pemasyarakatan",
    "Pelayanan Kesehatan bagi Tahanan dan Narapidana",
    "Penyuluhan Hukum dan Hak Asasi Manusia",
    "Kerja Sama di Bidang Pendidikan, Penelitian dan Pengabdian kepada Masyarakat",
    "Rehabilitasi Medis dan Sosial bagi Pecandu Narkotika",
    "Pemanfaatan Data Kependudukan dan Pencatatan Sipil",
    "Praktik Kerja Lapangan bagi Mahasiswa",
    "Pembimbingan Klien Pemasyarakatan",
    "Pengamanan dan Ketertiban di Lingkungan Lembaga Pemasyarakatan",
    "Pelayanan Publik Berbasis Elektronik",
    "Pendidikan Kesetaraan Paket A, Paket B dan Paket C",
    "Sertifikasi Kompetensi Kerja",
    "Asimilasi dan Integrasi Narapidana",
    "Layanan Bantuan Hukum bagi Masyarakat Tidak Mampu",
    "Pembinaan Kepribadian dan Kerohanian",
    "Pengelolaan Arsip dan Dokumentasi",
    "Peningkatan Kapasitas Sumber Daya Manusia",
    "Pemberdayaan Ekonomi dan Kewirausahaan Warga Binaan",
    "Harmonisasi Peraturan Daerah",
    "Pelindungan Kekayaan Intelektual Komunal",
    "Pertukaran Data dan Informasi Keimigrasian",
    "Pemeriksaan Kesehatan dan Psikologi Petugas"};

inline constexpr const char* k_titles_en[] = {
    "Cooperation in Legal Education and Human Rights Research",
    "Rehabilitation Services for Inmates",
    "Exchange of Staff, Lecturers and Students",
    "Vocational Training for Correctional Inmates",
    "Joint Research on Migration Law",
    "Capacity Building in Intellectual Property",
    "Legal Aid Services for the Public",
    "Health Services in Correctional Institutions"};

inline constexpr const char* k_laws[] = {
    "Undang-Undang Nomor 22 Tahun 2022 tentang Pemasyarakatan",
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah",
    "Undang-Undang Nomor 12 Tahun 2012 tentang Pendidikan Tinggi",
    "Peraturan Pemerintah Nomor 31 Tahun 1999 tentang Pembinaan dan Pembimbingan Warga Binaan",
    "Peraturan Pemerintah Nomor 28 Tahun 2018 tentang Kerja Sama Daerah",
    "Peraturan Menteri Hukum dan Hak Asasi Manusia Nomor 35 Tahun 2018",
    "Peraturan Presiden Nomor 44 Tahun 2015 tentang Kementerian Hukum dan Hak Asasi Manusia"};

}  // namespace naskah::bench::words
