// File type from the first bytes, never from the name: the one sniffer that extraction,
// downloads and uploads share, so that no way in refuses a file another accepts.
// Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace naskah {

enum class FileType { pdf, tiff, png, jpeg, unknown };

[[nodiscard]] FileType sniff(std::string_view bytes);
[[nodiscard]] const char* mime_type(FileType type);
// The extension a file of this type is saved with (".pdf", ".tif", ".png", ".jpg"); ""
// for unknown.
[[nodiscard]] const char* extension_of(FileType type);
// A short description of what unsupported bytes look like ("a web page (HTML)"), for the
// error message; empty when nothing is recognised.
[[nodiscard]] std::string describe_unsupported(std::string_view bytes);

}  // namespace naskah
