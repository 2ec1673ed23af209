#include "naskah/core/checks.h"

#include <algorithm>

#include "naskah/core/record.h"

namespace naskah {
namespace {

// A check and its reason; "{field}" stands for the field's name in the reason's language.
struct Check {
  const char* code;
  const char* id;
  const char* en;
};

constexpr Check k_checks[] = {
    {review::k_missing, "{field} tidak ditemukan", "No {field} found"},
    {review::k_doubtful, "{field} terbaca meragukan", "{field} read doubtfully"},
    {review::k_incomplete, "{field} tidak lengkap", "{field} incomplete"},
    {review::k_weekday_mismatch, "Hari yang tertulis tidak sesuai dengan tanggal tanda tangan",
     "The weekday written does not match the signing date"},
    {review::k_end_before_start, "Tanggal berakhir sebelum tanggal mulai", "Ends before it starts"},
    {review::k_signed_after_end, "Ditandatangani setelah jangka waktunya berakhir",
     "Signed after its period had ended"},
    {review::k_low_ocr_confidence, "Keyakinan OCR rendah", "Low OCR confidence"},
    {review::k_addendum_without_parent, "Adendum tanpa naskah induk di arsip",
     "Addendum whose parent agreement is not in the archive"},
    {review::k_pks_signed_outside_mou, "PKS ditandatangani di luar jangka waktu MoU-nya",
     "PKS signed outside the period of its MoU"},
    {review::k_pks_outlives_mou, "PKS berlaku lebih lama dari MoU-nya",
     "PKS runs longer than its MoU"},
    {review::k_number_reused, "Nomor yang sama dipakai naskah lain",
     "The same number is on another agreement"},
    {review::k_duplicate, "Naskah yang sama dipindai dua kali", "The same agreement scanned twice"},
    {review::k_signed_on_sunday, "Ditandatangani pada hari Minggu", "Signed on a Sunday"},
    {review::k_signed_on_holiday, "Ditandatangani pada hari libur nasional",
     "Signed on a national holiday"},
};

struct FieldName {
  const char* field;
  const char* id;
  const char* en;
};

constexpr FieldName k_field_names[] = {
    {"doc_type", "Jenis naskah", "document type"},
    {"title", "Judul", "title"},
    {"numbers", "Nomor naskah", "agreement number"},
    {"parties", "Pihak", "parties"},
    {"signed_date", "Tanggal tanda tangan", "signing date"},
    {"place", "Tempat", "place"},
    {"effective_date", "Tanggal mulai", "start date"},
    {"end_date", "Tanggal berakhir", "end date"},
    {"duration", "Jangka waktu", "duration"},
    {"amounts", "Nilai", "amounts"},
    {"text", "Teks", "text"},
};

// The short names of the first flags: "no-parties" is check.missing on parties.
struct ShortFlag {
  const char* flag;
  const char* code;
  const char* field;
};

constexpr ShortFlag k_short_flags[] = {
    {"no-parties", review::k_missing, "parties"},
    {"no-signed-date", review::k_missing, "signed_date"},
    {"no-number", review::k_missing, "numbers"},
    {"duplicate", review::k_duplicate, ""},
    {"low-ocr", review::k_low_ocr_confidence, ""},
};

std::string with_field(std::string text, const std::string& field, bool english) {
  std::string name = field;
  for (const FieldName& f : k_field_names) {
    if (field == f.field) name = english ? f.en : f.id;
  }
  const auto at = text.find("{field}");
  if (at == std::string::npos) return text;
  // "{field} read doubtfully" starts a sentence: its first letter in capitals.
  if (at == 0 && !name.empty()) name[0] = static_cast<char>(std::toupper(name[0]));
  return text.replace(at, 7, name);
}

}  // namespace

Finding explain(std::string_view flag) {
  std::string code;
  std::string field;
  for (const ShortFlag& s : k_short_flags) {
    if (flag == s.flag) {
      code = s.code;
      field = s.field;
    }
  }
  if (code.empty()) {
    // The longest code that the flag starts with: "end-before-start-end_date".
    std::size_t best = 0;
    for (const Check& c : k_checks) {
      const std::string_view name = std::string_view(c.code).substr(6);
      const bool match =
          flag.starts_with(name) && (flag.size() == name.size() || flag[name.size()] == '-');
      if (match && name.size() > best) {
        best = name.size();
        code = c.code;
        field = flag.size() > name.size() ? std::string(flag.substr(name.size() + 1)) : "";
      }
    }
  }
  for (const Check& c : k_checks) {
    if (code == c.code) {
      return {std::string(flag), code, field, with_field(c.id, field, false),
              with_field(c.en, field, true)};
    }
  }
  return {std::string(flag), "check." + std::string(flag), "", std::string(flag),
          std::string(flag)};
}

const std::vector<std::string>& check_codes() {
  static const std::vector<std::string> k_codes = [] {
    std::vector<std::string> codes;
    for (const Check& c : k_checks) codes.emplace_back(c.code);
    return codes;
  }();
  return k_codes;
}

nlohmann::ordered_json to_json(const Finding& finding) {
  return {{"flag", finding.flag},
          {"code", finding.code},
          {"field", finding.field.empty() ? nlohmann::ordered_json(nullptr)
                                          : nlohmann::ordered_json(finding.field)},
          {"reason", {{"id", finding.id}, {"en", finding.en}}}};
}

}  // namespace naskah
