#include "naskah/core/sniff.h"

#include <algorithm>
#include <cctype>

namespace naskah {
namespace {

bool starts_with(std::string_view bytes, std::string_view magic) {
  return bytes.substr(0, magic.size()) == magic;
}

std::string lower_prefix(std::string_view bytes, std::size_t n) {
  std::string out;
  for (char c : bytes.substr(0, n)) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

FileType sniff(std::string_view bytes) {
  using namespace std::string_view_literals;
  // PDF readers accept junk before the header; so do we, within the first kilobyte.
  if (bytes.substr(0, 1024).find("%PDF-"sv) != std::string_view::npos) return FileType::pdf;
  if (starts_with(bytes, "II*\0"sv) || starts_with(bytes, "MM\0*"sv) ||
      starts_with(bytes, "II+\0"sv) || starts_with(bytes, "MM\0+"sv)) {
    return FileType::tiff;
  }
  if (starts_with(bytes, "\x89PNG\r\n\x1a\n"sv)) return FileType::png;
  if (starts_with(bytes, "\xFF\xD8\xFF"sv)) return FileType::jpeg;
  return FileType::unknown;
}

const char* mime_type(FileType type) {
  switch (type) {
    case FileType::pdf: return "application/pdf";
    case FileType::tiff: return "image/tiff";
    case FileType::png: return "image/png";
    case FileType::jpeg: return "image/jpeg";
    case FileType::unknown: break;
  }
  return "application/octet-stream";
}

const char* extension_of(FileType type) {
  switch (type) {
    case FileType::pdf: return ".pdf";
    case FileType::tiff: return ".tif";
    case FileType::png: return ".png";
    case FileType::jpeg: return ".jpg";
    case FileType::unknown: break;
  }
  return "";
}

std::string describe_unsupported(std::string_view bytes) {
  std::string head = lower_prefix(bytes, 512);
  head.erase(head.begin(), std::find_if(head.begin(), head.end(),
                                        [](unsigned char c) { return !std::isspace(c); }));
  if (head.starts_with("<!doctype html") || head.starts_with("<html") ||
      head.find("<html") != std::string::npos) {
    return "a web page (HTML), probably an error page saved by a failed download";
  }
  if (starts_with(bytes, "PK\x03\x04")) return "a ZIP archive or an Office document";
  if (starts_with(bytes, "GIF8")) return "a GIF image";
  if (starts_with(bytes, "RIFF") && bytes.substr(8, 4) == "WEBP") return "a WebP image";
  if (starts_with(bytes, "\xD0\xCF\x11\xE0")) return "an old Microsoft Office document";
  return {};
}

}  // namespace naskah
