#include "naskah/extract/record_builder.h"

#include <cstdio>

#include "naskah/core/sha256.h"
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
    record.warnings.emplace_back("no text found: the pages are blank or unreadable");
  } else if (record.ocr_confidence && *record.ocr_confidence < k_low_ocr_confidence) {
    char line[96];
    std::snprintf(line, sizeof line, "low OCR confidence (%.1f): check the text against the scan",
                  *record.ocr_confidence);
    record.warnings.emplace_back(line);
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
  record.text_source = extraction.text_source();
  record.ocr_confidence = extraction.ocr_confidence();
  record.unsure_words = extraction.unsure_words();
  record.text = extraction.text();
  read_fields(record, options);
  return record;
}

AgreementRecord reread_record(const AgreementRecord& stored, const ParseOptions& options) {
  AgreementRecord record;
  record.sha256 = stored.sha256;
  record.source = stored.source;
  record.pages = stored.pages;
  record.text_source = stored.text_source;
  record.ocr_confidence = stored.ocr_confidence;
  record.unsure_words = stored.unsure_words;
  record.office = stored.office;
  record.text = stored.text;
  read_fields(record, options);
  return record;
}

}  // namespace naskah::extract
