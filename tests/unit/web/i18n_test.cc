// The UI's one translation table (web/ui/i18n.js) says every warning the records can carry
// and every error code the server sends the UI.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "naskah/core/error.h"
#include "naskah/core/warnings.h"
#include "naskah/web/auth.h"
#include "test_support.h"

namespace naskah::web {
namespace {

std::string i18n() {
  std::ifstream in(test::source_path("web/ui/i18n.js"));
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(UiTranslations, SayEveryWarning) {
  const std::string table = i18n();
  ASSERT_FALSE(table.empty());
  for (const std::string& code : warning_codes()) {
    EXPECT_NE(table.find("'warn." + code + "': { id: '"), std::string::npos) << code;
  }
  EXPECT_NE(table.find("'warn.other': { id: '"), std::string::npos);
}

TEST(UiTranslations, SayEveryErrorCodeTheServerSends) {
  const std::string table = i18n();
  for (const char* code : {codes::k_auth_failed,
                           codes::k_auth_required,
                           codes::k_auth_forbidden,
                           codes::k_auth_throttled,
                           codes::k_auth_csrf,
                           codes::k_user_exists,
                           codes::k_user_unknown,
                           codes::k_user_invalid,
                           naskah::codes::k_input_empty,
                           naskah::codes::k_input_unsupported,
                           naskah::codes::k_input_too_large,
                           naskah::codes::k_input_unreadable,
                           naskah::codes::k_input_symlink,
                           naskah::codes::k_input_not_a_file,
                           naskah::codes::k_pdf_damaged,
                           naskah::codes::k_pdf_encrypted,
                           naskah::codes::k_image_damaged,
                           naskah::codes::k_ocr_failed,
                           naskah::codes::k_extract_timeout,
                           naskah::codes::k_extract_crashed,
                           naskah::codes::k_index_locked,
                           naskah::codes::k_index_missing,
                           naskah::codes::k_index_unavailable,
                           naskah::codes::k_index_damaged,
                           naskah::codes::k_io_write,
                           naskah::codes::k_file_changed,
                           naskah::codes::k_config_invalid,
                           naskah::codes::k_usage_invalid,
                           naskah::codes::k_internal,
                           "not-found",
                           "http.busy",
                           "http.timeout",
                           "http.host",
                           "http.headers-too-large",
                           "http.error"}) {
    EXPECT_NE(table.find("'code." + std::string(code) + "': { id: '"), std::string::npos) << code;
  }
}

}  // namespace
}  // namespace naskah::web
