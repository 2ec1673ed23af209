// Turns an Extraction into the agreement record: the extraction's fields (sha256, source,
// pages, text source, OCR confidence, language, text) and the parser's (parser.h), with
// warnings about both. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "naskah/core/record.h"
#include "naskah/extract/extractor.h"
#include "naskah/extract/parser.h"

namespace naskah::extract {

// Mean OCR confidence below which a record carries a warning.
inline constexpr double k_low_ocr_confidence = 60.0;

[[nodiscard]] AgreementRecord build_record(const Extraction& extraction, std::string_view bytes,
                                           const std::string& path,
                                           const ParseOptions& options = {});

// A stored record read again by the current parser: keeps what extraction found (id,
// source, pages, text source, OCR confidence, office, text) and redoes everything else.
[[nodiscard]] AgreementRecord reread_record(const AgreementRecord& stored,
                                            const ParseOptions& options = {});

}  // namespace naskah::extract
