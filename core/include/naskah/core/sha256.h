// SHA-256 of a byte string, as lower-case hex: the document id everywhere in naskah.
// Thread-safe (libsodium is initialised once, on first use).
#pragma once

#include <string>
#include <string_view>

namespace naskah {

[[nodiscard]] std::string sha256_hex(std::string_view bytes);

}  // namespace naskah
