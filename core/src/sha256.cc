#include "naskah/core/sha256.h"

#include <array>
#include <stdexcept>

#include <sodium.h>

namespace naskah {

std::string sha256_hex(std::string_view bytes) {
  static const bool k_ready = sodium_init() >= 0;
  if (!k_ready) throw std::runtime_error("libsodium could not be initialised");
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), crypto_hash_sha256_BYTES * 2);
}

}  // namespace naskah
