#include "fetch_rules.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <vector>

#include "naskah/core/file.h"

namespace naskah::ingest {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

// "%20" -> " "; a malformed escape is kept as it is.
std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 &&
        hex_digit(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string latin1_to_utf8(std::string_view text) {
  std::string out;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out += ch;
    } else {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

// The parameters of a header value such as `attachment; filename="a;b.pdf"`: names in lower
// case, quoted strings unquoted.
std::vector<std::pair<std::string, std::string>> header_params(std::string_view value) {
  std::vector<std::pair<std::string, std::string>> params;
  std::size_t i = 0;
  while (i < value.size()) {
    const std::size_t end = std::min(value.find_first_of(";=", i), value.size());
    std::string name = lower(trim(value.substr(i, end - i)));
    std::string text;
    i = end;
    if (i < value.size() && value[i] == '=') {
      i = std::min(value.find_first_not_of(" \t", i + 1), value.size());
      if (i < value.size() && value[i] == '"') {
        for (++i; i < value.size() && value[i] != '"'; ++i) {
          if (value[i] == '\\' && i + 1 < value.size()) ++i;
          text += value[i];
        }
        i = std::min(value.find(';', i), value.size());
      } else {
        const std::size_t stop = std::min(value.find(';', i), value.size());
        text = trim(value.substr(i, stop - i));
        i = stop;
      }
    }
    ++i;  // the ';'
    if (!name.empty()) params.emplace_back(std::move(name), std::move(text));
  }
  return params;
}

// The names a Content-Disposition header offers, best first: filename* (RFC 6266/8187,
// charset''percent-encoded), then filename.
std::vector<std::string> disposition_names(std::string_view header) {
  std::string extended;
  std::string plain;
  for (const auto& [name, value] : header_params(header)) {
    if (name == "filename") plain = value;
    if (name != "filename*") continue;
    const auto quote = value.find('\'');
    const auto second = quote == std::string::npos ? quote : value.find('\'', quote + 1);
    if (second == std::string::npos) continue;
    const std::string charset = lower(value.substr(0, quote));
    const std::string decoded = percent_decode(std::string_view(value).substr(second + 1));
    if (charset == "utf-8") extended = decoded;
    if (charset == "iso-8859-1") extended = latin1_to_utf8(decoded);
  }
  return {extended, plain};
}

// The last path segment of `url`, decoded ("https://h/docs/MoU%202021.pdf?x=1" ->
// "MoU 2021.pdf"). `url` is libcurl's effective URL, already normalised.
std::string url_name(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  const auto authority = url.find("://");
  if (authority == std::string_view::npos) return {};
  const auto path = url.find('/', authority + 3);
  if (path == std::string_view::npos) return {};
  return percent_decode(url.substr(url.rfind('/') + 1));
}

}  // namespace

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view text) {
  constexpr std::string_view k_space = " \t\r\n";
  const auto first = text.find_first_not_of(k_space);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(k_space) - first + 1);
}

bool accepted_type(std::string_view declared) {
  // octet-stream is what many servers send for any file; the bytes are sniffed anyway.
  static constexpr std::string_view k_accepted[] = {
      "application/pdf",    "application/x-pdf", "image/tiff",
      "image/x-tiff",       "image/png",         "image/jpeg",
      "image/jpg",          "image/pjpeg",       "application/octet-stream",
      "binary/octet-stream"};
  const std::string type = lower(trim(declared.substr(0, declared.find(';'))));
  return type.empty() ||
         std::find(std::begin(k_accepted), std::end(k_accepted), type) != std::end(k_accepted);
}

std::string download_name(std::string_view disposition, std::string_view final_url,
                          const char* extension) {
  std::vector<std::string> candidates = disposition_names(disposition);
  candidates.push_back(url_name(final_url));
  std::string name = "download";
  for (const std::string& candidate : candidates) {
    if (std::string safe = safe_file_name(candidate); !safe.empty()) {
      name = std::move(safe);
      break;
    }
  }
  // With the sniffed extension when it has none, so people and tools see what it is.
  if (split_extension(name).second.empty() && extension != nullptr) name += extension;
  return name;
}

}  // namespace naskah::ingest
