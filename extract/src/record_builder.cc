#include "naskah/extract/record_builder.h"

#include <cstdio>

#include "naskah/core/sha256.h"
#include "naskah/core/warnings.h"
#include "naskah/extract/language.h"
#include "naskah/extract/parser.h"

namespace naskah::extract {

namespace {

// Language, the parser's fields and the warnings about the text, on a record that holds
// only what extraction found.
void read_fields(AgreementRecord& record, const ParseOptions& options) {
  record.language = detect_language(record.text);
  parse_agreement(record, options);
  if (record.text.find_first_not_of(" \t\r\n\f") == std::string::npos) {
    record.warnings.push_back(warning_text(warning::k_no_text));
  } else if (record.ocr_confidence && *record.ocr_confidence < k_low_ocr_confidence) {
    char confidence[32];
    std::snprintf(confidence, sizeof confidence, "%.1f", *record.ocr_confidence);
    record.warnings.push_back(warning_text(warning::k_low_ocr, {{"confidence", confidence}}));
  }
}

}  // namespace

AgreementRecord build_record(const Extraction& extraction, std::string_view bytes,
                             const std::string& path, const ParseOptions& options) {
  AgreementRecord record;
  record.sha256 = sha256_hex(bytes);
  record.source.path = path;
  record.source.bytes = bytes.size();
  record.source.mime = extraction.mime;
  record.pages = static_cast<int>(extraction.pages.size());
  for (const Page& page : extraction.pages) {
    if (page.rotation != 0) {
      record.page_rotations.resize(extraction.pages.size(), 0);
      record.page_rotations[static_cast<std::size_t>(&page - extraction.pages.data())] =
          page.rotation;
    }
  }
  record.text_source = extraction.text_source();
  record.ocr_confidence = extraction.ocr_confidence();
  record.unsure_words = extraction.unsure_words();
  record.text = extraction.text();
  read_fields(record, options);
  return record;
}

namespace {

// Text stored before text-layer pages lost Poppler's own form feed holds an empty page after
// each page: 2n parts for n pages, every second one empty. Those are dropped.
std::string without_empty_layer_pages(const std::string& text, int pages) {
  std::vector<std::string> parts;
  for (std::size_t at = 0;;) {
    const auto end = text.find('\f', at);
    parts.push_back(text.substr(at, end == std::string::npos ? std::string::npos : end - at));
    if (end == std::string::npos) break;
    at = end + 1;
  }
  if (pages <= 0 || parts.size() != 2 * static_cast<std::size_t>(pages)) return text;
  for (std::size_t i = 1; i < parts.size(); i += 2) {
    if (parts[i].find_first_not_of(" \t\r\n") != std::string::npos) return text;
  }
  std::string out;
  for (std::size_t i = 0; i < parts.size(); i += 2) out += (i > 0 ? "\f" : "") + parts[i];
  return out;
}

}  // namespace

AgreementRecord reread_record(const AgreementRecord& stored, const ParseOptions& options) {
  AgreementRecord record;
  record.sha256 = stored.sha256;
  record.source = stored.source;
  record.pages = stored.pages;
  record.page_rotations = stored.page_rotations;
  record.text_source = stored.text_source;
  record.ocr_confidence = stored.ocr_confidence;
  record.unsure_words = stored.unsure_words;
  record.office = stored.office;
  record.text = without_empty_layer_pages(stored.text, stored.pages);
  read_fields(record, options);
  return record;
}

}  // namespace naskah::extract
