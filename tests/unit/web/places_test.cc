#include "places.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace naskah::web {
namespace {
using namespace std::chrono_literals;

// Waits until `places` has `n` waiting (each thread started after the one before it waits).
void until_waiting(Places& places, std::size_t n) {
  for (int i = 0; i < 5000 && places.waiting() < n; ++i) std::this_thread::sleep_for(1ms);
  ASSERT_EQ(places.waiting(), n);
}

TEST(Places, AreHandedOutInTheOrderTheyWereAskedFor) {
  Places places(2);
  places.acquire();
  places.acquire();  // both taken
  std::mutex order_mutex;
  std::vector<int> order;
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      places.acquire();
      {
        const std::lock_guard lock(order_mutex);
        order.push_back(i);
      }
      places.release();
    });
    until_waiting(places, static_cast<std::size_t>(i) + 1);
  }
  places.release();
  for (auto& t : threads) t.join();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7}));
  places.release();
  EXPECT_EQ(places.waiting(), 0u);
}

TEST(Places, NeverMoreAtOnceThanThereAre) {
  Places places(3);
  std::atomic<int> inside{0};
  std::atomic<int> most{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 200; ++j) {
        places.acquire();
        const int now = ++inside;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        --inside;
        places.release();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_LE(most.load(), 3);
  EXPECT_GE(most.load(), 1);
  EXPECT_EQ(places.waiting(), 0u);
}

}  // namespace
}  // namespace naskah::web
