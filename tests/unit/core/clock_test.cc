#include "naskah/core/clock.h"

#include <gtest/gtest.h>

#include <regex>

namespace naskah {
namespace {

TEST(Clock, NowIsWrittenAsAnIsoUtcTime) {
  const std::string now = utc_now_iso();
  EXPECT_TRUE(
      std::regex_match(now, std::regex(R"(20\d\d-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d:[0-6]\dZ)")))
      << now;
}

}  // namespace
}  // namespace naskah
