// Turns an Extraction into the agreement record's extraction fields (sha256, source,
// pages, text source, OCR confidence, language, text, and warnings about the text).
// Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "naskah/core/record.h"
#include "naskah/extract/extractor.h"

namespace naskah::extract {

// Mean OCR confidence below which a record carries a warning.
inline constexpr double k_low_ocr_confidence = 60.0;

[[nodiscard]] AgreementRecord build_record(const Extraction& extraction, std::string_view bytes,
                                           const std::string& path);

}  // namespace naskah::extract
