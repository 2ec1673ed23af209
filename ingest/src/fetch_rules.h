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

// The extension (".pdf", ".tif", ".png", ".jpg") of a scan's first bytes (1 KiB is enough),
// or nullptr when they are none of these.
[[nodiscard]] const char* scan_extension(std::string_view head);

// `raw` as one file name that is safe in any folder, also on a Windows share: its last path
// component only, no control characters, none of <>:"|?*, valid UTF-8, no trailing dots or
// spaces, at most 200 bytes. Empty when nothing usable is left, or when it would be hidden
// (".", "..", ".profile").
[[nodiscard]] std::string safe_name(std::string_view raw);

// The name of a download: Content-Disposition's filename* (RFC 6266: UTF-8''percent-encoded),
// else its filename, else the last path segment of `final_url` (decoded, query removed), else
// "download"; the first that safe_name keeps, with `extension` appended when it has none.
[[nodiscard]] std::string download_name(std::string_view disposition, std::string_view final_url,
                                        const char* extension);

// "scan.pdf" -> {"scan", ".pdf"}; the dot of a hidden name is no extension.
[[nodiscard]] std::pair<std::string, std::string> split_extension(const std::string& name);

// Helpers for reading headers: lower case, and without surrounding white space.
[[nodiscard]] std::string lower(std::string_view text);
[[nodiscard]] std::string_view trim(std::string_view text);

}  // namespace naskah::ingest
