#include "naskah/core/error.h"

#include <string_view>

namespace naskah {

bool Error::is_refusal() const {
  // Input problems are the `input.`, `pdf.`, `image.`, `ocr.` and `extract.` families;
  // a file that cannot be opened at all is a problem of the path, not of the file.
  if (code == codes::k_input_unreadable) return false;
  constexpr std::string_view k_families[] = {"input.", "pdf.", "image.", "ocr.", "extract."};
  for (std::string_view family : k_families) {
    if (code.starts_with(family)) return true;
  }
  return false;
}

tl::unexpected<Error> fail(std::string code, std::string message, std::string where) {
  return tl::unexpected<Error>(Error{std::move(code), std::move(message), std::move(where)});
}

}  // namespace naskah
