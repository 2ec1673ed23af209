#include "naskah/core/error.h"

#include <gtest/gtest.h>

namespace naskah {
namespace {

TEST(Error, InputProblemsAreRefusals) {
  for (const char* code : {codes::k_input_empty, codes::k_input_unsupported,
                           codes::k_input_too_large, codes::k_pdf_damaged,
                           codes::k_pdf_encrypted, codes::k_image_damaged, codes::k_ocr_failed,
                           codes::k_extract_timeout, codes::k_extract_crashed}) {
    EXPECT_TRUE((Error{code, "", ""}.is_refusal())) << code;
  }
}

TEST(Error, EnvironmentProblemsAreNotRefusals) {
  for (const char* code : {codes::k_input_unreadable, codes::k_index_locked,
                           codes::k_config_invalid, codes::k_internal}) {
    EXPECT_FALSE((Error{code, "", ""}.is_refusal())) << code;
  }
}

TEST(Error, FailBuildsAnUnexpectedResult) {
  Result<int> r = fail("pdf.damaged", "broken", "here");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "pdf.damaged");
  EXPECT_EQ(r.error().message, "broken");
  EXPECT_EQ(r.error().where, "here");
}

}  // namespace
}  // namespace naskah
