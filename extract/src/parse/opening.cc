#include "parse/opening.h"

#include <algorithm>
#include <array>

#include "parse/text_util.h"

namespace naskah::extract::parse {
namespace {


// The opening sentence runs at most this far.
constexpr std::size_t k_opening_span = 600;

std::string trim(std::string s) {
  const char* junk = " ,;:.";
  const auto b = s.find_first_not_of(junk);
  if (b == npos) return {};
  const auto e = s.find_last_not_of(" ,;:");
  return s.substr(b, e - b + 1);
}

// First of several phrases at or after `from` in `lower`; npos if none.
std::size_t find_first(const std::string& lower, std::initializer_list<const char*> phrases,
                       std::size_t from = 0, std::size_t* length = nullptr) {
  std::size_t best = npos;
  for (const char* p : phrases) {
    const auto at = lower.find(p, from);
    if (at < best) {
      best = at;
      if (length != nullptr) *length = std::string_view(p).size();
    }
  }
  return best;
}

// "bertempat di Manado," / "signed in Bali on" / "done at Jakarta on".
std::optional<std::string> place_after(const std::string& flat, const std::string& lower,
                                       std::size_t from, std::size_t to) {
  std::size_t length = 0;
  // Longer phrases first: they start where the shorter ones do.
  const auto at = find_first(lower, {"bertempat di ", "signed in duplicate at ",
                                     "signed in duplicate in ", "done in duplicate at ",
                                     "signed in ", "signed at ", "done at ", "done in ",
                                     "ditandatangani di "},
                             from, &length);
  if (at == npos || at > to) return std::nullopt;
  const auto start = at + length;
  auto end = find_first(lower, {",", ";", " yang ", " kami ", " on ", " pada ", " this ", "("},
                        start);
  if (end == npos || end - start > 60) return std::nullopt;
  std::string place = trim(flat.substr(start, end - start));
  if (place.empty() || !(place[0] >= 'A' && place[0] <= 'Z')) return std::nullopt;
  return place;
}

bool looks_like_title(const std::string& part) {
  // Academic and professional titles: "S.H.", "M.Kes.", "Ns.", "S.KEP.", "LL.M.", "Ph.D".
  if (part.empty() || part.size() > 12 || part.find(' ') != npos) return false;
  return part.find('.') != npos || part == "MM" || part == "SH" || part == "Ak";
}

// Where ". <Office>" starts inside `text` ("Herawati. Direktur"), or npos.
std::size_t office_after_full_stop(const std::string& text) {
  static constexpr const char* k_offices[] = {
      "Kepala", "Direktur", "Ketua", "Gubernur", "Bupati", "Wali Kota", "Walikota", "Rektor",
      "Dekan", "Sekretaris", "Menteri", "Komisaris", "Pimpinan", "Kapolda", "Kapolres",
      "Kajati", "Kajari", "Camat", "Manajer", "General Manager", "Plt.", "Pj."};
  for (const char* office : k_offices) {
    const std::string marker = std::string(". ") + office + " ";
    if (const auto at = text.find(marker); at != npos) return at + 2;
  }
  return npos;
}

// "Fitri Astuti, M.Kes. : Kepala Lembaga ..." or "Dr. Suryani, S.Ag., M.Ag., Direktur ...":
// splits the person (with titles) from the position.
void split_person(const std::string& head, Signer& signer) {
  const auto colon = head.find(" : ") != npos ? head.find(" : ") : head.find(": ");
  if (colon != npos) {
    signer.signatory = trim(head.substr(0, colon));
    signer.position = trim(head.substr(colon + 1));
    return;
  }
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= head.size()) {
    const auto comma = head.find(',', start);
    std::string part = trim(head.substr(start, comma == npos ? npos : comma - start));
    if (!part.empty()) parts.push_back(std::move(part));
    if (comma == npos) break;
    start = comma + 1;
  }
  std::string name = parts.empty() ? std::string() : parts[0];
  // OCR may read the comma after the name as a full stop: "Yanti Vivi Herawati. Direktur PT".
  if (const auto office = office_after_full_stop(name); office != npos) {
    parts.insert(parts.begin() + 1, name.substr(office));
    name = trim(name.substr(0, office));
  }
  std::size_t k = 1;
  for (; k < parts.size() && looks_like_title(parts[k]); ++k) name += ", " + parts[k];
  std::string position;
  for (; k < parts.size(); ++k) position += (position.empty() ? "" : ", ") + parts[k];
  if (!name.empty()) signer.signatory = name;
  if (!position.empty()) signer.position = position;
}

// One numbered entry of the opening list, from its number to "disebut PIHAK <ordinal>".
// The text after "<label> :" up to the next of `stops`, or nullopt when the label is absent.
std::optional<std::string> labelled(const std::string& entry, const std::string& lower,
                                    const char* label, std::initializer_list<const char*> stops) {
  const auto at = lower.find(label);
  if (at == npos) return std::nullopt;
  const auto colon = lower.find(':', at);
  if (colon == npos || colon - at > std::string_view(label).size() + 2) return std::nullopt;
  const auto end = find_first(lower, stops, colon + 1);
  std::string value = trim(entry.substr(colon + 1, end == npos ? npos : end - colon - 1));
  if (value.empty()) return std::nullopt;
  return value;
}

Signer read_signer(const std::string& entry, const std::string& lower) {
  Signer signer;
  const auto acting = find_first(lower, {"dalam hal ini", "yang berkedudukan", ", berkedudukan",
                                         "bertindak untuk", "untuk dan atas nama"});
  // The table form: "Nama : <name> Jabatan : <office> Alamat : ...".
  signer.signatory = labelled(entry, lower, "nama", {"jabatan", "nip", "alamat", "dalam hal ini"});
  if (signer.signatory) {
    signer.position = labelled(entry, lower, "jabatan", {"alamat", "nip", "dalam hal ini", ","});
  } else {
    split_person(entry.substr(0, acting), signer);
  }
  std::size_t length = 0;
  const auto behalf = find_first(lower, {"untuk dan atas nama ", "atas nama "}, 0, &length);
  if (behalf != npos) {
    const auto start = behalf + length;
    const auto end = find_first(lower, {",", ";", " yang ", " selanjutnya", " berkedudukan"}, start);
    signer.party = trim(entry.substr(start, end == npos ? npos : end - start));
  }
  const auto called = lower.rfind("pihak ");
  if (called != npos) {
    const auto start = called + 6;
    const auto end = lower.find_first_of(" ;,.", start);
    signer.role = role_of(entry.substr(start, end == npos ? npos : end - start));
  }
  if (signer.position && signer.party) {
    // "Kepala Lembaga Pemasyarakatan X" acting for "Lembaga Pemasyarakatan X" is "Kepala".
    const std::string pos = lower_ascii(*signer.position);
    const std::string party = lower_ascii(*signer.party);
    if (pos.size() > party.size() && pos.ends_with(party)) {
      signer.position = trim(signer.position->substr(0, pos.size() - party.size()));
    }
  }
  return signer;
}

// Where the list marker `marker` ("1. ", "ii. ") stands as a word of its own at or after
// `from` ("2021. " and "ini. " do not count), or npos.
std::size_t find_marker(const std::string& lower, const std::string& marker, std::size_t from) {
  for (auto at = lower.find(marker, from); at != npos; at = lower.find(marker, at + 1)) {
    if (at == 0 || !(is_letter(lower[at - 1]) || is_digit(lower[at - 1]))) return at;
  }
  return npos;
}

// Where the short name after "disebut" ends: "sebagai "KPK"", "“UNIB”", "PPK"; nullopt
// when none follows. A short name is 2 to 10 capitals.
std::optional<std::size_t> abbreviation_after(const std::string& flat, std::size_t from) {
  std::size_t i = from;
  const auto skip = [&](std::string_view what) {
    if (flat.compare(i, what.size(), what) == 0) i += what.size();
  };
  skip(" ");
  skip("sebagai ");
  for (std::string_view quote : {"\"", "\xE2\x80\x9C", "'"}) skip(quote);
  const std::size_t begin = i;
  while (i < flat.size() && flat[i] >= 'A' && flat[i] <= 'Z') ++i;
  constexpr std::size_t k_shortest = 2;
  constexpr std::size_t k_longest = 10;
  if (i - begin < k_shortest || i - begin > k_longest || (i < flat.size() && is_letter(flat[i]))) {
    return std::nullopt;
  }
  return i;
}

// `lower` with Roman list markers as OCR reads them ("ll. ", "il. ", "|. ") spelled with
// i again, at the same positions: "II." is printed, the l and | are OCR's.
std::string roman_markers_repaired(std::string lower) {
  const auto roman_letter = [](char c) { return c == 'i' || c == 'l' || c == '|'; };
  for (std::size_t at = 0; at < lower.size(); ++at) {
    if (at > 0 && lower[at - 1] != ' ') continue;
    std::size_t end = at;
    while (end < lower.size() && end - at < 3 && roman_letter(lower[end])) ++end;
    if (end == at || lower.compare(end, 2, ". ") != 0) continue;
    std::fill(lower.begin() + static_cast<std::ptrdiff_t>(at),
              lower.begin() + static_cast<std::ptrdiff_t>(end), 'i');
  }
  return lower;
}

std::vector<Signer> read_signers(const std::string& flat, const std::string& text_lower,
                                 std::size_t from) {
  const std::string lower = roman_markers_repaired(text_lower);
  std::vector<Signer> signers;
  static constexpr const char* k_roman[] = {"i. ", "ii. ", "iii. ", "iv. ", "v. ", "vi. "};
  for (int n = 1; n <= 6; ++n) {
    // Entries are numbered "1." or, in the table form, "I.".
    std::string marker = std::to_string(n) + ". ";
    if (find_marker(lower, marker, from) > find_marker(lower, k_roman[n - 1], from)) {
      marker = k_roman[n - 1];
    }
    const auto at = find_marker(lower, marker, from);
    if (at == npos || at - from > 2000) break;
    // The entry ends with the role it gives: "... disebut PIHAK PERTAMA", or the short name
    // the agreement calls the party by: "... selanjutnya disebut sebagai "KPK"".
    const auto called = lower.find("disebut", at);
    if (called == npos) break;
    const auto pihak = lower.find("pihak ", called);
    std::size_t end = npos;
    if (pihak != npos && pihak - called <= 80) {
      end = lower.find_first_of(" ;,.:", pihak + 6);
      if (end == npos) end = lower.size();
    } else if (const auto short_name = abbreviation_after(flat, called + 7)) {
      end = *short_name;
    } else {
      break;
    }
    const auto start = at + marker.size();
    signers.push_back(read_signer(flat.substr(start, end - start), lower.substr(start, end - start)));
    from = end;
  }
  return signers;
}

}  // namespace

