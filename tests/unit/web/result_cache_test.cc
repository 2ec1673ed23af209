#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "result_cache.h"

namespace naskah::web {
namespace {

TEST(ResultCacheTest, KeepsWhatWasPutAndForgetsTheLeastRecentlyUsed) {
  ResultCache cache(2);
  cache.put("a", "1");
  cache.put("b", "2");
  ASSERT_TRUE(cache.find("a"));  // a is now the most recently used
  cache.put("c", "3");           // so b goes
  EXPECT_EQ(*cache.find("a"), "1");
  EXPECT_FALSE(cache.find("b"));
  EXPECT_EQ(*cache.find("c"), "3");
}

TEST(ResultCacheTest, APutReplacesTheEntry) {
  ResultCache cache(2);
  cache.put("a", "1");
  cache.put("a", "2");
  EXPECT_EQ(*cache.find("a"), "2");
}

TEST(ResultCacheTest, ZeroCapacityKeepsNothing) {
  ResultCache cache(0);
  EXPECT_FALSE(cache.enabled());
  cache.put("a", "1");
  EXPECT_FALSE(cache.find("a"));
}

TEST(ResultCacheTest, AnEntryHandedOutOutlivesItsEviction) {
  ResultCache cache(1);
  cache.put("a", std::string(1000, 'x'));
  const auto held = cache.find("a");
  cache.put("b", "2");
  EXPECT_FALSE(cache.find("a"));
  EXPECT_EQ(held->size(), 1000u);
}

TEST(ResultCacheTest, ManyThreadsAtOnce) {
  ResultCache cache(16);
  std::vector<std::jthread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&cache, t] {
      for (int i = 0; i < 2000; ++i) {
        const std::string key = std::to_string((i * 7 + t) % 40);
        if (auto hit = cache.find(key)) {
          EXPECT_EQ(*hit, "value " + key);
        } else {
          cache.put(key, "value " + key);
        }
      }
    });
  }
}

}  // namespace
}  // namespace naskah::web
