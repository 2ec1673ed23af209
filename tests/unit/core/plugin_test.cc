#include "naskah/core/plugin.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

namespace naskah {
namespace {

// A library every Debian machine has stands in for a plugin.
constexpr const char* k_libm = "/lib/x86_64-linux-gnu/libm.so.6";

TEST(Plugin, TheEnvironmentNamesThePluginAndItsSymbolIsFound) {
  if (!std::filesystem::exists(k_libm)) GTEST_SKIP() << "no " << k_libm;
  ::setenv("NASKAH_TEST_PLUGIN", k_libm, 1);
  const PluginSpec spec{"libnaskah_none.so", "NASKAH_TEST_PLUGIN", "/nonexistent/none.so",
                        "cbrt"};
  auto found = plugin_symbol(spec);
  ::unsetenv("NASKAH_TEST_PLUGIN");
  ASSERT_TRUE(found) << found.error();
  EXPECT_EQ(found->path, k_libm);
  using Cbrt = double (*)(double);
  EXPECT_DOUBLE_EQ(reinterpret_cast<Cbrt>(found->address)(27.0), 3.0);
  // Found once per process: the answer stays when the environment has changed.
  auto again = plugin_symbol(spec);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->address, found->address);
}

TEST(Plugin, AMissingPluginOrSymbolSaysWhatWasTried) {
  const PluginSpec missing{"libnaskah_none.so", "NASKAH_TEST_NO_PLUGIN", "/nonexistent/none.so",
                           "naskah_none"};
  auto none = plugin_symbol(missing);
  ASSERT_FALSE(none);

  if (!std::filesystem::exists(k_libm)) GTEST_SKIP() << "no " << k_libm;
  ::setenv("NASKAH_TEST_PLUGIN_2", k_libm, 1);
  const PluginSpec no_symbol{"libnaskah_none.so", "NASKAH_TEST_PLUGIN_2", "/nonexistent/none.so",
                             "naskah_no_such_function"};
  auto wrong = plugin_symbol(no_symbol);
  ::unsetenv("NASKAH_TEST_PLUGIN_2");
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().find("has no naskah_no_such_function"), std::string::npos)
      << wrong.error();
}

}  // namespace
}  // namespace naskah