std::optional<std::string> role_of(const std::string& ordinal) {
  static constexpr std::array<std::pair<const char*, const char*>, 13> k_roles = {{
      {"pertama", "first"}, {"kesatu", "first"}, {"kedua", "second"}, {"ketiga", "third"},
      {"keempat", "fourth"},
      {"kelima", "fifth"}, {"first", "first"}, {"second", "second"}, {"third", "third"},
      {"fourth", "fourth"}, {"fifth", "fifth"}, {"i", "first"}, {"ii", "second"}}};
  const std::string l = lower_ascii(trim(ordinal));
  for (const auto& [word, role] : k_roles) {
    if (l == word) return std::string(role);
  }
  return std::nullopt;
}

Opening read_opening(const std::string& flat) {
  Opening o;
  const std::string lower = lower_ascii(flat);
  std::size_t start = find_first(lower, {"pada hari ini", "pada hari", "on this day", "on this "});
  if (start != npos) {
    const std::size_t stop = std::min(flat.size(), start + k_opening_span);
    // The parties follow "kami yang bertanda tangan di bawah ini" or "oleh dan antara :".
    const auto undersigned = find_first(
        lower, {"yang bertanda tangan", "the undersigned", "oleh dan antara", "oleh dan di antara"},
        start);
    const std::size_t sentence_end = std::min(stop, undersigned == npos ? stop : undersigned);
    const std::string sentence = flat.substr(start, sentence_end - start);
    auto dates = find_dates(sentence);
    if (!dates.empty()) {
      o.signed_on = dates.front();
      o.signed_on->begin += start;
      o.signed_on->end += start;
    } else if (sentence.find("....") != npos || sentence.find("\xE2\x80\xA6") != npos) {
      o.date_left_blank = true;
    }
    o.place = place_after(flat, lower, start, sentence_end + 40);
    o.signers = read_signers(flat, lower, sentence_end);
  }
  // English agreements say it at the end: "Signed in Bali on 11 June 2019".
  const auto signed_in = find_first(lower, {"signed in ", "signed at ", "done at ", "done in "});
  if (signed_in != npos) {
    if (!o.place) o.place = place_after(flat, lower, signed_in, signed_in + 80);
    if (!o.signed_on && !o.date_left_blank) {
      auto dates = find_dates(flat.substr(signed_in, 160));
      if (!dates.empty()) o.signed_on = dates.front();
    }
  }
  return o;
}

}  // namespace naskah::extract::parse
