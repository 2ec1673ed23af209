// Whether a PDF page's text layer can be trusted, or the page must be OCRed instead:
// scanners and broken converters leave invisible junk (random letters, unmapped glyphs).
// Thread-safe.
#pragma once

#include <string_view>

namespace naskah::extract {

enum class LayerVerdict {
  usable,   // real words: use the text as it is
  empty,    // (almost) no text: the page is probably a scan
  garbage,  // text that matches no words: OCR the page image
};

[[nodiscard]] LayerVerdict judge_text_layer(std::string_view text);

}  // namespace naskah::extract
