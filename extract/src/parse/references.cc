#include "parse/references.h"

#include <algorithm>
#include <cctype>

#include "parse/text_util.h"

namespace naskah::extract::parse {
namespace {


// Words just before "Nomor" that make it something other than a reference.
bool not_a_reference(const std::string& lower, std::size_t at) {
  const std::size_t from = at > 80 ? at - 80 : 0;
  const std::string before = lower.substr(from, at - from);
  // An address names its street a few words before the number; a gazette citation
  // ("Lembaran Negara Republik Indonesia Tahun 2022 Nomor 53") names the gazette further.
  static constexpr std::pair<const char*, std::size_t> k_contexts[] = {
      {"jalan ", 30}, {"jl. ", 30}, {"jl ", 30}, {"telepon", 30}, {"kode pos", 20}, {"rt ", 20},
      {"gedung ", 30}, {"kavling", 20}, {"street", 30}, {"road ", 30},
      {"lembaran negara", 70}, {"berita negara", 70}, {"lembaran daerah", 70}};
  for (const auto& [word, reach] : k_contexts) {
    const auto pos = before.rfind(word);
    if (pos != npos && before.size() - pos < reach) return true;
  }
  return false;
}

bool is_regulation(const std::string& lower, std::size_t at) {
  const std::size_t from = at > 80 ? at - 80 : 0;
  const std::string before = lower.substr(from, at - from);
  for (const char* w : {"undang-undang", "peraturan", "keputusan", "instruksi", "surat edaran",
                        "law ", "regulation", "decree"}) {
    if (before.find(w) != npos) return true;
  }
  return false;
}

std::string normalise(std::string s) {
  std::string out;
  for (char c : s) {
    if (c != ' ') out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

// The number after "Nomor"/"Nomor:"/"Number" at `start`: one token, plus "Tahun YYYY".
std::string number_at(const std::string& flat, const std::string& lower, std::size_t start) {
  while (start < flat.size() && (flat[start] == ' ' || flat[start] == ':')) ++start;
  auto end = flat.find_first_of(" ,;()", start);
  if (end == npos) end = flat.size();
  std::string number = flat.substr(start, end - start);
  // "W8-UM.01.01 - 5431", "118/ORI-MOU/ III/2019": a typist's or OCR's space around a dash
  // or slash does not end the number; the part after it does when it has a digit or is a
  // Roman month.
  while (end < flat.size()) {
    std::size_t next = end;
    const bool ends_open = !number.empty() && (number.back() == '-' || number.back() == '/');
    if (!ends_open && (flat.compare(end, 3, " - ") == 0 || flat.compare(end, 3, " / ") == 0)) {
      next = end + 3;
    } else if (ends_open && flat.compare(end, 1, " ") == 0) {
      next = end + 1;
    } else {
      break;
    }
    auto part_end = flat.find_first_of(" ,;()", next);
    if (part_end == npos) part_end = flat.size();
    const std::string part = flat.substr(next, part_end - next);
    const bool roman = !part.empty() && part.find_first_not_of("IVX") == npos && part.size() <= 4;
    if (part.empty() ||
        (!roman && std::none_of(part.begin(), part.end(), [](char c) { return is_digit(c); }))) {
      break;
    }
    number += (ends_open ? "" : std::string(1, flat[end + 1])) + part;
    end = part_end;
  }
  while (!number.empty() && (number.back() == '.' || number.back() == ':')) number.pop_back();
  if (number.empty() || !std::any_of(number.begin(), number.end(), [](char c) { return is_digit(c); })) {
    return {};
  }
  if (lower.compare(end, 7, " tahun ") == 0 && end + 11 <= lower.size() &&
      std::all_of(lower.begin() + static_cast<long>(end + 7), lower.begin() + static_cast<long>(end + 11),
                  [](char c) { return is_digit(c); })) {
    number += " Tahun " + flat.substr(end + 7, 4);
  }
  return repair_roman_segments(number);
}

void add(const std::string& number, std::vector<std::string>& seen,
         std::vector<std::string>& out) {
  const std::string key = normalise(number);
  if (std::find(seen.begin(), seen.end(), key) != seen.end()) return;
  seen.push_back(key);
  out.push_back(number);
}

}  // namespace

std::vector<std::string> read_references(const std::string& flat,
                                         const std::vector<std::string>& own) {
  const std::string lower = lower_ascii(flat);
  std::vector<std::string> out;
  std::vector<std::string> seen;
  for (const auto& n : own) seen.push_back(normalise(n));
  for (const char* keyword : {"nomor", "number"}) {
    const std::size_t length = std::string_view(keyword).size();
    for (auto at = lower.find(keyword); at != npos; at = lower.find(keyword, at + 1)) {
      const bool word_start = at == 0 || !is_letter(lower[at - 1]);
      const bool word_end = at + length < lower.size() && !is_letter(lower[at + length]);
      if (!word_start || !word_end || not_a_reference(lower, at)) continue;
      const std::string number = number_at(flat, lower, at + length);
      if (number.empty()) continue;
      // Regulations are cited as "<number> Tahun <year>"; bare numbers of them are not.
      if (is_regulation(lower, at) && number.find(" Tahun ") == npos) continue;
      add(number, seen, out);
      // "Nomor W5.PAS.LPKA-HH.05.05-5695 dan 563/PKS/KMJ/VII/2020": the second party's
      // number follows without its own "Nomor".
      const auto found = lower.find(lower_ascii(number), at);
      const auto after = found == npos ? npos : found + number.size();
      if (after != npos && lower.compare(after, 5, " dan ") == 0) {
        const std::string second = number_at(flat, lower, after + 5);
        if (second.find_first_of("/.-") != npos) add(second, seen, out);
      }
    }
  }
  return out;
}

}  // namespace naskah::extract::parse
