#include "host.h"

#include <gtest/gtest.h>

namespace naskah::web {
namespace {

const std::vector<std::string> k_allowed{"naskah.example.go.id", "*.kanwil.example.go.id"};

TEST(HostAllowed, AddressesLocalhostAndNoHostAreAlwaysAnswered) {
  for (const char* host : {"", "127.0.0.1", "10.1.2.3:8080", "[::1]:8080", "[fe80::1]", "localhost",
                           "LOCALHOST:8080"}) {
    EXPECT_TRUE(host_allowed(host, {})) << host;
  }
}

TEST(HostAllowed, NamesMustBeListed) {
  EXPECT_TRUE(host_allowed("naskah.example.go.id", k_allowed));
  EXPECT_TRUE(host_allowed("Naskah.Example.Go.Id:443", k_allowed));
  EXPECT_TRUE(host_allowed("naskah.example.go.id.", k_allowed));
  EXPECT_TRUE(host_allowed("jateng.kanwil.example.go.id", k_allowed));
  EXPECT_FALSE(host_allowed("kanwil.example.go.id", k_allowed));  // the wildcard's own name
  EXPECT_FALSE(host_allowed("evil.example", k_allowed));
  EXPECT_FALSE(host_allowed("naskah.example.go.id.evil.example", k_allowed));
  EXPECT_FALSE(host_allowed("xkanwil.example.go.id", k_allowed));
  EXPECT_FALSE(host_allowed("127.0.0.1.nip.io", k_allowed));
  EXPECT_TRUE(host_allowed("anything.example", {"*"}));
}

TEST(HostAllowed, ThisMachinesNameIsAddedAndNamesAreLowerCased) {
  const auto hosts = allowed_hosts({"NASKAH.Example.go.id"});
  ASSERT_GE(hosts.size(), 1u);
  EXPECT_EQ(hosts[0], "naskah.example.go.id");
  EXPECT_TRUE(host_allowed("naskah.example.go.id", hosts));
}

}  // namespace
}  // namespace naskah::web
