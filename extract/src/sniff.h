// File type from the first bytes, never from the name. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "naskah/extract/extractor.h"

namespace naskah::extract {

[[nodiscard]] FileType sniff(std::string_view bytes);
[[nodiscard]] const char* mime_type(FileType type);
// A short description of what unsupported bytes look like ("a web page (HTML)"), for the
// error message; empty when nothing is recognised.
[[nodiscard]] std::string describe_unsupported(std::string_view bytes);

}  // namespace naskah::extract
