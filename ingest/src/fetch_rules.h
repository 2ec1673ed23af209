// The fetcher's rules for what a server sends: which declared types and first bytes can be a
// scan, and what the downloaded file is called. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace naskah::ingest {

// True for a Content-Type that can be a scan (PDF, TIFF, PNG, JPEG, octet-stream) and for
// none at all; parameters (";charset=...") and case are ignored.
[[nodiscard]] bool accepted_type(std::string_view declared);

// The name of a download: Content-Disposition's filename* (RFC 6266: UTF-8''percent-encoded),
// else its filename, else the last path segment of `final_url` (decoded, query removed), else
// "download"; the first that safe_file_name (core/file.h) keeps, with `extension`
// appended when it has none.
[[nodiscard]] std::string download_name(std::string_view disposition, std::string_view final_url,
                                        const char* extension);

// Helpers for reading headers: lower case, and without surrounding white space.
[[nodiscard]] std::string lower(std::string_view text);
[[nodiscard]] std::string_view trim(std::string_view text);

}  // namespace naskah::ingest
