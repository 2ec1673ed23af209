#include <algorithm>
#include <array>

#include "words.h"

namespace naskah::extract {
namespace {

// Sorted lists, searched with binary search.
constexpr std::array k_indonesian = {
    "ada", "adalah", "agar", "akan", "antara", "apabila", "atas", "atau", "bagi", "bahasa",
    "bahwa", "baik", "bentuk", "berdasarkan", "berlaku", "bersama", "bertempat", "bidang",
    "bulan", "dalam", "dan", "dapat", "dari", "dengan", "di", "diatur", "dilaksanakan",
    "ditandatangani", "hak", "hal", "hari", "hukum", "ini", "itu", "jangka", "juga", "kami",
    "kantor", "karena", "ke", "kedua", "kegiatan", "kepada", "kerja", "kesepahaman",
    "kesepakatan", "ketentuan", "kewajiban", "lain", "lebih", "maka", "masing", "melalui",
    "memiliki", "menjadi", "menurut", "nomor", "nota", "oleh", "pada", "para", "pasal",
    "pelaksanaan", "pelayanan", "perjanjian", "pertama", "pihak", "provinsi", "ruang",
    "saling", "sama", "sampai", "sebagai", "sebagaimana", "secara", "sejak", "selama",
    "selanjutnya", "serta", "sesuai", "setiap", "tahun", "tanggal", "telah", "tentang",
    "terhitung", "tersebut", "tidak", "untuk", "waktu", "wilayah", "yaitu", "yang"};

constexpr std::array k_english = {
    "a", "about", "agree", "agreement", "all", "an", "and", "any", "are", "as", "at", "be",
    "been", "between", "by", "date", "each", "for", "from", "has", "have", "hereby", "in",
    "into", "is", "it", "its", "may", "memorandum", "not", "of", "on", "or", "other", "parties",
    "party", "shall", "signed", "such", "that", "the", "their", "this", "to", "understanding",
    "which", "will", "with", "within", "year", "years"};

template <std::size_t N>
bool contains(const std::array<const char*, N>& list, std::string_view word) {
  return std::binary_search(list.begin(), list.end(), word,
                            [](std::string_view a, std::string_view b) { return a < b; });
}

}  // namespace

bool is_common_indonesian(std::string_view word) { return contains(k_indonesian, word); }
bool is_common_english(std::string_view word) { return contains(k_english, word); }

}  // namespace naskah::extract
