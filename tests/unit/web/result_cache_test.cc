#include "result_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

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

TEST(ResultCacheTest, AnAnswerAskedForByManyThreadsAtOnceIsComputedOnce) {
  ResultCache cache(16);
  std::atomic<int> computed = 0;
  std::atomic<int> started = 0;
  const ResultCache::Compute slow = [&] {
    ++computed;
    // Long enough that every thread asks while the first one is still computing.
    while (started < 8) std::this_thread::yield();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return std::make_shared<const std::string>("body");
  };
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&] {
        ++started;
        const auto body = cache.answer("k", slow);
        ASSERT_TRUE(body);
        EXPECT_EQ(*body, "body");
      });
    }
  }
  EXPECT_EQ(computed, 1);
  EXPECT_EQ(*cache.find("k"), "body");  // and kept
}

TEST(ResultCacheTest, AFailedAnswerIsNotKeptAndEachCallerComputesItsOwn) {
  ResultCache cache(16);
  int computed = 0;
  const auto failing = [&] {
    ++computed;
    return std::shared_ptr<const std::string>();
  };
  EXPECT_FALSE(cache.answer("k", failing));
  EXPECT_FALSE(cache.answer("k", failing));
  EXPECT_EQ(computed, 2);
  EXPECT_FALSE(cache.find("k"));
  // An exception reaches the caller and leaves no key pending.
  EXPECT_THROW(
      (void)cache.answer(
          "k", []() -> std::shared_ptr<const std::string> { throw std::runtime_error("boom"); }),
      std::runtime_error);
  EXPECT_EQ(*cache.answer("k", [] { return std::make_shared<const std::string>("ok"); }), "ok");
}

TEST(ResultCacheTest, WithoutAKeyOrCapacityItOnlyComputes) {
  int computed = 0;
  const auto make = [&] {
    ++computed;
    return std::make_shared<const std::string>("x");
  };
  ResultCache off(0);
  (void)off.answer("k", make);
  (void)off.answer("k", make);
  ResultCache on(4);
  (void)on.answer("", make);
  EXPECT_EQ(computed, 3);
}

}  // namespace
}  // namespace naskah::web
